"""An archive's entry (or an email's attachment) is known as a spreadsheet by what it holds,
by the same checks as a file in the folder (io/formats.py): an Excel 97-2003 workbook saved
with no extension, a SYLK sheet saved as .txt. Loose in bids/ or in bids/late/ each is an
error; inside bids/late.zip each was "this archive holds no workbook", a warning, exit 0."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Problem, Severity
from tests.example_copies import example_copy
from tests.io.test_archives import _emailed

_OLE_HEAD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _ole(stream: str) -> bytes:
    """An OLE compound file whose directory names ``stream`` ('Workbook': an .xls)."""
    entry = f"{stream}\0".encode("utf-16-le").ljust(128, b"\0")
    return _OLE_HEAD + bytes(512) + entry * 4


XLS = _ole("Workbook")
SYLK = b'ID;PWXL;N;E\nC;Y1;X1;K"Late Newcomer Ltd"\nE\n'


def _problem(folder: Path, file: str) -> Problem:
    return {p.file: p for p in tendereval.validate(folder).problems}[file]


@pytest.mark.parametrize(("name", "data"), [("Late bid", XLS), ("Late bid.txt", SYLK)])
def test_a_spreadsheet_known_by_what_it_holds_is_a_workbook_in_a_zip(
    tmp_path: Path, name: str, data: bytes
) -> None:
    folder = example_copy(tmp_path)
    with zipfile.ZipFile(folder / "bids" / "late.zip", "w") as out:
        out.writestr(name, data)
        out.writestr("readme.txt", b"Our late tender, sorry.\n")
        out.writestr("method.doc", _ole("WordDocument"))  # (a Word file: no workbook)
    problem = _problem(folder, "bids/late.zip")
    assert problem.severity is Severity.ERROR
    assert problem.message == (
        f"this archive holds 1 workbook that is not in bids/, so it was not read: {name}"
    )
    assert tendereval.score(folder, sensitivity=False).award.held_back is not None


def test_a_sylk_sheet_attached_as_text_to_an_email_is_a_workbook(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    _emailed(folder / "bids" / "Late tender.eml", {"Late bid.txt": SYLK, "note.txt": b"Hi\n"})
    problem = _problem(folder, "bids/Late tender.eml")
    assert problem.severity is Severity.ERROR
    assert problem.message == (
        "this email holds 1 workbook that is not in bids/, so it was not read: Late bid.txt"
    )


def test_text_and_documents_in_a_zip_are_still_no_workbook(tmp_path: Path) -> None:
    """Only what holds a spreadsheet is one: plain text, XML and a Word .doc are not."""
    folder = example_copy(tmp_path)
    with zipfile.ZipFile(folder / "bids" / "policies.zip", "w") as out:
        out.writestr("readme.txt", b"ID card policy\n")
        out.writestr("feed.xml", b'<?xml version="1.0"?><rss/>')
        out.writestr("method", _ole("WordDocument"))
    problem = _problem(folder, "bids/policies.zip")
    assert (problem.severity, problem.message) == (
        Severity.WARNING,
        "this archive holds no workbook and was not read",
    )
