"""The Ranking sheet: every bid per lot with live formulas an officer can use for a what-if.

Per ranked bid the sheet holds, as values, the share of each pillar's marks the bid earned
(:meth:`ScoreResult.pillar_shares`: a pillar weighted 0 included). The pillar weights sit
in yellow cells above their columns; each weighted component is ``share × weight``, the
total is their sum and the rank comes from the totals within the lot. Edit a weight and
Excel recomputes totals and ranks. The values scoring computed are stored as the formulas'
cached results, so the file shows the right numbers even in a viewer that does not
recalculate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from tendereval.comparison import POINT_DECIMALS, points_units
from tendereval.plan import Plan
from tendereval.report import styles
from tendereval.report.book import Worksheet, column_letter
from tendereval.report.cells import Col, put, put_formula, write_table, write_title
from tendereval.report.views import PILLAR_LABELS, SCORE_COLUMNS, flag_label, pillar_weights
from tendereval.scoring import price, shares
from tendereval.scoring.result import ScoreResult

SHEET = "Ranking"
WEIGHT_ROW = 3
HEADER_ROW = 4
PILLARS = ("price", "quality", "social_value")
SHARE_COL = {"price": 4, "quality": 5, "social_value": 6}  # D, E, F
POINTS_COL = {"price": 7, "quality": 8, "social_value": 9}  # G, H, I
TOTAL_COL = 10  # J
RANK_COL = 11  # K
NOT_RANKED = "not ranked"
COLUMNS = (
    Col("Lot", 8),
    Col("Supplier", 32),
    Col("Status", 13),
    Col("Price: share of marks", 12, styles.SHARE_OF_MARKS),
    Col("Quality: share of marks", 12, styles.SHARE_OF_MARKS),
    Col("Social value: share of marks", 12, styles.SHARE_OF_MARKS),
    Col("Price (points)", 11, styles.POINTS),
    Col("Quality (points)", 11, styles.POINTS),
    Col("Social value (points)", 11, styles.POINTS),
    Col("Total (points)", 11, styles.TOTAL),
    Col("Rank by total (live)", 10),
    Col("Rank (plan tie-break)", 10),
    Col("Margin to next (points)", 11, styles.MARGIN),
    Col("Evaluated price (£)", 15, styles.MONEY),
    Col("Flags and reasons", 48, wrap=True),
)


@dataclass
class RankingLayout:
    """Where things landed: cached formula results and each lot's ranked rows (for charts)."""

    cached: dict[str, float] = field(default_factory=dict)
    lot_rows: dict[str, tuple[int, int]] = field(default_factory=dict)


def _price_share_text(plan: Plan) -> str:
    """What the what-if does with the price shares, true of the plan's price method."""
    if not price.shares_move_with_weights(plan):
        return (
            "Price shares are relative to the other bids and do not change when a weight "
            "changes; only their weighting does."
        )
    # Price per quality point and award on value score the price against the quality and
    # social value points: the share is held as scored, so a changed weight gives totals the
    # method would not.
    return (
        f"Under {price.method(plan).title.lower()} a bid's price share uses its quality and "
        "social value points, so it moves when those weights change; here it stays as scored "
        "under the approved weights, so the live points and totals are approximate (edit the "
        "plan and score again for exact figures)."
    )


def _tie_break_text(plan: Plan) -> str:
    """How the tool's rank treats equal totals, in the plan's tie-break's words."""
    if not plan.tie_break:
        return (
            "the plan has no tie-break, so the tool's rank leaves equal totals for the buyer "
            "to decide."
        )
    return f"the tool's rank breaks ties by the plan's rule ({plan.tie_break_text()})."


def _unshared_text(plan: Plan) -> str:
    """What the sheet says of a pillar weighted 0 whose marks the plan does not share out
    between its criteria, when it has one: its shares are blank."""
    unshared = [
        PILLAR_LABELS[p].lower()
        for p in PILLARS
        if plan.pillar_weight(p) == 0
        and any(c.pillar == p for c in plan.leaves)
        and shares.within_pillar(plan, p) is None
    ]
    if not unshared:
        return ""
    return (
        f" The plan weights {' and '.join(unshared)} 0 and does not say how "
        f"{'their' if len(unshared) > 1 else 'its'} marks would be shared between "
        f"{'their' if len(unshared) > 1 else 'its'} criteria, so no share is shown there "
        "and a weight typed above it gives no points (weight it in the plan and score again)."
    )


def _unranked_text(result: ScoreResult) -> str:
    """What the sheet says of bids scored but not ranked (disqualified, the in-house
    comparator, or withdrawn after scoring), when it has any."""
    unranked = result.results.filter(
        (pl.col("status") != "ranked") & pl.col("total").is_not_null()
    ).height
    if not unranked:
        return ""
    return (
        " A bid scored but not ranked (disqualified, or the in-house comparator, which is "
        "not a tender) shows the points and total it was "
        "scored, marked not ranked: it takes no part in the ranking, and a what-if leaves "
        "its figures as they are."
    )


def write_ranking(ws: Worksheet, result: ScoreResult) -> RankingLayout:
    """Fill the Ranking sheet; returns the cached values for its formula cells."""
    weights = pillar_weights(result.plan)
    write_title(
        ws,
        f"Ranking — {result.plan.title or result.plan.tender_id}",
        "What-if: change a yellow weight in row 3 and the points, totals and live ranks "
        f"recompute. {_price_share_text(result.plan)} The live rank shows equal totals as "
        f"equal; {_tie_break_text(result.plan)}"
        + _unshared_text(result.plan)
        + _unranked_text(result),
    )
    layout = RankingLayout()
    put(ws.cell(row=WEIGHT_ROW, column=1), "Weights (points of 100) — change to test a what-if")
    ws.cell(row=WEIGHT_ROW, column=1).font = styles.LABEL_FONT
    for pillar in PILLARS:
        cell = ws.cell(row=WEIGHT_ROW, column=POINTS_COL[pillar])
        put(cell, weights[pillar], styles.POINTS)
        cell.fill = styles.INPUT_FILL
    first, last = _letter(POINTS_COL["price"]), _letter(POINTS_COL["social_value"])
    total_weight = ws.cell(row=WEIGHT_ROW, column=TOTAL_COL)
    put_formula(total_weight, f"=SUM({first}{WEIGHT_ROW}:{last}{WEIGHT_ROW})", styles.POINTS)
    layout.cached[total_weight.coordinate] = sum(weights[p] for p in PILLARS)

    write_table(ws, HEADER_ROW, COLUMNS, [])
    row = HEADER_ROW + 1
    shares = result.pillar_shares().rename({p: f"_share_{p}" for p in PILLARS})
    for lot, bids in result.results_by_lot().items():
        bids = bids.join(shares, on=["lot", "supplier"], how="left", maintain_order="left")
        row = _write_lot(ws, lot, bids, row, layout)
    last_row = row - 1

    styles.freeze_below(ws, HEADER_ROW, first_columns=2)
    styles.print_landscape(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))
    if last_row > HEADER_ROW:
        rank = _letter(RANK_COL)
        styles.highlight_equal(ws, f"{rank}{HEADER_ROW + 1}:{rank}{last_row}", 1, styles.GOOD_FILL)
        styles.highlight_when(
            ws,
            f"C{HEADER_ROW + 1}:C{last_row}",
            f'AND(LEN($C{HEADER_ROW + 1})>0,$C{HEADER_ROW + 1}<>"ranked")',
            styles.WARN_FILL,
        )
        styles.highlight_flagged_rows(ws, HEADER_ROW + 1, last_row, len(COLUMNS), len(COLUMNS))
    return layout


def _write_lot(
    ws: Worksheet,
    lot: str,
    bids: pl.DataFrame,
    row: int,
    layout: RankingLayout,
) -> int:
    """Write one lot's bids (as :meth:`ScoreResult.lot_results` gives them, with each
    pillar's share from :meth:`ScoreResult.pillar_shares`) from ``row``; returns the row
    after them."""
    # Totals in the units the ranking compares them in (4 decimals), so totals the tool calls
    # equal are ranked equal here too, whatever their last binary digits. (Split in Python: a
    # filter per status was two more polars calls a lot.)
    rows = bids.with_columns(
        points_units(pl.col("total").fill_null(0.0)).alias("_units")
    ).iter_rows(named=True)
    ranked, others = [], []
    for bid in rows:
        (ranked if bid["status"] == "ranked" else others).append(bid)
    first, last = row, row + len(ranked) - 1
    units = [bid["_units"] for bid in ranked]
    total_letter = _letter(TOTAL_COL)
    for offset, bid in enumerate(ranked):
        r = first + offset
        _bid_cells(ws, r, lot, bid)
        for pillar in PILLARS:
            points = float(bid[SCORE_COLUMNS[pillar]] or 0.0)
            # The share of the pillar's marks the bid earned, a pillar weighted 0 included
            # (its points are 0, its share is not): share × a weight typed in is then the
            # points that weight gives. Blank where the plan does not say how a pillar
            # weighted 0 is shared between its criteria.
            put(
                ws.cell(row=r, column=SHARE_COL[pillar]),
                bid[f"_share_{pillar}"],
                styles.SHARE_OF_MARKS,
            )
            cell = ws.cell(row=r, column=POINTS_COL[pillar])
            share = _letter(SHARE_COL[pillar])
            weight_cell = f"{_letter(POINTS_COL[pillar])}${WEIGHT_ROW}"
            put_formula(cell, f"={share}{r}*{weight_cell}", styles.POINTS)
            layout.cached[cell.coordinate] = points
        total = ws.cell(row=r, column=TOTAL_COL)
        put_formula(
            total,
            f"=SUM({_letter(POINTS_COL['price'])}{r}:{_letter(POINTS_COL['social_value'])}{r})",
            styles.TOTAL,
        )
        layout.cached[total.coordinate] = float(bid["total"] or 0.0)
        rank = ws.cell(row=r, column=RANK_COL)
        # RANK() would compare the exact sums, and call 94 higher than 93.99999999999999.
        lot_totals = f"${total_letter}${first}:${total_letter}${last}"
        put_formula(
            rank,
            f"=1+SUMPRODUCT(--(ROUND({lot_totals},{POINT_DECIMALS})"
            f">ROUND({total_letter}{r},{POINT_DECIMALS})))",
        )
        # One more than the number of strictly higher totals in the lot.
        layout.cached[rank.coordinate] = 1 + sum(u > units[offset] for u in units)
    if ranked:
        layout.lot_rows[lot] = (first, last)
    row = last + 1
    for bid in others:
        _bid_cells(ws, row, lot, bid)
        _unranked_points(ws, row, bid)
        row += 1
    return row


def _unranked_points(ws: Worksheet, r: int, bid: dict) -> None:
    """A bid not ranked (disqualified, or withdrawn) keeps the points and total it was
    scored, as the terminal, the JSON and the public report give them: as values, not live
    formulas (it takes no part in the ranking, so a what-if does not move it), and its rank
    says it is not ranked. A bid with no total (invalid) shows none."""
    if bid["total"] is None:
        return
    for pillar in PILLARS:
        put(ws.cell(row=r, column=POINTS_COL[pillar]), bid[SCORE_COLUMNS[pillar]], styles.POINTS)
    put(ws.cell(row=r, column=TOTAL_COL), bid["total"], styles.TOTAL)
    put(ws.cell(row=r, column=RANK_COL), NOT_RANKED)
    put(ws.cell(row=r, column=RANK_COL + 1), NOT_RANKED)


def _bid_cells(ws: Worksheet, r: int, lot: str, bid: dict) -> None:
    put(ws.cell(row=r, column=1), lot)
    put(ws.cell(row=r, column=2), bid["supplier"])
    put(ws.cell(row=r, column=3), bid["status"])
    put(ws.cell(row=r, column=12), bid["rank"])
    put(ws.cell(row=r, column=13), bid["margin_to_next"], styles.MARGIN)
    put(ws.cell(row=r, column=14), bid["evaluated_price"], styles.MONEY)
    notes = [*(bid["reasons"] or []), *(flag_label(code) for code in bid["flags"] or [])]
    put(ws.cell(row=r, column=15), "; ".join(notes) if notes else None)
    ws.cell(row=r, column=15).alignment = styles.WRAP


def _letter(col: int) -> str:
    return column_letter(col)
