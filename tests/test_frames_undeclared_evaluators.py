"""An evaluator scoring in a frame with no declaration gets the loader's warning.

Found by the red team (session 40): Tom Okafor's row dropped from ``declarations`` (or the
frame not given at all, as ``from_frames(plan, bids=…, prices=…, scores=…)`` builds it, or
his name written "T. Okafor" in ``scores``) set his 24 scores aside under the plan's
``missing_declaration = "exclude"`` and moved the totals, with no problem; the same score
sheet without its Declaration sheet is the loader's warning ``declaration.missing``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.tender import FRAME_NAMES

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"
TOM = pl.col("evaluator") == "Tom Okafor"


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    return tender.plan, {name: getattr(tender, name) for name in FRAME_NAMES if name != "inputs"}


def _missing(result) -> list:
    return [p for p in result.problems if p.code == "declaration.missing"]


def test_an_evaluator_with_no_declarations_row_is_warned_of(loaded) -> None:
    plan, frames = loaded
    tender = tendereval.Tender.from_frames(
        plan, **{**frames, "declarations": frames["declarations"].filter(~TOM)}
    )
    result = tendereval.score(tender, sensitivity=False)
    [warning] = _missing(result)
    assert not warning.is_error and warning.file == "declarations frame"
    assert "Tom Okafor" in warning.message and "set aside" in warning.message
    # The plan's rule still decides: his scores are set aside, as from the score sheet.
    tom = result.evaluator_scores.filter(TOM)
    assert tom.height and not tom.get_column("counted").any()


def test_an_evaluator_named_otherwise_is_pointed_to_the_declaration(loaded) -> None:
    plan, frames = loaded
    scores = frames["scores"].with_columns(
        pl.when(TOM).then(pl.lit("T. Okafor")).otherwise("evaluator").alias("evaluator")
    )
    result = tendereval.score(
        tendereval.Tender.from_frames(plan, **{**frames, "scores": scores}), sensitivity=False
    )
    [warning] = _missing(result)
    assert "T. Okafor" in warning.message and "'Tom Okafor'" in warning.expected


def test_no_declarations_frame_warns_of_each_evaluator(loaded) -> None:
    plan, frames = loaded
    given = {n: f for n, f in frames.items() if n != "declarations"}
    result = tendereval.score(tendereval.Tender.from_frames(plan, **given), sensitivity=False)
    evaluators = frames["scores"].get_column("evaluator").drop_nulls().unique().to_list()
    warned = _missing(result)
    assert sorted(e for e in evaluators if any(e in p.message for p in warned)) == sorted(
        evaluators
    )
    assert len(warned) == len(evaluators)
    assert all(p.found == "no declarations frame" for p in warned)


def test_under_flag_the_warning_says_the_scores_count(loaded) -> None:
    plan, frames = loaded
    flagging = dataclasses.replace(
        plan, evaluation=dataclasses.replace(plan.evaluation, missing_declaration="flag")
    )
    tender = tendereval.Tender.from_frames(
        flagging, **{**frames, "declarations": frames["declarations"].filter(~TOM)}
    )
    [warning] = _missing(tendereval.score(tender, sensitivity=False))
    assert "count, flagged" in warning.message


def test_every_evaluator_declared_gives_no_warning(loaded) -> None:
    plan, frames = loaded
    result = tendereval.score(tendereval.Tender.from_frames(plan, **frames), sensitivity=False)
    assert not _missing(result)
