"""A moderation row naming who moderated it, with no consensus score and no reason, holds the
award, as a reason written alone does (test_reason_without_its_score.py).

The moderation workbook says "Leave a row blank if the panel did not moderate it": a name in
"Moderated by" says the panel did, and the row does not say what it agreed. The row was passed
over without a word, and the evaluators' combined score used: had the panel agreed 3 for Weald's
Q1 and typed only the chair's name, Weald kept its evaluators' 4, 4 and 4 and the award, where
the 3 gives it to Brightwater (test_reason_without_its_score.py).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

WEALD = "Weald Carers Trust"


def _moderated_by_alone(tmp_path: Path, row: int, cells: dict[str, object] | None = None) -> Path:
    """The carers example with "Moderated by" (F) filled in on the moderation workbook's
    ``row``, its consensus score (D) and reason (E) left blank, and any other ``cells``."""
    folder = example_copy(tmp_path)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Moderation"]
    assert (sheet[f"D{row}"].value, sheet[f"E{row}"].value) == (None, None)
    sheet[f"F{row}"] = "Priya Shah (chair)"
    for ref, value in (cells or {}).items():
        sheet[ref] = value
    book.save(path)
    return folder


def _score(folder: Path) -> int:
    return (
        CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "--no-report"]).exit_code
    )


def test_who_moderated_alone_is_an_error_at_the_score_cell_that_holds_the_award(tmp_path):
    folder = _moderated_by_alone(tmp_path, 5)  # Weald's Q1
    tender = tendereval.load_tender(folder)
    (problem,) = [p for p in tender.problems if p.file == "scores/moderation.xlsx"]
    assert (problem.code, problem.where, problem.is_error) == (
        "moderation.no_score",
        "scores/moderation.xlsx › Moderation › D5",
        True,
    )
    assert problem.message == (
        "who moderated the row is there and its consensus score and reason are not, so the "
        "evaluators' combined score would be used in its place"
    )
    assert problem.found == (
        "a blank consensus score and reason beside Moderated by 'Priya Shah (chair)'"
    )
    assert problem.expected == (
        "the consensus score the panel agreed and its reason; if the panel did not moderate "
        "this row, clear Moderated by (a row left blank keeps the evaluators' combined score)"
    )
    assert _score(folder) == 1


def test_who_moderated_alone_on_a_tender_withdrawn_is_a_warning(tmp_path):
    """Hop Garden withdrawn: no consensus of its can change the award."""
    folder = _moderated_by_alone(tmp_path, 10)  # Hop Garden's Q2
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "Hop Garden Respite CIC"\nwithdrawn_on = 2026-03-03\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.file == "scores/moderation.xlsx"]
    assert (problem.code, problem.where, problem.is_error) == (
        "moderation.no_score",
        "scores/moderation.xlsx › Moderation › D10",
        False,
    )
    assert problem.message == (
        "who moderated the row is there and its consensus score is not, for Hop Garden "
        "Respite CIC's tender, which the buyer's record (decisions.toml) gives as withdrawn: a "
        "tender set aside is not scored, so the blank score holds nothing back"
    )
    assert result.award.blockers == []


def test_a_name_signed_below_the_table_is_no_moderation_row(tmp_path):
    """A row naming no supplier, lot or question (the chair signing under the last row) points
    at no score: nothing is said."""
    folder = example_copy(tmp_path)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Moderation"]
    below = sheet.max_row + 1
    sheet[f"F{below}"] = "Priya Shah (chair)"
    book.save(path)
    tender = tendereval.load_tender(folder)
    assert not [p for p in tender.problems if p.file == "scores/moderation.xlsx"]
