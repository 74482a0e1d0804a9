"""The canonical order of evaluators' scores, worked out on whole numbers.

Every score is listed, and aggregated, in one order whatever order the rows arrived in: the
plan's lots (other lots after them), then supplier key, lot, question, evaluator key, score,
source and cell, nulls last. Sorting a million rows on those eight columns, six of them text,
was most of the time scoring took. Here each text column is replaced by its *code*: the
value's position among the column's distinct values, sorted (a few thousand at most, sorted
once; null after them all). The lot's place in the plan and four codes are packed into one
whole number, the *order key*, which sorts exactly as the columns do; only rows sharing an
order key (an evaluator scoring one bid's question twice) are then sorted on score, source and
cell.

The codes do the joins' work too: what is known per evaluator, question or bid is looked up by
code in a small table instead of being joined to every score, and a bid-question's code keys
the aggregates (one whole number is much cheaper to group on than three text columns).

Each text is hashed once (:func:`encode`): a column's values are numbered as they first
appear, which also gives its distinct values; a table as long as those values then turns the
numbers into codes (:meth:`Dictionary.code_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl

# The order key is a product of the columns' sizes; beyond this (tens of thousands of distinct
# values in every column) the codes are sorted as separate columns instead.
KEY_LIMIT = 2**62
TIES = ["score", "source", "cell"]
# Pairs of codes are looked up in a table of every possible pair up to this many pairs.
DENSE_LIMIT = 1 << 24
# A frame of fewer rows is sorted on its columns as they are.
SMALL = 20_000
# The codes of a score, in the order ScoreOrder.sort gives them.
CODES = ("_s", "_l", "_q", "_bq", "_ek")


class Dictionary:
    """The distinct values of text columns, sorted: a value's code is its position."""

    def __init__(self, *columns: pl.Series) -> None:
        values = pl.concat([pl.lit(c.unique()) for c in columns]) if columns else pl.lit([])
        self.values = pl.select(values.drop_nulls().unique().sort().cast(pl.String)).to_series()
        self.null = len(self.values)  # null's code, after every value's
        self.size = self.null + 1

    def code(self, expr: pl.Expr) -> pl.Expr:
        """The code of each value of a column the dictionary was made from; null's for null."""
        return self.find(expr).fill_null(self.null)

    def find(self, expr: pl.Expr) -> pl.Expr:
        """The code of each value of another column; null for null or a value not in the
        dictionary (so, as in a join, it matches nothing)."""
        return expr.cast(pl.Enum(self.values), strict=False).to_physical().cast(pl.UInt32)

    def codes(self, column: Encoded) -> pl.Series:
        """:meth:`code` of each of an encoded column's values, in their order."""
        return pl.select(self.code(pl.lit(column.values))).to_series()

    def code_of(self, column: Encoded) -> pl.Expr:
        """:meth:`code` of each row of an encoded column (of a frame as long as it)."""
        return lookup(self.codes(column), pl.lit(column.numbers)).fill_null(self.null)

    def table(self, values: pl.Series) -> pl.Series:
        """A table indexed by code: ``values`` (one per value, in order), then null's entry."""
        # In one piece: looking up a table in several pieces is several times slower.
        return pl.concat([values, pl.Series([None], dtype=values.dtype)], rechunk=True)

    @cached_property
    def position(self) -> dict[str, int]:
        """{value: code}."""
        return {value: code for code, value in enumerate(self.values.to_list())}

    def table_of(self, entries: dict, dtype: pl.DataType) -> pl.Series:
        """A table indexed by code from ``{value: entry}`` (null for a value not given)."""
        return pl.Series([*map(entries.get, self.values.to_list()), None], dtype=dtype)


@dataclass
class Encoded:
    """A text column as whole numbers: each row's number (null for null) and the distinct
    values in number order (in the order they first appear: not sorted)."""

    numbers: pl.Series
    values: pl.Series
    dtype: pl.DataType | None = None  # the categories the numbers come from, when they do


def encode(frame: pl.DataFrame, *columns: str) -> dict[str, Encoded]:
    """{column: the column encoded}, the columns worked out side by side (a million rows each:
    on two cores, two at once). Each text is hashed once, and gives both its number and the
    column's distinct values; a :class:`Dictionary` then turns numbers into codes with a table
    as long as the distinct values (:meth:`Dictionary.code_of`)."""
    try:
        # A fresh set of categories per column, so the numbers are dense and the values
        # exactly the column's (polars frees the set with the column).
        found = frame.select(
            pl.col(c).cast(pl.Categorical(pl.Categories.random())) for c in columns
        )
        encoded = {c: _numbered(found.get_column(c)) for c in columns}
    except (AttributeError, TypeError):  # a polars without categories of a column's own
        return _encoded_twice(frame, columns)
    # Polars calls categories of a column's own unstable: what the scores rest on is checked,
    # and worked out the long way if it ever does not hold.
    if all(_numbers_name_the_values(frame.get_column(c), e) for c, e in encoded.items()):
        return encoded
    return _encoded_twice(frame, columns)


def _numbered(categorical: pl.Series) -> Encoded:
    dtype = categorical.dtype
    return Encoded(categorical.to_physical(), dtype.categories.to_series(), dtype)  # type: ignore[union-attr]


def _numbers_name_the_values(column: pl.Series, encoded: Encoded) -> bool:
    """Whether ``encoded`` numbers ``column`` as :class:`Encoded` says: each value once, and
    value i is numbered i by the very categories the rows were numbered by; a number for every
    text (none for null) and none beyond the values. (A value no row holds would do no harm.)"""
    numbers, values = encoded.numbers, encoded.values
    if encoded.dtype is None or values.dtype != pl.String:
        return False
    if numbers.dtype not in (pl.UInt8, pl.UInt16, pl.UInt32):
        return False
    if values.n_unique() != values.len() or not numbers.is_null().equals(column.is_null()):
        return False
    if values.len() == 0:
        return numbers.null_count() == numbers.len()
    positions = pl.Series(range(values.len()), dtype=numbers.dtype)
    return bool(
        values.cast(encoded.dtype).to_physical().equals(positions, check_names=False)
        and numbers.max() < values.len()  # type: ignore[operator]
    )


def _encoded_twice(frame: pl.DataFrame, columns: tuple[str, ...]) -> dict[str, Encoded]:
    """:func:`encode` the long way: each column's distinct values, then each text looked up
    among them (hashed twice)."""
    distinct = frame.select(pl.col(c).unique().implode() for c in columns)
    found = {}
    for c in columns:
        values = distinct.get_column(c).explode().drop_nulls()
        numbers = frame.get_column(c).cast(pl.Enum(values)).to_physical()
        found[c] = Encoded(numbers.cast(pl.UInt32), values)
    return found


def lookup(table: pl.Series, code: pl.Expr) -> pl.Expr:
    """``table[code]`` for every row."""
    return pl.lit(table).gather(code)


def join_by_code(frame: pl.DataFrame, other: pl.DataFrame, on: str) -> pl.DataFrame:
    """``frame.join(other, on=on, how="left", maintain_order="left")``, for ``other`` with
    one row per code ``on`` (a whole number). When both list their codes in ascending order
    (the aggregates and the bid-questions' reasons come in the canonical order) polars is
    told so, and merges them instead of building a hash table: 1 ms instead of 10 on
    200,000 bid-questions. The key column comes back as ``frame`` had it, so a later step
    grouping on it does not take it for sorted (polars adds a group's floats in another
    order then)."""
    left, right = frame.get_column(on), other.get_column(on)
    in_order = (
        left.dtype.is_integer()
        and right.dtype == left.dtype
        and left.null_count() == 0
        and right.null_count() == 0
        and left.is_sorted()
        and right.is_sorted()
    )
    if in_order:
        joined = frame.with_columns(left.set_sorted()).join(
            other.with_columns(right.set_sorted()), on=on, how="left", maintain_order="left"
        )
        if joined.height == frame.height:  # (each code once in other, as promised)
            return joined.with_columns(left)
    return frame.join(other, on=on, how="left", maintain_order="left")


def member(first: tuple[pl.Expr, int], second: tuple[pl.Expr, int], pairs: pl.DataFrame) -> pl.Expr:
    """Whether each row's pair of codes (each with its dictionary's size) is one of ``pairs``
    (a frame of two code columns, in the same order; null codes are left out)."""
    (a, a_size), (b, b_size) = first, second
    a_col, b_col = pairs.columns
    whole = pl.Int64  # (codes are 32-bit; their pairs may not be)
    known = (
        pairs.drop_nulls()
        .select(pl.col(a_col).cast(whole) * b_size + pl.col(b_col).cast(whole))
        .to_series()
    )
    pair = a.cast(whole) * b_size + b.cast(whole)
    if a_size * b_size > DENSE_LIMIT:
        return pair.is_in(known.implode())
    # A table with one entry per possible pair is looked up faster than a set is searched.
    table = pl.repeat(False, a_size * b_size, eager=True).scatter(known, True)
    return lookup(table, pair)


def sort_by_codes(frame: pl.DataFrame, by: list[str | tuple[pl.Expr, int]]) -> pl.DataFrame:
    """``frame.sort(by, nulls_last=True, maintain_order=True)``, every key ascending, worked out
    on whole numbers: a text column (given by name) by its codes, a whole-number expression
    (given with how many values it takes, 0 … n−1) as it is."""
    if frame.height < SMALL:  # working out codes costs more than it saves
        return frame.sort(
            [k[0] if isinstance(k, tuple) else k for k in by], nulls_last=True, maintain_order=True
        )
    texts = encode(frame, *(key for key in by if not isinstance(key, tuple)))
    keys = []
    for key in by:
        if isinstance(key, tuple):
            keys.append(key)
        else:
            codes = Dictionary(texts[key].values)
            keys.append((codes.code_of(texts[key]), codes.size))
    product = 1
    for _, size in keys:
        product *= size
    if product >= KEY_LIMIT:
        return frame.sort([k for k, _ in keys], maintain_order=True)
    packed = keys[0][0].cast(pl.Int64)
    for key, size in keys[1:]:
        packed = packed * size + key.cast(pl.Int64)
    key = frame.select(packed).to_series()
    if key.is_sorted():  # already in order (a frame made in it): nothing to move
        return frame
    return frame.with_columns(_key=key).sort("_key", maintain_order=True).drop("_key")


@dataclass
class ScoreOrder:
    """The dictionaries of the columns scores are ordered by."""

    plan_lots: list[str]
    suppliers: Dictionary  # supplier keys
    lots: Dictionary
    questions: Dictionary
    evaluators: Dictionary  # evaluator keys

    @property
    def sizes(self) -> list[int]:
        """How many codes each part of the order key has."""
        return [
            len(self.plan_lots) + 1,
            self.suppliers.size,
            self.lots.size,
            self.questions.size,
            self.evaluators.size,
        ]

    def _product(self) -> int:
        product = 1
        for size in self.sizes:
            product *= size
        return product

    def packs(self) -> bool:
        """Whether the order key fits a 64-bit whole number."""
        return self._product() < KEY_LIMIT

    @property
    def whole(self) -> pl.DataType:
        """The type of the order key: 32-bit when it fits (they sort over twice as fast and
        take half the memory), else 64-bit."""
        return pl.UInt32 if self._product() < 2**32 else pl.Int64

    def lot_place(self, lot_code: pl.Expr) -> pl.Expr:
        """Each lot's place in the plan (by code); any other lot, or none, after the plan's."""
        return lookup(self._lot_places, lot_code)

    @cached_property
    def _lot_places(self) -> pl.Series:
        places = {lot: place for place, lot in enumerate(self.plan_lots)}
        other = len(self.plan_lots)
        lots = self.lots.values.to_list()
        return pl.Series([*(places.get(lot, other) for lot in lots), other], dtype=pl.UInt32)

    def bid_question(self, supplier: pl.Expr, lot: pl.Expr, question: pl.Expr) -> pl.Expr:
        """One value per (supplier, lot, question) codes that sorts as they do: a whole
        number, or a struct of the codes when the key does not pack."""
        parts = [self.lot_place(lot), supplier, lot, question]
        if not self.packs():
            return pl.struct(*[p.alias(f"_o{i}") for i, p in enumerate(parts)])
        key = parts[0].cast(self.whole)
        for part, size in zip(parts[1:], self.sizes[1:4], strict=True):
            key = key * size + part.cast(self.whole)
        return key

    def sort(
        self,
        frame: pl.DataFrame,
        keep: list[str] | None = None,
        codes: tuple[str, ...] = CODES,
    ) -> pl.DataFrame:
        """``frame`` in the canonical order: by ``_bq`` (from :meth:`bid_question`), then
        ``_ek`` (the evaluator key's code), then ``score``, ``source`` and ``cell``; with
        those of its codes ``_s``, ``_l``, ``_q`` (supplier key, lot, question), ``_bq`` and
        ``_ek`` named in ``codes`` (all unless given: each read back costs a pass of whole-
        number division over every row), and of its other columns those in ``keep`` (all
        when None: moving text costs)."""
        kept = [c for c in frame.columns if c not in CODES and (keep is None or c in keep)]
        if not self.packs():
            return frame.sort(["_bq", "_ek", *TIES], nulls_last=True, maintain_order=True).select(
                *kept, *codes
            )
        key = pl.col("_bq").cast(self.whole) * self.evaluators.size + pl.col("_ek").cast(self.whole)
        order, ordered = self._sorted(frame, key)
        shared = ((ordered == ordered.shift(1)) | (ordered == ordered.shift(-1))).fill_null(False)
        if shared.any():
            # Rows sharing a key fill the same places however they are sorted among
            # themselves: sort just those rows on every column and put them back there.
            places = shared.arg_true()
            rows = order.gather(places).sort()
            settled = (
                frame.select(*TIES, key=key, row=pl.int_range(pl.len(), dtype=pl.UInt32))
                .gather(rows)
                .sort(["key", *TIES], nulls_last=True, maintain_order=True)
            )
            order = order.scatter(places, settled.get_column("row"))
        # The codes are read back from the sorted keys, which is cheaper than moving them.
        _, suppliers, lots, questions, evaluators = self.sizes
        sorted_key = pl.lit(ordered)
        bq = sorted_key // evaluators
        read_back = {
            "_s": bq // (questions * lots) % suppliers,
            "_l": bq // questions % lots,
            "_q": bq % questions,
            "_bq": bq,
            "_ek": sorted_key % evaluators,
        }
        return frame.select(pl.col(kept).gather(order)).with_columns(
            **{
                name: read_back[name].cast(self.whole if name == "_bq" else pl.UInt32)
                for name in codes
            }
        )

    def _sorted(self, frame: pl.DataFrame, key: pl.Expr) -> tuple[pl.Series, pl.Series]:
        """(order, ordered): the row numbers of ``frame`` sorted by ``key`` (rows sharing a key
        in their order), and the keys in that order.

        Each key and its row number are packed into one 64-bit whole number when they fit:
        sorting those numbers is over twice as fast as sorting the row numbers by key, and the
        order and the sorted keys are both read back from them."""
        bits = max(frame.height - 1, 1).bit_length()
        if self._product() >= 2 ** (64 - bits):
            keys = frame.select(key).to_series()
            order = keys.arg_sort()
            return order, keys.gather(order)
        row = pl.int_range(pl.len(), dtype=pl.UInt64)
        packed = frame.select(key.cast(pl.UInt64) * (1 << bits) + row).to_series().sort()
        return pl.select(
            order=(pl.lit(packed) % (1 << bits)).cast(pl.get_index_type()),
            ordered=(pl.lit(packed) // (1 << bits)).cast(self.whole),
        ).get_columns()
