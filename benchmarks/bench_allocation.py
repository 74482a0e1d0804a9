"""Benchmark the lot allocation optimiser against HiGHS called directly on the same problem.

Instances are generated from a fixed seed, so every run solves the same problems:

* a *ladder* of tenders from 10 lots x 20 suppliers to 120 lots x 300 suppliers (about 15,000
  offers): each supplier bids for some lots, some also offer a package of neighbouring lots;
  solved with no participation policy, and with a cap of 4 lots and a 30% SME share. Each row
  is one ``allocate()`` call (the constrained and the unconstrained answer, every level of the
  objective and tie-break), with CBC and with HiGHS, beside HiGHS called directly on the same
  levels (``reference_solvers.highs_direct``);
* 40 and 120 lots with and without preprocessing;
* the top of the ladder with the cap, the SME share and a most supplier share (one that does
  not bind and one that does), under a 60 s limit per solver run, with HiGHS only (CBC runs the
  quick ladder's 10 x 20: at 120 x 300 it took 128 s and 121 s, ending short of optimal under
  the 4% share, about a third of ``make bench``'s ten minutes for a figure docs/performance.md
  already gives);
* *package bids*, under a 60 s limit per solver run, against HiGHS direct (and CP-SAT when
  ortools happens to be installed): the arbitrary combinatorial auction (200 lots, 1,000
  packages of 3-8 random lots: the hard case) and a bus-route tender (120 routes on a map,
  operators bidding from their garages for routes alone and for neighbouring routes together).

Run:  python benchmarks/bench_allocation.py [--quick]
      python benchmarks/bench_allocation.py --every-package   (each step of one package file)
      python benchmarks/bench_allocation.py --every-offer-ties   (naming every tied offer)
From code:  ``run(quick=True)`` returns the rows and prints the tables.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import statistics
import time
from dataclasses import dataclass, replace

import polars as pl
import reference_solvers as reference

from tendereval.allocation import Policy, allocate
from tendereval.allocation.solvers import SOLVERS, check_solver, default_solver
from tendereval.errors import UsageError

SEED = 20260401
TIME_LIMIT = 60.0  # seconds per solver run
LADDER = [(10, 20), (20, 40), (40, 80), (80, 160), (120, 300)]
QUICK_LADDER = [(10, 20), (20, 40), (40, 80)]
POLICED = Policy(max_lots_per_supplier=4, min_sme_share=0.3)
# The ladder's policy with a most supplier share: 5% does not bind at 120 x 300 (the largest
# share there is 4.4%), so it measures what the share's rows cost; 4% binds (3.98%).
SHARES = [0.05, 0.04]
QUICK_SHARES = [0.5, 0.2]  # on 10 x 20, where a supplier wins 40.6% without the rule
ROUTES = Policy(objective="cost", award_all_lots=True)  # every route must run
REPEATS = 3  # alternating runs of the top of the ladder, for the ratio target


@dataclass
class Row:
    instance: str
    lots: int
    offers: int
    policy: str
    solver: str
    preprocess: bool
    status: str
    gap: float | None
    seconds: float
    runs: int
    tie_break_complete: bool
    objective: float | None = None  # the first level's value, whole units


def tender(lots: int, suppliers: int, seed: int = SEED) -> pl.DataFrame:
    """A tender of ``lots`` lots: each supplier bids for about 40% of lots at prices around the
    lot's value, and a third of suppliers also offer a package of 2-5 neighbouring lots."""
    rng = random.Random(seed * 1_000 + lots)
    value = [rng.uniform(0.5e6, 3e6) for _ in range(lots)]
    rows = []
    for s in range(suppliers):
        name = f"Supplier {s + 1:03d}"
        sme, vcse = rng.random() < 0.6, rng.random() < 0.1
        quality = rng.gauss(72, 6)
        bid = [lot for lot in range(lots) if rng.random() < 0.4]
        for lot in bid:
            rows.append(_offer(len(rows), name, [lot], value, rng, quality, sme, vcse))
        if bid and rng.random() < 0.33:
            start = rng.choice(bid)
            area = list(range(start, min(lots, start + rng.randint(2, 5))))
            if len(area) > 1:
                rows.append(_offer(len(rows), name, area, value, rng, quality, sme, vcse, 0.93))
    return _frame(rows)


def auction(lots: int, offers: int, seed: int = SEED) -> pl.DataFrame:
    """A combinatorial auction: every offer is a package of 3-8 random lots (hard to solve)."""
    rng = random.Random(seed * 7 + lots)
    value = [rng.uniform(0.5e6, 3e6) for _ in range(lots)]
    rows = []
    suppliers = max(10, offers // 10)
    for number in range(offers):
        supplier = rng.randrange(suppliers)
        area = rng.sample(range(lots), rng.randint(3, 8))
        sme = supplier % 3 != 0
        rows.append(
            _offer(
                number,
                f"Bidder {supplier + 1:03d}",
                area,
                value,
                rng,
                rng.gauss(72, 6),
                sme,
                False,
                rng.uniform(0.85, 1.0),
            )
        )
    return _frame(rows)


def every_package(lots: int = 12) -> pl.DataFrame:
    """One supplier offering every package of ``lots`` lots (4,095 for 12), each priced a
    little below the sum of its lots and scored as their sum, beside one single-lot offer per
    lot from a small supplier at the same score: the package file that made the greedy start
    quadratic (16 million checks) and kept the officer waiting 13 s."""
    names = [f"L{n:02d}" for n in range(1, lots + 1)]
    price = {lot: 100_000 + 5_000 * n for n, lot in enumerate(names)}
    rows = []
    for size in range(1, lots + 1):
        for package in itertools.combinations(names, size):
            rows.append(
                {
                    "offer_id": f"P{len(rows) + 1:05d}",
                    "supplier": "Bigco Ltd",
                    "lots": list(package),
                    "price": round(
                        sum(price[lot] for lot in package) * (1 - 0.002 * (size - 1)), 2
                    ),
                    "score": 70.0 * size,
                    "sme": False,
                    "vcse": False,
                }
            )
    for n, lot in enumerate(names):
        rows.append(
            {
                "offer_id": f"S{n:02d}",
                "supplier": f"Small {n} Ltd",
                "lots": [lot],
                "price": round(price[lot] * 0.99, 2),
                "score": 70.0,
                "sme": True,
                "vcse": False,
            }
        )
    return pl.DataFrame(rows)


def every_package_steps(lots: int = 12) -> float:
    """Allocate :func:`every_package` with HiGHS (or CBC), printing each step with its time;
    the whole call's seconds."""
    offers = every_package(lots)
    print(f"\n== every package of {lots} lots: {offers.height:,} offers ==")
    start = time.perf_counter()
    result = allocate(offers, Policy(), progress=lambda line: print(f"  {line}"))
    took = time.perf_counter() - start
    print(f"  allocate(): {result.status}, {took:.2f} s")
    return took


def every_offer_ties(lots: int = 30, suppliers: int = 33) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every supplier bidding for every lot at the same price, score and quality points, as
    offers and their tie values under a plan's tie-break (a tender folder's rule): every lot
    is undecided between every supplier, and each must be named. The file of 30 lots that
    took 991 solver runs (136 s) to name them lot by lot."""
    rows = [
        {
            "offer_id": f"S{s:02d}/L{lot:02d}",
            "supplier": f"Supplier {s:02d} Ltd",
            "lots": [f"L{lot:02d}"],
            "price": 1000.0,
            "score": 80.0,
            "sme": False,
            "vcse": False,
        }
        for s in range(suppliers)
        for lot in range(lots)
    ]
    offers = pl.DataFrame(rows)
    values = offers.select(
        "offer_id",
        quality=pl.lit(30.0),
        social_value=pl.lit(0.0),
        preferred=pl.lit(0),
        lot_rank=pl.lit(1),
    )
    return offers, values


def every_offer_ties_runs(lots: int = 30, suppliers: int = 33) -> float:
    """Allocate :func:`every_offer_ties` under the plan's tie-break (every lot awarded) with
    HiGHS (or CBC), printing the solver runs, the time and what was found; the seconds."""
    offers, values = every_offer_ties(lots, suppliers)
    print(f"\n== every offer ties: {lots} lots x {suppliers} suppliers, {offers.height:,} offers")
    policy = Policy(tie_break="plan", plan_tie_break=("quality", "price"), award_all_lots=True)
    start = time.perf_counter()
    result = allocate(offers, policy, tie_values=values, compare=False)
    took = time.perf_counter() - start
    named = sum(len(holders) for holders in result.undecided.values())
    print(
        f"  allocate() ({result.solver}): {result.status}, {result.solves} solver runs, "
        f"{took:.2f} s; {len(result.undecided)} lots undecided, {named} offers named"
    )
    return took


def bus_routes(routes: int = 100, operators: int = 14, seed: int = SEED) -> pl.DataFrame:
    """A bus-route tender: ``routes`` routes on a 30 x 20 km map, bid for by operators from
    their garages, alone and in packages of neighbouring routes (the structure of London's
    route tendering, and of the 86-lot tender an English transport authority let in 2026).

    Each route runs between two termini; its yearly cost to run follows its length and
    frequency (about £0.6m-£3.6m). Each operator has one to three garages and bids for every
    route whose middle lies within 6 km of one (a route out of everyone's reach gets its two
    nearest operators): alone, at the operator's own efficiency plus the cost of running empty
    from its nearest garage; and in packages of 2-6 neighbouring routes (each within 4 km of a
    route already in the package), at 2-10% off the sum of its own prices for them, for
    sharing vehicles, drivers and a depot. A package's score is the sum of its routes' scores,
    as the offers table asks. Solved at lowest cost with every route awarded, as routes must
    run.
    """
    rng = random.Random(seed * 13 + routes)
    termini = [
        ((rng.uniform(0, 30), rng.uniform(0, 20)), (rng.uniform(0, 30), rng.uniform(0, 20)))
        for _ in range(routes)
    ]
    middles = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in termini]
    run_cost = [(0.2e6 + 0.12e6 * math.dist(a, b)) * rng.uniform(0.8, 1.6) for a, b in termini]
    garages = [
        [(rng.uniform(0, 30), rng.uniform(0, 20)) for _ in range(rng.randint(1, 3))]
        for _ in range(operators)
    ]
    efficiency = [rng.uniform(0.9, 1.1) for _ in range(operators)]
    quality = [rng.gauss(70, 6) for _ in range(operators)]
    sme = [rng.random() < 0.4 for _ in range(operators)]

    def distance(operator: int, route: int) -> float:
        return min(math.dist(garage, middles[route]) for garage in garages[operator])

    reach = [[r for r in range(routes) if distance(o, r) <= 6.0] for o in range(operators)]
    for route in range(routes):
        others = [o for o in range(operators) if route not in reach[o]]
        missing = max(0, 2 - (operators - len(others)))
        for o in sorted(others, key=lambda o: distance(o, route))[:missing]:
            reach[o].append(route)
    near = [
        [
            other
            for other in range(routes)
            if other != r and math.dist(middles[r], middles[other]) <= 4.0
        ]
        for r in range(routes)
    ]
    rows: list[dict] = []

    def offer(operator: int, lots: list[int], price: float, score: float) -> None:
        rows.append(
            {
                "offer_id": f"B{len(rows) + 1:05d}",
                "supplier": f"Operator {operator + 1:02d}",
                "lots": [f"R{lot + 1:03d}" for lot in sorted(lots)],
                "price": round(price, 2),
                "score": round(score, 2),
                "sme": sme[operator],
                "vcse": False,
                "group": None,
            }
        )

    for o in range(operators):
        own_price, own_score = {}, {}
        for r in sorted(reach[o]):
            empty_running = 0.03e6 * distance(o, r)
            own_price[r] = run_cost[r] * efficiency[o] * rng.uniform(0.95, 1.08) + empty_running
            own_score[r] = min(95.0, max(40.0, rng.gauss(quality[o], 4)))
            offer(o, [r], own_price[r], own_score[r])
        packages = set()
        for _ in range(2 * len(reach[o])):
            package = [rng.choice(reach[o])]
            for _ in range(rng.randint(1, 5)):
                options = sorted(
                    {n for r in package for n in near[r] if n in own_price} - set(package)
                )
                if not options:
                    break
                package.append(rng.choice(options))
            key = tuple(sorted(package))
            if len(key) > 1 and key not in packages:
                packages.add(key)
                price = sum(own_price[r] for r in key) * (1 - rng.uniform(0.02, 0.10))
                offer(o, list(key), price, sum(own_score[r] for r in key))
    return _frame(rows)


def _offer(number, supplier, lots, value, rng, quality, sme, vcse, discount=1.0) -> dict:
    price = sum(value[lot] * rng.uniform(0.9, 1.15) for lot in lots) * discount
    score = sum(min(95.0, max(40.0, rng.gauss(quality, 4))) for _ in lots) / discount
    return {
        "offer_id": f"O{number + 1:05d}",
        "supplier": supplier,
        "lots": [f"L{lot + 1:03d}" for lot in lots],
        "price": round(price, 2),
        "score": round(score, 2),
        "sme": sme,
        "vcse": vcse,
        "group": None,
    }


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema_overrides={"group": pl.String})


def solve(
    name: str,
    frame: pl.DataFrame,
    policy: Policy,
    label: str,
    solver: str,
    preprocess: bool = True,
    time_limit: float = TIME_LIMIT,
) -> Row:
    started = time.perf_counter()
    result = allocate(
        frame, policy, solver=solver, time_limit=time_limit, preprocess=preprocess, explain=False
    )
    seconds = time.perf_counter() - started
    lots = frame.get_column("lots").explode().n_unique()
    first = _first_level_value(result, policy)
    return Row(
        name,
        lots,
        frame.height,
        label,
        solver,
        preprocess,
        result.status,
        result.gap,
        seconds,
        result.solves,
        result.tie_break_complete,
        first,
    )


def _first_level_value(result, policy: Policy) -> float | None:
    """The first level's value in whole units (to check against the direct reference)."""
    if result.status not in ("optimal", "feasible"):
        return None
    if policy.objective == "score":
        return round(result.total_score * 10_000)
    return round(result.totals.total_cost * 100)


def direct(
    name: str,
    frame: pl.DataFrame,
    policy: Policy,
    label: str,
    which: str,
    time_limit: float = TIME_LIMIT,
) -> Row:
    """The same instance solved by a reference (``highs direct`` or ``cp-sat direct``)."""
    solve_directly = reference.highs_direct if which == "highs direct" else reference.cpsat_direct
    outcome = solve_directly(frame, policy, time_limit)
    lots = frame.get_column("lots").explode().n_unique()
    return Row(
        name,
        lots,
        frame.height,
        label,
        which,
        False,
        outcome.status,
        outcome.gap,
        outcome.seconds,
        outcome.runs,
        outcome.status == "optimal",
        outcome.objective,
    )


def run(quick: bool = False) -> list[Row]:
    """Solve every instance with every available solver and the references; print the
    tables and return the rows."""
    solvers = []
    for solver in SOLVERS:
        try:
            check_solver(solver)
            solvers.append(solver)
        except UsageError as exc:
            print(f"skipping {solver}: {exc}")
    has_highs = "highs" in solvers
    print(f"default solver: {default_solver()}")
    rows: list[Row] = []
    for lots, suppliers in QUICK_LADDER if quick else LADDER:
        frame = tender(lots, suppliers)
        name = f"tender {lots}x{suppliers}"
        for policy, label in ((Policy(), "none"), (POLICED, "cap 4 + SME 30%")):
            for solver in solvers:
                rows.append(solve(name, frame, policy, label, solver))
                _print_row(rows[-1])
            if has_highs:
                rows.append(direct(name, frame, policy, label, "highs direct"))
                _print_row(rows[-1])
    # Preprocessing off: where splitting lots and dropping outbid offers matter (no policy)
    # and where they cannot (a share rule links every lot, so only dominance is left).
    comparisons = [(40, 80, POLICED, "cap 4 + SME 30%")]
    if not quick:
        comparisons.insert(0, (120, 300, Policy(), "none"))
    for lots, suppliers, policy, label in comparisons:
        frame = tender(lots, suppliers)
        for solver in solvers:
            rows.append(solve(f"tender {lots}x{suppliers}", frame, policy, label, solver, False))
            _print_row(rows[-1])
    shares = supplier_share(solvers, quick)
    rows += shares
    print()
    print(table(rows))
    if has_highs:
        print()
        print(ladder_ratio(quick))
    packages = package_bids(solvers, quick)
    print()
    print(table(packages))
    print()
    print(package_targets(packages))
    return rows + packages


def supplier_share(solvers: list[str], quick: bool) -> list[Row]:
    """The top of the ladder (10 x 20 when quick) under the cap, the SME share and each of
    ``SHARES`` as a most supplier share, under the time limit: each solver when quick, HiGHS
    alone at full size when it is installed."""
    lots, suppliers = (10, 20) if quick else LADDER[-1]
    frame = tender(lots, suppliers)
    if not quick and "highs" in solvers:
        # CBC under a share at this size: minutes for a known answer (see the module docstring)
        solvers = ["highs"]
    rows = []
    for share in QUICK_SHARES if quick else SHARES:
        policy = replace(POLICED, max_supplier_share=share)
        label = f"cap+SME, {share:.0%} max"
        for solver in solvers:
            rows.append(solve(f"tender {lots}x{suppliers}", frame, policy, label, solver))
            _print_row(rows[-1])
    return rows


def ladder_ratio(quick: bool) -> str:
    """The top of the ladder with the cap and SME share: tendereval (default solver) against
    HiGHS direct, alternating, median of ``REPEATS`` runs each."""
    lots, suppliers = QUICK_LADDER[-1] if quick else LADDER[-1]
    frame = tender(lots, suppliers)
    ours, theirs = [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        allocate(frame, POLICED, explain=False)
        ours.append(time.perf_counter() - started)
        theirs.append(reference.highs_direct(frame, POLICED, TIME_LIMIT).seconds)
    ratio = statistics.median(ours) / statistics.median(theirs)
    return (
        f"tender {lots}x{suppliers}, cap 4 + SME 30%, median of {REPEATS} alternating runs: "
        f"allocate ({default_solver()}) {statistics.median(ours):.2f} s, HiGHS direct "
        f"{statistics.median(theirs):.2f} s: {ratio:.2f}x (target <= 1.2x) "
        f"[{', '.join(f'{t:.2f}' for t in ours)} against {', '.join(f'{t:.2f}' for t in theirs)}]"
    )


def package_bids(solvers: list[str], quick: bool) -> list[Row]:
    """The package-bid instances under the time limit: each solver, HiGHS direct, CP-SAT."""
    instances = (
        [("auction 60/300", auction(60, 300), Policy(), "none"),
         ("bus routes 40", bus_routes(40), ROUTES, "all routes")]
        if quick
        else [("auction 200/1000", auction(200, 1000), Policy(), "none"),
              ("bus routes 120", bus_routes(120), ROUTES, "all routes")]
    )  # fmt: skip
    limit = 5.0 if quick else TIME_LIMIT
    references = ["highs direct"] if "highs" in solvers else []
    if reference.cpsat_available():
        references.append("cp-sat direct")
    else:
        print("CP-SAT (ortools) is not installed: no CP-SAT reference")
    rows = []
    for name, frame, policy, label in instances:
        for solver in solvers:
            rows.append(solve(name, frame, policy, label, solver, time_limit=limit))
            _print_row(rows[-1])
        for which in references:
            rows.append(direct(name, frame, policy, label, which, limit))
            _print_row(rows[-1])
    return rows


def package_targets(rows: list[Row]) -> str:
    """Each package-bid instance's gap (default solver) against HiGHS direct's."""
    lines = []
    chosen = default_solver()
    for instance in dict.fromkeys(r.instance for r in rows):
        ours = next((r for r in rows if r.instance == instance and r.solver == chosen), None)
        theirs = next(
            (r for r in rows if r.instance == instance and r.solver == "highs direct"), None
        )
        if ours is None or theirs is None or ours.gap is None or theirs.gap is None:
            continue
        verdict = "met" if ours.gap <= theirs.gap + 1e-9 else "NOT met"
        lines.append(
            f"{instance}: gap {ours.gap:.3%} ({chosen}, {ours.status}, {ours.seconds:.1f} s) "
            f"against HiGHS direct {theirs.gap:.3%} ({theirs.status}): {verdict}"
        )
        if instance.startswith("bus"):
            proved = ours.status == "optimal" and ours.seconds <= TIME_LIMIT
            lines.append(
                f"{instance}: proven optimal within {TIME_LIMIT:.0f} s: "
                f"{'met' if proved else 'NOT met'} ({ours.status}, {ours.seconds:.1f} s)"
            )
    return "\n".join(lines)


def _print_row(row: Row) -> None:
    print(
        f"  {row.instance:<18} {row.policy:<16} {row.solver:<13} "
        f"{'no preprocessing ' if row.solver in SOLVERS and not row.preprocess else ''}"
        f"{row.status} {row.seconds:.2f} s",
        flush=True,
    )


def table(rows: list[Row]) -> str:
    """The rows as a plain-text table, with ratios: time over CBC's (same instance, policy and
    preprocessing), time without preprocessing over time with it, and time over HiGHS
    direct's. *check* compares the first level's value with HiGHS direct's where both proved
    it optimal (= the same)."""
    seconds = {(r.instance, r.policy, r.solver, r.preprocess): r.seconds for r in rows}
    found = {(r.instance, r.policy): r for r in rows if r.solver == "highs direct"}
    lines = [
        f"{'instance':<18} {'offers':>6} {'policy':<16} {'prep':<4} {'solver':<13} "
        f"{'status':<9} {'gap':>8} {'seconds':>8} {'runs':>4} {'vs CBC':>7} {'vs prep':>7} "
        f"{'vs direct':>9} {'tie-break':>9} {'check':>5}"
    ]
    for r in rows:
        cbc = seconds.get((r.instance, r.policy, "cbc", r.preprocess))
        prepped = seconds.get((r.instance, r.policy, r.solver, True))
        reference_row = found.get((r.instance, r.policy))
        ours = r.solver in SOLVERS
        vs_cbc = f"{r.seconds / cbc:.2f}x" if cbc and r.solver != "cbc" and ours else ""
        vs_prep = f"{r.seconds / prepped:.2f}x" if prepped and not r.preprocess and ours else ""
        vs_direct = f"{r.seconds / reference_row.seconds:.2f}x" if reference_row and ours else ""
        check = ""
        if reference_row and ours and r.status == reference_row.status == "optimal":
            same = r.objective is not None and reference_row.objective is not None
            same = same and abs(r.objective - reference_row.objective) < 0.5
            check = "=" if same else "DIFF"
        gap = "" if r.gap is None else f"{r.gap:.3%}"
        prep = ("yes" if r.preprocess else "no") if ours else ""
        lines.append(
            f"{r.instance:<18} {r.offers:>6} {r.policy:<16} {prep:<4} "
            f"{r.solver:<13} {r.status:<9} {gap:>8} {r.seconds:>8.2f} {r.runs:>4} {vs_cbc:>7} "
            f"{vs_prep:>7} {vs_direct:>9} {'done' if r.tie_break_complete else 'partial':>9} "
            f"{check:>5}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the small instances")
    parser.add_argument(
        "--every-package",
        action="store_true",
        help="only the file of every package of 12 lots, each step timed",
    )
    parser.add_argument(
        "--every-offer-ties",
        action="store_true",
        help="only the file of 30 lots where every offer ties, under a plan's tie-break",
    )
    args = parser.parse_args()
    if args.every_package:
        every_package_steps()
    elif args.every_offer_ties:
        every_offer_ties_runs()
    else:
        run(quick=args.quick)


if __name__ == "__main__":
    main()
