"""How robust is the ranking? Tipping points, win probabilities and rank reversal.

All three work on the ranked (compliant) bids of each lot, from each bid's *pillar fractions*:
its price, quality and social value points divided by that pillar's weight in the plan.

**Tipping points.** For each lot, each challenger and each pillar k with weight w₀ in the plan:
move k's weight to w (0..100) and rescale the other pillars in proportion so the weights still
add up to 100. A bid's total is then linear in w::

    T(w) = w·f_k + (100 − w)/(100 − w₀) · R,   R = its points from the other pillars now

so the weight at which the challenger draws level with the winner is the root of a linear
equation. ``weight_to_win`` is that weight when it lies within 0..100, else null (no weight of
that pillar alone changes the order). Fractions are held as scored: relative price scores do
not change with the weights. A lot whose first place is an unbroken tie has no winner to draw
level with, and is left out (:func:`tied_first_text` says so where its tipping point would be).

Under ``price_per_quality_point`` and ``award_on_value`` the price fraction itself depends on
the quality and social value points, which move with the weights, and so does the pool's
lowest key: the total is then piecewise smooth in w, not linear. Each crossing is bracketed on
a grid of weights (every 2.5 points and the plan's weight) and bisected to under 0.000001, each
weight tried scored as scoring again with it would (the price key, the lot's lowest key and the
share of the price marks recomputed); the crossing nearest the plan's weight is reported.

**Win probability.** Pillar weights are drawn ``samples`` times from a Dirichlet distribution
centred on the plan's weights with concentration ``CONCENTRATION`` (α_k = κ · w_k/100; with
κ = 100 a 40-point weight varies with a standard deviation of about 4.9 points), using Python's
``random.Random(seed).gammavariate`` so a seed always gives the same draws. Each bid's
probability is the share of draws in which it has the highest total, the totals compared as
the ranking compares them, to 4 decimal places (a draw level at that goes to the better-ranked
bid, and is shared between bids the plan ranks equal). Bids that cannot win under any drawn
weights are found by a bound and skipped.

**Rank reversal.** Relative formulas (lowest-price ratio and the like, social value relative
to the best offer) compare bids with the lowest price or best offer, so a losing bid
withdrawing can swap the order of two others. :func:`withdrawals` re-scores each lot without
each bid that sets such a reference (the lowest price key or the largest social value offer):
without any other, the remaining bids keep their scores and order exactly. The award decision
is made again on each (:mod:`tendereval.award.reversal`), which is what the check reports.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import polars as pl

from tendereval.comparison import (
    POINT_UNITS,
    points_units,
    units_in_floats,
    unsure_in_floats,
)
from tendereval.plan import PILLARS, Plan
from tendereval.scoring import price as price_mod
from tendereval.scoring import social_value as sv_mod
from tendereval.scoring.shares import POINTS
from tendereval.wording import number_word

CONCENTRATION = 100.0

Rescore = Callable[[pl.DataFrame, list[str]], pl.DataFrame]


def approximation(plan: Plan) -> str:
    """Why the tipping points and win probabilities are approximate under the plan's price
    method ("" when they are exact). Under a method whose price score uses the quality points,
    a bid's share of the price marks moves whenever a quality or social value weight moves;
    the figures work it out again at every weight tried when the method gives a merit
    (:class:`price.PriceMethod`: both such methods do), and otherwise hold the shares as
    scored, which can be far from what scoring with those weights would give."""
    method = price_mod.METHODS[plan.price.method]
    if not method.uses_quality or plan.pillar_weight("price") == 0 or method.merit is not None:
        return ""
    return (
        f"approximate: under {method.title.lower()} a bid's price score depends on its "
        "quality and social value points, which move with the weights, but the tipping points "
        "and win probabilities hold every bid's price score as scored, so they can be far from "
        "the exact figures (for one, change the weights in the plan and score again)"
    )


def _rescored_shares(plan: Plan) -> bool:
    """Whether the figures work each price share out again at the weights tried."""
    method = price_mod.METHODS[plan.price.method]
    return method.uses_quality and method.merit is not None and plan.pillar_weight("price") > 0


def _pillars(plan: Plan) -> list[tuple[str, float]]:
    return [(k, plan.pillar_weight(k)) for k in PILLARS if plan.pillar_weight(k) > 0]


def _tipped_pillars(plan: Plan) -> list[tuple[str, float]]:
    """The pillars the tipping points work with: each the plan weights, and price weighted 0
    where the bids still compete on price (a method whose shares are held as scored: the
    price fraction scoring gave each bid, which raising the weight brings to bear). Under
    quality_only every bid has the whole of the price marks, and under a method whose price
    share uses the quality points a share worked out at weight 0 is no guide to the share at
    another weight: there price weighted 0 is left out."""
    method = price_mod.METHODS[plan.price.method]
    zero_price = (
        plan.pillar_weight("price") == 0
        and any(c.kind == "price" for c in plan.leaves)
        and plan.price.method != "quality_only"
        and not method.uses_quality
    )
    return [("price", 0.0)] * zero_price + _pillars(plan)


def _fractions(plan: Plan, pool: pl.DataFrame, pillars: list[tuple[str, float]]) -> pl.DataFrame:
    """Pool rows (sorted by lot and rank) with ``f_<pillar>`` columns and ``position``: the
    share of each of ``pillars``' marks (a price weighted 0 has the fraction scoring gave
    it)."""
    return pool.select(
        "lot",
        "skey",
        "supplier",
        "rank",
        *[
            (pl.col("price_fraction").fill_null(0.0) if w == 0 else pl.col(POINTS[k]) / w).alias(
                f"f_{k}"
            )
            for k, w in pillars
        ],
    ).with_columns(position=pl.int_range(pl.len()).over("lot"))


TIPPING_SCHEMA = {
    "lot": pl.String,
    "skey": pl.String,
    "supplier": pl.String,
    "pillar": pl.String,
    "weight_now": pl.Float64,
    "weight_to_win": pl.Float64,
    "change": pl.Float64,
}
# Under a price method that uses the quality points, each crossing is first bracketed on a grid
# of weights (every 2.5 points, and the plan's weight) and then bisected: 24 halvings of a
# 2.5-point bracket leave it under 0.000001 wide, well inside the 4 decimal places totals are
# compared at.
GRID_STEPS = 40
BISECTIONS = 24
# Ahead by more than rounding: bids level on every weight (the same points reached in a
# different order) must not be found to cross wherever the last bit of a sum flips.
AHEAD = 1e-9
# A draw's totals are compared as the ranking and the award compare them, to 4 decimal places
# (tendereval.comparison): two totals a few millionths apart are level in a draw as they are in
# the ranking, and the plan's tie-break (the bids' ranks) settles the draw, or the tied bids
# share it. A bid further than this behind the plan's winner at its best is behind in every
# draw, however the two round (the bounds below keep every bid that could be level).
LEVEL = 2 / POINT_UNITS
# Win probabilities under those methods: the draws are split into about this many groups of
# similar weights, over which it is bounded which bids can win (see _moving_wins).
DRAW_GROUPS = 64


# The lots with one bid ranked first. A first place shared by bids the plan's tie-break did not
# separate has no winner: measuring the others against whichever tied bid is listed first would
# name it the leader (its tied rival "would draw level if the quality weight moved from 40 to
# 40.00"), as would listing the tied rival as a challenger, so such a lot has no tipping point
# and no rank reversal.
ONE_FIRST = (pl.col("rank") == 1).sum().over("lot") == 1


def tied_first_text(tied: int) -> str:
    """What stands in a lot's tipping point when ``tied`` tenders share first place (the plan's
    tie-break did not separate them): there is none, and no tied tender is named ahead."""
    return (
        f"none: {number_word(tied)} tenders are tied for first place, so none leads for "
        "another to draw level with"
    )


def tipping_points(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    """One row per lot × challenger × pillar: the pillar weight at which it draws level (none
    for a lot whose first place is an unbroken tie: see ``ONE_FIRST``)."""
    pillars = _tipped_pillars(plan)
    pool = pool.filter(ONE_FIRST)
    if len(pillars) < 2:
        return pl.DataFrame(schema=TIPPING_SCHEMA)
    if _rescored_shares(plan):
        return _moving_tipping_points(plan, pool).sort("lot", "supplier", "pillar")
    frac = _fractions(plan, pool, pillars)
    winners = frac.filter(pl.col("position") == 0).select(
        "lot", *[pl.col(f"f_{k}").alias(f"v_{k}") for k, _ in pillars]
    )
    pairs = frac.filter(pl.col("position") > 0).join(winners, on="lot")
    gap = sum(w * (pl.col(f"f_{k}") - pl.col(f"v_{k}")) for k, w in pillars)
    parts = []
    # A pillar weighted 100 is not moved: with the others at 0 there is no proportion to
    # rescale them in (moving price weighted 0 up from 0 moves it).
    for k, w0 in (p for p in pillars if p[1] < 100):
        a = pl.col(f"f_{k}") - pl.col(f"v_{k}")
        b = (gap - w0 * a) / (100.0 - w0)
        root = 100.0 * b / (b - a)
        parts.append(
            pairs.select(
                "lot",
                "skey",
                "supplier",
                pillar=pl.lit(k),
                weight_now=pl.lit(w0),
                # Only a weight at which the challenger then goes ahead counts (d(0) = 100b,
                # d(100) = 100a: one of them must be positive).
                weight_to_win=pl.when(
                    ((a > 1e-12) | (b > 1e-12)) & (a != b) & (root >= 0) & (root <= 100)
                ).then(root),
            ).with_columns(change=pl.col("weight_to_win") - pl.col("weight_now"))
        )
    return pl.concat(parts).sort("lot", "supplier", "pillar")


# A bid for _AtWeight: the prefix of its columns p, q, sv, or its (price, quality points,
# social value points) as numbers.
Bid = str | tuple[float, float, float]


class _AtWeight:
    """A bid's points at other weights, under a price method whose price score uses the
    quality points: each pillar's points scale with its weight (columns ``c_price``,
    ``c_quality``, ``c_social_value``: the new weight over the plan's), so the quality points
    the price key uses move too, and with them the pool's lowest key (column ``ref``). A bid's
    evaluated price, quality and social value points as scored are in columns ``p``, ``q`` and
    ``sv`` (with a prefix for the first-placed bid's), or given as numbers."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.price_weight = plan.pillar_weight("price")
        self.scale = {k: pl.col(f"c_{k}") for k in PILLARS}

    @staticmethod
    def with_scales(weights: pl.DataFrame) -> pl.DataFrame:
        """``weights`` (columns pillar, w0, w: pillar moved from w0 to w, the others rescaled
        in proportion) with each pillar's points' scale factor."""
        w, w0 = pl.col("w"), pl.col("w0")
        return weights.with_columns(
            pl.when(pl.col("pillar") == k)
            .then(w / w0)
            .otherwise((100.0 - w) / (100.0 - w0))
            .alias(f"c_{k}")
            for k in PILLARS
        )

    @staticmethod
    def _bid(bid: Bid) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
        if isinstance(bid, str):
            return pl.col(f"{bid}p"), pl.col(f"{bid}q"), pl.col(f"{bid}sv")
        return tuple(pl.lit(x, pl.Float64) for x in bid)  # type: ignore[return-value]

    def quality_points(self, bid: Bid = "") -> pl.Expr:
        _, q, sv = self._bid(bid)
        return self.scale["quality"] * q + self.scale["social_value"] * sv

    def key(self, bid: Bid = "") -> pl.Expr:
        return price_mod.price_key(self.plan, self._bid(bid)[0], self.quality_points(bid))

    def merit(self, bid: Bid = "") -> pl.Expr:
        return price_mod.merit(self.plan, self._bid(bid)[0], self.quality_points(bid))

    def total(self, bid: Bid = "") -> pl.Expr:
        p = self._bid(bid)[0]
        fraction = price_mod.fraction_of_key(self.plan, self.key(bid), pl.col("ref"), p)
        price_points = self.scale["price"] * self.price_weight * fraction.fill_null(0.0)
        return price_points + self.quality_points(bid)


def _numbered_bids(pool: pl.DataFrame, carried: str) -> pl.DataFrame:
    """The pool's bids as the tipping points and win probabilities work on them: numbered
    (``bid``), placed within their lot (``position``), the lot as a number (``lot_id``: the
    windows and joins over many grid or draw rows are over whole numbers), and the three
    pillars' inputs (``p`` price, ``q`` quality, ``sv`` social value), with ``carried``."""
    return pool.select(
        "lot",
        "skey",
        carried,
        position=pl.int_range(pl.len()).over("lot"),
        lot_id=pl.col("lot").rank("dense").cast(pl.Int64),
        p=pl.col("evaluated_price"),
        q=pl.col("quality_score"),
        sv=pl.col("social_value_score"),
    ).with_row_index("bid")


def _moving_tipping_points(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    """Tipping points when the price shares move with the weights.

    A bid's total is then piecewise smooth in a pillar's weight (the pool's lowest key changes
    hands at a few weights), so each crossing is bracketed on a grid and bisected, for every
    lot, challenger and pillar at once. At every weight tried the totals are those scoring
    again with that weight gives. Of the crossings, the one nearest the plan's weight (either
    way) is reported: the smallest move that changes the order of the two bids.

    Two bounds keep the grid small. A merit (see :class:`price.PriceMethod`) is linear in the
    weight, so on any range of weights the largest merit is at least the largest of the bids'
    smaller ends, and a bid whose larger end is below that never sets the lowest key there:
    only the others are tried for it. And a challenger whose merit is nowhere above the
    first-placed bid's never has more of the price marks, so it can only go ahead on its
    quality and social value points, which are linear in the weight: when those are not
    ahead at 0 or at 100, it never crosses.
    """
    at = _AtWeight(plan)
    bids = _numbered_bids(pool, "supplier")
    # Grid points numbered across the pillars (g), so the windows below are over whole numbers.
    steps = {100.0 * i / GRID_STEPS for i in range(GRID_STEPS + 1)}
    grid = at.with_scales(
        pl.concat(
            pl.DataFrame(
                {"pillar": k, "w0": w0, "w": sorted(steps | {w0})},
                schema={"pillar": pl.String, "w0": pl.Float64, "w": pl.Float64},
            )
            for k, w0 in _pillars(plan)
        ).with_row_index("g")
    )
    extremes = grid.filter(pl.col("w").is_in([0.0, 100.0]))
    first = bids.filter(pl.col("position") == 0).select(
        "lot_id", lead_p="p", lead_q="q", lead_sv="sv"
    )

    # The bids that can set the lowest key somewhere in 0..100, per pillar: not below the
    # strongest bid (the largest merit at the middle weight) at both ends, the difference
    # being linear in the weight.
    middle = at.with_scales(grid.select("pillar", "w0").unique().with_columns(w=pl.lit(50.0)))
    strongest = (
        bids.join(middle, how="cross")
        .with_columns(middle=at.merit())
        .sort("middle", descending=True)
        .unique(["lot_id", "pillar"], keep="first")
        .select("lot_id", "pillar", top_p="p", top_q="q", top_sv="sv")
    )
    setters = (
        bids.join(extremes, how="cross")
        .join(strongest, on=["lot_id", "pillar"])
        .with_columns(level=at.merit() >= at.merit("top_"))
        .group_by("bid", "pillar")
        .agg(pl.col("level").any())
        .filter("level")
        .select("bid", "pillar")
    )
    keys = (
        bids.join(setters, on="bid")
        .join(grid, on="pillar")
        .sort("bid", "g")
        .with_columns(key=at.key(), merit=at.merit())
    )
    refs = keys.group_by("lot_id", "g").agg(ref=pl.col("key").min())
    # The same bound between neighbouring grid weights: who can set the lowest key in each
    # bracket (rows run by bid, then grid point; the next row is the next weight when it is
    # the same bid and pillar).
    same = (pl.col("bid").shift(-1) == pl.col("bid")) & (
        pl.col("pillar").shift(-1) == pl.col("pillar")
    )
    ends = keys.with_columns(merit_b=pl.when(same).then(pl.col("merit").shift(-1))).filter(
        pl.col("merit_b").is_not_null()
    )
    holders = (
        ends.with_columns(
            low=pl.min_horizontal("merit", "merit_b"), high=pl.max_horizontal("merit", "merit_b")
        )
        .filter(pl.col("high") >= pl.col("low").max().over("lot_id", "g"))
        .select("lot_id", "g", "p", "q", "sv")
    )

    # The challengers that may cross, per pillar.
    challengers = bids.filter(pl.col("position") > 0).join(first, on="lot_id")
    may_cross = (
        challengers.join(extremes, how="cross")
        .with_columns(
            more_merit=at.merit() > at.merit("lead_"),
            ahead_on_quality=at.quality_points() - at.quality_points("lead_") > AHEAD,
        )
        .group_by("bid", "pillar")
        .agg(pl.col("more_merit").any() | pl.col("ahead_on_quality").any())
        .filter(pl.col("more_merit"))
        .select("bid", "pillar")
    )
    gaps = (
        challengers.join(may_cross, on="bid")
        .join(grid, on="pillar")
        .join(refs, on=["lot_id", "g"])
        .sort("bid", "g")
        .with_columns(ahead=at.total() - at.total("lead_") > AHEAD)
    )
    same_before = (pl.col("bid").shift(1) == pl.col("bid")) & (
        pl.col("pillar").shift(1) == pl.col("pillar")
    )
    gaps = gaps.with_columns(
        before=pl.when(same_before).then(pl.col("ahead").shift(1)),
        w_before=pl.when(same_before).then(pl.col("w").shift(1)),
        g_before=pl.when(same_before).then(pl.col("g").shift(1)),
        after=pl.when(same).then(pl.col("ahead").shift(-1)),
        w_after=pl.when(same).then(pl.col("w").shift(-1)),
    )
    pair = ["bid", "pillar", "w0"]
    # A bracket runs from a weight where the challenger is not ahead ("inside", nearer the
    # plan's weight) to the next one out where it is ("outside"); ``g`` numbers its lower end.
    upward = (
        gaps.filter((pl.col("w") > pl.col("w0")) & pl.col("ahead") & ~pl.col("before"))
        .sort("w")
        .unique(pair, keep="first", maintain_order=True)
        .select(*pair, inside="w_before", outside="w", g="g_before")
    )
    downward = (
        gaps.filter((pl.col("w") < pl.col("w0")) & pl.col("ahead") & ~pl.col("after"))
        .sort("w", descending=True)
        .unique(pair, keep="first", maintain_order=True)
        .select(*pair, inside="w_after", outside="w", g="g")
    )
    # A challenger already (just) ahead at the plan's weight — level to 4 decimal places and
    # placed below by the tie-break — draws level there.
    already = gaps.filter((pl.col("w") == pl.col("w0")) & pl.col("ahead")).select(
        *pair, root=pl.col("w")
    )
    brackets = (
        pl.concat([upward, downward])
        .join(challengers.select("bid", "lot_id", "p", "q", "sv", "^lead_.*$"), on="bid")
        .with_row_index("bracket")
    )
    carried = brackets.columns
    for _ in range(BISECTIONS):
        mid = at.with_scales(brackets.with_columns(w=(pl.col("inside") + pl.col("outside")) / 2))
        lowest = (
            mid.select("bracket", "lot_id", "g", "^c_.*$")
            .join(holders, on=["lot_id", "g"])
            .group_by("bracket")
            .agg(ref=at.key().min())
        )
        brackets = (
            mid.join(lowest, on="bracket")
            .with_columns(ahead=at.total() - at.total("lead_") > AHEAD)
            .with_columns(
                inside=pl.when("ahead").then("inside").otherwise("w"),
                outside=pl.when("ahead").then("w").otherwise("outside"),
            )
            .select(carried)
        )
    roots = pl.concat(
        [already, brackets.select(*pair, root=(pl.col("inside") + pl.col("outside")) / 2)]
    )
    nearest = (
        roots.sort((pl.col("root") - pl.col("w0")).abs())
        .unique(pair, keep="first", maintain_order=True)
        .select(*pair, weight_to_win="root")
    )
    return (
        bids.filter(pl.col("position") > 0)
        .join(grid.select("pillar", "w0").unique(maintain_order=True), how="cross")
        .join(nearest, on=pair, how="left")
        .select(
            "lot",
            "skey",
            "supplier",
            "pillar",
            weight_now="w0",
            weight_to_win="weight_to_win",
            change=pl.col("weight_to_win") - pl.col("w0"),
        )
        .cast(TIPPING_SCHEMA)
    )


def weight_samples(plan: Plan, samples: int, seed: int) -> pl.DataFrame:
    """``samples`` draws of the pillar weights (points of 100) from the seeded Dirichlet."""
    pillars = _pillars(plan)
    total = sum(w for _, w in pillars)
    alphas = [CONCENTRATION * w / total for _, w in pillars]
    draws = _gamma_draws(random.Random(seed), alphas, samples)
    n = len(pillars)
    # Each sample's draws scaled to add up to the plan's total, as sum() adds them.
    scales = [total / sum(draws[at : at + n]) for at in range(0, len(draws), n)]
    columns = {
        k: [g * scale for g, scale in zip(draws[i::n], scales, strict=True)]
        for i, (k, _) in enumerate(pillars)
    }
    return pl.DataFrame(
        {"sample": list(range(samples)), **{f"w_{k}": v for k, v in columns.items()}},
        schema={"sample": pl.Int64, **{f"w_{k}": pl.Float64 for k, _ in pillars}},
    )


# The constants of Python's random.gammavariate (Cheng's method, for a shape above 1).
_LOG4 = math.log(4.0)
_SG_MAGICCONST = 1.0 + math.log(4.5)


def _gamma_draws(rng: random.Random, alphas: list[float], samples: int) -> list[float]:
    """``samples`` draws of Gamma(α, 1) for each of ``alphas`` in turn: the very numbers
    ``rng.gammavariate(α, 1.0)`` gives called in that order, from the same stream.

    The weights are drawn 10,000 times on every scoring run, in Python, holding the lock the
    other scoring threads need. For shapes above 1 (every pillar with more than 1% of the
    weights) this is gammavariate's own loop (R.C.H. Cheng, Applied Statistics 26(1), 1977)
    with its set-up worked out once rather than per draw: a third less time. Other shapes are
    left to gammavariate itself."""
    if any(alpha <= 1.0 for alpha in alphas):
        return [rng.gammavariate(alpha, 1.0) for _ in range(samples) for alpha in alphas]
    draw, log, exp = rng.random, math.log, math.exp
    setups = [
        (a, math.sqrt(2.0 * a - 1.0), a - _LOG4, a + math.sqrt(2.0 * a - 1.0)) for a in alphas
    ]
    found: list[float] = []
    keep = found.append
    for _ in range(samples):
        for alpha, ainv, bbb, ccc in setups:
            while True:
                u1 = draw()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - draw()
                v = log(u1 / (1.0 - u1)) / ainv
                x = alpha * exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + _SG_MAGICCONST - 4.5 * z >= 0.0 or r >= log(z):
                    keep(x * 1.0)  # (gammavariate returns x * beta)
                    break
    return found


def _lot_wins(
    bids: pl.DataFrame, draws: pl.DataFrame, totals: list[pl.Expr], *, exact: bool = False
) -> pl.LazyFrame:
    """One lot's wins over the draws, as a query giving one row: the share of the draws each
    candidate bid (a row of ``bids``; its total in each draw ``totals``) wins, and in a last
    column (``unsure``) how many totals were near a half of the 4th place. A column per
    candidate holds its total in each draw, so the best total, the bids reaching it and their
    shares are row-wise operations on the draws (a lot has few candidates; a cross join made a
    row per bid and draw). The totals are counted in floats (comparison.units_in_floats) unless
    ``exact``: a lot with an unsure total is worked out again with the exact rule."""
    ranks = bids.get_column("rank").to_list()
    # Each draw's totals in the units the ranking compares them in (see LEVEL).
    counted = points_units if exact else units_in_floats
    unsure = pl.lit(0) if exact else pl.sum_horizontal(unsure_in_floats(t) for t in totals)
    totals = [counted(t).alias(f"t{i}") for i, t in enumerate(totals)]
    best = pl.max_horizontal(*[pl.col(f"t{i}") for i in range(len(ranks))])
    # The draw's best total; of the bids reaching it, the better ranked (the plan's
    # tie-break), and bids the plan ranks equal share the draw: identical bids each win
    # half, never all to whichever happens to be listed first.
    reach = [pl.col(f"t{i}") == pl.col("best") for i in range(len(ranks))]
    first = pl.min_horizontal(
        *[pl.when(r).then(pl.lit(rank)) for r, rank in zip(reach, ranks, strict=True)]
    )
    won = [r & (pl.lit(rank) == pl.col("first")) for r, rank in zip(reach, ranks, strict=True)]
    shares = [f"s{i}" for i in range(len(ranks))]
    return (
        draws.lazy()
        .select(*totals, unsure=unsure)
        .with_columns(best=best)
        .with_columns(first=first)
        .select(*[w.alias(share) for w, share in zip(won, shares, strict=True)], "unsure")
        .with_columns(count=pl.sum_horizontal(shares))
        .select(
            *[(pl.col(share) / pl.col("count")).sum() for share in shares],
            pl.col("unsure").sum(),
        )
    )


def _held_wins(
    frac: pl.DataFrame, draws: pl.DataFrame, pillars: list[tuple[str, float]]
) -> pl.DataFrame:
    """Wins per (lot, skey) when every bid's share of each pillar's marks stays as scored:
    a total is then Σ drawn weight × share."""
    # Bound: a bid can only win a draw if it beats the plan's winner there; its best possible
    # margin over the winner takes each pillar's most favourable drawn weight.
    high = {k: draws.get_column(f"w_{k}").max() for k, _ in pillars}
    low = {k: draws.get_column(f"w_{k}").min() for k, _ in pillars}
    winner = frac.filter(pl.col("position") == 0).select(
        "lot", *[pl.col(f"f_{k}").alias(f"v_{k}") for k, _ in pillars]
    )
    bound = sum(
        pl.when(pl.col(f"f_{k}") >= pl.col(f"v_{k}"))
        .then(high[k] * (pl.col(f"f_{k}") - pl.col(f"v_{k}")))
        .otherwise(low[k] * (pl.col(f"f_{k}") - pl.col(f"v_{k}")))
        for k, _ in pillars
    )
    candidates = (
        frac.join(winner, on="lot")
        .filter((pl.col("position") == 0) | (bound >= -LEVEL))
        .select("lot", "skey", "rank", *[f"f_{k}" for k, _ in pillars])
    )
    lots = candidates.partition_by("lot", maintain_order=True)

    # Every lot's query made in one call: a few milliseconds each when made one by one, most
    # of it the cost of a call, and they run side by side.
    def totals(bids: pl.DataFrame) -> list[pl.Expr]:
        return [
            sum(pl.col(f"w_{k}") * pl.lit(row[f"f_{k}"], pl.Float64) for k, _ in pillars)
            for row in bids.rows(named=True)
        ]

    worked = pl.collect_all([_lot_wins(bids, draws, totals(bids)) for bids in lots])
    # A lot with a total near a half of the 4th place in some draw, worked out again exactly.
    unsure = [i for i, lot in enumerate(worked) if lot.get_column("unsure").item()]
    again = pl.collect_all([_lot_wins(lots[i], draws, totals(lots[i]), exact=True) for i in unsure])
    for i, lot in zip(unsure, again, strict=True):
        worked[i] = lot
    shares = [lot.drop("unsure") for lot in worked]
    return pl.DataFrame(
        {
            "lot": pl.concat([bids.get_column("lot") for bids in lots]) if lots else [],
            "skey": pl.concat([bids.get_column("skey") for bids in lots]) if lots else [],
            "wins": [share for found in shares for share in found.row(0)],
        },
        schema={"lot": pl.String, "skey": pl.String, "wins": pl.Float64},
    ).filter(pl.col("wins") > 0)


def _bounds(plan: Plan, at: _AtWeight, bids: pl.DataFrame, boxes: pl.DataFrame) -> pl.DataFrame:
    """Each bid × group of draws (``boxes``: the group's lowest and highest scale of each
    pillar's points), with whether the bid can set the lot's lowest key there
    (``sets_lowest``) and whether it can reach the plan's winner's total there (``candidate``;
    see :func:`_moving_wins`)."""
    where = ["lot_id", "group"]
    lead = pl.col("position") == 0
    bounds = (
        bids.join(boxes, how="cross")
        .with_columns(pl.col(f"low_{k}").alias(f"c_{k}") for k in PILLARS)
        .with_columns(merit_low=at.merit(), key_low=at.key())
        .with_columns(pl.col(f"high_{k}").alias(f"c_{k}") for k in PILLARS)
        .with_columns(merit_high=at.merit(), key_high=at.key())
        .with_columns(
            sets_lowest=pl.col("merit_high") >= pl.col("merit_low").max().over(where),
            lowest_at_low=pl.col("key_low").min().over(where),
            lowest_at_high=pl.col("key_high").min().over(where),
        )
        .with_columns(
            share_high=price_mod.fraction_of_key(
                plan, pl.col("key_high"), pl.col("lowest_at_low"), pl.col("p")
            ).fill_null(0.0),
            share_low=price_mod.fraction_of_key(
                plan, pl.col("key_low"), pl.col("lowest_at_high"), pl.col("p")
            ).fill_null(0.0),
        )
    )
    # Merits compared at the same weights are much closer than at opposite corners: a bid
    # whose merit is below the strongest bid's (the largest merit at the middle of the
    # group) at every corner of the quality and social value scales is below it everywhere
    # between (the difference is linear), so it never sets the lowest key; and one below the
    # plan's winner's everywhere never has more of the price marks than the winner.
    corners = [(q, sv) for q in ("low", "high") for sv in ("low", "high")]

    def merit_at(q: str, sv: str, prefix: str = "") -> pl.Expr:
        scaled_q = pl.col(f"{q}_quality") * pl.col(f"{prefix}q")
        scaled_sv = pl.col(f"{sv}_social_value") * pl.col(f"{prefix}sv")
        return price_mod.merit(plan, pl.col(f"{prefix}p"), scaled_q + scaled_sv)

    middle = ((pl.col("low_quality") + pl.col("high_quality")) / 2) * pl.col("q") + (
        (pl.col("low_social_value") + pl.col("high_social_value")) / 2
    ) * pl.col("sv")
    strongest = (
        bounds.with_columns(middle=price_mod.merit(plan, pl.col("p"), middle))
        .sort("middle", descending=True)
        .unique(where, keep="first")
        .select(*where, top_p="p", top_q="q", top_sv="sv")
    )
    leaders = bounds.filter(lead).select(
        *where, lead_share="share_low", lead_p="p", lead_q="q", lead_sv="sv"
    )
    bounds = bounds.join(strongest, on=where).join(leaders, on=where)
    can_set = pl.any_horizontal(merit_at(q, sv) >= merit_at(q, sv, "top_") for q, sv in corners)
    above_winner = pl.any_horizontal(
        merit_at(q, sv) > merit_at(q, sv, "lead_") for q, sv in corners
    )
    share_gain = pl.col("share_high") - pl.col("lead_share")
    gains = {
        "price": at.price_weight
        * pl.when(above_winner).then(share_gain).otherwise(pl.min_horizontal(share_gain, 0.0)),
        "quality": pl.col("q") - pl.col("lead_q"),
        "social_value": pl.col("sv") - pl.col("lead_sv"),
    }
    bound = sum(
        pl.when(gain >= 0).then(pl.col(f"high_{k}") * gain).otherwise(pl.col(f"low_{k}") * gain)
        for k, gain in gains.items()
    )
    return bounds.with_columns(
        sets_lowest=pl.col("sets_lowest") & can_set, candidate=lead | (bound >= -LEVEL)
    )


def _moving_wins(plan: Plan, pool: pl.DataFrame, draws: pl.DataFrame) -> pl.DataFrame:
    """Wins per (lot, skey) under a price method whose price score uses the quality points:
    in each draw every bid's price score is worked out again from its quality and social value
    points at the drawn weights, against the lot's lowest key at those weights.

    The draws are split into ``DRAW_GROUPS`` groups of similar weights, and two bounds over
    each group's range of weights keep the rows few. The quality points grow with the quality
    and social value weights and a merit with them, so a bid whose merit at the group's highest
    weights is below another's at its lowest never sets the lowest key there. And a bid's share
    of the price marks is at most its share with its key at the highest weights against the
    lowest key at the lowest ones (the winner's at least the opposite), so a bid whose total
    with those shares cannot reach the plan's winner's anywhere in the group is not tried there.
    """
    at = _AtWeight(plan)
    now = {k: plan.pillar_weight(k) for k in PILLARS}
    # Any split gives right answers (the bounds hold for any group); splitting by the quality
    # weight's order into bands, and each band by the social value weight's, keeps each
    # group's ranges narrow.
    scaled = draws.select(
        "sample",
        *[(pl.col(f"w_{k}") / w if w > 0 else pl.lit(1.0)).alias(f"c_{k}") for k, w in now.items()],
    )
    per = round(DRAW_GROUPS**0.5)
    band = (pl.col("c_quality").rank("ordinal") - 1) * per // pl.len()
    scaled = scaled.with_columns(band=band.cast(pl.Int64)).with_columns(
        group=pl.col("band") * per
        + ((pl.col("c_social_value").rank("ordinal") - 1) * per // pl.len()).over("band")
    )
    ranges = [
        *[pl.col(f"c_{k}").min().alias(f"low_{k}") for k in PILLARS],
        *[pl.col(f"c_{k}").max().alias(f"high_{k}") for k in PILLARS],
    ]
    bids = _numbered_bids(pool, "rank")
    # First over all the draws at once (one group), which sets most bids aside; then the
    # bids left over each group.
    everywhere = _bounds(plan, at, bids, scaled.select(*ranges, group=pl.lit(-1, pl.Int64)))
    kept = everywhere.filter(pl.col("sets_lowest") | pl.col("candidate")).get_column("bid")
    where = ["lot_id", "group"]
    bounds = _bounds(
        plan,
        at,
        bids.filter(pl.col("bid").is_in(kept.implode())),
        scaled.group_by("group").agg(*ranges),
    )
    setters = bounds.filter("sets_lowest").select(*where, "p", "q", "sv")
    candidates = bounds.filter("candidate").select(*where, "bid", "rank", "p", "q", "sv")
    draws_c = scaled.drop("band")
    draw = ["lot_id", "sample"]
    lowest = draws_c.join(setters, on="group").group_by(draw).agg(ref=at.key().min())
    totals = (
        draws_c.join(candidates, on="group")
        .join(lowest, on=draw)
        .select(*draw, "bid", "rank", total=at.total())
    )
    # The draw's best total, as the ranking compares totals (see LEVEL); of the bids reaching
    # it, the better ranked (the plan's tie-break), and bids the plan ranks equal share the
    # draw.
    unsure = totals.select(unsure_in_floats(pl.col("total")).any()).item()
    counted = (points_units if unsure else units_in_floats)(pl.col("total"))
    reach = counted == counted.max().over(draw)
    wins = (
        totals.filter(reach)
        .filter(pl.col("rank") == pl.col("rank").min().over(draw))
        .with_columns(share=1.0 / pl.len().over(draw))
        .group_by("bid")
        .agg(wins=pl.col("share").sum())
    )
    return wins.join(bids.select("bid", "lot", "skey"), on="bid").select("lot", "skey", "wins")


def win_probability(plan: Plan, pool: pl.DataFrame, *, samples: int, seed: int) -> pl.DataFrame:
    """Each ranked bid's share of weight draws in which it would win its lot."""
    pillars = _pillars(plan)
    frac = _fractions(plan, pool, pillars)
    draws = weight_samples(plan, samples, seed)
    if samples == 0 or frac.height == 0:
        return frac.select(
            "lot",
            "skey",
            "supplier",
            probability=pl.lit(None, pl.Float64),
            samples=pl.lit(samples),
            seed=pl.lit(seed),
        )
    if _rescored_shares(plan):
        wins = _moving_wins(plan, pool, draws)
    else:
        wins = _held_wins(frac, draws, pillars)
    return (
        frac.select("lot", "skey", "supplier", "position")
        .join(wins, on=["lot", "skey"], how="left")
        .sort("lot", "position")
        .select(
            "lot",
            "skey",
            "supplier",
            probability=pl.col("wins").fill_null(0) / samples,
            samples=pl.lit(samples, pl.Int64),
            seed=pl.lit(seed, pl.Int64),
        )
    )


def withdrawals(
    plan: Plan, pool: pl.DataFrame, rescore: Rescore, *, exhaustive: bool = False
) -> pl.DataFrame:
    """Each lot's other ranked bids re-scored and re-ranked without one of its bids, for each
    bid whose withdrawal can change the others' scores: one row per remaining bid (lot,
    ``removed`` and ``removed_skey``, then supplier, skey, rank, total, evaluated_price,
    quality_score, social_value_score). The award decision is made again on each
    (:mod:`tendereval.award.reversal`).

    ``rescore(frame, over)`` re-scores and ranks rows within ``over`` windows (combine's
    relative scoring). Only a bid that sets a reference is given, unless ``exhaustive`` (used
    by the tests to check that shortcut): without any other bid the rest keep their scores and
    order exactly.
    """
    sets_reference = pl.lit(exhaustive)
    if price_mod.is_relative(plan):
        sets_reference = sets_reference | (
            pl.col("price_key") <= pl.col("price_key").min().over("lot")
        )
    if sv_mod.is_relative(plan):
        sets_reference = sets_reference | (
            pl.col("social_value_amount") >= pl.col("social_value_amount").max().over("lot")
        )
    setters = pool.filter(sets_reference).select(
        "lot", removed_skey=pl.col("skey"), removed=pl.col("supplier")
    )
    scenarios = (
        pool.drop("rank").join(setters, on="lot").filter(pl.col("skey") != pl.col("removed_skey"))
    )
    return rescore(scenarios, ["lot", "removed_skey"]).select(
        "lot",
        "removed",
        "removed_skey",
        "supplier",
        "skey",
        "rank",
        "total",
        "evaluated_price",
        "quality_score",
        "social_value_score",
    )
