"""A supplier sends a revised bid return after the deadline, its first return having come in on
time, and the buyer rejects the late one by naming its file (``[[rejection]]``, ``supplier =
"bids/…"``): the first return stands.

Before, nothing could record it. With both files in bids/, neither return was evaluated and the
award waited on a tender that could win. A rejection naming the late file was refused ("names
the bid return …, which was read … only a withdrawal names a return by its file"), and a
withdrawal would have misstated who set it aside: the supplier did not withdraw it. Now the
first return is evaluated exactly as if the late one had never been sent, while the late one
stays in the results (``invalid``, the rejection its reason) and on the record, counted nowhere
as another bid.

A rejection confirms an invalidity and never makes one: naming a supplier's only return by its
file, it is a rejection of the tender that return makes, checked as one naming the supplier.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner
from polars.testing import assert_frame_equal

import tendereval
from tendereval.award.decisions_text import decisions_toml
from tendereval.award.recorded import Decisions, RecordedRejection, load_decisions
from tendereval.award.set_aside import ANOTHER_RETURN
from tendereval.cli import cli
from tests.example_copies import example_copy
from tests.ocds.ocds_schema import all_problems

WEALD = "Weald Carers Trust"
FIRST = "bids/weald-carers-trust.xlsx"
LATE = "bids/weald-carers-trust-revised.xlsx"  # sorts first by name: '-' before '.'
LATE_REASON = "Received on 3 March at 14:05, after the 12:00 deadline (ITT 3.1)"


def _rejection(named: str = LATE, ground: str | None = None, lot: str | None = None) -> str:
    return (
        f'[[rejection]]\nsupplier = "{named}"\n'
        + (f'lot = "{lot}"\n' if lot else "")
        + (f'ground = "{ground}"\n' if ground else "")
        + f'reason = "{LATE_REASON}"\ndecided_by = "Head of Commissioning"\n'
        "decided_on = 2026-03-05\n"
    )


def _late(tmp_path: Path, *, late: object = 25.0, first: object = None) -> Path:
    """The carers example in which Weald Carers Trust sent a revised return (its sitting-hours
    rate ``late``) after its first (that rate ``first``, if given), both in bids/."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / FIRST)
    book["Prices"]["G5"] = late
    book.save(folder / LATE)
    if first is not None:
        book = openpyxl.load_workbook(folder / FIRST)
        book["Prices"]["G5"] = first
        book.save(folder / FIRST)
    return folder


def _recorded(folder: Path, *records: str) -> Path:
    (folder / "decisions.toml").write_text("\n".join(records or [_rejection()]), encoding="utf-8")
    return folder


def _score(folder: Path | tendereval.Tender) -> tendereval.ScoreResult:
    return tendereval.score(folder, sensitivity=False)


def _never_sent(tmp_path: Path, **rates: object) -> tendereval.ScoreResult:
    """The same tender without the late return: what the first must be evaluated as."""
    folder = _late(tmp_path / "never-sent", **rates)
    (folder / LATE).unlink()
    return _score(folder)


def _reason(ground: str | None) -> str:
    how = (
        "disregarded by the contracting authority on 2026-03-05 because the tender breaches a "
        "procedural requirement of the tender documents"
        if ground
        else "rejected by the contracting authority on 2026-03-05"
    )
    return f"bid return {LATE} {how}: {LATE_REASON} (decisions.toml › rejection[0])"


@pytest.mark.parametrize("ground", [None, "procedural_breach"])
def test_the_first_return_stands_as_if_the_late_one_were_never_sent(
    tmp_path: Path, ground: str | None
) -> None:
    result = _score(_recorded(_late(tmp_path), _rejection(ground=ground)))
    reference = _never_sent(tmp_path)
    assert_frame_equal(result.results.filter(pl.col("source") != LATE), reference.results)
    assert_frame_equal(result.criteria, reference.criteria)
    assert result.award.winner("CSB") == WEALD
    assert result.award.held_back is None and result.award.problems == ()
    assert [p for p in result.problems if p.is_error] == []
    # Nothing is lost: the late return is in the results, and its bytes on the record.
    (late,) = result.results.filter(pl.col("source") == LATE).iter_rows(named=True)
    assert (late["supplier"], late["status"]) == (WEALD, "invalid")
    assert late["reasons"] == [_reason(ground)]
    assert late["total"] is None and late["flags"] == []
    hashed = set(result.inputs.filter(pl.col("kind") == "bid").get_column("path"))
    assert {FIRST, LATE} <= hashed
    # The record is the buyer's rejection, applied as recorded.
    (rejected,) = result.award.rejected
    assert (rejected.file, rejected.ground) == (LATE, ground)


def test_an_error_in_the_late_return_holds_nothing_back(tmp_path: Path) -> None:
    result = _score(_recorded(_late(tmp_path, late="TBC")))
    reference = _never_sent(tmp_path)
    assert_frame_equal(result.results.filter(pl.col("source") != LATE), reference.results)
    assert [p.file for p in result.problems if p.is_error] == [LATE]
    assert result.award.held_back is None and result.award.not_put_right == ()


def test_an_error_in_the_return_that_stands_still_holds_the_award_back(tmp_path: Path) -> None:
    """Rejecting the late return settles only its own errors: the first return's price left
    as TBC makes Weald's tender invalid, and it could still win once put right."""
    result = _score(_recorded(_late(tmp_path, first="TBC")))
    statuses = result.results.filter(pl.col("supplier") == WEALD).select("source", "status")
    assert statuses.rows() == [(FIRST, "invalid"), (LATE, "invalid")]  # the tender first
    # Every count takes the tender, not the return set aside, in whatever order the rows come.
    weald = result.results.filter(pl.col("supplier") == WEALD)
    for rows in (weald, weald.reverse()):
        assert rows.filter(~ANOTHER_RETURN).get_column("source").to_list() == [FIRST]
    assert result.award.not_put_right == (("CSB", WEALD),)
    assert "not to be made yet" in result.award.held_back
    folder = _recorded(_late(tmp_path / "cli", first="TBC"))
    out = CliRunner().invoke(
        cli, ["score", str(folder), "--no-report", "--no-sensitivity"], terminal_width=200
    )
    # Weald's tender is listed with its own error; the late return with the rejection alone.
    listed = out.output[out.output.index("Lot CSB") :]
    assert listed.index("Prices") < listed.index(f"bid return {LATE} rejected")
    assert "- rejected by the contracting authority" not in listed


def test_every_command_counts_one_tender_and_names_the_one_that_stands(tmp_path: Path) -> None:
    folder = _recorded(_late(tmp_path))
    runner = CliRunner()
    scored = runner.invoke(
        cli,
        ["score", str(folder), "--json", str(tmp_path / "r.json"), "-o", str(tmp_path / "r.xlsx")],
        terminal_width=200,
    )
    assert scored.exit_code == 0, scored.output
    assert (
        "5 bids (4 ranked, 1 disqualified) and the in-house comparator, "
        "and 1 further bid return from a supplier that bid twice"
    ) in scored.output
    assert f"- {_reason(None)}" in scored.output
    assert "Proposed award: Weald Carers Trust" in scored.output
    # Weald's close call is its tender's, said under it once (and under Brightwater's), not
    # again under the return set aside.
    assert scored.output.count("! first and second are 0.9749 points apart") == 2
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    (recorded,) = data["award"]["rejected"]
    assert (recorded["file"], recorded["supplier"]) == (LATE, "weald-carers-trust-revised")
    audit = openpyxl.load_workbook(tmp_path / "r.xlsx")["Audit"]
    assert any(LATE in row for row in audit.iter_rows(values_only=True))
    summary = openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"]
    row = dict(zip([c.value for c in summary[4]], [c.value for c in summary[5]], strict=True))
    assert (row["Valid bids"], row["Invalid bids"]) == (4, 0)  # (the comparator is no bid)

    # One summary for Weald, with the outcome of the tender that stands.
    sent = runner.invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "s")])
    assert sent.exit_code == 0, sent.output
    # It said Weald's bid "could not be assessed", of the late return set aside.
    assert "could not be assessed" not in sent.output
    book = openpyxl.load_workbook(tmp_path / "s" / "weald-carers-trust-assessment-summary.xlsx")
    outcomes = [r for r in book["Summary"].iter_rows(values_only=True) if r[0] == "CSB"]
    assert [r[2] for r in outcomes] == ["Your tender was the most advantageous tender."]

    published = tendereval.publish(
        folder,
        tmp_path / "award.json",
        internal=True,
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC),
    )
    release = published.package["releases"][0]
    assert all_problems(published.package) == []
    measures = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    # (The in-house comparator is no bid.)
    assert (measures["bids"], measures["validBids"]) == (5, 4)
    (award,) = release["awards"]
    awarded = {bid["id"]: bid for bid in release["bids"]["details"]}[award["relatedBid"]]
    assert awarded["tenderers"][0]["name"] == WEALD
    (late,) = [b for b in release["bids"]["details"] if _reason(None) in b.get("statusDetails", "")]
    assert (late["status"], late["tenderers"][0]["name"]) == ("disqualified", WEALD)

    sheet = runner.invoke(
        cli, ["template", "score-sheet", "--tender", str(folder), "-o", str(tmp_path / "t.xlsx")]
    )
    assert sheet.exit_code == 0, sheet.output
    scores = openpyxl.load_workbook(tmp_path / "t.xlsx")["Scores"]
    suppliers = [r[0] for r in scores.iter_rows(min_row=5, values_only=True) if r[0]]
    assert suppliers.count(WEALD) == suppliers.count("Brightwater Care Services Ltd") > 0


def test_a_suppliers_only_return_rejected_by_its_file_is_its_tender(tmp_path: Path) -> None:
    """Named by its file or by its supplier, a supplier's one return is its tender: a rejection
    without a ground may not set a ranked tender aside; with one, it is disregarded exactly as
    one naming the supplier would."""
    result = _score(_recorded(example_copy(tmp_path / "no-ground"), _rejection(FIRST)))
    (wrong,) = result.award.problems
    assert (wrong.code, wrong.cell) == ("decisions.rejection_not_invalid", "rejection[0].supplier")
    assert wrong.message == (
        f"the rejection of the bid return {FIRST} names no tender that is invalid, so it was not "
        "applied"
    )
    assert result.award.winner("CSB") == WEALD and "not to be made yet" in result.award.held_back

    by_file = _score(
        _recorded(example_copy(tmp_path / "file"), _rejection(FIRST, "procedural_breach"))
    )
    by_name = _score(
        _recorded(example_copy(tmp_path / "name"), _rejection(WEALD, "procedural_breach"))
    )
    assert_frame_equal(by_file.results, by_name.results)
    assert by_file.award.winner("CSB") == by_name.award.winner("CSB") != WEALD
    assert by_file.award.problems == () and by_file.award.held_back is None


def test_a_suppliers_only_invalid_return_rejected_by_its_file_is_settled(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / FIRST)
    book["Prices"]["G5"] = "TBC"
    book.save(folder / FIRST)
    before = _score(folder)
    assert before.award.not_put_right == (("CSB", WEALD),)
    result = _score(_recorded(folder, _rejection(FIRST)))
    assert result.award.problems == () and result.award.held_back is None
    (weald,) = result.results.filter(pl.col("supplier") == WEALD).iter_rows(named=True)
    assert weald["status"] == "invalid"
    assert tendereval.summaries(result, tmp_path / "s").ready
    book = openpyxl.load_workbook(tmp_path / "s" / "weald-carers-trust-assessment-summary.xlsx")
    (outcome,) = [r[2] for r in book["Summary"].iter_rows(values_only=True) if r[0] == "CSB"]
    assert outcome.endswith("The contracting authority rejected it on 2026-03-05.")


def test_both_returns_rejected_leave_one_tender_rejected(tmp_path: Path) -> None:
    """Both returns came in late: the tender the rejections name is the first by file name,
    disregarded; the other is set aside beside it, and nothing waits."""
    folder = _recorded(
        _late(tmp_path),
        _rejection(FIRST, "procedural_breach"),
        _rejection(LATE, "procedural_breach").replace("rejection[0]", "rejection[1]"),
    )
    result = _score(folder)
    weald = result.results.filter(pl.col("supplier") == WEALD)
    assert weald.select("source", "status").rows() == [(LATE, "disqualified"), (FIRST, "invalid")]
    assert result.award.problems == () and result.award.held_back is None
    assert result.award.winner("CSB") != WEALD


def test_the_late_return_rejected_after_the_first_was_withdrawn_is_the_tender(
    tmp_path: Path,
) -> None:
    """The first return withdrawn by its file, the revised one is the tender: a rejection of it
    without a ground would set a ranked tender aside, and is refused (it said "names the bid
    return …, which was read", as if a file could not be named)."""
    withdrawal = f'[[withdrawal]]\nsupplier = "{FIRST}"\nwithdrawn_on = 2026-03-02\n'
    result = _score(_recorded(_late(tmp_path), withdrawal, _rejection()))
    (wrong,) = result.award.problems
    assert (wrong.code, wrong.cell) == ("decisions.rejection_not_invalid", "rejection[0].supplier")
    assert f"the bid return {LATE}" in wrong.message
    statuses = result.results.filter(pl.col("supplier") == WEALD).select("source", "status")
    assert statuses.rows() == [(LATE, "ranked"), (FIRST, "withdrawn")]


def test_a_rejection_naming_no_bid_file_is_an_error_at_its_key(tmp_path: Path) -> None:
    folder = _recorded(_late(tmp_path), _rejection("bids/weald-carers-trust-v3.xlsx"))
    (wrong,) = [p for p in tendereval.validate(folder).problems if p.file == "decisions.toml"]
    assert (wrong.code, wrong.cell) == ("decisions.rejection_unknown", "rejection[0].supplier")
    assert wrong.message == (
        "the rejection names the bid file bids/weald-carers-trust-v3.xlsx, which is not among "
        "the bid returns in bids/, so it was not applied"
    )
    result = _score(folder)
    assert [p.code for p in result.award.problems] == ["decisions.rejection_unknown"]
    weald = result.results.filter(pl.col("supplier") == WEALD)
    assert weald.get_column("status").to_list() == ["invalid", "invalid"]
    assert "not to be made yet" in result.award.held_back


def test_a_rejection_naming_a_file_is_written_back_as_named(tmp_path: Path) -> None:
    record = RecordedRejection("bids\\weald-carers-trust-revised.xlsx", LATE_REASON)
    assert (record.file, record.supplier) == (LATE, "weald-carers-trust-revised")
    text = decisions_toml(Decisions(rejections=(record,)))
    assert f'supplier = "{LATE}"' in text
    (tmp_path / "decisions.toml").write_text(text, encoding="utf-8")
    (again,) = load_decisions(tmp_path, ["CSB"]).decisions.rejections
    assert dataclasses.replace(again, where="") == record
    result = _score(_recorded(_late(tmp_path / "t")))
    assert tendereval.decide(result, result.decisions).problems == ()
    # Deciding without it is deciding on other scores than the result's.
    (other,) = tendereval.decide(result, Decisions()).problems
    assert other.code == "decisions.not_scored"


def test_a_return_rejected_only_in_python_says_to_record_it_and_load_again(
    tmp_path: Path,
) -> None:
    """The loader chooses which return to read before scoring: a rejection given in Python
    comes too late to choose, and says so, rather than leave the award waiting unexplained."""
    tender = tendereval.load_tender(_late(tmp_path))
    record = RecordedRejection(LATE, LATE_REASON, decided_on="2026-03-05")
    tried = _score(dataclasses.replace(tender, decisions=Decisions(rejections=(record,))))
    late = [p for p in tried.problems if p.code == "decisions.not_scored"]
    assert [p.found for p in late] == [LATE]
    assert late[0].cell == "rejection" and "[[rejection]]" in late[0].expected
    assert tried.award.not_put_right == (("CSB", WEALD),)


def test_a_price_explanation_naming_a_return_that_was_read_says_whose_it_is(
    tmp_path: Path,
) -> None:
    """Only a withdrawal or a rejection names a return by its file: a price explanation is of
    the supplier's tender, and is told whose the file is."""
    explanation = (
        f'[[price_explanation]]\nsupplier = "{FIRST}"\nqueried_on = 2026-03-02\n'
        "accepted_on = 2026-03-04\n"
    )
    folder = _recorded(example_copy(tmp_path), explanation)
    (wrong,) = [p for p in tendereval.validate(folder).problems if p.file == "decisions.toml"]
    assert wrong.code == "decisions.explanation_unknown"
    assert wrong.message == (
        f"the price explanation names the bid return {FIRST}, which was read: it is {WEALD}'s, "
        "so it was not applied"
    )
    assert wrong.expected == (
        f"the supplier's name ({WEALD}), with the lot if not every lot; only a withdrawal or a "
        "rejection names a return by its file"
    )


def test_a_late_return_under_another_spelling_rejected_by_its_file_leaves_the_other(
    tmp_path: Path,
) -> None:
    """Stour Valley Homecare sent its return as "Ltd" on time and again as "Limited" after the
    deadline, one company number in both. Rejecting the "Limited" file left "Ltd" invalid as
    its double ("gives the same company number … neither is evaluated"), and the award waited
    for good; the "Ltd" tender is now evaluated as if the late one had never been sent."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / "bids/stour-valley-homecare-ltd.xlsx")
    book["Organisation"]["B4"] = "Stour Valley Homecare Limited"
    book.save(folder / "bids/stour-valley-homecare-limited.xlsx")
    result = _score(_recorded(folder, _rejection("bids/stour-valley-homecare-limited.xlsx")))
    reference = _score(example_copy(tmp_path / "reference"))
    late = pl.col("source") == "bids/stour-valley-homecare-limited.xlsx"
    assert_frame_equal(result.results.filter(~late), reference.results)
    # Set aside beside the "Ltd" tender, as the same organisation's late return (it was the
    # "tender" of a seventh bidder, rejected, counted among the bids received).
    assert result.results.filter(late).select("supplier", "status", "reasons").rows() == [
        (
            "Stour Valley Homecare Ltd",
            "invalid",
            [
                "bid return bids/stour-valley-homecare-limited.xlsx rejected by the contracting "
                f"authority on 2026-03-05: {LATE_REASON} (decisions.toml › rejection[0])"
            ],
        )
    ]
    assert [p.code for p in result.problems] == ["bid.read_as_registered"]
    assert result.award.problems == () and result.award.held_back is None
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert (
        "5 bids (4 ranked, 1 disqualified) and the in-house comparator, "
        "and 1 further bid return from a supplier that bid twice"
    ) in out.output
    sent = tendereval.summaries(folder, tmp_path / "summaries")
    assert len(sent.paths) == 5 and sent.ready  # (none for the in-house comparator)


def test_the_supplier_withdrawing_since_leaves_the_late_return_rejected(tmp_path: Path) -> None:
    """After its late return was rejected, Weald withdrew its tender outright. Its tender is
    withdrawn; the late return stays rejected (it read "withdrawn by the supplier", as if the
    supplier had withdrawn a return the buyer had rejected), and counts as no second bid."""
    withdrawal = f'[[withdrawal]]\nsupplier = "{WEALD}"\nwithdrawn_on = 2026-03-06\n'
    folder = _recorded(_late(tmp_path), _rejection(), withdrawal)
    result = _score(folder)
    weald = result.results.filter(pl.col("supplier") == WEALD)
    assert dict(weald.select("source", "status").rows()) == {
        FIRST: "withdrawn",
        LATE: "invalid",
    }
    assert weald.filter(pl.col("source") == LATE).get_column("reasons").to_list() == [
        [_reason(None)]
    ]
    assert result.award.problems == () and result.award.held_back is None
    assert result.award.winner("CSB") == "Brightwater Care Services Ltd"
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert (
        "5 bids (3 ranked, 1 disqualified, 1 withdrawn) and the in-house comparator, "
        "and 1 further bid return from a "
        "supplier that bid twice"
    ) in out.output
    assert tendereval.summaries(result, tmp_path / "s").withdrawn == [WEALD]


def test_a_late_bid_rejected_by_its_file_is_rejected_as_by_its_name(tmp_path: Path) -> None:
    """Late Comers Ltd's only return came in after the deadline, and nobody scored it. Named by
    its file, the rejection confirms the tender's invalidity as one naming the supplier does,
    and no evaluator is asked for the scores they rightly left out (each was warned that they
    "gave no score for 4 of the 28 … rows they were expected to score")."""

    def late_bid(folder: Path, named: str) -> Path:
        book = openpyxl.load_workbook(folder / FIRST)
        organisation = book["Organisation"]
        organisation["B4"], organisation["B6"], organisation["B7"] = "Late Comers Ltd", "0999", None
        organisation["B16"] = "PLTC-0999-LATE"  # its own PPON: one copied is one organisation
        book.save(folder / "bids/late-comers-ltd.xlsx")
        rejection = f'[[rejection]]\nsupplier = "{named}"\nreason = "{LATE_REASON}"\n'
        (folder / "decisions.toml").write_text(rejection, encoding="utf-8")
        return folder

    by_file = _score(late_bid(example_copy(tmp_path / "f"), "bids/late-comers-ltd.xlsx"))
    by_name = _score(late_bid(example_copy(tmp_path / "n"), "Late Comers Ltd"))
    assert_frame_equal(by_file.results, by_name.results)
    assert [p for p in by_file.problems if p.file != "decisions.toml"] == [
        p for p in by_name.problems if p.file != "decisions.toml"
    ]
    assert not [p for p in by_file.problems if p.code == "scores.incomplete"]
    assert by_file.award.problems == () and by_file.award.held_back is None
