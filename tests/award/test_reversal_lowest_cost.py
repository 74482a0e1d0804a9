"""Rank reversal under a lot cap applied by the lowest total cost: the award is decided again
only for the withdrawals that could open a combination as cheap as the award's
(award/reversal._no_cheaper_combination).

Found in session 37's leftovers: under ``cap_rule = "lowest_total_cost"`` every other ranked
tender's withdrawal had the cap's combination found again by the optimiser (the benchmark's
homecare lots, 12 lots, a cap of 1: 20 withdrawals 3.7 processor seconds for 5 suppliers, 90
withdrawals 23 s for 10, 228 withdrawals 96 s for 20). A withdrawal opens only combinations
giving its lot to a tender ranked below the one withdrawing; where the award gives as many
lots as any combination could and each such tender's price with the lowest prices of the
other lots needed comes to more than the award's total, the award stands without deciding it
again. The property test holds the shortcut to deciding every withdrawal again.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tendereval.award import reversal
from tendereval.scoring.combine import score

from ..scoring.builders import make_plan, tender
from .test_cap_rules import PRICE_AND_QUALITY, cap, lots
from .test_reversal_shortcut import both_ways

SUPPLIERS = ["P", "Q", "R", "S", "T", "U"]


@st.composite
def tenders(draw):
    """2-4 lots, up to 6 bidders each, prices drawn apart from the quality marks (a tender's
    place says little of its price), few values so that totals and prices are often level.
    P bids for every lot with the best marks at a low price, so is mostly first in each, and
    the cap binds."""
    n_lots = draw(st.integers(2, 4))
    lot_ids = ["A", "B", "C", "D"][:n_lots]
    rates = {}
    for lot in lot_ids:
        rates[("P", lot)] = float(draw(st.integers(10, 12)))
        others = st.lists(st.sampled_from(SUPPLIERS[1:]), min_size=1, max_size=5, unique=True)
        for supplier in draw(others):
            rates[(supplier, lot)] = float(draw(st.integers(10, 16)))
    marks = {("P", "Q1"): 5} | {(s, "Q1"): draw(st.integers(1, 5)) for s in SUPPLIERS[1:]}
    values = {lot: 100_000 * draw(st.integers(1, 3)) for lot in lot_ids}
    return rates, marks, values, draw(st.integers(1, 2))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=tenders())
def test_the_shortcut_gives_what_deciding_every_withdrawal_again_gives(case) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        seen = both_ways(monkeypatch, *case, "lowest_total_cost")
    assert_frame_equal(seen["shortcut"], seen["every"])


@st.composite
def crowded(draw):
    """3-4 lots with most of the six suppliers in each, so that every lot can be awarded and
    the lowest prices alone seldom settle a withdrawal: the exact program
    (award/cheaper_combination.py) weighs them. Prices £10-£13, so that combinations often
    cost the same as the award's."""
    lot_ids = ["A", "B", "C", "D"][: draw(st.integers(3, 4))]
    rates = {}
    for lot in lot_ids:
        for supplier in SUPPLIERS:
            if supplier == "P" or draw(st.integers(0, 3)):
                rates[(supplier, lot)] = float(draw(st.integers(10, 13)))
    marks = {("P", "Q1"): 5} | {(s, "Q1"): draw(st.integers(1, 5)) for s in SUPPLIERS[1:]}
    values = dict.fromkeys(lot_ids, 100_000)
    return rates, marks, values, draw(st.integers(1, 2))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=crowded())
def test_the_exact_program_gives_what_deciding_every_withdrawal_again_gives(case) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        weighed = []
        full = reversal.could_open
        monkeypatch.setattr(reversal, "could_open", lambda *args: weighed.append(1) or full(*args))
        seen = both_ways(monkeypatch, *case, "lowest_total_cost")
    event(f"the exact program {'weighed withdrawals' if weighed else 'was not needed'}")
    assert_frame_equal(seen["shortcut"], seen["every"])


# Price 50, quality 50 (points: 50 × lowest price ÷ price; 50 × mark ÷ 5), a cap of 1 lot, the
# lowest total cost. Lot A: X £10 50 + 50 = 100; Y £11 45.45 + 40 = 85.45; Z £12 41.67 + 30 =
# 71.67; V £14 35.71 + 10 = 45.71. Lot B: X £10 100; W £12 41.67 + 20 = 61.67. X is first in
# both, over the cap. Two lots can be awarded (two lots; X and three others bid). X in A, W in
# B: £22; X in B, Y in A: £21, the cheapest (Z or V in A would need Y to hold the cap, and Y
# holds nothing). Prices per 1,000 hours: the award costs 21,000.
# - X withdrawing from A re-scores A (the lowest price): decided again.
# - Z (rank 3): below it only V, £14,000 + B's lowest £10,000 = £24,000 > £21,000: stands.
# - V (rank 4) and W (rank 2 of 2): nothing ranked below them: stand.
RATES = {
    ("X", "A"): 10.0,
    ("Y", "A"): 11.0,
    ("Z", "A"): 12.0,
    ("V", "A"): 14.0,
    ("X", "B"): 10.0,
    ("W", "B"): 12.0,
}
MARKS = {("X", "Q1"): 5, ("Y", "Q1"): 4, ("Z", "Q1"): 3, ("V", "Q1"): 1, ("W", "Q1"): 2}


def test_only_a_withdrawal_that_could_open_a_cheaper_combination_is_decided_again(
    monkeypatch,
) -> None:
    decided: list[tuple[str, ...]] = []
    full = reversal._award_without

    def counted(result, bids, lots, lot, after_rows):
        removed = set(result.results.filter(result.results["lot"] == lot)["supplier"]) - set(
            after_rows.lazy().collect()["supplier"]
        )
        decided.append((lot, *removed))
        return full(result, bids, lots, lot, after_rows)

    monkeypatch.setattr(reversal, "_award_without", counted)
    plan = make_plan(cap(1, "lowest_total_cost"), PRICE_AND_QUALITY, lots=lots({"A": 1, "B": 1}))
    result = score(tender(plan, rates=RATES, marks=MARKS), samples=0)
    assert (result.award.winner("A"), result.award.winner("B")) == ("Y", "X")
    found = {
        (r["lot"], r["removed"]): r["changed"] for r in result.rank_reversal.iter_rows(named=True)
    }
    assert found == {("A", "X"): False, ("A", "Z"): False, ("A", "V"): False, ("B", "W"): False}
    assert decided == [("A", "X")]


def test_a_withdrawal_that_opens_a_cheaper_combination_is_still_found() -> None:
    """The case the shortcut must not pass over: lot A to X; Y, ranked below X, withdraws;
    A can then go to Z, ranked below Y and cheaper, while Y holds no lot, freeing X for B.

    Lot A: X £10 (50 + 50 = 100), Y £14 (35.71 + 40 = 75.71), Z £10.50 (47.62 + 10 = 57.62).
    Lot B: X £10 (100), W £11 (45.45 + 40 = 85.45). X first in both, a cap of 1. X in A, W in
    B: £21 (per hour); X in B, Y in A: £24; Z in A needs Y to hold the cap. The award: A to
    X, B to W. Without Y: X in B, Z in A, £20.50, cheaper: A goes to Z. Z's £10.50 and B's
    lowest £10 come to less than £21, so Y's withdrawal is decided again."""
    rates = {("X", "A"): 10.0, ("Y", "A"): 14.0, ("Z", "A"): 10.5}
    rates |= {("X", "B"): 10.0, ("W", "B"): 11.0}
    marks = {("X", "Q1"): 5, ("Y", "Q1"): 4, ("Z", "Q1"): 1, ("W", "Q1"): 4}
    plan = make_plan(cap(1, "lowest_total_cost"), PRICE_AND_QUALITY, lots=lots({"A": 1, "B": 1}))
    result = score(tender(plan, rates=rates, marks=marks), samples=0)
    assert (result.award.winner("A"), result.award.winner("B")) == ("X", "W")
    rows = {(r["lot"], r["removed"]): r for r in result.rank_reversal.iter_rows(named=True)}
    assert (rows[("A", "Y")]["changed"], rows[("A", "Y")]["winner_after"]) == (True, "Z")
    assert rows[("A", "Z")]["changed"] is False  # (ranked last: nothing opens)


# Lot A: X £10.00 (50 × 9.50 ÷ 10 = 47.5 + 50 = 97.5), Y £11.00 (43.18 + 40 = 83.18), Z £9.50
# (50 + 10 = 60). Lot B: X £12.00 (41.67 + 50 = 91.67), W £10.00 (50 + 40 = 90). A cap of 1,
# the lowest total cost; X is first in both. X in A, W in B: £20 (per hour); X in B, Y in A:
# £23; Z in A needs X and Y to hold the cap, and Y bids for A alone. The award: A to X, B to W.
CLOSED_RATES = {("X", "A"): 10.0, ("Y", "A"): 11.0, ("Z", "A"): 9.5}
CLOSED_RATES |= {("X", "B"): 12.0, ("W", "B"): 10.0}
CLOSED_MARKS = {("X", "Q1"): 5, ("Y", "Q1"): 4, ("Z", "Q1"): 1, ("W", "Q1"): 4}


def test_a_withdrawal_whose_cheaper_combination_the_cap_rules_close_is_not_decided_again(
    monkeypatch,
) -> None:
    """Y withdrawing lets A pass to Z only while X holds the cap, that is with B: Z's £9.50
    and X's £12.00 come to £21.50, more than the award's £20, so the award stands. The
    lowest prices alone could not say so (Z's £9.50 and B's lowest, W's £10.00, come to
    £19.50): the award was decided again for Y. Z's withdrawal re-scores A (the lowest price)
    and X's in B leaves X first in A alone: both are decided again."""
    decided: list[tuple[str, ...]] = []
    full = reversal._award_without

    def counted(result, bids, lots, lot, after_rows):
        removed = set(result.results.filter(result.results["lot"] == lot)["supplier"]) - set(
            after_rows.lazy().collect()["supplier"]
        )
        decided.append((lot, *removed))
        return full(result, bids, lots, lot, after_rows)

    monkeypatch.setattr(reversal, "_award_without", counted)
    plan = make_plan(cap(1, "lowest_total_cost"), PRICE_AND_QUALITY, lots=lots({"A": 1, "B": 1}))
    result = score(tender(plan, rates=CLOSED_RATES, marks=CLOSED_MARKS), samples=0)
    assert (result.award.winner("A"), result.award.winner("B")) == ("X", "W")
    found = {
        (r["lot"], r["removed"]): r["changed"] for r in result.rank_reversal.iter_rows(named=True)
    }
    assert found == {("A", "Y"): False, ("A", "Z"): False, ("B", "X"): False}
    assert decided == [("A", "Z"), ("B", "X")]


def test_the_lot_caps_combination_is_not_compared_with_an_unconstrained_answer(
    monkeypatch,
) -> None:
    """The award reads the combination under the cap alone: each decision (the award's, and
    each withdrawal's decided again) solves it once, not also without the cap."""
    from tendereval.allocation.model import AllocationModel

    solved: list[frozenset[str]] = []
    full = AllocationModel.solve

    def spied(self, *args, **kwargs):
        solved.append(frozenset(self.active))
        return full(self, *args, **kwargs)

    monkeypatch.setattr(AllocationModel, "solve", spied)
    plan = make_plan(cap(1, "lowest_total_cost"), PRICE_AND_QUALITY, lots=lots({"A": 1, "B": 1}))
    score(tender(plan, rates=RATES, marks=MARKS), samples=0)
    assert solved and all("cap" in rules for rules in solved)
