"""A cell whose XML no program writes is refused, not read one way while the officer's
spreadsheet shows another. The red team rewrote Weald Carers Trust's rate in Prices G5
(27.5) with an element inside its value or text, or with a value beside its inline text:
tendereval read the text before the element (27 for ``<v>27<x/>.5</v>``, where LibreOffice
shows 0.5; 2 for ``<v>2<x/>7.5</v>``, LibreOffice 7.5) or the inline text beside the value
(2.5, LibreOffice nothing), with no word. Each is now refused as damaged, naming the cell and
what it holds, as a cell holding two values or a text in two pieces already was; the other
bids still load. The same on a sheet read in pieces (past 1 MB)."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

from tendereval.io import xlsx
from tendereval.io.tender import load_tender

from ..example_copies import example_copy
from .conftest import only

WEALD = "bids/weald-carers-trust.xlsx"
PRICES = "xl/worksheets/sheet4.xml"  # the Prices sheet of the carers example's bid returns


def _rewritten(folder: Path, change, part: str = PRICES) -> None:
    path = folder / WEALD
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _with_g5(cell_xml: str, padded: bool):
    """Prices G5 written as ``cell_xml``; the sheet padded past 1 MB, when asked, by comments
    of random text after its rows, so it is read in pieces."""

    def change(data: bytes) -> bytes:
        data, count = re.subn(rb'<c r="G5"[^>]*>.*?</c>', cell_xml.encode(), data, count=1)
        assert count == 1
        if padded:
            padding = b"".join(
                b"<!--" + os.urandom(60).hex().encode() + b"-->" for _ in range(9_000)
            )
            assert len(padding) > xlsx.WHOLE_PART_BYTES
            data = data.replace(b"</sheetData>", b"</sheetData>" + padding)
        return data

    return change


def _weald_rates(tender) -> list[float]:
    return tender.prices.filter(supplier="Weald Carers Trust")["unit_rate"].to_list()


@pytest.mark.parametrize("padded", [False, True], ids=["whole", "read in pieces"])
@pytest.mark.parametrize(
    ("cell_xml", "found"),
    [
        (
            '<c r="G5" s="15" t="n"><v>27<x/>.5</v></c>',
            "cell G5 holds a value written in pieces around other markup ('27' and '.5') "
            "where programs write it whole, and programs differ on what they show",
        ),
        (
            '<c r="G5" s="15" t="n"><v>2<x/>7.5</v></c>',
            "cell G5 holds a value written in pieces around other markup ('2' and '7.5') "
            "where programs write it whole, and programs differ on what they show",
        ),
        (
            '<c r="G5" s="15" t="n"><v><x/>27.5</v></c>',
            "cell G5 holds a value written in pieces around other markup ('' and '27.5') "
            "where programs write it whole, and programs differ on what they show",
        ),
        (
            '<c r="G5" s="15" t="n"><v>27.5<x>9</x></v></c>',
            "cell G5 holds a value written in pieces around other markup ('27.5' and '') "
            "where programs write it whole, and programs differ on what they show",
        ),
        (
            '<c r="G5" s="15" t="inlineStr"><is><t>2<x/>7.5</t></is></c>',
            "cell G5 holds a text written in pieces around other markup ('2' and '7.5') "
            "where programs write it whole, and programs differ on what they show",
        ),
        (
            '<c r="G5" s="15" t="inlineStr"><is><r><t>2<x/>7.5</t></r></is></c>',
            "cell G5 holds a text written in pieces around other markup ('2' and '7.5') "
            "where programs write it whole, and programs differ on what they show",
        ),
        (
            '<c r="G5" s="15" t="inlineStr"><is><t>2.5</t></is><v>27.5</v></c>',
            "cell G5 holds two values ('2.5' and '27.5') where programs write one, and "
            "programs differ on which they show",
        ),
        (
            '<c r="G5" s="15" t="inlineStr"><v>27.5</v><is><t>2.5</t></is></c>',
            "cell G5 holds two values ('2.5' and '27.5') where programs write one, and "
            "programs differ on which they show",
        ),
        (
            '<c r="G5" s="15" t="n"><is><t>2.5</t></is><v>27.5</v></c>',
            "cell G5 holds two values ('2.5' and '27.5') where programs write one, and "
            "programs differ on which they show",
        ),
        (
            '<c r="G5" s="15" t="str"><is><t>2.5</t></is><v>27.5</v></c>',
            "cell G5 holds two values ('2.5' and '27.5') where programs write one, and "
            "programs differ on which they show",
        ),
    ],
)
def test_a_cell_read_two_ways_is_refused_naming_it(
    tmp_path: Path, cell_xml: str, found: str, padded: bool
) -> None:
    folder = example_copy(tmp_path)
    _rewritten(folder, _with_g5(cell_xml, padded))
    tender = load_tender(folder)
    problem = only(tender, "sheet.unreadable")
    assert problem.file == WEALD
    assert problem.message == "the sheet 'Prices' is damaged and could not be read"
    assert problem.found == found
    assert _weald_rates(tender) == []  # no rate of the sheet is read, 27 nor 2.5
    assert WEALD in tender.bids["source"].to_list()
    assert len(set(tender.prices["supplier"].to_list())) > 1  # the other bids still load


@pytest.mark.parametrize("padded", [False, True], ids=["whole", "read in pieces"])
@pytest.mark.parametrize(
    "cell_xml",
    [
        '<c r="G5" s="15" t="n"><v>27.5</v></c>',  # as Excel writes it
        '<c r="G5" s="15" t="n"><v>2<!-- a comment -->7.5</v></c>',  # 27.5, as LibreOffice
        '<c r="G5" s="15" t="inlineStr"><is><t>27.5</t></is></c>',
        '<c r="G5" s="15" t="inlineStr"><is><t>27.5</t></is><v/></c>',  # an empty value
        '<c r="G5" s="15" t="inlineStr"><is><r><t>27.5</t></r></is></c>',
    ],
)
def test_a_cell_written_whole_is_read_as_before(tmp_path: Path, cell_xml: str, padded: bool):
    """A value or text with nothing inside it but text (an XML comment is no markup a reader
    keeps: ElementTree and LibreOffice read 27.5) is read as it was, whatever its type."""
    folder = example_copy(tmp_path)
    _rewritten(folder, _with_g5(cell_xml, padded))
    tender = load_tender(folder)
    assert [p for p in tender.problems if p.code == "sheet.unreadable"] == []
    assert 27.5 in _weald_rates(tender)
