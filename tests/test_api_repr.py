"""What a notebook shows for the objects the library functions return (red team round 5,
surface S). Before, each was the dataclass's own repr, every frame, problem and nested plan
written out: 38,000 characters for the homecare example's ScoreResult, 96,000 for
scenarios(), 71,000 for an internal publication, and growing with every bid and problem (a
tender with 10,000 problems printed each one). Now a few lines that say what it is: the
tender, the counts, each table's size, the problems and errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Problem
from tests.example_copies import example_copy

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
HOMECARE = ROOT / "examples" / "homecare-districts"
LIMIT = 2_500  # characters: a screenful


@pytest.fixture(scope="module")
def homecare() -> tendereval.ScoreResult:
    return tendereval.score(HOMECARE, sensitivity=False)


def test_a_score_result_is_a_few_readable_lines(homecare) -> None:
    shown = repr(homecare)
    assert len(shown) < LIMIT, len(shown)
    assert shown.startswith("ScoreResult(")
    assert repr(homecare.plan.tender_id) in shown  # which tender
    assert f"results=<frame: {homecare.results.height:,} rows" in shown
    assert "evaluator_scores=<made when first read>" in shown  # not made by showing it
    assert "_evaluator_scores" in vars(homecare)
    assert callable(vars(homecare)["_evaluator_scores"])


def test_many_problems_are_counted_not_listed() -> None:
    tender = tendereval.load_tender(CARERS)
    many = [Problem(f"problem {i}", file="bids/x.xlsx", cell=f"A{i}") for i in range(10_000)]
    tender.problems = tender.problems + many
    result = tendereval.score(tender, sensitivity=False)
    # The result has one more: the tender's problems were changed after it was read.
    for shown, count in ((repr(result), "10,001"), (repr(tender), "10,000")):
        assert len(shown) < LIMIT, len(shown)
        assert f"problems=<{count} problems, {count} errors>" in shown


def test_every_object_a_function_returns_shows_briefly(homecare, tmp_path: Path) -> None:
    published = tendereval.publish(
        homecare,
        tmp_path / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC),
        internal=True,
    )
    shown = {
        "validate": tendereval.validate(HOMECARE),
        "award": homecare.award,
        "publish": published,
        "summaries": tendereval.summaries(
            tendereval.score(example_copy(tmp_path, "homecare-districts"), sensitivity=False),
            tmp_path / "summaries",
        ),
        "allocate": tendereval.allocate(HOMECARE),
        "allocation": tendereval.allocate(HOMECARE).allocation,
        "scenarios": tendereval.scenarios(
            ROOT / "examples" / "homecare-lot-splits" / "scenarios.toml", samples=0, steps=1
        ),
        "tender": tendereval.load_tender(HOMECARE),
    }
    for name, value in shown.items():
        text = repr(value)
        assert len(text) < LIMIT, (name, len(text))
        assert text.startswith(type(value).__name__ + "("), name
    # The award says who is proposed for each lot.
    assert "'MAI': 'Oasthouse Care Group Ltd'" in repr(homecare.award)
