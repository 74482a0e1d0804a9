"""One supplier's offers for exactly the same lots, in any order.

Two offers of one supplier for the same lots can never both be won, so the allocation quietly
takes one of them. The one rule for telling such offers, for an offers file's rows
(allocation/repeated_offers.py) and a bid return's package offers (io/bid_rules.py); each says
what they mean in its own words. Polars only: the bid readers use it in worker processes,
which do not load the allocation.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl


def same_lots(
    offers: pl.DataFrame,
    keep: Sequence[str],
    *,
    also: Sequence[str] = (),
    prefix: str = "first_",
) -> pl.DataFrame:
    """``offers`` (``supplier``, ``lots`` as a list, ``_row``) in row order, with ``lot_set``
    (its lots in one order: ASH;CAN for CAN and ASH) and, for each column of ``keep``, that
    column of the supplier's first offer for the same lots (and the same values of ``also``:
    the price, for an offer copied), named ``prefix`` and the column's name (``first_row``
    for ``_row``)."""
    keyed = offers.sort("_row").with_columns(lot_set=pl.col("lots").list.sort().list.join(";"))
    by = ["supplier", "lot_set", *also]
    return keyed.with_columns(
        pl.col(c).first().over(by).alias(prefix + c.lstrip("_")) for c in keep
    )
