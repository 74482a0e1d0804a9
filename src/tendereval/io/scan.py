"""The common shape of a sheet's, a shared strings table's and a styles part's XML, read with
regular expressions.

Building an ElementTree of a bid return's sheets takes longer than all the rest of loading it:
every formatted empty cell of a template becomes an element with its own attribute dictionary,
and every value is then looked up through them in Python. The programs that save bid returns
(Excel, LibreOffice, openpyxl) write the inside of ``<sheetData>`` and ``<sst>`` in one plain
shape — rows of cells, each with a reference, a style and a type, holding a value, a formula
and value, or an inline string — which a regular expression reads in one pass in C.

This is a second reader of untrusted XML, so it is held to one rule: **it reads a part only
when reading it with ElementTree is certain to give the same result, and otherwise says so
(returns None), and the caller parses the part with ElementTree as before.** It therefore
accepts only:

* UTF-8 XML (an XML declaration naming UTF-8, or none) with no comment, CDATA section,
  processing instruction or document type anywhere (``<!`` or a second ``<?`` sends the part
  to ElementTree), so every ``<`` outside the element read is a tag;
* exactly one ``<sheetData>`` (or ``<sst>`` root), whose surroundings — the part with the
  inside cut out — are parsed by ElementTree itself: it must be well-formed, and the element
  must be where the ElementTree reader looks for it (a child of the root, or the root), and a
  sheet must not name sheetData anywhere else (a prefixed one where the reader looks could
  otherwise stand in for a plain one nested out of its sight);
* an inside that matches, byte for byte, a strict grammar (:data:`_SHEET_DATA` or
  :data:`_SHARED_STRINGS`) of which every document is well-formed XML: fixed element names,
  the cell's attributes r, s, t in that order (so none can be given twice), a row's other
  attributes checked once per distinct spelling for repeats and undeclared prefixes, text
  without control characters, ``]]>``, carriage returns or character references, and
  attribute values without ``&``, ``<``, ``>`` or white space other than the space (so XML's
  normalisation changes nothing); every row and cell with a reference, each cell in its row.

A styles part (:func:`scan_styles`) is read the same way, its two lists — ``numFmts`` and
``cellXfs``, each named nowhere else in the part — checked by a grammar and the rest, with the
lists cut to empty placeholders, by ElementTree; every start tag's attributes in the lists are
checked for repeats and undeclared prefixes (``tests/io/test_scan_styles.py``).

Anything else — rich text, a cell without a reference, pretty-printed cells, another encoding
— is left to ElementTree. ``tests/io/test_scan.py`` checks the two readers agree on random and
mutated parts (hypothesis), including every way the grammar's edges could be crossed.

Matching takes time linear in the part's size whatever its bytes, because the grammar is
deterministic: at every repeat or option, the next character says whether to go on or stop
(a name stops at ``:`` or ``=``, text at ``<`` or ``&``, a row at ``</row>``), so when the
match fails, each place the engine backs up to fails at its next character, and each character
is given back at most once. The engine keeps a place to back up to for each repeat of a group
until the match ends, so each repeat is bounded (``_MOST_CELLS`` and the like, beyond what
Excel saves): memory is in proportion to one row, not to the part. The rows and items read
with ``split()`` start with their tag (``<row r=``, ``<si>``) and take the white space after
them, so the search looks only where one starts. It uses no possessive quantifier or atomic
group: CPython 3.11.0 to 3.11.4 match them wrongly (gh-106052, gh-100061), and every number
format was lost there (``tests/test_no_possessive_regex.py``). Standard library only: the bid
readers run this in worker processes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element, fromstring

from tendereval.io import fonts
from tendereval.io.appearance import PLAIN, Appearance, appearance_of, too_low
from tendereval.io.ooxml import tags

# What ElementTree names the elements read (transitional and strict OOXML).
_SHEET_DATA_TAGS = tags("sheetData")
_SST_TAGS = tags("sst")
_NUM_FMTS_TAGS = tags("numFmts")
_CELL_XFS_TAGS = tags("cellXfs")

# ---- The grammar ------------------------------------------------------------------------------

# How often each repeated group may repeat in one match. The engine keeps a place to back up
# to for each repeat of a group until the match ends (about 1.5 KB for a cell): without a
# bound, one row of a million cells took 1.5 GB. Each bound is beyond what Excel can save (a
# row of 16,384 columns, a cell of 32,767 characters, 64,000 cell formats); a part beyond one
# is read by ElementTree, as any part not of the plain shape is.
_MOST_CELLS = 16_384
_MOST_REFERENCES = 32_767  # &amp; and the like in one text or attribute value
_MOST_ATTRIBUTES = 256
_MOST_FORMATS = 65_536  # numFmt or xf in a list (so 64,001 are still read, and refused)
_MOST_VIEWS = 256  # sheetView in sheetViews, selection in a sheetView

_WS = r"[ \t\n]*"  # between tags (a carriage return would be normalised: left to ElementTree)
# Text: no markup, no control character XML forbids, no carriage return, and & only as one of
# XML's five named references (U+FFFE and U+FFFF are looked for once, in _decoded). Written as
# an unrolled loop so the common case is one pass over a character class.
_CHARS = r"[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f]*"
_TEXT = rf"{_CHARS}(?:&(?:amp|lt|gt|quot|apos);{_CHARS}){{0,{_MOST_REFERENCES}}}"
# An attribute value XML's normalisation leaves as it is, with nothing to unescape.
_VALUE = r'"[^"<>&\t\n\r\x00-\x1f]*"'
_NAME = r"[A-Za-z_][A-Za-z0-9_.\-]*"
# A row's attributes besides r: any names, prefixed or not (never xmlns); checked for
# repeats and undeclared prefixes by _row_attributes_ok, once per distinct spelling.
_ROW_ATTRIBUTES = rf"(?:[ ]+(?!xmlns[:=])(?:{_NAME}:)?{_NAME}={_VALUE}){{0,{_MOST_ATTRIBUTES}}}[ ]?"
# A formula's attributes, in the order the schema lists them (so none repeats).
_FORMULA_ATTRIBUTES = "".join(
    rf"(?:[ ]{name}={_VALUE})?"
    for name in ("t", "aca", "ref", "dt2D", "dtr", "del1", "del2", "r1", "r2", "ca", "si", "bx")
)
_INLINE_T = r'<t(?:[ ]xml:space="preserve")?'
# What a cell holds: a formula and/or a value, or an inline string.
_CONTENT = (
    rf"(?:<f{_FORMULA_ATTRIBUTES}(?:/>|>{_TEXT}</f>))?(?:<v(?:/>|>{_TEXT}</v>))?"
    rf"|<is>(?:{_INLINE_T}/>|{_INLINE_T}>{_TEXT}</t>)</is>"
)
# Row numbers up to 7 digits (the row check refuses those beyond Excel's last row, as the
# ElementTree reader does); a cell's reference must name its row (\1).
_SHEET_DATA = re.compile(
    rf'{_WS}(?:<row r="([1-9][0-9]{{0,6}})"{_ROW_ATTRIBUTES}(?:/>|>{_WS}'
    rf'(?:<c r="[A-Z]{{1,3}}\1"(?:[ ]s="[0-9]{{1,9}}")?(?:[ ]t="[A-Za-z]{{1,9}}")?'
    rf"(?:[ ]?/>|>(?:{_CONTENT})</c>){_WS}){{0,{_MOST_CELLS}}}</row>){_WS})*"
)
# One row of that grammar, with the white space after it: its number and its other
# attributes as written (what _ROWS reads of it). It starts with "<row r=" (not white space)
# so that split() looks for it only where a row starts: tried at every space of a long run of
# white space, it would read the rest of the run each time.
_SHEET_ROW = re.compile(
    rf'<row r="([1-9][0-9]{{0,6}})"({_ROW_ATTRIBUTES})(?:/>|>{_WS}'
    rf'(?:<c r="[A-Z]{{1,3}}\1"(?:[ ]s="[0-9]{{1,9}}")?(?:[ ]t="[A-Za-z]{{1,9}}")?'
    rf"(?:[ ]?/>|>(?:{_CONTENT})</c>){_WS}){{0,{_MOST_CELLS}}}</row>){_WS}"
)
# Once the whole inside has matched the grammar, these read it (so they need not check it
# again): each row's number and other attributes, and each cell holding an element (the ones
# ElementTree's reader yields) with markers for the elements it holds ("" when absent).
_ROWS = re.compile(r'<row r="([0-9]+)"([^>]*?)/?>')
_CELLS = re.compile(
    r'<c r="([A-Z]+)([0-9]+)"(?: s="([0-9]+)")?(?: t="([A-Za-z]+)")?>(?!</c>)'
    r"(?:<(f)[^>]*>(?:[^<]*</f>)?)?(?:<(v)(?:/>|>([^<]*)</v>))?"
    r"(?:<(i)s><t[^>]*?(?:/>|>([^<]*)</t>))?"
)
_SHARED_STRINGS = re.compile(rf"{_WS}(?:<si>(?:{_INLINE_T}/>|{_INLINE_T}>{_TEXT}</t>)</si>{_WS})*")
# One item of that grammar, with the white space after it (as for _SHEET_ROW), read as it is
# checked: an empty <t/> (group 1, nothing may follow it but </si>) gives "" as its text, so
# every item gives its text in group 2.
_SHARED_STRING_ITEM = re.compile(
    rf"<si>{_INLINE_T}(?:(/)>(?=</si>)|>)({_TEXT})(?(1)|</t>)</si>{_WS}"
)

# styles.xml: the two lists a cell's number format is read from, each a child of the root.
# Any attributes (checked for repeats and undeclared prefixes, never xmlns), values with no
# white space but the space, no "<" or ">", and "&" only in XML's five named references.
_STYLE_CHARS = r'[^"<>&\t\n\r\x00-\x1f]*'
_STYLE_VALUE = (
    rf'"{_STYLE_CHARS}(?:&(?:amp|lt|gt|quot|apos);{_STYLE_CHARS}){{0,{_MOST_REFERENCES}}}"'
)
_STYLE_ATTRIBUTES = (
    rf"(?:[ ]+(?!xmlns[:=])(?:{_NAME}:)?{_NAME}={_STYLE_VALUE}){{0,{_MOST_ATTRIBUTES}}}[ ]*"
)
_NUM_FMTS = re.compile(
    rf"<numFmts{_STYLE_ATTRIBUTES}(?:/>|>{_WS}(?:<numFmt{_STYLE_ATTRIBUTES}(?:/>|></numFmt>){_WS})"
    rf"{{0,{_MOST_FORMATS}}}</numFmts>)"
)
# A cell format may hold its alignment and protection (read by no one here), nothing else.
_CELL_XFS = re.compile(
    rf"<cellXfs{_STYLE_ATTRIBUTES}(?:/>|>{_WS}(?:<xf{_STYLE_ATTRIBUTES}(?:/>|>{_WS}"
    rf"(?:<(?:alignment|protection){_STYLE_ATTRIBUTES}(?:/>|></(?:alignment|protection)>)"
    rf"{_WS}){{0,{_MOST_ATTRIBUTES}}}</xf>){_WS}){{0,{_MOST_FORMATS}}}</cellXfs>)"
)
# Once a list has matched, each start tag in it (every one's attributes are checked), and
# each attribute of one.
_STYLE_TAG = re.compile(
    r"<(numFmts|numFmt|cellXfs|xf|alignment|protection)(?![A-Za-z])((?:[ ]+[^ =]+=\"[^\"]*\")*)"
)
_ATTRIBUTE = re.compile(rf'[ ]+(?:({_NAME}):)?({_NAME})="([^"]*)"')

_PROLOG = re.compile(rb"(?:<\?xml[ \t\r\n][^>]*\?>)?[ \t\r\n]*")
_ENCODING = re.compile(rb"""encoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']""")
# The root's start tag, attribute by attribute (a value may hold ">"), and its declarations.
_ROOT_TAG = re.compile(
    rb"""<[^ \t\r\n/>]+((?:[ \t\r\n]+[^ \t\r\n=/>]+[ \t\r\n]*=[ \t\r\n]*"""
    rb"""(?:"[^"]*"|'[^']*'))*)[ \t\r\n]*>"""
)
# A declaration, or else the rest of a name from "xmlns:" (group 1 empty, passed over): every
# "xmlns:" in that run fails as the first did, and each was read to the run's end again (a
# root with a value of "xmlns:a" 8,000 times took 3.3 processor-seconds, four times as long
# for each doubling).
_DECLARATION = re.compile(
    rb"""xmlns:([^ \t\r\n=]+)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')|xmlns:[^ \t\r\n=]+"""
)
_ATTRIBUTE_NAME = re.compile(rf"[ ](?:({_NAME}):)?({_NAME})=")
_ENTITY = re.compile("&(amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


# A row as written: its number (the digits of r="…") and its other attributes.
Row = tuple[str, str]


# One cell holding an element, as the grammar reads it: the letters and digits of its
# reference, its s="…" and t="…" ("" when not written), then "f" / "v" / "i" when it has
# that element (one letter: Python keeps one of each), the text of its value and the text of
# its inline string (entities replaced).
ScannedCell = tuple[str, str, str, str, str, str, str, str, str]


class ScannedSheet(NamedTuple):
    rows: list[Row]
    cells: list[ScannedCell]


def scan_sheet(data: bytes) -> ScannedSheet | None:
    """The rows and cells of a worksheet part, or None when it is not of the plain shape (the
    caller then parses it with ElementTree)."""
    found = sheet_data(data)
    return None if found is None else scan_sheet_data(data, found)


class SheetData(NamedTuple):
    """Where a worksheet part's data lies (``data[start:end]``, the inside of its one
    ``<sheetData>``), the namespace prefixes in scope there, and what the rest of the part
    hides and merges (io/appearance.py)."""

    start: int
    end: int
    prefixes: frozenset[str]
    appearance: Appearance = PLAIN


def sheet_data(data: bytes) -> SheetData | None:
    """Where a worksheet part's data lies, when what surrounds it is of the plain shape (see
    the module's docstring); else None."""
    at = data.find(b"<sheetData>")
    start = at + len(b"<sheetData>")
    end = data.find(b"</sheetData>", start)
    # The name nowhere else, not even with a prefix: a prefixed sheetData where the reader
    # looks could otherwise stand in for a plain one nested out of its sight.
    if at < 0 or end < 0 or data.count(b"sheetData") != 2:
        return None
    found = _surrounded(data, start, end, _SHEET_DATA_TAGS, b"<sheetData")
    # A sheet drawing its rows with no height unless given one is left to ElementTree's
    # reader, which records the rows hidden so, as it does hidden rows.
    return None if found is None or found[1].rows_hidden else SheetData(start, end, *found)


def scan_sheet_data(data: bytes, where: SheetData) -> ScannedSheet | None:
    """The rows and cells of a worksheet part's data (found by :func:`sheet_data`), or None
    when it is not of the plain shape. What is found depends only on the bytes of the data
    and the prefixes in scope."""
    text = _decoded(data, where.start, where.end)
    if text is None:
        return None
    # One pass checks the rows and reads each one's number and attributes.
    parts = split_whole(_SHEET_ROW, text)
    if parts is None:
        return None
    rows: list[Row] = list(zip(parts[1::3], parts[2::3], strict=True))
    # A row's cells are the ones naming it: with a row number given twice they could be taken
    # by the wrong row before the repeat is refused. Left to ElementTree, which refuses it.
    if len({digits for digits, _ in rows}) != len(rows):
        return None
    # The same few spellings of a row's attributes recur on every row: each checked once.
    prefixes = where.prefixes
    if not all(_row_attributes_ok(attributes, prefixes) for attributes in {a for _, a in rows}):
        return None
    cells = _CELLS.findall(text)
    if "&" in text:
        cells = [_unescaped(cell) if "&" in cell[6] or "&" in cell[8] else cell for cell in cells]
    return ScannedSheet(rows, cells)


def split_whole(item: re.Pattern[str], text: str) -> list[str] | None:
    """``item.split(text)`` (what lies before the first item, then each item's two groups and
    what follows it) when the text is white space and then items only (as :data:`_SHEET_DATA`
    and :data:`_SHARED_STRINGS` say), else None. Each item takes the white space after it, so
    only what precedes the first may be anything but empty."""
    parts = item.split(text)
    if parts[0].strip(" \t\n") or any(parts[3::3]):
        return None
    return parts


def scan_shared_strings(data: bytes) -> list[str] | None:
    """The raw text of each shared string (Excel's _xHHHH_ escapes not yet decoded), or None
    when the table is not of the plain shape (rich text, phonetic runs: left to
    ElementTree)."""
    root_tag = _ROOT_TAG.match(data, _PROLOG.match(data).end())  # type: ignore[union-attr]
    if root_tag is None or not data.startswith(b"<sst", root_tag.start()):
        return None
    start, end = root_tag.end(), data.rfind(b"</sst>")
    if end < start or _surroundings(data, start, end, _SST_TAGS, b"<sst") is None:
        return None
    text = _decoded(data, start, end)
    if text is None:
        return None
    # One pass checks and reads the items.
    parts = split_whole(_SHARED_STRING_ITEM, text)
    if parts is None:
        return None
    strings: list[str] = parts[2::3]
    if "&" in text:
        strings = [_ENTITY.sub(_entity, s) if "&" in s else s for s in strings]
    return strings


class StyleItem(NamedTuple):
    """A ``<numFmt>`` (``cell_format`` False) or a cell format's ``<xf>``, as the ElementTree
    reader finds it: its numFmtId, formatCode, fontId and fillId attributes (None when not
    written)."""

    cell_format: bool
    number_format_id: str | None
    format_code: str | None
    font_id: str | None = None
    fill_id: str | None = None


def scan_styles(data: bytes) -> list[StyleItem] | None:
    """The custom number formats and the cell formats of a styles part, in the order written,
    or None when the part is not of the plain shape (the caller then parses it with
    ElementTree). Only ``<numFmts>`` and ``<cellXfs>`` are read, each at most once, named
    nowhere else in the part; the rest (fonts, fills, borders, extensions) is the
    surroundings, checked by ElementTree as for a sheet."""
    scanned = scan_styles_and_looks(data)
    return None if scanned is None else scanned[0]


def scan_styles_and_looks(data: bytes) -> tuple[list[StyleItem], fonts.Looks] | None:
    """:func:`scan_styles`, and the fonts and fills of the surroundings (ElementTree's parse
    of them, remembered with them: :func:`tendereval.io.fonts.looks_of`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\ufffe" in text or "\uffff" in text:
        return None
    lists = []
    for name, grammar, placeholder in (
        ("numFmts", _NUM_FMTS, "<numFmts/>"),
        ("cellXfs", _CELL_XFS, "<cellXfs/>"),
    ):
        at = text.find(f"<{name}")
        if at < 0:
            if name in text:  # named with a prefix, or in text: left to ElementTree
                return None
            continue
        matched = _matched_before(text, at, name)
        if matched is None:
            found = grammar.match(text, at)
            if found is None:
                return None
            matched = found.group(0)
            _remember_matched(matched, name)
        # The name nowhere but in the list's own tags (so no other list, prefixed or nested,
        # can be where the reader looks while this one is read).
        if text.count(name) != matched.count(name):
            return None
        lists.append((at, at + len(matched), placeholder, matched))
    if not lists:
        return None
    lists.sort()
    pieces, last = [], 0
    for start, end, placeholder, _ in lists:
        pieces += [text[last:start], placeholder]
        last = end
    around = ("".join(pieces) + text[last:]).encode("utf-8")
    tags = tuple(_NUM_FMTS_TAGS if p == "<numFmts/>" else _CELL_XFS_TAGS for *_, p, _ in lists)
    surroundings = _styles_surroundings(around, tags)
    if surroundings is None:
        return None
    prefixes, looks = surroundings
    items: list[StyleItem] = []
    for *_, matched in lists:
        read = _list_items(matched, prefixes)
        if read is None:
            return None
        items += read
    return items, looks


# The lists the grammar matched, as written, and what each holds under the prefixes in scope
# (None when a tag's attributes are refused). A supplier's Excel adds its own number formats,
# so no two bids share styles.xml, yet their cellXfs lists are the same text: each list is
# matched and read once. At most 64 lists of up to 64 KB are kept.
_MATCHED: dict[str, dict[frozenset[str], tuple[StyleItem, ...] | None]] = {}
_MATCHED_KEPT = 64
_MATCHED_MAX_CHARACTERS = 64 * 1024


def _matched_before(text: str, at: int, name: str) -> str | None:
    """The list starting at ``at`` when it is, character for character up to its first
    closing tag, a list the grammar matched before; else None (the grammar is asked).

    The grammar reads a list left to right and stops at that closing tag without looking
    past it (no pattern after it, nothing that reads ahead beyond a tag), so text that starts
    with a list it matched is matched to exactly that list, whatever follows."""
    close = f"</{name}>"
    end = text.find(close, at, at + _MATCHED_MAX_CHARACTERS + len(close))
    if end < 0:
        return None
    candidate = text[at : end + len(close)]
    read = _MATCHED.pop(candidate, None)
    if read is None:
        return None
    _MATCHED[candidate] = read  # the most recently used are kept longest
    return candidate


def _remember_matched(matched: str, name: str) -> None:
    # Only a list ending at a closing tag (the first: the grammar has no room for another),
    # as _matched_before finds it; a self-closing list is matched again each time (it is short).
    if not matched.endswith(f"</{name}>") or len(matched) > _MATCHED_MAX_CHARACTERS:
        return
    if matched not in _MATCHED:
        if len(_MATCHED) >= _MATCHED_KEPT:
            del _MATCHED[next(iter(_MATCHED))]
        _MATCHED[matched] = {}


def _list_items(matched: str, prefixes: frozenset[str]) -> tuple[StyleItem, ...] | None:
    """The number formats or cell formats of a list the grammar matched, or None when a
    start tag's attributes are given twice or have an undeclared prefix."""
    read_before = _MATCHED.get(matched)
    if read_before is not None and prefixes in read_before:
        return read_before[prefixes]
    items: list[StyleItem] | None = []
    known = _read_attributes
    for tag, attributes in _STYLE_TAG.findall(matched):
        read = known.get((attributes, prefixes)) or _style_attributes(attributes, prefixes)
        if not read:
            items = None
            break
        if tag == "xf" or tag == "numFmt":
            items.append(StyleItem(tag == "xf", *read))
    found = tuple(items) if items is not None else None
    if read_before is not None and len(read_before) < 8:  # a few spellings of the root
        read_before[prefixes] = found
    return found


def _styles_surroundings(
    around: bytes, tags: tuple[frozenset[str], ...]
) -> tuple[frozenset[str], fonts.Looks] | None:
    """:func:`_surroundings` for a styles part with its lists (``tags``) cut to empty
    placeholders: None unless it is plain and ElementTree parses it and finds each placeholder
    as the root's only child so tagged (and no other list the reader would read); then the
    prefixes declared on the root, and the fonts and fills. Remembered by digest, as for
    sheets."""
    key = (_digest(around), frozenset().union(*tags))
    if key in _SURROUNDINGS:
        return _SURROUNDINGS[key]
    found = None
    if _plain(around):
        try:
            root: Element | None = fromstring(around)
        except Exception:  # malformed around the lists: ElementTree is left to say so
            root = None
        if (
            root is not None
            and root.tag not in _NUM_FMTS_TAGS | _CELL_XFS_TAGS
            and all(_holds_one_empty(root, list_tags) for list_tags in tags)
            and not any(
                child.tag in (_NUM_FMTS_TAGS | _CELL_XFS_TAGS) - frozenset().union(*tags)
                for child in root
            )
        ):
            prefixes = _root_prefixes(around)
            if prefixes is not None:
                found = (prefixes, fonts.looks_of(_looked_at(root)))
    if len(_SURROUNDINGS) >= 64:
        del _SURROUNDINGS[next(iter(_SURROUNDINGS))]
    _SURROUNDINGS[key] = found
    return found


def _looked_at(root: Element) -> Iterator[Element]:
    """The ``<font>`` and ``<fill>`` elements of a styles part's ``<fonts>`` and ``<fills>``
    (children of the root), as the ElementTree reader finds them."""
    for block in root:
        if block.tag in fonts.CONTAINERS:
            yield from (child for child in block if child.tag in fonts.LISTED)


def _style_attributes(attributes: str, prefixes: frozenset[str]) -> tuple[str | None, ...]:
    """The numFmtId, formatCode, fontId and fillId of a start tag's attributes, or ``()``
    when one is given twice or has an undeclared prefix (XML the ElementTree reader
    refuses). The same few spellings recur in every bid: each is worked out once (1,024
    kept, none over 512 characters)."""
    read = _ATTRIBUTE.findall(attributes)
    names = [(prefix, name) for prefix, name, _ in read]
    found: tuple[str | None, ...] = ()
    if len(set(names)) == len(names) and all(not p or p in prefixes for p, _ in names):
        values = {name: value for prefix, name, value in read if not prefix}
        number, code = values.get("numFmtId"), values.get("formatCode")
        if number is not None and "&" in number:
            number = _ENTITY.sub(_entity, number)
        if code is not None and "&" in code:
            code = _ENTITY.sub(_entity, code)
        found = (
            number,
            code,
            _unescaped_value(values, "fontId"),
            _unescaped_value(values, "fillId"),
        )
    if len(attributes) <= 512:
        if len(_read_attributes) >= 1024:
            _read_attributes.clear()
        _read_attributes[(attributes, prefixes)] = found
    return found


_read_attributes: dict[tuple[str, frozenset[str]], tuple[str | None, ...]] = {}


def _unescaped_value(values: dict[str, str], name: str) -> str | None:
    value = values.get(name)
    return _ENTITY.sub(_entity, value) if value is not None and "&" in value else value


# ---- The checks ---------------------------------------------------------------------------------


def _plain(data: bytes) -> bool:
    """UTF-8 XML with no comment, CDATA section, document type or processing instruction: so
    every ``<`` is a tag, and the element found by its bytes is the element."""
    if b"<!" in data:
        return False
    if not data.startswith(b"<?xml"):
        return b"<?" not in data
    end = data.find(b"?>")
    if end < 0 or data.find(b"<?", 1) >= 0:  # a declaration only, and only at the very start
        return False
    declared = _ENCODING.search(data, 0, end)
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")


def _surroundings(
    data: bytes, start: int, end: int, tags: frozenset[str], opening: bytes
) -> frozenset[str] | None:
    """The namespace prefixes in scope inside, as :func:`_surrounded` finds them."""
    found = _surrounded(data, start, end, tags, opening)
    return None if found is None else found[0]


def _surrounded(
    data: bytes, start: int, end: int, tags: frozenset[str], opening: bytes
) -> Surroundings | None:
    """What the part says around its inside (from ``start`` to ``end``), cut out: None unless
    it is plain (see :func:`_plain`; the inside is checked by the grammar, which has no room
    for a comment or a declaration), opens the element read exactly once (``opening``), and
    ElementTree parses it and finds that element where its reader looks — the root (the
    shared strings) or the root's one child so tagged (a sheet's data), now empty; and then
    the namespace prefixes declared on the root, in scope inside, and what the root's other
    children hide and merge (:func:`tendereval.io.appearance.appearance_of`).

    Bids made from one template share these bytes (the columns, drop-down lists, page setup),
    so the answer is remembered by their digest (64 kept), never the bytes themselves. What
    Excel rewrites in every sheet on every save (:func:`_without_views`) is left out of the
    digest, so a supplier's own selected cell does not make its sheets new to the reader."""
    view = memoryview(data)
    whole = (_digest(view[:start], view[end:]), tags)
    if whole in _SURROUNDINGS:  # the same bytes as another bid's (made by one program)
        return _SURROUNDINGS[whole]
    pieces = [*_without_views(data, start), view[end:]]
    cut = (_digest(*pieces), tags)
    if cut in _SURROUNDINGS:  # the same but for the views (the bids saved in Excel)
        return _SURROUNDINGS[cut]
    around = b"".join(pieces)
    found: Surroundings | None = None
    if _plain(around) and around.count(opening) == 1:
        try:
            root: Element | None = fromstring(around)
        except Exception:  # malformed around the inside: ElementTree is left to say so
            root = None
        if root is not None and _holds_one_empty(root, tags):
            prefixes = _root_prefixes(around)
            if prefixes is not None:
                found = (prefixes, appearance_of(root))
    for key in {whole, cut}:
        if len(_SURROUNDINGS) >= 64:
            del _SURROUNDINGS[next(iter(_SURROUNDINGS))]
        _SURROUNDINGS[key] = found
    return found


def _digest(*pieces: bytes | memoryview) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for piece in pieces:
        digest.update(piece)
    return digest.digest()


# The prefixes in scope inside, and what the part hides and merges around it (a sheet's), or
# its fonts and fills (a styles part's: keyed by the styles' own lists' tags).
Surroundings = tuple[frozenset[str], Appearance]
_SURROUNDINGS: dict[tuple[bytes, frozenset[str]], Any] = {}


# What Excel writes afresh in a sheet on every save, whoever saved it: the range its cells
# span (<dimension>) and how its user last saw it (<sheetViews>: the cell selected, the
# scroll position, whether its tab was the one open). Each is recognised only in the one
# shape of a plain element: unprefixed names, every attribute value printable ASCII with no
# quote, "&", "<" or ">" (nothing for XML to unescape or normalise), white space between tags
# only (no carriage return), no comment, declaration, text or other element inside.
_VIEW_ATTRIBUTES = (
    r'(?:[ ]+(?!xmlns)[A-Za-z_][A-Za-z0-9_.\-]*="[ !#-%\'-;=?-~]*")'
    rf"{{0,{_MOST_ATTRIBUTES}}}[ ]?"
)
_VIEWS = re.compile(
    rf"<sheetViews>{_WS}(?:<sheetView{_VIEW_ATTRIBUTES}(?:/>|>{_WS}"
    rf"(?:<pane{_VIEW_ATTRIBUTES}/>{_WS})?(?:<selection{_VIEW_ATTRIBUTES}/>{_WS}){{0,{_MOST_VIEWS}}}"
    rf"</sheetView>){_WS}){{1,{_MOST_VIEWS}}}</sheetViews>".encode()
)
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?"[ ]?/>')
_VIEW_TAG_ATTRIBUTES = re.compile(rb"<[A-Za-z]+([^>]*)")
_VIEW_ATTRIBUTE_NAME = re.compile(rb" ([^ =]+)=")


def _without_views(data: bytes, start: int) -> list[bytes | memoryview]:
    """``data[:start]``, in pieces, with its sheet's dimension and views each replaced by an
    empty element of the same name, when they are of the one plain shape (see
    :data:`_VIEWS`).

    The surroundings answer the same with or without them: such an element has no prefix to
    resolve, no sheetData, nothing forbidden by :func:`_plain`, no attribute given twice
    (checked here) and is well-formed, and the empty element put in its place is well-formed
    exactly where it is (inside a tag or an attribute value it is not, and ElementTree
    refuses the part)."""
    view = memoryview(data)
    pieces: list[bytes | memoryview] = []
    done = 0  # where the bytes not yet in pieces start
    for name, grammar in ((b"dimension", _DIMENSION), (b"sheetViews", _VIEWS)):
        at = data.find(b"<" + name + (b" " if name == b"dimension" else b">"), done, start)
        if at < 0:
            continue
        found = grammar.match(data, at, start)
        if found is None or not _attributes_once(found.group()):
            continue
        pieces += [view[done:at], b"<" + name + b"/>"]
        done = found.end()
    pieces.append(view[done:start])
    return pieces


def _attributes_once(element: bytes) -> bool:
    """Whether no tag of ``element`` (of the plain shape of :data:`_VIEWS`) names an
    attribute twice."""
    for attributes in _VIEW_TAG_ATTRIBUTES.findall(element):
        names = _VIEW_ATTRIBUTE_NAME.findall(attributes)
        if len(set(names)) != len(names):
            return False
    return True


def _holds_one_empty(root: Element, tags: frozenset[str]) -> bool:
    """Whether the element read is where the ElementTree reader looks and was cut empty: the
    root itself (the shared strings), or the root's only child so tagged (a sheet's data)."""
    if root.tag in tags:
        return not len(root) and not (root.text or "").strip()
    found = [child for child in root if child.tag in tags]
    return len(found) == 1 and not len(found[0]) and not (found[0].text or "").strip()


def _decoded(data: bytes, start: int, end: int) -> str | None:
    try:
        text = data[start:end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "]]>" in text or "\ufffe" in text or "\uffff" in text:
        return None
    return text


def _root_prefixes(data: bytes) -> frozenset[str] | None:
    """The namespace prefixes the root declares (in scope inside a child of the root), or None
    when two of them name one namespace (an attribute could then be written twice under two
    names, which only a namespace-aware parser sees)."""
    prolog = _PROLOG.match(data)
    tag = _ROOT_TAG.match(data, prolog.end() if prolog else 0)
    if tag is None:
        return None
    declared = [found for found in _DECLARATION.findall(tag.group(1)) if found[0]]
    uris = [double or single for _, double, single in declared]
    if len(set(uris)) != len(uris):
        return None
    return frozenset(prefix.decode("ascii", "replace") for prefix, _, _ in declared) | {"xml"}


_checked_attributes: dict[tuple[str, frozenset[str]], bool] = {}
_HIDDEN = re.compile(r'[ ]hidden="(?:1|true)"')
_HEIGHT = re.compile(r'[ ]ht="([^"]*)"')


def _row_attributes_ok(attributes: str, prefixes: frozenset[str]) -> bool:
    """No attribute of a row repeated (r included), every prefix declared, and the row not
    hidden, nor drawn with no height. The same few spellings recur on every row of every
    bid, so each is checked once (at most 1,024 kept)."""
    if not attributes.strip():
        return True
    key = (attributes, prefixes)
    known = _checked_attributes.get(key)
    if known is None:
        names = [("", "r"), *_ATTRIBUTE_NAME.findall(attributes)]
        known = (
            len(set(names)) == len(names)
            and all(not prefix or prefix in prefixes for prefix, _ in names)
            # A hidden row (hidden by hand or filtered out) is left to ElementTree's reader,
            # which records it: Excel does not show what the tender reads there.
            and _HIDDEN.search(attributes) is None
            and not ((height := _HEIGHT.search(attributes)) and too_low(height.group(1)))
        )
        if len(_checked_attributes) >= 1024:
            _checked_attributes.clear()
        _checked_attributes[key] = known
    return known


def _entity(match: re.Match[str]) -> str:
    return _ENTITIES[match.group(1)]


def _unescaped(cell: ScannedCell) -> ScannedCell:
    letters, digits, s, t, f, v, value, inline, text = cell
    return (
        letters,
        digits,
        s,
        t,
        f,
        v,
        _ENTITY.sub(_entity, value),
        inline,
        _ENTITY.sub(_entity, text),
    )
