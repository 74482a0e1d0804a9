"""Under a time limit the unconstrained solve can stop at an allocation worse than the one under
the policy. Every allocation meeting the policy meets the same rules without it, so the policy's
own allocation stands as the unconstrained answer then: the cost of the policy is never shown
as negative (the policy "improving" the score) merely because a solver stopped early."""

from __future__ import annotations

from tendereval.allocation import Policy, allocate, model
from tendereval.allocation.model import Solution
from tests.allocation.allocation_helpers import offers
from tests.allocation.test_offer_order import CAPPED


def test_an_unconstrained_answer_stopped_below_the_policys_is_not_shown(monkeypatch):
    solve = model.AllocationModel.solve
    calls = []

    def stopped_early(self, levels, solver, time_limit, **options):
        calls.append(True)
        if len(calls) == 1:
            return solve(self, levels, solver, time_limit, **options)
        # The unconstrained solve, stopped by the time limit at Local Care's three lots:
        # 70 × 3 = 210 points, where the policy's allocation (N2, N3, L1) has 230.
        return Solution(
            status="feasible",
            chosen=["L1", "L2", "L3"],
            stopped_at="total score",
            objective=2_100_000,
            bound=2_400_000,
            tie_break_complete=False,
        )

    monkeypatch.setattr(model.AllocationModel, "solve", stopped_early)
    result = allocate(offers(CAPPED), Policy(max_lots_per_supplier=2), solver="cbc")
    assert result.status == "optimal" and result.total_score == 230
    free = result.unconstrained
    assert free.status == "feasible" and free.total_score == 230  # not 210
    assert result.cost_of_policy == {"price": 0.0, "total_cost": 0.0, "score": 0.0}
    # 240 at most against 230: 10 / 230 = 4.35%.
    assert free.gap_words == "4.35% on the total score"
    assert not result.cost_of_policy_proved
    assert result.notes[-1].startswith(
        "The time limit stopped the unconstrained solve at an allocation that ranks below the "
        "one under the policy"
    )
    assert "could be better by up to 4.35% on the total score" in result.notes[-1]
