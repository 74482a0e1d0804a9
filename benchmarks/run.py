"""`make bench`: run every benchmark and print figures, ratios and peak memory.

    python benchmarks/run.py                 # full run (about 9 minutes on 2 cores)
    python benchmarks/run.py --quick         # smaller sizes, a smoke test (about a minute)
    python benchmarks/run.py --only scoring  # one step

Each step — start-up, loading, scoring, report, allocation, scenarios, commands — runs in its
own Python process, so the peak memory printed for it is that step's alone: the largest
resident set of the step's process, and separately of the largest process it started (the
loader's workers, the solver, the commands timed at start-up). The benchmark modules in this
folder each
expose ``run(quick: bool)`` and print their own table; this runner adds the start-up figures,
the machine, and the summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Commands are timed as an officer runs them: an installed package has its bytecode cached,
# so a shell that asks Python not to write it (PYTHONDONTWRITEBYTECODE) would add the
# compiling of every module to every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "carers-short-breaks"
STEPS = {
    "startup": "start-up",
    "bench_loading": "loading",
    "bench_scoring": "scoring",
    "bench_report": "report",
    "bench_allocation": "allocation",
    "bench_scenarios": "scenarios",
    "bench_commands": "commands",
}
_PEAK = "@@peak"  # the line a step's process ends with, read and hidden by the runner


def _time_commands(commands: list[list[str]], repeats: int) -> list[float]:
    """Median wall time of each command over ``repeats`` rounds, in seconds. The commands take
    turns within each round, so that whatever else the machine does falls on all of them alike:
    timed one after the other (eleven of one, then eleven of the next), the same code gave
    --help 5.9x a bare start in one full run and 4.3x alternating minutes later."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeats):
        for argv, taken in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(argv, check=False, capture_output=True)
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def startup(quick: bool = False) -> None:
    """`tendereval --help` and `validate` on the small example, against `python -c pass`.

    The installed ``tendereval`` script is timed when there is one (what an officer runs),
    else ``python -m tendereval``."""
    python = sys.executable
    script = Path(python).with_name("tendereval")
    command = [str(script)] if script.exists() else [python, "-m", "tendereval"]
    repeats = 5 if quick else 11
    # The floor under any click command is what importing the command-line library alone costs.
    bare, click_only, help_time = _time_commands(
        [[python, "-c", "pass"], [python, "-c", "import click"], [*command, "--help"]], repeats
    )
    print(f"\n== Start-up (median of {repeats} alternating runs) ==")
    print(f"python -c pass                      {bare * 1000:8.1f} ms")
    print(
        f"python -c 'import click'            {click_only * 1000:8.1f} ms   "
        f"ratio {click_only / bare:5.1f}x"
    )
    print(
        f"tendereval --help                   {help_time * 1000:8.1f} ms   "
        f"ratio {help_time / bare:5.1f}x (target ≤ 5x); "
        f"{(help_time - click_only) * 1000:.1f} ms beyond importing click"
    )
    (validate,) = _time_commands(
        [[*command, "validate", "--quiet", str(EXAMPLE)]], 3 if quick else 5
    )
    print(
        f"tendereval validate (carers, 6 bids){validate * 1000:8.1f} ms   "
        f"ratio {validate / bare:5.1f}x"
    )


def run_step(name: str, quick: bool) -> None:
    """Run one step here (the child process's side)."""
    if name == "startup":
        startup(quick)
    else:
        sys.path.insert(0, str(HERE))
        importlib.import_module(name).run(quick=quick)
    sys.stdout.flush()
    # Loading reads bids in worker processes started by a fork server; their peak memory is
    # counted only once the server has been stopped and reaped (a private call, so guarded).
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{_PEAK} {own} {children}", flush=True)


def _megabytes(maxrss: int) -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    return maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def spawn_step(name: str, quick: bool) -> tuple[float, float | None, float | None]:
    """Run one step in a fresh process, echoing its output.

    Returns (seconds, the peak MB of its process, the peak MB of the largest process it started).
    """
    argv = [sys.executable, __file__, "--step", name, *(["--quick"] if quick else [])]
    start = time.perf_counter()
    own = children = None
    with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, bufsize=1) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(_PEAK):
                _, a, b = line.split()
                own, children = _megabytes(int(a)), _megabytes(int(b))
            else:
                print(line, end="", flush=True)
    seconds = time.perf_counter() - start
    if child.returncode:
        print(f"!! the {STEPS[name]} step failed (exit {child.returncode})")
    return seconds, own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--only", choices=list(STEPS.values()), help="run one step")
    parser.add_argument("--step", choices=list(STEPS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        run_step(args.step, args.quick)
        return
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(
        f"tendereval benchmarks, {dt.datetime.now().isoformat(timespec='minutes')}, "
        f"{platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores"
        + (f", load average {load[0]:.2f} at the start" if load else "")
        + (" (quick)" if args.quick else "")
    )
    summary = []
    began = time.perf_counter()
    for name, label in STEPS.items():
        if args.only and args.only != label:
            continue
        summary.append((label, *spawn_step(name, args.quick)))
    print("\n== Summary: each step in its own process ==")
    print(f"{'step':<12} {'seconds':>8} {'peak memory':>12} {'child processes':>16}")
    for label, seconds, own, children in summary:
        print(
            f"{label:<12} {seconds:8.1f} {_mb(own):>12} "
            f"{_mb(children) if children and children > 1 else '':>16}"
        )
    end_load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(
        f"total {time.perf_counter() - began:.0f} s"
        + (f"; load average {end_load:.2f} at the end" if end_load is not None else "")
    )


def _mb(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f} MB"


if __name__ == "__main__":
    main()
