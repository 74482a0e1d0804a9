"""A late bid return whose Organisation and Prices sheets are renamed ("Supplier details",
"Pricing schedule") and which carries no template mark (re-typed, or exported by another
program): in bids/ the loader knows its sheets by what they hold, and the bid is invalid,
holding the award; kept in bids/late/ or bids/late.zip it was "1 workbook that is not a bid
return (no Organisation or Prices sheet)", a warning, and the award went ahead. What is kept
where nothing is read is asked by the loader's own look-alike checks (io/bids.renamed_in)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.errors import Severity
from tendereval.io.held_workbooks import OTHER, RETURN, what_it_is
from tests.example_copies import example_copy

WEALD = "weald-carers-trust.xlsx"
_RENAMED = {"Organisation": "Supplier details", "Prices": "Pricing schedule"}


def _renamed_return(folder: Path, renamed: dict[str, str] = _RENAMED) -> bytes:
    """Weald's return as another supplier's, its sheets renamed and its mark taken off."""
    book = openpyxl.load_workbook(folder / "bids" / WEALD)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "Weald Carers Trust" in cell.value:
                    cell.value = cell.value.replace("Weald Carers Trust", "Late Newcomer Ltd")
        sheet.title = renamed.get(sheet.title, sheet.title)
    for prop in list(book.custom_doc_props.props):
        book.custom_doc_props.props.remove(prop)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kept", ["bids/late/", "bids/late.zip"])
def test_a_late_return_with_its_sheets_renamed_holds_the_award(tmp_path: Path, kept: str) -> None:
    folder = example_copy(tmp_path)
    data = _renamed_return(folder)
    if kept.endswith("/"):
        (folder / kept).mkdir()
        (folder / kept / "late-newcomer.xlsx").write_bytes(data)
    else:
        with zipfile.ZipFile(folder / kept, "w") as out:
            out.writestr("late-newcomer.xlsx", data)
    problem = {p.file: p for p in tendereval.validate(folder).problems}[kept]
    assert problem.severity is Severity.ERROR
    assert "late-newcomer.xlsx" in problem.message
    assert "not a bid return" not in problem.message + problem.found
    assert tendereval.score(folder, sensitivity=False).award.held_back is not None


@pytest.mark.parametrize(
    "renamed", [{"Organisation": "Supplier details"}, {"Prices": "Pricing schedule"}]
)
def test_either_sheet_renamed_alone_is_a_return(tmp_path: Path, renamed: dict[str, str]) -> None:
    """One sheet renamed (the other deleted: what it holds is not known) is enough: the
    loader names the one renamed, and the bid is invalid in bids/."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(_renamed_return(folder, renamed)))
    (kept,) = renamed.values()
    for sheet in list(book.worksheets):
        if sheet.title != kept:
            book.remove(sheet)
    out = io.BytesIO()
    book.save(out)
    assert what_it_is(out.getvalue(), "late.xlsx", "bids") == RETURN


def test_a_supporting_document_is_still_no_return(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Staff"
    book.active.append(["Role", "Hours", "Pay"])
    book.active.append(["Carer", 37.5, 24_000])
    out = io.BytesIO()
    book.save(out)
    assert what_it_is(out.getvalue(), "TUPE staff list.xlsx", "bids") == OTHER
