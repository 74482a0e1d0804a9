"""A cell holding an error (#N/A, #REF!, #DIV/0!: what Excel, LibreOffice or Google Sheets save
when a formula cannot be worked out, e.g. a VLOOKUP into the supplier's own records) is not a
value anyone typed: it is a problem at that cell, never a name, a number or a reason."""

from __future__ import annotations

import pytest

from tendereval.io import xlsx

from .builders import bid_workbook, score_rows, score_workbook, write_plan
from .conftest import load


@pytest.fixture(params=[True, False], ids=["grammar", "elementtree"])
def reader(request, monkeypatch):
    monkeypatch.setattr(xlsx, "SCAN", request.param)


def test_an_error_in_the_legal_name_is_a_problem_and_two_such_bids_stay_apart(tmp_path, reader):
    write_plan(tmp_path)
    # openpyxl saves "#N/A" as an error cell (t="e"), as Excel saves a failed VLOOKUP.
    bid_workbook(tmp_path / "bids" / "acme.xlsx", "#N/A", organisation={"address": "#REF!"})
    bid_workbook(tmp_path / "bids" / "bright.xlsx", "#N/A", rates={("L1", "hours"): "#DIV/0!"})
    score_workbook(tmp_path / "scores" / "ann.xlsx", score_rows(("acme", "bright")))
    tender = load(tmp_path)
    assert sorted(tender.suppliers["supplier"].to_list()) == ["acme", "bright"]
    assert tender.suppliers["address"].to_list().count("#REF!") == 0
    errors = [p for p in tender.problems if p.code == "cell.error"]
    assert {(p.file, p.sheet, p.cell, p.found) for p in errors} >= {
        ("bids/acme.xlsx", "Organisation", "B4", "#N/A"),
        ("bids/bright.xlsx", "Organisation", "B4", "#N/A"),
        ("bids/acme.xlsx", "Organisation", "B8", "#REF!"),
        ("bids/bright.xlsx", "Prices", "G5", "#DIV/0!"),
    }
    assert all("formula" in p.message and p.expected for p in errors)
    # The rate that is an error makes that lot's bid invalid, as a missing rate does.
    rate = next(p for p in errors if p.cell == "G5")
    assert rate.supplier == "bright" and rate.is_error
    assert not [p for p in tender.problems if p.code == "bid.twice"]


def test_an_error_for_a_reason_says_so(tmp_path, reader):
    write_plan(tmp_path)
    bid_workbook(tmp_path / "bids" / "acme.xlsx", "Acme Care Ltd")
    rows = score_rows(("Acme Care Ltd",))
    rows[0]["reason"] = "#N/A"
    score_workbook(tmp_path / "scores" / "ann.xlsx", rows)
    tender = load(tmp_path)
    problem = next(p for p in tender.problems if p.code == "score.no_reason")
    assert problem.found == "the error #N/A, which its formula gave instead of a reason"
    assert "#N/A" not in tender.scores["reason"].to_list()
