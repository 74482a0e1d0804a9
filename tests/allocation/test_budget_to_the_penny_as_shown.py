"""A budget typed to a fraction of a penny is the budget every message writes.

A budget of £1,000.125 (written £1,000.13, a half penny away from zero) was counted as
round(100012.5) = 100,012p, Python's half to even: the one offer of £1,000.13 was "over" it,
and the policy infeasible: "A budget of £1,000.13 cannot be met: the lowest total price under
the other rules is £1,000.13". Now it is 100,013p (comparison.whole_pence), as written."""

from __future__ import annotations

import pytest

from tendereval.allocation import Policy, allocate
from tests.allocation.allocation_helpers import offers


@pytest.mark.parametrize(
    ("pounds", "pence"),
    [(1000.125, 100_013), (1.005, 101), (2_550_000.135, 255_000_014), (12.34, 1_234), (0, 0)],
)
def test_whole_pence(pounds: float, pence: int) -> None:
    from tendereval.comparison import whole_pence

    assert whole_pence(pounds) == pence


def test_an_offer_at_the_budget_as_written_meets_it() -> None:
    rows = [("A1", "Ash Care", ["A"], 1000.13, 80.0, False, False, None)]
    result = allocate(offers(rows), Policy(budget=1000.125, award_all_lots=True))
    assert result.status == "optimal"
    assert result.total_price == 1000.13
