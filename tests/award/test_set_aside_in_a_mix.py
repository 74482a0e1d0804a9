"""A supplier every tender of whom is set aside by records of different kinds (lot DAR
rejected, lot SEV withdrawn or disregarded on a ground): its rows for a lot the plan does not
have hold the award back no longer (award/set_aside.py ``set_aside_together``).

Before, each kind of record was asked alone whether it set aside the whole bid: the
rejection saw the SEV tender still open, the withdrawal the DAR one, so Darent Valley's rows
priced for "DRA" (a lot the plan does not have) held the award back for good, naming nothing
left to record. Set aside by one kind for both lots, they did not.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.award.set_aside import SetAside, set_aside_together
from tendereval.errors import Problem
from tendereval.io.keys import supplier_key
from tests.example_copies import example_copy

DARENT = "bids/darent-valley-home-support-ltd.xlsx"
SUPPLIER = 'supplier = "Darent Valley Home Support Ltd"\n'
REJECT_DAR = (
    f'[[rejection]]\n{SUPPLIER}lot = "DAR"\n'
    'reason = "Waking nights not priced; ITT 4.2 allows no clarification of price"\n'
    "decided_on = 2026-03-05\n"
)
WITHDRAW = f"[[withdrawal]]\n{SUPPLIER}" + 'lot = "{lot}"\nwithdrawn_on = 2026-03-04\n'
DISREGARD_SEV = (
    f'[[rejection]]\n{SUPPLIER}lot = "SEV"\nground = "requirements_not_met"\n'
    'reason = "No registered manager for Sevenoaks"\ndecided_on = 2026-03-05\n'
)
MIXES = {
    "DAR rejected, SEV withdrawn": REJECT_DAR + WITHDRAW.format(lot="SEV"),
    "DAR withdrawn, SEV disregarded": WITHDRAW.format(lot="DAR") + DISREGARD_SEV,
    "DAR rejected, SEV disregarded": REJECT_DAR + DISREGARD_SEV,
}


def _waking_nights_for_a_lot_not_in_the_plan(folder: Path) -> None:
    """Darent Valley's DAR waking-nights row given lot "DRA": the DAR tender lacks a price
    (invalid), and the row prices a lot the plan does not have."""
    path = folder / "bids" / Path(DARENT).name
    book = openpyxl.load_workbook(path)
    for row in book["Prices"].iter_rows(min_row=5):
        if row[0].value == "DAR" and row[2].value == "waking_nights":
            row[0].value = "DRA"
    book.save(path)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = example_copy(tmp_path_factory.mktemp("mix"), "homecare-districts")
    _waking_nights_for_a_lot_not_in_the_plan(folder)
    return folder


def _unknown_lot(result: tendereval.ScoreResult) -> bool:
    return any(p.code == "price.unknown_lot" and p.lot == "DRA" for p in result.problems)


@pytest.mark.parametrize("mix", sorted(MIXES))
def test_every_tender_set_aside_in_a_mix_settles_rows_for_a_lot_not_in_the_plan(
    folder: Path, mix: str
) -> None:
    (folder / "decisions.toml").unlink(missing_ok=True)
    before = tendereval.score(folder, sensitivity=False)
    assert _unknown_lot(before)
    assert before.award.held_back is not None
    (folder / "decisions.toml").write_text(MIXES[mix], encoding="utf-8")
    after = tendereval.score(folder, sensitivity=False)
    statuses = dict(
        after.results.filter(after.results["supplier"] == "Darent Valley Home Support Ltd")
        .select("lot", "status")
        .iter_rows()
    )
    assert statuses["SEV"] in ("withdrawn", "disqualified")
    assert after.award.blockers == []
    assert after.award.held_back is None
    # The error stays on the record: settled, not forgotten.
    assert _unknown_lot(after)


def test_one_tender_set_aside_leaves_the_rows_holding_the_award(folder: Path) -> None:
    """The SEV tender still open (ranked): the "DRA" rows may be its, so they hold."""
    (folder / "decisions.toml").write_text(REJECT_DAR, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.held_back is not None
    assert result.award.input_error_files == ((DARENT, 1),)


LOTS = ("DAR", "GRA", "SEV")


@given(kinds=st.lists(st.sampled_from(["rejected", "withdrawn", "open"]), min_size=1, max_size=3))
@settings(max_examples=60, deadline=None)
def test_rows_for_a_lot_not_in_the_plan_settle_exactly_when_every_tender_is_set_aside(
    kinds: list[str],
) -> None:
    """Whatever kind of record sets aside each tender of the supplier, its rows for a lot the
    plan does not have are settled exactly when none of its tenders is left open."""
    lots = LOTS[: len(kinds)]
    results = pl.DataFrame(
        {
            "lot": list(lots),
            "supplier": ["Darent Valley Home Support Ltd"] * len(lots),
            "status": ["invalid" if kind == "rejected" else kind for kind in kinds],
            "source": [DARENT] * len(lots),
        }
    ).with_columns(pl.col("status").replace({"open": "ranked"}))
    key = supplier_key("Darent Valley Home Support Ltd")

    def of(kind: str) -> SetAside:
        """What the records of one kind set aside alone: the supplier as a whole only when
        that kind sets aside every tender of it."""
        return SetAside(
            tenders=frozenset((key, lot) for lot, k in zip(lots, kinds, strict=True) if k == kind),
            every=frozenset({key} if set(kinds) == {kind} else ()),
        )

    together = set_aside_together(results, of("rejected"), of("withdrawn"))
    problem = Problem(
        "prices for a lot that is not in the plan",
        file=DARENT,
        supplier="Darent Valley Home Support Ltd",
        lot="DRA",
        code="price.unknown_lot",
    )
    assert together.settles(problem) == ("open" not in kinds)
