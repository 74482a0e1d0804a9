"""Reading back tendereval's own award notice keeps the regime and the lot-cap wording of the
plan it was published from, and takes no day from the award's own date as the day the
procurement began.

Found by a red team (session 40, rtocds 2): a PCR 2015 tender published and read back became
PA2023 ("the procurement began on <the award's day> (when its tender notice was first
published)"), and each round trip added another "Lot cap: " to cap_mechanism.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Problems
from tendereval.ocds.notice import notice_from_data

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
PUBLISHED_AT = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
CAP = "[participation]\nmax_lots_per_supplier = 1\n"
CAP += 'cap_mechanism = "The lots of highest estimated value first"\n'

STANDSTILL = "[standstill]\nsummaries_sent_on = 2026-03-03\nends_on = 2026-03-16\n"


@pytest.mark.parametrize("regime", ["PCR2015", "PA2023"])
def test_the_regime_and_cap_wording_come_back_as_published(tmp_path: Path, regime) -> None:
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    plan_file = folder / "tender.toml"
    text = plan_file.read_text(encoding="utf-8").replace(
        'regime = "PA2023"', f'regime = "{regime}"'
    )
    assert f'regime = "{regime}"' in text
    plan_file.write_text(text.replace("[participation]\n", CAP, 1), encoding="utf-8")
    if regime == "PCR2015":  # (the standstill is stated in the award decision notices)
        (folder / "decisions.toml").write_text(STANDSTILL, encoding="utf-8")
    done = tendereval.publish(
        folder, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT
    )
    assert done.written, done.blockers
    made = tendereval.init_from_notice(tmp_path / "again", done.path)
    again, problems = tendereval.load_plan(made.plan)
    assert again is not None, problems
    assert again.regime == regime
    # No contract period is published: the years come back from the price criterion's words.
    assert again.contract_years == 3
    assert again.lot_cap.mechanism == "The lots of highest estimated value first"
    assert not any("the procurement regime" in choice for choice in made.choices)


def test_an_award_releases_own_date_is_not_when_the_procurement_began() -> None:
    """No legal basis and no tender release: the award's date (published 2026) says nothing
    of when the procurement began, so no day is quoted and none decides the regime."""
    release = {
        "ocid": "ocds-abc123-T1",
        "id": "award-1",
        "date": "2026-03-20T09:30:00Z",
        "tag": ["award"],
        "tender": {"id": "T1", "title": "Care", "lots": [{"id": "1", "title": "North"}]},
    }
    problems = Problems()
    notice = notice_from_data({"releases": [release]}, "award.json", problems)
    assert notice is not None and notice.begun_on is None
    assert (
        notice.regime_basis == "the notice names no legal basis, nor a date the procurement began"
    )
