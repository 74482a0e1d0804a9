"""Reading a CSV table as raw cells, whatever program wrote it.

Handles UTF-8 with or without a byte-order mark, UTF-16 with one, Windows (cp1252) and
Latin-1 text, and ``,``, ``;`` or tab delimiters (Excel in many European locales saves CSV
with ``;`` and a decimal comma). Headers are in the first row; each cell's place is ``row 7, column
unit_rate``, the row number a spreadsheet shows when the file is opened.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from tendereval.errors import Problem
from tendereval.io.cells import (
    TwoWayNumber,
    ambiguous_mark,
    decimal_mark,
    is_blank,
    with_decimal_comma,
)
from tendereval.io.files import Fingerprint, read_input
from tendereval.io.raw import Cell, Row
from tendereval.io.workbook import (
    MAX_ROWS,
    Header,
    header_lookup,
    match_headers,
    missing_columns,
    repeated_columns,
    too_many_rows,
    unheaded_columns,
    unknown_columns,
)
from tendereval.io.xlsx import fold_name
from tendereval.limits import MAX_CSV_BYTES
from tendereval.terminal import shows_nothing


def decode(data: bytes) -> str:
    """Text from bytes: UTF-16 with a byte-order mark (Excel's "Unicode Text"), UTF-8 (BOM or
    not), else cp1252, else Latin-1 (which never fails)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The delimiter used in the header line: whichever of ``,`` ``;`` tab appears most."""
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def read_csv(
    path: Path,
    label: str,
    headers: Sequence[Header],
    max_rows: int = MAX_ROWS,
    numbers: Collection[str] = (),
    added_columns: bool = False,
) -> tuple[list[Row], list[Problem], Fingerprint | None]:
    """The data rows of a CSV table (blank rows skipped), any problems with its shape, and the
    fingerprint of the bytes read (None, with a problem, when the file could not be read or is
    larger than :data:`~tendereval.limits.MAX_CSV_BYTES`).

    ``numbers`` are the keys of the columns holding numbers: a number there that reads one way
    with a decimal point and another with a decimal comma ("1.234") is read as the file's other
    numbers show its decimal mark (see :func:`decimal_marks`). With ``added_columns``, values
    under a header naming no column of the table are a problem, as in a workbook's table
    (:func:`~tendereval.io.workbook.unknown_columns`)."""
    read = read_input(path, label, MAX_CSV_BYTES, "table")
    if isinstance(read, Problem):
        return [], [read], None
    text = decode(read.data)
    rows, problems = _rows(text, label, headers, max_rows, added_columns)
    if numbers:
        decimal_marks(rows, numbers, sniff_delimiter(text) == ";")
    return rows, problems, read.fingerprint


def decimal_marks(rows: list[Row], numbers: Collection[str], semicolons: bool) -> None:
    """Ambiguous numbers ("1,234", "1.234") in the ``numbers`` columns, read as the file means
    them; ``rows`` are changed in place. European Excel writes 1234 formatted with a thousands
    separator as "1.234" and one and a bit as "1,234"; British Excel the other way round. The
    file's unambiguous numbers (19,75 or 19.75) say which.

    With none, the file's separator gives the likely reading (";" as Excel saves CSV where the
    decimal mark is a comma, "," where it is a point), and only the form that program writes
    for thousands is read ("1.234" in a ";" file, "1,234" in a "," file); the other form
    would be three decimal places there, or a thousand and more from LibreOffice, which
    separates by "," in every language, so it is refused. A file showing both marks has all
    its ambiguous numbers refused: no reading of them is safe. A number refused is kept as a
    :class:`~tendereval.io.cells.TwoWayNumber`, which the rules refuse at its cell, for the
    bid it belongs to."""
    cells = [
        (row, key, cell.value)
        for row in rows
        for key in numbers
        if (cell := row.get(key)) is not None and isinstance(cell.value, str)
    ]
    known = decimal_mark(value for _, _, value in cells)
    mark = known or ("comma" if semicolons else "point")
    for row, key, value in cells:
        separator = ambiguous_mark(value)
        if separator is None:
            continue
        cell = row[key]
        if known == "both" or (known is None and separator == DECIMAL[mark]):
            refused = TwoWayNumber(value)
            refused.problem = _ambiguous(value, known)
            row[key] = cell._replace(value=refused)
        elif mark == "comma":
            row[key] = cell._replace(value=with_decimal_comma(value))


DECIMAL = {"comma": ",", "point": "."}


def _ambiguous(value: str, known: str | None) -> Problem:
    why = (
        "a file that writes decimals both with a point and with a comma"
        if known == "both"
        else "a file with no other number showing whether its decimal mark is a point or a comma"
    )
    return Problem(
        f"a number that reads two ways (a thousand and more, or three decimal places) in {why}",
        found=value,
        expected="the number with no thousands separator (1234, or 1.234 or 1,234 as the other "
        "numbers of the file write a decimal)",
        code="number.ambiguous",
    )


def _rows(
    text: str, label: str, headers: Sequence[Header], max_rows: int, added_columns: bool
) -> tuple[list[Row], list[Problem]]:
    delimiter = sniff_delimiter(text)
    records = read_records(text, delimiter)
    header = first_row(records, label)
    if isinstance(header, Problem):
        return [], [header]
    columns = match_headers(header, headers)
    problems = missing_columns(columns, headers, label, "", "row 1", lambda: header)
    problems += repeated_columns(enumerate(header, start=1), headers, label, "", "row 1", str)
    names = {col: key for key, col in columns.items()}
    added = _added(header, headers) if added_columns else {}
    # Columns whose header shows nothing (",," in the header line, a space, a zero-width
    # space): values below one are read by nobody, as in a workbook (an uplift column whose
    # header was lost read as 0%).
    unheaded = {col: "" for col, text in enumerate(header, start=1) if shows_nothing(text)}
    watched = added | unheaded
    held: dict[int, tuple[list[tuple[str, Any]], list[int]]] = {}
    rows: list[Row] = []
    for line in table_rows(records, header, label, delimiter, lambda col: names.get(col, col)):
        if isinstance(line, Problem):
            problems.append(line)
            continue
        number, values = line
        if not "".join(values).strip():  # nothing in it (",,,,"): a blank row, skipped
            continue
        for col in watched:
            if col <= len(values) and not is_blank(values[col - 1]):
                shown, count = held.setdefault(col, ([], [0]))
                count[0] += 1
                if len(shown) < _ADDED_SHOWN:
                    shown.append((f"row {number}, column {col}", values[col - 1]))
        row = {
            key: Cell(
                values[col - 1] if col <= len(values) else None,
                label,
                "",
                f"row {number}, column {key}",
            )
            for key, col in columns.items()
        }
        if row and not all(is_blank(cell.value) for cell in row.values()):
            if len(rows) >= max_rows:  # refused whole, as a workbook's table is
                problems.append(too_many_rows(max_rows, label, "", f"row {number}"))
                return [], problems
            rows.append(row)
    missing = [h for h in headers if h.key not in columns and h.read]
    problems += unknown_columns(held, added, missing, label, "", str)
    problems += unheaded_columns(
        {col: found for col, found in held.items() if col in unheaded},
        [h for h in headers if h.key not in columns],
        label,
        "",
        str,
    )
    return rows, problems


_ADDED_SHOWN = 3  # values quoted in a problem about a column that is not the table's


def _added(header: Sequence[str], headers: Sequence[Header]) -> dict[int, str]:
    """The columns (1-based) whose header names none of the table's columns: a column the
    sender added, or one of the table's headed beyond recognition."""
    lookup = header_lookup(headers)
    return {
        col: text
        for col, text in enumerate(header, start=1)
        if not shows_nothing(text) and fold_name(text) not in lookup
    }


class Line(NamedTuple):
    """A row of a CSV table that can be read: its number as a spreadsheet shows it (the
    header is row 1) and its values."""

    number: int
    values: list[str]


def first_row(records: Iterator[_Record], label: str) -> list[str] | Problem:
    """The header row's values, or why there is none (an empty file, a first row that cannot
    be read)."""
    try:
        return next(records).values
    except StopIteration:
        return Problem(
            "the file is empty",
            file=label,
            code="file.empty",
            expected="a header row naming the columns, then one row per line",
        )
    except csv.Error as exc:
        return _unreadable(label, 1, exc)


def table_rows(
    records: Iterator[_Record],
    header: Sequence[str],
    label: str,
    delimiter: str,
    column: Callable[[int], object],
) -> Iterator[Line | Problem]:
    """Each row after the header, as a :class:`Line` or, when it cannot be read safely, an
    error at its row: a quote that swallows the rows after it (those rows are never given),
    more values than the header names, or text the csv module cannot read (the rows after
    that are not read either). ``column`` names a 1-based column in a problem's place.
    Every reader of a CSV table goes through this, so no table loses or merges rows a way
    the others refuse."""
    number = 1
    try:
        for record in records:
            number = record.number
            swallowed = _swallowed(record, len(header), delimiter)
            if swallowed is not None:
                col, words = swallowed
                yield Problem(file=label, cell=f"row {number}, column {column(col)}", **words)
                continue
            values = record.values
            if any(not is_blank(v) for v in values[len(header) :]):
                # A value beyond the header's columns is a separator typed inside a value
                # ("1,234" unquoted, a reason with commas): read up to the header's width,
                # the rate 1,234 was £1 and the reason cut at its first comma.
                yield _too_many_values(label, number, len(header), values, delimiter)
                continue
            yield Line(number, values)
    except UnreadableRow as exc:
        yield _unreadable(label, exc.number, exc)


def _too_many_values(
    label: str, number: int, width: int, values: Sequence[str], delimiter: str
) -> Problem:
    shown = delimiter.join(values)
    return Problem(
        f"the row has {len(values)} values where the header row names {width} columns, so "
        f"a '{delimiter}' inside a value (a number such as 1{delimiter}234, or a reason) "
        "split it: the row is not read",
        file=label,
        cell=f"row {number}",
        found=shown if len(shown) <= 120 else shown[:119] + "…",
        expected=f"{width} values, a value holding '{delimiter}' in double quotes "
        f'("1{delimiter}234")',
        code="csv.too_many_values",
    )


def _unreadable(label: str, number: int, exc: csv.Error) -> Problem:
    return Problem(
        "the file is not a readable CSV table",
        file=label,
        cell=f"row {number}",
        found=str(exc),
        expected="one row per line, values separated by , or ;",
        code="csv.unreadable",
    )


# Read after the file's last line: a quote still open at the end of the file takes it into
# its value, which is how a quote never closed is told from a value that merely ends the file
# (the csv module, not strict, ends such a value at the end of the file without a word).
_END = "\ue000tendereval: the end of the file\ue000"


class _Record(NamedTuple):
    """One row of a CSV file as the csv module reads it."""

    values: list[str]
    first_line: int  # the line of the file the row starts on
    last_line: int  # the line it ends on: a later one when a quoted value runs over lines
    unclosed: bool  # a quote opened in the row is never closed: its last value runs to the end
    number: int  # the row's number as a spreadsheet shows it (the first row is 1)
    lines: Sequence[str] = ()  # the file's lines it spans, when more than one


class UnreadableRow(csv.Error):
    """The csv module's error reading a row, with the row's number as a spreadsheet shows
    it (``number``)."""

    def __init__(self, message: str, number: int) -> None:
        super().__init__(message)
        self.number = number


_EMPTY_LINES = frozenset(("\n", "\r\n", "\r"))


def read_records(text: str, delimiter: str) -> Iterator[_Record]:
    """The rows of ``text`` as the csv module reads them, each with the lines it spans and
    its number. An empty line after the first row is a row with nothing in it: it is counted
    in the numbers of the rows after it, and not given (a file of a million empty lines is
    read in a moment, where building each as a row took a minute). An error of the csv module
    is raised as :class:`UnreadableRow`."""
    # The csv module reads a line only when the row needs it, so the lines taken since the
    # last row are this row's: kept to read each line on its own (see _swallowed). None
    # taken yet is a row's start, where an empty line is a row of its own (never inside a
    # quoted value running over lines).
    taken: list[str] = []
    passed = 0  # the empty lines passed over so far
    started = False  # the first row read: an empty line before it is the (empty) header

    def lines() -> Iterator[str]:
        nonlocal passed
        for line in chain(io.StringIO(text, newline=""), [_END]):
            if started and not taken and line in _EMPTY_LINES:
                passed += 1
                continue
            taken.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    line = number = counted = 0  # the last row's last line and number; empty lines in them
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UnreadableRow(str(exc), number + 1 + passed - counted) from exc
        started = True
        number += 1 + passed - counted
        first, line = line + 1 + passed - counted, reader.line_num + passed
        counted = passed
        spans = [t.rstrip("\r\n") for t in taken] if len(taken) > 1 else ()
        taken.clear()
        if values == [_END]:
            return
        unclosed = bool(values) and values[-1].endswith(_END)
        if unclosed:
            values[-1] = values[-1].removesuffix(_END)
        yield _Record(values, first, line, unclosed, number, spans)


def _swallowed(record: _Record, width: int, delimiter: str) -> tuple[int, dict] | None:
    """The column (1-based) and the problem's words when a quote opened in ``record`` has
    swallowed what follows it: a quote never closed (everything to the end of the file is one
    value), or a value over several lines one of which holds as many values as the file has
    columns (a row of the table, taken into the value because a quote was left open). A
    reason written over several lines is read as it is. None when neither is so."""
    if record.unclosed:
        lines = record.values[-1].splitlines() or [""]
        return len(record.values), {
            "message": 'a quote (") opens this value and is never closed, so the rest of '
            f"the file ({_lines(len(lines) - 1)} after line {record.first_line}) is read as "
            "part of it, and no row there is read",
            "found": _quoted('"' + lines[0] + ("…" if len(lines) > 1 else "")),
            "expected": "a closing quote where the value ends, or no quote at all",
            "code": "csv.unclosed_quote",
        }
    if record.last_line == record.first_line:  # (nearly every row: nothing runs over)
        return None
    # Each line after the row's first is read on its own, the rest of the row after the
    # closing quote included: a quote opened in one supplier's name and closed in the next
    # row's name leaves that next row's line with as many values as the table has columns,
    # though the value inside the quotes holds only its first two.
    row = next((line for line in record.lines[1:] if _width(line, delimiter) == width), None)
    if row is None:
        return None
    col = next(
        (col for col, value in enumerate(record.values, start=1) if "\n" in value or "\r" in value),
        len(record.values),
    )
    return col, {
        "message": f"a quoted value running over {len(record.lines)} lines from line "
        f"{record.first_line} holds a line that reads as a row of the table: a quote "
        "left open has taken the rows after it into this value, and neither they nor "
        "this row is read",
        "found": _quoted(row),
        "expected": "a closing quote where the value ends (a value written over "
        "several lines is read when none of its lines holds as many values as the "
        "table has columns)",
        "code": "csv.swallowed_rows",
    }


def _width(line: str, delimiter: str) -> int:
    """How many values ``line`` holds, read as a row of the file on its own."""
    return len(next(csv.reader([line], delimiter=delimiter), []))


def _lines(count: int) -> str:
    return f"{count} more line{'' if count == 1 else 's'}"


_SHOWN = 80  # characters of a line quoted in a problem


def _quoted(text: str) -> str:
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")
