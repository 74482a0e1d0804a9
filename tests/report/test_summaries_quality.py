"""What an assessment summary tells a bidder about its quality scores: how the evaluators'
scores and the evaluator groups' shares make a question's score, worked on the carers example
(its Carers' Reference Group panel carries 25% of Q1 and Q3)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.io.keys import slug
from tendereval.report.summaries import SUMMARY_SUFFIX, write_summaries
from tests.example_copies import example_copy

WEALD = "Weald Carers Trust"


def _summary(result, supplier: str, folder: Path) -> openpyxl.Workbook:
    """``supplier``'s assessment summary, written and read back as the bidder reads it."""
    write_summaries(result, folder)
    return openpyxl.load_workbook(folder / f"{slug(supplier)}{SUMMARY_SUFFIX}")


def _text(book: openpyxl.Workbook, sheet: str) -> str:
    return " ".join(str(v) for row in book[sheet].iter_rows(values_only=True) for v in row if v)


@pytest.fixture(scope="module")
def two_groups_on_q1(tmp_path_factory: pytest.TempPathFactory):
    """The carers example with a Young carers' panel given 30% of Q1 too."""
    folder = example_copy(tmp_path_factory.mktemp("two-groups"))
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        + '\n[[evaluation.groups]]\nid = "young_carers"\nname = "Young carers\' panel"\n'
        'share = 30\nquestions = ["Q1"]\n',
        encoding="utf-8",
    )
    return tendereval.score(folder, sensitivity=False)


def test_two_groups_on_one_question_leave_the_other_evaluators_what_is_left_of_both(
    two_groups_on_q1, tmp_path: Path
) -> None:
    """Found by a red team: the summary said on Q1 each group 'carries its share and the other
    evaluators' the rest', once per group; with 25% and 30% the officers carry 45%."""
    criteria = _text(_summary(two_groups_on_q1, WEALD, tmp_path), "Award criteria")
    assert (
        "on Q1 the Carers' Reference Group panel's scores carry 25%, the Young carers' "
        "panel's 30% and the other evaluators' 45%; on Q3 the Carers' Reference Group "
        "panel's scores carry 25% and the other evaluators' 75%." in criteria
    )
    assert "the rest" not in criteria


def test_a_group_on_every_question_says_so(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('questions = ["Q1", "Q3"]', ""),
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    criteria = _text(_summary(result, WEALD, tmp_path), "Award criteria")
    assert (
        "on every question the Carers' Reference Group panel's scores carry 25% and the other "
        "evaluators' 75%." in criteria
    )


def test_a_sub_criterion_grouping_questions_has_its_sub_total_for_both_tenders(
    nested, tmp_path: Path
) -> None:
    """Found by a red team: a group of questions inside quality was listed on the Award
    criteria with its importance, but 'Your tender' gave no score or sub-total for it (reg 31:
    a score for each criterion and sub-criterion, with sub-totals)."""
    rows = [
        row[:5]
        for row in _summary(nested, "Hop Garden Respite CIC", tmp_path)["Lot CSB"].iter_rows(
            values_only=True
        )
    ]
    labels = [row[0] or row[1] for row in rows if row[0] or str(row[1]).startswith("Sub")]
    own = labels[labels.index("price") : labels.index("Sub-total: Quality") + 1]
    assert own == ["price", "Sub-total: Price", "Q1", "Q2", "Q3", "DEL", "Sub-total: Quality"]
    (hop, weald) = [row for row in rows if row[0] == "DEL"]
    assert hop[1] == "Sub-total: Delivery with carers" and hop[4] == 24
    # Weald, the most advantageous tender: Q2 4 of 5 × 14.4 = 11.52, Q3 5 of 5 × 9.6 = 9.6.
    assert weald[3] == pytest.approx(11.52 + 9.6)
    frame = nested.sub_totals.filter(criterion="DEL")
    assert hop[3] == frame.filter(supplier="Hop Garden Respite CIC").item(0, "weighted")
    assert weald[3] == frame.filter(supplier=WEALD).item(0, "weighted")


ONE_TO_FIVE = """
[scales.one_to_five]
values = [1, 2, 3, 4, 5]

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
  title = "Service model"
  weight_of_parent = 100
  scale = "one_to_five"
"""


def test_how_a_score_becomes_points_is_stated_with_the_scales_own_ends(tmp_path: Path) -> None:
    """Found by a red team: on a 1–5 scale a 3 earns half the points ((3 − 1) ÷ (5 − 1)), not
    3/5 as most readers take it, and the summary's 'How it was scored' never said so."""
    from tests.scoring.builders import make_plan, tender

    plan = make_plan(criteria=ONE_TO_FIVE)
    result = tendereval.score(tender(plan, rates={"A": 10, "B": 11}), sensitivity=False)
    book = _summary(result, "B", tmp_path)
    q1 = next(row for row in book["Award criteria"].iter_rows(values_only=True) if row[0] == "Q1")
    assert q1[5] == (
        "Scored by evaluators on 1/2/3/4/5. Points awarded = points available × (score − 1) ÷ "
        "(5 − 1), so 1 earns none, 3 earns half and 5 earns them all."
    )
    # As scored: every evaluator gave 3, which earns half of Q1's 40 points.
    mine = next(row for row in book["Lot L1"].iter_rows(values_only=True) if row[0] == "Q1")
    assert (mine[2], mine[3], mine[4]) == ("3", 20, 40)
