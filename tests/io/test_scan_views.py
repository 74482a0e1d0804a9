"""What Excel rewrites in every sheet on every save — the range the cells span
(``<dimension>``) and the view (``<sheetViews>``: the cell selected, the scroll position, the
tab open) — is left out when the plain-shape reader looks up what surrounds a sheet's data
(``scan._without_views``), so sheets that differ only there are not parsed again for every bid.

The shortcut must never change an answer: for any sheet, with the surroundings remembered
from a sheet with other views or not, what ``scan._surroundings`` says is what parsing the
whole of the surroundings with ElementTree says (the reference below, the rule as it was
before the shortcut), and the sheet reads the same through the grammar as through
ElementTree. The views are drawn from plain ones Excel, LibreOffice and openpyxl write and
from every shape the shortcut must not take: repeated, prefixed or namespace attributes,
entities and character references, carriage returns, comments, unknown elements, views left
open, and views written inside an attribute value, where they are not markup at all.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from xml.etree.ElementTree import fromstring

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.io import scan

from .test_scan import AFTER, PROLOGS, ROOT, ROOTS, _types_match, book, plain_rows, reading

PLAIN_VIEWS = [
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
    '<selection activeCell="C7" sqref="C7"/></sheetView></sheetViews>',
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="4" topLeftCell="A5" '
    'activePane="bottomLeft" state="frozen" /><selection pane="bottomLeft" activeCell="B12" '
    'sqref="B12:D14 F2" /></sheetView></sheetViews>',
    '<sheetViews>\n  <sheetView showGridLines="0" zoomScale="85" workbookViewId="0">\n'
    '    <selection pane="topLeft" activeCell="A1" activeCellId="0" sqref="A1"/>\n'
    "  </sheetView>\n</sheetViews>",
    '<sheetViews><sheetView workbookViewId="0"/><sheetView workbookViewId="1"/></sheetViews>',
]
ODD_VIEWS = [
    '<sheetViews><sheetView workbookViewId="0" workbookViewId="1"/></sheetViews>',
    '<sheetViews><sheetView workbookViewId="0"><selection sqref="A1" sqref="A2"/>'
    "</sheetView></sheetViews>",
    '<sheetViews><sheetView x14ac:dyDescent="1" workbookViewId="0"/></sheetViews>',
    '<sheetViews><sheetView q:a="1" workbookViewId="0"/></sheetViews>',
    '<sheetViews><sheetView xmlns="urn:other" workbookViewId="0"/></sheetViews>',
    '<sheetViews><sheetView xmlns:q="urn:q" q:a="1"/></sheetView></sheetViews>',
    '<sheetViews><sheetView workbookViewId="&amp;0"/></sheetViews>',
    '<sheetViews><sheetView workbookViewId="&#48;"/></sheetViews>',
    '<sheetViews><sheetView workbookViewId="&bogus;"/></sheetViews>',
    '<sheetViews>\r\n<sheetView workbookViewId="0"/></sheetViews>',
    '<sheetViews><!-- x --><sheetView workbookViewId="0"/></sheetViews>',
    '<sheetViews><sheetView workbookViewId="0"><foo/></sheetView></sheetViews>',
    '<sheetViews><sheetView workbookViewId="0">text</sheetView></sheetViews>',
    '<sheetViews><sheetView workbookViewId="0">',
    '<sheetViews><sheetView workbookViewId="0"/>',
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetViews/>',
    '<sheetViews><sheetView activeCell="\u00c91"/></sheetViews>',
    '<sheetViews><sheetView sqref="A1\tB2"/></sheetViews>',
    "<sheetViews><sheetView workbookViewId='0'/></sheetViews>",
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews></worksheet><worksheet>',
    # Views inside an attribute value are no markup: the part is not well-formed.
    '<sheetPr codeName="<sheetViews><sheetView workbookViewId="0"/></sheetViews>"/>',
    '<sheetPr codeName="<dimension ref="A1"/>"/>',
    "",
]
DIMENSIONS = [
    '<dimension ref="A1:D9"/>',
    '<dimension ref="B2" />',
    '<dimension ref="A1:XFD1048576"/>',
    '<dimension ref="A1:D9" ref="A1"/>',
    '<dimension ref="a1"/>',
    '<dimension ref="A1" q:x="1"/>',
    '<dimension ref="A1">',
    "",
]
REST = (
    '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
    '<cols><col min="1" max="1" width="20" customWidth="1"/></cols>'
)


def _sheet(prolog: str, root: str, dimension: str, views: str, inside: str) -> str:
    return (
        f"{prolog}{root}{dimension}{views}{REST}<sheetData>{inside}</sheetData>{AFTER}</worksheet>"
    )


def _read_whole(data: bytes, start: int, end: int, tags: frozenset[str], opening: bytes):
    """The surroundings as they were read before the shortcut: everything around the inside
    parsed by ElementTree."""
    around = data[:start] + data[end:]
    if not (scan._plain(around) and around.count(opening) == 1):
        return None
    try:
        root = fromstring(around)
    except Exception:
        return None
    return scan._root_prefixes(around) if scan._holds_one_empty(root, tags) else None


def _answer(data: bytes):
    start = data.find(b"<sheetData>") + len(b"<sheetData>")
    end = data.find(b"</sheetData>", start)
    return start, end


views = st.sampled_from(PLAIN_VIEWS * 2 + ODD_VIEWS)
dimensions = st.sampled_from(DIMENSIONS[:2] * 3 + DIMENSIONS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.tuples(dimensions, views),
    then=st.tuples(dimensions, views),
    prolog=st.sampled_from(PROLOGS),
    root=st.sampled_from(ROOTS[:1] * 3 + ROOTS),
)
def test_the_surroundings_say_what_elementtree_says_of_the_whole_whatever_was_seen_before(
    first: tuple[str, str], then: tuple[str, str], prolog: str, root: str
) -> None:
    scan._SURROUNDINGS.clear()
    for dimension, view in (first, then):
        data = _sheet(prolog, root, dimension, view, "").encode("utf-8")
        start, end = _answer(data)
        if data.count(b"<sheetData>") != 1:
            continue
        expected = _read_whole(data, start, end, scan._SHEET_DATA_TAGS, b"<sheetData")
        found = scan._surroundings(data, start, end, scan._SHEET_DATA_TAGS, b"<sheetData")
        assert found == expected, (data, found, expected)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.tuples(dimensions, views),
    then=st.tuples(dimensions, views),
    inside=plain_rows(),
)
def test_a_sheet_reads_as_elementtree_reads_it_after_one_with_other_views(
    first: tuple[str, str], then: tuple[str, str], inside: str
) -> None:
    scan._SURROUNDINGS.clear()
    with tempfile.TemporaryDirectory() as folder:
        for dimension, view in (first, then):
            path = book(Path(folder), _sheet(PROLOGS[0], ROOT, dimension, view, inside))
            fast, slow = reading(path, True), reading(path, False)
            assert _types_match(fast, slow), (dimension, view, fast, slow)


def test_sheets_that_differ_only_in_their_views_are_parsed_once() -> None:
    scan._SURROUNDINGS.clear()
    parsed = []
    real = scan.fromstring
    scan.fromstring = lambda data: parsed.append(data) or real(data)  # type: ignore[assignment]
    try:
        for i in range(1, 6):
            views = (
                f'<sheetViews><sheetView workbookViewId="0"><selection activeCell="C{i}" '
                f'sqref="C{i}"/></sheetView></sheetViews>'
            )
            data = _sheet(PROLOGS[0], ROOT, f'<dimension ref="A1:E{i}"/>', views, "").encode()
            start, end = _answer(data)
            assert scan._surroundings(data, start, end, scan._SHEET_DATA_TAGS, b"<sheetData")
    finally:
        scan.fromstring = real  # type: ignore[assignment]
    assert len(parsed) == 1
    # A view of another shape is parsed with the rest, as before.
    data = _sheet(PROLOGS[0], ROOT, "", ODD_VIEWS[0], "").encode()
    start, end = _answer(data)
    assert scan._surroundings(data, start, end, scan._SHEET_DATA_TAGS, b"<sheetData") is None
