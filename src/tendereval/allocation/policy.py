"""The allocation policy: the declared, published rules that decide which offers win.

Scoring is provider-blind; everything that favours wider participation (a cap on lots per
supplier, SME and VCSE shares, a minimum number of suppliers, a maximum share for any one
supplier) lives here, where it is stated openly and its cost is shown.

``Policy.participation_free()`` is the same policy without those participation rules. The
result of allocating under it is the *unconstrained* best-value answer that every report shows
beside the constrained one. The lot cap of Procurement Act 2023 s.23(4) / PCR 2015 reg 46(4) is
counted as a participation rule: its purpose is to spread the work, so its cost belongs in the
cost of the policy. Budgets, supplier capacity, minimum quality, contract management cost and
whether every lot must be awarded are not participation rules and stay in force in both answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace

from tendereval.errors import Problem, UsageError
from tendereval.io.cells import other_digits
from tendereval.wording import counted, pounds
from tendereval.wording import percent as as_percent

OBJECTIVES = ("score", "cost")
# The settings that are yes or no.
YES_OR_NO = (
    "award_all_lots",
    "count_second_tier",
    "cap_follows_ranking",
    "follow_published_award",
)

# Rules the optimiser can switch on and off (used to explain an infeasible policy).
RULES = (
    "award_all_lots",
    "budget",
    "supplier_max_lots",
    "supplier_max_value",
    "supplier_max_volume",
    "cap",
    "sme_share",
    "vcse_share",
    "min_suppliers",
    "max_supplier_share",
)
PARTICIPATION_RULES = frozenset(
    {"cap", "sme_share", "vcse_share", "min_suppliers", "max_supplier_share"}
)
# Rules that add up over every lot: while one is in force no lot can be solved on its own.
GLOBAL_RULES = frozenset(
    {"budget", "sme_share", "vcse_share", "min_suppliers", "max_supplier_share"}
)
# Rules that add up over one supplier's offers: they link the lots that supplier bids for.
SUPPLIER_RULES = frozenset(
    {"cap", "supplier_max_lots", "supplier_max_value", "supplier_max_volume"}
)

# The declared tie-break rules (the "objective mechanism"), by the name recorded in results.
TIE_BREAKS = {
    "standard": {
        "score": (
            "Highest total score. If allocations tie on score: the lowest total cost (price "
            "plus contract management cost). If they still tie: the allocation "
            "that accepts the earliest offer, in offer_id order (natural order: A2 before A10, "
            "X01 before X1), that the other does not."
        ),
        "cost": (
            "Lowest total cost (price plus contract management cost). If allocations tie on "
            "cost: the highest total score. If they still tie: the allocation "
            "that accepts the earliest offer, in offer_id order (natural order: A2 before A10, "
            "X01 before X1), that the other does not."
        ),
        "cost_partial": (
            "As many lots as the rules allow are awarded; among those allocations, the lowest "
            "total cost (price plus contract management cost). If allocations tie on cost: the "
            "highest total score. If they still tie: the allocation that accepts the earliest "
            "offer, in offer_id order (natural order: A2 before A10, X01 before X1), that the "
            "other does not."
        ),
    },
    # A tender's own order (``tendereval allocate DIR`` and the award decision): the plan's
    # [ranking] tie_break keys, then the buyer's recorded decisions, as the ranking uses them.
    # Nothing is settled by name or offer order; see ``Policy.tie_break_text``.
    "plan": {},
}
# The plan's tie-break keys in words, as an allocation sums them.
PLAN_KEYS_TEXT = {
    "quality": "the higher total quality points",
    "price": "the lower total evaluated price",
    "social_value": "the higher total social value points",
    "total_quality_and_social_value": "the higher total quality and social value points",
}


@dataclass(frozen=True)
class Policy:
    """Every rule the optimiser applies. Shares are fractions of awarded value (0.3 = 30%).

    ``None`` (or an empty mapping) means the rule is not used. ``lots`` lists every lot of the
    tender when the caller knows it, so a lot nobody bid for is still named; otherwise the lots
    are those the offers (and the per-lot settings) mention.
    """

    objective: str = "score"
    award_all_lots: bool = False
    max_lots_per_supplier: int | None = None
    min_sme_share: float | None = None
    min_vcse_share: float | None = None
    count_second_tier: bool = False
    budget: float | None = None
    lot_budgets: Mapping[str, float] = field(default_factory=dict)
    supplier_max_lots: Mapping[str, int] = field(default_factory=dict)
    supplier_max_value: Mapping[str, float] = field(default_factory=dict)
    # A supplier's capacity in the offers' own volume (hours a year, say): the sum of the
    # ``volume`` of the offers it wins may not exceed it. An offer with no volume counts 0.
    supplier_max_volume: Mapping[str, float] = field(default_factory=dict)
    min_suppliers: int | None = None
    max_supplier_share: float | None = None
    contract_management_cost: float = 0.0
    min_quality_per_lot: float | Mapping[str, float] | None = None
    tie_break: str = "standard"
    # With ``tie_break = "plan"``: the plan's [ranking] tie_break keys, in order.
    plan_tie_break: tuple[str, ...] = ()
    # A lot goes to a lower-ranked offer only when every higher-ranked offer's supplier holds
    # the cap (the award rules of a published lot-cap mechanism); needs each offer's rank in
    # its lot.
    cap_follows_ranking: bool = False
    # With ``tie_break = "plan"``, for a tender's allocation beside its award: the last level
    # is the published award (which follows the buyer's recorded decisions where it applies
    # them, and the plan's lot-cap rule), not the recorded decisions themselves; see
    # ``from_tender.tie_values_from_award``.
    follow_published_award: bool = False
    lots: tuple[str, ...] | None = None

    def validate(self) -> list[Problem]:
        """Every setting that cannot be used, as Problems (an empty list when all is well)."""
        problems: list[Problem] = []

        def bad(name: str, message: str, found: object, expected: str, code: str) -> None:
            problems.append(
                Problem(
                    message,
                    sheet="policy",
                    cell=name,
                    found=str(found),
                    expected=expected,
                    code=f"policy.{code}",
                )
            )

        def as_text(name: str, value: object, example: str, what: str = "a number") -> bool:
            # A number typed in quotes ('0.3') was refused as out of range "(found 0.3)",
            # which reads as the right number: say it is text.
            if not isinstance(value, str):
                return False
            bad(
                name,
                f"This must be {what}, not text",
                f"the text {value!r}",
                f"{what} such as {_as_typed(value) or example}, not in quotes",
                "text_not_number",
            )
            return True

        for name in YES_OR_NO:
            value = getattr(self, name)
            if not isinstance(value, bool):
                # Any text, 'no' and 'False' too, is true: the rule was applied unasked.
                bad(
                    name,
                    "This must be True or False",
                    repr(value),
                    "True or False (text such as 'no' would read as yes)",
                    "not_yes_or_no",
                )
        if self.objective not in OBJECTIVES:
            bad(
                "objective",
                "The objective is not known",
                self.objective,
                "score or cost",
                "unknown_objective",
            )
        if self.tie_break not in TIE_BREAKS:
            bad(
                "tie_break",
                "The tie-break rule is not known",
                self.tie_break,
                ", ".join(TIE_BREAKS),
                "unknown_tie_break",
            )
        if self.tie_break != "plan":
            # Accepted and then ignored, they let a caller believe the plan's keys applied.
            for name in ("plan_tie_break", "follow_published_award"):
                if getattr(self, name):
                    bad(
                        name,
                        "This applies only with tie_break='plan' (a tender's own order), so "
                        "here it would do nothing",
                        repr(getattr(self, name)),
                        "tie_break='plan' with it (allocating a tender folder sets both), or "
                        "leave it out",
                        "needs_plan_tie_break",
                    )
        for name in ("min_sme_share", "min_vcse_share", "max_supplier_share"):
            value = getattr(self, name)
            if as_text(name, value, "0.3"):
                continue
            if value is not None and not (_is_number(value) and 0 <= value <= 1):
                bad(
                    name,
                    "A share must be between 0 and 1",
                    value,
                    "a number from 0 to 1 (0.3 means 30%)",
                    "share_out_of_range",
                )
        for name in ("max_lots_per_supplier", "min_suppliers"):
            value = getattr(self, name)
            if as_text(name, value, "3", "a whole number"):
                continue
            if value is not None and not (_is_count(value) and value >= 1):
                bad(
                    name,
                    "This must be a whole number of at least 1",
                    value,
                    "a whole number such as 3",
                    "not_a_count",
                )
        for name in ("budget", "contract_management_cost"):
            value = getattr(self, name)
            if as_text(name, value, "2500000" if name == "budget" else "25000"):
                continue
            if value is not None and not (_is_number(value) and value >= 0):
                bad(
                    name,
                    "This must be an amount of money, £0 or more",
                    value,
                    "an amount such as 2500000",
                    "not_money",
                )
        for lot, value in self.lot_budgets.items():
            if as_text(f"lot_budgets[{lot}]", value, "250000"):
                continue
            if not (_is_number(value) and value >= 0):
                bad(
                    f"lot_budgets[{lot}]",
                    f"The budget for lot {lot} is not an amount",
                    value,
                    "an amount of £0 or more",
                    "not_money",
                )
        for supplier, value in self.supplier_max_value.items():
            if as_text(f"supplier_max_value[{supplier}]", value, "2500000"):
                continue
            if not (_is_number(value) and value >= 0):
                bad(
                    f"supplier_max_value[{supplier}]",
                    f"The capacity of {supplier} is not an amount of money",
                    value,
                    "an amount of £0 or more",
                    "not_money",
                )
        for supplier, value in self.supplier_max_volume.items():
            if as_text(f"supplier_max_volume[{supplier}]", value, "5000"):
                continue
            if not (_is_number(value) and value >= 0):
                bad(
                    f"supplier_max_volume[{supplier}]",
                    f"The capacity of {supplier} is not a volume",
                    value,
                    "a volume of 0 or more, in the offers' unit",
                    "not_a_volume",
                )
        for supplier, value in self.supplier_max_lots.items():
            if as_text(f"supplier_max_lots[{supplier}]", value, "2", "a whole number"):
                continue
            if not (_is_count(value) and value >= 0):
                bad(
                    f"supplier_max_lots[{supplier}]",
                    f"The capacity of {supplier} is not a number of lots",
                    value,
                    "a whole number of 0 or more",
                    "not_a_count",
                )
        quality = self.min_quality_per_lot
        levels = quality.values() if isinstance(quality, Mapping) else [quality]
        for value in levels:
            if as_text("min_quality_per_lot", value, "60"):
                continue
            if value is not None and not _is_number(value):
                bad(
                    "min_quality_per_lot",
                    "The minimum quality is not a number",
                    value,
                    "a score such as 60",
                    "not_a_number",
                )
        return problems

    def must_be_usable(self) -> None:
        """A UsageError naming every setting :meth:`validate` finds that cannot be used."""
        problems = self.validate()
        if problems:
            raise UsageError("; ".join(f"{p.cell}: {p.describe()}" for p in problems))

    def participation_free(self) -> Policy:
        """The same policy without the participation rules: the best-value comparison.

        ``count_second_tier`` is kept: it is how shares are measured, not a rule, so both
        answers report their shares the same way.
        """
        return replace(
            self,
            max_lots_per_supplier=None,
            min_sme_share=None,
            min_vcse_share=None,
            min_suppliers=None,
            max_supplier_share=None,
        )

    def rules(self) -> frozenset[str]:
        """The rules in force that bind offers together in the model (see ``RULES``).

        A share of 0 (or a maximum share of 1) can never bind, so it is not a rule in force.
        """
        active = {
            "award_all_lots": self.award_all_lots,
            "budget": self.budget is not None,
            "supplier_max_lots": bool(self.supplier_max_lots),
            "supplier_max_value": bool(self.supplier_max_value),
            "supplier_max_volume": bool(self.supplier_max_volume),
            "cap": self.max_lots_per_supplier is not None,
            "sme_share": bool(self.min_sme_share),
            "vcse_share": bool(self.min_vcse_share),
            "min_suppliers": self.min_suppliers is not None,
            "max_supplier_share": self.max_supplier_share is not None
            and self.max_supplier_share < 1,
        }
        return frozenset(name for name, on in active.items() if on)

    def min_quality_for(self, lot: str) -> float | None:
        """The minimum quality an offer must reach to be considered for ``lot``."""
        quality = self.min_quality_per_lot
        if isinstance(quality, Mapping):
            return quality.get(lot)
        return quality

    def tie_break_text(self) -> str:
        """The declared rule that decides between equally good allocations, in words."""
        if self.tie_break == "plan":
            return self._plan_tie_break_text()
        rules = TIE_BREAKS.get(self.tie_break, TIE_BREAKS["standard"])
        if self.objective == "cost" and not self.award_all_lots:
            return rules["cost_partial"]
        return rules[self.objective if self.objective in rules else "score"]

    def _plan_tie_break_text(self) -> str:
        first = {
            "score": "Highest total score",
            "cost": "Lowest total cost (price plus contract management cost), then the "
            "highest total score",
        }[self.objective if self.objective in OBJECTIVES else "score"]
        if self.objective == "cost" and not self.award_all_lots:
            first = "As many lots as the rules allow; among those, " + first[0].lower() + first[1:]
        keys = [PLAN_KEYS_TEXT[key] for key in self.plan_tie_break if key in PLAN_KEYS_TEXT]
        then = ", then ".join([*keys, preferred_text(self)])
        return (
            f"{first} (each bid's points compared to 4 decimal places, money to the penny). If "
            f"allocations tie: the plan's tie-break, {then}. Allocations still equal on every "
            "level leave the lots they differ in undecided: nothing is settled by name or offer "
            "order."
        )

    def describe(self) -> list[tuple[str, str]]:
        """Every rule in force as (name, plain-English statement), for reports."""
        lines = [
            (
                "objective",
                "Highest total score" if self.objective == "score" else "Lowest total cost",
            ),
            (
                "award_all_lots",
                "Every lot must be awarded"
                if self.award_all_lots
                else "A lot may be left unawarded when the rules require it",
            ),
        ]
        if self.max_lots_per_supplier is not None:
            lines.append(
                (
                    "max_lots_per_supplier",
                    f"No supplier may win more than {counted(self.max_lots_per_supplier, 'lot')} "
                    "(a package "
                    "counts as its number of lots): Procurement Act 2023 s.23(4), "
                    "PCR 2015 reg 46(4). Participation rule.",
                )
            )
        if self.min_sme_share:
            lines.append(
                (
                    "min_sme_share",
                    f"At least {percent(self.min_sme_share)} of awarded value goes to SMEs"
                    + (" (second tier counts)" if self.count_second_tier else "")
                    + ". Participation rule.",
                )
            )
        if self.min_vcse_share:
            lines.append(
                (
                    "min_vcse_share",
                    f"At least {percent(self.min_vcse_share)} of awarded value goes to VCSEs"
                    + (" (second tier counts)" if self.count_second_tier else "")
                    + ". Participation rule.",
                )
            )
        if self.min_suppliers is not None:
            lines.append(
                (
                    "min_suppliers",
                    f"At least {self.min_suppliers} different suppliers win. Participation rule.",
                )
            )
        if self.max_supplier_share is not None:
            lines.append(
                (
                    "max_supplier_share",
                    f"No supplier wins more than {percent(self.max_supplier_share)} of awarded "
                    "value. Participation rule.",
                )
            )
        if self.budget is not None:
            lines.append(("budget", f"Total price at most {pounds(self.budget)}"))
        for lot, amount in sorted(self.lot_budgets.items()):
            lines.append(
                (f"lot_budget[{lot}]", f"Offers for lot {lot} priced at most {pounds(amount)}")
            )
        for supplier, count in sorted(self.supplier_max_lots.items()):
            lines.append(
                (
                    f"supplier_max_lots[{supplier}]",
                    f"{supplier} can take at most {counted(count, 'lot')}",
                )
            )
        for supplier, amount in sorted(self.supplier_max_value.items()):
            lines.append(
                (
                    f"supplier_max_value[{supplier}]",
                    f"{supplier} can take work worth at most {pounds(amount)}",
                )
            )
        for supplier, volume in sorted(self.supplier_max_volume.items()):
            lines.append(
                (
                    f"supplier_max_volume[{supplier}]",
                    f"{supplier} can take at most {volume:,g} of volume a year (its capacity)",
                )
            )
        if self.contract_management_cost:
            lines.append(
                (
                    "contract_management_cost",
                    f"Each contract costs the buyer {pounds(self.contract_management_cost)} to "
                    "manage (a package is one contract); added to the total cost",
                )
            )
        quality = self.min_quality_per_lot
        if isinstance(quality, Mapping):
            for lot, level in sorted(quality.items()):
                lines.append(
                    (f"min_quality[{lot}]", f"Offers for lot {lot} need quality of {level:g}")
                )
        elif quality is not None:
            lines.append(("min_quality", f"Offers need a quality score of at least {quality:g}"))
        lines.append(("tie_break", f"{self.tie_break}: {self.tie_break_text()}"))
        return lines

    def to_dict(self) -> dict[str, object]:
        """Every setting, JSON-ready."""
        data = asdict(self)
        for name in (
            "lot_budgets",
            "supplier_max_lots",
            "supplier_max_value",
            "supplier_max_volume",
        ):
            data[name] = dict(data[name])
        if isinstance(self.min_quality_per_lot, Mapping):
            data["min_quality_per_lot"] = dict(self.min_quality_per_lot)
        data["lots"] = list(self.lots) if self.lots is not None else None
        data["plan_tie_break"] = list(self.plan_tie_break)
        return data


def preferred_text(policy: Policy) -> str:
    """The last level of the plan's tie-break, in words."""
    if policy.follow_published_award:
        return (
            "the award under the plan's published rules (its lot-cap rule and the buyer's "
            "recorded decisions it applies)"
        )
    return "the buyer's recorded decisions"


def _is_number(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _as_typed(text: str) -> str:
    """``text`` when it reads as a number in the digits 0-9 ('0.3', ' 2 '), stripped; else
    "". float() reads other scripts' digits too: '০.৩' is no example to type without quotes
    (the Bengali three is not 3 to TOML, nor to every reader)."""
    if other_digits(text, "number") is not None:
        return ""
    try:
        return text.strip() if math.isfinite(float(text)) else ""
    except ValueError:
        return ""


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def percent(share: float) -> str:
    """A share in words, as the allocation workbook's cells show it (wording.percent): 0.4 →
    40%, 0.3125 → 31.3% (a half away from zero), 0.9996 → 99.9% (never the whole)."""
    return as_percent(share, every_place=False)


def percent_as_asked(share: float) -> str:
    """A share the officer asked for, as exactly as it was typed (to 4 decimals of a
    percent): 0.1065 → 10.65%, where :func:`percent` would quote it back as 10.7%."""
    return as_percent(share, 4, every_place=False)


def percent_attainable(share: float, *, most: bool) -> str:
    """An attainable share as advice, to 0.1 points rounded the way that keeps it
    attainable: the ``most`` attainable down (75.27% → 75.2%: asking 75.3% fails again),
    the least attainable up (10.63% → 10.7%). (A millionth of a point is forgiven, the
    solver's own tolerance, so a share of exactly 75.3% reads 75.3%.)"""
    tenths = share * 1000
    tenths = math.floor(tenths + 1e-6) if most else math.ceil(tenths - 1e-6)
    return percent(tenths / 1000)
