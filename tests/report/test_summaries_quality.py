"""What an assessment summary tells a bidder about its quality scores: how the evaluators'
scores and the evaluator groups' shares make a question's score, worked on the carers example
(its Carers' Reference Group panel carries 25% of Q1 and Q3)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.report.summaries import SUMMARY_SUFFIX, slug, write_summaries
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
