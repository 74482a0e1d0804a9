"""Reading many workbooks over every core.

A national framework can have a thousand bid returns; openpyxl spends about 15 ms of pure
Python on each, so reading them one process at a time leaves the other cores idle.
:func:`read_workbooks` reads a list of files with a process pool when there are enough of them
to repay starting the workers, and in this process otherwise. Either way it returns exactly
what reading them one by one in order returns: the same raw contents, in the same order.

Each worker opens one workbook at a time, so no more than one workbook per core is ever open.
The workers are started with ``forkserver`` (``spawn`` where that is missing, as on Windows),
never ``fork``: forking a process that runs polars' thread pool can deadlock. This module
imports nothing heavy, so a worker starts by loading only the readers.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

# Below this many files, starting the workers (about half a second) costs more than it saves.
PARALLEL_MIN_FILES = 48

Job = tuple[str, Path, str]  # ("bid" or "scores", path, label as named in problems)


def read_workbook(job: Job) -> Any:
    """One file read by the reader for its kind: a RawBid, RawScoreSheet or RawModeration."""
    kind, path, label = job
    if kind == "bid":
        from tendereval.io.bids import read_bid

        return read_bid(path, label)
    from tendereval.io.scores import read_score_file

    return read_score_file(path, label)


def read_workbooks(jobs: Sequence[Job], workers: int | None = None) -> list[Any]:
    """Every job read, in the order given.

    ``workers`` defaults to the cores this process may use, or 1 when the program's main
    script could not safely be imported by a worker (see :func:`main_is_guarded`). With 1
    worker, or fewer than ``PARALLEL_MIN_FILES`` files, the files are read here, one at a time.
    """
    if workers is None:
        workers = available_cores() if main_is_guarded() else 1
    if workers < 2 or len(jobs) < PARALLEL_MIN_FILES:
        return [read_workbook(job) for job in jobs]
    # Small chunks keep both workers busy to the end; each chunk is one round trip.
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    try:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            return list(pool.map(read_workbook, jobs, chunksize=chunk))
    except (BrokenProcessPool, OSError, NotImplementedError):
        # No worker processes here (a locked-down machine, a sandbox): read in this process.
        return [read_workbook(job) for job in jobs]


def main_is_guarded() -> bool:
    """Whether worker processes can start without running the user's program again.

    A worker started by ``forkserver`` or ``spawn`` imports the main script. A script that
    calls :func:`~tendereval.io.tender.load_tender` at its top level, without the
    ``if __name__ == "__main__":`` guard, would run again in every worker. So workers are used
    only when there is no main script (a notebook, the interactive prompt, ``python -c``) or
    the script has that guard (the ``tendereval`` command, pytest, the benchmarks).
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if path is None:
        return True
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _GUARD.search(source) is not None


_GUARD = re.compile(r"""^if\s+__name__\s*==\s*['"]__main__['"]\s*:""", re.MULTILINE)


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system says)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
