"""The look of every workbook tendereval writes: number formats, header style, widths, frozen
headers, print setup and the conditional formats that make flags stand out.

Shared by the evaluation report, the assessment summaries and the allocation workbook, so
they all read the same way in Excel and print the same way on paper.
"""

from __future__ import annotations

from collections.abc import Mapping

from tendereval.report.book import (
    Alignment,
    Border,
    Fill,
    Font,
    Highlight,
    PrintSetup,
    Worksheet,
    column_letter,
)
from tendereval.wording import percent

# Number formats. Money is shown to the penny; points of 100 to two places.
MONEY = '"£"#,##0.00'
MONEY_WHOLE = '"£"#,##0'
POINTS = "0.00"
# A margin between two totals is the one the ranking compares: totals to 4 decimal places
# (tendereval.comparison), so it is shown to 4 places: 0.0001 is a lead, 0.00 would look a tie.
MARGIN = "0.0000"
# A total is shown to the 4 decimal places it is compared in, always (69.1444 above 69.1443,
# which "0.00" shows as 69.14 and 69.14; 51.0850 and 94.0000). "0.00##" dropped each trailing
# zero on its own (51.0850 read 51.085), and no number format can drop the last two only when
# both are zero: its sections test the value, not its digits.
TOTAL = "0.0000"
# A share short of the whole never reads as the whole: 99.96% to one place is "100.0%", which
# says a tender had all the marks, or won every sample, when it did not. Every share from 99.9%
# up to just under the whole reads "99.9%" (one place shows each of them so anyway, so the cell
# reads the same whichever section Excel picks near the edge); the whole, or more, reads as it
# is. Shares below come first, so a negative one keeps its minus sign (LibreOffice drops it in
# a format's last section). The text beside a cell follows the same rule (wording.percent).
PERCENT = '[<0.999]0.0%;[<1]"99.9%";0.0%'
# A share of a pillar's marks, to the two places the explanations quote it in ("99.99% of the
# price marks, 33.33 of 33.333 points"), under the same rule.
SHARE_OF_MARKS = '[<0.9999]0.00%;[<1]"99.99%";0.00%'
# Nor does a share above nought read as none: 3 wins in 10,000 weight samples are 0.03%, which
# one place shows as "0.0%", the figure of a bid that never wins. A format has no third
# condition to spare, so such a number is written under a format of its own that reads as the
# text beside it does (wording.percent): "under 0.1%". The places each share format shows:
SHARES = {PERCENT: 1, SHARE_OF_MARKS: 2}
# Figures a supplier or the plan typed, shown as typed so a row can be checked by hand: a unit
# rate to the penny or to the fraction of a penny it was priced in (£12.345, £0.001), and a
# yearly uplift or discount rate to the places given (2.75%, not 2.8%).
RATE = '"£"#,##0.00####'
RATE_PERCENT = "0.0###%"
COUNT = "#,##0"
NUMBER = "#,##0.####"
TEXT = "@"

TITLE_FONT = Font(bold=True, size=14)
SUBTITLE_FONT = Font(bold=True, size=12)
NOTE_FONT = Font(italic=True, size=9, color="555555")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = Fill("1F4E79")
LABEL_FONT = Font(bold=True)
# A line the reader must not miss: a summary written while it may not be sent.
WARNING_FONT = Font(bold=True, size=12, color="C00000")
INPUT_FILL = Fill("FFF2CC")  # a cell the officer may change (what-if)
FLAG_FILL = Fill("F8CBAD")  # something needs a person's attention
WARN_FILL = Fill("FFE699")
GOOD_FILL = Fill("C6EFCE")
HEADER_BORDER = Border(bottom="A6A6A6")
WRAP = Alignment(wrap=True, vertical="top")
HEADER_ALIGN = Alignment(wrap=True, vertical="center")

MAX_WIDTH = 80


def number_format_for(value: float, number_format: str) -> str:
    """The format a number is written under: ``number_format``, except a share above nought
    that it would show as none, which reads "under 0.1%" (under SHARE_OF_MARKS, "under
    0.01%"), the words of the text beside it. The cell keeps the number itself."""
    places = SHARES.get(number_format)
    # (Only a share below the last place shown, 0.1% to one place, can read as none.)
    if places is None or not 0 < value < 10.0 ** -(places + 2):
        return number_format
    said = percent(value, places)
    return f'"{said}"' if said.startswith("under ") else number_format


def style_header_row(ws: Worksheet, row: int, first_col: int, last_col: int) -> None:
    """White bold text on dark blue, wrapped, for a table's header row."""
    for col in range(first_col, last_col + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        cell.border = HEADER_BORDER


def set_widths(ws: Worksheet, widths: Mapping[int, float]) -> None:
    """Column widths in Excel's character units, keyed by column number (1 = A)."""
    for col, width in widths.items():
        ws.widths[col] = min(width, MAX_WIDTH)


def freeze_below(ws: Worksheet, header_row: int, first_columns: int = 0) -> None:
    """Keep rows 1..header_row (and the first ``first_columns`` columns) in view when scrolling."""
    ws.freeze = (header_row, first_columns)


def print_landscape(ws: Worksheet, repeat_rows: tuple[int, int] | None = None) -> None:
    """Landscape on A4, fitted to one page wide (as many pages tall as needed)."""
    ws.print_setup = PrintSetup(repeat_rows=repeat_rows, margins=(0.4, 0.4, 0.5, 0.5))


def highlight_when(ws: Worksheet, cell_range: str, formula: str, fill: Fill) -> None:
    """Fill the cells of ``cell_range`` where ``formula`` (written for its top-left cell) is true.

    Example: ``highlight_when(ws, "A5:N40", 'LEN($N5)>0', FLAG_FILL)`` shades flagged rows.
    """
    ws.highlights.append(Highlight(cell_range, fill, formula=formula))


def highlight_equal(ws: Worksheet, cell_range: str, value: float, fill: Fill) -> None:
    """Fill the cells of ``cell_range`` whose value is ``value``."""
    ws.highlights.append(Highlight(cell_range, fill, equals=value))


def highlight_flagged_rows(
    ws: Worksheet, first_row: int, last_row: int, last_col: int, flag_col: int
) -> None:
    """Shade every row of a table whose flag column is not blank."""
    if last_row < first_row:
        return
    letter = column_letter(flag_col)
    highlight_when(
        ws,
        f"A{first_row}:{column_letter(last_col)}{last_row}",
        f"LEN(${letter}{first_row})>0",
        FLAG_FILL,
    )
