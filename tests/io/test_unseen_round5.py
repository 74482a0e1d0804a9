"""What a bid return hides from the officer who opens it in Excel, round 5: a conditional
format whose number format names a colour (``[White]0.00``). Excel draws the figure in that
colour when the rule's condition holds, over the font's; before, only a conditional font
colour, a number format showing nothing, a dark fill and bars or icons were looked at, so
rates drawn white on white by ``[White]0.00`` were scored without a word."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.numbers import NumberFormat

from tendereval.io import scan, xlsx
from tendereval.io.tender import load_tender

from .test_reshaped_returns import FILLED, _rates, _tender
from .test_unseen_round3 import _conditional, _differential, _problems

HIDDEN = [
    ("cell.conditionally_hidden", f"bids/dover.xlsx › Prices › {ref}", False)
    for ref in ("G7", "G8")
]


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch):
    monkeypatch.setattr(xlsx, "_STYLES", {})
    monkeypatch.setattr(scan, "_SURROUNDINGS", {})


def _number_format(code: str, **changes) -> object:
    return _differential(numFmt=NumberFormat(numFmtId=200, formatCode=code), **changes)


@pytest.mark.parametrize(
    ("code", "drawn"),
    [
        ("[White]0.00", "white"),
        ("[Color2]0.00", "white"),  # the palette's white (index 9)
        ("0.00;[Red]-0.00;0.00;[White]@", None),  # text only: rates are numbers
        ("[White][>=30]0.00;0.00", "white"),  # 31 only: G8, a condition of its own
    ],
)
def test_a_conditional_number_format_drawing_a_rate_white_is_a_warning(tmp_path, code, drawn):
    """A rule on G7:G8 (L2's rates, 22 and 31) setting the number format ``code``: the
    rates it draws white are blank to the officer, and scored."""
    folder, path = _tender(tmp_path)
    _conditional(path, "Prices", "G7:G8", _number_format(code))
    tender = load_tender(folder)
    expected = HIDDEN if drawn and "[>=30]" not in code else HIDDEN[1:] if drawn else []
    assert _problems(tender) == expected
    if expected:
        hidden = tender.problems[-1]
        assert hidden.message.startswith(
            f"G8 can show nothing in Excel: a conditional format on G7:G8 sets the number "
            f"format '{code}', which draws it {drawn}"
        )
        assert "31" in hidden.found
    assert _rates(tender) == FILLED


@pytest.mark.parametrize(
    "rule",
    [
        # White on the rule's own black fill: seen.
        lambda: _number_format("[White]0.00", fill=PatternFill("solid", bgColor="FF000000")),
        # The number format's black is drawn over the rule's white font: seen.
        lambda: _number_format("[Black]0.00", font=Font(color="FFFFFF")),
        # Negative figures only are drawn white; the rates are positive.
        lambda: _number_format("0.00;[White]-0.00"),
    ],
)
def test_a_conditional_number_format_whose_colour_is_seen_is_no_problem(tmp_path, rule):
    folder, path = _tender(tmp_path)
    _conditional(path, "Prices", "G5:G8", rule())
    assert _problems(load_tender(folder)) == []


def test_white_on_a_cell_filled_dark_is_seen(tmp_path):
    """The cells' own fill is dark: a rule drawing their figures white shows them."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    for ref in ("G7", "G8"):
        book["Prices"][ref].fill = PatternFill("solid", fgColor="FF1F1F1F")
        book["Prices"][ref].font = Font(color="FFFFFFFF")
    book.save(path)
    _conditional(path, "Prices", "G7:G8", _number_format("[White]0.00"))
    assert _problems(load_tender(folder)) == []
