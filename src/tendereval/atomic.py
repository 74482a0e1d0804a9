"""Write output files atomically: a crash mid-write leaves the previous file intact.

Every file tendereval writes (reports, summaries, templates, JSON, CSV) goes to a temporary
file in the target folder and is renamed into place only once it is complete.

A write killed outright (``kill -9``, a power cut) cannot remove its temporary file. Each
temporary file's name says which machine and process wrote it
(``.report.xlsx.<machine>-<process>-<random>.tmp``), and every write first removes the stale
ones in its folder: those of a process on this machine that is no longer running, and any
older than a day (from another machine sharing the folder, which cannot be asked). A set of
files written together (:func:`written_together`) removes them once in each folder it writes
to, at its first file there: the folder then holds the set's own temporary files too, never
stale while it runs, and looking again at every one of them for each new file made 1,000
summaries cost half a million checks (2,000: over a minute).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tendereval.output_errors import OutputNotWritten


class SetNotWritten(OutputNotWritten):
    """One file of a set written together (:func:`written_together`) could not be put in
    place, so none of the set was: the folder holds what it held before."""

    def __init__(self, path: Path, cause: OSError, count: int):
        super().__init__(path, cause)
        self.count = count

    def advice(self) -> str:
        return (
            super().advice()
            + f" None of the {self.count:,} files written together was changed: the folder "
            "holds what it held before this run, every file of it from the same earlier run."
        )


class OutputsNotWritten(OutputNotWritten):
    """Several outputs of one run could not be written (:class:`WrittenInTurn`; those that
    could be were): each is said with its reason."""

    def __init__(self, failed: list[OutputNotWritten]):
        super().__init__(failed[0].path, failed[0])
        self.failed = failed

    def advice(self) -> str:
        return "\n".join(failed.advice() for failed in self.failed)


class WrittenInTurn:
    """The outputs of one run written in turn, each whatever became of those before it: a
    JSON file that could not be written stopped the CSV and the report being written. A file
    that cannot be written is kept to be said at the end (:meth:`finish`)."""

    def __init__(self) -> None:
        self.failed: list[OutputNotWritten] = []

    def write(self, write: Callable[[], object]) -> bool:
        """Run ``write``, which writes one output: whether its file was written."""
        try:
            write()
        except OutputNotWritten as exc:
            self.failed.append(exc)
            return False
        return True

    def finish(self) -> None:
        """Raise what kept a file from being written: the one :class:`OutputNotWritten`, or
        :class:`OutputsNotWritten` naming each when there were more."""
        if len(self.failed) == 1:
            raise self.failed[0]
        if self.failed:
            raise OutputsNotWritten(self.failed)


@contextmanager
def replacing(path: str | Path) -> Iterator[BinaryIO]:
    """Yield a binary handle whose contents replace ``path`` when the block ends without error.

    The temporary file sits beside ``path`` (a rename within one folder is atomic) and is
    removed if anything goes wrong, so no half-written file is ever left behind. A failure to
    write raises :class:`OutputNotWritten`.
    """
    with _staged(Path(path)) as (out, temp):
        yield out
    _put_in_place(temp, Path(path))


@contextmanager
def _staged(path: Path, cleared: set[Path] | None = None) -> Iterator[tuple[BinaryIO, Path]]:
    """A handle on a new temporary file beside ``path`` and its name; the file is complete
    (flushed to disk, readable by others) when the block ends, and removed if it fails.
    ``cleared``: as :func:`_temporary`."""
    temp = _temporary(path, cleared)
    try:
        with open(temp, "wb") as out:
            yield out, temp
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; an output is an ordinary document.
        os.chmod(temp, 0o644)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputNotWritten):
            raise OutputNotWritten(path, exc) from exc
        raise


def _temporary(path: Path, cleared: set[Path] | None = None) -> Path:
    """A new empty file beside ``path``, named as :func:`remove_stale_temporary_files` knows,
    once the stale temporary files in its folder are removed. ``cleared``: the folders a set of
    files written together has removed them from already (this one is added), where they are
    not looked for again."""
    try:
        _make_folder(path.parent)
        if cleared is None or path.parent not in cleared:
            remove_stale_temporary_files(path.parent)
            if cleared is not None:
                cleared.add(path.parent)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{_MACHINE}-{os.getpid()}-", suffix=".tmp", dir=path.parent
        )
        os.close(handle)
    except OSError as exc:
        raise OutputNotWritten(path, exc) from exc
    return Path(temp_name)


def _put_in_place(temp: Path, path: Path) -> None:
    try:
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputNotWritten(path, exc) from exc


@dataclass(eq=False)
class _Put:
    """One file of a set, to be put at ``place`` with the rest."""

    source: Path  # the file put there
    place: Path
    # A temporary file the set wrote, removed if the set is not put in place; else a file
    # already kept (a summary sent, kept aside), moved back where it was.
    ours: bool = True
    # Where the file at ``place`` before goes, kept (else it is removed once the set is in).
    earlier_to: Path | None = None


class Together:
    """Files written as one set (:func:`written_together`): each is written aside, and all are
    put in place at the end, or none."""

    def __init__(self) -> None:
        self._staged: list[_Put] = []
        # The folders whose stale temporary files the set has removed: once each is enough
        # (any left by a run that died before this set began), and each file of the set would
        # otherwise look again at every temporary file the set has made there.
        self._cleared: set[Path] = set()

    @contextmanager
    def replacing(self, path: str | Path) -> Iterator[BinaryIO]:
        """As :func:`replacing`, but ``path`` is replaced only when the whole set is."""
        with _staged(Path(path), self._cleared) as (out, temp):
            yield out
        self._staged.append(_Put(temp, Path(path)))

    def written(self) -> list[tuple[Path, Path]]:
        """(the file written aside, its place) for each file of the set this run wrote."""
        return [(put.source, put.place) for put in self._staged if put.ours]

    def leave(self, place: Path) -> None:
        """Put nothing at ``place``: the file there stays as it is (the file written for it
        is removed)."""
        for put in [put for put in self._staged if put.place == place]:
            self._staged.remove(put)
            if put.ours:
                put.source.unlink(missing_ok=True)

    def move_in(self, place: Path, source: Path) -> None:
        """Put the existing file ``source`` at ``place`` instead of the file written for it;
        moved back to ``source`` if the set is not put in place."""
        self.leave(place)
        self._staged.append(_Put(source, place, ours=False))

    def keep_earlier(self, place: Path, at: Path) -> None:
        """Keep the file at ``place`` before at ``at`` (a new name in an existing folder)
        when the set is put in place, rather than remove it; put back if the set is not."""
        for put in self._staged:
            if put.place == place:
                put.earlier_to = at

    def put_in_place(self) -> None:
        """Replace every file of the set. The earlier file at each place is renamed aside
        first (a file open in Excel, or read-only, refuses that), so when one cannot be
        replaced, those already replaced are put back and :class:`SetNotWritten` raised."""
        done: list[tuple[_Put, Path | None]] = []  # (the file put, the earlier set aside)
        count = len(self._staged)
        for put in self._staged:
            earlier = None
            try:
                if put.place.exists() or put.place.is_symlink():
                    earlier = put.earlier_to or _temporary(put.place, self._cleared)
                    os.replace(put.place, earlier)
                done.append((put, earlier))
                os.replace(put.source, put.place)
            except BaseException as exc:  # Ctrl-C too: the set is put back as it was
                if earlier is not None and (put, earlier) not in done:
                    # Stopped before the earlier file was set aside (the empty name made for
                    # it, never used), or just after (Ctrl-C lands between two steps: the
                    # earlier file is there now, and is put back with the rest). Which, the
                    # folder says: the place is empty once the earlier file has gone aside.
                    if not (put.place.exists() or put.place.is_symlink()):
                        done.append((put, earlier))
                    elif put.earlier_to is None:
                        earlier.unlink(missing_ok=True)
                self._put_back(done)
                self.discard()
                if isinstance(exc, OSError):
                    raise SetNotWritten(put.place, exc, count) from exc
                raise
        for put, earlier in done:
            if earlier is not None and put.earlier_to is None:
                earlier.unlink(missing_ok=True)
        self._staged = []

    @staticmethod
    def _put_back(done: list[tuple[_Put, Path | None]]) -> None:
        for put, earlier in reversed(done):
            try:
                if not put.ours and put.place.exists() and not put.source.exists():
                    os.replace(put.place, put.source)
                if earlier is not None:
                    os.replace(earlier, put.place)
                elif put.ours:
                    put.place.unlink(missing_ok=True)
            except OSError:
                pass  # left aside under a temporary name, removed as stale by a later run

    def discard(self) -> None:
        """Remove the files the set wrote aside; those it was to move stay where they are."""
        for put in self._staged:
            if put.ours:
                put.source.unlink(missing_ok=True)
        self._staged = []


@contextmanager
def written_together() -> Iterator[Together]:
    """Write a set of files all or none: the assessment summaries a run writes are one set,
    sent together. Written one by one into place, a run stopped part-way (a summary open in
    Excel, Ctrl-C) left some suppliers' summaries from this run beside others' from an earlier
    one, nothing saying so, each looking ready to send."""
    together = Together()
    try:
        yield together
    except BaseException:
        together.discard()
        raise
    together.put_in_place()


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        # Something of that name that is no folder: "File exists" said nothing of what to do.
        raise OSError(
            errno.ENOTDIR, f"{folder} is not a folder (a file, or a link that leads nowhere)"
        ) from exc


def remove_stale_temporary_files(folder: Path) -> list[Path]:
    """Remove the temporary files that interrupted writes left in ``folder``; returns them.
    Only files named as :func:`replacing` names them are touched, and never one whose writer
    may still be running."""
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(".")]
    except OSError:
        return removed
    for temp in candidates:
        match = _TEMPORARY.fullmatch(temp.name)
        if match is None or not _stale(match["machine"], int(match["process"]), temp):
            continue
        try:
            temp.unlink()
            removed.append(temp)
        except OSError:
            pass  # gone already, or not ours to remove: the write itself goes on
    return removed


def _stale(machine: str, process: int, temp: Path) -> bool:
    try:
        age = time.time() - temp.stat().st_mtime
    except OSError:
        return False
    if age > _A_DAY:
        return True
    if machine != _MACHINE or os.name != "posix":
        return False  # another machine's process cannot be asked (nor, on Windows, safely)
    if process == os.getpid():
        return False
    try:
        os.kill(process, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists, run by another user
    return False


_A_DAY = 24 * 3600
# Which machine wrote a temporary file: a short digest of its name, safe in any file name.
_MACHINE = hashlib.blake2b(socket.gethostname().encode(), digest_size=4).hexdigest()
_TEMPORARY = re.compile(r"\..+\.(?P<machine>[0-9a-f]{8})-(?P<process>\d+)-[a-z0-9_]+\.tmp")


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` atomically."""
    with replacing(path) as out:
        out.write(data)
    return Path(path)


def write_text(path: str | Path, text: str) -> Path:
    """Replace ``path`` with ``text`` (UTF-8) atomically."""
    return write_bytes(path, text.encode("utf-8"))
