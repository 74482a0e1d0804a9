"""The allocation as plain text for the terminal: status, totals, shares, winners, the
unconstrained comparison and the cost of the policy. Every number comes from the result."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import polars as pl

from tendereval.allocation.result import AllocationResult, Totals
from tendereval.terminal import printable, terminal_line
from tendereval.wording import figure, percent, pounds

if TYPE_CHECKING:
    from tendereval.api.allocate import TenderAllocation

STATUS_LINES = {
    "optimal": "optimal (proved the best allocation under the policy)",
    "feasible": "feasible (the time limit stopped the solver before it proved this the best)",
    "infeasible": "infeasible (no allocation meets every rule)",
    "not_solved": "not solved (the time limit stopped the solver before it found an allocation)",
    "no_offers": "no offers to allocate",
}


def summary_lines(result: AllocationResult) -> list[str]:
    """The terminal summary, one line per item."""
    lines = [f"Status: {STATUS_LINES.get(result.status, result.status)}"]
    if result.status == "feasible" and result.gap is not None:
        lines.append(
            f"Gap: {result.gap_words} (how much better the best allocation could still be)"
        )
    lines.append(f"Objective: {dict(result.policy.describe())['objective'].lower()}")
    lines += _wrap(
        f"Tie-break ({result.policy.tie_break}): {result.policy.tie_break_text()}",
        subsequent_indent="  ",
    )
    lines.append(f"Solver: {result.solver_words}")
    if result.explanation:
        lines += ["", "Why no allocation meets the policy:"]
        for line in result.explanation:
            lines += _wrap(line, initial_indent="  - ", subsequent_indent="    ")
    free = result.unconstrained
    if result.solved or (free is not None and free.solved):
        lines += ["", *_comparison(result)]
    if result.solved:
        lines += ["", "Winners per lot:"]
        winners = {
            lot: (offer, supplier, package)
            for lot, offer, supplier, package in result.winners.iter_rows()
        }
        width = max((len(lot) for lot in result.lots), default=3)
        for lot in result.lots:
            if lot in result.undecided:
                lines.append(f"  {lot:<{width}}  {result.undecided_between(lot)}")
            elif lot in winners:
                lines.append(f"  {lot:<{width}}  {_winner(lot, *winners[lot])}")
            else:
                lines.append(f"  {lot:<{width}}  not awarded")
        lines += ["", "Lots per supplier:"]
        for row in result.lots_per_supplier.iter_rows(named=True):
            kinds = [k for k, on in (("SME", row["sme"]), ("VCSE", row["vcse"])) if on]
            tag = f" ({', '.join(kinds)})" if kinds else ""
            lines.append(
                f"  {row['supplier']}{tag}: {row['lots']} lot{'s' * (row['lots'] != 1)}, "
                f"{pounds(row['value'])} ({percent(row['share_of_value'])} of value)"
            )
    lines += _not_eligible(result)
    if result.notes:
        lines += ["", *[f"Note: {note}" for note in result.notes]]
    return [terminal_line(line) for line in lines]  # names come from the offers file


def _winner(lot: str, offer: str, supplier: str, package: bool) -> str:
    """The lot's winner, named once. An offer a tender folder made has for its id only its
    supplier and lot ("Wye Valley Carers CIC / ASH") or package ("… / package P1"), so the
    supplier is named, with the package; "X / A  X" read as the "X / A or Y / A" of an
    undecided lot. An offers file's own id (HC-052) is kept beside the supplier."""
    made = f"{supplier} / "
    if offer == made + lot:
        return supplier
    if offer.startswith(made + "package "):
        return f"{supplier} ({offer.removeprefix(made)})"
    return f"{offer}  {supplier}{' (package)' if package else ''}"


def tender_lines(done: TenderAllocation) -> list[str]:
    """The optimiser's summary and, for a tender, the award under the plan's published rules
    beside it, lot by lot, with the difference in score and price."""
    lines = summary_lines(done.allocation)
    comparison = done.comparison
    if done.award is None or comparison is None:
        return lines
    cap = done.award.cap
    rule = (
        f"lot cap {cap.limit}, applied by the plan's rule ({cap.rule or 'words only'})"
        if cap.limit is not None
        else "no lot cap"
    )
    lines += ["", f"The award under the plan's published rules ({rule}), beside the optimiser's:"]
    width = max(len(lot) for lot in comparison["lot"])
    left = max(len(str(name)) for name in [*comparison["published"], "Published award"])
    lines.append(f"  {'':<{width}}  {'Published award':<{left}}  Optimiser")
    for lot, published, optimiser, same in comparison.rows():
        mark = "" if same else "   <- differs"
        lines.append(f"  {lot:<{width}}  {published:<{left}}  {optimiser}{mark}")
    for caveat in done.award.caveats():  # as score says them beside each proposed award
        lines += _wrap(caveat, initial_indent="  ", subsequent_indent="    ")
    differences = done.differences
    if differences is not None and not comparison["same"].all():
        lines.append(
            f"The optimiser's allocation scores {_signed_points(differences['score'])} points "
            f"and costs {_signed_money(differences['price'])} against the published award "
            f"({figure(differences['published_score'], 4, every_place=True)} points, "
            f"{pounds(differences['published_price'])}). The published rules govern the award."
        )
    elif differences is not None:
        lines.append("The optimiser and the published rules award every lot the same way.")
    return [terminal_line(line) for line in lines]  # supplier names come from the bids


def errors_lines(done: TenderAllocation) -> list[str]:
    """What the input errors did to the offers, for when there are any: the bids they made
    invalid (no offer), those of them the buyer recorded as rejected (their errors hold the
    award back no longer), and, when there are errors in organisation or supply-chain details,
    that those make no bid invalid but count for no SME or VCSE share. ("Bids with errors make
    no offer" was said of a bid whose only errors were its supply-chain shares, which then won
    four lots.)"""
    if done.result is None:
        return ["Offers with errors make no offer; the others are allocated."]
    invalid = done.invalid_bids
    held, rejected = (
        "; ".join(
            f"{name} ({', '.join(lots) or 'no lot could be read from its return'})"
            for name, lots in part.select("supplier", "lots").rows()
        )
        for part in (invalid.filter(~pl.col("rejected")), invalid.filter(pl.col("rejected")))
    )
    # A lot the buyer decided not to award ([[no_award]]) is offered to nobody.
    closed = any(award.not_to_award for award in done.result.award.lots.values())
    where = " in a lot to be awarded" if closed else ""
    lines = []
    if held:
        lines.append(f"Bids made invalid by their errors make no offer: {held}.")
    if rejected:
        bids = (
            "A bid made invalid by its errors and recorded as rejected ([[rejection]] in "
            "decisions.toml) makes no offer, and its errors"
            if invalid["rejected"].sum() == 1
            else "Bids made invalid by their errors and recorded as rejected ([[rejection]] in "
            "decisions.toml) make no offer, and their errors"
        )
        lines.append(f"{bids} hold the award back no longer: {rejected}.")
    if not lines:
        lines.append(
            f"No bid is made invalid by these errors: every ranked bid{where} makes an offer."
        )
    elif done.allocation.status == "no_offers":
        lines[-1] += f" No other bid{where} makes an offer."
    else:
        lines[-1] += f" The others{where} make offers."
    if done.share_errors:
        lines.append(
            "Errors in organisation or supply-chain details make no bid invalid: a share of "
            "the work in error counts toward no SME or VCSE share, and a status that cannot "
            "be read is unknown."
        )
    return [terminal_line(line) for line in lines]


# A file of thousands of offers under a minimum quality sets aside hundreds: the first few show
# what the rule did, and every one is in the workbook and the JSON.
NOT_ELIGIBLE_SHOWN = 10


def _not_eligible(result: AllocationResult) -> list[str]:
    """The offers set aside as not eligible, each with its supplier, lots and the reason the
    allocation gave (the first ``NOT_ELIGIBLE_SHOWN``, in the offers' order)."""
    excluded = result.excluded
    if excluded is None or excluded.is_empty():
        return []
    lines = ["", "Offers not eligible (they cannot win):"]
    for offer, supplier, lots, reason in excluded.head(NOT_ELIGIBLE_SHOWN).iter_rows():
        which = f"lot{'s' * (len(lots) != 1)} {';'.join(lots)}"
        lines += _wrap(
            f"{offer} ({supplier}, {which}): {reason}",
            initial_indent="  ",
            subsequent_indent="    ",
        )
    more = excluded.height - NOT_ELIGIBLE_SHOWN
    if more > 0:
        lines.append(
            f"  and {more:,} more (every one is listed in the workbook's Policy sheet, "
            "-o FILE.xlsx, and the JSON's excluded_offers, --json FILE)"
        )
    return lines


def _wrap(text: str, **indents: str) -> list[str]:
    """A long sentence as lines of at most 100 characters, made printable before it is wrapped
    (a line break inside a name from a file must never start a line of its own)."""
    return textwrap.wrap(printable(text), width=100, **indents)


def _comparison(result: AllocationResult) -> list[str]:
    free = result.unconstrained
    mine = result.totals if result.solved else None
    theirs = free.totals if free is not None and free.solved else None
    # The unconstrained column read as the best value must say when it was not proved so.
    unproved = free is not None and free.status != "optimal"
    rows: list[tuple[str, str, str]] = []
    if unproved:
        rows += [
            ("Status", _status_word(result), _status_word(free)),
            ("Gap (how much better it could be)", _gap_cell(result), _gap_cell(free)),
        ]
    rows += [
        ("Total price", *_both(mine, theirs, lambda t: pounds(t.total_price))),
        ("Total score", *_both(mine, theirs, lambda t: figure(t.total_score, 4, every_place=True))),
    ]
    if result.policy.contract_management_cost:
        rows.append(
            ("Total cost incl. management", *_both(mine, theirs, lambda t: pounds(t.total_cost)))
        )
    rows += [
        ("Lots awarded", *_both(mine, theirs, lambda t: str(t.lots_awarded))),
        ("Contracts", *_both(mine, theirs, lambda t: str(t.contracts))),
        ("Suppliers winning", *_both(mine, theirs, lambda t: str(t.suppliers))),
    ]
    for name, label in (("sme", "SME"), ("vcse", "VCSE")):
        rows += [
            (
                f"{label} share of value (1st tier)",
                *_both(
                    mine, theirs, lambda t, n=name: _pct(t.participation[n]["share_first_tier"])
                ),
            ),
            (
                f"{label} share of value (1st + 2nd tier)",
                *_both(
                    mine,
                    theirs,
                    lambda t, n=name: _pct(t.participation[n]["share_with_second_tier"]),
                ),
            ),
            (
                f"{label} share of contracts",
                *_both(mine, theirs, lambda t, n=name: _pct(t.participation[n]["share_by_count"])),
            ),
        ]
    width = max(len(row[0]) for row in rows)
    lines = [f"{'':<{width}}  {'Under the policy':>18}  {'Unconstrained':>18}"]
    lines += [f"{label:<{width}}  {a:>18}  {b:>18}" for label, a, b in rows]
    cost = result.cost_of_policy
    lines.append("")
    lines.append(
        "Unconstrained = the same rules without the participation policy (lot cap, SME and "
        "VCSE shares, minimum suppliers, maximum supplier share)."
    )
    if unproved:
        lines += _wrap(f"Unconstrained: {STATUS_LINES[free.status]}{_gap_words(free)}.")
    if cost is not None:
        lines.append(
            f"Cost of the policy: {_signed_money(cost['price'])} in price"
            + (
                f" ({_signed_money(cost['total_cost'])} with contract management)"
                if result.policy.contract_management_cost
                else ""
            )
            + f", {_signed_points(cost['score'])} score points given up."
        )
    return lines


def _status_word(result: AllocationResult) -> str:
    return result.status.replace("_", " ")


def _gap_cell(result: AllocationResult) -> str:
    if result.status == "optimal":
        return percent(0, 2)
    if result.status == "feasible":
        return "unknown" if result.gap is None else percent(result.gap, 2)
    return "-"


def _gap_words(result: AllocationResult) -> str:
    if result.status != "feasible":
        return ""
    if result.gap is None:
        return "; how much better the best allocation could be is not known (no bound proved)"
    return f"; gap {result.gap_words} (the best allocation could be that much better)"


def _both(mine: Totals | None, theirs: Totals | None, show) -> tuple[str, str]:
    return (show(mine) if mine else "-", show(theirs) if theirs else "-")


def _signed_money(amount: float) -> str:
    shown = pounds(abs(amount))
    if shown == "£0.00":
        return shown
    return f"+{shown}" if amount > 0 else f"−{shown}"


def _signed_points(points: float) -> str:
    # To the 4 places totals are compared and shown in (comparison.py).
    return f"{points:+,.4f}" if abs(points) >= 0.00005 else "0.0000"


def _pct(value: float) -> str:
    return percent(value)
