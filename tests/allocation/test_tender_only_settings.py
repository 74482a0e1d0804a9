"""Policy settings that belong to a tender's own order, given for an offers file: a UsageError,
never a raw polars error or a setting silently ignored; ``lots`` is honoured."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tendereval.allocation import Policy, allocate
from tendereval.errors import UsageError
from tests.allocation.allocation_helpers import offers

ROWS = [
    ("A1", "Alpha Ltd", ["L1"], 100.0, 80.0, False, False, None),
    ("A2", "Alpha Ltd", ["L2"], 100.0, 70.0, False, False, None),
    ("B1", "Beta Ltd", ["L1"], 90.0, 75.0, True, False, None),
    ("B2", "Beta Ltd", ["L2"], 120.0, 72.0, True, False, None),
]


def offers_file(tmp_path: Path) -> Path:
    path = tmp_path / "offers.csv"
    path.write_text(
        "offer_id,supplier,lots,price,score,sme,vcse\n"
        + "".join(f"{o},{s},{lots[0]},{p},{sc},{'yes' if e else 'no'},no\n"
                  for o, s, lots, p, sc, e, _, _ in ROWS),
        encoding="utf-8",
    )  # fmt: skip
    return path


def test_cap_follows_ranking_without_ranks_is_a_usage_error(tmp_path: Path):
    # It stopped with polars' ColumnNotFoundError: "lot_rank" not found.
    with pytest.raises(UsageError, match="cap_follows_ranking needs each offer's rank"):
        tendereval.allocate(
            offers_file(tmp_path), cap_follows_ranking=True, max_lots_per_supplier=1
        )
    with pytest.raises(UsageError, match="cap_follows_ranking"):
        allocate(offers(ROWS), Policy(cap_follows_ranking=True, max_lots_per_supplier=1))


@pytest.mark.parametrize(
    "setting", [{"plan_tie_break": ("quality",)}, {"follow_published_award": True}]
)
def test_a_plan_only_setting_without_the_plan_rule_is_a_usage_error(tmp_path: Path, setting):
    with pytest.raises(UsageError, match="applies only with tie_break='plan'"):
        tendereval.allocate(offers_file(tmp_path), **setting)


def test_offers_for_a_lot_not_in_the_lots_given_are_not_eligible(tmp_path: Path):
    # lots=("L1",) was accepted and lot L2 awarded all the same.
    done = tendereval.allocate(offers_file(tmp_path), lots=("L1",))
    result = done.allocation
    assert result.winners.get_column("lot").to_list() == ["L1"]
    assert result.lots == ["L1"]
    excluded = result.excluded.select("offer_id", "reason").rows()
    assert excluded == [
        ("A2", "lot L2 is not among the lots given (lots), so it cannot be awarded"),
        ("B2", "lot L2 is not among the lots given (lots), so it cannot be awarded"),
    ]
