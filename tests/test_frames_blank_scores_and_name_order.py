"""Frames handed in keep two more of the loaders' rules: a reason beside a blank score, and a
declaration naming its evaluator with the words in another order.

``Tender.from_frames`` (and ``tender.scores = …``) scored without a word what the loaders
refuse or put right:

* Tom Okafor's reason for Weald's Q1 kept beside a score left blank is the loaders' error
  (``score.missing``): Weald was scored on the other evaluators' scores alone and the award
  made, where a score of 2 from Tom gives it to Brightwater. So for the panel's consensus
  reason (or only who moderated the row) beside a blank consensus score
  (``moderation.no_score``).
* A declaration naming "Okafor, Tom" where the scores name "Tom Okafor" is his (the
  consolidated form's rule, with its warning ``declaration.name_order``): under
  ``missing_declaration = "exclude"`` his scores were left out as undeclared.

Each rule is the loaders' own code (io/score_rules), not a copy.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval.award.recorded import Decisions, RecordedWithdrawal
from tendereval.tender import FRAME_NAMES
from tests.example_copies import example_copy

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
WEALD, MERIDIAN, HOP_GARDEN = (
    "Weald Carers Trust",
    "Meridian Care Group plc",
    "Hop Garden Respite CIC",
)
TOMS = pl.col("evaluator") == "Tom Okafor"
TOMS_WEALD_Q1 = TOMS & (pl.col("supplier") == WEALD) & (pl.col("question") == "Q1")


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    assert not tender.errors
    return tender.plan, {name: getattr(tender, name) for name in FRAME_NAMES}


def _scored(plan, frames, decisions=None, **changed: pl.DataFrame):
    tender = tendereval.Tender.from_frames(plan, decisions=decisions, **{**frames, **changed})
    return tendereval.score(tender, sensitivity=False)


def _coded(result, code: str) -> list:
    return [p for p in result.problems if p.code == code]


def _blanked(scores: pl.DataFrame, rows: pl.Expr, *, placed: bool = True) -> pl.DataFrame:
    """``scores`` with the score of each of ``rows`` blank, its reason kept; with ``placed``
    False, as a frame built by hand (no file or cell)."""
    blank = scores.with_columns(pl.when(rows).then(None).otherwise("score").alias("score"))
    return blank if placed else blank.with_columns(source=None, cell=None)


def test_an_evaluators_reason_beside_a_blank_score_is_the_loaders_error(loaded, tmp_path):
    plan, frames = loaded
    result = _scored(plan, frames, scores=_blanked(frames["scores"], TOMS_WEALD_Q1))
    (problem,) = _coded(result, "score.missing")
    # As the loader gives it, at the same place.
    folder = example_copy(tmp_path)
    path = folder / "scores" / "tom-okafor.xlsx"
    book = openpyxl.load_workbook(path)
    book["Scores"]["F5"] = None
    book.save(path)
    (read,) = _coded(tendereval.load_tender(folder), "score.missing")
    assert (problem.where, problem.message, problem.expected, problem.is_error) == (
        read.where,
        read.message,
        read.expected,
        True,
    )
    assert problem.where == "scores/tom-okafor.xlsx › Scores › F5"
    assert result.award.input_errors == 1


def test_a_frame_built_by_hand_names_the_row(loaded):
    plan, frames = loaded
    scores = _blanked(frames["scores"], TOMS_WEALD_Q1, placed=False)
    at = scores.with_row_index("n", offset=1).filter(TOMS_WEALD_Q1).item(0, "n")
    (problem,) = _coded(_scored(plan, frames, scores=scores), "score.missing")
    assert problem.where == f"scores frame › row {at}"


def test_a_row_left_for_a_declared_conflict_is_listed_with_why(loaded):
    """Tom declared a conflict with Meridian and wrote why beside each of its blank rows:
    nothing to put right, and the listing says why (as the loader lists it)."""
    plan, frames = loaded
    declarations = frames["declarations"].with_columns(
        pl.when(TOMS).then(pl.lit("declared")).otherwise("conflict").alias("conflict"),
        pl.when(TOMS)
        .then(pl.lit([MERIDIAN]))
        .otherwise("conflicted_suppliers")
        .alias("conflicted_suppliers"),
    )
    meridian = TOMS & (pl.col("supplier") == MERIDIAN)
    scores = _blanked(frames["scores"], meridian).with_columns(
        pl.when(meridian)
        .then(pl.lit("Not scored: conflict of interest declared"))
        .otherwise("reason")
        .alias("reason")
    )
    result = _scored(plan, frames, declarations=declarations, scores=scores)
    assert _coded(result, "score.missing") == []
    listed = result.evaluator_scores.filter(meridian)
    assert set(listed.get_column("excluded_because").to_list()) == {
        f"not scored: Tom Okafor declared a conflict of interest with {MERIDIAN}"
    }


def test_a_reason_beside_a_blank_score_of_a_tender_withdrawn_is_a_warning(loaded):
    plan, frames = loaded
    decisions = Decisions(
        withdrawals=(RecordedWithdrawal(supplier=HOP_GARDEN, withdrawn_on="2026-03-03"),)
    )
    hop = TOMS & (pl.col("supplier") == HOP_GARDEN) & (pl.col("question") == "Q1")
    result = _scored(plan, frames, decisions, scores=_blanked(frames["scores"], hop))
    (problem,) = _coded(result, "score.missing")
    assert not problem.is_error
    assert problem.message.startswith(f"a reason with no score, for {HOP_GARDEN}'s tender, ")
    assert result.award.input_errors == 0


WEALD_Q1 = (pl.col("supplier") == WEALD) & (pl.col("question") == "Q1")


def _consensus_row(moderation: pl.DataFrame, **values) -> pl.DataFrame:
    """``moderation`` with a row for Weald's Q1, no consensus score, and ``values``."""
    row = {"supplier": WEALD, "lot": "CSB", "question": "Q1", "score": None, **values}
    return pl.concat([moderation, pl.DataFrame([row])], how="diagonal_relaxed")


@pytest.mark.parametrize(
    ("values", "begins"),
    [
        ({"reason": "Agreed 3: no committed response time."}, "the panel's consensus reason"),
        ({"moderator": "Priya Shah (chair)"}, "who moderated the row is there"),
    ],
)
def test_a_consensus_row_with_no_score_is_the_loaders_error(loaded, values, begins):
    plan, frames = loaded
    moderation = _consensus_row(frames["moderation"], **values)
    result = _scored(plan, frames, moderation=moderation)
    (problem,) = _coded(result, "moderation.no_score")
    assert problem.message.startswith(begins)
    assert problem.is_error
    assert problem.where == f"moderation frame › row {moderation.height}"
    assert result.award.input_errors == 1


def test_a_loaded_consensus_with_no_reason_is_not_said_to_have_no_score(tmp_path):
    """The loader keeps a consensus with no reason with no score (it is not used): its error
    is the loader's (moderation.no_reason), and the row is not a consensus left blank."""
    folder = example_copy(tmp_path)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    book["Moderation"]["E9"] = None  # Hop Garden's Q1: 3, agreed by Priya Shah (chair)
    book.save(path)
    result = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in result.problems if p.is_error] == ["moderation.no_reason"]


def test_a_declaration_naming_the_evaluator_surname_first_is_theirs(loaded):
    plan, frames = loaded
    declarations = frames["declarations"].with_columns(
        pl.when(TOMS).then(pl.lit("Okafor, Tom")).otherwise("evaluator").alias("evaluator")
    )
    result = _scored(plan, frames, declarations=declarations)
    (warning,) = _coded(result, "declaration.name_order")
    assert not warning.is_error
    assert warning.message == (
        "read as the declaration of Tom Okafor, as the scores name them (scores/tom-okafor.xlsx "
        "› Scores › F5): the two are one person's name written another way (in another "
        "order, or with a title or letters after it), and the scores count under this "
        "declaration's name"
    )
    assert warning.file == "scores/tom-okafor.xlsx"
    # His scores count, under the declaration's name, and the result is the example's.
    counted = result.evaluator_scores.filter(pl.col("evaluator") == "Okafor, Tom")
    assert counted.height and counted.get_column("counted").all()
    example = _scored(plan, frames)
    assert result.results.select("supplier", "total").equals(
        example.results.select("supplier", "total")
    )
