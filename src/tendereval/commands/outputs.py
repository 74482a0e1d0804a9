"""The files one run of a command writes, checked together before any work is done.

Every command names its outputs here by the option that gave each (``{"--json": …, "-o": …}``),
and any file it writes where no option named it (score's report in ``DIR/reports/``), and asks
:meth:`Outputs.check` once: two outputs naming the same file are a usage error (the library's
rule, :func:`tendereval.outputs.one_file_each`), and so is an output in a folder that is not
there (:func:`tendereval.outputs.in_folders_there`: a folder mistyped is not made); no output
may replace or sit among the inputs (:mod:`tendereval.inputs`). ``-`` is the standard output,
for a text output (JSON, CSV) only: the command's own lines then go to stderr, so what a
script reads is that output alone.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import click

from tendereval.errors import UsageError
from tendereval.inputs import Inputs
from tendereval.outputs import in_folders_there, one_file_each

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
        terminal = [option for option, path in written if _is_stdout(path)]
        if len(terminal) > 1:
            raise click.UsageError(_both_to_the_terminal(*terminal[:2]))
        files = {option: path for option, path in written if not _is_stdout(path)}
        try:
            one_file_each(files)  # the library's rules, in their words
            in_folders_there(dict(given))
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
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


def _both_to_the_terminal(option: str, other: str) -> str:
    return (
        f"{option} and {other} both go to the terminal (standard output, '-'), where the "
        "one would be mixed into the other: give one of them a file name"
    )
