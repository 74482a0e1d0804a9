"""A tender changed in Python after its files were read is explored, not awarded.

Found by following docs/python.md's "Trying a change": with one evaluator's score raised in
the scores frame, the winner changed, and the award was ready to go out, its summaries and
notice naming the files by their SHA-256 as if they had given these results. Clearing the
problems found in the files made an award with input errors ready too.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

import tendereval
from tendereval.award.recorded import Decisions, Standstill
from tests.example_copies import example_copy, example_with

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"
Q1_OF_BRIGHTWATER = (pl.col("supplier") == "Brightwater Care Services Ltd") & (
    pl.col("question") == "Q1"
)


def _changed(result) -> list[tendereval.Problem]:
    return [p for p in result.problems if p.code == "tender.changed_in_python"]


def test_a_tender_as_read_is_ready_and_says_nothing():
    tender = tendereval.load_tender(CARERS)
    tender.scores = tender.scores  # set again, unchanged
    result = tendereval.score(dataclasses.replace(tender), sensitivity=False)
    assert not _changed(result) and result.award.summaries_ready


def test_a_score_changed_in_the_frame_is_explored_but_not_awarded(tmp_path):
    tender = tendereval.load_tender(example_copy(tmp_path))
    assert tendereval.score(tender, sensitivity=False).award.winner("CSB") == "Weald Carers Trust"
    tender.scores = tender.scores.with_columns(
        score=pl.when(Q1_OF_BRIGHTWATER).then(5.0).otherwise("score")
    )
    result = tendereval.score(tender, sensitivity=False)
    assert result.award.winner("CSB") == "Brightwater Care Services Ltd"  # explored
    (problem,) = _changed(result)
    assert problem.is_error and problem.found == "scores"
    assert problem.message == (
        "the scores frame of the tender was changed in Python after it was read from its "
        "files, so the results are not those of the files the audit trail lists"
    )
    assert not result.award.summaries_ready  # not awarded
    # Said beside the proposed award, and first of what stops the summaries: no bid is
    # invalid for it, nor is the plan in error.
    assert result.award.held_back == (
        "not to be made: these results come from a tender or a result changed in Python, "
        "for exploring only"
    )
    assert result.award.blockers == [
        "The scores frame of the tender was changed in Python after it was read from its "
        "files, so the results are not those of the files the audit trail lists: to award on "
        "a change, make it in the files (a corrected bid return, score sheet or "
        "decisions.toml) and score the folder again."
    ]
    from tendereval.scoring.output import render

    assert f"! The award is {result.award.held_back}." in render(result)
    assert not tendereval.summaries(result, tmp_path / "summaries").ready
    published = tendereval.publish(result, tmp_path / "award.json", ocid_prefix="ocds-b5fd17")
    assert not published.written


def test_an_edit_in_place_and_a_copy_are_found_too():
    tender = tendereval.load_tender(CARERS)
    tender.prices[0, "unit_rate"] = 1.0
    copied = dataclasses.replace(tender)
    assert tender.changed_since_read() == copied.changed_since_read() == ["prices"]
    frames = {name: getattr(tender, name) for name in ("bids", "prices", "scores", "inputs")}
    of_frames = tendereval.Tender.from_frames(tender.plan, **frames)
    # Listing the files, a tender of frames is held to what they gave (its other frames are
    # left empty, so they differ too).
    assert "prices" in of_frames.changed_since_read()


def test_problems_cleared_and_decisions_replaced_are_changes(tmp_path):
    folder = example_with(
        tmp_path, "carers-short-breaks", "scores/helen-marsh.xlsx", "Scores!F6", "four"
    )
    tender = tendereval.load_tender(folder)
    assert any(p.is_error for p in tender.problems)
    tender.problems = []
    tender.decisions = Decisions(standstill=Standstill(), source="decisions.toml")
    assert tender.changed_since_read() == ["problems", "decisions"]
    result = tendereval.score(tender, sensitivity=False)
    (problem,) = _changed(result)
    assert problem.message.startswith(
        "the problems and the decisions of the tender were changed in Python"
    )
    assert not result.award.summaries_ready


def test_a_result_edited_after_scoring_is_not_awarded(tmp_path):
    """A total typed over in ``result.results`` (in place), or an error deleted from
    ``result.problems``: the summaries would have gone out with figures no file gave."""
    result = tendereval.score(CARERS, sensitivity=False)
    assert result.changed_since_scored() == [] and result.award.summaries_ready
    result.results[0, "total"] = 99.0
    assert result.changed_since_scored() == ["results"]
    assert not result.award.summaries_ready
    assert result.award.blockers[0] == (
        "The results of the scored tender were changed in Python after scoring, so they are "
        "not what the files give: to award on a change, make it in the files and score the "
        "folder again."
    )
    folder = example_with(
        tmp_path, "carers-short-breaks", "scores/helen-marsh.xlsx", "Scores!F6", "four"
    )
    flawed = tendereval.score(folder, sensitivity=False)
    assert not flawed.award.summaries_ready
    flawed.problems = [p for p in flawed.problems if not p.is_error]
    assert flawed.changed_since_scored() == ["problems"]
    assert not flawed.award.summaries_ready


def test_a_tender_is_held_to_its_files_however_many_are_read_after_it():
    """What the files gave is kept on the tender itself: before, only the last eight tenders
    read were remembered, and an edit to the first of nine read in a notebook went unseen. Its
    list of files (the inputs frame) is held to them too."""
    tender = tendereval.load_tender(CARERS)
    for n in range(20):  # twenty other tenders read after it, each listing other files
        inputs = tender.inputs.with_columns(path=pl.lit(f"other-{n}.xlsx"))
        tendereval.Tender.from_frames(tender.plan, inputs=inputs)._remember_as_read()
    tender.scores = tender.scores.with_columns(
        score=pl.when(Q1_OF_BRIGHTWATER).then(5.0).otherwise("score")
    )
    assert tender.changed_since_read() == ["scores"]
    assert not tendereval.score(tender, sensitivity=False).award.summaries_ready
    tender.inputs = tender.inputs.head(1)
    assert tender.changed_since_read() == ["scores", "inputs"]


def test_a_copy_is_held_to_its_files_however_many_are_read_after_it_and_whatever_it_lists():
    """A copy made with ``dataclasses.replace`` was found only by the files it lists, among
    the last eight tenders read: one made after a notebook had read eight others, or given
    another list of files, was scored ready to award on the edited scores."""
    tender = tendereval.load_tender(CARERS)
    for n in range(20):  # more than the eight tenders remembered by their files
        inputs = tender.inputs.with_columns(path=pl.lit(f"other-{n}.xlsx"))
        tendereval.Tender.from_frames(tender.plan, inputs=inputs)._remember_as_read()
    edited = tender.scores.with_columns(
        score=pl.when(Q1_OF_BRIGHTWATER).then(5.0).otherwise("score")
    )
    copy = dataclasses.replace(tender, scores=edited)
    assert copy.changed_since_read() == ["scores"]
    result = tendereval.score(copy, sensitivity=False)
    assert result.award.winner("CSB") == "Brightwater Care Services Ltd"  # explored
    assert not result.award.summaries_ready
    unlisted = dataclasses.replace(copy, inputs=copy.inputs.filter(pl.col("kind") != "scores"))
    assert unlisted.changed_since_read() == ["scores", "inputs"]
