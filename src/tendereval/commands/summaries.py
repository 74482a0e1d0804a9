"""``tendereval summaries DIR -o OUTDIR``: one assessment summary workbook per supplier."""

from __future__ import annotations

from pathlib import Path

import click

from tendereval.commands.options import (
    PathValue,
    StepLines,
    TenderFolder,
    explained,
)
from tendereval.commands.outputs import Outputs
from tendereval.inputs import tender_inputs
from tendereval.terminal import terminal_line

EXAMPLE = """

\b
Example:
  tendereval summaries examples/carers-short-breaks -o summaries/
  tendereval summaries my-tender        (writes to my-tender/reports/summaries/)
"""


@click.command(
    "summaries",
    help="Write one assessment summary workbook per supplier for the tender folder DIR (under "
    "PCR 2015, the award decision notice: every message then says so).\n\n"
    "Each summary gives the award criteria (title, relative importance, how scored, scores "
    "available), the supplier's own score and explanation for every criterion, sub-totals and "
    "total, the same for the most advantageous tender of each lot it bid for, and any further "
    "reason (such as disqualification) - as the Procurement Act 2023 s.50 and the Procurement "
    "Regulations 2024 reg 31 require (PCR 2015: reg 86). No other supplier's details appear. "
    "Exits 1 when the "
    "summaries may not be sent yet - the inputs have errors (other than in a tender withdrawn "
    "or recorded as rejected, in the return of a tender disqualified on its evaluators' "
    "scores, or in the buyer's in-house comparator's own return), first place in a lot is "
    "tied and "
    "not yet decided, a lot cap is given only in words, or anything else the terminal lists - "
    "and each is then marked NOT TO BE SENT YET at its top (summaries are still written for "
    "every supplier). A lot cap the plan states as a rule does not stop them." + EXAMPLE,
)
@click.argument("folder", metavar="DIR", type=TenderFolder())
@click.option(
    "-o",
    "--output",
    "outdir",
    type=PathValue(file_okay=False, path_type=Path),
    help="Folder for the summaries [default: DIR/reports/summaries]. Where they were written "
    "is noted in DIR/reports/summaries-written.json: once they are recorded as sent, score, "
    "summaries and publish compare them with the award there.",
)
@click.pass_context
@explained("no summaries were written")
def command(ctx: click.Context, folder: Path, outdir: Path | None) -> None:
    Outputs({"-o": outdir}).check(tender_inputs(folder))
    from tendereval.api.summaries import summaries
    from tendereval.console import echo_problems

    with StepLines() as steps:
        done = summaries(folder, outdir, steps=steps)
    for line in done.lines():
        click.echo(line)
    echo_problems(done.problems, heading="Problems", err=False, errors_only=True)
    click.echo("")
    for line in done.closing():  # a tie names the tied suppliers: bid text
        click.echo(terminal_line(line))
    ctx.exit(0 if done.ready else 1)
