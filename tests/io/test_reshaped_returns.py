"""Bid returns a supplier reshaped before sending them back: rows inserted, sorted or spaced
out, sheets copied, lines added. Each starts from the real template (``tendereval template
bid-return``) filled as a supplier would, then reshaped with openpyxl as Excel would save it.
What the officer sees in Excel is what is read, or a problem says why not."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from tendereval import templates
from tendereval.io.tender import load_tender
from tendereval.plan import load_plan

from .builders import write_plan

EXAMPLES = Path(__file__).parents[2] / "examples"
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
        # What each assessment summary gives of the supplier (reg 31(2)(b)-(c)).
        "Contact email": "bids@dovercarers.example",
        "Unique identifier (Find a Tender / Central Digital Platform)": "PTST-4321-BCDG",
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


@pytest.mark.parametrize("label", ["Total care package", "Total hours at weekends"])
def test_an_added_item_whose_name_begins_with_total_is_still_an_item_not_in_the_plan(
    tmp_path, label
):
    """Only a label the total word ends (or "for"/"of" follows) is a supplier's total line:
    an added priced item named "Total care package" makes lot L1 invalid, as any other added
    item does, rather than being set aside as a totals row with a warning."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices.insert_rows(7)
    prices["A7"], prices["C7"], prices["G7"] = "L1", label, 51.5
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("price.unknown_item", "bids/dover.xlsx › Prices › C7", True)
    ]


def _copy_prices(path: Path, title: str, rate: float | None) -> None:
    """Copy the Prices sheet as Excel's Move or Copy does, to a sheet ``title``, the copy's
    L1 hours rate (G5) then set to ``rate`` (None: left as copied)."""
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["Prices"])
    copy.title = title
    if rate is not None:
        copy["G5"] = rate
    book.save(path)


@pytest.mark.parametrize(
    "title", ["Prices (2)", "Prices - final", "Copy of Prices", "Revised", "Sheet1", "Final"]
)
def test_a_copied_prices_sheet_giving_other_rates_is_an_error_naming_both(tmp_path, title):
    """A supplier copied the Prices sheet and revised a rate on the copy: only 'Prices' was
    read, and the copy's rate (the one the supplier may mean) went without a word. A copy
    is known by its header row, the template's, whatever it is called: named 'Revised' or
    'Sheet1' it was passed over, though 'Prices (2)' was an error."""
    folder, path = _tender(tmp_path)
    _copy_prices(path, title, 19.75)
    tender = load_tender(folder)
    problems = [p for p in tender.problems if p.code == "sheet.copy_differs"]
    assert len(problems) == 1, tender.problems
    problem = problems[0]
    assert problem.is_error and problem.supplier == "Dover Carers Trust"
    assert problem.where == f"bids/dover.xlsx › {title} › G5"
    assert "19.75" in problem.found and "21.5" in problem.found
    # Until the officer knows which sheet is meant, the bid is not scored on either.
    assert problem.lot is None


@pytest.mark.parametrize("title", ["Prices (2)", "Sheet1"])
def test_a_copy_of_the_prices_sheet_with_the_same_rates_is_a_warning(tmp_path, title):
    folder, path = _tender(tmp_path)
    _copy_prices(path, title, None)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("sheet.copy", f"bids/dover.xlsx › {title}", False)
    ]
    assert _rates(tender) == FILLED


def test_a_sheet_of_another_kind_with_a_like_name_is_left_alone(tmp_path):
    """'Prices notes' holding text, no price table: not a copy of anything; nor is a sheet
    of the supplier's own working whose header row names only some of the table's columns."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("Prices notes")["A1"] = "Rates held for the first year"
    working = book.create_sheet("Costing")
    working.append(["Item", "Unit rate (£)", "Staff cost (£)"])
    working.append(["hours", 21.5, 17.25])
    book.save(path)
    tender = load_tender(folder)
    assert [str(p) for p in tender.problems] == []


@pytest.mark.parametrize("header", ["Unit rate (£) weekend", "Rate from April 2027 (£)"])
def test_figures_in_a_column_the_supplier_added_are_pointed_out(tmp_path, header):
    """A supplier added a column of weekend rates, or of next year's rates, beside the table:
    its header names no column of the template, so it was not read, without a word."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices["J4"] = header
    prices["J5"], prices["J6"] = 28.0, 35.5
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("table.unknown_column", "bids/dover.xlsx › Prices › J5", False)
    ]
    problem = tender.problems[0]
    assert header in problem.message and "2 rows" in problem.message
    assert problem.found == "28 in J5; 35.5 in J6"
    assert _rates(tender) == FILLED  # the template's rates are read as before


def test_a_column_the_supplier_added_and_left_empty_is_no_problem(tmp_path):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["J4"] = "Our reference"
    book.save(path)
    assert [str(p) for p in load_tender(folder).problems] == []


def _sort_with_the_header(path: Path, column: int) -> None:
    """Sort rows 4 to 8 (the header and the four price rows) on ``column`` as Excel does when
    'My data has headers' is unticked: numbers first, then text, ignoring case."""
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    rows = [[cell.value for cell in row] for row in prices.iter_rows(min_row=4, max_row=8)]
    rows.sort(
        key=lambda r: (1, str(r[column]).lower()) if isinstance(r[column], str) else (0, r[column])
    )
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            prices.cell(4 + offset, col, value)
    book.save(path)


def test_a_table_sorted_with_its_header_says_so_not_that_no_rates_were_given(tmp_path):
    """Sorted on the unit rate, the header (text) goes below the four rates (numbers): every
    rate was above the header and not read, and the officer was told 'no unit rates were
    filled in for any lot' of a sheet showing four."""
    folder, path = _tender(tmp_path)
    _sort_with_the_header(path, 6)  # G: unit rate
    tender = load_tender(folder)
    # (and two warnings that nobody bid for lots L1 and L2: this is the only bid)
    assert [(p.code, p.where, p.is_error) for p in tender.problems if p.file] == [
        ("table.rows_above_header", "bids/dover.xlsx › Prices › row 4", True)
    ]
    problem = tender.problems[0]
    assert "rows 4 to 7" in problem.message and "row 8" in problem.message
    assert problem.supplier == "Dover Carers Trust"
    assert "21.5" in problem.found


def test_a_row_sorted_above_the_header_is_named_not_called_missing(tmp_path):
    """Sorted on the item, one row ('hours' < 'Item' < 'visits') lands above the header."""
    folder, path = _tender(tmp_path)
    _sort_with_the_header(path, 2)  # C: item
    tender = load_tender(folder)
    codes = [(p.code, p.where) for p in tender.problems if p.is_error]
    assert ("table.rows_above_header", "bids/dover.xlsx › Prices › row 4") in codes


def test_the_header_row_repeated_between_the_lots_is_a_warning(tmp_path):
    """A supplier pasted the header row again above lot L2's rows: it was 'prices for a lot
    that is not in the plan (found Lot)', an error (exit 1) over a harmless line."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices.insert_rows(7)
    for col in range(1, 9):
        prices.cell(7, col, prices.cell(4, col).value)
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("price.header_row", "bids/dover.xlsx › Prices › A7", False)
    ]
    assert _rates(tender) == FILLED


@pytest.mark.parametrize("how", ["hidden", "filtered"])
def test_rates_in_rows_excel_does_not_show_are_read_with_a_warning(tmp_path, how):
    """Rows the supplier hid, or filtered out with an AutoFilter, are not shown when the
    officer opens the file, yet their rates were read and counted without a word: lot L2's
    rates made the supplier an L2 bidder that Excel showed no price for. They are still read
    (they are the bid), with a warning naming the rows (table.hidden_rows)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    if how == "filtered":
        prices.auto_filter.ref = "A4:H8"
        prices.auto_filter.add_filter_column(0, ["L1"])
    for row in (7, 8):
        prices.row_dimensions[row].hidden = True
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("table.hidden_rows", "bids/dover.xlsx › Prices › row 7", False)
    ]
    assert "rows 7, 8 of the table are hidden in Excel" in tender.problems[0].message
    assert _rates(tender) == FILLED


def test_hidden_rows_holding_nothing_the_table_reads_are_no_problem(tmp_path):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices["J20"] = "our working"
    prices.row_dimensions[20].hidden = True
    prices.row_dimensions[30].hidden = True
    book.save(path)
    tender = load_tender(folder)
    assert [p.code for p in tender.problems if p.code == "table.hidden_rows"] == []
    assert _rates(tender) == FILLED


def test_a_sheet_that_is_not_well_formed_xml_is_explained_without_python_names(tmp_path):
    """A Prices sheet cut short mid-tag: the problem quoted ElementTree's class name
    ("ParseError: unclosed token: line 2, column 310"); it now says what that means."""
    import zipfile

    folder, path = _tender(tmp_path)
    part = f"xl/worksheets/sheet{openpyxl.load_workbook(path).sheetnames.index('Prices') + 1}.xml"
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    parts[part] = parts[part].replace(b"</sheetData>", b'<row r="99"><c r="A99"</sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)
    tender = load_tender(folder)
    damaged = [p for p in tender.problems if p.code == "sheet.unreadable"]
    assert damaged and damaged[0].found.startswith("XML that is not well formed (")
    assert "ParseError" not in damaged[0].found


@pytest.mark.parametrize("header", ["Yearly uplift", "Uplift %", "Annual uplift (%)"])
def test_the_uplift_header_retyped_is_still_the_uplift_column(tmp_path, header):
    """'Yearly uplift (%)' retyped 'Yearly uplift': the uplifts under it were 'not a column of
    the template', a warning, and the bid was evaluated as if it offered none (cheaper)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices["H4"] = header
    prices["H5"], prices["H6"] = 0.025, 0.03
    book.save(path)
    tender = load_tender(folder)
    assert [str(p) for p in tender.problems] == []
    uplifts = tender.prices.filter(pl.col("lot") == "L1").select("item", "uplift").rows()
    assert uplifts == [("hours", 0.025), ("visits", 0.03)]


def test_figures_under_an_unknown_header_in_place_of_the_uplift_column_are_an_error(tmp_path):
    """The uplift header replaced by another ('Inflation'): the figures below may be the
    uplifts, so leaving them unread would price the bid lower than offered. As with the
    header deleted (table.unheaded_column), an error naming the missing column."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices["H4"] = "Inflation"
    prices["H5"], prices["H6"], prices["H7"] = 0.025, 0.025, 0.025
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("table.unknown_column", "bids/dover.xlsx › Prices › H5", True)
    ]
    problem = tender.problems[0]
    assert "'Inflation'" in problem.message and "3 rows" in problem.message
    assert "the table has no column 'Yearly uplift (%)'" in problem.expected
    assert problem.found == "0.025 in H5; 0.025 in H6; 0.025 in H7"


# A row of each optional sheet as a supplier fills it in (columns A onwards of row 5).
_ROWS = {
    "Social value": [None, "SV-APP", 52, "Two apprentices a year"],
    "Supply chain": [
        "Kent Minibus Ltd",
        "subcontractor",
        "09876543",
        12,
        400000,
        "yes",
        "no",
        0.15,
    ],
    "Packages": ["Both lots", "L1;L2", 1_900_000],
}


def _fill(book: openpyxl.Workbook, sheet: str) -> None:
    for col, value in enumerate(_ROWS[sheet], start=1):
        book[sheet].cell(row=5, column=col, value=value)


@pytest.mark.parametrize(
    ("sheet", "renamed", "how"),
    [
        ("Social value", "Social value commitments", "name"),
        ("Social value", "Social value (2)", "name"),  # the copy left, the original deleted
        ("Social value", "SV", "header row"),
        ("Supply chain", "Subcontractors", "header row"),
        ("Packages", "Package offers", "header row"),
    ],
)
def test_a_sheet_the_plan_needs_filled_in_under_another_name_is_an_error(
    tmp_path, sheet, renamed, how
):
    """'Social value' renamed 'Social value commitments': its commitments were not read, with
    no problem at all (SV2 scored 0, the social value score 8.00 for 15.03). The sheet is named
    by its name or its header row, and only the supplier can say it is theirs."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    _fill(book, sheet)
    book[sheet].title = renamed
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("sheet.renamed", f"bids/dover.xlsx › {renamed} › A5", True)
    ]
    problem = tender.problems[0]
    assert f"no '{sheet}' sheet" in problem.message and f"(by its {how})" in problem.message
    assert "1 row of" in problem.message and problem.found == f"1 row from A5 on '{renamed}'"
    assert f"rename it '{sheet}'" in problem.expected
    assert problem.supplier == "Dover Carers Trust"


@pytest.mark.parametrize("sheet", ["Social value", "Supply chain", "Packages"])
def test_a_sheet_the_plan_needs_deleted_is_a_warning(tmp_path, sheet):
    """A supplier with no commitments (subcontractors, package offers) who deleted the sheet
    gives what an empty sheet gives, but the template asks that no sheet be deleted: said."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    del book[sheet]
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("sheet.left_out", "bids/dover.xlsx", False)
    ]
    assert f"no '{sheet}' sheet, so the bid is read as giving no" in tender.problems[0].message
    assert _rates(tender) == FILLED  # the bid is evaluated


def test_a_sheet_renamed_and_left_empty_is_a_warning_naming_it(tmp_path):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Social value"].title = "SV"
    book.save(path)
    tender = load_tender(folder)
    assert [(p.code, p.is_error) for p in tender.problems] == [("sheet.left_out", False)]
    assert "the sheet 'SV' looks like it but holds none" in tender.problems[0].message


def test_a_sheet_the_plan_does_not_need_is_not_asked_for(tmp_path):
    """The carers example is one lot: its bid returns, made from its template, have no
    Packages sheet, and none is asked for."""
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    shutil.rmtree(folder / "reports", ignore_errors=True)
    bids = sorted((folder / "bids").glob("*.xlsx"))
    assert bids and all("Packages" not in openpyxl.load_workbook(b).sheetnames for b in bids)
    tender = load_tender(folder)
    assert not [p for p in tender.problems if p.code.startswith("sheet.")]
