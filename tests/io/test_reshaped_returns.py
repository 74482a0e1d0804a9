"""Bid returns a supplier reshaped before sending them back: rows inserted, sorted or spaced
out, sheets copied, lines added. Each starts from the real template (``tendereval template
bid-return``) filled as a supplier would, then reshaped with openpyxl as Excel would save it.
What the officer sees in Excel is what is read, or a problem says why not."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

from tendereval import templates
from tendereval.io.tender import load_tender
from tendereval.plan import load_plan

from .builders import write_plan

# The template's Prices rows for the loader plan (tests/io/builders.py): L1 hours, L1 visits,
# L2 hours, L2 visits in rows 5 to 8; unit rate in G, yearly uplift in H.
RATES = {5: 21.5, 6: 30.0, 7: 22.0, 8: 31.0}


def _tender(tmp_path: Path) -> tuple[Path, Path]:
    """A tender folder with one bid return made from the template and filled in."""
    folder = tmp_path / "tender"
    write_plan(folder)
    plan, _ = load_plan(folder)
    (folder / "bids").mkdir()
    (folder / "scores").mkdir()
    path = templates.build_bid_return(plan, folder / "bids" / "dover.xlsx")
    book = openpyxl.load_workbook(path)
    answers = {
        "Legal name of the organisation": "Dover Carers Trust",
        "Registered address": "2 Bank Street, Dover",
        "Type of organisation": "charity",
        "Voluntary, community or social enterprise (VCSE)?": "yes",
        "Staff headcount": 8,
        "Annual turnover (£)": 310000,
        "Balance sheet total (£)": 120000,
    }
    for row in book["Organisation"].iter_rows(min_row=1, max_row=30, max_col=2):
        label = str(row[0].value or "").rstrip(" *")
        if label in answers:
            row[1].value = answers[label]
    prices = book["Prices"]
    assert [prices[f"C{r}"].value for r in RATES] == ["hours", "visits", "hours", "visits"]
    for row, rate in RATES.items():
        prices[f"G{row}"] = rate
    book.save(path)
    return folder, path


def _rates(tender) -> list[tuple[str, str, float]]:
    return (
        tender.prices.filter(pl.col("supplier") == "Dover Carers Trust")
        .select("lot", "item", "unit_rate")
        .rows()
    )


FILLED = [
    ("L1", "hours", 21.5),
    ("L1", "visits", 30.0),
    ("L2", "hours", 22.0),
    ("L2", "visits", 31.0),
]


def test_the_filled_template_reads_as_filled(tmp_path):
    folder, _ = _tender(tmp_path)
    tender = load_tender(folder)
    assert [str(p) for p in tender.problems] == []
    assert _rates(tender) == FILLED


def test_rows_below_a_run_of_blank_rows_are_still_read(tmp_path):
    """A supplier spaced the lots out with 25 blank rows: Excel shows lot L2 priced below the
    gap. It was read as not bid for, without a word (a run of 20 blank rows ended the table)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"].insert_rows(7, 25)
    book.save(path)
    tender = load_tender(folder)
    assert [str(p) for p in tender.problems] == []
    assert _rates(tender) == FILLED
    cells = tender.prices.filter(pl.col("lot") == "L2")["cell"].to_list()
    assert cells == ["Prices › G32", "Prices › G33"]


def test_rows_of_notes_beside_the_table_are_looked_at_only_as_far_as_the_table_may_go(tmp_path):
    """Reading on past blank rows is bounded: rows holding nothing in the table's columns
    count against the table's row limit (5,000 for a bid return), so a sheet of endless notes
    is refused at the row where the limit is passed, not read to its end."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    for row in range(9, 9 + 5_001):
        prices.cell(row, 11, "note")  # column K, beside the table
    book.save(path)
    tender = load_tender(folder)
    refused = [p for p in tender.problems if p.code == "table.too_many_rows"]
    assert [(p.where, p.supplier) for p in refused] == [
        ("bids/dover.xlsx › Prices › row 5009", "Dover Carers Trust")
    ]
    assert _rates(tender) == []


@pytest.mark.parametrize(
    ("cells", "at"),
    [
        # The label in the Item column, the Lot cell left blank: read as a rate with no lot,
        # which made the whole bid invalid.
        ({"C7": "Subtotal"}, "C7"),
        # The lot's id beside it: read as an item not in the plan, which made lot L1 invalid.
        ({"A7": "L1", "C7": "Total"}, "C7"),
        ({"A7": "L1", "D7": "Sub-total for North"}, "D7"),
        # In the Lot column, with more words: read as a lot not in the plan.
        ({"A7": "L1 subtotal"}, "A7"),
        ({"A7": "TOTAL (£):"}, "A7"),
    ],
)
def test_a_subtotal_line_the_supplier_inserted_is_a_warning_and_the_lots_stand(tmp_path, cells, at):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices.insert_rows(7)  # below L1's two rows
    for ref, value in cells.items():
        prices[ref] = value
    prices["G7"] = 51.5  # L1's rates added up
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("price.total_row", f"bids/dover.xlsx › Prices › {at}", False)
    ]
    assert _rates(tender) == FILLED
