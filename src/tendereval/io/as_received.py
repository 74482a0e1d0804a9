"""A return kept as received (an .xls, .ods …) beside the .xlsx it was saved as in bids/.

tendereval advises saving a return sent in another format as .xlsx in bids/; the one
received then stays in the portal's zip or a folder not read, under the same name but for
its extension ("weald.xls" beside bids/weald.xlsx), and is no bid left out. But a portal
names every return alike (another supplier's late bids/late/Response.xls beside an on-time
bids/Response.xlsx), and a supplier may send a revised return with other prices under the
same name. Neither is the return read: each is a bid that would be lost. So the name is not
enough, nor is finding the supplier's name in it (another supplier's return names it as a
subcontractor): the one received is the return as received only when every value in it is
the value in the same cell of the same sheet of the .xlsx, and no cell of either holds
what the other does not. A date is compared as the number Excel keeps for it, a number to
within rounding in its last digits.

An .xlsm is read as the .xlsx is. An .xls or .ods is read by io/received_cells.py, for its
cells' values only, within bounds. What cannot be read as cells (an .xlsb, a .numbers file,
a damaged or password-protected file, one past the bounds) could not be compared: it may be
a bid, and is said as one.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tendereval.errors import Problem
from tendereval.io.files import read_input
from tendereval.io.received_cells import Cells, received_cells
from tendereval.io.safety import MAX_FILE_BYTES
from tendereval.io.xlsx import CellError, Undated, fold_name

# Formats a return may be saved in that Excel's Save As makes an .xlsx of, as tendereval
# advises for an .xls: the one received is then kept beside the .xlsx in bids/.
CONVERTED_FROM = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers")
_DAY_ZERO = dt.datetime(1899, 12, 30)  # what Excel's 1900 date system counts days from
_ROUNDING = 1e-9  # a number saved again differs by no more, relatively, in its last digits
# A value as compared: its kind (text, number, true/false, error) and what it is.
Held = tuple[str, Any]


def converted(name: str, beside: Iterable[Path]) -> Path | None:
    """The .xlsx among ``beside`` (the files read in bids/) whose name is that of the
    workbook ``name`` (an .xls, .xlsm, .ods …, in a zip or a folder not read) but for
    ``.xlsx``, compared in any case and however an accent is stored; None when there is none.
    That it is the return saved as it is :func:`same_return`'s to say."""
    stem, dot, suffix = name.rpartition("/")[2].rstrip(" .").rpartition(".")
    if not dot or f".{suffix.casefold()}" not in CONVERTED_FROM:
        return None
    wanted = _compared(f"{stem}.xlsx")
    return next((path for path in beside if _compared(path.name) == wanted), None)


def _compared(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def same_return(data: bytes, label: str, saved_as: Path, folder: str = "") -> bool:
    """Whether ``data`` (the workbook ``label``, as received) is the return read as
    ``saved_as`` (in ``folder``/): every cell of every sheet holds the same value in both
    (see the module). False when either cannot be read as cells."""
    try:
        state = saved_as.stat()
    except OSError:
        return False
    saved = _values_of(saved_as, state.st_size, state.st_mtime_ns)
    if not saved:
        return False
    received = _book_values(data, label)
    if received is None:
        cells = received_cells(data)  # (an .xls, an .ods)
        received = None if cells is None else _held_cells(cells)
    return received is not None and _same(received, saved)


@functools.lru_cache(maxsize=16)
def _values_of(path: Path, size: int, changed: int) -> dict[str, dict[tuple[int, int], Held]]:
    """:func:`_book_values` of the file at ``path``, of ``size`` bytes last ``changed`` then:
    read once however many workbooks kept elsewhere share its name (a portal's folder per
    supplier, each holding "Response.xls"). Empty when it cannot be read."""
    read = read_input(path, path.name, MAX_FILE_BYTES, "workbook")
    if isinstance(read, Problem):
        return {}
    return _book_values(read.data, path.name) or {}


def _book_values(data: bytes, label: str) -> dict[str, dict[tuple[int, int], Held]] | None:
    """Every value of every sheet of the .xlsx or .xlsm ``data``, as the loader reads them;
    None when it cannot be opened or read (a damaged sheet: what it holds is not known)."""
    from tendereval.io.workbook import open_book_bytes  # (the reader: only when needed)

    book = open_book_bytes(data, label)
    if book is None:
        return None
    cells: Cells = {}
    try:
        with book:
            for name in book.sheet_names:
                found, unsaved = book.values(name)
                if unsaved:  # a formula whose result is not saved: what it shows is not known
                    return None
                cells[name] = {
                    (row, col): value
                    for row, values in found.items()
                    for col, value in values.items()
                }
    except Exception:  # any failure to read it: not known to be the same return
        return None
    return _held_cells(cells)


def _held_cells(cells: Cells) -> dict[str, dict[tuple[int, int], Held]]:
    """``cells`` by sheet name as Excel compares names, blank cells and sheets left out."""
    held: dict[str, dict[tuple[int, int], Held]] = {}
    for name, values in cells.items():
        kept = {
            at: _held(value) for at, value in values.items() if value is not None and value != ""
        }
        if kept:
            held.setdefault(fold_name(name), {}).update(kept)
    return held


def _held(value: Any) -> Held:
    """A cell's value as compared: a date or time as the number of days Excel keeps."""
    if isinstance(value, bool):
        return "true/false", value
    if isinstance(value, Undated):
        return "number", float(value.number)
    if isinstance(value, CellError):
        return "error", str(value)
    if isinstance(value, str):
        return "text", value.replace("\r\n", "\n")
    if isinstance(value, int | float):
        return "number", float(value)
    if isinstance(value, dt.datetime):
        return "number", (value - _DAY_ZERO) / dt.timedelta(days=1)
    if isinstance(value, dt.date):
        return "number", (dt.datetime.combine(value, dt.time()) - _DAY_ZERO).days
    if isinstance(value, dt.time):
        return "number", (dt.datetime.combine(_DAY_ZERO, value) - _DAY_ZERO) / dt.timedelta(days=1)
    if isinstance(value, dt.timedelta):
        return "number", value / dt.timedelta(days=1)
    return "other", repr(value)


def _same(
    received: dict[str, dict[tuple[int, int], Held]], saved: dict[str, dict[tuple[int, int], Held]]
) -> bool:
    if received.keys() != saved.keys():
        return False
    for name, cells in saved.items():
        theirs = received[name]
        if theirs.keys() != cells.keys():
            return False
        for at, (kind, value) in cells.items():
            other_kind, other = theirs[at]
            if other_kind != kind:
                return False
            if kind == "number":
                if abs(value - other) > _ROUNDING * max(1.0, abs(value), abs(other)):
                    return False
            elif value != other:
                return False
    return True
