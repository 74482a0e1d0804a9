"""Files programs leave in a folder beside the files read, which are never anyone's input."""

from __future__ import annotations

SYSTEM_FILES = {"Thumbs.db", "desktop.ini"}
# Files programs leave beside a workbook, never a submission: Excel's lock file (~$), the
# Mac's metadata twin on a shared drive (._), LibreOffice's lock file (.~lock.…#). None of
# them is ever a zip archive, which every .xlsx workbook is: a file so named that begins as
# one is a workbook after all (a bid saved under its lock file's name), and is read.
COMPANION_PREFIXES = ("~$", "._", ".~lock.")
# Windows keeps where a download came from in a stream beside it ("Mark of the Web"); copied
# to a Linux share or WSL it becomes a file of its own, "weald.xlsx:Zone.Identifier", a few
# bytes of text beside every bid. It is skipped as the companions are, unless it is a zip.
COMPANION_SUFFIX = ":zone.identifier"


def left_beside(name: str) -> bool:
    """Whether a file named ``name`` is one a program or the system left there (a lock file,
    a thumbnail cache, a hidden file): passed over without a word."""
    return (
        name in SYSTEM_FILES
        or name.startswith((*COMPANION_PREFIXES, "."))
        or name.casefold().endswith(COMPANION_SUFFIX)
    )
