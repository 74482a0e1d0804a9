"""``tendereval score DIR``: score the bids and print a ranked table per lot."""

from __future__ import annotations

from pathlib import Path

import click

from tendereval.commands.options import refuse_inputs_as_outputs, tender_inputs
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


def _load(folder: Path):
    """Load the tender folder (a seam for the tests)."""
    from tendereval.io.tender import load_tender

    return load_tender(folder)


def _write_excel(result, path: Path, public: bool) -> None:
    from tendereval.report.excel import write_report

    write_report(result, path, public=public)
    kind = "public (redacted) report" if public else "Excel evaluation report"
    click.echo(f"Wrote the {kind} to {path}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.command(
    "score",
    help="Score the bids in the tender folder DIR and rank them per lot.\n\n"
    "Prints a ranked table for each lot with every bid's status (ranked, disqualified or "
    "invalid), its reasons and flags, and how robust the result is to the weights. Exits 1 "
    "when the inputs have errors (everything that can be scored is still scored)." + EXAMPLE,
)
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the full result as JSON to this file.",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write one row per bid and lot as CSV to this file.",
)
@click.option(
    "-o",
    "--output",
    "xlsx_path",
    type=click.Path(dir_okay=False, path_type=Path),
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
    if not folder.is_dir():
        raise click.BadParameter(f"there is no tender folder at {folder}", param_hint="DIR")
    if xlsx_path is not None and xlsx_path.suffix.lower() != ".xlsx":
        raise click.BadParameter("the report file must end in .xlsx", param_hint="-o/--output")
    refuse_inputs_as_outputs((json_path, csv_path, xlsx_path), **tender_inputs(folder))

    from tendereval.scoring.combine import score
    from tendereval.scoring.output import render, render_problems, to_csv, write_json

    tender = _load(folder)
    if tender.plan is None:
        click.echo("The evaluation plan cannot be used, so nothing was scored:\n", err=True)
        click.echo(render_problems(tender.problems), err=True, nl=False)
        ctx.exit(1)
    if any(p.code == "tender.no_bids" for p in tender.problems):
        click.echo("No bids were found, so nothing was scored:\n", err=True)
        click.echo(render_problems(tender.problems), err=True, nl=False)
        ctx.exit(1)
    result = score(
        tender,
        samples=samples,
        seed=seed,
        sensitivity=not no_sensitivity,
        progress=lambda text: click.echo(text, err=True),
    )
    click.echo(render(result), nl=False)
    if json_path is not None:
        write_json(result, json_path)
        click.echo(f"Wrote the results as JSON to {json_path}")
    if csv_path is not None:
        to_csv(result, csv_path)
        click.echo(f"Wrote the results as CSV to {csv_path}")
    if not no_report:
        if xlsx_path is None:
            from tendereval.report.excel import default_report_path

            xlsx_path = default_report_path(folder, tender.plan.tender_id, public=public)
        _write_excel(result, xlsx_path, public)
    if tender.problems:
        errors = len(tender.errors)
        warnings = len(tender.problems) - errors
        click.echo(
            f"\nProblems in the inputs ({_count(errors, 'error')}, {_count(warnings, 'warning')}):"
        )
        click.echo(render_problems(tender.problems), nl=False)
    if tender.errors:
        ctx.exit(1)
