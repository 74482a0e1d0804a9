"""Under PCR 2015 a standstill shorter than reg 87's is an error, which holds the notices.

Found by the law red team: award decision notices sent Wednesday 16 December 2026, with the
standstill recorded as ending Monday 28 December. Reg 87 counts the tenth day after sending,
Saturday 26 December, moved on past the weekend and Monday 28th (Boxing Day's substitute) to
the end of Tuesday 29 December. ``summaries`` wrote notices telling every tenderer the
contract would not be entered into before the end of 28 December, said they "may be sent"
and exited 0; only ``validate`` warned. Reg 87 applies to every contract the notices are sent
for, so now the short standstill is an error (decisions.standstill_short) that holds the
award: the notices are marked NOT TO BE SENT YET, summaries exits 1 and publish writes
nothing, each naming the lawful end.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.ocds.formats import uk_today
from tendereval.report.summaries import marked_not_to_send
from tests.example_copies import example_copy

LAWFUL = "an end on or after Tuesday 29 December 2026 (PCR 2015 reg 87:"


def _tender(tmp_path: Path, ends: str) -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', 'regime = "PCR2015"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = 2026-12-16\nstarts_on = 2026-12-17\nends_on = {ends}\n",
        encoding="utf-8",
    )
    return folder


def _publish(folder: Path) -> tendereval.Publication:
    at = dt.datetime(2027, 1, 5, 9, tzinfo=dt.UTC)
    return tendereval.publish(folder, write=False, ocid_prefix="ocds-abc123", published_at=at)


def test_a_short_standstill_holds_the_notices_and_the_award_notice(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "2026-12-28")
    (problem,) = [
        p for p in tendereval.validate(folder).problems if p.code == "decisions.standstill_short"
    ]
    assert problem.is_error and problem.expected.startswith(LAWFUL)

    out = CliRunner().invoke(cli, ["summaries", str(folder)])
    assert out.exit_code == 1, out.output
    assert "the assessment summaries may be sent" not in out.output
    assert "decisions.toml › standstill.ends_on: the standstill period is shorter" in out.output
    notice = folder / "reports/summaries/brightwater-care-services-ltd-assessment-summary.xlsx"
    assert marked_not_to_send(notice)

    published = _publish(folder)
    assert published.package is None
    assert any(LAWFUL in blocker for blocker in published.blockers)


def test_the_lawful_end_lets_them_go(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "2026-12-29")
    out = CliRunner().invoke(cli, ["summaries", str(folder)])
    assert out.exit_code == 0, out.output
    # They "may be sent" until the recorded day, and "were sent" on it and after: neither holds.
    sent = dt.date(2026, 12, 16)
    said = "were sent on 16 December 2026" if uk_today() >= sent else "may be sent"
    assert said in out.output
    assert _publish(folder).package is not None
