"""A workbook kept beside the .xlsx of its name in bids/ (in a folder not read, or an archive)
is the return as received only when every cell of it holds what the .xlsx does: another
supplier's late return naming this one as a subcontractor, or the same supplier's revised
return with other prices, is a bid that would be lost (io/as_received.py,
io/received_cells.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.io.held_workbooks import CONVERTED, RETURN, UNREAD, what_it_is
from tests.example_copies import as_received, example_copy


def _kentish_naming_hop_garden(bids: Path, to: Path) -> Path:
    """Kentish Carers Ltd's return (Weald's, retyped), whose Supply chain names Hop Garden
    Respite CIC, by name and company number, as its subcontractor."""
    book = openpyxl.load_workbook(bids / "weald-carers-trust.xlsx")
    org = book["Organisation"]
    org["B4"], org["B5"], org["B6"], org["B7"] = "Kentish Carers Ltd", None, "09876543", None
    org["B14"], org["B15"] = "Sam Reed", "bids@kentishcarers.example"
    chain = ("Hop Garden Respite CIC", "subcontractor", "12650384", 40, 1120000, "yes", "yes")
    for col, value in zip("ABCDEFGHI", (*chain, 0.10, "CSB"), strict=True):
        book["Supply chain"][f"{col}6"] = value
    book.save(to)
    return to


def _hop_garden_as_response(bids: Path) -> Path:
    """Hop Garden's on-time return, as a portal names every return: bids/Response.xlsx, its
    contact email left blank (an optional row)."""
    book = openpyxl.load_workbook(bids / "hop-garden-respite-cic.xlsx")
    book["Organisation"]["B15"] = None
    book.save(bids / "Response.xlsx")
    (bids / "hop-garden-respite-cic.xlsx").unlink()
    return bids / "Response.xlsx"


@pytest.mark.libreoffice
def test_another_suppliers_late_return_naming_this_one_is_a_bid(tmp_path: Path) -> None:
    """Kentish Carers Ltd's late return, bids/late/Response.xls, names Hop Garden (whose
    on-time return is bids/Response.xlsx) as its subcontractor: its legal name and company
    number were found in it, so it was taken for Hop Garden's return as received, a warning,
    exit 0, "the assessment summaries may be sent", and the late bid lost. Its cells are not
    Hop Garden's: it may be a bid, an error holding the award."""
    folder = example_copy(tmp_path / "tender")
    bids = folder / "bids"
    response = _hop_garden_as_response(bids)
    kentish = as_received(_kentish_naming_hop_garden(bids, tmp_path / "Response.xlsx"))
    assert what_it_is(kentish, "late/Response.xls", "bids", [response]) == UNREAD
    (bids / "late").mkdir()
    (bids / "late" / "Response.xls").write_bytes(kentish)
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.code == "file.subfolder"]
    assert problem.is_error
    assert (
        problem.message
        == "the folder bids/late/ is not read, and it holds 1 workbook: Response.xls"
    )
    assert problem.found == (
        "Response.xls (named as bids/Response.xlsx) does not hold its values, cell for cell "
        "(or could not be compared): it may be another bid return or a revised one; move it "
        "out of the tender folder only if it is that return as received"
    )
    assert result.award.held_back is not None
    # Hop Garden's own return as received, in .xls or .ods, is still the warning.
    for kind in ("xls", "ods"):
        (bids / "late" / "Response.xls").unlink(missing_ok=True)
        (bids / "late" / f"Response.{kind}").write_bytes(as_received(response, kind))
        result = tendereval.score(folder, sensitivity=False)
        (problem,) = [p for p in result.problems if p.code == "file.subfolder"]
        assert not problem.is_error, kind
        assert problem.message.endswith(
            f"1 bid return as received, saved as .xlsx in bids/ and read there: Response.{kind}"
        )
        assert result.award.held_back is None


def _revised(bids: Path, to: Path) -> Path:
    """Weald Carers Trust's return revised, with much lower rates: Prices G5 19 (was 27.5),
    G6 150 (was 215), G7 60 (was 98)."""
    book = openpyxl.load_workbook(bids / "weald-carers-trust.xlsx")
    prices = book["Prices"]
    assert (prices["G5"].value, prices["G6"].value, prices["G7"].value) == (27.5, 215, 98)
    prices["G5"], prices["G6"], prices["G7"] = 19.0, 150, 60
    book.save(to)
    return to


def test_a_revised_xlsm_with_other_prices_is_a_bid(tmp_path: Path) -> None:
    """bids/late/weald-carers-trust.xlsm, a revised return with much lower rates, was taken
    for "the return as received" of bids/weald-carers-trust.xlsx: only its identity was
    compared, never its prices. The same workbook with the .xlsx's prices is still that."""
    bids = example_copy(tmp_path) / "bids"
    beside = [bids / "weald-carers-trust.xlsx"]
    revised = _revised(bids, tmp_path / "revised.xlsm").read_bytes()
    assert what_it_is(revised, "late/weald-carers-trust.xlsm", "bids", beside) == RETURN
    book = openpyxl.load_workbook(beside[0])
    book.save(tmp_path / "same.xlsm")
    same = (tmp_path / "same.xlsm").read_bytes()
    assert what_it_is(same, "late/weald-carers-trust.xlsm", "bids", beside) == CONVERTED


@pytest.mark.libreoffice
def test_a_revised_xls_or_ods_with_other_prices_is_a_bid(tmp_path: Path) -> None:
    """The same revision received as .xls or .ods: its cells are read (io/received_cells.py)
    and its prices are not the .xlsx's. The officer's own .xlsx, saved from the .xls as
    received, is that .xls's."""
    bids = example_copy(tmp_path) / "bids"
    beside = [bids / "weald-carers-trust.xlsx"]
    revised = _revised(bids, tmp_path / "revised.xlsx")
    for kind in ("xls", "ods"):
        received = as_received(revised, kind)
        assert what_it_is(received, f"weald-carers-trust.{kind}", "bids", beside) == UNREAD
    received = as_received(beside[0])
    saved_as = tmp_path / "saved" / "weald-carers-trust.xlsx"
    saved_as.parent.mkdir()
    (tmp_path / "received.xls").write_bytes(received)
    saved_as.write_bytes(as_received(tmp_path / "received.xls", "xlsx"))
    assert what_it_is(received, "weald-carers-trust.xls", "bids", [saved_as]) == CONVERTED


def test_a_revised_xlsm_in_a_zip_is_a_bid(tmp_path: Path) -> None:
    """The revised return kept in the portal's zip of late responses: an error, saying why
    the name of the return in bids/ is not enough."""
    folder = example_copy(tmp_path / "tender")
    bids = folder / "bids"
    revised = _revised(bids, tmp_path / "revised.xlsm")
    with zipfile.ZipFile(bids / "late responses.zip", "w") as out:
        out.write(revised, "weald-carers-trust.xlsm")
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.code == "file.archive"]
    assert problem.is_error
    assert (
        "weald-carers-trust.xlsm (named as bids/weald-carers-trust.xlsx) does not hold its values"
        in problem.found
    )
    assert result.award.held_back is not None
