"""A figure of money shown in pence, or in thousands, millions or billions of pounds.

A rate of 250 under the number format ``0"p"`` shows 250p in the bid the officer opens: the
supplier meant £2.50, and £250.00 was read with no word at the cell (only, where the lot has an
estimated value, a warning that the lot's rates come to many times it). A turnover of 12.5
under ``"£"0.0"m"`` shows £12.5m and was read as £12.50, said only as a turnover too low for
the staff. Now the cell itself is a warning giving what it shows and both readings; the figure
typed is still the one read (the file does not say which was meant), and the bid is scored.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import tendereval
from tendereval.io.numformat import money_units

from .conftest import load, only


@pytest.mark.parametrize(
    ("code", "units"),
    [
        ('0"p"', "pence"),
        ("0\\p", "pence"),
        ('#,##0" pence"', "pence"),
        ('"£"0.0"m"', "millions"),
        ('£#,##0.0"k"', "thousands"),
        ('#,##0" 000s"', "thousands"),
        ('[$£-809]#,##0.0" bn"', "billions"),
        ('"£"0.0"M"', "millions"),
        # Pounds, or words saying what the figure is for: no units.
        ('"£"#,##0.00', ""),
        ("General", ""),
        ('0.00" per hour"', ""),
        ('0"p/h"', ""),
        ('#,##0.00" GBP"', ""),
        ("0.00", ""),
    ],
)
def test_the_units_a_format_shows_money_in(code, units):
    assert money_units(5.0, code) == units


def test_units_come_from_the_section_the_figure_is_shown_in():
    assert money_units(0.0, '"£"0.00;-"£"0.00;0"p"') == "pence"
    assert money_units(3.0, '"£"0.00;-"£"0.00;0"p"') == ""


def _format(path, sheet: str, ref: str, value, number_format: str) -> None:
    workbook = load_workbook(path)
    workbook[sheet][ref].value = value
    workbook[sheet][ref].number_format = number_format
    workbook.save(path)


def test_a_rate_shown_in_pence_is_a_warning_at_its_cell_and_the_bid_is_scored(tender_dir):
    _format(tender_dir / "bids" / "acme.xlsx", "Prices", "G7", 250, '0"p"')
    tender = load(tender_dir)
    problem = only(tender, "cell.other_units")
    assert problem.where == "bids/acme.xlsx › Prices › G7"
    assert not problem.is_error
    assert (problem.supplier, problem.lot) == ("Acme Care Ltd", "L2")
    # 250 typed, shown as 250p: read as £250.00; meant as pence it is 250 × £0.01 = £2.50.
    assert problem.message == (
        "unit rate: the cell shows '250p', in pence, but every figure of money is read in "
        "pounds as typed: it is read as £250.00, not £2.50"
    )
    assert problem.found == "shows '250p', holds 250 (number format 0\"p\")"
    assert "ask the supplier whether it means £250.00 or £2.50" in problem.expected
    # The number typed is the number read: never converted.
    rate = tender.prices.filter(supplier="Acme Care Ltd", lot="L2", item="hours")
    assert rate["unit_rate"].to_list() == [250.0]
    result = tendereval.score(tender_dir)
    assert result.results.filter(supplier="Acme Care Ltd")["status"].to_list() == [
        "ranked",
        "ranked",
    ]


def test_a_turnover_shown_in_millions_is_a_warning_beside_the_size_warning(tender_dir):
    path = tender_dir / "bids" / "acme.xlsx"
    sheet = load_workbook(path)["Organisation"]
    ref = next(
        row[1].coordinate
        for row in sheet.iter_rows()
        if str(row[0].value or "").startswith("Annual turn")
    )
    _format(path, "Organisation", ref, 12.5, '"£"0.0"m"')
    tender = load(tender_dir)
    problem = only(tender, "cell.other_units")
    assert problem.cell == ref and not problem.is_error
    # 12.5 shown as £12.5m: read as £12.50; meant as millions, 12.5 × £1,000,000.
    assert problem.message.endswith(
        "the cell shows '£12.5m', in millions, but every figure of money is read in pounds "
        "as typed: it is read as £12.50, not £12,500,000.00"
    )
    # The warning that the turnover is too low for 45 staff stays, as the docs give it.
    assert only(tender, "bid.turnover_scale").cell == ref


def test_a_rate_in_the_templates_pounds_format_is_no_problem(tender_dir):
    _format(tender_dir / "bids" / "acme.xlsx", "Prices", "G7", 20, '"£"#,##0.00" per hour"')
    assert load(tender_dir).problems == []
