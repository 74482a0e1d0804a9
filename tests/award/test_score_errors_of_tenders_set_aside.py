"""An error at an evaluator's score for a tender set aside holds nothing back.

Found filling in score sheets as evaluators do: Brightwater Care Services Ltd withdrew, and
Tom Okafor's score for its Q1 was typed "4 - good". ``score`` then said "The award is not to be
made yet: the inputs have 1 error not yet put right (putting it right could change the
award)", ``summaries`` refused and ``publish`` wrote nothing, though no score of a withdrawn
tender can change the award (docs/award.md: a withdrawn tender's errors do not count) and the
same tender's own unit rate typed TBC held nothing back. The score sheet's error names no
supplier: it is now told apart by the score it is at.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

BRIGHTWATER = "Brightwater Care Services Ltd"
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


def _typed_in_words(tmp_path: Path, decisions: str) -> Path:
    """The carers example with ``decisions`` and Tom Okafor's score for Brightwater's Q1
    (Scores › F13) typed "4 - good"."""
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    path = folder / "scores" / "tom-okafor.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    assert (sheet["A13"].value, sheet["C13"].value) == (BRIGHTWATER, "Q1")
    sheet["F13"] = "4 - good"
    book.save(path)
    return folder


@pytest.mark.parametrize("decisions", [WITHDRAWN, REJECTED], ids=["withdrawn", "rejected"])
def test_a_score_error_of_a_tender_set_aside_holds_nothing_back(
    tmp_path: Path, decisions: str
) -> None:
    folder = _typed_in_words(tmp_path, decisions)
    result = tendereval.score(folder, sensitivity=False)
    (error,) = [p for p in result.problems if p.is_error]
    assert (error.where, error.supplier) == ("scores/tom-okafor.xlsx › Scores › F13", None)
    assert result.award.input_errors == 0
    assert result.award.blockers == []
    assert result.award.winner("CSB") == "Weald Carers Trust"

    ran = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    assert ran.exit_code == 0, ran.output
    assert "could change the award" not in ran.output


def test_the_same_error_for_a_tender_in_the_competition_still_holds_the_award(
    tmp_path: Path,
) -> None:
    folder = _typed_in_words(tmp_path, "")
    award = tendereval.score(folder, sensitivity=False).award
    assert award.input_errors == 1
    assert any("could change the scores and the award" in b for b in award.blockers)


def test_a_consensus_typed_in_words_for_a_tender_withdrawn_holds_nothing_back(
    tmp_path: Path,
) -> None:
    """The same for the panel's consensus in the moderation workbook: "3 - ok" for Hop
    Garden's Q1, Hop Garden withdrawn, still held the award back (red team, review of the
    day's merges)."""
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "Hop Garden Respite CIC"\nwithdrawn_on = 2026-03-03\n',
        encoding="utf-8",
    )
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Moderation"]
    assert (sheet["A9"].value, sheet["C9"].value) == ("Hop Garden Respite CIC", "Q1")
    sheet["D9"] = "3 - ok"
    book.save(path)
    result = tendereval.score(folder, sensitivity=False)
    (error,) = [p for p in result.problems if p.is_error]
    assert error.where == "scores/moderation.xlsx › Moderation › D9"
    assert result.award.input_errors == 0
    assert result.award.blockers == []
