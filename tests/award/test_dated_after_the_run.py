"""A record in decisions.toml dated after the day the tender is scored.

A decision recorded as taken in 2062 (for 2026), a withdrawal dated next month: something not
done yet, most likely a year typed wrong. Before, it was applied without a word, and its date
went out in the assessment summaries. Now each such date is a warning naming the record, its
date and the day scored (in the UK); the record is still applied, as no recorded date bounds
what the award does (they are compared only with each other). The standstill's dates are
planned ahead, so never warned of.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.scoring import combine
from tests.example_copies import example_copy

# 23:30 UTC on 1 June 2026 is 00:30 on 2 June in the UK (BST): the day scored is 2 June.
SCORED = dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC)
STOUR = "Stour Valley Homecare Ltd"
RECORDS = f"""
[[withdrawal]]
supplier = "{STOUR}"
withdrawn_on = 2062-05-28

[[price_explanation]]
supplier = "Meridian Care Group plc"
queried_on = 2026-06-02
accepted_on = 2026-06-03

[standstill]
summaries_sent_on = 2026-06-10
starts_on = 2026-06-11
ends_on = 2026-06-22
"""


@pytest.fixture
def scored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tendereval.ScoreResult:
    monkeypatch.setattr(combine, "scoring_time", lambda: SCORED)
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(RECORDS, encoding="utf-8")
    return tendereval.score(folder, sensitivity=False)


def test_a_date_after_the_day_scored_is_a_warning_naming_the_record(scored) -> None:
    assert scored.settings["scored_at"] == "2026-06-01T23:30:00+00:00"
    warned = [p for p in scored.award.problems if p.code == "decisions.dated_after_the_run"]
    assert [(p.file, p.cell, p.found, p.is_error) for p in warned] == [
        ("decisions.toml", "withdrawal[0].withdrawn_on", "withdrawn_on = 2062-05-28", False),
        ("decisions.toml", "price_explanation[0].accepted_on", "accepted_on = 2026-06-03", False),
    ]
    assert warned[0].message == (
        "the withdrawal is dated after the day the tender was scored, 2026-06-02: it records "
        "something not done yet (a year typed wrong?); it is applied as it stands"
    )
    assert warned[0].expected == "the day it was done, on or before 2026-06-02"
    assert warned[1].message.startswith("the price explanation is dated after")
    # The day of scoring itself (queried_on 2 June, in the UK; 1 June in UTC) is no warning,
    # nor is any standstill date: they are planned ahead.
    assert scored.award.dated_after_the_run == warned


def test_the_record_dated_after_the_day_scored_is_still_applied(scored, tmp_path: Path) -> None:
    stour = scored.results.filter(pl.col("supplier") == STOUR)
    assert stour.get_column("status").to_list() == ["withdrawn"]
    assert "2062-05-28" in stour.item(0, "reasons")[0]
    assert scored.award.winner("CSB") == "Weald Carers Trust"
    # A warning holds nothing back; summaries repeat it, as the date goes out in them.
    assert scored.award.blockers == [] and scored.award.held_back is None
    done = tendereval.summaries(scored, tmp_path / "summaries")
    assert done.ready
    assert (
        "warning: decisions.toml › withdrawal[0].withdrawn_on: the withdrawal is dated after the "
        "day the tender was scored, 2026-06-02: it records something not done yet (a year "
        "typed wrong?); it is applied as it stands (found withdrawn_on = 2062-05-28); expected "
        "the day it was done, on or before 2026-06-02"
    ) in done.lines()


def test_decisions_tried_in_python_are_checked_against_the_day_scored(scored) -> None:
    from tendereval.award import Decisions, RecordedNoAward

    tried = tendereval.decide(
        scored, Decisions(no_awards=(RecordedNoAward("CSB", "Over budget", "Head", "2062-06-01"),))
    )
    [warned] = tried.dated_after_the_run
    assert warned.cell == "no_award[0].decided_on"
    assert warned.message.startswith("the decision not to award the lot is dated after")
    assert tried.lots["CSB"].not_to_award  # applied
