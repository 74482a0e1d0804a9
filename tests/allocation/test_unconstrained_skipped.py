"""``allocate(compare=False)``: the answer under the policy alone, without the unconstrained
answer it is otherwise compared with (the award's lot cap reads only the first; solving both
took half of each rank-reversal check under a cap)."""

from __future__ import annotations

from tendereval.allocation import Policy, allocate

from .allocation_helpers import offers

# Two lots, a cap of 1: A is cheapest in both (£10 + £10), so the cap gives one lot to B.
ROWS = [
    ("A1", "A", ["L1"], 10.0, 90.0, False, False, None),
    ("A2", "A", ["L2"], 10.0, 90.0, False, False, None),
    ("B1", "B", ["L1"], 12.0, 80.0, False, False, None),
    ("B2", "B", ["L2"], 11.0, 80.0, False, False, None),
]


def test_the_answer_under_the_policy_is_the_same_without_the_comparison() -> None:
    policy = Policy(objective="cost", max_lots_per_supplier=1)
    both = allocate(offers(ROWS), policy)
    alone = allocate(offers(ROWS), policy, compare=False)
    assert alone.unconstrained is None
    assert both.unconstrained is not None
    assert both.unconstrained.awarded["offer_id"].to_list() == ["A1", "A2"]
    # A1 + B2 = £21 against B1 + A2 = £22.
    assert alone.awarded["offer_id"].to_list() == both.awarded["offer_id"].to_list()
    assert alone.awarded["offer_id"].to_list() == ["A1", "B2"]
    assert (alone.status, alone.notes) == (both.status, both.notes)
    assert alone.solves < both.solves
