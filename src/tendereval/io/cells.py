"""Typed values from spreadsheet cells: money, numbers, counts, percentages, yes/no, choices,
dates and lists.

Every parser takes the raw value as a spreadsheet or CSV gives it (str, int, float, bool,
datetime or None) and returns ``(value, problem)``. Exactly one of them is meaningful:
a parsed value with ``None``, or ``None`` with a :class:`~tendereval.errors.Problem` that says
what was found and what was expected. The problem carries no location: the caller knows the
file, sheet and cell and adds them with :func:`located`. A blank cell parses to
``(None, None)``; whether blank is allowed is the caller's rule.

Money and numbers accept what people type: ``£1,234.50``, ``1234.5``, ``1,234``,
``1 234,50`` (spaces, including non-breaking ones, as thousands separators and a decimal
comma, as European-style CSV exports write them). A single comma followed by exactly three
digits is a thousands separator (``1,234`` is one thousand two hundred and thirty-four);
followed by one or two digits it is a decimal comma (``1234,5``). A number never starts its
thousands with a group of ``0``, so after a leading ``0`` a comma is always a decimal comma
(``0,025`` is 0.025, never 25) and a point always a decimal point.

Percentages: in a column headed "(%)" a plain number is a number of percent, so ``3`` means
3%. Excel stores a cell formatted as a percentage as the fraction (3% is held as ``0.03``), so
a cell whose number format contains ``%`` is read as the fraction it holds. Text with a
percent sign (``3%``, ``3 %``) is always a percentage. Shares are returned as fractions
(0.03), the way the frames keep them.

Figures are read in the digits 0-9 only. Text holding digits of another script (Bengali
"৪.50", whose four looks like an 8; Arabic-Indic "١٢"; full-width "２７.５"), which Python
alone would read as a figure, is a problem at its cell ("other_digits"): the figure a reader
sees may not be the one a program reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from tendereval.errors import Problem
from tendereval.io.numformat import currency_in_text, currency_name, shows_percent
from tendereval.io.xlsx import CellError, Undated
from tendereval.limits import MAX_MONEY
from tendereval.ocds.formats import uk_date
from tendereval.terminal import shows_nothing
from tendereval.wording import MONTH_NUMBERS, in_words

Parsed = tuple[Any, Problem | None]


# Things people type in a price cell instead of a price.
PLACEHOLDERS = frozenset(
    {
        "tbc",
        "tba",
        "tbd",
        "n/a",
        "na",
        "poa",
        "see attached",
        "see below",
        "to follow",
        "?",
        "-",
        "—",
        "nil",
        "various",
    }
)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u2009]+")
# Inside a number a space is only a thousands separator: one space (of the kinds people and
# European exports use) before each group of three digits. "1 234,50" is a number; "2 0" or
# "1 2 3" is a typing slip, not twenty or a hundred and twenty-three.
_GROUP_SPACE = "[ \u00a0\u2007\u202f\u2009]"
_INNER_SPACE = re.compile(r"\s|[\u00a0\u2007\u202f\u2009]")
# The first group of a number with thousands separated is 1 to 999: "0,025" and "0 025" are
# not twenty-five (a group of 0 is no thousands grouping anyone writes).
_FIRST_GROUP = r"[1-9]\d{0,2}"
# \d in a figure's patterns is 0-9 only (re.ASCII): Python's \d is any script's digit.
_GROUPED_SPACE = re.compile(rf"^{_FIRST_GROUP}(?:{_GROUP_SPACE}\d{{3}})+(?:[.,]\d+)?$", re.ASCII)
# £ or GBP (any case) starting a figure, and the spaces after it (_without_pounds).
_LEADING_POUNDS = re.compile(r"(?:£|gbp)\s*", re.IGNORECASE)
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$|^\.\d+$", re.ASCII)
_GROUPED_COMMA = re.compile(rf"^{_FIRST_GROUP}(?:,\d{{3}})+(?:\.\d+)?$", re.ASCII)
_GROUPED_DOT = re.compile(rf"^{_FIRST_GROUP}(?:\.\d{{3}})+(?:,\d+)?$", re.ASCII)
# A comma before one or two digits, or after a whole part of 0 ("0,025"), marks decimals.
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$|^0,\d+$", re.ASCII)
# A digit of any script but 0-9 (Unicode's decimal digits, which float() and int() read).
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
_LIST_SEPARATORS = re.compile(r"[;\n]")

YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


def located(
    problem: Problem, file: str = "", sheet: str = "", cell: str = "", **extra: Any
) -> Problem:
    """The same problem placed at file › sheet › cell (and any other fields, e.g. supplier)."""
    return dataclasses.replace(problem, file=file, sheet=sheet, cell=cell, **extra)


def is_blank(value: Any) -> bool:
    """True for an empty cell or one holding only spaces."""
    # str.strip() removes exactly the characters _SPACES matches (str.isspace), and is cheap.
    return value is None or (isinstance(value, str) and not value.strip())


def show(value: Any) -> str:
    """A raw value as an officer would recognise it in a message, cut short when a cell holds
    far more than a message can show (a pasted page of text, a 400-digit number)."""
    if value.__class__ is Undated:  # says what the cell holds and shows: not text typed
        return str(value)
    if isinstance(value, str):
        text = value.strip()
        return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        digits = len(str(abs(value)))
        return f"{str(value)[:6]}… (a whole number of {digits} digits)"
    if isinstance(value, (dt.datetime, dt.date)):
        return _date_shown(value)
    return str(value)


_SHOWN = 80  # characters of a cell's text quoted in a message


def _date_shown(value: dt.date) -> str:
    """A date cell as the officer typed it (3 November 2026), not as the file keeps it
    (2026-11-03T00:00:00: Excel holds every date as a date-time); with its time of day only
    when it has one (3 November 2026 14:30)."""
    if not isinstance(value, dt.datetime) or value.time() == dt.time():
        return in_words(value)
    clock = "%H:%M:%S" if value.second or value.microsecond else "%H:%M"
    return f"{in_words(value)} {value.strftime(clock)}"


def as_float(value: int | float) -> float:
    """A cell's number as a float; a whole number too large for one (a cell can hold 400
    digits) is infinite, which every parser then reports as not a finite number."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _problem(message: str, value: Any, expected: str, code: str) -> Parsed:
    return None, Problem(message, found=show(value), expected=expected, code=code)


def other_digits(text: str, kind: str) -> Parsed | None:
    """A problem (code ``<kind>.other_digits``) for text holding digits of a script other
    than 0-9, naming them ('৪' is the Bengali digit four, drawn like an 8); None for any
    other text. Python would read them as the digits they stand for, and a reader may see
    another figure: which is meant is for the sender to say."""
    found = list(dict.fromkeys(_OTHER_DIGIT.findall(text)))
    if not found:
        return None
    named = "; ".join(f"'{digit}' is the {_digit_name(digit)}" for digit in found[:3])
    as_read = in_digits_0_to_9(text.strip())
    return _problem(
        f"it holds digits of another script, not 0-9 ({named}), which may show another "
        "figure than the one they stand for",
        text,
        f"the {'date' if kind == 'date' else 'figure'} typed with the digits 0-9 (in them it "
        f"reads {as_read!r}, if that is what the sender meant)",
        f"{kind}.other_digits",
    )


def in_digits_0_to_9(text: str) -> str:
    """``text`` with each digit of another script written as the 0-9 digit it stands for
    ('১১৪' is '114'), as Python reads it."""
    return _OTHER_DIGIT.sub(lambda digit: str(unicodedata.digit(digit[0])), text)


def _digit_name(digit: str) -> str:
    """'Bengali digit four' for '৪': the script as Unicode names it, then the digit."""
    script, _, number = unicodedata.name(digit, "DIGIT").rpartition(" DIGIT ")
    return f"{script.title()} digit {number.lower()}" if script else "digit of another script"


def _decimal(text: str) -> float | None:
    """A number written with optional thousands separators and a decimal point or comma."""
    compact = text
    if _INNER_SPACE.search(text):
        if not _GROUPED_SPACE.match(text):
            return None
        compact = _SPACES.sub("", text)
    if _PLAIN.match(compact):
        return float(compact)
    if _GROUPED_COMMA.match(compact):
        return float(compact.replace(",", ""))
    if _DECIMAL_COMMA.match(compact):
        return float(compact.replace(",", "."))
    if _GROUPED_DOT.match(compact):
        return float(compact.replace(".", "").replace(",", "."))
    return None


# One separator followed by exactly three digits: "1,234" is a thousand and more where the
# decimal mark is a point, and one and a bit where it is a comma; "1.234" the other way round.
# After a whole part of 0 it reads only one way: "0,025" shows a decimal comma.
_AMBIGUOUS = re.compile(rf"^({_FIRST_GROUP})([.,])(\d{{3}})$", re.ASCII)
_SHOWS_COMMA = re.compile(
    r"^\d+,(?:\d{1,2}|\d{4,})$|^0,\d+$"
    r"|^\d{1,3}(?:[. \u00a0]\d{3})+,\d+$|^\d{1,3}(?:\.\d{3}){2,}$",
    re.ASCII,
)
_SHOWS_POINT = re.compile(
    r"^\d+\.(?:\d{1,2}|\d{4,})$|^0\.\d+$"
    r"|^\d{1,3}(?:[, \u00a0]\d{3})+\.\d+$|^\d{1,3}(?:,\d{3}){2,}$",
    re.ASCII,
)
_BEFORE = re.compile(r"\(?[-−–]?\s*(?:£|gbp)?\s*", re.IGNORECASE)


def _around(text: str) -> tuple[str, str, str] | None:
    r"""``text`` as what comes before a number (a bracket, a minus sign, £), the number, and
    what comes after it (£ or GBP, %, the bracket closed); None when the number would run
    over a line. The after part is taken from the end, step by step: as one pattern with a
    lazy middle, ``^(…)(.*?)(\s*(?:£|gbp)?\s*%?\)?)$``, a cell of "1", 1,600 spaces and "x"
    took 17 processor-seconds, eight times as long for each doubling (a supplier's cell can
    hold 32,767 characters: days)."""
    start = _BEFORE.match(text).end()  # (every part optional: it always matches)
    end = len(text)
    for mark in (")", "%"):
        if end > start and text[end - 1] == mark:
            end -= 1
    end = _spaces_before(text, start, end)
    if text[max(start, end - 3) : end].casefold() == "gbp":
        end -= 3
    elif end > start and text[end - 1] == "£":
        end -= 1
    end = _spaces_before(text, start, end)
    if "\n" in text[start:end]:
        return None
    return text[:start], text[start:end], text[end:]


def _spaces_before(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def decimal_mark(texts: Iterable[str]) -> str | None:
    """The decimal mark a file's numbers show: "comma" (19,75 · 1.234,50), "point" (19.75 ·
    1,234.50), "both", or None when no number shows it (every one whole, or ambiguous)."""
    comma = point = False
    for text in texts:
        if "," not in text and "." not in text:
            continue  # shows neither mark (most of a file's numbers: 3, 12, £450)
        core = _around(text.strip())
        body = core[1] if core else text
        comma = comma or bool(_SHOWS_COMMA.match(body))
        point = point or bool(_SHOWS_POINT.match(body))
        if comma and point:
            return "both"
    return "comma" if comma else "point" if point else None


def ambiguous_number(text: str) -> bool:
    """Whether ``text`` is a number that reads one way with a decimal point and another with a
    decimal comma ("1,234", "£1.234")."""
    return ambiguous_mark(text) is not None


def ambiguous_mark(text: str) -> str | None:
    """The separator ("." or ",") of a number that reads two ways (see
    :func:`ambiguous_number`); None for any other text."""
    if "," not in text and "." not in text:
        return None  # no separator to read two ways (and most numbers have none)
    core = _around(text.strip())
    parts = _AMBIGUOUS.match(core[1]) if core else None
    return parts.group(2) if parts else None


class TwoWayNumber(str):
    """A number of a CSV file that reads two ways ("1.234") where the file's other numbers do
    not say which (io.csvfile.decimal_marks). It stays in its cell as typed, so the cell is not
    blank (a unit rate refused is a rate given, not a lot left unbid), and the checker refuses
    it at its cell with ``problem``, for the supplier and lot it belongs to, as it does 'TBC'
    (io.checking.Checker.value)."""

    problem: Problem


def with_decimal_comma(text: str) -> str:
    """An ambiguous number (see :func:`ambiguous_number`) as a file whose decimal mark is a
    comma means it, written so :func:`parse_money` and :func:`parse_number` read it so:
    "1,234" → "1.234" (one and a bit), "£1.234" → "£1234" (a thousand and more)."""
    core = _around(text.strip())
    if core is None or not (parts := _AMBIGUOUS.match(core[1])):
        return text
    whole, mark, digits = parts.groups()
    number = f"{whole}.{digits}" if mark == "," else f"{whole}{digits}"
    return core[0] + number + core[2]


def _signed(text: str) -> tuple[str, bool]:
    """Strip a leading minus sign or accounting brackets; say whether the value was negative."""
    stripped = text.strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        return stripped[1:-1].strip(), True
    if stripped[:1] in "-−–":
        return stripped[1:].strip(), True
    return stripped, False


def parse_money(value: Any) -> Parsed:
    """A sum of money in pounds, 0 or more: ``£1,234.50``, ``1234.5``, ``1,234``, ``1 234,50``.

    ``TBC`` and other placeholders, text, negative amounts, NaN and infinity are problems.
    """
    expected = "an amount in pounds, e.g. 1234.50 or £1,234.50"
    if isinstance(value, bool):
        return _problem(
            "a true/false value is not an amount of money", value, expected, "money.not_a_number"
        )
    if isinstance(value, (int, float)):  # the commonest value, and never blank
        number = as_float(value)
    elif is_blank(value):
        return None, None
    elif isinstance(value, str):
        text = value.strip()
        if text.casefold() in PLACEHOLDERS:
            return _problem(
                f"'{text}' is a placeholder, not a price", value, expected, "money.placeholder"
            )
        if refused := other_digits(text, "money"):
            return refused
        number = money_from_text(text)
        if number is None:
            if currency := currency_in_text(text):
                return _problem(
                    f"an amount in {currency_name(currency)}, not in pounds: every price is "
                    "in pounds",
                    value,
                    expected,
                    "money.other_currency",
                )
            return _problem("not an amount of money", value, expected, "money.not_a_number")
    else:
        return _problem("not an amount of money", value, expected, "money.not_a_number")
    if not math.isfinite(number):
        return _problem("not a finite amount of money", value, expected, "money.not_finite")
    if number < 0:
        return _problem(
            "an amount of money cannot be negative", value, "0 or more", "money.negative"
        )
    if number > MAX_MONEY:
        return _problem(
            "more money than any public contract is worth: a typing slip?",
            value,
            f"an amount up to £{MAX_MONEY:,.0f}",
            "money.implausible",
        )
    return number, None


def _without_pounds(text: str) -> str:
    r"""``text`` less £ or GBP (any case) at its start with the spaces after it, and at its
    end with the spaces before it. The end is found from the end: as the pattern
    ``^(?:£|gbp)\s*|\s*(?:£|gbp)$`` replaced, the ``\s*`` tried at every space of a run
    read the rest of the run each time, and "1", 30,000 spaces and "x" (a supplier's cell
    holds 32,767 characters) took 8 processor-seconds a cell, four times as long for each
    doubling."""
    lead = _LEADING_POUNDS.match(text)
    start = lead.end() if lead else 0
    end = len(text) - text.endswith("\n")  # ($ matched before a last line break too)
    last = text[start:end]
    if last.endswith("£"):
        mark = end - 1
    elif last[-3:].isascii() and last[-3:].lower() == "gbp":  # (no other letter is g, b, p)
        mark = end - 3
    else:
        return text[start:]
    return text[start : _spaces_before(text, start, mark)] + text[end:]


def money_from_text(text: str) -> float | None:
    """The amount a text states in pounds, sign kept (``-£5``, ``(£5)``, ``£1 234,50``), or
    None when it is not an amount: the reading :func:`parse_money` gives text."""
    body, negative = _signed(_without_pounds(text.strip()))
    body, negative_inner = _signed(_without_pounds(body))
    number = _decimal(body)
    if number is None:
        return None
    return -number if negative or negative_inner else number


def parse_number(value: Any) -> Parsed:
    """Any finite number (negative allowed: callers check ranges); thousands separators ok."""
    expected = "a number, e.g. 12 or 12.5"
    if isinstance(value, bool):
        return _problem(
            "a true/false value is not a number", value, expected, "number.not_a_number"
        )
    if isinstance(value, (int, float)):  # the commonest value, and never blank
        number = as_float(value)
    elif is_blank(value):
        return None, None
    elif isinstance(value, str):
        if refused := other_digits(value, "number"):
            return refused
        body, negative = _signed(value)
        parsed = _decimal(body)
        if parsed is None:
            return _problem("not a number", value, expected, "number.not_a_number")
        number = -parsed if negative else parsed
    else:
        return _problem("not a number", value, expected, "number.not_a_number")
    if not math.isfinite(number):
        return _problem("not a finite number", value, expected, "number.not_finite")
    return number, None


COUNT_EXPECTED = "a whole number of 0 or more, e.g. 45"


def parse_count(value: Any) -> Parsed:
    """A whole number of 0 or more (a headcount). What is expected says so whatever is wrong:
    '250+' was told "a number, e.g. 12 or 12.5", and 12.5 was then refused as not whole."""
    number, problem = parse_number(value)
    if problem is not None and problem.code == "number.other_digits":
        return None, problem  # what is expected is the digits 0-9, whatever the figure
    if problem is not None:
        return None, dataclasses.replace(problem, expected=COUNT_EXPECTED)
    if number is None:
        return None, None
    if number < 0 or not float(number).is_integer():
        return _problem("not a whole number of 0 or more", value, COUNT_EXPECTED, "count.invalid")
    return number, None


def parse_share(value: Any, number_format: str = "General") -> Parsed:
    """A percentage as a fraction (3% → 0.03). See the module docstring for the rules.

    Returns any finite fraction; callers check the range that makes sense for the column.
    """
    expected = "a percentage, e.g. 3 or 3%"
    if isinstance(value, bool):
        return _problem(
            "a true/false value is not a percentage", value, expected, "share.not_a_number"
        )
    if isinstance(value, (int, float)):  # the commonest value, and never blank
        number = as_float(value)
        if not math.isfinite(number):
            return _problem("not a finite percentage", value, expected, "share.not_a_number")
        # Excel keeps a percent-formatted cell as the fraction it displays as a percentage; a
        # % in quotes ('0.0"%"') is only text beside the number, which is then percent points.
        if "%" in number_format and shows_percent(number_format):
            return number, None
        if 0 < abs(number) < 1:
            return _ambiguous_share(value, number)
        return number / 100.0, None
    if is_blank(value):
        return None, None
    if isinstance(value, str):
        if refused := other_digits(value, "share"):
            return refused
        text = value.strip()
        percent = text.endswith("%")
        number, _ = parse_number(text.rstrip("%").strip() if percent else text)
        if number is None:
            return _problem("not a percentage", value, expected, "share.not_a_number")
        if not percent and 0 < abs(number) < 1:
            return _ambiguous_share(value, number)  # "0,5" reads as 0.5: say it with that
        return number / 100.0, None
    return _problem("not a percentage", value, expected, "share.not_a_number")


def _ambiguous_share(value: Any, number: float) -> Parsed:
    # 0.02 in a plain cell could mean 2% (a fraction) or 0.02% (percent points); guessing
    # either could change an evaluated price, so the bidder or officer must say which.
    return _problem(
        "a number below 1 in a percentage column could be read two ways",
        value,
        f"the percentage with its % sign: {number * 100:g}% or {number:g}%",
        "share.ambiguous",
    )


def parse_yes_no(value: Any) -> Parsed:
    """yes/y/true/1 or no/n/false/0, any case."""
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value), None
    text = str(value).strip().casefold()
    if text in YES:
        return True, None
    if text in NO:
        return False, None
    return _problem("not yes or no", value, "yes or no", "yes_no.invalid")


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def parse_choice(
    value: Any, choices: tuple[str, ...], aliases: dict[str, str] | None = None
) -> Parsed:
    """One of ``choices`` (case and spacing ignored), returned as written in ``choices``."""
    if is_blank(value):
        return None, None
    folded = _fold(str(value))
    for choice in choices:
        if _fold(choice) == folded:
            return choice, None
    for alias, choice in (aliases or {}).items():
        if _fold(alias) == folded:
            return choice, None
    return _problem("not one of the allowed choices", value, " / ".join(choices), "choice.invalid")


# Formats of figures alone: strptime reads them the same in every locale.
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
# "2 June 2027", "2 Jun 2027": the month in English words, read whatever the process's locale
# (strptime's %B and %b read the locale's month names, so under de_DE "2 June 2027" was no date).
_DATE_IN_WORDS = re.compile(r"(?P<day>\d{1,2}) (?P<month>[A-Za-z]+) (?P<year>\d{4})", re.ASCII)


def parse_date(value: Any) -> Parsed:
    """A date, returned as ISO text (``2026-03-01``). Text dates are read day first (UK). A
    date-time is the UK date at that moment: one with an offset (``2026-03-03T23:30:00-05:00``,
    4 March in the UK) is moved to UK time first, one without is UK time already."""
    expected = "a date, e.g. 01/03/2026 or 2026-03-01"
    if is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        day = uk_date(value) if value.utcoffset() is not None else value.date()
        return day.isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, str):
        if refused := other_digits(value, "date"):
            return refused
        text = _SPACES.sub(" ", value).strip()
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date().isoformat(), None
            except ValueError:
                continue
        day = _date_in_words(text)
        if day is not None:
            return day.isoformat(), None
    return _problem("not a date", value, expected, "date.invalid")


def _date_in_words(text: str) -> dt.date | None:
    """The date in "2 June 2027" or "2 Jun 2027" (any case), None for any other text."""
    found = _DATE_IN_WORDS.fullmatch(text)
    month = MONTH_NUMBERS.get(found["month"].casefold()) if found else None
    if found is None or month is None:
        return None
    try:
        return dt.date(int(found["year"]), month, int(found["day"]))
    except ValueError:  # 31 June
        return None


def parse_text(value: Any) -> str | None:
    """Text with surrounding spaces removed; whole numbers lose Excel's ``.0``; blank → None,
    and so is an error a formula gave (#N/A), which is no one's text. A number no date has,
    under a date format, is the number it holds (a company number in the address's cell, as
    without the format), not the words saying Excel shows ########."""
    if isinstance(value, str):  # the common case, and blank exactly when nothing is left
        if value.__class__ is CellError:
            return None
        if value.__class__ is Undated:
            return parse_text(value.number)
        return value.strip() or None
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


def parse_name(value: Any) -> str | None:
    """A name (a supplier's legal name, an evaluator's) as :func:`parse_text` reads it, None
    for one that shows nothing: a cell holding only a zero-width space or a control character
    looks blank in Excel and in every report, so it names no one (and a name redacted as ""
    would match between every two characters of a summary). None too for a value saved as a
    number, a date or TRUE/FALSE, which is no one's name: a company number typed in the legal
    name's cell named the supplier "11402259", and an evaluator's scores were credited to
    "12345". (A number no date has, under a date format, is a number too.)"""
    if not isinstance(value, str) or value.__class__ is Undated:
        return None
    text = parse_text(value)
    return None if shows_nothing(text) else text


def no_name_found(value: Any) -> str:
    """What a name cell read as no name holds, for the problem's "found": blank, a value that
    is not text (a number, a date, TRUE/FALSE), or the characters that show as nothing, named
    so the officer knows why a cell that is not empty was not read."""
    if value.__class__ is Undated:  # (its words say what it is already)
        return f"{show(value)}; not a name"
    if not_text := _not_text(value):
        return f"{_as_shown(value)}, {not_text}, not a name"
    return "a blank cell" if parse_text(value) is None else f"{show(value)}, which shows nothing"


def not_a_name(value: Any) -> bool:
    """Whether a name cell holds a value of another kind (a number, a date, TRUE/FALSE):
    something is there, but no name (see :func:`parse_name`)."""
    return _not_text(value) is not None


def parse_person_name(value: Any) -> Parsed:
    """A name as :func:`parse_name` reads it, with a problem (``name.not_text``) for a cell
    holding a number, a date or TRUE/FALSE: an evaluator's or moderator's name saved as 12345
    credited their scores to "12345"; blank and text that shows nothing are no name and no
    problem here (the caller's rule)."""
    not_text = _not_text(value)
    if not_text is None:
        return parse_name(value), None
    return None, Problem(
        f"{not_text}, not a name",
        found=_as_shown(value),
        expected="a name, typed as text",
        code="name.not_text",
    )


def _as_shown(value: Any) -> str:
    """A cell's value as Excel shows it: TRUE and FALSE in capitals, as :func:`show` else."""
    return ("TRUE" if value else "FALSE") if isinstance(value, bool) else show(value)


def _not_text(value: Any) -> str | None:
    """What kind of value a cell holds that is not text: "a true/false value", "a number",
    "a date"; None for text and a blank cell."""
    if value.__class__ is Undated:
        return "a number"
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return "a date"
    return "a value that is not text"


def parse_list(value: Any) -> list[str]:
    """Items separated by ``;`` (or new lines), each stripped; blank → empty list."""
    text = parse_text(value) if not isinstance(value, str) else value
    if text is None:
        return []
    return [item.strip() for item in _LIST_SEPARATORS.split(text) if item.strip()]
