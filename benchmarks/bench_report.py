"""Benchmark: writing the Excel evaluation report (and assessment summaries) at scale.

A seeded synthetic ScoreResult — one lot, N suppliers, three evaluators scoring three questions
— is written with ``write_report``. The reference, measured in the same run and alternating
with it, is XlsxWriter (the fastest Python writer) in constant-memory mode writing the same
cells — the same values, formulas with their cached results, number formats, bold and
wrapping — from lists already in memory, so the reference does no work of laying out the
report. Extra memory is each side's peak resident memory above its start, measured in a
forked child. The issue asks for a 1,000-supplier report within 1.5x the reference and 50 MB.

Then ``tendereval score`` on the homecare example, with and without the report (target: the
whole command within 0.6 s).

    python benchmarks/bench_report.py           # 1,000 suppliers
    python benchmarks/bench_report.py --quick   # 100 suppliers
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from tendereval.plan import load_plan
from tendereval.scoring.result import RESULT_SCHEMAS, ScoreResult

# Commands are timed as an officer runs them: an installed package has its bytecode cached,
# so a shell that asks Python not to write it (PYTHONDONTWRITEBYTECODE) would add the
# compiling of every module to every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

ROOT = Path(__file__).resolve().parents[1]
PRESET = ROOT / "templates" / "presets" / "40-40-20.toml"
HOMECARE = ROOT / "examples" / "homecare-districts"
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
        sub_totals=frame_of("sub_totals", pl.DataFrame()),
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


def report_cells(result: ScoreResult) -> dict[str, list[tuple[int, int, object, tuple]]]:
    """The report's cells as the reference writes them: sheet → (row, column, value, format),
    the format being (number format, bold, wrapped); formulas with their cached results."""
    from tendereval.report.book import Formula
    from tendereval.report.excel import build_report

    wb, cached = build_report(result)
    sheets = {}
    for ws in wb.worksheets:
        values = cached.get(ws.title, {})
        cells = []
        for row in sorted(ws.rows):
            for col, (value, look) in sorted(ws.rows[row].items()):
                if isinstance(value, Formula):
                    coordinate = ws.cell(row=row, column=col).coordinate
                    value = (str(value), values.get(coordinate, 0))
                cells.append((row - 1, col - 1, value, (look.number_format, look.bold, look.wraps)))
        sheets[ws.title] = cells
    return sheets


def write_with_xlsxwriter(sheets: dict, path: Path) -> None:
    """The reference: XlsxWriter, constant memory, one format per distinct look."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats: dict[tuple, object] = {}
    for title, cells in sheets.items():
        ws = book.add_worksheet(title)
        for row, col, value, look in cells:
            fmt = formats.get(look)
            if fmt is None:
                number_format, bold, wrap = look
                fmt = formats[look] = book.add_format(
                    {"num_format": number_format or "General", "bold": bold, "text_wrap": wrap}
                )
            if isinstance(value, tuple):
                ws.write_formula(row, col, value[0], fmt, value[1])
            elif isinstance(value, str):
                ws.write_string(row, col, value, fmt)
            elif value is None:
                ws.write_blank(row, col, None, fmt)
            else:
                ws.write_number(row, col, value, fmt)
    book.close()


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS, VmHWM), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    raise KeyError(field)


def _reset_peak() -> None:
    """Start the peak (VmHWM) again from the current resident memory (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")


def extra_memory(side: str, suppliers: int) -> float | None:
    """Peak resident memory of writing one side ("ours" or "reference") above what the process
    held just before, in MB, measured in a fresh Python process (so the peak is this work's
    alone; forking is not safe once polars' threads are running). None where the peak
    cannot be reset (not Linux)."""
    if not Path("/proc/self/clear_refs").exists():
        return None
    done = subprocess.run(
        [sys.executable, __file__, "--memory", side, "--suppliers", str(suppliers)],
        check=False,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.split()
    return float(lines[-1]) if done.returncode == 0 and lines else None


def _memory_of(side: str, suppliers: int) -> None:
    """The child's side of :func:`extra_memory`: prints the extra MB."""
    from tendereval.report.excel import write_report

    result = synthetic_result(suppliers)
    with tempfile.TemporaryDirectory() as tmp:
        # Both sides once on a tiny report first, so imports are not counted as the work's.
        tiny = synthetic_result(5)
        write_report(tiny, Path(tmp) / "tiny.xlsx")
        write_with_xlsxwriter(report_cells(tiny), Path(tmp) / "tiny-reference.xlsx")
        sheets = report_cells(result) if side == "reference" else {}
        _reset_peak()
        start = _status_mb("VmRSS")
        if side == "ours":
            write_report(result, Path(tmp) / "report.xlsx")
        else:
            write_with_xlsxwriter(sheets, Path(tmp) / "reference.xlsx")
        peak = _status_mb("VmHWM")
    print(f"{max(0.0, peak - start):.1f}")


def _alternating(repeats: int, **works: Callable[[], object]) -> dict[str, float]:
    """Median seconds of each work, run in turn ``repeats`` times."""
    times: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(repeats):
        for name, work in works.items():
            start = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(seconds) for name, seconds in times.items()}


def _commands_seconds(runs: int, **commands: list[str]) -> dict[str, float]:
    """Median wall time of each ``tendereval`` command, run in turn ``runs`` times."""
    script = Path(sys.executable).with_name("tendereval")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "tendereval"]

    def runner(args: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run([*base, *args], check=False, capture_output=True)

    return _alternating(runs, **{name: runner(args) for name, args in commands.items()})


def _time(label: str, work) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:8.2f} s")
    return seconds


def run(quick: bool = False) -> None:
    """Print the report against XlsxWriter for 1,000 suppliers (100 when ``quick``), the public
    report and the summaries, and the score command on the homecare example."""
    from tendereval.report.excel import write_report
    from tendereval.report.summaries import write_summaries

    suppliers = 100 if quick else 1_000
    repeats = 3 if quick else 5
    print("\n== Excel report ==")
    result = synthetic_result(suppliers)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheets = report_cells(result)
        cells = sum(len(c) for c in sheets.values())

        def ours() -> None:
            write_report(result, folder / "report.xlsx")

        def reference() -> None:
            write_with_xlsxwriter(sheets, folder / "reference.xlsx")

        ours()  # once first, so imports and caches are warm on both sides
        reference()
        median = _alternating(repeats, ours=ours, reference=reference)
        ratio = median["ours"] / median["reference"]
        mine, theirs = extra_memory("ours", suppliers), extra_memory("reference", suppliers)
        label = f"write_report, {suppliers:,} suppliers ({cells:,} cells)"
        heading = f"writer (median of {repeats}, alternating)"
        print(f"{heading:<44} {'seconds':>8}  extra memory")
        print(f"{label:<44} {median['ours']:8.2f} s  {_mb(mine)}")
        print(
            f"{'XlsxWriter, constant memory, with formats':<44} {median['reference']:8.2f} s  "
            f"{_mb(theirs)}"
        )
        print(f"write_report vs XlsxWriter: {ratio:.2f}x (target ≤ 1.5x)", end="")
        print(f"; extra memory {_mb(mine)} (target ≤ 50 MB)" if mine is not None else "")
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
        if HOMECARE.is_dir():
            out = ["-o", str(folder / "homecare.xlsx")]
            runs = 3 if quick else 7
            median = _commands_seconds(
                runs,
                whole=["score", str(HOMECARE), *out],
                bare=["score", str(HOMECARE), "--no-report"],
            )
            whole, bare = median["whole"], median["bare"]
            print(f"{'tendereval score homecare-districts':<44} {whole:8.2f} s   (target ≤ 0.6 s)")
            print(
                f"{'  the same with --no-report':<44} {bare:8.2f} s   "
                f"the report's share {1 - bare / whole:.0%} (median of {runs}, alternating)"
            )


def _mb(value: float | None) -> str:
    return "" if value is None else f"+{value:,.0f} MB"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 suppliers")
    parser.add_argument("--memory", choices=("ours", "reference"), help=argparse.SUPPRESS)
    parser.add_argument("--suppliers", type=int, default=1_000, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        _memory_of(args.memory, args.suppliers)
    else:
        run(args.quick)
