"""A folder inside bids/ or scores/, which is not read: what it holds, and what to do.

Only the files directly in bids/ (or scores/) are read. A folder inside holding a workbook
(a bid moved into "late/", or every return unzipped one folder per supplier, as a portal
lays them out) is an error naming the workbooks, since those bids would otherwise vanish
without a word; only those that are (or may be) returns (io/held_workbooks.py): a folder
holding only workbooks that are not (a supplier's "TUPE staff list.xlsx", the blank template)
is a warning naming them, never advice to move them into bids/, where each would be an
invalid bid. A folder holding no workbook (a supplier's attachments, the Thumbs.db Windows
leaves) is a warning, as the same PDF loose in bids/ is; the files programs leave (Thumbs.db,
.DS_Store, lock files, a Mac's ._ twins) are not counted, and a folder holding only those is
nothing.

Moving the workbooks of such folders into bids/ as they are can lose bids: a portal names
every return alike ("Response.xlsx"), and six moved into one folder leave one. When a
workbook's name is also that of a workbook in another such folder or in bids/ itself, the
officer is told to rename each after its supplier as it is moved.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tendereval import layout
from tendereval.errors import Problem, Severity
from tendereval.io.archives import is_a_spreadsheet, is_archive
from tendereval.io.companions import passed_over
from tendereval.io.files import entry_kind
from tendereval.io.held_workbooks import none_a_return, one_of, sorted_out
from tendereval.terminal import cut, name_text
from tendereval.wording import listed

_MAX_LOOKED_AT = 10_000  # a folder is looked into this far: enough to say what it holds
_NAMED = 5  # workbooks named in a message; the rest are counted
_NAME_SHOWN = 100  # characters of each name shown
# Whose name a workbook moved out of a folder is given, so that two alike stay two.
_NAMED_AFTER = {layout.BIDS_FOLDER: "its supplier", layout.SCORES_FOLDER: "its evaluator"}


@dataclass(frozen=True)
class _Holding:
    """What a folder inside bids/ (or scores/) holds, each file by its path inside it."""

    label: str  # "bids/Supplier 4 - Meridian"
    workbooks: list[str]  # those that are (or may be) returns: io/held_workbooks.py
    archives: list[str]  # zips and emails, which may hold workbooks
    others: int
    # The workbooks that are not returns, each with what it is (a supporting document, the
    # blank template, a return as received beside the .xlsx it was saved as in the folder).
    not_returns: list[tuple[str, str]]


def sub_folder_problems(
    folders: list[tuple[Path, str]], beside: list[Path], name: str
) -> list[Problem]:
    """A problem for each folder of ``folders`` (path, label) inside ``name``/ (bids,
    scores) holding files, whose own workbooks are ``beside``."""
    holdings = [_holding(path, label, name, beside) for path, label in folders]
    names = _where_named(holdings, beside, name)
    return [
        _problem(holding, names, name)
        for holding in holdings
        if holding.workbooks or holding.archives or holding.others or holding.not_returns
    ]


def _holding(folder: Path, label: str, name: str, beside: list[Path]) -> _Holding:
    kept: list[tuple[Path, str]] = []  # the workbooks, each with how it is shown
    archives: list[str] = []
    others = 0
    try:
        for path in sorted(itertools.islice(folder.rglob("*"), _MAX_LOOKED_AT)):
            inside = path.relative_to(folder)
            # (A hidden folder's files, a Mac's __MACOSX/ twins: none of them anyone's file.)
            if any(part.startswith((".", "__MACOSX")) for part in inside.parts[:-1]):
                continue
            if passed_over(path) or (entry_kind(path) is None and path.is_dir()):
                continue
            shown = name_text(inside.as_posix())
            if _a_workbook(path):
                kept.append((path, shown))
            elif is_archive(path.name):
                archives.append(shown)
            else:
                others += 1
    except OSError:
        pass  # an unreadable corner of the folder: what was seen is enough to say so
    returns, not_returns = sorted_out(kept, name, beside)
    return _Holding(label, [shown for _, shown in returns], archives, others, not_returns)


def _a_workbook(path: Path) -> bool:
    """Whether ``path`` is a bid return or score sheet, which read directly in bids/ would
    be a submission: named as a workbook (not a .txt or .csv: a covering letter), or holding
    a spreadsheet whatever its name."""
    return layout.names_a_held_workbook(path.name) or is_a_spreadsheet(path)


def _where_named(holdings: list[_Holding], beside: list[Path], name: str) -> dict[str, list[str]]:
    """Where each workbook's name is found, compared as names are on Windows and a Mac (in
    any case, each accented letter in one form): the folders inside holding one so named,
    and ``name``/ itself when a file there is."""
    where: dict[str, list[str]] = {}
    for path in beside:
        where.setdefault(_compared(path.name), []).append(f"{name}/")
    for holding in holdings:
        for shown in holding.workbooks:
            where.setdefault(_compared(shown), []).append(f"{holding.label}/")
    return where


def _compared(shown: str) -> str:
    return unicodedata.normalize("NFC", shown.rpartition("/")[2]).casefold()


def _problem(holding: _Holding, names: dict[str, list[str]], name: str) -> Problem:
    label = holding.label
    one = one_of(name)
    if not holding.workbooks and not holding.archives and holding.not_returns:
        return Problem(
            f"the folder {label}/ is not read, and holds no {one}: "
            + none_a_return(_shown(holding.not_returns), name),
            file=f"{label}/",
            found=f"{holding.others:,} other file(s) in it too" if holding.others else "",
            expected=f"nothing moved into {name}/ (only {one}s go there; other documents can "
            "stay elsewhere)",
            code="file.subfolder",
            severity=Severity.WARNING,
        )
    if not holding.workbooks and not holding.archives:
        return Problem(
            f"the folder {label}/ is not read, and it holds {holding.others:,} file(s), none "
            "of them a workbook",
            file=f"{label}/",
            expected=f"only .xlsx workbooks in {name}/ (other documents can stay elsewhere)",
            code="file.subfolder",
            severity=Severity.WARNING,
        )
    held = []
    if holding.workbooks:
        held.append(_counted(holding.workbooks, "workbook"))
    if holding.archives:
        held.append(_counted(holding.archives, "archive", " (which may hold workbooks)"))
    found = [f"{holding.others:,} other file(s) in it too"] if holding.others else []
    if holding.not_returns:
        found.append(
            f"not to be moved into {name}/, as none is {'an' if one[:1] in 'aeiou' else 'a'} "
            f"{one}: " + none_a_return(_shown(holding.not_returns), name)
        )
    return Problem(
        f"the folder {label}/ is not read, and it holds {' and '.join(held)}",
        file=f"{label}/",
        found="; ".join(found),
        expected=_moved(holding, names, name),
        code="file.subfolder",
    )


def _shown(kept: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(cut(shown, _NAME_SHOWN), what) for shown, what in kept]


def _counted(shown: list[str], noun: str, said: str = "") -> str:
    names = [cut(one, _NAME_SHOWN) for one in shown]
    if len(names) > _NAMED + 1:
        names = [*names[:_NAMED], f"{len(names) - _NAMED:,} more"]
    return f"{len(shown):,} {noun}{'' if len(shown) == 1 else 's'}{said}: {listed(names)}"


def _moved(holding: _Holding, names: dict[str, list[str]], name: str) -> str:
    """What to do with the workbooks of a folder inside ``name``/: moved directly into it,
    renamed when another workbook has the name (a portal calls every return alike)."""
    own = f"{holding.label}/"
    clash = next((shown for shown in holding.workbooks if len(names[_compared(shown)]) > 1), None)
    named = "named " if holding.not_returns else ""  # (the others are not returns)
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
    if holding.archives:
        moved += f", and each workbook an archive holds unzipped directly into {name}/"
    if name == layout.BIDS_FOLDER and clash is None:  # ("old/", "late/", not one per supplier)
        moved += (
            "; a bid return its supplier replaced goes in bids/ too, recorded as withdrawn "
            'in decisions.toml ([[withdrawal]], supplier = "bids/<its file>.xlsx")'
        )
    return moved + ("; the other files moved out of the tender folder" if holding.others else "")
