"""Scoring at scale: a seeded tender of 1,000 suppliers × 20 lots × 20 questions × 3 evaluators.

    python benchmarks/bench_scoring.py            # full sizes
    python benchmarks/bench_scoring.py --quick    # small sizes, a smoke test

Frames are generated directly (no workbooks), so this times scoring alone. Figures are printed,
never asserted. ``run(quick)`` is what ``benchmarks/run.py`` (``make bench``) calls.

``score()`` on 1,000,000 scores is compared with a minimal polars query computing the same
totals and ranks from the score rows and prices (:func:`minimal_totals`), timed alternately in
the same run, and the extra memory each needs is measured in a fresh process. Every frame
``score()`` returns is checked against the plain reference (``scoring_reference.py``) on the
benchmark tenders and both examples.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import polars as pl

from tendereval.errors import Problems
from tendereval.ocds.release import release_package
from tendereval.plan import Plan, parse_plan
from tendereval.scoring import combine, quality, sensitivity
from tendereval.scoring.common import key_map, with_key
from tendereval.scoring.result import RESULT_SCHEMAS
from tendereval.tender import Tender

SEED = 20261122
PUBLISHED = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MILLION = (1000, 10, 20, 5)  # suppliers, lots, questions, evaluators: 1,000,000 scores
MILLION_QUICK = (100, 5, 20, 5)


def make_plan(lots: int, questions: int) -> Plan:
    """Price 40, quality 40 (80% of the questions), social value 20 (the rest)."""
    n_social = max(1, questions // 5)
    n_quality = questions - n_social
    text = """
[tender]
id = "BENCH"
title = "Benchmark tender"
contract_years = 3

[approval]
approved_by = "Benchmark"
approved_on = 2026-11-22

[price]
method = "lowest_price_ratio"

[[price.items]]
id = "hours"

[scales.five]
values = [0, 1, 2, 3, 4, 5]

[[criteria]]
id = "price"
type = "price"
weight_of_total = 40
"""
    for lot in range(lots):
        text += f'[[lots]]\nid = "L{lot:02d}"\nname = "Lot {lot}"\nvolumes = {{ hours = 10000 }}\n'
    for pillar, weight, count, prefix in (
        ("quality", 40, n_quality, "Q"),
        ("social_value", 20, n_social, "SV"),
    ):
        text += f'[[criteria]]\nid = "{pillar}"\ntype = "{pillar}"\nweight_of_total = {weight}\n'
        for q in range(count):
            text += (
                f'  [[criteria.questions]]\n  id = "{prefix}{q:02d}"\n'
                f'  weight_of_parent = {100 / count!r}\n  scale = "five"\n'
            )
    problems = Problems()
    plan = parse_plan(tomllib.loads(text), "tender.toml", problems)
    assert plan is not None, [str(p) for p in problems.errors]
    return plan


def quality_priced(tender: Tender, method: str) -> Tender:
    """``tender`` with its plan's price method set to ``method`` (award on value at £2,000 a
    quality point: a few per cent of a bid's whole-life price per point)."""
    rules = dataclasses.replace(
        tender.plan.price,
        method=method,
        value_per_point=2000.0 if method == "award_on_value" else None,
    )
    return dataclasses.replace(tender, plan=dataclasses.replace(tender.plan, price=rules))


def _random(n: pl.Expr, salt: int, modulo: int) -> pl.Expr:
    """Seeded pseudo-random whole numbers 0..modulo−1, vectorised (a hash of the row number)."""
    return (n.hash(SEED + salt) % modulo).cast(pl.Int64)


def generate(suppliers: int, lots: int, questions: int, evaluators: int) -> Tender:
    """Every supplier bids for every lot; every evaluator scores every bid on every question."""
    plan = make_plan(lots, questions)
    names = pl.DataFrame({"supplier": [f"Supplier {i:04d}" for i in range(suppliers)]})
    lot_ids = pl.DataFrame({"lot": plan.lot_ids})
    bids = names.join(lot_ids, how="cross").with_columns(
        source=pl.format("bids/{}.xlsx", "supplier")
    )
    row = pl.int_range(pl.len())
    prices = bids.select(
        "supplier",
        "lot",
        item=pl.lit("hours"),
        volume=pl.lit(10_000.0),
        unit_rate=18.0 + _random(row, 1, 1200) / 100.0,
        uplift=pl.lit(0.03),
    )
    question_ids = pl.DataFrame({"question": [q.id for q in plan.questions()]})
    people = pl.DataFrame({"evaluator": [f"Evaluator {e}" for e in range(evaluators)]})
    scores = (
        bids.select("supplier", "lot")
        .join(question_ids, how="cross")
        .join(people, how="cross")
        # Scores lean on the supplier so bids differ, with noise per evaluator.
        .with_columns(
            score=(
                (_random(row, 2, 4) + _random(pl.col("supplier").rank("dense"), 3, 3))
                .clip(0, 5)
                .cast(pl.Float64)
            ),
            reason=pl.lit("as evidenced in the response"),
            group=pl.lit(""),
        )
    )
    declarations = people.with_columns(conflict=pl.lit("none"))
    return Tender.from_frames(
        plan,
        bids=bids,
        prices=prices,
        scores=scores,
        declarations=declarations,
        suppliers=names.with_columns(sme=pl.lit(True)),
    )


def _timed(label: str, call, rows: str = "") -> float:
    start = time.perf_counter()
    call()
    elapsed = time.perf_counter() - start
    print(f"{label:<66} {elapsed:8.2f} s  {rows}")
    return elapsed


def run(quick: bool = False) -> None:
    """Print the timings; ``quick`` uses sizes a smoke test can afford."""
    suppliers, lots, questions, evaluators = (100, 5, 10, 3) if quick else (1000, 20, 20, 3)
    samples = 1_000 if quick else 10_000
    print(
        f"\n== Scoring: {suppliers:,} suppliers × {lots} lots × {questions} questions × "
        f"{evaluators} evaluators =="
    )
    start = time.perf_counter()
    tender = generate(suppliers, lots, questions, evaluators)
    print(
        f"{'generate the frames':<66} {time.perf_counter() - start:8.2f} s  "
        f"{tender.bids.height:,} bids, {tender.scores.height:,} scores"
    )

    scored: dict[str, object] = {}
    took = _timed(
        "score() without sensitivity",
        lambda: scored.setdefault("result", combine.score(tender, sensitivity=False)),
    )
    # The award release package (tendereval publish) reads the result; it must stay a small
    # fraction of scoring, with every bid listed (--internal) too.
    for internal in (False, True):
        package = _timed(
            f"OCDS award package, {'every bid (--internal)' if internal else 'publishable'}",
            lambda internal=internal: release_package(
                scored["result"],
                ocid="ocds-abc123-BENCH",
                published_at=PUBLISHED,
                internal=internal,
            ),
        )
        print(f"{'  against score()':<66} {package / took:8.2f} x")
    held = _timed(
        f"score() with sensitivity ({samples:,} samples)",
        lambda: combine.score(tender, samples=samples),
    )
    # Under the price methods whose price score uses the quality points, the tipping points
    # and win probabilities work every price score out again at each weight tried.
    for method in ("award_on_value", "price_per_quality_point"):
        moving = quality_priced(tender, method)
        took = _timed(
            f"  the same under {method}",
            lambda moving=moving: combine.score(moving, samples=samples),
        )
        print(f"{'    against lowest_price_ratio':<66} {took / held:8.2f} x")

    # The whole of score() on a tender whose scores table has exactly 1,000,000 rows.
    million = generate(*(MILLION_QUICK if quick else MILLION))
    _timed(
        f"score() on a {million.scores.height:,}-row scores table (target about 1 s)",
        lambda: combine.score(million, sensitivity=False),
        f"{million.bids.height:,} bids × 20 questions × 5 evaluators",
    )
    against_minimal_query(million, quick)
    json_output(million)

    # The quality step alone on a 1,000,000-row scores table.
    target = 100_000 if quick else 1_000_000
    scores = tender.scores.head(target)
    keys = key_map(tender.bids.get_column("supplier").unique().to_list())
    units = (
        with_key(tender.bids, keys).select("skey", "lot", "supplier", "source").sort("skey", "lot")
    )
    _timed(
        f"quality on a {scores.height:,}-row scores table",
        lambda: quality.score_questions(
            tender.plan,
            units,
            scores,
            tender.declarations,
            with_key(tender.moderation, keys),
            keys,
        ),
    )

    # Win probabilities alone: 10,000 samples for 100 bidders in one lot.
    small = generate(100, 1, questions, evaluators)
    result = combine.score(small, sensitivity=False)
    pool = result.results.filter(pl.col("status") == "ranked").with_columns(skey=pl.col("supplier"))
    _timed(
        f"win probability: {samples:,} samples × {pool.height} bidders (target about 1 s)",
        lambda: sensitivity.win_probability(small.plan, pool, samples=samples, seed=SEED),
    )
    # The worst case: 100 bidders level at the plan's weights, so none can be set aside and
    # all 100 totals are computed for every sample.
    level = pl.DataFrame({"x": [i / 99 for i in range(100)]}).select(
        lot=pl.lit("L00"),
        skey=pl.format("s{}", pl.int_range(100)),
        supplier=pl.format("s{}", pl.int_range(100)),
        rank=pl.lit(1, pl.Int64),
        price_score=40 * pl.col("x"),
        quality_score=40 * (1 - pl.col("x")),
        social_value_score=pl.lit(10.0),
    )
    _timed(
        f"win probability, worst case: {samples:,} samples × 100 level bidders",
        lambda: sensitivity.win_probability(small.plan, level, samples=samples, seed=SEED),
    )
    _timed(
        f"  of which drawing the {samples:,} weight samples",
        lambda: sensitivity.weight_samples(small.plan, samples, SEED),
    )

    # In a process of its own, so the plain reference's memory is not counted as scoring's.
    sys.stdout.flush()
    subprocess.run(
        [sys.executable, __file__, "--check-reference", *(["--quick"] if quick else [])],
        check=False,
    )


def json_output(tender: Tender) -> None:
    """``score --json``: the result as data (``to_json``) and as text, against the standard
    library's indenting encoder writing the same data (the bytes must be equal)."""
    import json

    from tendereval.jsontext import dumps
    from tendereval.scoring.output import to_json

    result = combine.score(tender)
    made: dict[str, object] = {}
    _timed(
        f"score --json: to_json() on {result.results.height:,} bids",
        lambda: made.setdefault("data", to_json(result)),
    )
    took = _timed(
        "score --json: the text (jsontext.dumps)",
        lambda: made.setdefault("text", dumps(made["data"])),
    )
    plain = _timed(
        "  the same data by json.dumps(indent=2)",
        lambda: made.setdefault(
            "plain", json.dumps(made["data"], indent=2, ensure_ascii=False, allow_nan=False)
        ),
    )
    size = len(str(made["text"]).encode("utf-8")) / 1e6
    same = "the same bytes" if made["text"] == made["plain"] else "DIFFERENT BYTES"
    print(f"{'  jsontext against json.dumps':<66} {took / plain:8.2f} x  {size:,.0f} MB, {same}")


# ---- score() against a minimal query ------------------------------------------------------------


def minimal_totals(tender: Tender) -> pl.DataFrame:
    """Each bid's total and rank in its lot, by the shortest polars query a hand-written
    evaluation of the benchmark's plan needs: the mean of each question's scores, weighted
    fractions of the scale summed per bid, whole-life prices to the penny scored by the lowest
    price ratio, and a rank per lot. Nothing else: no checks, exclusions, flags, reasons or
    listings."""
    plan = tender.plan
    assert plan is not None and plan.price.method == "lowest_price_ratio"
    weights = pl.DataFrame(
        [
            {
                "question": leaf.id,
                "weight": leaf.effective_weight,
                "low": plan.scales[leaf.scale].low,
                "high": plan.scales[leaf.scale].high,
            }
            for leaf in plan.leaves
            if leaf.kind == "question"
        ]
    )
    price_weight = sum(leaf.effective_weight for leaf in plan.leaves if leaf.kind == "price")
    years = pl.sum_horizontal([(1 + pl.col("uplift")).pow(y) for y in range(plan.contract_years)])
    quality = (
        tender.scores.lazy()
        .group_by("supplier", "lot", "question")
        .agg(pl.col("score").mean())
        .join(weights.lazy(), on="question")
        .group_by("supplier", "lot")
        .agg(
            points=((pl.col("score") - pl.col("low")) / (pl.col("high") - pl.col("low")))
            .mul(pl.col("weight"))
            .sum()
        )
    )
    prices = (
        tender.prices.lazy()
        .group_by("supplier", "lot")
        .agg(price=(pl.col("volume") * pl.col("unit_rate") * years).sum())
        # The price scored is the one shown, to the penny (a half penny away from zero).
        .with_columns(price=(pl.col("price") * 100).round(0, mode="half_away_from_zero") / 100)
    )
    return (
        quality.join(prices, on=["supplier", "lot"])
        .with_columns(
            total=pl.col("points")
            + price_weight * pl.col("price").min().over("lot") / pl.col("price")
        )
        .with_columns(rank=pl.col("total").rank("min", descending=True).over("lot"))
        .collect(engine="in-memory")
    )


def against_minimal_query(million: Tender, quick: bool) -> None:
    """score() and the minimal query timed alternately (medians), with the processor time
    each takes on all cores together; the same on one core, in a process of its own; and
    their extra memory."""
    runs = 3 if quick else 7
    times, processor = _alternating(million, runs)
    minimal, full, read = (statistics.median(times[k]) for k in times)
    label = "minimal polars query, the same totals and ranks"
    print(f"{label:<66} {minimal:8.3f} s  median of {runs}")
    print(f"{'score() without sensitivity, the same tender':<66} {full:8.3f} s  median of {runs}")
    label = "  and every frame read (the two listings are made when first read)"
    print(f"{label:<66} {read:8.3f} s  median of {runs}")
    print(f"score() vs the minimal query: {full / minimal:.1f}x (target ≤ 3x)")
    print(f"score() with every frame read vs the minimal query: {read / minimal:.1f}x")
    cpu_minimal, cpu_score = (statistics.median(processor[k]) for k in ("minimal", "score"))
    print(
        f"  processor time, all cores together: score() {cpu_score:.3f} s, minimal query "
        f"{cpu_minimal:.3f} s ({cpu_score / cpu_minimal:.1f}x); cores kept busy: score() "
        f"{cpu_score / full:.1f}, minimal query {cpu_minimal / minimal:.1f}"
    )
    sys.stdout.flush()
    env = {**os.environ, "POLARS_MAX_THREADS": "1"}
    argv = [sys.executable, __file__, "--one-core", *(["--quick"] if quick else [])]
    subprocess.run(argv, env=env, check=False)
    memory = {name: _extra_memory(name, quick) for name in ("score", "minimal")}
    if None not in memory.values():
        print(
            f"extra memory: score() {memory['score']:,.0f} MB, minimal query "
            f"{memory['minimal']:,.0f} MB ({memory['score'] / max(memory['minimal'], 1):.1f}x)"
        )
    totals = combine.score(million, sensitivity=False).results.join(
        minimal_totals(million), on=["supplier", "lot"], suffix="_minimal"
    )
    same = (totals.get_column("total") - totals.get_column("total_minimal")).abs().max()
    print(
        f"  the minimal query's totals differ from score()'s by at most {same:.1e} points "
        f"({totals.height:,} bids)"
    )


def _alternating(
    million: Tender, runs: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """({call: wall seconds}, {call: processor seconds}) of score() and the minimal query,
    run alternately ``runs`` times after one run each."""
    calls = {
        "minimal": lambda: minimal_totals(million),
        "score": lambda: combine.score(million, sensitivity=False),
        "every frame": lambda: every_frame(combine.score(million, sensitivity=False)),
    }
    times: dict[str, list[float]] = {name: [] for name in calls}
    processor: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():  # once each first, so neither pays for starting up
        call()
    for _ in range(runs):
        for name, call in calls.items():
            start, cpu = time.perf_counter(), time.process_time()
            call()
            times[name].append(time.perf_counter() - start)
            processor[name].append(time.process_time() - cpu)
    return times, processor


def _one_core(quick: bool) -> None:
    """The child's side of the one-core comparison (run with POLARS_MAX_THREADS=1)."""
    million = generate(*(MILLION_QUICK if quick else MILLION))
    times, _ = _alternating(million, 3 if quick else 5)
    minimal, full = (statistics.median(times[k]) for k in ("minimal", "score"))
    print(
        f"  on one core ({pl.thread_pool_size()} polars thread): score() {full:.3f} s, "
        f"minimal query {minimal:.3f} s ({full / minimal:.1f}x)"
    )


def every_frame(result: object) -> None:
    """Reads every frame of a result, so the ones made when first read are made."""
    for name in RESULT_SCHEMAS:
        getattr(result, name)


def _extra_memory(name: str, quick: bool) -> float | None:
    """Peak resident memory (MB) one call adds, measured in a fresh process; None when the
    operating system cannot say (the peak is reset through /proc, so Linux only)."""
    argv = [sys.executable, __file__, "--memory-of", name, *(["--quick"] if quick else [])]
    found = subprocess.run(argv, capture_output=True, text=True, check=False).stdout.split()
    return float(found[-1]) if found and found[-1] != "n/a" else None


def _measure_memory(name: str, quick: bool) -> None:
    """The child's side of :func:`_extra_memory`: prints the MB the call adds, or n/a."""
    million = generate(*(MILLION_QUICK if quick else MILLION))
    status = Path("/proc/self/status")
    try:
        Path("/proc/self/clear_refs").write_text("5")  # peak := current
    except OSError:
        print("n/a")
        return

    def kilobytes(field: str) -> int:
        return int(re.search(rf"{field}:\s+(\d+) kB", status.read_text()).group(1))

    before = kilobytes("VmRSS")
    if name == "score":
        combine.score(million, sensitivity=False)
    else:
        minimal_totals(million)
    print((kilobytes("VmHWM") - before) / 1024)


# ---- the same frames as the plain reference ------------------------------------------------------


def same_as_reference(quick: bool) -> None:
    """Every frame score() returns is the one the plain steps return, on the benchmark tenders
    (with and without sensitivity) and both examples."""
    from tendereval.io.tender import load_tender

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scoring_reference import differences, reference_score

    tender = generate(*((100, 5, 10, 3) if quick else (1000, 20, 20, 3)))
    million = generate(*(MILLION_QUICK if quick else MILLION))
    cases = [
        (f"benchmark tender, {tender.scores.height:,} scores", tender, {"samples": 1_000}),
        (f"{million.scores.height:,} scores", million, {"sensitivity": False}),
        *((path.name, load_tender(path), {}) for path in _examples()),
    ]
    for label, case, options in cases:
        differs = differences(combine.score(case, **options), reference_score(case, **options))
        verdict = "identical" if not differs else "DIFFERENT: " + ", ".join(differs)
        print(f"  every frame as the plain reference gives, {label}: {verdict}")
    # The plain reference makes the same frames the straightforward way: how long it takes.
    took: dict[str, list[float]] = {"score": [], "reference": []}
    for _ in range(3):
        for name, call in (("score", combine.score), ("reference", reference_score)):
            start = time.perf_counter()
            every_frame(call(million, sensitivity=False))
            took[name].append(time.perf_counter() - start)
    fast, plain = (statistics.median(took[k]) for k in ("score", "reference"))
    print(
        f"  every frame made, {million.scores.height:,} scores: score() {fast:.3f} s, the plain "
        f"reference {plain:.3f} s ({fast / plain:.2f}x), medians of 3"
    )


def _examples() -> list[Path]:
    return [EXAMPLES / "carers-short-breaks", EXAMPLES / "homecare-districts"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--memory-of", choices=["score", "minimal"], help=argparse.SUPPRESS)
    parser.add_argument("--check-reference", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--one-core", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        _measure_memory(args.memory_of, args.quick)
    elif args.check_reference:
        same_as_reference(args.quick)
    elif args.one_core:
        _one_core(args.quick)
    else:
        run(args.quick)


if __name__ == "__main__":
    main()
