"""``tendereval init``: create a tender folder from a preset plan or a published notice."""

from __future__ import annotations

import shlex

import click
from click.core import ParameterSource

from tendereval.commands.options import PathValue, UsablePath, explained

PRESET_HELP = "70-30, 60-40, 40-40-20 (price/quality/social value) or ppn002"


@click.command("init")
@click.argument("folder", type=UsablePath(file_okay=False))
@click.option(
    "--preset", default="40-40-20", show_default=True, help=f"Starting plan: {PRESET_HELP}."
)
@click.option(
    "--from-notice",
    "notice",
    type=PathValue(dir_okay=False),
    metavar="NOTICE.json",
    help="Build the plan from the published tender notice (an OCDS release or release package "
    "as Find a Tender serves it), kept in the folder as notice.json; instead of --preset.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite an existing tender.toml (and notice.json), unless bid returns or score "
    "sheets are already in the folder.",
)
@click.pass_context
@explained("nothing was created")
def command(ctx: click.Context, folder: str, preset: str, notice: str | None, force: bool) -> None:
    """Create a tender folder with a commented evaluation plan to edit.

    The folder gets tender.toml (the plan: lots, criteria and weights, scales, price method,
    thresholds), and empty bids/ and scores/ folders for the returned workbooks. With
    --from-notice the lots, values, award criteria and weights are the notice's, and what the
    notice does not say is listed to settle.

    \b
    Example:
      tendereval init my-tender --preset 40-40-20
      tendereval init my-tender --from-notice 004512-2026.json
      (edit my-tender/tender.toml, then)
      tendereval validate my-tender
    """
    if notice is not None and ctx.get_parameter_source("preset") is ParameterSource.COMMANDLINE:
        raise click.UsageError("give --preset or --from-notice, not both")
    if notice is not None:
        from tendereval.console import echo_problems
        from tendereval.ocds.from_notice import init_from_notice
        from tendereval.terminal import printable

        made = init_from_notice(folder, notice, force=force)
        click.echo(f"Created {made.plan} from the published notice (kept as {made.notice})")
        click.echo("The notice does not say these; settle them before bids are opened:")
        for choice in made.choices:
            click.echo(printable(f"  - {choice}"))
        # Every one: the notice is kept, but nothing else lists what reading it found.
        echo_problems(made.problems, heading="Read from the notice", err=False, abridged=False)
        click.echo("Next: settle them in tender.toml, then run")
    else:
        from tendereval.api.init import init

        click.echo(f"Created {init(folder, preset, force=force)}")
        click.echo("Next: edit tender.toml (lots, questions, weights, approval), then run")
    typed = shlex.quote(folder)  # as it must be typed: "sp ace/t" was two arguments
    click.echo(f"  tendereval validate {typed}")
    click.echo(f"  tendereval template bid-return --tender {typed} -o bid-return.xlsx")
    click.echo(f"Returned bid workbooks go in {folder}/bids/, score sheets in {folder}/scores/.")
