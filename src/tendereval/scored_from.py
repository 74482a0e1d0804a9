"""Whether the tender folder still holds the files a result was scored from.

A result kept in a notebook is often written out later, after the folder has changed: a
withdrawal recorded, the summaries recorded as sent, a score sheet corrected. Written then,
its award is not the folder's: publish named the old winner, and ``summaries`` wrote over the
summaries the officer had sent, keeping no copy, as the decisions it was scored with recorded
none sent. So every writer that sends something on (``summaries``, ``publish``) or writes into
the tender folder (the report, the JSON, the CSV) first compares the folder with the SHA-256s
the result records of what it read (``result.inputs`` as scoring gave it), and holds while
they differ: score the tender again. A folder moved or removed since is held too, so its old
path is never made again to hold the outputs.

Comparing hashes each file once a run: a file whose state (size, times written and changed) is
the one seen when it was last hashed is not hashed again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from tendereval.errors import FolderChanged, Problem
from tendereval.io.files import FileState, fingerprint_of, state_of
from tendereval.layout import BIDS_FOLDER, NOTICE_FILE, SCORES_FOLDER

if TYPE_CHECKING:
    from tendereval.scoring.result import ScoreResult

CODE = "input.changed_since_scored"
NOT_THE_FOLDERS = "plan.not_the_folders"
_EXPECTED = (
    "the files the results were scored from: score the tender again "
    "(tendereval.score on the folder), then write from the new results"
)
# The hash of each file by its path and state, as last hashed in this run: a notebook writing
# the report, the summaries and the notice from one result hashes each input once.
_HASHED: dict[tuple[str, FileState], str] = {}
_MOST_KEPT = 100_000


def hold_if_changed(result: ScoreResult) -> None:
    """Raise :class:`FolderChanged` when :func:`changed_on_disk` finds anything."""
    changed = changed_on_disk(result)
    if changed:
        raise FolderChanged(changed)


def hold_if_written_into(result: ScoreResult, *paths: str | Path | None) -> None:
    """:func:`hold_if_changed` when one of ``paths`` is in the result's tender folder: a
    report written elsewhere from an earlier result is for exploring, one in the tender's own
    reports/ stands for the tender (and the old path of a folder moved is never made again)."""
    folder = result.folder
    if folder is None:
        return
    if any(p is not None and Path(os.path.abspath(p)).is_relative_to(folder) for p in paths):
        hold_if_changed(result)


def changed_on_disk(result: ScoreResult) -> list[Problem]:
    """An error for each input the result records that is not the same bytes now (changed,
    gone), each tender file that is new since (decisions.toml, notice.json, a bid return or
    score sheet, the consolidated form's workbook or tables), or one for the folder when it
    is not there now. [] for a result that names no folder or records no file read."""
    folder = result.folder
    inputs = result.inputs_as_scored()
    if folder is None or not inputs.height or "sha256" not in inputs.columns:
        return []
    if not folder.is_dir():
        return [
            Problem(
                "the tender folder is not there now (moved, renamed or removed since these "
                "results were scored), so nothing is written into it",
                file=f"{folder}",
                expected="the folder where it is now: score it there again",
                code=CODE,
            )
        ]
    # A plan given in Python in place of the folder's is listed as it is (another file's, or
    # none): not the folder's file to compare, and the award is held for it already
    # (plan.not_the_folders), while the results can still be written to look at.
    swapped = any(getattr(p, "code", "") == NOT_THE_FOLDERS for p in result.problems)
    recorded = {
        row["path"]: None if swapped and row["kind"] == "plan" else row["sha256"]
        for row in inputs.select("path", "kind", "sha256").iter_rows(named=True)
    }
    problems = [
        problem
        for path, sha256 in recorded.items()
        if sha256 is not None
        for problem in _unlike(folder, path, sha256)
    ]
    problems += [_new(path) for path in _tender_files(folder) if path not in recorded]
    return problems


def _unlike(folder: Path, label: str, recorded: str) -> list[Problem]:
    """The error for the input recorded as ``label`` when its bytes are not those recorded."""
    from tendereval.io.proxies import shipped_label

    if label == shipped_label(label.rpartition("(")[2].rstrip(")")):
        return []  # the table shipped with tendereval, not a file of the folder
    path = _on_disk(folder / label)
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is None or not path.is_file():
        return [_problem(label, "this file, read when the results were scored, is not there now")]
    now = _sha256(path, state_of(info))
    if now == recorded:
        return []
    shown = f"SHA-256 {now[:12]}…" if now else "unreadable"
    return [
        _problem(
            label,
            f"this file has changed since the results were scored (they record it as SHA-256 "
            f"{recorded[:12]}…; it is {shown} now)",
        )
    ]


def _on_disk(path: Path) -> Path:
    """The file recorded as ``path``: itself, or the file of its folder whose name the
    loaders record so (a name that is not UTF-8, its bytes written as ``\xa3``)."""
    from tendereval.terminal import name_text

    if path.exists() or not path.parent.is_dir():
        return path
    try:
        return next((e for e in path.parent.iterdir() if name_text(e.name) == path.name), path)
    except OSError:
        return path


def _sha256(path: Path, state: FileState) -> str | None:
    key = (str(path), state)
    if key not in _HASHED:
        hashed = fingerprint_of(path)
        if hashed.fingerprint is None or hashed.state != state:
            return None if hashed.fingerprint is None else hashed.fingerprint.sha256
        if len(_HASHED) >= _MOST_KEPT:
            _HASHED.clear()
        _HASHED[key] = hashed.fingerprint.sha256
    return _HASHED[key]


def _tender_files(folder: Path) -> list[str]:
    """The files the loaders would read (or record) now, by the names they record them under,
    of those a change is likely to add: the buyer's record, the published notice, the bid
    returns and score sheets (a late bid, a score sheet come in), and the archives and emails
    saved in bids/ or scores/ or beside them (the portal's ``all-responses.zip``). A scoring
    run records each archive with its SHA-256 and holds the award for a bid return in it not
    unzipped; one saved after the scores held nothing, so the summaries went out without the
    bids it holds. A document that is none of these (a PDF, a covering letter) is not read,
    recorded or compared: it changes nothing but a warning."""
    from tendereval.award.recorded import DECISIONS_FILE
    from tendereval.io.archives import is_archive
    from tendereval.io.companions import passed_over
    from tendereval.layout import names_a_submission
    from tendereval.terminal import name_text

    found = [name for name in (DECISIONS_FILE, NOTICE_FILE) if (folder / name).is_file()]
    for name in (BIDS_FOLDER, SCORES_FOLDER):
        sub = folder / name
        try:
            entries = sorted(sub.iterdir()) if sub.is_dir() else []
        except OSError:
            continue
        found += [
            f"{name}/{name_text(entry.name)}"
            for entry in entries
            if (names_a_submission(entry.name) or is_archive(entry.name))
            and entry.is_file()
            and not passed_over(entry)
        ]
    return found + _archives_beside(folder) + _consolidated_form(folder)


def _archives_beside(folder: Path) -> list[str]:
    """The archives in the tender folder itself that scoring records as received with the
    bids (io/archives.received_beside), by the names it records them under."""
    from tendereval.io.archives import is_archive, received_beside
    from tendereval.io.folder_listing import names
    from tendereval.terminal import name_text

    try:
        archives = [folder / name for name in names(folder) if is_archive(name)]
        return sorted(name_text(entry.name) for entry in archives if received_beside(entry))
    except OSError:
        return []


def _consolidated_form(folder: Path) -> list[str]:
    """The consolidated form's files, by the names the loaders record them under:
    evaluation.xlsx (in any capitals) and each table of evaluation/ (``evaluation/prices.csv``).
    A result scored from bids/ and scores/ still wrote ready summaries and the award notice
    after evaluation.xlsx was saved beside them, though the folder itself scored nothing."""
    from tendereval.io.folder_listing import by_form
    from tendereval.layout import MATRIX_FOLDER, MATRIX_SHEETS, MATRIX_WORKBOOK
    from tendereval.terminal import name_text

    tables = {f"{sheet.lower()}.csv" for sheet in MATRIX_SHEETS}
    try:  # (the folder's names as listed once in the run: every writer asks)
        named = by_form(folder, str.casefold)
    except OSError:
        return []
    found = [
        name_text(name)
        for name in sorted(named.get(MATRIX_WORKBOOK, ()))
        if (folder / name).is_file()
    ]
    for name in sorted(named.get(MATRIX_FOLDER, ())):
        try:
            inner = sorted((folder / name).iterdir()) if (folder / name).is_dir() else []
        except OSError:
            continue
        found += [
            f"{name_text(name)}/{name_text(table.name)}"
            for table in inner
            if table.name.casefold() in tables and not table.is_dir()
        ]
    return found


def _new(label: str) -> Problem:
    return _problem(label, "this file is new since the results were scored, without it")


def _problem(label: str, message: str) -> Problem:
    return Problem(message, file=label, expected=_EXPECTED, code=CODE)
