"""``allocate``: choose the winning offers under a policy, and the best-value answer beside it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import polars as pl

from tendereval.allocation.explain import explain_infeasible, lots_nobody_can_win
from tendereval.allocation.model import AllocationModel, Level, Solution, levels_for
from tendereval.allocation.offers import OFFER_SCHEMA, offers_from_frame
from tendereval.allocation.policy import PARTICIPATION_RULES, Policy
from tendereval.allocation.preprocess import PENCE, SCORE_UNITS, Prepared, natural_key, prepare
from tendereval.allocation.result import AllocationResult, totals_of
from tendereval.allocation.solvers import check_solver, default_solver
from tendereval.comparison import points_units
from tendereval.errors import UsageError
from tendereval.provenance import FRAME_OF_OFFERS, Source, of_solves
from tendereval.wording import counted, listed, percent

UNITS = {"score_units": SCORE_UNITS, "cost_units": PENCE, "n_lots": 1}


def allocate(
    offers: pl.DataFrame,
    policy: Policy,
    solver: str | None = None,
    time_limit: float | None = None,
    *,
    preprocess: bool = True,
    explain: bool = True,
    tie_values: pl.DataFrame | None = None,
    progress: Callable[[str], None] | None = None,
    source: Source = FRAME_OF_OFFERS,
    compare: bool = True,
) -> AllocationResult:
    """Allocate lots to offers under ``policy``; the result carries the unconstrained answer.

    ``offers`` has the columns of OFFERS.csv (see ``offers.OFFER_SCHEMA``). ``solver`` is
    ``"cbc"`` or ``"highs"``; by default HiGHS when highspy is installed, else CBC (the result
    records which). ``time_limit`` is
    in seconds and applies to each solver run (an allocation makes a few: one per level of
    the objective and tie-break, for the constrained and the unconstrained answer); the
    explanation of an infeasible policy has it once for all its solves together. Raises
    UsageError for a policy or solver that cannot be used, or offers with problems.
    ``preprocess=False`` keeps dominated offers and sends every lot to the MILP (to measure what
    preprocessing saves); ``explain=False`` skips the extra solves that explain an infeasible
    policy (for sweeps and benchmarks); ``compare=False`` skips the unconstrained answer
    (``unconstrained`` is None), for a caller that reads only the answer under the policy, as
    the award's lot cap does (its solves are half of each rank-reversal check).

    ``tie_values`` is needed for ``policy.tie_break == "plan"`` (a tender's own order): one row
    per offer_id with ``quality`` and ``social_value`` (points), ``preferred`` (the number of
    its lots the buyer's recorded decisions give it, or with ``policy.follow_published_award``
    the published award: ``tie_values_from_award``) and ``lot_rank`` (a single-lot offer's
    rank in its lot; null for a package), and optionally ``quality_and_social_value`` (by
    default the two added). A package's points are best each lot's to 4 places, summed
    (``tie_values_from_scores`` gives them so): it then ties its own single-lot offers. A tie
    left after the plan's keys is then reported in ``undecided``, never settled by offer order.

    ``progress``, when given, is called with a line of text as each step starts or ends
    (checking the offers, setting aside those that cannot win, the starting allocation, each
    level of each answer with its time): the caller decides whether and where to show it.

    ``source`` says what the offers came from (an offers file by the SHA-256 of the bytes
    read, a tender's files); by default a frame given in Python. The result's ``provenance``
    records it with the versions, the solver's version, ``time_limit``, the gap and the policy.
    """
    policy.must_be_usable()
    solver = solver or default_solver()
    check_solver(solver)
    result = _allocate(
        offers, policy, solver, time_limit, preprocess, explain, tie_values, progress, compare
    )
    result.provenance = of_solves(source, solver, time_limit, {"policy": policy.to_dict()})
    return result


def _allocate(
    offers: pl.DataFrame,
    policy: Policy,
    solver: str,
    time_limit: float | None,
    preprocess: bool,
    explain: bool,
    tie_values: pl.DataFrame | None,
    progress: Callable[[str], None] | None,
    compare: bool = True,
) -> AllocationResult:
    say = progress or _silent
    if policy.cap_follows_ranking and (tie_values is None or "lot_rank" not in tie_values.columns):
        # (It stopped with polars' "lot_rank not found".)
        raise UsageError(
            "cap_follows_ranking needs each offer's rank in its lot (tie_values), which a "
            "tender folder gives and an offers file does not: allocate the tender folder, or "
            "leave it out"
        )
    say(f"Checking {offers.height:,} offers…")
    checked, problems = offers_from_frame(offers)
    errors = [p for p in problems if p.is_error]
    if errors:  # (a warning, such as a second spelling of a supplier, has been put right)
        raise UsageError("; ".join(str(p) for p in errors[:5]))
    started = time.perf_counter()
    if checked.is_empty():
        return _empty(checked, policy, solver, "no_offers")
    levels = levels_for(policy)
    plan_order = policy.tie_break == "plan"
    # The levels go to preprocessing too: an offer is only dropped as outbid when other
    # offers beat it on exactly the levels the answer is chosen by. The plan's own levels
    # come from columns joined after preparing, so then every lot goes to the solver, which
    # also looks for ties.
    step = time.perf_counter()
    if preprocess and not plan_order:
        say("Setting aside offers that cannot win…")
    prepared = prepare(checked, policy, reduce=preprocess and not plan_order, levels=levels)
    if preprocess and not plan_order:
        say(
            f"  {prepared.solver_offers.height:,} of {checked.height:,} offers left for the "
            f"solver, in {time.perf_counter() - step:.1f} s"
        )
    if plan_order:
        prepared = with_tie_values(prepared, tie_values)
    blocked = lots_nobody_can_win(prepared, policy)
    if policy.award_all_lots and blocked:
        # Every lot must be awarded, and some lot has no offer that may be: no solve needed.
        # The unconstrained answer keeps that rule too, so it is infeasible for the same reason.
        result = _empty(checked, policy, solver, "infeasible", prepared)
        result.explanation = blocked
        result.unconstrained = _empty(
            checked, policy.participation_free(), solver, "infeasible", prepared
        )
        result.unconstrained.explanation = blocked
        return result

    direct = settle_directly(prepared.direct_offers, levels, policy)
    model = AllocationModel(prepared.solver_offers, policy, solver)
    participation = bool(policy.rules() & PARTICIPATION_RULES)
    constrained = model.solve(
        levels,
        solver,
        time_limit,
        progress=_labelled("Under the policy: " if participation else "", say),
    )
    result = _result(prepared, policy, constrained, direct, levels, solver)
    result.notes.extend(blocked)  # lots left unawarded because nobody can win them
    if compare:
        _compared(result, model, constrained, prepared, direct, levels, solver, time_limit, say)
    if constrained.status == "infeasible" and explain:
        say("No allocation meets the policy: finding which rules conflict…")
        result.explanation = explain_infeasible(prepared, policy, solver, time_limit, say)
    result.seconds = time.perf_counter() - started
    return result


def _compared(
    result: AllocationResult,
    model: AllocationModel,
    constrained: Solution,
    prepared: Prepared,
    direct: list[str],
    levels: list[Level],
    solver: str,
    time_limit: float | None,
    say: Callable[[str], None],
) -> None:
    """``result`` (the ``constrained`` solve of ``model``) given the unconstrained answer it
    is compared with: the same solve when no rule of participation is in force."""
    free_policy = result.policy.participation_free()
    free = constrained
    if result.policy.rules() & PARTICIPATION_RULES:
        model.set_rules(free_policy.rules())
        free = model.solve(
            levels,
            solver,
            time_limit,
            progress=_labelled("Unconstrained: ", say),
        )
    below = (
        free is not constrained
        and free.status == "feasible"
        and result.solved
        and _ranked(prepared, free.chosen + direct, levels)
        < _ranked(prepared, constrained.chosen + direct, levels)
    )
    if below:
        # Every allocation meeting the policy meets the same rules without it: the policy's
        # own allocation is an unconstrained one too, and better than what the time limit
        # left. (A worse one was shown as the best value, and the policy as raising the score.)
        stopped = next(level for level in levels if level.name == free.stopped_at)
        free = replace(
            constrained,
            status="feasible",
            stopped_at=free.stopped_at,
            objective=float(_ranked(prepared, constrained.chosen, [stopped])[0])
            * (1 if stopped.maximise else -1),
            bound=free.bound,
            tie_break_complete=False,
            undecided={},
            ties_checked=False,
            solves=free.solves,
            seconds=free.seconds,
        )
    result.unconstrained = _result(prepared, free_policy, free, direct, levels, solver)
    if below:
        result.notes.append(_policy_answer_as_unconstrained(result.unconstrained))
    elif result.solved and result.unconstrained.status == "feasible":
        result.notes.append(_unconstrained_not_proved(free, same=free is constrained))
    if free is not constrained:
        result.solves += free.solves  # the runs behind this result, both answers together


def _ranked(prepared: Prepared, chosen: list[str], levels: list[Level]) -> tuple[int, ...]:
    """The allocation of the ``chosen`` offer ids on each level, signed so higher ranks
    higher: two allocations compared as the solver compares them."""
    offers = prepared.offers.filter(pl.col("offer_id").is_in(chosen))
    return tuple(
        int(offers.get_column(level.column).sum()) * (1 if level.maximise else -1)
        for level in levels
    )


def _policy_answer_as_unconstrained(free: AllocationResult) -> str:
    """Why the unconstrained answer is the policy's own allocation, and what that leaves open."""
    could = f", and the unconstrained best could be better by up to {free.gap_words}" * bool(
        free.gap_words
    )
    return (
        "The time limit stopped the unconstrained solve at an allocation that ranks below the "
        "one under the policy, which the same rules without the policy allow too: the "
        "unconstrained answer shown is therefore the policy's own allocation. The cost of the "
        f"policy is not proved (shown as none){could}; run again with a longer time limit."
    )


def _unconstrained_not_proved(free: Solution, same: bool) -> str:
    """Why the cost of the policy is approximate: a time limit, or a level the solver could
    not solve exactly (whose note is the answer's own when it is the same allocation)."""
    if free.unexact is None:
        return (
            "The time limit stopped the unconstrained solve before it proved its answer the "
            "best, so the cost of the policy is approximate."
        )
    if same:
        return (
            "The unconstrained answer is this one (no rule of participation is in force), so "
            "the cost of the policy is approximate too."
        )
    why = free.unexact[:1].lower() + free.unexact[1:]
    return f"The cost of the policy is approximate: for the unconstrained answer, {why}"


def _silent(text: str) -> None:
    pass


def _labelled(label: str, say: Callable[[str], None]) -> Callable[[str], None]:
    """``say`` with each line opened by ``label`` (indented lines are left as they are)."""
    if not label:
        return lambda text: say(text[:1].upper() + text[1:])
    return lambda text: say(text if text.startswith(" ") else label + text)


def with_tie_values(prepared: Prepared, values: pl.DataFrame | None) -> Prepared:
    """The prepared offers with the whole-unit columns of the plan's tie-break levels."""
    needed = {"offer_id", "quality", "social_value", "preferred", "lot_rank"}
    if values is None or not needed <= set(values.columns):
        raise UsageError(
            "The plan's tie-break needs each offer's quality and social value points, the "
            "buyer's recorded decisions and its rank in its lot (tie_values)."
        )
    quality = pl.col("tie_quality").fill_null(0.0)
    social = pl.col("tie_social_value").fill_null(0.0)
    # Given (a package's is the sum of its lots' each rounded once, which the sum of its
    # quality and social value points need not be); else the two added, as for a single lot.
    together = (
        pl.col("quality_and_social_value")
        if "quality_and_social_value" in values.columns
        else pl.col("quality").fill_null(0.0) + pl.col("social_value").fill_null(0.0)
    )
    offers = prepared.offers.join(
        values.select(
            "offer_id",
            pl.col("quality").alias("tie_quality"),
            pl.col("social_value").alias("tie_social_value"),
            together.alias("tie_qsv"),
            pl.col("preferred").cast(pl.Int64),
            pl.col("lot_rank").cast(pl.Int64),
        ),
        on="offer_id",
        how="left",
    ).with_columns(
        points_units(quality).cast(pl.Int64).alias("quality_units"),
        points_units(social).cast(pl.Int64).alias("social_value_units"),
        points_units(pl.col("tie_qsv").fill_null(0.0)).cast(pl.Int64).alias("qsv_units"),
        pl.col("preferred").fill_null(0),
    )
    return replace(prepared, offers=offers.drop("tie_quality", "tie_social_value", "tie_qsv"))


def settle_directly(offers: pl.DataFrame, levels: list[Level], policy: Policy) -> list[str]:
    """The winning offer of each lot that nothing links to other lots, by the same
    lexicographic rule the MILP applies, offer order last (or none, where awarding nothing
    ranks higher). Only the standard rule settles lots directly (the plan's sends every lot
    to the solver, which reports ties)."""
    if offers.is_empty():
        return []
    best = (
        offers.with_columns(pl.col("lots").list.first().alias("lot"))
        .sort(
            [*(lv.column for lv in levels), "rank"],
            descending=[*(lv.maximise for lv in levels), False],
        )
        .group_by("lot", maintain_order=True)
        .first()
    )
    chosen = []
    for row in best.iter_rows(named=True):
        if policy.award_all_lots or _better_than_nothing(row, levels):
            chosen.append(row["offer_id"])
    return chosen


def _better_than_nothing(row: dict[str, object], levels: list[Level]) -> bool:
    # Awarding nothing scores zero at every level; the first level where the offer differs
    # from zero decides. Equal on all of them, offer order prefers the allocation that
    # accepts the offer.
    for level in levels:
        value = row[level.column]
        if value:
            return (value > 0) == level.maximise  # type: ignore[operator]
    return True


def _result(
    prepared: Prepared,
    policy: Policy,
    solution: Solution,
    direct: list[str],
    levels: list[Level],
    solver: str,
) -> AllocationResult:
    chosen = (
        sorted(set(solution.chosen) | set(direct))
        if solution.status in ("optimal", "feasible")
        else []
    )
    awarded = prepared.offers.filter(pl.col("offer_id").is_in(chosen)).sort("rank")
    result = AllocationResult(
        status=solution.status,
        policy=policy,
        awarded=awarded.select(list(OFFER_SCHEMA)),
        totals=totals_of(awarded, policy),
        lots=prepared.lots,
        solver=solver,
        seconds=solution.seconds,
        solves=solution.solves,
        tie_break_complete=solution.tie_break_complete and solution.status == "optimal",
        excluded=prepared.excluded,
        dominated=prepared.dominated,
        # In lot order (L2 before L10), as the lots are listed everywhere else.
        undecided={
            lot: solution.undecided[lot] for lot in sorted(solution.undecided, key=natural_key)
        },
        ties_checked=solution.ties_checked,
    )
    if solution.status == "optimal":
        result.gap = 0.0
    elif solution.status == "feasible" and solution.stopped_at is not None:
        level = next(lv for lv in levels if lv.name == solution.stopped_at)
        scale = UNITS[level.column]
        # The gap is relative to the whole objective, including lots settled directly.
        settled = float(
            awarded.filter(pl.col("offer_id").is_in(direct)).get_column(level.column).sum()
        )
        objective = (solution.objective or 0.0) + settled
        result.gap_on = level.name
        if solution.bound is not None:
            bound = solution.bound + settled
            result.bound = bound / scale
            result.gap = abs(bound - objective) / max(abs(objective), 1e-9)
    if solution.unexact is not None:
        result.notes.append(solution.unexact)
    elif solution.status == "feasible":
        result.notes.append(
            f"The time limit stopped the solver before it proved this the best allocation; "
            f"the {result.gap_on} could be up to {_percent(result.gap)} better."
            if result.gap is not None
            else "The time limit stopped the solver before it proved this the best allocation."
        )
    elif solution.status == "optimal" and not solution.tie_break_complete:
        result.notes.append(
            "The objective is proved best, but the tie-break could not be completed (time "
            "limit or rounding); another allocation with the same objective might rank higher."
        )
    elif solution.status == "not_solved" and solution.unexact is None:
        result.notes.append("The time limit stopped the solver before it found any allocation.")
    if policy.tie_break == "plan" and result.solved:
        result.notes.extend(_tie_notes(result))
    elif result.solved:
        result.notes.extend(_offer_order_notes(result, levels))
    if prepared.excluded.height:
        # Each is listed with its reason wherever the note is read: on the terminal, in
        # excluded_offers beside it in the JSON, in the table of the workbook's Policy sheet.
        n = prepared.excluded.height
        result.notes.append(
            f"{counted(n, 'offer was', 'offers were')} not eligible "
            f"({'it is' if n == 1 else 'each is'} listed with the reason)."
        )
    return result


def _empty(
    offers: pl.DataFrame,
    policy: Policy,
    solver: str,
    status: str,
    prepared: Prepared | None = None,
) -> AllocationResult:
    awarded = offers.head(0)
    lots = prepared.lots if prepared is not None else []
    return AllocationResult(
        status=status,
        policy=policy,
        awarded=awarded,
        totals=totals_of(awarded, policy),
        lots=lots,
        solver=solver,
        seconds=0.0,
        tie_break_complete=False,
        excluded=prepared.excluded if prepared is not None else None,
        dominated=prepared.dominated if prepared is not None else None,
    )


def _percent(value: float | None) -> str:
    return "an unknown amount" if value is None else percent(value, 2)


def _offer_order_notes(result: AllocationResult, levels: list[Level]) -> list[str]:
    """The lots a time limit kept offer order from settling, in words (the standard rule)."""
    lots = list(result.undecided)
    if not lots:
        return []
    if result.status != "optimal":
        return [unproved_note(lots)]
    many = len(lots) > 1
    if not result.ties_checked:
        return [
            "Undecided: the time limit stopped the search for other allocations exactly as "
            f"good on {listed([level.name for level in levels])} before it finished, so "
            f"offer order could not be applied to {'lots' if many else 'lot'} {listed(lots)}: "
            f"another allocation as good may award {'them' if many else 'it'} otherwise. The "
            "totals count the allocation found; no supplier is named for an undecided lot, "
            "nor counted as holding it. Run again with a longer time limit (or none)."
        ]
    return [
        f"Undecided: the time limit stopped the tie-break by offer order before it settled "
        f"{'lots' if many else 'lot'} {listed(lots)}: other allocations are exactly as good on "
        f"{listed([level.name for level in levels])}, and award {'them' if many else 'it'} "
        "otherwise. The totals count one of those allocations; no supplier is named for an "
        "undecided lot, nor counted as holding it."
    ]


def undecided_note(lots: list[str]) -> str:
    """The note on lots other allocations, as good on every level, award otherwise."""
    many = len(lots) > 1
    return (
        "Undecided: other allocations are exactly as good under every published rule and "
        f"award lot{'s' if many else ''} {', '.join(lots)} otherwise; the buyer must decide "
        f"{'them' if many else 'it'} (decisions.toml) before an award. The totals count one of "
        "those allocations; no supplier is named for an undecided lot, nor counted as holding it."
    )


def unproved_note(lots: list[str]) -> str:
    """The note on the lots of an allocation not proved the best (status feasible): the best
    found is shown, but no winner is named, under either rule. (Why it is not proved, a time
    limit or a level the solver could not solve exactly, is the note before it.)"""
    many = len(lots) > 1
    return (
        "Undecided: this allocation is the best found, not proved the best (see the status), "
        f"so no supplier is named for lot{'s' if many else ''} {', '.join(lots)}: the best "
        f"allocation may award {'them' if many else 'it'} otherwise, and "
        f"{'each is' if many else 'it is'} listed with every offer that may hold it. The "
        "totals count the allocation found; no supplier is named for an undecided lot, nor "
        "counted as holding it."
    )


def unchecked_note(lots: list[str]) -> str:
    """The note on lots whose ties a time limit (or the solver's tolerance) kept the
    optimiser from checking, under the plan's rule."""
    many = len(lots) > 1
    return (
        "Undecided: the time limit (or the solver's tolerance) stopped the search for "
        "allocations exactly as good under every published rule before it finished, so the "
        f"optimiser names no supplier for lot{'s' if many else ''} {', '.join(lots)}: another "
        f"allocation as good may award {'them' if many else 'it'} otherwise, and "
        f"{'each is' if many else 'it is'} listed with every offer that may hold it. The "
        "totals count the allocation found; no supplier is named for an undecided lot, nor "
        "counted as holding it. Run again with a longer time limit (or none)."
    )


def _tie_notes(result: AllocationResult) -> list[str]:
    """What the search for ties found, in words."""
    lots = list(result.undecided)
    if not lots:
        return []
    if result.status != "optimal":
        return [unproved_note(lots)]
    if not result.ties_checked:
        return [unchecked_note(lots)]
    return [undecided_note(lots)]
