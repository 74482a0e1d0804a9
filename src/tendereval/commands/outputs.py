"""The files one run of a command writes, checked together before any work is done.

Every command names its outputs here by the option that gave each (``{"--json": …, "-o": …}``),
and any file it writes where no option named it (score's report in ``DIR/reports/``), and asks
:meth:`Outputs.check` once: two outputs naming the same file are a usage error (the later
replaced the earlier, and both were said to be written), and no output may replace or sit
among the inputs. ``-`` is the standard output, for a text output (JSON, CSV) only: the
command's own lines then go to stderr, so what a script reads is that output alone.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import click

from tendereval.inputs import Inputs

STDOUT = "-"
# Where a command's checked outputs are kept on its click context, for `explained`.
CHECKED = "tendereval.outputs"


@dataclass(frozen=True)
class Outputs:
    """The outputs of one run, by option: a path, ``"-"`` (standard output) or None (not
    asked for); and ``defaults``, the files written where no option named them, by what
    they are ("the report (-o's default)")."""

    named: Mapping[str, str | Path | None]
    defaults: Mapping[str, Path] = field(default_factory=dict)

    @property
    def to_stdout(self) -> str | None:
        """The option whose output goes to standard output, if any."""
        return next((option for option, path in self.named.items() if _is_stdout(path)), None)

    def path(self, option: str) -> str | Path | None:
        return self.named.get(option)

    def check(self, inputs: Inputs) -> None:
        """A usage error when two outputs name the same file (or both the standard output),
        a default among them, or when a file would replace one of ``inputs`` or sit among
        them. The checked outputs
        are kept on the command's context: a run stopped by its inputs then still writes a
        ``--json`` saying so (:func:`~tendereval.commands.options.explained`)."""
        given = [(option, path) for option, path in self.named.items() if path is not None]
        # A default is checked too: `score T --json T/reports/<id>-evaluation.xlsx` wrote the
        # JSON, then the report over it, and said both were written.
        written = [*given, *self.defaults.items()]
        for at, (option, path) in enumerate(written):
            for other, other_path in written[at + 1 :]:
                if _same_output(path, other_path):
                    raise click.UsageError(_same_words(option, other, path, other_path))
        inputs.refuse_as_outputs([path for _, path in given if not _is_stdout(path)])
        click.get_current_context().meta[CHECKED] = self

    @contextlib.contextmanager
    def lines_aside(self) -> Iterator[TextIO]:
        """Yields the standard output. While an output goes there, the command's own lines
        (the ranked table, "Wrote …") go to stderr: ``--json - | jq`` reads JSON alone."""
        stdout = sys.stdout
        if self.to_stdout is None:
            yield stdout
            return
        with contextlib.redirect_stdout(sys.stderr):
            yield stdout


def checked_outputs() -> Outputs | None:
    """The outputs the running command checked, or None before it did (or outside one)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(CHECKED) if ctx is not None else None


def _is_stdout(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def _same_words(option: str, other: str, path: str | Path, other_path: str | Path) -> str:
    if _is_stdout(path):
        return (
            f"{option} and {other} both go to the terminal (standard output, '-'), where the "
            "one would be mixed into the other: give one of them a file name"
        )
    named = f"'{path}'" if str(path) == str(other_path) else f"'{path}' and '{other_path}'"
    return (
        f"{option} and {other} both name {named}, the same file, so one would replace the "
        "other: give each its own file name"
    )


def _same_output(one: str | Path, other: str | Path) -> bool:
    """Whether two outputs are one file: both the standard output, or the same file once
    links and ``..`` are followed, in any capitals where the file system ignores them
    (Windows', macOS's by default)."""
    if _is_stdout(one) or _is_stdout(other):
        return _is_stdout(one) and _is_stdout(other)
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
