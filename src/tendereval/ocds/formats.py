"""How the release writes numbers and dates.

Numbers are rounded to what they mean (money to the penny, weights to a millionth of a point)
and whole ones are written without a decimal point. Dates are date-times with the offset UK
clocks keep on that day.

A standstill period ends at midnight UK time, and UK time is GMT (+00:00) in winter and British
Summer Time (+01:00) from 01:00 GMT on the last Sunday of March to 01:00 GMT on the last Sunday
of October. The rule is written here rather than read from the operating system's time-zone
database, which not every machine has: the same inputs give the same file everywhere.
"""

from __future__ import annotations

import datetime as dt
import math

from tendereval.io.numformat import as_shown

_CHANGE = dt.time(1, 0)  # clocks change at 01:00 GMT


def number(value: float, places: int) -> int | float:
    """``value`` rounded to ``places`` decimals as every output shows it (a half away from
    zero: £100.125 is 100.13, as in the report and the summaries; numformat.as_shown),
    written without a point when whole (40, not 40.0)."""
    if not math.isfinite(value):
        return value
    rounded = as_shown(value, places)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - 6) % 7)


def uk_offset_at(moment: dt.datetime) -> dt.timedelta:
    """UK clocks' offset from GMT at an instant (``moment`` with its own offset)."""
    utc = moment.astimezone(dt.UTC)
    start = dt.datetime.combine(last_sunday(utc.year, 3), _CHANGE, dt.UTC)
    end = dt.datetime.combine(last_sunday(utc.year, 10), _CHANGE, dt.UTC)
    return dt.timedelta(hours=1) if start <= utc < end else dt.timedelta(0)


def uk_day_start(day: dt.date) -> str:
    """``2026-07-01T00:00:00+01:00``: the first second of a UK calendar day."""
    summer = last_sunday(day.year, 3) < day <= last_sunday(day.year, 10)
    return f"{day.isoformat()}T00:00:00{'+01:00' if summer else '+00:00'}"


def uk_day_end(day: dt.date) -> str:
    """``2026-03-13T23:59:59+00:00``: the last second of a UK calendar day."""
    summer = last_sunday(day.year, 3) <= day < last_sunday(day.year, 10)
    return f"{day.isoformat()}T23:59:59{'+01:00' if summer else '+00:00'}"


def uk_date(moment: dt.datetime) -> dt.date:
    """The UK calendar date at an instant; one beyond the calendar's last day in the UK
    (``9999-12-31T23:00:00-05:00``) or before its first is that day, the nearest it holds."""
    try:
        return (moment.astimezone(dt.UTC) + uk_offset_at(moment)).date()
    except OverflowError:
        # Refused where it was typed as a year far from any tender's (award/recorded.py).
        return dt.date.max if moment.year == dt.MAXYEAR else dt.date.min


def uk_today() -> dt.date:
    """Today's date in the UK, whatever the computer's time zone: the day a date recorded in
    decisions.toml is past or not (a computer in Samoa is still on yesterday)."""
    return uk_date(dt.datetime.now(dt.UTC))


def instant(text: str) -> dt.datetime | None:
    """The moment an OCDS date names, in UTC: an ISO 8601 date-time with its offset
    (``2026-06-03T17:30:00+01:00`` and ``2026-06-03T16:30:00Z`` are the same moment); one
    without an offset is UK time; a date alone is the first moment of that UK day. None when
    ``text`` is none of these (or a moment no calendar holds)."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
        if moment.utcoffset() is None:  # UK time: its offset is the one UK clocks kept then
            as_if_utc = moment.replace(tzinfo=dt.UTC)
            return as_if_utc - uk_offset_at(as_if_utc)
        return moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return None


def utc_stamp(moment: dt.datetime) -> str:
    """``2026-03-04T10:15:00Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# How tendereval's award notice words the lot-cap mechanism (tender.lotDetails
# .awardCriteriaDetails): the notice reader takes the words after it, so a read-back plan holds
# the mechanism as written, not with one more "Lot cap: " each round.
CAP_WORDS = "Lot cap: "
# The legal basis tendereval's award notice gives for the plan's regime (tender.legalBasis), as
# Find a Tender's notices name it: read back, the regime is the plan's, not one guessed from a
# date.
LEGAL_BASIS = {
    "PA2023": {"scheme": "UKPGA", "id": "2023/54"},
    "PCR2015": {"scheme": "CELEX", "id": "32014L0024"},
}
