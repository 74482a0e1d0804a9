"""How numbers are compared when they decide who wins: one rule for every command.

Scoring ranks bids, the award decision settles each lot and the optimiser chooses between
allocations; all three must call the same two bids equal, or ``score`` and ``allocate`` could
name different winners. So every comparison that decides an award goes through this module:

* **points** (totals, quality, social value) are rounded to 4 decimal places (a
  ten-thousandth of a point of 100) as a cell formatted to them shows them: Excel's first 15
  significant digits, then a half away from zero, as its ROUND and number formats round
  (91.53125 is 91.5313, and so is 53.281249999999986, the float a total of exactly 53.28125
  was added up to: the report's live rank and every shown total agree with the ranking);
  totals that round alike are a tie for the plan's tie-break to settle. Totals are kept
  exact; only the comparison rounds, so the last binary digits of a sum (the order in which
  the same points were added) decide nothing. It is a rule, not a tolerance: two totals
  under a ten-thousandth apart either side of a halfway point round apart (docs/scoring.md
  says so);
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

from tendereval.io.numformat import as_shown

POINT_DECIMALS = 4
POINT_UNITS = 10**POINT_DECIMALS  # whole units per point of 100
PENCE = 100  # whole units per pound


def points_units(points: pl.Expr) -> pl.Expr:
    """Points as the whole number of 1/10,000 points they are compared in, as a cell formatted
    to 4 places shows them (:func:`shown_units`: Excel's 15 digits, then a half away from
    zero): 53.281249999999986, the float three evaluators' means and a price score of exactly
    53.28125 add up to, is 532,813 as it reads 53.2813 in the report, where its float times
    10,000 rounded gave 532,812. A float, so an infinite or missing value stays comparable
    (cast to integers where they must be); one not finite, or too large to count so, is its
    float times 10,000, rounded."""
    return _units_expr(points, POINT_DECIMALS)


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
    return _units_expr(pounds, 2)


def whole_pence(pounds: float) -> int:
    """:func:`pence` for one finite amount, as a whole number: £1,000.125 is 100,013p (where
    Python's ``round(100012.5)`` gives 100,012, a half to even) and £1.005 is 101p, as
    every message writes them (£1,000.13, £1.01)."""
    return int(as_shown(pounds, 2).scaleb(2))


def shown_units(expr: pl.Expr, decimals: int) -> pl.Expr:
    """How many 10^-``decimals`` (hundredths for 2) a cell formatted to ``decimals`` places
    shows ``expr`` as, its sign ignored, as a whole number:
    :func:`tendereval.io.numformat.as_shown` for a column (15 significant digits, then a half
    away from zero: 100.125 is 10,013 hundredths, 28.125 is 2,813, 18.275 × 2,341 is
    4,278,178). For fewer than 10^15 of them; none for a number not finite."""
    return expr.map_batches(
        lambda values: _units_shown(values, decimals), return_dtype=pl.Int64, is_elementwise=True
    )


def _units_expr(values: pl.Expr, decimals: int) -> pl.Expr:
    return values.map_batches(
        lambda column: _signed_units(column, decimals), return_dtype=pl.Float64, is_elementwise=True
    )


def _signed_units(values: pl.Series, decimals: int) -> pl.Series:
    """:func:`shown_units` with the sign, as floats; an amount not finite, or too large to
    count so, its float times 10^``decimals``, rounded."""
    values = values.cast(pl.Float64)
    shown = _units_shown(values, decimals).cast(pl.Float64)
    signed = shown.zip_with(values >= 0, -shown)
    return signed.fill_null((values * 10**decimals).round(0, mode="half_away_from_zero"))


# Beyond this size a number does not fit the decimals it is worked out in exactly below (16
# digits before the point, as polars' 38-digit decimals held it): none is counted.
_COUNTED_BELOW = 1e16


def _units_shown(values: pl.Series, decimals: int) -> pl.Series:
    """:func:`shown_units` for a column of numbers, worked out on the whole column in floats
    and, for the few near a half of the last place shown, exactly from the decimals they are
    written as (numformat.as_shown). Done as one polars expression, the exact part cost
    polars several milliseconds of planning for every column however short (a dozen
    columns in each tender scored: a tenth of scoring a small tender), and turned every
    number into text and a 38-digit decimal to choose a handful."""
    size = values.cast(pl.Float64).abs()
    scaled = size * 10**decimals
    below = scaled.floor()
    # One too few or one too many when the product rounds across a whole number: the
    # fraction is then near 0 or 1, and says which.
    over = scaled - below
    units = (below + (over >= 0.5).cast(pl.Float64)).cast(pl.Int64, strict=False)
    # Near a half, as a float's rounding could tell it (a millionth, or a part in 10^12 of
    # the number: Excel's 15th digit is 5 in 10^15 of it, a float's last bit 1 in 10^16),
    # the decimals it is written as decide.
    close = ((over - 0.5).abs() <= 1e-6 + scaled * 1e-12) & (size < _COUNTED_BELOW)
    places = close.fill_null(False).arg_true()
    if places.len():
        near = size.gather(places).to_list()
        # (Each distinct number once: a column of prices typed to a tenth of a penny
        # repeats them.)
        exact = {value: int(as_shown(value, decimals).scaleb(decimals)) for value in set(near)}
        units = units.scatter(places, [exact[value] for value in near])
    beyond = (size >= _COUNTED_BELOW).fill_null(False).arg_true()
    return units.scatter(beyond, None) if beyond.len() else units


def rounded(value: float, decimals: int = POINT_DECIMALS) -> float:
    """``value`` to ``decimals`` places as it is compared and shown: as a cell formatted to
    them shows it (numformat.as_shown: Excel's 15 digits, then a half away from zero), as
    :func:`points_units` counts it. Python's ``round`` and ``f"{x:.4f}"`` round an exact half
    to even, so 91.53125 read 91.5312 on the terminal and 91.5313 in Excel."""
    if not math.isfinite(value):
        return value
    return float(as_shown(value, decimals))


def rounded_expr(values: pl.Expr, decimals: int = POINT_DECIMALS) -> pl.Expr:
    """:func:`rounded` for a column: the whole units it is counted in, divided (a float
    times 0.01 is not always the float of the hundredths: 8,148,665 × 0.01 is
    81,486.65000000001, 8,148,665 / 100 is 81,486.65; polars divides a column by a number
    as the first, by a column of the number as the second)."""
    scale = float(10**decimals)
    return values.map_batches(
        lambda column: _signed_units(column, decimals) / pl.repeat(scale, len(column), eager=True),
        return_dtype=pl.Float64,
        is_elementwise=True,
    )
