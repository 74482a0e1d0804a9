"""How a person's name is read: the one rule every comparison of evaluators' names follows.

A Declaration may give an evaluator's name as a directory lists it, or with a title or letters
after it: "Okafor, Tom", "OKAFOR Tom", "Dr Tom Okafor" and "Tom Okafor MBE" are all Tom Okafor
(:func:`in_order`). The redaction of summaries finds the name in text by it
(report.redact); a declaration is matched to its evaluator's scores by it, two score sheets
are told to be one evaluator's by it, and "Moderated by" is read as naming an evaluator by it
(:func:`person_words`, :func:`first_and_surname`). Read literally in one place and as a person
in another, one evaluator's revised sheet counted as a second evaluator's, and a conflicted
chair written "Dr Priya Shah" was not recognised in "Priya Shah (chair)".

No polars here: the score sheets' readers start without it.
"""

from __future__ import annotations

import re

# Written before a surname, they go with it: "Dr Okafor" must not become "Dr an evaluator".
TITLES = (  # noqa: SIM905
    "Dr Doctor Mr Mrs Ms Miss Mx Prof Professor Sir Dame Lord Lady Cllr Councillor Rev Revd"
).split()


def in_order(name: str) -> list[str]:
    """The words of an evaluator's ``name`` (as it reads), first names first and the surname
    last, without a title before or letters after: "Okafor, Tom" (as a directory lists
    names), "OKAFOR Tom" (the surname first, in capitals: the first words in capitals and the
    rest not), "Dr Tom Okafor", "Tom Okafor MBE" and "Tom Okafor, PhD, FCIPS" are all Tom
    Okafor. A title or letters that would leave fewer than two words are a name's own ("Tom
    Mba"), and a group's name ("Carers' Reference Group panel") is left as it is."""
    words = name.split()
    if any(word.casefold() in GROUP_WORDS for word in words):
        return words
    while len(words) > 2 and _is_post_nominal(words[-1].rstrip(","), words[:-1]):
        words.pop()
        words[-1] = words[-1].rstrip(",")
    words = _without_titles(words)
    text = " ".join(words)
    if "," in text:  # "Okafor, Tom": the surname, then the first names
        surname, _, given = text.partition(",")
        first = _without_titles(given.replace(",", " ").split(), leaving=1)
        if surname.split() and first:
            return first + surname.split()
        return text.replace(",", " ").split()
    capitals = 0
    while capitals < len(words) and _in_capitals(words[capitals]):
        capitals += 1
    if (
        0 < capitals < len(words)
        and sum(c.isalpha() for c in words[capitals - 1]) >= 3
        and not any(word.isupper() for word in words[capitals:])
    ):
        return words[capitals:] + words[:capitals]
    return words


def _without_titles(words: list[str], leaving: int = 2) -> list[str]:
    """``words`` without the titles they start with ("Dr", "Mrs.", "CLLR"), leaving at least
    ``leaving`` words (a name's own first word may be "Lord")."""
    words = list(words)
    while len(words) > leaving and words[0].rstrip(".").casefold() in TITLE_WORDS:
        words.pop(0)
    return words


def _in_capitals(word: str) -> bool:
    """Whether ``word`` is written in capitals, with two letters or more ("OKAFOR", "DE")."""
    return word.isupper() and sum(c.isalpha() for c in word) >= 2


def _is_post_nominal(word: str, before: list[str]) -> bool:
    """Whether ``word``, written after the name ``before``, is letters after a name (an
    honour, a degree, a professional body's: "MBE", "PhD", "Ph.D.", "FCIPS", "RGN"), in any
    capitals; those that are names too ("Ma", "Mba") only in capitals after a name that is
    not."""
    letters = word.replace(".", "").casefold()
    if letters in NAME_LIKE_POST_NOMINALS:
        return word.replace(".", "").isupper() and not " ".join(before).isupper()
    return letters in POST_NOMINALS


TITLE_WORDS = frozenset(title.casefold() for title in TITLES)
# Letters after a name: honours, degrees, nursing and professional bodies' (procurement,
# finance, medicine), written with or without full stops.
POST_NOMINALS = frozenset(
    """kg kt gbe kbe dbe cbe obe mbe bem cvo lvo mvo rvm qpm kpm qfsm dl jp mp msp mla kc qc
    phd dphil edd dba md mbbs mbchb bds msc mres mphil mst bsc beng meng llb llm bed med mpa
    mph bsc(hons) ba(hons) pgce pgdip mcips fcips mcipd fcipd chmcipd mcima fcima acma cgma
    cpfa acca fcca aca fca cta frsa frcp mrcp frcs frcgp mrcgp frcn rgn rmn rnld rn rm rscn
    rhv scphn nmp hcpc ceng mice mrics frics""".split()  # noqa: SIM905
)
NAME_LIKE_POST_NOMINALS = frozenset(("ma", "ba", "mba"))


# The last word of an evaluator's name that makes it a group's, not a person's: no surname.
GROUP_WORDS = frozenset(
    "panel group team committee board forum members moderation moderators evaluators".split()  # noqa: SIM905
)


# Anything not a letter or a digit: the words of a name are compared whole, without their
# punctuation ("O'Neil" is o and neil in every name compared). Python's \w is a letter, a digit
# or "_".
_NOT_A_NAME_WORD = re.compile(r"[\W_]+")


def person_words(name: str) -> tuple[str, ...]:
    """A person's name as its words (:func:`in_order`: no title before, no letters after), lower
    case, sorted: "Okafor, Tom", "OKAFOR Tom", "Dr Tom Okafor", "Tom Okafor MBE" and "Tom
    Okafor" are one person's name. "T. Okafor" is not Tom Okafor, nor "Tom Rani Okafor" (a
    middle name: :func:`first_and_surname`)."""
    text = " ".join(in_order(name)).lower()
    return tuple(sorted(word for word in _NOT_A_NAME_WORD.split(text) if word))


def first_and_surname(name: str) -> tuple[str, str] | None:
    """The first name and the surname of a person's ``name`` (:func:`in_order`), lower case:
    priya, shah for "Priya Rani Shah", "SHAH Priya Rani" and "Dr Priya Shah"; None for a name
    of one word, or a group's. Priya Rani Shah chairing as "Priya Shah" is her, unless another
    evaluator is also a Priya Shah (the caller's rule)."""
    words = in_order(name)
    if len(words) < 2 or any(word.casefold() in GROUP_WORDS for word in words):
        return None
    first = [w for w in _NOT_A_NAME_WORD.split(words[0].lower()) if w]
    last = [w for w in _NOT_A_NAME_WORD.split(words[-1].lower()) if w]
    if len(first) != 1 or len(last) != 1:
        return None
    return first[0], last[0]


# What parts one name from the next in a "Moderated by" cell: a comma, a semicolon, a slash,
# an ampersand, a plus, brackets or the word "and" ("Tom, procurement lead"; "Tom and Priya";
# "Tom Harris (procurement lead)", the role in brackets another part; "Panel (Tom, Priya)").
# A name's own words are parted by spaces, full stops, hyphens and apostrophes ("P. Shah").
BETWEEN_NAMES = r"[,;/&+:()\[\]\n]|\band\b"
# Words of a role, not a person's name, in a "Moderated by" ("Procurement Lead", "Head of
# Commissioning"): a part holding one is nobody's name.
_ROLES = (
    "chair chairs chairing chairperson lead officer manager head director commissioning "
    "procurement clerk secretary adviser advisor the"
)
_ROLE_WORDS = GROUP_WORDS | frozenset(_ROLES.split())
_DIRECTORY_ORDER = re.compile(r"^\s*([^\W\d_][\w'\u2019-]*)\s*,\s*([^\W\d_][\w'\u2019-]*)\s*$")


def moderator_names(moderated_by: str | None) -> list[str]:
    """The people a "Moderated by" names, each as written: its parts (:data:`BETWEEN_NAMES`,
    as the moderator rule of scoring.quality reads them), those that are a person's name of
    two capitalised words or more (:func:`in_order`: "Jane Doe" of "Jane Doe (chair)", "Dr
    Jane Doe" of "Dr Jane Doe, chair"), and a surname and first name parted by a comma as a
    directory lists them ("Doe, Jane"). A role ("chair", "Procurement Lead"), a panel and a
    first name alone are no one's name to look for: the summaries leave a first name alone
    anyway ("Will", "Grace" are words)."""
    if not moderated_by:
        return []
    names: list[str] = []
    for part in re.split(r"\([^)]*\)|\[[^\]]*\]|[;/&+:\n]|\band\b", moderated_by):
        directory = _DIRECTORY_ORDER.match(part)
        pieces = [part.strip()] if directory else re.split(BETWEEN_NAMES, part)
        for piece in pieces:
            words = in_order(" ".join(piece.split()))
            if (
                len(words) >= 2
                and all(word[:1].isupper() for word in words)
                and not any(word.casefold().strip(".,") in _ROLE_WORDS for word in words)
            ):
                names.append(" ".join(piece.split()))
    return names
