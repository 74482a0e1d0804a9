"""The redacted report for publication (``--public``): the awarded supplier per lot with its
scores, every other bid as "Bidder 2", "Bidder 3"… with scores but no name or price, the bid
counts, and the award criteria. No evaluator names, reasons, prices of other bids or file names.

Bidder labels are given per lot in rank order, so the same label in two lots need not be the
same organisation (which stops a reader piecing together one bidder's bids across lots).
"""

from __future__ import annotations

import polars as pl

from tendereval.award.set_aside import ANOTHER_RETURN
from tendereval.comparison import POINT_DECIMALS, rounded, rounded_expr
from tendereval.report import styles
from tendereval.report.book import Workbook
from tendereval.report.cells import Col, write_table, write_title
from tendereval.report.views import (
    award_text,
    counts_by_lot,
    lot_name,
    overall_minimum,
    price_method_note,
    proposed_bid,
    scale_text,
    stated_weight_text,
)
from tendereval.scoring.price import is_relative
from tendereval.scoring.result import ScoreResult

HEADER_ROW = 4
SUMMARY_COLUMNS = (
    Col("Lot", 8),
    Col("Lot name", 24, wrap=True),
    Col("Awarded supplier", 30, wrap=True),
    Col("Total (points of 100)", 11, styles.TOTAL),
    Col("Price (points)", 10, styles.POINTS),
    Col("Quality (points)", 10, styles.POINTS),
    Col("Social value (points)", 10, styles.POINTS),
    Col("Evaluated price of the awarded tender (£)", 16, styles.MONEY),
    Col("Bids received", 9, styles.COUNT),
    Col("Valid bids", 8, styles.COUNT),
    Col("SME bids", 8, styles.COUNT),
    Col("VCSE bids", 8, styles.COUNT),
)
SCORE_COLUMNS = (
    Col("Lot", 8),
    Col("Bidder", 30, wrap=True),
    Col("Status", 13),
    Col("Rank", 7),
    Col("Price (points)", 10, styles.POINTS),
    Col("Quality (points)", 10, styles.POINTS),
    Col("Social value (points)", 10, styles.POINTS),
    Col("Total (points of 100)", 11, styles.TOTAL),
)
CRITERIA_COLUMNS = (
    Col("Criterion", 12),
    Col("Title", 40, wrap=True),
    Col("Weight (points of 100)", 11, styles.POINTS),
    Col("Weight as stated in the plan", 22, wrap=True),
    Col("How it was scored", 60, wrap=True),
)


def _shown(value: float | None, decimals: int = 2) -> float | None:
    """A published figure as it is shown (2 decimals, a total 4), with no hidden digits in the
    cell."""
    return None if value is None else rounded(value, decimals)


def price_gives_away(result: ScoreResult) -> pl.Expr:
    """Whether a bid's price points, with its published evaluated price, would let a reader
    work out another bid's price. Under a relative formula the points are a function of the
    bid's price and the pool's reference (the lowest price, or lowest price per quality point):
    the awarded tender's points below full marks give the reference away, and that is another
    bid's. Its total does too, less its quality and social value points."""
    if not is_relative(result.plan):
        return pl.lit(False)
    return pl.col("price_score") < result.plan.pillar_weight("price") - 1e-9


def price_alone(result: ScoreResult) -> bool:
    """Whether a bid's total is its price points (nothing else carries weight): then another
    bid's total would give its price away, with the awarded tender's published price."""
    plan = result.plan
    return plan.pillar_weight("quality") + plan.pillar_weight("social_value") == 0


def public_scores(result: ScoreResult) -> pl.DataFrame:
    """Every bid per lot with the winner named and the others labelled, no prices.

    Only the awarded tender shows its points by criterion. Another bid's price points, with the
    awarded tender's published price, would give its price away (under a lowest-price ratio
    the points are price ratios), and its quality points would link its bids across lots; so
    other bids show their rank and total only. The awarded tender's price points and total
    are left out too where they would give the lowest price away (:func:`price_gives_away`),
    and with them any other total level with its total (to the 4 decimals shown: a tie the
    tie-break settled), which would show it all the same; and the other bids' totals where
    price alone carries weight (:func:`price_alone`). Every
    figure is rounded to the decimals shown (2, a total the 4 it is compared in: 85.2000 above
    85.1980, never 85.2 twice), so no hidden digits remain in the cells."""
    frames = []
    others_total = pl.lit(not price_alone(result))
    withheld = price_gives_away(result).fill_null(False)
    for lot, listed in result.results_by_lot().items():
        # The bids received: a supplier's other return for the lot (one it replaced) is not
        # one more, nor named again.
        # The in-house comparator is no bidder: shown as what it is, and not numbered.
        comparator = pl.col("status") == "comparator"
        bids = listed.filter(~ANOTHER_RETURN).with_columns(position=(~comparator).cum_sum())
        # Only the proposed supplier (the award decision's) is named: never one of several
        # tied for first, nor a first-ranked bid the lot cap passes over.
        awarded = pl.col("supplier") == pl.lit(result.award.winner(lot), dtype=pl.String)
        # A total level with the awarded tender's withheld one (the tie-break settled it)
        # would show it all the same.
        shown_total = rounded_expr(pl.col("total"))
        level = shown_total == shown_total.filter(awarded & withheld).first()
        frames.append(
            bids.select(
                "lot",
                pl.when(awarded)
                .then(pl.col("supplier"))
                .when(comparator)
                .then(pl.lit("In-house comparator"))
                .otherwise(pl.format("Bidder {}", pl.col("position")))
                .alias("bidder"),
                pl.col("status").replace_strict(
                    {"ranked": "ranked", "comparator": "comparator (not a tender)"},
                    default="not ranked",
                ),
                "rank",
                pl.when(awarded & ~withheld).then(rounded_expr(pl.col("price_score"), 2)),
                *[
                    pl.when(awarded).then(rounded_expr(pl.col(name), 2)).alias(name)
                    for name in ("quality_score", "social_value_score")
                ],
                pl.when(awarded & ~withheld | ~awarded & others_total & ~level.fill_null(False))
                .then(shown_total)
                .alias("total"),
            )
        )
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames)


def write_public(wb: Workbook, result: ScoreResult) -> None:
    plan = result.plan
    ws = wb.active
    ws.title = "Summary"
    unreadable = result.results.filter(pl.col("lot").is_null()).height
    notes = [
        f"{plan.buyer} · {plan.tender_id} · {plan.regime_name}. Published version: "
        "other bidders are not named and their prices are not shown."
    ]
    if result.award.held_back:  # a draft: the award it shows may yet change
        notes.append(f"The awards shown are {result.award.held_back}.")
    if unreadable:  # received, but for no lot anyone can tell: never silently left out
        notes.append(
            f"{unreadable} further submission(s) could not be read at all and are not counted "
            "in any lot's bids received."
        )
    write_title(ws, f"Award decision — {plan.title or plan.tender_id}", *notes)
    counts = {r["lot"]: r for r in counts_by_lot(result.results).iter_rows(named=True)}
    rows = []
    for lot in result.lot_ids():
        win, n = proposed_bid(result, lot), counts.get(lot, {})
        received = sum(
            n.get(status, 0) for status in ("valid", "disqualified", "invalid", "withdrawn")
        )
        hide = bool(win) and _gives_away(result, win)
        rows.append(
            [
                lot,
                lot_name(plan, lot),
                award_text(result, lot, names=False) if win else _no_award(result, lot),
                None if hide else _shown(win.get("total"), POINT_DECIMALS),
                None if hide else _shown(win.get("price_score")),
                _shown(win.get("quality_score")),
                _shown(win.get("social_value_score")),
                _shown(win.get("evaluated_price")),
                received,
                n.get("valid", 0),
                n.get("sme", 0),
                n.get("vcse", 0),
            ]
        )
    write_table(ws, HEADER_ROW, SUMMARY_COLUMNS, rows)
    styles.freeze_below(ws, HEADER_ROW, first_columns=1)
    styles.print_landscape(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))

    scores = wb.create_sheet("Scores")
    write_title(
        scores,
        "Scores of every bid",
        "Bidder labels are given per lot in rank order; "
        "the same label in two lots need not be the same organisation. Only the awarded "
        "tender's points are shown by criterion: another bid's would give its price away. "
        "For the same reason a blank is left where the awarded tender's price points or total, "
        "with its published price, would give away the lowest price (another bid's), with "
        "any other total level with it, and other bids' totals where price alone carries "
        "weight.",
    )
    table = public_scores(result)
    write_table(scores, HEADER_ROW, SCORE_COLUMNS, table.rows() if table.height else [])
    styles.freeze_below(scores, HEADER_ROW, first_columns=2)
    styles.print_landscape(scores, repeat_rows=(HEADER_ROW, HEADER_ROW))

    criteria = wb.create_sheet("Award criteria")
    write_title(
        criteria,
        "Award criteria and their relative importance",
        *price_method_note(plan),
        *overall_minimum(plan),
    )
    write_table(
        criteria,
        HEADER_ROW,
        CRITERIA_COLUMNS,
        [
            [
                c.id,
                c.title,
                c.effective_weight,
                stated_weight_text(plan, c.id),
                scale_text(plan, c.id),
            ]
            # Every criterion, as the summaries list them: a question's weight "60% of
            # Delivery" names a group, so the group is listed with its own importance.
            for c in plan.walk()
        ],
    )
    styles.freeze_below(criteria, HEADER_ROW)
    styles.print_landscape(criteria, repeat_rows=(HEADER_ROW, HEADER_ROW))


def _gives_away(result: ScoreResult, bid: dict) -> bool:
    """:func:`price_gives_away` for one bid's row."""
    points = pl.DataFrame(
        {"price_score": [bid.get("price_score")]}, schema={"price_score": pl.Float64}
    )
    return bool(points.select(price_gives_away(result).fill_null(False)).item())


def _no_award(result: ScoreResult, lot: str) -> str:
    """A lot with no proposed supplier, in words that name no bidder."""
    award = result.award.lots.get(lot)
    if award is not None and (award.outcome == "undecided" or award.not_to_award):
        return award_text(result, lot, names=False)
    return "no award"
