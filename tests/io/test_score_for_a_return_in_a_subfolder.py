"""A score for a supplier whose bid return was filed in a folder inside bids/ (bids/late/):
the error says where its return is (io/tender.py ``_not_read``), as it does for a bid sent as
a PDF.

Before, each of its scores said only "a score for a supplier that did not submit a bid", which
is false: it did, and the folder's own error lists the file.
"""

from __future__ import annotations

import shutil

from .conftest import load


def test_a_score_for_a_supplier_whose_return_is_in_a_subfolder_names_the_file(tender_dir):
    (tender_dir / "bids" / "late").mkdir()
    shutil.move(
        tender_dir / "bids" / "acme.xlsx", tender_dir / "bids" / "late" / "acme-care-ltd.xlsx"
    )
    tender = load(tender_dir)
    unknown = [p for p in tender.problems if p.code == "score.unknown_supplier"]
    assert len(unknown) == 6  # 2 lots × 3 questions
    assert {p.message for p in unknown} == {
        "a score for a supplier that did not submit a bid "
        "(bids/late/acme-care-ltd.xlsx was not read: in a folder inside bids/)"
    }
    assert [p.file for p in tender.problems if p.code == "file.subfolder"] == ["bids/late/"]


def test_a_workbook_in_a_subfolder_whose_name_is_no_suppliers_changes_nothing(tender_dir):
    (tender_dir / "bids" / "late").mkdir()
    shutil.copy(tender_dir / "bids" / "acme.xlsx", tender_dir / "bids" / "late" / "notes.xlsx")
    tender = load(tender_dir)
    assert not [p for p in tender.problems if p.code == "score.unknown_supplier"]
