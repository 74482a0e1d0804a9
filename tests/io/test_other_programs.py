"""Bid returns and score sheets as programs other than Excel and LibreOffice save them.

Google Sheets, Apple Numbers, WPS Office, Excel's "Strict Open XML" and the many libraries
that write .xlsx files each spell the same workbook their own way: shared or inline text,
rich-text runs, cells and rows without their reference, namespace prefixes, the strict
namespaces, relationships written as relative, absolute, percent-encoded or differently
capitalised part names. Each test here starts from a real bid return (or score sheet) of
``examples/carers-short-breaks``, rewrites its XML one way, and checks that it loads exactly
as the original does (the same frame rows, the same problems), or gets a problem naming the
file and sheet and saying what is wrong.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import tendereval
from tendereval.io.bids import load_bid
from tendereval.io.proxies import load_proxies

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
BID = "weald-carers-trust.xlsx"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"

Parts = dict[str, bytes]


def parts_of(path: Path) -> Parts:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write(parts: Parts, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def edited(parts: Parts, name: str, edit: Callable[[str], str]) -> Parts:
    text = parts[name].decode("utf-8")
    changed = edit(text)
    assert changed != text, f"the edit changed nothing in {name}"
    return {**parts, name: changed.encode("utf-8")}


@pytest.fixture(scope="module")
def plan_and_measures():
    plan, problems = tendereval.load_plan(EXAMPLE)
    assert plan is not None, problems
    return plan, load_proxies(plan, EXAMPLE).measures


def loaded(path: Path, plan_and_measures) -> tuple[dict, list[str]]:
    """What the loader makes of a bid return: its frame rows and its problems, as text."""
    checked = load_bid(path, f"bids/{BID}", *plan_and_measures)
    return dict(checked.rows), [str(p) for p in checked.problems]


@pytest.fixture(scope="module")
def original(plan_and_measures) -> tuple[dict, list[str]]:
    return loaded(EXAMPLE / "bids" / BID, plan_and_measures)


def rewritten(tmp_path: Path, rewrite: Callable[[Parts], Parts]) -> Path:
    return write(rewrite(parts_of(EXAMPLE / "bids" / BID)), tmp_path / BID)


# ---- Where the workbook says its sheets are ------------------------------------------------


def _targets(edit: Callable[[str], str]) -> Callable[[Parts], Parts]:
    """Every sheet relationship's Target rewritten by ``edit`` (openpyxl writes them
    absolute: ``/xl/worksheets/sheet1.xml``)."""

    def rewrite(parts: Parts) -> Parts:
        return edited(
            parts,
            WORKBOOK_RELS,
            lambda text: re.sub(
                r'Target="(/xl/worksheets/[^"]*)"', lambda m: f'Target="{edit(m.group(1))}"', text
            ),
        )

    return rewrite


def _renamed_parts(rename: Callable[[str], str], target: Callable[[str], str] | None = None):
    """The sheets' parts renamed in the zip by ``rename``, and their relationships' Targets
    (``/xl/worksheets/sheetN.xml``) rewritten by ``target`` (or left as they were)."""

    def rewrite(parts: Parts) -> Parts:
        moved = {
            (rename(name) if name.startswith("xl/worksheets/") else name): data
            for name, data in parts.items()
        }
        return moved if target is None else _targets(target)(moved)

    return rewrite


@pytest.mark.parametrize(
    "rewrite",
    [
        # OPC part names are compared ignoring case: Excel finds the part either way.
        pytest.param(
            _targets(lambda t: t.replace("/xl/worksheets/sheet", "/XL/Worksheets/Sheet")),
            id="target-in-capitals",
        ),
        pytest.param(
            _renamed_parts(lambda n: n.replace("sheet", "Sheet")),
            id="part-in-capitals",
        ),
        # A Target is a URI: a part named with a space is targeted as %20, any letter escaped.
        pytest.param(
            _renamed_parts(
                lambda n: n.replace("worksheets/sheet", "worksheets/my sheet"),
                lambda t: t.replace("worksheets/sheet", "worksheets/my%20sheet"),
            ),
            id="percent-encoded-space",
        ),
        pytest.param(
            _targets(lambda t: t.replace("sheet", "%73heet")), id="percent-encoded-letter"
        ),
        pytest.param(_targets(lambda t: t.removeprefix("/xl/")), id="relative"),
        pytest.param(_targets(lambda t: "./" + t.removeprefix("/xl/")), id="dot-relative"),
        pytest.param(_targets(lambda t: "../xl/" + t.removeprefix("/xl/")), id="up-and-back"),
    ],
)
def test_a_sheet_is_found_however_its_relationship_spells_its_part(
    tmp_path, plan_and_measures, original, rewrite
):
    assert loaded(rewritten(tmp_path, rewrite), plan_and_measures) == original


@pytest.mark.parametrize(
    ("rewrite", "found"),
    [
        pytest.param(
            _targets(lambda t: t.replace("/", "\\") if "sheet4" in t else t),
            r"its part (\xl\worksheets\sheet4.xml) is not in the file",
            id="backslashes",
        ),
        pytest.param(
            _targets(lambda t: t.replace("sheet4", "sheet40")),
            "its part (/xl/worksheets/sheet40.xml) is not in the file",
            id="no-such-part",
        ),
        pytest.param(
            lambda parts: edited(
                parts,
                WORKBOOK_RELS,
                lambda text: re.sub(r"<Relationship [^>]*sheet4[^>]*/>", "", text),
            ),
            "the workbook does not say where its cells are",
            id="no-relationship",
        ),
    ],
)
def test_a_sheet_whose_part_cannot_be_found_is_damaged_not_empty(
    tmp_path, plan_and_measures, rewrite, found
):
    """Read as a sheet with no cells, the Prices sheet gave "the table's header row was not
    found" and "no unit rates were filled in": the supplier's prices lost, and the officer
    sent looking for a fault in the sheet Excel shows rather than in the file."""
    rows, problems = loaded(rewritten(tmp_path, rewrite), plan_and_measures)
    assert problems == [
        f"bids/{BID}: error: the sheet 'Prices' is damaged and could not be read (found the "
        f"workbook lists the sheet 'Prices', but {found}); expected the workbook saved again "
        "from Excel as an .xlsx; ask the sender for it"
    ]
    assert not rows.get("prices")


# ---- Text as Excel's shared strings table holds it -------------------------------------------


def _shared(parts: Parts, si: str) -> Parts:
    """The Organisation sheet's legal name (B4) as shared string 0, whose ``<si>`` holds
    ``si``: the shape Excel, Google Sheets and Numbers save text in."""
    parts = edited(
        parts,
        "xl/worksheets/sheet2.xml",
        lambda text: re.sub(
            r'<c r="B4" s="6" t="inlineStr"><is><t>[^<]*</t></is></c>',
            '<c r="B4" s="6" t="s"><v>0</v></c>',
            text,
        ),
    )
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si>{si}</si></sst>'
    ).encode()
    return edited(
        parts,
        WORKBOOK_RELS,
        lambda text: text.replace(
            "</Relationships>",
            f'<Relationship Id="rIdS" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        ),
    )


@pytest.mark.parametrize(
    "si",
    [
        "<t>Weald Carers Trust</t>",
        '<r><rPr><b/></rPr><t xml:space="preserve">Weald </t></r><r><t>Carers Trust</t></r>'
        '<rPh sb="0" eb="5"><t>ウィールド</t></rPh><phoneticPr fontId="1"/>',
        "<t>Weald </t><r><t>Carers Trust</t></r>",
    ],
    ids=["plain", "rich-text-runs-and-a-phonetic-guide", "text-then-runs"],
)
def test_shared_text_in_runs_reads_as_the_text_shown(tmp_path, plan_and_measures, original, si):
    path = rewritten(tmp_path, lambda parts: _shared(parts, si))
    assert loaded(path, plan_and_measures) == original


def test_shared_text_in_two_pieces_is_refused(tmp_path, plan_and_measures):
    """Two <t> in one string: openpyxl reads the last, LibreOffice joins them."""
    si = "<t>Weald Carers </t><t>Trust</t>"
    rows, problems = loaded(rewritten(tmp_path, lambda p: _shared(p, si)), plan_and_measures)
    assert problems == [
        f"bids/{BID}: error: the sheet 'Organisation' is damaged and could not be read (found "
        "the workbook's table of text (xl/sharedStrings.xml) cannot be read); expected the "
        "workbook saved again from Excel as an .xlsx; ask the sender for it"
    ]
    assert not rows.get("prices")
