"""One company number, charity number or PPON under two supplier names: one organisation
bidding twice, or a slip in one number.

"Stour Valley Homecare Ltd" and "Stour Valley Homecare Limited" with one company number are
one organisation bidding twice; two organisations with one number is a slip that must be
cleared up. Either way each bid carries the error, so neither is evaluated until the buyer
decides (as for a supplier that sent two bid returns). The Central Digital Platform gives a
PPON to one organisation only, so one PPON on two returns is the same: a revised return under
another name, its company number left blank, or one supplier's copied into another's return
(which published the copier under the owner's identifier). The one rule for bid returns
(io/tender.py) and for a ``suppliers`` frame handed to ``Tender.from_frames``
(io/frame_rules.py): from a frame, Alpha Ltd and Beta Ltd giving one PPON were both ranked.
The mirror of ``bid.other_registration``, one name giving two numbers
(io/other_registration.py).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

import polars as pl

from tendereval.errors import Problem
from tendereval.io.keys import supplier_key
from tendereval.io.one_organisation import IDENTIFIERS, registered_in
from tendereval.io.other_registration import Given, row_given
from tendereval.wording import counted

CODE = "bid.same_registration"

_NAMED = 5  # other bids named in a message; the rest are counted


def same_registrations(
    given: list[Given],
    anew: Callable[[Given], bool] | None = None,
    settled: str = "one bid return per organisation, each with its own {words}",
) -> list[Problem]:
    """An error at each of ``given`` (one for each supplier) that gives the company or
    charity number, or the unique identifier (PPON), of another. Those already told of one
    another by a number are not told again by their PPON. ``anew``: of the ``given`` sharing a
    number, at least one must be told of anew (rows the loader read from files, and told of
    there, are not told again); ``settled``: what is expected, of ``{words}``."""
    problems: list[Problem] = []
    told: list[set[int]] = []  # the ones each error names together
    for field, words in IDENTIFIERS:
        holders: dict[str, list[Given]] = {}
        for each in given:
            if number := registered_in(each.details, field):
                holders.setdefault(number, []).append(each)
        for number, same in sorted(holders.items()):
            together = {id(each) for each in same}
            if len(same) < 2 or any(together <= earlier for earlier in told):
                continue
            if anew is not None and not any(map(anew, same)):
                continue
            told.append(together)
            problems += [
                Problem(
                    f"{each.supplier} gives the same {words} as {_the_others(each, same)}; "
                    f"{'neither' if len(same) == 2 else 'none'} is evaluated until the buyer "
                    "decides whether they are one organisation",
                    **each.at,
                    found=number,
                    expected=settled.format(words=words),
                    code=CODE,
                    supplier=each.supplier,
                )
                for each in same
            ]
    return problems


def same_registrations_in_frame(suppliers: pl.DataFrame) -> list[Problem]:
    """The error of :func:`same_registrations` at each row of a ``suppliers`` frame whose
    number another supplier's row gives too (a supplier's first row counts, as the loader
    keeps one for each). Rows the loader read from files (``source``) were told of there:
    only a number a row made by hand gives is told of."""
    if suppliers.height < 2 or "supplier" not in suppliers.columns:
        return []
    rows = suppliers.with_row_index("_at", offset=1).filter(pl.col("supplier").is_not_null())
    first = rows.filter(
        pl.col("supplier").map_elements(supplier_key, return_dtype=pl.String).is_first_distinct()
    )
    return same_registrations(
        [row_given(row) for row in first.iter_rows(named=True)],
        anew=lambda each: not each.details.get("source"),
        settled="one suppliers row per organisation, each with its own {words}: correct the "
        "number after clarifying with the suppliers, or, if they are one organisation, give "
        "its bids under one name",
    )


def _the_others(each: Given, same: list[Given]) -> str:
    """The ones of ``same`` but ``each``, each by its supplier and place: the first
    :data:`_NAMED`, the rest counted. Each of 800 bids giving one number named the 799 others:
    800 messages of 41,000 characters, 34 MB on the terminal and in the report, and 115 s.
    Each of the others carries this error too, naming the number, so none goes unnamed."""
    others = [
        f"{o.supplier} ({o.place})" for o in islice((o for o in same if o is not each), _NAMED + 1)
    ]
    if len(same) - 1 <= _NAMED + 1:
        return "; ".join(others)
    rest = len(same) - 1 - _NAMED
    return f"{'; '.join(others[:_NAMED])} and {counted(rest, 'other bid')}, each with this error"
