"""The lock that keeps a second run out of a folder of summaries while one writes there.

Found by a red team: a second officer's run on a shared folder could not open the first
officer's lock file (made readable by its owner alone), took that for a folder that cannot
hold a lock, and ran beside the first; a link at the lock's name had its target written over.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tendereval import folder_lock
from tendereval.folder_lock import LOCK_FILE, FolderInUse, LockInTheWay, only_run

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="links and flock on POSIX")

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from tendereval.folder_lock import only_run\n"
    "with only_run(Path(sys.argv[1])):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(60)\n"
)


@POSIX_ONLY
def test_a_lock_another_account_may_only_read_still_keeps_a_second_run_out(
    tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "summaries"
    folder.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        opened = os.open

        def as_another_account(path, flags, *args):
            # The lock file is the first run's, readable by this account and no more.
            if Path(path).name == LOCK_FILE and flags & (os.O_RDWR | os.O_WRONLY):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return opened(path, flags, *args)

        monkeypatch.setattr(folder_lock.os, "open", as_another_account)
        with pytest.raises(FolderInUse), only_run(folder):
            pytest.fail("ran beside the run holding the folder")
    finally:
        holder.kill()
        holder.wait()
    # Once that run has gone, its lock file (still there, still not writable) is taken.
    with only_run(folder):
        pass


def test_the_lock_file_is_made_for_every_account_the_folder_allows(tmp_path: Path) -> None:
    folder = tmp_path / "summaries"
    mask = os.umask(0o002)
    try:
        with only_run(folder):
            mode = (folder / LOCK_FILE).stat().st_mode & 0o777
    finally:
        os.umask(mask)
    assert mode == 0o664 or os.name != "posix"


@POSIX_ONLY
def test_a_link_at_the_locks_name_is_not_written_through(tmp_path: Path) -> None:
    folder = tmp_path / "summaries"
    folder.mkdir()
    register = tmp_path / "contract register.txt"
    register.write_text("the buyer's contract register: 120 rows")
    (folder / LOCK_FILE).symlink_to(register)
    with pytest.raises(LockInTheWay) as raised, only_run(folder):
        pytest.fail("ran with a link for its lock")
    assert register.read_text() == "the buyer's contract register: 120 rows"
    assert "is a folder or a link, not the lock file tendereval makes" in raised.value.advice()
    assert (folder / LOCK_FILE).is_symlink()  # left for the officer to remove


def test_a_folder_at_the_locks_name_is_said(tmp_path: Path) -> None:
    folder = tmp_path / "summaries"
    (folder / LOCK_FILE).mkdir(parents=True)
    with pytest.raises(LockInTheWay), only_run(folder):
        pytest.fail("ran with a folder for its lock")
