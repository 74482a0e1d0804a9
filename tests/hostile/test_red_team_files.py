"""Files from suppliers and evaluators that the first hostile corpus did not imagine: found by
a red-team round on the files a tender folder holds (bids/, scores/). Each test plants one such
file in an otherwise clean tender and checks the rule of the project it broke: a clear problem
naming file › sheet › cell, exit code 1 (not 3), and every bid still in the results."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tendereval import layout

from ..io.builders import bid_workbook, good_tender
from ..io.conftest import load, only


@pytest.fixture
def tender_dir(tmp_path: Path) -> Path:
    return good_tender(tmp_path / "tender")


def test_two_sheets_read_as_one_name_are_refused_not_one_read(tender_dir: Path) -> None:
    """A workbook with a 'Prices' sheet and a 'Prices ' sheet (a trailing space: Excel allows
    it) was read from whichever came first, with no word: one price in Excel's visible sheet,
    another scored. Both names are matched as 'Prices', so the workbook cannot be read one way
    only, and it is refused naming both sheets."""
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    real = book[layout.BID_PRICES]
    decoy = book.copy_worksheet(real)
    decoy.title = "PRICES "  # case and a trailing space: the loader matches it to 'Prices'
    book.move_sheet(decoy, -(len(book.sheetnames) - 1))  # first, so it would win
    for row in range(layout.TABLE_HEADER_ROW + 1, decoy.max_row + 1):
        decoy[f"G{row}"] = 1  # far below the real rates
    book.save(path)

    tender = load(tender_dir)
    problem = only(tender, "file.unreadable")
    assert problem.file == "bids/acme.xlsx"
    assert "'PRICES '" in problem.found and "'Prices'" in problem.found
    # Never scored: the bid stays in the results as an invalid one, with the reason.
    assert "bids/acme.xlsx" in tender.bids["source"].to_list()
    assert tender.prices.filter(tender.prices["supplier"] == "Acme Care Ltd").is_empty()


@pytest.mark.parametrize(
    "name",
    [
        ".bright.xlsx",  # a leading dot: hidden on a Mac or Linux, yet a bid
        "bright.xlsx ",  # a trailing space, kept by a portal download on Linux
        "bright.xlsx.",  # a trailing dot
        "bright.xlsx.part",  # a download a browser had not finished
        "bright.xlsx.crdownload",
    ],
)
def test_a_bid_named_oddly_is_still_a_bid(tender_dir: Path, name: str) -> None:
    """A bid return whose name starts with a dot was skipped without a word, and one whose
    name ends in a space or a dot, or carries a browser's half-downloaded suffix, was only a
    warning 'not a workbook': either way the bid was not in the results, and with no score
    sheet yet `validate` exited 0. Each is read as the submission it is."""
    bids = tender_dir / "bids"
    (bids / "bright.xlsx").rename(bids / name)
    tender = load(tender_dir)
    assert f"bids/{name}" in tender.bids["source"].to_list()
    assert "Bright Futures CIC" in tender.bids["supplier"].to_list()
    assert not [p for p in tender.problems if p.code == "file.ignored"]


def test_lock_files_and_mac_metadata_stay_skipped(tender_dir: Path) -> None:
    """Excel's and LibreOffice's lock files and the Mac's '._' metadata twins are not bids."""
    bids = tender_dir / "bids"
    (bids / "~$bright.xlsx").write_bytes(b"\x0cAnn Evans" + b" " * 150)
    (bids / ".~lock.bright.xlsx#").write_bytes(b",Ann Evans,host,01.10.2026 10:00,file:///")
    (bids / "._bright.xlsx").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    tender = load(tender_dir)
    assert sorted(tender.bids["source"].unique().to_list()) == [
        "bids/acme.xlsx",
        "bids/bright.xlsx",
    ]
    assert tender.problems == []


def test_a_second_bids_folder_differing_in_capitals_is_an_error(tender_dir: Path) -> None:
    """On Linux or a Mac with a case-sensitive disk 'bids/' and 'Bids/' are two folders; only
    one was read and the bids in the other vanished without a word."""
    late = tender_dir / "Bids"
    late.mkdir()
    bid_workbook(late / "cole.xlsx", "Cole Homecare Ltd")
    (tender_dir / "SCORES").mkdir()
    (tender_dir / "SCORES" / "bob.xlsx").write_bytes(b"")
    tender = load(tender_dir)
    found = {p.file: p for p in tender.problems if p.code == "file.subfolder"}
    assert set(found) == {"Bids/", "SCORES/"}
    assert found["Bids/"].is_error
    assert found["Bids/"].message == (
        "the folder Bids/ is not read (bids/ is), and it holds 1 file(s)"
    )
