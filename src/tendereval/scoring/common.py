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
from tendereval.wording import figure, pounds

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


def num(expr: pl.Expr, decimals: int = 2) -> pl.Expr:
    """A number as text for messages, to ``decimals`` places as a cell formatted to them
    shows it: 28.125 is ``28.13``, 39.998 ``40.00`` and 49.99667 to 4 places ``49.9967``.
    Noughts at the end are left off only when the number is the figure shown (``3``,
    ``2.5``), so a figure never reads as whole when it is not: :func:`wording.figure`, the
    rule for one number, for each distinct number of the column (null stays null)."""
    return _each_distinct(expr, lambda value: figure(value, decimals))


_WRITTEN_IN_PYTHON = 2_000  # values: above it, each distinct value is found by polars


def _each_distinct(expr: pl.Expr, write: Callable[[float], str]) -> pl.Expr:
    """``write`` of each value of ``expr`` as text, worked out once for each distinct value.

    The rule as one polars expression (Excel's 15 digits, a half away from zero, the
    noughts kept or not, each told exactly from the number's decimal text) cost polars about
    5 ms of planning for every column written with it, however short: more than the rest of
    scoring a small tender. The columns written as text are a tender's flags and reasons,
    whose figures repeat (scores on a scale, prices, points)."""

    def written(values: pl.Series) -> pl.Series:
        values = values.cast(pl.Float64)
        if values.len() <= _WRITTEN_IN_PYTHON:
            # A short column (a small tender's flags) is written value by value: each polars
            # step below costs a query's fixed overhead, about 0.3 ms, more than the writing.
            texts: dict[float, str] = {}
            return pl.Series(
                values.name,
                [
                    None
                    if value is None
                    else texts.get(value) or texts.setdefault(value, write(value))
                    for value in values.to_list()
                ],
                dtype=pl.String,
            )
        distinct = values.drop_nulls().unique()
        texts_of = [write(value) for value in distinct.to_list()]
        return values.replace_strict(distinct, texts_of, default=None, return_dtype=pl.String)

    if isinstance(expr, pl.Series):  # (a Series is taken where an expression is)
        expr = pl.lit(expr)
    return expr.map_batches(written, return_dtype=pl.String, is_elementwise=True)


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
    without the ``pence``: :func:`tendereval.wording.pounds` for each distinct amount of a
    column (a half penny away from zero as a cell shows it; an amount too large to count in
    pence written to four figures, ``£3.126e+306``, or ``infinite``)."""
    return _each_distinct(expr, lambda amount: pounds(amount, pence=pence))


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
