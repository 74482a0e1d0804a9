"""The plain-shape reader of styles.xml (:func:`tendereval.io.scan.scan_styles`) reads the
number formats and cell formats exactly as the ElementTree reader does, or declines the part.

The ElementTree reader (:func:`tendereval.io.xlsx._style_items`) is the reference: for every
part below, plain as Excel, LibreOffice and openpyxl write it or mutated in a way that could
make the two part, either the grammar declines (None: the part goes to ElementTree as before)
or ElementTree parses the part and finds the same items in the same order — so every cell's
number format, date reading and every limit's error are the same either way. Random parts come
from hypothesis; the cases that matter most are also pinned by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any
from unittest.mock import patch
from xml.etree.ElementTree import fromstring

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.io import scan, xlsx
from tendereval.io.scan import StyleItem
from tendereval.io.xlsx import Workbook

from .test_xlsx import MAIN, STRICT, Sheet, make_xlsx

X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
# Excel's root, with the namespaces it declares.
ROOT = f'<styleSheet xmlns="{MAIN}" xmlns:mc="{MC}" mc:Ignorable="x14ac" xmlns:x14ac="{X14AC}">'
# What sits between the lists in real styles parts (Excel's, LibreOffice's, openpyxl's): fonts,
# fills, borders, the cell style formats (xf elements the reader must not take), and after the
# cell formats the named styles, differential formats holding numFmt elements of their own
# (again not read), colours and extensions.
BETWEEN = (
    '<fonts count="1" x14ac:knownFonts="1"><font><sz val="11"/><name val="Calibri"/></font>'
    '</fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
)
AFTER = (
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="1"><dxf><numFmt numFmtId="170" formatCode="dd/mm/yyyy"/></dxf></dxfs>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium2"/>'
    '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF08}" xmlns:x14="urn:x14">'
    '<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst>'
)

# ---- Plain parts -------------------------------------------------------------------------------

FORMAT_CODES = [
    "0.0%",
    "dd/mm/yyyy",
    "&quot;£&quot;#,##0.00",
    "[$-809]dd mmmm yyyy",
    "[h]:mm",
    "#,##0.00_);[Red]\\(#,##0.00\\)",
    "[&gt;=100]0;0.0",
    "&quot;bid 7&quot;0",
    "@",
    "",
    "General",
]
NUMBER_FORMAT_IDS = ["164", "165", "166", "9", "14", "0", "300", "164"]  # 164 again: the last wins
XF_ATTRIBUTES = [
    ' numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"',
    ' numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"',
    ' numFmtId="164" fontId="0" fillId="0" borderId="0" applyAlignment="1" pivotButton="0"',
    ' numFmtId="165"',
    ' fontId="1"',  # no numFmtId: General
    ' numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" x14ac:dummy="1"',
    ' numFmtId="46" ',
]
XF_CHILDREN = [
    "",
    '<alignment vertical="top" wrapText="1"/>',
    '<protection locked="0" hidden="0" />',
    '<alignment horizontal="center"/><protection locked="0"/>',
    "<alignment></alignment>",
]


@st.composite
def number_formats(draw: st.DrawFn) -> str:
    """A numFmts list as the programs that save bid returns write it ("" when none)."""
    count = draw(st.integers(0, 4))
    if count == 0 and draw(st.booleans()):
        return ""
    items = []
    for _ in range(count):
        number = draw(st.sampled_from(NUMBER_FORMAT_IDS))
        code = draw(st.sampled_from(FORMAT_CODES))
        close = draw(st.sampled_from(["/>", " />", "></numFmt>"]))
        items.append(f'<numFmt numFmtId="{number}" formatCode="{code}"{close}')
    space = draw(st.sampled_from(["", "\n  "]))
    if not items and draw(st.booleans()):
        return '<numFmts count="0"/>'
    return f'<numFmts count="{count}">{space}{space.join(items)}</numFmts>'


@st.composite
def cell_formats(draw: st.DrawFn) -> str:
    items = []
    for _ in range(draw(st.integers(0, 5))):
        attributes = draw(st.sampled_from(XF_ATTRIBUTES))
        children = draw(st.sampled_from(XF_CHILDREN))
        if children:
            items.append(f"<xf{attributes}>{children}</xf>")
        else:
            items.append(f"<xf{attributes}{draw(st.sampled_from(['/>', ' />']))}")
    space = draw(st.sampled_from(["", "\n"]))
    if not items and draw(st.booleans()):
        return '<cellXfs count="0"/>'
    return f'<cellXfs count="{len(items)}">{space}{space.join(items)}</cellXfs>'


def plain_part(formats: str, cells: str, root: str = ROOT, prolog: str = DECLARATION) -> str:
    return f"{prolog}{root}{formats}{BETWEEN}{cells}{AFTER}</styleSheet>"


# ---- Mutations: each one a way the two readers could part -------------------------------------

INSIDE = [
    "<!-- a comment -->",
    '<!--<xf numFmtId="14"/>-->',
    '<![CDATA[<xf numFmtId="14"/>]]>',
    "<?pi x?>",
    "&bogus;",
    "&#65;",
    "&#x0;",
    "<",
    "&",
    ">",
    "\r",
    "\t",
    "\x01",
    "\ufffe",
    '"',
    "'",
    " ",
    "\n",
    ' xmlns="urn:other"',
    ' xmlns:q="urn:q"',
    ' q:numFmtId="3"',
    ' x14ac:numFmtId="3"',
    ' numFmtId="3"',
    ' formatCode="0%"',
    ' numFmtId=""',
    " numFmtId='3'",
    ' numFmtId="&amp;"',
    ' numFmtId=" 7"',
    '<xf numFmtId="22"/>',
    '<numFmt numFmtId="22" formatCode="x"/>',
    "<extLst/>",
    "<xf>",
    "</xf>",
    "<numFmts>",
    "</cellXfs>",
    "<cellXfs>",
    '<alignment vertical="top"/>',
    "<font/>",
]
AROUND = [
    ("", ""),
    ("<!-- note -->", ""),
    ('<!--<cellXfs><xf numFmtId="14"/></cellXfs>-->', ""),
    ("", '<cellXfs><xf numFmtId="14"/></cellXfs>'),
    ("", '<numFmts><numFmt numFmtId="164" formatCode="0"/></numFmts>'),
    ("", f'<x:cellXfs xmlns:x="{MAIN}"><x:xf numFmtId="14"/></x:cellXfs>'),
    (f'<x:cellXfs xmlns:x="{MAIN}"/><extLst>', "</extLst>"),
    ("", f'<x:numFmts xmlns:x="{MAIN}"/>'),
    ("", "<cellXfs/>"),
    ("<?pi x?>", ""),
    ("", '<foo q:a="1"/>'),
    ("", "<unclosed>"),
    ('<colors xmlns="urn:other"/>', ""),
    ("", '<cellStyle name="cellXfs"/>'),
]
PROLOGS = [
    DECLARATION,
    "",
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    "\ufeff",
    " " + DECLARATION,
]
ROOTS = [
    ROOT,
    f'<styleSheet xmlns="{MAIN}" xmlns:x14ac="{X14AC}">',
    f'<styleSheet xmlns="{STRICT}" xmlns:x14ac="{X14AC}">',
    f'<styleSheet xmlns:x14ac="{X14AC}" xmlns="{MAIN}" >',
    f'<styleSheet xmlns="{MAIN}">',  # x14ac undeclared
    f'<styleSheet xmlns="{MAIN}" xmlns:q="{X14AC}" xmlns:x14ac="{X14AC}">',
    '<styleSheet xmlns="urn:not-spreadsheetml">',
    f'<x:styleSheet xmlns:x="{MAIN}">',
    f'<cellXfs xmlns="{MAIN}">',
]


# Attributes added to a start tag: repeated, prefixed (declared or not), declarations, other
# quotes, references and white space XML would normalise.
ATTRIBUTES = [
    ' numFmtId="3"',
    ' formatCode="0%"',
    ' q:numFmtId="3"',
    ' x14ac:numFmtId="3"',
    ' mc:Ignorable="x14ac"',
    ' xmlns="urn:other"',
    ' xmlns:q="urn:q"',
    f' xmlns:x14ac="{X14AC}"',
    " numFmtId='3'",
    ' numFmtId="&#51;"',
    ' numFmtId="&amp;"',
    ' numFmtId="\t3"',
    ' fontId="1"',
]
_START_TAG = re.compile(r"<(?:numFmts?|xf|cellXfs|alignment|protection)(?=[ />])")


@st.composite
def mutated_parts(draw: st.DrawFn, surroundings: bool = True) -> str:
    """A styles part, plain or broken in one or more of the ways above (the lists only, or
    also what surrounds them)."""
    formats, cells = draw(number_formats()), draw(cell_formats())
    for _ in range(draw(st.sampled_from([0, 1, 1, 2, 3]))):
        which = draw(st.booleans())
        inside = formats if which else cells
        at = draw(st.integers(0, len(inside)))
        how = draw(st.sampled_from(["insert", "insert", "attribute", "delete"]))
        tags = [m.end() for m in _START_TAG.finditer(inside)]
        if how == "attribute" and tags:  # where an attribute would go, after a tag's name
            at = draw(st.sampled_from(tags))
            inside = inside[:at] + draw(st.sampled_from(ATTRIBUTES)) + inside[at:]
        elif how != "delete":
            inside = inside[:at] + draw(st.sampled_from(INSIDE)) + inside[at:]
        elif inside:
            inside = inside[:at] + inside[at + 1 :]
        formats, cells = (inside, cells) if which else (formats, inside)
    # The plain surroundings often, so the lists' mutations reach the grammar, but each odd
    # surrounding often enough to meet every mutation of the lists.
    before, after, prolog, root = AROUND[0] + (PROLOGS[0], ROOTS[0])
    if surroundings:
        before, after = draw(st.sampled_from(AROUND[:1] * 4 + AROUND))
        prolog = draw(st.sampled_from(PROLOGS[:1] * 4 + PROLOGS))
        root = draw(st.sampled_from(ROOTS[:1] * 4 + ROOTS))
    close = "</x:styleSheet>" if root.startswith("<x:") else "</styleSheet>"
    if root.startswith("<cellXfs"):
        close = "</cellXfs>"
    order = draw(st.booleans())  # the lists in either order
    lists = f"{formats}{BETWEEN}{before}{cells}" if order else f"{cells}{BETWEEN}{before}{formats}"
    return f"{prolog}{root}{lists}{after}{AFTER}{close}"


def by_elementtree(data: bytes) -> Any:
    """What the ElementTree reader finds, or the error it raises (type and words)."""
    try:
        return list(xlsx._style_items(fromstring(data)))
    except Exception as exc:
        return ("raised", type(exc).__name__)


def styles_read(items: Any) -> Any:
    """The styles (or the error, with its words) the loader makes of the items."""
    try:
        return xlsx._styles(items)
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formats=number_formats(), cells=cell_formats(), root=st.sampled_from(ROOTS[:4]))
def test_a_plain_styles_part_is_read_by_the_grammar_as_elementtree_reads_it(
    formats: str, cells: str, root: str
) -> None:
    data = plain_part(formats, cells, root).encode()
    scanned = scan.scan_styles(data)
    assert scanned is not None, data
    assert scanned == by_elementtree(data)
    assert styles_read(scanned) == styles_read(by_elementtree(data))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part=st.one_of(mutated_parts(surroundings=False), mutated_parts()))
def test_a_mutated_styles_part_reads_the_same_both_ways_or_is_left_to_elementtree(
    part: str,
) -> None:
    data = part.encode("utf-8", "surrogatepass")
    scanned = scan.scan_styles(data)
    if scanned is not None:
        assert scanned == by_elementtree(data), part
        assert styles_read(scanned) == styles_read(by_elementtree(data))


@pytest.mark.parametrize(
    ("around", "plain"),
    [
        # Prefixed lists where the reader looks, plain ones nested out of its sight
        ((f'<x:cellXfs xmlns:x="{MAIN}"/><extLst>', "</extLst>"), False),
        ((f'<x:numFmts xmlns:x="{MAIN}"/><extLst>', "</extLst>"), False),
        # A second list: ElementTree reads both
        (("", '<cellXfs><xf numFmtId="14"/></cellXfs>'), False),
        # A list hidden in a comment
        (('<!--<cellXfs><xf numFmtId="14"/></cellXfs>-->', ""), False),
        # The name in an attribute value elsewhere: left to ElementTree, harmlessly
        (("", '<cellStyles><cellStyle name="cellXfs"/></cellStyles>'), False),
        (("", ""), True),
    ],
)
def test_the_lists_must_be_the_ones_the_reader_reads(around: tuple[str, str], plain: bool) -> None:
    formats = '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
    cells = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>'
    before, after = around
    data = f"{ROOT}{formats}{BETWEEN}{before}{cells}{after}</styleSheet>".encode()
    scanned = scan.scan_styles(data)
    assert (scanned is not None) == plain
    if plain:
        assert (
            scanned
            == by_elementtree(data)
            == [
                StyleItem(False, "164", "0.0%"),
                StyleItem(True, "0", None),
                StyleItem(True, "164", None),
            ]
        )


@pytest.mark.parametrize(
    "attributes",
    [
        ' numFmtId="1" numFmtId="2"',  # given twice: not XML
        ' numFmtId="1" q:numFmtId="2"',  # an undeclared prefix
        ' numFmtId="1" x14ac:a="2" x14ac:a="3"',
        ' xmlns:q="urn:q" q:numFmtId="2"',  # a declaration: left to ElementTree
        " numFmtId='1'",
        ' numFmtId="&#49;"',
        ' numFmtId="1\t"',
    ],
)
def test_attributes_elementtree_would_refuse_or_read_otherwise_are_left_to_it(
    attributes: str,
) -> None:
    data = f'{ROOT}<cellXfs count="1"><xf{attributes}/></cellXfs></styleSheet>'.encode()
    assert scan.scan_styles(data) is None


def test_what_excel_libreoffice_and_openpyxl_write_is_read_by_the_grammar() -> None:
    excel = (
        f"{DECLARATION}{ROOT}"
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;£&quot;#,##0.00"/>'
        '<numFmt numFmtId="165" formatCode="dd/mm/yyyy;@"/></numFmts>'
        f"{BETWEEN}"
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
        'applyAlignment="1"><alignment horizontal="left" vertical="top" wrapText="1"/></xf>'
        f"</cellXfs>{AFTER}</styleSheet>"
    )
    libreoffice = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="General"/></numFmts><fonts count="1"><font><sz val="10"/></font></fonts>'
        '<cellXfs count="2"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" '
        'applyFont="true" applyBorder="true" applyAlignment="true" applyProtection="true">'
        '<alignment horizontal="general" vertical="bottom" textRotation="0" wrapText="false" '
        'indent="0" shrinkToFit="false"/><protection locked="true" hidden="false"/></xf>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>'
    )
    for part in (excel, libreoffice):
        data = part.encode()
        scanned = scan.scan_styles(data)
        assert scanned is not None
        assert scanned == by_elementtree(data)
    bid = Path(__file__).parents[2] / "examples" / "homecare-districts" / "bids"
    for path in sorted(bid.glob("*.xlsx")):
        with Workbook(path) as workbook:
            data = workbook._archive.read("xl/styles.xml")
        assert scan.scan_styles(data) == by_elementtree(data)


def test_a_workbook_reads_the_same_with_and_without_the_grammar(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>0.5</v></c>'
        '<c r="C1" s="3"><v>1.25</v></c><c r="D1" s="4"><v>7</v></c></row>'
    )
    path = make_xlsx(
        tmp_path / "book.xlsx",
        Sheet("Sheet1", rows=rows),
        formats={164: "dd/mm/yyyy", 165: "[h]:mm"},
        cell_formats=(0, 164, 9, 165, 300),
    )
    found = []
    for scanned in (True, False):
        xlsx._STYLES.clear()
        with patch.object(xlsx, "SCAN", scanned), Workbook(path) as workbook:
            found.append(
                [
                    (workbook.value(cell), type(workbook.value(cell)[0]))
                    for _, cells in workbook.rows("Sheet1")
                    for cell in cells.values()
                ]
            )
    assert found[0] == found[1]
    assert [value for (value, _, _), _ in found[0]][1:] == [0.5, dt.timedelta(hours=30), 7]


def test_too_many_cell_formats_are_refused_the_same_both_ways() -> None:
    xfs = '<xf numFmtId="0"/>' * (xlsx.MAX_CELL_FORMATS + 1)
    data = f"{ROOT}<cellXfs>{xfs}</cellXfs></styleSheet>".encode()
    scanned = scan.scan_styles(data)
    assert scanned is not None
    refused = styles_read(scanned)
    assert refused == styles_read(by_elementtree(data))
    assert refused[0] == "raised" and "64,000 cell formats" in refused[2]


@pytest.mark.parametrize(
    "inside",
    [
        '<xf numFmtId="0"/>' * 40_000,
        '<xf numFmtId="0"' + ' a="1"' * 100_000 + "/>",
        '<xf numFmtId="0">' * 40_000,  # never closed
        "<xf " + "&amp;" * 200_000,
    ],
)
def test_the_grammar_takes_time_in_proportion_to_the_part(inside: str) -> None:
    data = f"{ROOT}<cellXfs>{inside}</cellXfs></styleSheet>".encode()
    # Processor time (the grammar runs on this thread alone): about 0.08 s for these parts, and
    # seconds for a grammar that backtracks; a loaded machine's waiting does not count.
    start = time.process_time()
    scan.scan_styles(data)
    assert time.process_time() - start < 1.0


@pytest.mark.parametrize(
    "part",
    [
        '<cellXfs q:count="1"><xf numFmtId="1"/></cellXfs>',  # the list's own tag
        '<cellXfs count="1" count="1"><xf numFmtId="1"/></cellXfs>',
        '<cellXfs><xf numFmtId="1"><alignment q:wrapText="1"/></xf></cellXfs>',  # a child's
        '<cellXfs><xf numFmtId="1"><protection locked="0" locked="1"/></xf></cellXfs>',
        '<numFmts q:count="0"/><cellXfs><xf numFmtId="1"/></cellXfs>',
    ],
)
def test_every_start_tag_in_the_lists_is_checked_not_only_the_items(part: str) -> None:
    data = f"{ROOT}{part}</styleSheet>".encode()
    assert by_elementtree(data) == ("raised", "ParseError")
    assert scan.scan_styles(data) is None


# ---- Lists matched before (scan._MATCHED) ------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    formats=number_formats(),
    cells=cell_formats(),
    after_cells=st.sampled_from(["", *INSIDE, *(after for _, after in AROUND)]),
    after_formats=st.sampled_from(["", *INSIDE]),
    root=st.sampled_from(ROOTS),
    first=st.booleans(),
)
def test_a_list_matched_before_is_read_as_the_grammar_reads_it_whatever_follows(
    formats: str, cells: str, after_cells: str, after_formats: str, root: str, first: bool
) -> None:
    # A supplier's Excel keeps the template's lists and adds to what follows them: the same
    # list text, then something else. Read with the lists remembered from a plain part, it
    # must read as with nothing remembered, and as ElementTree reads it.
    scan._MATCHED.clear()
    assert scan.scan_styles(plain_part(formats, cells).encode()) is not None  # remembered
    lists = (
        f"{formats}{after_formats}{BETWEEN}{cells}{after_cells}"
        if first
        else f"{cells}{after_cells}{BETWEEN}{formats}{after_formats}"
    )
    data = f"{DECLARATION}{root}{lists}{AFTER}</styleSheet>".encode()
    warm = scan.scan_styles(data)
    scan._MATCHED.clear()
    cold = scan.scan_styles(data)
    assert warm == cold, data
    if warm is not None:
        assert warm == by_elementtree(data), data


def test_lists_matched_before_are_bounded() -> None:
    scan._MATCHED.clear()
    for i in range(2 * scan._MATCHED_KEPT):
        cells = f'<cellXfs count="1"><xf numFmtId="{i}"/></cellXfs>'
        assert scan.scan_styles(plain_part('<numFmts count="0"/>', cells).encode()) is not None
    assert len(scan._MATCHED) == scan._MATCHED_KEPT
    long = "<xf/>" * (scan._MATCHED_MAX_CHARACTERS // 5 + 1)
    scan._MATCHED.clear()
    assert scan.scan_styles(plain_part("", f"<cellXfs>{long}</cellXfs>").encode()) is not None
    assert not scan._MATCHED


def test_a_list_every_part_shares_stays_while_each_part_brings_its_own() -> None:
    # As a supplier's Excel saves them: one number format of each bid's own, the template's
    # cell formats in every bid.
    scan._MATCHED.clear()
    cells = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>'
    for i in range(3 * scan._MATCHED_KEPT):
        formats = f'<numFmts count="1"><numFmt numFmtId="164" formatCode="0.{i}"/></numFmts>'
        assert scan.scan_styles(plain_part(formats, cells).encode()) is not None
    assert cells in scan._MATCHED
    assert len(scan._MATCHED) == scan._MATCHED_KEPT
