"""``tendereval score DIR``: score the bids and print a ranked table per lot."""

from __future__ import annotations

from pathlib import Path

import click

from tendereval.commands.options import (
    PathValue,
    StepLines,
    TenderFolder,
    explained,
    progress_line,
    xlsx_only,
)
from tendereval.inputs import tender_inputs
from tendereval.limits import MAX_SEED, MAX_WEIGHT_SAMPLES

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
    "invalid), its reasons and flags, and how robust the result is to the weights. Exits 1 "
    "when the inputs have errors (everything that can be scored is still scored)." + EXAMPLE,
)
@click.argument("folder", metavar="DIR", type=TenderFolder())
@click.option(
    "--json",
    "json_path",
    type=PathValue(dir_okay=False, path_type=Path),
    help="Also write the full result as JSON to this file.",
)
@click.option(
    "--csv",
    "csv_path",
    type=PathValue(dir_okay=False, path_type=Path),
    help="Also write one row per bid and lot as CSV to this file.",
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
    tender_inputs(folder).refuse_as_outputs((json_path, csv_path, xlsx_path))
    from tendereval.console import echo_problems, exit_code
    from tendereval.scoring.combine import score
    from tendereval.scoring.output import render, write_outputs

    result = score(
        folder, samples=samples, seed=seed, sensitivity=not no_sensitivity, progress=progress_line
    )
    click.echo(render(result), nl=False)
    with StepLines() as steps:  # shown only when writing takes more than a second
        written = write_outputs(
            result,
            json_path=json_path,
            csv_path=csv_path,
            report=not no_report,
            report_path=xlsx_path,
            public=public,
            folder=folder,
            steps=steps,
        )
    for line in written:
        click.echo(line)
    problems = [*result.problems, *result.award.problems]
    echo_problems(problems, heading="Problems in the inputs", err=False)
    ctx.exit(exit_code(problems))
