"""Text columns encoded as numbers (scoring.canonical.encode): each text always gets the one
number, and the numbers name the column's distinct values; the long way gives the same
scores when polars' categories of a column's own are missing or ever misbehave."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tendereval.io.tender import load_tender
from tendereval.scoring import canonical, score
from tendereval.scoring.result import RESULT_SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
TEXTS = st.lists(st.sampled_from(["Acme", "acme", "Ä", "", " x ", "Q10", "Q2", None]), max_size=40)


def decoded(encoded: canonical.Encoded) -> list[str | None]:
    return [None if n is None else encoded.values[n] for n in encoded.numbers.to_list()]


@settings(max_examples=60, deadline=None)
@given(TEXTS, TEXTS)
def test_the_numbers_name_every_text(first, second) -> None:
    height = min(len(first), len(second))
    frame = pl.DataFrame({"a": first[:height], "b": second[:height]}, schema=["a", "b"])
    for way in (canonical.encode, lambda f, *c: canonical._encoded_twice(f, c)):
        found = way(frame, "a", "b")
        for column in ("a", "b"):
            assert decoded(found[column]) == frame.get_column(column).to_list()
            values = found[column].values
            assert values.n_unique() == values.len()  # each text once
            assert sorted(values.to_list()) == sorted(
                frame.get_column(column).drop_nulls().unique().to_list()
            )


def test_a_numbering_that_names_the_wrong_texts_is_caught() -> None:
    column = pl.Series(["b", "a", None, "b"])
    right = canonical._numbered(column.cast(pl.Categorical(pl.Categories.random())))
    assert canonical._numbers_name_the_values(column, right)
    numbers, values, dtype = right.numbers, right.values, right.dtype
    wrong = [
        canonical.Encoded(numbers, values.reverse(), dtype),  # values out of number order
        canonical.Encoded(numbers, pl.concat([values, values.head(1)]), dtype),  # one twice
        canonical.Encoded(numbers.fill_null(0), values, dtype),  # a number for a blank
        canonical.Encoded(numbers.scatter(0, 7), values, dtype),  # a number beyond the values
        canonical.Encoded(numbers, values),  # not from categories at all
    ]
    for encoded in wrong:
        assert not canonical._numbers_name_the_values(column, encoded)


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_the_long_way_scores_the_same(example, monkeypatch) -> None:
    tender = load_tender(ROOT / "examples" / example)
    quick = score(tender, sensitivity=False)
    monkeypatch.setattr(canonical, "_numbers_name_the_values", lambda column, encoded: False)
    long_way = score(tender, sensitivity=False)
    for name in RESULT_SCHEMAS:
        assert_frame_equal(getattr(quick, name), getattr(long_way, name), check_exact=True)


def test_a_polars_without_categories_of_a_column_s_own_is_handled(monkeypatch) -> None:
    frame = pl.DataFrame({"a": ["x", None, "y", "x"]})
    monkeypatch.delattr(pl, "Categories")
    found = canonical.encode(frame, "a")
    assert decoded(found["a"]) == ["x", None, "y", "x"]
