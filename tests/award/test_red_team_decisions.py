"""decisions.toml as a careless officer writes it, found by the red team.

A standstill period of one day was accepted without a word, and ``publish`` then marked the
award ``active`` (its standstill over): the Procurement Act 2023 s.51 requires at least eight
working days, the Public Contracts Regulations 2015 reg 87 ten days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.award.recorded import load_decisions


def standstill(folder: Path, starts: dt.date, ends: dt.date) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {starts - dt.timedelta(days=1)}\n"
        f"starts_on = {starts}\nends_on = {ends}\n",
        encoding="utf-8",
    )
    return folder


def short(folder: Path, regime: str) -> list:
    loaded = load_decisions(folder, ["A"], regime)
    return [p for p in loaded.problems if p.code == "decisions.standstill_short"]


@pytest.mark.parametrize(
    ("regime", "starts", "ends", "warned"),
    [
        # Wednesday 4 March 2026 to the same day: one working day.
        ("PA2023", dt.date(2026, 3, 4), dt.date(2026, 3, 4), True),
        # Wednesday to the next Friday: 8 working days (the weekend between does not count).
        ("PA2023", dt.date(2026, 3, 4), dt.date(2026, 3, 13), False),
        # Wednesday to the next Thursday: 7 working days over 8 calendar days.
        ("PA2023", dt.date(2026, 3, 4), dt.date(2026, 3, 12), True),
        ("PCR2015", dt.date(2026, 3, 4), dt.date(2026, 3, 13), False),  # 10 days
        ("PCR2015", dt.date(2026, 3, 4), dt.date(2026, 3, 12), True),  # 9 days
    ],
)
def test_a_standstill_shorter_than_the_law_requires_is_warned_about(
    tmp_path: Path, regime: str, starts: dt.date, ends: dt.date, warned: bool
) -> None:
    found = short(standstill(tmp_path, starts, ends), regime)
    assert bool(found) == warned
    if warned:
        (problem,) = found
        assert problem.cell == "standstill.ends_on" and not problem.is_error
        assert problem.found.startswith(f"{starts} to {ends}")
        law = "Procurement Act 2023 s.51" if regime == "PA2023" else "PCR 2015 reg 87"
        assert law in problem.expected


@settings(max_examples=40, deadline=None)
@given(
    starts=st.dates(dt.date(2025, 2, 24), dt.date(2030, 12, 31)),
    length=st.integers(0, 30),
)
def test_the_working_days_are_the_weekdays_of_the_period(starts: dt.date, length: int) -> None:
    """Counted by hand: each day of the period, Monday to Friday."""
    import tempfile

    ends = starts + dt.timedelta(days=length)
    weekdays = sum((starts + dt.timedelta(days=d)).weekday() < 5 for d in range(length + 1))
    with tempfile.TemporaryDirectory() as folder:
        found = short(standstill(Path(folder), starts, ends), "PA2023")
    assert bool(found) == (weekdays < 8)
    if found:
        assert f"{weekdays} working day" in found[0].found


def test_a_standstill_of_centuries_is_checked_at_once(tmp_path: Path) -> None:
    """The dates are the officer's to type: the check costs the same however far apart."""
    import time

    folder = standstill(tmp_path, dt.date(1, 1, 2), dt.date(9999, 12, 31))
    start = time.perf_counter()
    assert not short(folder, "PA2023")
    assert time.perf_counter() - start < 0.5
