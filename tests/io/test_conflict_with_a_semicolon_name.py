"""A conflict declared with a bidder whose legal name holds a ";" (io/score_rules.py
``_declared_names``).

Before, "Weald; Carers Trust" typed as the bid gives it was split at the ";" into "Weald" and
"Carers Trust", two suppliers that did not bid: errors that held the award back, their
expected value the very text typed; written without the ";" it was read, with a warning asking
for the name as the bid gives it, which brought the error back.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

import tendereval
from tests.example_copies import example_copy

OLD, NEW = "Weald Carers Trust", "Weald; Carers Trust"


def _renamed(tmp_path: Path, declared: str) -> Path:
    """The carers example with Weald's legal name (and every score row for it) given a ";",
    and Tom Okafor declaring a conflict with ``declared``."""
    folder = example_copy(tmp_path)
    bid = folder / "bids" / "weald-carers-trust.xlsx"
    book = openpyxl.load_workbook(bid)
    for label, answer, *_ in book["Organisation"].iter_rows():
        if str(label.value or "").startswith("Legal name"):
            answer.value = NEW
    book.save(bid)
    for sheet in (folder / "scores").glob("*.xlsx"):
        book = openpyxl.load_workbook(sheet)
        for cell in (c for ws in book for row in ws.iter_rows() for c in row):
            if cell.value == OLD:
                cell.value = NEW
        if sheet.stem == "tom-okafor":
            for label, answer, *_ in book["Declaration"].iter_rows():
                text = str(label.value or "")
                if text.startswith("Conflict of interest"):
                    answer.value = "declared"
                elif text.startswith("Suppliers you have"):
                    answer.value = declared
        book.save(sheet)
    return folder


@pytest.mark.parametrize("declared", [NEW, "weald;carers trust", f"{NEW}; Hop Garden Respite CIC"])
def test_a_name_holding_a_semicolon_is_taken_whole(tmp_path: Path, declared: str) -> None:
    result = tendereval.score(_renamed(tmp_path, declared), sensitivity=False)
    assert [p for p in result.problems if p.code and p.code.startswith("declaration.")] == []
    toms = result.evaluator_scores.filter(pl.col("evaluator").str.contains("Okafor"))
    for_weald = toms.filter(supplier=NEW)
    assert for_weald.height and not for_weald.get_column("counted").any()
    assert result.award.blockers == []


def test_following_the_warning_for_the_name_without_its_semicolon_is_accepted(
    tmp_path: Path,
) -> None:
    result = tendereval.score(_renamed(tmp_path, "Weald Carers Trust"), sensitivity=False)
    (said,) = [p for p in result.problems if p.code == "score.supplier_respelled"]
    assert said.expected == f"the name as the bid gives it, {NEW}"
    followed = tendereval.score(_renamed(tmp_path / "again", NEW), sensitivity=False)
    assert not [p for p in followed.problems if p.is_error]
