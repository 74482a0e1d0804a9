"""The expected allocation of one packaging, through the allocation optimiser, and its numbers.

Every allocation here is made by ``tendereval.allocation.allocate`` with every lot awarded
(``award_all_lots``), the buyer's contract management cost per contract, and each capacity-
limited supplier's most value (see ``market``). The objective is the lowest total cost (price
plus contract management) unless the file asks for the highest quality. Participation targets
enter only as the optimiser's declared SME or VCSE share rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

import polars as pl

from tendereval.allocation import AllocationResult, Policy, allocate
from tendereval.allocation.result import value_in_pence
from tendereval.lot_splits.market import PackagingMarket
from tendereval.lot_splits.model import Scenarios
from tendereval.wording import percent

PROVED = "optimal"
SHARE_PRECISION = 0.001  # the most attainable share is found to within 0.1 points


@dataclass(frozen=True)
class Outcome:
    """The numbers of one allocation of one packaging (money is per year).

    ``status``: ``optimal`` (proved best), ``feasible`` (a time limit stopped the solver),
    ``infeasible`` (the rules cannot be met), ``no_bidders`` (some lot attracts no eligible
    bid, so the packaging cannot be let as designed) or ``not_solved``.
    """

    status: str
    total_price: float | None = None
    management_cost: float | None = None
    total_cost: float | None = None
    contracts: int = 0
    suppliers: int = 0
    quality: float | None = None
    sme_share: float | None = None
    vcse_share: float | None = None
    largest_supplier: str | None = None
    largest_share: float | None = None
    explanation: tuple[str, ...] = ()
    tie_break_complete: bool = True
    # How much better the best allocation could be, when a time limit stopped the solver
    # before it proved the one shown the best (``feasible``; None when not known).
    gap: float | None = None
    # The share furthest from the one shown of an allocation as cheap and as good with each
    # exact tie between suppliers won by SMEs and VCSEs, or by neither, wherever it can be
    # (None: not looked for, or not proved).
    sme_share_other_way: float | None = None
    vcse_share_other_way: float | None = None

    @property
    def solved(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def proved(self) -> bool:
        return self.status == PROVED


def policy_for(
    model: Scenarios,
    market: PackagingMarket,
    *,
    min_sme_share: float | None = None,
    min_vcse_share: float | None = None,
) -> Policy:
    """The allocation policy for ``market``: every lot awarded, management cost, capacity."""
    return Policy(
        objective="score" if model.objective == "quality" else "cost",
        award_all_lots=True,
        min_sme_share=min_sme_share,
        min_vcse_share=min_vcse_share,
        contract_management_cost=model.contract_management_cost,
        supplier_max_volume=market.capacity,
        lots=tuple(market.packaging.lot_ids),
    )


def expected_allocation(
    model: Scenarios,
    market: PackagingMarket,
    policy: Policy,
    solver: str = "cbc",
    time_limit: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[Outcome, AllocationResult | None]:
    """Allocate ``market``'s offers under ``policy`` and summarise the result; ``progress``
    is told of each step of the allocation (``allocate``'s)."""
    if market.lots_without_bidders:
        # Which lots, and why nobody bids for them, are the market's: see why_not_allocated.
        return Outcome("no_bidders"), None
    result = allocate(
        market.offers, policy, solver=solver, time_limit=time_limit, progress=progress
    )
    return summarise(result, market), result


def with_ties_the_other_way(
    outcome: Outcome,
    market: PackagingMarket,
    policy: Policy,
    solver: str = "cbc",
    time_limit: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> Outcome:
    """``outcome`` with the SME and VCSE shares of the allocation made again with each exact
    tie between suppliers (equal cost and quality) won by SMEs and VCSEs wherever they are in
    it, and again by neither wherever it can be: for each share, the one further from
    ``outcome``'s. All are then proved best on cost and quality alike, so where their shares
    differ a tie decides the share reported. Only an allocation proved best on every level is
    compared with another proved so."""
    if not (outcome.proved and outcome.tie_break_complete):
        return outcome
    others = []
    for smes_first in (True, False):
        other = allocate(
            market.offers_with_ties_to(smes_first),
            policy,
            solver=solver,
            time_limit=time_limit,
            explain=False,
            progress=progress,
        )
        if not (other.status == PROVED and other.tie_break_complete):
            return outcome
        others.append(other)

    def furthest(shown: float | None, shares: list[float | None]) -> float | None:
        known = [share for share in shares if share is not None]
        if shown is None or not known:
            return None
        return max(known, key=lambda share: abs(share - shown))

    return replace(
        outcome,
        sme_share_other_way=furthest(outcome.sme_share, [o.sme_share for o in others]),
        vcse_share_other_way=furthest(outcome.vcse_share, [o.vcse_share for o in others]),
    )


def why_not_allocated(outcome: Outcome, market: PackagingMarket) -> str | None:
    """Why a packaging has no allocation, as the clause that follows its name ("cannot be let:
    no eligible bidder for lot B"); None when it has one. The terminal, the JSON, the workbook
    and the reasons paragraph all give this clause, so they never disagree on the cause.

    "Cannot be let" keeps its meaning: no allocation of every lot exists under the market model
    (a lot nobody can bid for, or capacity that cannot cover every lot). A solver stopped by the
    time limit before it found an allocation proves nothing of the sort: "not allocated".
    """
    if outcome.solved:
        return None
    if outcome.status == "no_bidders":
        lots = market.lots_without_bidders
        return f"cannot be let: no eligible bidder for {counted_lots(lots)}"
    if outcome.status == "not_solved":
        return (
            "not allocated: the time limit stopped the solver before it found an allocation "
            "(allow it longer with --time-limit)"
        )
    if outcome.status == "infeasible" and market.capacity:
        # Every lot has a bidder and awarding every lot is the only other rule: only the
        # suppliers' capacity across lots can conflict with it.
        return (
            "cannot be let: every lot has an eligible bidder, but the suppliers' capacity "
            "cannot cover every lot at once"
        )
    return "cannot be let: the allocation rules cannot all be met with every lot awarded"


def not_proved_note(outcome: Outcome) -> str:
    """The note on an allocation a time limit kept from being proved the best: shown as the
    best found, with its gap, never as the proved answer."""
    gap = "gap not known" if outcome.gap is None else f"gap {percent(outcome.gap, 2)}"
    return (
        "A time limit stopped the solver: the allocation shown is the best found, not proved "
        f"optimal ({gap}), so the cost shown may not be the lowest."
    )


def counted_lots(lots: list[str]) -> str:
    """``lot B`` or ``lots A, B``."""
    return ("lot " if len(lots) == 1 else "lots ") + ", ".join(lots)


def summarise(result: AllocationResult, market: PackagingMarket) -> Outcome:
    """The figures a commissioner compares, from an allocation result."""
    if not result.solved:
        return Outcome(result.status, explanation=tuple(result.explanation))
    totals = result.totals
    volumes = market.bids.select("offer_id", "volume")
    awarded = result.awarded.join(volumes, on="offer_id", how="left")
    hours = float(awarded.get_column("volume").sum())
    quality = float((awarded.get_column("quality") * awarded.get_column("volume")).sum())
    # The allocation found, every lot counted: a model shows the allocation it reached (its
    # status says whether it is proved), where an award names no supplier for a lot whose
    # winner is not proved (``lots_per_supplier`` counts such a lot as nobody's).
    largest = (
        result.awarded.group_by("supplier")
        .agg(value_in_pence(pl.col("price")).alias("value"))
        .with_columns((pl.col("value") / (totals.total_price or 1.0)).alias("share_of_value"))
        .sort(["value", "supplier"], descending=[True, False])
        .head(1)
    )
    return Outcome(
        status=result.status,
        total_price=totals.total_price,
        management_cost=totals.contract_management_cost,
        total_cost=totals.total_cost,
        contracts=totals.contracts,
        suppliers=totals.suppliers,
        quality=quality / hours if hours else None,
        sme_share=totals.sme_share,
        vcse_share=totals.vcse_share,
        largest_supplier=largest.item(0, "supplier") if largest.height else None,
        largest_share=largest.item(0, "share_of_value") if largest.height else None,
        tie_break_complete=result.tie_break_complete,
        gap=result.gap if result.status == "feasible" else None,
        explanation=tuple(result.notes),
    )


class HighestShare(NamedTuple):
    """The highest share of value found, how many allocations it took, and whether it is
    proved the highest (to within the precision asked): False when a time limit stopped a
    solve the answer rests on, so a higher share may be attainable."""

    share: float | None
    tries: int
    proved: bool


def highest_share(
    model: Scenarios,
    market: PackagingMarket,
    kind: str,
    solver: str = "cbc",
    time_limit: float | None = None,
    precision: float = SHARE_PRECISION,
) -> HighestShare:
    """The highest share of value (``kind`` "sme" or "vcse") an allocation can reach, to within
    ``precision``. The share is None when the packaging cannot be allocated at all.

    First Dinkelbach's method over the optimiser: with λ the best share found so far, each
    offer's score is (counted − λ) × price plus a constant, and the allocation of highest total
    score is found; when none beats λ, λ is the highest share. Every lot is awarded exactly
    once, so the constant adds the same to every allocation (and keeps scores positive, as
    offers require). Only an allocation proved best shows that none beats λ: one a time limit
    stopped may be beaten. Should a solve fail or stop before the method converges, the
    optimiser's own share rule takes over: a target ``precision`` above the best share so far
    is tried, then the search halves the gap (target met: the share reached is the new floor;
    proved not attainable: the new ceiling). A target the solver was stopped on before it
    found an allocation is taken as a ceiling too, but the answer is then not proved. The
    answer is always a share some allocation reached, so a frontier can end on it.
    """
    if market.lots_without_bidders:
        return HighestShare(None, 0, True)
    share_of = (lambda r: r.sme_share) if kind == "sme" else (lambda r: r.vcse_share)
    base = policy_for(model, market)
    floor, tries, converged = _dinkelbach(market, kind, share_of, base, solver, time_limit)
    if converged:
        return HighestShare(floor, tries, True)
    if floor is None:
        # Dinkelbach's first allocation failed; start from the lowest-cost allocation instead.
        result = allocate(market.offers, base, solver=solver, time_limit=time_limit)
        tries += 1
        if not result.solved:
            return HighestShare(None, tries, result.status == "infeasible")
        floor = share_of(result) or 0.0
    rule = "min_sme_share" if kind == "sme" else "min_vcse_share"
    ceiling, target, proved = 1.0, min(floor + precision, 1.0), True
    while ceiling - floor > precision:
        result = allocate(
            market.offers, replace(base, **{rule: target}), solver=solver, time_limit=time_limit
        )
        tries += 1
        if result.solved:
            floor = max(floor, share_of(result) or 0.0)
        else:
            ceiling = target
            proved = proved and result.status == "infeasible"
        target = (floor + ceiling) / 2
    return HighestShare(floor, tries, proved)


def _dinkelbach(
    market: PackagingMarket,
    kind: str,
    share_of: Callable[[AllocationResult], float | None],
    base: Policy,
    solver: str,
    time_limit: float | None,
    max_rounds: int = 20,
) -> tuple[float | None, int, bool]:
    """The highest share Dinkelbach's method finds (None: nothing was allocated), the number
    of allocations made, and whether it converged (an allocation proved best beats no share
    found)."""
    counted = pl.col(kind).cast(pl.Float64)
    policy = replace(base, objective="score")
    ratio: float | None = None
    for rounds in range(1, max_rounds + 1):
        weight = (counted - (ratio or 0.0)) * pl.col("price")
        # Scores in £ thousands keep the optimiser's whole units (1/10,000 point) meaningful.
        scored = market.offers.with_columns(
            ((weight - weight.min() + 1) / 1000).round(4).alias("score")
        )
        result = allocate(scored, policy, solver=solver, time_limit=time_limit)
        if not result.solved:
            return ratio, rounds, False
        share = share_of(result) or 0.0
        if ratio is not None and share <= ratio + 1e-9:
            # Proof only if nothing better exists: a time-limited allocation may be beaten.
            return ratio, rounds, result.status == PROVED
        ratio = share
    return ratio, max_rounds, False
