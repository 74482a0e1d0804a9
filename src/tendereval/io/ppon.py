"""A supplier's unique identifier from the Central Digital Platform (its PPON), as typed.

Find a Tender allocates each registered organisation a Public Procurement Organisation Number:
twelve characters in three groups of four, a 'P' and three letters, four digits, four letters
(``PXQT-3611-NBHT``), written in capitals with hyphens. Suppliers copy it with the scheme
(``GB-PPON-PXQT-3611-NBHT``, ``GB-PPON:…``), in small letters, or with spaces for hyphens:
each is the one identifier, and two returns giving it are one organisation's (io/tender.py).
"""

from __future__ import annotations

import re
from typing import Any

from tendereval.io.cells import in_digits_0_to_9, parse_text

# The scheme a supplier may copy in front of it, as Find a Tender shows it in a party's id.
_SCHEME = re.compile(r"^GB[\s-]*PPON[\s:-]*", re.IGNORECASE)
# 'P' and three letters, four digits, four letters; hyphens or spaces between the groups or
# none. Letters and digits beyond those the platform draws from (it leaves out I, O and 0)
# are accepted: a real identifier must never be refused for a letter it does not use today.
_FORM = re.compile(r"(P[A-Z]{3})[\s-]*([0-9]{4})[\s-]*([A-Z]{4})")


def ppon_of(value: Any) -> str | None:
    """The PPON ``value`` holds, written as Find a Tender writes it (``PXQT-3611-NBHT``), or
    None for a blank or text that is not one."""
    text = parse_text(value)
    if text is None:
        return None
    text = _SCHEME.sub("", in_digits_0_to_9(text).upper())
    found = _FORM.fullmatch(text)
    return "-".join(found.groups()) if found else None
