"""Provenance all the way: for every form a bid can arrive in (a bid return built from the
template, a hand-made bid return, the consolidated workbook, the consolidated CSV folder), the
report's Price and Social value sheets and the JSON say which file and cell each unit rate,
uplift and commitment was read from, and which place in the plan each volume came from — and
that place really holds the figure shown."""

from __future__ import annotations

import csv
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tendereval import layout, templates
from tendereval.io.tender import load_tender
from tendereval.plan import load_plan
from tendereval.report.excel import write_report
from tendereval.scoring import score
from tendereval.scoring.output import csv_frame, write_json
from tests.io.builders import (
    LOTS,
    bid_workbook,
    good_tender,
    matrix_workbook,
    score_rows,
    score_workbook,
    write_plan,
)

from .checks import sheet_table

ACME, BRIGHT = "Acme Care Ltd", "Bright Futures CIC"
# Acme's figures for lot L2, hours (the plan's yearly volume is 500), chosen to be found.
RATE, UPLIFT, UNITS = 21.75, 0.025, 52.0
TYPED_UPLIFT = "2.5%"  # 0.025 in a cell not formatted as a percentage is ambiguous, an error
VOLUME_FROM = ("tender.toml", "lots › L2 › volumes.hours")


@dataclass(frozen=True)
class Expected:
    """Where Acme's L2 hours rate and uplift, its L2 commitment and Bright's every-lot
    commitment are, in the form the test wrote."""

    prices_file: str
    rate_cell: str
    uplift_cell: str | None
    commitments_file: str
    acme_commitment: str
    bright_file: str
    bright_commitment: str


def _rates(**changes: float) -> dict[tuple[str, str], float]:
    rates = {(lot, "hours"): 20.0 for lot in LOTS} | {(lot, "visits"): 35.0 for lot in LOTS}
    return rates | {tuple(k.split("_")): v for k, v in changes.items()}


def bid_return(folder: Path) -> Expected:
    """Bid returns laid out as the template is (builders.py: L2 hours on row 7)."""
    good_tender(folder)  # Bright commits 52 SV-APP weeks for every lot (Social value › C5)
    bid_workbook(
        folder / "bids" / "acme.xlsx",
        rates=_rates(L2_hours=RATE),
        uplifts={"L2": TYPED_UPLIFT},
        commitments=[{"lot": "L2", "measure": "SV-TRAIN", "units": UNITS}],
    )
    return Expected(
        "bids/acme.xlsx",
        "Prices › G7",
        "Prices › H7",
        "bids/acme.xlsx",
        "Social value › C5",
        "bids/bright.xlsx",
        "Social value › C5",
    )


def _header_columns(ws: Any, row: int) -> dict[str, str]:
    return {c.value: c.column_letter for c in ws[row] if c.value}


def template_return(folder: Path) -> Expected:
    """Acme fills in the bid return ``tendereval template`` writes; the cells are found by
    their headers, so the test follows the template wherever it puts them."""
    write_plan(folder)
    plan, _ = load_plan(folder)
    path = templates.build_bid_return(plan, folder / "bids" / "acme.xlsx")
    wb = openpyxl.load_workbook(path)
    answers = {
        "Legal name of the organisation": ACME,
        "Registered address": "2 Bank Street, Dover",
        "Type of organisation": "charity",
        "Voluntary, community or social enterprise (VCSE)?": "yes",
        "Staff headcount": 8,
        "Annual turnover (£)": 310_000,
        "Balance sheet total (£)": 120_000,
    }
    for row in wb["Organisation"].iter_rows(max_col=2):
        label = str(row[0].value or "").rstrip(" *")
        if label in answers:
            row[1].value = answers[label]
    prices = wb["Prices"]
    top = next(c.row for c in prices["A"] if c.value == "Lot")
    col = _header_columns(prices, top)
    rate, uplift = col["Unit rate (£)"], col["Yearly uplift (%)"]
    for r in range(top + 1, prices.max_row + 1):
        lot, item = prices[f"{col['Lot']}{r}"].value, prices[f"{col['Item']}{r}"].value
        if (lot, item) == ("L2", "hours"):
            prices[f"{rate}{r}"], prices[f"{uplift}{r}"] = RATE, UPLIFT
            acme_row = r
        elif lot:
            prices[f"{rate}{r}"] = 20.0
    social = wb["Social value"]
    top = next(c.row for c in social["A"] if str(c.value).startswith("Lot"))
    col = _header_columns(social, top)
    units = col["Units committed"]
    social[f"{col['Lot (blank = every lot bid for)']}{top + 1}"] = "L2"
    social[f"{col['Measure id']}{top + 1}"] = "SV-TRAIN"
    social[f"{units}{top + 1}"] = UNITS
    wb.save(path)
    bid_workbook(
        folder / "bids" / "bright.xlsx", BRIGHT, commitments=[{"measure": "SV-APP", "units": 52}]
    )
    score_workbook(folder / "scores" / "ann.xlsx", score_rows((ACME, BRIGHT)))
    return Expected(
        "bids/acme.xlsx",
        f"Prices › {rate}{acme_row}",
        f"Prices › {uplift}{acme_row}",
        "bids/acme.xlsx",
        f"Social value › {units}{top + 1}",
        "bids/bright.xlsx",
        "Social value › C5",
    )


def _tables(uplift: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The consolidated tables: Acme's L2 hours rate on the third Prices row (row 3 under the
    header), Acme's commitment then Bright's every-lot commitment on the SocialValue rows."""
    prices = [
        {"supplier": s, "lot": lot, "item": item, "unit_rate": rate}
        for s in (ACME, BRIGHT)
        for lot, item, rate in (("L1", "hours", 20), ("L2", "hours", 20), ("L2", "visits", 35))
    ]
    prices[1] |= {"unit_rate": RATE} | ({"uplift": TYPED_UPLIFT} if uplift else {})
    return {
        "Suppliers": [{"supplier": s, "staff": 12} for s in (ACME, BRIGHT)],
        "Prices": prices,
        "SocialValue": [
            {"supplier": ACME, "lot": "L2", "measure": "SV-TRAIN", "units": UNITS},
            {"supplier": BRIGHT, "measure": "SV-APP", "units": 52},
        ],
        "Scores": [
            {"evaluator": "Ann Evans", **row}
            for row in score_rows((ACME, BRIGHT), lots=("L1", "L2"))
        ],
        "Declarations": [
            {"evaluator": "Ann Evans", "declared_on": "2026-10-01", "conflict": "none"}
        ],
    }


def matrix_form(folder: Path) -> Expected:
    write_plan(folder)
    matrix_workbook(folder / "evaluation.xlsx", _tables())
    matrix = "evaluation.xlsx"
    return Expected(
        matrix, "Prices › D3", "Prices › E3", matrix, "SocialValue › D2", matrix, "SocialValue › D3"
    )


def _write_csv_folder(folder: Path, uplift: bool) -> None:
    write_plan(folder)
    (folder / "evaluation").mkdir()
    for sheet, rows in _tables(uplift).items():
        columns = [c for c in layout.MATRIX_SHEETS[sheet] if uplift or c != "uplift"]
        with (folder / "evaluation" / f"{sheet.lower()}.csv").open("w", newline="") as out:
            writer = csv.DictWriter(out, columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)


def csv_form(folder: Path) -> Expected:
    _write_csv_folder(folder, uplift=True)
    social = "evaluation/socialvalue.csv"
    return Expected(
        "evaluation/prices.csv",
        "row 3, column unit_rate",
        "row 3, column uplift",
        social,
        "row 2, column units",
        social,
        "row 3, column units",
    )


FORMS = {
    "template bid return": template_return,
    "bid return": bid_return,
    "consolidated workbook": matrix_form,
    "consolidated CSV": csv_form,
}


def held_at(folder: Path, file: str, cell: str) -> Any:
    """The value in ``file`` at ``cell`` (``Sheet › G7``, or ``row 3, column unit_rate`` in a
    CSV file), or in the plan at ``lots › L2 › volumes.hours``: where provenance points."""
    if file == "tender.toml":
        _, lot, key = cell.split(" › ")
        plan = tomllib.loads((folder / file).read_text(encoding="utf-8"))
        spec = next(spec for spec in plan["lots"] if spec["id"] == lot)
        table, item = key.split(".")
        return spec[table][item]
    if cell.startswith("row "):
        row, column = cell.removeprefix("row ").split(", column ")
        with (folder / file).open(newline="") as handle:
            return list(csv.DictReader(handle))[int(row) - 2][column]
    sheet, ref = cell.split(" › ")
    return openpyxl.load_workbook(folder / file)[sheet][ref].value


def _scored(folder: Path):
    tender = load_tender(folder)
    assert not tender.errors, [str(p) for p in tender.errors]
    return score(tender, sensitivity=False)


@pytest.fixture(params=list(FORMS), ids=list(FORMS))
def form(request, tmp_path):
    folder = tmp_path / "tender"
    expected = FORMS[request.param](folder)
    return folder, expected, _scored(folder)


def test_price_sheet_gives_file_sheet_and_cell_of_a_bids_rate_uplift_and_volume(form, tmp_path):
    folder, expected, result = form
    wb = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    build_up = sheet_table(wb["Price build-up"], "Lot", "Supplier", "Item")
    row = next(r for r in build_up if (r["Lot"], r["Supplier"], r["Item"]) == ("L2", ACME, "hours"))
    assert (row["Unit rate (£)"], row["Yearly uplift"], row["Yearly volume"]) == (
        RATE,
        UPLIFT,
        500,
    )
    assert (row["File"], row["Unit rate cell"], row["Uplift cell"]) == (
        expected.prices_file,
        expected.rate_cell,
        expected.uplift_cell,
    )
    assert row["Volume from"] == " › ".join(VOLUME_FROM)
    # Each place named holds the figure (as typed: a CSV cell is text).
    assert float(held_at(folder, row["File"], row["Unit rate cell"])) == RATE
    assert held_at(folder, row["File"], row["Uplift cell"]) in (UPLIFT, TYPED_UPLIFT)
    assert held_at(folder, *VOLUME_FROM) == 500
    # Every row of the build-up says where it came from.
    assert len(build_up) == result.price_breakdown.height >= 6
    assert all(r["File"] and r["Unit rate cell"] and r["Volume from"] for r in build_up)


def test_social_value_sheet_gives_file_sheet_and_cell_of_each_commitment(form, tmp_path):
    folder, expected, result = form
    wb = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    rows = sheet_table(wb["Social value commitments"], "Lot", "Supplier", "Measure")
    where = {(r["Lot"], r["Supplier"]): (r["Units"], r["File"], r["Cell"]) for r in rows}
    assert where == {
        ("L2", ACME): (UNITS, expected.commitments_file, expected.acme_commitment),
        # Bright's commitment for every lot counts in each, from its one cell.
        ("L1", BRIGHT): (52, expected.bright_file, expected.bright_commitment),
        ("L2", BRIGHT): (52, expected.bright_file, expected.bright_commitment),
    }
    assert float(held_at(folder, expected.commitments_file, expected.acme_commitment)) == UNITS


def test_json_gives_file_sheet_and_cell_of_each_figure(form, tmp_path):
    _, expected, result = form
    path = tmp_path / "results.json"
    write_json(result, path)
    lot = next(
        lot for lot in json.loads(path.read_text(encoding="utf-8"))["lots"] if lot["lot"] == "L2"
    )
    acme = next(bid for bid in lot["ranking"] if bid["supplier"] == ACME)
    hours = next(item for item in acme["price_breakdown"] if item["item"] == "hours")
    assert hours == {
        "item": "hours",
        "volume": 500.0,
        "unit_rate": RATE,
        "uplift": UPLIFT,
        "years": 2,
        "discount_rate": 0.0,
        "item_price": 500 * RATE * (1 + 1 + UPLIFT),  # two years, the second uplifted
        "source": expected.prices_file,
        "rate_cell": expected.rate_cell,
        "uplift_cell": expected.uplift_cell,
        "volume_source": VOLUME_FROM[0],
        "volume_cell": VOLUME_FROM[1],
    }
    (commitment,) = acme["social_value_commitments"]
    assert (commitment["measure"], commitment["units"]) == ("SV-TRAIN", UNITS)
    assert (commitment["source"], commitment["cell"]) == (
        expected.commitments_file,
        expected.acme_commitment,
    )
    # The CSV stays one row per bid and lot: the build-up is in the JSON and the report.
    flat = csv_frame(result)
    assert flat.height == result.results.height == 4
    # (plus the award decision's outcome for each bid, and what its lot's award waits on)
    assert flat.columns == [*result.results.columns, "award", "award_waits"]


def test_a_form_without_an_uplift_column_names_no_uplift_cell(tmp_path):
    _write_csv_folder(tmp_path / "tender", uplift=False)
    result = _scored(tmp_path / "tender")
    row = result.price_breakdown.filter(supplier=ACME, lot="L2", item="hours").row(0, named=True)
    assert (row["uplift"], row["uplift_cell"], row["rate_cell"]) == (
        0.0,
        None,
        "row 3, column unit_rate",
    )
    wb = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    build_up = sheet_table(wb["Price build-up"], "Lot", "Supplier", "Item")
    shown = next(
        r for r in build_up if (r["Lot"], r["Supplier"], r["Item"]) == ("L2", ACME, "hours")
    )
    assert (shown["File"], shown["Uplift cell"]) == ("evaluation/prices.csv", None)
