"""Under the plan's tie-break, every offer that can hold an undecided lot is named
(``AllocationModel.name_every_holder``). It asked lot by lot, one solve per offer found and two
more per lot: a file of 30 lots where every offer tied took 991 solves (136 s). It now asks
for every undecided lot at once, for an allocation as good with as many holdings not yet seen
as it can have, and records every lot's holder in each allocation found.

The answer must be the same: on small random tenders full of ties, the lot-by-lot method
(kept here as it was, ``one_by_one``) and the new one give the same allocation, the same
undecided lots with the same offers, and the same notes. The generator of the all-ties file
is ``every_offer_ties``; ``benchmarks/bench_allocation.py --every-offer-ties`` times it."""

from __future__ import annotations

import importlib.util

import polars as pl
import pulp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.allocation import Policy, allocate, model
from tendereval.allocation.exact import broken_rules
from tests.allocation.allocation_helpers import offers

SOLVER = "highs" if importlib.util.find_spec("highspy") else "cbc"


def one_by_one(self, solver, time_limit, solution) -> None:
    """``name_every_holder`` as it was before session 41: one lot at a time, one solve per
    offer found and one more per lot to show there is none left (and one for no award)."""
    if not solution.ties_checked:
        return
    position = {offer: i for i, offer in enumerate(self.ids)}
    ones = [1] * len(self.x)
    for lot, named in solution.undecided.items():
        offers_ = self.by_lot[lot]
        found = {position[offer] for offer in named if offer}
        nobody = "" in named
        offers_left = True
        while True:
            others = [i for i in offers_ if i not in found] if offers_left else []
            if others:
                row = self.sum_of(ones, others) >= 1
            elif not nobody:
                offers_left = False
                row = self.sum_of(ones, offers_) <= 0
            else:
                break
            self.prob.addConstraint(row, f"differ_{len(self._differ)}")
            self._differ.append(row)
            try:
                outcome = self._as_good(solver, time_limit)
            finally:
                row.changeRHS(0 if others else len(offers_))
            solution.seconds += outcome.seconds
            solution.solves += 1
            if outcome.status == "infeasible":
                if not others:
                    break
                offers_left = False
                continue
            taken = self.chosen_positions()
            if outcome.status != "optimal" or broken_rules(self, taken):
                solution.ties_checked = False
                break
            holding = [i for i in offers_ if i in taken]
            found.update(holding)
            nobody = nobody or not holding
        solution.undecided[lot] = sorted([self.ids[i] for i in found] + ([""] if nobody else []))


def tie_values(frame: pl.DataFrame, quality: dict[str, float]) -> pl.DataFrame:
    return frame.select(
        "offer_id",
        quality=pl.col("offer_id").replace_strict(quality, return_dtype=pl.Float64),
        social_value=pl.lit(0.0),
        preferred=pl.lit(0),
        lot_rank=pl.when(pl.col("lots").list.len() == 1).then(pl.lit(1)),
    )


def every_offer_ties(lots: int, suppliers: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every supplier bids for every lot at the same price, score and quality points."""
    rows = [
        (f"S{s:02d}/L{lot:02d}", f"Supplier {s:02d} Ltd", [f"L{lot:02d}"], 1000.0, 80.0,
         False, False, None)
        for s in range(suppliers)
        for lot in range(lots)
    ]  # fmt: skip
    frame = offers(rows)
    return frame, tie_values(frame, dict.fromkeys(frame["offer_id"], 30.0))


PLAN = ("quality", "price")


@st.composite
def tied_tenders(draw):
    """Two to four lots, two to four suppliers, prices, scores and quality points from two
    values each (so ties are common), a package now and then, a cap or none, every lot
    awarded or not."""
    lots = [f"L{n}" for n in range(draw(st.integers(2, 4)))]
    suppliers = [f"Supplier {n}" for n in range(draw(st.integers(2, 4)))]
    rows, quality = [], {}
    for s, supplier in enumerate(suppliers):
        for lot in lots:
            if draw(st.booleans()) or s == 0:
                rows.append((f"{supplier[-1]}-{lot}", supplier, [lot]))
        if draw(st.integers(0, 3)) == 0:
            package = sorted(draw(st.sets(st.sampled_from(lots), min_size=2, max_size=len(lots))))
            rows.append((f"{supplier[-1]}-P", supplier, package))
    built = []
    for offer_id, supplier, its_lots in rows:
        n = len(its_lots)
        price = n * draw(st.sampled_from([1000.0, 1200.0]))
        score = n * draw(st.sampled_from([80.0, 90.0]))
        quality[offer_id] = n * draw(st.sampled_from([30.0, 40.0]))
        built.append((offer_id, supplier, its_lots, price, score, False, False, None))
    frame = offers(built)
    policy = Policy(
        tie_break="plan",
        plan_tie_break=PLAN,
        award_all_lots=draw(st.booleans()),
        max_lots_per_supplier=draw(st.sampled_from([None, 1, 2])),
    )
    return frame, tie_values(frame, quality), policy


def answer(result) -> tuple:
    return (
        result.status,
        sorted(result.awarded["offer_id"]),
        result.undecided,
        result.ties_checked,
        result.tie_break_complete,
        result.notes,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tied_tenders())
def test_every_holder_at_once_names_the_same_offers(tender) -> None:
    frame, values, policy = tender
    new = allocate(frame, policy, solver=SOLVER, tie_values=values, compare=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model.AllocationModel, "name_every_holder", one_by_one)
        old = allocate(frame, policy, solver=SOLVER, tie_values=values, compare=False)
    assert answer(new) == answer(old)
    assert new.solves <= old.solves


def test_a_file_where_every_offer_ties_takes_a_solve_per_offer_a_lot_can_have() -> None:
    """6 lots, 6 suppliers: each lot undecided between all six. Lot by lot: 35 solves in all
    (about one per lot per offer); at once: 10 (about one per offer a lot can have, each
    finding every lot's next holder)."""
    frame, values = every_offer_ties(6, 6)
    policy = Policy(tie_break="plan", plan_tie_break=PLAN, award_all_lots=True)
    new = allocate(frame, policy, solver=SOLVER, tie_values=values, compare=False)
    every = {f"L{lot:02d}": [f"S{s:02d}/L{lot:02d}" for s in range(6)] for lot in range(6)}
    assert new.undecided == every and new.ties_checked
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model.AllocationModel, "name_every_holder", one_by_one)
        old = allocate(frame, policy, solver=SOLVER, tie_values=values, compare=False)
    assert old.undecided == every
    assert old.solves >= 30 and new.solves <= 12, (old.solves, new.solves)


@pytest.mark.skipif(not pulp.HiGHS().available(), reason="highspy is not installed")
def test_cbc_and_highs_name_the_same_offers() -> None:
    frame, values = every_offer_ties(3, 4)
    policy = Policy(tie_break="plan", plan_tie_break=PLAN, max_lots_per_supplier=1)
    answers = [
        allocate(frame, policy, solver=s, tie_values=values, compare=False).undecided
        for s in ("cbc", "highs")
    ]
    assert answers[0] == answers[1]
