"""A tender built from frames reaches the decision the same data reaches from files.

Found by the red team (docs/python.md: "Scoring keeps the loaders' rules for the values in a
frame, as for a cell of a workbook"): a measure id in lower case counted for nothing and
changed the winner, a bid made invalid by a blank unit rate passed the award to the runner-up
with no error, a tender of frames without its proxy value table valued every commitment at £0,
and NaN in a suppliers frame's ``sme`` made a supplier an SME. Each now reaches what the files
reach, or is refused with a UsageError or a problem naming the frame, column and row.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.tender import FRAME_NAMES

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
WEALD = pl.col("supplier") == "Weald Carers Trust"


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    assert not tender.errors
    return tender.plan, {name: getattr(tender, name) for name in FRAME_NAMES if name != "inputs"}


def _scored(plan, frames, **changed: pl.DataFrame):
    tender = tendereval.Tender.from_frames(plan, **{**frames, **changed})
    return tendereval.score(tender, sensitivity=False)


def _errors(result) -> list:
    return [p for p in result.problems if p.is_error]


@pytest.mark.parametrize("spelt", [str.lower, lambda m: f" {m.lower()}  "])
def test_a_measure_in_other_capitals_or_spacing_is_the_tables_measure(loaded, spelt) -> None:
    plan, frames = loaded
    commitments = frames["commitments"].with_columns(
        pl.when(WEALD)
        .then(pl.col("measure").map_elements(spelt, return_dtype=pl.String))
        .otherwise("measure")
        .alias("measure")
    )
    result = _scored(plan, frames, commitments=commitments)
    weald = result.social_value.filter(WEALD).sort("measure")
    assert weald.select("measure", "amount").rows() == [
        ("SV-JOB-LOCAL", 3 * 32_500.0),
        ("SV-SPEND-VCSE", 180_000 * 0.25),
        ("SV-TRAIN", 400 * 18.0),
        ("SV-VOL", 1_200 * 17.0),
    ]
    # 97,500 + 45,000 + 7,200 + 20,400: as from the bid return, and the same winner.
    amount = result.results.filter(WEALD).item(0, "social_value_amount")
    assert amount == pytest.approx(170_100.0)
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert not result.flags.filter(pl.col("code") == "social_value.no_proxy").height
