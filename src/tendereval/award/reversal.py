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
the tender.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from tendereval.award.cap import SEQUENTIAL
from tendereval.award.decision import (
    AWARDED,
    DECIDED_FROM,
    UNDECIDED,
    LotAward,
    Recorded,
    lot_awards,
)
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


# Deciding the award again for each withdrawal is said on a terminal from this many on: a
# lot cap of 1 binding over 12 lots and 25 bidders took nine seconds with nothing shown.
DECIDED_AGAIN_SHOWN_FROM = 50


def rank_reversal(
    result: ScoreResult,
    withdrawals: pl.DataFrame,
    progress: Callable[[str], None] | None = None,
) -> pl.DataFrame:
    """One row per lot awarded and other ranked tender in it (lot, ``removed``), with the
    proposed supplier (``winner_before``), the lot's award were that tender withdrawn
    (``outcome_after``: awarded, undecided or no_award; ``winner_after`` its supplier when
    awarded), whether that differs (``changed``) and, when it does, the flag's ``message``.
    ``withdrawals`` is :func:`tendereval.scoring.sensitivity.withdrawals`; ``progress`` is told
    when the award is to be decided again for many withdrawals."""
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
    if any_withdrawal and progress is not None and len(pairs) >= DECIDED_AGAIN_SHOWN_FROM:
        progress(
            f"Checking whether any of {len(pairs):,} withdrawals would change the award (the "
            "lot cap's combination is found again for each)…"
        )
    rows = []
    for lot, removed in pairs:
        before = winners[lot]
        after_rows = rescored.get((lot, removed))
        if after_rows is None and any_withdrawal:
            after_rows = ranked.filter(
                (pl.col("lot") == lot) & (pl.col("supplier") != removed)
            ).with_columns(rank=pl.col("rank").rank("min").cast(pl.Int64))
        # (None: nobody's score or place moves, so the award stands.)
        after = None if after_rows is None else _award_without(result, bids, lot, after_rows)
        rows.append(_row(lot, removed, before, after, (lot, removed) in rescored))
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


def _award_without(
    result: ScoreResult, bids: pl.DataFrame, lot: str, after_rows: pl.DataFrame
) -> LotAward:
    """``lot``'s award made again with its ranked tenders ``after_rows`` (the other lots'
    ``bids`` as they are). Without a lot cap a lot's award turns on its own ranking alone;
    under one, on every lot's."""
    plan = result.plan
    lot_rows = after_rows.with_columns(status=pl.lit("ranked")).select(RANKED)
    if plan.lot_cap.max_lots_per_supplier is None:
        standing = _Without(plan, lot_rows, (lot,))
    else:
        others = bids.filter(pl.col("lot") != lot)
        standing = _Without(
            plan, pl.concat([others, lot_rows], how="diagonal_relaxed"), tuple(result.lot_ids())
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
