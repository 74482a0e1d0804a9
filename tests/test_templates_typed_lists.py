"""Excel caps a list typed into a data validation at 255 characters: every drop-down of every
template either fits or takes its values from the hidden Lists sheet, and still offers
exactly the values the loaders accept."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tendereval import layout, sheets, templates
from tendereval.io.tender import load_tender
from tendereval.plan import Plan, load_plan
from tests.test_templates import fill_form

# 0 to 100 in steps of 1 typed out is "0,1,2,…,100": 292 characters, 294 with its quotes.
PERCENT = ", ".join(str(i) for i in range(101))
# 0 to 10 in steps of 0.1 typed out is 401 characters.
TENTHS = ", ".join(f"{i / 10:g}" for i in range(101))

PLAN = f"""
[tender]
id = "T-LISTS"
title = "Long scales"
buyer = "Test Council"
contract_years = 1

[approval]
approved_by = "Cabinet Committee"
approved_on = 2026-09-14

[[lots]]
id = "L1"
name = "Lot one"
volumes = {{ hours = 1000 }}

[[lots]]
id = "L2"
name = "Lot two"
volumes = {{ hours = 500 }}

[price]
method = "lowest_price_ratio"

[[price.items]]
id = "hours"
description = "Hours"
unit = "hour"

[scales."percent steps"]
values = [{PERCENT}]

[scales.tenths]
values = [{TENTHS}]

[scales.five]
values = [0, 1, 2, 3, 4, 5]

[[criteria]]
id = "price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 60

  [[criteria.questions]]
  id = "Q1"
  title = "Delivery"
  weight_of_parent = 40
  scale = "percent steps"

  [[criteria.questions]]
  id = "Q2"
  title = "Workforce"
  weight_of_parent = 30
  scale = "tenths"

  [[criteria.questions]]
  id = "Q3"
  title = "Safeguarding"
  weight_of_parent = 30
  scale = "five"
"""

_RANGE = re.compile(
    r"^'?(?P<sheet>[^'!]+)'?!\$(?P<col>[A-Z]+)\$(?P<first>\d+):\$[A-Z]+\$(?P<last>\d+)$"
)


@pytest.fixture
def tender(tmp_path: Path) -> Path:
    folder = tmp_path / "tender"
    (folder / "bids").mkdir(parents=True)
    (folder / "scores").mkdir()
    (folder / "tender.toml").write_text(PLAN, encoding="utf-8")
    return folder


@pytest.fixture
def plan(tender: Path) -> Plan:
    loaded, problems = load_plan(tender)
    assert loaded is not None, problems
    return loaded


def _build(kind: str, plan: Plan, path: Path) -> Path:
    if kind == "bid-return":
        return templates.build_bid_return(plan, path, [f"SV-MEASURE-{i:03}" for i in range(60)])
    if kind == "score-sheet":
        return templates.build_score_sheet(plan, path, {"Acme, Ltd": ["L1", "L2"]}, "Ann")
    if kind == "moderation":
        return templates.build_moderation_sheet(plan, path, ["Acme, Ltd"])
    return templates.build_matrix(plan, path, [f"SV-MEASURE-{i:03}" for i in range(60)])


def offered(wb: Workbook, formula: str) -> list[object]:
    """What a list validation offers: its typed values, or the cells of its Lists range."""
    if formula.startswith('"'):
        return [_number(text) for text in formula.strip('"').split(",")]
    found = _RANGE.match(formula)
    assert found, formula
    assert found["sheet"] == layout.LISTS_SHEET
    ws = wb[found["sheet"]]
    assert ws.sheet_state == "hidden"
    return [
        ws[f"{found['col']}{row}"].value
        for row in range(int(found["first"]), int(found["last"]) + 1)
    ]


def _number(text: str) -> object:
    try:
        return float(text)
    except ValueError:
        return text


@pytest.mark.parametrize("kind", templates.KINDS)
def test_no_typed_list_in_any_template_is_over_excels_limit(
    kind: str, plan: Plan, tmp_path: Path
) -> None:
    """The score sheet typed the 0–100 scale's 101 values into its drop-down: 294 characters,
    which Excel refuses (it reports the file as needing repair and drops the rule)."""
    wb = load_workbook(_build(kind, plan, tmp_path / f"{kind}.xlsx"))
    lists = 0
    for ws in wb:
        for rule in ws.data_validations.dataValidation:
            if rule.type != "list":
                continue
            lists += 1
            if rule.formula1.startswith('"'):
                assert len(rule.formula1) <= 255, f"{kind} {ws.title} {rule.sqref}"
            else:
                assert offered(wb, rule.formula1), f"{kind} {ws.title}: an empty list"
    assert lists


@pytest.mark.parametrize("kind", ["score-sheet", "moderation"])
def test_each_scores_drop_down_offers_exactly_its_scale(
    kind: str, plan: Plan, tmp_path: Path
) -> None:
    wb = load_workbook(_build(kind, plan, tmp_path / f"{kind}.xlsx"))
    ws = wb[layout.SCORE_SCORES if kind == "score-sheet" else layout.MODERATION_SHEET]
    columns = layout.SCORE_COLUMNS if kind == "score-sheet" else layout.MODERATION_COLUMNS
    question = next(i for i, c in enumerate(columns, start=1) if c.key == "question")
    score = next(i for i, c in enumerate(columns, start=1) if c.key == "score")
    seen = set()
    for row in range(layout.TABLE_HEADER_ROW + 1, ws.max_row + 1):
        question_id = ws.cell(row=row, column=question).value
        if question_id is None:
            continue
        coordinate = ws.cell(row=row, column=score).coordinate
        (rule,) = [r for r in ws.data_validations.dataValidation if coordinate in r.sqref]
        scale = plan.scales[plan.leaf(question_id).scale]
        assert rule.type == "list"
        assert offered(wb, rule.formula1) == list(scale.values), (question_id, rule.formula1)
        seen.add(scale.id)
        if scale.id == "five":  # a short scale is still typed in, as before
            assert rule.formula1 == '"0,1,2,3,4,5"'
    assert seen == {"percent steps", "tenths", "five"}
    # Kept where the loaders expect it: the last sheet, hidden.
    assert wb.sheetnames[-1] == layout.LISTS_SHEET


def test_a_score_sheet_with_a_long_scale_reads_back_without_a_warning(
    plan: Plan, tender: Path
) -> None:
    bid = templates.build_bid_return(plan, tender / "bids" / "acme.xlsx")
    wb = load_workbook(bid)
    fill_form(
        wb[layout.BID_ORGANISATION],
        layout.ORGANISATION_FIELDS,
        {
            "legal_name": "Acme",
            "address": "1 High Street",
            "org_type": "charity",
            "vcse": "yes",
            "staff": 40,
            "turnover": 1_200_000,
            "balance_sheet": 300_000,
            "contact_email": "bids@example.org",
            "unique_identifier": "PTST-1004-ACME",
        },
    )
    prices = wb[layout.BID_PRICES]
    for row in (layout.TABLE_HEADER_ROW + 1, layout.TABLE_HEADER_ROW + 2):  # L1, L2 hours
        prices.cell(row=row, column=7, value=25.5)
    wb.save(bid)
    path = tender / "scores" / "ann.xlsx"
    templates.build_score_sheet(plan, path, {"Acme": ["L1", "L2"]}, "Ann")
    wb = load_workbook(path)
    fill_form(
        wb[layout.SCORE_DECLARATION],
        layout.DECLARATION_FIELDS,
        {"declared_on": dt.date(2026, 10, 5), "conflict": "none"},
    )
    ws = wb[layout.SCORE_SCORES]
    given = {"Q1": 37, "Q2": 0.3, "Q3": 4}
    for row in range(layout.TABLE_HEADER_ROW + 1, ws.max_row + 1):
        question = ws.cell(row=row, column=3).value
        if question in given:
            ws.cell(row=row, column=6, value=given[question])
            ws.cell(row=row, column=7, value=f"Reason for {question}")
    wb.save(path)
    tender_data = load_tender(tender)
    assert [str(p) for p in tender_data.problems] == []
    scores = tender_data.scores.sort("question", "lot").select("question", "score").rows()
    assert scores == [
        ("Q1", 37.0),
        ("Q1", 37.0),
        ("Q2", 0.3),
        ("Q2", 0.3),
        ("Q3", 4.0),
        ("Q3", 4.0),
    ]


def test_typed_list_only_when_a_typed_list_holds_the_values_exactly() -> None:
    assert sheets.typed_list(["yes", "no"]) == '"yes,no"'
    assert sheets.typed_list([0.0, 2.5, 10.0]) == '"0,2.5,10"'
    assert sheets.typed_list(["Acme, Ltd", "Beta"]) is None  # a comma splits a typed list
    assert sheets.typed_list(['say "no"']) is None
    assert sheets.typed_list([0.1234567]) is None  # typed as 0.123457
    # 255 characters with the quotes is the most Excel takes.
    assert sheets.typed_list(["x" * 253]) == '"' + "x" * 253 + '"'
    assert sheets.typed_list(["x" * 254]) is None


def test_a_long_fixed_choice_goes_to_the_lists_sheet() -> None:
    """It raised ValueError: the one rule now decides for every list."""
    wb = Workbook()
    validations = sheets.Validations(wb.active)
    choices = [f"choice number {i}" for i in range(30)]
    validations.choice("B2", choices, "Long choice")
    (rule,) = validations.rules.values()
    assert offered(wb, rule.formula1) == choices
    assert "list_Long_choice" in wb.defined_names
