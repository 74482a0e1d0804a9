"""``tendereval summaries DIR -o OUTDIR``: one assessment summary workbook per supplier."""

from __future__ import annotations

from pathlib import Path

import click

EXAMPLE = """

\b
Example:
  tendereval summaries examples/carers-short-breaks -o summaries/
  tendereval summaries my-tender        (writes to my-tender/reports/summaries/)
"""


@click.command(
    "summaries",
    help="Write one assessment summary workbook per supplier for the tender folder DIR.\n\n"
    "Each summary gives the award criteria (title, relative importance, how scored, scores "
    "available), the supplier's own score and explanation for every criterion, sub-totals and "
    "total, the same for the most advantageous tender of each lot it bid for, and any further "
    "reason (such as disqualification) - as the Procurement Act 2023 s.50 and the Procurement "
    "Regulations 2024 reg 31 require. No other supplier's details appear. Exits 1 when the "
    "inputs have errors, first place in a lot is tied, or the plan's lot cap binds (summaries "
    "are still written for every supplier)." + EXAMPLE,
)
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the summaries [default: DIR/reports/summaries].",
)
@click.pass_context
def command(ctx: click.Context, folder: Path, outdir: Path | None) -> None:
    if not folder.is_dir():
        raise click.BadParameter(f"there is no tender folder at {folder}", param_hint="DIR")
    from tendereval.commands.options import refuse_inputs_as_outputs, tender_inputs

    refuse_inputs_as_outputs((outdir,), **tender_inputs(folder))
    try:
        from tendereval.io.tender import load_tender
        from tendereval.scoring.combine import score
    except ImportError as exc:
        click.echo(
            "Assessment summaries need the tender loader and the scoring engine, which are not "
            f"available in this installation ({exc.name} is missing).",
            err=True,
        )
        ctx.exit(1)
    import polars as pl

    from tendereval.layout import REPORTS_FOLDER
    from tendereval.report.redact import Redactor, explanations
    from tendereval.report.summaries import write_summaries
    from tendereval.report.views import leaders
    from tendereval.terminal import printable

    tender = load_tender(folder)
    if tender.plan is None:
        click.echo("The evaluation plan cannot be used, so no summaries were written:", err=True)
        for problem in tender.problems:
            click.echo(f"  {problem}", err=True)
        ctx.exit(1)
    if any(p.code == "tender.no_bids" for p in tender.problems):
        click.echo("No bids were found, so no summaries were written.", err=True)
        ctx.exit(1)
    result = score(tender, sensitivity=False)
    target = outdir if outdir is not None else folder / REPORTS_FOLDER / "summaries"
    redact = Redactor.of(result)
    paths = write_summaries(result, target, redact)
    named = redact.names_in(explanations(result))
    click.echo(
        f"Wrote {len(paths)} assessment summar{'y' if len(paths) == 1 else 'ies'} to {target}"
    )
    invalid = (
        result.results.filter(pl.col("status") == "invalid")
        .get_column("supplier")
        .drop_nulls()
        .unique()
        .sort()
        .to_list()
    )
    if invalid:
        click.echo(
            "These suppliers have bids that could not be assessed (their summaries "
            "give the reasons): " + printable(", ".join(invalid))
        )
    if named:
        click.echo(
            f"{named} explanation{'s' if named > 1 else ''} named an evaluator; the summaries "
            "say 'an evaluator' instead. Read them before sending: a name written another way "
            "(a first name alone) is not caught."
        )
    tied = [lot for lot, first in leaders(result.results).items() if len(first) > 1]
    if tied:
        click.echo(
            f"First place is tied and not yet resolved in lot {', '.join(tied)}: the summaries "
            "say so, and are not ready to send until the tie is resolved (see "
            "docs/scoring.md, ties)."
        )
    if tender.errors:
        errors = len(tender.errors)
        click.echo(f"\nProblems in the inputs ({errors} error{'' if errors == 1 else 's'}):")
        for problem in tender.errors:
            click.echo(f"  {problem}")
    capped = sorted(set(result.flags.filter(pl.col("code") == "lot_cap.binds")["lot"]))
    if capped:
        click.echo(
            f"The plan's lot cap binds in lot {', '.join(capped)}: a supplier is first in more "
            "lots than it may win, so these summaries' 'most advantageous' is not yet the "
            "award. Decide the award under the published mechanism (tendereval allocate shows "
            "one) before sending them."
        )
    if tender.errors or tied or capped:
        ctx.exit(1)
