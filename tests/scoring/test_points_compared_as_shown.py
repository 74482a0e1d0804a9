"""Points are compared to 4 places as a cell shows them: Excel's 15 significant digits, then a
half away from zero (comparison.points_units), the rule money was already compared by.

Found by a red team working scores out in fractions. Points were compared as their float times
10,000, rounded: a total of exactly 53.28125 (a price score and three evaluators' means) came
to 53.281249999999986 in floats and ranked as 53.2812 below a tender of 53.28131, where the
report's cell, Excel's ROUND and docs/scoring.md ("a total exactly halfway is rounded away from
zero") make it 53.2813, level, for the plan's tie-break to settle; and a mean of 19.99995
against a minimum of 20 disqualified a tender whose reason said it "scored 20.0000"."""

from __future__ import annotations

from fractions import Fraction

import polars as pl
import pytest

from tendereval.comparison import points_units, rounded, rounded_expr
from tendereval.io import frames as F
from tendereval.scoring import score
from tests.scoring.builders import make_plan, tender

EVALUATORS = ("Ann", "Bob", "Cat")

QUALITY_60 = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 60
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 50
  scale = "five"
{minimum}
  [[criteria.questions]]
  id = "Q2"
  weight_of_parent = 50
  scale = "{scale}"
"""


def _scores(marks: dict[str, dict[str, tuple[float, ...]]]) -> pl.DataFrame:
    return F.frame(
        "scores",
        [
            {
                "evaluator": evaluator,
                "group": "",
                "supplier": supplier,
                "lot": "L1",
                "question": question,
                "score": mark,
                "reason": f"{evaluator} on {question}",
                "source": f"scores/{evaluator}.xlsx",
                "cell": "C5",
            }
            for supplier, questions in marks.items()
            for question, given in questions.items()
            for evaluator, mark in zip(EVALUATORS, given, strict=True)
        ],
    )


@pytest.mark.parametrize(
    ("points", "units"),
    [
        (53.281249999999986, 532_813),  # 53.28125 added up in floats
        (91.53125, 915_313),  # a half exactly
        (19.99995, 200_000),
        (19.99994, 199_999),
        (-0.00005, -1),
        (float("inf"), float("inf")),
    ],
)
def test_points_are_counted_as_a_cell_shows_them(points: float, units: float) -> None:
    assert pl.select(points_units(pl.lit(points, pl.Float64))).item() == units
    if units != float("inf"):
        assert rounded(points) == units / 10_000
        assert pl.select(rounded_expr(pl.lit(points, pl.Float64))).item() == units / 10_000


def test_a_total_of_exactly_a_half_is_level_with_one_that_rounds_to_it() -> None:
    """By hand (lowest price ratio, 40 marks; Q1 and Q2 30 points each on 0–5, the mean of
    three evaluators). Ref's £24,003.16 is the lowest price.
    Ash: 40 × 24,003.16 / 25,753.60 = 37.28125 exactly (2,400,316 / 2,575,360 = 0.93203125),
    quality 30 × 4/3 / 5 + 30 × 4/3 / 5 = 16: total 53.28125, 53.2813 to 4 places.
    Birch: 40 × 24,003.16 / 24,442.32 = 39.28131…, quality 30 × 3/3 / 5 + 30 × 4/3 / 5 = 14:
    total 53.28131…, 53.2813. Level: the tie-break (quality first) puts Ash first."""
    plan = make_plan(
        '[ranking]\ntie_break = ["quality", "price"]\n',
        QUALITY_60.format(minimum="", scale="five"),
        volume=1,
    )
    ash = Fraction(40) * Fraction("24003.16") / Fraction("25753.60") + 16
    assert ash == Fraction("53.28125")
    marks = {
        "Ref": {"Q1": (0, 0, 0), "Q2": (0, 0, 0)},
        "Ash": {"Q1": (1, 2, 1), "Q2": (1, 1, 2)},
        "Birch": {"Q1": (1, 1, 1), "Q2": (1, 1, 2)},
    }
    rates = {"Ref": 24_003.16, "Ash": 25_753.60, "Birch": 24_442.32}
    result = score(
        tender(plan, rates=rates, evaluators=EVALUATORS, scores=_scores(marks)),
        sensitivity=False,
    )
    ranked = dict(result.results.select("supplier", "rank").rows())
    assert ranked == {"Ash": 1, "Birch": 2, "Ref": 3}
    assert result.award.winner("L1") == "Ash"
    tied = result.flags.filter(pl.col("code") == "tie.broken")
    assert set(tied["supplier"]) == {"Ash", "Birch"}


def test_a_mean_that_reads_as_the_minimum_meets_it() -> None:
    """Q2 on 0–100, minimum 20, failing it disqualifies; Ash's evaluators gave 19.9999, 20 and
    19.99995: the mean is 59.99985 / 3 = 19.99995, 20.0000 to 4 places, so it meets the
    minimum (the reason had said "scored 20.0000 (mean), below the minimum of 20")."""
    plan = make_plan(
        "\n[scales.pct]\nlow = 0\nhigh = 100\n",
        QUALITY_60.format(minimum="", scale="pct").replace(
            'scale = "pct"', 'scale = "pct"\n  minimum = 20\n  disqualify_below_minimum = true'
        ),
        volume=1,
    )
    marks = {
        "Ash": {"Q1": (3, 3, 3), "Q2": (19.9999, 20, 19.99995)},
        "Birch": {"Q1": (3, 3, 3), "Q2": (30, 30, 30)},
    }
    result = score(
        tender(
            plan,
            rates={"Ash": 20.0, "Birch": 25.0},
            evaluators=EVALUATORS,
            scores=_scores(marks),
        ),
        sensitivity=False,
    )
    ash = result.results.filter(pl.col("supplier") == "Ash").row(0, named=True)
    assert ash["status"] == "ranked", ash["reasons"]
