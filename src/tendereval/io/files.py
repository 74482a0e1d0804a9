"""Reading an input file's bytes once, safely, whatever is at its path.

Every input (a bid return, a score sheet, the plan, a proxy table, a CSV of the consolidated
form) is read through :func:`read_input`, which promises:

* **one read**: the bytes returned are the bytes parsed and the bytes hashed, so the SHA-256
  recorded for the audit trail is of exactly what was scored, even if the file is replaced
  while tendereval runs;
* **size before bytes**: the size is checked on the open file before anything is read, and
  never more than ``limit + 1`` bytes are read (a file growing meanwhile cannot slip past);
  a file over the limit is not read at all;
* **only regular files**: a named pipe, a device, a socket or a broken link is reported by
  name and never read (opening a pipe is non-blocking, so it cannot hang the run);
* **per-file isolation**: any operating-system error (no permission, deleted mid-run, a
  disk error) becomes a :class:`~tendereval.errors.Problem` naming the file; the run goes on.

Standard library only: the bid readers run this in worker processes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from tendereval.errors import Problem, Severity


@dataclass(frozen=True)
class Fingerprint:
    """What the audit trail records of an input: the SHA-256 and size of the bytes read; and
    their CRC-32, which a zip records of each entry, so that a file read in bids/ is matched
    to a workbook an archive holds by the bytes read, never by reading the file again."""

    sha256: str
    size: int
    crc32: int


@dataclass(frozen=True)
class InputFile:
    """An input's bytes, read once, and their fingerprint."""

    data: bytes
    fingerprint: Fingerprint


def read_input(path: Path, label: str, limit: int, what: str = "file") -> InputFile | Problem:
    """The bytes of ``path`` (named ``label`` in problems), or the problem that stops them
    being read. ``limit`` is the largest size accepted, in bytes; a larger file gives a problem
    with code ``file.too_large`` and its size as ``found``."""
    # Looked at before opening, as opening some devices does something (a tape rewinds); and
    # again once open, in case the entry was swapped in between.
    kind = entry_kind(path)
    if kind is not None:
        return not_a_regular_file(label, kind)
    try:
        with _opened(path) as (descriptor, info):
            if not stat.S_ISREG(info.st_mode):
                return not_a_regular_file(label, kind_of(info.st_mode))
            if info.st_size > limit:
                return too_large(label, info.st_size, limit, what)
            chunks = []
            left = limit + 1
            while left > 0:
                chunk = os.read(descriptor, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            data = b"".join(chunks)
    except OSError as exc:
        return unreadable(label, exc, what)
    if len(data) > limit:  # the file grew after its size was checked
        return too_large(label, len(data), limit, what)
    return InputFile(
        data, Fingerprint(hashlib.sha256(data).hexdigest(), len(data), zlib.crc32(data))
    )


class FileState(NamedTuple):
    """What changes when a file is written or replaced: which file it is, its size and the
    times it was last written and changed (the last set by the system, never by a copy)."""

    device: int
    inode: int
    size: int
    written_ns: int
    changed_ns: int


def state_of(info: os.stat_result) -> FileState:
    """The state of a file, from what ``os.stat`` (or ``os.fstat``) says of it."""
    return FileState(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class Hashed(NamedTuple):
    """A file's fingerprint and its state as it was read; neither when it is not an ordinary
    file or cannot be read, and no fingerprint when it changed while it was read."""

    fingerprint: Fingerprint | None
    state: FileState | None
    changed: bool = False


def fingerprint_of(path: Path) -> Hashed:
    """The SHA-256 and size of the file at ``path``, read through a megabyte at a time (an
    archive of every response can be larger than any workbook, and is never held whole), and
    its state as it was read: one written meanwhile (a download still running) has no
    fingerprint. For a file recorded but not read (an archive in bids/): one that is read is
    fingerprinted by :func:`read_input`."""
    if entry_kind(path) is not None:
        return Hashed(None, None)
    digest = hashlib.sha256()
    crc = size = 0
    try:
        with _opened(path) as (descriptor, info):
            if not stat.S_ISREG(info.st_mode):
                return Hashed(None, None)
            while chunk := os.read(descriptor, 1 << 20):
                digest.update(chunk)
                crc = zlib.crc32(chunk, crc)
                size += len(chunk)
            after = os.fstat(descriptor)
    except OSError:
        return Hashed(None, None)
    if state_of(after) != state_of(info) or size != info.st_size:
        return Hashed(None, None, changed=True)
    return Hashed(Fingerprint(digest.hexdigest(), size, crc), state_of(info))


def entry_kind(path: Path) -> str | None:
    """What is at ``path`` when it is not a regular file or a folder (following links): "a
    named pipe", "a device", "a socket", "a broken link"; None for a file or a folder, and
    for a path that vanished (reading it will say so)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a broken link" if path.is_symlink() else None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that leads back to itself"
        return None  # reading it will name the error
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return kind_of(mode)


def begins_with(path: Path, signature: bytes) -> bool:
    """Whether ``path`` is a regular file whose first bytes are ``signature``: no more than
    those bytes are read, and a pipe, a device or an unreadable file is simply not one."""
    if entry_kind(path) is not None:
        return False
    try:
        with _opened(path) as (descriptor, info):
            return stat.S_ISREG(info.st_mode) and os.read(descriptor, len(signature)) == signature
    except OSError:
        return False


@contextmanager
def regular_file(path: Path) -> Iterator[BinaryIO | None]:
    """``path`` opened for reading in binary when it is a regular file, None when it is not
    (a pipe, a device, a folder), opened as :func:`begins_with` opens it: never blocking."""
    if entry_kind(path) is not None:
        yield None
        return
    with _opened(path) as (descriptor, info):
        if not stat.S_ISREG(info.st_mode):
            yield None
            return
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            yield file


@contextmanager
def _opened(path: Path) -> Iterator[tuple[int, os.stat_result]]:
    """``path`` opened for reading, and what it is once open (it may have been swapped since
    it was looked at): without blocking on a pipe, or taking a terminal as the controlling
    one."""
    descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY | _BINARY)
    try:
        yield descriptor, os.fstat(descriptor)
    finally:
        os.close(descriptor)


def kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not an ordinary file"


def unreadable(label: str, exc: OSError, what: str = "file") -> Problem:
    reason = {
        PermissionError: "tendereval is not allowed to read it",
        FileNotFoundError: "it was moved or deleted while tendereval was running",
        IsADirectoryError: "it is a folder",
    }.get(type(exc), exc.strerror or exc.__class__.__name__)
    return Problem(
        f"the {what} could not be read: {reason}",
        file=label,
        found=exc.strerror or str(exc),
        expected="a file tendereval can read: check its permissions, that it is not open in "
        "another program, and that it is still in the folder, then run again",
        code="file.unreadable",
    )


def not_a_regular_file(label: str, kind: str) -> Problem:
    return Problem(
        f"this is {kind}, not a file, so it was not read",
        file=label,
        expected="an ordinary file saved in the folder (replace the link or special file "
        "with the file itself)",
        code="file.not_a_file",
    )


def too_large(label: str, size: int, limit: int, what: str = "file") -> Problem:
    return Problem(
        f"the {what} is too large to be what it should be, so it was not read",
        file=label,
        found=f"{size:,} bytes",
        expected=f"a {what} of at most {limit:,} bytes; ask the sender for the real file",
        code="file.too_large",
        severity=Severity.ERROR,
    )


# Opening a named pipe for reading waits for a writer unless non-blocking; a terminal device
# must never become the controlling terminal. Neither flag exists on Windows (nor is needed).
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_BINARY = getattr(os, "O_BINARY", 0)
