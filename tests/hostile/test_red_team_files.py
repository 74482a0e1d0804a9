"""Files from suppliers and evaluators that the first hostile corpus did not imagine: found by
a red-team round on the files a tender folder holds (bids/, scores/). Each test plants one such
file in an otherwise clean tender and checks the rule of the project it broke: a clear problem
naming file › sheet › cell, exit code 1 (not 3), and every bid still in the results."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tendereval import layout

from ..io.builders import good_tender
from ..io.conftest import load, only


@pytest.fixture
def tender_dir(tmp_path: Path) -> Path:
    return good_tender(tmp_path / "tender")


def test_two_sheets_read_as_one_name_are_refused_not_one_read(tender_dir: Path) -> None:
    """A workbook with a 'Prices' sheet and a 'Prices ' sheet (a trailing space: Excel allows
    it) was read from whichever came first, with no word: one price in Excel's visible sheet,
    another scored. Both names are matched as 'Prices', so the workbook cannot be read one way
    only, and it is refused naming both sheets."""
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    real = book[layout.BID_PRICES]
    decoy = book.copy_worksheet(real)
    decoy.title = "PRICES "  # case and a trailing space: the loader matches it to 'Prices'
    book.move_sheet(decoy, -(len(book.sheetnames) - 1))  # first, so it would win
    for row in range(layout.TABLE_HEADER_ROW + 1, decoy.max_row + 1):
        decoy[f"G{row}"] = 1  # far below the real rates
    book.save(path)

    tender = load(tender_dir)
    problem = only(tender, "file.unreadable")
    assert problem.file == "bids/acme.xlsx"
    assert "'PRICES '" in problem.found and "'Prices'" in problem.found
    # Never scored: the bid stays in the results as an invalid one, with the reason.
    assert "bids/acme.xlsx" in tender.bids["source"].to_list()
    assert tender.prices.filter(tender.prices["supplier"] == "Acme Care Ltd").is_empty()
