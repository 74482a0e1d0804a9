"""Decisions set on a scored result in Python (``result.decisions = …``, as docs/python.md offers
for trying decisions, or ``dataclasses.replace(result, decisions=…)``) are checked as
``decide(result, decisions)`` and decisions.toml check them.

Found by a red team: ``result.award`` (``decide(result)``) took the result's decisions as
scoring had checked them, so publish wrote a standstill ending before it started, and one of 7
working days, with no blocker and no warning, while the command line refused the first and
warned of the second. And ``Standstill("2026-12-18", …)`` given text failed in publish with an
AttributeError.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

import tendereval
from tendereval.award import Decisions, RecordedWithdrawal
from tendereval.award.recorded import Standstill
from tendereval.ocds.publish import Publication
from tendereval.scoring.result import ScoreResult
from tests.example_copies import example_copy

AT = dt.datetime(2026, 12, 18, 9, tzinfo=dt.UTC)  # Friday 18 December 2026
ENDS_FIRST = Standstill(dt.date(2026, 12, 17), dt.date(2026, 12, 31), dt.date(2026, 12, 21))
# Monday 21 to Thursday 31 December 2026: nine weekdays, but Christmas Day and Monday 28th
# (Boxing Day's substitute) are not working days: 7 of the 8 the Act requires.
CHRISTMAS = Standstill(dt.date(2026, 12, 17), dt.date(2026, 12, 21), dt.date(2026, 12, 31))


@pytest.fixture
def result(tmp_path: Path) -> ScoreResult:
    return tendereval.score(example_copy(tmp_path), sensitivity=False)


def _publish(result: ScoreResult) -> Publication:
    return tendereval.publish(result, write=False, ocid_prefix="ocds-abc123", published_at=AT)


def test_a_standstill_ending_before_it_starts_holds_the_award_back(result: ScoreResult) -> None:
    result.decisions = Decisions(standstill=ENDS_FIRST)
    said = (
        # (Named as given in Python: no decisions.toml was read.)
        "the decisions set in Python › standstill.ends_on: the standstill period ends before "
        "it starts "
        "(found 2026-12-21); expected a date on or after 2026-12-31"
    )
    assert said in result.award.blockers
    publication = _publish(result)
    assert said in publication.blockers and publication.package is None
    # As decide(result, decisions) says it.
    assert said in tendereval.decide(result, Decisions(standstill=ENDS_FIRST)).blockers


def test_a_short_standstill_holds_the_award_when_published(result: ScoreResult) -> None:
    """A short standstill under the Act, once a warning, is an error as in the file (no
    exemption recorded): it holds the award notice back."""
    tried = dataclasses.replace(result, decisions=Decisions(standstill=CHRISTMAS))
    publication = _publish(tried)
    (blocker,) = [b for b in publication.blockers if "shorter than the law" in b]
    assert blocker.startswith(
        "the decisions set in Python › standstill.ends_on: the standstill period is shorter "
        "than the law "
        "requires (found 2026-12-21 to 2026-12-31: 7 working days (not counted: 25 December "
        "2026, Christmas Day; 28 December 2026, Boxing Day (substitute day)))"
    )
    assert [p.code for p in tried.award.problems] == ["decisions.standstill_short"]
    assert publication.package is None
    exempt = dataclasses.replace(CHRISTMAS, exemption="a light touch contract, s.51(3)")
    tried = dataclasses.replace(result, decisions=Decisions(standstill=exempt))
    assert _publish(tried).package is not None


def test_standstill_dates_given_as_text_are_read_as_dates(result: ScoreResult) -> None:
    assert Standstill("2026-12-17", "21/12/2026", "2026-12-31") == CHRISTMAS
    # (Seven working days: published as recorded for a contract exempt from s.51's eight.)
    as_text = Standstill("2026-12-17", "2026-12-21", "2026-12-31", exemption="light touch")
    result.decisions = Decisions(standstill=as_text)
    award = _publish(result).package["releases"][0]["awards"][0]
    assert award["standstillPeriod"] == {
        "startDate": "2026-12-21T00:00:00+00:00",
        "endDate": "2026-12-31T23:59:59+00:00",
    }
    # Text that is no date is the file's error, and is written back as the text it was.
    result.decisions = Decisions(standstill=Standstill("2026-12-17", "2026-12-21", "soon"))
    assert [p.code for p in result.award.problems] == ["decisions.date"]
    assert result.award.standstill.ends_on is None
    assert 'ends_on = "soon"' in result.decisions.to_toml()


def test_a_withdrawal_set_on_the_result_is_not_applied_after_scoring(result: ScoreResult) -> None:
    """A withdrawal changes the other tenders' relative scores, so it is applied when scoring:
    set on the result after, it is the error decide(result, decisions) gives."""
    withdrawn = Decisions(
        withdrawals=(RecordedWithdrawal("Meridian Care Group plc", "2026-03-04"),)
    )
    result.decisions = withdrawn
    assert [p.code for p in result.award.problems] == ["decisions.not_scored"]
    assert [p.code for p in tendereval.decide(result, withdrawn).problems] == [
        "decisions.not_scored"
    ]
