"""A tender the plan ranks, disregarded on a ground the law gives: ``[[rejection]]`` with a
``ground`` in decisions.toml.

Before, the report flagged an abnormally low price ("ask the supplier to explain it") and
nothing could be done with the answer: a rejection of a ranked tender was refused, so a tender
the buyer had lawfully disregarded stayed ranked first and set every other price score. The
only way out was to delete the bid file. Now the rejection names its ground; the tender is set
aside before any relative score is worked out, and is shown as disqualified with the ground,
the date and the reason, in every output and in its own assessment summary.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.award.recorded import GROUNDS, Decisions, RecordedRejection
from tendereval.scoring.combine import DISREGARDED_OPENING
from tests.award.test_withdrawals import COMPARED, _without
from tests.example_copies import EXAMPLES
from tests.ocds.ocds_schema import all_problems

MERIDIAN = "Meridian Care Group plc"
BRIGHTWATER = "Brightwater Care Services Ltd"
ALT = (
    '\n[[rejection]]\nsupplier = "Meridian Care Group plc"\nground = "abnormally_low"\n'
    '{queried}reason = "Its explanation of 4 March did not account for care hours priced '
    'below the National Living Wage"\ndecided_by = "Head of Commissioning"\n'
    "decided_on = 2026-03-09\n"
)


def _copy(tmp_path: Path, decisions: str, example: str = "carers-short-breaks") -> Path:
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder, ignore=shutil.ignore_patterns("reports"))
    (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    return folder


def _row(result: tendereval.ScoreResult, supplier: str) -> dict:
    return result.results.filter(pl.col("supplier") == supplier).row(0, named=True)


def test_an_abnormally_low_tender_disregarded_sets_no_other_score(tmp_path: Path) -> None:
    """Worked by hand: Meridian's £2,273,877.20 set every price score (40 × lowest ÷ own);
    disregarded, Brightwater's £3,037,118.34 is the lowest, and scores the full 40."""
    folder = _copy(tmp_path, ALT.format(queried="queried_on = 2026-03-02\n"))
    result = tendereval.score(folder, sensitivity=False)
    assert _row(result, BRIGHTWATER)["price_score"] == pytest.approx(40.0)
    meridian = _row(result, MERIDIAN)
    assert meridian["status"] == "disqualified" and meridian["rank"] is None
    # Shown with the scores it would have had had it alone joined the ranked tenders.
    assert meridian["price_score"] == pytest.approx(40.0)
    assert meridian["total"] == pytest.approx(40.0 + 23.5 + 9.25, abs=0.01)
    assert meridian["reasons"] == [
        "disregarded by the contracting authority on 2026-03-09 because its price is "
        "abnormally low, and the supplier did not show the contracting authority that it can "
        "perform the contract for that price (the supplier was asked to explain its price on "
        "2026-03-02): "
        "Its explanation of 4 March did not account for care hours priced below the National "
        "Living Wage"
    ]
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert result.award.blockers == [] and result.award.problems == ()
    assert result.award.to_dict()["rejected"] == [
        {"supplier": MERIDIAN, "lot": None, "decided_on": "2026-03-09", "ground": "abnormally_low"}
    ]


def test_a_tender_disregarded_the_day_it_was_queried_is_warned_of(tmp_path: Path) -> None:
    """Found by a red team: queried and disregarded on 9 March, the supplier had no time to
    explain (Procurement Act 2023 s.34: a reasonable opportunity), yet nothing was said and
    every output stated that "the supplier's explanation did not show …", though no
    explanation was recorded. Now a warning names the record, the rejection still applies
    (the buyer may know better), and no output says an explanation was given."""
    folder = _copy(tmp_path, ALT.format(queried="queried_on = 2026-03-09\n"))
    report = tendereval.validate(folder)
    (warning,) = [p for p in report.problems if p.file == "decisions.toml"]
    assert (warning.cell, warning.code, warning.is_error) == (
        "rejection[0].queried_on",
        "decisions.no_time_to_explain",
        False,
    )
    assert warning.message == (
        "the tender was disregarded as abnormally low on the day its supplier was asked to "
        "explain its price, so the supplier was given no time to explain it"
    )
    assert warning.found == "queried_on and decided_on both 2026-03-09"
    assert "s.34" in warning.expected
    result = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in result.problems if p.file == "decisions.toml"] == [
        "decisions.no_time_to_explain"
    ]
    assert _row(result, MERIDIAN)["status"] == "disqualified"
    (reason,) = _row(result, MERIDIAN)["reasons"]
    assert "explanation did not" not in reason and "its explanation" not in reason.split(":")[0]
    # A day between the query and the decision is not warned about.
    folder = _copy(tmp_path / "next-day", ALT.format(queried="queried_on = 2026-03-08\n"))
    assert [p for p in tendereval.validate(folder).problems if p.file == "decisions.toml"] == []


@pytest.mark.parametrize(
    ("queried", "found"),
    [
        ("", "the supplier was asked to explain its price"),
        ("queried_on = 2026-03-10\n", "after the tender was disregarded"),
    ],
    ids=["never queried", "queried after"],
)
def test_an_abnormally_low_tender_is_queried_before_it_is_disregarded(
    tmp_path: Path, queried: str, found: str
) -> None:
    folder = _copy(tmp_path, ALT.format(queried=queried))
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.file == "decisions.toml"]
    assert (problem.cell, problem.code) == (
        "rejection[0].queried_on",
        "decisions.rejection_not_queried",
    )
    assert found in problem.message or found in problem.expected
    # Not applied: the tender stays ranked, and the award waits for the record to be right.
    assert _row(result, MERIDIAN)["status"] == "ranked"
    assert not result.award.summaries_ready


def test_a_ground_the_law_does_not_give_is_refused_and_a_ranked_tender_needs_one(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path, ALT.format(queried="").replace("abnormally_low", "too_cheap"))
    result = tendereval.score(folder, sensitivity=False)
    assert [(p.cell, p.code) for p in result.problems if p.file == "decisions.toml"] == [
        ("rejection[0].ground", "decisions.rejection_ground")
    ]
    no_ground = ALT.format(queried="").replace('ground = "abnormally_low"\n', "")
    (folder / "decisions.toml").write_text(no_ground, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = result.award.problems
    assert problem.code == "decisions.rejection_not_invalid"
    assert 'add ground = "abnormally_low" (with queried_on)' in problem.expected


def test_an_excluded_supplier_is_disregarded_in_every_lot_it_bid_for(tmp_path: Path) -> None:
    supplier = "Oasthouse Care Group Ltd"
    folder = _copy(
        tmp_path,
        f'[[rejection]]\nsupplier = "{supplier}"\nground = "excluded_supplier"\n'
        'reason = "Debarment list entry of 2 March 2026"\ndecided_on = 2026-03-03\n',
        "homecare-districts",
    )
    result = tendereval.score(folder, sensitivity=False)
    mine = result.results.filter(pl.col("supplier") == supplier)
    assert mine.height > 1 and set(mine["status"]) == {"disqualified"}
    assert all(r[-1].startswith(DISREGARDED_OPENING) for r in mine["reasons"])
    assert supplier not in {award.supplier for award in result.award.lots.values()}


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_disregarded_tenders_leave_the_others_as_if_never_submitted(carers, data) -> None:
    suppliers = sorted(carers.bids.get_column("supplier").unique())
    chosen = data.draw(st.sets(st.sampled_from(suppliers), min_size=1, max_size=4))
    grounds = data.draw(st.lists(st.sampled_from(sorted(GROUNDS)), min_size=4, max_size=4))
    records = tuple(
        RecordedRejection(
            name, "x", ground=ground, decided_on="2026-03-09", queried_on="2026-03-02"
        )
        for name, ground in zip(sorted(chosen), grounds, strict=False)
    )
    recorded = dataclasses.replace(carers, decisions=Decisions(rejections=records))
    result = tendereval.score(recorded, sensitivity=False)
    reference = tendereval.score(_without(carers, chosen), sensitivity=False)
    set_aside = result.results.filter(pl.col("supplier").is_in(sorted(chosen)))
    # The council's in-house team is the comparator whatever is recorded of it: no tender.
    in_house = pl.col("supplier") == "Example County Council Short Breaks Service"
    assert set(set_aside.filter(~in_house)["status"]) <= {"disqualified", "invalid"}
    assert set(set_aside.filter(in_house)["status"]) <= {"comparator"}
    others = result.results.filter(~pl.col("supplier").is_in(sorted(chosen)))
    assert others.select(COMPARED).equals(reference.results.select(COMPARED))


def test_decide_refuses_a_disregard_the_result_was_not_scored_with() -> None:
    result = tendereval.score(EXAMPLES / "carers-short-breaks", sensitivity=False)
    alt = RecordedRejection(
        MERIDIAN, "x", ground="abnormally_low", queried_on="2026-03-02", decided_on="2026-03-09"
    )
    award = tendereval.decide(result, Decisions(rejections=(alt,)))
    assert [p.code for p in award.problems] == ["decisions.not_scored"]


def test_the_award_notice_counts_it_apart_and_stays_valid_ocds(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ALT.format(queried="queried_on = 2026-03-02\n"))
    published = tendereval.publish(
        folder,
        tmp_path / "award.json",
        internal=True,
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC),
    )
    assert all_problems(published.package) == []
    release = published.package["releases"][0]
    measures = {s["measure"]: s for s in release["bids"]["statistics"]}
    assert measures["disqualifiedBids"]["value"] == 2
    assert measures["disqualifiedBids"]["notes"] == (
        "1 disqualified on a published minimum score; 1 disregarded by the contracting "
        "authority on a ground the law gives; 0 could not be assessed (invalid)"
    )
    details = {b["tenderers"][0]["name"]: b for b in release["bids"]["details"]}
    assert details[MERIDIAN]["status"] == "disqualified"
    assert details[MERIDIAN]["statusDetails"].startswith(
        "disqualified: disregarded by the contracting authority on 2026-03-09"
    )


def test_decisions_given_in_python_are_checked_as_the_file_is(carers) -> None:
    """A notebook's tender with a rejection on a ground nobody knows failed with KeyError
    deep in scoring: now the decisions are checked as decisions.toml is."""
    odd = Decisions(rejections=(RecordedRejection(MERIDIAN, "x", ground="too_cheap"),))
    result = tendereval.score(dataclasses.replace(carers, decisions=odd), sensitivity=False)
    assert "decisions.rejection_ground" in {p.code for p in result.problems}
    assert _row(result, MERIDIAN)["status"] == "ranked"  # not applied
    assert result.decisions.rejections == ()


def test_the_audit_sheet_records_every_tender_set_aside_word_for_word(tmp_path: Path) -> None:
    import openpyxl

    folder = _copy(
        tmp_path,
        ALT.format(queried="queried_on = 2026-03-02\n")
        + '\n[[withdrawal]]\nsupplier = "Hop Garden Respite CIC"\nwithdrawn_on = 2026-03-04\n'
        'recorded_by = "Procurement Officer"\nnote = "Email of 4 March"\n',
    )
    result = tendereval.score(folder, sensitivity=False)
    from tendereval.report.excel import write_report

    write_report(result, tmp_path / "r.xlsx")
    rows = [
        [v for v in row if v is not None]
        for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["Audit"].iter_rows(values_only=True)
    ]
    start = rows.index(["Tenders set aside by the buyer's record"])
    assert rows[start + 2 : start + 4] == [
        [
            "every lot bid for",
            "Hop Garden Respite CIC",
            "withdrawn by the supplier",
            "Email of 4 March",
            "Procurement Officer, withdrawn on 2026-03-04",
            "withdrawal[0]",
        ],
        [
            "every lot bid for",
            MERIDIAN,
            "disregarded: abnormally low (queried on 2026-03-02)",
            "Its explanation of 4 March did not account for care hours priced below the "
            "National Living Wage",
            "Head of Commissioning, 2026-03-09",
            "rejection[0]",
        ],
    ]


def test_a_disregard_for_one_lot_leaves_the_suppliers_other_tenders_ranked(tmp_path: Path) -> None:
    supplier = "Oasthouse Care Group Ltd"
    folder = _copy(
        tmp_path,
        f'[[rejection]]\nsupplier = "{supplier}"\nlot = "TUN"\nground = "requirements_not_met"\n'
        'reason = "Its method statement for TUN does not cover night visits"\n'
        "decided_on = 2026-03-03\n",
        "homecare-districts",
    )
    result = tendereval.score(folder, sensitivity=False)
    mine = dict(
        result.results.filter(pl.col("supplier") == supplier).select("lot", "status").iter_rows()
    )
    assert mine.pop("TUN") == "disqualified"
    assert set(mine.values()) == {"ranked"} and len(mine) > 1
