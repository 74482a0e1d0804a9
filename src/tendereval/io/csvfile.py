"""Reading a CSV table as raw cells, whatever program wrote it.

Handles UTF-8 with or without a byte-order mark, UTF-16 with one, Windows (cp1252) and
Latin-1 text, and ``,``, ``;`` or tab delimiters (Excel in many European locales saves CSV
with ``;`` and a decimal comma). Headers are in the first row; each cell's place is ``row 7, column
unit_rate``, the row number a spreadsheet shows when the file is opened.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from tendereval.errors import Problem
from tendereval.io.cells import is_blank
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
    path: Path, label: str, headers: Sequence[Header], max_rows: int = MAX_ROWS
) -> tuple[list[Row], list[Problem], Fingerprint | None]:
    """The data rows of a CSV table (blank rows skipped), any problems with its shape, and the
    fingerprint of the bytes read (None, with a problem, when the file could not be read or is
    larger than :data:`~tendereval.limits.MAX_CSV_BYTES`)."""
    read = read_input(path, label, MAX_CSV_BYTES, "table")
    if isinstance(read, Problem):
        return [], [read], None
    rows, problems = _rows(decode(read.data), label, headers, max_rows)
    return rows, problems, read.fingerprint


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
