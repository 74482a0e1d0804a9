"""Reading many workbooks over every core.

A national framework can have a thousand bid returns, each a few milliseconds of pure Python
to read and check, so reading them one process at a time leaves the other cores idle.
:func:`read_workbooks` reads a list of files with a process pool when there are enough of them
to repay starting the workers, and in this process otherwise. Either way it returns exactly
what reading them one by one in order returns: the same contents, in the same order.

Given the bid rules, the workers also check each bid and send back its frame rows and
problems, not the raw cells: a checked bid is a quarter of the size and unpickles in a
twentieth of the time, so the calling process is not left unpickling cells while the workers
wait.

Each worker opens one workbook at a time, so no more than one workbook per core is ever open.
The workers are started with ``forkserver`` (``spawn`` where that is missing, as on Windows),
never ``fork``: forking a process that runs polars' thread pool can deadlock. This module
imports nothing heavy, so a worker starts by loading only the readers.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Below this many files, starting the workers (0.1–0.2 s) costs more than it saves: at about
# 2 ms a bid return, 100 files is where the two measured level (docs/performance.md).
PARALLEL_MIN_FILES = 100

Job = tuple[str, Path, str]  # ("bid" or "scores", path, label as named in problems)
# The plan and the social value measures (see io/tender.py), for checking bids as they are read.
BidRules = tuple[Any, "dict[str, str] | None"]

_worker_rules: BidRules | None = None  # set in each worker when the pool starts it


def read_workbook(job: Job, rules: BidRules | None = None) -> Any:
    """One file read by the reader for its kind: a RawBid (a CheckedBid when ``rules`` are
    given), RawScoreSheet or RawModeration. An operating-system error reading it (no
    permission, deleted mid-run) is a problem with that file, never the end of the run."""
    kind, path, label = job
    if kind == "bid":
        from tendereval.io.bids import read_bid
        from tendereval.io.raw import RawBid

        try:
            raw = read_bid(path, label)
        except OSError as exc:
            raw = RawBid(label, Path(label).stem, problems=[_unreadable(label, exc)])
            raw.readable = False
        if rules is None:
            return raw
        from tendereval.io.bid_rules import check_bid

        return check_bid(raw, *rules)
    from tendereval.io.raw import RawScoreSheet
    from tendereval.io.scores import read_score_file

    try:
        return read_score_file(path, label)
    except OSError as exc:
        return RawScoreSheet(
            label, Path(label).stem, problems=[_unreadable(label, exc)], readable=False
        )


def _unreadable(label: str, exc: OSError) -> Any:
    from tendereval.io.files import unreadable

    return unreadable(label, exc)


def read_workbooks(
    jobs: Sequence[Job], workers: int | None = None, rules: BidRules | None = None
) -> list[Any]:
    """Every job read (and each bid checked, when ``rules`` are given), in the order given.

    ``workers`` defaults to the cores this process may use, or 1 when the program's main
    script could not safely be imported by a worker (see :func:`main_is_guarded`). With 1
    worker, or fewer than ``PARALLEL_MIN_FILES`` files, the files are read here, one at a time.
    """
    if workers is None:
        workers = available_cores() if main_is_guarded() else 1
    with collector_paused():
        if workers < 2 or len(jobs) < PARALLEL_MIN_FILES:
            return [read_workbook(job, rules) for job in jobs]
        # Small chunks keep both workers busy to the end; each chunk is one round trip.
        chunk = max(1, min(16, len(jobs) // (workers * 4)))
        try:
            with ProcessPoolExecutor(
                workers, mp_context=_context(), initializer=_start_worker, initargs=(rules,)
            ) as pool:
                return list(pool.map(_read_in_worker, jobs, chunksize=chunk))
        except (BrokenProcessPool, OSError, NotImplementedError):
            # No worker processes here (a locked-down machine, a sandbox): read in this process.
            return [read_workbook(job, rules) for job in jobs]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while workbooks are read.

    Reading makes a great many short-lived objects (the XML of every sheet) and, in this
    process, keeps every bid read so far; each run of the collector re-examines all of them,
    yet finds nothing to free, as reading makes no reference cycles. Measured on 1,000 bid
    returns it took 3–6% of the loading time on one core. Memory is not at risk:
    objects are still freed the moment they are no longer used; only cycles wait, and the
    collector runs again when reading ends."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _start_worker(rules: BidRules | None) -> None:
    global _worker_rules
    _worker_rules = rules  # sent once per worker, not once per file


def _read_in_worker(job: Job) -> Any:
    return read_workbook(job, _worker_rules)


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
