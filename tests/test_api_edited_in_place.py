"""A result edited in place in a notebook (red team round 5, surface S): polars lets a frame
be changed where it stands (``result.results[0, "total"] = 99``) and a list be appended to.
The award is made once, on first use; before, an edit in place was not seen, so
``result.award`` (and every writer that reads it) kept naming the winner of the results as they
were, beside a ranking that now named another, without a word."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

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


def test_reading_the_frames_keeps_the_award_and_an_edit_to_any_holds_it_back() -> None:
    """Reading the frames does not make the award again. An edit to a frame the award's
    ranking does not read (a criterion's reason) leaves whom it proposes as it was, but holds
    it back: the assessment summary shows that reason. (Before, the award was kept as it was,
    ready to send.)"""
    result = tendereval.score(CARERS, sensitivity=False)
    award = result.award
    result.results.select("supplier", pl.col("total").round(2))
    result.criteria.filter(pl.col("supplier") == WEALD)
    assert result.award is award
    result.criteria[0, "reason"] = "an officer's note"
    assert result.award is not award and not result.award.summaries_ready
    assert result.award.winner("CSB") == award.winner("CSB") == WEALD
    assert result.changed_since_scored() == ["criteria"]


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
    others = [c for c in result.results.columns if c not in DECIDED_FROM]
    blank = result.results.with_columns(
        pl.lit(None).cast(result.results.schema[c]).alias(c) for c in others
    )
    narrow = dataclasses.replace(result, results=blank)
    # The copy is held back as changed since scoring; all else it decides is the same.
    assert narrow.changed_since_scored() == ["results"]
    hold = {"summaries_ready", "held_back", "blockers"}
    decided, scored = tendereval.decide(narrow).to_dict(), result.award.to_dict()
    assert {k: v for k, v in decided.items() if k not in hold} == {
        k: v for k, v in scored.items() if k not in hold
    }


def test_a_result_given_something_it_cannot_hold_says_so_when_it_is_given() -> None:
    """A notebook that kept only the columns it wanted to look at (``result.results =
    result.results.select("supplier", "total")``) failed later, when the award or a writer
    read it, with polars' ColumnNotFoundError; a lazy frame, a plan or decisions of None,
    with AttributeError. Now the assignment is refused, naming what is expected."""
    result = tendereval.score(CARERS, sensitivity=False)
    award = result.award
    with pytest.raises(tendereval.UsageError, match=r"^results must have the columns .*status"):
        result.results = result.results.select("supplier", "total")
    with pytest.raises(tendereval.UsageError, match=r"^results must be a polars DataFrame"):
        result.results = result.results.lazy()
    with pytest.raises(tendereval.UsageError, match=r"^criteria must be a polars DataFrame"):
        result.criteria = None
    for name, expected in [
        ("plan", "a Plan"),
        ("decisions", "Decisions"),
        ("problems", "a list of problems"),
        ("settings", "a dict"),
    ]:
        with pytest.raises(tendereval.UsageError, match=rf"^{name} must be {expected}"):
            setattr(result, name, None)
    assert result.award is award  # nothing refused was taken


def test_a_status_that_is_not_one_is_refused() -> None:
    """A status typed by hand ('winner', 'Ranked') took the bid out of the ranking without a
    word: the award went to the tender ranked second."""
    result = tendereval.score(CARERS, sensitivity=False)
    result.results[_row(result, WEALD), "status"] = "winner"
    with pytest.raises(
        tendereval.UsageError,
        match=r"status 'winner' .*Weald Carers Trust.*ranked, comparator, disqualified",
    ):
        result.award.winner("CSB")
    changed = result.results.with_columns(pl.lit("Ranked").alias("status"))
    with pytest.raises(tendereval.UsageError, match=r"status 'Ranked'"):
        result.results = changed
