"""Reading score sheets (one workbook per evaluator) and moderation workbooks.

A workbook in ``scores/`` with a ``Moderation`` sheet is a moderation workbook; any other is an
evaluator's score sheet with a Declaration form and a Scores table (a missing Declaration sheet
is reported by the rules as a missing conflict-of-interest declaration).
:func:`read_score_file` returns the raw contents; the rules live in
:mod:`tendereval.io.score_rules`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tendereval import layout
from tendereval.errors import Problem
from tendereval.io.raw import RawModeration, RawScoreSheet, Row
from tendereval.io.workbook import (
    Book,
    Header,
    copied_form,
    copied_tables,
    copy_problems,
    form_stand_ins,
    headers_for,
    open_book_read,
    renamed_sheet,
    table_unusable,
)
from tendereval.io.xlsx import fold_name

_SCORE_HEADERS = tuple(headers_for(layout.SCORE_COLUMNS))
_READ = {fold_name(layout.SCORE_SCORES)}  # read for itself: never a declaration renamed
_MODERATION_HEADERS = tuple(headers_for(layout.MODERATION_COLUMNS))


def read_score_file(path: Path, label: str) -> RawScoreSheet | RawModeration:
    """An evaluator's score sheet or a moderation workbook, read but not checked."""
    book, problems, fingerprint = open_book_read(path, label)
    raw = _read_score_file(book, problems, label)
    raw.fingerprint = fingerprint
    return raw


def score_file_in(book: Book, label: str) -> RawScoreSheet | RawModeration:
    """What the open workbook ``book`` holds, read as a score sheet or the moderation
    workbook, unchecked (see :func:`tendereval.io.bids.bid_in`)."""
    return _read_score_file(book, [], label)


def _read_score_file(
    book: Book | None, problems: list[Problem], label: str
) -> RawScoreSheet | RawModeration:
    if book is None:
        return RawScoreSheet(
            source=label, fallback_name=Path(label).stem, problems=problems, readable=False
        )
    with book:
        kind = book.made_from()
        if kind in ("bid", "matrix", "output"):  # a bid return, the consolidated form, a report
            problems.append(book.in_the_wrong_folder(kind, "a score sheet"))
            return RawScoreSheet(
                source=label, fallback_name=Path(label).stem, problems=problems, readable=False
            )
        moderation = book.find_sheet(layout.MODERATION_SHEET)
        if moderation is not None and book.find_sheet(layout.SCORE_SCORES) is not None:
            # Read as either, the other's contents would vanish without a word.
            problems.append(book.mixed_score_and_moderation())
            return RawModeration(source=label, rows=[], problems=problems, readable=False)
        if moderation is None and book.find_sheet(layout.SCORE_SCORES) is None:
            # Which was it meant to be? Read as a score sheet, a renamed Moderation sheet gave
            # "no Scores sheet", "no declaration" and "holds no scores" for the panel's work.
            problems.append(book.neither_scores_nor_moderation())
            return RawScoreSheet(
                source=label, fallback_name=Path(label).stem, problems=problems, readable=False
            )
        if moderation is not None:
            rows, table_problems = _table(book, moderation, _MODERATION_HEADERS)
            return RawModeration(
                source=label,
                rows=[] if table_unusable(table_problems) else rows,
                problems=problems + table_problems + book.problems,
                readable=not book.problems,
                mark=book.template_mark(),
                blank_notes=book.blank_notes,
            )
        sheet = RawScoreSheet(
            source=label,
            fallback_name=Path(label).stem,
            problems=problems,
            mark=book.template_mark(),
        )
        _read_sheet(book, sheet)
        sheet.blank_notes = book.blank_notes
        if book.problems:  # a damaged sheet: nothing read from this file can be trusted
            sheet.problems.extend(book.problems)
            sheet.readable = False
        return sheet


def _read_sheet(book: Book, raw: RawScoreSheet) -> None:
    declaration = book.find_sheet(layout.SCORE_DECLARATION)
    if declaration is not None:
        raw.declaration, problems, raw.relabelled = book.form(
            declaration, layout.DECLARATION_FIELDS
        )
        raw.problems.extend(problems)
        raw.tables[layout.SCORE_DECLARATION] = (raw.source, declaration)
        # A copy declaring a conflict the sheet read does not: the scores would count.
        copies = copied_form(book, declaration, layout.DECLARATION_FIELDS, raw.declaration)
        raw.problems.extend(
            copy_problems(
                book, declaration, copies, "answers", "ask the evaluator which is their declaration"
            )
        )
    else:
        # Renamed ('Declarations') or copied and the original deleted ('Declaration (2)'):
        # a conflict of interest declared there is not read, and the sheet is named.
        others = form_stand_ins(book, layout.SCORE_DECLARATION, layout.DECLARATION_FIELDS, _READ)
        raw.absent[layout.SCORE_DECLARATION] = others
        raw.problems.extend(
            renamed_sheet(
                book,
                layout.SCORE_DECLARATION,
                others,
                "the evaluator's declaration of interest",
                "ask the evaluator",
            )
        )
    scores = book.find_sheet(layout.SCORE_SCORES)
    if scores is None:
        raw.problems.append(book.missing_sheet(layout.SCORE_SCORES, "the evaluator's scores"))
        return
    raw.tables[layout.SCORE_SCORES] = (raw.source, scores)
    rows, problems = _table(book, scores, _SCORE_HEADERS)
    # Without a required column the rows cannot be placed; the problem names the column.
    raw.scores = [] if table_unusable(problems) else rows
    raw.problems.extend(problems)


def _table(book: Book, sheet: str, headers: tuple[Header, ...]) -> tuple[list[Row], list[Problem]]:
    """The rows of a score or moderation table, with a warning for values in a column the
    evaluator added ("2nd marker", "Score (draft)": the officer sees two columns of scores and
    only the template's counts) and a problem for each copy of the sheet ("Scores (2)")."""
    rows, problems = book.table(sheet, headers, added_columns=True)
    if table_unusable(problems):
        # A renamed required column is "added" too; its own error says all there is to say.
        return rows, [p for p in problems if p.code != "table.unknown_column"]
    problems = [_of_an_evaluator(p) if p.code == "table.unknown_column" else p for p in problems]
    copies = copied_tables(book, sheet, headers, rows)
    ask = "ask who filled it in which sheet holds their final scores"
    return rows, problems + copy_problems(book, sheet, copies, "scores and reasons", ask)


def _of_an_evaluator(added: Problem) -> Problem:
    # The reader's words are a bid return's ("whether these change their bid"); as an error
    # (a column of the table is missing) they ask for the header back, as fits any sheet.
    if added.is_error:
        return added
    return dataclasses.replace(
        added,
        expected="scores only in the template's columns; ask the evaluator which score is "
        "meant, and for a second marker's scores on their own score sheet",
    )
