"""The rule that the files one piece of work writes are each a file of their own.

Two outputs naming one file would have the later replace the earlier, and both be said to be
written (``score --json x --csv x`` said it wrote JSON to a file holding the CSV). Every
writer of several files asks here before it writes anything, called from a notebook
(:func:`tendereval.scoring.output.write_outputs`) or by a command (commands/outputs.py, which
names each output by its option), so both refuse the same outputs in the same words: a
UsageError, which a command shows as a usage error (exit 2). That no output may replace an
input is :mod:`tendereval.inputs`'s rule.
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
