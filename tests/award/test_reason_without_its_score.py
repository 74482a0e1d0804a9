"""A reason written beside a score left blank holds the award, as a score typed as text does.

Found filling in the carers example as people do: the panel's reason for Weald Carers Trust's
Q1 ("The panel agreed 3: …") and who moderated it were recorded, but the consensus score cell
was left blank. That was a warning only: Weald was scored on the evaluators' 4, 4 and 4 and
proposed for the award, where the panel's agreed 3 gives it to Brightwater. Tom Okafor's own
Weald Q1 score left blank with his reason kept was a warning too: Weald was scored on the
other two evaluators' scores and the award went ahead, where "N/A" typed in the same cell held
it (and had his score been 2, Brightwater would win). A reason written means a score was meant.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

WEALD, BRIGHTWATER = "Weald Carers Trust", "Brightwater Care Services Ltd"
HELD = (
    "  ! The award is not to be made yet: the inputs have 1 error not yet put right (putting "
    "it right could change the award)."
)


def _set(folder: Path, workbook: str, sheet: str, cells: dict[str, object]) -> None:
    path = folder / workbook
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)


def _consensus_reason_alone(tmp_path: Path, score: object = None) -> Path:
    """The carers example with the panel's reason and moderator for Weald's Q1 (row 5 of the
    moderation workbook), its consensus score ``score`` (blank by default)."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / "scores" / "moderation.xlsx")
    row = book["Moderation"]
    assert (row["A5"].value, row["C5"].value) == (WEALD, "Q1")
    _set(
        folder,
        "scores/moderation.xlsx",
        "Moderation",
        {
            "D5": score,
            "E5": "Scores were 4, 4 and 4. The panel agreed 3: the urgent-break route in "
            "section 2 has no committed response time.",
            "F5": "Priya Shah (chair)",
        },
    )
    return folder


def _toms_weald_q1(tmp_path: Path, score: object) -> Path:
    """The carers example with Tom Okafor's Weald Q1 score (F5, his reason kept) ``score``."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / "scores" / "tom-okafor.xlsx")
    assert (book["Scores"]["A5"].value, book["Scores"]["C5"].value) == (WEALD, "Q1")
    assert book["Scores"]["G5"].value  # his reason stays
    _set(folder, "scores/tom-okafor.xlsx", "Scores", {"F5": score})
    return folder


def _score(folder: Path) -> tuple[int, list[str]]:
    run = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "--no-report"])
    return run.exit_code, run.output.splitlines()


def test_the_panel_s_reason_without_its_score_is_an_error_at_the_score_cell(tmp_path):
    tender = tendereval.load_tender(_consensus_reason_alone(tmp_path))
    problems = [p for p in tender.problems if p.code == "moderation.no_score"]
    assert [(p.where, p.is_error) for p in problems] == [
        ("scores/moderation.xlsx › Moderation › D5", True)
    ]
    assert problems[0].message == (
        "the panel's consensus reason is there and its consensus score is not, so the "
        "evaluators' combined score would be used in its place"
    )


def test_the_panel_s_reason_without_its_score_holds_the_award(tmp_path):
    """Weald proposed on its evaluators' 4, 4 and 4 (34.00 quality points): the 3 the panel
    agreed gives the award to Brightwater. The award waits, and summaries are not sent."""
    folder = _consensus_reason_alone(tmp_path)
    code, lines = _score(folder)
    assert code == 1
    at = lines.index(f"  Proposed award: {WEALD} (the most advantageous tender: ranked first).")
    assert lines[at + 1] == HELD
    assert CliRunner().invoke(cli, ["summaries", str(folder)]).exit_code == 1
    typed = _consensus_reason_alone(tmp_path / "typed", score=3)
    code, lines = _score(typed)
    assert code == 0
    assert f"  Proposed award: {BRIGHTWATER} (the most advantageous tender: ranked first)." in (
        lines
    )


def test_a_moderation_row_left_wholly_blank_keeps_the_evaluators_combined_score(tmp_path):
    """The example's own moderation workbook lists rows the panel did not moderate, blank:
    nothing to say, and the award is made."""
    folder = example_copy(tmp_path)
    tender = tendereval.load_tender(folder)
    assert not [p for p in tender.problems if p.code == "moderation.no_score"]
    assert _score(folder)[0] == 0


@pytest.mark.parametrize("typed", [None, "N/A"])
def test_an_evaluator_s_reason_without_a_score_holds_the_award_as_n_a_does(tmp_path, typed):
    """Blank or "N/A", the same missing score: each an error at F5 that holds the award
    (Weald, first on the other two evaluators' scores, would lose it had Tom scored 2)."""
    folder = _toms_weald_q1(tmp_path, typed)
    tender = tendereval.load_tender(folder)
    at_f5 = [p for p in tender.problems if p.where == "scores/tom-okafor.xlsx › Scores › F5"]
    assert [p.is_error for p in at_f5] == [True]
    if typed is None:
        assert at_f5[0].code == "score.missing"
        assert at_f5[0].message == (
            "a reason with no score: the evaluator's reason is there and their score is not, "
            "so the bid would be scored on the other evaluators' scores alone"
        )
    code, lines = _score(folder)
    assert code == 1
    at = lines.index(f"  Proposed award: {WEALD} (the most advantageous tender: ranked first).")
    assert lines[at + 1] == HELD
    assert CliRunner().invoke(cli, ["summaries", str(folder)]).exit_code == 1


def test_had_tom_scored_2_the_award_would_move(tmp_path):
    """For scale: the score the blank stands for can decide the award."""
    code, lines = _score(_toms_weald_q1(tmp_path, 2))
    assert code == 0
    assert f"  Proposed award: {BRIGHTWATER} (the most advantageous tender: ranked first)." in (
        lines
    )


def test_a_row_with_neither_score_nor_reason_is_scored_on_the_others_with_a_warning(tmp_path):
    """Accepted design: a row left wholly blank is a row left out (scores.incomplete, a
    warning), and the bid is scored on the other evaluators' scores."""
    folder = _toms_weald_q1(tmp_path, None)
    _set(folder, "scores/tom-okafor.xlsx", "Scores", {"G5": None})
    tender = tendereval.load_tender(folder)
    toms = [p for p in tender.problems if p.file == "scores/tom-okafor.xlsx"]
    assert [(p.code, p.is_error) for p in toms] == [("scores.incomplete", False)]
    assert _score(folder)[0] == 0
