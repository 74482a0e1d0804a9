"""``scenarios``: compare ways of splitting a service into lots, before going to market."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tendereval.errors import InputError, Problem, progress_argument, seconds_limit, whole_number
from tendereval.lot_splits.run import Progress, ScenarioResult
from tendereval.shown import brief

ProgressBar = Callable[[int], AbstractContextManager[Progress]]


# Equal only to itself (``==`` is ``is``), and so usable as a dict key, as the tender, the
# result and the allocation it holds are: the default ``==`` compared the fields, and a
# copy was equal to it though it is another run's record (docs/python.md).
@dataclass(eq=False)
class Scenarios:
    """The comparison (``result``) and the warnings found in the scenarios file."""

    result: ScenarioResult
    warnings: list[Problem] = field(default_factory=list)

    def __repr__(self) -> str:
        return brief(self)

    def to_dict(self) -> dict[str, Any]:
        """Every figure (``result.to_dict()``) and the warnings about the file, which the
        workbook lists on its Assumptions sheet: the record of a run holds both."""
        return {**self.result.to_dict(), "warnings": [p.to_dict() for p in self.warnings]}


def scenarios(
    path: str | Path,
    *,
    samples: int | None = None,
    seed: int | None = None,
    steps: int | None = None,
    solver: str | None = None,
    time_limit: float | None = None,
    progress: ProgressBar | None = None,
    step_lines: Callable[[str], None] | None = None,
) -> Scenarios:
    """Model every packaging in the scenarios file at ``path`` (``samples``, ``seed`` and
    ``steps`` override the file; ``solver`` "highs" or "cbc", HiGHS when installed unless
    named). ``progress(total)`` gives a context manager whose
    ``update(1)`` is called ``total`` times (a click progress bar does). ``step_lines``, when
    given, is called with a line of text as each step starts or ends (which packaging, which
    allocation, each level with its time, as ``allocate``'s ``progress``).

    Raises ``InputError`` with every problem when the file cannot be used, ``UsageError`` for a
    solver that cannot be used.

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> options = tendereval.scenarios(
        ...     "examples/homecare-lot-splits/scenarios.toml", samples=0, steps=1
        ... )
        >>> options.result.best
        'county'
    """
    from tendereval.lot_splits import load_scenarios, planned_tasks, run_scenarios
    from tendereval.lot_splits.market import suppliers_bidding_for_nothing

    _check_counts(samples=samples, seed=seed, steps=steps)
    time_limit = seconds_limit("time_limit", time_limit)
    progress = progress_argument(
        "progress", progress, "given the number of tasks that returns a progress bar"
    )
    step_lines = progress_argument("step_lines", step_lines)
    model, problems = load_scenarios(path)
    if model is None or any(p.is_error for p in problems):
        raise InputError(problems)
    options = {"samples": samples, "seed": seed, "steps": steps}
    run = {"solver": solver, "time_limit": time_limit, "step_lines": step_lines, **options}
    if progress is None:
        result = run_scenarios(model, **run)
    else:
        with progress(planned_tasks(model, samples, steps)) as bar:
            result = run_scenarios(model, progress=bar, **run)
    markets = [item.market for item in result.packagings]
    return Scenarios(result, [*problems, *suppliers_bidding_for_nothing(model, markets)])


def _check_counts(**counts: int | None) -> None:
    """The overrides the command line bounds, bounded here too for a caller in Python."""
    from tendereval.limits import MAX_FRONTIER_STEPS, MAX_SCENARIO_SAMPLES, MAX_SEED

    bounds = {"samples": (0, MAX_SCENARIO_SAMPLES), "seed": (0, MAX_SEED),
              "steps": (1, MAX_FRONTIER_STEPS)}  # fmt: skip
    for name, value in counts.items():
        if value is not None:
            whole_number(name, value, *bounds[name])
