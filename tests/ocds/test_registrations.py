"""A supplier's Companies House and charity numbers as suppliers type them reach the award
notice. Found by a red team: "Company No. 11402259" and "Reg. charity 1187342" in the winner's
bid return left the award notice's party with no identifier at all (the officer is told to copy
it into Find a Tender's forms), while validate, score and publish said nothing."""

from __future__ import annotations

import json

import openpyxl
import pytest

import tendereval
from tendereval.io.registrations import parse_charity_number, parse_company_number
from tests.example_copies import example_copy

WEALD = "Weald Carers Trust"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("Company No. 11402259", "11402259"),
        ("Companies House: 09914277", "09914277"),
        (8733516, "08733516"),  # saved as a figure: Excel dropped the leading zero
        (123, "00000123"),  # one of the oldest companies
        (8733516.0, "08733516"),
        ("8733516.0", "08733516"),  # an export's text
        ("SC-123456", "SC123456"),
        ("sc 123456", "SC123456"),
        ("OC301234", "OC301234"),
        ("১১৪০২২৫৯", "11402259"),  # Bengali digits: the number they stand for, in 0-9
        ("SC-١٢٣٤٥٦", "SC123456"),  # Arabic-Indic
        ("N/A", None),  # no registration: nothing to read, and nothing wrong
        ("Not registered", None),
    ],
)
def test_a_company_number_is_read_as_typed(typed, number):
    assert parse_company_number(typed) == (number, None)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("Reg. charity 1187342", "1187342"),
        ("Registered charity no. 1187342", "1187342"),
        (1187342, "1187342"),
        ("1187342-1", "1187342-1"),
        ("SC012345", "SC012345"),
        ("NIC100123", "NIC100123"),
        ("１１８７３４２", "1187342"),  # full-width digits
        ("none", None),
    ],
)
def test_a_charity_number_is_read_as_typed(typed, number):
    assert parse_charity_number(typed) == (number, None)


@pytest.mark.parametrize(
    ("parse", "typed", "message"),
    [
        (parse_company_number, "applied for", "does not hold a Companies House number"),
        (
            parse_company_number,
            "11402259 / 09914277",
            "holds more than one number (09914277, 11402259), so which is a Companies House "
            "number cannot be told",
        ),
        (parse_charity_number, "pending", "does not hold a charity number"),
    ],
)
def test_text_holding_no_number_or_two_is_a_problem(parse, typed, message):
    value, problem = parse(typed)
    assert value is None and problem.message == message and problem.found == typed


def _winner_types(tmp_path, company, charity):
    folder = example_copy(tmp_path)
    path = folder / "bids" / "weald-carers-trust.xlsx"
    book = openpyxl.load_workbook(path)
    form = book["Organisation"]
    assert (form["A6"].value, form["A7"].value) == ("Company number", "Charity number")
    form["B6"], form["B7"] = company, charity
    # Named by its numbers alone: not by its unique identifier, which comes first.
    assert form["A16"].value.startswith("Unique identifier")
    form["B16"] = None
    book.save(path)
    return folder


def test_a_labelled_number_reaches_the_award_notice(tmp_path):
    folder = _winner_types(tmp_path, "Company No. 11402259", "Reg. charity 1187342")
    out = tmp_path / "award.json"
    tendereval.publish(folder, out, ocid_prefix="ocds-abc123")
    parties = json.loads(out.read_text(encoding="utf-8"))["releases"][0]["parties"]
    (weald,) = [p for p in parties if p["name"] == WEALD]
    assert weald["identifier"] == {"scheme": "GB-COH", "id": "11402259", "legalName": WEALD}
    assert {"scheme": "GB-CHC", "id": "1187342"} in weald["additionalIdentifiers"]


def test_a_number_that_cannot_be_read_is_a_warning_at_its_cell(tmp_path):
    folder = _winner_types(tmp_path, "applied for", "pending")
    result = tendereval.score(folder, sensitivity=False)
    found = [
        (p.code, p.where, p.is_error, p.found)
        for p in result.problems
        if p.code in ("bid.company_number", "bid.charity_number")
    ]
    assert found == [
        (
            "bid.company_number",
            "bids/weald-carers-trust.xlsx › Organisation › B6",
            False,
            "applied for",
        ),
        (
            "bid.charity_number",
            "bids/weald-carers-trust.xlsx › Organisation › B7",
            False,
            "pending",
        ),
    ]
    # Never scored: the award is as in the example.
    assert result.award.lots["CSB"].supplier == WEALD


def test_the_awarded_supplier_is_published_with_its_email(tmp_path):
    """Found by a red team: the contract award notice gives the supplier's address and email
    (Procurement Regulations 2024 reg 27); the bid's email reached the summary but not the
    notice. Its contact's name stays out of the public notice (personal data); a losing
    tenderer is not published at all."""
    out = tmp_path / "award.json"
    carers = example_copy(tmp_path)
    tendereval.publish(carers, out, ocid_prefix="ocds-abc123")
    parties = json.loads(out.read_text(encoding="utf-8"))["releases"][0]["parties"]
    (weald,) = [p for p in parties if p["name"] == WEALD]
    assert weald["contactPoint"] == {"email": "tenders@wealdcarers.example"}


def test_an_awarded_supplier_with_no_identifier_is_warned_of(tmp_path):
    """A bid return giving neither number: the notice names the winner by no identifier, and
    validate and publish said nothing."""
    folder = _winner_types(tmp_path, None, None)
    published = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123")
    assert published.written
    assert (
        f"The awarded supplier {WEALD} is named in the award notice by no identifier: its bid "
        "return gives no unique identifier (Central Digital Platform), nor a Companies House or "
        "charity number that could be read."
    ) in "\n".join(published.warnings)
    plain = tendereval.publish(
        example_copy(tmp_path / "plain"), tmp_path / "plain.json", ocid_prefix="ocds-abc123"
    )
    assert not [w for w in plain.warnings if "by no identifier" in w]
