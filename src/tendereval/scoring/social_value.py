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

from typing import NamedTuple

import polars as pl

from tendereval.award.recorded import DECISIONS_FILE
from tendereval.errors import Problem, Severity
from tendereval.limits import MAX_MONEY
from tendereval.plan import Plan
from tendereval.scoring.common import flags_frame, grouped, money, num


class Valued(NamedTuple):
    """What :func:`commitments_value` gives."""

    detail: pl.DataFrame
    amounts: pl.DataFrame
    flags: pl.DataFrame
    beyond: pl.DataFrame


def scores_commitments(plan: Plan) -> bool:
    """Whether the plan scores commitments; without a commitments criterion they are kept for
    information only."""
    return any(c.kind == "commitments" for c in plan.leaves)


def commitments_value(
    plan: Plan, bids: pl.DataFrame, commitments: pl.DataFrame, proxies: pl.DataFrame
) -> Valued:
    """Commitments × proxy values.

    Returns (detail, amounts, flags, beyond): ``detail`` one row per bid × commitment
    (``skey``, ``lot``, ``measure``, ``units``, ``proxy_value``, ``amount``,
    ``proxy_version``, and the commitment's ``source``, ``cell`` and ``frame_row``, its row in
    ``commitments`` from 1); ``amounts`` the £ total per bid in ``bids`` (0 when it committed
    nothing); ``flags`` for commitments whose measure is not in the proxy table (they count
    for nothing); ``beyond`` the commitments worth more than any public contract
    (:func:`commitments_beyond_any_contract`), left out of ``detail`` and ``amounts``.
    """
    bid_keys = bids.select("skey", "lot")
    commitments = commitments.with_row_index("frame_row", offset=1)
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
    beyond = commitments_beyond_any_contract(plan, detail)
    # Its worth, too large to count, was the bid's social value: inf in the CSV, null in the
    # JSON, "worth infinite" in the report, whether the plan scores commitments (the tender is
    # then invalid by commitment_problems' error, which names it) or keeps them for information
    # (a warning at its cell). The rest of the bid's commitments are shown as committed.
    detail = detail.filter(~_beyond_any_contract(pl.col("amount")))
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
    return Valued(detail, amounts, flags_frame(flags), beyond)


def _beyond_any_contract(amount: pl.Expr) -> pl.Expr:
    """Worth more than any public contract: over £1 trillion, or too large to count. A
    commitment whose measure has no proxy value (no amount) is not."""
    return (~(amount <= MAX_MONEY)).fill_null(False)


def commitments_beyond_any_contract(plan: Plan, detail: pl.DataFrame) -> pl.DataFrame:
    """(skey, lot, supplier, file, cell, found, at_most, reason, scored) of each commitment
    in ``detail`` (every bid × commitment) worth more than any public contract is: units ×
    proxy value over £1 trillion, or too large to count. Units and proxy values are each read
    as finite numbers, but their product can pass any real contract or overflow (1E305 units
    at £32,500 is infinite, and a commitments score of infinite over infinite is no number at
    all), so no social value score can be worked out from it. ``scored`` is whether the plan
    scores commitments: when it does not, they are kept for information only and make nothing
    invalid. A commitment from a frame with no file is named by the frame and its row."""
    beyond = detail.filter(_beyond_any_contract(pl.col("amount")))
    amount = pl.col("amount")
    worth = pl.when(amount.is_infinite()).then(pl.lit("a sum too large to count"))
    given = pl.format(
        "{} units of {} at {} a unit",
        _units(pl.col("units")),
        pl.col("measure"),
        money(pl.col("proxy_value")),
    )
    file = pl.col("source").fill_null("commitments frame")
    cell = pl.col("cell").fill_null(pl.format("row {}", pl.col("frame_row")))
    return beyond.select(
        "skey",
        "lot",
        "supplier",
        file=file,
        cell=cell,
        found=pl.format("{}: {}", given, worth.otherwise(money(amount))),
        at_most=_units((MAX_MONEY / pl.col("proxy_value")).floor()),
        reason=pl.format(
            "the social value committed at {} › {} ({}) comes to {}, more than any public "
            "contract is worth; check the units with the supplier",
            file,
            cell,
            given,
            worth.otherwise(money(amount)),
        ),
        scored=pl.lit(scores_commitments(plan)),
    )


def _units(units: pl.Expr) -> pl.Expr:
    """A number of units as an officer reads it: ``30,769,231``, ``2.5``, ``1e+305``."""
    whole = (units == units.floor()) & (units.abs() < 1e15)
    return pl.when(whole).then(grouped(units.cast(pl.Int64, strict=False))).otherwise(num(units))


# Said of a commitment beyond any contract whether it is scored or kept for information.
BEYOND = "a social value commitment for lot {lot} is worth more than any public contract"
SLIP = "a sum of money typed as units, or a number typed in the wrong cell?"
PUT_RIGHT = (
    "the units put right by the supplier (at most {at_most} at this proxy value, £1 trillion)"
)


def commitment_problems(beyond: pl.DataFrame) -> list[Problem]:
    """A problem at each commitment :func:`commitments_beyond_any_contract` finds.

    Scored, an error: the tender is invalid, but not for the tool to reject on its own: a
    number of units in the wrong cell, or a sum of money typed as units, is a slip the
    supplier can put right, and the tender could win once it is, so the award waits for it,
    or for the buyer's rejection (as for a price beyond any contract). Kept for information
    only, a warning: the tender is not affected, and the commitment's worth is left out of
    the social value shown."""
    return [
        _scored(lot, supplier, file, cell, found, at_most)
        if scored
        else _for_information(lot, file, cell, found, at_most)
        for lot, supplier, file, cell, found, at_most, scored in beyond.select(
            "lot", "supplier", "file", "cell", "found", "at_most", "scored"
        ).iter_rows()
    ]


def _scored(lot: str, supplier: str, file: str, cell: str, found: str, at_most: str) -> Problem:
    return Problem(
        f"{BEYOND.format(lot=lot)}, so no social value score can be worked out: {SLIP}",
        file=file,
        cell=cell,
        found=found,
        expected=f"{PUT_RIGHT.format(at_most=at_most)}, or the tender rejected in "
        f"{DECISIONS_FILE} ([[rejection]])",
        code="commitments.beyond_any_contract",
        supplier=supplier,
        lot=lot,
    )


def _for_information(lot: str, file: str, cell: str, found: str, at_most: str) -> Problem:
    return Problem(
        f"{BEYOND.format(lot=lot)}: {SLIP} This plan does not score commitments, so the "
        "tender is not affected; the commitment is kept for information without its worth, "
        "which is left out of the social value shown",
        file=file,
        cell=cell,
        found=found,
        expected=f"{PUT_RIGHT.format(at_most=at_most)}, for its worth to be shown",
        code="commitments.beyond_any_contract",
        severity=Severity.WARNING,
    )


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
    return scores_commitments(plan) and plan.social_value.method == "relative_to_best"
