"""What is typed as the unique identifier (PPON) or the contact email, and is not one, counts
as not given.

Found by the red teams (session 38): "TBC", "N/A", "-", "Pending" typed in Organisation › B16
and B15 were read as the identifier and the email, with no reg 31 warning (a blank gets one),
and the assessment summary said "Unique identifier: TBC"; "N/A", a company number or
"GB-COH-11402259" there became the award notice's GB-PPON identifier (GB-PPON-N/A), putting
the real Companies House number aside, and control characters went into the party's id.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.errors import Severity
from tendereval.io.ppon import read_email, read_ppon
from tendereval.ocds.parties import _supplier_party
from tests.example_copies import example_copy

WEALD = "Weald Carers Trust"
RETURN = "bids/weald-carers-trust.xlsx"
PLACEHOLDERS = ["TBC", "N/A", "-", "Pending", "Applied for", "None", 0, "see covering letter"]


def _typed(tmp_path: Path, **cells) -> tendereval.Tender:
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / RETURN)
    for ref, value in cells.items():
        book["Organisation"][ref] = value
    book.save(folder / RETURN)
    return tendereval.load_tender(folder)


def _details(tender: tendereval.Tender) -> dict:
    return tender.suppliers.filter(supplier=WEALD).to_dicts()[0]


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
def test_a_placeholder_is_no_identifier_and_no_email(placeholder) -> None:
    assert read_ppon(placeholder).ppon is None
    assert read_email(placeholder) == (None, "is not an email address")


def test_placeholders_are_warned_of_as_a_blank_is(tmp_path: Path) -> None:
    tender = _typed(tmp_path, B15="N/A", B16="TBC")
    missing = [p for p in tender.problems if p.code == "bid.summary_details_missing"]
    assert [(p.where, p.found) for p in missing] == [
        (f"{RETURN} › Organisation › B15", "'N/A'"),
        (f"{RETURN} › Organisation › B16", "'TBC'"),
    ]
    assert all(p.severity is Severity.WARNING for p in missing)
    assert missing[1].message.startswith(
        "Weald Carers Trust's bid return gives no unique identifier ('TBC' in its cell is not "
        "a PPON): each assessment summary must give"
    )
    details = _details(tender)
    assert details["unique_identifier"] is None and details["contact_email"] is None


@pytest.mark.parametrize(
    "typed", ["PXQT-3611-NBHT", "pxqt 3611 nbht", "GB-PPON-PXQT-3611-NBHT", "PPON: PXQT3611NBHT"]
)
def test_a_ppon_written_another_way_is_read_without_a_word(typed) -> None:
    assert read_ppon(typed).ppon == "PXQT-3611-NBHT" and read_ppon(typed).said == ""


def test_a_company_number_with_its_scheme_goes_to_its_own_place(tmp_path: Path) -> None:
    """B16 'GB-COH-11402259' with the company number cell blank: read as the company number,
    and no PPON; the award notice names the supplier GB-COH-11402259, not GB-PPON-GB-COH-…"""
    tender = _typed(tmp_path, B6=None, B16="GB-COH-11402259")
    details = _details(tender)
    assert details["company_number"] == "11402259" and details["unique_identifier"] is None
    (missing,) = [p for p in tender.problems if p.code == "bid.summary_details_missing"]
    assert missing.cell == "B16"
    assert (
        "('GB-COH-11402259' in its cell is a Companies House number (11402259), not a PPON; "
        "it is read as the company number)" in missing.message
    )
    party = _supplier_party(WEALD, details, contact=False)
    assert party["id"] == "GB-COH-11402259"


def test_a_ppon_with_control_characters_is_read_without_them(tmp_path: Path) -> None:
    # Excel writes a control character in a cell as _x001B_, which the reader reads back.
    tender = _typed(tmp_path, B16="PXQT-3611-NBHT_x001B_[2J")
    assert _details(tender)["unique_identifier"] == "PXQT-3611-NBHT"
    (said,) = [p for p in tender.problems if p.code == "bid.unique_identifier"]
    assert said.where == f"{RETURN} › Organisation › B16"
    assert said.found == "'PXQT-3611-NBHT\\x1b[2J'"
    assert "it is read as PXQT-3611-NBHT" in said.message


@pytest.mark.parametrize("typed", ["N/A", "11402259", "GB-COH-11402259", "<script>x</script>"])
def test_the_award_notice_never_names_a_supplier_by_what_is_no_ppon(typed) -> None:
    """A frame handed in from Python is published by the same rule."""
    details = {
        "unique_identifier": typed,
        "company_number": "11402259",
        "address": "3 Hop Pocket \x07\x1b[31m\x00 Lane",
        "contact_email": "TBC",
    }
    party = _supplier_party(WEALD, details, contact=True)
    assert party["id"] == "GB-COH-11402259"
    assert party["identifier"]["scheme"] == "GB-COH"
    assert party["address"] == {"streetAddress": "3 Hop Pocket [31m Lane"}
    assert "contactPoint" not in party


def test_an_email_address_is_read_and_a_list_of_them_too() -> None:
    assert read_email("tenders@wealdcarers.example") == ("tenders@wealdcarers.example", "")
    assert read_email("mailto:tenders@wealdcarers.example")[0] == "tenders@wealdcarers.example"
    assert read_email("a@x.example; b@y.example")[0] == "a@x.example; b@y.example"
    assert read_email("tenders at wealdcarers dot example")[0] is None
    assert read_email("a@x.example\x1b[2J")[0] is None


def test_an_identifier_nearly_in_form_is_told_what_form_it_takes(tmp_path: Path) -> None:
    """'P86F-7E43-7FAA' (digits where letters go) was "expected ask the supplier for it, …":
    the warning never said what a PPON looks like, and its expected part did not read."""
    tender = _typed(tmp_path, B15="bids at weald", B16="P86F-7E43-7FAA")
    email, ppon = [p for p in tender.problems if p.code == "bid.summary_details_missing"]
    assert ppon.found == "'P86F-7E43-7FAA'"
    assert ppon.expected == (
        "its unique identifier from the Central Digital Platform (its PPON), as Find a Tender "
        "shows it: 'P' and three letters, four digits, four letters (PXQT-3611-NBHT); ask the "
        "supplier for it, or take it from the supplier's registration on the Central Digital "
        "Platform (Find a Tender), and give it in the summaries before they are sent"
    )
    assert email.expected.startswith("an email address (name@example.org); ask the supplier")
    assert str(ppon).endswith(f"expected {ppon.expected}")
