"""``tendereval allocate``: choose which offers win which lots, under a declared policy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from tendereval.commands.options import (
    allocation_solver_options,
    refuse_inputs_as_outputs,
    tender_inputs,
)

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


def _pairs(values: tuple[str, ...], option: str, convert) -> dict[str, object]:
    """``NAME=VALUE`` options as a dict; a usage error names the bad one."""
    pairs: dict[str, object] = {}
    for item in values:
        name, sep, raw = item.rpartition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"{option} needs NAME=VALUE (got '{item}')")
        try:
            pairs[name.strip()] = convert(raw.strip())
        except ValueError:
            raise click.UsageError(f"{option}: '{raw}' is not a valid value in '{item}'") from None
    return pairs


def _whole(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


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
    multiple=True,
    metavar="LOT=AMOUNT",
    help="Most an offer for a lot may cost (repeatable). A package may cost up to "
    "the sum of its lots' budgets.",
)
@click.option(
    "--supplier-max-lots",
    multiple=True,
    metavar="NAME=K",
    help="Most lots a supplier can take on (its capacity; repeatable).",
)
@click.option(
    "--supplier-max-value",
    multiple=True,
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
    type=Money(),
    default=0.0,
    help="The buyer's cost of managing each contract (a package is one contract); "
    "added to the total cost.",
)
@click.option(
    "--min-quality",
    multiple=True,
    metavar="SCORE|LOT=SCORE",
    help="Least quality score an offer needs: for every lot (60) or one lot "
    "(ASH=70); repeatable. Uses the quality column, or the total score if absent.",
)
@allocation_solver_options
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the result as JSON ('-' for the terminal).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.xlsx",
    help="Also write an Excel workbook.",
)
@click.pass_context
def command(
    ctx: click.Context,
    offers: Path,
    objective: str,
    award_all_lots: bool,
    max_lots_per_supplier: int | None,
    min_sme_share: float | None,
    min_vcse_share: float | None,
    count_second_tier: bool | None,
    budget: float | None,
    lot_budget: tuple[str, ...],
    supplier_max_lots: tuple[str, ...],
    supplier_max_value: tuple[str, ...],
    min_suppliers: int | None,
    max_supplier_share: float | None,
    contract_cost: float,
    min_quality: tuple[str, ...],
    solver: str,
    time_limit: float | None,
    json_path: Path | None,
    output: Path | None,
) -> None:
    """Choose which offers win which lots, under a declared participation policy.

    OFFERS is a CSV (or .xlsx) with columns offer_id, supplier, lots, price, score, sme,
    vcse and optionally group. lots is one lot id, or several separated by ; for a package
    offer. Offers of one supplier sharing a group exclude each other.

    OFFERS may instead be a tender folder: its bids are scored first, and each ranked bid
    (evaluated price, total score) and each package offer becomes an offer. The plan's lot
    cap and second-tier rule apply unless the options below override them.

    Scoring stays provider-blind: the policy options here (lot cap, SME/VCSE shares, minimum
    suppliers, maximum supplier share) are applied openly, and the result always shows the
    unconstrained best-value allocation beside the constrained one, with the cost of the
    difference.

    Exit codes: 0 solved (optimal, or feasible when a time limit stopped the solver), 1
    problems in the offers file or a policy no allocation can meet, 2 usage error.

    \b
    Example:
      tendereval allocate examples/offers/homecare-offers.csv \\
          --max-lots-per-supplier 4 --min-sme-share 0.3
      tendereval allocate examples/homecare-districts --award-all-lots
      tendereval allocate offers.csv --objective cost --award-all-lots \\
          --contract-cost 25k --json result.json -o allocation.xlsx
    """
    if output is not None and output.suffix.lower() != ".xlsx":
        raise click.UsageError(f"the output file must end in .xlsx (got '{output.name}')")
    inputs = tender_inputs(offers) if offers.is_dir() else {"files": [offers]}
    refuse_inputs_as_outputs((json_path, output), **inputs)

    from tendereval.allocation import Policy, allocate, read_offers
    from tendereval.atomic import write_text
    from tendereval.console import echo_problems
    from tendereval.errors import UsageError
    from tendereval.report.allocation_text import summary_lines

    input_errors = False
    published = ""  # the lot-cap mechanism the plan publishes, when allocating a tender folder
    if offers.is_dir():
        frame, problems, plan = _offers_from_folder(offers)
        if plan is None:
            echo_problems(problems)
            ctx.exit(1)
        # The plan's published lot cap and second-tier rule apply unless overridden here.
        if max_lots_per_supplier is None:
            max_lots_per_supplier = plan.lot_cap.max_lots_per_supplier
        if count_second_tier is None:
            count_second_tier = plan.second_tier_counts
        published = plan.lot_cap.mechanism.strip()
        if problems:
            echo_problems(problems)
            click.echo("Bids with errors make no offer; the others are allocated.\n", err=True)
        input_errors = any(p.is_error for p in problems)
    else:
        frame, problems = read_offers(offers)
        if problems:
            echo_problems(problems)
            ctx.exit(1)
    if frame.is_empty():
        click.echo(f"{offers} holds no offers.", err=True)
        ctx.exit(1)
    count_second_tier = bool(count_second_tier)
    policy = Policy(
        objective=objective,
        award_all_lots=award_all_lots,
        max_lots_per_supplier=max_lots_per_supplier,
        min_sme_share=min_sme_share,
        min_vcse_share=min_vcse_share,
        count_second_tier=count_second_tier,
        budget=budget,
        lot_budgets=_pairs(lot_budget, "--lot-budget", parse_money),
        supplier_max_lots=_pairs(supplier_max_lots, "--supplier-max-lots", _whole),
        supplier_max_value=_pairs(supplier_max_value, "--supplier-max-value", parse_money),
        min_suppliers=min_suppliers,
        max_supplier_share=max_supplier_share,
        contract_management_cost=contract_cost,
        min_quality_per_lot=_min_quality(min_quality, frame),
    )
    _warn_unknown_names(policy, frame)
    limit = f" (time limit {time_limit:g} s per run)" if time_limit else ""
    click.echo(f"Solving with {solver.upper()}{limit}…", err=True)
    try:
        result = allocate(frame, policy, solver=solver, time_limit=time_limit)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if published and policy.max_lots_per_supplier is not None:
        # The buyer must apply the mechanism it published (Procurement Act 2023, s.18): the
        # plan's words cannot be run, so the officer is shown both, every time.
        quoted = published if published.endswith((".", "!", "?")) else published + "."
        result.notes.append(
            f"The plan publishes this lot-cap mechanism: \u201c{quoted}\u201d This "
            "allocation applies tendereval's rule instead (the objective and tie-break shown at "
            "the top). Check that the two give the same award before relying on it; where they "
            "differ, the published mechanism governs."
        )
    for line in summary_lines(result):
        click.echo(line)
    if json_path is not None:
        text = json.dumps(result.to_dict(), indent=2, default=str)
        if str(json_path) == "-":
            click.echo(text)
        else:
            _write(json_path, lambda: write_text(json_path, text + "\n"))
    if output is not None:
        from tendereval.report.allocation_excel import write_allocation_workbook

        _write(output, lambda: write_allocation_workbook(result, output))
    if not result.solved or input_errors:
        ctx.exit(1)


def _offers_from_folder(folder: Path):
    """Score the tender in ``folder`` and turn its ranked bids and packages into offers."""
    from tendereval.allocation.from_tender import offers_from_scores
    from tendereval.allocation.offers import empty_offers
    from tendereval.io.tender import load_tender
    from tendereval.scoring.combine import score

    click.echo(f"Scoring the bids in {folder}…", err=True)
    tender = load_tender(folder)
    if tender.plan is None:
        return empty_offers(), tender.problems, None
    result = score(tender, sensitivity=False)
    return offers_from_scores(tender, result), tender.problems, tender.plan


def _min_quality(values: tuple[str, ...], frame) -> float | dict[str, float] | None:
    """One number for every lot, LOT=SCORE for one lot; both together give a per-lot dict."""
    if not values:
        return None
    everywhere: float | None = None
    per_lot: dict[str, float] = {}
    for item in values:
        if "=" in item:
            per_lot.update(_pairs((item,), "--min-quality", float))  # type: ignore[arg-type]
        else:
            try:
                everywhere = float(item)
            except ValueError:
                raise click.UsageError(f"--min-quality: '{item}' is not a score") from None
    if not per_lot:
        return everywhere
    if everywhere is not None:
        lots = set(frame.get_column("lots").explode().to_list())
        return {lot: per_lot.get(lot, everywhere) for lot in sorted(lots | set(per_lot))}
    return per_lot


def _warn_unknown_names(policy, frame) -> None:
    """A supplier or lot named in an option but not in the offers is probably a typing slip."""
    suppliers = set(frame.get_column("supplier").to_list())
    lots = set(frame.get_column("lots").explode().to_list())
    for name in sorted({*policy.supplier_max_lots, *policy.supplier_max_value} - suppliers):
        click.echo(f"Warning: no offer is from a supplier called '{name}'.", err=True)
    named_lots = set(policy.lot_budgets)
    if isinstance(policy.min_quality_per_lot, dict):
        named_lots |= set(policy.min_quality_per_lot)
    for lot in sorted(named_lots - lots):
        click.echo(f"Warning: no offer covers a lot called '{lot}'.", err=True)


def _write(path: Path, write) -> None:
    write()  # a file that cannot be written raises OutputNotWritten, reported by the CLI
    click.echo(f"Wrote {path}", err=True)
