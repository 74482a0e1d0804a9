"""Red team, round 2: the dates decisions.toml records, against the day the award is published.

The Procurement Act 2023 s.50 requires the assessment summaries to be sent before the contract
award notice is published, and s.51 starts the standstill period with the day it is published.
A package published before the recorded day the summaries went out, or after the recorded start
of the standstill, said nothing of it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tendereval
from tests.award.red_team_tenders import Bid, tender_folder


def folder_with_standstill(tmp_path: Path, sent: str, starts: str, ends: str) -> Path:
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Ash Care", "A", 10, 4), Bid("Birch Care", "A", 12, 3)]
    )
    # The plan approved before the standstill: a standstill before it is an error of its own.
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert "approved_on = 2026-09-14" in text
    plan.write_text(text.replace("approved_on = 2026-09-14", "approved_on = 2026-02-10"), "utf-8")
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {sent}\nstarts_on = {starts}\nends_on = {ends}\n",
        encoding="utf-8",
    )
    return folder


def publish_at(folder: Path, moment: dt.datetime) -> tendereval.Publication:
    return tendereval.publish(
        folder, folder / "award.json", ocid_prefix="ocds-abc123", published_at=moment
    )


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        # Summaries sent Tuesday 3 March, notice and standstill from Wednesday 4 March: right.
        (dt.datetime(2026, 3, 4, 9, tzinfo=dt.UTC), []),
        # Published on Monday 2 March: before the summaries went out, before the standstill.
        (
            dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
            [
                "are recorded as sent on 2026-03-03, after the day this contract award notice "
                "is published (2026-03-02)",
            ],
        ),
        # Published on Friday 6 March: the standstill is recorded as starting two days before.
        (
            dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC),
            ["is recorded as starting on 2026-03-04, before the day this contract award notice"],
        ),
        # Saturday 14 March, after the standstill: the award made active, but no earlier
        # publication is known, and the standstill begins with the first (s.51).
        (
            dt.datetime(2026, 3, 14, 9, tzinfo=dt.UTC),
            [
                "is recorded as ending on 2026-03-13, before the day this contract award notice "
                "is published (2026-03-14), so the award is published as active",
            ],
        ),
        # 23:30 UTC on 3 March is 3 March in London too (GMT): still before the standstill.
        (
            dt.datetime(2026, 3, 3, 23, 30, tzinfo=dt.UTC),
            [],
        ),
    ],
)
def test_a_notice_published_out_of_step_with_the_recorded_dates_is_warned_about(
    tmp_path: Path, published: dt.datetime, expected: list[str]
) -> None:
    folder = folder_with_standstill(tmp_path, "2026-03-03", "2026-03-04", "2026-03-13")
    done = publish_at(folder, published)
    assert done.written  # a warning, not a block: the officer may be publishing late on purpose
    dated = [w for w in done.warnings if "contract award notice is published" in w]
    assert len(dated) == len(expected)
    for warning, words in zip(dated, expected, strict=True):
        assert words in warning
