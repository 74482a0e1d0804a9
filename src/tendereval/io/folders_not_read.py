"""A folder that is not read: what it holds, by one rule wherever it is, and what to do.

Only the files directly in bids/ (or scores/) are read. A folder inside ("bids/late/", every
return unzipped one folder per supplier, as a portal lays them out), a folder beside named
almost as bids/ is ("Bid returns/", Explorer's "bids - Copy/") and one named as bids/ is but
for capitals ("Bids/" beside "bids/", as a case-sensitive disk allows) are each looked into
the same way (:func:`look_into`), so the same files are said the same way in each:

* a workbook that is (or may be) a bid return (or score sheet) in no file read, by name or
  by what it holds (a return saved with no extension), is an error naming it, as the bid
  would otherwise vanish without a word (io/held_workbooks.py says what each workbook is);
* a workbook whose bytes are a file read (a backup copy) is a warning: nothing in it is left
  out, and moved in it would be a second return;
* the blank template, a supporting document ("TUPE staff list.xlsx"), a return as received
  beside the .xlsx it was saved as, and files that are no workbook (a PDF) are a warning
  naming them, never advice to move them in, where each would be an invalid bid;
* an archive is looked into as one in bids/ is (io/archives.py), and said on its own.

Every file of the folder is listed, however many (a portal's 10,000 attachments and a late
bid in a folder beneath them): names and sizes are cheap. What costs more is bounded: at
most :data:`~tendereval.limits.MAX_WORKBOOKS_LOOKED_INTO` workbooks of a folder are opened,
and past them each is said as one not looked into that may be a return, an error the
officer must look at; an archive is unpacked within its own budget (io/archives.py).

Moving the workbooks of such folders into bids/ as they are can lose bids: a portal names
every return alike ("Response.xlsx"), and six moved into one folder leave one. When a
workbook's name is also that of a workbook in another such folder or in bids/ itself, the
officer is told to rename each after its supplier as it is moved.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from tendereval import layout
from tendereval.errors import Problem, Severity
from tendereval.io.archives import FolderFiles, archive_problem, is_a_spreadsheet, is_archive
from tendereval.io.companions import passed_over
from tendereval.io.files import unreadable
from tendereval.io.held_workbooks import (
    COPY,
    none_a_return,
    not_as_received,
    one_of,
    sorted_out,
)
from tendereval.limits import MAX_WORKBOOKS_LOOKED_INTO
from tendereval.terminal import cut, name_text
from tendereval.wording import counted, listed

_NAMED = 5  # workbooks named in a message; the rest are counted
_NAME_SHOWN = 100  # characters of each name shown
_ZIP_SIGNATURE = b"PK\x03\x04"
# Whose name a workbook moved out of a folder is given, so that two alike stay two.
_NAMED_AFTER = {layout.BIDS_FOLDER: "its supplier", layout.SCORES_FOLDER: "its evaluator"}
# What else a file kept in a folder named almost as each is may be, read there: a table of
# the consolidated form (evaluation/prices.csv). In bids/ a .csv is no bid return.
_TABLES = {layout.MATRIX_FOLDER: (".csv",)}


@dataclass(frozen=True)
class Holding:
    """What a folder not read holds, each file by its path inside it."""

    label: str  # "bids/Supplier 4 - Meridian", "Bid returns", "Bids"
    returns: list[str]  # workbooks that are (or may be) returns in no file read
    copies: list[str]  # workbooks that are a file read, byte for byte
    # The workbooks that are not returns, each with what it is (a supporting document, the
    # blank template, a return as received beside the .xlsx it was saved as in the folder).
    not_returns: list[tuple[str, str]]
    archives: list[str]  # looked into, each said on its own
    others: int  # files that are no workbook nor archive
    unlooked: int  # of the returns, those past the bound, not looked into
    # Folders (itself too) that could not be listed, and links to folders not followed: each
    # an error of its own.
    unlisted: int = 0
    # The returns named as one read in the folder but for its .xlsx that are not it as
    # received, in words (held_workbooks.not_as_received): "" when none.
    not_as_received: str = ""

    @property
    def workbooks(self) -> int:
        return len(self.returns) + len(self.copies) + len(self.not_returns)

    @property
    def files(self) -> int:
        return self.workbooks + len(self.archives) + self.others

    @property
    def holds_the_award(self) -> bool:
        """The one rule: a folder not read holds the award when it holds a workbook that is
        (or may be, or was not looked into) a return in no file read."""
        return bool(self.returns)

    def not_moved(self) -> list[tuple[str, str]]:
        """The workbooks not to be moved in, each with what it is, the copies among them."""
        return [(cut(shown, _NAME_SHOWN), what) for shown, what in self.not_returns] + [
            (cut(shown, _NAME_SHOWN), COPY) for shown in self.copies
        ]


def look_into(
    folder: Path, label: str, name: str, files: FolderFiles
) -> tuple[Holding, list[Problem]]:
    """What ``folder`` (shown as ``label``), not read, holds, to ``name``/ (bids, scores) whose
    files read are ``files``; and a problem for each archive in it, looked into as one in
    ``name``/ is (each by its path: "bids/late/late bids.zip")."""
    kept: list[tuple[Path, str]] = []  # the workbooks, each with how it is shown
    copies: list[str] = []
    archives: list[str] = []
    problems: list[Problem] = []
    others = 0
    also = _TABLES.get(name, ())
    every, unlisted, linked = _every_file(folder)
    for path in every:
        if passed_over(path):
            continue
        shown = name_text(path.relative_to(folder).as_posix())
        if layout.names_a_held_workbook(path.name, also) or (
            is_a_spreadsheet(path)  # whatever its name: an .xls or .fods without its extension
        ):
            if files.copy_of(path):
                copies.append(shown)
            else:
                kept.append((path, shown))
        elif is_archive(path.name):
            archives.append(shown)
            problems.append(archive_problem(path, f"{label}/{shown}", name, files))
        else:
            others += 1
    returns, not_returns, unlooked = sorted_out(kept, name, files.beside)
    holding = Holding(
        label,
        [shown for _, shown in returns],
        copies,
        not_returns,
        archives,
        others,
        unlooked,
        unlisted=len(unlisted) + len(linked),
        not_as_received=not_as_received([shown for _, shown in returns], name, files.beside),
    )
    problems[:0] = [
        *(_not_listed(f"{_shown_in(label, folder, path)}/", exc, name) for path, exc in unlisted),
        *(_not_followed(f"{_shown_in(label, folder, path)}/", name) for path in linked),
    ]
    return holding, problems


def _shown_in(label: str, folder: Path, path: Path) -> str:
    """How ``path``, ``folder`` or a folder in it, is shown: "bids/late", "bids/late/locked",
    the folders between and its own name each cut short (one nested thousands deep)."""
    if path == folder:
        return label
    between, _, own = name_text(path.relative_to(folder).as_posix()).rpartition("/")
    own = cut(own, _NAME_SHOWN)
    return f"{label}/{cut(between, _NAME_SHOWN)}/{own}" if between else f"{label}/{own}"


def _every_file(
    folder: Path,
) -> tuple[list[Path], list[tuple[Path, OSError]], list[Path]]:
    """Every file under ``folder`` (and whatever else is not a folder: a pipe, a broken link),
    each once, in name order, never through a link to another folder: a hidden folder's files
    and a Mac's __MACOSX/ twins are none of anyone's; each folder (``folder`` itself too)
    that could not be listed, with why (os.walk passed over it without a word, and the late
    bid in it with it); and each link to a folder, not followed (it may lead back up, or out
    of the tender folder), which is as unknown as a folder that cannot be listed: a late bid
    behind "bids/late/received" was passed over without a word. The folders still to list
    are kept in a list, not on the stack: a folder nested thousands deep stopped the run
    ("internal error: RecursionError")."""
    found: list[Path] = []
    unlisted: list[tuple[Path, OSError]] = []
    linked: list[Path] = []
    waiting = [folder]
    while waiting:
        here = waiting.pop()
        try:
            with os.scandir(here) as entries:
                for entry in entries:
                    if not _is_folder(entry):
                        found.append(Path(entry.path))
                    elif entry.name.startswith((".", "__MACOSX")):
                        continue
                    elif entry.is_symlink():
                        linked.append(Path(entry.path))
                    else:
                        waiting.append(Path(entry.path))
        except OSError as exc:  # (its permissions, or gone since: what it holds is not known)
            unlisted.append((here, exc))
    return sorted(found), sorted(unlisted, key=lambda each: each[0]), sorted(linked)


def _is_folder(entry: os.DirEntry) -> bool:
    """Whether ``entry`` is a folder, or a link to one (never followed, nor listed as a file)."""
    try:
        return entry.is_dir()
    except OSError:  # (as os.walk: what cannot be asked is not a folder)
        return False


def _not_listed(shown: str, exc: OSError, name: str) -> Problem:
    """An error at a folder not read that could not be listed (``shown``: "bids/late/"): a
    return may be in it, unseen, so the award waits, as when ``name``/ itself cannot be."""
    one = one_of(name)
    return replace(
        unreadable(shown, exc, "folder"),
        expected=f"a folder tendereval can list (check its permissions), then run again: "
        f"nothing in it was looked at, and {'an' if one[:1] in 'aeiou' else 'a'} {one} may be "
        f"in it (only {name}/ itself is read)",
    )


def _not_followed(shown: str, name: str) -> Problem:
    """An error at a link to a folder (``shown``: "bids/late/received/") in a folder not
    read: it is not followed, so what it holds is as unknown as a folder's that cannot be
    listed, and the award waits, as for one (:func:`_not_listed`)."""
    one = one_of(name)
    return Problem(
        "this is a link to a folder, which is not followed, so nothing in it was looked at",
        file=shown,
        expected=f"the folder itself in place of the link (or the files it holds moved "
        f"directly into {name}/), then run again: {'an' if one[:1] in 'aeiou' else 'a'} "
        f"{one} may be in it (only {name}/ itself is read)",
        code="file.not_a_file",
    )


# ---- Inside bids/ or scores/ ------------------------------------------------------------------


def sub_folder_problems(
    folders: list[tuple[Path, str]], files: FolderFiles, name: str
) -> list[Problem]:
    """A problem for each folder of ``folders`` (path, label) inside ``name``/ (bids,
    scores) holding files, whose own files read are ``files``; and one for each archive in
    them."""
    looked = [look_into(path, label, name, files) for path, label in folders]
    holdings = [holding for holding, _ in looked]
    names = _where_named(holdings, files.beside, name)
    problems = []
    for holding, in_archives in looked:
        if holding.files:
            problems.append(_problem(holding, names, name))
        problems += in_archives
    return problems


def _where_named(holdings: list[Holding], beside: list[Path], name: str) -> dict[str, list[str]]:
    """Where each workbook's name is found, compared as names are on Windows and a Mac (in
    any case, each accented letter in one form): the folders inside holding one so named,
    and ``name``/ itself when a file there is."""
    where: dict[str, list[str]] = {}
    for path in beside:
        where.setdefault(_compared(path.name), []).append(f"{name}/")
    for holding in holdings:
        for shown in holding.returns:
            where.setdefault(_compared(shown), []).append(f"{holding.label}/")
    return where


def _compared(shown: str) -> str:
    return unicodedata.normalize("NFC", shown.rpartition("/")[2]).casefold()


def _problem(holding: Holding, names: dict[str, list[str]], name: str) -> Problem:
    label = holding.label
    one = one_of(name)
    others = f"{holding.others:,} other file(s) in it too" if holding.others else ""
    if not holding.returns and holding.not_moved():
        missing = f" missing from {name}/" if holding.copies else ""
        return Problem(
            f"the folder {label}/ is not read, and holds no {one}{missing}: "
            + none_a_return(holding.not_moved(), name),
            file=f"{label}/",
            found="; ".join(filter(None, [others, _archives_said(holding)])),
            expected=f"nothing moved into {name}/ (only {one}s go there; other documents can "
            "stay elsewhere)",
            code="file.subfolder",
            severity=Severity.WARNING,
        )
    if not holding.returns:
        return Problem(
            f"the folder {label}/ is not read, and it holds {holding.files:,} file(s), none "
            "of them a workbook",
            file=f"{label}/",
            found=_archives_said(holding),
            expected=f"only .xlsx workbooks in {name}/ (other documents can stay elsewhere)",
            code="file.subfolder",
            severity=Severity.WARNING,
        )
    found = [others] if others else []
    if holding.not_moved():
        found.append(
            f"not to be moved into {name}/, as none is {'an' if one[:1] in 'aeiou' else 'a'} "
            f"{one}{' missing from it' if holding.copies else ''}: "
            + none_a_return(holding.not_moved(), name)
        )
    found += filter(
        None, [holding.not_as_received, _archives_said(holding), _unlooked(holding, name)]
    )
    return Problem(
        f"the folder {label}/ is not read, and it holds {_counted(holding.returns, 'workbook')}",
        file=f"{label}/",
        found="; ".join(found),
        expected=_moved(holding, names, name),
        code="file.subfolder",
    )


def _archives_said(holding: Holding) -> str:
    if not holding.archives:
        return ""
    return (
        f"{_counted(holding.archives, 'archive')}, each looked into and said on its own"
        if len(holding.archives) > 1
        else f"{_counted(holding.archives, 'archive')}, looked into and said on its own"
    )


def _unlooked(holding: Holding, name: str) -> str:
    """What was not looked into, in words ("" when everything was)."""
    if not holding.unlooked:
        return ""
    return (
        f"{holding.unlooked:,} of the workbooks named could not be looked into (only "
        f"{MAX_WORKBOOKS_LOOKED_INTO:,} workbooks of a folder are opened), so each may be "
        f"{'an' if one_of(name)[:1] in 'aeiou' else 'a'} {one_of(name)}: look at each"
    )


def _counted(shown: list[str], noun: str, said: str = "") -> str:
    names = [cut(one, _NAME_SHOWN) for one in shown]
    if len(names) > _NAMED + 1:
        names = [*names[:_NAMED], f"{len(names) - _NAMED:,} more"]
    return f"{len(shown):,} {noun}{'' if len(shown) == 1 else 's'}{said}: {listed(names)}"


def _moved(holding: Holding, names: dict[str, list[str]], name: str) -> str:
    """What to do with the workbooks of a folder inside ``name``/: moved directly into it,
    renamed when another workbook has the name (a portal calls every return alike)."""
    own = f"{holding.label}/"
    clash = next((shown for shown in holding.returns if len(names[_compared(shown)]) > 1), None)
    named = "named " if holding.not_moved() else ""  # (the others are not returns)
    if clash is None:
        moved = f"each workbook {named}moved directly into {name}/"
    else:
        elsewhere = sorted(set(names[_compared(clash)]) - {own})
        if not elsewhere:
            also = "another workbook in this folder"
        elif len(elsewhere) == 1:
            also = f"a workbook in {cut(elsewhere[0], _NAME_SHOWN)}"
        else:
            also = f"a workbook in {len(elsewhere):,} other folders"
        # (No example name: one made from the folder's name, "bids/old.xlsx" for a return
        # kept in old/, reads as no supplier's.)
        moved = (
            f"each workbook {named}moved directly into {name}/ under a name of its own, after "
            f"{_NAMED_AFTER.get(name, 'its sender')}: "
            f"{cut(clash.rpartition('/')[2], _NAME_SHOWN)} is also the name of {also}, and "
            "moved as they are one would replace another"
        )
    if name == layout.BIDS_FOLDER and clash is None:  # ("old/", "late/", not one per supplier)
        moved += (
            "; a bid return its supplier replaced goes in bids/ too, recorded as withdrawn "
            'in decisions.toml ([[withdrawal]], supplier = "bids/<its file>.xlsx")'
        )
    return moved + ("; the other files moved out of the tender folder" if holding.others else "")


# ---- Beside bids/ or scores/, named almost as it is ----------------------------------------


# What each folder read by name holds, as a folder named almost as it is is said: the folder
# of …, the … in bids/, and one file of them.
FOLDERS_HOLD = {
    layout.BIDS_FOLDER: ("bid returns", "the bid returns", "workbook"),
    layout.SCORES_FOLDER: ("score sheets", "the score sheets", "workbook"),
    layout.MATRIX_FOLDER: ("the consolidated form's tables", "the tables", "table file"),
}


def near_folder_problems(
    folder: Path, near: str, name: str, files: FolderFiles | None
) -> list[Problem]:
    """A problem at a folder named almost as ``name``/ is ("Bid returns/"), whose files are
    not read, with ``name``/'s files read (``files``; None when ``name``/ is not there); and
    one for each archive in it. An error when it holds a workbook that is (or may be) a
    return in no file of ``name``/, naming each; a warning when it holds nothing that could
    be read, or only copies of files read, byte for byte (Explorer's "bids - Copy/": nothing
    in it is left out), or only workbooks that are not returns (the blank template, a
    supporting document), naming them, never advice to move them into ``name``/."""
    there = files is not None
    holding, in_archives = look_into(
        folder / near, name_text(near), name, files if files is not None else FolderFiles([])
    )
    if holding.unlisted and not holding.files:  # ("it is empty" was said of a locked folder)
        return in_archives  # (an error at each folder that could not be listed)
    return [_near_folder_problem(holding, name, there), *in_archives]


def _near_folder_problem(holding: Holding, name: str, there: bool) -> Problem:
    what, _, one = FOLDERS_HOLD[name]
    near = holding.label
    if holding.copies and not holding.returns and not holding.not_returns:
        return _copy_of_folder(near, name, len(holding.copies))
    if holding.not_returns and not holding.returns:
        return _no_return_in(near, name, holding.not_moved())
    workbooks = len(holding.returns) + len(holding.copies)
    if holding.returns and there:
        held = f"and it holds {_not_among(holding, name, one)}"
    elif holding.returns:
        held = f"and it holds {counted(workbooks, one)}"
    elif holding.files:
        held = f"and it holds {counted(holding.files, 'file')}, none of them a {one}"
    else:
        held = "and it is empty"
    found = []
    if holding.not_returns:
        found.append(
            f"not to be moved into {name}/, as none is a {one_of(name)}: "
            + none_a_return(holding.not_moved(), name)
        )
    found += filter(None, [_archives_said(holding), _unlooked(holding, name)])
    return Problem(
        f"this looks like the folder of {what}, but only a folder named {name}/ is read, "
        f"so nothing in it was read, {held}",
        file=f"{near}/",
        expected=_what_to_do(name, there, bool(holding.copies)),
        found="; ".join(found),
        code="file.folder_misnamed",
        severity=Severity.ERROR if holding.holds_the_award else Severity.WARNING,
    )


def _no_return_in(near: str, name: str, others: list[tuple[str, str]]) -> Problem:
    """A warning at a folder named almost as ``name``/ is holding no workbook that could be
    one of its returns in no file of it: "Tenders/" holding the blank bid return tendereval
    made, "Scoring/" the blank score sheet, a supplier's supporting documents. Moved into
    ``name``/ as an error advised, each was an invalid bid."""
    what = FOLDERS_HOLD[name][0]
    return Problem(
        f"this looks like the folder of {what}, but only a folder named {name}/ is read, so "
        f"nothing in it was read, and it holds no {one_of(name)} missing from {name}/: "
        + none_a_return(others, name),
        file=f"{near}/",
        expected=f"nothing moved into {name}/ (only {one_of(name)}s go there; other "
        "documents can stay elsewhere): the folder moved out of the tender folder, or deleted",
        code="file.folder_misnamed",
        severity=Severity.WARNING,
    )


def _what_to_do(name: str, there: bool, some_copies: bool) -> str:
    things, one = FOLDERS_HOLD[name][1:]
    if not there:
        return f"{things} in {name}/: rename the folder"
    if some_copies:  # (moved in, the copies would be read twice)
        return (
            f"{things} in {name}/: move each {one} named into {name}/ (the others are there "
            "already), then delete the folder"
        )
    return f"{things} in {name}/: move its files into {name}/, or delete it"


def _not_among(holding: Holding, name: str, one: str) -> str:
    """The workbooks of the folder, those in no file read in ``name``/ each named by its path
    in it: "2 workbooks, 1 of them in no file of bids/: late/late-care.xlsx"."""
    shown = [cut(each, _NAME_SHOWN) for each in holding.returns]
    if len(shown) > _NAMED + 1:
        shown = [*shown[:_NAMED], f"{len(shown) - _NAMED:,} more"]
    workbooks = len(holding.returns) + len(holding.copies)
    some = f", {len(holding.returns):,} of them in no file of {name}/" if holding.copies else ""
    return f"{counted(workbooks, one)}{some}: {listed(shown)}"


def _copy_of_folder(near: str, name: str, workbooks: int) -> Problem:
    """A warning at a folder named almost as ``name``/ is whose every workbook is a file read
    in ``name``/, byte for byte: a copy made to keep (Explorer's "bids - Copy/"), from which
    nothing is left out, as a byte-for-byte copy of tender.toml is a warning."""
    every = "its one" if workbooks == 1 else f"each of its {workbooks:,}"
    return Problem(
        f"this is a copy of {name}/, and is not read: {every} {FOLDERS_HOLD[name][2]}"
        f"{'' if workbooks == 1 else 's'} is a file in {name}/, byte for byte, which is "
        "read (so nothing in it is left out)",
        file=f"{near}/",
        expected=f"one {name}/ folder in the tender folder: move the copy out of it, or delete it",
        code="file.folder_misnamed",
        severity=Severity.WARNING,
    )


# ---- Beside bids/, named as it is but for capitals -------------------------------------------


def other_spelling_problems(other: Path, read: str, name: str, files: FolderFiles) -> list[Problem]:
    """The problems at ``other``, a folder named as ``read`` (``name``/ as it is on disk) is
    but for capitals ('Bids/' beside 'bids/', as a case-sensitive disk allows), whose files
    read are ``files``: only one is read, and the bids in the other must not vanish without
    a word. Looked into as any folder not read is; nothing, when it holds no file."""
    label = name_text(other.name)
    holding, in_archives = look_into(other, label, name, files)
    if not holding.files:
        return in_archives  # (an error at each folder that could not be listed, if any)
    said = f"the folder {label}/ is not read ({read}/ is), and it holds {holding.files:,} file(s)"
    expected = (
        f"every file to be evaluated in the one folder {read}/ (move the files of {label}/ "
        "into it, then remove it)"
    )
    if holding.holds_the_award:
        found = [f"{_counted(holding.returns, 'workbook')} in no file of {read}/"]
        found += filter(None, [_archives_said(holding), _unlooked(holding, name)])
        problem = Problem(said, file=f"{label}/", found="; ".join(found), expected=expected,
                          code="file.subfolder")  # fmt: skip
    else:
        found = [none_a_return(holding.not_moved(), name)] if holding.not_moved() else []
        problem = Problem(
            f"{said}, none of them {'an' if one_of(name)[:1] in 'aeiou' else 'a'} "
            f"{one_of(name)} missing from {read}/",
            file=f"{label}/",
            found="; ".join(filter(None, [*found, _archives_said(holding)])),
            expected=f"one {read}/ folder in the tender folder: move the other out of it, or "
            "delete it",
            code="file.subfolder",
            severity=Severity.WARNING,
        )
    return [problem, *in_archives]
