"""The allocation workbook: who wins what, the best-value comparison, and the policy in force.

Sheets:
  Allocation   the winning offers, and the winner of every lot (unawarded lots named)
  Suppliers    lots and value per supplier, under the policy and without it
  Comparison   totals side by side, the cost of the policy, and a bar chart of value going to
               SMEs, VCSEs and others under each answer
  Policy       every rule in force, the tie-break rule, solver, status, gap and explanation;
               offers set aside as ineligible or dominated
  Audit        what the allocation was made from (each file by its SHA-256), the solver and its
               version, the time limit and gap, the versions and the settings (the record)

Every number comes from the AllocationResult; nothing is recomputed here. Text from the
offers file (supplier names, offer ids) is written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import polars as pl

from tendereval.allocation.result import AllocationResult
from tendereval.errors import UsageError, described, made_by, workbook_path
from tendereval.inputs import never_over_the_tender
from tendereval.provenance import Provenance
from tendereval.report import styles
from tendereval.report.audit import record_pairs, write_inputs
from tendereval.report.book import Chart, Series, Workbook, Worksheet, cell_range, cell_ref
from tendereval.report.cells import (
    Col,
    atomic_save,
    put,
    write_heading,
    write_pairs,
    write_table,
    write_title,
)

STATUS_WORDS = {
    "optimal": "optimal: proved the best allocation under the policy",
    "feasible": "feasible: a good allocation, but the time limit stopped the solver before it "
    "proved it the best",
    "infeasible": "infeasible: no allocation meets every rule",
    "not_solved": "not solved: the time limit stopped the solver before it found an allocation",
    "no_offers": "no offers to allocate",
}


def write_allocation_workbook(
    result: AllocationResult,
    path: str | Path,
    *,
    when: dt.datetime | None = None,
    published: pl.DataFrame | None = None,
    plan: str = "",
    caveats: list[str] | None = None,
) -> Path:
    """Write the workbook to ``path`` atomically (a temporary file, then one rename).
    ``published``: for a tender, the comparison with the award under the plan's published
    rules (lot, published, optimiser, same), on a sheet of its own, under ``plan`` (which plan:
    ``tender.toml, SHA-256 …``), with the award's ``caveats`` above it
    (:meth:`AwardDecision.caveats`). A ``path`` that is the offers file the allocation was
    made from, or among a tender's inputs (its bids/, scores/, evaluation/, plan…), is a
    UsageError, as for every writer."""
    made_by(
        "write_allocation_workbook", result, AllocationResult, "tendereval.allocate(...).allocation"
    )
    read_from = result.provenance.read_from if result.provenance else ()
    never_over_the_tender(None, path, read_from=read_from, whose="the allocation's")
    workbook_path(path)
    _published_arguments(when, published, plan, caveats)
    workbook = build_allocation_workbook(result)
    if published is not None:
        sheet = workbook.create_sheet("Published award", 0)
        _published_sheet(sheet, published, plan, caveats or [])
    # UTC, as every other report records its time: the local clock would be written as UTC.
    return atomic_save(workbook, path, when=when or dt.datetime.now(dt.UTC))


def _published_arguments(when: object, published: object, plan: object, caveats: object) -> None:
    """A notebook's slips in :func:`write_allocation_workbook`'s settings, each named before
    anything is written: when=5 failed with "'int' object has no attribute 'replace'" once the
    workbook was made, published=[...] with "'list' object has no attribute 'rows'", and a
    plan or caveats that are not text were written into the sheet as they came."""
    if when is not None and not isinstance(when, dt.datetime):
        raise UsageError(
            "when must be a datetime (the time the workbook records, in UTC), or None for now "
            f"(got {described(when)})"
        )
    if published is not None and not isinstance(published, pl.DataFrame):
        raise UsageError(
            "published must be a polars DataFrame (lot, published, optimiser, same), such as "
            f"the command builds from the award, or None (got {described(published)})"
        )
    if not isinstance(plan, str):
        raise UsageError(
            f"plan must be text saying which plan, such as 'tender.toml, SHA-256 …' (got "
            f"{described(plan)})"
        )
    if caveats is not None and not (
        isinstance(caveats, list | tuple) and all(isinstance(c, str) for c in caveats)
    ):
        raise UsageError(
            "caveats must be a list of text, such as AwardDecision.caveats(), or None (got "
            f"{described(caveats)})"
        )


def _published_sheet(
    ws: Worksheet, comparison: pl.DataFrame, plan: str, caveats: list[str]
) -> None:
    top = write_title(
        ws,
        "The award under the plan's published rules",
        "The published rules (the ranking, the plan's tie-break, its lot-cap mechanism and the "
        "buyer's recorded decisions) govern the award; the optimiser's allocation is shown "
        "beside it for comparison." + (f" Evaluation plan: {plan}." if plan else ""),
        *caveats,
    )
    columns = [
        Col("Lot", 12),
        Col("Published award", 36, wrap=True),
        Col("Optimiser", 36, wrap=True),
        Col("Same", 8),
    ]
    write_table(ws, top + 1, columns, comparison.rows())
    styles.freeze_below(ws, top + 1)


def build_allocation_workbook(result: AllocationResult) -> Workbook:
    """The sheets described in the module docstring (Audit when the result has its record)."""
    workbook = Workbook()
    workbook.properties.output = "allocation workbook"
    _allocation_sheet(workbook.active, result)
    _suppliers_sheet(workbook.create_sheet("Suppliers"), result)
    _comparison_sheet(workbook.create_sheet("Comparison"), result)
    _policy_sheet(workbook.create_sheet("Policy"), result)
    if result.provenance is not None:
        _audit_sheet(workbook.create_sheet("Audit"), result.provenance)
    return workbook


def _allocation_sheet(ws: Worksheet, result: AllocationResult) -> None:
    ws.title = "Allocation"
    top = write_title(
        ws,
        "Lot allocation",
        f"Status: {STATUS_WORDS.get(result.status, result.status)}",
        f"Objective: {dict(result.policy.describe())['objective'].lower()}. "
        "See the Policy sheet for every rule and the tie-break.",
    )
    columns = [
        Col("Offer", 12),
        Col("Supplier", 30),
        Col("Lots", 28, wrap=True),
        Col("Lots won", 10, styles.COUNT),
        Col("Price", 16, styles.MONEY),
        Col("Score", 10, styles.TOTAL),
        Col("SME", 7),
        Col("VCSE", 7),
        Col("SME share 2nd tier", 10, "0.0%"),
        Col("VCSE share 2nd tier", 10, "0.0%"),
        Col("2nd tier from", 40, wrap=True),
    ]
    rows = [
        (
            offer["offer_id"],
            offer["supplier"],
            offer["lots"],
            "undecided" if offer["undecided"] else len(offer["lots"]),
            offer["price"],
            offer["score"],
            offer["sme"],
            offer["vcse"],
            offer["sme_subcontract_share"],
            offer["vcse_subcontract_share"],
            offer["second_tier_from"],
        )
        for offer in result.awarded_records()
    ]
    header = top + 1
    _, last = write_table(ws, header, columns, rows)
    ws.heights[header] = 30  # room for wrapped headers
    styles.freeze_below(ws, header)
    row = max(last, header) + 2
    row = write_heading(ws, row, "Winner of each lot")
    winners = {lot: (offer, supplier) for lot, offer, supplier, _ in result.winners.iter_rows()}
    # Without an allocation no lot is "not awarded": there is no award to leave it out of.
    nobody = (
        "not awarded" if result.solved else f"no allocation ({result.status.replace('_', ' ')})"
    )
    lot_rows = [
        (lot, "", result.undecided_between(lot))
        if lot in result.undecided
        else (lot, *winners.get(lot, ("", nobody)))
        for lot in result.lots
    ]
    write_table(
        ws, row, [Col("Lot", 12), Col("Offer", 30), Col("Supplier", 28)], lot_rows, set_widths=False
    )
    styles.print_landscape(ws, (header, header))


def _suppliers_sheet(ws: Worksheet, result: AllocationResult) -> None:
    top = write_title(
        ws,
        "Lots and value per supplier",
        "Under the policy, and in the unconstrained best-value allocation beside it.",
    )
    mine = {row["supplier"]: row for row in result.lots_per_supplier.to_dicts()}
    free_result = result.unconstrained
    free = (
        {row["supplier"]: row for row in free_result.lots_per_supplier.to_dicts()}
        if free_result is not None
        else {}
    )
    names = sorted(set(mine) | set(free), key=lambda s: (-mine.get(s, {}).get("value", 0), s))

    def figures(answer: AllocationResult | None, by_supplier: dict, name: str) -> tuple:
        # An answer with no allocation (infeasible, not solved) has no figures, not zeros,
        # as on the Comparison sheet and the terminal's "-".
        if answer is None or not answer.solved:
            return (None, None, None)
        row = by_supplier.get(name, {})
        return (row.get("lots", 0), row.get("value", 0.0), row.get("share_of_value", 0.0))

    columns = [
        Col("Supplier", 30),
        Col("Lots (policy)", 10, styles.COUNT),
        Col("Value (policy)", 16, styles.MONEY),
        Col("Share of value (policy)", 12, styles.PERCENT),
        Col("Lots (unconstrained)", 12, styles.COUNT),
        Col("Value (unconstrained)", 16, styles.MONEY),
        Col("Share of value (unconstrained)", 14, styles.PERCENT),
    ]
    rows = [
        (name, *figures(result, mine, name), *figures(free_result, free, name)) for name in names
    ]
    header = top + 1
    write_table(ws, header, columns, rows)
    ws.heights[header] = 30  # room for wrapped headers
    styles.freeze_below(ws, header, 1)
    styles.print_landscape(ws, (header, header))


def _comparison_sheet(ws: Worksheet, result: AllocationResult) -> None:
    free = result.unconstrained
    top = write_title(
        ws,
        "The policy against the best-value allocation",
        "Unconstrained: the same rules without the participation policy (lot cap, SME and "
        "VCSE shares, minimum suppliers, maximum supplier share).",
    )
    t, u = result.totals, (free.totals if free is not None else None)
    solved = result.solved
    free_solved = free is not None and free.solved

    def pair(getter) -> tuple[object, object]:
        return (getter(t) if solved else None, getter(u) if free_solved and u else None)

    measures = [
        ("Status", (result.status, free.status if free is not None else None), None),
        ("Total price", pair(lambda x: x.total_price), styles.MONEY),
        ("Contract management cost", pair(lambda x: x.contract_management_cost), styles.MONEY),
        ("Total cost", pair(lambda x: x.total_cost), styles.MONEY),
        ("Total score", pair(lambda x: x.total_score), styles.TOTAL),
        ("Lots awarded", pair(lambda x: x.lots_awarded), styles.COUNT),
        ("Contracts", pair(lambda x: x.contracts), styles.COUNT),
        ("Suppliers winning", pair(lambda x: x.suppliers), styles.COUNT),
    ]
    for name, label in (("sme", "SME"), ("vcse", "VCSE")):
        for key, words, fmt in (
            ("share_first_tier", "share of value, first tier", styles.PERCENT),
            ("share_second_tier", "share of value, second tier", styles.PERCENT),
            ("share_with_second_tier", "share of value, both tiers", styles.PERCENT),
            ("share_by_count", "share of contracts", styles.PERCENT),
        ):
            measures.append(
                (f"{label} {words}", pair(lambda x, n=name, k=key: x.participation[n][k]), fmt)
            )
    header = top + 1
    columns = [Col("Measure", 44), Col("Under the policy", 18), Col("Unconstrained", 18)]
    first, _ = write_table(ws, header, columns, [(m, a, b) for m, (a, b), _ in measures])
    for offset, (_, _, fmt) in enumerate(measures):
        for col in (2, 3):
            if fmt:
                ws.cell(row=first + offset, column=col).number_format = fmt
    styles.freeze_below(ws, header)
    row = first + len(measures) + 1
    row = write_heading(ws, row, "Cost of the policy")
    cost = result.cost_of_policy
    if cost is None:
        put(ws.cell(row=row, column=1), "Not available: one of the two allocations is unsolved.")
        row += 1
    else:
        for label, value, fmt in (
            ("Extra price paid", cost["price"], styles.MONEY),
            ("Extra total cost (with contract management)", cost["total_cost"], styles.MONEY),
            ("Score points given up", cost["score"], styles.MARGIN),
        ):
            put(ws.cell(row=row, column=1), label)
            ws.cell(row=row, column=1).font = styles.LABEL_FONT
            put(ws.cell(row=row, column=2), value, fmt)
            row += 1
        if not result.cost_of_policy_proved:
            put(
                ws.cell(row=row, column=1),
                "Approximate: the time limit stopped a solver before one of the two allocations "
                "was proved the best (see the notes on the Policy sheet); not proved.",
            )
            row += 1
    _value_chart(ws, result, row + 1)
    styles.print_landscape(ws)


def _value_chart(ws: Worksheet, result: AllocationResult, top: int) -> None:
    """Value to SMEs, VCSEs and other suppliers (first tier), policy against unconstrained."""
    write_heading(
        ws,
        top,
        "Value by kind of supplier (first tier; a supplier that is both an SME and a VCSE "
        "counts in both rows, so they can add up to more than the total)",
    )
    header = top + 1
    free = result.unconstrained

    def split(answer: AllocationResult | None) -> list[float | None]:
        if answer is None or not answer.solved:
            return [None, None, None]  # no allocation: no figures (not £0)
        sme = answer.totals.participation["sme"]["value_first_tier"]
        vcse = answer.totals.participation["vcse"]["value_first_tier"]
        return [sme, vcse, answer.totals.value_to_neither]

    mine, theirs = split(result), split(free)
    rows = [
        (kind, a, b) for kind, a, b in zip(("SMEs", "VCSEs", "Neither"), mine, theirs, strict=True)
    ]
    columns = [
        Col("Suppliers", 36),
        Col("Under the policy", 18, styles.MONEY),
        Col("Unconstrained", 18, styles.MONEY),
    ]
    first, last = write_table(ws, header, columns, rows, set_widths=False)
    chart = Chart(
        kind="column",
        title="Value awarded by kind of supplier",
        series=[
            Series(
                cell_range(ws, col, first, last),
                categories=cell_range(ws, 1, first, last),
                name_cell=cell_ref(ws, header, col),
            )
            for col in (2, 3)
        ],
        value_title="£",
        value_format=styles.MONEY_WHOLE,
        height=8,
        width=16,
    )
    ws.add_chart(chart, f"E{top}")


def _policy_sheet(ws: Worksheet, result: AllocationResult) -> None:
    top = write_title(
        ws,
        "Policy, tie-break and solver",
        "Scoring is provider-blind: SME and VCSE status is never a scoring input. "
        "Participation is widened only by the published rules below.",
    )
    header = top + 1
    rows = [
        *result.policy.describe(),
        ("status", STATUS_WORDS.get(result.status, result.status)),
        ("gap", result.gap_words),
        ("tie-break complete", "yes" if result.tie_break_complete else "no"),
        ("solver", result.solver_words),
        *(("explanation", line) for line in result.explanation),
        *(("note", line) for line in result.notes),
    ]
    first, _ = write_table(ws, header, [Col("Rule", 28), Col("In force", 100, wrap=True)], rows)
    for offset, (_, text) in enumerate(rows):
        # Wrapped rows need a height: viewers other than Excel do not grow them on opening.
        lines = math.ceil(len(str(text)) / 95) or 1
        ws.heights[first + offset] = 15 * lines
    styles.freeze_below(ws, header)
    styles.print_landscape(ws, (header, header))
    row = header + len(rows) + 2
    set_aside = []
    if result.excluded is not None:
        set_aside += [
            (r["offer_id"], f"not eligible: {r['reason']}", r["supplier"], r["lots"])
            for r in result.excluded.to_dicts()
        ]
    if result.dominated is not None:
        set_aside += [
            (
                r["offer_id"],
                f"dominated by {r['dominated_by'] or 'leaving its lots unawarded'}: {r['reason']}",
                "",
                "",
            )
            for r in result.dominated.to_dicts()
        ]
    if set_aside:
        row = write_heading(ws, row, "Offers set aside before solving")
        columns = [Col("Offer"), Col("Why", wrap=True), Col("Supplier"), Col("Lots")]
        write_table(ws, row, columns, set_aside, set_widths=False)


def _audit_sheet(ws: Worksheet, record: Provenance) -> None:
    """The record of the allocation, as the evaluation report's Audit sheet writes a score's."""
    top = write_title(
        ws,
        "Audit",
        "Everything needed to trace this allocation to what it was made from and make it "
        "again: the same files (by SHA-256), versions, solver, time limit and settings.",
    )
    row = write_pairs(ws, top + 1, record_pairs(record))
    if record.inputs.height:
        write_inputs(ws, row + 1, record.inputs)
    styles.set_widths(ws, {1: 34, 2: 70})
    styles.print_landscape(ws)
