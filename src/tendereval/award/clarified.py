"""The warnings in the bids that the buyer asked the suppliers about, with their answers:
``[[clarification]]`` in ``decisions.toml``.

A warning in a bid return (a rate whose number format rounds it, a figure struck through, a
comment on a cell, figures typed beside the table) asks the officer to check something with
the supplier and record the answer. The answer goes on the record here, and the warning then
says what was asked and answered, wherever it is read (``score``, ``validate``, the report's
Flags sheet, the JSON), so a committee sees that it was followed up. Nothing is scored
differently: a clarification cannot change a tender once the deadline has passed.

Applied when the tender folder is read, beside the warnings it answers. One naming no warning
of the supplier's bid (a cell typed wrongly), or an error (which is put right, or the tender
rejected, never clarified), is a warning at its key.

But for an error in a detail of the return that is never scored and makes no bid invalid
(:func:`answerable`): a staff headcount typed in words, a subcontractor's share or lots, a
package naming a lot the plan does not have, prices for a lot the plan does not have. Putting
it right cannot change a score or the award, yet the award waited on it with no record to
settle it: the only way out was editing the supplier's submitted return. The supplier's
answer settles it: the error is kept, as a warning saying what was asked and answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tendereval.award.recorded import (
    DECISIONS_FILE,
    RecordedClarification,
    file_name,
    files_meant,
)
from tendereval.award.set_aside import names_more_than_one
from tendereval.errors import Problem, Severity
from tendereval.io.keys import supplier_key
from tendereval.layout import BIDS_FOLDER, in_folder

# "Prices › G5", "Prices > G5", "Prices!G5", "'Prices'!$G$5", "G5": a sheet, then a cell,
# read from the end (_sheet_and_cell). A row in the digits 0-9: int() would read "G৫"
# (Bengali five) as G5 too.
_SHEET_MARKS = "›>!"
_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def clarified(
    problems: list[Problem],
    clarifications: Iterable[RecordedClarification],
    returns: Iterable[tuple[str, str]],
    source: str = DECISIONS_FILE,
    lots: Iterable[str] = (),
) -> list[Problem]:
    """``problems`` with each warning a clarification answers saying so, and a warning for
    each clarification that answers none (``returns``: each bid return's supplier and file).
    An error it answers in a detail never scored (:func:`answerable`; ``lots``: the plan's)
    is a warning saying so."""
    lots = frozenset(lots)
    records, returns = list(clarifications), list(returns)
    if not records:
        return problems
    files: dict[str, list[str]] = {}
    sent: dict[str, list[str]] = {}  # every bid file in bids/, read or not, by its name
    for supplier, file in returns:
        files.setdefault(supplier_key(supplier), []).append(file)
    out = list(problems)
    # Looked up, not searched: thousands of warnings, and of clarifications, read in seconds.
    in_file: dict[str, list[int]] = {}
    for i, problem in enumerate(out):
        if problem.file:
            in_file.setdefault(problem.file, []).append(i)
    for file in dict.fromkeys([*(file for _, file in returns), *in_file]):
        if in_folder(file, BIDS_FOLDER):
            sent.setdefault(file_name(file), []).append(file)
    said: list[Problem] = []
    for record in records:
        place = place_of(record.cell)
        if place is None:
            said.append(_not_a_cell(record, source))
            continue
        mine = files.get(supplier_key(record.supplier), [])
        # The one bid file the record names: of two whose names differ only in capitals (or
        # in how an accent is stored), the one named letter for letter, else neither.
        meant = files_meant(record.file, sent.get(file_name(record.file), ()))
        if len(meant) > 1:
            said.append(_names_more_than_one(record, meant, source))
            continue
        matched = sorted(
            i
            for file in (meant if record.file else dict.fromkeys(mine))
            for i in in_file.get(file, ())
            if _in_bid(out[i], record, mine) and _at(out[i], place)
        )
        # An error in a detail never scored, answered by the supplier, is a warning from now.
        for i in matched:
            if out[i].is_error and answerable(out[i], lots):
                out[i] = replace(
                    out[i], severity=Severity.WARNING, message=out[i].message + ANSWERED
                )
        warnings = [i for i in matched if not out[i].is_error]
        for i in warnings:
            out[i] = replace(out[i], message=out[i].message + "; " + clarification_text(record))
        if warnings:
            continue
        said.append(
            _answers_an_error(record, out[matched[0]], source)
            if matched
            else _answers_nothing(record, bool(mine or meant), source)
        )
    return out + said


# What an error answered by the supplier says before the answer (clarification_text).
ANSWERED = (
    " (an error in a detail that is not scored, so settled by the supplier's answer: it "
    "cannot change a score or the award)"
)
# The bid-return sheets whose details are reported, never scored (the sheet as a problem
# names it), and the errors there that a supplier's answer settles.
_NOT_SCORED = {"organisation": ("number.",), "supply chain": ("",), "packages": ("lot.unknown",)}


def answerable(problem: Problem, lots: frozenset[str]) -> bool:
    """Whether ``problem`` is an error a supplier's answer settles: one in a bid return that
    names no tender of the plan's lots (``lots``), in a detail never scored: an organisation
    figure (staff, turnover: they feed the SME status, reported only), anything of the supply
    chain, a package naming a lot the plan does not have (packages are for the allocation
    step only), or prices for a lot the plan does not have (never read into any lot's price).
    An error that makes a tender invalid is put right, or the tender rejected."""
    if not problem.is_error or not problem.file or not in_folder(problem.file, BIDS_FOLDER):
        return False
    if problem.supplier is not None and (problem.lot is None or problem.lot in lots):
        return False  # (it makes a tender invalid: every one of the supplier's, or the lot's)
    if problem.code == "price.unknown_lot":
        return True
    codes = _NOT_SCORED.get(problem.sheet.casefold())
    return codes is not None and (problem.code or "").startswith(codes)


def clarification_text(record: RecordedClarification) -> str:
    """What a warning the supplier was asked about says of it: when, the answer, and where
    it is recorded."""
    asked = f"asked on {record.asked_on}, " if record.asked_on else ""
    return (
        f"the supplier was asked about it ({asked}answered on {record.answered_on}): "
        f"{record.answer} ({DECISIONS_FILE} › {record.where or 'clarification'})"
    )


def place_of(cell: str) -> tuple[str, str] | None:
    """(sheet casefolded or "", cell upper-cased) of a cell as an officer copies it; ("", "")
    for none (a warning naming no cell); None when it is not a cell."""
    if not cell.strip():
        return "", ""
    found = _sheet_and_cell(cell)
    if found is None:
        return None
    sheet, col, row = found
    return (sheet or "").strip().strip("'").casefold(), f"{col.upper()}{int(row)}"


def _sheet_and_cell(text: str) -> tuple[str | None, str, str] | None:
    r"""The sheet (None when none is named), column letters and row digits of a cell as an
    officer copies it, or None when it is not one: what the pattern
    ``^\s*(?:(.+?)\s*(?:›|>|!)\s*)?\$?([A-Za-z]{1,3})\$?([0-9]+)\s*$`` found, taken from
    the end. Its leading spaces, lazy sheet and the spaces before the mark all took spaces: a
    clarification's cell of 2,000 spaces and "x" took 15 processor-seconds, eight times as
    long for each doubling (decisions.toml may say anything)."""
    end = len(text.rstrip())
    digits = len(text[:end].rstrip(_DIGITS))
    letters_end = digits - (text[digits - 1 : digits] == "$")
    letters = len(text[:letters_end].rstrip(_LETTERS))
    if digits == end or not 1 <= letters_end - letters <= 3:
        return None
    column, row = text[letters:letters_end], text[digits:end]
    starts = letters - (text[letters - 1 : letters] == "$")  # where the reference starts
    spaces = len(text) - len(text.lstrip())  # (the pattern's leading \s* took them all first)
    mark = len(text[:starts].rstrip()) - 1  # a sheet is followed by a mark, spaces either side
    if mark < 0 or text[mark] not in _SHEET_MARKS:
        return (None, column, row) if starts == spaces else None
    if mark > spaces:  # the shortest sheet from the first character that is not a space
        sheet_ends = max(spaces + 1, len(text[:mark].rstrip()))
        if "\n" in text[spaces:sheet_ends]:  # (a sheet is on one line)
            return None
        return text[spaces:sheet_ends], column, row
    # The mark comes first: the pattern gave back the last space before it that is not a
    # line break, as the sheet.
    before = text[:mark].rstrip("\n")
    return (before[-1], column, row) if before else None


def _in_bid(problem: Problem, record: RecordedClarification, files: list[str]) -> bool:
    """Whether ``problem`` is in the bid ``record`` names: its bid file (the one it means,
    looked in alone), or a file of its supplier's (``files``), for that supplier (the
    consolidated form holds every bid)."""
    if not problem.file:
        return False
    if record.file:
        return True
    return problem.file in files and (
        problem.supplier is None or supplier_key(problem.supplier) == supplier_key(record.supplier)
    )


def _at(problem: Problem, place: tuple[str, str]) -> bool:
    sheet, cell = place
    if not cell:
        return not problem.cell
    return problem.cell.replace("$", "").upper() == cell and (
        not sheet or problem.sheet.casefold() == sheet
    )


def _key(record: RecordedClarification, key: str) -> str:
    return f"{record.where}.{key}" if record.where else "clarification"


def _not_a_cell(record: RecordedClarification, source: str) -> Problem:
    return Problem(
        "the clarification's cell is not a cell, so it is not shown beside any warning",
        file=source,
        cell=_key(record, "cell"),
        found=record.cell,
        expected='the cell the warning names, as score lists it, such as cell = "Prices › G5" '
        "(or leave it out for a warning naming no cell)",
        code="decisions.clarification_unknown",
        severity=Severity.WARNING,
    )


def _answers_nothing(record: RecordedClarification, has_bid: bool, source: str) -> Problem:
    named = record.file or record.supplier
    where = f" at {record.cell}" if record.cell else " naming no cell"
    return Problem(
        f"the clarification names no warning in {named}'s bid{where}, so it is not shown beside any"
        if has_bid
        else f"the clarification names {named}, which is no bid return in this evaluation, so "
        "it is not shown beside any warning"
        if record.file
        else f"the clarification names {named}, who has no bid return in this evaluation, so "
        "it is not shown beside any warning",
        file=source,
        cell=_key(record, "cell" if has_bid else "supplier"),
        found=record.cell or named,
        expected="the supplier and the cell of a warning in its bid, as score lists them"
        if has_bid
        else "the supplier's name as its bid gives it, or its bid file",
        code="decisions.clarification_unknown",
        severity=Severity.WARNING,
    )


def _names_more_than_one(record: RecordedClarification, meant: list[str], source: str) -> Problem:
    # A warning, as for a clarification naming no bid: it changes no score, only what the
    # warnings say.
    return names_more_than_one(
        record,
        meant,
        "clarification",
        "so it is not shown beside any warning",
        source,
        "clarification",
        Severity.WARNING,
    )


def _answers_an_error(record: RecordedClarification, error: Problem, source: str) -> Problem:
    return Problem(
        f"the clarification answers an error ({error.where}: {error.message}), which a "
        "clarification does not put right, so it is not shown beside it",
        file=source,
        cell=_key(record, "cell"),
        found=record.cell,
        expected="the error put right in the input it is found in, or the tender rejected "
        "([[rejection]]); a clarification answers a warning",
        code="decisions.clarification_error",
        severity=Severity.WARNING,
    )
