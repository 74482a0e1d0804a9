"""Score sheets, the moderation workbook and the consolidated form read a cell blank under a
merge as bid returns do (tests/io/test_merged_blanks.py): a problem about a blank cell that
Excel shows filled says so, and a blank with a meaning of its own (the main panel for an
evaluator group, no one named for who moderated) under a merge showing a value is an error
at the cell, ``cell.merged_blank``: what is given for the row is not in the file. Before,
only an evaluator's Scores sheet said so; the Declaration's group, the moderation workbook
and the consolidated form read such a blank as left blank, without a word."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tendereval.io.tender import load_tender

from .builders import (
    QUESTIONS,
    good_tender,
    matrix_workbook,
    moderation_workbook,
    score_rows,
    score_workbook,
    write_plan,
)
from .test_matrix import DECLARATIONS, PRICES, SCORES, SUPPLIERS

ACME = "Acme Care Ltd"


def _merged(path: Path, sheet: str, merge: str, cells: dict[str, object] | None = None) -> None:
    """``merge`` merged on ``sheet`` as Excel merges (all but the top-left cell cleared)."""
    book = openpyxl.load_workbook(path)
    for ref, value in (cells or {}).items():
        book[sheet][ref] = value
    _top_left, *covered = [cell for row in book[sheet][merge] for cell in row]
    for cell in covered:
        cell.value = None
    book[sheet].merge_cells(merge)
    book.save(path)


def _where(tender, code: str) -> list[str]:
    return [p.where for p in tender.problems if p.code == code]


def _consensus(moderator: str = "Ann Evans") -> list[dict[str, object]]:
    """Consensus scores for Acme's three L1 questions, rows 5 to 7, each moderated by
    ``moderator``."""
    return [
        {
            "supplier": ACME,
            "lot": "L1",
            "question": question,
            "score": 4,
            "reason": "Agreed at moderation",
            "moderator": moderator,
        }
        for question in QUESTIONS
    ]


def test_who_moderated_merged_down_the_rows_is_not_read_as_no_one(tmp_path):
    """F5:F7 merged, 'Ann Evans' in F5, who declared a conflict with Acme: Excel shows her
    name on all three rows. F6 and F7 read as blank named no one, so the consensus scores
    she recorded on them were used, unchecked against her declaration, without a word."""
    folder = good_tender(tmp_path / "tender")
    score_workbook(
        folder / "scores" / "ann.xlsx",
        score_rows(("Bright Futures CIC",)),
        conflict="declared",
        cells={"Declaration!B9": ACME},
    )
    path = moderation_workbook(folder / "scores" / "moderation.xlsx", _consensus())
    _merged(path, "Moderation", "F5:F7")
    tender = load_tender(folder)
    assert _where(tender, "cell.merged_blank") == [
        "scores/moderation.xlsx › Moderation › F6",
        "scores/moderation.xlsx › Moderation › F7",
    ]
    error = next(p for p in tender.problems if p.code == "cell.merged_blank")
    assert error.is_error
    assert error.message == (
        "moderator: the cell is blank in the file but shows 'Ann Evans' in Excel: F6 is merged "
        "into F5 (F5:F7), so Excel shows F5's value over it, but the file holds nothing in F6"
    )
    assert error.expected.endswith(
        "Ask whoever filled in the sheet which is meant, to put it in its own cell (unmerge "
        "the cells: Home › Merge & Center › Unmerge Cells) and to send the file again"
    )


def test_a_supplier_merged_down_the_moderation_rows_is_named_so(tmp_path):
    """A5:A7 merged, Acme in A5: 'supplier is missing (found a blank cell)' at A6 and A7, as
    if the panel had left them blank, where a score sheet's Scores says why."""
    folder = good_tender(tmp_path / "tender")
    path = moderation_workbook(folder / "scores" / "moderation.xlsx", _consensus())
    _merged(path, "Moderation", "A5:A7")
    tender = load_tender(folder)
    missing = [p for p in tender.problems if p.code == "cell.blank"]
    assert [p.where for p in missing] == [
        "scores/moderation.xlsx › Moderation › A6",
        "scores/moderation.xlsx › Moderation › A7",
    ]
    assert missing[0].message == (
        "supplier is missing: A6 is merged into A5 (A5:A7), so Excel shows A5's value over "
        "it, but the file holds nothing in A6"
    )
    assert missing[0].found == "a blank cell, merged into A5 (A5:A7)"


def test_an_evaluator_group_merged_with_the_answer_above_is_not_the_main_panel(tmp_path):
    """B5:B6 merged on the Declaration, the role in B5: Excel shows the role where the group
    goes. B6 read as blank put the evaluator's scores in the main panel, without a word."""
    folder = good_tender(tmp_path / "tender")
    path = score_workbook(folder / "scores" / "ann.xlsx", score_rows((ACME, "Bright Futures CIC")))
    _merged(path, "Declaration", "B5:B6", {"B5": "Carers' lead"})
    tender = load_tender(folder)
    [error] = [p for p in tender.problems if p.code == "cell.merged_blank"]
    assert (error.where, error.is_error) == ("scores/ann.xlsx › Declaration › B6", True)
    assert error.message.startswith(
        'evaluator group: the cell is blank in the file but shows "Carers\' lead" in Excel: '
        "B6 is merged into B5 (B5:B6)"
    )


def test_the_consolidated_form_says_so_of_an_evaluator_and_a_moderator_merged_down(tmp_path):
    """evaluation.xlsx: Scores A2:A4 merged ('Ann Evans' in A2), Moderation F2:F3 merged.
    'a score with no evaluator named (found a blank cell)' at A3 and A4, and the consensus
    on row 3 read as moderated by no one, without a word."""
    write_plan(tmp_path)
    path = matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {
            "Suppliers": SUPPLIERS,
            "Prices": PRICES,
            "Scores": SCORES,
            "Declarations": DECLARATIONS,
            "Moderation": _consensus()[:2],
        },
    )
    _merged(path, "Scores", "A2:A4")
    _merged(path, "Moderation", "F2:F3")
    tender = load_tender(tmp_path)
    unnamed = [p for p in tender.problems if p.code == "score.no_evaluator"]
    assert [p.where for p in unnamed] == [
        "evaluation.xlsx › Scores › A3",
        "evaluation.xlsx › Scores › A4",
    ]
    assert unnamed[0].found == "a blank cell, merged into A2 (A2:A4)"
    assert _where(tender, "cell.merged_blank") == ["evaluation.xlsx › Moderation › F3"]
