"""Red team: the Ranking sheet's note gave the tie-break as the plan's raw keys ("quality,
then price"), which do not say which way price breaks a tie, and for a plan with no tie-break
"breaks ties by the plan's rule ()". It now gives the words every other output uses, or says
that equal totals are left for the buyer to decide."""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tendereval.report.excel import write_report
from tests.award.red_team_tenders import PLAN, Bid, tender_folder

BIDS = [Bid("X", "A", 10, 3), Bid("Y", "A", 12, 4)]
DEFAULT = 'tie_break = ["quality", "price"]'


def ranking_note(plan: str, tmp_path: Path) -> str:
    folder = tender_folder(tmp_path / "t", ["A"], BIDS, plan=plan)
    result = tendereval.score(folder, sensitivity=False)
    book = openpyxl.load_workbook(write_report(result, tmp_path / "r.xlsx"))
    return book["Ranking"]["A2"].value


def test_the_tie_break_is_given_in_words(tmp_path: Path) -> None:
    plan = PLAN.replace(DEFAULT, 'tie_break = ["total_quality_and_social_value", "price"]')
    note = ranking_note(plan, tmp_path)
    assert (
        "the tool's rank breaks ties by the plan's rule (higher quality and social value score "
        "then lower evaluated price)." in note
    )
    assert "total_quality_and_social_value" not in note


def test_a_plan_with_no_tie_break_says_equal_totals_are_left_to_the_buyer(tmp_path: Path) -> None:
    note = ranking_note(PLAN.replace(DEFAULT, "tie_break = []"), tmp_path)
    assert "()" not in note
    assert (
        "the plan has no tie-break, so the tool's rank leaves equal totals for the buyer to "
        "decide." in note
    )
