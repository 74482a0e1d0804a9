"""How numbers are compared when they decide who wins: one rule for every command.

Scoring ranks bids, the award decision settles each lot and the optimiser chooses between
allocations; all three must call the same two bids equal, or ``score`` and ``allocate`` could
name different winners. So every comparison that decides an award goes through this module:

* **points** (totals, quality, social value) are compared to 4 decimal places (a ten-thousandth
  of a point of 100). Totals are kept exact; only the comparison rounds, so the order in which
  the same points were added can never decide a contract, and a lead too small to show on any
  report (0.000005 points) is a tie for the plan's tie-break to settle, not a win;
* **money** is compared to the penny.

The optimiser needs whole numbers to prove one allocation better than another; these are the
units it counts in, so its answer and the ranking agree exactly.
"""

from __future__ import annotations

import polars as pl

POINT_DECIMALS = 4
POINT_UNITS = 10**POINT_DECIMALS  # whole units per point of 100
PENCE = 100  # whole units per pound


def points_units(points: pl.Expr) -> pl.Expr:
    """Points as the whole number of 1/10,000 points they are compared in (a float, so an
    infinite or missing value stays comparable; cast to integers where they must be)."""
    return (points * POINT_UNITS).round(0)


def pence(pounds: pl.Expr) -> pl.Expr:
    """Pounds as the whole number of pence they are compared in (a float, as above)."""
    return (pounds * PENCE).round(0)
