"""A price given in another currency than pounds.

A supplier pasting rates from its own euro-priced workbook brings the cells' format with them:
the bid the officer opens shows €20.00 in a cell that holds 20, and 20 was read as £20.00
without a word, while the same rate typed as text, "€20.00", was "not an amount of money".
Now the figure shown in another currency is a warning at its cell (the supplier is asked
whether it is in pounds, and the answer recorded), and the text names the currency.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import tendereval
from tendereval.io.numformat import currency_name, other_currency

from .conftest import load, only


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("[$€-2] #,##0.00", "€"),  # Excel's Currency › € Euro (€ 123)
        ("[$€-x-euro2] #,##0.00", "€"),
        ("#,##0.00 €", "€"),  # € written after the figure, as in most of Europe
        ('"€"#,##0.00', "€"),
        ("[$$-409]#,##0.00", "$"),  # Currency › $ English (United States)
        ("$#,##0.00", "$"),
        ("[$USD] #,##0.00", "USD"),
        ('#,##0.00" EUR"', "EUR"),
        ("[$¥-411]#,##0", "¥"),
        # Pounds, or no currency at all: nothing to say.
        ('"£"#,##0.00', ""),  # the template's own
        ("[$£-809]#,##0.00", ""),  # Currency › £ English (United Kingdom)
        ("£#,##0.00;[Red]-£#,##0.00", ""),
        ('#,##0.00" GBP"', ""),
        ("[$-809]#,##0.00", ""),  # a locale with no symbol
        ("0.00", ""),
        ("General", ""),
        ("[Red]0.00", ""),
        # Excel's built-in currency formats show the currency of the computer that opens the
        # file: pounds on an officer's, though they are spelled with "$".
        ('"$"#,##0.00_);("$"#,##0.00)', ""),
        ('"$"#,##0_);[Red]("$"#,##0)', ""),
    ],
)
def test_the_currency_a_format_shows(code, shown):
    assert other_currency(code) == shown


def test_zero_is_shown_in_the_third_section():
    assert other_currency('"£"0.00;-"£"0.00;"€"0') == ""
    assert other_currency('"£"0.00;-"£"0.00;"€"0', zero=True) == "€"


def test_currency_names():
    assert currency_name("€") == "euros (€)"
    assert currency_name("USD") == "dollars (USD)"
    assert currency_name("euros") == "euros"
    assert currency_name("kr.") == "another currency (kr.)"


def _format_rates(path, number_format: str, cells: tuple[str, ...] = ("G7",)) -> None:
    workbook = load_workbook(path)
    for ref in cells:
        workbook["Prices"][ref].number_format = number_format
    workbook.save(path)


def test_a_rate_shown_in_euros_is_a_warning_at_its_cell_and_the_bid_is_scored(tender_dir):
    _format_rates(tender_dir / "bids" / "acme.xlsx", "[$€-2] #,##0.00")
    tender = load(tender_dir)
    problem = only(tender, "cell.other_currency")
    assert problem.where == "bids/acme.xlsx › Prices › G7"
    assert not problem.is_error
    assert (problem.supplier, problem.lot) == ("Acme Care Ltd", "L2")
    assert problem.message == (
        "unit rate: the cell shows '€ 20.00', in euros (€), but every figure of money is read "
        "in pounds: it is read as £20.00"
    )
    assert "ask the supplier whether the figure is in pounds" in problem.expected
    assert "[$€-2] #,##0.00" in problem.found
    # The figure held is read, as before; the bid is scored.
    rate = tender.prices.filter(supplier="Acme Care Ltd", lot="L2", item="hours")
    assert rate["unit_rate"].to_list() == [20.0]
    result = tendereval.score(tender_dir)
    assert result.results.filter(supplier="Acme Care Ltd")["status"].to_list() == [
        "ranked",
        "ranked",
    ]


def test_a_rate_in_the_templates_pounds_format_is_no_problem(tender_dir):
    _format_rates(tender_dir / "bids" / "acme.xlsx", '"£"#,##0.00', ("G5", "G6", "G7", "G8"))
    assert load(tender_dir).problems == []


def test_the_organisations_turnover_shown_in_dollars_is_a_warning(tender_dir):
    path = tender_dir / "bids" / "acme.xlsx"
    workbook = load_workbook(path)
    sheet = workbook["Organisation"]
    turnover = next(
        row[1] for row in sheet.iter_rows() if str(row[0].value or "").startswith("Annual turn")
    )
    turnover.value = 2_500_000
    turnover.number_format = "[$$-409]#,##0"
    workbook.save(path)
    problem = only(load(tender_dir), "cell.other_currency")
    assert problem.cell == turnover.coordinate
    assert "in dollars ($)" in problem.message


@pytest.mark.parametrize(
    ("typed", "named"),
    [("€20.00", "euros (€)"), ("20 EUR", "euros (EUR)"), ("USD 20", "dollars (USD)")],
)
def test_a_rate_typed_in_another_currency_is_an_error_naming_it(tender_dir, typed, named):
    from .builders import bid_workbook

    bid_workbook(tender_dir / "bids" / "acme.xlsx", cells={"Prices!G7": typed})
    problem = only(load(tender_dir), "money.other_currency")
    assert problem.is_error
    assert problem.message == (
        f"unit rate: an amount in {named}, not in pounds: every price is in pounds"
    )
