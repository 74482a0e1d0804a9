"""Unusual but valid plans, and slips in them, found by the red team: a threshold published
and never applied, a pass/fail gate told to remove itself, a scale's low/high ignored, errors
that follow from one already given, float noise in a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tendereval.plan import load_plan
from tests.example_copies import example_copy
from tests.plan_helpers import write_plan


def _errors(problems: list) -> list:
    return [p for p in problems if p.is_error]


NO_QUALITY = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 70

[[criteria]]
id = "sv"
type = "social_value"
weight_of_total = 30

  [[criteria.questions]]
  id = "SV1"
  weight_of_parent = 100
  scale = "five"
"""

THRESHOLD = "[evaluation]\nminimum_quality_share = 0.5\ndisqualify_below_overall_minimum = {}\n"


@pytest.mark.parametrize("disqualify", ["true", "false"])
def test_an_overall_quality_minimum_without_quality_points_is_refused(
    tmp_path: Path, disqualify: str
) -> None:
    """Price 70 and social value 30: scoring skips the threshold (no quality points to take a
    share of), yet validate found no problems and the notice said 'A bid scoring below 50% of
    the quality marks available is disqualified'."""
    plan, problems = load_plan(write_plan(tmp_path, NO_QUALITY, THRESHOLD.format(disqualify)))
    assert plan is None
    (problem,) = _errors(problems)
    assert problem.code == "plan.minimum_without_quality"
    assert problem.cell == "evaluation.minimum_quality_share"
    assert problem.found == "minimum_quality_share = 0.5, with 0 quality points"


def test_an_overall_quality_minimum_with_quality_points_is_accepted(tmp_path: Path) -> None:
    criteria = NO_QUALITY.replace('type = "social_value"', 'type = "quality"')
    plan, problems = load_plan(write_plan(tmp_path, criteria, THRESHOLD.format("true")))
    assert plan is not None and not _errors(problems)


GATE = """
[scales.passfail]
values = [0, 1]
descriptors = {{ "0" = "Fail", "1" = "Pass" }}

[[criteria]]
id = "price"
type = "price"
weight_of_total = 50

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 50

  [[criteria.questions]]
  id = "G1"
  title = "CQC registration and insurance (pass/fail)"
  weight_of_parent = 0
  scale = "passfail"
  {minimum}

  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"
"""


def test_a_weight_0_pass_fail_gate_is_not_told_to_remove_itself(tmp_path: Path) -> None:
    """It disqualifies a bid that fails it; 'or remove the criterion' would drop the gate."""
    minimum = "minimum = 1\n  disqualify_below_minimum = true"
    plan, problems = load_plan(write_plan(tmp_path, GATE.format(minimum=minimum)))
    assert plan is not None
    assert [p for p in problems if p.code == "plan.zero_weight"] == []


@pytest.mark.parametrize(
    "minimum", ["", "minimum = 1\n  disqualify_below_minimum = false"], ids=["none", "flags"]
)
def test_a_weight_0_question_that_disqualifies_nobody_is_still_warned(
    tmp_path: Path, minimum: str
) -> None:
    plan, problems = load_plan(write_plan(tmp_path, GATE.format(minimum=minimum)))
    assert plan is not None
    (problem,) = [p for p in problems if p.code == "plan.zero_weight"]
    assert problem.cell == "criteria[1].questions[0]"


def _carers_with(tmp_path: Path, old: str, new: str) -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_scale_with_values_and_low_high_is_refused(tmp_path: Path) -> None:
    """low = 1 beside values = [0 … 5] was ignored: a 1 earned a fifth of the points, where
    the officer meant it to earn none."""
    values = "values = [0, 1, 2, 3, 4, 5]\n"
    folder = _carers_with(tmp_path, values, values + "low = 1\nhigh = 5\n")
    plan, problems = load_plan(folder)
    assert plan is None
    (problem,) = _errors(problems)  # the questions on it are not told it is not defined
    assert problem.code == "plan.scale" and problem.cell == "scales.five_point"
    assert problem.message == (
        "a scale gives values, low and high: scoring reads values and would ignore low and high"
    )
    assert problem.found == "'values = [0, 1, 2, 3, 4, 5]; low = 1; high = 5'"


def test_a_question_on_a_refused_scale_is_not_told_it_is_undefined(tmp_path: Path) -> None:
    """values = [5]: the scale's own error, then 'uses a scale that is not defined (found
    'five_point')' for every question, though [scales.five_point] is right there."""
    folder = _carers_with(tmp_path, "values = [0, 1, 2, 3, 4, 5]\n", "values = [5]\n")
    plan, problems = load_plan(folder)
    assert plan is None
    assert [p.code for p in _errors(problems)] == ["plan.scale"]
    assert "plan.scale_unknown" not in {p.code for p in problems}


def test_a_price_weight_under_the_wrong_key_gives_one_error(tmp_path: Path) -> None:
    """weight_of_parent = 40 on price: after the right error, 'the plan needs exactly one
    price criterion (found 0)' and 'do not add up to 100 (found 60)', both contradicting the
    file the officer has in front of them."""
    folder = _carers_with(tmp_path, "weight_of_total = 40", "weight_of_parent = 40")
    plan, problems = load_plan(folder)
    assert plan is None
    (problem,) = _errors(problems)
    assert problem.cell == "criteria[0].weight_of_parent"
    assert problem.code == "plan.weight_basis"


def test_two_price_criteria_are_still_refused(tmp_path: Path) -> None:
    criteria = NO_QUALITY.replace('type = "social_value"', 'type = "price"')
    criteria = criteria.split("  [[criteria.questions]]")[0]
    plan, problems = load_plan(write_plan(tmp_path, criteria))
    assert plan is None
    (problem,) = [p for p in problems if p.code == "plan.price_criterion"]
    assert problem.found == "2"


def test_a_question_refused_leaves_its_siblings_sum_unchecked(tmp_path: Path) -> None:
    """A question with neither weight key: its own error, not 'the weights under quality do
    not add up (found 40)' as well."""
    criteria = NO_QUALITY.replace('type = "social_value"', 'type = "quality"').replace(
        "  weight_of_parent = 100\n", ""
    )
    criteria += '\n  [[criteria.questions]]\n  id = "SV2"\n  weight_of_parent = 40\n'
    criteria += '  scale = "five"\n'
    plan, problems = load_plan(write_plan(tmp_path, criteria))
    assert plan is None
    assert [p.code for p in _errors(problems)] == ["plan.weight_missing"]


@pytest.mark.parametrize(
    ("old", "new", "cell"),
    [
        ("weight_of_total = 40", "weight_of_total = 40.01", "criteria"),
        ("  weight_of_parent = 35 ", "  weight_of_parent = 35.01", "criteria[1].questions"),
    ],
)
def test_a_rounded_weight_gap_is_shown_rounded(tmp_path: Path, old, new, cell) -> None:
    """100.01 is 0.01 over 100; the sum of floats made it '0.00999999999999 over 100'."""
    plan, problems = load_plan(_carers_with(tmp_path, old, new))
    assert plan is None
    (problem,) = _errors(problems)
    assert problem.cell == cell
    assert "; they look rounded (0.01 over 100): " in problem.expected
