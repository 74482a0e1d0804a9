"""The cell values of an .xls or .ods received, read to compare with the .xlsx it was saved
as (io/received_cells.py): what each cell holds, within bounds."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tendereval.io.as_received import _held
from tendereval.io.received_cells import MOST_CELLS, _rk, received_cells
from tests.example_copies import as_received, example_copy


@pytest.mark.libreoffice
def test_an_xls_is_read_cell_by_cell(tmp_path: Path) -> None:
    """The .xls LibreOffice saves of Weald's return holds, on Prices, the rates the .xlsx
    does: G5 27.5, G6 215, G7 98, and on Organisation B4 its legal name."""
    weald = example_copy(tmp_path) / "bids" / "weald-carers-trust.xlsx"
    book = openpyxl.load_workbook(weald)
    cells = received_cells(as_received(weald))
    assert cells is not None
    for sheet, ref in [
        ("Prices", "G5"),
        ("Prices", "G6"),
        ("Prices", "G7"),
        ("Organisation", "B4"),
    ]:
        cell = book[sheet][ref]
        assert cells[sheet][cell.row, cell.column] == cell.value, (sheet, ref)
    assert cells["Organisation"][4, 2] == "Weald Carers Trust"


def test_numbers_as_an_xls_keeps_them_and_dates_as_excel_counts_them() -> None:
    """An RK number: 19 kept whole is 19 << 2 | 2 = 78; 1.5 kept as the top 32 bits of its
    double (0x3FF80000); 150 × 1/100 is 1.5 (flag 1). 31 January 2026 is day 46,053 of
    Excel's 1900 system (1 January 2026 is 46,023), noon half a day more."""
    assert _rk(struct.pack("<i", 78)) == 19
    assert _rk(struct.pack("<I", 0x3FF80000)) == 1.5
    assert _rk(struct.pack("<i", 150 << 2 | 3)) == 1.5
    assert _held(dt.date(2026, 1, 31)) == ("number", 46053)
    assert _held(dt.datetime(2026, 1, 31, 12)) == ("number", 46053.5)
    assert _held(True) == ("true/false", True)


def _ods(content: bytes) -> bytes:
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("content.xml", content)
    return package.getvalue()


_OPEN = (
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
    b'<office:spreadsheet><table:table table:name="Prices">'
)
_CLOSE = b"</table:table></office:spreadsheet></office:body></office:document-content>"


def test_an_ods_is_read_within_bounds() -> None:
    """An .ods is read cell by cell; a row or cell repeated past :data:`MOST_CELLS`, XML
    unpacking to far more than its file, or a document type (entities) is not read: it could
    not be compared, and may be a bid."""
    row = (
        b'<table:table-row table:number-rows-repeated="2"><table:table-cell/>'
        b'<table:table-cell office:value-type="float" office:value="38.5"><text:p>38.50</text:p>'
        b'</table:table-cell><table:table-cell office:value-type="string"><text:p>Day '
        b'<text:s text:c="2"/>rate</text:p><office:annotation><text:p>note</text:p>'
        b"</office:annotation></table:table-cell></table:table-row>"
    )
    assert received_cells(_ods(_OPEN + row + _CLOSE)) == {
        "Prices": {(1, 2): 38.5, (1, 3): "Day   rate", (2, 2): 38.5, (2, 3): "Day   rate"}
    }
    many = (
        b'<table:table-row table:number-rows-repeated="%d"><table:table-cell '
        b'office:value-type="float" office:value="1"/></table:table-row>' % (MOST_CELLS + 1)
    )
    assert received_cells(_ods(_OPEN + many + _CLOSE)) is None
    blank = (  # (a sheet's blank rows, as LibreOffice writes them: counted, not read)
        b'<table:table-row table:number-rows-repeated="1048576"><table:table-cell/>'
        b"</table:table-row>"
    )
    assert received_cells(_ods(_OPEN + blank + row + _CLOSE)) == {
        "Prices": {
            (1048577, 2): 38.5,
            (1048577, 3): "Day   rate",
            (1048578, 2): 38.5,
            (1048578, 3): "Day   rate",
        }
    }
    padded = _OPEN + b" " * 20_000_000 + _CLOSE  # (unpacks to 20 MB from some 20 KB)
    assert received_cells(_ods(padded)) is None
    entities = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + _OPEN + _CLOSE
    assert received_cells(_ods(entities)) is None


def test_an_xls_whose_sectors_loop_is_not_read() -> None:
    """A compound file whose chain of sectors leads back on itself is not read (not read
    for ever): it could not be compared."""
    size = 512
    header = bytearray(size)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HH", header, 28, 0xFFFE, 9)  # byte order, 512-byte sectors
    struct.pack_into("<II", header, 44, 1, 1)  # one FAT sector (0); the directory at 1
    struct.pack_into("<II", header, 68, 0xFFFFFFFE, 0)
    header[76:] = struct.pack("<109I", 0, *[0xFFFFFFFF] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, 2, 1, *[0xFFFFFFFF] * 125)  # 1 → 2 → 1 …
    data = bytes(header) + fat + bytes(size) * 2
    assert received_cells(data) is None
