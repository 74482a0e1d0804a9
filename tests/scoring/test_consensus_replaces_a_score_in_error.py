"""An error at an evaluator's score that the panel's consensus replaces holds nothing back
(scoring/quality.replaced_by_consensus).

Found by a red team: Helen Marsh typed 3.5 for Brightwater's Q2 (the scale is whole numbers,
0 to 5), where moderation.xlsx already records the panel's consensus of 4, which replaces
every evaluator's score there. score and summaries exited 1 ("putting it right could change
the scores and the award"), though putting it right to 1, 4 or 5 gives the same Q2 score (the
consensus), the same total and the same award."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.errors import Severity
from tests.example_copies import example_copy

HELEN = "scores/helen-marsh.xlsx"
PANEL = "scores/carers-reference-group-panel.xlsx"
MODERATION = "scores/moderation.xlsx"
BRIGHTWATER = "Brightwater Care Services Ltd"


def _set(folder: Path, workbook: str, sheet: str, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(folder / workbook)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(folder / workbook)


def _scored(folder: Path) -> tendereval.ScoreResult:
    return tendereval.score(folder, sensitivity=False)


def _only(result: tendereval.ScoreResult, code: str):
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def typed_3_5(tmp_path: Path) -> Path:
    folder = example_copy(tmp_path)
    _set(folder, HELEN, "Scores", {"F14": 3.5})  # Helen's Brightwater Q2 (the consensus is 4)
    return folder


def test_an_error_at_a_score_the_consensus_replaces_is_a_warning_saying_so(typed_3_5):
    result = _scored(typed_3_5)
    problem = _only(result, "score.out_of_scale")
    assert problem.severity is Severity.WARNING
    assert problem.cell == "F14"
    assert (
        "the panel's consensus of 4 for Brightwater Care Services Ltd's Q2 "
        "(scores/moderation.xlsx › Moderation › D14) replaces the evaluators' scores there, so "
        "putting it right cannot change the scores or the award"
    ) in problem.message
    # Nothing holds the award or the summaries back.
    assert result.award.blockers == []
    # Worked by hand: Q2 is the consensus, 4 of 5, of its 14 points: 4 / 5 × 14 = 11.2.
    q2 = result.criteria.filter(
        (result.criteria["supplier"] == BRIGHTWATER) & (result.criteria["criterion"] == "Q2")
    ).row(0, named=True)
    assert (q2["raw_score"], q2["basis"]) == (4.0, "consensus")
    assert q2["weighted"] == pytest.approx(11.2)
    # The evaluators' scores show the score as Helen typed it, not counted, and why.
    helen = result.evaluator_scores.filter(
        (result.evaluator_scores["evaluator"] == "Helen Marsh")
        & (result.evaluator_scores["supplier"] == BRIGHTWATER)
        & (result.evaluator_scores["question"] == "Q2")
    ).row(0, named=True)
    assert (helen["found"], helen["counted"]) == ("3.5", False)
    assert helen["excluded_because"] == "3.5 is not on the scale 0/1/2/3/4/5"


def test_putting_it_right_changes_nothing(typed_3_5, tmp_path):
    as_typed = _scored(typed_3_5)
    right = example_copy(tmp_path / "right")
    _set(right, HELEN, "Scores", {"F14": 5})
    corrected = _scored(right)
    assert as_typed.results.get_column("total").to_list() == pytest.approx(
        corrected.results.get_column("total").to_list()
    )
    assert as_typed.award.winner("CSB") == corrected.award.winner("CSB")


def test_without_the_consensus_the_error_holds_the_award_again(typed_3_5):
    _set(typed_3_5, MODERATION, "Moderation", {"D14": None, "E14": None, "F14": None})
    result = _scored(typed_3_5)
    problem = _only(result, "score.out_of_scale")
    assert problem.severity is Severity.ERROR
    assert "consensus" not in problem.message
    assert any("could change the scores and the award" in b for b in result.award.blockers)


def test_a_groups_own_share_beside_the_consensus_is_not_replaced(tmp_path):
    # The Carers' panel keeps its own share of Weald's Q3 beside the consensus (D7): its
    # member's score still counts there, so an error at it holds the award.
    folder = example_copy(tmp_path)
    _set(folder, PANEL, "Scores", {"F6": 4.5})
    result = _scored(folder)
    problem = _only(result, "score.out_of_scale")
    assert problem.severity is Severity.ERROR
    assert result.award.blockers != []


def test_an_officers_score_beside_a_groups_share_is_replaced_by_the_consensus(tmp_path):
    # Weald's Q3: the consensus (5) takes the officers' part, the Carers' panel keeps its own
    # share beside it. Helen is an officer: her 4.5 is replaced, whatever it is put right to.
    folder = example_copy(tmp_path)
    _set(folder, HELEN, "Scores", {"F7": 4.5})
    result = _scored(folder)
    problem = _only(result, "score.out_of_scale")
    assert problem.severity is Severity.WARNING
    assert "consensus of 5 for Weald Carers Trust's Q3" in problem.message
    assert result.award.blockers == []


def test_a_date_typed_as_a_score_the_consensus_replaces_holds_nothing_back(tmp_path):
    folder = example_copy(tmp_path)
    _set(folder, HELEN, "Scores", {"F14": dt.datetime(2026, 5, 3)})  # "3/5", as Excel keeps it
    result = _scored(folder)
    problem = _only(result, "score.date")
    assert problem.severity is Severity.WARNING
    assert result.award.blockers == []
