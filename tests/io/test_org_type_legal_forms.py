"""The type of organisation written as Companies House or the Charity Commission names the
legal form is read as the template's choice, as "Ltd" is.

Found by a red team (session 38): "Private limited company", "Company limited by guarantee",
"Charitable incorporated organisation", "CIO" and "Public limited company" were "not one of the
allowed choices", an error that made the tender invalid and held the award, for an answer
that is never scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from .builders import bid_workbook
from .conftest import load


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("Private limited company", "private company"),
        ("Company limited by guarantee", "private company"),
        ("Public limited company", "private company"),
        ("PLC", "private company"),
        ("Charitable incorporated organisation", "charity"),
        ("CIO", "charity"),
        ("SCIO", "charity"),
    ],
)
def test_a_legal_form_is_read_as_its_choice(tender_dir: Path, typed: str, read_as: str) -> None:
    bid_workbook(tender_dir / "bids" / "acme.xlsx", organisation={"org_type": typed})
    tender = load(tender_dir)
    assert [p.code for p in tender.problems] == []
    acme = tender.suppliers.filter(supplier="Acme Care Ltd")
    assert acme["org_type"].to_list() == [read_as]
    # A plc is a company of the private sector, not a public body: its SME status is worked
    # out from its figures, not left blank as a public body's is.
    assert acme["sme"].to_list() != [None]


def test_a_type_that_is_none_of_them_is_still_refused(tender_dir: Path) -> None:
    bid_workbook(
        tender_dir / "bids" / "acme.xlsx", organisation={"org_type": "NHS Foundation Trust"}
    )
    assert [p.code for p in load(tender_dir).problems] == ["choice.invalid"]
