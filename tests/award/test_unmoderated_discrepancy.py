"""Found by a red team (session 41): Tom Okafor scored Weald Carers Trust's Q1 1 where the
other two officers gave 4. ``score`` flagged the discrepancy ("far apart, with no consensus
yet … moderate and record a consensus") and in the same output said the summaries may be
sent; ``summaries`` wrote final summaries telling every bidder Brightwater Care Services Ltd
had won, and ``publish`` wrote the award notice. With the consensus the other two officers'
scores point to (4, the example as it is), Weald wins by 0.97 points: the award was made on
an evaluation not yet finished. Now a flagged discrepancy with no consensus holds the award,
its notice and the summaries, as a tender not yet scored does, and every command says so.

Acted out on copies of the carers example (its one discrepancy, Hop Garden Respite CIC's Q1,
has a consensus, so the example itself holds nothing back).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import EXAMPLES, example_copy

WEALD = "Weald Carers Trust"
BRIGHTWATER = "Brightwater Care Services Ltd"
COMPARATOR = "Example County Council Short Breaks Service"
WHY = (
    "the evaluation is not complete: the evaluators' scores for Weald Carers Trust's Q1 are far "
    "apart and no consensus is recorded (a discrepancy flagged for moderation), so that score is "
    "not final, and nor is the ranking; the panel moderates and records a consensus score with "
    "its reason in the moderation workbook, and the folder is scored again"
)


def _okafor_scores(folder: Path, supplier: str, question: str, score: int, reason: str) -> None:
    path = folder / "scores" / "tom-okafor.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Scores"].iter_rows(min_row=5):
        if row[0].value == supplier and row[2].value == question:
            row[5].value, row[6].value = score, reason
    book.save(path)


@pytest.fixture
def far_apart(tmp_path: Path) -> Path:
    """Okafor's 1 beside the others' 4 for Weald's Q1: a spread of 3, more than 40% of the
    0–5 scale (2), and no consensus recorded for it."""
    folder = example_copy(tmp_path)
    _okafor_scores(folder, WEALD, "Q1", 1, "Could not find the urgent-break route.")
    return folder


def test_a_discrepancy_with_no_consensus_holds_the_award_and_the_summaries(
    far_apart: Path,
) -> None:
    award = tendereval.score(far_apart, sensitivity=False).award
    assert award.unmoderated == (("CSB", WEALD, ("Q1",)),)
    assert award.not_moderated("CSB") == [("CSB", WHY)]
    assert award.blockers == [f"Lot CSB: {WHY}"]
    # Scoring is not finished, so the award itself waits, not the summaries alone.
    assert award.award_blockers == [f"Lot CSB: {WHY}"]
    assert not award.summaries_ready
    assert ("CSB", WHY) in award.waiting("CSB")
    assert award.to_dict()["unmoderated"] == [
        {"lot": "CSB", "supplier": WEALD, "questions": ["Q1"]}
    ]
    # The ranking is as the aggregate gives it until then: Brightwater first.
    assert award.winner("CSB") == BRIGHTWATER


def test_every_command_says_so(far_apart: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    scored = runner.invoke(cli, ["score", str(far_apart), "-o", str(tmp_path / "report.xlsx")])
    lines = scored.output.splitlines()
    at = lines.index(
        f"  Proposed award: {BRIGHTWATER} (the most advantageous tender: ranked first)."
    )
    assert lines[at + 1] == f"  ! {WHY[:1].upper()}{WHY[1:]}."
    assert "the assessment summaries may be sent" not in scored.output
    assert (
        "The lot is proposed for award to Brightwater Care Services Ltd; the award is not to be "
        "made yet, nor the assessment summaries sent, until this is settled:"
    ) in scored.output

    sent = runner.invoke(cli, ["summaries", str(far_apart)])
    assert sent.exit_code == 1
    assert f"  - Lot CSB: {WHY}" in sent.output
    written = list((far_apart / "reports" / "summaries").glob("*.xlsx"))
    assert written
    for path in written:
        assert "NOT TO BE SENT YET" in str(openpyxl.load_workbook(path)["Summary"]["A3"].value)

    published = runner.invoke(cli, ["publish", str(far_apart), "--ocid-prefix", "ocds-abc123"])
    assert published.exit_code == 1
    assert "Nothing was written" in published.output and WHY in published.output
    assert not list((far_apart / "reports").glob("*ocds*"))

    allocated = runner.invoke(cli, ["allocate", str(far_apart)])
    assert allocated.exit_code == 1, allocated.output


def test_the_reports_name_the_award_not_yet(far_apart: Path, tmp_path: Path) -> None:
    result = tendereval.score(far_apart, sensitivity=False)
    from tendereval.report.views import award_text

    assert award_text(result, "CSB") == (
        f"{BRIGHTWATER}, not yet: evaluators' scores far apart are not yet moderated"
    )


def test_a_consensus_recorded_settles_it(far_apart: Path) -> None:
    path = far_apart / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Moderation"]
    assert (sheet["A5"].value, sheet["C5"].value) == (WEALD, "Q1")
    sheet["D5"], sheet["F5"] = 4, "Priya Shah (chair)"
    sheet["E5"] = "Scores were 4, 4 and 1. Section 2 gives the urgent-break route. Agreed 4."
    book.save(path)
    award = tendereval.score(far_apart, sensitivity=False).award
    assert award.unmoderated == () and award.blockers == []
    # The consensus the other officers' scores point to: Weald first, as in the example.
    assert award.winner("CSB") == WEALD


def test_a_withdrawn_tenders_discrepancy_holds_nothing(far_apart: Path) -> None:
    (far_apart / "decisions.toml").write_text(
        f'[[withdrawal]]\nsupplier = "{WEALD}"\nwithdrawn_on = 2026-03-01\n', encoding="utf-8"
    )
    award = tendereval.score(far_apart, sensitivity=False).award
    assert award.unmoderated == () and award.blockers == []


def test_a_tender_rejected_on_a_ground_holds_nothing(far_apart: Path) -> None:
    (far_apart / "decisions.toml").write_text(
        f'[[rejection]]\nsupplier = "{WEALD}"\nlot = "CSB"\nground = "requirements_not_met"\n'
        'reason = "Did not meet the published requirement for urgent breaks."\n'
        "decided_on = 2026-03-01\n",
        encoding="utf-8",
    )
    result = tendereval.score(far_apart, sensitivity=False)
    assert [p for p in result.problems if p.is_error] == []
    assert result.award.unmoderated == () and result.award.blockers == []


def test_the_in_house_comparators_discrepancy_holds_nothing(tmp_path: Path) -> None:
    """The comparator is never ranked nor awarded: its scores far apart change no award."""
    folder = example_copy(tmp_path)
    _okafor_scores(folder, COMPARATOR, "Q2", 0, "Nothing on supervision or audit.")
    result = tendereval.score(folder, sensitivity=False)
    assert result.moderation.filter(
        (result.moderation["supplier"] == COMPARATOR) & result.moderation["discrepancy"]
    ).height
    assert result.award.unmoderated == () and result.award.blockers == []


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_the_examples_have_no_discrepancy_waiting(example: str) -> None:
    """``make demo`` still ends "the assessment summaries may be sent"."""
    award = tendereval.score(EXAMPLES / example, sensitivity=False).award
    assert award.unmoderated == ()
