"""Each bid's share of each pillar's marks: what the Ranking sheet's what-if multiplies by a
weight typed in, so that ``share × weight`` gives the points the plan scored with that weight
would (the price shares held as scored: see the Ranking sheet's note).

A pillar the plan weights is shared out as scored: its points over its weight. A pillar the
plan weights 0 earns no points, but its bids still earned a share of its marks (the Price
sheet gives each bid's share of the price marks with price weighted 0): it is the criteria's
fractions, each leaf counted by its weight within the pillar. Where that weight is not stated
(two top-level criteria, or sub-criteria given ``weight_of_total``, all weighted 0), the share
is not known, and is null. A criterion with no fraction for a bid (no usable score) earns
nothing, as in a pillar the plan weights.
"""

from __future__ import annotations

import polars as pl

from tendereval.plan import PILLARS, Criterion, Plan

POINTS = {"price": "price_score", "quality": "quality_score", "social_value": "social_value_score"}


def within_pillar(plan: Plan, pillar: str) -> dict[str, float] | None:
    """Each of the pillar's leaves' share of the pillar's marks (adding up to 1), by criterion
    id; None where the plan does not say how a pillar weighted 0 is shared between them."""
    weight = plan.pillar_weight(pillar)
    if weight > 0:
        return {c.id: c.effective_weight / weight for c in plan.leaves if c.pillar == pillar}
    tops = [c for c in plan.criteria if c.pillar == pillar]
    if len(tops) != 1:
        return None
    shares: dict[str, float] = {}
    return shares if _shared_out(tops[0], 1.0, shares) else None


def _shared_out(node: Criterion, share: float, shares: dict[str, float]) -> bool:
    """Give ``node``'s share of the pillar to its leaves (into ``shares``); False when a split
    between its children is not stated."""
    if node.is_leaf:
        shares[node.id] = share
        return True
    for child in node.children:
        if len(node.children) == 1:
            part = 1.0
        elif child.weight_basis == "parent":
            part = child.stated_weight / 100.0
        elif node.effective_weight > 0:
            part = child.effective_weight / node.effective_weight
        else:
            return False
        if not _shared_out(child, share * part, shares):
            return False
    return True


def pillar_shares(plan: Plan, results: pl.DataFrame, criteria: pl.DataFrame) -> pl.DataFrame:
    """One row per bid of ``results`` (lot, supplier) with ``price``, ``quality`` and
    ``social_value``: its share (0..1) of each pillar's marks; null for a bid with no total
    (invalid), and for a pillar weighted 0 whose split between its criteria is not stated."""
    shares = []
    for pillar in PILLARS:
        weight = plan.pillar_weight(pillar)
        if weight > 0:
            # Exactly as scored: the pillar's points over its weight.
            shares.append((pl.col(POINTS[pillar]) / weight).alias(pillar))
            continue
        split = within_pillar(plan, pillar)
        if split is None:
            shares.append(pl.lit(None, pl.Float64).alias(pillar))
            continue
        # A criterion with no fraction (no usable score) earns nothing, as scoring counts it
        # in a pillar it weights.
        earned = (
            criteria.filter(pl.col("criterion").is_in(list(split)))
            .group_by("lot", "supplier")
            .agg(
                (
                    pl.col("fraction").fill_null(0.0)
                    * pl.col("criterion").replace_strict(split, return_dtype=pl.Float64)
                )
                .sum()
                .alias(f"_{pillar}")
            )
        )
        results = results.join(earned, on=["lot", "supplier"], how="left")
        shares.append(pl.col(f"_{pillar}").alias(pillar))
    has_total = pl.col("total").is_not_null()
    return results.select("lot", "supplier", *(pl.when(has_total).then(share) for share in shares))
