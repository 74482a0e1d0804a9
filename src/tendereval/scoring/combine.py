"""Combine price, quality and social value into totals, statuses and ranks: :func:`score`.

Every bid (a row of the tender's bids frame) ends in exactly one state for its lot:

* **invalid** — it cannot be scored: an input *error* for that supplier (and that lot, or all
  its lots), an unreadable file, a lot the plan does not have, a second bid from the same
  supplier for the same lot, a missing unit rate, or no usable score for a question. The
  reasons are the problems' texts with where they were found;
* **disqualified** — it failed a threshold the plan says disqualifies (a question's minimum,
  or the overall quality minimum); the reasons name the question, the score and the threshold.
  Or the buyer disregards it on a ground the law gives (``[[rejection]]`` with a ``ground`` in
  ``decisions.toml``: an abnormally low price once queried, an excluded supplier…); the
  reason gives the ground, the date and the buyer's reason;
* **ranked** — everything else, ranked by total with the plan's tie-break;
* **comparator** — the buyer's own in-house team's return (Organisation › Type of
  organisation "in-house team"): the in-house cost and quality the tenders are compared with,
  not a tender. It is scored on the same criteria, against the tenders' references (as a
  disqualified bid is), but never sets a reference, is never ranked nor awarded, and its
  reason says where its total would have placed it. A contracting authority cannot award a
  contract to itself (Procurement Act 2023 s.19 awards to a supplier); a "public body" (a
  council-owned company, say) may lawfully tender and is scored as any supplier;
* **withdrawn** — its supplier withdrew it before the award (``[[withdrawal]]`` in
  ``decisions.toml``). It is set aside before anything is scored, so the others' scores, ranks
  and flags are those they would have had had it never been submitted; its reason says when.

Relative formulas (price, and social value ``relative_to_best``) are computed among the ranked
bids — the compliant ones. A disqualified bid is shown with the scores it would have had had it
alone joined them, so nothing it did changes anybody else's score.

Totals are sums of leaf points (fraction × effective weight) in float64, never rounded. When
ranking, totals are compared to 4 decimal places and money to the penny
(:mod:`tendereval.comparison`, the rule the award decision and the optimiser use too), so that
the order in which the same points were added can never decide a contract.

Tie-break keys (``[ranking] tie_break`` in the plan), applied in order to equal totals:
``quality`` higher quality points; ``price`` lower evaluated price; ``social_value`` higher
social value points; ``total_quality_and_social_value`` higher quality + social value points.
Bids still equal after the plan's keys share a rank and are flagged ``tie.unbroken``.

SME, VCSE and local status are joined on at the very end, for reporting: no scoring function
receives those columns.
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from tendereval.award import reversal as reversal_mod
from tendereval.award.clarified import clarification_text
from tendereval.award.recorded import (
    DECISIONS_FILE,
    GROUNDS,
    Decisions,
    RecordedExplanation,
    RecordedRejection,
    check_decisions,
    record_file,
)
from tendereval.award.return_that_stands import CHOOSE_A_RETURN, OTHER_REGISTRATION
from tendereval.award.set_aside import (
    BY_ITS_FILE,
    covered,
    set_aside_rows,
    tender_rejections,
)
from tendereval.comparison import (
    POINT_DECIMALS,
    below_minimum,
    pence,
    points_units,
    rounded_expr,
)
from tendereval.errors import (
    InputError,
    NoBids,
    PlanError,
    Problem,
    Severity,
    UsageError,
    path_argument,
    progress_argument,
    whole_number,
    yes_or_no,
)
from tendereval.io.frame_rules import as_loaded
from tendereval.io.keys import supplier_key
from tendereval.limits import MAX_MONEY, MAX_SEED, MAX_WEIGHT_SAMPLES
from tendereval.plan import Plan, given_in_python
from tendereval.scoring import price as price_mod
from tendereval.scoring import quality as quality_mod
from tendereval.scoring import sensitivity as sensitivity_mod
from tendereval.scoring import social_value as sv_mod
from tendereval.scoring.canonical import encode, sort_by_codes
from tendereval.scoring.common import (
    as_compared,
    far_above,
    flags_frame,
    fmt,
    key_map,
    money,
    num,
    others_price,
    share_as_percent,
    side_by_side,
    times,
    warnings_on,
    with_key,
)
from tendereval.scoring.result import RESULT_SCHEMAS, STATUS_ORDER, ScoreResult
from tendereval.slips import TIMES_ESTIMATE
from tendereval.tender import Tender
from tendereval.wording import counted

if TYPE_CHECKING:
    from tendereval.award.decision import AwardDecision

# How an invalid bid's reason begins when a question has no usable score: the award decision
# knows by it a bid invalid only because its evaluation is not complete.
UNSCORED_OPENING = "no usable score for "
# A bid disqualified on its evaluators' scores (a question's minimum, the overall quality
# minimum: every disqualifying threshold reads those scores alone, _threshold_reasons) whose
# only errors are in its own bid return (a price left "TBC", a form field, a commitment) or in
# figures worked out from it. Putting them right changes neither those scores nor, as a
# disqualified bid is out of the pool, anybody else's price score: it cannot win whatever
# they are corrected to. It is disqualified, with its reasons and its errors, its figures
# left blank as an invalid bid's (they are made from the return in error), and its errors
# hold no award (award/decision.py, errors_out_of_the_award). An error in a score sheet or
# the moderation makes no bid invalid, so never counts here; one naming the supplier from
# another file, or a question with no usable score yet, keeps it invalid.
DISQUALIFIED_ANYWAY = (
    (pl.col("has_errors").fill_null(False) | (pl.col("invalid_reasons").list.len() > 0))
    & (pl.col("dq_reasons").list.len() > 0)
    & pl.col("errors_in_own_return").fill_null(True)
    & ~pl.col("invalid_reasons")
    .list.eval(pl.element().str.starts_with(UNSCORED_OPENING))
    .list.any()
    .fill_null(False)
)
# Why a bid return no lot could be read from is invalid (the award decision knows by these a
# bid return that could not be read: Ladder.nothing_ranked). In a plan of several lots it is in
# none (which it was for cannot be told); in a plan of one it is a bid for that lot.
UNPLACED_REASON = "no lot could be read from the bid file, so it is not placed in any lot"
UNREAD_OPENING = "nothing could be read from the bid file to assess"
# How the reason a buyer's rejection on a ground gives a tender begins (ocds/bids.py counts
# those disqualified this way apart from those below a published minimum).
DISREGARDED_OPENING = "disregarded by the contracting authority"

BID = ["skey", "lot"]
# The type of organisation (bid return › Organisation) of the buyer's own in-house team: its
# return is the comparator, never a tender.
IN_HOUSE = "in-house team"
# How a comparator's reason begins (the writers know it by its status, not by this text).
COMPARATOR_OPENING = "the buyer's own in-house team (a comparator, not a tender)"


def score(
    tender: Tender | str | Path,
    *,
    samples: int = 10_000,
    seed: int = 20261122,
    sensitivity: bool = True,
    progress: Callable[[str], None] | None = None,
) -> ScoreResult:
    """Score a tender: every bid's price, quality and social value, totals, statuses and ranks.

    ``tender`` is a :class:`Tender` or a tender folder (loaded with ``load_tender``).
    ``sensitivity`` adds tipping points, win probabilities (``samples`` weight draws from
    ``seed``) and rank reversal. ``progress`` receives a line of text before slow steps.
    Raises :class:`PlanError` when the tender has no usable plan, :class:`NoBids` when its
    folder holds no bids, :class:`InputError` when it holds the bids in two forms (bid
    returns and evaluation.xlsx), so none was loaded. The result carries the award decision
    (``result.award``).

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> result = tendereval.score("examples/carers-short-breaks", sensitivity=False)
        >>> result.award.winner("CSB")
        'Weald Carers Trust'
        >>> result.results.get_column("supplier").to_list()[:2]
        ['Weald Carers Trust', 'Brightwater Care Services Ltd']
    """
    started = time.perf_counter()
    whole_number("samples", samples, 0, MAX_WEIGHT_SAMPLES)  # the command line's bounds
    whole_number("seed", seed, 0, MAX_SEED)
    sensitivity = yes_or_no("sensitivity", sensitivity)
    progress = progress_argument("progress", progress)
    if not isinstance(tender, Tender):
        from tendereval.io.tender import load_tender

        expected = "a tender folder (text or pathlib.Path) or a Tender"
        tender = load_tender(path_argument("tender", tender, expected), progress=progress)
    plan = tender.plan
    if plan is None:
        raise PlanError([p for p in tender.problems if p.is_error] or tender.problems)
    _plan_given_checked(plan)
    if tender.bids.is_empty():
        raise _nothing_to_score(tender)
    tender.check_figures()  # a frame edited in place since it was set is not checked yet
    changed = tender.inputs_changed()  # (before the loaders' rules make a copy of their own)
    decisions, unread = _decisions_checked(tender, plan)
    # The scores' text columns as numbers, once: the supplier names are keyed from them too,
    # and their distinct values are what the loaders' rules look at.
    encoded = encode(tender.scores, *quality_mod.SCORE_TEXT)
    # A frame handed in keeps the loaders' rules too (a score off its scale, an uplift of
    # 300%, a declaration that contradicts itself): the same values, the same problems.
    given = tender.scores
    recorded = tender.decisions
    tender = as_loaded(
        _deciding(tender, decisions),
        {name: e.values for name, e in encoded.items()},
        {name: e.numbers for name, e in encoded.items()},
    )
    object.__setattr__(tender, "decisions", recorded)  # (the copy _deciding made, if any)
    if tender.scores is not given:  # a score left out or changed: numbered again
        encoded = encode(tender.scores, *quality_mod.SCORE_TEXT)
    keys = _all_keys(tender, encoded["supplier"].values)
    _check_bids_listed(tender, keys)
    rows = _classify_rows(plan, tender, keys, decisions)
    if not tender.decisions_as_read():
        unread = [
            *unread,
            *_replaced_after_loading(tender, keys, rows, decisions),
            *_clarified_after_loading(tender, decisions),
        ]
    units = _scorable(rows)
    breakdown, evaluated = _priced(plan, tender, keys, units)
    questions = quality_mod.score_questions(
        plan,
        units,
        tender.scores,
        tender.declarations,
        with_key(tender.moderation, keys),
        keys,
        encoded,
    )
    sv_detail, sv_amounts, sv_flags, beyond = sv_mod.commitments_value(
        plan, units, with_key(tender.commitments, keys), tender.proxies
    )

    bids = _bid_frame(units, evaluated, questions.leaves, sv_amounts)
    invalid = _invalid_reasons(
        plan, units, breakdown, bids, questions.leaves, _refused_cells(tender), beyond
    )
    price_errors = _price_errors(plan, bids)
    commitment_problems = sv_mod.commitment_problems(beyond)
    disqualified, threshold_flags = _threshold_reasons(plan, questions.leaves, bids)
    # A bid made invalid by an input error is invalid here too, before any relative score,
    # rank or win probability: it must not set the others' price scores, nor be given a
    # chance of winning (with a broken proxy table every bid showed a win percentage).
    input_errors = rows.filter("scorable").select(
        *BID, "errors_in_own_return", has_errors=pl.col("problem_reasons").list.len() > 0
    )
    bids = (
        bids.join(invalid, on=BID, how="left")
        .join(disqualified, on=BID, how="left")
        .join(input_errors, on=BID, how="left")
        .with_columns(
            status=pl.when((pl.col("invalid_reasons").list.len() > 0) | pl.col("has_errors"))
            .then(pl.lit("invalid"))
            .when(pl.col("dq_reasons").list.len() > 0)
            .then(pl.lit("disqualified"))
            .otherwise(pl.lit("ranked")),
            disqualified_anyway=DISQUALIFIED_ANYWAY,
        )
    )

    # Before any relative score: a disregarded tender sets nobody's price score, nor does
    # the in-house comparator.
    in_house = _in_house_teams(tender, keys)
    # The comparator is no tender: a rejection of it is not applied (award/set_aside.py warns).
    disregards = [*decisions.disregards, *tender_rejections(rows, decisions)]
    bids = _disregarded(bids, [r for r in disregards if supplier_key(r.supplier) not in in_house])
    bids = bids.with_columns(
        status=_comparator_status(pl.col("skey").is_in(in_house) & (pl.col("status") != "invalid"))
    )
    bids, scored, total_errors = _scored_to_a_number(plan, bids)
    pool = rank_pool(plan, scored.filter(pl.col("in_pool")), ["lot"])
    pool, rank_flags = _rank_flags(plan, pool)
    bids = _comparator_reasons(bids, scored, pool)
    flags = [
        questions.flags,
        sv_flags,
        threshold_flags,
        rank_flags,
        _abnormally_low_flags(plan, _explained(pool, decisions)),
        _award_on_value_flags(plan, pool),
        _ceiling_flags(plan, pool),
        _fixed_price_flags(plan, pool),
        _social_value_scale_flags(pool),
        _price_far_above_others_flags(pool),
        _price_far_below_estimate_flags(plan, pool),
        _lot_above_estimate_flags(plan, pool),
    ]

    settings = _settings(plan, tender, samples, seed, sensitivity)
    # The audit trail names the plan these results were made under, not the folder's when
    # a notebook swapped it (an error then: the award must be made under the folder's).
    inputs, plan_problems = tender.inputs_scored()
    tipping = win = withdrawals = None
    if sensitivity:
        if progress and pool.height * samples >= 2_000_000:
            progress(
                f"Checking how robust the ranking is ({samples:,} weight samples over "
                f"{pool.height:,} ranked bids)…"
            )
        tipping, win, withdrawals = side_by_side(
            lambda: sensitivity_mod.tipping_points(plan, pool),
            lambda: sensitivity_mod.win_probability(plan, pool, samples=samples, seed=seed),
            lambda: sensitivity_mod.withdrawals(
                plan, pool, lambda df, over: rank_pool(plan, relative_scores(plan, df, over), over)
            ),
        )

    all_flags = _display(pl.concat(flags), units, keys)
    results, criteria = side_by_side(
        lambda: _results(plan, tender, keys, rows, bids, scored, pool, all_flags, in_house),
        lambda: _criteria(plan, units, questions.leaves, scored, bids),
    )
    result = with_award_flags(
        ScoreResult(
            plan=plan,
            results=results,
            criteria=criteria,
            sub_totals=sub_totals(plan, criteria),
            evaluator_scores=lambda: _conform("evaluator_scores", questions.evaluator_scores()),
            moderation=lambda: _conform("moderation", questions.moderation, plan),
            price_breakdown=_conform("price_breakdown", _display(breakdown, units, keys), plan),
            social_value=_conform("social_value", _display(sv_detail, units, keys), plan),
            # Put in order once, with the award's close calls among them (with_award_flags).
            flags=_conform("flags", all_flags),
            tipping_points=_conform("tipping_points", _display(tipping, units, keys), plan),
            win_probability=_conform("win_probability", _display(win, units, keys)),
            rank_reversal=_conform("rank_reversal", None),
            inputs=inputs,
            suppliers=tender.suppliers,
            declarations=tender.declarations,
            packages=tender.packages,
            supply_chain=tender.supply_chain,
            problems=[
                # An error at an evaluator's score the consensus replaces cannot change the
                # award: a warning that says so (quality.replaced_by_consensus).
                *quality_mod.replaced_by_consensus(
                    tender.problems,
                    plan,
                    units,
                    tender.scores,
                    tender.declarations,
                    with_key(tender.moderation, keys),
                    keys,
                ),
                *plan_problems,
                *changed,
                *unread,
                *price_errors,
                *commitment_problems,
                *total_errors,
                *questions.problems,
            ],
            settings=settings,
            decisions=decisions,
            folder=tender.folder,
            _consensus_cells=tender.moderation.lazy().select("source", "cell", "supplier", "lot"),
        ),
        plan,
        withdrawals,
        progress,
    )
    # The whole run, the award and its close calls included (they are part of scoring).
    settings["run_seconds"] = round(time.perf_counter() - started, 3)
    return result._remember_as_scored()


def with_award_flags(
    result: ScoreResult,
    plan: Plan,
    withdrawals: pl.DataFrame | None,
    progress: Callable[[str], None] | None = None,
) -> ScoreResult:
    """``result`` with the flags that depend on the award among its flags and in each bid's
    flag codes, and its rank reversal (``withdrawals``: the lots re-scored without each tender
    that sets a reference; None when sensitivity was not run). How close an award is, whether
    the lot cap binds and whether a withdrawal would change the award all depend on whom each
    lot goes to, which the award decides (the lot cap may pass over the tender ranked first,
    and counts only the lots awarded), so scoring does not flag them from the ranking. The
    flags are put in order here, once, with these among them (the award reads the flags only
    to find abnormally low prices, in any order)."""
    award = result.award
    found = [award.close_calls(result.results), award.cap.flags()]
    reversal = None
    if withdrawals is not None:
        reversal = reversal_mod.rank_reversal(result, withdrawals, progress)
        found.append(reversal_mod.reversal_flags(reversal))
    raised = pl.concat(found, how="diagonal")
    if not raised.is_empty():
        codes = raised.group_by("lot", "supplier").agg(_raised=pl.col("code").unique())
        result.results = (
            result.results.join(codes, on=["lot", "supplier"], how="left")
            .with_columns(
                flags=pl.when(pl.col("_raised").is_not_null() & (pl.col("status") == "ranked"))
                .then(pl.concat_list("flags", "_raised").list.unique().list.sort())
                .otherwise("flags")
            )
            .drop("_raised")
        )
        result.flags = _conform("flags", pl.concat([result.flags, raised], how="diagonal"), plan)
    else:
        result.flags = _conform("flags", result.flags, plan)
    result.results = _award_margins(result.results, award)
    if reversal is not None:
        result.rank_reversal = _conform("rank_reversal", reversal)
    # The same ranked bids, statuses and totals: the award stands (made once, not twice).
    result._award = award
    return result


def _award_margins(results: pl.DataFrame, award: AwardDecision) -> pl.DataFrame:
    """``results`` with ``margin_to_next`` the award's margin (:meth:`AwardDecision.margins`)
    on the row of the tender proposed for each lot, and null on every other row. The ranking
    alone would give a tender tied first with the proposed one, which the lot cap passed over,
    a lead of 0, and a tender ranked first and passed over its lead over the runner-up: neither
    is how close the award is, which is what the Summary sheet and the close calls say."""
    margins = award.margins(results)
    proposed = pl.DataFrame(
        [(lot, award.winner(lot), margin) for lot, margin in margins.items()],
        schema={"lot": pl.String, "supplier": pl.String, "_margin": pl.Float64},
        orient="row",
    )
    return (
        results.drop("margin_to_next")
        .join(proposed, on=["lot", "supplier"], how="left", maintain_order="left")
        .with_columns(margin_to_next=pl.when(pl.col("status") == "ranked").then(pl.col("_margin")))
        .select(results.columns)
    )


# --------------------------------------------------------------------------------------------
# Which rows can be scored


def _nothing_to_score(tender: Tender) -> InputError:
    """Why nothing can be scored: NoBids, unless the folder was not loaded for holding both
    forms (bid returns and score sheets, and the consolidated form): six bids were there, and
    "no bids were found … the tender has no bids" sent the officer looking for them."""
    if any(p.code == "tender.two_forms" and p.is_error for p in tender.problems):
        return InputError(tender.problems)
    return NoBids(_no_bids(tender))


def _no_bids(tender: Tender) -> list[Problem]:
    """Why a tender has no bids: a folder's own problem, or for a tender built from frames
    with no bids frame (scored as a tender nobody bid for, its summaries ready to send) what
    was given without it."""
    if any(p.code == "tender.no_bids" for p in tender.problems):
        return tender.problems
    unlisted = tender.unlisted_bids()
    given = f": {_unlisted(unlisted)}" if unlisted.height else ""
    return [Problem(f"the tender has no bids{given}", code="tender.no_bids"), *tender.problems]


def _check_bids_listed(tender: Tender, keys: dict[str, str]) -> None:
    """Prices for a supplier the bids frame lacks (a tender built by hand) are a
    :class:`UsageError`: scoring dropped those bids without a word. (Scores alone for such a
    supplier are not a bid: the loader names each at its cell, and scoring leaves them out.)"""
    listed = set(with_key(tender.bids, keys).get_column("skey").drop_nulls())
    others = [name for name, key in keys.items() if key not in listed]
    unlisted = tender.unlisted_bids(others, ("prices",)) if others else None
    if unlisted is not None and unlisted.height:
        names = ", ".join(unlisted.get_column("supplier").unique(maintain_order=True).head(5))
        raise UsageError(
            f"prices are given for suppliers not in the bids frame ({names}): "
            f"{counted(unlisted.height, 'bid has prices but is', 'bids have prices but are')} "
            "not in the bids frame (one row per supplier and lot, as load_tender makes it); "
            "scoring would leave them out of the results"
        )


def _unlisted(unlisted: pl.DataFrame) -> str:
    return (
        f"{counted(unlisted.height, 'bid has', 'bids have')} scores or prices but "
        f"{'is' if unlisted.height == 1 else 'are'} not in the bids frame (one row per "
        "supplier and lot, as load_tender makes it)"
    )


def _all_keys(tender: Tender, score_names: pl.Series) -> dict[str, str]:
    """{name: supplier key} for every supplier name in the tender (``score_names``: the
    distinct names on the score sheets)."""
    names: list[str | None] = score_names.to_list()
    for df in (
        tender.bids,
        tender.prices,
        tender.moderation,
        tender.commitments,
        tender.suppliers,
    ):
        names.extend(df.get_column("supplier").unique().to_list())
    names.extend(
        tender.declarations.get_column("conflicted_suppliers").explode().unique().to_list()
    )
    names.extend(p.supplier for p in tender.problems)
    return key_map(names)


def _classify_rows(
    plan: Plan, tender: Tender, keys: dict[str, str], decisions: Decisions
) -> pl.DataFrame:
    """Every bids-frame row with its structural reasons, problem reasons and why it was
    withdrawn (or rejected by its file beside the return that stands); ``scorable`` when it is
    the only readable bid of a known supplier for a lot of the plan that its supplier did not
    withdraw (a return it replaced with a later one, or one the buyer rejected beside it, is
    not a second bid)."""
    lots = plan.lot_ids
    rows = _by_the_record(with_key(tender.bids, keys).with_row_index("row"), decisions)
    # The in-house comparator is no tender, so none withdraws it: a withdrawal that would
    # leave none of the in-house team's returns for a lot is not applied (award/set_aside.py
    # warns); one of a return it replaced with a later one still is.
    in_house = pl.col("skey").is_in(_in_house_teams(tender, keys))
    standing = pl.col("withdrawn").is_null() & pl.col("rejected").is_null()
    rows = rows.with_columns(
        withdrawn=pl.when(in_house & ~(in_house & standing).any().over(BID))
        .then(None)
        .otherwise("withdrawn")
    )
    same = (
        (standing.sum().over(BID) > 1)
        & standing
        & pl.col("lot").is_not_null()
        & pl.col("skey").is_not_null()
    )
    files = (
        pl.col("source").filter(standing).fill_null("?").unique().sort().str.join(", ").over(BID)
    )
    only_lot = plan.lot_of_any_return
    structural = pl.concat_list(
        pl.when(pl.col("lot").is_null()).then(pl.lit(_unread_reason(only_lot))),
        pl.when(pl.col("lot").is_not_null() & pl.col("skey").is_null()).then(
            pl.lit("the bid does not name the supplier")
        ),
        pl.when(pl.col("lot").is_not_null() & ~pl.col("lot").is_in(lots)).then(
            pl.format("lot '{}' is not one of the plan's lots ({})", "lot", pl.lit(", ".join(lots)))
        ),
        pl.when(same).then(
            pl.format("more than one bid from this supplier for this lot (files: {})", files)
        ),
    ).list.drop_nulls()
    rows = rows.with_columns(structural=structural)
    rows = rows.join(_problem_reasons(tender, rows, keys), on="row", how="left").with_columns(
        pl.col("problem_reasons").fill_null([]),
        pl.col("errors_in_own_return").fill_null(True),
        scorable=(pl.col("structural").list.len() == 0) & standing,
    )
    # In a plan of one lot a return no lot could be read from is a bid for that lot all the
    # same (invalid): the lot is not in doubt, and it was received. Placed only now, so that
    # it never counts as a second bid of a supplier whose name is its file's.
    return rows if only_lot is None else rows.with_columns(pl.col("lot").fill_null(only_lot))


def _unread_reason(only_lot: str | None) -> str:
    """Why a bid return no lot could be read from (it could not be opened, or holds no unit
    rate) is invalid: in a plan of one lot it is a bid for that lot, else for none."""
    if only_lot is None:
        return UNPLACED_REASON
    return (
        f"{UNREAD_OPENING}; the plan has one lot, so it is a bid for lot {only_lot} that could "
        "not be assessed"
    )


def _deciding(tender: Tender, decisions: Decisions) -> Tender:
    """``tender``, or a copy of it holding ``decisions`` (those :func:`_decisions_checked`
    kept) when they are not its own: the loaders' rules read the withdrawals too, and one
    given in Python with its lot as a list, or no supplier, failed there with a raw polars or
    TypeError before its problem (``decisions.not_text``, ``decisions.missing_value``) could
    be given."""
    if decisions is tender.decisions:
        return tender
    copied = copy.copy(tender)
    object.__setattr__(copied, "decisions", decisions)
    return copied


def _decisions_checked(tender: Tender, plan: Plan) -> tuple[Decisions, list[Problem]]:
    """The tender's recorded decisions, and the problems in them when they were given in
    Python: checked as decisions.toml is (an unknown ground, a withdrawal with no date), only
    the good entries kept. Those read from the folder were checked then, and keep the places
    in the file their messages give."""
    if tender.decisions_as_read():
        return tender.decisions, []
    return check_decisions(tender.decisions, plan.lot_ids, plan.regime, plan.approval.approved_on)


def _by_the_record(rows: pl.DataFrame, decisions: Decisions) -> pl.DataFrame:
    """``rows`` with ``withdrawn``: why each tender (or bid return) its supplier withdrew is
    set aside, and ``rejected``: why a bid return the buyer rejected by its file beside the one
    that stands is; null for the others. A record naming no tender is the award's to report
    (award/set_aside.py), as it reads the results these rows become."""
    if not decisions.withdrawals and not any(r.file for r in decisions.rejections):
        return rows.with_columns(
            withdrawn=pl.lit(None, dtype=pl.String), rejected=pl.lit(None, dtype=pl.String)
        )
    matched = set_aside_rows(rows, decisions)
    return rows.join(matched, on="row", how="left", maintain_order="left")


def _replaced_after_loading(
    tender: Tender, keys: dict[str, str], rows: pl.DataFrame, decisions: Decisions
) -> list[Problem]:
    """An error for each bid return withdrawn or rejected in Python (not in decisions.toml as
    the folder was read) beside another return of its supplier that the loader had to choose
    between (:data:`CHOOSE_A_RETURN`): for the lot, or, for returns under one name giving two
    registrations, for any lot. The loader chose which return's prices, scores and details to
    read before it knew, and marked both invalid."""
    choosing = [p for p in tender.problems if p.code in CHOOSE_A_RETURN and p.supplier]
    if not choosing:
        return []
    by_lot = [keys.get(p.supplier) for p in choosing if p.code != OTHER_REGISTRATION]
    any_lot = [keys.get(p.supplier) for p in choosing if p.code == OTHER_REGISTRATION]
    aside = pl.col("withdrawn").is_not_null() | pl.col("rejected").is_not_null()
    same_lot = (~aside).any().over(BID)
    replaced = rows.with_columns(same_lot=same_lot).filter(
        aside
        & pl.col("lot").is_not_null()
        & (
            (pl.col("skey").is_in(by_lot) & same_lot)
            | (pl.col("skey").is_in(any_lot) & (~aside).any().over("skey"))
        )
    )
    said = []
    for source, supplier, lot, withdrawn, beside_in_lot in (
        replaced.select("source", "supplier", "lot", "withdrawn", "same_lot").unique(
            maintain_order=True
        )
    ).iter_rows():
        kind, how = ("withdrawal", "withdrawn") if withdrawn else ("rejection", "rejected")
        other = f"{supplier}'s other return for lot {lot}" if beside_in_lot else (
            f"another return of {supplier}'s"
        )  # fmt: skip
        said.append(
            Problem(
                f"the bid return {source} is {how} in Python beside {other}; a return set "
                "aside by its file is left out when the tender folder is read, so the other "
                "return is evaluated only then",
                file=record_file(decisions),
                cell=kind,
                found=source,
                expected=f"the {kind} recorded in decisions.toml ([[{kind}]], supplier = "
                f'"{source}"), and the tender folder loaded again',
                code="decisions.not_scored",
            )
        )
    return said


def _clarified_after_loading(tender: Tender, decisions: Decisions) -> list[Problem]:
    """A warning for each clarification given in Python that no warning shows: the warnings
    are read with the folder, and say what was asked and answered only then."""
    shown = "\n".join(p.message for p in tender.problems)
    return [
        Problem(
            "the clarification is given in Python, after the tender folder was read, so no "
            "warning shows it"
            # A status it gives (sme = true) is counted only as the folder is read, too.
            + (
                " and the status it gives is not counted"
                if (record.sme, record.vcse) != (None, None)
                else ""
            ),
            file=record_file(decisions),
            cell=f"{record.where}.cell" if record.where else "clarification",
            found=record.named,
            expected="the clarification recorded in decisions.toml ([[clarification]]), and the "
            "tender folder loaded again",
            code="decisions.not_scored",
            severity=Severity.WARNING,
        )
        for record in decisions.clarifications
        if clarification_text(record) not in shown
    ]


def _disregarded(bids: pl.DataFrame, rejections: list[RecordedRejection]) -> pl.DataFrame:
    """``bids`` with each tender the buyer disregards on a ground (and that is not invalid
    anyway) disqualified, the ground and reason among its reasons: out of the pool before any
    relative score, shown with the scores it would have had, as a tender below a minimum is.
    ``rejections`` name suppliers (one naming a return by its file, of the tender it makes,
    as its supplier's); those without a ground are left. A rejection naming no tender is the
    award's to report (award/set_aside.py)."""
    records = [
        (supplier_key(r.supplier), r.lot, disregard_text(r))
        for r in rejections
        if r.ground is not None
    ]
    if not records:
        return bids
    matched = covered(bids, BID, records, "_why")
    disregarded = pl.col("_why").is_not_null()
    return (
        bids.join(matched, on=BID, how="left", maintain_order="left")
        .with_columns(
            status=pl.when(disregarded & (pl.col("status") != "invalid"))
            .then(pl.lit("disqualified"))
            .otherwise("status"),
            # An invalid tender stays invalid, with the ground among its reasons too: an
            # excluded supplier's tender is disregarded whether or not it could be scored.
            dq_reasons=pl.when(disregarded)
            .then(pl.concat_list(pl.col("dq_reasons").fill_null([]), "_why"))
            .otherwise("dq_reasons"),
        )
        .drop("_why")
    )


def _plan_given_checked(plan: Plan) -> None:
    """A PlanError naming each field the plan loader would refuse, for a plan made or changed
    in Python (no file's fingerprint: a file's plan was checked as it was read). Weights of
    110 were scored as totals "of 100", and a close-call margin of None failed in Python."""
    if plan.fingerprint is not None:
        return
    refused = [p for p in given_in_python(plan) if p.is_error]
    if refused:
        raise PlanError(refused)


def disregard_text(rejection: RecordedRejection) -> str:
    """A disregarded tender's reason: the ground in words, when, and the buyer's reason."""
    on = f" on {rejection.decided_on}" if rejection.decided_on else ""
    asked = (
        f" (the supplier was asked to explain its price on {rejection.queried_on})"
        if rejection.queried_on
        else ""
    )
    ground = GROUNDS[rejection.ground or ""]
    return f"{DISREGARDED_OPENING}{on} because {ground}{asked}: {rejection.reason}"


def _in_house_teams(tender: Tender, keys: dict[str, str]) -> list[str]:
    """The supplier keys of the returns that give their type of organisation as the buyer's
    own in-house team."""
    teams = with_key(tender.suppliers, keys).filter(pl.col("org_type") == IN_HOUSE)
    return teams.get_column("skey").drop_nulls().unique().sort().to_list()


def _comparator_status(in_house: pl.Expr) -> pl.Expr:
    """A bid's status once the in-house comparator is told apart: an in-house team's return
    that would be ranked, disqualified or invalid is the comparator (a return withdrawn beside
    the one that stands stays withdrawn). ``in_house`` says which rows are such returns. The
    one rule, for the bids scored (before any relative score) and for those that could not be
    scored."""
    status = pl.col("status")
    return (
        pl.when(in_house & status.is_in(["ranked", "disqualified", "invalid"]))
        .then(pl.lit("comparator"))
        .otherwise(status)
    )


def _comparator_reasons(
    bids: pl.DataFrame, scored: pl.DataFrame, pool: pl.DataFrame
) -> pl.DataFrame:
    """``bids`` with the comparator's reason first among its reasons (``dq_reasons``): what it
    is, and where its total would have placed it among the ranked tenders of its lot (after
    those whose totals are higher, as the ranking compares them: to 4 decimal places)."""
    comparators = scored.filter(pl.col("status") == "comparator").select(*BID, "total")
    if comparators.is_empty():
        return bids
    ahead = (
        comparators.join(pool.select("lot", _other=pl.col("total")), on="lot", how="left")
        .group_by(BID)
        .agg(
            _ahead=(points_units(pl.col("_other")) > points_units(pl.col("total"))).sum(),
            _tenders=pl.col("_other").is_not_null().sum(),
        )
    )
    # Where it would have ranked, had it been a tender; one below a minimum score would
    # have been disqualified, as its reasons then go on to say.
    placed = pl.format(
        "{}: it is scored on the same criteria, against the tenders' own lowest price and best "
        "social value, and sets neither; it is not ranked or awarded",
        pl.lit(COMPARATOR_OPENING),
    ) + pl.when(pl.col("dq_reasons").fill_null([]).list.len() > 0).then(
        pl.lit("; had it been a tender it would have been disqualified")
    ).when(pl.col("_tenders") == 0).then(
        pl.lit("; no tender was ranked to compare it with")
    ).otherwise(
        pl.format(
            "; had it been a tender its total would have ranked {} ({} of the {} ranked "
            "tenders score more)",
            _ordinal(pl.col("_ahead") + 1),
            pl.col("_ahead"),
            pl.col("_tenders"),
        )
    )
    return (
        bids.join(ahead, on=BID, how="left", maintain_order="left")
        .with_columns(
            dq_reasons=pl.when(pl.col("_ahead").is_not_null())
            .then(pl.concat_list(placed, pl.col("dq_reasons").fill_null([])))
            .otherwise("dq_reasons")
        )
        .drop("_ahead", "_tenders")
    )


def _ordinal(n: pl.Expr) -> pl.Expr:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    tens = n % 100
    suffix = (
        pl.when(tens.is_between(11, 13))
        .then(pl.lit("th"))
        .when(n % 10 == 1)
        .then(pl.lit("st"))
        .when(n % 10 == 2)
        .then(pl.lit("nd"))
        .when(n % 10 == 3)
        .then(pl.lit("rd"))
        .otherwise(pl.lit("th"))
    )
    return n.cast(pl.String) + suffix


def _problem_reasons(tender: Tender, rows: pl.DataFrame, keys: dict[str, str]) -> pl.DataFrame:
    """(row, problem_reasons, errors_in_own_return): the input errors that make each
    bids-frame row invalid, and whether every one of them is in the row's own bid return (an
    error there cannot touch the evaluators' scores, :data:`DISQUALIFIED_ANYWAY`)."""
    errors = [p for p in tender.problems if p.is_error]
    problems = pl.DataFrame(
        {
            "order": list(range(len(errors))),
            "p_skey": [keys.get(p.supplier) if p.supplier else None for p in errors],
            "p_lot": [p.lot for p in errors],
            "p_file": [p.file for p in errors],
            "text": [_reason_text(p) for p in errors],
        },
        schema={
            "order": pl.Int64,
            "p_skey": pl.String,
            "p_lot": pl.String,
            "p_file": pl.String,
            "text": pl.String,
        },
    )
    placed = rows.select("row", "skey", "lot", "source")
    by_supplier = placed.join(problems, left_on="skey", right_on="p_skey", how="inner").filter(
        pl.col("p_lot").is_null() | (pl.col("p_lot") == pl.col("lot"))
    )
    by_file = placed.filter(pl.col("lot").is_null()).join(
        problems, left_on="source", right_on="p_file", how="inner"
    )
    return (
        pl.concat(
            [
                by_supplier.select(
                    "row", "order", "text", own=pl.col("p_file").eq_missing(pl.col("source"))
                ),
                by_file.select("row", "order", "text", own=pl.lit(True)),
            ]
        )
        .unique(["row", "order"])
        .sort("row", "order")
        .group_by("row", maintain_order=True)
        .agg(
            problem_reasons=pl.col("text").unique(maintain_order=True),
            errors_in_own_return=pl.col("own").all(),
        )
    )


def _reason_text(problem: Problem) -> str:
    """A problem as a reason on the bids it makes invalid. A supplier's later bid returns
    each carry one error naming every file: on each of its bids it is said once, not once
    for every file but the first."""
    if problem.where and problem.code != "bid.twice":
        return f"{problem.describe()} ({problem.where})"
    return problem.describe()


# --------------------------------------------------------------------------------------------
# Per-bid figures


def _bid_frame(
    units: pl.DataFrame,
    evaluated: pl.DataFrame,
    leaves: pl.DataFrame,
    sv_amounts: pl.DataFrame,
) -> pl.DataFrame:
    # Each bid's points are added up in the plan's order: the leaves list each bid's questions
    # together, in that order. (Numbered so that polars sees the bids in order and adds each
    # bid's rows as one block: a float sum depends on how it is added up.)
    number = (
        pl.col("skey").ne_missing(pl.col("skey").shift(1))
        | (pl.col("lot").ne_missing(pl.col("lot").shift(1)))
    ).cum_sum()
    points = (
        leaves.with_columns(_b=number.set_sorted())
        .group_by("_b", maintain_order=True)
        .agg(
            pl.col(BID).first(),
            q_quality=pl.col("weighted").filter(pl.col("pillar") == "quality").sum(),
            q_social_value=pl.col("weighted").filter(pl.col("pillar") == "social_value").sum(),
        )
        .drop("_b")
    )
    return (
        units.join(evaluated, on=BID, how="left")
        .join(points, on=BID, how="left")
        .join(sv_amounts, on=BID, how="left")
        .with_columns(
            pl.col("q_quality").fill_null(0.0),
            pl.col("q_social_value").fill_null(0.0),
        )
    )


def _invalid_reasons(
    plan: Plan,
    units: pl.DataFrame,
    breakdown: pl.DataFrame,
    bids: pl.DataFrame,
    leaves: pl.DataFrame,
    refused: pl.DataFrame,
    commitments_beyond: pl.DataFrame,
) -> pl.DataFrame:
    parts = []
    if plan.price.method != "quality_only":
        parts.append(price_mod.unpriced_items(plan, units, breakdown, refused))
        parts.append(_prices_that_cannot_be_scored(plan, bids).select(*BID, "reason"))
    # A commitment kept for information only makes nothing invalid.
    parts.append(commitments_beyond.filter("scored").select(*BID, "reason"))
    parts.append(
        leaves.filter(pl.col("final").is_null())
        .sort(["skey", "lot", "order"])
        .select(
            *BID,
            reason=pl.format(
                UNSCORED_OPENING + "{} '{}' (no counted evaluator score and no consensus)",
                pl.col("question"),
                pl.col("title"),
            ),
        )
    )
    reasons = (
        pl.concat(parts).group_by(BID, maintain_order=True).agg(invalid_reasons=pl.col("reason"))
    )
    return (
        units.select(BID)
        .join(reasons, on=BID, how="left")
        .with_columns(pl.col("invalid_reasons").fill_null([]))
    )


def _refused_cells(tender: Tender) -> pl.DataFrame:
    """(source, rate_cell) of each cell an error in the inputs names, as the price breakdown
    writes them (``Prices › G7``)."""
    cells = {(p.file, f"{p.sheet} › {p.cell}") for p in tender.problems if p.is_error and p.cell}
    return pl.DataFrame(
        sorted(cells), schema={"source": pl.String, "rate_cell": pl.String}, orient="row"
    )


def price_errors(tender: Tender) -> list[Problem]:
    """The errors ``score`` gives a tender for prices no formula can score, worked out from the
    price schedules alone, for ``validate``, which does not score: it said "no errors" (exit
    0) of a folder every other command held back for a £0 tender."""
    plan = tender.plan
    if plan is None or tender.bids.is_empty() or plan.price.method == "quality_only":
        return []
    decisions, _ = _decisions_checked(tender, plan)
    keys = _all_keys(tender, pl.Series([], dtype=pl.String))
    units = _scorable(_classify_rows(plan, tender, keys, decisions))
    _, evaluated = _priced(plan, tender, keys, units)
    return _price_errors(plan, units.join(evaluated, on=BID, how="left"))


def commitment_problems(tender: Tender) -> list[Problem]:
    """The problems ``score`` gives a tender for social value commitments worth more than any
    public contract (``commitments.beyond_any_contract``: errors, or warnings for those kept
    for information only), worked out from the commitments and the proxy value table alone,
    for ``validate``, which does not score."""
    plan = tender.plan
    if plan is None or tender.bids.is_empty():
        return []
    decisions, _ = _decisions_checked(tender, plan)
    keys = _all_keys(tender, pl.Series([], dtype=pl.String))
    units = _scorable(_classify_rows(plan, tender, keys, decisions))
    valued = sv_mod.commitments_value(
        plan, units, with_key(tender.commitments, keys), tender.proxies
    )
    return sv_mod.commitment_problems(valued.beyond)


def comparator_tenders(tender: Tender) -> pl.DataFrame:
    """The returns scoring makes the in-house comparator (lot, supplier, source, status
    ``comparator``), told from the bids and the suppliers' type of organisation alone, for
    ``validate``, which does not score: the rows the results give that status (a return
    withdrawn, or set aside beside another, is no comparator)."""
    plan = tender.plan
    empty = pl.DataFrame(schema=dict.fromkeys(("lot", "supplier", "source", "status"), pl.String))
    if plan is None or tender.bids.is_empty():
        return empty
    decisions, _ = _decisions_checked(tender, plan)
    keys = _all_keys(tender, pl.Series([], dtype=pl.String))
    in_house = _in_house_teams(tender, keys)
    if not in_house:
        return empty
    rows = _classify_rows(plan, tender, keys, decisions).with_columns(status=pl.lit("ranked"))
    return rows.select(
        "lot",
        "supplier",
        "source",
        status=_comparator_status(pl.col("scorable") & pl.col("skey").is_in(in_house)),
    ).filter(pl.col("status") == "comparator")


def input_problems(tender: Tender) -> list[Problem]:
    """The problems found in reading the tender as ``score`` gives them, for ``validate``,
    which does not score: each error at an evaluator's score the panel's consensus replaces
    made a warning that says so (:func:`quality.replaced_by_consensus`, the one rule for
    both), worked out from the bids, scores, declarations and moderation alone. validate
    listed it as an error and exited 1 where score exited 0."""
    plan = tender.plan
    # Most folders have no error at a cell: nothing to work out (validate stays quick).
    at_a_cell = any(p.is_error and p.file and p.sheet and p.cell for p in tender.problems)
    if plan is None or tender.bids.is_empty() or not at_a_cell:
        return tender.problems
    decisions, _ = _decisions_checked(tender, plan)
    keys = _all_keys(tender, tender.scores.get_column("supplier").unique())
    units = _scorable(_classify_rows(plan, tender, keys, decisions))
    return quality_mod.replaced_by_consensus(
        tender.problems,
        plan,
        units,
        tender.scores,
        tender.declarations,
        with_key(tender.moderation, keys),
        keys,
    )


def moderation_errors(tender: Tender) -> list[Problem]:
    """The errors ``score`` gives a tender for consensus scores recorded by an evaluator the
    plan sets aside for a conflict of interest or for want of a declaration, worked out from
    the scores, the declarations and the moderation alone, for ``validate``, which does not
    score."""
    plan = tender.plan
    if plan is None:
        return []
    rules = plan.evaluation
    keys = _all_keys(tender, tender.scores.get_column("supplier").unique())
    undeclared = quality_mod.undeclared_evaluators(
        tender.scores.get_column("evaluator"), tender.declarations
    )
    named = quality_mod.conflicted_moderators(
        with_key(tender.moderation, keys).with_row_index("_row"),
        tender.declarations,
        keys,
        undeclared,
    )
    refused = quality_mod.moderator_refused(rules.conflicted_scores, rules.missing_declaration)
    return quality_mod.conflicted_moderator_errors(named.filter(refused))


def _scorable(rows: pl.DataFrame) -> pl.DataFrame:
    """The bids to score (skey, lot, supplier, source), in the order of their keys."""
    return rows.filter(pl.col("scorable")).select("skey", "lot", "supplier", "source").sort(BID)


def _priced(
    plan: Plan, tender: Tender, keys: dict[str, str], units: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The price build-up of the bids in ``units``, and each one's evaluated price."""
    prices = with_key(tender.prices, keys).join(units.select(BID), on=BID, how="semi")
    breakdown = price_mod.price_breakdown(plan, prices)
    return breakdown, price_mod.evaluated_prices(breakdown)


def _price_marks(fraction: pl.Expr, weight: float, method: str) -> pl.Expr:
    """What the price formula gave a tender (": 70.36% of the price marks, 28.14 of 40
    points"), for the bidder to check with the settings "How it was scored" states; nothing
    for a fixed price, or a tender the formula gave nothing to (an invalid one). The points
    are written as the summary's points cell beside it shows them (28.125 as 28.13); a share
    under all the marks never reads 100% (99.999% is "99.99%")."""
    if method == "quality_only":
        return pl.lit("")
    percent = num(fraction * 100)
    return pl.format(
        ": {}% of the price marks, {} of {} points",
        pl.when((fraction < 1) & (percent == "100.00")).then(pl.lit("99.99")).otherwise(percent),
        num(fraction * weight),
        pl.lit(fmt(weight)),
    ).fill_null("")


def _prices_that_cannot_be_scored(plan: Plan, bids: pl.DataFrame) -> pl.DataFrame:
    """(skey, lot, supplier, source, code, shown, reason) of each bid whose evaluated price no
    formula can score: nothing at all (£0.00 to the penny), or more than any public contract is
    worth (rates and volumes are each bounded when read, but their product over the years can
    still pass any real contract, or be infinite). ``shown`` is the price as messages write
    it."""
    price = pl.col("evaluated_price")
    # Nothing as every output shows it: rates of 1E-300 came to £0.00 in the report, the
    # summaries and the award notice, yet were "above zero". Money is compared to the penny
    # (comparison.pence); a rate below a penny over many hours is a real price all the same.
    zero = pence(price) <= 0
    if plan.price.method == "quality_only":
        zero = beyond = pl.lit(False)
    else:
        beyond = ~(price <= MAX_MONEY)
    return bids.filter(zero | beyond).select(
        *BID,
        "supplier",
        "source",
        code=pl.when(zero)
        .then(pl.lit("price.not_above_zero"))
        .otherwise(pl.lit("price.beyond_any_contract")),
        shown=money(price),
        reason=pl.when(zero)
        .then(pl.format("the evaluated price is {}; a price must be above zero", money(price)))
        .otherwise(
            pl.format(
                "the evaluated price is {}, more than any public contract is worth; "
                "check the rates and the plan's volumes",
                money(price),
            )
        ),
    )


# Why a price no formula can score is put to the supplier, and on what ground the buyer may
# reject the tender if it is not put right, by the problem's code.
_PRICE_PUT_RIGHT = {
    "price.not_above_zero": (
        "a price of nothing is the plainest abnormally low tender: ask the supplier to explain it",
        "; ground abnormally_low once its explanation is considered",
    ),
    "price.beyond_any_contract": (
        "it is more than any public contract is worth: check the rates and the plan's "
        "volumes, and ask the supplier",
        "",
    ),
}


def _price_errors(plan: Plan, bids: pl.DataFrame) -> list[Problem]:
    """An error for each bid whose price cannot be scored. Such a tender is invalid, but not
    for the tool to reject on its own: a price of nothing is queried, not rejected outright
    (Procurement Act 2023 s.34; PCR 2015 reg 69), and a price beyond any contract is a slip
    the supplier can put right. Either way it could win once put right, so the award waits for
    it, or for the buyer's rejection."""
    return [
        Problem(
            f"the evaluated price for lot {lot} cannot be scored: {_PRICE_PUT_RIGHT[code][0]}",
            file=source or "",
            found=shown,
            expected="the price put right by the supplier, or the tender rejected in "
            f"{DECISIONS_FILE} ([[rejection]]{_PRICE_PUT_RIGHT[code][1]})",
            code=code,
            supplier=supplier,
            lot=lot,
        )
        for lot, supplier, source, code, shown in _prices_that_cannot_be_scored(plan, bids)
        .select("lot", "supplier", "source", "code", "shown")
        .iter_rows()
    ]


def _threshold_reasons(
    plan: Plan, leaves: pl.DataFrame, bids: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Disqualifying reasons per bid, and flags for thresholds that do not disqualify."""
    parts = [
        leaves.filter(pl.col("below_minimum") & pl.col("disqualify"))
        .sort(["skey", "lot", "order"])
        .select(*BID, reason=quality_mod.below_minimum_text(disqualifies=True))
    ]
    flags = flags_frame()
    rules = plan.evaluation
    quality_weight = plan.stated_pillar_weight("quality")
    share, minimum = rules.minimum_quality_share, plan.quality_minimum_points()
    if share is not None and minimum is not None and quality_weight > 0:
        # Points and minimum compared as every award comparison is, to 4 decimal places:
        # 19.99999992 points (each question's shown as 8.00, 8.00, 4.00) meet 20.
        below = bids.filter(below_minimum(pl.col("q_quality"), minimum))
        text = pl.format(
            "the quality score {} of {} available is below the overall minimum of {} ({} points)",
            num(rounded_expr(pl.col("q_quality")), POINT_DECIMALS),
            pl.lit(fmt(quality_weight)),
            pl.lit(share_as_percent(share)),
            pl.lit(as_compared(minimum)),
        )
        if rules.disqualify_below_overall_minimum:
            parts.append(below.select(*BID, reason=text + pl.lit("; failing it disqualifies")))
        else:
            flags = flags_frame(
                below.select(
                    "lot",
                    "skey",
                    code=pl.lit("quality.below_overall_minimum"),
                    message=text + pl.lit("; the plan does not disqualify on it"),
                    severity=pl.lit("warning"),
                )
            )
    reasons = pl.concat(parts).group_by(BID, maintain_order=True).agg(dq_reasons=pl.col("reason"))
    out = (
        bids.select(BID)
        .join(reasons, on=BID, how="left")
        .with_columns(pl.col("dq_reasons").fill_null([]))
    )
    return out, flags


# --------------------------------------------------------------------------------------------
# Relative scores and ranking (also used by rank reversal over other pools)


def relative_scores(plan: Plan, df: pl.DataFrame, over: list[str]) -> pl.DataFrame:
    """Price and commitments fractions, pillar points and totals for rows of ``df``.

    ``df`` holds one row per bid with ``evaluated_price``, ``social_value_amount``,
    ``q_quality``, ``q_social_value`` (question points) and ``in_pool``; relative formulas
    compare rows within each ``over`` window.
    """
    price_weight = sum(c.effective_weight for c in plan.leaves if c.kind == "price")
    commit_weight = sum(c.effective_weight for c in plan.leaves if c.kind == "commitments")
    in_pool = pl.col("in_pool")
    commit = sv_mod.commitment_fraction(
        plan, pl.col("social_value_amount"), pl.col("evaluated_price"), in_pool, over
    )
    # Worked out under a commitments criterion weighted 0 too, as the price share is under a
    # price weighted 0: the share of the marks the bid earned, which a what-if on the
    # weights (the Ranking sheet) multiplies by the weight typed in.
    df = df.with_columns(
        commit_fraction=commit if sv_mod.scores_commitments(plan) else pl.lit(None, pl.Float64)
    )
    df = df.with_columns(
        social_value_score=pl.col("q_social_value")
        + pl.col("commit_fraction").fill_null(0.0) * commit_weight
    )
    quality_points = pl.col("q_quality") + pl.col("social_value_score")
    df = df.with_columns(
        price_fraction=price_mod.price_fraction(
            plan, pl.col("evaluated_price"), quality_points, in_pool, over
        ),
        price_key=price_mod.price_key(plan, pl.col("evaluated_price"), quality_points),
    )
    return df.with_columns(
        price_score=pl.col("price_fraction").fill_null(0.0) * price_weight,
        quality_score=pl.col("q_quality"),
    ).with_columns(
        total=pl.col("price_score") + pl.col("quality_score") + pl.col("social_value_score")
    )


# The scores a bid's total is made of, with the total: each must be a number for it to rank.
SCORES = {
    "price_score": "price",
    "quality_score": "quality",
    "social_value_score": "social value",
    "total": "total",
}


def _scored_to_a_number(
    plan: Plan, bids: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, list[Problem]]:
    """``bids`` with their relative scores (the bids not invalid), never one whose total or a
    score in it is no number (NaN, or infinite). Each input is bounded when read, and a price
    or a commitment worth more than any contract is invalid already, but a product or a sum of
    bounded figures can still overflow: 1E305 units of social value at £32,500 scored infinite
    over infinite, a total of NaN ranked first and awarded. Such a bid is invalid with its
    reason and an error, and the others are scored again without it (it set their relative
    scores), until every score is a number. Returns (bids, scored, errors)."""
    errors: list[Problem] = []
    while True:
        scored = relative_scores(
            plan,
            bids.filter(pl.col("status") != "invalid").with_columns(
                in_pool=pl.col("status") == "ranked"
            ),
            ["lot"],
        )
        unworked = _not_a_number(scored)
        if unworked.is_empty():
            return bids, scored, errors
        errors += _not_a_number_errors(unworked)
        bids = (
            bids.join(unworked.select(*BID, "reason"), on=BID, how="left")
            .with_columns(
                status=pl.when(pl.col("reason").is_not_null())
                .then(pl.lit("invalid"))
                .otherwise(pl.col("status")),
                invalid_reasons=pl.when(pl.col("reason").is_not_null())
                .then(pl.col("invalid_reasons").list.concat(pl.concat_list("reason")))
                .otherwise(pl.col("invalid_reasons")),
            )
            .drop("reason")
        )


def _not_a_number(scored: pl.DataFrame) -> pl.DataFrame:
    """(skey, lot, supplier, source, found, reason) of each row of ``scored`` whose total or a
    score in it is not a number."""
    broken = pl.any_horizontal(~pl.col(column).is_finite() for column in SCORES)
    scores = pl.concat_str(
        [
            pl.format(
                "{} {}",
                pl.lit(name),
                pl.when(pl.col(column).is_finite())
                .then(num(pl.col(column)))
                .otherwise(pl.col(column).cast(pl.String)),
            )
            for column, name in SCORES.items()
        ],
        separator=", ",
    )
    return scored.filter(broken).select(
        *BID,
        "supplier",
        "source",
        found=scores,
        reason=pl.format(
            "its total cannot be worked out ({}): a figure it is made of is too large to count",
            scores,
        ),
    )


def _not_a_number_errors(unworked: pl.DataFrame) -> list[Problem]:
    """An error for each bid whose total is no number. It is invalid, but its figures are a
    slip to put right, not a ground to reject on: it could win once they are, so the award
    waits for it, or for the buyer's rejection (as for a price no formula can score)."""
    return [
        Problem(
            f"the total for lot {lot} cannot be worked out, so the tender is not ranked: a "
            "figure it is made of (a price, a commitment, a score) is too large to count",
            file=source or "",
            found=found,
            expected="every score a number: the figures put right and the tender scored "
            f"again, or the tender rejected in {DECISIONS_FILE} ([[rejection]])",
            code="score.not_a_number",
            supplier=supplier,
            lot=lot,
        )
        for lot, supplier, source, found in unworked.select(
            "lot", "supplier", "source", "found"
        ).iter_rows()
    ]


def _rank_keys(plan: Plan) -> list[pl.Expr]:
    """Total, then the plan's tie-break keys, each in the units it is compared in (points to
    4 decimals, money to the penny: :mod:`tendereval.comparison`), larger first."""
    exprs = {
        "quality": points_units(pl.col("quality_score")),
        "price": -pence(pl.col("evaluated_price").fill_null(float("inf"))),
        "social_value": points_units(pl.col("social_value_score")),
        "total_quality_and_social_value": points_units(
            pl.col("quality_score") + pl.col("social_value_score")
        ),
    }
    keys = [points_units(pl.col("total"))] + [exprs[k] for k in plan.tie_break]
    return [k.alias(f"k{i}") for i, k in enumerate(keys)]


def rank_pool(plan: Plan, pool: pl.DataFrame, over: list[str]) -> pl.DataFrame:
    """Rank the rows of ``pool`` within each ``over`` window: total, then the plan's tie-break.

    Equal rows share the lowest rank ("1, 1, 3").
    """
    return pool.with_columns(
        rank=pl.struct(_rank_keys(plan)).rank("min", descending=True).over(over).cast(pl.Int64)
    ).sort([*over, "rank", "supplier"], nulls_last=True)


def _rank_flags(plan: Plan, pool: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Ties: broken by the plan's rule, and not broken."""
    rounded = points_units(pl.col("total"))
    pool = pool.with_columns(
        position=pl.int_range(pl.len()).over("lot"),
        same_rank=pl.len().over(["lot", "rank"]),
        same_total=pl.len().over(["lot", rounded]),
    )
    broken = plan.tie_break_text() or "none"
    # Close calls and the lot cap's flags are the award's (see with_award_flags): the lot cap
    # can propose a tender other than the one ranked first, and counts only the lots awarded.
    flags = [
        pool.filter(pl.col("same_rank") > 1).select(
            "lot",
            "skey",
            code=pl.lit("tie.unbroken"),
            message=pl.format(
                "tie not broken by the plan's rule ({}): ranked equal {} with another bid",
                pl.lit(broken),
                pl.col("rank"),
            ),
            severity=pl.lit("warning"),
        ),
        pool.filter((pl.col("same_total") > 1) & (pl.col("same_rank") == 1)).select(
            "lot",
            "skey",
            code=pl.lit("tie.broken"),
            message=pl.format(
                "equal total with another bid; placed {} by the plan's tie-break ({})",
                pl.col("rank"),
                pl.lit(broken),
            ),
            severity=pl.lit("warning"),
        ),
    ]
    return pool, pl.concat([flags_frame(f) for f in flags])


def _explained(pool: pl.DataFrame, decisions: Decisions) -> pl.DataFrame:
    """``pool`` with ``_explained``: for a tender whose price the buyer recorded as explained
    and accepted ([[price_explanation]]), when it asked and when it accepted (else null)."""
    records = [
        (supplier_key(e.supplier), e.lot, explanation_text(e)) for e in decisions.price_explanations
    ]
    if not records:
        return pool.with_columns(_explained=pl.lit(None, dtype=pl.String))
    matched = covered(pool, BID, records, "_explained")
    return pool.join(matched, on=BID, how="left", maintain_order="left")


def explanation_text(explained: RecordedExplanation) -> str:
    """What was done about an abnormally low price, in the flag's words."""
    return (
        f"the supplier was asked to explain it on {explained.queried_on}, and its explanation "
        f"was accepted on {explained.accepted_on} ({DECISIONS_FILE} › "
        f"{explained.where or 'price_explanation'})"
    )


def _abnormally_low_flags(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    rules = plan.abnormally_low
    if plan.price.method == "quality_only":
        return flags_frame()
    law = "Procurement Act 2023" if plan.regime == "PA2023" else "PCR 2015 reg 69"
    # What to do about the price, or, once the buyer records it, what was done.
    ask = pl.coalesce(
        "_explained",
        pl.lit(f"ask the supplier to explain it ({law}); it is not a reason to exclude on its own"),
    )
    parts = []
    if rules.share_of_median is not None:
        # The median is taken over the lot's compliant bids before any filtering.
        median = pl.col("median_pence")
        parts.append(
            pool.with_columns(median_pence=pence(pl.col("evaluated_price")).median().over("lot"))
            .filter(_below_share(pl.col("evaluated_price"), median, rules.share_of_median))
            .select(
                "lot",
                "skey",
                code=pl.lit("abnormally_low.median"),
                message=pl.format(
                    "evaluated price {} is below {}, {}% of the median compliant price ({}): {}",
                    money(pl.col("evaluated_price")),
                    _threshold_shown(
                        pence(pl.col("evaluated_price")), median, rules.share_of_median
                    ),
                    pl.lit(fmt(rules.share_of_median * 100)),
                    _exact_pounds(median),
                    ask,
                ),
                severity=pl.lit("warning"),
            )
        )
    true_costs = {lot.id: lot.true_cost for lot in plan.lots if lot.true_cost}
    if rules.below_true_cost and true_costs:
        cost = pl.col("lot").replace_strict(true_costs, default=None, return_dtype=pl.Float64)
        # The true cost is what the whole contract costs in-house, undiscounted: it is set
        # against what the contract pays, the whole-life price. Under "npv" that is not the
        # evaluated price, which is discounted: a bid at the true cost would be below it.
        npv = plan.price.evaluation == "npv"
        paid = pl.col("whole_life_price" if npv else "evaluated_price")
        parts.append(
            # To the penny (comparison.py): a price whose pounds add up to 3231866.7499999995
            # is not below a true cost of £3,231,866.75.
            pool.filter(pence(paid) < pence(cost)).select(
                "lot",
                "skey",
                code=pl.lit("abnormally_low.true_cost"),
                message=pl.format(
                    "{} is below the in-house true cost of {}: {}", _paid(npv), money(cost), ask
                ),
                severity=pl.lit("warning"),
            )
        )
    return pl.concat([flags_frame(p) for p in parts]) if parts else flags_frame()


def _paid(npv: bool) -> pl.Expr:
    """The price the true-cost flag compares, named: the evaluated price, or under "npv"
    the whole-life price with the evaluated price (its NPV) beside it."""
    if npv:
        return pl.format(
            "whole-life price {} (undiscounted; the evaluated price, its NPV, is {})",
            money(pl.col("whole_life_price")),
            money(pl.col("evaluated_price")),
        )
    return pl.format("evaluated price {}", money(pl.col("evaluated_price")))


def _below_share(price: pl.Expr, median_pence: pl.Expr, share: float) -> pl.Expr:
    """Whether ``price``, to the penny as every output shows it, is below ``share`` of the
    median (in pence) exactly: not that share rounded to the penny. 80% of a median of
    £10,000.04 is £8,000.032, and £8,000.03 is below it (rounded, the threshold read
    £8,000.03 and the price was not below itself). Compared in whole numbers (the share's
    decimals as written, the median in half pence), so no float's last digit decides."""
    written = Decimal(repr(float(share)))
    places = max(0, -written.as_tuple().exponent)
    scaled_share = pl.lit(int(written.scaleb(places)), pl.Int64).cast(pl.Decimal(38, 0))
    price_pence = pence(price).cast(pl.Decimal(38, 0))
    return (
        price_pence * pl.lit(10**places).cast(pl.Decimal(38, 0))
        < median_pence.cast(pl.Decimal(38, 1)) * scaled_share
    )


def _exact_pounds(amount_pence: pl.Expr, share: float = 1.0) -> pl.Expr:
    """``share`` of an amount in pence as text, exactly, with as many decimals as it takes
    and at least two: 80% of £10,000.04 is ``£8,000.032``, the middle of £10,000.00 and
    £10,000.01 ``£10,000.005``; so a price below it never reads as equal to it."""
    written = Decimal(repr(float(share)))

    def text(amount: float) -> str:
        pounds = (Decimal(repr(amount)) * written).scaleb(-2).normalize()
        if pounds.as_tuple().exponent > -2:
            pounds = pounds.quantize(Decimal("0.01"))
        return f"£{pounds:,f}"

    return amount_pence.map_elements(text, return_dtype=pl.String)


def _threshold_shown(price_pence: pl.Expr, median_pence: pl.Expr, share: float) -> pl.Expr:
    """``share`` of the median (in pence) as the abnormally-low message shows it: to the
    penny, as money is shown everywhere (a share typed as 0.123456789 gave "below
    £1,234.56789…"), but with as many more places as it takes not to read as the price it is
    compared with (``price_pence``): 80% of £10,000.04 is £8,000.032, and £8,000.03 is below
    it, so the message shows £8,000.032, not £8,000.03. The comparison itself is exact
    (:func:`_below_share`); the places shown beyond the penny are cut, not rounded, so the
    figure shown is never above the threshold."""
    written = Decimal(repr(float(share)))

    def text(amounts: dict[str, float]) -> str:
        exact = (Decimal(repr(amounts["median"])) * written).scaleb(-2)
        shown = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        price = Decimal(int(amounts["price"])).scaleb(-2)
        places = 2
        while shown <= price and shown != exact:
            places += 1
            shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
        return f"£{shown:,f}"

    return pl.struct(price=price_pence, median=median_pence).map_elements(
        text, return_dtype=pl.String
    )


def _award_on_value_flags(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    if plan.price.method != "award_on_value":
        return flags_frame()
    return flags_frame(
        pool.filter(pl.col("price_key") <= 0).select(
            "lot",
            "skey",
            code=pl.lit("price.award_on_value_guard"),
            message=pl.format(
                "the money value of this bid's quality exceeds its price (adjusted price {}); "
                "it gets full price marks — check the plan's value_per_point",
                money(pl.col("price_key")),
            ),
            severity=pl.lit("warning"),
        )
    )


def _ceiling_flags(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    """A warning on each bid at or above linear_bounds' ceiling price: it scores no price
    marks, whatever it costs. When every bid of a lot is flagged, price decides nothing there
    (a ceiling typed in £ millions gives every bid 0 for price)."""
    ceiling = plan.price.ceiling_price
    if plan.price.method != "linear_bounds" or ceiling is None:
        return flags_frame()
    return warnings_on(
        pool.filter(pence(pl.col("price_key")) >= pence(pl.lit(ceiling))),
        "price.at_ceiling",
        pl.format(
            "evaluated price {} is at or above the ceiling price of {}: it scores no price marks",
            money(pl.col("evaluated_price")),
            money(pl.lit(ceiling)),
        ),
    )


def _fixed_price_flags(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    """Under quality_only the price is fixed and scores nothing, so nothing else looks at it: a
    warning on each bid of a lot whose evaluated price is not the lot's middle one, to the
    penny (a supplier who priced above the fixed price would otherwise be awarded at it).
    Every output stating the method says so (price.NOT_THE_FIXED_PRICE): change both together."""
    if plan.price.method != "quality_only":
        return flags_frame()
    price = pence(pl.col("evaluated_price"))
    return warnings_on(
        pool.filter(pl.col("evaluated_price").is_not_null())
        .with_columns(
            _low=pl.col("evaluated_price").min().over("lot"),
            _high=pl.col("evaluated_price").max().over("lot"),
            _median=pl.col("evaluated_price").median().over("lot"),
        )
        .filter(price != pence(pl.col("_median"))),
        "price.not_the_fixed_price",
        pl.format(
            "evaluated price {} is not the middle one of the lot's bids ({}; they range from {} "
            "to {}), though the plan scores quality only, on a fixed price: check it against "
            "the price your tender documents fix",
            money(pl.col("evaluated_price")),
            money(pl.col("_median")),
            money(pl.col("_low")),
            money(pl.col("_high")),
        ),
    )


def _price_far_above_others_flags(pool: pl.DataFrame) -> pl.DataFrame:
    """A warning on a bid whose evaluated price is many times the others' in its lot (their
    median; with two bids, the other's): rates typed in pence are 100 times too high, and a
    lot with no estimated value has nothing else to catch them. The bid scores next to no
    price marks and is ranked as it stands; a clarification may show it was a slip."""
    price = pl.col("evaluated_price")
    return warnings_on(
        pool.with_columns(_others=others_price(price, "lot"), _bids=pl.len().over("lot")).filter(
            far_above(price, pl.col("_others"))
        ),
        "price.far_above_others",
        pl.format(
            "evaluated price {} is {} times {} ({}): check the unit rates (typed in pence, or "
            "a total in a rate cell?)",
            money(price),
            times(price / pl.col("_others")),
            pl.when(pl.col("_bids") == 2)
            .then(pl.lit("the other bid's"))
            .otherwise(pl.lit("the median of the lot's bids")),
            money(pl.col("_others")),
        ),
    )


def _price_far_below_estimate_flags(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    """A warning on a bid whose evaluated price is under a fifth of its lot's estimated value
    (both for the whole contract): when every bid of a lot has it, the plan's yearly volumes
    or contract years are the likelier slip (18 typed for 18,000 hours), and every price was
    worked out on them. (A bid far above the estimate is the bid loader's warning,
    ``price.far_above_estimate``; one far below the others is abnormally low.)"""
    estimate = _estimated_value(plan)
    if estimate is None:
        return flags_frame()
    price = pl.col("evaluated_price")
    return warnings_on(
        pool.filter(far_above(estimate, price)),
        "price.far_below_estimate",
        pl.format(
            "evaluated price {} is less than 1/{} of the lot's estimated value ({}): check the "
            "plan's yearly volumes and contract years, and the bid's unit rates",
            money(price),
            pl.lit(TIMES_ESTIMATE),
            money(estimate),
        ),
    )


def _estimated_value(plan: Plan) -> pl.Expr | None:
    """Each row's lot's estimated value (null for a lot without one), or None when no lot
    has one."""
    estimates = plan.estimated_values()
    if not estimates:
        return None
    return pl.col("lot").replace_strict(estimates, default=None, return_dtype=pl.Float64)


# Every bid of a lot at more than this many times its estimated value: too many to be the
# bids' slips, so the plan's figures or the estimate are the likelier cause. Yearly volumes
# that are really the whole contract's multiply every price by the contract years (3 to 5),
# which the bound of TIMES_ESTIMATE for one bid would let through.
EVERY_BID_OVER_ESTIMATE = 2


def _lot_above_estimate_flags(plan: Plan, pool: pl.DataFrame) -> pl.DataFrame:
    """A warning on every bid of a lot whose bids all come to more than twice its estimated
    value: the plan's yearly volumes may be the whole contract's (every price multiplied by
    the contract years), or its contract years or the estimate wrong. Either way the
    committee should know before the prices are relied on."""
    estimate = _estimated_value(plan)
    if estimate is None:
        return flags_frame()
    lowest = pl.col("evaluated_price").min().over("lot")
    return warnings_on(
        pool.filter(lowest > EVERY_BID_OVER_ESTIMATE * estimate),
        "price.lot_above_estimate",
        pl.format(
            "every bid for lot {} comes to more than twice its estimated value of {}: check "
            "the plan's yearly volumes (are they the whole contract's?), its contract years "
            "and the estimate",
            pl.col("lot"),
            money(estimate),
        ),
    )


def _social_value_scale_flags(pool: pl.DataFrame) -> pl.DataFrame:
    """A warning on a bid whose committed social value is many times its evaluated price: a
    sum of money typed as a number of units (250,000 jobs for £250,000) gives it every
    commitments mark and the others next to none. The bound is the bid loader's for rates far
    above a lot's estimate."""
    amount, price = pl.col("social_value_amount"), pl.col("evaluated_price")
    return warnings_on(
        pool.filter(far_above(amount, price)),
        "social_value.far_above_price",
        pl.format(
            "the social value committed, {}, is {} times the evaluated price ({}): check the "
            "commitments' units (a sum of money typed as a number of units?)",
            money(amount),
            times(amount / price),
            money(price),
        ),
    )


# --------------------------------------------------------------------------------------------
# Assembling the result frames


def _display(df: pl.DataFrame | None, units: pl.DataFrame, keys: dict[str, str]) -> pl.DataFrame:
    """Replace ``skey`` by the supplier's name as written in its bid (or as found)."""
    if df is None:
        return pl.DataFrame()
    if "skey" not in df.columns:
        return df
    names = units.unique("skey", keep="first").select("skey", bid_name="supplier")
    fallback = {v: k for k, v in sorted(keys.items(), reverse=True)}
    df = df.join(names, on="skey", how="left")
    found = pl.col("supplier") if "supplier" in df.columns else pl.lit(None, pl.String)
    return df.with_columns(
        supplier=pl.coalesce(
            "bid_name",
            found,
            pl.col("skey").replace_strict(fallback, default=None, return_dtype=pl.String),
        )
    ).drop("bid_name")


# How each result frame is ordered, after the plan's lot order, so the same inputs in any row
# order give identical frames (evaluator scores come ordered from quality.score_questions).
ORDER = {
    "moderation": ["supplier", "question"],
    "price_breakdown": ["supplier", "item"],
    "social_value": ["supplier", "measure", "units", "source", "cell"],
    "flags": ["supplier", "code", "message", "where"],
    "tipping_points": ["supplier", "pillar"],
}


def _conform_to(df: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """``df`` with exactly ``schema``'s columns (null where it has none)."""
    return df.select(
        [
            (pl.col(c) if c in df.columns else pl.lit(None)).cast(t).alias(c)
            for c, t in schema.items()
        ]
    )


def _conform(name: str, df: pl.DataFrame | None, plan: Plan | None = None) -> pl.DataFrame:
    """``df`` with exactly the result schema's columns, ordered by lot then ``ORDER``."""
    schema = RESULT_SCHEMAS[name]
    if df is None or df.width == 0:
        return pl.DataFrame(schema=schema)
    out = _conform_to(df, schema)
    if plan is None or name not in ORDER:
        return out
    lots = {lot: i for i, lot in enumerate(plan.lot_ids)}
    rank = pl.col("lot").replace_strict(lots, default=len(lots), return_dtype=pl.Int64)
    if all(out.schema[c] == pl.String for c in ORDER[name]):
        return sort_by_codes(out, [(rank, len(lots) + 1), "lot", *ORDER[name]])
    return out.sort([rank, "lot", *ORDER[name]], nulls_last=True, maintain_order=True)


def _results(
    plan: Plan,
    tender: Tender,
    keys: dict[str, str],
    rows: pl.DataFrame,
    bids: pl.DataFrame,
    scored: pl.DataFrame,
    pool: pl.DataFrame,
    flags: pl.DataFrame,
    in_house: list[str],
) -> pl.DataFrame:
    per_bid = (
        bids.select(
            *BID,
            "evaluated_price",
            "whole_life_price",
            "social_value_amount",
            "invalid_reasons",
            "dq_reasons",
            "status",
            "disqualified_anyway",
        )
        .join(
            scored.select(*BID, "price_score", "quality_score", "social_value_score", "total"),
            on=BID,
            how="left",
        )
        .join(pool.select(*BID, "rank"), on=BID, how="left")
    )
    bid_flags = (
        flags.filter(pl.col("skey").is_not_null())
        .group_by(BID)
        .agg(flags=pl.col("code").unique().sort())
    )
    suppliers = (
        with_key(tender.suppliers, keys)
        .filter(pl.col("skey").is_not_null())
        .sort("source", "supplier", nulls_last=True)
        .unique("skey", keep="first", maintain_order=True)
        .select("skey", "sme", "vcse")
    )
    lot_order = {lot: i for i, lot in enumerate(plan.lot_ids)}
    out = (
        rows.join(per_bid.with_columns(scorable=pl.lit(True)), on=[*BID, "scorable"], how="left")
        .join(bid_flags, on=BID, how="left")
        .join(suppliers, on="skey", how="left")
        .with_columns(anyway=pl.col("scorable") & pl.col("disqualified_anyway").fill_null(False))
        .with_columns(
            # A withdrawn tender's own problems are moot: it is not evaluated at all; nor is a
            # return rejected beside the one that stands, invalid for the rejection alone.
            status=pl.when(pl.col("withdrawn").is_not_null())
            .then(pl.lit("withdrawn"))
            .when(pl.col("rejected").is_not_null())
            .then(pl.lit("invalid"))
            .when(pl.col("anyway"))
            .then(pl.lit("disqualified"))
            .when(pl.col("scorable") & (pl.col("problem_reasons").list.len() == 0))
            .then(pl.col("status"))
            .otherwise(pl.lit("invalid")),
            reasons=pl.when(pl.col("withdrawn").is_not_null())
            .then(pl.concat_list("withdrawn"))
            .when(pl.col("rejected").is_not_null())
            .then(pl.concat_list("rejected"))
            # What disqualifies it first, then the errors that do not change that.
            .when(pl.col("anyway"))
            .then(pl.concat_list("dq_reasons", "problem_reasons", "invalid_reasons"))
            .otherwise(
                pl.concat_list(
                    "structural",
                    "problem_reasons",
                    pl.col("invalid_reasons").fill_null([]),
                    pl.col("dq_reasons").fill_null([]),
                )
            ),
            # A return set aside beside its supplier's standing one has none of its flags.
            flags=pl.when(pl.col("withdrawn").is_null() & pl.col("rejected").is_null())
            .then(pl.col("flags"))
            .fill_null([]),
        )
        .with_columns(
            [
                pl.when((pl.col("status") == "invalid") | pl.col("anyway"))
                .then(None)
                .otherwise(pl.col(c))
                .alias(c)
                for c in ("total", "price_score", "quality_score", "social_value_score")
            ]
        )
        .drop("anyway")
        # An in-house return that could not be scored is still the comparator, not a tender
        # (its reasons say why it has no scores); one set aside beside another is not scorable.
        .with_columns(
            status=_comparator_status(pl.col("scorable") & pl.col("skey").is_in(in_house))
        )
        .with_columns(
            reasons=pl.when((pl.col("status") == "comparator") & pl.col("total").is_null())
            .then(
                pl.concat_list(pl.lit(COMPARATOR_OPENING + ": it could not be scored"), "reasons")
            )
            .otherwise("reasons")
        )
        .with_columns(
            rank=pl.when(pl.col("status") == "ranked").then(pl.col("rank")),
            # The award's margin, set once the award is made (_award_margins).
            margin_to_next=pl.lit(None, pl.Float64),
        )
        .with_columns(
            _lot=pl.col("lot").replace_strict(
                lot_order, default=len(lot_order), return_dtype=pl.Int64
            ),
            _status=pl.col("status").replace_strict(STATUS_ORDER, return_dtype=pl.Int64),
            # A return set aside by its file comes after the lot's tenders, its supplier's
            # among them: the row every count and listing takes (set_aside.ANOTHER_RETURN).
            _aside=BY_ITS_FILE,
        )
        .sort(
            ["_lot", "lot", "_aside", "_status", "rank", "total", "supplier", "source"],
            descending=[False, False, False, False, False, True, False, False],
            nulls_last=True,
        )
    )
    return _conform("results", out)


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
    # (Each bid's supplier as its bid file names it, in every part.)
    parts = [
        leaves.select(
            *BID,
            "supplier",
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
        bids.select(*BID, "supplier")
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
                    "supplier",
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
                        _price_marks(fraction, leaf.effective_weight, rules.method),
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
                    "supplier",
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
    # An invalid bid's criteria carry no points, as it has no pillar scores or total: what it
    # was marked (raw_score, basis, reason) stays on record, but nothing reads as scored.
    invalid = bids.filter(pl.col("status") == "invalid").select(*BID)
    if invalid.height:
        parts = [
            p.with_columns(
                pl.when(pl.struct(BID).is_in(invalid.select(pl.struct(BID)).to_series().implode()))
                .then(None)
                .otherwise(pl.col(c))
                .alias(c)
                for c in ("fraction", "weighted")
            )
            for p in parts
        ]
    placed = _placed_in_order(plan, leaves, parts)
    if placed is not None:
        return placed
    lot_order = {lot: i for i, lot in enumerate(plan.lot_ids)}
    out = pl.concat(
        [p.with_columns(pl.col("order").cast(pl.Int64)) for p in parts], how="diagonal_relaxed"
    )
    place = pl.col("lot").replace_strict(lot_order, default=len(lot_order), return_dtype=pl.Int64)
    # (Each bid's supplier is named once per lot and each criterion once per bid: no ties.)
    out = sort_by_codes(
        out, [(place, len(lot_order) + 1), "supplier", (pl.col("order"), len(plan.leaves))]
    )
    return _conform("criteria", out)


def sub_totals(plan: Plan, criteria: pl.DataFrame) -> pl.DataFrame:
    """Each bid's points for each criterion the plan gives a sub-total of its own
    (:meth:`Plan.sub_totalled`): the sum of its leaves' points, in the order of the criteria
    (bid by bid, each criterion in the plan's order). Null for a bid with no points (invalid)."""
    groups = plan.sub_totalled()
    if not groups:
        return _conform("sub_totals", None)
    under = pl.DataFrame(
        [
            (leaf.id, group.id, group.pillar, group.effective_weight, place)
            for place, group in enumerate(groups)
            for leaf in group.walk()
            if leaf.is_leaf
        ],
        schema={
            "leaf": pl.String,
            "criterion": pl.String,
            "pillar": pl.String,
            "effective_weight": pl.Float64,
            "_g": pl.Int64,
        },
        orient="row",
    )
    weighted = pl.col("weighted")
    out = (
        criteria.select("lot", "supplier", "weighted", leaf="criterion")
        .with_row_index("_r")
        .with_columns(_b=pl.col("_r").min().over("lot", "supplier"))
        .join(under, on="leaf", how="inner")
        .sort("_r")  # each sub-total summed in the plan's order of its leaves
        .group_by("lot", "supplier", "criterion", maintain_order=True)
        .agg(
            pl.col("pillar", "effective_weight", "_b", "_g").first(),
            weighted=pl.when(weighted.is_null().any()).then(None).otherwise(weighted.sum()),
        )
        .sort("_b", "_g")
    )
    return _conform("sub_totals", out)


def _placed_in_order(
    plan: Plan, leaves: pl.DataFrame, parts: list[pl.DataFrame]
) -> pl.DataFrame | None:
    """The criteria in their order (lot in the plan, supplier, criterion in the plan) without
    sorting on text, when the leaves already list the bids in that order; else None.

    The leaves list bids by lot in the plan, then by the name each supplier is shown by, each
    bid's questions together in the plan's order. When every bid is in a lot of the plan and
    names its supplier as it is shown, that is the criteria's order: the other criteria (price,
    commitments) are put in their places by one whole number, the bid's place in the leaves and
    the criterion's in the plan."""
    per_bid = sum(1 for leaf in plan.leaves if leaf.kind == "question")
    if per_bid == 0 or leaves.height % per_bid:
        return None
    # Each bid's rows are together (the leaves are made bid by bid): its first row names it,
    # so the names are compared once a bid, not once a question.
    firsts = leaves.select(*BID, "supplier", "shown").gather_every(per_bid)
    named_as_shown = firsts.select(
        (pl.col("supplier") == pl.col("shown")).all() & pl.col("lot").is_in(plan.lot_ids).all()
    ).item()
    if not named_as_shown:
        return None
    width = len(plan.leaves)
    place = pl.col("order").cast(pl.Int64)
    bid_order = firsts.select(BID).with_row_index("_i")
    keyed = [
        parts[0].with_columns(_k=pl.int_range(pl.len(), dtype=pl.Int64) // per_bid * width + place)
    ]
    for part in parts[1:]:
        keyed.append(
            part.join(bid_order, on=BID, how="inner").with_columns(
                _k=pl.col("_i").cast(pl.Int64) * width + place
            )
        )
    schema = {**RESULT_SCHEMAS["criteria"], "_k": pl.Int64}
    # (Sorted on the one whole number: polars' merge_sorted measured several times slower.)
    return pl.concat([_conform_to(k, schema) for k in keyed]).sort("_k").drop("_k")


def scoring_time() -> dt.datetime:
    """This moment, in UTC: when the run scores (``settings["scored_at"]``), the day the award
    checks each date recorded in decisions.toml against."""
    return dt.datetime.now(dt.UTC)


def _settings(plan: Plan, tender: Tender, samples: int, seed: int, sensitivity: bool) -> dict:
    from tendereval import __version__
    from tendereval.provenance import source_sha256

    rules = plan.price
    chosen = price_mod.METHODS[rules.method]
    versions = (
        tender.proxies.get_column("version").drop_nulls().unique().sort().to_list()
        if tender.proxies.height
        else []
    )
    return {
        "tendereval_version": __version__,
        "tendereval_source": source_sha256(),
        "scored_at": scoring_time().isoformat(timespec="seconds"),
        "sensitivity": sensitivity,
        "samples": samples,
        "seed": seed,
        "dirichlet_concentration": sensitivity_mod.CONCENTRATION,
        # Whether the tipping points and win probabilities are exact for this price method,
        # and why not: every output that shows them says so.
        "sensitivity_exact": not sensitivity_mod.approximation(plan),
        "sensitivity_note": sensitivity_mod.approximation(plan),
        "price_method": rules.method,
        "price_formula": chosen.formula,
        # The method with its settings' values, as every output states it to bidders.
        "price_description": price_mod.describe(plan),
        "price_source": chosen.source,
        "price_parameters": {name: getattr(rules, name) for name in chosen.parameters},
        "price_evaluation": rules.evaluation,
        "discount_rate": rules.discount_rate if rules.evaluation == "npv" else 0.0,
        "contract_years": plan.contract_years,
        "price_pool": "compliant bids (neither invalid nor disqualified); a disqualified bid is "
        "shown scored as if it alone had joined them",
        "social_value_method": plan.social_value.method,
        "full_marks_share_of_price": plan.social_value.full_marks_share_of_price,
        "proxy_versions": versions,
        "aggregate": plan.evaluation.aggregate,
        "discrepancy_share": plan.evaluation.discrepancy_share,
        "conflicted_scores": plan.evaluation.conflicted_scores,
        "missing_declaration": plan.evaluation.missing_declaration,
        "tie_break": list(plan.tie_break),
        "close_call_margin": plan.close_call_margin,
        "abnormally_low_share_of_median": plan.abnormally_low.share_of_median,
        "abnormally_low_below_true_cost": plan.abnormally_low.below_true_cost,
        "rank_decimals": POINT_DECIMALS,
    }
