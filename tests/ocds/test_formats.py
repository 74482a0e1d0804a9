"""UK dates as OCDS date-times, and numbers as the release writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from tendereval.ocds.formats import number, uk_date, uk_day_end, uk_day_start, utc_stamp


def test_clock_changes_by_hand() -> None:
    # 2026: BST from 01:00 GMT on Sunday 29 March to 01:00 GMT on Sunday 25 October.
    assert uk_day_start(dt.date(2026, 3, 29)) == "2026-03-29T00:00:00+00:00"
    assert uk_day_end(dt.date(2026, 3, 29)) == "2026-03-29T23:59:59+01:00"
    assert uk_day_start(dt.date(2026, 10, 25)) == "2026-10-25T00:00:00+01:00"
    assert uk_day_end(dt.date(2026, 10, 25)) == "2026-10-25T23:59:59+00:00"
    assert uk_date(dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)) == dt.date(2026, 7, 2)
    assert uk_date(dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)) == dt.date(2026, 12, 1)
    assert utc_stamp(dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))) == (
        "2026-07-01T09:00:00Z"
    )


def test_every_day_matches_the_time_zone_database() -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        london = zoneinfo.ZoneInfo("Europe/London")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("this machine has no time-zone database to compare with")
    day = dt.date(2020, 1, 1)
    while day < dt.date(2036, 1, 1):
        assert uk_day_start(day) == dt.datetime.combine(day, dt.time(0), london).isoformat()
        assert uk_day_end(day) == dt.datetime.combine(day, dt.time(23, 59, 59), london).isoformat()
        for hour in (0, 1, 23):
            moment = dt.datetime.combine(day, dt.time(hour, 30), dt.UTC)
            assert uk_date(moment) == moment.astimezone(london).date(), moment
        day += dt.timedelta(days=1)


def test_numbers_are_rounded_to_their_meaning_and_whole_ones_have_no_point() -> None:
    assert number(40.0, 6) == 40 and isinstance(number(40.0, 6), int)
    assert number(100 / 3, 6) == 33.333333
    assert number(3231866.7499999995, 2) == 3231866.75
