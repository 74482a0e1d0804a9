"""Allocating from a tender folder when a time limit stops the search for ties.

Red team, session 41: under the plan's tie-break, when the time limit stopped the search for
other allocations as good (or a tie-break level), ``allocate DIR`` still named the optimiser's
pick as the winner of every lot the search never reached, with a note that other lots "may be
undecided". An offers file (session 40) names no winner for such lots. Now a tender folder
does the same: a lot whose ties were not checked is undecided in the optimiser's column, and
the published award, which the plan's rules decide without the optimiser, is what is awarded
(the exit code follows it, as documented)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tendereval.allocation import model
from tendereval.allocation.solvers import SolverRun
from tendereval.cli import cli
from tests.award.red_team_tenders import Bid, tender_folder


def two_lots(folder: Path) -> Path:
    """Lot A: Xavier Care (£10 an hour) beats Yew Care (£12), no tie; lot B: Xavier alone."""
    return tender_folder(
        folder,
        ["A", "B"],
        [Bid("Xavier Care", "A", 10), Bid("Yew Care", "A", 12), Bid("Xavier Care", "B", 12)],
    )


def stop_the_tie_search(monkeypatch) -> None:
    monkeypatch.setattr(
        model.AllocationModel,
        "_as_good",
        lambda *_: SolverRun("not_solved", None, None, 0.0),
    )


def stop_a_tie_break_level(monkeypatch) -> None:
    """The second level (quality points) stopped by the time limit before it was proved."""
    solve_level = model.AllocationModel._solve_level_exactly

    def stopped(self, level, number, *args):
        outcome, chosen, trouble = solve_level(self, level, number, *args)
        if number == 1:
            outcome = dataclasses.replace(outcome, status="feasible")
        return outcome, chosen, trouble

    monkeypatch.setattr(model.AllocationModel, "_solve_level_exactly", stopped)


@pytest.mark.parametrize("stop", [stop_the_tie_search, stop_a_tie_break_level])
def test_a_lot_whose_ties_were_not_checked_is_named_by_nobody(
    monkeypatch, tmp_path: Path, stop
) -> None:
    folder = two_lots(tmp_path / "tender")
    stop(monkeypatch)
    out = tmp_path / "a.json"
    run = CliRunner().invoke(cli, ["allocate", str(folder), "--solver", "cbc", "--json", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    # Lot A could go to either tender as far as the optimiser checked; lot B has one offer.
    assert data["tie_break"]["undecided_lots"] == {"A": ["Xavier Care / A", "Yew Care / A"]}
    assert "  A  undecided: Xavier Care / A or Yew Care / A" in run.output
    assert [(c["lot"], c["published"], c["optimiser"]) for c in data["comparison"]] == [
        ("A", "Xavier Care", "undecided"),
        ("B", "Xavier Care", "Xavier Care"),
    ]
    # The published award decides lot A by the plan's rules: that is what is awarded.
    assert data["undecided_lots"] == []
    assert run.exit_code == 0, run.output
    notes = " ".join(data["notes"])
    assert "may be undecided" not in notes
    assert "stopped the search for allocations exactly as good" in notes
    assert "no decision is needed in decisions.toml" in notes


def test_an_optimiser_allocation_not_proved_names_no_winner(monkeypatch, tmp_path: Path) -> None:
    """The total score stopped by the time limit (status feasible): the optimiser's column
    names no winner for lot A, the published award still decides it (exit 0)."""
    folder = two_lots(tmp_path / "tender")
    solve_level = model.AllocationModel._solve_level_exactly

    def stopped(self, level, number, *args):
        outcome, chosen, trouble = solve_level(self, level, number, *args)
        if number == 0:
            outcome = dataclasses.replace(outcome, status="feasible", bound=outcome.objective)
        return outcome, chosen, trouble

    monkeypatch.setattr(model.AllocationModel, "_solve_level_exactly", stopped)
    out = tmp_path / "a.json"
    run = CliRunner().invoke(cli, ["allocate", str(folder), "--solver", "cbc", "--json", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "feasible"
    assert data["tie_break"]["undecided_lots"] == {"A": ["Xavier Care / A", "Yew Care / A"]}
    assert [(c["lot"], c["published"], c["optimiser"]) for c in data["comparison"]] == [
        ("A", "Xavier Care", "undecided"),
        ("B", "Xavier Care", "Xavier Care"),
    ]
    assert data["undecided_lots"] == [] and run.exit_code == 0, run.output
    notes = " ".join(data["notes"])
    assert "this allocation is the best found, not proved the best" in notes
    assert "decides lot A (below): no decision is needed in decisions.toml." in notes
