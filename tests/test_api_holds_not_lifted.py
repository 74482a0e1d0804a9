"""The hold on a tender or a result changed in Python cannot be lifted from a notebook (red
team): ``tender.remember_as_read()`` and ``result.remember_as_scored()`` were public, shown by
tab completion and documented as what the loader and scoring call; called after an edit, they
made the edited scores the ones "read" or "scored", and the award was ready on them. They are
private now (``_remember_as_…``), called by the loader and by scoring only."""

from __future__ import annotations

import polars as pl

import tendereval
from tests.example_copies import EXAMPLES

CARERS = EXAMPLES / "carers-short-breaks"
BRIGHTWATER = pl.col("supplier") == "Brightwater Care Services Ltd"


def test_no_public_way_to_forget_an_edit_to_a_tender() -> None:
    tender = tendereval.load_tender(CARERS)
    assert not [name for name in dir(tender) if name.startswith("remember")]
    tender.scores = tender.scores.with_columns(
        pl.when(BRIGHTWATER).then(5.0).otherwise("score").alias("score")
    )
    assert tender.changed_since_read() == ["scores"]
    assert not tendereval.score(tender, sensitivity=False).award.summaries_ready


def test_no_public_way_to_forget_an_edit_to_a_result() -> None:
    result = tendereval.score(CARERS, sensitivity=False)
    assert not [name for name in dir(result) if name.startswith("remember")]
    result.results = result.results.with_columns(
        pl.when(pl.col("supplier") == "Meridian Care Group plc")
        .then(1)
        .when(pl.col("supplier") == "Weald Carers Trust")
        .then(3)
        .otherwise(pl.col("rank"))
        .alias("rank")
    )
    assert result.changed_since_scored() == ["results"]
    assert not result.award.summaries_ready
