"""A ScoreResult pickled (a notebook's cache of results) or deep-copied is the same result.

Before, both failed: ``pickle.dumps(result)`` with "Can't pickle local object
'score.<locals>.<lambda>'" (the evaluator scores and moderation listings are kept as the
function that makes them until first read), and ``copy.deepcopy(result)`` with "cannot pickle
'mappingproxy' object" (the award's read-only lots). Now the copy holds the same frames, makes
the same award, is still held to what scoring gave, and writes the same report, byte for byte.
"""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

import tendereval
from tendereval.report.excel import write_report
from tendereval.scoring.result import FRAMES

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"
COPIES = {
    "pickled": lambda result: pickle.loads(pickle.dumps(result)),
    "deep-copied": copy.deepcopy,
}


@pytest.fixture(scope="module")
def scored() -> tendereval.ScoreResult:
    return tendereval.score(CARERS, samples=500)


@pytest.mark.parametrize("how", list(COPIES))
@pytest.mark.parametrize("read_first", [False, True], ids=["unread", "read"])
def test_a_copy_gives_the_same_frames_award_and_report(
    tmp_path: Path, how: str, read_first: bool
) -> None:
    # A fresh result, its listings read before the copy or not (the copy then makes them).
    result = tendereval.score(CARERS, samples=500)
    if read_first:
        assert result.evaluator_scores.height and result.moderation.height
    award = result.award.to_dict()
    again = COPIES[how](result)
    # Every evaluator's score, made in the copy: 6 bids, each scored by 4 evaluators on Q1 and
    # Q3 and by 3 on Q2 and SV1.
    assert again.evaluator_scores.height == 6 * (4 + 4 + 3 + 3)
    for name in FRAMES:
        mine, theirs = getattr(again, name), getattr(result, name)
        assert mine.schema == theirs.schema and mine.equals(theirs), name
    assert (again.problems, again.settings, again.plan) == (
        result.problems,
        result.settings,
        result.plan,
    )
    assert again.changed_since_scored() == []
    assert again.award.to_dict() == award and again.award.winner("CSB") == "Weald Carers Trust"
    for public in (False, True):
        ours = write_report(result, tmp_path / f"ours-{public}.xlsx", public=public)
        copied = write_report(again, tmp_path / f"copied-{public}.xlsx", public=public)
        assert ours.read_bytes() == copied.read_bytes()


@pytest.mark.parametrize("how", list(COPIES))
def test_a_copy_is_still_held_to_what_scoring_gave(scored, how: str) -> None:
    again = COPIES[how](scored)
    again.results[0, "total"] = 99.0
    assert again.changed_since_scored() == ["results"]
    assert again.award.held_back is not None
    assert scored.changed_since_scored() == [] and scored.award.held_back is None


def test_the_award_alone_pickles_and_stays_read_only(scored) -> None:
    award = pickle.loads(pickle.dumps(scored.award))
    assert award.to_dict() == scored.award.to_dict()
    assert award.lots["CSB"].supplier == "Weald Carers Trust"
    with pytest.raises(TypeError):
        award.lots["CSB"] = None  # type: ignore[index]
