"""Offer generation: what the market model says each supplier would bid for each lot of a
packaging.

Rules (documented in docs/scenarios.md):

* *Coverage*: a supplier bids for a lot only if it can serve **every** unit in it. A lot that
  covers an area a supplier does not work in gets no bid from that supplier; partial bids are
  not modelled.
* *Size*: a supplier does not bid for a lot whose estimated annual value (volume × the buyer's
  true cost, the figure a notice would publish) is more than its ``max_share_of_turnover`` ×
  turnover (the market default unless the supplier has its own), nor for a lot below its
  ``min_lot_value``, nor for a lot whose volume is more than its capacity.
* *Price*: annual price = Σ over the lot's units of volume × unit price × multiplier, with
  multiplier = (lot volume ÷ reference volume) ^ (−elasticity), held between the market's
  ``min_multiplier`` and ``max_multiplier``. Larger lots are cheaper per unit when elasticity
  is above 0 (economies of scale).
* *Score*: the supplier's expected quality (0–100) × the lot's volume in thousands, so that
  totals weigh quality by how much of the service it applies to.
* *Capacity across lots*: a supplier's capacity (in volume a year) is passed to the optimiser
  as the most volume it can take; each offer carries its lot's volume, so the allocation
  never gives a supplier more volume than it said it could take, and may give it exactly
  that much.

SME and VCSE status are carried on each offer only so that a declared participation target can
be applied; they never change a price or a score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from tendereval.errors import InputError, Problem, Severity
from tendereval.io.keys import supplier_key
from tendereval.limits import MAX_MONEY
from tendereval.lot_splits.model import Packaging, Scenarios
from tendereval.scoring.common import grouped, money, num

SCORE_VOLUME = 1000  # score = quality × volume / SCORE_VOLUME


@dataclass(frozen=True)
class PackagingMarket:
    """The market's response to one packaging.

    ``lots``: lot, units, volume, value (at true cost), bidders, sme_bidders, vcse_bidders.
    ``bids``: every (lot, supplier) pair with multiplier, price, quality, eligible and the
    reason a supplier would not bid (``reason_code``: area, too_big, capacity, too_small).
    ``offers``: the eligible bids in the optimiser's shape.
    ``capacity``: supplier → most volume a year it can take, where that can bind.
    """

    packaging: Packaging
    lots: pl.DataFrame
    bids: pl.DataFrame
    offers: pl.DataFrame
    capacity: dict[str, float]

    @property
    def lots_without_bidders(self) -> list[str]:
        return self.lots.filter(pl.col("bidders") == 0).get_column("lot").to_list()

    def offers_with_ties_to(self, smes_first: bool) -> pl.DataFrame:
        """The offers numbered with SMEs, then VCSEs, first (or, ``smes_first`` False, last),
        each group by name, so that each exact tie goes to an SME or VCSE wherever one is in
        it (or to neither wherever it can): whether that changes an allocation's shares says
        whether a tie decides them. (Reversing the order of names alone missed a tie of three
        with the SME in the middle.)"""
        group = pl.when(pl.col("sme")).then(0).when(pl.col("vcse")).then(1).otherwise(2)
        order = group * (pl.col("name_order").max() + 1) + pl.col("name_order")
        renumbered = self.bids.filter(pl.col("eligible")).select(
            "offer_id", offer_ids(order if smes_first else -order).alias("renumbered")
        )
        return (
            self.offers.join(renumbered, on="offer_id", how="left")
            .with_columns(pl.col("renumbered").alias("offer_id"))
            .drop("renumbered")
        )


def suppliers_frame(model: Scenarios, prices: Mapping[str, float] | None = None) -> pl.DataFrame:
    """One row per supplier with the figures offer generation needs.

    ``prices`` replaces suppliers' central unit prices (a sample from their ranges).
    """
    market = model.market
    # Names are one per supplier, case and spacing aside (the loader refuses a second), so
    # this order has no ties and no part of it is the file's.
    by_name = sorted(model.suppliers, key=lambda s: (supplier_key(s.name), s.name))
    name_order = {s.name: number for number, s in enumerate(by_name)}
    rows = [
        {
            "supplier": s.name,
            "position": i,
            "name_order": name_order[s.name],
            "sme": s.sme,
            "vcse": s.vcse,
            "unit_price": (prices or {}).get(s.name, s.unit_price),
            "quality": s.quality,
            "turnover": s.turnover,
            "capacity": s.capacity,
            "serves": list(s.serves),
            "elasticity": s.elasticity if s.elasticity is not None else market.elasticity,
            "max_share": s.max_share_of_turnover
            if s.max_share_of_turnover is not None
            else market.max_share_of_turnover,
            "min_lot_value": s.min_lot_value,
        }
        for i, s in enumerate(model.suppliers)
    ]
    return pl.DataFrame(
        rows,
        schema={
            "supplier": pl.String,
            "position": pl.Int64,
            "name_order": pl.Int64,
            "sme": pl.Boolean,
            "vcse": pl.Boolean,
            "unit_price": pl.Float64,
            "quality": pl.Float64,
            "turnover": pl.Float64,
            "capacity": pl.Float64,
            "serves": pl.List(pl.String),
            "elasticity": pl.Float64,
            "max_share": pl.Float64,
            "min_lot_value": pl.Float64,
        },
    )


def lots_frame(model: Scenarios, packaging: Packaging) -> pl.DataFrame:
    """One row per (lot, unit) of ``packaging`` with the unit's volume and true-cost value."""
    units = {u.id: u for u in model.units}
    rows = [
        {
            "lot": lot,
            "lot_position": number,
            "unit": unit,
            "volume": units[unit].volume,
            "value": units[unit].value,
        }
        for number, (lot, members) in enumerate(packaging.lots)
        for unit in members
    ]
    return pl.DataFrame(
        rows,
        schema={
            "lot": pl.String,
            "lot_position": pl.Int64,
            "unit": pl.String,
            "volume": pl.Float64,
            "value": pl.Float64,
        },
    )


# What to check against the supplier's market engagement response, for each reason.
CHECK_FOR_REASON = {
    "area": "the units it serves (serves)",
    "too_big": "its turnover (in pounds, not £ millions)",
    "capacity": "its capacity (in the units' own volume, such as hours a year)",
    "too_small": "the smallest contract it bids for (min_lot_value)",
}


def _reasons_not_to_bid() -> list[tuple[str, pl.Expr, pl.Expr]]:
    """Why a supplier would not bid for a lot: (code, condition, reason in words) over a
    bid's row, in the order they are checked (the first that holds is the reason given)."""
    limit = pl.col("max_share") * pl.col("turnover")
    return [
        (
            "area",
            ~pl.col("covers"),
            pl.format("does not serve {}", pl.col("not_served").list.join(", ")),
        ),
        (
            "too_big",
            pl.col("value") > limit,
            pl.format(
                "lot value {} is more than {}, {}% of its turnover of {}",
                money(pl.col("value"), pence=False),
                money(limit, pence=False),
                num(pl.col("max_share") * 100, 1),
                money(pl.col("turnover"), pence=False),
            ),
        ),
        (
            "capacity",
            pl.col("capacity").is_not_null() & (pl.col("volume") > pl.col("capacity")),
            pl.format(
                "lot volume {} is more than its capacity of {}",
                grouped(pl.col("volume").round(0).cast(pl.Int64, strict=False)),
                grouped(pl.col("capacity").round(0).cast(pl.Int64, strict=False)),
            ),
        ),
        (
            "too_small",
            pl.col("min_lot_value").is_not_null() & (pl.col("value") < pl.col("min_lot_value")),
            pl.format(
                "lot value {} is below the smallest contract it bids for ({})",
                money(pl.col("value"), pence=False),
                money(pl.col("min_lot_value"), pence=False),
            ),
        ),
    ]


def build_market(
    model: Scenarios, packaging: Packaging, prices: Mapping[str, float] | None = None
) -> PackagingMarket:
    """Apply the market model to ``packaging`` (see the module docstring for the rules)."""
    market = model.market
    per_unit = lots_frame(model, packaging)
    lots = (
        per_unit.group_by("lot", "lot_position", maintain_order=True)
        .agg(
            pl.col("unit").alias("units"),
            pl.col("volume").sum(),
            pl.col("value").sum(),
        )
        .sort("lot_position")
    )
    suppliers = suppliers_frame(model, prices)
    # Coverage: does the supplier serve every unit in the lot? (empty serves: everywhere)
    coverage = (
        per_unit.select("lot", "unit")
        .join(suppliers.select("supplier", "serves"), how="cross")
        .with_columns(
            (pl.col("serves").list.len() == 0)
            .or_(pl.col("serves").list.contains(pl.col("unit")))
            .alias("served")
        )
        .group_by("lot", "supplier")
        .agg(
            pl.col("served").all().alias("covers"),
            pl.col("unit").filter(~pl.col("served")).alias("not_served"),
        )
    )
    multiplier = (
        (pl.col("volume") / market.reference_volume)
        .pow(-pl.col("elasticity"))
        .clip(market.min_multiplier, market.max_multiplier)
    )
    rules = _reasons_not_to_bid()
    code, reason = (
        pl.when(rules[0][1]).then(pl.lit(rules[0][0])),
        pl.when(rules[0][1]).then(rules[0][2]),
    )
    for name, condition, words in rules[1:]:
        code = code.when(condition).then(pl.lit(name))
        reason = reason.when(condition).then(words)
    bids = (
        lots.select("lot", "lot_position", "volume", "value")
        .join(suppliers, how="cross")
        .join(coverage, on=["lot", "supplier"], how="left")
        .with_columns(multiplier.alias("multiplier"))
        .with_columns(
            (pl.col("volume") * pl.col("unit_price") * pl.col("multiplier")).alias("price"),
            reason.alias("reason"),
            code.alias("reason_code"),
        )
        .with_columns(
            pl.col("reason").is_null().alias("eligible"),
            offer_ids(pl.col("name_order")).alias("offer_id"),
        )
        .sort("lot_position", "position")
        .select(
            "lot",
            "supplier",
            "offer_id",
            "sme",
            "vcse",
            "volume",
            "value",
            "unit_price",
            "multiplier",
            "price",
            "quality",
            "eligible",
            "reason",
            "reason_code",
            "capacity",
            "lot_position",
            "position",
            "name_order",
        )
    )
    eligible = bids.filter(pl.col("eligible"))
    _refuse_prices_out_of_range(model, packaging, eligible)
    offers = eligible.select(
        pl.col("offer_id"),
        pl.col("supplier"),
        pl.concat_list(pl.col("lot")).alias("lots"),
        pl.col("price").round(2),
        (pl.col("quality") * pl.col("volume") / SCORE_VOLUME).round(4).alias("score"),
        pl.col("sme"),
        pl.col("vcse"),
        pl.lit(None, dtype=pl.String).alias("group"),
        pl.col("quality"),
        pl.col("volume"),  # what a supplier's capacity counts
    )
    counts = eligible.group_by("lot").agg(
        pl.len().cast(pl.Int64).alias("bidders"),
        pl.col("sme").sum().cast(pl.Int64).alias("sme_bidders"),
        pl.col("vcse").sum().cast(pl.Int64).alias("vcse_bidders"),
    )
    lots = (
        lots.join(counts, on="lot", how="left")
        .with_columns(pl.col("bidders", "sme_bidders", "vcse_bidders").fill_null(0))
        .sort("lot_position")
        .drop("lot_position")
    )
    return PackagingMarket(packaging, lots, bids, offers, _capacity(eligible))


def offer_ids(order: pl.Expr) -> pl.Expr:
    """Each bid's offer_id: its lot, then its supplier's number in ``order`` (from 1).

    The optimiser settles an exact tie (equal cost and quality) by the earliest offer_id, so
    the numbering decides which of two suppliers tied on a lot wins it: by name, not by the
    order of the file, whose sections anyone may rearrange."""
    return pl.format("{}/{}", pl.col("lot"), order.rank("dense").cast(pl.Int64))


def suppliers_bidding_for_nothing(
    model: Scenarios, markets: list[PackagingMarket]
) -> list[Problem]:
    """A warning for each supplier that would bid for no lot of any packaging, with why: it
    counts for nothing in the model, which a commissioner should know (a lot it could bid
    for may be worth designing) rather than find one bidder fewer. A turnover typed in £
    millions (210 for £210m) does this too, and so do a capacity or a smallest contract out
    of scale with the units. For each reason the lot nearest to passing is named: the
    smallest lot that is too big, the largest that is too small; lots outside its area only
    when every lot is."""
    if not markets:
        return []
    bids = pl.concat([m.bids for m in markets])
    idle = bids.group_by("supplier").agg(pl.col("eligible").any()).filter(~pl.col("eligible"))
    if idle.is_empty():
        return []
    nearest = pl.when(pl.col("reason_code") == "too_small").then(-pl.col("value"))
    order = {code: number for number, (code, *_) in enumerate(_reasons_not_to_bid())}
    # A lot outside its area says nothing about a supplier that keeps out of the lots in it.
    in_area = pl.col("reason_code") != "area"
    why = (
        bids.join(idle.select("supplier"), on="supplier")
        .filter(in_area | ~in_area.any().over("supplier"))
        .group_by("supplier", "position", "reason_code")
        .agg(pl.col("reason").sort_by(nearest.otherwise(pl.col("value"))).first())
        .with_columns(
            pl.col("reason_code").replace_strict(order, return_dtype=pl.Int64).alias("_order")
        )
        .sort("position", "_order")
    )
    problems = []
    for (supplier, position), rows in why.group_by("supplier", "position", maintain_order=True):
        codes = rows.get_column("reason_code").to_list()
        reasons = [
            f"it {reason}" if code == "area" else reason  # "found it does not serve B"
            for code, reason in zip(codes, rows.get_column("reason").to_list(), strict=True)
        ]
        # The figure to check is the one behind the reason: the advice on a turnover in £
        # millions was given where the supplier's area or capacity kept it out.
        checks = [CHECK_FOR_REASON[code] for code in codes]
        problems.append(
            Problem(
                f"{supplier} would bid for no lot of any packaging, so it counts for nothing "
                "in the model",
                file=model.source,
                cell=f"suppliers[{position}]",
                found="; ".join(reasons),
                expected="a packaging with a lot it could bid for, if it should have one; "
                f"else {' and '.join(checks)} checked against its market engagement response",
                code="scenarios.bids_for_nothing",
                severity=Severity.WARNING,
            )
        )
    return problems


def _refuse_prices_out_of_range(
    model: Scenarios, packaging: Packaging, eligible: pl.DataFrame
) -> None:
    """A price that rounds to £0.00 (a unit volume of 1e-300, say), or one more than any
    public contract is worth (a billion hours at £10,000), cannot be allocated; say which
    supplier and lot, in the scenarios file's own terms, instead of leaving the optimiser to
    reject a row of a table the officer never wrote ("row 1, column price")."""
    small = pl.col("price").round(2) <= 0
    out = eligible.filter(small | (pl.col("price") > MAX_MONEY)).with_columns(small=small)
    if out.is_empty():
        return
    # A unit price that is not the supplier's own was drawn from its price_range (the
    # uncertainty's samples): the range is what to check, not the unit price the file gives.
    drawn = {s.name for s in model.suppliers if s.price_low is not None}
    typed = {s.name: s.unit_price for s in model.suppliers}

    def key(row: dict) -> str:
        from_range = row["supplier"] in drawn and row["unit_price"] != typed.get(row["supplier"])
        return "price_range" if from_range else "unit_price"

    raise InputError(
        Problem(
            f"in packaging '{packaging.id}', {row['supplier']}'s price for lot {row['lot']} "
            + (
                "works out at less than a penny a year"
                if row["small"]
                else "works out at more than any public contract is worth"
            ),
            file=model.source,
            cell=f"suppliers[{row['position']}].{key(row)}",
            found=f"lot volume {row['volume']:g} × unit price {row['unit_price']:g}"
            + (" (drawn from price_range)" if key(row) == "price_range" else "")
            + f" × size multiplier {row['multiplier']:g} = £{row['price']:g}",
            expected="unit volumes ([[units]] volume) and unit prices (and price ranges) "
            f"that give each lot a price from a penny to £{MAX_MONEY:,.0f} a year",
            code="scenarios.price_under_a_penny" if row["small"] else "scenarios.price_too_large",
        )
        for row in out.head(5).iter_rows(named=True)
    )


def _capacity(eligible: pl.DataFrame) -> dict[str, float]:
    """Each supplier's capacity (volume a year), where its eligible lots add up to more."""
    limited = (
        eligible.filter(pl.col("capacity").is_not_null())
        .group_by("supplier")
        .agg(pl.col("volume").sum(), pl.col("capacity").first())
        .filter(pl.col("volume") > pl.col("capacity"))
        .sort("supplier")
    )
    return dict(zip(limited["supplier"], limited["capacity"], strict=True))
