"""Two bid returns giving one unique identifier (PPON) are one organisation's, as two giving
one company number are.

Found by the red teams (session 38): Greenleaf Community Care Ltd typed Wye Valley Carers
CIC's PPON on its return; validate said nothing and publish named Greenleaf by Wye Valley's
identifier, giving Wye Valley a made-up "-2" id. A revised return of Weald Carers Trust under
"The Weald Carers Trust", its company and charity numbers left blank and its PPON the same,
was scored as a second bidder. The Central Digital Platform gives a PPON to one organisation
only: both returns now carry bid.same_registration, and the buyer decides as for a number.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

import tendereval
from tendereval.io.ppon import ppon_of
from tendereval.io.registrations import parse_charity_number, parse_company_number
from tests.example_copies import example_copy

from .builders import bid_workbook
from .conftest import load

END = "neither is evaluated until the buyer decides whether they are one organisation"


def test_two_suppliers_giving_one_ppon_are_each_told_of_the_other(tender_dir: Path) -> None:
    bid_workbook(
        tender_dir / "bids" / "wye.xlsx",
        "Wye Valley Carers CIC",
        organisation={"unique_identifier": "PZCJ-3562-BTJY"},
    )
    # Written another way (the scheme copied, small letters, spaces): the one identifier.
    bid_workbook(
        tender_dir / "bids" / "greenleaf.xlsx",
        "Greenleaf Community Care Ltd",
        organisation={"unique_identifier": "gb-ppon pzcj 3562 btjy"},
    )
    found = [p for p in load(tender_dir).problems if p.code == "bid.same_registration"]
    assert sorted(p.supplier for p in found) == [
        "Greenleaf Community Care Ltd",
        "Wye Valley Carers CIC",
    ]
    assert all(p.is_error and p.found == "PZCJ-3562-BTJY" for p in found)
    greenleaf = next(p for p in found if p.supplier == "Greenleaf Community Care Ltd")
    assert greenleaf.message == (
        "Greenleaf Community Care Ltd gives the same unique identifier (PPON) as Wye Valley "
        f"Carers CIC (bids/wye.xlsx); {END}"
    )
    assert greenleaf.expected == (
        "one bid return per organisation, each with its own unique identifier (PPON)"
    )


def test_one_company_number_and_one_ppon_are_one_error_each_not_two(tender_dir: Path) -> None:
    same = {"company_number": "11402259", "unique_identifier": "PXQT-3611-NBHT"}
    bid_workbook(tender_dir / "bids" / "a.xlsx", "Acme Care Ltd", organisation=same)
    bid_workbook(tender_dir / "bids" / "b.xlsx", "Acme Care Limited", organisation=same)
    found = [p for p in load(tender_dir).problems if p.code == "bid.same_registration"]
    assert len(found) == 2
    assert all("same company number" in p.message for p in found)


def test_text_that_is_no_ppon_links_no_two_returns() -> None:
    assert ppon_of("TBC") is None and ppon_of("N/A") is None and ppon_of(None) is None
    assert ppon_of("GB-PPON:pxqt-3611-nbht") == "PXQT-3611-NBHT"
    assert ppon_of("PXQT3611NBHT") == "PXQT-3611-NBHT"


def test_a_company_number_grouped_with_spaces_is_read(tender_dir: Path) -> None:
    """'1140 2259' was 'does not hold a Companies House number', so a return giving it so and
    one giving 11402259 were two organisations."""
    assert parse_company_number("1140 2259") == ("11402259", None)
    assert parse_company_number("Company No. 1140 2259") == ("11402259", None)
    assert parse_company_number("SC 123 456") == ("SC123456", None)
    assert parse_charity_number("118 7342") == ("1187342", None)
    # Two numbers side by side are still two, not one long one.
    number, problem = parse_company_number("11402259 09129743")
    assert number is None and problem.message.startswith("holds more than one number")
    bid_workbook(tender_dir / "bids" / "a.xlsx", organisation={"company_number": "1140 2259"})
    bid_workbook(
        tender_dir / "bids" / "b.xlsx",
        "Acme Care Limited",
        organisation={"company_number": 11402259},
    )
    tender = load(tender_dir)
    found = [p for p in tender.problems if p.code == "bid.same_registration"]
    assert [p.found for p in found] == ["11402259", "11402259"]
    assert "bid.company_number" not in {p.code for p in tender.problems}


def test_a_revised_return_under_another_name_with_only_the_ppon_is_decided_on(
    tmp_path: Path,
) -> None:
    """Weald Carers Trust's revised return, 'The Weald Carers Trust', company and charity
    numbers blank, same PPON: neither is evaluated until the buyer decides; recorded as
    withdrawn by its file, the revised one is read as Weald Carers Trust's, set aside beside
    its tender, and the first is evaluated as in the example."""
    import openpyxl

    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / "bids/weald-carers-trust.xlsx")
    form = book["Organisation"]
    form["B4"], form["B6"], form["B7"] = "The Weald Carers Trust", None, None
    book.save(folder / "bids/weald-carers-trust v2.xlsx")
    before = tendereval.score(folder, sensitivity=False)
    same = [p for p in before.problems if p.code == "bid.same_registration"]
    assert sorted(p.supplier for p in same) == ["The Weald Carers Trust", "Weald Carers Trust"]
    assert before.award.winner("CSB") != "Weald Carers Trust"
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "bids/weald-carers-trust v2.xlsx"\n'
        'withdrawn_on = 2026-03-04\nnote = "sent by mistake"\n',
        encoding="utf-8",
    )
    after = tendereval.score(folder, sensitivity=False)
    (read_as,) = after.problems
    assert read_as.code == "bid.read_as_registered"
    assert read_as.found == "'The Weald Carers Trust', unique identifier (PPON) PXQT-3611-NBHT"
    reference = tendereval.score(example_copy(tmp_path / "reference"), sensitivity=False)
    standing = after.results.filter(pl.col("status") != "withdrawn")
    assert standing.equals(reference.results)
    assert after.award.winner("CSB") == reference.award.winner("CSB") == "Weald Carers Trust"
