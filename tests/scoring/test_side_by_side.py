"""Steps made at once on threads (scoring.common.side_by_side) give what they give in turn."""

from __future__ import annotations

import threading

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tendereval.scoring.common import side_by_side


def test_results_come_back_in_the_order_the_calls_were_given() -> None:
    frame = pl.DataFrame({"x": list(range(100_000))})
    got = side_by_side(
        lambda: frame.select(pl.col("x").sum()).item(),
        lambda: frame.select(pl.col("x").max()).item(),
        lambda: "third",
    )
    assert got == [sum(range(100_000)), 99_999, "third"]


def test_the_calls_really_run_at_once() -> None:
    # Each call waits for the other: made in turn, they would wait for ever (here: time out).
    barrier = threading.Barrier(2, timeout=10)
    assert side_by_side(lambda: barrier.wait() * 0 + 1, lambda: barrier.wait() * 0 + 2) == [1, 2]


def test_a_failing_call_raises_its_own_error() -> None:
    def broken() -> None:
        raise ValueError("the second step failed")

    with pytest.raises(ValueError, match="the second step failed"):
        side_by_side(lambda: 1, broken)


def test_the_same_frames_as_made_in_turn() -> None:
    # Whole numbers summed: polars adds a group's floats in an order its threads choose, so a
    # float mean could differ in its last bit between two runs of the same query, side by side
    # or not (a CI run failed so); whole numbers add up the same in any order.
    frame = pl.DataFrame({"g": [i % 7 for i in range(50_000)], "v": [i * 3 for i in range(50_000)]})
    steps = (
        lambda: frame.group_by("g", maintain_order=True).agg(pl.col("v").sum()),
        lambda: frame.sort("v", descending=True).head(10),
    )
    for made, expected in zip(side_by_side(*steps), [step() for step in steps], strict=True):
        assert_frame_equal(made, expected, check_exact=True)
