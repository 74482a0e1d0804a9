"""Figures typed in a table's column that has no header are pointed out, never dropped without
a word. Merging the header cells G4:H4 of the Prices sheet (to make a wide heading) keeps only
G4's text, as Excel and LibreOffice do: the yearly uplifts typed below in H were read as none,
and the bid evaluated cheaper than offered, with no problem shown."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from tendereval import layout

from .builders import bid_workbook, good_tender
from .conftest import load, only


def test_uplifts_under_a_merged_away_header_are_an_error_at_their_cells(tender_dir):
    path = tender_dir / "bids" / "acme.xlsx"
    bid_workbook(path, "Acme Care Ltd", uplifts={"L1": 0.1, "L2": 0.1})
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    assert prices["H4"].value == "Yearly uplift (%)"  # the template's header, then merged away
    prices.merge_cells("G4:H4")
    book.save(path)
    tender = load(tender_dir)
    problems = [p for p in tender.problems if p.code == "table.unheaded_column"]
    assert len(problems) == 1, tender.problems
    problem = problems[0]
    assert problem.where == "bids/acme.xlsx › Prices › H5"
    assert problem.is_error and problem.supplier == "Acme Care Ltd"
    assert "0.1 in H5" in problem.found and "4 rows" in problem.message
    assert "Yearly uplift (%)" in problem.expected


def test_notes_beside_a_complete_table_are_a_warning(tmp_path):
    good_tender(tmp_path)
    path = tmp_path / "bids" / "acme.xlsx"
    book = openpyxl.load_workbook(path)
    book["Prices"]["J5"] = "rates held for 3 years"
    book.save(path)
    tender = load(tmp_path)
    problems = [p for p in tender.problems if p.code == "table.unheaded_column"]
    assert [(p.where, p.is_error) for p in problems] == [("bids/acme.xlsx › Prices › J5", False)]
    assert "Acme Care Ltd" in tender.bids.drop_nulls("lot")["supplier"].to_list()


def test_a_filled_template_has_no_unheaded_columns(tmp_path):
    tender = load(good_tender(tmp_path))
    assert not [p for p in tender.problems if p.code == "table.unheaded_column"]


def _header_as(path, ref: str, xml: str) -> None:
    """The Prices sheet's header cell ``ref`` saved as ``xml`` (a cell element), as Excel
    saves what openpyxl cannot write: a formula's saved result of "" (=IF(..., "", ...))."""
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/") and b"Unit rate" in parts[n])
    sheet, count = re.subn(rf'<c r="{ref}"[^>]*>.*?</c>'.encode(), xml.encode(), parts[name])
    assert count == 1
    parts[name] = sheet
    with zipfile.ZipFile(path, "w") as new:
        for part, data in parts.items():
            new.writestr(part, data)


# A header that shows nothing is no header: the repro had Brightwater's 3% uplifts read as 0%
# (£3,037,118.34 evaluated as £2,947,800.00) with H4 holding a space, with no problem at all.
_SHOWING_NOTHING = {
    "a space": '<c r="H4" t="inlineStr"><is><t xml:space="preserve"> </t></is></c>',
    "a non-breaking space": '<c r="H4" t="inlineStr"><is><t>\u00a0</t></is></c>',
    "a zero-width space": '<c r="H4" t="inlineStr"><is><t>\u200b</t></is></c>',
    "an empty string": '<c r="H4" t="inlineStr"><is><t></t></is></c>',
    'a formula giving ""': '<c r="H4" t="str"><f>""</f><v></v></c>',
}


@pytest.mark.parametrize("header", _SHOWING_NOTHING.values(), ids=_SHOWING_NOTHING.keys())
def test_uplifts_under_a_header_showing_nothing_are_an_error_at_their_cells(tender_dir, header):
    path = tender_dir / "bids" / "acme.xlsx"
    bid_workbook(path, "Acme Care Ltd", uplifts={"L1": 0.03, "L2": 0.03})
    _header_as(path, "H4", header)
    tender = load(tender_dir)
    problem = only(tender, "table.unheaded_column")
    assert (problem.where, problem.is_error) == ("bids/acme.xlsx › Prices › H5", True)
    assert problem.message == (
        "column H holds values in 4 rows but has no header, so they are not read"
    )
    assert "Yearly uplift (%)" in problem.expected


def test_commitments_under_a_lot_header_of_a_space_are_not_given_to_every_lot(tender_dir):
    """The social value table's optional 'Lot' column headed by a space: its lots were not
    read, so a commitment made for L1 counted for every lot bid for."""
    path = tender_dir / "bids" / "bright.xlsx"
    commitments = [{"lot": "L1", "measure": "SV-APP", "units": 52}]
    bid_workbook(path, "Bright Futures CIC", commitments=commitments)
    book = openpyxl.load_workbook(path)
    book[layout.BID_SOCIAL_VALUE]["A4"] = " "
    book.save(path)
    problem = only(load(tender_dir), "table.unheaded_column")
    where = f"bids/bright.xlsx › {layout.BID_SOCIAL_VALUE} › A5"
    assert (problem.where, problem.is_error, problem.found) == (where, True, "'L1' in A5")


def test_notes_under_a_header_of_a_space_beside_a_score_sheet_are_a_warning(tmp_path):
    good_tender(tmp_path)
    path = tmp_path / "scores" / "ann.xlsx"
    book = openpyxl.load_workbook(path)
    book["Scores"]["J4"] = " "
    book["Scores"]["J5"] = "second marker's view: 4"
    book.save(path)
    problem = only(load(tmp_path), "table.unheaded_column")
    assert (problem.where, problem.is_error) == ("scores/ann.xlsx › Scores › J5", False)
