"""A plan whose buyer or title is still the placeholder ``init`` wrote holds back the
assessment summaries and the award notice: a placeholder is not a name, and would go out as
the contracting authority's. Docs red team, session 37: both went out, exit 0."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tendereval
from tests.example_copies import example_copy

PUBLISHED_AT = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


def _with_placeholder(tmp_path: Path, key: str, placeholder: str) -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{key} = "))
    lines[at] = f'{key} = "{placeholder}"\n'
    plan.write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("key", "placeholder"),
    [("buyer", "Name of the council or body"), ("title", "Name of the service")],
)
def test_a_placeholder_holds_the_summaries_and_the_notice(tmp_path, key, placeholder):
    folder = _with_placeholder(tmp_path, key, placeholder)
    result = tendereval.score(folder, sensitivity=False)
    # The award itself stands: who wins does not depend on the buyer's name.
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert not result.award.award_blockers
    said = f"tender.toml › tender.{key}: still the placeholder written when the plan was made"
    assert [b for b in result.award.blockers if b.startswith(said)], result.award.blockers
    assert not result.award.summaries_ready

    summaries = tendereval.summaries(result)
    assert not summaries.ready

    award = tendereval.publish(result, ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT)
    assert not award.written
    assert any(b.startswith(said) for b in award.blockers)


def test_the_plans_own_names_hold_nothing(tmp_path):
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    assert not any("placeholder" in b for b in result.award.blockers)
