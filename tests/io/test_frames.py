"""Building a frame from rows (``frames.frame``): columns are taken in C when every row is a
plain dict holding the column, and row by row otherwise; either way the frame is the one
built by asking each row for each column (missing → null), which is what is checked here."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tendereval.io import frames as F

PRICE_VALUES: dict[str, Any] = {
    "supplier": st.sampled_from(["Acme Ltd", "Bee CIC"]),
    "lot": st.sampled_from(["L1", "L2", None]),
    "item": st.sampled_from(["care_hours", None]),
    "volume": st.floats(0, 1e6),
    "unit_rate": st.one_of(st.none(), st.floats(0, 500)),
    "uplift": st.floats(0, 1),
    "source": st.just("bids/a.xlsx"),
    "cell": st.just("Prices › G5"),
    "uplift_cell": st.one_of(st.none(), st.just("Prices › H5")),
    "volume_source": st.just("tender.toml"),
    "volume_cell": st.just("lots › L1 › volumes.care_hours"),
    "not_a_column": st.integers(),  # ignored, as before
}


@st.composite
def price_rows(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(sorted(PRICE_VALUES)), unique=True))
    return {key: draw(PRICE_VALUES[key]) for key in keys}


def _by_asking(rows: list[dict[str, Any]]) -> pl.DataFrame:
    schema = F.SCHEMAS["prices"]
    return pl.DataFrame({col: [row.get(col) for row in rows] for col in schema}, schema=schema)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(price_rows(), min_size=1, max_size=6), full=st.booleans())
def test_a_frame_is_the_one_built_by_asking_each_row(
    rows: list[dict[str, Any]], full: bool
) -> None:
    if full:  # every row holds every column: the columns are taken in C
        rows = [{key: row.get(key) for key in F.SCHEMAS["prices"]} for row in rows]
    assert_frame_equal(F.frame("prices", rows), _by_asking(rows))


def test_rows_that_make_up_missing_values_are_asked_not_indexed() -> None:
    # A dict that makes up a value for a missing key must not be indexed: it would give
    # that value (and keep it) where the row has none.
    row: dict[str, Any] = defaultdict(lambda: "made up", {"supplier": "Acme Ltd", "lot": "L1"})
    built = F.frame("bids", [row])
    assert built.to_dicts() == [{"supplier": "Acme Ltd", "lot": "L1", "source": None}]
    assert "source" not in row
