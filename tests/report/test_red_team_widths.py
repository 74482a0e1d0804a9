"""Red team (helper O, round 4): money too wide for its column.

Excel and LibreOffice show a number that does not fit its column as '########', never cut
short. The money columns were a fixed 15 or 16 characters wide, so a whole-life price of
£150,000,000.00 (a five-year homecare contract of £30m a year is not unusual) showed as
'###############' on the Summary, Ranking and Price sheets. Every column is now at least as
wide as the widest number in it, as its format shows it.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.report.excel import write_report
from tendereval.report.summaries import write_summaries
from tests.award.red_team_tenders import Bid, tender_folder

# Characters a number takes as Excel shows it under the money format '"£"#,##0.00'.
MONEY = '"£"#,##0.00'


@pytest.fixture(scope="module")
def dear(tmp_path_factory: pytest.TempPathFactory) -> tendereval.ScoreResult:
    # 1,000 hours a year for 2 years: £75,000 an hour is £150,000,000; £0.45 an hour is £900.
    folder = tender_folder(
        tmp_path_factory.mktemp("dear"),
        ["A"],
        [
            Bid("Ash Care", "A", 75_000, q1=5),
            Bid("Birch Care", "A", 99_999_999.99, q1=4),
            Bid("Cedar Care", "A", 0.45, q1=0),
        ],
    )
    return tendereval.score(folder, sensitivity=False)


def money_cells_too_narrow(path: Path) -> list[tuple[str, str, str, float]]:
    narrow = []
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.number_format != MONEY or not isinstance(cell.value, (int, float)):
                    continue
                shown = f"{'-' * (cell.value < 0)}£{abs(cell.value):,.2f}"
                width = ws.column_dimensions[cell.column_letter].width
                if width < len(shown) + 1:
                    narrow.append((ws.title, cell.coordinate, shown, width))
    return narrow


def test_the_tender_really_has_a_price_over_a_hundred_million(dear) -> None:
    prices = dict(dear.results.select("supplier", "evaluated_price").rows())
    assert prices == {"Ash Care": 150_000_000, "Birch Care": 199_999_999_980, "Cedar Care": 900}


def test_every_money_cell_of_the_report_fits_its_column(dear, tmp_path) -> None:
    assert money_cells_too_narrow(write_report(dear, tmp_path / "report.xlsx")) == []


def test_every_money_cell_of_the_summaries_fits_its_column(dear, tmp_path) -> None:
    for path in write_summaries(dear, tmp_path / "summaries"):
        assert money_cells_too_narrow(path) == [], path.name
