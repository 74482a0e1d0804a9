"""Cell values of an .xlsx workbook, read straight from its XML.

A bid return is a zip of XML parts; a loader needs only the sheet list, the number formats, the
shared strings and the cells of the few sheets it reads. Reading those parts directly, with
the C parser behind :mod:`xml.etree.ElementTree`, is an order of magnitude faster than building
openpyxl's object per cell and per style, which matters for a framework with a thousand bids.

What a cell reads as is what openpyxl gives in read-only, saved-values mode (the reader it
replaced, and the oracle in ``tests/io/test_xlsx.py``):

* numbers are ``int`` when written without a decimal point or exponent, ``float`` otherwise;
  under a date or time number format they become ``datetime``/``time``/``timedelta``, and
  one no date or time has (Excel shows ########) an :class:`Undated` saying so;
* text comes from the shared strings or the cell itself, rich-text runs joined (phonetic
  guides left out) and Excel's ``_xHHHH_`` escapes decoded;
* ``TRUE``/``FALSE`` cells are ``bool``; error cells are their text (``#N/A``), as a
  :class:`CellError` so the rules can tell an error from text typed;
* a formula's saved result is its value; a formula with no saved result is blank and flagged,
  so the rules can say why it is blank. So is every formula of a workbook that asks to be
  worked out again on opening (``<calcPr fullCalcOnLoad="1"/>``): a program that does not
  calculate (XlsxWriter) saves 0 as each formula's result and sets it, so Excel shows the
  formula's result while the file holds the 0.

Each cell also carries its number format (a cell formatted as a percentage holds the
fraction). A sheet or shared strings table of the plain shape Excel, LibreOffice and openpyxl
write is read by a grammar in C (:mod:`tendereval.io.scan`), which takes a part only when
ElementTree would read it the same; any other part is parsed with ElementTree. Either way a
cell comes back unconverted (a tuple or an element) and :meth:`Workbook.value` converts it.

Rows are streamed: :meth:`Workbook.rows` parses a sheet over 1 MB in chunks and stops as soon
as the caller does, so a sheet with a million rows costs only the rows actually read.
Excel writes rows and cells in order; a sheet whose rows or cells are out of order or repeated
is refused as damaged rather than read one way or the other.

This module never decides whether a file is safe to parse: :func:`tendereval.io.safety.
check_file` runs first (DTDs, zip bombs, encodings). It imports nothing but the standard
library, so a worker reading bids starts fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, XMLPullParser, fromstring

from tendereval.io import fonts
from tendereval.io.appearance import PLAIN, Appearance, Gathered, appearance_of, too_low
from tendereval.io.drawings import ANCHORS as _ANCHORS
from tendereval.io.drawings import DRAWINGS as _DRAWINGS
from tendereval.io.drawings import MAX_DRAWN, Drawn, drawn_over
from tendereval.io.numformat import hides_some
from tendereval.io.ooxml import tags
from tendereval.io.package import located, looked_for, relationships_of, workbook_part
from tendereval.io.scan import (
    ScannedCell,
    ScannedSheet,
    SheetData,
    StyleItem,
    scan_shared_strings,
    scan_sheet_data,
    scan_styles_and_looks,
    sheet_data,
)
from tendereval.io.zipparts import ZipParts

_RELATIONSHIP_ATTRIBUTE = tuple(
    f"{{{ns}}}id"
    for ns in (
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    )
)
_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELATIONSHIP = frozenset({f"{_PACKAGE_RELATIONSHIPS}Relationship"})


_SST, _SHEET_DATA, _ROW, _C, _V, _F, _IS, _T, _R, _SI, _XF = (
    tags(name) for name in ("sst", "sheetData", "row", "c", "v", "f", "is", "t", "r", "si", "xf")
)
_STYLE_CONTAINERS = tags("numFmts") | tags("cellXfs")
_STYLE_ITEMS = tags("numFmt") | _XF
_DRAWING_MAIN = (
    "{http://schemas.openxmlformats.org/drawingml/2006/main}",
    "{http://purl.oclc.org/ooxml/drawingml/main}",
)
_THEME_ELEMENTS = frozenset(f"{ns}themeElements" for ns in _DRAWING_MAIN)
_COLOUR_SCHEME = frozenset(f"{ns}clrScheme" for ns in _DRAWING_MAIN)


class _Local(frozenset):
    """Tags matched by local name in any namespace (or none), as the workbook's listing has
    always been read."""

    def __contains__(self, tag: object) -> bool:
        return isinstance(tag, str) and super().__contains__(tag.rpartition("}")[2])


Container = frozenset[str]
_WORKBOOK_CONTAINERS = _Local({"workbook", "sheets"})
_WORKBOOK_ITEMS = _Local({"sheet", "workbookPr", "sheets", "calcPr"})
_RELATIONSHIPS = _Local({"Relationships"})
# What a streamed sheet hides, merges and draws: matched by local name, as appearance_of
# matches them in a sheet parsed whole. A sheet may write <cols> and <conditionalFormatting>
# any number of times, so none is passed over for how many came before.
_ASIDE = _Local(
    {
        "cols",
        "mergeCells",
        "legacyDrawing",
        "sheetFormatPr",
        "drawing",
        "conditionalFormatting",
        "extLst",
    }
)

CHUNK_BYTES = 64 * 1024  # how much of a large sheet is unpacked and parsed at a time
WHOLE_PART_BYTES = 1024 * 1024  # a sheet up to this size is parsed in one go
_CUSTOM_PROPERTIES = "docProps/custom.xml"
# A template's custom properties take under a kilobyte; a part far larger is not ours.
_MAX_CUSTOM_PROPERTIES_BYTES = 256 * 1024
_MAX_PROPERTIES = 1_000
# A part parsed in one go is first offered to the plain-shape reader (io/scan.py), which
# reads it only when ElementTree would read it the same; the tests turn it off to compare.
SCAN = True

# What a workbook may hold, counted as it is parsed. Excel's own limits where it has them; a
# bid return has a handful of sheets, a few dozen formats and a few hundred strings, and the
# consolidated form's largest table a few hundred thousand strings.
MAX_ROW = 1_048_576  # Excel's last row
MAX_COLUMN = 16_384  # Excel's last column (XFD)
MAX_SHEETS = 1_000
MAX_CELL_FORMATS = 64_000  # Excel's limit on cell formats
MAX_NUMBER_FORMATS = 64_000
MAX_SHARED_STRINGS = 2_000_000
# A streamed part is refused when it nests deeper than any spreadsheet XML does, when one tag
# or text runs longer than any cell can hold (32,767 characters), or when one element (a row,
# a string) holds more elements than a full row of rich-text cells would.
MAX_XML_DEPTH = 32
MAX_TOKEN_BYTES = 1024 * 1024
MAX_HELD_ELEMENTS = 500_000

# Excel's built-in number formats (ids below 164 that a workbook need not spell out), as
# openpyxl knows them; the locale-dependent ids it does not know read as General.
BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}

# A format is a date or time when its first section, quoted text and [bracketed] codes other
# than elapsed [h], [m], [s] left out, has a d, m, y, h or s not escaped by _ or \.
# Where quoted text or a bracketed part of a number format starts (_without_literals_and_locales)
# and, after a bracket, the units of an elapsed time, which stay.
_LITERAL_OR_LOCALE_STARTS = re.compile(r'["\[]')
_ELAPSED_UNIT = re.compile(r"hh?\]|mm?\]|ss?\]")
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_ELAPSED = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SURROGATE = re.compile("[\ud800-\udfff]")
_WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
_MAC_EPOCH = dt.datetime(1904, 1, 1)


def fold_name(text: str) -> str:
    """A sheet name, column header or form label as the loaders match it: case, runs of
    spaces and a trailing ``*`` or ``:`` make no difference."""
    return _NAME_SPACES.sub(" ", text).strip().rstrip("*:").strip().casefold()


_NAME_SPACES = re.compile(r"[\s\u00a0]+")


class SheetsReadAsOne(ValueError):
    """Two sheets whose names the loaders read as one (``Prices`` and ``Prices ``, a space
    at its end), which Excel allows side by side: which one is meant is not guessed."""

    def __init__(self, first: str, second: str) -> None:
        self.first, self.second = first, second
        super().__init__(
            f"the workbook has two sheets named '{first}' and '{second}' "
            f"({named_apart(first, second)}), which are read as one name"
        )


def named_apart(first: str, second: str) -> str:
    """What tells two sheet names :func:`fold_name` reads as one apart, in words: "the second
    ends in a space" for 'Prices' and 'Prices ', as quotes alone hardly show it."""
    said = [
        f"the {which} {oddity}"
        for which, name in (("first", first), ("second", second))
        for oddity in _oddities(name)
    ]
    if not said and first.casefold() == second.casefold():
        said.append("they differ in capitals")
    return "; ".join(said) or "they differ in spacing"


def _oddities(name: str) -> list[str]:
    """What in a sheet's name :func:`fold_name` sets aside, in words."""
    found = []
    if name[:1].isspace():
        found.append("begins with a space")
    if name.rstrip("*:")[-1:].isspace() or name[-1:].isspace():
        found.append("ends in a space")
    if re.search(r"\S\s{2,}\S", name):
        found.append("has two spaces together")
    if any(ch.isspace() and ch != " " for ch in name):
        found.append("has a space of another kind (a non-breaking space or a tab)")
    if name.rstrip() != name.rstrip().rstrip("*:"):
        found.append(f"ends in '{name.rstrip()[-1]}'")
    return found


def _without_literals_and_locales(code: str) -> str:
    """``code`` with its quoted text and its [locale] and [colour] parts taken out, as the
    pattern ``".*?"|\\[(?!hh?\\]|mm?\\]|ss?\\])[^\\]]*\\]`` took them (quoted text on one line;
    a bracket to the next one closing it, but [h], [mm] and the like), but a bracket no bracket
    closes is read to the end once, not again from each bracket after it: a format of "[" 8,000
    times took 0.04 processor-seconds, four times as long for each doubling (styles.xml may
    hold a format of any length)."""
    parts: list[str] = []
    kept = at = 0  # the code before ``kept`` is in ``parts``; look on from ``at``
    unclosed = len(code) + 1  # no bracket closes one opened from here on
    while found := _LITERAL_OR_LOCALE_STARTS.search(code, at):
        start, end = found.start(), -1
        if code[start] == '"':
            close = code.find('"', start + 1)
            if close >= 0 and code.find("\n", start + 1, close) < 0:
                end = close + 1
        elif start < unclosed and not _ELAPSED_UNIT.match(code, start + 1):
            close = code.find("]", start + 1)
            if close < 0:
                unclosed = start
            else:
                end = close + 1
        if end < 0:
            at = start + 1
            continue
        parts.append(code[kept:start])
        kept = at = end
    return "".join(parts) + code[kept:]


def is_date_format(code: str) -> bool:
    return _DATE_CODE.search(_without_literals_and_locales(code.split(";")[0])) is not None


def is_elapsed_format(code: str) -> bool:
    """``[h]:mm`` and the like: a duration, not a time of day."""
    return _ELAPSED.search(code.split(";")[0]) is not None


class CellError(str):
    """A cell's error value (``#N/A``, ``#REF!``, ``#DIV/0!``): what its formula gave instead
    of a value. Text, as openpyxl reads it, but never to be taken for text someone typed."""

    __slots__ = ()


class Undated(str):
    """A number under a date or time format that no date or time has: one after 31 December
    9999, or below 0 in Excel's 1900 date system. Excel shows ######## in its place (openpyxl
    reads the first as "#VALUE!", which is in neither the file nor the screen, and the second
    as a day in 1899). Text saying what the cell holds and shows, as a problem quotes it; it
    reads as no number and no date. ``number`` is the number held, which a field of free
    text (an address, a contact) reads as it reads any number."""

    number: int | float


@dataclass(frozen=True)
class Style:
    """What a cell's style index says about its value."""

    number_format: str = "General"
    date: bool = False
    elapsed: bool = False


_GENERAL = Style()


class Styles(tuple[Style, ...]):
    """A workbook's styles by index, and the number formats among them that show nothing
    for some values (:func:`tendereval.io.numformat.hides_some`: ``;;;``), found once when
    the styles are read (and remembered with them), so a workbook without one costs the
    readers one test of an empty set."""

    hiding: frozenset[str] = frozenset()
    # Whether a cell format's text cannot be read (io/fonts.py): its cells' number format is
    # then a fonts.UnseenFormat saying why.
    unseen: bool = False
    # The fonts, fills and differential formats (conditional formats apply the last).
    looks: fonts.Looks = fonts.NONE
    # The colour of the background each cell format draws (rich text is judged on it), when
    # the workbook lists fills.
    backgrounds: tuple[str | None, ...] = ()
    palette: tuple[str, ...] = ()  # the workbook's palette, when it lists fonts or fills
    scheme: tuple[str | None, ...] = fonts.OFFICE  # its theme's colours (fonts.OFFICE)


_TEXT_TYPES = frozenset({"s", "inlineStr", "str"})


@dataclass(frozen=True)
class SheetInfo:
    """A sheet as the workbook lists it: ``state`` is visible, hidden or veryHidden; ``part``
    is its XML inside the zip (None for a sheet with no cells to read, e.g. a chart sheet)."""

    name: str
    state: str
    part: str | None


Value = tuple[Any, str, bool]  # (value, number format, formula with no saved result)
# A cell not yet converted: its XML element, or as the plain-shape reader found it.
RawCell = Element | ScannedCell
Cells = dict[int, RawCell]  # column number → the cell, not yet converted
# How a sheet the plain-shape reader read is gone over: :func:`_scanned_rows` or, for a
# sheet kept in :data:`_SCANNED`, :func:`_rows_read_before`.
_Reading = Callable[[ScannedSheet, int | None], Iterator[tuple[int, Cells]]]


class Workbook:
    """An open .xlsx file. Use as a context manager; :meth:`rows` reads one sheet."""

    def __init__(self, source: Path | ZipParts):
        """``source`` is the file, or its parts already read by the safety checks."""
        self._archive = source if isinstance(source, ZipParts) else ZipParts.from_path(source)
        # Sheets the workbook lists whose cells cannot be found: name → what is wrong.
        self._lost: dict[str, str] = {}
        # Rows holding cells that Excel does not show (hidden, or filtered out): sheet → rows.
        self._hidden_rows: dict[str, set[int]] = {}
        # What each sheet read hides and merges: found with its rows, or (a large sheet,
        # streamed) the elements of the part that say so, kept as they come by.
        self._appearance: dict[str, Appearance | Gathered] = {}
        self._unread: dict[str, Iterator[Element]] = {}  # streamed sheets' rows not yet read
        # Sheets the plain-shape reader has read in this workbook: name → its rows and cells,
        # how to go over them, and what the sheet hides and merges. A bid's other sheets are
        # each asked whether they hold the Prices, Supply chain or Packages table, so the
        # Instructions sheet is asked four times: unpacked and scanned once.
        self._read_here: dict[str, tuple[ScannedSheet, _Reading, Appearance]] = {}
        try:
            # recalculated: whether the workbook asks Excel to work every formula out on
            # opening, so that no formula's saved result is read (see Listing).
            self.sheets, self._epoch, self.recalculated = self._read_workbook()
            self._by_name = {sheet.name: sheet for sheet in self.sheets}
            # Keyed by the s="…" text as written, so a cell's style is one dictionary look-up.
            styles = self._read_styles()
            self._styles = {str(i): style for i, style in enumerate(styles)}
            # Number formats that show nothing for some values (the readers say so).
            self.hiding_formats = styles.hiding
            # Whether a cell format draws text that cannot be read (io/fonts.py).
            self.unseen_text = styles.unseen
            self.looks = styles.looks  # for what conditional formats apply (io/unseen.py)
            self._backgrounds = styles.backgrounds
            self._palette, self._theme_colours = styles.palette, styles.scheme
            self._shared: list[str] | None = None
            # Shared strings in rich text with a run that may be lost on its background:
            # index → its runs (io/fonts.py). Nearly always empty.
            self._rich: dict[int, tuple[fonts.Run, ...]] = {}
        except BaseException:
            self._archive.close()
            raise

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._archive.close()

    @property
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.sheets]

    def sheet(self, name: str) -> SheetInfo:
        return self._by_name[name]

    # -- the rows of a sheet

    def rows(self, name: str, max_col: int | None = None) -> Iterator[tuple[int, Cells]]:
        """``(row number, {column number: cell})`` for each row of the sheet holding a value
        or a formula, in order; rows and cells the file leaves out are blank. Read a cell's
        value with :meth:`value` (only the cells needed are converted). Cells right of
        ``max_col`` are left out. Stop iterating whenever enough has been read."""
        part = self.sheet(name).part
        info = self._archive.info(part) if part is not None else None
        if info is None:
            if name in self._lost:  # the file is damaged: not a sheet with no cells
                lost = ValueError(self._lost[name])
                lost.add_note(self._lost[name])  # what the officer is told was found
                raise lost
            return
        if info.file_size <= WHOLE_PART_BYTES:
            here = self._read_here.get(name)
            if here is not None:  # the same part of the same file: read as it was
                scanned, reading, self._appearance[name] = here
                yield from reading(scanned, max_col)
                return
            found = self._scanned_before(info)
            if found is not None:
                self._appearance[name] = found[1]
                yield from _rows_read_before(found[0], max_col)
                return
            data = self._archive.read(info)
            where = sheet_data(data) if SCAN else None
            if where is not None:
                self._appearance[name] = where.appearance
                scanned, before = self._scanned(info, data, where)
                if scanned is not None:
                    reading = _rows_read_before if before else _scanned_rows
                    self._read_here[name] = (scanned, reading, where.appearance)
                    yield from reading(scanned, max_col)
                    return
            root = fromstring(data)
            self._appearance[name] = appearance_of(root)
            elements: Iterator[Element] = _children(root, _SHEET_DATA, _ROW)
        else:
            gathered = Gathered()
            self._appearance[name] = gathered
            elements = _streamed(self._archive, info, _SHEET_DATA, _ROW, aside=gathered)
            self._unread[name] = elements  # the rest, read by appearance() if it is needed
        previous = 0
        by_default: bool | None = None  # rows not given a height drawn with none: known by
        for element in elements:  # the first row (a sheet says so before its data)
            number = _row_number(element.get("r"), previous)
            cells = _row_cells(element, number, max_col)
            previous = number
            if cells:
                if by_default is None:
                    by_default = self._appearance_so_far(name).rows_hidden
                height = element.get("ht")
                if (
                    element.get("hidden") in _TRUE
                    or too_low(height)
                    or (by_default and height is None)
                ):
                    self._hidden_rows.setdefault(name, set()).add(number)
                yield number, cells

    def hidden_rows(self, name: str) -> frozenset[int]:
        """The rows of sheet ``name`` read so far that hold cells Excel does not show: hidden,
        or filtered out by a filter (both save the row as hidden), or drawn with no height (a
        height of 0, or too low to show anything, or none given on a sheet that draws such
        rows with none: :func:`tendereval.io.appearance.too_low`, ``Appearance.rows_hidden``).
        The plain-shape grammar leaves every such sheet to ElementTree (io/scan.py)."""
        return frozenset(self._hidden_rows[name]) if name in self._hidden_rows else _NO_ROWS

    def appearance(self, name: str) -> Appearance:
        """What sheet ``name`` hides and merges (io/appearance.py), once its rows are read
        (nothing before). Of a sheet streamed whose rows were not all read (a form stops at
        its last field), the rest of the part is read first: merges, conditional formats and
        drawings are written after the rows, and a sheet padded past
        :data:`WHOLE_PART_BYTES` must not escape them."""
        rest = self._unread.pop(name, None)
        if rest is not None:
            for _ in rest:  # rows not wanted; what comes after them is gathered
                pass
        return self._appearance_so_far(name)

    def _appearance_so_far(self, name: str) -> Appearance:
        found = self._appearance.get(name, PLAIN)
        return found if found.__class__ is Appearance else found.appearance()  # type: ignore[union-attr]

    def comments(self, name: str) -> dict[str, str]:
        """The comments on sheet ``name``'s cells: reference → text, at most
        :data:`MAX_COMMENTS`. Excel keeps a threaded comment (a conversation) in a part of its
        own, and in the comments part a copy prefixed by a paragraph on versions of Excel: the
        conversation's first text is given for such a cell."""
        found: dict[str, str] = {}
        threaded: dict[str, str] = {}
        for kind, comments in self._related(name, ("comments", "threadedComment")):
            into = found if kind == "comments" else threaded
            tags = (_COMMENT_LIST, _COMMENT) if kind == "comments" else (_THREADS, _THREAD)
            for comment in self._elements(comments, *tags):
                ref = comment.get("ref", "")
                if ref not in into and len(into) < MAX_COMMENTS:
                    into[ref] = _comment_text(comment, kind == "comments")
        return found | threaded

    def _related(self, name: str, kinds: tuple[str, ...]) -> Iterator[tuple[str, zipfile.ZipInfo]]:
        """The parts of the kinds given (the last word of a relationship's Type) that sheet
        ``name``'s relationships name, with their kind: those the file holds."""
        part = self.sheet(name).part
        if part is None:
            return
        rels = self._archive.find(relationships_of(part))
        info = self._archive.info(rels) if rels is not None else None
        if info is None:
            return
        folder = posixpath.dirname(part)
        for element in self._elements(info, _RELATIONSHIPS, _RELATIONSHIP):
            kind = element.get("Type", "").rpartition("/")[2]
            if kind not in kinds:
                continue
            found, _ = located(self._archive, folder, element.get("Target", ""))
            related = self._archive.info(found) if found is not None else None
            if related is not None:
                yield kind, related

    def drawings(self, name: str) -> list[Drawn]:
        """What sheet ``name`` draws over its cells (text boxes, shapes, pictures), from its
        drawing part: at most :data:`MAX_DRAWN` of them (io/drawings.py)."""
        found: list[Drawn] = []
        for _, part in self._related(name, ("drawing",)):
            for anchor in self._elements(part, _DRAWINGS, _ANCHORS):
                if len(found) >= MAX_DRAWN:
                    return found
                drawn = drawn_over(anchor)
                if drawn is not None:
                    found.append(drawn)
        return found

    def _scanned_before(self, info: zipfile.ZipInfo) -> tuple[ScannedSheet, Appearance] | None:
        """The plain-shape reader's rows and cells of a sheet part with the same digest as
        one it read before (see :data:`_SCANNED`), and what the part hides and merges; or
        None."""
        if not SCAN or info.file_size > SCANNED_KEPT_BYTES:
            return None
        digest = self._archive.digest(info)
        if digest is None:
            return None
        appearance = _APPEARANCES.get(digest)
        scanned = _SCANNED.pop(digest, None) if appearance is not None else None
        if scanned is None or appearance is None:
            return None
        _SCANNED[digest] = scanned  # the most recently used are kept longest
        return scanned, appearance

    def _scanned(
        self, info: zipfile.ZipInfo, data: bytes, where: SheetData
    ) -> tuple[ScannedSheet | None, bool]:
        """What the grammar reads of a sheet part's data, and whether it was read before,
        remembered by the digest of what the reading depends on: the data's bytes and the
        prefixes in scope. Excel saves in every sheet the cell its user last selected, so no
        two bids saved in Excel share a sheet's bytes; but the data of a sheet the supplier
        left as the template made it is the same in every bid, and is read once."""
        if info.file_size > SCANNED_KEPT_BYTES:
            return scan_sheet_data(data, where), False
        digest = hashlib.blake2b((where.end - where.start).to_bytes(8, "little"), digest_size=16)
        digest.update(memoryview(data)[where.start : where.end])
        digest.update(" ".join(sorted(where.prefixes)).encode())
        key = digest.digest()
        known = _SCANNED.pop(key, None)
        if known is not None:  # the most recently used are kept longest
            _SCANNED[key] = known
            return known, True
        scanned = scan_sheet_data(data, where)
        if scanned is not None:
            kept = None
            part = self._archive.digest(info)
            for seen in (part, key):
                if _seen_before(seen):
                    # Tuples: what is shared between workbooks must not be changed by any.
                    kept = kept or ScannedSheet(tuple(scanned.rows), tuple(scanned.cells))
                    _remember(_SCANNED, seen, kept)
                    if seen is part:  # the whole part: what it hides and merges with it
                        _remember(_APPEARANCES, seen, where.appearance)
        return scanned, False

    def _elements(
        self, info: zipfile.ZipInfo, container: Container, tags: Container, parents: bool = False
    ) -> Iterator[Any]:
        """The elements tagged ``tags`` directly inside a ``container`` element (the root or
        one of its children) of a part, each as ``(its parent's tag, it)`` when ``parents``.
        A small part is parsed whole (the C parser builds the tree in one go); a large one is
        streamed (see :func:`_streamed`)."""
        if info.file_size > WHOLE_PART_BYTES:
            yield from _streamed(self._archive, info, container, tags, parents)
            return
        yield from _children(fromstring(self._archive.read(info)), container, tags, parents)

    def custom_properties(self) -> dict[str, str]:
        """The workbook's custom document properties holding text, by name (a template's
        mark: tendereval/template_marks.py). Empty when there are none, or when they cannot
        be read: they are never part of what a bid or a score says, so a damaged or outsized
        properties part is set aside, not refused."""
        found = self._archive.find(_CUSTOM_PROPERTIES)
        info = self._archive.info(found) if found is not None else None
        if info is None or info.file_size > _MAX_CUSTOM_PROPERTIES_BYTES:
            return {}
        try:
            key = _digest(*self._stored(info))  # bids from one template share the part
            properties = _PROPERTIES.get(key)
            if properties is None:
                properties = _remember(_PROPERTIES, key, _custom(self._archive.read(info)))
        except Exception:
            return {}
        return dict(properties)

    def is_text(self, cell: RawCell) -> bool:
        """Whether a cell holds text (only text can name a column or a field)."""
        kind = cell[3] if cell.__class__ is tuple else cell.get("t")  # type: ignore[union-attr]
        return kind in _TEXT_TYPES

    def text(self, cell: RawCell) -> str | None:
        """A text cell's value (None for any other cell): ``value(cell)[0]`` when
        :meth:`is_text`, read the short way for an inline string."""
        try:
            if cell.__class__ is tuple:
                kind = cell[3]
                if kind == "s" and cell[6] and not (cell[4] and self.recalculated):  # the short way
                    index = _index(cell[6])  # type: ignore[arg-type]
                    return (self._shared or self._shared_strings())[index]
                elif kind == "inlineStr":
                    return _unescape(cell[8]) if cell[7] else None  # type: ignore[misc]
                return self.value(cell)[0] if kind == "s" or kind == "str" else None
            return self.value(cell)[0] if cell.get("t") in _TEXT_TYPES else None  # type: ignore[union-attr]
        except (ValueError, IndexError) as exc:
            if not getattr(exc, "__notes__", None):  # the cell's own fault, not its table's
                exc.add_note(what_is_wrong(cell))
            raise

    def read_as_text(self, cells: Iterable[RawCell]) -> None:
        """Read ``cells`` as :meth:`text` reads them as far as it could refuse them (a shared
        string that does not exist, or is not a number), raising as it would; nothing is
        kept. Only a shared string or a cell ElementTree read can be refused."""
        shared = None
        for cell in cells:
            if cell.__class__ is not tuple:
                self.text(cell)
            elif cell[3] == "s":
                saved = cell[6]
                try:
                    if saved and not (cell[4] and self.recalculated):  # as text() reads it
                        index = _index(saved)
                        if shared is None:
                            shared = self._shared or self._shared_strings()
                        shared[index]  # refused, as text() refuses it, when not there
                    else:
                        self.value(cell)  # no index: as text() reads it
                except (ValueError, IndexError) as exc:
                    if not getattr(exc, "__notes__", None):
                        exc.add_note(what_is_wrong(cell))
                    raise

    def value(self, cell: RawCell) -> Value:
        """A cell's value, number format and whether it is a formula with no saved result."""
        try:
            if cell.__class__ is not tuple:
                return self._element_value(cell)  # type: ignore[arg-type]
            # As _element_value reads the same cell's element: (reference letters, digits, s, t,
            # "f", "v", value text, "i", inline text), "" for what is not written.
            _, _, s, kind, formula, has_value, saved, inline, text = cell  # type: ignore[misc]
            style = self._styles.get(s or "0") or self._styles.get(str(_index(s)), _GENERAL)
            if formula and self.recalculated:  # what is saved is not what Excel shows
                return None, style.number_format, True
            if kind == "inlineStr":  # the text is the cell's <is>; a formula's result is ignored
                if inline:
                    return _unescape(text), style.number_format, False
                return None, style.number_format, bool(formula)
            if not saved:
                unsaved = bool(formula) and not (kind == "str" and bool(has_value))
                return None, style.number_format, unsaved
            if (kind == "n" or not kind) and not style.date:  # a plain number: _number, inline
                if not saved.isascii() or "_" in saved:
                    raise ValueError(f"'{saved}' is not a number as a workbook saves one")
                if "." in saved or "e" in saved or "E" in saved:
                    return float(saved), style.number_format, False
                return int(saved), style.number_format, False
            if kind == "s":  # a shared string: _converted, inline
                index = _index(saved)
                text = (self._shared or self._shared_strings())[index]
                if self._rich and index in self._rich:
                    return text, self._rich_format(self._rich[index], s, style), False
                return text, style.number_format, False
            return self._converted(saved, kind or "n", style), style.number_format, False
        except (ValueError, IndexError) as exc:
            if not getattr(exc, "__notes__", None):  # the cell's own fault, not its table's
                exc.add_note(what_is_wrong(cell))
            raise

    def values_at(self, cells: Cells, columns: Sequence[int], empty: Value) -> list[Value]:
        """:meth:`value` of the cell in each of ``columns`` of one row's ``cells`` (``empty``
        where the row has none), in one call. A table reads every one of its columns in
        every row, a few hundred cells a bid, nearly all a plain number or a shared string:
        those are read here as :meth:`value` reads them, without a call each. Any other
        cell, and any cell these steps refuse, is :meth:`value`'s, so it is refused with
        the same words."""
        styles = self._styles
        # A formula's saved result in a workbook asking for it to be worked out again is not
        # read: value() says so.
        recalculated = self.recalculated
        found: list[Value] = []
        for col in columns:
            cell = cells.get(col)
            if cell is None:
                found.append(empty)
                continue
            if cell.__class__ is tuple:
                # (reference letters, digits, s, t, "f", "v", value text, "i", inline text)
                saved = cell[6]  # type: ignore[index]
                read = saved and not (recalculated and cell[4])  # type: ignore[index]
                style = styles.get(cell[2] or "0") if read else None  # type: ignore[index]
                if style is not None and not style.date:
                    kind = cell[3]  # type: ignore[index]
                    try:
                        if (kind == "n" or not kind) and saved.isascii() and "_" not in saved:
                            if "." in saved or "e" in saved or "E" in saved:
                                found.append((float(saved), style.number_format, False))
                            else:
                                found.append((int(saved), style.number_format, False))
                            continue
                        shared = self._shared
                        if kind == "s" and shared is not None and not self._rich:
                            found.append((shared[_index(saved)], style.number_format, False))
                            continue
                    except (ValueError, IndexError):
                        pass  # refused below, by value(), in its words
            found.append(self.value(cell))
        return found

    def _element_value(self, cell: Element) -> Value:
        kind = cell.get("t", "n")
        s = cell.get("s", "0")
        style = self._styles.get(s) or self._styles.get(str(_index(s)), _GENERAL)
        if self.recalculated and any(child.tag in _F for child in cell):
            return None, style.number_format, True  # what is saved is not what Excel shows
        if kind == "inlineStr":  # the text is the cell's <is>; a formula's result is ignored
            try:
                texts = [_text(child) for child in cell if child.tag in _IS]
            except ValueError as exc:  # in two pieces: said so, naming the cell
                exc.add_note(
                    f"cell {cell.get('r') or 'with no reference'} holds {exc.__notes__[0]}"
                )
                raise
            if len(texts) > 1:
                raise _two_values(cell, texts)
            saved = next((child for child in cell if child.tag in _V), None)
            if texts and saved is not None and (saved.text or len(saved)):
                # A value beside the text: LibreOffice shows neither, tendereval read the text.
                raise _two_values(cell, [texts[0], "".join(saved.itertext())])
            if texts:
                inline = next(child for child in cell if child.tag in _IS)
                if len(inline) > 1 or (len(inline) == 1 and inline[0].tag not in _T):
                    runs = fonts.runs_of(inline)  # rich text: some of it may be lost
                    if runs is not None:
                        self.unseen_text = True
                        return texts[0], self._rich_format(runs, s, style), False
                return texts[0], style.number_format, False
            return None, style.number_format, any(child.tag in _F for child in cell)
        saved = formula = inline = None
        for child in cell:
            tag = child.tag
            if tag in _V:
                if saved is not None:
                    raise _two_values(cell, [saved, _plain(child, cell)])
                saved = _plain(child, cell)
            elif tag in _F:
                formula = True
            elif tag in _IS:
                inline = child
        if inline is not None and saved:  # a text beside the value: which one is the cell's?
            raise _two_values(cell, ["".join(inline.itertext()), saved])
        if not saved:
            # A formula with no saved value was written by a program that does not calculate;
            # one that calculated to "" is saved as an empty text result and is simply blank.
            unsaved = bool(formula) and not (kind == "str" and saved is not None)
            return None, style.number_format, unsaved
        value = self._converted(saved, kind, style)
        if kind == "s" and self._rich and _index(saved) in self._rich:
            return value, self._rich_format(self._rich[_index(saved)], s, style), False
        return value, style.number_format, False

    def _rich_format(self, runs: tuple[fonts.Run, ...], s: str, style: Style) -> str:
        """The number format of a cell holding text in rich text (``runs``), of cell format
        ``s``: a fonts.UnseenFormat when part of its text is lost on the cell's background."""
        if style.number_format.__class__ is fonts.UnseenFormat:
            return style.number_format  # the cell's own font is already said
        at = _index(s or "0")
        background = self._backgrounds[at] if at < len(self._backgrounds) else "FFFFFF"
        reason = fonts.runs_reason(runs, background, self._palette, self._theme_colours)
        return fonts.UnseenFormat(style.number_format, reason) if reason else style.number_format

    def _converted(self, saved: str, kind: str, style: Style) -> Any:
        """The value a cell of type ``kind`` saved as ``saved`` (not empty) holds."""
        if kind == "n":
            return _number(saved, style, self._epoch)
        if kind == "s":
            return self._shared_strings()[_index(saved)]
        if kind == "b":
            return bool(_index(saved))
        if kind == "d":
            return _iso8601(saved)
        if kind == "str":
            return _unescape(saved)
        if kind == "e":
            return CellError(saved)
        raise ValueError(f"a cell of unknown type '{kind}'")

    # -- the parts every read needs

    def _read_workbook(self) -> tuple[list[SheetInfo], dt.datetime, bool]:
        """The sheets listed, the date system, and whether the workbook asks for its formulas
        to be worked out again on opening (see :data:`Listing`)."""
        found = workbook_part(self._archive)
        workbook = self._archive.info(found) if found is not None else None
        if found is None or workbook is None:
            raise KeyError("there is no workbook part (xl/workbook.xml) in the archive")
        folder = posixpath.dirname(found)
        rels_part = self._archive.find(relationships_of(found))
        rels = self._archive.info(rels_part) if rels_part is not None else None
        if workbook.file_size <= WHOLE_PART_BYTES and (
            rels is None or rels.file_size <= WHOLE_PART_BYTES
        ):  # bids made from one template share these parts: remembered by their digest
            key = _digest(folder.encode(), *self._stored(workbook), *self._stored(rels))
            listing = _LISTINGS.get(key) or _remember(
                _LISTINGS, key, self._listing(workbook, rels, folder)
            )
        else:
            listing = self._listing(workbook, rels, folder)
        sheets, epoch, related, written, recalculated = listing
        # Where the workbook says its styles and shared strings are (some programs name them
        # differently), when the file has that part; else where Excel keeps them.
        self._parts = {
            kind: self._archive.find(part) or part for kind, part in _usual_parts(folder)
        }
        for kind, target in related:
            part, _ = located(self._archive, folder, target)
            if part is not None:
                self._parts[kind] = part
        return self._found_sheets(sheets, dict(written), folder), epoch, recalculated

    def _found_sheets(
        self, sheets: Iterable[SheetInfo], written: dict[str, str | None], folder: str
    ) -> list[SheetInfo]:
        """The sheets listed, each with the name its part has in the zip (its relationship's
        Target resolved from the workbook's ``folder``, io/package.py; the name may differ
        in case from the one the Target gives). A sheet whose part is not in the zip, or
        that has no relationship at all, is kept with no part and noted as lost: reading
        it says the file is damaged, where reading it as empty would report its table
        missing and lose what the supplier typed."""
        found = []
        for sheet in sheets:
            if sheet.part is not None:
                part = self._archive.find(sheet.part) if sheet.part else None
                if part is None:  # not where the rule puts it: perhaps from the root
                    target = written.get(sheet.name) or ""
                    part, looked = located(self._archive, folder, target)
                    if part is None:
                        self._lost[sheet.name] = (
                            f"the workbook lists the sheet '{sheet.name}', but its part "
                            f"({' or '.join(looked) or target}) is not in the file"
                        )
                if part != sheet.part:
                    sheet = replace(sheet, part=part)
            elif sheet.name in written and written[sheet.name] is None:
                self._lost[sheet.name] = (
                    f"the workbook lists the sheet '{sheet.name}', but the workbook does not "
                    "say where its cells are"
                )
            found.append(sheet)
        return found

    def _listing(
        self, workbook: zipfile.ZipInfo, rels: zipfile.ZipInfo | None, folder: str
    ) -> Listing:
        """The sheets and date system of workbook.xml, and the (kind, Target) of the styles
        and shared strings its relationships name. At most :data:`MAX_SHEETS` sheets, each
        name once (Excel allows nothing else). Each sheet's ``part`` is where its
        relationship's Target puts it from the workbook's ``folder`` (io/package.py; "" when
        that is above the package's root), looked for in the zip by :meth:`_found_sheets`."""
        targets: dict[str, str] = {}
        related = []
        written: dict[str, str] = {}  # relationship id → its Target as written
        if rels is not None:
            for element in self._elements(rels, _RELATIONSHIPS, _RELATIONSHIP):
                kind = element.get("Type", "").rpartition("/")[2]
                target, rid = element.get("Target", ""), element.get("Id", "")
                if rid in written:  # LibreOffice reads the first, openpyxl the last
                    raise ValueError(
                        f"the workbook's relationships give the id '{rid}' to two parts "
                        f"({written[rid]} and {target}), and programs differ on which they read"
                    )
                written[rid] = target
                if kind == "worksheet":
                    targets[rid] = next(iter(looked_for(folder, target)), "")
                elif kind in ("styles", "sharedStrings", "theme"):
                    related.append((kind, target))
        epoch = _WINDOWS_EPOCH
        recalculated = False
        sheets = []
        # Sheet name → the Target of its relationship as written, None when it has none (and
        # so no part: not a chart sheet, whose relationship is of another type).
        sheet_targets: list[tuple[str, str | None]] = []
        names: dict[str, str] = {}  # a name as the loaders match it → the name as written
        lists = 0
        for parent, element in self._elements(
            workbook, _WORKBOOK_CONTAINERS, _WORKBOOK_ITEMS, parents=True
        ):
            kind = element.tag.rpartition("}")[2]
            if parent.rpartition("}")[2] != "sheets":  # the root's own children
                if kind == "workbookPr":
                    if element.get("date1904", "") in ("1", "true"):
                        epoch = _MAC_EPOCH
                elif kind == "calcPr":
                    recalculated = element.get("fullCalcOnLoad", "") in _TRUE
                elif kind == "sheets":
                    lists += 1
                    if lists > 1:  # LibreOffice shows every list's sheets, openpyxl the last's
                        raise ValueError(
                            "the workbook lists its sheets twice, and programs differ on "
                            "which list they show"
                        )
                # A <sheet> outside the list of sheets is shown by no program: not read.
                continue
            if kind != "sheet":
                continue
            if len(sheets) == MAX_SHEETS:
                raise ValueError(f"the workbook lists more than {MAX_SHEETS:,} sheets")
            name = element.get("name", "")
            # Excel refuses two names differing in case only, but allows 'Prices' beside
            # 'Prices ' (a trailing or doubled space), which the loaders read as one name:
            # which of the two would be read? Neither is guessed at.
            first = names.setdefault(fold_name(name), name)
            if first is not name:
                raise SheetsReadAsOne(first, name)
            rid = next((element.get(a) for a in _RELATIONSHIP_ATTRIBUTE if element.get(a)), "")
            sheet_targets.append((name, written.get(rid)))
            sheets.append(
                SheetInfo(name=name, state=element.get("state", "visible"), part=targets.get(rid))
            )
        return tuple(sheets), epoch, tuple(related), tuple(sheet_targets), recalculated

    def _read_styles(self) -> Styles:
        """Style index → number format, from ``cellXfs`` and ``numFmts`` in styles.xml."""
        info = self._archive.info(self._parts["styles"])
        if info is None:
            return Styles()
        scheme = self._scheme()
        if info.file_size > WHOLE_PART_BYTES:
            return self._styles_of(info, scheme)
        # Bids made from one template and saved by one program share their styles, and
        # parsing them is a tenth of a bid's reading: remembered by the digest of their bytes
        # (never the bytes themselves, so what is kept does not grow with each bid read),
        # and of the theme colours they are drawn in.
        key = _digest(*self._stored(info), "".join(c or "-" for c in scheme).encode())
        known = _STYLES.get(key)
        if known is not None:
            return known
        data = self._archive.read(info)
        scanned = scan_styles_and_looks(data) if SCAN else None
        if scanned is None:
            root = fromstring(data)
            looks = fonts.looks_of(_children(root, fonts.CONTAINERS, fonts.LISTED))
            return _remember(_STYLES, key, _styles(_style_items(root), looks, scheme))
        return _remember(_STYLES, key, _styles(*scanned, scheme))

    def _scheme(self) -> tuple[str | None, ...]:
        """The theme's colours (fonts.OFFICE), which theme colours name: read
        once per distinct theme part (bids from one template share it), Office's when the
        workbook has none or it cannot be read (what Excel would draw is then not known)."""
        info = self._archive.info(self._parts["theme"])
        if info is None:
            return fonts.OFFICE
        digest = self._archive.digest(info)
        if digest is not None and digest in _SCHEMES:
            return _SCHEMES[digest]
        scheme = fonts.OFFICE
        try:
            for colours in self._elements(info, _THEME_ELEMENTS, _COLOUR_SCHEME):
                scheme = fonts.scheme_of(colours)
                break
        except Exception:  # a theme part that cannot be read hides no figure read
            scheme = fonts.OFFICE
        return _remember(_SCHEMES, digest, scheme) if digest is not None else scheme

    def _stored(self, info: zipfile.ZipInfo | None) -> tuple[bytes | None, ...]:
        """What a part is known by for the caches: the digest of what it unpacks from (its
        stored bytes, method, sizes and checksum: a part seen before need not even be
        unpacked), or its bytes when zipfile unpacks it; each marked which it is."""
        if info is None:
            return (None,)
        stored = self._archive.digest(info)
        return (b"stored", stored) if stored is not None else (b"bytes", self._archive.read(info))

    def _styles_of(self, info: zipfile.ZipInfo, scheme: tuple[str | None, ...]) -> Styles:
        """The styles of a part too large to read whole, streamed."""
        items, looked_at = [], []
        for element in self._elements(
            info, _STYLE_CONTAINERS | fonts.CONTAINERS, _STYLE_ITEMS | fonts.LISTED
        ):
            if element.tag in _STYLE_ITEMS:
                items.append(_style_item(element))
            elif len(looked_at) < 3 * fonts.MAX_LISTED:
                looked_at.append(element)
        return _styles(items, fonts.looks_of(looked_at), scheme)

    def _shared_strings(self) -> list[str]:
        """The shared strings, read the first time a cell needs one."""
        if self._shared is None:
            try:
                self._shared = self._read_shared_strings()
            except Exception as exc:  # said so, so the cell that asked is not blamed
                exc.add_note(
                    f"the workbook's table of text ({self._parts['sharedStrings']}) cannot be read"
                )
                raise
        return self._shared

    def _read_shared_strings(self) -> list[str]:
        """The shared strings, as :meth:`_shared_strings` keeps them."""
        info = self._archive.info(self._parts["sharedStrings"])
        shared: list[str] = []
        if info is not None:
            scanned = None
            escaped = True
            if SCAN and info.file_size <= WHOLE_PART_BYTES:
                data = self._archive.read(info)
                scanned = scan_shared_strings(data)
                # The grammar lets no character reference through, so a string holds
                # "_x" only where the part's bytes do: most tables have no escape at all.
                escaped = b"_x" in data
            if scanned is not None:
                if len(scanned) > MAX_SHARED_STRINGS:
                    raise ValueError(f"the workbook has over {MAX_SHARED_STRINGS:,} shared strings")
                shared = scanned
                if escaped:
                    shared = [_unescape(text) if "_x" in text else text for text in scanned]
            else:
                for item in self._elements(info, _SST, _SI):
                    if len(shared) == MAX_SHARED_STRINGS:
                        raise ValueError(
                            f"the workbook has over {MAX_SHARED_STRINGS:,} shared strings"
                        )
                    if len(item) > 1 or (len(item) == 1 and item[0].tag not in _T):
                        runs = fonts.runs_of(item)  # rich text: some of it may be lost
                        if runs is not None:
                            self._rich[len(shared)] = runs
                            self.unseen_text = True
                    shared.append(_text(item))
        return shared


def _custom(xml: bytes) -> tuple[tuple[str, str], ...]:
    """(name, text) of each custom property holding text, in either namespace (transitional
    or strict), the first of two with one name kept."""
    properties: dict[str, str] = {}
    for element in fromstring(xml):
        if element.tag.rpartition("}")[2] != "property" or len(properties) == _MAX_PROPERTIES:
            continue
        name = element.get("name", "")
        for value in element:
            if value.tag.rpartition("}")[2] in ("lpwstr", "bstr") and name:
                properties.setdefault(name, value.text or "")
    return tuple(properties.items())


def _two_values(cell: Element, values: list[str]) -> ValueError:
    """A cell holding two values (two ``<v>``, two ``<is>``), which no program writes and
    programs read differently (openpyxl the first, LibreOffice the last): refused, as a cell
    that could show one price and have another scored."""
    shown = " and ".join(repr(v if len(v) <= 40 else v[:39] + "…") for v in values[:2])
    found = ValueError(f"cell {cell.get('r')} holds two values")
    found.add_note(
        f"cell {cell.get('r') or 'with no reference'} holds two values ({shown}) where "
        "programs write one, and programs differ on which they show"
    )
    return found


def _plain(value: Element, cell: Element) -> str:
    """The text of a cell's ``<v>``, which holds text alone. One with an element inside it
    (``<v>2<x/>7.5</v>``), which no program writes, is refused: its text before the element
    is '2', LibreOffice shows '7.5'."""
    if len(value):
        found = ValueError(f"cell {cell.get('r')} holds a value in pieces")
        found.add_note(
            f"cell {cell.get('r') or 'with no reference'} holds " + _in_pieces("a value", value)
        )
        raise found
    return value.text or ""


def _in_pieces(what: str, element: Element) -> str:
    """The words for ``what`` (a value, a text) whose ``element`` holds other elements
    between its pieces of text, quoting the first two pieces."""
    pieces = [element.text or "", *(child.tail or "" for child in element)]
    shown = " and ".join(repr(p if len(p) <= 40 else p[:39] + "…") for p in pieces[:2])
    return (
        f"{what} written in pieces around other markup ({shown}) where programs write it "
        "whole, and programs differ on what they show"
    )


def what_is_wrong(cell: RawCell) -> str:
    """Where a cell that cannot be read is, and what it holds, in an officer's words: the
    note a refused cell's exception carries, so the problem can name the cell."""
    if cell.__class__ is tuple:
        letters, digits, style, kind, _, _, saved, _, _ = cell  # type: ignore[misc]
        ref = f"{letters}{digits}"
    else:
        ref = cell.get("r") or "with no reference"  # type: ignore[union-attr]
        style, kind = cell.get("s", "0"), cell.get("t", "n")  # type: ignore[union-attr]
        saved = next((v.text or "" for v in cell if v.tag in _V), "")  # type: ignore[union-attr]
    shown = repr(saved if len(saved) <= 40 else saved[:39] + "…")
    if style and not _DIGITS.fullmatch(style):
        what = f"the style {style!r}, which is not a number"
    elif kind in ("n", ""):
        what = f"{shown} saved as a number, which is not one"
    elif kind == "s" and not _DIGITS.fullmatch(saved):
        what = f"shared text number {shown}, which is not a number as a workbook saves one"
    elif kind == "s":
        what = f"shared text number {shown}, which the workbook does not have"
    elif kind == "b":
        what = f"{shown} saved as true/false, which is neither 1 nor 0"
    elif kind == "d":
        what = f"{shown} saved as a date, which is not a date written as ISO 8601"
    else:
        what = f"a value of type {kind!r}, which no spreadsheet program writes"
    return f"cell {ref} holds {what}"


def _style_items(root: Element) -> Iterator[StyleItem]:
    """The number formats and cell formats of a parsed styles part, as the grammar reads
    them (:func:`tendereval.io.scan.scan_styles`)."""
    for element in _children(root, _STYLE_CONTAINERS, _STYLE_ITEMS):
        yield _style_item(element)


def _style_item(element: Element) -> StyleItem:
    return StyleItem(
        element.tag in _XF,
        element.get("numFmtId"),
        element.get("formatCode"),
        element.get("fontId"),
        element.get("fillId"),
    )


def _styles(
    items: Iterable[StyleItem],
    looks: fonts.Looks = fonts.NONE,
    scheme: tuple[str | None, ...] = fonts.OFFICE,
) -> Styles:
    """Style index → what its number format says, from the number formats and cell formats
    in the order written; bounded as they are counted. ``looks`` are the workbook's fonts
    and fills: a cell format whose text cannot be read gets its number format as a
    :class:`fonts.UnseenFormat` saying why."""
    looks = fonts.painted(looks, scheme)  # theme colours as the workbook's theme draws them
    custom: dict[int, str] = {}
    cell_formats: list[int] = []
    drawn_with: list[tuple[str | None, str | None]] = []  # each cell format's font and fill
    for cell_format, number, code, font_id, fill_id in items:
        if cell_format:
            if len(cell_formats) == MAX_CELL_FORMATS:
                raise ValueError(f"the workbook has over {MAX_CELL_FORMATS:,} cell formats")
            if looks is not fonts.NONE:
                drawn_with.append((font_id, fill_id))
            cell_formats.append(int(number) if number is not None else 0)
        else:
            if len(custom) == MAX_NUMBER_FORMATS:
                raise ValueError(f"the workbook has over {MAX_NUMBER_FORMATS:,} number formats")
            custom[int(number) if number is not None else 0] = (
                code if code is not None else "General"
            )
    styles = Styles(
        _style(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
        for number in cell_formats
    )
    # A cell format whose text cannot be read, or whose number format may draw it in its
    # background's colour, gets its number format as a fonts.UnseenFormat saying why.
    on_fill = bool(looks.differential) and fonts.sets_text_colours(looks)
    judged: dict[tuple[str | None, str | None, str], fonts.UnseenFormat | None] = {}
    unseen = {}
    for at, (font_id, fill_id) in enumerate(drawn_with):  # cell formats share font and fill
        key = (font_id, fill_id, styles[at].number_format)
        if key not in judged:
            judged[key] = fonts.unseen_format(looks, *key, on_fill)
        if judged[key] is not None:
            unseen[at] = judged[key]
    if unseen:
        styles = Styles(
            replace(style, number_format=unseen[at]) if at in unseen else style
            for at, style in enumerate(styles)
        )
        styles.unseen = True
    if looks.fills:
        styles.backgrounds = tuple(fonts.background_of(looks, fill) for _, fill in drawn_with)
    styles.palette, styles.scheme = looks.palette, scheme
    # Kept whether or not styles.xml has differential formats: a rule written in a sheet's
    # extLst carries its own, drawn with the workbook's palette and theme.
    styles.looks = looks
    # Excel's built-in formats all show every value: only the workbook's own can hide one.
    hiding = {code for code in custom.values() if code and hides_some(code)}
    if hiding:
        styles.hiding = frozenset(hiding)
    return styles


def _style(code: str) -> Style:
    """What a number format says. The same few formats recur in every bid: remembered, at
    most 1,024 of them and only as long as Excel allows a format to be (255 characters)."""
    style = _KNOWN_FORMATS.get(code)
    if style is None:
        style = Style(code, is_date_format(code), is_elapsed_format(code))
        if len(code) <= 255:
            if len(_KNOWN_FORMATS) >= 1024:
                _KNOWN_FORMATS.clear()
            _KNOWN_FORMATS[code] = style
    return style


_KNOWN_FORMATS: dict[str, Style] = {}


# The sheets (each part where the rule puts it, not yet looked for), the date system, the
# (kind, Target) of the styles and shared strings, each sheet's relationship Target as written
# (None when it has no relationship), and whether the workbook asks for every formula to be
# worked out again on opening (calcPr fullCalcOnLoad, which XlsxWriter and openpyxl set, as
# they calculate nothing; Excel and LibreOffice save what they worked out and do not). Of such
# a workbook a formula's saved result is a placeholder (XlsxWriter's 0), not what Excel shows:
# no formula's is read. calcMode="manual" and forceFullCalc are not read so: Excel shows the
# results saved until it recalculates.
Listing = tuple[
    tuple[SheetInfo, ...],
    dt.datetime,
    tuple[tuple[str, str], ...],
    tuple[tuple[str, str | None], ...],
    bool,
]
_LISTINGS: dict[bytes, Listing] = {}
_STYLES: dict[bytes, Styles] = {}
_SCHEMES: dict[bytes, tuple[str | None, ...]] = {}  # a theme part's digest → its first colours
_PROPERTIES: dict[bytes, tuple[tuple[str, str], ...]] = {}  # custom properties part's digest
_REMEMBERED = 32  # entries kept in each: a framework's bids come from a template or two
# The rows and cells the plain-shape reader found in a sheet part, by the part's digest
# (ZipParts.digest: its stored bytes, method, sizes and CRC-32, so the same digest unpacks to
# the same bytes). The sheets a supplier leaves as the template made them (an empty supply
# chain, no packages) are the same bytes in every bid saved by one program: read once, not
# unpacked and scanned again for each bid. Only parts of a bid return's size are kept, so
# the cache holds at most 32 small sheets' cells, never the parts' bytes.
_SCANNED: dict[bytes, ScannedSheet] = {}
# What each of those parts hides and merges (io/appearance.py), by the same digest.
_APPEARANCES: dict[bytes, Appearance] = {}
SCANNED_KEPT_BYTES = 64 * 1024
# The digests of sheet parts read once (not what was read): a part is kept in _SCANNED only
# when it comes again.
_SCANNED_ONCE: dict[bytes, None] = {}
_SEEN_ONCE_KEPT = 256


def _digest(*parts: bytes | None) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(b"-" if part is None else len(part).to_bytes(8, "little") + part)
    return digest.digest()


def _seen_before(digest: bytes | None) -> bool:
    """Whether a sheet's digest was seen before, noting it when not: what the grammar read of a
    sheet is kept the second time, so a sheet every bid changes (the prices) never pushes out
    the ones bids share."""
    if digest is None:
        return False
    if digest in _SCANNED_ONCE:
        return True
    _remember(_SCANNED_ONCE, digest, None, _SEEN_ONCE_KEPT)
    return False


def _remember(cache: dict[bytes, Any], key: bytes, value: Any, kept: int = _REMEMBERED) -> Any:
    """``value``, kept under ``key`` in a cache of at most ``kept`` entries (the oldest is
    forgotten first)."""
    if len(cache) >= kept:
        del cache[next(iter(cache))]
    cache[key] = value
    return value


def _streamed(
    archive: ZipParts,
    info: zipfile.ZipInfo,
    container: Container,
    tags: Container,
    parents: bool = False,
    aside: Gathered | None = None,
) -> Iterator[Any]:
    """:meth:`Workbook._elements` for a large part, parsed in chunks as it is unpacked, so it
    costs only what is read, and bounded by what is there. Each child of the root or of a
    container is dropped from the tree once it ends (after being handed over, if wanted), so
    memory holds one row or string at a time; and the part is refused (ValueError) when it
    nests deeper than :data:`MAX_XML_DEPTH`, runs one tag or text over
    :data:`MAX_TOKEN_BYTES`, or keeps more than :data:`MAX_HELD_ELEMENTS` elements in one.
    A child of the root saying what a sheet hides or merges is added to ``aside`` (when
    given) as it ends, and dropped like the rest."""
    open_elements: list[Element] = []
    held = 0  # elements ended but kept, inside one not yet ended
    since_tag = 0  # bytes since the last ">"
    with archive.open(info.filename) as stream:
        parser = XMLPullParser(events=("start", "end"))
        while chunk := stream.read(CHUNK_BYTES):
            last = chunk.rfind(b">")
            since_tag = since_tag + len(chunk) if last < 0 else len(chunk) - last - 1
            if since_tag > MAX_TOKEN_BYTES:
                raise ValueError(f"{info.filename} holds one tag or text of over 1 MB")
            parser.feed(chunk)
            for event, element in parser.read_events():
                if event == "start":
                    open_elements.append(element)
                    if len(open_elements) > MAX_XML_DEPTH:
                        raise ValueError(f"{info.filename} nests elements too deeply")
                    continue
                open_elements.pop()
                depth = len(open_elements)  # the parent's: 1 for the root
                if not depth:
                    continue
                parent = open_elements[-1]
                if depth == 1 or (depth == 2 and parent.tag in container):
                    if element.tag in tags and parent.tag in container:
                        yield (parent.tag, element) if parents else element
                    elif depth == 1 and aside is not None and element.tag in _ASIDE:
                        aside.add(element)
                    parent.remove(element)  # its only child: the earlier ones went already
                    held = 0
                else:
                    held += 1
                    if held > MAX_HELD_ELEMENTS:
                        raise ValueError(f"{info.filename} holds too many elements in one")
        parser.close()


@lru_cache(maxsize=16)
def _usual_parts(folder: str) -> tuple[tuple[str, str], ...]:
    """Where Excel keeps the styles, shared strings and theme of a workbook in ``folder``
    (nearly always ``xl``: worked out once)."""
    return tuple(
        (kind, posixpath.join(folder, name))
        for kind, name in (
            ("styles", "styles.xml"),
            ("sharedStrings", "sharedStrings.xml"),
            ("theme", "theme/theme1.xml"),
        )
    )


def _children(
    root: Element, container: Container, tags: Container, parents: bool = False
) -> Iterator[Any]:
    """The elements tagged ``tags`` directly inside ``root`` or a child of it in
    ``container`` (with their parent's tag when ``parents``)."""
    blocks = [root] if root.tag in container else []
    blocks += [block for block in root if block.tag in container]
    for block in blocks:
        if parents:
            yield from ((block.tag, element) for element in block if element.tag in tags)
        else:
            yield from (element for element in block if element.tag in tags)


def _scanned_rows(sheet: ScannedSheet, max_col: int | None) -> Iterator[tuple[int, Cells]]:
    """:meth:`Workbook.rows` of a sheet the plain-shape reader read: the same rows, checked
    the same way and refused with the same words as :func:`_row_number` and
    :func:`_row_cells` refuse them, at the same row."""
    cells = sheet.cells
    count = len(cells)
    next_cell = 0
    previous = 0
    for digits, _ in sheet.rows:
        number = int(digits)  # the grammar's digits: 1 to 9,999,999, no leading zero
        if number <= previous or number > MAX_ROW:
            _row_number(digits, previous)  # refused, in its words
        previous = number
        found: Cells = {}
        column = 0
        # The grammar put every cell in its row: a row's cells are the next ones naming it.
        while next_cell < count and cells[next_cell][1] == digits:
            cell = cells[next_cell]
            next_cell += 1
            at = _LETTERS.get(cell[0]) or column_number(cell[0])
            if at > MAX_COLUMN:
                raise ValueError(f"'{cell[0]}{digits}' is beyond Excel's last column")
            if at <= column:
                raise ValueError(
                    f"cell {cell[0]}{digits} comes after column {column} in row {number}"
                )
            column = at
            if max_col is None or at <= max_col:
                found[at] = cell
        if found:
            yield number, found


def _rows_read_before(sheet: ScannedSheet, max_col: int | None) -> Iterator[tuple[int, Cells]]:
    """:func:`_scanned_rows` of a sheet kept in :data:`_SCANNED`: the rows as they came the
    last time they were read to the end without a fault, or read again (and kept, when read
    to the end). A reader that stops early, or a row refused, keeps nothing, so a fault comes
    at the same row as ever. The rows are shared by every workbook holding that sheet: the
    readers (io/workbook.py) only look them up."""
    key = (id(sheet), max_col)
    known = _ROWS_READ.get(key)
    if known is not None and known[0] is sheet:
        yield from known[1]
        return
    read = []
    for row in _scanned_rows(sheet, max_col):
        read.append(row)
        yield row
    if len(_ROWS_READ) >= 2 * _REMEMBERED:
        del _ROWS_READ[next(iter(_ROWS_READ))]
    _ROWS_READ[key] = (sheet, tuple(read))  # the sheet kept with them: its id stays its


_ROWS_READ: dict[tuple[int, int | None], tuple[ScannedSheet, tuple[tuple[int, Cells], ...]]] = {}


_LETTERS: dict[str, int] = {}  # "AB" → 28: at most Excel's 18,278 spellings of 1–3 letters


def column_number(letters: str) -> int:
    """``"AB"`` → 28 (the inverse of :func:`column_letter`), remembered once worked out."""
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    _LETTERS[letters] = column
    return column


_TRUE = frozenset({"1", "true"})  # an XML true (xsd:boolean)
MAX_COMMENTS = 10_000  # comments read from a sheet; a bid return has none, or a few
_COMMENT_LIST = _Local({"commentList"})
_COMMENT = _Local({"comment"})
_THREADS = _Local({"ThreadedComments"})
_THREAD = _Local({"threadedComment"})


def _comment_text(comment: Element, legacy: bool) -> str:
    """A comment's text: a note's runs joined (phonetic guides, which Excel does not show,
    left out), or a threaded comment's text; cut at a cell's length (32,767 characters)."""
    texts = [child for child in comment if child.tag.rpartition("}")[2] == "text"][:1]
    if not texts:
        return ""
    if legacy:
        guides = {id(t) for run in texts[0] if run.tag.endswith("}rPh") for t in run.iter()}
        parts = [t.text or "" for t in texts[0].iter() if t.tag in _T and id(t) not in guides]
    else:
        parts = [texts[0].text or ""]
    return _unescape("".join(parts))[:32_767]


_NO_ROWS: frozenset[int] = frozenset()


def _row_number(text: str | None, previous: int) -> int:
    # Rows may leave out their number: it is then the next one.
    if text is None:
        number = previous + 1
    elif text.isascii() and text.isdigit():
        number = int(text)
    else:  # Python would also read "1_0", "٥" or " 5 " as a number
        raise ValueError(f"row '{text}' is not a row number")
    if number <= previous:
        raise ValueError(f"row {number} comes after row {previous}")
    if number > MAX_ROW:
        raise ValueError(f"row {number:,} is beyond Excel's last row")
    return number


def _row_cells(row: Element, number: int, max_col: int | None) -> Cells:
    cells: Cells = {}
    column = 0  # the column of the last cell placed
    skipped = None  # the reference of an empty cell passed over since
    for cell in row:
        if cell.tag not in _C:
            continue
        ref = cell.get("r")
        if ref is None and skipped is not None:  # rare: work out where the skipped cell was
            column, skipped = _column(skipped, number), None
        if not len(cell):  # no value, formula or text: a formatted empty cell, passed over
            if ref is None:
                column += 1
            else:
                skipped = ref
            continue
        if ref is None:
            at = column + 1
        else:  # the same references recur in every bid: look the place up before working it out
            place = _PLACES.get(ref)
            at = place[1] if place is not None and place[0] == number else _column(ref, number)
        if at <= column:
            raise ValueError(f"cell {ref} comes after column {column} in row {number}")
        if at > MAX_COLUMN:  # only cells without a reference get here: theirs is checked
            raise ValueError(f"row {number} has cells beyond Excel's last column")
        column, skipped = at, None
        if max_col is None or at <= max_col:
            cells[at] = cell
    return cells


@lru_cache(maxsize=256)
def column_letter(column: int) -> str:
    """``1`` → ``A``, ``28`` → ``AB``: how Excel names a column."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_PLACES: dict[str, tuple[int, int]] = {}  # "B5" → (5, 2): the same cells recur in every bid


def _column(ref: str, row: int) -> int:
    """The column number of a reference such as ``AB12`` (whose row must be ``row``)."""
    place = _PLACES.get(ref)
    if place is None:
        letters = ref.rstrip("0123456789")
        digits = ref[len(letters) :]
        if not (0 < len(letters) <= 3 and letters.isalpha() and letters.isupper()):
            raise ValueError(f"'{ref}' is not a cell reference")
        if not digits.isdigit() or digits.startswith("0"):
            raise ValueError(f"'{ref}' is not a cell reference")
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        if column > MAX_COLUMN:
            raise ValueError(f"'{ref}' is beyond Excel's last column")
        place = (int(digits), column)
        if len(_PLACES) < 100_000:  # bounded: a hostile sheet cannot grow it without end
            _PLACES[ref] = place
    if place[0] != row:
        raise ValueError(f"cell {ref} is not in row {row}")
    return place[1]


def _text(element: Element) -> str:
    """The text of a shared or inline string: its own text and its rich-text runs' text."""
    if len(element) == 1 and element[0].tag in _T and not len(element[0]):  # plain text,
        return _unescape(element[0].text or "")  # by far the most common
    parts = []
    plain = 0  # <t> directly inside: a string (and each run) has at most one
    for child in element:
        if child.tag in _T:
            parts.append(_plain_text(child))
            plain += 1
        elif child.tag in _R:
            run = [_plain_text(t) for t in child if t.tag in _T]
            if len(run) > 1:
                raise _two_texts(run)
            parts.extend(run)
    if plain > 1:
        raise _two_texts([child.text or "" for child in element if child.tag in _T])
    return _unescape("".join(parts))


def _plain_text(text: Element) -> str:
    """The text of a ``<t>``, which holds text alone: one with an element inside it
    (``<t>2<x/>7.5</t>``), which no program writes, is refused (its text before the element
    is '2', LibreOffice shows '7.5')."""
    if len(text):
        found = ValueError("a text in pieces")
        found.add_note(_in_pieces("a text", text))
        raise found
    return text.text or ""


def _two_texts(texts: list[str]) -> ValueError:
    """A string or rich-text run written in two ``<t>`` where programs write one: openpyxl
    reads the last, LibreOffice joins them ('2' and '7.5': 7.5 or 27.5), so it is refused."""
    shown = " and ".join(repr(t if len(t) <= 40 else t[:39] + "…") for t in texts[:2])
    found = ValueError("a text in two pieces")
    found.add_note(
        f"a text written in two pieces ({shown}) where programs write one, and programs "
        "differ on what they show"
    )
    return found


def _unescape(text: str) -> str:
    # Excel writes characters XML cannot hold (and a literal "_x" sequence) as _xHHHH_.
    if "_x" not in text:
        return text
    text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    if _SURROGATE.search(text):
        # A character beyond the first 65,536 is escaped as its two UTF-16 halves
        # (_xD83D__xDE00_): join them. A half on its own is no character at all (nothing can
        # store or show it) and becomes U+FFFD, the replacement character.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


# Digits 0-9 only (re.ASCII), as in a saved number (_number): int() would read "٢٠٢٦" too.
_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<fraction>\.\d{1,3})?)?)?Z?",
    re.ASCII,
)
_ISO_DURATION = re.compile(
    r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?", re.ASCII
)


def _iso8601(text: str) -> Any:
    """A ``t="d"`` cell (strict OOXML): a date, time, datetime or duration, as openpyxl
    reads it (any time zone is dropped, as Excel has none)."""
    match = _ISO.match(text)
    if match and any(match.groups()):
        g = match.groupdict()
        fraction = int(float(g["fraction"]) * 1_000_000) if g["fraction"] else 0
        time = dt.time(int(g["hour"] or 0), int(g["minute"] or 0), int(g["second"] or 0), fraction)
        if not g["date"]:
            return time
        date = dt.date(int(g["year"]), int(g["month"]), int(g["day"]))
        return dt.datetime.combine(date, time) if g["time"] else date
    match = _ISO_DURATION.match(text)
    if match and any(match.groups()):
        return dt.timedelta(**{k: float(v) for k, v in match.groupdict().items() if v})
    raise ValueError(f"'{text}' is not an ISO 8601 date, time or duration")


# An index (of a shared string, of a cell format) or a true/false as a workbook saves one:
# digits 0-9 only. int() also reads "٢", "1_0" and " 1 ", which no program writes: a crafted
# cell would show Excel one string (or none) and give the evaluation another. Never below 0,
# so Python cannot count a shared string from the end of the table.
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def _index(saved: str) -> int:
    # (isascii and isdigit: the digits 0-9 and nothing else, as _DIGITS, in a third of the
    # time of a match: this is read for every text cell.)
    if not (saved.isascii() and saved.isdigit()):
        raise ValueError(f"'{saved}' is not an index as a workbook saves one")
    return int(saved)


def _number(saved: str, style: Style, epoch: dt.datetime) -> Any:
    # Python's int() and float() also read "2_7" as 27 and Arabic or full-width digits, which
    # no spreadsheet writes or reads in a saved number: Excel would show another figure.
    if not saved.isascii() or "_" in saved:
        raise ValueError(f"'{saved}' is not a number as a workbook saves one")
    number = float(saved) if "." in saved or "e" in saved or "E" in saved else int(saved)
    if not style.date:
        return number
    if number < 0 and epoch == _WINDOWS_EPOCH:  # the 1900 system's first day is 0
        return _undated(saved, number)
    try:
        return _date(number, epoch, style.elapsed)
    except (OverflowError, ValueError):  # past 31 December 9999
        return _undated(saved, number)


def _undated(saved: str, number: float) -> Undated:
    """A number no date or time has, said as the file holds it (cut short past 24
    characters), holding the ``number``."""
    written = saved if len(saved) <= 24 else saved[:23] + "…"
    undated = Undated(f"{written}, which Excel shows as ########: no date or time has that number")
    undated.number = number
    return undated


def _date(serial: float, epoch: dt.datetime, elapsed: bool) -> Any:
    """An Excel serial number as a datetime, a time of day or (``[h]:mm``) a duration."""
    if elapsed:
        duration = dt.timedelta(days=serial)
        if duration.microseconds:  # to the millisecond, as Excel keeps it
            duration = dt.timedelta(
                seconds=duration.total_seconds() // 1,
                microseconds=round(duration.microseconds, -3),
            )
        return duration
    day, fraction = divmod(serial, 1)
    # Seconds first, then milliseconds, as openpyxl works it out: a time saved at exactly half
    # a millisecond (07:03:01.0005) falls on the same side of the rounding in both.
    within = dt.timedelta(milliseconds=round(fraction * 86_400 * 1_000))
    if 0 <= serial < 1 and within.days == 0:
        return (dt.datetime.min + within).time()
    if 0 < serial < 60 and epoch == _WINDOWS_EPOCH:
        day += 1  # Excel counts 29 February 1900, which never was
    return epoch + dt.timedelta(days=day) + within
