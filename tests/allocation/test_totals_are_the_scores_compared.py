"""Red team (fuzz, part 3): an allocation's total score is the sum of the scores it compares.

The optimiser compares each offer's score to 4 decimal places (a package's as its lots' 4-place
totals added: docs/allocation.md). The total score it reported was the unrounded scores added,
then rounded: 86 + 97.55366 + 87.41119 gave 270.9648 beside offers of 86.0000, 97.5537 and
87.4112, which add to 270.9649. So an allocation could read 0.0001 below one the optimiser
found equal, or 0.0001 "given up" by a policy that gives up nothing. The totals (and the
objective value, the cost of the policy and the published award's total beside it) are now
the 4-place scores added, and the workbook shows each offer's score to 4 places.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tendereval.allocation import Policy, allocate
from tendereval.cli import cli
from tendereval.report.allocation_excel import write_allocation_workbook
from tests.allocation.allocation_helpers import offers
from tests.award.red_team_tenders import Bid, tender_folder


def test_the_total_score_is_the_offers_scores_to_4_places_added(tmp_path: Path) -> None:
    """Price 60 (lowest price ratio), quality 40 (8 points a step). In each of lots A, B and C
    Ash bids £10 and scores Q1 0: 60 points; Birch bids £10.03 and scores 5: 60 x 10/10.03 +
    40 = 99.820538..., 99.8205 to 4 places. Birch wins all three, in the published award and
    the optimiser's alike: 3 x 99.8205 = 299.4615, where the unrounded 299.461615 rounded
    read 299.4616, a ten-thousandth above the offers listed."""
    bids = [Bid(s, lot, rate, q1) for lot in "ABC" for s, rate, q1 in BIDS]
    folder = tender_folder(tmp_path / "tender", ["A", "B", "C"], bids)
    out = CliRunner().invoke(
        cli,
        ["allocate", str(folder), "--json", str(tmp_path / "a.json"),
         "-o", str(tmp_path / "a.xlsx")],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert [a["supplier"] for a in data["awarded"]] == ["Birch Care"] * 3
    assert all(a["score"] == pytest.approx(60 * 10 / 10.03 + 40) for a in data["awarded"])
    assert data["total_score"] == 299.4615
    assert data["objective_value"] == 299.4615
    assert data["differences"]["published_score"] == 299.4615
    assert data["differences"]["score"] == 0
    assert "Total score" in out.output and "299.4615" in out.output

    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    rows = list(book["Allocation"].iter_rows())
    header = next(i for i, r in enumerate(rows) if r[0].value == "Offer")
    column = [c.value for c in rows[header]].index("Score")
    scores = [r[column] for r in rows[header + 1 : header + 4]]
    assert all(c.number_format == "0.0000" for c in scores)
    total = next(r for r in book["Comparison"].iter_rows() if r[0].value == "Total score")
    assert total[1].value == 299.4615 and total[1].number_format == "0.0000"


BIDS = [("Ash Care", 10, 0), ("Birch Care", 10.03, 5)]


def test_a_policy_that_gives_up_nothing_compared_gives_up_no_points() -> None:
    """One lot a supplier: Sol's offers score 50.00004 in lots A and B, Tam's 50 (each 50.0000
    to 4 places, all at £100). Unconstrained, every allocation scores 100.0000 as compared, and
    offer order gives Sol both lots; under the cap Sol and Tam take one each, 100.0000 too. The
    cost of the policy is 0 points: before, 100.00008 rounded (100.0001) against 100.00004
    (100.0000) said the cap gave up 0.0001 points the optimiser called a tie."""
    rows = [
        ("A1", "Sol", ["A"], 100.0, 50.00004, False, False, None),
        ("B1", "Sol", ["B"], 100.0, 50.00004, False, False, None),
        ("A2", "Tam", ["A"], 100.0, 50.0, False, False, None),
        ("B2", "Tam", ["B"], 100.0, 50.0, False, False, None),
    ]
    result = allocate(offers(rows), Policy(max_lots_per_supplier=1))
    assert result.unconstrained.awarded.get_column("offer_id").to_list() == ["A1", "B1"]
    assert result.unconstrained.total_score == 100.0 and result.total_score == 100.0
    assert result.objective_value == 100.0
    assert result.cost_of_policy["score"] == 0


def test_the_workbook_shows_each_offers_score_to_the_4_places_it_is_compared(tmp_path) -> None:
    """Offers scoring 97.55366 and 87.41119 show 97.5537 and 87.4112 (they showed 97.55 and
    87.41), and the total is 97.5537 + 87.4112 = 184.9649, as the optimiser adds them (the
    unrounded 184.964847 read 184.9648): the listed scores add up to the total shown."""
    rows = [
        ("H", "Hazel", ["L2"], 100.0, 97.55366045405249, False, False, None),
        ("I", "Ivy", ["L1"], 100.0, 87.41118646772074, False, False, None),
    ]
    result = allocate(offers(rows), Policy())
    assert result.total_score == 184.9649  # 97.5537 + 87.4112
    book = openpyxl.load_workbook(write_allocation_workbook(result, tmp_path / "a.xlsx"))
    rows_shown = list(book["Allocation"].iter_rows())
    header = next(i for i, r in enumerate(rows_shown) if r[0].value == "Offer")
    column = [c.value for c in rows_shown[header]].index("Score")
    shown = {r[0].value: r[column] for r in rows_shown[header + 1 : header + 3]}
    assert {k: c.number_format for k, c in shown.items()} == {"H": "0.0000", "I": "0.0000"}
    cost = next(r for r in book["Comparison"].iter_rows() if r[0].value == "Score points given up")
    assert cost[1].number_format == "0.0000"
