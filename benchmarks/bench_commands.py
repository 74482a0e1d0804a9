"""Every command at the scale of a large tender: 1,000 suppliers bidding for 3 to 12 of the
homecare example's 12 lots (about 7,400 bids, 60,000 evaluator scores with their reasons).

    python benchmarks/bench_commands.py            # full sizes
    python benchmarks/bench_commands.py --quick    # 30 suppliers, a smoke test

Each command runs as an officer runs it, in a process of its own, and its wall time, the lines
it printed and its exit code are shown. Figures are printed, never asserted. The quadratic
steps this found (summaries 70 s, a score sheet for 1,000 bid returns 452 s, a notice of
1,000 lots checked in 182 s) are each pinned by a test; this keeps the whole in view.
``run(quick)`` is what ``benchmarks/run.py`` (``make bench``) calls.
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
NOTICE = HERE.parent / "tests" / "ocds" / "fixtures" / "find-a-tender-notice.json"
SEED = 20261205
LOTS = ("ASH", "CAN", "DAR", "DOV", "FOL", "GRA", "MAI", "SEV", "SWA", "THA", "TON", "TUN")
EVALUATORS = ("Ann Evans", "Tom Okafor")
SUPPLIER_COLUMNS = (
    "supplier", "legal_name", "company_number", "address", "org_type", "vcse", "staff",
    "turnover", "balance_sheet",
)  # fmt: skip


def make_tender(folder: Path, suppliers: int, seed: int = SEED) -> None:
    """A tender folder with the homecare example's plan and its inputs as CSV files: each
    supplier bids for 3 to 12 lots, each evaluator scores each bid on each question with a
    reason that compares it with another bidder (as reasons do), typed in Word (’ and –)."""
    rng = random.Random(seed)
    (folder / "evaluation").mkdir(parents=True)
    shutil.copy(EXAMPLES / "homecare-districts" / "tender.toml", folder / "tender.toml")
    names = [f"Provider {i:04d} Care Ltd" for i in range(suppliers)]
    tables: dict[str, tuple[list[str], list[list[object]]]] = {
        "suppliers.csv": (
            [*SUPPLIER_COLUMNS],
            [_supplier_row(i, name, rng) for i, name in enumerate(names)],
        ),
        "prices.csv": (["supplier", "lot", "item", "unit_rate", "uplift"], []),
        "scores.csv": (
            ["evaluator", "group", "supplier", "lot", "question", "score", "reason"],
            [],
        ),
        "declarations.csv": (
            ["evaluator", "group", "declared_on", "conflict", "conflicted_suppliers"],
            [[e, "", "2026-03-03", "none", ""] for e in EVALUATORS],
        ),
    }
    prices, scores = tables["prices.csv"][1], tables["scores.csv"][1]
    for name in names:
        for lot in rng.sample(LOTS, rng.randint(3, len(LOTS))):
            prices.append([name, lot, "care_hours", round(rng.uniform(22, 30), 2), "3%"])
            prices.append([name, lot, "waking_nights", round(rng.uniform(120, 200), 2), "3%"])
            for question in ("Q1", "Q2", "Q3", "SV1"):
                # Evaluators differ by at most a point either side of what the answer is worth,
                # so no question is flagged for moderation: scores far apart with no consensus
                # hold the award, and summaries and publish would be timed on a held award.
                worth = rng.randint(1, 5)
                for evaluator in EVALUATORS:
                    other = f"Provider {rng.randrange(suppliers):04d} Care"
                    reason = (
                        f"{evaluator.split()[0]}\u2019s view \u2013 sound on {question}; "
                        f"clearer than {other}"
                    )
                    score = min(5, max(1, worth + rng.choice((-1, 0, 1))))
                    scores.append([evaluator, "", name, lot, question, score, reason])
    for file, (header, rows) in tables.items():
        with open(folder / "evaluation" / file, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)


def _supplier_row(i: int, name: str, rng: random.Random) -> list[object]:
    staff, turnover = rng.randint(5, 400), rng.randint(10**5, 6 * 10**7)
    number, address = f"{10_000_000 + i:08d}", f"{i} High Street, Ashford"
    return [name, name, number, address, "private company", "no", staff, turnover, 900_000]


def cached_tender(suppliers: int) -> Path:
    """:func:`make_tender` under the temp folder, made once per size (and again whenever this
    generator's code changes)."""
    stamp = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    folder = Path(tempfile.gettempdir()) / f"tendereval-commands-{suppliers}-{SEED}-{stamp}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        make_tender(folder, suppliers)
        (folder / ".complete").touch()
    return folder


def notice_of_lots(path: Path, lots: int, criteria: int) -> None:
    """Find a Tender's example notice with ``lots`` lots of ``criteria`` quality criteria each
    (the sizes a notice is checked in proportion to)."""
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    tender = data["releases"][0]["tender"]
    lot = tender["lots"][0]
    built = []
    for i in range(lots):
        one = copy.deepcopy(lot)
        one["id"], one["title"] = str(i + 1), f"Area {i + 1}"
        one["awardCriteria"]["criteria"] = [
            {
                "type": "price",
                "name": "Price",
                "numbers": [{"number": 40, "weight": "percentageExact"}],
            }
        ] + [
            {
                "type": "quality",
                "name": f"Quality question {q + 1}",
                "numbers": [{"number": 60 / criteria, "weight": "percentageExact"}],
            }
            for q in range(criteria)
        ]
        built.append(one)
    tender["lots"] = built
    tender.pop("lotDetails", None)
    path.write_text(json.dumps(data), encoding="utf-8")


def _command(label: str, argv: list[str]) -> None:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tendereval", *argv], capture_output=True, text=True, check=False
    )
    took = time.perf_counter() - start
    lines = len(done.stdout.splitlines()) + len(done.stderr.splitlines())
    print(f"{label:<58} {took:8.2f} s  exit {done.returncode}, {lines:,} lines printed")


def run(quick: bool = False) -> None:
    """Print each command's time on the large tender (``quick``: 30 suppliers)."""
    suppliers, bid_files, lots = (30, 30, 20) if quick else (1000, 1000, 1000)
    print(f"\n== Every command on a tender of {suppliers:,} suppliers (12 lots) ==")
    start = time.perf_counter()
    folder = cached_tender(suppliers)
    print(f"{'generate (or reuse the cached) tender':<58} {time.perf_counter() - start:8.2f} s")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        _command("validate", ["validate", str(folder)])
        _command(
            "score (report and --json)",
            ["score", str(folder), "-o", str(out / "r.xlsx"), "--json", str(out / "r.json")],
        )
        _command("score --public", ["score", str(folder), "--public", "-o", str(out / "p.xlsx")])
        _command(
            "summaries (one workbook per supplier)",
            ["summaries", str(folder), "-o", str(out / "s")],
        )
        _command(
            "publish --internal",
            [
                "publish",
                str(folder),
                "--internal",
                "--ocid-prefix",
                "ocds-abc123",
                "-o",
                str(out / "o.json"),
            ],
        )
        _command("allocate", ["allocate", str(folder), "--json", str(out / "a.json")])

        sys.path.insert(0, str(HERE))
        import bench_loading

        returns = bench_loading.cached_tender(bid_files)
        _command(
            f"template score-sheet for {bid_files:,} bid returns",
            ["template", "score-sheet", "--tender", str(returns), "-o", str(out / "t.xlsx")],
        )

        drafted = out / "drafted"
        notice_of_lots(out / "notice.json", lots, 30)
        _command(
            f"init --from-notice, {lots:,} lots × 31 criteria",
            ["init", str(drafted), "--from-notice", str(out / "notice.json")],
        )
        _command("validate against that notice", ["validate", str(drafted)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30 suppliers, a smoke test")
    run(parser.parse_args().quick)


if __name__ == "__main__":
    main()
