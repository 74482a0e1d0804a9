"""The rule that the files one piece of work writes are each a file of their own.

Two outputs naming one file would have the later replace the earlier, and both be said to be
written (``score --json x --csv x`` said it wrote JSON to a file holding the CSV). Every
writer of several files asks here before it writes anything, called from a notebook
(:func:`tendereval.scoring.output.write_outputs`) or by a command (commands/outputs.py, which
names each output by its option), so both refuse the same outputs in the same words: a
UsageError, which a command shows as a usage error (exit 2). That no output may replace an
input is :mod:`tendereval.inputs`'s rule. So is the rule that the folder a named output goes
in must be there already (:func:`in_folders_there`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from tendereval.errors import UsageError


def one_file_each(outputs: Mapping[str, str | Path | None]) -> None:
    """A UsageError naming both when two of ``outputs`` (each by what asked for it: an
    argument, ``json_path``, or an option, ``--json``) are the same file (:func:`same_file`);
    None is no file."""
    given = [(name, path) for name, path in outputs.items() if path is not None]
    for at, (name, path) in enumerate(given):
        for other, other_path in given[at + 1 :]:
            if same_file(path, other_path):
                raise UsageError(_same_file_words(name, other, path, other_path))


def in_folders_there(outputs: Mapping[str, str | Path | None]) -> None:
    """A UsageError naming the folder when the folder one of ``outputs`` (each by what asked
    for it) is to go in does not exist. ``allocate -o
    /nonexistent/dir/x.xlsx`` made the folder tree silently, so a folder name mistyped
    (``reprots/``) left the file where no one would look for it. An output that is a folder
    itself (``summaries -o DIR``) is made, in a folder that must be there. None is no file,
    ``-`` the standard output; the tender's own ``reports/`` (beside its ``tender.toml``),
    where tendereval writes when no output is named, is made as needed, named or not."""
    for name, path in outputs.items():
        if path is None or str(path) == "-":
            continue
        folder = Path(path).parent
        try:
            os.stat(folder)
        except FileNotFoundError:
            missing = _missing_from(folder)
            if _reports_of_a_tender(missing):
                continue  # made as it is when no option names a file there
            raise UsageError(
                f"{name} names '{path}', but the folder '{missing}' does not exist: check the "
                "name, or make the folder first (a folder named for an output is not made, so "
                "that a name mistyped is not a new folder holding the file)"
            ) from None
        except OSError:
            # A file where the folder should be, a folder the system will not look in: said
            # when the file is written, as any output that cannot be written is (exit 1).
            continue


def _reports_of_a_tender(folder: Path) -> bool:
    """Whether ``folder`` is a tender folder's own ``reports/`` (beside its plan), which
    tendereval makes wherever it writes there."""
    from tendereval.layout import REPORTS_FOLDER

    return folder.name == REPORTS_FOLDER and (folder.parent / "tender.toml").is_file()


def _missing_from(folder: Path) -> Path:
    """The first folder of ``folder``'s path that is not there: the one to check the name of."""
    missing = folder
    while missing.parent != missing and not os.path.lexists(missing.parent):
        missing = missing.parent
    return missing


def _same_file_words(name: str, other: str, path: str | Path, other_path: str | Path) -> str:
    """What is said of ``name`` and ``other`` naming one file: the path once when both wrote it
    alike, else each as written."""
    named = f"'{path}'" if str(path) == str(other_path) else f"'{path}' and '{other_path}'"
    return (
        f"{name} and {other} both name {named}, the same file, so one would replace the "
        "other: give each its own file name"
    )


def same_file(one: str | Path, other: str | Path) -> bool:
    """Whether two paths are one file once links and ``..`` are followed, in any capitals
    where the file system ignores them (Windows', macOS's by default)."""
    # realpath, not Path.resolve: it never raises (a link loop, a name too long), and such a
    # path is reported when it is written.
    first, second = (os.path.normcase(os.path.realpath(p)) for p in (one, other))
    if first == second:
        return True
    return first.casefold() == second.casefold() and folds_case(Path(first).parent)


def folds_case(folder: Path) -> bool:
    """Whether the file system holding ``folder`` finds a name in any capitals: asked of the
    nearest folder there that exists and has a letter in its name, by looking for it with
    its capitals swapped. False when nothing there can tell."""
    probe = folder
    while probe != probe.parent and not (
        os.path.exists(probe) and probe.name.swapcase() != probe.name
    ):
        probe = probe.parent
    if probe == probe.parent:
        return False
    try:
        return os.path.samefile(probe, probe.with_name(probe.name.swapcase()))
    except OSError:  # no such folder: the file system tells the capitals apart
        return False
