"""Scoring as it was before round 2's speed work: the plain reference the fast steps must equal.

Round 2 (issue 17) made scoring several times faster by working on whole-number codes instead
of joining and sorting a million scores on their text columns (``scoring/canonical.py``). Every
frame of the result must be exactly what the plain code gave, so the plain code is kept here,
word for word as it was at commit 8a08f9e: the quality step's six joins and sort on eight
columns, and the result frames sorted on their text. ``reference_score(tender, **options)`` is
``tendereval.scoring.score`` with these steps in place of the fast ones.

``bench_scoring.py`` compares the two on the benchmark tenders and both examples (``make
bench``), and ``tests/scoring/test_fast_steps.py`` on both examples, a small benchmark tender and
random tenders with every kind of awkward score. When a scoring rule changes on purpose, change
it here in the same way, in the plain style.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import polars as pl
from polars.testing import assert_frame_equal

from tendereval.plan import Plan
from tendereval.scoring import combine, quality
from tendereval.scoring import price as price_mod
from tendereval.scoring.combine import BID, ORDER
from tendereval.scoring.common import TOLERANCE, evaluator_key, flags_frame, money, num, with_key
from tendereval.scoring.quality import (
    BID_QUESTION,
    QuestionScores,
    _consensus_alone_flags,
    _consensus_outside_flags,
    _declarations,
    _discrepancy_flags,
    _group_discrepancy_flags,
    _outside_remit,
    _threshold_flags,
    _unmoderated_flags,
    group_shares,
    questions_frame,
)
from tendereval.scoring.result import RESULT_SCHEMAS, ScoreResult
from tendereval.tender import Tender

# Every frame of a ScoreResult.
FRAMES = (
    "results",
    "criteria",
    "sub_totals",
    "evaluator_scores",
    "moderation",
    "price_breakdown",
    "social_value",
    "flags",
    "tipping_points",
    "win_probability",
    "rank_reversal",
)


def reference_score(tender: Tender, **options) -> ScoreResult:
    """``tendereval.scoring.score(tender, **options)`` computed the plain way."""
    with plain_steps():
        return combine.score(tender, **options)


def differences(fast: ScoreResult, plain: ScoreResult) -> dict[str, str]:
    """{frame: how it differs} for every frame that is not exactly the same, value for value
    and row for row (``polars.testing.assert_frame_equal``)."""
    found = {}
    for name in FRAMES:
        try:
            assert_frame_equal(
                _figures_as_numbers(getattr(fast, name)),
                _figures_as_numbers(getattr(plain, name)),
                check_exact=True,
            )
        except AssertionError as error:
            found[name] = str(error)
    return found


def _figures_as_numbers(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each figure in its messages written as the number it is ("0.40" and
    "0.4" alike). A flag quotes an evaluators' mean that no frame holds, and the two steps add
    a bid-question's scores in groups polars shapes differently: the last bit of the sum then
    differs (0.39999999999999997 against 0.4), and the text rule writes the first "0.40"
    (rounded) and the second "0.4" (exact). Every number a frame holds is compared exactly."""
    if "message" not in frame.columns:
        return frame
    return frame.with_columns(
        pl.col("message")
        .str.replace_all(r"(\d)\.(\d*?)0+\b", "${1}.${2}")
        .str.replace_all(r"(\d)\.(\D|$)", "${1}${2}")
    )


@contextmanager
def plain_steps() -> Iterator[None]:
    """Scoring with the plain steps in place of the fast ones, while the block runs."""
    with (
        mock.patch.object(quality, "score_questions", _plain_score_questions),
        mock.patch.object(combine, "_conform", _conform),
        mock.patch.object(combine, "_criteria", _criteria),
    ):
        yield


def _plain_score_questions(
    plan: Plan,
    bids: pl.DataFrame,
    scores: pl.DataFrame,
    declarations: pl.DataFrame,
    moderation: pl.DataFrame,
    keys: dict[str, str],
    encoded: object = None,  # (the fast step's; the plain one works on the text)
) -> QuestionScores:
    """The plain quality step behind today's signature: it took scores with their supplier
    key, and ``combine`` then named the bids of the listing (``_evaluator_scores``) and of the
    moderation (``_display``)."""
    found = score_questions(plan, bids, with_key(scores, keys), declarations, moderation, keys)
    listing = _evaluator_scores(plan, found.evaluator_scores, bids)
    named = combine._display(found.moderation, bids, keys)
    return QuestionScores(found.leaves, lambda: listing, named, found.flags, found.problems)


def _evaluator_scores(plan: Plan, marked: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    names = units.unique("skey", keep="first").select("skey", bid_name="supplier")
    return marked.join(names, on="skey", how="left").with_columns(
        supplier=pl.coalesce("bid_name", "supplier"),
        # A score set aside when read is listed as typed.
        score=pl.coalesce("score", pl.col("found").cast(pl.Float64, strict=False)),
    )


# --------------------------------------------------------------------------------------------
# quality.py at 8a08f9e


def _lot_order(plan: Plan) -> pl.Expr:
    lots = {lot: i for i, lot in enumerate(plan.lot_ids)}
    return pl.col("lot").replace_strict(lots, default=len(lots), return_dtype=pl.Int64)


def score_questions(
    plan: Plan,
    bids: pl.DataFrame,
    scores: pl.DataFrame,
    declarations: pl.DataFrame,
    moderation: pl.DataFrame,
    keys: dict[str, str],
) -> QuestionScores:
    """Score every question leaf for every bid in ``bids`` (columns ``skey``, ``lot``).

    ``scores`` and ``moderation`` carry an ``skey`` column; ``keys`` maps supplier names to
    keys (for the names evaluators list on their declarations).
    """
    rules = plan.evaluation
    questions = questions_frame(plan)
    conflict_excludes = rules.conflicted_scores == "exclude"
    missing_excludes = rules.missing_declaration == "exclude"

    declared, conflicts = _declarations(declarations, keys)
    # The evaluator key is a regular expression over text: worked out once per evaluator, not
    # once per score (a million scores come from a handful of evaluators).
    evaluators = scores.select(pl.col("evaluator").unique()).with_columns(evkey=evaluator_key())
    marked = (
        scores.lazy()
        .join(evaluators.lazy(), on="evaluator", how="left")
        .join(declared.lazy(), on="evkey", how="left")
        .join(conflicts.lazy(), on=["evkey", "skey"], how="left")
        .join(bids.lazy().select(*BID, is_bid=pl.lit(True)), on=BID, how="left")
        .join(questions.lazy().select("question", "low", "high"), on="question", how="left")
        .join(_outside_remit(plan).lazy(), on=["group", "question"], how="left")
        .with_columns(
            conflicted=pl.col("conflicted").fill_null(False),
            undeclared=~pl.col("declared").fill_null(False),
        )
        .with_columns(
            excluded_because=pl.when(pl.col("score").is_null())
            .then(
                pl.coalesce("set_aside_because", pl.lit("no usable score (see the problems list)"))
            )
            .when(pl.col("low").is_null())
            .then(pl.lit("the question is not in the plan"))
            .when(pl.col("is_bid").is_null())
            .then(pl.lit("no bid from this supplier for this lot"))
            .when((pl.col("score") < pl.col("low")) | (pl.col("score") > pl.col("high")))
            .then(pl.lit("score outside the question's scale"))
            .when(pl.col("outside_remit").is_not_null())
            .then(pl.col("outside_remit"))
            .when(pl.col("conflicted") & conflict_excludes)
            .then(pl.lit("declared conflict of interest with this supplier"))
            .when(pl.col("undeclared") & missing_excludes)
            .then(pl.lit("no conflict-of-interest declaration"))
        )
        .with_columns(counted=pl.col("excluded_because").is_null())
        .pipe(_components, plan)
        # One canonical order (the plan's lots, then supplier, question, evaluator) makes every
        # aggregate below independent of the order rows arrived in, and is the listing's order.
        .sort(
            [_lot_order(plan), *BID_QUESTION, "evkey", "score", "source", "cell"], nulls_last=True
        )
        # polars 2 collects with the streaming engine by default; for joins and a sort of a
        # table that fits in memory the in-memory engine is over twice as fast (1M scores).
        .collect(engine="in-memory")
    )
    flags = [_conflict_flags(marked, rules.conflicted_scores, rules.missing_declaration)]

    counted = marked.filter(pl.col("counted"))
    how = pl.col("score").median() if rules.aggregate == "median" else pl.col("score").mean()
    parts = (
        counted.group_by([*BID_QUESTION, "component"], maintain_order=True)
        .agg(value=how)
        .join(group_shares(plan), on=["question", "component"], how="left")
    )
    aggregates = parts.group_by(BID_QUESTION, maintain_order=True).agg(
        aggregate=(pl.col("value") * pl.col("share")).sum() / pl.col("share").sum(),
        # A group's own share is in the score: beside another part, or beside a consensus.
        mixed=pl.len() > 1,
        group_part=(pl.col("component") != "").any(),
    )
    # The main evaluators (not a group with its own share of the question) are the ones a
    # moderation reconciles: their range, their number and their own aggregate.
    main = pl.col("component") == ""
    spread = (
        counted.group_by(BID_QUESTION, maintain_order=True)
        .agg(
            evaluators=pl.len().cast(pl.Int64),
            main_evaluators=main.sum().cast(pl.Int64),
            lowest=pl.col("score").filter(main).min(),
            highest=pl.col("score").filter(main).max(),
            evaluator_reasons=_running(pl.col("reason")),
            group_reasons=_running(pl.col("reason").filter(~main)),
        )
        .join(
            parts.filter(main).select(*BID_QUESTION, main_aggregate="value"),
            on=BID_QUESTION,
            how="left",
        )
        .join(
            # The group whose own members' scores lie furthest apart (the first by id of
            # equals): flagged apart, as its part is not moderated away.
            counted.filter(~main)
            .group_by([*BID_QUESTION, "component"])
            .agg(group_lowest=pl.col("score").min(), group_highest=pl.col("score").max())
            .with_columns(_apart=pl.col("group_highest") - pl.col("group_lowest"))
            .sort([*BID_QUESTION, "_apart", "component"], descending=[False] * 3 + [True, False])
            .unique(BID_QUESTION, keep="first")
            .select(*BID_QUESTION, "group_lowest", "group_highest", spread_group="component"),
            on=BID_QUESTION,
            how="left",
        )
    )
    flags.append(_missing_part_flags(plan, parts))

    # A consensus recorded by an evaluator set aside for a conflict (the library's own rule).
    moderation = moderation.with_row_index("_row")
    # Where the consensus of each bid-question was read: the row used, else the first read.
    read_at = (
        moderation.join(questions.select("question"), on="question", how="semi")
        .sort([*BID_QUESTION, pl.col("score").is_null(), "source", "cell"], nulls_last=True)
        .unique(BID_QUESTION, keep="first", maintain_order=True)
        .select(*BID_QUESTION, consensus_source="source", consensus_cell="cell")
    )
    named = quality.conflicted_moderators(moderation, declarations, keys)
    problems = []
    if conflict_excludes and named.height:
        moderation = moderation.join(named.select("_row"), on="_row", how="anti")
        problems = quality.conflicted_moderator_errors(named)
    else:
        flags.append(quality._conflicted_moderator_flags(named))
    unclear = quality.unclear_moderators(moderation, declarations, keys)
    flags.append(quality._unclear_moderator_flags(unclear))
    consensus, consensus_flags = _consensus(moderation, questions)
    flags.append(consensus_flags)
    # A consensus takes the main evaluators' place only: a group with its own share of the
    # question keeps it beside the consensus, summed main part first, then the groups.
    shares = group_shares(plan)
    shared = shares.filter(pl.col("component") != "").select("question").unique()
    moderated = (
        pl.concat(
            [
                consensus.join(shares.filter(main), on="question").select(
                    *BID_QUESTION, "component", value="consensus", share="share"
                ),
                parts.filter(~main)
                .join(consensus, on=BID_QUESTION, how="semi")
                .select(*BID_QUESTION, "component", "value", "share"),
            ]
        )
        .join(shared, on="question", how="semi")
        .sort([*BID_QUESTION, "component"])
        .group_by(BID_QUESTION, maintain_order=True)
        .agg(moderated=(pl.col("value") * pl.col("share")).sum() / pl.col("share").sum())
    )

    grid = (
        bids.select(BID)
        .join(questions, how="cross")
        .join(spread, on=BID_QUESTION, how="left")
        .join(aggregates, on=BID_QUESTION, how="left")
        .join(consensus, on=BID_QUESTION, how="left")
        .join(moderated, on=BID_QUESTION, how="left")
        .join(read_at, on=BID_QUESTION, how="left")
        .with_columns(
            spread=pl.col("highest") - pl.col("lowest"),
            final=pl.coalesce("moderated", "consensus", "aggregate"),
            evaluators=pl.col("evaluators").fill_null(0),
            main_evaluators=pl.col("main_evaluators").fill_null(0),
        )
        .with_columns(
            discrepancy=(
                pl.col("spread")
                > rules.discrepancy_share * (pl.col("high") - pl.col("low")) + TOLERANCE
            ).fill_null(False),
            basis=pl.when(pl.col("moderated").is_not_null() & pl.col("group_part"))
            .then(pl.lit("consensus + group share"))
            .when(pl.col("consensus").is_not_null())
            .then(pl.lit("consensus"))
            .when(pl.col("mixed"))
            .then(pl.lit(f"{rules.aggregate} + group share"))
            .when(pl.col("aggregate").is_not_null())
            .then(pl.lit(rules.aggregate))
            .otherwise(pl.lit("no usable score")),
            fraction=(pl.col("final") - pl.col("low")) / (pl.col("high") - pl.col("low")),
            below_minimum=(pl.col("final") < pl.col("minimum") - TOLERANCE).fill_null(False),
        )
        .with_columns(
            weighted=pl.col("fraction") * pl.col("effective_weight"),
            reason=pl.when(pl.col("consensus").is_not_null())
            .then(
                pl.concat_str(
                    [
                        "consensus_reason",
                        pl.when(pl.col("moderated").is_not_null()).then("group_reasons"),
                    ],
                    separator=" ",
                    ignore_nulls=True,
                ).str.strip_chars()
            )
            .otherwise(pl.col("evaluator_reasons"))
            .fill_null(""),
        )
    )
    flags.append(_discrepancy_flags(grid, rules.discrepancy_share))
    flags.append(_group_discrepancy_flags(grid, plan))
    flags.append(_threshold_flags(grid))
    flags.append(_unmoderated_flags(grid, rules.aggregate))
    # The rules on the grid are the library's own (only the steps building it are plain).
    flags.append(_consensus_alone_flags(grid))
    flags.append(_consensus_outside_flags(grid))

    return QuestionScores(
        leaves=grid,
        evaluator_scores=marked,
        moderation=grid.filter(pl.col("evaluators") > 0).select(
            "lot",
            "skey",
            "question",
            "evaluators",
            "lowest",
            "highest",
            "spread",
            "discrepancy",
            "aggregate",
            "consensus",
            "consensus_reason",
            "moderated_by",
            "final",
            pl.col("consensus_source").alias("source"),
            pl.col("consensus_cell").alias("cell"),
        ),
        flags=pl.concat([flags_frame(f) for f in flags]),
        problems=problems,
    )


def _running(reasons: pl.Expr) -> pl.Expr:
    """Reasons as running text: each once, blanks left out, each ending a sentence or given a
    ";" to part it from the next (collected, then joined: much faster than a string
    aggregation per group)."""
    text = reasons.str.strip_chars()
    return (
        text.filter(text != "")
        .unique(maintain_order=True)
        .implode()
        .list.eval(
            pl.when(pl.element().str.contains(r"[.!?;:]$"))
            .then(pl.element())
            .otherwise(pl.element() + ";")
        )
        .list.join(" ")
        .str.strip_chars_end(";")
    )


def _components(marked: pl.LazyFrame, plan: Plan) -> pl.LazyFrame:
    """Each score's ``component``: its group when the group has a share of the question, else
    ``""`` (a group not given a share of this question scores with the main evaluators)."""
    if not plan.evaluation.groups:  # no shares to look up: every score is the main evaluators'
        return marked.with_columns(component=pl.lit(""))
    shares = group_shares(plan).rename({"component": "group"}).with_columns(in_group=pl.lit(True))
    return marked.join(shares.lazy(), on=["question", "group"], how="left").with_columns(
        component=pl.when(pl.col("in_group")).then(pl.col("group")).otherwise(pl.lit(""))
    )


def _consensus(
    moderation: pl.DataFrame, questions: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Usable consensus scores (one per bid × question) and flags for unusable ones."""
    rows = (
        moderation.filter(pl.col("score").is_not_null())
        .join(questions.select("question", "low", "high"), on="question", how="inner")
        .sort([*BID_QUESTION, "source", "cell"], nulls_last=True)
        .unique(BID_QUESTION, keep="first", maintain_order=True)
    )
    outside = (pl.col("score") < pl.col("low")) | (pl.col("score") > pl.col("high"))
    flags = rows.filter(outside).select(
        "lot",
        "skey",
        code=pl.lit("moderation.outside_scale"),
        message=pl.format(
            "the consensus score {} for {} is outside the scale ({} to {}) and was not used",
            num(pl.col("score")),
            pl.col("question"),
            num(pl.col("low")),
            num(pl.col("high")),
        ),
        severity=pl.lit("warning"),
        where=pl.concat_str(["source", "cell"], separator=" › ", ignore_nulls=True),
    )
    usable = rows.filter(~outside).select(
        *BID_QUESTION,
        consensus=pl.col("score"),
        consensus_reason=pl.col("reason").fill_null("").str.strip_chars(),
        moderated_by=pl.col("moderator"),
    )
    return usable, flags


def _conflict_flags(marked: pl.DataFrame, conflict_rule: str, missing_rule: str) -> pl.DataFrame:
    conflicted = (
        marked.filter(pl.col("conflicted") & pl.col("is_bid").is_not_null())
        .unique(["evkey", *BID], keep="first", maintain_order=True)
        .select(
            "lot",
            "skey",
            code=pl.lit("evaluator.conflict"),
            message=pl.format(
                "{} declared a conflict of interest with this supplier; their scores for this bid "
                + ("were excluded" if conflict_rule == "exclude" else "were counted (plan: flag)"),
                pl.col("evaluator"),
            ),
            severity=pl.lit("warning"),
            where=pl.col("source"),
        )
    )
    undeclared = (
        marked.filter(pl.col("undeclared"))
        .unique("evkey", keep="first", maintain_order=True)
        .select(
            code=pl.lit("evaluator.no_declaration"),
            message=pl.format(
                "{} has no conflict-of-interest declaration; their scores "
                + ("were excluded" if missing_rule == "exclude" else "were counted (plan: flag)"),
                pl.col("evaluator"),
            ),
            severity=pl.lit("warning"),
            where=pl.col("source"),
        )
    )
    return pl.concat([flags_frame(conflicted), flags_frame(undeclared)])


def _missing_part_flags(plan: Plan, parts: pl.DataFrame) -> pl.DataFrame:
    if not plan.evaluation.groups:
        return flags_frame()
    names = {g.id: g.name for g in plan.evaluation.groups} | {"": "the main evaluators"}
    scored = parts.select(BID_QUESTION).unique()
    missing = (
        scored.join(group_shares(plan), on="question")
        .join(parts.select(*BID_QUESTION, "component"), on=[*BID_QUESTION, "component"], how="anti")
        .sort([*BID_QUESTION, "component"])
    )
    return missing.select(
        "lot",
        "skey",
        code=pl.lit("group.no_scores"),
        message=pl.format(
            "{} gave no counted score for {}; the other evaluators carry its {}% share",
            pl.col("component").replace_strict(names, default=pl.col("component")),
            pl.col("question"),
            num(pl.col("share")),
        ),
        severity=pl.lit("warning"),
    )


# --------------------------------------------------------------------------------------------
# combine.py at 8a08f9e


def _conform(name: str, df: pl.DataFrame | None, plan: Plan | None = None) -> pl.DataFrame:
    """``df`` with exactly the result schema's columns, ordered by lot then ``ORDER``."""
    schema = RESULT_SCHEMAS[name]
    if df is None or df.width == 0:
        return pl.DataFrame(schema=schema)
    out = df.select(
        [
            (pl.col(c) if c in df.columns else pl.lit(None)).cast(t).alias(c)
            for c, t in schema.items()
        ]
    )
    if plan is None or name not in ORDER:
        return out
    lots = {lot: i for i, lot in enumerate(plan.lot_ids)}
    rank = pl.col("lot").replace_strict(lots, default=len(lots), return_dtype=pl.Int64)
    return out.sort([rank, "lot", *ORDER[name]], nulls_last=True, maintain_order=True)


def _criteria(
    plan: Plan,
    units: pl.DataFrame,
    leaves: pl.DataFrame,
    scored: pl.DataFrame,
    bids: pl.DataFrame,
) -> pl.DataFrame:
    rules = plan.price
    years = plan.contract_years
    how = "net present value" if rules.evaluation == "npv" else "whole-life cost"
    parts = [
        leaves.select(
            *BID,
            criterion=pl.col("question"),
            pillar="pillar",
            kind=pl.lit("question"),
            raw_score=pl.col("final"),
            fraction="fraction",
            effective_weight="effective_weight",
            weighted="weighted",
            basis="basis",
            reason="reason",
            below_minimum="below_minimum",
            order="order",
        )
    ]
    frame = (
        bids.select(BID)
        .join(
            scored.select(
                *BID, "evaluated_price", "price_fraction", "commit_fraction", "social_value_amount"
            ),
            on=BID,
            how="left",
        )
        .join(
            bids.select(
                *BID, price_in=pl.col("evaluated_price"), amount_in=pl.col("social_value_amount")
            ),
            on=BID,
        )
    )
    for order, leaf in enumerate(plan.leaves):
        if leaf.kind == "price":
            fraction = pl.col("price_fraction")
            parts.append(
                frame.select(
                    *BID,
                    criterion=pl.lit(leaf.id),
                    pillar=pl.lit(leaf.pillar),
                    kind=pl.lit("price"),
                    raw_score=pl.col("price_in"),
                    fraction=fraction,
                    effective_weight=pl.lit(leaf.effective_weight),
                    weighted=fraction * leaf.effective_weight,
                    basis=pl.lit("fixed price" if rules.method == "quality_only" else "formula"),
                    reason=pl.format(
                        "evaluated price {} ({} over {} year{}), scored by {}{}",
                        money(pl.col("price_in")).fill_null("not available"),
                        pl.lit(how),
                        pl.lit(years),
                        pl.lit("" if years == 1 else "s"),
                        pl.lit(price_mod.METHODS[rules.method].title.lower()),
                        combine._price_marks(fraction, leaf.effective_weight, rules.method),
                    ),
                    below_minimum=pl.lit(False),
                    order=pl.lit(order),
                )
            )
        elif leaf.kind == "commitments":
            fraction = pl.col("commit_fraction")
            parts.append(
                frame.select(
                    *BID,
                    criterion=pl.lit(leaf.id),
                    pillar=pl.lit(leaf.pillar),
                    kind=pl.lit("commitments"),
                    raw_score=pl.col("amount_in"),
                    fraction=fraction,
                    effective_weight=pl.lit(leaf.effective_weight),
                    weighted=fraction * leaf.effective_weight,
                    basis=pl.lit("formula"),
                    reason=pl.format(
                        "social value commitments worth {} (proxy values), scored {}",
                        money(pl.col("amount_in")),
                        pl.lit(plan.social_value.method.replace("_", " ")),
                    ),
                    below_minimum=pl.lit(False),
                    order=pl.lit(order),
                )
            )
    lot_order = {lot: i for i, lot in enumerate(plan.lot_ids)}
    out = (
        pl.concat(
            [p.with_columns(pl.col("order").cast(pl.Int64)) for p in parts], how="diagonal_relaxed"
        )
        .join(units.select(*BID, "supplier"), on=BID, how="left")
        .with_columns(
            _lot=pl.col("lot").replace_strict(
                lot_order, default=len(lot_order), return_dtype=pl.Int64
            )
        )
        .sort(["_lot", "supplier", "order"])
    )
    return _conform("criteria", out)
