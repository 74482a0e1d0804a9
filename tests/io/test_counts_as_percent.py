"""Counts (units of social value committed, a staff headcount) in a cell formatted as a
percentage: Excel keeps '3' typed into a cell formatted 0% as 0.03 and shows '3%', so 0.03
units were read (Weald's social value fell from £170,100 to £73,575 and the award moved) with
no problem, as were 3 units shown as 300% and 85 staff as 8500%. A rate so formatted was
already an error (cell.shown_otherwise); a count now is too."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tendereval.errors import Severity
from tendereval.io.tender import load_tender

from ..example_copies import example_copy

WEALD = "bids/weald-carers-trust.xlsx"


def _weald_with(tmp_path: Path, sheet: str, ref: str, value: float, number_format: str):
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / WEALD)
    book[sheet][ref].value = value
    book[sheet][ref].number_format = number_format
    book.save(folder / WEALD)
    return load_tender(folder)


@pytest.mark.parametrize(
    ("sheet", "ref", "value", "shown"),
    [
        ("Social value", "C5", 0.03, "3%"),  # '3' typed into a cell formatted 0%
        ("Social value", "C5", 3, "300%"),  # 3 units, then formatted 0%
        ("Organisation", "B11", 85, "8500%"),  # a headcount of 85 formatted 0%
    ],
)
def test_a_count_shown_as_a_percentage_is_an_error_at_its_cell(
    tmp_path: Path, sheet: str, ref: str, value: float, shown: str
) -> None:
    tender = _weald_with(tmp_path, sheet, ref, value, "0%")
    problems = [p for p in tender.problems if p.code == "cell.shown_otherwise"]
    assert [(p.where, p.severity) for p in problems] == [
        (f"{WEALD} › {sheet} › {ref}", Severity.ERROR)
    ]
    assert problems[0].found == f"shows '{shown}', holds {value:g} (number format 0%)"


def test_the_same_count_under_general_is_read_with_no_problem(tmp_path: Path) -> None:
    tender = _weald_with(tmp_path, "Social value", "C5", 3, "General")
    assert tender.problems == []
