"""The award's look-ups by lot refuse a lot the tender does not have (red team, the library as
a notebook uses it). ``award.winner("csb")`` (for 'CSB') answered None, as for a lot with no
award, and ``not_evaluated``, ``waiting`` and ``errors_waited_on`` answered [], "nothing
waits", where ``result.lot_results("csb")`` raised a UsageError naming the lots. Each now
raises that UsageError."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tendereval.award import Decisions, RecordedNoAward

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"


@pytest.fixture(scope="module")
def result() -> tendereval.ScoreResult:
    return tendereval.score(CARERS, sensitivity=False)


LOOK_UPS = ["winner", "not_evaluated", "waiting", "errors_waited_on"]


@pytest.mark.parametrize("look_up", LOOK_UPS)
def test_a_lot_the_tender_does_not_have_is_named_as_lot_results_names_it(result, look_up) -> None:
    with pytest.raises(tendereval.UsageError) as by_lot_results:
        result.lot_results("csb")
    with pytest.raises(tendereval.UsageError) as refused:
        getattr(result.award, look_up)("csb")
    assert str(refused.value) == str(by_lot_results.value)
    assert str(refused.value) == "there is no lot 'csb' in this tender; its lots are CSB"


@pytest.mark.parametrize("look_up", LOOK_UPS)
def test_a_lot_given_as_a_number_is_refused(result, look_up) -> None:
    with pytest.raises(
        tendereval.UsageError, match=r"^lot must be a lot id as text, such as 'CSB'"
    ):
        getattr(result.award, look_up)(1)


def test_the_tenders_own_lot_is_answered_as_before(result) -> None:
    award = result.award
    assert award.winner("CSB") == "Weald Carers Trust"
    assert award.waiting("CSB") == award.not_evaluated("CSB") == award.errors_waited_on("CSB") == []
    assert award.waiting() == []  # (every lot, as before)


def test_none_still_means_the_lot_has_no_award(result) -> None:
    """A lot the buyer decided not to award is the tender's: its winner is None, no error."""
    closed = tendereval.decide(
        result, Decisions(no_awards=(RecordedNoAward("CSB", "Over budget"),), source="t.toml")
    )
    assert closed.winner("CSB") is None
