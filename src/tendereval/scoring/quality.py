"""Questions scored by evaluators: from individual scores to the score each bid gets.

Used for every question leaf, quality and qualitative social value alike
(:mod:`tendereval.scoring.social_value` relies on it rather than repeating it).

For each evaluator × supplier × lot × question score:

1. **Exclusions.** A score does not count when it is missing, outside the question's scale, for a
   question or bid that does not exist, from an evaluator who declared a conflict of interest
   with that supplier (plan ``evaluation.conflicted_scores = "exclude"``), or from an evaluator
   with no declaration (``evaluation.missing_declaration = "exclude"``). With ``"flag"`` the
   score counts and the bid is flagged. Either way the conflict or missing declaration is
   flagged.
2. **Groups.** A group (e.g. a service-user panel) with share S on a question carries S% of that
   question's score; the other evaluators together carry the rest. Within each part the scores
   are combined by the plan's ``aggregate`` (mean or median). When a part has no counted score
   for a bid, the parts that do have scores carry the question in proportion to their shares,
   and the bid is flagged ``group.no_scores``. A group's score for a question the plan does
   not give it (its ``questions``) does not count.
3. **Discrepancy.** Flagged when highest − lowest counted score exceeds
   ``evaluation.discrepancy_share`` of the scale's span.
4. **Moderation.** A consensus score, when there is one, is the score used. A consensus that
   differs from the evaluators' aggregate without a written reason is flagged.
5. **Thresholds.** A score below the question's minimum disqualifies the bid for that lot when
   the plan says so, or is flagged when it does not.

A bid left with no usable score for a question (no counted score and no consensus) cannot be
scored: :mod:`tendereval.scoring.combine` makes it invalid.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tendereval.plan import Plan
from tendereval.scoring.canonical import Dictionary, ScoreOrder, lookup
from tendereval.scoring.common import (
    TOLERANCE,
    evaluator_key,
    flags_frame,
    fmt,
    num,
)

BID = ["skey", "lot"]
BID_QUESTION = ["skey", "lot", "question"]


@dataclass
class QuestionScores:
    """What :func:`score_questions` found (frames keyed on ``skey``, not yet display names,
    except the listing of every score, which names each bid as its bid file does)."""

    leaves: pl.DataFrame  # one row per bid × question
    evaluator_scores: pl.DataFrame  # in the canonical order (see scoring.canonical)
    moderation: pl.DataFrame
    flags: pl.DataFrame


def questions_frame(plan: Plan) -> pl.DataFrame:
    """One row per question leaf, with its scale, weight and threshold."""
    rows = []
    for order, leaf in enumerate(plan.leaves):
        if leaf.kind != "question":
            continue
        scale = plan.scales.get(leaf.scale or "")
        rows.append(
            {
                "question": leaf.id,
                "title": leaf.title,
                "pillar": leaf.pillar,
                "order": order,
                "effective_weight": leaf.effective_weight,
                "low": scale.low if scale else 0.0,
                "high": scale.high if scale else 1.0,
                "minimum": leaf.minimum,
                "disqualify": leaf.disqualify_below_minimum,
            }
        )
    schema = {
        "question": pl.String,
        "title": pl.String,
        "pillar": pl.String,
        "order": pl.Int64,
        "effective_weight": pl.Float64,
        "low": pl.Float64,
        "high": pl.Float64,
        "minimum": pl.Float64,
        "disqualify": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema)


def _group_shares(plan: Plan) -> pl.DataFrame:
    """(question, component, share): each group's share of each question it scores, and the
    main evaluators' remainder under component ``""``."""
    rows = []
    for question in plan.questions():
        groups = [
            g for g in plan.evaluation.groups if not g.questions or question.id in g.questions
        ]
        for g in groups:
            rows.append({"question": question.id, "component": g.id, "share": g.share})
        rows.append(
            {
                "question": question.id,
                "component": "",
                "share": 100.0 - sum(g.share for g in groups),
            }
        )
    return pl.DataFrame(
        rows, schema={"question": pl.String, "component": pl.String, "share": pl.Float64}
    )


def _declarations(
    declarations: pl.DataFrame, keys: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(declared, conflicts): per evaluator whether they declared; (evaluator, supplier) pairs
    of declared conflicts."""
    conflicts = (
        declarations.select(evkey=evaluator_key(), name=pl.col("conflicted_suppliers"))
        .explode("name")
        .select(
            "evkey",
            skey=pl.col("name").replace_strict(keys, default=None, return_dtype=pl.String),
            conflicted=pl.lit(True),
        )
        .drop_nulls()
        .unique(["evkey", "skey"])
    )
    declared = declarations.group_by(evaluator_key().alias("evkey")).agg(
        declared=pl.col("conflict")
        .str.strip_chars()
        .str.to_lowercase()
        .is_in(["none", "declared"])
        .any()
    )
    return declared, conflicts


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

    marked, order = _marked(plan, bids, scores, declarations, questions, keys)
    flags = [_conflict_flags(marked, rules.conflicted_scores, rules.missing_declaration)]

    # Rows come in the canonical order, so each bid-question's scores are aggregated in one
    # order whatever order they arrived in (a float sum depends on it). The groups are keyed
    # on one whole number per bid and question, which is much cheaper to hash than the three
    # text columns it stands for.
    counted = marked.filter(pl.col("counted"))
    how = pl.col("score").median() if rules.aggregate == "median" else pl.col("score").mean()
    parts = (
        counted.group_by(["_bq", "component"], maintain_order=True)
        .agg(*[pl.col(c).first() for c in BID_QUESTION], value=how)
        .join(_group_shares(plan), on=["question", "component"], how="left")
    )
    aggregates = parts.group_by("_bq", maintain_order=True).agg(
        aggregate=(pl.col("value") * pl.col("share")).sum() / pl.col("share").sum()
    )
    spread = (
        counted.group_by("_bq", maintain_order=True)
        .agg(
            evaluators=pl.len().cast(pl.Int64),
            lowest=pl.col("score").min(),
            highest=pl.col("score").max(),
        )
        .join(_evaluator_reasons(counted), on="_bq", how="left")
        .with_columns(pl.col("evaluator_reasons").fill_null(""))
    )
    flags.append(_missing_part_flags(plan, parts))

    consensus, consensus_flags = _consensus(moderation, questions)
    flags.append(consensus_flags)

    grid = (
        bids.select(BID)
        .join(questions, how="cross")
        .with_columns(_bq=order.bid_question(pl.col("skey"), pl.col("lot"), pl.col("question")))
        .join(spread, on="_bq", how="left", maintain_order="left")
        .join(aggregates, on="_bq", how="left", maintain_order="left")
        .drop("_bq")
        .join(consensus, on=BID_QUESTION, how="left", maintain_order="left")
        .with_columns(
            spread=pl.col("highest") - pl.col("lowest"),
            final=pl.coalesce("consensus", "aggregate"),
            evaluators=pl.col("evaluators").fill_null(0),
        )
        .with_columns(
            discrepancy=(
                pl.col("spread")
                > rules.discrepancy_share * (pl.col("high") - pl.col("low")) + TOLERANCE
            ).fill_null(False),
            basis=pl.when(pl.col("consensus").is_not_null())
            .then(pl.lit("consensus"))
            .when(pl.col("aggregate").is_not_null())
            .then(pl.lit(rules.aggregate))
            .otherwise(pl.lit("no usable score")),
            fraction=(pl.col("final") - pl.col("low")) / (pl.col("high") - pl.col("low")),
            below_minimum=(pl.col("final") < pl.col("minimum") - TOLERANCE).fill_null(False),
        )
        .with_columns(
            weighted=pl.col("fraction") * pl.col("effective_weight"),
            reason=pl.when(pl.col("basis") == "consensus")
            .then(pl.col("consensus_reason"))
            .otherwise(pl.col("evaluator_reasons"))
            .fill_null(""),
        )
    )
    flags.append(_discrepancy_flags(grid, rules.discrepancy_share))
    flags.append(_threshold_flags(grid))
    flags.append(_unmoderated_flags(grid, rules.aggregate))

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
            "final",
        ),
        flags=pl.concat([flags_frame(f) for f in flags]),
    )


def _outside_remit(plan: Plan) -> pl.DataFrame:
    """(group, question, outside_remit): the reason a group's score for a question the plan
    does not give that group does not count. The plan's ``questions`` for a group is the
    published method: a service-user panel scoring safeguarding would otherwise count as one
    of the main evaluators."""
    rows = [
        {
            "group": group.id,
            "question": question.id,
            "outside_remit": f"the {group.name} does not score this question under the plan",
        }
        for group in plan.evaluation.groups
        if group.questions
        for question in plan.questions()
        if question.id not in group.questions
    ]
    return pl.DataFrame(
        rows, schema={"group": pl.String, "question": pl.String, "outside_remit": pl.String}
    )


def _marked(
    plan: Plan,
    bids: pl.DataFrame,
    scores: pl.DataFrame,
    declarations: pl.DataFrame,
    questions: pl.DataFrame,
    keys: dict[str, str],
) -> tuple[pl.DataFrame, ScoreOrder]:
    """Every score in the canonical order, with whether it counts and why not, its component
    (group share) and the bid's name; and the order's codes, to key the aggregates."""
    rules = plan.evaluation
    declared, conflicts = _declarations(declarations, keys)
    # What is known per evaluator (the key is a regular expression over text: worked out once
    # per evaluator, not once per score) and per question, in tables indexed by code.
    names = Dictionary(scores.get_column("evaluator"))
    evaluators = (
        pl.DataFrame({"evaluator": names.values})
        .with_columns(evkey=evaluator_key())
        .join(declared, on="evkey", how="left", maintain_order="left")
    )
    order = ScoreOrder.of(plan, scores, evaluators.get_column("evkey"))
    by_question = pl.DataFrame({"question": order.questions.values}).join(
        questions.select("question", "low", "high"),
        on="question",
        how="left",
        maintain_order="left",
    )
    evaluator = names.code(pl.col("evaluator"))
    evkey_codes = evaluators.select(order.evaluators.code(pl.col("evkey"))).to_series()
    frame = scores.with_columns(
        declared=lookup(names.table(evaluators.get_column("declared")), evaluator),
        _o4=lookup(names.table(evkey_codes).fill_null(order.evaluators.null), evaluator),
    ).with_columns(order.codes()[:4])
    marked = order.sort(frame)

    supplier, lot, question, evkey = (pl.col(f"_o{i}") for i in range(1, 5))
    bid_codes = bids.select(
        order.suppliers.code(pl.col("skey")) * order.lots.size + order.lots.code(pl.col("lot"))
    ).to_series()
    conflict_codes = conflicts.select(
        order.evaluators.code(pl.col("evkey")) * order.suppliers.size
        + order.suppliers.code(pl.col("skey"))
    ).to_series()
    marked = marked.with_columns(
        low=lookup(order.questions.table(by_question.get_column("low")), question),
        high=lookup(order.questions.table(by_question.get_column("high")), question),
        is_bid=pl.when(
            (supplier * order.lots.size + lot).is_in(bid_codes.drop_nulls().implode())
        ).then(pl.lit(True)),
        conflicted=(evkey * order.suppliers.size + supplier).is_in(
            conflict_codes.drop_nulls().implode()
        ),
        undeclared=~pl.col("declared").fill_null(False),
        outside_remit=_outside_remit_of(plan, order),
        component=_component_of(plan, order),
        _bq=order.bid_question_of_codes(),
    )
    marked = marked.with_columns(
        excluded_because=pl.when(pl.col("score").is_null())
        .then(pl.lit("no usable score (see the problems list)"))
        .when(pl.col("low").is_null())
        .then(pl.lit("the question is not in the plan"))
        .when(pl.col("is_bid").is_null())
        .then(pl.lit("no bid from this supplier for this lot"))
        .when((pl.col("score") < pl.col("low")) | (pl.col("score") > pl.col("high")))
        .then(pl.lit("score outside the question's scale"))
        .when(pl.col("outside_remit").is_not_null())
        .then(pl.col("outside_remit"))
        .when(pl.col("conflicted") & (rules.conflicted_scores == "exclude"))
        .then(pl.lit("declared conflict of interest with this supplier"))
        .when(pl.col("undeclared") & (rules.missing_declaration == "exclude"))
        .then(pl.lit("no conflict-of-interest declaration"))
    ).with_columns(counted=pl.col("excluded_because").is_null())
    # The bid's name as the bid file gives it, for the listing.
    shown = bids.unique("skey", keep="first", maintain_order=True)
    bid_names = pl.DataFrame({"skey": order.suppliers.values}).join(
        shown.select("skey", "supplier"), on="skey", how="left", maintain_order="left"
    )
    return marked.with_columns(
        supplier=pl.coalesce(
            lookup(order.suppliers.table(bid_names.get_column("supplier")), supplier), "supplier"
        )
    ), order


def _outside_remit_of(plan: Plan, order: ScoreOrder) -> pl.Expr:
    """Each score's ``outside_remit`` reason (null when within the group's remit)."""
    remit = _outside_remit(plan)
    if remit.height == 0:
        return pl.lit(None, pl.String)
    groups = Dictionary(remit.get_column("group"))
    pair = lambda group, question: groups.code(group) * order.questions.size + question  # noqa: E731
    table = remit.select(
        pair=pair(pl.col("group"), order.questions.code(pl.col("question"))), text="outside_remit"
    ).drop_nulls("pair")
    return pair(pl.col("group"), pl.col("_o3")).replace_strict(
        dict(zip(table.get_column("pair"), table.get_column("text"), strict=True)),
        default=None,
        return_dtype=pl.String,
    )


def _component_of(plan: Plan, order: ScoreOrder) -> pl.Expr:
    """Each score's ``component``: its group when the group has a share of the question, else
    ``""`` (a group not given a share of this question scores with the main evaluators)."""
    if not plan.evaluation.groups:  # no shares to look up: every score is the main evaluators'
        return pl.lit("")
    shares = _group_shares(plan).filter(pl.col("component") != "")
    groups = Dictionary(shares.get_column("component"))
    pairs = shares.select(
        groups.code(pl.col("component")) * order.questions.size
        + order.questions.code(pl.col("question"))
    ).to_series()
    in_group = (groups.code(pl.col("group")) * order.questions.size + pl.col("_o3")).is_in(
        pairs.drop_nulls().implode()
    )
    return pl.when(in_group).then(pl.col("group")).otherwise(pl.lit(""))


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
    )
    return usable, flags


def _evaluator_reasons(counted: pl.DataFrame) -> pl.DataFrame:
    """(_bq, evaluator_reasons): each bid-question's reasons as running text, in the canonical
    order, each once; each ends a sentence, or gets a ";" to part it from the next."""
    reason = pl.col("reason")
    return (
        counted.select("_bq", reason=reason.str.strip_chars())
        .filter(reason != "")
        .unique(keep="first", maintain_order=True)
        .group_by("_bq", maintain_order=True)
        .agg(
            evaluator_reasons=pl.when(reason.str.contains(r"[.!?;:]$"))
            .then(reason)
            .otherwise(reason + ";")
            .str.join(" ")
        )
        .with_columns(pl.col("evaluator_reasons").str.strip_chars_end(";"))
    )


def _conflict_flags(marked: pl.DataFrame, conflict_rule: str, missing_rule: str) -> pl.DataFrame:
    conflicted = (
        marked.filter(pl.col("conflicted") & pl.col("is_bid").is_not_null())
        # _o4, _o1, _o2: the evaluator key, supplier key and lot (their codes)
        .unique(["_o4", "_o1", "_o2"], keep="first", maintain_order=True)
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
        .unique("_o4", keep="first", maintain_order=True)
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
        scored.join(_group_shares(plan), on="question")
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


def _discrepancy_flags(grid: pl.DataFrame, share: float) -> pl.DataFrame:
    return grid.filter(pl.col("discrepancy")).select(
        "lot",
        "skey",
        code=pl.lit("quality.discrepancy"),
        message=pl.format(
            "evaluators' scores for {} range from {} to {}, more than {}% of the {}–{} scale; {}",
            pl.col("question"),
            num(pl.col("lowest")),
            num(pl.col("highest")),
            pl.lit(fmt(share * 100)),
            num(pl.col("low")),
            num(pl.col("high")),
            pl.when(pl.col("consensus").is_not_null())
            .then(pl.lit("a moderated consensus score was recorded"))
            .otherwise(pl.lit("moderate and record a consensus score with its reason")),
        ),
        severity=pl.lit("warning"),
    )


def _threshold_flags(grid: pl.DataFrame) -> pl.DataFrame:
    """Minimums that do not disqualify are flags (the disqualifying ones become reasons)."""
    return grid.filter(pl.col("below_minimum") & ~pl.col("disqualify")).select(
        "lot",
        "skey",
        code=pl.lit("quality.below_minimum"),
        message=below_minimum_text(disqualifies=False),
        severity=pl.lit("warning"),
    )


def below_minimum_text(disqualifies: bool) -> pl.Expr:
    """``Q1 'Title' scored 1 (consensus), below the minimum of 2 …`` for a grid row."""
    tail = (
        "failing it disqualifies the bid for this lot"
        if disqualifies
        else "the plan does not disqualify on it"
    )
    return pl.format(
        "{} '{}' scored {} ({}), below the minimum of {}; " + tail,
        pl.col("question"),
        pl.col("title"),
        num(pl.col("final")),
        pl.col("basis"),
        num(pl.col("minimum")),
    )


def _unmoderated_flags(grid: pl.DataFrame, aggregate: str) -> pl.DataFrame:
    differs = (pl.col("consensus") - pl.col("aggregate")).abs() > TOLERANCE
    no_reason = pl.col("consensus_reason").fill_null("") == ""
    return grid.filter(
        pl.col("consensus").is_not_null() & no_reason & differs.fill_null(True)
    ).select(
        "lot",
        "skey",
        code=pl.lit("moderation.no_reason"),
        message=pl.format(
            "the consensus score {} for {} differs from the evaluators' {} ({}) but has no "
            "written reason",
            num(pl.col("consensus")),
            pl.col("question"),
            pl.lit(aggregate),
            num(pl.col("aggregate")).fill_null("none"),
        ),
        severity=pl.lit("warning"),
    )
