"""Evaluators' names kept out of what bidders read.

An assessment summary quotes the reasons evaluators and moderation panels wrote, and a panel's
reason sometimes names a colleague ("Tom Okafor read the bid as…"). Bidders must not learn who
scored them, so :class:`Redactor` replaces each evaluator's full name (any case), and a
capitalised surname on its own, with "an evaluator" (a panel named like "Carers' group panel"
has no surname to look for). Surnames shorter than three letters are
left alone (they would match initials and ordinary words). Names written only as a first name
are not caught: the summaries command says how many explanations it changed, so the officer
can read those and any others before sending.

A bidder must not learn from its summary who else bid either: only the most advantageous
tender of its lot is named there. An evaluator comparing answers ("clearer than Beta
Homecare's") or a problem naming two bids ("gives the same company number as Gamma Support
CIC (bids/gamma.xlsx)") would tell it. :class:`OtherBidders` replaces every other bidder's
name, and its bid file, with "another bidder" in the text of one supplier's summary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from functools import lru_cache

import polars as pl

from tendereval.scoring.result import ScoreResult

REPLACEMENT = "an evaluator"
OTHER_BIDDER = "another bidder"
OTHER_FILE = "another bidder's file"
# Legal forms a name is also written without ("Beta Homecare" for "Beta Homecare Limited").
_LEGAL_FORMS = frozenset(
    """ltd ltd. limited plc p.l.c. cic c.i.c. llp lp cio inc inc. co co. company""".split()  # noqa: SIM905
)


class Redactor:
    """Replaces the names of ``evaluators`` in text."""

    def __init__(self, evaluators: Iterable[str]):
        names = sorted({n.strip() for n in evaluators if n and n.strip()}, key=len, reverse=True)
        surnames = sorted(
            {
                n.split()[-1]
                for n in names
                if len(n.split()) > 1 and len(n.split()[-1]) >= 3 and n.split()[-1][0].isupper()
            },
            key=len,
            reverse=True,
        )
        self._full = _words(names, re.IGNORECASE)
        self._surname = _words(surnames, 0)

    @classmethod
    def of(cls, result: ScoreResult) -> Redactor:
        return cls(result.evaluator_scores.get_column("evaluator").drop_nulls().unique())

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        for pattern in (self._full, self._surname):
            if pattern is not None:
                text = pattern.sub(_replacement, text)
        return text

    def names_in(self, texts: Iterable[str | None]) -> int:
        """How many of ``texts`` name an evaluator."""
        return sum(1 for text in texts if text and self(text) != text)


def explanations(result: ScoreResult) -> pl.Series:
    """Every explanation an assessment summary can quote."""
    return result.criteria.get_column("reason").drop_nulls().unique()


class OtherBidders:
    """Replaces the names and bid files of bidders a summary's reader may not learn.

    A name is looked for in full (any case, any spacing) and without its legal form ("Beta
    Homecare" for "Beta Homecare Limited", as written; a one-word form only if it has four
    letters or more); a bid file by its path (``bids/beta.xlsx``). An apostrophe in a name
    stands for any apostrophe ("St Mary's" typed in Excel, "St Mary’s" pasted from Word).
    Where two names overlap the longer is taken, so a kept "Alpha Care Ltd" is never cut down
    to another bidder's "Alpha Care". Other spellings (a nickname, an abbreviation) are not
    caught, which is why the summaries command says how many explanations it changed."""

    FILED = True  # search only for the forms filed under the text's words (tests compare)

    def __init__(self, bids: Iterable[tuple[str, str | None]]):
        owners: dict[str, set[str]] = {}  # a form as matched (folded) → the suppliers it names
        loose: set[str] = set()  # full names of two words or more: matched in any case
        exact: set[str] = set()  # other forms and bid files: matched as written
        files: set[str] = set()
        for supplier, source in bids:
            if not supplier or not supplier.strip():
                continue
            for form, as_written in _forms(supplier):
                owners.setdefault(_fold(form), set()).add(supplier)
                (exact if as_written else loose).add(form)
            if source:
                owners.setdefault(_fold(source), set()).add(supplier)
                exact.add(source)
                files.add(_fold(source))
        self._owners, self._files = owners, files
        forms = [(form, "") for form in exact] + [(form, "?i:") for form in loose]
        self._pattern = _pattern(tuple(forms)) if forms else None
        # A text names a form only if it holds each word of the form as a whole word (the
        # form's ends are word boundaries, and so is every non-word character inside it). So
        # each form is filed under its rarest word, and a text is searched only for the forms
        # filed under its own words (with a thousand bidders, one pattern of every form took
        # 40 ms a sentence). Kept to plain ASCII, where ignoring case is lower-casing; a form
        # or a text with any other character is searched for with every form.
        self._always: list[tuple[str, str]] = []
        self._filed: dict[str, list[tuple[str, str]]] = {}
        words = {item: _WORD.findall(item[0].lower()) for item in forms if item[0].isascii()}
        counts = Counter(word for found in words.values() for word in set(found))
        for item in forms:
            found = words.get(item)
            if not found:
                self._always.append(item)
                continue
            rarest = min(found, key=lambda word: (counts[word], -len(word), word))
            self._filed.setdefault(rarest, []).append(item)

    @classmethod
    def of(cls, result: ScoreResult) -> OtherBidders:
        bids = result.results.select("supplier", "source").unique().sort("supplier", "source")
        return cls(bids.iter_rows())

    def __call__(self, text: str | None, keep: Collection[str]) -> str | None:
        """``text`` with every bidder not in ``keep`` (the reader, the tender named to it)
        replaced."""
        if not text or self._pattern is None:
            return text
        pattern = self._pattern
        if text.isascii() and self.FILED:
            filed = self._filed
            candidates = [*self._always]
            for word in set(_WORD.findall(text.lower())):
                candidates += filed.get(word, ())
            if not candidates:
                return text
            pattern = _pattern(tuple(sorted(candidates)))

        def replace(match: re.Match[str]) -> str:
            found = _fold(match.group())
            if self._owners.get(found, set()) & set(keep):
                return match.group()
            return _replacement(match, OTHER_FILE if found in self._files else OTHER_BIDDER)

        return pattern.sub(replace, text)

    def names_in(self, texts: Iterable[tuple[str | None, Collection[str]]]) -> int:
        """How many of ``texts`` (each with the suppliers its reader may see) name another."""
        return sum(1 for text, keep in texts if text and self(text, keep) != text)


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=256)
def _pattern(forms: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One pattern finding any of ``forms`` ((form, flags)) as whole words, the longest first
    where two start at one place."""
    ordered = sorted(forms, key=lambda item: (-len(item[0]), item))
    alternatives = "|".join(f"({flags}{_spaced(form)})" for form, flags in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _forms(supplier: str) -> list[tuple[str, bool]]:
    """(form, matched as written?) of a supplier's name: in full, and without a legal form."""
    name = " ".join(supplier.split())
    forms = [(name, " " not in name)]  # a one-word name as written: "Care" is not "care"
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in _LEGAL_FORMS:
        words.pop()
    short = " ".join(words)
    if short != name and (len(words) > 1 or len(short) >= 4):
        forms.append((short, True))
    return forms


# Apostrophes one name is typed with: a bid return typed in Excel gives "St Mary's", a reason
# pasted from Word "St Mary’s". Each stands for any of them when a name is looked for.
_APOSTROPHES = "'\u2019\u2018\u02bc`"
_ANY_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")


def _fold(text: str) -> str:
    return " ".join(_ANY_APOSTROPHE.sub("'", text).casefold().split())


def _spaced(form: str) -> str:
    escaped = re.escape(form).replace(r"\ ", r"\s+")
    return _ANY_APOSTROPHE.sub(lambda _: f"[{_APOSTROPHES}]", escaped)


def _replacement(match: re.Match[str], replacement: str = REPLACEMENT) -> str:
    # "Tom Okafor read the bid" at the start of a sentence becomes "An evaluator read…".
    before = match.string[: match.start()].rstrip()
    if not before or before[-1] in ".!?":
        return replacement[0].upper() + replacement[1:]
    return replacement


def _words(names: list[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(_spaced(name) for name in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)
