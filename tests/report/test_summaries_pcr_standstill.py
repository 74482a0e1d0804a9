"""Under PCR 2015 each summary states when the standstill period is expected to end.

Found by a red team: under PCR 2015 the summaries serve as the award decision notices
("Information for the tenderer under … regulations 55 and 86"), which must give a precise
statement of when the standstill period is expected to end (reg 86(2)(d)). With
[standstill] ends_on recorded, no summary said when; with none recorded, they were "ready".
Now each states the recorded end, and with none recorded the award decision holds them back
(summaries exit 1, each marked NOT TO BE SENT YET) with a blocker saying what to record.
Under the Procurement Act the standstill follows the contract award notice (s.51): the
assessment summary gives none, as before.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

RECORDED = """
[standstill]
summaries_sent_on = 2026-03-03
starts_on = 2026-03-04
ends_on = 2026-03-16
"""
STATED = (
    "The standstill period is expected to end at midnight at the end of 16 March 2026 (Public "
    "Contracts Regulations 2015 regulation 87): the contracting authority will not enter into "
    "the contract before then."
)


def _tender(tmp_path: Path, regime: str, decisions: str) -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    if decisions:
        (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    return folder


def _fronts(outdir: Path) -> dict[str, dict[str, object]]:
    """Each summary's Summary sheet as label → value."""
    fronts = {}
    for path in sorted(outdir.glob("*.xlsx")):
        ws = openpyxl.load_workbook(path)["Summary"]
        fronts[path.name] = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    return fronts


def test_each_pcr_summary_states_the_recorded_end_of_the_standstill(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "PCR2015", RECORDED)
    out = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    fronts = _fronts(tmp_path / "out")
    assert len(fronts) == 5  # (none for the in-house comparator, which is no tender)
    # Every tenderer's, the winner's and those whose tender was disqualified alike.
    assert {front.get("Standstill period") for front in fronts.values()} == {STATED}


def test_with_no_end_recorded_the_pcr_summaries_are_not_ready(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "PCR2015", "[standstill]\nsummaries_sent_on = 2026-03-03\n")
    award = tendereval.score(folder, sensitivity=False).award
    (blocker,) = award.blockers
    assert blocker == (
        "decisions.toml › standstill.ends_on: the summaries are the award decision notices "
        "(PCR 2015 reg 86), which must state precisely when the standstill period is expected "
        "to end (reg 86(2)(d)), and no end is recorded. Record it as [standstill] ends_on (with "
        "summaries_sent_on, the day the notices are to be sent, and starts_on), then write the "
        "summaries again."
    )
    # The award itself is not held back: allocate's allocation stands.
    assert award.award_blockers == [] and award.held_back is None
    runner = CliRunner()
    out = runner.invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    assert out.exit_code == 1, out.output
    assert "standstill.ends_on" in out.output
    assert all("Standstill period" not in f for f in _fronts(tmp_path / "out").values())
    # Every command reads the one decision: publish stops on it too.
    out = runner.invoke(cli, ["publish", str(folder), "--ocid-prefix", "ocds-abc123"])
    assert out.exit_code == 1 and "standstill.ends_on" in out.output


@pytest.mark.parametrize("decisions", [RECORDED, ""], ids=["recorded", "none"])
def test_the_acts_assessment_summary_gives_no_standstill(tmp_path: Path, decisions) -> None:
    folder = _tender(tmp_path, "PA2023", decisions)
    out = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    assert all("Standstill period" not in f for f in _fronts(tmp_path / "out").values())
