"""What a workbook kept where nothing is read is, asked as bids/ loading asks
(io/held_workbooks.py): a bid return filled in, the blank template, another document, or one
that cannot be looked into (which may be a bid)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.io.as_received import converted
from tendereval.io.held_workbooks import BLANK, CONVERTED, OTHER, RETURN, UNREAD, what_it_is
from tendereval.report.excel import write_report
from tests.example_copies import as_received, example_copy


def test_each_kind_of_workbook_is_told_apart(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    blank_return, blank_sheet = tmp_path / "bid.xlsx", tmp_path / "sheet.xlsx"
    tendereval.template("bid-return", folder, blank_return)
    tendereval.template("score-sheet", folder, blank_sheet)
    tupe = openpyxl.Workbook()
    tupe.active.title = "TUPE"
    tupe.active.append(["Carer", 37.5])
    saved = io.BytesIO()
    tupe.save(saved)
    result = tendereval.score(folder, sensitivity=False)
    report = write_report(result, tmp_path / "report.xlsx")
    weald = (folder / "bids" / "weald-carers-trust.xlsx").read_bytes()
    helen = (folder / "scores" / "helen-marsh.xlsx").read_bytes()
    cases = {
        "filled return": (weald, "bids", RETURN),
        "blank return": (blank_return.read_bytes(), "bids", BLANK),
        "TUPE list": (saved.getvalue(), "bids", OTHER),
        "the report tendereval wrote": (Path(report).read_bytes(), "bids", OTHER),
        "an .xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "bids", UNREAD),
        "damaged": (weald[: len(weald) // 2], "bids", UNREAD),
        "not unpacked": (None, "bids", UNREAD),
        "score sheet filled": (helen, "scores", RETURN),
        "score sheet blank": (blank_sheet.read_bytes(), "scores", BLANK),
        "a bid return, to scores/": (weald, "scores", OTHER),
    }
    found = {case: what_it_is(data, case, where) for case, (data, where, _) in cases.items()}
    assert found == {case: what for case, (_, _, what) in cases.items()}


def test_a_return_as_received_is_known_by_the_xlsx_of_its_name() -> None:
    beside = [Path("bids/Weald-Carers-Trust.xlsx"), Path("bids/meridian.xlsx")]
    assert converted("Supplier 6/weald-carers-trust.xls", beside) == beside[0]
    assert converted("meridian.ods", beside) == beside[1]
    assert converted("meridian.xlsx", beside) is None  # (the same file: matched by its bytes)
    assert converted("hop-garden.xls", beside) is None


def _saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _one_sheet(title: str, *rows: list) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    return _saved(book)


def test_a_sheet_named_as_the_returns_is_not_enough_to_make_a_bid(tmp_path: Path) -> None:
    """A supplier's "Organisation chart.xlsx" (a sheet named Organisation: roles and names)
    or "Cost build-up.xlsx" (a sheet named Prices: its cost elements) kept among its
    attachments was taken for a filled bid return (its other sheet missing, "what it holds is
    not known"): an error holding the award, with the advice to move it into bids/, where it
    was an invalid bid. A sheet's name is not enough: the return's cells must be there (the
    form's labels, the table's header row), or both its sheets, or the template's mark. A
    return left with one of its sheets, laid out as the template's, is still one."""
    chart = _one_sheet(
        "Organisation",
        ["Role", "Name", "Reports to"],
        ["Chief Executive", "J. Lee", "Board"],
        ["Registered Manager", "A. Khan", "Chief Executive"],
    )
    costs = _one_sheet(
        "Prices", ["Cost element", "£ per hour"], ["Care worker pay", 12.6], ["On-costs", 2.1]
    )
    assert what_it_is(chart, "Organisation chart.xlsx", "bids") == OTHER
    assert what_it_is(costs, "Cost build-up.xlsx", "bids") == OTHER
    weald = openpyxl.load_workbook(example_copy(tmp_path) / "bids" / "weald-carers-trust.xlsx")
    prices_only, organisation_only = (
        openpyxl.load_workbook(io.BytesIO(_saved(weald))) for _ in range(2)
    )
    del prices_only["Organisation"]
    del organisation_only["Prices"]
    for book in (prices_only, organisation_only):
        book.custom_doc_props.props.clear()  # (no template mark: only its sheets say)
        assert what_it_is(_saved(book), "late.xlsx", "bids") == RETURN, book.sheetnames


@pytest.mark.libreoffice
def test_a_return_as_received_is_the_same_suppliers_return(tmp_path: Path) -> None:
    """A portal names every return alike: Hop Garden's on-time return is bids/Response.xlsx,
    and another supplier's late return, received as .xls, bids/late/Response.xls. Its name
    alone made it "the return as received, saved as .xlsx in bids/ and read there", a
    warning, and the late bid was lost. It is that only when every cell of it holds what the
    .xlsx does (io/as_received.py); else it may be a bid."""
    bids = example_copy(tmp_path) / "bids"
    hop_garden = bids / "hop-garden-respite-cic.xlsx"
    beside = [hop_garden.rename(bids / "Response.xlsx")]
    theirs = as_received(beside[0])
    another = as_received(bids / "meridian-care-group-plc.xlsx")
    assert what_it_is(theirs, "late/Response.xls", "bids", beside) == CONVERTED
    assert what_it_is(another, "late/Response.xls", "bids", beside) == UNREAD
    assert what_it_is(theirs, "late/Response (2).xls", "bids", beside) == UNREAD
    # An OpenDocument spreadsheet, read as cells too; a .numbers file is not read.
    ods = as_received(beside[0], "ods")
    assert what_it_is(ods, "Response.ods", "bids", beside) == CONVERTED
    assert (
        what_it_is(
            as_received(bids / "meridian-care-group-plc.xlsx", "ods"),
            "Response.ods",
            "bids",
            beside,
        )
        == UNREAD
    )
    numbers = io.BytesIO()  # (a Numbers file's cells are compressed: not read)
    with zipfile.ZipFile(numbers, "w") as out:
        out.writestr("Index/Document.iwa", b"\0" * 64)
    assert what_it_is(numbers.getvalue(), "Response.numbers", "bids", beside) == UNREAD
    # A score sheet's: every cell, the evaluator's scores as their name.
    helen = example_copy(tmp_path / "scores") / "scores" / "helen-marsh.xlsx"
    received = as_received(helen)
    assert what_it_is(received, "helen-marsh.xls", "scores", [helen]) == CONVERTED
    assert what_it_is(received[:-8], "helen-marsh.xls", "scores", [helen]) == UNREAD
