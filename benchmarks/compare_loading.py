"""Loading, older code against this checkout's: each against python-calamine in the same process.

    python benchmarks/compare_loading.py main            # 3 rounds, both forms
    python benchmarks/compare_loading.py HEAD~5 --rounds 5 --forms excel

The older code is the ``src`` and ``templates`` folders of the git revision given, exported to
a temporary folder. Each round runs, for each form of bid return (see ``bench_loading.py``),
one process with the older code and one with this checkout's, alternating, so that load from
outside the run falls on both alike. Each process loads the 1,000 cached bid returns with
``load_tender`` on one core and reads them with python-calamine on one core, alternating, three
times, and gives the medians; the script prints, per form and code, the median over the rounds
of the time a bid and of the ratio to calamine measured in the same process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(source: str, form: str, repeats: int) -> None:
    """In a process of its own: the medians of ``load_tender`` (one core) and calamine."""
    sys.path.insert(0, source)
    sys.path.insert(1, str(ROOT / "benchmarks"))
    from unittest import mock

    import bench_loading

    import tendereval
    from tendereval.io import parallel
    from tendereval.io.tender import load_tender

    if not tendereval.__file__.startswith(source):  # the code compared, not an installed copy
        raise SystemExit(f"tendereval came from {tendereval.__file__}, not {source}")
    folder = bench_loading.cached_tender(1_000, form)
    paths = sorted((folder / "bids").glob("*.xlsx"))

    def load() -> None:
        with mock.patch.object(parallel, "PARALLEL_MIN_FILES", len(paths) + 1):
            load_tender(folder)

    def calamine() -> None:
        bench_loading._over_files(bench_loading.calamine_parse, paths)

    load(), calamine()  # the caches and the imports, as in any run after the first file
    times: dict[str, list[float]] = {"load": [], "calamine": []}
    for _ in range(repeats):
        for name, work in (("load", load), ("calamine", calamine)):
            start = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - start)
    print(statistics.median(times["load"]), statistics.median(times["calamine"]))


def export(revision: str, folder: Path) -> Path:
    """The ``src`` and ``templates`` of ``revision``, written under ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "src", "templates"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(folder, filter="data")
        else:
            tar.extractall(folder)  # our own repository's files
    return folder / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the older code: a git revision (main, HEAD~3, …)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--forms", default="template,excel")
    parser.add_argument("--measure", nargs=3, metavar=("SRC", "FORM", "REPEATS"), help="internal")
    args = parser.parse_args()
    if args.measure:
        source, form, repeats = args.measure
        measure(source, form, int(repeats))
        return
    forms = args.forms.split(",")
    for form in forms:  # made once, before any timing
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import bench_loading; bench_loading.cached_tender(1000, {form!r})",
            ],
            cwd=ROOT / "benchmarks",
            check=True,
        )
    with tempfile.TemporaryDirectory() as folder:
        sources = {
            args.revision: str(export(args.revision, Path(folder))),
            "this checkout": str(ROOT / "src"),
        }
        found: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for form in forms:
                for name, source in sources.items():
                    out = subprocess.run(
                        [sys.executable, __file__, "-", "--measure", source, form, "3"],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                    load, calamine = map(float, out.split())
                    found.setdefault((form, name), []).append((load, calamine))
    # Seconds for 1,000 bid returns are milliseconds a bid.
    print(f"load_tender and python-calamine on one core, 1,000 bid returns, {args.rounds} rounds")
    print(f"{'form':<9} {'code':<16} {'a bid':>9} {'calamine':>9} {'ratio':>7}  each round")
    for (form, name), runs in found.items():
        ratios = [load / calamine for load, calamine in runs]
        print(
            f"{form:<9} {name:<16} {statistics.median(r[0] for r in runs):8.3f}ms"
            f"{statistics.median(r[1] for r in runs):8.3f}ms {statistics.median(ratios):6.2f}x"
            f"  {', '.join(f'{r:.2f}' for r in ratios)}"
        )


if __name__ == "__main__":
    main()
