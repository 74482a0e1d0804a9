"""``award.bid_outcomes`` refuses another tender's results.

Found by the red team (session 40): ``carers.award.bid_outcomes(homecare.results)`` gave 72
rows, every one ``not_awarded``, homecare's twelve winners too, with no error, where
``winner("MAI")`` names the tender's lots.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import tendereval

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def carers() -> tendereval.ScoreResult:
    return tendereval.score(EXAMPLES / "carers-short-breaks", sensitivity=False)


def test_another_tenders_results_are_a_usage_error_naming_the_lots(carers) -> None:
    homecare = tendereval.score(EXAMPLES / "homecare-districts", sensitivity=False)
    with pytest.raises(tendereval.UsageError) as raised:
        carers.award.bid_outcomes(homecare.results)
    message = str(raised.value)
    assert "ASH" in message and message.endswith("its lots are CSB")


def test_its_own_results_and_a_bid_in_no_lot_are_taken(carers) -> None:
    outcomes = carers.award.bid_outcomes(carers.results)
    assert outcomes.filter(pl.col("award") == "awarded").get_column("supplier").to_list() == [
        "Weald Carers Trust"
    ]
    unplaced = carers.results.head(1).with_columns(lot=pl.lit(None, pl.String))
    assert carers.award.bid_outcomes(unplaced).item(0, "award") == "not_awarded"
