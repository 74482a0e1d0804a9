"""A number under a date format that no date has (Excel shows ########) is quoted as the
number the cell holds, and what Excel shows: never as '#VALUE!', which is in neither the file
nor on the screen, nor (-1) as 29 December 1899, a day Excel's dates never reach."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tendereval.io import xlsx

from .conftest import load

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
NO_DATE = ", which Excel shows as ########: no date or time has that number"


@pytest.fixture(params=[True, False], ids=["grammar", "elementtree"])
def reader(request, monkeypatch):
    monkeypatch.setattr(xlsx, "SCAN", request.param)


def _changed(tmp_path: Path, workbook: str, sheet: str, ref: str, **change: Any) -> Path:
    """The carers example with one cell's value or number format changed."""
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    book = openpyxl.load_workbook(folder / workbook)
    for name, value in change.items():
        setattr(book[sheet][ref], name, value)
    book.save(folder / workbook)
    return folder


def _at(tender: Any, sheet: str, ref: str) -> list[Any]:
    return [p for p in tender.problems if (p.sheet, p.cell) == (sheet, ref)]


def test_a_turnover_under_a_date_format_is_quoted_as_the_number_it_is(tmp_path, reader):
    # 3,240,000 days after 30 December 1899 is past 31 December 9999 (day 2,958,465).
    folder = _changed(
        tmp_path,
        "bids/weald-carers-trust.xlsx",
        "Organisation",
        "B12",
        number_format="dd/mm/yyyy",
    )
    (problem,) = _at(load(folder), "Organisation", "B12")
    assert problem.message == "Annual turnover (£): not an amount of money"
    assert problem.found == "3240000" + NO_DATE
    assert problem.is_error


@pytest.mark.parametrize(("value", "found"), [(-1, "-1"), (1e308, "1e+308")])
def test_a_declaration_date_no_date_has_is_not_a_date(tmp_path, reader, value, found):
    folder = _changed(tmp_path, "scores/helen-marsh.xlsx", "Declaration", "B7", value=value)
    (problem,) = _at(load(folder), "Declaration", "B7")
    assert problem.message == "date of declaration: not a date"
    assert problem.found == found + NO_DATE
    assert "1899" not in problem.message + problem.found


def test_a_number_no_date_has_in_the_legal_name_cell_is_no_name(tmp_path, reader):
    # A company number typed in the legal name's cell, which happens to be formatted as a date:
    # no name (as the number alone is), not a supplier named "11402259, which Excel shows …".
    folder = _changed(
        tmp_path,
        "bids/weald-carers-trust.xlsx",
        "Organisation",
        "B4",
        value=11402259,
        number_format="dd/mm/yyyy",
    )
    tender = load(folder)
    (problem,) = [p for p in _at(tender, "Organisation", "B4") if p.code == "bid.no_name"]
    assert problem.found == "11402259" + NO_DATE + "; not a name"
    assert problem.is_error
    assert not [name for name in tender.suppliers["supplier"].to_list() if "########" in name]


def test_a_number_no_date_has_as_the_evaluator_is_an_error_at_its_cell(tmp_path, reader):
    folder = _changed(
        tmp_path,
        "scores/helen-marsh.xlsx",
        "Declaration",
        "B4",
        value=-5,
        number_format="dd/mm/yyyy",
    )
    tender = load(folder)
    (problem,) = [p for p in _at(tender, "Declaration", "B4") if p.code == "name.not_text"]
    assert (problem.message, problem.found) == (
        "evaluator name: a number, not a name",
        "-5" + NO_DATE,
    )
    assert not [name for name in tender.scores["evaluator"].to_list() if "########" in name]


@pytest.mark.parametrize(("ref", "field"), [("B8", "address"), ("B14", "contact_name")])
def test_a_number_no_date_has_in_a_text_field_is_read_as_the_number(tmp_path, reader, ref, field):
    # A number in a free-text field (the address, the contact) is read as its digits: under a
    # date format no date has, it was read as the words explaining the ######## instead
    # (the contact '11402259, which Excel shows as ########: …' in the supplier's details).
    folder = _changed(
        tmp_path,
        "bids/weald-carers-trust.xlsx",
        "Organisation",
        ref,
        value=11402259,
        number_format="dd/mm/yyyy",
    )
    tender = load(folder)
    assert _at(tender, "Organisation", ref) == []
    weald = tender.suppliers.filter(source="bids/weald-carers-trust.xlsx")
    assert weald[field].to_list() == ["11402259"]


def test_a_number_no_date_has_as_the_trading_name_is_no_name(tmp_path, reader):
    # As a number is: a warning at its cell (name.not_text), the trading name not read.
    folder = _changed(
        tmp_path,
        "bids/weald-carers-trust.xlsx",
        "Organisation",
        "B5",
        value=11402259,
        number_format="dd/mm/yyyy",
    )
    tender = load(folder)
    (problem,) = _at(tender, "Organisation", "B5")
    assert (problem.code, problem.is_error) == ("name.not_text", False)
    assert problem.found == "11402259" + NO_DATE
    weald = tender.suppliers.filter(source="bids/weald-carers-trust.xlsx")
    assert weald["trading_name"].to_list() == [None]
