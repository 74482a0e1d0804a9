"""Amounts a plan types to a fraction of a penny are compared as their messages show them.

comparison.pence counted pounds as (pounds × 100) rounded, in floats: right for evaluated
prices (already to the penny as a cell shows them) but not for a figure typed to a fraction of
a penny, whose float lies just under the half: £2,550,000.135 × 100 is 255,000,013.49999999
in floats, so 255,000,013p, while every message writes it £2,550,000.14 (a cell's rounding).
So a ceiling price of £2,550,000.135 flagged a bid of £2,550,000.13 "at or above the ceiling
price of £2,550,000.14: it scores no price marks" (it scored some); a true cost of that amount
did not flag a bid of £2,550,000.13 "below the in-house true cost of £2,550,000.14"; and under
quality only, bids of £1.00 and £1.01 (the middle, £1.005, written £1.01) flagged £1.01 as
"not the middle one of the lot's bids (£1.01 …)". Now pence counts each amount as it is shown.
"""

from __future__ import annotations

import polars as pl
import pytest

from tendereval.comparison import pence
from tendereval.scoring import score
from tests.scoring.builders import make_plan, tender

QUALITY_ONLY = """
[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 100
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"
"""


def _flags(result, code: str) -> dict[str, str]:
    return dict(result.flags.filter(pl.col("code") == code).select("supplier", "message").rows())


@pytest.mark.parametrize(
    ("pounds", "counted"),
    [
        (1.005, 101),  # 100.49999999999999 in floats
        (2_550_000.135, 255_000_014),
        (100.125, 10_013),  # a half exactly
        (3_231_866.7499999995, 323_186_675),  # pounds added up: £3,231,866.75
        (-1.005, -101),
        (12.34, 1_234),
        (float("inf"), float("inf")),
    ],
)
def test_pence_counts_an_amount_as_a_cell_shows_it(pounds: float, counted: float) -> None:
    got = pl.select(pence(pl.lit(pounds, pl.Float64))).item()
    assert got == counted


def test_a_ceiling_typed_to_a_fraction_of_a_penny() -> None:
    plan = make_plan('[price]\nmethod = "linear_bounds"\nceiling_price = 2_550_000.135\n', volume=1)
    rates = {"A": 2_000_000, "B": 2_550_000.13, "C": 2_550_000.14}
    result = score(tender(plan, rates=rates), sensitivity=False)
    assert _flags(result, "price.at_ceiling") == {
        "C": "evaluated price £2,550,000.14 is at or above the ceiling price of £2,550,000.14: "
        "it scores no price marks"
    }
    points = dict(result.results.select("supplier", "price_score").rows())
    assert points["B"] > 0 and points["C"] == 0


def test_linear_bounds_scores_with_the_bounds_it_publishes() -> None:
    # Ceiling £200.005 and floor £100.005 are published as £200.01 and £100.01, and scored
    # so. A bid of £150.00 has 40 × (200.01 − 150)/(200.01 − 100.01) = 40 × 0.5001 = 20.004
    # points; scored with the bounds as typed it had 40 × 50.005/100 = 20.002.
    rules = '[price]\nmethod = "linear_bounds"\nceiling_price = 200.005\nfloor_price = 100.005\n'
    plan = make_plan(rules, volume=1)
    result = score(tender(plan, rates={"A": 150, "B": 200.01, "C": 100.01}), sensitivity=False)
    assert (
        "ceiling_price = £200.01 and floor_price = £100.01" in result.settings["price_description"]
    )
    points = dict(result.results.select("supplier", "price_score").rows())
    assert points == pytest.approx({"A": 20.004, "B": 0.0, "C": 40.0}, abs=1e-9)


def test_a_true_cost_typed_to_a_fraction_of_a_penny() -> None:
    lots = (
        '[[lots]]\nid = "L1"\nname = "Lot one"\ntrue_cost = 2_550_000.135\n'
        "volumes = { hours = 1 }\n"
    )
    plan = make_plan(lots=lots)
    rates = {"A": 2_550_000.13, "B": 2_550_000.14, "C": 2_600_000}
    result = score(tender(plan, rates=rates), sensitivity=False)
    flagged = _flags(result, "abnormally_low.true_cost")
    assert list(flagged) == ["A"]
    assert flagged["A"].startswith(
        "evaluated price £2,550,000.13 is below the in-house true cost of £2,550,000.14"
    )


def test_the_middle_price_under_quality_only_is_the_one_shown() -> None:
    plan = make_plan('[price]\nmethod = "quality_only"\n', QUALITY_ONLY, volume=1)
    result = score(tender(plan, rates={"A": 1.00, "B": 1.01}), sensitivity=False)
    flagged = _flags(result, "price.not_the_fixed_price")
    assert list(flagged) == ["A"]
    assert flagged["A"].startswith(
        "evaluated price £1.00 is not the middle one of the lot's bids (£1.01; they range "
        "from £1.00 to £1.01)"
    )
