"""A tie for first place that the plan does not break (``tie_break = []``) leaves the lot
undecided, and no output may treat one tied tender as ahead. Found by the price red team: the
terminal said "Nearest tipping point: Weald Carers Trust would draw level if the quality weight
moved from 40 to 40.00" and the Sensitivity sheet listed Weald as a challenger who "would win",
measured against Brightwater, the tied tender listed first.

Price 60, quality 40 (Q1 on 0-5, 8 points a step), lowest price ratio, 1,000 hours a year
for 2 years. Lot A: Ash bids £13 an hour, £26,000 (60 price points), and scores Q1 2 (16): 76;
Birch bids £15 an hour, £30,000 (60 × 26,000/30,000 = 52 points), and scores 3 (24): 76;
Cedar bids £26 (30) and scores 1 (8): 38. Ash and Birch tie for first. Lot B has the same bids
but Birch's rate is £16.25 (48 + 24 = 72): Ash is first alone, and keeps its tipping points.
(The prices are whole pence, as every price scored is: Birch's £60/52 an hour, £2,307.69
against Ash's £2,000, scored 52.0001 points and a tie no longer.)
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.report.excel import write_report
from tests.award.red_team_tenders import PLAN, Bid, tender_folder

NO_TIE_BREAK = PLAN.replace('tie_break = ["quality", "price"]', "tie_break = []")
TIED = "none: two tenders are tied for first place, so none leads for another to draw level with"


def tied_folder(folder: Path) -> Path:
    return tender_folder(
        folder,
        ["A", "B"],
        [
            Bid("Ash Care", "A", 13.0, q1=2),
            Bid("Birch Care", "A", 15.0, q1=3),
            Bid("Cedar Care", "A", 26.0, q1=1),
            Bid("Ash Care", "B", 13.0, q1=2),
            Bid("Birch Care", "B", 16.25, q1=3),
            Bid("Cedar Care", "B", 26.0, q1=1),
        ],
        plan=NO_TIE_BREAK,
    )


@pytest.fixture(scope="module")
def tied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tendereval.ScoreResult]:
    folder = tied_folder(tmp_path_factory.mktemp("tied"))
    return folder, tendereval.score(folder, samples=500)


def test_the_tender_really_is_tied_for_first_in_lot_a_only(tied):
    _, result = tied
    totals = {
        (lot, supplier): total
        for lot, supplier, total in result.results.select("lot", "supplier", "total").rows()
    }
    assert totals[("A", "Ash Care")] == pytest.approx(60 + 16)
    assert totals[("A", "Birch Care")] == pytest.approx(60 * 52 / 60 + 24)
    assert result.award.lots["A"].outcome == "undecided"
    assert result.award.lots["A"].tied_first and result.award.lots["A"].supplier is None
    assert result.award.lots["B"].supplier == "Ash Care"
    assert not result.award.lots["B"].tied_first


def test_a_tied_lot_has_no_tipping_point_and_no_challenger(tied):
    _, result = tied
    tipping = result.tipping_points
    assert tipping.filter(pl.col("lot") == "A").is_empty()
    # Lot B, with one tender first, is measured as before. At a quality weight q (price
    # 100 − q) Ash has (100 − q) + 0.4q and Birch 0.8(100 − q) + 0.6q: level at q = 50, price 50.
    b = tipping.filter((pl.col("lot") == "B") & (pl.col("supplier") == "Birch Care"))
    assert dict(b.select("pillar", "weight_to_win").rows()) == {
        "price": pytest.approx(50),
        "quality": pytest.approx(50),
    }
    from tendereval.scoring.sensitivity import tied_first_text

    assert tied_first_text(2) == TIED  # what the terminal and the sheet say in their place


def test_the_terminal_says_the_lot_is_tied_where_its_tipping_point_would_be(tied):
    folder, _ = tied
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--samples", "500"])
    lot_a = out.output.split("\nLot A:")[1].split("\nLot B:")[0]
    assert f"  Nearest tipping point: {TIED}." in lot_a
    assert "would draw level" not in lot_a and "No single pillar weight" not in lot_a
    lot_b = out.output.split("\nLot B:")[1]
    assert "Nearest tipping point: Birch Care would draw level" in lot_b


def test_the_sensitivity_sheet_names_no_challenger_in_a_tied_lot(tied, tmp_path):
    _, result = tied
    sheet = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Sensitivity"]
    tipping = list(sheet.iter_rows(min_row=5, values_only=True))  # the sheet's one table
    assert [r for r in tipping if r[0] == "A"] == [("A", TIED, None, None, None, None)]
    assert {r[1] for r in tipping if r[0] == "B"} == {"Birch Care", "Cedar Care"}


def test_a_tie_the_buyer_decided_still_has_no_tipping_point(tmp_path):
    """Deciding the tie by drawing lots makes Birch the winner, not the leader on score: no
    figure is measured against Ash (listed first), nor against Birch."""
    folder = tied_folder(tmp_path / "tender")
    (folder / "decisions.toml").write_text(
        '[[decision]]\nlot = "A"\naward_to = "Birch Care"\n'
        'reason = "Tie for first place resolved by drawing lots, as ITT 9.4 provides"\n'
        'decided_by = "Head of Commissioning"\ndecided_on = 2026-09-21\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, samples=200)
    assert result.award.lots["A"].supplier == "Birch Care"
    assert result.award.lots["A"].basis == "tie_decision"
    assert result.tipping_points.filter(pl.col("lot") == "A").is_empty()
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--samples", "200"])
    lot_a = out.output.split("\nLot A:")[1].split("\nLot B:")[0]
    assert f"  Nearest tipping point: {TIED}." in lot_a
