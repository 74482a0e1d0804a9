"""The direct XML reader (:mod:`tendereval.io.xlsx`) reads every cell as openpyxl does.

openpyxl in read-only, saved-values mode is the oracle: it is the reader ours replaced, and what
a cell read as then is what it must read as now. The module checks that four ways:

* a property test writes random workbooks with openpyxl and compares every cell;
* hand-written XML covers what openpyxl never writes (shared strings, rich text, phonetic runs,
  cells without references, 1904 dates, strict OOXML, damaged sheets, streaming);
* the real loader (:func:`tendereval.io.workbook.open_book`) reads a bid return as openpyxl does;
* a workbook saved by LibreOffice, a real producer with shared strings and saved formula results.

Where ours differs from openpyxl on purpose (escapes decoded in every string, damaged sheets
refused, formatted empty cells not yielded) the test says so.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest.mock import patch
from xml.etree.ElementTree import ParseError

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from tendereval import layout
from tendereval.io import xlsx
from tendereval.io.workbook import headers_for, open_book
from tendereval.io.xlsx import SheetInfo, Workbook
from tests.cpu_time import cpu_seconds

from ..report.libreoffice import make_profile, recalculate
from .builders import bid_workbook

# ---- Building a workbook from its XML ---------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_OFFICE = {
    MAIN: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    STRICT: "http://purl.oclc.org/ooxml/officeDocument/relationships",
}
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


@dataclass(frozen=True)
class Sheet:
    """A sheet of a hand-written workbook: ``rows`` is the inside of ``<sheetData>``, or
    ``xml`` the whole part. ``target`` overrides the relationship's Target; ``related=False``
    leaves the relationship out of the workbook's relationships."""

    name: str
    rows: str = ""
    state: str | None = None
    xml: str | None = None
    kind: str = "worksheet"
    target: str | None = None
    related: bool = True


def make_xlsx(
    path: Path,
    *sheets: Sheet,
    shared: tuple[str, ...] | None = None,
    formats: dict[int, str] | None = None,
    cell_formats: tuple[int, ...] = (0,),
    date1904: str | None = None,
    namespace: str = MAIN,
    shared_part: str = "xl/sharedStrings.xml",
) -> Path:
    """Write an .xlsx from its XML. ``shared`` holds the inside of each ``<si>``;
    ``cell_formats`` the numFmtId of each style index; ``formats`` the custom number formats."""
    office = _OFFICE[namespace]
    overrides = [("/xl/workbook.xml", f"{_TYPES}.sheet.main+xml")]
    relationships = []
    entries = []
    parts: dict[str, str] = {}
    for number, sheet in enumerate(sheets, start=1):
        folder = "worksheets" if sheet.kind == "worksheet" else "chartsheets"
        part = f"xl/{folder}/sheet{number}.xml"
        if sheet.xml is not None:
            parts[part] = sheet.xml
        elif sheet.kind == "worksheet":
            parts[part] = (
                f'<worksheet xmlns="{namespace}" xmlns:r="{office}">'
                f"<sheetData>{sheet.rows}</sheetData></worksheet>"
            )
        else:
            parts[part] = (
                f'<chartsheet xmlns="{namespace}" xmlns:r="{office}"><sheetViews>'
                '<sheetView workbookViewId="0"/></sheetViews></chartsheet>'
            )
        overrides.append((f"/{part}", f"{_TYPES}.{sheet.kind}+xml"))
        if sheet.kind == "chartsheet":  # openpyxl cannot read a chartsheet without one
            parts[f"xl/{folder}/_rels/sheet{number}.xml.rels"] = (
                f'<Relationships xmlns="{_PACKAGE}"/>'
            )
        if sheet.related:
            target = sheet.target or f"{folder}/sheet{number}.xml"
            relationships.append((f"rId{number}", f"{office}/{sheet.kind}", target))
        state = f' state="{sheet.state}"' if sheet.state else ""
        entries.append(f'<sheet name="{sheet.name}" sheetId="{number}"{state} r:id="rId{number}"/>')
    numfmts = "".join(
        f'<numFmt numFmtId="{number}" formatCode="{_attribute(code)}"/>'
        for number, code in (formats or {}).items()
    )
    xfs = "".join(
        f'<xf numFmtId="{number}" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        for number in cell_formats
    )
    parts["xl/styles.xml"] = (
        f'<styleSheet xmlns="{namespace}"><numFmts count="{len(formats or {})}">{numfmts}'
        '</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill '
        'patternType="none"/></fill></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs>{xfs}</cellXfs><cellStyles><cellStyle name="Normal" '
        'xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
    overrides.append(("/xl/styles.xml", f"{_TYPES}.styles+xml"))
    relationships.append(("rIdStyles", f"{office}/styles", "styles.xml"))
    if shared is not None:
        items = "".join(f"<si>{item}</si>" for item in shared)
        parts[shared_part] = f'<sst xmlns="{namespace}" uniqueCount="{len(shared)}">{items}</sst>'
        overrides.append((f"/{shared_part}", f"{_TYPES}.sharedStrings+xml"))
        relationships.append(
            ("rIdStrings", f"{office}/sharedStrings", shared_part.removeprefix("xl/"))
        )
    properties = f'<workbookPr date1904="{date1904}"/>' if date1904 else ""
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{namespace}" xmlns:r="{office}">{properties}'
        f"<sheets>{''.join(entries)}</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{_PACKAGE}">'
        + "".join(
            f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
            for rid, kind, target in relationships
        )
        + "</Relationships>"
    )
    parts["_rels/.rels"] = (
        f'<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" '
        f'Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("[Content_Types].xml", *sorted(set(parts) - {"[Content_Types].xml"})):
            archive.writestr(name, parts[name])
    return path


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def one_sheet(path: Path, rows: str, **options: Any) -> Path:
    return make_xlsx(path, Sheet("Sheet1", rows), **options)


# ---- Reading a workbook both ways -------------------------------------------------------------

Place = tuple[int, int]


@contextmanager
def streamed(on: bool = True) -> Iterator[None]:
    """Our reader has two ways through a part: a small one is parsed whole, a large one in
    chunks. ``streamed()`` sends every part the chunked way, in chunks of a few bytes, so chunk
    boundaries fall inside elements and text."""
    if not on:
        yield
        return
    with patch.object(xlsx, "WHOLE_PART_BYTES", 0), patch.object(xlsx, "CHUNK_BYTES", 7):
        yield


def ours(
    path: Path, max_col: int | None = None, stream: bool = False
) -> dict[str, dict[Place, xlsx.Value]]:
    """Every cell our reader yields, converted: sheet → (row, column) → value."""
    with streamed(stream), Workbook(path) as book:
        return {
            sheet.name: {
                (number, column): book.value(cell)
                for number, cells in book.rows(sheet.name, max_col=max_col)
                for column, cell in cells.items()
            }
            for sheet in book.sheets
        }


@dataclass(frozen=True)
class Theirs:
    """openpyxl's reading of one cell: its saved value, number format and data type in
    formula mode (``"f"`` for a formula)."""

    value: Any
    number_format: str | None  # None: openpyxl cannot say (a style index beyond cellXfs)
    formula_mode_type: str | None


def theirs(path: Path) -> dict[str, dict[Place, Theirs]]:
    """Every cell openpyxl reads (read-only), saved values and formula mode side by side."""
    saved, formulas = _openpyxl_cells(path, data_only=True), _openpyxl_cells(path, False)
    return {
        name: {
            place: Theirs(
                cell.value,
                _number_format(cell),
                formulas[name][place].data_type if place in formulas[name] else None,
            )
            for place, cell in cells.items()
        }
        for name, cells in saved.items()
    }


def _openpyxl_cells(path: Path, data_only: bool) -> dict[str, dict[Place, ReadOnlyCell]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "marked as a date but outside the limits" and such
        book = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
        try:
            found = {}
            for sheet in book.worksheets:
                sheet.reset_dimensions()  # read what is there, not what <dimension> says
                found[sheet.title] = {
                    (cell.row, cell.column): cell
                    for row in sheet.iter_rows()
                    for cell in row
                    if isinstance(cell, ReadOnlyCell)
                }
            return found
        finally:
            book.close()


def _number_format(cell: ReadOnlyCell) -> str | None:
    try:
        return cell.number_format
    except IndexError:
        return None


def sheet_states(path: Path) -> list[tuple[str, str]]:
    """openpyxl's sheets (chart sheets too), in order, with their visibility."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return [(name, book[name].sheet_state) for name in book.sheetnames]
        finally:
            book.close()


def same(a: Any, b: Any) -> bool:
    """Equal and of the same type: ``3`` and ``3.0``, or ``1`` and ``True``, are equal in
    Python but are not the same reading of a cell. An error cell (#N/A) is openpyxl's text
    as a CellError, so the rules can tell it from text typed."""
    if type(a) is xlsx.CellError:
        return type(b) is str and a == b
    if type(a) is xlsx.Undated:  # on purpose: see test_a_number_no_date_has_says_what_excel_shows
        negative = a.startswith("-") and isinstance(b, (dt.datetime, dt.time, dt.timedelta))
        return b == "#VALUE!" or negative
    return type(a) is type(b) and a == b


def empty_text_results(path: Path) -> set[tuple[str, tuple[int, int]]]:
    """(sheet, (row, column)) of each formula saved with an empty text result."""
    found = set()
    with Workbook(path) as book:
        for name in book.sheet_names:
            for row, cells in book.rows(name):
                for column, cell in cells.items():
                    if isinstance(cell, tuple):  # as the plain-shape reader found it
                        _, _, _, kind, _, has_value, text, _, _ = cell
                        if kind == "str" and has_value and not text:
                            found.add((name, (row, column)))
                        continue
                    namespace = cell.tag.partition("}")[0] + "}"
                    v = cell.find(f"{namespace}v")
                    if cell.get("t") == "str" and v is not None and not v.text:
                        found.add((name, (row, column)))
    return found


def disagreements(path: Path, max_col: int | None = None) -> list[str]:
    """Every difference between our reading and openpyxl's, in words (empty: they agree).
    Ours is read both ways (whole and streamed), which must agree with each other."""
    mine, reference, sheets = ours(path, max_col), theirs(path), sheet_states(path)
    found = []
    chunked = ours(path, max_col, stream=True)
    if chunked != mine:
        found.append(f"read in chunks: {chunked}, read whole: {mine}")
    with Workbook(path) as book:
        if [(s.name, s.state) for s in book.sheets] != sheets:
            found.append(f"sheets: ours {book.sheets}, openpyxl {sheets}")
    for name, _ in sheets:
        got, expected = mine.get(name, {}), reference.get(name, {})
        for place in sorted(got.keys() | expected.keys()):
            if max_col is not None and place[1] > max_col:
                if place in got:
                    found.append(f"{name}!{place}: yielded beyond max_col")
                continue
            cell = expected.get(place, Theirs(None, "General", None))
            formula = cell.formula_mode_type == "f"
            if place not in got:
                if cell.value is not None or formula:
                    found.append(f"{name}!{place}: not yielded, openpyxl reads {cell}")
                continue
            value, number_format, unsaved = got[place]
            if not same(value, cell.value):
                found.append(f"{name}!{place}: value {value!r}, openpyxl {cell.value!r}")
            if cell.number_format is not None and number_format != cell.number_format:
                found.append(
                    f"{name}!{place}: format {number_format!r}, openpyxl {cell.number_format!r}"
                )
            # openpyxl cannot tell a formula never calculated from one that gave "" (saved as
            # an empty text result); only the first is flagged (see the test of each kind).
            calculated_empty = (name, place) in empty_text_results(path)
            if unsaved != (formula and cell.value is None and not calculated_empty):
                found.append(f"{name}!{place}: unsaved {unsaved}, openpyxl {cell}")
    return found


# ---- 1. Random workbooks written by openpyxl --------------------------------------------------

NUMBER_FORMATS = (
    "General",
    "0",
    "0.00",
    "#,##0.00",
    "0%",
    "0.0%",
    "0.00%",
    '"£"#,##0.00',
    '"£"#,##0.00;[Red]-"£"#,##0.00',
    "[$£-809]#,##0.00",
    "@",
    "0.00E+00",
    "# ?/?",
    '0" days"',
    '#,##0 "hrs"',
    "0_);(0)",
    "[Red]0.00",
    ";;;",
)
DATE_FORMATS = (
    "dd/mm/yyyy",
    "d-mmm-yy",
    "mm-dd-yy",
    "yyyy-mm-dd h:mm:ss",
    "dd/mm/yyyy hh:mm",
    "h:mm",
    "h:mm AM/PM",
    "hh:mm:ss",
    "mm:ss",
    "[h]:mm:ss",
    "[hh]:mm",
    "[mm]:ss",
    "[ss].0",
    "dd/mm/yyyy;@",
    "[$-809]dd mmmm yyyy",
    "[$-F800]dddd, mmmm dd, yyyy",
    "yyyy",
    "d",
)
FORMULAS = (
    "=SUM(A1:A3)",
    "=A1*2",
    '=IF(A1="","",A1)',
    '="£"&TEXT(A1,"0.00")',
    "=TODAY()",
    "=1/0",
    "=Prices!G7",
)
ERRORS = ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!")
# Excel's escapes read differently on purpose (ours decodes them); see the hand-written cases.
_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")

integers = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from([0, 1, -1, 59, 60, 61, 2**31, 2**53 + 1, 2**63, 10**20, -(10**20)]),
    st.sampled_from([2_958_465, 2_958_466, 10**9]),  # 31/12/9999 and beyond
)
floats = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([3.0, -0.0, 0.5, 1e-300, 5e-324, 1.7976931348623157e308, 0.1 + 0.2]),
    st.sampled_from([59.99999, 60.5, 0.9999999999, 1e16, 123456789.123456789, -1.5]),
)
texts = st.one_of(
    st.text(
        st.characters(exclude_categories=("Cs", "Cc", "Cn"), exclude_characters="\ufffe"),
        max_size=20,
    ),
    st.text(st.sampled_from(" \t\n\r ab£1,.-"), max_size=8),
    st.sampled_from(
        ["£1,234.50", "TBC", " 12 ", "1e5", "0012", "3.0", "-0", "N/A", "TRUE", "yes", " ", "x"]
    ),
).filter(lambda s: not s.startswith("=") and s not in ERRORS and not _ESCAPE.search(s))
date_format = st.sampled_from(DATE_FORMATS)
any_format = st.sampled_from(NUMBER_FORMATS + DATE_FORMATS)
rich_text = st.lists(texts.filter(bool), min_size=1, max_size=3).map(
    lambda parts: CellRichText(
        [TextBlock(InlineFont(b=i % 2 == 0), part) for i, part in enumerate(parts)]
    )
)

# A cell: its value and its number format (None: openpyxl's own choice).
cell_contents = st.one_of(
    st.tuples(st.one_of(integers, floats), st.none() | any_format),
    st.tuples(texts, st.sampled_from([None, "@", "General", '"£"#,##0.00'])),
    st.tuples(st.booleans(), st.none()),
    st.tuples(
        st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
        st.none() | date_format,
    ),
    st.tuples(st.dates(min_value=dt.date(1900, 1, 1)), st.none() | date_format),
    st.tuples(st.times(), st.none() | date_format),
    st.tuples(
        st.timedeltas(min_value=dt.timedelta(days=-3000), max_value=dt.timedelta(days=3000)),
        st.none() | date_format,
    ),
    st.tuples(st.sampled_from(FORMULAS), st.none() | any_format),
    st.tuples(st.sampled_from(ERRORS), st.none()),
    st.tuples(rich_text, st.none()),
    st.tuples(st.none(), any_format),  # a formatted empty cell
)
places = st.tuples(st.integers(1, 60), st.integers(1, 30))
sheets = st.lists(
    st.tuples(
        st.sampled_from(["visible", "hidden", "veryHidden"]),
        st.dictionaries(places, cell_contents, max_size=40),
    ),
    min_size=1,
    max_size=3,
)


def write_random_workbook(path: Path, drawn: list, mac: bool) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    if mac:
        book.epoch = CALENDAR_MAC_1904
    for number, (state, cells) in enumerate(drawn):
        sheet = book.create_sheet(f"Sheet {number} £")
        sheet.sheet_state = "visible" if number == 0 else state
        for (row, column), (value, number_format) in cells.items():
            cell = sheet.cell(row, column)
            cell.value = value
            if number_format is not None:
                cell.number_format = number_format
    book.save(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=sheets, mac=st.booleans())
def test_every_cell_of_a_random_openpyxl_workbook_reads_as_openpyxl_reads_it(
    tmp_path_factory, drawn, mac
):
    path = tmp_path_factory.getbasetemp() / "random.xlsx"
    write_random_workbook(path, drawn, mac)
    assert disagreements(path) == []
    # Every value drawn is read back: no cell is lost between the two readers.
    read = ours(path)
    for number, (_, cells) in enumerate(drawn):
        filled = {place for place, (value, _) in cells.items() if value not in (None, "")}
        assert set(read[f"Sheet {number} £"]) == filled


def test_the_random_workbooks_hold_what_the_property_test_relies_on(tmp_path):
    """The comparison is only as good as what openpyxl writes: formulas without saved
    values, floats written as integers, dates as numbers, the 1904 flag, styled empty cells."""
    drawn = [
        (
            "visible",
            {
                (1, 1): ("=1+1", None),
                (1, 2): (3.0, None),
                (1, 3): (2**63, None),
                (1, 4): (dt.date(2026, 3, 1), None),
                (1, 5): (None, "0%"),
                (1, 6): (dt.timedelta(hours=36), None),
                (1, 7): (0.175, "0.0%"),
            },
        ),
        ("veryHidden", {(2, 2): ("x", None)}),
    ]
    write_random_workbook(tmp_path / "mac.xlsx", drawn, mac=True)
    read = ours(tmp_path / "mac.xlsx")["Sheet 0 £"]
    assert read[1, 1] == (None, "General", True)
    assert same(read[1, 2][0], 3)  # openpyxl writes 3.0 as "3": both read an int
    assert same(read[1, 3][0], 9.223372036854776e18)  # and big ints in exponent form
    assert read[1, 4] == (dt.datetime(2026, 3, 1), "yyyy-mm-dd", False)
    assert (1, 5) not in read  # written as <c r="E1" s="…"/>, a formatted empty cell
    assert read[1, 6] == (dt.timedelta(hours=36), "[hh]:mm:ss", False)
    assert read[1, 7] == (0.175, "0.0%", False)
    with Workbook(tmp_path / "mac.xlsx") as book:
        assert [s.state for s in book.sheets] == ["visible", "veryHidden"]
    with zipfile.ZipFile(tmp_path / "mac.xlsx") as archive:
        assert b'date1904="1"' in archive.read("xl/workbook.xml")  # 2026-03-01 read so
        assert re.search(rb'<c r="E1" s="\d+"[^>]*/>', archive.read("xl/worksheets/sheet1.xml"))
    assert disagreements(tmp_path / "mac.xlsx") == []


# ---- Number formats and serials, against openpyxl's own functions ------------------------------

format_codes = st.one_of(
    st.sampled_from(NUMBER_FORMATS + DATE_FORMATS + tuple(BUILTIN_FORMATS.values())),
    st.text(st.sampled_from('dmyhsDMHYS0#.,;:@_\\"[]$-809AMP/ E+%'), max_size=14),
)


def test_the_builtin_number_formats_are_openpyxls():
    assert xlsx.BUILTIN_FORMATS == BUILTIN_FORMATS


@settings(max_examples=400, deadline=None)
@given(code=format_codes)
def test_a_format_is_a_date_or_a_duration_exactly_when_openpyxl_says_so(code):
    assert xlsx.is_date_format(code) == is_date_format(code)
    assert xlsx.is_elapsed_format(code) == is_timedelta_format(code)


serials = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(min_value=-2, max_value=3e6).map(repr),
    st.integers(min_value=-(10**6), max_value=10**10).map(str),
    st.sampled_from(["0", "0.5", "59", "59.5", "60", "60.5", "61", "2958465.99999999", "1E+3"]),
    st.sampled_from(["-0.5", "0.99999999999", "1.0000000001", "45000.000005787", "-1"]),
)


@settings(max_examples=80, deadline=None)
@given(written=st.lists(serials, min_size=1, max_size=12), date1904=st.sampled_from([None, "1"]))
def test_a_serial_under_a_date_or_time_format_reads_as_openpyxl_reads_it(
    tmp_path_factory, written, date1904
):
    # Date (14), duration (46), time of day (20), date and time (22), minutes (45).
    rows = "".join(
        f'<row r="{n}">' + "".join(f'<c s="{s}"><v>{v}</v></c>' for s in range(6)) + "</row>"
        for n, v in enumerate(written, start=1)
    )
    path = one_sheet(
        tmp_path_factory.getbasetemp() / "serials.xlsx",
        rows,
        cell_formats=(0, 14, 46, 20, 22, 45),
        date1904=date1904,
    )
    assert disagreements(path) == []


# ---- 2. Hand-written XML ----------------------------------------------------------------------


def cells_of(path: Path, sheet: str = "Sheet1") -> dict[str, xlsx.Value]:
    """Our reading of one sheet, keyed by reference (``B2``)."""
    cells = ours(path)[sheet].items()
    return {f"{xlsx.column_letter(column)}{row}": value for (row, column), value in cells}


def test_shared_strings_join_rich_text_runs_and_leave_out_phonetic_runs(tmp_path):
    path = one_sheet(
        tmp_path / "shared.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
        '<c r="F1" t="s"><v>0</v></c></row>',
        shared=(
            "<t>Unit rate (£)</t>",
            '<r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain </t></r>',
            '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="0"/>',
            '<r><t>漢</t></r><r><t>字</t></r><rPh sb="0" eb="2"><t>カンジ</t></rPh>',
            "<t/>",
        ),
    )
    assert cells_of(path) == {
        "A1": ("Unit rate (£)", "General", False),
        "B1": ("Bold and plain ", "General", False),
        "C1": ("東京", "General", False),
        "D1": ("漢字", "General", False),
        "E1": ("", "General", False),
        "F1": ("Unit rate (£)", "General", False),
    }
    assert disagreements(path) == []


def test_inline_strings_join_rich_text_runs_and_leave_out_phonetic_runs(tmp_path):
    path = one_sheet(
        tmp_path / "inline.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><is><t>TBC</t></is></c>'
        '<c r="B1" t="inlineStr"><is><r><t>£1,</t></r><r><rPr><i/></rPr><t>234.50</t></r></is>'
        '</c><c r="C1" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>'
        '</is></c><c r="D1" t="inlineStr"><is><t xml:space="preserve">  spaced\t</t></is></c>'
        '<c r="E1" t="inlineStr"/></row>',
    )
    assert cells_of(path) == {
        "A1": ("TBC", "General", False),
        "B1": ("£1,234.50", "General", False),
        "C1": ("東京", "General", False),
        "D1": ("  spaced\t", "General", False),
    }
    assert disagreements(path) == []


def test_cells_and_rows_without_references_follow_the_one_before(tmp_path):
    path = one_sheet(
        tmp_path / "no-refs.xlsx",
        # Row 1: A1, an empty formatted B1, C1. Row 5: B5 then C5. Row 6 (no r): an empty D6
        # with a reference, then E6. Row 7 (no r): A7.
        '<row r="1"><c><v>1</v></c><c s="0"/><c><v>3</v></c></row>'
        '<row r="5"><c r="B5"><v>5</v></c><c><v>6</v></c></row>'
        '<row><c r="D6" s="0"/><c t="inlineStr"><is><t>x</t></is></c></row>'
        "<row><c><v>7</v></c></row>",
    )
    assert cells_of(path) == {
        "A1": (1, "General", False),
        "C1": (3, "General", False),
        "B5": (5, "General", False),
        "C5": (6, "General", False),
        "E6": ("x", "General", False),
        "A7": (7, "General", False),
    }
    assert disagreements(path) == []


def test_each_kind_of_cell_reads_as_its_type_says(tmp_path):
    path = one_sheet(
        tmp_path / "types.xlsx",
        '<row r="1"><c r="A1" t="str"><v>text from a formula</v></c>'
        '<c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="b"><v>1</v></c>'
        '<c r="D1" t="b"><v>0</v></c><c r="E1" t="d"><v>2026-03-01T09:30:00</v></c>'
        '<c r="F1"><f>SUM(G1:H1)</f><v>42</v></c><c r="G1"><f>SUM(A2:A3)</f></c>'
        '<c r="H1" t="str"><f>IF(A2="","",A2)</f><v></v></c><c r="I1" t="e"><f>1/0</f>'
        '<v>#DIV/0!</v></c><c r="J1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
        '<c r="K1"><v>-1.5E-3</v></c><c r="L1"><v>007</v></c><c r="M1"><v>1e3</v></c></row>',
    )
    assert cells_of(path) == {
        "A1": ("text from a formula", "General", False),
        "B1": ("#N/A", "General", False),
        "C1": (True, "General", False),
        "D1": (False, "General", False),
        "E1": (dt.datetime(2026, 3, 1, 9, 30), "General", False),
        "F1": (42, "General", False),
        "G1": (None, "General", True),
        # A formula that gave "" is blank, as in openpyxl, but it was calculated and saved (an
        # empty text result), so it is not flagged as unsaved: openpyxl cannot tell the two
        # apart, and a properly saved =IF(…,"",…) would be reported as never calculated.
        "H1": (None, "General", False),
        "I1": ("#DIV/0!", "General", False),
        "J1": ("ab", "General", False),
        "K1": (-0.0015, "General", False),
        "L1": (7, "General", False),
        "M1": (1000.0, "General", False),
    }
    assert disagreements(path) == []


@pytest.mark.parametrize(
    "iso",
    [
        "2026-03-01T09:30:00",
        "2026-03-01T09:30:00.125",
        "2026-03-01",  # Excel's strict ISO dates, and openpyxl with iso_dates=True
        "2026-03-01T09:30:00Z",
        "09:30:00",
        "2026-03-01T09:30:00+01:00",
        "PT36H30M",
    ],
)
def test_an_iso_date_cell_reads_as_openpyxl_reads_it(tmp_path, iso):
    path = one_sheet(tmp_path / "iso.xlsx", f'<row r="1"><c r="A1" t="d"><v>{iso}</v></c></row>')
    assert disagreements(path) == []


def test_openpyxl_iso_dates_read_as_openpyxl_reads_them(tmp_path):
    book = openpyxl.Workbook()
    book.iso_dates = True
    book.active["A1"] = dt.date(2026, 3, 1)
    book.active["A2"] = dt.datetime(2026, 3, 1, 9, 30)
    book.active["A3"] = dt.time(9, 30)
    book.save(tmp_path / "iso.xlsx")
    assert disagreements(tmp_path / "iso.xlsx") == []


@pytest.mark.parametrize("flag", ["1", "true"])
def test_a_1904_workbook_counts_days_from_1904_without_the_leap_year_bug(tmp_path, flag):
    path = one_sheet(
        tmp_path / "mac.xlsx",
        '<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c>'
        '<c r="C1" s="1"><v>60</v></c><c r="D1" s="1"><v>0.75</v></c>'
        '<c r="E1" s="1"><v>45000.5</v></c></row>',
        cell_formats=(0, 14),
        date1904=flag,
    )
    assert cells_of(path) == {
        "A1": (dt.datetime(1904, 1, 2), "mm-dd-yy", False),
        "B1": (dt.datetime(1904, 2, 29), "mm-dd-yy", False),
        "C1": (dt.datetime(1904, 3, 1), "mm-dd-yy", False),
        "D1": (dt.time(18, 0), "mm-dd-yy", False),
        "E1": (dt.datetime(2027, 3, 16, 12, 0), "mm-dd-yy", False),
    }
    assert disagreements(path) == []


def test_a_1900_workbook_keeps_excels_leap_year_bug(tmp_path):
    path = one_sheet(
        tmp_path / "windows.xlsx",
        '<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c>'
        '<c r="C1" s="1"><v>60</v></c><c r="D1" s="1"><v>61</v></c>'
        '<c r="E1" s="1"><v>46082</v></c></row>',
        cell_formats=(0, 14),
        date1904="0",
    )
    assert cells_of(path) == {
        "A1": (dt.datetime(1900, 1, 1), "mm-dd-yy", False),
        "B1": (dt.datetime(1900, 2, 28), "mm-dd-yy", False),
        "C1": (dt.datetime(1900, 2, 28), "mm-dd-yy", False),  # Excel's 29/02/1900
        "D1": (dt.datetime(1900, 3, 1), "mm-dd-yy", False),
        "E1": (dt.datetime(2026, 3, 1), "mm-dd-yy", False),
    }
    assert disagreements(path) == []


NO_DATE = ", which Excel shows as ########: no date or time has that number"


@pytest.mark.parametrize("date1904", ["0", "1"])
def test_a_number_no_date_has_says_what_excel_shows(tmp_path, date1904):
    """Past 31 December 9999 (serial 2958465 in the 1900 system), or below 0 in the 1900
    system, Excel shows ######## for a date: the cell reads as what it holds and shows, never
    as "#VALUE!" (openpyxl's reading, in neither the file nor on the screen) nor, for -1, as
    29 December 1899. The 1904 system counts back from its first day (-1 is 31 December
    1903), and has 1,462 days fewer before 31 December 9999."""
    path = one_sheet(
        tmp_path / "no-date.xlsx",
        '<row r="1"><c r="A1" s="1"><v>2958466</v></c><c r="B1" s="1"><v>1E+20</v></c>'
        '<c r="C1" s="2"><v>1E+20</v></c><c r="D1" s="1"><v>2957003</v></c>'
        '<c r="E1" s="1"><v>-1</v></c><c r="F1" s="2"><v>-0.5</v></c>'
        '<c r="G1" s="1"><v>0</v></c></row>',
        cell_formats=(0, 14, 46),
        date1904=date1904,
    )
    read = cells_of(path)
    assert read["A1"] == ("2958466" + NO_DATE, "mm-dd-yy", False)
    assert type(read["A1"][0]) is xlsx.Undated
    assert read["B1"] == ("1E+20" + NO_DATE, "mm-dd-yy", False)
    assert read["C1"] == ("1E+20" + NO_DATE, "[h]:mm:ss", False)
    assert read["G1"] == (dt.time(0, 0), "mm-dd-yy", False)  # Excel's 0 January 1900
    if date1904 == "0":
        assert read["D1"] == (dt.datetime(9995, 12, 30), "mm-dd-yy", False)
        assert read["E1"] == ("-1" + NO_DATE, "mm-dd-yy", False)
        assert read["F1"] == ("-0.5" + NO_DATE, "[h]:mm:ss", False)
    else:
        assert read["D1"] == (dt.datetime(9999, 12, 31), "mm-dd-yy", False)
        assert read["E1"] == (dt.datetime(1903, 12, 31), "mm-dd-yy", False)
        assert read["F1"] == (dt.timedelta(hours=-12), "[h]:mm:ss", False)
    assert disagreements(path) == []


def test_builtin_and_custom_number_formats_give_percent_date_duration_and_money(tmp_path):
    path = one_sheet(
        tmp_path / "formats.xlsx",
        '<row r="1"><c r="A1" s="1"><v>0.175</v></c><c r="B1" s="2"><v>0.0325</v></c>'
        '<c r="C1" s="3"><v>46082.5</v></c><c r="D1" s="4"><v>1.5</v></c>'
        '<c r="E1" s="5"><v>1234.5</v></c><c r="F1" s="6"><v>46082.25</v></c>'
        '<c r="G1" s="7"><v>12</v></c><c r="H1" s="8"><v>0.5</v></c>'
        '<c r="I1" s="9"><v>3</v></c><c r="J1" s="10"><v>3</v></c>'
        '<c r="K1" s="11"><v>46082</v></c></row>',
        cell_formats=(0, 9, 10, 14, 46, 164, 165, 166, 20, 49, 27, 15),
        # A workbook may spell out a built-in id in its own words (a UK date for id 15).
        formats={164: '"£"#,##0.00', 165: "dd/mm/yyyy hh:mm", 166: '0" days"', 15: "d/m/yyyy"},
    )
    assert cells_of(path) == {
        "A1": (0.175, "0%", False),
        "B1": (0.0325, "0.00%", False),
        "C1": (dt.datetime(2026, 3, 1, 12, 0), "mm-dd-yy", False),
        "D1": (dt.timedelta(days=1, hours=12), "[h]:mm:ss", False),
        "E1": (1234.5, '"£"#,##0.00', False),
        "F1": (dt.datetime(2026, 3, 1, 6, 0), "dd/mm/yyyy hh:mm", False),
        "G1": (12, '0" days"', False),
        "H1": (dt.time(12, 0), "h:mm", False),
        "I1": (3, "@", False),
        "J1": (3, "General", False),  # a locale-dependent id openpyxl does not know
        "K1": (dt.datetime(2026, 3, 1), "d/m/yyyy", False),
    }
    assert disagreements(path) == []


def test_a_style_index_beyond_the_cell_formats_reads_as_general(tmp_path):
    path = one_sheet(
        tmp_path / "style.xlsx",
        '<row r="1"><c r="A1" s="7"><v>46082</v></c><c r="B1" s="1"><v>46082</v></c></row>',
        cell_formats=(0, 14),
    )
    assert cells_of(path) == {
        "A1": (46082, "General", False),
        "B1": (dt.datetime(2026, 3, 1), "mm-dd-yy", False),
    }
    assert disagreements(path) == []  # openpyxl reads the value, but has no format to give


_NOT_A_NUMBER = "which is not a number as a workbook saves one"


@pytest.mark.parametrize("element_tree", [False, True], ids=["plain shape", "ElementTree"])
@pytest.mark.parametrize(
    ("cell", "found"),
    [
        ('<c r="A1" t="s"><v>٢</v></c>', f"shared text number '٢', {_NOT_A_NUMBER}"),
        ('<c r="A1" t="s"><v>1_0</v></c>', f"shared text number '1_0', {_NOT_A_NUMBER}"),
        ('<c r="A1" t="s"><v> 1 </v></c>', f"shared text number ' 1 ', {_NOT_A_NUMBER}"),
        ('<c r="A1" t="s"><v>-1</v></c>', f"shared text number '-1', {_NOT_A_NUMBER}"),
        ('<c r="A1" t="b"><v>٢</v></c>', "'٢' saved as true/false, which is neither 1 nor 0"),
        ('<c r="A1" t="b"><v> 1 </v></c>', "' 1 ' saved as true/false, which is neither 1 nor 0"),
        ('<c r="A1" s="١"><v>46082</v></c>', "the style '١', which is not a number"),
        ('<c r="A1" s=" 1 "><v>46082</v></c>', "the style ' 1 ', which is not a number"),
    ],
)
def test_an_index_or_true_false_not_in_digits_0_to_9_is_refused_at_its_cell(
    tmp_path, cell, found, element_tree
):
    """Python's int() read '٢', '1_0' and ' 1 ' as 2, 10 and 1: shared text 2 ('s2') where
    Excel shows no such text, true where it shows none, style 1's date format for a number.
    Each is refused naming its cell, whichever way the cell is read."""
    comment = "<!-- from another program -->" if element_tree else ""  # sends it to ElementTree
    path = one_sheet(
        tmp_path / "index.xlsx",
        f'{comment}<row r="1">{cell}</row>',
        shared=tuple(f"<t>s{number}</t>" for number in range(12)),
        cell_formats=(0, 14),
    )
    with Workbook(path) as book:
        [(_, cells)] = book.rows("Sheet1")
        reads = [lambda: book.value(cells[1]), lambda: book.values_at(cells, [1], None)]
        if 't="s"' in cell:  # only text is read as text
            reads += [lambda: book.text(cells[1]), lambda: book.read_as_text([cells[1]])]
        for read in reads:
            with pytest.raises(ValueError) as refused:
                read()
            assert refused.value.__notes__ == [f"cell A1 holds {found}"]


def test_a_chartsheet_has_no_rows(tmp_path):
    path = make_xlsx(
        tmp_path / "chart.xlsx",
        Sheet("Data", '<row r="1"><c r="A1"><v>1</v></c></row>'),
        Sheet("Chart", kind="chartsheet"),
    )
    with Workbook(path) as book:
        assert book.sheets == [
            SheetInfo("Data", "visible", "xl/worksheets/sheet1.xml"),
            SheetInfo("Chart", "visible", None),
        ]
        assert list(book.rows("Chart")) == []
        assert [number for number, _ in book.rows("Data")] == [1]
    assert disagreements(path) == []


def test_a_sheet_whose_relationship_is_missing_is_damaged_not_empty(tmp_path):
    # Read as a sheet with no cells, a bid's Prices sheet said "the table's header row was
    # not found": the file is damaged (Excel cannot open it either), and is said to be.
    path = make_xlsx(
        tmp_path / "unrelated.xlsx",
        Sheet("Data", '<row r="1"><c r="A1"><v>1</v></c></row>'),
        Sheet("Lost", '<row r="1"><c r="A1"><v>2</v></c></row>', related=False),
    )
    with Workbook(path) as book:
        assert book.sheets[1] == SheetInfo("Lost", "visible", None)
        with pytest.raises(ValueError, match="does not say where its cells are"):
            list(book.rows("Lost"))
        with pytest.raises(KeyError):
            list(book.rows("No such sheet"))
    with pytest.raises(KeyError):  # openpyxl cannot open the file at all
        openpyxl.load_workbook(path, read_only=True)


@pytest.mark.parametrize("target", ["/xl/worksheets/sheet1.xml", "../xl/worksheets/sheet1.xml"])
def test_an_absolute_or_roundabout_relationship_target_finds_the_sheet(tmp_path, target):
    path = make_xlsx(
        tmp_path / "absolute.xlsx",
        Sheet("Data", '<row r="1"><c r="A1"><v>1</v></c></row>', target=target),
    )
    assert cells_of(path, "Data") == {"A1": (1, "General", False)}
    assert disagreements(path) == []


def test_hidden_and_very_hidden_sheets_say_so(tmp_path):
    row = '<row r="1"><c r="A1"><v>1</v></c></row>'
    path = make_xlsx(
        tmp_path / "hidden.xlsx",
        Sheet("Shown", row),
        Sheet("Hidden", row, state="hidden"),
        Sheet("Very hidden", row, state="veryHidden"),
        Sheet("Said visible", row, state="visible"),
    )
    with Workbook(path) as book:
        assert [(s.name, s.state) for s in book.sheets] == [
            ("Shown", "visible"),
            ("Hidden", "hidden"),
            ("Very hidden", "veryHidden"),
            ("Said visible", "visible"),
        ]
        assert book.sheet_names == ["Shown", "Hidden", "Very hidden", "Said visible"]
    assert disagreements(path) == []


def test_a_strict_ooxml_workbook_reads_like_a_transitional_one(tmp_path):
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.2</v></c>'
        '<c r="C1" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c>'
        '<c r="D1"><f>B1*2</f><v>0.4</v></c><c r="E1"><f>B1*3</f></c></row>'
        '<row r="2"><c r="A2" s="2"><v>46082</v></c></row>'
    )
    options = {"shared": ("<r><t>Unit </t></r><r><t>rate</t></r>",), "cell_formats": (0, 9, 14)}
    strict = make_xlsx(tmp_path / "strict.xlsx", Sheet("Data", rows), namespace=STRICT, **options)
    plain = make_xlsx(tmp_path / "transitional.xlsx", Sheet("Data", rows), **options)
    assert ours(strict) == ours(plain) == ours(strict, stream=True)
    assert cells_of(strict, "Data") == {
        "A1": ("Unit rate", "General", False),
        "B1": (0.2, "0%", False),
        "C1": ("inline", "General", False),
        "D1": (0.4, "General", False),
        "E1": (None, "General", True),
        "A2": (dt.datetime(2026, 3, 1), "mm-dd-yy", False),
    }
    assert disagreements(plain) == []  # openpyxl cannot read strict OOXML: compare this one


def test_excel_escapes_are_decoded_in_shared_and_inline_strings(tmp_path):
    path = one_sheet(
        tmp_path / "escapes.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>tab_x0009_here</t></is></c>'
        '<c r="D1" t="s"><v>2</v></c><c r="E1" t="inlineStr"><is><r><t>a_x000D_</t></r>'
        "<r><t>_x000A_b</t></r></is></c></row>",
        shared=(
            "<t>line_x000D_break</t>",
            "<t>literal _x005F_x000D_ typed</t>",
            "<t>_x00e9_t_x00C9__x_1234</t>",
        ),
    )
    assert cells_of(path) == {
        "A1": ("line\rbreak", "General", False),
        "B1": ("literal _x000D_ typed", "General", False),
        "C1": ("tab\there", "General", False),
        "D1": ("ét\u00c9_x_1234", "General", False),
        "E1": ("a\r\nb", "General", False),
    }
    # openpyxl strips "x005F_" from shared strings and leaves the rest as written: the one
    # cell where it agrees with us is the escaped underscore.
    reference = theirs(path)["Sheet1"]
    assert reference[1, 1].value == "line_x000D_break"
    assert reference[1, 2].value == "literal _x000D_ typed"
    assert reference[1, 3].value == "tab_x0009_here"


def test_an_inline_string_cell_reads_its_text_whatever_else_it_holds(tmp_path):
    """An inline string's value is its <is> text; a saved <v> alone in it means nothing, and
    a formula with no <is> text is one never calculated."""
    path = one_sheet(
        tmp_path / "inline-odd.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><f>B1</f></c>'
        '<c r="B1" t="inlineStr"><f>"hi"</f><is><t>hi</t></is></c>'
        '<c r="C1" t="inlineStr"><v>3</v></c></row>',
    )
    assert cells_of(path) == {
        "A1": (None, "General", True),
        "B1": ("hi", "General", False),
        "C1": (None, "General", False),
    }


def test_an_inline_string_beside_a_value_is_two_values(tmp_path):
    """A saved <v> beside the <is> text: it was read as the text, where LibreOffice shows
    nothing (a rate of 27.5 beside a text of 2.5 was scored 2.5). Refused, as any cell
    holding two values is."""
    path = one_sheet(
        tmp_path / "inline-and-value.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><v>3</v><is><t>text</t></is></c></row>',
    )
    with Workbook(path) as book:
        [(_, cells)] = book.rows("Sheet1")
        with pytest.raises(ValueError) as refused:
            book.value(cells[1])
    assert refused.value.__notes__ == [
        "cell A1 holds two values ('text' and '3') where programs write one, and programs "
        "differ on which they show"
    ]


def test_escaped_utf16_halves_join_and_a_lone_half_becomes_the_replacement_character(tmp_path):
    """A character beyond the first 65,536 can be escaped as its two UTF-16 halves; a half on
    its own is no character and could not be stored or shown (it crashed the frames)."""
    path = one_sheet(
        tmp_path / "halves.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><is><t>_xD83D__xDE00_</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>a_xD800_b</t></is></c>'
        '<c r="C1" t="str"><f>A1</f><v>_xDE00__xD83D_</v></c></row>',
    )
    assert cells_of(path) == {
        "A1": ("\U0001f600", "General", False),
        "B1": ("a\ufffdb", "General", False),
        "C1": ("\ufffd\ufffd", "General", False),
    }


def test_excel_escapes_are_decoded_in_text_from_a_formula(tmp_path):
    """The module promises escapes decoded in every string; a formula's text result is one."""
    path = one_sheet(
        tmp_path / "str-escape.xlsx",
        '<row r="1"><c r="A1" t="str"><f>A2&amp;CHAR(13)</f><v>total_x000D_</v></c></row>',
    )
    assert cells_of(path) == {"A1": ("total\r", "General", False)}


def test_shared_strings_are_found_where_the_workbook_says_they_are(tmp_path):
    """Some exporters (Microsoft Dynamics AX among them) name the part differently; the
    content types and the workbook's relationships say where it is, and openpyxl looks there."""
    path = one_sheet(
        tmp_path / "elsewhere.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared=("<t>Price</t>",),
        shared_part="xl/SharedStrings.xml",
    )
    assert disagreements(path) == []
    assert cells_of(path) == {"A1": ("Price", "General", False)}


def test_workbooks_sharing_a_sheet_list_still_find_their_own_shared_strings(tmp_path):
    """The sheet list and relationships are remembered by their bytes (bids from one template
    share them); whether the shared strings part is there is still asked of each file."""
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    kept = one_sheet(tmp_path / "kept.xlsx", rows, shared=("<t>Price</t>",))
    lost = tmp_path / "lost.xlsx"
    with zipfile.ZipFile(kept) as source, zipfile.ZipFile(lost, "w") as target:
        for info in source.infolist():
            if info.filename != "xl/sharedStrings.xml":
                target.writestr(info, source.read(info))
    assert cells_of(kept) == {"A1": ("Price", "General", False)}
    with pytest.raises(IndexError):  # no table: the index points at nothing
        cells_of(lost)
    assert cells_of(kept) == {"A1": ("Price", "General", False)}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            '<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>',
            "row 1 comes after row 2",
        ),
        (
            '<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>',
            "row 2 comes after row 2",
        ),
        (
            '<row r="3"/><row r="3"><c r="A3"><v>1</v></c></row>',  # even an empty one first
            "row 3 comes after row 3",
        ),
        (
            '<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>',
            "cell A1 comes after column 2 in row 1",
        ),
        (
            '<row r="1"><c r="B1"><v>1</v></c><c r="B1"><v>2</v></c></row>',
            "cell B1 comes after column 2 in row 1",
        ),
        ('<row r="2"><c r="A3"><v>1</v></c></row>', "cell A3 is not in row 2"),
        ('<row><c r="A2"><v>1</v></c></row>', "cell A2 is not in row 1"),
        # Python's int() reads these as 10 and 5; no spreadsheet program writes a row so.
        ('<row r="1_0"><c r="A10"><v>1</v></c></row>', "row '1_0' is not a row number"),
        ('<row r="٥"><c r="A5"><v>1</v></c></row>', "row '٥' is not a row number"),
        ('<row r="2.0"><c r="A2"><v>1</v></c></row>', "row '2.0' is not a row number"),
        ('<row r="1"><c r="1A"><v>1</v></c></row>', "'1A' is not a cell reference"),
        ('<row r="1"><c r="XFE1"><v>1</v></c></row>', "'XFE1' is beyond Excel's last column"),
    ],
)
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_a_sheet_with_rows_or_cells_out_of_order_or_repeated_is_refused(
    tmp_path, rows, message, stream
):
    path = one_sheet(tmp_path / "disordered.xlsx", rows)
    with (
        streamed(stream),
        Workbook(path) as book,
        pytest.raises(ValueError, match=re.escape(message)),
    ):
        list(book.rows("Sheet1"))


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_rows_before_the_disorder_are_read_before_it_is_refused(tmp_path, stream):
    path = one_sheet(
        tmp_path / "late.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="A5"><v>5</v></c></row>'
        '<row r="4"><c r="A4"><v>4</v></c></row>',
    )
    with streamed(stream), Workbook(path) as book:
        rows = book.rows("Sheet1")
        assert [number for number, _ in (next(rows), next(rows))] == [1, 5]
        with pytest.raises(ValueError, match="row 4 comes after row 5"):
            next(rows)


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_a_truncated_sheet_fails_when_read_to_the_end(tmp_path, stream):
    whole = (
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        + "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 201))
        + "</sheetData></worksheet>"
    )
    path = make_xlsx(tmp_path / "cut.xlsx", Sheet("Sheet1", xml=whole[: len(whole) // 2]))
    read: list[int] = []
    with streamed(stream), Workbook(path) as book, pytest.raises(ParseError):
        read.extend(number for number, _ in book.rows("Sheet1"))
    assert read == list(range(1, len(read) + 1)) and len(read) < 200
    if stream:
        assert len(read) > 50  # the rows before the cut were read before the damage was found


def test_a_long_sheet_is_streamed_and_only_the_rows_read_are_parsed(tmp_path):
    # 200,000 rows, then damage at the very end: a reader that went on would find it.
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" t="inlineStr"><is><t>item {n}</t>'
        "</is></c></row>"
        for n in range(1, 200_001)
    )
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}<<</sheetData></worksheet>'
    path = make_xlsx(tmp_path / "long.xlsx", Sheet("Sheet1", xml=xml))
    with Workbook(path) as book:
        started = cpu_seconds()
        rows = book.rows("Sheet1")
        first = [next(rows) for _ in range(10)]
        rows.close()
        elapsed = cpu_seconds() - started
        assert [number for number, _ in first] == list(range(1, 11))
        assert book.value(first[9][1][2]) == ("item 10", "General", False)
        assert elapsed < 1.0
    with zipfile.ZipFile(path) as archive:  # the damage is there for a reader that goes on
        assert archive.read("xl/worksheets/sheet1.xml").endswith(b"<<</sheetData></worksheet>")


def test_max_col_leaves_out_the_cells_to_its_right(tmp_path):
    path = one_sheet(
        tmp_path / "wide.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c>'
        '<c r="AB1"><v>28</v></c></row><row r="2"><c r="C2"><v>3</v></c></row>'
        '<row r="3"><c r="B3"><v>2</v></c></row>',
    )
    assert ours(path, max_col=2)["Sheet1"] == {
        (1, 1): (1, "General", False),
        (1, 2): (2, "General", False),
        (3, 2): (2, "General", False),
    }
    with Workbook(path) as book:
        assert [number for number, _ in book.rows("Sheet1", max_col=2)] == [1, 3]
        assert [number for number, _ in book.rows("Sheet1")] == [1, 2, 3]
    assert disagreements(path, max_col=2) == []


# ---- 3. Through the real loader ----------------------------------------------------------------


def test_a_bid_return_reads_through_the_loader_as_openpyxl_reads_it(tmp_path):
    path = bid_workbook(
        tmp_path / "acme.xlsx",
        organisation={"staff": 45.0, "turnover": "£2,500,000", "balance_sheet": 900000.5},
        uplifts={"L1": 0.03, "L2": "3%"},
        cells={
            "Prices!G5": "TBC",
            "Prices!G6": "=G5*2",
            "Prices!G8": " 35.00 ",
            "Prices!H5": None,
            "Organisation!B7": True,  # charity number
            "Organisation!B14": dt.datetime(2026, 3, 1),  # contact name
            "Organisation!B15": "=B11",  # contact email
        },
    )
    reference = openpyxl.load_workbook(path, read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(path, read_only=True)
    book, problems = open_book(path, "bids/acme.xlsx")
    assert book is not None and problems == []
    with book:
        form, form_problems, relabelled = book.form(
            layout.BID_ORGANISATION, layout.ORGANISATION_FIELDS
        )
        rows, table_problems = book.table(layout.BID_PRICES, headers_for(layout.PRICE_COLUMNS))
        assert form_problems == table_problems == book.problems == []
        assert relabelled == {}
    cells = [*form.values(), *(cell for row in rows for cell in row.values())]
    assert len(form) == len(layout.ORGANISATION_FIELDS) and len(rows) == 4
    for cell in cells:
        expected = reference[cell.sheet][cell.ref]
        assert same(cell.value, expected.value), cell
        assert cell.number_format == (expected.number_format or "General"), cell  # or empty
        is_formula = formulas[cell.sheet][cell.ref].data_type == "f"
        assert cell.unsaved_formula == (is_formula and expected.value is None), cell
        assert cell.file == "bids/acme.xlsx"
    read = {cell.ref: cell for cell in cells if cell.sheet == layout.BID_PRICES}
    assert read["G5"].value == "TBC" and read["G6"].unsaved_formula
    assert read["H6"].value == 0.03 and read["H7"].value == "3%"
    assert form["contact_name"].value == dt.datetime(2026, 3, 1)
    assert form["charity_number"].value is True and "trading_name" in form
    assert form["contact_email"].unsaved_formula and form["staff"].value == 45
    reference.close()
    formulas.close()


# ---- 4. A workbook saved by LibreOffice ------------------------------------------------------


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory) -> Path:
    """An openpyxl workbook (no saved formula results, inline strings) that LibreOffice has
    recalculated and saved: shared strings, its own styles and every formula's result."""
    folder = tmp_path_factory.mktemp("xlsx-libreoffice")
    profile = make_profile(folder / "profile")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Prices"
    rows = [
        ("Lot", "Unit rate (£)", "Uplift", "Start", "Total", "Note"),
        ("L1", 20.5, 0.03, dt.datetime(2026, 3, 1), "=B2*1000", '=IF(B2>100,"high","")'),
        ("L2", 35, 0.175, dt.datetime(2026, 4, 1, 9, 30), "=B3*20", '="Lot "&A3'),
        ("  L3 ", "TBC", "3%", dt.date(1900, 2, 28), "=1/0", "=B2>B3"),
    ]
    for row in rows:
        sheet.append(row)
    for row in (2, 3, 4):
        sheet.cell(row, 2).number_format = '"£"#,##0.00'
        sheet.cell(row, 3).number_format = "0.0%"
        sheet.cell(row, 4).number_format = "dd/mm/yyyy hh:mm"
    sheet["A6"] = "line one\nline two"
    sheet["B6"] = 1.5
    sheet["B6"].number_format = "[h]:mm:ss"
    hidden = book.create_sheet("Hidden")
    hidden["A1"] = "Prices"
    hidden.sheet_state = "hidden"
    book.save(folder / "bid.xlsx")
    converted, done = recalculate(folder / "bid.xlsx", folder, profile)
    assert converted.exists(), done.stderr
    return converted


@pytest.mark.libreoffice
def test_a_libreoffice_workbook_reads_as_openpyxl_reads_it(saved_by_libreoffice):
    with zipfile.ZipFile(saved_by_libreoffice) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()  # what this test is for
    assert disagreements(saved_by_libreoffice) == []
    read = cells_of(saved_by_libreoffice, "Prices")
    assert read["A1"] == ("Lot", "General", False)
    assert read["A4"][0] == "  L3 "
    assert read["B2"][0] == 20.5 and read["C3"][0] == 0.175
    assert read["D2"][0] == dt.datetime(2026, 3, 1)
    assert read["D3"][0] == dt.datetime(2026, 4, 1, 9, 30)
    assert read["D4"][0] == dt.datetime(1900, 2, 28)
    assert read["B6"][0] == dt.timedelta(hours=36)
    assert read["A6"][0] == "line one\nline two"


@pytest.mark.libreoffice
def test_a_libreoffice_formulas_saved_results_are_read(saved_by_libreoffice):
    read = cells_of(saved_by_libreoffice, "Prices")
    assert read["E2"][0] == 20500 and read["E2"][2] is False
    assert read["E3"][0] == 700 and read["E3"][2] is False
    assert read["F3"] == ("Lot L2", "General", False)
    assert read["F2"][0] is None  # the formula gave "": blank, as openpyxl reads it
    assert read["E4"][0] == "#DIV/0!" and read["E4"][2] is False
    assert read["F4"][0] is False


def test_column_letters_are_excels_from_a_to_xfd():
    from openpyxl.utils import get_column_letter

    assert [xlsx.column_letter(c) for c in (1, 26, 27, 52, 703, 16_384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "AAA",
        "XFD",
    ]
    assert all(xlsx.column_letter(c) == get_column_letter(c) for c in range(1, 16_385, 7))


def test_a_time_at_exactly_half_a_millisecond_reads_as_openpyxl_reads_it(tmp_path):
    """Found by the property test above: 07:03:01.0005 is 25,381,000.5 ms, a tie, and the
    two readers rounded it apart (the day's fraction times 86,400,000 at once, or times
    86,400 and then 1,000, are not the same float)."""
    for mac in (False, True):
        path = tmp_path / f"half-{mac}.xlsx"
        write_random_workbook(path, [("visible", {(1, 1): (dt.time(7, 3, 1, 500), None)})], mac)
        assert disagreements(path) == []


# The pattern quoted text and bracketed parts were once taken out of a format by: from every
# bracket after one no bracket closes it read to the end again.
_OLD_LITERAL_OR_LOCALE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_FORMAT_PARTS = ['"', "[", "]", "h", "hh", "m", "s", "\n", "d", "0", "[h]", "x"]


@given(st.lists(st.sampled_from(_FORMAT_PARTS), max_size=12))
def test_a_formats_text_and_brackets_are_taken_out_as_the_pattern_took_them(parts):
    code = "".join(parts)
    taken = xlsx._without_literals_and_locales(code)
    assert taken == _OLD_LITERAL_OR_LOCALE.sub("", code)


def test_a_long_format_costs_no_more_than_its_length():
    """Regex audit: a number format of "[" 8,000 times took 0.04 processor-seconds to read,
    four times as long for each doubling (styles.xml may hold a format of any length)."""
    started = cpu_seconds()
    assert not xlsx.is_date_format("[" * 64_000)
    assert cpu_seconds() - started < 0.1
    assert xlsx.is_date_format("[" * 1_000_000 + "d")
    assert cpu_seconds() - started < 1.0
