"""What tendereval's own award notice says of the plan in words, and how it is read back.

The award criteria extension gives a criterion a type (price, cost or quality), a name, a
description and numbers (weights, a minimum score), and the lot's criteria a description: it
has no field for the plan's criterion id, for social value as a pillar of its own (it is
published as ``quality``), or for an overall quality threshold. ``publish`` says them in the
descriptions, in the fixed words below, so that ``init --from-notice`` on a notice tendereval
wrote reads back the plan it was written from: each criterion's id and pillar, and the overall
quality minimum (Procurement Act 2023 s.23: a published threshold is applied). Only these exact
words are read; anything else a description says is left to the officer.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

# The pillar as the description names it ("SV1: Social value criterion, part of …").
PILLAR_WORDS = {"price": "Price", "quality": "Quality", "social_value": "Social value"}
_PILLAR_OF_WORDS = {words: pillar for pillar, words in PILLAR_WORDS.items()}

# "<id>: <Pillar> criterion[, part of <parent's title>]. <how it is scored>"
_CRITERION = re.compile(
    r"(?P<id>[^\s:]{1,100}): (?P<pillar>Price|Quality|Social value) criterion"
    r"(?:, part of (?P<parent>[^\n]*?))?\.(?: (?P<rest>.*))?",
    re.DOTALL,
)
# Earlier versions wrote "<id>: Part of <parent's title>. Scored by …" for a question, naming
# no pillar: read for the id, the pillar only where the parent's title says social value.
_EARLIER = re.compile(
    r"(?P<id>[^\s:]{1,100}): (?:Part of (?P<parent>[^\n]*?)\. )?"
    r"(?P<rest>(?:Scored by evaluators|Commitments valued with).*)",
    re.DOTALL,
)

OVERALL_MINIMUM_START = "Overall quality minimum: "
_OVERALL_MINIMUM = re.compile(
    re.escape(OVERALL_MINIMUM_START)
    + r"a tender whose quality points are below (?P<percent>\d{1,3}(?:\.\d+)?)% of the "
    r"[\d.,]+ quality points available \([^)]*\) "
    r"(?P<consequence>is disqualified|is flagged \(failing it does not disqualify\))\."
)
DISQUALIFIED = "is disqualified"
FLAGGED = "is flagged (failing it does not disqualify)"
# Words that may state an overall quality threshold in a buyer's own wording.
_THRESHOLD_WORDS = re.compile(r"\b(?:minimum|threshold|pass mark)\b", re.IGNORECASE)


def criterion_description(criterion_id: str, pillar: str, parent: str, how_scored: str) -> str:
    """A published criterion's description: its id, its pillar, its parent's title when it
    has one, and how it is scored."""
    part = f", part of {parent}" if parent else ""
    return f"{criterion_id}: {PILLAR_WORDS[pillar]} criterion{part}. {how_scored}".strip()


class CriterionSaid(NamedTuple):
    """What a criterion's description says of the plan: its ``id``, its ``pillar`` (""
    when it does not say), the title of the criterion it is ``part_of`` ("" for a top-level
    one), and the rest of the description (how it is scored)."""

    id: str
    pillar: str
    part_of: str
    rest: str


def criterion_said(description: str) -> CriterionSaid | None:
    """The id and pillar a description tendereval wrote gives; None for any other."""
    said = _CRITERION.fullmatch(description)
    if said:
        pillar = _PILLAR_OF_WORDS[said["pillar"]]
        return CriterionSaid(said["id"], pillar, said["parent"] or "", said["rest"] or "")
    said = _EARLIER.fullmatch(description)
    if said:
        parent = said["parent"] or ""
        social = "social value" in parent.casefold()
        return CriterionSaid(said["id"], "social_value" if social else "", parent, said["rest"])
    return None


class OverallMinimum(NamedTuple):
    """The overall quality threshold a notice states: a ``share`` of the quality points
    available, and whether a tender below it is ``disqualified`` (else only flagged)."""

    share: float
    disqualified: bool


def overall_minimum_said(text: str) -> OverallMinimum | None:
    """The overall quality minimum in the sentence tendereval writes (``report.views.
    overall_minimum``); None when ``text`` has no such sentence."""
    said = _OVERALL_MINIMUM.search(text)
    if not said:
        return None
    try:
        share = float(Decimal(said["percent"]) / 100)
    except InvalidOperation:  # (the pattern admits only figures)
        return None
    if not 0 < share <= 1:
        return None
    return OverallMinimum(share, said["consequence"] == DISQUALIFIED)


def may_state_a_minimum(text: str) -> bool:
    """Whether the award criteria's description may state an overall quality threshold in
    other words than tendereval's (it speaks of quality and of a minimum, threshold or pass
    mark): for the officer to settle, as it cannot be read reliably."""
    return "quality" in text.casefold() and bool(_THRESHOLD_WORDS.search(text))
