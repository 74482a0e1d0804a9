"""``init --from-notice``: an evaluation plan built from the published tender notice.

The notice fixes what the plan must follow: the lots with their values, each lot's award
criteria and weights, any published minimum scores and lot cap, the buyer and the tender's
reference. Everything else a plan needs (how price is scored, the pricing schedule, the scoring
scale, the evaluators, who approved the plan) the notice does not say: it is written as a
commented default to change, and listed in :attr:`NoticePlan.choices` so the officer sees
what is left to settle before bids are opened.

Criteria become the plan's tree so that each published criterion is one criterion of the plan
with the same effective weight: a price criterion is the price criterion; one published quality
(or social value) criterion is the quality (or social value) criterion itself; several become
the questions of a quality (or social value) criterion, each with its published weight as
``weight_of_total``. A quality criterion whose name says "social value" is social value.
An award notice tendereval published says each criterion's id, pillar and the criteria it is
part of, a social value commitments criterion with its method, and any overall quality minimum,
in words (:mod:`~tendereval.ocds.own_words`): they are read back, so the plan is the one
published, its criteria tree and all.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from tendereval.errors import InputError, Problem, Problems, UsageError, path_argument, yes_or_no
from tendereval.io.keys import supplier_key
from tendereval.layout import NOTICE_FILE
from tendereval.limits import MAX_MONEY, MAX_TOML_BYTES
from tendereval.ocds.notice import (
    LOT_ENDED,
    Notice,
    NoticeCriterion,
    NoticeLot,
    figures,
    read_notice,
    whole_years,
)
from tendereval.ocds.own_words import (
    CommitmentsSaid,
    commitments_said,
    may_state_a_minimum,
    price_said,
)
from tendereval.plan import OCID_PREFIX_PATTERN, PLACEHOLDERS, REGIMES, PriceRules
from tendereval.regimes import terms
from tendereval.wording import counted, listed

PRICE_ITEM = "contract_year"
SHIPPED_PROXIES = "social-value-proxies-2026.csv"  # templates/: the illustrative table
PILLAR_TITLES = {"quality": "Quality", "social_value": "Social value"}
QUESTION_PREFIX = {"quality": "Q", "social_value": "SV"}
FIVE_POINT = """[scales.five_point]
values = [0, 1, 2, 3, 4, 5]

[scales.five_point.descriptors]
"0" = "No response or wholly inadequate"
"1" = "Poor"
"2" = "Weak"
"3" = "Satisfactory"
"4" = "Good"
"5" = "Excellent"
"""
HUNDRED = """[scales.hundred]                  # for a published minimum above 5
low = 0
high = 100
"""


@dataclass(frozen=True)
class NoticePlan:
    """What ``init --from-notice`` wrote: the plan, the copy of the notice kept beside it (for
    ``validate`` to check the plan against), what is left to settle, and any problems found
    reading the notice (warnings)."""

    plan: Path
    notice: Path
    choices: tuple[str, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class DraftPlan:
    text: str
    choices: tuple[str, ...]


def init_from_notice(folder: str | Path, notice: str | Path, *, force: bool = False) -> NoticePlan:
    """Create the tender ``folder`` with a plan built from the published ``notice`` (an OCDS
    release or release package as Find a Tender serves it), a copy of the notice as
    ``notice.json`` and empty ``bids/`` and ``scores/`` folders.

    Raises ``UsageError`` (no such notice file; a plan, or another notice, already there and
    no ``force``), ``InputError`` (the notice cannot be read, or publishes more lots or award
    criteria than a plan tendereval can read back holds) or ``OutputNotWritten``. The
    problems returned include the warnings every later command gives for a lot, or the whole
    procurement, the notice gives as complete or unsuccessful: the plan has it all the same
    (whether to evaluate it is the officer's call)."""
    from tendereval.scaffold import write_tender_folder

    source = path_argument("notice", notice, "the notice file (text or pathlib.Path)")
    folder = path_argument("folder", folder, "the new tender folder (text or pathlib.Path)")
    force = yes_or_no("force", force)
    _a_notice_file_at(source)
    published, problems = read_notice(source)
    if published is None:
        raise InputError(problems)
    problems += _lots_left_out(published)
    draft = plan_text(published)
    _fits_in_a_plan(draft, published)
    problems += _over(draft, published)
    copy = folder / NOTICE_FILE
    data = source.read_bytes()
    same_file = copy.exists() and copy.resolve() == source.resolve()
    if copy.exists() and not same_file and copy.read_bytes() != data and not force:
        raise UsageError(f"{copy} already holds another notice; use --force to replace it")
    files = {} if same_file else {NOTICE_FILE: data}
    plan = write_tender_folder(folder, draft.text.encode("utf-8"), force=force, files=files)
    return NoticePlan(plan, copy, draft.choices, tuple(problems))


def plan_text(notice: Notice) -> DraftPlan:
    """The plan's TOML text for ``notice``, and what the notice leaves to choose. A lot the
    notice has cancelled (or withdrawn) is left out: no bid for it is to be evaluated."""
    if any(not lot.ended for lot in notice.lots):
        notice = replace(notice, lots=tuple(lot for lot in notice.lots if not lot.ended))
    choices: list[str] = []
    criteria = _reference_criteria(notice, choices)
    years = _contract_years(notice, choices)
    parts = [
        _header(notice),
        _tender(notice, years, choices),
        _approval(),
        _publication(notice, choices),
        _lots(notice, choices),
        _price(criteria, choices),
        _scales(criteria),
        _criteria(criteria, choices),
        _social_value(criteria, choices),
        _evaluation(_overall_minimum(notice, choices)),
        _participation(notice, choices),
    ]
    choices += [
        "the scoring scale: every question is scored on five_point (0–5), a preset choice; "
        "change [scales] and each question's scale to the scale in your tender documents",
        "the evaluators: none are named in a plan; add [[evaluation.groups]] for a service-user "
        "panel whose scores carry their own share",
        "who approved the plan: fill in [approval] before bids are opened",
    ]
    notes = "\n".join(f"#   - {c}" for c in choices)
    text = "\n".join(parts).replace("#CHOICES#", notes)
    return DraftPlan(text, tuple(choices))


def _a_notice_file_at(source: Path) -> None:
    """UsageError unless ``source`` is a regular file: a named pipe or a device is there, but
    is no notice file (and reading one could wait, or never end)."""
    from tendereval.io.files import entry_kind

    kind = entry_kind(source)
    if kind is not None:
        raise UsageError(f"{source} is {kind}, not a file, so it was not read as the notice")
    if not source.is_file():
        raise UsageError(f"there is no notice file at {source}")


def _lots_left_out(notice: Notice) -> list[Problem]:
    """A warning for each lot the notice has taken out of the tender, which the plan leaves
    out (all of them stay when every lot has ended, see :func:`_every_lot_ended`)."""
    if all(lot.ended for lot in notice.lots):
        return _every_lot_ended(notice)
    problems = Problems()
    for lot in (lot for lot in notice.lots if lot.ended):
        problems.warn(
            f"the notice says lot {lot.id}"
            + (f" ({lot.title})" if lot.title else "")
            + f" is {LOT_ENDED[lot.status]}, so the plan leaves it out",
            file=notice.source,
            cell=lot.status_place,
            found=lot.status,
            expected="a lot still open for tenders (active); if the lot was cancelled in "
            "error, add it to the plan as its own [[lots]] section",
            code="notice.lot_left_out",
        )
    return problems.items


def _fits_in_a_plan(draft: DraftPlan, notice: Notice) -> None:
    """Refuse a notice whose plan would be larger than the plan loader reads
    (MAX_TOML_BYTES): written, it was refused by every later command. Not cut down to fit:
    the plan must follow every published lot and criterion, so one that leaves some out
    would only be refused by the check against the notice instead."""
    size = len(draft.text.encode("utf-8"))
    if size <= MAX_TOML_BYTES:
        return
    most = max(notice.lots, key=lambda lot: len(lot.criteria))
    raise InputError(
        [
            Problem(
                "the plan made from this notice would be larger than tendereval reads as a plan, "
                "so every command would refuse it",
                file=notice.source,
                found=f"{counted(len(notice.lots), 'lot')}; lot {most.id} publishes "
                f"{counted(len(most.criteria), 'award criterion', 'award criteria')}: a plan of "
                f"{size:,} bytes",
                expected=f"a plan of at most {MAX_TOML_BYTES:,} bytes "
                f"({MAX_TOML_BYTES / 2**20:g} MB): a tender's notice "
                "publishes a few dozen award criteria and at most a few hundred lots; check this "
                "is your tender's notice, or start from a preset (tendereval init --preset)",
                code="notice.too_large_for_plan",
            )
        ]
    )


def _over(draft: DraftPlan, notice: Notice) -> list[Problem]:
    """The warnings the check against the notice gives the plan for each lot, or the whole
    procurement, the notice gives as complete or unsuccessful, said now rather than first at
    validate: a plan drafted from an old or wrong notice is told at once."""
    from tendereval.ocds.check import over_in_notice
    from tendereval.plan import PLAN_FILE, parse_plan

    plan = parse_plan(tomllib.loads(draft.text), PLAN_FILE, Problems(), even_with_errors=True)
    return [] if plan is None else over_in_notice(plan, notice)


def _every_lot_ended(notice: Notice) -> list[Problem]:
    """A warning for each lot the notice gives as cancelled (or withdrawn) by a status of its
    own, when every lot is: the plan keeps them all (a plan needs a lot), and every later
    command holds the award back for each (notice.lot_ended). A lot ended with the whole
    procurement is not warned of again: reading the notice says the tender was cancelled
    (notice.cancelled). Before, a notice cancelling each lot one by one drew no word."""
    problems = Problems()
    for lot in (lot for lot in notice.lots if not lot.ended_with_tender):
        problems.warn(
            f"the notice says lot {lot.id}"
            + (f" ({lot.title})" if lot.title else "")
            + f" is {LOT_ENDED[lot.status]}, as is every lot, so the plan keeps them all (a "
            "plan needs a lot); nothing may be awarded under it",
            file=notice.source,
            cell=lot.status_place,
            found=lot.status,
            expected="a lot still open for tenders (active); if the lots are ended, record "
            "each as not to be awarded ([[no_award]] in decisions.toml)",
            code="notice.every_lot_ended",
        )
    return problems.items


# ---- Sections ------------------------------------------------------------------------------


def _header(notice: Notice) -> str:
    origin = notice.url or notice.source
    law = terms(notice.regime or "PA2023").criteria_law_in_full
    return f"""# tendereval evaluation plan, built by `tendereval init --from-notice` from the
# published tender notice {notice.ocid or notice.tender_id}{f" ({origin})" if origin else ""}.
#
# The lots, their values and the award criteria with their weights are as the notice
# publishes them: {law} binds you to evaluate on exactly
# those, and `tendereval validate` checks this plan against notice.json in this folder.
# The notice does not say the rest; these are defaults to settle before bids are opened:
#CHOICES#
"""


def _tender(notice: Notice, years: int, choices: list[str]) -> str:
    # A notice without a tender id names the procurement by its ocid alone.
    tender_id = notice.tender_id or notice.ocid or PLACEHOLDERS["tender.id"]
    if not (notice.tender_id or notice.ocid):
        choices.append(f"the tender id: the notice gives none; {tender_id} written")
    regime = notice.regime or "PA2023"
    if notice.regime and (not notice.legal_basis or notice.basis_unknown or notice.basis_nearest):
        choices.append(
            f"the procurement regime: {notice.regime_basis}, so {regime} ({REGIMES[regime]}) "
            "is written; check it against your tender documents"
        )
    elif notice.regime is None:
        # No legal basis tendereval knows, and begun once the Act applied (or on no date the
        # file shows).
        choices.append(
            f"the procurement regime: {notice.regime_basis}, so it is taken as PA2023 "
            f"({REGIMES['PA2023']}) and that is written; check it against your tender documents"
        )
    if notice.currency and notice.currency.upper() != "GBP":
        choices.append(
            f"the currency: the notice gives {notice.currency}, but tendereval shows every "
            "price in pounds (£), so `tendereval validate` refuses the plan until it says GBP"
        )
    return f"""[tender]
id = {_s(tender_id)}
title = {_s(notice.title or PLACEHOLDERS["tender.title"])}
buyer = {_s(notice.buyer or PLACEHOLDERS["tender.buyer"])}
currency = {_s(notice.currency or "GBP")}
# PA2023 = Procurement Act 2023; PCR2015 = Public Contracts Regulations 2015
regime = "{regime}"
contract_years = {years}               # years the price schedule is evaluated over
"""


def _approval() -> str:
    return """[approval]                       # who set the weights and approved the plan
approved_by = ""                 # e.g. "Adult Social Care Cabinet Committee"
approved_on = ""                 # e.g. 2026-09-14
weights_set_by = ""
"""


def _publication(notice: Notice, choices: list[str]) -> str:
    if re.fullmatch(OCID_PREFIX_PATTERN + r"-\S+", notice.ocid):
        ocid = f"ocid = {_s(notice.ocid)}"
    else:
        ocid = '# ocid_prefix = "ocds-xxxxxx"   # your registered OCDS prefix'
        choices.append(
            "the OCDS id for `tendereval publish`: the notice has none in the usual form; set "
            "[publication] ocid_prefix"
        )
    return f"""[publication]                    # for `tendereval publish` (docs/ocds.md)
{ocid}
"""


def _lots(notice: Notice, choices: list[str]) -> str:
    out = ["# ---- Lots (as the notice publishes them) -------------------------------------------"]
    # A value with VAT, or in another currency than the tender's, is written as the notice
    # gives it: the plan's estimated values are net pounds (they order lots under a
    # descending-value cap rule, and the award notice publishes them), so each is listed.
    gross = [lot.id for lot in notice.lots if lot.value_gross]
    foreign = [
        f"{lot.id} ({lot.currency})"
        for lot in notice.lots
        if lot.value is not None and lot.currency and lot.currency.upper() != "GBP"
    ]
    if notice.unnumbered_lots:
        named = ", ".join(
            repr(lot.title) if lot.title else lot.where for lot in notice.unnumbered_lots
        )
        choices.append(
            f"the lots the notice publishes with no id ({named}): they are left out of this "
            "plan, as the award notice could not name them; `tendereval validate` holds the "
            "award until the notice is corrected to give each an id and the plan has the lot"
        )
    if gross:
        choices.append(
            f"the estimated value of lot {', '.join(gross)}: the notice gives only the value "
            "with VAT (amountGross), which is written; the plan's values are net of VAT"
        )
    unread = [
        f"{lot.id} ({lot.value_unread!r})"
        for lot in notice.lots
        if lot.value_unread and not lot.value_out_of_range
    ]
    if unread:
        choices.append(
            f"the estimated value of lot {', '.join(unread)}: the notice gives no number for "
            "it, so none is written; write the lot's value, net of VAT in pounds, as "
            "estimated_value"
        )
    # A number the plan refuses as a lot's value (0, over £1 trillion) is not written either.
    refused = [f"{lot.id} ({lot.value_unread})" for lot in notice.lots if lot.value_out_of_range]
    if refused:
        choices.append(
            f"the estimated value of lot {', '.join(refused)}: the notice gives a value no lot "
            f"can have (a plan takes more than 0 and at most {figures(MAX_MONEY)}), so none is "
            "written; write the lot's value, net of VAT in pounds, as estimated_value"
        )
    if foreign:
        choices.append(
            f"the estimated value of lot {', '.join(foreign)}: the notice gives it in another "
            "currency, and the figure is written as pounds; convert it to net pounds"
        )
    for lot in notice.lots:
        lines = ["[[lots]]", f"id = {_s(lot.id)}", f"name = {_s(lot.title or f'Lot {lot.id}')}"]
        if lot.value is not None:
            lines.append(f"estimated_value = {_n(lot.value)}")
        elif lot.value_unread:
            # As for a cap that cannot be read: the key to fill in, where it goes.
            lines.append(
                "# estimated_value = ?   # the notice's value could not be read: see above"
            )
        lines.append(f"volumes = {{ {PRICE_ITEM} = 1 }}     # the pricing schedule: see [price]")
        for key, flag in (("sme", lot.suitable_for_sme), ("vcse", lot.suitable_for_vcse)):
            if flag is not None:
                lines.append(f"suitable_for_{key} = {'true' if flag else 'false'}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _price(criteria: tuple[NoticeCriterion, ...], choices: list[str]) -> str:
    said = _price_said(criteria)
    if said is not None:
        choices.append(
            f"how price is scored: {said.method}{_settings_shown(said)} written, as the price "
            "criterion's description says it (tendereval's award notice words it so); check it "
            "against your tender documents"
        )
        heading = "# ---- Price (as the notice's price criterion says it) ---------------------"
        lines = f'method = "{said.method}"\n{_price_settings(said)}'
    else:
        priced = any(c.priced for c in criteria)
        method = "lowest_price_ratio" if priced else "quality_only"
        choices.append(
            f"how price is scored: {method} written"
            + (" (the notice publishes no price criterion)" if not priced else "")
            + "; the notice does not say which formula, so set [price] method to the one in "
            "your tender documents"
        )
        heading = (
            "# ---- Price (the notice does not say how price is scored) ----------------------"
        )
        lines = (
            f'method = "{method}"\n'
            'evaluation = "whole_life"        # whole_life, or npv (discounted at discount_rate '
            "a year)\n"
        )
    choices.append(
        "the pricing schedule: one price per lot per contract year is written "
        f"({PRICE_ITEM}, volume 1); replace [[price.items]] and each lot's volumes with what "
        "suppliers price (hours, nights, sessions …)"
    )
    return f"""{heading}
[price]
# lowest_price_ratio | linear_deduction | linear_bounds | logarithmic |
# price_per_quality_point | award_on_value | quality_only   (see docs/scoring.md)
{lines}
[[price.items]]                  # replace with what suppliers put a unit rate against
id = "{PRICE_ITEM}"
description = "The whole service for one contract year"
unit = "year"

[abnormally_low]                 # a flag to query the supplier, never an exclusion on its own
share_of_median = 0.8
below_true_cost = true
"""


def _price_said(criteria: tuple[NoticeCriterion, ...]) -> PriceRules | None:
    """The price rules the lone price criterion's description says in tendereval's own words
    (an award notice tendereval published, read back: the plan's method, its settings and
    how the evaluated price is built); None for any other notice, which does not say them."""
    priced = [c for c in criteria if c.priced]
    if len(priced) != 1 or priced[0].said is None or priced[0].said.pillar != "price":
        return None
    return price_said(priced[0].said.rest)


def _used_settings(rules: PriceRules) -> list[tuple[str, float]]:
    """The settings of ``rules``' method as the plan writes them (a floor_price not set is
    not written), then the discount rate of a net present value."""
    from tendereval.scoring.price import METHODS

    used = [(key, getattr(rules, key)) for key in METHODS[rules.method].parameters]
    if rules.evaluation == "npv":
        used.append(("discount_rate", rules.discount_rate))
    return [(key, value) for key, value in used if value is not None]


def _settings_shown(rules: PriceRules) -> str:
    """``rules``' settings for the list of things to settle: " (evaluation npv, …)"."""
    shown = [f"evaluation {rules.evaluation}"]
    shown += [f"{key} {_n(value)}" for key, value in _used_settings(rules)]
    return f" ({', '.join(shown)})"


def _price_settings(rules: PriceRules) -> str:
    """The [price] lines after ``method`` for ``rules``."""
    lines = [f'evaluation = "{rules.evaluation}"']
    lines += [f"{key} = {_n(value)}" for key, value in _used_settings(rules)]
    return "\n".join(lines) + "\n"


def _scales(criteria: tuple[NoticeCriterion, ...]) -> str:
    text = (
        "# ---- Scoring scale (the notice does not say) ---------------------------------------\n"
    )
    text += FIVE_POINT
    if any(c.minimum is not None and c.minimum > 5 for c in criteria):
        text += "\n" + HUNDRED
    return text


def _criteria(criteria: tuple[NoticeCriterion, ...], choices: list[str]) -> str:
    out = ["# ---- Award criteria (as the notice publishes them) ----------------------------"]
    tree = _tree_said(criteria)
    if tree is not None:
        out += ["\n".join(_node_lines(node, 0)) + "\n" for node in tree]
        _weights_to_check(criteria, choices)
        return "\n".join(out)
    # Each criterion sorted once by what it is (looking each up in the others' lists took
    # minutes for a notice of thousands of criteria).
    prices: list[NoticeCriterion] = []
    social: list[NoticeCriterion] = []
    quality: list[NoticeCriterion] = []
    for c in criteria:
        if c.priced:
            prices.append(c)
        elif _pillar_of(c) == "social_value":
            social.append(c)
        else:
            quality.append(c)
    ids = _ids_said(prices, quality, social)
    _ids_not_read(criteria, ids, choices)
    if len(prices) > 1:
        choices.append(_price_and_cost(prices))
    if prices:
        known = [c.weight for c in prices if c.weight is not None]
        weight = sum(known) if len(known) == len(prices) else None
        title = prices[0].name if len(prices) == 1 else "Price"
        cid = ids.get(id(prices[0]), "price") if len(prices) == 1 else "price"
        out.append(_criterion(cid, title, "price", weight, prices))
    for pillar, group in (("quality", quality), ("social_value", social)):
        if len(group) == 1 and not _part_of(group):
            cid = ids.get(id(group[0]), pillar)
            out.append(_criterion(cid, group[0].name, pillar, group[0].weight, group))
        elif group:
            out.append(_pillar(pillar, group, ids))
    _weights_to_check(criteria, choices)
    if not criteria:
        choices.append(
            "the award criteria: the notice publishes none; write them as your tender "
            "documents state (see docs/plan.md)"
        )
    return "\n".join(out)


def _price_and_cost(prices: list[NoticeCriterion]) -> str:
    """What to do with a notice publishing separate price and cost criteria. A plan has one
    price criterion, scoring one evaluated price (plan.price_children; a cost criterion cannot
    be a quality question, notice.type), so no plan matches the notice as published and the
    award is held. What makes one match is a notice giving them as one criterion: the advice
    says which lines of tender.toml are for that, and what to publish; the plan is not made to
    score them otherwise than published (Procurement Act 2023 s.23)."""
    known = [c.weight for c in prices if c.weight is not None]
    total = _n(sum(known)) if len(known) == len(prices) else ""
    named = listed(
        [
            f"{c.name!r} ({_n(c.weight)}%, {c.type or 'price'})"
            if c.weight is not None
            else f"{c.name!r} ({c.type or 'price'})"
            for c in prices
        ]
    )
    weighing = (
        f"weight_of_total = {total}, their sum"
        if total
        else "weighing their sum (weight_of_total = 0 until you write it: the notice gives no "
        "weight for one of them)"
    )
    return (
        f"the notice publishes {named} as separate price or cost criteria; a plan has one price "
        "criterion, scoring one evaluated price, so they are written as one: [[criteria]] id = "
        f'"price", {weighing}. No plan can match the notice as published (a cost criterion '
        "cannot be a quality question), so `tendereval validate` names these criteria as "
        "differences and the award is held. If your tender documents price them together (the "
        "cost's lines in the same pricing schedule), write every line suppliers price as "
        "[[price.items]] with each lot's volumes, leave that criterion as written, and publish "
        "a tender update (before tenders are due) giving them as one price criterion"
        f"{f' of {total}%' if total else ''}; save the notice with the update as notice.json, "
        "and the plan matches it. If they are scored separately, tendereval cannot evaluate "
        "this notice's criteria as published"
    )


def _weights_to_check(criteria: tuple[NoticeCriterion, ...], choices: list[str]) -> None:
    names = Counter(c.name for c in criteria)
    for c in criteria:
        if c.weight is None or c.note:
            # Two criteria of one name ("Price" as quality and as price) are told apart.
            kind = f" ({c.type})" if names[c.name] > 1 and c.type else ""
            choices.append(f"the weight of '{c.name}'{kind}: {c.note}; check it against the notice")


@dataclass
class _Node:
    """A criterion of the plan as tendereval's own notice says it: a published criterion
    (``source``), or one it says they are part of, with its ``children`` in published order."""

    id: str
    title: str
    pillar: str
    parent: str | None
    source: NoticeCriterion | None = None
    children: list[_Node] = field(default_factory=list)

    def leaves(self) -> list[NoticeCriterion]:
        if self.source is not None:
            return [self.source]
        return [leaf for child in self.children for leaf in child.leaves()]


def _tree_said(criteria: tuple[NoticeCriterion, ...]) -> list[_Node] | None:
    """The plan's criteria tree (its top-level criteria, in published order) as tendereval's
    own notice says it: each criterion's id and pillar and the id and title of each criterion
    it is part of. None when a criterion does not say them (another publisher's notice, or
    one tendereval wrote before parents were said by id), or they do not make one tree a plan
    can hold: one price criterion at the top, each criterion once and of one title, parent
    and pillar, no two ids the plan's files would read as one."""
    said = [(c, c.said) for c in criteria if c.said is not None and c.said.parents is not None]
    if not criteria or len(said) < len(criteria) or sum(c.priced for c in criteria) > 1:
        return None
    nodes: dict[str, _Node] = {}
    tops: list[_Node] = []
    for c, says in said:
        pillar = says.pillar
        if not pillar or c.priced != (pillar == "price") or (c.priced and says.parents):
            return None
        parent: str | None = None
        for pid, title in (*reversed(says.parents or ()), (says.id, c.name)):
            node = nodes.get(pid)
            leaf = pid == says.id
            if node is None:
                node = _Node(pid, title, pillar, parent, c if leaf else None)
                nodes[pid] = node
                (tops if parent is None else nodes[parent].children).append(node)
            elif leaf or node.source is not None or node.pillar != pillar:
                return None  # an id twice, or a leaf's id given as a parent's
            elif (node.title, node.parent) != (title, parent):
                return None  # one criterion with two titles, or under two parents
            parent = pid
    if len({supplier_key(i) for i in nodes}) != len(nodes):
        return None
    return tops


def _node_lines(node: _Node, depth: int) -> list[str]:
    """A criterion with its sub-criteria, each weighted in points of 100 as published (a
    criterion others are part of carries the sum of theirs)."""
    indent = "  " * depth
    weights = [c.weight for c in node.leaves()]
    weight = None if None in weights else sum(w for w in weights if w is not None)
    lines = [
        f"{indent}[[criteria{'.questions' * depth}]]",
        f"{indent}id = {_s(node.id)}",
        f"{indent}title = {_s(node.title or node.id)}",
        *([f'type = "{node.pillar}"'] if depth == 0 else []),
        indent + _weight("weight_of_total", weight),
    ]
    if node.source is not None and node.pillar != "price":
        lines += [indent + line for line in _question_keys(node.source, node.pillar)]
    for child in node.children:
        lines += ["", *_node_lines(child, depth + 1)]
    return lines


def _ids_not_read(
    criteria: tuple[NoticeCriterion, ...], ids: dict[int, str], choices: list[str]
) -> None:
    """Say why the criteria's ids, or the criteria they are part of, are not as the notice
    gives them in tendereval's own words, when it gives them for some."""
    said = [c for c in criteria if c.said is not None and not c.priced]
    if not said:
        return
    if not ids:
        choices.append(
            "the criteria's ids: the notice gives tendereval's own ids for "
            f"{counted(len(said), 'criterion', 'criteria')} of "
            f"{sum(not c.priced for c in criteria)} (price aside), or ids one "
            "plan cannot hold together, so every question is numbered afresh (Q1, Q2 …, SV1 …): "
            "write the ids your tender documents use"
        )
    if any(c.said is not None and c.said.parents for c in said):
        choices.append(
            "the criteria the questions are part of: the notice names them by id, but not "
            "for every criterion, or not alike, so each question is written under its pillar "
            "(quality or social value): group them as your tender documents do"
        )


def _criterion(
    cid: str, title: str, pillar: str, weight: float | None, source: list[NoticeCriterion]
) -> str:
    lines = [
        "[[criteria]]",
        f"id = {_s(cid)}",
        f"title = {_s(title or cid)}",
        f'type = "{pillar}"',
        _weight("weight_of_total", weight),
    ]
    if pillar != "price":
        lines += _question_keys(source[0], pillar)
    return "\n".join(lines) + "\n"


def _pillar_of(c: NoticeCriterion) -> str:
    """A quality criterion's pillar: as tendereval's own notice says it, else social value
    when its name says so."""
    if c.said is not None and c.said.pillar:
        return c.said.pillar
    return "social_value" if "social value" in c.name.casefold() else "quality"


def _ids_said(
    prices: list[NoticeCriterion], quality: list[NoticeCriterion], social: list[NoticeCriterion]
) -> dict[int, str]:
    """The plan's ids for the criteria (by ``id()`` of each), as tendereval's own notice says
    them, when it says one for each quality and social value criterion and the ids written
    are ids one plan can hold together (none twice, counting the price criterion's and a
    pillar's written to hold questions); else none, and they are numbered Q1, Q2 … as for any
    notice. (Earlier versions said no id for the price criterion: it is "price".)"""
    if any(c.said is None for c in (*quality, *social)):
        return {}
    ids = {id(c): c.said.id for c in (*prices, *quality, *social) if c.said is not None}
    written = [ids.get(id(prices[0]), "price")] if len(prices) == 1 else ["price"] * bool(prices)
    for pillar, group in (("quality", quality), ("social_value", social)):
        wrapped = len(group) > 1 or (group and _part_of(group))
        written += [pillar] * bool(wrapped) + [ids[id(c)] for c in group]
    return ids if len(set(written)) == len(written) else {}


def _part_of(group: list[NoticeCriterion]) -> str:
    """The title of the criterion every one of ``group`` is part of, as tendereval's own
    notice says it ("" when they do not all say one)."""
    parents = {c.said.part_of if c.said is not None else "" for c in group}
    return parents.pop() if len(parents) == 1 else ""


def _pillar(pillar: str, group: list[NoticeCriterion], ids: dict[int, str]) -> str:
    known = [c.weight for c in group if c.weight is not None]
    total = sum(known) if len(known) == len(group) else None
    lines = [
        "[[criteria]]",
        f'id = "{pillar}"',
        f"title = {_s(_part_of(group) or PILLAR_TITLES[pillar])}",
        f'type = "{pillar}"',
        _weight("weight_of_total", total),
    ]
    for i, c in enumerate(group, start=1):
        lines += [
            "",
            "  [[criteria.questions]]",
            f"  id = {_s(ids.get(id(c), f'{QUESTION_PREFIX[pillar]}{i}'))}",
            f"  title = {_s(c.name or f'{PILLAR_TITLES[pillar]} {i}')}",
            "  " + _weight("weight_of_total", c.weight),
            *("  " + line for line in _question_keys(c, pillar)),
        ]
    return "\n".join(lines) + "\n"


def _question_keys(c: NoticeCriterion, pillar: str) -> list[str]:
    if pillar == "social_value" and _commitments(c) is not None:
        # Scored from the bidders' commitments, by [social_value]: no scale, no guidance.
        return ['kind = "commitments"']
    scale = "hundred" if c.minimum is not None and c.minimum > 5 else "five_point"
    lines = [f'scale = "{scale}"']
    if c.minimum is not None and 0 <= c.minimum <= 100:
        lines += [f"minimum = {_n(c.minimum)}", "disqualify_below_minimum = true  # minimumScore"]
    # A description in tendereval's own words has given the id and pillar: the rest guides.
    guidance = c.said.rest if c.said is not None else c.description
    if guidance and guidance != c.name:
        lines.append(f"guidance = {_s(guidance)}")
    return lines


def _commitments(c: NoticeCriterion) -> CommitmentsSaid | None:
    """How a social value criterion tendereval's own notice says is scored from commitments
    is scored; None for any other criterion."""
    if c.said is None or c.priced or _pillar_of(c) != "social_value":
        return None
    return commitments_said(c.said.rest)


def _social_value(criteria: tuple[NoticeCriterion, ...], choices: list[str]) -> str:
    """The [social_value] section for the commitments criteria: the method the notice says
    they are scored by, and the share of price earning full marks under share_of_price."""
    said = [(c, how) for c in criteria if (how := _commitments(c)) is not None]
    if not said:
        return ""
    (first, how), *others = said
    if any(other.method != how.method for _, other in others):
        choices.append(
            f"the social value method: the notice's commitments criteria are scored by "
            f"different methods; that of '{first.name}', {how.method}, is written (a plan has "
            "one): check [social_value] method against your tender documents"
        )
    lines = [
        "# ---- Social value commitments (as the notice publishes them) -------------------",
        "[social_value]",
        f'method = "{how.method}"         # as the notice states it',
    ]
    if how.method == "share_of_price":
        share = how.full_marks_share
        lines.append(f"full_marks_share_of_price = {_n(0.1 if share is None else share)}")
        if share is None:
            choices.append(
                "the share of price that earns full marks for social value commitments: the "
                "notice does not give it, so 0.1 (10%) is written; set [social_value] "
                "full_marks_share_of_price as your tender documents publish it"
            )
    lines.append(f'proxy_table = "{SHIPPED_PROXIES}"   # the £ proxy values: a preset choice')
    choices.append(
        "the £ proxy values the social value commitments are valued with: the notice does not "
        f"name the table, so the illustrative one shipped with tendereval, {SHIPPED_PROXIES}, "
        "is written; set [social_value] proxy_table to the table your tender documents "
        "publish (see docs/plan.md)"
    )
    return "\n".join(lines) + "\n"


def _overall_minimum(notice: Notice, choices: list[str]) -> str:
    """The [evaluation] lines of the overall quality minimum the first lot with criteria
    states in tendereval's own words (a published threshold binds the evaluation: Procurement
    Act 2023 s.23); a description that may state one in other words is listed to settle."""
    first = next((lot for lot in notice.lots if lot.criteria), None)
    if first is None:
        return ""
    said = first.overall_minimum
    if said is not None:
        return (
            f"minimum_quality_share = {_n(said.share)}     # as the notice states it\n"
            f"disqualify_below_overall_minimum = {'true' if said.disqualified else 'false'}\n"
        )
    if may_state_a_minimum(first.criteria_text):
        text = first.criteria_text
        shown = text if len(text) <= 300 else text[:300] + "…"
        choices.append(
            f"the overall quality minimum: the notice's award criteria say '{shown}', which "
            "may state a threshold that cannot be read reliably, so none is written; if it "
            "does, set [evaluation] minimum_quality_share (a share of the quality points) and "
            "disqualify_below_overall_minimum as published"
        )
    return ""


def _evaluation(minimum: str) -> str:
    return f"""# ---- Evaluation (defaults: see docs/plan.md) ----------------------------------
[evaluation]
aggregate = "mean"               # used where there is no moderated consensus score
discrepancy_share = 0.4          # flag when highest − lowest exceeds 40% of the scale
conflicted_scores = "exclude"
missing_declaration = "exclude"
{minimum}# A service-user panel can carry its own share of each question's score:
# [[evaluation.groups]]
# id = "service_users"
# share = 25

[ranking]
tie_break = ["quality", "price"] # equal totals: higher quality score, then lower price
close_call_margin = 1.0
"""


def _participation(notice: Notice, choices: list[str]) -> str:
    cap = notice.max_lots_per_supplier
    if cap is None and notice.cap_unread:
        choices.append(
            f"the lot cap: the notice gives {notice.cap_unread} "
            "(maximumLotsAwardedPerSupplier), which is no whole number of lots of 1 or more, so "
            "none is written; "
            "write the cap your tender documents publish as max_lots_per_supplier, with "
            "cap_mechanism and cap_rule (a published cap binds the award)"
        )
        return (
            "[participation]\n# max_lots_per_supplier = ?   # the notice's cap could not be "
            "read: see above\ncount_second_tier = false\n"
        )
    if cap is None:
        return "[participation]\ncount_second_tier = false\n"
    mechanism = notice.cap_text
    if not mechanism:
        mechanism = PLACEHOLDERS["participation.cap_mechanism"]
        choices.append(
            f"the lot cap of {cap}: copy the objective mechanism you published into "
            "cap_mechanism and, where tendereval can apply it, set cap_rule (until then a lot "
            "the cap affects stays undecided until you record its award in decisions.toml)"
        )
    law = terms(notice.regime or "PA2023").cap_law
    return f"""[participation]
max_lots_per_supplier = {cap}        # as the notice publishes it ({law})
cap_mechanism = {_s(mechanism)}
# cap_rule = "descending_value"  # or lot_order, highest_total_score, lowest_total_cost
count_second_tier = false
"""


# ---- What the notice says, read for the plan -----------------------------------------------


MANY_LOTS_SHOWN = 20  # lots named in one line; the rest are counted


def _reference_criteria(notice: Notice, choices: list[str]) -> tuple[NoticeCriterion, ...]:
    """The first lot's criteria; a lot publishing others is listed (one plan, one set)."""
    first = next((lot for lot in notice.lots if lot.criteria), None)
    if first is None:
        return ()
    key = _criteria_key(first)
    others = [lot.id for lot in notice.lots if lot.criteria and _criteria_key(lot) != key]
    if others:
        # A notice of thousands of lots each with its own criteria made one line of 17,000
        # characters, in the terminal and the plan's header alike.
        choices.append(
            f"lot {_some(others)} publishes other award criteria than lot {first.id}; a "
            f"plan has one set of criteria, so those of lot {first.id} are written: evaluate "
            "lots with other criteria in a tender folder of their own"
        )
    return first.criteria


def _criteria_key(lot: NoticeLot) -> tuple:
    return tuple((c.name, c.type, c.weight, c.minimum) for c in lot.criteria)


# How tendereval's own award notice says the contract years in the price criterion's
# description (scoring/price.evaluation_text): "Evaluated price = … over 3 contract years".
_YEARS_SAID = re.compile(r"Evaluated price = [^.]*? over (?P<years>\d{1,3} contract years?)\b")


def _years_said(notice: Notice) -> str:
    """The contract years the first lot's price criterion says its price is evaluated over,
    in tendereval's own words ("3 contract years"); "" when it says none."""
    for criterion in notice.lots[0].criteria if notice.lots else ():
        if criterion.priced and (said := _YEARS_SAID.search(criterion.description)):
            return said["years"]
    return ""


def _contract_years(notice: Notice, choices: list[str]) -> int:
    """The first lot's contract period in whole years. A plan evaluates every lot over one
    contract_years, so lots published with other periods are listed, by period."""
    periods = [(lot.id, lot.contract_days) for lot in notice.lots if lot.contract_days]
    unsettled = [lot for lot in notice.lots if lot.period_problem]
    said = _years_said(notice)
    if not periods and not unsettled and said:
        choices.append(
            "the contract years the price is evaluated over: the notice gives no contract "
            f"period, and its price criterion says the price is evaluated over {said} "
            f"(tendereval's award notice words it so); {said.split()[0]} written"
        )
        return int(said.split()[0])
    if not periods:
        _unsettled_periods(unsettled, 1, choices)
        if not unsettled:
            choices.append(
                "the contract years the price is evaluated over: the notice gives no contract "
                "period; 1 written"
            )
        return 1
    first, days = periods[0]
    terms = {lot_id: whole_years(days) for lot_id, days in periods}
    # A period between two whole years (30 months) may be either: one every lot allows.
    common = set.intersection(*(set(term) for term in terms.values()))
    years = next((y for y in terms[first] if y in common), terms[first][0])
    if not common:
        by_term: dict[int, list[str]] = {}
        for lot_id, term in terms.items():
            by_term.setdefault(term[0], []).append(lot_id)
        shown = "; ".join(
            f"{counted(term, 'year')}: lot {_some(lots)}" for term, lots in by_term.items()
        )
        choices.append(
            f"the contract years: the notice's lots have different contract periods ({shown}); "
            f"a plan evaluates every lot's prices over one contract_years, so lot {first}'s "
            f"{years} is written: evaluate lots with another contract period in a tender folder "
            "of their own"
        )
    elif len(terms[first]) > 1:
        choices.append(
            f"the contract years: the notice's contract period is {days:g} days; {years} "
            "written (whole years): check it"
        )
    _unsettled_periods(unsettled, years, choices)
    return years


def _unsettled_periods(lots: list[NoticeLot], years: int, choices: list[str]) -> None:
    """List the lots whose contract period the notice gives two ways, or ending before it
    starts (lots alike in one line): nothing certain can be written from it, so the officer
    sets contract_years."""
    by_problem: dict[str, list[str]] = {}
    for lot in lots:
        by_problem.setdefault(lot.period_problem, []).append(lot.id)
    for problem, ids in by_problem.items():
        choices.append(
            f"the contract years: lot {_some(ids)}: the {problem}, so it is not read; {years} "
            "written: set contract_years to the years your tender documents publish"
        )


def _some(lots: list[str]) -> str:
    """Lot ids in a line: the first few, the rest counted."""
    more = len(lots) - MANY_LOTS_SHOWN
    return ", ".join(lots[:MANY_LOTS_SHOWN]) + (f" and {more:,} more" if more > 0 else "")


def _weight(key: str, weight: float | None) -> str:
    if weight is None:
        return f"{key} = 0                # the notice gives no weight that can be read: set it"
    return f"{key} = {_n(weight)}"


def _n(value: float) -> str:
    """A number as TOML: whole numbers without a point, others with the fewest decimals that
    keep it within 1e-10 of the notice's (30.000000000000004, a weight worked out from 0.3, is
    30). Rounding to 6 decimals made seven weights of 60/7 add up to 60.000003, which the plan
    refuses, and moved a minimum score of 7/3 further from the notice's than its check allows.
    """
    rounded = next(
        (r for d in range(16) if abs((r := round(value, d)) - value) <= _CLOSE_ENOUGH), value
    )
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


# Far inside the plan's and the notice check's tolerances (1e-6 on a sum of weights, 1e-9 on
# a minimum score), for a thousand criteria.
_CLOSE_ENOUGH = 1e-10


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
