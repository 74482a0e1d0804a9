"""Every score an evaluator typed is listed in ``result.evaluator_scores``, and so in the
report's Evaluator scores and Quality sheets and the moderation workbook, with the value as it
was typed and the reason it did not count, however it was set aside.

Found by the red team: the Evaluator scores sheet says "Every individual score as submitted,
whether it counted and why not", but a score the loader set aside lost what was typed: 3.5 on a
scale of whole points showed a blank Score and "no usable score (see the problems list)" (the
Quality sheet said "Priya Shah: no score", the moderation workbook left her out), and the 24
scores of an evaluator's second score sheet were not listed at all. Which scores count, and
every total, are as before.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval.io.frame_rules import as_loaded
from tendereval.report.excel import write_report
from tendereval.templates import panel_notes
from tendereval.tender import FRAME_NAMES
from tests.example_copies import example_copy

WEALD_Q2 = (pl.col("supplier") == "Weald Carers Trust") & (pl.col("question") == "Q2")
NOT_ON_SCALE = "3.5 is not on the scale 0/1/2/3/4/5"
OTHER_SHEET = "another score sheet from Tom Okafor (scores/tom-okafor-v2.xlsx) was used"


def _set(folder: Path, sheet: str, value: object, save_as: str | None = None) -> str:
    """Weald Carers Trust's Q2 score on ``sheet`` (in scores/) set to ``value``, saved in place
    or as ``save_as``; returns the cell."""
    book = openpyxl.load_workbook(folder / "scores" / sheet)
    ws = book["Scores"]
    [row] = [
        r
        for r in range(5, ws.max_row + 1)
        if ws.cell(r, 1).value == "Weald Carers Trust" and ws.cell(r, 3).value == "Q2"
    ]
    ws.cell(row, 6).value = value
    book.save(folder / "scores" / (save_as or sheet))
    return f"Scores › F{row}"


def _totals(result) -> list[tuple]:
    return result.results.select("supplier", "status", "total").rows()


def _counted(result) -> list[tuple]:
    return (
        result.evaluator_scores.filter("counted")
        .select("supplier", "question", "evaluator", "score", "source")
        .sort(pl.all())
        .rows()
    )


@pytest.mark.parametrize(
    ("typed", "score", "found", "why"),
    [
        (3.5, 3.5, "3.5", NOT_ON_SCALE),
        ("4 - Good", None, "4 - Good", "'4 - Good' is not a number on the scale 0/1/2/3/4/5"),
    ],
)
def test_a_score_set_aside_is_listed_as_typed_with_why(
    tmp_path: Path, typed, score, found, why
) -> None:
    folder = example_copy(tmp_path)
    cell = _set(folder, "priya-shah.xlsx", typed)
    result = tendereval.score(folder, sensitivity=False)
    [row] = result.evaluator_scores.filter(WEALD_Q2, evaluator="Priya Shah").rows(named=True)
    assert (row["score"], row["found"], row["counted"], row["excluded_because"]) == (
        score,
        found,
        False,
        why,
    )
    assert (row["source"], row["cell"]) == ("scores/priya-shah.xlsx", cell)
    # Which scores count and every total: as with the cell left blank.
    blank = example_copy(tmp_path / "blank")
    _set(blank, "priya-shah.xlsx", None)
    left_blank = tendereval.score(blank, sensitivity=False)
    assert _totals(result) == _totals(left_blank)
    assert _counted(result) == _counted(left_blank)
    # The moderation workbook's notes show it too (it left her out).
    [shown] = [
        text
        for (supplier, lot, question), text in panel_notes(result).scores.items()
        if question == "Q2" and lot == "CSB" and supplier.startswith("weald")
    ]
    assert f"Priya Shah {found} (not counted: {why})" in shown


def test_an_evaluators_second_score_sheet_is_listed_not_counted(tmp_path: Path) -> None:
    """Tom Okafor sends a revised sheet (Weald Q2 4 → 1) and both are saved in scores/. Score
    sheets are read by file name, and 'tom-okafor-v2.xlsx' comes before 'tom-okafor.xlsx'
    ('-' before '.'), so the revised one is used; the 24 scores of the first were not
    listed at all."""
    folder = example_copy(tmp_path)
    _set(folder, "tom-okafor.xlsx", 1, save_as="tom-okafor-v2.xlsx")
    result = tendereval.score(folder, sensitivity=False)
    scores = result.evaluator_scores
    first = scores.filter(source="scores/tom-okafor.xlsx")
    assert first.height == 24 and not first.get_column("counted").any()
    assert set(first.get_column("excluded_because")) == {OTHER_SHEET}
    [row] = first.filter(WEALD_Q2).rows(named=True)
    assert (row["score"], row["found"], row["cell"]) == (4.0, "4", "Scores › F6")
    assert scores.filter(source="scores/tom-okafor-v2.xlsx").get_column("counted").all()
    # Counted and totals as with the revised sheet alone.
    alone = example_copy(tmp_path / "alone")
    _set(alone, "tom-okafor.xlsx", 1, save_as="tom-okafor-v2.xlsx")
    (alone / "scores" / "tom-okafor.xlsx").unlink()
    by_itself = tendereval.score(alone, sensitivity=False)
    assert _totals(result) == _totals(by_itself)
    assert _counted(result) == _counted(by_itself)
    # The choice is said: an error for each score of the sheet not used, naming the other.
    duplicates = [p for p in result.problems if p.code == "score.duplicate"]
    assert len(duplicates) == 24 and all(p.file == "scores/tom-okafor.xlsx" for p in duplicates)
    # What the loader gives keeps the loader's rules: nothing said twice.
    tender = tendereval.load_tender(folder)
    assert as_loaded(tender) is tender


def test_the_report_lists_them(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    _set(folder, "priya-shah.xlsx", 3.5)
    _set(folder, "tom-okafor.xlsx", 1, save_as="tom-okafor-v2.xlsx")
    result = tendereval.score(folder, sensitivity=False)
    path = tmp_path / "report.xlsx"
    write_report(result, path)
    book = openpyxl.load_workbook(path)
    listed = [
        (r[3], r[5], r[6], r[7], r[9])
        for r in book["Evaluator scores"].iter_rows(min_row=5, values_only=True)
        if r[1] == "Weald Carers Trust" and r[2] == "Q2"
    ]
    assert listed == [
        ("Helen Marsh", 4, "yes", None, "scores/helen-marsh.xlsx"),
        ("Priya Shah", 3.5, "no", NOT_ON_SCALE, "scores/priya-shah.xlsx"),
        ("Tom Okafor", 1, "yes", None, "scores/tom-okafor-v2.xlsx"),
        ("Tom Okafor", 4, "no", OTHER_SHEET, "scores/tom-okafor.xlsx"),
    ]
    [quality] = [
        r[4]
        for r in book["Quality"].iter_rows(min_row=5, values_only=True)
        if r[1] == "Weald Carers Trust" and r[2] == "Q2"
    ]
    assert f"Priya Shah: 3.5 (not counted: {NOT_ON_SCALE})" in quality
    assert f"Tom Okafor: 4 (not counted: {OTHER_SHEET})" in quality


def test_frames_handed_in_are_listed_as_the_loader_lists_them(tmp_path: Path) -> None:
    """A score off its scale, and a second score for the same row, in a frame handed in: set
    aside as the loader sets them aside, and listed as it lists them."""
    tender = tendereval.load_tender(example_copy(tmp_path))
    scores = tender.scores
    helen = WEALD_Q2 & (pl.col("evaluator") == "Helen Marsh")
    again = scores.filter(helen).with_columns(score=pl.lit(2.0), cell=pl.lit("Scores › F99"))
    given = pl.concat(
        [scores.with_columns(score=pl.when(helen).then(3.5).otherwise("score")), again]
    )
    frames = {name: getattr(tender, name) for name in FRAME_NAMES}
    result = tendereval.score(
        tendereval.Tender.from_frames(tender.plan, **{**frames, "scores": given}),
        sensitivity=False,
    )
    listed = result.evaluator_scores.filter(WEALD_Q2, evaluator="Helen Marsh")
    assert listed.select("score", "found", "counted", "excluded_because", "cell").rows() == [
        (3.5, "3.5", False, NOT_ON_SCALE, "Scores › F6"),
        (
            2.0,
            "2",
            False,
            "a second score from Helen Marsh for this row: the first, at Scores › F6, was used",
            "Scores › F99",
        ),
    ]
