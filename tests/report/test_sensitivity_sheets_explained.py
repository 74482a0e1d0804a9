"""Red team: the report's sensitivity sheets (Sensitivity, Probability of winning, Rank
reversal) say what their figures are and why a lot has no row, as the terminal does.

Found: under a binding lot cap the Probability of winning sheet gave the proposed supplier 0%
"wins its lot" with no word of the cap; the sheets said the analysis "was not run" when it ran
with nothing to test (the Audit sheet: sensitivity = yes); a blank "weight at which the
challenger would draw level" was never explained; and a tied, undecided lot or a lot of one
ranked tender had no row on Rank reversal, with nothing saying why.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tendereval.report.excel import write_report
from tests.award.red_team_tenders import Bid, tender_folder
from tests.award.test_red_team_agreement import capped_tender

NOT_RUN = "Sensitivity analysis was not run for this report."


def notes(result: tendereval.ScoreResult, path: Path) -> dict[str, str]:
    book = openpyxl.load_workbook(write_report(result, path))
    return {
        s: book[s]["A2"].value for s in ("Sensitivity", "Probability of winning", "Rank reversal")
    }


def test_under_a_binding_lot_cap_the_probability_sheet_says_it_is_of_ranking_first(
    tmp_path: Path,
) -> None:
    """X is first in both lots, capped at one: lot B goes to Z. X ranks first in B in every
    draw, Z in none; the sheet says so of ranking first, and that the cap proposes Z."""
    bids = [Bid("X", "A", 10, 5), Bid("Y", "A", 12, 3), Bid("X", "B", 10, 5), Bid("Z", "B", 13, 4)]
    result = tendereval.score(
        capped_tender(tmp_path / "t", ["A", "B"], bids, "descending_value"), samples=200
    )
    assert result.award.winner("B") == "Z"
    note = notes(result, tmp_path / "report.xlsx")["Probability of winning"]
    assert "wins its lot" not in note
    assert "ranks first in its lot" in note
    assert (
        "These are chances of ranking first, not of being awarded the lot: in lot B the lot "
        "cap proposes Z, not X, ranked first." in note
    )


def test_a_run_with_no_tender_to_test_says_it_ran_with_nothing_to_test(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "t", ["A"], [Bid("X", "A", 10)])
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "X"\nwithdrawn_on = 2026-10-05\nrecorded_by = "Head"\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, samples=100)
    assert result.settings["sensitivity"]
    assert result.results.get_column("status").to_list() == ["withdrawn"]
    for sheet, note in notes(result, tmp_path / "report.xlsx").items():
        assert note != NOT_RUN, sheet
        assert note == (
            "Sensitivity analysis was run, but there is nothing to test. Not listed: lot A "
            "(no ranked tender)."
        ), sheet


def test_a_run_without_sensitivity_still_says_it_was_not_run(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "t", ["A"], [Bid("X", "A", 10), Bid("Y", "A", 12)])
    result = tendereval.score(folder, sensitivity=False)
    assert set(notes(result, tmp_path / "report.xlsx").values()) == {NOT_RUN}


def test_the_sensitivity_note_says_what_a_blank_weight_means(tmp_path: Path) -> None:
    """Y (£12, Q1 1) behind X (£10, Q1 5) on both price and quality: no weight moves it level,
    so its rows' weights are blank, and the note says that is never."""
    folder = tender_folder(tmp_path / "t", ["A"], [Bid("X", "A", 10, 5), Bid("Y", "A", 12, 1)])
    result = tendereval.score(folder, samples=100)
    assert result.tipping_points.get_column("weight_to_win").null_count() == 2
    note = notes(result, tmp_path / "report.xlsx")["Sensitivity"]
    assert (
        "A blank weight and change means never: no weight of that pillar between 0 and 100 "
        "makes the challenger draw level (one named level on total now needs no change)." in note
    )
    assert "Not listed" not in note


def test_lots_with_no_row_are_named_with_why(tmp_path: Path) -> None:
    """Lot A: X and Y alike in every way, tied for first and undecided. Lot B: Z alone. Lot
    C: no bids."""
    bids = [Bid("X", "A", 10, 3), Bid("Y", "A", 10, 3), Bid("Z", "B", 10, 3)]
    result = tendereval.score(tender_folder(tmp_path / "t", ["A", "B", "C"], bids), samples=100)
    assert result.award.lots["A"].outcome == "undecided"
    shown = notes(result, tmp_path / "report.xlsx")
    assert shown["Rank reversal"].endswith(
        " Not listed: lot A (two tenders are tied for first place and the award is undecided, "
        "so there is no proposed award to test); lot B (one ranked tender, so no other to "
        "remove); lot C (no bids)."
    )
    # Lot A has its row on Sensitivity (tied for first place), lot B none.
    assert shown["Sensitivity"].endswith(
        " Not listed: lot B (one ranked tender, so no other for it to be measured against); "
        "lot C (no bids)."
    )
    assert shown["Probability of winning"].endswith(" Not listed: lot C (no bids).")
