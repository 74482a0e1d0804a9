"""Rank reversal: would another tender's withdrawal change a lot's award?

For each lot awarded and each other ranked tender in it, the award is made again on the tender
as it would stand without that tender, by the very rules the award was made by
(:func:`decision.lot_awards`: the ranking, the plan's tie-break, its lot cap and the cap's
published mechanism, the buyer's recorded decisions), and compared with the award. So a lot
cap that passes a lot over the tender ranked first is measured as the award applies it, and a
withdrawal that would leave a tie the plan's rules do not break leaves the lot undecided, as
the award would: no supplier is named by its place in a list.

Scoring gives the lot's bids re-scored without each tender whose withdrawal moves the others'
scores (:func:`tendereval.scoring.sensitivity.withdrawals`: the lowest price, or the best social
value offer under a relative formula). Any other withdrawal leaves every other score and the
order as they were: the award of the lot cannot change unless a lot cap applied by a
combination rule (or by the buyer's hand) binds, where giving one lot differently can move
the best combination. Only then is each such withdrawal decided too, on the ranking without
the tender, unless the award is sure to stand (:func:`_stands_without`): under the highest
total score, a tender below first place and below the award's own place in a lot whose award
every lot's decision settles is only an alternative the combination did not take; under the
lowest total cost, one below first place whose withdrawal opens no combination as cheap as
the award's that gives its lot to another tender (bounded by the lowest prices, then settled
exactly by :mod:`tendereval.award.cheaper_combination`, one small program a lot).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from tendereval.award.cap import SEQUENTIAL
from tendereval.award.cheaper_combination import could_open
from tendereval.award.decision import (
    AWARDED,
    DECIDED_FROM,
    UNDECIDED,
    LotAward,
    Recorded,
    lot_awards,
)
from tendereval.comparison import pence
from tendereval.wording import listed

if TYPE_CHECKING:
    from tendereval.plan import Plan
    from tendereval.scoring.result import ScoreResult

# The columns of a lot's ranked tenders the award is made from (a lot with none ranked reads
# the reasons of its others too: decision.DECIDED_FROM).
RANKED = (
    "lot",
    "supplier",
    "status",
    "rank",
    "total",
    "evaluated_price",
    "quality_score",
    "social_value_score",
)
SCHEMA = {
    "lot": pl.String,
    "removed": pl.String,
    "winner_before": pl.String,
    "winner_after": pl.String,
    "outcome_after": pl.String,
    "changed": pl.Boolean,
    "message": pl.String,
}


@dataclass(frozen=True)
class _Without:
    """The tender as it would stand without one tender: what the award is made from
    (:class:`decision.Ranking`)."""

    plan: Plan
    results: pl.DataFrame
    lots: tuple[str, ...]

    def lot_ids(self) -> list[str]:
        return list(self.lots)


# Deciding the award again for each withdrawal is said on a terminal from this many on: each
# finds the cap's combination again, a few tenths of a second (a lot cap of 1 binding over 12
# lots and 25 bidders took nine seconds with nothing shown; those that cannot move the award
# are no longer decided again, _stands_without, so under a combination rule mostly those that
# re-score their lot are).
DECIDED_AGAIN_SHOWN_FROM = 50


def rank_reversal(
    result: ScoreResult,
    withdrawals: pl.DataFrame,
    progress: Callable[[str], None] | None = None,
    *,
    every_withdrawal: bool = False,
) -> pl.DataFrame:
    """One row per lot awarded and other ranked tender in it (lot, ``removed``), with the
    proposed supplier (``winner_before``), the lot's award were that tender withdrawn
    (``outcome_after``: awarded, undecided or no_award; ``winner_after`` its supplier when
    awarded), whether that differs (``changed``) and, when it does, the flag's ``message``.
    ``withdrawals`` is :func:`tendereval.scoring.sensitivity.withdrawals`; ``progress`` is told
    when the award is to be decided again for many withdrawals. ``every_withdrawal`` decides
    the award again even where it is sure to stand (the tests compare the two)."""
    award = result.award
    winners = {lot: a.supplier for lot, a in award.lots.items() if a.awarded and a.supplier}
    bids = result.results.select(c for c in DECIDED_FROM if c in result.results.columns)
    ranked = bids.filter(pl.col("status") == "ranked").select(RANKED)
    rescored = withdrawals.partition_by("lot", "removed", as_dict=True, maintain_order=True)
    spec = result.plan.lot_cap
    # A cap applied by a combination rule (or by hand) can give other lots differently
    # when any tender is withdrawn; the sequential rules pass over the same tenders.
    any_withdrawal = award.cap.binds and spec.rule not in SEQUENTIAL
    # (The award's own tender withdrawing is not a reversal.)
    pairs = [
        (lot, removed)
        for lot, removed in ranked.filter(pl.col("lot").is_in(list(winners)))
        .select("lot", "supplier")
        .sort("lot", "supplier")
        .iter_rows()
        if removed != winners[lot]
    ]
    stands = (
        _stands_without(result, ranked)
        if any_withdrawal and not every_withdrawal
        else lambda lot, removed: False
    )
    # The withdrawals the award is decided again for: each that re-scores its lot, and under
    # a binding combination rule each other that could move it.
    again = {pair for pair in pairs if pair in rescored or (any_withdrawal and not stands(*pair))}
    if any_withdrawal and progress is not None and len(again) >= DECIDED_AGAIN_SHOWN_FROM:
        progress(
            f"Checking whether any of {len(again):,} withdrawals would change the award (the "
            "lot cap's combination is found again for each)…"
        )
    rows = []
    lots = tuple(result.lot_ids())
    for lot, removed in pairs:
        before = winners[lot]
        after_rows = rescored.get((lot, removed))
        if after_rows is None and (lot, removed) in again:
            after_rows = (
                ranked.lazy()
                .filter((pl.col("lot") == lot) & (pl.col("supplier") != removed))
                .with_columns(rank=pl.col("rank").rank("min").cast(pl.Int64))
            )
        # (None: nobody's score or place moves, or the award surely stands.)
        after = None if after_rows is None else _award_without(result, bids, lots, lot, after_rows)
        rows.append(_row(lot, removed, before, after, (lot, removed) in rescored))
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


def _stands_without(result: ScoreResult, ranked: pl.DataFrame) -> Callable[[str, str], bool]:
    """Whether a withdrawal that rescores nobody surely leaves its lot's award as it is, so the
    award need not be decided again for it (lot, the supplier withdrawing). Only where nothing
    else can move it: every lot's award decided (no tie left to the buyer, which a withdrawal
    could settle) and no recorded decision (the tie-break counts them). Checked against
    deciding the award again on random tenders (tests/award/test_reversal_shortcut.py).

    (Benchmark homecare, 12 lots, a cap of 1: each decision took 0.4 s, 54 of them for 10
    suppliers, 20 suppliers 109 s, 60 suppliers over two minutes.)"""
    award, spec = result.award, result.plan.lot_cap
    if award.undecided or result.decisions.standing_awards or award.decisions.standing_awards:
        return _never
    if spec.rule == "highest_total_score":
        return _below_the_combination(result, ranked)
    if spec.rule == "lowest_total_cost":
        return _no_cheaper_combination(result, ranked)
    return _never


def _never(lot: str, removed: str) -> bool:
    return False


def _below_the_combination(result: ScoreResult, ranked: pl.DataFrame) -> Callable[[str, str], bool]:
    """Under the highest total score (the combination's total is the sum of the lots' totals,
    and a lot goes lower only past suppliers holding the cap), a tender ranked below first
    place and not at the award's own place is an alternative the best combination did not
    take: its withdrawal leaves every first place (so whether the cap binds), every other
    tender's score and their order, and the combination stays the best."""
    award = result.award
    rank = {
        (lot, supplier): r
        for lot, supplier, r in ranked.select("lot", "supplier", "rank").iter_rows()
    }

    def stands(lot: str, removed: str) -> bool:
        winner = award.lots[lot].supplier
        place = rank.get((lot, removed))
        won_at = rank.get((lot, winner)) if winner else None
        return place is not None and won_at is not None and place > 1 and place != won_at

    return stands


def _no_cheaper_combination(
    result: ScoreResult, ranked: pl.DataFrame
) -> Callable[[str, str], bool]:
    """Under the lowest total cost (the most lots awarded, then the lowest total evaluated
    price in whole pence, as cap.optimised asks the optimiser), a tender's place says nothing
    of its price, and its withdrawal lifts the rule that its lot passes below it only when its
    supplier holds the cap: a cheaper combination can open up (lot A to X, Y ranked below X
    withdraws: A can go to Z, ranked below Y and cheaper, while Y holds no lot, freeing X for
    another lot). Every combination that opens gives the lot to a tender ranked below the one
    withdrawing; every other was open before, and the award's is still open and still the
    best of them. So the award stands when the withdrawing tender is below first place (every
    first place, so whether the cap binds, stays as it is), the award gives as many lots as
    any combination could (one a lot, each supplier at most the cap and the lots it bid for),
    and no combination the withdrawal opens, giving the lot to another tender, is as cheap as
    the award's. First by the lowest prices: every tender ranked below the one withdrawing,
    with the lowest price in each of the cheapest other lots the award's number needs, comes
    to more pence than the award's total. The rest are weighed exactly, with every rule of the
    cap (:func:`cheaper_combination.could_open`): on 12 lots, 20 suppliers and a cap of 1
    (benchmarks/bench_reversal.py), the lowest prices left it 171 of 228 withdrawals and it
    settled all but one, the one that changes the award."""
    award = result.award
    if result.decisions.no_awards:  # (lots out of the combination: decided again)
        return _never
    limit = result.plan.lot_cap.max_lots_per_supplier or 0
    priced = ranked.filter(pl.col("lot").is_in(list(award.lots))).with_columns(
        pence=pence(pl.col("evaluated_price").fill_null(0.0))
    )
    won = {lot: a.supplier for lot, a in award.lots.items() if a.awarded and a.supplier}
    winners = set(won.items())
    awarded = len(winners)
    could = min(
        priced["lot"].n_unique(),
        priced.group_by("supplier").agg(n=pl.col("lot").n_unique())["n"].clip(0, limit).sum(),
    )
    if awarded < could:
        return _never
    prices = [
        p
        for lot, supplier, p in priced.select("lot", "supplier", "pence").iter_rows()
        if (lot, supplier) in winners
    ]
    if len(prices) != awarded:  # (a tender awarded that is not ranked: no total to bound)
        return _never
    cost = sum(prices)
    # The lowest price in each lot, cheapest first: a combination giving ``awarded`` lots,
    # one of them to a tender below the one withdrawing, costs at least that tender's price
    # and the lowest prices of the cheapest other lots it needs.
    lowest = priced.group_by("lot").agg(pl.col("pence").min()).sort("pence")
    cheapest = dict(lowest.iter_rows())
    needed = lowest["pence"].head(awarded).to_list()
    below = (
        priced.group_by("lot", "rank")
        .agg(pl.col("pence").min())
        .sort("lot", "rank", descending=[False, True])
        .with_columns(below=pl.col("pence").cum_min().shift(1).over("lot"))
    )
    cannot = set()
    for lot, place, price in below.select("lot", "rank", "below").iter_rows():
        # (None: no tender below it, so no combination opens.)
        others = _without_one(needed, cheapest[lot], awarded)
        if price is None or price + others > cost:
            cannot.add((lot, place))
    rank = {
        (lot, supplier): r
        for lot, supplier, r in ranked.select("lot", "supplier", "rank").iter_rows()
    }
    # The rest are weighed exactly, every rule of the cap with them (cheaper_combination).
    left: dict[str, list[str]] = {}
    for (lot, supplier), place in rank.items():
        if lot in won and supplier != won[lot] and place > 1 and (lot, place) not in cannot:
            left.setdefault(lot, []).append(supplier)
    opened = could_open(priced, won, left, limit, cost, awarded) if left else set()

    def stands(lot: str, removed: str) -> bool:
        place = rank.get((lot, removed))
        return place is not None and place > 1 and (lot, removed) not in opened

    return stands


def _without_one(needed: list[float], own: float, awarded: int) -> float:
    """The lowest prices of the cheapest ``awarded`` - 1 lots other than one whose lowest
    price is ``own`` (``needed``: the cheapest ``awarded`` lots' lowest prices, in order)."""
    if own in needed:
        return sum(needed) - own
    return sum(needed[: awarded - 1])


def _award_without(
    result: ScoreResult,
    bids: pl.DataFrame,
    lots: tuple[str, ...],
    lot: str,
    after_rows: pl.DataFrame | pl.LazyFrame,
) -> LotAward:
    """``lot``'s award made again with its ranked tenders ``after_rows`` (the other lots'
    ``bids`` as they are; ``lots`` every lot, in order). Without a lot cap a lot's award turns
    on its own ranking alone; under one, on every lot's. (The frame is made in one query: this
    runs for each withdrawal that could move the award.)"""
    plan = result.plan
    lot_rows = after_rows.lazy().with_columns(status=pl.lit("ranked")).select(RANKED)
    if plan.lot_cap.max_lots_per_supplier is None:
        standing = _Without(plan, lot_rows.collect(), (lot,))
    else:
        others = bids.lazy().filter(pl.col("lot") != lot)
        standing = _Without(
            plan, pl.concat([others, lot_rows], how="diagonal_relaxed").collect(), lots
        )
    lots, _ = lot_awards(standing, Recorded(result.decisions))
    return lots[lot]


def _row(
    lot: str, removed: str, before: str, after: LotAward | None, rescored: bool
) -> tuple[object, ...]:
    if after is None or (after.awarded and after.supplier == before):
        return (lot, removed, before, before, AWARDED, False, None)
    why = (
        "the price or social value formula compares bids with each other"
        if rescored
        else "the published lot-cap mechanism would then give the lots differently"
    )
    if after.awarded:
        message = (
            f"if {removed} withdrew, the winner would change from {before} to "
            f"{after.supplier} ({why})"
        )
    elif after.outcome == UNDECIDED:
        level = f"{listed(list(after.tied))} would be level and " if after.tied else ""
        message = (
            f"if {removed} withdrew, the lot would be undecided instead of going to {before}: "
            f"{level}the plan's rules would not settle it ({why})"
        )
    else:
        message = (
            f"if {removed} withdrew, the lot would have no award instead of going to "
            f"{before} ({why})"
        )
    winner = after.supplier if after.awarded else None
    return (lot, removed, before, winner, after.outcome, True, message)


def reversal_flags(reversal: pl.DataFrame) -> pl.DataFrame:
    """A ``rank_reversal`` flag on the proposed tender for every withdrawal that would change
    the lot's award (lot, supplier, code, message, severity, where)."""
    return reversal.filter(pl.col("changed")).select(
        "lot",
        supplier=pl.col("winner_before"),
        code=pl.lit("rank_reversal"),
        message="message",
        severity=pl.lit("warning"),
        where=pl.lit(None, pl.String),
    )
