"""A supplier recorded as excluded (or excludable) for one lot, and its other lots
(award/recorded.py ``_excluded_from_every_lot``, award/decision.py ``excludable_elsewhere``).

Before, a ``[[rejection]]`` of Wye Valley's tender for ASH on the ground that it is an excluded
supplier left it proposed for CAN, told in one summary that it was disqualified as an excluded
supplier and that it won, and published as CAN's winner, with no word anywhere. Exclusion is
of the supplier, from the procurement (Procurement Act 2023 s.57; every tender of an excluded
supplier is disregarded, s.26(1)).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tendereval
from tests.example_copies import example_copy

WYE = "Wye Valley Carers CIC"
RECORD = """[[rejection]]
supplier = "Wye Valley Carers CIC"
lot = "ASH"
ground = "{ground}"
reason = "On the debarment list"
decided_by = "Head of Commissioning"
decided_on = 2026-03-05
"""


@pytest.fixture(scope="module")
def homecare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return example_copy(tmp_path_factory.mktemp("homecare"), "homecare-districts")


def _scored(folder: Path, ground: str):
    (folder / "decisions.toml").write_text(RECORD.format(ground=ground), encoding="utf-8")
    return tendereval.score(folder, sensitivity=False)


def test_an_excluded_supplier_recorded_for_one_lot_is_disregarded_in_every_lot(
    homecare: Path,
) -> None:
    before = tendereval.score(homecare, sensitivity=False)
    assert before.award.winner("CAN") == WYE  # the example: Wye Valley wins Canterbury
    result = _scored(homecare, "excluded_supplier")
    wye = result.results.filter(supplier=WYE)
    assert set(wye.get_column("status")) == {"disqualified"}
    assert result.award.winner("CAN") != WYE
    assert WYE not in {result.award.winner(lot) for lot in result.plan.lot_ids}
    (said,) = [p for p in result.problems if p.code == "decisions.excluded_for_every_lot"]
    assert (said.severity, said.cell) == ("warning", "rejection[0].lot")
    assert "is disregarded for every lot of its bid" in said.message
    assert result.award.blockers == []


def test_an_excludable_supplier_proposed_for_another_lot_is_warned_of(homecare: Path) -> None:
    """The buyer's decision to exclude may be lot by lot on purpose: applied as recorded, with
    a warning at the record for each other lot the supplier is proposed for."""
    result = _scored(homecare, "excludable_supplier")
    assert result.award.winner("ASH") != WYE
    assert result.award.winner("CAN") == WYE
    said = [p for p in result.award.problems if p.code == "decisions.excludable_elsewhere"]
    assert [p.message.split(",")[0] for p in said] == [f"{WYE} is proposed for lot CAN"]
    assert said[0].severity == "warning"
    # The JSON carries it, as every writer reads the decision.
    assert "decisions.excludable_elsewhere" in json.dumps(result.award.to_dict())
