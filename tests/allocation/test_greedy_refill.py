"""The greedy start's refills stop as soon as nothing they could still find would change the
exchange (every freed lot held again, or the loss beyond what the lots left could make up):
its answer is the one the unbounded search gave, kept in ``greedy_reference``."""

from __future__ import annotations

import itertools

import pulp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.allocation import incumbent
from tendereval.allocation.model import AllocationModel, levels_for
from tendereval.allocation.preprocess import prepare
from tests.allocation import greedy_reference as reference
from tests.allocation.test_allocation_bruteforce import instances

LOTS = "ABCDEF"


def both(offers: dict, limits: dict, maximise: bool = True, guide=None) -> tuple[list, list]:
    new = incumbent.greedy(incumbent.Offers(**offers), incumbent.Limits(**limits), maximise, guide)
    old = reference.greedy(reference.Offers(**offers), reference.Limits(**limits), maximise, guide)
    return new, old


@st.composite
def package_offers(draw):
    """Up to 40 offers of up to 4 of 6 lots from 4 suppliers, whole-unit weights (as the model
    passes) with many ties, sometimes a supplier's lot limit or a budget."""
    n = draw(st.integers(1, 40))
    lots = [sorted(draw(st.sets(st.sampled_from(LOTS), min_size=1, max_size=4))) for _ in range(n)]
    supplier = [draw(st.sampled_from("WXYZ")) for _ in range(n)]
    offers = {
        "weight": [draw(st.integers(0, 3)) * len(lot) + draw(st.integers(0, 2)) for lot in lots],
        "lots": lots,
        "group": [draw(st.sampled_from([None, None, (s, "g")])) for s in supplier],
        "supplier": supplier,
        "n_lots": [len(lot) for lot in lots],
        "price": [float(draw(st.integers(1, 9)) * 10) for _ in lots],
        "volume": [0.0] * n,
    }
    limits = {
        "lots_per_supplier": draw(st.sampled_from([{}, {"W": 2}, {"W": 3, "X": 1}])),
        "budget": draw(st.sampled_from([None, None, 150.0])),
    }
    guide = draw(
        st.one_of(st.none(), st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=n, max_size=n))
    )
    return offers, limits, guide


@settings(max_examples=50, deadline=None)
@given(package_offers())
def test_the_bounded_refill_gives_the_unbounded_searchs_answer(drawn):
    offers, limits, guide = drawn
    new, old = both(offers, limits, guide=guide)
    assert new == old


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_start_is_unchanged_on_the_allocation_tests_instances(instance):
    frame, policy = instance
    level = levels_for(policy)[0]
    model = AllocationModel(prepare(frame, policy).solver_offers, policy)
    if not model.x:
        return
    model.prob.sense = pulp.LpMaximize if level.maximise else pulp.LpMinimize
    model.prob.setObjective(model._objective(model.sum_of(model.column(level.column))))
    offers = model._greedy_offers(level).__dict__
    limits = model._greedy_limits().__dict__
    for guide in (None, model._relaxation("cbc", None)):
        new, old = both(offers, limits, level.maximise, guide)
        assert new == old


def test_every_package_of_eight_lots_against_singles_of_the_same_score():
    # The shape that made the start quadratic: one supplier bids every package of 8 lots
    # (255), each worth the sum of its lots, beside a single-lot offer for each lot. Taken
    # first, the package of all 8 is never exchanged away (no exchange gains), as before.
    lots = [f"L{i}" for i in range(8)]
    packages = [list(c) for k in range(1, 9) for c in itertools.combinations(lots, k)]
    every = [*packages, *([lot] for lot in lots)]
    offers = {
        "weight": [70 * len(lot) for lot in every],
        "lots": every,
        "group": [None] * len(every),
        "supplier": ["Bigco"] * len(packages) + [f"Small {lot}" for lot in lots],
        "n_lots": [len(lot) for lot in every],
        "price": [1.0] * len(every),
        "volume": [0.0] * len(every),
    }
    new, old = both(offers, {})
    assert new == old == [len(packages) - 1]  # the package of all 8 lots
