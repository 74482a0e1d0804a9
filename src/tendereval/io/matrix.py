"""Reading the consolidated form: ``evaluation.xlsx`` (one sheet per table, headers in row 1)
or a folder ``evaluation/`` with the same tables as CSV files.

Sheets and columns are those of :data:`tendereval.layout.MATRIX_SHEETS`; CSV files are named
after the sheets in lower case (``suppliers.csv``, ``prices.csv``, ``scores.csv``,
``socialvalue.csv``, ``packages.csv``, ``declarations.csv``, ``moderation.csv``,
``supplychain.csv``; any case). The tables are regrouped into the same raw containers the
workbook readers produce — one :class:`RawBid` per supplier, one :class:`RawScoreSheet` per
evaluator — so exactly the same rules apply to both forms.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from tendereval import layout
from tendereval.errors import Problem, Severity
from tendereval.io.cells import no_name_found, parse_name
from tendereval.io.checking import fold, noted_blanks
from tendereval.io.companions import left_beside
from tendereval.io.csvfile import read_csv
from tendereval.io.files import Fingerprint
from tendereval.io.misnamed import bare, hidden
from tendereval.io.nearest import Choices
from tendereval.io.raw import Cell, RawBid, RawModeration, RawScoreSheet, Row
from tendereval.io.score_rules import (
    declared_in_another_order,
    name_order,
    nameless_declaration,
    second_declaration,
)
from tendereval.io.unseen import BlankNotes
from tendereval.io.workbook import (
    Book,
    Header,
    headers_for_matrix,
    open_book_read,
    table_unusable,
)
from tendereval.person_names import person_words
from tendereval.terminal import name_text

_BID_TABLES = {
    "Prices": "prices",
    "SocialValue": "commitments",
    "Packages": "packages",
    "SupplyChain": "supply_chain",
}
# The sheet of a bid return or a score sheet each table of the form stands for, so a problem
# about a whole table is placed on it (RawBid.tables, RawScoreSheet.tables).
_BID_SHEETS = {
    layout.BID_ORGANISATION: "Suppliers",
    layout.BID_PRICES: "Prices",
    layout.BID_SOCIAL_VALUE: "SocialValue",
    layout.BID_PACKAGES: "Packages",
    layout.BID_SUPPLY_CHAIN: "SupplyChain",
}
_SCORE_SHEETS = {layout.SCORE_DECLARATION: "Declarations", layout.SCORE_SCORES: "Scores"}


@dataclass
class RawMatrix:
    """The consolidated form regrouped: bids, evaluators' sheets, moderation and the files
    read (label, fingerprint of the bytes read or None) for the audit trail."""

    bids: list[RawBid] = field(default_factory=list)
    sheets: list[RawScoreSheet] = field(default_factory=list)
    moderation: RawModeration | None = None
    problems: list[Problem] = field(default_factory=list)
    files: list[tuple[str, Fingerprint | None]] = field(default_factory=list)
    mark: dict[str, str] = field(default_factory=dict)  # evaluation.xlsx's template mark
    # Each table's (file, sheet): its sheet of evaluation.xlsx, or its CSV file, which has
    # no sheet (where it would be, when it is not there).
    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    # evaluation.xlsx's blank cells that show something in Excel (io/workbook.Book), handed
    # to each bid as a bid return's are: an uplift blank under a merge is not 0% here either.
    blank_notes: BlankNotes = field(default_factory=dict)
    _listed: Choices | None = field(default=None, repr=False)  # made when a row names another

    def listed(self) -> Choices:
        """What a supplier not listed on the Suppliers sheet should have been."""
        if self._listed is None:
            self._listed = Choices(
                (b.fallback_name for b in self.bids), "suppliers listed", none="a listed supplier"
            )
        return self._listed


def read_matrix(path: Path, label: str) -> RawMatrix:
    """Read ``evaluation.xlsx`` or the ``evaluation/`` folder of CSV files at ``path``.

    ``label`` is how ``path`` is named in problems (``evaluation.xlsx`` or ``evaluation``).
    """
    matrix = RawMatrix()
    tables = (
        _read_folder(path, label, matrix) if path.is_dir() else _read_workbook(path, label, matrix)
    )
    if tables is not None:
        _regroup(tables, matrix)
    # A blank cell that shows something in Excel (an evaluator's name merged down their
    # scores) says so, as on a score sheet.
    matrix.problems = noted_blanks(matrix.problems, matrix.blank_notes)
    return matrix


# Each sheet's headers, made once (a tuple is looked up by identity: see header_lookup).
_HEADERS = {sheet: tuple(headers_for_matrix(sheet)) for sheet in layout.MATRIX_SHEETS}


def _headers(sheet: str) -> tuple[Header, ...]:
    return _HEADERS[sheet]


def _missing(sheet: str, file: str, expected: str) -> Problem:
    return Problem(
        f"the consolidated form has no {sheet} table",
        file=file,
        expected=expected,
        code="sheet.missing",
        severity=Severity.ERROR if sheet in layout.MATRIX_REQUIRED_SHEETS else Severity.WARNING,
    )


def _read_workbook(path: Path, label: str, matrix: RawMatrix) -> dict[str, list[Row]] | None:
    book, problems, fingerprint = open_book_read(path, label)
    matrix.files.append((label, fingerprint))
    matrix.problems.extend(problems)
    if book is None:
        return None
    tables: dict[str, list[Row]] = {}
    read: dict[str, str] = {}  # each table's sheet, as the workbook names it
    with book:
        matrix.mark = book.template_mark()
        for sheet in layout.MATRIX_SHEETS:
            actual = book.find_sheet(sheet)
            matrix.places[sheet] = (label, actual or sheet)
            if actual is None:
                if sheet in layout.MATRIX_REQUIRED_SHEETS:
                    matrix.problems.append(book.missing_sheet(sheet, "see docs/inputs.md"))
                continue
            read[sheet] = actual
            rows, problems = book.table(actual, _headers(sheet), added_columns=True)
            _keep(tables, sheet, rows, problems)
            matrix.problems.extend(_as_the_officer_s(p) for p in problems)
        matrix.problems.extend(_sheets_not_read(book.sheet_names, label, read, book))
    matrix.problems.extend(book.problems)  # damaged sheets: their tables are left out
    matrix.blank_notes = book.blank_notes
    return tables


def _sheets_not_read(
    sheets: list[str], label: str, read: dict[str, str], book: Book
) -> list[Problem]:
    """An error for each other sheet of ``evaluation.xlsx`` whose name says it may hold one
    of the tables ('Social value' for SocialValue, 'Declaration', 'Scores (2)', 'Moderation
    (agreed)'), as for such a file in ``evaluation/``, or whose header row is a table's
    whatever it is called ('Sheet1' holding a second Scores table): only the sheet named as
    the table is read, so its rows (every bid's social value, a conflict declared, another
    evaluator's scores) would not count. The header row says which table it holds over the
    name ('Moderation scores' holding the evaluators' Scores table, copied for the meeting).
    Other sheets (notes, a chart) hold nothing the evaluation reads and are passed over."""
    problems = []
    for sheet in sheets:
        if sheet in read.values():
            continue
        named = _table_in(sheet)
        table = _table_headed(book, sheet) or named
        if table is None:
            continue
        says = "its name says" if table == named else "its header row is that table's, so"
        if table in read:
            expected = (
                f"its rows on the sheet '{read[table]}', and this sheet deleted or moved out "
                "of the workbook"
            )
        else:
            expected = (
                f"a sheet named '{table}', as the template names it: rename this sheet "
                f"'{table}' if it holds them"
            )
        problems.append(
            Problem(
                f"this sheet is not read, and {says} it may hold {_HOLDS[table]}: only "
                f"a sheet named '{table}' is read for them, so any this sheet holds are not "
                "counted",
                file=label,
                sheet=sheet,
                expected=expected,
                code="matrix.table_not_read",
            )
        )
    return problems


def _as_the_officer_s(problem: Problem) -> Problem:
    """A problem about a column that is not the table's, worded for the officer, who fills
    the consolidated form in: the bid return's words ask the sender for the file again."""
    if problem.code != "table.unknown_column":
        return problem
    if problem.is_error:  # the table lacks a column: these may be its figures
        return dataclasses.replace(problem, expected=problem.expected.split("; ask the")[0])
    return dataclasses.replace(
        problem,
        expected="figures only in the table's columns (see docs/inputs.md); the others are "
        "not read",
    )


def _read_folder(path: Path, label: str, matrix: RawMatrix) -> dict[str, list[Row]]:
    # Anything but a sub-folder: a pipe or a broken link named prices.csv is refused by name
    # when read, never skipped as if the table were missing.
    files = {p.name.casefold(): p for p in sorted(path.iterdir()) if not p.is_dir()}
    tables: dict[str, list[Row]] = {}
    read: set[Path] = set()
    for sheet in layout.MATRIX_SHEETS:
        name = f"{sheet.lower()}.csv"
        found = files.get(name)
        matrix.places[sheet] = (f"{label}/{found.name if found else name}", "")
        if found is None:
            if sheet in layout.MATRIX_REQUIRED_SHEETS:
                matrix.problems.append(
                    _missing(sheet, f"{label}/{name}", f"a file {name} in the {label} folder")
                )
            continue
        read.add(found)
        file_label = f"{label}/{found.name}"
        rows, problems, fingerprint = read_csv(
            found, file_label, _headers(sheet), numbers=layout.MATRIX_NUMBERS, added_columns=True
        )
        matrix.files.append((file_label, fingerprint))
        _keep(tables, sheet, rows, problems)
        matrix.problems.extend(_as_the_officer_s(p) for p in problems)
    matrix.problems.extend(_not_read(path, label, read))
    return tables


# What each table holds, in a problem about a file that may hold some of it.
_HOLDS = {
    "Suppliers": "suppliers' details",
    "Prices": "unit rates",
    "Scores": "scores",
    "SocialValue": "social value commitments",
    "Packages": "package offers",
    "Declarations": "declarations of interest",
    "Moderation": "consensus scores",
    "SupplyChain": "supply chain members",
}
# A table's name in a file's name, in the singular ("score.csv", "scores (1).csv",
# "scores-ben.csv", "Social value.xlsx"), and the kinds of file a table may be saved as. The
# most specific first: a name holding two says the more specific ("Moderation scores" and
# "Scores moderated" hold consensus scores, "Social value scores" commitments, "Supplier
# prices" rates), where the first in the template's order won ("Moderation scores" was named
# as a second Scores table). Moderation by its stem: "moderated" says it too.
_MOST_SPECIFIC_FIRST = (
    "SocialValue",
    "SupplyChain",
    "Moderation",
    "Declarations",
    "Packages",
    "Prices",
    "Scores",
    "Suppliers",
)
_TABLE_WORDS = {sheet: sheet.lower().rstrip("s") for sheet in _MOST_SPECIFIC_FIRST} | {
    "Moderation": "moderat"
}
_TABLE_SUFFIXES = ("", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")


def _not_read(folder: Path, label: str, read: set[Path]) -> list[Problem]:
    """A problem for each other file in the ``evaluation/`` folder, none of which is read:
    an error when its name says it may hold one of the tables ("scores (1).csv", "Scores.CSV"
    beside scores.csv, "scores-ben.csv"), whose rows (a second evaluator's scores) would not
    be counted; a warning for any other document, as in bids/ and scores/. Lock files and
    hidden files are passed over."""
    problems = []
    for entry in sorted(folder.iterdir()):
        if entry in read or left_beside(entry.name):
            continue
        where = f"{label}/{name_text(entry.name)}"
        if entry.is_dir():
            problems.extend(_folder_not_read(entry, where))
            continue
        table = _table_named(entry.name)
        if table is None:
            problems.append(
                Problem(
                    "this file is not one of the consolidated form's tables and was not read",
                    file=where,
                    expected=f"only the tables' CSV files in {label}/ (other documents can "
                    "stay elsewhere)",
                    code="file.ignored",
                    severity=Severity.WARNING,
                )
            )
            continue
        name = f"{label}/{table.lower()}.csv"
        problems.append(
            Problem(
                f"this file is not read, and its name says it may hold {_HOLDS[table]}: only "
                f"{name} is read for them, so any this file holds are not counted",
                file=where,
                expected=f"its rows in {name}, and the file moved out of the tender folder"
                + hidden(entry.name),
                code="matrix.table_not_read",
            )
        )
    return problems


def _looked_into(folder: Path) -> list[Path]:
    """Everything ``folder`` and its sub-folders hold, in name order: the disk lists them in
    an order of its own (newest first on some, by a hash of the name on others), and the
    first few are named in a message, the report and validate --json, which must be the same
    for the same files wherever they are."""
    found: list[Path] = []
    with contextlib.suppress(OSError):  # an unreadable corner: what was seen is enough
        for path in folder.rglob("*"):
            found.append(path)
    return sorted(found)


def _folder_not_read(folder: Path, where: str) -> list[Problem]:
    """A folder inside ``evaluation/`` is not read (the tables are read from the folder
    itself): an error when it holds a file named as a table ("round 2/scores.csv"), whose
    rows would silently not count, as a bid moved into a sub-folder of bids/ is; a warning
    when it holds other files. An empty folder is nothing. Every file is looked at: a table
    beneath 10,000 other files was passed over when only the first 10,000 were."""
    tables, others = [], 0
    try:
        for path in _looked_into(folder):
            if left_beside(path.name) or not path.is_file():
                continue
            if _table_named(path.name) is None:
                others += 1
            else:
                tables.append(name_text(str(path.relative_to(folder))))
    except OSError:
        pass  # an unreadable corner: what was seen is enough to say so
    if tables:
        shown = ", ".join(tables[:3]) + (f" and {len(tables) - 3} more" if len(tables) > 3 else "")
        return [
            Problem(
                f"the folder {where}/ is not read, and it holds {shown}, whose name says it "
                "holds one of the tables: any scores or prices there are not counted",
                file=f"{where}/",
                expected="the tables' CSV files directly in the evaluation folder (their rows "
                "added to the files there), and the folder moved out of the tender folder",
                code="file.subfolder",
            )
        ]
    if others:
        return [
            Problem(
                f"the folder {where}/ is not read, and it holds {others:,} file(s)",
                file=f"{where}/",
                expected="only the tables' CSV files in the evaluation folder (other "
                "documents can stay elsewhere)",
                code="file.subfolder",
                severity=Severity.WARNING,
            )
        ]
    return []


def _table_named(name: str) -> str | None:
    """The table a file's name says it holds, if it is a kind of file a table is saved as."""
    plain = Path(bare(name))
    if plain.suffix not in _TABLE_SUFFIXES:
        return None
    return _table_in(plain.stem)


# A table is known by its header row alone only when it needs this many columns: a notes
# sheet headed 'supplier' is not a second Suppliers table.
_HEADED_FROM = 3


def _table_headed(book: Book, sheet: str) -> str | None:
    """The table whose every needed column the header row of ``sheet`` names (the one needing
    the most, as a Scores table names Moderation's columns too), or None."""
    found = [
        (sum(h.required for h in _headers(table)), table)
        for table in layout.MATRIX_SHEETS
        if sum(h.required for h in _headers(table)) >= _HEADED_FROM
        and book.names_the_table(sheet, _headers(table))
    ]
    return max(found)[1] if found else None


def _table_in(name: str) -> str | None:
    """The table a file's or sheet's name says it holds: its name in the singular among the
    letters ('Social value', 'scores-ben', 'Moderation (agreed)'), the most specific when it
    names two ('Moderation scores': Moderation)."""
    letters = re.sub(r"[^a-z]", "", name.casefold())
    return next((sheet for sheet, word in _TABLE_WORDS.items() if word in letters), None)


def _keep(
    tables: dict[str, list[Row]], sheet: str, rows: list[Row], problems: list[Problem]
) -> None:
    """A table lacking a required column is left out whole (its problem says which)."""
    if not table_unusable(problems):
        tables[sheet] = rows


def _regroup(tables: dict[str, list[Row]], matrix: RawMatrix) -> None:
    bids: dict[str, RawBid] = {}
    for row in tables.get("Suppliers", []):
        cell = row.get("supplier")
        name = parse_name(cell.value) if cell else None
        if not name:
            matrix.problems.append(
                cell.place(
                    Problem(
                        "a supplier row with no supplier name",
                        found=no_name_found(cell.value),
                        expected="the supplier's name",
                        code="bid.no_name",
                    )
                )
                if cell
                else Problem("a supplier row with no supplier name", code="bid.no_name")
            )
            continue
        organisation = {k: v for k, v in row.items() if k != "supplier"}
        raw = RawBid(
            source=cell.file,
            fallback_name=name,
            name=cell,
            organisation=organisation,
            tables=_tables(_BID_SHEETS, matrix),
            blank_notes=matrix.blank_notes,
        )
        # A repeated name stays a separate bid so the cross-file check reports the repeat;
        # rows on the other sheets go to the first.
        bids.setdefault(fold(name), raw)
        matrix.bids.append(raw)
    for sheet, attribute in _BID_TABLES.items():
        for row in tables.get(sheet, []):
            owner = _owner(row, bids, sheet, matrix)
            if owner is not None:
                getattr(owner, attribute).append({k: v for k, v in row.items() if k != "supplier"})
    _regroup_scores(tables, matrix)
    if "Moderation" in tables:
        rows = tables["Moderation"]
        source = rows[0]["supplier"].file if rows else ""
        matrix.moderation = RawModeration(source=source, rows=rows, blank_notes=matrix.blank_notes)


def _tables(sheets: dict[str, str], matrix: RawMatrix) -> dict[str, tuple[str, str]]:
    return {sheet: matrix.places[table] for sheet, table in sheets.items()}


def _owner(row: Row, bids: dict[str, RawBid], sheet: str, matrix: RawMatrix) -> RawBid | None:
    cell = row["supplier"]
    name = parse_name(cell.value)
    owner = bids.get(fold(name)) if name else None
    if owner is None:
        matrix.problems.append(
            cell.place(
                Problem(
                    f"a {sheet} row for a supplier not listed on the Suppliers sheet",
                    found=name or no_name_found(cell.value),
                    expected=matrix.listed().expected(name),
                    code="matrix.unknown_supplier",
                )
            )
        )
    return owner


def _declarations(tables: dict[str, list[Row]], matrix: RawMatrix) -> dict[str, Row]:
    """Each evaluator's declaration row, by folded name; a second row for the same evaluator
    (the same person however the name is written: "Tom Okafor", "Dr Tom Okafor",
    :func:`person_words`) or a row naming nobody is an error (a conflict declared on it would
    be lost)."""
    declarations: dict[str, Row] = {}
    people: dict[tuple[str, ...], str] = {}  # a person → the folded name of their first row
    for row in tables.get("Declarations", []):
        cell = row["evaluator"]
        name = parse_name(cell.value)
        person = (person_words(name) or (fold(name),)) if name else ()
        if not name:  # the row says something (blank rows are skipped), but for whom?
            matrix.problems.append(cell.place(Problem(**nameless_declaration(value=cell.value))))
        elif person in people:
            first = declarations[people[person]]["evaluator"]
            words = second_declaration(name, first.ref, cell.ref)
            matrix.problems.append(cell.place(Problem(words.pop("message"), **words)))
        else:
            declarations[fold(name)] = row
            people[person] = fold(name)
    return declarations


def _scorers(tables: dict[str, list[Row]]) -> dict[str, Cell]:
    """Each evaluator the Scores table names, by folded name: the first cell naming them."""
    scorers: dict[str, Cell] = {}
    for row in tables.get("Scores", []):
        name = parse_name(row["evaluator"].value)
        if name:
            scorers.setdefault(fold(name), row["evaluator"])
    return scorers


def _declared_in_another_order(
    scorers: dict[str, Cell], declarations: dict[str, Row], matrix: RawMatrix
) -> dict[str, str]:
    """Each evaluator of the Scores table with no declaration under their name (folded) → the
    one declaration that names the same person another way, in another order or with a title
    or letters after the name (:func:`score_rules.declared_in_another_order`), with a warning
    at the declaration's name (:func:`score_rules.name_order`)."""
    matched = declared_in_another_order(
        {key: parse_name(cell.value) or "" for key, cell in scorers.items()},
        {key: parse_name(row["evaluator"].value) or "" for key, row in declarations.items()},
    )
    for scored_key, declared_key in matched.items():
        scored, declared = scorers[scored_key], declarations[declared_key]["evaluator"]
        words = name_order(
            parse_name(scored.value) or "",
            f"{scored.file} › {scored.ref}",
            parse_name(declared.value) or "",
        )
        matrix.problems.append(declared.place(Problem(**words)))
    return matched


def _regroup_scores(tables: dict[str, list[Row]], matrix: RawMatrix) -> None:
    declarations = _declarations(tables, matrix)
    respelled = _declared_in_another_order(_scorers(tables), declarations, matrix)
    sheets: dict[str, RawScoreSheet] = {}
    for row in tables.get("Scores", []):
        cell = row["evaluator"]
        name = parse_name(cell.value)
        if not name:
            matrix.problems.append(
                cell.place(
                    Problem(
                        "a score with no evaluator named",
                        found=no_name_found(cell.value),
                        expected="the evaluator's name",
                        code="score.no_evaluator",
                    )
                )
            )
            continue
        sheet = sheets.get(fold(name))
        if sheet is None:
            sheet = sheets[fold(name)] = RawScoreSheet(
                source=cell.file,
                fallback_name=name,
                declaration=declarations.get(respelled.get(fold(name), fold(name))),
                tables=_tables(_SCORE_SHEETS, matrix),
                blank_notes=matrix.blank_notes,
                consolidated=True,
            )
        group = row.get("group")
        if sheet.group is None and group is not None and not group.blank:
            sheet.group = group
        sheet.scores.append({k: v for k, v in row.items() if k not in ("evaluator", "group")})
    claimed = set(respelled.values())
    for key, row in declarations.items():
        if key not in sheets and key not in claimed:
            cell: Cell = row["evaluator"]
            sheets[key] = RawScoreSheet(
                source=cell.file,
                fallback_name=parse_name(cell.value) or "",
                declaration=row,
                tables=_tables(_SCORE_SHEETS, matrix),
                blank_notes=matrix.blank_notes,
                consolidated=True,
            )
    matrix.sheets.extend(sheets.values())
