"""Run a PuLP model with CBC or HiGHS and say honestly how the solve ended.

PuLP reports ``LpStatus`` "Optimal" when a time limit stops CBC or HiGHS with a solution in
hand; only ``prob.sol_status`` (``LpSolutionIntegerFeasible``) tells the two apart. So the status
here comes from the solution status, and the best bound comes from the solver itself: for CBC
from its log (the "best possible" value of the partial search), for HiGHS from
``getInfo().mip_dual_bound``. A feasible answer is never called optimal.
"""

from __future__ import annotations

import functools
import re
import subprocess
import tempfile
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pulp

from tendereval.errors import UsageError

SOLVERS = ("cbc", "highs")
# Solvers handed a starting allocation. CBC is not: its handling of a start has been less
# reliable than HiGHS's, and its integer answers have needed guarding already (below).
TAKES_A_START = frozenset({"highs"})
# The gap a solver may stop within and still call its answer optimal: none relative to the
# objective, and under one whole unit of the level solved (a penny, a ten-thousandth of a
# point, a lot). Every objective is a whole number of units, so that is still a proof.
GAP_RELATIVE = 0.0
GAP_ABSOLUTE = 0.45
# How near 0 or 1 an offer's variable must be to count as none or all of it, in a strict run:
# HiGHS's least (its default is 1e-6).
STRICT_INTEGER = 1e-10
GAP = {
    "relative": GAP_RELATIVE,
    "absolute": GAP_ABSOLUTE,
    "absolute_in": "a whole unit of the level solved (a penny, a ten-thousandth of a point, a lot)",
}


@dataclass(frozen=True)
class SolverRun:
    """How one solve ended.

    ``status`` is ``optimal`` (proved), ``feasible`` (stopped by the time limit with a
    solution), ``infeasible`` (proved to have no solution) or ``not_solved`` (stopped before
    finding any solution). ``objective`` and ``bound`` are in the model's own units; ``bound``
    is the best value any solution could reach, known for optimal and usually for feasible.
    """

    status: str
    objective: float | None
    bound: float | None
    seconds: float


def default_solver() -> str:
    """The solver used when none is named: HiGHS when highspy is installed, else CBC.

    Measured on the benchmark (``docs/performance.md``): HiGHS is as fast on the tender ladder
    and leaves smaller gaps on package bids."""
    return "highs" if pulp.HiGHS().available() else "cbc"


def check_solver(name: str) -> None:
    """Raise UsageError, in plain words, if solver ``name`` cannot be used here."""
    if name not in SOLVERS:
        raise UsageError(f"Unknown solver {name!r}: choose cbc or highs.")
    if name == "highs" and not pulp.HiGHS().available():
        raise UsageError(
            "The HiGHS solver needs the highspy package, which is not installed. "
            "Install it with: pip install highspy (or use --solver cbc)."
        )
    if name == "cbc" and not _cbc(msg=False).available():
        raise UsageError(
            "The CBC solver bundled with PuLP cannot be run on this computer. "
            "Install CBC (pip install 'pulp[cbc]') or use --solver highs."
        )


@functools.cache
def solver_version(name: str) -> str:
    """The version of solver ``name`` as installed here, for the record ("unknown" when it
    cannot be told): HiGHS's from the library highspy carries, CBC's as its program states it."""
    if name == "highs":
        try:
            import highspy
        except ImportError:
            return "not installed"
        return ".".join(
            str(part)
            for part in (
                highspy.HIGHS_VERSION_MAJOR,
                highspy.HIGHS_VERSION_MINOR,
                highspy.HIGHS_VERSION_PATCH,
            )
        )
    try:
        said = subprocess.run(
            [_cbc(msg=False).path, "-quit"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError, pulp.PulpSolverError):
        return "unknown"
    found = re.search(r"^Version:\s*(\S+)", said, flags=re.MULTILINE)
    return found.group(1) if found else "unknown"


def run(
    prob: pulp.LpProblem,
    solver: str,
    time_limit: float | None,
    gap_abs: float | None = None,
    presolve: bool = True,
    start: Mapping[pulp.LpVariable, float] | None = None,
    relax: bool = False,
    other_way: bool = False,
    strict: bool = False,
    cutoff: float | None = None,
) -> SolverRun:
    """Solve ``prob`` as it stands and report how it ended (variables hold the solution).

    ``gap_abs`` lets the solver stop once no solution can beat the incumbent by that much; the
    model passes just under one unit when every objective value is a whole number of units,
    which is still a proof of optimality. ``presolve=False`` turns HiGHS's presolve off (the
    model asks for that on the levels after the first, where it is slow). ``start`` is an
    allocation to start from (values of variables; HiGHS only, see ``highs_run``); ``relax``
    solves the linear relaxation instead (integrality dropped), status ``optimal`` or
    ``not_solved``. ``other_way`` runs the solver the other way round, for a second opinion
    on an answer its usual way gave: CBC with its integer preprocessing on, HiGHS with its
    presolve switched the other way. ``strict`` takes an offer only within ``STRICT_INTEGER``
    of 0 or 1 for none or all of it (the solvers' default is 1e-6 or 1e-7: a millionth of a
    £5bn offer is £5,000), for answers that broke a rule by rounding. ``cutoff`` (HiGHS only)
    is a value no allocation wanted can be worse than: the solver sets aside every branch whose
    bound is worse, so a search among allocations already held to that value by a row is
    guided by the objective instead of searched blind (CBC ignores it).

    CBC always runs with its integer preprocessing off: on allocation models it has returned a
    worse allocation as "optimal", on a level holding earlier levels fixed and on a first
    level alike (a lot-split sample £770 dearer than HiGHS's proved optimum), and it has called
    feasible models infeasible (``tests/allocation/test_allocation_solvers.py``). Without it
    the benchmark ladder solves in the same time (``docs/performance.md``).
    """
    if solver == "highs":
        from tendereval.allocation.highs_run import run_highs

        return run_highs(
            prob, time_limit, gap_abs, presolve != other_way, start, relax, strict, cutoff
        )
    exactly = [f"integerT {STRICT_INTEGER}"] if strict else []
    if other_way:
        return _with_preprocessing(prob, time_limit, gap_abs, 0.0, exactly)
    if strict:
        return _run_cbc(prob, time_limit, gap_abs, exactly)
    if relax:
        failed, _, seconds = _cbc_once(prob, time_limit, None, [], mip=False)
        if failed or prob.status != pulp.LpStatusOptimal:
            return SolverRun("not_solved", None, None, seconds)
        return SolverRun("optimal", pulp.value(prob.objective), None, seconds)
    return _run_cbc(prob, time_limit, gap_abs)


def _cbc(**options: object) -> pulp.LpSolver:
    # PuLP 3.3 marks its bundled CBC as deprecated for 4.0; it is still the bundled solver.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        bundled = pulp.PULP_CBC_CMD(**options)
    if bundled.available():
        return bundled
    return pulp.COIN_CMD(**options)


def _run_cbc(
    prob: pulp.LpProblem,
    time_limit: float | None,
    gap_abs: float | None,
    options: tuple[str, ...] | list[str] = (),
) -> SolverRun:
    failed, text, seconds = _cbc_once(prob, time_limit, gap_abs, ["preprocess off", *options])
    if failed:
        return _after_a_crash(prob, time_limit, gap_abs, seconds)
    outcome = _cbc_outcome(prob, text, seconds)
    if outcome.status in ("optimal", "feasible") and not _whole(prob):
        # CBC 2.10 without preprocessing has been seen to find the integer optimum yet write
        # the linear relaxation (fractional offers, broken rows) as its solution, which PuLP
        # reads as optimal. Such an answer is never used.
        return _with_preprocessing(prob, time_limit, gap_abs, seconds)
    return outcome


def _with_preprocessing(
    prob: pulp.LpProblem,
    time_limit: float | None,
    gap_abs: float | None,
    seconds: float,
    options: list[str] | None = None,
) -> SolverRun:
    """CBC once more, with its preprocessing: the fallback when a run without it failed."""
    failed, text, more = _cbc_once(prob, time_limit, gap_abs, options or [])
    if failed:
        raise pulp.PulpSolverError("CBC stopped without an answer, with or without preprocessing")
    outcome = _cbc_outcome(prob, text, seconds + more)
    if outcome.status in ("optimal", "feasible") and not _whole(prob):
        return SolverRun("not_solved", None, None, outcome.seconds)
    return outcome


def _whole(prob: pulp.LpProblem) -> bool:
    """Whether every integer variable holds a whole number (within CBC's tolerance)."""
    return all(
        var.varValue is not None and abs(var.varValue - round(var.varValue)) <= 1e-6
        for var in prob.variables()
        if var.cat == pulp.LpInteger
    )


def _cbc_outcome(prob: pulp.LpProblem, text: str, seconds: float) -> SolverRun:
    """How a CBC run that finished ended, from PuLP's statuses and CBC's log."""
    objective = pulp.value(prob.objective) if prob.objective is not None else 0.0
    if prob.status == pulp.LpStatusInfeasible:
        return SolverRun("infeasible", None, None, seconds)
    if prob.sol_status == pulp.LpSolutionOptimal and prob.status == pulp.LpStatusOptimal:
        return SolverRun("optimal", objective, objective, seconds)
    if prob.sol_status == pulp.LpSolutionIntegerFeasible:
        return SolverRun("feasible", objective, _cbc_bound(text, prob), seconds)
    return SolverRun("not_solved", None, None, seconds)


def _after_a_crash(
    prob: pulp.LpProblem, time_limit: float | None, gap_abs: float | None, seconds: float
) -> SolverRun:
    """CBC 2.10 crashes (PuLP sees it fail, and its log is lost) when, with preprocessing off,
    bound tightening proves a model infeasible: it dies writing the solution file. The linear
    relaxation settles that soundly: if it has no solution, neither has the model. Otherwise
    CBC runs once more with its preprocessing, and that answer stands."""
    failed, _, more = _cbc_once(prob, time_limit, None, [], mip=False)
    seconds += more
    if not failed and prob.status == pulp.LpStatusInfeasible:
        return SolverRun("infeasible", None, None, seconds)
    return _with_preprocessing(prob, time_limit, gap_abs, seconds)


def _cbc_once(
    prob: pulp.LpProblem,
    time_limit: float | None,
    gap_abs: float | None,
    options: list[str],
    mip: bool = True,
) -> tuple[bool, str, float]:
    """One CBC run: whether it failed, its log and the seconds it took."""
    with tempfile.TemporaryDirectory(prefix="tendereval-cbc-") as folder:
        log = Path(folder) / "cbc.log"
        solver = _cbc(
            mip=mip,
            timeLimit=time_limit,
            gapRel=GAP_RELATIVE,
            gapAbs=gap_abs,
            logPath=str(log),
            msg=False,
            options=options,
        )
        # PuLP writes the model and solution beside the log, and leaves them behind when CBC
        # fails; in this folder they are removed either way instead of piling up in /tmp.
        solver.tmpDir = folder
        started = time.perf_counter()
        try:
            prob.solve(solver)
            failed = False
        except pulp.PulpSolverError:
            failed = True
        seconds = time.perf_counter() - started
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return failed, text, seconds


def _cbc_bound(log: str, prob: pulp.LpProblem) -> float | None:
    """The best possible objective CBC had proved when it stopped, in the model's sense."""
    match = re.search(r"best possible (\S+?)\)", log)
    if match:
        # CBC minimises internally: a maximisation's values appear with their sign flipped.
        value = float(match.group(1))
        return -value if prob.sense == pulp.LpMaximize else value
    match = re.search(r"^(?:Lower|Upper) bound:\s+(\S+)", log, flags=re.MULTILINE)
    return float(match.group(1)) if match else None
