"""Evaluated price and the registry of price-scoring methods.

**Evaluated price.** A bid's evaluated price for a lot is its whole-life cost from the pricing
schedule::

    Σ_items Σ_{y=0}^{years−1} volume × unit_rate × (1 + uplift)^y × d^y

where ``years`` is the plan's ``contract_years``, ``uplift`` the bid's yearly indexation for the
item, and ``d = 1/(1 + discount_rate)`` when the plan evaluates the net present value (``npv``),
``d = 1`` for plain whole-life cost. Year 0 is undiscounted (prices paid in the first year are
taken at face value). The sum is taken to the penny (:func:`to_the_penny`), the figure every
output shows and the one the price methods score. Package offers are priced as given and only
used by the allocation step, so they are not scored here.

**Whole-life price.** The same sum with ``d = 1`` whatever the evaluation: what the contract
would pay over its years, uplifts included. Under ``npv`` it is the figure an award's value
states (the evaluated price, discounted, is what the tenders were compared on).

**Price methods.** Each method turns a bid's evaluated price into a *fraction* (0..1) of the
price marks; the price score is that fraction × the price criterion's weight ``W``. Every method
is written as a *key* per bid and a *reference* over the pool of bids the formula compares
against (the lowest key — or a fixed bound), so relative formulas can be re-run over any pool
(one lot, one lot without a withdrawn bidder) with a polars window. The pool is the bids
eligible to be ranked: not invalid, and not disqualified on a quality threshold (see
``docs/scoring.md``: price is scored among compliant bids).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from tendereval.comparison import rounded_expr
from tendereval.limits import MAX_MONEY
from tendereval.plan import Plan, PriceRules
from tendereval.scoring.common import as_written
from tendereval.wording import counted, listed, pounds

KeyFn = Callable[[pl.Expr, pl.Expr, PriceRules], pl.Expr]
FractionFn = Callable[[pl.Expr, pl.Expr, pl.Expr, PriceRules], pl.Expr]
SettingsFn = Callable[[PriceRules], list[str]]


@dataclass(frozen=True)
class PriceMethod:
    """A price-scoring method: how a bid's key is built and turned into a fraction of W.

    ``key(price, quality_points, rules)`` is the per-bid quantity the method compares (lower
    is better); ``fraction(key, reference, price, rules)`` the share of the price marks, given
    the pool's reference (the lowest key); ``relative`` says whether the reference depends on
    the other bids (then a withdrawn bid can change the others' scores); ``uses_quality``
    whether the key uses the bid's quality points (then the share of the price marks moves
    when a quality or social value weight changes); for those, ``merit(price, quality_points,
    rules)`` is a quantity linear in the quality points that is larger exactly when the key is
    lower, so the pool's lowest key belongs to its largest merit (the sensitivity analysis
    bounds which bids can set the reference between two weights with it). ``settings(rules)``
    gives the values of the method's ``parameters`` as the plan sets them, in words a bidder
    can check its score with (see :func:`describe`).
    """

    name: str
    title: str
    key: KeyFn
    fraction: FractionFn
    formula: str
    source: str
    parameters: tuple[str, ...]
    relative: bool = True
    uses_quality: bool = False
    merit: KeyFn | None = None
    settings: SettingsFn = lambda rules: []


def _price_key(price: pl.Expr, quality: pl.Expr, rules: PriceRules) -> pl.Expr:
    return price


def _lowest_price_ratio(key: pl.Expr, ref: pl.Expr, price: pl.Expr, rules: PriceRules) -> pl.Expr:
    return ref / key


def _linear_deduction(key: pl.Expr, ref: pl.Expr, price: pl.Expr, rules: PriceRules) -> pl.Expr:
    lost = rules.deduction_rate * (key - ref) / ref
    return pl.max_horizontal(pl.lit(rules.floor), 1.0 - lost)


def _linear_bounds_reference(ref: pl.Expr, rules: PriceRules) -> pl.Expr:
    return _bound(rules.floor_price) if rules.floor_price is not None else ref


def _bound(amount: float | None) -> pl.Expr:
    """A ceiling or floor price as it is published and scored: to the penny, as the prices
    are (:func:`to_the_penny`). A ceiling typed as £20,000.135 is the £20,000.14 the
    description states, so a bidder reproduces its score from the published figures."""
    return to_the_penny(pl.lit(amount if amount is not None else float("nan"), pl.Float64))


def bounds_as_scored(rules: PriceRules) -> tuple[float | None, float | None]:
    """linear_bounds' ``ceiling_price`` and ``floor_price`` as it scores them and its
    description publishes them (:func:`_bound`: to the penny); None for one not set. The plan's
    check that the floor is below the ceiling reads them here: typed as £100.004 and £100.001
    they are both £100.00, and a bid of £100.00 would be at the floor and the ceiling at once."""
    ceiling, floor = pl.select(
        ceiling=_bound(rules.ceiling_price), floor=_bound(rules.floor_price)
    ).row(0)
    return (
        None if rules.ceiling_price is None else ceiling,
        None if rules.floor_price is None else floor,
    )


def _linear_bounds(key: pl.Expr, ref: pl.Expr, price: pl.Expr, rules: PriceRules) -> pl.Expr:
    top = _bound(rules.ceiling_price)
    low = _linear_bounds_reference(ref, rules)
    # At or below the floor: full marks; at or above the ceiling: none. Testing the ends first
    # also keeps a zero-width band (lowest bid = ceiling) from dividing by zero.
    return (
        pl.when(key >= top)
        .then(0.0)
        .when(key <= low)
        .then(1.0)
        .otherwise((top - key) / (top - low))
    )


def _logarithmic(key: pl.Expr, ref: pl.Expr, price: pl.Expr, rules: PriceRules) -> pl.Expr:
    import math

    return pl.max_horizontal(pl.lit(0.0), 1.0 - (key / ref).log() / math.log(rules.log_base))


def _ratio_key(price: pl.Expr, quality: pl.Expr, rules: PriceRules) -> pl.Expr:
    # No quality points: the ratio is infinite and the bid earns no price marks.
    return pl.when(quality > 0).then(price / quality).otherwise(float("inf"))


def _ratio_fraction(key: pl.Expr, ref: pl.Expr, price: pl.Expr, rules: PriceRules) -> pl.Expr:
    return pl.when(key.is_infinite()).then(0.0).otherwise(ref / key)


def _ratio_merit(price: pl.Expr, quality: pl.Expr, rules: PriceRules) -> pl.Expr:
    # Quality points per pound: the lowest price per point has the most points per pound.
    return pl.when(quality > 0).then(quality / price).otherwise(0.0)


def _value_key(price: pl.Expr, quality: pl.Expr, rules: PriceRules) -> pl.Expr:
    return price - (rules.value_per_point or 0.0) * quality


def _value_fraction(key: pl.Expr, ref: pl.Expr, price: pl.Expr, rules: PriceRules) -> pl.Expr:
    # Guard: when quality is worth more than the price (adjusted ≤ 0) a ratio means nothing.
    # Such a bid gets full marks; while the pool's lowest adjusted price is ≤ 0 the others
    # get none. Combine raises the flag "price.award_on_value_guard" so the plan is checked.
    return pl.when(key <= 0).then(1.0).when(ref <= 0).then(0.0).otherwise(ref / key)


def _value_merit(price: pl.Expr, quality: pl.Expr, rules: PriceRules) -> pl.Expr:
    return (rules.value_per_point or 0.0) * quality - price


def _fixed(key: pl.Expr, ref: pl.Expr, price: pl.Expr, rules: PriceRules) -> pl.Expr:
    return pl.lit(1.0)


def _pounds(amount: float | None) -> str:
    """Money as a plan sets it: £1,800,000 (to the penny only when it has pence)."""
    if amount is None:
        return "not set"
    return pounds(amount).removesuffix(".00")


def _percent(share: float) -> str:
    """A share or a rate as a percentage, to the places the plan gives: 0.035 is 3.5%."""
    return f"{as_written(round(share * 100, 6))}%"


def _deduction_settings(rules: PriceRules) -> list[str]:
    per_point = as_written(round(rules.deduction_rate, 6))
    return [
        f"rate = deduction_rate = {_percent(rules.deduction_rate)} (each 1% above the lowest "
        f"price loses {per_point}% of the price marks)",
        f"floor = {_percent(rules.floor)} of the price marks (no bid scores less)",
    ]


def _bounds_settings(rules: PriceRules) -> list[str]:
    floor = (
        f"floor_price = {_pounds(rules.floor_price)}"
        if rules.floor_price is not None
        else "no floor_price is set (P_min is the lowest bid)"
    )
    return [f"ceiling_price = {_pounds(rules.ceiling_price)}", floor]


def _log_settings(rules: PriceRules) -> list[str]:
    base = as_written(rules.log_base)
    return [f"log_base = {base} (a bid {base} times the lowest price scores 0)"]


def _value_settings(rules: PriceRules) -> list[str]:
    return [f"value_per_point = {_pounds(rules.value_per_point)} a quality point"]


METHODS: dict[str, PriceMethod] = {
    m.name: m
    for m in (
        PriceMethod(
            "lowest_price_ratio",
            "Lowest price ratio",
            _price_key,
            _lowest_price_ratio,
            "score = W × P_min / P_i",
            "Common UK public-sector practice ('lowest price ÷ tender price × available marks'); "
            "analysed with the other relative rules in Dini, Pacini & Valletti, 'Scoring rules', "
            "in Dimitri, Piga & Spagnolo (eds), Handbook of Procurement (CUP, 2006).",
            (),
        ),
        PriceMethod(
            "linear_deduction",
            "Linear deduction from the lowest price",
            _price_key,
            _linear_deduction,
            "score = W × max(floor, 1 − rate × (P_i − P_min) / P_min)",
            "Common UK public-sector practice: marks fall in proportion to the percentage "
            "above the lowest price (rate 1: 1% of the marks per 1% above the lowest).",
            ("deduction_rate", "floor"),
            settings=_deduction_settings,
        ),
        PriceMethod(
            "linear_bounds",
            "Linear between set bounds",
            _price_key,
            _linear_bounds,
            "score = W × clip((P_max − P_i) / (P_max − P_min), 0, 1), P_max = ceiling_price, "
            "P_min = floor_price (the lowest bid when floor_price is not set)",
            "Absolute scoring against a published budget ceiling (and floor); with a floor "
            "price set, scores do not depend on the other bids.",
            ("ceiling_price", "floor_price"),
            settings=_bounds_settings,
        ),
        PriceMethod(
            "logarithmic",
            "Logarithmic",
            _price_key,
            _logarithmic,
            "score = W × max(0, 1 − log(P_i / P_min) / log A), A = log_base",
            "A ratio-based rule: each multiple of the lowest price costs the same share of "
            "the marks; a bid A times the lowest scores 0 (see the brief's scoring methods).",
            ("log_base",),
            settings=_log_settings,
        ),
        PriceMethod(
            "price_per_quality_point",
            "Price per quality point",
            _ratio_key,
            _ratio_fraction,
            "ratio_i = P_i / Q_i; score = W × min(ratio) / ratio_i, Q_i = quality and social "
            "value points",
            "Price–performance ratio methods (e.g. the 'Richtwertmethode' of the German "
            "federal UfAB guidance): the lowest price per quality point wins.",
            (),
            uses_quality=True,
            merit=_ratio_merit,
        ),
        PriceMethod(
            "award_on_value",
            "Award on value (price less the money value of quality)",
            _value_key,
            _value_fraction,
            "adjusted_i = P_i − value_per_point × Q_i; score = W × min(adjusted) / adjusted_i "
            "(adjusted ≤ 0: full marks, and the plan is flagged)",
            "'Gunnen op waarde' / fictitious-deduction methods (PIANOo, the Dutch public "
            "procurement expertise centre): quality is converted to money and deducted from "
            "the price.",
            ("value_per_point",),
            uses_quality=True,
            merit=_value_merit,
            settings=_value_settings,
        ),
        PriceMethod(
            "quality_only",
            "Quality only (fixed price)",
            _price_key,
            _fixed,
            "no price score: the price is fixed and carries weight 0; bids are ranked on "
            "quality and social value",
            "Fixed-price competitions (e.g. spot-purchase or framework rates set by the buyer).",
            (),
            relative=False,
        ),
    )
}


def method(plan: Plan) -> PriceMethod:
    """The plan's price method."""
    return METHODS[plan.price.method]


def method_text(plan: Plan) -> str:
    """The plan's price method with the values of its settings: its name, its formula (W is
    the price weight) and what the plan sets each parameter to ("Linear between set bounds:
    score = …, where ceiling_price = £1,800,000 and floor_price = £1,050,000")."""
    return _method_text(plan.price)


def _method_text(rules: PriceRules) -> str:
    chosen = METHODS.get(rules.method)
    if chosen is None:
        return rules.method
    settings = chosen.settings(rules)
    where = f", where {listed(settings)}" if settings else ""
    return f"{chosen.title}: {chosen.formula}{where}"


def evaluation_text(plan: Plan) -> str:
    """How a bid's evaluated price is built, with the plan's contract years and, for a net
    present value, its discount rate."""
    return _evaluation_text(plan.price, plan.contract_years)


def _evaluation_text(rules: PriceRules, contract_years: int) -> str:
    years = counted(contract_years, "contract year")
    if rules.evaluation == "npv":
        return (
            f"Evaluated price = the net present value of the yearly payments over {years}, "
            f"{_discount_text(rules)}"
        )
    return f"Evaluated price = Σ items (yearly volume × unit rate, uplifted each year) over {years}"


def discount_text(plan: Plan) -> str:
    """How a net present value discounts the yearly payments, at the plan's rate."""
    return _discount_text(plan.price)


def _discount_text(rules: PriceRules) -> str:
    return (
        f"discounted at {_percent(rules.discount_rate)} a year (the first year's payments "
        "at face value)"
    )


def describe(plan: Plan) -> str:
    """How price is scored, once for every output a bidder or a committee reads (the
    assessment summaries, the reports, the award notice's criteria, the bid-return template,
    the terminal): the method with its settings' values, then how the evaluated price is
    built. With these a bidder can work out its own price score. Under quality_only it adds
    what is done with a price that is not the fixed one (:data:`NOT_THE_FIXED_PRICE`)."""
    return described(plan.price, plan.contract_years)


def described(rules: PriceRules, contract_years: int) -> str:
    """:func:`describe` for price ``rules`` evaluated over ``contract_years``: the words
    init --from-notice reads back from tendereval's own award notice (ocds.own_words)."""
    text = f"{_method_text(rules)}. {_evaluation_text(rules, contract_years)}."
    return f"{text} {NOT_THE_FIXED_PRICE}" if rules.method == "quality_only" else text


# What scoring does under quality_only with a price that is not the fixed one (combine's
# price.not_the_fixed_price): a warning for the buyer, never a rejection. Said wherever the
# method is, so a bidder asked for prices that carry no weight knows a price off the fixed one
# is looked at, and not that it is rejected.
NOT_THE_FIXED_PRICE = (
    "A tender whose evaluated price is not the middle one (the median, to the penny) of the "
    "evaluated prices of the tenders ranked in its lot is flagged for the buyer to check "
    "against the fixed price in the tender documents; the flag alone neither rejects the "
    "tender nor changes its score or rank."
)


def shares_move_with_weights(plan: Plan) -> bool:
    """Whether a bid's share of the price marks changes when the pillar weights change (the
    method scores price against quality points), so a what-if on the weights alone that holds
    the shares is only approximate."""
    return METHODS[plan.price.method].uses_quality


def is_relative(plan: Plan) -> bool:
    """Whether a bid's price score depends on the other bids in the pool."""
    rules = plan.price
    if rules.method == "linear_bounds":
        return rules.floor_price is None
    return METHODS[rules.method].relative


def price_fraction(
    plan: Plan,
    price: pl.Expr,
    quality_points: pl.Expr,
    in_pool: pl.Expr,
    over: list[str],
) -> pl.Expr:
    """The fraction (0..1) of the price marks for each row, vectorised over ``over`` windows.

    The reference is the lowest key among rows where ``in_pool`` is true within each window;
    a row outside the pool (a disqualified bid) is scored as if it alone had joined the pool,
    so its score is what it would have had without displacing anybody.
    """
    key = price_key(plan, price, quality_points)
    pool_ref = key.filter(in_pool).min().over(over)
    ref = pl.when(in_pool).then(pool_ref).otherwise(pl.min_horizontal(pool_ref, key))
    return fraction_of_key(plan, key, ref, price)


def fraction_of_key(plan: Plan, key: pl.Expr, reference: pl.Expr, price: pl.Expr) -> pl.Expr:
    """The fraction (0..1) of the price marks for a bid's key, given the pool's lowest key."""
    chosen = METHODS[plan.price.method]
    fraction = chosen.fraction(key, reference, price, plan.price)
    return (
        pl.when(price.is_null() & pl.lit(chosen.name != "quality_only"))
        .then(None)
        .otherwise(fraction.clip(0.0, 1.0))
    )


def merit(plan: Plan, price: pl.Expr, quality_points: pl.Expr) -> pl.Expr:
    """For a method whose key uses the quality points: the bid's merit (linear in the quality
    points, larger exactly when the key is lower; see :class:`PriceMethod`)."""
    chosen = METHODS[plan.price.method]
    if chosen.merit is None:
        raise ValueError(f"the price method {chosen.name} does not score price against quality")
    return chosen.merit(price, quality_points, plan.price)


def price_key(plan: Plan, price: pl.Expr, quality_points: pl.Expr) -> pl.Expr:
    """The per-bid quantity the plan's method compares (lower is better)."""
    rules = plan.price
    return METHODS[rules.method].key(price, quality_points, rules)


def year_factor(years: int, uplift: pl.Expr, discount_rate: float) -> pl.Expr:
    """Σ_{y=0}^{years−1} (1 + uplift)^y / (1 + discount_rate)^y, summed term by term (exact)."""
    growth = (1.0 + uplift) / (1.0 + discount_rate)
    terms = [growth.pow(y) for y in range(years)]
    # An unknown uplift is an unknown price, never the first year's alone.
    return pl.sum_horizontal(terms, ignore_nulls=False)


def price_breakdown(plan: Plan, prices: pl.DataFrame) -> pl.DataFrame:
    """One row per supplier × lot × plan item: the item's contribution to the evaluated price.

    ``prices`` is the loaders' prices frame (with a ``skey`` column added by the caller).
    The volume comes from the frame, falling back to the plan's lot volume when blank; an
    item that is not in the plan is left out (the loaders report it).

    Each value keeps where it came from: ``source`` (the file of the rate and the uplift),
    ``rate_cell``, ``uplift_cell``, and ``volume_source`` / ``volume_cell`` (the plan's place
    for a volume taken from the plan).
    """
    rules = plan.price
    discount = rules.discount_rate if rules.evaluation == "npv" else 0.0
    years = plan.contract_years
    plan_volumes = pl.DataFrame(
        {
            "lot": [lot.id for lot in plan.lots for _ in lot.volumes],
            "item": [item for lot in plan.lots for item, _ in lot.volumes],
            "plan_volume": [v for lot in plan.lots for _, v in lot.volumes],
            "plan_volume_cell": [
                lot.volume_cell(item) for lot in plan.lots for item, _ in lot.volumes
            ],
        },
        schema={
            "lot": pl.String,
            "item": pl.String,
            "plan_volume": pl.Float64,
            "plan_volume_cell": pl.String,
        },
    )
    items = [item.id for item in rules.items]
    # No uplift given (no cell for it: a form without the column, or frames built without
    # one) is none at all; a cell whose uplift could not be read is an unknown price, never 0.
    uplift = pl.coalesce("uplift", pl.when(pl.col("uplift_cell").is_null()).then(0.0))
    from_plan = pl.col("volume").is_null() & pl.col("plan_volume").is_not_null()
    return (
        prices.filter(pl.col("item").is_in(items))
        .join(plan_volumes, on=["lot", "item"], how="left")
        .with_columns(
            volume=pl.coalesce("volume", "plan_volume"),
            uplift=uplift,
            years=pl.lit(years, dtype=pl.Int64),
            discount_rate=pl.lit(discount),
            rate_cell=pl.col("cell"),
            volume_source=pl.when(from_plan)
            .then(pl.lit(plan.source))
            .otherwise(pl.col("volume_source")),
            volume_cell=pl.when(from_plan)
            .then(pl.col("plan_volume_cell"))
            .otherwise(pl.col("volume_cell")),
        )
        .with_columns(
            # An item the lot does not use (volume 0) costs nothing even when left unpriced.
            item_price=_item_price(years, discount),
            # What the contract pays for the item, undiscounted (the evaluated price's own
            # figure unless the plan evaluates npv): not a breakdown column, summed by
            # evaluated_prices into each bid's whole-life price.
            whole_life_item_price=_item_price(years, 0.0),
        )
    )


def _item_price(years: int, discount: float) -> pl.Expr:
    """An item's price over the contract's ``years``, each year discounted at ``discount``;
    nothing for an item the lot does not use (volume 0), even left unpriced."""
    return (
        pl.when(pl.col("volume") == 0)
        .then(0.0)
        .otherwise(
            pl.col("volume") * pl.col("unit_rate") * year_factor(years, pl.col("uplift"), discount)
        )
    )


def unpriced_items(
    plan: Plan,
    bid_keys: pl.DataFrame,
    breakdown: pl.DataFrame,
    refused: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """(skey, lot, reason) for every item a bid must price (volume above 0) but did not, and
    every item whose price cannot be worked out from what the bid gave: a yearly uplift that
    could not be read (null) is not taken as 0, so the bid has no evaluated price and is
    invalid for that reason, never ranked or shown on a price it did not offer.

    ``refused`` (``source``, ``rate_cell``): the cells an error in the inputs names. A rate
    read there but refused ("-70", "TBC") is said at its cell, and that error makes the bid
    invalid: "no unit rate" beside it would say the supplier gave none."""
    needed = pl.DataFrame(
        {
            "lot": [lot.id for lot in plan.lots for _, v in lot.volumes if v > 0],
            "item": [item for lot in plan.lots for item, v in lot.volumes if v > 0],
        },
        schema={"lot": pl.String, "item": pl.String},
    )
    rated = breakdown.filter(pl.col("unit_rate").is_not_null())
    accounted = rated.select("skey", "lot", "item")
    if refused is not None:
        said = breakdown.join(refused, on=["source", "rate_cell"], how="semi")
        accounted = pl.concat([accounted, said.select("skey", "lot", "item")])
    no_rate = (
        bid_keys.select("skey", "lot")
        .join(needed, on="lot")
        .join(accounted, on=["skey", "lot", "item"], how="anti")
        .select(
            "skey",
            "lot",
            "item",
            reason=pl.format("no unit rate for the price item '{}'", pl.col("item")),
        )
    )
    unworkable = (
        rated.join(bid_keys.select("skey", "lot"), on=["skey", "lot"], how="semi")
        .filter(pl.col("item_price").is_null())
        .select(
            "skey",
            "lot",
            "item",
            reason=pl.format(
                "no evaluated price: {} for the price item '{}'",
                pl.when(pl.col("uplift").is_null())
                .then(pl.lit("the yearly uplift cannot be read"))
                .otherwise(pl.lit("no yearly volume")),
                "item",
            ),
        )
    )
    return pl.concat([no_rate, unworkable]).sort("skey", "lot", "item").drop("item")


def evaluated_prices(breakdown: pl.DataFrame) -> pl.DataFrame:
    """Per (skey, lot): the evaluated price to the penny and the whole-life price
    (undiscounted: what the contract pays) to the penny, each null when any item's rate or
    volume is missing."""
    return (
        breakdown.sort(["skey", "lot", "item"])
        .group_by(["skey", "lot"], maintain_order=True)
        .agg(
            evaluated_price=_total("item_price"),
            whole_life_price=_total("whole_life_item_price"),
        )
    )


def to_the_penny(price: pl.Expr) -> pl.Expr:
    """The whole-life (or NPV) cost to the penny, a half penny away from zero: the figure
    every output shows, so the one the price formula scores and the shown prices reproduce
    the price scores (£21.504 for one hour is £21.50, level with a bid of £21.50, not 0.0074
    points behind it). Unit rates are not rounded: £21.504 an hour for 1,000 hours is
    £21,504.00. Rounded as a cell shows it (comparison.shown_units: Excel's 15 digits, then a
    half away from zero), so the penny scored is the penny every output shows: 18.275 x 2,341
    is 42,781.774999999994 in a float, £42,781.78 in Excel and here. A price beyond any
    contract (invalid whatever its pence) is left as it is, so its hundredfold cannot
    overflow."""
    return pl.when(price.abs() <= MAX_MONEY).then(rounded_expr(price, 2)).otherwise(price)


def _total(column: str) -> pl.Expr:
    return (
        pl.when(pl.col(column).is_null().any())
        .then(None)
        .otherwise(to_the_penny(pl.col(column).sum()))
    )
