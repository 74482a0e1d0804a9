"""A date in decisions.toml far beyond any tender's: 9999-12-31, a "not yet" placeholder.

Found by the law red team: under PCR 2015, ``summaries_sent_on = 9999-12-31`` crashed every
command (OverflowError: the standstill's earliest end, the tenth day after the notices were
sent, is past the calendar's last day). So did a date-time whose UK day is past it
(``9999-12-31T23:00:00-05:00`` is 1 January 10000 in the UK) and a standstill starting on the
calendar's first day (0001-01-01: the notices taken as sent the day before).

Now a date after 2199 (limits.LATEST_RECORDED_YEAR) is an error at its key, naming the value
and saying to leave the key out until the day is known; nothing counts on from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.award import Decisions, Standstill
from tendereval.cli import cli
from tests.example_copies import example_copy


def _tender(tmp_path: Path, recorded: str, regime: str = "PCR2015") -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(recorded, encoding="utf-8")
    return folder


def _far_ahead(problems: list[tendereval.Problem]) -> list[tuple[str, str, bool]]:
    return [(p.cell, p.found, p.is_error) for p in problems if " far beyond " in p.message]


@pytest.mark.parametrize("regime", ["PCR2015", "PA2023"])
def test_a_standstill_dated_9999_is_an_error_at_each_key(tmp_path: Path, regime: str) -> None:
    recorded = "[standstill]\nsummaries_sent_on = 9999-12-31\nends_on = 9999-12-31\n"
    problems = tendereval.validate(_tender(tmp_path, recorded, regime)).problems
    assert _far_ahead(problems) == [
        ("standstill.ends_on", "9999-12-31", True),
        ("standstill.summaries_sent_on", "9999-12-31", True),
    ]
    sent = next(p for p in problems if p.cell == "standstill.summaries_sent_on")
    assert sent.code == "decisions.date"
    assert sent.message == (
        "standstill.summaries_sent_on is a date in 9999, far beyond any tender's (a placeholder "
        "for a day not yet known?)"
    )
    assert sent.expected == (
        "the day it happened or will happen, such as summaries_sent_on = 2026-03-02; while the "
        "day is not known, leave summaries_sent_on out"
    )


@pytest.mark.parametrize("command", ["validate", "score", "summaries"])
def test_every_command_says_so_and_none_crashes(tmp_path: Path, command: str) -> None:
    recorded = "[standstill]\nsummaries_sent_on = 9999-12-31\nends_on = 9999-12-31\n"
    folder = _tender(tmp_path, recorded)
    out = CliRunner().invoke(cli, [command, str(folder)])
    assert out.exit_code == 1, out.output
    assert "a date in 9999" in out.output


def test_a_time_whose_uk_day_is_past_the_calendar(tmp_path: Path) -> None:
    """23:00 in New York on 31 December 9999 is 04:00 on 1 January 10000 in the UK."""
    recorded = (
        "[standstill]\nsummaries_sent_on = 9999-12-31T23:00:00-05:00\n\n"
        '[[withdrawal]]\nsupplier = "Stour Valley Homecare Ltd"\n'
        "withdrawn_on = 9999-12-31T23:00:00-05:00\n"
    )
    problems = tendereval.validate(_tender(tmp_path, recorded)).problems
    assert [cell for cell, _, _ in _far_ahead(problems)] == [
        "withdrawal[0].withdrawn_on",
        "standstill.summaries_sent_on",
    ]


def test_a_standstill_starting_on_the_calendars_first_day(tmp_path: Path) -> None:
    """No notices sent recorded: under PCR 2015 they are taken as sent the day before the
    standstill starts, and 0001-01-01 has none before it. Dated before the plan's approval,
    it is that error."""
    recorded = "[standstill]\nstarts_on = 0001-01-01\nends_on = 0001-01-02\n"
    problems = tendereval.validate(_tender(tmp_path, recorded)).problems
    assert {p.cell for p in problems if p.code == "decisions.dated_before_approval"} == {
        "standstill.starts_on",
        "standstill.ends_on",
    }


def test_set_from_python(tmp_path: Path) -> None:
    result = tendereval.score(_tender(tmp_path, ""), sensitivity=False)
    result.decisions = Decisions(standstill=Standstill("9999-12-30", None, "9999-12-31"))
    assert [cell for cell, _, _ in _far_ahead(result.award.problems)] == [
        "standstill.ends_on",
        "standstill.summaries_sent_on",
    ]
    assert result.award.held_back is not None
