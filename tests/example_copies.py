"""Copies of the example tenders for tests to change: whole, or with one cell of one of its
workbooks changed."""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def example_copy(tmp_path: Path, example: str = "carers-short-breaks") -> Path:
    """``examples/<example>`` copied under ``tmp_path``, without the reports a run left."""
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder, ignore=shutil.ignore_patterns("reports"))
    return folder


def example_with(tmp_path: Path, example: str, workbook: str, cell: str, value: Any) -> Path:
    """``examples/<example>`` copied under ``tmp_path``, with ``cell`` (``Sheet!B5``) of the
    workbook at ``workbook`` (a path inside the tender folder) set to ``value``."""
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder)
    sheet, ref = cell.split("!")
    book = openpyxl.load_workbook(folder / workbook)
    book[sheet][ref] = value
    book.save(folder / workbook)
    return folder


IN_HOUSE_RETURN = "bids/example-county-council-short-breaks-service.xlsx"


def in_house_as_public_body(folder: Path) -> Path:
    """The carers example at ``folder`` with its in-house team's return (the comparator, no
    tender) giving its type of organisation as a public body's, which may tender: a sixth
    tender, scored and ranked as any supplier's."""
    path = folder / IN_HOUSE_RETURN
    book = openpyxl.load_workbook(path)
    for label, answer, *_ in book["Organisation"].iter_rows():
        if label.value == "Type of organisation *":
            answer.value = "public body"
    book.save(path)
    return folder


def sent_again(path: Path, again: Path) -> Path:
    """The workbook at ``path`` (a bid return, a score sheet) sent a second time as ``again``:
    the same workbook, its bytes made other by a zip comment. A copy of the same bytes would
    be one file downloaded twice (io/copies.py), not a second return or sheet."""
    shutil.copy(path, again)
    with zipfile.ZipFile(again, "a") as archive:
        archive.comment = b"sent again"
    return again


def as_received(xlsx: Path, kind: str = "xls") -> bytes:
    """The return at ``xlsx`` as received in another format: saved as .xls (or ``kind``:
    .ods, .xlsm …) by LibreOffice, as a supplier without a recent Excel sends it. The test
    is skipped where LibreOffice is not installed."""
    return _saved_by_libreoffice(xlsx.read_bytes(), kind)


@functools.cache
def _saved_by_libreoffice(data: bytes, kind: str) -> bytes:
    from tests.report.libreoffice import make_profile

    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        profile = make_profile(folder / "profile")
        (folder / "return.xlsx").write_bytes(data)
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                kind,
                "--outdir",
                str(folder / "out"),
                str(folder / "return.xlsx"),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        return (folder / "out" / f"return.{kind}").read_bytes()
