"""The cell values of a workbook received in a format no reader here opens as a bid (an
Excel 97–2003 .xls, an OpenDocument .ods), to compare with the .xlsx it was saved as.

Only what a cell holds is read: its text, number, true/false or error, by sheet, row and
column (a date is the number Excel keeps for it). Nothing else is: no formats, no formulas
(their saved results only), no macros. Both readers are bounded: an .xls is read within its
own bytes, following each chain of its sectors at most once; an .ods's content.xml is parsed as
a stream, unpacked to no more than a few times the file's size, with no document type (so no
entities), and at most :data:`MOST_CELLS` cells in all. Whatever is past a bound, damaged or
not understood gives None: the workbook could not be compared, and may be a bid.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from tendereval.io.formats import OLE_MAGIC, ZIP_MAGIC
from tendereval.io.safety import MAX_UNCOMPRESSED_BYTES
from tendereval.io.xlsx import CellError

# Sheet name → {(row, column): value}, numbered from 1.
Cells = dict[str, dict[tuple[int, int], Any]]

MOST_CELLS = 200_000  # far more than any return holds; a bound on what is read
# Records of an .xls read at most: a cell is one, its sheet's formats a few hundred more.
_MOST_RECORDS = 4 * MOST_CELLS
_UNPACKED_PER_BYTE = 50  # a spreadsheet's XML compresses tenfold, not a thousandfold
_EXCEL_DAY_ZERO = dt.datetime(1899, 12, 30)


class _Unread(Exception):
    """What is past a bound, damaged or not understood."""


def received_cells(data: bytes) -> Cells | None:
    """The cell values of the .xls or .ods whose bytes are ``data``; None when it is neither,
    or cannot be read within the bounds (see the module)."""
    try:
        if data.startswith(OLE_MAGIC):
            return _xls_cells(data)
        if data.startswith(ZIP_MAGIC):
            return _ods_cells(data)
    except (_Unread, ValueError, IndexError, KeyError, struct.error, zipfile.BadZipFile):
        return None
    except Exception:  # a hostile file: what it holds is not known
        return None
    return None


def _added(cells: Cells, sheet: str, at: tuple[int, int], value: Any, count: list[int]) -> None:
    if value is None or value == "":
        return
    count[0] += 1
    if count[0] > MOST_CELLS:
        raise _Unread("too many cells")
    cells.setdefault(sheet, {})[at] = value


# -- Excel 97–2003 (.xls): the Workbook stream of an OLE compound file, in BIFF8 records

_END_OF_CHAIN = 0xFFFFFFFE
_ERRORS = {0: "#NULL!", 7: "#DIV/0!", 15: "#VALUE!", 23: "#REF!", 29: "#NAME?", 36: "#NUM!"}
_ERRORS[42] = "#N/A"


def _xls_cells(data: bytes) -> Cells | None:
    stream = _workbook_stream(data)
    return None if stream is None else _biff_cells(stream)


def _workbook_stream(data: bytes) -> bytes | None:
    """The Workbook stream of the compound file ``data``: None when it has none this reads
    (one under 4,096 bytes is kept in the mini stream: no return is that small)."""
    if len(data) < 512:
        return None
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        raise _Unread("sector size")
    size = 1 << shift
    count = (len(data) - size) // size if shift == 12 else (len(data) - 512) // size

    def sector(number: int) -> bytes:
        if not 0 <= number < count:
            raise _Unread("sector outside the file")
        start = (number + 1) * size
        return data[start : start + size]

    fat_count, directory = struct.unpack_from("<II", data, 44)
    difat_next, difat_count = struct.unpack_from("<II", data, 68)
    fat_sectors = [n for n in struct.unpack_from("<109I", data, 76) if n < count]
    for _ in range(min(difat_count, count)):  # (each sector of them once at most)
        if difat_next >= count:
            break
        more = struct.unpack(f"<{size // 4}I", sector(difat_next))
        fat_sectors += [n for n in more[:-1] if n < count]
        difat_next = more[-1]
    fat: list[int] = []
    for number in fat_sectors[: min(fat_count, count)]:
        fat += struct.unpack(f"<{size // 4}I", sector(number))

    def chain(start: int) -> bytes:
        parts, seen = [], set()
        while start != _END_OF_CHAIN:
            if start in seen or start >= len(fat):
                raise _Unread("a chain of sectors that loops or leaves the file")
            seen.add(start)
            parts.append(sector(start))
            start = fat[start]
        return b"".join(parts)

    entries = chain(directory)
    for at in range(0, len(entries) - 127, 128):
        entry = entries[at : at + 128]
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name.casefold() in ("workbook", "book"):
            start, stream_size = struct.unpack_from("<II", entry, 116)
            if stream_size < 4096:
                return None
            stream = chain(start)
            if len(stream) < stream_size:
                raise _Unread("a stream shorter than it says")
            return stream[:stream_size]
    return None


def _records(stream: bytes, at: int = 0) -> Iterator[tuple[int, int, bytes]]:
    """Each BIFF record of ``stream`` from ``at``: where it starts, its type and its body."""
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        yield at, kind, stream[at + 4 : at + 4 + length]
        at += 4 + length


def _biff_cells(stream: bytes) -> Cells:
    first = next(_records(stream), None)
    if first is None or first[1] != 0x0809 or first[2][:2] != b"\x00\x06":
        raise _Unread("not BIFF8")
    sheets: dict[int, str] = {}
    strings: list[str] = []
    cells: Cells = {}
    count = [0]
    inside: list[str | None] = []  # the substreams open (BOF … EOF), innermost last
    formula_at: tuple[str, tuple[int, int]] | None = None
    for read, (at, kind, body) in enumerate(_records(stream)):
        if read > _MOST_RECORDS:
            raise _Unread("too many records")
        if kind == 0x0809:  # BOF
            inside.append(sheets.get(at))  # (None: the globals, a chart inside a sheet)
            continue
        if kind == 0x000A:  # EOF
            if inside:
                inside.pop()
            continue
        if kind == 0x0085:  # BOUNDSHEET: where a sheet's records start, and its name
            sheets[struct.unpack_from("<I", body)[0]] = _short_text(body, 6)
            continue
        if kind == 0x00FC:  # SST: the shared strings, continued in CONTINUE records
            pieces = [body]
            for _, more, following in _records(stream, at + 4 + len(body)):
                if more != 0x003C:
                    break
                pieces.append(following)
            strings = _shared_strings(pieces)
            continue
        sheet = inside[-1] if inside else None
        if sheet is None:
            continue
        if kind == 0x00FD:  # LABELSST
            row, col, _, index = struct.unpack_from("<HHHI", body)
            _added(cells, sheet, (row + 1, col + 1), strings[index], count)
        elif kind == 0x0203:  # NUMBER
            row, col, _, value = struct.unpack_from("<HHHd", body)
            _added(cells, sheet, (row + 1, col + 1), value, count)
        elif kind == 0x027E:  # RK
            row, col = struct.unpack_from("<HH", body)
            _added(cells, sheet, (row + 1, col + 1), _rk(body[6:10]), count)
        elif kind == 0x00BD:  # MULRK: several RK cells of a row
            row, first = struct.unpack_from("<HH", body)
            for step in range((len(body) - 6) // 6):
                rk = body[4 + 6 * step + 2 : 4 + 6 * step + 6]
                _added(cells, sheet, (row + 1, first + step + 1), _rk(rk), count)
        elif kind in (0x0204, 0x00D6):  # LABEL, RSTRING: text in the cell itself
            row, col = struct.unpack_from("<HH", body)
            _added(cells, sheet, (row + 1, col + 1), _long_text(body, 6), count)
        elif kind == 0x0205:  # BOOLERR
            row, col = struct.unpack_from("<HH", body)
            value = CellError(_ERRORS.get(body[6], "#N/A")) if body[7] else bool(body[6])
            _added(cells, sheet, (row + 1, col + 1), value, count)
        elif kind == 0x0006:  # FORMULA: its saved result
            row, col = struct.unpack_from("<HH", body)
            result = body[6:14]
            formula_at = None
            if result[6:8] != b"\xff\xff":
                _added(cells, sheet, (row + 1, col + 1), struct.unpack("<d", result)[0], count)
            elif result[0] == 0:  # text, in the STRING record after it
                formula_at = (sheet, (row + 1, col + 1))
            elif result[0] == 1:
                _added(cells, sheet, (row + 1, col + 1), bool(result[2]), count)
            elif result[0] == 2:
                value = CellError(_ERRORS.get(result[2], "#N/A"))
                _added(cells, sheet, (row + 1, col + 1), value, count)
        elif kind == 0x0207 and formula_at is not None:  # STRING: a formula's text result
            _added(cells, formula_at[0], formula_at[1], _long_text(body, 0), count)
            formula_at = None
    return cells


def _rk(raw: bytes) -> float:
    """A number as an RK record keeps it: a whole number or the top of a float, maybe ×100."""
    (whole,) = struct.unpack("<i", raw)
    if whole & 2:
        value: float = whole >> 2
    else:
        value = struct.unpack("<d", b"\0\0\0\0" + struct.pack("<I", whole & 0xFFFFFFFC))[0]
    return value / 100 if whole & 1 else float(value)


def _short_text(body: bytes, at: int) -> str:
    length, flags = body[at], body[at + 1]
    return _chars(body[at + 2 :], length, flags & 1)


def _long_text(body: bytes, at: int) -> str:
    (length,) = struct.unpack_from("<H", body, at)
    return _chars(body[at + 3 :], length, body[at + 2] & 1)


def _chars(raw: bytes, length: int, wide: int) -> str:
    if wide:
        return raw[: 2 * length].decode("utf-16-le", "replace")
    return raw[:length].decode("latin-1")


def _shared_strings(pieces: list[bytes]) -> list[str]:
    """The strings of an SST record and its CONTINUE records (``pieces``): a string's letters
    may run on into the next piece, which then starts with a byte saying their width."""
    piece, at = 0, 8

    def take(length: int) -> bytes:
        nonlocal piece, at
        taken = b""
        while len(taken) < length:
            if at >= len(pieces[piece]):
                piece, at = piece + 1, 0
                if piece >= len(pieces):
                    raise _Unread("shared strings cut short")
            more = pieces[piece][at : at + length - len(taken)]
            taken += more
            at += len(more)
        return taken

    (unique,) = struct.unpack_from("<I", pieces[0], 4)
    if unique > MOST_CELLS:
        raise _Unread("too many strings")
    strings = []
    for _ in range(unique):
        length, flags = struct.unpack("<HB", take(3))
        wide = flags & 1
        runs = struct.unpack("<H", take(2))[0] if flags & 8 else 0
        extra = struct.unpack("<I", take(4))[0] if flags & 4 else 0
        letters, left = [], length
        while left:
            if at >= len(pieces[piece]):  # the letters run on: a new width first
                piece, at = piece + 1, 0
                if piece >= len(pieces):
                    raise _Unread("shared strings cut short")
                wide, at = pieces[piece][0] & 1, 1
            width = 2 if wide else 1
            here = min(left, (len(pieces[piece]) - at) // width)
            if here == 0:
                raise _Unread("a letter split between records")
            letters.append(_chars(pieces[piece][at : at + here * width], here, wide))
            at += here * width
            left -= here
        take(4 * runs + extra)
        strings.append("".join(letters))
    return strings


# -- OpenDocument (.ods): content.xml, table:table > table:table-row > table:table-cell

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_DURATION = re.compile(r"-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$")


def _ods_cells(data: bytes) -> Cells | None:
    left = min(MAX_UNCOMPRESSED_BYTES, _UNPACKED_PER_BYTE * len(data))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if "content.xml" not in package.namelist():
            return None
        reading = _OdsReading()
        with package.open("content.xml") as part:
            while chunk := part.read(1 << 16):
                left -= len(chunk)
                if left < 0:
                    raise _Unread("unpacked past its bound")
                reading.parser.Parse(chunk, False)
            reading.parser.Parse(b"", True)
    return reading.cells


class _OdsReading:
    """A streaming parse of content.xml, gathering each cell's value."""

    def __init__(self) -> None:
        self.cells: Cells = {}
        self.count = [0]
        self.sheet: str | None = None
        self.row = 0
        self.col = 0
        self.rows_repeated = 1
        self.row_values: list[tuple[int, Any]] = []
        self.cell: tuple[Any, int] | None = None  # (value, columns repeated)
        self.text: list[str] | None = None  # a text cell's paragraphs, its letters
        self.aside = 0  # depth inside a note (office:annotation): not the cell's text
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._refused
        self.parser.EntityDeclHandler = self._refused
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._letters

    def _refused(self, *_: object) -> None:
        raise _Unread("a document type in content.xml")

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        space, _, name = tag.rpartition(" ")
        if self.aside:
            self.aside += 1
        elif space == _OFFICE and name == "annotation":
            self.aside = 1
        elif space == _TABLE and name == "table":
            self.sheet, self.row = attrs.get(f"{_TABLE} name", ""), 0
        elif space == _TABLE and name == "table-row":
            self.col, self.row_values = 0, []
            self.rows_repeated = _repeated(attrs.get(f"{_TABLE} number-rows-repeated"))
        elif space == _TABLE and name in ("table-cell", "covered-table-cell"):
            self.cell = (
                _ods_value(attrs),
                _repeated(attrs.get(f"{_TABLE} number-columns-repeated")),
            )
            self.text = [] if self.cell[0] is _TEXT_CELL else None
        elif self.text is not None and space == _TEXT:
            if name == "p" and self.text:
                self.text.append("\n")
            elif name == "s":
                self.text.append(" " * _repeated(attrs.get(f"{_TEXT} c")))
            elif name == "tab":
                self.text.append("\t")
            elif name == "line-break":
                self.text.append("\n")

    def _end(self, tag: str) -> None:
        space, _, name = tag.rpartition(" ")
        if self.aside:
            self.aside -= 1
        elif space == _TABLE and name in ("table-cell", "covered-table-cell") and self.cell:
            value, repeated = self.cell
            if value is _TEXT_CELL:
                value = "".join(self.text or ())
            if value is not None and value != "":
                if (len(self.row_values) + repeated) * self.rows_repeated > MOST_CELLS:
                    raise _Unread("too many cells")
                self.row_values += [(self.col + step + 1, value) for step in range(repeated)]
            self.col += repeated
            self.cell = self.text = None
        elif space == _TABLE and name == "table-row":
            if self.row_values and self.sheet is not None:
                for step in range(self.rows_repeated if self.row_values else 0):
                    for col, value in self.row_values:
                        _added(
                            self.cells, self.sheet, (self.row + step + 1, col), value, self.count
                        )
            self.row += self.rows_repeated

    def _letters(self, letters: str) -> None:
        if self.text is not None and not self.aside:
            self.text.append(letters)


_TEXT_CELL = object()  # a cell whose value is its paragraphs' text


def _repeated(count: str | None) -> int:
    number = int(count or 1)
    if not 1 <= number <= 1 << 24:
        raise _Unread("a count out of range")
    return number


def _ods_value(attrs: dict[str, str]) -> Any:
    kind = attrs.get(f"{_OFFICE} value-type")
    if kind is None:
        return None
    if kind in ("float", "percentage", "currency"):
        return float(attrs[f"{_OFFICE} value"])
    if kind == "boolean":
        return attrs.get(f"{_OFFICE} boolean-value") == "true"
    if kind == "date":
        when = dt.datetime.fromisoformat(attrs[f"{_OFFICE} date-value"])
        return (when - _EXCEL_DAY_ZERO) / dt.timedelta(days=1)
    if kind == "time":
        found = _DURATION.match(attrs[f"{_OFFICE} time-value"])
        if found is None:
            raise _Unread("a time not understood")
        days, hours, minutes, seconds = (float(part or 0) for part in found.groups())
        return days + hours / 24 + minutes / 1440 + seconds / 86400
    if f"{_OFFICE} string-value" in attrs:
        return attrs[f"{_OFFICE} string-value"]
    return _TEXT_CELL
