"""Writing a laid-out workbook (:mod:`tendereval.report.book`) as .xlsx, with XlsxWriter.

XlsxWriter was measured the fastest way to write these files from Python (see
docs/performance.md). A large workbook is written in its constant-memory mode: each sheet row
by row, in order, straight to a temporary file, so XlsxWriter's memory does not grow with the
report.

Each value goes through the one XlsxWriter call for its type (``write_string`` for text,
``write_formula`` only for a :class:`~tendereval.report.book.Formula`), never the guessing
``write()``, so text from a bid is never taken for a formula, a number or a link. Formula cells
carry the value scoring computed as their cached result; Excel recalculates on opening.

The same workbook always gives the same bytes: XlsxWriter dates every part of the package in
1980 (the 1st in memory, the 31st through temporary files) and writes parts and formats in a
fixed order; the document's created and modified time is the ``when`` given.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping
from typing import Any, BinaryIO

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format

from tendereval.celltext import CELL_TEXT_LIMIT, fitted_text
from tendereval.io.numformat import displayed
from tendereval.layout import OUTPUT_MARK, SENDING_MARK
from tendereval.report.book import Chart, Fill, Formula, Look, Workbook, Worksheet, look
from tendereval.report.styles import COUNT as WHOLE
from tendereval.report.styles import NUMBER, SHARES, number_format_for

LINE_HEIGHT = 15.0  # points per line of 10–11 pt text
MAX_ROW_HEIGHT = 409.0  # Excel's limit
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters
MAX_WIDTH = 255  # Excel's widest column, in characters
PIXELS_PER_CHARACTER = 7  # Calibri 11, Excel's default font
PIXELS_PER_CM = 96 / 2.54
LARGE = 50_000  # cells: a workbook with more is written in constant memory
DATE_FORMAT = "yyyy-mm-dd"
DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

# How XlsxWriter recognises a chart text that is really a cell reference (chart.py).
_LOOKS_LIKE_A_REFERENCE = re.compile(r"^=?[^!]+!\$?[A-Z]+\$?\d+")

Cached = Mapping[str, Mapping[tuple[int, int], float]]


def write_workbook(wb: Workbook, out: BinaryIO, when: dt.datetime, cached: Cached) -> None:
    """Write ``wb`` as an .xlsx package into ``out``. ``cached`` maps sheet title →
    (row, column) → the value of the formula there."""
    large = sum(len(row) for ws in wb.worksheets for row in ws.rows.values()) > LARGE
    # The package is made in memory, then written out in one go: a full disk is then one
    # OSError here (see _Package for why the memory is never closed).
    package = _Package()
    book = xlsxwriter.Workbook(
        package,
        {
            # A large workbook is written row by row to temporary files, so XlsxWriter's memory
            # stays flat. A small one is built in memory with a shared strings table: 15%
            # faster to write, and no temporary files (creating and removing a dozen files
            # took most of the time of a one-page assessment summary).
            "constant_memory": large,
            "in_memory": not large,
            # Belt and braces: write() is never called, but if it were, text stays text.
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    properties: dict[str, Any] = {"author": wb.properties.creator, "created": when}
    if wb.properties.title:
        properties["title"] = wb.properties.title
    book.set_properties(properties)
    if wb.properties.output:
        book.set_custom_property(OUTPUT_MARK, wb.properties.output)
    if wb.properties.sending:
        book.set_custom_property(SENDING_MARK, wb.properties.sending)
    formats = _Formats(book)
    for ws in wb.worksheets:
        _write_sheet(book, ws, formats, cached.get(ws.title, {}))
    try:
        book.close()
    except FileCreateError as exc:
        # XlsxWriter wraps a failed write (disk full, file locked) in an error of its own; the
        # OSError beneath is what the caller handles (the command line explains it in words).
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):
            raise cause from None
        raise
    out.write(package.getbuffer())


class _Package(io.BytesIO):
    """Bytes in memory that stay open until they are freed.

    XlsxWriter leaves its zip open when a write fails (a full disk, a broken stream), and
    Python closes that zip when it frees it — by then often after the stream beneath it (an
    output file closed and removed by the caller, or memory freed in the same collection).
    Closing a zip over a closed stream printed "Exception ignored in ZipFile.__del__ … seek of
    closed file" with a traceback on the terminal. Over a stream that never closes, the zip
    closes quietly and both are simply freed."""

    def close(self) -> None:
        pass


class _Formats:
    """One XlsxWriter format per look (and per look made to read from the top of a taller row)."""

    def __init__(self, book: xlsxwriter.Workbook):
        self.book = book
        self.normal: dict[int, Format | None] = {}
        self.top: dict[int, Format | None] = {}
        self.highlights: dict[Fill, Format] = {}
        self.others: dict[tuple[int, bool, str], Format | None] = {}

    def of(self, style: Look, top: bool) -> Format | None:
        cache = self.top if top else self.normal
        key = id(style)  # looks are shared and never freed: the id names the look
        if key not in cache:
            if top and (style.alignment is None or style.alignment.vertical is None):
                cache[key] = self._make(style, vertical="top")
            else:
                cache[key] = self._make(style)
        return cache[key]

    def _make(self, style: Look, vertical: str | None = None) -> Format | None:
        props: dict[str, Any] = {}
        font = style.font
        if font is not None:
            if font.bold:
                props["bold"] = True
            if font.italic:
                props["italic"] = True
            if font.size:
                props["font_size"] = font.size
            if font.color:
                props["font_color"] = "#" + font.color
        if style.fill is not None:
            props["pattern"] = 1
            props["bg_color"] = "#" + style.fill.color
        align = style.alignment
        if align is not None and align.wrap:
            props["text_wrap"] = True
        vertical = vertical or (align.vertical if align is not None else None)
        if vertical:
            props["valign"] = "vcenter" if vertical == "center" else vertical
        if style.border is not None and style.border.bottom:
            props["bottom"] = 1
            props["bottom_color"] = "#" + style.border.bottom
        if style.number_format:
            props["num_format"] = style.number_format
        return self.book.add_format(props) if props else None

    def reading(self, style: Look, top: bool, number_format: str) -> Format | None:
        """The format of ``style`` with another number format, for a number its own would
        show wrongly: a whole number under NUMBER ("#,##0.####" shows 3 as "3." in Excel, a
        decimal point with nothing after it), a share above nought that PERCENT shows as
        none (styles.number_format_for)."""
        key = (id(style), top, number_format)
        if key not in self.others:
            changed = look(**{**style.__dict__, "number_format": number_format})
            self.others[key] = self.of(changed, top)
        return self.others[key]

    def highlight(self, fill: Fill) -> Format:
        if fill not in self.highlights:
            self.highlights[fill] = self.book.add_format({"bg_color": "#" + fill.color})
        return self.highlights[fill]


def _write_sheet(book: xlsxwriter.Workbook, ws: Worksheet, formats: _Formats, cached) -> None:
    out = book.add_worksheet(ws.title)
    widths = _widths_that_show_every_number(ws)
    for column, width in sorted(widths.items()):
        # In pixels, so the file stores the width asked for (XlsxWriter's set_column adds
        # Excel's cell padding on top).
        pixels = round(width * PIXELS_PER_CHARACTER)
        out.set_column_pixels(column - 1, column - 1, pixels)
    rows, heights = ws.rows, ws.heights
    fit = _Fit(widths)
    normal, top = formats.normal, formats.top
    for row in sorted(rows.keys() | heights.keys()):
        cells = rows.get(row, {})
        height = heights.get(row)
        grown = False
        if height is None:
            lines = fit.lines(cells)
            if lines > 1:
                height, grown = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines), True
        if height is not None:
            out.set_row(row - 1, height)
        # In a taller row, cells read best from the top (the default is the bottom edge).
        cache = top if grown else normal
        r = row - 1
        for column, (value, style) in cells.items():
            fmt = cache.get(id(style), _NONE)
            if fmt is _NONE:
                fmt = formats.of(style, grown)
            kind = type(value)
            if kind is str:
                if len(value) > CELL_TEXT_LIMIT // 2:  # only then can it be over the limit
                    value = fitted_text(value)
                out.write_string(r, column - 1, value, fmt)
            elif kind is float or kind is int:
                if style.number_format == NUMBER and (kind is int or value.is_integer()):
                    fmt = formats.reading(style, grown, WHOLE)  # "3", not Excel's "3."
                elif style.number_format in SHARES and value > 0:
                    shown = number_format_for(value, style.number_format)
                    if shown != style.number_format:  # "under 0.1%", not "0.0%"
                        fmt = formats.reading(style, grown, shown)
                out.write_number(r, column - 1, value, fmt)
            elif value is None:
                out.write_blank(r, column - 1, None, fmt)
            else:
                _write_other(out, formats, r, column - 1, value, style, grown, cached)
    _sheet_settings(out, ws, formats)
    for anchor, chart in ws.charts:
        out.insert_chart(anchor, _chart(book, chart))


_NONE = object()


def _widths_that_show_every_number(ws: Worksheet) -> dict[int, float]:
    """The sheet's column widths, each widened to its widest number as the cell's format shows
    it: Excel and LibreOffice show a number that does not fit as '########', never cut short
    (a £150,000,000.00 price in a column 15 characters wide). Text and General numbers are left
    to the widths asked for: text overflows or wraps, and General shrinks to fit."""
    largest: dict[tuple[int, str], tuple[float, bool]] = {}  # (column, format) → (|max|, any < 0)
    for cells in ws.rows.values():
        for column, (value, style) in cells.items():
            kind = type(value)
            if (kind is float or kind is int) and style.number_format:
                # (A share that reads "under 0.1%" is as wide as those words.)
                key = (column, number_format_for(value, style.number_format))
                most, negative = largest.get(key, (0.0, False))
                size = abs(value)
                if size > most or (value < 0 and not negative):
                    largest[key] = (max(most, size), negative or value < 0)
    widths = dict(ws.widths)
    for (column, number_format), (most, negative) in largest.items():
        if math.isfinite(most):
            # As the format shows it (io/numformat: sections, literal text, decimals, thousands),
            # each character a digit wide (a comma or point is narrower: the estimate errs wide).
            needed = len(displayed(most, number_format)) + negative + 1  # +1: the cell's padding
            widths[column] = min(MAX_WIDTH, max(widths.get(column) or DEFAULT_WIDTH, needed))
    return widths


def _write_other(out, formats: _Formats, r: int, c: int, value, style, grown, cached) -> None:
    if isinstance(value, Formula):
        result = cached.get((r + 1, c + 1))
        out.write_formula(r, c, value, formats.of(style, grown), "" if result is None else result)
    elif isinstance(value, (dt.date, dt.datetime)):
        if not style.number_format:
            shown = DATE_TIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
            style = look(**{**style.__dict__, "number_format": shown})
        out.write_datetime(r, c, value, formats.of(style, grown))
    else:
        raise TypeError(f"cannot write a {type(value).__name__} to a cell: {value!r}")


class _Fit:
    """Row heights for wrapped text: Excel grows such rows when it opens a file, but
    LibreOffice, previews and PDF printing use the stored height, so without one wrapped text
    overlaps the row below. Lines are estimated from the text length and the column width (one
    character per unit of width, a little less for bold text); a row given a height is kept."""

    def __init__(self, widths: Mapping[int, float]):
        self.widths = widths
        self.chars: dict[tuple[int, int], float] = {}  # (column, id of look) → characters

    def lines(self, cells: Mapping[int, tuple[Any, Look]]) -> int:
        most = 1
        for column, (value, style) in cells.items():
            if type(value) is not str or not style.wraps:
                continue
            key = (column, id(style))
            chars = self.chars.get(key)
            if chars is None:
                width = self.widths.get(column) or DEFAULT_WIDTH
                chars = self.chars[key] = max(1.0, width * (0.95 if style.bold else 1.2))
            if len(value) <= chars and "\n" not in value:
                continue
            lines = sum(max(1, math.ceil(len(part) / chars)) for part in value.split("\n"))
            most = max(most, lines)
        return most


def _sheet_settings(out, ws: Worksheet, formats: _Formats) -> None:
    if ws.freeze is not None:
        out.freeze_panes(*ws.freeze)
    setup = ws.print_setup
    if setup is not None:
        out.set_landscape()
        out.set_paper(9)  # A4
        out.fit_to_pages(1, 0)
        if setup.margins is not None:
            left, right, top, bottom = setup.margins
            out.set_margins(left=left, right=right, top=top, bottom=bottom)
        if setup.repeat_rows is not None:
            out.repeat_rows(setup.repeat_rows[0] - 1, setup.repeat_rows[1] - 1)
    for rule in ws.highlights:
        fmt = formats.highlight(rule.fill)
        if rule.formula is not None:
            options = {"type": "formula", "criteria": "=" + rule.formula, "format": fmt}
        else:
            options = {"type": "cell", "criteria": "==", "value": rule.equals, "format": fmt}
        out.conditional_format(rule.cells, options)


def _chart(book: xlsxwriter.Workbook, spec: Chart):
    if spec.kind == "scatter":
        options = {"type": "scatter", "subtype": "straight_with_markers"}
    else:
        options = {"type": spec.kind}
        if spec.stacked:
            options["subtype"] = "stacked"
    chart = book.add_chart(options)
    for item in spec.series:
        series: dict[str, Any] = {"values": "=" + item.values}
        if item.categories:
            series["categories"] = "=" + item.categories
        if item.name_cell:
            series["name"] = "=" + item.name_cell
        elif item.name:
            series["name"] = _words(item.name)
        if item.marker:
            series["marker"] = {"type": item.marker}
        chart.add_series(series)
    chart.set_title({"name": _words(spec.title)})
    values = _axis(spec.value_title, spec.value_format)
    categories = _axis(spec.category_title, spec.category_format)
    if spec.reverse_categories:
        categories["reverse"] = True
    # XlsxWriter's x axis is the horizontal one: a bar chart's values, any other's categories.
    if spec.kind == "bar":
        categories["interval_unit"] = 1  # every bar named, not every other one
        chart.set_x_axis(values)
        chart.set_y_axis(categories)
    else:
        chart.set_x_axis(categories)
        chart.set_y_axis(values)
    chart.set_legend({"none": True} if spec.legend is None else {"position": spec.legend})
    chart.set_size(
        {"width": round(spec.width * PIXELS_PER_CM), "height": round(spec.height * PIXELS_PER_CM)}
    )
    return chart


def _axis(title: str | None, number_format: str | None) -> dict[str, Any]:
    axis: dict[str, Any] = {}
    if title:
        axis["name"] = _words(title)
    if number_format:
        axis["num_format"] = number_format
    return axis


def _words(text: str) -> str:
    """Chart text as text: XlsxWriter takes anything shaped like ``x!A1`` for a reference, so
    such text gets an invisible break after its first ``!``."""
    if _LOOKS_LIKE_A_REFERENCE.match(text):
        return text.replace("!", "!\u200b", 1)
    return text
