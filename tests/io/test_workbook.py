"""Opening workbooks safely: broken, hostile and odd files are explained, never crash."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook

from tendereval.errors import Severity
from tendereval.io import workbook
from tendereval.io.workbook import Book, headers_for, open_book

from .builders import bid_workbook
from .conftest import load, only


def _bad_bid(tender_dir: Path, name: str, data: bytes) -> Path:
    path = tender_dir / "bids" / name
    path.write_bytes(data)
    return path


def test_empty_file(tender_dir):
    _bad_bid(tender_dir, "empty.xlsx", b"")
    problem = only(load(tender_dir), "file.empty")
    assert problem.where == "bids/empty.xlsx"
    assert problem.message == "the file is empty (0 bytes)"
    assert problem.supplier == "empty"


def test_not_a_zip(tender_dir):
    _bad_bid(tender_dir, "notes.xlsx", b"supplier,price\nAcme,12\n")
    problem = only(load(tender_dir), "file.not_a_workbook")
    assert problem.where == "bids/notes.xlsx"
    assert problem.message == "this is not an Excel workbook (it looks like a text or CSV file)"


def test_truncated_download(tender_dir):
    whole = (tender_dir / "bids" / "acme.xlsx").read_bytes()
    _bad_bid(tender_dir, "cut.xlsx", whole[: len(whole) // 2])
    problem = only(load(tender_dir), "file.truncated")
    assert problem.where == "bids/cut.xlsx"
    assert "damaged or incomplete" in problem.message
    assert "sent again" in problem.expected


def test_old_xls_file(tender_dir):
    _bad_bid(tender_dir, "old.xls", workbook.OLE_MAGIC + b"\x00" * 504 + b"Workbook")
    problem = only(load(tender_dir), "file.xls")
    assert problem.where == "bids/old.xls"
    assert problem.message == "this is an old Excel 97–2003 (.xls) file"
    assert "Save As" in problem.expected


def test_password_protected_workbook(tender_dir):
    ole = workbook.OLE_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
    _bad_bid(tender_dir, "locked.xlsx", ole)
    problem = only(load(tender_dir), "file.encrypted")
    assert problem.where == "bids/locked.xlsx"
    assert problem.message == "the workbook is password-protected"


def test_zip_bomb_is_refused_before_parsing(tender_dir):
    path = tender_dir / "bids" / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 * 1024 * 1024))
    problem = only(load(tender_dir), "file.too_large")
    assert problem.where == "bids/bomb.xlsx"
    assert "absurd size" in problem.message


def test_zip_that_is_not_a_workbook(tender_dir):
    path = tender_dir / "bids" / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    problem = only(load(tender_dir), "file.not_a_workbook")
    assert problem.message == "this is a zip file but not an Excel workbook"


def test_an_opendocument_spreadsheet_is_named_as_one(tender_dir):
    """A return saved as .ods (LibreOffice) was "a zip file but not an Excel workbook", which
    says nothing the officer can act on; CSV and web pages are named for what they are."""
    path = tender_dir / "bids" / "acme.ods"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # (OpenDocument stores its mimetype first and uncompressed.)
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
    problem = only(load(tender_dir), "file.not_a_workbook")
    assert problem.where == "bids/acme.ods"
    assert problem.message == (
        "this is an OpenDocument spreadsheet (.ods, as LibreOffice saves one), not an Excel "
        "workbook"
    )
    assert "save it as Excel" in problem.expected


def test_macro_enabled_workbook_is_read_with_a_warning(tender_dir):
    bid_workbook(tender_dir / "bids" / "carers.xlsm", "Carers Together")
    tender = load(tender_dir)
    problem = only(tender, "file.macros")
    assert problem.severity is Severity.WARNING
    assert problem.where == "bids/carers.xlsm"
    assert "Carers Together" in tender.suppliers["supplier"].to_list()


def test_missing_prices_sheet(tender_dir):
    bid_workbook(tender_dir / "bids" / "acme.xlsx", leave_out=("Prices",))
    tender = load(tender_dir)
    problem = only(tender, "sheet.missing")
    assert problem.where == "bids/acme.xlsx"
    assert problem.message == "the workbook has no 'Prices' sheet"
    assert problem.supplier == "Acme Care Ltd"
    assert tender.bids.filter(supplier="Acme Care Ltd")["lot"].to_list() == [None]


def test_missing_required_column(tender_dir):
    path = bid_workbook(tender_dir / "bids" / "acme.xlsx", cells={"Prices!G4": "Rate"})
    problem = only(load(tender_dir), "table.missing_column")
    assert problem.where == f"{path.parent.name}/acme.xlsx › Prices › row 4"
    assert problem.message == "the column 'Unit rate (£)' is missing"
    # The headers the row does have, so 'Rate' can be seen without opening the file.
    assert problem.found == (
        "the headers 'Lot', 'Lot name', 'Item', 'Description', 'Unit', 'Yearly volume', "
        "'Rate', 'Yearly uplift (%)'"
    )


def test_the_headers_found_are_quoted_short_and_counted():
    from tendereval.io.workbook import found_headers

    assert found_headers([None, " ", "Lot", 2026, "x" * 50]) == (
        "the headers 'Lot', '2026', '" + "x" * 39 + "…'"
    )
    assert found_headers([f"h{i}" for i in range(15)]).endswith("'h11' and 3 more")
    assert found_headers([None, ""]) == "no column headers in that row"


def test_header_found_below_extra_title_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Prices"
    ws.insert_rows(1)
    ws["A1"] = "Prices — please read the notes"
    ws["A6"], ws["C6"], ws["G6"] = "lot", " ITEM ", "Unit rate (£)*"
    ws["A7"], ws["C7"], ws["G7"] = "L1", "hours", 12
    wb.save(tmp_path / "p.xlsx")
    book, _ = open_book(tmp_path / "p.xlsx", "p.xlsx")
    with book:
        rows, problems = book.table("Prices", headers_for(workbook.layout.PRICE_COLUMNS))
    assert problems == []
    assert [(r["lot"].value, r["unit_rate"].ref) for r in rows] == [("L1", "G7")]


def test_row_limit_is_a_problem_not_a_hang(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Prices"
    ws.append(["Lot", "Lot name", "Item", "", "", "", "Unit rate (£)"])
    for index in range(30):
        ws.append(["L1", "", f"item{index}", "", "", "", 1])
    wb.save(tmp_path / "p.xlsx")
    book, _ = open_book(tmp_path / "p.xlsx", "p.xlsx")
    with book:
        rows, problems = book.table(
            "Prices", headers_for(workbook.layout.PRICE_COLUMNS), max_rows=10
        )
    assert rows == []  # refused whole: a part would be checked as if it were the whole table
    assert [p.code for p in problems] == ["table.too_many_rows"]
    assert problems[0].where == "p.xlsx › Prices › row 12"


def test_formula_cells_read_as_their_saved_value_only_when_saved(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Prices"
    ws.append(["Lot", "Lot name", "Item", "", "", "", "Unit rate (£)"])
    ws.append(["L1", "", "hours", "", "", "", "=10+2"])
    wb.save(tmp_path / "p.xlsx")
    book, _ = open_book(tmp_path / "p.xlsx", "p.xlsx")
    assert isinstance(book, Book)
    with book:
        rows, _ = book.table("Prices", headers_for(workbook.layout.PRICE_COLUMNS))
    assert rows[0]["unit_rate"].value is None
    assert rows[0]["unit_rate"].unsaved_formula
