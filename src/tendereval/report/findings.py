"""The Flags sheet (every flag scoring raised and every problem in the inputs, with where it
came from) and the sensitivity sheets: Sensitivity (tipping points), Probability of winning
and Rank reversal."""

from __future__ import annotations

import polars as pl

from tendereval.report import styles
from tendereval.report.book import Worksheet
from tendereval.report.cells import Col, write_table, write_title
from tendereval.report.views import PILLAR_LABELS
from tendereval.scoring.result import ScoreResult
from tendereval.scoring.sensitivity import tied_first_text

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


def _passed_over_note(result: ScoreResult) -> str:
    """Where a lot cap proposes another tender than the one ranked first, the tipping points
    (measured against the tender ranked first) are no margin on the proposed award."""
    lots = [
        f"lot {award.lot} the lot cap proposes {award.supplier or 'nobody yet'}, not {passed}"
        for award in result.award.lots.values()
        if (passed := award.first_not_proposed)
    ]
    if not lots:
        return ""
    return (
        " Tipping points measure each challenger against the tender ranked first in its lot; "
        f"in {'; in '.join(lots)}, so there they are not margins on the proposed award."
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


def _ran(result: ScoreResult) -> bool:
    return not (
        result.tipping_points.is_empty()
        and result.win_probability.is_empty()
        and result.rank_reversal.is_empty()
    )


def _one_table(ws: Worksheet) -> None:
    """Header kept in view and repeated on every printed page: a sheet of one table."""
    styles.freeze_below(ws, HEADER_ROW)
    styles.print_landscape(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))


def write_sensitivity(ws: Worksheet, result: ScoreResult) -> None:
    """The tipping points; the probability of winning and rank reversal each have a sheet of
    their own, so each table's header is the one kept in view and printed above it."""
    ran = _ran(result)
    write_title(
        ws,
        "Sensitivity",
        "How robust each recommendation is: how far a weight must move for a challenger to "
        "draw level with the tender ranked first (the other weights rescaled in proportion; "
        "at that weight a third tender may be ahead of both). How often each bid wins when "
        f"the weights are varied at random around the plan is on the {PROBABILITY} sheet, "
        f"and whether removing another bid changes the winner on the {REVERSAL} sheet."
        + (
            f" These figures are {note}."
            if (note := result.settings.get("sensitivity_note"))
            else ""
        )
        + _passed_over_note(result)
        if ran
        else NOT_RUN,
    )
    write_table(ws, HEADER_ROW, TIPPING_COLUMNS, _tipping_rows(result, ran))
    _one_table(ws)


def write_win_probability(ws: Worksheet, result: ScoreResult) -> None:
    write_title(
        ws,
        PROBABILITY,
        "How often each bid wins its lot when the weights are varied at random around the "
        "plan, with the number of samples and the seed, so anyone can reproduce it."
        if _ran(result)
        else NOT_RUN,
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
        "Whether removing another bid changes the proposed award, made again under the plan's "
        "rules (its tie-break and lot cap): under a relative price formula the other bids' "
        "price scores depend on the lowest price."
        if _ran(result)
        else NOT_RUN,
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
