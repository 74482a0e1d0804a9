"""``tendereval allocate``: choose which offers win which lots, under a declared policy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from tendereval.commands.options import (
    PathValue,
    StepLines,
    allocation_solver_options,
    explained,
    progress_line,
    xlsx_only,
)
from tendereval.commands.outputs import STDOUT, Outputs
from tendereval.inputs import Inputs, tender_inputs
from tendereval.stdstreams import write_data

MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}


def parse_money(text: str) -> float:
    """``£2,500,000``, ``2500000``, ``2.5m`` or ``750k`` as pounds; ValueError otherwise."""
    match = re.fullmatch(r"£?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|m|bn)?", text.strip().lower())
    if not match:
        raise ValueError(text)
    return float(match.group(1).replace(",", "")) * MULTIPLIERS.get(match.group(2) or "", 1)


def parse_share(text: str) -> float:
    """``0.3`` or ``30%`` as 0.3; ValueError outside 0..1."""
    text = text.strip()
    value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    if not 0 <= value <= 1:
        raise ValueError(text)
    return value


class Money(click.ParamType):
    name = "AMOUNT"

    def convert(self, value, param, ctx):
        try:
            return parse_money(str(value))
        except ValueError:
            self.fail(f"'{value}' is not an amount of money (try 2500000, £2,500,000 or 2.5m)")


class Share(click.ParamType):
    name = "SHARE"

    def convert(self, value, param, ctx):
        try:
            return parse_share(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a share from 0 to 1 (try 0.3 or 30%)")


def _pairs(convert):
    """A click callback reading repeated ``NAME=VALUE`` options into a dict; a usage error
    names the bad one, and both values of a name given two (the later used to replace the
    earlier without a word: a supplier's capacity of 1 lot became 5). Names are compared as
    the offers are matched, case and spacing making no difference."""

    def callback(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
        from tendereval.io.keys import supplier_key

        pairs: dict[str, object] = {}
        given: dict[str, tuple[str, object, str]] = {}  # key: (name, value, as typed)
        for item in values:
            name, sep, raw = item.rpartition("=")
            name = name.strip()
            if not sep or not name:
                raise click.BadParameter(f"needs NAME=VALUE (got '{item}')", ctx, param)
            try:
                value = convert(raw.strip())
            except ValueError:
                raise click.BadParameter(
                    f"'{raw}' is not a valid value in '{item}'", ctx, param
                ) from None
            first = given.setdefault(supplier_key(name), (name, value, raw.strip()))
            if first[1] != value:
                raise click.BadParameter(_twice(first[0], first[2], raw.strip()), ctx, param)
            pairs[name] = value
        return pairs

    return callback


def _twice(name: str, first: str, second: str) -> str:
    return f"{name} is given twice, as {first} and as {second}: give it once, with the value meant"


def _whole(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def _min_quality(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    """``60`` for every lot, ``ASH=70`` for one; both together give a per-lot dict whose
    ``*`` entry is every other lot's (the library fills in the lots)."""
    if not values:
        return None
    per_lot = _pairs(float)(ctx, param, tuple(v for v in values if "=" in v))
    everywhere = [v.strip() for v in values if "=" not in v]
    scores = []
    for text in everywhere:
        try:
            scores.append(float(text))
        except ValueError:
            raise click.BadParameter(f"'{text}' is not a score", ctx, param) from None
    if len(set(scores)) > 1:
        other = next(
            text for text, score in zip(everywhere, scores, strict=True) if score != scores[0]
        )
        raise click.BadParameter(
            _twice("The score for every lot", everywhere[0], other), ctx, param
        )
    default = scores[0] if scores else None
    if not per_lot:
        return default
    return per_lot if default is None else {"*": default, **per_lot}


@click.command(name="allocate")
@click.argument("offers", type=click.Path(exists=True, path_type=Path), metavar="OFFERS")
@click.option(
    "--objective",
    type=click.Choice(["score", "cost"]),
    default="score",
    show_default=True,
    help="Maximise total score, or minimise total cost (price plus contract management cost).",
)
@click.option(
    "--award-all-lots",
    is_flag=True,
    help="Every lot must be awarded exactly once (otherwise at most once).",
)
@click.option(
    "--max-lots-per-supplier",
    type=click.IntRange(min=1),
    metavar="K",
    help="The cap on lots one supplier may win (Procurement Act 2023 s.23(4), PCR "
    "2015 reg 46(4)); a package counts as its number of lots.",
)
@click.option(
    "--min-sme-share",
    type=Share(),
    help="Least share of awarded value going to SMEs, e.g. 0.3 or 30%.",
)
@click.option("--min-vcse-share", type=Share(), help="Least share of awarded value going to VCSEs.")
@click.option(
    "--count-second-tier/--no-count-second-tier",
    default=None,
    help="Count (or not) subcontracted shares to SMEs/VCSEs named in a bid toward the shares "
    "[default: the plan's count_second_tier for a tender folder, else not].",
)
@click.option("--budget", type=Money(), help="Most the total price may be.")
@click.option(
    "--lot-budget",
    "lot_budgets",
    multiple=True,
    callback=_pairs(parse_money),
    metavar="LOT=AMOUNT",
    help="Most an offer for a lot may cost (repeatable). A package may cost up to "
    "the sum of its lots' budgets.",
)
@click.option(
    "--supplier-max-lots",
    multiple=True,
    callback=_pairs(_whole),
    metavar="NAME=K",
    help="Most lots a supplier can take on (its capacity; repeatable).",
)
@click.option(
    "--supplier-max-value",
    multiple=True,
    callback=_pairs(parse_money),
    metavar="NAME=AMOUNT",
    help="Most value of work a supplier can take on (repeatable).",
)
@click.option(
    "--min-suppliers",
    type=click.IntRange(min=1),
    metavar="N",
    help="At least N different suppliers must win.",
)
@click.option(
    "--max-supplier-share",
    type=Share(),
    help="Most share of awarded value any one supplier may win.",
)
@click.option(
    "--contract-cost",
    "contract_management_cost",
    type=Money(),
    default=0.0,
    help="The buyer's cost of managing each contract (a package is one contract); "
    "added to the total cost.",
)
@click.option(
    "--min-quality",
    "min_quality_per_lot",
    multiple=True,
    callback=_min_quality,
    metavar="SCORE|LOT=SCORE",
    help="Least quality score an offer needs: for every lot (60) or one lot "
    "(ASH=70); repeatable. Uses the quality column, or the total score if absent.",
)
@allocation_solver_options
@click.option(
    "--json",
    "json_path",
    type=PathValue(stdout=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the result as JSON ('-': the standard output, the JSON alone; the "
    "summary then goes to stderr).",
)
@click.option(
    "-o",
    "--output",
    type=PathValue(dir_okay=False, path_type=Path),
    callback=xlsx_only,
    metavar="FILE.xlsx",
    help="Also write an Excel workbook.",
)
@click.pass_context
@explained("nothing was allocated")
def command(
    ctx: click.Context,
    offers: Path,
    solver: str | None,
    time_limit: float | None,
    json_path: Path | None,
    output: Path | None,
    **settings: object,
) -> None:
    """Choose which offers win which lots, under a declared participation policy.

    OFFERS is a CSV (or .xlsx) with columns offer_id, supplier, lots, price, score, sme,
    vcse and optionally group. lots is one lot id, or several separated by ; for a package
    offer. Offers of one supplier sharing a group exclude each other.

    OFFERS may instead be a tender folder: its bids are scored first, and each ranked bid
    (evaluated price, total score) and each package offer becomes an offer. The plan's lot
    cap and second-tier rule apply unless the options below override them; ties are broken
    by the plan's tie-break and then as the published award goes (its cap_rule and the
    recorded decisions it applies, decisions.toml), never by name or offer order. The award
    under the plan's published rules is shown beside the optimiser's, lot by lot, with the
    difference in score and price: the published rules govern the award.

    Scoring stays provider-blind: the policy options here (lot cap, SME/VCSE shares, minimum
    suppliers, maximum supplier share) are applied openly, and the result always shows the
    unconstrained best-value allocation beside the constrained one, with the cost of the
    difference.

    Exit codes: 0 solved with every lot decided, or nothing to allocate; 1 problems in the
    offers file, a policy no allocation can meet, (for an offers file) a lot left undecided
    by a tie or by a time limit (an allocation not proved the best names no winner), or (for
    a tender) a lot the published rules leave undecided or anything holding the award back
    (an input error not put right nor settled by a recorded rejection or withdrawal), 2 usage
    error.

    \b
    Example:
      tendereval allocate examples/offers/homecare-offers.csv \\
          --max-lots-per-supplier 4 --min-sme-share 0.3
      tendereval allocate examples/homecare-districts --award-all-lots
      tendereval allocate offers.csv --objective cost --award-all-lots \\
          --contract-cost 25k --json result.json -o allocation.xlsx
    """
    outputs = Outputs({"--json": json_path, "-o": output})
    outputs.check(tender_inputs(offers) if offers.is_dir() else Inputs(files=(offers,)))
    from tendereval.api.allocate import allocate
    from tendereval.atomic import WrittenInTurn
    from tendereval.console import echo_problems
    from tendereval.report.allocation_text import errors_lines, tender_lines

    with StepLines() as steps:
        done = allocate(
            offers,
            solver=solver,
            time_limit=time_limit,
            progress=progress_line,
            steps=steps,
            **settings,
        )
    echo_problems(done.problems)
    if any(p.is_error for p in done.problems):
        click.echo("\n".join(errors_lines(done)) + "\n", err=True)
    with outputs.lines_aside() as stdout:
        for line in tender_lines(done):
            click.echo(line)
    # The workbook is written though the JSON file cannot be, and the other way round.
    in_turn = WrittenInTurn()
    if json_path is not None:
        in_turn.write(lambda: _write_json(done, json_path, stdout))
    if output is not None:
        in_turn.write(lambda: _write_workbook(done, output))
    in_turn.finish()
    ctx.exit(0 if done.ok else 1)


def _write_workbook(done, path: Path) -> None:
    from tendereval.report.allocation_excel import write_allocation_workbook

    write_allocation_workbook(
        done.allocation,
        path,
        published=done.comparison,
        plan=done.result.plan_identity if done.result is not None else "",
        caveats=done.award.caveats() if done.award is not None else [],
    )
    click.echo(f"Wrote {path}", err=True)


def _write_json(done, path: Path, stdout) -> None:
    text = json.dumps(done.to_dict(), indent=2, default=str)
    if str(path) == STDOUT:
        write_data(stdout, text + "\n")  # as the file holds it
        return
    from tendereval.atomic import write_text

    write_text(path, text + "\n")  # a file that cannot be written: OutputNotWritten, reported
    click.echo(f"Wrote {path}", err=True)
