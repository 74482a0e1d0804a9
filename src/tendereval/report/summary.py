"""The Summary sheet: the recommendation per lot, the bid counts, and a chart per lot of each
bidder's weighted price, quality and social value points."""

from __future__ import annotations

import polars as pl

from tendereval.regimes import terms
from tendereval.report import styles
from tendereval.report.book import Chart, Series, Worksheet, cell_range
from tendereval.report.cells import Col, write_heading, write_table, write_title
from tendereval.report.ranking import POINTS_COL, RankingLayout
from tendereval.report.views import (
    award_text,
    counts_by_lot,
    flag_summary,
    leaders,
    lot_name,
    proposed_bid,
)
from tendereval.scoring.result import ScoreResult
from tendereval.wording import counted

SHEET = "Summary"
HEADER_ROW = 4
CHART_BIDDERS = 15  # bars per chart; more would be unreadable on a page
CHART_ROWS = 22  # sheet rows each chart occupies
COLUMNS = (
    Col("Lot", 8),
    Col("Lot name", 24, wrap=True),
    Col("Recommended supplier", 30, wrap=True),
    Col("Total (points of 100)", 11, styles.TOTAL),
    Col("Price (points)", 10, styles.POINTS),
    Col("Quality (points)", 10, styles.POINTS),
    Col("Social value (points)", 10, styles.POINTS),
    Col("Evaluated price (£)", 15, styles.MONEY),
    Col("Margin to runner-up (points)", 11, styles.MARGIN),
    Col("Valid bids", 8, styles.COUNT),
    Col("Disqualified bids", 11, styles.COUNT),
    Col("Invalid bids", 8, styles.COUNT),
    Col("Withdrawn bids", 9, styles.COUNT),
    Col("SME bids (reported, not scored)", 11, styles.COUNT),
    Col("VCSE bids (reported, not scored)", 11, styles.COUNT),
    Col("Flags", 36, wrap=True),
    Col("How the award was decided", 48, wrap=True),
)


def summary_rows(result: ScoreResult) -> list[list[object]]:
    """One row per lot in plan order, matching :data:`COLUMNS`."""
    counts = {row["lot"]: row for row in counts_by_lot(result.results).iter_rows(named=True)}
    first = leaders(result.results)
    flags = flag_summary(result.flags)
    award = result.award
    margins = award.margins(result.results)
    rows: list[list[object]] = []
    for lot in result.lot_ids():
        tied = first.get(lot, [])
        # Undecided between tied bids: they share the total; their pillar scores and prices
        # are theirs alone.
        win = proposed_bid(result, lot) or ({"total": tied[0]["total"]} if len(tied) > 1 else {})
        n = counts.get(lot, {})
        rows.append(
            [
                lot,
                lot_name(result.plan, lot),
                award_text(result, lot),
                win.get("total"),
                win.get("price_score"),
                win.get("quality_score"),
                win.get("social_value_score"),
                win.get("evaluated_price"),
                margins.get(lot),
                n.get("valid", 0),
                n.get("disqualified", 0),
                n.get("invalid", 0),
                n.get("withdrawn", 0),
                n.get("sme", 0),
                n.get("vcse", 0),
                flags.get(lot),
                "; ".join(
                    [
                        *award.lots[lot].reasons,
                        *(why for _, why in award.waiting(lot)),
                        *(why for _, why in award.not_waited_on(lot)),
                    ]
                )
                if lot in award.lots
                else None,
            ]
        )
    return rows


def write_summary(
    ws: Worksheet, result: ScoreResult, ranking: Worksheet, layout: RankingLayout
) -> None:
    plan = result.plan
    unreadable = result.results.filter(pl.col("lot").is_null()).height
    notes = [
        f"{plan.buyer} · {plan.tender_id} · {plan.regime_name}. The recommended supplier is the "
        f"{terms(plan.regime).best} under the approved plan (or the tender the plan's lot-cap "
        "mechanism or the buyer's recorded decision awards the lot to, as shown); the Ranking "
        "sheet shows every bid. "
        "Totals are worked out from unrounded points: points shown to 2 decimal places may not "
        "add up to the total shown exactly. Totals are compared, and shown, to 4 decimal "
        "places; the margin to the runner-up is the difference as compared.",
    ]
    if result.award.held_back:
        notes.append(f"The recommended awards are {result.award.held_back}; see Flags.")
    waiting = sorted({lot for lot, _, _ in result.award.unscored})
    if waiting:
        notes.append(
            f"The evaluation is not complete in lot {', '.join(waiting)}: a tender there has "
            "no usable score for a question, so no award may go out yet (see Reasons)."
        )
    notes += _not_explained(result)
    if unreadable:
        notes.append(f"{unreadable} submitted file(s) could not be read at all; see Flags.")
    title = f"Evaluation summary — {plan.title or plan.tender_id}"
    # The table goes below the notes: with more notes than the rows above HEADER_ROW, its
    # header row was written over the last of them.
    top = max(HEADER_ROW, write_title(ws, title, *notes))
    first, last = write_table(ws, top, COLUMNS, summary_rows(result))
    styles.freeze_below(ws, top, first_columns=1)
    styles.print_landscape(ws, repeat_rows=(top, top))
    flags = next(i for i, c in enumerate(COLUMNS, start=1) if c.header == "Flags")
    styles.highlight_flagged_rows(ws, first, last, len(COLUMNS), flags)

    row = max(last, top) + 2
    if not layout.lot_rows:
        return
    row = write_heading(ws, row, "Weighted points per bidder (from the Ranking sheet)")
    for lot in result.lot_ids():
        if lot not in layout.lot_rows:
            continue
        ws.add_chart(_lot_chart(ranking, lot, *layout.lot_rows[lot]), f"A{row}")
        row += CHART_ROWS


# Lots whose scores with no explanation are given in full above the Summary table; any others
# are counted (the summaries command lists every one).
EXPLAINED_UP_TO = 5


def _not_explained(result: ScoreResult) -> list[str]:
    """A note for each lot with an assessed tender's score that has no explanation, as the
    award decision words it: the assessment summaries are not to be sent until it has one."""
    lots = result.award.not_explained()
    notes = [f"Lot {lot}: {why}." for lot, why in lots[:EXPLAINED_UP_TO]]
    rest = len(lots) - EXPLAINED_UP_TO
    if rest > 0:
        notes.append(
            f"{counted(rest, 'other lot')} likewise {'has' if rest == 1 else 'have'} a score "
            "with no explanation (tendereval summaries lists each)."
        )
    return notes


def _lot_chart(ranking: Worksheet, lot: str, first: int, last: int) -> Chart:
    shown_last = min(last, first + CHART_BIDDERS - 1)
    more = last - shown_last
    names = cell_range(ranking, 2, first, shown_last)
    return Chart(
        kind="bar",
        stacked=True,
        title=f"Lot {lot}: weighted points"
        + (f" (top {CHART_BIDDERS}; {more} more on Ranking)" if more else ""),
        series=[
            Series(
                cell_range(ranking, POINTS_COL[pillar], first, shown_last),
                categories=names,
                name=label,
            )
            for pillar, label in (
                ("price", "Price"),
                ("quality", "Quality"),
                ("social_value", "Social value"),
            )
        ],
        value_title="Points of 100",
        reverse_categories=True,  # rank 1 at the top
        legend="bottom",
        height=max(7.5, 1.0 + 0.7 * (shown_last - first + 1)),
        width=24,
    )
