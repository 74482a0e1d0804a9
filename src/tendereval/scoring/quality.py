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
   differs from the evaluators' aggregate without a written reason is flagged. One recorded by
   an evaluator who declared a conflict with the supplier is flagged under ``"flag"``; under
   ``"exclude"`` it is not used, and an error (in ``problems``) holds the award.
5. **Thresholds.** A score below the question's minimum disqualifies the bid for that lot when
   the plan says so, or is flagged when it does not.

A bid left with no usable score for a question (no counted score and no consensus) cannot be
scored: :mod:`tendereval.scoring.combine` makes it invalid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import polars as pl

from tendereval import comparison
from tendereval.comparison import POINT_DECIMALS
from tendereval.errors import Problem, Severity
from tendereval.person_names import (
    BETWEEN_NAMES,
    POST_NOMINALS,
    TITLE_WORDS,
    first_and_surname,
    person_words,
)
from tendereval.plan import Plan
from tendereval.scoring.canonical import (
    Dictionary,
    Encoded,
    ScoreOrder,
    encode,
    join_by_code,
    lookup,
    member,
    sort_by_codes,
)
from tendereval.scoring.common import (
    TOLERANCE,
    evaluator_key,
    flags_frame,
    fmt,
    num,
    side_by_side,
    warnings_on,
    with_key,
)
from tendereval.terminal import SHOWS_NOTHING

# The basis of a question's score when no evaluator's score counted and there is no
# consensus (the criteria frame's "basis"); the bid is invalid for it.
NO_USABLE_SCORE = "no usable score"
BID = ["skey", "lot"]
BID_QUESTION = ["skey", "lot", "question"]
# The text columns of the scores that are worked on as codes.
SCORE_TEXT = ("supplier", "lot", "question", "evaluator")


@dataclass
class QuestionScores:
    """What :func:`score_questions` found: frames keyed on ``skey``, except the listing of
    every score and the moderation, which name each bid's supplier as it is shown."""

    leaves: pl.DataFrame  # one row per bid × question
    # In the canonical order (see scoring.canonical), made when first asked for.
    evaluator_scores: Callable[[], pl.DataFrame]
    moderation: pl.DataFrame
    flags: pl.DataFrame
    # Errors that hold the award (a consensus recorded by an evaluator set aside for a
    # conflict of interest).
    problems: list[Problem]


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


def group_shares(plan: Plan) -> pl.DataFrame:
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
    encoded: dict[str, Encoded] | None = None,
) -> QuestionScores:
    """Score every question leaf for every bid in ``bids`` (columns ``skey``, ``lot`` and
    ``supplier``, the name the bid file gives; ordered by ``skey`` then ``lot``).

    ``moderation`` carries an ``skey`` column; ``keys`` maps supplier names to keys (every
    name in ``scores``, and the names evaluators list on their declarations). Each supplier is
    shown by the name its first bid gives. The leaves come bid by bid in the order the result
    lists bids (the plan's lots, then the name shown), each bid's questions in the plan's order.
    ``encoded``: the text columns of ``scores`` already encoded (:func:`encode`), if they are.
    """
    rules = plan.evaluation
    questions = questions_frame(plan)
    declared, conflicts = _declarations(declarations, keys)
    seen = encoded or encode(scores, *SCORE_TEXT)
    evaluators = _evaluators(seen["evaluator"].values, declared)
    order = ScoreOrder(
        plan_lots=list(plan.lot_ids),
        suppliers=Dictionary(pl.Series(list(keys.values()), dtype=pl.String)),
        lots=Dictionary(seen["lot"].values, bids.get_column("lot")),
        questions=Dictionary(seen["question"].values, questions.get_column("question")),
        evaluators=Dictionary(evaluators.get_column("evkey")),
    )
    first_bids = bids.unique("skey", keep="first", maintain_order=True)
    shown = order.suppliers.table_of(
        dict(zip(first_bids.get_column("skey"), first_bids.get_column("supplier"), strict=True)),
        pl.String,
    )

    marked = _marked(plan, bids, scores, seen, questions, evaluators, conflicts, keys, order, shown)
    flags = [_conflict_flags(marked, order, rules.conflicted_scores, rules.missing_declaration)]

    stats, parts = _aggregate(plan, marked.counted, order)
    flags.append(_missing_part_flags(plan, parts, order))

    # A consensus recorded by an evaluator the plan sets aside for a conflict, or for want of
    # a declaration, is not used: an error holds the award instead (with "flag" it is used,
    # and the bid flagged).
    moderation = moderation.with_row_index("_row")
    read_at = _consensus_read_at(moderation, questions, order)
    undeclared = (
        evaluators.filter(~pl.col("declared").fill_null(False)).get_column("evaluator").to_list()
    )
    named, refused, moderation = _moderators_set_aside(
        plan, moderation, declarations, keys, undeclared
    )
    problems = conflicted_moderator_errors(refused)
    flags.append(
        _conflicted_moderator_flags(named.filter(~pl.col("_row").is_in(refused["_row"].implode())))
    )
    flags.append(
        _unclear_moderator_flags(unclear_moderators(moderation, declarations, keys, undeclared))
    )
    consensus, consensus_flags = _consensus(moderation, questions, order)
    flags.append(consensus_flags)
    grouped = bool(rules.groups)
    if grouped:
        consensus = consensus.join(
            _moderated(plan, parts, consensus, order), on="_bq", how="left", maintain_order="left"
        )
    consensus = consensus.drop("_q")

    # Every bid × every question leaf, with its bid-question code to find its scores.
    listed = _bid_codes(bids, order).with_columns(shown=lookup(shown, pl.col("_s")))
    listed = sort_by_codes(
        listed, [(order.lot_place(pl.col("_l")), order.sizes[0]), "lot", "shown"]
    )
    grid = (
        listed.join(
            questions.with_columns(_q=order.questions.find(pl.col("question"))), how="cross"
        )
        .with_columns(_bq=order.bid_question(pl.col("_s"), pl.col("_l"), pl.col("_q")))
        .pipe(join_by_code, stats, "_bq")
        .pipe(_beside, consensus, "_bq")
        .pipe(_beside, read_at, "_bq")
        .drop("_s", "_l", "_q", "_bq")
        .with_columns(
            spread=pl.col("highest") - pl.col("lowest"),
            final=pl.coalesce(*(["moderated"] if grouped else []), "consensus", "aggregate"),
            evaluators=pl.col("evaluators").fill_null(0),
            main_evaluators=pl.col("main_evaluators").fill_null(0),
        )
        .with_columns(
            discrepancy=(
                pl.col("spread")
                > rules.discrepancy_share * (pl.col("high") - pl.col("low")) + TOLERANCE
            ).fill_null(False),
            basis=_basis(rules.aggregate, grouped),
            fraction=(pl.col("final") - pl.col("low")) / (pl.col("high") - pl.col("low")),
            # To 4 decimal places, as every award comparison (comparison.py): a mean of
            # 49.99996 reads, and is, 50.0000, which meets a minimum of 50.
            below_minimum=comparison.below_minimum(pl.col("final"), pl.col("minimum")).fill_null(
                False
            ),
        )
        .with_columns(
            weighted=pl.col("fraction") * pl.col("effective_weight"),
            reason=pl.when(pl.col("consensus").is_not_null())
            .then(_consensus_reason(grouped))
            .otherwise(pl.col("evaluator_reasons"))
            .fill_null(""),
        )
    )
    flags.append(_discrepancy_flags(grid, rules.discrepancy_share))
    flags.append(_group_discrepancy_flags(grid, plan))
    flags.append(_threshold_flags(grid))
    flags.append(_unmoderated_flags(grid, rules.aggregate))
    flags.append(_consensus_alone_flags(grid))
    flags.append(_consensus_outside_flags(grid))

    return QuestionScores(
        leaves=grid,
        evaluator_scores=marked.listing,
        # A consensus with no evaluator's score beside it is listed too: it decided the score.
        moderation=grid.filter(
            (pl.col("evaluators") > 0) | pl.col("consensus").is_not_null()
        ).select(
            "lot",
            pl.col("shown").alias("supplier"),
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


def replaced_by_consensus(
    problems: list[Problem],
    plan: Plan,
    bids: pl.DataFrame,
    scores: pl.DataFrame,
    declarations: pl.DataFrame,
    moderation: pl.DataFrame,
    keys: dict[str, str],
) -> list[Problem]:
    """``problems`` with each error at an evaluator's score that the panel's consensus
    replaces made a warning that says so: whatever it is put right to, the score used is the
    consensus, and the scores and the award are the same (step 4). A consensus replaces the
    main evaluators' scores (those in no group), on a bid-question of ``bids`` (those scored,
    as :func:`score_questions` takes them) whose score is the consensus
    (:func:`consensus_in_place`), or the consensus beside a group's own share; a group's own
    share is its members' scores still, so an error at one of them stands. Where no consensus
    is used (none recorded, one outside the scale, one recorded by an evaluator set aside for
    a conflict) the error stands too, and holds the award. The score sheets show the score as
    it was typed either way.

    The one rule for ``score`` and ``validate`` alike: it reads the scores, the declarations
    and the moderation (``moderation`` carries ``skey``), not the scoring, so ``validate``,
    which does not score, gives these errors as warnings too."""
    at: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(problems):
        if p.is_error and p.file and p.sheet and p.cell:
            at.setdefault((p.file, f"{p.sheet} › {p.cell}"), []).append(i)
    if not at:
        return problems
    cells = pl.DataFrame(list(at), schema={"source": pl.String, "cell": pl.String}, orient="row")
    used = consensus_in_place(plan, bids, scores, declarations, moderation, keys).select(
        "skey",
        "lot",
        "question",
        "shown",
        "consensus",
        consensus_source="source",
        consensus_cell="cell",
    )
    # Every score read at a cell in error must be one the consensus replaces (a cell is one
    # score on an evaluator's sheet, but a frame given in Python may repeat it).
    replaced = (
        with_key(scores.join(cells, on=["source", "cell"], how="semi"), keys)
        .with_columns(main=pl.col("group").fill_null("") == "")
        .join(used, on=["skey", "lot", "question"], how="left")
        .group_by("source", "cell", maintain_order=True)
        .agg(
            pl.all().first(),
            replaced=(pl.col("main") & pl.col("consensus").is_not_null()).all(),
            bids=pl.struct("skey", "lot", "question").n_unique(),
        )
        .filter(pl.col("replaced") & (pl.col("bids") == 1))
        .select(
            "source",
            "cell",
            "shown",
            "question",
            "consensus",
            "consensus_source",
            "consensus_cell",
        )
    )
    problems = list(problems)
    for source, cell, shown, question, consensus, read_from, read_at in replaced.iter_rows():
        where = f" ({read_from} › {read_at})" if read_from and read_at else ""
        for i in at[(source, cell)]:
            problems[i] = replace(
                problems[i],
                message=f"{problems[i].message}; the panel's consensus of {fmt(consensus)} "
                f"for {shown}'s {question}{where} replaces the evaluators' scores there, so "
                "putting it right cannot change the scores or the award",
                severity=Severity.WARNING,
            )
    return problems


def consensus_in_place(
    plan: Plan,
    bids: pl.DataFrame,
    scores: pl.DataFrame,
    declarations: pl.DataFrame,
    moderation: pl.DataFrame,
    keys: dict[str, str],
) -> pl.DataFrame:
    """(skey, lot, question, shown, consensus, source, cell): each bid-question of ``bids``
    (``skey``, ``lot``, ``supplier``, as :func:`score_questions` takes them) whose score is
    the panel's consensus (step 4), the supplier shown by the name its first bid gives, and
    the file and cell the consensus was read from. The consensus used is the one
    :func:`score_questions` uses: the first recorded (by file and cell) for a question of the
    plan, on its scale, and not recorded by an evaluator the plan sets aside for it. Worked
    out from the scores, declarations and moderation alone (``moderation`` carries ``skey``)."""
    questions = questions_frame(plan)
    undeclared = undeclared_evaluators(scores.get_column("evaluator"), declarations)
    _, _, kept = _moderators_set_aside(
        plan, moderation.with_row_index("_row"), declarations, keys, undeclared
    )
    shown = bids.unique("skey", keep="first", maintain_order=True).select("skey", shown="supplier")
    return (
        _usable_consensus(kept, questions)
        .filter(~_outside_scale())
        .join(bids.select(BID).unique(), on=BID, how="semi")
        .join(shown, on="skey", how="left")
        .select(*BID_QUESTION, "shown", consensus="score", source="source", cell="cell")
    )


def _moderators_set_aside(
    plan: Plan,
    moderation: pl.DataFrame,
    declarations: pl.DataFrame,
    keys: dict[str, str],
    undeclared: list[str],
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(named, refused, kept): the consensus scores :func:`conflicted_moderators` names, those
    of them the plan's rules refuse (:func:`moderator_refused`), and the rows of
    ``moderation`` (with a ``_row`` index) left once those refused are taken out."""
    rules = plan.evaluation
    named = conflicted_moderators(moderation, declarations, keys, undeclared)
    refused = named.filter(moderator_refused(rules.conflicted_scores, rules.missing_declaration))
    kept = moderation.filter(~pl.col("_row").is_in(refused.get_column("_row").implode()))
    return named, refused, kept


def _beside(frame: pl.DataFrame, other: pl.DataFrame, on: str) -> pl.DataFrame:
    """``frame`` with ``other``'s columns beside each row, matched on ``on`` (a left join
    keeping ``frame``'s order). With no rows in ``other`` (no consensus recorded: most
    tenders) its columns are added empty, as the join adds them, without a join over every
    bid-question."""
    if other.is_empty() and not set(frame.columns) & set(other.columns) - {on}:
        return frame.with_columns(
            pl.lit(None, dtype).alias(name) for name, dtype in other.schema.items() if name != on
        )
    return frame.join(other, on=on, how="left", maintain_order="left")


# The basis of a moderated score where a group kept its own share beside the consensus.
CONSENSUS_AND_GROUP = "consensus + group share"
# The basis of an aggregate (mean or median) with a group's own share in it.
AND_GROUP = " + group share"


def _basis(aggregate: str, grouped: bool) -> pl.Expr:
    """What a question's score is: the consensus, the evaluators' mean or median, or neither.
    A score with an evaluator group's own share in it is not the consensus or the mean alone
    (officers' 2 and 1 with the panel's 3 at 25% make 0.75 × 1.5 + 0.25 × 3 = 1.875, where
    the mean of the three is 2), so it says so."""
    consensus, plain = pl.lit("consensus"), pl.lit(aggregate)
    if grouped:
        group_part = pl.col("group_part").fill_null(False)
        consensus = (
            pl.when(pl.col("moderated").is_not_null() & group_part)
            .then(pl.lit(CONSENSUS_AND_GROUP))
            .otherwise(consensus)
        )
        plain = pl.when(pl.col("mixed").fill_null(False)).then(pl.lit(aggregate + AND_GROUP))
        plain = plain.otherwise(pl.lit(aggregate))
    return (
        pl.when(pl.col("consensus").is_not_null())
        .then(consensus)
        .when(pl.col("aggregate").is_not_null())
        .then(plain)
        .otherwise(pl.lit(NO_USABLE_SCORE))
    )


def _consensus_reason(grouped: bool) -> pl.Expr:
    """The explanation of a moderated score: the panel's reason, then, where a group kept its
    own share beside the consensus, the group's reasons (its view counts, so it explains)."""
    if not grouped:
        return pl.col("consensus_reason")
    return pl.concat_str(
        [
            pl.col("consensus_reason"),
            pl.when(pl.col("moderated").is_not_null()).then(pl.col("group_reasons")),
        ],
        separator=" ",
        ignore_nulls=True,
    ).str.strip_chars()


def _evaluators(spellings: pl.Series, declared: pl.DataFrame) -> pl.DataFrame:
    """What is known per evaluator, as the score sheets spell their name, in sorted order:
    their key (a regular expression over text: worked out once per evaluator, not once per
    score) and whether they declared."""
    return (
        pl.DataFrame({"evaluator": Dictionary(spellings).values})
        .with_columns(evkey=evaluator_key())
        .join(declared, on="evkey", how="left", maintain_order="left")
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


# Up to this many reasons in a bid-question, repeats are found by comparing each with the ones
# before it; beyond, by a hash table.
REPEATS_COMPARED = 12

# Why a score does not count, in the order the reasons are tested (the first that applies).
# The first, a score that could not be used, is said more exactly when the loader said why
# (the scores' ``set_aside_because``).
UNUSABLE = 0
EXCLUSIONS = (
    "no usable score (see the problems list)",
    "the question is not in the plan",
    "no bid from this supplier for this lot",
    "score outside the question's scale",
    "declared conflict of interest with this supplier",
    "no conflict-of-interest declaration",
)


@dataclass
class Marked:
    """Every score with whether it counts and why not (see :func:`_marked`)."""

    counted: pl.DataFrame  # the counted scores in the canonical order, with their codes
    conflicted: pl.DataFrame  # scores from evaluators who declared a conflict with the bidder
    undeclared: pl.DataFrame  # scores from evaluators with no declaration
    listing: Callable[[], pl.DataFrame]  # every score in the canonical order, made when asked


def _marked(
    plan: Plan,
    bids: pl.DataFrame,
    scores: pl.DataFrame,
    seen: dict[str, Encoded],
    questions: pl.DataFrame,
    evaluators: pl.DataFrame,
    conflicts: pl.DataFrame,
    keys: dict[str, str],
    order: ScoreOrder,
    shown: pl.Series,
) -> Marked:
    """Whether each score counts and why not, its component (group share), its codes (``_bq``
    its bid-question, ``_ek`` its evaluator key) and the bid's supplier by the name it is shown
    by.

    Only the counted scores are put in order here (what the aggregates need); the listing of
    every score, in order and with its reason in words, is made when it is first read."""
    rules = plan.evaluation
    spellings = Dictionary(evaluators.get_column("evaluator"))
    supplier_code = order.suppliers.position
    names = seen["supplier"].values.to_list()
    supplier_of_number = pl.Series(
        [supplier_code.get(keys.get(name)) for name in names], dtype=pl.UInt32
    )
    evkey_code = order.evaluators.position
    evkey_of_spelling = spellings.table_of(
        {
            spelling: evkey_code.get(evkey)
            for spelling, evkey in evaluators.select("evaluator", "evkey").iter_rows()
        },
        pl.UInt32,
    ).fill_null(order.evaluators.null)
    supplier, lot, question = pl.col("_s"), pl.col("_l"), pl.col("_q")
    ends = {
        end: order.questions.table_of(
            dict(zip(questions.get_column("question"), questions.get_column(end), strict=True)),
            pl.Float64,
        )
        for end in ("low", "high")
    }
    low, high = (lookup(ends[end], question) for end in ("low", "high"))
    conflict_codes = conflicts.select(
        _ek=order.evaluators.find(pl.col("evkey")), _s=order.suppliers.find(pl.col("skey"))
    )
    remit, remit_texts = _outside_remit_of(plan, order)
    grouped = bool(rules.groups)
    supplier_codes = supplier_of_number.fill_null(order.suppliers.null)
    coded = scores.with_columns(
        _s=lookup(supplier_codes, pl.lit(seen["supplier"].numbers)).fill_null(order.suppliers.null),
        _l=order.lots.code_of(seen["lot"]),
        _q=order.questions.code_of(seen["question"]),
        _e=spellings.code_of(seen["evaluator"]),
    ).with_columns(
        _bq=order.bid_question(supplier, lot, question),
        _ek=lookup(evkey_of_spelling, pl.col("_e")),
        **({"component": _component_of(plan, order)} if grouped else {}),
    )
    # Each test of why a score would not count is made on every score only when it can apply
    # to one (worked out on the few distinct suppliers, lots, questions and evaluators): in
    # most tenders none can, and each test costs a pass over every score.
    bid_pairs = _bid_codes(bids, order).select("_s", "_l")
    # The codes the scores hold, each once.
    seen_suppliers = _codes_held(supplier_codes, seen["supplier"], order.suppliers)
    seen_lots = _codes_held(order.lots.codes(seen["lot"]), seen["lot"], order.lots)
    seen_questions = _codes_held(
        order.questions.codes(seen["question"]), seen["question"], order.questions
    )
    score_column = scores.get_column("score")
    tested = {
        "is_bid": not _every_pair_a_bid(seen_suppliers, seen_lots, bid_pairs),
        "conflicted": conflict_codes.drop_nulls().height > 0,
        # (An evaluator with no row in the declarations has not declared, nor has a score
        # that names no evaluator.)
        "undeclared": not evaluators.get_column("declared").fill_null(False).all()
        or seen["evaluator"].numbers.null_count() > 0,
    }
    score = pl.col("score")
    tests = [
        (score.is_null(), 0, score_column.null_count() > 0),
        (low.is_null(), 1, ends["low"].gather(seen_questions).null_count() > 0),
        (~pl.col("is_bid"), 2, tested["is_bid"]),
        ((score < low) | (score > high), 3, _may_be_outside(score_column, seen_questions, ends)),
        (remit.is_not_null(), len(EXCLUSIONS) + remit, bool(remit_texts)),
        (pl.col("conflicted"), 4, tested["conflicted"] and rules.conflicted_scores == "exclude"),
        (pl.col("undeclared"), 5, tested["undeclared"] and rules.missing_declaration == "exclude"),
    ]
    per_score: dict[str, pl.Expr] = {}
    if tested["is_bid"]:
        per_score["is_bid"] = member(
            (supplier, order.suppliers.size), (lot, order.lots.size), bid_pairs
        )
    if tested["conflicted"]:
        per_score["conflicted"] = member(
            (pl.col("_ek"), order.evaluators.size), (supplier, order.suppliers.size), conflict_codes
        )
    if tested["undeclared"]:
        declared = spellings.table(evaluators.get_column("declared"))
        per_score["undeclared"] = ~lookup(declared, pl.col("_e")).fill_null(False)
    coded = coded.with_columns(**per_score)
    excluded: pl.Expr = pl.lit(None, pl.Int64)
    for test, code, applies in reversed(tests):
        if applies:
            number = pl.lit(code) if isinstance(code, int) else code
            excluded = pl.when(test).then(number.cast(pl.Int64)).otherwise(excluded)
    coded = coded.with_columns(_x=excluded)
    # What ScoreOrder.sort needs: the codes, and what orders rows sharing an order key.
    ties = ["_bq", "_ek", "_s", "_l", "_q", "score", "source", "cell"]
    # (Each frame is cut to its columns before its rows: filtering copies every column.)
    kept = coded.select(*ties, "reason", *(["component"] if grouped else []))
    if any(applies for _, _, applies in tests):
        kept = kept.filter(coded.get_column("_x").is_null())
    # (Only what the aggregates read is moved into order, and read back: without evaluator
    # groups, the bid-question's code alone.)
    counted = order.sort(
        kept,
        keep=["score", "reason", "component"],
        codes=("_s", "_l", "_q", "_bq") if grouped else ("_bq",),
    )
    context = ["lot", "evaluator"]  # (and the source, one of the ties)

    def scores_where(*flags: str) -> pl.DataFrame:
        return coded.select(*ties, *context, *flags).filter(pl.all_horizontal(flags)).drop(flags)

    none = coded.select(*ties, *context).clear()
    conflicted = order.sort(
        scores_where("conflicted", *(["is_bid"] if tested["is_bid"] else []))
        if tested["conflicted"]
        else none
    )
    undeclared = order.sort(scores_where("undeclared") if tested["undeclared"] else none)
    texts = pl.Series([*EXCLUSIONS, *remit_texts], dtype=pl.String)

    def listing() -> pl.DataFrame:
        # A score for a supplier with no bid keeps the name its sheet gives; when there is
        # none, that column need not be moved into order at all.
        own_names = not coded.select(lookup(shown.is_not_null(), pl.col("_s")).all()).item()
        kept = coded.select(
            "lot", "question", "evaluator", "group", "score", "reason", "source", "cell",
            "found", "set_aside_because",
            *(["supplier"] if own_names else []),
            *ties[:5], "_x",
        )  # fmt: skip
        named = lookup(shown, pl.col("_s"))
        excluded = lookup(texts, pl.col("_x"))
        return order.sort(kept).select(
            "lot",
            (pl.coalesce(named, "supplier") if own_names else named).alias("supplier"),
            *["question", "evaluator", "group"],
            # A score set aside when it was read is listed as typed, with why it did not
            # count (3.5 on a scale of whole points is 3.5, not a blank).
            pl.coalesce("score", pl.col("found").cast(pl.Float64, strict=False)).alias("score"),
            "found",
            "reason",
            pl.col("_x").is_null().alias("counted"),
            pl.when(pl.col("_x") == UNUSABLE)
            .then(pl.coalesce("set_aside_because", excluded))
            .otherwise(excluded)
            .alias("excluded_because"),
            *["source", "cell"],
        )

    return Marked(counted, conflicted, undeclared, listing)


def _codes_held(codes: pl.Series, column: Encoded, dictionary: Dictionary) -> pl.Series:
    """The codes an encoded column's rows hold, given ``codes``, those of its values in
    order: null's code too when a row is null."""
    nulls = [dictionary.null] if column.numbers.null_count() else []
    return pl.concat([codes, pl.Series(nulls, dtype=codes.dtype)]).unique()


def _every_pair_a_bid(suppliers: pl.Series, lots: pl.Series, bids: pl.DataFrame) -> bool:
    """Whether every supplier code with every lot code is a bid (``bids``: ``_s``, ``_l``):
    whether the bids among those pairs, each counted once, are as many as the pairs (worked
    out in polars: a Python set of 10,000 bids took 4 ms)."""
    wanted = suppliers.len() * lots.len()
    if wanted > bids.height:
        return False
    among = bids.filter(
        pl.col("_s").is_in(suppliers.implode()) & pl.col("_l").is_in(lots.implode())
    ).select(pl.struct("_s", "_l").n_unique())
    return among.item() == wanted


def _may_be_outside(scores: pl.Series, questions: pl.Series, ends: dict[str, pl.Series]) -> bool:
    """Whether a score may be outside its question's scale: not when every score lies within
    every scale the scores' questions have (a question with no scale is tested score by
    score, and so is a score that is not a number)."""
    lows, highs = (ends[end].gather(questions) for end in ("low", "high"))
    if lows.null_count() or highs.null_count() or scores.is_nan().any():
        return True
    lowest, highest = scores.min(), scores.max()
    if lowest is None:  # no score at all
        return False
    return bool(lowest < lows.max() or highest > highs.min())  # type: ignore[operator]


def _bid_codes(bids: pl.DataFrame, order: ScoreOrder) -> pl.DataFrame:
    """``bids`` with the codes of their supplier key and lot (``_s``, ``_l``)."""
    return bids.with_columns(
        _s=order.suppliers.find(pl.col("skey")), _l=order.lots.find(pl.col("lot"))
    )


def _aggregate(
    plan: Plan, counted: pl.DataFrame, order: ScoreOrder
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per bid-question (``_bq``) of the counted scores: how many, the lowest and highest, the
    aggregate and the reasons; and the group parts the aggregate was made of.

    Rows come in the canonical order, so each bid-question's scores are aggregated in one order
    whatever order they arrived in (a float sum depends on it)."""
    rules = plan.evaluation
    how = pl.col("score").median() if rules.aggregate == "median" else pl.col("score").mean()
    grouped = bool(plan.evaluation.groups)
    # The range moderation reconciles is the main evaluators': a group with its own share of
    # the question (a service-user panel) is not moderated away (see _moderated). Without
    # groups every score is theirs.
    main_score = pl.col("score").filter(pl.col("component") == "") if grouped else pl.col("score")
    stats, texts = side_by_side(
        lambda: counted.group_by("_bq", maintain_order=True).agg(
            *([] if grouped else [how.alias("value")]),
            evaluators=pl.len().cast(pl.Int64),
            lowest=main_score.min(),
            highest=main_score.max(),
            **({"main_evaluators": main_score.len().cast(pl.Int64)} if grouped else {}),
        ),
        lambda: _running_text(counted),
    )
    # (The reasons put in the statistics' order, so the two are merged, not hashed.)
    stats = join_by_code(stats, texts.sort("_bq"), "_bq").with_columns(
        pl.col("evaluator_reasons").fill_null("")
    )
    # Each part's aggregate weighted by its share of the question, over the shares present.
    weighted = (pl.col("value") * pl.col("share")).sum() / pl.col("share").sum()
    if grouped:
        shares = group_shares(plan).with_columns(_q=order.questions.find(pl.col("question")))
        parts = (
            counted.group_by(["_bq", "component"], maintain_order=True)
            .agg(pl.col("_s", "_l", "_q").first(), value=how)
            .join(shares, on=["_q", "component"], how="left", maintain_order="left")
        )
        # The parts come in the order of their bid-questions, so the aggregates line up with
        # the statistics row for row.
        aggregate = parts.group_by("_bq", maintain_order=True).agg(
            aggregate=weighted,
            # Whether a group's own share is in the score: beside the other evaluators' part
            # (or another group's), and beside a consensus.
            mixed=pl.len() > 1,
            group_part=(pl.col("component") != "").any(),
        )
        stats = stats.with_columns(*aggregate.select("aggregate", "mixed", "group_part"))
        # The main evaluators' own aggregate (what a consensus replaces), and the reasons of
        # the groups that keep their share beside it.
        main = parts.filter(pl.col("component") == "").select("_bq", main_aggregate="value")
        reasons = _running_text(counted.filter(pl.col("component") != "")).rename(
            {"evaluator_reasons": "group_reasons"}
        )
        stats = (
            stats.join(main, on="_bq", how="left", maintain_order="left")
            .join(reasons, on="_bq", how="left", maintain_order="left")
            .join(_widest_group(counted), on="_bq", how="left", maintain_order="left")
        )
    else:
        # One part per bid-question, the main evaluators' with the whole question: the same
        # sums, each of one number.
        parts = stats.select("_bq", "value", component=pl.lit(""), share=pl.lit(100.0))
        # (On the series themselves: an expression's optimiser may cancel the share out.)
        value, share = parts.get_column("value"), parts.get_column("share")
        stats = stats.with_columns(aggregate=value * share / share).drop("value")
        stats = stats.with_columns(
            main_evaluators=pl.col("evaluators"),
            main_aggregate=pl.col("aggregate"),
            spread_group=pl.lit(None, pl.String),
            group_lowest=pl.lit(None, pl.Float64),
            group_highest=pl.lit(None, pl.Float64),
        )
    return stats, parts


def _widest_group(counted: pl.DataFrame) -> pl.DataFrame:
    """(_bq, spread_group, group_lowest, group_highest): of the evaluator groups with their
    own share of a bid-question, the one whose members' scores lie furthest apart (the first
    by id of equals). Their mean is the group's part, not moderated away, so members far
    apart (a 1 and a 5) are flagged apart from the other evaluators' discrepancy."""
    score = pl.col("score")
    return (
        counted.filter(pl.col("component") != "")
        .group_by("_bq", "component", maintain_order=True)
        .agg(group_lowest=score.min(), group_highest=score.max())
        .sort(
            "_bq",
            pl.col("group_highest") - pl.col("group_lowest"),
            "component",
            descending=[False, True, False],
        )
        .unique("_bq", keep="first", maintain_order=True)
        .select("_bq", "group_lowest", "group_highest", spread_group="component")
    )


def _moderated(
    plan: Plan, parts: pl.DataFrame, consensus: pl.DataFrame, order: ScoreOrder
) -> pl.DataFrame:
    """(_bq, moderated): the score of each moderated bid-question whose question gives an
    evaluator group its own share, with the consensus in place of the main evaluators' part
    only. Moderation reconciles the evaluators' scores; the plan gives the group's view its
    own weight (a service-user panel's 25% of Q1), and a meeting of officers does not take
    it away: officers 4, 4 and 1 agreed at 3, the panel's 4 at 25%, is 0.75 × 3 + 0.25 × 4.
    The parts are summed in one order (the main part first), so the sum is reproducible."""
    shares = group_shares(plan).with_columns(_q=order.questions.find(pl.col("question")))
    shared = shares.filter(pl.col("component") != "").select("_q").unique()
    main_share = shares.filter(pl.col("component") == "").select("_q", "share")
    agreed = (
        consensus.join(shared, on="_q", how="semi")
        .join(main_share, on="_q", how="left")
        .select("_bq", component=pl.lit(""), value="consensus", share="share")
    )
    beside = (
        parts.filter(pl.col("component") != "")
        .join(agreed, on="_bq", how="semi")
        .select("_bq", "component", "value", "share")
    )
    value, share = pl.col("value"), pl.col("share")
    return (
        pl.concat([agreed, beside.cast(agreed.schema)])
        .sort("_bq", "component")
        .group_by("_bq", maintain_order=True)
        .agg(moderated=(value * share).sum() / share.sum())
    )


def _running_text(counted: pl.DataFrame) -> pl.DataFrame:
    """(_bq, evaluator_reasons): each bid-question's reasons as running text, in the canonical
    order: each once (trimmed), blanks left out; each ends a sentence, or gets a ";" to part
    it from the next. Bid-questions with no reason are left out."""
    bq, reason = pl.col("_bq"), pl.col("reason")
    # The most rows any bid-question has (its rows are together).
    most = counted.select(bq.rle().struct.field("len").max()).item() or 0
    said = (
        # A reason repeating the row before it in its bid-question says nothing new.
        counted.filter(
            (bq != bq.shift(1)).fill_null(True) | (reason != reason.shift(1)).fill_null(True)
        )
        .select("_bq", reason=reason.str.strip_chars())
        .filter(~reason.str.contains(SHOWS_NOTHING))
    )
    # Each reason once in its bid-question: the rows of one bid-question are together, so with
    # a few evaluators comparing each row with the few before it finds every repeat.
    if most <= REPEATS_COMPARED:
        repeated = pl.lit(False)
        for back in range(1, most):
            repeated = repeated | (
                (bq == bq.shift(back)) & (reason == reason.shift(back))
            ).fill_null(False)
        said = said.filter(~repeated)
    else:
        said = said.unique(["_bq", "reason"], keep="first", maintain_order=True)
    # A bid-question with one reason (evaluators who agree, or one evaluator) is that reason:
    # the ";" it would be given is taken off the end again. Only the others are collected.
    alone = (bq != bq.shift(1)).fill_null(True) & (bq != bq.shift(-1)).fill_null(True)
    said = said.with_columns(_alone=alone)
    single = said.filter("_alone").select("_bq", evaluator_reasons=reason.str.strip_chars_end(";"))
    several = (
        said.filter(~pl.col("_alone"))
        .with_columns(
            reason=pl.when(reason.str.contains(r"[.!?;:]$")).then(reason).otherwise(reason + ";")
        )
        .group_by("_bq", maintain_order=True)
        .agg(evaluator_reasons=reason)
        .select(
            "_bq",
            evaluator_reasons=pl.col("evaluator_reasons").list.join(" ").str.strip_chars_end(";"),
        )
    )
    return pl.concat([single, several])


def _outside_remit_of(plan: Plan, order: ScoreOrder) -> tuple[pl.Expr, list[str]]:
    """Which outside-remit reason (by number) applies to each score, and their texts."""
    remit = _outside_remit(plan)
    if remit.height == 0:
        return pl.lit(None, pl.Int64), []
    groups = Dictionary(remit.get_column("group"))
    size = order.questions.size
    numbered = remit.with_columns(
        pair=groups.find(pl.col("group")).cast(pl.Int64) * size
        + order.questions.find(pl.col("question"))
    ).drop_nulls("pair")
    number = {pair: i for i, pair in enumerate(numbered.get_column("pair"))}
    pair = groups.code(pl.col("group")).cast(pl.Int64) * size + pl.col("_q")
    which = pair.replace_strict(number, default=None, return_dtype=pl.Int64)
    return which, numbered.get_column("outside_remit").to_list()


def _component_of(plan: Plan, order: ScoreOrder) -> pl.Expr:
    """Each score's ``component``: its group when the group has a share of the question, else
    ``""`` (a group not given a share of this question scores with the main evaluators)."""
    if not plan.evaluation.groups:  # no shares to look up: every score is the main evaluators'
        return pl.lit("")
    shares = group_shares(plan).filter(pl.col("component") != "")
    groups = Dictionary(shares.get_column("component"))
    size = order.questions.size
    pairs = shares.select(
        groups.find(pl.col("component")).cast(pl.Int64) * size
        + order.questions.find(pl.col("question"))
    ).to_series()
    in_group = (groups.code(pl.col("group")).cast(pl.Int64) * size + pl.col("_q")).is_in(
        pairs.drop_nulls().implode()
    )
    return pl.when(in_group).then(pl.col("group")).otherwise(pl.lit(""))


def _consensus(
    moderation: pl.DataFrame, questions: pl.DataFrame, order: ScoreOrder
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Usable consensus scores (one per bid-question, ``_bq``) and flags for unusable ones."""
    rows = _usable_consensus(moderation, questions)
    outside = _outside_scale()
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
    codes = _bid_codes(rows, order).with_columns(_q=order.questions.find(pl.col("question")))
    usable = codes.filter(~outside).select(
        _bq=order.bid_question(pl.col("_s"), pl.col("_l"), pl.col("_q")),
        _q=pl.col("_q"),
        consensus=pl.col("score"),
        consensus_reason=_explaining(pl.col("reason")),
        moderated_by=pl.col("moderator"),
    )
    return usable, flags


def _usable_consensus(moderation: pl.DataFrame, questions: pl.DataFrame) -> pl.DataFrame:
    """The consensus recorded for each bid-question of the plan's questions: the first (by
    file and cell) with a score, with the question's scale (``low``, ``high``). It is used
    unless it is outside the scale (:func:`_outside_scale`)."""
    return (
        moderation.filter(pl.col("score").is_not_null())
        .join(questions.select("question", "low", "high"), on="question", how="inner")
        .sort([*BID_QUESTION, "source", "cell"], nulls_last=True)
        .unique(BID_QUESTION, keep="first", maintain_order=True)
    )


def _outside_scale() -> pl.Expr:
    """Whether a consensus (``score``) is outside its question's scale: it is not used."""
    return (pl.col("score") < pl.col("low")) | (pl.col("score") > pl.col("high"))


def _consensus_read_at(
    moderation: pl.DataFrame, questions: pl.DataFrame, order: ScoreOrder
) -> pl.DataFrame:
    """Where the panel's consensus for each bid-question (``_bq``) was read: the file and
    cell (``consensus_source``, ``consensus_cell``) of the row :func:`_consensus` takes, or,
    when that row gives no usable score (typed as words, with no reason, or recorded by a
    conflicted evaluator), of the first row read for it, as the evaluator scores give where
    each score was read, counted or not."""
    rows = (
        moderation.join(questions.select("question"), on="question", how="semi")
        .sort([*BID_QUESTION, pl.col("score").is_null(), "source", "cell"], nulls_last=True)
        .unique(BID_QUESTION, keep="first", maintain_order=True)
    )
    codes = _bid_codes(rows, order).with_columns(_q=order.questions.find(pl.col("question")))
    return codes.filter(pl.all_horizontal(pl.col("_s", "_l", "_q").is_not_null())).select(
        _bq=order.bid_question(pl.col("_s"), pl.col("_l"), pl.col("_q")),
        consensus_source=pl.col("source"),
        consensus_cell=pl.col("cell"),
    )


def _explaining(reason: pl.Expr) -> pl.Expr:
    """A reason trimmed, "" for none or one that shows nothing (a zero-width space, a
    control character): it explains no score, as the score sheets' reader has it."""
    return (
        pl.when(reason.fill_null("").str.contains(SHOWS_NOTHING))
        .then(pl.lit(""))
        .otherwise(reason.str.strip_chars())
    )


def _words(text: pl.Expr) -> pl.Expr:
    """Text as lower-case words between single spaces, padded: " priya shah chair " (so that
    one name is found in another text only as whole words). The words are those
    person_names.person_words reads an evaluator's name as."""
    words = text.str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()
    return pl.concat_str(pl.lit(" "), words, pl.lit(" "))


def undeclared_evaluators(evaluators: pl.Series, declarations: pl.DataFrame) -> list[str]:
    """The names among ``evaluators`` (as the scores give them) with no declaration answering
    'none' or 'declared' (none at all, or one left blank or answered "yes - see email"): the
    plan's ``missing_declaration`` rule sets their scores aside or flags them."""
    declared, _ = _declarations(declarations, {})
    return (
        _evaluators(evaluators.drop_nulls().unique().sort(), declared)
        .filter(~pl.col("declared").fill_null(False))
        .get_column("evaluator")
        .to_list()
    )


def conflicted_moderators(
    moderation: pl.DataFrame,
    declarations: pl.DataFrame,
    keys: dict[str, str],
    undeclared: list[str] | None = None,
) -> pl.DataFrame:
    """Each consensus score (a row of ``moderation``, which carries ``skey``) whose "Moderated
    by" names an evaluator the plan's rules set aside for it: one who declared a conflict of
    interest with that supplier, or one of ``undeclared`` (:func:`undeclared_evaluators`, for
    any supplier; ``undeclared`` True), with that evaluator and the file of their declaration
    (``declared_in``). Named is every word of the name as read (person_names.person_words),
    whole, in any order and case: "Priya Shah (chair)" and "Shah, Priya" name Priya Shah, and
    Dr Priya Shah, Priya Shah MBE and "Shah, Mrs Priya" as a Declaration writes her; or, for a
    name with a middle name, the first name and surname when no other evaluator has both
    ("Priya Shah (chair)" names Priya Rani Shah); "P. Shah" does not. Their own scores for the
    bid are set aside (or flagged), and a consensus they recorded would bring their view back
    in by another door."""
    pairs = _moderator_pairs(moderation, declarations, keys, undeclared or [])
    return pairs.filter("_named").drop("_pair", "_named", "_partly")


def unclear_moderators(
    moderation: pl.DataFrame,
    declarations: pl.DataFrame,
    keys: dict[str, str],
    undeclared: list[str] | None = None,
) -> pl.DataFrame:
    """Each consensus score whose "Moderated by" names nobody, or names an evaluator set aside
    for it (:func:`conflicted_moderators`) only in part ("P. Shah" for Priya Shah, "Shah" for
    Priya Shah): :func:`conflicted_moderators` cannot tell whether they recorded it.
    ``evaluator``: the one it may be (null for a blank), ``undeclared`` whether for want of a
    declaration. A name that is none of theirs (a procurement officer chairing: "Mo", "The
    panel") is not unclear: nothing suggests such an evaluator."""
    recorded = moderation.filter(pl.col("score").is_not_null())
    blank = recorded.filter(pl.col("moderator").fill_null("").str.strip_chars() == "")
    pairs = _moderator_pairs(moderation, declarations, keys, undeclared or [])
    named = pairs.filter("_named").get_column("_row")
    partly = pairs.filter(pl.col("_partly") & ~pl.col("_row").is_in(named.implode())).unique(
        "_row", keep="first", maintain_order=True
    )
    return pl.concat(
        [
            blank.with_columns(
                evaluator=pl.lit(None, dtype=pl.String), undeclared=pl.lit(None, dtype=pl.Boolean)
            ),
            partly.select(*recorded.columns, "evaluator", "undeclared"),
        ],
        how="vertical_relaxed",
    ).sort("_row")


def _set_aside(
    moderation: pl.DataFrame,
    declarations: pl.DataFrame,
    keys: dict[str, str],
    undeclared: list[str],
) -> pl.DataFrame:
    """(evaluator, declared_in, skey, undeclared): each evaluator who declared a conflict with a
    supplier, with that supplier; and each of ``undeclared`` with every supplier moderated."""
    conflicted = (
        declarations.select("evaluator", "conflicted_suppliers", declared_in="source")
        .explode("conflicted_suppliers")
        .select(
            "evaluator",
            "declared_in",
            skey=pl.col("conflicted_suppliers").replace_strict(
                keys, default=None, return_dtype=pl.String
            ),
            undeclared=pl.lit(False),
        )
        .drop_nulls(["evaluator", "skey"])
    )
    unanswered = pl.DataFrame({"evaluator": undeclared}, schema={"evaluator": pl.String}).join(
        moderation.select("skey").drop_nulls().unique().sort("skey"), how="cross"
    )
    return (
        pl.concat(
            [
                conflicted,
                unanswered.select(
                    "evaluator",
                    declared_in=pl.lit(None, dtype=pl.String),
                    skey="skey",
                    undeclared=pl.lit(True),
                ),
            ],
            how="vertical_relaxed",
        )
        .filter(_words(pl.col("evaluator")).str.strip_chars() != "")
        .unique(["evaluator", "skey"], keep="first", maintain_order=True)
    )


def _name_forms(names: list[str], everyone: list[str]) -> pl.DataFrame:
    """(evaluator, _form, word): the words that name each of ``names`` in a "Moderated by",
    every one of a form needed: the name as read (:func:`person_words`, form 0), and for a name
    with a middle name its first name and surname (form 1) when no other of ``everyone`` has
    both. A small frame, a row per word of a few evaluators' names."""
    people: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for name in everyone:
        pair = first_and_surname(name)
        if pair is not None:
            people.setdefault(pair, set()).add(person_words(name))
    rows = []
    for name in dict.fromkeys(names):
        words = person_words(name)
        rows.extend((name, 0, word) for word in words)
        pair = first_and_surname(name)
        if pair is not None and len(words) > 2 and people.get(pair, set()) <= {words}:
            rows.extend((name, 1, word) for word in pair)
    return pl.DataFrame(
        rows, schema={"evaluator": pl.String, "_form": pl.Int64, "word": pl.String}, orient="row"
    )


def _moderator_pairs(
    moderation: pl.DataFrame,
    declarations: pl.DataFrame,
    keys: dict[str, str],
    undeclared: list[str],
) -> pl.DataFrame:
    """Each consensus score with a "Moderated by" beside each evaluator set aside for its
    supplier (``evaluator``, ``declared_in``, ``undeclared``: :func:`_set_aside`), numbered
    (``_pair``), with whether the text names them (``_named``: :func:`_name_forms`, whole
    words in any order: "Shah, Priya (chair)" names Priya Shah as "Priya Shah (chair)" does,
    names being written surname first in Outlook and HR lists) or names them in part
    (``_partly``: :func:`_in_part`)."""
    set_aside = _set_aside(moderation, declarations, keys, undeclared)
    recorded = moderation.filter(pl.col("score").is_not_null() & pl.col("moderator").is_not_null())
    flags = {"_named": pl.Boolean, "_partly": pl.Boolean, "_pair": pl.UInt32}
    if set_aside.is_empty() or recorded.is_empty():
        return (
            recorded.clear()
            .join(set_aside.clear(), on="skey")
            .with_columns(pl.lit(None, dtype=dtype).alias(name) for name, dtype in flags.items())
        )
    pairs = recorded.join(set_aside, on="skey", how="inner", maintain_order="left").with_row_index(
        "_pair"
    )
    everyone = [*declarations.get_column("evaluator").drop_nulls(), *undeclared]
    forms = _name_forms(set_aside.get_column("evaluator").unique().sort().to_list(), everyone)
    found = (
        pairs.select("_pair", "evaluator", said=_words(pl.col("moderator")))
        .join(forms, on="evaluator", how="inner")
        .with_columns(
            _in=pl.col("said").str.contains(
                pl.concat_str(pl.lit(" "), "word", pl.lit(" ")), literal=True
            )
        )
        .group_by("_pair", "_form")
        .agg(pl.col("_in").all())
        .group_by("_pair")
        .agg(_named=pl.col("_in").any())
    )
    partly = _in_part(pairs, forms)
    return pairs.join(found, on="_pair", how="left", maintain_order="left").join(
        partly, on="_pair", how="left", maintain_order="left"
    )


# Words in a "Moderated by" that are no part of whose name it is: titles before a name ("Dr
# Okafor") and letters after it ("Shah MBE").
_NOT_THE_NAME = sorted(TITLE_WORDS | POST_NOMINALS)
# What parts one name from the next in a "Moderated by" cell (person_names.BETWEEN_NAMES).
_BETWEEN_NAMES = BETWEEN_NAMES


def _in_part(pairs: pl.DataFrame, forms: pl.DataFrame) -> pl.DataFrame:
    """Whether each pair's "Moderated by" (``moderator``) names its ``evaluator`` in part
    (``_partly``, by ``_pair``): one name it gives has a word of two letters or more of theirs
    (as read: ``forms``, :func:`_name_forms`) and no such word that is not (titles and letters
    after a name aside): "P. Shah", "Shah", "Priya (chair)", "Tom, procurement lead" may be
    Priya Shah or Tom Okafor. A name given in full with another surname is someone else's:
    "Tom Harris (procurement lead)" is not Tom Okafor, who shares only his first name (flagged
    as may be him, it asked the officer to name in full a chair named in full). "Harris, Tom"
    is still flagged: a surname written first cannot be told from two people ("Tom, Priya")."""
    long_words = pl.element().filter(
        (pl.element().str.len_chars() >= 2) & ~pl.element().is_in(_NOT_THE_NAME)
    )
    theirs = (
        forms.filter(pl.col("_form") == 0)
        .group_by("evaluator")
        .agg(theirs=pl.col("word"))
        .with_columns(pl.col("theirs").list.eval(long_words))
    )
    named = (
        pairs.select(
            "_pair",
            "evaluator",
            name=pl.col("moderator")
            .str.to_lowercase()
            .str.replace_all(_BETWEEN_NAMES, "|")
            .str.split("|"),
        )
        .join(theirs, on="evaluator", how="left")
        .with_columns(pl.col("theirs").fill_null([]))
        .explode("name")
    )
    return (
        named.with_columns(
            words=pl.col("name").str.extract_all(r"[\p{L}\p{N}]+").list.eval(long_words)
        )
        .with_columns(
            _partly=(pl.col("words").list.set_intersection("theirs").list.len() > 0)
            & (pl.col("words").list.set_difference("theirs").list.len() == 0)
        )
        .group_by("_pair")
        .agg(pl.col("_partly").any())
    )


def moderator_refused(conflicted_scores: str, missing_declaration: str) -> pl.Expr:
    """Whether a consensus :func:`conflicted_moderators` names is not used: when the plan's rule
    for its evaluator (``conflicted_scores`` for a conflict, ``missing_declaration`` for no
    declaration) is "exclude", their own scores being set aside."""
    return (
        pl.when(pl.col("undeclared"))
        .then(pl.lit(missing_declaration == "exclude"))
        .otherwise(pl.lit(conflicted_scores == "exclude"))
    )


def _unclear_moderator_flags(unclear: pl.DataFrame) -> pl.DataFrame:
    """A warning on each consensus whose "Moderated by" names nobody, or a conflicted evaluator
    only in part (:func:`unclear_moderators`): used, but the officer cannot show who agreed it
    or that the evaluator the plan sets aside took no part."""
    return flags_frame(
        unclear.select(
            "lot",
            "skey",
            code=pl.lit("moderation.moderator_unclear"),
            message=pl.when(pl.col("evaluator").is_null())
            .then(
                pl.format(
                    "the consensus score for {} names nobody in its Moderated by column: "
                    "whether an evaluator with a conflict of interest took part cannot be "
                    "checked; name who moderated",
                    pl.col("question"),
                )
            )
            .otherwise(
                pl.format(
                    "the consensus score for {} was recorded by “{}”, which may be {}, who {}: "
                    "name who moderated in full in the Moderated by column",
                    pl.col("question"),
                    pl.col("moderator"),
                    pl.col("evaluator"),
                    _why_set_aside(),
                )
            ),
            severity=pl.lit("warning"),
            where=pl.concat_str(["source", "cell"], separator=" › ", ignore_nulls=True),
        )
    )


def _why_set_aside() -> pl.Expr:
    """Why the evaluator of a moderator pair is set aside for its supplier, as a message says
    it after their name."""
    return (
        pl.when(pl.col("undeclared"))
        .then(pl.lit("gave no valid declaration of conflicts of interest"))
        .otherwise(pl.lit("declared a conflict of interest with this supplier"))
    )


def _conflicted_moderator_flags(named: pl.DataFrame) -> pl.DataFrame:
    """A warning on each consensus a conflicted evaluator, or one with no declaration, recorded
    (under ``conflicted_scores`` or ``missing_declaration`` = "flag": their own scores count
    too, and the bid is flagged)."""
    return flags_frame(
        named.select(
            "lot",
            "skey",
            code=pl.when(pl.col("undeclared"))
            .then(pl.lit("moderation.undeclared_moderator"))
            .otherwise(pl.lit("moderation.conflicted_moderator")),
            message=pl.format(
                "the consensus score for {} was recorded by {}, and {} {}: have it moderated "
                "again without them, naming who did in the Moderated by column{}",
                pl.col("question"),
                pl.col("moderator"),
                pl.col("evaluator"),
                _why_set_aside(),
                pl.when(pl.col("undeclared"))
                .then(pl.lit("; or record their declaration"))
                .otherwise(pl.lit("")),
            ),
            severity=pl.lit("warning"),
            where=pl.concat_str(["source", "cell"], separator=" › ", ignore_nulls=True),
        )
    )


def conflicted_moderator_errors(named: pl.DataFrame) -> list[Problem]:
    """An error for each consensus recorded by an evaluator the plan sets aside, under
    ``conflicted_scores = "exclude"`` for a conflict with the supplier or ``missing_declaration
    = "exclude"`` for no declaration: the plan sets their view of the bid aside, so the
    consensus is not used and the award waits until the bid is moderated again without them
    (or the sheet names who really moderated, or their declaration is recorded). ``named``:
    :func:`conflicted_moderators`, those the rules refuse. One error a consensus, however many
    such evaluators its "Moderated by" names (the first is named)."""
    first = named.unique("_row", keep="first", maintain_order=True)
    problems = []
    for row in first.iter_rows(named=True):
        sheet, _, cell = (row["cell"] or "").rpartition(" › ")
        evaluator = row["evaluator"]
        if row["undeclared"]:
            who = (
                f"an evaluator who gave no valid declaration of conflicts of interest, "
                f"{evaluator}: the plan sets their scores aside (missing_declaration = "
                '"exclude")'
            )
            code = "moderation.undeclared_moderator"
            also = (
                f"; or {evaluator}'s declaration completed ('none' or 'declared', naming the "
                "suppliers), if they declare no conflict with this supplier"
            )
        else:
            who = (
                f"an evaluator who declared a conflict of interest with that supplier, "
                f"{evaluator} ({row['declared_in'] or 'declarations'}): the plan sets their "
                'view of the bid aside (conflicted_scores = "exclude")'
            )
            code = "moderation.conflicted_moderator"
            also = ""
        problems.append(
            Problem(
                f"the consensus score for {row['supplier']}, lot {row['lot']}, "
                f"{row['question']} was recorded by {who}, so the consensus was not used, and "
                "the award waits until the question is moderated again",
                file=row["source"] or "moderation frame",
                sheet=sheet,
                cell=cell,
                found=f"{fmt(row['score'])}, moderated by {row['moderator']}",
                expected=f"the question moderated again without {evaluator}, naming who "
                f"did in the Moderated by column; or, if {evaluator} took no part, the "
                f"names of those who did{also}",
                code=code,
                supplier=row["supplier"],
                lot=row["lot"],
            )
        )
    return problems


def _conflict_flags(
    marked: Marked, order: ScoreOrder, conflict_rule: str, missing_rule: str
) -> pl.DataFrame:
    conflicted = (
        marked.conflicted
        # The codes of the evaluator key, supplier key and lot.
        .unique(["_ek", "_s", "_l"], keep="first", maintain_order=True).select(
            "lot",
            skey=lookup(order.suppliers.table(order.suppliers.values), pl.col("_s")),
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
    undeclared = marked.undeclared.unique("_ek", keep="first", maintain_order=True).select(
        code=pl.lit("evaluator.no_declaration"),
        message=pl.format(
            "{} has no conflict-of-interest declaration; their scores "
            + ("were excluded" if missing_rule == "exclude" else "were counted (plan: flag)"),
            pl.col("evaluator"),
        ),
        severity=pl.lit("warning"),
        where=pl.col("source"),
    )
    return pl.concat([flags_frame(conflicted), flags_frame(undeclared)])


def _missing_part_flags(plan: Plan, parts: pl.DataFrame, order: ScoreOrder) -> pl.DataFrame:
    if not plan.evaluation.groups:
        return flags_frame()
    parts = parts.with_columns(
        skey=lookup(order.suppliers.table(order.suppliers.values), pl.col("_s")),
        lot=lookup(order.lots.table(order.lots.values), pl.col("_l")),
        question=lookup(order.questions.table(order.questions.values), pl.col("_q")),
    )
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


def _discrepancy_flags(grid: pl.DataFrame, share: float) -> pl.DataFrame:
    # (Lazily, so only these columns of the bid-questions found are moved, not every column.)
    found = (
        grid.lazy()
        .filter(pl.col("discrepancy"))
        .select(
            "lot",
            "skey",
            "question",
            "lowest",
            "highest",
            "low",
            "high",
            moderated=pl.col("consensus").is_not_null(),
        )
        .collect()
    )
    # Each wording is written once: discrepancies repeat a few questions and scale points.
    said = ["question", "lowest", "highest", "low", "high", "moderated"]
    wording = (
        found.select(said)
        .unique()
        .with_columns(
            message=pl.format(
                "evaluators' scores for {} range from {} to {}, more than {}% of the {}–{} "
                "scale; {}",
                pl.col("question"),
                num(pl.col("lowest")),
                num(pl.col("highest")),
                pl.lit(fmt(share * 100)),
                num(pl.col("low")),
                num(pl.col("high")),
                pl.when(pl.col("moderated"))
                .then(pl.lit("a moderated consensus score was recorded"))
                .otherwise(pl.lit("moderate and record a consensus score with its reason")),
            )
        )
    )
    return found.join(wording, on=said, how="left", nulls_equal=True, maintain_order="left").select(
        "lot",
        "skey",
        code=pl.lit("quality.discrepancy"),
        message="message",
        severity=pl.lit("warning"),
    )


def _group_discrepancy_flags(grid: pl.DataFrame, plan: Plan) -> pl.DataFrame:
    """An evaluator group whose members' scores for a question are further apart than the
    plan's discrepancy share of the scale: the group's part is their mean, which a consensus
    does not replace, so the officer checks the scores with the group instead."""
    rules = plan.evaluation
    names = {g.id: g.name for g in rules.groups}
    apart = (pl.col("group_highest") - pl.col("group_lowest")) > rules.discrepancy_share * (
        pl.col("high") - pl.col("low")
    ) + TOLERANCE
    return warnings_on(
        grid.filter(apart.fill_null(False)),
        "quality.group_discrepancy",
        pl.format(
            "the {}'s own scores for {} range from {} to {}, more than {}% of the {}–{} scale; "
            "its share is their {}, which a consensus does not replace: check the scores with "
            "the group",
            pl.col("spread_group").replace_strict(names, default=pl.col("spread_group")),
            pl.col("question"),
            num(pl.col("group_lowest")),
            num(pl.col("group_highest")),
            pl.lit(fmt(rules.discrepancy_share * 100)),
            num(pl.col("low")),
            num(pl.col("high")),
            pl.lit(rules.aggregate),
        ),
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
        # To the 4 places the minimum is compared in and the summary shows the score
        # (49.99667 is 49.9967, never 50.0 beside "below the minimum of 50").
        num(pl.col("final"), POINT_DECIMALS),
        pl.col("basis"),
        num(pl.col("minimum"), POINT_DECIMALS),
    )


def _consensus_alone_flags(grid: pl.DataFrame) -> pl.DataFrame:
    """A consensus where no evaluator's score counted (none given, or every one set aside for
    a conflict or a missing declaration): moderation reconciles evaluators' own scores, and
    here there were none, so the bid was scored in the meeting alone. (The evaluators a
    consensus takes the place of: an evaluator group's own share beside it does not count.)"""
    return grid.filter(pl.col("consensus").is_not_null() & (pl.col("main_evaluators") == 0)).select(
        "lot",
        "skey",
        code=pl.lit("moderation.consensus_alone"),
        message=pl.format(
            "the consensus score {} for {} stands alone: no evaluator's score for it counted, "
            "so the panel's reason is the only record of how it was scored",
            num(pl.col("consensus")),
            pl.col("question"),
        ),
        severity=pl.lit("warning"),
    )


def _consensus_outside_flags(grid: pl.DataFrame) -> pl.DataFrame:
    """A consensus above the highest or below the lowest score two or more evaluators counted:
    moderation reconciles their scores, so one outside them (5 where they gave 1 and 2) is
    either a slip of the pen or a judgement the panel's reason must explain. (With one
    evaluator every change is outside; ``moderation.no_reason`` asks for its reason.)"""
    outside = (pl.col("consensus") > pl.col("highest") + TOLERANCE) | (
        pl.col("consensus") < pl.col("lowest") - TOLERANCE
    )
    return warnings_on(
        grid.filter(pl.col("consensus").is_not_null() & (pl.col("main_evaluators") > 1) & outside),
        "moderation.outside_range",
        pl.format(
            "the consensus score {} for {} is outside the evaluators' own scores ({} to {}): "
            "check it was not mistyped, and that its reason says why",
            num(pl.col("consensus")),
            pl.col("question"),
            num(pl.col("lowest")),
            num(pl.col("highest")),
        ),
    )


def _unmoderated_flags(grid: pl.DataFrame, aggregate: str) -> pl.DataFrame:
    differs = (pl.col("consensus") - pl.col("main_aggregate")).abs() > TOLERANCE
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
            num(pl.col("main_aggregate")).fill_null("none"),
        ),
        severity=pl.lit("warning"),
    )
