"""A summary written now compared with the one its supplier was sent, as the supplier reads it.

The two were compared by the checksums of their zip parts, so any byte made them "other
figures" and the standstill period started again: a summary sent, opened and saved again by
LibreOffice (each number written to 15 significant digits, the styles and parts its own), or a
full stop added to the tender's title. Now the cells are read, sheet by sheet, and compared as
the supplier reads them: text as it is, a number to the 15 significant digits Excel keeps and
shows (not to the 2 places of its format: a point that differs in the third place is another
figure, which the supplier sees on clicking the cell). What differs is said by sheet › cell,
as sent and as now; and only a difference in the identification at the top of the Summary
sheet (the tender's title, the supplier's address, the plan it names) is not one of figures
or decision.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import zip_longest
from pathlib import Path
from typing import Any

from tendereval.regimes import summaries_counted
from tendereval.wording import counted

# The part of a workbook that records when it was written: summaries written from the same
# scores differ in it alone (they carry the time scoring ran).
_WHEN_WRITTEN = "docProps/core.xml"
SUMMARY_SHEET = "Summary"
# The rows at the top of the Summary sheet that say whose summary it is and of what tender:
# labels in column A, the value in column B (report/summaries.py _write_front). A difference
# there alone (the tender's title corrected) is no figure, score, explanation or decision.
IDENTIFICATION = (
    "Supplier",
    "Contact postal address",
    "Contact email address",
    "Unique identifier",
    "Company number",
    "Charity number",
    "Contracting authority",
    "Tender",
    # As summaries written before reg 31's names were used labelled them: one sent then is
    # still read so.
    "Address",
    "Email",
    "Identifier",
)
PLAN_LABEL = "Evaluation plan"
# The rows reg 31(2)(b)-(c) added under a supplier's name (report/summaries.CONTACT_LABELS).
CONTACT_ROWS = ("Contact postal address", "Contact email address", "Unique identifier")
# Row 1 holds the title ("Assessment summary — <the tender's title>"), row 2 the legal basis.
_HEADING = {"A1": "Title", "A2": "Legal basis"}
_DIGITS = 15  # the significant digits Excel keeps of a number, and shows
_CELL = re.compile(r"([A-Z]+)(\d+)")


@dataclass(frozen=True)
class Difference:
    """One cell of a summary that reads otherwise now than in the one sent ("" for none)."""

    sheet: str
    cell: str
    sent: str
    now: str
    # A number on either side: a figure (a score, points, a total) reads otherwise.
    figure: bool = False
    # The label of the row it is in (column A, as sent, else as now): whose details it gives.
    about: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.sheet} › {self.cell}" if self.cell else self.sheet
        sent, now = _apart(self.sent, self.now)
        return f'{where}: "{sent}" when sent, "{now}" now'


@dataclass(frozen=True)
class Likeness:
    """How a summary written now compares with the one sent. ``same``: it tells its supplier
    the same figures, scores, explanations and decision (``figures`` is empty). ``plan_sent``
    and ``plan_now``: the evaluation plans they name, when those differ (the plan file changed
    since), else "". ``wording``: the other differences in the identification at the top of
    the Summary sheet (the tender's title). ``figures``: what else differs, in sheet order."""

    same: bool
    plan_sent: str = ""
    plan_now: str = ""
    wording: tuple[Difference, ...] = ()
    figures: tuple[Difference, ...] = ()


def same_summary(now: Path, sent: Path) -> Likeness:
    """Whether the summary at ``now`` tells its supplier what the one at ``sent`` did. Every
    zip part alike but the time written: the same, nothing read. Otherwise each cell of each
    sheet is read and compared as shown (:func:`_shown`); a summary that cannot be read as a
    workbook is unlike any."""
    try:
        # Regular files only: a named pipe in the folder would block the open for ever.
        if not (now.is_file() and sent.is_file()):
            found = ("a file" if path.is_file() else "none" for path in (sent, now))
            return Likeness(False, figures=(Difference("the summary", "", *found),))
        if _parts(now) == _parts(sent):
            return Likeness(True)
    except (OSError, zipfile.BadZipFile):
        pass  # compared cell by cell, which says it cannot be read
    ours, theirs = _cells(now), _cells(sent)
    if ours is None or theirs is None:
        read = (
            "a workbook" if cells is not None else "no workbook that can be read"
            for cells in (theirs, ours)
        )
        return Likeness(False, figures=(Difference("the summary", "", *read),))
    return _likeness(_differences(theirs, ours), theirs)


def _parts(path: Path) -> dict[str, tuple[int, int]]:
    with zipfile.ZipFile(path) as book:
        return {
            info.filename: (info.CRC, info.file_size)
            for info in book.infolist()
            if info.filename != _WHEN_WRITTEN
        }


Cells = dict[str, dict[str, Any]]  # sheet → cell reference → value, in the workbook's order


def _cells(path: Path) -> Cells | None:
    """Each sheet's cells holding a value, as shown; None for a file that is no workbook
    that can be read (checked as any workbook from outside is: a summary folder is shared)."""
    from tendereval.io.safety import inspect
    from tendereval.io.xlsx import Workbook, column_letter

    problems, parts, _ = inspect(path, path.name)
    if parts is None or any(problem.is_error for problem in problems):
        return None
    try:
        book = Workbook(parts)
        try:
            cells: Cells = {}
            for name in book.sheet_names:
                sheet = cells.setdefault(name, {})
                for number, row in book.rows(name):
                    for column, cell in row.items():
                        shown = _shown(book.value(cell)[0])
                        if shown is not None:
                            sheet[f"{column_letter(column)}{number}"] = shown
            return cells
        finally:
            book.close()
    except Exception:  # any parser failure on a damaged file: it cannot be compared
        return None


def _shown(value: Any) -> Any:
    """A cell's value as its reader sees it: a number to 15 significant digits (Excel keeps
    no more; LibreOffice writes no more), text as it is, an empty text as no value."""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        return float(f"{value:.{_DIGITS}g}") if math.isfinite(value) else str(value)
    if value is None or value == "":
        return None
    return str(value)


def _differences(sent: Cells, now: Cells) -> list[Difference]:
    """Each cell that reads otherwise, in sheet order then row by row, the rows of the two
    aligned by what they hold (:func:`_aligned_rows`)."""
    found: list[Difference] = []
    for sheet in [*sent, *(name for name in now if name not in sent)]:
        if sheet not in now or sheet not in sent:
            shown = ("a sheet", "none") if sheet in sent else ("none", "a sheet")
            found.append(Difference(sheet, "", *shown))
            continue
        for theirs, ours in _aligned_rows(sent[sheet], now[sheet]):
            row_sent, cells_sent = theirs or (0, {})
            row_now, cells_now = ours or (0, {})
            label = cells_sent.get("A", cells_now.get("A"))
            for column in sorted({*cells_sent, *cells_now}, key=lambda c: (len(c), c)):
                sent_value, now_value = cells_sent.get(column), cells_now.get(column)
                if _alike(sent_value, now_value):
                    continue
                figure = isinstance(sent_value, float) or isinstance(now_value, float)
                ref = f"{column}{row_sent}" if theirs else f"{column}{row_now}"
                about = label if isinstance(label, str) else ""
                found.append(
                    Difference(sheet, ref, _text(sent_value), _text(now_value), figure, about)
                )
    return found


Row = tuple[int, dict[str, Any]]  # a row's number and its cells by column letters


def _aligned_rows(sent: dict[str, Any], now: dict[str, Any]) -> list[tuple[Row | None, Row | None]]:
    """The rows of a sheet as sent beside the rows of it now, paired by what they hold: a row
    by its label in column A (or, unlabelled, by all it holds), in order. A summary laid out
    with rows added (reg 31's contact details under the supplier's name) then compares each
    row with its own, not with the row that came to stand at its number: compared cell by
    cell, every cell below the added rows read as another figure, and a summary sent the day
    before an upgrade was to be sent again. Rows one side alone has are paired with None."""
    rows_sent, rows_now = _rows(sent), _rows(now)
    matcher = SequenceMatcher(
        None,
        [_row_key(cells) for _, cells in rows_sent],
        [_row_key(cells) for _, cells in rows_now],
        autojunk=False,
    )
    pairs: list[tuple[Row | None, Row | None]] = []
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        # (Alike, or told apart row by row in order: a row changed in its label as well.)
        pairs += zip_longest(rows_sent[i1:i2], rows_now[j1:j2])
    return pairs


def _rows(cells: dict[str, Any]) -> list[Row]:
    rows: dict[int, dict[str, Any]] = {}
    for ref, value in cells.items():
        match = _CELL.fullmatch(ref)
        if match:
            rows.setdefault(int(match.group(2)), {})[match.group(1)] = value
    return sorted(rows.items())


def _row_key(cells: dict[str, Any]) -> object:
    label = cells.get("A")
    return ("A", label) if label is not None else tuple(sorted(cells.items()))


def _alike(sent: Any, now: Any) -> bool:
    """The same as shown; two numbers a unit apart in the 15th significant digit too (the
    same number rounded there by two programs)."""
    if isinstance(sent, float) and isinstance(now, float):
        return math.isclose(sent, now, rel_tol=1e-14)
    return sent == now


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{_DIGITS}g}"
    return str(value)


def _likeness(found: list[Difference], sent: Cells) -> Likeness:
    """The differences split: the plan named, the identification, and the rest (figures)."""
    labels = _identification(sent.get(SUMMARY_SHEET, {}))
    at_top = [d for d in found if d.sheet == SUMMARY_SHEET and d.cell in labels]
    plan = [d for d in at_top if labels[d.cell] == PLAN_LABEL]
    # A row of whose summary it is, wherever it stands: on the Summary sheet, or the most
    # advantageous tender's contact details on a lot's sheet (reg 31(2)(b)-(c)).
    wording = [
        d
        for d in found
        if d not in plan and (d in at_top or (d.about in IDENTIFICATION and not d.figure))
    ]
    figures = [d for d in found if d not in plan and d not in wording]
    plan_sent, plan_now = (plan[0].sent, plan[0].now) if plan else ("", "")
    return Likeness(not figures, plan_sent, plan_now, tuple(wording), tuple(figures))


def _identification(summary: dict[str, Any]) -> dict[str, str]:
    """The cells of the Summary sheet that identify the summary, each with its label: the
    title and legal basis (rows 1 and 2), and column B of each row labelled in
    :data:`IDENTIFICATION` or :data:`PLAN_LABEL`, down to the first row labelled otherwise."""
    cells = dict(_HEADING)
    row = 4  # where the labelled rows start, below the line a summary not to be sent has
    while summary.get(f"A{row}") in (*IDENTIFICATION, PLAN_LABEL):
        cells[f"B{row}"] = summary[f"A{row}"]
        row += 1
    return cells


def supplier_named(path: Path) -> str | None:
    """The supplier the summary at ``path`` names at the top of its Summary sheet (as it is
    seen), None for a file that is no summary that can be read: whose summary it is, whatever
    its file name."""
    return whose(path)[0]


def whose(path: Path) -> tuple[str | None, frozenset[str]]:
    """Whose the summary at ``path`` is, as the top of its Summary sheet says: the supplier
    it names (as it is seen; None for a file that is no summary that can be read), and the
    registrations it gives (:func:`registered_as`). A name may be corrected after the summary
    went out ("Hopgarden Respite CIC" to "Hop Garden Respite CIC"); its Companies House or
    charity number is not."""
    if not path.is_file():
        return None, frozenset()
    summary = (_cells(path) or {}).get(SUMMARY_SHEET, {})
    labels = _identification(summary)
    found = [cell for cell, label in labels.items() if label == "Supplier"]
    name = str(summary[found[0]]) if found and found[0] in summary else None
    given = " ".join(
        f"{label} {summary[cell]}; " for cell, label in labels.items() if cell in summary
    )
    return name, frozenset(
        f"{kind.casefold()} {number.casefold()}" for kind, number in _REGISTRATION.findall(given)
    )


# A registration as a summary gives it at its top: "Company number 12650384" and "Charity
# number 1187342", in one cell labelled Identifier (report/summaries.py _identifier) or each
# in a row of its own labelled so.
_REGISTRATION = re.compile(r"\b(company|charity) number:?\s+([A-Za-z0-9]+)", re.IGNORECASE)


def registered_as(company_number: str | None, charity_number: str | None) -> frozenset[str]:
    """A supplier's registrations, as :func:`whose` reads them from its summary."""
    given = [("company", company_number), ("charity", charity_number)]
    return frozenset(
        f"{kind} {number.strip().casefold()}" for kind, number in given if number and number.strip()
    )


def sent_under_other_names(
    sent: list[Path], named: dict[str, str], now: dict[str, Path]
) -> dict[str, Path]:
    """Which summary written now each summary sent under a name none has now is: name now →
    the one sent. Its supplier's, as the Summary sheet names it (``named``: each supplier as
    a summary names it → the name of its summary now); else one that holds the same as a
    summary written now that has none sent under its name (``now``: name → the one written),
    as the supplier reads it (a supplier's name corrected since). An earlier version spelled
    some names otherwise ('Ørsted Respite CIC' was rsted-respite-cic-…): its summary sent was
    taken for one missing and another replaced, and the standstill period started again."""
    found: dict[str, Path] = {}
    unclaimed: list[Path] = []
    for path in sent:
        name = named.get(supplier_named(path) or "")
        if name is not None and name not in found:
            found[name] = path
        elif name is None:
            unclaimed.append(path)
    for path in unclaimed:
        alike = (n for n, p in now.items() if n not in found and same_summary(p, path).same)
        name = next(alike, None)
        if name is not None:
            found[name] = path
    return found


def why_unlike(likeness: Likeness) -> str:
    """What makes a summary unlike the one sent, in words from what differs: only a figure
    differing is "the scores have changed"; a summary absent or unreadable is not."""
    figures = likeness.figures
    whole = [d for d in figures if d.sheet == "the summary"]
    if whole and whole[0].sent == "none":
        return "no summary sent is there under that name (removed, or renamed)"
    if whole:
        return "the summary there cannot be read as a workbook"
    if any(d.figure for d in figures):
        return "the scores have changed since they were written"
    return (
        "what it says has changed since it was written (no figure: an explanation, an "
        "outcome or a sheet)"
    )


def differs_in(likeness: Likeness | None) -> str:
    """What a summary sent differs from the one written now in, in a word: "figures" when a
    number reads otherwise (a score, points, a total), "wording" when only text does (an
    explanation reworded, an outcome), "" when that cannot be said (a summary or a sheet
    missing, or unreadable; nothing compared)."""
    differences = likeness.figures if likeness is not None else ()
    if not differences or any(not d.cell for d in differences):
        return ""
    return "figures" if any(d.figure for d in differences) else "wording"


def sent_otherwise(kinds: list[str]) -> str:
    """Who must be sent the summaries written now, saying what those sent differ in
    (``kinds``: :func:`differs_in` of each): "A supplier sent other figures than these must
    be sent these", or other wording (no figure differing: an explanation reworded), or both,
    counted. A summary that differed in wording alone was said to have sent other figures."""
    figures, wording = kinds.count("figures"), kinds.count("wording")
    if figures == len(kinds):
        return "A supplier sent other figures than these must be sent these"
    if wording == len(kinds):
        one = wording == 1
        return (
            f"{'It differs' if one else 'They differ'} in wording alone, not in a figure (an "
            "explanation reworded, say): a supplier sent other wording than these must be sent "
            "these"
        )
    if figures + wording == len(kinds):
        return (
            f"{figures:,} {'differs' if figures == 1 else 'differ'} in figures and {wording:,} "
            "in wording alone: a supplier sent other figures or wording than these must be "
            "sent these"
        )
    return "A supplier sent a summary unlike these must be sent these"


def _apart(sent: str, now: str, limit: int = 120) -> tuple[str, str]:
    """Two texts as a message quotes them: each cut to ``limit`` characters, from a little
    before where they first differ when that is past the cut. An explanation reworded at its
    end was quoted as its first 120 characters, the same when sent and now."""
    at = next(
        (i for i, pair in enumerate(zip(sent, now, strict=False)) if len(set(pair)) > 1), None
    )
    at = min(len(sent), len(now)) if at is None else at
    start = at - 40 if at >= limit - 20 else 0
    return _short(sent, limit, start), _short(now, limit, start)


def _short(text: str, limit: int = 120, start: int = 0) -> str:
    lead, text = ("…", text[start:]) if start else ("", text)
    return lead + (text if len(text) <= limit else text[: limit - 1] + "…")


def first_differences(likeness: dict[str, Likeness], most: int = 5) -> str:
    """What differs in each summary named (the first cell of each, ``most`` summaries), for
    the officer to see why they are not the same: "weald-….xlsx › Lot 1 › D7: "24.5" when
    sent, "21" now"."""
    unlike = [(name, found.figures[0]) for name, found in likeness.items() if found.figures]
    said = [f"{name} › {difference}" for name, difference in unlike[:most]]
    more = len(unlike) - len(said)
    return "; ".join(said) + (f"; and {counted(more, 'summary', 'summaries')} more" if more else "")


def wording_changed_since(
    sent_on: object, likeness: dict[str, Likeness], regime: str, most: int = 5
) -> str:
    """The warning for summaries sent that differ from those written now only in the
    identification at the top of the Summary sheet: each difference (the same in several
    summaries said once), and that the summaries sent stand."""
    said: list[str] = []
    for found in likeness.values():
        said += [text for text in map(str, found.wording) if text not in said]
    count = sum(1 for found in likeness.values() if found.wording)
    more = f"; and {len(said) - most:,} more" if len(said) > most else ""
    return (
        f"{summaries_counted(count, regime)} sent on {sent_on} "
        f"{'differs' if count == 1 else 'differ'} from those written now only in how the "
        f"summary is headed, not in a figure, score, explanation or decision: "
        f"{'; '.join(said[:most])}{more}. The "
        "summaries sent stand, kept as they were sent, and the standstill period does not "
        "start again: check the change was meant."
    )
