"""Under the Procurement Act a standstill shorter than s.51's 8 working days holds the award,
unless decisions.toml records why the contract is exempt from it.

Found by the law red team: a contract award notice published Monday 21 December 2026 with the
standstill recorded to Thursday 31 December (7 working days: not Christmas Day, nor Monday 28th,
Boxing Day's substitute) was only warned of: summaries were "ready", publish wrote the notice,
and once the 31st had passed published the award as ``active``, though the mandatory
standstill had not ended. s.51 binds every contract but those s.51(3) lists (light touch
contracts, contracts under a framework, ...), and tendereval cannot tell which this is. Now the
short standstill is an error (decisions.standstill_short) naming both ways out; with
``[standstill] exemption = "<why>"`` recorded it is a warning quoting that, which claims
nothing the law requires.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.report.excel import write_report
from tests.example_copies import example_copy

CHRISTMAS = (
    "[standstill]\nsummaries_sent_on = 2026-12-07\nstarts_on = 2026-12-21\nends_on = 2026-12-31\n"
)
EXEMPT = 'exemption = "a light touch contract, s.51(3)"\n'


def _tender(tmp_path: Path, recorded: str, regime: str = "PA2023") -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(recorded, encoding="utf-8")
    return folder


def _publish(folder: Path, day: dt.date) -> tendereval.Publication:
    at = dt.datetime.combine(day, dt.time(9), dt.UTC)
    return tendereval.publish(folder, write=False, ocid_prefix="ocds-abc123", published_at=at)


def _short(folder: Path) -> tendereval.Problem:
    (problem,) = [
        p for p in tendereval.validate(folder).problems if p.code == "decisions.standstill_short"
    ]
    return problem


def test_a_short_standstill_holds_the_summaries_and_the_award_notice(tmp_path: Path) -> None:
    folder = _tender(tmp_path, CHRISTMAS)
    problem = _short(folder)
    assert problem.is_error
    assert problem.message == "the standstill period is shorter than the law requires"
    assert problem.found.startswith("2026-12-21 to 2026-12-31: 7 working days")
    # Both ways out.
    assert problem.expected.startswith("at least 8 working days (Procurement Act 2023 s.51)")
    assert problem.expected.endswith(
        "; or, for a contract s.51(3) exempts from the standstill (a light touch contract, or "
        "one awarded under a framework, say), why, recorded in [standstill] as exemption = "
        '"a light touch contract, s.51(3)"'
    )
    out = CliRunner().invoke(cli, ["summaries", str(folder)])
    assert out.exit_code == 1 and "may be sent" not in out.output
    # Never published, so never published as active once the short period has passed.
    for day in (dt.date(2026, 12, 21), dt.date(2027, 1, 1), dt.date(2027, 1, 4)):
        published = _publish(folder, day)
        assert published.package is None
        assert any("shorter than the law requires" in b for b in published.blockers)


def test_recorded_as_exempt_it_is_a_warning_quoting_why(tmp_path: Path) -> None:
    folder = _tender(tmp_path, CHRISTMAS + EXEMPT)
    problem = _short(folder)
    assert not problem.is_error
    assert problem.message == (
        "the standstill period is shorter than the 8 working days (Procurement Act 2023 "
        's.51); the contract is recorded as exempt from it: "a light touch contract, s.51(3)"'
    )
    assert "law requires" not in problem.message + problem.expected
    out = CliRunner().invoke(cli, ["summaries", str(folder)])
    assert out.exit_code == 0, out.output
    award = _publish(folder, dt.date(2027, 1, 4)).package["releases"][0]["awards"][0]
    assert award["status"] == "active"
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.to_dict()["standstill"]["exemption"] == "a light touch contract, s.51(3)"
    rows = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Audit"]
    assert ("Exempt from the standstill (as recorded)", "a light touch contract, s.51(3)") in [
        r[:2] for r in rows.iter_rows(values_only=True)
    ]


# Notices sent Wednesday 16 December 2026: reg 87's end is Tuesday 29 December.
PCR_SHORT = "[standstill]\nsummaries_sent_on = 2026-12-16\nends_on = 2026-12-28\n"


@pytest.mark.parametrize("recorded", [PCR_SHORT, PCR_SHORT + EXEMPT])
def test_under_pcr_2015_no_exemption_is_read(tmp_path: Path, recorded: str) -> None:
    """Reg 87 applies to every contract the award decision notices are sent for."""
    folder = _tender(tmp_path, recorded, "PCR2015")
    assert _short(folder).is_error
    exemption = [
        p
        for p in tendereval.validate(folder).problems
        if p.code == "decisions.standstill_exemption"
    ]
    assert [(p.cell, p.is_error) for p in exemption] == (
        [("standstill.exemption", False)] if "exemption" in recorded else []
    )
