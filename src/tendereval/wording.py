"""Counts and lists in words: "1 lot", "3 lots", "a, b and c". One rule for every message,
summary and report, so no output reads "a cap of 1 lots" or "1 offers were not eligible"."""

from __future__ import annotations

from collections.abc import Sequence


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
