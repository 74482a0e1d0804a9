"""Each lot's ladder (award.decision.ladders): its places in rank order, the suppliers of a
shared place in order, whoever came first in the results frame."""

from __future__ import annotations

import polars as pl

from tendereval.award.decision import ladders


class _Ranking:
    def __init__(self, results: pl.DataFrame, lots: list[str]) -> None:
        self.results = results
        self._lots = lots

    def lot_ids(self) -> list[str]:
        return self._lots


def test_each_lot_has_its_places_in_rank_order_each_shared_place_in_name_order() -> None:
    results = pl.DataFrame(
        {
            "lot": ["L2", "L1", "L2", "L2", "L1", "L2", "L3"],
            "supplier": ["Cedar", "Zeta", "Birch", "Ash", "Yew", "Oak", "Elm"],
            "status": ["ranked", "ranked", "ranked", "ranked", "ranked", "invalid", "withdrawn"],
            "rank": [3, 2, 1, 1, 1, None, None],
            "total": [70.0, 60.0, 80.0, 80.0, 75.0, None, None],
            "reasons": [[], [], [], [], [], ["no price"], ["withdrawn"]],
        }
    )
    found = ladders(_Ranking(results, ["L1", "L2", "L3"]))
    assert list(found) == ["L1", "L2", "L3"]
    assert found["L1"].places == (("Yew",), ("Zeta",))
    # Ash and Birch share first place (80 each), named in order whatever their rows' order.
    assert found["L2"].places == (("Ash", "Birch"), ("Cedar",))
    assert found["L2"].first == ("Ash", "Birch")
    assert found["L3"].places == ()
    # disqualified, invalid, withdrawn, invalid as its return could not be read
    assert found["L3"].not_ranked == (0, 0, 1, 0)
