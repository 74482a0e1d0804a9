"""An output that could not be written, and what to do about it, in words.

Kept apart from :mod:`tendereval.atomic`, which writes the files: the command line needs this
error from its very start (to say that the standard output is closed, say), and importing the
writer's machinery (temporary files, hashing, the host's name) cost ``tendereval --help`` a
fifth of its start-up time.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class OutputNotWritten(OSError):
    """An output file could not be written: its folder cannot be made or written to, the file
    is open in another program (Excel locks what it has open), or the disk is full. The
    command line reports it in words, never as a crash."""

    def __init__(self, path: Path, cause: OSError):
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.path = path

    def advice(self) -> str:
        """What went wrong and what to do, by the operating system's reason (its errno): a
        full disk is not helped by closing Excel."""
        what_to_do = _ADVICE.get(self.errno, _OPEN_OR_READ_ONLY)
        return f"Could not write {self.path}: {self.strerror}. {what_to_do}"


# What to do about an output not written, by the operating system's reason. A file open in
# Excel is refused as EACCES on Windows; one the system gives no other reason for is most
# often open elsewhere or read-only too.
_OPEN_OR_READ_ONLY = (
    "Is it open in Excel, or is the folder read-only? Close it, or choose another file name, "
    "and run the command again."
)
_AGAIN = "and run the command again."
_ADVICE = {
    errno.ENOSPC: "The disk is full: free some space on it, or choose a folder on another "
    f"disk, {_AGAIN}",
    errno.EFBIG: "The file is larger than this system lets you write (a limit on the size of "
    "a file, set for your account or by the disk's file system): choose a folder on another "
    f"disk, or ask whoever looks after the computer to lift the limit, {_AGAIN}",
    errno.EROFS: f"The disk is read-only: choose a folder on a disk you can write to, {_AGAIN}",
    errno.ENAMETOOLONG: "The name is longer than the file system allows: choose a shorter "
    f"file name, or a folder nearer the top of the disk, {_AGAIN}",
    errno.ENOTDIR: "Part of the path is not a folder (a file, say): choose another file name, "
    f"{_AGAIN}",
    errno.EISDIR: "A folder has that name: move or rename the folder, or choose another file "
    f"name, {_AGAIN}",
    errno.EACCES: _OPEN_OR_READ_ONLY,
    errno.EPERM: _OPEN_OR_READ_ONLY,
}
if hasattr(errno, "EDQUOT"):  # (not on Windows)
    _ADVICE[errno.EDQUOT] = (
        "Your share of the disk (its quota) is used up: free some space, or choose a folder "
        f"on another disk, {_AGAIN}"
    )
