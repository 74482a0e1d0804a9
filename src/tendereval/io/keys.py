"""The key suppliers, and the plan's ids, are matched on across files.

Bid returns, score sheets and decisions name suppliers, lots, questions, price items and
evaluator groups; each is matched on :func:`supplier_key`, and the plan refuses two ids of one
kind it makes one (plan.py, ``_Ids``).

Kept apart from :mod:`tendereval.io.frames` (which needs polars) so that the bid rules, and
so the workers that read and check bids in parallel, start without importing polars.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def supplier_key(name: str) -> str:
    """The key suppliers are matched on: NFKC-normalised, case-folded, spaces collapsed."""
    # str.split() with no separator splits on runs of exactly the characters regex \s matches
    # (str.isspace) and drops them at either end: every run becomes one space, ends trimmed.
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def in_stable_order(names: Iterable[str]) -> list[str]:
    """``names`` once each, in the one order every output numbers names that clash in
    (two summaries' file names, two OCDS party ids: "A-B Care" and "A/B Care"): by
    :func:`supplier_key`, then as written. Never the order a file or a frame happens to hold
    them in, so one organisation has one number in every output."""
    return sorted(set(names), key=lambda name: (supplier_key(name), name))


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slug(name: str, limit: int = 60) -> str:
    """A file-name-safe form of a name: ASCII letters and digits joined by hyphens ("" when
    none is left). Made from :func:`supplier_key`, accents dropped ("Zoë Ltd" and "ZOE LTD" are
    both zoe-ltd, "Straße" strasse), so that names which make one slug make it in every output
    (a summary's file name, an OCDS tenderer's id) and are numbered there in one order
    (:func:`in_stable_order`)."""
    ascii_name = unicodedata.normalize("NFKD", supplier_key(name)).encode("ascii", "ignore")
    return _SLUG_DROP.sub("-", ascii_name.decode()).strip("-")[:limit].strip("-")


def supplier_slug(name: str | None) -> str:
    """:func:`slug` of a supplier's name, or "supplier" for a name with no letter or digit it
    keeps (Greek, Chinese): the summary's file name and the OCDS id fell back to "supplier"
    and "unnamed", so one organisation was numbered under two names."""
    return slug(name or "") or "supplier"
