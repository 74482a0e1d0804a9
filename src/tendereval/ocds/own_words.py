"""What tendereval's own award notice says of the plan in words, and how it is read back.

The award criteria extension gives a criterion a type (price, cost or quality), a name, a
description and numbers (weights, a minimum score), and the lot's criteria a description: it
has no field for the plan's criterion id, for the criteria it is part of, for social value as a
pillar of its own (it is published as ``quality``), for a commitments criterion and the social
value method, or for an overall quality threshold. ``publish`` says them in the descriptions,
in the fixed words below, so that ``init --from-notice`` on a notice tendereval wrote reads
back the plan it was written from: each criterion's id, pillar and parents (by id and title),
a commitments criterion with the plan's social value method, and the overall quality minimum
(Procurement Act 2023 s.23: a published threshold is applied). Only these exact words are
read; anything else a description says is left to the officer.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tendereval.plan import PriceRules

# The pillar as the description names it ("SV1: Social value criterion, part of …").
PILLAR_WORDS = {"price": "Price", "quality": "Quality", "social_value": "Social value"}
_PILLAR_OF_WORDS = {words: pillar for pillar, words in PILLAR_WORDS.items()}

# An id or a title as a description writes it. An id of letters, digits and marks other than
# those below stands as it is (Q1, SV2, 1.2a); any other id, and every title, is in double
# quotes with JSON's escapes, every character the notice reader would change or hide (a run of
# spaces, a tab, a control or invisible character) escaped as \uXXXX, so that it reads back
# exactly: "Q 1", "SV:2".
_BARE = r'[^\s:"(),\\]+'
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_ID = rf"(?:{_QUOTED}|{_BARE})"
# "<id>: <Pillar> criterion[, part of "<title>" (<id>)]…. <how it is scored>", the criteria it
# is part of from the nearest to the top-level one.
_CRITERION = re.compile(
    rf"(?P<id>{_ID}): (?P<pillar>Price|Quality|Social value) criterion"
    rf"(?P<parents>(?:, part of {_QUOTED} \({_ID}\))*)\.(?: (?P<rest>.*))?",
    re.DOTALL,
)
_PARENT = re.compile(rf", part of (?P<title>{_QUOTED}) \((?P<id>{_ID})\)")
# Earlier versions wrote "<id>: <Pillar> criterion[, part of <parent's title>]. …": the
# parent by its title alone (its id and its own parents lost), and the id as it was (one with
# a space or colon was misread).
_TITLED = re.compile(
    r"(?P<id>[^\s:]{1,100}): (?P<pillar>Price|Quality|Social value) criterion"
    r"(?:, part of (?P<parent>[^\n]*?))?\.(?: (?P<rest>.*))?",
    re.DOTALL,
)
# Earlier still "<id>: Part of <parent's title>. Scored by …" for a question, naming
# no pillar: read for the id, the pillar only where the parent's title says social value.
_EARLIER = re.compile(
    r"(?P<id>[^\s:]{1,100}): (?:Part of (?P<parent>[^\n]*?)\. )?"
    r"(?P<rest>(?:Scored by evaluators|Commitments valued with).*)",
    re.DOTALL,
)
# Characters escaped in quotes besides whitespace other than a space: controls, format
# characters (a zero-width space, a direction override), lone surrogates, line separators.
_NOT_SHOWN = {"Cc", "Cf", "Cs", "Zl", "Zp"}

# How a commitments criterion is scored (report.views.scale_text): these words say its kind
# and the plan's social value method, with the share of price that earns full marks under
# share_of_price, and init --from-notice reads them back.
COMMITMENTS_START = "Commitments valued with £ proxy values. "
SOCIAL_VALUE_METHOD_TEXT = {
    "relative_to_best": "Score = weight × this bid's £ social value ÷ the highest £ social "
    "value offered",
    "share_of_price": "Score = weight × (£ social value ÷ evaluated price) ÷ the share of "
    "price that earns full marks, capped at full marks",
}
FULL_MARKS_AT = "; {percent} of the evaluated price earns full marks"
_FULL_MARKS_AT = re.compile(
    r"; (?P<percent>\d{1,9}(?:\.\d{1,20})?)% of the evaluated price earns full marks(?!\d)"
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


def criterion_description(
    criterion_id: str, pillar: str, parents: list[tuple[str, str]], how_scored: str
) -> str:
    """A published criterion's description: its id, its pillar, the id and title of each
    criterion it is part of (``parents``, each ``(id, title)``, the nearest first) and how it
    is scored."""
    part = "".join(f", part of {_quoted(title)} ({written_id(pid)})" for pid, title in parents)
    said = f"{written_id(criterion_id)}: {PILLAR_WORDS[pillar]} criterion{part}."
    return f"{said} {how_scored}".strip()


def written_id(criterion_id: str) -> str:
    """An id as a description writes it: as it is where it reads back so, else quoted."""
    if re.fullmatch(_BARE, criterion_id) and not any(map(_escaped, criterion_id)):
        return criterion_id
    return _quoted(criterion_id)


def _quoted(text: str) -> str:
    """``text`` in double quotes with JSON's escapes, and every character escaped that the
    notice reader would change (whitespace runs to one space, a tab or line break to a space,
    a space at either end dropped) or a reader would not see."""
    out = []
    for i, ch in enumerate(text):
        if ch in '"\\':
            out.append("\\" + ch)
        elif _escaped(ch) or (ch == " " and (i in (0, len(text) - 1) or text[i - 1] == " ")):
            units = ch.encode("utf-16-be")  # (an astral character is two escapes, as in JSON)
            out += [f"\\u{units[j]:02x}{units[j + 1]:02x}" for j in range(0, len(units), 2)]
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _escaped(ch: str) -> bool:
    return (ch.isspace() and ch != " ") or unicodedata.category(ch) in _NOT_SHOWN


def _unwritten(text: str) -> str:
    """An id or title as :func:`written_id` or :func:`_quoted` wrote it (ValueError for
    quotes that are not JSON's)."""
    return json.loads(text) if text.startswith('"') else text


class CriterionSaid(NamedTuple):
    """What a criterion's description says of the plan: its ``id``, its ``pillar`` (""
    when it does not say), the title of the criterion it is ``part_of`` ("" for a top-level
    one), the rest of the description (how it is scored), and ``parents``, each criterion it
    is part of as ``(id, title)``, the nearest first: None where a description written by an
    earlier version names only the nearest one, by its title."""

    id: str
    pillar: str
    part_of: str
    rest: str
    parents: tuple[tuple[str, str], ...] | None = None


def criterion_said(description: str) -> CriterionSaid | None:
    """The id and pillar a description tendereval wrote gives; None for any other."""
    said = _CRITERION.fullmatch(description)
    if said:
        try:
            criterion_id = _unwritten(said["id"])
            parents = tuple(
                (_unwritten(p["id"]), _unwritten(p["title"]))
                for p in _PARENT.finditer(said["parents"])
            )
        except ValueError:  # quotes that are not JSON's: not tendereval's words
            criterion_id, parents = "", ()
        if criterion_id and all(isinstance(p, str) and p for pair in parents for p in pair):
            pillar = _PILLAR_OF_WORDS[said["pillar"]]
            part_of = parents[0][1] if parents else ""
            return CriterionSaid(criterion_id, pillar, part_of, said["rest"] or "", parents)
    said = _TITLED.fullmatch(description)
    if said:
        pillar = _PILLAR_OF_WORDS[said["pillar"]]
        return CriterionSaid(said["id"], pillar, said["parent"] or "", said["rest"] or "")
    said = _EARLIER.fullmatch(description)
    if said:
        parent = said["parent"] or ""
        social = "social value" in parent.casefold()
        return CriterionSaid(said["id"], "social_value" if social else "", parent, said["rest"])
    return None


def social_value_method_text(method: str, full_marks_share: float) -> str:
    """How commitments are scored under the plan's social value ``method``, in the words
    every output uses and init --from-notice reads back (with the share of price that earns
    full marks under share_of_price, digit for digit)."""
    from tendereval.scoring.common import share_as_percent

    text = SOCIAL_VALUE_METHOD_TEXT.get(method, method)
    if method == "share_of_price":
        text += FULL_MARKS_AT.format(percent=share_as_percent(full_marks_share))
    return text


class CommitmentsSaid(NamedTuple):
    """A commitments criterion as its description says it is scored: the plan's social value
    ``method`` and, under share_of_price, the ``full_marks_share`` of the evaluated price
    (None where not said: earlier versions did not say it)."""

    method: str
    full_marks_share: float | None


def commitments_said(rest: str) -> CommitmentsSaid | None:
    """The scoring a description's ``rest`` (after the id and pillar) says in tendereval's
    words for a commitments criterion; None when it does not say it is one."""
    how = rest.removeprefix(COMMITMENTS_START)
    if how == rest:
        return None
    for method, words in SOCIAL_VALUE_METHOD_TEXT.items():
        if not how.startswith(words):
            continue
        share = _FULL_MARKS_AT.match(how, len(words)) if method == "share_of_price" else None
        if share is None:
            return CommitmentsSaid(method, None)
        full_marks = float(Decimal(share["percent"]) / 100)
        return CommitmentsSaid(method, full_marks if full_marks > 0 else None)
    return None


# The settings of the price method and of a net present value as the price criterion's
# description gives them (scoring.price.described): the plan key, the words before the figure,
# the words after it, and how the figure becomes the plan's value.
_FIGURE = r"(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d{1,20}(?:\.\d{1,20})?)"
_PRICE_SETTINGS = (
    ("deduction_rate", r"rate = deduction_rate = ", "%", "share"),
    ("floor", r"floor = ", "% of the price marks", "share"),
    ("ceiling_price", r"ceiling_price = £", "", "money"),
    ("floor_price", r"floor_price = £", "", "money"),
    ("log_base", r"log_base = ", " ", "figure"),
    ("value_per_point", r"value_per_point = £", " a quality point", "money"),
    ("discount_rate", r"discounted at ", "% a year", "share"),
)
_PRICE_SETTING = {
    key: (re.compile(re.escape(before) + _FIGURE + re.escape(after)), kind)
    for key, before, after, kind in _PRICE_SETTINGS
}
_EVALUATED_OVER = re.compile(r"Evaluated price = [^.]*? over (\d{1,3}) contract years?\b")


def price_said(rest: str) -> PriceRules | None:
    """The price method, its settings and how the evaluated price is built (whole life, or a
    net present value at its discount rate), as a price criterion's description ``rest``
    (after the id and pillar) says them in tendereval's words; None unless saying exactly
    these reads back as ``rest`` word for word (any other wording is left to the officer)."""
    from tendereval.plan import PriceRules
    from tendereval.scoring.price import METHODS, described

    method = next((m for m in METHODS.values() if rest.startswith(f"{m.title}: {m.formula}")), None)
    years = _EVALUATED_OVER.search(rest)
    if method is None or years is None:
        return None
    settings: dict[str, float] = {}
    for key, (pattern, kind) in _PRICE_SETTING.items():
        said = pattern.search(rest)
        if said:
            figure = Decimal(said[1].replace(",", ""))
            settings[key] = float(figure / 100 if kind == "share" else figure)
    evaluation = "npv" if "discount_rate" in settings else "whole_life"
    rules = PriceRules(method=method.name, evaluation=evaluation, **settings)
    return rules if described(rules, int(years[1])) == rest else None


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
