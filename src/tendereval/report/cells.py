"""Writing cells safely: bid text always as text, tables with formats, and atomic saving.

Text that came from a bid (a supplier's name, an evaluator's reason) is written as a string
cell even when it starts with ``=``, so a supplier called ``=HYPERLINK(...)`` can never become
a live formula in the buyer's Excel: only :func:`put_formula` makes a formula. Workbooks are
saved to a temporary file beside the target and moved into place in one step, so a failure
mid-write leaves the previous file intact.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tendereval.atomic import Together, replacing
from tendereval.errors import workbook_path
from tendereval.report import styles
from tendereval.report.book import (
    PLAIN,
    Cell,
    Formula,
    Workbook,
    Worksheet,
    coordinate_to_tuple,
    look,
)
from tendereval.report.render import write_workbook

# Control characters a workbook cannot store at all (XML 1.0 forbids them).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def clean_text(value: str) -> str:
    """Text as a cell stores it: without the characters a workbook cannot hold, and with every
    line ending a line feed (what an XML reader makes of a carriage return anyway)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# Characters that make a spreadsheet treat text as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(cell: Cell, value: str) -> None:
    """Write ``value`` as a text cell, never a formula; control characters Excel rejects are
    dropped (they cannot be stored in a workbook at all)."""
    cell.value = clean_text(value)


def _plain(value: Any) -> tuple[Any, bool] | None:
    """What :func:`put` stores for ``value``, and whether it is text; None for nothing."""
    if value is None:
        return None
    if isinstance(value, str):
        return clean_text(value), True
    if isinstance(value, bool):
        return ("yes" if value else "no"), True
    if isinstance(value, float):
        return (value, False) if math.isfinite(value) else None
    if isinstance(value, int):
        return int(value), False
    if isinstance(value, (list, tuple)):
        joined = "; ".join(str(v) for v in value if v is not None)
        return clean_text(joined), True
    if isinstance(value, (dt.date, dt.datetime)):
        return value, False
    try:
        number = float(value)  # Decimal and other numbers
    except (TypeError, ValueError):
        return clean_text(str(value)), True
    return (number, False) if math.isfinite(number) else None


def put(cell: Cell, value: Any, number_format: str | None = None) -> None:
    """Write a plain value: text safely, yes/no for booleans, lists joined with "; ", nothing for
    missing or non-finite numbers. Formulas are written with :func:`put_formula` only."""
    plain = _plain(value)
    if plain is None:
        return
    stored, is_text = plain
    cell.value = stored
    if number_format and not is_text:
        cell.number_format = number_format


def put_formula(cell: Cell, formula: str, number_format: str | None = None) -> None:
    """Write a formula the report itself built (never text from a bid)."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell.value = Formula(formula)
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
    # Every cell of a column shares one look for text and one for numbers, decided here once:
    # the cells of a large table are stored without a Python call each.
    wrap = [styles.WRAP if spec.wrap else None for spec in columns]
    text_looks = [look(alignment=w) if w else PLAIN for w in wrap]
    number_looks = [
        look(alignment=w, number_format=spec.fmt) for w, spec in zip(wrap, columns, strict=True)
    ]
    numbers = list(zip(range(1, len(columns) + 1), text_looks, number_looks, strict=True))
    table = ws.rows
    row = top
    for row, values in enumerate(rows, start=top + 1):
        cells = table.setdefault(row, {})
        for (col, text_look, number_look), value in zip(numbers, values, strict=True):
            kind = type(value)
            if kind is str:
                cells[col] = (clean_text(value), text_look)
            elif kind is float:
                if math.isfinite(value):
                    cells[col] = (value, number_look)
            elif kind is int:
                cells[col] = (value, number_look)
            elif value is not None:
                plain = _plain(value)
                if plain is not None:
                    cells[col] = (plain[0], text_look if plain[1] else number_look)
    if set_widths:
        styles.set_widths(ws, {i: spec.width for i, spec in enumerate(columns, start=1)})
    return top + 1, row


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

Cached = Mapping[str, Mapping[str, float]]


def atomic_save(
    wb: Workbook,
    path: str | Path,
    *,
    when: dt.datetime,
    cached: Cached | None = None,
    together: Together | None = None,
) -> Path:
    """Save ``wb`` to ``path`` atomically, reproducibly and with cached formula results.

    ``when`` becomes the workbook's created/modified time, so the same workbook always gives
    the same bytes. ``cached`` maps sheet title → cell → the value each formula cell computes;
    it is stored in the file so viewers that do not recalculate (previews, Python readers)
    still show the right numbers. Excel recalculates on open anyway (``fullCalcOnLoad``).
    With ``together`` the file is one of a set put in place all or none.
    """
    path = workbook_path(path)
    naive = when.replace(tzinfo=None, microsecond=0)
    values = _formula_values(wb, cached or {})
    with together.replacing(path) if together else replacing(path) as out, many_cells():
        _finish_package(wb, out, naive, values)
    return Path(path)


@contextmanager
def many_cells() -> Iterator[None]:
    """Pause Python's cycle collector while a workbook is laid out or written. Each cell makes
    a few small objects, none of them in a cycle, so the collector's passes over them find
    nothing; pausing it measured 8–15% off writing a report."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _finish_package(
    wb: Workbook, out: IO[bytes], when: dt.datetime, cached: Mapping[str, Mapping]
) -> None:
    """Write the package into the temporary file ``out``."""
    write_workbook(wb, out, when, cached)


def _formula_values(wb: Workbook, cached: Cached) -> dict[str, dict[tuple[int, int], float]]:
    """``cached`` keyed by (row, column), checked: every value belongs to a formula cell."""
    sheets = {ws.title: ws for ws in wb.worksheets}
    missing = set(cached) - set(sheets)
    if missing:
        raise ValueError(f"cached values for sheets not in the workbook: {sorted(missing)}")
    found: dict[str, dict[tuple[int, int], float]] = {}
    for title, values in cached.items():
        rows = sheets[title].rows
        by_cell: dict[tuple[int, int], float] = {}
        unfilled = []
        for coord, value in values.items():
            row, col = coordinate_to_tuple(coord)
            if not isinstance(rows.get(row, {}).get(col, (None,))[0], Formula):
                unfilled.append(coord)
            by_cell[row, col] = float(value)
        if unfilled:
            first = sorted(unfilled)[:5]
            raise ValueError(f"{title}: no formula cell for cached values at {first}")
        found[title] = by_cell
    return found
