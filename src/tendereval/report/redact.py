"""Evaluators' names kept out of what bidders read.

An assessment summary quotes the reasons evaluators and moderation panels wrote, and a panel's
reason sometimes names a colleague ("Tom Okafor read the bid as…"). Bidders must not learn who
scored them, so :class:`Redactor` replaces each evaluator's full name (any case), and a
capitalised surname on its own, with "an evaluator" (a panel named like "Carers' group panel"
has no surname to look for). Surnames shorter than three letters are
left alone (they would match initials and ordinary words). Names written only as a first name
are not caught: the summaries command says how many explanations it changed, so the officer
can read those and any others before sending.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from tendereval.scoring.result import ScoreResult

REPLACEMENT = "an evaluator"


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


def _replacement(match: re.Match[str]) -> str:
    # "Tom Okafor read the bid" at the start of a sentence becomes "An evaluator read…".
    before = match.string[: match.start()].rstrip()
    return REPLACEMENT.capitalize() if not before or before[-1] in ".!?" else REPLACEMENT


def _words(names: list[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)
