"""Opening workbooks safely and finding tables and form fields in them.

:func:`open_book` first runs :func:`tendereval.io.safety.check_file` (an empty file, a file
that is not a workbook, an old ``.xls``, a password-protected workbook, a truncated download, a
decompression bomb, crafted XML, macros, external links), then opens the workbook with
:mod:`tendereval.io.xlsx`, which reads saved values only: macros are never run and links never
followed. Hidden and very hidden sheets holding data are warned about. Reading is bounded:
header rows are searched at most :data:`MAX_COLUMNS` columns wide, and a table longer than its
limit is refused rather than read in part. A sheet that turns out damaged while it is read
becomes a problem in :attr:`Book.problems`, never an exception.

:meth:`Book.table` finds a table by its header row and reads its data rows;
:meth:`Book.form` reads label/value fields (label in column A, value in column B). Both return
raw :class:`~tendereval.io.raw.Cell` values; a blank cell that holds a formula with no saved
value is marked so the rules can say why it is blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import chain
from pathlib import Path
from typing import Any

from tendereval import layout
from tendereval.errors import Problem, Severity
from tendereval.io.appearance import PLAIN
from tendereval.io.cells import is_blank, show
from tendereval.io.drawings import Drawn
from tendereval.io.files import Fingerprint
from tendereval.io.raw import Cell, Relabelled, Relabelling, Row, StandIn
from tendereval.io.safety import OLE_MAGIC, check_file, inspect, inspect_bytes
from tendereval.io.safety import problem as _problem
from tendereval.io.unseen import (
    BlankNote,
    BlankNotes,
    commented_cells,
    conditionally_hidden,
    drawn_over_cells,
    drawn_unseen,
    hidden_answers,
    hidden_columns,
    hidden_form_rows,
    merged_cells,
    row_of,
    shown_as_nothing,
)
from tendereval.io.xlsx import (
    Cells,
    RawCell,
    SheetInfo,
    SheetsReadAsOne,
    Value,
    Workbook,
    column_letter,
    fold_name,
)
from tendereval.terminal import shows_nothing

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
    "headers_for_matrix",
    "match_headers",
    "missing_columns",
    "open_book",
    "open_book_bytes",
    "open_book_read",
    "repeated_columns",
    "table_unusable",
    "too_many_rows",
    "unheaded_columns",
    "unknown_columns",
]

MAX_ROWS = 100_000  # a consolidated matrix or score sheet: far above any real tender
MAX_BID_ROWS = 5_000  # a bid return's table has one row per lot and item: a few hundred at most
MAX_COLUMNS = 200  # header rows are searched this far right; the widest table has ~15 columns
FORM_SEARCH_ROWS = 60


@dataclass(frozen=True)
class Header:
    """A column to look for: its key, the header texts that name it, whether it must be
    there, and whether anything in it is read (a template's Scale or Lot name column is only
    shown beside what is: hidden, it hides nothing that counts)."""

    key: str
    names: tuple[str, ...]
    required: bool = False
    read: bool = True


def headers_for(columns: Iterable[layout.Column]) -> list[Header]:
    """Headers for a layout table: the template's header text, the column key or one of
    the column's aliases."""
    return [
        Header(c.key, (c.header, c.key, c.key.replace("_", " "), *c.aliases), c.required, c.read)
        for c in columns
    ]


def headers_for_keys(keys: Iterable[str], required: Iterable[str] = ()) -> list[Header]:
    """Headers named by their keys (the consolidated matrix, whose headers are frame columns)."""
    needed = set(required)
    return [Header(k, (k, k.replace("_", " ")), k in needed) for k in keys]


def headers_for_matrix(sheet: str) -> list[Header]:
    """Headers of a sheet of the consolidated form: each column named by its key, as a frame
    names it ('unit_rate', 'unit rate'), or as the template of the form its rows come from
    heads it, aliases and all (:data:`~tendereval.layout.MATRIX_HEADINGS`: 'Yearly uplift (%)',
    'Uplift (%)' for uplift, 'Moderated by' for moderator), with spaces or underscores
    ('annual_uplift')."""
    required = layout.MATRIX_REQUIRED_COLUMNS[sheet]
    headings = {h.key: _heading_names(h) for h in layout.MATRIX_HEADINGS[sheet]}
    return [
        Header(
            key,
            tuple(dict.fromkeys(_spellings((key, *headings.get(key, ()))))),
            key in required,
        )
        for key in layout.MATRIX_SHEETS[sheet]
    ]


def _heading_names(heading: layout.Column | layout.Field) -> tuple[str, ...]:
    """What a form's template heads a column or labels a field, and its aliases."""
    shown = heading.header if isinstance(heading, layout.Column) else heading.label
    return (shown, *heading.aliases)


def _spellings(names: Iterable[str]) -> Iterator[str]:
    """Each name as written, with spaces for its underscores ('unit rate'), and a name of
    plain words with underscores for its spaces, as a frame's or a database's column is
    named ('annual_uplift')."""
    for name in names:
        yield name
        yield name.replace("_", " ")
        if _PLAIN_WORDS.fullmatch(name):
            yield name.replace(" ", "_")


_PLAIN_WORDS = re.compile(r"[A-Za-z]+( [A-Za-z]+)*")


def header_lookup(headers: Sequence[Header]) -> dict[str, str]:
    """Folded header text → column key (not to be changed: it is shared)."""
    # A table's headers made once (a tuple, as bids.py keeps them) are known by identity:
    # hashing a tuple of headers hashes every header, several times a table.
    return _made_once(_LOOKUPS_BY_IDENTITY, headers, lambda: _header_lookup(tuple(headers)))


_LOOKUPS_BY_IDENTITY: dict[int, tuple[Sequence[Header], dict[str, str]]] = {}


def _made_once(cache: dict[int, tuple[Any, Any]], of: Sequence, make: Callable[[], Any]) -> Any:
    """``make()``, kept in ``cache`` by the identity of ``of`` when it is a tuple (made once
    and never changed; at most 64 kept). ``of`` is kept with it, so its id stays its."""
    known = cache.get(id(of))
    if known is not None and known[0] is of:
        return known[1]
    made = make()
    if of.__class__ is tuple and len(cache) < 64:
        cache[id(of)] = (of, made)
    return made


# Each template: what it is, the sheets that show it, and where it belongs.
_TEMPLATES = {
    "matrix": (
        "the consolidated evaluation form",
        "the Suppliers, Prices and Scores sheets",
        f"it at the top of the tender folder as {layout.MATRIX_WORKBOOK}, in place of the "
        f"{layout.BIDS_FOLDER}/ and {layout.SCORES_FOLDER}/ folders",
    ),
    "bid": (
        "a supplier's bid return",
        "the Organisation and Prices sheets",
        f"bid returns in {layout.BIDS_FOLDER}/: move it there",
    ),
    "moderation": (
        "the moderation workbook",
        "a Moderation sheet",
        f"the moderation workbook in {layout.SCORES_FOLDER}/: move it there",
    ),
    "scores": (
        "an evaluator's score sheet",
        "a Scores sheet",
        f"score sheets in {layout.SCORES_FOLDER}/: move it there",
    ),
}


@lru_cache(maxsize=64)  # every bid return looks for the same few tables
def _header_lookup(headers: tuple[Header, ...]) -> dict[str, str]:
    return {_fold(name): h.key for h in headers for name in h.names}


def match_headers(values: Iterable[Any], headers: Sequence[Header]) -> dict[str, int]:
    """Column key → 1-based column number for the values of a header row that name a column."""
    lookup = header_lookup(headers)
    columns: dict[str, int] = {}
    for col, value in enumerate(values, start=1):
        key = lookup.get(_fold(value))
        if key is not None and key not in columns:
            columns[key] = col
    return columns


def missing_columns(
    columns: dict[str, int],
    headers: Sequence[Header],
    label: str,
    sheet: str,
    cell: str,
    found: Callable[[], Iterable[Any]] = tuple,
) -> list[Problem]:
    """A problem for each required column the header row lacks, quoting the headers the row
    does have (``found()``, asked only when a column is missing), so a renamed or misspelt
    header can be seen without opening the file."""
    missing = [h for h in headers if h.required and h.key not in columns]
    if not missing:
        return []
    shown = found_headers(found())
    return [
        _problem(
            f"the column '{h.names[0]}' is missing",
            label,
            f"a column headed '{h.names[0]}'",
            "table.missing_column",
            found=shown,
            sheet=sheet,
            cell=cell,
        )
        for h in missing
    ]


def heads_nothing(value: Any) -> bool:
    """Whether a header cell's value heads no column: blank, or text that shows nothing (a
    space, a non-breaking space, "" from a formula, a zero-width space)."""
    return value is None or (isinstance(value, str) and shows_nothing(value))


def found_headers(values: Iterable[Any], most: int = 12) -> str:
    """A header row in a problem: each text quoted (cut at 40 characters), blanks left out,
    at most ``most`` of them and how many more."""
    texts = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not texts:
        return "no column headers in that row"
    quoted = [repr(t if len(t) <= 40 else t[:39] + "…") for t in texts[:most]]
    more = f" and {len(texts) - most} more" if len(texts) > most else ""
    return "the headers " + ", ".join(quoted) + more


_UNHEADED_SHOWN = 3  # values quoted in a problem about a column with no header


def _hidden(rows: list[Row], hidden: frozenset[int], label: str, sheet: str) -> list[Problem]:
    """A warning naming the table's rows that Excel does not show (hidden by hand, filtered
    out, or drawn with no height): what they hold is read and counts, though whoever opens
    the file to check it does not see it."""
    numbers = sorted(
        {number for row in rows for cell in row.values() if (number := row_of(cell)) in hidden}
    )
    if not numbers:
        return []
    listed = ", ".join(map(str, numbers[:_UNHEADED_SHOWN]))
    more = f" and {len(numbers) - _UNHEADED_SHOWN} more" if len(numbers) > _UNHEADED_SHOWN else ""
    plural = "s" if len(numbers) > 1 else ""
    return [
        _problem(
            f"row{plural} {listed}{more} of the table {'are' if plural else 'is'} hidden in "
            "Excel (hidden, filtered out by a filter, or drawn with no height), but what "
            "they hold is read and counts",
            label,
            "every row the tender reads shown: unhide the rows (Home › Format › Hide & Unhide) "
            "or clear the filter, and check their figures before relying on them",
            "table.hidden_rows",
            found=f"{len(numbers)} hidden row{plural} holding figures",
            sheet=sheet,
            cell=f"row {numbers[0]}",
            severity=Severity.WARNING,
        )
    ]


def unheaded_columns(
    unheaded: dict[int, tuple[list[tuple[str, Any]], list[int]]],
    missing: Sequence[Header],
    label: str,
    sheet: str,
    name_column: Callable[[int], str] = column_letter,
) -> list[Problem]:
    """A problem for each column holding values below an empty header cell, which nobody
    reads: an error when the header row lacks a column of the table (merged or deleted, the
    values may be that column's, and reading on without them would change the bid), a
    warning when every column is there (notes typed beside the table)."""
    problems = []
    for col, (values, (count,)) in sorted(unheaded.items()):
        shown = "; ".join(f"{show(value)} in {ref}" for ref, value in values)
        more = f" and {count - len(values)} more" if count > len(values) else ""
        rows = f"{count} row{'s' if count > 1 else ''}"
        if missing:
            names = ", ".join(f"'{h.names[0]}'" for h in missing)
            expected = (
                f"the template's header over the column (the table has no column {names}); "
                "ask the sender to restore the header and send the file again"
            )
        else:
            expected = "values only in the table's columns; notes beside it are not read"
        problems.append(
            _problem(
                f"column {name_column(col)} holds values in {rows} but has no header, so "
                "they are not read",
                label,
                expected,
                "table.unheaded_column",
                found=shown + more,
                sheet=sheet,
                cell=values[0][0],
                severity=Severity.ERROR if missing else Severity.WARNING,
            )
        )
    return problems


def unknown_columns(
    values: dict[int, tuple[list[tuple[str, Any]], list[int]]],
    added: dict[int, Any],
    missing: Sequence[Header],
    label: str,
    sheet: str,
    name_column: Callable[[int], str] = column_letter,
) -> list[Problem]:
    """A problem for each column the sender added to a template's table (its header names
    none of the table's columns) that holds values, which are not read: a warning when the
    table has every column it reads (a second rate, next year's rates beside it), an error
    when it lacks one (``missing``): the header may be that column's retyped ('Yearly uplift'
    for 'Yearly uplift (%)'), and reading on without its values would change the bid, as a
    column whose header was deleted would (:func:`unheaded_columns`). ``values`` are the first few
    values of each column (cell reference, value) and how many it holds; ``name_column``
    names a column by its number (a letter in a workbook)."""
    if not added:
        return []
    problems = []
    for col in sorted(added.keys() & values.keys()):
        shown, (count,) = values[col]
        quoted = "; ".join(f"{show(value)} in {ref}" for ref, value in shown)
        more = f" and {count - len(shown)} more" if count > len(shown) else ""
        header = show(added[col])
        if missing:
            names = ", ".join(f"'{h.names[0]}'" for h in missing)
            expected = (
                f"the template's header over the column if these are its figures (the table "
                f"has no column {names}); ask the sender to restore the header and send the "
                "file again"
            )
        else:
            expected = (
                "figures only in the template's columns; ask the sender whether these change "
                "their bid"
            )
        problems.append(
            _problem(
                f"column {name_column(col)}, headed {header}, is not a column of the "
                f"template, so the values in its {count} row{'s' if count > 1 else ''} are "
                "not read",
                label,
                expected,
                "table.unknown_column",
                found=quoted + more,
                sheet=sheet,
                cell=shown[0][0],
                severity=Severity.ERROR if missing else Severity.WARNING,
            )
        )
    return problems


def too_many_rows(max_rows: int, label: str, sheet: str, cell: str) -> Problem:
    """The table has a row past ``max_rows`` (at ``cell``): it is refused whole, in a
    workbook or a CSV file alike, since a part would be checked as if it were the whole."""
    return _problem(
        f"the table has more than {max_rows:,} rows, far more than the template's, so it was "
        "not read",
        label,
        "one row per item as in the template; delete the extra rows",
        "table.too_many_rows",
        sheet=sheet,
        cell=cell,
    )


def repeated_columns(
    values: Iterable[tuple[int, Any]],
    headers: Sequence[Header],
    label: str,
    sheet: str,
    cell: str,
    name_column: Callable[[int], str] = column_letter,
) -> list[Problem]:
    """An error for each column the header row names twice (two 'Unit rate' columns): which
    one holds the figures? ``values`` are (column number, header text) pairs."""
    lookup = header_lookup(headers)
    found: dict[str, list[tuple[int, Any]]] = {}
    for col, value in values:
        key = lookup.get(_fold(value))
        if key is not None:
            found.setdefault(key, []).append((col, value))
    names = {h.key: h.names[0] for h in headers}
    return [
        _problem(
            f"the column '{names[key]}' appears {len(columns)} times",
            label,
            f"one column headed '{names[key]}'; delete or rename the others",
            "table.repeated_column",
            found=", ".join(f"'{value}' in column {name_column(col)}" for col, value in columns),
            sheet=sheet,
            cell=cell,
        )
        for key, columns in found.items()
        if len(columns) > 1
    ]


def table_unusable(problems: Sequence[Problem]) -> bool:
    """Whether a table's shape problems leave its rows unusable: with its header row or a
    required column missing, every row would repeat the same error, without a cell to name;
    with a column named twice, nobody can say which holds the figures."""
    return any(p.code in _UNUSABLE_TABLE for p in problems)


_UNUSABLE_TABLE = ("table.no_header", "table.missing_column", "table.repeated_column")


def _fold(text: Any) -> str:
    """Header and label matching ignores case, spacing, a trailing ``*`` or ``:``."""
    return _fold_text(text) if isinstance(text, str) else ""


@lru_cache(maxsize=4096)  # the same few header texts and labels are in every bid return
def _fold_text(text: str) -> str:
    return fold_name(text)


# ---- An open workbook ------------------------------------------------------------------------


_EMPTY: Value = (None, "General", False)
# A Cell made from a tuple of its fields in one C call: a bid return's tables make hundreds.
_new_cell = partial(tuple.__new__, Cell)


class Book:
    """A workbook open for reading its saved values (see :mod:`tendereval.io.xlsx`). Each
    sheet is parsed once per read, and only as far as the read needs. Use as a context
    manager."""

    def __init__(self, path: Path, label: str, workbook: Workbook):
        self.path = path
        self.label = label
        self._workbook = workbook
        self.problems: list[Problem] = []  # sheets found damaged while being read
        # Blank cells read that show something in Excel, by (sheet, reference): what to add
        # to a problem's found and message about them (see io/checking.noted_blanks).
        self.blank_notes: BlankNotes = {}
        self._folded_names: dict[str, str] | None = None
        self._folded_list: list[str] | None = None  # the sheet names folded, in order
        # The top rows of sheets asked whether they hold a table, their texts folded.
        self._top_headings: dict[str, list[tuple[int, Headings]]] = {}

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._workbook.close()

    @property
    def sheets(self) -> list[SheetInfo]:
        """Every sheet with its state (visible, hidden, veryHidden)."""
        return self._workbook.sheets

    def holds_data(self, name: str, rows: int) -> bool:
        """Whether a sheet has a value in its first ``rows`` rows. A sheet too damaged to
        read is said to hold data: it cannot be checked, which the officer should know."""
        try:
            for number, cells in self._workbook.rows(name, max_col=MAX_COLUMNS):
                if number > rows:
                    return False
                if any(not is_blank(self._workbook.value(cell)[0]) for cell in cells.values()):
                    return True
        except Exception:
            return True
        return False

    @property
    def sheet_names(self) -> list[str]:
        return self._workbook.sheet_names

    def find_sheet(self, name: str) -> str | None:
        """The sheet's actual name, matching ``name`` ignoring case and spacing (the first
        so matching, in the workbook's order)."""
        if self._folded_names is None:  # a loader looks for several sheets: folded once
            self._folded_names = {}
            for sheet, folded in zip(self.sheet_names, self._folded_sheets(), strict=True):
                self._folded_names.setdefault(folded, sheet)
        return self._folded_names.get(_fold(name))

    def copies_of(self, name: str) -> list[str]:
        """The other sheets whose names hold ``name`` as words ("Prices (2)", "Prices -
        final", "Copy of Prices" for "Prices"), in the workbook's order."""
        folded = _fold(name)
        return [
            sheet
            for sheet, other in zip(self.sheet_names, self._folded_sheets(), strict=True)
            if folded in other
            and other != folded
            and re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", other)
        ]

    def _folded_sheets(self) -> list[str]:
        if self._folded_list is None:
            self._folded_list = [_fold(sheet) for sheet in self.sheet_names]
        return self._folded_list

    def missing_sheet(self, name: str, what: str) -> Problem:
        return _problem(
            f"the workbook has no '{name}' sheet",
            self.label,
            f"a sheet named '{name}' ({what})",
            "sheet.missing",
            found=", ".join(self.sheet_names) or "no sheets",
        )

    def neither_scores_nor_moderation(self) -> Problem:
        return _problem(
            "the workbook has neither a 'Scores' sheet (an evaluator's score sheet) nor a "
            "'Moderation' sheet (the moderation workbook), so nothing in it was read",
            self.label,
            "the sheet names of the template it was made from; rename the sheet back",
            "sheet.missing",
            found=", ".join(self.sheet_names) or "no sheets",
        )

    def template_mark(self) -> dict[str, str]:
        """The document properties saying which tender and plan the workbook's template was
        made from (empty when it carries none); the rules compare them with the plan."""
        return {
            name: value
            for name, value in self._workbook.custom_properties().items()
            if name.startswith(layout.MARK_PREFIX)
        }

    def written_as(self) -> str:
        """What tendereval output the workbook is, as its document properties say
        ("evaluation report", "assessment summary" …); "" for any other workbook."""
        said = self._workbook.custom_properties().get(layout.OUTPUT_MARK, "")
        return "".join(ch for ch in " ".join(said.split())[:60] if ch.isprintable())

    def made_from(self) -> str | None:
        """Which of the project's templates the workbook's sheets say it was made from:
        "matrix" (the consolidated form), "bid", "moderation", "scores"; "output" for a
        workbook tendereval wrote (:meth:`written_as`); or None."""
        if self.written_as():
            return "output"
        has = self.find_sheet
        if all(has(sheet) for sheet in layout.MATRIX_REQUIRED_SHEETS):
            return "matrix"
        if has(layout.BID_ORGANISATION) and has(layout.BID_PRICES):
            return "bid"
        if has(layout.MODERATION_SHEET):
            return "moderation"
        if has(layout.SCORE_SCORES):
            return "scores"
        return None

    def in_the_wrong_folder(
        self, kind: str, wanted: str, *, instead: str = "", code: str = "file.wrong_folder"
    ) -> Problem:
        """An error for a workbook made from another template than its folder holds: a score
        sheet put in bids/ gave a phantom bid with an error for every missing form field, and
        the evaluator's scores were left out. ``instead`` replaces where the workbook belongs
        (for a command given the wrong file)."""
        what, sheets, belongs = self._template(kind)
        return _problem(
            f"this is {what} (it has {sheets}), not {wanted}, so it was not read as one",
            self.label,
            instead or belongs,
            code,
            found=", ".join(self.sheet_names),
        )

    def what_it_is(self, kind: str) -> str:
        """What a workbook made from the template ``kind`` (:meth:`made_from`) is, in words:
        "an evaluator's score sheet", "an evaluation report tendereval wrote"."""
        return self._template(kind)[0]

    def _template(self, kind: str) -> tuple[str, str, str]:
        """What a workbook made from ``kind`` is, the sheets that show it, where it belongs."""
        if kind != "output":
            return _TEMPLATES[kind]
        return (
            f"{'an' if self.written_as()[:1] in 'aeiou' else 'a'} {self.written_as()} "
            "tendereval wrote",
            f"the document property '{layout.OUTPUT_MARK}: {self.written_as()}'",
            "tendereval's reports in reports/, never among the bids or score sheets: move it out",
        )

    def mixed_score_and_moderation(self) -> Problem:
        return _problem(
            "the workbook has both a Moderation sheet and a Scores sheet, so it is neither "
            "an evaluator's score sheet nor the moderation workbook",
            self.label,
            "an evaluator's scores and the moderated scores in separate workbooks, each made "
            "from its own template",
            "file.scores_and_moderation",
            found=", ".join(self.sheet_names),
        )

    # -- tables

    def table(
        self,
        sheet_name: str,
        headers: Sequence[Header],
        max_rows: int = MAX_ROWS,
        added_columns: bool = False,
    ) -> tuple[list[Row], list[Problem]]:
        """The data rows of the table on ``sheet_name`` (which must exist: see find_sheet).

        The header row is the first of the top ``HEADER_SEARCH_ROWS`` rows naming at least one
        column; rows are read to the end of the sheet. Fully blank rows are skipped, however
        many there are: a supplier may space the lots out, and Excel shows the rows below the
        gap. A table with more than ``max_rows`` rows, or as many rows holding nothing in its
        columns, is not read at all (no rows and an error): a part of it would be checked as if
        it were the whole. A damaged sheet gives no rows and a problem in :attr:`problems`.

        With ``added_columns`` (a form sent out as a template), values under a header naming
        no column of the table (a column the sender added) are a warning: they are not read.
        """
        try:
            return self._table(sheet_name, headers, max_rows, added_columns)
        except Exception as exc:  # the sheet's XML is parsed here, lazily: any failure is data
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
                found=_what_was_found(exc),
            )
        )

    def _table(
        self, sheet_name: str, headers: Sequence[Header], max_rows: int, added_columns: bool
    ) -> tuple[list[Row], list[Problem]]:
        problems: list[Problem] = []
        rows_in_sheet = self._workbook.rows(sheet_name, max_col=MAX_COLUMNS)
        # One pass: the top rows are kept while the header row is looked for among them, then
        # the same iterator carries on below them.
        top: list[tuple[int, Cells]] = []
        for number, cells in rows_in_sheet:
            top.append((number, cells))
            if number >= layout.HEADER_SEARCH_ROWS:
                break
        header_row, columns, repeated = self._find_header(top, headers)
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
        header_cells = dict(top)[header_row]
        problems.extend(
            missing_columns(
                columns,
                headers,
                self.label,
                sheet_name,
                f"row {header_row}",
                lambda: (
                    self._workbook.value(cell)[0]
                    for _, cell in sorted(header_cells.items())
                    if self._workbook.is_text(cell)
                ),
            )
        )
        if repeated:  # the header row names a column twice: say where, in full
            problems.extend(
                repeated_columns(
                    (
                        (col, self._workbook.value(cell)[0])
                        for col, cell in header_cells.items()
                        if self._workbook.is_text(cell)
                    ),
                    headers,
                    self.label,
                    sheet_name,
                    f"row {header_row}",
                )
            )
        if not columns:
            return [], problems
        if header_row > layout.TABLE_HEADER_ROW:  # rows where the template has table rows
            problems.extend(self._rows_above(top, header_row, columns, headers, sheet_name))
        places = [(key, column_letter(col)) for key, col in columns.items()]
        read_columns = list(columns.values())
        below = chain(((n, c) for n, c in top if n > header_row), rows_in_sheet)
        rows: list[Row] = []
        passed = 0  # rows looked at below the header with nothing in the table's columns
        value_of = self._workbook.value
        values_at = self._workbook.values_at
        label = self.label
        # Columns whose header cell shows nothing: a value below one is read by nobody. A
        # header of a space, "" (from a formula) or a zero-width space is no header, as an
        # empty cell is: an uplift column headed so read as 0% without a word. A row with its
        # cells all under headers (nearly every row) costs one set comparison.
        headed = {
            col for col, cell in header_cells.items() if not heads_nothing(value_of(cell)[0])
        } | set(columns.values())
        # Columns under a header that names none of the table's: watched like unheaded ones.
        added: dict[int, Any] = {}
        if added_columns and len(headed) > len(columns):
            for col in headed.difference(columns.values()):
                added[col] = value_of(header_cells[col])[0]
            headed -= added.keys()
        # The first few values of each such column and how many there are: a sheet of notes
        # is read to its end, so what is kept of it is bounded.
        unheaded: dict[int, tuple[list[tuple[str, Any]], list[int]]] = {}
        for number, cells in below:
            if not headed.issuperset(cells):
                for col in cells.keys() - headed:
                    saved = value_of(cells[col])[0]
                    if saved is not None and (not isinstance(saved, str) or saved.strip()):
                        shown, count = unheaded.setdefault(col, ([], [0]))
                        count[0] += 1
                        if len(shown) < _UNHEADED_SHOWN:
                            shown.append((f"{column_letter(col)}{number}", saved))
            found = values_at(cells, read_columns, _EMPTY)  # the row's cells in one call
            # A formula with no saved result is blank here too: templates copy formulas down
            # rows nobody has filled in. Filled is not is_blank, spelled out in a loop (not
            # any() over a generator: one object fewer a row; most rows stop at their first).
            for saved, _, _ in found:
                if saved is not None and (not isinstance(saved, str) or saved.strip()):
                    break
            else:
                # Rows holding nothing in the table's columns (notes beside it, cells
                # formatted and left empty) cost a look each: as many as the table may have
                # rows, no more, so a file of a million such rows is refused, not read on.
                passed += 1
                if passed > max_rows:
                    problems.append(
                        too_many_rows(max_rows, self.label, sheet_name, f"row {number}")
                    )
                    return [], problems
                continue
            if len(rows) >= max_rows:
                problems.append(too_many_rows(max_rows, self.label, sheet_name, f"row {number}"))
                return [], problems
            digits = str(number)
            rows.append(
                {
                    key: _new_cell((saved, label, sheet_name, letter + digits, style, unsaved))
                    for (key, letter), (saved, style, unsaved) in zip(places, found, strict=True)
                }
            )
        problems.extend(self._unseen(rows, columns, headers, sheet_name, header_row))
        missing = [h for h in headers if h.key not in columns]
        problems.extend(
            unknown_columns(unheaded, added, [h for h in missing if h.read], label, sheet_name)
        )
        problems.extend(
            unheaded_columns(
                {col: found for col, found in unheaded.items() if col not in added},
                missing,
                label,
                sheet_name,
            )
        )
        return rows, problems

    def _unseen(
        self,
        rows: list[Row],
        columns: dict[str, int],
        headers: Sequence[Header],
        sheet_name: str,
        header_row: int,
    ) -> list[Problem]:
        """What Excel does not show of the table's cells that are read: hidden rows and
        columns, figures drawn as nothing or lost on their background, merged over, commented
        on, or covered by a drawing. A column only shown beside them (a score sheet's Scale,
        a bid's Lot name) is left out: hidden, it hides nothing that counts."""
        label = self.label
        hidden = self._workbook.hidden_rows(sheet_name)
        hiding = self._workbook.hiding_formats
        looks = self._workbook.appearance(sheet_name)
        if not (hidden or hiding or self._workbook.unseen_text or looks is not PLAIN):
            return []  # nearly every table: nothing to look at cell by cell
        unread = {h.key for h in headers if not h.read and h.key in columns}
        if unread:
            rows = [{k: cell for k, cell in row.items() if k not in unread} for row in rows]
            columns = {k: col for k, col in columns.items() if k not in unread}
        problems: list[Problem] = []
        if hidden:
            problems.extend(_hidden(rows, hidden, label, sheet_name))
        if hiding:
            problems.extend(shown_as_nothing(rows, hiding, label, sheet_name))
        if self._workbook.unseen_text:
            problems.extend(drawn_unseen(rows, label, sheet_name))
        if looks is not PLAIN:
            problems.extend(
                hidden_columns(rows, columns, headers, looks, label, sheet_name, header_row)
            )
            notes, covered = merged_cells(rows, columns, looks, label, sheet_name)
            self.blank_notes.update(notes)
            problems.extend(covered)
            if looks.commented:
                problems.extend(
                    commented_cells(rows, self._comments(sheet_name), label, sheet_name)
                )
            if looks.conditional:
                problems.extend(
                    conditionally_hidden(rows, looks, self._workbook.looks, label, sheet_name)
                )
            if looks.drawn:
                problems.extend(
                    drawn_over_cells(rows, self._drawings(sheet_name), label, sheet_name)
                )
        return problems

    def _rows_above(
        self,
        top: list[tuple[int, Cells]],
        header_row: int,
        columns: dict[str, int],
        headers: Sequence[Header],
        sheet: str,
    ) -> list[Problem]:
        """An error when rows above the header row hold values in two or more of the table's
        columns: table rows, not titles (one cell each, and in rows 1 to 3, which sorting the
        table leaves alone), most often because the table was sorted with its header row in
        it ('My data has headers' unticked). They are not read, and saying only that rates are
        missing would send the officer to a sheet showing them."""
        # The required columns first (lot, item, unit rate): what the officer looks for.
        required = {h.key for h in headers if h.required}
        quoted = [
            col
            for key, col in sorted(columns.items(), key=lambda kc: (kc[0] not in required, kc[1]))
        ]
        above = []
        for number, cells in top:
            if number >= header_row:
                break
            if number < layout.TABLE_HEADER_ROW:
                continue  # the template's title rows: a sort of the table never reaches them
            filled = [
                (col, saved)
                for col in quoted
                if (cell := cells.get(col)) is not None
                and not is_blank(saved := self._workbook.value(cell)[0])
            ]
            if len(filled) >= 2:
                above.append((number, filled))
        if not above:
            return []
        first, last = above[0][0], above[-1][0]
        rows = f"row {first}" if first == last else f"rows {first} to {last}"
        shown = ", ".join(
            f"{show(value)} in {column_letter(col)}{first}" for col, value in above[0][1][:3]
        )
        return [
            _problem(
                f"{rows} {'hold' if first != last else 'holds'} values in the table's columns "
                f"but {'are' if first != last else 'is'} above its header row (row "
                f"{header_row}), so {'they are' if first != last else 'it is'} not read: was the "
                "table sorted with its header row in it?",
                self.label,
                "the header row above every row of the table; ask the sender to put it back "
                "(in Excel, sort with 'My data has headers' ticked) and send the file again",
                "table.rows_above_header",
                found=shown,
                sheet=sheet,
                cell=f"row {first}",
            )
        ]

    def _value(self, cell: RawCell | None) -> Value:
        return _EMPTY if cell is None else self._workbook.value(cell)

    def _cell(self, value: Value, sheet_name: str, ref: str) -> Cell:
        saved, number_format, unsaved = value
        return Cell(saved, self.label, sheet_name, ref, number_format, unsaved)

    def _find_header(
        self, rows: list[tuple[int, Cells]], headers: Sequence[Header]
    ) -> tuple[int | None, dict[str, int], bool]:
        """The header row, the columns it names (key → column number) and whether it names
        one twice (only then is :func:`repeated_columns` asked which and where)."""
        found = _best_header(self._headings(rows), header_lookup(headers))
        if found[3]:  # a row naming every column: the search stopped there
            _read_as_text(rows, found[0], self._workbook)  # type: ignore[arg-type]
        return found[:3]

    def _headings(self, rows: list[tuple[int, Cells]]) -> Iterator[tuple[int, Headings]]:
        """Each of the top rows with its text cells folded as header texts are, row by row:
        the search stops at a row naming every column, and reads no further."""
        text_of = self._workbook.text  # only text can name a column
        for number, cells in rows:
            if number > layout.HEADER_SEARCH_ROWS:
                break
            yield (
                number,
                [
                    (col, _fold_text(text))
                    for col, cell in cells.items()
                    if (text := text_of(cell)) is not None
                ],
            )

    def names_the_table(self, sheet_name: str, headers: Sequence[Header]) -> bool:
        """Whether a row at the top of ``sheet_name`` names every column the table needs
        (its table, whatever the sheet is called). Only the top rows are read, once per
        workbook: a bid's Instructions sheet is asked this of each of its tables."""
        top = self._top_headings.get(sheet_name)
        if top is None:
            try:
                rows = []
                for number, cells in self._workbook.rows(sheet_name, max_col=MAX_COLUMNS):
                    if number > layout.HEADER_SEARCH_ROWS:
                        break
                    rows.append((number, cells))
                # Every top row read as text, as far as the search could read: a damaged
                # cell anywhere there refuses the sheet, whichever row names the table.
                top = self._top_headings[sheet_name] = list(self._headings(rows))
            except Exception:  # a damaged sheet names nothing; reading it for itself says so
                return False
        _, columns, _, _ = _best_header(iter(top), header_lookup(headers))
        needed = {h.key for h in headers if h.required}
        return bool(needed) and needed <= columns.keys()

    # -- whole sheets

    def values(
        self, sheet_name: str, max_rows: int = MAX_ROWS
    ) -> tuple[dict[int, dict[int, Any]], dict[tuple[int, int], Cell]]:
        """Every value of a sheet: row number → column number → value (blank cells left
        out), at most ``max_rows`` rows; and, by row and column number, the cells among
        those left out that hold a formula whose result is not in the file, which are not
        blank to whoever opens the file in Excel
        (:func:`~tendereval.io.checking.formula_unsaved`). Raises on a damaged sheet."""
        found: dict[int, dict[int, Any]] = {}
        unsaved: dict[tuple[int, int], Cell] = {}
        for number, cells in self._workbook.rows(sheet_name, max_col=MAX_COLUMNS):
            if len(found) >= max_rows:
                break
            row = found[number] = {}
            for col, cell in cells.items():
                value, number_format, formula = self._workbook.value(cell)
                if value is not None:
                    row[col] = value
                elif formula:
                    ref = f"{column_letter(col)}{number}"
                    unsaved[number, col] = self._cell((None, number_format, True), sheet_name, ref)
        return found, unsaved

    def title_cells(self, sheet_name: str) -> list[Cell]:
        """The cells holding a value in the rows above the one where the templates put a
        table's header (the title and notes), in reading order; none for a damaged sheet,
        whose reading as a table has said so."""
        try:
            found, _ = self.values(sheet_name, max_rows=layout.TABLE_HEADER_ROW - 1)
        except Exception:  # the sheet's own reading reports the damage
            return []
        return [
            self._cell((value, "General", False), sheet_name, f"{column_letter(col)}{number}")
            for number, row in sorted(found.items())
            if number < layout.TABLE_HEADER_ROW
            for col, value in sorted(row.items())
        ]

    # -- forms

    def form(
        self, sheet_name: str, fields: Sequence[layout.Field]
    ) -> tuple[Row, list[Problem], Relabelling]:
        """Form fields by label in column A, values in column B; a missing label is absent,
        and where the row it belongs in is labelled otherwise, that row is in the third
        value (see :func:`relabelled_rows`).

        A label given twice with two different answers is an error (which answer is meant?);
        the first answer is used. A damaged sheet gives no fields and a problem in
        :attr:`problems`."""
        try:
            return self._form(sheet_name, fields)
        except Exception as exc:  # the sheet's XML is parsed here, lazily: any failure is data
            self._damaged(sheet_name, exc)
            return {}, [], {}

    def _form(
        self, sheet_name: str, fields: Sequence[layout.Field]
    ) -> tuple[Row, list[Problem], Relabelling]:
        lookup = _field_lookup(fields)
        found: Row = {}
        problems: list[Problem] = []
        unlabelled: dict[int, Relabelled] = {}
        for number, cells in self._workbook.rows(sheet_name, max_col=3):
            if number > FORM_SEARCH_ROWS:
                break
            label = self._value(cells.get(1))
            field = lookup.get(_fold(label[0]))
            if field is None:
                row = Relabelled(
                    self._cell(label, sheet_name, f"A{number}"),
                    self._cell(self._value(cells.get(2)), sheet_name, f"B{number}"),
                )
                if not (row.label.blank and row.answer.blank):
                    unlabelled[number] = row
                continue
            cell = self._cell(self._value(cells.get(2)), sheet_name, f"B{number}")
            if cell.blank and 3 in cells:
                self._note_beside(cell, field, self._value(cells[3])[0], number)
            first = found.get(field.key)
            if first is None or (first.blank and not cell.blank):
                found[field.key] = cell  # a filled-in answer wins over a blank one
            elif not cell.blank and _answer(cell) != _answer(first):
                problems.append(
                    _problem(
                        f"'{field.label}' is answered twice, differently; the first answer "
                        f"({first.ref}) was used",
                        self.label,
                        f"one answer to '{field.label}'; delete the other row",
                        "form.repeated_label",
                        found=f"{_shown(first.value)} in {first.ref} and "
                        f"{_shown(cell.value)} in {cell.ref}",
                        sheet=sheet_name,
                        cell=cell.ref,
                    )
                )
        hidden = self._workbook.hidden_rows(sheet_name)
        if hidden:
            labels = {field.key: field.label for field in fields}
            problems.extend(hidden_form_rows(found, labels, hidden, self.label, sheet_name))
        hiding = self._workbook.hiding_formats
        if hiding:
            rows = [{"answer": cell} for cell in found.values()]
            problems.extend(shown_as_nothing(rows, hiding, self.label, sheet_name))
        if self._workbook.unseen_text:
            rows = [{"answer": cell} for cell in found.values()]
            problems.extend(drawn_unseen(rows, self.label, sheet_name))
        looks = self._workbook.appearance(sheet_name)
        if looks is not PLAIN:
            answers = {"answer": 2}
            rows = [{"answer": cell} for cell in found.values()]
            problems.extend(hidden_answers(rows, looks, self.label, sheet_name))
            notes, covered = merged_cells(rows, answers, looks, self.label, sheet_name)
            self.blank_notes.update(notes)
            problems.extend(covered)
            if looks.commented:
                comments = self._comments(sheet_name)
                problems.extend(commented_cells(rows, comments, self.label, sheet_name))
            if looks.conditional:
                problems.extend(
                    conditionally_hidden(rows, looks, self._workbook.looks, self.label, sheet_name)
                )
            if looks.drawn:
                drawings = self._drawings(sheet_name)
                problems.extend(drawn_over_cells(rows, drawings, self.label, sheet_name))
        return found, problems, relabelled_rows(fields, found, unlabelled)

    def _comments(self, sheet_name: str) -> dict[str, str] | None:
        """The comments on a sheet's cells; None when they cannot be read (a damaged comments
        part says nothing about the cells, which were read: the bid is not lost for it)."""
        try:
            return self._workbook.comments(sheet_name)
        except Exception:
            return None

    def _drawings(self, sheet_name: str) -> list[Drawn] | None:
        """What a sheet draws over its cells; None when its drawing part cannot be read (the
        cells were read: the bid is not lost for it)."""
        try:
            return self._workbook.drawings(sheet_name)
        except Exception:
            return None

    def _note_beside(self, cell: Cell, field: layout.Field, beside: Any, number: int) -> None:
        """A note on a blank answer whose Notes cell (C) holds something other than the
        template's own note: most often the answer typed one column too far right."""
        if is_blank(beside) or (isinstance(beside, str) and _fold(beside) == _fold(field.note)):
            return
        shown = show(beside)
        self.blank_notes[(cell.sheet, cell.ref)] = BlankNote(
            f"; C{number} beside it (Notes) holds {shown}",
            f", but C{number} beside it (the Notes column) holds {shown}: was the answer "
            f"typed one column too far right? Only column B is read",
        )


@dataclass(frozen=True)
class CopiedTable:
    """Another sheet holding a copy of a table read from ``sheet`` ("Prices (2)", "Copy of
    Scores"): ``differ`` lists the cells whose values differ, in reading order (none: the
    same values); ``ours`` and ``theirs`` are each sheet's values by cell."""

    other: str
    differ: list[str]
    ours: dict[str, Any]
    theirs: dict[str, Any]


def copied_tables(
    book: Book,
    sheet: str,
    headers: Sequence[Header],
    rows: list[Row],
    max_rows: int = MAX_ROWS,
    skip: Iterable[str] = (),
) -> list[CopiedTable]:
    """The other sheets holding the same table (sheets folded into ``skip`` are read for
    themselves), each compared cell by cell with ``rows``: those whose names hold ``sheet``'s
    ('Prices (2)', 'Scores Priya'), and those, whatever their names ('Revised', 'Sheet1',
    'Priya Shah'), whose header row names every column the table needs, as the template's
    does. Only ``sheet`` is read: a copy that cannot be read adds no problem to the book."""

    def table(other: str) -> list[Row]:
        copy_rows, problems = book.table(other, headers, max_rows=max_rows)
        if any(p.code == "table.no_header" for p in problems):
            return []  # no such table there: another kind of sheet
        return copy_rows

    def holds_the_table(other: str) -> bool:
        return book.names_the_table(other, headers)

    return _copies(book, sheet, rows, table, skip, holds_the_table)


def copied_form(
    book: Book,
    sheet: str,
    fields: Sequence[layout.Field],
    answers: Row,
    skip: Iterable[str] = (),
) -> list[CopiedTable]:
    """:func:`copied_tables` for a form ("Organisation (2)"): the other sheets whose names
    hold ``sheet``'s and which answer at least one of its fields, each compared cell by cell
    with ``answers``."""

    def form(other: str) -> list[Row]:
        found, _, _ = book.form(other, fields)
        return [found] if any(not cell.blank for cell in found.values()) else []

    return _copies(book, sheet, [answers], form, skip)


def stand_ins(
    book: Book,
    sheet: str,
    headers: Sequence[Header],
    max_rows: int = MAX_ROWS,
    skip: Iterable[str] = (),
) -> list[StandIn]:
    """The sheets that may be ``sheet`` under another name, which the workbook lacks: those
    whose names hold its name as words ('Social value commitments', 'Social value (2)'), and
    those whose header row names every column the table needs ('SV', 'Subcontractors'), with
    the table's rows on each. Sheets folded into ``skip`` (read for themselves) and the lists
    behind drop-downs are left out; a sheet that cannot be read adds no problem to the book."""
    named = set(book.copies_of(sheet))
    found = []
    for other in _other_sheets(book, skip):
        by_header = other not in named and book.names_the_table(other, headers)
        if other in named or by_header:
            rows, _ = book.table(other, headers, max_rows=max_rows)
            first = next(iter(rows[0].values()), None) if rows else None
            found.append(StandIn(other, other in named, len(rows), first))
    return found


def _other_sheets(book: Book, skip: Iterable[str]) -> Iterator[str]:
    """The workbook's sheets but those folded into ``skip`` and the lists behind drop-downs,
    each looked at by the caller between yields: what looking adds to the book's problems is
    taken back (a sheet not read as a stand-in cannot make the file unreadable)."""
    skipped = {*skip, _fold(layout.LISTS_SHEET)}
    for other in book.sheet_names:
        if _fold(other) in skipped:
            continue
        damaged = len(book.problems)
        yield other
        del book.problems[damaged:]


def form_stand_ins(
    book: Book, sheet: str, fields: Sequence[layout.Field], skip: Iterable[str] = ()
) -> list[StandIn]:
    """The sheets that may be the form ``sheet`` under another name, which the workbook
    lacks: those whose names hold its name as words ('Declaration (2)', 'Copy of
    Organisation'), and those labelling more than half of its fields in column A as the
    template does ('Declarations', 'Organization'), with how many of its fields each answers
    (``rows``) and the first answer. Sheets folded into ``skip`` (read for themselves) and the
    lists behind drop-downs are left out; a sheet that cannot be read adds no problem."""
    named = set(book.copies_of(sheet))
    found = []
    for other in _other_sheets(book, skip):
        answers, _, _ = book.form(other, fields)
        if other in named or len(answers) * 2 > len(fields):
            given = [cell for cell in answers.values() if not cell.blank]
            found.append(StandIn(other, other in named, len(given), given[0] if given else None))
    return found


def renamed_sheet(
    book: Book, sheet: str, stand_ins: list[StandIn], gives: str, ask: str, form: bool = True
) -> list[Problem]:
    """An error at each sheet that looks like ``sheet``, which the workbook lacks, and holds
    some of it (:func:`form_stand_ins` for a ``form``'s answers, :func:`stand_ins` for a
    table's rows): what it gives is not read, and only whoever sent the file can say the
    sheet is theirs (``ask`` says whom to ask). The bid return's optional tables have their
    own words (bid_rules._sheet_absent: a sheet left out may mean none given)."""
    found = []
    for other in stand_ins:
        if other.first is None or not other.holds_some:
            continue
        if other.by_name:
            how = "its name"
        else:
            how = "the labels in its column A" if form else "its header row"
        held = f"{other.rows} {'answer' if form else 'row'}{'s' if other.rows > 1 else ''}"
        found.append(
            _problem(
                f"the workbook has no '{sheet}' sheet, but the sheet '{other.sheet}' looks "
                f"like it (by {how}) and holds {held} ({gives}), none of which is read",
                book.label,
                f"{gives} on a sheet named '{sheet}', as in the template; {ask} whether the "
                f"sheet '{other.sheet}' is theirs, and if so to rename it '{sheet}' and send "
                "the file again",
                "sheet.renamed",
                found=f"{held} from {other.first.ref} on '{other.sheet}'",
                sheet=other.sheet,
                cell=other.first.ref,
            )
        )
    return found


def copy_problems(
    book: Book, sheet: str, copies: list[CopiedTable], what: str, ask: str
) -> list[Problem]:
    """A problem for each other sheet whose name holds ``sheet``'s ("Prices (2)", "Prices -
    final", "Copy of Declaration") and which holds the same table or form: an error naming
    the first cell whose ``what`` (figures, answers) differs from ``sheet``'s (which is
    meant? ``ask`` says whom to ask), a warning when every one is the same. Only ``sheet`` is
    read either way."""
    found: list[Problem] = []
    for copy in copies:
        other = copy.other
        if not copy.differ:
            found.append(
                _problem(
                    f"the sheet '{other}' is a copy of '{sheet}' with the same {what}; only "
                    f"'{sheet}' is read",
                    book.label,
                    f"one '{sheet}' sheet; the copy can be deleted",
                    "sheet.copy",
                    sheet=other,
                    severity=Severity.WARNING,
                )
            )
            continue
        ref = copy.differ[0]
        others = len(copy.differ) - 1
        more = f" ({others} more cell{'s differ' if others > 1 else ' differs'})" if others else ""
        found.append(
            _problem(
                f"the sheet '{other}' looks like a copy of '{sheet}' but gives other {what}; "
                f"only '{sheet}' is read, so which is meant must be settled",
                book.label,
                f"the {what} on '{sheet}' only; {ask}, and to delete the other and send the "
                "file again",
                "sheet.copy_differs",
                found=f"{_held(copy.theirs.get(ref))} in {ref} on '{other}', "
                f"{_held(copy.ours.get(ref))} in {ref} on '{sheet}'{more}",
                sheet=other,
                cell=ref,
            )
        )
    return found


def _held(value: object) -> str:
    return "a blank cell" if value is None else show(value)


def _copies(
    book: Book,
    sheet: str,
    rows: list[Row],
    read: Callable[[str], list[Row]],
    skip: Iterable[str],
    holds_it: Callable[[str], bool] | None = None,
) -> list[CopiedTable]:
    """Each copy of ``sheet`` that ``read`` finds the same table or form in (rows read
    there: none when it is another kind of sheet), compared cell by cell with ``rows``: the
    sheets whose names hold ``sheet``'s, and any other that ``holds_it`` says holds it."""
    skipped = {*skip, fold_name(sheet), fold_name(layout.LISTS_SHEET)}
    named = book.copies_of(sheet)
    others = [
        other
        for other in book.sheet_names
        if other != sheet
        and fold_name(other) not in skipped
        and (other in named or (holds_it is not None and holds_it(other)))
    ]
    if not others:  # nearly every workbook: nothing to compare
        return []
    found = []
    ours = {cell.ref: cell.value for row in rows for cell in row.values()}
    for other in others:
        damaged = len(book.problems)
        copy_rows = read(other)
        del book.problems[damaged:]  # a sheet not read cannot make the file unreadable
        if not copy_rows:
            continue
        theirs = {cell.ref: cell.value for row in copy_rows for cell in row.values()}
        differ = sorted(
            (ref for ref in ours.keys() | theirs.keys() if ours.get(ref) != theirs.get(ref)),
            key=_cell_order,
        )
        found.append(CopiedTable(other, differ, ours, theirs))
    return found


def _cell_order(ref: str) -> tuple[int, int, str]:
    """G10 after G9 and after H9: rows first, as a reader reads."""
    letters = ref.rstrip("0123456789")
    return int(ref[len(letters) :]), len(letters), letters


def _what_was_found(exc: Exception) -> str:
    """What an officer is told was found in a sheet that could not be read: the cell and
    what it holds when the reader could say (its note), else the reader's own words."""
    notes = getattr(exc, "__notes__", None)
    if notes:
        found = notes[-1]
    elif type(exc) is ValueError:  # the reader's own words ("cell G6 is not in row 5")
        found = str(exc)
    elif isinstance(exc, SyntaxError):  # ElementTree's ParseError: "not well-formed … line 2"
        found = f"XML that is not well formed ({exc})"
    else:
        found = f"{exc.__class__.__name__}: {exc}"
    return found[:200]


# A row's text cells as header texts are compared: (column number, folded text).
Headings = list[tuple[int, str]]


def _best_header(
    rows: Iterator[tuple[int, Headings]], lookup: dict[str, str]
) -> tuple[int | None, dict[str, int], bool, bool]:
    """The header row among ``rows``, the columns it names (key → column number), whether it
    names one twice, and whether it names every column (the search stops there)."""
    # The row naming the most columns wins, so a title that happens to match one header
    # text does not hide the real header row below it. A row naming every column cannot
    # be beaten (a later row must name more to win), so the search stops there.
    every = len(set(lookup.values()))
    best: tuple[int | None, dict[str, int], bool] = (None, {}, False)
    for number, texts in rows:
        columns: dict[str, int] = {}
        repeated = False
        for col, folded in texts:
            key = lookup.get(folded)
            if key is not None:
                if key in columns:
                    repeated = True
                else:
                    columns[key] = col
        if len(columns) > len(best[1]):
            best = (number, columns, repeated)
            if len(columns) == every:
                return (*best, True)
    return (*best, False)


def _read_as_text(rows: list[tuple[int, Cells]], after: int, workbook: Workbook) -> None:
    """The cells of the rows searched for a header below row ``after`` read as text as far
    as reading them could refuse them (a shared string that does not exist), as the search
    read them before it stopped at a row naming every column: a damaged cell there still
    makes the sheet damaged, as it did."""
    for number, cells in rows:
        if after < number <= layout.HEADER_SEARCH_ROWS:
            workbook.read_as_text(cells.values())


def relabelled_rows(
    fields: Sequence[layout.Field], found: Row, unlabelled: dict[int, Relabelled]
) -> Relabelling:
    """The fields not found by their label whose row holds another label or an answer with
    none (``unlabelled``, by row number): the row where the template puts the field, moved
    as far as the nearest field found before it (or else after it) has moved, so a row the
    officer inserted above does not point at the wrong row."""
    rows = {key: int(cell.ref[1:]) for key, cell in found.items()}
    placed = [(index, rows[f.key]) for index, f in enumerate(fields) if f.key in rows]
    relabelled: Relabelling = {}
    for index, spec in enumerate(fields):
        if spec.key in found:
            continue
        before = [(i, row) for i, row in placed if i < index][-1:]
        after = [(i, row) for i, row in placed if i > index][:1]
        near, row = (before or after or [(index, layout.FORM_FIRST_ROW + index)])[0]
        if (stand_in := unlabelled.get(row + index - near)) is not None:
            relabelled[spec.key] = stand_in
    return relabelled


def _field_lookup(fields: Sequence[layout.Field]) -> dict[str, layout.Field]:
    """Folded label or key → field (not to be changed: it is shared). A form's fields made
    once (a tuple, as layout keeps them) are known by identity, as for headers."""
    return _made_once(
        _FIELDS_BY_IDENTITY,
        fields,
        lambda: (
            {_fold(name): f for f in fields for name in f.aliases}
            | {_fold(f.label): f for f in fields}
            | {_fold(f.key): f for f in fields}
        ),
    )


_FIELDS_BY_IDENTITY: dict[int, tuple[Sequence[layout.Field], dict[str, layout.Field]]] = {}


def _answer(cell: Cell) -> str:
    return _fold(cell.value) if isinstance(cell.value, str) else repr(cell.value)


def _shown(value: Any) -> str:
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def open_book(path: Path, label: str) -> tuple[Book | None, list[Problem]]:
    """Open ``path`` for reading. None (with the reasons) when it cannot be read at all;
    warnings (macros, external links, hidden sheets) come back with an open book."""
    book, problems, _ = open_book_read(path, label)
    return book, problems


def open_book_bytes(data: bytes, label: str) -> Book | None:
    """The workbook whose bytes are ``data`` (one an archive holds), open for reading, after
    the checks :func:`open_book_read` makes of a file; None when it cannot be opened."""
    parts = inspect_bytes(data, label)
    if parts is None:
        return None
    try:
        return Book(Path(label), label, Workbook(parts))
    except Exception:  # any parser failure on a hostile or damaged file: not opened
        return None


def open_book_read(path: Path, label: str) -> tuple[Book | None, list[Problem], Fingerprint | None]:
    """:func:`open_book`, and the fingerprint of the bytes read (None when the file could not
    be read at all), for the audit trail: the file is read once, so it is of what is scored."""
    problems, parts, fingerprint = inspect(path, label)
    if parts is None:
        return None, problems, fingerprint
    try:
        workbook = Workbook(parts)
    except SheetsReadAsOne as exc:
        problems.append(_sheets_read_as_one(exc, label))
        return None, problems, fingerprint
    except Exception as exc:  # any parser failure on a hostile or damaged file is a Problem
        problems.append(
            _problem(
                "the workbook could not be read",
                label,
                "an .xlsx workbook saved from Excel; open it in Excel, save it "
                "again and send it back",
                "file.unreadable",
                found=_what_was_found(exc),
            )
        )
        return None, problems, fingerprint
    book = Book(path, label, workbook)
    problems.extend(_hidden_sheets(book))
    return book, problems, fingerprint


def _sheets_read_as_one(exc: SheetsReadAsOne, label: str) -> Problem:
    """The error for a workbook with two sheets whose names are read as one: saving it
    again in Excel keeps both, so the advice is to delete the one not meant."""
    return _problem(
        "the workbook could not be read: it has two sheets whose names differ only in spaces, "
        "capitals or a '*' or ':' at the end, and which of them is meant is not guessed",
        label,
        f"one sheet of that name: ask the sender to delete the sheet of the two it did not "
        f"mean, '{exc.first}' or '{exc.second}' (in Excel: right-click its tab › Delete), and "
        "send the file again",
        "file.unreadable",
        found=str(exc),
    )


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


def _hidden_sheets(book: Book) -> list[Problem]:
    """A warning for each hidden or very hidden sheet that holds data (the templates' own
    hidden drop-down list sheet excepted)."""
    warnings = []
    for sheet in book.sheets:
        state = sheet.state
        if state == "visible" or (state == "hidden" and sheet.name == layout.LISTS_SHEET):
            continue
        if not book.holds_data(sheet.name, _PEEK_ROWS):
            continue
        how = "very hidden (only a macro can show it)" if state == "veryHidden" else "hidden"
        if _fold(sheet.name) in _READ_SHEETS:
            message = f"the sheet '{sheet.name}' is {how}; it was read like any other sheet"
            expected = "all sheets visible; check with the sender that its contents are meant"
        else:
            message = f"the sheet '{sheet.name}' is {how} and holds data that is not read"
            expected = (
                "no hidden sheets; check that the sheet holds nothing the evaluation needs "
                "(in Excel: right-click a sheet tab › Unhide)"
            )
        warnings.append(
            _problem(
                message,
                book.label,
                expected,
                "sheet.hidden",
                sheet=sheet.name,
                severity=Severity.WARNING,
            )
        )
    return warnings
