"""Yearly uplifts given for a lot whose every rate is blank.

A lot with no rate is read as not bid for, as the template asks. A supplier who filled in a
3% uplift on each of the lot's rows and left its rates blank has most likely meant to bid and
left the rates out (or typed them on another lot's rows), and the lot was read as not bid for
without a word. Now a warning at the first uplift names them; the lot is still read as not bid
for (rates cannot be added after the deadline).
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from .builders import bid_workbook
from .conftest import load, only

L2_ONLY = {("L2", "hours"): 20.0, ("L2", "visits"): 35.0}


def test_uplifts_on_a_lot_with_no_rates_are_a_warning_at_them(tender_dir):
    path = bid_workbook(tender_dir / "bids" / "acme.xlsx", rates=L2_ONLY, uplifts={"L1": 0.03})
    workbook = load_workbook(path)
    for ref in ("H5", "H6"):  # L1's rows
        workbook["Prices"][ref].number_format = "0%"
    workbook.save(path)
    tender = load(tender_dir)
    problem = only(tender, "price.uplifts_without_rates")
    assert problem.where == "bids/acme.xlsx › Prices › H5"
    assert not problem.is_error and problem.supplier is None
    assert problem.message == (
        "uplifts given for lot L1 but no rates ('3%' in H5, '3%' in H6): the lot is read as "
        "not bid for"
    )
    assert "ask the supplier whether it meant to bid for lot L1" in problem.expected
    # Still not bid for: no price row of L1.
    assert tender.prices.filter(supplier="Acme Care Ltd")["lot"].unique().to_list() == ["L2"]


@pytest.mark.parametrize("uplift", [None, 0, "N/A", "nil"])
def test_no_uplift_on_a_lot_with_no_rates_says_nothing(tender_dir, uplift):
    bid_workbook(tender_dir / "bids" / "acme.xlsx", rates=L2_ONLY, uplifts={"L1": uplift})
    assert not [p for p in load(tender_dir).problems if p.code == "price.uplifts_without_rates"]


def test_uplifts_beside_rates_say_nothing(tender_dir):
    bid_workbook(tender_dir / "bids" / "acme.xlsx", uplifts={"L1": 0.03, "L2": 0.025})
    assert not [p for p in load(tender_dir).problems if p.code.startswith("price.")]
