"""The starting allocation handed to HiGHS: worked by hand, never breaking a row of the model,
and never changing the answer (a start the model's rows reject is not used, and HiGHS ignores
one that does not fit)."""

from __future__ import annotations

import importlib.util
from itertools import combinations

import pulp
import pytest
from hypothesis import HealthCheck, given, settings

from tendereval.allocation import Policy, allocate
from tendereval.allocation.incumbent import Limits, Offers, greedy, row_holds
from tendereval.allocation.model import AllocationModel, levels_for
from tendereval.allocation.preprocess import prepare
from tendereval.allocation.solvers import default_solver, run
from tests.allocation.allocation_helpers import breaks_a_rule, brute_force, offers, result_key
from tests.allocation.test_allocation_bruteforce import instances, twin_instances

HAS_HIGHS = importlib.util.find_spec("highspy") is not None
needs_highs = pytest.mark.skipif(not HAS_HIGHS, reason="highspy not installed")


def offers_of(weights, lots, supplier=None, price=None):
    n = len(weights)
    return Offers(
        weight=weights,
        lots=lots,
        group=[None] * n,
        supplier=supplier or [f"S{i}" for i in range(n)],
        n_lots=[len(lot) for lot in lots],
        price=price or [1.0] * n,
        volume=[0.0] * n,
    )


def test_greedy_takes_best_per_lot_first_then_exchanges():
    # Lots A, B, C. The package P (A and B, 100 points) has the highest merit, 100/sqrt(2) =
    # 70.7, above the singles' 60 on A and on B, so it is taken first, then C (10): 110.
    # Exchanging S_A in for P frees B for S_B: 60 + 60 - 100 = +20, so the result is
    # S_A + S_B + S_C: 130 points, the best allocation.
    weights = [100, 60, 60, 10]
    lots = [["A", "B"], ["A"], ["B"], ["C"]]
    assert greedy(offers_of(weights, lots), Limits(), maximise=True, passes=0) == [0, 3]
    assert greedy(offers_of(weights, lots), Limits(), maximise=True) == [1, 2, 3]


def test_greedy_keeps_to_each_suppliers_limit_and_the_budget():
    weights = [50, 40, 30]
    lots = [["A"], ["B"], ["C"]]
    same = ["Acme", "Acme", "Beta"]
    capped = greedy(offers_of(weights, lots, same), Limits(lots_per_supplier={"Acme": 1}), True)
    assert capped == [0, 2]  # Acme's best lot, and Beta's
    budget = greedy(offers_of(weights, lots, price=[70.0, 40.0, 30.0]), Limits(budget=75.0), True)
    assert budget == [0]  # 70 spent: neither of the others fits under 75


def test_greedy_for_a_cost_where_every_lot_is_awarded_takes_cheapest_per_lot():
    # Costs per lot: the package 90/2 = 45, single A 50, single B 40. B first (40), then the
    # package does not fit, then A (50): 90. (Equal to the package: the solver decides.)
    weights = [90, 50, 40]
    lots = [["A", "B"], ["A"], ["B"]]
    assert greedy(offers_of(weights, lots), Limits(), maximise=False) == [1, 2]


def test_a_guide_puts_the_relaxations_choices_first():
    weights = [100, 60, 60, 10]
    lots = [["A", "B"], ["A"], ["B"], ["C"]]
    guided = greedy(offers_of(weights, lots), Limits(), True, guide=[0, 1, 1, 1], passes=0)
    assert guided == [1, 2, 3]


@needs_highs
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_start_handed_to_the_solver_breaks_no_row(instance):
    frame, policy = instance
    prepared = prepare(frame, policy)
    model = AllocationModel(prepared.solver_offers, policy)
    if not model.x:
        return
    level = levels_for(policy)[0]
    model.prob.sense = pulp.LpMaximize if level.maximise else pulp.LpMinimize
    model.prob.setObjective(model._objective(model.sum_of(model.column(level.column))))
    start = model.start_for(level, None, "highs")
    if start is not None:
        assert all(row_holds(row, start) for row in model.prob.constraints())
        # And by the brute force's own reading of the rules, which shares no code with the
        # model (the lots settled directly are not the model's: only the rules it holds).
        ids = model.column("offer_id")
        taken = {ids[i] for i, var in enumerate(model.x) if start.get(var, 0.0) > 0.5}
        chosen = [row for row in frame.to_dicts() if row["offer_id"] in taken]
        covered = sorted({lot for row in prepared.solver_offers.to_dicts() for lot in row["lots"]})
        model_lots = covered if "award_all_lots" in policy.rules() else []
        assert not breaks_a_rule(chosen, policy, model_lots)
    assert model.start_for(level, None, "cbc") is None  # CBC is never handed a start


@needs_highs
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(twin_instances())
def test_any_start_leads_highs_to_the_proved_optimum(instance):
    """Every allocation that meets the rows, handed to HiGHS as the start of the first level
    (presolve on, as the model runs it), ends in the least cost of all of them, found here by
    trying every set of offers against the rows. Two SMEs offering a lot at one price are one
    column to HiGHS's presolve, which merged them and dropped the one the start held: HiGHS
    then handed back the start as "optimal" (on the homecare example, £20,361,100 against
    £20,039,200), with a bound that did not prove it."""
    frame, policy = instance
    model = AllocationModel(prepare(frame, policy).solver_offers, policy)
    level = levels_for(policy)[0]
    model.prob.sense = pulp.LpMinimize
    model.prob.setObjective(model.sum_of(model.column(level.column)))
    rows = model.prob.constraints()
    starts = [
        chosen
        for size in range(len(model.x) + 1)
        for chosen in combinations(range(len(model.x)), size)
        if all(row_holds(row, model._values_of(chosen)) for row in rows)
    ]
    if not starts:
        return
    least = min(model.level_value(level, chosen) for chosen in starts)
    for chosen in starts:
        outcome = run(model.prob, "highs", None, gap_abs=0.45, start=model._values_of(chosen))
        found = model.level_value(level, model.chosen_positions())
        assert (outcome.status, found) == ("optimal", least), [model.ids[i] for i in chosen]


@needs_highs
def test_a_start_that_breaks_a_row_does_not_change_the_answer():
    rows = [
        ("X1", "Acme", ["A"], 100.0, 70.0, False, False, None),
        ("X2", "Acme", ["B"], 100.0, 70.0, False, False, None),
        ("X3", "Acme", ["A", "B", "C"], 270.0, 230.0, False, False, None),
        ("Y1", "Beta", ["C"], 90.0, 80.0, True, False, None),
    ]
    frame = offers(rows)
    model = AllocationModel(prepare(frame, Policy(), reduce=False).solver_offers, Policy())
    model.prob.sense = pulp.LpMaximize
    model.prob.setObjective(model.sum_of(model.column("score_units")))
    every_offer = {var: 1.0 for var in model.x}  # every lot awarded three times over
    outcome = run(model.prob, "highs", None, gap_abs=0.45, start=every_offer)
    assert outcome.status == "optimal"
    assert outcome.objective == 230 * 10_000  # X3 alone (230) beats X1 + X2 + Y1 (220)
    assert result_key(allocate(frame, Policy()), frame, Policy()) == brute_force(frame, Policy())


@needs_highs
def test_the_relaxation_is_fractional_where_the_allocation_cannot_be():
    # Three offers each for two of the lots A, B, C: any two overlap, so one can be taken,
    # but the relaxation takes half of each (1.5 offers' worth).
    rows = [
        ("P1", "Acme", ["A", "B"], 100.0, 50.0, False, False, None),
        ("P2", "Beta", ["B", "C"], 100.0, 50.0, False, False, None),
        ("P3", "Cole", ["A", "C"], 100.0, 50.0, False, False, None),
    ]
    model = AllocationModel(prepare(offers(rows), Policy()).solver_offers, Policy())
    model.prob.sense = pulp.LpMaximize
    model.prob.setObjective(model.sum_of(model.column("score_units")))
    assert model._relaxation("highs", None) == pytest.approx([0.5, 0.5, 0.5])
    assert allocate(offers(rows), Policy()).total_score == 50


def test_the_default_solver_is_highs_when_installed(monkeypatch):
    assert default_solver() == ("highs" if HAS_HIGHS else "cbc")
    monkeypatch.setattr(pulp.HiGHS, "available", lambda self: False)
    assert default_solver() == "cbc"
    frame = offers([("X1", "Acme", ["A"], 100.0, 70.0, False, False, None)])
    assert allocate(frame, Policy()).solver == "cbc"
