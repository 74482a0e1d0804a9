"""Social value: qualitative questions and quantitative commitments.

* **Qualitative** social value questions are scored on a scale exactly like quality questions,
  by :func:`tendereval.scoring.quality.score_questions` (which scores every question leaf,
  whatever its pillar).
* **Quantitative** commitments: a supplier commits to units of a measure (e.g. 40 apprenticeship
  weeks); each unit is worth the measure's proxy value (£ per unit) from the plan's versioned
  proxy table; the bid's social value is Σ units × proxy value. A commitment with no lot applies
  to every lot the supplier bid for. It is then scored by the plan's ``social_value.method``:

  - ``relative_to_best``: fraction = amount / the largest amount among the lot's compliant bids
    (0 for everyone when nobody commits anything);
  - ``share_of_price``: fraction = min(1, (amount / evaluated price) / full_marks_share_of_price)
    — social value worth that share of the price earns full marks.

A plan may have both kinds; each leaf carries its own weight. SME, VCSE and local status never
enter any of this: they are reported beside the scores, never used in them.
"""

from __future__ import annotations

import polars as pl

from tendereval.plan import Plan
from tendereval.scoring.common import flags_frame


def commitments_value(
    plan: Plan, bids: pl.DataFrame, commitments: pl.DataFrame, proxies: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Commitments × proxy values.

    Returns (detail, amounts, flags): ``detail`` one row per bid × commitment (``skey``, ``lot``,
    ``measure``, ``units``, ``proxy_value``, ``amount``, ``proxy_version``, and the commitment's
    ``source`` and ``cell``); ``amounts`` the £
    total per bid in ``bids`` (0 when it committed nothing); ``flags`` for commitments whose
    measure is not in the proxy table (they count for nothing).
    """
    bid_keys = bids.select("skey", "lot")
    own_lot = commitments.filter(pl.col("lot").is_not_null()).join(
        bid_keys, on=["skey", "lot"], how="inner"
    )
    every_lot = (
        commitments.filter(pl.col("lot").is_null())
        .drop("lot")
        .join(bid_keys, on="skey", how="inner")
    )
    table = proxies.unique("measure", keep="first", maintain_order=True).select(
        "measure", "proxy_value", proxy_version=pl.col("version")
    )
    detail = (
        pl.concat([own_lot, every_lot.select(own_lot.columns)])
        .join(table, on="measure", how="left")
        .with_columns(amount=pl.col("units") * pl.col("proxy_value"))
        # Then by place, so two equal commitments in different cells always come in one order.
        .sort("skey", "lot", "measure", "units", "source", "cell", nulls_last=True)
    )
    flags = detail.filter(pl.col("proxy_value").is_null()).select(
        "lot",
        "skey",
        code=pl.lit("social_value.no_proxy"),
        message=pl.format(
            "the commitment '{}' is not in the proxy value table, so it counts for nothing",
            pl.col("measure"),
        ),
        severity=pl.lit("warning"),
        where=pl.concat_str(["source", "cell"], separator=" › ", ignore_nulls=True),
    )
    amounts = bid_keys.join(
        detail.group_by("skey", "lot", maintain_order=True).agg(
            social_value_amount=pl.col("amount").sum()
        ),
        on=["skey", "lot"],
        how="left",
    ).with_columns(pl.col("social_value_amount").fill_null(0.0))
    return detail, amounts, flags_frame(flags)


def commitment_fraction(
    plan: Plan, amount: pl.Expr, price: pl.Expr, in_pool: pl.Expr, over: list[str]
) -> pl.Expr:
    """The fraction (0..1) of the commitments marks, vectorised over ``over`` windows.

    For ``relative_to_best`` the best offer is taken among rows where ``in_pool`` is true; a row
    outside the pool is scored as if it alone had joined it (as for price).
    """
    rules = plan.social_value
    if rules.method == "share_of_price":
        fraction = (amount / price) / rules.full_marks_share_of_price
        return pl.when(price > 0).then(fraction).otherwise(0.0).clip(0.0, 1.0)
    pool_best = amount.filter(in_pool).max().over(over)
    best = pl.when(in_pool).then(pool_best).otherwise(pl.max_horizontal(pool_best, amount))
    return pl.when(best > 0).then(amount / best).otherwise(0.0).clip(0.0, 1.0)


def is_relative(plan: Plan) -> bool:
    """Whether a bid's commitments score depends on the other bids."""
    has_commitments = any(c.kind == "commitments" for c in plan.leaves)
    return has_commitments and plan.social_value.method == "relative_to_best"
