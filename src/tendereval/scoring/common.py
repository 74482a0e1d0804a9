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


def num(expr: pl.Expr, decimals: int = 2) -> pl.Expr:
    """A number as text for messages: ``3`` for whole numbers, else rounded to ``decimals``."""
    whole = expr.round(0)
    return (
        pl.when((expr == whole) & (expr.abs() < _WHOLE_LIMIT))
        .then(whole.cast(pl.Int64, strict=False).cast(pl.String))
        .otherwise(expr.round(decimals).cast(pl.String))
    )


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
    without the ``pence``. An amount too large to count in pence (no real one is) is written
    to four figures, ``£3.126e+306`` (not as a float's 17 digits,
    ``£3.1260652499999996e+306``), or ``infinite``."""
    sign = pl.when(expr < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    # strict=False: the cast is worked out for every row, including those shown the other way.
    size = expr.abs()
    # A half penny away from zero, as money is compared (comparison.pence) and Excel shows it.
    away = "half_away_from_zero"
    counted = (size * 100).round(0, mode=away) if pence else size.round(0, mode=away) * 100
    hundredths = counted.cast(pl.Int64, strict=False)
    pounds = grouped(hundredths // 100)
    exact = (
        pl.format("{}£{}.{}", sign, pounds, (hundredths % 100).cast(pl.String).str.zfill(2))
        if pence
        else pl.format("{}£{}", sign, pounds)
    )
    power = size.log10().floor()
    figures = (size / pl.lit(10.0).pow(power)).round(3)  # 1 to 10: its shortest text is short
    huge = pl.format("{}£{}e+{}", sign, figures, power.cast(pl.Int64, strict=False))
    return (
        pl.when(size * 100 < _WHOLE_LIMIT)
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
    return pl.when(ratio < 10).then(num(ratio.round(1), 1)).otherwise(num(ratio.round(0)))


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
