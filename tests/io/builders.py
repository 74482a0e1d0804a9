"""Build tender folders, bid returns, score sheets and moderation workbooks for the loader
tests, laid out as :mod:`tendereval.layout` says (titles in rows 1–3, table headers at
``TABLE_HEADER_ROW``, form labels in column A from ``FORM_FIRST_ROW``).

Every builder takes ``cells``: ``{"Prices!G7": "TBC"}`` overrides applied last, so a test can
plant exactly one malformed value and assert the problem names that cell.

The plan (:data:`PLAN`) has two lots and two price items:

==== ====== ====== =========================================
lot  hours  visits Prices rows (hours, visits)
==== ====== ====== =========================================
L1   1000   0      row 5 (hours), row 6 (visits)
L2   500    20     row 7 (hours), row 8 (visits)
==== ====== ====== =========================================

so the unit rate for L2 hours is ``Prices › G7``.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tendereval import layout

PLAN = """
[tender]
id = "T-IO"
title = "Loader test tender"
buyer = "Test Council"
contract_years = 2

[approval]
approved_by = "Cabinet Committee"
approved_on = 2026-09-14

[[lots]]
id = "L1"
name = "North"
volumes = { hours = 1000, visits = 0 }

[[lots]]
id = "L2"
name = "South"
volumes = { hours = 500, visits = 20 }

[price]
method = "lowest_price_ratio"

[[price.items]]
id = "hours"
description = "Hours of support"
unit = "hour"

[[price.items]]
id = "visits"
description = "Home visits"
unit = "visit"

[scales.five]
values = [0, 1, 2, 3, 4, 5]

[[criteria]]
id = "price"
title = "Price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
title = "Quality"
type = "quality"
weight_of_total = 40

  [[criteria.questions]]
  id = "Q1"
  title = "Delivery model"
  weight_of_parent = 50
  scale = "five"

  [[criteria.questions]]
  id = "Q2"
  title = "Safeguarding"
  weight_of_parent = 50
  scale = "five"

[[criteria]]
id = "social_value"
title = "Social value"
type = "social_value"
weight_of_total = 20

  [[criteria.questions]]
  id = "SV1"
  title = "Social value approach"
  weight_of_parent = 50
  scale = "five"

  [[criteria.questions]]
  id = "SV2"
  title = "Social value commitments"
  kind = "commitments"
  weight_of_parent = 50

[social_value]
method = "relative_to_best"
proxy_table = "social-value-proxies-2026.csv"

[[evaluation.groups]]
id = "service_users"
name = "Service-user panel"
share = 25
questions = ["Q1"]
"""

LOTS = {
    "L1": ("North", {"hours": 1000, "visits": 0}),
    "L2": ("South", {"hours": 500, "visits": 20}),
}
ITEMS = {"hours": ("Hours of support", "hour"), "visits": ("Home visits", "visit")}
QUESTIONS = ("Q1", "Q2", "SV1")

ORGANISATION = {
    "legal_name": "Acme Care Ltd",
    "company_number": "01234567",
    "address": "1 High Street, Ashford",
    "org_type": "private company",
    "vcse": "no",
    "staff": 45,
    "turnover": "£2,500,000",
    "balance_sheet": 900000,
    # What each assessment summary gives of the supplier (reg 31(2)(b)-(c)): a return
    # without them is warned of.
    "contact_email": "bids@acme.example",
}


def write_plan(folder: Path, plan: str = PLAN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tender.toml"
    path.write_text(plan, encoding="utf-8")
    return path


def _apply(wb: Workbook, cells: dict[str, Any] | None) -> None:
    for address, value in (cells or {}).items():
        sheet, ref = address.split("!")
        wb[sheet][ref] = value


def _titles(ws: Any, title: str) -> None:
    ws["A1"] = title
    ws["A2"] = "Fill in the white cells."


def _table(
    wb: Workbook, name: str, columns: tuple[layout.Column, ...], rows: list[dict[str, Any]]
) -> None:
    ws = wb.create_sheet(name)
    _titles(ws, name)
    for col, column in enumerate(columns, start=1):
        ws.cell(layout.TABLE_HEADER_ROW, col, column.header)
    for offset, row in enumerate(rows, start=1):
        for col, column in enumerate(columns, start=1):
            if row.get(column.key) is not None:
                ws.cell(layout.TABLE_HEADER_ROW + offset, col, row[column.key])


def _form(
    wb: Workbook, name: str, fields: tuple[layout.Field, ...], values: dict[str, Any]
) -> None:
    ws = wb.create_sheet(name)
    _titles(ws, name)
    for offset, spec in enumerate(fields):
        ws.cell(layout.FORM_FIRST_ROW + offset, 1, spec.label)
        if values.get(spec.key) is not None:
            ws.cell(layout.FORM_FIRST_ROW + offset, 2, values[spec.key])


def _ppon(legal_name: str) -> str:
    """A unique identifier of the form Find a Tender gives, one for each name."""
    crc = zlib.crc32(legal_name.encode())
    letters = "".join(chr(65 + (crc >> shift) % 26) for shift in (14, 19, 24, 27))
    return f"PTST-{crc % 10**4:04d}-{letters}"


def bid_workbook(
    path: Path,
    legal_name: str = "Acme Care Ltd",
    rates: dict[tuple[str, str], Any] | None = None,
    uplifts: dict[str, Any] | None = None,
    organisation: dict[str, Any] | None = None,
    supply_chain: list[dict[str, Any]] | None = None,
    packages: list[dict[str, Any]] | None = None,
    commitments: list[dict[str, Any]] | None = None,
    cells: dict[str, Any] | None = None,
    leave_out: tuple[str, ...] = (),
) -> Path:
    """A bid return. ``rates`` default: every lot and item at 20 (hours) / 35 (visits)."""
    if rates is None:
        rates = {(lot, item): 20.0 if item == "hours" else 35.0 for lot in LOTS for item in ITEMS}
    wb = Workbook()
    wb.remove(wb.active)
    if layout.BID_ORGANISATION not in leave_out:
        _form(
            wb,
            layout.BID_ORGANISATION,
            layout.ORGANISATION_FIELDS,
            # Each supplier its own company number: one number on two bids is the same
            # organisation bidding twice (io/tender.py).
            {
                **ORGANISATION,
                "legal_name": legal_name,
                "company_number": f"{zlib.crc32(legal_name.encode()) % 10**8:08d}",
                # Each supplier its own PPON too: one PPON on two bids is one organisation.
                "unique_identifier": _ppon(legal_name),
                **(organisation or {}),
            },
        )
    if layout.BID_SUPPLY_CHAIN not in leave_out:
        _table(wb, layout.BID_SUPPLY_CHAIN, layout.SUPPLY_CHAIN_COLUMNS, supply_chain or [])
    price_rows = [
        {
            "lot": lot,
            "lot_name": name,
            "item": item,
            "description": ITEMS[item][0],
            "unit": ITEMS[item][1],
            "volume": volumes[item],
            "unit_rate": rates.get((lot, item)),
            "uplift": (uplifts or {}).get(lot),
        }
        for lot, (name, volumes) in LOTS.items()
        for item in ITEMS
    ]
    if layout.BID_PRICES not in leave_out:
        _table(wb, layout.BID_PRICES, layout.PRICE_COLUMNS, price_rows)
    if layout.BID_PACKAGES not in leave_out:
        _table(wb, layout.BID_PACKAGES, layout.PACKAGE_COLUMNS, packages or [])
    if layout.BID_SOCIAL_VALUE not in leave_out:
        _table(wb, layout.BID_SOCIAL_VALUE, layout.SOCIAL_VALUE_COLUMNS, commitments or [])
    _apply(wb, cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def score_rows(
    suppliers: tuple[str, ...], score: float = 3, lots: tuple[str, ...] = ("L1", "L2")
) -> list[dict[str, Any]]:
    """A full set of scores: every supplier × lot × question, each with a reason."""
    return [
        {
            "supplier": s,
            "lot": lot,
            "question": q,
            "score": score,
            "reason": f"{s} answered {q} satisfactorily",
        }
        for s in suppliers
        for lot in lots
        for q in QUESTIONS
    ]


def score_workbook(
    path: Path,
    rows: list[dict[str, Any]],
    evaluator: str = "Ann Evans",
    conflict: str | None = "none",
    group: str | None = None,
    declared_on: str | None = "01/10/2026",
    cells: dict[str, Any] | None = None,
    leave_out: tuple[str, ...] = (),
) -> Path:
    """An evaluator's score sheet. Scores rows start at row 5 in ``rows`` order."""
    wb = Workbook()
    wb.remove(wb.active)
    if layout.SCORE_DECLARATION not in leave_out:
        _form(
            wb,
            layout.SCORE_DECLARATION,
            layout.DECLARATION_FIELDS,
            {
                "evaluator": evaluator,
                "group": group,
                "declared_on": declared_on,
                "conflict": conflict,
            },
        )
    _table(wb, layout.SCORE_SCORES, layout.SCORE_COLUMNS, rows)
    _apply(wb, cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def moderation_workbook(path: Path, rows: list[dict[str, Any]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    _table(wb, layout.MODERATION_SHEET, layout.MODERATION_COLUMNS, rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def matrix_workbook(path: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    """The consolidated form ``evaluation.xlsx``: one sheet per table, the columns of
    :data:`layout.MATRIX_SHEETS` in row 1, data from row 2 in ``tables`` order."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, rows in tables.items():
        ws = wb.create_sheet(sheet)
        columns = layout.MATRIX_SHEETS[sheet]
        ws.append(list(columns))
        for row in rows:
            ws.append([row.get(c) for c in columns])
    wb.save(path)
    return path


def good_tender(folder: Path) -> Path:
    """A clean tender: two suppliers bidding both lots, one evaluator scoring everything."""
    write_plan(folder)
    bid_workbook(folder / "bids" / "acme.xlsx", "Acme Care Ltd")
    bid_workbook(
        folder / "bids" / "bright.xlsx",
        "Bright Futures CIC",
        organisation={"org_type": "CIC", "vcse": "yes"},
        commitments=[{"measure": "SV-APP", "units": 52}],
    )
    score_workbook(
        folder / "scores" / "ann.xlsx", score_rows(("Acme Care Ltd", "Bright Futures CIC"))
    )
    return folder
