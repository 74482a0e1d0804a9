"""The buyer records a tender as rejected for its own errors: ``[[rejection]]`` in
decisions.toml (award/set_aside.py).

Before, an input error in one bid (a price left "TBC") held the award back for good: the
blocker said the bids it affects are invalid "until they are put right or the buyer confirms
them", and there was no way to confirm anything. Putting a supplier's bid "right" would be
editing its submission. Now the rejection is recorded with its reason; that tender's errors
no longer hold the award back, and the tender stays invalid, with its reasons, everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.award.recorded import Decisions, RecordedRejection
from tendereval.cli import cli
from tests.example_copies import example_copy, example_with

MERIDIAN = "Meridian Care Group plc"
REJECTION = """
[[rejection]]
supplier = "meridian care group PLC"
{lot}reason = "Care hours not priced (Prices › G5); ITT 4.2 allows no clarification of price"
decided_by = "Head of Commissioning"
decided_on = 2026-03-05
"""


@pytest.fixture
def tbc(tmp_path: Path) -> Path:
    """The carers example with Meridian's first unit rate typed as TBC."""
    return example_with(
        tmp_path, "carers-short-breaks", "bids/meridian-care-group-plc.xlsx", "Prices!G5", "TBC"
    )


def _decide(folder: Path):
    return tendereval.score(folder, sensitivity=False)


def test_an_error_in_one_bid_holds_the_award_back_until_the_rejection_is_recorded(
    tbc: Path,
) -> None:
    before = _decide(tbc).award
    assert before.blockers == [
        "The inputs have 1 error in bids/meridian-care-group-plc.xlsx: the bids it affects are "
        "invalid until it is put right; a tender the buyer rejects for its own errors is "
        "recorded as rejected in decisions.toml ([[rejection]])."
    ]
    for lot in ('lot = "CSB"\n', ""):  # for the lot, or for every lot of the bid
        (tbc / "decisions.toml").write_text(REJECTION.format(lot=lot), encoding="utf-8")
        result = _decide(tbc)
        assert result.award.blockers == [] and result.award.summaries_ready
        assert [r.supplier for r in result.award.rejected] == ["meridian care group PLC"]
        # The tender stays invalid, with its reasons; the award is the ranking's.
        mine = result.results.filter(result.results["supplier"] == MERIDIAN).row(0, named=True)
        assert mine["status"] == "invalid"
        assert mine["reasons"][0].startswith("unit rate: 'TBC' is a placeholder")
        assert result.award.winner("CSB") == before.winner("CSB") == "Weald Carers Trust"
        assert result.award.to_dict()["rejected"] == [
            {"supplier": "meridian care group PLC", "lot": "CSB" if lot else None,
             "decided_on": "2026-03-05", "ground": None}
        ]  # fmt: skip


def test_every_output_says_so(tbc: Path, tmp_path: Path) -> None:
    (tbc / "decisions.toml").write_text(REJECTION.format(lot=""), encoding="utf-8")
    sent = tendereval.summaries(tbc, tmp_path / "summaries")
    assert sent.ready
    from openpyxl import load_workbook

    summary = load_workbook(
        tmp_path / "summaries" / "meridian-care-group-plc-assessment-summary.xlsx"
    )
    said = [c for row in summary["Summary"].iter_rows(values_only=True) for c in row if c]
    assert any(
        isinstance(c, str)
        and c.startswith("Your tender could not be assessed: unit rate: 'TBC'")
        and c.endswith(". The contracting authority rejected it on 2026-03-05.")
        for c in said
    )
    # The reason itself (which may name staff) stays in the evaluation record.
    assert not any(isinstance(c, str) and "ITT 4.2" in c for c in said)
    published = tendereval.publish(
        tbc,
        tmp_path / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC),
    )
    assert published.written
    assert MERIDIAN not in (tmp_path / "award.json").read_text(encoding="utf-8")


def test_allocate_reads_the_same_decision(tbc: Path) -> None:
    """allocate on the tender held back while the error stood, and went on holding back
    (exit 1) once the rejection let the summaries and the award notice go out."""
    assert not tendereval.allocate(tbc).ok
    (tbc / "decisions.toml").write_text(REJECTION.format(lot=""), encoding="utf-8")
    done = tendereval.allocate(tbc)
    assert done.ok and done.award.summaries_ready


@pytest.mark.parametrize(
    ("supplier", "code", "found"),
    [
        ("Weald Carers Trust", "decisions.rejection_not_invalid",
         "lot CSB: ranked"),
        ("Nobody Care Ltd", "decisions.rejection_unknown", "Nobody Care Ltd"),
    ],
)  # fmt: skip
def test_a_rejection_cannot_set_aside_a_tender_the_plan_ranks(
    tbc: Path, supplier: str, code: str, found: str
) -> None:
    text = REJECTION.format(lot="").replace("meridian care group PLC", supplier)
    (tbc / "decisions.toml").write_text(text, encoding="utf-8")
    award = _decide(tbc).award
    [problem] = award.problems
    assert (problem.code, problem.where, problem.found) == (
        code,
        "decisions.toml › rejection[0].supplier",
        found,
    )
    assert award.rejected == ()
    assert len(award.blockers) == 2  # the rejection's error, and the input error still there


def test_an_evaluators_error_is_not_settled_by_rejecting_another_tender(tbc: Path) -> None:
    """A score off the scale for a ranked tender is the evaluator's to put right."""
    from openpyxl import load_workbook

    sheet = tbc / "scores" / "helen-marsh.xlsx"
    book = load_workbook(sheet)
    book["Scores"]["F5"] = 9
    book.save(sheet)
    (tbc / "decisions.toml").write_text(REJECTION.format(lot=""), encoding="utf-8")
    award = _decide(tbc).award
    assert award.rejected != ()
    assert any(b.startswith("The inputs have 1 error") for b in award.blockers)


def test_a_file_that_could_not_be_read_is_rejected_by_its_name(tbc: Path) -> None:
    (tbc / "bids" / "meridian-care-group-plc.xlsx").write_bytes(b"not a workbook")
    text = REJECTION.format(lot="").replace("meridian care group PLC", "meridian-care-group-plc")
    (tbc / "decisions.toml").write_text(text, encoding="utf-8")
    assert _decide(tbc).award.blockers == []


@pytest.mark.parametrize(
    "named",
    ["meridian-care-group-plc.xlsx", "bids/meridian-care-group-plc.xlsx",
     "bids\\\\meridian-care-group-plc.XLSX"],
)  # fmt: skip
@pytest.mark.parametrize("record", ["rejection", "withdrawal"])
def test_a_file_that_could_not_be_read_is_named_as_score_shows_it(
    tbc: Path, named: str, record: str
) -> None:
    """``score`` lists the file as bids/meridian-care-group-plc.xlsx, and the officer names it
    so (or as Windows copies it). Only the file's stem was recognised: "names …, who has no
    tender in this evaluation", and the error held the award back."""
    (tbc / "bids" / "meridian-care-group-plc.xlsx").write_bytes(b"not a workbook")
    text = (
        f'[[rejection]]\nsupplier = "{named}"\nreason = "Unreadable"\n'
        if record == "rejection"
        else f'[[withdrawal]]\nsupplier = "{named}"\nwithdrawn_on = 2026-03-04\n'
    )
    (tbc / "decisions.toml").write_text(text, encoding="utf-8")
    result = _decide(tbc)
    assert result.award.blockers == []
    assert not [p for p in result.problems if p.file == "decisions.toml"]
    # The plan has one lot: the file is a bid for it, named by its file as score lists it.
    (unread,) = result.results.filter(source="bids/meridian-care-group-plc.xlsx").iter_rows(
        named=True
    )
    assert unread["lot"] == "CSB"
    assert unread["status"] == ("invalid" if record == "rejection" else "withdrawn")
    out = CliRunner().invoke(cli, ["score", str(tbc), "--no-report", "--no-sensitivity"])
    status = unread["status"]
    assert re.search(rf"\n   -  meridian-care-group-plc +{status}\n", out.output)


@pytest.mark.parametrize(
    "sent", ["late-arrival.xls", "late-arrival.csv", "late-arrival.xlsx.crdownload"]
)
@pytest.mark.parametrize("record", ["rejection", "withdrawal"])
def test_a_submission_not_sent_as_a_workbook_is_named_by_its_file(
    tmp_path: Path, sent: str, record: str
) -> None:
    """A late bid sent as an old .xls (or a CSV, or a download left unfinished) is listed
    as bids/late-arrival.xls; named so in decisions.toml it was "names bids/late-arrival.xls,
    who has no tender in this evaluation", and the award was held back for good."""
    folder = example_copy(tmp_path)
    (folder / "bids" / sent).write_bytes(b"not a workbook")
    text = (
        f'[[rejection]]\nsupplier = "bids/{sent}"\nreason = "Received after the deadline"\n'
        if record == "rejection"
        else f'[[withdrawal]]\nsupplier = "bids/{sent}"\nwithdrawn_on = 2026-03-04\n'
    )
    (folder / "decisions.toml").write_text(text, encoding="utf-8")
    result = _decide(folder)
    assert result.award.blockers == [] and result.award.held_back is None
    # The plan has one lot: the submission is a bid for it (set aside by the record).
    (unread,) = result.results.filter(source=f"bids/{sent}").iter_rows(named=True)
    assert unread["lot"] == "CSB"
    assert unread["status"] == ("invalid" if record == "rejection" else "withdrawn")


def test_decisions_made_in_python_reach_the_same_award(tbc: Path) -> None:
    result = _decide(tbc)
    rejection = RecordedRejection(supplier=MERIDIAN, reason="Not priced", decided_on="2026-03-05")
    award = tendereval.decide(result, Decisions(rejections=(rejection,)))
    (tbc / "decisions.toml").write_text(REJECTION.format(lot=""), encoding="utf-8")
    from_file = _decide(tbc).award
    assert award.blockers == from_file.blockers == []
    assert json.dumps(award.to_dict()["lots"]) == json.dumps(from_file.to_dict()["lots"])


@pytest.mark.parametrize(
    ("entry", "code", "where"),
    [
        ('supplier = "X"\n', "decisions.missing_value", "rejection[0].reason"),
        ('supplier = "X"\nreason = "r"\nlot = "NOPE"\n', "decisions.unknown_lot",
         "rejection[0].lot"),
    ],
)  # fmt: skip
def test_a_rejection_without_a_reason_or_for_no_lot_is_refused_at_its_key(
    tbc: Path, entry: str, code: str, where: str
) -> None:
    (tbc / "decisions.toml").write_text(f"[[rejection]]\n{entry}", encoding="utf-8")
    problems = [p for p in tendereval.validate(tbc).problems if p.file == "decisions.toml"]
    assert [(p.code, p.cell) for p in problems] == [(code, where)]


_VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.lists(st.text(max_size=5), max_size=2),
    st.sampled_from(
        ["Meridian Care Group plc", "MERIDIAN care group plc ", "CSB", "Weald Carers Trust"]
    ),
)


@settings(max_examples=40, deadline=None)
@given(
    entries=st.lists(
        st.dictionaries(
            st.sampled_from(["supplier", "lot", "reason", "decided_on", "decided_by", "other"]),
            _VALUES,
            max_size=6,
        ),
        max_size=3,
    )
)
def test_any_rejection_entries_give_an_award_or_problems_never_an_exception(
    tbc_result, entries
) -> None:
    """Written from Python (the file's path checks the same): whatever the entries hold, the
    decision is made, every bad entry is a problem at its key, and no entry changes who is
    ranked first, nor lets a tender that is not invalid be set aside."""
    decisions, problems = _checked(entries)
    award = tendereval.decide(tbc_result, decisions)
    assert award.winner("CSB") == "Weald Carers Trust"
    assert all(p.file == "decisions.toml" for p in [*problems, *award.problems])
    for rejection in award.rejected:
        assert rejection.supplier.strip().casefold() == MERIDIAN.casefold()


def _checked(entries: list[dict]):
    from tendereval.award.recorded import _read
    from tendereval.errors import Problems

    problems = Problems()
    decisions = _read({"rejection": entries}, ["CSB"], "PA2023", "decisions.toml", problems)
    return decisions, list(problems)


@pytest.fixture(scope="module")
def tbc_result(tmp_path_factory):
    folder = example_with(
        tmp_path_factory.mktemp("tbc"), "carers-short-breaks",
        "bids/meridian-care-group-plc.xlsx", "Prices!G5", "TBC",
    )  # fmt: skip
    return tendereval.score(folder, sensitivity=False)
