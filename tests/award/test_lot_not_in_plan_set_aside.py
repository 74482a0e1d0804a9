"""A bid return pricing a lot id the plan does not have ("CBS" typed for "CSB"), its
supplier's tender rejected or withdrawn (award/set_aside.py ``SetAside.settles``).

Before, the rows for the lot the plan does not have were an error no record named: the
rejection (or withdrawal) of the whole bid settled only the errors of the plan's lots, so the
award was held back for good, telling the officer to record the rejection just recorded.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tests.example_copies import example_copy

HOP_GARDEN = "bids/hop-garden-respite-cic.xlsx"
RECORDS = {
    "rejection": '[[rejection]]\nsupplier = "Hop Garden Respite CIC"\n'
    'reason = "Prices given for lot CBS only; ITT 4.2 allows no clarification of price"\n'
    "decided_on = 2026-03-05\n",
    "withdrawal": '[[withdrawal]]\nsupplier = "Hop Garden Respite CIC"\n'
    "withdrawn_on = 2026-03-04\n",
}


def _lot_typed(folder: Path, typed: str, sheet: str = "Prices") -> None:
    """Every row of Hop Garden's ``sheet`` for lot CSB given lot ``typed`` instead."""
    path = folder / HOP_GARDEN
    book = openpyxl.load_workbook(path)
    for row in book[sheet].iter_rows(min_row=5):
        if row[0].value == "CSB":
            row[0].value = typed
    book.save(path)


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_the_whole_bid_set_aside_settles_its_rows_for_a_lot_the_plan_does_not_have(
    tmp_path: Path, record: str
) -> None:
    folder = example_copy(tmp_path)
    _lot_typed(folder, "CBS")
    before = tendereval.score(folder, sensitivity=False)
    assert any(p.code == "price.unknown_lot" and p.lot == "CBS" for p in before.problems)
    assert before.award.blockers  # Hop Garden's tender is invalid: the award waits
    (folder / "decisions.toml").write_text(RECORDS[record], encoding="utf-8")
    after = tendereval.score(folder, sensitivity=False)
    assert after.award.blockers == []
    assert after.award.held_back is None
    # The error stays on the record: settled, not forgotten.
    assert any(p.code == "price.unknown_lot" and p.lot == "CBS" for p in after.problems)
