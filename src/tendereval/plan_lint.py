"""Checks on a whole plan that no single field can make: the rules a sound plan keeps.

Each check cites the rule it applies so an officer can see why it matters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tendereval.errors import Problem, Severity
from tendereval.plan import CAP_RULES, PILLARS, PLACEHOLDERS, is_placeholder, sme_limits_too_low
from tendereval.plan_written import (
    refused_criteria,
    refused_pillar,
    written_ids,
    written_in,
    written_sections,
    written_with,
)
from tendereval.slips import TIMES_ESTIMATE, against, in_scale
from tendereval.tomlread import as_written, is_number
from tendereval.wording import pounds

if TYPE_CHECKING:
    from tendereval.plan import Plan, PriceRules

PPN002_MINIMUM_SOCIAL_VALUE = 10.0  # PPN 002 (from Oct 2025; formerly PPN 06/20): ≥ 10% of total


def lint_plan(plan: Plan) -> list[Problem]:
    """Every rule the plan breaks, as problems against the plan file."""
    problems: list[Problem] = []

    def bad(
        key: str,
        message: str,
        found: str,
        expected: str,
        code: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        problems.append(
            Problem(
                message,
                file=plan.source,
                cell=key,
                found=found,
                expected=expected,
                code=code,
                severity=severity,
            )
        )

    _check_price(plan, bad)
    _check_social_value(plan, bad)
    _check_groups(plan, bad)
    _check_lot_cap(plan, bad)
    _check_figures_in_scale(plan, bad)
    for words in sme_limits_too_low(plan.sme):
        bad(**words, code="plan.sme_limit", severity=Severity.WARNING)
    # Counted as written: a second lot refused with its own error is not a reason to drop the cap.
    lots_written = written_sections(plan.raw, "lots")
    if (
        plan.lot_cap.max_lots_per_supplier is not None
        and lots_written is not None
        and len(lots_written) < 2
    ):
        bad(
            "participation.max_lots_per_supplier",
            "a lot cap needs more than one lot",
            str(plan.lot_cap.max_lots_per_supplier),
            "remove the cap or add lots",
            "plan.lot_cap",
            Severity.WARNING,
        )
    problems += placeholders_left(plan)
    if not plan.approval.approved_by or not plan.approval.approved_on:
        bad(
            "approval",
            "the plan does not record who approved it and when",
            "nothing",
            "[approval] approved_by and approved_on, so the weights can be traced",
            "plan.approval",
            Severity.WARNING,
        )
    _check_overall_minimum(plan, bad)
    for leaf in plan.leaves:
        # A weight-0 question with a disqualifying minimum is a pass/fail gate: it changes no
        # total, and removing it would drop a published gate.
        gate = leaf.minimum is not None and leaf.disqualify_below_minimum
        if leaf.effective_weight == 0 and leaf.kind != "price" and not gate:
            bad(
                leaf.path,
                f"criterion '{leaf.id}' carries no weight",
                "0",
                "a weight above 0, or remove the criterion",
                "plan.zero_weight",
                Severity.WARNING,
            )
    return problems


def placeholders_left(plan: Plan) -> list[Problem]:
    """A warning for each of the tender's reference, name and buyer, and the lot-cap
    mechanism, still as ``init`` wrote it. The plan's check gives them; the award decision
    reads the same list to hold back the assessment summaries and the award notice, where a
    placeholder would go out as the name (or as the mechanism)."""
    given = {
        "tender.id": plan.tender_id,
        "tender.title": plan.title,
        "tender.buyer": plan.buyer,
        "participation.cap_mechanism": plan.lot_cap.mechanism or "",
    }
    return [
        Problem(
            "still the placeholder written when the plan was made",
            file=plan.source,
            cell=key,
            found=repr(given[key]),
            expected=_placeholder_expected(key),
            code="plan.placeholder",
            severity=Severity.WARNING,
        )
        for key in PLACEHOLDERS
        if is_placeholder(key, given[key])
    ]


def _placeholder_expected(key: str) -> str:
    if key not in _WHAT_IS_NAMED:  # the lot-cap mechanism
        return (
            "the objective lot-cap mechanism your tender documents publish: it is printed in "
            "the instructions of the bid-return template sent to suppliers and published in "
            "the award notice"
        )
    return (
        f"the tender's own {_WHAT_IS_NAMED[key]}: it is printed on every template sent to "
        "suppliers and on every report, summary and notice"
        + (
            "; and a template made while it is the placeholder does not record which tender "
            "and version of the plan it was made from, so one returned after the plan changes "
            "is not caught"
            if key == "tender.id"
            else ""
        )
    )


def _pillar_refused(plan: Plan, pillar: str) -> bool:
    """A top-level criterion of ``pillar`` (or of a type mistyped) is in the file but refused
    with its own error: the pillar's weight as read may be short by a weight not read."""
    return refused_pillar(plan.raw, {c.id for c in plan.criteria}, pillar, PILLARS)


def _check_overall_minimum(plan: Plan, bad: Callable[..., None]) -> None:
    """The overall quality threshold is a share of the quality points available: with none
    available, scoring has nothing to apply it to, yet every output would state it."""
    share = plan.evaluation.minimum_quality_share
    if share is None:
        return
    if not 0 < share <= 1:
        bad(
            "evaluation.minimum_quality_share",
            "the overall quality threshold must be a share",
            f"{share:g}",
            "a number between 0 and 1, e.g. 0.5",
            "plan.minimum_range",
        )
    elif plan.pillar_weight("quality") == 0 and not _pillar_refused(plan, "quality"):
        bad(
            "evaluation.minimum_quality_share",
            "the overall quality threshold is a share of the quality points available, and no "
            "criterion of this plan carries quality points: it would be published and never "
            "applied",
            f"minimum_quality_share = {share:g}, with 0 quality points",
            'a criterion of type = "quality" with a weight, or no minimum_quality_share (for '
            "a pass mark on a social value question, minimum and disqualify_below_minimum on "
            "that question)",
            "plan.minimum_without_quality",
        )


_WHAT_IS_NAMED = {
    "tender.id": "reference",
    "tender.title": "name",
    "tender.buyer": "buyer (the council or body letting it)",
}


def _check_price(plan: Plan, bad) -> None:
    price_leaves = [c for c in plan.leaves if c.kind == "price"]
    rules = plan.price
    if rules.method == "quality_only":
        if any(c.effective_weight > 0 for c in price_leaves):
            bad(
                "price.method",
                "quality_only means a fixed price that carries no weight",
                "a price criterion with weight",
                "no price criterion, or weight_of_total = 0",
                "plan.price_weight",
            )
        return
    written = _price_criteria_written(plan)
    if len(price_leaves) != 1 and written != 1:
        bad(
            "criteria",
            "the plan needs exactly one price criterion",
            str(written),
            'one [[criteria]] with type = "price"',
            "plan.price_criterion",
        )
    # Items refused with their own errors (no id, say) are listed all the same.
    if not rules.items and written_sections(plan.raw, "price", "items") == []:
        bad(
            "price.items",
            "the plan lists no priced items",
            "nothing",
            "[[price.items]] (what suppliers put a unit rate against)",
            "plan.price_items",
        )
    for setting in _PRICE_SETTINGS:
        _check_price_setting(plan, setting, bad)
    if rules.method == "linear_bounds":
        _check_bounds(plan, bad)
    if rules.method in ("price_per_quality_point", "award_on_value"):
        # These methods fold quality into the price score, and the total adds the quality
        # points again; the committee must know the total is not the pure ratio ranking.
        bad(
            "price.method",
            f"with {rules.method} quality counts twice: in the price score and again in the total",
            rules.method,
            "to award on the ratio alone, state in the tender documents that the price score "
            "column decides (docs/scoring.md)",
            "plan.quality_counts_twice",
            Severity.WARNING,
        )


@dataclass(frozen=True)
class _PriceSetting:
    """A [price] setting and what the plan's check asks of it: ``sound`` of a value read,
    where the plan's method (or evaluation) reads it (``reads``); ``needed`` when the method
    has no default for it, so the plan cannot be scored without it."""

    key: str
    reads: Callable[[PriceRules], bool]
    sound: Callable[[float], bool]
    message: str
    expected: str
    needed: bool = False


_PRICE_SETTINGS = (
    _PriceSetting(
        "ceiling_price",
        lambda rules: rules.method == "linear_bounds",
        lambda value: True,  # (above 0 and at most a trillion, as read)
        "linear_bounds needs the price that scores zero",
        "ceiling_price = the budget ceiling",
        needed=True,
    ),
    _PriceSetting(
        "log_base",
        lambda rules: rules.method == "logarithmic",
        lambda value: value > 1,
        "the logarithmic method needs a ratio above 1",
        "e.g. 2 (a bid twice the lowest scores zero)",
    ),
    _PriceSetting(
        "value_per_point",
        lambda rules: rules.method == "award_on_value",
        # A negative value per point would take price marks off for quality.
        lambda value: value > 0,
        "award_on_value needs the money value of a quality point, above £0",
        "value_per_point = £ per point of quality, more than 0",
        needed=True,
    ),
    _PriceSetting(
        "deduction_rate",
        lambda rules: rules.method == "linear_deduction",
        lambda value: value > 0,
        "the deduction rate must be above 0",
        "e.g. 1 (1% of marks per 1% above the lowest)",
    ),
    _PriceSetting(
        "floor",
        lambda rules: True,
        lambda value: 0 <= value < 1,
        "the floor is a share of the price marks",
        "0 or more and below 1",
    ),
    _PriceSetting(
        "discount_rate",
        lambda rules: rules.evaluation == "npv",
        lambda value: 0 <= value < 1,
        "the discount rate must be a yearly share",
        "e.g. 0.035 (HM Treasury Green Book)",
    ),
)


def _check_price_setting(plan: Plan, setting: _PriceSetting, bad: Callable[..., None]) -> None:
    """One price setting, the same way for each. A setting written and refused with its own
    error (in quotes, nan, out of range) is in the plan: it is not "found nothing", and the
    value read in its place (the default) is not the officer's, so nothing more is said of it."""
    key = setting.key
    if not setting.reads(plan.price) or _refused_price_setting(plan, key):
        return
    value = getattr(plan.price, key)
    if value is None:
        if setting.needed:
            bad(f"price.{key}", setting.message, "nothing", setting.expected, "plan.price_params")
    elif not setting.sound(value):
        bad(f"price.{key}", setting.message, as_written(value), setting.expected,
            "plan.price_params")  # fmt: skip


def _refused_price_setting(plan: Plan, key: str) -> bool:
    """Whether [price] writes ``key`` and it was not read as written: refused with its own
    error (``""`` too), and something else (nothing, or the default) read in its place."""
    section = plan.raw.get("price")
    if not isinstance(section, dict) or key not in section:
        return False
    written = section[key]
    return not (is_number(written) and float(written) == getattr(plan.price, key))


def _check_bounds(plan: Plan, bad: Callable[..., None]) -> None:
    """linear_bounds' floor price must be below its ceiling price as they are scored and
    published, to the penny: at one penny, a bid at that price is at the floor (full marks)
    and at the ceiling (none) at once. The figures are scoring's own."""
    rules = plan.price
    if rules.ceiling_price is None or rules.floor_price is None:
        return
    # Imported here: scoring reads the plan, and only a plan with both bounds needs it.
    from tendereval.scoring.price import bounds_as_scored

    ceiling, floor = bounds_as_scored(rules)
    if floor is not None and ceiling is not None and floor >= ceiling:
        bad(
            "price.floor_price",
            "the floor price must be below the ceiling price to the penny, as both are scored "
            "and published",
            _money_written(rules.floor_price, floor),
            f"below {_money_written(rules.ceiling_price, ceiling)}",
            "plan.price_params",
        )


def _money_written(written: float, scored: float) -> str:
    """A bound as money, and as the plan writes it where that is not to the penny."""
    if written == scored:
        return pounds(scored)
    return f"{as_written(written)}, {pounds(scored)} to the penny"


def _price_criteria_written(plan: Plan) -> int:
    """The top-level criteria the plan file gives type = "price". One that was refused (a
    weight_of_parent at the top, say) has had its error: the plan has its price criterion, and
    "found 0" would contradict the file."""
    written = plan.raw.get("criteria")
    specs = written if isinstance(written, list) else []
    return sum(1 for spec in specs if isinstance(spec, dict) and spec.get("type") == "price")


def _check_figures_in_scale(plan: Plan, bad: Callable[..., None]) -> None:
    """A warning for a lot's true cost, or the ceiling price of linear_bounds, many times a
    lot's estimated value or as small a part of it: both are for the whole contract in pounds,
    and a figure typed in £ millions (2.55 for £2.55m) changes results without a word. A true
    cost of £2.55 flags no bid as below it; a ceiling of £3.50 gives every bid no price marks.
    The bound is the bid loader's for rates far above a lot's estimate."""
    valued = [lot for lot in plan.lots if lot.estimated_value]
    for lot in valued:
        if lot.true_cost and not in_scale(lot.true_cost, lot.estimated_value):
            bad(
                f"lots › {lot.id} › true_cost",
                f"lot {lot.id}'s true cost is {against(lot.true_cost, lot.estimated_value)} "
                "its estimated value: both are for the whole contract, in pounds",
                f"true cost {pounds(lot.true_cost)}, estimated value {pounds(lot.estimated_value)}",
                f"figures within {TIMES_ESTIMATE} times of each other",
                "plan.true_cost_scale",
                Severity.WARNING,
            )
    ceiling = plan.price.ceiling_price
    if plan.price.method != "linear_bounds" or not ceiling or not valued:
        return
    if not any(in_scale(ceiling, lot.estimated_value) for lot in valued):
        values = sorted(lot.estimated_value for lot in valued)
        span = f"£{values[0]:,.0f}" + (f" to £{values[-1]:,.0f}" if len(values) > 1 else "")
        bad(
            "price.ceiling_price",
            f"the ceiling price is {against(ceiling, values[0])} the lots' estimated values "
            f"({span}): a bid at or above it scores no price marks",
            pounds(ceiling),
            f"a ceiling for the whole contract in pounds, within {TIMES_ESTIMATE} times of a "
            "lot's estimated value",
            "plan.ceiling_scale",
            Severity.WARNING,
        )


def _check_social_value(plan: Plan, bad) -> None:
    weight = plan.pillar_weight("social_value")
    if (
        plan.profile.lower() == "ppn002"
        and weight < PPN002_MINIMUM_SOCIAL_VALUE
        and not _pillar_refused(plan, "social_value")
    ):
        bad(
            "tender.profile",
            "the PPN 002 profile needs social value to carry at least 10% of the total score",
            f"{weight:g}%",
            "a social_value criterion with at least 10 of the 100 points",
            "plan.ppn002",
        )
    has_commitments = any(c.kind == "commitments" for c in plan.leaves)
    if has_commitments and not plan.social_value.proxy_table:
        bad(
            "social_value.proxy_table",
            "quantitative social value needs a proxy value table",
            "nothing",
            'proxy_table = "social-value-proxies.csv" (a file in the tender folder '
            "or one shipped in templates/)",
            "plan.proxy_table",
        )


def _check_groups(plan: Plan, bad) -> None:
    question_ids = {q.id for q in plan.questions()}
    # A question refused with its own error (a mistyped weight key) is still in the plan:
    # "not in the plan" would have the group's scores for it dropped for good.
    refused = refused_criteria(plan.raw, {c.id for c in plan.walk()})
    # (Two groups of one id, or of ids matched as one, are refused as the plan is read.)
    for index, group in enumerate(plan.evaluation.groups):
        where = f"evaluation.groups[{index}]"
        if not 0 < group.share < 100:
            bad(
                f"{where}.share",
                "a group's share of each question must be between 0 and 100",
                f"{group.share:g}",
                "e.g. 25 (the other evaluators carry the other 75)",
                "plan.group_share",
            )
        unknown = sorted(set(group.questions) - question_ids - refused)
        if unknown:
            bad(
                f"{where}.questions",
                "the group scores questions that are not in the plan",
                ", ".join(unknown),
                ", ".join(sorted(question_ids | (refused & set(group.questions)))),
                "plan.group_questions",
            )
    for question in question_ids:
        total = sum(
            g.share for g in plan.evaluation.groups if not g.questions or question in g.questions
        )
        if total >= 100:
            bad(
                "evaluation.groups",
                f"groups' shares of question '{question}' leave nothing for the other evaluators",
                f"{total:g}",
                "a total below 100",
                "plan.group_share",
            )


def _check_values_to_order_by(plan: Plan, bad: Callable[..., None]) -> None:
    """A lot without an estimated value is taken last by a cap rule taking lots in order of
    value (docs/award.md), which may not be where the published values put it: said, naming
    the lots."""
    # A value written and refused has its own error: the lot does not have "none".
    refused = written_with(plan.raw, "estimated_value", "lots")
    places = [
        i
        for i, lot in enumerate(plan.lots)
        if lot.estimated_value is None and lot.id not in refused
    ]
    if not places:
        return
    named = [f"{plan.lots[i].id} ({plan.lots[i].name})" for i in places]
    shown = ", ".join(named[:20]) + (f" and {len(named) - 20:,} more" if len(named) > 20 else "")
    bad(
        f"lots[{places[0]}].estimated_value" if len(places) == 1 else "lots",
        f"the lot-cap rule takes lots in order of estimated value, and lot {shown} "
        f"{'has' if len(places) == 1 else 'have'} none, so the rule takes "
        f"{'it' if len(places) == 1 else 'them'} last",
        "no estimated_value",
        "each lot's estimated value as published, net of VAT in pounds (estimated_value)",
        "plan.lot_value",
        Severity.WARNING,
    )


def _check_lot_cap(plan: Plan, bad: Callable[..., None]) -> None:
    """A lot cap needs a published objective mechanism that can be applied as published."""
    cap = plan.lot_cap

    # A setting written and refused (a cap of 1.5, a cap_rule "lot-order") has its own error:
    # the plan does not lack it, and "remove the other" would be the wrong advice.
    def refused(key: str, read: object) -> bool:
        return read in (None, "") and written_in(plan.raw, "participation", key)

    if cap.max_lots_per_supplier is None:
        if cap.rule is not None and not refused("max_lots_per_supplier", None):
            bad("participation.cap_rule", "a lot-cap rule without a lot cap is never used",
                cap.rule, "max_lots_per_supplier, or no cap_rule", "plan.cap_rule",
                Severity.WARNING)  # fmt: skip
        return
    unread = refused("cap_rule", cap.rule) or refused("cap_mechanism", cap.mechanism)
    if cap.rule is None and not cap.mechanism and not unread:
        bad(
            "participation.cap_rule",
            "a cap on lots per supplier needs a published objective mechanism "
            "(Procurement Act 2023 s.23(4); PCR 2015 reg 46(4) and (5))",
            "no cap_rule or cap_mechanism",
            "cap_rule = one of " + ", ".join(CAP_RULES),
            "plan.cap_mechanism",
        )
    elif cap.rule is None and not unread:
        bad(
            "participation.cap_rule",
            "the lot-cap mechanism is only words, which tendereval cannot apply: where the cap "
            "binds, the lots it affects stay undecided until the award is recorded by hand",
            "cap_mechanism only",
            "cap_rule = one of " + ", ".join(CAP_RULES) + " (the rule your wording describes)",
            "plan.cap_rule",
            Severity.WARNING,
        )
    if cap.rule == "descending_value":
        _check_values_to_order_by(plan, bad)
    # A lot refused with its own error is still in the plan; when the [[lots]] were refused
    # as a whole, which lots the plan has cannot be told (their error is enough).
    written = written_ids(plan.raw, "lots")
    if cap.rule == "lot_order" and cap.lot_order and written is not None:
        listed = list(cap.lot_order)
        unknown = [lot for lot in listed if lot not in plan.lot_ids and lot not in written]
        missing = [lot for lot in plan.lot_ids if lot not in listed]
        twice = sorted({lot for lot in listed if listed.count(lot) > 1})
        if unknown or missing or twice:
            found = "; ".join(
                part
                for part in (
                    f"not in the plan: {', '.join(unknown)}" if unknown else "",
                    f"missing: {', '.join(missing)}" if missing else "",
                    f"listed twice: {', '.join(twice)}" if twice else "",
                )
                if part
            )
            bad("participation.cap_lot_order", "cap_lot_order must list every lot once", found,
                "each of the plan's lot ids exactly once", "plan.cap_rule")  # fmt: skip
