"""The key suppliers are matched on across files.

Kept apart from :mod:`tendereval.io.frames` (which needs polars) so that the bid rules, and
so the workers that read and check bids in parallel, start without importing polars.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def supplier_key(name: str) -> str:
    """The key suppliers are matched on: NFKC-normalised, case-folded, spaces collapsed."""
    # str.split() with no separator splits on runs of exactly the characters regex \s matches
    # (str.isspace) and drops them at either end: every run becomes one space, ends trimmed.
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


# A problem's "expected" lists the bidders' names up to this many; beyond, it names the
# nearest to what was found and counts the rest: with 1,000 bidders each line naming an
# unknown supplier was 19,000 characters, the answer lost among them.
NAMES_LISTED = 10
# Names found that are given their nearest bidders, in one file or frame: finding them
# compares the name with every bidder's (17 ms among 1,000 names alike), so a sheet of
# thousands of different unknown names is bounded by this, not by its size.
NEAREST_LOOKED_UP = 30


class BidderNames:
    """What a name that matches no bidder should have been, in words for a problem's
    ``expected``: every bidder's name when there are few, else the nearest to it."""

    def __init__(self, names: Iterable[str]):
        self.names = sorted(set(names))
        self._keys: dict[str, list[str]] | None = None
        self._nearest: dict[str, str] = {}

    def expected(self, found: str | None) -> str:
        names = self.names
        if len(names) <= NAMES_LISTED:
            return ", ".join(names) or "a bidder"
        every = f"the name of one of the {len(names):,} bidders"
        key = supplier_key(found or "")
        if key in self._nearest:
            return self._nearest[key]
        if len(self._nearest) >= NEAREST_LOOKED_UP:
            return f"{every} ({', '.join(names[:3])}, …)"
        if self._keys is None:
            self._keys = {}
            for name in names:
                self._keys.setdefault(supplier_key(name), []).append(name)
        close = difflib.get_close_matches(key, list(self._keys), n=3, cutoff=0.6)
        shown = [name for k in close for name in self._keys[k]][:3]
        text = (
            f"{every} (the nearest: {', '.join(shown)})"
            if shown
            else f"{every} ({', '.join(names[:3])}, …)"
        )
        self._nearest[key] = text
        return text
