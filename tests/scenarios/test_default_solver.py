"""scenarios solves with HiGHS when it is installed, as allocate does, and CBC otherwise: CBC
was its default, and a market of 60 units and 90 suppliers ran for more than ten minutes
where HiGHS took 41 s. The figures do not depend on the solver."""

from __future__ import annotations

from pathlib import Path

from polars.testing import assert_frame_equal

import tendereval
from tendereval.allocation.solvers import default_solver

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homecare-lot-splits"


def test_the_default_solver_is_allocates_and_gives_cbcs_figures() -> None:
    default = tendereval.scenarios(EXAMPLE / "scenarios.toml", samples=0, steps=1)
    assert default.result.solver == default_solver()
    cbc = tendereval.scenarios(EXAMPLE / "scenarios.toml", samples=0, steps=1, solver="cbc")
    assert cbc.result.solver == "cbc"
    assert default.result.best == cbc.result.best
    assert_frame_equal(default.result.comparison, cbc.result.comparison)
