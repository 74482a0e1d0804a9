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

# The letters of Latin-1 and Latin Extended-A that NFKD leaves whole (a stroke or a ligature is
# not an accent it can take off), spelled as English text spells them: without this the ASCII
# step dropped them, and "Ørsted Care" was rsted-care in its file name and published id. Only
# small letters: supplier_key has case-folded the capitals (Ø ø, Ł ł) and ß to ss already; ǽ
# and ǿ are æ and ø once NFKD has taken their accents off.
_LETTERS_IN_ASCII = {
    "æ": "ae",
    "ð": "d",
    "ø": "o",
    "þ": "th",
    "đ": "d",
    "ħ": "h",
    "ı": "i",
    "ĸ": "q",  # Greenlandic kra, written q since 1973
    "ł": "l",
    "ŋ": "ng",
    "œ": "oe",
    "ŧ": "t",
}
_SPELLED_IN_ASCII = str.maketrans(_LETTERS_IN_ASCII)
# The same with capitals kept (Ø O, Æ AE), for text whose case is its own (a tender id).
_SPELLED_AS_WRITTEN = str.maketrans(
    {
        **_LETTERS_IN_ASCII,
        **{k.upper(): v.upper() for k, v in _LETTERS_IN_ASCII.items() if k.upper() != k},
        "ß": "ss",
        "ẞ": "SS",
    }
)


def slug(name: str, limit: int = 60) -> str:
    """A file-name-safe form of a name: ASCII letters and digits joined by hyphens ("" when
    none is left). Made from :func:`supplier_key`, accents dropped ("Zoë Ltd" and "ZOE LTD" are
    both zoe-ltd) and letters with no accent to drop spelled in ASCII ("Straße" strasse,
    "Ørsted" orsted, "Łódź" lodz, "Æther" aether), so that names which make one slug make it
    in every output (a summary's file name, an OCDS tenderer's id) and are numbered there in
    one order (:func:`numbered_slugs`)."""
    letters = unicodedata.normalize("NFKD", supplier_key(name)).translate(_SPELLED_IN_ASCII)
    ascii_name = letters.encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_name).strip("-")[:limit].strip("-")


def in_ascii_letters(text: str) -> str:
    """``text`` with its letters spelled in ASCII as :func:`slug` spells them, capitals kept:
    accents dropped ("Ŵyn" Wyn, "Zoë" Zoe), letters with no accent to drop spelled out
    ("Ørsted" Orsted, "Straße" Strasse); a character with no such spelling (Greek, Chinese) is
    dropped. ASCII text is returned as it is."""
    letters = unicodedata.normalize("NFKD", text).translate(_SPELLED_AS_WRITTEN)
    return letters.encode("ascii", "ignore").decode()


def supplier_slug(name: str | None) -> str:
    """:func:`slug` of a supplier's name, or "supplier" for a name with no letter or digit it
    keeps (Greek, Chinese): the summary's file name and the OCDS id fell back to "supplier"
    and "unnamed", so one organisation was numbered under two names."""
    return slug(name or "") or "supplier"


def numbered_slugs(suppliers: Iterable[str]) -> dict[str, str]:
    """Supplier → its :func:`supplier_slug`, numbered -2, -3 … where names make one slug
    ("A-B Care" a-b-care, "A/B Care" a-b-care-2), among every supplier given (registered or
    not), in :func:`in_stable_order`: no two suppliers get one. A summary's file name is its
    supplier's, and an OCDS tenderer with no registered number has it as its id, so each has
    one number in both; numbered apart, a registered "A-B Care" (whose id is its number) left
    "A/B Care" unnumbered in the id and a-b-care-2 in the file name."""
    numbered: dict[str, str] = {}
    taken: set[str] = set()
    # The number each slug was last given: every lower one is taken for good, so the next
    # name of that slug tries on from there. Trying from -2 each time, 8,000 names of one
    # slug (Chinese names, all "supplier") took 32 million tries and 38 s.
    last: dict[str, int] = {}
    for supplier in in_stable_order(suppliers):
        base = supplier_slug(supplier)
        # A number is a suffix a name can also spell ("A B Care 2"): skip any slug taken.
        n = last.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        last[base] = n
        taken.add(candidate)
        numbered[supplier] = candidate
    return numbered
