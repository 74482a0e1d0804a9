"""``run_scenarios``: every packaging's expected allocation, frontier and price ranges.

The one call a notebook user (or the ``tendereval scenarios`` command) makes. It reads or takes
a scenarios model, builds each packaging's market, allocates it through the optimiser, sweeps
the participation frontier, samples the price ranges and writes the reasons paragraphs. Every
number the workbook shows is computed here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import polars as pl

from tendereval.allocation import AllocationResult
from tendereval.errors import InputError, Problem
from tendereval.lot_splits.frontier import FRONTIER_SCHEMA, sweep, targets
from tendereval.lot_splits.market import PackagingMarket, build_market
from tendereval.lot_splits.model import Packaging, Scenarios, load_scenarios
from tendereval.lot_splits.outcome import (
    Outcome,
    expected_allocation,
    highest_share,
    not_proved_note,
    policy_for,
    why_not_allocated,
    with_ties_the_other_way,
)
from tendereval.lot_splits.reasons import paragraphs
from tendereval.lot_splits.uncertainty import ranges, run_samples, sample_prices
from tendereval.provenance import Provenance, Source, of_solves
from tendereval.shown import brief
from tendereval.wording import percent

# Why a supplier in the market would not bid for a lot: reason code → column of the Lots table.
REASON_COLUMNS = {
    "too_big": "too_big_for",
    "capacity": "over_capacity_for",
    "too_small": "too_small_for",
    "area": "outside_area_for",
}


class Progress(Protocol):
    """Anything with ``update(n)``, such as a ``click.progressbar``."""

    def update(self, n_steps: int) -> None: ...


@dataclass
class PackagingResult:
    """One packaging: its market, the expected allocation and the most attainable shares."""

    packaging: Packaging
    market: PackagingMarket
    expected: Outcome
    allocation: AllocationResult | None
    highest: dict[str, float | None] = field(default_factory=dict)
    # Whether each most attainable share is proved so (a time limit can stop the search).
    highest_proved: dict[str, bool] = field(default_factory=dict)


# Equal only to itself (``==`` is ``is``), and so usable as a dict key: the default ``==``
# compared the frames, and a frame has no single truth value (polars' TypeError). Two runs
# are compared frame by frame (``a.results.equals(b.results)``).
@dataclass(eq=False)
class ScenarioResult:
    """Everything ``tendereval scenarios`` reports, computed once for every writer.

    ``comparison``: one row per packaging. ``frontier``: one row per packaging, share swept and
    step. ``lots``: competition per lot. ``winners``: the expected winner of each lot.
    ``samples``: one row per packaging and price sample; ``ranges`` summarises them.
    ``reasons``: packaging id → a paragraph for the tender notice.
    """

    model: Scenarios
    seed: int
    samples: int
    steps: int
    solver: str
    packagings: list[PackagingResult]
    comparison: pl.DataFrame
    frontier: pl.DataFrame
    lots: pl.DataFrame
    winners: pl.DataFrame
    sample_table: pl.DataFrame
    ranges: pl.DataFrame
    reasons: dict[str, str]
    # The scenarios file by its SHA-256, the versions, the solver's version, the time limit
    # and gap, and the seed, samples and steps: every output copies it.
    provenance: Provenance
    created: dt.datetime

    def __repr__(self) -> str:
        return brief(self)

    @property
    def versions(self) -> dict[str, str]:
        return self.provenance.versions

    @property
    def time_limit(self) -> float | None:
        return self.provenance.time_limit

    @property
    def best(self) -> str | None:
        """The packaging of lowest expected total cost (highest quality for that objective)."""
        best = self.comparison.filter(pl.col("best"))
        return best.item(0, "packaging") if best.height else None

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready."""
        return {
            "title": self.model.title,
            "source": self.model.source,
            "sha256": self.model.sha256,
            "seed": self.seed,
            "samples": self.samples,
            "steps": self.steps,
            "solver": self.solver,
            "time_limit": self.time_limit,
            "versions": self.versions,
            "provenance": self.provenance.to_dict(),
            "best": self.best,
            "comparison": self.comparison.to_dicts(),
            "frontier": self.frontier.to_dicts(),
            "lots": self.lots.with_columns(pl.col("units").list.join(", ")).to_dicts(),
            "winners": self.winners.to_dicts(),
            "ranges": self.ranges.to_dicts(),
            "reasons": self.reasons,
        }


def planned_tasks(model: Scenarios, samples: int | None = None, steps: int | None = None) -> int:
    """How many ``update(1)`` calls ``run_scenarios`` will make: the length of a progress bar.

    Per packaging: the expected allocation, and per swept share the search for the most
    attainable share and each frontier step; then one per packaging and price sample. The
    number of frontier steps is known before the search (named targets may merge with steps,
    so the count is the most there can be).
    """
    samples = model.samples if samples is None else samples
    steps = model.participation.steps if steps is None else steps
    per_kind = sum(
        2 + steps + len(model.participation.targets(kind)) for kind in model.participation.sweep
    )
    return len(model.packagings) * (1 + per_kind + samples)


def run_scenarios(
    path_or_model: str | Path | Scenarios,
    *,
    samples: int | None = None,
    seed: int | None = None,
    steps: int | None = None,
    solver: str | None = None,
    time_limit: float | None = None,
    progress: Progress | None = None,
    created: dt.datetime | None = None,
    step_lines: Callable[[str], None] | None = None,
) -> ScenarioResult:
    """Model every packaging of a scenarios file; see :class:`ScenarioResult`.

    ``samples``, ``seed`` and ``steps`` override the file; ``solver`` is HiGHS when highspy
    is installed, else CBC, unless named (as for allocate). Raises ``InputError`` (with every
    problem) when the file cannot be used; ``UsageError`` for an unusable solver.
    ``step_lines`` is told, line by line, which packaging and which step is being worked on
    (each level of each allocation with its time, as ``allocate`` tells them).
    """
    from tendereval.allocation.solvers import default_solver

    # HiGHS, as allocate: the same figures on the worked example in 8.1 s against CBC's
    # 11.6 s, and a market of 60 units and 90 suppliers in 41 s, where CBC ran past 10 min.
    solver = solver or default_solver()
    model = _model(path_or_model)
    samples = model.samples if samples is None else samples
    seed = model.seed if seed is None else seed
    steps = model.participation.steps if steps is None else steps
    model = replace(model, samples=samples, seed=seed)
    planned = planned_tasks(model, samples, steps)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress.update(n)

    results: list[PackagingResult] = []
    frontiers: list[pl.DataFrame] = []
    say = step_lines or _silent
    for number, packaging in enumerate(model.packagings, start=1):
        about = f"Packaging {number} of {len(model.packagings)}, {packaging.name}"
        market = build_market(model, packaging)
        policy = policy_for(model, market)
        say(f"{about}: the expected allocation…")
        outcome, allocation = expected_allocation(
            model, market, policy, solver, time_limit, _indented(say)
        )
        if outcome.proved and outcome.tie_break_complete:
            say(f"{about}: the same with each exact tie won by SMEs and VCSEs, and by neither…")
        outcome = with_ties_the_other_way(
            outcome, market, policy, solver, time_limit, _indented(say)
        )
        advance(1)
        packaging_result = PackagingResult(packaging, market, outcome, allocation)
        for kind in model.participation.sweep:
            say(f"{about}: the highest {kind.upper()} share and its frontier…")
            highest, _, proved = highest_share(model, market, kind, solver, time_limit)
            advance(1)
            packaging_result.highest[kind] = highest
            packaging_result.highest_proved[kind] = proved
            frontier_steps = steps + 1 + len(model.participation.targets(kind))
            if highest is None or not outcome.solved:
                advance(frontier_steps)
                continue
            frontiers.append(
                sweep(
                    model,
                    market,
                    kind,
                    highest,
                    steps,
                    solver,
                    time_limit,
                    advance,
                    outcome,
                    highest_proved=proved,
                )
            )
            made = len(targets(highest, steps, model.participation.targets(kind)))
            advance(frontier_steps - made)
        results.append(packaging_result)
    draws = sample_prices(model, samples, seed)
    if samples:
        say(f"Price samples: {samples} for each packaging…")
    sample_table = run_samples(model, draws, solver, time_limit, advance)
    if progress is not None and planned > done:
        progress.update(planned - done)
    sample_ranges = ranges(sample_table)
    comparison = _comparison(model, results, sample_ranges, solver, time_limit)
    result = ScenarioResult(
        model=model,
        seed=seed,
        samples=samples,
        steps=steps,
        solver=solver,
        packagings=results,
        comparison=comparison,
        frontier=pl.concat(frontiers) if frontiers else pl.DataFrame(schema=FRONTIER_SCHEMA),
        lots=_lots(results),
        winners=_winners(results),
        sample_table=sample_table,
        ranges=sample_ranges,
        reasons={},
        provenance=of_solves(
            _source(model),
            solver,
            time_limit,
            {"seed": seed, "samples": samples, "steps": steps, "objective": model.objective},
        ),
        created=created or dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
    result.reasons = paragraphs(result)
    return result


def _silent(text: str) -> None:
    pass


def _indented(say: Callable[[str], None]) -> Callable[[str], None]:
    """``say`` with each line indented under the packaging's."""
    return lambda text: say("  " + text)


def _model(path_or_model: str | Path | Scenarios) -> Scenarios:
    if isinstance(path_or_model, Scenarios):
        return path_or_model
    model, problems = load_scenarios(path_or_model)
    errors: list[Problem] = [p for p in problems if p.is_error]
    if model is None or errors:
        raise InputError(errors or problems)
    return model


def _comparison(
    model: Scenarios,
    results: list[PackagingResult],
    sample_ranges: pl.DataFrame,
    solver: str,
    time_limit: float | None,
) -> pl.DataFrame:
    """One row per packaging: cost, quality, contracts, shares, competition, concentration."""
    rows = []
    for item in results:
        lots = item.market.lots
        weakest = lots.sort("bidders", maintain_order=True).head(1)
        out = item.expected
        why_not = why_not_allocated(out, item.market)
        rows.append(
            {
                "packaging": item.packaging.id,
                "name": item.packaging.name,
                "lots": lots.height,
                "status": out.status,
                "not_allocated": why_not,
                "contracts": out.contracts if out.solved else None,
                "suppliers": out.suppliers if out.solved else None,
                "total_price": out.total_price,
                "management_cost": out.management_cost,
                "total_cost": out.total_cost,
                "quality": out.quality,
                "sme_share": out.sme_share,
                "vcse_share": out.vcse_share,
                "largest_supplier": out.largest_supplier,
                "largest_share": out.largest_share,
                "min_bidders": weakest.item(0, "bidders") if weakest.height else 0,
                "weakest_lot": weakest.item(0, "lot") if weakest.height else None,
                "lots_under_3_bidders": lots.filter(pl.col("bidders") < 3).height,
                "lots_without_bidders": ", ".join(item.market.lots_without_bidders),
                "highest_sme_share": item.highest.get("sme"),
                "highest_vcse_share": item.highest.get("vcse"),
                "highest_sme_share_proved": item.highest_proved.get("sme"),
                "highest_vcse_share_proved": item.highest_proved.get("vcse"),
                "note": _note(out, why_not, _unproved_highest(item), solver, time_limit),
            }
        )
    schema_overrides = {
        "contracts": pl.Int64,
        "suppliers": pl.Int64,
        **{
            name: pl.Float64
            for name in (
                "total_price",
                "management_cost",
                "total_cost",
                "quality",
                "sme_share",
                "vcse_share",
                "largest_share",
                "highest_sme_share",
                "highest_vcse_share",
            )
        },
        "largest_supplier": pl.String,
        "weakest_lot": pl.String,
        "not_allocated": pl.String,
        "highest_sme_share_proved": pl.Boolean,
        "highest_vcse_share_proved": pl.Boolean,
    }
    frame = pl.DataFrame(rows, schema_overrides=schema_overrides)
    cheapest = frame.get_column("total_cost").min()
    lowest_cost = pl.col("total_cost") == pl.col("total_cost").min()
    if model.objective == "quality":
        # Highest quality, then lowest cost (the objective's own tie-break), as documented.
        top = pl.col("quality") >= pl.col("quality").max() - 1e-9
        best = top & (pl.col("total_cost") == pl.col("total_cost").filter(top).min())
    else:
        best = lowest_cost
    return (
        frame.with_columns(
            (pl.col("total_cost") * model.contract_years).alias("whole_contract_cost"),
            (pl.col("total_cost") - cheapest).alias("extra_vs_cheapest"),
            ((pl.col("total_cost") - cheapest) / cheapest).alias("extra_vs_cheapest_share"),
            (pl.col("total_cost") / model.true_cost_total - 1).alias("vs_true_cost"),
            best.fill_null(False).alias("best"),
        )
        .with_columns(
            # Only the first of equally good packagings is marked best.
            (pl.col("best") & (pl.col("best").cum_sum() == 1)).alias("best")
        )
        .with_columns(
            # Against the starred packaging: the cheapest under "cost", not under "quality".
            (pl.col("total_cost") / pl.col("total_cost").filter(pl.col("best")).first() - 1).alias(
                "extra_vs_best_share"
            )
        )
        .join(sample_ranges.drop("samples"), on="packaging", how="left")
    )


def _note(
    outcome: Outcome,
    why_not: str | None,
    unproved: str = "",
    solver: str = "highs",
    time_limit: float | None = None,
) -> str:
    """What a reader must know about how the expected allocation was reached, or why there is
    none (the cause first, then the optimiser's account of it), and about a most attainable
    share not proved so."""
    if why_not is not None:
        cause = why_not[0].upper() + why_not[1:] + "."
        return " ".join([cause, *outcome.explanation])
    if outcome.status == "feasible":
        note = not_proved_note(outcome)
    elif not outcome.tie_break_complete:
        note = (
            "The solver proved the cost lowest but could not finish the tie-break: another "
            "allocation of the same cost may have higher quality "
            f"({_finishing_advice(solver, time_limit)})."
        )
    else:
        note = _tie_note(outcome)
    return " ".join(part for part in (note, unproved) if part)


def _finishing_advice(solver: str, time_limit: float | None) -> str:
    """What may let the tie-break finish, as fits the run: a time limit set was what stops a
    solve ("try --solver highs" was told to a run already using HiGHS, stopped by
    --time-limit 0.01); the other solver only when it is not the one used."""
    advice = []
    if time_limit is not None:
        advice.append(f"raise --time-limit, {time_limit:g} seconds here, or leave it out")
    if solver != "highs":
        advice.append("try --solver highs")
    elif time_limit is None:
        advice.append("try --solver cbc")
    return "; or ".join(advice)


def _unproved_highest(item: PackagingResult) -> str:
    """A sentence for the most attainable shares a time limit kept from being proved."""
    kinds = [
        kind.upper()
        for kind, share in item.highest.items()
        if share is not None and not item.highest_proved.get(kind, True)
    ]
    if not kinds:
        return ""
    return (
        f"Most attainable {' and '.join(kinds)} share{'s' if len(kinds) > 1 else ''} not proved "
        "best: a time limit stopped the solver, so a higher share may be attainable."
    )


# Shares closer than this read the same in a reasons paragraph ("unchanged at 28.1%").
SAME_SHARE = 0.0005


def _tie_note(outcome: Outcome) -> str:
    """Whether an exact tie between suppliers decides the SME or VCSE share shown: the same
    allocation with each tie won by SMEs and VCSEs, or by neither, gives another."""
    pairs = [
        (label, shown, other)
        for label, shown, other in (
            ("SME", outcome.sme_share, outcome.sme_share_other_way),
            ("VCSE", outcome.vcse_share, outcome.vcse_share_other_way),
        )
        if shown is not None and other is not None and abs(shown - other) >= SAME_SHARE
    ]
    if not pairs:
        return ""
    labels = " and ".join(label for label, _, _ in pairs)
    shown = " and ".join(f"{label} {percent(value)}" for label, value, _ in pairs)
    other = " and ".join(f"{label} {percent(value)}" for label, _, value in pairs)
    return (
        f"Suppliers tie exactly on price and quality, so a tie decides the {labels} "
        f"share{'s' if len(pairs) > 1 else ''}: with each tie won by the supplier first by "
        f"name (the rule used) it is {shown}; won otherwise, an allocation as cheap and as "
        f"good gives {other}."
    )


def _lots(results: list[PackagingResult]) -> pl.DataFrame:
    """Competition per lot: eligible bidders and why the others would not bid."""
    frames = []
    for item in results:
        bids = item.market.bids
        reasons = bids.group_by("lot").agg(
            *[
                (pl.col("reason_code") == code).sum().cast(pl.Int64).alias(name)
                for code, name in REASON_COLUMNS.items()
            ]
        )
        winners = _winners([item]).select("lot", "supplier").rename({"supplier": "expected_winner"})
        frames.append(
            item.market.lots.with_columns(pl.lit(item.packaging.id).alias("packaging"))
            .join(reasons, on="lot", how="left")
            .join(winners, on="lot", how="left")
        )
    columns = [
        "packaging",
        "lot",
        "units",
        "volume",
        "value",
        "bidders",
        "sme_bidders",
        "vcse_bidders",
        *REASON_COLUMNS.values(),
        "expected_winner",
    ]
    return pl.concat([f.select(columns) for f in frames]) if frames else pl.DataFrame()


def _winners(results: list[PackagingResult]) -> pl.DataFrame:
    """The expected winner of each lot: packaging, lot, supplier, price, quality, sme, vcse."""
    schema = {
        "packaging": pl.String,
        "lot": pl.String,
        "supplier": pl.String,
        "price": pl.Float64,
        "quality": pl.Float64,
        "sme": pl.Boolean,
        "vcse": pl.Boolean,
    }
    frames = [
        item.allocation.awarded.select(
            pl.lit(item.packaging.id).alias("packaging"),
            pl.col("lots").list.first().alias("lot"),
            "supplier",
            "price",
            "quality",
            "sme",
            "vcse",
        )
        for item in results
        if item.allocation is not None and item.allocation.solved
    ]
    return pl.concat(frames).cast(schema) if frames else pl.DataFrame(schema=schema)  # type: ignore[arg-type]


def _source(model: Scenarios) -> Source:
    """The scenarios file by the SHA-256 of the bytes read, or a model given in Python."""
    if not model.sha256:
        return Source("a scenarios model given in Python (no file was read)")
    return Source.file("a scenarios file", model.source, "scenarios", model.sha256, model.size)
