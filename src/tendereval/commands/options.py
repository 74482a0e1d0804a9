"""Options shared by more than one command, declared once so they read the same everywhere."""

from __future__ import annotations

import functools
import json
import math
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from tendereval.errors import InputError


def _finite(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    # FloatRange lets nan through (it is neither below nor above a bound) and inf.
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds", ctx=ctx, param=param)
    return value


def explained(consequence: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Turn the library's typed errors into what the officer reads, once for every command:
    a tender folder that is not there or a setting that cannot be used is a usage error
    (exit 2); inputs that stop the work are listed by file, sheet and cell (exit 1), with
    ``consequence`` ("nothing was scored") saying what was not done, and a ``--json`` asked
    for says the same (:func:`write_nothing_done`)."""

    def wrap(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            from tendereval.console import echo_problems
            from tendereval.errors import InputError, TenderNotFound, UsageError

            try:
                return command(*args, **kwargs)
            except (TenderNotFound, UsageError) as exc:
                raise click.UsageError(str(exc)) from None
            except InputError as exc:
                summary = exc.summary[0].upper() + exc.summary[1:]
                click.echo(f"{summary}, so {consequence}:", err=True)
                echo_problems(exc.problems)
                write_nothing_done(exc, consequence)
                click.get_current_context().exit(1)

        return run

    return wrap


def write_nothing_done(exc: InputError, consequence: str) -> None:
    """Replace the ``--json`` file the command checked (:class:`Outputs`) with what this run
    found: ``{"outcome": consequence, "why", "errors", "warnings", "problems": [...],
    "tendereval_version", "tendereval_source"}``, the problems as ``validate --json`` lists
    them. Before, the previous run's file was left in place, complete and parseable: a script
    read its ranking as this run's."""
    from tendereval.commands.outputs import STDOUT, checked_outputs

    outputs = checked_outputs()
    path = outputs.path("--json") if outputs is not None else None
    if path is None:
        return
    text = json.dumps(_nothing_done(exc, consequence), indent=2, ensure_ascii=False) + "\n"
    if str(path) == STDOUT:
        click.echo(text, nl=False)
        return
    from tendereval.atomic import write_text

    write_text(path, text)  # a file that cannot be written: OutputNotWritten, reported
    click.echo(f"Wrote {path}, saying {consequence} and why", err=True)


def _nothing_done(exc: InputError, consequence: str) -> dict[str, Any]:
    from tendereval import __version__
    from tendereval.provenance import source_sha256

    errors = sum(p.is_error for p in exc.problems)
    return {
        "outcome": consequence,
        "why": exc.summary,
        "errors": errors,
        "warnings": len(exc.problems) - errors,
        "problems": [p.to_dict() for p in exc.problems],
        "tendereval_version": __version__,
        "tendereval_source": source_sha256(),
    }


class PathValue(click.Path):
    """A path given to an option, never another option: with ``--json --no-report`` the JSON
    went to a file called "--no-report" and the report was written all the same. A value that
    begins with "-" is refused; a file really named so is written ./-name. "-" alone is the
    standard output where ``stdout`` (a JSON or CSV output), and refused elsewhere (a workbook,
    a folder): before, ``score -o -`` wrote a workbook called "-" into the current folder."""

    def __init__(self, *, stdout: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stdout = stdout

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = str(value)
        option = _named(param)
        if text == "-" and not self.stdout:
            self.fail(
                f"{option} needs a file or folder name, not '-': only a JSON or CSV output can "
                "go to the terminal (standard output); write ./- for a file that is really "
                "called that",
                param,
                ctx,
            )
        if text.startswith("-") and text != "-":
            self.fail(
                f"{option} needs a file or folder name, but the next word was '{text}', which "
                f"reads as an option: give the name right after it ({option} NAME), or write "
                f"./{text} for a file that is really called that",
                param,
                ctx,
            )
        return super().convert(value, param, ctx)


def _named(param: click.Parameter | None) -> str:
    """An option as typed (--json), an argument as its help shows it (PATH)."""
    if param is None:
        return "it"
    return param.opts[0] if isinstance(param, click.Option) else param.human_readable_name


class UsablePath(PathValue):
    """A folder or file to read (or a folder to make) that the operating system can look at:
    a name too long for it, or a link that loops, is a usage error naming the path (exit 2).
    Before, ``validate``, ``score`` and ``init`` given a folder name of 300 characters
    crashed (exit 3) where the name was first looked at."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        try:
            os.stat(path)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            pass  # said where it is used, as before (init makes it; a folder not there)
        except OSError as exc:
            self.fail(f"'{path}' cannot be used: {exc.strerror or exc}", param, ctx)
        return path


class TenderFolder(UsablePath):
    """A tender folder given on the command line. A file given for it (the plan, a bid) is
    refused in the library's words, which name the folder to give: click's own "Directory
    '…/tender.toml' is a file" left the officer to work that out."""

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if os.path.isfile(path):
            from tendereval.errors import no_tender_folder

            self.fail(str(no_tender_folder(Path(path))), param, ctx)
        return path


def xlsx_only(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An option naming a workbook to write must end in .xlsx: the library's rule and words
    (:func:`tendereval.errors.workbook_path`), refused before any work is done."""
    from tendereval.errors import UsageError, workbook_path

    if value is not None:
        try:
            workbook_path(value)
        except UsageError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return value


def progress_line(text: str) -> None:
    """A line of progress before slow work, on stderr so it never mixes with results."""
    click.echo(text, err=True)


# Steps are shown once the work has run this long: a quick run prints only its results.
STEPS_AFTER = 1.0  # seconds


class StepLines:
    """Shows the steps of long work with their times, on stderr, and only when that is a
    terminal: an officer kept waiting is told what is happening; a log, a pipe or a test is
    not filled with timings that differ on every run. The lines of the first ``STEPS_AFTER``
    seconds are held back and shown only if the work is still running then, so a quick run
    prints nothing more. Use as a context manager; call it with each line."""

    def __init__(self) -> None:
        self.on_terminal = stderr_is_terminal()
        self.held: list[str] = []
        self.showing = STEPS_AFTER <= 0
        self.lock = threading.Lock()
        self.timer = threading.Timer(STEPS_AFTER, self.show)
        self.timer.daemon = True

    def __enter__(self) -> StepLines:
        if self.on_terminal and not self.showing:
            self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        with self.lock:
            self.showing = False  # the work is over: nothing more is shown

    def __call__(self, text: str) -> None:
        if not self.on_terminal:
            return
        with self.lock:
            if self.showing:
                click.echo(text, err=True)
            else:
                self.held.append(text)

    def show(self) -> None:
        """Show the lines held back, and every later one as it comes."""
        with self.lock:
            self.showing = True
            for text in self.held:
                click.echo(text, err=True)
            self.held.clear()


def stderr_is_terminal() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)  # None when Python runs without a stderr
    return bool(isatty and isatty())


def allocation_solver_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--solver cbc|highs`` (HiGHS when installed, else CBC) and ``--time-limit SECONDS``:
    allocate's and scenarios' alike."""
    command = click.option(
        "--time-limit",
        type=click.FloatRange(min=0, min_open=True),
        callback=_finite,
        metavar="SECONDS",
        help="Longest any one solver run may take; a stopped run reports 'feasible' "
        "with its gap, never 'optimal'. Explaining why a policy cannot be met takes "
        "this long at most, all its solves together.",
    )(command)
    return click.option(
        "--solver",
        type=click.Choice(["cbc", "highs"]),
        default=None,
        callback=_default_solver,
        help="HiGHS (the highspy package) when it is installed, else CBC, which comes "
        "with PuLP.  [default: highs if installed, else cbc]",
    )(command)


def _default_solver(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    # Imported here: the solver module loads PuLP, which `--help` should not wait for.
    from tendereval.allocation.solvers import default_solver

    return value or default_solver()
