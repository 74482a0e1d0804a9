"""What a bid return hides from the officer who opens it in Excel, round 4: the checks of
round 3 (test_unseen_round3.py) on a sheet padded past the size read in one go, colours a
number format draws, rich-text runs, and colours the workbook defines for itself. Each starts
from the real template filled in (see test_reshaped_returns.py)."""

from __future__ import annotations

import os
import zipfile

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import COLOR_INDEX, Color

from tendereval.io import scan, xlsx
from tendereval.io.numformat import colour_for
from tendereval.io.tender import load_tender

from .test_reshaped_returns import FILLED, _rates, _tender
from .test_unseen_round3 import (
    _REL,
    PRICES,
    _conditional,
    _differential,
    _drawn,
    _problems,
    _text_box,
)

ORGANISATION = "xl/worksheets/sheet2.xml"  # the template's Organisation form
_DEFAULT_PALETTE = [colour[2:] for colour in COLOR_INDEX]  # Excel's legacy palette


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch):
    monkeypatch.setattr(xlsx, "_STYLES", {})
    monkeypatch.setattr(scan, "_SURROUNDINGS", {})


def _rewritten(path, part: str, change) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _padded(data: bytes) -> bytes:
    """The part past 1 MB, by XML comments of random text after its rows (read by nobody,
    and not compressed away), so it is streamed in pieces."""
    padding = b"".join(b"<!--" + os.urandom(60).hex().encode() + b"-->" for _ in range(9_000))
    assert len(padding) > xlsx.WHOLE_PART_BYTES
    return data.replace(b"</sheetData>", b"</sheetData>" + padding)


# ---- A sheet padded past the size read in one go ------------------------------------------------

EXPECTED_PRICES = [
    ("cell.comment", "bids/dover.xlsx › Prices › G8", False),
    ("cell.conditionally_hidden", "bids/dover.xlsx › Prices › G7", False),
    ("cell.conditionally_hidden", "bids/dover.xlsx › Prices › G8", False),
    ("cell.drawn_over", "bids/dover.xlsx › Prices › G8", False),
]


def _hiding_prices(path) -> None:
    """G7:G8 drawn white by a conditional format, a comment on G8 and a text box over it."""
    _conditional(path, "Prices", "G7:G8", _differential(font=Font(color="FFFFFF")))
    book = openpyxl.load_workbook(path)
    book["Prices"]["G8"].comment = Comment("see the note", "Dover")
    book.save(path)
    _drawn(path, _text_box((7, 6), (8, 7), "21.00"))


def test_the_checks_hold_on_a_sheet_read_in_one_go(tmp_path):
    """What the padded sheets below must give, read whole."""
    folder, path = _tender(tmp_path)
    _hiding_prices(path)
    assert _problems(load_tender(folder)) == EXPECTED_PRICES


def test_a_sheet_padded_past_1_mb_is_checked_as_one_read_whole(tmp_path):
    """The Prices sheet padded past 1 MB (read in pieces): its conditional format (written
    after the rows) was not kept, so the white-on-white rates were scored without a word.
    The same warnings as the sheet read whole."""
    folder, path = _tender(tmp_path)
    _hiding_prices(path)
    _rewritten(path, PRICES, _padded)
    tender = load_tender(folder)
    assert _problems(tender) == EXPECTED_PRICES
    assert _rates(tender) == FILLED


def test_columns_written_many_times_do_not_crowd_out_the_rest(tmp_path):
    """A sheet may write <cols> any number of times: five of them before the rows of a
    padded sheet used to fill the five places kept for what a sheet hides, merges and
    draws, and the comment and text box over G8 (written after the rows) went unsaid."""
    folder, path = _tender(tmp_path)
    _hiding_prices(path)
    cols = b'<cols><col min="30" max="30" width="9" customWidth="1"/></cols>' * 5
    _rewritten(
        path, PRICES, lambda data: _padded(data.replace(b"<sheetData", cols + b"<sheetData", 1))
    )
    assert _problems(load_tender(folder)) == EXPECTED_PRICES


def test_a_form_padded_past_1_mb_with_a_row_far_below_is_checked(tmp_path):
    """The Organisation form's legal name (B4) drawn white by a conditional format on
    B1:B40, and the form padded past 1 MB with a row at 500: the form's reader stops at its
    last field (row 60), before the conditional format (written after the rows) was come
    by. It is read now, as on the form read whole."""
    folder, path = _tender(tmp_path)
    _conditional(path, "Organisation", "B4", _differential(font=Font(color="FFFFFF")))
    far = b'<row r="500"><c r="A500" t="inlineStr"><is><t>end</t></is></c></row></sheetData>'
    _rewritten(path, ORGANISATION, lambda data: _padded(data.replace(b"</sheetData>", far)))
    assert _problems(load_tender(folder)) == [
        ("cell.conditionally_hidden", "bids/dover.xlsx › Organisation › B4", False)
    ]


def test_a_form_damaged_after_its_rows_is_said_alike_read_whole_or_in_pieces(tmp_path):
    """What follows a padded form's rows is read now: a part broken there (its end cut off)
    is a damaged workbook, as it is when read whole; not a form read as if whole."""
    said = []
    far = b'<row r="500"><c r="A500" t="inlineStr"><is><t>end</t></is></c></row></sheetData>'
    for padded in (False, True):
        folder, path = _tender(tmp_path / str(padded))

        def broken(data: bytes, padded: bool = padded) -> bytes:
            data = data.replace(b"</sheetData>", far)
            return (_padded(data) if padded else data).replace(b"</worksheet>", b"")

        _rewritten(path, ORGANISATION, broken)
        said.append([(p.code, p.is_error) for p in load_tender(folder).problems])
    assert said[0] == said[1]
    assert ("sheet.unreadable", True) in said[1]


# ---- Colours a number format draws --------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "value", "colour"),
    [
        ("[White]0.00", 31, 1),  # Excel's white (index 1)
        ("[Color2]0.00", 31, 9),  # [Color2] is the palette's colour 9: white, unless changed
        ("[white]0.00", 31, 1),  # any case
        ("0.00;[White]-0.00", 31, None),  # white for negatives only
        ("0.00;[White]-0.00", -31, 1),
        ("0.00;0.00;[White]0", 0, 1),  # white for zero
        ("[>30][White]0.00;0.00", 31, 1),  # the first section: its condition holds
        ("[>30][White]0.00;0.00", 22, None),
        ("0.00;0.00;0.00;[White]@", "Dover", 1),  # text takes the fourth section
        ("[White]0.00", "Dover", None),  # text under a format with no text section
        ("[Red]0.00", 31, 2),
        ("[Color10]0.00", 31, 17),  # dark green (008000)
        ("0.00", 31, None),
    ],
)
def test_the_colour_a_number_format_draws_is_its_sections_for_the_value(code, value, colour):
    """Worked by hand from Excel's rule: each section may name a colour ([Red], or [ColorN],
    the palette's colour N + 7) that it draws its value in, whatever the font's colour."""
    assert colour_for(value, code) == colour


@pytest.mark.parametrize(
    ("code", "fill", "why"),
    [
        ("[White]0.00", None, "white, which cannot be told from its background (#FFF2CC)"),
        ("[Color2]0.00", None, "white, which cannot be told from its background (#FFF2CC)"),
        ("[Yellow]0.00", "FFFF00", "#FFFF00, which cannot be told from its background"),
        ("[Color19]0.00", "FFFFFF", "#FFFFCC, which cannot be told from its background"),
        ("[>30][White]0.00;0.00", None, "white, which cannot be told"),
    ],
)
def test_a_rate_a_number_format_draws_in_its_backgrounds_colour_is_a_warning(
    tmp_path, code, fill, why
):
    """G8 (L2 visits, 31) on the template's pale yellow, its number format drawing it white
    (or a colour of its fill): Excel shows a blank cell, and 31 is scored. A warning at G8
    saying which colour on which background."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["G8"].number_format = code
    if fill is not None:
        book["Prices"]["G8"].fill = PatternFill("solid", fgColor=fill)
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.unseen_text", "bids/dover.xlsx › Prices › G8", False)]
    assert tender.problems[0].message.startswith(
        f"G8 cannot be read in Excel: its number format draws it {why}"
    )
    assert _rates(tender) == FILLED


@pytest.mark.parametrize(
    ("code", "font"),
    [
        ("0.00;[White]-0.00", None),  # white for negatives: 31 is drawn in the font's black
        ("[>100][White]0.00;0.00", None),  # 31 is not over 100
        ("[Red]0.00", None),
        ("#,##0.00;[Red]-#,##0.00", None),  # Excel's own currency formats: on every bid
        ("[Black]0.00", Font(color="FFFFFF")),  # the format's black over the font's white
    ],
)
def test_a_number_format_colour_that_shows_the_rate_is_no_problem(tmp_path, code, font):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["G8"].number_format = code
    if font is not None:
        book["Prices"]["G8"].font = font
    book.save(path)
    assert _problems(load_tender(folder)) == []


# ---- Rich text: part of a cell's text lost ------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _rich(runs: list[tuple[str, str]]) -> bytes:
    """Rich-text runs as Excel writes them: (text, run properties) each."""
    return b"".join(
        f'<r>{f"<rPr>{props}</rPr>" if props else ""}<t xml:space="preserve">{text}</t>'
        "</r>".encode()
        for text, props in runs
    )


def _legal_name_in_rich_text(path, runs: list[tuple[str, str]], shared: bool) -> None:
    """The Organisation form's legal name (B4) written as rich-text ``runs``: inline in the
    cell, or (as Excel writes it) in the shared strings table."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = parts[ORGANISATION]
    start = sheet.index(b'<c r="B4"')
    end = sheet.index(b"</c>", start) + len(b"</c>")
    style = sheet[start:end].split(b's="')[1].split(b'"')[0].decode()
    if shared:
        cell = f'<c r="B4" s="{style}" t="s"><v>0</v></c>'.encode()
        parts["xl/sharedStrings.xml"] = (
            f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si>'.encode()
            + _rich(runs)
            + b"</si></sst>"
        )
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>",
            f'<Relationship Id="rIdStrings" Type="{_REL}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'.encode(),
        )
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    else:
        cell = f'<c r="B4" s="{style}" t="inlineStr"><is>'.encode() + _rich(runs) + b"</is></c>"
    parts[ORGANISATION] = sheet[:start] + cell + sheet[end:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize(
    ("props", "why"),
    [
        ('<color rgb="FFFFFFFF"/>', "white on its background (#FFF2CC)"),
        ('<sz val="1"/><color theme="1"/>', "1 point high"),
        ('<color theme="0"/>', "white on its background (#FFF2CC)"),
        ('<color rgb="FFFFF2CC"/><rFont val="Calibri"/>', "#FFF2CC on its background (#FFF2CC)"),
    ],
)
def test_part_of_an_answer_in_rich_text_lost_on_its_background_is_a_warning(
    tmp_path, shared, props, why
):
    """The legal name written 'Dover Carers' then ' Trust' in white (or in 1-point type) on
    the form's pale yellow: the officer reads 'Dover Carers', and 'Dover Carers Trust' is
    what is read. A warning at B4 quoting what is seen, what is lost, and what is read."""
    folder, path = _tender(tmp_path)
    _legal_name_in_rich_text(path, [("Dover Carers", ""), (" Trust", props)], shared)
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.unseen_text", "bids/dover.xlsx › Organisation › B4", False)]
    assert tender.problems[0].message == (
        "B4 cannot be read in Excel: of its text only 'Dover Carers' can be seen: 'Trust' is "
        f"drawn {why}, but it holds 'Dover Carers Trust', which is read and counts"
    )


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize(
    "props",
    [
        '<b/><color rgb="FFFF0000"/>',  # red, bold: seen
        '<sz val="11"/><color theme="1"/>',  # Text 1: black
        '<color rgb="FFFFFFFF"/>',  # white, but only spaces
    ],
)
def test_rich_text_all_of_which_is_seen_is_no_problem(tmp_path, shared, props):
    folder, path = _tender(tmp_path)
    text = "  " if "FFFFFFFF" in props else " Trust"
    _legal_name_in_rich_text(path, [("Dover Carers", ""), (text, props)], shared)
    assert _problems(load_tender(folder)) == []


# ---- A conditional format's font, on the cell's own fill ----------------------------------------


@pytest.mark.parametrize(
    ("rule_colour", "hidden"),
    [
        ("000000", True),  # black on the cell's black: lost (was judged on white: seen)
        ("111111", True),  # near-black on black
        ("FFFFFF", False),  # white on black: seen (was judged on white: lost)
        ("FF0000", False),
    ],
)
def test_a_conditional_formats_font_is_judged_on_the_cells_own_fill(tmp_path, rule_colour, hidden):
    """G8 (31) filled black and written in white, as a supplier may mark a figure: a
    conditional format colouring its text black draws black on black, and the officer sees
    a black cell while 31 is scored. Its font was compared with white (the window), not
    with the cell's fill: black was taken as seen, and white as lost."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["G8"].fill = PatternFill("solid", fgColor="000000")
    book["Prices"]["G8"].font = Font(color="FFFFFF")
    book.save(path)
    _conditional(path, "Prices", "G8", _differential(font=Font(color=rule_colour)))
    tender = load_tender(folder)
    expected = [("cell.conditionally_hidden", "bids/dover.xlsx › Prices › G8", False)]
    assert _problems(tender) == (expected if hidden else [])
    if hidden:
        assert "cannot be told from the background (black)" in tender.problems[0].message


# ---- The workbook's own palette -----------------------------------------------------------------


def _palette_changed(path, changes: dict[int, str]) -> None:
    """The workbook's styles given a palette of their own (<colors><indexedColors>): Excel's,
    with the colours at ``changes`` replaced, as Excel writes one changed in Options."""
    palette = list(_DEFAULT_PALETTE)
    for index, colour in changes.items():
        palette[index] = colour
    colors = (
        "<colors><indexedColors>"
        + "".join(f'<rgbColor rgb="FF{colour}"/>' for colour in palette)
        + "</indexedColors></colors>"
    ).encode()

    def added(styles: bytes) -> bytes:
        at = styles.find(b"<extLst")
        at = at if at >= 0 else styles.rindex(b"</styleSheet>")
        return styles[:at] + colors + styles[at:]

    _rewritten(path, "xl/styles.xml", added)


@pytest.mark.parametrize(
    ("font", "code", "changes", "hidden"),
    [
        # Blue (12) made the template's pale yellow: a blue rate is drawn on its own colour.
        (Font(color=Color(indexed=12)), "0.00", {12: "FFF2CC"}, True),
        (Font(color=Color(indexed=12)), "0.00", {}, False),  # Excel's blue: seen
        # The number format's [Color5] (12 too) on the same palette.
        (None, "[Color5]0.00", {12: "FFF2CC"}, True),
        (None, "[Blue]0.00", {12: "FFF2CC"}, False),  # a colour named in words is Excel's
        # The palette's white (9) made black: a font in it is seen on pale yellow.
        (Font(color=Color(indexed=9)), "0.00", {9: "000000"}, False),
        (Font(color=Color(indexed=9)), "0.00", {}, True),
    ],
)
def test_palette_colours_are_drawn_as_the_workbooks_palette_draws_them(
    tmp_path, font, code, changes, hidden
):
    """G8 (31) on the template's pale yellow, in a colour of the legacy palette (a font's
    indexed colour, a number format's [Blue] or [ColorN]): the workbook may change what the
    palette draws (its <indexedColors>), and colours were taken as Excel's own."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["G8"].number_format = code
    if font is not None:
        book["Prices"]["G8"].font = font
    book.save(path)
    if changes:
        _palette_changed(path, changes)
    expected = [("cell.unseen_text", "bids/dover.xlsx › Prices › G8", False)]
    assert _problems(load_tender(folder)) == (expected if hidden else [])


# ---- The workbook's theme -----------------------------------------------------------------------

THEME = "xl/theme/theme1.xml"


def _theme_changed(path, changes: dict[str, str]) -> None:
    """The theme's colours named (dk1, lt1, accent1, hlink…) written as ``changes`` give them."""

    def changed(theme: bytes) -> bytes:
        for name, colour in changes.items():
            start = theme.index(f"<a:{name}>".encode())
            end = theme.index(f"</a:{name}>".encode(), start)
            theme = theme[:start] + f'<a:{name}><a:srgbClr val="{colour}"/>'.encode() + theme[end:]
        return theme

    _rewritten(path, THEME, changed)


@pytest.mark.parametrize(
    ("font", "changes", "hidden"),
    [
        # Text 2 (theme colour 3, the theme's dk2) made the template's pale yellow.
        (Font(color=Color(theme=3)), {"dk2": "FFF2CC"}, True),
        (Font(color=Color(theme=3)), {}, False),  # Office's dark blue-grey: seen
        (Font(color=Color(theme=3, tint=0.4)), {"dk2": "FFF2CC"}, True),  # lighter still
        (Font(color=Color(theme=2)), {"lt2": "FFF0C8"}, True),  # Background 2, a shade off
        # Background 1 (theme colour 0, lt1) made black: a font in it is seen.
        (Font(color=Color(theme=0)), {"lt1": "000000"}, False),
        (Font(color=Color(theme=0)), {}, True),
        # Accent 1 (theme colour 4) made the pale yellow: before, an accent was compared only
        # with other theme colours, and the figure in it was scored unseen (round 5).
        (Font(color=Color(theme=4)), {"accent1": "FFF2CC"}, True),
        (Font(color=Color(theme=4)), {}, False),  # Office's blue: seen
        (Font(color=Color(theme=9, tint=0.8)), {"accent6": "FFE699"}, True),  # lightened onto it
        (Font(color=Color(theme=10)), {"hlink": "FFF2CC"}, True),  # the hyperlink colour
    ],
)
def test_theme_colours_are_drawn_as_the_workbooks_theme_draws_them(tmp_path, font, changes, hidden):
    """G8 (31) on the template's pale yellow, its font in a theme colour: the theme part
    (xl/theme/theme1.xml) says what Background 1 and 2 and Text 1 and 2 are, and they were
    taken as Office's white and black (Text 2 and Background 2 not compared at all)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["G8"].font = font
    book.save(path)
    if changes:
        _theme_changed(path, changes)
    expected = [("cell.unseen_text", "bids/dover.xlsx › Prices › G8", False)]
    assert _problems(load_tender(folder)) == (expected if hidden else [])


def test_a_theme_part_that_cannot_be_read_leaves_offices_colours(tmp_path):
    """A broken theme part hides no figure: its colours are taken as Office's, and the bid
    is read (a white font on the pale yellow is still said)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["G8"].font = Font(color=Color(theme=0))
    book.save(path)
    _rewritten(path, THEME, lambda theme: theme[: len(theme) // 2])
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.unseen_text", "bids/dover.xlsx › Prices › G8", False)]
    assert _rates(tender) == FILLED


def test_a_theme_whose_text_colour_is_the_fill_hides_every_answer(tmp_path):
    """Text 1 (dk1), the template's automatic text, made the pale yellow of the cells to
    fill in: every figure and answer typed in them is lost on them, and each is said (20 a
    sheet named, the rest counted)."""
    folder, path = _tender(tmp_path)
    _theme_changed(path, {"dk1": "FFF2CC"})
    unseen = [p.where for p in load_tender(folder).problems if p.code == "cell.unseen_text"]
    assert "bids/dover.xlsx › Prices › G5" in unseen
    assert "bids/dover.xlsx › Organisation › B4" in unseen
