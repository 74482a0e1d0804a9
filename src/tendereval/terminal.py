"""Text from a file, made safe to print on the officer's terminal.

A supplier's name, a cell's text or a file name can hold characters a terminal acts on instead
of showing: ESC starts the sequences that clear the screen, move the cursor or retitle the
window; a newline inside a file name can forge a line that looks like tendereval's own; the
bidirectional overrides (U+202E and friends) make text read backwards, so two names that look
alike are not. :func:`printable` shows every such character escaped, the way Python writes it
(``\\x1b``, ``\\n``, ``\\u202e``), and leaves all other text, accents and other scripts included,
as it is. Every renderer applies it to file-derived text, and it is idempotent, so applying it
twice is harmless.
"""

from __future__ import annotations

import re

# C0 and C1 control characters (newline and tab included: inside a value they are data, and
# a line break is the renderer's to make), DEL, the line and paragraph separators, the
# bidirectional marks, embeddings, overrides and isolates, and the characters a terminal
# shows as nothing (soft hyphen, zero-width space, word joiner and invisible operators, the
# byte-order mark), so 'Pri\u200bces' is never shown as 'Prices'. The zero-width joiners
# stay: some scripts need them.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def printable(text: object) -> str:
    """``text`` (anything; None is "") with control, bidirectional and invisible characters
    escaped."""
    if text is None:
        return ""
    text = str(text)
    if _UNSAFE.search(text) is None:  # almost always: no copy made
        return text
    return _UNSAFE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
