"""The award-stage OCDS release package, built from a scored tender and its award decision.

The package holds one release (tag ``award``) of the contracting process ``ocid``:

* ``tender``: the lots with their estimated values and, where the plan says, whether each suits
  SMEs and VCSEs (``suitability``); every lot's award criteria, each leaf criterion of the plan
  with its type (price, or quality for quality and social value), name, effective weight
  (``percentageExact``) and any disqualifying minimum score (``minimumScore``);
* ``bids.statistics``: the counts per lot (:mod:`tendereval.ocds.bids`);
* ``awards``: one per lot, from the award decision (never decided again here): the proposed
  supplier, the value of its tender, status ``pending`` while the standstill period runs (or
  proceedings against the award suspend the contract: award/suspension.py), the
  standstill period and the date the assessment summaries were sent, when recorded; a lot
  nothing could be awarded in is ``unsuccessful``, as is one the buyer decided not to award (the
  lot itself ``cancelled``); a lot still undecided has no award at all;
* ``parties``: the buyer, and the awarded suppliers with their identifiers, scale and VCSE
  status.

The publishable package names no other bidder and gives no other bid's price or scores, the rule
of the public report. ``internal`` adds ``bids.details``: every bid, its tenderer, evaluated
price, status and reasons, for the buyer's own records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from tendereval.award.decision import AWARDED, NO_AWARD, UNDECIDED, LotAward
from tendereval.award.recorded import Standstill
from tendereval.ocds import bids as bids_mod
from tendereval.ocds.formats import (
    CAP_WORDS,
    LEGAL_BASIS,
    number,
    uk_date,
    uk_day_end,
    uk_day_start,
    utc_stamp,
)
from tendereval.ocds.own_words import criterion_description, criterion_said
from tendereval.ocds.parties import Bidders, Parties, published_text
from tendereval.plan import Criterion, Plan, lot_heading
from tendereval.regimes import terms
from tendereval.scoring.price import discount_text
from tendereval.scoring.result import ScoreResult, one_output
from tendereval.terminal import as_seen
from tendereval.wording import counted, pounds

OCDS_VERSION = "1.1"
EXTENSIONS = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_suitability_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_partyDetails_scale_extension/master/extension.json",
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json",
)
# How the award was arrived at, in words that name nobody (the decision's own reasons may name
# the tied or passed-over bidders, who are not published).
# ({best}: the regime's term for the tender awarded, regimes.Terms.best.)
AWARD_BASIS = {
    "ranked_first": "The {best}: ranked first under the published award criteria.",
    "tie_decision": "Tied for first place under the published award criteria; awarded by the "
    "buyer's recorded decision under the published rules.",
    "lot_cap": "Awarded under the published lot-cap mechanism.",
    "recorded": "Awarded by the buyer's recorded decision under the published lot-cap mechanism.",
}
NOT_AWARDED = "Not awarded: no tender in this lot could be ranked."
CAPPED = "Not awarded: every ranked tender's supplier already holds the most lots the published "
CAPPED += "lot cap allows."
NOT_TO_AWARD = "Not awarded: the contracting authority decided not to award this lot."


@one_output
def release_package(
    result: ScoreResult,
    *,
    ocid: str,
    published_at: dt.datetime,
    internal: bool = False,
    buyer_party: tuple[tuple[str, Any], ...] = (),
) -> dict[str, Any]:
    """The award release package for ``result`` (see the module's description)."""
    plan = result.plan
    stamp = utc_stamp(published_at)
    parties = Parties()
    bidders = Bidders(result.suppliers, result.results)
    buyer = parties.add_buyer(plan.buyer, buyer_party)
    # Every tenderer's id, numbered as in every other output (the bids name them so).
    parties.number_tenderers(bids_mod.tenderer_names(result), bidders)
    bids: dict[str, Any] = {"statistics": bids_mod.statistics(result)}
    bid_ids: dict[tuple[str, str], str] = {}
    if internal:
        bids["details"], bid_ids = bids_mod.details(result, parties, bidders, plan.currency)
    awards = [
        award
        for lot in result.award.lots.values()
        if (award := _award(result, lot, parties, bidders, bid_ids, published_at, internal))
        is not None
    ]
    release = {
        "ocid": ocid,
        "id": f"{ocid}-award-{stamp.replace('-', '').replace(':', '')}",
        "date": stamp,
        "tag": ["award"],
        "initiationType": "tender",
        "language": "en",
        "parties": parties.parties,
        "buyer": buyer,
        "tender": _tender(result),
        "bids": bids,
        "awards": awards,
    }
    publication = plan.publication
    package: dict[str, Any] = {
        "uri": publication.uri or f"urn:tendereval:{release['id']}",
        "version": OCDS_VERSION,
        "extensions": list(EXTENSIONS),
        "publishedDate": stamp,
        "publisher": {"name": published_text(publication.publisher or plan.buyer)},
    }
    if publication.license:
        package["license"] = publication.license
    package["releases"] = [release]
    return _as_seen(package)


def _as_seen(value: Any) -> Any:
    """``value`` with every text in it as a reader outside the evaluation is sent it
    (terminal.as_seen: no control characters, direction overrides or zero-width characters),
    whichever part of the plan, the decision or a bid it came from."""
    if isinstance(value, str):
        return as_seen(value)
    if isinstance(value, dict):
        return {key: _as_seen(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_seen(item) for item in value]
    return value


# ---- The tender: lots and award criteria ---------------------------------------------------


def _tender(result: ScoreResult) -> dict[str, Any]:
    plan = result.plan
    # A lot the buyer decided not to award is cancelled (tenderStatus), not unsuccessful.
    outcomes = {
        lot: "cancelled" if award.not_to_award else award.outcome
        for lot, award in result.award.lots.items()
    }
    criteria = award_criteria(plan)
    lots = []
    for lot in plan.lots:
        entry: dict[str, Any] = {
            "id": lot.id,
            "title": published_text(lot.name),
            "status": _lot_status(outcomes.get(lot.id, NO_AWARD)),
        }
        if lot.estimated_value is not None:
            entry["value"] = {"amount": number(lot.estimated_value, 2), "currency": plan.currency}
        suitability = {
            key: flag
            for key, flag in (("sme", lot.suitable_for_sme), ("vcse", lot.suitable_for_vcse))
            if flag is not None
        }
        if suitability:
            entry["suitability"] = suitability
        entry["awardCriteria"] = criteria
        lots.append(entry)
    tender: dict[str, Any] = {
        "id": plan.tender_id,
        "title": published_text(plan.title or plan.tender_id),
        "status": _tender_status(list(outcomes.values())),
        "awardCriteria": _award_criteria_code(plan),
        "lots": lots,
    }
    if plan.regime in LEGAL_BASIS:
        tender["legalBasis"] = dict(LEGAL_BASIS[plan.regime])
    values = [lot.estimated_value for lot in plan.lots]
    if values and all(v is not None for v in values):
        tender["value"] = {"amount": number(sum(values), 2), "currency": plan.currency}
    cap = plan.lot_cap
    if cap.max_lots_per_supplier is not None:
        tender["lotDetails"] = {"maximumLotsAwardedPerSupplier": cap.max_lots_per_supplier}
        wording = cap.mechanism or cap.rule_text()
        if wording:
            tender["lotDetails"]["awardCriteriaDetails"] = f"{CAP_WORDS}{wording}"
    return tender


def award_criteria(plan: Plan) -> dict[str, Any]:
    """Every leaf criterion of the plan as an OCDS award criterion with its effective weight."""
    from tendereval.report.views import overall_minimum, price_method_note, scale_text

    nodes = {c.id: c for c in plan.walk()}
    criteria = []
    for leaf in plan.leaves:
        numbers: list[dict[str, Any]] = [
            {"number": number(leaf.effective_weight, 6), "weight": "percentageExact"}
        ]
        if leaf.minimum is not None and leaf.disqualify_below_minimum:
            numbers.append({"number": number(leaf.minimum, 6), "threshold": "minimumScore"})
        # The id, pillar and parents in the description's fixed words: no field of the
        # extension holds them, and init --from-notice reads them back (ocds.own_words).
        how = scale_text(plan, leaf.id)
        criteria.append(
            {
                "type": "price" if leaf.pillar == "price" else "quality",
                "name": leaf.title,
                "description": criterion_description(
                    leaf.id, leaf.pillar, _parents(nodes, leaf), how
                ),
                "numbers": numbers,
            }
        )
    text = " ".join(
        [
            "Each criterion's weight is its share of the total score, in points of 100; a "
            "minimum score is on the criterion's own scale.",
            *price_method_note(plan),
            *overall_minimum(plan),
        ]
    )
    return {"criteria": criteria, "description": text}


def criteria_not_read_back(plan: Plan) -> list[str]:
    """A warning for each criterion whose id, pillar and parents its published description
    cannot carry so that init --from-notice reads them back (an id or a parent's title so long
    that the words saying them run past what a notice reader reads of a description): a plan
    made from the notice numbers the criteria afresh, and says so."""
    from tendereval.ocds.notice import DESCRIPTION_LIMIT, description_as_read

    nodes = {c.id: c for c in plan.walk()}
    published = award_criteria(plan)["criteria"]
    warnings = []
    for leaf, criterion in zip(plan.leaves, published, strict=True):
        said = criterion_said(description_as_read(criterion["description"]))
        parents = tuple(_parents(nodes, leaf))
        if said is None or (said.id, said.pillar, said.parents) != (leaf.id, leaf.pillar, parents):
            warnings.append(
                f"criterion {leaf.id[:80]!r}: its id and the titles of the criteria it is part "
                f"of are too long to be read back from its published description (a reader "
                f"reads {DESCRIPTION_LIMIT:,} characters of it), so a plan made from this "
                "notice with init --from-notice numbers the criteria afresh; shorten the id or "
                "those titles to keep them"
            )
    return warnings


def _parents(nodes: dict[str, Criterion], leaf: Criterion) -> list[tuple[str, str]]:
    """The id and title of each criterion ``leaf`` is part of, the nearest first."""
    parents = []
    parent = leaf.parent
    while parent is not None:
        parents.append((parent, nodes[parent].title))
        parent = nodes[parent].parent
    return parents


def _award_criteria_code(plan: Plan) -> str:
    price = plan.pillar_weight("price")
    if plan.price.method == "quality_only" or price == 0:
        return "qualityOnly"
    return "priceOnly" if price >= 100 else "ratedCriteria"


def _tender_status(outcomes: list[str]) -> str:
    """The procurement's status from its lots': ``active`` while a lot is undecided,
    ``cancelled`` when the buyer decided not to award any lot, ``unsuccessful`` when no lot
    could be awarded, else ``complete`` (the tenderStatus codes)."""
    if UNDECIDED in outcomes:
        return "active"
    if outcomes and all(outcome == "cancelled" for outcome in outcomes):
        return "cancelled"
    if outcomes and AWARDED not in outcomes:
        return "unsuccessful"
    return "complete"


def _lot_status(outcome: str) -> str:
    return {AWARDED: "complete", NO_AWARD: "unsuccessful", "cancelled": "cancelled"}.get(
        outcome, "active"
    )


# ---- Awards ----------------------------------------------------------------------------------


def _award(
    result: ScoreResult,
    lot: LotAward,
    parties: Parties,
    bidders: Bidders,
    bid_ids: dict[tuple[str, str], str],
    published_at: dt.datetime,
    internal: bool,
) -> dict[str, Any] | None:
    """The lot's award as the decision states it; None for an undecided lot (never published
    as awarded)."""
    if lot.outcome == UNDECIDED:
        return None
    award: dict[str, Any] = {
        "id": f"{lot.lot}-award",
        "title": published_text(lot_heading(lot.lot, lot.name, ": ")),
        "relatedLots": [lot.lot],
    }
    if lot.outcome != AWARDED or lot.supplier is None:
        award["status"] = "unsuccessful"
        # No tender ranked first: none could be ranked (else a lot cap passed them over).
        award["description"] = (
            NOT_TO_AWARD if lot.not_to_award else NOT_AWARDED if not lot.first else CAPPED
        )
        return award
    standstill = result.award.standstill
    # Proceedings against the award bar the contract (Procurement Act 2023 s.101, PCR 2015 reg
    # 95): pending, even once the standstill is over, while the award decision says so.
    suspended = result.award.suspension(lot.lot, uk_date(published_at)) is not None
    over = standstill_over(standstill, published_at)
    award["status"] = "active" if over and not suspended else "pending"
    basis = AWARD_BASIS.get(lot.basis, AWARD_BASIS["ranked_first"])
    award["description"] = basis.format(best=terms(result.plan.regime).best)
    details = bidders.details(lot.supplier)
    award["suppliers"] = [parties.add_supplier(lot.supplier, details, "supplier", internal)]
    price = _prices(result, lot.lot, lot.supplier)
    if price is not None:
        # The award's value is what the contract pays, never a figure discounted to compare
        # tenders: under npv evaluation that figure is named in the description instead.
        award["value"] = {"amount": number(price.whole_life, 2), "currency": result.plan.currency}
        if result.plan.price.evaluation == "npv" and price.evaluated is not None:
            award["description"] += " " + npv_text(result.plan, price.evaluated)
    if standstill.starts_on or standstill.ends_on:
        period = {}
        if standstill.starts_on:
            period["startDate"] = uk_day_start(standstill.starts_on)
        if standstill.ends_on:
            period["endDate"] = uk_day_end(standstill.ends_on)
        award["standstillPeriod"] = period
    if standstill.summaries_sent_on:
        award["assessmentSummariesDateSent"] = uk_day_start(standstill.summaries_sent_on)
    if internal and (lot.lot, lot.supplier) in bid_ids:
        award["relatedBid"] = bid_ids[(lot.lot, lot.supplier)]
    return award


def standstill_over(standstill: Standstill, published_at: dt.datetime) -> bool:
    """Whether the recorded standstill period ended before the publication day (UK time):
    an award is then published as ``active``, else ``pending``."""
    return standstill.ends_on is not None and uk_date(published_at) > standstill.ends_on


class AwardPrice(NamedTuple):
    """The awarded tender's prices as scoring made them: its ``whole_life`` price (what the
    contract pays: the award's value) and its ``evaluated`` price (what it was compared on)."""

    whole_life: float
    evaluated: float | None


def _prices(result: ScoreResult, lot: str, supplier: str) -> AwardPrice | None:
    import polars as pl

    rows = result.results.filter(
        (pl.col("lot") == lot)
        & (pl.col("supplier") == supplier)
        & pl.col("whole_life_price").is_not_null()
    )
    if rows.is_empty():
        return None
    first = rows.row(0, named=True)
    return AwardPrice(first["whole_life_price"], first["evaluated_price"])


def npv_text(plan: Plan, evaluated: float) -> str:
    """What the award's description adds under npv evaluation: the net present value the
    tender was evaluated on, as the value given is its whole-life price undiscounted."""
    return (
        f"The tender was evaluated on its net present value, {pounds(number(evaluated, 2))}: "
        f"its yearly payments over {counted(plan.contract_years, 'contract year')} "
        f"{discount_text(plan)}. The value given is its whole-life price, the same payments "
        "undiscounted."
    )
