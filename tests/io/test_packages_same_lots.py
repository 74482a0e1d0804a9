"""Two package offers of one bid return for the same lots at two prices.

Acme's return offers 'Both' (L1 and L2) at £50,000 and 'Both again' (L2 and L1) at £48,000.
Both were read, and the allocation quietly took one (the cheaper): a package price is a
tender's price, and which of the two stands is not in the bid. An offers file has the rule of
one supplier's offers for the same lots (allocation/repeated_offers.py); a bid return's
packages now keep the same rule (tendereval.same_lots): an error at each of the two prices,
neither package offered, the supplier's prices for each lot evaluated as they stand. The same
rule holds for a packages frame handed in from Python.
"""

from __future__ import annotations

import polars as pl

import tendereval
from tendereval.io.frame_rules import as_loaded

from .builders import bid_workbook
from .conftest import load

TWO_PRICES = [
    {"package": "Both", "lots": "L1;L2", "price": 50000},
    {"package": "Both again", "lots": "L2; L1", "price": 48000},
]


def _same_lots(tender) -> list:
    return [p for p in tender.problems if p.code == "package.same_lots_twice"]


def test_two_packages_for_the_same_lots_at_two_prices_are_an_error_at_each(tender_dir):
    bid_workbook(tender_dir / "bids" / "acme.xlsx", packages=TWO_PRICES)
    tender = load(tender_dir)
    first, second = _same_lots(tender)
    assert (first.where, second.where) == (
        "bids/acme.xlsx › Packages › C5",
        "bids/acme.xlsx › Packages › C6",
    )
    assert first.is_error and second.is_error
    # Attributed to the package, as every package error is: the bid's lots are untouched.
    assert (first.supplier, first.lot, second.lot) == ("Acme Care Ltd", "Both", "Both again")
    assert first.message == (
        "package 'Both' is for the same lots (L1, L2) as package 'Both again' at £48,000.00 in "
        "Packages › C6, at another price: which price stands is not in the bid, so neither "
        "package offer is evaluated"
    )
    assert (first.found, second.found) == ("£50,000.00", "£48,000.00")
    assert tender.packages.height == 0
    result = tendereval.score(tender_dir)
    assert result.results.filter(supplier="Acme Care Ltd")["status"].to_list() == [
        "ranked",
        "ranked",
    ]


def test_the_same_price_twice_and_packages_of_other_lots_say_nothing(tender_dir):
    same_price = [TWO_PRICES[0], {**TWO_PRICES[1], "price": 50000}]
    bid_workbook(tender_dir / "bids" / "acme.xlsx", packages=same_price)
    tender = load(tender_dir)
    assert not _same_lots(tender)
    assert tender.packages.height == 2


def test_a_packages_frame_keeps_the_same_rule(tender_dir):
    bid_workbook(tender_dir / "bids" / "acme.xlsx", packages=TWO_PRICES[:1])
    loaded = load(tender_dir)
    again = loaded.packages.with_columns(
        package=pl.lit("Both again"),
        lots=pl.lit(["L2", "L1"], pl.List(pl.String)),
        price=pl.lit(48000.0),
        source=pl.lit(None, pl.String),
        cell=pl.lit(None, pl.String),
    )
    tender = as_loaded(
        tendereval.Tender.from_frames(
            loaded.plan, bids=loaded.bids, packages=pl.concat([loaded.packages, again])
        )
    )
    first, second = _same_lots(tender)
    assert (first.file, first.cell, second.file, second.cell) == (
        "bids/acme.xlsx",
        "Packages › C5",
        "packages frame",
        "",
    )
    # A row handed in without a cell is named by its place in the frame.
    assert "as package 'Both again' at £48,000.00 in row 2, at another price" in first.message
    assert second.message == (
        "package 'Both again' is for the same lots (L1, L2) as package 'Both' at £50,000.00 in "
        "Packages › C5, at another price: which price stands is not in the bid, so neither "
        "package offer is evaluated"
    )
    assert tender.packages.height == 0
