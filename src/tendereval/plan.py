"""The evaluation plan: what a tender is scored on, fixed before bids are opened.

The plan is read from ``tender.toml`` in the tender folder. It holds the lots, the criteria
tree with its weights, the scoring scales, the price and social value methods, thresholds, the
tie-break rule, the participation policy and who approved it.

Weights are written so nobody can misread them. Every criterion states its weight with exactly
one of two keys:

* ``weight_of_total``  — percentage points of the whole evaluation (all leaves add up to 100);
* ``weight_of_parent`` — percentage of its parent criterion's weight.

So the committee-paper sentence "quality 60, and of this 20% was allocated to social value" is
either ``weight_of_parent = 20`` (12 points of 100) or ``weight_of_total = 20`` (20 points of
100): the plan has to say which. The loader computes every leaf's *effective weight* as a
percentage of the total and rejects a tree whose weights do not add up.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tendereval import layout
from tendereval.errors import Problem, Problems, Severity, path_argument
from tendereval.io.cells import other_digits, parse_date
from tendereval.io.files import Fingerprint
from tendereval.io.keys import in_ascii_letters, supplier_key
from tendereval.io.lookalike import how_they_differ
from tendereval.limits import (
    MAX_CONTRACT_YEARS,
    MAX_LOTS,
    MAX_MONEY,
    MAX_SCALE_VALUE,
    MAX_YEARLY_VOLUME,
)
from tendereval.plan_written import written_ids
from tendereval.read_only import read_only
from tendereval.regimes import REGIMES
from tendereval.tomlread import NOTHING, TomlReader, as_written, is_number, parse_toml_file
from tendereval.wording import listed, pounds

PLAN_FILE = "tender.toml"
PILLARS = ("price", "quality", "social_value")
PRICE_METHODS = (
    "lowest_price_ratio",
    "linear_deduction",
    "linear_bounds",
    "logarithmic",
    "price_per_quality_point",
    "award_on_value",
    "quality_only",
)
SOCIAL_VALUE_METHODS = ("relative_to_best", "share_of_price")
# The tie-break rules, each in the words every output gives it ("higher quality score then
# lower evaluated price": Plan.tie_break_text).
TIE_BREAK_TEXT = {
    "quality": "higher quality score",
    "price": "lower evaluated price",
    "social_value": "higher social value score",
    "total_quality_and_social_value": "higher quality and social value score",
}
TIE_BREAK_KEYS = tuple(TIE_BREAK_TEXT)
WEIGHT_TOLERANCE = 1e-6

# Every key the loader reads, section by section (including keys only some price methods or
# scales use). Any other key is warned about: usually a typo, such as share_of_medain, that
# would otherwise leave the default in force without anyone noticing.
PLAN_SECTIONS = {
    "tender",
    "approval",
    "lots",
    "price",
    "abnormally_low",
    "scales",
    "criteria",
    "social_value",
    "evaluation",
    "ranking",
    "sme",
    "participation",
    "publication",
}
TENDER_KEYS = {"id", "title", "buyer", "currency", "regime", "contract_years", "profile"}
APPROVAL_KEYS = {"approved_by", "approved_on", "weights_set_by", "notes"}
LOT_KEYS = {
    "id",
    "name",
    "estimated_value",
    "group",
    "volumes",
    "true_cost",
    "suitable_for_sme",
    "suitable_for_vcse",
}
PRICE_KEYS = {
    "method",
    "evaluation",
    "discount_rate",
    "deduction_rate",
    "floor",
    "ceiling_price",
    "floor_price",
    "log_base",
    "value_per_point",
    "items",
}
PRICE_ITEM_KEYS = {"id", "description", "unit"}
ABNORMALLY_LOW_KEYS = {"share_of_median", "below_true_cost"}
SCALE_KEYS = {"values", "low", "high", "descriptors"}
# "weight" is read only to be refused as ambiguous; it is reported as that, not as a typo.
CRITERION_KEYS = {
    "id",
    "title",
    "type",
    "kind",
    "weight_of_total",
    "weight_of_parent",
    "weight",
    "scale",
    "minimum",
    "disqualify_below_minimum",
    "guidance",
    "questions",
}
SOCIAL_VALUE_KEYS = {"method", "full_marks_share_of_price", "proxy_table"}
EVALUATION_KEYS = {
    "aggregate",
    "discrepancy_share",
    "conflicted_scores",
    "missing_declaration",
    "groups",
    "minimum_quality_share",
    "disqualify_below_overall_minimum",
}
EVALUATOR_GROUP_KEYS = {"id", "name", "share", "questions"}
RANKING_KEYS = {"tie_break", "close_call_margin"}
SME_KEYS = {"definition", "max_staff", "max_turnover", "max_balance_sheet"}
PARTICIPATION_KEYS = {
    "max_lots_per_supplier",
    "cap_mechanism",
    "cap_rule",
    "cap_lot_order",
    "count_second_tier",
}
PUBLICATION_KEYS = {"ocid_prefix", "ocid", "publisher", "uri", "license"}
# An OCDS ocid is a prefix the Open Contracting Partnership registered for the publisher
# ("ocds-" and six letters or digits: Find a Tender's is ocds-h6vhtk) and the procurement's id.
OCID_PREFIX_PATTERN = r"ocds-[a-z0-9]{6}"
OCID_PATTERN = OCID_PREFIX_PATTERN + r"-\S+"
# What `init` writes for the tender's reference, name and buyer, to be replaced: left in, it
# goes out on every template and comes back on every report, summary and notice.
PLACEHOLDERS = {
    "tender.id": "TENDER-001",
    "tender.title": "Name of the service",
    "tender.buyer": "Name of the council or body",
    # (init --from-notice, for a published cap whose mechanism the notice does not word)
    "participation.cap_mechanism": "As published in the tender documents (copy the objective "
    "mechanism here)",
}


def is_placeholder(key: str, value: str) -> bool:
    """Whether ``value`` of ``key`` (``tender.id``) is still what ``init`` wrote."""
    return value.strip().casefold() == PLACEHOLDERS[key].casefold()


# The lot-cap mechanisms tendereval can apply exactly as published (Procurement Act 2023
# s.23(4); PCR 2015 reg 46(4)), with the sentence a tender document would use for each.
CAP_RULES: dict[str, str] = {
    "descending_value": "Lots are awarded in descending order of estimated value, each to the "
    "highest-ranked tender whose supplier has not yet been awarded the maximum number of lots.",
    "lot_order": "Lots are awarded in the order {order}, each to the highest-ranked tender whose "
    "supplier has not yet been awarded the maximum number of lots.",
    "highest_total_score": "The lots are awarded in the combination, within the maximum number "
    "of lots per supplier, that gives the highest total score across all lots.",
    "lowest_total_cost": "The lots are awarded in the combination, within the maximum number of "
    "lots per supplier, that awards as many lots as possible at the lowest total evaluated price.",
}


@dataclass(frozen=True)
class Scale:
    """A named scoring scale: the scores an evaluator may give and what each means.

    ``values`` lists the allowed scores for a stepped scale (0–5, 0/2/5/8/10); a continuous
    scale (0–100) has ``values`` empty and accepts any number between ``low`` and ``high``.
    """

    id: str
    low: float
    high: float
    values: tuple[float, ...] = ()
    descriptors: tuple[tuple[float, str], ...] = ()

    @property
    def span(self) -> float:
        return self.high - self.low

    def allows(self, score: float) -> bool:
        if self.values:
            return any(math.isclose(score, v, abs_tol=1e-9) for v in self.values)
        return self.low - 1e-9 <= score <= self.high + 1e-9

    def snap(self, score: float) -> float:
        """The scale's own value for an allowed ``score``: 4.0000000001 (a sum Excel saved
        with floating-point noise) counts as 4, so the noise never reaches a total."""
        if self.values:
            return min(self.values, key=lambda v: abs(v - score))
        return min(max(score, self.low), self.high)

    def describe(self) -> str:
        """``0–5 (0 No response … 5 Excellent)`` — for the assessment summaries."""
        if self.values:
            shown = "/".join(_fmt(v) for v in self.values)
        else:
            shown = f"{_fmt(self.low)}–{_fmt(self.high)}"
        if self.descriptors:
            shown += " (" + "; ".join(f"{_fmt(v)} {text}" for v, text in self.descriptors) + ")"
        return shown


@dataclass(frozen=True)
class Criterion:
    """A node of the criteria tree. Leaves are what gets scored.

    ``kind``: ``price`` (the price leaf), ``question`` (scored by evaluators on ``scale``),
    ``commitments`` (quantitative social value: commitments × proxy values) or ``group``
    (a node with children). ``effective_weight`` is the percentage of the total evaluation.
    """

    id: str
    title: str
    pillar: str
    kind: str
    weight_basis: str
    stated_weight: float
    effective_weight: float
    parent: str | None = None
    scale: str | None = None
    minimum: float | None = None
    disqualify_below_minimum: bool = False
    guidance: str = ""
    children: tuple[Criterion, ...] = ()
    path: str = ""

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def minimum_shown(self) -> str:
        """The question's minimum score and what falling below it does, in the words every
        output uses (the score sheet, the bid return, the report, the summaries, the notice):
        ``2 (a lower score disqualifies)``; "" when the question sets none. s.23(3)(a) asks
        for both to be stated in advance, and a flag must not read as a disqualification."""
        if self.minimum is None:
            return ""
        consequence = "disqualifies" if self.disqualify_below_minimum else "is flagged"
        return f"{self.minimum:g} (a lower score {consequence})"

    def walk(self) -> Iterator[Criterion]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class PriceItem:
    """A priced line of the schedule (e.g. personal care hours), whose volume each lot sets."""

    id: str
    description: str
    unit: str


def lot_heading(lot_id: str, name: str, separator: str = " — ") -> str:
    """ "Lot 2 — Ashford", or "Lot 2" alone for a lot with no name of its own (its name is
    its id, or says only "Lot 2"): never "Lot 2 — Lot 2"."""
    own = f"Lot {lot_id}"
    plain = {lot_id.casefold(), own.casefold()}
    return own if name.strip().casefold() in plain else f"{own}{separator}{name}"


@dataclass(frozen=True)
class Lot:
    id: str
    name: str
    estimated_value: float | None = None
    group: str | None = None
    volumes: tuple[tuple[str, float], ...] = ()
    true_cost: float | None = None
    # Whether the published notice says the lot suits SMEs / VCSEs (None: it says nothing).
    suitable_for_sme: bool | None = None
    suitable_for_vcse: bool | None = None

    def volume(self, item: str) -> float | None:
        return dict(self.volumes).get(item)

    def heading(self, separator: str = " — ") -> str:
        return lot_heading(self.id, self.name, separator)

    def volume_cell(self, item: str) -> str:
        """Where the plan sets the item's yearly volume for this lot, as reports show it."""
        return f"lots › {self.id} › volumes.{item}"


@dataclass(frozen=True)
class PriceRules:
    """How evaluated prices are built and turned into scores."""

    method: str = "lowest_price_ratio"
    evaluation: str = "whole_life"  # or "npv"
    discount_rate: float = 0.035  # HM Treasury Green Book social time preference rate
    deduction_rate: float = 1.0  # linear_deduction: share of marks lost per 100% above lowest
    floor: float = 0.0  # lowest share of price marks a bid can fall to
    ceiling_price: float | None = None  # linear_bounds: price that scores 0
    floor_price: float | None = None  # linear_bounds: price at or below which full marks
    log_base: float = 2.0  # logarithmic: price ratio at which the score reaches 0
    value_per_point: float | None = None  # award_on_value: £ a quality point is worth
    items: tuple[PriceItem, ...] = ()


@dataclass(frozen=True)
class AbnormallyLow:
    share_of_median: float | None = 0.8
    below_true_cost: bool = True


@dataclass(frozen=True)
class EvaluatorGroup:
    """Evaluators whose view carries its own share of each question's score (e.g. a panel)."""

    id: str
    name: str
    share: float  # % of each question's score this group's scores carry
    questions: tuple[str, ...] = ()  # empty: every quality and social value question


@dataclass(frozen=True)
class EvaluationRules:
    aggregate: str = "mean"  # how individual scores combine when there is no consensus
    discrepancy_share: float = 0.4  # flag when highest − lowest > this share of the scale
    conflicted_scores: str = "exclude"  # or "flag"
    missing_declaration: str = "exclude"  # or "flag"
    groups: tuple[EvaluatorGroup, ...] = ()
    minimum_quality_share: float | None = None  # overall quality threshold, share of available
    disqualify_below_overall_minimum: bool = False


@dataclass(frozen=True)
class SocialValueRules:
    method: str = "relative_to_best"
    full_marks_share_of_price: float = 0.1  # share_of_price: £SV / price that earns full marks
    proxy_table: str = ""  # file with measure_id, description, unit, proxy_value, version


@dataclass(frozen=True)
class SmeDefinition:
    """Procurement Act 2023 s.123: fewer than 250 staff and turnover ≤ £44m or balance ≤ £38m."""

    name: str = "Procurement Act 2023"
    max_staff: int = 249
    max_turnover: float = 44_000_000
    max_balance_sheet: float = 38_000_000

    def is_sme(
        self, staff: float | None, turnover: float | None, balance: float | None
    ) -> bool | None:
        """True/False when decidable from the figures given, None when they are missing.

        An enterprise within the staff limit is an SME when its turnover *or* its balance
        sheet is within its limit: one figure within decides yes, but a figure over its
        limit decides no only when the other is known to be over too. (A turnover of £50m
        with the balance sheet left blank was "not an SME", though a balance sheet of £1m
        would have made it one.)"""
        if staff is None:
            return None
        if staff > self.max_staff:
            return False
        within = (
            None if turnover is None else turnover <= self.max_turnover,
            None if balance is None else balance <= self.max_balance_sheet,
        )
        if True in within:
            return True
        if None in within:
            return None
        return False


def sme_against_figures(
    answer: bool | None,
    definition: SmeDefinition,
    staff: float | None,
    turnover: float | None,
    balance: float | None = None,
) -> str | None:
    """When an organisation's own figures, under ``definition``, decide the opposite of the SME
    status ``answer`` it was given: the words "its 5,000 staff and a turnover of £300,000,000
    make it not an SME" for a warning (a bid's supply chain, a scenarios file's supplier);
    else None (they agree, or cannot decide it)."""
    decided = definition.is_sme(staff, turnover, balance)
    if answer is None or decided is None or decided == answer:
        return None
    figures = [f"{staff:,.0f} staff"]
    if turnover is not None:
        figures.append(f"a turnover of £{turnover:,.0f}")
    if balance is not None:
        figures.append(f"a balance sheet total of £{balance:,.0f}")
    listed = ", ".join(figures[:-1]) + " and " + figures[-1] if len(figures) > 1 else figures[0]
    return f"its {listed} make it {'not an SME' if answer else 'an SME'}"


# No definition of a small or medium-sized enterprise in use sets a money limit this low (a
# micro-entity's turnover limit is £1m): a lower one is a figure in £ millions (44 for £44m),
# which makes almost every supplier too large to be an SME.
SME_MONEY_FLOOR = 100_000


def sme_limits_too_low(definition: SmeDefinition, section: str = "sme") -> list[dict[str, str]]:
    """The words of a warning for each money limit of ``definition`` under
    :data:`SME_MONEY_FLOOR` (the plan's and the scenarios file's ``[sme]`` alike)."""
    default = SmeDefinition()
    limits = (
        ("max_turnover", definition.max_turnover, default.max_turnover),
        ("max_balance_sheet", definition.max_balance_sheet, default.max_balance_sheet),
    )
    return [
        {
            "key": f"{section}.{key}",
            "message": f"an SME limit of {pounds(value)} leaves almost every supplier too large "
            "to be an SME: is it in £ millions?",
            "found": f"{value:g}",
            "expected": f"the limit in pounds (the Procurement Act 2023's is £{act:,.0f})",
        }
        for key, value, act in limits
        if value < SME_MONEY_FLOOR
    ]


# No organisation with staff turns over less than this a head in a year (one full-time job at
# the National Minimum Wage costs some £20,000): less is a turnover typed in £ millions or
# thousands, and 120 for £120m passes the SME test's turnover limit.
TURNOVER_PER_HEAD_FLOOR = 1_000


def turnover_too_low(staff: float | None, turnover: float | None) -> dict[str, str] | None:
    """The words of a warning for a turnover under :data:`TURNOVER_PER_HEAD_FLOOR` a member
    of staff (a bid's Organisation form, a scenarios file's supplier), or None."""
    if not staff or turnover is None or turnover >= staff * TURNOVER_PER_HEAD_FLOOR:
        return None
    return {
        "message": f"a yearly turnover of {pounds(turnover)} for {staff:,.0f} staff is under "
        f"£{TURNOVER_PER_HEAD_FLOOR:,} a head: is it in £ millions or thousands? The SME "
        "test reads it as written",
        "found": f"{turnover:g}",
        "expected": "the yearly turnover in pounds (4,600,000 for £4.6m)",
    }


@dataclass(frozen=True)
class LotCap:
    """The most lots one supplier may win, and the published mechanism that decides which lots
    it gets when it would win more: ``rule`` (one of :data:`CAP_RULES`) is what tendereval
    applies; ``mechanism`` is the plan's own wording, published with the tender."""

    max_lots_per_supplier: int | None = None
    mechanism: str = ""
    rule: str | None = None
    lot_order: tuple[str, ...] = ()

    def rule_text(self) -> str:
        """The structured rule as a tender document would state it ("" when there is none)."""
        if self.rule is None:
            return ""
        return CAP_RULES[self.rule].format(order=", ".join(self.lot_order))


@dataclass(frozen=True)
class Publication:
    """How ``tendereval publish`` names the procurement in OCDS: ``ocid`` when the procurement
    already has one (Find a Tender gives one with the tender notice), else ``ocid_prefix`` and
    the tender id; the package's ``publisher``, ``uri`` and ``license`` ("" when not set)."""

    ocid_prefix: str = ""
    ocid: str = ""
    publisher: str = ""
    uri: str = ""
    license: str = ""

    def ocid_of(self, tender_id: str) -> str:
        """The procurement's ocid as the plan names it: ``ocid``, else ``ocid_prefix`` and the
        tender ``tender_id`` ("" when neither is set)."""
        if self.ocid:
            return self.ocid
        return ocid_with_prefix(self.ocid_prefix, tender_id) if self.ocid_prefix else ""


def ocid_with_prefix(prefix: str, tender_id: str) -> str:
    """``prefix-<tender id>``, the tender id as :func:`ocid_local_id` spells it."""
    return f"{prefix}-{ocid_local_id(tender_id)}"


def ocid_local_id(tender_id: str) -> str:
    """The tender id as an ocid made from it holds it: its letters spelled in ASCII (Ŵ W, Ø O:
    an ocid is part of web addresses, Find a Tender's among them), every run of characters
    other than ASCII letters, digits, '.', '_' and '-' made one '-', and '-' at either end
    dropped ("tender" when nothing is left). An id of ASCII letters, digits and inner '-' is
    kept as written. (Earlier versions dropped letters such as Ŵ: "Gofal Ŵyn" was Gofal-yn.)
    Two ids can give one ocid ("ASC/2026/01", "ASC-2026-01"): publish says so when the id
    is not kept as written."""
    spelled = re.sub(r"[^A-Za-z0-9._-]+", "-", in_ascii_letters(tender_id))
    return spelled.strip("-") or "tender"


@dataclass(frozen=True)
class Approval:
    approved_by: str = ""
    approved_on: str = ""
    weights_set_by: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Plan:
    """A loaded, checked evaluation plan. Build it with :func:`load_plan`."""

    tender_id: str
    title: str
    buyer: str
    currency: str
    regime: str
    contract_years: int
    lots: tuple[Lot, ...]
    criteria: tuple[Criterion, ...]
    scales: dict[str, Scale]
    price: PriceRules
    abnormally_low: AbnormallyLow
    evaluation: EvaluationRules
    social_value: SocialValueRules
    sme: SmeDefinition
    lot_cap: LotCap
    approval: Approval
    publication: Publication = field(default_factory=Publication)
    tie_break: tuple[str, ...] = ("quality", "price")
    close_call_margin: float = 1.0
    profile: str = ""
    second_tier_counts: bool = False
    source: str = PLAN_FILE
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # The SHA-256 and size of the file the plan was read from, set by read_plan. Not an
    # argument, so dataclasses.replace() makes a plan without one: a plan changed in Python is
    # no longer the file's, and must not be recorded as made under it.
    fingerprint: Fingerprint | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Read-only, so an edit in place is refused: frozen, the plan still held dicts a
        # notebook could change, and the change was scored as the plan file's.
        object.__setattr__(self, "scales", read_only(self.scales))
        object.__setattr__(self, "raw", read_only(self.raw))

    def walk(self) -> Iterator[Criterion]:
        for criterion in self.criteria:
            yield from criterion.walk()

    @property
    def leaves(self) -> list[Criterion]:
        return [c for c in self.walk() if c.is_leaf]

    def leaf(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.leaves if c.id == criterion_id), None)

    def questions(self, pillar: str | None = None) -> list[Criterion]:
        """Leaves scored by evaluators (kind ``question``), optionally of one pillar."""
        return [
            c
            for c in self.leaves
            if c.kind == "question" and (pillar is None or c.pillar == pillar)
        ]

    def questions_for(self, group: str | None) -> list[Criterion]:
        """The questions an evaluator group scores (every question when ``group`` is None,
        is not a group of the plan, or lists no questions): the rows of its score sheets."""
        named = next((g for g in self.evaluation.groups if g.id == group), None)
        if named is None or not named.questions:
            return self.questions()
        return [q for q in self.questions() if q.id in named.questions]

    def sub_totalled(self) -> list[Criterion]:
        """The criteria given a sub-total of their own, in the plan's order: each with
        sub-criteria, except a pillar's only top-level criterion (its sub-total is the
        pillar's score)."""
        tops = Counter(c.pillar for c in self.criteria)
        return [
            c for c in self.walk() if not c.is_leaf and (c.parent is not None or tops[c.pillar] > 1)
        ]

    def pillar_weight(self, pillar: str) -> float:
        return sum(c.effective_weight for c in self.leaves if c.pillar == pillar)

    def tie_break_text(self) -> str:
        """The plan's tie-break in words, as every output gives it: "higher quality score then
        lower evaluated price"; "" for a plan with none (equal totals are left to the
        buyer)."""
        return " then ".join(TIE_BREAK_TEXT[k] for k in self.tie_break)

    def stated_pillar_weight(self, pillar: str) -> float:
        """The pillar's weight as the plan states it: its top-level criteria's
        ``weight_of_total``. Its questions' points can add up to a hair less (three thirds
        written 33.333333 of 40 are 39.9999996 points)."""
        return sum(c.effective_weight for c in self.criteria if c.pillar == pillar)

    def quality_minimum_points(self) -> float | None:
        """The overall quality minimum in points, as the plan states it: ``minimum_quality_share``
        × the quality weight it states (0.5 of 40 is 20 points); None when it sets none."""
        share = self.evaluation.minimum_quality_share
        if share is None:
            return None
        return share * self.stated_pillar_weight("quality")

    @property
    def lot_ids(self) -> list[str]:
        return [lot.id for lot in self.lots]

    @property
    def lot_of_any_return(self) -> str | None:
        """The lot a bid return is for when no lot can be read from it (it could not be
        opened, or holds no unit rate): the plan's one lot; None when there are several, as
        which it was for cannot be told. Such a return is a bid received all the same."""
        return self.lots[0].id if len(self.lots) == 1 else None

    def estimated_values(self) -> dict[str, float]:
        """{lot id: estimated value} for the lots the plan gives one."""
        return {lot.id: lot.estimated_value for lot in self.lots if lot.estimated_value}

    def lot(self, lot_id: str) -> Lot | None:
        return next((lot for lot in self.lots if lot.id == lot_id), None)

    @property
    def regime_name(self) -> str:
        return REGIMES.get(self.regime, self.regime)

    def weights_table(self) -> list[dict[str, Any]]:
        """Every criterion with its stated and effective weight, for reports and the audit."""
        return [
            {
                "criterion": c.id,
                "title": c.title,
                "pillar": c.pillar,
                "kind": c.kind,
                "parent": c.parent or "",
                "stated_weight": c.stated_weight,
                "weight_basis": "of total" if c.weight_basis == "total" else "of parent",
                "effective_weight": c.effective_weight,
                "leaf": c.is_leaf,
            }
            for c in self.walk()
        ]


# --------------------------------------------------------------------------------------------
# Loading


def load_plan(path: str | Path) -> tuple[Plan | None, list[Problem]]:
    """Read and check a plan. Returns the plan (None when it cannot be used) and every problem.

    ``path`` is ``tender.toml`` or the tender folder holding it. Problems name the file and the
    key (``criteria[2].questions[0].weight_of_parent``) in place of a sheet and cell.

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> plan, problems = tendereval.load_plan("examples/carers-short-breaks")
        >>> plan.tender_id, plan.lot_ids
        ('CSB-2026-01', ['CSB'])
    """
    path = path_argument("path", path, "tender.toml or its folder (text or pathlib.Path)")
    plan, problems, _ = read_plan(path)
    return plan, problems


def read_plan(path: str | Path) -> tuple[Plan | None, list[Problem], Fingerprint | None]:
    """:func:`load_plan`, and the fingerprint of the bytes the plan was read from (None when
    the file could not be read), for the audit trail."""
    path = Path(path)
    if path.is_dir():
        path = path / PLAN_FILE
    label = path.name
    problems = Problems()
    if not path.exists() and not path.is_symlink():
        from tendereval.io.misnamed import hidden, near_misses

        # tender.toml.txt beside it (Windows hides the .txt): "tendereval init makes one"
        # would have the officer make a second plan.
        near = near_misses(path.parent, label) if label == PLAN_FILE else []
        problems.add(
            "there is no evaluation plan",
            file=label,
            found=f"{', '.join(near)}, which is not read" if near else None,
            expected=(
                f"the plan named {PLAN_FILE}: rename {near[0]} if it is the plan{hidden(near[0])}"
                if near
                else f"a {PLAN_FILE} file in the tender folder (tendereval init makes one)"
            ),
            code="plan.missing",
        )
        return None, problems.items, None
    raw, fingerprint = parse_toml_file(
        path, label, "the plan", "the preset plans", "plan", problems
    )
    beside = _plans_beside(path) if label == PLAN_FILE else []
    if raw is None:
        return None, [*beside, *problems.items], fingerprint
    plan = parse_plan(raw, label, problems)
    if plan is not None:
        object.__setattr__(plan, "fingerprint", fingerprint)
    return plan, [*beside, *problems.items], fingerprint


def _plans_beside(path: Path) -> list[Problem]:
    """An error for each file beside the plan named almost as it is ("tender (1).toml", a
    tender.toml.txt Notepad saved): the tender is evaluated on the one named tender.toml, and
    the other may be the plan the officer meant (other weights, another lot). A copy of it
    byte for byte is a warning."""
    from tendereval.io.misnamed import Wanted, files_not_read

    wanted = Wanted(
        PLAN_FILE,
        "an evaluation plan",
        f"nothing in it was used: the tender is evaluated on {PLAN_FILE} alone",
        "plan.misnamed",
    )
    return files_not_read(path.parent, wanted, path)


def parse_plan(
    raw: dict[str, Any], label: str, problems: Problems, *, even_with_errors: bool = False
) -> Plan | None:
    """Build a :class:`Plan` from parsed TOML, adding every problem found to ``problems``.

    A plan with errors is None, unless ``even_with_errors``: then it is the plan as written,
    whatever could be read of it (weights that do not add up kept as stated), so it can be
    compared with the published tender notice while it is being put right."""
    reader = _Reader(label, problems)
    reader.unknown(raw, PLAN_SECTIONS, "")
    tender = reader.table(raw, "tender", required=True)
    reader.unknown(tender, TENDER_KEYS, "tender")
    tender_id = reader.text(tender, "id", "tender.id", required=True)
    regime = reader.text(tender, "regime", "tender.regime", default="PA2023")
    if regime and regime not in REGIMES:
        reader.bad(
            "tender.regime",
            "unknown procurement regime",
            regime,
            " or ".join(REGIMES),
            "plan.regime",
        )
    currency = reader.text(tender, "currency", "tender.currency", default="GBP") or "GBP"
    if currency.upper() != "GBP":
        # Every figure is shown in pounds (£) in the reports, the summaries and on the
        # terminal: euros would read as pounds, to the committee and to every bidder.
        reader.bad(
            "tender.currency",
            "tendereval shows every price in pounds (£): a plan in another currency would have "
            "its prices shown as pounds in the report and the summaries",
            currency,
            '"GBP"',
            "plan.currency",
        )
    years = _parse_contract_years(reader, tender)

    # A [ranking] that is not a section is reported once, by _parse_tie_break.
    ranking = raw["ranking"] if isinstance(raw.get("ranking"), dict) else {}
    scales = _parse_scales(reader, raw)
    price = _parse_price(reader, raw)
    lots = _parse_lots(reader, raw, price)
    criteria = _parse_criteria(reader, raw, scales)
    evaluation = _parse_evaluation(reader, raw)
    social = _parse_social_value(reader, raw)
    plan = Plan(
        tender_id=tender_id or "",
        title=reader.text(tender, "title", "tender.title", default="") or "",
        buyer=reader.text(tender, "buyer", "tender.buyer", default="") or "",
        # ISO 4217 writes it in capitals, as OCDS's currency codelist needs: "gbp" is "GBP".
        currency="GBP",
        regime=regime or "PA2023",
        contract_years=int(years or 1),
        lots=lots,
        criteria=criteria,
        scales={scale_id: scale for scale_id, scale in scales.items() if scale is not None},
        price=price,
        abnormally_low=_parse_abnormally_low(reader, raw),
        evaluation=evaluation,
        social_value=social,
        sme=_parse_sme(reader, raw),
        lot_cap=_parse_lot_cap(reader, raw),
        approval=_parse_approval(reader, raw),
        publication=_parse_publication(reader, raw),
        tie_break=_parse_tie_break(reader, raw),
        close_call_margin=_parse_close_call_margin(reader, ranking),
        profile=_parse_profile(reader, tender),
        second_tier_counts=reader.flag(
            reader.table(raw, "participation"),
            "count_second_tier",
            "participation.count_second_tier",
        ),
        source=label,
        raw=raw,
    )
    from tendereval.plan_lint import lint_plan

    problems.extend(lint_plan(plan))
    return None if problems.errors and not even_with_errors else plan


def _parse_contract_years(reader: _Reader, tender: dict[str, Any]) -> float:
    """The contract's length in years: a whole number from 1 to MAX_CONTRACT_YEARS (1 when
    not given, or with its error when it is none)."""
    years = reader.number(tender, "contract_years", "tender.contract_years", default=1)
    if years is not None and (years < 1 or years > MAX_CONTRACT_YEARS or years != int(years)):
        reader.bad(
            "tender.contract_years",
            f"contract years must be a whole number from 1 to {MAX_CONTRACT_YEARS}",
            years,
            "1, 2, 3 …",
            "plan.years",
        )
        years = 1
    return years or 1


def _parse_close_call_margin(
    reader: _Reader, ranking: dict[str, Any], required: bool = False
) -> float:
    """The points within which a first place is flagged as a close call (0 or more)."""
    margin = reader.number(
        ranking,
        "close_call_margin",
        "ranking.close_call_margin",
        required=required,
        default=1.0,
        low=0,
    )
    return margin or 0.0


def given_in_python(plan: Plan) -> list[Problem]:
    """The plan loader's own checks on what a plan made or changed in Python
    (``dataclasses.replace``) can hold that its file could not: contract years that are no
    whole number from 1, a close-call margin that is no number of 0 or more, a tie-break rule
    that is not known, weights that do not add up to 100 (or to their parent's) or are below
    0. Named as in the plan file (``ranking.close_call_margin``), in "the plan given in
    Python". Scoring made of such a plan a raw TypeError, or totals "of 100" that were not."""
    problems = Problems()
    reader = _Reader(PLAN_IN_PYTHON, problems)
    _parse_contract_years(reader, {"contract_years": plan.contract_years})
    ranking = {"close_call_margin": plan.close_call_margin}
    _parse_close_call_margin(reader, ranking, required=True)
    order = plan.tie_break
    _parse_tie_break(
        reader, {"ranking": {"tie_break": list(order) if isinstance(order, tuple) else order}}
    )
    for criterion in plan.walk():
        if not 0 <= criterion.effective_weight <= 100:
            reader.bad(
                f"criteria.{criterion.id}.effective_weight",
                "a weight must be between 0 and 100",
                criterion.effective_weight,
                "0 to 100",
                "plan.weight_range",
            )
        if criterion.children:
            where = f"criteria.{criterion.id}.children"
            _check_children_weights(
                reader, where, criterion, criterion.effective_weight, criterion.children
            )
    _check_weights_total(reader, plan.criteria)
    return problems.items


# How a plan made or changed in Python is named in its problems: no file holds it.
PLAN_IN_PYTHON = "the plan given in Python"


# The checks a profile adds: PPN 002 (formerly PPN 06/20), social value at least 10%.
PROFILES = ("ppn002",)


def _parse_profile(reader: _Reader, tender: dict[str, Any]) -> str:
    """The plan's profile; one tendereval does not know is refused, since its checks would
    silently not run ("ppn06/20", PPN 002's old name, checked nothing)."""
    profile = reader.text(tender, "profile", "tender.profile", default="") or ""
    if profile and profile.lower() not in PROFILES:
        reader.bad(
            "tender.profile",
            "unknown profile: its checks would not run",
            profile,
            '"ppn002" (PPN 002, formerly PPN 06/20: social value at least 10%), or leave it out',
            "plan.profile",
        )
        return ""
    return profile


@dataclass
class _Ids:
    """The ids of one kind (``noun``: "lot") the plan has given so far, by the key bid returns,
    score sheets and decisions are matched to them on (io/keys.py: case, width, spacing and the
    way an accent is written ignored). Two ids that key makes one are refused, naming both: the
    figures given for the one would be read into the other."""

    noun: str
    given: dict[str, tuple[str, str]] = field(default_factory=dict)  # key: (id, where)

    def add(self, reader: _Reader, given: str, where: str) -> None:
        first, first_where = self.given.setdefault(supplier_key(given), (given, where))
        if first_where == where:
            return
        if first == given:
            reader.bad(
                where,
                f"{self.noun} id used twice ({first_where} is {given!r} too)",
                given,
                f"unique {self.noun} ids",
                "plan.duplicate_id",
            )
            return
        # Ids that print alike ("Café" composed and decomposed) are told apart by their
        # characters.
        differ = (
            "" if given.isascii() and first.isascii() else f" ({how_they_differ(given, first)})"
        )
        reader.bad(
            where,
            f"{self.noun} id {given!r} is read as the same {self.noun} as {first!r} "
            f"({first_where}){differ}: ids in the files are matched whatever their case, "
            "width, spacing or way of writing an accent",
            given,
            f"{self.noun} ids that differ in their letters or digits: rename one",
            "plan.duplicate_id",
        )


class _Reader(TomlReader):
    """The shared TOML reader, with the plan's codes; text found is shown in quotes."""

    def __init__(self, label: str, problems: Problems):
        super().__init__(label, problems, "plan", "the plan")

    def show(self, value: Any) -> str:
        return _show(value)


def _parse_scales(reader: _Reader, raw: dict[str, Any]) -> dict[str, Scale | None]:
    """Every scale the plan defines; one refused (its error given) is None, so a question on
    it is not told as well that its scale is not defined."""
    scales: dict[str, Scale | None] = {}
    for scale_id, spec in reader.table(raw, "scales").items():
        scales[scale_id] = _parse_scale(reader, scale_id, spec)
    return scales


def _parse_scale(reader: _Reader, scale_id: str, spec: Any) -> Scale | None:
    """One ``[scales.NAME]``, or None when it is refused."""
    where = f"scales.{scale_id}"
    if not isinstance(spec, dict):
        reader.bad(
            where,
            "a scale must be a section",
            spec,
            "values = [...] or low/high, and descriptors",
            "plan.scale",
        )
        return None
    reader.unknown(spec, SCALE_KEYS, where)
    ends = _scale_ends(reader, spec, where)
    if ends is None:
        return None
    low, high, ordered = ends
    if high <= low:
        reader.bad(
            where,
            "a scale's top score must be above its bottom score",
            f"{_fmt(low)} to {_fmt(high)}",
            "e.g. 0 to 5",
            "plan.scale",
        )
        return None
    descriptors_raw = spec.get("descriptors", {})
    descriptors: list[tuple[float, str]] = []
    if not isinstance(descriptors_raw, dict):
        reader.bad(
            f"{where}.descriptors",
            "descriptors must be a table of score = text",
            descriptors_raw,
            '{ "0" = "No response", … }',
            "plan.scale",
        )
        descriptors_raw = {}
    for key, text in descriptors_raw.items():
        try:
            value = _descriptor_score(key)
        except ValueError:
            reader.bad(
                f"{where}.descriptors",
                "a descriptor key must be a score",
                key,
                'a number in quotes, e.g. "3"',
                "plan.scale",
            )
            continue
        if not isinstance(text, str):
            # A descriptor is words an evaluator reads on the score sheet and in the report:
            # "3" = 3.5 (or nan, or a 400-digit number) is no description, and the report
            # writer cannot write a number too large for a float.
            reader.bad(
                f'{where}.descriptors."{key}"',
                "a descriptor must be text",
                text,
                'text in quotes, e.g. "3" = "Satisfactory: meets the requirement"',
                "plan.scale",
            )
            continue
        descriptors.append((value, text))
    scale = Scale(scale_id, low, high, ordered, tuple(sorted(descriptors)))
    for value, _ in descriptors:
        if not scale.allows(value):
            reader.bad(
                f"{where}.descriptors",
                "a descriptor is for a score the scale does not allow",
                _fmt(value),
                scale.describe(),
                "plan.scale",
            )
    return scale


def _descriptor_score(key: str) -> float:
    """The score a descriptor's key names, in the digits 0-9: float() reads "৪" (the Bengali
    four, drawn like an 8) as 4, which not everyone reading the plan would."""
    if other_digits(key, "number") is not None:
        raise ValueError(key)
    return float(key)


def _scale_ends(
    reader: _Reader, spec: dict[str, Any], where: str
) -> tuple[float, float, tuple[float, ...]] | None:
    """The scale's bottom and top scores, and its values when it lists them; None when they
    cannot be read (the error given)."""
    values = spec.get("values")
    both = [key for key in ("low", "high") if key in spec]
    if values is not None and both:
        # Scoring reads values and would ignore low/high: a 1-5 scale written low = 1 beside
        # values = [0 … 5] would score a 1 as earning points, and nobody would notice.
        reader.bad(
            where,
            f"a scale gives {listed(['values', *both])}: scoring reads values and would "
            f"ignore {listed(both)}",
            "; ".join(f"{key} = {_show(spec[key])}" for key in ("values", *both)),
            "values = [...] (the scores allowed) or low and high (any score between), not both",
            "plan.scale",
        )
        return None
    if values is None:
        bounds = {"low": -MAX_SCALE_VALUE, "high": MAX_SCALE_VALUE}
        low = reader.number(spec, "low", f"{where}.low", required=True, **bounds)
        high = reader.number(spec, "high", f"{where}.high", required=True, **bounds)
        return None if low is None or high is None else (low, high, ())
    if (
        not isinstance(values, list)
        or not values
        or not all(is_number(v) and abs(v) <= MAX_SCALE_VALUE for v in values)
    ):
        reader.bad(
            f"{where}.values",
            "scale values must be a list of numbers",
            values,
            f"e.g. [0, 1, 2, 3, 4, 5], each at most {MAX_SCALE_VALUE:,.0f} either side of 0",
            "plan.scale",
        )
        return None
    ordered = tuple(sorted(float(v) for v in values))
    if len(set(ordered)) != len(ordered):
        reader.bad(
            f"{where}.values",
            "scale values repeat",
            values,
            "each score once",
            "plan.scale",
        )
    return ordered[0], ordered[-1], ordered


def _parse_price(reader: _Reader, raw: dict[str, Any]) -> PriceRules:
    spec = reader.table(raw, "price")
    reader.unknown(spec, PRICE_KEYS, "price")
    method = reader.text(spec, "method", "price.method", default="lowest_price_ratio")
    if method not in PRICE_METHODS:
        reader.bad(
            "price.method",
            "unknown price scoring method",
            method,
            ", ".join(PRICE_METHODS),
            "plan.price_method",
        )
        method = "lowest_price_ratio"
    evaluation = reader.text(spec, "evaluation", "price.evaluation", default="whole_life")
    if evaluation not in ("whole_life", "npv"):
        reader.bad(
            "price.evaluation",
            "unknown price evaluation",
            evaluation,
            "whole_life or npv",
            "plan.price_evaluation",
        )
        evaluation = "whole_life"
    items: list[PriceItem] = []
    raw_items = spec.get("items", [])
    if not isinstance(raw_items, list):
        reader.bad(
            "price.items",
            "price items must be a list of [[price.items]] sections",
            raw_items,
            "[[price.items]] with id, description, unit",
            "plan.price_items",
        )
        raw_items = []
    seen = _Ids("price item")
    for index, item in enumerate(raw_items):
        where = f"price.items[{index}]"
        if not isinstance(item, dict):
            reader.bad(
                where,
                "a price item must be a section",
                item,
                "id, description, unit",
                "plan.price_items",
            )
            continue
        reader.unknown(item, PRICE_ITEM_KEYS, where)
        item_id = reader.text(item, "id", f"{where}.id", required=True)
        if not item_id:
            continue
        seen.add(reader, item_id, f"{where}.id")
        items.append(
            PriceItem(
                item_id,
                reader.text(item, "description", f"{where}.description", default=item_id)
                or item_id,
                reader.text(item, "unit", f"{where}.unit", default="unit") or "unit",
            )
        )
    number = reader.number
    return PriceRules(
        method=method,
        evaluation=evaluation,
        discount_rate=number(spec, "discount_rate", "price.discount_rate", default=0.035) or 0.0,
        deduction_rate=number(spec, "deduction_rate", "price.deduction_rate", default=1.0) or 0.0,
        floor=number(spec, "floor", "price.floor", default=0.0) or 0.0,
        ceiling_price=number(
            spec, "ceiling_price", "price.ceiling_price", low=0, above=True, high=MAX_MONEY
        ),
        floor_price=number(spec, "floor_price", "price.floor_price", low=0, high=MAX_MONEY),
        log_base=number(spec, "log_base", "price.log_base", default=2.0, low=1, above=True) or 2.0,
        value_per_point=number(spec, "value_per_point", "price.value_per_point", high=MAX_MONEY),
        items=tuple(items),
    )


def _parse_lots(reader: _Reader, raw: dict[str, Any], price: PriceRules) -> tuple[Lot, ...]:
    raw_lots = raw.get("lots", [])
    if not isinstance(raw_lots, list) or not raw_lots:
        reader.bad(
            "lots",
            "the plan has no lots",
            raw_lots or NOTHING,
            "one or more [[lots]] sections (a single-lot tender has one)",
            "plan.no_lots",
        )
        return ()
    lots: list[Lot] = []
    seen = _Ids("lot")
    item_ids = {item.id for item in price.items}
    # An item refused with its own error is still in [[price.items]]: its volumes are not
    # "for an item not in [[price.items]]" (nor can anything be said when the list was refused).
    items_written = written_ids(raw, "price", "items")
    for index, spec in enumerate(raw_lots):
        where = f"lots[{index}]"
        if not isinstance(spec, dict):
            reader.bad(where, "a lot must be a [[lots]] section", spec, "id, name, …", "plan.lot")
            continue
        reader.unknown(spec, LOT_KEYS, where)
        lot_id = reader.text(spec, "id", f"{where}.id", required=True)
        if not lot_id:
            continue
        seen.add(reader, lot_id, f"{where}.id")
        if ";" in lot_id or "," in lot_id:
            # Bid returns and offers list several lots separated by ";" (and "," is refused
            # there as a slip), so such an id could never be named on its own.
            reader.bad(
                f"{where}.id",
                "a lot id cannot contain ; or ,",
                lot_id,
                "a short id such as ASH or L1",
                "plan.lot_id",
            )
        volumes_raw = spec.get("volumes", {})
        volumes: list[tuple[str, float]] = []
        volumes_read = isinstance(volumes_raw, dict)
        if not volumes_read:
            reader.bad(
                f"{where}.volumes",
                "volumes must be a table of item = quantity",
                volumes_raw,
                "e.g. volumes = { care_hours = 52000 }",
                "plan.volumes",
            )
            volumes_raw = {}
        for item_id, quantity in volumes_raw.items():
            value = reader.number(
                volumes_raw, item_id, f"{where}.volumes.{item_id}", high=MAX_YEARLY_VOLUME
            )
            known = item_id in item_ids
            if not known and items_written is not None and item_id not in items_written:
                reader.bad(
                    f"{where}.volumes.{item_id}",
                    "volume for an item not in [[price.items]]",
                    item_id,
                    ", ".join(sorted(item_ids)) or "a [[price.items]] entry",
                    "plan.volumes",
                )
            elif value is not None and value < 0:
                reader.bad(
                    f"{where}.volumes.{item_id}",
                    "a volume cannot be negative",
                    quantity,
                    "0 or more",
                    "plan.volumes",
                )
            elif value is not None and known:
                volumes.append((item_id, value))
        # Only when every volume written was read: one refused may be the one above 0.
        kept = len(volumes) == len(volumes_raw)
        if volumes and kept and all(quantity == 0 for _, quantity in volumes):
            reader.bad(
                f"{where}.volumes",
                "every volume of the lot is 0, so every bid's price for it would be £0",
                "0 for every item",
                "the yearly quantity of at least one item",
                "plan.volumes",
            )
        missing = sorted(item_ids - set(volumes_raw))  # a bad value given is reported above
        if missing and item_ids and volumes_read:  # volumes not a table: its own error
            reader.bad(
                f"{where}.volumes",
                "the lot has no volume for some price items",
                ", ".join(missing),
                "a volume for every [[price.items]] id (0 if unused)",
                "plan.volumes",
            )
        lots.append(
            Lot(
                id=lot_id,
                name=reader.text(spec, "name", f"{where}.name", default=lot_id) or lot_id,
                # £0 or less is a slip: it would be published as the lot's value and order
                # the lots under a descending_value cap.
                estimated_value=reader.number(
                    spec,
                    "estimated_value",
                    f"{where}.estimated_value",
                    low=0,
                    above=True,
                    high=MAX_MONEY,
                ),
                group=reader.text(spec, "group", f"{where}.group"),
                volumes=tuple(volumes),
                # 0 is the presets' "no in-house cost"; below it is a slip.
                true_cost=reader.number(
                    spec, "true_cost", f"{where}.true_cost", low=0, high=MAX_MONEY
                ),
                suitable_for_sme=_optional_flag(reader, spec, "suitable_for_sme", where),
                suitable_for_vcse=_optional_flag(reader, spec, "suitable_for_vcse", where),
            )
        )
    return tuple(lots)


def _optional_flag(reader: _Reader, spec: dict[str, Any], key: str, where: str) -> bool | None:
    """true or false when the key is there, None when the plan does not say."""
    return reader.flag(spec, key, f"{where}.{key}") if key in spec else None


def _parse_criteria(
    reader: _Reader, raw: dict[str, Any], scales: dict[str, Scale | None]
) -> tuple[Criterion, ...]:
    raw_criteria = raw.get("criteria", [])
    if not isinstance(raw_criteria, list) or not raw_criteria:
        reader.bad(
            "criteria",
            "the plan has no award criteria",
            raw_criteria or NOTHING,
            "[[criteria]] sections for price, quality and social value",
            "plan.no_criteria",
        )
        return ()
    seen = _Ids("criterion")
    criteria = _parse_siblings(reader, raw_criteria, "criteria", None, 100.0, scales, seen)
    # A criterion refused (its error given) leaves the others short: no sum to check then.
    if len(criteria) == len(raw_criteria):
        _check_weights_total(reader, criteria)
    return criteria


def _check_weights_total(reader: _Reader, criteria: Sequence[Criterion]) -> None:
    """The error for top-level criteria whose weights do not add up to 100."""
    total = sum(c.effective_weight for c in criteria)
    if criteria and not math.isclose(total, 100.0, abs_tol=WEIGHT_TOLERANCE):
        reader.bad(
            "criteria",
            "the award criteria weights do not add up to 100",
            total,
            "top-level weights that add up to 100"
            + _rounded(sum(c.stated_weight for c in criteria), 100.0, criteria),
            "plan.weights_total",
        )


def _parse_siblings(
    reader: _Reader,
    specs: list[Any],
    where: str,
    parent: Criterion | None,
    parent_weight: float,
    scales: dict[str, Scale | None],
    seen: _Ids,
) -> tuple[Criterion, ...]:
    """Parse one level of the tree; children's weights must add up to their parent's."""
    bases: set[str] = set()
    built: list[Criterion] = []
    for index, spec in enumerate(specs):
        at = f"{where}[{index}]"
        if not isinstance(spec, dict):
            reader.bad(
                at, "a criterion must be a section", spec, "id, title, weight …", "plan.criterion"
            )
            continue
        criterion = _parse_criterion(reader, spec, at, parent, parent_weight, scales, seen)
        if criterion is not None:
            bases.add(criterion.weight_basis)
            built.append(criterion)
    if len(bases) > 1:
        reader.bad(
            where,
            "sibling criteria mix weight_of_total and weight_of_parent",
            ", ".join(c.id for c in built),
            "one basis for all children of the same parent, so the split cannot be misread",
            "plan.weight_basis",
        )
    # A child refused (its error given) leaves the others short: no sum to check then.
    if parent is not None and built and len(built) == len(specs):
        _check_children_weights(reader, where, parent, parent_weight, built)
    return tuple(built)


def _check_children_weights(
    reader: _Reader,
    where: str,
    parent: Criterion,
    parent_weight: float,
    built: Sequence[Criterion],
) -> None:
    """The error for children whose weights do not add up to their parent's."""
    total = sum(c.effective_weight for c in built)
    if not math.isclose(total, parent_weight, abs_tol=WEIGHT_TOLERANCE):
        basis = built[0].weight_basis
        stated = sum(c.stated_weight for c in built)
        needed = 100.0 if basis == "parent" else parent_weight
        expected = (
            "weight_of_parent values that add up to 100"
            if basis == "parent"
            else f"weight_of_total values that add up to the parent's {_fmt(parent_weight)}"
        ) + _rounded(stated, needed, built)
        reader.bad(
            where,
            f"the weights under '{parent.id}' do not add up",
            stated,
            expected,
            "plan.weights_children",
        )


def _rounded(stated: float, needed: float, criteria: Sequence[Criterion]) -> str:
    """A hint when weights miss their sum by no more than rounding each would: three equal
    shares written 33.33 add up to 99.99, six written 16.67 to 100.02, and the plan needs
    them to add up exactly (to a millionth)."""
    gap = needed - stated
    if (
        len(criteria) < 2
        or all(float(c.stated_weight).is_integer() for c in criteria)
        or abs(gap) > 0.05 * len(criteria) + 1e-9
    ):
        return ""
    return (
        # The gap to a millionth, the weights' own tolerance: 100.01 is 0.01 over 100, not
        # 0.00999999999999 as the sum of floats has it.
        f"; they look rounded ({_fmt(round(abs(gap), 6))} {'short of' if gap > 0 else 'over'} "
        f"{_fmt(needed)}): give the difference to one of them (thirds as 33.34, 33.33 and "
        "33.33), or write each share to six decimal places (33.333333)"
    )


def _parse_criterion(
    reader: _Reader,
    spec: dict[str, Any],
    at: str,
    parent: Criterion | None,
    parent_weight: float,
    scales: dict[str, Scale | None],
    seen: _Ids,
) -> Criterion | None:
    reader.unknown(spec, CRITERION_KEYS, at)
    criterion_id = reader.text(spec, "id", f"{at}.id", required=True)
    if not criterion_id:
        return None
    seen.add(reader, criterion_id, f"{at}.id")
    has_total = "weight_of_total" in spec
    has_parent = "weight_of_parent" in spec
    if "weight" in spec:
        reader.bad(
            f"{at}.weight",
            "a bare 'weight' can be misread",
            spec["weight"],
            "weight_of_total (points of 100) or weight_of_parent (% of the parent)",
            "plan.weight_ambiguous",
        )
        if not (has_total or has_parent):
            # Its error says what to write instead: "states no weight" would only repeat it.
            return None
    if has_total == has_parent:
        reader.bad(
            at,
            f"criterion '{criterion_id}' must state exactly one weight",
            "both" if has_total else "neither",
            "weight_of_total or weight_of_parent",
            "plan.weight_missing",
        )
        return None
    if parent is None and has_parent:
        reader.bad(
            f"{at}.weight_of_parent",
            "a top-level criterion has no parent",
            spec["weight_of_parent"],
            "weight_of_total",
            "plan.weight_basis",
        )
        return None
    basis = "total" if has_total else "parent"
    stated = reader.number(spec, f"weight_of_{basis}", f"{at}.weight_of_{basis}")
    if stated is None:
        return None
    if stated < 0 or stated > 100:
        reader.bad(
            f"{at}.weight_of_{basis}",
            "a weight must be between 0 and 100",
            stated,
            "0 to 100",
            "plan.weight_range",
        )
        return None
    effective = stated if basis == "total" else parent_weight * stated / 100.0
    pillar = parent.pillar if parent else (reader.text(spec, "type", f"{at}.type") or "")
    if parent is None and pillar not in PILLARS:
        reader.bad(
            f"{at}.type",
            "a top-level criterion needs a type",
            pillar or NOTHING,
            "price, quality or social_value",
            "plan.pillar",
        )
        return None
    if parent is not None and "type" in spec and spec["type"] != pillar:
        reader.bad(
            f"{at}.type",
            "a question belongs to its parent's pillar",
            spec["type"],
            pillar,
            "plan.pillar",
        )
    raw_children = spec.get("questions", [])
    kind = _criterion_kind(reader, spec, at, pillar, bool(raw_children))
    scale_id = reader.text(spec, "scale", f"{at}.scale")
    minimum = reader.number(spec, "minimum", f"{at}.minimum")
    node = Criterion(
        id=criterion_id,
        title=reader.text(spec, "title", f"{at}.title", default=criterion_id) or criterion_id,
        pillar=pillar,
        kind=kind,
        weight_basis=basis,
        stated_weight=stated,
        effective_weight=effective,
        parent=parent.id if parent else None,
        scale=scale_id,
        minimum=minimum,
        disqualify_below_minimum=reader.flag(
            spec, "disqualify_below_minimum", f"{at}.disqualify_below_minimum"
        ),
        guidance=reader.text(spec, "guidance", f"{at}.guidance", default="") or "",
        path=at,
    )
    if kind == "question":
        _check_question_scale(reader, node, at, scales, spec)
    else:
        _check_no_minimum(reader, node, at)
    if raw_children:
        if not isinstance(raw_children, list):
            reader.bad(
                f"{at}.questions",
                "questions must be [[...questions]] sections",
                raw_children,
                "a list of sections",
                "plan.criterion",
            )
            return node
        children = _parse_siblings(
            reader, raw_children, f"{at}.questions", node, effective, scales, seen
        )
        node = Criterion(**{**node.__dict__, "children": children})
    return node


def _criterion_kind(
    reader: _Reader, spec: dict[str, Any], at: str, pillar: str, has_children: bool
) -> str:
    if has_children:
        if pillar == "price":
            reader.bad(
                f"{at}.questions",
                "price is scored as one criterion",
                "questions",
                "no questions under price",
                "plan.price_children",
            )
        return "group"
    if pillar == "price":
        return "price"
    kind = spec.get("kind", "question")
    if kind not in ("question", "commitments"):
        reader.bad(
            f"{at}.kind",
            "unknown kind of criterion",
            kind,
            "question (scored on a scale) or commitments (social value £ proxies)",
            "plan.kind",
        )
        return "question"
    if kind == "commitments" and pillar != "social_value":
        reader.bad(
            f"{at}.kind",
            "commitments are a social value criterion",
            kind,
            'kind = "question" outside social value',
            "plan.kind",
        )
    return kind


def _check_question_scale(
    reader: _Reader,
    node: Criterion,
    at: str,
    scales: dict[str, Scale | None],
    spec: dict[str, Any],
) -> None:
    if not node.scale:
        reader.bad(
            f"{at}.scale",
            f"question '{node.id}' has no scale",
            NOTHING,
            "scale = the id of a [scales.…] section",
            "plan.scale_missing",
        )
        return
    if node.scale in scales and scales[node.scale] is None:
        return  # the scale was refused, with its own error: this one would follow from it
    scale = scales.get(node.scale)
    if scale is None:
        reader.bad(
            f"{at}.scale",
            f"question '{node.id}' uses a scale that is not defined",
            node.scale,
            ", ".join(sorted(scales)) or "a [scales.…] section",
            "plan.scale_unknown",
        )
        return
    if node.minimum is not None:
        if not scale.low <= node.minimum <= scale.high:
            reader.bad(
                f"{at}.minimum",
                "the minimum score is outside the question's scale",
                node.minimum,
                scale.describe(),
                "plan.minimum_range",
            )
        if "disqualify_below_minimum" not in spec:
            reader.bad(
                f"{at}.disqualify_below_minimum",
                "a minimum score must say whether failing it disqualifies "
                "(Procurement Act 2023 s.23(3)(a))",
                NOTHING,
                "disqualify_below_minimum = true or false",
                "plan.minimum_rule",
            )
    elif node.disqualify_below_minimum and "minimum" not in spec:  # refused: its own error
        reader.bad(
            f"{at}.minimum",
            f"question '{node.id}' disqualifies below its minimum but has no minimum, so no "
            "score can fail it",
            "no minimum",
            "minimum = the lowest score that passes, or no disqualify_below_minimum",
            "plan.minimum_rule",
            Severity.WARNING,
        )


# What a criterion that is not a scored question is, in a minimum's error message.
_NOT_A_QUESTION = {
    "group": "a group of questions",
    "price": "the price criterion",
    "commitments": "a social value commitments criterion (scored from £ proxy values)",
}


def _check_no_minimum(reader: _Reader, node: Criterion, at: str) -> None:
    """Only a question scored by evaluators has a minimum that scoring applies: one written on
    a pillar, a group, price or commitments would be published and never applied."""
    if node.minimum is None and not node.disqualify_below_minimum:
        return
    key = "minimum" if node.minimum is not None else "disqualify_below_minimum"
    found = node.minimum if node.minimum is not None else True
    reader.bad(
        f"{at}.{key}",
        f"criterion '{node.id}' is {_NOT_A_QUESTION.get(node.kind, node.kind)}: a minimum "
        "score applies only to a question scored by evaluators on a scale, so this one would "
        "never be applied",
        found,
        "minimum and disqualify_below_minimum on each scored question they apply to, or "
        "[evaluation] minimum_quality_share for an overall quality threshold (a share of the "
        "quality points available, e.g. 0.5)",
        "plan.minimum_not_question",
    )


def _parse_abnormally_low(reader: _Reader, raw: dict[str, Any]) -> AbnormallyLow:
    spec = reader.table(raw, "abnormally_low")
    reader.unknown(spec, ABNORMALLY_LOW_KEYS, "abnormally_low")
    share = reader.number(spec, "share_of_median", "abnormally_low.share_of_median", default=0.8)
    if share is not None and not 0 < share < 1:
        reader.bad(
            "abnormally_low.share_of_median",
            "must be a share between 0 and 1",
            share,
            "e.g. 0.8 (flag prices below 80% of the median)",
            "plan.abnormally_low",
        )
    return AbnormallyLow(
        share_of_median=share,
        below_true_cost=reader.flag(
            spec, "below_true_cost", "abnormally_low.below_true_cost", default=True
        ),
    )


def _parse_evaluation(reader: _Reader, raw: dict[str, Any]) -> EvaluationRules:
    spec = reader.table(raw, "evaluation")
    reader.unknown(spec, EVALUATION_KEYS, "evaluation")
    aggregate = reader.text(spec, "aggregate", "evaluation.aggregate", default="mean")
    if aggregate not in ("mean", "median"):
        reader.bad(
            "evaluation.aggregate",
            "unknown way to combine evaluators' scores",
            aggregate,
            "mean or median",
            "plan.aggregate",
        )
        aggregate = "mean"
    share = reader.number(spec, "discrepancy_share", "evaluation.discrepancy_share", default=0.4)
    if share is not None and not 0 < share <= 1:
        reader.bad(
            "evaluation.discrepancy_share",
            "must be a share of the scale between 0 and 1",
            share,
            "e.g. 0.4",
            "plan.discrepancy",
        )
    rules: dict[str, str] = {}
    for key in ("conflicted_scores", "missing_declaration"):
        value = reader.text(spec, key, f"evaluation.{key}", default="exclude") or "exclude"
        if value not in ("exclude", "flag"):
            reader.bad(
                f"evaluation.{key}", "unknown rule", value, "exclude or flag", "plan.conflicts"
            )
            value = "exclude"
        rules[key] = value
    groups: list[EvaluatorGroup] = []
    seen = _Ids("evaluator group")
    raw_groups = spec.get("groups", [])
    if not isinstance(raw_groups, list):
        # [evaluation.groups] (one pair of brackets) was dropped without a word, and with it
        # the panel's share of every score.
        reader.bad(
            "evaluation.groups",
            "evaluator groups must be [[evaluation.groups]] sections",
            raw_groups,
            "[[evaluation.groups]] with id, share and questions",
            "not_a_section",
        )
        raw_groups = []
    for index, group in enumerate(raw_groups):
        where = f"evaluation.groups[{index}]"
        if not isinstance(group, dict):
            reader.bad(
                where,
                "an evaluator group must be a table",
                group,
                "[[evaluation.groups]] with id, share and questions",
                "not_a_section",
            )
            continue
        reader.unknown(group, EVALUATOR_GROUP_KEYS, where)
        group_id = reader.text(group, "id", f"{where}.id", required=True)
        if group_id:
            seen.add(reader, group_id, f"{where}.id")
        group_share = reader.number(group, "share", f"{where}.share", required=True)
        questions = group.get("questions", [])
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            # A bare "Q1" used to become no list at all, which means every question.
            reader.bad(
                f"{where}.questions",
                "the questions must be a list of ids",
                questions,
                '["Q1", "Q2"] (leave it out for every question)',
                "plan.group_questions",
            )
            questions = []
            group_id = None  # not added: it would score questions it was not meant to
        elif "questions" in group and not questions:
            # An empty list reads as "no questions", but a group with none means every one.
            reader.bad(
                f"{where}.questions",
                "the group's questions are an empty list, which would mean every question",
                questions,
                '["Q1", "Q2"] (leave it out for every question)',
                "plan.group_questions",
            )
            group_id = None
        if group_id and group_share is not None:
            groups.append(
                EvaluatorGroup(
                    id=group_id,
                    name=reader.text(group, "name", f"{where}.name", default=group_id) or group_id,
                    share=group_share,
                    questions=tuple(str(q) for q in questions)
                    if isinstance(questions, list)
                    else (),
                )
            )
    minimum_share = reader.number(spec, "minimum_quality_share", "evaluation.minimum_quality_share")
    return EvaluationRules(
        aggregate=aggregate,
        discrepancy_share=share if share is not None else 0.4,
        conflicted_scores=rules["conflicted_scores"],
        missing_declaration=rules["missing_declaration"],
        groups=tuple(groups),
        minimum_quality_share=minimum_share,
        disqualify_below_overall_minimum=reader.flag(
            spec, "disqualify_below_overall_minimum", "evaluation.disqualify_below_overall_minimum"
        ),
    )


def _parse_social_value(reader: _Reader, raw: dict[str, Any]) -> SocialValueRules:
    spec = reader.table(raw, "social_value")
    reader.unknown(spec, SOCIAL_VALUE_KEYS, "social_value")
    method = reader.text(spec, "method", "social_value.method", default="relative_to_best")
    if method not in SOCIAL_VALUE_METHODS:
        reader.bad(
            "social_value.method",
            "unknown social value scoring method",
            method,
            " or ".join(SOCIAL_VALUE_METHODS),
            "plan.social_value_method",
        )
        method = "relative_to_best"
    share = reader.number(
        spec,
        "full_marks_share_of_price",
        "social_value.full_marks_share_of_price",
        default=0.1,
        low=0,
        above=True,
    )
    return SocialValueRules(
        method=method,
        full_marks_share_of_price=0.1 if share is None else share,
        proxy_table=layout.plan_file_path(
            reader.text(spec, "proxy_table", "social_value.proxy_table", default="") or ""
        ),
    )


def _parse_sme(reader: _Reader, raw: dict[str, Any]) -> SmeDefinition:
    spec = reader.table(raw, "sme")
    reader.unknown(spec, SME_KEYS, "sme")
    default = SmeDefinition()

    # Each limit must be above 0: a definition no organisation can meet is a slip, and
    # 0 must never quietly become the Act's figure.
    def limit(key: str, fallback: float, high: float | None = None) -> float:
        value = reader.number(
            spec, key, f"sme.{key}", default=fallback, low=0, above=True, high=high
        )
        return fallback if value is None else value

    staff = limit("max_staff", default.max_staff)
    if staff != int(staff):
        reader.bad(
            "sme.max_staff", "a headcount is a whole number", staff, "e.g. 249", "not_a_count"
        )
    return SmeDefinition(
        name=reader.text(spec, "definition", "sme.definition", default=default.name)
        or default.name,
        max_staff=int(staff),
        max_turnover=limit("max_turnover", default.max_turnover, MAX_MONEY),
        max_balance_sheet=limit("max_balance_sheet", default.max_balance_sheet, MAX_MONEY),
    )


def _parse_lot_cap(reader: _Reader, raw: dict[str, Any]) -> LotCap:
    spec = reader.table(raw, "participation")
    reader.unknown(spec, PARTICIPATION_KEYS, "participation")
    cap = reader.number(
        spec,
        "max_lots_per_supplier",
        "participation.max_lots_per_supplier",
        high=MAX_LOTS,
    )
    if cap is not None and (cap < 1 or cap != int(cap)):
        reader.bad(
            "participation.max_lots_per_supplier",
            "the lot cap must be a whole number",
            cap,
            "1 or more",
            "plan.lot_cap",
        )
        cap = None
    rule = reader.text(spec, "cap_rule", "participation.cap_rule")
    if rule is not None and rule not in CAP_RULES:
        reader.bad(
            "participation.cap_rule",
            "the lot-cap rule is not one tendereval can apply",
            rule,
            "one of " + ", ".join(CAP_RULES),
            "plan.cap_rule",
        )
        rule = None
    return LotCap(
        max_lots_per_supplier=int(cap) if cap is not None else None,
        mechanism=reader.text(spec, "cap_mechanism", "participation.cap_mechanism", default="")
        or "",
        rule=rule,
        lot_order=_parse_cap_lot_order(reader, spec, rule),
    )


def _parse_cap_lot_order(reader: _Reader, spec: dict[str, Any], rule: str | None) -> tuple:
    """``cap_lot_order``: the lot ids in the order the ``lot_order`` rule takes them (checked
    against the plan's lots by the plan lint, which knows them)."""
    where = "participation.cap_lot_order"
    order = spec.get("cap_lot_order")
    if order is None:
        if rule == "lot_order":
            reader.bad(
                where,
                "the lot_order rule needs the order of the lots",
                NOTHING,
                'cap_lot_order = ["A", "B", ...] listing every lot',
                "plan.cap_rule",
            )
        return ()
    if not isinstance(order, list) or not all(isinstance(v, str) for v in order):
        reader.bad(where, "cap_lot_order must be a list of lot ids", order,
                   'cap_lot_order = ["A", "B", ...]', "plan.cap_rule")  # fmt: skip
        return ()
    # A cap_rule written and refused (its own error) may be the lot_order it is for.
    if rule != "lot_order" and (rule is not None or "cap_rule" not in spec):
        reader.bad(where, "cap_lot_order is used only with cap_rule = \"lot_order\"", order,
                   'cap_rule = "lot_order", or no cap_lot_order', "plan.cap_rule",
                   Severity.WARNING)  # fmt: skip
    return tuple(v.strip() for v in order)


def _parse_publication(reader: _Reader, raw: dict[str, Any]) -> Publication:
    """``[publication]``: read by ``tendereval publish`` only, checked with the rest of the plan
    so a mistyped prefix is found before the award is due."""
    spec = reader.table(raw, "publication")
    reader.unknown(spec, PUBLICATION_KEYS, "publication")
    values = {
        key: reader.text(spec, key, f"publication.{key}", default="") or ""
        for key in sorted(PUBLICATION_KEYS)
    }
    shapes = {
        "ocid_prefix": (OCID_PREFIX_PATTERN, "'ocds-' and six letters or digits, e.g. ocds-h6vhtk"),
        "ocid": (OCID_PREFIX_PATTERN + r"-\S+", "an ocid such as ocds-h6vhtk-0513a8"),
        "uri": (r"(https?://|urn:)\S+", "a web address (https://…) or a urn: name"),
        "license": (r"(https?://|urn:)\S+", "the licence's web address, e.g. the OGL's"),
    }
    for key, (pattern, expected) in shapes.items():
        if values[key] and not re.fullmatch(pattern, values[key]):
            reader.bad(
                f"publication.{key}",
                f"publication.{key} is not in the form OCDS needs",
                values[key],
                expected,
                "plan.publication",
            )
            values[key] = ""
    return Publication(**values)


def _parse_approval(reader: _Reader, raw: dict[str, Any]) -> Approval:
    spec = reader.table(raw, "approval")
    reader.unknown(spec, APPROVAL_KEYS, "approval")
    return Approval(
        approved_by=reader.text(spec, "approved_by", "approval.approved_by", default="") or "",
        approved_on=_approval_date(reader, spec),
        weights_set_by=reader.text(spec, "weights_set_by", "approval.weights_set_by", default="")
        or "",
        notes=reader.text(spec, "notes", "approval.notes", default="") or "",
    )


def _approval_date(reader: _Reader, spec: dict[str, Any]) -> str:
    """The date the weights were approved, as ISO text: a TOML date (2026-09-14) or a date
    written as text, read day first (14/09/2026). It goes into the audit trail of every report,
    so anything else ("yesterday", a time of day) is reported rather than recorded."""
    value = spec.get("approved_on")
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    date, problem = parse_date(value)
    if problem is not None:
        reader.bad(
            "approval.approved_on",
            "the approval date is not a date",
            value,
            "a date such as 2026-09-14 (no quotes) or '14/09/2026'",
            "plan.approval_date",
        )
        return ""
    return date or ""


def _parse_tie_break(reader: _Reader, raw: dict[str, Any]) -> tuple[str, ...]:
    spec = reader.table(raw, "ranking")
    reader.unknown(spec, RANKING_KEYS, "ranking")
    order = spec.get("tie_break", ["quality", "price"])
    if not isinstance(order, list) or not all(isinstance(k, str) for k in order):
        reader.bad(
            "ranking.tie_break",
            "the tie-break must be a list of names",
            order,
            '["quality", "price"]',
            "plan.tie_break",
        )
        return ("quality", "price")
    unknown = [k for k in order if k not in TIE_BREAK_KEYS]
    if unknown:
        reader.bad(
            "ranking.tie_break",
            "unknown tie-break rule",
            ", ".join(unknown),
            ", ".join(TIE_BREAK_KEYS),
            "plan.tie_break",
        )
        return tuple(k for k in order if k in TIE_BREAK_KEYS) or ("quality", "price")
    return tuple(order)


def _fmt(value: float) -> str:
    return f"{value:.12g}" if isinstance(value, float) else str(value)


def _show(value: Any) -> str:
    """A value found, in a message: text in quotes, anything else as TOML writes it."""
    return repr(value) if isinstance(value, str) else as_written(value)
