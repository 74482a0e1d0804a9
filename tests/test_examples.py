"""The example tenders: each validates clean, and one price turned into TBC is named exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tendereval import layout
from tendereval.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TENDERS = ["carers-short-breaks", "homecare-districts"]


@pytest.mark.parametrize("name", TENDERS)
def test_example_validates_clean(name: str) -> None:
    result = CliRunner().invoke(cli, ["validate", str(EXAMPLES / name)])
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.output


def _first_unit_rate(path: Path) -> str:
    """The address of the first filled unit rate on the Prices sheet."""
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.BID_PRICES]
    headers = [c.value for c in ws[layout.TABLE_HEADER_ROW]]
    column = headers.index("Unit rate (£)") + 1
    for row in range(layout.TABLE_HEADER_ROW + 1, ws.max_row + 1):
        cell = ws.cell(row=row, column=column)
        if isinstance(cell.value, (int, float)):
            return cell.coordinate
    raise AssertionError(f"no unit rate in {path}")


@pytest.mark.parametrize("name", TENDERS)
def test_one_price_replaced_by_tbc_is_named_by_file_and_cell(name: str, tmp_path: Path) -> None:
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / name, folder, ignore=shutil.ignore_patterns("reports"))
    bid = sorted((folder / "bids").glob("*.xlsx"))[0]
    cell = _first_unit_rate(bid)
    wb = openpyxl.load_workbook(bid)
    wb[layout.BID_PRICES][cell] = "TBC"
    wb.save(bid)

    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert f"bids/{bid.name}" in result.output
    assert f"{layout.BID_PRICES} › {cell}: error: unit rate: 'TBC' is a placeholder" in (
        result.output
    )
