"""The Flags sheet (every flag scoring raised and every problem in the inputs, with where it
came from) and the sensitivity sheets: Sensitivity (tipping points), Probability of winning
and Rank reversal."""

from __future__ import annotations

import polars as pl

from tendereval.award.decision import UNDECIDED
from tendereval.report import styles
from tendereval.report.book import Worksheet
from tendereval.report.cells import Col, write_table, write_title
from tendereval.report.views import PILLAR_LABELS
from tendereval.scoring.result import ScoreResult
from tendereval.scoring.sensitivity import tied_first_text
from tendereval.wording import listed, number_word

HEADER_ROW = 4
FLAG_COLUMNS = (
    Col("Kind", 10),
    Col("Severity", 10),
    Col("Lot", 8),
    Col("Supplier", 28, wrap=True),
    Col("Code", 22),
    Col("Message", 60, wrap=True),
    Col("Where", 36, wrap=True),
)
TIPPING_COLUMNS = (
    Col("Lot", 8),
    Col("Challenger", 28, wrap=True),
    Col("Weight that moves", 14),
    Col("Weight now (points)", 12, styles.POINTS),
    # Where the challenger draws level with the tender ranked first, no more: at that weight
    # a third tender may be ahead of both (as the terminal says, "would draw level").
    Col("Weight at which the challenger would draw level", 16, styles.POINTS),
    Col("Change needed (points)", 12, styles.POINTS),
)
PROBABILITY_COLUMNS = (
    Col("Lot", 8),
    Col("Supplier", 28, wrap=True),
    Col("Probability of winning", 14, styles.PERCENT),
    Col("Samples", 10, styles.COUNT),
    Col("Seed", 12),
)
LEVEL_NOW = (
    "level on total now, placed below by the plan's tie-break: the smallest change to the "
    "weights could put it first"
)
REVERSAL_COLUMNS = (
    Col("Lot", 8),
    Col("Bid removed", 28, wrap=True),
    Col("Winner before", 28, wrap=True),
    Col("Winner after", 28, wrap=True),
    Col("Winner changed", 12),
)


def flag_rows(result: ScoreResult) -> list[tuple[object, ...]]:
    """Scoring's flags, then the input problems (the award's too: a record in decisions.toml
    naming nobody holds the award back, and the Summary sheet says so), each sorted so the
    sheet is the same every run."""
    flags = result.flags.sort("lot", "supplier", "code", "message", nulls_last=True).select(
        pl.lit("flag"), "severity", "lot", "supplier", "code", "message", "where"
    )
    problems = sorted(
        (
            ("problem", p.severity.value, p.lot, p.supplier, p.code, p.describe(), p.where)
            for p in (*result.problems, *result.award.problems)
        ),
        key=lambda r: tuple("" if v is None else str(v) for v in r),
    )
    return [*flags.rows(), *problems]


def write_flags(ws: Worksheet, result: ScoreResult) -> None:
    write_title(
        ws,
        "Flags and problems",
        "Flags are raised by scoring for a person to look at "
        "(they never change a score on their own); problems are what was wrong with the "
        "input files.",
    )
    first, last = write_table(ws, HEADER_ROW, FLAG_COLUMNS, flag_rows(result))
    styles.freeze_below(ws, HEADER_ROW)
    styles.print_landscape(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))
    if last >= first:
        styles.highlight_when(ws, f"A{first}:G{last}", f'$B{first}="error"', styles.FLAG_FILL)
        styles.highlight_when(ws, f"A{first}:G{last}", f'$B{first}="warning"', styles.WARN_FILL)


def _passed_over(result: ScoreResult) -> str:
    """The lots where a lot cap proposes another tender than the one ranked first, as the
    award decided them ("lot TON the lot cap proposes Y, not X; in lot …"); "" for none."""
    return "; in ".join(
        f"lot {award.lot} the lot cap proposes {award.supplier or 'nobody yet'}, not {passed}"
        for award in result.award.lots.values()
        if (passed := award.first_not_proposed)
    )


def _passed_over_note(result: ScoreResult) -> str:
    """Where a lot cap proposes another tender than the one ranked first, the tipping points
    (measured against the tender ranked first) are no margin on the proposed award."""
    if not (lots := _passed_over(result)):
        return ""
    return (
        " Tipping points measure each challenger against the tender ranked first in its lot; "
        f"in {lots}, so there they are not margins on the proposed award."
    )


def _first_not_awarded_note(result: ScoreResult) -> str:
    """Where a lot cap proposes another tender than the one ranked first, the probabilities
    (of ranking first) are not those of being awarded the lot."""
    if not (lots := _passed_over(result)):
        return ""
    return (
        " These are chances of ranking first, not of being awarded the lot: "
        f"in {lots}, ranked first."
    )


def _tipping_rows(result: ScoreResult, ran: bool) -> list[tuple[object, ...]]:
    """The tipping points, lot by lot; a lot whose first place is tied has none (scoring
    leaves it out), and its row says so in the Challenger column, naming no tied tender."""
    tied = [
        (award.lot, tied_first_text(len(award.first)))
        for award in result.award.lots.values()
        if ran and award.tied_first
    ]
    # A tender level on total with the proposed one, placed below by the tie-break, draws
    # level at today's weights: its "weight at which it would draw level" is today's (give
    # or take float noise), which reads as a contradiction. Its row says it is level, as the
    # terminal does, and gives no weight or change.
    level = pl.DataFrame(
        [(award.lot, s) for award in result.award.lots.values() for s in award.level],
        schema={"lot": pl.String, "supplier": pl.String},
        orient="row",
    ).with_columns(_level=pl.lit(True))
    is_level = pl.col("_level").fill_null(False)
    tipping = result.tipping_points.join(level, on=["lot", "supplier"], how="left").select(
        "lot",
        pl.when(is_level)
        .then(pl.format("{} ({})", "supplier", pl.lit(LEVEL_NOW)))
        .otherwise("supplier")
        .alias("supplier"),
        pl.col("pillar").replace_strict(PILLAR_LABELS, default=pl.col("pillar")),
        "weight_now",
        pl.when(~is_level).then("weight_to_win").alias("weight_to_win"),
        pl.when(~is_level).then("change").alias("change"),
    )
    none = pl.DataFrame(tied, schema={"lot": pl.String, "supplier": pl.String}, orient="row")
    return (
        pl.concat([tipping, none], how="diagonal_relaxed")
        .sort("lot", "pillar", "supplier", nulls_last=False)
        .rows()
    )


NOT_RUN = "Sensitivity analysis was not run for this report."
PROBABILITY = "Probability of winning"
REVERSAL = "Rank reversal"
# What a blank weight on the Sensitivity sheet means (scoring leaves it null: docs/scoring.md).
NEVER = (
    " A blank weight and change means never: no weight of that pillar between 0 and 100 makes "
    "the challenger draw level (one named level on total now needs no change)."
)


def _ran(result: ScoreResult) -> bool:
    """Whether scoring ran the sensitivity analysis, as its settings record (the Audit sheet
    gives them): a run that had no tender to test ran it all the same. A result whose
    settings do not say is taken to have run it when it has any of its figures."""
    if "sensitivity" in result.settings:
        return bool(result.settings["sensitivity"])
    return not (
        result.tipping_points.is_empty()
        and result.win_probability.is_empty()
        and result.rank_reversal.is_empty()
    )


def _why_not_listed(result: ScoreResult, listed_lots: set[str], sheet: str) -> dict[str, str]:
    """{lot: why it has no row on ``sheet``} for each lot of the plan without one, from the
    award decision and the bids' statuses as scoring gave them."""
    ranked = dict(
        result.results.filter(pl.col("status") == "ranked").group_by("lot").len().iter_rows()
    )
    why = {}
    for lot in result.lot_ids():
        award = result.award.lots.get(lot)
        if lot in listed_lots or award is None:
            continue
        tenders = ranked.get(lot, 0)
        if tenders == 0:
            why[lot] = "no bids" if award.no_bids else "no ranked tender"
        elif tenders == 1:
            why[lot] = (
                "one ranked tender, so no other for it to be measured against"
                if sheet != REVERSAL
                else "one ranked tender, so no other to remove"
            )
        elif award.outcome == UNDECIDED:
            why[lot] = (
                f"{number_word(len(award.first))} tenders are tied for first place and the award "
                "is undecided, so there is no proposed award to test"
                if award.tied_first
                else "the award is undecided, so there is no proposed award to test"
            )
        elif award.not_to_award:
            why[lot] = "the buyer decided not to award it"
        elif not award.awarded:
            why[lot] = "no tender is proposed for it"
        else:
            why[lot] = "the plan weights one pillar only, so there is no weight to move"
    return why


def _not_listed(result: ScoreResult, listed_lots: set[str], sheet: str) -> str:
    """The note's sentence on the lots ``sheet`` has no row for, grouped by why ("" when
    every lot has one)."""
    why = _why_not_listed(result, listed_lots, sheet)
    if not why:
        return ""
    groups: dict[str, list[str]] = {}
    for lot, reason in why.items():
        groups.setdefault(reason, []).append(lot)
    parts = [
        f"{'lot' if len(lots) == 1 else 'lots'} {listed(lots)} ({reason})"
        for reason, lots in groups.items()
    ]
    return f" Not listed: {'; '.join(parts)}."


def _note(result: ScoreResult, text: str, shown: pl.DataFrame, sheet: str) -> str:
    """A sensitivity sheet's note: ``text`` with the lots it has no row for; when it has none
    at all, that the analysis ran but had nothing to test; NOT_RUN when it did not run."""
    if not _ran(result):
        return NOT_RUN
    lots = set(shown.get_column("lot").to_list())
    not_listed = _not_listed(result, lots, sheet)
    if shown.is_empty():
        return f"Sensitivity analysis was run, but there is nothing to test.{not_listed}"
    return text + not_listed


def _one_table(ws: Worksheet) -> None:
    """Header kept in view and repeated on every printed page: a sheet of one table."""
    styles.freeze_below(ws, HEADER_ROW)
    styles.print_landscape(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))


def write_sensitivity(ws: Worksheet, result: ScoreResult) -> None:
    """The tipping points; the probability of winning and rank reversal each have a sheet of
    their own, so each table's header is the one kept in view and printed above it."""
    ran = _ran(result)
    rows = _tipping_rows(result, ran)
    shown = pl.DataFrame([r[:1] for r in rows], schema={"lot": pl.String}, orient="row")
    write_title(
        ws,
        "Sensitivity",
        _note(
            result,
            "How robust each recommendation is: how far a weight must move for a challenger to "
            "draw level with the tender ranked first (the other weights rescaled in proportion; "
            "at that weight a third tender may be ahead of both)."
            + NEVER
            + " How often each bid ranks first when the weights are varied at random around "
            f"the plan is on the {PROBABILITY} sheet, and whether removing another bid changes "
            f"the winner on the {REVERSAL} sheet."
            + (
                f" These figures are {note}."
                if (note := result.settings.get("sensitivity_note"))
                else ""
            )
            + _passed_over_note(result),
            shown,
            "Sensitivity",
        ),
    )
    write_table(ws, HEADER_ROW, TIPPING_COLUMNS, rows)
    _one_table(ws)


def write_win_probability(ws: Worksheet, result: ScoreResult) -> None:
    write_title(
        ws,
        PROBABILITY,
        _note(
            result,
            "How often each bid ranks first in its lot when the weights are varied at random "
            "around the plan, with the number of samples and the seed, so anyone can "
            "reproduce it." + _first_not_awarded_note(result),
            result.win_probability,
            PROBABILITY,
        ),
    )
    probability = result.win_probability.sort(
        ["lot", "probability", "supplier"], descending=[False, True, False]
    ).select("lot", "supplier", "probability", "samples", "seed")
    write_table(ws, HEADER_ROW, PROBABILITY_COLUMNS, probability.rows())
    _one_table(ws)


# What stands in "Winner after" when the lot would not be awarded to anyone.
NO_WINNER_AFTER = {"undecided": "undecided", "no_award": "no award"}


def write_rank_reversal(ws: Worksheet, result: ScoreResult) -> None:
    write_title(
        ws,
        "Rank reversal: remove each other bid in turn",
        _note(
            result,
            "Whether removing another bid changes the proposed award, made again under the "
            "plan's rules (its tie-break and lot cap): under a relative price formula the other "
            "bids' price scores depend on the lowest price.",
            result.rank_reversal,
            REVERSAL,
        ),
    )
    reversal = result.rank_reversal.sort("lot", "removed").select(
        "lot",
        "removed",
        "winner_before",
        pl.coalesce(
            "winner_after",
            pl.col("outcome_after").replace_strict(
                NO_WINNER_AFTER, default=None, return_dtype=pl.String
            ),
        ),
        pl.when(pl.col("changed")).then(pl.lit("yes")).otherwise(pl.lit("no")),
    )
    first, last = write_table(ws, HEADER_ROW, REVERSAL_COLUMNS, reversal.rows())
    _one_table(ws)
    if last >= first:
        styles.highlight_when(ws, f"A{first}:E{last}", f'$E{first}="yes"', styles.FLAG_FILL)
