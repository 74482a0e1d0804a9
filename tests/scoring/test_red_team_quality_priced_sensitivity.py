"""Red team (helper Q, round 3): tipping points and win probabilities stated as exact under a
price method whose price score moves with the weights.

Award on value (adjusted_i = P_i - 200 x Q_i, Q_i = quality points; score = 60 x
min(adjusted) / adjusted_i), price 60, quality 40 (Q1 on 0-5), 1,000 hours a year for 2 years.
Ash £10 (P £20,000) scores 4, Birch £11 (£22,000) 5, Cedar £9 (£18,000) 2.

Sensitivity holds each bid's share of the price marks as scored, but under this method the
share depends on the quality points, which move with the quality weight. The terminal said
"Ash Care would draw level if the quality weight moved from 40 to 12.50" and the Sensitivity
sheet gave 12.5 as the weight to win, stated as exact. Scored again at a quality weight of
12.5 (worked by hand below), Ash is 3.86 points ahead of Birch and Cedar is second: the real
crossing is at 23.3684 (the tipping point reported since helper Q2's change). The library
then recorded whether its sensitivity figures were exact (settings sensitivity_exact,
sensitivity_note) and every output said "approximate"; since helper Q2 the figures are exact
under both methods (scoring again at each weight), and the note is kept for a method that
could not be worked out exactly.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.scoring import price as price_mod
from tests.award.red_team_tenders import PLAN, Bid, tender_folder

BIDS = [Bid("Ash Care", "A", 10, 4), Bid("Birch Care", "A", 11, 5), Bid("Cedar Care", "A", 9, 2)]
ON_VALUE = PLAN.replace(
    'method = "lowest_price_ratio"', 'method = "award_on_value"\nvalue_per_point = 200'
)


def rescored(quality_weight: float) -> dict[str, float]:
    """The totals scored again with the quality weight at ``quality_weight`` (price the rest)."""
    price = {"Ash Care": 20_000, "Birch Care": 22_000, "Cedar Care": 18_000}
    share = {"Ash Care": 0.8, "Birch Care": 1.0, "Cedar Care": 0.4}
    adjusted = {s: price[s] - 200 * quality_weight * share[s] for s in price}
    best = min(adjusted.values())
    return {
        s: (100 - quality_weight) * best / adjusted[s] + quality_weight * share[s] for s in price
    }


def test_quality_priced_sensitivity_is_exact_and_said_to_be(tmp_path: Path) -> None:
    """Changed deliberately (helper Q2): the figures were approximate and every output said so;
    they are now exact (scoring again at each weight), so no output says "approximate"."""
    folder = tender_folder(tmp_path / "tender", ["A"], BIDS, plan=ON_VALUE)
    result = tendereval.score(folder, samples=500)
    totals = dict(result.results.select("supplier", "total").rows())
    assert totals == pytest.approx(rescored(40))  # 92, 98.2857, 71.1351: the plan as scored
    tip = result.tipping_points.filter(
        (result.tipping_points["supplier"] == "Ash Care")
        & (result.tipping_points["pillar"] == "quality")
    ).row(0, named=True)
    # Held as scored, Ash drew level at 12.5; scored again there, it does not (3.86 points
    # ahead). The tipping point is now where scoring again puts them level (23.3684, worked by
    # hand in test_exact_quality_priced_tipping.py).
    at_old = rescored(12.5)
    assert at_old["Ash Care"] - at_old["Birch Care"] == pytest.approx(3.8568, abs=1e-4)
    assert tip["weight_to_win"] == pytest.approx(23.3684, abs=1e-4)
    at_tip = rescored(tip["weight_to_win"])
    assert at_tip["Ash Care"] - at_tip["Birch Care"] == pytest.approx(0, abs=1e-5)

    assert result.settings["sensitivity_exact"] is True
    assert result.settings["sensitivity_note"] == ""

    out = CliRunner().invoke(
        cli,
        ["score", str(folder), "--samples", "500", "--json", str(tmp_path / "r.json"),
         "-o", str(tmp_path / "r.xlsx")],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "approximate" not in out.output
    # Price 60 → 76.63 is quality 40 → 23.37: the same crossing, as near as the other.
    assert (
        "  Nearest tipping point: Ash Care would draw level if the price weight moved from 60 "
        "to 76.63 (others rescaled in proportion)." in out.output.splitlines()
    )
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["settings"]["sensitivity_exact"] is True
    assert data["settings"]["sensitivity_note"] == ""
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Sensitivity"]
    notes = " ".join(str(c.value) for row in sheet.iter_rows(max_row=3) for c in row if c.value)
    assert "approximate" not in notes


def test_a_method_scoring_price_against_quality_without_a_merit_is_said_to_be_approximate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A price method whose key uses the quality points but gives no merit (the quantity the
    exact sensitivity bounds with) falls back to holding the shares as scored, and every
    output says the figures are approximate."""
    method = price_mod.METHODS["award_on_value"]
    monkeypatch.setitem(price_mod.METHODS, "award_on_value", replace(method, merit=None))
    folder = tender_folder(tmp_path / "tender", ["A"], BIDS, plan=ON_VALUE)
    result = tendereval.score(folder, samples=500)
    note = result.settings["sensitivity_note"]
    assert result.settings["sensitivity_exact"] is False
    assert note.startswith("approximate") and "award on value" in note
    tip = result.tipping_points.filter(
        (result.tipping_points["supplier"] == "Ash Care")
        & (result.tipping_points["pillar"] == "quality")
    ).row(0, named=True)
    assert tip["weight_to_win"] == pytest.approx(12.5)  # held as scored

    out = CliRunner().invoke(
        cli,
        ["score", str(folder), "--samples", "500", "--json", str(tmp_path / "r.json"),
         "-o", str(tmp_path / "r.xlsx")],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    for start in ("  Robustness:", "  Nearest tipping point:"):
        line = next(x for x in lines if x.startswith(start))
        assert "approximate" in line, line
    assert any(note in x for x in lines)
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["settings"]["sensitivity_exact"] is False
    assert data["settings"]["sensitivity_note"] == note
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Sensitivity"]
    notes = " ".join(str(c.value) for row in sheet.iter_rows(max_row=3) for c in row if c.value)
    assert note in notes


def test_sensitivity_under_a_price_method_that_ignores_quality_is_exact(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "tender", ["A"], BIDS)
    result = tendereval.score(folder, samples=500)
    assert result.settings["sensitivity_exact"] is True
    assert result.settings["sensitivity_note"] == ""
    out = CliRunner().invoke(cli, ["score", str(folder), "--samples", "500", "--no-report"])
    assert out.exit_code == 0, out.output
    assert "approximate" not in out.output
