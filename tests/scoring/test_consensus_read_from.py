"""The result's moderation frame says where each consensus was read, as the evaluator scores
say where each score was: ``source`` and ``cell``, the same columns.

The award could tell where a consensus came from (through a frame of its own), but a notebook
and the report could not: the Quality sheet gave each evaluator's score a file and cell (on
the Evaluator scores sheet) and the consensus that replaced them none.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl

import tendereval
from tendereval.report.excel import write_report
from tests.example_copies import example_copy

WEALD, HOP_GARDEN = "Weald Carers Trust", "Hop Garden Respite CIC"


def _where(result, supplier: str, question: str) -> tuple:
    row = result.moderation.filter(supplier=supplier, question=question)
    return row.select("consensus", "source", "cell").row(0)


def test_each_consensus_names_its_file_and_cell(tmp_path: Path) -> None:
    """The carers example: the panel agreed 5 for Weald's Q3 (row 7 of the moderation
    workbook) and 3 for Hop Garden's Q1 (row 9); Weald's Q1 was not moderated."""
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    assert result.moderation.schema["source"] == result.evaluator_scores.schema["source"]
    assert result.moderation.schema["cell"] == result.evaluator_scores.schema["cell"]
    assert _where(result, WEALD, "Q3") == (5.0, "scores/moderation.xlsx", "Moderation › D7")
    assert _where(result, HOP_GARDEN, "Q1") == (3.0, "scores/moderation.xlsx", "Moderation › D9")
    assert _where(result, WEALD, "Q1") == (None, None, None)


def test_a_consensus_not_used_still_says_where_it_was_read(tmp_path: Path) -> None:
    """Hop Garden's Q1 consensus with its reason cleared is not used (an error, and the
    evaluators' combined score stands): the row still says which cell the panel's row is."""
    folder = example_copy(tmp_path)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    book["Moderation"]["E9"] = None
    book.save(path)
    result = tendereval.score(folder, sensitivity=False)
    assert _where(result, HOP_GARDEN, "Q1") == (None, "scores/moderation.xlsx", "Moderation › D9")
    used = result.moderation.filter(supplier=HOP_GARDEN, question="Q1")
    assert used.get_column("final").to_list() == used.get_column("aggregate").to_list()


def test_the_quality_sheet_shows_where_each_consensus_came_from(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    report = tmp_path / "report.xlsx"
    write_report(result, report)
    ws = openpyxl.load_workbook(report)["Quality"]
    headers = [c.value for c in ws[4]]
    at = headers.index("Consensus from")
    rows = {(r[1], r[2]): r[at] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows[WEALD, "Q3"] == "scores/moderation.xlsx › Moderation › D7"
    assert rows[WEALD, "Q1"] is None
    # The five the panel agreed (Weald Q3, Hop Garden Q1, Brightwater Q2, Stour Valley Q1,
    # Meridian Q2), each with its cell.
    assert pl.Series(list(rows.values())).drop_nulls().len() == 5
