"""Win probabilities under the price methods whose price score uses the quality points
(award_on_value, price_per_quality_point) are exact: in each weight sample every bid's price
score is worked out again from the quality and social value points at the sample's weights
(and the lot's lowest key with them), as scoring with those weights would.

The check is a plain re-working, one sample at a time, of the same seeded samples
(``sensitivity.weight_samples``): each pillar's points scale with its weight, the price key
(price − value × quality points, or price ÷ quality points) and the lowest key are recomputed,
and a sample goes to the bid with the highest total (an exact draw to the better-ranked bid,
shared between bids ranked equal).
"""

from __future__ import annotations

import math

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

import tendereval
from tendereval.scoring import sensitivity
from tests.award.red_team_tenders import Bid, tender_folder
from tests.scoring.builders import make_plan, tender
from tests.scoring.test_exact_quality_priced_tipping import _criteria, quality_priced_tenders
from tests.scoring.test_red_team_quality_priced_sensitivity import ON_VALUE

SAMPLES = 300
PROPERTY_SAMPLES = 150


def plain_probabilities(result, samples: int, seed: int) -> dict[str, float]:
    plan = result.plan
    rules = plan.price
    now = {k: plan.pillar_weight(k) for k in ("price", "quality", "social_value")}
    bids = result.results.filter(pl.col("status") == "ranked").rows(named=True)
    wins = dict.fromkeys((b["supplier"] for b in bids), 0.0)
    draws = sensitivity.weight_samples(plan, samples, seed).rows(named=True)
    for draw in draws:
        scale = {k: draw.get(f"w_{k}", 0.0) / w if w else 0.0 for k, w in now.items()}
        points = {
            b["supplier"]: scale["quality"] * b["quality_score"]
            + scale["social_value"] * b["social_value_score"]
            for b in bids
        }
        if rules.method == "award_on_value":
            key = {s: b["evaluated_price"] - rules.value_per_point * points[s]
                   for s, b in ((b["supplier"], b) for b in bids)}  # fmt: skip
        else:
            key = {s: b["evaluated_price"] / points[s] if points[s] > 0 else math.inf
                   for s, b in ((b["supplier"], b) for b in bids)}  # fmt: skip
        lowest = min(key.values())
        totals = {}
        for b in bids:
            s = b["supplier"]
            if key[s] == math.inf:
                share = 0.0
            elif key[s] <= 0:
                share = 1.0
            elif lowest <= 0:
                share = 0.0
            else:
                share = lowest / key[s]
            share = min(max(share, 0.0), 1.0)
            totals[s] = scale["price"] * now["price"] * share + points[s]
        best = max(totals.values())
        reach = [b for b in bids if totals[b["supplier"]] >= best - 1e-9]
        first = min(b["rank"] for b in reach)
        winners = [b["supplier"] for b in reach if b["rank"] == first]
        for s in winners:
            wins[s] += 1 / len(winners)
    return {s: w / samples for s, w in wins.items()}


def test_hand_worked_award_on_value_win_probability(tmp_path) -> None:
    """Award on value at £300 a point, price 60, quality 40 (Q1): Ash £10 (P £20,000) scores 4,
    Birch £12.20 (£24,400) 5, Cedar £9 (£18,000) 2. A sample is one quality weight w (price
    100 − w); scored again at w, the adjusted prices are 20,000 − 240w, 24,400 − 300w and
    18,000 − 120w, and each total is (100 − w) × lowest ÷ own + w × Q1/5. Ash wins below
    w = 44.05 and Birch above; held as scored, Birch only took over above 44.65."""
    price = {"Ash Care": 20_000, "Birch Care": 24_400, "Cedar Care": 18_000}
    share = {"Ash Care": 0.8, "Birch Care": 1.0, "Cedar Care": 0.4}

    def totals(w: float) -> dict[str, float]:
        adjusted = {s: price[s] - 300 * w * share[s] for s in price}
        lowest = min(adjusted.values())
        return {s: (100 - w) * lowest / adjusted[s] + w * share[s] for s in price}

    bids = [
        Bid("Ash Care", "A", 10, 4),
        Bid("Birch Care", "A", 12.2, 5),
        Bid("Cedar Care", "A", 9, 2),
    ]
    plan = ON_VALUE.replace("value_per_point = 200", "value_per_point = 300")
    folder = tender_folder(tmp_path / "tender", ["A"], bids, plan=plan)
    result = tendereval.score(folder, samples=SAMPLES)
    draws = sensitivity.weight_samples(result.plan, SAMPLES, result.settings["seed"])
    expected = dict.fromkeys(price, 0)
    for w in draws.get_column("w_quality"):
        at_w = totals(w)
        expected[max(at_w, key=at_w.get)] += 1
    got = dict(result.win_probability.select("supplier", "probability").rows())
    assert got == pytest.approx({s: n / SAMPLES for s, n in expected.items()})
    # The samples between the two crossings are what holding the shares got wrong.
    between = draws.filter(pl.col("w_quality").is_between(44.1, 44.6)).height
    assert between > 0 and got["Birch Care"] > 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=quality_priced_tenders(), seed=st.integers(0, 2**31))
def test_win_probability_matches_scoring_each_sample_again(case, seed) -> None:
    extra, weights, rates, marks = case
    plan = make_plan(extra, _criteria(weights))
    result = tendereval.score(
        tender(plan, rates=rates, marks=marks), samples=PROPERTY_SAMPLES, seed=seed
    )
    got = dict(result.win_probability.select("supplier", "probability").rows())
    assert got == pytest.approx(plain_probabilities(result, PROPERTY_SAMPLES, seed), abs=1e-12)
    assert result.settings["sensitivity_exact"] is True
    assert result.settings["sensitivity_note"] == ""
