"""A share short of the whole never reads as the whole, in a cell or in the text beside it.

Price weighted 33.333; Beta's £45,000.40 against Alpha's £45,000 (lowest price ratio) has
45,000 / 45,000.4 = 0.9999911 of the price marks. Its explanation says "99.99% of the price
marks" (session 34), yet the Price sheet's "Share of price marks" cell, formatted 0.0%, read
"100.0%": full marks for a tender that did not get them, beside a text saying otherwise. Every
percentage cell of the report now reads a share under the whole as 99.9% (or 99.99% where the
text quotes two places), and the whole as 100%."""

from __future__ import annotations

import csv
import shutil
import subprocess

import openpyxl
import polars as pl
import pytest

from tendereval.io.numformat import displayed
from tendereval.report import styles
from tendereval.report.excel import write_report
from tendereval.scoring import score
from tests.report.libreoffice import make_profile
from tests.test_figures_as_shown import _plan, _reason, tender


@pytest.fixture(scope="module")
def near_full(tmp_path_factory: pytest.TempPathFactory):
    plan = _plan(price=33.333, quality=66.667)
    result = score(tender(plan, rates={"Alpha": 45, "Beta": 45.0004, "Gamma": 80}))
    path = write_report(result, tmp_path_factory.mktemp("report") / "report.xlsx")
    return result, openpyxl.load_workbook(path)


def _shown(ws, supplier: str, header: str) -> str:
    """What the cell of ``supplier``'s row under ``header`` shows in Excel."""
    rows = list(ws.iter_rows(values_only=False))
    header_row = next(r for r in rows if any(c.value == header for c in r))
    col = next(c.column for c in header_row if c.value == header)
    row = next(r for r in rows if any(c.value == supplier for c in r))
    cell = ws.cell(row=row[0].row, column=col)
    return displayed(cell.value, cell.number_format)


def test_the_price_sheet_reads_as_the_explanation_does(near_full) -> None:
    result, wb = near_full
    share = result.criteria.filter(
        (pl.col("supplier") == "Beta") & (pl.col("criterion") == "price")
    )["fraction"].item()
    assert 0.99999 < share < 1
    assert _reason(result, "Beta", "price").endswith(
        "99.99% of the price marks, 33.33 of 33.333 points"
    )
    assert _shown(wb["Price"], "Beta", "Share of price marks") == "99.99%"
    assert _shown(wb["Price"], "Alpha", "Share of price marks") == "100.00%"
    assert _shown(wb["Price"], "Gamma", "Share of price marks") == "56.25%"  # 45 / 80


def test_the_ranking_sheet_reads_as_the_price_sheet_does(near_full) -> None:
    _, wb = near_full
    assert _shown(wb["Ranking"], "Beta", "Price: share of marks") == "99.99%"
    assert _shown(wb["Ranking"], "Alpha", "Price: share of marks") == "100.00%"


@pytest.mark.parametrize(
    ("share", "percent", "share_of_marks"),
    [
        (0.0, "0.0%", "0.00%"),
        (0.703125, "70.3%", "70.31%"),
        (0.9985, "99.9%", "99.85%"),
        (0.9996, "99.9%", "99.96%"),  # a tender that won 9,996 of 10,000 samples
        (0.9999911, "99.9%", "99.99%"),
        (1 - 1e-15, "99.9%", "99.99%"),
        (1.0, "100.0%", "100.00%"),
        (1.5, "150.0%", "150.00%"),  # 50% more than the cheapest
        (-0.25, "-25.0%", "-25.00%"),  # 25% less
    ],
)
def test_a_share_short_of_the_whole_reads_below_it(
    share: float, percent: str, share_of_marks: str
) -> None:
    assert displayed(share, styles.PERCENT) == percent
    assert displayed(share, styles.SHARE_OF_MARKS) == share_of_marks


def test_libreoffice_shows_them_so(tmp_path) -> None:
    """The formats as a spreadsheet shows them (the sign of -25% included: LibreOffice drops
    it in a format's last section, so shares below the whole come first)."""
    import xlsxwriter

    profile = make_profile(tmp_path / "profile")
    formats = (styles.PERCENT, styles.SHARE_OF_MARKS)
    values = [0.0, 0.703125, 0.9996, 0.9999911, 1.0, 1.5, -0.25]
    book = xlsxwriter.Workbook(tmp_path / "shares.xlsx")
    sheet = book.add_worksheet()
    for col, code in enumerate(formats):
        number_format = book.add_format({"num_format": code})
        for row, value in enumerate(values):
            sheet.write_number(row, col, value, number_format)
    book.close()
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            # CSV of the cells as shown (the 9th token: "save cell contents as shown").
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "shares.xlsx"),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    with open(tmp_path / "shares.csv", encoding="utf-8") as f:
        shown = list(csv.reader(f))
    assert shown == [[displayed(v, code) for code in formats] for v in values]
