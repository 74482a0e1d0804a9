"""A plan's mappings cannot be edited in place (red team, the library as a notebook uses it).
``tender.plan.scales["five_point"] = Scale(...)`` edited the dict inside the frozen plan: the
tender was scored on a 0-10 scale as the approved plan (another winner, nothing changed as far
as ``changed_since_read`` or ``changed_since_scored`` could tell, the summaries and the award
notice sent naming the plan file's SHA-256), and ``result.plan.raw`` edited in place was listed
in the Audit sheet beside that SHA-256. Both are refused now, saying how to try another plan."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

import tendereval
from tendereval.plan import Scale
from tests.example_copies import EXAMPLES

CARERS = EXAMPLES / "carers-short-breaks"
TEN_POINTS = Scale("five_point", 0, 10, tuple(float(i) for i in range(11)))


def test_a_tenders_plan_cannot_be_edited_in_place() -> None:
    tender = tendereval.load_tender(CARERS)
    with pytest.raises(tendereval.UsageError, match="cannot be changed in place"):
        tender.plan.scales["five_point"] = TEN_POINTS
    with pytest.raises(tendereval.UsageError, match=r"dataclasses\.replace"):
        tender.plan.scales.update(five_point=TEN_POINTS)
    assert tender.plan.scales["five_point"].high == 5
    result = tendereval.score(tender, sensitivity=False)
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert result.award.summaries_ready


def test_a_results_plan_and_what_it_was_read_from_cannot_be_edited_in_place() -> None:
    result = tendereval.score(CARERS, sensitivity=False)
    with pytest.raises(tendereval.UsageError):
        result.plan.scales["five_point"] = TEN_POINTS
    with pytest.raises(tendereval.UsageError):
        result.plan.raw["price"]["method"] = "EDITED"
    with pytest.raises(tendereval.UsageError):
        del result.plan.raw["lots"][0]
    with pytest.raises(tendereval.UsageError):
        result.plan.raw["lots"].append({"id": "L9"})
    assert result.plan.raw["price"]["method"] != "EDITED"
    assert result.changed_since_scored() == []
    assert result.award.summaries_ready


def test_another_plan_is_still_tried_as_the_docs_say() -> None:
    """A plan made with dataclasses.replace is another plan: scored, and held as not the
    folder's (plan.not_the_folders); its own mappings are read-only too."""
    tender = tendereval.load_tender(CARERS)
    tender.plan = dataclasses.replace(
        tender.plan, scales={**tender.plan.scales, "five_point": TEN_POINTS}
    )
    with pytest.raises(tendereval.UsageError):
        tender.plan.scales["five_point"] = Scale("five_point", 0, 5, (0.0, 5.0))
    result = tendereval.score(tender, sensitivity=False)
    assert result.plan_identity == ""
    assert not result.award.summaries_ready


def test_a_plan_still_pickles_copies_and_reads_as_a_dict() -> None:
    plan = tendereval.load_tender(CARERS).plan
    for copied in (pickle.loads(pickle.dumps(plan)), copy.deepcopy(plan)):
        assert copied == plan
        assert copied.raw == plan.raw
        with pytest.raises(tendereval.UsageError):
            copied.scales["five_point"] = TEN_POINTS
    assert isinstance(plan.raw, dict) and isinstance(plan.raw["lots"], list)
    mine = dict(plan.scales)  # a copy of one's own is an ordinary dict
    mine["five_point"] = TEN_POINTS
    assert plan.scales["five_point"].high == 5
