"""Hand a PuLP model to HiGHS as arrays, optionally with a starting allocation, and read back
how the run ended.

PuLP's own HiGHS interface adds the model one column and one row at a time from Python and
reads every variable back twice: on the 14,548-offer benchmark tender that took longer than
HiGHS's search on the tie-break levels. Here the model goes over in three calls (columns,
integrality, rows), and a starting allocation (the previous level's answer, or a greedy one)
is handed over with it: HiGHS checks it against every row itself and starts its search with it
as the incumbent if it fits. A start is only meant to give HiGHS an allocation to beat.

"Optimal" is only reported when HiGHS's own bound proves the allocation it hands back: that
allocation's objective, counted here from its values, must be within the gap of the bound.
HiGHS 1.16 breaks that with a start and its presolve on. Presolve merges offers that are one
column to it (two SMEs offering a lot at one price, under the cost objective); when the start
holds the one dropped, the start carried into the presolved model loses that offer and seems
cheaper than it is, nothing real beats it, and HiGHS hands back the start as "optimal" with
the lower figure as its objective and bound. On the homecare example (every lot awarded, 90%
of the value to SMEs, lowest cost) that was the greedy start, £20,361,100, with a bound
£1,669,200 lower (HC-077's price for DOV, which HC-069 matches), where £20,039,200 is the
least. A run whose answer its bound does not prove, or that calls the rules impossible beside
a start that meets them, is run again without the start, then without presolve as well; an
answer still unproved is "feasible", with its bound.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import replace

import pulp

from tendereval.allocation.solvers import GAP_RELATIVE, STRICT_INTEGER, SolverRun

OPTIONS: dict[str, object] = {}


def run_highs(
    prob: pulp.LpProblem,
    time_limit: float | None,
    gap_abs: float | None,
    presolve: bool,
    start: Mapping[pulp.LpVariable, float] | None = None,
    relax: bool = False,
    strict: bool = False,
    cutoff: float | None = None,
) -> SolverRun:
    """Solve ``prob`` with HiGHS; variables hold the solution (see ``solvers.run``)."""
    started = time.perf_counter()
    tries = [(start, presolve)]
    if start is not None:
        tries.append((None, presolve))
    if presolve:
        tries.append((None, False))
    for number, (given, with_presolve) in enumerate(tries):
        limit = _left(time_limit, started)
        outcome, proved = _run_once(
            prob, limit, gap_abs, with_presolve, given, relax, strict, cutoff
        )
        last = number == len(tries) - 1 or _left(time_limit, started) == 0
        if proved or last:
            break
    seconds = time.perf_counter() - started
    if proved:
        return replace(outcome, seconds=seconds)
    if outcome.status == "infeasible":  # and the time limit left no run again: the start
        for var in prob.variables():
            var.varValue = start.get(var, 0.0)  # type: ignore[union-attr]
        return SolverRun("feasible", pulp.value(prob.objective), None, seconds)
    return replace(outcome, status="feasible", seconds=seconds)


def _left(time_limit: float | None, started: float) -> float | None:
    """What is left of ``time_limit`` (None for no limit): a run again shares the limit."""
    if time_limit is None:
        return None
    return max(0.0, time_limit - (time.perf_counter() - started))


def _run_once(
    prob: pulp.LpProblem,
    time_limit: float | None,
    gap_abs: float | None,
    presolve: bool,
    start: Mapping[pulp.LpVariable, float] | None,
    relax: bool,
    strict: bool = False,
    cutoff: float | None = None,
) -> tuple[SolverRun, bool]:
    """One HiGHS run, and whether its status can be believed: an optimum proved by the bound
    for the allocation handed back, and never "infeasible" beside a start that fits."""
    import highspy
    import numpy as np

    started = time.perf_counter()

    variables = prob.variables()
    position = {var: i for i, var in enumerate(variables)}
    n = len(variables)
    highs = quiet_highs(highspy)
    highs.setOptionValue("mip_rel_gap", GAP_RELATIVE)
    if gap_abs is not None:
        highs.setOptionValue("mip_abs_gap", gap_abs)
    if time_limit is not None:
        highs.setOptionValue("time_limit", float(time_limit))
    if not presolve:
        highs.setOptionValue("presolve", "off")
    if strict:
        highs.setOptionValue("mip_feasibility_tolerance", STRICT_INTEGER)
    for name, setting in OPTIONS.items():
        highs.setOptionValue(name, setting)

    inf = highspy.kHighsInf
    lower = np.array([-inf if v.lowBound is None else v.lowBound for v in variables], dtype=float)
    upper = np.array([inf if v.upBound is None else v.upBound for v in variables], dtype=float)
    highs.addVars(n, lower, upper)
    # HiGHS minimises: a maximisation goes over negated, as PuLP's interface does it.
    sign = -1.0 if prob.sense == pulp.LpMaximize else 1.0
    if cutoff is not None:
        # (HiGHS's objective_bound: a branch whose bound is worse is not searched)
        highs.setOptionValue("objective_bound", sign * cutoff)
    cost = np.zeros(n)
    for var, coefficient in (prob.objective or {}).items():
        cost[position[var]] = sign * coefficient
    columns = np.arange(n, dtype=np.int32)
    highs.changeColsCost(n, columns, cost)
    integer = np.array([v.cat == pulp.LpInteger and not relax for v in variables], dtype=np.uint8)
    highs.changeColsIntegrality(n, columns, integer)

    constraints = prob.constraints()
    starts, index, value, row_lower, row_upper = [], [], [], [], []
    for constraint in constraints:
        starts.append(len(index))
        for var, coefficient in constraint.items():
            if coefficient:
                index.append(position[var])
                value.append(coefficient)
        low, high = constraint.getLb(), constraint.getUb()
        row_lower.append(-inf if low is None else low)
        row_upper.append(inf if high is None else high)
    if constraints:
        highs.addRows(
            len(constraints),
            np.array(row_lower, dtype=float),
            np.array(row_upper, dtype=float),
            len(index),
            np.array(starts, dtype=np.int32),
            np.array(index, dtype=np.int32),
            np.array(value, dtype=float),
        )
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = [float(start.get(var, 0.0)) for var in variables]
        solution.value_valid = True
        highs.setSolution(solution)

    highs.run()
    status = highs.getModelStatus()
    info = highs.getInfo()
    if status in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    ):
        # The start meets every row (the model checks a greedy one first), so a proof that no
        # allocation does is a proof about some other model.
        outcome = SolverRun("infeasible", None, None, time.perf_counter() - started)
        return outcome, start is None
    if info.primal_solution_status != 2:  # kSolutionStatusFeasible: no solution in hand
        return SolverRun("not_solved", None, None, time.perf_counter() - started), True
    found = highs.getSolution().col_value
    for var, taken in zip(variables, found, strict=True):
        var.varValue = taken
    objective = pulp.value(prob.objective) if prob.objective is not None else 0.0
    seconds = time.perf_counter() - started
    if status == highspy.HighsModelStatus.kOptimal:
        if relax:
            return SolverRun("optimal", objective, objective, seconds), True
        proved = _within_gap(float(cost @ np.array(found)), info.mip_dual_bound, gap_abs)
        bound = objective if proved else sign * info.mip_dual_bound
        return SolverRun("optimal", objective, bound, seconds), proved
    bound = sign * info.mip_dual_bound
    return SolverRun("feasible", objective, bound if math.isfinite(bound) else None, seconds), True


def _within_gap(reached: float, bound: float, gap_abs: float | None) -> bool:
    """Whether ``bound`` (HiGHS's, minimising) proves ``reached`` the best: within the gap
    HiGHS was asked to close (1e-6, its own default, when none was), allowing for rounding in
    sums of pence up to the billions."""
    if not math.isfinite(bound):
        return False
    allowed = (1e-6 if gap_abs is None else gap_abs) + 1e-9 * max(1.0, abs(reached))
    return reached - bound <= allowed


def quiet_highs(highspy):
    """A HiGHS instance that prints nothing. ``highspy.Highs()`` prints HiGHS's banner to the
    process's standard output (once, as it is made, before any option can be set), which
    would land in the middle of a command's output; the core class it extends does not."""
    core = getattr(getattr(highspy, "_core", None), "_Highs", None)
    highs = core() if core is not None else highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs
