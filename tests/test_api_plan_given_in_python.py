"""A plan made or changed in Python is checked by the plan loader's own checks when scored.

Found by the red team (session 40): python.md's ``dataclasses.replace(tender.plan, …)`` with a
slip was never checked: a close-call margin of None or "2", contract years of 2.5 or 0 and a
tie-break of ("Quality", "price") failed inside scoring with a raw TypeError, ComputeError or
KeyError; a price weight of 50 (110 in all) or -10 was scored without a word, and a margin of
-1 made the close-call flag disappear. The plan file refuses each.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.plan import PLAN_IN_PYTHON, given_in_python

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"


@pytest.fixture(scope="module")
def plan() -> tendereval.Plan:
    return tendereval.load_tender(CARERS).plan


def _weighted(plan, **weights):
    return tuple(
        dataclasses.replace(c, effective_weight=weights[c.id]) if c.id in weights else c
        for c in plan.criteria
    )


CASES = {
    "margin None": ({"close_call_margin": None}, "ranking.close_call_margin"),
    "margin text": ({"close_call_margin": "2"}, "ranking.close_call_margin"),
    "margin below 0": ({"close_call_margin": -1.0}, "ranking.close_call_margin"),
    "years 2.5": ({"contract_years": 2.5}, "tender.contract_years"),
    "years 0": ({"contract_years": 0}, "tender.contract_years"),
    "tie-break in capitals": ({"tie_break": ("Quality", "price")}, "ranking.tie_break"),
    "tie-break as text": ({"tie_break": "quality"}, "ranking.tie_break"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_slip_in_a_plan_changed_in_python_is_a_plan_error_naming_the_field(plan, case) -> None:
    change, field = CASES[case]
    tender = tendereval.load_tender(CARERS)
    tender.plan = dataclasses.replace(plan, **change)
    with pytest.raises(tendereval.PlanError) as raised:
        tendereval.score(tender, sensitivity=False)
    assert [(p.file, p.cell) for p in raised.value.problems] == [(PLAN_IN_PYTHON, field)]


def test_weights_not_adding_up_to_100_are_refused(plan) -> None:
    # price 40 -> 50, quality 40 and social value 20 kept: 50 + 40 + 20 = 110.
    tender = tendereval.load_tender(CARERS)
    tender.plan = dataclasses.replace(plan, criteria=_weighted(plan, price=50))
    with pytest.raises(tendereval.PlanError) as raised:
        tendereval.score(tender, sensitivity=False)
    [problem] = raised.value.problems
    assert problem.code == "plan.weights_total" and problem.found == "110"


def test_a_weight_below_0_is_refused_though_the_total_is_100(plan) -> None:
    prices = [c for c in plan.criteria if c.id == "price"]
    assert prices and prices[0].effective_weight == 40
    # price -10, and quality 40 + 70: -10 + 90 + 20 = 100 — the total alone would pass.
    others = {c.id: c.effective_weight for c in plan.criteria}
    quality = next(i for i in others if i not in ("price",) and others[i] == 40)
    criteria = _weighted(plan, price=-10, **{quality: 90})
    problems = given_in_python(dataclasses.replace(plan, criteria=criteria))
    codes = [p.code for p in problems if p.is_error]
    assert "plan.weight_range" in codes and "plan.weights_total" not in codes


def test_a_sound_change_scores(plan) -> None:
    tender = tendereval.load_tender(CARERS)
    tender.plan = dataclasses.replace(plan, close_call_margin=2.0, tie_break=("price",))
    result = tendereval.score(tender, sensitivity=False)
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert given_in_python(plan) == []


@settings(max_examples=25, deadline=None)
@given(weights=st.lists(st.integers(0, 100), min_size=3, max_size=3))
def test_top_weights_are_refused_exactly_when_they_do_not_add_up(plan, weights) -> None:
    criteria = tuple(
        dataclasses.replace(c, effective_weight=float(w))
        for c, w in zip(plan.criteria, weights, strict=True)
    )
    codes = {p.code for p in given_in_python(dataclasses.replace(plan, criteria=criteria))}
    assert ("plan.weights_total" in codes) == (sum(weights) != 100)


def test_from_frames_without_a_plan_says_load_plan_could_not_read_it(tmp_path) -> None:
    """load_plan gives None for a plan it cannot read; passed on, the tender was accepted and
    scoring said "the evaluation plan cannot be used" with no problem saying why."""
    (tmp_path / "tender.toml").write_text('[tender]\nid = "X"\n', encoding="utf-8")
    plan, problems = tendereval.load_plan(tmp_path)
    assert plan is None and problems
    with pytest.raises(tendereval.UsageError, match="load_plan could not read the plan"):
        tendereval.Tender.from_frames(plan, bids=pl.DataFrame({"supplier": ["A"], "lot": ["L"]}))
    # A folder whose plan cannot be read still loads, its problems saying why.
    tender = tendereval.load_tender(tmp_path)
    assert tender.plan is None and tender.errors
