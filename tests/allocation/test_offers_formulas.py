"""A formula in an offers workbook whose result is not in the file, as a bid return's is read.

XlsxWriter (a commissioner's script making the offers table) calculates nothing: it saves 0
as each formula's result and asks Excel to work every formula out on opening
(``<calcPr fullCalcOnLoad="1"/>``). A bid return refuses such a cell
(``cell.formula_unsaved``); the offers table read it as blank without a word of why: a
package priced ``=SUM(...)`` was "The price is blank", and a subcontracted share ``=1/4``
was no share at all, the offer allocated as if nothing were subcontracted.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
from click.testing import CliRunner

from tendereval.allocation import read_offers
from tendereval.cli import cli
from tendereval.errors import Severity

HEADER = ["offer_id", "supplier", "lots", "price", "score", "sme", "vcse"]
ROWS = [
    ["A1", "Acme Ltd", "ASH", 1000, 70, "yes", "no"],
    ["B1", "Bob Care", "ASH", 1200, 65, "no", "no"],
    ["A2", "Acme Ltd", "CAN", 900, 60, "yes", "no"],
    ["P1", "Bob Care", "ASH;CAN", 1800, 140, "no", "no"],
]
# What a bid return's cell says of such a formula (io/checking.FORMULA_MESSAGE).
UNSAVED = (
    "holds a formula whose result is not in the file — the file was written by a program that "
    "does not calculate (it saved no result, or a placeholder and asks Excel to work every "
    "formula out on opening); open it in Excel and save it again"
)


def offers_workbook(
    path: Path,
    formulas: dict[str, str],
    *,
    header: list[str] = HEADER,
    result: float = 0,
    asks_again: bool = True,
) -> Path:
    """The offers table as XlsxWriter writes it, each cell of ``formulas`` (A1 reference →
    formula) a formula saved with ``result``; ``asks_again`` as XlsxWriter leaves it (every
    formula to be worked out on opening), or not, as Excel saves a workbook."""
    book = xlsxwriter.Workbook(path)
    if not asks_again:
        book.set_calc_mode("auto")
        book.calc_on_load = False  # as Excel saves: the saved results are Excel's own
    sheet = book.add_worksheet("Offers")
    for row, values in enumerate([header, *ROWS]):
        sheet.write_row(row, 0, values)
    for ref, formula in formulas.items():
        sheet.write_formula(ref, formula, None, result)
    book.close()
    return path


def test_a_package_price_given_as_a_formula_is_refused_at_its_cell_through_allocate(tmp_path):
    # P1's package price =SUM(1000,800) is £1,800 in Excel; the file holds 0.
    path = offers_workbook(tmp_path / "offers.xlsx", {"D5": "=SUM(1000,800)"})
    result = CliRunner().invoke(cli, ["allocate", str(path)])
    assert result.exit_code == 1, result.output
    said = f"Offers › D5: error: price: cell D5 {UNSAVED} (found a formula); expected a saved value"
    assert said in result.output
    # Said once, in the bid returns' words: not also as a price left blank.
    assert "The price is blank" not in result.output
    assert "nothing was allocated" in result.output


def test_the_problem_names_the_file_sheet_and_cell_with_the_bid_returns_code(tmp_path):
    path = offers_workbook(tmp_path / "offers.xlsx", {"D5": "=SUM(1000,800)"})
    frame, problems = read_offers(path)
    (problem,) = problems
    assert (problem.code, problem.file, problem.sheet, problem.cell, problem.severity) == (
        "cell.formula_unsaved",
        str(path),
        "Offers",
        "D5",
        Severity.ERROR,
    )
    assert (problem.found, problem.expected) == ("a formula", "a saved value")
    assert "P1" not in frame.get_column("offer_id").to_list()  # never priced at the 0 saved


def test_a_formula_in_an_optional_column_is_not_read_as_left_blank(tmp_path):
    # Blank, a share is none and a volume no volume: the offer went ahead on them in silence.
    header = [*HEADER, "sme_subcontract_share", "volume"]
    path = offers_workbook(tmp_path / "offers.xlsx", {"H2": "=1/4", "I3": "=40*30"}, header=header)
    _, problems = read_offers(path)
    assert [(p.code, p.cell) for p in problems] == [
        ("cell.formula_unsaved", "H2"),
        ("cell.formula_unsaved", "I3"),
    ]
    assert problems[0].message.startswith("sme subcontract share: cell H2 holds a formula")


def test_a_row_holding_only_formulas_is_not_skipped_as_blank(tmp_path):
    path = offers_workbook(
        tmp_path / "offers.xlsx",
        {f"{column}6": f'="{column}"' for column in "ABCDEFG"},
    )
    _, problems = read_offers(path)
    assert {(p.code, p.cell) for p in problems} == {
        ("cell.formula_unsaved", f"{column}6") for column in "ABCDEFG"
    }


def test_a_formula_in_a_column_the_offers_table_does_not_read_stops_nothing(tmp_path):
    header = [*HEADER, "notes"]
    path = offers_workbook(tmp_path / "offers.xlsx", {"H2": '="see email"'}, header=header)
    frame, problems = read_offers(path)
    assert problems == []
    assert frame.height == 4


def test_a_formula_whose_result_excel_saved_is_read(tmp_path):
    # Saved by a program that worked it out and does not ask again: £1,800 is what Excel shows.
    path = offers_workbook(
        tmp_path / "offers.xlsx", {"D5": "=SUM(1000,800)"}, result=1800, asks_again=False
    )
    frame, problems = read_offers(path)
    assert problems == []
    assert frame.filter(offer_id="P1").item(0, "price") == 1800


def helper_column(last_row: int = 200) -> dict[str, str]:
    """A "check" column H beside the table, its formula filled down past the data as a
    template's is (to row ``last_row``)."""
    return {
        f"H{row}": f'=IF(A{row}="","",IF(D{row}>0,"ok","price?"))' for row in range(2, last_row + 1)
    }


def test_rows_holding_only_a_helper_columns_formula_are_blank_rows(tmp_path):
    # Rows 6-200 hold nothing but the check column's formula, in a column the table does not
    # read: they were 195 offers with every field blank (805 errors, nothing allocated).
    header = [*HEADER, "check"]
    path = offers_workbook(tmp_path / "offers.xlsx", helper_column(), header=header)
    frame, problems = read_offers(path)
    assert problems == []
    assert frame.get_column("offer_id").to_list() == ["A1", "B1", "A2", "P1"]
    result = CliRunner().invoke(cli, ["allocate", str(path)])
    assert result.exit_code == 0, result.output


def test_a_formula_in_a_read_column_below_a_helper_column_is_still_refused(tmp_path):
    # Row 8's price is a formula Excel would show: the row is not blank, so it is reported
    # (its cell, and the fields it leaves blank), beside the helper column's rows, which are.
    header = [*HEADER, "check"]
    formulas = {**helper_column(), "D8": "=SUM(1000,800)"}
    path = offers_workbook(tmp_path / "offers.xlsx", formulas, header=header)
    _, problems = read_offers(path)
    assert ("cell.formula_unsaved", "D8") in [(p.code, p.cell) for p in problems]
    assert {p.cell[1:] for p in problems} == {"8"}


def test_a_heading_given_as_a_formula_is_refused_at_its_cell(tmp_path):
    # The price heading ="price" saved with no result: the table read it as no heading at all
    # and said "The offers table has no price column", though Excel shows "price" there.
    path = offers_workbook(tmp_path / "offers.xlsx", {"D1": '="price"'}, result=0)
    frame, problems = read_offers(path)
    assert [(p.code, p.sheet, p.cell, p.is_error) for p in problems] == [
        ("cell.formula_unsaved", "Offers", "D1", True)
    ]
    assert problems[0].message == f"column heading: cell D1 {UNSAVED}"
    assert frame.is_empty()
    result = CliRunner().invoke(cli, ["allocate", str(path)])
    assert result.exit_code == 1, result.output
    assert "no price column" not in result.output


def test_a_heading_given_as_a_formula_is_refused_in_an_optional_column_too(tmp_path):
    # A volume heading read as none left every offer's volume unread without a word.
    header = [*HEADER, "volume"]
    path = offers_workbook(tmp_path / "offers.xlsx", {"H1": '="volume"'}, header=header)
    _, problems = read_offers(path)
    assert [(p.code, p.cell) for p in problems] == [("cell.formula_unsaved", "H1")]


def test_a_heading_formula_whose_result_excel_saved_is_read(tmp_path):
    path = offers_workbook(
        tmp_path / "offers.xlsx", {"D1": '="price"'}, result="price", asks_again=False
    )
    frame, problems = read_offers(path)
    assert problems == []
    assert frame.filter(offer_id="P1").item(0, "price") == 1800
