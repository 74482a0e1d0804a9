"""A result edited in place in a notebook (red team round 5, surface S): polars lets a frame
be changed where it stands (``result.results[0, "total"] = 99``) and a list be appended to.
The award is made once, on first use; before, an edit in place was not seen, so
``result.award`` (and every writer that reads it) kept naming the winner of the results as they
were, beside a ranking that now named another, without a word."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import tendereval
from tendereval.errors import Problem

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
WEALD = "Weald Carers Trust"
BRIGHTWATER = "Brightwater Care Services Ltd"


def _row(result, supplier: str) -> int:
    return result.results.get_column("supplier").to_list().index(supplier)


def test_a_ranking_edited_in_place_is_the_one_the_award_reads() -> None:
    result = tendereval.score(CARERS, sensitivity=False)
    assert result.award.winner("CSB") == WEALD
    # The runner-up moved to first by hand, cell by cell.
    result.results[_row(result, BRIGHTWATER), "rank"] = 1
    result.results[_row(result, BRIGHTWATER), "total"] = 99.0
    result.results[_row(result, WEALD), "rank"] = 2
    assert tendereval.decide(result).winner("CSB") == BRIGHTWATER
    assert result.award.winner("CSB") == BRIGHTWATER
    award = result.award
    assert result.award is award  # made again once, then kept while nothing changes


def test_a_bid_disqualified_in_place_is_not_awarded() -> None:
    result = tendereval.score(CARERS, sensitivity=False)
    assert result.award.winner("CSB") == WEALD
    result.results[_row(result, WEALD), "status"] = "disqualified"
    # Not ranked any more, so the lot has no tender ranked first until it is re-ranked: the
    # award must not still propose the disqualified bid.
    assert result.award.winner("CSB") != WEALD
    assert result.award.winner("CSB") == tendereval.decide(result).winner("CSB")


def test_an_error_appended_to_the_problems_holds_the_summaries() -> None:
    result = tendereval.score(CARERS, sensitivity=False)
    assert result.award.summaries_ready
    result.problems.append(
        Problem(
            "unit rate: 'TBC' is a placeholder",
            file="bids/weald-carers-trust.xlsx",
            sheet="Prices",
            cell="G5",
            found="'TBC'",
            expected="an amount in pounds",
        )
    )
    assert not tendereval.decide(result).summaries_ready
    assert not result.award.summaries_ready
    result.problems.clear()
    assert result.award.summaries_ready


def test_edits_that_change_nothing_the_award_reads_keep_it() -> None:
    """Reading the frames, and edits outside the award's inputs, do not make it again."""
    result = tendereval.score(CARERS, sensitivity=False)
    award = result.award
    result.results.select("supplier", pl.col("total").round(2))
    result.criteria[0, "reason"] = "an officer's note"
    assert result.award is award


def test_the_award_reads_no_column_it_does_not_watch(tmp_path: Path) -> None:
    """ScoreResult.award watches the columns in DECIDED_FROM for edits: the award made from
    those columns alone is the award (with a lot cap the optimiser settles, which reads the
    most), so an edit to any other column cannot change it."""
    import dataclasses
    import shutil

    from tendereval.award.decision import DECIDED_FROM

    folder = tmp_path / "homecare"
    shutil.copytree(ROOT / "examples" / "homecare-districts", folder)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8").replace(
        "max_lots_per_supplier = 4", "max_lots_per_supplier = 2"
    )
    plan.write_text(
        text.replace('cap_rule = "descending_value"', 'cap_rule = "highest_total_score"'),
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.cap.binds
    narrow = dataclasses.replace(result, results=result.results.select(DECIDED_FROM))
    assert tendereval.decide(narrow).to_dict() == result.award.to_dict()
