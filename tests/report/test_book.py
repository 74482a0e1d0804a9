"""The laid-out workbook and its writer: what a cell holds, row heights, charts, and the same
bytes from the same workbook on both of the writer's paths (in memory and constant memory)."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from tendereval.report import render, styles
from tendereval.report.book import Chart, Series, Workbook, cell_range, coordinate_to_tuple
from tendereval.report.cells import Col, atomic_save, put, put_formula, write_table

WHEN = dt.datetime(2026, 3, 1, 10, 0, 0)
HOSTILE = '=HYPERLINK("http://evil.example","Click")'


def _big_workbook(rows: int) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    columns = [Col("Name", 20, wrap=True), Col("Amount", 12, styles.MONEY)] + [
        Col(f"C{i}", 8, styles.POINTS) for i in range(8)
    ]
    write_table(
        ws,
        1,
        columns,
        ([HOSTILE if r == 7 else f"Supplier {r}", r * 1.5, *range(8)] for r in range(rows)),
    )
    put_formula(ws.cell(row=rows + 3, column=2), f"=SUM(B2:B{rows + 1})", styles.MONEY)
    return wb


@pytest.mark.parametrize("rows", [10, 6_000], ids=["in memory", "constant memory"])
def test_the_same_workbook_gives_the_same_bytes_on_both_paths(tmp_path, rows):
    assert (rows * 10 > render.LARGE) == (rows == 6_000)
    total = sum(r * 1.5 for r in range(rows))
    cached = {"Data": {f"B{rows + 3}": total}}
    first = atomic_save(_big_workbook(rows), tmp_path / "a.xlsx", when=WHEN, cached=cached)
    again = atomic_save(_big_workbook(rows), tmp_path / "b.xlsx", when=WHEN, cached=cached)
    assert first.read_bytes() == again.read_bytes()
    ws = openpyxl.load_workbook(first)["Data"]
    assert ws["A9"].value == HOSTILE and ws["A9"].data_type == "s"
    assert ws[f"B{rows + 3}"].value == f"=SUM(B2:B{rows + 1})"
    assert ws["B3"].number_format == styles.MONEY and ws["B3"].value == 1.5
    values = openpyxl.load_workbook(first, data_only=True)["Data"]
    assert values[f"B{rows + 3}"].value == pytest.approx(total)
    props = openpyxl.load_workbook(first).properties
    assert props.created == props.modified == WHEN


def test_a_cell_stores_what_put_would_show():
    ws = Workbook().active
    put(ws["A1"], Decimal("2.50"), styles.MONEY)
    put(ws["A2"], dt.date(2026, 3, 1))
    put(ws["A3"], "line one\r\nline two\rthree\x00")
    put(ws["A4"], "@SUM(1,2)", styles.MONEY)  # text: no number format, never a formula
    put(ws["A5"], float("inf"))
    assert ws["A1"].value == 2.5 and ws["A1"].number_format == styles.MONEY
    assert ws["A2"].value == dt.date(2026, 3, 1)
    assert ws["A3"].value == "line one\nline two\nthree"
    assert ws["A4"].value == "@SUM(1,2)" and ws["A4"].number_format == "General"
    assert ws["A5"].value is None
    assert coordinate_to_tuple("$AB$12") == (12, 28)


def test_wrapped_text_gets_the_height_its_lines_need(tmp_path):
    # Column B is 20 wide (about 24 characters a line): 100 characters need 5 lines.
    wb = Workbook()
    ws = wb.active
    write_table(
        ws, 1, [Col("Q", 8), Col("Text", 20, wrap=True)], [["Q1", "x" * 100], ["Q2", "short"]]
    )
    ws.heights[6] = 30
    write_table(
        ws, 5, [Col("Q", 8), Col("Text", 20, wrap=True)], [["Q3", "y" * 100]], set_widths=False
    )
    put(ws["C8"], dt.datetime(2026, 3, 1, 9, 30))
    path = atomic_save(wb, tmp_path / "h.xlsx", when=WHEN)
    out = openpyxl.load_workbook(path).active
    assert out.row_dimensions[2].height == 5 * render.LINE_HEIGHT
    assert out.row_dimensions[3].height is None  # one line: the default height
    assert out.row_dimensions[6].height == 30  # set on purpose: kept
    # In the taller row every cell reads from the top, wrapped or not.
    assert out["A2"].alignment.vertical == "top"
    assert out["B2"].alignment.vertical == "top" and out["B2"].alignment.wrap_text
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="A3" t="s">' in sheet  # a one-line row keeps the default look
    assert out["C8"].value == dt.datetime(2026, 3, 1, 9, 30)
    assert out["C8"].number_format == render.DATE_TIME_FORMAT
    assert out.column_dimensions["B"].width == 20  # stored as asked, without Excel's padding


def test_chart_text_shaped_like_a_reference_stays_text(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Lots"
    write_table(ws, 1, [Col("Lot"), Col("Points")], [["A", 1.0], ["B", 2.0]])
    title = "Lot Sheet1!A1: weighted points"
    ws.add_chart(
        Chart(
            kind="column",
            title=title,
            series=[
                Series(cell_range(ws, 2, 2, 3), categories=cell_range(ws, 1, 2, 3), name="x!B2")
            ],
        ),
        "D2",
    )
    path = atomic_save(wb, tmp_path / "c.xlsx", when=WHEN)
    with zipfile.ZipFile(path) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "Sheet1!\u200bA1: weighted points" in chart and "<c:f>Sheet1!A1" not in chart
    assert "<c:f>'Lots'!$B$2:$B$3</c:f>" in chart
    assert "<c:v>x!\u200bB2</c:v>" in chart


@pytest.mark.parametrize("piece", ["a", "é", "😀"], ids=["ascii", "accented", "astral"])
def test_text_longer_than_a_cell_holds_is_cut_visibly_not_silently(tmp_path, piece):
    """XlsxWriter cut text over Excel's 32,767 characters without a word: a pasted answer or
    a bid's hundred problems joined read as if whole. The cell now ends saying it was cut and
    how long the text was; text at the limit is kept whole. An astral character counts two
    (Excel counts UTF-16 units) and is never split."""
    limit = render.CELL_TEXT_LIMIT
    per = len(piece.encode("utf-16-le")) // 2
    whole = piece * (limit // per)  # exactly at the limit (or one unit under)
    long = "start " + piece * 40_000
    wb = Workbook()
    ws = wb.active
    ws.title = "Text"
    put(ws["A1"], whole)
    put(ws["A2"], long)
    path = atomic_save(wb, tmp_path / "t.xlsx", when=WHEN)
    sheet = openpyxl.load_workbook(path)["Text"]
    assert sheet["A1"].value == whole
    cut = sheet["A2"].value
    marker = (
        f" … [cut here: a cell holds at most 32,767 characters and this text has {len(long):,}]"
    )
    assert cut.endswith(marker) and cut.startswith("start " + piece * 100)
    assert len(cut.encode("utf-16-le")) // 2 <= limit
    assert len(cut.encode("utf-16-le")) // 2 > limit - per  # as much kept as fits
    assert render.fitted_text(whole) is whole


def test_restyling_a_look_made_outside_look_gives_its_own_number_format():
    """``_changed`` remembered restyled looks by ``id(old)``: safe only while ``old`` lives.
    A look not made by :func:`look` (a cell's entry written into ``ws.rows`` directly, as the
    table writer does) is freed when its cell is overwritten, and CPython gives its id to the
    next look of the same size: restyling that one returned the first look's number format.
    Each look below is freed before the next is made, so its id is reused."""
    from tendereval.report.book import Font, Look

    ws = Workbook().active
    bold = Font(bold=True)
    for n in range(20):
        wanted = f"0.{'0' * (n + 1)}"
        ws.rows[1] = {1: (1.5, Look(number_format=wanted))}
        ws.cell(row=1, column=1).font = bold
        got = ws.cell(row=1, column=1)
        assert (got.number_format, got.font) == (wanted, bold)


def test_a_column_of_tiny_shares_is_wide_enough_for_the_words_they_read(tmp_path):
    """3 in 100,000 of the price marks read "under 0.01%" (11 characters): the column was
    made wide enough for "0.00%", and Excel shows a number too wide for its column as #####."""
    wb = Workbook()
    write_table(wb.active, 1, [Col("Share of price marks", 11, styles.SHARE_OF_MARKS)], [[0.00003]])
    out = openpyxl.load_workbook(atomic_save(wb, tmp_path / "w.xlsx", when=WHEN)).active
    assert out["A2"].value == 0.00003 and out["A2"].number_format == '"under 0.01%"'
    assert out.column_dimensions["A"].width >= len("under 0.01%") + 1
