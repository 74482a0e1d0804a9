"""Files that are the same, byte for byte: one bid return (or score sheet), read once.

An officer who downloads a supplier's return twice from the portal gets
``weald-carers-trust.xlsx`` and ``weald-carers-trust (1).xlsx``. They are one tender, not two
returns the buyer must choose between: whichever is read, every figure is the same. So the
copies are one bid return, read from the file with the shortest name (then the first by
name, so the same folder always gives the same file). The others are named in a warning on
that return, and stay among the inputs with their SHA-256, so nothing in bids/ goes unsaid.

A withdrawal or rejection naming one of the copies by file names that return, and it is read
from the file named: with the copies folded together, an officer told "sent two bid returns
(weald.xlsx and weald-revised.xlsx)" who withdraws weald.xlsx must not then meet its copy
standing in its place. Two cases keep the copies apart, as the records name them:

* records naming two or more of them: the buyer decided about each file;
* one record naming one copy of a return no other return of the supplier prices a lot of.
  That record can only have been made to set the copy aside beside its twin (before copies
  were folded together it was the only way to go on), so it still does exactly that, and a
  warning at the record says the copy needs no record. Read as naming the return, it would
  withdraw or reject the supplier's tender: a decision nobody took.

A score sheet (or moderation workbook) saved twice in scores/ is one sheet, read once, in the
same way: read twice, one evaluator "already scored" every row, and each was an error holding
the award back; with no name on its Declaration, the copy would be a second evaluator.

Only a file that says whose it is can be a copy: a bid return naming its supplier, a score
sheet naming its evaluator or holding a score. The blank template is the same bytes whoever
sends it back, and two empty files are too: two suppliers (or evaluators) sent them, and
each stays a submission of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from tendereval import layout
from tendereval.award.recorded import DECISIONS_FILE, ReturnsSetAside
from tendereval.errors import Problem, Severity
from tendereval.io.bid_rules import CheckedBid
from tendereval.io.files import Fingerprint
from tendereval.io.lookalike import told_apart
from tendereval.io.raw import RawModeration, RawScoreSheet
from tendereval.wording import listed, number_word


class _Read(Protocol):
    source: str
    fingerprint: Fingerprint | None


Read = TypeVar("Read", bound=_Read)


def same_bytes(files: Iterable[Read], folder: str) -> list[list[Read]]:
    """Each set of two or more of ``files`` in ``folder`` that hold the same bytes, the one
    to read first (an .xlsx before another suffix, then the shortest name, then the first by
    name: the same folder always gives the same file), then the others by name."""
    by_bytes: dict[str, list[Read]] = {}
    for file in files:
        if file.fingerprint is not None and layout.in_folder(file.source, folder):
            by_bytes.setdefault(file.fingerprint.sha256, []).append(file)
    sets = []
    for same in by_bytes.values():
        if len(same) > 1:
            first = min(
                same,
                key=lambda f: (
                    not f.source.casefold().endswith(".xlsx"),
                    len(f.source),
                    f.source.casefold(),
                ),
            )
            others = sorted((f for f in same if f is not first), key=lambda f: f.source.casefold())
            sets.append([first, *others])
    return sets


def one_of_each_sheet(
    sheets: list[RawScoreSheet | RawModeration],
) -> tuple[list[RawScoreSheet | RawModeration], list[Problem]]:
    """``sheets`` (score sheets and moderation workbooks) with each set of byte-for-byte
    copies in scores/ read as one, and a warning for each set."""
    problems: list[Problem] = []
    dropped: set[int] = set()
    # A sheet naming no evaluator and scoring nothing is the blank template: two evaluators
    # who each sent it back untouched sent the same bytes, and neither is the other's copy.
    told = [s for s in sheets if isinstance(s, RawModeration) or _whose(s) or s.gives_a_score]
    for read, *others in same_bytes(told, layout.SCORES_FOLDER):
        dropped |= {id(sheet) for sheet in others}
        what = "moderation workbook" if isinstance(read, RawModeration) else "score sheet"
        problems.append(_copied(read, [sheet.source for sheet in others], what, _whose(read)))
    return [sheet for sheet in sheets if id(sheet) not in dropped], problems


def one_of_each_copy(
    returns: list[CheckedBid], set_aside: ReturnsSetAside
) -> tuple[list[CheckedBid], list[Problem], dict[str, str]]:
    """``returns`` with each set of byte-for-byte copies in bids/ read as one (in the order
    given), a warning for each set, and each copy's file → the file read.

    ``set_aside`` holds the withdrawals and rejections naming files."""
    copies: dict[str, str] = {}
    problems: list[Problem] = []
    dropped: set[int] = set()
    # Only a return naming its supplier is one return under two names: two suppliers who
    # each sent the blank template (or an empty file) sent the same bytes, and are two.
    named_returns = [bid for bid in returns if _names_its_supplier(bid)]
    for same in same_bytes(named_returns, layout.BIDS_FOLDER):
        named = [bid for bid in same if set_aside.naming(bid.source)]
        if len(named) > 1:
            continue
        if named and not _beside_another(same, returns):
            problems.append(_copy_set_aside(named[0], same, set_aside))
            continue
        read = named[0] if named else same[0]
        others = [bid for bid in same if bid is not read]
        dropped |= {id(bid) for bid in others}
        copies |= {bid.source: read.source for bid in others}
        problems.append(_copied(read, [bid.source for bid in others], "bid return"))
    return [bid for bid in returns if id(bid) not in dropped], problems, copies


def _beside_another(same: list[CheckedBid], returns: list[CheckedBid]) -> bool:
    """Whether another return of the copies' supplier, not a copy, prices a lot they price:
    a record naming a copy then chooses between tenders, and names the return."""
    lots = set(same[0].lots or [None])
    copies = {id(bid) for bid in same}
    return any(
        bid.key == same[0].key and id(bid) not in copies and not lots.isdisjoint(bid.lots or [None])
        for bid in returns
    )


def _copy_set_aside(
    named: CheckedBid, same: list[CheckedBid], set_aside: ReturnsSetAside
) -> Problem:
    record = set_aside.naming(named.source)[0]
    twins = [bid.source for bid in same if bid is not named]
    return Problem(
        f"{named.source} is a copy of {listed(twins)}, byte for byte, and the only bid return "
        f"of {named.supplier} for its lots, so this record sets only the copy aside and "
        f"{listed(twins)} stand{'s' if len(twins) == 1 else ''} as the supplier's tender",
        file=DECISIONS_FILE,
        cell=f"{record.where}.supplier" if record.where else "",
        found=record.file,
        expected="no record for a copy downloaded twice: copies are read once, as one bid "
        "return. Remove the record if it only set the copy aside; if the supplier withdrew "
        "its tender, or the buyer rejected it, name the supplier instead of the file",
        code="decisions.names_a_copy",
        severity=Severity.WARNING,
    )


def _names_its_supplier(bid: CheckedBid) -> bool:
    return any(row.get("legal_name") for row in bid.rows["suppliers"])


def _whose(sheet: RawScoreSheet | RawModeration) -> str:
    """The evaluator a score sheet's Declaration names ("" for none, or the moderation)."""
    if not isinstance(sheet, RawScoreSheet) or not sheet.declaration:
        return ""
    named = sheet.declaration.get("evaluator")
    return named.value.strip() if named is not None and isinstance(named.value, str) else ""


def _copied(read: _Read, others: list[str], what: str, evaluator: str = "") -> Problem:
    """The warning on ``read`` (a ``what``: "bid return", "score sheet"), naming its copies
    (and, for a score sheet, the ``evaluator`` its Declaration names)."""
    one = len(others) == 1
    sha256 = read.fingerprint.sha256 if read.fingerprint is not None else ""
    bid = what == "bid return"
    folder = layout.BIDS_FOLDER if bid else layout.SCORES_FOLDER
    apart = told_apart([*others, read.source])
    return Problem(
        f"{listed(others)} {'is a copy' if one else 'are copies'} of {read.source}, byte for "
        f"byte (one file {'downloaded' if bid else 'saved'} {'twice' if one else 'more than once'}"
        f"{'; ' + apart if apart else ''}), so the {number_word(len(others) + 1)} are one {what}"
        + (f" ({evaluator}'s)" if evaluator else "")
        + ", read once",
        file=read.source,
        found=f"SHA-256 {sha256[:12]}… in each",
        expected="nothing to do: every figure is the same whichever file is read. Delete the "
        f"copy to tidy {folder}/ if you wish; the inputs list each file with its SHA-256"
        + (
            f". If a copy came from another evaluator, they sent {evaluator}'s sheet, not their "
            "own: ask them for theirs"
            if evaluator
            else ""
        ),
        code="bid.copy" if bid else "scores.copy",
        severity=Severity.WARNING,
        supplier=read.supplier if isinstance(read, CheckedBid) else None,
    )
