"""A minimum is met or failed as the award compares figures (comparison.py): the score or the
points and the minimum both to 4 decimal places, the figures every output shows. Before, the
overall quality minimum was compared to 1e-12 of a share: 19.99999992 quality points, shown
as 20.00 everywhere, were disqualified as 'below the overall minimum of 50% (20 points)',
while the same marks under thirds written 33.333333 three times (39.9999996 points to score)
passed and won."""

from __future__ import annotations

import polars as pl
import pytest

from tendereval.scoring import score

from .builders import make_plan, tender
from .test_quality import score_rows

# Price 60, quality 40 in three questions; an overall minimum of half the quality points
# that disqualifies. The third question's weight is left to fill in.
THIRDS = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 60

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 40
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 33.333333
  scale = "five"
  [[criteria.questions]]
  id = "Q2"
  weight_of_parent = 33.333333
  scale = "five"
  [[criteria.questions]]
  id = "Q3"
  weight_of_parent = {third}
  scale = "five"
"""
OVERALL = "[evaluation]\nminimum_quality_share = 0.5\ndisqualify_below_overall_minimum = true\n"


def _row(result, supplier: str) -> dict:
    return result.results.filter(pl.col("supplier") == supplier).row(0, named=True)


@pytest.mark.parametrize("third", ["33.333334", "33.333333"])
def test_the_two_spellings_of_thirds_reach_the_same_decision(third):
    plan = make_plan(OVERALL, THIRDS.format(third=third))
    # Xeno: 3, 3 and a mean of 1.5 (Eve 1, Sam 2). By hand, with Q3 at 33.333334:
    # 40 × 0.33333333 × 3/5 = 7.99999992 twice, 40 × 0.33333334 × 1.5/5 = 4.00000008;
    # 19.99999992 points, 20.0000 to 4 places: not below 20.0000. (With Q3 at 33.333333,
    # 19.9999998: 20.0000 again.)
    marks = [("Xeno", "Q1", 3, 3), ("Xeno", "Q2", 3, 3), ("Xeno", "Q3", 1, 2)]
    marks += [("Yarrow", q, 3, 3) for q in ("Q1", "Q2", "Q3")]
    rows = [
        (e, "", s, q, m) for s, q, *both in marks for e, m in zip(("Eve", "Sam"), both, strict=True)
    ]
    t = tender(
        plan, rates={"Xeno": 20, "Yarrow": 25}, evaluators=("Eve", "Sam"), scores=score_rows(rows)
    )
    result = score(t, sensitivity=False)
    xeno = _row(result, "Xeno")
    assert xeno["quality_score"] == pytest.approx(20, abs=1e-6)
    assert xeno["status"] == "ranked" and xeno["rank"] == 1
    assert xeno["reasons"] == []
    assert result.award.winner("L1") == "Xeno"


def test_the_minimum_in_points_is_the_share_of_the_weight_the_plan_states():
    # The thirds written 33.333333 three times leave 39.9999996 points to score; the
    # minimum is still half of the 40 the plan gives quality: 20 points, not 19.9999998.
    plan = make_plan(OVERALL, THIRDS.format(third="33.333333"))
    assert plan.pillar_weight("quality") == pytest.approx(39.9999996)
    assert plan.stated_pillar_weight("quality") == 40
    assert plan.quality_minimum_points() == 20


# Quality 40 in one question scored 0 to 100: a score s earns 0.4 × s points.
HUNDRED = """
[scales.hundred]
low = 0
high = 100

[[criteria]]
id = "price"
type = "price"
weight_of_total = 60

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 40
  [[criteria.questions]]
  id = "Q1"
  title = "Service"
  weight_of_parent = 100
  scale = "hundred"
{minimum}"""


def _scored(extra: str, minimum: str, marks: dict[str, float]):
    plan = make_plan(extra, HUNDRED.format(minimum=minimum))
    rates = {supplier: 20 + i for i, supplier in enumerate(marks)}
    t = tender(plan, rates=rates, marks={(s, "Q1"): m for s, m in marks.items()})
    return score(t, sensitivity=False)


def test_overall_minimum_either_side_of_the_boundary_by_hand():
    # Short scores 49.99975: 0.4 × 49.99975 = 19.9999 points, below 20.0000 by a
    # ten-thousandth. Level scores 49.9999: 19.99996 points, 20.0000 to 4 places, not below.
    result = _scored(OVERALL, "", {"Short": 49.99975, "Level": 49.9999, "Clear": 60})
    short = _row(result, "Short")
    assert short["status"] == "disqualified"
    assert short["reasons"] == [
        "the quality score 19.9999 of 40 available is below the overall minimum of 50% "
        "(20 points); failing it disqualifies"
    ]
    level = _row(result, "Level")
    assert level["status"] == "ranked" and level["reasons"] == []
    assert _row(result, "Clear")["status"] == "ranked"


def test_a_minimum_that_only_flags_is_compared_the_same_way():
    flag = OVERALL.replace("= true", "= false")
    result = _scored(flag, "", {"Short": 49.99975, "Level": 49.9999})
    flags = result.flags.filter(pl.col("code") == "quality.below_overall_minimum")
    assert flags.get_column("supplier").to_list() == ["Short"]
    assert flags.get_column("message").to_list() == [
        "the quality score 19.9999 of 40 available is below the overall minimum of 50% "
        "(20 points); the plan does not disqualify on it"
    ]


def test_a_questions_minimum_either_side_of_the_boundary_by_hand():
    minimum = "  minimum = 50\n  disqualify_below_minimum = true\n"
    # 49.9999 is below 50.0000; 49.99996 is 50.0000 to 4 places, the minimum met.
    result = _scored("", minimum, {"Short": 49.9999, "Level": 49.99996, "Clear": 50})
    assert _row(result, "Short")["status"] == "disqualified"
    assert _row(result, "Level")["status"] == "ranked"
    assert _row(result, "Clear")["status"] == "ranked"
