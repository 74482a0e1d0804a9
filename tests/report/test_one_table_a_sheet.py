"""Each table's header is the one kept in view and printed above it.

Found by a red team: Price, Social value and Sensitivity each held a second (and third) table
with other columns below the first, but the frozen header, and on Price and Social value the
header repeated on every printed page, were the first table's: the price build-up from row 84
scrolled and printed under "Evaluated price (£) | Price score (points) | Share of price
marks", the commitments under "Lowest" and "Highest", the probability of winning under
"Weight at which the challenger would win". The sub-totals of a plan grouping questions sat
under the Quality sheet's header the same way. Each table now has a sheet of its own.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tendereval.report.excel import write_report
from tendereval.report.styles import HEADER_FILL


def _header_rows(ws) -> list[int]:
    """The rows styled as a table's header (white on dark blue)."""
    return sorted(
        {
            cell.row
            for row in ws.iter_rows()
            for cell in row
            if cell.fill.fgColor.rgb == "FF" + HEADER_FILL.color
        }
    )


def test_every_sheet_but_audit_holds_one_table_its_header_frozen_and_printed(
    nested, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(write_report(nested, tmp_path / "report.xlsx"))
    assert "Sub-totals" in book.sheetnames  # the plan groups Q2 and Q3 under DEL
    for ws in book.worksheets:
        if ws.title == "Audit":  # several tables: nothing frozen, no header repeated
            assert ws.freeze_panes is None and ws.print_title_rows is None
            continue
        assert _header_rows(ws) == [4], ws.title
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("5"), ws.title
        assert ws.print_title_rows == "$4:$4", ws.title


def test_each_second_table_is_on_its_own_sheet_under_its_own_header(nested, tmp_path) -> None:
    book = openpyxl.load_workbook(write_report(nested, tmp_path / "report.xlsx"))

    def header(title: str) -> tuple:
        return tuple(c.value for c in book[title][4] if c.value is not None)[:4]

    assert header("Price build-up") == ("Lot", "Supplier", "Item", "Yearly volume")
    assert header("Social value commitments") == ("Lot", "Supplier", "Measure", "Units")
    assert header("Sub-totals") == ("Lot", "Supplier", "Sub-criterion", "Title")
    assert header("Probability of winning") == (
        "Lot",
        "Supplier",
        "Probability of winning",
        "Samples",
    )
    assert header("Rank reversal") == ("Lot", "Bid removed", "Winner before", "Winner after")
    # The price sheet keeps how price was scored below its table (words, not a table).
    price = [r[0].value for r in book["Price"].iter_rows()]
    assert "How price was scored" in price and "Evaluated price build-up" not in price
