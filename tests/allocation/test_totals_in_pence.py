"""An allocation's money totals are the sums of the amounts shown, each to the penny, as every
other total and the budget are compared. Before, the unrounded prices were added and the sum
rounded: three lots at £100.005 (each shown £100.01) totalled £300.01, and under a budget of
£300.02 an allocation read as £200.01 beside two lots of £100.01."""

from __future__ import annotations

import openpyxl

from tendereval.allocation import Policy, allocate
from tendereval.io.numformat import displayed
from tendereval.report.allocation_excel import write_allocation_workbook
from tendereval.report.allocation_text import summary_lines
from tests.allocation.allocation_helpers import offers

ROWS = [
    ("A1", "Ash Care", ["A"], 100.005, 80.0, True, False, None),
    ("B1", "Birch Care", ["B"], 100.005, 80.0, False, True, None),
    ("C1", "Cedar Care", ["C"], 100.005, 80.0, False, False, None),
]


def test_the_total_is_the_sum_of_the_prices_shown() -> None:
    # By hand: each £100.005 is 10,001p (a half penny away from zero), shown £100.01;
    # 3 × 10,001p = 30,003p = £300.03. Managing each contract at £0.005 is 1p: 3p in all.
    result = allocate(offers(ROWS), Policy(contract_management_cost=0.005))
    totals = result.totals
    assert totals.total_price == 300.03
    assert totals.contract_management_cost == 0.03
    assert totals.total_cost == 300.06
    assert totals.participation["sme"]["value_first_tier"] == 100.01
    assert totals.participation["vcse"]["value_first_tier"] == 100.01
    assert totals.value_to_neither == 100.01
    assert result.lots_per_supplier.get_column("value").to_list() == [100.01] * 3
    lines = "\n".join(summary_lines(result))
    assert "£300.03" in lines and "£300.01" not in lines


def test_a_budget_is_met_as_the_total_reads() -> None:
    # £300.03 is the total shown: all three lots fit; £300.02 is a penny short: two fit,
    # and their total reads as the two amounts shown (£100.01 + £100.01).
    assert allocate(offers(ROWS), Policy(budget=300.03)).totals.total_price == 300.03
    short = allocate(offers(ROWS), Policy(budget=300.02))
    assert short.totals.total_price == 200.02 and short.totals.lots_awarded == 2


def test_the_workbook_shows_the_same_total(tmp_path) -> None:
    result = allocate(offers(ROWS), Policy())
    book = openpyxl.load_workbook(write_allocation_workbook(result, tmp_path / "a.xlsx"))
    shown = {
        displayed(cell.value, cell.number_format)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, float) and cell.number_format.startswith('"£"')
    }
    assert "£300.03" in shown and "£300.01" not in shown
