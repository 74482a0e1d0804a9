"""The wrong file given for the offers: a bid return, a score sheet, the evaluation report or
the tender's plan. Each was seven "no offer_id column"… errors, or a file type refused,
without a word of what the file was or what to give instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import tendereval
from tendereval.allocation import read_offers
from tests.allocation.test_allocation_offers import write

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homecare-districts"


@pytest.mark.parametrize(
    ("folder", "what"),
    [
        ("bids", "this is a supplier's bid return (it has the Organisation and Prices sheets)"),
        ("scores", "this is an evaluator's score sheet (it has a Scores sheet)"),
    ],
)
def test_a_template_workbook_given_for_the_offers_is_named_for_what_it_is(
    tmp_path: Path, folder: str, what: str
) -> None:
    given = tmp_path / "given.xlsx"
    shutil.copy(sorted((EXAMPLE / folder).glob("*.xlsx"))[0], given)
    frame, problems = read_offers(given)
    assert frame.is_empty()
    assert [(p.code, p.is_error) for p in problems] == [("offers.not_offers", True)]
    assert problems[0].message == f"{what}, not an offers table, so it was not read as one"
    assert problems[0].expected == (
        "for a tender, its folder (the one that holds tender.toml): allocate reads the bids "
        "and scores from there"
    )


def test_a_file_with_none_of_the_columns_is_one_error_not_seven(tmp_path: Path) -> None:
    path = write(tmp_path, "Acme Care,12\n", header="Supplier name,Staff\n")
    frame, problems = read_offers(path)
    assert frame.is_empty()
    assert [(p.code, p.cell, p.found) for p in problems] == [
        ("offers.not_offers", "row 1", "supplier_name, staff")
    ]
    assert problems[0].message == (
        "this has none of the offers table's columns, so it is not an offers table"
    )


def test_a_file_with_some_of_the_columns_still_names_each_missing_one(tmp_path: Path) -> None:
    path = write(tmp_path, "O1,Acme\n", header="offer_id,supplier\n")
    _, problems = read_offers(path)
    assert [p.code for p in problems] == ["offers.missing_column"] * 5


def test_the_tenders_plan_given_for_the_offers_names_its_folder() -> None:
    with pytest.raises(tendereval.InputError) as raised:
        tendereval.allocate(EXAMPLE / "tender.toml")
    [problem] = raised.value.problems
    assert problem.code == "offers.bad_file_type"
    assert problem.expected == (
        f".csv or .xlsx; this is a tender's plan: give the folder that holds it, {EXAMPLE}"
    )
