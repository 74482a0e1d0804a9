"""A workbook with two sheets whose names are read as one: 'Prices' and 'Prices '.

Excel allows a sheet named 'Prices ' (a space at its end) beside 'Prices'; the loaders read
both names as one, so which holds the bid is not guessed and the return cannot be read. The
error said "open it in Excel, save it again and send it back", which keeps both sheets: the
file sent back was refused again. Now the error names both sheets, says what tells them
apart (a space at the end hardly shows between quotes), and asks for the one not meant to be
deleted; doing just that makes the return readable.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tendereval.io.xlsx import named_apart

from .conftest import load


def _with_a_copy_named(path, title: str) -> None:
    workbook = load_workbook(path)
    workbook.copy_worksheet(workbook["Prices"]).title = title
    workbook.save(path)


def test_the_error_names_both_sheets_and_advice_that_works(tender_dir):
    path = tender_dir / "bids" / "acme.xlsx"
    _with_a_copy_named(path, "Prices ")
    [problem] = [p for p in load(tender_dir).problems if p.code == "file.unreadable"]
    assert problem.file == "bids/acme.xlsx" and problem.is_error
    assert problem.found == (
        "the workbook has two sheets named 'Prices' and 'Prices ' (the second ends in a "
        "space), which are read as one name"
    )
    assert problem.expected.startswith(
        "one sheet of that name: ask the sender to delete the sheet of the two it did not "
        "mean, 'Prices' or 'Prices ' (in Excel: right-click its tab › Delete), and send the "
        "file again"
    )
    assert "save it again" not in problem.expected  # (saving keeps both sheets)


@pytest.mark.parametrize("deleted", ["Prices ", "Prices"])
def test_deleting_either_sheet_as_advised_makes_the_return_readable(tender_dir, deleted):
    path = tender_dir / "bids" / "acme.xlsx"
    _with_a_copy_named(path, "Prices ")
    workbook = load_workbook(path)
    del workbook[deleted]
    workbook.save(path)
    assert load(tender_dir).problems == []


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        ("Prices", "Prices ", "the second ends in a space"),
        ("Prices", " Prices", "the second begins with a space"),
        ("Social value", "Social  value", "the second has two spaces together"),
        (
            "Prices",
            "Prices\u00a0",
            "the second ends in a space; the second has a space of another kind (a "
            "non-breaking space or a tab)",
        ),
        ("Prices", "Prices*", "the second ends in '*'"),
        ("Prices", "PRICES", "they differ in capitals"),
    ],
)
def test_what_tells_two_sheet_names_apart(first, second, said):
    assert named_apart(first, second) == said
