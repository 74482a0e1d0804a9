"""Under the plan's tie-break, allocations that give every lot to the same supplier at the same
price and score are no tie the award turns on: they differ only in which of that supplier's
offers (its single-lot offers, or its package of the same lots) forms the contract.

Found by the red team: a supplier ranked first in L1 and L2 also offered the package L1+L2 at
the sum of its two lot prices. allocate called both lots "undecided" for ever (exit 1), and a
[[decision]] awarding both lots to that supplier could not settle it, since both allocations
already did.
"""

from __future__ import annotations

import polars as pl
import pulp
import pytest

from tendereval.allocation import Policy, allocate

SOLVERS = ["cbc"] + (["highs"] if pulp.HiGHS().available() else [])
PLAN = Policy(tie_break="plan", plan_tie_break=("quality", "price"))


def offers(rows: list[tuple[str, str, list[str], float, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "offer_id": [r[0] for r in rows],
            "supplier": [r[1] for r in rows],
            "lots": [r[2] for r in rows],
            "price": [r[3] for r in rows],
            "score": [r[4] for r in rows],
            "sme": [False] * len(rows),
            "vcse": [False] * len(rows),
        }
    )


def tie_values(rows: list[tuple[str, float, int | None]]) -> pl.DataFrame:
    """offer_id, quality points and rank in its lot (None for a package)."""
    return pl.DataFrame(
        {
            "offer_id": [r[0] for r in rows],
            "quality": [r[1] for r in rows],
            "social_value": [0.0] * len(rows),
            "preferred": [0] * len(rows),
            "lot_rank": [r[2] for r in rows],
        },
        schema_overrides={"lot_rank": pl.Int64},
    )


# Damson wins L1 (90 points, £800) and L2 (95 points, £812) and offers both as a package at
# £800 + £812 = £1,612 for 90 + 95 = 185 points, quality 40 + 45 = 85. Elm is second in L1.
# The package comes first in offer order ("A-pair" before "L1"), so offer order alone would
# pick it: the single-lot offers are chosen because they are more offers.
DAMSON = offers(
    [
        ("Damson / L1", "Damson", ["L1"], 800.0, 90.0),
        ("Damson / L2", "Damson", ["L2"], 812.0, 95.0),
        ("Damson / A-pair", "Damson", ["L1", "L2"], 1612.0, 185.0),
        ("Elm / L1", "Elm", ["L1"], 700.0, 80.0),
    ]
)
DAMSON_VALUES = tie_values(
    [("Damson / L1", 40.0, 1), ("Damson / L2", 45.0, 1), ("Damson / A-pair", 85.0, None),
     ("Elm / L1", 30.0, 2)]
)  # fmt: skip


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_package_at_the_sum_of_lots_its_supplier_wins_leaves_no_lot_undecided(
    solver: str,
) -> None:
    result = allocate(DAMSON, PLAN, solver, tie_values=DAMSON_VALUES)
    assert result.undecided == {}
    assert sorted(result.awarded["offer_id"]) == ["Damson / L1", "Damson / L2"]
    assert result.total_price == 1612.0
    assert result.tie_break_complete


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_tie_between_suppliers_beside_a_package_is_still_undecided(solver: str) -> None:
    """Fir ties Damson in L2 (95 points, quality 45, £812): L2 is undecided between the two
    suppliers; L1 is Damson's for certain, by its single-lot offer."""
    rows = [r[:5] for r in DAMSON.rows()] + [("Fir / L2", "Fir", ["L2"], 812.0, 95.0)]
    tied = offers(rows)
    values = pl.concat([DAMSON_VALUES, tie_values([("Fir / L2", 45.0, 1)])])
    result = allocate(tied, PLAN, solver, tie_values=values)
    assert list(result.undecided) == ["L2"]
    assert "Fir / L2" in result.undecided["L2"]
    assert "Elm / L1" not in {o for holders in result.undecided.values() for o in holders}
