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
from tendereval.limits import LATEST_RECORDED_YEAR
from tests.cpu_time import cpu_seconds


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
        # An error under both (it holds the award): PCR 2015 reg 87 applies to every contract
        # its notices are sent for; under the Act, with no exemption recorded (s.51(3)).
        assert problem.cell == "standstill.ends_on" and problem.is_error
        assert problem.found.startswith(f"{starts} to {ends}")
        law = "Procurement Act 2023 s.51" if regime == "PA2023" else "PCR 2015 reg 87"
        assert law in problem.expected


# The bank holidays of England and Wales, Scotland and Northern Ireland together, as gov.uk
# lists them for each year (with Good Friday and Christmas Day): typed in, not computed.
UK_HOLIDAYS = {
    dt.date(year, month, day)
    for year, days in {
        2025: "01-01 01-02 03-17 04-18 04-21 05-05 05-26 07-14 08-04 08-25 12-01 12-25 12-26",
        2026: "01-01 01-02 03-17 04-03 04-06 05-04 05-25 07-13 08-03 08-31 11-30 12-25 12-28",
        2027: "01-01 01-04 03-17 03-26 03-29 05-03 05-31 07-12 08-02 08-30 11-30 12-27 12-28",
    }.items()
    for month, day in (map(int, text.split("-")) for text in days.split())
}


def test_the_holidays_are_those_gov_uk_lists() -> None:
    from tendereval.award.working_days import uk_bank_holidays

    computed = {day for year in (2025, 2026, 2027) for day in uk_bank_holidays(year)}
    assert computed == UK_HOLIDAYS


@settings(max_examples=60, deadline=None)
@given(
    starts=st.dates(dt.date(2025, 2, 24), dt.date(2027, 12, 1)),
    length=st.integers(0, 30),
)
def test_the_working_days_are_the_weekdays_of_the_period_less_the_holidays(
    starts: dt.date, length: int
) -> None:
    """Counted by hand: each day of the period, Monday to Friday, that is not a holiday in
    any part of the UK (Procurement Act 2023 s.123)."""
    import tempfile

    ends = starts + dt.timedelta(days=length)
    period = [starts + dt.timedelta(days=d) for d in range(length + 1)]
    working = sum(day.weekday() < 5 and day not in UK_HOLIDAYS for day in period)
    with tempfile.TemporaryDirectory() as folder:
        found = short(standstill(Path(folder), starts, ends), "PA2023")
    assert bool(found) == (working < 8)
    if found:
        assert f": {working} working day" in found[0].found


@pytest.mark.parametrize(
    ("starts", "ends", "left_out"),
    [
        # Monday 21 to Thursday 31 December 2026: nine weekdays, which passed, but Christmas
        # Day and Boxing Day's substitute (Monday 28th) are not working days.
        (dt.date(2026, 12, 21), dt.date(2026, 12, 31),
         "25 December 2026, Christmas Day; 28 December 2026, Boxing Day (substitute day)"),
        # Eight weekdays ending on St Andrew's Day, a bank holiday in Scotland: for a buyer
        # anywhere in the UK it is not a working day.
        (dt.date(2026, 11, 19), dt.date(2026, 11, 30), "30 November 2026, St Andrew's Day"),
    ],
)  # fmt: skip
def test_a_standstill_over_bank_holidays_is_counted_without_them(
    tmp_path: Path, starts: dt.date, ends: dt.date, left_out: str
) -> None:
    (problem,) = short(standstill(tmp_path, starts, ends), "PA2023")
    assert problem.found == f"{starts} to {ends}: 7 working days (not counted: {left_out})"
    assert "bank holidays of any part of the UK" in problem.expected


def test_a_standstill_of_centuries_is_checked_at_once(tmp_path: Path) -> None:
    """The dates are the officer's to type: the check costs the same however far apart (up
    to the last year decisions.toml takes, limits.LATEST_RECORDED_YEAR: one after it is an
    error of its own, and never counted)."""

    folder = standstill(tmp_path, dt.date(1, 1, 2), dt.date(LATEST_RECORDED_YEAR, 12, 31))
    start = cpu_seconds()
    assert not short(folder, "PA2023")
    assert cpu_seconds() - start < 0.5


@pytest.mark.parametrize(
    ("written", "day"),
    [
        # 23:30 in New York on 3 March is 04:30 GMT on 4 March: the summaries went on the 4th.
        ("2026-03-03T23:30:00-05:00", dt.date(2026, 3, 4)),
        # 00:30 in Paris on 1 July is 23:30 BST on 30 June (UK clocks an hour behind Paris).
        ("2026-07-01T00:30:00+02:00", dt.date(2026, 6, 30)),
        # 23:30 GMT on 30 June is 00:30 BST on 1 July.
        ("2026-06-30T23:30:00Z", dt.date(2026, 7, 1)),
        # Without an offset it is UK time already.
        ("2026-03-03T23:30:00", dt.date(2026, 3, 3)),
    ],
)
def test_a_date_time_with_an_offset_is_the_uk_date_at_that_moment(
    tmp_path: Path, written: str, day: dt.date
) -> None:
    """A date-time was cut to its own date: 23:30 in New York on 3 March was published as
    the summaries sent on 3 March, though in the UK it was already the 4th."""
    (tmp_path / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {written}\n", encoding="utf-8"
    )
    loaded = load_decisions(tmp_path, ["A"], "PA2023")
    assert loaded.problems == []
    assert loaded.decisions.standstill.summaries_sent_on == day


def _pcr(folder: Path, sent: dt.date, starts: dt.date, ends: dt.date) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {sent}\nstarts_on = {starts}\nends_on = {ends}\n",
        encoding="utf-8",
    )
    return short(folder, "PCR2015")


@pytest.mark.parametrize(
    ("sent", "starts", "ends", "earliest"),
    [
        # Found by a red team: notices sent Wednesday 2 June 2027, the standstill recorded from
        # that day to Friday 11 June, ten days counting the day of sending, passed. The tenth
        # day after sending is Saturday 12 June, so it ends at the end of Monday 14 June.
        ("2027-06-02", "2027-06-02", "2027-06-11", "Monday 14 June 2027"),
        ("2027-06-02", "2027-06-03", "2027-06-12", "Monday 14 June 2027"),  # ends on a Saturday
        # Sent Friday 21 May 2027: the tenth day after is Monday 31 May, the spring bank
        # holiday, so the end moves to Tuesday 1 June.
        ("2027-05-21", "2027-05-22", "2027-05-31", "Tuesday 1 June 2027"),
    ],
)
def test_a_pcr_standstill_ends_on_the_tenth_day_after_sending_or_the_next_working_day(
    tmp_path: Path, sent: str, starts: str, ends: str, earliest: str
) -> None:
    day = dt.date.fromisoformat
    (problem,) = _pcr(tmp_path, day(sent), day(starts), day(ends))
    assert problem.cell == "standstill.ends_on" and problem.is_error
    assert problem.expected.startswith(f"an end on or after {earliest} (PCR 2015 reg 87:")
    # The same period ending on the earliest lawful day passes.
    lawful = dt.datetime.strptime(earliest, "%A %d %B %Y").date()
    assert not _pcr(tmp_path / "lawful", day(sent), day(starts), lawful)


def test_a_pcr_standstill_names_the_day_it_passed_over(tmp_path: Path) -> None:
    (problem,) = _pcr(tmp_path, dt.date(2027, 5, 21), dt.date(2027, 5, 22), dt.date(2027, 5, 31))
    assert problem.found == (
        "2027-05-22 to 2027-05-31: 10 days, the award decision notices sent on Friday 21 May 2027"
    )
    assert problem.expected == (
        "an end on or after Tuesday 1 June 2027 (PCR 2015 reg 87: midnight at the end of the "
        "tenth day after the notices were sent by electronic means, Monday 31 May 2027; Monday "
        "31 May 2027 (Spring bank holiday) is not a working day, so it ends at the end of the "
        "next working day; sent by other means, longer)"
    )
    (weekend,) = _pcr(
        tmp_path / "weekend", dt.date(2027, 6, 2), dt.date(2027, 6, 3), dt.date(2027, 6, 11)
    )
    assert "; Saturday 12 June 2027 and Sunday 13 June 2027 are not working days, so" in (
        weekend.expected
    )
