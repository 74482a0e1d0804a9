"""A bid return set aside by its file under another spelling of its organisation's name.

"Stour Valley Homecare Limited" sent late beside "Stour Valley Homecare Ltd" on time, one
company number: one organisation bidding twice. Until the buyer decides, both are invalid
(:func:`tendereval.io.tender._same_registration`). Once a record sets the late one aside by
its file (``[[rejection]]`` or ``[[withdrawal]]``, ``supplier = "bids/…"``), it is that
organisation's other return, not a seventh bidder: read under the name of the return that
stands, it is set aside beside that tender by the one rule every return follows
(:meth:`tendereval.award.recorded.ReturnsSetAside.aside`), and counted nowhere as another bid.
Read under its own name, a late return rejected by its file was the "tender" of a supplier
of its own, counted among the bids received in the report and the award notice.
"""

from __future__ import annotations

from tendereval.award.recorded import ReturnsSetAside
from tendereval.errors import Problem, Severity
from tendereval.io.bid_rules import CheckedBid

REGISTRATIONS = (("company_number", "company number"), ("charity_number", "charity number"))


def registered_number(bid: CheckedBid, field: str) -> str | None:
    """The company or charity number (``field``) a bid gives, as numbers are compared."""
    number = next((row.get(field) for row in bid.rows["suppliers"]), None)
    return number.strip().upper() if number else None


def under_one_name(
    returns: list[CheckedBid], set_aside: ReturnsSetAside
) -> tuple[list[CheckedBid], list[Problem]]:
    """``returns`` with each return a record sets aside by its file, under a name no other
    return stands under, read as the return of the supplier that gives its company (or
    charity) number and stands; and a warning on each, saying so.

    One number under two standing names is left alone: the buyer has not yet decided whether
    they are one organisation."""
    named = {id(bid) for bid in returns if set_aside.naming(bid.source)}
    if not named:
        return returns, []
    standing: dict[str, list[CheckedBid]] = {}  # each spelling's returns no record sets aside
    for bid in returns:
        if id(bid) not in named:
            standing.setdefault(bid.key, []).append(bid)
    out = list(returns)
    problems: list[Problem] = []
    for place, bid in enumerate(returns):
        if id(bid) not in named or bid.key in standing:
            continue
        for field, words in REGISTRATIONS:
            number = registered_number(bid, field)
            holders = {
                other.key: other
                for same in standing.values()
                for other in same
                if number and registered_number(other, field) == number
            }
            if len(holders) == 1:
                (holder,) = holders.values()
                out[place] = _renamed(bid, holder)
                problems.append(_read_as(bid, holder, words, number or "", set_aside))
                break
    return out, problems


def _renamed(bid: CheckedBid, holder: CheckedBid) -> CheckedBid:
    """``bid`` under the supplier name (and key) of ``holder``; the legal name it gives is
    kept on its details, as the file gives it."""
    out = CheckedBid(holder.supplier, holder.key, bid.source, fingerprint=bid.fingerprint)
    for name, rows in bid.rows.items():
        out.rows[name] = [
            {**row, "supplier": holder.supplier}
            | ({"supplier_key": holder.key} if "supplier_key" in row else {})
            if "supplier" in row
            else row
            for row in rows
        ]
    out.problems = list(bid.problems)
    return out


def _read_as(
    bid: CheckedBid, holder: CheckedBid, words: str, number: str, set_aside: ReturnsSetAside
) -> Problem:
    record = set_aside.naming(bid.source)[0]
    where = f"decisions.toml › {record.where}" if record.where else "decisions.toml"
    return Problem(
        f"{bid.source} gives the name '{bid.supplier}' and the {words} of {holder.supplier} "
        f"({holder.source}): one organisation, so the return {where} sets aside is read as "
        f"{holder.supplier}'s, set aside beside its tender, not as another bidder's",
        file=bid.source,
        found=f"'{bid.supplier}', {words} {number}",
        expected=f"nothing, if they are one organisation; if they are two, correct the {words} "
        "after clarifying with both suppliers",
        code="bid.read_as_registered",
        severity=Severity.WARNING,
    )
