"""A supplier's contact email and unique identifier (its PPON) given in a ``suppliers`` frame
are read by the bid return's own rule (io/ppon.py, bid_rules.read_detail), wherever the frame
is scored: found by the red team, "TBC" typed for a PPON and "N/A" for an email in a frame
handed in from Python went into the assessment summaries ("Unique identifier: TBC") without a
word, where the same text in a bid return is the reg 31 warning. A supplier's answer to the
buyer recorded as a clarification of that warning is read by the same rule."""

from __future__ import annotations

import dataclasses

import openpyxl
import polars as pl

import tendereval
from tests.example_copies import example_copy

WEALD = "Weald Carers Trust"
MISSING = "bid.summary_details_missing"


def _weald_typed(**typed):
    """The example tender read, with Weald's details in the suppliers frame typed over."""
    tender = tendereval.load_tender("examples/carers-short-breaks")
    tender.suppliers = tender.suppliers.with_columns(
        pl.when(pl.col("supplier") == WEALD).then(pl.lit(text)).otherwise(column).alias(column)
        for column, text in typed.items()
    )
    return tender


def _weald(result):
    (row,) = result.suppliers.filter(pl.col("supplier") == WEALD).iter_rows(named=True)
    return row


def test_a_placeholder_in_the_frame_is_no_detail_and_is_warned_of():
    result = tendereval.score(
        _weald_typed(unique_identifier="TBC", contact_email="N/A"), sensitivity=False
    )
    warned = {p.message: p for p in result.problems if p.code == MISSING}
    assert len(warned) == 2
    for problem in warned.values():
        assert problem.supplier == WEALD
        assert problem.where == "suppliers frame › row 6"
        assert not problem.is_error
    messages = sorted(warned)
    assert messages[0].startswith(
        f"{WEALD}'s row of the suppliers frame gives no contact email ('N/A' in its "
        "contact_email column is not an email address): each assessment summary must give"
    )
    assert (
        "gives no unique identifier ('TBC' in its unique_identifier column is not a PPON)"
        in (messages[1])
    )
    # What the summaries and the notice give: nothing, as for the cell, not "TBC".
    assert _weald(result)["unique_identifier"] is None
    assert _weald(result)["contact_email"] is None


def test_a_company_number_for_the_ppon_under_pcr_is_left_out_with_a_warning():
    tender = _weald_typed(unique_identifier="11402259")
    tender.plan = dataclasses.replace(tender.plan, regime="PCR2015")
    result = tendereval.score(tender, sensitivity=False)
    (problem,) = [p for p in result.problems if p.supplier == WEALD and "PPON" in p.message]
    assert "is a number, not a PPON (a company or charity number?)" in problem.message
    assert _weald(result)["unique_identifier"] is None


def test_a_ppon_copied_with_its_scheme_is_the_ppon_without_a_word():
    result = tendereval.score(
        _weald_typed(unique_identifier="gb-ppon-pxqt-3611-nbht"), sensitivity=False
    )
    assert _weald(result)["unique_identifier"] == "PXQT-3611-NBHT"
    assert not [p for p in result.problems if p.supplier == WEALD and not p.is_error]


def test_a_tender_read_from_its_files_is_not_warned_twice():
    result = tendereval.score("examples/carers-short-breaks", sensitivity=False)
    assert not [p for p in result.problems if p.code == MISSING]


def test_an_answer_that_is_no_email_gives_nothing_and_the_warning_says_so(tmp_path):
    """Weald leaves its email blank (B15) and answers the buyer "TBC": the summaries do not
    give "TBC" as its email; the warning stays, quoting the answer."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / "bids/weald-carers-trust.xlsx")
    book["Organisation"]["B15"] = None
    book.save(folder / "bids/weald-carers-trust.xlsx")
    (folder / "decisions.toml").write_text(
        "[[clarification]]\n"
        f'supplier = "{WEALD}"\n'
        'cell = "Organisation › B15"\n'
        "answered_on = 2026-03-03\n"
        'answer = "TBC"\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    (email,) = [p for p in result.problems if p.code == MISSING]
    assert (
        "its summaries would go out with none: the answer recorded, 'TBC', is not an email "
        "address" in email.message
    )
    assert _weald(result)["contact_email"] is None


def _frames_of_my_own(tender, suppliers):
    """``tender``'s frames as a notebook builds its own (no file named on a row), with
    ``suppliers`` for its suppliers frame."""
    frames = {name: getattr(tender, name).drop("source", strict=False) for name in FRAMES}
    return tendereval.Tender.from_frames(tender.plan, **frames, suppliers=suppliers)


FRAMES = ("bids", "prices", "scores", "moderation", "declarations", "commitments", "proxies")


def _own_suppliers(**typed):
    tender = _weald_typed(**typed)
    return tender, tender.suppliers.drop("source")


def test_a_null_detail_in_a_frame_of_your_own_is_warned_of_as_a_blank_cell():
    """A null contact email or PPON in a frame built in Python went into the summaries blank
    without a word; "TBC" there, or a blank cell of a bid return, is the reg 31 warning."""
    tender, suppliers = _own_suppliers(unique_identifier=None, contact_email=None)
    result = tendereval.score(_frames_of_my_own(tender, suppliers), sensitivity=False)
    warned = sorted((p for p in result.problems if p.code == MISSING), key=lambda p: p.message)
    assert [(p.supplier, p.where, p.found, p.is_error) for p in warned] == [
        (WEALD, "suppliers frame › row 6", "null", False)
    ] * 2
    assert warned[0].message.startswith(
        f"{WEALD}'s row of the suppliers frame gives no contact email: each assessment summary "
        "must give a contact email address for the supplier"
    )
    assert warned[1].message.startswith(
        f"{WEALD}'s row of the suppliers frame gives no unique identifier: each assessment "
        "summary must give its unique identifier"
    )


def test_a_frame_with_no_email_column_is_warned_of_at_each_row():
    tender, suppliers = _own_suppliers()
    result = tendereval.score(
        _frames_of_my_own(tender, suppliers.drop("contact_email")), sensitivity=False
    )
    warned = [p for p in result.problems if p.code == MISSING]
    # Row 2 is the council's in-house team: owed no summary, it is not warned of.
    assert suppliers.row(1, named=True)["org_type"] == "in-house team"
    assert [p.where for p in warned] == [f"suppliers frame › row {n}" for n in (1, 3, 4, 5, 6)]
    assert all("gives no contact email:" in p.message for p in warned)


def test_a_null_detail_is_no_warning_under_pcr():
    tender, suppliers = _own_suppliers(unique_identifier=None, contact_email=None)
    tender.plan = dataclasses.replace(tender.plan, regime="PCR2015")
    result = tendereval.score(_frames_of_my_own(tender, suppliers), sensitivity=False)
    assert not [p for p in result.problems if p.supplier == WEALD and not p.is_error]
