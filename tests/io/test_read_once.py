"""What a bid's loading works out once instead of again and again (issue 17, loading as Excel
saves it): a sheet asked for twice in one workbook (a bid's Instructions sheet is asked
whether it holds each of three tables, and whether it is the missing Social value sheet) is
unpacked and scanned once; a number format is taken apart once; whether a figure is shown
rounded is worked out once per figure and format. Each reads exactly as before.
"""

from __future__ import annotations

import math
import tempfile
import uuid
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext
from pathlib import Path
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.io import checking, numformat, xlsx
from tendereval.io.raw import Cell
from tendereval.io.xlsx import Workbook
from tendereval.io.zipparts import ZipParts

from .test_scan import AFTER, BEFORE, ROOT, book, plain_rows

SHEET_PART = "xl/worksheets/sheet1.xml"


def _sheet(inside: str) -> str:
    return f"{ROOT}{BEFORE}<sheetData>{inside}</sheetData>{AFTER}</worksheet>"


def _unique_rows() -> str:
    """A plain sheet no other test has: its digest is new, so nothing is remembered of it."""
    return (
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>{uuid.uuid4().hex}</t></is></c>'
        '<c r="B1"><v>2.5</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" s="1"><v>0.03</v></c></row>'
    )


def _value(workbook: Workbook, cell: Any) -> Any:
    """A cell's value, or the words of the fault reading it."""
    try:
        return workbook.value(cell)
    except Exception as exc:  # a shared string that does not exist, a number misspelled
        return (type(exc).__name__, str(exc))


def _asked(workbook: Workbook, max_col: int | None, stop: int | None = None) -> list[Any]:
    """What a reader asking for the sheet's rows gets: each row's values, or the words of
    the fault that stops it (and where)."""
    found: list[Any] = []
    try:
        for number, cells in workbook.rows("Sheet1", max_col=max_col):
            found.append((number, {col: _value(workbook, cell) for col, cell in cells.items()}))
            if stop is not None and number >= stop:
                break
    except ValueError as exc:
        found.append(("refused", str(exc)))
    return found


def _counting_reads(names: list[str]) -> Any:
    """ZipParts.read patched to record the name of each part unpacked whole."""
    read = ZipParts.read

    def counting(self: ZipParts, name: Any) -> bytes:
        names.append(name if isinstance(name, str) else name.filename)
        return read(self, name)

    return patch.object(ZipParts, "read", counting)


def test_a_sheet_asked_for_again_in_one_workbook_is_unpacked_once() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = book(Path(folder), _sheet(_unique_rows()))
        with patch.object(xlsx, "SCAN", False), Workbook(path) as by_elementtree:
            expected = _asked(by_elementtree, None)  # nothing remembered of the sheet
        names: list[str] = []
        with Workbook(path) as workbook, _counting_reads(names):
            first = _asked(workbook, None, stop=1)  # a header search stops early
            again = [_asked(workbook, None), _asked(workbook, 2), _asked(workbook, None)]
    assert names.count(SHEET_PART) == 1  # twice before (then remembered)
    assert first == expected[:1]
    assert again[0] == again[2] == expected
    assert again[1] == [(n, {c: v for c, v in cells.items() if c <= 2}) for n, cells in expected]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inside=plain_rows(), stop=st.one_of(st.none(), st.integers(1, 6)))
def test_a_sheet_read_again_in_one_workbook_reads_as_a_fresh_workbook_reads_it(
    inside: str, stop: int | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = book(Path(folder), _sheet(inside))
        with Workbook(path) as fresh:
            expected = [_asked(fresh, None), _asked(fresh, 2)]
        with Workbook(path) as workbook:
            _asked(workbook, None, stop)
            found = [_asked(workbook, None), _asked(workbook, 2)]
    assert found == expected


def test_a_row_refused_is_refused_again_at_the_same_row_when_asked_again() -> None:
    rows = _unique_rows() + '<row r="2"><c r="A2"><v>1</v></c></row>'  # row 2 after row 3
    with tempfile.TemporaryDirectory() as folder:
        path = book(Path(folder), _sheet(rows))
        with patch.object(xlsx, "SCAN", False), Workbook(path) as by_elementtree:
            expected = _asked(by_elementtree, None)
        with Workbook(path) as workbook:
            asked = [_asked(workbook, None, stop=1), _asked(workbook, None)]
            asked.append(_asked(workbook, None))
    assert expected[-1][0] == "refused"
    assert asked == [expected[:1], expected, expected]


# ---- Number formats ----------------------------------------------------------------------------


def _displayed_as_it_was(value: float, code: str) -> str:
    """numformat.displayed before its sections' shapes were remembered (commit 48b71cb)."""
    sections = numformat._sections(code)
    if sections[0].casefold() == "general":
        return f"{value:g}"
    section, value = numformat._section_for(value, sections)
    out: list[str] = []
    number_written = False
    tokens = numformat._TOKEN.findall(section)
    placeholders = [t for t in tokens if t in numformat._PLACEHOLDERS or t in ".,%"]
    decimals = 0
    if "." in placeholders:
        after = placeholders[placeholders.index(".") + 1 :]
        decimals = sum(t in numformat._PLACEHOLDERS for t in after)
    grouped, thousands = numformat._commas(tokens)
    scaled = value * 100 if "%" in tokens else value
    scaled /= 1000**thousands
    for token in tokens:
        if token in numformat._PLACEHOLDERS or token in ".,":
            if not number_written:
                if math.isfinite(scaled):
                    # (in decimals wide enough for any float: Python's own 28 digits refused
                    # 1e28 shown as "0", and stopped the run, until the digits were counted;
                    # from the 15 figures Excel shows, as numformat.EXCEL_DIGITS now says)
                    shown = Context(prec=15, rounding=ROUND_HALF_UP, Emax=MAX_EMAX)
                    with localcontext(Context(prec=1000, Emax=MAX_EMAX, Emin=MIN_EMIN)):
                        rounded = shown.create_decimal(repr(scaled)).quantize(
                            Decimal(1).scaleb(-decimals), ROUND_HALF_UP
                        )
                    out.append(f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}")
                else:
                    out.append(f"{scaled:,.{decimals}f}" if grouped else f"{scaled:.{decimals}f}")
                number_written = True
        elif token[0] in "_*" or (token.startswith("[") and not token.startswith("[$")):
            continue
        elif token[0] in '"\\' or token.startswith("[$"):
            out.append(numformat._literal(token))
        else:
            out.append(token)
    return "".join(out)


FORMATS = [
    "General",
    "0",
    "0.0%",
    "0%",
    "0.00%",
    '"£"#,##0.00',
    '"£"0',
    "£#,##0",
    "#,##0.00,",
    "#,##0,,",
    "0.00;[Red]-0.00",
    '0.0;(0.0);"zero"',
    "[>=100]0;0.00",
    "[$€-x-euro2] #,##0.00",
    '0.00 "EUR"',
    '"n/a"',
    ";;;",
    '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_)',
    "0.000\\%",
    '#,##0.00" per hour"',
]
VALUES = st.one_of(
    st.floats(),
    st.floats(min_value=-1e12, max_value=1e12),
    st.sampled_from([0.0, -0.0, 0.025, 2.5, -2.5, 0.0005, 1e20, 26.845, 0.03]),
    st.integers(-(10**6), 10**6),
)


@settings(max_examples=400, deadline=None)
@given(value=VALUES, code=st.sampled_from(FORMATS))
def test_a_number_is_displayed_as_before(value: float, code: str) -> None:
    assert numformat.displayed(value, code) == _displayed_as_it_was(value, code)


class _CountingTokens:
    """Stands in for numformat's token pattern, counting how often a format is taken apart."""

    def __init__(self) -> None:
        self.calls = 0
        self._pattern = numformat._TOKEN

    def findall(self, text: str) -> list[str]:
        self.calls += 1
        return self._pattern.findall(text)


def test_a_format_is_taken_apart_once_however_many_figures_it_shows() -> None:
    numformat._sections.cache_clear()
    numformat._shape.cache_clear()
    tokens = _CountingTokens()
    with patch.object(numformat, "_TOKEN", tokens):
        shown = [numformat.displayed(0.03 + n / 1000, '0.0%" a year"') for n in range(100)]
    assert shown[0] == "3.0% a year" and shown[5] == "3.5% a year"
    assert tokens.calls == 2  # its sections, then the first's shape; 200 before


def _uplift(value: float, code: str) -> Cell:
    return Cell(value, "bid.xlsx", "Prices", "H5", code, False)


def test_whether_a_figure_is_shown_rounded_is_worked_out_once_per_figure_and_format() -> None:
    checking._rounded_as_shown.cache_clear()
    with patch.object(checking, "displayed", wraps=numformat.displayed) as displayed:
        found = [checking.shown_rounded(_uplift(0.025, "0%"), 0.025) for _ in range(50)]
        found += [checking.shown_rounded(_uplift(0.03, "0%"), 0.03) for _ in range(50)]
    assert found[:50] == ["3%"] * 50  # 2.5% shown as 3%
    assert found[50:] == [None] * 50  # 3% shown as it is
    assert displayed.call_count == 2  # 100 before


def test_figures_equal_but_spelled_apart_are_each_worked_out() -> None:
    # 3 and 3.0, 0.0 and -0.0 are equal keys to a plain cache; each is worked out for itself.
    checking._rounded_as_shown.cache_clear()
    with patch.object(checking, "displayed", wraps=numformat.displayed) as displayed:
        for value in (3, 3.0, 0.0, -0.0, 2.25, 2.25):
            checking.shown_rounded(_uplift(value, "0.0"), value)
    assert [repr(call.args[0]) for call in displayed.call_args_list] == [
        "3",
        "3.0",
        "0.0",
        "-0.0",
        "2.25",
    ]
    assert checking.shown_rounded(_uplift(2.25, "0.0"), 2.25) == "2.3"
    assert checking.shown_rounded(_uplift(-2.25, "0.0"), -2.25) == "-2.3"
