"""``tendereval score DIR``: score the bids and print a ranked table per lot."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tendereval.commands.options import (
    PathValue,
    StepLines,
    TenderFolder,
    explained,
    progress_line,
    xlsx_only,
)
from tendereval.commands.outputs import STDOUT, Outputs
from tendereval.inputs import tender_inputs
from tendereval.limits import MAX_SEED, MAX_WEIGHT_SAMPLES
from tendereval.stdstreams import write_data
from tendereval.terminal import terminal_line

if TYPE_CHECKING:
    from tendereval.errors import Problem
    from tendereval.scoring.result import ScoreResult

EXAMPLE = """

\b
Example:
  tendereval score examples/carers-short-breaks
  (writes examples/carers-short-breaks/reports/csb-2026-01-evaluation.xlsx)
  tendereval score my-tender --json results.json --csv results.csv -o report.xlsx
  tendereval score my-tender --public      (a redacted report for publication)
  tendereval score my-tender --samples 20000 --seed 7
"""


@click.command(
    "score",
    help="Score the bids in the tender folder DIR and rank them per lot.\n\n"
    "Prints a ranked table for each lot with every bid's status (ranked, disqualified or "
    "invalid), its reasons and flags, and how robust the result is to the weights; then the "
    "problems in the inputs; and last the award in a sentence: how many lots are proposed for "
    "award, why the others are not, and whether the summaries to bidders (assessment "
    "summaries; under PCR 2015, award decision notices) may be sent or what must be settled "
    "first. Exits 1 when the inputs have errors (everything that can be "
    "scored is still scored)." + EXAMPLE,
)
@click.argument("folder", metavar="DIR", type=TenderFolder())
@click.option(
    "--json",
    "json_path",
    type=PathValue(stdout=True, dir_okay=False, path_type=Path),
    help="Also write the full result as JSON to this file ('-': the standard output).",
)
@click.option(
    "--csv",
    "csv_path",
    type=PathValue(stdout=True, dir_okay=False, path_type=Path),
    help="Also write one row per bid and lot as CSV to this file ('-': the standard output).",
)
@click.option(
    "-o",
    "--output",
    "xlsx_path",
    type=PathValue(dir_okay=False, path_type=Path),
    callback=xlsx_only,
    help="Where to write the Excel report [default: DIR/reports/<tender id>-evaluation.xlsx, "
    "or …-evaluation-public.xlsx with --public].",
)
@click.option(
    "--public",
    is_flag=True,
    help="Write the redacted report for publication: scores and the awarded supplier, no other "
    "bidder's name or price.",
)
@click.option("--no-report", is_flag=True, help="Do not write the Excel report.")
@click.option(
    "--samples",
    type=click.IntRange(min=0, max=MAX_WEIGHT_SAMPLES),
    default=10_000,
    show_default=True,
    help="Weight samples for the win probabilities.",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0, max=MAX_SEED),
    default=20261122,
    show_default=True,
    help="Seed for the weight samples (the same seed gives the same result).",
)
@click.option(
    "--no-sensitivity",
    is_flag=True,
    help="Skip tipping points, win probabilities and rank reversal.",
)
@click.pass_context
@explained("nothing was scored")
def command(
    ctx: click.Context,
    folder: Path,
    json_path: Path | None,
    csv_path: Path | None,
    xlsx_path: Path | None,
    public: bool,
    no_report: bool,
    samples: int,
    seed: int,
    no_sensitivity: bool,
) -> None:
    _no_report_means_none(ctx, no_report, xlsx_path, public)
    outputs = _outputs(folder, json_path, csv_path, xlsx_path, report=not no_report, public=public)
    outputs.check(tender_inputs(folder))
    from tendereval.atomic import OutputNotWritten
    from tendereval.console import exit_code
    from tendereval.scoring.combine import score
    from tendereval.scoring.output import render

    result = score(
        folder, samples=samples, seed=seed, sensitivity=not no_sensitivity, progress=progress_line
    )
    problems = [*result.problems, *result.award.problems]
    not_written: OutputNotWritten | None = None
    with outputs.lines_aside() as stdout:
        click.echo(render(result), nl=False)
        try:
            _write_files(result, outputs, report=not no_report, public=public, folder=folder)
        except OutputNotWritten as exc:
            not_written = exc
        finally:
            # A file that cannot be written (the report open in Excel) is said last: the
            # problems in the inputs, and the files written, are said first.
            _problems_and_verdict(result, problems)
    _send_to_stdout(result, outputs, stdout)
    if not_written is not None:
        raise not_written
    ctx.exit(exit_code(problems))


def _problems_and_verdict(result: ScoreResult, problems: list[Problem]) -> None:
    """The problems in the inputs, then, last, what the award comes to (the decision's
    verdict): on a tender of many lots the lot tables scroll out of sight."""
    from tendereval.console import echo_problems

    echo_problems(problems, heading="Problems in the inputs", err=False)
    click.echo("")
    for line in result.award.verdict():
        click.echo(terminal_line(line))


def _outputs(
    folder: Path,
    json_path: Path | None,
    csv_path: Path | None,
    xlsx_path: Path | None,
    *,
    report: bool,
    public: bool,
) -> Outputs:
    """The files asked for, with where the report goes when -o is not given, so that an option
    naming that file too is refused before any work."""
    return Outputs(
        {"--json": json_path, "--csv": csv_path, "-o": xlsx_path},
        defaults=_default_report(folder, public) if report and xlsx_path is None else {},
    )


def _send_to_stdout(result: ScoreResult, outputs: Outputs, stdout) -> None:
    """The JSON or CSV asked for as '-', as the very bytes its file would hold."""
    from tendereval.scoring.output import csv_text, json_text

    if outputs.to_stdout is not None:
        text = json_text(result) if outputs.to_stdout == "--json" else csv_text(result)
        write_data(stdout, text)


def _default_report(folder: Path, public: bool) -> dict[str, Path]:
    """Where the report is written when -o is not given, named by the plan's tender id; none
    when the plan cannot be read (nothing is scored then, so no report is written)."""
    from tendereval.layout import default_report_path
    from tendereval.plan import read_plan

    plan, _, _ = read_plan(folder)
    if plan is None:
        return {}
    return {"the report (-o's default)": default_report_path(folder, plan.tender_id, public=public)}


def _write_files(
    result: ScoreResult, outputs: Outputs, *, report: bool, public: bool, folder: Path
) -> None:
    """Write the files asked for (not the one going to the standard output), saying each as
    it is written."""
    from tendereval.scoring.output import writing_outputs

    files = {
        option: None if path is None or str(path) == STDOUT else path
        for option, path in outputs.named.items()
    }
    with StepLines() as steps:  # shown only when writing takes more than a second
        for line in writing_outputs(
            result,
            json_path=files["--json"],
            csv_path=files["--csv"],
            report=report,
            report_path=files["-o"],
            public=public,
            folder=folder,
            steps=steps,
        ):
            click.echo(line)


def _no_report_means_none(
    ctx: click.Context, no_report: bool, xlsx_path: Path | None, public: bool
) -> None:
    """--no-report with -o or --public is a contradiction, not a report silently not written."""
    if not no_report:
        return
    given = [name for name, value in (("-o", xlsx_path), ("--public", public)) if value]
    if given:
        raise click.UsageError(
            f"--no-report and {' and '.join(given)} contradict each other: --no-report writes "
            f"no report, {' and '.join(given)} say{'s' if len(given) == 1 else ''} how to "
            "write it. Give one or the other",
            ctx,
        )
