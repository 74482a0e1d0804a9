"""Formulas of a workbook that asks Excel to work every formula out on opening.

XlsxWriter (a supplier's pricing tool, a chair's moderation script) calculates nothing: it
saves 0 as each formula's result and sets ``<calcPr fullCalcOnLoad="1"/>`` in workbook.xml,
so Excel shows the formula's real result while the file holds the 0. Read as the figure, a
consensus of 3 written =ROUND(3,0) disqualified Hop Garden, Weald's uplifts =$J$2 (2.5%)
were 0%, and its units committed were 0, moving the award. Each such formula is now a
problem at its cell, as a formula with no saved result is; a workbook Excel saved (which
worked the formula out, and does not ask again) has its saved result read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import xlsxwriter

from tendereval.errors import Severity
from tendereval.io.tender import load_tender
from tendereval.io.xlsx import Workbook

from ..example_copies import example_copy

WEALD = "bids/weald-carers-trust.xlsx"
PRICES, SOCIAL_VALUE = "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml"
# The examples (made from tendereval's templates) do not ask for formulas to be worked out
# on opening (session 33: openpyxl's default did); a workbook that asks is made so here.
AS_TEMPLATES_SAVE = '<calcPr calcId="124519" fullCalcOnLoad="0" />'
ASKS_AGAIN = '<calcPr calcId="124519" fullCalcOnLoad="1" />'
AS_EXCEL_SAVES = '<calcPr calcId="191029"/>'


def _edit(path: Path, part: str, edit) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    text = parts[part].decode()
    changed = edit(text)
    assert changed != text, f"the edit changed nothing in {part}"
    parts[part] = changed.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _formulas(path: Path, part: str, cells: dict[str, str], saved: str = "0") -> None:
    """Each cell of ``cells`` (reference → formula) written as a formula whose saved result
    is ``saved``, as XlsxWriter writes one (its style kept)."""

    def edit(text: str) -> str:
        for ref, formula in cells.items():
            text = re.sub(
                rf'<c r="{ref}"( s="\d+")?[^>]*>.*?</c>',
                rf'<c r="{ref}"\1><f>{formula}</f><v>{saved}</v></c>',
                text,
                count=1,
            )
        return text

    _edit(path, part, edit)


def _asks_again(path: Path) -> None:
    """The workbook made to ask for every formula to be worked out on opening."""
    _edit(path, "xl/workbook.xml", lambda text: text.replace(AS_TEMPLATES_SAVE, ASKS_AGAIN))


def _problems_at(tender, code: str) -> list[tuple[str, Severity]]:
    return [(p.where, p.severity) for p in tender.problems if p.code == code]


def test_an_uplift_formula_saved_as_0_is_an_error_not_no_uplift(tmp_path: Path) -> None:
    # Weald's uplifts typed =$J$2 (2.5% in J2): read as the saved 0, its whole-life price
    # fell from £3,231,866.75 to £3,152,400.00 and nothing was said.
    folder = example_copy(tmp_path)
    cells = {f"H{row}": "$J$2" for row in (5, 6, 7)}
    _formulas(folder / WEALD, PRICES, cells)
    _asks_again(folder / WEALD)
    tender = load_tender(folder)
    assert _problems_at(tender, "cell.formula_unsaved") == [
        (f"{WEALD} › Prices › H{row}", Severity.ERROR) for row in (5, 6, 7)
    ]
    message = next(p.message for p in tender.problems if p.code == "cell.formula_unsaved")
    assert "a placeholder and asks Excel to work every formula out on opening" in message
    # No uplift is read (not 0%): the bid cannot be priced, and is not.
    assert tender.prices.filter(supplier="Weald Carers Trust")["uplift"].to_list() == [None] * 3


def test_a_formula_excel_worked_out_and_saved_is_read_as_saved(tmp_path: Path) -> None:
    # The same formulas saved by Excel (no fullCalcOnLoad): the result saved is what Excel
    # shows, and is read, with no problem.
    folder = example_copy(tmp_path)
    _formulas(folder / WEALD, PRICES, {f"H{row}": "$J$2" for row in (5, 6, 7)}, saved="0.025")
    _edit(
        folder / WEALD,
        "xl/workbook.xml",
        lambda text: text.replace(AS_TEMPLATES_SAVE, AS_EXCEL_SAVES),
    )
    tender = load_tender(folder)
    assert tender.problems == []
    weald = tender.prices.filter(supplier="Weald Carers Trust")
    assert weald["uplift"].to_list() == [0.025, 0.025, 0.025]


def test_a_formula_in_a_return_as_the_template_saves_it_is_read_as_saved(tmp_path) -> None:
    # A return filled in from the template by a program that kept its workbook.xml: the
    # template does not ask for formulas to be worked out again, so the result saved is read.
    folder = example_copy(tmp_path)
    _formulas(folder / WEALD, PRICES, {f"H{row}": "$J$2" for row in (5, 6, 7)}, saved="0.025")
    tender = load_tender(folder)
    assert tender.problems == []
    weald = tender.prices.filter(supplier="Weald Carers Trust")
    assert weald["uplift"].to_list() == [0.025, 0.025, 0.025]


def test_units_committed_as_formulas_saved_as_0_are_errors(tmp_path: Path) -> None:
    # Weald's units (3, 180000, 1200, 400) as =3 …: read as 0 units, the award moved.
    folder = example_copy(tmp_path)
    cells = {"C5": "3", "C6": "180000", "C7": "1200", "C8": "400"}
    _formulas(folder / WEALD, SOCIAL_VALUE, cells)
    _asks_again(folder / WEALD)
    tender = load_tender(folder)
    assert _problems_at(tender, "cell.formula_unsaved") == [
        (f"{WEALD} › Social value › {ref}", Severity.ERROR) for ref in cells
    ]


def test_a_consensus_and_a_score_saved_as_0_are_errors(tmp_path: Path) -> None:
    # Hop Garden's consensus of 3 for Q1 (Moderation › D9) written =ROUND(3,0) was read as 0
    # and disqualified the bid; Helen's score F5 written =2+2 counted as 0.
    folder = example_copy(tmp_path)
    _formulas(folder / "scores/moderation.xlsx", "xl/worksheets/sheet2.xml", {"D9": "ROUND(3,0)"})
    _formulas(folder / "scores/helen-marsh.xlsx", "xl/worksheets/sheet3.xml", {"F5": "2+2"})
    _asks_again(folder / "scores/moderation.xlsx")
    _asks_again(folder / "scores/helen-marsh.xlsx")
    tender = load_tender(folder)
    found = [(p.where, p.severity) for p in tender.problems]
    assert ("scores/moderation.xlsx › Moderation › D9", Severity.ERROR) in found
    assert ("scores/helen-marsh.xlsx › Scores › F5", Severity.ERROR) in found


def test_xlsxwriter_formulas_are_not_read_and_its_numbers_are(tmp_path: Path) -> None:
    # What XlsxWriter itself writes: the formula's saved 0 is no value; a number typed is.
    path = tmp_path / "written.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Prices")
    sheet.write_number("A1", 0.025)
    sheet.write_formula("B1", "=$A$1")
    sheet.write_formula("C1", '="text"')
    book.close()
    with Workbook(path) as workbook:
        assert workbook.recalculated
        (_, cells), *_ = workbook.rows("Prices")
        assert [workbook.value(cells[col]) for col in (1, 2, 3)] == [
            (0.025, "General", False),
            (None, "General", True),
            (None, "General", True),
        ]
        assert workbook.values_at(cells, [1, 2], (None, "General", False)) == [
            (0.025, "General", False),
            (None, "General", True),
        ]
        assert workbook.text(cells[3]) is None
