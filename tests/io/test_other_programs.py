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
import shutil
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
        # From the package's root without its "/", as some writers give it (by the rule,
        # xl/xl/worksheets/…): the damaged sheet was "not in the file" though it was.
        pytest.param(_targets(lambda t: t.removeprefix("/")), id="from-the-root-without-slash"),
        pytest.param(
            _renamed_parts(
                lambda n: n.replace("worksheets/sheet", "worksheets/my sheet"),
                lambda t: t.replace("/xl/worksheets/sheet", "xl/worksheets/my%20sheet"),
            ),
            id="from-the-root-percent-encoded",
        ),
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
            r"its part (xl/\xl\worksheets\sheet4.xml) is not in the file",
            id="backslashes",
        ),
        pytest.param(
            _targets(lambda t: t.replace("sheet4", "sheet40")),
            "its part (xl/worksheets/sheet40.xml) is not in the file",
            id="no-such-part",
        ),
        # Both readings of a Target from the root without its "/" named: the part the rule
        # gives, then the one from the root (the message named neither: the Target itself).
        pytest.param(
            _targets(lambda t: t.removeprefix("/").replace("sheet4", "sheet40")),
            "its part (xl/xl/worksheets/sheet40.xml or xl/worksheets/sheet40.xml) is not in "
            "the file",
            id="from-the-root-no-such-part",
        ),
        # Above the package's root no part is looked for (not read as xl/worksheets/…).
        pytest.param(
            _targets(lambda t: "../.." + t if "sheet4" in t else t),
            "its part (../../xl/worksheets/sheet4.xml) is not in the file",
            id="above-the-root",
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


@pytest.mark.parametrize(
    "si",
    [
        "<t>Weald Carers </t><t>Trust</t>",
        "<t>Weald Carers <x/>Trust</t>",
        "<r><t>Weald Carers <x/>Trust</t></r>",
    ],
    ids=["two-texts", "an-element-inside-the-text", "an-element-inside-a-run"],
)
def test_shared_text_in_two_pieces_is_refused(tmp_path, plan_and_measures, si):
    """Two <t> in one string: openpyxl reads the last, LibreOffice joins them. One <t> with
    an element inside it, which no program writes: it was read as the text before the
    element ('Weald Carers '), and LibreOffice shows the text after it."""
    rows, problems = loaded(rewritten(tmp_path, lambda p: _shared(p, si)), plan_and_measures)
    assert problems == [
        f"bids/{BID}: error: the sheet 'Organisation' is damaged and could not be read (found "
        "the workbook's table of text (xl/sharedStrings.xml) cannot be read); expected the "
        "workbook saved again from Excel as an .xlsx; ask the sender for it"
    ]
    assert not rows.get("prices")


# ---- Rows and cells written without their reference ----------------------------------------

PRICES = "xl/worksheets/sheet4.xml"


def _without_row_numbers(text: str) -> str:
    return re.sub(r'<row r="\d+"', "<row", text)


def _filled_gaps(text: str) -> str:
    """Each row's cells without their reference, an empty ``<c/>`` standing in for each
    column skipped (as a writer that leaves references out must)."""

    def row(match: re.Match[str]) -> str:
        cells, column = [], 0
        for cell in re.finditer(r'<c r="([A-Z]+)\d+"([^>]*?)(/>|>.*?</c>)', match.group(2)):
            at = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(cell.group(1))))
            cells += ["<c/>"] * (at - column - 1) + [f"<c{cell.group(2)}{cell.group(3)}"]
            column = at
        return f"{match.group(1)}{''.join(cells)}</row>"

    return re.sub(r"(<row[^>]*>)(.*?)</row>", row, text)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(_without_row_numbers, id="rows-without-r"),
        pytest.param(_filled_gaps, id="cells-without-r"),
        pytest.param(lambda t: _filled_gaps(_without_row_numbers(t)), id="neither-with-r"),
    ],
)
def test_rows_and_cells_without_references_read_as_placed(
    tmp_path, plan_and_measures, original, edit
):
    path = rewritten(tmp_path, lambda parts: edited(parts, PRICES, edit))
    assert loaded(path, plan_and_measures) == original


# ---- Whole workbooks as other programs spell them ---------------------------------------------

STRICT = {
    MAIN: "http://purl.oclc.org/ooxml/spreadsheetml/main",
    OFFICE: "http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def _every_xml(parts: Parts, edit: Callable[[str], str]) -> Parts:
    return {
        name: edit(data.decode("utf-8")).encode("utf-8")
        if name.endswith((".xml", ".rels"))
        else data
        for name, data in parts.items()
    }


def _strict(parts: Parts) -> Parts:
    """Excel's File › Save As › Strict Open XML Spreadsheet: the same parts, other namespaces."""

    def edit(text: str) -> str:
        for transitional, strict in STRICT.items():
            text = text.replace(transitional, strict)
        return text.replace("<workbook ", '<workbook conformance="strict" ', 1)

    return _every_xml(parts, edit)


def _prefixed(parts: Parts) -> Parts:
    """Every element of the workbook's own parts written with a prefix (``<x:c>``), as the
    Open XML SDK and some exporters do."""

    def edit(text: str) -> str:
        if f'xmlns="{MAIN}"' not in text:
            return text
        text = re.sub(r"<(/?)(?![?!])([A-Za-z]+)([\s/>])", r"<\1x:\2\3", text)
        return text.replace(f'xmlns="{MAIN}"', f'xmlns:x="{MAIN}"')

    return _every_xml(parts, edit)


def _rich_inline(parts: Parts) -> Parts:
    """Each inline text in two rich-text runs and a phonetic guide (which is not text)."""

    def runs(match: re.Match[str]) -> str:
        text = match.group(1)
        cut = len(text) // 2
        while "&" in text[max(0, cut - 6) : cut] and cut < len(text):
            cut += 1  # not inside an entity
        return (
            f'<is><r><rPr><b/></rPr><t xml:space="preserve">{text[:cut]}</t></r>'
            f'<r><t xml:space="preserve">{text[cut:]}</t></r>'
            '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="0"/></is>'
        )

    return {
        name: re.sub(r"<is><t>([^<]*)</t></is>", runs, data.decode()).encode()
        if name.startswith("xl/worksheets/")
        else data
        for name, data in parts.items()
    }


def _formula_strings(parts: Parts) -> Parts:
    """Text written as a formula's result (``t="str"``, no formula), as SheetJS writes it."""
    return {
        name: re.sub(
            r't="inlineStr"><is><t>([^<]*)</t></is>', r't="str"><v>\1</v>', data.decode()
        ).encode()
        if name.startswith("xl/worksheets/")
        else data
        for name, data in parts.items()
    }


def _with_bom_and_declaration(parts: Parts) -> Parts:
    return {
        name: b"\xef\xbb\xbf<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\r\n" + data
        if name.endswith((".xml", ".rels"))
        else data
        for name, data in parts.items()
    }


def _utf16(parts: Parts) -> Parts:
    return {
        name: ('<?xml version="1.0" encoding="UTF-16"?>' + data.decode()).encode("utf-16")
        if name.endswith((".xml", ".rels"))
        else data
        for name, data in parts.items()
    }


def _without_docprops(parts: Parts) -> Parts:
    kept = {name: data for name, data in parts.items() if not name.startswith("docProps/")}
    kept["_rels/.rels"] = re.sub(rb"<Relationship [^>]*docProps[^>]*/>", b"", kept["_rels/.rels"])
    return kept


def _builtin_formats_only(parts: Parts) -> Parts:
    """No <numFmts>: the money and percentage cells use Excel's built-in formats 7 and 10."""

    def edit(text: str) -> str:
        text = re.sub(r"<numFmts.*?</numFmts>", "", text)
        return text.replace('numFmtId="164"', 'numFmtId="7"').replace(
            'numFmtId="165"', 'numFmtId="10"'
        )

    return edited(parts, "xl/styles.xml", edit)


def _cell(part: str, ref: str, xml: str) -> Callable[[Parts], Parts]:
    return lambda parts: edited(
        parts, part, lambda text: re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
    )


def _extra_sheet(parts: Parts) -> Parts:
    """A sheet of the supplier's own named with apostrophes and letters beyond ASCII."""
    parts = {
        **parts,
        "xl/worksheets/sheet9.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" '
        't="inlineStr"><is><t>notes</t></is></c></row></sheetData></worksheet>'.encode(),
    }
    parts = edited(
        parts,
        WORKBOOK_RELS,
        lambda text: text.replace(
            "</Relationships>",
            f'<Relationship Id="rId99" Type="{OFFICE}/worksheet" '
            'Target="worksheets/sheet9.xml"/></Relationships>',
        ),
    )
    return edited(
        parts,
        "xl/workbook.xml",
        lambda text: text.replace(
            "</sheets>",
            '<sheet name="O&apos;Brien&apos;s notes — café ✓" sheetId="99" r:id="rId99"/></sheets>',
        ),
    )


@pytest.mark.parametrize(
    "rewrite",
    [
        pytest.param(_strict, id="strict-open-xml"),
        pytest.param(_prefixed, id="prefixed-elements"),
        pytest.param(lambda p: _strict(_prefixed(p)), id="strict-and-prefixed"),
        pytest.param(_rich_inline, id="rich-text-inline-strings"),
        pytest.param(_formula_strings, id="text-as-formula-strings"),
        pytest.param(_with_bom_and_declaration, id="byte-order-mark-and-declaration"),
        pytest.param(_utf16, id="utf-16"),
        pytest.param(_without_docprops, id="no-docprops"),
        pytest.param(_builtin_formats_only, id="built-in-number-formats-only"),
        pytest.param(_extra_sheet, id="sheet-named-with-apostrophes-and-accents"),
        # The Organisation sheet's legal name with spaces kept around it; yes as TRUE.
        pytest.param(
            _cell(
                "xl/worksheets/sheet2.xml",
                "B4",
                '<c r="B4" s="6" t="inlineStr"><is><t xml:space="preserve">  Weald Carers '
                "Trust  </t></is></c>",
            ),
            id="text-with-spaces-preserved",
        ),
        pytest.param(
            _cell("xl/worksheets/sheet2.xml", "B10", '<c r="B10" s="7" t="b"><v>1</v></c>'),
            id="yes-as-a-boolean",
        ),
        # Numbers as other programs write the same value: 27.5 and 0.025.
        *(
            pytest.param(
                _cell(PRICES, "G5", f'<c r="G5" s="15"><v>{written}</v></c>'), id=f"rate-{written}"
            )
            for written in ("2.75E1", "275e-1", ".275E2", "+27.5", " 27.50 ")
        ),
        pytest.param(_cell(PRICES, "H5", '<c r="H5" s="16"><v>2.5E-2</v></c>'), id="uplift-2.5E-2"),
    ],
)
def test_a_bid_return_saved_by_another_program_loads_as_the_original(
    tmp_path, plan_and_measures, original, rewrite
):
    assert loaded(rewritten(tmp_path, rewrite), plan_and_measures) == original


# ---- The date a score sheet's declaration is made on ----------------------------------------

SCORE_SHEET = "helen-marsh.xlsx"
DECLARATION = "xl/worksheets/sheet2.xml"  # B7: the date, 46084 (3 March 2026) as yyyy-mm-dd


def _date_1904(parts: Parts) -> Parts:
    """Saved in the 1904 date system (Excel for Mac's old default): 1,462 days fewer."""
    parts = edited(
        parts,
        "xl/workbook.xml",
        lambda t: t.replace("<workbookPr />", '<workbookPr date1904="1"/>'),
    )
    return _cell(DECLARATION, "B7", '<c r="B7" s="7"><v>44622</v></c>')(parts)


def _declarations(folder: Path) -> tuple[list[dict], list[str]]:
    tender = tendereval.load_tender(folder)
    return tender.declarations.to_dicts(), [str(p) for p in tender.problems]


@pytest.mark.parametrize(
    "rewrite",
    [
        pytest.param(_date_1904, id="1904-date-system"),
        pytest.param(
            _cell(DECLARATION, "B7", '<c r="B7" s="7" t="d"><v>2026-03-03T00:00:00</v></c>'),
            id="iso-date-cell",
        ),
        pytest.param(
            _cell(DECLARATION, "B7", '<c r="B7" t="d"><v>2026-03-03</v></c>'),
            id="iso-date-cell-unformatted",
        ),
        pytest.param(
            lambda parts: edited(
                parts,
                "xl/styles.xml",
                lambda t: re.sub(r"<numFmts.*?</numFmts>", "", t).replace(
                    'numFmtId="164"', 'numFmtId="14"'
                ),
            ),
            id="built-in-date-format",
        ),
    ],
)
def test_a_declaration_date_saved_another_way_reads_as_the_same_day(tmp_path, rewrite):
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    before = _declarations(folder)
    path = folder / "scores" / SCORE_SHEET
    write(rewrite(parts_of(path)), path)
    assert _declarations(folder) == before
    assert {"evaluator": "Helen Marsh", "declared_on": "2026-03-03"}.items() <= next(
        row for row in before[0] if row["evaluator"] == "Helen Marsh"
    ).items()


# ---- What an officer is told about a sheet that cannot be read ------------------------------


@pytest.mark.parametrize(
    ("cell", "found"),
    [
        ('<c r="g5" s="15"><v>27.5</v></c>', "'g5' is not a cell reference"),
        ('<c r="G6" s="15"><v>27.5</v></c>', "cell G6 is not in row 5"),
    ],
)
def test_a_damaged_sheet_is_explained_in_the_readers_words_not_pythons(
    tmp_path, plan_and_measures, cell, found
):
    """The problem quoted the reader's words behind Python's name for the error
    ('ValueError: cell G6 is not in row 5'), which tells an officer nothing."""
    _, problems = loaded(rewritten(tmp_path, _cell(PRICES, "G5", cell)), plan_and_measures)
    assert problems == [
        f"bids/{BID}: error: the sheet 'Prices' is damaged and could not be read (found "
        f"{found}); expected the workbook saved again from Excel as an .xlsx; ask the sender "
        "for it"
    ]


# ---- Files programs read two ways ------------------------------------------------------------


def _one_id_twice(parts: Parts) -> Parts:
    """Prices' relationship id given also to a copy of the sheet with other rates, after it:
    LibreOffice shows the first (27.50), openpyxl the last (2.75)."""
    parts = {
        **parts,
        "xl/worksheets/sheet7.xml": parts[PRICES].replace(b"<v>27.5</v>", b"<v>2.75</v>"),
    }
    return edited(
        parts,
        WORKBOOK_RELS,
        lambda text: re.sub(
            r'(<Relationship [^>]*Target="/xl/worksheets/sheet4.xml" Id="rId4" />)',
            rf'\1<Relationship Type="{OFFICE}/worksheet" Target="/xl/worksheets/sheet7.xml" '
            'Id="rId4" />',
            text,
        ),
    )


def test_a_relationship_id_given_twice_is_refused(tmp_path, plan_and_measures):
    rows, problems = loaded(rewritten(tmp_path, _one_id_twice), plan_and_measures)
    assert problems == [
        f"bids/{BID}: error: the workbook could not be read (found the workbook's "
        "relationships give the id 'rId4' to two parts (/xl/worksheets/sheet4.xml and "
        "/xl/worksheets/sheet7.xml), and programs differ on which they read); expected an "
        ".xlsx workbook saved from Excel; open it in Excel, save it again and send it back"
    ]
    assert not rows.get("prices")


def _prices_sheet_moved(where: str, padded: bool) -> Callable[[Parts], Parts]:
    """The Prices sheet's <sheet> taken out of the list of sheets and put ``where``: after
    it at the root, or in a second list. ``padded`` makes workbook.xml over 1 MB, so it is
    streamed rather than parsed whole."""

    def rewrite(parts: Parts) -> Parts:
        def edit(text: str) -> str:
            prices = re.search(r'<sheet name="Prices"[^>]*/>', text).group(0)
            text = text.replace(prices, "")
            if where == "root":
                text = text.replace("</sheets>", f"</sheets>{prices}")
            else:
                text = text.replace("</sheets>", f"</sheets><sheets>{prices}</sheets>")
            # Numbered, so the part does not compress like a zip bomb would.
            padding = "".join(f'<padding n="{n}"/>' for n in range(60_000 * padded))
            return text.replace("</workbook>", f"{padding}</workbook>")

        return edited(parts, "xl/workbook.xml", edit)

    return rewrite


@pytest.mark.parametrize("padded", [False, True], ids=["whole", "streamed"])
def test_a_sheet_outside_the_list_of_sheets_is_not_read(tmp_path, plan_and_measures, padded):
    """No program shows a <sheet> written outside <sheets> (openpyxl and LibreOffice list
    the workbook without it); it was read and its prices scored."""
    rows, problems = loaded(
        rewritten(tmp_path, _prices_sheet_moved("root", padded)), plan_and_measures
    )
    assert problems == [
        f"bids/{BID}: error: the workbook has no 'Prices' sheet (found Instructions, "
        "Organisation, Supply chain, Social value, Lists); expected a sheet named 'Prices' (the "
        "pricing schedule)"
    ]
    assert not rows.get("prices")


@pytest.mark.parametrize("padded", [False, True], ids=["whole", "streamed"])
def test_a_workbook_listing_its_sheets_twice_is_refused(tmp_path, plan_and_measures, padded):
    """Two <sheets> lists: LibreOffice shows the sheets of both, openpyxl of the last only."""
    rows, problems = loaded(
        rewritten(tmp_path, _prices_sheet_moved("second list", padded)), plan_and_measures
    )
    assert problems == [
        f"bids/{BID}: error: the workbook could not be read (found the workbook lists its "
        "sheets twice, and programs differ on which list they show); expected an .xlsx "
        "workbook saved from Excel; open it in Excel, save it again and send it back"
    ]
    assert not rows.get("prices")


def test_a_workbook_whose_parts_are_all_named_in_capitals_loads_as_the_original(
    tmp_path, plan_and_measures, original
):
    """Part names are compared ignoring case, so Excel opens a zip whose tool wrote every
    name in capitals; it was 'a zip file but not an Excel workbook'."""
    path = rewritten(tmp_path, lambda parts: {name.upper(): data for name, data in parts.items()})
    assert loaded(path, plan_and_measures) == original


# ---- Where the package says its workbook is ------------------------------------------------


def _workbook_moved(part: str, edit_rels: Callable[[str], str] = lambda text: text):
    """The workbook part moved to ``part`` (its relationships part with it), and the
    package's relationships (``_rels/.rels``, edited by ``edit_rels`` after) and content
    types saying so, as a program naming it otherwise writes it. The styles and theme are
    moved beside it (their Targets are relative to it); the sheets' Targets are absolute."""
    folder, file = part.rsplit("/", 1)

    def rewrite(parts: Parts) -> Parts:
        moved: Parts = {}
        for name, data in parts.items():
            if name == "xl/workbook.xml":
                name = part
            elif name == WORKBOOK_RELS:
                name = f"{folder}/_rels/{file}.rels"
            elif name in ("xl/styles.xml", "xl/theme/theme1.xml"):
                name = f"{folder}/{name.removeprefix('xl/')}"
            elif name in ("_rels/.rels", "[Content_Types].xml"):
                text = data.decode().replace("xl/workbook.xml", part)
                text = text.replace("/xl/styles.xml", f"/{folder}/styles.xml")
                text = text.replace("/xl/theme/", f"/{folder}/theme/")
                data = (edit_rels(text) if name == "_rels/.rels" else text).encode()
            moved[name] = data
        return moved

    return rewrite


@pytest.mark.parametrize("part", ["xl/book.xml", "book/workbook.xml"])
def test_a_workbook_part_named_otherwise_is_found_as_excel_finds_it(
    tmp_path, plan_and_measures, original, part
):
    """Excel opens the part the package's officeDocument relationship names as the workbook
    (LibreOffice too), whatever it is called: a return keeping it as xl/book.xml, or in a
    folder of its own, was 'a zip file but not an Excel workbook' and invalid."""
    assert loaded(rewritten(tmp_path, _workbook_moved(part)), plan_and_measures) == original


def test_the_workbook_excel_opens_is_read_not_the_one_at_the_usual_name(
    tmp_path, plan_and_measures, original
):
    """A package naming xl/book.xml as its workbook and holding an xl/workbook.xml besides
    (the same workbook with the Prices sheet's part swapped for the Instructions sheet's)
    was read from xl/workbook.xml: prices Excel never shows scored, or none. What Excel
    opens is what is read."""

    def decoy(parts: Parts) -> Parts:
        parts = _workbook_moved("xl/book.xml")(parts)
        parts["xl/workbook.xml"] = parts["xl/book.xml"]
        rels = parts["xl/_rels/book.xml.rels"].decode()
        parts[WORKBOOK_RELS] = rels.replace("sheet4.xml", "sheet1.xml").encode()
        return parts

    assert loaded(rewritten(tmp_path, decoy), plan_and_measures) == original


@pytest.mark.parametrize(
    ("edit_rels", "found"),
    [
        pytest.param(
            lambda text: text.replace('Target="xl/book.xml"', 'Target="xl/bok.xml"'),
            "the package's relationships (_rels/.rels) name the workbook 'xl/bok.xml', but "
            "the file holds no part xl/bok.xml",
            id="no-such-part",
        ),
        pytest.param(
            lambda text: text.replace(
                "</Relationships>",
                '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="xl/workbook2.xml" Id="rId9" />'
                "</Relationships>",
            ),
            "the package's relationships (_rels/.rels) name two workbooks (xl/book.xml and "
            "xl/workbook2.xml), and programs differ on which they open",
            id="two-workbooks",
        ),
        # Read whole only up to 64 KB (a package's own relationships are a few hundred bytes).
        pytest.param(
            lambda text: text.replace("</Relationships>", " " * 70_000 + "</Relationships>"),
            "the package's relationships (_rels/.rels) are larger than any workbook's",
            id="outsized",
        ),
    ],
)
def test_a_package_naming_its_workbook_where_there_is_none_says_which_part(
    tmp_path, plan_and_measures, edit_rels, found
):
    rows, problems = loaded(
        rewritten(tmp_path, _workbook_moved("xl/book.xml", edit_rels)), plan_and_measures
    )
    assert problems == [
        f"bids/{BID}: error: this is a zip file but not an Excel workbook that can be opened "
        f"(found {found}); expected the workbook saved again from Excel as an .xlsx (File › "
        "Save As › Excel Workbook); ask the sender for it"
    ]
    assert not rows.get("prices")


def test_a_word_document_is_not_taken_for_a_workbook(tmp_path, plan_and_measures):
    """A .docx is a package too, its officeDocument relationship naming word/document.xml:
    still 'a zip file but not an Excel workbook'."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body/></w:document>"
    )
    parts = {
        "_rels/.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": document.encode(),
    }
    _, problems = loaded(write(parts, tmp_path / BID), plan_and_measures)
    assert problems == [
        f"bids/{BID}: error: this is a zip file but not an Excel workbook; expected an .xlsx "
        "workbook made from the template"
    ]
