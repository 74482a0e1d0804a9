"""What each assessment summary gives of a supplier (the Procurement Regulations 2024 reg
31(2)(a)-(c), and (3)(a) for the supplier's own tender): its name, a contact postal address
and email address, and the unique identifier the Central Digital Platform allocates (its
PPON). Found by the law red team: the bid return did not ask for the unique identifier, the
summaries showed the Companies House number as the "Identifier", and a winning return with no
email and no numbers gave summaries with both rows blank while score and summaries said "the
assessment summaries may be sent"."""

from __future__ import annotations

import json

import openpyxl
import pytest

import tendereval
from tendereval import layout
from tests.example_copies import IN_HOUSE_RETURN, example_copy

WEALD = "Weald Carers Trust"
SUMMARY_DETAILS_MISSING = "bid.summary_details_missing"
WEALD_RETURN = "bids/weald-carers-trust.xlsx"
WEALD_PPON = "PXQT-3611-NBHT"  # the made-up one examples/build_examples.py gives it


def _typed(folder, workbook, **cells):
    """``cells`` (``B15=None``) of the Organisation sheet of ``workbook`` typed over."""
    book = openpyxl.load_workbook(folder / workbook)
    for ref, value in cells.items():
        book["Organisation"][ref] = value
    book.save(folder / workbook)
    return folder


def _summary(folder, supplier_file):
    return openpyxl.load_workbook(
        folder / "reports" / "summaries" / f"{supplier_file}-assessment-summary.xlsx"
    )


def _pairs(sheet, first, last):
    return [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(first, last + 1)]


def test_the_bid_return_asks_for_the_unique_identifier(tmp_path):
    """The template's Organisation sheet has the row, last so that the rows above keep their
    places; what a supplier types there reaches the suppliers frame."""
    fields = [f.key for f in layout.ORGANISATION_FIELDS]
    assert fields[-1] == "unique_identifier"
    folder = example_copy(tmp_path)
    form = openpyxl.load_workbook(folder / WEALD_RETURN)["Organisation"]
    assert form["A16"].value.startswith("Unique identifier (Find a Tender / Central Digital")
    tender = tendereval.load_tender(folder)
    suppliers = {r["supplier"]: r for r in tender.suppliers.iter_rows(named=True)}
    assert suppliers[WEALD]["unique_identifier"] == WEALD_PPON


def test_a_return_made_before_the_row_still_loads(tmp_path):
    """A return from the template before it asked for the identifier: no error, the
    identifier none, and (under the Procurement Act) a warning on the sheet saying so."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / WEALD_RETURN)
    book["Organisation"].delete_rows(16)
    book.save(folder / WEALD_RETURN)
    result = tendereval.score(folder, sensitivity=False)
    mine = [p for p in result.problems if p.file == WEALD_RETURN]
    assert not [p for p in mine if p.is_error]
    (missing,) = [p for p in mine if p.code == SUMMARY_DETAILS_MISSING]
    assert missing.where == f"{WEALD_RETURN} › Organisation"
    assert "no row labelled 'Unique identifier" in missing.found
    assert result.award.lots["CSB"].supplier == WEALD
    assert result.suppliers.filter(supplier=WEALD)["unique_identifier"].to_list() == [None]


def test_a_summary_gives_the_details_under_reg_31s_names(tmp_path):
    """Hop Garden's summary: its own postal address, email address and unique identifier
    under the names reg 31 gives them, its company number under its own name (not as the
    identifier); and, for the most advantageous tender (Weald's), Weald's three."""
    folder = example_copy(tmp_path)
    tendereval.summaries(folder)
    book = _summary(folder, "hop-garden-respite-cic")
    assert _pairs(book["Summary"], 4, 9) == [
        ("Supplier", "Hop Garden Respite CIC"),
        ("Contact postal address", "Unit 4, Oast Court, Faversham, Kent ME13 7ZZ"),
        ("Contact email address", "hello@hopgarden.example"),
        ("Unique identifier", "PLDM-8331-QJDH"),
        ("Company number", "12650384"),
        ("Charity number", None),
    ]
    lot = book["Lot CSB"]
    heading = next(
        r
        for r in range(1, lot.max_row + 1)
        if lot.cell(r, 1).value == f"The most advantageous tender: {WEALD}"
    )
    assert _pairs(lot, heading + 1, heading + 3) == [
        ("Contact postal address", "3 Hop Pocket Lane, Paddock Wood, Kent TN12 6ZZ"),
        ("Contact email address", "tenders@wealdcarers.example"),
        ("Unique identifier", WEALD_PPON),
    ]
    weald = _summary(folder, "weald-carers-trust")["Summary"]
    assert _pairs(weald, 7, 9) == [
        ("Unique identifier", WEALD_PPON),
        ("Company number", "11402259"),
        ("Charity number", "1187342"),
    ]


def test_a_winner_giving_no_email_nor_identifier_is_warned_of(tmp_path):
    """The red team's case: the winner's return leaves the contact email, the company and
    charity numbers (and, now, the unique identifier) blank. Score and summaries list a
    warning at each cell reg 31 needs, naming the supplier and what to do; the award is not
    held for it (nothing scored changes)."""
    folder = _typed(example_copy(tmp_path), WEALD_RETURN, B6=None, B7=None, B15=None, B16=None)
    result = tendereval.score(folder, sensitivity=False)
    missing = [p for p in result.problems if p.code == SUMMARY_DETAILS_MISSING]
    assert [(p.where, p.supplier, p.is_error) for p in missing] == [
        (f"{WEALD_RETURN} › Organisation › B15", WEALD, False),
        (f"{WEALD_RETURN} › Organisation › B16", WEALD, False),
    ]
    email, identifier = missing
    assert email.message.startswith(f"{WEALD}'s bid return gives no contact email:")
    assert "reg 31(2)(b)" in email.message and "reg 31(2)(c)" in identifier.message
    assert "Central Digital Platform" in identifier.expected
    assert result.award.summaries_ready

    done = tendereval.summaries(folder)
    said = "\n".join(done.lines())
    assert f"warning: {WEALD_RETURN} › Organisation › B15: {email.message}" in said
    assert f"warning: {WEALD_RETURN} › Organisation › B16: {identifier.message}" in said
    assert done.ready


def test_none_is_warned_of_where_no_summary_gives_it(tmp_path):
    """The buyer's in-house team (owed no summary: its return is the comparator) gives
    neither, and no warning is made of it; under PCR 2015 the notice gives neither."""
    folder = _typed(example_copy(tmp_path), IN_HOUSE_RETURN, B15=None)
    result = tendereval.score(folder, sensitivity=False)
    assert not [p for p in result.problems if p.code == SUMMARY_DETAILS_MISSING]

    pcr = _typed(example_copy(tmp_path / "pcr"), WEALD_RETURN, B15=None, B16=None)
    plan = pcr / "tender.toml"
    plan.write_text(plan.read_text().replace('regime = "PA2023"', 'regime = "PCR2015"'))
    result = tendereval.score(pcr, sensitivity=False)
    assert not [p for p in result.problems if p.code == SUMMARY_DETAILS_MISSING]


@pytest.mark.parametrize("typed", [WEALD_PPON, f"gb-ppon-{WEALD_PPON.lower()}", f" {WEALD_PPON} "])
def test_the_award_notice_names_the_winner_by_its_unique_identifier(tmp_path, typed):
    """Find a Tender names a supplier by its PPON (scheme GB-PPON): the party's identifier,
    its company and charity numbers beside it; typed with the scheme or in small letters, it
    is the same identifier."""
    folder = _typed(example_copy(tmp_path), WEALD_RETURN, B16=typed)
    out = tmp_path / "award.json"
    tendereval.publish(folder, out, ocid_prefix="ocds-abc123")
    release = json.loads(out.read_text(encoding="utf-8"))["releases"][0]
    (weald,) = [p for p in release["parties"] if p["name"] == WEALD]
    assert weald["id"] == f"GB-PPON-{WEALD_PPON}"
    assert weald["identifier"] == {"scheme": "GB-PPON", "id": WEALD_PPON, "legalName": WEALD}
    assert weald["additionalIdentifiers"] == [
        {"scheme": "GB-COH", "id": "11402259"},
        {"scheme": "GB-CHC", "id": "1187342"},
    ]
    (award,) = release["awards"]
    assert award["suppliers"] == [{"id": f"GB-PPON-{WEALD_PPON}", "name": WEALD}]


def test_a_clarified_detail_is_the_one_the_summaries_give(tmp_path):
    """Weald leaves its contact email blank (B15) and is asked for it: its answer, recorded
    as a clarification at the warning's cell, is the email its own summary and Hop Garden's
    (naming Weald's tender as the most advantageous) give; the warning quotes it and says the
    summaries give it. The unique identifier (B16), also blank and not clarified, stays
    blank with its warning as it was."""
    folder = _typed(example_copy(tmp_path), WEALD_RETURN, B15=None, B16=None)
    (folder / "decisions.toml").write_text(
        "[[clarification]]\n"
        f'supplier = "{WEALD}"\n'
        'cell = "Organisation › B15"\n'
        "answered_on = 2026-03-03\n"
        'answer = "tenders@wealdcarers.example"\n',
        encoding="utf-8",
    )
    done = tendereval.summaries(folder)
    weald = _summary(folder, "weald-carers-trust")["Summary"]
    assert _pairs(weald, 6, 7) == [
        ("Contact email address", "tenders@wealdcarers.example"),
        ("Unique identifier", None),
    ]
    lot = _summary(folder, "hop-garden-respite-cic")["Lot CSB"]
    heading = next(
        r
        for r in range(1, lot.max_row + 1)
        if lot.cell(r, 1).value == f"The most advantageous tender: {WEALD}"
    )
    assert _pairs(lot, heading + 2, heading + 3) == [
        ("Contact email address", "tenders@wealdcarers.example"),
        ("Unique identifier", None),
    ]
    result = tendereval.score(folder, sensitivity=False)
    email, identifier = [p for p in result.problems if p.code == SUMMARY_DETAILS_MISSING]
    assert "its summaries give the supplier's answer to the buyer instead" in email.message
    assert "tenders@wealdcarers.example (decisions.toml › clarification[0])" in email.message
    assert "would go out with none" in identifier.message
    assert done.ready
