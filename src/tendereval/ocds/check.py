"""The plan checked against the published tender notice.

The Procurement Act 2023 s.23 (and PCR 2015 reg 67) binds the buyer to evaluate on exactly
the award criteria and weights it published. When the tender folder holds the notice as Find a
Tender published it (``notice.json``), :func:`check_against_notice` compares the plan with it:
the lots, each lot's award criteria (matched by title or id; a lone price criterion by its
type), the effective weights, the published minimum scores and the lot cap. Every difference is
an error naming the criterion and both values. The lots' names, the tender's title and the
buyer's name are compared too, as a reader would compare them: a plan lot named as another
published lot is titled is an error (the lots are swapped); other wording, a warning.

A notice may publish the criteria at any level of the plan's tree: "Quality 60" matches the
plan's quality criterion whatever questions it is split into, or each question may be published
with its own weight. Either way every scored criterion of the plan must fall under exactly one
published criterion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tendereval.errors import Problem, Problems, Severity
from tendereval.layout import NOTICE_FILE
from tendereval.limits import MAX_NOTICE_BYTES
from tendereval.ocds.notice import (
    LOT_ENDED,
    LOT_OVER,
    MAX_TEXT,
    MAX_TITLE,
    Notice,
    NoticeCriterion,
    NoticeLot,
    figures,
    notice_read,
    whole_years,
)
from tendereval.ocds.own_words import may_state_a_minimum
from tendereval.plan import OCID_PATTERN, REGIMES, Criterion, Lot, Plan
from tendereval.regimes import terms
from tendereval.scoring.common import share_as_percent
from tendereval.wording import counted

if TYPE_CHECKING:
    from tendereval.io.files import InputFile

# Published weights are rounded (16.67 for a sixth): a plan weight within half a hundredth of a
# point of the published figure is the same weight.
WEIGHT_TOLERANCE = 0.005
OCDS_TYPES = {"price": ("price", "cost"), "quality": ("quality",), "social_value": ("quality",)}
DIFFERS = "differs from the published notice"
_PUBLISHED = re.compile(r"(.*?), as .* publishes it")


def check_folder_against_notice(folder: str | Path, plan: Plan | None) -> list[Problem]:
    """Every difference between the plan and ``notice.json`` in the tender ``folder`` ([] when
    the folder holds no notice). ``plan`` None: the plan as written is compared even though it
    has errors of its own, so a weight changed away from the notice is named either way."""
    from tendereval.io.files import read_input

    folder = Path(folder)
    path = folder / NOTICE_FILE
    if not (path.exists() or path.is_symlink()):  # a broken link or a pipe is said, not skipped
        return []
    read = read_input(path, NOTICE_FILE, MAX_NOTICE_BYTES, "notice")
    return check_notice_read(read, plan, folder)


def check_notice_read(
    read: InputFile | Problem, plan: Plan | None, folder: str | Path
) -> list[Problem]:
    """Every difference between the plan and the notice of the tender ``folder`` in bytes read
    already (``read``: those the audit trail hashed, or the problem that stopped them being
    read), as :func:`check_folder_against_notice` gives them: a file swapped after it was
    hashed cannot have the plan checked against another notice than the one recorded."""
    notice, problems = notice_read(read, NOTICE_FILE)
    if notice is None:
        return problems
    plan = plan or _plan_as_written(Path(folder))
    if plan is None:
        return problems
    return problems + check_against_notice(plan, notice)


def check_against_notice(plan: Plan, notice: Notice) -> list[Problem]:
    """Every difference between ``plan`` and the published ``notice``."""
    found = _Differences(plan, notice)
    matched = _match_lots(plan, notice, found)
    names = _Names(plan)
    titles = _LotTitles(notice)
    for lot, published in matched:
        found.lot = lot
        _check_lot_name(plan, lot, published, titles, found)
        _check_lot_value(plan, lot, published, found)
        _check_suitability(plan, lot, published, found)
        _check_contract_period(plan, published, found)
        _check_criteria(plan, names, published, found)
        _check_overall_minimum(plan, published, found)
    _check_procurement(plan, notice, found)
    _check_title_and_buyer(plan, notice, found)
    _procurement_over(notice, found)
    _check_cap(plan, notice, found)
    _check_regime(plan, notice, found)
    return found.problems()


# The warnings that a lot, or the whole procurement, is over in the notice (complete or
# unsuccessful): init says them at once, as every later command will (init leaves a cancelled
# lot out of the plan, and warns of that, itself).
OVER_CODES = ("notice.lot_over", "notice.tender_over")


def over_in_notice(plan: Plan, notice: Notice) -> list[Problem]:
    """The warnings :func:`check_against_notice` gives ``plan`` for each of its lots the notice
    gives as complete or unsuccessful, and for the procurement so given as a whole, in the
    same words: for ``init --from-notice`` to say at once what every later command will."""
    found = _Differences(plan, notice)
    _match_lots(plan, notice, found)
    _procurement_over(notice, found)
    return [p for p in found.problems() if p.code in OVER_CODES]


# ---- The procurement -------------------------------------------------------------------------


def _check_procurement(plan: Plan, notice: Notice, found: _Differences) -> None:
    """The award notice is published under the procurement the tender notice was: its ocid and
    its tender id are the notice's (one character off, the award is another procurement's)."""
    found.lot = None
    ours = plan.publication.ocid_of(plan.tender_id)
    if re.fullmatch(OCID_PATTERN, notice.ocid) and ours and ours != notice.ocid:
        key = "publication.ocid" if plan.publication.ocid else "publication.ocid_prefix"
        found.add(
            f"the procurement's OCDS id (ocid) {DIFFERS}",
            key,
            found=f"{ours} in the plan",
            expected=found.published(notice.ocid)
            + " (the award notice would be published under another procurement"
            + ("; set [publication] ocid to it)" if key.endswith("prefix") else ")"),
            code="notice.ocid",
        )
    if notice.tender_id and plan.tender_id != notice.tender_id:
        found.add(
            f"the tender id {DIFFERS}",
            "tender.id",
            found=f"{plan.tender_id!r} in the plan",
            expected=found.published(repr(notice.tender_id))
            + " (tender.id: the award notice would name another tender)",
            code="notice.tender_id",
        )


def _check_title_and_buyer(plan: Plan, notice: Notice, found: _Differences) -> None:
    """The tender's title and the buyer's name against the notice's: the award notice
    publishes the plan's, the buyer under the notice buyer's id. Compared as text a reader
    would call the same (capitals, punctuation and spaces aside); any other difference is a
    warning, not an error: "Kent County Council" may be written "KCC", and neither changes
    an evaluation, but the award notice would contradict the tender notice."""
    found.lot = None
    buyer_id = dict(notice.buyer_party).get("id", "")
    for what, key, ours, theirs, why in (
        ("the tender's title", "tender.title", plan.title, notice.title,
         "the award notice publishes the plan's"),
        ("the buyer", "tender.buyer", plan.buyer, notice.buyer,
         "the award notice publishes the plan's name"
         + (f" under the notice buyer's id {buyer_id}" if buyer_id else "")),
    ):  # fmt: skip
        if not theirs or same_text(ours, theirs, MAX_TITLE if key == "tender.title" else MAX_TEXT):
            continue
        found.add(
            f"{what} {DIFFERS}",
            key,
            found=f"{ours!r} in the plan" if ours else "nothing in the plan",
            expected=found.published(repr(theirs)) + f" ({why}: write it as published)",
            code=f"notice.{key.removeprefix('tender.')}",
            severity=Severity.WARNING,
        )


# ---- Lots ------------------------------------------------------------------------------------


class _LotTitles:
    """The notice's lots (those not ended) by title as compared (:func:`_norm`), looked up
    once for every lot of the plan (a notice may have 1,000 lots)."""

    def __init__(self, notice: Notice):
        self._ids: dict[str, list[str]] = {}
        for published in notice.lots:
            if published.title and not published.ended:
                self._ids.setdefault(_norm(published.title), []).append(published.id)

    def others(self, name: str, lot_id: str) -> list[str]:
        """The ids of the notice's lots other than ``lot_id`` titled ``name``."""
        return [i for i in self._ids.get(_norm(name), []) if i != lot_id]


def _check_lot_name(
    plan: Plan, lot_id: str, published: NoticeLot, titles: _LotTitles, found: _Differences
) -> None:
    """The lot's name against the notice's title of the lot of its id, which the award notice
    publishes it under. A name that is another published lot's title is an error: the plan's
    lots are swapped (lot 1 named Canterbury where the notice's lot 1 is Ashford and its lot 2
    Canterbury), and the award would be published under the other lot. Any other wording is
    a warning, compared as a reader would (capitals, punctuation and spaces aside)."""
    lot = plan.lot(lot_id)
    if lot is None or not published.title or same_text(lot.name, published.title, MAX_TITLE):
        return
    key = f"lots[{plan.lot_ids.index(lot_id)}].name"
    others = titles.others(lot.name, lot_id)
    if others:
        found.add(
            f"lot {lot_id} is named {lot.name!r} in the plan, which is the title of the "
            f"notice's lot {' and '.join(others)}, not of its lot {lot_id}: the lots' names are "
            "swapped, and the award notice would publish each under the other lot's id",
            key,
            found=f"{lot.name!r} in the plan",
            expected=found.published(f"{published.title!r} for lot {lot_id}")
            + " (the plan's lots are matched to the notice's by id: give each lot the id, "
            "name, value and volumes the notice publishes for it)",
            code="notice.lot_swapped",
            once=True,
        )
        return
    found.add(
        f"the name of lot {lot_id} {DIFFERS}",
        key,
        found=f"{lot.name!r} in the plan",
        expected=found.published(repr(published.title))
        + " (the award notice publishes the plan's name under the notice's lot id: write it "
        "as published)",
        code="notice.lot_name",
        severity=Severity.WARNING,
        once=True,
    )


def _match_lots(plan: Plan, notice: Notice, found: _Differences) -> list[tuple[str, NoticeLot]]:
    """Plan lots paired with the notice's, by id, else by name; the others are differences."""
    pairs: list[tuple[str, NoticeLot]] = []
    # The notice's lots by id and by title as compared, each list in the notice's order; a lot
    # paired is taken out of both (looked up, not searched for: a notice may have 1,000 lots).
    by_id: dict[str, list[int]] = {}
    by_title: dict[str, list[int]] = {}
    for place, published in enumerate(notice.lots):
        by_id.setdefault(published.id, []).append(place)
        if published.title and _norm(published.title):
            by_title.setdefault(_norm(published.title), []).append(place)
    paired: set[int] = set()
    unnumbered = [n for n in notice.unnumbered_lots if n.title and _norm(n.title)]
    every_lot = ", ".join(
        f"{n.id} ({n.title})" if n.title else n.id for n in notice.lots if not n.ended
    )

    def first_left(places: list[int]) -> int | None:
        while places and places[0] in paired:
            places.pop(0)
        return places[0] if places else None

    for index, lot in enumerate(plan.lots):
        place = first_left(by_id.get(lot.id, []))
        if place is None:
            place = first_left(by_title.get(_norm(lot.name), []))
        if place is None and any(_norm(n.title) == _norm(lot.name) for n in unnumbered):
            continue  # the notice's lot of that name has no id (_unnumbered_lots)
        if place is None:
            found.add(
                f"lot {lot.id} ({lot.name}) is not in the published notice",
                f"lots[{index}].id",
                found=lot.id,
                expected="one of the notice's lots: " + every_lot,
                code="notice.lot_not_published",
                once=True,
            )
            continue
        paired.add(place)
        published = notice.lots[place]
        if published.id != lot.id:
            # Found by its name: the award notice names each lot by the plan's id, and must
            # name the procurement's own (relatedLots), or it awards a lot never published.
            found.add(
                f"lot {lot.id} ({lot.name}) is the notice's lot {published.id} by its name, but "
                "its id differs: the award notice would name a lot the procurement does not have",
                f"lots[{index}].id",
                found=lot.id,
                expected=found.published(repr(published.id)),
                code="notice.lot_id",
                once=True,
            )
        if published.ended:
            # Nothing may be awarded under a lot the notice took out of the tender; its bids
            # need not be thrown away: a [[no_award]] record settles this (award/decision.py).
            whole = published.ended_with_tender
            found.add(
                f"lot {lot.id} ({lot.name}) is {LOT_ENDED[published.status]} in the published "
                + ("notice with the whole procurement" if whole else "notice")
                + ", so nothing may be awarded under it",
                f"lots[{index}].id",
                found=f"{_ENDED_BY[bool(whole)]} {published.status} ({published.status_place} "
                f"in {notice.source or NOTICE_FILE})",
                expected=f"a [[no_award]] record for lot {lot.id} in decisions.toml"
                + (
                    ", as for every lot: a procurement that ends without award has no contract "
                    "award notice"
                    if whole
                    else ", or the lot taken out of the plan"
                ),
                code="notice.lot_ended",
                once=True,
                lot=lot.id,
            )
            continue
        # A lot over as the whole procurement is, is said once, for the procurement.
        if published.status in LOT_OVER and published.status != notice.status:
            _lot_over(lot, index, published, notice, found)
        pairs.append((lot.id, published))
    _unnumbered_lots(plan, notice, pairs, found)
    for published in (
        n for place, n in enumerate(notice.lots) if place not in paired and not n.ended
    ):
        found.add(
            f"the notice publishes lot {published.id}"
            + (f" ({published.title})" if published.title else "")
            + " and the plan does not have it",
            "lots",
            found="no such [[lots]] section",
            expected=f"a [[lots]] section with id = {published.id!r}",
            code="notice.lot_missing",
            once=True,
        )
    return pairs


def _unnumbered_lots(
    plan: Plan, notice: Notice, pairs: list[tuple[str, NoticeLot]], found: _Differences
) -> None:
    """Each lot the notice publishes with no id, matched with the plan's by name (by id there
    is nothing to match): one the plan lacks is missing, as a lot with an id is; one the plan
    has cannot be named by the award notice (relatedLots), which is said."""
    paired = {lot_id for lot_id, _ in pairs}
    for published in notice.unnumbered_lots:
        named = f" ({published.title})" if published.title else ""
        index, lot = next(
            (
                (index, lot)
                for index, lot in enumerate(plan.lots)
                if lot.id not in paired
                and published.title
                and _norm(lot.name) == _norm(published.title)
            ),
            (None, None),
        )
        if lot is None:
            found.add(
                f"the notice publishes a lot{named} with no id, and the plan does not have it",
                "lots",
                found=f"no [[lots]] section of that name (the lot is at {published.where})",
                expected="a [[lots]] section with the lot's published name, and the notice "
                "corrected to give the lot an id",
                code="notice.lot_missing",
                once=True,
            )
            continue
        paired.add(lot.id)
        found.add(
            f"lot {lot.id} ({lot.name}) is the notice's lot{named} by its name, but the notice "
            "gives that lot no id: the award notice would name a lot the procurement does not "
            "have",
            f"lots[{index}].id",
            found=f"no id at {published.where}",
            expected="the tender notice corrected to give the lot an id, and the plan's lot "
            "given that id",
            code="notice.lot_id",
            once=True,
        )


# What a notice.lot_ended difference's found begins with: the lot's own status, or the whole
# procurement's; then the status ("status withdrawn (releases[1]…"). :func:`ended_as` reads
# it back, for the held-back award to say withdrawn where the notice withdrew.
_ENDED_BY = {False: "status", True: "the procurement"}
_ENDED_AS = re.compile(r"(?P<by>status|the procurement) (?P<status>[a-z]+) \(")


def ended_as(problem: Problem) -> tuple[str, bool]:
    """How the lot of a notice.lot_ended difference was ended: cancelled or withdrawn (as
    :data:`LOT_ENDED` words it), and whether with the whole procurement."""
    said = _ENDED_AS.match(problem.found)
    status = said["status"] if said else "cancelled"
    return LOT_ENDED.get(status, "cancelled"), bool(said) and said["by"] == _ENDED_BY[True]


def _lot_over(
    lot: Lot, index: int, published: NoticeLot, notice: Notice, found: _Differences
) -> None:
    """A warning for a lot the notice gives as complete or unsuccessful: its procurement is
    over, so an award published now is a new award on top of the one it ended with. Only a
    warning: tendereval's own award notice publishes lots so, and one read back (an award
    set aside and made again) is not refused."""
    found.add(
        f"lot {lot.id} ({lot.name}) is {published.status} in the published notice "
        f"({LOT_OVER[published.status]}): its procurement is over, so an award published now "
        "is a new award on top of it",
        f"lots[{index}].id",
        found=f"status {published.status} ({published.status_place} in "
        f"{notice.source or NOTICE_FILE})",
        expected="the lot open for tenders (active) in the notice; if this award replaces one "
        "set aside, go ahead knowing the notice shows the lot ended",
        code="notice.lot_over",
        severity=Severity.WARNING,
        once=True,
        lot=lot.id,
    )


def _procurement_over(notice: Notice, found: _Differences) -> None:
    """One warning for a procurement the notice gives as complete or unsuccessful as a whole
    (tender.status), as each lot so given has: its procurement is over, so an award published
    now is a new award on top of the one it ended with. Only a warning, as for a lot:
    tendereval's own award notice publishes the procurement so, and may be read back. Its
    lots given the same status are not warned of again, one by one."""
    if notice.status not in LOT_OVER:
        return
    found.lot = None
    found.add(
        f"the procurement is {notice.status} in the published notice "
        f"({LOT_OVER[notice.status]}): it is over, so an award published now is a new award "
        "on top of it",
        "tender",
        found=f"status {notice.status} ({notice.status_place} in {notice.source or NOTICE_FILE})",
        expected="the procurement open for tenders (active) in the notice; if this award "
        "replaces one set aside, go ahead knowing the notice shows the procurement ended",
        code="notice.tender_over",
        severity=Severity.WARNING,
    )


def _check_lot_value(plan: Plan, lot_id: str, published: NoticeLot, found: _Differences) -> None:
    """The lot's estimated value against the notice's. Under a lot-cap rule taking lots in
    order of value, a value the notice publishes and the plan does not have is an error: the
    lot would be taken in another place than the published values give (docs/award.md takes
    a lot without a value last); a value the plan has and the notice does not, a warning. A
    value the notice gives with VAT, in another currency or not as a number cannot be
    compared with the plan's net pounds: that is said, as a warning, and the figures shown
    each in its own currency."""
    lot = plan.lot(lot_id)
    if lot is None:
        return
    ordering = plan.lot_cap.rule == "descending_value"
    why = " (the lot-cap rule takes lots in order of value)" if ordering else ""
    key = f"lots[{plan.lot_ids.index(lot_id)}].estimated_value"
    theirs = _published_value(published)
    ours = lot.estimated_value
    if published.value_out_of_range:
        _check_unusable_value(lot_id, key, published, ours, why, ordering, found)
    elif ours is None and theirs:
        found.add(
            f"lot {lot_id}'s estimated value is in the published notice but not in the plan{why}",
            key,
            found="no estimated_value in the plan",
            expected=found.published(theirs)
            + ("" if _comparable(plan, published) else ": the lot's value net of VAT in pounds"),
            code="notice.lot_value",
            severity=Severity.ERROR if ordering else Severity.WARNING,
            once=True,
        )
    elif ours is None or (not theirs and not ordering):
        return
    elif not theirs:
        # A warning: the value may be published in the tender documents rather than the
        # notice, and removing it from the plan would only move the lot to the end of the order.
        found.add(
            f"lot {lot_id}'s estimated value orders it under the lot cap, but the published "
            "notice gives no value for the lot",
            key,
            found=f"{_money(ours)} in the plan",
            expected="the value the tender documents publish for the lot (the cap takes lots "
            "in order of value, and bidders must be able to work that order out): check the "
            "plan's figure against them",
            code="notice.lot_value",
            severity=Severity.WARNING,
            once=True,
        )
    elif not _comparable(plan, published):
        found.add(
            f"lot {lot_id}'s estimated value cannot be checked against the published notice: "
            f"the notice gives it {_how_given(published)}, and the plan's values are net of "
            "VAT in pounds",
            key,
            found=f"{_money(ours)} in the plan",
            expected=found.published(theirs) + ": check the plan's figure against it by hand",
            code="notice.lot_value",
            severity=Severity.WARNING,
            once=True,
        )
    elif abs(ours - (published.value or 0.0)) >= 0.5:
        found.add(
            f"lot {lot_id}'s estimated value {DIFFERS}{why}",
            key,
            found=f"{_money(ours)} in the plan",
            expected=found.published(theirs),
            code="notice.lot_value",
            severity=Severity.ERROR if ordering else Severity.WARNING,
            once=True,
        )


def _check_unusable_value(
    lot_id: str,
    key: str,
    published: NoticeLot,
    ours: float | None,
    why: str,
    ordering: bool,
    found: _Differences,
) -> None:
    """A notice giving the lot a value no lot can have (0, below 0, over £1 trillion: init
    wrote none). Told to write the value the notice publishes, as for any other, the officer
    was invited to type one the plan refuses; and once the lot's own value was written, the
    warning that it could not be checked said the plan's values are net of VAT, as if the
    notice's were not: it was never a value at all."""
    unusable = f"the notice gives it {_how_given(published)}"
    if ours is None:
        found.add(
            f"lot {lot_id}'s estimated value is not in the plan, and the published notice's "
            f"cannot be used: {unusable}{why}",
            key,
            found="no estimated_value in the plan",
            expected="the lot's own estimated value, net of VAT in pounds, written as "
            "estimated_value in the lot (as the tender documents give it: the notice's figure "
            "cannot be one)",
            code="notice.lot_value",
            severity=Severity.ERROR if ordering else Severity.WARNING,
            once=True,
        )
        return
    found.add(
        f"lot {lot_id}'s estimated value cannot be checked against the published notice: "
        f"{unusable}",
        key,
        found=f"{_money(ours)} in the plan",
        expected="the lot's value as the tender documents give it: check the plan's figure "
        "against them by hand",
        code="notice.lot_value",
        severity=Severity.WARNING,
        once=True,
    )


def _published_value(published: NoticeLot) -> str:
    """The lot's value as the notice gives it, in its own currency ("€2,400,000", "£1,488,000
    with VAT", "'1,650,000' (not a number)"), or "" when it gives none."""
    if published.value_out_of_range:
        return f"{published.value_unread} (no lot's value)"
    if published.value_unread:
        return f"{published.value_unread!r} (not a number)"
    if published.value is None:
        return ""
    return _money(published.value, published.currency) + (
        " with VAT" if published.value_gross else ""
    )


def _how_given(published: NoticeLot) -> str:
    """How the notice gives a value the plan's cannot be compared with."""
    if published.value_out_of_range:
        over = not published.value_unread.lstrip('"').startswith(("0", "-"))
        why = "more than any public contract is worth" if over else "which no lot's value can be"
        return f"as {published.value_unread}, {why}"
    if published.value_unread:
        return "as no number"
    return "with VAT" if published.value_gross else f"in {published.currency}"


def _comparable(plan: Plan, published: NoticeLot) -> bool:
    """Whether the notice's value of the lot is, like the plan's, a number net of VAT in the
    plan's currency."""
    return (
        published.value is not None
        and not published.value_gross
        and (published.currency or plan.currency).upper() == plan.currency.upper()
    )


# The sign a message shows an amount with, by ISO 4217 code; others are written after it.
_SIGNS = {"GBP": "£", "EUR": "€", "USD": "$"}


def _money(value: float, currency: str = "GBP") -> str:
    """An amount in its own currency: £1,650,000, €2,400,000, 2,400,000 CHF."""
    code = (currency or "GBP").upper()
    sign = _SIGNS.get(code)
    return f"{sign}{figures(value)}" if sign else f"{figures(value)} {code}"


def _check_suitability(plan: Plan, lot_id: str, published: NoticeLot, found: _Differences) -> None:
    """The lot's suitability for SMEs and VCSEs, which the award notice publishes from the
    plan. A warning, not an error: nothing in the evaluation or the award reads it, so it
    changes no decision, but the award notice would contradict the tender notice."""
    lot = plan.lot(lot_id)
    if lot is None:
        return
    index = plan.lot_ids.index(lot_id)
    for key, who, ours, theirs in (
        ("sme", "SMEs", lot.suitable_for_sme, published.suitable_for_sme),
        ("vcse", "VCSEs", lot.suitable_for_vcse, published.suitable_for_vcse),
    ):
        if ours is None or theirs is None or ours == theirs:
            continue
        found.add(
            f"whether lot {lot_id} is suitable for {who} {DIFFERS}",
            f"lots[{index}].suitable_for_{key}",
            found=f"{str(ours).lower()} in the plan",
            expected=found.published(f"{str(theirs).lower()} (suitability.{key})")
            + " (the award notice publishes the plan's)",
            code="notice.suitability",
            severity=Severity.WARNING,
            once=True,
        )


def _check_contract_period(plan: Plan, published: NoticeLot, found: _Differences) -> None:
    """The plan's contract years against the lot's contract period: a bid's evaluated price
    is its whole-life price over the contract years, so another number of years changes every
    evaluated price, and can change the ranking (a yearly uplift weighs more over more
    years). A period between two whole numbers of years (30 months) may be either."""
    if published.contract_days is None and not published.contract_days_either:
        return
    given = (published.contract_days,) if published.contract_days else ()
    # A period whose dates and durationInDays disagree allows the years of either.
    given += published.contract_days_either
    years = tuple(dict.fromkeys(y for days in given for y in whole_years(days)))
    if plan.contract_years in years:
        return
    either = " or ".join(f"{days:,.0f} days" for days in given)
    found.add(
        f"the number of contract years {DIFFERS}",
        "tender.contract_years",
        found=f"{counted(plan.contract_years, 'year')} in the plan",
        expected=found.published(
            (counted(years[0], "year") if len(years) == 1 else _or(years))
            + f" (a contract period of {either})"
        )
        + " (a bid's evaluated price is its whole-life price over the contract years)",
        code="notice.contract_period",
    )


def _or(years: tuple[int, ...]) -> str:
    """2 or 3 years; 2, 3 or 5 years."""
    return f"{', '.join(map(str, years[:-1]))} or {years[-1]} years"


def _check_cap(plan: Plan, notice: Notice, found: _Differences) -> None:
    published, ours = notice.max_lots_per_supplier, plan.lot_cap.max_lots_per_supplier
    if published is None or published == ours:
        return
    found.lot = None
    found.add(
        f"the cap on lots per supplier {DIFFERS}",
        "participation.max_lots_per_supplier",
        found=f"{ours} in the plan" if ours is not None else "no cap in the plan",
        expected=found.published(str(published)) + " (maximumLotsAwardedPerSupplier)",
        code="notice.lot_cap",
    )


def _check_regime(plan: Plan, notice: Notice, found: _Differences) -> None:
    """The law the notice was published under is the law the award follows: the standstill the
    buyer records and what each assessment summary cites come from the plan's regime."""
    if notice.regime is None or notice.regime == plan.regime:
        return
    found.lot = None
    found.add(
        f"the procurement regime {DIFFERS}",
        "tender.regime",
        found=f"{plan.regime} ({plan.regime_name}) in the plan",
        expected=found.published(f"{notice.regime} ({REGIMES[notice.regime]})")
        + f" ({notice.regime_basis})",
        code="notice.regime",
    )


# ---- Award criteria --------------------------------------------------------------------------


class _Names:
    """The plan's criteria by title and by id as compared (:func:`_norm`), worked out once for
    every lot: a notice is the buyer's download, not its own file, and comparing each of its
    criteria with every criterion of the plan took minutes on a notice of 1,000 lots."""

    def __init__(self, plan: Plan):
        self.nodes = list(plan.walk())
        self._places: dict[str, list[int]] = {}
        for place, node in enumerate(self.nodes):
            for name in {_norm(node.title), _norm(node.id)} - {""}:
                self._places.setdefault(name, []).append(place)

    def named(self, name: str) -> list[Criterion]:
        """The criteria whose title or id is ``name`` as compared, in the plan's order."""
        places = self._places.get(_norm(name), []) if name else []
        return [self.nodes[place] for place in places]


def _check_criteria(plan: Plan, names: _Names, published: NoticeLot, found: _Differences) -> None:
    if not published.criteria:
        found.add(
            "the notice publishes no award criteria for this lot, so its weights cannot be checked",
            "criteria",
            expected="award criteria in the notice (tender.lots[].awardCriteria)",
            code="notice.no_criteria",
            severity=Severity.WARNING,
        )
        return
    prices = [c for c in published.criteria if c.priced]
    covered: dict[str, list[NoticeCriterion]] = {}
    taken: set[str] = set()  # the plan criteria published criteria of this lot have matched
    matched: list[tuple[Criterion, NoticeCriterion]] = []
    for criterion in published.criteria:
        node = _match(criterion, names, lone_price=len(prices) == 1, taken=taken)
        if node is None:
            found.add(
                f"the published award criterion {_named(criterion)} is not in the plan",
                "criteria",
                found="no criterion with that title or id",
                expected=f"a criterion titled {criterion.name!r} weighing "
                f"{_points(criterion.weight)}",
                code="notice.criterion_missing",
            )
            continue
        taken.add(node.id)
        matched.append((node, criterion))
        for leaf in (c for c in node.walk() if c.is_leaf):
            covered.setdefault(leaf.id, []).append(criterion)
        _compare(node, criterion, found)
    _check_order(matched, found)
    for leaf in plan.leaves:
        claims = covered.get(leaf.id, [])
        if not claims:
            found.add(
                f"criterion {_plan_named(leaf)} ({_points(leaf.effective_weight)}) is in no "
                "award criterion the notice publishes",
                leaf.path or "criteria",
                found=f"{_points(leaf.effective_weight)} in the plan",
                expected="a published criterion for it, or no such criterion in the plan",
                code="notice.criterion_not_published",
            )
        elif len(claims) > 1:
            found.add(
                f"criterion {_plan_named(leaf)} falls under more than one published criterion",
                leaf.path or "criteria",
                found="; ".join(_named(c) for c in claims),
                expected="published criteria that do not overlap",
                code="notice.criteria_overlap",
            )


def _match(
    criterion: NoticeCriterion, names: _Names, lone_price: bool, taken: set[str] = frozenset()
) -> Criterion | None:
    """The plan criterion a published one names: same title or id; of those, one no other
    published criterion of the lot has matched, then one of its type, then of its weight,
    then the most specific. A lone price criterion is the plan's price when nothing of its
    type has its name. (Notices publish a quality criterion named "Price", and two criteria
    of one name: matched by name alone, both took the first, and a plan that was the notice
    could never validate.)"""

    def other_type(node: Criterion) -> bool:
        return bool(criterion.type) and criterion.type not in OCDS_TYPES.get(node.pillar, ())

    named = names.named(criterion.name)
    if lone_price and criterion.priced and all(map(other_type, named)):
        named += [n for n in names.nodes if n.pillar == "price" and n.parent is None]
    if not named:
        return None
    return min(
        named,
        key=lambda n: (
            n.id in taken,
            other_type(n),
            criterion.weight is None
            or abs(n.effective_weight - criterion.weight) > WEIGHT_TOLERANCE,
            not n.is_leaf,
        ),
    )


def _compare(node: Criterion, criterion: NoticeCriterion, found: _Differences) -> None:
    """The plan criterion ``node`` against the published ``criterion``: weight, type, minimum."""
    key = _weight_key(node)
    if criterion.weight is None:
        found.add(
            f"the notice gives no weight that can be read for {_named(criterion)} "
            f"({criterion.note}), so the plan's {_points(node.effective_weight)} cannot be checked",
            key,
            found=_points(node.effective_weight) + " in the plan",
            expected="a percentage weight in the notice",
            code="notice.no_weight",
            severity=Severity.WARNING,
        )
    elif abs(node.effective_weight - criterion.weight) > WEIGHT_TOLERANCE:
        found.add(
            f"the weight of criterion {_plan_named(node)} {DIFFERS}",
            key,
            found=f"{_points(node.effective_weight)} in the plan",
            expected=found.published(_percent(criterion.weight))
            + f" ({terms(found.plan.regime).criteria_rule})",
            code="notice.weight",
        )
    if criterion.type and criterion.type not in OCDS_TYPES.get(node.pillar, ()):
        found.add(
            f"criterion {_plan_named(node)} is a {node.pillar.replace('_', ' ')} criterion in "
            f"the plan but the notice publishes it as {criterion.type}",
            f"{node.path}.type" if node.path else "criteria",
            found=node.pillar,
            expected=" or ".join(p for p, codes in OCDS_TYPES.items() if criterion.type in codes)
            or "price, quality or social_value",
            code="notice.type",
        )
    if criterion.minimum is not None:
        ours = node.minimum if node.disqualify_below_minimum else None
        if ours is None or abs(ours - criterion.minimum) > 1e-9:
            found.add(
                f"the minimum score of criterion {_plan_named(node)} {DIFFERS}",
                f"{node.path}.minimum" if node.path else "criteria",
                found=f"{ours:g} (disqualifying) in the plan"
                if ours is not None
                else "no disqualifying minimum in the plan",
                expected=found.published(f"{criterion.minimum:g}") + " (minimumScore)",
                code="notice.minimum",
            )


def _check_overall_minimum(plan: Plan, published: NoticeLot, found: _Differences) -> None:
    """The overall quality minimum the notice states (in tendereval's own words, as its award
    notice gives it) against the plan's: a published threshold is applied as published
    (Procurement Act 2023 s.23). One the notice may state in other words is a warning while
    the plan has none, for the officer to check."""
    share = plan.evaluation.minimum_quality_share
    disqualifies = plan.evaluation.disqualify_below_overall_minimum
    ours = (
        "no overall quality minimum in the plan"
        if share is None
        else f"minimum_quality_share {share:g} ({share_as_percent(share)} of the quality points), "
        + ("disqualifying" if disqualifies else "flagged, not disqualifying")
    )
    said = published.overall_minimum
    if said is not None:
        if share is None or abs(share - said.share) > 1e-9 or disqualifies != said.disqualified:
            found.add(
                f"the overall quality minimum {DIFFERS}",
                "evaluation.minimum_quality_share",
                found=f"{ours} in the plan",
                expected=found.published(
                    f"minimum_quality_share {said.share:g} ({share_as_percent(said.share)} of "
                    "the quality points), "
                    + ("disqualifying" if said.disqualified else "flagged, not disqualifying")
                ),
                code="notice.quality_minimum",
            )
    elif share is None and may_state_a_minimum(published.criteria_text):
        shown = published.criteria_text[:300] + ("…" if len(published.criteria_text) > 300 else "")
        found.add(
            "the notice's award criteria may state an overall quality minimum, and the plan "
            "has none",
            "evaluation.minimum_quality_share",
            found=f"{ours}; the notice says '{shown}'",
            expected="[evaluation] minimum_quality_share and disqualify_below_overall_minimum "
            "as the notice publishes them, if it states a threshold",
            code="notice.quality_minimum",
            severity=Severity.WARNING,
        )


def _check_order(matched: list[tuple[Criterion, NoticeCriterion]], found: _Differences) -> None:
    """Where the notice publishes the criteria in order of importance instead of weights (as
    the law allows where weighting is not practicable: Procurement Act 2023 s.23, PCR 2015
    reg 67), the plan's weights must keep that order: a criterion published as more important
    may weigh as much as a less important one, never less."""
    ranked = sorted(
        ((node, c) for node, c in matched if c.importance is not None),
        key=lambda pair: pair[1].importance,
    )
    for place, (node, criterion) in enumerate(ranked):
        for other, below in ranked[place + 1 :]:
            if below.importance == criterion.importance:
                continue  # published as equally important: either may weigh more
            if node.effective_weight < other.effective_weight - WEIGHT_TOLERANCE:
                found.add(
                    f"criterion {_plan_named(node)} weighs less in the plan than "
                    f"{_plan_named(other)}, though the notice publishes it as more important",
                    _weight_key(node),
                    found=f"{_points(node.effective_weight)} for {_plan_named(node)} and "
                    f"{_points(other.effective_weight)} for {_plan_named(other)} in the plan",
                    expected=f"{_plan_named(node)} weighing at least as much as "
                    f"{_plan_named(other)}: "
                    + found.published(
                        f"order of importance {criterion.importance:g} and {below.importance:g}"
                    )
                    + f" ({terms(found.plan.regime).criteria_rule})",
                    code="notice.order",
                )


def _weight_key(node: Criterion) -> str:
    """Where the plan sets ``node``'s weight: ``criteria[1].questions[0].weight_of_parent``."""
    return f"{node.path}.weight_of_{node.weight_basis}" if node.path else "criteria"


# ---- Collecting differences once for all the lots they concern -------------------------------


@dataclass
class _Differences:
    """Differences found lot by lot; one found in several lots is reported once, naming them."""

    plan: Plan
    notice: Notice
    lot: str | None = None
    seen: dict[tuple, list[str]] = field(default_factory=dict)

    def published(self, value: str) -> str:
        """``value, as notice.json publishes it``."""
        return f"{value}, as {self.notice.source or 'the notice'} publishes it"

    def add(
        self,
        message: str,
        cell: str,
        found: str = "",
        expected: str = "",
        code: str = "",
        severity: Severity = Severity.ERROR,
        once: bool = False,
        lot: str | None = None,
    ) -> None:
        """``once``: said once for the plan, not lot by lot; ``lot``: the one lot the
        difference is about, for the award to settle it by a record for that lot."""
        key = (message, cell, found, expected, code, severity, lot)
        lots = self.seen.setdefault(key, [])
        if not once and self.lot is not None and self.lot not in lots:
            lots.append(self.lot)

    def problems(self) -> list[Problem]:
        out = Problems()
        every = len(self.plan.lots)
        for (message, cell, found, expected, code, severity, lot), lots in self.seen.items():
            if lots and every > 1:
                message += " (every lot)" if len(lots) == every else f" (lot {', '.join(lots)})"
            out.add(
                message,
                file=self.plan.source,
                cell=cell,
                found=found,
                expected=expected,
                code=code,
                severity=severity,
                lot=lot,
            )
        return out.items


def in_brief(problem: Problem) -> str:
    """A difference in a few words, for what stops the award: what differs (and in which
    lots), its place in the plan, the plan's figure and the notice's. "the weight of criterion
    'Price' (price) in every lot (criteria[0].weight_of_total: 35 points of 100 in the plan,
    40% in the notice)"."""
    what, _, rest = problem.message.partition(f" {DIFFERS}")
    rest = rest.strip()
    lots = rest.removeprefix("(").removesuffix(")")  # "every lot", "lot 1, 2", or a note
    if rest:
        what += f" in {lots}" if lots == "every lot" or lots.startswith("lot ") else f" {rest}"
    figures = [problem.found] if problem.found.endswith(" in the plan") else []
    published = _PUBLISHED.match(problem.expected)
    if published:
        figures.append(f"{published.group(1)} in the notice")
    place = ": ".join([problem.cell, ", ".join(figures)] if figures else [problem.cell])
    return f"{what} ({place})"


def _plan_as_written(folder: Path) -> Plan | None:
    """The plan read even with errors of its own (None when it is not TOML at all)."""
    from tendereval.plan import PLAN_FILE, parse_plan
    from tendereval.tomlread import parse_toml_file

    path = folder / PLAN_FILE
    if not path.is_file():
        return None
    scratch = Problems()
    raw, _ = parse_toml_file(path, PLAN_FILE, "the plan", "the preset plans", "plan", scratch)
    return None if raw is None else parse_plan(raw, PLAN_FILE, scratch, even_with_errors=True)


def same_text(ours: str, theirs: str, cut_at: int = MAX_TEXT) -> bool:
    """Whether the plan's ``ours`` is the notice's ``theirs`` as a reader would compare them:
    capitals, punctuation and spaces aside. The notice's text is cut at ``cut_at`` characters
    (MAX_TEXT; MAX_TITLE for a title), so a longer plan text is compared up to there."""
    mine, published = _norm(ours), _norm(theirs)
    return mine == published or (len(theirs) >= cut_at and mine.startswith(published))


def _norm(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())


def _named(criterion: NoticeCriterion) -> str:
    kind = f", {criterion.type}" if criterion.type else ""
    return f"'{criterion.name or '(no name)'}' ({_percent(criterion.weight)}{kind})"


def _plan_named(node: Criterion) -> str:
    return f"'{node.title}'" if node.title == node.id else f"'{node.title}' ({node.id})"


def _points(weight: float | None) -> str:
    return "no weight" if weight is None else f"{weight:.6g} points of 100"


def _percent(weight: float | None) -> str:
    return "no weight" if weight is None else f"{weight:.6g}%"
