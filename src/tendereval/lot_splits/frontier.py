"""The price of participation: the cost of each step of a rising SME (or VCSE) share target.

For one packaging, the minimum share is swept from 0 to the most attainable share in equal
steps, plus any named targets from the file; each step is the optimiser's lowest-cost
allocation with that share as a declared rule. A higher target only removes allocations, so
solved to optimality the cost never falls as the target rises. A step stopped by a time limit
(status ``feasible``) is marked, and if its cost is below an earlier step's the row says so,
rather than letting a curve quietly dip.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

import polars as pl

from tendereval.lot_splits.market import PackagingMarket
from tendereval.lot_splits.model import Scenarios
from tendereval.lot_splits.outcome import (
    SHARE_PRECISION,
    Outcome,
    expected_allocation,
    not_proved_note,
    policy_for,
)
from tendereval.wording import percent

# A named target this far above the most attainable share cannot be met (the most attainable
# is found to within SHARE_PRECISION), so it is reported without a solve.
UNATTAINABLE_MARGIN = 2 * SHARE_PRECISION

FRONTIER_SCHEMA = {
    "packaging": pl.String,
    "kind": pl.String,
    "step": pl.Int64,
    "target": pl.Float64,
    "named_target": pl.Boolean,
    "status": pl.String,
    "proved": pl.Boolean,
    "total_cost": pl.Float64,
    "extra_cost": pl.Float64,
    "extra_cost_share": pl.Float64,
    "sme_share": pl.Float64,
    "vcse_share": pl.Float64,
    "quality": pl.Float64,
    "contracts": pl.Int64,
    "suppliers": pl.Int64,
    "note": pl.String,
}


def targets(highest: float, steps: int, named: tuple[float, ...]) -> list[tuple[float, bool]]:
    """``(target, named)`` from 0 to ``highest`` in ``steps`` equal steps, with the named
    targets merged in, in rising order. Step targets are rounded down to 0.01 percentage
    points so the last is never above the share actually reached."""
    points = {math.floor(highest * k / steps * 10_000) / 10_000: False for k in range(steps + 1)}
    for target in named:
        points[target] = True
    return sorted(points.items())


def sweep(
    model: Scenarios,
    market: PackagingMarket,
    kind: str,
    highest: float,
    steps: int,
    solver: str = "cbc",
    time_limit: float | None = None,
    advance: Callable[[int], None] | None = None,
    free: Outcome | None = None,
    highest_proved: bool = True,
) -> pl.DataFrame:
    """The frontier of one packaging for ``kind`` ("sme" or "vcse"): one row per target.

    ``free`` is the packaging's allocation with no target, if already known. A step whose
    target the previous step's proved-best allocation already meets has that same allocation
    as its answer (a higher target only removes allocations), so it is not solved again.
    A target above ``highest`` is declared not attainable without a solve only when
    ``highest_proved``; above a share a time limit kept from being proved, it is solved.
    """
    rule = "min_sme_share" if kind == "sme" else "min_vcse_share"
    expected = policy_for(model, market)
    # The price of participation is a cost: every step is the lowest-cost allocation, even
    # when the packagings are compared on quality (whose allocation is then not step 0's).
    base = replace(expected, objective="cost")
    rows: list[dict[str, object]] = []
    previous = free if expected.objective == "cost" else None
    for step, (target, named) in enumerate(
        targets(highest, steps, model.participation.targets(kind))
    ):
        reached = None if previous is None else getattr(previous, f"{kind}_share")
        if highest_proved and target > highest + UNATTAINABLE_MARGIN:
            outcome = Outcome("infeasible")  # above the most attainable: no need to solve
        elif (
            previous is not None and previous.proved and reached is not None and (target <= reached)
        ):
            outcome = previous
        else:
            policy = replace(base, **{rule: target}) if target > 0 else base
            outcome, _ = expected_allocation(model, market, policy, solver, time_limit)
        previous = outcome if outcome.solved else previous
        if advance is not None:
            advance(1)
        note = ""
        if outcome.status == "infeasible" and highest_proved:
            note = (
                f"Not attainable: the most attainable {kind.upper()} share is "
                f"{_share_short_of(highest, target)}."
            )
        elif outcome.status == "infeasible":
            note = (
                "Not attainable: the solver proved no allocation meets it (the most "
                f"attainable {kind.upper()} share, about {percent(highest)}, was not proved best)."
            )
        elif outcome.status == "not_solved":
            note = (
                "Not known whether attainable: a time limit stopped the solver before it "
                "found an allocation meeting it."
            )
        elif outcome.status == "feasible":
            note = not_proved_note(outcome)
        rows.append(
            {
                "packaging": market.packaging.id,
                "kind": kind,
                "step": step,
                "target": target,
                "named_target": named,
                "status": outcome.status,
                "proved": outcome.proved,
                "total_cost": outcome.total_cost,
                "extra_cost": None,
                "extra_cost_share": None,
                "sme_share": outcome.sme_share,
                "vcse_share": outcome.vcse_share,
                "quality": outcome.quality,
                "contracts": outcome.contracts,
                "suppliers": outcome.suppliers,
                "note": note,
            }
        )
    return _against_first(_flag_dips(rows))


def _share_short_of(share: float, target: float) -> str:
    """``share`` as a percent with one decimal, or as many more (up to 8) as it takes to read
    below ``target``: 99.9999% short of 100%, never "100.0%", which would be the target."""
    for decimals in range(1, 9):
        text = f"{share:.{decimals}%}"
        if float(text[:-1]) / 100 < target:
            return text
    return text


def _flag_dips(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Say so where a step costs less than an earlier one (only possible when not proved)."""
    highest = -math.inf
    for row in rows:
        cost = row["total_cost"]
        if cost is None:
            continue
        if cost < highest - 0.005:  # type: ignore[operator]
            row["note"] = (
                f"{row['note']} Costs less than a lower target's allocation, which was not "
                "proved best: treat both as indicative."
            ).strip()
        highest = max(highest, cost)  # type: ignore[type-var]
    return rows


def _against_first(rows: list[dict[str, object]]) -> pl.DataFrame:
    """Add the extra cost of each step over the step with no target (step 0)."""
    frame = pl.DataFrame(rows, schema=FRONTIER_SCHEMA)
    if frame.is_empty():
        return frame
    free = frame.filter(pl.col("target") == 0).get_column("total_cost").first()
    if free is None:
        return frame
    return frame.with_columns(
        (pl.col("total_cost") - free).alias("extra_cost"),
        ((pl.col("total_cost") - free) / free).alias("extra_cost_share"),
    )
