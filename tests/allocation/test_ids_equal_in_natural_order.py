"""Offer ids and lot ids that read as the same number (X1 and X01, L1 and L01) are still put in
one order, by their text as typed: the row order of the offers file decided a tie between X1
and X01, and the order of lots L1, L01 and L001 changed from run to run (a set's order)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import polars as pl
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.allocation import Policy, allocate
from tendereval.allocation.preprocess import all_lots, natural_key
from tendereval.cli import cli
from tests.allocation.allocation_helpers import offers

TIED = [
    ("X1", "Alpha Ltd", ["L1"], 100.0, 80.0, False, False, None),
    ("X01", "Beta Ltd", ["L1"], 100.0, 80.0, True, False, None),
]


def won(result) -> list[str]:
    return sorted(result.awarded.get_column("offer_id").to_list())


def test_ids_equal_in_natural_order_are_then_ordered_by_their_text():
    # "X01" and "X1" are both X then 1; the text then decides: "0" comes before "1".
    for ids in itertools.permutations(["X1", "X01", "X001", "X2", "X10"]):
        assert sorted(ids, key=natural_key) == ["X001", "X01", "X1", "X2", "X10"]
    assert sorted(["A10", "A2", "A"], key=natural_key) == ["A", "A2", "A10"]


def test_the_row_order_of_the_file_does_not_decide_a_tie_between_x1_and_x01():
    # Equal in price and score: offer order decides, and X01 comes before X1 by the rule.
    for rows in (TIED, TIED[::-1]):
        result = allocate(offers(rows), Policy())
        assert won(result) == ["X01"]
        assert result.tie_break_complete


def test_lots_equal_in_natural_order_are_listed_in_one_order():
    names = ["L1", "L01", "L001", "L0001", "L00001", "L000001"]
    frame = offers(
        [(f"A{n}", f"S{n}", [lot], 100.0, 80.0, False, False, None) for n, lot in enumerate(names)]
    )
    expected = ["L000001", "L00001", "L0001", "L001", "L01", "L1"]
    assert all_lots(frame, Policy()) == expected
    assert all_lots(frame, Policy(lots=tuple(names))) == expected


def test_the_same_offers_in_another_row_order_give_the_same_outputs(tmp_path: Path):
    """The terminal and the JSON are the same whatever the row order (but the file's hash and
    name, and the seconds the solver took)."""
    header = "offer_id,supplier,lots,price,score,sme,vcse\n"
    rows = [
        "A1,Alpha,L1,100,80,no,no\n",
        "A2,Beta,L01,100,80,no,no\n",
        "A3,Gamma,L001,100,80,no,no\n",
    ]
    rows += ["X1,Delta,L1,100,80,no,no\n", "X01,Eta,L1,100,80,yes,no\n"]
    seen = []
    for n, order in enumerate([rows, rows[::-1], rows[2:] + rows[:2]]):
        path = tmp_path / f"offers{n}.csv"
        path.write_text(header + "".join(order), encoding="utf-8")
        out = tmp_path / f"out{n}.json"
        result = CliRunner().invoke(
            cli, ["allocate", str(path), "--budget", "100", "--json", str(out)]
        )
        data = json.loads(out.read_text(encoding="utf-8"), object_hook=without_run_details)
        text = [
            line
            for line in result.output.splitlines()
            if "s in all" not in line and "Wrote" not in line
        ]
        seen.append((text, json.dumps(data)))
    assert seen[0] == seen[1] == seen[2]
    # One offer for £100: A1 (L1), the earliest; L001 and L01 are left, in that order.
    assert '"unawarded_lots": ["L001", "L01"]' in seen[0][1]


def without_run_details(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("provenance", "seconds")}


ID_FORMS = ["X1", "X01", "X001", "X2", "X02", "X10", "Y1", "Y01"]


@settings(max_examples=30, deadline=None)
@given(
    chosen=st.lists(
        st.tuples(st.sampled_from(ID_FORMS), st.sampled_from(["L1", "L01", "L2"])),
        min_size=2,
        max_size=6,
        unique_by=lambda pair: pair[0],
    ),
    data=st.data(),
)
def test_row_order_never_changes_the_winner(chosen, data):
    """Offers equal in price and score, with ids and lots that read as the same numbers: any
    order of the rows gives the same winners (offer order, a total order, decides)."""
    rows = [
        (offer_id, f"Supplier {offer_id}", [lot], 100.0, 80.0, n % 2 == 0, False, None)
        for n, (offer_id, lot) in enumerate(chosen)
    ]
    shuffled = data.draw(st.permutations(rows))
    first = allocate(offers(rows), Policy(max_lots_per_supplier=1), solver="cbc")
    second = allocate(offers(list(shuffled)), Policy(max_lots_per_supplier=1), solver="cbc")
    assert won(first) == won(second)
    assert first.lots == second.lots
    assert pl.DataFrame(first.winners).equals(pl.DataFrame(second.winners))
