"""The key suppliers are matched on across files.

Kept apart from :mod:`tendereval.io.frames` (which needs polars) so that the bid rules, and
so the workers that read and check bids in parallel, start without importing polars.
"""

from __future__ import annotations

import unicodedata


def supplier_key(name: str) -> str:
    """The key suppliers are matched on: NFKC-normalised, case-folded, spaces collapsed."""
    # str.split() with no separator splits on runs of exactly the characters regex \s matches
    # (str.isspace) and drops them at either end: every run becomes one space, ends trimmed.
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()
