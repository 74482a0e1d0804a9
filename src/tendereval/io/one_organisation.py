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
from tendereval.io.lookalike import registered_form

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


def one_sme_status(bids: list[CheckedBid]) -> list[Problem]:
    """Each consortium member or subcontractor that is itself one of ``bids`` (the bids kept:
    the same company or charity number, or else the same name as Companies House compares
    names) counted with the SME status its own bid return establishes, with a warning at its
    row where the answer there says otherwise. One organisation has one SME status in the
    tender: Oasthouse, 900 staff and £31m turnover by its own return, answered "yes" as
    Greenleaf's subcontractor, counted its 40% at the second tier as SME work without a word.
    Its own return gives the figures the plan's SME definition is applied to; another bidder's
    answer for it does not. The rows of ``bids`` are changed in place."""
    problems: list[Problem] = []
    for bid in bids:
        rows = bid.rows["supply_chain"]
        for place, row in enumerate(rows):
            itself = _bidder_named(row, bid, bids)
            if itself is None:
                continue
            status = next(iter(itself.rows["suppliers"]), {}).get("sme")
            if status is None or row["sme"] is None or row["sme"] == status:
                continue
            rows[place] = {**row, "sme": status}
            problems.append(_sme_of_its_own(row, itself, status))
    return problems


def _bidder_named(row: dict, bid: CheckedBid, bids: list[CheckedBid]) -> CheckedBid | None:
    """The one bidder other than ``bid`` that a supply chain ``row`` names: by the company
    (or charity) number it gives, else by its name as Companies House compares names, when
    the numbers do not tell them apart."""
    number = (row.get("company_number") or "").strip().upper()
    others = [other for other in bids if other is not bid]
    by_number = [
        other
        for other in others
        if number and number in {registered_number(other, f) for f, _ in REGISTRATIONS}
    ]
    if by_number:
        return by_number[0] if len(by_number) == 1 else None
    form = registered_form(row.get("name") or "")
    by_name = [
        other
        for other in others
        if form
        and registered_form(other.supplier) == form
        # A number given for each that differs: two organisations of one name.
        and not (number and registered_number(other, "company_number"))
    ]
    return by_name[0] if len(by_name) == 1 else None


def _sme_of_its_own(row: dict, itself: CheckedBid, status: bool) -> Problem:
    sheet, _, cell = (row.get("cell") or "").rpartition(" › ")
    cell = row.get("sme_cell") or cell  # at the answer, on the row's sheet
    answer = "yes" if row["sme"] else "no"
    return Problem(
        f"{row['name']}, named as a {row['role']} with the SME? answer {answer}, is the bidder "
        f"{itself.supplier}, whose own bid return ({itself.source}) makes it "
        f"{'an SME' if status else 'not an SME'}; one organisation has one SME status in the "
        f"tender, so its share counts as {'SME' if status else 'not SME'} work",
        file=row.get("source") or "",
        sheet=sheet,
        cell=cell,
        found=answer,
        expected=f"{'yes' if status else 'no'}, as its own bid return gives; clarify with both "
        "suppliers if they are not one organisation",
        code="supply_chain.sme_against_own_bid",
        severity=Severity.WARNING,
    )
