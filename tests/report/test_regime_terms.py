"""Under PCR 2015 the outputs use the Regulations' words, not the Procurement Act's.

Found by the law red team: with ``regime = "PCR2015"`` the terminal, the summaries, the report
and the award notice's description all said "the most advantageous tender" (the Act's s.19),
and each summary was headed "Assessment summary" (the Act's s.50), though under PCR 2015 the
contract goes to the "most economically advantageous tender" (reg 67) and the summary is the
award decision notice (reg 86). Now every regime-specific term comes from one table
(tendereval/regimes.py) by the plan's regime; under the Act nothing changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.ocds.formats import uk_today
from tendereval.plan import REGIMES, load_plan
from tendereval.regimes import TERMS, terms
from tendereval.templates import build_score_sheet
from tests.example_copies import example_copy

BEST = "most economically advantageous tender"
# The notices are to be sent tomorrow, whatever day the test runs: a fixed 8 December 2026 made
# the test fail from that day on, when "are to be sent" became "were sent".
SENDING = uk_today() + dt.timedelta(days=1)
RECORDED = (
    f"[standstill]\nsummaries_sent_on = {SENDING}\n"
    f"starts_on = {SENDING + dt.timedelta(days=1)}\nends_on = {SENDING + dt.timedelta(days=14)}\n"
)


@pytest.fixture(scope="module")
def pcr(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = example_copy(tmp_path_factory.mktemp("pcr"))
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', 'regime = "PCR2015"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(RECORDED, encoding="utf-8")
    scored = CliRunner().invoke(cli, ["score", str(folder)])
    written = CliRunner().invoke(cli, ["summaries", str(folder)])
    assert written.exit_code == 0, written.output
    return folder, scored.output


def _texts(path: Path) -> dict[str, str]:
    book = openpyxl.load_workbook(path)
    return {
        f"{ws.title}!{cell.coordinate}": cell.value
        for ws in book
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def test_score_proposes_the_most_economically_advantageous_tender(pcr: tuple[Path, str]) -> None:
    assert f"Proposed award: Weald Carers Trust (the {BEST}: ranked first)." in pcr[1]


def test_an_unsuccessful_tenderers_notice(pcr: tuple[Path, str]) -> None:
    summary = pcr[0] / "reports/summaries/brightwater-care-services-ltd-assessment-summary.xlsx"
    texts = _texts(summary)
    assert texts["Summary!A1"] == "Award decision notice — Short breaks for unpaid carers"
    assert texts["Lot CSB!A2"] == "Another tender was more economically advantageous."
    assert f"The {BEST}: Weald Carers Trust" in texts.values()
    assert not any(" advantageous" in v and "economically" not in v for v in texts.values())


def test_the_winners_notice(pcr: tuple[Path, str]) -> None:
    texts = _texts(pcr[0] / "reports/summaries/weald-carers-trust-assessment-summary.xlsx")
    assert f"Your tender was the {BEST}." in texts.values()


def test_the_report(pcr: tuple[Path, str]) -> None:
    texts = _texts(pcr[0] / "reports/csb-2026-01-evaluation.xlsx")
    assert any(f"The recommended supplier is the {BEST} under" in v for v in texts.values())
    assert not any(" advantageous" in v and "economically" not in v for v in texts.values())


def test_the_award_notice(pcr: tuple[Path, str]) -> None:
    at = dt.datetime(2027, 1, 5, 9, tzinfo=dt.UTC)
    published = tendereval.publish(pcr[0], write=False, ocid_prefix="ocds-abc123", published_at=at)
    award = published.package["releases"][0]["awards"][0]
    assert award["description"].startswith(
        f"The {BEST}: ranked first under the published award criteria."
    )


def test_every_regime_a_plan_may_name_has_its_words() -> None:
    assert set(REGIMES) == set(TERMS) == {"PA2023", "PCR2015"}
    assert terms("PA2023").best == "most advantageous tender"
    assert terms("PA2023").summary == "Assessment summary"


def test_what_the_commands_say_of_the_summaries_under_pcr(pcr: tuple[Path, str]) -> None:
    """The terminal, the summaries' file properties and the score sheet's instructions call
    the summaries award decision notices (reg 86), never the Act's assessment summaries."""
    folder, scored = pcr
    written = CliRunner().invoke(cli, ["summaries", str(folder)]).output
    for said in (scored, written):
        assert "assessment summar" not in said.lower()
    to_be_sent = f"they are to be sent on {SENDING.day} {SENDING:%B}"
    assert f"the award decision notices may be sent: {to_be_sent}" in scored
    assert "award decision notices" in written
    summary = folder / "reports/summaries/weald-carers-trust-assessment-summary.xlsx"
    title = openpyxl.load_workbook(summary).properties.title
    assert title == "CSB-2026-01 award decision notice"
    plan, _ = load_plan(folder / "tender.toml")
    sheet = openpyxl.load_workbook(build_score_sheet(plan, folder.parent / "score-sheet.xlsx"))
    text = [c.value for ws in sheet for row in ws.iter_rows() for c in row if c.value]
    assert any("Reasons are shared with bidders in their award decision notices." in str(v)
               for v in text)  # fmt: skip
    assert any("every bidder receives (PCR 2015 reg 86)" in str(v) for v in text)
    assert not any("assessment summar" in str(v) for v in text)
