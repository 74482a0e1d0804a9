"""Files and folders named almost as tendereval looks for them, so never read.

tendereval finds the plan, the buyer's recorded decisions, the published notice and the
bids/ and scores/ folders by name. A name just off is not read, and what the officer was told
read as wrong: "there is no evaluation plan (tendereval init makes one)" beside the
tender.toml.txt Notepad saved (Windows hides the .txt); "decisions.toml records no standstill
period" beside the Decisions.toml, decision.toml or decisions (1).toml holding it. Whatever
is looked for by name and not found is said with its near misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from tendereval.errors import Problem, Severity
from tendereval.terminal import name_text

# A copy's mark before the extension ("decisions (1).toml", "notice - Copy.json"), and the
# extensions an editor or a download adds after the real one ("tender.toml.txt").
_COPY = re.compile(r"\s*(?:\(\d+\)|-?\s*copy(?:\s*\(\d+\))?)\s*$")
_ADDED = (".txt", ".download", ".crdownload", ".part")
# A notice saved under its Find a Tender number (004512-2026.json) or its ocid.
_NOTICE_NAMES = re.compile(r"(?:\d{6}-\d{4}|ocds-[a-z0-9]{6}-.*)", re.IGNORECASE)
_MOST = 200  # entries looked at: the top of a tender folder holds a handful


def bare(name: str) -> str:
    """``name`` as compared: in lower case, without the extensions an editor adds after the
    real one, or a copy's mark before it."""
    name = name.casefold().strip()
    while name.endswith(_ADDED):
        name = name[: name.rindex(".")]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        return _COPY.sub("", name).strip()
    return f"{_COPY.sub('', stem).strip()}.{suffix}"


def near_misses(
    folder: Path, wanted: str, *, folders: bool = False, also: Iterable[str] = ()
) -> list[str]:
    """The names of the files (``folders``: the folders) in ``folder`` that are ``wanted``
    but for case, an added extension or a copy's mark, or are one of ``also`` so compared
    ("decision.toml"); in name order. ``wanted`` itself is never one."""
    names = {wanted.casefold(), *(name.casefold() for name in also)}
    found = []
    try:
        entries = sorted(folder.iterdir())[:_MOST]
    except OSError:  # a folder that cannot be listed has nothing to add
        return []
    for entry in entries:
        try:
            if entry.is_dir() != folders or entry.is_symlink() or entry.name == wanted:
                continue
        except OSError:
            continue
        if bare(entry.name) in names:
            found.append(entry.name)
    return found


def saved_as_notice(folder: Path, wanted: str) -> list[str]:
    """:func:`near_misses` of the notice, and JSON files named as Find a Tender names a
    notice (its number, or the procurement's ocid)."""
    found = near_misses(folder, wanted)
    try:
        entries = sorted(folder.glob("*.json"))[:_MOST]
    except OSError:
        return found
    for entry in entries:
        name = name_text(entry.name)  # (the number may be followed by any bytes at all)
        named = name not in found and _NOTICE_NAMES.fullmatch(Path(bare(name)).stem)
        if named and entry.is_file() and not entry.is_symlink():
            found.append(name)
    return found


def not_read(found: str, what: str, wanted: str, consequence: str, code: str) -> Problem:
    """A warning at a file named ``found`` that looks like ``what`` but is not read, as only
    ``wanted`` is: ``consequence`` says what that leaves undone."""
    return Problem(
        f"this looks like {what}, but only a file named {wanted} is read, so {consequence}",
        file=found,
        expected=f"{wanted}, in the tender folder: rename it if it is {what}{hidden(found)}",
        code=code,
        severity=Severity.WARNING,
    )


def hidden(name: str) -> str:
    """Why the officer may not see what is wrong with ``name``: Windows hides the extension
    Notepad adds (tender.toml.txt shows as tender.toml)."""
    added = next((ext for ext in _ADDED if name.casefold().endswith(ext)), None)
    return f" (Windows may show it without the {added} at its end)" if added else ""
