"""A percentage written as text reads as the cell beside it shows it (session 34's rule, for
shares): to one place, a half away from zero after Excel's 15 digits, and a share short of
the whole never as the whole.

The sensitivity and allocation text wrote shares with Python's ``f"{x:.1%}"`` (a half to
even) while their cells, formatted 0.0%, round a half away from zero: of the 10,001
probabilities of winning 10,000 weight samples can give, 505 read differently on the terminal
and in the report (7,925 wins: "79.2%" beside a cell showing 79.3%), and 9,996 wins read
"100.0%" on both. A supplier with £3,125 of £10,000 awarded had "31.2% of value" on the
terminal beside a Suppliers cell showing 31.3%."""

from __future__ import annotations

import dataclasses

import openpyxl
import polars as pl
import pytest

from tendereval.allocation import Policy, allocate
from tendereval.io.numformat import displayed
from tendereval.report import styles
from tendereval.report.allocation_excel import write_allocation_workbook
from tendereval.report.allocation_text import summary_lines
from tendereval.report.excel import write_report
from tendereval.scoring.output import render
from tendereval.scoring.result import RESULT_SCHEMAS
from tests.allocation.allocation_helpers import offers
from tests.report.builders import ALDEBARAN, BETELGEUSE, build_result


def test_every_probability_of_10_000_samples_reads_as_its_cell() -> None:
    from tendereval.wording import percent

    for wins in range(10_001):
        share = wins / 10_000
        assert percent(share) == displayed(share, styles.number_format_for(share, styles.PERCENT))


@pytest.mark.parametrize(
    ("share", "decimals", "every_place", "text"),
    [
        (0.7925, 1, True, "79.3%"),  # 79.25: a half away from zero
        (0.2075, 1, True, "20.8%"),
        (0.9996, 1, True, "99.9%"),  # never the whole
        (0.9999911, 2, True, "99.99%"),
        (1.0, 1, True, "100.0%"),
        (0.0003, 1, True, "under 0.1%"),  # 3 in 10,000: a chance, never none
        (0.0005, 1, True, "0.1%"),
        (0.0, 1, True, "0.0%"),
        (0.00004, 2, True, "under 0.01%"),
        (-0.0003, 1, True, "0.0%"),
        (0.4, 1, False, "40%"),  # 0.4 × 100 is 40.00000000000001 as a float
        (0.3125, 1, False, "31.3%"),
        (0.1065, 4, False, "10.65%"),
        (-0.25, 1, True, "-25.0%"),
    ],
)
def test_percent(share: float, decimals: int, every_place: bool, text: str) -> None:
    from tendereval.wording import percent

    assert percent(share, decimals, every_place) == text


@pytest.fixture
def sampled(tmp_path):
    """Aldebaran first in 7,925 of 10,000 weight samples, Betelgeuse in 2,075."""
    result = build_result(tmp_path)
    probability = pl.DataFrame(
        [
            {"lot": "L1", "supplier": ALDEBARAN, "probability": 0.7925},
            {"lot": "L1", "supplier": BETELGEUSE, "probability": 0.2075},
        ],
    ).with_columns(samples=pl.lit(10_000), seed=pl.lit(42))
    probability = probability.cast(RESULT_SCHEMAS["win_probability"])  # type: ignore[arg-type]
    return dataclasses.replace(result, win_probability=probability)


def test_the_terminal_says_what_the_probability_sheet_shows(sampled, tmp_path) -> None:
    text = render(sampled)
    assert "stays first in 79.3% of 10,000 weight samples" in text
    assert "79.2" not in text
    ws = openpyxl.load_workbook(write_report(sampled, tmp_path / "report.xlsx"))[
        "Probability of winning"
    ]
    shown = {
        row[1].value: displayed(row[2].value, row[2].number_format)
        for row in ws.iter_rows(min_row=5)
        if row[1].value
    }
    assert shown == {ALDEBARAN: "79.3%", BETELGEUSE: "20.8%"}
    for supplier, percent in shown.items():
        row = next(line for line in text.splitlines() if supplier in line)
        assert row.rstrip().endswith(percent.removesuffix("%"))


def test_the_allocation_says_what_the_suppliers_sheet_shows(tmp_path) -> None:
    rows = [
        ("A1", "Ash Care", ["A"], 3125.0, 80.0, False, False, None),
        ("B1", "Birch Care", ["B"], 6875.0, 80.0, True, False, None),
    ]
    result = allocate(offers(rows), Policy())
    lines = summary_lines(result)
    assert any("Ash Care: 1 lot, £3,125.00 (31.3% of value)" in line for line in lines)
    assert any("Birch Care (SME): 1 lot, £6,875.00 (68.8% of value)" in line for line in lines)
    ws = openpyxl.load_workbook(write_allocation_workbook(result, tmp_path / "a.xlsx"))["Suppliers"]
    row = next(r for r in ws.iter_rows() if r[0].value == "Ash Care")
    assert displayed(row[3].value, row[3].number_format) == "31.3%"


def test_a_bid_that_wins_3_samples_in_10_000_does_not_read_as_one_that_never_wins(
    tmp_path,
) -> None:
    """Before, 3 wins in 10,000 read "0.0%" on the terminal and in the Probability of winning
    sheet, the figure of a bid that cannot win at all."""
    result = build_result(tmp_path)
    probability = pl.DataFrame(
        [
            {"lot": "L1", "supplier": ALDEBARAN, "probability": 0.9997},
            {"lot": "L1", "supplier": BETELGEUSE, "probability": 0.0003},
        ],
    ).with_columns(samples=pl.lit(10_000), seed=pl.lit(42))
    probability = probability.cast(RESULT_SCHEMAS["win_probability"])  # type: ignore[arg-type]
    sampled = dataclasses.replace(result, win_probability=probability)
    text = render(sampled)
    assert "stays first in 99.9% of 10,000 weight samples" in text
    row = next(line for line in text.splitlines() if BETELGEUSE in line)
    assert row.rstrip().endswith("under 0.1")
    ws = openpyxl.load_workbook(write_report(sampled, tmp_path / "report.xlsx"))[
        "Probability of winning"
    ]
    cells = {row[1].value: row[2] for row in ws.iter_rows(min_row=5) if row[1].value}
    assert cells[BETELGEUSE].value == 0.0003  # the figure itself, for anyone who reads it
    shown = {name: displayed(cell.value, cell.number_format) for name, cell in cells.items()}
    assert shown == {ALDEBARAN: "99.9%", BETELGEUSE: "under 0.1%"}
