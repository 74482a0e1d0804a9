"""A packaging's allocation a time limit kept from being proved the best is shown as the best
found, "not proved optimal (gap x%)", with its figures (the largest supplier among them),
where an award (``allocate``) names no winner for its lots (session 41)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import tendereval.lot_splits.outcome as outcome_module
from tendereval.lot_splits import run_scenarios
from tests.scenarios.helpers import spec, write


def test_an_allocation_not_proved_is_shown_as_the_best_found(tmp_path: Path, monkeypatch) -> None:
    real = outcome_module.allocate

    def stopped(*args, **kwargs):
        """As a time limit leaves an allocation: found, 1% from proved, and (as an award
        names it) every lot undecided."""
        result = real(*args, **kwargs)
        if not result.solved:
            return result
        undecided = {lot: ["", "x"] for lot in result.lots}
        return replace(result, status="feasible", gap=0.01, undecided=undecided)

    monkeypatch.setattr(outcome_module, "allocate", stopped)
    data = spec(packagings=[{"id": "split", "name": "two area lots", "lots": "per_unit"}])
    row = run_scenarios(write(tmp_path, data)).comparison.row(0, named=True)
    assert row["status"] == "feasible"
    assert row["note"].startswith(
        "A time limit stopped the solver: the allocation shown is the best found, not proved "
        "optimal (gap 1.00%), so the cost shown may not be the lowest."
    )
    # Big Ltd wins both lots (£36,000) in the allocation found, which is shown.
    assert row["largest_supplier"] == "Big Ltd"
    assert row["largest_share"] == 1.0 and row["total_cost"] == 38_000
