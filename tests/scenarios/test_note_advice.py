"""The Comparison's note on a tie-break the solver could not finish gives advice that fits
the run: found by a red team, a run already using HiGHS and stopped by --time-limit 0.01 was
told "(try --solver highs)", which cannot help."""

from __future__ import annotations

import pytest

from tendereval.lot_splits.outcome import Outcome
from tendereval.lot_splits.run import _note

UNFINISHED = Outcome("optimal", total_cost=1000.0, tie_break_complete=False)
START = (
    "The solver proved the cost lowest but could not finish the tie-break: another "
    "allocation of the same cost may have higher quality ("
)


@pytest.mark.parametrize(
    ("solver", "time_limit", "advice"),
    [
        ("highs", 0.01, "raise --time-limit, 0.01 seconds here, or leave it out"),
        (
            "cbc",
            30.0,
            "raise --time-limit, 30 seconds here, or leave it out; or try --solver highs",
        ),
        ("cbc", None, "try --solver highs"),
        ("highs", None, "try --solver cbc"),
    ],
)
def test_the_advice_names_the_time_limit_set_and_only_the_solver_not_used(
    solver: str, time_limit: float | None, advice: str
) -> None:
    note = _note(UNFINISHED, None, solver=solver, time_limit=time_limit)
    assert note == START + advice + ")."
