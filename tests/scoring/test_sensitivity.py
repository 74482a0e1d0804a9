"""Sensitivity: tipping points by hand, seeded win probabilities, rank reversal."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.award.reversal import rank_reversal
from tendereval.scoring import score
from tendereval.scoring import sensitivity as sens
from tendereval.scoring.combine import rank_pool, relative_scores

from .builders import make_plan, tender

# Two lots, North worth more than South.
TWO_LOTS_VALUED = """
[[lots]]
id = "L1"
name = "North"
estimated_value = 200000
volumes = { hours = 1000 }

[[lots]]
id = "L2"
name = "South"
estimated_value = 100000
volumes = { hours = 1000 }
"""

HALF_AND_HALF = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 50

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 50
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 50
  scale = "five"
  [[criteria.questions]]
  id = "Q2"
  weight_of_parent = 50
  scale = "five"
"""


def test_tipping_point_by_hand() -> None:
    plan = make_plan(criteria=HALF_AND_HALF)
    # A: price 60 (lowest) → price fraction 1; quality 2/5 on both → 0.4. Total 50 + 20 = 70.
    # B: price 100 → 0.6; quality 5/5 → 1. Total 30 + 50 = 80: B wins.
    # Price weight w, quality 100 − w: A = w + 0.4(100 − w), B = 0.6w + (100 − w).
    # Equal when 0.6w + 40 = 100 − 0.4w → w = 60 (quality 40). Check: A = 60 + 16 = 76 = B.
    t = tender(
        plan,
        rates={"A": 60, "B": 100},
        marks={("A", "Q1"): 2, ("A", "Q2"): 2, ("B", "Q1"): 5, ("B", "Q2"): 5},
    )
    result = score(t, samples=200)
    tips = {r["pillar"]: r for r in result.tipping_points.iter_rows(named=True)}
    assert set(tips) == {"price", "quality"}
    assert tips["price"]["supplier"] == "A"
    assert tips["price"]["weight_to_win"] == pytest.approx(60.0)
    assert tips["price"]["change"] == pytest.approx(10.0)
    assert tips["quality"]["weight_to_win"] == pytest.approx(40.0)
    assert tips["quality"]["change"] == pytest.approx(-10.0)


def test_no_tipping_point_for_a_dominated_bid() -> None:
    plan = make_plan(criteria=HALF_AND_HALF)
    t = tender(plan, rates={"A": 60, "B": 100}, marks={("B", "Q1"): 1, ("B", "Q2"): 1})
    result = score(t, samples=200)
    assert result.tipping_points.get_column("weight_to_win").null_count() == 2
    probability = dict(result.win_probability.select("supplier", "probability").iter_rows())
    assert probability == {"A": 1.0, "B": 0.0}


def test_win_probability_is_deterministic_for_a_seed_and_recorded() -> None:
    plan = make_plan()
    # A close contest: A cheaper, B better quality.
    t = tender(
        plan,
        rates={"A": 10, "B": 11, "C": 30},
        marks={("A", "Q1"): 3, ("B", "Q1"): 4, ("B", "Q2"): 3},
    )
    one = score(t, samples=2000, seed=11)
    two = score(t, samples=2000, seed=11)
    other = score(t, samples=2000, seed=12)
    assert one.win_probability.equals(two.win_probability)
    p = dict(one.win_probability.select("supplier", "probability").iter_rows())
    assert p["A"] + p["B"] + p["C"] == pytest.approx(1.0)
    assert 0 < p["A"] < 1 and 0 < p["B"] < 1 and p["C"] == 0
    assert not one.win_probability.equals(other.win_probability)
    assert set(one.win_probability.get_column("seed")) == {11}
    assert set(one.win_probability.get_column("samples")) == {2000}
    assert (one.settings["seed"], one.settings["samples"]) == (11, 2000)


def test_weight_samples_centre_on_the_plan() -> None:
    plan = make_plan()  # 40 / 40 / 20
    draws = sens.weight_samples(plan, 20_000, seed=1)
    sums = draws.select(pl.sum_horizontal(pl.exclude("sample"))).to_series()
    assert sums.min() == pytest.approx(100.0) and sums.max() == pytest.approx(100.0)
    means = draws.select(pl.exclude("sample").mean()).row(0)
    assert means == pytest.approx((40.0, 40.0, 20.0), abs=0.2)
    # κ = 100: the standard deviation of a 40-point weight is √(0.4 × 0.6 / 101) × 100 ≈ 4.87.
    assert draws.get_column("w_price").std() == pytest.approx(4.87, abs=0.15)


@settings(max_examples=60, deadline=None)
@given(
    alphas=st.lists(st.floats(0.05, 500.0), min_size=1, max_size=3),
    seed=st.integers(0, 2**32),
    samples=st.integers(0, 300),
)
def test_gamma_draws_are_the_ones_gammavariate_gives(
    alphas: list[float], seed: int, samples: int
) -> None:
    # The weights drawn for a seed are published with the win probabilities: drawing them
    # faster must give the very numbers random.gammavariate gives, from the same stream.
    import random

    rng = random.Random(seed)
    expected = [rng.gammavariate(alpha, 1.0) for _ in range(samples) for alpha in alphas]
    assert sens._gamma_draws(random.Random(seed), alphas, samples) == expected


def test_weight_samples_are_those_of_gammavariate_scaled_to_the_total() -> None:
    import random

    plan = make_plan()  # 40 / 40 / 20
    rng, rows = random.Random(5), []
    for _ in range(500):
        draws = [rng.gammavariate(alpha, 1.0) for alpha in (40.0, 40.0, 20.0)]
        rows.append([g * (100.0 / sum(draws)) for g in draws])
    found = sens.weight_samples(plan, 500, seed=5).drop("sample").rows()
    assert found == [tuple(row) for row in rows]


def test_rank_reversal_detected_on_a_constructed_case() -> None:
    plan = make_plan(criteria=HALF_AND_HALF)
    # Lowest-price ratio, price 50, quality 50 (Q1, Q2 25 each). Prices 40 (C), 100 (B), 120 (A).
    # With C: A = 50 × 40/120 + 50 = 66.67; B = 50 × 40/100 + 25 + 20 = 65; C = 50 + 5 + 5 = 60.
    # Without C the lowest is 100: A = 41.67 + 50 = 91.67; B = 50 + 45 = 95 → B wins.
    marks = {
        ("A", "Q1"): 5,
        ("A", "Q2"): 5,
        ("B", "Q1"): 5,
        ("B", "Q2"): 4,
        ("C", "Q1"): 1,
        ("C", "Q2"): 1,
    }
    result = score(tender(plan, rates={"A": 120, "B": 100, "C": 40}, marks=marks), samples=100)
    assert result.results.filter(pl.col("rank") == 1).item(0, "supplier") == "A"
    reversal = {r["removed"]: r for r in result.rank_reversal.iter_rows(named=True)}
    assert reversal["C"]["changed"] and reversal["C"]["winner_after"] == "B"
    assert not reversal["B"]["changed"] and reversal["B"]["winner_after"] == "A"
    flag = result.flags.filter(pl.col("code") == "rank_reversal").row(0, named=True)
    assert flag["supplier"] == "A"
    assert flag["message"].startswith("if C withdrew, the winner would change from A to B")


@settings(max_examples=25, deadline=None)
@given(
    rates=st.lists(st.integers(5, 40), min_size=3, max_size=6),
    marks=st.lists(st.integers(0, 5), min_size=18, max_size=18),
    method=st.sampled_from(
        ["lowest_price_ratio", "linear_deduction", "logarithmic", "price_per_quality_point"]
    ),
)
def test_rank_reversal_shortcut_matches_rescoring_every_removal(rates, marks, method) -> None:
    plan = make_plan(f'[price]\nmethod = "{method}"\nlog_base = 3\n')
    suppliers = [f"S{i}" for i in range(len(rates))]
    marks_by = {
        (s, q): float(marks[3 * i + j])
        for i, s in enumerate(suppliers)
        for j, q in enumerate(("Q1", "Q2", "SV1"))
    }
    t = tender(plan, rates=dict(zip(suppliers, rates, strict=True)), marks=marks_by)
    pool = _pool(plan, t)

    result = score(t, sensitivity=False)

    def rescore(df, over):
        return rank_pool(plan, relative_scores(plan, df, over), over)

    quick = rank_reversal(result, sens.withdrawals(plan, pool, rescore))
    full = rank_reversal(result, sens.withdrawals(plan, pool, rescore, exhaustive=True))
    assert quick.equals(full)


@settings(max_examples=20, deadline=None)
@given(
    rates=st.lists(st.integers(5, 40), min_size=8, max_size=8),
    marks=st.lists(st.integers(0, 5), min_size=4, max_size=4),
    rule=st.sampled_from(["descending_value", "lot_order"]),
)
def test_rank_reversal_shortcut_holds_under_a_sequential_lot_cap(rates, marks, rule) -> None:
    """Under a cap applied lot by lot, a withdrawal that moves nobody's score leaves every
    lot's award as it was: only the withdrawals that set a reference are decided again."""
    order = 'cap_lot_order = ["L2", "L1"]\n' if rule == "lot_order" else ""
    plan = make_plan(
        f'\n[participation]\nmax_lots_per_supplier = 1\ncap_rule = "{rule}"\n{order}',
        lots=TWO_LOTS_VALUED,
    )
    suppliers = ("S0", "S1", "S2", "S3")
    bids = [(s, lot) for lot in ("L1", "L2") for s in suppliers]
    marks_by = {(s, "Q1"): float(mark) for s, mark in zip(suppliers, marks, strict=True)}
    t = tender(plan, rates=dict(zip(bids, rates, strict=True)), marks=marks_by)
    result = score(t, sensitivity=False)
    pool = _pool(plan, t)

    def rescore(df, over):
        return rank_pool(plan, relative_scores(plan, df, over), over)

    quick = rank_reversal(result, sens.withdrawals(plan, pool, rescore))
    full = rank_reversal(result, sens.withdrawals(plan, pool, rescore, exhaustive=True))
    assert quick.equals(full)


def _pool(plan, t) -> pl.DataFrame:
    """The ranked pool as combine builds it, rebuilt from the result's frames."""
    result = score(t, sensitivity=False)
    ranked = result.results.filter(pl.col("status") == "ranked").select("lot", "supplier")
    bids = (
        result.criteria.group_by("lot", "supplier")
        .agg(
            q_quality=pl.col("weighted").filter(pl.col("pillar") == "quality").sum(),
            q_social_value=pl.col("weighted")
            .filter(pl.col("kind") == "question", pl.col("pillar") == "social_value")
            .sum(),
        )
        .join(
            result.results.select("lot", "supplier", "evaluated_price", "social_value_amount"),
            on=["lot", "supplier"],
        )
        .join(ranked, on=["lot", "supplier"])
        .with_columns(skey=pl.col("supplier").str.to_lowercase(), in_pool=pl.lit(True))
    )
    return rank_pool(plan, relative_scores(plan, bids, ["lot"]), ["lot"])


def test_identical_bids_share_the_draws_they_win() -> None:
    """Two identical bids, ranked equal (the tie is not broken): one was credited with every
    draw they won (79%) and the other with none, as if the listing order chose the winner."""
    plan = make_plan(criteria=HALF_AND_HALF)
    # A and B: price 60 (lowest) → price fraction 1; quality 3/5 on both → 0.6.
    # C: price 75 → 0.8; quality 4/5 → 0.8. With price weight w: A = B = w + 0.6(100 − w)
    # = 60 + 0.4w and C = 80 at any w, so A and B win every draw with w > 50, about half.
    marks = {(s, q): m for s, m in (("A", 3), ("B", 3), ("C", 4)) for q in ("Q1", "Q2")}
    t = tender(plan, rates={"A": 60, "B": 60, "C": 75}, marks=marks)
    result = score(t, samples=4000, seed=3)
    p = dict(result.win_probability.select("supplier", "probability").iter_rows())
    assert p["A"] == p["B"]
    assert p["A"] + p["B"] + p["C"] == pytest.approx(1.0)
    assert 0.4 < p["A"] + p["B"] < 0.6


def test_a_first_place_tie_names_no_single_winner_in_rank_reversal() -> None:
    plan = make_plan(criteria=HALF_AND_HALF)
    # A and B identical and best at any weights (C is dearer and no better): both rank 1.
    marks = {(s, q): m for s, m in (("A", 4), ("B", 4), ("C", 3)) for q in ("Q1", "Q2")}
    t = tender(plan, rates={"A": 60, "B": 60, "C": 90}, marks=marks)
    result = score(t, samples=1000, seed=3)
    ranks = dict(result.results.select("supplier", "rank").iter_rows())
    assert ranks == {"A": 1, "B": 1, "C": 3}
    p = dict(result.win_probability.select("supplier", "probability").iter_rows())
    assert p == {"A": 0.5, "B": 0.5, "C": 0.0}
    assert result.rank_reversal.is_empty()  # it named A the winner "before" C withdrew


PRICE_ONLY = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 100
"""


# Equal totals are not separated by price (a penny apart in the tests below).
QUALITY_TIE_BREAK = '[ranking]\ntie_break = ["quality"]\n'


def test_bids_the_ranking_calls_level_share_the_draws_they_are_level_in() -> None:
    """Found by a red team: £10/h against £10.000001/h (£10,000 against £10,000.001 a year),
    quality equal. The ranking compares totals to 4 decimal places and money to the penny, so
    both rank first and the lot is undecided; the win probability compared each draw's totals
    to within 0.000000001 and gave Pine 100% and Quartz 0%. (Since the price scored is the
    evaluated price to the penny, those two are both £10,000.00; here they are a penny apart,
    and the plan breaks ties on quality alone.)

    Price only: every draw's price weight is the plan's 100, and Quartz (£100.00001/h,
    £100,000.01 a year) scores 100 × 100,000 ÷ 100,000.01 = 99.99999, which is 100.0000 to 4
    places, as Pine's: every draw is level, and shared."""
    plan = make_plan(QUALITY_TIE_BREAK, criteria=PRICE_ONLY)
    rates = {"Pine": 100, "Quartz": 100.00001, "Birch": 120}
    result = score(tender(plan, rates=rates), samples=200)
    assert result.award.lots["L1"].outcome == "undecided"
    p = dict(result.win_probability.select("supplier", "probability").iter_rows())
    assert p == {"Pine": 0.5, "Quartz": 0.5, "Birch": 0.0}


@pytest.mark.parametrize("method", ["lowest_price_ratio", "price_per_quality_point"])
def test_a_draw_is_level_when_its_totals_round_alike(method: str) -> None:
    """The same two tenders, price 50 and quality 50 (Q1, Q2 at 25). In a draw with price
    weight w, Pine is ahead of Quartz by w × (1 − 100,000 ÷ 100,000.01), under 0.00001 points:
    less than a ten-thousandth, so the two round alike (shared) unless a rounding point falls
    between them (Pine's), in at most a tenth of the draws. Quartz is never ahead, so its
    share lies between 0.45 and 0.5; it was 0."""
    plan = make_plan(f'[price]\nmethod = "{method}"\n' + QUALITY_TIE_BREAK, criteria=HALF_AND_HALF)
    rates = {"Pine": 100, "Quartz": 100.00001, "Birch": 120}
    result = score(tender(plan, rates=rates), samples=2000, seed=7)
    assert result.award.lots["L1"].outcome == "undecided"
    p = dict(result.win_probability.select("supplier", "probability").iter_rows())
    assert p["Pine"] + p["Quartz"] == pytest.approx(1.0) and p["Birch"] == 0.0
    assert 0.45 <= p["Quartz"] <= 0.5
