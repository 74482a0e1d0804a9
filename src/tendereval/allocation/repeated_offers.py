"""One supplier's offers for exactly the same lots: a row copied, or an old price left in.

Two offers of one supplier for the same lots can never both be won, so the allocation quietly
takes one of them (the cheaper, or the better scored): a row copied under a new offer id, or a
price corrected on a new row with the old one left in, passed without a word. Which offers are
for the same lots is the rule of tendereval.same_lots, which a bid return's packages keep too.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from tendereval.errors import Problem, Severity
from tendereval.same_lots import same_lots
from tendereval.wording import pounds


def repeated_offers(
    offers: pl.DataFrame, *, file: str, sheet: str, locate: Callable[[int, str], str]
) -> list[tuple[int, Problem]]:
    """A warning at each later offer of a supplier for exactly the lots of an earlier one
    (in any order): an exact copy (the same price and score too) names the offer it copies
    (``offers.offer_copied``); another price or score for the same lots is a note naming the
    first (``offers.same_lots_twice``): it may be a real alternative, so it stops nothing."""
    first = same_lots(offers, ("_row", "offer_id", "price", "score"))
    marked = same_lots(
        first, ("_row", "offer_id"), also=("price", "score"), prefix="copied_"
    ).filter(pl.col("_row") != pl.col("first_row"))
    problems = []
    for row in marked.iter_rows(named=True):
        lots = ", ".join(row["lots"])
        supplier = row["supplier"]
        if row["copied_row"] != row["_row"]:
            problems.append(
                (
                    row["_row"],
                    Problem(
                        f"offer {row['offer_id']} is a copy of offer {row['copied_offer_id']} "
                        f"({locate(row['copied_row'], 'offer_id')}): the same supplier "
                        f"({supplier}), lots ({lots}), price and score: check it (one offer "
                        "entered twice?)",
                        file=file,
                        sheet=sheet,
                        cell=locate(row["_row"], "offer_id"),
                        found=row["offer_id"],
                        expected="each offer once",
                        code="offers.offer_copied",
                        severity=Severity.WARNING,
                        supplier=supplier,
                    ),
                )
            )
            continue
        problems.append(
            (
                row["_row"],
                Problem(
                    f"{supplier} has another offer for the same lots ({lots}): offer "
                    f"{row['first_offer_id']} ({locate(row['first_row'], 'offer_id')}) at "
                    f"{pounds(row['first_price'])}, score {row['first_score']:g}, and offer "
                    f"{row['offer_id']} at {pounds(row['price'])}, score {row['score']:g}; at "
                    "most one of them can be won. A note: if one is an old price left in after "
                    "a correction, delete it",
                    file=file,
                    sheet=sheet,
                    cell=locate(row["_row"], "price"),
                    found=pounds(row["price"]),
                    expected="one offer for these lots, or alternatives the supplier made",
                    code="offers.same_lots_twice",
                    severity=Severity.WARNING,
                    supplier=supplier,
                ),
            )
        )
    return problems
