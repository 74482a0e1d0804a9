"""Small helpers the scoring modules share: supplier keys, number text, and flags.

Scoring works on ``skey`` (the supplier key of :func:`tendereval.io.frames.supplier_key`) so a
supplier whose name is typed differently on a score sheet is still matched to its bid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import polars as pl

from tendereval.comparison import rounded
from tendereval.io.frames import supplier_key
from tendereval.io.numformat import EXCEL_DIGITS
from tendereval.slips import TIMES_ESTIMATE

# Below this, two numbers read from inputs are the same (a score saved as 4.0000000001 is 4).
# Which totals are equal when ranking is tendereval.comparison's rule, not this one.
TOLERANCE = 1e-9

FLAG_SCHEMA: dict[str, pl.DataType] = {
    "lot": pl.String,
    "skey": pl.String,
    "supplier": pl.String,
    "code": pl.String,
    "message": pl.String,
    "severity": pl.String,
    "where": pl.String,
}


def key_map(names: Iterable[str | None]) -> dict[str, str]:
    """{name: supplier key} for every distinct non-null name (one Python call per name)."""
    return {name: supplier_key(name) for name in set(names) if name is not None}


def with_key(df: pl.DataFrame, keys: dict[str, str], column: str = "supplier") -> pl.DataFrame:
    """``df`` with an ``skey`` column: the supplier key of ``column``."""
    return df.with_columns(
        skey=pl.col(column).replace_strict(keys, default=None, return_dtype=pl.String)
    )


def evaluator_key(column: str = "evaluator") -> pl.Expr:
    """Evaluators are matched between score sheets and declarations ignoring case and spaces."""
    return pl.col(column).str.strip_chars().str.replace_all(r"\s+", " ").str.to_lowercase()


# Whole numbers of pence (or units) up to this size fit a 64-bit integer with room to spare;
# beyond it, or for infinity, messages show the number as polars writes it (9.3e+16).
_WHOLE_LIMIT = 1e16


# Whole numbers of units shown (pence, or 10^-decimals) below this are worked out as a cell
# shows them: a half of one, and Excel's 15 significant digits, are then told apart exactly.
_UNITS_LIMIT = 1e15
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


def num(expr: pl.Expr, decimals: int = 2) -> pl.Expr:
    """A number as text for messages, to ``decimals`` places as a cell formatted to them
    shows it (:func:`shown_units`): 28.125 is ``28.13``, 39.998 ``40.00`` and 49.99667 to 4
    places ``49.9967``. Noughts at the end are left off only when the number is the figure
    shown (``3``, ``2.5``), so a figure never reads as whole when it is not. With 10^15
    units or more, a whole number in full, any other (or one not finite) as polars writes it
    (``inf``). :func:`tendereval.wording.figure` is the same for one number."""
    units = shown_units(expr, decimals)
    # Written from a decimal of so many places, which keeps its noughts (40.00).
    places = pl.Decimal(38, decimals)
    tenths = pl.lit(Decimal(1).scaleb(-decimals), dtype=places)  # (10^-decimals)
    shown = (units.cast(pl.Decimal(38, 0)) * tenths).cast(places).cast(pl.String)
    trimmed = shown.str.strip_chars_end("0").str.strip_suffix(".") if decimals else shown
    is_shown = _is_shown(expr.abs(), units, decimals)
    sign = pl.when((expr < 0) & (units > 0)).then(pl.lit("-")).otherwise(pl.lit(""))
    whole_number = expr.round(0)
    return (
        pl.when(expr.abs() * 10**decimals < _UNITS_LIMIT)
        .then(pl.format("{}{}", sign, pl.when(is_shown).then(trimmed).otherwise(shown)))
        .when((expr == whole_number) & (expr.abs() < _WHOLE_LIMIT))
        .then(whole_number.cast(pl.Int64, strict=False).cast(pl.String))
        .otherwise(expr.cast(pl.String))
    )


def _is_shown(size: pl.Expr, units: pl.Expr, decimals: int) -> pl.Expr:
    """Whether ``size`` is written as exactly ``units`` 10^-``decimals`` (2.5 as 2.50, not
    2.4999999999999996): told by the decimals it is written as for a number near a whole
    number of units, as floats cannot tell it."""
    scaled = size * 10**decimals
    close = _near(scaled - scaled.round(0), 0, scaled)
    shown = pl.format("{}e-{}", pl.when(close).then(units), pl.lit(decimals))
    # (a number too small to be written to 22 places is not its 0.00)
    exactly = (_as_written(pl.when(close).then(size)) == shown.cast(_EXACT, strict=False)) & (
        (units > 0) | (size == 0)
    )
    return pl.when(close).then(exactly).otherwise(pl.lit(False))


def _whole_and_part(units: pl.Expr, decimals: int) -> tuple[pl.Expr, pl.Expr]:
    """The whole number and the ``decimals`` digits after the point (as text) of ``units``
    10^-``decimals``."""
    scale = 10**decimals
    return units // scale, (units % scale).cast(pl.String).str.zfill(decimals)


def grouped(whole: pl.Expr) -> pl.Expr:
    """A whole number of 0 or more (an integer column) as text with its thousands separated,
    ``1,234,567``, as an officer reads a volume or an amount."""
    return (
        whole.cast(pl.String)
        .str.reverse()
        .str.replace_all(r"(\d{3})", "$1,")
        .str.strip_suffix(",")
        .str.reverse()
    )


def money(expr: pl.Expr, pence: bool = True) -> pl.Expr:
    """``£1,234,567.89`` (``-£12.50`` when negative) as text, for messages; ``£1,234,568``
    without the ``pence``: :func:`tendereval.wording.pounds` for a column. An amount too
    large to count in pence (no real one is) is written to four figures, ``£3.126e+306``
    (not as a float's 17 digits, ``£3.1260652499999996e+306``), or ``infinite``."""
    sign = pl.when(expr < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    # strict=False: the cast is worked out for every row, including those shown the other way.
    size = expr.abs()
    # A half penny away from zero as a cell shows it (wording.pounds is the same for one).
    whole, part = _whole_and_part(shown_units(size, 2 if pence else 0), 2 if pence else 0)
    exact = (
        pl.format("{}£{}.{}", sign, grouped(whole), part)
        if pence
        else pl.format("{}£{}", sign, grouped(whole))
    )
    power = size.log10().floor()
    figures = (size / pl.lit(10.0).pow(power)).round(3)  # 1 to 10: its shortest text is short
    huge = pl.format("{}£{}e+{}", sign, figures, power.cast(pl.Int64, strict=False))
    return (
        pl.when(size * 100 < _UNITS_LIMIT)
        .then(exact)
        .when(size.is_infinite())
        .then(pl.format("{}infinite", sign))
        .otherwise(huge)
    )


def flags_frame(df: pl.DataFrame | None = None) -> pl.DataFrame:
    """Conform a frame of flags (any subset of the columns) to the internal flag schema."""
    if df is None or df.height == 0:
        return pl.DataFrame(schema=FLAG_SCHEMA)
    return df.select(
        [
            (pl.col(c) if c in df.columns else pl.lit(None)).cast(t).alias(c)
            for c, t in FLAG_SCHEMA.items()
        ]
    )


def others_price(price: pl.Expr, over: str) -> pl.Expr:
    """What ``price`` is set against among the prices of its group ``over`` (a lot): the
    other one when there are two, their median when more (one far-off price hardly moves it),
    none when it stands alone."""
    count = pl.len().over(over)
    return (
        pl.when(count == 2)
        .then(price.sum().over(over) - price)
        .when(count > 2)
        .then(price.median().over(over))
    )


def far_above(price: pl.Expr, others: pl.Expr) -> pl.Expr:
    """Whether ``price`` is more than ``TIMES_ESTIMATE`` times ``others``: a price typed in
    pence, or a total typed for a rate, far more often than a bid (io.bid_rules)."""
    return (others > 0) & (price > TIMES_ESTIMATE * others)


def times(ratio: pl.Expr) -> pl.Expr:
    """How many times one figure is another, as text: to one decimal under 10 (``5.1``, so
    a ratio just over a bound of 5 does not read as 5), whole above (``53``)."""
    return pl.when(ratio < 10).then(num(ratio, 1)).otherwise(num(ratio, 0))


def warnings_on(bids: pl.DataFrame, code: str, message: pl.Expr) -> pl.DataFrame:
    """A warning flag with ``code`` and ``message`` on each of ``bids`` (``lot``, ``skey``)."""
    return flags_frame(
        bids.select("lot", "skey", code=pl.lit(code), message=message, severity=pl.lit("warning"))
    )


def side_by_side(*calls: Callable[[], Any]) -> list[Any]:
    """Each call's result, in order, the calls made at once on threads of their own.

    Polars lets go of Python's lock while it works, and many of its steps run on one core (an
    order-keeping group-by, a chain of conditions, text formatting): steps that do not need
    each other's results then share the machine's cores. The answer is the one the calls give
    made in turn, since each only reads frames, which never change."""
    if len(calls) == 1:
        return [calls[0]()]
    with ThreadPoolExecutor(max_workers=len(calls) - 1) as pool:
        later = [pool.submit(call) for call in calls[1:]]
        first = calls[0]()  # (this thread makes one of them rather than wait)
        return [first, *(future.result() for future in later)]


def fmt(value: float) -> str:
    """A plan number as text: 2 rather than 2.0."""
    return f"{value:g}"


def as_written(value: float) -> str:
    """A plan number as its author wrote it, for a label that says so ("weight as stated"):
    33.333333 stays 33.333333, where ``fmt`` keeps six figures (33.3333, the same text for
    33.333334); 60.0 is 60, and 0.00001 is never 1e-05."""
    return _plain(Decimal(repr(float(value))))


def as_compared(points: float) -> str:
    """A plan's figure in points as the award compares it (comparison.py), for text: to 4
    decimal places, no trailing zeros. 0.5 of 40 is 20, 0.333333 of 40 is 13.3333 (not
    13.33332), and 99.99995 is 100."""
    return as_written(rounded(points))


def share_as_percent(share: float) -> str:
    """A share the plan states (0 to 1) as the percentage it is, digit for digit: 0.625 is
    62.5%, never 62% or 63%; 0.333333 is 33.3333%. Worked out in decimal, so 0.675 is 67.5%
    and not 67.50000000000001%."""
    return f"{_plain(Decimal(repr(float(share))) * 100)}%"


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
