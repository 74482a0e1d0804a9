"""Tipping points under the price methods whose price score uses the quality points
(award_on_value, price_per_quality_point) are exact: the weight at which the challenger draws
level with the first-placed bid when the plan is scored again with that weight (the other
pillars rescaled in proportion), found to better than 4 decimal places.

Hand-worked: award on value at £200 a quality point, price 60, quality 40 (Q1 on 0–5), 1,000
hours a year for 2 years. Ash £10 (P £20,000) scores 4, Birch £11 (£22,000) 5, Cedar £9
(£18,000) 2. With the quality weight at w and price at 100 − w, the adjusted prices are
Ash 20,000 − 160w, Birch 22,000 − 200w, Cedar 18,000 − 80w; below w = 25 Cedar's is the lowest,
so Ash and Birch are level where (100 − w)(18,000 − 80w)(1/(20,000 − 160w) − 1/(22,000 − 200w))
= 0.2w, a cubic with one root in 0..40: w = 23.3684 (bisected below on that equation alone;
the earlier note that the crossing was "near 24.6" was itself wrong: there Birch leads by 0.44).
The old linear formula gave 12.5, where Ash is 3.86 points ahead.
"""

from __future__ import annotations

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

import tendereval
from tests.award.red_team_tenders import tender_folder
from tests.scoring.builders import make_plan, tender
from tests.scoring.test_red_team_quality_priced_sensitivity import BIDS, ON_VALUE


def _hand_crossing() -> float:
    def gap(w: float) -> float:  # Ash − Birch with Cedar's adjusted price the lowest
        ref = 18_000 - 80 * w
        return (100 - w) * ref * (1 / (20_000 - 160 * w) - 1 / (22_000 - 200 * w)) - 0.2 * w

    low, high = 0.0, 40.0  # gap(0) = 9.09 > 0, gap(40) < 0
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if gap(mid) > 0 else (low, mid)
    return (low + high) / 2


def test_hand_worked_award_on_value_tipping_point(tmp_path) -> None:
    crossing = _hand_crossing()
    assert crossing == pytest.approx(23.3684, abs=1e-4)
    folder = tender_folder(tmp_path / "tender", ["A"], BIDS, plan=ON_VALUE)
    result = tendereval.score(folder, samples=0)
    tip = result.tipping_points.filter(
        (pl.col("supplier") == "Ash Care") & (pl.col("pillar") == "quality")
    ).row(0, named=True)
    assert tip["weight_to_win"] == pytest.approx(crossing, abs=1e-5)
    assert tip["change"] == pytest.approx(crossing - 40, abs=1e-5)
    # Price: Ash draws level when price weighs 100 − 23.37 (quality and price only).
    tip = result.tipping_points.filter(
        (pl.col("supplier") == "Ash Care") & (pl.col("pillar") == "price")
    ).row(0, named=True)
    assert tip["weight_to_win"] == pytest.approx(100 - crossing, abs=1e-5)


def _criteria(weights: dict[str, float]) -> str:
    text = f"""
[[criteria]]
id = "price"
type = "price"
weight_of_total = {weights["price"]!r}

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = {weights["quality"]!r}
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 60
  scale = "five"
  [[criteria.questions]]
  id = "Q2"
  weight_of_parent = 40
  scale = "five"
"""
    if weights.get("social_value", 0) > 0:
        text += f"""
[[criteria]]
id = "social_value"
type = "social_value"
weight_of_total = {weights["social_value"]!r}
  [[criteria.questions]]
  id = "SV1"
  weight_of_parent = 100
  scale = "five"
"""
    return text


def _moved(weights: dict[str, float], pillar: str, to: float) -> dict[str, float]:
    """The weights with ``pillar`` at ``to`` and the others rescaled in proportion."""
    scale = (100 - to) / (100 - weights[pillar])
    return {k: (to if k == pillar else w * scale) for k, w in weights.items()}


@st.composite
def quality_priced_tenders(draw):
    method = draw(st.sampled_from(["award_on_value", "price_per_quality_point"]))
    extra = '\n[price]\nmethod = "price_per_quality_point"\n'
    if method == "award_on_value":
        value = draw(st.sampled_from([20, 50, 100, 200]))
        extra = f'\n[price]\nmethod = "award_on_value"\nvalue_per_point = {value}\n'
    price = draw(st.integers(20, 70))
    social = draw(st.sampled_from([0, 0, 10, 20]))
    weights = {"price": float(price), "quality": float(100 - price - social)}
    if social:
        weights["social_value"] = float(social)
    n = draw(st.integers(2, 5))
    names = [f"S{i}" for i in range(n)]
    rates = {s: draw(st.integers(80, 140)) / 10 for s in names}
    questions = ["Q1", "Q2"] + (["SV1"] if social else [])
    marks = {(s, q): float(draw(st.integers(0, 5))) for s in names for q in questions}
    return extra, weights, rates, marks


def _totals(extra: str, weights: dict[str, float], rates, marks) -> dict[str, float]:
    plan = make_plan(extra, _criteria(weights))
    result = tendereval.score(tender(plan, rates=rates, marks=marks), sensitivity=False)
    return dict(result.results.select("supplier", "total").rows())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=quality_priced_tenders(), pick=st.integers(0, 10_000))
def test_order_flips_exactly_at_the_reported_tipping_weight(case, pick) -> None:
    extra, weights, rates, marks = case
    plan = make_plan(extra, _criteria(weights))
    result = tendereval.score(tender(plan, rates=rates, marks=marks), samples=0)
    first = result.results.filter(pl.col("rank") == 1).sort("supplier").row(0, named=True)
    tips = result.tipping_points.drop_nulls("weight_to_win").filter(
        (pl.col("weight_to_win") > 0.01) & (pl.col("weight_to_win") < 99.99)
    )
    if tips.is_empty():
        return
    tip = tips.row(pick % tips.height, named=True)
    now, at = tip["weight_now"], tip["weight_to_win"]
    toward = 1.0 if at > now else -1.0
    challenger, leader = tip["supplier"], first["supplier"]

    def gap(weight: float) -> float:
        totals = _totals(extra, _moved(weights, tip["pillar"], weight), rates, marks)
        return totals[challenger] - totals[leader]

    # Not ahead just before the reported weight, ahead just after it.
    assert gap(at - 0.01 * toward) <= 1e-9
    assert gap(at + 0.01 * toward) > 0
