"""One run at a time in a folder whose files a run reads, compares and moves as one set.

Two ``tendereval summaries`` runs at once in a folder of summaries recorded as sent each
compared the summaries there and moved them about: one moved a sent summary aside while the
other moved it back or over another, and the sent summaries were lost, while a run said it had
kept them byte for byte. The second run now stops before it reads the folder, saying another
is writing there; the folder is as the first run leaves it.

The lock is held by the operating system on an open file in the folder
(``.tendereval-lock``), so a run killed outright (``kill -9``, a power cut) holds it no more:
the next run takes it. The file is removed when the run ends, as the folder is sent on.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tendereval.atomic import OutputNotWritten

LOCK_FILE = ".tendereval-lock"


class FolderInUse(OutputNotWritten):
    """Another run is writing to the folder: this one changed nothing in it."""

    def __init__(self, folder: Path, holder: str):
        super().__init__(folder / LOCK_FILE, OSError(0, "another run is writing there"))
        self.folder, self.holder = folder, holder

    def advice(self) -> str:
        by = f" ({self.holder})" if self.holder else ""
        return (
            f"Another tendereval run is writing to {self.folder}{by}: this run changed nothing "
            "there. Wait for it to finish, then run this command again."
        )


class LockInTheWay(OutputNotWritten):
    """Something other than a file stands at the lock's name (a folder, a link): the lock
    cannot be taken there, nor is it written through a link to wherever it leads."""

    def __init__(self, folder: Path):
        super().__init__(folder / LOCK_FILE, OSError(0, "not the lock file tendereval makes"))
        self.folder = folder

    def advice(self) -> str:
        return (
            f"{self.path} is a folder or a link, not the lock file tendereval makes, so this "
            "run cannot tell whether another is writing there: it changed nothing. Remove it, "
            "then run this command again."
        )


# A link at the lock's name is not followed (its target would be written over).
_NO_LINK = getattr(os, "O_NOFOLLOW", 0)


@contextmanager
def only_run(folder: Path) -> Iterator[None]:
    """Hold ``folder`` for this run alone; :class:`FolderInUse` when another run holds it,
    :class:`LockInTheWay` when a folder or link has the lock's name. A folder that cannot
    hold the lock (read-only, a file in its place, a share that has no locks) is left to the
    writes themselves, which say what they cannot do."""
    lock = folder / LOCK_FILE
    handle = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = _taken(lock, folder)
    except (FolderInUse, LockInTheWay):
        raise
    except OSError:
        pass
    try:
        yield
    finally:
        if handle is not None:
            _given_up(lock, handle)


def _taken(lock: Path, folder: Path) -> int:
    """The lock file, open and locked. A run that opened the file as another removed it holds
    a file no longer in the folder: it opens the one there again."""
    while True:
        handle = _opened(lock, folder)
        try:
            held = _lock(handle)
        except OSError:
            os.close(handle)
            raise
        if not held:
            holder = _holder(handle)
            os.close(handle)
            raise FolderInUse(folder, holder)
        try:
            if os.path.samestat(os.fstat(handle), os.stat(lock)):
                break
        except FileNotFoundError:
            pass
        os.close(handle)
    try:  # who holds it, for a second run to say
        os.ftruncate(handle, 0)
        os.write(handle, f"process {os.getpid()} on {socket.gethostname()}".encode())
    except OSError:
        pass  # a full disk: the lock holds all the same
    return handle


def _opened(lock: Path, folder: Path) -> int:
    """The lock file, open. Made readable and writable by every account the folder's own
    settings allow (another officer's run on a shared folder must be able to open it); one
    another account made and this one may not write is opened to read, which locks as well
    (before, a second officer's run could not open it, took that for a folder that cannot
    hold a lock, and ran beside the first). A folder or link at its name: LockInTheWay."""
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT | _NO_LINK, 0o666)
    except OSError as exc:
        try:
            found = os.lstat(lock)
        except OSError:
            raise exc from None  # nothing there: the folder takes no new file
        if not stat.S_ISREG(found.st_mode):
            raise LockInTheWay(folder) from exc
        return os.open(lock, os.O_RDONLY | _NO_LINK)


def _given_up(lock: Path, handle: int) -> None:
    try:
        if os.name == "posix":  # removed while still held: no other run takes the old file
            lock.unlink(missing_ok=True)
        os.close(handle)
        lock.unlink(missing_ok=True)  # (Windows removes no file that is open)
    except OSError:
        pass  # left in the folder: the next run takes it, and removes it


def _holder(handle: int) -> str:
    try:
        return os.pread(handle, 200, 0).decode(errors="replace")
    except (OSError, AttributeError):  # (no pread on Windows)
        return ""


def _lock(handle: int) -> bool:
    """Whether this run now holds ``handle``'s lock (False: another run does); never waits.
    An OSError for a file system that cannot lock."""
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except PermissionError:  # (Windows: "Permission denied" for a range locked)
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
