"""A number format that draws words and no figure ('"TBC"', '"nil"', '"Excellent"') over a
number: Excel shows the words, the number is what was read and scored, and no one was told.
Now an error at the cell (``cell.shown_otherwise``), as a format showing figures of its own
is; only the section the number is shown in counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tendereval.io.cells import parse_number
from tendereval.io.checking import Checker
from tendereval.io.numformat import shows_words_only
from tendereval.io.raw import Cell

from .test_row_at_once import _bid, _checked

ACCOUNTING = r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)'


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        (198, '"TBC"', True),
        (5, '"nil"', True),
        (2, '[Blue]"Excellent"', True),  # a colour draws nothing; the word is all there is
        (-5, '0;"refund"', True),  # a negative is shown in the second section
        (5, '0;"refund"', False),  # a positive, in the first: 5
        (0, '0;0;"TBC"', True),  # zero in the third, which shows TBC for it
        (0, '0;0;"nil"', False),  # nil for a zero is the zero held
        (0, ACCOUNTING, False),  # the accounting formats' "$ -" for 0
        (500, '[>100]0;"small"', False),  # the condition met: 500
        (50, '[>100]0;"small"', True),  # not met: "small"
        (5, "General;-General", False),
        (5, "@", False),  # Excel's Text format shows a number held as it is
        (5, "0.00", False),
        (5, ";;;", False),  # shows nothing at all: cell.shows_nothing says so
    ],
)
def test_words_in_place_of_the_number(value: float, code: str, words: bool) -> None:
    assert shows_words_only(value, code) is words


def test_a_rate_and_an_uplift_showing_words_are_refused_at_their_cells(tmp_path: Path) -> None:
    # A rate of 198 shown as TBC, and (on the other row) an uplift of 5 (in a percentage column:
    # 5%) shown as nil, so 5% is not written anywhere the officer can see.
    bid = _bid((198, '"TBC"', 0.02, 1000), (12, "£#,##0.00", 0.03, 20))
    bid.prices[1]["uplift"] = Cell(5, bid.source, "Prices", "H7", '"nil"')
    rows, problems = _checked(tmp_path, bid)
    assert [r["unit_rate"] for r in rows] == [None, 12]
    assert problems == [
        (
            "cell.shown_otherwise",
            "G6: unit rate: the cell shows 'TBC' but holds 198: its number format shows words "
            "in its place and no figure, and what is read is what the cell holds, not what it "
            """shows | shows 'TBC', holds 198 (number format "TBC")""",
        ),
        (
            "cell.shown_otherwise",
            "H7: yearly uplift: the cell shows 'nil' but holds 5: its number format shows "
            "words in its place and no figure, and what is read is what the cell holds, not "
            """what it shows | shows 'nil', holds 5 (number format "nil")""",
        ),
    ]


def test_any_figure_read_through_the_checker_is_refused_so() -> None:
    # A score of 2 under "Excellent" (the scores and consensus read through Checker.value too).
    check = Checker()
    score = Cell(2, "scores/helen.xlsx", "Scores", "F5", '"Excellent"')
    assert check.value(score, parse_number, what="score") is None
    assert [(p.code, p.cell, p.found) for p in check.problems] == [
        ("cell.shown_otherwise", "F5", """shows 'Excellent', holds 2 (number format "Excellent")""")
    ]
    shown = Cell(2, "scores/helen.xlsx", "Scores", "F6", '0;"none"')
    assert check.value(shown, parse_number, what="score") == 2
    assert len(check.problems) == 1
