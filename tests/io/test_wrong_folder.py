"""A workbook in the wrong folder is named for what it is and where it belongs.

Found by dropping an evaluator's score sheet into bids/: it was read as a bid from a supplier
called "ann", with nine errors (no Organisation sheet, no legal name, every form field
missing) and not one word saying it was a score sheet; the evaluator's scores were left out
all the same. A bid return in scores/ said only that it had no Scores sheet.
"""

from __future__ import annotations

import shutil

from .builders import matrix_workbook, moderation_workbook
from .conftest import load, only


def test_a_score_sheet_in_bids_is_one_error_saying_where_it_belongs(tender_dir):
    shutil.move(tender_dir / "scores" / "ann.xlsx", tender_dir / "bids" / "ann.xlsx")
    tender = load(tender_dir)
    problem = only(tender, "file.wrong_folder")
    assert problem.where == "bids/ann.xlsx"
    assert problem.message == (
        "this is an evaluator's score sheet (it has a Scores sheet), not a bid return, so it "
        "was not read as one"
    )
    assert problem.expected == "score sheets in scores/: move it there"
    assert [p for p in tender.problems if p.file == "bids/ann.xlsx"] == [problem]
    # No tender: not among the bids received (it was counted as one, and its "tender" named
    # as one the buyer could reject), but on the audit trail as the file it is.
    assert "bids/ann.xlsx" not in tender.bids["source"].to_list()
    assert tender.suppliers.filter(supplier="ann").is_empty()
    assert problem.supplier is None
    listed = tender.inputs.filter(path="bids/ann.xlsx").select("kind").to_series().to_list()
    assert listed == ["misplaced"]


def test_a_bid_return_in_scores_is_one_error_saying_where_it_belongs(tender_dir):
    shutil.copy(tender_dir / "bids" / "acme.xlsx", tender_dir / "scores" / "acme.xlsx")
    tender = load(tender_dir)
    problem = only(tender, "file.wrong_folder")
    assert problem.where == "scores/acme.xlsx"
    assert problem.message.startswith(
        "this is a supplier's bid return (it has the Organisation and Prices sheets), not a "
        "score sheet"
    )
    assert problem.expected == "bid returns in bids/: move it there"
    assert [p for p in tender.problems if p.file == "scores/acme.xlsx"] == [problem]
    # The bid in bids/ is read as ever.
    assert set(tender.suppliers["supplier"]) == {"Acme Care Ltd", "Bright Futures CIC"}


def test_the_moderation_workbook_and_the_consolidated_form_in_bids(tender_dir):
    moderation_workbook(tender_dir / "bids" / "moderation.xlsx", [])
    matrix_workbook(
        tender_dir / "bids" / "evaluation.xlsx", {"Suppliers": [], "Prices": [], "Scores": []}
    )
    tender = load(tender_dir)
    wrong = {p.file: p for p in tender.problems if p.code == "file.wrong_folder"}
    assert wrong["bids/moderation.xlsx"].expected == (
        "the moderation workbook in scores/: move it there"
    )
    assert wrong["bids/evaluation.xlsx"].message.startswith(
        "this is the consolidated evaluation form (it has the Suppliers, Prices and Scores "
        "sheets), not a bid return"
    )
    assert wrong["bids/evaluation.xlsx"].expected == (
        "it at the top of the tender folder as evaluation.xlsx, in place of the bids/ and "
        "scores/ folders"
    )
    assert {p.file for p in tender.problems} == set(wrong)


def test_a_bid_return_with_a_sheet_of_its_own_called_scores_is_still_a_bid(tender_dir):
    from openpyxl import load_workbook

    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    book.create_sheet("Scores")["A1"] = "our own notes"
    book.save(path)
    tender = load(tender_dir)
    assert not [p for p in tender.problems if p.code == "file.wrong_folder"]
    assert "Acme Care Ltd" in tender.suppliers["supplier"].to_list()
