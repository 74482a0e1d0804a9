"""The archives recorded among the inputs (the portal's zip beside bids/, an archive in
bids/ or scores/), each looked into only while it holds the very bytes whose SHA-256 is
recorded.

An archive is never held whole (a portal's zip of every response can be larger than any
workbook), so it is fingerprinted by one read and looked into by another. In between a sync
client or a second download may replace it: the report recorded the SHA-256 of a zip
holding a late bid while the zip looked into held none, and the summaries "may be sent". So
each look checks, on the file it opened, that it is the file fingerprinted and unchanged
(the same file, size and times) before it reads and once it has read; one that changed is
an error holding the award, and is recorded with no fingerprint rather than a wrong one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tendereval.errors import Problem
from tendereval.io.files import Fingerprint, Hashed, fingerprint_of, regular_file, state_of


class ReceivedArchives:
    """The archives at ``paths``, each fingerprinted once, as they are recorded."""

    def __init__(self, paths: list[Path]) -> None:
        self._hashed: dict[Path, Hashed] = {path: fingerprint_of(path) for path in paths}
        self._changed = {path for path, hashed in self._hashed.items() if hashed.changed}

    def fingerprint(self, path: Path) -> Fingerprint | None:
        """The fingerprint recorded for the archive at ``path``: None when it could not be
        read, or changed between being fingerprinted and looked into."""
        hashed = self._hashed.get(path)
        return None if hashed is None or path in self._changed else hashed.fingerprint

    def changed(self, path: Path) -> bool:
        """Whether the archive at ``path`` changed while it was fingerprinted or looked into."""
        return path in self._changed

    @contextmanager
    def opened(self, path: Path) -> Iterator[BinaryIO | None]:
        """``path`` opened to be looked into (None when it is not an ordinary file); an
        archive recorded is None, and marked as changed, when it is no longer the file
        fingerprinted, and marked so too when it changed while it was looked into."""
        hashed = self._hashed.get(path)
        with regular_file(path) as file:
            if hashed is None or file is None or (hashed.state is None and not hashed.changed):
                yield file  # (not recorded, or recorded as not read: nothing to check)
                return
            if path in self._changed or state_of(os.fstat(file.fileno())) != hashed.state:
                self._changed.add(path)
                yield None
                return
            yield file
            if state_of(os.fstat(file.fileno())) != hashed.state or _state(path) != hashed.state:
                self._changed.add(path)

    def said(self, problems: list[Problem], labels: dict[Path, str]) -> list[Problem]:
        """``problems``, but those of an archive of ``labels`` (its path and how it is named)
        that changed while it was read, with an error for each such archive instead: what
        was found in it is not known to be in the bytes fingerprinted."""
        changed = {label: path for path, label in labels.items() if self.changed(path)}
        return [p for p in problems if p.file not in changed] + [
            changed_while_read(label) for label in changed
        ]


def _state(path: Path) -> object:
    try:
        return state_of(path.stat())
    except OSError:
        return None  # gone since it was looked into: not the file fingerprinted


def changed_while_read(label: str) -> Problem:
    """The error for an archive that changed between being fingerprinted and looked into (or
    while it was): what it holds may not be what its recorded fingerprint says."""
    return Problem(
        "this archive changed while it was read: a download or sync still running? wait until "
        "it has finished and score again",
        file=label,
        expected="an archive that stays as it is while tendereval reads it, so that the "
        "SHA-256 recorded for it is of the very bytes looked into",
        code="file.changed_while_read",
    )
