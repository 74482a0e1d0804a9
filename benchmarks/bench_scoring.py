"""Scoring at scale: a seeded tender of 1,000 suppliers × 20 lots × 20 questions × 3 evaluators.

    python benchmarks/bench_scoring.py            # full sizes
    python benchmarks/bench_scoring.py --quick    # small sizes, a smoke test

Frames are generated directly (no workbooks), so this times scoring alone. Figures are printed,
never asserted. ``run(quick)`` is what ``benchmarks/run.py`` (``make bench``) calls.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import tomllib

import polars as pl

from tendereval.errors import Problems
from tendereval.ocds.release import release_package
from tendereval.plan import Plan, parse_plan
from tendereval.scoring import combine, quality, sensitivity
from tendereval.scoring.common import key_map, with_key
from tendereval.tender import Tender

SEED = 20261122
PUBLISHED = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


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
    _timed(
        f"score() with sensitivity ({samples:,} samples)",
        lambda: combine.score(tender, samples=samples),
    )

    # The whole of score() on a tender whose scores table has exactly 1,000,000 rows.
    million = generate(*((100, 5, 20, 5) if quick else (1000, 10, 20, 5)))
    _timed(
        f"score() on a {million.scores.height:,}-row scores table (target about 1 s)",
        lambda: combine.score(million, sensitivity=False),
        f"{million.bids.height:,} bids × 20 questions × 5 evaluators",
    )

    # The quality step alone on a 1,000,000-row scores table.
    target = 100_000 if quick else 1_000_000
    scores = tender.scores.head(target)
    keys = key_map(tender.bids.get_column("supplier").unique().to_list())
    units = with_key(tender.bids, keys).select("skey", "lot", "supplier", "source")
    _timed(
        f"quality on a {scores.height:,}-row scores table",
        lambda: quality.score_questions(
            tender.plan,
            units,
            with_key(scores, keys),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    run(parser.parse_args().quick)


if __name__ == "__main__":
    main()
