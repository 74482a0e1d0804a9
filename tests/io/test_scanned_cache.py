"""Sheets seen before (``xlsx._SCANNED``): a sheet part with the digest of one the plain-shape
reader has read is not unpacked and scanned again, and reads exactly as it would have.

The cache holds the rows and cells as the grammar found them, never values: a cell's value
still comes from this workbook's own styles and shared strings. So the same sheet bytes in
two workbooks with different shared strings read differently, each as ElementTree reads it;
a copy of a part with its checksum or size changed has another digest and is refused as
before; and what is kept is bounded.
"""

from __future__ import annotations

import struct
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.io import xlsx
from tendereval.io.xlsx import Workbook

from .test_scan import (
    AFTER,
    BEFORE,
    ROOT,
    SHARED,
    _types_match,
    book,
    mutated_sheets,
    plain_rows,
    reading,
    scanned_part,
)

SHEET_PART = "xl/worksheets/sheet1.xml"
OTHER_SHARED = ["ONE", "", "c &lt; d", "_x0042_y", "two"]


def _digest_of(path: Path) -> bytes | None:
    with Workbook(path) as workbook:
        info = workbook._archive.info(SHEET_PART)
        assert info is not None
        return workbook._archive.digest(info)


def _kept() -> int:
    """How many sheets' readings are kept (each under its part's digest and its data's)."""
    return len({id(kept) for kept in xlsx._SCANNED.values()})


def _sheets() -> st.SearchStrategy[str]:
    plain = plain_rows().map(
        lambda inside: f"{ROOT}{BEFORE}<sheetData>{inside}</sheetData>{AFTER}</worksheet>"
    )
    return st.one_of(plain, mutated_sheets())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=_sheets(), shared=st.sampled_from([SHARED, OTHER_SHARED]))
def test_a_sheet_seen_before_reads_in_another_workbook_as_elementtree_reads_it(
    sheet: str, shared: list[str]
) -> None:
    xlsx._SCANNED.clear()
    xlsx._SCANNED_ONCE.clear()
    with tempfile.TemporaryDirectory() as folder:
        first = book(Path(folder), sheet, shared=SHARED)
        second = book(Path(folder), sheet, shared=shared)
        assert _digest_of(first) == _digest_of(second)  # the same sheet bytes, stored alike
        # Fills the cache when the grammar takes the sheet: kept when seen in a second
        # workbook (a sheet asked for again in one workbook is read once, and seen once).
        reading(first, True)
        reading(first, True)
        # Kept exactly when the grammar took the sheet: what it declines is never kept.
        assert (_digest_of(second) in xlsx._SCANNED) == scanned_part(second, SHEET_PART)
        warm = reading(second, True)
        xlsx._SCANNED.clear()
        cold, slow = reading(second, True), reading(second, False)
    assert _types_match(warm, slow) and _types_match(cold, slow), (sheet, warm, slow)


def _values(path: Path) -> list[object]:
    with Workbook(path) as workbook:
        return [
            workbook.value(c)[0] for _, cells in workbook.rows("Sheet1") for c in cells.values()
        ]


def test_the_same_sheet_with_other_shared_strings_reads_its_own_strings(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>4</v></c></row>'
    sheet = f"{ROOT}<sheetData>{rows}</sheetData></worksheet>"
    xlsx._SCANNED.clear()
    first, second = book(tmp_path, sheet, shared=SHARED), book(tmp_path, sheet, shared=OTHER_SHARED)
    assert _values(first) == _values(first) == ["one", " spaced "]
    assert _kept() == 1  # kept the second time
    assert _values(second) == ["ONE", "two"]


def _with_crc(path: Path, target: Path, change: int) -> Path:
    """``path`` with the sheet's declared CRC-32 changed in its local header and in the
    directory (its stored bytes untouched)."""
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        crc = archive.getinfo(SHEET_PART).CRC
    old, new = struct.pack("<I", crc), struct.pack("<I", crc ^ change)
    assert data.count(old) == 2
    target.write_bytes(data.replace(old, new))
    return target


def test_a_copy_of_a_part_seen_before_with_another_checksum_is_still_refused(
    tmp_path: Path,
) -> None:
    sheet = f'{ROOT}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    xlsx._SCANNED.clear()
    good = book(tmp_path, sheet)
    assert reading(good, True) == [(1, {1: ((1, "General", False), False, None)})] * 2
    assert _kept() == 0  # read twice in one workbook: seen once
    assert reading(good, True) == [(1, {1: ((1, "General", False), False, None)})] * 2
    assert _kept() == 1  # seen in a second workbook
    damaged = _with_crc(good, tmp_path / "damaged.xlsx", 1)
    assert _digest_of(damaged) not in xlsx._SCANNED
    with Workbook(damaged) as workbook, pytest.raises(zipfile.BadZipFile, match="CRC"):
        list(workbook.rows("Sheet1"))


def test_a_sheet_is_kept_when_it_comes_again_and_the_most_used_stay(tmp_path: Path) -> None:
    xlsx._SCANNED.clear()
    xlsx._SCANNED_ONCE.clear()
    shared = book(
        tmp_path,
        f'{ROOT}<sheetData><row r="1"><c r="A1"><v>7</v></c></row></sheetData></worksheet>',
    )
    with Workbook(shared) as workbook:
        assert list(workbook.rows("Sheet1"))
    # Seen once: only its digests (the part's and its data's).
    assert not xlsx._SCANNED and len(xlsx._SCANNED_ONCE) == 2
    with Workbook(shared) as workbook:
        assert list(workbook.rows("Sheet1"))
    assert _digest_of(shared) in xlsx._SCANNED and _kept() == 1
    # Sheets read twice each push older ones out, but the shared one, used in between, stays.
    for i in range(3 * xlsx._REMEMBERED):
        rows = f'<row r="1"><c r="A1"><v>{i}</v></c></row>'
        reading(book(tmp_path, f"{ROOT}<sheetData>{rows}</sheetData></worksheet>"), True)
        with Workbook(shared) as workbook:
            assert list(workbook.rows("Sheet1"))
    assert _digest_of(shared) in xlsx._SCANNED
    assert len(xlsx._SCANNED_ONCE) <= xlsx._SEEN_ONCE_KEPT


def test_what_is_kept_is_bounded_and_keyed_by_digest(tmp_path: Path) -> None:
    # Each sheet is read in a second workbook, so kept (a sheet is kept the second time it is
    # seen): the test relied on other tests having seen these sheets once, in the same
    # process, and failed when the suite's tests were shared out otherwise between workers.
    xlsx._SCANNED.clear()
    xlsx._SCANNED_ONCE.clear()
    for i in range(xlsx._REMEMBERED + 8):
        rows = f'<row r="1"><c r="A1"><v>{i}</v></c></row>'
        path = book(tmp_path, f"{ROOT}<sheetData>{rows}</sheetData></worksheet>")
        reading(path, True)
        assert reading(path, True)[0] == (1, {1: ((i, "General", False), False, None)})
    assert len(xlsx._SCANNED) == xlsx._REMEMBERED
    assert all(len(key) == 16 for key in xlsx._SCANNED)  # digests, not the bytes
    assert all(
        isinstance(s.cells, tuple) and isinstance(s.rows, tuple) for s in xlsx._SCANNED.values()
    )
    # A sheet larger than a bid return's is read as before, and not kept.
    xlsx._SCANNED.clear()
    many = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 4000))
    path = book(tmp_path, f"{ROOT}<sheetData>{many}</sheetData></worksheet>")
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(SHEET_PART).file_size > xlsx.SCANNED_KEPT_BYTES
    assert len(reading(path, True)) == 2 * 3999
    assert not xlsx._SCANNED


# ---- Rows read before (xlsx._ROWS_READ) ---------------------------------------------------------


def _rows(path: Path, stop_after: int | None = None) -> list[object]:
    """The rows' numbers and values as a reader sees them, stopping after a row, or with the
    fault (type and words) where it comes."""
    found: list[object] = []
    with Workbook(path) as workbook:
        try:
            for number, cells in workbook.rows("Sheet1"):
                found.append((number, [workbook.value(c)[0] for c in cells.values()]))
                if number == stop_after:
                    break
        except ValueError as exc:
            found.append(("raised", str(exc)))
    return found


def test_rows_read_to_the_end_are_kept_and_a_fault_still_comes_at_its_row(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="3"><c r="B3"><v>2</v></c><c r="A3"><v>3</v></c></row>'  # out of order
    )
    sheet = f"{ROOT}<sheetData>{rows}</sheetData></worksheet>"
    faulty, fine = book(tmp_path, sheet), book(tmp_path, sheet.replace("A3", "C3"))
    xlsx._SCANNED.clear()
    xlsx._ROWS_READ.clear()
    expected = [(1, [1]), ("raised", "cell A3 comes after column 2 in row 3")]
    for _ in range(4):  # scanned, kept, then read from what was kept
        assert _rows(faulty, stop_after=1) == [(1, [1])]  # stops before the fault: none
        assert _rows(faulty) == expected
    assert _digest_of(faulty) in xlsx._SCANNED
    assert not xlsx._ROWS_READ  # neither a reader that stopped nor one refused kept rows
    for _ in range(3):
        assert _rows(fine) == [(1, [1]), (3, [2, 3])]
    assert len(xlsx._ROWS_READ) == 1
    assert _rows(fine, stop_after=1) == [(1, [1])]
    assert _rows(fine) == [(1, [1]), (3, [2, 3])]


def test_rows_read_before_are_bounded(tmp_path: Path) -> None:
    xlsx._ROWS_READ.clear()
    for i in range(3 * xlsx._REMEMBERED):
        rows = f'<row r="1"><c r="A1"><v>{i}</v></c></row>'
        reading(book(tmp_path, f"{ROOT}<sheetData>{rows}</sheetData></worksheet>"), True)
    assert len(xlsx._ROWS_READ) <= 2 * xlsx._REMEMBERED
