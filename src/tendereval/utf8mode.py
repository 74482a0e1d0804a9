"""File names read as UTF-8 whatever the character set of the computer's locale.

A disk holds each file's name as bytes, and Python turns them into text in the locale's
character set. Under a locale that is not UTF-8 (``LANG=en_GB`` or ``de_DE``, glibc's
ISO-8859-1 ones) the bid return ``wëald-carers-trust.xlsx``, whose name is in UTF-8 as every
system writes it now, was read as ``wÃ«ald-carers-trust.xlsx``: a withdrawal in
decisions.toml (read as UTF-8) naming it no longer applied, the award went to the withdrawn
supplier, and the report's Audit sheet named a file that is not there.

So the command line runs in Python's UTF-8 mode (PEP 540), where names are read as UTF-8
(any byte that is not UTF-8 kept as it is): started otherwise, it starts itself again in that
mode before doing anything, as the same process (the same process id, standard input,
output and error, so the same exit code and signals), with the same arguments. What it
shows on the terminal stays in the character set the terminal was shown before.
"""

from __future__ import annotations

import codecs
import os
import sys

# Set for the program started again, so that it never starts itself once more (taken out of
# the environment at once, so that nothing it runs sees it).
STARTED_AGAIN = "TENDEREVAL_STARTED_AGAIN_IN_UTF8_MODE"


def should_start_again(
    *, utf8_mode: bool, file_names_in: str, posix: bool, started_again: bool
) -> bool:
    """Whether the command line starts itself again in UTF-8 mode: only on a POSIX system
    (Windows and macOS read names as UTF-8 already, and Windows has no way to become another
    program in the same process) whose locale reads file names in another character set
    (``file_names_in``, as :func:`sys.getfilesystemencoding` says), when not in UTF-8 mode
    already and not started again once already."""
    if utf8_mode or started_again or not posix:
        return False
    return not is_utf8(file_names_in)


def is_utf8(encoding: str) -> bool:
    """Whether ``encoding`` names UTF-8, however written ("UTF8", "utf_8"); a character set
    Python does not know is not UTF-8 either."""
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def command_again(executable: str, started_with: list[str]) -> list[str]:
    """The command line that started this program (:data:`sys.orig_argv`, its interpreter's
    options kept) run by ``executable`` in UTF-8 mode."""
    return [executable, "-X", "utf8", *started_with[1:]]


def terminal_encoding() -> str | None:
    """The character set and error handler of the standard input and output now, as
    ``PYTHONIOENCODING`` gives them (``iso8859-1:strict``): in UTF-8 mode they would be UTF-8,
    and a terminal set to Latin-1 would show ``wÃ«ald`` for ``wëald``. None when neither
    stream is there."""
    stream = sys.stdout or sys.stdin
    encoding, errors = getattr(stream, "encoding", None), getattr(stream, "errors", None)
    return f"{encoding}:{errors}" if encoding and errors else None


def in_utf8_mode() -> None:
    """Start the command line again in UTF-8 mode when the locale would read file names in
    another character set (see the module's docstring); it returns only when it does not:
    already in UTF-8 mode, a UTF-8 locale, this process not started as ``tendereval`` or
    ``python -m tendereval`` (a notebook calling the command line is never replaced), or the
    interpreter cannot be started again (then names are read as the locale says, as before)."""
    started_again = os.environ.pop(STARTED_AGAIN, None) is not None
    if not should_start_again(
        utf8_mode=bool(sys.flags.utf8_mode),
        file_names_in=sys.getfilesystemencoding(),
        posix=os.name == "posix",
        started_again=started_again,
    ):
        return
    if not sys.executable or not _started_as_tendereval():
        return
    environment = {**os.environ, STARTED_AGAIN: "1"}
    if (shown_in := terminal_encoding()) is not None:
        environment["PYTHONIOENCODING"] = shown_in
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    try:
        os.execve(sys.executable, command_again(sys.executable, sys.orig_argv), environment)
    except OSError:
        return  # carry on as started


def _started_as_tendereval() -> bool:
    """Whether this process was started to run the command line: the ``tendereval`` script,
    or ``python -m tendereval``."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name == "tendereval.__main__":
        return True
    return os.path.basename(getattr(main, "__file__", None) or "") == "tendereval"
