"""Counts in words: "1 lot", "3 lots". One rule for every message, summary and report, so no
output reads "a cap of 1 lots" or "1 offers were not eligible"."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the words that agree with it: ``counted(1, "lot")`` is "1 lot",
    ``counted(3, "lot")`` "3 lots", ``counted(1, "offer was", "offers were")`` "1 offer was".
    ``many`` defaults to ``one`` with an s; thousands are separated (1,200 bids)."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
