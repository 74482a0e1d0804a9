"""Opening workbooks safely and finding tables and form fields in them.

:func:`open_book` first runs :func:`tendereval.io.safety.check_file` (an empty file, a file
that is not a workbook, an old ``.xls``, a password-protected workbook, a truncated download, a
decompression bomb, crafted XML, macros, external links), then opens the workbook read-only
with saved values (``data_only=True``): macros are never run and links never followed. Hidden
and very hidden sheets holding data are warned about. Reading is bounded: header rows are
searched at most :data:`MAX_COLUMNS` columns wide, and a table longer than its limit is refused
rather than read in part. A sheet that turns out damaged while it is read becomes a problem in
:attr:`Book.problems`, never an exception.

:meth:`Book.table` finds a table by its header row and reads its data rows;
:meth:`Book.form` reads label/value fields (label in column A, value in column B). Both return
raw :class:`~tendereval.io.raw.Cell` values; a blank cell that holds a formula with no saved
value is marked so the rules can say why it is blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

from tendereval import layout
from tendereval.errors import Problem, Severity
from tendereval.io.cells import is_blank
from tendereval.io.raw import Cell, Row
from tendereval.io.safety import OLE_MAGIC, check_file
from tendereval.io.safety import problem as _problem

# check_file and OLE_MAGIC live in safety.py and are re-exported for existing callers.
__all__ = [
    "MAX_BID_ROWS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "OLE_MAGIC",
    "Book",
    "Header",
    "check_file",
    "headers_for",
    "headers_for_keys",
    "match_headers",
    "missing_columns",
    "open_book",
]

MAX_ROWS = 100_000  # a consolidated matrix or score sheet: far above any real tender
MAX_BID_ROWS = 5_000  # a bid return's table has one row per lot and item: a few hundred at most
MAX_COLUMNS = 200  # header rows are searched this far right; the widest table has ~15 columns
MAX_BLANK_RUN = 20  # consecutive blank rows that end a table
FORM_SEARCH_ROWS = 60


@dataclass(frozen=True)
class Header:
    """A column to look for: its key, the header texts that name it, and whether it must be
    there."""

    key: str
    names: tuple[str, ...]
    required: bool = False


def headers_for(columns: Iterable[layout.Column]) -> list[Header]:
    """Headers for a layout table: the template's header text or the column key."""
    return [Header(c.key, (c.header, c.key, c.key.replace("_", " ")), c.required) for c in columns]


def headers_for_keys(keys: Iterable[str], required: Iterable[str] = ()) -> list[Header]:
    """Headers named by their keys (the consolidated matrix, whose headers are frame columns)."""
    needed = set(required)
    return [Header(k, (k, k.replace("_", " ")), k in needed) for k in keys]


def match_headers(values: Iterable[Any], headers: Sequence[Header]) -> dict[str, int]:
    """Column key → 1-based column number for the values of a header row that name a column."""
    lookup = {_fold(name): h.key for h in headers for name in h.names}
    columns: dict[str, int] = {}
    for col, value in enumerate(values, start=1):
        key = lookup.get(_fold(value))
        if key is not None and key not in columns:
            columns[key] = col
    return columns


def missing_columns(
    columns: dict[str, int], headers: Sequence[Header], label: str, sheet: str, cell: str
) -> list[Problem]:
    """A problem for each required column the header row lacks."""
    return [
        _problem(
            f"the column '{h.names[0]}' is missing",
            label,
            f"a column headed '{h.names[0]}'",
            "table.missing_column",
            sheet=sheet,
            cell=cell,
        )
        for h in headers
        if h.required and h.key not in columns
    ]


def _fold(text: Any) -> str:
    """Header and label matching ignores case, spacing, a trailing ``*`` or ``:``."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"[\s\u00a0]+", " ", text).strip().rstrip("*:").strip().casefold()


# ---- An open workbook ------------------------------------------------------------------------


class Book:
    """A workbook open read-only with saved values; a second formula-mode handle is opened
    only when a blank cell might be an unsaved formula. Use as a context manager."""

    def __init__(self, path: Path, label: str, workbook: Any):
        self.path = path
        self.label = label
        self._workbook = workbook
        self._formulas: Any = None
        self.problems: list[Problem] = []  # sheets found damaged while being read

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._workbook.close()
        if self._formulas is not None:
            self._formulas.close()

    @property
    def sheet_names(self) -> list[str]:
        return list(self._workbook.sheetnames)

    def find_sheet(self, name: str) -> str | None:
        """The sheet's actual name, matching ``name`` ignoring case and spacing."""
        wanted = _fold(name)
        return next((s for s in self.sheet_names if _fold(s) == wanted), None)

    def _sheet(self, name: str) -> Any:
        sheet = self._workbook[name]
        sheet.reset_dimensions()  # some programs save a wrong size; read what is really there
        return sheet

    def missing_sheet(self, name: str, what: str) -> Problem:
        return _problem(
            f"the workbook has no '{name}' sheet",
            self.label,
            f"a sheet named '{name}' ({what})",
            "sheet.missing",
            found=", ".join(self.sheet_names) or "no sheets",
        )

    # -- tables

    def table(
        self, sheet_name: str, headers: Sequence[Header], max_rows: int = MAX_ROWS
    ) -> tuple[list[Row], list[Problem]]:
        """The data rows of the table on ``sheet_name`` (which must exist: see find_sheet).

        The header row is the first of the top ``HEADER_SEARCH_ROWS`` rows naming at least one
        column; rows are read until ``MAX_BLANK_RUN`` blank rows in a row. Fully blank rows are
        skipped. A table with more than ``max_rows`` rows is not read at all (no rows and an
        error): a part of it would be checked as if it were the whole. A damaged sheet gives no
        rows and a problem in :attr:`problems`.
        """
        try:
            return self._table(sheet_name, headers, max_rows)
        except Exception as exc:  # the sheet's XML is parsed lazily, here: any failure is data
            self._damaged(sheet_name, exc)
            return [], []

    def _damaged(self, sheet_name: str, exc: Exception) -> None:
        # No sheet on the problem: a damaged sheet makes the whole file unusable, wherever it is.
        self.problems.append(
            _problem(
                f"the sheet '{sheet_name}' is damaged and could not be read",
                self.label,
                "the workbook saved again from Excel as an .xlsx; ask the sender for it",
                "sheet.unreadable",
                found=f"{exc.__class__.__name__}: {exc}"[:200],
            )
        )

    def _table(
        self, sheet_name: str, headers: Sequence[Header], max_rows: int
    ) -> tuple[list[Row], list[Problem]]:
        problems: list[Problem] = []
        sheet = self._sheet(sheet_name)
        header_row, columns = self._find_header(sheet, headers)
        if header_row is None:
            names = ", ".join(f"'{h.names[0]}'" for h in headers if h.required)
            problems.append(
                _problem(
                    "the table's header row was not found",
                    self.label,
                    f"a row of column headers including {names} in the first "
                    f"{layout.HEADER_SEARCH_ROWS} rows",
                    "table.no_header",
                    sheet=sheet_name,
                )
            )
            return [], problems
        problems.extend(
            missing_columns(columns, headers, self.label, sheet_name, f"row {header_row}")
        )
        if not columns:
            return [], problems
        width = max(columns.values())
        rows: list[Row] = []
        blanks: list[Cell] = []
        blank_run = 0
        for index, cells in enumerate(
            sheet.iter_rows(min_row=header_row + 1, min_col=1, max_col=width),
            start=header_row + 1,
        ):
            values = {key: _cell_parts(cells, col) for key, col in columns.items()}
            if all(is_blank(value) for value, _ in values.values()):
                blank_run += 1
                if blank_run >= MAX_BLANK_RUN:
                    break
                continue
            blank_run = 0
            if len(rows) >= max_rows:
                problems.append(
                    _problem(
                        f"the table has more than {max_rows:,} rows, far more than the "
                        "template's, so it was not read",
                        self.label,
                        "one row per item as in the template; delete the extra rows",
                        "table.too_many_rows",
                        sheet=sheet_name,
                        cell=f"row {index}",
                    )
                )
                return [], problems
            row = {
                key: Cell(
                    value, self.label, sheet_name, f"{get_column_letter(col)}{index}", number_format
                )
                for (key, (value, number_format)), col in zip(
                    values.items(), columns.values(), strict=True
                )
            }
            blanks.extend(cell for cell in row.values() if cell.value is None)
            rows.append(row)
        unsaved = self._unsaved_formulas(sheet_name, blanks)
        if unsaved:
            rows = [{k: _mark(c, unsaved) for k, c in row.items()} for row in rows]
        return rows, problems

    def _find_header(
        self, sheet: Any, headers: Sequence[Header]
    ) -> tuple[int | None, dict[str, int]]:
        # The row naming the most columns wins, so a title that happens to match one header
        # text does not hide the real header row below it.
        best: tuple[int | None, dict[str, int]] = (None, {})
        for index, cells in enumerate(
            sheet.iter_rows(
                min_row=1, max_row=layout.HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS, values_only=True
            ),
            start=1,
        ):
            columns = match_headers(cells, headers)
            if len(columns) > len(best[1]):
                best = (index, columns)
        return best

    # -- forms

    def form(self, sheet_name: str, fields: Sequence[layout.Field]) -> Row:
        """Form fields by label in column A, values in column B; a missing label is absent.
        A damaged sheet gives no fields and a problem in :attr:`problems`."""
        try:
            return self._form(sheet_name, fields)
        except Exception as exc:  # the sheet's XML is parsed lazily, here: any failure is data
            self._damaged(sheet_name, exc)
            return {}

    def _form(self, sheet_name: str, fields: Sequence[layout.Field]) -> Row:
        sheet = self._sheet(sheet_name)
        lookup = {_fold(f.label): f.key for f in fields} | {_fold(f.key): f.key for f in fields}
        found: Row = {}
        for index, cells in enumerate(
            sheet.iter_rows(min_row=1, max_row=FORM_SEARCH_ROWS, min_col=1, max_col=2),
            start=1,
        ):
            key = lookup.get(_fold(cells[0].value if cells else None))
            if key is None or key in found:
                continue
            value, number_format = _cell_parts(cells, 2)
            found[key] = Cell(value, self.label, sheet_name, f"B{index}", number_format)
        unsaved = self._unsaved_formulas(sheet_name, [c for c in found.values() if c.value is None])
        return {k: _mark(c, unsaved) for k, c in found.items()} if unsaved else found

    # -- formulas with no saved value

    def _may_hold_formulas(self, sheet_name: str) -> bool:
        """A cheap scan of the sheet's XML, so the second (formula) read of the workbook
        happens only for sheets that hold formulas at all."""
        sheet = self._workbook[sheet_name]
        part = getattr(sheet, "_worksheet_path", None)
        archive = getattr(self._workbook, "_archive", None)
        if part is None or archive is None:
            return True  # openpyxl internals changed: fall back to always checking
        with archive.open(part) as stream:
            return _scan_for_formulas(stream)

    def _unsaved_formulas(self, sheet_name: str, cells: list[Cell]) -> set[str]:
        """Refs among ``cells`` (blank in saved-values mode) that hold a formula."""
        if not cells or not self._may_hold_formulas(sheet_name):
            return set()
        if self._formulas is None:
            from openpyxl import load_workbook

            self._formulas = load_workbook(self.path, read_only=True, data_only=False)
        wanted = {}
        for cell in cells:
            letters, row = coordinate_from_string(cell.ref)
            wanted[(row, column_index_from_string(letters))] = cell.ref
        rows = [r for r, _ in wanted]
        sheet = self._formulas[sheet_name]
        sheet.reset_dimensions()
        found: set[str] = set()
        for index, cells_in_row in enumerate(
            sheet.iter_rows(
                min_row=min(rows), max_row=max(rows), min_col=1, max_col=max(c for _, c in wanted)
            ),
            start=min(rows),
        ):
            for col, cell in enumerate(cells_in_row, start=1):
                ref = wanted.get((index, col))
                if ref and getattr(cell, "data_type", None) == "f":
                    found.add(ref)
        return found


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _scan_for_formulas(stream: Any) -> bool:
    """Whether a worksheet's XML has a formula element, read in chunks (no parsing)."""
    tail = b""
    while chunk := stream.read(1024 * 1024):
        if _FORMULA_TAG.search(tail + chunk):
            return True
        tail = chunk[-16:]
    return False


def _cell_parts(cells: Sequence[Any], col: int) -> tuple[Any, str]:
    if col > len(cells):
        return None, "General"
    cell = cells[col - 1]
    return cell.value, getattr(cell, "number_format", "General") or "General"


def _mark(cell: Cell, unsaved: set[str]) -> Cell:
    return replace(cell, unsaved_formula=True) if cell.ref in unsaved else cell


def open_book(path: Path, label: str) -> tuple[Book | None, list[Problem]]:
    """Open ``path`` for reading. None (with the reasons) when it cannot be read at all;
    warnings (macros, external links, hidden sheets) come back with an open book."""
    problems = check_file(path, label)
    if any(p.is_error for p in problems):
        return None, problems
    from openpyxl import load_workbook

    try:
        # keep_links=False: links to other workbooks are not even loaded, let alone followed.
        workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
        problems.extend(_hidden_sheets(workbook, label))
    except Exception as exc:  # any parser failure on a hostile or damaged file is a Problem
        problems.append(
            _problem(
                "the workbook could not be read",
                label,
                "an .xlsx workbook saved from Excel; open it in Excel, save it "
                "again and send it back",
                "file.unreadable",
                found=f"{exc.__class__.__name__}: {exc}"[:200],
            )
        )
        return None, problems
    return Book(path, label, workbook), problems


# Sheets some loader reads; a hidden one of these is read like any other (and warned about).
_READ_SHEETS = {
    _fold(name)
    for name in (
        layout.BID_ORGANISATION,
        layout.BID_SUPPLY_CHAIN,
        layout.BID_PRICES,
        layout.BID_PACKAGES,
        layout.BID_SOCIAL_VALUE,
        layout.SCORE_DECLARATION,
        layout.SCORE_SCORES,
        layout.MODERATION_SHEET,
        *layout.MATRIX_SHEETS,
    )
}
_PEEK_ROWS = 200  # how far a hidden sheet is looked into for data


def _hidden_sheets(workbook: Any, label: str) -> list[Problem]:
    """A warning for each hidden or very hidden sheet that holds data (the templates' own
    hidden drop-down list sheet excepted)."""
    warnings = []
    for sheet in workbook.worksheets:
        state = getattr(sheet, "sheet_state", "visible")
        if state == "visible" or (state == "hidden" and sheet.title == layout.LISTS_SHEET):
            continue
        if not _holds_data(sheet):
            continue
        how = "very hidden (only a macro can show it)" if state == "veryHidden" else "hidden"
        if _fold(sheet.title) in _READ_SHEETS:
            message = f"the sheet '{sheet.title}' is {how}; it was read like any other sheet"
            expected = "all sheets visible; check with the sender that its contents are meant"
        else:
            message = f"the sheet '{sheet.title}' is {how} and holds data that is not read"
            expected = (
                "no hidden sheets; check that the sheet holds nothing the evaluation needs "
                "(in Excel: right-click a sheet tab › Unhide)"
            )
        warnings.append(
            _problem(
                message,
                label,
                expected,
                "sheet.hidden",
                sheet=sheet.title,
                severity=Severity.WARNING,
            )
        )
    return warnings


def _holds_data(sheet: Any) -> bool:
    sheet.reset_dimensions()
    rows = sheet.iter_rows(max_row=_PEEK_ROWS, max_col=MAX_COLUMNS, values_only=True)
    return any(not is_blank(value) for row in rows for value in row)
