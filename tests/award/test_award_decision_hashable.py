"""The award decision is a value: equal when it says the same, and hashed by that value.

Found by a review (session 41): ``AwardDecision`` is frozen and compared by value (``decide``
on the same result gives an equal decision; a pickled copy equals it), but ``hash(award)``
failed with "unhashable type: 'mappingproxy'" (its read-only lots), so a decision could be no
dict key or set member, where the results holding frames are (by identity) and a
``LotAward`` is (by value). It holds no frame, so it is hashed as it is compared."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

import tendereval

ROOT = Path(__file__).resolve().parents[2]
HOMECARE = ROOT / "examples" / "homecare-districts"


@pytest.fixture(scope="module")
def result() -> tendereval.ScoreResult:
    return tendereval.score(HOMECARE, sensitivity=False)


def test_equal_decisions_hash_alike_and_are_one_key(result) -> None:
    award = result.award
    again = tendereval.decide(result)
    copied = pickle.loads(pickle.dumps(award))
    assert award == again == copied
    assert hash(award) == hash(again) == hash(copied)
    assert len({award, again, copied}) == 1
    assert {award: "as scored"}[again] == "as scored"
    # Its lots in another order say the same: equal, and hashed alike.
    reordered = dataclasses.replace(award, lots=dict(reversed(list(award.lots.items()))))
    assert list(reordered.lots) != list(award.lots)
    assert reordered == award and hash(reordered) == hash(award)


def test_a_different_decision_is_another_key(result) -> None:
    award = result.award
    lot = next(iter(award.lots))
    other = dataclasses.replace(
        award,
        lots={**award.lots, lot: dataclasses.replace(award.lots[lot], reasons=("another",))},
    )
    assert other != award
    assert len({award, other}) == 2
    assert award in {award: 1} and other not in {award: 1}
