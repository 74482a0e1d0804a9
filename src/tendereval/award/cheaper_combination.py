"""Which withdrawals could open a combination of lots as cheap as the award's, under a lot cap
applied by the lowest total cost: found exactly, by one small integer program a lot.

The award is the combination of ranked tenders, each supplier at most the cap, in which a lot
goes to a lower-ranked tender only when every higher-ranked tender's supplier holds the cap,
awarding the most lots and then costing the least (``cap.optimised``). Tender X in lot L
withdrawing (below first place, not L's award, moving nobody's score) takes away only
combinations that give L to X, which the award does not, and lets L pass below X while X's
supplier does not hold the cap. So the only new combinations give L to a tender ranked below
X and leave X under the cap elsewhere; every other rule of the award still binds them. Where
every new combination that gives L to anyone but its award costs more than the award, the
award of L stands (the combination found again is at least as good as the award's, so it
gives L as the award does, and nothing ties with it there).

One program a lot finds the cheapest such combination for any of the lot's withdrawals at
once: ``v`` marks the tender withdrawing (exactly one), which lifts its own rule of the cap,
leaves its supplier under the cap and sends the lot below it. When the cheapest costs more
than the award, no withdrawal in the lot can move its award; when not, the tender it marks is
one whose award is decided again, and the program is solved again without it. The optimiser
solves each (HiGHS when installed, else CBC), as it solves the award.
"""

from __future__ import annotations

import polars as pl

__all__ = ["could_open"]


def could_open(
    priced: pl.DataFrame,
    winners: dict[str, str],
    candidates: dict[str, list[str]],
    limit: int,
    cost: int,
    awarded: int,
) -> set[tuple[str, str]]:
    """The (lot, supplier) pairs among ``candidates`` whose withdrawal could open a
    combination giving the lot to another tender for no more than ``cost`` pence with
    ``awarded`` lots. ``priced``: every ranked tender of the lots being awarded (lot, supplier,
    rank, pence); ``winners``: each lot's award; ``limit``: the cap. A pair the solver cannot
    settle is among them (its award is decided again)."""
    import pulp

    from tendereval.allocation.model import ANY_FOUND
    from tendereval.allocation.solvers import default_solver, run
    from tendereval.io.keys import supplier_key

    tenders = priced.select("lot", "supplier", "rank", "pence").rows()
    prob = pulp.LpProblem("withdrawals", pulp.LpMinimize)
    x = {
        (lot, supplier): prob.add_variable(f"x{i}", 0, 1, cat=pulp.LpBinary)
        for i, (lot, supplier, _, _) in enumerate(tenders)
    }
    v = {
        (lot, supplier): prob.add_variable(f"v{i}", 0, 1, cat=pulp.LpBinary)
        for i, (lot, supplier) in enumerate(
            (lot, s) for lot, suppliers in candidates.items() for s in suppliers
        )
    }
    for mark in v.values():  # (each lot's marks are let free in turn, below)
        mark.upBound = 0
    prob += pulp.lpSum(pence * x[lot, supplier] for lot, supplier, _, pence in tenders)
    by_lot: dict[str, list[tuple[str, int]]] = {}
    # (A supplier's lots counted under its key, as the optimiser counts them for the cap.)
    by_supplier: dict[str, list[pulp.LpVariable]] = {}
    for lot, supplier, rank, _ in tenders:
        by_lot.setdefault(lot, []).append((supplier, rank))
        by_supplier.setdefault(supplier_key(supplier), []).append(x[lot, supplier])
    for lot, ranked in by_lot.items():
        prob += pulp.lpSum(x[lot, s] for s, _ in ranked) <= 1
    for key, held in by_supplier.items():
        # (The supplier withdrawing holds less than the cap: otherwise nothing opens.)
        marked = [var for (_, s), var in v.items() if supplier_key(s) == key]
        prob += pulp.lpSum(held) + pulp.lpSum(marked) <= limit
    for lot, ranked in by_lot.items():
        for supplier, rank in ranked:
            below = pulp.lpSum(x[lot, s] for s, r in ranked if r > rank)
            mark = v.get((lot, supplier))
            if mark is None:
                prob += limit * below - pulp.lpSum(by_supplier[supplier_key(supplier)]) <= 0
                continue
            # The cap's rule for the tender withdrawing is lifted, its lot goes below it,
            # and the tender is gone.
            held = pulp.lpSum(by_supplier[supplier_key(supplier)])
            prob += limit * below - held - limit * mark <= 0
            prob += below - mark >= 0
            prob += x[lot, supplier] + mark <= 1
    prob += pulp.lpSum(v.values()) == 1
    prob += pulp.lpSum(x.values()) >= awarded
    # Any combination as cheap as the award's will do (the cheapest guides the search), so
    # the cost is a row, with room for the solver's rounding: a little over only costs an
    # award decided again needlessly.
    most = cost + 0.5 + 1e-6 * abs(cost)
    prob += pulp.lpSum(pence * x[lot, supplier] for lot, supplier, _, pence in tenders) <= most

    solver = default_solver()
    opened: set[tuple[str, str]] = set()
    for lot, suppliers in candidates.items():
        left = list(suppliers)
        award = x[lot, winners[lot]]
        award.upBound = 0  # (a new combination giving the lot as the award does moves nothing)
        for supplier in left:
            v[lot, supplier].upBound = 1
        while left:
            outcome = run(prob, solver, None, gap_abs=ANY_FOUND)
            if outcome.status == "infeasible":
                break
            marked = [s for s in left if (v[lot, s].varValue or 0) > 0.5]
            if outcome.status not in ("optimal", "feasible") or not marked:
                opened.update((lot, s) for s in left)
                break
            opened.add((lot, marked[0]))
            v[lot, marked[0]].upBound = 0
            left.remove(marked[0])
        award.upBound = 1
        for supplier in suppliers:
            v[lot, supplier].upBound = 0
    return opened
