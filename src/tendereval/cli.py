"""The ``tendereval`` command line: a click group whose commands live in ``tendereval.commands``.

Commands are imported only when they run, so ``tendereval --help`` never pays for polars,
PuLP, openpyxl or XlsxWriter. Each command module holds one short click command named
``command``.

Exit codes (documented in the README):
  0  success
  1  problems found in the inputs (listed on the terminal), or an output that cannot be
     written (with advice); a reader that stops early (| head) changes nothing
  2  usage error (bad options or arguments, a folder that cannot be used)
  3  internal error: a bug; the traceback goes to a log file whose path is printed
  130 interrupted (Ctrl-C), the shell's code for a run stopped by SIGINT; 143 and 129 for
      one stopped by SIGTERM (the system, a scheduler) or SIGHUP (its terminal closed)
"""

from __future__ import annotations

import gc
import importlib
import io
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import NoReturn

import click

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as the shell gives a program Ctrl-C stopped

INTERRUPTED = (
    "Interrupted: tendereval stopped before it finished. Each file it wrote is whole (a file "
    "is put in place only once complete), but this run's outputs may not all be there: run "
    "the command again."
)

# name -> (module under tendereval.commands, one-line help shown by `tendereval --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "Create a tender folder with a commented evaluation plan."),
    "template": (
        "template",
        "Build Excel templates (bid return, score sheet, matrix) from a plan.",
    ),
    "validate": ("validate", "Check the plan and every bid and score sheet; list all problems."),
    "score": ("score", "Score the bids and rank them per lot."),
    "summaries": (
        "summaries",
        "Write one assessment summary (PCR 2015: award decision notice) per supplier.",
    ),
    "publish": ("publish", "Write the award as an OCDS release package (Find a Tender's format)."),
    "allocate": ("allocate", "Choose which offers win which lots, under a declared policy."),
    "scenarios": ("scenarios", "Compare ways of splitting a service into lots."),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._available(cmd_name):
            return None
        module = importlib.import_module(f"tendereval.commands.{COMMANDS[cmd_name][0]}")
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help comes from COMMANDS so listing commands imports none of them.
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    @staticmethod
    def _available(name: str) -> bool:
        from importlib.util import find_spec

        return find_spec(f"tendereval.commands.{COMMANDS[name][0]}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tendereval")
def cli() -> None:
    """Evaluate public-sector tenders: validate bids, score them, allocate lots, report.

    \b
    A typical tender:
      tendereval init my-tender --preset 40-40-20
      tendereval template bid-return --tender my-tender -o bid-return.xlsx
      tendereval validate my-tender
      tendereval score my-tender

    Run any command with --help for its options and an example.
    """
    from tendereval.io.folder_listing import listed_once

    # One command's run lists each folder once, however many of its checks and writers look
    # for names in it (the tender folder was listed 36 times in one score).
    click.get_current_context().with_resource(listed_once())


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning any unexpected error into exit 3 with a log file."""
    from tendereval.stdstreams import guarded

    _escape_what_the_terminal_cannot_show()
    with guarded(), _stopped_as_interrupted():  # guarded: a reader that stops early (| head)
        _run(argv)


class Stopped(KeyboardInterrupt):
    """The run was asked to stop by a signal other than Ctrl-C's: SIGTERM (the system shutting
    down, a scheduler's time limit) or SIGHUP (the terminal window closed). Raised as Ctrl-C
    is, so every file being written is put back or cleaned up the same way: before, such a run
    ended at once, with no word, leaving temporary files and its lock in the folder."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stopped_as_interrupted() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Stopped` while a command runs (where the operating
    system has them, and only in the main thread, which alone may set a handler); the handlers
    there before are restored after, for a program that calls :func:`main` and carries on."""

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    earlier: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        # A signal the run was started ignoring stays ignored: `nohup tendereval summaries …`
        # is how a long run outlives the terminal it was started from.
        if number is None or signal.getsignal(number) is signal.SIG_IGN:
            continue
        try:
            earlier[number] = signal.signal(number, stop)
        except ValueError:  # not the main thread
            break
    try:
        yield
    finally:
        for number, handler in earlier.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


def _run(argv: list[str] | None) -> NoReturn:
    """Run the command and exit with its code; what stopped it said in words."""
    try:
        # standalone_mode=False: click returns ctx.exit(code) as a value instead of exiting.
        code = cli.main(args=argv, prog_name="tendereval", standalone_mode=False)
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except click.exceptions.Abort as exc:
        # click turns Ctrl-C into Abort: not a usage error, whatever the command was doing.
        if isinstance(exc.__cause__, KeyboardInterrupt):
            _interrupted(exc.__cause__)
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        _escaped_message(exc).show()
        sys.exit(EXIT_USAGE)
    except SystemExit:
        raise
    except OSError as exc:
        from tendereval.atomic import OutputNotWritten

        if isinstance(exc, OutputNotWritten):  # a file open in Excel, a read-only folder
            click.echo(exc.advice(), err=True)
            sys.exit(EXIT_PROBLEMS)
        _crash(exc, argv)
    except Exception as exc:
        _crash(exc, argv)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _escaped_message(exc: click.ClickException) -> click.ClickException:
    """``exc`` with its message printable, line by line (terminal.printable): a usage error
    quotes the argument given, and an escape sequence or a direction override in it must be
    shown, not acted on by the terminal or stripped by click into another value."""
    from tendereval.terminal import printable

    exc.message = "\n".join(printable(line) for line in exc.message.split("\n"))
    return exc


def _interrupted(exc: KeyboardInterrupt) -> NoReturn:
    if isinstance(exc, Stopped):  # 128 + the signal's number, as the shell would give
        name = signal.Signals(exc.signum).name
        told = INTERRUPTED.replace(
            "Interrupted: tendereval stopped", f"Stopped ({name}): tendereval was asked to stop", 1
        )
        with suppress(OSError):  # (the terminal it would be told on may be closed)
            click.echo(told, err=True)
        sys.exit(128 + exc.signum)
    click.echo(INTERRUPTED, err=True)
    sys.exit(EXIT_INTERRUPTED)


def run() -> None:
    """The program's entry point (the ``tendereval`` script, ``python -m tendereval``):
    :func:`main`, then the process ends.

    Ending the interpreter searches every object the libraries loaded for reference cycles
    to free: 50 ms of the 0.6 s ``score`` takes on a dozen lots, for memory the operating
    system frees at once when the process ends. The work is done by then and every file
    closed, so those objects are frozen (left out of the search) first. Only here: a program
    that calls :func:`main` and carries on keeps its collection of cycles.

    Under a locale whose character set is not UTF-8 it first starts itself again in
    Python's UTF-8 mode, so that file names are read as they are written
    (:mod:`tendereval.utf8mode`)."""
    from tendereval.utf8mode import in_utf8_mode

    in_utf8_mode()
    try:
        main()
    finally:
        gc.freeze()


def _escape_what_the_terminal_cannot_show() -> None:
    """Output redirected to a file on Windows is written in the locale's code page, and a
    terminal may be set to Latin-1: a character it has no code for (a dash, "Łódź Care")
    would stop the run after the work was done. Such a character is written as its escape
    (\\u0141) instead; the text stays unambiguous, and the exit code says what happened.
    Python gives the C locale's ASCII streams (``LC_ALL=C`` with UTF-8 mode off) the handler
    that writes back a file name's undecodable bytes (surrogateescape), which stops at a dash
    all the same: they are escaped too. A UTF-8 stream keeps it, as every character has a code
    there and a name's bytes are written back as they were."""
    from tendereval.utf8mode import is_utf8

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and (
            stream.errors == "strict"
            or (stream.errors == "surrogateescape" and not is_utf8(stream.encoding))
        ):
            stream.reconfigure(errors="backslashreplace")


def _crash(exc: Exception, argv: list[str] | None) -> NoReturn:
    """A bug: the details go to a log file, never a traceback on the user's screen."""
    from tendereval.crashlog import write_crash_log

    log = write_crash_log(exc, argv if argv is not None else sys.argv[1:])
    click.echo(
        f"tendereval stopped because of an internal error: {exc.__class__.__name__}.\n"
        f"This is a bug in tendereval, not in your files. The details are in {log}\n"
        "Please send that file to whoever supports tendereval for you.",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)
