"""A cell blank in the file under a merge whose top-left cell holds a value: Excel shows that
value on it, the file holds nothing. Where a blank has a meaning of its own (every lot, no
uplift, no rate), reading it so gives what the supplier did not write; it is an error,
``cell.merged_blank``, at the cell (io/checking.Checker.left_blank). One hand-built bid return
per table, each merged as Excel merges (openpyxl, like Excel, clears all but the top-left
cell), and scored where a number changes.

The loader plan (tests/io/builders.py): L1 1,000 hours and 0 visits a year, L2 500 hours and
20 visits, over 2 years; price 40 points, social value 20 (SV1 10, commitments SV2 10)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tendereval.allocation.from_tender import offers_from_scores
from tendereval.io.tender import load_tender
from tendereval.scoring.combine import score

from .builders import bid_workbook, good_tender, matrix_workbook, write_plan
from .test_matrix import DECLARATIONS, PRICES, SCORES, SUPPLIERS

BRIGHT = {"legal_name": "Bright Futures CIC", "organisation": {"org_type": "CIC", "vcse": "yes"}}


def _bright(tmp_path: Path, merge: tuple[str, str], **kw) -> Path:
    """The clean tender (Acme and Bright bidding both lots at £20 an hour and £35 a visit)
    with Bright's return made again with ``kw`` and ``merge`` = (sheet, range) merged."""
    folder = good_tender(tmp_path / "tender")
    path = bid_workbook(
        folder / "bids" / "bright.xlsx",
        BRIGHT["legal_name"],
        organisation=BRIGHT["organisation"],
        **kw,
    )
    book = openpyxl.load_workbook(path)
    book[merge[0]].merge_cells(merge[1])
    book.save(path)
    return folder


def _problems(tender) -> list[tuple[str, str, str | None, str | None, bool]]:
    return [(p.code, p.where, p.supplier, p.lot, p.is_error) for p in tender.problems]


def _status(result, supplier: str = "Bright Futures CIC") -> list[tuple[str, str]]:
    rows = result.results.filter(supplier=supplier).sort("lot")
    return rows.select("lot", "status").rows()


def test_a_commitment_lot_merged_over_the_row_below_is_not_every_lot(tmp_path):
    """A5:A6 merged, L1 in A5: Excel shows L1 on both commitments. A6 read as blank made
    the 100 training hours (SV-TRAIN, £18 an hour: £1,800) a commitment for every lot, so
    Bright's social value was £1,800 in L2 as well as 52 apprenticeship weeks × £240 +
    £1,800 = £14,280 in L1, and its social value score 16.00 in both lots against Acme's 6.00
    (SV1 scores of 3/5 give 6.00 each; SV2's 10 points go to the best value, and Acme offers
    none). Whose lot it counts in is not in the file: an error in every lot bid for, as for a
    commitment naming a lot not in the plan."""
    folder = _bright(
        tmp_path,
        ("Social value", "A5:A6"),
        commitments=[
            {"lot": "L1", "measure": "SV-APP", "units": 52},
            {"lot": "L1", "measure": "SV-TRAIN", "units": 100},
        ],
    )
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.merged_blank", "bids/bright.xlsx › Social value › A6", "Bright Futures CIC", None,
         True)
    ]  # fmt: skip
    [merged] = tender.problems
    assert merged.found == "a blank cell, merged into A5 (A5:A6), showing 'L1'"
    assert merged.message == (
        "lot of the commitment: the cell is blank in the file but shows 'L1' in Excel: A6 is "
        "merged into A5 (A5:A6), so Excel shows A5's value over it, but the file holds nothing "
        "in A6"
    )
    assert merged.expected.startswith(
        "the lot of the commitment for this row in its own cell: the file holds 'L1' in A5 alone"
    )
    assert tender.commitments.select("lot", "measure", "units").rows() == [("L1", "SV-APP", 52.0)]
    result = score(tender, sensitivity=False)
    assert _status(result) == [("L1", "invalid"), ("L2", "invalid")]
    acme = result.results.filter(supplier="Acme Care Ltd").sort("lot")
    assert acme.select("lot", "status", "social_value_score").rows() == [
        ("L1", "ranked", 6.0),
        ("L2", "ranked", 6.0),
    ]


def test_a_subcontractors_lots_merged_over_the_row_below_count_in_no_lot(tmp_path):
    """I5:I6 merged, L1 in I5: Excel shows L1 as the lot of both organisations. I6 read as
    blank ('blank = all') put Dover Day Care's 30% (an SME and a VCSE) in L2 as well, so the
    allocation counted Bright's L2 offer 30% SME and 30% VCSE subcontracted, and L1's 20% +
    30% = 50% SME. Which lots the 30% is in is not in the file: an error on the supply chain
    (reported, as its other errors are, not making the bid invalid), and the 30% counts in
    no lot: L1 20% SME (Kent Helpers alone), 0% VCSE; L2 none."""
    folder = _bright(
        tmp_path,
        ("Supply chain", "I5:I6"),
        supply_chain=[
            {"name": "Kent Helpers", "role": "subcontractor", "sme": "yes", "vcse": "no",
             "share": "20%", "lots": "L1"},
            {"name": "Dover Day Care", "role": "subcontractor", "sme": "yes", "vcse": "yes",
             "share": "30%", "lots": "L1"},
        ],
    )  # fmt: skip
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.merged_blank", "bids/bright.xlsx › Supply chain › I6", None, None, True)
    ]
    assert tender.supply_chain.select("name", "share", "lots").rows() == [
        ("Kent Helpers", 0.2, ["L1"]),
        ("Dover Day Care", None, []),
    ]
    offers = offers_from_scores(score(tender, sensitivity=False))
    bright = offers.filter(supplier="Bright Futures CIC").sort("offer_id")
    assert bright.select("offer_id", "sme_subcontract_share", "vcse_subcontract_share").rows() == [
        ("Bright Futures CIC / L1", 0.2, 0.0),
        ("Bright Futures CIC / L2", 0.0, 0.0),
    ]


def test_a_rate_for_an_item_of_no_volume_merged_with_the_rate_above_is_a_warning(tmp_path):
    """G5:G6 merged: Excel shows £20 an hour as L1's rate for visits too (volume 0 in L1).
    Read as blank, a rate not asked for: no problem. The rate the contract would pay for a
    visit in L1 is not in the file, though the supplier sees one offered: a warning says so,
    and L1 is priced as before, 1,000 hours × £20 × 2 years = £40,000 as Acme's (a rate left
    blank for an item of no volume is no problem, so one shown by a merge cannot make the
    tender invalid); L2 is untouched."""
    folder = _bright(tmp_path, ("Prices", "G5:G6"))
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.merged_blank", "bids/bright.xlsx › Prices › G6", "Bright Futures CIC", "L1", False)
    ]
    assert tender.problems[0].found == "a blank cell, merged into G5 (G5:G6), showing '20'"
    result = score(tender, sensitivity=False)
    assert _status(result) == [("L1", "ranked"), ("L2", "ranked")]
    l1 = result.results.filter(supplier="Bright Futures CIC", lot="L1")
    assert l1.get_column("evaluated_price").to_list() == [40_000.0]
    # L2: 500 hours × £20 × 2 + 20 visits × £35 × 2 = £20,000 + £1,400 = £21,400, as Acme's.
    l2 = result.results.filter(supplier="Bright Futures CIC", lot="L2")
    assert l2.select("evaluated_price", "price_score").rows() == [(21_400.0, 40.0)]


def test_an_item_merged_with_the_item_above_is_named_so(tmp_path):
    """C7:C8 merged: Excel shows 'hours' on L2's visits row, which still holds £35. It was
    'a price item that is not in the plan', found '' — at a cell showing an item. Now the
    error says what Excel shows and that the file holds nothing there; L2 is invalid as
    before (its visits rate has no item)."""
    folder = _bright(tmp_path, ("Prices", "C7:C8"))
    tender = load_tender(folder)
    assert [(code, where, lot) for code, where, _, lot, _ in _problems(tender)] == [
        ("cell.merged_blank", "bids/bright.xlsx › Prices › C8", "L2"),
        ("price.missing_item", "bids/bright.xlsx › Prices", "L2"),
    ]
    assert tender.problems[0].found == "a blank cell, merged into C7 (C7:C8), showing 'hours'"
    assert _status(score(tender, sensitivity=False)) == [("L1", "ranked"), ("L2", "invalid")]


def test_a_packages_lots_merged_with_the_package_above_are_named_so(tmp_path):
    """B5:B6 merged: Excel shows 'L1; L2' as the lots of both packages. The second was 'a
    package must combine at least two lots', found 'no lots'. Now the error says the lots
    shown are not in the file; the package is left out as before, the first kept."""
    folder = _bright(
        tmp_path,
        ("Packages", "B5:B6"),
        packages=[
            {"package": "Both", "lots": "L1; L2", "price": 60000},
            {"package": "Both, weekdays", "lots": "L1; L2", "price": 58000},
        ],
    )
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.merged_blank", "bids/bright.xlsx › Packages › B6", "Bright Futures CIC",
         "Both, weekdays", True)
    ]  # fmt: skip
    assert tender.problems[0].found == "a blank cell, merged into B5 (B5:B6), showing 'L1; L2'"
    assert tender.packages.select("package", "lots", "price").rows() == [
        ("Both", ["L1", "L2"], 60000.0)
    ]


def test_an_uplift_merged_in_the_consolidated_workbook_is_not_none(tmp_path):
    """evaluation.xlsx's Prices sheet: E3:E4 merged, 3% in E3, so Excel shows 3% as Acme's
    L2 uplift for hours and visits. The consolidated form dropped what the sheet merges, so
    E4 read as no uplift: L2 priced 500 × £21 × (1 + 1.03) + 20 × £35 × 2 = £21,315 + £1,400
    = £22,715. Its uplift for visits is not in the file: an error in L2, as in a bid return."""
    write_plan(tmp_path)
    prices = [dict(row) for row in PRICES]
    prices[1]["uplift"] = "3%"
    matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {"Suppliers": SUPPLIERS, "Prices": prices, "Scores": SCORES, "Declarations": DECLARATIONS},
    )
    book = openpyxl.load_workbook(tmp_path / "evaluation.xlsx")
    book["Prices"].merge_cells("E3:E4")
    book.save(tmp_path / "evaluation.xlsx")
    tender = load_tender(tmp_path)
    assert _problems(tender) == [
        ("cell.merged_blank", "evaluation.xlsx › Prices › E4", "Acme Care Ltd", "L2", True)
    ]
    result = score(tender, sensitivity=False)
    assert _status(result, "Acme Care Ltd") == [("L1", "ranked"), ("L2", "invalid")]


@pytest.mark.parametrize(
    ("sheet", "merge", "cells"),
    [
        # The organisation's trading name under its legal name: reported, never scored, and
        # what Excel shows over it is another question's answer.
        ("Organisation", "B4:B5", {}),
        # A subcontractor's staff under the row above's: reported, never counted.
        ("Supply chain", "D5:D6", {"Supply chain!D5": 12}),
        # A volume under the volume above: the plan's volume is always used.
        ("Prices", "F7:F8", {}),
        # A rate merged across the uplift beside it: the uplift column shows no uplift.
        ("Prices", "G5:H5", {}),
        # An uplift under a merge whose top-left cell is blank: Excel shows nothing there.
        ("Prices", "H5:H6", {}),
    ],
)
def test_a_merge_over_a_blank_that_changes_nothing_is_no_problem(tmp_path, sheet, merge, cells):
    chain = [
        {"name": n, "role": "subcontractor", "sme": "yes", "vcse": "no", "share": "10%"}
        for n in ("Kent Helpers", "Dover Day Care")
    ]
    folder = _bright(tmp_path, (sheet, merge), supply_chain=chain, cells=cells)
    tender = load_tender(folder)
    assert _problems(tender) == []
    assert _status(score(tender, sensitivity=False)) == [("L1", "ranked"), ("L2", "ranked")]


def test_a_subcontractor_in_a_lot_not_in_the_plan_counts_in_no_lot(tmp_path):
    """Found beside the merged blanks: Lots "L9" (no such lot) was reported, and the entry
    then read as naming no lots, that is every lot: Dover Day Care's 30% (an SME and a VCSE)
    counted in L1 and L2 both. Which lots it works in is not known, as for a merged blank:
    its share counts in none until put right. Kent Helpers' 20% in L1 stands."""
    folder = _bright(
        tmp_path,
        ("Prices", "Z1:Z2"),  # (a merge nothing reads)
        supply_chain=[
            {"name": "Kent Helpers", "role": "subcontractor", "sme": "yes", "vcse": "no",
             "share": "20%", "lots": "L1"},
            {"name": "Dover Day Care", "role": "subcontractor", "sme": "yes", "vcse": "yes",
             "share": "30%", "lots": "L9"},
        ],
    )  # fmt: skip
    tender = load_tender(folder)
    assert [p.code for p in tender.problems if p.is_error] == ["lot.unknown"]
    assert tender.supply_chain.select("name", "share", "lots").rows() == [
        ("Kent Helpers", 0.2, ["L1"]),
        ("Dover Day Care", None, []),
    ]
    offers = offers_from_scores(score(tender, sensitivity=False))
    bright = offers.filter(supplier="Bright Futures CIC").sort("offer_id")
    assert bright.select("offer_id", "sme_subcontract_share", "vcse_subcontract_share").rows() == [
        ("Bright Futures CIC / L1", 0.2, 0.0),
        ("Bright Futures CIC / L2", 0.0, 0.0),
    ]


def test_a_commitment_lot_holding_a_formula_with_no_saved_result_is_not_every_lot(tmp_path):
    """Found beside the merged blanks: A6 holding ="L1" in a file written by a program that
    does not calculate (no saved result) read as blank, so the 100 training hours counted in
    every lot, as the merged A6 did. The lot is not in the file: the formula's error, in every
    lot bid for, as for the merge."""
    folder = _bright(
        tmp_path,
        ("Prices", "Z1:Z2"),  # (a merge nothing reads)
        commitments=[
            {"lot": "L1", "measure": "SV-APP", "units": 52},
            {"lot": "L1", "measure": "SV-TRAIN", "units": 100},
        ],
    )
    path = folder / "bids" / "bright.xlsx"
    book = openpyxl.load_workbook(path)
    assert book["Social value"]["A6"].value == "L1"
    book["Social value"]["A6"] = '="L1"'  # openpyxl, like such programs, saves no result
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.formula_unsaved", "bids/bright.xlsx › Social value › A6", "Bright Futures CIC",
         None, True)
    ]  # fmt: skip
    assert tender.commitments.select("lot", "measure", "units").rows() == [("L1", "SV-APP", 52.0)]
    assert _status(score(tender, sensitivity=False)) == [("L1", "invalid"), ("L2", "invalid")]
