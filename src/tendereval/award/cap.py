"""The lot cap, applied exactly as the plan publishes it (Procurement Act 2023 s.23(4);
PCR 2015 reg 46(4)).

When no supplier is first in more lots than ``max_lots_per_supplier``, the cap changes nothing.
When one is (or could be, depending on an unresolved tie), the plan's ``cap_rule`` decides:

* ``descending_value`` / ``lot_order``: lots are taken one at a time, in descending order of
  estimated value (equal values, and lots without one last, in the plan's order) or in the
  plan's ``cap_lot_order``; each goes to the highest-ranked tender whose supplier does not yet
  hold the cap. A lot whose outcome turns on an earlier undecided lot stays undecided too.
* ``highest_total_score`` / ``lowest_total_cost``: the combination of ranked tenders, at most
  the cap per supplier, with the highest total score (or, awarding as many lots as possible,
  the lowest total evaluated price), in which a lot goes to a lower-ranked tender only when
  every higher-ranked tender's supplier holds the cap. Solved exactly by the optimiser with
  the plan's tie-break; a tie it cannot break leaves the lots it concerns undecided.
* no ``cap_rule`` (the mechanism in words only): the lots of suppliers over the cap stay
  undecided until the buyer records their award in ``decisions.toml``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

import polars as pl

from tendereval.award.decision import (
    AWARDED,
    NO_AWARD,
    UNDECIDED,
    CapOutcome,
    Ladder,
    LotAward,
    Ranking,
    Recorded,
    recorded_text,
)
from tendereval.regimes import terms

if TYPE_CHECKING:
    from tendereval.allocation import Policy
    from tendereval.plan import Plan

SEQUENTIAL = ("descending_value", "lot_order")
OPTIMISED = ("highest_total_score", "lowest_total_cost")


def apply_cap(
    result: Ranking,
    ladders: dict[str, Ladder],
    lots: dict[str, LotAward],
    recorded: Recorded,
) -> tuple[dict[str, LotAward], CapOutcome]:
    """The lots' awards under the plan's lot cap, and how the cap was resolved."""
    spec = result.plan.lot_cap
    limit = spec.max_lots_per_supplier
    if limit is None:
        return lots, CapOutcome()
    wording = spec.mechanism or spec.rule_text()
    first_in = {supplier: held for supplier, held in firsts(lots).items() if len(held) > limit}
    over = tuple(sorted(first_in))
    # The order a sequential rule takes the lots in counts for the margins even where the cap
    # changes no award: a lot taken later never goes to a supplier holding the cap already.
    order = taking_order(result.plan, list(lots)) if spec.rule in SEQUENTIAL else ()
    if not over:
        return holding_the_cap(ladders, lots, limit, order), CapOutcome(limit, spec.rule, wording)
    if spec.rule in SEQUENTIAL:
        lots = sequential(ladders, lots, recorded, limit, order, terms(result.plan.regime).best)
    elif spec.rule in OPTIMISED:
        lots = optimised(result, ladders, lots, recorded, limit, spec.rule)
    else:
        lots = by_hand(ladders, lots, recorded, limit, over)
    first_in_lots = tuple((supplier, first_in[supplier]) for supplier in over)
    return holding_the_cap(ladders, lots, limit, order), CapOutcome(
        limit, spec.rule, wording, True, over, order, first_in_lots
    )


def holding_the_cap(
    ladders: dict[str, Ladder],
    lots: dict[str, LotAward],
    limit: int,
    order: tuple[str, ...],
) -> dict[str, LotAward]:
    """Under a sequential rule (``order``: the lots as it takes them), each awarded lot with
    the other suppliers ranked in it that already hold the cap with the lots taken before it
    (``LotAward.holding_the_cap``; those the cap passed over are named there already).
    Nothing in this lot's ranking changes the awards of the lots taken before it, so the lot
    never goes to them, whatever its scores: the award's margin is measured past them, to the
    next tender the lot would go to. Only lots surely awarded count (a supplier that may yet
    win an undecided lot could still be the next tender: the smaller margin is kept).

    The combination rules, and a mechanism in words only, take no lot before another: were a
    tender whose supplier holds the cap with another lot to overtake the proposed one, the
    combination could give it this lot and the other lot to someone else. There the margin
    stays measured to the next tender ranked below (no lot changes, ``order`` is empty)."""
    held: Counter[str] = Counter()
    out = dict(lots)
    for lot in order:
        award = lots[lot]
        out[lot] = _with_holders(ladders[lot], award, held, limit)
        if award.awarded and award.supplier:
            held[award.supplier] += 1
    return out


def _with_holders(ladder: Ladder, award: LotAward, held: Counter[str], limit: int) -> LotAward:
    if not award.awarded or not any(count >= limit for count in held.values()):
        return award
    holding = tuple(
        supplier
        for place in ladder.places
        for supplier in place
        if held[supplier] >= limit
        and supplier != award.supplier
        and supplier not in award.passed_over
    )
    return replace(award, holding_the_cap=holding) if holding else award


def firsts(lots: dict[str, LotAward]) -> dict[str, tuple[str, ...]]:
    """The lots each supplier is first in, in the lots' order, counting a tied first place as
    a lot the supplier could win (only the lots being awarded are given)."""
    could: dict[str, list[str]] = {}
    for lot, award in lots.items():
        for supplier in (award.supplier,) if award.awarded else award.tied:
            if supplier:
                could.setdefault(supplier, []).append(lot)
    return {supplier: tuple(held) for supplier, held in could.items()}


def taking_order(plan: Plan, lots: list[str]) -> tuple[str, ...]:
    """The order a sequential rule takes the lots in."""
    if plan.lot_cap.rule == "lot_order":
        listed = [lot for lot in plan.lot_cap.lot_order if lot in lots]
        return tuple(listed + [lot for lot in lots if lot not in listed])
    position = {lot: i for i, lot in enumerate(lots)}
    value = {lot.id: lot.estimated_value for lot in plan.lots}
    return tuple(
        sorted(
            lots, key=lambda lot: (value.get(lot) is None, -(value.get(lot) or 0), position[lot])
        )
    )


def _rank_of(ladder: Ladder, place: int) -> int:
    """The rank of a place ("1, 1, 3": the third place is rank 3)."""
    return 1 + sum(len(p) for p in ladder.places[:place])


def holders(suppliers: list[str], limit: int) -> str:
    """Why the cap passes the suppliers' tenders over ("A; B each hold the maximum of 1 lot
    already")."""
    names = "; ".join(suppliers)
    verb = "holds" if len(suppliers) == 1 else "each hold"
    return f"{names} {verb} the maximum of {limit} lot{'s' if limit != 1 else ''} already"


def _passing_over(higher: list[str], place: list[str], low: Counter, limit: int) -> list[str]:
    """Why the lot passes over tenders under the cap: those ranked above the place it goes
    to (``higher``), and those ranked level with it (in ``place``) whose supplier holds the
    cap: a tender tied with the one proposed is not "higher-ranked"."""
    level = [s for s in place if low[s] >= limit]
    parts = [f"higher-ranked tenders: {holders(higher, limit)}"] if higher else []
    if level:
        them = "a tender" if len(level) == 1 else "tenders"
        parts.append(f"{them} ranked level with it: {holders(level, limit)}")
    if not parts:
        return []
    return [f"under the published lot-cap mechanism the lot passes over {'; and '.join(parts)}"]


def sequential(
    ladders: dict[str, Ladder],
    lots: dict[str, LotAward],
    recorded: Recorded,
    limit: int,
    order: tuple[str, ...],
    best: str,
) -> dict[str, LotAward]:
    """Each lot in turn to the highest-ranked tender whose supplier does not yet hold the cap
    (one ranked first alone is the ``best`` tender, as the regime calls it).

    ``low`` and ``high`` count the lots a supplier surely has and could have (an undecided
    earlier lot might be its); a supplier between the two makes the lot undecided too."""
    low: Counter[str] = Counter()
    high: Counter[str] = Counter()
    pending: dict[str, list[str]] = {}
    out = dict(lots)
    for lot in order:
        ladder, name = ladders[lot], lots[lot].name
        award = _take(ladder, name, recorded, limit, low, high, pending, best)
        out[lot] = award
        if award.awarded and award.supplier:
            low[award.supplier] += 1
            high[award.supplier] += 1
        elif award.outcome == UNDECIDED:
            for supplier in _possible(ladder, low, high, limit):
                high[supplier] += 1
                pending.setdefault(supplier, []).append(lot)
    return out


def _possible(ladder: Ladder, low: Counter, high: Counter, limit: int) -> list[str]:
    """Everyone who could end up with an undecided lot: the open suppliers down to the first
    place with a supplier sure to have room."""
    possible = []
    for place in ladder.places:
        open_ = [s for s in place if low[s] < limit]
        possible += open_
        if any(high[s] < limit for s in open_):
            break
    return possible


def _take(
    ladder: Ladder,
    name: str,
    recorded: Recorded,
    limit: int,
    low: Counter,
    high: Counter,
    pending: dict[str, list[str]],
    best: str,
) -> LotAward:
    lot, first = ladder.lot, ladder.first
    passed: list[str] = []
    for index, place in enumerate(ladder.places):
        sure = [s for s in place if high[s] < limit]
        maybe = [s for s in place if low[s] < limit <= high[s]]
        passed += [s for s in place if low[s] >= limit]
        if not sure and not maybe:
            continue
        rank = _rank_of(ladder, index)
        # Which tender is meant is said by the outcome: "the tender ranked 3" alone, before
        # an undecided lot's reasons, named none (and no tender is proposed).
        ranked = f"the tender ranked {rank}"
        passing = _passing_over([s for s in passed if s not in place], place, low, limit)
        common = {
            "tied": tuple(sure + maybe) if len(sure + maybe) > 1 else (),
            "passed_over": tuple(passed),
            "first": first,
        }
        basis = "ranked_first" if not passed else "lot_cap"
        if maybe:
            record = recorded.pick(lot, sure + maybe)
            if record is not None:
                reasons = (ranked, *passing, f"awarded by {recorded_text(record)}")
                return LotAward(lot, name, AWARDED, record.award_to, "recorded", reasons, **common)
            waiting = sorted({w for s in maybe for w in pending.get(s, [])})
            reasons = (
                *passing,
                f"whether {'; '.join(maybe)} (ranked {rank}) still "
                f"{'has' if len(maybe) == 1 else 'have'} room under the cap depends on the "
                f"undecided award of lot {', '.join(waiting)}: decide that first",
            )
            return LotAward(lot, name, UNDECIDED, reasons=reasons, **common)
        if len(sure) == 1:
            if not passed and len(place) == 1:
                ranked = f"the {best}: ranked first"
            return LotAward(lot, name, AWARDED, sure[0], basis, (ranked, *passing), **common)
        record = recorded.pick(lot, sure)
        level = f"{len(sure)} tenders are level at rank {rank} ({'; '.join(sure)})"
        if record is not None:
            reasons = (*passing, f"{level}; awarded by {recorded_text(record)}")
            return LotAward(lot, name, AWARDED, record.award_to, "tie_decision", reasons, **common)
        reasons = (
            *passing,
            f"{level} and the plan's tie-break does not separate them: the tie is not yet "
            "resolved; the buyer decides it and records the decision in decisions.toml",
        )
        return LotAward(lot, name, UNDECIDED, reasons=reasons, **common)
    if not ladder.places:
        return ladder.nothing_to_award(name)
    return LotAward(
        lot,
        name,
        NO_AWARD,
        reasons=(f"every ranked tender's supplier holds the cap: {holders(passed, limit)}",),
        passed_over=tuple(passed),
        first=first,
    )


def by_hand(
    ladders: dict[str, Ladder],
    lots: dict[str, LotAward],
    recorded: Recorded,
    limit: int,
    over: tuple[str, ...],
) -> dict[str, LotAward]:
    """The mechanism is in words only: a lot that a supplier over the cap is (or may be)
    first in waits for the buyer's recorded award."""
    out = dict(lots)
    for lot, award in lots.items():
        involved = (award.supplier,) if award.awarded else award.tied
        heavy = [s for s in involved if s in over]
        if not heavy:
            continue
        ladder = ladders[lot]
        ranked = [s for place in ladder.places for s in place]
        record = recorded.pick(lot, ranked)
        if record is not None:
            above = ranked[: ranked.index(record.award_to)]
            place = next(i for i, p in enumerate(ladder.places) if record.award_to in p)
            out[lot] = LotAward(
                lot,
                award.name,
                AWARDED,
                record.award_to,
                "recorded",
                (
                    f"the tender ranked {_rank_of(ladder, place)}",
                    f"awarded by {recorded_text(record)}",
                ),
                passed_over=tuple(s for s in above if s not in ladder.places[place]),
                first=ladder.first,
            )
            continue
        out[lot] = LotAward(
            lot,
            award.name,
            UNDECIDED,
            reasons=(
                f"{'; '.join(heavy)} {'is' if len(heavy) == 1 else 'are'} first in more lots "
                f"than the plan's cap of {limit}, and the plan gives its lot-cap mechanism in "
                "words only (no cap_rule): decide this lot's award under the published "
                "mechanism and record it in decisions.toml",
            ),
            tied=award.tied,
            first=ladder.first,
        )
    return out


def optimised(
    result: Ranking,
    ladders: dict[str, Ladder],
    lots: dict[str, LotAward],
    recorded: Recorded,
    limit: int,
    rule: str,
) -> dict[str, LotAward]:
    """The best combination under the cap, found exactly by the optimiser."""
    from tendereval.allocation import Policy, allocate
    from tendereval.allocation.from_tender import tie_values_from_scores

    plan = result.plan
    # Only the lots being awarded (a lot the buyer decided not to award is not among them).
    ranked = result.results.filter(
        (pl.col("status") == "ranked") & pl.col("lot").is_in(list(lots))
    ).select(
        "lot",
        "supplier",
        "rank",
        pl.format("{} / {}", "supplier", "lot").alias("offer_id"),
        pl.col("evaluated_price").fill_null(0.0).alias("price"),
        pl.col("total").alias("score"),
        pl.col("quality_score").fill_null(0.0).alias("quality"),
    )
    offers = ranked.select(
        "offer_id",
        "supplier",
        pl.concat_list("lot").alias("lots"),
        "price",
        "score",
        "quality",
        sme=pl.lit(False),
        vcse=pl.lit(False),
    )
    tie_values = tie_values_from_scores(result, offers, recorded.decisions)
    policy = Policy(
        objective="score" if rule == "highest_total_score" else "cost",
        max_lots_per_supplier=limit,
        tie_break="plan",
        plan_tie_break=tuple(plan.tie_break),
        cap_follows_ranking=True,
        lots=tuple(lots),
    )
    answer = allocate(
        offers, policy, solver=None, tie_values=tie_values, explain=False, compare=False
    )
    settled_by_record = _settled_by_record(result, offers, policy, recorded, lots)
    supplier_of = dict(ranked.select("offer_id", "supplier").rows())
    won = dict(answer.winners.select("lot", "supplier").rows()) if answer.solved else {}
    words = {
        "highest_total_score": "the highest total score",
        "lowest_total_cost": "the lowest total evaluated price",
    }[rule]
    out = dict(lots)
    for lot, award in lots.items():
        ladder = ladders[lot]
        if not answer.solved or not answer.ties_checked:
            out[lot] = LotAward(
                lot,
                award.name,
                UNDECIDED,
                reasons=(
                    "the optimiser could not settle the combination of lots under the cap "
                    f"({answer.status}); decide the award and record it in decisions.toml",
                ),
                first=ladder.first,
            )
            continue
        if lot in answer.undecided:
            could = sorted({supplier_of.get(o, "no award") for o in answer.undecided[lot]})
            out[lot] = LotAward(
                lot,
                award.name,
                UNDECIDED,
                reasons=(
                    f"more than one combination of lots gives {words} under the cap, and they "
                    f"award this lot differently ({'; '.join(could)}): the buyer decides and "
                    "records the decision in decisions.toml",
                ),
                tied=tuple(could),
                first=ladder.first,
            )
            continue
        supplier = won.get(lot)
        if supplier is None:
            # Every ranked tender's supplier holds the cap: each is passed over, as the
            # sequential rules say it (the summaries and the score results read this).
            ranked = [s for place in ladder.places for s in place]
            out[lot] = (
                LotAward(
                    lot,
                    award.name,
                    NO_AWARD,
                    reasons=(
                        f"every ranked tender's supplier holds the cap: {holders(ranked, limit)}",
                    ),
                    passed_over=tuple(ranked),
                    first=ladder.first,
                )
                if ranked
                else ladder.nothing_to_award(award.name)
            )
            continue
        place = next(i for i, p in enumerate(ladder.places) if supplier in p)
        # Passed over: every higher-ranked tender, and a tender level with the winner whose
        # supplier holds the cap in the combination (one that does not lost to a recorded
        # decision, not to the cap).
        level_capped = [
            s
            for s in ladder.places[place]
            if s != supplier and sum(w == s for w in won.values()) >= limit
        ]
        passed = tuple(s for p in ladder.places[:place] for s in p) + tuple(level_capped)
        reasons = [
            f"the {terms(plan.regime).best}: ranked first"
            if not passed and len(ladder.places[place]) == 1
            else f"the tender ranked {_rank_of(ladder, place)}"
        ]
        basis = "ranked_first"
        if passed:
            basis = "lot_cap"
            reasons.append(
                f"the published lot-cap mechanism awards the combination of lots with {words}: "
                f"{holders(list(passed), limit)} in that combination"
            )
        tied_here = len(ladder.places[place]) > 1 and recorded.preferred(lot, supplier)
        if tied_here or lot in settled_by_record:
            basis = "tie_decision" if not passed else "recorded"
            record = recorded.decisions.for_lot(lot)
            if record is not None:
                reasons.append(f"awarded by {recorded_text(record)}")
        out[lot] = LotAward(
            lot,
            award.name,
            AWARDED,
            supplier,
            basis,
            tuple(reasons),
            tied=ladder.places[place] if len(ladder.places[place]) > 1 else (),
            passed_over=passed,
            first=ladder.first,
        )
    return out


def _settled_by_record(
    result: Ranking,
    offers: pl.DataFrame,
    policy: Policy,
    recorded: Recorded,
    lots: dict[str, LotAward],
) -> set[str]:
    """The lots the buyer's recorded decisions settled between combinations the rule leaves
    level: those the combination leaves undecided without them. Review red team, session 33:
    two lots, a cap of 1 and two combinations scoring the same, the decisions chose and the
    award followed them, yet each was "not needed, so not applied" (its basis was the
    combination's, ranked_first or lot_cap). Solved again only when a decision names a lot."""
    from tendereval.allocation import allocate
    from tendereval.allocation.from_tender import tie_values_from_scores
    from tendereval.award.recorded import Decisions

    if not any(recorded.decisions.for_lot(lot) for lot in lots):
        return set()
    plain = tie_values_from_scores(result, offers, Decisions())
    without = allocate(offers, policy, solver=None, tie_values=plain, explain=False, compare=False)
    if not without.solved or not without.ties_checked:
        return set()
    return {lot for lot in lots if lot in without.undecided}
