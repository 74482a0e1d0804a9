"""What a sheet draws over its cells: a text box, a shape or a picture anchored over a price
or an answer shows the officer who opens the file something other than the cell under it.

A supplier can put a text box reading "£21.50" over the cell holding 2.15, or a white
rectangle over the uplift: the officer sees the drawing, and the cell is what is read and
scored. A sheet that draws anything names its drawing part (``<drawing r:id="…">``, noted
by io/appearance.py); the workbook reads that part's anchors (io/xlsx.py,
``Workbook.drawings``) only then, and :func:`drawn_over` says which cells each covers and
what it shows. Standard library only: the bid readers run in workers.
"""

from __future__ import annotations

from typing import NamedTuple
from xml.etree.ElementTree import Element

_XDR = (
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
)
DRAWINGS = frozenset(f"{{{ns}}}wsDr" for ns in _XDR)
ANCHORS = frozenset(f"{{{ns}}}{kind}" for ns in _XDR for kind in ("twoCellAnchor", "oneCellAnchor"))
MAX_DRAWN = 1_000  # drawings looked at on a sheet: far more than any bid return has
_TEXT_SHOWN = 200  # characters of a drawing's text kept to quote
_LOOKED_AT = 10_000  # elements looked at inside one drawing
_KINDS = {"pic": "a picture", "graphicFrame": "a chart", "cxnSp": "a line"}


class Drawn(NamedTuple):
    """A drawing over the cells from (first row, first column) to (last row, last column),
    1-based; what it is ("a text box", "a shape", "a picture", "a chart") and its text."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int
    kind: str
    text: str

    def covers(self, row: int, column: int) -> bool:
        return (
            self.first_row <= row <= self.last_row
            and self.first_column <= column <= self.last_column
        )


def drawn_over(anchor: Element) -> Drawn | None:
    """What an anchor draws and over which cells; None when it names no cell (or is a line,
    which hides nothing). A two-cell anchor covers the cells from its ``from`` cell to its
    ``to`` cell, less a last row or column it only touches (an offset of 0 into it); a
    one-cell anchor is taken to cover its ``from`` cell only (its size is in EMUs, not cells)."""
    start = _corner(anchor, "from")
    if start is None:
        return None
    end = _corner(anchor, "to") if _local(anchor.tag) == "twoCellAnchor" else None
    first_row, first_column, _, _ = start
    last_row, last_column = first_row, first_column
    if end is not None:
        row, column, row_offset, column_offset = end
        last_row = max(first_row, row - 1 if row_offset == 0 and row > first_row else row)
        last_column = max(
            first_column, column - 1 if column_offset == 0 and column > first_column else column
        )
    kind, text = _what(anchor)
    if kind == "a line":
        return None
    return Drawn(first_row, first_column, last_row, last_column, kind, text)


def _corner(anchor: Element, which: str) -> tuple[int, int, int, int] | None:
    """A ``from`` or ``to`` corner: its row and column (1-based) and offsets into them."""
    corner = next((child for child in anchor if _local(child.tag) == which), None)
    if corner is None:
        return None
    values = {_local(child.tag): _number(child.text) for child in corner}
    row, column = values.get("row"), values.get("col")
    if row is None or column is None or row >= 1_048_576 or column >= 16_384:
        return None
    return row + 1, column + 1, values.get("rowOff") or 0, values.get("colOff") or 0


def _what(anchor: Element) -> tuple[str, str]:
    kind = ""
    texts: list[str] = []
    length = 0
    for looked, element in enumerate(anchor.iter()):
        if looked >= _LOOKED_AT:
            break
        name = _local(element.tag)
        if not kind and name in _KINDS:
            kind = _KINDS[name]
        elif not kind and name == "sp":
            kind = "a shape"
        elif name == "t" and element.text and length < _TEXT_SHOWN:
            texts.append(element.text)
            length += len(element.text)
    text = "".join(texts).strip()[:_TEXT_SHOWN]
    if text and kind in ("", "a shape"):
        kind = "a text box"
    return kind or "a shape", text


def _number(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else None


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
