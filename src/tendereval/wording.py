"""Counts, lists and dates in words: "1 lot", "3 lots", "a, b and c", "Monday 14 June 2027".
One rule for every message, summary and report, so no output reads "a cap of 1 lots" or
"1 offers were not eligible", and no date reads "14 Mehefin 2027" because a notebook called
``locale.setlocale`` (strftime's ``%B`` and ``%A``, and strptime's, follow the locale)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

# English month and day names whatever the process's locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A month as a date typed in words names it: in full, or its first three letters ("2 Jun 2027").
MONTH_NUMBERS = {
    **{name.casefold(): i for i, name in enumerate(MONTHS, 1)},
    **{name[:3].casefold(): i for i, name in enumerate(MONTHS, 1)},
}


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the words that agree with it: ``counted(1, "lot")`` is "1 lot",
    ``counted(3, "lot")`` "3 lots", ``counted(1, "offer was", "offers were")`` "1 offer was".
    ``many`` defaults to ``one`` with an s; thousands are separated (1,200 bids)."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def listed(items: Sequence[str], none: str = "") -> str:
    """``items`` as a sentence lists them: "a", "a and b", "a, b and c" (``none`` for no
    items)."""
    if not items:
        return none
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """A count of two to nine in words ("three bid returns"), any other in figures."""
    return _NUMBER_WORDS[n - 2] if 2 <= n < 2 + len(_NUMBER_WORDS) else f"{n:,}"


def pounds(amount: float) -> str:
    """An amount of money as messages write it: £1,484,900.00."""
    return f"£{amount:,.2f}"


def weekday(day: dt.date) -> str:
    """``Monday``: the day of the week, in English."""
    return WEEKDAYS[day.weekday()]


def in_words(day: dt.date) -> str:
    """``14 June 2027``: a date as a letter to a bidder writes it, in English."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def text_date_in_words(text: str) -> str:
    """``1 October 2026`` for the ISO date text ``2026-10-01`` (as the plan and the loaders
    keep dates); any other text as it is."""
    try:
        return in_words(dt.date.fromisoformat(text))
    except ValueError:
        return text


def with_weekday(day: dt.date) -> str:
    """``Monday 14 June 2027``: a date an officer checks against a calendar."""
    return f"{weekday(day)} {in_words(day)}"
