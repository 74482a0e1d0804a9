"""Files programs leave in a folder beside the files read, which are never anyone's input."""

from __future__ import annotations

from pathlib import Path

from tendereval import layout
from tendereval.io.files import begins_with, entry_kind

_ZIP_SIGNATURE = b"PK\x03\x04"  # how every .xlsx workbook begins

# What Windows leaves in a folder it shows (thumbnail caches, a folder's settings), named in
# any capitals: Explorer writes "Thumbs.db" and "desktop.ini", a copy from an older Windows or
# a zip "THUMBS.DB" or "Desktop.ini". Compared in lower case.
SYSTEM_FILES = {"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini"}
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
        name.casefold() in SYSTEM_FILES
        or name.startswith((*COMPANION_PREFIXES, "."))
        or name.casefold().endswith(COMPANION_SUFFIX)
    )


def passed_over(path: Path) -> bool:
    """Whether the file at ``path``, in bids/ or scores/ or a folder inside one, is one a
    program or the system left there, passed over without a word: a thumbnail cache, a lock
    file or a Mac's twin (unless it is a workbook after all: it begins as a zip), a hidden
    file not named as a workbook, a Mark of the Web (unless it is a zip)."""
    name = path.name
    if name.casefold() in SYSTEM_FILES:
        return True
    if name.startswith(COMPANION_PREFIXES):
        return not (layout.names_a_submission(name) and begins_with(path, _ZIP_SIGNATURE))
    if name.startswith(".") and not layout.names_a_submission(name):  # .DS_Store, .git
        return True
    return (
        name.casefold().endswith(COMPANION_SUFFIX)
        and entry_kind(path) is None  # (a pipe or a device so named is still named)
        and not path.is_dir()
        and not begins_with(path, _ZIP_SIGNATURE)
    )
