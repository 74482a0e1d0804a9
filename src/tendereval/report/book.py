"""The workbook a report is laid out in, before it is written as .xlsx.

Report sheets are filled cell by cell in whatever order suits them (a title, then a table,
then a style on a row written earlier), which the fast writers cannot take: XlsxWriter wants
each row whole, in order, with its formats known. So sheets are laid out here — a dictionary of
rows of ``(value, look)`` pairs, plus widths, panes, print settings, highlights and charts —
and :mod:`tendereval.report.render` writes the finished workbook in one pass.

The names follow openpyxl's (``Workbook``, ``Worksheet``, ``ws.cell(row=, column=)``,
``cell.font``, ``wb.create_sheet``) so the sheet modules read as before; only what the reports
use is here. A value is stored as it will be written: text is always text (a string starting
with ``=`` included), and only a :class:`Formula`, made by ``cells.put_formula``, is a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tendereval.io.xlsx import (  # (column_letter re-exported: the sheet modules import it here)
    column_letter,
    column_number,
)


@dataclass(frozen=True)
class Font:
    bold: bool = False
    italic: bool = False
    size: float | None = None
    color: str | None = None  # RRGGBB


@dataclass(frozen=True)
class Fill:
    color: str  # RRGGBB, a solid fill


@dataclass(frozen=True)
class Alignment:
    wrap: bool = False
    vertical: str | None = None  # "top" or "center"; None is Excel's default (bottom)


@dataclass(frozen=True)
class Border:
    bottom: str | None = None  # RRGGBB of a thin line under the cell


@dataclass(frozen=True)
class Look:
    """Everything about how one cell looks. Looks are shared (see :func:`look`), so a sheet
    of 100,000 cells holds a handful of them and the writer makes one format for each."""

    font: Font | None = None
    fill: Fill | None = None
    alignment: Alignment | None = None
    border: Border | None = None
    number_format: str | None = None

    @property
    def wraps(self) -> bool:
        return self.alignment is not None and self.alignment.wrap

    @property
    def bold(self) -> bool:
        return self.font is not None and self.font.bold


_LOOKS: dict[Look, Look] = {}
# Keyed by id (hashing a look for every restyled cell would cost more than the lookup it
# saves), holding ``old`` itself beside the answer: an id is only unique while its object
# lives, and a look not made by look() (written into ``ws.rows`` directly) can be freed and
# its id given to another look with other parts.
_CHANGED: dict[tuple[int, str, Any], tuple[Look, Look]] = {}


def look(**parts: Any) -> Look:
    """The shared look with these parts (font, fill, alignment, border, number_format)."""
    wanted = Look(**parts)
    return _LOOKS.setdefault(wanted, wanted)


PLAIN = look()


def _changed(old: Look, part: str, value: Any) -> Look:
    """``old`` with one part replaced, remembered so restyling many cells costs a lookup."""
    key = (id(old), part, value)
    held = _CHANGED.get(key)
    if held is None:
        held = _CHANGED[key] = (old, look(**{**old.__dict__, part: value}))
    return held[1]


class Formula(str):
    """A formula the report built itself (``=SUM(G5:I5)``); no text from a file is ever one."""

    __slots__ = ()


Entry = tuple[Any, Look]


class Cell:
    """A view of one cell of a :class:`Worksheet`; setting an attribute changes the cell."""

    __slots__ = ("column", "row", "sheet")

    def __init__(self, sheet: Worksheet, row: int, column: int):
        self.sheet, self.row, self.column = sheet, row, column

    def _entry(self) -> Entry:
        return self.sheet.rows.get(self.row, {}).get(self.column, (None, PLAIN))

    def _store(self, value: Any, style: Look) -> None:
        self.sheet.rows.setdefault(self.row, {})[self.column] = (value, style)

    @property
    def value(self) -> Any:
        return self._entry()[0]

    @value.setter
    def value(self, value: Any) -> None:
        self._store(value, self._entry()[1])

    @property
    def look(self) -> Look:
        return self._entry()[1]

    def _restyle(self, part: str, value: Any) -> None:
        old_value, old = self._entry()
        self._store(old_value, _changed(old, part, value))

    font = property(lambda self: self.look.font, lambda self, v: self._restyle("font", v))
    fill = property(lambda self: self.look.fill, lambda self, v: self._restyle("fill", v))
    alignment = property(
        lambda self: self.look.alignment, lambda self, v: self._restyle("alignment", v)
    )
    border = property(lambda self: self.look.border, lambda self, v: self._restyle("border", v))
    number_format = property(
        lambda self: self.look.number_format or "General",
        lambda self, v: self._restyle("number_format", v),
    )

    @property
    def coordinate(self) -> str:
        return f"{column_letter(self.column)}{self.row}"


@dataclass(frozen=True)
class Highlight:
    """Conditional formatting: fill ``cells`` where ``formula`` (for the top-left cell) is
    true, or, with ``equals``, where the cell's value equals that number."""

    cells: str
    fill: Fill
    formula: str | None = None
    equals: float | None = None


@dataclass(frozen=True)
class Series:
    """One series of a chart: ranges as ``'Sheet'!$G$5:$G$9`` (see :func:`cell_range`).

    ``name`` is the report's own words; ``name_cell`` a cell holding the name (for names that
    come from a file, which are never given to the chart writer as text)."""

    values: str
    categories: str | None = None
    name: str | None = None
    name_cell: str | None = None
    marker: str | None = None  # "circle" …


@dataclass
class Chart:
    """A native Excel chart. ``kind``: "bar" (horizontal bars), "column" or "scatter" (lines
    with markers). Sizes in centimetres."""

    kind: str
    title: str
    series: list[Series] = field(default_factory=list)
    stacked: bool = False
    value_title: str | None = None
    value_format: str | None = None
    category_title: str | None = None  # for a scatter chart: the x axis
    category_format: str | None = None
    reverse_categories: bool = False  # first category at the top of a bar chart
    legend: str | None = "right"  # "bottom", "right", or None for no legend
    width: float = 15.0
    height: float = 7.5


@dataclass
class PrintSetup:
    """Landscape A4, one page wide; margins in inches; rows repeated on every page."""

    repeat_rows: tuple[int, int] | None = None
    margins: tuple[float, float, float, float] | None = None  # left, right, top, bottom


class Worksheet:
    """One sheet: rows of cells and the sheet's settings."""

    def __init__(self, title: str):
        self.title = title
        self.rows: dict[int, dict[int, Entry]] = {}
        self.widths: dict[int, float] = {}  # column number → width in characters
        self.heights: dict[int, float] = {}  # row number → height in points
        self.freeze: tuple[int, int] | None = None  # rows and columns kept in view
        self.print_setup: PrintSetup | None = None
        self.highlights: list[Highlight] = []
        self.charts: list[tuple[str, Chart]] = []  # (top-left cell, chart)

    def cell(self, row: int, column: int) -> Cell:
        return Cell(self, row, column)

    def __getitem__(self, coordinate: str) -> Cell:
        row, column = coordinate_to_tuple(coordinate)
        return Cell(self, row, column)

    def add_chart(self, chart: Chart, anchor: str) -> None:
        self.charts.append((anchor, chart))

    @property
    def max_row(self) -> int:
        return max(self.rows, default=1)

    @property
    def max_column(self) -> int:
        return max((max(cells) for cells in self.rows.values() if cells), default=1)

    def iter_rows(self) -> Iterator[tuple[Cell, ...]]:
        """Every row from 1 to the last, each with every column to the last (as openpyxl)."""
        width = self.max_column
        for row in range(1, self.max_row + 1):
            yield tuple(Cell(self, row, column) for column in range(1, width + 1))


@dataclass
class Properties:
    title: str | None = None
    creator: str = "tendereval"
    # What the workbook is, in words ("evaluation report"), written as the document property
    # layout.OUTPUT_MARK so that a copy put among the inputs is known for what it is.
    output: str = ""
    # An assessment summary's: the sending decisions.toml recorded when it was written
    # ([standstill] summaries_sent_on, as text), written as layout.SENDING_MARK. Under PCR 2015
    # the day is recorded before the notices are written, so it is the day they go.
    sending: str = ""


class Workbook:
    """Sheets in order and the document properties. Starts with one sheet, like openpyxl."""

    def __init__(self) -> None:
        self.properties = Properties()
        # No sheet points back at its workbook: a laid-out report is freed as soon as it is
        # dropped, not at the next pass of the cycle collector.
        self.worksheets: list[Worksheet] = [Worksheet("Sheet")]

    @property
    def active(self) -> Worksheet:
        return self.worksheets[0]

    @property
    def sheetnames(self) -> list[str]:
        return [ws.title for ws in self.worksheets]

    def create_sheet(self, title: str, index: int | None = None) -> Worksheet:
        """A new sheet, last or at ``index`` (as openpyxl's)."""
        if title.casefold() in (name.casefold() for name in self.sheetnames):
            raise ValueError(f"a sheet called {title!r} is already in the workbook")
        ws = Worksheet(title)
        self.worksheets.insert(len(self.worksheets) if index is None else index, ws)
        return ws

    def remove(self, ws: Worksheet) -> None:
        self.worksheets.remove(ws)

    def __getitem__(self, title: str) -> Worksheet:
        for ws in self.worksheets:
            if ws.title == title:
                return ws
        raise KeyError(title)


_COORDINATE = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)$")


def coordinate_to_tuple(coordinate: str) -> tuple[int, int]:
    """``"B7"`` → (7, 2)."""
    match = _COORDINATE.match(coordinate.upper())
    if match is None:
        raise ValueError(f"not a cell: {coordinate!r}")
    return int(match.group(2)), column_number(match.group(1))


def quote_sheet(title: str) -> str:
    """A sheet title as a formula refers to it: ``'Ranking'``, ``'Bob''s'``."""
    return "'" + title.replace("'", "''") + "'"


def cell_range(
    ws: Worksheet, column: int, first_row: int, last_row: int, last_column: int | None = None
) -> str:
    """``'Ranking'!$G$5:$G$9`` for charts."""
    end = column_letter(last_column or column)
    return f"{quote_sheet(ws.title)}!${column_letter(column)}${first_row}:${end}${last_row}"


def cell_ref(ws: Worksheet, row: int, column: int) -> str:
    """``'Frontier'!$A$5``."""
    return f"{quote_sheet(ws.title)}!${column_letter(column)}${row}"


__all__ = [
    "PLAIN",
    "Alignment",
    "Border",
    "Cell",
    "Chart",
    "Fill",
    "Font",
    "Formula",
    "Highlight",
    "Look",
    "PrintSetup",
    "Series",
    "Workbook",
    "Worksheet",
    "cell_range",
    "cell_ref",
    "column_letter",
    "coordinate_to_tuple",
    "look",
    "quote_sheet",
]
