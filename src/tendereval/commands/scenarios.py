"""``tendereval scenarios``: compare ways of splitting a service into lots."""

from __future__ import annotations

from pathlib import Path

import click

from tendereval.atomic import WrittenInTurn
from tendereval.commands.options import (
    PathValue,
    StepLines,
    allocation_solver_options,
    explained,
    xlsx_only,
)
from tendereval.commands.outputs import STDOUT, Outputs
from tendereval.inputs import Inputs
from tendereval.limits import MAX_FRONTIER_STEPS, MAX_SCENARIO_SAMPLES, MAX_SEED
from tendereval.stdstreams import write_data
from tendereval.terminal import terminal_line
from tendereval.wording import counted, percent


@click.command("scenarios")
@click.argument("scenarios_file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=PathValue(dir_okay=False),
    callback=xlsx_only,
    help="Workbook to write (default: lot-splits.xlsx beside the scenarios file).",
)
@click.option(
    "--steps",
    type=click.IntRange(min=1, max=MAX_FRONTIER_STEPS),
    help="Steps on each participation frontier (default: the file's, else 10).",
)
@click.option(
    "--samples",
    type=click.IntRange(min=0, max=MAX_SCENARIO_SAMPLES),
    help="Price samples per packaging (default: the file's, else 20; 0 for none).",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0, max=MAX_SEED),
    help="Random seed for the price samples (default: the file's).",
)
@allocation_solver_options
@click.option(
    "--json",
    "json_path",
    type=PathValue(stdout=True, dir_okay=False),
    help="Also write every figure to this JSON file ('-': the standard output).",
)
@explained("nothing was modelled")
def command(
    scenarios_file: str,
    output: str | None,
    steps: int | None,
    samples: int | None,
    seed: int | None,
    solver: str,
    time_limit: float | None,
    json_path: str | None,
) -> None:
    """Compare ways of dividing a service into lots, before going to market.

    Reads SCENARIOS_FILE (service units, candidate packagings, a market model from market
    engagement) and, for each packaging, finds the expected allocation, its total cost with
    contract management, quality, SME and VCSE share, competition per lot and concentration;
    sweeps the "price of participation" frontier; samples the suppliers' price ranges; and
    writes a workbook with charts and a reasons paragraph per packaging for the notice
    (Procurement Act 2023 s.18). Exits 0 when done, 1 when the file has problems, 2 on a
    usage error.

    \b
    Example:
      tendereval scenarios examples/homecare-lot-splits/scenarios.toml -o lot-splits.xlsx
      tendereval scenarios scenarios.toml --steps 5 --samples 0 --json lot-splits.json
    """
    from tendereval.api.scenarios import scenarios
    from tendereval.console import echo_problems
    from tendereval.report.scenarios_excel import default_workbook_path, write_scenarios_workbook

    target = Path(output) if output else default_workbook_path(scenarios_file)
    outputs = Outputs({"-o": target, "--json": json_path})
    outputs.check(Inputs(files=(Path(scenarios_file),)))
    done = _with_steps_shown(
        scenarios,
        scenarios_file,
        samples=samples,
        seed=seed,
        steps=steps,
        solver=solver,
        time_limit=time_limit,
    )
    echo_problems(done.warnings)
    # The JSON file is written though the workbook cannot be, and the other way round.
    in_turn = WrittenInTurn()
    wrote_workbook = in_turn.write(
        lambda: write_scenarios_workbook(done.result, target, done.warnings)
    )
    with outputs.lines_aside() as stdout:
        _write_and_tell(done, target if wrote_workbook else None, json_path, in_turn)
    if json_path == STDOUT:
        write_data(stdout, _json_text(done))
    in_turn.finish()


def _with_steps_shown(scenarios, scenarios_file: str, **options):
    """``scenarios(scenarios_file, **options)`` with its bar, and the packaging and step
    being worked on shown on a terminal, as allocate shows its levels: the bar alone stood
    still for minutes on one packaging of 75 lots."""
    with StepLines() as step_lines:
        return scenarios(scenarios_file, progress=_progress_bar, step_lines=step_lines, **options)


def _write_and_tell(
    done, workbook: Path | None, json_path: str | None, in_turn: WrittenInTurn
) -> None:
    """Write the JSON file asked for; print the comparison and the files written."""
    to_file = json_path is not None and json_path != STDOUT
    wrote_json = to_file and in_turn.write(lambda: _write_json(done, json_path))
    for line in summary_lines(done.result):
        click.echo(terminal_line(line))
    if workbook is not None:
        click.echo(f"\nWorkbook written to {workbook}")
    if wrote_json:
        click.echo(f"Figures written to {json_path}")


def _progress_bar(total: int):
    import sys

    return click.progressbar(length=total, label="Modelling packagings", file=sys.stderr)


def _write_json(done, path: str) -> None:
    from tendereval.atomic import write_text

    write_text(path, _json_text(done))


def _json_text(done) -> str:
    import json

    return json.dumps(done.to_dict(), indent=2, default=str) + "\n"


def summary_lines(result) -> list[str]:
    """The comparison as a fixed-width table for the terminal."""
    model = result.model
    lines = [
        model.title,
        f"{counted(len(model.units), 'unit')}, "
        f"{counted(len(model.suppliers), 'potential supplier')}; seed {result.seed}, "
        f"{counted(result.samples, 'price sample')}, {counted(result.steps, 'frontier step')}.",
        "",
        f"{'Packaging':<34} {'Lots':>4} {'Annual cost':>13} {'vs best':>7} {'Quality':>7} "
        f"{'SME':>6} {'VCSE':>6} {'Bidders':>7} {'Max SME':>7}",
    ]
    for row in result.comparison.iter_rows(named=True):
        name = row["name"] if len(row["name"]) <= 34 else row["name"][:33] + "…"
        if row["total_cost"] is None:
            lines.append(f"{name:<34} {row['lots']:>4}  {row['not_allocated']}")
            continue
        mark = " *" if row["best"] else ""
        lines.append(
            f"{name:<34} {row['lots']:>4} {_money(row['total_cost']):>13} "
            f"{_pct(row['extra_vs_best_share'], signed=True):>7} {row['quality']:>7.1f} "
            f"{_pct(row['sme_share']):>6} {_pct(row['vcse_share']):>6} "
            f"{row['min_bidders']:>7} {_pct(row['highest_sme_share']):>7}{mark}"
        )
    best = "highest expected quality" if model.objective == "quality" else "lowest expected cost"
    lines.append("")
    lines.append(
        f"* {best}. vs best: total cost against the starred packaging's. Bidders: fewest "
        "eligible "
        "bidders in any lot. Max SME: most attainable SME share."
    )
    for row in result.comparison.iter_rows(named=True):
        if row["note"] and row["total_cost"] is not None:
            lines.append(f"Note on {row['name']}: {row['note']}")
    stopped = result.frontier.filter(result.frontier["status"] == "feasible").height
    if stopped:
        lines.append(
            f"{stopped} frontier step(s) were stopped by the time limit before being proved "
            "best; they are marked in the workbook."
        )
    return lines


def _money(amount: float) -> str:
    return f"£{amount:,.0f}"


def _pct(share: float | None, signed: bool = False) -> str:
    if share is None:
        return "–"
    text = percent(share)
    return f"+{text}" if signed and not text.startswith("-") else text
