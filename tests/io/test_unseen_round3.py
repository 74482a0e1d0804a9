"""What a bid return hides from the officer who opens it in Excel, round 3: figures and
answers drawn in their background's colour (white on white) or in type too small to read.
Each starts from the real template filled in (see test_reshaped_returns.py), changed with
openpyxl as a supplier's Excel would save it."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.formatting.rule import DataBarRule, IconSetRule, Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat

from tendereval.io import scan, xlsx
from tendereval.io.fonts import Font as Drawn
from tendereval.io.fonts import Looks, unseen_reason
from tendereval.io.numformat import displayed, hides_some, shows_nothing
from tendereval.io.tender import load_tender

from .test_reshaped_returns import FILLED, _rates, _tender

READING_PATHS = ["grammar", "elementtree", "streamed"]


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch):
    """Each test's styles read afresh, by the path it names (not remembered from another's)."""
    monkeypatch.setattr(xlsx, "_STYLES", {})
    monkeypatch.setattr(scan, "_SURROUNDINGS", {})


def _reading(monkeypatch, path_taken: str) -> None:
    if path_taken == "elementtree":
        monkeypatch.setattr(xlsx, "SCAN", False)
    elif path_taken == "streamed":
        monkeypatch.setattr(xlsx, "WHOLE_PART_BYTES", 0)


def _problems(tender) -> list[tuple[str, str, bool]]:
    return [(p.code, p.where, p.is_error) for p in tender.problems]


def _styled(path, sheet: str, cells: dict[str, tuple[Font, PatternFill | None]]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, (font, fill) in cells.items():
        book[sheet][ref].font = font
        if fill is not None:
            book[sheet][ref].fill = fill
    book.save(path)


@pytest.mark.parametrize("path_taken", READING_PATHS)
def test_a_rate_in_white_on_white_is_read_with_a_warning(tmp_path, monkeypatch, path_taken):
    """G8 (L2 visits, 31) coloured white on the template's pale yellow (FFF2CC, a contrast of
    1.12 where legible text needs 4.5): the officer sees a blank rate
    and the bid is scored on 31. A warning at the cell saying why it cannot be read and what
    it holds (cell.unseen_text); the rate is still read (it is the bid)."""
    _reading(monkeypatch, path_taken)
    folder, path = _tender(tmp_path)
    _styled(path, "Prices", {"G8": (Font(color="FFFFFF"), None)})
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.unseen_text", "bids/dover.xlsx › Prices › G8", False)]
    [problem] = tender.problems
    assert problem.message.startswith(
        "G8 cannot be read in Excel: its text (white) cannot be told from its background "
        "(#FFF2CC), but it holds "
    )
    assert "31" in problem.found
    assert _rates(tender) == FILLED


# A font and fill each, and whether text so drawn cannot be read.
DRAWN = [
    (Font(color="FFC000"), PatternFill("solid", fgColor="FFC000"), True),  # the fill's colour
    (Font(color="FFC108"), PatternFill("solid", fgColor="FFC000"), True),  # a shade off it
    (Font(color="FEFEFE"), PatternFill("solid", fgColor="FFFFFF"), True),
    (Font(color="FFFFFF"), PatternFill(), True),  # no fill: the window's white
    (Font(color="D9D9D9"), PatternFill(), False),  # grey, a contrast of 1.41: seen
    (Font(color="FFFF00"), PatternFill(), False),  # yellow on white, 1.07, but a hue
    (Font(color=Color(theme=0)), None, True),  # Background 1: white
    (Font(color=Color(theme=0, tint=-0.05)), None, True),  # white, darker 5%
    (Font(color=Color(theme=4)), PatternFill("solid", fgColor=Color(theme=4)), True),
    (Font(color=Color(indexed=9)), None, True),  # the palette's white
    (Font(size=1), None, True),
    (Font(size=2), None, True),
    (Font(color="000000"), PatternFill("solid", fgColor="FFC000"), False),
    (Font(color="FFFFFF"), PatternFill("solid", fgColor="1F4E78"), False),  # a header
    (Font(color=Color(theme=1)), None, False),  # Text 1: black
    (Font(color=Color(theme=0, tint=-0.5)), PatternFill(), False),  # darker 50%: grey
    (Font(color=Color(theme=4)), PatternFill("solid", fgColor=Color(theme=5)), False),
    (Font(color="FFFFFF"), PatternFill("darkGrid", fgColor="000000"), False),  # a pattern
    (Font(size=8), None, False),
]


def test_text_in_its_background_colour_or_too_small_to_read(tmp_path):
    """The table's cells that are read (A, C, D, F and G of rows 5 to 8: the Lot name and
    Unit columns are only shown) drawn each in one of the ways above, and the legal name
    (Organisation B4) in white on white: unseen where the text is drawn in (nearly) the
    colour of its background, or 1-2 points high; a colour the eye tells from the background
    (a white header on dark blue, grey text, yellow) or type of 8 points is no problem."""
    folder, path = _tender(tmp_path)
    refs = [f"{column}{row}" for row in (5, 6, 7, 8) for column in "ACDFG"]
    _styled(
        path,
        "Prices",
        {ref: (font, fill) for ref, (font, fill, _) in zip(refs[: len(DRAWN)], DRAWN, strict=True)},
    )
    _styled(path, "Organisation", {"B4": (Font(color="FFFFFF"), PatternFill())})
    tender = load_tender(folder)
    unseen = [ref for ref, (_, _, cannot) in zip(refs[: len(DRAWN)], DRAWN, strict=True) if cannot]
    assert _problems(tender) == [
        ("cell.unseen_text", "bids/dover.xlsx › Organisation › B4", False)
    ] + [("cell.unseen_text", f"bids/dover.xlsx › Prices › {ref}", False) for ref in unseen]
    assert tender.problems[0].found == (
        "'Dover Carers Trust' in B4, where its text (white) cannot be told from its "
        "background (white)"
    )
    assert _rates(tender) == FILLED


def test_blank_cells_in_white_are_no_problem(tmp_path):
    """A white font on empty cells (a template's spare rows) hides nothing."""
    folder, path = _tender(tmp_path)
    _styled(path, "Prices", {f"H{row}": (Font(color="FFFFFF"), None) for row in range(5, 30)})
    assert _problems(load_tender(folder)) == []


def test_cells_that_cannot_be_read_are_counted_past_twenty(tmp_path):
    """The whole table in white, uplifts filled in: its 24 filled cells that are read (A, C,
    D, F, G and H of rows 5 to 8; the Lot name and Unit columns are only shown) make 20
    warnings quoting a cell each and one counting 4 more."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    for row in (5, 6, 7, 8):
        book["Prices"][f"H{row}"] = 0.03
    book.save(path)
    white = (Font(color="FFFFFF"), None)
    _styled(path, "Prices", {f"{c}{r}": white for r in (5, 6, 7, 8) for c in "ABCDEFGH"})
    found = [p for p in load_tender(folder).problems if p.code == "cell.unseen_text"]
    assert len(found) == 21
    assert found[-1].message.startswith("4 more cells read on this sheet cannot be read")


_HEX = st.text("0123456789ABCDEF", min_size=6, max_size=6)


@settings(max_examples=50, deadline=None)
@given(ink=_HEX, paper=_HEX, size=st.sampled_from([None, 1.0, 2.5, 3.0, 11.0]))
def test_what_cannot_be_read_is_what_cannot_be_told_from_its_background(ink, paper, size):
    """Type under 3 points is never read; otherwise text in its background's colour never
    is, the rule is the same both ways (ink on paper, paper on ink), and colours of another
    hue (a channel 64 or more apart) are always told apart. A font the workbook does not
    list says nothing."""
    tiny = size is not None and size < 3
    reason = unseen_reason(Looks((Drawn(ink, size),), (paper,)), "0", "0")
    flipped = unseen_reason(Looks((Drawn(paper, size),), (ink,)), "0", "0")
    assert bool(unseen_reason(Looks((Drawn(ink, size),), (ink,)), "0", "0"))
    assert bool(reason) == bool(flipped)
    if tiny:
        assert reason.endswith("high")
    elif any(abs(int(ink[i : i + 2], 16) - int(paper[i : i + 2], 16)) >= 64 for i in (0, 2, 4)):
        assert reason == ""
    assert unseen_reason(Looks((Drawn(ink, size),), (paper,)), "1", "0") == ""


# ---- Conditional formats that hide a figure -----------------------------------------------------


def _conditional(path, sheet: str, sqref: str, rule) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet].conditional_formatting.add(sqref, rule)
    book.save(path)


def _differential(**changes) -> Rule:
    """A rule applying ``changes`` to every cell over 0 (a price is)."""
    rule = Rule(type="cellIs", operator="greaterThan", formula=["0"])
    rule.dxf = DifferentialStyle(**changes)
    return rule


@pytest.mark.parametrize("path_taken", READING_PATHS[:2])
def test_a_conditional_format_is_read_by_either_reader(tmp_path, monkeypatch, path_taken):
    """The sheet's conditional formats are in the part around its cells: read alike by the
    grammar's ElementTree parse of them and by ElementTree's of the whole part."""
    _reading(monkeypatch, path_taken)
    folder, path = _tender(tmp_path)
    _conditional(path, "Prices", "G8", _differential(font=Font(color="FFFFFF")))
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.conditionally_hidden", "bids/dover.xlsx › Prices › G8", False)
    ]


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        (lambda: _differential(font=Font(color="FFFFFF")), "colours its text white"),
        (
            lambda: _differential(numFmt=NumberFormat(numFmtId=200, formatCode=";;;")),
            "sets the number format ';;;', which shows nothing of it",
        ),
        (
            lambda: _differential(fill=PatternFill("solid", bgColor="FF111111")),
            "fills the cell #111111",  # as dark as the automatic text
        ),
        (
            lambda: DataBarRule(start_type="min", end_type="max", color="638EC6", showValue=False),
            "draws a data bar in place of the value",
        ),
        (
            lambda: IconSetRule("3Arrows", "percent", [0, 33, 67], showValue=False),
            "draws an icon set in place of the value",
        ),
    ],
)
def test_a_conditional_format_that_can_hide_a_rate_is_a_warning(tmp_path, rule, why):
    """A rule on G7:G8 (L2's rates, 22 and 31) that, when its condition holds (every price
    over 0), draws the figure white, or with ';;;', or on near-black, or replaces it with a
    data bar or icons: the officer sees blank cells or bars, and 22 and 31 are scored. A
    warning at each cell, naming the rule's range and what it does; the condition (a
    formula) is not worked out."""
    folder, path = _tender(tmp_path)
    _conditional(path, "Prices", "G7:G8", rule())
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("cell.conditionally_hidden", f"bids/dover.xlsx › Prices › {ref}", False)
        for ref in ("G7", "G8")
    ]
    assert tender.problems[1].message.startswith(
        f"G8 can show nothing in Excel: a conditional format on G7:G8 {why}"
    )
    assert "31" in tender.problems[1].found
    assert _rates(tender) == FILLED


@pytest.mark.parametrize(
    "rule",
    [
        lambda: _differential(font=Font(color="FF0000", bold=True)),  # red: seen
        lambda: _differential(fill=PatternFill("solid", bgColor="FFC7CE")),  # Excel's light red
        lambda: _differential(numFmt=NumberFormat(numFmtId=200, formatCode="0.0")),
        lambda: DataBarRule(start_type="min", end_type="max", color="638EC6"),  # and the value
    ],
)
def test_a_conditional_format_that_shows_the_figure_is_no_problem(tmp_path, rule):
    folder, path = _tender(tmp_path)
    _conditional(path, "Prices", "G5:G8", rule())
    assert _problems(load_tender(folder)) == []


def test_a_conditional_format_hiding_an_answer_is_a_warning(tmp_path):
    """The Organisation form's legal name (B4), drawn white by a rule on B1:B40."""
    folder, path = _tender(tmp_path)
    rule = Rule(type="expression", formula=["TRUE"])
    rule.dxf = DifferentialStyle(font=Font(color="FFFFFF"))
    _conditional(path, "Organisation", "B1:B40", rule)
    tender = load_tender(folder)
    hidden = [p for p in tender.problems if p.code == "cell.conditionally_hidden"]
    assert hidden[0].where == "bids/dover.xlsx › Organisation › B4"
    assert all(p.severity.name == "WARNING" for p in hidden)


# ---- Drawings over cells ------------------------------------------------------------------------

PRICES = "xl/worksheets/sheet4.xml"  # the template's Prices sheet
_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _text_box(first: tuple[int, int], last: tuple[int, int], text: str) -> str:
    """A text box anchored from the top left of cell ``first`` to the top left of cell
    ``last`` (row and column numbers from 0, as the file writes them), as Excel saves one."""
    (r1, c1), (r2, c2) = first, last
    return (
        f"<xdr:twoCellAnchor><xdr:from><xdr:col>{c1}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c2}"
        f"</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{r2}</xdr:row><xdr:rowOff>0</xdr:rowOff>"
        '</xdr:to><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="TextBox 1"/><xdr:cNvSpPr '
        'txBox="1"/></xdr:nvSpPr><xdr:spPr/><xdr:txBody><a:bodyPr/><a:p><a:r>'
        f"<a:t>{text}</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/>"
        "</xdr:twoCellAnchor>"
    )


def _drawn(path, anchors: str, drawing: bytes | None = None) -> None:
    """The Prices sheet given a drawing part holding ``anchors`` (or ``drawing`` as it is)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["xl/drawings/drawing1.xml"] = (
        drawing or (f'<xdr:wsDr xmlns:xdr="{_XDR}" xmlns:a="{_A}">{anchors}</xdr:wsDr>').encode()
    )
    rels = "xl/worksheets/_rels/sheet4.xml.rels"
    relationship = (
        f'<Relationship Id="rIdDrawn" Type="{_REL}/drawing" Target="../drawings/drawing1.xml"/>'
    ).encode()
    parts[rels] = parts.get(
        rels,
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b"</Relationships>",
    ).replace(b"</Relationships>", relationship + b"</Relationships>")
    parts[PRICES] = parts[PRICES].replace(
        b"</worksheet>", f'<drawing xmlns:r="{_REL}" r:id="rIdDrawn"/></worksheet>'.encode()
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/drawings/drawing1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize("path_taken", READING_PATHS)
def test_a_text_box_over_a_rate_is_read_with_a_warning(tmp_path, monkeypatch, path_taken):
    """A text box reading '21.00' anchored over G8 (L2 visits, which holds 31): the officer
    sees 21.00 and the bid is scored on 31. A warning at G8 quoting both."""
    _reading(monkeypatch, path_taken)
    folder, path = _tender(tmp_path)
    _drawn(path, _text_box((7, 6), (8, 7), "21.00"))
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.drawn_over", "bids/dover.xlsx › Prices › G8", False)]
    [problem] = tender.problems
    assert problem.message.startswith(
        "G8 is covered in Excel by a text box reading '21.00', but it holds '£31.00', which is "
        "read and counts"
    )
    assert _rates(tender) == FILLED


def test_drawings_beside_the_figures_are_no_problem(tmp_path):
    """A logo over the title rows (A1:C3), and a note beside the table (J5:L8): nothing read
    is under them."""
    folder, path = _tender(tmp_path)
    _drawn(path, _text_box((0, 0), (3, 3), "Dover Carers") + _text_box((4, 9), (8, 12), "Note"))
    assert _problems(load_tender(folder)) == []


def test_a_drawing_part_that_cannot_be_read_is_said_and_the_bid_read(tmp_path):
    folder, path = _tender(tmp_path)
    _drawn(path, "", drawing=b"<xdr:wsDr")
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.drawing_unreadable", "bids/dover.xlsx › Prices", False)]
    assert _rates(tender) == FILLED


# ---- Number formats whose conditions hide a figure ----------------------------------------------


@pytest.mark.parametrize(
    ("code", "value", "shown"),
    [
        ("[>=1000];0.00", 1500, ""),  # 1,000 or more: the first section, which draws nothing
        ("[>=1000];0.00", 15, "15.00"),  # else the second
        ("[<100]0.00;", 150, ""),
        ("[<100]0.00;", 15, "15.00"),
        ('[>=1000]"";#,##0.00', 1500, ""),
        ("[>100];[<0]-0;0.00", 500, ""),  # a third section for the rest
        ("[>100];[<0]-0;0.00", 50, "50.00"),
        ("[=0];0.00", 0, ""),
        ("[<>0];0.00", 31, ""),
    ],
)
def test_a_format_with_conditions_shows_the_section_whose_condition_holds(code, value, shown):
    """Worked by hand from Excel's rule: a section with a condition in brackets is used for
    the values meeting it; with two sections the second takes the rest, with three the
    third does. A price of 1,500 under '[>=1000];0.00' shows nothing in Excel."""
    assert displayed(value, code) == shown
    assert shows_nothing(value, code) == (shown == "")
    if shown == "":
        assert hides_some(code)


def test_a_rate_hidden_by_its_formats_condition_is_read_with_a_warning(tmp_path):
    """G8 (31) formatted '[>30];0.00': Excel shows nothing for rates over 30, so G8 looks
    blank while G7 (22) shows 22.00."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    for ref in ("G7", "G8"):
        book["Prices"][ref].number_format = "[>30];0.00"
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.shows_nothing", "bids/dover.xlsx › Prices › G8", False)]
    assert _rates(tender) == FILLED
