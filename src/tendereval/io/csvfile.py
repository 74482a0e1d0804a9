"""Reading a CSV table as raw cells, whatever program wrote it.

Handles UTF-8 with or without a byte-order mark, UTF-16 with one, Windows (cp1252) and
Latin-1 text, and ``,``, ``;`` or tab delimiters (Excel in many European locales saves CSV
with ``;`` and a decimal comma). Headers are in the first row; each cell's place is ``row 7, column
unit_rate``, the row number a spreadsheet shows when the file is opened.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence
from pathlib import Path

from tendereval.errors import Problem
from tendereval.io.cells import ambiguous_mark, decimal_mark, is_blank, with_decimal_comma
from tendereval.io.files import Fingerprint, read_input
from tendereval.io.raw import Cell, Row
from tendereval.io.workbook import (
    MAX_ROWS,
    Header,
    match_headers,
    missing_columns,
    repeated_columns,
    too_many_rows,
)
from tendereval.limits import MAX_CSV_BYTES


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
) -> tuple[list[Row], list[Problem], Fingerprint | None]:
    """The data rows of a CSV table (blank rows skipped), any problems with its shape, and the
    fingerprint of the bytes read (None, with a problem, when the file could not be read or is
    larger than :data:`~tendereval.limits.MAX_CSV_BYTES`).

    ``numbers`` are the keys of the columns holding numbers: a number there that reads one way
    with a decimal point and another with a decimal comma ("1.234") is read as the file's other
    numbers show its decimal mark (see :func:`decimal_marks`)."""
    read = read_input(path, label, MAX_CSV_BYTES, "table")
    if isinstance(read, Problem):
        return [], [read], None
    text = decode(read.data)
    rows, problems = _rows(text, label, headers, max_rows)
    if numbers:
        problems += decimal_marks(rows, numbers, sniff_delimiter(text) == ";")
    return rows, problems, read.fingerprint


def decimal_marks(rows: list[Row], numbers: Collection[str], semicolons: bool) -> list[Problem]:
    """Ambiguous numbers ("1,234", "1.234") in the ``numbers`` columns, read as the file means
    them; ``rows`` are changed in place. European Excel writes 1234 formatted with a thousands
    separator as "1.234" and one and a bit as "1,234"; British Excel the other way round. The
    file's unambiguous numbers (19,75 or 19.75) say which.

    With none, the file's separator gives the likely reading (";" as Excel saves CSV where the
    decimal mark is a comma, "," where it is a point), and only the form that program writes
    for thousands is read ("1.234" in a ";" file, "1,234" in a "," file); the other form
    would be three decimal places there, or a thousand and more from LibreOffice, which
    separates by "," in every language, so it is refused. A file showing both marks has all
    its ambiguous numbers refused: no reading of them is safe."""
    cells = [
        (row, key, cell.value)
        for row in rows
        for key in numbers
        if (cell := row.get(key)) is not None and isinstance(cell.value, str)
    ]
    known = decimal_mark(value for _, _, value in cells)
    mark = known or ("comma" if semicolons else "point")
    problems = []
    for row, key, value in cells:
        separator = ambiguous_mark(value)
        if separator is None:
            continue
        cell = row[key]
        if known == "both" or (known is None and separator == DECIMAL[mark]):
            problems.append(cell.place(_ambiguous(value, known)))
            row[key] = cell._replace(value=None)
        elif mark == "comma":
            row[key] = cell._replace(value=with_decimal_comma(value))
    return problems


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
    text: str, label: str, headers: Sequence[Header], max_rows: int
) -> tuple[list[Row], list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        return [], [
            Problem(
                "the file is empty",
                file=label,
                code="file.empty",
                expected="a header row naming the columns, then one row per line",
            )
        ]
    columns = match_headers(header, headers)
    problems = missing_columns(columns, headers, label, "", "row 1", lambda: header)
    problems += repeated_columns(enumerate(header, start=1), headers, label, "", "row 1", str)
    rows: list[Row] = []
    number = 1
    try:
        for number, values in enumerate(reader, start=2):
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
    except csv.Error as exc:
        problems.append(
            Problem(
                "the file is not a readable CSV table",
                file=label,
                cell=f"row {number + 1}",
                found=str(exc),
                expected="one row per line, values separated by , or ;",
                code="csv.unreadable",
            )
        )
    return rows, problems
