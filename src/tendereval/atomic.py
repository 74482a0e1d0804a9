"""Write output files atomically: a crash mid-write leaves the previous file intact.

Every file tendereval writes (reports, summaries, templates, JSON, CSV) goes to a temporary
file in the target folder and is renamed into place only once it is complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


class OutputNotWritten(OSError):
    """An output file could not be written: its folder cannot be made or written to, the file
    is open in another program (Excel locks what it has open), or the disk is full. The
    command line reports it in words, never as a crash."""

    def __init__(self, path: Path, cause: OSError):
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.path = path

    def advice(self) -> str:
        return (
            f"Could not write {self.path}: {self.strerror}. Is it open in Excel, or is the "
            "folder read-only? Close it, or choose another file name, and run the command again."
        )


@contextmanager
def replacing(path: str | Path) -> Iterator[BinaryIO]:
    """Yield a binary handle whose contents replace ``path`` when the block ends without error.

    The temporary file sits beside ``path`` (a rename within one folder is atomic) and is
    removed if anything goes wrong, so no half-written file is ever left behind. A failure to
    write raises :class:`OutputNotWritten`.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise OutputNotWritten(path, exc) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; an output is an ordinary document.
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputNotWritten):
            raise OutputNotWritten(path, exc) from exc
        raise


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` atomically."""
    with replacing(path) as out:
        out.write(data)
    return Path(path)


def write_text(path: str | Path, text: str) -> Path:
    """Replace ``path`` with ``text`` (UTF-8) atomically."""
    return write_bytes(path, text.encode("utf-8"))
