"""Blank lines in a CSV table cost next to nothing. Each was built into a row of cells and
only then found blank: a 1.6 MB scores.csv of empty lines took 51 seconds to validate (and
every command reading the folder paid it again). An empty line after the header is now
passed over as it is read, counted in the numbers of the rows after it; a line of empty
values (",,,,") is skipped before any cell is built. The rows read, their numbers and every
problem are as before."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io.csvfile import read_csv, read_records
from tendereval.io.matrix import _headers
from tests.cpu_time import cpu_seconds

HEADER = "evaluator,group,supplier,lot,question,score,reason\n"
EVE = "Eve One,,Alpha Ltd,L1,Q1,3,ok\n"
SAM = "Sam Two,,Beta Ltd,L1,Q1,4,good\n"


def _scores(tmp_path: Path, text: str):
    path = tmp_path / "scores.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return read_csv(
        path, "evaluation/scores.csv", _headers("Scores"), numbers=("score",), added_columns=True
    )


def _read(rows) -> list[tuple[str, str, str]]:
    """Each row read as (where its evaluator is, the evaluator, the score)."""
    return [(row["evaluator"].ref, row["evaluator"].value, row["score"].value) for row in rows]


def test_a_million_empty_lines_are_read_in_a_moment(tmp_path):
    """The red team's scores.csv, cut to 1 MB: two scores with a million empty lines between.
    Building each into a row took about 6 s of processor time here (a minute in validate,
    under load); passed over, they take a few hundredths of a second."""
    text = HEADER + EVE + "\n" * 1_000_000 + SAM
    started = cpu_seconds()
    rows, problems, _ = _scores(tmp_path, text)
    spent = cpu_seconds() - started
    assert problems == []
    assert _read(rows) == [
        ("row 2, column evaluator", "Eve One", "3"),
        ("row 1000003, column evaluator", "Sam Two", "4"),
    ]
    assert spent < 1.0, f"{spent:.1f} s for a million empty lines"


def test_rows_after_blank_lines_keep_the_numbers_a_spreadsheet_shows(tmp_path):
    """Empty lines ended each way (\\n, \\r\\n, \\r), a line of empty values and one of
    spaces between the rows: the rows are numbered as the file opened in Excel shows them
    (the header is row 1; Eve's score row 2, then rows 3 to 7 blank, Sam's row 8), and a
    quote left open after blank lines is an error at its own row."""
    text = HEADER + EVE + "\n" + "\r\n" + "\r" + ",,,,,,\n" + " , ,\n" + SAM
    rows, problems, _ = _scores(tmp_path, text)
    assert problems == []
    assert _read(rows) == [
        ("row 2, column evaluator", "Eve One", "3"),
        ("row 8, column evaluator", "Sam Two", "4"),
    ]
    rows, problems, _ = _scores(tmp_path, HEADER + EVE + "\n\n\n" + 'Sam Two,,"Beta Ltd,L1\n')
    assert [(p.code, p.cell) for p in problems] == [
        ("csv.unclosed_quote", "row 6, column supplier")
    ]
    assert "(0 more lines after line 6)" in problems[0].message


def test_a_row_that_cannot_be_read_after_blank_lines_is_named_by_its_own_number(tmp_path):
    """A value longer than the csv module reads (131,072 characters) on the sixth line, after
    three empty ones: the file is unreadable from row 6, as it was said before."""
    text = HEADER + EVE + "\n\n\n" + "Sam Two,,Beta Ltd,L1,Q1,4," + "x" * 140_000 + "\n"
    rows, problems, _ = _scores(tmp_path, text)
    assert [(p.code, p.cell) for p in problems] == [("csv.unreadable", "row 6")]
    assert _read(rows) == [("row 2, column evaluator", "Eve One", "3")]


def test_empty_lines_inside_a_quoted_reason_are_kept(tmp_path):
    """A reason written over lines with empty lines between its paragraphs is one value,
    its empty lines in it; the row after it is numbered as the next row."""
    text = HEADER + 'Eve One,,Alpha Ltd,L1,Q1,3,"Good.\n\n\nClear plan."\n\n' + SAM
    rows, problems, _ = _scores(tmp_path, text)
    assert problems == []
    assert rows[0]["reason"].value == "Good.\n\n\nClear plan."
    assert _read(rows) == [
        ("row 2, column evaluator", "Eve One", "3"),
        ("row 4, column evaluator", "Sam Two", "4"),
    ]


def test_an_empty_first_line_is_still_the_header(tmp_path):
    """A file whose first line is empty has no header there, as before: its columns are
    missing (five of them are required), and the lines below are rows of values under no
    column, not a header read in its place."""
    rows, problems, _ = _scores(tmp_path, "\n" + HEADER + EVE)
    assert rows == []
    assert [(p.code, p.cell) for p in problems] == [("table.missing_column", "row 1")] * 5 + [
        ("csv.too_many_values", "row 2"),
        ("csv.too_many_values", "row 3"),
    ]


def _records_before(text: str) -> list[tuple[int, list[str], int, int]]:
    """Each row as it was read before, every empty line a row of its own: (its number, its
    values, its first and last line), the rows with something in them."""
    reader = csv.reader(io.StringIO(text, newline=""))
    found, line = [], 0
    for number, values in enumerate(reader, start=1):
        first, line = line + 1, reader.line_num
        if values:
            found.append((number, values, first, line))
    return found


_LINE = st.sampled_from(["\n", "\r\n", "\r", "a,b\n", ",\n", '"x\n\ny",z\n', '"\r\n",w\r\n'])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=30))
def test_each_row_is_numbered_and_placed_as_before(lines):
    """Random lines, empty (each ending), of values, of empty values, and quoted values with
    empty lines inside: each row with something in it has the number, values and lines it
    had when every empty line was a row of its own."""
    text = "h,i\n" + "".join(lines)
    records = [
        (record.number, record.values, record.first_line, record.last_line)
        for record in read_records(text, ",")
        if record.values
    ]
    assert records == _records_before(text)
