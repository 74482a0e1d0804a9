"""``tendereval publish DIR``: the contract award as an OCDS release package."""

from __future__ import annotations

import sys
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
from tendereval.stdstreams import write_data

EXAMPLE = """

\b
Example:
  tendereval publish examples/carers-short-breaks --ocid-prefix ocds-abc123
  tendereval publish my-tender -o award.json
  tendereval publish my-tender --internal      (every bid, for the buyer's own records)
"""


@click.command(
    "publish",
    help="Write the award of the tender folder DIR as an OCDS release package, as Find a "
    "Tender publishes awards: the lots and award criteria, the bid counts, the awarded "
    "supplier of each lot and the standstill period (docs/ocds.md).\n\n"
    "The file is publishable: it names no other bidder and gives no other bid's price or "
    "scores. Nothing is written, and the exit code is 1, while a lot is undecided, the inputs "
    "have errors (other than in a tender withdrawn or recorded as rejected, in the return of "
    "a tender disqualified on its evaluators' scores, or in the buyer's in-house comparator's "
    "own return) or the plan "
    "differs from the published notice (notice.json)." + EXAMPLE,
)
@click.argument("folder", metavar="DIR", type=TenderFolder())
@click.option(
    "-o",
    "--output",
    type=PathValue(stdout=True, dir_okay=False, path_type=Path),
    help="The file to write ('-': the standard output) [default: "
    "DIR/reports/<tender id>-award-ocds.json].",
)
@click.option(
    "--internal",
    is_flag=True,
    help="Add every bid with its tenderer, price, status and reasons (bids.details), for the "
    "buyer's own records: never publish this file.",
)
@click.option(
    "--ocid-prefix",
    metavar="PREFIX",
    help="Your registered OCDS prefix (ocds- and six letters or digits); the ocid is the prefix "
    "and the tender id [default: the plan's [publication] setting, else notice.json's ocid].",
)
@click.option(
    "--summaries",
    "sent_summaries",
    type=PathValue(file_okay=False, path_type=Path),
    metavar="DIR",
    help="The folder the summaries to bidders recorded as sent (assessment summaries; under "
    "PCR 2015, award decision notices) were written to, checked "
    "against this award [default: each folder tendereval summaries wrote them to by the "
    "day sent, as DIR/reports/summaries-written.json notes; else DIR/reports/summaries].",
)
@click.pass_context
@explained("nothing was written")
def command(
    ctx: click.Context,
    folder: Path,
    output: Path | None,
    internal: bool,
    ocid_prefix: str | None,
    sent_summaries: Path | None,
) -> None:
    outputs = Outputs({"-o": output})
    outputs.check(tender_inputs(folder))
    from tendereval.ocds.publish import package_text, publish

    printed = outputs.to_stdout is not None
    with StepLines() as steps:  # shown only when it takes more than a second
        done = publish(
            folder,
            None if printed else output,
            internal=internal,
            ocid_prefix=ocid_prefix,
            steps=steps,
            sent_summaries=sent_summaries,
            write=not printed,
        )
    aside = done.package is None or printed  # (the standard output holds the package)
    for line in [*done.lines(), "", *done.closing()]:
        click.echo(line, err=aside)
    if printed and done.package is not None:
        write_data(sys.stdout, package_text(done.package))
    ctx.exit(0 if done.package is not None else 1)
