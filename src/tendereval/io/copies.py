"""Bid returns that are the same file, byte for byte: one return, read once.

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
"""

from __future__ import annotations

from tendereval import layout
from tendereval.award.recorded import DECISIONS_FILE, ReturnsSetAside
from tendereval.errors import Problem, Severity
from tendereval.io.bid_rules import CheckedBid
from tendereval.wording import listed, number_word


def one_of_each_copy(
    returns: list[CheckedBid], set_aside: ReturnsSetAside
) -> tuple[list[CheckedBid], list[Problem], dict[str, str]]:
    """``returns`` with each set of byte-for-byte copies in bids/ read as one (in the order
    given), a warning for each set, and each copy's file → the file read.

    ``set_aside`` holds the withdrawals and rejections naming files."""
    by_bytes: dict[str, list[CheckedBid]] = {}
    for bid in returns:
        if bid.fingerprint is not None and bid.source.startswith(f"{layout.BIDS_FOLDER}/"):
            by_bytes.setdefault(bid.fingerprint.sha256, []).append(bid)
    copies: dict[str, str] = {}
    problems: list[Problem] = []
    dropped: set[int] = set()
    for sha256, same in by_bytes.items():
        if len(same) < 2:
            continue
        same = sorted(same, key=lambda b: (len(b.source), b.source.casefold()))
        named = [bid for bid in same if set_aside.naming(bid.source)]
        if len(named) > 1:
            continue
        if named and not _beside_another(same, returns, sha256):
            problems.append(_copy_set_aside(named[0], same, set_aside))
            continue
        read = named[0] if named else same[0]
        others = sorted((bid for bid in same if bid is not read), key=lambda b: b.source.casefold())
        dropped |= {id(bid) for bid in others}
        copies |= {bid.source: read.source for bid in others}
        problems.append(_copied(read, [bid.source for bid in others]))
    return [bid for bid in returns if id(bid) not in dropped], problems, copies


def _beside_another(same: list[CheckedBid], returns: list[CheckedBid], sha256: str) -> bool:
    """Whether another return of the copies' supplier, not a copy, prices a lot they price:
    a record naming a copy then chooses between tenders, and names the return."""
    lots = set(same[0].lots or [None])
    return any(
        bid.key == same[0].key
        and (bid.fingerprint is None or bid.fingerprint.sha256 != sha256)
        and not lots.isdisjoint(bid.lots or [None])
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


def _copied(read: CheckedBid, others: list[str]) -> Problem:
    one = len(others) == 1
    sha256 = read.fingerprint.sha256 if read.fingerprint is not None else ""
    return Problem(
        f"{listed(others)} {'is a copy' if one else 'are copies'} of {read.source}, byte for "
        f"byte (one file downloaded {'twice' if one else 'more than once'}), so the "
        f"{number_word(len(others) + 1)} are one bid return, read once",
        file=read.source,
        found=f"SHA-256 {sha256[:12]}… in each",
        expected="nothing to do: every figure is the same whichever file is read. Delete the "
        "copy to tidy bids/ if you wish; the inputs list each file with its SHA-256",
        code="bid.copy",
        severity=Severity.WARNING,
        supplier=read.supplier,
    )
