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
* **money** is compared to the penny, as a cell shows it (:func:`pence`): an amount typed to
  a fraction of a penny, a ceiling price of £2,550,000.135, is the £2,550,000.14 every message
  writes.

The optimiser needs whole numbers to prove one allocation better than another; these are the
units it counts in, so its answer and the ranking agree exactly.
"""

from __future__ import annotations

import math

import polars as pl

from tendereval.io.numformat import EXCEL_DIGITS, as_shown

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
    """Pounds as the whole number of pence they are compared in, as a cell shows them (a
    float, as above): a half penny away from zero after Excel's 15 digits, as every message
    writes the amount (:func:`shown_units`). A ceiling price or true cost typed as
    £2,550,000.135 is 255,000,014p and reads £2,550,000.14, where its float times 100,
    255,000,013.49999999, rounded to 255,000,013p. An amount not finite, or too large to
    count so, is its float times 100, rounded."""
    shown = shown_units(pounds, 2).cast(pl.Float64)
    return pl.coalesce(
        pl.when(pounds < 0).then(-shown).otherwise(shown),
        (pounds * PENCE).round(0, mode="half_away_from_zero"),
    )


def whole_pence(pounds: float) -> int:
    """:func:`pence` for one finite amount, as a whole number: £1,000.125 is 100,013p (where
    Python's ``round(100012.5)`` gives 100,012, a half to even) and £1.005 is 101p, as
    every message writes them (£1,000.13, £1.01)."""
    return int(as_shown(pounds, 2).scaleb(2))


# Numbers are compared as the decimals they are written as (Python's repr), to this many
# places: 15 significant digits of any number from 10^-7, up to 10^16 in polars' 38 digits.
_EXACT = pl.Decimal(38, 22)


def shown_units(expr: pl.Expr, decimals: int) -> pl.Expr:
    """How many 10^-``decimals`` (hundredths for 2) a cell formatted to ``decimals`` places
    shows ``expr`` as, its sign ignored, as a whole number:
    :func:`tendereval.io.numformat.as_shown` for a column (15 significant digits, then a half
    away from zero: 100.125 is 10,013 hundredths, 28.125 is 2,813, 18.275 × 2,341 is
    4,278,178). For fewer than 10^15 of them; none for a number not finite."""
    size = expr.abs()
    scaled = size * 10**decimals
    below = scaled.floor()
    # One too few or one too many when the product rounds across a whole number: the
    # fraction is then near 0 or 1, and says which.
    over = scaled - below
    # Near a half, as a float's rounding could tell it (and within Excel's 15th digit of it),
    # the decimals it is written as decide, worked out for those numbers alone.
    close = _near(over, 0.5, scaled)
    near = pl.when(close).then(size)
    between = pl.when(close).then(below).cast(pl.Int64, strict=False)
    exactly = _as_written(near) >= _half_way(between, near, decimals)
    up = pl.when(close).then(exactly).otherwise(over >= 0.5)
    return below.cast(pl.Int64, strict=False) + up.cast(pl.Int64)


def _near(fraction: pl.Expr, point: float, scaled: pl.Expr) -> pl.Expr:
    """Whether ``fraction`` (of ``scaled``) is within what floats could get wrong of
    ``point``: a millionth, or a part in 10^12 of ``scaled`` (Excel's 15th digit is 5 in
    10^15 of it, a float's last bit 1 in 10^16)."""
    return (fraction - point).abs() <= 1e-6 + scaled * 1e-12


def _as_written(size: pl.Expr) -> pl.Expr:
    """The decimal a float is written as (its shortest text, as Python's repr and
    numformat.as_shown read it), exactly: in floats, 1.005 × 100 is 100.49999999999999."""
    return size.cast(pl.String).cast(_EXACT, strict=False)


def _half_way(below: pl.Expr, size: pl.Expr, decimals: int) -> pl.Expr:
    """The least decimal shown as ``below`` + 1 units rather than ``below`` (10^-``decimals``
    each), for a ``size`` near it: the half between them, less half of Excel's 15th
    significant digit there when the half has fewer digits (a number is first cut to 15
    digits, a half away from zero): 1.005 less 0.000000000000005."""
    half = pl.format("{}5e-{}", below, pl.lit(decimals + 1)).cast(_EXACT, strict=False)
    first = size.log10().floor().cast(pl.Int64, strict=False)  # the first digit's place
    fifteenth = pl.when(first <= EXCEL_DIGITS - 2 - decimals).then(
        pl.format("5e{}", first - EXCEL_DIGITS)
    )
    return half - fifteenth.otherwise(pl.lit("0")).cast(_EXACT, strict=False)


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
