"""A conditional format's rule that gives a cell a number format of its own showing another
figure (Home › Conditional Formatting › New Rule › Format › Number): a rate of 27.5 shown
'£31.00', 180000 units shown '180', a score of 4 shown '2'. The same format on the cell is
an error (cell.shown_otherwise); under a rule every one was read with no problem. The rule's
condition is not worked out (it may not hold), so each is a warning at the cell naming the
rule's range and format, and the figure held is read and counts."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.formatting.rule import Rule
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat

from tendereval.errors import Severity
from tendereval.io.tender import load_tender

from ..example_copies import example_copy

WEALD = "bids/weald-carers-trust.xlsx"
HELEN = "scores/helen-marsh.xlsx"


def _with_rule(tmp_path: Path, workbook: str, sheet: str, sqref: str, code: str):
    """The carers example, with a rule on ``sqref`` that always holds (=TRUE) setting the
    number format ``code``."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / workbook)
    rule = Rule(type="expression", formula=["TRUE"])
    rule.dxf = DifferentialStyle(numFmt=NumberFormat(numFmtId=200, formatCode=code))
    book[sheet].conditional_formatting.add(sqref, rule)
    book.save(folder / workbook)
    return load_tender(folder)


@pytest.mark.parametrize(
    ("workbook", "sheet", "ref", "code", "shown", "how"),
    [
        (WEALD, "Prices", "G5", '"£31.00"', "£31.00", "shows figures other than the number"),
        (WEALD, "Social value", "C6", "#,##0,", "180", "shows figures other than the number"),
        (HELEN, "Scores", "F5", '"2"', "2", "shows figures other than the number"),
        (WEALD, "Prices", "G5", '"TBC"', "TBC", "shows words in its place and no figure"),
    ],
)
def test_a_rule_showing_another_figure_is_a_warning_at_the_cell(
    tmp_path: Path, workbook: str, sheet: str, ref: str, code: str, shown: str, how: str
) -> None:
    tender = _with_rule(tmp_path, workbook, sheet, ref, code)
    problems = [p for p in tender.problems if p.code == "cell.conditionally_shown_otherwise"]
    assert [(p.where, p.severity) for p in problems] == [
        (f"{workbook} › {sheet} › {ref}", Severity.WARNING)
    ]
    assert problems[0].message.startswith(
        f"{ref} can show '{shown}' in Excel: a conditional format on {ref} sets the number "
        f"format '{code}' when its condition holds, which {how}, but it holds "
    )
    assert [p.code for p in tender.problems] == ["cell.conditionally_shown_otherwise"]


def test_each_uplift_a_rule_covers_is_named_and_the_rates_still_count(tmp_path: Path) -> None:
    tender = _with_rule(tmp_path, WEALD, "Prices", "H5:H7", '"0.0%"')
    assert [(p.code, p.where) for p in tender.problems] == [
        ("cell.conditionally_shown_otherwise", f"{WEALD} › Prices › H{row}") for row in (5, 6, 7)
    ]
    assert "under a conditional format on H5:H7" in tender.problems[0].found
    # What the cells hold (2.5%) is read, as the warning says.
    weald = tender.prices.filter(supplier="Weald Carers Trust")
    assert weald["uplift"].to_list() == [0.025, 0.025, 0.025]


def test_a_rule_showing_the_figure_as_it_is_is_no_problem(tmp_path: Path) -> None:
    tender = _with_rule(tmp_path, WEALD, "Prices", "G5:G7", "£#,##0.00")
    assert tender.problems == []
