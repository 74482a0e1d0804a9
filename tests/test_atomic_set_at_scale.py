"""A set of files written together (``atomic.written_together``) at the scale of a large tender.

Found by a scale review: every new temporary file first removed the stale ones in its folder,
looking at each dot-file there, and the folder held every temporary file the set had already
made, so N summaries cost N²/2 checks (fsync aside: 1,000 summaries 4–20 s, 2,000 over a
minute). Stale temporary files are now removed once in each folder a set writes to, still
before its first file there, and never one of a set still being written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tendereval import atomic
from tests.cpu_time import cpu_seconds

# Whether a process is running is asked only on POSIX systems.
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="processes asked on POSIX only")


def _leftover(folder: Path, name: str, process: int) -> Path:
    """A temporary file as a run by ``process`` on this machine names it."""
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".{name}.{atomic._MACHINE}-{process}-abc123.tmp"
    temp.write_bytes(b"half a summary")
    return temp


def _last_pid() -> int:
    """The number of a process on this machine that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_thousand_files_written_together_take_no_more_than_their_writing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # the scans alone, not the disk
    folder = tmp_path / "summaries"
    start = cpu_seconds()
    with atomic.written_together() as together:
        for i in range(1000):
            with together.replacing(folder / f"Provider {i:04d} summary.xlsx") as out:
                out.write(b"x")
    spent = cpu_seconds() - start
    assert len(list(folder.iterdir())) == 1000
    # About 0.1 s; it was 4 s on an idle machine (N²/2 = 500,000 staleness checks).
    assert spent < 1.5, f"{spent:.1f} processor seconds"


def test_stale_files_are_looked_for_once_in_each_folder_of_a_set(tmp_path, monkeypatch):
    looked: list[Path] = []
    remove = atomic.remove_stale_temporary_files

    def counted(folder: Path) -> list[Path]:
        looked.append(folder)
        return remove(folder)

    monkeypatch.setattr(atomic, "remove_stale_temporary_files", counted)
    first, second = tmp_path / "lot 1", tmp_path / "lot 2"
    for folder in (first, second):  # each file there before: set aside when the set goes in
        folder.mkdir()
        for i in range(5):
            (folder / f"s{i}.xlsx").write_bytes(b"earlier")
    with atomic.written_together() as together:
        for i in range(5):
            for folder in (first, second):
                with together.replacing(folder / f"s{i}.xlsx") as out:
                    out.write(b"now")
    assert sorted(looked) == [first, second]
    for folder in (first, second):
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
            f"s{i}.xlsx": b"now" for i in range(5)
        }


@POSIX_ONLY
def test_a_crashed_runs_leftovers_are_removed_by_the_next_set(tmp_path):
    folder = tmp_path / "summaries"
    dead = _leftover(folder, "A summary.xlsx", _last_pid())
    old = _leftover(folder, "B summary.xlsx", 1)  # another machine's, or long ago: a day old
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    with atomic.written_together() as together:
        with together.replacing(folder / "A summary.xlsx") as out:
            out.write(b"now")
        assert not dead.exists() and not old.exists()
    assert [p.name for p in folder.iterdir()] == ["A summary.xlsx"]


def test_a_set_being_written_never_loses_its_files_to_another(tmp_path):
    folder = tmp_path / "summaries"
    with atomic.written_together() as first:
        with first.replacing(folder / "A summary.xlsx") as out:
            out.write(b"first")
        # A second set in the same folder (a notebook, another run): the first one's file,
        # of a process still running, is no leftover.
        with atomic.written_together() as second:
            for name in ("B summary.xlsx", "C summary.xlsx"):
                with second.replacing(folder / name) as out:
                    out.write(b"second")
        [(staged, _)] = first.written()
        assert staged.exists()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        "A summary.xlsx": b"first",
        "B summary.xlsx": b"second",
        "C summary.xlsx": b"second",
    }


@POSIX_ONLY
def test_another_live_runs_temporary_file_is_kept(tmp_path):
    folder = tmp_path / "summaries"
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = _leftover(folder, "A summary.xlsx", live.pid)
        with (
            atomic.written_together() as together,
            together.replacing(folder / "B summary.xlsx") as out,
        ):
            out.write(b"now")
        assert theirs.exists()
    finally:
        live.kill()
        live.wait()


@pytest.mark.parametrize("kept_at", [None, "superseded"])
def test_ctrl_c_just_after_an_earlier_file_is_set_aside_loses_nothing(
    tmp_path, monkeypatch, kept_at
):
    """Red team: Ctrl-C landing just after a summary was set aside under its temporary name,
    before the set noted it, deleted that summary as 'the empty name made for it'. The folder
    had 5 summaries and was left with 4."""
    folder = tmp_path / "summaries"
    folder.mkdir()
    for name in ("A.xlsx", "B.xlsx"):
        (folder / name).write_bytes(b"earlier " + name.encode())
    replace = os.replace
    moved: list[str] = []

    def interrupted(source, target):
        replace(source, target)
        moved.append(str(source))
        if Path(source) == folder / "B.xlsx":  # the second earlier file, just set aside
            raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt), atomic.written_together() as together:
        for name in ("A.xlsx", "B.xlsx"):
            with together.replacing(folder / name) as out:
                out.write(b"now")
            if kept_at:
                (tmp_path / kept_at).mkdir(exist_ok=True)
                together.keep_earlier(folder / name, tmp_path / kept_at / name)
    assert str(folder / "B.xlsx") in moved
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        "A.xlsx": b"earlier A.xlsx",
        "B.xlsx": b"earlier B.xlsx",
    }
