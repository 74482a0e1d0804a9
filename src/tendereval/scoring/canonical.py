"""The canonical order of evaluators' scores, worked out on whole numbers.

Every score is listed, and aggregated, in one order whatever order the rows arrived in: the
plan's lots (other lots after them), then supplier key, lot, question, evaluator key, score,
source and cell, nulls last. Sorting a million rows on those eight columns, six of them text,
was most of the time scoring took. Here each text column is replaced by its *code*: the
value's position among the column's distinct values, sorted (a few thousand at most, sorted
once; null after them all). Four codes and the lot's place in the plan are packed into one whole
number, the *order key*, which sorts exactly as the columns do; only rows sharing an order key
(an evaluator scoring one bid's question twice) are then sorted on score, source and cell.

The codes do the joins' work too: what is known per evaluator, question or bid is looked up by
code in a small table instead of being joined to every score, and a bid-question's code keys
the aggregates (one whole number is much cheaper to group on than three text columns).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tendereval.plan import Plan

# The order key is a product of the column sizes; beyond this (only with tens of thousands of
# distinct values in every column) the codes are sorted as separate columns instead.
KEY_LIMIT = 2**62


class Dictionary:
    """The distinct values of a text column, sorted: a value's code is its position."""

    def __init__(self, values: pl.Series) -> None:
        self.values = values.drop_nulls().unique().sort()
        self.null = len(self.values)  # null's code, after every value's
        self.size = self.null + 1

    def code(self, expr: pl.Expr) -> pl.Expr:
        """The code of each value, null's for null; null for a value not in the dictionary
        (use it only on columns the dictionary was built from, or to look values up)."""
        return (
            expr.cast(pl.Enum(self.values), strict=False)
            .to_physical()
            .cast(pl.Int64)
            .fill_null(pl.when(expr.is_null()).then(self.null))
        )

    def table(self, values: pl.Series) -> pl.Series:
        """A table indexed by code: ``values`` per value (in dictionary order), then null's."""
        return pl.concat([values, pl.Series([None], dtype=values.dtype)])


def lookup(table: pl.Series, code: pl.Expr) -> pl.Expr:
    """``table[code]`` for every row (null where the code is null)."""
    return pl.lit(table).gather(code)


@dataclass
class ScoreOrder:
    """The dictionaries of the ordering columns of a scores frame (with ``skey`` and ``evkey``)."""

    plan_lots: list[str]
    lots: Dictionary
    suppliers: Dictionary
    questions: Dictionary
    evaluators: Dictionary  # evaluator keys

    @classmethod
    def of(cls, plan: Plan, scores: pl.DataFrame, evaluator_keys: pl.Series) -> ScoreOrder:
        return cls(
            plan_lots=list(plan.lot_ids),
            lots=Dictionary(scores.get_column("lot")),
            suppliers=Dictionary(scores.get_column("skey")),
            questions=Dictionary(scores.get_column("question")),
            evaluators=Dictionary(evaluator_keys),
        )

    def _lot_place(self, lot_code: pl.Expr) -> pl.Expr:
        """Each lot's place in the plan; any other lot (or none) after the plan's."""
        places = {lot: i for i, lot in enumerate(self.plan_lots)}
        other = len(self.plan_lots)
        table = self.lots.table(
            self.lots.values.replace_strict(places, default=other, return_dtype=pl.Int64)
        ).fill_null(other)
        return lookup(table, lot_code)

    @property
    def _sizes(self) -> list[int]:
        return [
            len(self.plan_lots) + 1,
            self.suppliers.size,
            self.lots.size,
            self.questions.size,
            self.evaluators.size,
        ]

    def packs(self) -> bool:
        """Whether the order key fits a 64-bit whole number."""
        product = 1
        for size in self._sizes:
            product *= size
        return product < KEY_LIMIT

    def bid_question(self, skey: pl.Expr, lot: pl.Expr, question: pl.Expr) -> pl.Expr:
        """One value per (supplier key, lot, question) of another frame, equal to the
        ``_bq`` of the scores for that bid and question; null when no score can match (a value
        not among the scores')."""
        lot_code = self.lots.code(lot)
        return self._bid_question(
            [
                self._lot_place(lot_code),
                self.suppliers.code(skey),
                lot_code,
                self.questions.code(question),
            ]
        )

    def _bid_question(self, codes: list[pl.Expr]) -> pl.Expr:
        if not self.packs():
            return pl.struct(*[c.alias(f"_o{i}") for i, c in enumerate(codes)])
        key = codes[0]
        for code, size in zip(codes[1:], self._sizes[1:4], strict=True):
            key = key * size + code
        return key

    def codes(self) -> list[pl.Expr]:
        """The codes of a scores frame's lot's place, supplier key, lot and question
        (``_o0`` … ``_o3``); the evaluator key's, ``_o4``, the caller looks up per evaluator."""
        lot_code = self.lots.code(pl.col("lot"))
        codes = [
            self._lot_place(lot_code),
            self.suppliers.code(pl.col("skey")),
            lot_code,
            self.questions.code(pl.col("question")),
        ]
        return [c.alias(f"_o{i}") for i, c in enumerate(codes)]

    def bid_question_of_codes(self) -> pl.Expr:
        """``_bq`` from the codes ``_o0`` … ``_o3``."""
        return self._bid_question([pl.col(f"_o{i}") for i in range(4)])

    def sort(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` (with the codes as ``_o0`` … ``_o4``, ``score``, ``source``, ``cell``)
        in the canonical order."""
        ties = ["score", "source", "cell"]
        if not self.packs():
            return frame.sort([f"_o{i}" for i in range(5)] + ties, nulls_last=True)
        key = pl.lit(0, pl.Int64)
        for i, size in enumerate(self._sizes):
            key = key * size + pl.col(f"_o{i}")
        keyed = frame.select(key.alias("key"))
        order = keyed.get_column("key").arg_sort()
        ordered = keyed.get_column("key").gather(order)
        shared = ((ordered == ordered.shift(1)) | (ordered == ordered.shift(-1))).fill_null(False)
        if shared.any():
            # Rows sharing a key fill the same places however they are sorted among
            # themselves: sort just those rows on every column and put them back there.
            places = shared.arg_true()
            rows = order.gather(places).sort()
            settled = (
                frame.select(*ties, key=keyed.get_column("key"), row=pl.int_range(pl.len()))
                .gather(rows)
                .sort(["key", *ties], nulls_last=True, maintain_order=True)
            )
            order = order.scatter(places, settled.get_column("row"))
        return frame.select(pl.all().gather(order))
