"""The templates tendereval writes load back cleanly once filled in: the loaders and the
template writer agree on layout.py."""

from __future__ import annotations

from openpyxl import load_workbook

from tendereval import templates
from tendereval.io.tender import load_tender
from tendereval.plan import load_plan

from .builders import write_plan


def _fill_bid(path, name):
    wb = load_workbook(path)
    answers = {
        "Legal name of the organisation": name,
        "Registered address": "2 Bank Street, Dover",
        "Type of organisation": "charity",
        "Voluntary, community or social enterprise (VCSE)?": "yes",
        "Staff headcount": 8,
        "Annual turnover (£)": 310000,
        "Balance sheet total (£)": 120000,
        # What each assessment summary gives of the supplier (reg 31(2)(b)-(c)).
        "Contact email": "bids@dovercarers.example",
        "Unique identifier (Find a Tender / Central Digital Platform)": "PTST-4321-BCDG",
    }
    ws = wb["Organisation"]
    for row in ws.iter_rows(min_row=1, max_row=30, max_col=2):
        label = str(row[0].value or "").rstrip(" *")
        if label in answers:
            row[1].value = answers[label]
    prices = wb["Prices"]
    for row in prices.iter_rows(min_row=5, max_row=8):
        row[6].value = 21.5  # G: unit rate
    wb.save(path)


def test_filled_templates_load_without_problems(tmp_path):
    write_plan(tmp_path)
    plan, _ = load_plan(tmp_path)
    (tmp_path / "bids").mkdir()
    (tmp_path / "scores").mkdir()
    bid = templates.build_bid_return(plan, tmp_path / "bids" / "dover.xlsx")
    _fill_bid(bid, "Dover Carers Trust")
    sheet = templates.build_score_sheet(
        plan, tmp_path / "scores" / "ann.xlsx", {"Dover Carers Trust": ["L1", "L2"]}, "Ann Evans"
    )
    wb = load_workbook(sheet)
    declaration = wb["Declaration"]
    for row in declaration.iter_rows(min_row=1, max_row=20, max_col=2):
        label = str(row[0].value or "").rstrip(" *")
        if label == "Date of declaration":
            row[1].value = "01/10/2026"
        elif label == "Conflict of interest":
            row[1].value = "none"
    scores = wb["Scores"]
    for row in scores.iter_rows(min_row=5, max_row=scores.max_row):
        if row[0].value:
            row[5].value, row[6].value = 4, "Clear, costed plan"
    wb.save(sheet)

    tender = load_tender(tmp_path)
    assert [str(p) for p in tender.problems] == []
    assert tender.bids.select("supplier", "lot").rows() == [
        ("Dover Carers Trust", "L1"),
        ("Dover Carers Trust", "L2"),
    ]
    assert tender.scores.height == 6  # 2 lots × Q1, Q2, SV1
    assert tender.suppliers["vcse"].to_list() == [True]
