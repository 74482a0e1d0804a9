"""Small read-only views of a ScoreResult that several sheets share: lot order, pillar weights,
words for methods and flags. Nothing here computes a score; it only arranges scoring's numbers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from tendereval.award.set_aside import ANOTHER_RETURN
from tendereval.ocds.own_words import (
    COMMITMENTS_START,
    DISQUALIFIED,
    FLAGGED,
    OVERALL_MINIMUM_START,
    social_value_method_text,
)
from tendereval.plan import PILLARS, Plan, Scale
from tendereval.scoring.common import as_compared, as_written, fmt, share_as_percent
from tendereval.scoring.result import ScoreResult

PILLAR_LABELS = {"price": "Price", "quality": "Quality", "social_value": "Social value"}
SCORE_COLUMNS = {
    "price": "price_score",
    "quality": "quality_score",
    "social_value": "social_value_score",
}


def lot_name(plan: Plan, lot_id: str) -> str:
    lot = plan.lot(lot_id)
    return lot.name if lot else lot_id


def pillar_weights(plan: Plan) -> dict[str, float]:
    """Each pillar's weight in points of 100, from the plan's effective leaf weights."""
    return {pillar: plan.pillar_weight(pillar) for pillar in PILLARS}


def present_pillars(plan: Plan) -> list[str]:
    """Pillars the plan weights at all, in the usual order."""
    return [p for p in PILLARS if any(c.pillar == p for c in plan.leaves)]


def scale_text(plan: Plan, criterion_id: str) -> str:
    """How a criterion is scored, in words, for the report and the summaries (a criterion
    grouping others is the sum of them)."""
    criterion = plan.leaf(criterion_id)
    if criterion is None:
        group = any(c.id == criterion_id for c in plan.walk())
        return "The sum of its sub-criteria" if group else ""
    if criterion.kind == "price":
        from tendereval.scoring.price import describe

        return describe(plan)
    if criterion.kind == "commitments":
        # Words init --from-notice reads back from tendereval's own award notice (ocds.own_words).
        rules = plan.social_value
        method = social_value_method_text(rules.method, rules.full_marks_share_of_price)
        return f"{COMMITMENTS_START}{method}"
    scale = plan.scales.get(criterion.scale or "")
    text = f"Scored by evaluators on {scale.describe()}" if scale else "Scored by evaluators"
    if criterion.minimum is not None:
        text += f"; minimum score {criterion.minimum_shown}"
    if criterion.effective_weight == 0:
        # No points to share out: the sentence on how a score becomes points would mislead.
        return f"{text}. It carries no points (weight 0), so its score does not change the total"
    return f"{text}. {points_text(scale)}" if scale else text


def overall_minimum(plan: Plan) -> list[str]:
    """The plan's overall quality threshold in words, as scoring applies it, for every output
    that describes the award criteria (the assessment summaries, the public report, the bid
    return's Instructions, the OCDS award notice): one sentence, or none when the plan sets
    none. Beside each question's own minimum (``scale_text``): s.23(3)(a) asks for both, and
    whether failing them disqualifies, to be stated in advance."""
    share = plan.evaluation.minimum_quality_share
    minimum = plan.quality_minimum_points()
    if share is None or minimum is None:
        return []
    available = plan.stated_pillar_weight("quality")
    # Words init --from-notice reads back from tendereval's own award notice (ocds.own_words).
    consequence = DISQUALIFIED if plan.evaluation.disqualify_below_overall_minimum else FLAGGED
    return [
        f"{OVERALL_MINIMUM_START}a tender whose quality points are below "
        f"{share_as_percent(share)} of the {fmt(available)} quality points available "
        f"({as_compared(minimum)} points) {consequence}."
    ]


def price_method_note(plan: Plan) -> list[str]:
    """How price is treated, for every output that lists the award criteria (the assessment
    summaries, the public report, the bid return's Instructions, the OCDS award notice), when
    no criterion says it: a plan under quality_only need not write a price criterion, and its
    bidders, asked for prices, were never told the price is fixed and carries no weight. One
    sentence from the plan's price method (scoring's own description), or none when the price
    criterion's row states the method (``scale_text``)."""
    if any(c.kind == "price" for c in plan.leaves):
        return []
    from tendereval.scoring.price import describe

    return [f"Price is not among these criteria. {describe(plan)}"]


def points_text(scale: Scale) -> str:
    """How a score on ``scale`` becomes points, as scoring works it out: by where it lies
    between the scale's ends, (score − low) ÷ (high − low). On 1–5 a 3 earns half the points
    (not 3/5, the common reading), and a 1 none."""
    low, high = as_written(scale.low), as_written(scale.high)
    if scale.low == 0:
        share = f"score ÷ {high}"
    else:
        sign, size = ("−", low) if scale.low > 0 else ("+", as_written(-scale.low))
        share = f"(score {sign} {size}) ÷ ({high} {sign} {size})"
    middle = (scale.low + scale.high) / 2
    # Half the points is said where a score can be the middle of the scale.
    half = f", {as_written(middle)} earns half" if scale.allows(middle) else ""
    return (
        f"Points awarded = points available × {share}, so {low} earns none{half} and {high} "
        "earns them all."
    )


def stated_weight_text(plan: Plan, criterion_id: str) -> str:
    """The weight as the plan states it: ``20 points of 100`` or ``50% of Quality``."""
    node = next((c for c in plan.walk() if c.id == criterion_id), None)
    if node is None:
        return ""
    if node.weight_basis == "total":
        return f"{as_written(node.stated_weight)} points of 100"
    parent = next((c for c in plan.walk() if c.id == node.parent), None)
    return f"{as_written(node.stated_weight)}% of {parent.title if parent else node.parent}"


def leaders(results: pl.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Per lot, the bids ranked first: one, or several when the plan's tie-break did not
    separate them. A tied first place has no most advantageous tender until the tie is
    resolved, so no output may name one of the tied bids as the winner."""
    first: dict[str, list[dict[str, Any]]] = {}
    for row in results.filter(pl.col("rank") == 1).iter_rows(named=True):
        first.setdefault(row["lot"], []).append(row)
    return first


def proposed_bid(result: ScoreResult, lot: str) -> dict[str, Any]:
    """The proposed supplier's row of the results for ``lot`` ({} when the lot has none):
    the award decision names it, this only finds its figures."""
    supplier = result.award.winner(lot)
    if supplier is None:
        return {}
    rows = result.results.filter((pl.col("lot") == lot) & (pl.col("supplier") == supplier))
    return rows.row(0, named=True) if rows.height else {}


# A lot the buyer decided not to award, in words that name nobody (its reason may name staff).
NOT_TO_AWARD = ": the contracting authority decided not to award this lot"


def award_text(result: ScoreResult, lot: str, names: bool = True) -> str:
    """The lot's award in a few words, as the award decision states it: the proposed supplier
    (and how, when not simply ranked first), or why there is none yet. ``names=False`` leaves
    out every supplier but the proposed one (for publication)."""
    from tendereval.award.decision import BASIS_TEXT

    award = result.award.lots.get(lot)
    if award is None:
        return "no valid bid"
    # A tender the evaluation has not reached, or one invalid for an error not yet put right,
    # could still win: the award is not yet made. Nor is any while the award is held back.
    if award.awarded:
        how = "" if award.basis == "ranked_first" else f" ({BASIS_TEXT[award.basis]})"
        waiting, held = _waiting_on(result, lot, "another tender"), result.award.held_back
        if waiting:
            return f"{award.supplier}{how}, not yet: {waiting}"
        return f"{award.supplier}{how}" + (f", {held}" if held else "")
    if award.not_to_award:
        return "not to be awarded" + (f": {award.reasons[-1]}" if names else NOT_TO_AWARD)
    waiting = _waiting_on(result, lot, "a tender")
    if waiting:
        return f"not yet: {waiting}"
    if award.outcome == "undecided":
        if award.tied and award.tied == award.first:
            text = f"{len(award.tied)} tenders tied for first place; the tie is not yet resolved"
            return text + (": " + "; ".join(award.tied) if names else "")
        return "undecided" + (f": {award.reasons[-1]}" if names else " (lot cap)")
    return "no valid bid" if not award.first else "no award: " + award.reasons[-1]


def _waiting_on(result: ScoreResult, lot: str, tender: str) -> str:
    """Why the lot's award waits on a tender that could still win it, in a few words naming
    nobody ("" when it waits on none); ``tender``: how that tender is called ("a tender", or
    "another tender" beside the one proposed)."""
    award = result.award
    if award.not_evaluated(lot):
        return f"the evaluation of {tender} is not complete"
    if award.errors_waited_on(lot):
        return f"{tender} is invalid for an error not yet put right"
    if award.not_moderated(lot):
        return "evaluators' scores far apart are not yet moderated"
    return ""


def counts_by_lot(results: pl.DataFrame) -> pl.DataFrame:
    """Per lot: ranked, disqualified, invalid, withdrawn, SME and VCSE bid counts (a tender
    each: a supplier's other return for the lot, one it replaced, is not one more; the
    in-house comparator is no tender)."""
    return (
        results.filter(
            pl.col("lot").is_not_null() & ~ANOTHER_RETURN & (pl.col("status") != "comparator")
        )
        .group_by("lot")
        .agg(
            (pl.col("status") == "ranked").sum().alias("valid"),
            (pl.col("status") == "disqualified").sum().alias("disqualified"),
            (pl.col("status") == "invalid").sum().alias("invalid"),
            (pl.col("status") == "withdrawn").sum().alias("withdrawn"),
            pl.col("sme").fill_null(False).sum().alias("sme"),
            pl.col("vcse").fill_null(False).sum().alias("vcse"),
        )
    )


def flag_label(code: str) -> str:
    """A flag code in words for a committee: ``abnormally_low.median`` → ``abnormally low
    (median)``; the Flags sheet has the full sentence."""
    head, *rest = code.split(".")
    label = head.replace("_", " ")
    return f"{label} ({', '.join(part.replace('_', ' ') for part in rest)})" if rest else label


def flag_summary(flags: pl.DataFrame) -> dict[str, str]:
    """Per lot, the flags raised in words with their counts: ``abnormally low (median) ×2;
    close call``."""
    if flags.is_empty():
        return {}
    counted = (
        flags.filter(pl.col("lot").is_not_null())
        .with_columns(pl.col("code").map_elements(flag_label, return_dtype=pl.String))
        .group_by("lot", "code")
        .agg(pl.len().alias("n"))
        .sort("lot", "code")
        .with_columns(
            pl.when(pl.col("n") > 1)
            .then(pl.format("{} ×{}", "code", "n"))
            .otherwise(pl.col("code"))
            .alias("text")
        )
        .group_by("lot", maintain_order=True)
        .agg(pl.col("text").str.join("; "))
    )
    return dict(zip(counted["lot"].to_list(), counted["text"].to_list(), strict=True))


# Stamped on a workbook whose result carries no run time, so it still writes the same bytes.
FIXED_TIME = dt.datetime(2000, 1, 1)


RUN_TIME_KEYS = ("scored_at", "run_time", "run_at", "started_at", "time", "timestamp")


def run_time(result: ScoreResult) -> dt.datetime | None:
    """When scoring ran, from its settings (``run_time``/``run_at``/``time``); UTC, naive.
    None when scoring did not record it."""
    for key in RUN_TIME_KEYS:
        value: Any = result.settings.get(key)
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, str):
            try:
                moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
        else:
            continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment.replace(microsecond=0)
    return None


def flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Nested tables and lists as ``key.path = value`` pairs, keys sorted (for the audit)."""
    if isinstance(value, dict):
        pairs: list[tuple[str, Any]] = []
        for key in sorted(value, key=str):
            pairs.extend(flatten(value[key], f"{prefix}.{key}" if prefix else str(key)))
        return pairs
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        pairs = []
        for index, item in enumerate(value):
            pairs.extend(flatten(item, f"{prefix}[{index}]"))
        return pairs
    if isinstance(value, list):
        return [(prefix, ", ".join(str(v) for v in value))]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return [(prefix, value.isoformat())]
    return [(prefix, value)]
