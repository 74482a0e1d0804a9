"""The lot-split workbook: packagings side by side, the price-of-participation frontier, the
competition for each lot, the reasons paragraphs and every assumption behind them.

Sheets: Comparison (one row per packaging, with bar charts), Frontier (one row per step, with
a line chart of cost against the share reached for each packaging), Lots, Market (every
supplier's indicative bid or the reason it would not bid), Samples, Reasons and Assumptions.
The writer never recomputes: every number comes from the ``ScenarioResult``. Text from the
scenarios file is written as text, never as a formula, and the file is saved atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from tendereval.errors import Problem, made_by, warnings_argument, workbook_path
from tendereval.inputs import never_over_the_tender
from tendereval.lot_splits.market import SCORE_VOLUME
from tendereval.lot_splits.run import ScenarioResult
from tendereval.report import styles
from tendereval.report.audit import solver_pairs
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
from tendereval.wording import counted, pounds

MONEY = styles.MONEY_WHOLE
PCT = styles.PERCENT
KIND_NAMES = {"sme": "SME", "vcse": "VCSE"}


def default_workbook_path(scenarios_file: str | Path) -> Path:
    """``lot-splits.xlsx`` beside the scenarios file."""
    return Path(scenarios_file).with_name("lot-splits.xlsx")


def write_scenarios_workbook(
    result: ScenarioResult, path: str | Path, warnings: Sequence[Problem] = ()
) -> Path:
    """Write the workbook to ``path`` atomically; returns the path written. ``warnings``
    (``tendereval.scenarios(...).warnings``) are listed on the Assumptions sheet and counted
    on the Comparison sheet: a committee reading the workbook sees them as the officer did.
    A ``path`` among a tender's inputs (its bids/, scores/, evaluation/, plan…) is a
    UsageError, as for every writer."""
    made_by("write_scenarios_workbook", result, ScenarioResult, "tendereval.scenarios(...).result")
    never_over_the_tender(None, path)
    workbook_path(path)
    warnings = warnings_argument(warnings)
    wb = build_workbook(result, warnings)
    return atomic_save(wb, path, when=result.created)


def build_workbook(result: ScenarioResult, warnings: Sequence[Problem] = ()) -> Workbook:
    """The workbook in memory (for tests and for callers that add sheets)."""
    wb = Workbook()
    wb.properties.output = "lot-split scenarios workbook"
    comparison = wb.active
    comparison.title = "Comparison"
    _comparison(comparison, result, len(warnings))
    _frontier(wb.create_sheet("Frontier"), result)
    _lots(wb.create_sheet("Lots"), result)
    _market(wb.create_sheet("Market"), result)
    _samples(wb.create_sheet("Samples"), result)
    _reasons(wb.create_sheet("Reasons"), result)
    _assumptions(wb.create_sheet("Assumptions"), result, warnings)
    for ws in wb.worksheets:
        styles.print_landscape(ws)
    return wb


# --------------------------------------------------------------------------------------------
# Comparison


COMPARISON = [
    ("name", Col("Packaging", 34)),
    ("lots", Col("Lots", 7, styles.COUNT)),
    ("status", Col("Status", 11)),
    ("contracts", Col("Contracts", 10, styles.COUNT)),
    ("total_price", Col("Annual price", 15, MONEY)),
    ("management_cost", Col("Contract management a year", 15, MONEY)),
    ("total_cost", Col("Total annual cost", 15, MONEY)),
    ("whole_contract_cost", Col("Whole-contract cost", 16, MONEY)),
    ("extra_vs_cheapest", Col("More than the cheapest", 14, MONEY)),
    ("extra_vs_cheapest_share", Col("More than the cheapest %", 12, PCT)),
    ("vs_true_cost", Col("Against in-house true cost", 12, PCT)),
    ("quality", Col("Expected quality (of 100)", 11, styles.POINTS)),
    ("sme_share", Col("SME share of value", 11, PCT)),
    ("vcse_share", Col("VCSE share of value", 11, PCT)),
    ("suppliers", Col("Suppliers winning", 10, styles.COUNT)),
    ("largest_supplier", Col("Largest supplier", 28)),
    ("largest_share", Col("Largest supplier's share", 11, PCT)),
    ("min_bidders", Col("Fewest eligible bidders in a lot", 12, styles.COUNT)),
    ("weakest_lot", Col("Lot with fewest bidders", 10)),
    ("lots_under_3_bidders", Col("Lots with under 3 bidders", 10, styles.COUNT)),
    ("lots_without_bidders", Col("Lots with no bidder", 12)),
    ("highest_sme_share", Col("Most attainable SME share", 11, PCT)),
    ("highest_vcse_share", Col("Most attainable VCSE share", 11, PCT)),
    ("highest_sme_share_proved", Col("Most attainable SME share proved best", 10)),
    ("highest_vcse_share_proved", Col("Most attainable VCSE share proved best", 10)),
    ("total_cost_low", Col("Cost, lowest sample", 15, MONEY)),
    ("total_cost_median", Col("Cost, median sample", 15, MONEY)),
    ("total_cost_high", Col("Cost, highest sample", 15, MONEY)),
    ("sme_share_low", Col("SME share, lowest sample", 11, PCT)),
    ("sme_share_high", Col("SME share, highest sample", 11, PCT)),
    ("vcse_share_low", Col("VCSE share, lowest sample", 11, PCT)),
    ("vcse_share_high", Col("VCSE share, highest sample", 11, PCT)),
    ("note", Col("Note", 50, wrap=True)),
]


def _comparison(ws: Worksheet, result: ScenarioResult, warnings: int = 0) -> None:
    model = result.model
    best = result.comparison.filter(pl.col("best"))
    best_text = (
        f"Lowest expected total cost: {best.item(0, 'name')}."
        if best.height and model.objective == "cost"
        else (f"Highest expected quality: {best.item(0, 'name')}." if best.height else "")
    )
    top = write_title(
        ws,
        model.title,
        f"Annual figures for {model.buyer or 'the buyer'}; contract management of "
        f"{pounds(model.contract_management_cost, pence=False)} a year per contract is included "
        "in the total cost. Expected allocation: "
        f"{_objective_text(model.objective)}, every lot awarded.",
        "In-house true cost of the whole service: "
        f"{pounds(model.true_cost_total, pence=False)} a year. "
        f"Price ranges sampled {counted(result.samples, 'time')} with seed {result.seed}. "
        f"{best_text}",
        "An indicative market model, not a prediction: see the Assumptions sheet."
        + (
            f" The scenarios file has {counted(warnings, 'warning')}, listed there."
            if warnings
            else ""
        ),
    )
    header = top + 1
    first, last = _table(ws, header, COMPARISON, result.comparison)
    styles.freeze_below(ws, header, 1)
    for row in range(first, last + 1):
        status = ws.cell(row=row, column=3).value
        if status not in ("optimal", "feasible"):
            for col in range(1, len(COMPARISON) + 1):
                ws.cell(row=row, column=col).fill = styles.FLAG_FILL
    if last < first:
        return
    anchor_row = last + 3
    names = cell_range(ws, 1, first, last)

    def column(col: int) -> Series:
        # The header cell names the series: the packagings' names stay in the sheet.
        return Series(
            cell_range(ws, col, first, last), categories=names, name_cell=cell_ref(ws, header, col)
        )

    cost = Chart(
        kind="column",
        title="Total annual cost by packaging (£)",
        series=[column(7)],
        value_title="£ a year",
        value_format=MONEY,
        legend=None,
    )
    _size(cost)
    ws.add_chart(cost, f"A{anchor_row}")
    shares = Chart(
        kind="column",
        title="SME and VCSE share of contract value, and contracts to manage",
        series=[column(13), column(14)],
        value_title="Share of value",
        value_format="0%",
    )
    _size(shares)
    ws.add_chart(shares, f"H{anchor_row}")
    contracts = Chart(kind="column", title="Contracts to manage", series=[column(4)], legend=None)
    _size(contracts)
    ws.add_chart(contracts, f"O{anchor_row}")


# --------------------------------------------------------------------------------------------
# Frontier


FRONTIER = [
    ("packaging_name", Col("Packaging", 34)),
    ("kind_name", Col("Share swept", 8)),
    ("step", Col("Step", 6, styles.COUNT)),
    # A named target is the buyer's own figure: shown as declared (25.55%, not 25.6%, which
    # would state a requirement the optimiser did not apply).
    ("target", Col("Minimum share required", 11, styles.RATE_PERCENT)),
    ("named_target", Col("Named target", 8)),
    ("status", Col("Status", 11)),
    ("proved", Col("Proved best", 8)),
    ("total_cost", Col("Total annual cost", 15, MONEY)),
    ("extra_cost", Col("Price of participation (extra a year)", 15, MONEY)),
    ("extra_cost_share", Col("Extra %", 9, PCT)),
    ("sme_share", Col("SME share reached", 10, PCT)),
    ("vcse_share", Col("VCSE share reached", 10, PCT)),
    ("quality", Col("Expected quality", 10, styles.POINTS)),
    ("contracts", Col("Contracts", 10, styles.COUNT)),
    ("suppliers", Col("Suppliers winning", 10, styles.COUNT)),
    ("note", Col("Note", 60, wrap=True)),
]


def _frontier(ws: Worksheet, result: ScenarioResult) -> None:
    top = write_title(
        ws,
        "The price of participation",
        "For each packaging, the lowest total annual cost when at least the share of contract "
        "value shown must go to SMEs (or VCSEs), from no requirement up to the most attainable.",
        "Each step is a declared participation rule applied by the optimiser; the price of "
        "participation is the extra cost over the step with no requirement.",
    )
    names = {p.packaging.id: p.packaging.name for p in result.packagings}
    order = {p.packaging.id: i for i, p in enumerate(result.packagings)}
    frame = (
        result.frontier.with_columns(
            pl.col("packaging").replace_strict(names, default="").alias("packaging_name"),
            pl.col("kind").replace_strict(KIND_NAMES, default="").alias("kind_name"),
            pl.col("packaging").replace_strict(order, default=0).alias("_order"),
        ).sort("kind", "_order", "target", maintain_order=True)
        if result.frontier.height
        else result.frontier
    )
    header = top + 1
    first, last = _table(ws, header, FRONTIER, frame)
    styles.freeze_below(ws, header, 1)
    if last < first:
        return
    for row in range(first, last + 1):
        if ws.cell(row=row, column=16).value:
            for col in range(1, len(FRONTIER) + 1):
                ws.cell(row=row, column=col).fill = styles.WARN_FILL
    anchor = last + 3
    for kind in ("sme", "vcse"):
        rows = frame.with_row_index("_i").filter(pl.col("kind") == kind)
        if rows.is_empty():
            continue
        chart = Chart(
            kind="scatter",
            title=f"Price of participation: total annual cost against {KIND_NAMES[kind]} share",
            category_title=f"{KIND_NAMES[kind]} share of contract value",
            category_format="0%",
            value_title="Total annual cost (£)",
            value_format=MONEY,
        )
        share_col = 11 if kind == "sme" else 12
        for packaging in rows.get_column("packaging").unique(maintain_order=True).to_list():
            positions = rows.filter(pl.col("packaging") == packaging).get_column("_i")
            low, high = first + positions.min(), first + positions.max()
            chart.series.append(
                Series(
                    cell_range(ws, 8, low, high),
                    categories=cell_range(ws, share_col, low, high),
                    # The packaging's name as the sheet shows it in column A.
                    name_cell=cell_ref(ws, low, 1),
                    marker="circle",
                )
            )
        _size(chart, width=22)
        ws.add_chart(chart, f"A{anchor}")
        anchor += 22


# --------------------------------------------------------------------------------------------
# Lots, market, samples


LOTS = [
    ("packaging_name", Col("Packaging", 34)),
    ("lot", Col("Lot", 10)),
    ("units_text", Col("Units", 30, wrap=True)),
    ("volume", Col("Volume a year", 12, styles.COUNT)),
    ("value", Col("Estimated value a year (true cost)", 15, MONEY)),
    ("bidders", Col("Eligible bidders", 9, styles.COUNT)),
    ("sme_bidders", Col("of which SMEs", 9, styles.COUNT)),
    ("vcse_bidders", Col("of which VCSEs", 9, styles.COUNT)),
    ("too_big_for", Col("Too large for their turnover", 10, styles.COUNT)),
    ("over_capacity_for", Col("Beyond their capacity", 10, styles.COUNT)),
    ("too_small_for", Col("Too small for them", 10, styles.COUNT)),
    ("outside_area_for", Col("Outside the area they serve", 10, styles.COUNT)),
    ("expected_winner", Col("Expected winner", 30)),
]


def _lots(ws: Worksheet, result: ScenarioResult) -> None:
    top = write_title(
        ws,
        "Competition for each lot",
        "Eligible bidders: suppliers in the market model that serve every unit in the lot, are "
        "large enough for its value, have the capacity and find it big enough (their minimum "
        "contract value). The other columns count why the rest would not bid. Red: no "
        "eligible bidder; amber: fewer than three.",
    )
    frame = _with_names(result, result.lots).with_columns(
        pl.col("units").list.join(", ").alias("units_text")
    )
    header = top + 1
    first, last = _table(ws, header, LOTS, frame)
    styles.freeze_below(ws, header, 2)
    for row in range(first, last + 1):
        bidders = ws.cell(row=row, column=6).value or 0
        fill = styles.FLAG_FILL if bidders == 0 else styles.WARN_FILL if bidders < 3 else None
        if fill is not None:
            for col in range(1, len(LOTS) + 1):
                ws.cell(row=row, column=col).fill = fill


MARKET = [
    ("packaging_name", Col("Packaging", 30)),
    ("lot", Col("Lot", 10)),
    ("supplier", Col("Supplier", 32)),
    ("sme", Col("SME", 6)),
    ("vcse", Col("VCSE", 6)),
    ("eligible", Col("Would bid", 7)),
    ("reason", Col("Why not", 50, wrap=True)),
    ("multiplier", Col("Scale multiplier", 10, "0.000")),
    ("price", Col("Indicative annual price", 15, MONEY)),
    ("quality", Col("Expected quality", 9, styles.POINTS)),
    ("won", Col("Expected winner", 8)),
]


def _market(ws: Worksheet, result: ScenarioResult) -> None:
    top = write_title(
        ws,
        "The market's expected response to each packaging",
        "Every potential supplier against every lot: its indicative annual price (volume × unit "
        "price × scale multiplier) and expected quality, or why it would not bid.",
    )
    frames = []
    for item in result.packagings:
        won = (
            set(item.allocation.awarded.get_column("offer_id").to_list())
            if item.allocation is not None and item.allocation.solved
            else set()
        )
        frames.append(
            item.market.bids.with_columns(
                pl.lit(item.packaging.id).alias("packaging"),
                pl.col("offer_id").is_in(sorted(won)).alias("won"),
                pl.when(pl.col("eligible")).then(pl.col("price")).alias("price"),
            )
        )
    frame = _with_names(result, pl.concat(frames)) if frames else pl.DataFrame()
    header = top + 1
    _table(ws, header, MARKET, frame)
    styles.freeze_below(ws, header, 3)


SAMPLES = [
    ("packaging_name", Col("Packaging", 34)),
    ("sample", Col("Sample", 8, styles.COUNT)),
    ("status", Col("Status", 11)),
    ("total_cost", Col("Total annual cost", 15, MONEY)),
    ("sme_share", Col("SME share", 10, PCT)),
    ("vcse_share", Col("VCSE share", 10, PCT)),
    ("quality", Col("Expected quality", 10, styles.POINTS)),
]


def _samples(ws: Worksheet, result: ScenarioResult) -> None:
    top = write_title(
        ws,
        "Price samples",
        f"Each sample draws every supplier's unit price from its price range (triangular, "
        f"peaking at its indicative price) with random seed {result.seed}; the same seed always "
        "gives the same samples. Each is allocated with no participation requirement.",
    )
    header = top + 1
    _table(ws, header, SAMPLES, _with_names(result, result.sample_table))
    styles.freeze_below(ws, header, 1)


# --------------------------------------------------------------------------------------------
# Reasons and assumptions


def _reasons(ws: Worksheet, result: ScenarioResult) -> None:
    top = write_title(
        ws,
        "Reasons for lotting, or for not lotting",
        "A starting point for the tender notice (Procurement Act 2023 s.18: divide into lots "
        "or give reasons). Check every figure against your own knowledge of the market and edit "
        "the wording before use.",
    )
    header = top + 1
    rows = [
        (item.packaging.name, result.reasons.get(item.packaging.id, ""))
        for item in result.packagings
    ]
    columns = [Col("Packaging", 30, wrap=True), Col("Paragraph to adapt", 110, wrap=True)]
    write_table(ws, header, columns, rows)
    styles.freeze_below(ws, header)


def _assumptions(ws: Worksheet, result: ScenarioResult, warnings: Sequence[Problem] = ()) -> None:
    model = result.model
    market = model.market
    sme = model.sme_definition
    row = write_title(ws, "Assumptions: the market model and how it was run")
    pairs: list[tuple[str, Any]] = [
        ("Scenarios file", model.source),
        ("SHA-256 of the file", model.sha256),
        ("Created (UTC)", result.created.strftime("%Y-%m-%d %H:%M:%S")),
        ("Random seed", result.seed),
        ("Price samples", result.samples),
        ("Frontier steps", result.steps),
        *solver_pairs(result.provenance),
        ("Objective of the expected allocation", _objective_text(model.objective)),
        ("Contract years", model.contract_years),
        ("Contract management cost a year per contract", model.contract_management_cost),
        ("Volume measured in", model.volume_unit),
        (
            "Economies of scale",
            f"price multiplier = (lot volume ÷ {market.reference_volume:,.0f}) ^ −elasticity, "
            f"kept between {market.min_multiplier:g} and {market.max_multiplier:g}; market "
            f"elasticity {market.elasticity:g} unless a supplier states its own",
        ),
        (
            "Who bids",
            "a supplier bids for a lot only if it serves every unit in it, the lot's estimated "
            f"annual value (volume × true cost) is at most {market.max_share_of_turnover:g} × "
            "its turnover (unless it states its own share), the lot's volume is within its "
            "capacity and the lot is not below its minimum contract value",
        ),
        (
            "Capacity across lots",
            "the volumes of the lots a supplier wins add up to at most its capacity, so no "
            "allocation exceeds the capacity it stated",
        ),
        (
            "Score given to the optimiser",
            f"expected quality × lot volume ÷ {SCORE_VOLUME:,}; SME and VCSE status never "
            "changes a price or a score, and only enters as a declared share requirement",
        ),
        (
            "SME definition",
            f"{sme.name}: at most {sme.max_staff} staff and turnover ≤ "
            f"{pounds(sme.max_turnover, pence=False)} or balance sheet ≤ "
            f"{pounds(sme.max_balance_sheet, pence=False)}",
        ),
    ]
    row = write_pairs(
        ws,
        row,
        pairs,
        fmt={
            "Contract management cost a year per contract": MONEY,
        },
    )
    styles.set_widths(ws, {1: 40, 2: 90})
    row += 1
    put(ws.cell(row=row, column=1), "Service units")
    ws.cell(row=row, column=1).font = styles.SUBTITLE_FONT
    units = [(u.id, u.name, u.volume, u.true_cost, u.value) for u in model.units]
    _, last = write_table(
        ws,
        row + 1,
        [
            Col("Unit", 40),
            Col("Name", 90),
            Col(f"Volume a year ({model.volume_unit})", 14, styles.COUNT),
            Col("True cost per unit", 12, styles.MONEY),
            Col("Value a year at true cost", 16, MONEY),
        ],
        units,
        set_widths=False,
    )
    row = last + 2
    put(ws.cell(row=row, column=1), "Potential suppliers")
    ws.cell(row=row, column=1).font = styles.SUBTITLE_FONT
    suppliers = [
        (
            s.name,
            "; ".join(s.serves) if s.serves else "all",
            s.staff,
            s.turnover,
            s.balance_sheet,
            "unknown: counted as not an SME" if s.sme_unknown else s.sme,
            s.vcse,
            s.unit_price,
            s.price_low,
            s.price_high,
            s.quality,
            s.capacity,
            s.elasticity if s.elasticity is not None else market.elasticity,
            s.max_share_of_turnover
            if s.max_share_of_turnover is not None
            else market.max_share_of_turnover,
            s.min_lot_value,
        )
        for s in model.suppliers
    ]
    _, end = write_table(
        ws,
        row + 1,
        [
            Col("Supplier", 40),
            Col("Serves", 90),
            Col("Staff", 14, styles.COUNT),
            Col("Turnover", 12, MONEY),
            Col("Balance sheet", 12, MONEY),
            Col("SME", 16),
            Col("VCSE", 8),
            Col("Unit price", 10, styles.MONEY),
            Col("Price low", 10, styles.MONEY),
            Col("Price high", 10, styles.MONEY),
            Col("Quality", 8, styles.POINTS),
            Col("Capacity", 12, styles.COUNT),
            Col("Elasticity", 10, "0.000"),
            Col("Max share of turnover", 10, "0.00"),
            Col("Min lot value", 12, MONEY),
        ],
        suppliers,
        set_widths=False,
    )
    if warnings:
        row = write_heading(ws, end + 2, "Warnings about the scenarios file")
        write_table(
            ws,
            row,
            [Col("Where", 40), Col("Warning", 90), Col("Found", 14), Col("Expected", 12)],
            [(w.cell or w.file, w.message, w.found, w.expected) for w in warnings],
            set_widths=False,
        )


# --------------------------------------------------------------------------------------------
# Helpers


def _table(
    ws: Worksheet, header: int, spec: Sequence[tuple[str, Col]], frame: pl.DataFrame
) -> tuple[int, int]:
    """Write the ``spec`` columns of ``frame`` as a table with its header at row ``header``."""
    names = [name for name, _ in spec]
    rows = frame.select(names).iter_rows() if frame.height else iter(())
    return write_table(ws, header, [col for _, col in spec], rows)


def _with_names(result: ScenarioResult, frame: pl.DataFrame) -> pl.DataFrame:
    names = {p.packaging.id: p.packaging.name for p in result.packagings}
    if frame.is_empty():
        return frame.with_columns(pl.lit("").alias("packaging_name"))
    return frame.with_columns(
        pl.col("packaging").replace_strict(names, default="").alias("packaging_name")
    )


def _objective_text(objective: str) -> str:
    if objective == "quality":
        return "highest expected quality (weighted by volume), then lowest total cost"
    return "lowest total cost (price plus contract management), then highest quality"


def _size(chart: Chart, width: float = 16, height: float = 9) -> None:
    chart.width = width
    chart.height = height
