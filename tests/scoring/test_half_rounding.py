"""Totals are compared, and shown, to 4 decimal places with a half rounded away from zero, as
Excel's ROUND and number format 0.0000 round it, so the report's live rank, every shown total
and the ranking agree (found by a red team: 91.53125 was ranked as 91.5312, half to even,
while the report showed it, and its live rank recalculated it, as 91.5313).

Price 40 (lowest price ratio), quality 40 (Q1 and Q2, 20 points each, 4 a step), social value
20 (4 a step). A prices £25,300 and scores nothing: 40. B prices £25,600: 40 × 25,300/25,600
= 39.53125 exactly, quality 5 + 4 = 36, social value 4 = 16: total 91.53125 exactly. C prices
£25,599.94: 40 × 25,300/25,599.94 = 39.531343 price points, quality 4 + 4 = 32, social value
5 = 20: total 91.531343. To 4 places a half away from zero both are 91.5313, a tie the plan's
tie-break settles on quality (B's 36 above C's 32): B wins. Half to even made B 91.5312 and C
the winner. (The prices are whole pence, as every price scored is.)"""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tendereval.comparison import points_units, rounded, rounded_expr
from tendereval.scoring import score
from tendereval.scoring.output import render
from tests.scoring.builders import make_plan, tender

C_PRICE = 25_599.94


@pytest.fixture(scope="module")
def result():
    plan = make_plan('\n[ranking]\ntie_break = ["quality", "price"]\n')
    marks = {
        ("A", "Q1"): 0,
        ("A", "Q2"): 0,
        ("A", "SV1"): 0,
        ("B", "Q1"): 5,
        ("B", "Q2"): 4,
        ("B", "SV1"): 4,
        ("C", "Q1"): 4,
        ("C", "Q2"): 4,
        ("C", "SV1"): 5,
    }
    rates = {"A": 25.3, "B": 25.6, "C": C_PRICE / 1000}
    return score(tender(plan, rates=rates, marks=marks), sensitivity=False)


def test_a_total_exactly_halfway_ties_with_one_that_rounds_alike(result) -> None:
    totals = dict(result.results.select("supplier", "total").rows())
    assert totals["B"] == 91.53125  # exactly: 52 + 39.53125
    assert totals["C"] == pytest.approx(52 + 40 * 25_300 / C_PRICE, abs=1e-12)
    assert rounded(totals["C"]) == 91.5313 != totals["C"]
    ranks = dict(result.results.select("supplier", "rank").rows())
    assert ranks == {"B": 1, "C": 2, "A": 3}  # level at 91.5313, B first on quality
    assert result.award.winner("L1") == "B"
    assert result.award.lots["L1"].level == ("C",)


def test_the_terminal_shows_the_total_as_it_was_compared(result) -> None:
    text = render(result)
    assert text.count("91.5313") == 2 and "91.5312" not in text


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (91.53125, 4, 91.5313),
        (-91.53125, 4, -91.5313),
        (91.53124999999, 4, 91.5312),
        (28.125, 2, 28.13),  # Python's round gives 28.12
        (0.49999999999999994, 0, 1.0),  # 0.500000000000000 in a cell's 15 digits
        (0.4999999999999, 0, 0.0),
        (float("inf"), 4, float("inf")),
    ],
)
def test_rounded(value: float, places: int, shown: float) -> None:
    assert rounded(value, places) == shown


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_rounded_agrees_with_the_units_points_are_compared_in(value: float) -> None:
    units = pl.select(points_units(pl.lit(value))).item()
    assert rounded(value) == units / 10_000
    # (On a column: a division by 10,000 there left 55.569300000000005 for 55.5693.)
    column = pl.Series([value, 55.56930634707381])
    assert column.to_frame("v").select(rounded_expr(pl.col("v"))).to_series().to_list() == [
        rounded(value),
        55.5693,
    ]
    assert math.isclose(rounded(value), value, abs_tol=0.00005 + 1e-9)
