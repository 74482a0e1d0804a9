"""What a number format makes a cell show, as far as telling what the officer sees apart from
what is scored.

A number format can hold text of its own: ``"£27.50"`` (in quotes), ``\\2`` (one escaped
character) or ``[$27-809]`` (a currency symbol). Such a format can make a cell holding 0.0275
show £27.50 in Excel while 0.0275 is what is read and scored. :func:`shows_own_digits` says
whether a format shows digits that do not come from the number; :func:`displayed` renders a
number roughly as Excel would (sections, literal text, decimals, thousands separators,
percent), so a problem can quote what the cell shows beside what it holds.

Standard library only: the bid readers use it in worker processes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

# A format's parts: quoted text, an escaped character, a [bracketed] code, _x (a space as wide
# as x), *x (x repeated to fill), or any other single character.
_TOKEN = re.compile(r'"[^"]*"?|\\.|\[[^\]]*\]?|_.|\*.|.', re.DOTALL)
_PLACEHOLDERS = frozenset("0#?")


@lru_cache(maxsize=1024)
def shows_own_digits(code: str) -> bool:
    """Whether any section of the format shows a digit of its own (in quotes, escaped, or in
    a currency code), which the number itself did not give."""
    if not any(ch.isdigit() for ch in code):
        return False
    return any(any(ch.isdigit() for ch in text) for text in _literals(code))


@lru_cache(maxsize=1024)
def shows_other_figures(code: str) -> bool:
    """Whether a cell under this format shows figures other than the number it holds: digits
    of its own (:func:`shows_own_digits`), a comma after the last digit, which shows the
    number in thousands ("#,##0.00," shows 27500 as 27.50), or a second % sign: each one
    multiplies by a hundred ("0%%" shows 0.0003 as 3%%, which reads as 3% where 0.03% is
    held). One % is a percentage as the template asks for it."""
    return shows_own_digits(code) or any(_scaled(_TOKEN.findall(s)) for s in _sections(code))


def _scaled(tokens: list[str]) -> bool:
    """Whether a section's tokens show the number scaled other than as a percentage: by a
    thousand for a trailing comma, by ten thousand or more for two % signs."""
    return bool(_commas(tokens)[1]) or tokens.count("%") > 1


def shows_words_only(value: float, code: str) -> bool:
    """Whether a cell holding the number ``value`` under format ``code`` shows text of the
    format's own and no figure: the section Excel shows the number in (by its sign, or its
    condition) draws something but has no digit placeholder (0, # or ?), no General and no
    @, so a rate of 198 under ``"TBC"`` shows TBC and an uplift of 5% under ``"nil"`` shows
    nil. A section that draws nothing is :func:`shows_nothing`'s; a zero shown as a dash or
    as nil in the zero section (the accounting formats' ``"-"``) shows the figure it holds."""
    section, _ = _section_for(value, _sections(code))
    return _words_only(section) and not (value == 0 and _says_zero(section))


@lru_cache(maxsize=1024)
def _words_only(section: str) -> bool:
    tokens = _TOKEN.findall(section)
    if any(token in _PLACEHOLDERS or token == "@" for token in tokens):
        return False
    # General spelled out in a section ("General;-General") shows the number as it is.
    bare = "".join(token for token in tokens if len(token) == 1)
    return "general" not in bare.casefold() and not _draws_nothing(section)


# What a zero section may show for 0 and still show the figure held: a dash, or nil in words
# (and a currency sign beside it).
_ZERO_WORDS = frozenset({"-", "–", "—", "nil", "none", "zero"})


@lru_cache(maxsize=256)
def _says_zero(section: str) -> bool:
    drawn = "".join(
        _literal(token) or token
        for token in _TOKEN.findall(section)
        if token[0] not in "_*[" or token.startswith("[$")
    )
    # A currency sign beside the dash ("£ -", as the accounting formats show 0) says nothing.
    words = "".join(ch for ch in drawn if unicodedata.category(ch) != "Sc")
    return words.strip().casefold() in _ZERO_WORDS


@lru_cache(maxsize=1024)
def shows_percent(code: str) -> bool:
    """Whether the format shows a number as a percentage, multiplied by a hundred (``0.0%``
    shows 0.025 as 2.5%): a % of its own in the first section, not in quotes or after a
    backslash (``0.0"%"`` and ``0.0\\%`` only write the sign beside the number as it is)."""
    return "%" in _TOKEN.findall(_sections(code)[0])


@lru_cache(maxsize=1024)
def hides_some(code: str) -> bool:
    """Whether the format shows nothing at all for some values: a section for numbers
    (positive, negative or zero) or for text that draws no character (``;;;`` hides every
    value, ``0.00;;`` negatives and zeros). Most formats hide nothing: cells under them are
    never looked at one by one."""
    sections = _sections(code)
    return any(_draws_nothing(section) for section in sections[:4])


def shows_nothing(value: object, code: str) -> bool:
    """Whether a cell holding ``value`` (a number or text) under format ``code`` shows
    nothing in Excel. A number takes the section for its sign (the first for positive
    numbers, and for all when there is one section; the second for negatives; the third for
    zero); text takes the fourth section, and shows as typed when there is none. A format
    with conditions (``[>100]``) is said to hide a number only when every section does."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return False
    sections = _sections(code)
    if isinstance(value, str):
        return len(sections) > 3 and _draws_nothing(sections[3])
    if any(_CONDITION.search(section) for section in sections[:3]):
        chosen = _conditional_section(value, sections)
        if chosen is not None:
            return _draws_nothing(sections[chosen])
        return all(_draws_nothing(section) for section in sections[:3])
    if value < 0 and len(sections) > 1:
        return _draws_nothing(sections[1])
    if value == 0 and len(sections) > 2:
        return _draws_nothing(sections[2])
    return _draws_nothing(sections[0])


_CONDITION = re.compile(r"\[[<>=]")
_CONDITION_OF = re.compile(r"\[(<=|>=|<>|<|>|=)[ ]*(-?[0-9]{1,15}(?:\.[0-9]{1,15})?)\]")
_TESTS = {
    "<": float.__lt__,
    ">": float.__gt__,
    "=": float.__eq__,
    "<=": float.__le__,
    ">=": float.__ge__,
    "<>": float.__ne__,
}


def _conditional_section(value: float, sections: tuple[str, ...]) -> int | None:
    """Which section of a format with conditions (``[>=1000];0.00``) Excel shows a number
    in: the first whose condition it meets; else, of two sections, the second, and of three
    (the second with a condition of its own), the third. None for a shape not worked out
    here (the caller then says it hides the number only when every section does)."""
    conditions = [_CONDITION_OF.search(section) for section in sections[:2]]
    if conditions[0] is None:
        return None
    number = float(value)
    if _TESTS[conditions[0].group(1)](number, float(conditions[0].group(2))):
        return 0
    if len(sections) == 2 and conditions[1] is None:
        return 1
    if len(sections) >= 2 and conditions[1] is not None:
        if _TESTS[conditions[1].group(1)](number, float(conditions[1].group(2))):
            return 1
        return 2 if len(sections) >= 3 else None
    return None


@lru_cache(maxsize=1024)
def _draws_nothing(section: str) -> bool:
    """Whether a section draws no character: no placeholder, no ``@``, no text of its own
    but spaces; only colours, conditions, spacing (``_x``) and space fills (``* ``)."""
    for token in _TOKEN.findall(section):
        first = token[0]
        if first == "[":
            if token.startswith("[$") and _literal(token).strip():
                return False  # a currency symbol
        elif first == "_":
            continue
        elif first == "*" or first == "\\":
            if token[1:].strip():
                return False
        elif first == '"':
            if token.strip('"').strip():
                return False
        elif token.strip():  # a placeholder, @, a date code, a sign: something is drawn
            return False
    return True


def _commas(tokens: list[str]) -> tuple[bool, int]:
    """What a section's commas do: whether one groups thousands (a digit follows it before
    the decimal point), and how many divide the number by a thousand each (none follows)."""
    grouped, scale = False, 0
    seen_digit = False
    for at, token in enumerate(tokens):
        if token in _PLACEHOLDERS:
            seen_digit = True
        elif token == "," and seen_digit:
            following = next((t for t in tokens[at + 1 :] if t in _PLACEHOLDERS or t == "."), "")
            if following in _PLACEHOLDERS:
                grouped = True
            else:
                scale += 1
    return grouped, scale


def _literals(code: str) -> list[str]:
    found = []
    for token in _TOKEN.findall(code):
        literal = _literal(token)
        if literal:
            found.append(literal)
    return found


def _literal(token: str) -> str:
    """The text a token shows of its own ("" for a placeholder or a code)."""
    if token.startswith('"'):
        return token.strip('"')
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("[$"):  # [$£-809]: the symbol before the locale code
        return token[2:].rstrip("]").split("-", 1)[0]
    return ""


# The colours a section can name: [Red], and [Color1] to [Color56] (io/fonts.py draws them).
_COLOUR_OF = re.compile(
    r"\[(black|blue|cyan|green|magenta|red|white|yellow|color ?([1-9][0-9]?))\]", re.IGNORECASE
)
# A colour named in words is Excel's own (the palette's fixed first eight, 0 to 7); [ColorN] is
# the workbook's palette colour N + 7, which the workbook may change.
_NAMED_COLOURS = {
    "black": 0,
    "white": 1,
    "red": 2,
    "green": 3,
    "blue": 4,
    "yellow": 5,
    "magenta": 6,
    "cyan": 7,
}


@lru_cache(maxsize=1024)
def colours_named(code: str) -> tuple[int, ...]:
    """The palette colours (their indexes) the format's sections name: ``[White]0.00`` names
    1 (Excel's white), ``[Color2]`` 9 (the palette's white, unless the workbook changes it);
    most formats name none."""
    if "[" not in code:
        return ()
    return tuple(
        found for token in _TOKEN.findall(code) if (found := _palette_index(token)) is not None
    )


def _palette_index(token: str) -> int | None:
    found = _COLOUR_OF.fullmatch(token)
    if found is None:
        return None
    number = found.group(2)
    if number is None:
        return _NAMED_COLOURS[found.group(1).casefold()]
    return int(number) + 7 if int(number) <= 56 else None


def colour_for(value: object, code: str) -> int | None:
    """The palette colour (its index: 0 to 7 for a colour named in words, 8 to 63 for
    [ColorN]) a cell holding ``value`` (a number or text)
    is drawn in by the section of ``code`` Excel shows it in, or None when that section
    names none (the font's colour is then drawn). Text takes the fourth section's colour;
    a number, the section :func:`displayed` chooses."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    sections = _sections(code)
    if isinstance(value, str):
        if len(sections) < 4:
            return None
        section = sections[3]
    else:
        section = _section_for(value, sections)[0]
    return next(
        (
            found
            for token in _TOKEN.findall(section)
            if (found := _palette_index(token)) is not None
        ),
        None,
    )


def _section_for(value: float, sections: tuple[str, ...]) -> tuple[str, float]:
    """The section Excel shows a number in, and the number it shows (a negative section
    shows its own sign)."""
    chosen = _conditional_section(value, sections) if _conditional(sections) else None
    if chosen is not None:
        return sections[chosen], value
    if value < 0 and len(sections) > 1:
        return sections[1], -value
    if value == 0 and len(sections) > 2:
        return sections[2], value
    return sections[0], value


@lru_cache(maxsize=1024)
def _conditional(sections: tuple[str, ...]) -> bool:
    """Whether a condition ([<0], [>=100]) chooses the section a number is shown in."""
    return any(_CONDITION.search(section) for section in sections[:3])


@lru_cache(maxsize=256)
def shows_pennies(code: str) -> bool:
    """Whether a format shows every positive number to at least two decimal places, as it is
    (no condition choosing a section, nothing scaled by a thousand or a hundred): a money
    cell under it shows its pounds and pence, and need not be looked at one by one."""
    sections = _sections(code)
    if sections[0].casefold() == "general" or any(_CONDITION.search(s) for s in sections[:3]):
        return False
    tokens = _TOKEN.findall(sections[0])
    placeholders = [t for t in tokens if t in _PLACEHOLDERS or t in ".,%"]
    if "%" in placeholders or _commas(tokens)[1] or "." not in placeholders:
        return False
    after = placeholders[placeholders.index(".") + 1 :]
    return sum(t in _PLACEHOLDERS for t in after) >= 2


def displayed(value: float, code: str) -> str:
    """``value`` as a cell with number format ``code`` shows it (roughly: enough to quote)."""
    sections = _sections(code)
    if sections[0].casefold() == "general":
        return f"{value:g}"
    section, value = _section_for(value, sections)
    pieces, decimals, grouped, scale = _shape(section)
    if None not in pieces:  # a section of text only ('"n/a"'): no number to write
        return "".join(pieces)  # type: ignore[arg-type]
    number = _fixed(value * scale[0] / scale[1], decimals, grouped)
    return "".join(number if piece is None else piece for piece in pieces)


@lru_cache(maxsize=1024)
def _shape(section: str) -> tuple[tuple[str | None, ...], int, bool, tuple[int, int]]:
    """How :func:`displayed` writes a number in ``section``, worked out once per section (a
    bid's every uplift is shown under the same format): what it writes in order (None where
    the number goes, at its first digit placeholder, point or comma), the decimal places,
    whether thousands are grouped, and what the number is multiplied then divided by (a
    hundred for each %, a thousand for each comma scaling it)."""
    tokens = _TOKEN.findall(section)
    placeholders = [t for t in tokens if t in _PLACEHOLDERS or t in ".,%"]
    decimals = 0
    if "." in placeholders:
        decimals = sum(t in _PLACEHOLDERS for t in placeholders[placeholders.index(".") + 1 :])
    grouped, thousands = _commas(tokens)
    pieces: list[str | None] = []
    number_written = False
    for token in tokens:
        if token in _PLACEHOLDERS or token in ".,":
            if not number_written:
                pieces.append(None)
                number_written = True
        elif token[0] in "_*" or (token.startswith("[") and not token.startswith("[$")):
            continue  # spacing, fill, colour or condition: nothing to quote
        elif token[0] in '"\\' or token.startswith("[$"):
            pieces.append(_literal(token))  # "" shows nothing, not its quotes
        else:
            pieces.append(token)
    scale = (100 ** tokens.count("%"), 1000**thousands)  # Excel: a hundred for each %
    return tuple(pieces), decimals, grouped, scale


# Excel shows a number to at most 15 significant digits, noughts after them: 26 fours as
# 444444444444444 and eleven noughts, where the float holds a 16th four.
EXCEL_DIGITS = 15


def _fixed(value: float, decimals: int, grouped: bool) -> str:
    """``value`` to ``decimals`` places as Excel shows it (:func:`as_shown`)."""
    if math.isfinite(value):
        value = as_shown(value, decimals)  # type: ignore[assignment]
    return f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"


def as_shown(value: float, decimals: int) -> Decimal:
    """The finite number ``value`` to ``decimals`` places as a cell formatted to that many
    shows it: to its first 15 significant digits, then a half away from zero. Excel shows
    100.125 as 100.13 and 18.275 × 2,341 (42,781.774999999994 as a float) as 42,781.78,
    where Python's own formatting rounds a half to even (100.12) and rounds the float's
    last digits (42,781.77). The rule every figure tendereval writes as text follows
    (wording.pounds; comparison.shown_units is its column form)."""
    exact = _room_for(EXCEL_DIGITS).create_decimal(repr(value))
    # A digit for every one the number is written with to ``decimals`` places, and one more
    # for a carry (999.5 to 1000). Python's own context keeps 28 digits and refuses more:
    # 1e26 shown as a percentage, or 0.1 to 28 places (Excel allows 30), stopped the run.
    digits = max(exact.adjusted(), 0) + 1 + decimals + 1
    return exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, context=_room_for(digits))


@lru_cache(maxsize=64)
def _room_for(digits: int) -> Context:
    """A decimal context keeping ``digits`` digits, made once for each count (most figures
    shown need fewer than 20)."""
    return Context(prec=digits, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)


@lru_cache(maxsize=1024)
def _sections(code: str) -> tuple[str, ...]:
    """The format's ;-separated sections (a ; in quotes or escaped does not separate)."""
    sections, current = [], []
    for token in _TOKEN.findall(code):
        if token == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(token)
    sections.append("".join(current))
    return tuple(sections)


# Excel's built-in currency formats (ids 5 to 8, 42 and 44) show the currency of the computer
# that opens the file, pounds on an officer's, though io/xlsx.py spells them with "$" as
# openpyxl does: they show no other currency.
_LOCAL_CURRENCY = frozenset(
    {
        '"$"#,##0_);("$"#,##0)',
        '"$"#,##0_);[Red]("$"#,##0)',
        '"$"#,##0.00_);("$"#,##0.00)',
        '"$"#,##0.00_);[Red]("$"#,##0.00)',
        r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
        r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    }
)
_POUNDS = frozenset({"£", "gbp"})
# A currency a format names in words: an ISO 4217 code in a [$USD] code, or these in its text.
_CURRENCY_WORD = re.compile(r"\b(eur|euros?|usd|dollars?|us\$|chf|francs?|yen|jpy)\b", re.I)
_CURRENCY_NAMES = {
    **dict.fromkeys(("€", "eur", "euro", "euros"), "euros"),
    **dict.fromkeys(("$", "usd", "us$", "dollar", "dollars"), "dollars"),
    **dict.fromkeys(("¥", "jpy", "yen"), "yen"),
    **dict.fromkeys(("chf", "franc", "francs"), "Swiss francs"),
}


@lru_cache(maxsize=1024)
def other_currency(code: str, zero: bool = False) -> str:
    """The currency other than pounds that a cell under this format shows beside a number
    of 0 or more (``zero``: the number is 0, which a third section shows), as the format
    writes it ("€", "USD", "EUR"), or "" when it shows pounds or no currency at all.
    ``[$€-x-euro2] #,##0.00`` and ``#,##0.00 "EUR"`` show euros; ``"£"#,##0.00``,
    ``[$£-809]#,##0.00`` and Excel's built-in currency formats (the computer's own) do not."""
    if code in _LOCAL_CURRENCY or code.casefold() == "general":
        return ""
    sections = _sections(code)
    section = sections[2] if zero and len(sections) > 2 else sections[0]
    for token in _TOKEN.findall(section):
        if token.startswith("[$"):
            text = _literal(token).strip()
            if text and text.casefold() not in _POUNDS:
                return text
            continue
        if token.startswith("["):
            continue  # a colour or condition
        found = currency_in_text(_literal(token) or (token if len(token) == 1 else ""))
        if found:
            return found
    return ""


def currency_in_text(text: str) -> str:
    """The first sign ("€", "$") or name ("EUR", "euros") of a currency other than pounds
    in ``text``, or ""."""
    for ch in text:
        if ch != "£" and unicodedata.category(ch) == "Sc":
            return ch
    word = _CURRENCY_WORD.search(text)
    return word.group(0) if word else ""


def currency_name(shown: str) -> str:
    """How a message names a currency :func:`other_currency` found: "euros (€)"."""
    name = _CURRENCY_NAMES.get(shown.casefold(), "")
    if name.casefold() == shown.casefold():
        return name
    return f"{name} ({shown})" if name else f"another currency ({shown})"


# Words a number format writes beside a figure of money that put it in other units than
# pounds: a rate shown as 250p is in pence, a turnover shown as £12.5m in millions. The whole
# of the format's own text, currency signs and spaces aside, must be one of them: "p/h" (per
# hour) or " per visit" says what the figure is for, not what it is counted in.
_MONEY_UNITS = {
    **dict.fromkeys(("p", "pence", "penny"), "pence"),
    **dict.fromkeys(("k", "thousand", "thousands", "000s", "'000", "'000s"), "thousands"),
    **dict.fromkeys(("m", "mn", "million", "millions"), "millions"),
    **dict.fromkeys(("bn", "billion", "billions"), "billions"),
}
# What one of each is in pounds.
MONEY_UNIT_POUNDS = {"pence": 0.01, "thousands": 1e3, "millions": 1e6, "billions": 1e9}


def money_units(value: float, code: str) -> str:
    """The units other than pounds a cell holding the amount ``value`` under format ``code``
    shows it in ("pence" under ``0"p"``, "millions" under ``"£"0.0"m"``), or "" when its
    words say none (``"£"#,##0.00``, General, ``0.00" per hour"``)."""
    section, _ = _section_for(value, _sections(code))
    return _units_written(section)


@lru_cache(maxsize=1024)
def _units_written(section: str) -> str:
    text = "".join(_literal(token) for token in _TOKEN.findall(section))
    words = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Sc")
    return _MONEY_UNITS.get(words.casefold(), "")
