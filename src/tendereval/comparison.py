"""How numbers are compared when they decide who wins: one rule for every command.

Scoring ranks bids, the award decision settles each lot and the optimiser chooses between
allocations; all three must call the same two bids equal, or ``score`` and ``allocate`` could
name different winners. So every comparison that decides an award goes through this module:

* **points** (totals, quality, social value) are rounded to 4 decimal places (a
  ten-thousandth of a point of 100) and then compared; totals that round alike are a tie for
  the plan's tie-break to settle. Totals are kept exact; only the comparison rounds, so the
  last binary digits of a sum (the order in which the same points were added) decide nothing
  unless the total lies within about 1e-12 of halfway between two ten-thousandths. It is a
  rule, not a tolerance: two totals under a ten-thousandth apart either side of such a
  halfway point round apart (docs/scoring.md says so);
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
