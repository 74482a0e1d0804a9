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
from tendereval.io.cells import in_digits_0_to_9
from tendereval.io.keys import supplier_key
from tendereval.io.lookalike import registered_form
from tendereval.io.ppon import ppon_of

REGISTRATIONS = (("company_number", "company number"), ("charity_number", "charity number"))
# What tells that two bid returns are one organisation's: its registrations, and its unique
# identifier from the Central Digital Platform, which the platform gives one organisation only
# (a revised return with the company number left blank still gives it).
IDENTIFIERS = (*REGISTRATIONS, ("unique_identifier", "unique identifier (PPON)"))


def registered_number(bid: CheckedBid, field: str) -> str | None:
    """The company or charity number or the PPON (``field``) a bid gives, as they are
    compared: a PPON as Find a Tender writes it, so "gb-ppon pxqt 3611 nbht" is PXQT-3611-NBHT
    (and text that is no PPON, such as "TBC", is none)."""
    return registered_in(next(iter(bid.rows["suppliers"]), {}), field)


def registered_in(details: dict, field: str) -> str | None:
    """The number (``field``) a supplier's details (a ``suppliers`` row) give, as
    :func:`registered_number` compares it."""
    value = details.get(field)
    return ppon_of(value) if field == "unique_identifier" else _number(value)


def under_one_name(
    returns: list[CheckedBid], set_aside: ReturnsSetAside
) -> tuple[list[CheckedBid], list[Problem]]:
    """``returns`` with each return a record sets aside by its file, under a name no other
    return stands under, read as the return of the supplier that gives its company (or
    charity) number or its PPON and stands; and a warning on each, saying so.

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
        for field, words in IDENTIFIERS:
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


# The statuses one organisation has once in a tender, whoever names it: its own return's.
STATUSES = {"sme": ("SME", "an SME"), "vcse": ("VCSE", "a VCSE")}


def one_status_each(bids: list[CheckedBid]) -> list[Problem]:
    """Each consortium member or subcontractor that is itself one of ``bids`` (the bids kept)
    counted with the SME and VCSE status its own bid return establishes (:func:`one_status`),
    with a warning at its answer where that says otherwise. The rows of ``bids`` are changed
    in place."""
    bidders = Bidders([_bidder(bid) for bid in bids])
    problems: list[Problem] = []
    for bid in bids:
        bid.rows["supply_chain"], found = one_status(bid.rows["supply_chain"], bidders)
        problems.extend(found)
    return problems


def _bidder(bid: CheckedBid) -> dict:
    """A bid's own details (its ``suppliers`` row), under the name and key it bids under."""
    details = next(iter(bid.rows["suppliers"]), {})
    return {**details, "supplier": bid.supplier, "supplier_key": bid.key, "source": bid.source}


def one_status(
    chain: list[dict], bidders: list[dict] | Bidders
) -> tuple[list[dict], list[Problem]]:
    """The supply ``chain`` rows with each consortium member or subcontractor that is itself
    one of the ``bidders`` (``suppliers`` rows: the same company or charity number, or else
    the same name as Companies House compares names) given the SME and the VCSE status its
    own return establishes, and a warning for each answer that said otherwise. One
    organisation has one status in the tender: Oasthouse, 900 staff and £31m turnover by its
    own return, answered SME "yes" as Greenleaf's subcontractor, and a company limited by
    shares answered VCSE "yes"; each counted its share at the second tier without a word. Its
    own return gives the figures and the answer the plan's definitions apply to; another
    bidder's answer for it does not. The one rule for the loaders and for frames handed in
    (``io/frame_rules.py``). Matching many chains against one set of bidders, make them
    :class:`Bidders` once and pass that (:func:`one_status_each` does): a list is looked
    through afresh on each call."""
    if not isinstance(bidders, Bidders):
        bidders = Bidders(bidders)
    out: list[dict] = []
    problems: list[Problem] = []
    for row in chain:
        itself = bidders.named(row) or {}  # (no bidder: no status of its own)
        for status in STATUSES:
            own = itself.get(status)
            if own is None or row.get(status) is None or row[status] == own:
                continue
            problems.append(_status_of_its_own(row, itself, status))
            row = {**row, status: own}
        out.append(row)
    return out, problems


def _number(text: str | None) -> str | None:
    """A company or charity number as numbers are compared: in the digits 0-9, so one typed
    in Bengali or full-width digits is the same number (a supply chain's is read as typed)."""
    return in_digits_0_to_9(text).strip().upper() or None if text else None


class Bidders:
    """The bidders (``suppliers`` rows, each with its ``supplier_key``) by the company and
    charity numbers they give and by their names as Companies House compares names, worked
    out once. Matched row by row against every bidder, with each bidder's numbers worked out
    again each time, 2,000 bidders naming 3 subcontractors each took 12 million steps and 23 s
    (twice in ``score``: the loader's rule and the frames')."""

    def __init__(self, bidders: list[dict]) -> None:
        # Each number or name: the first bidder of each supplier key giving it, in the order
        # given (dicts keep it), so the one found is the one a search in that order finds.
        self.by_number: dict[str, dict[str, dict]] = {}
        self.by_name: dict[str, dict[str, dict]] = {}
        # By name, only those giving no company number: a row giving a number for itself
        # and a bidder giving another are two organisations of one name.
        self.by_name_unnumbered: dict[str, dict[str, dict]] = {}
        for bidder in bidders:
            key = bidder["supplier_key"]
            for number in {_number(bidder.get(field)) for field, _ in REGISTRATIONS} - {None}:
                self.by_number.setdefault(number, {}).setdefault(key, bidder)
            form = registered_form(bidder.get("supplier") or "")
            self.by_name.setdefault(form, {}).setdefault(key, bidder)
            if not _number(bidder.get("company_number")):
                self.by_name_unnumbered.setdefault(form, {}).setdefault(key, bidder)

    def named(self, row: dict) -> dict | None:
        """The one bidder other than the row's own supplier that a supply chain ``row``
        names: by the company (or charity) number it gives, else by its name as Companies
        House compares names, when the numbers do not tell them apart. A bidder with two
        returns (each for other lots) is one bidder."""
        own = supplier_key(row.get("supplier") or "")
        number = _number(row.get("company_number"))
        if number and (found := _others(self.by_number.get(number, {}), own)):
            return _one_bidder(found)
        form = registered_form(row.get("name") or "")
        if not form:
            return None
        names = self.by_name_unnumbered if number else self.by_name
        return _one_bidder(_others(names.get(form, {}), own))


def _others(found: dict[str, dict], own: str) -> list[dict]:
    """The first two of ``found`` (one bidder for each supplier key) that are not the row's
    own supplier: two are enough to tell one bidder from several."""
    others = []
    for key, bidder in found.items():
        if key != own:
            others.append(bidder)
            if len(others) == 2:
                break
    return others


def _one_bidder(found: list[dict]) -> dict | None:
    return found[0] if len(found) == 1 else None


def _status_of_its_own(row: dict, itself: dict, status: str) -> Problem:
    what, a = STATUSES[status]
    sheet, _, cell = (row.get("cell") or "").rpartition(" › ")
    cell = row.get(f"{status}_cell") or cell  # at the answer, on the row's sheet
    answer = "yes" if row[status] else "no"
    own = itself[status]
    return Problem(
        f"{row['name']}, named as a {row['role']} with the {what}? answer {answer}, is the "
        f"bidder {itself['supplier']}, whose own bid return "
        f"({itself.get('source') or 'suppliers frame'}) makes it {a if own else f'not {a}'}; "
        f"one organisation has one {what} status in the tender, so its share counts as "
        f"{what if own else f'not {what}'} work",
        file=row.get("source") or "supply_chain frame",
        sheet=sheet,
        cell=cell,
        found=answer,
        expected=f"{'yes' if own else 'no'}, as its own bid return gives; clarify with both "
        "suppliers if they are not one organisation",
        code=f"supply_chain.{status}_against_own_bid",
        severity=Severity.WARNING,
    )
