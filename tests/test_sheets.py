"""Workbook helpers shared by the templates and the reports."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment

from tendereval.sheets import LINE_HEIGHT, fit_row_heights


def test_wrapped_text_gets_the_height_its_lines_need() -> None:
    # Column B is 20 wide (about 24 characters a line): 100 characters need 5 lines.
    wb = Workbook()
    ws = wb.active
    ws.column_dimensions["B"].width = 20
    ws["A1"] = "Q1"
    ws["B1"] = "x" * 100
    ws["B1"].alignment = Alignment(wrap_text=True)
    ws["B2"] = "short"
    ws["B2"].alignment = Alignment(wrap_text=True)
    ws["B3"] = "y" * 100
    ws["B3"].alignment = Alignment(wrap_text=True)
    ws.row_dimensions[3].height = 30  # set by the writer on purpose: left alone
    fit_row_heights(ws)
    assert ws.row_dimensions[1].height == 5 * LINE_HEIGHT
    assert ws.row_dimensions[2].height is None  # one line: the default height
    assert ws.row_dimensions[3].height == 30
    # In the taller row every cell reads from the top, wrapped or not.
    assert ws["A1"].alignment.vertical == "top"
    assert ws["B1"].alignment.vertical == "top" and ws["B1"].alignment.wrap_text


def test_line_breaks_count_as_lines_and_merged_cells_use_their_whole_width() -> None:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "one\ntwo\nthree"
    ws["A1"].alignment = Alignment(wrap_text=True)
    ws.merge_cells("A2:D2")  # about 4 × 8.43 × 1.2 ≈ 40 characters a line
    ws["A2"] = "z" * 80
    ws["A2"].alignment = Alignment(wrap_text=True)
    fit_row_heights(ws)
    assert ws.row_dimensions[1].height == 3 * LINE_HEIGHT
    assert ws.row_dimensions[2].height == 2 * LINE_HEIGHT
