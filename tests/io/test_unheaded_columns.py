"""Figures typed in a table's column that has no header are pointed out, never dropped without
a word. Merging the header cells G4:H4 of the Prices sheet (to make a wide heading) keeps only
G4's text, as Excel and LibreOffice do: the yearly uplifts typed below in H were read as none,
and the bid evaluated cheaper than offered, with no problem shown."""

from __future__ import annotations

import openpyxl

from .builders import bid_workbook, good_tender
from .conftest import load


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
