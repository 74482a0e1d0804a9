"""A tender built from frames around a plan read from a tender folder is held, as with folder=.

Found by the red team (session 40): ``Tender.from_frames(tender.plan, **frames)`` with an
edited score and no ``folder=`` was ready: summaries marked ready, and an award notice for the
plan's tender id (CSB-2026-01) naming Brightwater, under the approved plan's SHA-256, where the
folder itself awards Weald Carers Trust. The same frames with ``folder=`` were held.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.tender import FRAME_NAMES

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"
BRIGHTWATER_Q1 = (pl.col("supplier") == "Brightwater Care Services Ltd") & (
    pl.col("question") == "Q1"
)


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    return tender.plan, {name: getattr(tender, name) for name in FRAME_NAMES if name != "inputs"}


def test_frames_around_the_folders_plan_with_no_folder_are_held(loaded) -> None:
    plan, frames = loaded
    edited = frames["scores"].with_columns(
        pl.when(BRIGHTWATER_Q1).then(5.0).otherwise("score").alias("score")
    )
    tender = tendereval.Tender.from_frames(plan, **{**frames, "scores": edited})
    result = tendereval.score(tender, sensitivity=False)
    assert result.award.winner("CSB") == "Brightwater Care Services Ltd"  # explored
    [held] = [p for p in result.problems if p.code == "tender.changed_in_python"]
    assert held.is_error and "tender.toml" in held.message and "from_frames" in held.message
    assert not result.award.summaries_ready and result.award.award_blockers


def test_frames_around_a_plan_made_in_python_are_not_held(loaded) -> None:
    """A plan no file records (changed with dataclasses.replace) claims no folder's award."""
    plan, frames = loaded
    own = dataclasses.replace(plan)
    assert own.fingerprint is None
    result = tendereval.score(tendereval.Tender.from_frames(own, **frames), sensitivity=False)
    assert not [p for p in result.problems if p.code == "tender.changed_in_python"]
    assert result.award.winner("CSB") == "Weald Carers Trust"


def test_the_loaded_tender_and_its_copy_with_its_inputs_are_not_held(loaded) -> None:
    tender = tendereval.load_tender(CARERS)
    same = tendereval.Tender.from_frames(
        tender.plan, inputs=tender.inputs, **{n: getattr(tender, n) for n in FRAME_NAMES[:-1]}
    )
    for each in (tender, same):
        result = tendereval.score(each, sensitivity=False)
        assert not [p for p in result.problems if p.code == "tender.changed_in_python"]
