"""``tendereval validate``: check the plan and every input, list every problem."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tendereval.commands.options import (
    PathValue,
    UsablePath,
    explained,
    progress_line,
)
from tendereval.commands.outputs import STDOUT, Outputs
from tendereval.inputs import Inputs, tender_inputs
from tendereval.stdstreams import write_data
from tendereval.terminal import printable
from tendereval.wording import counted

if TYPE_CHECKING:
    from tendereval.validation import ValidationReport


@click.command("validate")
@click.argument("path", metavar="PATH", type=UsablePath(path_type=Path))
@click.option(
    "--json",
    "json_path",
    type=PathValue(stdout=True, dir_okay=False),
    help="Also write the problems to this JSON file ('-': the standard output).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as problems (exit 1).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the problems.")
@click.pass_context
@explained("nothing was checked")
def command(
    ctx: click.Context, path: Path, json_path: str | None, strict: bool, quiet: bool
) -> None:
    """Check a tender folder: the plan first, then every bid return and score sheet. Or check
    an offers file (.csv or .xlsx, as allocate reads it) or a scenarios file (.toml, as
    scenarios reads it) before the longer run.

    Lists every problem grouped by file, naming the sheet and cell, what was found and what
    was expected (a problem found in many places is shown at the first few; --json lists
    every one). Exits 0 when there are no errors, 1 when there are, 2 on a usage error.

    \b
    Example:
      tendereval validate examples/carers-short-breaks
      tendereval validate my-tender --json problems.json
      tendereval validate examples/offers/homecare-offers.csv
    """
    outputs = Outputs({"--json": json_path})
    outputs.check(tender_inputs(path) if path.is_dir() else Inputs(files=(path,)))
    from tendereval.validation import validate

    report = validate(path, progress=progress_line)
    with outputs.lines_aside() as stdout:
        _checked(report, json_path, quiet)
    if outputs.to_stdout:
        from tendereval.validation import problems_json_text

        write_data(stdout, problems_json_text(report))
    ctx.exit(1 if report.errors or (strict and report.problems) else 0)


def _checked(report: ValidationReport, json_path: str | None, quiet: bool) -> None:
    """Write the problems to ``json_path`` (a file), and say what was checked and found."""
    from tendereval.console import echo_problems, format_weights
    from tendereval.validation import write_problems_json

    if json_path and json_path != STDOUT:
        write_problems_json(report, json_path)
    if not quiet and report.plan is not None:
        click.echo(printable(f"{report.plan.tender_id}: {report.plan.title}"))
        click.echo(printable(_inputs_read(report)) + "\n")
        for line in format_weights(report.plan):
            click.echo(line)
        click.echo("")
    elif not quiet and report.described:
        click.echo(printable(f"{report.folder.name} ({report.checked} file): {report.described}"))
        click.echo("")
    echo_problems(report.problems)
    if not report.problems:
        click.echo("No problems found.")


def _inputs_read(report: ValidationReport) -> str:
    """The lots, and the bids and scores read, counted in the form the tender uses."""
    lots = f"{len(report.plan.lots) if report.plan else 0} lot(s)"
    if report.consolidated:
        return (
            f"{lots}; bids from {counted(report.suppliers, 'supplier')} and scores from "
            f"{counted(report.evaluators, 'evaluator')} in {report.consolidated} "
            "(the consolidated form)"
        )
    return f"{lots}; {report.bid_files} bid file(s); {report.score_files} score file(s)"
