"""A reason written beside a score left blank on purpose is good record-keeping, not an error.

Found by a red team (falsealarm, findings 2 and 6) filling in the carers example as evaluators
do. Tom Okafor declared a conflict of interest with Meridian Care Group plc, left its four rows
unscored and wrote "Not scored: conflict of interest declared" beside each: four errors
(score.missing) asked for "the score the reason explains", and the award was held, though a
score of his for Meridian would not have counted. Brightwater withdrew (decisions.toml), and
every evaluator wrote "Withdrawn before evaluation - not scored" on its 14 rows: 14 errors and
exit code 1, under "the assessment summaries may be sent". And the moderation workbook's note
that the panel kept the evaluators' 4, 4 and 4 on Weald's Q1 (no consensus score typed) was an
error whose advice was to delete the note; it stays an error (the panel may have agreed a
score and forgotten it: test_reason_without_its_score.py), and the advice now keeps it.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

WEALD, BRIGHTWATER, MERIDIAN = (
    "Weald Carers Trust",
    "Brightwater Care Services Ltd",
    "Meridian Care Group plc",
)
EVALUATORS = ("carers-reference-group-panel", "helen-marsh", "priya-shah", "tom-okafor")
OFFICERS = EVALUATORS[1:]  # (the carers' panel is a group with its own share)


def _left_blank(folder: Path, evaluators: tuple[str, ...], supplier: str, reason: str) -> int:
    """Each of ``evaluators``' rows for ``supplier`` with its score cleared and ``reason``
    written beside it; how many rows."""
    rows = 0
    for name in evaluators:
        path = folder / "scores" / f"{name}.xlsx"
        book = openpyxl.load_workbook(path)
        sheet = book["Scores"]
        for row in range(5, sheet.max_row + 1):
            if sheet.cell(row, 1).value == supplier:
                sheet.cell(row, 6).value = None
                sheet.cell(row, 7).value = reason
                rows += 1
        book.save(path)
    return rows


def _toms_conflict_with_meridian(tmp_path: Path, declared: bool = True) -> Path:
    """The carers example with Tom Okafor's Meridian rows left blank, saying why, and (when
    ``declared``) his conflict of interest with Meridian on his declaration."""
    folder = example_copy(tmp_path)
    if declared:
        path = folder / "scores" / "tom-okafor.xlsx"
        book = openpyxl.load_workbook(path)
        book["Declaration"]["B8"], book["Declaration"]["B9"] = "declared", MERIDIAN
        book.save(path)
    reason = "Not scored: conflict of interest declared"
    assert _left_blank(folder, ("tom-okafor",), MERIDIAN, reason) == 4
    return folder


def _score(folder: Path) -> tuple[int, str]:
    run = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "--no-report"])
    return run.exit_code, run.output


def test_a_conflicted_evaluator_s_reason_for_not_scoring_is_no_problem(tmp_path: Path) -> None:
    folder = _toms_conflict_with_meridian(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    assert [p for p in result.problems if p.file == "scores/tom-okafor.xlsx"] == []
    assert result.award.blockers == []
    # Listed, not counted, saying why (the report's list of every score).
    toms = result.evaluator_scores.filter(evaluator="Tom Okafor", supplier=MERIDIAN)
    assert toms.select("score", "counted", "excluded_because").unique().rows() == [
        (None, False, f"not scored: Tom Okafor declared a conflict of interest with {MERIDIAN}")
    ]
    code, output = _score(folder)
    assert code == 0, output
    assert "the assessment summaries may be sent" in output


def test_the_row_counts_as_not_scored_as_a_row_left_wholly_blank(tmp_path: Path) -> None:
    """Meridian is scored on the other evaluators alone, as with the reasons cleared: on Q2
    Helen Marsh's and Priya Shah's scores (Tom's 3 was one of the 4, 3 and 4 before); the
    panel's consensus of 4 stands either way."""
    with_reasons = tendereval.score(_toms_conflict_with_meridian(tmp_path), sensitivity=False)
    cleared = _toms_conflict_with_meridian(tmp_path / "cleared")
    for row in range(5, 29):  # (Tom's reasons cleared: the rows left wholly blank)
        path = cleared / "scores" / "tom-okafor.xlsx"
        book = openpyxl.load_workbook(path)
        if book["Scores"].cell(row, 1).value == MERIDIAN:
            book["Scores"].cell(row, 7).value = None
            book.save(path)
    without = tendereval.score(cleared, sensitivity=False)
    columns = ["supplier", "criterion", "raw_score", "weighted", "basis"]
    assert with_reasons.criteria.select(columns).equals(without.criteria.select(columns))


def test_the_same_reason_with_no_conflict_declared_is_still_an_error(tmp_path: Path) -> None:
    """Nothing on his declaration says why he did not score: his score may have been meant,
    and one score can decide the award."""
    folder = _toms_conflict_with_meridian(tmp_path, declared=False)
    result = tendereval.score(folder, sensitivity=False)
    missing = [p for p in result.problems if p.code == "score.missing"]
    # (But Q2, row 22, where the panel's consensus replaces every officer's score: whatever
    # his score, it is not used, so a warning saying so: scoring/quality.replaced_by_consensus.)
    assert [(p.where, p.is_error) for p in missing] == [
        (f"scores/tom-okafor.xlsx › Scores › F{row}", row != 22) for row in (21, 22, 23, 24)
    ]
    assert "the panel's consensus of 4" in missing[1].message
    assert _score(folder)[0] == 1


WITHDRAWN = f"""[[withdrawal]]
supplier = "{BRIGHTWATER}"
withdrawn_on = 2026-03-04
recorded_by = "Procurement Officer"
"""
REJECTED = f"""[[rejection]]
supplier = "{BRIGHTWATER}"
ground = "excluded_supplier"
reason = "an excluded supplier: its director's conviction, found on checking"
decided_by = "Head of Procurement"
decided_on = 2026-03-04
"""


def _brightwater_not_scored(tmp_path: Path, decisions: str) -> Path:
    folder = example_copy(tmp_path)
    if decisions:
        (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    reason = "Withdrawn before evaluation - not scored"
    assert _left_blank(folder, EVALUATORS, BRIGHTWATER, reason) == 14
    return folder


@pytest.mark.parametrize(
    ("decisions", "as_"),
    [(WITHDRAWN, "withdrawn"), (REJECTED, "rejected")],
    ids=["withdrawn", "rejected"],
)
def test_a_reason_with_no_score_for_a_tender_set_aside_is_a_warning(
    tmp_path: Path, decisions: str, as_: str
) -> None:
    """14 rows, 14 warnings naming why the blank holds nothing back; no error, so score exits
    0 beside 'the assessment summaries may be sent' (it exited 1), and validate agrees."""
    folder = _brightwater_not_scored(tmp_path, decisions)
    result = tendereval.score(folder, sensitivity=False)
    missing = [p for p in result.problems if p.code == "score.missing"]
    assert len(missing) == 14
    assert {(p.is_error, p.message, p.expected) for p in missing} == {
        (
            False,
            f"a reason with no score, for {BRIGHTWATER}'s tender, which the buyer's record "
            f"(decisions.toml) gives as {as_}: a tender set aside is not scored, so the blank "
            "score holds nothing back",
            "nothing to put right: the row may stay as it is",
        )
    }
    assert not [p for p in result.problems if p.is_error]
    assert result.award.winner("CSB") == WEALD
    code, output = _score(folder)
    assert code == 0, output
    assert "the assessment summaries may be sent" in output
    assert CliRunner().invoke(cli, ["validate", str(folder)]).exit_code == 0


def test_the_same_rows_for_a_tender_in_the_competition_are_errors(tmp_path: Path) -> None:
    """No record sets Brightwater aside: each blank is a score its reason says was meant."""
    folder = _brightwater_not_scored(tmp_path, "")
    result = tendereval.score(folder, sensitivity=False)
    missing = [p for p in result.problems if p.code == "score.missing"]
    # All but Brightwater's Q2 (row 14), where the panel's consensus replaces the officers'
    # scores: a warning, as no score there can change the award.
    assert len(missing) == 14
    assert {p.where for p in missing if not p.is_error} == {
        f"scores/{name}.xlsx › Scores › F14" for name in OFFICERS
    }
    assert _score(folder)[0] == 1


def _moderation_note(tmp_path: Path, row: int, reason: str) -> Path:
    folder = example_copy(tmp_path)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Moderation"]
    assert sheet[f"D{row}"].value is None
    sheet[f"E{row}"], sheet[f"F{row}"] = reason, "Priya Shah (chair)"
    book.save(path)
    return folder


KEPT = (
    "Discussed at moderation: scores of 4, 4 and 4 agreed; no consensus score needed, the "
    "evaluators' scores stand."
)


def test_the_panel_s_note_that_the_scores_stand_is_told_how_to_keep_it(tmp_path: Path) -> None:
    """Weald's Q1 (row 5): every evaluator gave 4 (Helen Marsh, Priya Shah and Tom Okafor, and
    the carers' panel), so their combined score is 4, whatever the share of each: typed as the
    consensus, the note stays and the scores are as they were. The advice was to delete it."""
    folder = _moderation_note(tmp_path, 5, KEPT)
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.code == "moderation.no_score"]
    assert (problem.where, problem.is_error) == ("scores/moderation.xlsx › Moderation › D5", True)
    assert problem.expected == (
        "the consensus score the panel agreed, as its reason gives it; if the panel kept the "
        "evaluators' scores, every evaluator gave 4: type 4 as the consensus score and keep "
        "the reason"
    )
    # As advised: 4 typed beside the note. No problem, and Weald's Q1 is the 4 it was.
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    book["Moderation"]["D5"] = 4
    book.save(path)
    typed = tendereval.score(folder, sensitivity=False)
    assert not [p for p in typed.problems if p.file == "scores/moderation.xlsx"]
    example = tendereval.score(example_copy(tmp_path / "example"), sensitivity=False)
    q1 = pl.col("criterion") == "Q1"
    assert typed.criteria.filter(q1, supplier=WEALD)["raw_score"].to_list() == [4.0]
    assert example.criteria.filter(q1, supplier=WEALD)["raw_score"].to_list() == [4.0]
    assert _score(folder)[0] == 0


def test_scores_that_differ_have_no_score_to_type(tmp_path: Path) -> None:
    """Hop Garden's Q3 (row 11): the officers gave 4, 4 and 4 and the carers' panel 5, which
    carries 25%: combined 0.75 × 4 + 0.25 × 5 = 4.25, no score on the scale of whole points.
    The note goes with the meeting's minutes and the row is cleared."""
    folder = _moderation_note(tmp_path, 11, "Discussed; the evaluators' scores stand.")
    result = tendereval.score(folder, sensitivity=False)
    assert result.criteria.filter(pl.col("criterion") == "Q3", supplier="Hop Garden Respite CIC")[
        "raw_score"
    ].to_list() == [4.25]
    (problem,) = [p for p in result.problems if p.code == "moderation.no_score"]
    assert problem.where == "scores/moderation.xlsx › Moderation › D11"
    assert problem.expected == (
        "the consensus score the panel agreed, as its reason gives it; if the panel kept the "
        "evaluators' scores, type their score as the consensus score and keep the reason "
        "where every evaluator gave the same; where they differ, clear the reason and who "
        "moderated the row (a row left blank keeps the evaluators' combined score) and keep "
        "the note of the discussion with the moderation meeting's minutes"
    )


def test_the_panel_s_note_on_a_tender_withdrawn_holds_nothing_back(tmp_path: Path) -> None:
    """Hop Garden withdrawn, and the panel's note on its Q2 (row 10), "Withdrawn before
    moderation", with no consensus score: an error that held the award (as_score_of finds a
    consensus's tender by the consensus read, and this row gives none). A warning now."""
    folder = _moderation_note(tmp_path, 10, "Withdrawn before moderation")
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "Hop Garden Respite CIC"\nwithdrawn_on = 2026-03-03\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.code == "moderation.no_score"]
    assert (problem.where, problem.is_error) == (
        "scores/moderation.xlsx › Moderation › D10",
        False,
    )
    assert problem.message == (
        "the panel's consensus reason is there and its consensus score is not, for Hop Garden "
        "Respite CIC's tender, which the buyer's record (decisions.toml) gives as withdrawn: a "
        "tender set aside is not scored, so the blank score holds nothing back"
    )
    assert result.award.blockers == []
    assert _score(folder)[0] == 0
