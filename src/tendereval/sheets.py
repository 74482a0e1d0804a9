"""Building blocks for the workbooks tendereval writes: styled, protected, validated sheets.

The template builders (:mod:`tendereval.templates`) lay sheets out with these helpers so every
workbook looks and behaves the same way: input cells shaded and unlocked, everything else
locked, drop-downs and number checks on the input cells, text written as text (never as a
formula), and files saved atomically with fixed properties so the same inputs give the same
workbook.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from pathlib import Path
from typing import Any, BinaryIO
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from tendereval import layout
from tendereval.atomic import replacing
from tendereval.celltext import CELL_TEXT_LIMIT, fitted_text

# Fixed so that rebuilding a template from the same plan gives the same workbook.
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
CREATOR = "tendereval"

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # light yellow: "type here"
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
NOTE_FONT = Font(italic=True, color="555555")
_THIN = Side(style="thin", color="BFBFBF")
INPUT_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)

MONEY_FORMAT = '"£"#,##0.00'
SHARE_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"

# Excel limits on data validation messages.
_PROMPT_LIMIT = 255
_TITLE_LIMIT = 32
_INLINE_LIST_LIMIT = 255


def put(cell: Cell, value: Any) -> Cell:
    """Write ``value`` into ``cell``; text always stays text, even if it starts with ``=``.

    Text from a plan or a bid must never become a formula in a workbook we send out, so a
    string is stored as a string whatever it starts with (``=``, ``+``, ``-``, ``@``). Text
    longer than a cell holds is cut visibly (:func:`~tendereval.celltext.fitted_text`).
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > CELL_TEXT_LIMIT // 2:  # only then can it be over the limit
            # openpyxl would cut it to fit without a word: cut it saying so.
            value = fitted_text(value)
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def new_workbook(custom: dict[str, str] | None = None) -> Workbook:
    """An empty workbook with fixed document properties (no default sheet), and ``custom``
    as its custom properties (a template's mark: see tendereval/template_marks.py)."""
    wb = Workbook()
    wb.remove(wb.active)
    # openpyxl asks Excel to work every formula out on opening (fullCalcOnLoad) by default. A
    # template holds no formula, and the flag stays in the return a supplier fills in:
    # tendereval refuses a formula's saved result in a workbook carrying it (the result may be
    # a placeholder), so a formula typed into a return whose program kept it was refused.
    wb.calculation.fullCalcOnLoad = False
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    for name, value in (custom or {}).items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    return wb


def save(wb: Workbook, path: str | Path) -> Path:
    """Save atomically (a temporary file in the same folder, then a rename) and reproducibly.

    openpyxl stamps the save time into the document properties and every zip entry; both are
    fixed here, so the same workbook content gives the same bytes and a rebuilt example does
    not show up as changed.
    """
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    package = package_bytes(wb, FIXED_TIME)
    with replacing(path) as out:
        restamp(package, out, FIXED_TIME)
    return Path(path)


def package_bytes(wb: Workbook, when: dt.datetime) -> bytes:
    """The workbook as .xlsx bytes, with ``when`` as its created and modified time and row
    heights fitted to wrapped text. ExcelWriter directly: ``wb.save()`` stamps the clock."""
    wb.properties.created = when
    wb.properties.modified = when
    for ws in wb.worksheets:
        fit_row_heights(ws)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return raw.getvalue()


def restamp(
    package: bytes,
    out: BinaryIO,
    when: dt.datetime,
    transform: Callable[[str, bytes], bytes] | None = None,
) -> None:
    """Copy an .xlsx package into ``out`` with every entry dated ``when`` (so the same content
    gives the same bytes), passing each part through ``transform(name, data)`` if given."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if transform is not None:
                data = transform(info.filename, data)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)


def protect(ws: Worksheet) -> None:
    """Lock the sheet (no password: it guards against slips, it is not security).

    Resizing rows and columns stays allowed so people can read long text.
    """
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def print_setup(ws: Worksheet, title_rows: str | None = None) -> None:
    """Landscape, fitted to one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


def mark_input(cell: Cell, number_format: str | None = None) -> None:
    """Shade and unlock a cell someone is meant to type into."""
    cell.fill = INPUT_FILL
    cell.border = INPUT_BORDER
    cell.protection = UNLOCKED
    if number_format:
        cell.number_format = number_format


def title_block(ws: Worksheet, title: str, *notes: str) -> None:
    """Rows 1–3: a bold title and up to two lines of notes (tables start at row 4)."""
    put(ws.cell(row=1, column=1), title).font = TITLE_FONT
    for offset, note in enumerate(notes[:2], start=2):
        put(ws.cell(row=offset, column=1), note).font = NOTE_FONT


class Lists:
    """A hidden ``Lists`` sheet holding drop-down values kept out of the validations: values
    that are data (lots, suppliers, …) and any list too long to type into one.

    Values go in a sheet rather than inline in the validation because inline lists are capped
    at 255 characters and cannot hold a comma (supplier names can). A workbook has one such
    sheet, shared by all its drop-downs: get it with :meth:`Lists.of`.
    """

    def __init__(self, wb: Workbook):
        self.wb = wb
        self.ws: Worksheet | None = None
        self.formulas: dict[tuple[Any, ...], str] = {}
        self.names: set[str] = set()

    @classmethod
    def of(cls, wb: Workbook) -> Lists:
        """The workbook's one Lists sheet (made when a first list is written to it)."""
        lists = _LISTS.get(wb)
        if lists is None:
            lists = _LISTS[wb] = cls(wb)
        return lists

    def formula(self, name: str, values: Sequence[str | float]) -> str:
        """The validation formula for a drop-down of ``values`` (each list written once)."""
        key = tuple(values)
        if key in self.formulas:
            return self.formulas[key]
        if self.ws is None:
            self.ws = self.wb.create_sheet(layout.LISTS_SHEET)
            self.ws.sheet_state = "hidden"
            protect(self.ws)
        column = len(self.formulas) + 1
        put(self.ws.cell(row=1, column=column), name).font = BOLD
        for row, value in enumerate(values, start=2):
            put(self.ws.cell(row=row, column=column), value)
        letter = get_column_letter(column)
        last = max(2, len(values) + 1)
        ref = f"{quote_sheetname(layout.LISTS_SHEET)}!${letter}$2:${letter}${last}"
        # A workbook-level name keeps the reference readable in Excel's validation dialog.
        defined = self._defined_name(name)
        self.wb.defined_names[defined] = DefinedName(defined, attr_text=ref)
        self.formulas[key] = ref
        return ref

    def _defined_name(self, name: str) -> str:
        """``list_<name>`` with only the characters a defined name may hold, unique."""
        base = "list_" + re.sub(r"[^0-9A-Za-z_.]", "_", name)
        defined, count = base, 1
        while defined.lower() in self.names:
            count += 1
            defined = f"{base}_{count}"
        self.names.add(defined.lower())
        return defined

    def move_last(self) -> None:
        """Put the Lists sheet after every other sheet (it is created on first use)."""
        if self.ws is not None:
            self.wb.move_sheet(self.ws, offset=len(self.wb.sheetnames) - 1 - self.wb.index(self.ws))


_LISTS: WeakKeyDictionary[Workbook, Lists] = WeakKeyDictionary()


def typed_list(values: Sequence[str | float]) -> str | None:
    """``values`` as a list typed into a validation (``"yes,no"``), or None when a typed list
    cannot hold them as they are: longer than Excel's 255 characters, a text holding a comma
    or a double quote (the list's separator and delimiter), or a number its short form does not
    give exactly (0.1234567 would be offered as 0.123457, which the scale does not allow)."""
    shown = []
    for value in values:
        text = value if isinstance(value, str) else fmt_number(value)
        if isinstance(value, str) and ("," in value or '"' in value):
            return None
        if not isinstance(value, str) and float(text) != value:
            return None
        shown.append(text)
    typed = '"' + ",".join(shown) + '"'
    return typed if len(typed) <= _INLINE_LIST_LIMIT else None


class Validations:
    """The data validations of one sheet, one rule per kind, each covering many cells."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.lists = Lists.of(ws.parent)
        self.rules: dict[tuple, DataValidation] = {}
        # Per rule: the ranges it covers as text, and those of more than one cell. openpyxl's
        # own add compares each new range with every one the rule has, so a score sheet of
        # 48,000 rows took 7.5 minutes; a cell is only ever inside an equal range or a wider one.
        self._covered: dict[tuple, tuple[set[str], list[CellRange]]] = {}

    def add(self, key: tuple, make, ref: str) -> None:
        rule = self.rules.get(key)
        if rule is None:
            rule = make()
            self.ws.add_data_validation(rule)
            self.rules[key] = rule
            self._covered[key] = (set(), [])
        covered, wide = self._covered[key]
        cells = CellRange(ref)
        if str(cells) in covered or any(cells <= other for other in wide):
            return  # already covered, as openpyxl's add would find
        covered.add(str(cells))
        if cells.size["rows"] > 1 or cells.size["columns"] > 1:
            wide.append(cells)
        rule.sqref.ranges.add(cells)

    def choice(
        self, ref: str, values: Sequence[str], title: str, *, formula: str | None = None
    ) -> None:
        """A drop-down; ``formula`` is a Lists range, else :meth:`listed` decides."""
        source = formula or self.listed(title, values)
        self.add(
            ("list", source),
            lambda: _rule("list", source, title=title, message="Choose from the list."),
            ref,
        )

    def listed(self, name: str, values: Sequence[str | float]) -> str:
        """Where a drop-down of ``values`` takes them from: typed into the rule when a typed
        list holds them exactly (:func:`typed_list`), else the workbook's Lists sheet. Every
        list of every template goes through here, so none is over Excel's limit."""
        return typed_list(values) or self.lists.formula(name, values)

    def money(self, ref: str) -> None:
        self.add(
            ("money",),
            lambda: _rule(
                "decimal",
                "0",
                operator="greaterThanOrEqual",
                title="Amount in £",
                message="Type an amount in pounds of 0 or more, without text.",
            ),
            ref,
        )

    def number(self, ref: str) -> None:
        self.add(
            ("number",),
            lambda: _rule(
                "decimal",
                "0",
                operator="greaterThanOrEqual",
                title="Number",
                message="Type a number of 0 or more.",
            ),
            ref,
        )

    def count(self, ref: str) -> None:
        self.add(
            ("count",),
            lambda: _rule(
                "whole",
                "0",
                operator="greaterThanOrEqual",
                title="Whole number",
                message="Type a whole number of 0 or more.",
            ),
            ref,
        )

    def share(self, ref: str) -> None:
        self.add(
            ("share",),
            lambda: _rule(
                "decimal",
                "0",
                "1",
                operator="between",
                title="Percentage",
                message="Type a percentage between 0% and 100% (for example 3%).",
            ),
            ref,
        )

    def date(self, ref: str) -> None:
        self.add(
            ("date",),
            lambda: _rule(
                "date",
                "36526",
                operator="greaterThanOrEqual",
                title="Date",
                message="Type a date, for example 2026-10-05.",
            ),
            ref,
        )

    def scale(
        self,
        ref: str,
        values: Sequence[float],
        low: float,
        high: float,
        scale_id: str,
        described: str,
    ) -> None:
        """A score on a scale: a list of the allowed scores, or a range for a continuous one."""
        if values:
            self.add(
                ("scale", scale_id),
                lambda: _rule(
                    "list",
                    self.listed(f"scale {scale_id}", values),
                    title=f"Score ({scale_id})",
                    message=described,
                ),
                ref,
            )
        else:
            self.add(
                ("scale", scale_id),
                lambda: _rule(
                    "decimal",
                    fmt_number(low),
                    fmt_number(high),
                    operator="between",
                    title=f"Score ({scale_id})",
                    message=described,
                ),
                ref,
            )


def _rule(
    kind: str,
    formula1: str,
    formula2: str | None = None,
    *,
    operator: str | None = None,
    title: str,
    message: str,
) -> DataValidation:
    rule = DataValidation(
        type=kind, formula1=formula1, formula2=formula2, operator=operator, allow_blank=True
    )
    rule.showErrorMessage = True
    rule.showInputMessage = True
    rule.errorTitle = title[:_TITLE_LIMIT]
    rule.error = message[:_PROMPT_LIMIT]
    rule.promptTitle = title[:_TITLE_LIMIT]
    rule.prompt = message[:_PROMPT_LIMIT]
    return rule


def fmt_number(value: float) -> str:
    """``3`` for 3.0, ``2.5`` for 2.5."""
    return f"{value:g}"


def apply_kind(
    validations: Validations,
    cell: Cell,
    kind: str,
    choices: Sequence[str] = (),
    formula: str | None = None,
    title: str = "Choose",
) -> None:
    """Number format and validation for an input cell of a layout kind."""
    ref = cell.coordinate
    if kind == "money":
        cell.number_format = MONEY_FORMAT
        validations.money(ref)
    elif kind == "count":
        cell.number_format = COUNT_FORMAT
        validations.count(ref)
    elif kind == "number":
        validations.number(ref)
    elif kind == "share":
        cell.number_format = SHARE_FORMAT
        validations.share(ref)
    elif kind == "date":
        cell.number_format = DATE_FORMAT
        validations.date(ref)
    elif kind in ("yes_no", "choice", "lot") and (choices or formula):
        validations.choice(ref, choices, title, formula=formula)


def write_form(
    ws: Worksheet, fields: Iterable[layout.Field], values: dict[str, Any] | None = None
) -> Validations:
    """Label/value rows from ``layout.FORM_FIRST_ROW``: label in A, input in B, help in C."""
    values = values or {}
    validations = Validations(ws)
    for header, column in (("Question", 1), ("Your answer", 2), ("Notes", 3)):
        cell = put(ws.cell(row=layout.FORM_FIRST_ROW - 1, column=column), header)
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for row, fld in enumerate(fields, start=layout.FORM_FIRST_ROW):
        label = put(ws.cell(row=row, column=1), fld.label + (" *" if fld.required else ""))
        label.alignment = WRAP
        value = ws.cell(row=row, column=2)
        if fld.key in values and values[fld.key] is not None:
            put(value, values[fld.key])
        mark_input(value)
        apply_kind(validations, value, fld.kind, fld.choices, title=fld.label)
        if fld.note:
            put(ws.cell(row=row, column=3), fld.note).alignment = WRAP
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 60
    return validations


def write_headers(
    ws: Worksheet, columns: Sequence[layout.Column], row: int = layout.TABLE_HEADER_ROW
) -> None:
    """Bold shaded headers with the layout's column widths, frozen below the header row."""
    for index, column in enumerate(columns, start=1):
        cell = put(ws.cell(row=row, column=index), column.header)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def instructions_sheet(
    wb: Workbook,
    title: str,
    paragraphs: Sequence[str | tuple[str, ...]],
    name: str = layout.BID_INSTRUCTIONS,
) -> Worksheet:
    """A plain-English Instructions sheet: a title, then one paragraph (or table row) a line.

    A paragraph starting with ``## `` is a heading; a tuple is a row of a small table.
    """
    ws = wb.create_sheet(name, 0)
    put(ws.cell(row=1, column=1), title).font = TITLE_FONT
    row = 3
    for paragraph in paragraphs:
        if isinstance(paragraph, tuple):
            for column, value in enumerate(paragraph, start=1):
                cell = put(ws.cell(row=row, column=column), value)
                cell.alignment = WRAP
        elif paragraph.startswith("## "):
            row += 1
            put(ws.cell(row=row, column=1), paragraph[3:]).font = BOLD
        elif paragraph.startswith("#h "):
            for column, value in enumerate(paragraph[3:].split("|"), start=1):
                cell = put(ws.cell(row=row, column=column), value)
                cell.font = BOLD
                cell.fill = HEADER_FILL
        else:
            cell = put(ws.cell(row=row, column=1), paragraph)
            cell.alignment = WRAP
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
            # Merged cells do not grow to fit; give long paragraphs room to show.
            ws.row_dimensions[row].height = 15 * max(1, -(-len(paragraph) // 110))
        row += 1
    ws.column_dimensions["A"].width = 40
    for letter in "BCDE":
        ws.column_dimensions[letter].width = 18
    protect(ws)
    print_setup(ws)
    return ws


LINE_HEIGHT = 15.0  # points per line of 10–11 pt text
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def fit_row_heights(ws: Worksheet) -> None:
    """Give rows holding wrapped text the height their lines need.

    Excel grows such rows when it opens a file, but LibreOffice, previews and PDF printing use
    the stored height, so without this wrapped text overlaps the row below. The number of lines
    is estimated from the text length and the column width (one character per unit of width,
    a little less for bold headers); rows already given a height are left alone.
    """
    spans: dict[str, float] = {}
    for merged in ws.merged_cells.ranges:
        width = sum(_column_width(ws, col) for col in range(merged.min_col, merged.max_col + 1))
        spans[merged.start_cell.coordinate] = width
    # A cell's style is a row of ids into the workbook's lists of alignments and fonts; reading
    # those lists directly costs far less than ``cell.alignment``, which looks the style up
    # through descriptors for every cell.
    alignments, fonts = ws.parent._alignments, ws.parent._fonts
    needed: dict[int, int] = {}
    for (row, col), cell in ws._cells.items():
        value = cell._value
        if not isinstance(value, str):
            continue
        style = cell._style or _NO_STYLE
        if not alignments[style.alignmentId].wrap_text:
            continue
        width = spans.get(cell.coordinate) or _column_width(ws, col)
        chars = max(1.0, width * (0.95 if fonts[style.fontId].b else 1.2))
        lines = sum(max(1, math.ceil(len(part) / chars)) for part in value.split("\n"))
        if lines > needed.get(row, 1):
            needed[row] = lines
    grown = set()
    for row, lines in needed.items():
        dimension = ws.row_dimensions[row]
        if dimension.height is None:
            dimension.height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines)
            grown.add(row)
    # In a taller row, cells read best from the top (the default is the bottom edge). The new
    # style is worked out once per starting style and copied to the other cells that have it.
    done: dict[tuple[int, ...], StyleArray] = {}
    for (row, _), cell in ws._cells.items():
        if row not in grown:
            continue
        before = tuple(cell._style or _NO_STYLE)
        after = done.get(before)
        if after is not None:
            cell._style = copy(after)
            continue
        old = alignments[(cell._style or _NO_STYLE).alignmentId]
        if old.vertical is None:
            cell.alignment = Alignment(
                horizontal=old.horizontal,
                vertical="top",
                wrap_text=old.wrap_text,
                indent=old.indent,
                text_rotation=old.text_rotation,
                shrink_to_fit=old.shrink_to_fit,
            )
        done[before] = copy(cell._style)


_NO_STYLE = StyleArray()  # what a cell never styled reads as


def _column_width(ws: Worksheet, col: int) -> float:
    width = ws.column_dimensions[get_column_letter(col)].width
    return float(width) if width else 8.43
