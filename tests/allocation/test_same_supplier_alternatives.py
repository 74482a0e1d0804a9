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


# Oak bids L1, L2 and L3 at £100 each, 90.12336 points each (quality 40.0), and offers the
# package L1+L2 at £190 for 180.24686 points (quality 80.0) and the package of all three at
# £290 for 270.37034 points (quality 120.0): the pair plus its L3 offer, in price, score and
# quality. Scores are compared to 4 places, each offer's rounded: the pair + L3 is
# 180.2469 + 90.1234 = 270.3703, the package of three 270.3703 too (unrounded, 270.37022
# against 270.37034: the package of three would win). Both £290, both quality 120, against
# the three single-lot offers' £300 and 3 x 90.1234 = 270.3702, one unit lower. Every lot is
# Oak's either way: no tie between tenderers. Most offers decides: the pair and the L3 offer
# (2) over the package of three (1), though the package of three comes first in offer order
# ("Oak / A-all" before "Oak / B-pair" before "Oak / L1" …), which alone would pick it.
OAK = [
    ("Oak / A-all", "Oak", ["L1", "L2", "L3"], 290.0, 270.37034),
    ("Oak / B-pair", "Oak", ["L1", "L2"], 190.0, 180.24686),
    ("Oak / L1", "Oak", ["L1"], 100.0, 90.12336),
    ("Oak / L2", "Oak", ["L2"], 100.0, 90.12336),
    ("Oak / L3", "Oak", ["L3"], 100.0, 90.12336),
    ("Elm / L1", "Elm", ["L1"], 90.0, 80.0),
]
OAK_VALUES = [
    ("Oak / A-all", 120.0, None),
    ("Oak / B-pair", 80.0, None),
    ("Oak / L1", 40.0, 1),
    ("Oak / L2", 40.0, 1),
    ("Oak / L3", 40.0, 1),
    ("Elm / L1", 30.0, 2),
]


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("preprocess", [True, False])
@pytest.mark.parametrize("rows_reversed", [False, True])
def test_a_package_of_three_lots_against_a_package_of_two_and_a_single_offer(
    solver: str, preprocess: bool, rows_reversed: bool
) -> None:
    """The pair and the L3 offer, whichever solver, with or without preprocessing, and in
    whatever order the rows come (offer order is offer_id order, not row order)."""
    rows = OAK[::-1] if rows_reversed else OAK
    values = OAK_VALUES[::-1] if rows_reversed else OAK_VALUES
    result = allocate(
        offers(rows), PLAN, solver, preprocess=preprocess, tie_values=tie_values(values)
    )
    assert result.undecided == {}
    assert sorted(result.awarded["offer_id"]) == ["Oak / B-pair", "Oak / L3"]
    # (Compared unrounded, the package of three would have won on score: 270.37034 against
    # 270.37022.)
    assert result.total_price == 290.0
    assert result.tie_break_complete


@pytest.mark.parametrize("solver", SOLVERS)
def test_two_ways_of_two_offers_each_are_settled_by_offer_order(solver: str) -> None:
    """Oak offers L2+L3 too, at £190 for 180.24686 points (quality 80.0): the pair L1+L2 with
    the L3 offer, and the L1 offer with the pair L2+L3, are two offers each at £290 and
    270.3703 points, so offer order decides between them: the earliest offer only one of them
    accepts. Named so that "Oak / B-pair" (L1+L2) comes first, it wins with "Oak / L3";
    renamed "Oak / D-pair", after "Oak / C-pair" (L2+L3), the L1 offer and L2+L3 win."""
    rows = [*OAK, ("Oak / C-pair", "Oak", ["L2", "L3"], 190.0, 180.24686)]
    values = [*OAK_VALUES, ("Oak / C-pair", 80.0, None)]
    result = allocate(offers(rows), PLAN, solver, tie_values=tie_values(values))
    assert sorted(result.awarded["offer_id"]) == ["Oak / B-pair", "Oak / L3"]
    renamed = {"Oak / B-pair": "Oak / D-pair"}
    rows = [(renamed.get(r[0], r[0]), *r[1:]) for r in rows]
    values = [(renamed.get(v[0], v[0]), *v[1:]) for v in values]
    result = allocate(offers(rows), PLAN, solver, tie_values=tie_values(values))
    assert sorted(result.awarded["offer_id"]) == ["Oak / C-pair", "Oak / L1"]
    assert result.undecided == {} and result.tie_break_complete
