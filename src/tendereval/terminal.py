"""Text from a file, made safe to print on the officer's terminal.

A supplier's name, a cell's text or a file name can hold characters a terminal acts on instead
of showing: ESC starts the sequences that clear the screen, move the cursor or retitle the
window; a newline inside a file name can forge a line that looks like tendereval's own; the
bidirectional overrides (U+202E and friends) make text read backwards, so two names that look
alike are not; invisible characters (zero-width spaces and joiners, the soft hyphen, the byte
order mark, the tag letters that can spell a whole hidden message) make a name print exactly
like another, or like itself with something hidden inside; and a pile of combining marks on one
letter is drawn over the lines above and below it. :func:`printable` shows every such character
escaped, the way Python writes it (``\\x1b``, ``\\n``, ``\\u202e``, ``\\U000e0041``), and
leaves all other text, accents (one or two marks on a letter) and other scripts included, as it
is. Every renderer applies it to file-derived text, and it is idempotent, so applying it twice
is harmless.

A file name can hold bytes that are not UTF-8 (a Windows portal's "£" in Windows-1252, as
``unzip`` leaves it on Linux); Python keeps each as a lone surrogate, which no frame, JSON,
workbook or terminal can hold. :func:`name_text` shows each such byte as ``\\xa3``, as
:func:`printable` shows a control character, so the name stays one text everywhere it appears.
"""

from __future__ import annotations

import re

# C0 and C1 control characters (newline and tab included: inside a value they are data, and
# a line break is the renderer's to make), DEL, the line and paragraph separators; every format
# character (Unicode category Cf: the bidirectional marks, embeddings, overrides and isolates,
# zero-width spaces and joiners, the soft hyphen, the byte order mark, the tag letters, listed
# as of Unicode 15 and checked against the running Python's tables by the tests); and the other
# characters drawn as nothing (the combining grapheme joiner, the Hangul fillers, variation
# selectors). Then three or more combining marks in a row: one or two are how accents are
# written ("José" decomposed), more is a pile drawn over the neighbouring lines.
_CONTROL = "\x00-\x1f\x7f-\x9f\u2028\u2029"
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_DRAWN_AS_NOTHING = "\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef"
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# A lone surrogate: how Python holds a byte of a file name that is not UTF-8 (U+DC80 to
# U+DCFF for the bytes 0x80 to 0xFF); never text, so nothing can write it.
_SURROGATE = "\ud800-\udfff"
_UNSAFE = re.compile(f"[{_CONTROL}{_FORMAT}{_DRAWN_AS_NOTHING}{_SURROGATE}]|[{_COMBINING}]{{3,}}")
_NOT_TEXT = re.compile(f"[{_SURROGATE}]")
# One character drawn as nothing: a name with one inside reads as the name (redaction).
INVISIBLE = re.compile(f"[{_FORMAT}{_DRAWN_AS_NOTHING}]")
# Text that shows as nothing: whitespace of any kind (a no-break space, an ideographic space),
# control characters and characters drawn as nothing, and only those. An explanation so made
# explains nothing. A regular expression both Python and polars read (each takes \s as any
# Unicode space, and the characters listed as themselves).
SHOWS_NOTHING = f"^[\\s{_CONTROL}{_FORMAT}{_DRAWN_AS_NOTHING}]*$"
_SHOWS_NOTHING = re.compile(SHOWS_NOTHING)
# What is left out of text a reader is sent (a supplier's assessment summary): the control
# characters but tab and line breaks, and the characters drawn as nothing. A direction override
# would show a reason reversed (and a name the redaction did not see), a C1 control as a box.
_NOT_SEEN = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f{_FORMAT}{_DRAWN_AS_NOTHING}]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")  # each a new line as a cell breaks one


def printable(text: object) -> str:
    """``text`` (anything; None is "") with control, bidirectional and invisible characters
    escaped."""
    if text is None:
        return ""
    text = str(text)
    if _UNSAFE.search(text) is None:  # almost always: no copy made
        return text
    return _UNSAFE.sub(_escaped, text)


def shows_nothing(text: str | None) -> bool:
    """Whether ``text`` (None too) shows nothing when written out: blank, or made only of
    whitespace, control characters and characters drawn as nothing ("\\u200b", "\\x01")."""
    return text is None or _SHOWS_NOTHING.match(text) is not None


def as_seen(text: str) -> str:
    """``text`` as a reader outside the evaluation is sent it: every line break a new line
    ("\\n"), and the other control characters and the characters drawn as nothing (zero-width
    spaces, direction overrides, soft hyphens) left out. Text that :func:`shows_nothing` is
    then blank or spaces."""
    if _NOT_SEEN.search(text) is None and _LINE_BREAKS.search(text) is None:
        return text  # almost always: no copy made
    return _NOT_SEEN.sub("", _LINE_BREAKS.sub("\n", text))


def name_text(name: str) -> str:
    """``name`` (a file or folder name as the disk gives it) as text every frame, JSON and
    workbook can hold: each byte that is not UTF-8 shown as ``\\xa3``, as :func:`printable`
    shows it."""
    if _NOT_TEXT.search(name) is None:  # almost always: no copy made
        return name
    return _NOT_TEXT.sub(_escaped, name)


# A line printed on a terminal is cut to this many characters, saying how long it was: a
# supplier's name can fill a cell (32,767 characters), and a line of 15,000 pushed every other
# line off the screen. The report, CSV and JSON hold every character.
LINE_SHOWN_UP_TO = 1_000


def cut(text: str, limit: int) -> str:
    """``text`` when it has at most ``limit`` characters, else its start and "…" in ``limit``."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def terminal_line(text: object) -> str:
    """``text`` as :func:`printable` makes it, cut to :data:`LINE_SHOWN_UP_TO` characters."""
    line = printable(text)
    if len(line) <= LINE_SHOWN_UP_TO:
        return line
    return f"{cut(line, LINE_SHOWN_UP_TO)} (a line of {len(line):,} characters, cut here)"


def _escaped(match: re.Match[str]) -> str:
    return "".join(_escape(char) for char in match.group())  # a run of marks: each one


def _escape(char: str) -> str:
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
