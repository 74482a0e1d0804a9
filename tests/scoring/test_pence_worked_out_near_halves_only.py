"""comparison.shown_units and pence work a column out in floats and only its numbers near a
half of the last place shown exactly (from the decimals they are written as). As one polars
expression the exact part cost several milliseconds of planning for every column, a tenth of
scoring a small tender; the answer must be the one a cell shows all the same: numformat.as_shown,
the rule for one number, for every value of the column, in whatever order and with whatever
repeats."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval import comparison
from tendereval.comparison import pence, points_units, rounded_expr, shown_units
from tendereval.io.numformat import as_shown


def _stepped(value: float, steps: int) -> float:
    for _ in range(abs(steps)):
        value = math.nextafter(value, math.inf if steps > 0 else -math.inf)
    return value


# Halves of a penny (and of a ten-thousandth) a few floats either side, typed amounts, sums of
# a rate to a tenth of a penny times hours, and anything else, of either sign.
_HALVES = st.builds(
    lambda whole, places, steps: _stepped((whole * 10 + 5) / 10 ** (places + 1), steps),
    st.integers(0, 10**12),
    st.sampled_from([2, 4]),
    st.integers(-30, 30),
)
_AMOUNTS = st.one_of(
    _HALVES,
    st.floats(min_value=-1e13, max_value=1e13, allow_nan=False, allow_infinity=False),
    st.builds(lambda rate, hours: rate / 1000 * hours, st.integers(1, 10**6), st.integers(1, 9999)),
    st.decimals(min_value=-(10**9), max_value=10**9, places=3).map(float),
)


def _cell(value: float, decimals: int) -> int:
    return int(abs(as_shown(value, decimals)).scaleb(decimals))


@pytest.mark.parametrize("in_python", [2_000, 0])  # a short column value by value, or not
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(_AMOUNTS, st.just(math.inf), st.none()), min_size=1, max_size=40))
def test_a_column_counts_every_amount_as_its_cell_shows_it(
    in_python: int, amounts: list[float | None]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(comparison, "_WORKED_IN_PYTHON", in_python)
        frame = pl.DataFrame({"x": amounts}, schema={"x": pl.Float64}).select(
            pence=pence(pl.col("x")),
            hundredths=shown_units(pl.col("x"), 2),
            ten_thousandths=shown_units(pl.col("x"), 4),
            points=points_units(pl.col("x")),
            to_the_penny=rounded_expr(pl.col("x"), 2),
        )
    for amount, row in zip(amounts, frame.iter_rows(named=True), strict=True):
        if amount is None:
            assert set(row.values()) == {None}
        elif math.isinf(amount):
            assert row == {
                "pence": math.inf,
                "hundredths": None,
                "ten_thousandths": None,
                "points": math.inf,
                "to_the_penny": math.inf,
            }
        else:
            assert row["hundredths"] == _cell(amount, 2)
            assert row["to_the_penny"] == float(as_shown(amount, 2))
            assert row["pence"] == math.copysign(_cell(amount, 2), amount) or amount == 0
            if abs(amount) < 1e11:  # (fewer than 10^15 ten-thousandths)
                assert row["ten_thousandths"] == _cell(amount, 4)
                assert row["points"] == math.copysign(_cell(amount, 4), amount) or amount == 0


def test_worked_examples() -> None:
    """By hand: £1.005 is 100.49999999999999 hundredths in floats and 101p as shown; £100.125
    a half exactly, 10,013p; -£2.675 (-2.67499999999999982236431605997495353221893310546875 as
    a float, written -2.675) is -268p; £12.34 is 1,234p; 18.275 × 2,341 is
    42,781.774999999994 in floats and £42,781.78 in Excel, 4,278,178p."""
    amounts = [1.005, 100.125, -2.675, 12.34, 18.275 * 2341]
    got = pl.DataFrame({"x": amounts}).select(pence(pl.col("x"))).to_series().to_list()
    assert got == [101, 10_013, -268, 1_234, 4_278_178]


def test_a_sum_in_each_group_is_counted_as_shown() -> None:
    """Summed in a group (a lot's price items), then counted: 0.5025 + 0.5025 is 1.005, 101p."""
    frame = pl.DataFrame({"lot": ["A", "A", "B"], "price": [0.5025, 0.5025, 0.004]})
    got = frame.group_by("lot", maintain_order=True).agg(pence(pl.col("price").sum()))
    assert got.rows() == [("A", 101.0), ("B", 0.0)]


def test_an_evaluated_price_is_the_float_of_its_pence() -> None:
    """A rate of £81,486.65 for one hour: 8,148,665p, whose float is 81,486.65. Dividing by
    100 as polars divides a column by a number (times 0.01) gave 81,486.65000000001 in the
    results, the JSON and the CSV."""
    from tendereval.scoring import score
    from tests.scoring.builders import make_plan, tender

    result = score(
        tender(make_plan(volume=1), rates={"Ash": 81_486.65, "Birch": 93_817.54}),
        sensitivity=False,
    )
    prices = dict(result.results.select("supplier", "evaluated_price").rows())
    assert prices == {"Ash": 81_486.65, "Birch": 93_817.54}
