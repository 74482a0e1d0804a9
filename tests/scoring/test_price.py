"""Price: evaluated price by hand, each price method with a worked example, and monotonicity."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.io import frames as F
from tendereval.plan import PRICE_METHODS, PriceRules
from tendereval.scoring import price as price_mod
from tendereval.scoring import score
from tests.example_copies import example_copy, example_with

from .builders import make_plan, tender


def fractions(
    method: str, prices: list[float], quality: list[float] | None = None, **params
) -> list[float]:
    """The price fractions the plan's method gives ``prices`` (all in the pool, one lot)."""
    plan = make_plan()
    plan = dataclasses.replace(plan, price=dataclasses.replace(plan.price, method=method, **params))
    df = pl.DataFrame(
        {
            "lot": ["L1"] * len(prices),
            "price": [float(p) for p in prices],
            "q": [float(q) for q in quality or [50.0] * len(prices)],
            "pool": [True] * len(prices),
        }
    )
    expr = price_mod.price_fraction(plan, pl.col("price"), pl.col("q"), pl.col("pool"), ["lot"])
    return df.select(expr).to_series().to_list()


def test_lowest_price_ratio_worked_example() -> None:
    # P_min = 100. 100/100 = 1; 100/125 = 0.8; 100/200 = 0.5. With W = 40: 40, 32, 20.
    assert fractions("lowest_price_ratio", [100, 125, 200]) == pytest.approx([1.0, 0.8, 0.5])
    plan = make_plan()  # price weight 40
    result = score(tender(plan, rates={"A": 10, "B": 12.5, "C": 20}), sensitivity=False)
    got = dict(result.results.select("supplier", "price_score").iter_rows())
    assert got == pytest.approx({"A": 40.0, "B": 32.0, "C": 20.0})


def test_linear_deduction_worked_example() -> None:
    # rate 1, floor 0: 1 − (P − 100)/100 → 100: 1; 150: 0.5; 250: max(0, −0.5) = 0.
    assert fractions("linear_deduction", [100, 150, 250]) == pytest.approx([1.0, 0.5, 0.0])
    # rate 0.5, floor 0.2: 150: 1 − 0.5 × 0.5 = 0.75; 300: 1 − 0.5 × 2 = 0 → floor 0.2.
    got = fractions("linear_deduction", [100, 150, 300], deduction_rate=0.5, floor=0.2)
    assert got == pytest.approx([1.0, 0.75, 0.2])


def test_linear_bounds_worked_example() -> None:
    # ceiling 200, floor 100: 90 ≤ floor → 1; 150 → (200−150)/(200−100) = 0.5;
    # 180 → 20/100 = 0.2; 210 ≥ ceiling → 0.
    got = fractions("linear_bounds", [90, 150, 180, 210], ceiling_price=200.0, floor_price=100.0)
    assert got == pytest.approx([1.0, 0.5, 0.2, 0.0])
    # No floor price: the lowest bid (120) is the floor. 160 → (200−160)/(200−120) = 0.5.
    got = fractions("linear_bounds", [120, 160, 200], ceiling_price=200.0)
    assert got == pytest.approx([1.0, 0.5, 0.0])


def test_logarithmic_worked_example() -> None:
    # A = 2: 1 − log(P/100)/log 2 → 100: 1; 100·√2: 1 − 0.5 = 0.5; 200: 0; 400: max(0, −1) = 0.
    got = fractions("logarithmic", [100, 100 * 2**0.5, 200, 400], log_base=2.0)
    assert got == pytest.approx([1.0, 0.5, 0.0, 0.0])


def test_price_per_quality_point_worked_example() -> None:
    # ratios P/Q: 100/50 = 2; 120/40 = 3; 150/60 = 2.5; min 2 → 2/2 = 1, 2/3, 2/2.5 = 0.8.
    got = fractions("price_per_quality_point", [100, 120, 150], quality=[50, 40, 60])
    assert got == pytest.approx([1.0, 2 / 3, 0.8])
    # No quality points: an infinite ratio, no price marks.
    assert fractions("price_per_quality_point", [100, 120, 90], quality=[50, 40, 0])[2] == 0.0


def test_award_on_value_worked_example() -> None:
    # value_per_point 2: adjusted = P − 2Q → 100 − 20 = 80; 120 − 80 = 40; 150 − 120 = 30.
    # min 30 → 30/80 = 0.375, 30/40 = 0.75, 1.
    got = fractions("award_on_value", [100, 120, 150], quality=[10, 40, 60], value_per_point=2.0)
    assert got == pytest.approx([0.375, 0.75, 1.0])


def test_award_on_value_guards_a_non_positive_adjusted_price() -> None:
    # value_per_point 3: 100 − 3·40 = −20 ≤ 0 → full marks; the others 0 (no ratio to −20).
    got = fractions("award_on_value", [100, 120, 150], quality=[40, 10, 10], value_per_point=3.0)
    assert got == [1.0, 0.0, 0.0]


def test_quality_only_ranks_on_quality_and_social_value() -> None:
    criteria = """
[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 100
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"
"""
    plan = make_plan('[price]\nmethod = "quality_only"\n', criteria)
    t = tender(
        plan,
        rates={"Cheap": 5, "Dear": 50, "Mid": 20},
        marks={("Cheap", "Q1"): 2, ("Dear", "Q1"): 5, ("Mid", "Q1"): 4},
    )
    result = score(t, sensitivity=False)
    ranks = dict(result.results.select("supplier", "rank").iter_rows())
    assert ranks == {"Dear": 1, "Mid": 2, "Cheap": 3}
    assert result.results.get_column("price_score").to_list() == [0.0, 0.0, 0.0]
    assert result.flags.filter(pl.col("code").str.starts_with("abnormally_low")).height == 0
    # The price is fixed and scores nothing, so a bid priced otherwise is said: Dear would be
    # awarded at ten times Cheap's price without a word. The middle price (Mid's) is not.
    fixed = result.flags.filter(code="price.not_the_fixed_price").sort("supplier")
    assert fixed.get_column("supplier").to_list() == ["Cheap", "Dear"]
    dear = fixed.get_column("message").to_list()[1]
    assert dear.startswith(
        "evaluated price £50,000.00 is not the middle one of the lot's bids (£20,000.00; they "
        "range from £5,000.00 to £50,000.00)"
    )


def test_every_method_is_documented() -> None:
    assert set(price_mod.METHODS) == set(PRICE_METHODS)
    fields = {f.name for f in dataclasses.fields(PriceRules)}
    for m in price_mod.METHODS.values():
        assert "score" in m.formula or "ratio" in m.formula
        assert len(m.source) > 40
        assert set(m.parameters) <= fields


def test_whole_life_and_npv_with_uplift_by_hand() -> None:
    # 3 years, 1,000 hours a year at £10 with a 3% yearly uplift:
    # whole life = 10,000 × (1 + 1.03 + 1.03²) = 10,000 × 3.0909 = 30,909.
    plan = make_plan(years=3)
    prices = F.frame(
        "prices",
        [
            {
                "supplier": "A",
                "lot": "L1",
                "item": "hours",
                "volume": 1000.0,
                "unit_rate": 10.0,
                "uplift": 0.03,
            }
        ],
    )
    t = tender(plan, rates={"A": 10}, prices=prices)
    result = score(t, sensitivity=False)
    assert result.results.get_column("evaluated_price").item() == pytest.approx(30_909.0)
    row = result.price_breakdown.row(0, named=True)
    assert (row["years"], row["discount_rate"], row["volume"]) == (3, 0.0, 1000.0)
    # NPV at 3.5%: 10,000 × (1 + 1.03/1.035 + 1.03²/1.035²)
    #            = 10,000 × (1 + 0.9951691 + 0.9903615) = 29,855.31 (to the penny).
    npv = make_plan('[price]\nevaluation = "npv"\ndiscount_rate = 0.035\n', years=3)
    result = score(tender(npv, rates={"A": 10}, prices=prices), sensitivity=False)
    # The net present value is 29,855.3058…: the price scored is the one shown, to the penny.
    assert result.results.get_column("evaluated_price").item() == 29_855.31
    assert result.settings["price_evaluation"] == "npv"


def _prices_and_scores(rates: dict[str, float], volume: float) -> dict[str, tuple]:
    plan = make_plan(volume=volume)  # price weight 40
    result = score(tender(plan, rates=rates), sensitivity=False)
    rows = result.results.select("supplier", "evaluated_price", "price_score", "rank")
    return {supplier: tuple(rest) for supplier, *rest in rows.iter_rows()}


def test_the_price_scored_is_the_evaluated_price_to_the_penny() -> None:
    """Before, £21.504 for one hour was shown as £21.50 everywhere and scored 40 × 21.50 /
    21.504 = 39.9926 price points, 0.0074 behind a bid of £21.50 shown alike: a fraction of a
    penny no output showed decided the award. The price scored is the one shown."""
    got = _prices_and_scores({"Alpha": 21.50, "Beta": 21.504, "Gamma": 25}, volume=1)
    # Equal quality (3 on each question) and £21.50 each: the same points, ranked equal.
    assert got["Alpha"] == got["Beta"] == (21.50, 40.0, 1)
    # Gamma by hand: 40 × 21.50 / 25 = 34.4.
    assert got["Gamma"][:2] == (25.0, pytest.approx(34.4, abs=1e-12))


def test_a_half_penny_is_rounded_away_from_zero() -> None:
    # 3 hours × £33.375 = £100.125: £100.13, as money is shown and compared, and level with a
    # bid of £100.13; £33.3749 an hour is £100.1247, so £100.12 and the lowest.
    got = _prices_and_scores({"Half": 33.375, "Whole": 100.13 / 3, "Under": 33.3749}, volume=3)
    assert got["Half"][0] == got["Whole"][0] == 100.13
    assert got["Under"][:2] == (100.12, 40.0)
    assert got["Half"][1] == got["Whole"][1] == pytest.approx(40 * 100.12 / 100.13, abs=1e-12)


def test_the_penny_scored_is_the_penny_excel_shows() -> None:
    # 2,341 hours × £18.275 is £42,781.775, a float's 42,781.774999999994: Excel shows
    # £42,781.78 (15 digits, then a half away from zero), as every output does, so that is
    # the price scored, level with a bid of £42,781.78 (not a penny below it).
    got = _prices_and_scores({"Rate": 18.275, "Whole": 42_781.78 / 2_341}, volume=2_341)
    assert 18.275 * 2_341 < 42_781.775  # (the float the sum makes)
    assert got["Rate"] == got["Whole"] == (42_781.78, 40.0, 1)


def test_unit_rates_are_not_rounded() -> None:
    # £21.504 an hour for 1,000 hours is £21,504.00 and beats £21.505 an hour, £21,505.00.
    got = _prices_and_scores({"Alpha": 21.504, "Beta": 21.505}, volume=1000)
    assert got["Alpha"] == (21_504.0, 40.0, 1)
    assert got["Beta"] == (21_505.0, pytest.approx(40 * 21_504 / 21_505, abs=1e-12), 2)


def test_missing_unit_rate_makes_the_bid_invalid_and_unused_items_are_free() -> None:
    extra = """
[[price.items]]
id = "nights"
description = "Overnight stays"
unit = "night"
"""
    lots = '[[lots]]\nid = "L1"\nname = "Lot one"\nvolumes = { hours = 1000, nights = 0 }\n'
    plan = make_plan(extra, lots=lots)
    prices = F.frame(
        "prices",
        [
            {"supplier": "A", "lot": "L1", "item": "hours", "volume": 1000.0, "unit_rate": 10.0},
            {"supplier": "A", "lot": "L1", "item": "nights", "volume": 0.0, "unit_rate": None},
            {"supplier": "B", "lot": "L1", "item": "hours", "volume": 1000.0, "unit_rate": None},
        ],
    )
    result = score(tender(plan, rates={"A": 10, "B": 11}, prices=prices), sensitivity=False)
    a, b = result.results.sort("supplier").iter_rows(named=True)
    assert (a["status"], a["evaluated_price"]) == ("ranked", 10_000.0)
    assert b["status"] == "invalid"
    # The loader's error for a blank rate, at the frame's row: it holds the award back.
    assert b["reasons"] == [
        "B: unit rate is missing for hours in lot L1 (the prices frame's unit_rate column) "
        "(found null); expected a unit rate for hours (yearly volume 1000) (prices frame › row 3)",
        "no unit rate for the price item 'hours'",
    ]
    assert b["total"] is None


@pytest.mark.parametrize("typed", [-70, "TBC"])
def test_a_refused_rate_is_one_reason_not_also_a_missing_one(tmp_path, typed) -> None:
    """A supplier who typed -70 gave a rate, a wrong one: its bid (and its assessment summary)
    gave both the refusal at G7 and "no unit rate for the price item 'day_sessions'"."""
    bid = "bids/meridian-care-group-plc.xlsx"
    folder = example_with(tmp_path, "carers-short-breaks", bid, "Prices!G7", typed)
    result = tendereval.score(folder, sensitivity=False)
    (meridian,) = result.results.filter(supplier="Meridian Care Group plc").rows(named=True)
    assert meridian["status"] == "invalid"
    (reason,) = meridian["reasons"]
    assert reason.startswith("unit rate: ") and reason.endswith(f"({bid} › Prices › G7)")


def test_an_uplift_that_could_not_be_read_leaves_the_bid_without_a_price() -> None:
    """An uplift cell the loader refused (null uplift, its cell named) was priced as 0%: the
    invalid bid showed 1,000 hours × £10 = £10,000, a price it never offered. With no uplift
    given at all (no cell), none is applied: £10,000 (the plan's contract is one year)."""
    plan = make_plan()
    prices = F.frame(
        "prices",
        [
            {"supplier": s, "lot": "L1", "item": "hours", "volume": 1000.0, "unit_rate": 10.0}
            | ({"uplift_cell": "Prices › H5"} if s == "Refused" else {})
            for s in ("None given", "Refused")
        ],
    )
    result = score(
        tender(plan, rates={"None given": 10, "Refused": 10}, prices=prices), sensitivity=False
    )
    given, refused = result.results.sort("supplier").iter_rows(named=True)
    assert (given["status"], given["evaluated_price"]) == ("ranked", 10_000.0)
    assert (refused["status"], refused["evaluated_price"]) == ("invalid", None)
    # A frame's null uplift at a named cell, with no error there, is an error of its own.
    assert refused["reasons"] == [
        "Refused: the yearly uplift for hours in lot L1 is unknown (null in the prices frame's "
        "uplift column, with its cell Prices › H5 named), so the bid has no evaluated price "
        "(found null); expected the yearly uplift as a share (0.025 for 2.5%), 0 for none; or "
        "uplift_cell null too where the bid gives no uplift (prices frame › row 2)",
        "no evaluated price: the yearly uplift cannot be read for the price item 'hours'",
    ]
    item = result.price_breakdown.filter(pl.col("supplier") == "Refused").row(0, named=True)
    assert (item["uplift"], item["item_price"]) == (None, None)
    # The one price left is the lowest: the refused bid set nobody's price score.
    assert given["price_score"] == pytest.approx(40.0)


def test_the_year_factor_of_an_unknown_uplift_is_unknown() -> None:
    """pl.sum_horizontal skips nulls: the factor of a null uplift came out as 0."""
    df = pl.DataFrame({"u": [None, 0.03]}, schema={"u": pl.Float64})
    got = df.select(price_mod.year_factor(3, pl.col("u"), 0.0)).to_series().to_list()
    assert got[0] is None
    assert got[1] == pytest.approx(1 + 1.03 + 1.03**2, rel=1e-15)


RATE_METHODS = {
    "lowest_price_ratio": {},
    "linear_deduction": {"deduction_rate": 1.5, "floor": 0.1},
    "linear_bounds": {"ceiling_price": 900.0},
    "logarithmic": {"log_base": 3.0},
    "price_per_quality_point": {},
    "award_on_value": {"value_per_point": 4.0},
    "quality_only": {},
}


@pytest.mark.parametrize("method", sorted(RATE_METHODS))
@settings(max_examples=60, deadline=None)
@given(
    prices=st.lists(st.floats(10, 1000), min_size=3, max_size=7),
    quality=st.lists(st.floats(0, 60), min_size=7, max_size=7),
    which=st.integers(0, 6),
    cut=st.floats(0.01, 0.9),
)
def test_a_lower_price_never_lowers_the_price_score(method, prices, quality, which, cut) -> None:
    which %= len(prices)
    quality = quality[: len(prices)]
    before = fractions(method, prices, quality, **RATE_METHODS[method])
    lowered = [p * (1 - cut) if i == which else p for i, p in enumerate(prices)]
    after = fractions(method, lowered, quality, **RATE_METHODS[method])
    assert after[which] >= before[which] - 1e-12
    assert all(0.0 <= f <= 1.0 for f in after)


def test_the_build_up_keeps_where_each_rate_uplift_and_volume_came_from() -> None:
    plan = make_plan(years=2)
    where = {"source": "bids/a.xlsx", "cell": "Prices › G5", "uplift_cell": "Prices › H5"}
    given = {"volume": 1000.0, "volume_source": "tender.toml", "volume_cell": "from the loader"}
    prices = F.frame(
        "prices",
        [
            # A's volume came with the row (as every loader gives it); B's is left to the plan.
            {"supplier": "A", "lot": "L1", "item": "hours", "unit_rate": 10.0, **where, **given},
            {"supplier": "B", "lot": "L1", "item": "hours", "unit_rate": 11.0, **where},
        ],
    )
    result = score(tender(plan, rates={"A": 10, "B": 11}, prices=prices), sensitivity=False)
    a, b = result.price_breakdown.iter_rows(named=True)
    for row in (a, b):
        assert (row["source"], row["rate_cell"], row["uplift_cell"]) == tuple(where.values())
        assert (row["volume"], row["volume_source"]) == (1000.0, "tender.toml")
    assert (a["volume_cell"], b["volume_cell"]) == ("from the loader", "lots › L1 › volumes.hours")


def test_a_bid_at_or_above_the_ceiling_price_is_flagged() -> None:
    """linear_bounds' worked example as bids: 90, 150, 180, 200 and 210 (thousand) against a
    ceiling of £200,000. The last two score no price marks and are flagged; before, a ceiling
    typed in £ millions gave every bid 0 for price without a word."""
    plan = make_plan('[price]\nmethod = "linear_bounds"\nceiling_price = 200_000\n')
    rates = {"A": 90, "B": 150, "C": 180, "D": 200, "E": 210}  # × 1,000 hours, 1 year
    result = score(tender(plan, rates=rates), sensitivity=False)
    flagged = result.flags.filter(pl.col("code") == "price.at_ceiling")
    assert flagged.get_column("supplier").sort().to_list() == ["D", "E"]
    assert flagged.filter(pl.col("supplier") == "E").item(0, "message") == (
        "evaluated price £210,000.00 is at or above the ceiling price of £200,000.00: it scores "
        "no price marks"
    )
    assert flagged.get_column("severity").unique().to_list() == ["warning"]
    prices = dict(result.results.select("supplier", "price_score").iter_rows())
    # No floor: the lowest bid (90) is the floor; 150 → (200 − 150)/(200 − 90) of 40 marks.
    assert prices == pytest.approx(
        {"A": 40.0, "B": 40 * 50 / 110, "C": 40 * 20 / 110, "D": 0.0, "E": 0.0}
    )


@pytest.mark.parametrize(
    ("rates", "flagged", "words"),
    [
        # C's rates typed in pence: 1,000 hours at £1,500 against £10 and £12.
        ({"A": 10, "B": 12, "C": 1500}, "C", "125 times the median of the lot's bids (£12,000.00)"),
        ({"A": 10, "C": 1500}, "C", "150 times the other bid's (£10,000.00)"),
        ({"A": 10, "B": 12, "C": 49}, None, ""),  # under 5 times the median of 12
    ],
)
def test_a_price_many_times_the_others_is_flagged(rates, flagged, words) -> None:
    """With no estimated value for the lot, rates typed in pence were ranked last without a
    word: a clarification would have shown the slip."""
    plan = make_plan()
    result = score(tender(plan, rates=rates), sensitivity=False)
    found = result.flags.filter(pl.col("code") == "price.far_above_others")
    assert found.get_column("supplier").to_list() == ([flagged] if flagged else [])
    if flagged:
        price = rates[flagged] * 1000
        assert found.item(0, "message") == (
            f"evaluated price £{price:,.2f} is {words}: check the unit rates (typed in pence, "
            "or a total in a rate cell?)"
        )
        assert found.item(0, "severity") == "warning"


def test_a_price_far_below_the_lots_estimated_value_is_flagged() -> None:
    """The lot is estimated at £100,000: 1,000 hours a year for a year at about £100. With the
    yearly hours typed as 1 (thousands), every bid came to about £100, and every price score was
    worked out on that without a word; each bid is now flagged. A bid of £19,999 (1,000 hours
    at £19.999) is under a fifth of the estimate, one of £20,000 is not."""
    lots = '[[lots]]\nid = "L1"\nname = "Lot one"\nestimated_value = 100_000\n'
    slipped = make_plan(lots=lots + "volumes = { hours = 1 }\n")
    result = score(tender(slipped, rates={"A": 95, "B": 105}), sensitivity=False)
    found = result.flags.filter(pl.col("code") == "price.far_below_estimate")
    assert found.get_column("supplier").to_list() == ["A", "B"]
    assert found.filter(pl.col("supplier") == "A").item(0, "message") == (
        "evaluated price £95.00 is less than 1/5 of the lot's estimated value (£100,000.00): "
        "check the plan's yearly volumes and contract years, and the bid's unit rates"
    )
    plan = make_plan(lots=lots + "volumes = { hours = 1000 }\n")
    result = score(tender(plan, rates={"A": 19.999, "B": 20}), sensitivity=False)
    found = result.flags.filter(pl.col("code") == "price.far_below_estimate")
    assert found.get_column("supplier").to_list() == ["A"]


def test_every_bid_of_a_lot_over_twice_its_estimate_is_flagged() -> None:
    """The lot is estimated at £100,000 for its 1,000 hours a year. With the whole contract's
    hours (3,000 over three years) typed as the yearly volume, every price came to three
    times the estimate, under the single-bid bound of 5, without a word."""
    lots = '[[lots]]\nid = "L1"\nname = "Lot one"\nestimated_value = 100_000\n'

    def flagged(hours: int, rates: dict) -> list[str]:
        plan = make_plan(lots=lots + f"volumes = {{ hours = {hours} }}\n")
        found = score(tender(plan, rates=rates), sensitivity=False).flags
        return (
            found.filter(pl.col("code") == "price.lot_above_estimate")
            .get_column("supplier")
            .to_list()
        )

    assert flagged(3000, {"A": 100, "B": 120}) == ["A", "B"]  # £300,000 and £360,000
    assert flagged(1000, {"A": 100, "B": 120}) == []
    # One bid at twice the estimate or less: the bids, not the plan, may be out of line.
    assert flagged(1000, {"A": 200, "B": 500}) == []
    assert flagged(1000, {"A": 200.01, "B": 500}) == ["A", "B"]


@pytest.mark.parametrize(
    ("setting", "code", "flagged"),
    [
        # At the true cost is not below it ...
        ("true_cost = 3_231_866.75", "abnormally_low.true_cost", False),
        # ... and at the ceiling price scores no price marks, as above it.
        ('method = "linear_bounds"\nceiling_price = 3_231_866.75', "price.at_ceiling", True),
    ],
)
def test_money_is_compared_to_the_penny(tmp_path, setting, code, flagged) -> None:
    """Weald Carers Trust's evaluated price is £3,231,866.75 exactly (£1,050,800 a year over
    three years with a 2.5% uplift), but its pounds add up to 3231866.7499999995: it was
    flagged as below a true cost of £3,231,866.75, and not at a ceiling of that price."""
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    old = 'method = "lowest_price_ratio"' if "ceiling" in setting else "true_cost = 2_550_000"
    plan.write_text(text.replace(old, setting, 1), encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    weald = result.flags.filter(supplier="Weald Carers Trust", code=code)
    assert weald.height == (1 if flagged else 0)


def test_a_price_explanation_says_what_the_formula_gave_the_tender(tmp_path) -> None:
    """Each bid's price explanation (the assessment summary's, for its tender) named only the
    method: a bidder could not see what share of the price marks its price earned. Weald
    Carers Trust: 40 × £2,273,877.20 ÷ £3,231,866.75 = 28.1432 points, 70.36% of the marks."""
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    weald = result.criteria.filter(supplier="Weald Carers Trust", criterion="price").row(
        0, named=True
    )
    assert weald["weighted"] == pytest.approx(40 * 2_273_877.20 / 3_231_866.75)
    assert weald["reason"] == (
        "evaluated price £3,231,866.75 (whole-life cost over 3 years), scored by lowest price "
        "ratio: 70.36% of the price marks, 28.14 of 40 points"
    )
