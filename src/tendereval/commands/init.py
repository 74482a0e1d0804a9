"""``tendereval init``: create a tender folder from a preset plan."""

from __future__ import annotations

import click

from tendereval.commands.options import explained

PRESET_HELP = "70-30, 60-40, 40-40-20 (price/quality/social value) or ppn002"


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option(
    "--preset", default="40-40-20", show_default=True, help=f"Starting plan: {PRESET_HELP}."
)
@click.option("--force", is_flag=True, help="Overwrite an existing tender.toml.")
@explained("nothing was created")
def command(folder: str, preset: str, force: bool) -> None:
    """Create a tender folder with a commented evaluation plan to edit.

    The folder gets tender.toml (the plan: lots, criteria and weights, scales, price method,
    thresholds), and empty bids/ and scores/ folders for the returned workbooks.

    \b
    Example:
      tendereval init my-tender --preset 40-40-20
      (edit my-tender/tender.toml, then)
      tendereval validate my-tender
    """
    from tendereval.api.init import init

    created = init(folder, preset, force=force)
    click.echo(f"Created {created}")
    click.echo("Next: edit tender.toml (lots, questions, weights, approval), then run")
    click.echo(f"  tendereval validate {folder}")
    click.echo(f"  tendereval template bid-return --tender {folder} -o bid-return.xlsx")
    click.echo(f"Returned bid workbooks go in {folder}/bids/, score sheets in {folder}/scores/.")
