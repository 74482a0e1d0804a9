"""Evaluators' names kept out of what bidders read.

An assessment summary quotes the reasons evaluators and moderation panels wrote, and a panel's
reason sometimes names a colleague ("Tom Okafor read the bid as…"). Bidders must not learn who
scored them, so :class:`Redactor` replaces each evaluator's full name (any case; first and last
name without the middle ones), and a surname on its own capitalised or in capitals (whatever
capitals the Declaration gives it: "Tom OKAFOR", "tom okafor"), with "an evaluator" (a panel
named like "Carers' group panel" or "moderation panel" has no surname to look for; a surname in
lower case in the text is a word, "the marsh"). A surname takes with it a title, initials or an
evaluator's first name before it ("Dr Okafor", "R. Okafor", "Mr T. J. Okafor", "Ruth Okafor"
for Ruth Ann Okafor), the particles the Declaration writes before it ("Mrs van Dijk" for Helen
van Dijk), and a first name after a comma ("Okafor, Ruth"): otherwise the bidder would read "Dr
an evaluator" or "Mrs van an evaluator". The Declaration may give the name as a directory lists
it ("Okafor, Tom", "OKAFOR Tom", "Dr Tom Okafor MBE": the one reading of a name,
:func:`tendereval.person_names.in_order`); the full name is found in either order ("Tom
Okafor", "Okafor Tom"). Surnames shorter than three letters are left alone (they would match
initials and ordinary words). A first name on its own is not replaced ("Will", "Grace" and
"Mark" are words too), nor a capitalised surname on its own starting a sentence ("Strong
safeguarding policy…" for Tom Strong); the summaries command counts the explanations that still
hold either, so the officer reads those before sending.

A surname (or first name) on its own is not the evaluator where it is part of a longer proper
noun (:meth:`Redactor._in_a_longer_name`, the one rule the replacing and every count
follow): inside the name of a supplier of the tender or of a lot or its area ("Romney Marsh
Care CIC", "Romney Marsh" for an evaluator Gareth Marsh), beside another capitalised word
("Shah Street", "Marsh Care") or after "the" ("the Marsh villages"). The last two may be a
person all the same ("Gary Marsh said", "the Okafor view"), so they are counted with the
surnames starting a sentence for the officer to read. The capital of a word starting a
sentence is no evidence ("As Marsh noted": "As" is capitalised as any first word is), nor are
capitals beside a surname written in capitals (a sentence in capitals).

Names are looked for in the text as it reads: a character drawn as nothing (a zero-width
space or a soft hyphen pasted from a web page or Word) does not split a name, letters in
another form of the same letter (full-width "Ｏｋａｆｏｒ", the ligature "ﬁ") are those
letters, and an accented letter is one letter however it is stored ("é" as one character, as
typed, or as "e" and a combining accent, as text copied from a PDF often is); and an
evaluator's name is found with or without its accents, in the Declaration and the text alike
("Sian Williams" is Siân Williams: :func:`_plain_read`). A sign written
after a word that reads as letters or figures (a trade mark "™", a footnote's "¹", a subscript
"₂") ends the word, as a space would: "Hop Garden™" is Hop Garden, not "Hop GardenTM". What is
not a name is left as it was stored.

A bidder must not learn from its summary who else bid either: only the most advantageous
tender of its lot is named there. An evaluator comparing answers ("clearer than Beta
Homecare's") or a problem naming two bids ("gives the same company number as Gamma Support
CIC (bids/gamma.xlsx)") would tell it. :class:`OtherBidders` replaces every other bidder's
name, and its bid file, with "another bidder" in the text of one supplier's summary.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

import polars as pl

from tendereval.io.keys import supplier_key
from tendereval.person_names import (
    GROUP_WORDS,
    NAME_LIKE_POST_NOMINALS,
    POST_NOMINALS,
    TITLES,
    in_order,
    moderator_names,
)
from tendereval.scoring.result import ScoreResult
from tendereval.terminal import INVISIBLE, shows_nothing

REPLACEMENT = "an evaluator"
OTHER_BIDDER = "another bidder"
OTHER_FILE = "another bidder's file"
# Legal forms a name is also written without ("Beta Homecare" for "Beta Homecare Limited"),
# each as its words: in English and in Welsh (Cyf or Cyfyngedig is Limited, CCC or Cwmni
# Cyfyngedig Cyhoeddus a plc; Companies House registers either, io/lookalike.py).
_LEGAL_FORMS = frozenset(
    tuple(form.split())
    for form in (
        "ltd", "ltd.", "limited", "plc", "p.l.c.", "public limited company", "cic", "c.i.c.",
        "llp", "lp", "cio", "inc", "inc.", "co", "co.", "company",
        "cyf", "cyf.", "cyfyngedig", "ccc", "c.c.c.", "cwmni cyfyngedig cyhoeddus",
    )
)  # fmt: skip
_LONGEST_FORM = max(len(form) for form in _LEGAL_FORMS)


class Redactor:
    """Replaces the names of ``evaluators`` in text. ``names`` are the tender's other proper
    names (its suppliers' names, its lots' and their areas'): an evaluator's surname or first
    name inside one of them is not the evaluator."""

    def __init__(self, evaluators: Iterable[str], names: Iterable[str | None] = ()):
        # Names are looked for without their accents, in names and text alike: "Sian
        # Williams" is Siân Williams, and "Brontë" is Bronte (:func:`_plain_read`).
        names_of = sorted({name for n in evaluators if (name := _plain_name(n))})
        # Each name as its words, first names first and the surname last, whichever way the
        # Declaration gives it ("Okafor, Tom", "OKAFOR Tom", "Dr Tom Okafor MBE"), and where
        # its surname starts: with the particles written before it ("van Dijk", "ap Rhys").
        words = [in_order(name) for name in names_of]
        starts = [_surname_start(w) for w in words]
        # The name without its particles ("Helen Dijk" for Helen van Dijk), and the surname
        # with them ("van Dijk").
        core = [w[:at] + w[-1:] for w, at in zip(words, starts, strict=True)]
        full_surname = [" ".join(w[at:]) for w, at in zip(words, starts, strict=True)]
        # First and last name without the middle ones: "Ruth Okafor" for Ruth Ann Okafor,
        # "Helen van Dijk" for Helen Anne van Dijk.
        shortened = {
            f"{c[0]} {last}"
            for c, surname in zip(core, full_surname, strict=True)
            if len(c) > 1
            for last in {c[-1], surname}
        } - set(names_of)
        # A name's last word is its surname, whatever capitals the Declaration gives it ("Tom
        # OKAFOR", "tom okafor"), but for one saying the name is a group's ("Carers' Reference
        # Group panel", "moderation panel"), and a lower-case word ending a name that has
        # capitals ("Carers' group panel").
        surnames = {
            w[-1]
            for w in words
            if len(w) > 1
            and len(w[-1]) >= 3
            and (w[-1][0].isupper() or _in_lower_case(w))
            and w[-1].casefold() not in GROUP_WORDS
        }
        # A person's name: two to four capitalised words (but the particles of a surname), or
        # words typed without capitals ("Carers' Reference Group panel" is a panel, and its
        # "Group" is nobody's first name).
        people = [
            (c, surname)
            for w, c, surname in zip(words, core, full_surname, strict=True)
            if 1 < len(c) <= 4 and (all(part[0].isupper() for part in c) or _in_lower_case(w))
        ]
        given = {part for c, _ in people if c[-1] in surnames for part in c[:-1] if len(part) >= 2}
        firsts = {c[0] for c, _ in people if c[-1] in surnames and len(c[0]) >= 2}
        self._first = _words(_longest_first(_as_capitalised(firsts)), 0)
        # A person's full name in either order, as a directory lists it ("Okafor Tom",
        # "Okafor, Tom", "Okafor, Ruth Ann", "van Dijk, Helen"), and as the Declaration wrote it.
        either = {
            form
            for c, surname in people
            if c[-1] in surnames
            for given_names in {" ".join(c[:-1]), c[0]}
            for written in {c[-1], surname}
            for form in (f"{written} {given_names}", f"{written}, {given_names}")
        }
        full = set(names_of) | {" ".join(w) for w in words} | shortened | either
        self._full = _full_names(_longest_first(full))
        # A surname is looked for with its particles too ("Mrs van Dijk"): written with them,
        # it is the evaluator's, as written with a title is.
        particled = {
            surname
            for w, surname in zip(words, full_surname, strict=True)
            if w[-1] in surnames and " " in surname
        }
        self._surname = _surnames(surnames | particled, given)
        self._bare = {_fold(s) for s in surnames}  # a surname alone, as matched (folded)
        self._own = self._bare | {_fold(f) for f in firsts}  # no evidence of a longer name
        self._within = _names_holding(self._own, (_plain_name(name) for name in names))
        # Each text as redacted, worked out once: the summaries quote a reason in its bid's
        # summary, the awarded tender's in every other summary of its lot, and the counts
        # the command prints read each again (four to a hundred times each).
        self._done: dict[str, tuple[str, bool]] = {}

    @classmethod
    def of(cls, result: ScoreResult) -> Redactor:
        """The evaluators of ``result``, with the names of its suppliers (and the trading
        names their bids give) and of the plan's lots and their areas."""
        names = [
            *result.results.get_column("supplier").drop_nulls().unique().sort(),
            *(
                result.suppliers.get_column("trading_name").drop_nulls().unique().sort()
                if "trading_name" in result.suppliers.columns
                else ()
            ),
            *(name for lot in result.plan.lots for name in (lot.name, lot.group)),
        ]
        # Whoever recorded a consensus score is an evaluator of that bid as much as its
        # scorers are, chairing and not scoring as may be ("Jane Doe (chair)"), read as the
        # moderator rule reads a "Moderated by" (person_names.moderator_names).
        moderation = result.moderation
        moderators = (
            name
            for cell in (
                moderation.get_column("moderated_by").drop_nulls().unique().sort()
                if "moderated_by" in moderation.columns
                else ()
            )
            for name in moderator_names(cell)
        )
        scorers = result.evaluator_scores.get_column("evaluator").drop_nulls().unique().sort()
        return cls([*scorers, *moderators], names)

    def __call__(self, text: str | None) -> str | None:
        return self._redacted(text)[0]

    def _redacted(self, text: str | None) -> tuple[str | None, bool]:
        """``text`` redacted, and whether a surname alone was left in it where it may name an
        evaluator (starting a sentence, or beside another capitalised word)."""
        if not text:
            return text, False
        done = self._done.get(text)
        if done is None:
            done = self._done[text] = self._redacting(text)
        return done

    def _redacting(self, text: str) -> tuple[str, bool]:
        """What :meth:`_redacted` gives ``text`` (not empty), worked out."""
        if self._full is not None:
            text = _substitute_read(
                self._full, text, lambda _found, before: _capital(before), _plain_read(text)
            )
        left = False

        def surname(found: re.Match[str], before: str) -> str | None:
            nonlocal left
            # A surname is a name capitalised ("Okafor", "OKAFOR", "McDonald"), whatever
            # capitals the Declaration gives it; in lower case it is a word ("the marsh").
            # (Its particles may be in lower case: "van Dijk".)
            if not found.group("surname").split()[-1][0].isupper():
                return None
            written = found.group()
            if _fold(written) in self._bare:
                longer = self._in_a_longer_name(found)
                if longer == _NAMED:
                    return None
                # Beside another capitalised word ("Romney Marsh", "Gary Marsh"), or where a
                # sentence starts, where it may be a word ("Strong safeguarding policy…" for
                # Tom Strong; but "Strong's view" is someone's): left, and counted for the
                # officer to read.
                if longer == _BESIDE or (
                    written != written.upper()
                    and _starts_sentence(before)
                    and not _POSSESSIVE.match(found.string, found.end())
                ):
                    left = True
                    return None
            return _capital(before)

        if self._surname is not None:
            text = _substitute_read(self._surname, text, surname, _plain_read(text))
        return _ARTICLE_BEFORE.sub(_without_the_article, text), left

    def _in_a_longer_name(self, found: re.Match[str]) -> str | None:
        """Whether the evaluator's surname or first name ``found`` (alone, in the text as it
        reads) is part of a longer proper noun: :data:`_NAMED` where it surely is (inside the
        name of a supplier, a lot or an area), :data:`_BESIDE` where it stands beside another
        capitalised word ("Shah Street", "Romney Marsh", but "Gary Marsh" may be a person) or
        after "the" ("the Marsh villages", but "the Okafor view" is a person's), None where
        it is not."""
        text, start, end = found.string, found.start(), found.end()
        written = found.group()
        holding = self._within.get(_fold(written))
        if holding is not None and any(
            (name := holding.pattern.match(text, at)) and name.end() >= end
            for at in _word_starts(text, start, holding.words, holding.reach)
        ):
            return _NAMED
        before = _word_before(text, start)
        # After "the" it may be a place ("the Marsh villages") or a person's ("the Okafor
        # view", as panels write): left as written, but counted for the officer to read.
        if before is not None and before[0].casefold() == "the":
            return _BESIDE
        after = _word_after(text, end)
        # A word starting a sentence is capitalised as any is ("As Marsh noted"); a word in
        # capitals beside a surname in capitals is a sentence in capitals ("MARSH SAID").
        beside = (
            [after] if before is None or _starts_sentence(text[: before[1]]) else [before[0], after]
        )
        if any(word is not None and self._capitalised(word, written) for word in beside):
            return _BESIDE
        return None

    def _capitalised(self, word: str, beside: str) -> bool:
        """Whether ``word``, written beside the evaluator's name ``beside``, is a capitalised
        word that makes a longer name of it (not "I", nor an evaluator's own name)."""
        return (
            word[:1].isupper()
            and word != "I"
            and not (beside.isupper() and word.isupper())
            and _fold(word) not in self._own
        )

    def names_in(self, texts: Iterable[str | None]) -> int:
        """How many of ``texts`` name an evaluator."""
        return sum(1 for text in texts if text and self(text) != text)

    def surnames_left_in(self, texts: Iterable[str | None]) -> int:
        """How many of ``texts`` still hold an evaluator's surname on its own once redacted
        where it may name one: starting a sentence ("Strong safeguarding…", "Okafor
        thought…"), as a capitalised word starting a sentence can be an ordinary word, or
        beside another capitalised word ("Gary Marsh", "Romney Marsh")."""
        return sum(1 for text in texts if text and self._redacted(text)[1])

    def first_names_in(self, texts: Iterable[str | None]) -> int:
        """How many of ``texts`` still hold an evaluator's first name on its own once
        redacted ("Ruth thought…"): not replaced, as a first name can be a word too. One
        surely part of a longer name (a supplier's, "the …") is not counted."""
        if self._first is None:
            return 0
        first = self._first
        return sum(
            1
            for text in texts
            if text
            and any(
                self._in_a_longer_name(found) != _NAMED
                for found in first.finditer(_plain_reads(self(text) or ""))
            )
        )


# What :meth:`Redactor._in_a_longer_name` finds.
_NAMED = "named"  # surely part of a longer name: left as written, not counted
_BESIDE = "beside"  # beside a capitalised word: left as written, and counted
# Spaces that keep two words on one line (a line break starts a list's item).
_SPACES = " \t\u00a0\u2002\u2003\u2009\u202f"
_WORDLIKE = "'\u2019-"  # inside a word: "Carers'", "O'Brien", "Ng-Wright"


def _word_before(text: str, at: int) -> tuple[str, int] | None:
    """The word just before ``at`` with only spaces between, and where it starts."""
    end = at
    while end > 0 and text[end - 1] in _SPACES:
        end -= 1
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _WORDLIKE):
        start -= 1
    return (text[start:end], start) if start < end < at else None


def _word_after(text: str, at: int) -> str | None:
    """The word just after ``at`` with only spaces between."""
    start = at
    while start < len(text) and text[start] in _SPACES:
        start += 1
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] in _WORDLIKE):
        end += 1
    return text[start:end] if at < start < end else None


def _word_starts(text: str, at: int, words: int, reach: int) -> list[int]:
    """Where the last ``words`` words up to ``at`` start, looked for at most ``reach``
    characters back: where a name holding what is at ``at`` may start."""
    low = max(0, at - reach)
    starts = [low + found.start() for found in _WORD_START.finditer(text[low : at + 1])]
    return starts[-words:]


_WORD_START = re.compile(r"(?<!\w)\w")


class _Holding(NamedTuple):
    """The parts of the tender's names holding one evaluator's surname or first name."""

    pattern: re.Pattern[str]  # any of them, as whole words, any case
    words: int  # the most words one has
    reach: int  # how many characters back from the surname one may start


def _names_holding(words: set[str], names: Iterable[str | None]) -> dict[str, _Holding]:
    """For each of ``words`` (an evaluator's surname or first name, folded), the parts of
    ``names`` (a word or more in a row, longer than the surname) that hold it: "Romney
    Marsh", "Marsh Care" and "Romney Marsh Care CIC" of Romney Marsh Care CIC for "marsh",
    "Marsh-Lane" of Marsh-Lane Homecare."""
    parts: dict[str, set[str]] = {}
    for name in names:
        read = _name_as_read(name)
        if read is None:
            continue
        for form, _ in _forms(read):
            named = form.split()
            for i, word in enumerate(named):
                for held in {_fold(w) for w in _WORD.findall(word)} & words:
                    for first in range(i + 1):
                        for last in range(i + 1, len(named) + 1):
                            part = " ".join(named[first:last])
                            if _fold(part) != held:
                                parts.setdefault(held, set()).add(part)
    holding = {}
    for held, found in parts.items():
        # The longest first: where two start at one place, the one reaching furthest is
        # tried first.
        pattern = _words(_longest_first(found), re.IGNORECASE)
        if pattern is not None:
            # (Twice as far back as the longest part, for the spaces typed between words.)
            reach = 2 * max(len(part) for part in found) + 8
            holding[held] = _Holding(pattern, max(len(_WORD.findall(p)) for p in found), reach)
    return holding


def explanations(result: ScoreResult) -> pl.Series:
    """Every explanation an assessment summary can quote: the scores' reasons and each bid's
    own reasons (why it was disqualified, disregarded or not assessed)."""
    return (
        pl.concat(
            [
                result.criteria.get_column("reason"),
                result.results.get_column("reasons").explode().rename("reason"),
            ]
        )
        .drop_nulls()
        .unique()
    )


class OtherBidders:
    """Replaces the names and bid files of bidders a summary's reader may not learn.

    A name is looked for in full (any case, any spacing; but a name of ordinary words, with no
    figure or legal form, only with the capitals it has: "carers first" and "Carers first"
    are words, "Carers First" and "CARERS FIRST" the bidder) and without its legal form ("Beta
    Homecare" for "Beta Homecare Limited", as written; a one-word form only if it has four
    letters or more), a hyphen between its words as a space ("Hop-Garden"), and a Cyrillic or
    Greek letter drawn as a Latin one in a word with Latin letters as that Latin letter
    (:func:`_unconfused`); a bid file by its path (``bids/beta.xlsx``). An apostrophe in a name
    stands for any apostrophe ("St Mary's" typed in Excel, "St Mary’s" pasted from Word).
    Where two names overlap the longer is taken, so a kept "Alpha Care Ltd" is never cut down
    to another bidder's "Alpha Care". A name of one word starting a sentence, capitalised
    only as a first word is ("Strong safeguarding…" for Strong Ltd), is left and counted
    (:meth:`left_in`), as :class:`Redactor` leaves a surname there; a name inside a lot's or
    an area's name (``places``: "Dover" of "across Dover and East Kent") is the place. Other
    spellings (a nickname, an abbreviation) are not caught, which is why the summaries
    command says how many explanations it changed."""

    FILED = True  # search only for the forms filed under the text's words (tests compare)

    def __init__(
        self,
        bids: Iterable[tuple[str, str | None]],
        trading: Iterable[tuple[str, str]] = (),
        places: Iterable[str | None] = (),
    ):
        # A form as matched (folded) → the suppliers it names, by supplier_key: the loader's
        # match of one supplier's returns. Its other return under another spelling of its
        # name ("WEALD CARERS TRUST" beside "Weald Carers Trust", two PPONs) is its own, and a
        # held summary called that return "another bidder's file".
        owners: dict[str, set[str]] = {}
        loose: set[str] = set()  # full names of two words or more: matched ignoring case
        exact: set[str] = set()  # other forms and bid files: matched as written
        files: set[str] = set()
        # Each bidder by its name, and by the trading name its bid gives ("Hop Garden" for Hop
        # Garden Respite CIC): an evaluator writes the name the supplier is known by.
        bids = list(bids)
        # (A trading name of one word under four letters, "Ace", is too common a word to
        # look for, as a name's short form is.)
        named = [(supplier, supplier) for supplier, _ in bids] + [
            (supplier, name)
            for supplier, name in trading
            if name and (len(name.strip()) >= 4 or " " in name.strip())
        ]
        for supplier, name in named:
            read = _name_as_read(name)
            if not supplier or not supplier.strip() or read is None:
                continue
            for form, as_written in _forms(_unconfused(read)):
                owners.setdefault(_name_key(form), set()).add(supplier_key(supplier))
                (exact if as_written else loose).add(form)
        for supplier, source in bids:
            if not supplier or not supplier.strip():
                continue
            for path in _file_forms(_reads(source or "")):
                owners.setdefault(_name_key(path), set()).add(supplier_key(supplier))
                exact.add(path)
                files.add(_name_key(path))
        self._owners, self._files = owners, files
        # A name of one word, capitalised as any word starting a sentence is ("Strong" of
        # Strong Ltd, "The"), is no evidence of the bidder there: "Strong safeguarding
        # policy…" is a word. Left as written and counted for the officer to read, as an
        # evaluator's surname on its own is (Redactor).
        self._one_word = {
            _name_key(form)
            for form in exact
            if " " not in form and _name_key(form) not in files and not _legal_form_ending([form])
        }
        # The plan's lots and their areas: "Dover" inside "across Dover and East Kent" is the
        # place, not the bidder Dover Ltd, as it is not an evaluator (Redactor).
        self._places = _words(
            _longest_first({read for place in places if (read := _name_as_read(place))}),
            re.IGNORECASE,
        )
        self._found: dict[str, tuple[tuple[int, int, frozenset[str], str | None], ...]] = {}
        # A name of ordinary words is found only where the text has the capitals the name
        # has: "puts carers first throughout" and "Making space for carers" (a sentence's
        # first word) are words, not the bidders Carers First and Making Space ("Carers
        # First" and "CARERS FIRST" are). A name with a figure or a legal form is a name in
        # any case ("acme care ltd", "provider 0041 care").
        self._capitals: dict[str, set[str]] = {}
        for form in loose:
            if not any(c.isdigit() for c in form) and not _legal_form_ending(form.split()):
                self._capitals.setdefault(_name_key(form), set()).add(form)
        forms = [(form, "") for form in exact] + [(form, "?i:") for form in loose]
        self._pattern = _pattern(tuple(forms)) if forms else None
        # A text names a form only if it holds each word of the form as a whole word (the
        # form's ends are word boundaries, and so is every non-word character inside it). So
        # each form is filed under its rarest word, and a text is searched only for the forms
        # filed under its own words (with a thousand bidders, one pattern of every form took
        # 40 ms a sentence). Words are filed and looked up as _word_key has them, the same for
        # any two words a pattern takes for one another ignoring case; a name that is not
        # plain ASCII ("St Mary’s", "Café", "Ŵy") is filed too: searched for in every text, a
        # thousand of them cost 0.1 s an explanation, and 250 suppliers' summaries over two
        # minutes. Only a form with no word to file it under is always searched for.
        self._always: list[tuple[str, str]] = []
        self._filed: dict[str, list[tuple[str, str]]] = {}
        self._groups: dict[str, tuple[re.Pattern[str], list[tuple[str, str]]]] = {}
        words = {item: _filing_words(item[0]) for item in forms}
        counts = Counter(word for found in words.values() for word in set(found))
        for item in forms:
            found = words[item]
            if not found:
                self._always.append(item)
                continue
            rarest = min(found, key=lambda word: (counts[word], -len(word), word))
            self._filed.setdefault(rarest, []).append(item)

    @classmethod
    def of(cls, result: ScoreResult) -> OtherBidders:
        bids = result.results.select("supplier", "source").unique().sort("supplier", "source")
        trading = (
            result.suppliers.select("supplier", "trading_name")
            .drop_nulls()
            .unique()
            .sort("supplier", "trading_name")
            if {"supplier", "trading_name"} <= set(result.suppliers.columns)
            else None
        )
        places = [name for lot in result.plan.lots for name in (lot.name, lot.group)]
        return cls(
            list(bids.iter_rows()), trading.iter_rows() if trading is not None else (), places
        )

    def __call__(self, text: str | None, keep: Collection[str]) -> str | None:
        """``text`` with every bidder not in ``keep`` (the reader, the tender named to it)
        replaced: a name or bid file of one of them under another spelling of its name (the
        same but for capitals or spaces, as the loader matches a supplier's returns) is
        kept."""
        if not text or self._pattern is None:
            return text
        found = self._found.get(text) if self.FILED else None
        if found is None:
            found = self._finding(text)
            if self.FILED:
                self._found[text] = found
        # Owners are by supplier_key: the reader's own other spelling of its name is its own.
        kept = {supplier_key(name) for name in keep}
        return _spliced(
            text,
            (
                (start, end, replacement)
                for start, end, owners, replacement in found
                if replacement is not None and owners.isdisjoint(kept)
            ),
        )

    def _finding(self, text: str) -> tuple[tuple[int, int, frozenset[str], str | None], ...]:
        """Where ``text`` names a bidder: (start, end, the suppliers the name is, its
        replacement, None for a one-word name starting a sentence, left as written and
        counted: :meth:`left_in`) for each name, in order, whoever reads it. What a reader
        may see is applied by :meth:`__call__`: one reason is quoted in several bidders' summaries
        (the awarded tender's in every summary of its lot) and counted again, and was
        searched afresh for each."""
        pattern = self._pattern
        read = _unconfused_read(text, _as_read(text))
        if self.FILED:
            filed = self._filed
            # Each word's forms are one pattern, made once: one pattern of the forms filed
            # under a text's words, made for each text, cost 0.7 ms to compile, and 300
            # suppliers' summaries compiled 8,000 of them (reasons naming two bidders).
            hits = sorted(_text_words(text if read is None else read.text) & filed.keys())
            groups = [self._group(w, filed[w]) for w in hits]
            if self._always:
                groups.append(self._group("", self._always))
            if not groups:
                return ()
            pattern = groups[0][0] if len(groups) == 1 else _Either(groups)
        found: list[tuple[int, int, frozenset[str], str | None]] = []
        searched = text if read is None else read.text
        places = [] if self._places is None else list(self._places.finditer(searched))
        for match, start, end in _matches_read(pattern, text, read):
            named = match.group()
            folded = _name_key(named)
            capitals = self._capitals.get(folded)
            if capitals and not any(_has_capitals_of(named, form) for form in capitals):
                continue  # ordinary words ("carers first"), whoever reads them
            if any(p.start() <= match.start() and match.end() <= p.end() for p in places):
                continue  # inside a lot's or an area's name ("Dover"), whoever reads it
            owners = frozenset(self._owners.get(folded, ()))
            if (
                folded in self._one_word
                and named[1:] == named[1:].lower()
                and _starts_sentence(text[:start])
                and not _POSSESSIVE.match(searched, match.end())
            ):
                found.append((start, end, owners, None))
                continue
            replacement = _capital(
                text[:start], OTHER_FILE if folded in self._files else OTHER_BIDDER
            )
            found.append((start, end, owners, replacement))
        return tuple(found)

    def _group(
        self, word: str, forms: list[tuple[str, str]]
    ) -> tuple[re.Pattern[str], list[tuple[str, str]]]:
        """The pattern of the forms filed under ``word`` ("" for those always searched for),
        and the forms in its order: made once."""
        group = self._groups.get(word)
        if group is None:
            group = self._groups[word] = (_pattern(tuple(forms)), _ordered(forms))
        return group

    def names_in(self, texts: Iterable[tuple[str | None, Collection[str]]]) -> int:
        """How many of ``texts`` (each with the suppliers its reader may see) name another."""
        return sum(1 for text, keep in texts if text and self(text, keep) != text)

    def left_in(self, texts: Iterable[tuple[str | None, Collection[str]]]) -> int:
        """How many of ``texts`` (each with the suppliers its reader may see) still hold
        another's name of one word starting a sentence ("Strong safeguarding…" for Strong
        Ltd): left as written, as it can be a word there, for the officer to read."""
        count = 0
        for text, keep in texts:
            if not text or self._pattern is None:
                continue
            found = self._found.get(text) if self.FILED else None
            if found is None:
                found = self._finding(text)
            kept = {supplier_key(name) for name in keep}
            count += any(
                replacement is None and owners.isdisjoint(kept)
                for _, _, owners, replacement in found
            )
        return count


_WORD = re.compile(r"\w+")


def _word_key(word: str) -> str:
    """``word`` (a run of word characters, as it reads) as a form is filed under it and a text
    looked up: the same for any two words a pattern takes for one another ignoring case. A
    pattern compares letter for letter, each with its lower case (and a few more: "ς" is "σ",
    "ı" is "i"), and casefold puts each such pair together ("Ŵ" "ŵ", "ß" "ẞ", "ς" "σ"), but
    for "İ" and "ı", which a pattern takes for "i" and casefold does not (tests check every
    letter). An accent stays: "Café" is not "Cafe" to a pattern either."""
    return word.translate(_DOTTED_I).casefold()


_DOTTED_I = str.maketrans({"\u0130": "i", "\u0131": "i"})
# The letters a pattern ignoring case takes for one that is no word character: the Greek iota
# (either case) for the combining ypogegrammeni ("ᾳ" is "α" and one). A word holding the first
# may be no word of the text; where the form holds the second, its words either side of it
# may be one word of the text (tests check every letter).
_IOTA = "\u0399\u03b9"
_YPOGEGRAMMENI = "\u0345"
# Where words are split, an apostrophe splits them, as a name's pattern takes any for any: the
# modifier letter apostrophe "ʼ" is a letter to a pattern's \w ("Maryʼs" one word), but not
# where a name is looked for ("Mary's" is found in "Maryʼs").
_APART = str.maketrans({"\u02bc": "'"})
_FORM_APART = str.maketrans({"\u02bc": "'", _YPOGEGRAMMENI: _IOTA[1]})


def _filing_words(form: str) -> list[str]:
    """The words (:func:`_word_key`) of ``form`` a text its pattern matches surely holds as
    words of its own (:func:`_text_words`): all of them, but one holding an iota (a
    ypogegrammeni counted as one, so the words either side of it are one, left out)."""
    words = _WORD.findall(form.translate(_FORM_APART))
    return [_word_key(word) for word in words if not any(c in _IOTA for c in word)]


def _text_words(text: str) -> set[str]:
    """The words of ``text`` (as it reads), as forms are filed under them (:func:`_word_key`)."""
    if text.isascii():
        return set(_WORD.findall(text.lower()))
    return {_word_key(word) for word in _WORD.findall(text.translate(_APART))}


def _has_capitals_of(found: str, name: str) -> bool:
    """Whether ``found`` (text a name's pattern matched, in any case) has a capital wherever
    ``name`` has one: "Carers First" and "CARERS FIRST" have those of Carers First, "carers
    first" and "Carers first" do not."""
    # The pattern matches letter for letter (spaces and apostrophes apart), so the words of
    # the two line up.
    return all(
        not n.isupper() or f.isupper()
        for word, named in zip(_name_words(found), _name_words(name), strict=False)
        for f, n in zip(word, named, strict=False)
    )


def _name_words(text: str) -> list[str]:
    """The words of a name, parted by spaces or hyphens (:data:`_HYPHENS`)."""
    return re.split(rf"[\s{_HYPHENS}]+", text.strip())


def _ordered(forms: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """``forms`` in the order a pattern tries them where two start at one place: the longest
    first."""
    return sorted(forms, key=_form_order)


def _form_order(item: tuple[str, str]) -> tuple[int, tuple[str, str]]:
    return -len(item[0]), item


class _Either:
    """What one pattern of every form in ``groups`` (each a pattern of some forms, with the
    forms in its order) would find, found with the groups' own patterns: the match that starts
    first, and of two that start at one place, the one whose form that pattern would try first
    (the longer); then on from its end."""

    def __init__(self, groups: list[tuple[re.Pattern[str], list[tuple[str, str]]]]):
        self.groups = groups

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        at = 0
        ahead: list[re.Match[str] | None] = [None] * len(self.groups)
        searched = [-1] * len(self.groups)  # where each group's match ahead was searched from
        while True:
            best: tuple[int, tuple[int, tuple[str, str]], re.Match[str]] | None = None
            for i, (pattern, forms) in enumerate(self.groups):
                found = ahead[i]
                if searched[i] < 0 or (found is not None and found.start() < at):
                    found = ahead[i] = pattern.search(text, at)
                    searched[i] = at
                if found is None:
                    continue
                # The alternative that matched is the group numbered by its form's place.
                key = (found.start(), _form_order(forms[(found.lastindex or 1) - 1]))
                if best is None or key < best[:2]:
                    best = (*key, found)
            if best is None:
                return
            yield best[2]
            at = max(best[2].end(), best[2].start() + 1)  # on past an empty match


@lru_cache(maxsize=256)
def _pattern(forms: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One pattern finding any of ``forms`` ((form, flags)) as whole words, the longest first
    where two start at one place (alternative n, group n, is the n-th of :func:`_ordered`)."""
    ordered = _ordered(forms)
    # Each alternative is one group (a form matched in any case is "(?i:…)" inside it).
    alternatives = "|".join(
        f"(({flags}{_hyphened(form)}))" if flags else f"({_hyphened(form)})"
        for form, flags in ordered
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# A hyphen between the words of a bidder's name is a space: "Hop-Garden" is Hop Garden, and
# "Marsh Lane Homecare" is Marsh-Lane Homecare (any hyphen, with spaces or without).
_HYPHENS = "\u2010\u2011-"  # (the ASCII hyphen last: not a range in a class)
_BETWEEN_WORDS = rf"(?:\s*[{_HYPHENS}]\s*|\s+)"


def _hyphened(form: str) -> str:
    """``form`` as a pattern (:func:`_spaced`) taking a hyphen or spaces between its words."""
    return _spaced(form).replace(r"\s+", _BETWEEN_WORDS).replace(r"\-", _BETWEEN_WORDS)


def _name_key(text: str) -> str:
    """A bidder's name or file as matched, folded (:func:`_fold`), a hyphen as a space."""
    return _fold(re.sub(f"[{_HYPHENS}]", " ", text))


# Letters of the Cyrillic and Greek alphabets drawn as Latin letters are, each case with its
# pair (a pattern ignoring case takes one for the other): "H\u043ep Garden" with a Cyrillic
# "\u043e" reads as Hop Garden, as the bid look-alike check (io/lookalike.py) finds for
# suppliers' names. Read as Latin only in a word that has a Latin letter too: a word wholly in
# Greek or Cyrillic is that alphabet's, and a bidder's name written in it is found as written.
_LOOK_ALIKES = str.maketrans(
    dict(
        zip(
            "\u0410\u0430\u0412\u0432\u0415\u0435\u041a\u043a\u041c\u043c\u041d\u043d"
            "\u041e\u043e\u0420\u0440\u0421\u0441\u0422\u0442\u0425\u0445\u0423\u0443"
            "\u0406\u0456\u0408\u0458\u0405\u0455"
            "\u0391\u03b1\u0392\u03b2\u0395\u03b5\u0396\u03b6\u0397\u03b7\u0399\u03b9"
            "\u039a\u03ba\u039c\u03bc\u039d\u03bd\u039f\u03bf\u03a1\u03c1\u03a4\u03c4"
            "\u03a5\u03c5\u03a7\u03c7",
            "AaBbEeKkMmHhOoPpCcTtXxYyIiJjSsAaBbEeZzHhIiKkMmNnOoPpTtYyXx",
            strict=True,
        )
    )
)
_MIXED_WORD = re.compile(r"\w*[A-Za-z]\w*")


def _unconfused(text: str) -> str:
    """``text`` with the look-alike letters of each word that has a Latin letter read as
    Latin (:data:`_LOOK_ALIKES`), one letter for one: where each is stays where it was."""
    if text.isascii():
        return text
    return _MIXED_WORD.sub(lambda word: word.group().translate(_LOOK_ALIKES), text)


def _unconfused_read(text: str, read: _Read | None) -> _Read | None:
    """``text`` as it reads (``read``, None where as written), look-alike letters read as
    Latin (:func:`_unconfused`)."""
    seen = text if read is None else read.text
    unconfused = _unconfused(seen)
    if unconfused == seen:
        return read
    if read is None:
        return _Read(unconfused, list(range(len(text))), list(range(1, len(text) + 1)))
    return _Read(unconfused, read.starts, read.ends)


def _forms(supplier: str) -> list[tuple[str, bool]]:
    """(form, matched as written?) of a supplier's name: in full, and without a legal form."""
    name = " ".join(supplier.split())
    forms = [(name, " " not in name)]  # a one-word name as written: "Care" is not "care"
    words = name.split()
    while len(words) > (ending := _legal_form_ending(words)) > 0:
        del words[-ending:]
    short = " ".join(words)
    if short != name and (len(words) > 1 or len(short) >= 4):
        forms.append((short, True))
        # In capitals too: an evaluator writing "clearer than ACME CARE" names Acme Care Ltd
        # as surely as "Acme Care" does.
        if short.upper() != short:
            forms.append((short.upper(), True))
    return forms


# Apostrophes one name is typed with: a bid return typed in Excel gives "St Mary's", a reason
# pasted from Word "St Mary’s". Each stands for any of them when a name is looked for.
_APOSTROPHES = "'\u2019\u2018\u02bc`"
_ANY_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s(?!\w)")  # "Marsh's view": someone's


def _legal_form_ending(words: list[str]) -> int:
    """How many of ``words`` at their end are a legal form (the longest there: all three of
    "Public Limited Company"), 0 when they end in none."""
    folded = tuple(word.casefold() for word in words[-_LONGEST_FORM:])
    return next(
        (n for n in range(len(folded), 0, -1) if folded[-n:] in _LEGAL_FORMS),
        0,
    )


def _fold(text: str) -> str:
    return " ".join(_ANY_APOSTROPHE.sub("'", text).casefold().split())


def _spaced(form: str) -> str:
    escaped = re.escape(form).replace(r"\ ", r"\s+")
    return _ANY_APOSTROPHE.sub(lambda _: f"[{_APOSTROPHES}]", escaped)


# "the" before a name replaced ("the Carers' Reference Group panel agreed"): the bidder read
# "the an evaluator agreed". The article goes; its capital stays with the replacement.
_ARTICLE_BEFORE = re.compile(rf"(?<!\w)([Tt])he ({re.escape(REPLACEMENT)})(?!\w)")


def _without_the_article(found: re.Match[str]) -> str:
    replacement = found.group(2)
    return replacement[0].upper() + replacement[1:] if found.group(1) == "T" else replacement


def _capital(before: str, replacement: str = REPLACEMENT) -> str:
    # "Tom Okafor read the bid" at the start of a sentence becomes "An evaluator read…".
    if _starts_sentence(before):
        return replacement[0].upper() + replacement[1:]
    return replacement


_OPENING = "\"'“‘(["  # written before a sentence's first word: quotes, brackets


def _starts_sentence(before: str) -> bool:
    """Whether what follows ``before`` (the text before it) starts a sentence: nothing before
    it but spaces and an opening quote or bracket, or a full stop, ! or ? there (or
    a line break: a list's item)."""
    before = before.rstrip(" \t").rstrip(_OPENING).rstrip(" \t")
    return not before or before[-1] in ".!?\n\r"


def _longest_first(names: Iterable[str]) -> list[str]:
    return sorted(names, key=lambda name: (-len(name), name))


def _words(names: list[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(_spaced(name) for name in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


def _full_names(names: list[str]) -> re.Pattern[str] | None:
    """Full names in any case, each with a title before it and letters after it taken with it
    ("Dr Tom Okafor", "Tom Okafor MBE"): otherwise the bidder would read "Dr an evaluator"."""
    if not names:
        return None
    alternatives = "|".join(_spaced(name) for name in names)
    return re.compile(
        rf"(?<!\w)(?:(?-i:{_TITLE_BEFORE})(?:\.\s*|\s+))?(?:{alternatives})(?!\w){_LETTERS_AFTER}",
        re.IGNORECASE,
    )


def _surnames(surnames: set[str], given: set[str]) -> re.Pattern[str] | None:
    """Surnames in any case (group "surname": :class:`Redactor` takes only those capitalised),
    each with a title, an initial or a first name (capitalised, or in capitals) before it
    ("Dr Okafor", "R. Okafor", "Ruth Okafor"), or a first name after a comma ("Okafor, Ruth"),
    taken with it."""
    if not surnames:
        return None
    names = "|".join(_spaced(name) for name in _longest_first(surnames))
    firsts = [_spaced(name) for name in _longest_first(_as_capitalised(given))]
    before = "|".join([*firsts, "[A-Z]"])
    after = rf"(?:,\s*(?:{'|'.join(firsts)})(?!\w))?" if firsts else ""
    # A title, then first names or initials ("Mr T. Okafor", "Dr R. A. Okafor"): all of it.
    return re.compile(
        rf"(?<!\w)(?:(?:{_TITLE_BEFORE})(?:\.\s*|\s+))?(?:(?:{before})(?:\.\s*|\s+)){{0,3}}"
        rf"(?P<surname>(?i:{names}))(?!\w){after}" + _LETTERS_AFTER
    )


# Written before a surname, they are part of it ("van Dijk", "de la Cruz", "ap Rhys", "ferch
# Owain"): in the Declaration's name they go with the surname, not the first names.
_PARTICLES = frozenset(
    "van von der den de del della la le du da di dos das ten ter ap ab ferch verch".split()  # noqa: SIM905
)


def _surname_start(words: list[str]) -> int:
    """Where the surname of a name's ``words`` (first names first) starts: at its last word,
    or at the particles written before it ("Helen van Dijk": "van Dijk", "Robert De Niro": "De
    Niro"). A name's first word is a first name all the same ("Van Morrison")."""
    at = len(words) - 1
    while at > 1 and words[at - 1].casefold() in _PARTICLES:
        at -= 1
    return at


def _as_capitalised(names: Iterable[str]) -> set[str]:
    """``names`` as they are written capitalised: as given if they are, with their first
    letter a capital and the rest in lower case, and in capitals ("Tom", "TOM" for "tom")."""
    return {
        form
        for name in names
        for form in (name.upper(), name[:1].upper() + name[1:].lower())
        + ((name,) if name[:1].isupper() else ())
    }


_TITLE_BEFORE = "|".join([*TITLES, *(t.upper() for t in TITLES)])
# Letters after a name in a text, taken with it ("Tom Okafor MBE", "Okafor, PhD"): written with
# a capital, in any capitals after it, with or without full stops between the letters (one
# ending a sentence is left to end it).
_LETTERS_AFTER = (
    r"(?:,?[ \t]+(?-i:(?=[A-Z]))(?i:"
    + "|".join(
        r"\.?".join(map(re.escape, letters))
        for letters in _longest_first(POST_NOMINALS | NAME_LIKE_POST_NOMINALS)
        if letters.isalpha()
    )
    + r")(?!\w))*"
)


def _in_lower_case(words: list[str]) -> bool:
    """Whether a name's ``words`` are all typed without capitals ("tom okafor")."""
    return " ".join(words).islower()


def _file_forms(source: str) -> list[str]:
    """How a bid file may be written: its path as the results give it, with Windows'
    separators, and its name alone when that is distinctive (a name with an extension)."""
    if not source:
        return []
    forms = {source, source.replace("/", "\\")}
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    if dot and len(stem) >= 3 and extension:
        forms.add(name)
    return sorted(forms)


# ---- names looked for in the text as it reads ----------------------------------------------------


def _name_as_read(name: str | None) -> str | None:
    """``name`` as it reads (:func:`_reads`), trimmed; None for a name that shows nothing
    ("\\u200b", "\\x01"), which is no one's: looked for, it would be found between every two
    characters of every explanation. (The readers already read such a name as none; this keeps
    a name given in Python from doing so.)"""
    if not name:
        return None
    read = _reads(name).strip()
    return None if shows_nothing(read) else read


def _plain_name(name: str | None) -> str | None:
    """``name`` as it reads (:func:`_name_as_read`), without its accents (:func:`_plain_read`)."""
    read = _name_as_read(name)
    return None if read is None else _plain_reads(read)


def _plain_reads(text: str) -> str:
    """``text`` as it reads, without its accents (see :func:`_plain_read`)."""
    read = _plain_read(text)
    return text if read is None else read.text


@lru_cache(maxsize=4096)  # a reason is read for each pattern, and in several bidders' summaries
def _plain_read(text: str) -> _Read | None:
    """``text`` as it reads (:func:`_as_read`) without its accents, or None when that is as
    written: an evaluator's name is typed with its accents or without, in the Declaration and
    in a reason alike ("Siân" and "Sian", "Brontë" and "Bronte"), and one is the other. A
    letter loses the accents written over or under it (Unicode's combining diacritical marks,
    as its canonical decomposition has them), and a few letters with a stroke or joined are
    written as English keyboards type them ("ø" as "o", "ł" as "l", "æ" as "ae", "ß" as
    "ss")."""
    read = _as_read(text)
    seen = text if read is None else read.text
    if seen.isascii() or _no_accents(seen):
        return read
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for at, character in enumerate(seen):
        start, end = (at, at + 1) if read is None else (read.starts[at], read.ends[at])
        plain = _without_accents(character)
        if not plain:  # an accent on its own: read with the letter before it
            if ends:
                ends[-1] = max(ends[-1], end)
            continue
        out.append(plain)
        starts.extend([start] * len(plain))
        ends.extend([end] * len(plain))
    plain_text = "".join(out)
    if plain_text == seen:
        return read
    return _Read(plain_text, starts, ends)


def _no_accents(text: str) -> bool:
    """Whether no character of ``text`` loses an accent (:func:`_without_accents`), told by
    whole-text tests: a reason typed in Word (’ and –) is not ASCII, and going through it
    character by character was a fifth of the time 1,000 bidders' summaries took. Text in
    its decomposed form holds each accent as a mark of its own, so with no such mark and no
    letter of the keyboard table there is none to take off."""
    return (
        unicodedata.is_normalized("NFD", text)
        and _ACCENT_MARK.search(text) is None
        and text.translate(_UNACCENTED) == text
    )


_ACCENT_MARK = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=4096)
def _without_accents(character: str) -> str:
    """``character`` without the accents on it (:func:`_plain_read`)."""
    if character.isascii():
        return character
    parts = unicodedata.normalize("NFD", character)
    kept = "".join(part for part in parts if not "\u0300" <= part <= "\u036f")
    if kept != parts:
        character = unicodedata.normalize("NFC", kept)
    return character.translate(_UNACCENTED)


# Letters an accent is not taken off, typed as English keyboards type them all the same.
_UNACCENTED = str.maketrans(
    {
        "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L", "\u0111": "d",
        "\u0110": "D", "\u0127": "h", "\u0126": "H", "\u0131": "i", "\u00e6": "ae",
        "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00df": "ss",
    }
)  # fmt: skip


def _reads(text: str) -> str:
    """``text`` as it reads (see :func:`_as_read`)."""
    read = _as_read(text)
    return text if read is None else read.text


class _Read(NamedTuple):
    """A text as it reads (:func:`_as_read`), with where each of its characters came from."""

    text: str
    starts: list[int]  # where in the text as stored the characters it reads from start
    ends: list[int]  # and where they end (a letter and its accent read as one character)


@lru_cache(maxsize=4096)  # a reason is read for each pattern, and in several bidders' summaries
def _as_read(text: str) -> _Read | None:
    """``text`` as it reads, or None when it reads as written: characters drawn as nothing
    (Unicode format characters: zero-width spaces and joiners, soft hyphens, direction marks;
    variation selectors, the combining grapheme joiner) left out, and the rest in one Unicode
    form, NFKC: full-width "Ｏ" is "O", and a letter stored as a letter and a combining accent
    ("e" and "\u0301", as text copied from a PDF often is) is the one accented letter ("é") a
    name typed in Excel has; but a sign after a word (:func:`_is_a_sign`: "™", "¹") reads as a
    space. So it reads as its NFKC without those characters, a space for each sign. Only the
    characters outside ASCII are looked at, each read with the marks after it; the runs of
    ASCII between them are copied whole."""
    if text.isascii():
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last, changed = 0, False
    for begin, end in _pieces(text):
        out.append(text[last:begin])
        starts.extend(range(last, begin))
        ends.extend(range(last + 1, begin + 1))
        stored = text[begin:end]
        if end - begin == 1:
            reads = _character_reads(stored)
        else:
            reads = unicodedata.normalize("NFKC", "".join(map(_character_seen, stored)))
        changed = changed or reads != stored
        out.append(reads)
        starts.extend([begin] * len(reads))
        ends.extend([end] * len(reads))
        last = end
    if not changed:
        return None
    out.append(text[last:])
    starts.extend(range(last, len(text)))
    ends.extend(range(last + 1, len(text) + 1))
    return _Read("".join(out), starts, ends)


def _pieces(text: str) -> list[list[int]]:
    """Where the pieces of ``text`` read one by one start and end: each character outside
    ASCII, but a mark (:func:`_joins_the_one_before`), read with the character before it drawn
    as something (and the marks already after that, and the characters drawn as nothing
    between)."""
    pieces: list[list[int]] = []
    for found in _NON_ASCII.finditer(text):
        at = found.start()
        reads = _character_reads(text[at])
        if reads and _joins_the_one_before(reads[0]):
            seen = at - 1
            while seen >= 0 and at - seen < _MOST_MARKS and not _character_reads(text[seen]):
                seen -= 1
            if seen >= 0 and at - seen < _MOST_MARKS:
                while pieces and pieces[-1][0] > seen:  # characters drawn as nothing
                    pieces.pop()
                if pieces and pieces[-1][1] > seen and at - pieces[-1][0] < _MOST_MARKS:
                    pieces[-1][1] = at + 1
                    continue
                if not pieces or pieces[-1][1] <= seen:
                    pieces.append([seen, at + 1])
                    continue
        pieces.append([at, at + 1])
    return pieces


# A character is read with at most this many after it: text no one types (a letter under a
# thousand accents) is read in a time proportional to its length all the same. (Unicode's
# "stream-safe" text puts at most 30 marks on a letter.)
_MOST_MARKS = 32


@lru_cache(maxsize=4096)
def _character_reads(character: str) -> str:
    """How one character reads: nothing for a character drawn as nothing, a space for a sign
    written after a word (:func:`_is_a_sign`), else its NFKC."""
    if INVISIBLE.match(character) or unicodedata.category(character) == "Cf":
        return ""
    if _is_a_sign(character):
        return " "
    return unicodedata.normalize("NFKC", character)


def _character_seen(character: str) -> str:
    """``character`` as stored, nothing for one drawn as nothing, a space for a sign."""
    if _is_a_sign(character):
        return " "
    return character if _character_reads(character) else ""


def _is_a_sign(character: str) -> bool:
    """Whether ``character`` is a sign or a mark written after a word that NFKC reads as
    letters or figures: a trade mark "™" ("TM"), "℠", a footnote's "¹" or a subscript "₂"
    ("1", "2"), "ª", "½", "①", "№". Read so, "Hop Garden™" would be the one word "Hop
    GardenTM", and the name before it not found; they read as a space, a word's end. (Letters
    and figures in another form stay what they are: full-width "Ｏ", the ligature "ﬁ", "１".)"""
    reads = unicodedata.normalize("NFKC", character)
    if reads == character or not any(c.isalnum() for c in reads):
        return False
    tag = unicodedata.decomposition(character).split(" ", 1)[0]
    category = unicodedata.category(character)
    return tag in ("<super>", "<sub>") or category[0] == "S" or category == "No"


def _joins_the_one_before(character: str) -> bool:
    """Whether ``character`` (read, NFKC) may make one character with the one before it, or
    change places with it, in NFKC: a mark (every character a canonical composition puts
    second is one, but the Korean jamo: tests check), or a conjoining Korean vowel or final."""
    return unicodedata.category(character)[0] == "M" or "\u1160" <= character <= "\u11ff"


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _substitute_read(
    pattern: re.Pattern[str] | _Either,
    text: str,
    replace: Callable[[re.Match[str], str], str | None],
    read: _Read | None,
) -> str:
    """``text`` with each match of ``pattern`` in ``read`` (``text`` as it reads, or None where
    that is as written) replaced by ``replace(found, text before it)`` (None keeps it), the
    characters drawn as nothing inside a match with it. ``found`` is the match in the text as
    it reads (its ``string``)."""
    replaced = (
        (start, end, replace(match, text[:start]))
        for match, start, end in _matches_read(pattern, text, read)
    )
    return _spliced(text, ((s, e, r) for s, e, r in replaced if r is not None))


def _spliced(text: str, replacements: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) span, in order, replaced by its text: the text itself
    (not a copy) when there is none, as callers test."""
    out: list[str] = []
    last = 0
    for start, end, replacement in replacements:
        out += [text[last:start], replacement]
        last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _matches_read(
    pattern: re.Pattern[str] | _Either, text: str, read: _Read | None
) -> Iterator[tuple[re.Match[str], int, int]]:
    """Each match of ``pattern`` in ``read`` (``text`` as it reads, or None where that is as
    written) with where it starts and ends in ``text`` as stored (the characters drawn as
    nothing inside it with it); never an empty one (nothing is no one's name: a replacement
    is never put between words)."""
    searched = text if read is None else read.text
    for match in pattern.finditer(searched):
        start, end = match.span()
        if start == end:
            continue
        if read is not None:
            start, end = read.starts[start], read.ends[end - 1]
        yield match, start, end
