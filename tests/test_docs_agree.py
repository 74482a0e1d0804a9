"""Pages of docs/ that say what the code does with a given input, checked against the code.
(docs/python.md's examples run in test_docs.py; these are the other pages' claims.)"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

import tendereval
from tests.example_copies import example_copy

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _between(page: str, start: str, end: str) -> str:
    text = (DOCS / page).read_text(encoding="utf-8")
    return text[text.index(start) : text.index(end, text.index(start))]


def test_an_excel_template_bid_is_scored_as_the_inputs_page_says(tmp_path: Path) -> None:
    """docs/inputs.md listed .xltx and .xltm among the spreadsheets of other programs, each an
    error making the bid invalid, while the code reads a workbook under a template's name with
    a warning to rename it, and scores it (docs red team, session 37)."""
    folder = example_copy(tmp_path)
    for stem, suffix in (("weald-carers-trust", ".xltx"), ("meridian-care-group-plc", ".xltm")):
        book = openpyxl.load_workbook(folder / "bids" / f"{stem}.xlsx")
        book.template = True
        book.save(folder / "bids" / f"{stem}{suffix}")
        (folder / "bids" / f"{stem}.xlsx").unlink()
    # An Excel 97–2003 template (.xlt) is that format's workbook: refused as an .xls is.
    (folder / "bids" / "hop-garden-respite-cic.xlsx").unlink()
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)
    (folder / "bids" / "hop-garden-respite-cic.xlt").write_bytes(ole)
    result = tendereval.score(folder, sensitivity=False)
    ranked = set(result.results.filter(status="ranked").get_column("supplier"))
    assert {"Weald Carers Trust", "Meridian Care Group plc"} <= ranked
    errors = [p for p in result.problems if p.is_error]
    assert [p.file for p in errors] == ["bids/hop-garden-respite-cic.xlt"]
    assert "Excel 97–2003" in errors[0].message
    misnamed = {p.file for p in result.problems if p.code == "file.workbook_misnamed"}
    assert misnamed == {"bids/weald-carers-trust.xltx", "bids/meridian-care-group-plc.xltm"}

    refused = _between("inputs.md", "These are known by their names:", "When the name says")
    named = set(re.findall(r"`(\.\w+)`", refused))
    assert ".xlt" in named  # Excel 97–2003's template: refused as an .xls is
    assert not {".xltx", ".xltm"} & named
