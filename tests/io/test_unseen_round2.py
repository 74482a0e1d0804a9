"""What a bid return hides from the officer who opens it in Excel, round 2: rows drawn with no
height, figures a number format shows nothing of, and copies of the Organisation and Supply
chain sheets. Each starts from the real template filled in (see test_reshaped_returns.py),
then changed in the file's XML as Excel would save it."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io import xlsx
from tendereval.io.numformat import displayed, hides_some, shows_nothing
from tendereval.io.tender import load_tender

from .test_reshaped_returns import FILLED, _rates, _tender

PRICES = "xl/worksheets/sheet4.xml"  # the template's Prices sheet


def _problems(tender) -> list[tuple[str, str, bool]]:
    return [(p.code, p.where, p.is_error) for p in tender.problems]


def _rewrite(path, part: str, change) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    changed = change(parts[part])
    assert changed != parts[part]  # the change found what it changes
    parts[part] = changed
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _reading(monkeypatch, path_taken: str) -> None:
    if path_taken == "elementtree":
        monkeypatch.setattr(xlsx, "SCAN", False)
    elif path_taken == "streamed":
        monkeypatch.setattr(xlsx, "WHOLE_PART_BYTES", 0)


# ---- Rows drawn with no height ------------------------------------------------------------------

READING_PATHS = ["grammar", "elementtree", "streamed"]


@pytest.mark.parametrize("path_taken", READING_PATHS)
@pytest.mark.parametrize("height", ["0", "0.0", "1.5"])
def test_rates_in_rows_excel_draws_with_no_height_are_read_with_a_warning(
    tmp_path, monkeypatch, path_taken, height
):
    """Rows 7 and 8 (lot L2) given no height (ht="0", not hidden="1"): Excel draws them as
    if hidden and the officer sees no L2 price, yet L2's rates were read and counted without
    a word. The same warning as for hidden rows (table.hidden_rows), naming them; a row too
    low to show anything (1.5 points) is as hidden."""
    _reading(monkeypatch, path_taken)
    folder, path = _tender(tmp_path)
    _rewrite(
        path,
        PRICES,
        lambda xml: re.sub(
            rb'<row r="([78])">', rb'<row r="\1" ht="%s" customHeight="1">' % height.encode(), xml
        ),
    )
    for _ in range(2):  # and again, read from the digest caches
        tender = load_tender(folder)
        assert _problems(tender) == [
            ("table.hidden_rows", "bids/dover.xlsx › Prices › row 7", False)
        ]
        assert "rows 7, 8 of the table are hidden in Excel" in tender.problems[0].message
        assert "no height" in tender.problems[0].message
        assert _rates(tender) == FILLED


@pytest.mark.parametrize("path_taken", READING_PATHS)
def test_rows_a_sheet_hides_by_default_are_read_with_a_warning(tmp_path, monkeypatch, path_taken):
    """<sheetFormatPr zeroHeight="1"/>: every row not given a height of its own is drawn with
    none. Rows 1 to 6 are given one, so rows 7 and 8 (lot L2) are what Excel hides."""
    _reading(monkeypatch, path_taken)
    folder, path = _tender(tmp_path)

    def hide_by_default(xml: bytes) -> bytes:
        xml = xml.replace(b'defaultRowHeight="15" />', b'defaultRowHeight="15" zeroHeight="1" />')
        return re.sub(rb'<row r="([1-35-6])">', rb'<row r="\1" ht="15" customHeight="1">', xml)

    _rewrite(path, PRICES, hide_by_default)
    tender = load_tender(folder)
    assert _problems(tender) == [("table.hidden_rows", "bids/dover.xlsx › Prices › row 7", False)]
    assert "rows 7, 8 of the table are hidden in Excel" in tender.problems[0].message
    assert _rates(tender) == FILLED


@pytest.mark.parametrize("height", ["3", "15", "30", "409.5", "", "tall"])
def test_rows_of_a_height_excel_shows_are_no_problem(tmp_path, height):
    """Rows given a height that shows them (a low 3 points upwards), or one Excel would not
    read (empty, not a number: Excel refuses the file, other programs draw the row), are not
    said to be hidden."""
    folder, path = _tender(tmp_path)
    _rewrite(
        path,
        PRICES,
        lambda xml: xml.replace(b'<row r="7">', b'<row r="7" ht="%s">' % height.encode()),
    )
    tender = load_tender(folder)
    assert _problems(tender) == []
    assert _rates(tender) == FILLED


# ---- Figures a number format shows nothing of ---------------------------------------------------


def _formatted(path, cells: dict[str, str], sheet: str = "Prices") -> None:
    book = openpyxl.load_workbook(path)
    for ref, code in cells.items():
        book[sheet][ref].number_format = code
    book.save(path)


@pytest.mark.parametrize("code", [";;;", '"";"";""', "[Red];;", '0.00;"";""', "0.00;;;"])
def test_a_rate_whose_number_format_shows_nothing_is_read_with_a_warning(tmp_path, code):
    """G8 (L2 visits, 31) formatted so that Excel shows nothing for a positive number: the
    officer sees a blank rate and the bid is scored on 31. A warning at the cell quoting the
    format (cell.shows_nothing); the rate is still read (it is the bid). A format showing
    the positive figure ('0.00;"";""' hides only negatives and zeros) is no problem."""
    folder, path = _tender(tmp_path)
    _formatted(path, {"G8": code})
    tender = load_tender(folder)
    if code.startswith("0.00"):
        assert _problems(tender) == []
    else:
        assert _problems(tender) == [("cell.shows_nothing", "bids/dover.xlsx › Prices › G8", False)]
        [problem] = tender.problems
        assert problem.message.startswith(
            f"G8 shows nothing in Excel: its number format is '{code}'"
        )
        assert "31" in problem.found
    assert _rates(tender) == FILLED


def test_a_zero_or_negative_hidden_by_its_section_is_said_so(tmp_path):
    """Which section applies goes by the value's sign: '0.00;;' shows 21.50 but nothing for
    -5 (H5's uplift) or 0 (H6's)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices["H5"], prices["H6"], prices["H7"] = -0.05, 0, 0.02
    for ref in ("G5", "H5", "H6", "H7"):
        prices[ref].number_format = "0.00;;"
    book.save(path)
    tender = load_tender(folder)
    hidden = [p.where for p in tender.problems if p.code == "cell.shows_nothing"]
    assert hidden == ["bids/dover.xlsx › Prices › H5", "bids/dover.xlsx › Prices › H6"]


def test_an_answer_whose_number_format_shows_nothing_is_read_with_a_warning(tmp_path):
    """The Organisation form's answers: the staff headcount (a number) and the legal name
    (text: ';;;' hides text too, as its fourth section is empty)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    form = book["Organisation"]
    refs = [
        f"B{row[0].row}"
        for row in form.iter_rows(min_col=1, max_col=1)
        if row[0].value in ("Legal name of the organisation *", "Staff headcount *")
    ]
    assert refs == ["B4", "B11"]
    for ref in refs:
        form[ref].number_format = ";;;"
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.shows_nothing", f"bids/dover.xlsx › Organisation › {ref}", False) for ref in refs
    ]
    assert tender.bids.filter(pl.col("supplier") == "Dover Carers Trust")["lot"].to_list() == [
        "L1",
        "L2",
    ]
    assert _rates(tender) == FILLED


def test_cells_hidden_by_their_format_are_counted_past_twenty(tmp_path):
    """The whole table formatted ';;;', uplifts filled in: its 24 filled cells that are read
    (A, C, D, F, G and H of rows 5 to 8; the Lot name and Unit columns are only shown) make
    20 warnings quoting a cell each and one counting 4 more."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    for row in (5, 6, 7, 8):
        prices[f"H{row}"] = 0.03
        for col in "ABCDEFGH":
            prices[f"{col}{row}"].number_format = ";;;"
    book.save(path)
    tender = load_tender(folder)
    found = [p for p in tender.problems if p.code == "cell.shows_nothing"]
    assert len(found) == 21
    assert found[-1].message.startswith("4 more cells read on this sheet show nothing in Excel")


_FORMAT_TOKENS = ["0", "#", ".", ",", "%", '"£"', '""', '" "', "\\x", "_)", "* ", "*-", "[Red]"]
_FORMAT_TOKENS += ["[$£-809]", "-", " ", "@", ";", ";", ";"]


@settings(max_examples=50, deadline=None)
@given(
    code=st.lists(st.sampled_from(_FORMAT_TOKENS), max_size=8).map("".join),
    value=st.one_of(st.floats(-1e6, 1e6), st.integers(-10, 10), st.sampled_from(["text", "x"])),
)
def test_what_a_format_shows_nothing_of_is_what_it_draws_nothing_for(code, value):
    """The workbook looks at cells one by one only under a format that hides_some(); every
    cell said to show nothing is under one; and a number said to show nothing is drawn as
    nothing (no character but spaces) by displayed(), which quotes what a cell shows."""
    code = code or "General"
    if shows_nothing(value, code):
        assert hides_some(code)
        if not isinstance(value, str):
            assert displayed(value, code).strip() == ""


# ---- Copies of the Organisation and Supply chain sheets -----------------------------------------


def _copied(path, sheet: str, changes: dict[str, object]) -> None:
    """A copy of ``sheet`` placed after it ('Organisation (2)'), as Excel's Move or Copy
    names it, with ``changes`` typed on the copy."""
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book[sheet])
    copy.title = f"{sheet} (2)"
    for ref, value in changes.items():
        copy[ref] = value
    book.save(path)


def _row_of(path, sheet: str, label: str) -> int:
    book = openpyxl.load_workbook(path)
    return next(
        row[0].row
        for row in book[sheet].iter_rows(min_col=1, max_col=1)
        if row[0].value in (label, f"{label} *")
    )


def test_an_identical_copy_of_the_organisation_sheet_is_a_warning(tmp_path):
    folder, path = _tender(tmp_path)
    _copied(path, "Organisation", {})
    tender = load_tender(folder)
    assert _problems(tender) == [("sheet.copy", "bids/dover.xlsx › Organisation (2)", False)]
    assert _rates(tender) == FILLED


def test_a_copy_of_the_organisation_sheet_with_other_answers_is_an_error(tmp_path):
    """'Organisation (2)' gives a staff headcount of 80 where 'Organisation' gives 8: only
    'Organisation' was read, and the copy was never mentioned. Which is meant? An error
    naming the first differing cell with both answers, as for a copy of Prices."""
    folder, path = _tender(tmp_path)
    row = _row_of(path, "Organisation", "Staff headcount")
    _copied(path, "Organisation", {f"B{row}": 80})
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("sheet.copy_differs", f"bids/dover.xlsx › Organisation (2) › B{row}", True)
    ]
    [problem] = tender.problems
    assert "looks like a copy of 'Organisation' but gives other answers" in problem.message
    assert problem.found == f"80 in B{row} on 'Organisation (2)', 8 in B{row} on 'Organisation'"


def test_a_copy_of_the_supply_chain_sheet_with_other_entries_is_an_error(tmp_path):
    """A subcontractor named on 'Supply chain', another on 'Supply chain (2)': only the
    first was read and the copy never mentioned."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    chain = book["Supply chain"]
    header = next(
        row
        for row in chain.iter_rows(max_row=12)
        if any(c.value == "Organisation name" for c in row)
    )
    column = {cell.value: cell.column_letter for cell in header if cell.value}
    first = header[0].row + 1
    for name, value in {
        "Organisation name": "Kent Respite Ltd",
        "Role": "subcontractor",
        "SME?": "yes",
        "VCSE?": "no",
        "Share of the work (%)": 0.2,
    }.items():
        chain[f"{column[name]}{first}"] = value
    book.save(path)
    name = f"{column['Organisation name']}{first}"
    _copied(path, "Supply chain", {name: "Medway Care Ltd"})
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("sheet.copy_differs", f"bids/dover.xlsx › Supply chain (2) › {name}", True)
    ]
    assert "gives other entries" in tender.problems[0].message
    assert _rates(tender) == FILLED


# ---- Rows of a form Excel does not show ---------------------------------------------------------


@pytest.mark.parametrize("how", ["hidden", "no height"])
def test_an_answer_in_a_row_of_the_form_excel_does_not_show_is_read_with_a_warning(tmp_path, how):
    """The staff headcount's row of the Organisation form hidden (or given no height): the
    officer sees no headcount, and 8 is read and decides the SME test without a word. The
    hidden-rows warning is said of tables only; now of forms too (form.hidden_rows)."""
    folder, path = _tender(tmp_path)
    row = _row_of(path, "Organisation", "Staff headcount")
    book = openpyxl.load_workbook(path)
    if how == "hidden":
        book["Organisation"].row_dimensions[row].hidden = True
    else:
        book["Organisation"].row_dimensions[row].height = 0.5
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("form.hidden_rows", f"bids/dover.xlsx › Organisation › B{row}", False)
    ]
    assert tender.problems[0].message.startswith(
        f"row {row} of the form ('Staff headcount') is hidden in Excel"
    )
    assert _rates(tender) == FILLED


def test_a_hidden_row_of_the_form_with_no_answer_is_no_problem(tmp_path):
    folder, path = _tender(tmp_path)
    row = _row_of(path, "Organisation", "Trading name (if different)")
    book = openpyxl.load_workbook(path)
    book["Organisation"].row_dimensions[row].hidden = True
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == []
