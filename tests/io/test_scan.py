"""The plain-shape reader (:mod:`tendereval.io.scan`) reads a part exactly as ElementTree does,
or declines it.

Every sheet and shared strings table below is read twice through :class:`~tendereval.io.xlsx.
Workbook` — once with the plain-shape reader (``xlsx.SCAN``) and once with ElementTree only —
and everything the loader can ask of it must be the same: the rows, each cell's value, number
format and formula flag, whether it is text, and any error, with its words, at the same row
and cell. The parts are random (hypothesis): plain ones as Excel, LibreOffice and openpyxl
write them, which the plain-shape reader must take, and ones mutated with everything that
could make the two readers disagree — comments and CDATA hiding cells, a second or prefixed
sheetData, repeated or undeclared attributes, entities, character references, control
characters, carriage returns, other encodings, cells out of order or in the wrong row.
"""

from __future__ import annotations

import re
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.io import scan, xlsx
from tendereval.io.xlsx import Workbook
from tests.cpu_time import cpu_seconds

from .test_xlsx import MAIN, Sheet, make_xlsx

OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
ROOT = f'<worksheet xmlns="{MAIN}" xmlns:r="{OFFICE}" xmlns:x14ac="{X14AC}">'
# What sits around sheetData in real sheets (Excel's, LibreOffice's, openpyxl's).
BEFORE = (
    '<dimension ref="A1:D9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
    '<cols><col min="1" max="1" width="20" customWidth="1"/></cols>'
)
AFTER = (
    '<dataValidations count="1"><dataValidation type="list" sqref="B2 B3">'
    '<formula1>"yes,no"</formula1></dataValidation></dataValidations>'
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
)

# ---- Plain parts -------------------------------------------------------------------------------

PLAIN_CONTENTS = [
    "<v>1</v>",
    "<v>2.5</v>",
    "<v>-3E-2</v>",
    "<v>0</v>",
    "<v>1</v>",
    "<v/>",
    "<v></v>",
    "<v> </v>",
    "<v>x</v>",
    "<f>SUM(A1:A2)</f>",
    "<f>A1</f><v>3</v>",
    '<f t="shared" ref="C2:C9" si="0">B2*2</f><v>4</v>',
    '<f t="shared" si="0"/><v>5</v>',
    '<f aca="false">1+1</f><v></v>',
    "<f>&quot;a&quot;&amp;B1</f><v>a&amp;b</v>",
    "<is><t>hi</t></is>",
    '<is><t xml:space="preserve"> hi </t></is>',
    "<is><t/></is>",
    "<is><t>a &lt;b&gt; &amp; &apos;c&apos;</t></is>",
    "<is><t>x_x0041__xD83D__xDE00_</t></is>",
    "<is><t>é ü 😀 ½</t></is>",
    "<v>_x0041_</v>",
]
PLAIN_TYPES = ["", ' t="n"', ' t="s"', ' t="str"', ' t="inlineStr"', ' t="b"', ' t="e"', ' t="d"']
PLAIN_STYLES = ["", ' s="0"', ' s="1"', ' s="2"', ' s="3"', ' s="01"', ' s="99"']
PLAIN_ROW_ATTRIBUTES = [
    "",
    ' spans="1:4"',
    ' ht="30" customHeight="1"',
    ' spans="1:4" x14ac:dyDescent="0.25"',
    ' customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0"',
    " ",
]
LETTERS = ["A", "B", "C", "D", "AA", "XFD", "XFE", "ZZZ"]

# ---- Mutations: each one a way the two readers could part -------------------------------------

INSIDE = [
    "<!-- a comment -->",
    '<!--<c r="A1"><v>9</v></c>-->',
    '<![CDATA[<c r="A1"><v>9</v></c>]]>',
    "<?pi x?>",
    "&bogus;",
    "&#65;",
    "&#x0;",
    "]]>",
    "<",
    "&",
    ">",
    "\r",
    "\r\n",
    "\x01",
    "\ufffe",
    "\t",
    '"',
    ' xmlns="urn:other"',
    ' xmlns:q="urn:q"',
    ' q:a="1"',
    ' x14ac:dyDescent="1"',
    ' ht="1"',
    ' r="3"',
    ' s="1"',
    ' t="s"',
    "<extLst/>",
    "<row>",
    "</row>",
    '<c r="B1"><v>7</v></c>',
    '<row r="1"><c r="A1"><v>8</v></c></row>',
    "<sheetData>",
    "</c>",
    "<v>1</v>",
    "<is><r><t>rich</t></r></is>",
    "  ",
    "\n",
]
AROUND = [
    ("", ""),
    ("<!-- note -->", ""),
    ('<!--<sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData>-->', ""),
    ("", '<extLst><sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData></extLst>'),
    (
        "",
        '<x:sheetData xmlns:x="' + MAIN + '"><row r="1"><c r="A1"><v>9</v></c></row></x:sheetData>',
    ),
    ("", "<sheetData/>"),
    # A prefixed, empty sheetData where the reader looks, and the plain one nested out of sight.
    (f'<x:sheetData xmlns:x="{MAIN}"/><extLst>', "</extLst>"),
    ("<?pi x?>", ""),
    ("", '<foo q:a="1"/>'),
    ("", "<unclosed>"),
    ('<sheetPr xmlns="urn:other"/>', ""),
]
PROLOGS = [
    DECLARATION,
    "",
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<?xml version="1.0" encoding="utf-8"?>\n',
    "\ufeff",
    " " + DECLARATION,
]
ROOTS = [
    ROOT,
    f'<worksheet xmlns="{MAIN}">',
    f'<worksheet xmlns="{MAIN}" xmlns:q="{X14AC}" xmlns:x14ac="{X14AC}">',
    f'<worksheet xmlns="urn:not-spreadsheetml" xmlns:x14ac="{X14AC}">',
]


@st.composite
def plain_rows(draw: st.DrawFn) -> str:
    """The inside of a sheetData as the programs that save bid returns write it."""
    rows = []
    number = 0
    for _ in range(draw(st.integers(0, 6))):
        number += draw(st.integers(1, 3))
        cells = []
        letters = sorted(draw(st.sets(st.sampled_from(LETTERS[:5]), max_size=4)), key=_column)
        for letter in letters:
            head = f'<c r="{letter}{number}"{draw(st.sampled_from(PLAIN_STYLES))}'
            head += draw(st.sampled_from(PLAIN_TYPES))
            content = draw(st.sampled_from(["", *PLAIN_CONTENTS]))
            if content:
                cells.append(f"{head}>{content}</c>")
            else:
                cells.append(head + draw(st.sampled_from(["/>", " />", "></c>"])))
        attributes = draw(st.sampled_from(PLAIN_ROW_ATTRIBUTES))
        space = draw(st.sampled_from(["", "", "\n  "]))
        if cells or draw(st.booleans()):
            rows.append(f'<row r="{number}"{attributes}>{space}{"".join(cells)}</row>')
        else:
            rows.append(f'<row r="{number}"{attributes}/>')
    return draw(st.sampled_from(["", "\n"])).join(rows)


def _column(letters: str) -> int:
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return column


SWAPS = [
    ('r="1"', 'r="3"'),
    ('r="2"', 'r="1"'),
    ('r="3"', 'r="2000000"'),
    ('r="B', 'r="A'),
    ('r="A', 'r="XFE'),
    ('r="C', 'r="A'),
    ('"A2"', '"A3"'),
    ('"B1"', '"B01"'),
    (' t="s"', ' t="zz"'),
    (' s="1"', ' s="x"'),
    ("<v>0</v>", "<v>-1</v>"),
    ("<v>1</v>", "<v>9</v>"),
]


@st.composite
def mutated_sheets(draw: st.DrawFn) -> str:
    """A sheet part, plain or broken in one or more of the ways above."""
    inside = draw(plain_rows())
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(inside)))
        how = draw(st.sampled_from(["insert", "insert", "delete", "swap"]))
        if how == "insert":
            inside = inside[:at] + draw(st.sampled_from(INSIDE)) + inside[at:]
        elif how == "delete" and inside:
            inside = inside[:at] + inside[at + 1 :]
        elif how == "swap":  # rows and cells out of order or in the wrong row
            old, new = draw(st.sampled_from(SWAPS))
            inside = inside.replace(old, new, 1)
    # The plain surroundings most of the time, so the inside's mutations reach the grammar.
    before, after = draw(st.sampled_from(AROUND[:1] * len(AROUND) + AROUND))
    prolog = draw(st.sampled_from(PROLOGS[:1] * len(PROLOGS) + PROLOGS))
    root = draw(st.sampled_from(ROOTS[:1] * len(ROOTS) + ROOTS))
    return (
        f"{prolog}{root}{BEFORE}{before}<sheetData>{inside}</sheetData>{after}{AFTER}</worksheet>"
    )


SHARED = ["one", "two", "a &amp; b", "x_x0041_", " spaced "]


def book(folder: Path, sheet: str, shared: list[str] | None = None, raw: bool = False) -> Path:
    """A workbook with the sheet part ``sheet``; the shared strings are items (<t>text</t>
    each), or ``raw`` the whole inside of <sst>."""
    items = tuple(shared if raw else [f"<t>{s}</t>" for s in (shared or SHARED)])
    path = folder / f"book{time.perf_counter_ns()}.xlsx"
    return make_xlsx(
        path,
        Sheet("Sheet1", xml=sheet),
        shared=items,
        formats={164: "0.0%", 165: "dd/mm/yyyy"},
        cell_formats=(0, 164, 165, 10),
    )


def reading(path: Path, scanned: bool) -> list[Any]:
    """Everything the loader can ask of the sheet, errors included (with their words)."""
    found: list[Any] = []
    with patch.object(xlsx, "SCAN", scanned), Workbook(path) as workbook:
        for max_col in (None, 2):
            try:
                for number, cells in workbook.rows("Sheet1", max_col=max_col):
                    row = {}
                    for column, cell in cells.items():
                        try:
                            row[column] = (
                                workbook.value(cell),
                                workbook.is_text(cell),
                                workbook.text(cell),
                            )
                        except Exception as exc:
                            row[column] = ("raised", type(exc).__name__, str(exc))
                    found.append((number, row))
            except Exception as exc:
                found.append(("raised", type(exc).__name__, str(exc)))
    return found


def _types_match(a: Any, b: Any) -> bool:
    """Equal, and every value of the same type (1 and 1.0 and True are not the same reading)."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_types_match(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_types_match(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def scanned_part(path: Path, name: str) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        data = archive.read(name)
    if name.endswith("sharedStrings.xml"):
        return scan.scan_shared_strings(data) is not None
    return scan.scan_sheet(data) is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inside=plain_rows(), prolog=st.sampled_from(PROLOGS[:3]), spaced=st.booleans())
def test_a_plain_sheet_is_read_by_the_grammar_and_reads_as_elementtree_reads_it(
    inside: str, prolog: str, spaced: bool
) -> None:
    sheet = f"{prolog}{ROOT}{BEFORE}<sheetData>{inside}</sheetData>{AFTER}</worksheet>"
    with tempfile.TemporaryDirectory() as folder:
        path = book(Path(folder), sheet)
        assert scanned_part(path, "xl/worksheets/sheet1.xml")
        fast, slow = reading(path, True), reading(path, False)
        assert _types_match(fast, slow), (fast, slow)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=mutated_sheets())
def test_a_mutated_sheet_reads_the_same_both_ways_or_is_left_to_elementtree(sheet: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = book(Path(folder), sheet)
        fast, slow = reading(path, True), reading(path, False)
        assert _types_match(fast, slow), (sheet, fast, slow)


SHARED_ITEMS = [
    "<t>plain</t>",
    '<t xml:space="preserve"> kept </t>',
    "<t/>",
    "<t>a &amp; b &lt;c&gt;</t>",
    "<t>x_x0041_ and _xD83D_</t>",
    "<t>é 😀</t>",
    "<r><t>rich</t></r><r><rPr><b/></rPr><t> text</t></r>",
    '<t>ruby</t><rPh sb="0" eb="1"><t>phonetic</t></rPh>',
    "<t>&#65;</t>",
    "<t>_&#120;0041_</t>",  # an escape spelled with a character reference: "_x" in no byte
    "<t>\r\n</t>",
    "<!-- c --><t>x</t>",
    "<t><![CDATA[<b>]]></t>",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(st.sampled_from(SHARED_ITEMS), min_size=1, max_size=6))
def test_shared_strings_read_the_same_both_ways(items: list[str]) -> None:
    cells = "".join(
        f'<c r="{letter}1" t="s"><v>{i}</v></c>' for i, letter in enumerate("ABCDEF"[: len(items)])
    )
    sheet = f'{ROOT}<sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    with tempfile.TemporaryDirectory() as folder:
        path = book(Path(folder), sheet, items, raw=True)
        plain = all(item in SHARED_ITEMS[:6] for item in items)
        assert scanned_part(path, "xl/sharedStrings.xml") == plain
        fast, slow = reading(path, True), reading(path, False)
        assert _types_match(fast, slow), (items, fast, slow)


@pytest.mark.parametrize(
    "inside",
    [
        # Excel: spans, dyDescent, shared strings, a shared formula
        '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c>'
        '<c r="B1" s="2"><v>0.03</v></c><c r="C1"><f t="shared" ref="C1:C2" si="0">B1*2</f>'
        '<v>0.06</v></c></row><row r="2" spans="1:3" x14ac:dyDescent="0.25"><c r="C2">'
        '<f t="shared" si="0"/><v>0</v></c></row>',
        # LibreOffice: every row attribute spelled out, a formula with aca
        '<row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
        'outlineLevel="0" collapsed="false"><c r="A1" s="0" t="str"><f aca="false">"x"</f>'
        "<v>x</v></c></row>",
        # openpyxl (the templates): inline strings, formatted empty cells
        '<row r="4" ht="30" customHeight="1"><c r="A4" s="1" t="inlineStr"><is><t>Lot</t>'
        '</is></c><c r="B4" s="2" t="n" /></row><row r="5"><c r="A5" s="3" t="n"><v>27.5</v>'
        "</c></row>",
    ],
)
def test_what_excel_libreoffice_and_openpyxl_write_is_read_by_the_grammar(
    inside: str, tmp_path: Path
) -> None:
    sheet = f"{DECLARATION}{ROOT}<sheetData>{inside}</sheetData></worksheet>"
    path = book(tmp_path, sheet)
    assert scanned_part(path, "xl/worksheets/sheet1.xml")
    assert _types_match(reading(path, True), reading(path, False))


@pytest.mark.parametrize(
    "inside",
    [
        '<row r="1"><c r="A1"><v>1</v></c></row>' * 40_000,  # a long, plain sheet
        '<row r="1"><c r="A1"><v>' + "&amp;" * 200_000 + "</v></c></row>",
        '<row r="1"><c r="A1"><v>1</v></c>' * 40_000,  # rows never closed
        '<row r="1">' + '<c r="A1"><f t="a" t="a" t="a"' * 30_000,  # attributes repeated
        '<row r="1" ' + 'a="1" ' * 100_000 + ">",
        " " * 200_000 + "x",  # white space the search for a row tried at every space
        '<row r="1"' + " " * 200_000 + ">",
        '<row r="1"/>' + "\n" * 200_000 + "<row",
    ],
)
def test_the_grammar_takes_time_in_proportion_to_the_part(inside: str) -> None:
    # A deterministic grammar: no input makes the regular expressions backtrack far.
    data = f"{ROOT}<sheetData>{inside}</sheetData></worksheet>".encode()
    start = cpu_seconds()
    scan.scan_sheet(data)
    assert cpu_seconds() - start < 1.0


@pytest.mark.parametrize(
    "inside", [" " * 200_000 + "x", "<si><t>a</t></si>" + "\t" * 200_000 + "<si"]
)
def test_the_shared_strings_take_time_in_proportion_to_the_table(inside: str) -> None:
    data = f'<sst xmlns="{MAIN}">{inside}</sst>'.encode()
    start = cpu_seconds()
    assert scan.scan_shared_strings(data) is None
    assert cpu_seconds() - start < 1.0


@pytest.mark.parametrize(
    "inside",
    [
        '<row r="1">' + '<c r="A1" s="1"><v>1</v></c>' * 200_000 + "</row>",  # one long row
        '<row r="1"><c r="A1"><v>' + "&amp;" * 400_000 + "</v></c></row>",
    ],
)
def test_the_grammar_takes_memory_in_proportion_to_a_row_not_to_the_part(inside: str) -> None:
    """The engine keeps a place to back up to for each repeat of a group until a match ends
    (about 1.5 KB a cell): one row of 200,000 cells took 300 MB. Each repeat is bounded
    beyond what Excel can save (16,384 cells in a row), and a part past a bound is left to
    ElementTree."""
    data = f"{ROOT}<sheetData>{inside}</sheetData></worksheet>".encode()
    tracemalloc.start()
    try:
        scan.scan_sheet(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(data), f"{peak / 2**20:.0f} MB for a part of {len(data) / 2**20:.0f} MB"


def test_a_row_of_excels_most_cells_is_read_by_the_grammar() -> None:
    cells = "".join(f'<c r="{_letters(n)}1"><v>{n}</v></c>' for n in range(1, 16_385))
    data = f'{ROOT}<sheetData><row r="1">{cells}</row></sheetData></worksheet>'.encode()
    scanned = scan.scan_sheet(data)
    assert scanned is not None and len(scanned.cells) == 16_384


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def test_the_surroundings_are_remembered_by_digest_and_bounded() -> None:
    for i in range(100):
        data = f'{ROOT}<dimension ref="A{i}"/><sheetData></sheetData></worksheet>'.encode()
        assert scan.scan_sheet(data) == scan.ScannedSheet([], [])
    assert len(scan._SURROUNDINGS) <= 64
    assert all(len(key[0]) == 16 for key in scan._SURROUNDINGS)  # digests, not the bytes


def test_a_prefixed_sheet_data_where_the_reader_looks_is_not_mistaken_for_a_nested_one(
    tmp_path: Path,
) -> None:
    # ElementTree's reader reads the root's empty x:sheetData (the same element, prefixed);
    # the plain one inside extLst is out of its sight, so the grammar must not read it either.
    sheet = (
        f'{ROOT}<x:sheetData xmlns:x="{MAIN}"/><extLst><sheetData><row r="1"><c r="A1">'
        "<v>9</v></c></row></sheetData></extLst></worksheet>"
    )
    path = book(tmp_path, sheet)
    assert not scanned_part(path, "xl/worksheets/sheet1.xml")
    assert reading(path, True) == reading(path, False) == []


def test_a_row_number_given_twice_is_left_to_elementtree(tmp_path: Path) -> None:
    # An empty row 3 would otherwise take the cells of the second row 3 and yield them before
    # the repeat is refused; ElementTree's reader refuses it at once.
    rows = '<row r="3"/><row r="3"><c r="A3"><v>1</v></c></row>'
    sheet = f"{ROOT}<sheetData>{rows}</sheetData></worksheet>"
    path = book(tmp_path, sheet)
    assert not scanned_part(path, "xl/worksheets/sheet1.xml")
    assert reading(path, True) == reading(path, False)


# The shared strings are checked and read in one pass (scan._SHARED_STRING_ITEM, split):
# the same as the grammar's check (scan._SHARED_STRINGS) followed by reading each item.
_READ_ITEMS = re.compile(r"<si><t[^>]*?(?:/>|>([^<]*+)</t>)</si>")
SST_PIECES = [
    *SHARED_ITEMS,
    "<si><t/></si>",
    "<si><t />",
    '<si><t xml:space="preserve"/></si>',
    "<si><t/>tail</si>",
    "<si><t/><t>b</t></si>",
    "<si><t>a</t>tail</si>",
    "<si></si>",
    "<si/>",
    "<si><t>x</t></si>",
    "<si><t>&amp;</t></si>",
    " ",
    "\n",
    "\t",
    "\r",
    "x",
    "</si>",
    "<si>",
]


def _two_passes(text: str) -> list[str] | None:
    if scan._SHARED_STRINGS.fullmatch(text) is None:
        return None
    return _READ_ITEMS.findall(text)


@settings(max_examples=500, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(SST_PIECES).map(
            lambda p: (
                p if p.startswith(("<si", " ", "\n", "\t", "\r", "x", "</si")) else f"<si>{p}</si>"
            )
        ),
        max_size=8,
    )
)
def test_shared_strings_are_checked_and_read_in_one_pass_as_in_two(pieces: list[str]) -> None:
    inside = "".join(pieces)
    data = f'<sst xmlns="{MAIN}">{inside}</sst>'.encode()
    found = scan.scan_shared_strings(data)
    expected = _two_passes(inside)
    if expected is not None and "&" in inside:
        expected = [scan._ENTITY.sub(scan._entity, s) for s in expected]
    if scan._decoded(data, data.index(b">") + 1, data.rindex(b"</sst>")) is None:
        expected = None
    assert found == expected, inside


def _inside(sheet: str) -> str | None:
    data = sheet.encode("utf-8", "surrogatepass")
    start = data.find(b"<sheetData>") + len(b"<sheetData>")
    end = data.find(b"</sheetData>", start)
    return scan._decoded(data, start, end) if start >= len(b"<sheetData>") and end >= 0 else None


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sheet=st.one_of(
        mutated_sheets(),
        plain_rows().map(lambda r: f"{ROOT}<sheetData>{r}</sheetData></worksheet>"),
    )
)
def test_rows_are_checked_and_read_in_one_pass_as_the_grammar_and_rows_read_them(
    sheet: str,
) -> None:
    # scan_sheet splits the inside on one row of the grammar (scan._SHEET_ROW); it read the
    # inside with the whole grammar (scan._SHEET_DATA) and then every row (scan._ROWS).
    text = _inside(sheet)
    if text is None:
        return
    parts = scan.split_whole(scan._SHEET_ROW, text)
    one_pass = parts is not None
    assert one_pass == (scan._SHEET_DATA.fullmatch(text) is not None), text
    if parts is not None:
        assert list(zip(parts[1::3], parts[2::3], strict=True)) == scan._ROWS.findall(text)


# The pattern the root's declarations were once found by: from every "xmlns:" in a run that
# fails it read the run again.
_OLD_DECLARATION = re.compile(
    rb"""xmlns:([^ \t\r\n=]+)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')"""
)
_DECLARATION_PARTS = [b"xmlns:", b"a", b"=", b'"', b"'", b" ", b"\n", b"x", b"xmlns", b":"]


@given(st.lists(st.sampled_from(_DECLARATION_PARTS), max_size=12))
def test_the_roots_declarations_are_found_as_the_pattern_found_them(parts: list[bytes]) -> None:
    attributes = b"".join(parts)
    found = [one for one in scan._DECLARATION.findall(attributes) if one[0]]
    assert found == _OLD_DECLARATION.findall(attributes)


def test_a_roots_long_value_costs_no_more_than_its_length() -> None:
    """Regex audit: a worksheet whose root held a value of "xmlns:a" 8,000 times took 3.3
    processor-seconds to read its declarations, four times as long for each doubling."""
    started = cpu_seconds()
    assert scan._root_prefixes(b'<worksheet a="' + b"xmlns:a" * 8_000 + b'">') == {"xml"}
    assert cpu_seconds() - started < 0.5
    assert scan._root_prefixes(b'<worksheet a="' + b"xmlns:a" * 1_000_000 + b'">') == {"xml"}
    assert cpu_seconds() - started < 1.0
