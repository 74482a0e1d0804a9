"""Writing cells safely: bid text always as text, tables with formats, and atomic saving.

Text that came from a bid (a supplier's name, an evaluator's reason) is written as a string
cell even when it starts with ``=``, so a supplier called ``=HYPERLINK(...)`` can never become
a live formula in the buyer's Excel. Workbooks are saved to a temporary file beside the target
and moved into place in one step, so a failure mid-write leaves the previous file intact.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tendereval.atomic import replacing
from tendereval.report import styles
from tendereval.sheets import package_bytes, restamp

# Characters that make a spreadsheet treat text as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(cell: Cell, value: str) -> None:
    """Write ``value`` as a text cell, never a formula; control characters Excel rejects are
    dropped (they cannot be stored in a workbook at all)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = text
    if text.startswith(FORMULA_STARTS):
        cell.data_type = "s"


def put(cell: Cell, value: Any, number_format: str | None = None) -> None:
    """Write a plain value: text safely, yes/no for booleans, lists joined with "; ", nothing for
    missing or non-finite numbers. Formulas are written with :func:`put_formula` only."""
    if value is None:
        return
    if isinstance(value, str):
        safe_text(cell, value)
        return
    if isinstance(value, bool):
        cell.value = "yes" if value else "no"
        return
    if isinstance(value, float) and not math.isfinite(value):
        return
    if isinstance(value, (list, tuple)):
        safe_text(cell, "; ".join(str(v) for v in value if v is not None))
        return
    cell.value = value
    if number_format:
        cell.number_format = number_format


def put_formula(cell: Cell, formula: str, number_format: str | None = None) -> None:
    """Write a formula the report itself built (never text from a bid)."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell.value = formula
    if number_format:
        cell.number_format = number_format


@dataclass(frozen=True)
class Col:
    """A column of a report table: its header, width and number format."""

    header: str
    width: float = 14
    fmt: str | None = None
    wrap: bool = False


def write_title(ws: Worksheet, title: str, *notes: str) -> int:
    """Title in A1 and one note per following row; returns the next free row."""
    put(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = styles.TITLE_FONT
    for offset, note in enumerate(notes, start=2):
        put(ws.cell(row=offset, column=1), note)
        ws.cell(row=offset, column=1).font = styles.NOTE_FONT
    return len(notes) + 2


def write_heading(ws: Worksheet, row: int, text: str) -> int:
    """A bold heading for a block on a sheet; returns the next row."""
    put(ws.cell(row=row, column=1), text)
    ws.cell(row=row, column=1).font = styles.SUBTITLE_FONT
    return row + 1


def write_table(
    ws: Worksheet,
    top: int,
    columns: Sequence[Col],
    rows: Iterable[Sequence[Any]],
    set_widths: bool = True,
) -> tuple[int, int]:
    """Write a header row at ``top`` and the rows beneath it.

    Returns ``(first_data_row, last_data_row)``; ``last < first`` when there were no rows.
    """
    for col, spec in enumerate(columns, start=1):
        put(ws.cell(row=top, column=col), spec.header)
    styles.style_header_row(ws, top, 1, len(columns))
    wrapped = _Wrapped()
    row = top
    for row, values in enumerate(rows, start=top + 1):
        for col, (spec, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = ws.cell(row=row, column=col)
            put(cell, value, spec.fmt)
            if spec.wrap:
                wrapped.apply(cell)
    if set_widths:
        styles.set_widths(ws, {i: spec.width for i, spec in enumerate(columns, start=1)})
    return top + 1, row


class _Wrapped:
    """Sets the wrapping alignment on many cells quickly.

    Assigning ``cell.alignment`` makes openpyxl hash the Alignment to find it in the workbook's
    list of alignments, which was a third of the time spent writing a 1,000-supplier report.
    The finished style of the first cell with each starting style is remembered and copied to
    the others: the same cell styles, without the hashing.
    """

    def __init__(self) -> None:
        self._done: dict[tuple[int, ...], StyleArray] = {}

    def apply(self, cell: Cell) -> None:
        before = () if cell._style is None else tuple(cell._style)  # None: no style yet
        done = self._done.get(before)
        if done is None:
            cell.alignment = styles.WRAP
            self._done[before] = copy(cell._style)
        else:
            cell._style = copy(done)


def write_pairs(
    ws: Worksheet, top: int, pairs: Iterable[tuple[str, Any]], fmt: Mapping[str, str] | None = None
) -> int:
    """Label in column A (bold), value in column B; returns the next free row."""
    row = top
    for row, (label, value) in enumerate(pairs, start=top):
        put(ws.cell(row=row, column=1), label)
        ws.cell(row=row, column=1).font = styles.LABEL_FONT
        put(ws.cell(row=row, column=2), value, (fmt or {}).get(label))
        ws.cell(row=row, column=2).alignment = styles.WRAP
    return row + 1


# --------------------------------------------------------------------------------------------
# Saving

_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v></v>)</c>')
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}

Cached = Mapping[str, Mapping[str, float]]


def atomic_save(
    wb: Workbook, path: str | Path, *, when: dt.datetime, cached: Cached | None = None
) -> Path:
    """Save ``wb`` to ``path`` atomically, with fixed timestamps and cached formula results.

    ``when`` becomes the workbook's created/modified time and every zip entry's date, so the
    same workbook always gives the same bytes. ``cached`` maps sheet title → cell → the value
    each formula cell computes; it is stored in the file so viewers that do not recalculate
    (previews, Python readers) still show the right numbers. Excel recalculates on open anyway
    (``fullCalcOnLoad``).
    """
    naive = when.replace(tzinfo=None, microsecond=0)
    wb.calculation.fullCalcOnLoad = True
    package = package_bytes(wb, naive)
    with replacing(path) as out:
        _finish_package(package, out, naive, cached or {})
    return Path(path)


def _finish_package(
    package: bytes, out: io.BufferedIOBase, when: dt.datetime, cached: Cached
) -> None:
    """Copy the package with fixed entry dates, filling formula cells' cached values."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = _sheet_parts(source)
    missing = set(cached) - set(parts.values())
    if missing:
        raise ValueError(f"cached values for sheets not in the workbook: {sorted(missing)}")

    def fill(name: str, data: bytes) -> bytes:
        sheet = parts.get(name)
        return _fill_cached(data, cached[sheet], sheet) if cached.get(sheet) else data

    restamp(package, out, when, fill)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part name (``xl/worksheets/sheet2.xml``) → sheet title."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.findall("rel:Relationship", _NS)
    }
    parts: dict[str, str] = {}
    for sheet in book.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts[name] = sheet.get("name", "")
    return parts


def _fill_cached(xml: bytes, values: Mapping[str, float], sheet: str) -> bytes:
    filled: set[str] = set()

    def replace(match: re.Match[bytes]) -> bytes:
        coord = match.group(1).decode()
        if coord not in values:
            return match.group(0)
        filled.add(coord)
        value = float(values[coord])
        text = str(int(value)) if value.is_integer() else repr(value)
        return b'<c r="%s"%s><f>%s</f><v>%s</v></c>' % (
            match.group(1),
            match.group(2),
            match.group(3),
            text.encode(),
        )

    result = _FORMULA_CELL.sub(replace, xml)
    unfilled = set(values) - filled
    if unfilled:
        raise ValueError(f"{sheet}: no formula cell for cached values at {sorted(unfilled)[:5]}")
    return result
