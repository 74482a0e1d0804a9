"""Reading bid returns over several cores gives exactly what reading them one by one gives."""

from __future__ import annotations

import concurrent.futures
import sys
import time
import types
from pathlib import Path

import pytest

from tendereval.io import parallel
from tendereval.io.tender import load_tender
from tendereval.tender import Tender

from .builders import bid_workbook, good_tender


@pytest.fixture
def many_bids(tmp_path: Path) -> Path:
    """A tender with 10 bids (two of them faulty, one a duplicate) and a score sheet."""
    folder = good_tender(tmp_path / "tender")
    for i in range(6):
        bid_workbook(
            folder / "bids" / f"supplier-{i}.xlsx",
            f"Supplier {i} Ltd",
            rates={("L1", "hours"): 20 + i, ("L1", "visits"): 30 + i},
        )
    bid_workbook(folder / "bids" / "bad-rate.xlsx", "Bad Rate Ltd", cells={"Prices!G5": "lots"})
    (folder / "bids" / "not-a-workbook.xlsx").write_text("name,price\nA,1\n")
    # (Another return, not the same bytes: a copy would be one return read once.)
    bid_workbook(
        folder / "bids" / "zz-acme-again.xlsx", "Acme Care Ltd", rates={("L1", "hours"): 1}
    )
    return folder


def _load(folder: Path, monkeypatch: pytest.MonkeyPatch, min_files: int) -> Tender:
    """The tender loaded with a pool whenever it has ``min_files`` files (the pool's start
    taken as free, so the measured cost of a file always pays for it)."""
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "PARALLEL_MIN_FILES", min_files)
        patch.setattr(parallel, "PROBE_FILES", 2)
        patch.setattr(parallel, "POOL_START_SECONDS", 0.0)
        patch.setattr(parallel, "_measured_start", None)
        return load_tender(folder)


def test_parallel_and_sequential_loads_are_identical(
    many_bids: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sequential = _load(many_bids, monkeypatch, 10**6)
    pools: list[int] = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, workers, **kwargs):
            pools.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    together = _load(many_bids, monkeypatch, 2)
    assert pools == [1]  # one worker process beside this one, which reads too
    assert together.problems == sequential.problems
    codes = {p.code for p in sequential.problems}
    assert {"file.not_a_workbook", "bid.twice"} <= codes, codes
    for name in ("bids", "prices", "suppliers", "scores", "declarations", "inputs"):
        assert getattr(together, name).equals(getattr(sequential, name)), name
    assert sequential.bids.get_column("supplier").unique().sort().to_list() == [
        "Acme Care Ltd",
        "Bad Rate Ltd",
        "Bright Futures CIC",
        *(f"Supplier {i} Ltd" for i in range(6)),
        "not-a-workbook",  # an unreadable bid still counts as a bid, named after its file
    ]


def test_small_tenders_are_read_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = good_tender(tmp_path / "tender")
    jobs = [("bid", p, f"bids/{p.name}") for p in sorted((folder / "bids").glob("*.xlsx"))]

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for two files")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    raws = parallel.read_workbooks(jobs, workers=2)
    assert [r.source for r in raws] == ["bids/acme.xlsx", "bids/bright.xlsx"]


def test_falls_back_to_one_process_when_no_pool_can_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = good_tender(tmp_path / "tender")
    jobs = [("bid", p, f"bids/{p.name}") for p in sorted((folder / "bids").glob("*.xlsx"))]
    jobs += [("scores", folder / "scores" / "ann.xlsx", "scores/ann.xlsx")]

    def refuse(*args, **kwargs):
        raise OSError("process creation is not allowed here")

    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    raws = parallel.read_workbooks(jobs, workers=2)
    assert [r.source for r in raws] == ["bids/acme.xlsx", "bids/bright.xlsx", "scores/ann.xlsx"]
    assert raws[0].name.value == "Acme Care Ltd"


@pytest.mark.parametrize(
    ("script", "guarded"),
    [
        (
            'import tendereval\n\nif __name__ == "__main__":\n    tendereval.load_tender("t")\n',
            True,
        ),
        ("import tendereval\ntendereval.load_tender('t')\n", False),
        ('# if __name__ == "__main__": is only mentioned\nrun()\n', False),
    ],
)
def test_workers_are_used_only_when_the_main_script_is_guarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, guarded: bool
) -> None:
    # A worker imports the main script: an unguarded one would run again in every worker.
    path = tmp_path / "officer_script.py"
    path.write_text(script)
    main = types.ModuleType("__main__")
    main.__file__ = str(path)
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert parallel.main_is_guarded() is guarded


def test_a_notebook_has_no_main_script_and_may_use_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    assert parallel.main_is_guarded()


def test_an_unguarded_script_reads_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = good_tender(tmp_path / "tender")
    jobs = [("bid", p, f"bids/{p.name}") for p in sorted((folder / "bids").glob("*.xlsx"))] * 3
    path = tmp_path / "officer_script.py"
    path.write_text("import tendereval\ntendereval.load_tender('t')\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(path)
    monkeypatch.setitem(sys.modules, "__main__", main)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for an unguarded script")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert len(parallel.read_workbooks(jobs)) == 6


def test_the_cycle_collector_is_paused_while_reading_and_restored_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    folder = good_tender(tmp_path / "tender")
    jobs = [("bid", p, f"bids/{p.name}") for p in sorted((folder / "bids").glob("*.xlsx"))]
    seen = []
    read = parallel.read_workbook

    def spy(job, rules=None):
        seen.append(gc.isenabled())
        return read(job, rules)

    monkeypatch.setattr(parallel, "read_workbook", spy)
    assert gc.isenabled()
    parallel.read_workbooks(jobs, workers=1)
    assert seen == [False, False]
    assert gc.isenabled()

    def fail(job, rules=None):
        raise RuntimeError("a reader bug")

    monkeypatch.setattr(parallel, "read_workbook", fail)
    with pytest.raises(RuntimeError):
        parallel.read_workbooks(jobs, workers=1)
    assert gc.isenabled()  # restored on the way out of an error too

    gc.disable()
    try:
        with parallel.collector_paused():
            pass
        assert not gc.isenabled()  # a caller who had paused it keeps it paused
    finally:
        gc.enable()


def _jobs(tmp_path: Path, copies: int) -> list[parallel.Job]:
    folder = good_tender(tmp_path / "tender")
    files = sorted((folder / "bids").glob("*.xlsx"))
    return [("bid", p, f"bids/{i}/{p.name}") for i in range(copies) for p in files]


def test_the_pool_is_started_only_when_the_measured_cost_of_the_files_pays_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _jobs(tmp_path, 10)  # 20 small files: a few milliseconds each
    pools: list[int] = []

    def counted(workers, **kwargs):
        pools.append(workers)
        raise OSError("counted, not started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counted)
    monkeypatch.setattr(parallel, "_measured_start", None)
    monkeypatch.setattr(parallel, "POOL_START_SECONDS", 60.0)  # far more than 20 files take
    expected = [r.source for r in parallel.read_workbooks(jobs, workers=2)]
    assert pools == []
    monkeypatch.setattr(parallel, "POOL_START_SECONDS", 0.0)  # free: any work repays it
    assert [r.source for r in parallel.read_workbooks(jobs, workers=2)] == expected
    assert pools == [1]
    # Once a pool has been started, what it took is what later decisions weigh.
    monkeypatch.setattr(parallel, "_measured_start", 60.0)
    parallel.read_workbooks(jobs, workers=2)
    assert pools == [1]


def test_this_process_reads_from_the_front_while_the_workers_read_from_the_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _jobs(tmp_path, 30)
    expected = [(r.source, r.name.value) for r in parallel.read_workbooks(jobs, workers=1)]
    here: list[str] = []
    read = parallel.read_workbook

    def slow(job, rules=None):  # this process only: the workers import the module afresh
        here.append(job[2])
        time.sleep(0.02)
        return read(job, rules)

    monkeypatch.setattr(parallel, "read_workbook", slow)
    monkeypatch.setattr(parallel, "POOL_START_SECONDS", 0.0)
    monkeypatch.setattr(parallel, "_measured_start", None)
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    shared = parallel.read_workbooks(jobs, workers=2)
    assert [(r.source, r.name.value) for r in shared] == expected  # the same, in order
    assert here == [job[2] for job in jobs[: len(here)]]  # this process read from the front
    assert len(here) < len(jobs)  # and a worker read the rest from the back
    assert parallel._measured_start is not None


def test_a_pool_slow_to_start_does_not_hold_up_the_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _jobs(tmp_path, 6)

    class Stuck:
        """A pool whose workers never come up."""

        def __init__(self, *args, **kwargs):
            self.shut = False

        def submit(self, fn, *args):
            return concurrent.futures.Future()  # never done

        def shutdown(self, wait=True, cancel_futures=False):
            assert not wait
            self.shut = True

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Stuck)
    monkeypatch.setattr(parallel, "POOL_START_SECONDS", 0.0)
    monkeypatch.setattr(parallel, "_measured_start", None)
    start = time.perf_counter()
    raws = parallel.read_workbooks(jobs, workers=2)
    assert [r.source for r in raws] == [job[2] for job in jobs]  # all read here
    assert time.perf_counter() - start < 5
