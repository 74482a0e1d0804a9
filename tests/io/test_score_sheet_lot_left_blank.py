"""A score sheet's Lot cell left blank in a plan of one lot (found by the panel red team): the
row can score no other lot, as a bid return in a plan of one is a bid for its lot. It was an
error ("lot is missing") that held the award until the cell was typed in; it is the plan's
only lot, with a warning at the cell, and the scores are those of the sheet with it typed."""

from __future__ import annotations

from pathlib import Path

from tendereval import score
from tendereval.io.tender import load_tender
from tests.example_copies import example_copy, example_with


def test_a_blank_lot_in_a_plan_of_one_is_its_only_lot(tmp_path: Path) -> None:
    blank = example_with(
        tmp_path / "blank", "carers-short-breaks", "scores/helen-marsh.xlsx", "Scores!B5", None
    )
    typed = example_copy(tmp_path / "typed")
    result, as_typed = score(load_tender(blank)), score(load_tender(typed))
    (warning,) = [p for p in result.problems if p.code == "score.lot_blank"]
    assert not warning.is_error
    assert (warning.file, warning.sheet, warning.cell) == (
        "scores/helen-marsh.xlsx",
        "Scores",
        "B5",
    )
    assert "read as the plan's only lot, CSB" in warning.message
    assert not [p for p in result.problems if p.is_error]
    assert result.award.blockers == as_typed.award.blockers == []
    columns = ["supplier", "total", "rank"]
    assert result.results.select(columns).equals(as_typed.results.select(columns))
