"""Write the traceback of an internal error to a log file, so the user never sees it on screen."""

from __future__ import annotations

import datetime as dt
import platform
import tempfile
import traceback
from pathlib import Path


def write_crash_log(exc: BaseException, argv: list[str]) -> Path:
    """Write ``exc`` with its traceback, the command line and versions; return the log's path."""
    from tendereval import __version__

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    with tempfile.NamedTemporaryFile(
        "w",
        prefix=f"tendereval-crash-{stamp}-",
        suffix=".log",
        delete=False,
        encoding="utf-8",
        errors="backslashreplace",  # a file name given that is not UTF-8 must not stop the log
    ) as handle:
        handle.write(f"tendereval {__version__} on Python {platform.python_version()}\n")
        handle.write(f"command: tendereval {' '.join(argv)}\n\n")
        handle.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return Path(handle.name)
