"""What a sheet part says, outside its cells, about how Excel shows them: the columns it
hides (or makes too narrow to show anything), the cells it merges, whether it shows
comments (notes) on its cells, and whether it draws its rows with no height unless given one
(and :func:`too_low`, what a row's own height hides).

A supplier can hide the uplift column with 3% in it, or merge a blank rate into the one above
it: the officer who opens the file sees something other than what is read. The readers
(io/xlsx.py, io/scan.py) hand the sheet's parsed surroundings (the part with its rows cut
out) to :func:`appearance_of`, once per distinct part; the table and form readers
(io/workbook.py) then say so. Standard library only: the bid readers run in workers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import NamedTuple
from xml.etree.ElementTree import Element

from tendereval.io.fonts import Differential, differential_of


class Merged(NamedTuple):
    """A merged range: its first and last row and column, and its reference (``G7:G8``)."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int
    ref: str


class Conditional(NamedTuple):
    """A conditional format's rule that can change what a cell shows: the ranges it applies
    to, as (first row, first column, last row, last column), its sqref as written, the
    differential format it applies (its dxfId; None for none, or the one written inside a
    rule of Excel 2010's, which live in the sheet's ``<extLst>``), and whether it is a data
    bar or icon set drawn without the value (``showValue="0"``: the bar or icon replaces
    it)."""

    ranges: tuple[tuple[int, int, int, int], ...]
    sqref: str
    dxf: int | None
    replaces_value: str  # "" or what the rule draws: "a data bar", "an icon set"
    inline: Differential | None = None  # a rule in the sheet's extLst carries its own


class Places:
    """Where the cells read on a sheet are, as (row, column) of each by its number, kept by
    column and row so that :meth:`covered` finds the cells a rule's ranges cover at the cost
    of the ranges and the cells they cover: a sheet's 100 rules, each on 1,000 ranges, cost
    as much as they say, not that times every cell read."""

    __slots__ = ("_columns", "_rows")

    def __init__(self, places: Iterable[tuple[int, int]]) -> None:
        by_column: dict[int, list[tuple[int, int]]] = {}
        for number, (row, column) in enumerate(places):
            by_column.setdefault(column, []).append((row, number))
        self._columns = sorted(by_column)
        # Each column's cells by row: their rows (to look up) and their numbers, alike sorted.
        self._rows: dict[int, tuple[list[int], list[int]]] = {}
        for column, cells in by_column.items():
            cells.sort()
            self._rows[column] = ([row for row, _ in cells], [number for _, number in cells])

    def covered(self, ranges: Iterable[tuple[int, int, int, int]]) -> list[int]:
        """The numbers of the cells that any of ``ranges`` (first row, first column, last row,
        last column) covers, in order, each once however many ranges cover it."""
        spans: dict[int, list[tuple[int, int]]] = {}
        for first_row, first_column, last_row, last_column in ranges:
            start = bisect_left(self._columns, first_column)
            for column in self._columns[start : bisect_right(self._columns, last_column)]:
                spans.setdefault(column, []).append((first_row, last_row))
        found: list[int] = []
        for column, rows in spans.items():
            held, numbers = self._rows[column]
            for first, last in _joined(rows):
                found += numbers[bisect_left(held, first) : bisect_right(held, last)]
        return sorted(found)


def _joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of rows (first, last) with those that overlap or touch joined into one, in order:
    a row is then in at most one of them."""
    joined: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if joined and first <= joined[-1][1] + 1:
            if last > joined[-1][1]:
                joined[-1] = (joined[-1][0], last)
        else:
            joined.append((first, last))
    return joined


class Appearance(NamedTuple):
    """The columns Excel does not show, as (first, last) column numbers, the merged ranges,
    as written (at most :data:`MAX_MERGED` of them), whether the sheet draws comments
    (a ``<legacyDrawing>``, which Excel writes for every sheet with comments or notes: their
    text is in other parts, read only then), and whether it draws every row not given a
    height of its own with none (``<sheetFormatPr zeroHeight="1">``: Excel writes it when
    most rows are hidden, and a supplier can write it to hide every row)."""

    hidden_columns: tuple[tuple[int, int], ...] = ()
    merged: tuple[Merged, ...] = ()
    commented: bool = False
    rows_hidden: bool = False
    conditional: tuple[Conditional, ...] = ()  # at most MAX_CONDITIONAL rules
    drawn: bool = False  # whether it draws over its cells (a <drawing>: io/drawings.py)

    def hides(self, column: int) -> bool:
        return any(first <= column <= last for first, last in self.hidden_columns)


PLAIN = Appearance()  # nothing hidden, nothing merged: nearly every sheet
MAX_MERGED = 10_000  # far more than any form or table merges; a file cannot make more work
MAX_CONDITIONAL = 1_000  # conditional rules kept, and ranges a rule applies to: as bounded
_REPLACING = {"dataBar": "a data bar", "iconSet": "an icon set"}
_LAST_COLUMN = 16_384
_LAST_ROW = 1_048_576
# Narrower than this (in characters) a column shows nothing: Excel hides a column by giving it
# no width, and a column can be made as narrow by hand.
_NARROWEST_SHOWN = 0.5
# Lower than this (in points) a row shows nothing: a line of a few pixels, where a line of
# text needs about 15. Excel hides a row by giving it no height (ht="0") as well as by
# hidden="1", and a row can be made as low by hand.
_LOWEST_SHOWN = 3.0
_RANGE = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6}):([A-Z]{1,3})([1-9][0-9]{0,6})")
_TRUE = ("1", "true")


def appearance_of(children: Iterable[Element]) -> Appearance:
    """What the children of a sheet's root (or those of them kept) hide and merge. Elements
    are matched by local name, in any namespace, as the programs that read them do; a value
    Excel would refuse (a column beyond its last) is passed over."""
    gathered = Gathered()
    for block in children:
        gathered.add(block)
    return gathered.appearance()


class Gathered:
    """What a sheet's root children hide and merge, gathered one child at a time: a streamed
    sheet (io/xlsx.py) hands each over as it ends and drops it, so memory holds what they say
    (bounded as :func:`appearance_of` bounds it), never the elements, however many the file
    writes (a sheet may write ``<cols>`` and ``<conditionalFormatting>`` any number of
    times)."""

    __slots__ = ("commented", "conditional", "drawn", "hidden", "merged", "rows_hidden")

    def __init__(self) -> None:
        self.hidden: list[tuple[int, int]] = []
        self.merged: list[Merged] = []
        self.commented = self.rows_hidden = self.drawn = False
        self.conditional: list[Conditional] = []

    def add(self, block: Element) -> None:
        kind = _local(block.tag)
        if kind == "conditionalFormatting":
            self._add_rules(block.get("sqref", ""), block)
        elif kind == "extLst":
            for formatting in _excel_2010_formattings(block):
                sqref = next((c.text or "" for c in formatting if _local(c.tag) == "sqref"), "")
                self._add_rules(sqref, formatting)
        elif kind == "drawing":
            self.drawn = True
        elif kind == "legacyDrawing":
            self.commented = True
        elif kind == "sheetFormatPr":
            self.rows_hidden = block.get("zeroHeight", "").strip() in _TRUE
        elif kind == "cols" and len(self.hidden) < _LAST_COLUMN:
            self.hidden += _hidden_columns(block)[: _LAST_COLUMN - len(self.hidden)]
        elif kind == "mergeCells":
            for element in block:
                if len(self.merged) >= MAX_MERGED:
                    break
                if _local(element.tag) == "mergeCell":
                    found = _merged(element.get("ref", ""))
                    if found is not None:
                        self.merged.append(found)

    def _add_rules(self, sqref: str, block: Element) -> None:
        if len(self.conditional) < MAX_CONDITIONAL:
            self.conditional += _rules(sqref, block, MAX_CONDITIONAL - len(self.conditional))

    def appearance(self) -> Appearance:
        if not (
            self.hidden
            or self.merged
            or self.commented
            or self.rows_hidden
            or self.conditional
            or self.drawn
        ):
            return PLAIN
        return Appearance(
            tuple(self.hidden),
            tuple(self.merged),
            self.commented,
            self.rows_hidden,
            tuple(self.conditional),
            self.drawn,
        )


def _excel_2010_formattings(extensions: Element) -> Iterable[Element]:
    """Excel 2010's conditional formats (a rule whose formula names another sheet, an icon
    set of its own), in a sheet's ``<extLst>``: ``<ext><x14:conditionalFormattings>
    <x14:conditionalFormatting>``, each rule with its differential format inside it and its
    cells in ``<xm:sqref>``."""
    return (
        formatting
        for ext in extensions
        for formattings in ext
        if _local(formattings.tag) == "conditionalFormattings"
        for formatting in formattings
        if _local(formatting.tag) == "conditionalFormatting"
    )


def _rules(sqref: str, block: Element, room: int) -> list[Conditional]:
    """The rules of a ``<conditionalFormatting>`` on ``sqref`` that apply a differential
    format or draw a data bar or icon set without the value (at most ``room``); the
    conditions themselves are not worked out: a rule that can hide a figure is worth a look
    whether or not it does."""
    sqref = " ".join(sqref.split()[:MAX_CONDITIONAL])
    ranges = tuple(found for ref in sqref.split() if (found := _cells(ref)) is not None)
    if not ranges:
        return []
    rules = []
    for rule in block:
        if len(rules) >= room or _local(rule.tag) != "cfRule":
            continue
        kind = rule.get("type", "").strip()
        replacing = _REPLACING.get(kind, "")
        if replacing:
            drawn = next((child for child in rule if _local(child.tag) == kind), None)
            if drawn is None or drawn.get("showValue", "").strip() not in ("0", "false"):
                replacing = ""
        dxf = _number((rule.get("dxfId") or "").strip() or None)
        inline = next((c for c in rule if _local(c.tag) == "dxf"), None)
        differential = differential_of(inline) if inline is not None else None
        if replacing or dxf is not None or differential is not None:
            rules.append(Conditional(ranges, sqref, dxf, replacing, differential))
    return rules


def _cells(ref: str) -> tuple[int, int, int, int] | None:
    """A range (``G5:G8``) or one cell (``G5``) as (first row, first column, last row, last
    column); None when not one Excel would read."""
    if ":" not in ref:
        ref = f"{ref}:{ref}"
    match = _RANGE.fullmatch(ref)
    if match is None:
        return None
    first_row, last_row = int(match.group(2)), int(match.group(4))
    first_column, last_column = _column(match.group(1)), _column(match.group(3))
    if not (first_row <= last_row <= _LAST_ROW and first_column <= last_column <= _LAST_COLUMN):
        return None
    return first_row, first_column, last_row, last_column


def too_low(height: str | None) -> bool:
    """Whether a row's height as written (its ht="…", None when not written) shows nothing of
    it; one that is not a number is left as the row's own (Excel refuses the file)."""
    if height is None:
        return False
    try:
        return float(height.strip()) < _LOWEST_SHOWN
    except ValueError:
        return False


def _hidden_columns(cols: Element) -> list[tuple[int, int]]:
    hidden = []
    for col in cols:
        if _local(col.tag) != "col":
            continue
        first, last = _number(col.get("min")), _number(col.get("max"))
        if first is None or last is None or not 1 <= first <= last <= _LAST_COLUMN:
            continue
        if col.get("hidden", "").strip() in _TRUE or _too_narrow(col.get("width")):
            hidden.append((first, last))
    return hidden


def _too_narrow(width: str | None) -> bool:
    if width is None:
        return False
    try:
        return float(width.strip()) < _NARROWEST_SHOWN
    except ValueError:
        return False


def _number(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 7 else None


def _merged(ref: str) -> Merged | None:
    match = _RANGE.fullmatch(ref.strip())
    if match is None:
        return None
    first_row, last_row = int(match.group(2)), int(match.group(4))
    first_column, last_column = _column(match.group(1)), _column(match.group(3))
    if not (first_row <= last_row <= _LAST_ROW and first_column <= last_column <= _LAST_COLUMN) or (
        first_row == last_row and first_column == last_column
    ):
        return None
    return Merged(first_row, first_column, last_row, last_column, match.group())


def _column(letters: str) -> int:
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return column


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
