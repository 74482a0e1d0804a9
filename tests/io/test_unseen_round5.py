"""What a bid return hides from the officer who opens it in Excel, round 5: a conditional
format whose number format names a colour (``[White]0.00``). Excel draws the figure in that
colour when the rule's condition holds, over the font's; before, only a conditional font
colour, a number format showing nothing, a dark fill and bars or icons were looked at, so
rates drawn white on white by ``[White]0.00`` were scored without a word."""

from __future__ import annotations

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color
from openpyxl.styles.numbers import NumberFormat

from tendereval.io import scan, xlsx
from tendereval.io.numformat import displayed, shows_pennies
from tendereval.io.tender import load_tender

from .test_reshaped_returns import FILLED, _rates, _tender
from .test_unseen_round2 import READING_PATHS
from .test_unseen_round3 import PRICES, _conditional, _differential, _problems, _reading
from .test_unseen_round4 import _padded, _rewritten, _theme_changed

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


# ---- Excel 2010's rules, written in the sheet's extLst ----------------------------------------

_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
_XM = "http://schemas.microsoft.com/office/excel/2006/main"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _x14_rule(inside: str, kind: str = "expression") -> bytes:
    """An Excel 2010 rule on G7:G8 in the sheet's extLst, as Excel writes one whose formula
    names another sheet: its differential format (``inside``) is written within it."""
    return (
        f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{_X14}">'
        f'<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="{_XM}">'
        f'<x14:cfRule type="{kind}" priority="1" id="{{00000000-0000-0000-0000-000000000001}}">'
        f'<xm:f>Organisation!$B$4&lt;&gt;""</xm:f>{inside}</x14:cfRule>'
        "<xm:sqref>G7:G8</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings>"
        "</ext></extLst>"
    ).encode()


def _with_x14(path, rule: bytes) -> None:
    _rewritten(path, PRICES, lambda data: data.replace(b"</worksheet>", rule + b"</worksheet>"))


_WHITE_FONT = f'<x14:dxf><font xmlns="{_MAIN}"><color rgb="FFFFFFFF"/></font></x14:dxf>'


@pytest.mark.parametrize("path_taken", READING_PATHS)
@pytest.mark.parametrize(
    ("inside", "kind", "why"),
    [
        (_WHITE_FONT, "expression", "colours its text white"),
        (  # the theme's Background 1: white in Office's theme
            f'<x14:dxf><font xmlns="{_MAIN}"><color theme="0"/></font></x14:dxf>',
            "expression",
            "colours its text white",
        ),
        (
            f'<x14:dxf><numFmt xmlns="{_MAIN}" numFmtId="200" formatCode="[White]0.00"/></x14:dxf>',
            "expression",
            "sets the number format '[White]0.00', which draws it white",
        ),
        (
            '<x14:iconSet iconSet="3Triangles" showValue="0"><x14:cfvo type="percent">'
            "<xm:f>0</xm:f></x14:cfvo></x14:iconSet>",
            "iconSet",
            "draws an icon set in place of the value",
        ),
    ],
)
def test_an_excel_2010_rule_that_can_hide_a_rate_is_a_warning(
    tmp_path, monkeypatch, path_taken, inside, kind, why
):
    """Before, only the rules in <conditionalFormatting> were read: Excel writes a rule whose
    formula names another sheet (here: when the legal name is filled in) in the sheet's
    extLst instead, with its own differential format, and it went unseen."""
    _reading(monkeypatch, path_taken)
    folder, path = _tender(tmp_path)
    _with_x14(path, _x14_rule(inside, kind))
    tender = load_tender(folder)
    assert _problems(tender) == HIDDEN
    assert tender.problems[1].message.startswith(
        f"G8 can show nothing in Excel: a conditional format on G7:G8 {why}"
    )
    assert _rates(tender) == FILLED


@pytest.mark.parametrize(
    "inside",
    [
        f'<x14:dxf><font xmlns="{_MAIN}"><color rgb="FFFF0000"/></font></x14:dxf>',  # red
        f'<x14:dxf><font xmlns="{_MAIN}"><color theme="1"/></font></x14:dxf>',  # Text 1
        "<x14:dxf/>",
    ],
)
def test_an_excel_2010_rule_that_shows_the_rate_is_no_problem(tmp_path, inside):
    folder, path = _tender(tmp_path)
    _with_x14(path, _x14_rule(inside))
    assert _problems(load_tender(folder)) == []


def test_an_excel_2010_rule_in_a_sheet_read_in_pieces_is_seen(tmp_path):
    folder, path = _tender(tmp_path)
    _with_x14(path, _x14_rule(_WHITE_FONT))
    _rewritten(path, PRICES, _padded)
    assert _problems(load_tender(folder)) == HIDDEN


# ---- The theme's accents -------------------------------------------------------------------------


def test_an_accent_in_a_conditional_format_is_drawn_as_the_theme_draws_it(tmp_path):
    folder, path = _tender(tmp_path)
    _theme_changed(path, {"accent2": "FFFFFF"})
    _conditional(path, "Prices", "G7:G8", _differential(font=Font(color=Color(theme=5))))
    assert _problems(load_tender(folder)) == HIDDEN


# ---- Struck through ------------------------------------------------------------------------------


def _fonts(path, sheet: str, fonts: dict[str, Font]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, font in fonts.items():
        book[sheet][ref].font = font
    book.save(path)


@pytest.mark.parametrize("path_taken", READING_PATHS)
def test_a_rate_struck_through_is_read_with_a_warning(tmp_path, monkeypatch, path_taken):
    """G8 (31) struck through, as a supplier crosses out a figure it withdraws: the officer
    reads it as withdrawn, and it was scored without a word."""
    _reading(monkeypatch, path_taken)
    folder, path = _tender(tmp_path)
    _fonts(path, "Prices", {"G8": Font(strike=True)})
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.struck_through", "bids/dover.xlsx › Prices › G8", False)]
    assert tender.problems[0].message == (
        "G8 is struck through in Excel, as a figure or answer crossed out is, but it holds "
        "'£31.00', which is read and counts"
    )
    assert _rates(tender) == FILLED


def test_what_cannot_be_read_at_all_is_said_as_that(tmp_path):
    """Struck through and white on white: it is not seen at all, which is the warning."""
    folder, path = _tender(tmp_path)
    _fonts(path, "Prices", {"G8": Font(strike=True, color="FFF2CC")})
    assert _problems(load_tender(folder)) == [
        ("cell.unseen_text", "bids/dover.xlsx › Prices › G8", False)
    ]


def test_strikethrough_turned_off_or_on_a_blank_cell_is_no_problem(tmp_path):
    folder, path = _tender(tmp_path)
    _fonts(path, "Prices", {"G8": Font(strike=False), "H8": Font(strike=True)})  # H8 blank
    assert _problems(load_tender(folder)) == []


def test_an_answer_struck_through_is_said(tmp_path):
    folder, path = _tender(tmp_path)
    _fonts(path, "Organisation", {"B4": Font(strike=True)})  # the legal name
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.struck_through", "bids/dover.xlsx › Organisation › B4", False)
    ]
    assert "'Dover Carers Trust'" in tender.problems[0].message


# ---- A rate shown rounded ----------------------------------------------------------------------


def _formatted(path, cells: dict[str, tuple[float, str]]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, (value, code) in cells.items():
        book["Prices"][ref].value = value
        book["Prices"][ref].number_format = code
    book.save(path)


def test_a_rate_shown_rounded_to_whole_pounds_is_a_warning(tmp_path):
    """G5 (L1's hours, £21.50) formatted to whole pounds: the officer who opens the bid sees
    £22, and £21.50 is scored (scores had this warning; rates had none)."""
    folder, path = _tender(tmp_path)
    _formatted(path, {"G5": (21.5, '"£"#,##0'), "G8": (31, '"£"#,##0')})
    tender = load_tender(folder)
    assert _problems(tender) == [("price.shown_rounded", "bids/dover.xlsx › Prices › G5", False)]
    assert tender.problems[0].message == (
        "unit rate: the cell shows £22 but holds 21.5, which is the rate used: its number "
        "format rounds it"
    )
    assert _rates(tender) == FILLED


@pytest.mark.parametrize(
    ("held", "number_format", "shown"),
    [
        (0.025, "0%", "3%"),  # a percentage: Excel holds the fraction
        (2.5, '0"%"', "3%"),  # a % in quotes: the cell holds percent points
    ],
)
def test_an_uplift_shown_rounded_is_a_warning_as_a_rate_is(tmp_path, held, number_format, shown):
    """H5 (L1's hours) holding 2.5% under a format showing whole percent: the officer who
    opens the bid sees 3%, and 2.5% a year is used, with no word (a rate so shown was
    warned of)."""
    folder, path = _tender(tmp_path)
    _formatted(path, {"H5": (held, number_format)})
    tender = load_tender(folder)
    assert _problems(tender) == [("price.shown_rounded", "bids/dover.xlsx › Prices › H5", False)]
    [warning] = tender.problems
    assert warning.message == (
        f"yearly uplift: the cell shows {shown} but holds 2.5%, which is the uplift used: its "
        "number format rounds it"
    )
    assert (warning.lot, warning.found) == ("L1", f"shows {shown}, holds 2.5%")
    assert tender.prices.filter(item="hours", lot="L1")["uplift"].to_list() == [0.025]


@pytest.mark.parametrize(
    ("held", "number_format"), [(0.025, "0.0%"), (0.03, "0%"), (2.5, '0.0"%"'), (0.025, "0.00%")]
)
def test_an_uplift_shown_as_held_is_no_problem(tmp_path, held, number_format):
    folder, path = _tender(tmp_path)
    _formatted(path, {"H5": (held, number_format)})
    assert _problems(load_tender(folder)) == []


def test_a_rate_within_half_a_penny_of_what_it_shows_is_no_problem(tmp_path):
    folder, path = _tender(tmp_path)
    _formatted(path, {"G5": (21.504, "£#,##0.00")})
    tender = load_tender(folder)
    assert _problems(tender) == []


def test_a_conditional_format_striking_a_rate_through_is_a_warning(tmp_path):
    folder, path = _tender(tmp_path)
    _conditional(path, "Prices", "G7:G8", _differential(font=Font(strike=True)))
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.conditionally_struck", f"bids/dover.xlsx › Prices › {ref}", False)
        for ref in ("G7", "G8")
    ]
    assert tender.problems[1].message == (
        "G8 can be struck through in Excel: a conditional format on G7:G8 strikes it through "
        "when its condition holds, as a figure crossed out is, but it holds '£31.00', which "
        "is read and counts"
    )


def test_a_rule_that_hides_a_rate_and_strikes_it_is_said_as_hiding_it(tmp_path):
    folder, path = _tender(tmp_path)
    _conditional(path, "Prices", "G7:G8", _differential(font=Font(strike=True, color="FFFFFF")))
    assert _problems(load_tender(folder)) == HIDDEN


@given(
    value=st.floats(min_value=0.0001, max_value=1e9, allow_nan=False),
    code=st.sampled_from(
        ["£#,##0.00", "0.00", "#,##0.000", '"£"#,##0.00_);("£"#,##0.00)', "0.00;[Red]-0.00"]
    ),
)
def test_a_format_said_to_show_pennies_shows_every_rate_within_half_a_penny(value, code):
    """The shortcut that spares each rate the rendering of its format (a tenth of the
    loading time) says no more than the rendering would: a rate under such a format is
    shown to within half a penny of what it holds."""
    assert shows_pennies(code)
    shown = float(displayed(value, code).replace(",", "").replace("£", ""))
    assert abs(shown - value) < 0.005 + 1e-9 * value
