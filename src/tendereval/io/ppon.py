"""A supplier's unique identifier from the Central Digital Platform (its PPON), and its contact
email, as typed.

Find a Tender allocates each registered organisation a Public Procurement Organisation Number:
twelve characters in three groups of four, a 'P' and three letters, four digits, four letters
(``PXQT-3611-NBHT``), written in capitals with hyphens. Suppliers copy it with the scheme
(``GB-PPON-PXQT-3611-NBHT``, ``GB-PPON:…``), in small letters, or with spaces for hyphens:
each is the one identifier, and two returns giving it are one organisation's (io/tender.py).

What is not one counts as not given, as a blank does: a placeholder ("TBC", "N/A", "Applied
for", "0"), a company number, markup. Each reached the assessment summaries ("Unique
identifier: TBC") and the award notice, the party's id ``GB-PPON-N/A`` put before its real
Companies House number. Text that is not an email address is no contact email likewise. A
company or charity number written with its scheme (``GB-COH-11402259``) is that number, in
its own place. The form is the platform's as its identifiers are written today; letters and
digits it does not draw from today are accepted, so a real identifier is never refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tendereval.io.cells import in_digits_0_to_9, parse_text
from tendereval.io.registrations import parse_charity_number, parse_company_number
from tendereval.terminal import printable

# The scheme a supplier may copy in front of it, as Find a Tender shows it in a party's id, or
# a label ("PPON: …").
_SCHEME = re.compile(r"^(?:GB[\s-]*PPON|PPON(?:\s*NO\.?|\s*NUMBER)?)[\s:-]*", re.IGNORECASE)
# 'P' and three letters, four digits, four letters; hyphens or spaces between the groups or
# none. The platform leaves out some letters (I, O) and the digit 0 today; any are accepted.
_FORM = re.compile(r"(P[A-Z]{3})[\s-]*([0-9]{4})[\s-]*([A-Z]{4})")
_WITHIN = re.compile(r"(?<![A-Z0-9])(P[A-Z]{3})[\s-]?([0-9]{4})[\s-]?([A-Z]{4})(?![A-Z0-9])")
# Another register's identifier, with its org-id.guide scheme: a number for its own cell.
_OTHER_SCHEME = re.compile(r"^GB[\s-]*(COH|CHC|SC|NIC)[\s:-]*(.+)$", re.IGNORECASE)
_OTHER = {
    "COH": ("company_number", "Companies House number", parse_company_number),
    "CHC": ("charity_number", "charity number", parse_charity_number),
    "SC": ("charity_number", "Scottish charity number", parse_charity_number),
    "NIC": ("charity_number", "Northern Irish charity number", parse_charity_number),
}
# One or more addresses (a shared inbox and a person's), each name@domain.tld.
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"'.]+(?:\.[^\s@<>()\[\],;:\"'.]+)+")
_EMAILS = re.compile(rf"{_EMAIL.pattern}(?:\s*[;,]\s*{_EMAIL.pattern})*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

PPON_EXPECTED = (
    "its unique identifier from the Central Digital Platform (its PPON), as Find a Tender "
    "shows it: 'P' and three letters, four digits, four letters (PXQT-3611-NBHT)"
)
EMAIL_EXPECTED = "an email address (name@example.org)"


def ppon_of(value: Any) -> str | None:
    """The PPON ``value`` holds, written as Find a Tender writes it (``PXQT-3611-NBHT``), or
    None for a blank or text that is not one."""
    text = parse_text(value)
    if text is None:
        return None
    found = _FORM.fullmatch(_SCHEME.sub("", in_digits_0_to_9(text).upper()))
    return "-".join(found.groups()) if found else None


@dataclass(frozen=True)
class Identifier:
    """What a unique identifier's cell holds: the PPON (or None), why the text typed is not
    one, or what was left out to read it (``said``), and another register's number the cell
    gives instead (its field, as ``company_number``, and the number)."""

    ppon: str | None = None
    said: str = ""
    other: tuple[str, str] | None = None


def read_ppon(value: Any) -> Identifier:
    """The unique identifier a cell holds (see the module's docstring)."""
    text = parse_text(value)
    if text is None:
        return Identifier()
    if ppon := ppon_of(text):
        return Identifier(ppon)
    upper = in_digits_0_to_9(_CONTROL.sub(" ", text)).upper()
    found = {"-".join(groups) for groups in _WITHIN.findall(upper)}
    if len(found) == 1:
        (ppon,) = found
        return Identifier(ppon, f"holds more than the identifier; it is read as {ppon}")
    if found:
        return Identifier(said=f"holds {len(found)} identifiers ({', '.join(sorted(found))})")
    if scheme := _OTHER_SCHEME.match(upper.strip()):
        field, what, parse = _OTHER[scheme[1]]
        number = parse(scheme[2])[0]
        if number:
            return Identifier(said=f"is a {what} ({number}), not a PPON", other=(field, number))
    if parse_company_number(text)[0] and re.fullmatch(r"[\d\s]+", text):
        return Identifier(said="is a number, not a PPON (a company or charity number?)")
    return Identifier(said="is not a PPON")


def read_email(value: Any) -> tuple[str | None, str]:
    """The contact email a cell holds (one address, or several separated by ';' or ','), and
    why the text typed is not one ("" when it is, or the cell is blank)."""
    text = parse_text(value)
    if text is None:
        return None, ""
    address = re.sub(r"^(?:mailto:|e-?mail:?)\s*", "", text, flags=re.IGNORECASE)
    if _EMAILS.fullmatch(address):
        return address, ""
    return None, "is not an email address"


def quoted(value: Any) -> str:
    """The text a cell holds, quoted as a problem shows it (a control character escaped)."""
    return f"'{printable(parse_text(value))}'"
