"""Shared helpers for the allocation tests: building offer frames and an independent brute force.

The brute force shares no code with the optimiser: it enumerates every subset of offers, checks
every rule with exact fractions, and ranks feasible subsets by the declared lexicographic rule.
"""

from __future__ import annotations

import re
from fractions import Fraction
from itertools import combinations

import polars as pl

from tendereval.allocation import Policy, offers_from_frame

COLUMNS = ["offer_id", "supplier", "lots", "price", "score", "sme", "vcse", "group"]


def offers(rows: list[tuple], **extra: list) -> pl.DataFrame:
    """A checked offer frame from (offer_id, supplier, lots, price, score, sme, vcse, group)."""
    data = {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}
    data.update(extra)
    frame = pl.DataFrame(data, schema_overrides={"group": pl.String, "lots": pl.List(pl.String)})
    checked, problems = offers_from_frame(frame)
    assert not unexpected(problems), problems
    return checked


def unexpected(problems: list) -> list:
    """The problems but the warnings that one offer is priced far above the others for its
    lot, a package scored as its lots' average, or one supplier's offers for the same lots:
    test instances price and score offers at random, and make such offers, on purpose."""
    expected = (
        "offers.price_far_above_others",
        "offers.package_scored_as_average",
        "offers.same_lots_twice",
        "offers.offer_copied",
    )
    return [p for p in problems if p.code not in expected]


def natural(text: str) -> tuple:
    """A2 before A10; X01 before X1 (the same number, then the text as typed)."""
    parts = tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    )
    return (parts, text)


def decimal(share: float) -> Fraction:
    """A share as the decimal the user wrote: 0.4 is exactly 2/5, not the nearest binary float."""
    return Fraction(str(share))


def pence(amount: float) -> int:
    return round(amount * 100)


def eligible(offer: dict, policy: Policy) -> bool:
    quality = offer.get("quality")
    if quality is None and len(offer["lots"]) == 1:
        quality = offer["score"]  # a package's score is a sum over lots, not a quality
    minimums = [policy.min_quality_for(lot) for lot in offer["lots"]]
    minimums = [m for m in minimums if m is not None]
    if minimums and (quality is None or quality < max(minimums)):
        return False
    budgets = [policy.lot_budgets.get(lot) for lot in offer["lots"]]
    if budgets and all(b is not None for b in budgets):
        return pence(offer["price"]) <= sum(pence(b) for b in budgets)
    return True


def breaks_a_rule(chosen: list[dict], policy: Policy, lots: list[str]) -> bool:
    covered = [lot for offer in chosen for lot in offer["lots"]]
    if len(covered) != len(set(covered)):
        return True
    groups = [(o["supplier"], o["group"]) for o in chosen if o["group"] is not None]
    if len(groups) != len(set(groups)):
        return True
    if policy.award_all_lots and set(covered) != set(lots):
        return True
    value = sum(pence(o["price"]) for o in chosen)
    if policy.budget is not None and value > pence(policy.budget):
        return True
    per_supplier: dict[str, list[dict]] = {}
    for offer in chosen:
        per_supplier.setdefault(offer["supplier"], []).append(offer)
    for supplier, won in per_supplier.items():
        n = sum(len(o["lots"]) for o in won)
        if policy.max_lots_per_supplier is not None and n > policy.max_lots_per_supplier:
            return True
        if supplier in policy.supplier_max_lots and n > policy.supplier_max_lots[supplier]:
            return True
        limit = policy.supplier_max_value.get(supplier)
        if limit is not None and sum(pence(o["price"]) for o in won) > pence(limit):
            return True
        capacity = policy.supplier_max_volume.get(supplier)
        if capacity is not None and sum(o.get("volume") or 0 for o in won) > capacity:
            return True
        if policy.max_supplier_share is not None and policy.max_supplier_share < 1:
            mine = sum(pence(o["price"]) for o in won)
            if mine > decimal(policy.max_supplier_share) * value:
                return True
    if policy.min_suppliers is not None and len(per_supplier) < policy.min_suppliers:
        return True
    shares = [
        ("sme", policy.min_sme_share),
        ("vcse", policy.min_vcse_share),
    ]
    share_rule = any(share for _, share in shares) or (
        policy.max_supplier_share is not None and policy.max_supplier_share < 1
    )
    if share_rule and not chosen:
        return True
    for flag, share in shares:
        if not share:
            continue
        counted = Fraction(0)
        for o in chosen:
            if o[flag]:
                counted += pence(o["price"])
            elif policy.count_second_tier:
                counted += decimal(o.get(f"{flag}_subcontract_share") or 0) * pence(o["price"])
        if counted < decimal(share) * value:
            return True
    return False


def key_of(chosen: list[dict], policy: Policy, ranks: dict[str, int]) -> tuple:
    """The declared lexicographic rule as a tuple to maximise. Offer order last: of two
    allocations, the one accepting the earliest offer the other does not; as a number, one bit
    per offer, the earliest offer the highest bit (so no two allocations share a key)."""
    score = sum(round(o["score"] * 10_000) for o in chosen)
    cost = sum(pence(o["price"]) + pence(policy.contract_management_cost) for o in chosen)
    lots = sum(len(o["lots"]) for o in chosen)
    order = sum(2 ** (len(ranks) - ranks[o["offer_id"]]) for o in chosen)
    if policy.objective == "score":
        return (score, -cost, order)
    if policy.award_all_lots:
        return (-cost, score, order)
    return (lots, -cost, score, order)


def brute_force(frame: pl.DataFrame, policy: Policy) -> tuple | None:
    """The best key over every feasible subset of offers (None when nothing is feasible)."""
    best = best_allocation(frame, policy)
    return None if best is None else best[0]


def best_allocation(frame: pl.DataFrame, policy: Policy) -> tuple[tuple, list[str]] | None:
    """The best key over every feasible subset of offers, and that subset's offer ids, sorted
    (None when nothing is feasible). Offer order makes the best subset the only one."""
    rows = frame.to_dicts()
    ranks = {oid: i + 1 for i, oid in enumerate(sorted((r["offer_id"] for r in rows), key=natural))}
    lots = sorted(
        set(policy.lots or []) | {lot for r in rows for lot in r["lots"]} | set(policy.lot_budgets)
    )
    usable = [r for r in rows if eligible(r, policy)]
    best = None
    for size in range(len(usable) + 1):
        for chosen in combinations(usable, size):
            if breaks_a_rule(list(chosen), policy, lots):
                continue
            key = key_of(list(chosen), policy, ranks)
            if best is None or key > best[0]:
                best = (key, sorted(o["offer_id"] for o in chosen))
    return best


def result_key(result, frame: pl.DataFrame, policy: Policy) -> tuple:
    rows = frame.to_dicts()
    ranks = {oid: i + 1 for i, oid in enumerate(sorted((r["offer_id"] for r in rows), key=natural))}
    won = set(result.awarded.get_column("offer_id").to_list())
    return key_of([r for r in rows if r["offer_id"] in won], policy, ranks)


def result_breaks_a_rule(result, frame: pl.DataFrame, policy: Policy) -> bool:
    rows = frame.to_dicts()
    won = set(result.awarded.get_column("offer_id").to_list())
    chosen = [r for r in rows if r["offer_id"] in won]
    lots = sorted({lot for r in rows for lot in r["lots"]} | set(policy.lot_budgets))
    return breaks_a_rule(chosen, policy, lots) or not all(eligible(r, policy) for r in chosen)
