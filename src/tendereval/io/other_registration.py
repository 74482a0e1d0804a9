"""Bid returns under one supplier name that give other registrations: two organisations, or a
slip only the supplier can put right.

Suppliers are matched by name, capitals and spaces aside. "Gofal Ŵyn Cyf" (PPON
PXJN-9565-JTJH) bidding for one lot and "GOFAL ŴYN CYF" (PPON PHDZ-9983-EKDF) for another
were read as one supplier's returns, each for other lots: one assessment summary went out
with the second return's email and PPON beside the first's outcome, and the award notice
named the first lot's award under the second return's PPON, with only a warning that the
supplier had sent two returns. The Central Digital Platform gives a PPON to one organisation
only, as Companies House and the charity registers give a number: two under one name are
two organisations, or one return giving another's. Which, is for the buyer to settle with
the supplier, never for the order of file names: each return carries an error naming the
supplier, so none of its tenders is evaluated until the buyer records, by its file, each
return that does not stand (award/return_that_stands.py). The mirror of
``bid.same_registration``, one number under two names (io/tender.py). The rows of the
consolidated form, and of a suppliers frame handed to ``Tender.from_frames``, are held to
the same rule: the row that is wrong is deleted there.

A number given in one return and left blank in the other is no other number: returns each
for other lots whose details differ so are the supplier's to confirm (``bid.returns_differ``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from tendereval.award.return_that_stands import OTHER_REGISTRATION, by_its_file
from tendereval.errors import Problem
from tendereval.io.bid_rules import CheckedBid
from tendereval.io.keys import supplier_key
from tendereval.io.one_organisation import IDENTIFIERS, registered_in
from tendereval.wording import counted, listed

CODE = OTHER_REGISTRATION

# Other returns named in a message; the rest are counted.
_NAMED = 5


@dataclass(frozen=True)
class Given:
    """One return's organisation details (its ``suppliers`` row), under its supplier's name,
    named as a message names it (``place``: its file, or a frame's row) and placed as a
    problem is (``at``: file, sheet, cell)."""

    supplier: str
    place: str
    details: dict
    at: dict[str, str] = field(default_factory=dict)


def registrations_differing(given: list[Given]) -> list[tuple[str, str]]:
    """Each registration (company number, charity number, PPON) the ``given`` details give
    more than one number of: its words, and where each number is given ("unique identifier
    (PPON)", "PXJN-9565-JTJH in bids/a.xlsx, PHDZ-9983-EKDF in bids/b.xlsx"). A blank is no
    number."""
    said = []
    for key, words in IDENTIFIERS:
        where: dict[str, list[str]] = {}
        for each in given:
            if number := registered_in(each.details, key):
                where.setdefault(number, []).append(each.place)
        if len(where) > 1:
            found = ", ".join(f"{number} in {listed(places)}" for number, places in where.items())
            said.append((words, found))
    return said


def give_two_registrations(returns: list[CheckedBid]) -> bool:
    """Whether ``returns`` give more than one company number, charity number or PPON."""
    return bool(registrations_differing([_given(bid, None, False) for bid in returns]))


def other_registrations(returns: list[CheckedBid], consolidated: bool) -> list[Problem]:
    """An error at each of ``returns`` (one supplier's by name, the first the one whose
    details are shown) when they give more than one company number, charity number or PPON,
    at the cell of the first that differs; none when they do not. ``consolidated``: the
    returns are rows of the buyer's consolidated form, where the row that is wrong is
    deleted, not recorded as set aside."""
    first = registrations_differing([_given(bid, None, False) for bid in returns])
    if not first:
        return []
    # At the cell of the first registration that differs: rows of one file are named by it.
    cell = next(key for key, words in IDENTIFIERS if words == first[0][0])
    given = [_given(bid, cell, consolidated) for bid in returns]
    differing = registrations_differing(given)
    kinds = listed([words for words, _ in differing])
    settled = (
        f"one row for each supplier on the Suppliers sheet, with its own {kinds}: delete the "
        "row that is wrong, or correct the name if these are different organisations"
        if consolidated
        else f"one {kinds} for one organisation: clarify with the supplier which is right, "
        f"then {by_its_file()}; or, if these are different organisations, correct the name"
    )
    return _errors(given, differing, settled)


def other_registrations_in_frame(suppliers: pl.DataFrame) -> list[Problem]:
    """The error of :func:`other_registrations` at each row of a ``suppliers`` frame whose
    supplier another row names too (capitals and spaces aside) with another company number,
    charity number or PPON. The loader keeps one row for each supplier, so only a frame made
    by hand has two."""
    if suppliers.height < 2 or "supplier" not in suppliers.columns:
        return []
    keyed = suppliers.with_row_index("_at", offset=1).with_columns(
        _key=pl.col("supplier").map_elements(supplier_key, return_dtype=pl.String)
    )
    twice = keyed.filter(pl.col("_key").is_not_null() & pl.col("_key").is_duplicated())
    problems: list[Problem] = []
    for _, group in twice.group_by("_key", maintain_order=True):
        given = [row_given(row) for row in group.iter_rows(named=True)]
        differing = registrations_differing(given)
        if differing:
            kinds = listed([words for words, _ in differing])
            settled = (
                f"one suppliers row for each supplier, with its own {kinds}: drop the row "
                "that is wrong, or correct the name if these are different organisations"
            )
            problems += _errors(given, differing, settled)
    return problems


def bid_given(bid: CheckedBid) -> Given:
    """A return as an error names it: by its file."""
    return _given(bid, None, False)


def _given(bid: CheckedBid, cell: str | None, by_cell: bool) -> Given:
    """A return as its error names it, by its file (or, ``by_cell``, rows of one file, by the
    cell of its ``cell`` detail), at that cell where its form gives one."""
    details = next(iter(bid.rows["suppliers"]), {})
    place = (details.get("detail_cells") or {}).get(cell) if cell else None
    if place is None:
        return Given(bid.supplier, bid.source, details, {"file": bid.source})
    file, sheet, ref = place
    at = {"file": file, "sheet": sheet or "", "cell": ref or ""}
    return Given(bid.supplier, _shown(at) if by_cell else bid.source, details, at)


def row_given(row: dict) -> Given:
    """A suppliers frame's row as its error names it: by the file it came from, else by the
    frame and its row (as the frame rules name a row: io/frame_rules.py)."""
    at = {"file": row["source"]} if row.get("source") else {
        "file": "suppliers frame", "cell": f"row {row['_at']}"
    }  # fmt: skip
    return Given(row["supplier"], _shown(at), row, at)


def _shown(at: dict[str, str]) -> str:
    """A place as a problem shows it (``Problem.where``)."""
    return " › ".join(filter(None, at.values()))


def _errors(given: list[Given], differing: list[tuple[str, str]], settled: str) -> list[Problem]:
    """The error at each of ``given``, saying where each number that differs is given."""
    kinds = listed([words for words, _ in differing])
    alike = len({each.supplier for each in given}) == 1
    return [
        Problem(
            f"{each.supplier} gives a different {kinds} from {_the_others(each, given)}, "
            f"{'the same name' if alike else 'the same name but for capitals or spaces'}; "
            f"{'neither' if len(given) == 2 else 'none'} is evaluated until the buyer "
            "decides whether they are one organisation",
            **each.at,
            found="; ".join(f"{words}: {where}" for words, where in differing),
            expected=settled,
            code=CODE,
            supplier=given[0].supplier,
        )
        for each in given
    ]


def _the_others(each: Given, given: list[Given]) -> str:
    """``given`` but ``each``, each by its supplier's name and place: the first
    :data:`_NAMED`, the rest counted."""
    others = [o for o in given if o is not each]
    named = [f"{o.supplier} ({o.place})" for o in others[:_NAMED]]
    rest = len(others) - len(named)
    return listed(named + ([counted(rest, "other return")] if rest else []))
