"""comparison.units_in_floats counts in floats alone, for queries that run side by side (the
win probabilities' 10,000 weight draws a lot), where the exact rule's call back into Python
made them eight times slower; comparison.unsure_in_floats marks every value it may count
otherwise than a cell shows it, so the query is made again exactly. Unmarked, the two must
agree; and the win probabilities must be the exact rule's whichever way they were worked."""

from __future__ import annotations

import math

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.comparison import pence, points_units, units_in_floats, unsure_in_floats
from tendereval.scoring import sensitivity


def _stepped(value: float, steps: int) -> float:
    for _ in range(abs(steps)):
        value = math.nextafter(value, math.inf if steps > 0 else -math.inf)
    return value


_HALVES = st.builds(
    lambda whole, places, steps, sign: (
        sign * _stepped((whole * 10 + 5) / 10 ** (places + 1), steps)
    ),
    st.integers(0, 10**12),
    st.sampled_from([2, 4]),
    st.integers(-30, 30),
    st.sampled_from([1, -1]),
)
_VALUES = st.one_of(
    _HALVES,
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(lambda w, s: w * s / 1000, st.integers(0, 10**6), st.integers(0, 100_000)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(_VALUES, st.none()), min_size=1, max_size=50))
def test_unmarked_values_are_counted_as_their_cells_show_them(values: list[float | None]) -> None:
    x = pl.col("x")
    frame = pl.DataFrame({"x": values}, schema={"x": pl.Float64}).select(
        exact_points=points_units(x),
        floats_points=units_in_floats(x, 4),
        unsure_points=unsure_in_floats(x, 4),
        exact_pence=pence(x),
        floats_pence=units_in_floats(x, 2),
        unsure_pence=unsure_in_floats(x, 2),
    )
    for unit in ("points", "pence"):
        sure = frame.filter(~pl.col(f"unsure_{unit}"))
        exact, floats = sure.get_column(f"exact_{unit}"), sure.get_column(f"floats_{unit}")
        for a, b in zip(exact.to_list(), floats.to_list(), strict=True):
            assert a == b or (a is None and b is None) or (math.isnan(a) and math.isnan(b))


def test_a_half_of_the_fourth_place_is_marked() -> None:
    # 53.28125 as three means and a price score add up to it: a float just under the half.
    total = 53.281249999999986
    frame = pl.DataFrame({"x": [total, 53.2813, -0.00005]}).select(
        unsure=unsure_in_floats(pl.col("x")), floats=units_in_floats(pl.col("x"))
    )
    assert frame.get_column("unsure").to_list() == [True, False, True]
    assert frame.get_column("floats").to_list()[1] == 532813.0


def test_a_lot_with_an_unsure_draw_is_worked_out_exactly() -> None:
    # Two bids, and draws where the first's total is 53.281249999999986 (a cell shows 53.2813)
    # and the second's 53.2813: level as shown, so the better ranked (rank 1) wins every draw.
    # In floats alone the first counts 532,812 and loses them all.
    draws = pl.DataFrame({"w_a": [1.0] * 3})
    bids = pl.DataFrame({"rank": [1, 2], "lot": ["L", "L"], "skey": ["a", "b"]})
    totals = [pl.col("w_a") * 53.281249999999986, pl.col("w_a") * 53.2813]
    in_floats = sensitivity._lot_wins(bids, draws, totals).collect()
    assert in_floats.get_column("unsure").item() == 3  # (so it is worked out again)
    exact = sensitivity._lot_wins(bids, draws, totals, exact=True).collect()
    assert exact.row(0)[:2] == (3.0, 0.0)
    assert in_floats.row(0)[:2] == (0.0, 3.0)


def test_the_held_wins_are_the_exact_rules() -> None:
    frac = pl.DataFrame(
        {
            "lot": ["L", "L"],
            "skey": ["a", "b"],
            "rank": [1, 2],
            "position": [0, 1],
            "f_a": [53.281249999999986, 53.2813],
        }
    )
    draws = pl.DataFrame({"w_a": [1.0] * 3})
    wins = sensitivity._held_wins(frac, draws, [("a", 100.0)])
    assert wins.rows() == [("L", "a", 3.0)]
