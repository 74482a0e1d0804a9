"""References for the allocation benchmark: the same problem handed to a solver directly.

* ``highs_direct``: the plain model (one binary per eligible offer, a row per lot, a row per
  capped supplier and per supplier with a capacity in volume, the SME and VCSE share rows)
  built as arrays and passed to HiGHS in one call, with its default options (presolve on),
  the objective and tie-break levels solved in turn, each held fixed before the next: what a
  competent engineer would write without tendereval. No
  reduction, no warm start, no model of tendereval's own. Offer order is a last level here,
  the smallest sum of positions (tendereval's rule until it settled offer order exactly, as a
  total order, at about the cost of that level).
* ``cpsat_direct``: the first level of the same plain model with Google's CP-SAT, only when
  ``ortools`` happens to be installed (it is never a dependency of tendereval).

``highs_direct`` supports the rules the benchmarks use (every lot awarded, the lot cap, the SME
and VCSE shares, and the capacity in volume the lot-split scenarios give each supplier); both
report the first level's status, objective, bound and gap the way ``allocate`` does.
"""

from __future__ import annotations

import importlib.util
import math
import os
import time
from dataclasses import dataclass
from functools import reduce

import polars as pl

from tendereval.allocation import Policy
from tendereval.allocation.highs_run import quiet_highs
from tendereval.allocation.model import Level, levels_for
from tendereval.allocation.offers import offers_from_frame
from tendereval.allocation.policy import PARTICIPATION_RULES
from tendereval.allocation.preprocess import prepare

SUPPORTED = frozenset({"award_all_lots", "cap", "sme_share", "vcse_share", "supplier_max_volume"})
OFFER_ORDER = Level("offer order", "rank", maximise=False, decides_status=False)


@dataclass
class DirectRun:
    """How a direct solve ended: the first level's status and gap, the seconds for every
    level of the constrained and (when a participation rule is in force) the unconstrained
    answer, and the first level's objective value (whole units) for a cross-check."""

    status: str
    gap: float | None
    seconds: float
    runs: int
    objective: float | None
    level_seconds: list[float] | None = None


def plain_model(offers: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    """The eligible offers, with whole units and rank, sorted by rank (no reduction)."""
    unsupported = policy.rules() - SUPPORTED
    if unsupported:
        raise ValueError(f"the direct references do not model {sorted(unsupported)}")
    checked, problems = offers_from_frame(offers)
    assert not problems, problems
    return prepare(checked, policy, reduce=False).offers.sort("rank")


def _rows(frame: pl.DataFrame, policy: Policy, participation: bool):
    """(lower, upper, columns, coefficients) of every row of the plain model."""
    lots_of = frame.get_column("lots").to_list()
    n_lots = frame.get_column("n_lots").to_list()
    suppliers = frame.get_column("supplier").to_list()
    price = frame.get_column("price_units").to_list()
    rules = policy.rules()
    rows = []
    by_lot: dict[str, list[int]] = {}
    for i, lots in enumerate(lots_of):
        for lot in lots:
            by_lot.setdefault(lot, []).append(i)
    low = 1.0 if "award_all_lots" in rules else -math.inf
    for members in by_lot.values():
        rows.append((low, 1.0, members, [1.0] * len(members)))
    by_supplier: dict[str, list[int]] = {}
    for i, supplier in enumerate(suppliers):
        by_supplier.setdefault(supplier, []).append(i)
    if "supplier_max_volume" in rules:
        # A capacity binds with or without the participation rules (it is not one of them).
        volume = [v or 0.0 for v in frame.get_column("volume").to_list()]
        for supplier, members in by_supplier.items():
            most = policy.supplier_max_volume.get(supplier)
            if most is not None:
                rows.append((-math.inf, most * (1 + 1e-9) + 1e-9, members,
                             [volume[i] for i in members]))  # fmt: skip
    if not participation:
        return rows
    if "cap" in rules:
        for members in by_supplier.values():
            cap = policy.max_lots_per_supplier
            rows.append((-math.inf, float(cap), members, [float(n_lots[i]) for i in members]))
    shares = [("sme", policy.min_sme_share), ("vcse", policy.min_vcse_share)]
    for flag, share in shares:
        if f"{flag}_share" not in rules:
            continue
        counted = frame.get_column(flag).to_list()
        weights = [((1.0 if c else 0.0) - share) * p for c, p in zip(counted, price, strict=True)]
        rows.append((-1e-6, math.inf, list(range(len(price))), weights))
    if rules & {"sme_share", "vcse_share"}:
        rows.append((1.0, math.inf, list(range(len(price))), [1.0] * len(price)))
    return rows


def highs_direct(offers: pl.DataFrame, policy: Policy, time_limit: float) -> DirectRun:
    """Solve with highspy directly (see the module docstring)."""
    import highspy
    import numpy as np

    frame = plain_model(offers, policy)
    levels = [*levels_for(policy), OFFER_ORDER]
    answers = [True, False] if policy.rules() & PARTICIPATION_RULES else [True]
    first: DirectRun | None = None
    seconds, runs, level_seconds = 0.0, 0, []
    for participation in answers:
        started = time.perf_counter()
        # The same quiet instance allocate makes: highspy.Highs() prints HiGHS's banner into the
        # middle of the benchmark's table.
        highs = quiet_highs(highspy)
        highs.setOptionValue("time_limit", float(time_limit))
        highs.setOptionValue("mip_rel_gap", 0.0)
        highs.setOptionValue("mip_abs_gap", 0.45)
        n = frame.height
        highs.addVars(n, np.zeros(n), np.ones(n))
        highs.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.ones(n, dtype=np.uint8))
        for lower, upper, columns, values in _rows(frame, policy, participation):
            highs.addRow(
                lower, upper, len(columns), np.array(columns, dtype=np.int32), np.array(values)
            )
        outcome = None
        for number, level in enumerate(levels):
            weights = np.array(frame.get_column(level.column).to_list(), dtype=np.float64)
            sense = -1.0 if level.maximise else 1.0
            highs.changeColsCost(n, np.arange(n, dtype=np.int32), sense * weights)
            began = time.perf_counter()
            highs.run()
            level_seconds.append(time.perf_counter() - began)
            runs += 1
            status = highs.getModelStatus()
            info = highs.getInfo()
            value = sense * info.objective_function_value
            bound = sense * info.mip_dual_bound
            if status == highspy.HighsModelStatus.kOptimal:
                state = "optimal"
            elif info.primal_solution_status == 2:
                state = "feasible"
            elif status == highspy.HighsModelStatus.kInfeasible:
                state = "infeasible"
            else:
                state = "not_solved"
            if number == 0:
                gap = None
                if state == "optimal":
                    gap = 0.0
                elif state == "feasible":
                    gap = abs(bound - value) / max(abs(value), 1e-9)
                outcome = (state, gap, value if state in ("optimal", "feasible") else None)
            if state != "optimal":
                break
            # Hold the level within half a step of the value reached, as allocate does.
            step = reduce(math.gcd, [int(w) for w in weights], 0) or 1
            chosen = np.array(highs.getSolution().col_value) > 0.5
            reached = round(float(weights[chosen].sum()) / step)
            scaled = weights / step
            if level.maximise:
                highs.addRow(reached - 0.5, math.inf, n, np.arange(n, dtype=np.int32), scaled)
            else:
                highs.addRow(-math.inf, reached + 0.5, n, np.arange(n, dtype=np.int32), scaled)
        seconds += time.perf_counter() - started
        if first is None and outcome is not None:
            first = DirectRun(outcome[0], outcome[1], 0.0, 0, outcome[2])
    assert first is not None
    first.seconds, first.runs, first.level_seconds = seconds, runs, level_seconds
    return first


def highs_available() -> bool:
    return importlib.util.find_spec("highspy") is not None


def cpsat_available() -> bool:
    return importlib.util.find_spec("ortools") is not None


def cpsat_direct(offers: pl.DataFrame, policy: Policy, time_limit: float) -> DirectRun:
    """The first level of the plain model with CP-SAT, on every core (status, gap, seconds)."""
    from ortools.sat.python import cp_model

    frame = plain_model(offers, policy)
    level = levels_for(policy)[0]
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(frame.height)]
    for lower, upper, columns, values in _rows(frame, policy, True):
        if any(v != int(v) for v in values):
            raise ValueError("CP-SAT needs whole coefficients: the share rule is not modelled")
        expression = sum(int(v) * x[c] for c, v in zip(columns, values, strict=True))
        if lower > -math.inf:
            model.add(expression >= math.ceil(lower))
        if upper < math.inf:
            model.add(expression <= math.floor(upper))
    weights = frame.get_column(level.column).to_list()
    objective = sum(w * v for w, v in zip(weights, x, strict=True))
    if level.maximise:
        model.maximize(objective)
    else:
        model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = os.cpu_count() or 1
    started = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    if status == cp_model.OPTIMAL:
        return DirectRun("optimal", 0.0, seconds, 1, solver.objective_value)
    if status == cp_model.FEASIBLE:
        value, bound = solver.objective_value, solver.best_objective_bound
        return DirectRun("feasible", abs(bound - value) / abs(value), seconds, 1, value)
    return DirectRun("infeasible" if status == cp_model.INFEASIBLE else "not_solved", None,
                     seconds, 1, None)  # fmt: skip
