"""A supplier's Companies House and charity numbers, read as suppliers type them.

The award notice names each awarded supplier by its registration (OCDS ``GB-COH``, ``GB-CHC``,
``GB-SC``, ``GB-NIC``), and bids from one organisation are matched by it. Suppliers write a
label beside the number ("Company No. 11402259", "Reg. charity 1187342"), a hyphen after a
prefix ("SC-123456"), or save the number as a figure (8733516, Excel dropping the leading zero;
"8733516.0" from an export). Each of these reads as the one number it holds. Text holding no
such number, or two, is a warning at its cell and reads as no number: the notice would
otherwise name the supplier by nothing without a word (the red team's "Company No. 11402259"
left the award's identifier empty while every command passed).

A number typed in digits of another script (Bengali "১১৪০২২৫৯") is read as the 0-9 digits
it stands for (11402259), not refused: bids from one organisation are matched by it, and a
return giving it so must still be found to be the same company as one giving it in 0-9 (a
number refused would be no number, and the two returns two bidders). The award notice's
identifier is in 0-9, as Companies House writes it; the bid check warns at the cell
(``registration.other_digits``), as the reader of the cell may see another number.
"""

from __future__ import annotations

import re
from typing import Any

from tendereval.errors import Problem
from tendereval.io.cells import Parsed, in_digits_0_to_9, parse_text

# Companies House: eight characters, two letters and six digits (SC123456, OC301234) or eight
# digits (a figure with fewer had its leading zeros dropped by a spreadsheet).
_COMPANY = re.compile(r"(?<![A-Z0-9])(?:([A-Z]{2})[ -]?(\d{6})|(\d{5,8}))(?![0-9])")
# Charity Commission (England and Wales): six or seven digits, a linked charity "-1"; OSCR
# (Scotland): SC and six digits; Northern Ireland: NIC (or NI) and five or six digits.
_CHARITY = re.compile(
    r"(?<![A-Z0-9])(?:(SC)[ -]?(\d{6})|(NIC?)[ -]?(\d{5,6})|(\d{6,7}(?:-\d{1,2})?))(?![0-9])"
)

# Spaces within a number (between two digits), as a number is grouped for reading.
_DIGITS_SPACED = re.compile(r"(?<=\d) +(?=\d)")

# What a supplier with no registration writes in the box: no number to read, and nothing wrong.
_NONE = frozenset(
    {"n/a", "na", "n.a.", "none", "nil", "no", "-", "–", "—", "not applicable", "not registered"}
)

COMPANY_EXPECTED = (
    "a Companies House number: eight characters, eight digits (01234567) or two letters and "
    "six digits (SC123456); it is left out of the award notice until the supplier gives it"
)
CHARITY_EXPECTED = (
    "a charity number: six or seven digits (1187342) for England and Wales, SC and six digits "
    "(SC012345) for Scotland, NIC and six digits (NIC100123) for Northern Ireland; it is left "
    "out of the award notice until the supplier gives it"
)


def parse_company_number(value: Any) -> Parsed:
    """The one Companies House number ``value`` holds, as registered (``11402259``,
    ``SC123456``), or a problem when it holds none or several."""
    text = _as_text(value)
    if text is None:
        return None, None
    if re.fullmatch(r"\d{1,8}", text):
        return text.zfill(8), None  # the oldest companies' numbers are short (00000123)
    found = _company_numbers(text.upper())
    if not found:
        # Grouped for reading ("1140 2259", "SC 123 456"): one number once the spaces go.
        # Only when no number is found as typed, so two numbers side by side stay two.
        found = _company_numbers(_DIGITS_SPACED.sub("", text.upper()))
    return _one(found, value, COMPANY_EXPECTED, "bid.company_number", "a Companies House number")


def _company_numbers(text: str) -> set[str]:
    return {
        (prefix + digits) if prefix else bare.zfill(8)
        for prefix, digits, bare in _COMPANY.findall(text)
    }


def parse_charity_number(value: Any) -> Parsed:
    """The one charity number ``value`` holds (``1187342``, ``SC012345``, ``NIC100123``), or a
    problem when it holds none or several."""
    text = _as_text(value)
    if text is None:
        return None, None
    found = {"".join(parts) for parts in _CHARITY.findall(text.upper())}
    if not found:  # grouped for reading ("118 7342"), as a company number may be
        found = {"".join(p) for p in _CHARITY.findall(_DIGITS_SPACED.sub("", text.upper()))}
    return _one(found, value, CHARITY_EXPECTED, "bid.charity_number", "a charity number")


def _as_text(value: Any) -> str | None:
    """The cell as text in the digits 0-9, a whole figure without Excel's ``.0`` (saved as
    text by an export too: "8733516.0"); None for a blank or a word saying there is none
    ("N/A", "Not registered")."""
    text = parse_text(value)
    if text is None or " ".join(text.lower().split()) in _NONE:
        return None
    return re.sub(r"^(\d+)\.0+$", r"\1", in_digits_0_to_9(text))


def _one(found: set[str], value: Any, expected: str, code: str, what: str) -> Parsed:
    """The number found, or a warning's words: the cell holds none, or several (which one
    registers the supplier cannot be told)."""
    if len(found) == 1:
        return found.pop(), None
    message = (
        f"holds more than one number ({', '.join(sorted(found))}), so which is {what} cannot "
        "be told"
        if found
        else f"does not hold {what}"
    )
    return None, Problem(message, found=str(value), expected=expected, code=code)
