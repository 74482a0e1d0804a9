"""Benchmark: writing the Excel evaluation report (and assessment summaries) at scale.

A seeded synthetic ScoreResult — one lot, N suppliers, three evaluators scoring three questions
— is written with ``write_report``; the figure printed is the wall time. The issue asks for a
1,000-supplier report.

    python benchmarks/bench_report.py           # 1,000 suppliers
    python benchmarks/bench_report.py --quick   # 100 suppliers
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import polars as pl

from tendereval.plan import load_plan
from tendereval.scoring.result import RESULT_SCHEMAS, ScoreResult

PRESET = Path(__file__).resolve().parents[1] / "templates" / "presets" / "40-40-20.toml"
EVALUATORS = ("Evaluator A", "Evaluator B", "Evaluator C")
SEED = 20261122


def synthetic_result(suppliers: int, seed: int = SEED) -> ScoreResult:
    """A plausible result for ``suppliers`` bids on the preset plan's one lot."""
    plan, problems = load_plan(PRESET)
    if plan is None:
        raise RuntimeError(f"the preset plan does not load: {problems}")
    lot = plan.lot_ids[0]
    questions = [(q.id, q.effective_weight, q.pillar) for q in plan.questions()]
    price_weight = plan.pillar_weight("price")
    names = pl.DataFrame({"supplier": [f"Supplier {i:04d} Ltd" for i in range(suppliers)]})
    bids = names.with_columns(
        pl.lit(lot).alias("lot"),
        (pl.int_range(pl.len()).shuffle(seed) * 97.0 + 2_000_000.0).alias("evaluated_price"),
    )
    scores = (
        bids.select("lot", "supplier")
        .join(pl.DataFrame({"question": [q for q, _, _ in questions]}), how="cross")
        .join(pl.DataFrame({"evaluator": list(EVALUATORS)}), how="cross")
        .with_columns(
            (pl.int_range(pl.len()).shuffle(seed + 1) % 6).cast(pl.Float64).alias("score")
        )
    )
    final = scores.group_by("lot", "supplier", "question").agg(
        pl.len().alias("evaluators"),
        pl.col("score").min().alias("lowest"),
        pl.col("score").max().alias("highest"),
        pl.col("score").mean().alias("aggregate"),
    )
    final = final.with_columns(
        (pl.col("highest") - pl.col("lowest")).alias("spread"),
        (pl.col("highest") - pl.col("lowest") > 2).alias("discrepancy"),
        pl.col("aggregate").alias("final"),
        pl.lit("Agreed at moderation").alias("consensus_reason"),
    )
    weights = pl.DataFrame(
        {
            "question": [q for q, _, _ in questions],
            "effective_weight": [w for _, w, _ in questions],
            "pillar": [p for _, _, p in questions],
        }
    )
    quality = (
        final.join(weights, on="question")
        .with_columns(
            pl.col("question").alias("criterion"),
            pl.lit("question").alias("kind"),
            pl.col("final").alias("raw_score"),
            (pl.col("final") / 5).alias("fraction"),
            pl.lit("mean").alias("basis"),
            pl.lit("Evaluators' reasons, combined").alias("reason"),
            pl.lit(False).alias("below_minimum"),
        )
        .with_columns((pl.col("fraction") * pl.col("effective_weight")).alias("weighted"))
    )
    price = bids.with_columns(
        pl.lit("price").alias("criterion"),
        pl.lit("price").alias("pillar"),
        pl.lit("price").alias("kind"),
        pl.col("evaluated_price").alias("raw_score"),
        (pl.col("evaluated_price").min() / pl.col("evaluated_price")).alias("fraction"),
        pl.lit(price_weight).alias("effective_weight"),
        pl.lit("formula").alias("basis"),
        pl.lit("Lowest price ratio").alias("reason"),
        pl.lit(False).alias("below_minimum"),
    ).with_columns((pl.col("fraction") * pl.col("effective_weight")).alias("weighted"))
    criteria = pl.concat([frame_of("criteria", price), frame_of("criteria", quality)])
    pillars = criteria.group_by("lot", "supplier").agg(
        *(
            pl.col("weighted").filter(pl.col("pillar") == p).sum().alias(f"{p}_score")
            for p in ("price", "quality", "social_value")
        )
    )
    results = (
        bids.join(pillars, on=["lot", "supplier"])
        .with_columns(
            (pl.col("price_score") + pl.col("quality_score") + pl.col("social_value_score")).alias(
                "total"
            ),
            pl.lit("ranked").alias("status"),
            pl.lit([], dtype=pl.List(pl.String)).alias("reasons"),
            pl.lit([], dtype=pl.List(pl.String)).alias("flags"),
            (pl.int_range(pl.len()) % 3 == 0).alias("sme"),
            (pl.int_range(pl.len()) % 7 == 0).alias("vcse"),
        )
        .with_columns(pl.col("total").rank("ordinal", descending=True).cast(pl.Int64).alias("rank"))
    )
    evaluator_scores = scores.with_columns(
        pl.lit("").alias("group"),
        pl.lit("Reason as written").alias("reason"),
        pl.lit(True).alias("counted"),
        pl.lit("scores/panel.xlsx").alias("source"),
        pl.lit("Scores › F7").alias("cell"),
    )
    breakdown = bids.with_columns(
        pl.lit("service_hours").alias("item"),
        pl.lit(20_000.0).alias("volume"),
        (pl.col("evaluated_price") / 60_000).alias("unit_rate"),
        pl.lit(0.0).alias("uplift"),
        pl.lit(3).alias("years"),
        pl.lit(0.0).alias("discount_rate"),
        pl.col("evaluated_price").alias("item_price"),
    )
    return ScoreResult(
        plan=plan,
        results=frame_of("results", results),
        criteria=criteria,
        evaluator_scores=frame_of("evaluator_scores", evaluator_scores),
        moderation=frame_of("moderation", final),
        price_breakdown=frame_of("price_breakdown", breakdown),
        social_value=frame_of("social_value", pl.DataFrame()),
        flags=frame_of("flags", pl.DataFrame()),
        tipping_points=frame_of("tipping_points", pl.DataFrame()),
        win_probability=frame_of("win_probability", pl.DataFrame()),
        rank_reversal=frame_of("rank_reversal", pl.DataFrame()),
        inputs=pl.DataFrame(
            schema={"path": pl.String, "kind": pl.String, "sha256": pl.String, "bytes": pl.Int64}
        ),
        suppliers=pl.DataFrame(schema={"supplier": pl.String, "supplier_key": pl.String}),
        settings={"seed": seed, "scored_at": "2026-11-22T12:00:00+00:00"},
    )


def frame_of(name: str, df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with exactly the columns of the named result frame (missing ones null)."""
    return df.select(
        [
            (pl.col(col) if col in df.columns else pl.lit(None)).cast(dtype).alias(col)
            for col, dtype in RESULT_SCHEMAS[name].items()
        ]
    )


def _time(label: str, work) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:8.2f} s")
    return seconds


def run(quick: bool = False) -> None:
    """Print the time to write the report for 1,000 suppliers (100 when ``quick``)."""
    from tendereval.report.excel import write_report
    from tendereval.report.summaries import write_summaries

    suppliers = 100 if quick else 1_000
    print("\n== Excel report ==")
    result = synthetic_result(suppliers)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _time(
            f"write_report, {suppliers:,} suppliers",
            lambda: write_report(result, folder / "report.xlsx"),
        )
        size = (folder / "report.xlsx").stat().st_size
        print(f"{'  file size':<44} {size / 1e6:8.2f} MB")
        _time(
            f"write_report --public, {suppliers:,} suppliers",
            lambda: write_report(result, folder / "public.xlsx", public=True),
        )
        few = synthetic_result(50)
        seconds = _time(
            "write_summaries, 50 suppliers", lambda: write_summaries(few, folder / "summaries")
        )
        print(f"{'  per summary':<44} {seconds / 50 * 1000:8.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 suppliers")
    run(parser.parse_args().quick)
