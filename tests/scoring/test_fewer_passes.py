"""Scoring round 5 (issue 17): passes over every score or bid-question left out where their
answer is known, each giving exactly what the pass gave (docs/performance.md)."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from tendereval.scoring import canonical, combine, quality
from tendereval.scoring.canonical import CODES, Dictionary, ScoreOrder
from tests.scoring.builders import make_plan


def _order() -> ScoreOrder:
    return ScoreOrder(
        plan_lots=["L2", "L1"],
        suppliers=Dictionary(pl.Series(["acme", "brightwater"])),
        lots=Dictionary(pl.Series(["L1", "L2"])),
        questions=Dictionary(pl.Series(["Q1", "Q2"])),
        evaluators=Dictionary(pl.Series(["ann", "bob"])),
    )


def _scores(order: ScoreOrder) -> pl.DataFrame:
    """Six scores out of order, two of them an evaluator's for one bid-question (codes: acme
    0, brightwater 1; L1 0, L2 1; Q1 0, Q2 1; ann 0, bob 1)."""
    frame = pl.DataFrame(
        {
            "_s": [1, 0, 0, 1, 0, 0],
            "_l": [0, 1, 0, 0, 1, 1],
            "_q": [1, 0, 1, 1, 0, 0],
            "_ek": [0, 1, 0, 1, 0, 1],
            "score": [3.0, 4.0, 2.0, 1.0, 5.0, 2.0],
            "source": ["a.xlsx", "b.xlsx", "a.xlsx", "b.xlsx", "a.xlsx", "c.xlsx"],
            "cell": ["B2", "B3", "B4", "B5", "B6", "B7"],
            "reason": ["r1", "r2", "r3", "r4", "r5", "r6"],
        },
        schema_overrides={c: pl.UInt32 for c in ("_s", "_l", "_q", "_ek")},
    )
    return frame.with_columns(_bq=order.bid_question(pl.col("_s"), pl.col("_l"), pl.col("_q")))


def test_the_canonical_sort_reads_back_only_the_codes_asked_for() -> None:
    order = _order()
    scores = _scores(order)
    every = order.sort(scores, keep=["score", "reason"])
    assert every.columns == ["score", "reason", *CODES]
    # The plan lists L2 first: acme's L2 Q1, ann's 5, then bob's two (2 before 4, by score);
    # then L1: acme's Q2 (ann 2), brightwater's Q2 (ann 3, bob 1).
    assert every.get_column("score").to_list() == [5.0, 2.0, 4.0, 2.0, 3.0, 1.0]
    assert every.get_column("reason").to_list() == ["r5", "r6", "r2", "r3", "r1", "r4"]
    only = order.sort(scores, keep=["score", "reason"], codes=("_bq",))
    assert only.columns == ["score", "reason", "_bq"]
    assert_frame_equal(only, every.select("score", "reason", "_bq"))


def test_the_canonical_sort_reads_back_the_codes_asked_for_when_the_key_does_not_pack(
    monkeypatch,
) -> None:
    order = _order()
    scores = _scores(order)
    monkeypatch.setattr(ScoreOrder, "packs", lambda self: False)
    scores = scores.with_columns(
        _bq=order.bid_question(pl.col("_s"), pl.col("_l"), pl.col("_q"))
    )  # a struct of the codes now
    only = order.sort(scores, keep=["reason"], codes=("_bq",))
    assert only.columns == ["reason", "_bq"]
    assert only.get_column("reason").to_list() == ["r5", "r6", "r2", "r3", "r1", "r4"]


def test_nothing_recorded_is_put_beside_every_row_as_the_join_puts_it() -> None:
    grid = pl.DataFrame({"_bq": pl.Series([3, 1, 2], dtype=pl.UInt32), "final": [1.0, 2.0, 3.0]})
    consensus = pl.DataFrame(
        schema={
            "_bq": pl.UInt32,
            "consensus": pl.Float64,
            "consensus_reason": pl.String,
            "moderated_by": pl.String,
        }
    )
    joined = grid.join(consensus, on="_bq", how="left", maintain_order="left")
    assert_frame_equal(quality._beside(grid, consensus, "_bq"), joined)
    # One recorded: the join itself.
    one = pl.DataFrame(
        {"_bq": pl.Series([2], dtype=pl.UInt32), "consensus": [4.0], "consensus_reason": ["ok"]},
        schema_overrides={"moderated_by": pl.String},
    ).with_columns(moderated_by=pl.lit("Mo"))
    beside = quality._beside(grid, one, "_bq")
    assert beside.get_column("consensus").to_list() == [None, None, 4.0]
    assert beside.get_column("moderated_by").to_list() == [None, None, "Mo"]
    # A column of the same name on both sides is left to the join (it renames the other's).
    clash = consensus.with_columns(final=pl.lit(None, pl.Float64))
    assert_frame_equal(
        quality._beside(grid, clash, "_bq"),
        grid.join(clash, on="_bq", how="left", maintain_order="left"),
    )


def test_every_pair_a_bid_counts_each_bid_once() -> None:
    codes = pl.Series([0, 1], dtype=pl.UInt32)
    bids = pl.DataFrame(
        {"_s": [0, 0, 1, 1, 1, None, 2], "_l": [0, 1, 0, 1, 1, 0, 0]},
        schema={"_s": pl.UInt32, "_l": pl.UInt32},
    )
    assert quality._every_pair_a_bid(codes, codes, bids)
    # Supplier 1 without lot 1 (its second bid for lot 1 was the repeat): not every pair.
    without = bids.filter(~((pl.col("_s") == 1) & (pl.col("_l") == 1)))
    assert not quality._every_pair_a_bid(codes, codes, without)
    # Seven rows, but of the pairs asked for only three distinct bids: a repeat is not a bid.
    repeated = pl.concat([without, without.head(2)])
    assert not quality._every_pair_a_bid(codes, codes, repeated)
    # More pairs asked for than there are bids.
    assert not quality._every_pair_a_bid(pl.Series([0, 1, 2], dtype=pl.UInt32), codes, without)
    assert quality._every_pair_a_bid(pl.Series([], dtype=pl.UInt32), codes, bids)


def test_a_join_by_code_in_order_is_the_join() -> None:
    # The statistics of five bid-questions in code order; reasons for three of them.
    stats = pl.DataFrame(
        {"_bq": pl.Series([2, 5, 7, 8, 11], dtype=pl.UInt32), "mean": [1.0, 2.5, 3.0, 4.0, 0.5]}
    )
    texts = pl.DataFrame(
        {"_bq": pl.Series([5, 8, 11], dtype=pl.UInt32), "reasons": ["clear", "thin", "good"]}
    )
    joined = canonical.join_by_code(stats, texts, "_bq")
    assert joined.get_column("reasons").to_list() == [None, "clear", None, "thin", "good"]
    assert_frame_equal(joined, stats.join(texts, on="_bq", how="left", maintain_order="left"))
    # polars is not left thinking the key is sorted (it would group its floats another way).
    assert joined.get_column("_bq").flags["SORTED_ASC"] is False
    # Out of order on either side, or a code twice in the other: the plain join, same answer.
    shuffled = stats.reverse()
    assert_frame_equal(
        canonical.join_by_code(shuffled, texts, "_bq"),
        shuffled.join(texts, on="_bq", how="left", maintain_order="left"),
    )
    twice = pl.concat([texts, texts.tail(1)]).sort("_bq")
    assert_frame_equal(
        canonical.join_by_code(stats, twice, "_bq"),
        stats.join(twice, on="_bq", how="left", maintain_order="left"),
    )


def test_criteria_are_placed_without_sorting_only_when_every_bid_names_its_supplier_as_shown() -> (
    None
):
    plan = make_plan()
    questions = [leaf for leaf in plan.leaves if leaf.kind == "question"]
    lot = plan.lot_ids[0]

    def leaves(names: list[tuple[str, str]]) -> pl.DataFrame:
        # Two bids, each with its questions together, as the quality step lists them.
        return pl.DataFrame(
            [
                {"skey": supplier.lower(), "lot": lot, "supplier": supplier, "shown": shown}
                for supplier, shown in names
                for _ in questions
            ]
        )

    def part(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.with_columns(order=pl.int_range(pl.len()) % len(questions) + 1)

    as_shown = leaves([("Acme", "Acme"), ("Birch", "Birch")])
    assert combine._placed_in_order(plan, as_shown, [part(as_shown)]) is not None
    # The second bid's rows name Birch Ltd, shown as Birch: sorted the long way instead.
    renamed = leaves([("Acme", "Acme"), ("Birch Ltd", "Birch")])
    assert combine._placed_in_order(plan, renamed, [part(renamed)]) is None
