"""Reading the TOML files officers write (the plan, the scenarios file) into checked values.

Every bad value becomes a Problem naming the file and the key (``lots[2].volumes.hours``) in
place of a sheet and cell, what was found and what was expected; reading carries on so that
every problem in the file is reported at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from tendereval.errors import Problem, Problems, Severity
from tendereval.io.files import Fingerprint, read_input
from tendereval.limits import MAX_TOML_BYTES, MAX_TOML_DEPTH
from tendereval.terminal import shows_nothing


def is_number(value: Any) -> bool:
    """A finite int or float written without quotes (true/false is not a number), small
    enough to be worked with as a float (a whole number of 309 digits or more is not)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return not too_large(value) if isinstance(value, int) else math.isfinite(value)


def too_large(value: Any) -> bool:
    """Whether ``value`` is a whole number beyond any float: TOML takes one of up to 4,300
    digits, and arithmetic on it as a float fails."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and abs(value) > sys.float_info.max
    )


def as_written(value: Any) -> str:
    """``value`` as TOML writes it, for a message's "found": ``12:00:00``, ``nan``,
    ``1979-05-27T07:32:00-08:00``, ``{a = 1, b = [true]}``, text in double quotes; never a
    Python repr (``datetime.time(12, 0)``), which the officer did not write. A whole number too
    long to read is told by its length, a long list or table cut short."""
    return _cut(_written(value), 200)


def _written(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = str(abs(value))
        return str(value) if len(digits) <= 40 else f"a whole number of {len(digits):,} digits"
    if isinstance(value, float):
        return f"{value:.12g}"  # 100.0001 must not show as 100; nan and inf as TOML has them
    if isinstance(value, (dt.date, dt.time)):  # (a datetime is a date)
        return value.isoformat()
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_written(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{_key(k)} = {_written(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return str(value)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes and backslashes escaped, and every control
    character (which TOML does not allow raw) as an escape."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _not_utf8(data: bytes, at: int) -> str:
    """Where the first byte that is not UTF-8 is, and what it likely was: an editor saving in
    Windows-1252 writes £ as the single byte A3, which UTF-8 cannot read. ``at`` counts from
    after a byte-order mark, as the utf-8-sig decoder does."""
    at += 3 if data.startswith(b"\xef\xbb\xbf") else 0
    line = data.count(b"\n", 0, at) + 1
    column = at - (data.rfind(b"\n", 0, at) + 1) + 1
    byte = data[at]
    guess = bytes([byte]).decode("cp1252", errors="replace")
    seen = f" ({guess!r} in Windows-1252)" if guess.isprintable() and guess != "\ufffd" else ""
    return f"byte {byte:02X} at line {line}, column {column}{seen}"


_AT_LINE = re.compile(r"at line (\d+), column \d+")
_CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
# A date as people write one: 04/03/2026, 2026-3-4, 4 March 2026, 4th March 2026, and a
# date with a time of no seconds (2026-03-04 10:00), which TOML does not take.
_DATE_AS_WRITTEN = re.compile(
    r"=\s*(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2})?"
    r"|\d{1,2}(st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})\s*(#.*)?$"
)
_UNQUOTED = re.compile(r"^\s*[A-Za-z_][\w.-]*\s*=\s*[A-Za-z][^\"'\[{]*$")


def _line_of(text: str, error: str) -> str:
    """The line of ``text`` the parser's ``error`` names ("" when it names none)."""
    found = _AT_LINE.search(error)
    lines = text.splitlines()
    number = int(found.group(1)) if found else 0
    return lines[number - 1].strip() if 0 < number <= len(lines) else ""


def _cut(line: str, most: int = 100) -> str:
    return line if len(line) <= most else line[: most - 1] + "…"


def _slip(line: str) -> str:
    """What was most likely typed wrong on ``line``, as the start of what is expected: the
    slips an officer editing a TOML file makes ("" when none of them is seen)."""
    if any(mark in line for mark in _CURLY):
        return (
            'straight quotes (") around text: the line holds curly quotes (“ ”), as a word '
            "processor or email types them; "
        )
    if _DATE_AS_WRITTEN.search(line):
        return (
            "dates written as 2026-03-04 (the year, then two digits each for the month and "
            "the day); "
        )
    if _UNQUOTED.match(line) and line.split("=", 1)[1].strip() not in ("true", "false"):
        return 'text in double quotes (supplier = "Weald Carers Trust"); '
    return ""


def parse_toml_file(
    path: Path, label: str, noun: str, example: str, prefix: str, problems: Problems
) -> tuple[dict[str, Any] | None, Fingerprint | None]:
    """The parsed file and the fingerprint of its bytes (None when it could not be read); the
    parsed file is None, with one problem, when it is not UTF-8 TOML of a sensible size and
    depth. The size and depth are checked before the TOML parser sees the text: it takes time
    and memory growing with the square of a key's depth."""
    read = read_input(path, label, MAX_TOML_BYTES, "file")
    if isinstance(read, Problem):
        if read.code == "file.too_large":
            read = replace(read, message=f"{noun} is far larger than any real one, so it was not "
                           "read", code=f"{prefix}.too_large")  # fmt: skip
        problems.items.append(read)
        return None, None
    try:
        # utf-8-sig: Windows Notepad starts a UTF-8 file with a byte-order mark.
        text = read.data.decode("utf-8-sig")
        found = too_deep(text)
        if found:
            problems.add(
                f"{noun} nests keys or brackets too deeply to be read",
                file=label,
                found=found,
                expected=f"keys of at most {MAX_TOML_DEPTH} parts and brackets nested at most "
                f"{MAX_TOML_DEPTH} deep, as in {example}",
                code=f"{prefix}.too_deep",
            )
            return None, read.fingerprint
        return tomllib.loads(text), read.fingerprint
    except UnicodeDecodeError as exc:
        problems.add(
            f"{noun} is not UTF-8 text",
            file=label,
            found=_not_utf8(read.data, exc.start),
            expected="a text file saved as UTF-8 (in Notepad: Save as, Encoding UTF-8)",
            code=f"{prefix}.encoding",
        )
    except tomllib.TOMLDecodeError as exc:
        line = _line_of(text, str(exc))
        problems.add(
            f"{noun} is not valid TOML",
            file=label,
            found=str(exc) + (f": {_cut(line)}" if line else ""),
            expected=_slip(line) + f"key = value lines as in {example}",
            code=f"{prefix}.syntax",
        )
    except ValueError:  # valid TOML Python will not convert: a whole number of 4,300+ digits
        problems.add(
            f"{noun} holds a number too long to read",
            file=label,
            found="a whole number of more than 4,300 digits",
            expected=f"key = value lines as in {example}",
            code=f"{prefix}.syntax",
        )
    except RecursionError:  # brackets nested thousands deep: tomllib reads them recursively
        problems.add(
            f"{noun} nests lists or tables too deeply to read",
            file=label,
            found="brackets nested thousands deep",
            expected=f"key = value lines as in {example}",
            code=f"{prefix}.syntax",
        )
    return None, read.fingerprint


def read_toml_quietly(path: Path) -> dict[str, Any] | None:
    """A TOML file parsed under the same limits, or None for any problem at all (for a
    command peeking at the plan before the library reads it properly)."""
    raw, _ = parse_toml_file(path, path.name, "the file", "", "toml", Problems())
    return raw


# Text TOML never treats as structure: strings (multi-line first) and comments, each starting
# at one of these, found one after another by _without_strings_and_comments.
_STRING_OR_COMMENT_STARTS = re.compile("[\"'#]")
_BASIC_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')
_LITERAL_STRING = re.compile(r"'[^'\n]*'")
# A dotted key, looked for only where a word starts: tried at every character of a long word
# with no dot after it, it read the rest of the word each time (a tender.toml of one word of
# 16,000 letters took 3.4 processor-seconds, hours at the 1 MB a TOML file may hold).
_DOTTED = re.compile(r"(?<![\w-])[\w-]+(?:[ \t]*\.[ \t]*[\w-]+)+")
_BRACKETS = re.compile(r"[\[\]{}]")


def _without_strings_and_comments(text: str) -> str:
    """``text`` with each string and comment replaced by "_", as the one pattern of them did
    (three quotes to the next three, either kind; a quoted string on one line, a backslash
    escaping the next character in "..."; # to the line's end), but a quote left open is read
    to the end of its line once, not again from each quote after it: a line of '"\\' 8,000
    times took 0.8 processor-seconds, four times as long for each doubling (a TOML file may
    hold 1 MB: hours). Each quote after an open one on its line was read by the pattern as
    escaped, so it is left open too."""
    parts: list[str] = []
    kept = at = 0  # the text before ``kept`` is in ``parts``; look on from ``at``
    open_until = -1  # a basic string starting before this is left open (its line's end)
    unclosed = {'"""': len(text) + 1, "'''": len(text) + 1}  # no triple quote closes after
    while found := _STRING_OR_COMMENT_STARTS.search(text, at):
        start, end = found.start(), -1
        triple = text[start : start + 3]
        if triple in unclosed and start < unclosed[triple]:
            end = text.find(triple, start + 3)
            if end < 0:
                unclosed[triple] = start
            else:
                end += 3
        if end < 0 and text[start] == '"' and start >= open_until:
            basic = _BASIC_STRING.match(text, start)
            if basic:
                end = basic.end()
            else:
                line_end = text.find("\n", start)
                open_until = len(text) if line_end < 0 else line_end
        elif end < 0 and text[start] == "'":
            literal = _LITERAL_STRING.match(text, start)
            end = literal.end() if literal else -1
        elif text[start] == "#":
            line_end = text.find("\n", start)
            end = len(text) if line_end < 0 else line_end
        if end < 0:
            at = start + 1
            continue
        parts += [text[kept:start], "_"]
        kept = at = end
    return "".join(parts) + text[kept:]


def too_deep(text: str) -> str:
    """What nests deeper than :data:`MAX_TOML_DEPTH` (a dotted key's parts, or brackets), in
    words; "" when nothing does. Strings and comments are left out first, so dots and
    brackets in text do not count (a float's one dot may: it is far from the limit)."""
    bare = _without_strings_and_comments(text)
    parts = max((m.group().count(".") + 1 for m in _DOTTED.finditer(bare)), default=0)
    if parts > MAX_TOML_DEPTH:
        return f"a key of {parts:,} parts"
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(bare):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_TOML_DEPTH:
        return f"brackets nested {deepest:,} deep"
    return ""


class _Nothing:
    """What is found where a value is missing: the word, never quoted as if it were text the
    file holds (the plan's reader quotes text found: "found 'nothing'" read as a value)."""

    def __repr__(self) -> str:
        return "nothing"


NOTHING = _Nothing()


class TomlReader:
    """Typed access to parsed TOML that records a problem for every bad value.

    ``prefix`` starts every problem code (``plan.not_a_number``); ``noun`` names the file in
    messages ("the plan"). Subclasses may change how found values are shown.
    """

    def __init__(self, label: str, problems: Problems, prefix: str, noun: str):
        self.label = label
        self.problems = problems
        self.prefix = prefix
        self.noun = noun
        # (cell, code, message) of each problem recorded so far, and how many were looked at:
        # a file with thousands of problems checked each new one against every other.
        self._said: set[tuple[Any, str, str]] = set()
        self._looked_at = 0

    def show(self, value: Any) -> str:
        """A value found, in a message: text as it is, anything else as TOML writes it."""
        return value if isinstance(value, str) else as_written(value)

    def bad(
        self,
        key: str,
        message: str,
        found: Any,
        expected: str,
        code: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Record a problem; ``code`` without a dot gets the reader's prefix. The same problem
        at the same key is recorded once (two settings read from one broken section)."""
        code = code if "." in code else f"{self.prefix}.{code}"
        items = self.problems.items
        for p in items[self._looked_at :]:  # those added since, here or elsewhere
            self._said.add((p.cell, p.code, p.message))
        self._looked_at = len(items)
        if (key, code, message) in self._said:
            return
        self.problems.add(
            message,
            file=self.label,
            cell=key,
            found=self.show(found),
            expected=expected,
            code=code,
            severity=severity,
        )

    def table(self, parent: dict[str, Any], key: str, required: bool = False) -> dict[str, Any]:
        value = parent.get(key)
        if value is None:
            if required:
                self.bad(key, f"{self.noun} has no [{key}] section", NOTHING,
                         f"a [{key}] section", "missing_section")  # fmt: skip
            return {}
        if not isinstance(value, dict):
            self.bad(key, f"[{key}] must be a section", value, f"a [{key}] section",
                     "not_a_section")  # fmt: skip
            return {}
        return value

    def array(
        self, parent: dict[str, Any], key: str, shown: str, required: bool = False
    ) -> list[tuple[str, dict[str, Any]]]:
        """``(key[i], table)`` for each table of an array of tables."""
        value = parent.get(key)
        if value is None or value == []:
            if required:
                self.bad(key, f"{self.noun} has no {shown} entries", NOTHING,
                         f"at least one {shown} table", "missing_section")  # fmt: skip
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.bad(key, f"{key} must be written as {shown} tables", value, f"{shown} tables",
                     "not_a_section")  # fmt: skip
            return []
        return [(f"{key}[{i}]", spec) for i, spec in enumerate(value)]

    def text(
        self,
        table: dict[str, Any],
        key: str,
        where: str,
        required: bool = False,
        default: str | None = None,
    ) -> str | None:
        value = table.get(key)
        # (Text that shows nothing, a zero-width space or a control character, is none: a
        # reason so written explains nothing.)
        if value is None or (isinstance(value, str) and shows_nothing(value)):
            if required:
                self.bad(where, f"{where} is required", NOTHING, "some text", "missing_value")
            return default
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if not isinstance(value, str):
            self.bad(where, f"{where} must be text", value, "text in quotes", "not_text")
            return default
        return value.strip()

    def number(
        self,
        table: dict[str, Any],
        key: str,
        where: str,
        required: bool = False,
        default: float | None = None,
        low: float | None = None,
        high: float | None = None,
        above: bool = False,
    ) -> float | None:
        """A finite number; ``low``/``high`` bound it (``above``: strictly more than low)."""
        value = table.get(key)
        if value is None:
            if required:
                self.bad(where, f"{where} is required", NOTHING, "a number", "missing_value")
            return default
        lower = (
            None
            if low is None
            else f"more than {_bound(low)}"
            if above
            else f"at least {_bound(low)}"
        )
        upper = None if high is None else f"at most {_bound(high)}"
        bounds = " and ".join(b for b in (lower, upper) if b)
        if too_large(value):
            # Valid TOML, and no amount anyone means: a key held down, or digits pasted twice.
            self.bad(where, f"{where} holds a number too large", value,
                     f"a number {bounds or 'of at most 15 digits'}", "out_of_range")  # fmt: skip
            return default
        if isinstance(value, float) and not math.isfinite(value):
            self.bad(where, f"{where} must be a finite number", value,
                     "a number such as 0.8 (nan and inf are no amount)",
                     "not_a_number")  # fmt: skip
            return default
        if not is_number(value):
            self.bad(where, f"{where} must be a number", value, "a number without quotes",
                     "not_a_number")  # fmt: skip
            return default
        too_low = low is not None and (value <= low if above else value < low)
        too_high = high is not None and value > high
        if too_low or too_high:
            self.bad(where, f"{where} is out of range", value, f"a number {bounds}",
                     "out_of_range")  # fmt: skip
            return default
        return float(value)

    def flag(self, table: dict[str, Any], key: str, where: str, default: bool = False) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.bad(where, f"{where} must be true or false", value, "true or false",
                     "not_a_flag")  # fmt: skip
            return default
        return value

    def unknown(self, table: dict[str, Any], known: set[str], where: str) -> None:
        """Warn about keys nobody reads: usually a typo that would silently be ignored."""
        for key in table:
            if key not in known:
                place = f"{where}.{key}" if where else key
                self.bad(place, "this key is not used (a typo?)", key,
                         "one of " + ", ".join(sorted(known)), "unknown_key",
                         Severity.WARNING)  # fmt: skip


def _bound(number: float) -> str:
    """A bound as an officer reads it: 1,000,000,000 rather than 1e+09."""
    return (
        f"{int(number):,}" if float(number).is_integer() and abs(number) < 1e15 else f"{number:g}"
    )
