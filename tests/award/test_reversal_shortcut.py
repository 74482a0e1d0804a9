"""Rank reversal under a lot cap applied by a combination rule: the award is decided again
only for the withdrawals that could move it (award/reversal._stands_without).

Found on the benchmark's homecare tender (12 lots, no more than 1 lot per supplier, the
highest total score): every other ranked tender's withdrawal had the cap's combination found
again, 0.4 s each, so scoring took 22 s for 10 suppliers, 109 s for 20 and over two minutes
for 60. A tender below first place and not at the award's own place is an alternative the
best combination did not take: under the highest total score its withdrawal leaves the award
as it is. The property test below holds the shortcut to deciding every withdrawal again.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tendereval.award import reversal
from tendereval.scoring.combine import score

from ..cpu_time import cpu_seconds
from ..scoring.builders import make_plan, tender
from .test_cap_rules import PRICE_AND_QUALITY, cap, lots

LOTS = ["A", "B", "C", "D"]
SUPPLIERS = ["P", "Q", "R", "S", "T"]
RULES = ["highest_total_score", "lowest_total_cost", "descending_value", None]


@st.composite
def tenders(draw):
    n_lots = draw(st.integers(2, 4))
    rates = {}
    for lot in LOTS[:n_lots]:
        bidders = draw(st.lists(st.sampled_from(SUPPLIERS), min_size=1, max_size=5, unique=True))
        for supplier in bidders:
            # Few rates and marks, so totals are often level.
            rates[(supplier, lot)] = float(draw(st.integers(10, 13)))
    marks = {(s, "Q1"): draw(st.integers(2, 5)) for s in SUPPLIERS}
    values = {lot: 100_000 * draw(st.integers(1, 3)) for lot in LOTS[:n_lots]}
    return rates, marks, values, draw(st.integers(1, 2))


def both_ways(monkeypatch: pytest.MonkeyPatch, rates, marks, values, limit, rule):
    """The rank reversal scoring gives, and the one deciding every withdrawal again gives."""
    seen = {}
    full = reversal.rank_reversal

    def compared(result, withdrawals, progress=None):
        seen["every"] = full(result, withdrawals, every_withdrawal=True)
        seen["shortcut"] = full(result, withdrawals, progress)
        return seen["shortcut"]

    plan = make_plan(cap(limit, rule), PRICE_AND_QUALITY, lots=lots(values))
    with monkeypatch.context() as m:
        m.setattr(reversal, "rank_reversal", compared)
        score(tender(plan, rates=rates, marks=marks), samples=0)
    return seen


@pytest.mark.parametrize("rule", RULES)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=tenders())
def test_the_award_is_decided_again_wherever_a_withdrawal_could_move_it(rule, case) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        seen = both_ways(monkeypatch, *case, rule)
    assert_frame_equal(seen["shortcut"], seen["every"])


# Price 50, quality 50 (points: 50 × lowest price ÷ price; 50 × mark ÷ 5), a cap of 1 lot,
# the highest total score. Lot A: X £10 50 + 50 = 100; Y £11 45.45 + 40 = 85.45; Z £12
# 41.67 + 30 = 71.67. Lot B: X £10 100; W £12 41.67 + 20 = 61.67. X is first in both, over the
# cap. X in A and W in B: 161.67; X in B and Y in A: 185.45, the best, so A passes over X to Y.
# X is A's lowest price: its withdrawal re-scores A, decided again. Z (below Y) and W (below
# X in B) are alternatives the combination did not take: not decided again.
SMALL = {
    ("X", "A"): 10.0,
    ("Y", "A"): 11.0,
    ("Z", "A"): 12.0,
    ("X", "B"): 10.0,
    ("W", "B"): 12.0,
}
SMALL_MARKS = {("X", "Q1"): 5, ("Y", "Q1"): 4, ("Z", "Q1"): 3, ("W", "Q1"): 2}


def test_a_tender_below_the_award_withdrawing_is_not_decided_again(monkeypatch) -> None:
    decided: list[tuple[str, str]] = []
    full = reversal._award_without

    def counted(result, bids, lots, lot, after_rows):
        removed = set(result.results.filter(result.results["lot"] == lot)["supplier"]) - set(
            after_rows.lazy().collect()["supplier"]
        )
        decided.append((lot, *removed))
        return full(result, bids, lots, lot, after_rows)

    monkeypatch.setattr(reversal, "_award_without", counted)
    plan = make_plan(cap(1, "highest_total_score"), PRICE_AND_QUALITY, lots=lots({"A": 1, "B": 1}))
    result = score(tender(plan, rates=SMALL, marks=SMALL_MARKS), samples=0)
    assert (result.award.winner("A"), result.award.winner("B")) == ("Y", "X")
    found = {
        (r["lot"], r["removed"]): r["changed"] for r in result.rank_reversal.iter_rows(named=True)
    }
    assert found == {("A", "X"): False, ("A", "Z"): False, ("B", "W"): False}
    assert decided == [("A", "X")]


def test_rank_reversal_under_a_binding_cap_does_not_grow_with_every_withdrawal(
    monkeypatch,
) -> None:
    """20 suppliers in each of 12 lots, a cap of 1 lot, the highest total score: 228
    withdrawals, each deciding the whole award again before (about 100 s); now only those
    that could move it."""
    suppliers = [f"S{i:02}" for i in range(20)]
    lot_ids = [f"L{j:02}" for j in range(12)]
    rates = {
        (s, lot): 10.0 + ((i * 7 + j * 3) % 20) / 4 + i * 0.013 + j * 0.0071
        for i, s in enumerate(suppliers)
        for j, lot in enumerate(lot_ids)
    }
    # The first two suppliers best everywhere on quality: first in every lot, over the cap.
    marks = {(s, "Q1"): 5 if i < 2 else 1 + i % 4 for i, s in enumerate(suppliers)}
    plan = make_plan(
        cap(1, "highest_total_score"),
        PRICE_AND_QUALITY,
        lots=lots({lot: 100_000 for lot in lot_ids}),
    )
    spent = []
    full = reversal.rank_reversal

    def timed(result, withdrawals, progress=None):
        before = cpu_seconds()
        out = full(result, withdrawals, progress)
        spent.append(cpu_seconds() - before)
        return out

    monkeypatch.setattr(reversal, "rank_reversal", timed)
    result = score(tender(plan, rates=rates, marks=marks), samples=0)
    assert result.award.cap.binds
    assert result.rank_reversal.height == 12 * 19
    assert spent[0] < 8, f"rank reversal took {spent[0]:.1f} processor seconds"
