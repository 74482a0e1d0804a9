"""Supplier names that look the same on screen but are written with different characters.

"Acme Care Ltd" with a Cyrillic "а", or with a zero-width space inside it, is another string
to a computer, so it is another supplier, and the two appear as two identical rows. The
:func:`skeleton` of a name is what it looks like, in a canonical spelling: compatibility forms
folded (NFKC: full-width letters, ligatures), invisible characters removed (zero-width spaces
and joiners, soft hyphens, direction marks, variation selectors), case folded, and the letters
of other scripts that are drawn like Latin letters (Cyrillic and Greek, the most common in
practice), dashes and quotes mapped to one form. It follows the idea of the Unicode
confusables skeleton (UTS #39) for the characters that occur in organisation names, not its
whole table; names with the same skeleton but different keys are pointed out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from tendereval.wording import listed

# Drawn like a Latin letter (after case folding, so capitals are covered by their small form).
_LOOKS_LIKE = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "ë", "з": "3", "к": "k", "м": "m", "н": "h",
        "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
        "і": "i", "ї": "ï", "ј": "j", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
        "ү": "y", "ɡ": "g", "ь": "b",
        # Greek
        "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m",
        "ν": "n", "ο": "o", "ρ": "p", "τ": "t", "υ": "y", "χ": "x", "ϲ": "c", "ϳ": "j",
        # Latin letters and digits drawn alike
        "ı": "i", "ɑ": "a", "ℓ": "l", "0": "o", "1": "l", "|": "l",
        # Dashes and quotes
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "″": '"',
    }
)  # fmt: skip
# Invisible characters that are not format characters (Cf): the combining grapheme joiner,
# variation selectors, and the Hangul fillers.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u3164\uffa0") | frozenset(
    chr(c) for c in range(0xFE00, 0xFE10)
)


@lru_cache(maxsize=4096)
def skeleton(name: str) -> str:
    """How ``name`` looks, as a string: equal for names that cannot be told apart on screen."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if not _invisible(ch))
    return " ".join(text.casefold().translate(_LOOKS_LIKE).split())


def _invisible(char: str) -> bool:
    return char in _INVISIBLE or unicodedata.category(char) == "Cf"


# Characters named one by one; more are counted (a name can be a cell of 32,767 characters of
# two hundred kinds, which made a problem of 8,000 characters).
CHARACTERS_NAMED = 5


def unusual_characters(name: str) -> str:
    """The characters of ``name`` outside plain ASCII, each with its Unicode name, in words
    ("" when there are none): what tells two look-alike names apart. The first
    :data:`CHARACTERS_NAMED` kinds are named, the rest counted."""
    kinds = dict.fromkeys(c for c in name if not (c.isascii() and c.isprintable()))
    named = [f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}" for c in kinds]
    if len(named) <= CHARACTERS_NAMED:
        return ", ".join(named)
    rest = len(named) - CHARACTERS_NAMED
    return ", ".join(named[:CHARACTERS_NAMED]) + f" and {rest:,} more outside plain letters"


def how_they_differ(*names: str) -> str:
    """Each name with the characters outside plain ASCII it holds, in words: what a problem
    about look-alike names shows as found."""
    return "; ".join(f"'{n}' has {unusual_characters(n) or 'only plain letters'}" for n in names)


# How Companies House compares company names ("same as" rules, The Company, Limited Liability
# Partnership, and Business (Names and Trading Disclosures) Regulations 2015, Schedule 3): a
# legal form or "company" at the end, "the" at the start, punctuation and spacing make no
# difference, and "&" is "and". Two names equal under them cannot both be registered, so two
# bids so named are almost certainly one organisation. The endings, longest first, as words.
_ENDINGS = tuple(
    tuple(ending.split())
    for ending in sorted(
        (
            "limited", "ltd", "unlimited", "public limited company", "plc",
            "limited liability partnership", "llp", "community interest company", "cic",
            "community interest public limited company", "community interest plc",
            "charitable incorporated organisation", "cio", "company", "co", "and company",
            "and co", "uk", "u k", "cyfyngedig", "cyf", "cwmni cyfyngedig cyhoeddus", "ccc",
            "l t d", "p l c", "l l p", "c i c", "c i o", "c c c",
        ),
        key=lambda ending: -len(ending.split()),
    )
)  # fmt: skip


@lru_cache(maxsize=4096)
def registered_form(name: str) -> str:
    """``name`` as Companies House compares names (see :data:`_ENDINGS`), on its
    :func:`skeleton`: equal for names that could not both be registered."""
    text = skeleton(name).replace("&", " and ").replace("+", " plus ")
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    stripped = True
    while stripped:
        stripped = False
        for ending in _ENDINGS:
            if len(words) > len(ending) and tuple(words[-len(ending) :]) == ending:
                words = words[: -len(ending)]
                stripped = True
                break
    return "".join(words)


# A file name's letters as a disk keeps them: Linux (and a shared drive that keeps case) holds
# "Weald.xlsx" beside "weald.xlsx", and "é" typed on Windows (one character) beside "é" from a
# Mac's zip ("e" and a combining accent). Such names print alike, or all but alike, so a
# message naming two of them says what tells them apart.
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def told_apart(names: Sequence[str]) -> str:
    """What tells apart those of ``names`` (in the order a message lists them) that differ
    only in capitals, or only in how an accented letter is stored, in words ("the names
    differ only in capitals"); "" when no two do."""
    groups: dict[str, list[int]] = {}
    for place, name in enumerate(names):
        groups.setdefault(unicodedata.normalize("NFC", name).casefold(), []).append(place)
    said = [
        _how_stored_apart(names, places)
        for places in groups.values()
        if len({names[place] for place in places}) > 1
    ]
    return "; ".join(said)


def _how_stored_apart(names: Sequence[str], places: list[int]) -> str:
    """How the names at ``places`` of ``names``, equal but for capitals and the way accents
    are stored, differ: in capitals, or (the same letters) in how an accented letter is."""
    group = [names[place] for place in places]
    which = "the names" if len(places) == len(names) else f"the {_ordinals(places)}"
    if len({unicodedata.normalize("NFC", name) for name in group}) > 1:
        stored = len({name == unicodedata.normalize("NFC", name) for name in group}) > 1
        return f"{which} differ only in capitals" + (
            ", and in how an accented letter is stored" if stored else ""
        )
    letters = [_letters(name) for name in group]
    at = next((i for i, each in enumerate(zip(*letters, strict=False)) if len(set(each)) > 1), None)
    if at is None:  # (not split letter for letter alike: said without the letter)
        return f"{which} are the same letters stored differently"
    forms: dict[str, list[int]] = {}
    for place, each in zip(places, letters, strict=True):
        forms.setdefault(each[at], []).append(place)
    letter = unicodedata.normalize("NFC", letters[0][at])
    subject = "" if which == "the names" else f"{which} are "
    return f"{subject}the same letters stored differently: " + "; ".join(
        f"the {_ordinals(where)} {'has' if len(where) == 1 else 'have'} {letter} as "
        + ("one character" if len(form) == 1 else f"{_spelt(form)}, as a Mac stores it")
        for form, where in forms.items()
    )


def _letters(name: str) -> list[str]:
    """``name`` letter by letter, each with the combining marks after it."""
    letters: list[str] = []
    for char in name:
        if letters and unicodedata.combining(char):
            letters[-1] += char
        else:
            letters.append(char)
    return letters


def _spelt(letter: str) -> str:
    """A letter stored as a base and combining marks, each shown: "e + ◌́"."""
    return " + ".join([letter[0], *(f"\u25cc{mark}" for mark in letter[1:])])


def _ordinals(places: list[int]) -> str:
    """The places (from 0) of names in a list, in words: "first", "second and third"."""
    return listed([_ORDINALS[p] if p < len(_ORDINALS) else f"{p + 1}th" for p in places])
