"""Counts, lists and dates in words: "1 lot", "3 lots", "a, b and c", "Monday 14 June 2027".
One rule for every message, summary and report, so no output reads "a cap of 1 lots" or
"1 offers were not eligible", and no date reads "14 Mehefin 2027" because a notebook called
``locale.setlocale`` (strftime's ``%B`` and ``%A``, and strptime's, follow the locale)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal

from tendereval.io.numformat import as_shown

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


# An amount of this many pence or more (£10 trillion) is no real one; figures are worked out
# as a cell shows them below this many units (comparison.shown_units).
_UNITS_COUNTED = 1e15


def pounds(amount: float, pence: bool = True) -> str:
    """An amount of money as every output writes it: ``£1,484,900.00``, ``-£12.50`` when
    negative, ``£1,484,900`` without the ``pence``. To the penny as a cell shows it
    (numformat.as_shown): a half penny away from zero, so £100.125 is £100.13 on the
    terminal, in the summaries, the report and the award notice alike. An amount too large
    to count in pence is written to four figures, ``£3.126e+306``, or ``infinite``.
    :func:`tendereval.scoring.common.money` is the same for a column."""
    if math.isnan(amount):  # (it read "£nane+0")
        return "not a number"
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    if math.isinf(size):
        return f"{sign}infinite"
    if not size * 100 < _UNITS_COUNTED:  # (nor a number at all)
        power = math.floor(math.log10(size)) if size > 0 else 0
        return f"{sign}£{round(size / 10.0**power, 3)}e+{power}"
    return f"{sign}£{as_shown(size, 2 if pence else 0):,}"


def figure(value: float, decimals: int = 2, every_place: bool = False) -> str:
    """A number as text, to ``decimals`` places as a cell formatted to them shows it
    (numformat.as_shown): 28.125 is ``28.13``, 39.998 ``40.00``, 49.99667 to 4 places
    ``49.9967``. Noughts at the end are left off only when the number is the figure shown
    (``3``, ``2.5``), so a figure never reads as whole when it is not, unless
    ``every_place`` is asked for (a column of figures: ``28.10``). A number too large to
    count in 10^-``decimals`` is written whole, or as Python writes it.
    :func:`tendereval.scoring.common.num` is the same for a column."""
    if not abs(value) * 10**decimals < _UNITS_COUNTED:
        return str(int(value)) if float(value).is_integer() and abs(value) < 1e16 else str(value)
    shown = as_shown(abs(value), decimals)
    text = f"{shown:f}"
    if "." in text and not every_place and shown == Decimal(repr(abs(value))):
        text = text.rstrip("0").rstrip(".")
    return f"-{text}" if value < 0 and shown else text


def percent(share: float, decimals: int = 1, every_place: bool = True) -> str:
    """A share (0 to 1) as a percentage, as a cell formatted as one (report.styles.PERCENT,
    to one place; SHARE_OF_MARKS, to two) shows it: a half away from zero after Excel's 15
    digits, so 0.7925 of the samples is ``79.3%`` (Python's ``f"{x:.1%}"`` says 79.2%), and a
    share short of the whole never reads as the whole: 9,996 samples in 10,000 are ``99.9%``,
    never ``100.0%``. Nor does a share above nought read as none: 3 samples in 10,000 are
    ``under 0.1%``, never ``0.0%`` (a bid that can win must not read as one that cannot).
    Noughts at the end are kept (``40.0%``) unless ``every_place`` is declined, when a share
    that is its figure loses them (``40%``, but ``31.3%``)."""
    # In decimal: 0.4 × 100 is 40.00000000000001 as a float, which is not "the figure shown".
    value = float(Decimal(repr(float(share))) * 100) if math.isfinite(share) else share * 100
    text = figure(value, decimals, every_place)
    if share < 1 and float(text) >= 100:
        text = f"{100 - 10.0**-decimals:.{decimals}f}"
    if share > 0 and float(text) == 0:
        return f"under {10.0**-decimals:.{decimals}f}%"
    return f"{text}%"


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
