"""The Excel templates: layout, protection, validation, determinism, and the round trip
template → filled in by a supplier or evaluator → loaded back by the loaders."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tendereval import layout, sheets, templates
from tendereval.cli import cli
from tendereval.io.tender import load_tender
from tendereval.plan import Plan, load_plan
from tendereval.tender import Tender

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE_FOLDERS = ("carers-short-breaks", "homecare-districts")

PLAN = """
[tender]
id = "T-TPL"
title = "=HYPERLINK(\\"http://example.invalid\\", \\"click\\")"
buyer = "Test Council"
contract_years = 2

[approval]
approved_by = "Cabinet Committee"
approved_on = 2026-09-14

[[lots]]
id = "N"
name = "+North and coast"
volumes = { hours = 1000, nights = 0 }

[[lots]]
id = "S"
name = "@South"
volumes = { hours = 500, nights = 20 }

[price]
method = "lowest_price_ratio"

[[price.items]]
id = "hours"
description = "-Hours of support"
unit = "hour"

[[price.items]]
id = "nights"
description = "Waking nights"
unit = "night"

[scales.five]
values = [0, 1, 2, 3, 4, 5]

[scales.five.descriptors]
"0" = "None"
"1" = "Poor"
"2" = "Weak"
"3" = "Fair"
"4" = "Good"
"5" = "Excellent"

[scales.steps]
values = [0, 2, 5, 8, 10]
descriptors = { "0" = "Fails", "5" = "Meets", "10" = "Exceeds" }

[scales.hundred]
low = 0
high = 100

[[criteria]]
id = "price"
type = "price"
weight_of_total = 50

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 30

  [[criteria.questions]]
  id = "Q1"
  title = "Service model"
  weight_of_parent = 60
  scale = "five"
  minimum = 2
  disqualify_below_minimum = true

  [[criteria.questions]]
  id = "Q2"
  title = "Workforce"
  weight_of_parent = 40
  scale = "hundred"

[[criteria]]
id = "social_value"
type = "social_value"
weight_of_total = 20

  [[criteria.questions]]
  id = "SV1"
  title = "Social value approach"
  weight_of_parent = 50
  scale = "steps"

  [[criteria.questions]]
  id = "SV2"
  title = "Commitments"
  kind = "commitments"
  weight_of_parent = 50

[social_value]
proxy_table = "social-value-proxies-2026.csv"

[[evaluation.groups]]
id = "panel"
name = "Service-user panel"
share = 25
questions = ["Q1"]
"""


@pytest.fixture
def tender(tmp_path: Path) -> Path:
    folder = tmp_path / "tender"
    folder.mkdir()
    (folder / "tender.toml").write_text(PLAN, encoding="utf-8")
    return folder


@pytest.fixture
def plan(tender: Path) -> Plan:
    loaded, problems = load_plan(tender)
    assert loaded is not None, problems
    return loaded


def validations(ws: Worksheet) -> list[Any]:
    return list(ws.data_validations.dataValidation)


def rule_for(ws: Worksheet, coordinate: str) -> Any:
    """The data validation covering ``coordinate`` (exactly one)."""
    found = [dv for dv in validations(ws) if coordinate in dv.sqref]
    assert len(found) == 1, f"{ws.title}!{coordinate}: {len(found)} validations"
    return found[0]


def header_row(ws: Worksheet, columns: tuple[layout.Column, ...]) -> None:
    assert [
        ws.cell(row=layout.TABLE_HEADER_ROW, column=i).value for i in range(1, len(columns) + 1)
    ] == [c.header for c in columns]


def col(columns: tuple[layout.Column, ...], key: str) -> int:
    return next(i for i, c in enumerate(columns, start=1) if c.key == key)


def data_rows(
    ws: Worksheet, columns: tuple[layout.Column, ...], keys: tuple[str, ...]
) -> list[tuple]:
    first = layout.TABLE_HEADER_ROW + 1
    return [
        tuple(ws.cell(row=r, column=col(columns, k)).value for k in keys)
        for r in range(first, ws.max_row + 1)
        if ws.cell(row=r, column=col(columns, keys[-1])).value is not None
    ]


def workbook_values(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb}


# ---- Bid return ------------------------------------------------------------------------------


def test_bid_return_layout_protection_and_validation(
    plan: Plan, tender: Path, tmp_path: Path
) -> None:
    path = templates.build_bid_return(
        plan, tmp_path / "bid.xlsx", templates.find_proxies(plan, tender)
    )
    wb = load_workbook(path)
    assert wb.sheetnames == [
        layout.BID_INSTRUCTIONS,
        layout.BID_ORGANISATION,
        layout.BID_SUPPLY_CHAIN,
        layout.BID_PRICES,
        layout.BID_PACKAGES,
        layout.BID_SOCIAL_VALUE,
        layout.LISTS_SHEET,
    ]
    assert all(ws.protection.sheet for ws in wb)
    assert wb[layout.LISTS_SHEET].sheet_state == "hidden"

    org = wb[layout.BID_ORGANISATION]
    labels = {f.key: layout.FORM_FIRST_ROW + i for i, f in enumerate(layout.ORGANISATION_FIELDS)}
    assert org.cell(row=labels["legal_name"], column=1).value == "Legal name of the organisation *"
    assert org.cell(row=labels["legal_name"], column=1).protection.locked
    assert not org.cell(row=labels["legal_name"], column=2).protection.locked
    org_type = rule_for(org, f"B{labels['org_type']}")
    assert org_type.type == "list" and "in-house team" in org_type.formula1
    assert rule_for(org, f"B{labels['vcse']}").formula1 == '"yes,no"'
    turnover = rule_for(org, f"B{labels['turnover']}")
    assert (turnover.type, turnover.operator, turnover.formula1) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
    )
    assert org.cell(row=labels["turnover"], column=2).number_format == sheets.MONEY_FORMAT
    assert rule_for(org, f"B{labels['staff']}").type == "whole"

    prices = wb[layout.BID_PRICES]
    header_row(prices, layout.PRICE_COLUMNS)
    assert prices.freeze_panes == f"A{layout.TABLE_HEADER_ROW + 1}"
    assert data_rows(prices, layout.PRICE_COLUMNS, ("lot", "item", "volume")) == [
        ("N", "hours", 1000),
        ("N", "nights", 0),
        ("S", "hours", 500),
        ("S", "nights", 20),
    ]
    first = layout.TABLE_HEADER_ROW + 1
    rate = prices.cell(row=first, column=col(layout.PRICE_COLUMNS, "unit_rate"))
    uplift = prices.cell(row=first, column=col(layout.PRICE_COLUMNS, "uplift"))
    assert not rate.protection.locked and not uplift.protection.locked
    assert prices.cell(row=first, column=col(layout.PRICE_COLUMNS, "lot")).protection.locked
    assert rule_for(prices, rate.coordinate).type == "decimal"
    share = rule_for(prices, uplift.coordinate)
    assert (share.operator, share.formula1, share.formula2) == ("between", "0", "1")
    assert uplift.number_format == sheets.SHARE_FORMAT
    assert prices.page_setup.orientation == "landscape"

    social = wb[layout.BID_SOCIAL_VALUE]
    measure = rule_for(social, f"{_letter(layout.SOCIAL_VALUE_COLUMNS, 'measure')}{first}")
    assert measure.type == "list" and layout.LISTS_SHEET in measure.formula1
    listed = [c.value for c in wb[layout.LISTS_SHEET]["B"]][1:]
    assert listed[:2] == ["SV-JOB-LOCAL", "SV-JOB-DIS"] and len(listed) == 10


def _letter(columns: tuple[layout.Column, ...], key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col(columns, key))


def test_single_lot_plan_has_no_packages_sheet(tmp_path: Path) -> None:
    preset, _ = load_plan(ROOT / "templates" / "presets" / "40-40-20.toml")
    wb = load_workbook(templates.build_bid_return(preset, tmp_path / "bid.xlsx"))
    assert layout.BID_PACKAGES not in wb.sheetnames
    assert layout.BID_SOCIAL_VALUE not in wb.sheetnames  # nothing quantitative to commit to


def test_text_from_the_plan_is_never_a_formula(plan: Plan, tmp_path: Path) -> None:
    wb = load_workbook(templates.build_bid_return(plan, tmp_path / "bid.xlsx"))
    title = wb[layout.BID_INSTRUCTIONS]["A1"]
    assert title.value.startswith("Bid return — =HYPERLINK(") and title.data_type == "s"
    prices = wb[layout.BID_PRICES]
    first = layout.TABLE_HEADER_ROW + 1
    name = prices.cell(row=first, column=col(layout.PRICE_COLUMNS, "lot_name"))
    description = prices.cell(row=first, column=col(layout.PRICE_COLUMNS, "description"))
    south = prices.cell(row=first + 2, column=col(layout.PRICE_COLUMNS, "lot_name"))
    assert (name.value, name.data_type) == ("+North and coast", "s")
    assert (description.value, description.data_type) == ("-Hours of support", "s")
    assert (south.value, south.data_type) == ("@South", "s")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=40,
    ).map(lambda s: "=" + s)
)
def test_put_keeps_any_text_as_text(text: str, tmp_path: Path) -> None:
    wb = Workbook()
    sheets.put(wb.active["A1"], text)
    path = sheets.save(wb, tmp_path / "t.xlsx")
    cell = load_workbook(path).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == text


def test_plan_text_longer_than_a_cell_holds_is_cut_visibly_in_a_template(
    tender: Path, tmp_path: Path
) -> None:
    """openpyxl cuts text over Excel's 32,767 characters to fit without a word, so a long
    guidance for a question lost its end unseen in the score sheet evaluators read (the
    reports' writer already said where it cut: report/render.py). The templates now cut the
    same way, saying so and how long the text was; the whole text stays in the plan."""
    guidance = "Describe the service model." + " Evidence of outcomes." * 2_000  # 44,027
    text = (tender / "tender.toml").read_text(encoding="utf-8")
    text = text.replace('  id = "Q1"\n', f'  id = "Q1"\n  guidance = "{guidance}"\n', 1)
    (tender / "tender.toml").write_text(text, encoding="utf-8")
    plan, problems = load_plan(tender)
    assert plan is not None and plan.leaves[1].guidance == guidance, problems
    wb = load_workbook(templates.build_score_sheet(plan, tmp_path / "score.xlsx"))
    cells = [
        c.value
        for row in wb[layout.SCORE_INSTRUCTIONS].iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("Q1 guidance: ")
    ]
    marker = (
        " … [cut here: a cell holds at most 32,767 characters and this text has "
        f"{len('Q1 guidance: ' + guidance):,}]"
    )
    assert len(cells) == 1 and cells[0].endswith(marker), cells[0][-120:]
    assert len(cells[0]) <= 32_767
    assert ("Q1 guidance: " + guidance).startswith(cells[0][: -len(marker)])


# ---- Score sheet -----------------------------------------------------------------------------


def test_score_sheet_rows_scales_and_descriptors(plan: Plan, tmp_path: Path) -> None:
    bidders = {"Acme Care, Ltd": ["S", "N"], "Beta CIC": ["S"]}
    wb = load_workbook(templates.build_score_sheet(plan, tmp_path / "s.xlsx", bidders, "Ann"))
    assert wb.sheetnames == [
        layout.SCORE_INSTRUCTIONS,
        layout.SCORE_DECLARATION,
        layout.SCORE_SCORES,
        layout.SCORE_SCALES,
    ]
    assert all(ws.protection.sheet for ws in wb)
    ws = wb[layout.SCORE_SCORES]
    header_row(ws, layout.SCORE_COLUMNS)
    # Question leaves only (SV2 is scored from commitments), lots in plan order.
    assert data_rows(ws, layout.SCORE_COLUMNS, ("supplier", "lot", "question")) == [
        ("Acme Care, Ltd", lot, q) for lot in ("N", "S") for q in ("Q1", "Q2", "SV1")
    ] + [("Beta CIC", "S", q) for q in ("Q1", "Q2", "SV1")]
    first = layout.TABLE_HEADER_ROW + 1
    score_col = _letter(layout.SCORE_COLUMNS, "score")
    five, hundred, steps = (rule_for(ws, f"{score_col}{first + i}") for i in range(3))
    assert (five.type, five.formula1) == ("list", '"0,1,2,3,4,5"')
    assert (hundred.type, hundred.formula1, hundred.formula2) == ("decimal", "0", "100")
    assert (steps.type, steps.formula1) == ("list", '"0,2,5,8,10"')
    assert "5 Excellent" in five.prompt
    scale_text = ws.cell(row=first, column=col(layout.SCORE_COLUMNS, "scale")).value
    assert scale_text.startswith("five: 0/1/2/3/4/5") and "3 Fair" in scale_text
    assert not ws[f"{score_col}{first}"].protection.locked
    assert ws.cell(row=first, column=col(layout.SCORE_COLUMNS, "supplier")).protection.locked
    scales = [
        tuple(c.value for c in row)
        for row in wb[layout.SCORE_SCALES].iter_rows(min_row=layout.TABLE_HEADER_ROW + 1)
    ]
    assert ("steps", 10, "Exceeds") in scales and ("five", 3, "Fair") in scales
    declaration = wb[layout.SCORE_DECLARATION]
    assert declaration.cell(row=layout.FORM_FIRST_ROW, column=2).value == "Ann"
    conflict_row = layout.FORM_FIRST_ROW + [f.key for f in layout.DECLARATION_FIELDS].index(
        "conflict"
    )
    assert rule_for(declaration, f"B{conflict_row}").formula1 == '"none,declared"'


def test_score_sheet_for_a_group_has_only_its_questions(plan: Plan, tmp_path: Path) -> None:
    wb = load_workbook(
        templates.build_score_sheet(plan, tmp_path / "p.xlsx", ["Acme"], group="panel")
    )
    rows = data_rows(wb[layout.SCORE_SCORES], layout.SCORE_COLUMNS, ("supplier", "lot", "question"))
    assert rows == [("Acme", "N", "Q1"), ("Acme", "S", "Q1")]
    group_row = layout.FORM_FIRST_ROW + [f.key for f in layout.DECLARATION_FIELDS].index("group")
    assert wb[layout.SCORE_DECLARATION].cell(row=group_row, column=2).value == "panel"


def test_score_sheet_without_bidders_leaves_supplier_cells_open(plan: Plan, tmp_path: Path) -> None:
    wb = load_workbook(templates.build_score_sheet(plan, tmp_path / "s.xlsx", supplier_slots=2))
    ws = wb[layout.SCORE_SCORES]
    rows = data_rows(ws, layout.SCORE_COLUMNS, ("supplier", "lot", "question"))
    assert rows == [
        (None, lot, q) for _ in range(2) for lot in ("N", "S") for q in ("Q1", "Q2", "SV1")
    ]
    supplier = ws.cell(row=layout.TABLE_HEADER_ROW + 1, column=1)
    assert not supplier.protection.locked and supplier.fill.fgColor.rgb.endswith("FFF2CC")


# ---- Moderation and matrix -------------------------------------------------------------------


def test_moderation_sheet(plan: Plan, tmp_path: Path) -> None:
    wb = load_workbook(templates.build_moderation_sheet(plan, tmp_path / "m.xlsx", ["Acme"]))
    ws = wb[layout.MODERATION_SHEET]
    # Without the evaluators' scores (test_moderation_template.py) the panel's columns only.
    typed = tuple(c for c in layout.MODERATION_COLUMNS if c.read)
    header_row(ws, typed)
    assert len(data_rows(ws, typed, ("supplier", "lot", "question"))) == 6
    first = layout.TABLE_HEADER_ROW + 1
    assert rule_for(ws, f"D{first}").formula1 == '"0,1,2,3,4,5"'
    assert not ws[f"E{first}"].protection.locked and ws[f"A{first}"].protection.locked
    blank = load_workbook(templates.build_moderation_sheet(plan, tmp_path / "b.xlsx"))
    lot_rule = rule_for(blank[layout.MODERATION_SHEET], f"B{first}")
    assert lot_rule.type == "list" and layout.LISTS_SHEET in lot_rule.formula1


def test_matrix_headers_in_row_one_with_checks(plan: Plan, tender: Path, tmp_path: Path) -> None:
    wb = load_workbook(
        templates.build_matrix(plan, tmp_path / "m.xlsx", templates.find_proxies(plan, tender))
    )
    for name, headers in layout.MATRIX_SHEETS.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == list(headers)
        assert ws.protection.sheet and ws["A1"].protection.locked
        assert ws.column_dimensions["A"].protection.locked is False
    lot = rule_for(wb["Prices"], "B2")
    assert lot.type == "list" and layout.LISTS_SHEET in lot.formula1
    assert rule_for(wb["Suppliers"], "H2").formula1 == '"yes,no"'
    score = rule_for(wb["Scores"], "F2")
    assert (score.type, score.formula1, score.formula2) == ("decimal", "0", "100")


# ---- Determinism -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", templates.KINDS)
def test_same_plan_gives_the_same_workbook(plan: Plan, tmp_path: Path, kind: str) -> None:
    build = {
        "bid-return": templates.build_bid_return,
        "score-sheet": templates.build_score_sheet,
        "moderation": templates.build_moderation_sheet,
        "matrix": templates.build_matrix,
    }[kind]
    first = build(plan, tmp_path / "one.xlsx")
    second = build(plan, tmp_path / "two.xlsx")
    assert workbook_values(first) == workbook_values(second)
    assert first.read_bytes() == second.read_bytes()
    props = load_workbook(first).properties
    assert props.creator == "tendereval" and props.created == sheets.FIXED_TIME


def test_blank_templates_are_up_to_date(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "blank_build", ROOT / "templates" / "blank" / "build.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path in module.build(tmp_path):
        committed = ROOT / "templates" / "blank" / path.name
        assert committed.read_bytes() == path.read_bytes(), f"rebuild {committed.name}"


# ---- Round trip: fill in the templates and load them back -------------------------------------


def fill_form(ws: Worksheet, fields: tuple[layout.Field, ...], values: dict[str, Any]) -> None:
    for offset, fld in enumerate(fields):
        if fld.key in values:
            ws.cell(row=layout.FORM_FIRST_ROW + offset, column=2, value=values[fld.key])


def fill_bid(
    plan: Plan,
    tender: Path,
    name: str,
    rates: dict[tuple[str, str], float],
    uplift: float,
    commitments: list[tuple[str, str, float]],
) -> None:
    path = tender / "bids" / f"{name.split()[0].lower()}.xlsx"
    templates.build_bid_return(plan, path, templates.find_proxies(plan, tender))
    wb = load_workbook(path)
    fill_form(
        wb[layout.BID_ORGANISATION],
        layout.ORGANISATION_FIELDS,
        {
            "legal_name": name,
            "address": "1 High Street",
            "org_type": "charity",
            "vcse": "yes",
            "staff": 40,
            "turnover": 1_200_000,
            "balance_sheet": 300_000,
            "contact_email": "bids@example.org",
            # Each its own: one PPON on two returns is one organisation bidding twice.
            "unique_identifier": f"PTST-{1000 + len(name)}-{name[:4].upper().ljust(4, 'X')}",
        },
    )
    prices = wb[layout.BID_PRICES]
    for row in range(layout.TABLE_HEADER_ROW + 1, prices.max_row + 1):
        key = (prices.cell(row=row, column=1).value, prices.cell(row=row, column=3).value)
        if key in rates:
            prices.cell(row=row, column=col(layout.PRICE_COLUMNS, "unit_rate"), value=rates[key])
            prices.cell(row=row, column=col(layout.PRICE_COLUMNS, "uplift"), value=uplift)
    social = wb[layout.BID_SOCIAL_VALUE]
    for offset, (lot, measure, units) in enumerate(commitments):
        row = layout.TABLE_HEADER_ROW + 1 + offset
        social.cell(row=row, column=1, value=lot or None)
        social.cell(row=row, column=2, value=measure)
        social.cell(row=row, column=3, value=units)
    wb.save(path)


def fill_scores(plan: Plan, tender: Path, evaluator: str, scores: dict[tuple, float]) -> None:
    path = tender / "scores" / f"{evaluator.lower()}.xlsx"
    templates.build_score_sheet(plan, path, templates.known_bidders(tender)[0], evaluator)
    wb = load_workbook(path)
    fill_form(
        wb[layout.SCORE_DECLARATION],
        layout.DECLARATION_FIELDS,
        {"declared_on": dt.date(2026, 10, 5), "conflict": "none"},
    )
    ws = wb[layout.SCORE_SCORES]
    for row in range(layout.TABLE_HEADER_ROW + 1, ws.max_row + 1):
        key = tuple(ws.cell(row=row, column=c).value for c in (1, 2, 3))
        if key in scores:
            ws.cell(row=row, column=col(layout.SCORE_COLUMNS, "score"), value=scores[key])
            ws.cell(
                row=row,
                column=col(layout.SCORE_COLUMNS, "reason"),
                value=f"{evaluator}: reason for {'/'.join(key)}",
            )
    wb.save(path)


def test_filled_templates_load_back_exactly(plan: Plan, tender: Path) -> None:
    fill_bid(
        plan,
        tender,
        "Acme Care",
        {("N", "hours"): 25.5, ("N", "nights"): 150, ("S", "hours"): 26, ("S", "nights"): 160.25},
        0.03,
        [("", "SV-JOB-LOCAL", 2), ("S", "SV-VOL", 120)],
    )
    fill_bid(plan, tender, "Beta Support", {("S", "hours"): 24.75, ("S", "nights"): 155}, 0.0, [])
    fill_scores(
        plan,
        tender,
        "Ann",
        {
            ("Acme Care", "N", "Q1"): 4,
            ("Acme Care", "S", "Q1"): 3,
            ("Beta Support", "S", "SV1"): 8,
            ("Beta Support", "S", "Q2"): 72.5,
        },
    )
    tender_data = load_tender(tender)
    # Ann scores a sample of the rows only, which the loader rightly points out; nothing else.
    (gaps,) = [p for p in tender_data.problems if p.code == "scores.incomplete"]
    assert gaps.message.startswith("Ann gave no score for 5 of the 9 ")
    assert [str(p) for p in tender_data.problems if p is not gaps] == []
    prices = tender_data.prices.select(
        "supplier", "lot", "item", "volume", "unit_rate", "uplift"
    ).sort("supplier", "lot", "item")
    assert prices.rows() == [
        ("Acme Care", "N", "hours", 1000.0, 25.5, 0.03),
        ("Acme Care", "N", "nights", 0.0, 150.0, 0.03),
        ("Acme Care", "S", "hours", 500.0, 26.0, 0.03),
        ("Acme Care", "S", "nights", 20.0, 160.25, 0.03),
        ("Beta Support", "S", "hours", 500.0, 24.75, 0.0),
        ("Beta Support", "S", "nights", 20.0, 155.0, 0.0),
    ]
    assert tender_data.commitments.select("supplier", "lot", "measure", "units").rows() == [
        ("Acme Care", None, "SV-JOB-LOCAL", 2.0),
        ("Acme Care", "S", "SV-VOL", 120.0),
    ]
    scores = tender_data.scores.select(
        "evaluator", "supplier", "lot", "question", "score", "reason"
    ).sort("supplier", "lot", "question")
    assert scores.rows() == [
        ("Ann", "Acme Care", "N", "Q1", 4.0, "Ann: reason for Acme Care/N/Q1"),
        ("Ann", "Acme Care", "S", "Q1", 3.0, "Ann: reason for Acme Care/S/Q1"),
        ("Ann", "Beta Support", "S", "Q2", 72.5, "Ann: reason for Beta Support/S/Q2"),
        ("Ann", "Beta Support", "S", "SV1", 8.0, "Ann: reason for Beta Support/S/SV1"),
    ]
    assert tender_data.declarations.select("evaluator", "declared_on", "conflict").rows() == [
        ("Ann", "2026-10-05", "none")
    ]


def test_filled_matrix_loads_back(plan: Plan, tender: Path) -> None:
    path = templates.build_matrix(plan, tender / layout.MATRIX_WORKBOOK)
    wb = load_workbook(path)
    wb["Suppliers"].append(
        [
            "Acme Care",
            "Acme Care Ltd",
            None,
            "123",
            None,
            "1 High St",
            "private company",
            "no",
            300,
            20_000_000,
            5_000_000,
            "bids@acme.example",
            "PTST-1234-BCDG",
        ]
    )
    for lot, item, rate in (("N", "hours", 25.0), ("S", "hours", 26.0), ("S", "nights", 150.0)):
        wb["Prices"].append(["Acme Care", lot, item, rate, 0.02])
        # Excel gives a typed cell its column's format; openpyxl does not, so do it here.
        wb["Prices"].cell(row=wb["Prices"].max_row, column=5).number_format = "0.0%"
    wb["Scores"].append(["Ann", None, "Acme Care", "S", "Q1", 4, "Clear model"])
    wb["Declarations"].append(["Ann", None, "2026-10-05", "none", None])
    wb.save(path)
    loaded = load_tender(tender)
    # Ann scored Q1 for lot S only, not for lot N: pointed out; nothing else.
    (gaps,) = [p for p in loaded.problems if p.code == "scores.incomplete"]
    assert gaps.found == "Acme Care, lot N, Q1"
    assert [str(p) for p in loaded.problems if p is not gaps] == []
    assert loaded.prices.select("lot", "item", "unit_rate", "uplift").sort(
        "lot", "item"
    ).rows() == [
        ("N", "hours", 25.0, 0.02),
        ("S", "hours", 26.0, 0.02),
        ("S", "nights", 150.0, 0.02),
    ]
    assert loaded.scores.select("supplier", "question", "score").rows() == [
        ("Acme Care", "Q1", 4.0)
    ]


# ---- The examples ----------------------------------------------------------------------------


@functools.cache
def example(name: str) -> Tender:
    """Each example loaded once for the whole module (loading 25 bids takes a few seconds)."""
    return load_tender(EXAMPLES / name)


@pytest.mark.parametrize("name", EXAMPLE_FOLDERS)
def test_examples_load_without_problems(name: str) -> None:
    loaded = example(name)
    assert [str(p) for p in loaded.problems] == []
    assert loaded.scores.filter(pl.col("score").is_null()).height == 0


def test_carers_example_shows_what_it_promises() -> None:
    loaded = example("carers-short-breaks")
    suppliers = dict(zip(loaded.suppliers["supplier"], loaded.suppliers["org_type"], strict=True))
    assert len(suppliers) == 6 and "in-house team" in suppliers.values()
    assert sorted(loaded.declarations["group"].to_list()) == ["", "", "", "service_users"]
    hop = loaded.scores.filter(
        (pl.col("supplier") == "Hop Garden Respite CIC")
        & (pl.col("question") == "Q1")
        & (pl.col("group") == "")
    )
    assert sorted(hop["score"].to_list()) == [1.0, 4.0, 4.0]  # the strong disagreement
    assert ("Hop Garden Respite CIC", "Q1", 3.0) in loaded.moderation.select(
        "supplier", "question", "score"
    ).rows()
    yearly = (
        loaded.prices.with_columns(cost=pl.col("volume") * pl.col("unit_rate"))
        .group_by("supplier")
        .agg(pl.col("cost").sum())
    )
    lowest = yearly["cost"].min()
    assert lowest < 0.8 * yearly["cost"].median()  # one abnormally low bid


def test_homecare_example_shape() -> None:
    loaded = example("homecare-districts")
    assert loaded.plan is not None and len(loaded.plan.lots) == 12
    assert loaded.plan.lot_cap.max_lots_per_supplier == 4
    assert loaded.suppliers.height == 25
    lots_per_supplier = loaded.bids.group_by("supplier").len()["len"]
    assert lots_per_supplier.max() >= 9 and lots_per_supplier.min() == 1
    east = loaded.packages.filter(pl.col("package") == "East Kent")
    assert east.height >= 2
    assert east["lots"][0].to_list() == ["ASH", "CAN", "DOV", "FOL", "THA"]


def test_carers_example_is_up_to_date(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_examples", EXAMPLES / "build_examples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    module.build_carers(tmp_path / "carers")
    committed = EXAMPLES / "carers-short-breaks"
    rebuilt = sorted(
        p.relative_to(tmp_path / "carers") for p in (tmp_path / "carers").rglob("*") if p.is_file()
    )
    for relative in rebuilt:
        assert (committed / relative).read_bytes() == (
            tmp_path / "carers" / relative
        ).read_bytes(), f"rebuild {relative}"


@pytest.mark.parametrize("name", EXAMPLE_FOLDERS)
def test_templates_for_the_examples_reopen_with_checks(name: str, tmp_path: Path) -> None:
    loaded = example(name)
    plan = loaded.plan
    bidders: dict[str, list[str]] = {}
    for supplier, lot in loaded.bids.select("supplier", "lot").iter_rows():
        bidders.setdefault(supplier, []).append(lot)
    proxies = templates.find_proxies(plan, EXAMPLES / name)
    built = [
        templates.build_bid_return(plan, tmp_path / "bid.xlsx", proxies),
        templates.build_score_sheet(plan, tmp_path / "score.xlsx", bidders, "X"),
        templates.build_moderation_sheet(plan, tmp_path / "moderation.xlsx", bidders),
        templates.build_matrix(plan, tmp_path / "matrix.xlsx", proxies),
    ]
    for path in built:
        wb = load_workbook(path)
        for ws in wb:
            assert ws.protection.sheet, f"{path.name} › {ws.title}"
        assert any(validations(ws) for ws in wb), path.name
    scores = load_workbook(built[1])[layout.SCORE_SCORES]
    expected_rows = sum(len(lots) for lots in bidders.values()) * len(plan.questions())
    assert len(data_rows(scores, layout.SCORE_COLUMNS, ("supplier", "lot", "question"))) == (
        expected_rows
    )


# ---- The command -----------------------------------------------------------------------------


def test_command_writes_a_template(tender: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "bid-return.xlsx"
    result = CliRunner().invoke(
        cli, ["template", "bid-return", "--tender", str(tender), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote the bid-return template to {out}" in result.output
    assert layout.BID_PRICES in load_workbook(out).sheetnames


def test_a_template_from_a_plan_left_as_init_wrote_it_says_what_to_settle(
    tmp_path: Path,
) -> None:
    """Found by following the README from `init`: a template went out to suppliers naming
    the buyer "Name of the council or body", and the command said only that it was written.
    The plan's warnings are the template's too: what it prints comes from the plan."""
    import tendereval

    folder = tmp_path / "new"
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    out = tmp_path / "bid-return.xlsx"
    result = CliRunner().invoke(
        cli, ["template", "bid-return", "--tender", str(folder), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Settle these in the plan before the template goes out" in result.stderr
    assert "tender.buyer: warning: still the placeholder" in result.stderr
    made = tendereval.template("matrix", folder, tmp_path / "matrix.xlsx")
    assert {p.code for p in made.problems} == {"plan.placeholder", "plan.approval"}
    # A plan with its own names has nothing to settle.
    clean = tendereval.template("bid-return", EXAMPLES / "carers-short-breaks", out)
    assert clean.problems == ()


def test_command_score_sheet_lists_the_bids_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    out = tmp_path / "panel.xlsx"
    result = CliRunner().invoke(
        cli,
        [
            "template",
            "score-sheet",
            "--tender",
            str(folder),
            "--group",
            "service_users",
            "--evaluator",
            "Panel",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = data_rows(
        load_workbook(out)[layout.SCORE_SCORES], layout.SCORE_COLUMNS, ("supplier", "question")
    )
    assert len(rows) == 12 and {q for _, q in rows} == {"Q1", "Q3"}


def test_command_unknown_kind_is_a_usage_error(tender: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["template", "price-sheet", "--tender", str(tender), "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 2
    assert "'price-sheet' is not one of" in result.output


def test_command_unknown_group_is_a_usage_error(tender: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "template",
            "score-sheet",
            "--tender",
            str(tender),
            "--group",
            "nobody",
            "-o",
            str(tmp_path / "x.xlsx"),
        ],
    )
    assert result.exit_code == 2
    assert "no evaluator group 'nobody'" in result.output and "panel" in result.output


def test_command_missing_plan_exits_1_with_the_message(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(
        cli, ["template", "matrix", "--tender", str(empty), "-o", str(tmp_path / "m.xlsx")]
    )
    assert result.exit_code == 1
    assert "there is no evaluation plan" in result.output
    assert not (tmp_path / "m.xlsx").exists()


def test_command_bad_plan_lists_its_problems(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "tender.toml").write_text(
        PLAN.replace("weight_of_total = 50", "weight_of_total = 45"), encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli, ["template", "bid-return", "--tender", str(folder), "-o", str(tmp_path / "b.xlsx")]
    )
    assert result.exit_code == 1
    assert "tender.toml" in result.output
    assert "the award criteria weights do not add up to 100" in result.output


def test_the_officer_is_told_what_a_score_sheet_for_many_bids_is_doing(tmp_path) -> None:
    """A score sheet for 1,000 bid returns reads every bid and writes 48,000 rows; the command
    says so once it takes more than a second."""
    from pathlib import Path

    import tendereval

    told: list[str] = []
    folder = Path(__file__).parents[1] / "examples" / "homecare-districts"
    tendereval.template("score-sheet", folder, tmp_path / "s.xlsx", steps=told.append)
    assert told == [
        f"Reading the bids in {folder} to list a row for each bid…",
        "Writing the score-sheet template: 72 bids, a row for each question…",
    ]


def test_no_template_asks_excel_to_work_formulas_out_on_opening() -> None:
    """Session 33: openpyxl writes fullCalcOnLoad="1" by default, and a formula's saved result
    in a workbook carrying it is refused (it may be XlsxWriter's placeholder 0): a template,
    which holds no formula, must not pass the flag to the returns filled in from it."""
    import zipfile

    blanks = sorted((Path(__file__).parents[1] / "templates" / "blank").glob("*.xlsx"))
    assert blanks
    for blank in blanks:
        with zipfile.ZipFile(blank) as package:
            workbook = package.read("xl/workbook.xml").decode()
        assert 'fullCalcOnLoad="1"' not in workbook, blank.name
