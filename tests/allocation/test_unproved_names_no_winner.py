"""An allocation the time limit kept from being proved the best ("feasible") names no winner.

Red team, session 41: with the objective not proved (the solver stopped with the best
allocation it had found, gap x%), ``allocate`` named the solver's pick as the winner of every
lot and exited 0, though a better allocation might award the lots otherwise, and which pick it
was changed with the machine's load. Session 40 made a proved objective with an unfinished tie
check name no winner (exit 1); an objective not proved at all is now treated the same: every
lot the solver decided that another offer could hold is undecided, the best allocation found
is still shown (its totals, the status "feasible" and the gap), and the command exits 1."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from click.testing import CliRunner

from tendereval.allocation import Policy, allocate, model
from tendereval.cli import cli
from tests.allocation.allocation_helpers import offers

# Under a cap of one lot a supplier: N1 + L2 scores 80 + 60 = 140, L1 + N2 70 + 75 = 145.
CAPPED = [
    ("L1", "Local Care Ltd", ["A"], 1000.0, 70.0, True, False, None),
    ("L2", "Local Care Ltd", ["B"], 1000.0, 60.0, True, False, None),
    ("N1", "National Care plc", ["A"], 1000.0, 80.0, False, False, None),
    ("N2", "National Care plc", ["B"], 1000.0, 75.0, False, False, None),
]


def stop_the_first_level(monkeypatch) -> None:
    """The total score, stopped by the time limit with the best allocation proved."""
    solve_level = model.AllocationModel._solve_level_exactly

    def stopped(self, level, number, *args):
        outcome, chosen, trouble = solve_level(self, level, number, *args)
        if number == 0:
            outcome = dataclasses.replace(outcome, status="feasible", bound=outcome.objective)
        return outcome, chosen, trouble

    monkeypatch.setattr(model.AllocationModel, "_solve_level_exactly", stopped)


def test_an_allocation_not_proved_the_best_names_no_winner(monkeypatch) -> None:
    proved = allocate(offers(CAPPED), Policy(max_lots_per_supplier=1), solver="cbc")
    assert proved.status == "optimal" and proved.undecided == {}
    assert sorted(proved.decided.get_column("offer_id")) == ["L1", "N2"]

    stop_the_first_level(monkeypatch)
    result = allocate(offers(CAPPED), Policy(max_lots_per_supplier=1), solver="cbc")
    assert result.status == "feasible" and result.gap == 0.0
    # The best allocation found is still shown, with its totals ...
    assert sorted(result.awarded.get_column("offer_id")) == ["L1", "N2"]
    assert result.total_score == 145.0
    # ... but names no winner: a better allocation might award the lots otherwise.
    assert result.undecided == {"A": ["L1", "N1"], "B": ["L2", "N2"]}
    assert result.decided.is_empty() and result.lots_per_supplier.is_empty()
    assert any("not proved the best" in note for note in result.notes if "Undecided" in note)


def test_the_command_exits_1_on_an_allocation_not_proved(monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "offers.csv"
    path.write_text(
        "offer_id,supplier,lots,price,score,sme,vcse\n"
        + "".join(f"{o},{s},{lots[0]},{p},{sc},{'yes' if e else 'no'},no\n"
                  for o, s, lots, p, sc, e, _, _ in CAPPED),
        encoding="utf-8",
    )  # fmt: skip
    stop_the_first_level(monkeypatch)
    out = tmp_path / "a.json"
    run = CliRunner().invoke(
        cli,
        ["allocate", str(path), "--max-lots-per-supplier", "1", "--solver", "cbc",
         "--json", str(out)],
    )  # fmt: skip
    assert run.exit_code == 1, run.output
    assert "Status: feasible (the time limit stopped the solver before it proved this" in (
        run.output
    )
    assert "  A  undecided: L1 or N1" in run.output
    assert "  B  undecided: L2 or N2" in run.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "feasible" and data["undecided_lots"] == ["A", "B"]
