"""Folders and archives that are not read, looked into by one rule wherever they are
(io/folders_not_read.py, io/archives.py), with no silent cap: a late bid beneath 10,000
attachments, a withdrawal beside 300 other documents, a return zipped in "Bid returns/" or
saved with no extension inside a zip is said, and holds the award; a byte-for-byte copy and
a folder of PDFs are warnings wherever they are; and the cost grows with the files there."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Severity
from tendereval.io.files import regular_file
from tendereval.io.misnamed import near_misses
from tendereval.io.tender import _spreadsheets
from tests.cpu_time import cpu_seconds
from tests.example_copies import example_copy

WEALD = "weald-carers-trust.xlsx"


def _another_return(folder: Path) -> bytes:
    """A bid return in no file of bids/: Weald's, with other bytes (a comment in its zip),
    as a late bid is another supplier's return."""
    data = (folder / "bids" / WEALD).read_bytes()
    assert data[-2:] == bytes(2)
    return data[:-2] + b"\x05\x00again"


def _by_file(folder: Path) -> dict[str, object]:
    return {p.file: p for p in tendereval.validate(folder).problems}


def _held(folder: Path) -> bool:
    return tendereval.score(folder, sensitivity=False).award.held_back is not None


def test_a_late_bid_beneath_ten_thousand_attachments_in_bids_is_an_error(tmp_path: Path) -> None:
    """S1: bids/Supplier attachments/ with 10,000 PDFs and late/Ashford Care Ltd bid.xlsx
    was 'holds 9,999 file(s), none of them a workbook', a warning, and the award went ahead:
    only the first 10,000 entries were looked at, the folder's own first. Every file is
    listed, the counts are exact, and the work grows with the files."""
    folder = example_copy(tmp_path)
    attachments = folder / "bids" / "Supplier attachments"
    attachments.mkdir()
    for n in range(10_000):
        (attachments / f"S{n // 5:04d} document {n % 5}.pdf").write_bytes(b"%PDF-1.4\n")
    (attachments / "late").mkdir()
    (attachments / "late" / "Ashford Care Ltd bid.xlsx").write_bytes(_another_return(folder))
    started = cpu_seconds()
    problem = _by_file(folder)["bids/Supplier attachments/"]
    seconds = cpu_seconds() - started
    assert problem.severity is Severity.ERROR
    assert problem.message == (
        "the folder bids/Supplier attachments/ is not read, and it holds 1 workbook: "
        "late/Ashford Care Ltd bid.xlsx"
    )
    assert problem.found == "10,000 other file(s) in it too"
    assert seconds < 15, f"{seconds:.1f} processor seconds for 10,000 attachments"
    assert _held(folder)


def test_past_the_workbooks_opened_each_is_said_as_not_looked_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only so many workbooks of a folder not read are opened (limits.
    MAX_WORKBOOKS_LOOKED_INTO, here 2): past them, each may be a return, and the officer is
    told it was not looked into, an error holding the award, never passed over."""
    import openpyxl

    for module in ("held_workbooks", "folders_not_read"):
        monkeypatch.setattr(f"tendereval.io.{module}.MAX_WORKBOOKS_LOOKED_INTO", 2)
    folder = example_copy(tmp_path)
    attachments = folder / "bids" / "attachments"
    attachments.mkdir()
    for name in ("a TUPE list.xlsx", "b TUPE list.xlsx", "c TUPE list.xlsx"):
        book = openpyxl.Workbook()
        book.active.append(["Role", "Hours"])
        book.save(attachments / name)
    problem = _by_file(folder)["bids/attachments/"]
    assert problem.is_error
    assert problem.message.endswith("it holds 1 workbook: c TUPE list.xlsx")
    assert "1 of the workbooks named could not be looked into (only 2 workbooks" in problem.found


def test_a_withdrawal_beside_300_other_documents_is_still_said(tmp_path: Path) -> None:
    """S2: "decisions (1).toml" holding the winner's withdrawal was passed over once the
    tender folder held 200 other documents (only the first 200 names, capitals first, were
    compared) and the withdrawn supplier proposed. Every name is compared; only a name that
    matches is looked at on disk, so the work grows with the names alone."""
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text("[standstill]\n")
    (folder / "decisions (1).toml").write_text(
        '[[withdrawal]]\nsupplier = "Weald Carers Trust"\nwithdrawn_on = 2026-03-04\n'
    )
    for n in range(1, 301):
        (folder / f"Clarification {n:03d}.pdf").write_bytes(b"%PDF-1.4\n")
    problem = _by_file(folder)["decisions (1).toml"]
    assert problem.is_error
    assert _held(folder)
    for n in range(301, 30_001):
        (folder / f"Clarification {n:05d}.pdf").touch()
    started = cpu_seconds()
    assert near_misses(folder, "decisions.toml") == ["decisions (1).toml"]
    seconds = cpu_seconds() - started
    assert seconds < 2, f"{seconds:.1f} processor seconds to compare 30,300 names"


def _returns_with_their_zips(bids: Path, count: int) -> None:
    for n in range(count):
        data = b"PK\x03\x04" + bytes(n) + b"stands in for a return"
        (bids / f"supplier-{n:04d}.xlsx").write_bytes(data)
        with zipfile.ZipFile(bids / f"supplier-{n:04d}-response.zip", "w") as out:
            out.writestr(f"supplier-{n:04d}.xlsx", data)


def test_zips_beside_their_returns_cost_what_the_files_do(tmp_path: Path) -> None:
    """S3: each zip in bids/ listed and stat'ed every file of bids/ again, so N returns each
    beside the portal's zip it came in cost N x N (1,000: 14.6 s). bids/ is listed and its
    files hashed once per run: four times the returns cost about four times as much."""
    took = {}
    for count in (150, 600):
        folder = tmp_path / f"t{count}"
        (folder / "bids").mkdir(parents=True)
        _returns_with_their_zips(folder / "bids", count)
        started = cpu_seconds()
        listed = _spreadsheets(folder, "bids")
        problems = listed.said(regular_file)
        took[count] = cpu_seconds() - started
        assert (len(listed.found), len(listed.archives)) == (count, count)
        assert {p.file for p in problems if p.is_error} == set()
    assert took[600] < 8 * took[150] + 0.5, took  # (quadratic: 16 times)


def test_a_late_bid_zipped_in_a_folder_named_almost_as_bids_is_an_error(tmp_path: Path) -> None:
    """R1: "Bid returns/late bids.zip" holding another supplier's return was 'it holds 1
    file, none of them a workbook', a warning, and the award went ahead. The zip is looked
    into as one in bids/ is, wherever it is."""
    folder = example_copy(tmp_path)
    (folder / "Bid returns").mkdir()
    with zipfile.ZipFile(folder / "Bid returns" / "late bids.zip", "w") as out:
        out.writestr("Late - Oakleaf Care.xlsx", _another_return(folder))
    found = _by_file(folder)
    assert found["Bid returns/late bids.zip"].is_error
    assert found["Bid returns/late bids.zip"].message == (
        "this archive holds 1 workbook that is not in bids/, so it was not read: "
        "Late - Oakleaf Care.xlsx"
    )
    assert (
        found["Bid returns/"].found == "1 archive: late bids.zip, looked into and said on its own"
    )
    assert _held(folder)


def _pdf_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("safeguarding.pdf", b"%PDF-1.4 x")
        out.writestr("insurance.pdf", b"%PDF-1.4 y")


@pytest.mark.parametrize(
    ("case", "where"),
    [
        ("copy of bids", "bids - Copy/"),
        ("copy of bids", "Bids/"),
        ("copy of a return", "bids/backup/"),
        ("a PDF", "Bid returns/"),
        ("a PDF", "Bids/"),
        ("a PDF", "bids/Weald attachments/"),
        ("a zip of PDFs", "bids/Weald attachments/"),
        ("a zip of PDFs", "Bid returns/"),
    ],
)
def test_the_same_files_are_said_alike_in_every_folder_not_read(
    tmp_path: Path, case: str, where: str
) -> None:
    """R4: byte-for-byte copies of returns read, documents that are no workbook and zips of
    them were a warning in one folder not read ("bids - Copy/", "Bid returns/") and an
    error holding the award in another ("Bids/", "bids/backup/", which was even told to move
    its copy into bids/ as a second return). One rule: each is a warning, the award is not
    held, and a copy is never advised into bids/."""
    folder = example_copy(tmp_path)
    inside = folder / where
    inside.mkdir(exist_ok=True)
    if case == "copy of bids":
        for path in (folder / "bids").glob("*.xlsx"):
            (inside / path.name).write_bytes(path.read_bytes())
    elif case == "copy of a return":
        (inside / WEALD).write_bytes((folder / "bids" / WEALD).read_bytes())
    elif case == "a PDF":
        (inside / "method.pdf").write_bytes(b"%PDF-1.4\n")
    else:
        _pdf_zip(inside / "policies.zip")
    said = [p for p in tendereval.validate(folder).problems if p.file.startswith(where)]
    assert said
    assert [p for p in said if p.is_error] == []
    assert all("under a name of its own" not in p.expected for p in said)
    if case == "a zip of PDFs":
        (zipped,) = [p for p in said if p.file == f"{where}policies.zip"]
        assert zipped.message == "this archive holds no workbook and was not read"
    assert not _held(folder)


def test_a_late_bid_in_bids_under_another_capital_is_still_an_error(tmp_path: Path) -> None:
    """R4: 'Bids/' beside 'bids/' holding a return in no file of bids/ stays an error."""
    folder = example_copy(tmp_path)
    (folder / "Bids").mkdir()
    (folder / "Bids" / "late-care.xlsx").write_bytes(_another_return(folder))
    problem = _by_file(folder)["Bids/"]
    assert problem.is_error
    assert problem.message == "the folder Bids/ is not read (bids/ is), and it holds 1 file(s)"
    assert problem.found == "1 workbook: late-care.xlsx in no file of bids/"
    assert _held(folder)


@pytest.mark.parametrize("zipped", ["bids/portal.zip", "Bid returns.zip", "bids/late/p.zip"])
def test_a_return_saved_with_no_extension_in_a_zip_is_known_by_what_it_holds(
    tmp_path: Path, zipped: str
) -> None:
    """R6: a return saved with no extension is read in bids/ and known in a folder inside
    it, but in bids/portal.zip it was 'holds no workbook' (a warning) and in "Bid
    returns.zip" beside bids/ nothing was said: the award went ahead. An archive's entries
    are known by what they hold, as files are."""
    folder = example_copy(tmp_path)
    (folder / zipped).parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / zipped, "w") as out:
        out.writestr("Oakleaf/Oakleaf late bid", _another_return(folder))
        out.writestr("Oakleaf/notes.docx", b"PK\x05\x06" + bytes(18))  # (no workbook)
    problem = _by_file(folder)[zipped]
    assert problem.is_error
    assert problem.message == (
        "this archive holds 1 workbook that is not in bids/, so it was not read: "
        "Oakleaf/Oakleaf late bid"
    )
    assert _held(folder)
