"""`make bench`: run every benchmark and print figures and ratios.

Each benchmark module in this folder exposes ``run(quick: bool) -> None`` and prints its own
table. This runner adds the start-up figures (issue: `tendereval --help` within 5× a bare
interpreter start) and records the machine.

    python benchmarks/run.py            # full run (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # smaller sizes, for a smoke test
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = ("bench_scoring", "bench_report", "bench_allocation")


def _time_command(argv: list[str], repeats: int = 7) -> float:
    """Median wall time of a command over ``repeats`` runs, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup() -> None:
    """`tendereval --help` and `validate` on the small example, against `python -c pass`."""
    python = sys.executable
    bare = _time_command([python, "-c", "pass"])
    help_time = _time_command([python, "-m", "tendereval", "--help"])
    print("\n== Start-up ==")
    print(f"python -c pass                 {bare * 1000:8.1f} ms")
    print(f"tendereval --help              {help_time * 1000:8.1f} ms   "
          f"ratio {help_time / bare:5.1f}x (target ≤ 5x)")
    example = HERE.parent / "examples" / "carers-short-breaks"
    if example.is_dir():
        validate = _time_command([python, "-m", "tendereval", "validate", str(example)], 3)
        print(f"tendereval validate (carers)   {validate * 1000:8.1f} ms   "
              f"ratio {validate / bare:5.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args()
    print(f"tendereval benchmarks on {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores{' (quick)' if args.quick else ''}")
    sys.path.insert(0, str(HERE))
    startup()
    for name in MODULES:
        if not (HERE / f"{name}.py").exists():
            print(f"\n== {name}: not present ==")
            continue
        module = importlib.import_module(name)
        start = time.perf_counter()
        module.run(quick=args.quick)
        print(f"({name} took {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
