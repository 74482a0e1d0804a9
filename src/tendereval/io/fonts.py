"""Whether a cell's font lets the officer read what it holds: text drawn in (nearly) the colour
of the cell's background, white on white, or in a font too small to read (1 or 2 points).

A supplier can colour the 3% uplift white, or set it in 1-point type: the cell looks blank
(or shows a dot) to the officer who opens the file, and 3% is read and scored. The styles
part (``xl/styles.xml``) lists the fonts and fills; each cell format (``<xf>``) names one of
each by its index. The readers (io/xlsx.py, io/scan.py) hand the parsed ``<font>`` and
``<fill>`` elements to :func:`looks_of` once per distinct styles part, and
:func:`unseen_reason` says, once per cell format, why its text cannot be read ("" when it
can); io/unseen.py then names the cells read that hold something under such a format.

Colours are compared as Excel draws them: an ``rgb`` (its alpha ignored, as Excel does), one
of the legacy palette's first sixteen ``indexed`` colours (and the system's text and window
colours, 64 and 65; the workbook's own palette when its styles write one), ``auto`` (the
window's text colour, black), or a ``theme`` colour. Theme colours (Background 1 and 2,
Text 1 and 2, the six accents, the hyperlink colours) are drawn as the workbook's theme part
draws them (:func:`scheme_of`, :func:`painted`), with their tint (lighter or darker); without
a theme part, Background 1 and Text 1 are Office's white and black and the others are
compared with each other only (the same colour and tint are the same colour). A cell with no
fill is drawn on the window's white. Standard library only: the bid readers run in workers.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple
from xml.etree.ElementTree import Element

from tendereval.io.numformat import colour_for, colours_named
from tendereval.io.ooxml import tags

_COLOR = tags("color")
_SZ = tags("sz")
_STRIKE = tags("strike")
_PATTERN_FILL = tags("patternFill")
_FG_COLOR = tags("fgColor")
FONT = tags("font")
FILL = tags("fill")
DXF = tags("dxf")
# The workbook's own palette, when it changes Excel's: <colors><indexedColors><rgbColor rgb=…/>.
INDEXED_COLORS = tags("indexedColors")
_RGB_COLOR = tags("rgbColor")
LISTED = FONT | FILL | DXF | INDEXED_COLORS
CONTAINERS = tags("fonts", "fills", "dxfs", "colors")
_R_PR = tags("rPr")
_T = tags("t")
_BG_COLOR = tags("bgColor")
_NUM_FMT = tags("numFmt")

# Text whose colour has less contrast than this with its background (WCAG 2's ratio of
# lightness: 1 for the same colour, 21 for black on white; legible text needs 4.5) is lost on
# it: white on the template's pale yellow is 1.12, white on white darker 5% (F2F2F2) 1.12.
# Grey on white darker 15% (D9D9D9) is 1.41 and is seen, if faintly.
_LEAST_CONTRAST = 1.25
# Colours this far apart in a channel (of 255) differ in hue: yellow text on white has a
# contrast of 1.07, yet is seen.
_OTHER_HUE = 64
# Smaller than this (in points) text shows as a dot or a line: a line of text is about 11.
_SMALLEST_READ = 3.0
MAX_LISTED = 64_000  # fonts or fills looked at, as many as Excel's cell formats
_WHITE, _BLACK = "FFFFFF", "000000"
# The legacy palette (its first eight colours again as 8-15, which a number format's [Red]
# and [Color1] to [Color56] name), and the system's text (64) and window (65) colours: what
# Excel draws for them unless the workbook changes its palette.
_PALETTE = (_BLACK, _WHITE, "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF") * 2 + (
    "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
    "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
    "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
    "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
    "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696",
    "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
)  # fmt: skip
_SYSTEM = {64: _BLACK, 65: _WHITE}
_NAMES = {_WHITE: "white", _BLACK: "black"}
# The theme's colours, as a workbook without a theme part draws them: Background 1 and Text 1
# (theme colours 0 and 1: lt1, dk1) Office's white and black; Background 2, Text 2, the six
# accents and the two hyperlink colours (2 to 11) not known (compared only with themselves).
OFFICE: tuple[str | None, ...] = (_WHITE, _BLACK, *(None,) * 10)
_SCHEME_ENTRIES = (
    "lt1",
    "dk1",
    "lt2",
    "dk2",
    *(f"accent{n}" for n in range(1, 7)),
    "hlink",
    "folHlink",
)


class Font(NamedTuple):
    colour: str | None  # six hex digits, "theme n tint" (see _colour), or None: unknown
    size: float | None  # in points; None when not written (or not a number)
    struck: bool = False  # drawn struck through (<strike/>), as a crossed-out figure is


# Why a cell read is marked that can be read, but is drawn struck through: in a spreadsheet
# that is how a figure or answer is crossed out, and the officer may take it as withdrawn.
STRUCK = "it is struck through"


class Differential(NamedTuple):
    """What a conditional format's differential format (a ``<dxf>``) changes: its font (None
    when it leaves the cell's), the colour of its fill (None when it sets none, or one not
    compared), and its number format (None when it sets none)."""

    font: Font | None
    fill: str | None
    number_format: str | None


class Looks(NamedTuple):
    """The workbook's fonts and fills by index: each fill as the colour of the background it
    draws (None: a pattern or gradient, which is not compared); and its differential formats,
    which conditional formats apply."""

    fonts: tuple[Font, ...] = ()
    fills: tuple[str | None, ...] = ()
    differential: tuple[Differential, ...] = ()
    palette: tuple[str, ...] = ()  # the workbook's own legacy palette; () for Excel's
    scheme: tuple[str | None, ...] = ()  # its theme's colours, as painted (Office's for ())


NONE = Looks()


class UnseenFormat(str):
    """The number format of a cell format whose text cannot be read, or may not be, carrying
    why (:func:`unseen_reason`) and, for a format naming colours (``[White]0.00``), the
    colour of the background they are drawn on: the colour depends on the value's section,
    so :meth:`why` is asked with the value. The readers hand every cell its number format:
    this one reaches the cells under such a format at no cost to the others, and reads as
    the format it is."""

    __slots__ = ("background", "palette", "unseen")
    unseen: str
    background: str | None
    palette: tuple[str, ...]

    def __new__(
        cls, code: str, unseen: str, background: str | None = None, palette: tuple[str, ...] = ()
    ) -> UnseenFormat:
        made = super().__new__(cls, code)
        made.unseen = unseen
        made.background = background
        made.palette = palette or _PALETTE
        return made

    def __reduce__(self) -> tuple:
        return (UnseenFormat, (str(self), self.unseen, self.background, self.palette))

    def why(self, value: object) -> str:
        """Why ``value`` under this format cannot be read ("" when it can): a colour the
        format draws it in overrides the font's (Excel draws ``[Black]0.00`` black in a white
        font); type too small is too small in any colour."""
        if self.background is None or self.unseen.endswith("high") or not colours_named(self):
            return self.unseen
        index = colour_for(value, self)
        if index is None:
            return self.unseen
        colour = _drawn(self.palette, index)
        if not _alike(colour, self.background):
            return STRUCK if self.unseen == STRUCK else ""
        return (
            f"its number format draws it {_named(colour)}, which cannot be told from its "
            f"background ({_named(self.background)})"
        )


def unseen_format(
    looks: Looks, font_id: str | None, fill_id: str | None, code: str, on_fill: bool = False
) -> UnseenFormat | None:
    """The number format ``code`` of a cell format naming this font and fill, marked when
    its text cannot be read (:func:`unseen_reason`) or a colour it names may be lost on the
    fill (``[White]0.00`` on white), or, when ``on_fill`` (a conditional format sets a font
    colour: :func:`sets_text_colours`), when its fill is not white; None for the rest (nearly
    all)."""
    reason = unseen_reason(looks, font_id, fill_id)
    named = colours_named(code)
    if named or on_fill:
        background = background_of(looks, fill_id)
        if background is not None and (
            reason
            or any(_alike(_drawn(looks.palette, index), background) for index in named)
            or (on_fill and background != _WHITE)  # a conditional format's font is drawn on it
        ):
            return UnseenFormat(code, reason, background, looks.palette)
    return UnseenFormat(code, reason) if reason else None


def sets_text_colours(looks: Looks) -> bool:
    """Whether a differential format sets a colour text is drawn in (a font colour, or a
    number format naming one: ``[White]0.00``): its cells' fills are then kept with their
    number formats, for conditionally_hidden (io/unseen.py) to judge it on."""
    return any(
        (d.font is not None and d.font.colour is not None)
        or (d.number_format is not None and colours_named(d.number_format))
        for d in looks.differential
    )


def looks_of(elements: Iterable[Element]) -> Looks:
    """The fonts and fills among ``elements`` (the ``<font>`` children of ``<fonts>`` and the
    ``<fill>`` children of ``<fills>``, in the order written), at most :data:`MAX_LISTED` of
    each, their palette colours as the workbook's own palette draws them (its
    ``<indexedColors>``, written after them) or else as Excel's."""
    fonts: list[Font] = []
    fills: list[str | None] = []
    differential: list[Differential] = []
    palette: tuple[str, ...] = ()  # Excel's, unless the workbook writes its own
    for element in elements:
        if element.tag in FONT and len(fonts) < MAX_LISTED:
            fonts.append(_font(element))
        elif element.tag in FILL and len(fills) < MAX_LISTED:
            fills.append(_fill(element))
        elif element.tag in DXF and len(differential) < MAX_LISTED:
            differential.append(differential_of(element))
        elif element.tag in INDEXED_COLORS:
            palette = _palette(element)
    if not fonts and not fills and not differential:
        return NONE
    paint = _painted(palette)
    return Looks(
        tuple(font._replace(colour=paint(font.colour)) for font in fonts),
        tuple(paint(fill) for fill in fills),
        tuple(
            Differential(
                None if font is None else font._replace(colour=paint(font.colour)),
                paint(fill),
                code,
            )
            for font, fill, code in differential
        ),
        palette,
    )


def _drawn(palette: tuple[str, ...], index: int) -> str:
    """A number format's colour: one named in words (0 to 7) is Excel's own; [ColorN] (8 to
    63) is the workbook's palette's."""
    return _PALETTE[index] if index < 8 else (palette or _PALETTE)[index]


def _palette(colors: Element) -> tuple[str, ...]:
    """A workbook's own palette: its colours as written (64 at most), Excel's past them."""
    written = []
    for colour in colors:
        if colour.tag in _RGB_COLOR and len(written) < len(_PALETTE):
            rgb = _colour(colour)
            written.append(rgb if rgb is not None and len(rgb) == 6 else _PALETTE[len(written)])
    return tuple(written) + _PALETTE[len(written) :]


def _painted(palette: tuple[str, ...]):
    """``indexed n`` (a palette colour, see _colour) as ``palette`` draws it."""

    def paint(colour: str | None) -> str | None:
        if colour is None or not colour.startswith("indexed"):
            return colour
        return (palette or _PALETTE)[int(colour[8:])]

    return paint


def differential_of(dxf: Element) -> Differential:
    font = fill = code = None
    for child in dxf:
        if child.tag in FONT:
            font = _font(child, None)
        elif child.tag in FILL:
            pattern = next((c for c in child if c.tag in _PATTERN_FILL), None)
            # A differential fill's colour is its bgColor (a cell's, its fgColor); a program
            # that writes only fgColor (as for a cell) is taken at its word.
            colours = {c.tag in _BG_COLOR: c for c in (() if pattern is None else pattern)}
            colour = colours.get(True, colours.get(False))
            fill = _colour(colour) if colour is not None else None
        elif child.tag in _NUM_FMT:
            code = child.get("formatCode")
    return Differential(font, fill, code)


def rule_differential(
    looks: Looks, index: int | None, inline: Differential | None = None
) -> Differential | None:
    """The differential format a conditional format's rule applies, its colours as the
    workbook draws them: the one its ``dxfId`` names in the styles, or the one written
    inside the rule (``inline``: Excel 2010's rules, written in the sheet's extLst, carry
    their own); None for none."""
    if inline is not None:
        alone = Looks(differential=(inline,), palette=looks.palette)
        return painted(alone, looks.scheme or OFFICE).differential[0]
    if index is None or index >= len(looks.differential):
        return None
    return looks.differential[index]


def differential_colour(
    looks: Looks, differential: Differential | None, value: object, cell_fill: str = _WHITE
) -> tuple[bool, str]:
    """Whether ``differential`` sets a number format that draws ``value`` in a colour of its
    own (``[White]0.00``: Excel draws it in that colour, not the font's), and why it then
    cannot be read ("" when it can) on a cell filled ``cell_fill`` (its own fill, unless the
    format sets one)."""
    if differential is None:
        return False, ""
    _, fill, code = differential
    if code is None or not colours_named(code):
        return False, ""
    at = colour_for(value, code)
    if at is None:
        return False, ""
    colour, background = _drawn(looks.palette, at), fill or cell_fill
    if not _alike(colour, background):
        return True, ""
    return True, (
        f"sets the number format '{code}', which draws it {_named(colour)}: it cannot be told "
        f"from the background ({_named(background)})"
    )


def differential_reason(
    differential: Differential | None, cell_fill: str = _WHITE
) -> tuple[str, str | None]:
    """Why text under ``differential`` cannot be read ("" when it can) on a cell filled
    ``cell_fill`` (its own fill, unless the format sets one), and the number format it sets
    (None for none: whether it shows nothing depends on the value)."""
    if differential is None:
        return "", None
    font, fill, code = differential
    if font is not None:
        if font.size is not None and font.size < _SMALLEST_READ:
            return f"sets its text {font.size:g} point{'' if font.size == 1 else 's'} high", code
        background = fill or cell_fill
        if font.colour is not None and _alike(font.colour, background):
            return (
                f"colours its text {_named(font.colour)}, which cannot be told from the "
                f"background ({_named(background)})",
                code,
            )
    elif fill is not None and _alike(_BLACK, fill):  # on automatic text, black
        return f"fills the cell {_named(fill)}, on which automatic (black) text is lost", code
    return "", code


@lru_cache(maxsize=4096)
def unseen_reason(looks: Looks, font_id: str | None, fill_id: str | None) -> str:
    """Why text under the cell format naming this font and fill cannot be read, in words
    for the officer ("" when it can, or when the format names no font there is). Bids from
    one template share their fonts and fills: each pair is judged once."""
    return _unseen_reason(looks, font_id, fill_id)


def _unseen_reason(looks: Looks, font_id: str | None, fill_id: str | None) -> str:
    font = _at(looks.fonts, font_id)
    if font is None:
        return ""
    if font.size is not None and font.size < _SMALLEST_READ:
        return f"its text is {font.size:g} point{'' if font.size == 1 else 's'} high"
    background = _at(looks.fills, fill_id) if looks.fills else _WHITE
    if font.colour is None or background is None or not _alike(font.colour, background):
        return STRUCK if font.struck else ""
    return (
        f"its text ({_named(font.colour)}) cannot be told from its background "
        f"({_named(background)})"
    )


# A rich-text run: its text and its font (None: the run names none, and is drawn in the cell's).
Run = tuple[str, "Font | None"]


def runs_of(item: Element) -> tuple[Run, ...] | None:
    """The runs of a shared or inline string written in rich text (``<r><rPr>…</rPr><t>``),
    when one of them is drawn in a colour other than black or in type too small to read:
    those may be lost on some background. None for the rest (nearly every string)."""
    runs: list[Run] = []
    marked = False
    for run in item:
        if run.tag in _T:
            runs.append((run.text or "", None))
            continue
        texts = [t.text or "" for t in run if t.tag in _T]
        properties = next((child for child in run if child.tag in _R_PR), None)
        font = None if properties is None else _font(properties)
        if font is not None and (
            font.colour != _BLACK or (font.size is not None and font.size < _SMALLEST_READ)
        ):
            marked = True
        runs.append(("".join(texts), font))
    return tuple(runs) if marked else None


def runs_reason(
    runs: tuple[Run, ...],
    background: str | None,
    palette: tuple[str, ...] = _PALETTE,
    scheme: tuple[str | None, ...] = OFFICE,
) -> str:
    """Why part of a rich-text string cannot be read on ``background`` ("" when all can):
    what the officer sees of it, and what is drawn in the background's colour or too small."""
    seen, unseen, why = [], [], ""
    paint, theme = _painted(palette), _themed(scheme)
    for text, font in runs:
        lost = ""
        if font is not None:
            font = font._replace(colour=theme(paint(font.colour)))
            if font.size is not None and font.size < _SMALLEST_READ:
                lost = f"{font.size:g} point{'' if font.size == 1 else 's'} high"
            elif (
                font.colour is not None
                and background is not None
                and _alike(font.colour, background)
            ):
                lost = f"{_named(font.colour)} on its background ({_named(background)})"
        if lost and text.strip():
            unseen.append(text)
            why = why or lost
        else:
            seen.append(text)
    if not unseen:
        return ""
    return (
        f"of its text only {_quoted(''.join(seen))} can be seen: {_quoted(''.join(unseen))} "
        f"is drawn {why}"
    )


def _quoted(text: str) -> str:
    text = text.strip()
    return repr(text if len(text) <= 40 else text[:39] + "…")


def background_of(looks: Looks, fill_id: str | None) -> str | None:
    """The colour of the background a cell format naming this fill draws (None: a pattern
    or gradient, not compared)."""
    return _at(looks.fills, fill_id) if looks.fills else _WHITE


def _at(listed: tuple, index: str | None):
    text = (index or "0").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 6):
        return None
    number = int(text)
    return listed[number] if number < len(listed) else None


def _font(font: Element, colour: str | None = _BLACK) -> Font:
    """A font; with no colour of its own, ``colour`` (automatic: the window's text colour)."""
    size, struck = None, False
    for child in font:
        if child.tag in _COLOR:
            colour = _colour(child)
        elif child.tag in _SZ:
            size = _float(child.get("val"))
        elif child.tag in _STRIKE:  # <strike/> is on; val="0" (or "false") turns it off
            struck = (child.get("val") or "1").strip() not in ("0", "false")
    return Font(colour, size, struck)


def _fill(fill: Element) -> str | None:
    pattern = next((child for child in fill if child.tag in _PATTERN_FILL), None)
    if pattern is None:
        return None if len(fill) else _WHITE  # a gradient is not compared; nothing is no fill
    kind = (pattern.get("patternType") or "none").strip()
    if kind == "none":
        return _WHITE
    if kind != "solid":
        return None
    colour = next((child for child in pattern if child.tag in _FG_COLOR), None)
    # A solid fill with no colour is drawn black (Excel's default foreground).
    return _BLACK if colour is None else _colour(colour)


def _colour(element: Element) -> str | None:
    """Six hex digits, or ``theme n tint t`` for a theme colour other than Background 1 and
    Text 1; None when not understood."""
    rgb = (element.get("rgb") or "").strip().upper()
    if rgb:
        digits = rgb[-6:]
        return digits if len(rgb) in (6, 8) and all(c in "0123456789ABCDEF" for c in rgb) else None
    tint = _float(element.get("tint")) or 0.0
    if not -1.0 <= tint <= 1.0:
        return None
    indexed = _integer(element.get("indexed"))
    if indexed is not None:
        if indexed < len(_PALETTE):
            return f"indexed {indexed}"  # the workbook's palette may change it: looks_of
        return _SYSTEM.get(indexed)
    theme = _integer(element.get("theme"))
    if theme is not None:  # drawn as the workbook's theme draws it: painted()
        return f"theme {theme} tint {tint:g}"
    if (element.get("auto") or "").strip() in ("1", "true"):
        return _BLACK
    return None


def _tinted(colour: str, tint: float) -> str:
    """A colour lightened (tint above 0) or darkened (below) as Excel does, on its lightness
    (hue and saturation kept)."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in _channels(colour)))
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, lightness, saturation))


def scheme_of(colours: Element) -> tuple[str | None, ...]:
    """A theme's ``<a:clrScheme>`` as its twelve colours (see :data:`OFFICE`): each an
    ``<a:srgbClr val=…>`` or a system colour's ``<a:sysClr lastClr=…>``; Office's where not
    written or not understood."""
    found = dict(zip(_SCHEME_ENTRIES, OFFICE, strict=True))
    for entry in colours:
        name = entry.tag.rpartition("}")[2] if isinstance(entry.tag, str) else ""
        if name in found and len(entry):
            written = (entry[0].get("val") if entry[0].tag.endswith("srgbClr") else None) or (
                entry[0].get("lastClr")
            )
            rgb = (written or "").strip().upper()
            if len(rgb) == 6 and all(c in "0123456789ABCDEF" for c in rgb):
                found[name] = rgb
    return tuple(found[name] for name in _SCHEME_ENTRIES)


@lru_cache(maxsize=64)  # bids saved by one program share their fonts and fills, and theme
def painted(looks: Looks, scheme: tuple[str | None, ...] = OFFICE) -> Looks:
    """``looks`` with their theme colours drawn as ``scheme`` draws them (tinted)."""
    if looks is NONE:
        return looks
    paint = _themed(scheme)
    palette = _painted(looks.palette)
    return looks._replace(
        scheme=scheme,
        fonts=tuple(font._replace(colour=paint(font.colour)) for font in looks.fonts),
        fills=tuple(paint(fill) for fill in looks.fills),
        differential=tuple(
            Differential(
                None if font is None else font._replace(colour=paint(palette(font.colour))),
                paint(palette(fill)),
                code,
            )
            for font, fill, code in looks.differential
        ),
    )


def _themed(scheme: tuple[str | None, ...]):
    def paint(colour: str | None) -> str | None:
        if colour is None or not colour.startswith("theme"):
            return colour
        _, number, _, tint = colour.split()
        index = int(number)
        if index < len(scheme) and scheme[index] is not None:
            return _tinted(scheme[index], float(tint))  # type: ignore[arg-type]
        return colour

    return paint


def _alike(first: str, second: str) -> bool:
    """Whether text in one colour is lost on the other: the same, or as light (a contrast
    under :data:`_LEAST_CONTRAST`) and of a like hue (no channel :data:`_OTHER_HUE` apart:
    yellow on white is as light, yet seen)."""
    if first == second:
        return True
    if first.startswith("theme") or second.startswith("theme"):
        return False
    one, other = _channels(first), _channels(second)
    if any(abs(a - b) >= _OTHER_HUE for a, b in zip(one, other, strict=True)):
        return False
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05) < _LEAST_CONTRAST


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _luminance(channels: tuple[int, int, int]) -> float:
    """Relative luminance, as WCAG 2 defines it for its contrast ratio."""
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _named(colour: str) -> str:
    return _NAMES.get(colour) or (colour if colour.startswith("theme") else f"#{colour}")


def _float(text: str | None) -> float | None:
    try:
        number = float((text or "").strip())
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e6 else None  # not NaN, not huge


def _integer(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None
