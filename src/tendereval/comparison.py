"""How numbers are compared when they decide who wins: one rule for every command.

Scoring ranks bids, the award decision settles each lot and the optimiser chooses between
allocations; all three must call the same two bids equal, or ``score`` and ``allocate`` could
name different winners. So every comparison that decides an award goes through this module:

* **points** (totals, quality, social value) are rounded to 4 decimal places (a
  ten-thousandth of a point of 100), a half away from zero as Excel's ROUND and number formats
  round it (91.53125 is 91.5313: the report's live rank and every shown total agree with the
  ranking), and then compared; totals that round alike are a tie for
  the plan's tie-break to settle. Totals are kept exact; only the comparison rounds, so the
  last binary digits of a sum (the order in which the same points were added) decide nothing
  unless the total lies within about 1e-12 of halfway between two ten-thousandths. It is a
  rule, not a tolerance: two totals under a ten-thousandth apart either side of such a
  halfway point round apart (docs/scoring.md says so);
* **minimums** (a question's minimum score, the overall quality minimum in points, an
  allocation's minimum quality) are compared the same way, the score or points and the
  minimum both to 4 decimal places: a tender whose quality reads 20.0000 of a minimum of 20
  meets it, whatever digits lie beyond those shown (:func:`below_minimum`);
* **money** is compared to the penny.

The optimiser needs whole numbers to prove one allocation better than another; these are the
units it counts in, so its answer and the ranking agree exactly.
"""

from __future__ import annotations

import math

import polars as pl

POINT_DECIMALS = 4
POINT_UNITS = 10**POINT_DECIMALS  # whole units per point of 100
PENCE = 100  # whole units per pound


def points_units(points: pl.Expr) -> pl.Expr:
    """Points as the whole number of 1/10,000 points they are compared in (a float, so an
    infinite or missing value stays comparable; cast to integers where they must be)."""
    return (points * POINT_UNITS).round(0, mode="half_away_from_zero")


def below_minimum(value: pl.Expr, minimum: pl.Expr | float) -> pl.Expr:
    """Whether a score or points fall below a minimum as the award compares them: both to 4
    decimal places (:func:`points_units`), as they are shown. 19.99999992 quality points meet
    a minimum of 20 (both are 20.0000); 19.99994 do not (19.9999)."""
    if not isinstance(minimum, pl.Expr):
        minimum = pl.lit(minimum, pl.Float64)
    return points_units(value) < points_units(minimum)


def pence(pounds: pl.Expr) -> pl.Expr:
    """Pounds as the whole number of pence they are compared in (a float, as above)."""
    return (pounds * PENCE).round(0, mode="half_away_from_zero")


def rounded(value: float, decimals: int = POINT_DECIMALS) -> float:
    """``value`` to ``decimals`` places as it is compared and shown: a half away from zero,
    as :func:`points_units` (and Excel) round it. Python's ``round`` and ``f"{x:.4f}"`` round
    an exact half to even, so 91.53125 read 91.5312 on the terminal and 91.5313 in Excel."""
    if not math.isfinite(value):
        return value
    scale = 10**decimals
    scaled = abs(value) * scale
    whole = math.floor(scaled)
    # (scaled - whole is exact; whole + 0.5 compared by addition could round up.)
    if scaled - whole >= 0.5:
        whole += 1
    return math.copysign(whole / scale, value)


def rounded_expr(values: pl.Expr, decimals: int = POINT_DECIMALS) -> pl.Expr:
    """:func:`rounded` for a column."""
    return values.round(decimals, mode="half_away_from_zero")
