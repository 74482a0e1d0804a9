"""Hand a PuLP model to HiGHS as arrays, optionally with a starting allocation, and read back
how the run ended.

PuLP's own HiGHS interface adds the model one column and one row at a time from Python and
reads every variable back twice: on the 14,548-offer benchmark tender that took longer than
HiGHS's search on the tie-break levels. Here the model goes over in three calls (columns,
integrality, rows), and a starting allocation (the previous level's answer, or a greedy one)
is handed over with it: HiGHS checks it against every row itself and starts its search with it
as the incumbent if it fits. A start only ever gives HiGHS an allocation to beat; the status
and bound are still HiGHS's own proof.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping

import pulp

from tendereval.allocation.solvers import SolverRun

OPTIONS: dict[str, object] = {}


def run_highs(
    prob: pulp.LpProblem,
    time_limit: float | None,
    gap_abs: float | None,
    presolve: bool,
    start: Mapping[pulp.LpVariable, float] | None = None,
    relax: bool = False,
) -> SolverRun:
    """Solve ``prob`` with HiGHS; variables hold the solution (see ``solvers.run``)."""
    import highspy
    import numpy as np

    started = time.perf_counter()

    variables = prob.variables()
    position = {var: i for i, var in enumerate(variables)}
    n = len(variables)
    highs = _quiet_highs(highspy)
    highs.setOptionValue("mip_rel_gap", 0.0)
    if gap_abs is not None:
        highs.setOptionValue("mip_abs_gap", gap_abs)
    if time_limit is not None:
        highs.setOptionValue("time_limit", float(time_limit))
    if not presolve:
        highs.setOptionValue("presolve", "off")
    for name, setting in OPTIONS.items():
        highs.setOptionValue(name, setting)

    inf = highspy.kHighsInf
    lower = np.array([-inf if v.lowBound is None else v.lowBound for v in variables], dtype=float)
    upper = np.array([inf if v.upBound is None else v.upBound for v in variables], dtype=float)
    highs.addVars(n, lower, upper)
    # HiGHS minimises: a maximisation goes over negated, as PuLP's interface does it.
    sign = -1.0 if prob.sense == pulp.LpMaximize else 1.0
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
        return SolverRun("infeasible", None, None, time.perf_counter() - started)
    if info.primal_solution_status != 2:  # kSolutionStatusFeasible: no solution in hand
        return SolverRun("not_solved", None, None, time.perf_counter() - started)
    for var, found in zip(variables, highs.getSolution().col_value, strict=True):
        var.varValue = found
    objective = pulp.value(prob.objective) if prob.objective is not None else 0.0
    seconds = time.perf_counter() - started
    if status == highspy.HighsModelStatus.kOptimal:
        return SolverRun("optimal", objective, objective, seconds)
    bound = sign * info.mip_dual_bound
    return SolverRun("feasible", objective, bound if math.isfinite(bound) else None, seconds)


def _quiet_highs(highspy):
    """A HiGHS instance that prints nothing. ``highspy.Highs()`` prints HiGHS's banner to the
    process's standard output (once, as it is made, before any option can be set), which
    would land in the middle of a command's output; the core class it extends does not."""
    core = getattr(getattr(highspy, "_core", None), "_Highs", None)
    highs = core() if core is not None else highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs
