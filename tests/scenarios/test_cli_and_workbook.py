"""``tendereval scenarios`` end to end, and the workbook it writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tendereval.cli import cli
from tendereval.lot_splits import run_scenarios
from tendereval.report import styles
from tendereval.report.scenarios_excel import write_scenarios_workbook
from tests.scenarios.helpers import load, spec, supplier, write

EXAMPLE = Path(__file__).parents[2] / "examples" / "homecare-lot-splits" / "scenarios.toml"


def test_the_example_writes_a_workbook_with_charts(tmp_path: Path) -> None:
    out = tmp_path / "lot-splits.xlsx"
    figures = tmp_path / "lot-splits.json"
    result = CliRunner().invoke(
        cli,
        [
            "scenarios",
            str(EXAMPLE),
            "-o",
            str(out),
            "--steps",
            "2",
            "--samples",
            "2",
            "--solver",
            "highs",
            "--json",
            str(figures),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "twelve district lots" in result.output
    assert f"Workbook written to {out}" in result.output
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Comparison",
        "Frontier",
        "Lots",
        "Market",
        "Samples",
        "Reasons",
        "Assumptions",
    ]
    charts = sum(len(ws._charts) for ws in wb.worksheets)
    assert charts >= 2
    assert len(wb["Comparison"]._charts) >= 1 and len(wb["Frontier"]._charts) >= 1
    assert wb["Comparison"].freeze_panes == "B7"
    assert wb["Comparison"]["G7"].number_format == '"£"#,##0'
    assert wb["Comparison"]["M7"].number_format == styles.PERCENT
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert data["seed"] == 2026 and data["samples"] == 2
    assert {row["packaging"] for row in data["comparison"]} == {
        "county",
        "health-areas",
        "districts",
        "hybrid",
    }
    assert "Procurement Act 2023, s.18" in data["reasons"]["county"]
    # The two warnings printed and listed on the Assumptions sheet are in the record too.
    assert [(w["cell"], w["code"]) for w in data["warnings"]] == [
        ("suppliers[24]", "scenarios.bids_for_nothing"),
        ("suppliers[25]", "scenarios.bids_for_nothing"),
    ]


def test_problems_in_the_file_exit_1_with_the_key_named(tmp_path: Path) -> None:
    data = spec()
    data["units"][0]["true_cost"] = "twenty"
    result = CliRunner().invoke(cli, ["scenarios", str(write(tmp_path, data))])
    assert result.exit_code == 1
    assert "units[0].true_cost: error: units[0].true_cost must be a number" in result.output
    assert not (tmp_path / "lot-splits.xlsx").exists()


def test_a_usage_error_exits_2(tmp_path: Path) -> None:
    # A file that is not there is a mistake in the command, as for every other command (it
    # was exit 1, "the file has problems").
    result = CliRunner().invoke(cli, ["scenarios", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2 and "does not exist" in result.output
    path = write(tmp_path, spec())
    result = CliRunner().invoke(cli, ["scenarios", str(path), "--steps", "0"])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["scenarios", str(path), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "its name must end in .xlsx" in result.output


def test_the_default_workbook_goes_beside_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, spec())
    result = CliRunner().invoke(cli, ["scenarios", str(path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "lot-splits.xlsx").is_file()
    assert "one contract" in result.output and " *" in result.output


def test_a_file_name_that_is_not_utf8_is_named_as_text_in_the_workbook(tmp_path: Path) -> None:
    """A scenarios file whose name holds the byte 0xA3 (a Windows "£" unzipped on Linux):
    its name went into the workbook as it came from the disk, which no workbook can hold,
    and the crash log written for that stopped too, leaving a traceback on the screen."""
    path = write(tmp_path, spec())
    named = tmp_path / os.fsdecode(b"splits-\xa3.toml")
    try:
        path.rename(named)
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    result = CliRunner().invoke(cli, ["scenarios", str(named)])
    assert result.exit_code == 0, result.output
    sheets = load_workbook(tmp_path / "lot-splits.xlsx").worksheets
    cells = [c.value for ws in sheets for row in ws.iter_rows() for c in row]
    assert any("splits-\\xa3.toml" in str(value) for value in cells)


def test_formula_like_names_stay_text(tmp_path: Path) -> None:
    data = spec()
    supplier(data, "Big Ltd")["name"] = '=HYPERLINK("http://example.com","Big")'
    data["packagings"][0]["name"] = "+one contract"
    data["scenario"]["title"] = "@risk review"
    result = run_scenarios(load(tmp_path, data))
    path = write_scenarios_workbook(result, tmp_path / "out.xlsx")
    wb = load_workbook(path)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+@":
                    found.setdefault(cell.value, set()).add(cell.data_type)
    assert found['=HYPERLINK("http://example.com","Big")'] == {"s"}
    assert found["+one contract"] == {"s"}
    assert found["@risk review"] == {"s"}


def test_the_same_result_writes_the_same_bytes(tmp_path: Path) -> None:
    result = run_scenarios(load(tmp_path, spec()))
    first = write_scenarios_workbook(result, tmp_path / "a.xlsx").read_bytes()
    second = write_scenarios_workbook(result, tmp_path / "b.xlsx").read_bytes()
    assert first == second


@pytest.mark.parametrize(
    ("volume", "big_ltd", "words"),
    [
        # Every price £0.00: the run stopped at "row 1, column price" of the optimiser's
        # offers table, rows the officer never wrote.
        (1e-300, {}, "works out at less than a penny a year"),
        # A billion hours a unit at £10,000: the single lot came to 2 × 10⁹ × £10,000 × 0.9.
        (
            1e9,
            {"unit_price": 1e4, "turnover": 1e12},
            "works out at more than any public contract is worth",
        ),
    ],
)
def test_a_price_out_of_range_names_the_supplier_and_lot_not_an_internal_table(
    tmp_path: Path, volume, big_ltd, words
) -> None:
    data = spec()
    for unit in data["units"]:
        unit["volume"] = volume
    supplier(data, "Big Ltd").update(big_ltd)
    result = CliRunner().invoke(cli, ["scenarios", str(write(tmp_path, data)), "--samples", "0"])
    assert result.exit_code == 1, result.output
    assert (
        "suppliers[0].unit_price: error: in packaging 'single', Big Ltd's price for lot "
        in result.output
    )
    assert words in result.output
    assert "row 1, column price" not in result.output
    assert not (tmp_path / "lot-splits.xlsx").exists()


def test_the_warnings_are_in_the_workbook_the_committee_reads(tmp_path: Path) -> None:
    """Small B Ltd bids for no lot (lot B is more than half its turnover): the terminal said
    so, the workbook did not. Its name, written like a formula, stays text there."""
    data = spec()
    supplier(data, "Small B Ltd")["name"] = "=Small B Ltd"
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, ["scenarios", str(write(tmp_path, data)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 warning" in result.output
    wb = load_workbook(out)
    assert wb["Comparison"]["A4"].value.endswith("The scenarios file has 1 warning, listed there.")
    ws = wb["Assumptions"]
    rows = [[cell.value for cell in row[:4]] for row in ws.iter_rows()]
    heading = rows.index(["Warnings about the scenarios file", None, None, None])
    assert rows[heading + 1] == ["Where", "Warning", "Found", "Expected"]
    where, message, found, _ = rows[heading + 2]
    assert (where, found) == (
        "suppliers[2]",
        "lot value £20,000 is more than £15,000, 50% of its turnover of £30,000",
    )
    assert message.startswith("=Small B Ltd would bid for no lot of any packaging")
    assert ws.cell(row=heading + 3, column=2).data_type == "s"


def test_the_assumptions_sheet_shows_the_balance_sheet_and_an_unknown_sme_status(
    tmp_path: Path,
) -> None:
    """The balance sheet decides an SME over the turnover limit, but the Assumptions sheet did
    not show it; a status the figures cannot decide showed as "not an SME" (False)."""
    data = spec()
    supplier(data, "Big Ltd").update(staff=200, turnover=52_000_000)
    supplier(data, "Small A Ltd")["balance_sheet"] = 9_000
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, ["scenarios", str(write(tmp_path, data)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "counted as not an SME" in result.output
    rows = [
        [cell.value for cell in row[:6]] for row in load_workbook(out)["Assumptions"].iter_rows()
    ]
    header = rows.index(["Supplier", "Serves", "Staff", "Turnover", "Balance sheet", "SME"])
    assert rows[header + 1] == [
        "Big Ltd", "all", 200, 52_000_000, None, "unknown: counted as not an SME",
    ]  # fmt: skip
    assert rows[header + 2] == ["Small A Ltd", "A", 10, 50_000, 9_000, "yes"]
