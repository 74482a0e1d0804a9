"""A sheet parsed whole and a sheet streamed in chunks read the same.

Small parts are parsed in one go and large ones streamed (``xlsx.WHOLE_PART_BYTES``); every
real bid return takes the first path, so the second is checked here on the example tenders by
forcing it, and with chunks small enough to split rows and cells across reads.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tendereval.io import xlsx
from tendereval.io.tender import load_tender

from .excel_like import with_shared_strings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_streamed_and_whole_sheets_load_the_same_tender(
    example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = load_tender(EXAMPLES / example)
    monkeypatch.setattr(xlsx, "WHOLE_PART_BYTES", 0)
    monkeypatch.setattr(xlsx, "CHUNK_BYTES", 97)  # an odd size: rows split across chunks
    streamed = load_tender(EXAMPLES / example)
    assert streamed.problems == whole.problems
    for name in ("suppliers", "bids", "prices", "packages", "commitments", "scores"):
        assert getattr(streamed, name).equals(getattr(whole, name)), name
    assert whole.prices.height > 0


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_text_in_a_shared_strings_table_reads_as_inline_text(
    example: str, streamed: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Excel saves text in a shared table; the templates (written by openpyxl) inline it.
    copy = tmp_path / example
    shutil.copytree(EXAMPLES / example, copy, ignore=shutil.ignore_patterns("reports"))
    converted = 0
    for path in sorted(copy.glob("*/*.xlsx")):
        with_shared_strings(path, path)
        converted += 1
        with zipfile.ZipFile(path) as archive:
            assert "xl/sharedStrings.xml" in archive.namelist()
            assert b"inlineStr" not in b"".join(
                archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")
            )
    assert converted >= 5
    inline = load_tender(EXAMPLES / example)
    if streamed:
        monkeypatch.setattr(xlsx, "WHOLE_PART_BYTES", 0)
        monkeypatch.setattr(xlsx, "CHUNK_BYTES", 61)
    shared = load_tender(copy)
    assert shared.problems == inline.problems
    for name in ("suppliers", "bids", "prices", "packages", "commitments", "scores"):
        assert getattr(shared, name).equals(getattr(inline, name)), name


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_the_grammar_reader_and_elementtree_load_the_same_tender(
    example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every sheet of the examples is of the plain shape, so the grammar reads them all
    # (io/scan.py); with it turned off ElementTree reads them. Frames and problems identical.
    from polars.testing import assert_frame_equal

    scanned = load_tender(EXAMPLES / example)
    monkeypatch.setattr(xlsx, "SCAN", False)
    parsed = load_tender(EXAMPLES / example)
    assert scanned.problems == parsed.problems
    for name in ("suppliers", "supply_chain", "bids", "prices", "packages", "commitments"):
        assert_frame_equal(getattr(scanned, name), getattr(parsed, name))
    for name in ("scores", "declarations", "moderation", "inputs"):
        assert_frame_equal(getattr(scanned, name), getattr(parsed, name))
