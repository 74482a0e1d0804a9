"""Reading many workbooks over every core.

A national framework can have a thousand bid returns, each about a millisecond of pure Python
to read and check, so reading them one process at a time leaves the other cores idle; but
starting worker processes costs a few tenths of a second, which a hundred bid returns do not
repay. :func:`read_workbooks` therefore **measures before it decides**: it reads the first few
files in this process, and starts workers only when what the rest would take here (the
measured cost of a file times the files left) is well over what starting the pool costs (as
measured the first time this process started one; an estimate until then).

**The workers share the work with this process** rather than take it over: this process reads
files from the front of the list while the workers, once they are up, take chunks from the
back, and everything meets in the middle. So a pool slow to start, or a second core busy with
other work, costs this process almost nothing: it simply reads more of the files itself.
Either way :func:`read_workbooks` returns exactly what reading the files one by one in order
returns: the same contents, in the same order.

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
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

# (multiprocessing and the process pool are imported only when a pool is started, statistics
# only when files are measured: most tenders have too few files, and importing them took 5 ms
# of every run.)

# Fewer files than this are always read here: no measurement could show a pool paying off.
PARALLEL_MIN_FILES = 8
# Files read here first to measure what one costs (the first of them, which fills the
# readers' caches, is left out of the measure).
PROBE_FILES = 5
# What starting the pool costs until this process has measured it: the fork server, the
# workers importing the readers, the plan sent to each (0.15–0.3 s on the build machine).
POOL_START_SECONDS = 0.25
# The pool is started only when the files left would take this many times its start here.
POOL_PAYBACK = 2.0
# A chunk handed to a worker is about this much work: small enough that the last ones do
# not keep this process waiting, large enough that each round trip is worth it.
CHUNK_SECONDS = 0.015

Job = tuple[str, Path, str]  # ("bid" or "scores", path, label as named in problems)
# The plan, the social value measures, the digest of their proxy values, whether the table
# was read without errors and each measure's unit (see io/tender.py), for checking bids as
# they are read.
BidRules = tuple[Any, "dict[str, str] | None", "str | None", bool, "dict[str, str] | None"]

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
    jobs: Sequence[Job],
    workers: int | None = None,
    rules: BidRules | None = None,
    done: Callable[[int], None] | None = None,
) -> list[Any]:
    """Every job read (and each bid checked, when ``rules`` are given), in the order given.

    ``workers`` is how many processes may read, this one included; it defaults to the cores
    this process may use, or 1 when the program's main script could not safely be imported by
    a worker (see :func:`main_is_guarded`). Other processes are started only when the
    measured cost of the files pays for them (see the module's docstring). ``done`` is told
    how many files are read so far, as they are (to show progress)."""
    if workers is None:
        workers = available_cores() if main_is_guarded() else 1
    told = done or _nobody
    with collector_paused():
        if workers < 2 or len(jobs) < PARALLEL_MIN_FILES:
            return _one_by_one(jobs, rules, [], told)
        probe = min(PROBE_FILES, len(jobs))
        results: list[Any] = []
        seconds = []
        for job in jobs[:probe]:
            start = time.perf_counter()
            results.append(read_workbook(job, rules))
            seconds.append(time.perf_counter() - start)
            told(len(results))
        import statistics

        per_file = statistics.median(seconds[1:] or seconds)
        if per_file * (len(jobs) - probe) < POOL_PAYBACK * pool_start_seconds():
            return _one_by_one(jobs[probe:], rules, results, told)
        return _shared(jobs, results, workers - 1, per_file, rules, told)


def _one_by_one(
    jobs: Sequence[Job], rules: BidRules | None, results: list[Any], told: Callable[[int], None]
) -> list[Any]:
    """``results`` and each of ``jobs`` read in this process, in order."""
    for job in jobs:
        results.append(read_workbook(job, rules))
        told(len(results))
    return results


def _nobody(_count: int) -> None:
    pass


def pool_start_seconds() -> float:
    """What starting a pool costs: as measured here the last time, or the estimate."""
    return _measured_start if _measured_start is not None else POOL_START_SECONDS


_measured_start: float | None = None  # from creating a pool to its first worker being ready


def _shared(
    jobs: Sequence[Job],
    done: list[Any],
    helpers: int,
    per_file: float,
    rules: BidRules | None,
    told: Callable[[int], None],
) -> list[Any]:
    """The jobs after ``done`` read by this process from the front and by ``helpers`` worker
    processes, once they are up, in chunks from the back."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _measured_start
    results: list[Any] = done + [_NOT_READ] * (len(jobs) - len(done))
    front, back = len(done), len(jobs)  # this process reads jobs[front], workers below back
    read = len(done)  # by this process and the workers together
    chunk = max(1, min(64, round(CHUNK_SECONDS / max(per_file, 1e-6))))
    pending: dict[Future[list[Any]], int] = {}
    pool = None
    try:
        created = time.perf_counter()
        pool = ProcessPoolExecutor(
            helpers, mp_context=_context(), initializer=_start_worker, initargs=(rules,)
        )
        ready: list[Future[bool]] | None = [pool.submit(_ready) for _ in range(helpers)]
        while front < back:
            if ready is not None and any(f.done() for f in ready):
                if next(f for f in ready if f.done()).exception() is not None:
                    raise BrokenProcessPool("a worker did not start")
                ready = None
                _measured_start = time.perf_counter() - created
            if ready is None:
                for future in [f for f in pending if f.done()]:
                    chunk_read = future.result()
                    _place(results, pending.pop(future), chunk_read)
                    read += len(chunk_read)
                # Two chunks in hand per worker: one being read, one waiting.
                while len(pending) < 2 * helpers and back - chunk > front:
                    back -= chunk
                    pending[pool.submit(_read_chunk, jobs[back : back + chunk])] = back
            results[front] = read_workbook(jobs[front], rules)
            front += 1
            read += 1
            told(read)
        for future, at in pending.items():
            _place(results, at, future.result())
    except (BrokenProcessPool, OSError, NotImplementedError):
        # No worker process here (a locked-down machine, a sandbox), or one died: whatever
        # was not read yet is read in this process.
        pass
    finally:
        if pool is not None:
            # Not waited for: workers still starting when this process has read everything
            # (a busy machine) must not hold up the result; they stop on their own.
            pool.shutdown(wait=False, cancel_futures=True)
    return [
        read_workbook(job, rules) if result is _NOT_READ else result
        for job, result in zip(jobs, results, strict=True)
    ]


_NOT_READ = object()


def _place(results: list[Any], at: int, chunk: list[Any]) -> None:
    results[at : at + len(chunk)] = chunk


def _ready() -> bool:
    return True  # a worker that answers this has started and loaded the readers


def _read_chunk(jobs: Sequence[Job]) -> list[Any]:
    with collector_paused():
        return [read_workbook(job, _worker_rules) for job in jobs]


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
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
