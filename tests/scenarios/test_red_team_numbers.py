"""Red team, round 2: the numbers an officer reads in the scenarios workbook.

A named participation target is the buyer's own figure: the Frontier sheet must show it as
declared, not rounded to one decimal place (a target of 25.55% shown as "25.6%" states a
requirement the optimiser did not apply).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from openpyxl import load_workbook

from tendereval.lot_splits import run_scenarios
from tendereval.report.scenarios_excel import write_scenarios_workbook
from tests.scenarios.helpers import load, spec


def shown_percent(value: float, number_format: str) -> str:
    """The cell as Excel shows a percent format: as many decimals as the format allows, then
    the optional ('#') ones dropped when zero."""
    assert number_format.endswith("%"), number_format
    decimals = number_format.split(".")[1][:-1] if "." in number_format else ""
    text = f"{value * 100:.{len(decimals)}f}"
    optional = decimals.count("#")
    while optional and text.endswith("0"):
        text, optional = text[:-1], optional - 1
    return text.rstrip(".") + "%"


def test_the_shown_percent_helper_reads_formats_as_excel_does() -> None:
    assert shown_percent(0.2555, "0.0%") == "25.6%"
    assert shown_percent(0.2555, "0.0###%") == "25.55%"
    assert shown_percent(0.25, "0.0###%") == "25.0%"


def test_a_named_target_is_shown_as_declared(tmp_path: Path) -> None:
    data = spec()
    data["participation"]["sme_targets"] = [0.2555]
    result = run_scenarios(load(tmp_path, data))
    ws = load_workbook(write_scenarios_workbook(result, tmp_path / "out.xlsx"))["Frontier"]
    header = next(r for r in ws.iter_rows() if r[0].value == "Packaging")
    column = next(c.column for c in header if c.value == "Minimum share required")
    named = next(c.column for c in header if c.value == "Named target")
    cells = [
        r[column - 1]
        for r in ws.iter_rows(min_row=header[0].row + 1)
        if r[named - 1].value == "yes"
    ]
    assert cells, "the named target has a row on the Frontier sheet"
    assert {shown_percent(c.value, c.number_format) for c in cells} == {"25.55%"}


def test_a_share_just_under_a_target_is_not_written_as_the_target(tmp_path: Path) -> None:
    # Red team: the most attainable SME share was 99.9999...% (Big Ltd's one hour in unit A is
    # the only non-SME work), and a named target of 100% read "Not attainable: the most
    # attainable SME share is 100.0%": rounded to one decimal it contradicted itself.
    data = spec(
        units=[
            {"id": "A", "name": "Area A", "volume": 1, "true_cost": 20},
            {"id": "B", "name": "Area B", "volume": 1_000_000, "true_cost": 20},
        ],
        participation={"sweep": ["sme"], "steps": 1, "sme_targets": [1.0]},
        suppliers=[
            {
                "name": "Big Ltd",
                "staff": 500,
                "turnover": 1_000_000,
                "unit_price": 18,
                "quality": 60,
                "serves": ["A"],
            },
            {
                "name": "Small Ltd",
                "staff": 10,
                "turnover": 100_000_000,
                "sme": True,
                "unit_price": 19,
                "quality": 80,
                "serves": ["B"],
            },
        ],
    )
    data["packagings"] = [{"id": "split", "name": "two area lots", "lots": "per_unit"}]
    result = run_scenarios(load(tmp_path, data))
    row = result.frontier.filter(pl.col("named_target")).row(0, named=True)
    assert row["status"] == "infeasible"
    # £19,000,000 of £19,000,018 goes to the SME: 99.999905...%.
    assert row["note"] == "Not attainable: the most attainable SME share is 99.9999%."


def test_targets_for_a_share_not_swept_are_warned_of(tmp_path: Path) -> None:
    """sme_targets = [1.0] with sweep = ["vcse"] was read and never tested, without a word."""
    from tendereval.lot_splits import load_scenarios
    from tests.scenarios.helpers import write

    data = spec()
    data["participation"] = {"sweep": ["vcse"], "vcse_targets": [0.1], "sme_targets": [1.0]}
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    assert [(p.code, p.cell, p.is_error) for p in problems] == [
        ("scenarios.targets_not_swept", "participation.sme_targets", False)
    ]
    assert "sweep does not list 'sme'" in problems[0].message
    data["participation"]["sweep"] = ["vcse", "sme"]
    _, problems = load_scenarios(write(tmp_path, data))
    assert problems == []
