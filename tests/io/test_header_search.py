"""The header search (``Book._find_header``) stops at a row naming every column, and asks
:func:`~tendereval.io.workbook.repeated_columns` only when the header row names one twice.

Both are shortcuts of the search as it was, which read every row of the top
``HEADER_SEARCH_ROWS`` and always asked. The reference below is that search, word for word;
a table read either way must give the same rows, problems and damaged-sheet problems, on
random sheets: header rows anywhere in the top rows, complete or not, with columns named twice,
and cells below them that reading as text refuses (shared strings that do not exist, or are
not numbers) in columns the table reads and in columns it does not.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval import layout
from tendereval.io import workbook as W
from tendereval.io.workbook import Book, headers_for, open_book

from .test_xlsx import Sheet, make_xlsx

HEADERS = headers_for(layout.PACKAGE_COLUMNS)
NAMES = [h.names[0] for h in HEADERS] + ["price", "Notes"]
SHARED = [*NAMES, "plain text", "  "]


def _reference_find_header(
    self: Book, rows: list[tuple[int, W.Cells]], headers: Any
) -> tuple[int | None, dict[str, int], bool]:
    """The search before the shortcuts: every top row read; repeats always asked about."""
    lookup = W.header_lookup(headers)
    text_of = self._workbook.text
    best: tuple[int | None, dict[str, int]] = (None, {})
    for number, cells in rows:
        if number > layout.HEADER_SEARCH_ROWS:
            break
        columns: dict[str, int] = {}
        for col, cell in cells.items():
            text = text_of(cell)
            if text is None:
                continue
            key = lookup.get(W._fold_text(text))
            if key is not None and key not in columns:
                columns[key] = col
        if len(columns) > len(best[1]):
            best = (number, columns)
    return best[0], best[1], True


def _cell(ref: str, kind: str, value: int) -> str:
    if kind == "number":
        return f'<c r="{ref}"><v>{value}</v></c>'
    if kind == "shared":
        return f'<c r="{ref}" t="s"><v>{value % len(SHARED)}</v></c>'
    if kind == "missing shared":  # beyond the table: reading it as text is refused
        return f'<c r="{ref}" t="s"><v>{len(SHARED) + value}</v></c>'
    if kind == "bad shared":
        return f'<c r="{ref}" t="s"><v>x{value}</v></c>'
    if kind == "negative shared":
        return f'<c r="{ref}" t="s"><v>-{value + 1}</v></c>'
    if kind == "empty shared":
        return f'<c r="{ref}" t="s"><v/></c>'
    if kind == "inline":
        return f'<c r="{ref}" t="inlineStr"><is><t>{NAMES[value % len(NAMES)]}</t></is></c>'
    if kind == "formula":
        return f'<c r="{ref}" t="str"><f>A1</f><v>{NAMES[value % len(NAMES)]}</v></c>'
    return f'<c r="{ref}" s="0"/>'


KINDS = [
    "number",
    "shared",
    "inline",
    "formula",
    "empty",
    "missing shared",
    "bad shared",
    "negative shared",
    "empty shared",
]


@st.composite
def tables(draw: st.DrawFn) -> str:
    rows = []
    for number in range(1, draw(st.integers(3, 20)) + 1):
        if draw(st.booleans()):  # a header-like row: names drawn from the headers
            names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6))
            inline = draw(st.booleans())
            cells = "".join(
                f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{name}</t></is></c>'
                if inline
                else f'<c r="{chr(65 + i)}{number}" t="s"><v>{SHARED.index(name)}</v></c>'
                for i, name in enumerate(names)
            )
        else:
            width = draw(st.integers(0, 7))
            cells = "".join(
                _cell(
                    f"{chr(65 + i)}{number}", draw(st.sampled_from(KINDS)), draw(st.integers(0, 9))
                )
                for i in range(width)
            )
        rows.append(f'<row r="{number}">{cells}</row>')
    # Now and then a comment in the sheet: ElementTree reads it, and the cells are elements.
    return "".join(rows) + draw(st.sampled_from(["", "", "", "<!-- read by ElementTree -->"]))


def _read(path: Path, reference: bool) -> Any:
    book, problems = open_book(path, "bid.xlsx")
    assert book is not None, problems
    with book:
        if reference:
            with patch.object(Book, "_find_header", _reference_find_header):
                rows, table_problems = book.table("Packages", HEADERS)
        else:
            rows, table_problems = book.table("Packages", HEADERS)
        return rows, table_problems, book.problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inside=tables())
def test_the_header_search_finds_what_reading_every_top_row_found(inside: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = make_xlsx(
            Path(folder) / "bid.xlsx",
            Sheet("Packages", rows=inside),
            shared=tuple(f"<t>{s}</t>" for s in SHARED),
        )
        assert _read(path, reference=False) == _read(path, reference=True)


def test_a_refused_cell_below_a_complete_header_row_still_makes_the_sheet_damaged(
    tmp_path: Path,
) -> None:
    header = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h.names[0]}</t></is></c>'
        for i, h in enumerate(HEADERS)
    )
    # Column F is no column of the table: only the header search ever reads it.
    rows = f'<row r="1">{header}</row><row r="3"><c r="F3" t="s"><v>99</v></c></row>'
    path = make_xlsx(tmp_path / "bid.xlsx", Sheet("Packages", rows=rows), shared=("<t>x</t>",))
    rows_read, problems, damaged = _read(path, reference=False)
    assert (rows_read, problems) == ([], [])
    assert [p.code for p in damaged] == ["sheet.unreadable"]
    assert _read(path, reference=True) == (rows_read, problems, damaged)


def _reference_names_the_table(book: Book, sheet: str, headers: Any) -> bool:
    """Book.names_the_table before a sheet's top rows were kept: read again for each table."""
    try:
        top = []
        for number, cells in book._workbook.rows(sheet, max_col=W.MAX_COLUMNS):
            if number > layout.HEADER_SEARCH_ROWS:
                break
            top.append((number, cells))
        _, columns, _ = _reference_find_header(book, top, headers)
    except Exception:
        return False
    needed = {h.key for h in headers if h.required}
    return bool(needed) and needed <= columns.keys()


ASKED = [
    HEADERS,
    headers_for(layout.PRICE_COLUMNS),
    HEADERS,
    headers_for(layout.SUPPLY_CHAIN_COLUMNS),
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inside=tables())
def test_a_sheet_asked_whether_it_holds_each_table_answers_as_read_afresh_for_each(
    inside: str,
) -> None:
    # A bid's Instructions sheet is asked whether it holds the Prices, the Supply chain and the
    # Packages table (copies under other names), and whether it is a missing sheet renamed.
    with tempfile.TemporaryDirectory() as folder:
        path = make_xlsx(
            Path(folder) / "bid.xlsx",
            Sheet("Packages", rows=inside),
            shared=tuple(f"<t>{s}</t>" for s in SHARED),
        )
        answers = []
        for reference in (False, True):
            book, problems = open_book(path, "bid.xlsx")
            assert book is not None, problems
            with book:
                ask = _reference_names_the_table if reference else Book.names_the_table
                answers.append([ask(book, "Packages", headers) for headers in ASKED])
                answers.append(book.problems)
        assert answers[0] == answers[2] and answers[1] == answers[3]


def test_the_top_rows_of_a_sheet_are_read_as_text_once_however_many_tables_it_is_asked_for(
    tmp_path: Path,
) -> None:
    header = "".join(
        f'<c r="{chr(65 + i)}2" t="s"><v>{SHARED.index(name)}</v></c>'
        for i, name in enumerate(NAMES[:4])
    )
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Instructions</t></is></c></row>'
    path = make_xlsx(
        tmp_path / "bid.xlsx",
        Sheet("Packages", rows=f'{rows}<row r="2">{header}</row>'),
        shared=tuple(f"<t>{s}</t>" for s in SHARED),
    )
    book, problems = open_book(path, "bid.xlsx")
    assert book is not None, problems
    with book, patch.object(W.Workbook, "text", autospec=True, side_effect=W.Workbook.text) as text:
        found = [book.names_the_table("Packages", headers) for headers in ASKED]
    assert found == [True, False, True, False]
    assert text.call_count == 5  # each text cell once; 20 times before
