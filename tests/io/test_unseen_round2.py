"""What a bid return hides from the officer who opens it in Excel, round 2: rows drawn with no
height, figures a number format shows nothing of, and copies of the Organisation and Supply
chain sheets. Each starts from the real template filled in (see test_reshaped_returns.py),
then changed in the file's XML as Excel would save it."""

from __future__ import annotations

import re
import zipfile

import pytest

from tendereval.io import xlsx
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
