"""``tendereval template``: build an Excel template from a tender's evaluation plan."""

from __future__ import annotations

from pathlib import Path

import click

from tendereval.api.template import KINDS
from tendereval.commands.options import (
    PathValue,
    StepLines,
    TenderFolder,
    explained,
)
from tendereval.terminal import printable
from tendereval.wording import counted


@click.command(name="template")
@click.argument("kind", type=click.Choice(KINDS), metavar="KIND")
@click.option(
    "--tender",
    "tender",
    required=True,
    type=TenderFolder(),
    help="The tender folder holding tender.toml.",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=PathValue(dir_okay=False, path_type=Path),
    help="Where to write the workbook (.xlsx).",
)
@click.option(
    "--evaluator",
    default=None,
    help="Score sheets: the evaluator's name, filled in on the declaration.",
)
@click.option(
    "--group",
    default=None,
    help="Score sheets: an evaluator group from the plan (e.g. service_users); "
    "only the questions that group scores are included.",
)
@explained("no template was written")
def command(
    kind: str,
    tender: Path,
    output: Path,
    evaluator: str | None,
    group: str | None,
) -> None:
    """Build an Excel template from the tender's plan.

    KIND is one of: bid-return (one per supplier), score-sheet (one per evaluator),
    moderation (the panel's consensus scores) or matrix (everything in one workbook).

    The workbook has this tender's lots, price items and questions filled in, an
    Instructions sheet, drop-downs and number checks, and every sheet protected except the
    shaded cells people type into. Score and moderation sheets list one row per bid and
    question once bids are in the tender's bids/ folder.

    \b
    Example:
      tendereval template bid-return --tender my-tender -o bid-return.xlsx
      tendereval template score-sheet --tender my-tender --evaluator "A. Patel" -o a-patel.xlsx
      tendereval template score-sheet --tender my-tender --group service_users -o panel.xlsx
      (a group must first be declared in the plan's [evaluation]: docs/templates.md)
    """
    from tendereval.api.template import template

    with StepLines() as steps:  # shown only when it takes more than a second
        made = template(kind, tender, output, evaluator=evaluator, group=group, steps=steps)
    if not made.bidders_listed:
        click.echo(
            "No bids in the tender's bids/ folder yet, so the supplier cells are left "
            "blank to fill in."
        )
    click.echo(f"Wrote the {kind} template to {made.path}")
    if made.bids_listed:
        click.echo(
            f"It lists the {counted(made.bids_listed, 'bid')} in bids/ now, a row for each "
            "question: a bid that arrives later is not on it, and the award waits until that "
            "bid is scored (make a new sheet for it then)." + _withdrawn(made.bids_withdrawn)
        )
    if made.scores_shown:
        click.echo(_scores_shown(made.to_moderate, made.moderated))
    if made.marked_for:
        click.echo(
            f"It records that it was made for tender {printable(made.marked_for)} under the plan "
            "as it is now: one returned after the plan's lots, prices, questions or scales "
            "change, or made for another tender, is named when it is read."
        )
    from tendereval.console import echo_problems

    echo_problems(made.problems, heading="Settle these in the plan before the template goes out")


def _scores_shown(to_moderate: int, moderated: int) -> str:
    """What the moderation workbook shows: ``to_moderate`` rows marked 'yes' need a consensus
    score, ``moderated`` more are marked 'yes' and have one already (the row says so)."""
    if not to_moderate and not moderated:
        return (
            "It shows each row's evaluators' scores as they are now; none are far enough apart "
            "to need moderating."
        )
    shown = (
        "It shows each row's evaluators' scores as they are now, and marks 'yes' the "
        f"{counted(to_moderate + moderated, 'row')} whose scores are far apart"
    )
    if not moderated:
        return f"{shown}: each needs a consensus score and the reason the panel agreed."
    waiting = (
        f"{counted(to_moderate, 'row needs', 'rows need')} a consensus score and the reason "
        "the panel agreed, and "
        if to_moderate
        else ""
    )
    return (
        f"{shown}: {waiting}{counted(moderated, 'row has', 'rows have')} one already "
        "(the row says so)."
    )


def _withdrawn(count: int) -> str:
    if not count:
        return ""
    return f" It leaves out the {counted(count, 'bid')} decisions.toml records as withdrawn."
