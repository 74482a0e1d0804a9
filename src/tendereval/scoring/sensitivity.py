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
not change with the weights. (For ``price_per_quality_point`` and ``award_on_value`` the price
fraction itself depends on quality points, so for those methods this is an approximation.)

**Win probability.** Pillar weights are drawn ``samples`` times from a Dirichlet distribution
centred on the plan's weights with concentration ``CONCENTRATION`` (α_k = κ · w_k/100; with
κ = 100 a 40-point weight varies with a standard deviation of about 4.9 points), using Python's
``random.Random(seed).gammavariate`` so a seed always gives the same draws. Each bid's
probability is the share of draws in which it has the highest total (an exact draw goes to the
better-ranked bid, and is shared between bids the plan ranks equal). Bids that cannot win under
any drawn weights are found by a bound and skipped.

**Rank reversal.** Remove each ranked bidder other than the winner in turn and re-score the lot
(a lot whose first place is an unbroken tie has no one winner, and is left out):
relative formulas (lowest-price ratio and the like, social value relative to the best offer)
compare bids with the lowest price or best offer, so a losing bid withdrawing can swap the
order of two others. A removal can only change other bids' scores when the removed bid sets a
reference (the lowest price key or the largest social value offer); only those are re-scored —
for every other removal the remaining bids keep their scores and order exactly.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import polars as pl

from tendereval.plan import PILLARS, Plan
from tendereval.scoring import price as price_mod
from tendereval.scoring import social_value as sv_mod
from tendereval.scoring.common import flags_frame

CONCENTRATION = 100.0
POINTS = {"price": "price_score", "quality": "quality_score", "social_value": "social_value_score"}

Rescore = Callable[[pl.DataFrame, list[str]], pl.DataFrame]


def approximation(plan: Plan) -> str:
    """Why the tipping points and win probabilities are approximate under the plan's price
    method ("" when they are exact). They hold each bid's share of the price marks as
    scored; a method whose price score uses the quality points moves that share whenever a
    quality or social value weight moves, so the figures can be far from what scoring with
    those weights would give."""
    method = price_mod.METHODS[plan.price.method]
    if not method.uses_quality or plan.pillar_weight("price") == 0:
        return ""
    return (
        f"approximate: under {method.title.lower()} a bid's price score depends on its "
        "quality and social value points, which move with the weights, but the tipping points "
        "and win probabilities hold every bid's price score as scored, so they can be far from "
        "the exact figures (for one, change the weights in the plan and score again)"
    )


def _pillars(plan: Plan) -> list[tuple[str, float]]:
    return [(k, plan.pillar_weight(k)) for k in PILLARS if plan.pillar_weight(k) > 0]


def _fractions(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    """Pool rows (sorted by lot and rank) with ``f_<pillar>`` columns and ``position``."""
    return pool.select(
        "lot",
        "skey",
        "supplier",
        "rank",
        *[(pl.col(POINTS[k]) / w).alias(f"f_{k}") for k, w in _pillars(plan)],
    ).with_columns(position=pl.int_range(pl.len()).over("lot"))


def tipping_points(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    """One row per lot × challenger × pillar: the pillar weight at which it draws level."""
    pillars = _pillars(plan)
    frac = _fractions(plan, pool)
    winners = frac.filter(pl.col("position") == 0).select(
        "lot", *[pl.col(f"f_{k}").alias(f"v_{k}") for k, _ in pillars]
    )
    pairs = frac.filter(pl.col("position") > 0).join(winners, on="lot")
    gap = sum(w * (pl.col(f"f_{k}") - pl.col(f"v_{k}")) for k, w in pillars)
    parts = []
    for k, w0 in pillars:
        if len(pillars) < 2:
            break
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
    if not parts:
        return pl.DataFrame(
            schema={
                "lot": pl.String,
                "skey": pl.String,
                "supplier": pl.String,
                "pillar": pl.String,
                "weight_now": pl.Float64,
                "weight_to_win": pl.Float64,
                "change": pl.Float64,
            }
        )
    return pl.concat(parts).sort("lot", "supplier", "pillar")


def weight_samples(plan: Plan, samples: int, seed: int) -> pl.DataFrame:
    """``samples`` draws of the pillar weights (points of 100) from the seeded Dirichlet."""
    pillars = _pillars(plan)
    total = sum(w for _, w in pillars)
    alphas = [CONCENTRATION * w / total for _, w in pillars]
    rng = random.Random(seed)
    columns: dict[str, list[float]] = {k: [] for k, _ in pillars}
    for _ in range(samples):
        draws = [rng.gammavariate(alpha, 1.0) for alpha in alphas]
        scale = total / sum(draws)
        for (k, _), g in zip(pillars, draws, strict=True):
            columns[k].append(g * scale)
    return pl.DataFrame(
        {"sample": list(range(samples)), **{f"w_{k}": v for k, v in columns.items()}},
        schema={"sample": pl.Int64, **{f"w_{k}": pl.Float64 for k, _ in pillars}},
    )


def _lot_wins(
    lot: str, bids: pl.DataFrame, draws: pl.DataFrame, pillars: list[tuple[str, float]]
) -> pl.DataFrame:
    """One lot's wins over the draws: a column per candidate bid holding its total in each
    draw, so the best total, the bids reaching it and their shares are row-wise operations
    on the draws (a lot has few candidates; a cross join made a row per bid and draw)."""
    rows = bids.rows(named=True)
    totals = [
        sum(pl.col(f"w_{k}") * pl.lit(row[f"f_{k}"], pl.Float64) for k, _ in pillars).alias(f"t{i}")
        for i, row in enumerate(rows)
    ]
    best = pl.max_horizontal(*[pl.col(f"t{i}") for i in range(len(rows))])
    # The draw's best total (within rounding); of the bids reaching it, the better ranked
    # (the plan's tie-break), and bids the plan ranks equal share the draw: identical bids
    # each win half, never all to whichever happens to be listed first.
    reach = [pl.col(f"t{i}") >= pl.col("best") - 1e-9 for i in range(len(rows))]
    first = pl.min_horizontal(
        *[pl.when(r).then(pl.lit(row["rank"])) for r, row in zip(reach, rows, strict=True)]
    )
    won = [r & (pl.lit(row["rank"]) == pl.col("first")) for r, row in zip(reach, rows, strict=True)]
    shares = (
        draws.select(totals)
        .with_columns(best=best)
        .with_columns(first=first)
        .select([w.alias(f"s{i}") for i, w in enumerate(won)])
        .with_columns(count=pl.sum_horizontal(pl.all()))
        .select([(pl.col(f"s{i}") / pl.col("count")).sum() for i in range(len(rows))])
        .row(0)
    )
    return pl.DataFrame(
        {"lot": [lot] * len(rows), "skey": [row["skey"] for row in rows], "wins": shares},
        schema={"lot": pl.String, "skey": pl.String, "wins": pl.Float64},
    ).filter(pl.col("wins") > 0)


def win_probability(plan: Plan, pool: pl.DataFrame, *, samples: int, seed: int) -> pl.DataFrame:
    """Each ranked bid's share of weight draws in which it would win its lot."""
    pillars = _pillars(plan)
    frac = _fractions(plan, pool)
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
        .filter((pl.col("position") == 0) | (bound >= -1e-9))
        .select("lot", "skey", "rank", *[f"f_{k}" for k, _ in pillars])
    )
    wins = pl.concat(
        [
            _lot_wins(lot, bids, draws, pillars)
            for (lot,), bids in candidates.group_by("lot", maintain_order=True)
        ]
    )
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


def rank_reversal(
    plan: Plan, pool: pl.DataFrame, rescore: Rescore, *, exhaustive: bool = False
) -> pl.DataFrame:
    """For each lot and each ranked bidder other than the winner: the winner without it.

    ``rescore(frame, over)`` re-scores and ranks rows within ``over`` windows (combine's
    relative scoring). Only removals of a bid that sets a reference are re-scored, unless
    ``exhaustive`` (used by the tests to check that shortcut).
    """
    # A lot whose first place is an unbroken tie has no one winner to reverse (its tie flag
    # says so); naming whichever tied bid is listed first would suggest the list decided.
    ordered = pool.with_columns(position=pl.int_range(pl.len()).over("lot")).filter(
        (pl.col("rank") == 1).sum().over("lot") == 1
    )
    winners = ordered.filter(pl.col("position") == 0).select(
        "lot", winner_before=pl.col("supplier"), winner_skey=pl.col("skey")
    )
    removals = ordered.filter(pl.col("position") > 0).select("lot", "skey", "supplier")
    sets_reference = pl.lit(exhaustive)
    if price_mod.is_relative(plan):
        sets_reference = sets_reference | (
            pl.col("price_key") <= pl.col("price_key").min().over("lot")
        )
    if sv_mod.is_relative(plan):
        sets_reference = sets_reference | (
            pl.col("social_value_amount") >= pl.col("social_value_amount").max().over("lot")
        )
    setters = ordered.filter((pl.col("position") > 0) & sets_reference).select(
        "lot", removed_skey=pl.col("skey"), removed=pl.col("supplier")
    )
    scenarios = (
        ordered.drop("rank", "position")
        .join(setters, on="lot")
        .filter(pl.col("skey") != pl.col("removed_skey"))
    )
    after = (
        rescore(scenarios, ["lot", "removed_skey"])
        .group_by("lot", "removed_skey", maintain_order=True)
        .agg(winner_after=pl.col("supplier").first())
    )
    return (
        removals.join(winners, on="lot")
        .join(after, left_on=["lot", "skey"], right_on=["lot", "removed_skey"], how="left")
        .select(
            "lot",
            removed="supplier",
            winner_before="winner_before",
            winner_after=pl.coalesce("winner_after", "winner_before"),
            winner_skey="winner_skey",
        )
        .with_columns(changed=pl.col("winner_after") != pl.col("winner_before"))
        .sort("lot", "removed")
    )


def reversal_flags(reversal: pl.DataFrame) -> pl.DataFrame:
    """A flag on the winning bid for every withdrawal that would change the winner."""
    return flags_frame(
        reversal.filter(pl.col("changed")).select(
            "lot",
            skey="winner_skey",
            code=pl.lit("rank_reversal"),
            message=pl.format(
                "if {} withdrew, the winner would change from {} to {} (the price or social "
                "value formula compares bids with each other)",
                "removed",
                "winner_before",
                "winner_after",
            ),
            severity=pl.lit("warning"),
        )
    )
