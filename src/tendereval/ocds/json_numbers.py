"""Numbers in a notice's JSON that no float holds, kept as the file writes them.

JSON's grammar allows a number of any size (``1e400``), which Python's reader turns into
infinity, and Python reads ``NaN`` and ``Infinity``, which are not JSON at all. A notice holding
one was read on (a lot's value of 1e400 was "Infinity" in the messages and the list of things
to settle), and no such value can be a value, weight, duration or cap. So each is kept as written
while the file is parsed, and the notice is refused with an error naming its place and the
number as the file writes it, as a whole number too long to read is.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

# A number as written is quoted whole up to this many characters, else its first and last
# characters and its length (a number of a million digits is one JSON token).
SHOWN_WHOLE = 40
_SHOWN_START, _SHOWN_END = 24, 8


class Unreadable:
    """A number of the file no float holds, as the file writes it (``1e400``, ``NaN``)."""

    __slots__ = ("written",)

    def __init__(self, written: str) -> None:
        self.written = written

    @property
    def what(self) -> str:
        """What is wrong with it, in words."""
        if self.written in ("NaN", "Infinity", "-Infinity"):
            return f"{self.written}, which is not a JSON number"
        return "a number too large to read (beyond 1.8e308)"


class NumberReader:
    """``parse_float`` and ``parse_constant`` for :func:`json.loads`: each number read as a
    float, but one no float holds read as :class:`Unreadable`, and remembered."""

    def __init__(self) -> None:
        self.unreadable: list[Unreadable] = []

    def parse_float(self, written: str) -> float | Unreadable:
        value = float(written)
        return value if math.isfinite(value) else self._kept(written)

    def parse_constant(self, written: str) -> Unreadable:
        return self._kept(written)

    def _kept(self, written: str) -> Unreadable:
        kept = Unreadable(written)
        self.unreadable.append(kept)
        return kept


def as_written(number: Unreadable) -> str:
    """The number as the file writes it, cut to its first and last characters when long."""
    return _cut(number.written)


def found_shown(value: Any) -> str:
    """A value of the notice as a message quotes it: as JSON, a number cut to its first and
    last figures with its length when long (a whole number of 400 digits, which a float does
    not hold but Python's reader does, was cut to its first 80 figures, as if that were all),
    anything else to its first 80 characters."""
    text = json.dumps(value, default=str)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _cut(text)
    return text[:80]


def _cut(text: str) -> str:
    if len(text) <= SHOWN_WHOLE:
        return text
    return f"{text[:_SHOWN_START]}…{text[-_SHOWN_END:]} ({len(text):,} characters)"


def places_of(
    parsed: Any, wanted: list[Unreadable], join: Callable[[str, str], str]
) -> list[tuple[str, Unreadable]]:
    """Each of ``wanted`` with its place in the file (``releases[0].tender.lots[0].value.
    amount``), in the file's order; ``join`` makes a key's place from its object's."""
    ids = {id(number) for number in wanted}
    found: list[tuple[str, Unreadable]] = []
    stack: list[tuple[str, Any]] = [("", parsed)]
    while stack and len(found) < len(ids):
        where, value = stack.pop()
        if isinstance(value, Unreadable) and id(value) in ids:
            found.append((where, value))
        elif isinstance(value, dict):
            stack.extend((join(where, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return found
