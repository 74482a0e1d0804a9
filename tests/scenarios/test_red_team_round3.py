"""Red team, round 3: what the scenarios command says when a packaging has no allocation, the
reasons paragraph of a single contract, shares not proved best under a time limit, very large
lots under CBC, and the terminal table."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

import tendereval.lot_splits.outcome as outcome_module
from tendereval.allocation import allocate
from tendereval.commands.scenarios import summary_lines
from tendereval.lot_splits import run_scenarios
from tendereval.lot_splits.frontier import sweep
from tendereval.lot_splits.market import build_market
from tendereval.lot_splits.outcome import highest_share, policy_for
from tests.scenarios.helpers import load, spec, write

# Two lots of 1,000 hours; the only supplier can take 1,500 hours: each lot alone, not both.
CAPACITY_SHORT = spec(
    packagings=[{"id": "each", "name": "per unit", "lots": "per_unit"}],
    suppliers=[
        {
            "name": "Only Ltd",
            "staff": 10,
            "turnover": 1_000_000,
            "unit_price": 19,
            "quality": 60,
            "capacity": 1500,
        }
    ],
)
CAPACITY_CAUSE = (
    "cannot be let: every lot has an eligible bidder, but the suppliers' capacity cannot "
    "cover every lot at once"
)


def test_capacity_that_cannot_cover_every_lot_is_the_cause_given_everywhere(
    tmp_path: Path,
) -> None:
    """Before: 'cannot be let: no eligible bidder for ' (no lot) on the terminal, and 'no
    supplier … eligible to bid for lot  ()' in the reasons, though each lot had a bidder."""
    result = run_scenarios(write(tmp_path, CAPACITY_SHORT))
    row = result.comparison.row(0, named=True)
    assert row["status"] == "infeasible"
    assert row["not_allocated"] == CAPACITY_CAUSE
    assert f"per unit                              2  {CAPACITY_CAUSE}" in summary_lines(result)
    assert result.reasons["each"] == (
        f"per unit {CAPACITY_CAUSE}. Redraw those lots, or test the market again before "
        "choosing this option."
    )
    # The workbook's (and the JSON's) note opens with the same cause, then the optimiser's.
    assert row["note"].startswith(CAPACITY_CAUSE[0].upper() + CAPACITY_CAUSE[1:] + ". ")
    assert result.to_dict()["comparison"][0]["not_allocated"] == CAPACITY_CAUSE


def test_a_solver_stopped_before_any_allocation_is_not_said_to_be_unlettable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A time limit that stops the solver before it finds an allocation proves nothing about
    the market: it is 'not allocated', never 'cannot be let: no eligible bidder for '."""
    real = outcome_module.allocate

    def stopped(*args, **kwargs):
        return replace(real(*args, **kwargs), status="not_solved")

    monkeypatch.setattr(outcome_module, "allocate", stopped)
    data = spec(packagings=[{"id": "single", "name": "one contract", "lots": "single"}])
    result = run_scenarios(write(tmp_path, data))
    cause = (
        "not allocated: the time limit stopped the solver before it found an allocation "
        "(allow it longer with --time-limit)"
    )
    assert result.comparison.item(0, "not_allocated") == cause
    assert f"one contract                          1  {cause}" in summary_lines(result)
    assert result.reasons["single"] == (
        f"one contract {cause}. Run it again with a longer time limit before comparing this option."
    )


def test_a_lot_nobody_can_bid_for_is_named_everywhere(tmp_path: Path) -> None:
    data = spec()
    data["suppliers"] = [s for s in data["suppliers"] if s["name"] != "Small A Ltd"]
    data["suppliers"][0]["serves"] = ["B"]
    out = tmp_path / "out.xlsx"
    from tendereval.report.scenarios_excel import write_scenarios_workbook

    result = run_scenarios(write(tmp_path, data))
    write_scenarios_workbook(result, out, [])
    rows = {r["packaging"]: r for r in result.comparison.to_dicts()}
    cause = "cannot be let: no eligible bidder for lot A"
    assert rows["split"]["not_allocated"] == cause
    assert rows["split"]["note"] == "Cannot be let: no eligible bidder for lot A."
    assert any(line.endswith(f"2  {cause}") for line in summary_lines(result))
    assert result.reasons["split"].startswith(f"two area lots {cause} (lot A: ")
    sheet = openpyxl.load_workbook(out)["Comparison"]
    notes = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Cannot be let: no eligible bidder for lot A." in notes


S18_REMINDER = (
    "If the contract is not divided into lots, the notice must say why (Procurement Act 2023, s.18)"
)


def test_a_single_contract_with_nothing_to_compare_keeps_the_s18_reminder(tmp_path: Path) -> None:
    """Before: with no other packaging that could be let, the paragraph stopped after the cost,
    losing the competition sentence and the s.18 reminder docs/scenarios.md promises."""
    single_only = spec(packagings=[{"id": "single", "name": "one contract", "lots": "single"}])
    # Big Ltd alone bids for the £40,000 contract (the small suppliers serve one area each):
    # 2,000 hours × £18 × 0.9 = £32,400, plus £1,000 contract management = £33,400.
    assert run_scenarios(write(tmp_path, single_only)).reasons["single"] == (
        "Letting the service as a single contract (one contract) is expected to cost £33,400 "
        "a year. Only 1 supplier in the market would be eligible to bid for the contract, so "
        f"there would be no competition. {S18_REMINDER}; the figures above are the evidence "
        "for that choice, and the SME figures show what s.12(4) asks the buyer to weigh."
    )
    # Beside a packaging that cannot be let (no bidder for lot B), the same paragraph.
    beside = spec()
    beside["suppliers"] = [s for s in beside["suppliers"] if s["name"] != "Small B Ltd"]
    beside["suppliers"][0]["min_lot_value"] = 30_000
    reasons = run_scenarios(write(tmp_path, beside, "beside.toml")).reasons
    assert reasons["split"].startswith("two area lots cannot be let: no eligible bidder for lot B")
    assert S18_REMINDER in reasons["single"]
    assert "Only 1 supplier in the market would be eligible" in reasons["single"]


def _stopped_by_a_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every allocation comes back as a time limit leaves it: found but not proved best, or
    stopped before proving that none exists."""
    real = outcome_module.allocate

    def stopped(*args, **kwargs):
        result = real(*args, **kwargs)
        return replace(result, status="feasible" if result.solved else "not_solved")

    monkeypatch.setattr(outcome_module, "allocate", stopped)


def test_a_most_attainable_share_not_proved_best_is_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: Dinkelbach's method took an allocation a time limit stopped as proof that no
    share beats it, so the share was shown as the most attainable, unmarked."""
    _stopped_by_a_time_limit(monkeypatch)
    data = spec(packagings=[{"id": "split", "name": "two area lots", "lots": "per_unit"}])
    model = load(tmp_path, data)
    market = build_market(model, model.packagings[0])
    # Small A wins lot A (£19,000), Big Ltd lot B (£18,000): 19,000 / 37,000 to SMEs.
    share, _, proved = highest_share(model, market, "sme")
    assert share == pytest.approx(19_000 / 37_000)
    assert not proved
    result = run_scenarios(write(tmp_path, data))
    row = result.comparison.row(0, named=True)
    assert row["highest_sme_share_proved"] is False
    assert row["note"].endswith(
        "Most attainable SME share not proved best: a time limit stopped the solver, so a "
        "higher share may be attainable."
    )


def test_a_target_above_a_share_not_proved_best_is_solved_not_declared_unattainable(
    tmp_path: Path,
) -> None:
    """Before: a named target above the most attainable share was 'Not attainable' without a
    solve, even when that share came from allocations a time limit stopped."""
    data = spec(packagings=[{"id": "split", "name": "two area lots", "lots": "per_unit"}])
    data["participation"] = {"sweep": ["sme"], "steps": 1, "sme_targets": [0.5]}
    model = load(tmp_path, data)
    market = build_market(model, model.packagings[0])
    # 30% as the "most attainable", not proved: the 50% target is met (19,000 / 37,000).
    frontier = sweep(model, market, "sme", 0.3, 1, highest_proved=False)
    target = frontier.filter(frontier["target"] == 0.5).row(0, named=True)
    assert target["status"] == "optimal"
    assert target["sme_share"] == pytest.approx(19_000 / 37_000)
    assert target["note"] == ""
    # Proved, the same figure rules the target out without a solve, as before.
    proved = sweep(model, market, "sme", 0.3, 1, highest_proved=True)
    assert proved.filter(proved["target"] == 0.5).item(0, "status") == "infeasible"


# Two lots of 10,000,000 hours at about £400 (£4bn a year each); one VCSE serves lot A only.
HUGE = spec(
    scenario={"title": "Huge", "contract_management_cost": 40_000},
    units=[
        {"id": "A", "volume": 10_000_000, "true_cost": 400},
        {"id": "B", "volume": 10_000_000, "true_cost": 400},
    ],
    packagings=[{"id": "each", "name": "per unit", "lots": "per_unit"}],
    market={"max_share_of_turnover": 1},
    suppliers=[
        {"name": "Big Ltd", "staff": 5000, "turnover": 10**12, "unit_price": 399.99, "quality": 60},
        {
            "name": "Small Ltd",
            "staff": 200,
            "turnover": 10**12,
            "unit_price": 400.01,
            "quality": 61,
        },
        {
            "name": "Vol CIC",
            "staff": 200,
            "vcse": True,
            "turnover": 10**12,
            "unit_price": 400.02,
            "quality": 99,
            "serves": ["A"],
        },
    ],
)


@pytest.mark.parametrize("solver", ["cbc", "highs"])
@pytest.mark.parametrize("target", [0.1666, 0.3333, 0.5])
def test_a_share_rule_on_lots_worth_billions_holds_under_either_solver(
    tmp_path: Path, solver: str, target: float
) -> None:
    """Before: CBC called a 16.66% VCSE target infeasible (the share row's weights, in pence,
    were near 1e11), while meeting 33.33% and 50%; HiGHS met all three."""
    model = load(tmp_path, HUGE)
    market = build_market(model, model.packagings[0])
    policy = replace(policy_for(model, market), min_vcse_share=target)
    result = allocate(market.offers, policy, solver=solver)
    assert result.status == "optimal"
    # Vol CIC wins lot A at 10,000,000 × £400.02, Big Ltd lot B at 10,000,000 × £399.99.
    assert result.total_price == pytest.approx(8_000_100_000)
    assert result.vcse_share == pytest.approx(4_000_200_000 / 8_000_100_000)


def test_vs_best_is_measured_against_the_starred_packaging(tmp_path: Path) -> None:
    """Before: under objective = "quality" the starred row read +N% and the cheapest +0.0%."""
    data = spec()
    data["scenario"]["objective"] = "quality"
    result = run_scenarios(write(tmp_path, data))
    rows = {r["packaging"]: r for r in result.comparison.to_dicts()}
    # Quality: the split (Small A 80 on A, Big 60 on B: 70) beats the single contract (60).
    # Split: £19,000 + £18,000 + 2 × £1,000 = £39,000; single £33,400, 14.4% less.
    assert rows["split"]["best"] and rows["split"]["total_cost"] == pytest.approx(39_000)
    assert rows["split"]["extra_vs_best_share"] == pytest.approx(0)
    assert rows["single"]["extra_vs_best_share"] == pytest.approx(33_400 / 39_000 - 1)
    lines = summary_lines(result)
    assert any(line.startswith("two area lots") and " +0.0% " in line for line in lines)
    assert any(line.startswith("one contract") and " -14.4% " in line for line in lines)
