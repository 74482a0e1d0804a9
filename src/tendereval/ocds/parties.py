"""The organisations an award release names (``parties``), with the ids other sections use.

Organisation identifiers follow org-id.guide as Find a Tender uses them: ``GB-PPON`` for the
unique identifier the Central Digital Platform allocates (the Public Procurement Organisation
Number, ``PDZV-7449-YCMT``), ``GB-COH`` for a Companies House number, ``GB-CHC`` for a Charity
Commission (England and Wales) number, ``GB-SC`` for a Scottish and ``GB-NIC`` for a Northern
Irish charity. The first the bid gives, in that order, is the party's ``identifier`` (its ``id``
is that scheme and number: ``GB-PPON-PDZV-7449-YCMT``, ``GB-COH-08733516``), the others its
``additionalIdentifiers``. A supplier that gave none gets a local id from its name.

``details.scale`` is ``sme`` or ``large`` (the partyScale extension), as the plan's SME
definition found it; ``details.vcse`` is the UK extension's VCSE status, as the bid declared it.
Both are left out when the bid did not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from tendereval.io.keys import (
    in_stable_order,
    numbered_slugs,
    slug,
    supplier_key,
    supplier_slug,
)
from tendereval.io.ppon import read_email, read_ppon
from tendereval.io.registrations import parse_charity_number, parse_company_number
from tendereval.terminal import as_seen


@dataclass
class Parties:
    """Parties in the order first named, each with its roles; ``ref(name)`` gives the
    reference (id and name) the rest of the release uses."""

    parties: list[dict[str, Any]] = field(default_factory=list)
    suppliers: dict[str, dict[str, Any]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    # Each tenderer's id, numbered before any is named (:meth:`number_tenderers`).
    numbered: dict[str, str] = field(default_factory=dict)

    def add_buyer(self, name: str, notice_party: tuple[tuple[str, Any], ...] = ()) -> dict:
        """The buyer, as the published notice gives it when there is one."""
        given = {k: dict(v) if isinstance(v, tuple) else v for k, v in notice_party}
        party = {
            "id": self._unique(given.get("id") or f"buyer-{_slug(name)}"),
            "name": published_text(name) or published_text(given.get("name")),
        }
        for key in ("identifier", "address"):
            if given.get(key):
                party[key] = given[key]
        party["roles"] = ["buyer"]
        self.parties.append(party)
        return {"id": party["id"], "name": party["name"]}

    def number_tenderers(self, names: list[str], bidders: Bidders) -> None:
        """Give every tenderer of the tender (``names``) its id now: its registered number,
        or its name's slug numbered among every tenderer's as the summaries' file names are
        (:func:`~tendereval.io.keys.numbered_slugs`: "A-B Care" and "A/B Care" are
        tenderer-a-b-care and tenderer-a-b-care-2, whether or not A-B Care is registered).
        Numbered in the order each was first named, the publishable release (awards only)
        and the --internal one (every bid first) gave one id to two organisations."""
        local = numbered_slugs(names)
        for name in in_stable_order(names):
            registered = _identifiers(bidders.details(name))
            wanted = _registered_id(registered) if registered else f"tenderer-{local[name]}"
            self.numbered[name] = self._unique(wanted)

    def add_supplier(self, name: str, details: dict[str, Any], role: str, contact: bool) -> dict:
        """A tenderer (``role`` tenderer, or supplier for an awarded one); ``contact`` adds the
        bid's contact name and email (for the buyer's own records only). An awarded supplier
        is published with its email address (the contract award notice gives the supplier's
        address and email: Procurement Regulations 2024 reg 27), not its contact's name."""
        party = self.suppliers.get(name)
        if party is None:
            party = _supplier_party(name, details, contact)
            party["id"] = self.numbered.get(name) or self._unique(party["id"])
            self.suppliers[name] = party
            self.parties.append(party)
        email = _email(details.get("contact_email"))
        if role == "supplier" and email and "contactPoint" not in party:
            party["contactPoint"] = {"email": email}
        for needed in ("tenderer", role):
            if needed not in party["roles"]:
                party["roles"].append(needed)
        return {"id": party["id"], "name": party["name"]}

    def _unique(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{wanted}-{n}"
        self.ids.add(candidate)
        return candidate


class Bidders:
    """What each bid said about its supplier (its row of the suppliers frame), with the SME
    and VCSE status scoring reported for it: looked up once per tender, not once per bid."""

    def __init__(self, suppliers: pl.DataFrame, results: pl.DataFrame):
        self.by_name: dict[str, dict[str, Any]] = {}
        self.by_key: dict[str, dict[str, Any]] = {}
        for row in suppliers.to_dicts():
            self.by_name.setdefault(row["supplier"], row)
            self.by_key.setdefault(row["supplier_key"], row)
        reported = results.group_by("supplier").agg(
            pl.col("sme").drop_nulls().first(), pl.col("vcse").drop_nulls().first()
        )
        self.status = {name: (sme, vcse) for name, sme, vcse in reported.iter_rows()}

    def details(self, name: str) -> dict[str, Any]:
        found = self.by_name.get(name) or self.by_key.get(supplier_key(name)) or {}
        sme, vcse = self.status.get(name, (None, None))
        return {
            **found,
            "sme": found.get("sme") if sme is None else sme,
            "vcse": found.get("vcse") if vcse is None else vcse,
        }


def _identifiers(details: dict[str, Any]) -> list[dict[str, str]]:
    """The supplier's identifiers its bid gave: its unique identifier from the Central Digital
    Platform first (the one Find a Tender names suppliers by), then its company's number, then
    its charity's."""
    return [
        {"scheme": scheme, "id": number}
        for scheme, number in (
            ("GB-PPON", _ppon(details.get("unique_identifier"))),
            ("GB-COH", _company_number(details.get("company_number"))),
            *_charity(details.get("charity_number")),
        )
        if number
    ]


def _registered_id(identifiers: list[dict[str, str]]) -> str:
    """A registered supplier's party id: its first number's scheme and number (GB-COH-08733516)."""
    return f"{identifiers[0]['scheme']}-{identifiers[0]['id']}"


def _supplier_party(name: str, details: dict[str, Any], contact: bool) -> dict[str, Any]:
    identifiers = _identifiers(details)
    legal = published_text(details.get("legal_name"))
    party: dict[str, Any] = {
        "id": _registered_id(identifiers) if identifiers else f"tenderer-{supplier_slug(name)}",
        "name": published_text(name),
    }
    if identifiers:
        party["identifier"] = {**identifiers[0], **({"legalName": legal} if legal else {})}
    if len(identifiers) > 1:
        party["additionalIdentifiers"] = identifiers[1:]
    address = published_text(details.get("address"))
    if address:
        party["address"] = {"streetAddress": address}
    if contact:
        point = {
            key: value
            for key, value in (
                ("name", published_text(details.get("contact_name"))),
                ("email", _email(details.get("contact_email"))),
            )
            if value
        }
        if point:
            party["contactPoint"] = point
    party["roles"] = []
    org = {}
    if details.get("sme") is not None:
        org["scale"] = "sme" if details["sme"] else "large"
    if details.get("vcse") is not None:
        org["vcse"] = bool(details["vcse"])
    if org:
        party["details"] = org
    return party


def _ppon(value: Any) -> str:
    """The unique identifier as Find a Tender writes it (PXQT-3611-NBHT), without the scheme a
    supplier may have copied with it (GB-PPON-PDZV-7449-YCMT): the scheme is said apart. Read
    by the bid return's own rule (io.ppon), so text that is no PPON ("N/A", a company number,
    markup) is never published as one, from a bid return or a frame handed in from Python."""
    return read_ppon(value).ppon or ""


def _email(value: Any) -> str:
    """The contact email, when it is one (io.ppon's rule: "N/A" or "TBC" is none)."""
    return published_text(read_email(value)[0])


def _company_number(value: Any) -> str:
    """Companies House numbers are eight characters: 8733516 is 08733516. Read by the bid
    return's own rule (io.registrations), so a frame handed in from Python is read as a bid's
    cell is ("Company No. 11402259")."""
    return parse_company_number(value)[0] or ""


def _charity(value: Any) -> list[tuple[str, str]]:
    number = parse_charity_number(value)[0] or ""
    if re.fullmatch(r"\d{6,7}(-\d+)?", number):
        return [("GB-CHC", number)]
    if re.fullmatch(r"SC\d{6}", number):
        return [("GB-SC", number)]
    if re.fullmatch(r"NIC?\d{5,6}", number):
        return [("GB-NIC", number)]
    return []


def published_text(value: Any) -> str:
    """Text on one line, without the control characters and characters drawn as nothing a
    supplier's cell may hold (an escape sequence in an address): a release is read by others'
    programs and screens, as an assessment summary is by its supplier. Every name and title an
    award release publishes is written so (one party is never two spellings)."""
    return " ".join(as_seen(value).split()) if isinstance(value, str) else ""


def _slug(name: str) -> str:
    """The summaries' slug (one rule: "Zoë Ltd" is zoe-ltd in both), or "unnamed" (a buyer's:
    a tenderer's is :func:`supplier_slug`, as its summary's file name is)."""
    return slug(name or "") or "unnamed"
