"""Files and folders named almost as tendereval looks for them, so never read.

tendereval finds the plan, the buyer's recorded decisions, the published notice and the
bids/ and scores/ folders by name. A name just off is not read, and what the officer was told
read as wrong: "there is no evaluation plan (tendereval init makes one)" beside the
tender.toml.txt Notepad saved (Windows hides the .txt); "decisions.toml records no standstill
period" beside the Decisions.toml, decision.toml or decisions (1).toml holding it. Whatever
is looked for by name is said with its near misses, whether it is found or not: a withdrawal
saved in "decisions (1).toml" beside decisions.toml was passed over without a word.
"""

from __future__ import annotations

import filecmp
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tendereval.errors import Problem, Severity
from tendereval.io.folder_listing import by_form
from tendereval.io.folder_listing import names as folder_names
from tendereval.terminal import name_text

# A copy's mark before the extension ("decisions (1).toml", "notice - Copy.json"), and the
# extensions an editor or a download adds after the real one ("tender.toml.txt"). Tried only
# where spaces start, and no two runs of spaces side by side: as \s*(?:…|-?\s*copy…)\s*$ it
# was tried at every space and split each run between its two \s* every way, a 1,000-space
# name taking 0.5 processor-seconds and 255 characters 9 ms, for every name in a folder.
_COPY = re.compile(r"(?<!\s)\s*(?:\(\d+\)|(?:-\s*)?copy(?:\s*\(\d+\))?)\s*$")
_ADDED = (".txt", ".download", ".crdownload", ".part")
# A notice saved under its Find a Tender number (004512-2026.json) or its ocid.
_NOTICE_NAMES = re.compile(r"(?:\d{6}-\d{4}|ocds-[a-z0-9]{6}-.*)", re.IGNORECASE)


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
    folder: Path,
    wanted: str,
    *,
    folders: bool = False,
    also: Iterable[str] = (),
    read: Path | None = None,
) -> list[str]:
    """The names of the files (``folders``: the folders) in ``folder`` that are ``wanted``
    but for case, an added extension or a copy's mark, or are one of ``also`` so compared
    ("decision.toml"); in name order. ``wanted`` itself is never one, nor ``read``, the file
    or folder read in its place (on a disk that ignores capitals 'Decisions.toml' is it).
    Every name in the folder is compared, however many documents it holds (only the first
    200 were, in an order that put capitals first: 200 clarification PDFs hid "decisions
    (1).toml" and the withdrawal in it); only a name that matches is looked at on disk."""
    names = {wanted.casefold(), *(name.casefold() for name in also)}
    try:
        # (Looked up among the folder's names as compared, worked out once in a run: each
        # check went through every name in the folder again.)
        compared = by_form(folder, bare)
    except OSError:  # a folder that cannot be listed has nothing to add
        compared = {}
    found = []
    for entry in sorted(
        folder / name for wanted_as in names for name in compared.get(wanted_as, ())
    ):
        try:
            if entry.is_dir() != folders or entry.is_symlink() or entry.name == wanted:
                continue
        except OSError:
            continue
        if not _is(entry, read):
            found.append(entry.name)
    return found


def _names(folder: Path) -> tuple[str, ...]:
    """The names in ``folder`` (none when it cannot be listed: it has nothing to add)."""
    try:
        return folder_names(folder)
    except OSError:
        return ()


def _is(entry: Path, read: Path | None) -> bool:
    try:
        return read is not None and entry.samefile(read)
    except OSError:
        return False


def saved_as_notice(folder: Path, wanted: str) -> list[str]:
    """:func:`near_misses` of the notice, and JSON files named as Find a Tender names a
    notice (its number, or the procurement's ocid)."""
    found = near_misses(folder, wanted)
    json = (name for name in _names(folder) if name.endswith(".json"))
    for entry in sorted(folder / name for name in json):
        name = name_text(entry.name)  # (the number may be followed by any bytes at all)
        named = name not in found and _NOTICE_NAMES.fullmatch(Path(bare(name)).stem)
        if named and entry.is_file() and not entry.is_symlink():
            found.append(name)
    return found


def not_read(
    found: str,
    what: str,
    wanted: str,
    consequence: str,
    code: str,
    severity: Severity = Severity.WARNING,
) -> Problem:
    """A problem at a file named ``found`` that looks like ``what`` but is not read, as only
    ``wanted`` is, and is not there: ``consequence`` says what that leaves undone."""
    return Problem(
        f"this looks like {what}, but only a file named {wanted} is read, so {consequence}",
        file=found,
        expected=f"{wanted}, in the tender folder: rename it if it is {what}{hidden(found)}",
        code=code,
        severity=severity,
    )


@dataclass(frozen=True)
class Wanted:
    """A file tendereval reads by name, as its near misses are said: ``what`` it holds, in
    words; ``consequence``, what is left undone when a near miss is not read in its place;
    ``code``, the near miss's problem code; ``severity``, a near miss's that is not a copy
    of the file read (an error where what it holds can change the award: a withdrawal, a
    plan's weights)."""

    name: str
    what: str
    consequence: str
    code: str
    severity: Severity = Severity.ERROR
    also: tuple[str, ...] = ()
    # The extensions of other formats the file may have been saved in instead
    # ("evaluation.ods", "evaluation.xls"): not read whatever its name, so each is said with
    # what to save it as, where a near miss is told to be renamed.
    formats: tuple[str, ...] = ()

    def saved_as(self) -> tuple[str, ...]:
        """The names it has in each of its other :attr:`formats`."""
        stem = posixpath.splitext(self.name)[0]
        return tuple(f"{stem}{suffix}" for suffix in self.formats)


def files_not_read(folder: Path, wanted: Wanted, read: Path | None) -> list[Problem]:
    """A problem for each file in ``folder`` named almost as ``wanted`` is
    (:func:`near_misses`), whether or not ``read`` (the file read, None when there is none)
    is there: only the one name is read, so what a near miss holds is not. "decisions
    (1).toml" beside decisions.toml, holding the winner's withdrawal, was passed over without
    a word and the withdrawn supplier proposed. A copy of ``read``, byte for byte, loses
    nothing: a warning to delete it."""
    saved_as = wanted.saved_as()
    near = near_misses(folder, wanted.name, also=wanted.also + saved_as, read=read)
    return [
        _in_another_format(name_text(name), wanted, read is not None)
        if bare(name) in saved_as
        else not_read(name_text(name), wanted.what, wanted.name, wanted.consequence,
                      wanted.code, wanted.severity)
        if read is None
        else _beside(name_text(name), wanted, _same_bytes(folder / name, read))
        for name in near
    ]  # fmt: skip


def _in_another_format(found: str, wanted: Wanted, beside: bool) -> Problem:
    """The problem at ``found``, ``wanted`` saved in another format (evaluation.ods): an
    error, as a near miss not a copy is, since renaming it would not make it read."""
    suffix = posixpath.splitext(bare(found))[1]
    read = f"the file named {wanted.name} beside it" if beside else f"a file named {wanted.name}"
    return Problem(
        f"this looks like {wanted.what} saved in another format ({suffix}), but only {read} is "
        f"read, so {wanted.consequence}",
        file=found,
        expected=f"{wanted.what} saved as an Excel workbook named {wanted.name} in the tender "
        "folder: open it and save it as Excel (in LibreOffice, File › Save As › Excel "
        f"2007-365 (.xlsx)){'; then delete this file' if beside else ''}",
        code=wanted.code,
        severity=wanted.severity,
    )


def _beside(found: str, wanted: Wanted, copy: bool) -> Problem:
    """The problem at ``found``, named almost as ``wanted`` is, beside the file read."""
    if copy:
        return Problem(
            f"this is a copy of {wanted.name}, byte for byte, and is not read ({wanted.name} "
            "is, so nothing in it is left out)",
            file=found,
            expected=f"one {wanted.name} in the tender folder: delete the copy{hidden(found)}",
            code=wanted.code,
            severity=Severity.WARNING,
        )
    return Problem(
        f"this looks like {wanted.what}, but only the file named {wanted.name} beside it is "
        f"read, so {wanted.consequence}",
        file=found,
        expected=f"one {wanted.name} in the tender folder: move what this file holds into "
        f"{wanted.name}, or delete it{hidden(found)}",
        code=wanted.code,
        severity=wanted.severity,
    )


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return filecmp.cmp(one, other, shallow=False)
    except OSError:  # one that cannot be read may differ: it is said as differing
        return False


def hidden(name: str) -> str:
    """Why the officer may not see what is wrong with ``name``: Windows hides the extension
    Notepad adds (tender.toml.txt shows as tender.toml)."""
    added = next((ext for ext in _ADDED if name.casefold().endswith(ext)), None)
    return f" (Windows may show it without the {added} at its end)" if added else ""
