"""The award decision cannot be changed once it is made.

Found by the red team: ``result.award.lots["CSB"] = …`` (or ``award.problems.append(…)``,
``award.plan_errors = 0``) in a notebook changed the decision every writer then reads (the
report, the summaries, the OCDS release), with nothing recording that it was not the one the
plan's rules gave. ``AwardDecision`` is now frozen, its lots a read-only mapping and its
problems a tuple; a different decision is made with ``tendereval.decide`` (recorded decisions)
or by scoring again.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import tendereval
from tendereval.award.decision import LotAward

CARERS = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"


@pytest.fixture(scope="module")
def result():
    return tendereval.score(CARERS, sensitivity=False)


def test_no_part_of_the_award_can_be_assigned(result) -> None:
    award = result.award
    winner = award.winner("CSB")
    other = LotAward(lot="CSB", name="x", outcome="awarded", supplier="Someone Else")
    with pytest.raises(TypeError):
        award.lots["CSB"] = other
    with pytest.raises(TypeError):
        del award.lots["CSB"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        award.plan_errors = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        award.lots = {"CSB": other}
    with pytest.raises(AttributeError):
        award.problems.append(award.problems[0] if award.problems else None)
    assert result.award.winner("CSB") == winner


def test_the_read_only_award_still_writes(result, tmp_path: Path) -> None:
    award = result.award
    assert json.loads(json.dumps(award.to_dict()))["lots"][0]["lot"] == "CSB"
    assert "CSB" in repr(award)
    assert dataclasses.replace(award, plan_errors=1).held_back is not None
    from tendereval.report.excel import write_report
    from tendereval.scoring.output import write_json

    write_report(result, tmp_path / "report.xlsx")
    write_json(result, tmp_path / "results.json")
    assert (tmp_path / "report.xlsx").exists() and (tmp_path / "results.json").exists()
