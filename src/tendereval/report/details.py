"""The detail sheets: Price (evaluated price build-up), Quality and Social value (each
question's evaluator scores, spread, discrepancy and consensus) and Evaluator scores (every
individual score with where it came from).

Every rate, uplift, volume and commitment is shown with where it came from, as the Evaluator
scores sheet shows scores: the file and the cell (sheet › cell) it was read from."""

from __future__ import annotations

import polars as pl

from tendereval.ocds.own_words import social_value_method_text
from tendereval.report import styles
from tendereval.report.book import Worksheet, column_letter
from tendereval.report.cells import Col, write_heading, write_pairs, write_table, write_title
from tendereval.scoring.price import evaluation_text, method_text
from tendereval.scoring.result import ScoreResult

HEADER_ROW = 4
# Sheets of their own for the second tables of Price and Social value, and for the
# sub-totals of Quality and Social value (see one_table).
PRICE_BUILD_UP = "Price build-up"
COMMITMENTS = "Social value commitments"
SUB_TOTALS = "Sub-totals"
QUESTION_PILLARS = {"quality": 0, "social_value": 1}

PRICE_COLUMNS = (
    Col("Lot", 8),
    Col("Supplier", 30, wrap=True),
    Col("Status", 12),
    Col("Evaluated price (£)", 16, styles.MONEY),
    Col("Price score (points)", 11, styles.POINTS),
    Col("Share of price marks", 11, styles.SHARE_OF_MARKS),
    Col("Flags", 40, wrap=True),
)
BUILD_UP_COLUMNS = (
    Col("Lot", 8),
    Col("Supplier", 30, wrap=True),
    Col("Item", 16),
    Col("Yearly volume", 12, styles.NUMBER),
    Col("Unit rate (£)", 12, styles.RATE),
    Col("Yearly uplift", 11, styles.RATE_PERCENT),
    Col("Years", 8, styles.COUNT),
    Col("Discount rate", 11, styles.RATE_PERCENT),
    Col("Item price (£)", 16, styles.MONEY),
    Col("File", 28, wrap=True),
    Col("Unit rate cell", 14),
    Col("Uplift cell", 12),
    Col("Volume from", 36, wrap=True),
)
MODERATION_COLUMNS = (
    Col("Lot", 8),
    Col("Supplier", 30, wrap=True),
    Col("Question", 10),
    Col("Title", 30, wrap=True),
    Col("Evaluators' scores", 30, wrap=True),
    Col("Lowest", 8, styles.NUMBER),
    Col("Highest", 8, styles.NUMBER),
    Col("Spread", 8, styles.NUMBER),
    Col("Discrepancy", 11),
    Col("Aggregate", 9, styles.NUMBER),
    Col("Consensus", 9, styles.NUMBER),
    Col("Score used", 9, styles.NUMBER),
    Col("Weighted points", 10, styles.POINTS),
    Col("Basis", 12, wrap=True),
    Col("Consensus reason", 48, wrap=True),
    Col("Moderated by", 20, wrap=True),
    Col("Consensus from", 36, wrap=True),
)
SUB_TOTAL_COLUMNS = (
    Col("Lot", 8),
    Col("Supplier", 30, wrap=True),
    Col("Sub-criterion", 10),
    Col("Title", 30, wrap=True),
    Col("Points available", 10, styles.POINTS),
    Col("Points", 10, styles.POINTS),
)
COMMITMENT_COLUMNS = (
    Col("Lot", 8),
    Col("Supplier", 30, wrap=True),
    Col("Measure", 12),
    Col("Units", 10, styles.NUMBER),
    Col("Proxy value (£ per unit)", 14, styles.RATE),
    Col("Amount (£)", 16, styles.MONEY),
    Col("Proxy table version", 14),
    Col("File", 28, wrap=True),
    Col("Cell", 14),
)
EVALUATOR_COLUMNS = (
    Col("Lot", 8),
    Col("Supplier", 30, wrap=True),
    Col("Question", 10),
    Col("Evaluator", 20),
    Col("Group", 14),
    Col("Score", 8, styles.NUMBER),
    Col("Counted", 9),
    Col("Not counted because", 24, wrap=True),
    Col("Reason for the score", 48, wrap=True),
    Col("File", 28, wrap=True),
    Col("Cell", 14),
)


def write_price(ws: Worksheet, result: ScoreResult) -> None:
    plan = result.plan
    write_title(
        ws,
        "Price",
        "Abnormally low prices are flagged for the buyer to query with the "
        "supplier; they are never rejected on that ground alone.",
        f"How each evaluated price was built up, item by item, is on the {PRICE_BUILD_UP} sheet.",
    )
    price = result.criteria.filter(pl.col("kind") == "price").select("lot", "supplier", "fraction")
    bids = (
        result.results.filter(pl.col("lot").is_not_null())
        .join(price, on=["lot", "supplier"], how="left")
        .sort("lot", "supplier")
        .select(
            "lot",
            "supplier",
            "status",
            "evaluated_price",
            "price_score",
            "fraction",
            pl.col("flags").list.join("; "),
        )
    )
    first, last = write_table(ws, HEADER_ROW, PRICE_COLUMNS, bids.rows())
    one_table(ws, first_columns=2)
    styles.highlight_flagged_rows(ws, first, last, len(PRICE_COLUMNS), len(PRICE_COLUMNS))
    row = write_heading(ws, max(last, HEADER_ROW) + 2, "How price was scored")
    method = [
        ("Method", method_text(plan)),
        ("Evaluated price", evaluation_text(plan)),
        ("Contract years", plan.contract_years),
    ]
    if plan.price.evaluation == "npv":
        # As the plan states it (3.456% stays 3.456%), not rounded to two places.
        method.append(("Discount rate a year", f"{round(plan.price.discount_rate * 100, 6):g}%"))
    write_pairs(ws, row, method)


def write_price_build_up(ws: Worksheet, result: ScoreResult) -> None:
    """Each evaluated price item by item, with where each figure came from."""
    write_title(
        ws,
        "Evaluated price build-up",
        "Each item's contribution to the evaluated price, with the file and cell of each unit "
        "rate and uplift, and the place in the plan of each yearly volume (bids are priced on "
        "the plan's volumes).",
        "The evaluated price is the sum of the unrounded item prices: item prices shown to "
        "the penny may not add up to the evaluated price shown exactly (by a penny or two).",
    )
    build_up = result.price_breakdown.sort("lot", "supplier", "item").select(
        "lot",
        "supplier",
        "item",
        "volume",
        "unit_rate",
        "uplift",
        "years",
        "discount_rate",
        "item_price",
        "source",
        "rate_cell",
        "uplift_cell",
        pl.concat_str(["volume_source", "volume_cell"], separator=" › ", ignore_nulls=True),
    )
    write_table(ws, HEADER_ROW, BUILD_UP_COLUMNS, build_up.rows())
    one_table(ws, first_columns=3)


def one_table(ws: Worksheet, first_columns: int = 0) -> None:
    """The settings of a sheet holding one table, its header in row 4: the header (and the
    first columns, naming the bid) kept in view when scrolling, and repeated at the top of
    every printed page. A second table on the sheet would scroll and print under this one's
    header, so each table has a sheet of its own."""
    styles.freeze_below(ws, HEADER_ROW, first_columns=first_columns)
    styles.print_landscape(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))


def write_questions(ws: Worksheet, result: ScoreResult, pillar: str, title: str) -> None:
    """Quality or Social value: one row per bid × criterion of the pillar (each question,
    and each commitments criterion)."""
    plan = result.plan
    valued = [c.id for c in plan.leaves if c.pillar == pillar and c.kind == "commitments"]
    write_title(
        ws,
        title,
        f"A discrepancy is flagged when the highest and lowest counted scores "
        f"differ by more than {plan.evaluation.discrepancy_share:.0%} of the scale; the "
        "moderated consensus score and its reason are then used.",
        *(
            [
                f"No evaluator scores {', '.join(valued)}: its score used is the £ value of "
                "the bid's quantitative social value commitments (each listed on the "
                f"{COMMITMENTS} sheet) and its points are those the social value method gave it."
            ]
            if valued
            else []
        ),
    )
    rows = criterion_rows(result, pillar)
    first, last = write_table(ws, HEADER_ROW, MODERATION_COLUMNS, rows.rows())
    # A commitments criterion's score is the £ value of the commitments, shown as money.
    money = rows.with_row_index().filter(pl.col("basis") == COMMITMENTS_BASIS)["index"]
    for offset in money:
        ws.cell(row=first + offset, column=SCORE_USED_COLUMN).number_format = styles.MONEY
    one_table(ws, first_columns=3)
    if last >= first:
        last_column = column_letter(len(MODERATION_COLUMNS))
        styles.highlight_when(
            ws, f"A{first}:{last_column}{last}", f'$I{first}="yes"', styles.FLAG_FILL
        )


def has_sub_totals(result: ScoreResult) -> bool:
    """Whether the plan groups questions under a sub-criterion (the Sub-totals sheet)."""
    return any(c.pillar in QUESTION_PILLARS for c in result.plan.sub_totalled())


def write_sub_totals(ws: Worksheet, result: ScoreResult) -> None:
    """Each bid's sub-total for each sub-criterion that groups questions (reg 31: a score
    for each sub-criterion). Scoring added them up; the sheet shows them as they are, blank
    for a bid with no points (invalid)."""
    write_title(
        ws,
        "Sub-totals of the sub-criteria that group questions",
        "Each bid's points for each sub-criterion: the sum of its questions' points on the "
        "Quality and Social value sheets.",
    )
    groups = [c for c in result.plan.sub_totalled() if c.pillar in QUESTION_PILLARS]
    titles = {c.id: c.title for c in groups}
    sub_totals = (
        result.sub_totals.filter(pl.col("criterion").is_in(list(titles)))
        # Quality's, then social value's, each in scoring's order.
        .sort(pl.col("pillar").replace_strict(QUESTION_PILLARS, default=None), maintain_order=True)
        .select(
            "lot",
            "supplier",
            "criterion",
            pl.col("criterion").replace_strict(titles, default=None).alias("title"),
            "effective_weight",
            "weighted",
        )
    )
    write_table(ws, HEADER_ROW, SUB_TOTAL_COLUMNS, sub_totals.rows())
    one_table(ws, first_columns=3)


def write_commitments(ws: Worksheet, result: ScoreResult) -> None:
    """Every quantitative social value commitment, with the file and cell of its units."""
    rules = result.plan.social_value
    method = social_value_method_text(rules.method, rules.full_marks_share_of_price)
    write_title(
        ws,
        "Quantitative social value commitments",
        f"How scored: {method}. Each bid's £ total and "
        "the points it earned are on the Social value sheet. A commitment made for every lot "
        "is listed under each lot the supplier bid for.",
    )
    commitments = result.social_value.sort(
        "lot", "supplier", "measure", maintain_order=True
    ).select(
        "lot",
        "supplier",
        "measure",
        "units",
        "proxy_value",
        "amount",
        "proxy_version",
        "source",
        "cell",
    )
    write_table(ws, HEADER_ROW, COMMITMENT_COLUMNS, commitments.rows())
    one_table(ws, first_columns=3)


COMMITMENTS_BASIS = "commitments (£)"
SCORE_USED_COLUMN = next(
    i for i, c in enumerate(MODERATION_COLUMNS, start=1) if c.header == "Score used"
)


def criterion_rows(result: ScoreResult, pillar: str) -> pl.DataFrame:
    """One row per bid and criterion of ``pillar`` in the plan's order: each question as the
    evaluators scored and moderated it, and each commitments criterion with the £ value of
    the bid's commitments it was scored on and the points it earned, so the pillar's points
    add up on the sheet (a bid's social value = SV1's points + SV2's)."""
    leaves = [c.id for c in result.plan.leaves if c.pillar == pillar]
    questions = [q.id for q in result.plan.questions(pillar)]
    rows = pl.concat(
        [moderation_rows(result, questions), commitment_rows(result, pillar)],
        how="diagonal_relaxed",
    )
    order = pl.col("question").replace_strict(
        {c: i for i, c in enumerate(leaves)}, default=len(leaves)
    )
    return rows.sort(pl.col("lot"), pl.col("supplier"), order).select(MODERATION_KEYS)


def commitment_rows(result: ScoreResult, pillar: str) -> pl.DataFrame:
    """Each bid's row for each commitments criterion of ``pillar``, as scoring gave it (the
    criteria frame): no evaluator scores it, the score used is the £ value of its commitments
    and the points are those the plan's social value method gave it."""
    criteria = {
        c.id: c.title for c in result.plan.leaves if c.pillar == pillar and c.kind == "commitments"
    }
    return result.criteria.filter(pl.col("criterion").is_in(list(criteria))).select(
        "lot",
        "supplier",
        pl.col("criterion").alias("question"),
        pl.col("criterion").replace_strict(criteria, default=None).alias("title"),
        pl.format("not scored by evaluators: {}", "reason").alias("scores"),
        pl.col("raw_score").alias("final"),
        "weighted",
        pl.lit(COMMITMENTS_BASIS).alias("basis"),
    )


MODERATION_KEYS = (
    "lot",
    "supplier",
    "question",
    "title",
    "scores",
    "lowest",
    "highest",
    "spread",
    "discrepancy",
    "aggregate",
    "consensus",
    "final",
    "weighted",
    "basis",
    "consensus_reason",
    "moderated_by",
    "consensus_from",
)


def moderation_rows(result: ScoreResult, questions: list[str]) -> pl.DataFrame:
    """The moderation frame for ``questions`` with titles, evaluators' scores and points."""
    titles = pl.DataFrame(
        {"question": questions, "title": [result.plan.leaf(q).title for q in questions]},  # type: ignore[union-attr]
        schema={"question": pl.String, "title": pl.String},
    )
    scores = (
        result.evaluator_scores.filter(pl.col("question").is_in(questions))
        .sort("evaluator")
        .with_columns(
            pl.col("score")
            .cast(pl.String)
            .str.replace(r"\.0$", "")
            # A score set aside when it was read, as it was typed ('4 - Good').
            .fill_null(pl.col("found"))
            .fill_null("no score")
            .alias("shown")
        )
        .with_columns(
            pl.when(pl.col("counted").fill_null(True))
            .then(pl.format("{}: {}", "evaluator", "shown"))
            .otherwise(
                pl.format(
                    "{}: {} (not counted: {})",
                    "evaluator",
                    "shown",
                    pl.col("excluded_because").fill_null("excluded"),
                )
            )
            .alias("text")
        )
        .group_by("lot", "supplier", "question")
        .agg(pl.col("text").str.join("; ").alias("scores"))
    )
    points = result.criteria.select(
        "lot", "supplier", pl.col("criterion").alias("question"), "weighted", "basis"
    )
    keys = ["lot", "supplier", "question"]
    return (
        result.moderation.filter(pl.col("question").is_in(questions))
        .join(titles, on="question", how="left")
        .join(scores, on=keys, how="left")
        .join(points, on=keys, how="left")
        .with_columns(
            pl.col("question")
            .replace_strict({q: i for i, q in enumerate(questions)}, default=len(questions))
            .alias("_order")
        )
        .sort("lot", "supplier", "_order")
        .with_columns(
            pl.when(pl.col("discrepancy"))
            .then(pl.lit("yes"))
            .otherwise(pl.lit("no"))
            .alias("discrepancy"),
            # Blank where the panel recorded no consensus.
            pl.when(pl.col("source").is_not_null())
            .then(pl.concat_str(["source", "cell"], separator=" › ", ignore_nulls=True))
            .alias("consensus_from"),
        )
        .select(MODERATION_KEYS)
    )


def write_evaluator_scores(ws: Worksheet, result: ScoreResult) -> None:
    write_title(
        ws,
        "Evaluator scores",
        "Every individual score as submitted, whether it counted "
        "and why not, and the file and cell it came from.",
    )
    rows = result.evaluator_scores.sort("lot", "supplier", "question", "evaluator").select(
        "lot",
        "supplier",
        "question",
        "evaluator",
        "group",
        "score",
        "counted",
        "excluded_because",
        "reason",
        "source",
        "cell",
    )
    first, last = write_table(ws, HEADER_ROW, EVALUATOR_COLUMNS, rows.rows())
    styles.freeze_below(ws, HEADER_ROW, first_columns=3)
    styles.print_landscape(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))
    if last >= first:
        styles.highlight_when(ws, f"A{first}:K{last}", f'$G{first}="no"', styles.WARN_FILL)
