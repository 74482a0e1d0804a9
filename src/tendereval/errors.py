"""Problems found in inputs, and the few exceptions the library raises.

A Problem is data, not an exception: loaders collect every problem they find, with the
place it was found (file › sheet › cell), what was found and what was expected, and keep
going so that one bad bid never stops the others from loading. The command line prints
them grouped by file and exits 1.

Exceptions are for situations a caller cannot carry on from (a tender folder that does not
exist, a plan that cannot be read at all) and for bugs.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path, PurePath
from typing import TypeVar

T = TypeVar("T")


class Severity(StrEnum):
    """How serious a problem is.

    ERROR   the input cannot be used as it stands (the bid it belongs to is invalid);
    WARNING the input is usable but somebody should look at it (e.g. a macro-enabled workbook);
    """

    ERROR = "error"
    WARNING = "warning"


# What was found shown on a terminal up to this many characters (JSON, the report and the
# library keep all of it): a cell's 20,000 characters made a line of 20,000.
SHOWN_ON_A_TERMINAL = 300
# A line printed for one problem is at most terminal.LINE_SHOWN_UP_TO characters (1,000), its
# place (sheet › cell, or file › sheet › cell) always whole: LINE_ROOM is what the message,
# what was found and the advice may take after a place and label of up to 100 characters
# (a sheet's name is at most 31), and never less than LINE_ROOM_AT_LEAST beside a longer
# place. Each text of a file the problem names (its supplier, lot, what was found, and a name
# the message and the advice both quote: an evaluator's) is cut where it appears, to
# SHOWN_ON_A_TERMINAL, or to NAME_ON_A_FULL_LINE where the line would still be too long:
# a supplier's name (a cell of up to 32,767 characters), an evaluator's, made lines of 5,000
# and, quoted in the advice, of 1,900. A line still too long then keeps the first and last
# words of the advice (tendereval's own, the longest about 420 characters) and of the
# message, where the sentence says what is wrong, and loses their middles. The message keeps
# at least MESSAGE_ON_A_TERMINAL where the line has room: a message of the tool's own words
# beside long advice ("Weald Carers Trust sent two bid returns (… and …; the first has é as
# e + a mark, as a Mac stores it; …)", 330 characters) was cut at 300 through the very words
# that told the two files apart.
LINE_ROOM = 900
LINE_ROOM_AT_LEAST = 600
MESSAGE_ON_A_TERMINAL = 450
NAME_ON_A_FULL_LINE = 60


def _cut(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    from tendereval.terminal import cut

    return f"{cut(text, limit)} ({len(text):,} characters)"


def _middle_cut(text: str, room: int) -> str:
    """``text`` in at most ``room`` characters: its first and last words, its middle left out
    and counted."""
    if len(text) <= room:
        return text
    marker = len(f"… ({len(text):,} characters not shown) …")
    kept = max(room - marker, 0) // 2
    left_out = len(text) - 2 * kept
    return f"{text[:kept]}… ({left_out:,} characters not shown) …{text[len(text) - kept :]}"


# How many runs are run out before a pair of texts is left as found: a name of one letter
# repeated lines up everywhere (30,000 a's took minutes), and the line is cut short anyway.
RUNS_RUN_OUT = 64


def _shared_runs(text: str, other: str, longer_than: int) -> set[str]:
    """The runs of more than ``longer_than`` characters ``text`` and ``other`` both hold (a
    name quoted in both, as an evaluator's is in a message and its advice), each as long as
    it runs, less the spaces at its ends. Each such run holds a piece of ``k`` characters of
    ``other`` starting at a multiple of ``step``, so only those are looked for in ``text``.
    Where one is found, it is run out from there and from each place after it within that run
    (a name that repeats itself, "Evans Evans …", holds a piece at every word, and runs out
    whole only from where it starts), the longest kept. At most :data:`RUNS_RUN_OUT`."""
    if len(text) <= longer_than or len(other) <= longer_than:
        return set()
    k = max(1, longer_than // 2)
    step = longer_than - k + 1
    runs: set[str] = set()
    found: list[tuple[int, int]] = []  # where in text the runs found are
    left = RUNS_RUN_OUT
    for at in range(0, len(other) - k + 1, step):
        piece = other[at : at + k]
        i = text.find(piece)
        while i != -1 and left > 0:
            within = next((end for start, end in found if start <= i < end), None)
            if within is not None:
                i = text.find(piece, within)
                continue
            best, j = (i, i), i
            while j != -1 and j < max(best[1], i + 1) and left > 0:
                left -= 1
                start = j - _alike(text, j, other, at, -1)
                end = j + k + _alike(text, j + k, other, at + k, 1)
                best = max(best, (start, end), key=lambda run: run[1] - run[0])
                j = text.find(piece, j + 1)
            found.append(best)
            run = text[best[0] : best[1]].strip()
            if len(run) > longer_than:
                runs.add(run)
            i = text.find(piece, best[1])
        if left <= 0:
            break
    return runs


def _alike(text: str, i: int, other: str, j: int, way: int) -> int:
    """How many characters ``text`` and ``other`` have alike running on from ``i`` and ``j``
    (``way`` 1: forward from them; -1: back from just before them), found by halving."""
    most = min(len(text) - i, len(other) - j) if way == 1 else min(i, j)
    low, high = 0, most
    while low < high:
        mid = (low + high + 1) // 2
        same = (
            text[i : i + mid] == other[j : j + mid]
            if way == 1
            else text[i - mid : i] == other[j - mid : j]
        )
        low, high = (mid, high) if same else (low, mid - 1)
    return low


def _names_cut(texts: tuple[str, str], names: set[str], limit: int) -> tuple[str, str]:
    """``texts`` with each of ``names`` longer than ``limit`` cut to it where it appears (the
    longest first: a name may hold a shorter one)."""
    first, second = texts
    for name in sorted(names, key=len, reverse=True):
        if len(name) > limit:
            cut = _cut(name, limit)
            first, second = first.replace(name, cut), second.replace(name, cut)
    return first, second


# Problems alike (14,885 rows of one file with the same slip) are worked out once: looking
# for the names a long line quotes takes a millisecond or two.
@functools.lru_cache(maxsize=1_024)
def _on_a_line(
    message: str,
    found: str,
    expected: str,
    supplier: str | None,
    lot: str | None,
    limit: int,
    room: int,
) -> str:
    """A problem's text (:meth:`Problem.describe`) in ``room`` characters once printable."""
    from tendereval.terminal import printable

    # The names it gives (what was found, its supplier, lot) cut first; then names the
    # message and the advice both quote, looked for only when the line is still too long.
    named = {t for t in (supplier, lot, found) if isinstance(t, str) and t}
    parts = _parts(message, found, expected, named, limit)
    if sum(map(len, parts)) > room:
        quoted = _quoted(message, found, expected, named)
        for name_limit in (limit, NAME_ON_A_FULL_LINE):
            shared = {name for name in quoted if len(name) > name_limit}
            parts = _parts(message, found, expected, named | shared, name_limit)
            if sum(map(len, parts)) <= room:
                break
        else:
            parts = _within(*parts, room)
    # Escaped (a control character shows as \x1b), the text may be longer: cut again.
    shown, found_shown, advice = (printable(part) for part in parts)
    if len(shown) + len(found_shown) + len(advice) > room:
        shown, found_shown, advice = _within(shown, found_shown, advice, room)
    return f"{shown}{found_shown}{advice}"


def _parts(
    message: str, found: str, expected: str, named: set[str], name_limit: int
) -> tuple[str, str, str]:
    """(message, " (found …)", "; expected …"), each of ``named`` (texts of a file they
    name) cut to ``name_limit`` characters where it appears."""
    message, expected = _names_cut((message, expected), named, name_limit)
    found = f" (found {_cut(found, name_limit)})" if found else ""
    return message, found, f"; expected {expected}" if expected else ""


def _quoted(message: str, found: str, expected: str, named: set[str]) -> set[str]:
    """The names of more than :data:`NAME_ON_A_FULL_LINE` characters two of the message, the
    advice and what was found quote (an evaluator's, which the problem does not name as
    such), besides ``named``: looked for with those cut short (the texts are shortest so),
    and never across one of them."""
    short = NAME_ON_A_FULL_LINE
    message, expected = _names_cut((message, expected), named, short)
    cuts = [_cut(name, short) for name in named if len(name) > short]
    runs = (
        _shared_runs(expected, message, short)
        | _shared_runs(expected, found, short)
        | _shared_runs(message, found, short)
    )
    pieces = {piece.strip() for run in runs for piece in _split(run, cuts)}
    return {piece for piece in pieces if len(piece) > short}


def _within(message: str, found: str, advice: str, room: int) -> tuple[str, str, str]:
    """The parts of a problem's text in ``room`` characters: the advice keeps what the message
    needs not of the line (at least half of what is left beside what was found), the message
    the rest, each losing its middle; what was found (at most a name's length by now, but
    longer escaped: a control character shows as \\x1b) keeps a third of the line at most."""
    found = _middle_cut(found, room // 3)
    left = room - len(found)
    advice = _middle_cut(advice, max(left - min(len(message), MESSAGE_ON_A_TERMINAL), left // 2))
    return _middle_cut(message, left - len(advice)), found, advice


def _split(text: str, between: list[str]) -> list[str]:
    """``text`` in the pieces between each of ``between``."""
    pieces = [text]
    for mark in between:
        pieces = [piece for whole in pieces for piece in whole.split(mark)]
    return pieces


def line_room(prefix: str) -> int:
    """What a problem's text may take of a terminal line after ``prefix`` (its place and
    label): the line is at most terminal.LINE_SHOWN_UP_TO characters."""
    from tendereval.terminal import LINE_SHOWN_UP_TO

    return LINE_SHOWN_UP_TO - len(prefix)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    ``file`` is shown relative to the tender folder where possible (``bids/acme.xlsx``).
    ``supplier`` and ``lot`` say which bid the problem makes invalid (``lot`` None: all of that
    supplier's lots). ``code`` is a stable identifier for tests and machines
    (``price.not_a_number``); ``message`` is the sentence an officer reads.
    """

    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    found: str = ""
    expected: str = ""
    severity: Severity = Severity.ERROR
    code: str = ""
    supplier: str | None = None
    lot: str | None = None

    @property
    def where(self) -> str:
        """``bids/acme.xlsx › Prices › D14`` — only the parts that are known."""
        return " › ".join(part for part in (self.file, self.sheet, self.cell) if part)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def describe(self, limit: int | None = None, *, room: int = LINE_ROOM) -> str:
        """The message with what was found and what was expected, for a terminal or a report.
        With ``limit`` (the terminal's), the text is made printable (terminal.printable) and
        fits in ``room`` characters (at least :data:`LINE_ROOM_AT_LEAST`): what was found is
        cut to ``limit`` characters, each text of a file the message or the advice names (its
        supplier, lot, what was found, a name both quote) the same where it appears, or to
        :data:`NAME_ON_A_FULL_LINE` where that is not enough; then the advice and the message
        lose their middles. Without it, every character (the JSON, the report)."""
        found = f" (found {self.found})" if self.found else ""
        advice = f"; expected {self.expected}" if self.expected else ""
        if limit is None:
            return f"{self.message}{found}{advice}"
        return _on_a_line(
            self.message,
            str(self.found or ""),
            self.expected,
            self.supplier,
            self.lot,
            limit,
            max(room, LINE_ROOM_AT_LEAST),
        )

    def __str__(self) -> str:
        """One line for the terminal: text that came from a file (a supplier's name, a file
        name) has its control and bidirectional characters escaped (see terminal.py)."""
        from tendereval.terminal import printable

        where = printable(self.where)
        label = "warning" if self.severity is Severity.WARNING else "error"
        prefix = f"{where}: {label}: " if where else f"{label}: "
        return prefix + self.describe(SHOWN_ON_A_TERMINAL, room=line_room(prefix))

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["where"] = self.where
        return data


@dataclass
class Problems:
    """An ordered collection of problems with helpers to add, filter and group them."""

    items: list[Problem] = field(default_factory=list)

    def add(self, message: str, **where: object) -> Problem:
        problem = Problem(message, **where)  # type: ignore[arg-type]
        self.items.append(problem)
        return problem

    def warn(self, message: str, **where: object) -> Problem:
        return self.add(message, severity=Severity.WARNING, **where)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def by_file(self) -> dict[str, list[Problem]]:
        """Problems grouped by file, files in the order first seen (the plan first)."""
        grouped: dict[str, list[Problem]] = {}
        for problem in self.items:
            grouped.setdefault(problem.file, []).append(problem)
        return grouped


class TenderevalError(Exception):
    """Base class: something the caller cannot carry on from, explained in plain words."""


class TenderNotFound(TenderevalError):
    """The tender folder, or its plan, does not exist."""


def no_tender_folder(path: Path, advice: str = "") -> TenderNotFound:
    """The error for a ``path`` that is not a tender folder. A file (the plan itself, a bid)
    is named as one, with the folder to give: "there is no tender folder at …/tender.toml"
    read as wrong to an officer looking at that file. ``advice`` follows a path that is not
    there at all."""
    if path.is_file():
        holder = tender_holding(path)
        where = (
            f"give the folder that holds it: {holder}"
            if holder == path.parent
            else f"give the tender folder it belongs to: {holder}"
            if holder is not None
            else "give the tender folder, the one that holds tender.toml"
        )
        return TenderNotFound(f"{path} is a file, not a tender folder; {where}")
    return TenderNotFound(f"there is no tender folder at {path}{advice}")


def tender_holding(path: Path) -> Path | None:
    """The tender folder a file belongs to: the folder beside it or above it holding a plan.
    A bid return or score sheet is two levels down (bids/acme.xlsx), where "the folder that
    holds it" would be bids/, no tender folder either."""
    for folder in (path.parent, path.parent.parent):
        try:
            if (folder / "tender.toml").is_file():
                return folder
        except OSError:  # a folder that cannot be read says nothing
            continue
    return None


class InputError(TenderevalError):
    """The inputs have problems that stop the work asked for; ``problems`` lists them all
    (with file › sheet › cell) so they can be put right at once."""

    summary = "the inputs cannot be used"

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        first = next((p for p in self.problems if p.is_error), None)
        super().__init__(f"{self.summary}: {first}" if first else self.summary)


class PlanError(InputError):
    """The plan cannot be used; ``problems`` says every reason."""

    summary = "the evaluation plan cannot be used"


class NoBids(InputError):
    """The tender folder has no bids to score yet."""

    summary = "no bids were found"


class FolderChanged(InputError):
    """The tender folder is not as it was when the result being written was scored (a file
    changed, gone or new, or the folder moved): ``problems`` names each. Score it again."""

    summary = "the tender folder has changed since these results were scored"


class UsageError(TenderevalError):
    """The caller asked for something that does not make sense (bad option values)."""


def whole_number(name: str, value: object, low: int, high: int) -> int:
    """``value`` when it is a whole number from ``low`` to ``high``, else a UsageError: the
    bounds the command line puts on an option, kept for a caller in Python (where a float is
    silently cut, a negative count gives negative probabilities and a seed too large for a
    64-bit integer failed deep inside polars)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise UsageError(f"{name} must be a whole number from {low} to {high:,} (got {value!r})")
    return value


def path_argument(
    name: str, value: object, expected: str = "a path (text or pathlib.Path)"
) -> Path:
    """``value`` as a ``Path`` when it is text or a path, else a UsageError naming the
    argument: None, a number or bytes from a notebook failed inside pathlib with "expected
    str, bytes or os.PathLike object", which names neither the argument nor the function."""
    if isinstance(value, PurePath) or (isinstance(value, str) and value.strip()):
        return Path(value)
    raise UsageError(f"{name} must be {expected} (got {value!r:.60})")


def workbook_path(value: object, name: str = "path") -> Path:
    """``value`` as the path of an Excel workbook to write: it must end in .xlsx. The one rule
    for every workbook written (a report, a template, an allocation, the lot splits), with the
    one message, whether the path came from Python or the command line's ``-o``
    (``write_report(result, "report.csv")`` wrote a workbook under a name that every program
    then opened as text). ``name`` is the argument, as a Python caller knows it."""
    path = path_argument(name, value, "the path of the .xlsx workbook to write")
    if path.suffix.lower() != ".xlsx":
        raise UsageError(not_xlsx(path))
    return path


def not_xlsx(path: PurePath) -> str:
    """Why ``path`` cannot be written: what was given and what is expected, with the name
    that would do (``report.csv``: ``report.xlsx``)."""
    said = f"the workbook is written as .xlsx, so its name must end in .xlsx (got {path.name!r:.80}"
    stem = path.stem.rstrip(".")
    if stem:
        said += f"; for example {stem + '.xlsx'!r:.80}"
    return said + ")"


def warnings_argument(
    value: object, how: str = "tendereval.scenarios(...).warnings"
) -> tuple[Problem, ...]:
    """``value`` as the warnings a writer lists: None is none (a natural value for an optional
    argument), anything else must be a list or tuple of Problems (``how``: where they come
    from). None failed with "object of type 'NoneType' has no len()", text with "'str'
    object has no attribute 'cell'"."""
    if value is None:
        return ()
    if isinstance(value, list | tuple) and all(isinstance(p, Problem) for p in value):
        return tuple(value)
    raise UsageError(
        f"warnings must be a list of Problems, such as {how}, or None (got {described(value)})"
    )


def made_by(name: str, value: object, kind: type, how: str) -> None:
    """A UsageError unless ``value`` is a ``kind``: what ``name`` takes (``how``: where such
    a value comes from) and what it was given, instead of an AttributeError deep inside."""
    if not isinstance(value, kind):
        raise UsageError(f"{name} takes {how}; it was given {described(value)}")


def described(value: object) -> str:
    """What a caller passed, in a few words: ``a Tender``, ``the text 'examples/…'``."""
    if value is None:
        return "nothing (None)"
    if isinstance(value, str | PurePath):
        kind = "text" if isinstance(value, str) else "path"
        return f"the {kind} {str(value)[:80]!r}"
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def lot_argument(lot: object, lots: Collection[str]) -> str:
    """``lot`` when it is one of the tender's ``lots``, else a UsageError naming them: a lot
    the tender does not have ('csb' for 'CSB') read as one nobody bid for, or with no award."""
    example = repr(next(iter(lots), "CSB"))
    if not isinstance(lot, str):
        # A number failed inside polars ("cannot compare string with numeric type").
        raise UsageError(f"lot must be a lot id as text, such as {example} (got {lot!r:.60})")
    if lot not in lots:
        raise UsageError(
            f"there is no lot {lot!r:.60} in this tender; its lots are {', '.join(lots)}"
        )
    return lot


def progress_argument(
    name: str, value: T, expected: str = "called with each line of text, such as print"
) -> T:
    """``value`` when it is None or can be called, else a UsageError: ``steps=1`` or
    ``progress=True`` failed at the first step with "'int' object is not callable"."""
    if value is not None and not callable(value):
        raise UsageError(f"{name} must be a function {expected}, or None (got {value!r:.60})")
    return value


def yes_or_no(name: str, value: object) -> bool:
    """``value`` when it is True or False, else a UsageError: a notebook's
    ``sensitivity="no"`` is truthy and silently ran what it meant to skip."""
    if not isinstance(value, bool):
        raise UsageError(f"{name} must be True or False (got {value!r:.60})")
    return value


def seconds_limit(name: str, value: object) -> float | None:
    """``value`` when it is None or a number of seconds above 0, else a UsageError: the bound
    ``--time-limit`` puts on the command line, kept for a caller in Python (0 or -1 left CBC
    'not_solved', and text or NaN reached the solver)."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 < value < float("inf")  # NaN fails this too
    ):
        raise UsageError(f"{name} must be a number of seconds above 0, or None (got {value!r})")
    return float(value)
