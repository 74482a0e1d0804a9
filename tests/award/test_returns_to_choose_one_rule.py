"""Which suppliers' bid returns wait on the buyer's record of which stands is one rule
(award/return_that_stands.py): the award decision reads ``returns_chosen_by_record`` of the
errors it waits on, the summaries ``returns_to_choose_between`` of every problem.

Before, award/decision.py worked out its own set (the codes of CHOOSE_A_RETURN, a file in
bids/, the supplier's key) beside the shared function: the two agreed only while each copy
was kept in step by hand. The decision now reads the shared rule, narrowed to the returns
that are files in bids/ (in the consolidated form the row given twice is deleted, as its
error says): the award never waits on a choice of return that the summaries take as made.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.award.return_that_stands import (
    CHOOSE_A_RETURN,
    returns_chosen_by_record,
    returns_to_choose_between,
)
from tendereval.errors import Problem
from tendereval.io.keys import supplier_key
from tests.example_copies import example_copy

WEALD = "bids/weald-carers-trust.xlsx"
CODES = [*sorted(CHOOSE_A_RETURN), "bid.same_registration", "price.missing"]
FILES = [WEALD, "bids/weald-2.xlsx", "evaluation.xlsx", "bids/sub/meridian.xlsx", None]
SUPPLIERS = ["Weald Carers Trust", "WEALD  CARERS TRUST", "Meridian Care Group plc", None]

problems = st.lists(
    st.builds(
        lambda code, file, supplier: Problem("an error", file=file, supplier=supplier, code=code),
        st.sampled_from(CODES),
        st.sampled_from(FILES),
        st.sampled_from(SUPPLIERS),
    ),
    max_size=8,
)


@given(problems)
@settings(max_examples=200, deadline=None)
def test_the_award_waits_only_on_returns_the_summaries_take_as_unsettled(
    found: list[Problem],
) -> None:
    chosen = returns_chosen_by_record(found)
    assert chosen <= returns_to_choose_between(found)
    # Narrowed only to the returns that are files in bids/.
    in_bids = [p for p in found if p.file and p.file.startswith("bids/")]
    assert chosen == returns_to_choose_between(in_bids)
    assert chosen == {
        supplier_key(p.supplier) for p in in_bids if p.code in CHOOSE_A_RETURN and p.supplier
    }


@pytest.mark.parametrize(
    ("name", "ppon"),
    [
        ("Weald Carers Trust", "PXQT-3611-NBHT"),  # a revised return: bid.twice
        ("WEALD CARERS TRUST", "PXQT-3611-NBHT"),  # bid.name_collision
        ("Weald Carers Trust", "PDZV-7449-YCMT"),  # two PPONs: bid.other_registration
    ],
)
def test_on_a_folder_the_award_and_the_summaries_name_the_same_supplier(
    tmp_path: Path, name: str, ppon: str
) -> None:
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / WEALD)
    book["Organisation"]["B4"], book["Organisation"]["B16"] = name, ppon
    book.save(folder / "bids" / "weald-carers-trust-2.xlsx")
    result = tendereval.score(folder, sensitivity=False)
    award = result.award
    waiting = {supplier_key(supplier) for _, supplier in award.returns_to_choose}
    assert waiting == {"weald carers trust"}
    assert waiting == returns_to_choose_between(result.problems)
    assert {supplier_key(s) for _, s in award.not_put_right} == waiting
