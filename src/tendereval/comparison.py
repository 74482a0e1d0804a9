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
    units = _units_expr(expr, decimals).abs()
    return pl.when(expr.abs() < _COUNTED_BELOW).then(units).cast(pl.Int64, strict=False)


# Beyond this size a number is not worked out as a cell shows it (it has no hundredths left
# in a cell's 15 digits, and none was ever a real amount or score): its float, rounded.
_COUNTED_BELOW = 1e16


def _units_expr(values: pl.Expr, decimals: int) -> pl.Expr:
    """The whole number of 10^-``decimals`` a cell shows ``values`` as, with their sign, as
    floats (:func:`_signed_units`). Worked out exactly for every number in one polars
    expression (each as text, then a 38-digit decimal), it cost polars several milliseconds
    of planning for every column however short: a tenth of scoring a small tender."""
    return values.map_batches(
        lambda column: _signed_units(column, decimals), return_dtype=pl.Float64, is_elementwise=True
    )


# Values of a column worked out one by one in Python: below it, each step on the whole
# column costs more (a few hundredths of a millisecond a step, a dozen steps) than the values.
_WORKED_IN_PYTHON = 2_000


def _signed_units(column: pl.Series, decimals: int) -> pl.Series:
    """:func:`_units_expr` for a column: in floats, and for the few numbers near a half of the
    last place shown, exactly from the decimals they are written as (numformat.as_shown)."""
    column = column.cast(pl.Float64)
    if column.len() <= _WORKED_IN_PYTHON:
        return pl.Series(
            column.name,
            [None if value is None else _units_of(value, decimals) for value in column.to_list()],
            dtype=pl.Float64,
        )
    value = pl.col(column.name)
    worked = column.to_frame().select(
        units=units_in_floats(value, decimals), unsure=unsure_in_floats(value, decimals)
    )
    units = worked.get_column("units").alias(column.name)
    places = worked.get_column("unsure").arg_true()
    if places.len():
        near = column.gather(places).abs().to_list()
        # (Each distinct number once: a column of prices typed to a tenth of a penny
        # repeats them.)
        exact = {size: _exact_units(size, decimals) for size in set(near)}
        signs = (column.gather(places) >= 0).to_list()
        units = units.scatter(
            places,
            [exact[size] if up else -exact[size] for size, up in zip(near, signs, strict=True)],
        )
    return units


def units_in_floats(values: pl.Expr, decimals: int = POINT_DECIMALS) -> pl.Expr:
    """:func:`points_units` (``decimals`` 4) or :func:`pence` (2) worked out in floats alone,
    as one polars expression: the same whole number for every value but those
    :func:`unsure_in_floats` marks, the few near a half of the last place shown, where the
    decimals the number is written as decide. For a column of thousands of values inside a
    query polars runs side by side (the win probabilities' 10,000 weight draws): the exact
    rule calls back into Python for each column, holding the lock every other column's work
    needs, and made those queries eight times slower. A query using this counts the values
    it marks, and is made again with the exact rule when there are any."""
    # Away from a half of the last place, every way of rounding the product agrees, and
    # the float's product is the number's to far better than the unit.
    return (values * 10**decimals).round(0, mode="half_away_from_zero")


def unsure_in_floats(values: pl.Expr, decimals: int = POINT_DECIMALS) -> pl.Expr:
    """Whether :func:`units_in_floats` may differ from the exact rule for a value: near a half
    of the last place shown (:func:`_near_half`), and small enough to be counted so. False
    for a missing value."""
    scaled = values * 10**decimals
    # (The fraction of a negative product is one less the fraction of its size: as far from
    # a half.)
    near = _near_half(scaled - scaled.floor(), scaled.abs())
    return (near & (values.abs() < _COUNTED_BELOW)).fill_null(False)


def _units_of(value: float, decimals: int) -> float:
    """:func:`_signed_units` for one number."""
    scaled = value * 10**decimals
    size = abs(value)
    if not size < _COUNTED_BELOW:  # (not finite, or beyond counting)
        return scaled if not math.isfinite(scaled) else _half_away(scaled)
    whole = math.floor(abs(scaled))
    over = abs(scaled) - whole
    units = _exact_units(size, decimals) if _near_half(over, abs(scaled)) else whole + (over >= 0.5)
    return -units if value < 0 else float(units)


def _near_half(over, scaled):
    """Whether the fraction ``over`` of ``scaled`` is within what a float's rounding could get
    wrong of a half (a millionth, or a part in 10^12 of the number: Excel's 15th digit is 5
    in 10^15 of it, a float's last bit 1 in 10^16): the decimals it is written as decide."""
    return abs(over - 0.5) <= 1e-6 + scaled * 1e-12


def _exact_units(size: float, decimals: int) -> float:
    return float(as_shown(size, decimals).scaleb(decimals))


def _half_away(scaled: float) -> float:
    whole = math.floor(abs(scaled))
    return math.copysign(whole + (abs(scaled) - whole >= 0.5), scaled)


def rounded(value: float, decimals: int = POINT_DECIMALS) -> float:
    """``value`` to ``decimals`` places as it is compared and shown: as a cell formatted to
    them shows it (numformat.as_shown: Excel's 15 digits, then a half away from zero), as
    :func:`points_units` counts it. Python's ``round`` and ``f"{x:.4f}"`` round an exact half
    to even, so 91.53125 read 91.5312 on the terminal and 91.5313 in Excel."""
    if not math.isfinite(value):
        return value
    return float(as_shown(value, decimals))


def rounded_expr(values: pl.Expr, decimals: int = POINT_DECIMALS) -> pl.Expr:
    """:func:`rounded` for a column: the whole units it is counted in, divided (8,148,665p is
    £81,486.65; polars divides by a number as a multiplication, by 0.01, which gave
    81,486.65000000001, and so a column is divided by a column of the number)."""
    return values.map_batches(
        lambda column: _divided(_signed_units(column, decimals), 10**decimals),
        return_dtype=pl.Float64,
        is_elementwise=True,
    )


def _divided(units: pl.Series, scale: int) -> pl.Series:
    if units.len() <= _WORKED_IN_PYTHON:
        return pl.Series(
            units.name,
            [None if unit is None else unit / scale for unit in units.to_list()],
            dtype=pl.Float64,
        )
    return units / pl.repeat(float(scale), units.len(), eager=True)
