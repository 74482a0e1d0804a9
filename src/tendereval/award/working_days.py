"""Working days, as the Procurement Act 2023 counts them for the standstill period.

The Act's standstill (s.51) is eight *working days*; a working day (s.123) is a day other than
a Saturday or Sunday, Christmas Day, Good Friday, or a bank holiday in any part of the United
Kingdom. So 2 January and St Andrew's Day (Scotland), and St Patrick's Day and the Battle of
the Boyne (Northern Ireland), are not working days for a buyer in Kent either. A standstill
over Christmas counted in weekdays alone looks long enough when it is not.

The holidays are worked out from their rules, not looked up, so no network is needed and the
answer is the same on any machine:

* the Banking and Financial Dealings Act 1971 and the yearly proclamations: New Year's Day,
  Easter Monday (not in Scotland), the first and last Mondays of May, the summer bank holiday
  (the first Monday of August in Scotland, the last elsewhere), Boxing Day; 2 January and
  St Andrew's Day (30 November) in Scotland; St Patrick's Day (17 March) and the Battle of the
  Boyne (12 July) in Northern Ireland; with Good Friday and Christmas Day;
* a holiday on a Saturday or Sunday moves to the next weekday that is not already one (in each
  part of the UK: Christmas on a Saturday puts it on Monday 27th, Boxing Day on Tuesday 28th);
* the one-off changes proclaimed since 2011 (royal occasions, and the early May bank holiday
  moved for VE Day in 2020).

A day proclaimed later than this code cannot be known to it: the officer is told which days
were left out of the count, and to check for any other.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from tendereval.wording import weekday

_ENGLAND_WALES, _SCOTLAND, _NORTHERN_IRELAND = "england-wales", "scotland", "northern-ireland"
_PARTS = (_ENGLAND_WALES, _SCOTLAND, _NORTHERN_IRELAND)

# A usual holiday moved by proclamation (everywhere in the UK): (from, to).
_MOVED = {
    dt.date(2012, 5, 28): dt.date(2012, 6, 4),  # spring bank holiday: the Diamond Jubilee
    dt.date(2020, 5, 4): dt.date(2020, 5, 8),  # early May bank holiday: VE Day
    dt.date(2022, 5, 30): dt.date(2022, 6, 2),  # spring bank holiday: the Platinum Jubilee
}
# Holidays proclaimed once, everywhere in the UK.
_ONCE = {
    dt.date(2011, 4, 29): "the royal wedding",
    dt.date(2012, 6, 5): "the Diamond Jubilee",
    dt.date(2022, 6, 3): "the Platinum Jubilee",
    dt.date(2022, 9, 19): "the State Funeral of Queen Elizabeth II",
    dt.date(2023, 5, 8): "the coronation of King Charles III",
}


def easter_sunday(year: int) -> dt.date:
    """Easter Day in the Gregorian calendar (the anonymous algorithm, as Meeus gives it)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _monday(year: int, month: int, last: bool = False) -> dt.date:
    """The first (or last) Monday of a month."""
    if last:
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return end - dt.timedelta(days=end.weekday())
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def _usual(year: int, part: str) -> list[tuple[dt.date, str]]:
    """One part of the UK's holidays in a year as they fall, before weekend ones are moved."""
    easter = easter_sunday(year)
    days = [
        (dt.date(year, 1, 1), "New Year's Day"),
        (easter - dt.timedelta(days=2), "Good Friday"),
        (_monday(year, 5), "Early May bank holiday"),
        (_monday(year, 5, last=True), "Spring bank holiday"),
        (dt.date(year, 12, 25), "Christmas Day"),
        (dt.date(year, 12, 26), "Boxing Day"),
    ]
    if part == _SCOTLAND:
        days += [
            (dt.date(year, 1, 2), "2nd January"),
            (_monday(year, 8), "Summer bank holiday"),
            (dt.date(year, 11, 30), "St Andrew's Day"),
        ]
    else:
        days += [
            (easter + dt.timedelta(days=1), "Easter Monday"),
            (_monday(year, 8, last=True), "Summer bank holiday"),
        ]
    if part == _NORTHERN_IRELAND:
        days += [
            (dt.date(year, 3, 17), "St Patrick's Day"),
            (dt.date(year, 7, 12), "Battle of the Boyne (Orangemen's Day)"),
        ]
    return sorted((_MOVED.get(day, day), name) for day, name in days)


def _in_part(year: int, part: str) -> dict[dt.date, str]:
    """One part of the UK's bank holidays in a year, weekend ones moved to the next free
    weekday in date order (a holiday on a weekday keeps its day)."""
    usual = _usual(year, part)
    taken = {day: name for day, name in usual if day.weekday() < 5}
    for day, name in usual:
        if day.weekday() < 5:
            continue
        moved = day + dt.timedelta(days=1)
        while moved.weekday() >= 5 or moved in taken:
            moved += dt.timedelta(days=1)
        taken[moved] = f"{name} (substitute day)"
    return taken


@cache
def uk_bank_holidays(year: int) -> dict[dt.date, str]:
    """{day: name} for every day of ``year`` that is not a working day though a weekday:
    the bank holidays of any part of the UK, Good Friday and Christmas Day. A day that is a
    holiday in several parts is named once, as the first part names it."""
    found: dict[dt.date, str] = {}
    for part in _PARTS:
        for day, name in _in_part(year, part).items():
            found.setdefault(day, name)
    for day, name in _ONCE.items():
        if day.year == year:
            found.setdefault(day, name)
    return dict(sorted(found.items()))


def working_days(
    starts: dt.date, ends: dt.date, enough: int
) -> tuple[int, list[tuple[dt.date, str]]]:
    """How many working days the period from ``starts`` to ``ends`` (both counted) holds,
    and the weekdays in it that are not working days, with their names. Counting stops once
    ``enough`` working days are found, so dates centuries apart cost nothing."""
    count, holidays = 0, []
    day = starts
    while day <= ends and count < enough:
        if day.weekday() < 5:
            name = uk_bank_holidays(day.year).get(day)
            if name is None:
                count += 1
            else:
                holidays.append((day, name))
        if day == dt.date.max:
            break
        day += dt.timedelta(days=1)
    return count, holidays


# PCR 2015 reg 87: the standstill ends at midnight at the end of the tenth day after the award
# decision notices are sent (by electronic means), or of the next working day when that day is
# not one.
PCR_STANDSTILL_DAYS = 10


def pcr_standstill_ends(sent: dt.date) -> tuple[dt.date, list[tuple[dt.date, str]]]:
    """The earliest day a PCR 2015 standstill may end for notices sent on ``sent``: the tenth
    day after it, moved on past each day that is not a working day (a weekend, Christmas Day,
    Good Friday or a bank holiday: those of any part of the UK, as :func:`working_days` counts
    them, so a day a reader might take for a holiday is never passed as a working one), with
    the days passed over and their names."""
    day = sent + dt.timedelta(days=PCR_STANDSTILL_DAYS)
    passed = []
    while day.weekday() >= 5 or day in uk_bank_holidays(day.year):
        passed.append((day, uk_bank_holidays(day.year).get(day) or weekday(day)))
        day += dt.timedelta(days=1)
    return day, passed
