"""Which tender, and which version of its plan, a template was made from.

A template carries its mark in the workbook's document properties (Excel: File › Info ›
Properties › Advanced › Custom; LibreOffice: File › Properties › Custom Properties), which
Excel and LibreOffice keep when the supplier or evaluator saves the file:

* ``Tendereval template``: bid return, score sheet, moderation or evaluation matrix;
* ``Tendereval tender``: the plan's tender reference;
* ``Tendereval plan``: a short digest of each part of the plan the template was built from
  (``lots 3f2a91c0; prices 77ab0c12``), so a later change to that part can be named;
* ``Tendereval group``: the evaluator group a score sheet was made for, when it was.

Three slips are caught only this way. A score sheet from another tender with the same bidders
and question numbers (one council, two tenders) reads as valid scores for this one; a score
sheet made before a scale changed holds scores that are on the new scale too, but meant
something else (4 on 0–4 is the top mark, on 0–5 it is not); and a panel's score sheet whose
declaration no longer names its group counts as the main panel's (io/score_rules.py). The
digests are of the plan as read (its lines sorted, a scale's values sorted, figures as
floats), so the same plan written in another order or another way is the same plan. A
workbook without a mark (typed into a blank workbook, made by an older version, saved by a
program that drops custom properties) is read as before: the checks of its contents still
apply.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tendereval.errors import Problem, Severity
from tendereval.io.cells import show
from tendereval.io.lookalike import skeleton
from tendereval.layout import MARK_PREFIX
from tendereval.plan import PLAN_FILE, Plan, is_placeholder
from tendereval.wording import listed

TEMPLATE = f"{MARK_PREFIX}template"
TENDER = f"{MARK_PREFIX}tender"
PLAN = f"{MARK_PREFIX}plan"
GROUP = f"{MARK_PREFIX}group"

BID_RETURN = "bid return"
SCORE_SHEET = "score sheet"
MODERATION = "moderation"
MATRIX = "evaluation matrix"
# The kinds as `tendereval template` names them.
COMMAND_KINDS = {
    "bid-return": BID_RETURN,
    "score-sheet": SCORE_SHEET,
    "moderation": MODERATION,
    "matrix": MATRIX,
}

# The parts of the plan each template is built from, and how a change to each is named.
_PARTS = {
    BID_RETURN: ("lots", "prices", "proxies"),
    SCORE_SHEET: ("questions", "scales"),
    MODERATION: ("questions", "scales"),
    MATRIX: ("lots", "prices", "questions", "scales"),
}
_PART_WORDS = {
    "lots": "the lots",
    "prices": "the price schedule (its items, units or yearly volumes)",
    "questions": "the questions",
    "scales": "the scoring scales",
    "proxies": "the social value proxy values it shows suppliers",
}
# A template whose scores were given on other scales, or for another tender, cannot be
# counted: the numbers are in range but mean something else.
_SCORED = (SCORE_SHEET, MODERATION)


@dataclass(frozen=True)
class TemplateMark:
    """What a template says it was made from."""

    kind: str
    tender: str
    parts: tuple[tuple[str, str], ...] = ()  # (part, digest), in the template's order
    group: str = ""

    @classmethod
    def of(
        cls, plan: Plan, kind: str, group: str | None = None, proxies: str | None = None
    ) -> TemplateMark | None:
        """The mark of ``kind`` made now from ``plan`` (for a score sheet, of ``group``).
        None while the plan's reference is still the placeholder a new plan starts with:
        such a template (the generic blanks, a first draft) is no tender's yet. ``proxies``:
        the digest of the proxy values a bid return shows (:func:`proxy_values_digest`), None
        when it shows none."""
        if is_placeholder("tender.id", plan.tender_id) or not plan.tender_id.strip():
            return None
        parts = tuple(
            (part, proxies if part == "proxies" else _digest(plan, part, group))
            for part in _PARTS[kind]
            if part != "proxies" or proxies is not None
        )
        return cls(kind=kind, tender=plan.tender_id, parts=parts, group=group or "")

    def properties(self) -> dict[str, str]:
        """The document properties that carry the mark."""
        shown = {
            TEMPLATE: self.kind,
            TENDER: self.tender,
            PLAN: "; ".join(f"{part} {digest}" for part, digest in self.parts),
        }
        return shown | ({GROUP: self.group} if self.group else {})

    @classmethod
    def read(cls, properties: Mapping[str, str]) -> TemplateMark | None:
        """The mark the document properties carry; None when there is none (or only a part
        of one: a mark that cannot be compared says nothing)."""
        kind, tender = properties.get(TEMPLATE, "").strip(), properties.get(TENDER, "")
        if kind not in _PARTS or not tender.strip():
            return None
        parts = []
        for written in properties.get(PLAN, "").split(";"):
            part, _, digest = written.strip().partition(" ")
            if part in _PART_WORDS and digest:
                parts.append((part, digest.strip()))
        return cls(kind, tender.strip(), tuple(parts), properties.get(GROUP, "").strip())

    def problems(
        self, plan: Plan, file: str, read_as: str, proxies: str | None = None
    ) -> list[Problem]:
        """What an officer must know when this mark is not the plan's: a template made for
        another tender, or before the plan changed a part the template shows. ``read_as`` is
        what the file was read as (a template's sheets decide that, not its mark); ``proxies``
        the digest of the proxy values the tender's table gives now (None: not compared)."""
        what = _ARTICLE[read_as]
        # Written with other capitals, spaces or characters that look the same (an en dash
        # for a hyphen, retyped in the plan), a reference is the same tender's.
        if skeleton(self.tender) != skeleton(plan.tender_id):
            return [_other_tender(self, plan, file, read_as, what)]
        changed = []
        for part, digest in self.parts:
            now = proxies if part == "proxies" else _digest(plan, part, self.group or None)
            if now is not None and digest != now:
                changed.append(part)
        return [_plan_changed(self, plan, file, read_as, what, changed)] if changed else []


_ARTICLE = {
    BID_RETURN: "this bid return",
    SCORE_SHEET: "this score sheet",
    MODERATION: "this moderation workbook",
    MATRIX: "this consolidated form",
}


# What to make again when the scales changed under scores already given.
_AGAIN = {
    SCORE_SHEET: "the score sheets",
    MODERATION: "the moderation workbook",
    MATRIX: "the consolidated form",
}


def mark_problems(
    properties: Mapping[str, str],
    plan: Plan,
    file: str,
    read_as: str,
    proxies: str | None = None,
) -> list[Problem]:
    """The problems of a workbook whose properties are ``properties`` (see
    :meth:`TemplateMark.problems`); none when it carries no mark."""
    mark = TemplateMark.read(properties) if properties else None
    return [] if mark is None else mark.problems(plan, file, read_as, proxies)


def shows_part_now(properties: Mapping[str, str], plan: Plan, part: str) -> bool:
    """Whether a bid return whose properties are ``properties`` shows ``part`` of the plan as
    the plan has it now: it carries no mark (or one naming no such part), or its mark is of
    this tender and its digest of the part is the plan's. Otherwise what its template cells
    show is another version's (whose own warning says so), not the supplier's words."""
    mark = TemplateMark.read(properties) if properties else None
    if mark is None:
        return True
    if skeleton(mark.tender) != skeleton(plan.tender_id):
        return False
    return all(digest == _digest(plan, name, None) for name, digest in mark.parts if name == part)


def proxy_values_digest(plan: Plan, rows: Iterable[Mapping[str, Any]]) -> str | None:
    """Eight hex digits of the proxy values a bid return shows suppliers (each measure, its
    unit and its £ a unit), None when it shows none (the plan scores no commitments, or there
    is no table). A supplier commits units against those values: scored at others (the table
    replaced by this year's after the returns went out), its commitments are worth what it did
    not see."""
    if not any(c.kind == "commitments" for c in plan.leaves):
        return None
    lines = [
        f"{row.get('measure')}\t{row.get('unit') or ''}\t{_number(row.get('proxy_value'))}"
        for row in rows
    ]
    if not lines:
        return None
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:8]


def counts(problems: list[Problem]) -> bool:
    """Whether a score sheet or moderation workbook with these mark problems may be counted."""
    return not any(p.code in _NOT_COUNTED and p.is_error for p in problems)


_NOT_COUNTED = ("template.other_tender", "template.plan_changed")


def _other_tender(mark: TemplateMark, plan: Plan, file: str, read_as: str, what: str) -> Problem:
    scored = read_as in _SCORED
    return Problem(
        f"{what} was made from the template of another tender ({show(mark.tender)}), not this "
        f"one ({show(plan.tender_id)})" + (": its scores were not counted" if scored else ""),
        file=file,
        found=f"{TENDER} {show(mark.tender)} in the workbook's properties",
        expected=(
            f"{_ARTICLE[read_as].replace('this ', 'the ')} made from this tender's template"
            + (
                "; if this tender's reference was changed after the templates went out, set "
                f"it back in {PLAN_FILE} or make the score sheets again"
                if scored
                else "; ask the supplier to confirm that its prices and answers are for this tender"
            )
        ),
        code="template.other_tender",
        severity=Severity.ERROR if read_as != BID_RETURN else Severity.WARNING,
    )


def _plan_changed(
    mark: TemplateMark, plan: Plan, file: str, read_as: str, what: str, changed: list[str]
) -> Problem:
    # The scales' digest covers the sheet's questions: with the same questions, a change in
    # it is a change in a scale they are scored on. With questions added or removed it says
    # only that the list changed, and the rows' own problems say what no longer matches.
    scales = "scales" in changed and "questions" not in changed and read_as != BID_RETURN
    not_counted = scales and read_as in _SCORED
    return Problem(
        f"{what} was made from an earlier version of the plan: since then "
        f"{listed([_PART_WORDS[part] for part in changed])} changed"
        + (
            ", so its scores were given on other scales and were not counted"
            if not_counted
            else ", so scores in range may mean something else"
            if scales
            else ""
        ),
        file=file,
        found=f"the plan recorded in the workbook's properties ({PLAN}), which differs from "
        f"{PLAN_FILE} in {listed(changed)}",
        expected=(
            f"scores given on the scales in the plan: make {_AGAIN[read_as]} again from the "
            f"plan as it is now and score again, or put the scales back in {PLAN_FILE}"
            if scales
            else "a template made from the plan as it is now; ask the supplier to confirm "
            "that its bid is for the schedule as it stands"
            + (
                "; its social value commitments are valued at the proxy table's values now, "
                "not at those it showed"
                if "proxies" in changed
                else ""
            )
            if read_as == BID_RETURN
            else "a template made from the plan as it is now; the problems with its rows say "
            "what no longer matches"
            + (
                "; check that its scores were given on the scales in the plan"
                if "scales" in changed
                else ""
            )
        ),
        code="template.plan_changed",
        severity=Severity.ERROR if scales else Severity.WARNING,
    )


def _digest(plan: Plan, part: str, group: str | None) -> str:
    """Eight hex digits of the SHA-256 of what ``part`` of ``plan`` puts in a template: the
    recipe is fixed, so a template made by another version of tendereval from the same plan
    carries the same digest. Every bid return's mark is compared with the same plan, so the
    digests are worked out once for it (the plan held weakly and matched by identity, as the
    bid rules hold theirs: another plan always gets digests of its own)."""
    global _last_digests
    last = _last_digests
    if last is None or last[0]() is not plan:
        last = _last_digests = (weakref.ref(plan), {})
    known = last[1]
    key = (part, group)
    digest = known.get(key)
    if digest is None:
        digest = _worked_out(plan, part, group)
        if len(known) < 64:  # a file's mark names the group: a crafted one cannot grow this
            known[key] = digest
    return digest


_last_digests: tuple[weakref.ref[Plan], dict[tuple[str, str | None], str]] | None = None


def _worked_out(plan: Plan, part: str, group: str | None) -> str:
    """:func:`_digest`, worked out afresh."""
    if part == "lots":
        lines = [lot.id for lot in plan.lots]
    elif part == "prices":
        lines = [
            f"{lot.id}\t{item.id}\t{item.unit}\t{_number(lot.volume(item.id))}"
            for lot in plan.lots
            for item in plan.price.items
        ]
    elif part == "questions":
        lines = [q.id for q in plan.questions_for(group)]
    else:
        lines = []
        for question in plan.questions_for(group):
            scale = plan.scales.get(question.scale or "")
            shape = (scale.low, scale.high, *scale.values) if scale is not None else ()
            lines.append("\t".join([question.id, *map(_number, shape)]))
    # Sorted: rows are matched by their ids, so the plan listing them in another order is
    # the same plan to a template.
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:8]


def _number(value: float | None) -> str:
    # 4 and 4.0 are one figure, however the plan's TOML wrote it.
    return "" if value is None else repr(float(value))
