"""Under PCR 2015, a proposed winner whose price is flagged as abnormally low and was never
asked to explain it is warned about in every command that reads the award.

Found by a red team: under PCR 2015 Meridian's rates cut by about 40% made it first, with both
abnormally-low flags ("ask the supplier to explain it (PCR 2015 reg 69)"), yet with no
[[price_explanation]] recorded it was proposed, summaries exited 0 and publish wrote the award
without a word. Reg 69(1): the contracting authority *shall* require the tenderer to explain
a price that appears abnormally low. A warning, not a hold (the flag is a rule of thumb for a
price that appears so); under the Procurement Act (s.34) the supplier is asked only before a
tender is disregarded, so nothing is said there.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

MERIDIAN = "Meridian Care Group plc"
STANDSTILL = """
[standstill]
summaries_sent_on = 2026-11-20
starts_on = 2026-11-21
ends_on = 2026-12-01
"""
EXPLAINED = """
[[price_explanation]]
supplier = "Meridian Care Group plc"
queried_on = 2026-11-10
accepted_on = 2026-11-13
"""
MESSAGE = (
    "Meridian Care Group plc's tender, proposed for lot CSB, has a price flagged as abnormally "
    "low, and no explanation of it is recorded: the Public Contracts Regulations 2015 reg "
    "69(1) require the contracting authority to ask the supplier to explain its price"
)


def _meridian_cheapest(tmp_path: Path, regime: str, decisions: str) -> Path:
    """The carers example with Meridian's rates cut so far that it wins (£1,380,852.48, under
    80% of the median and under the in-house true cost)."""
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    path = folder / "bids" / "meridian-care-group-plc.xlsx"
    wb = openpyxl.load_workbook(path)
    for row in wb["Prices"].iter_rows():
        for cell in row:
            cell.value = {19.5: 12, 150: 90, 70: 42}.get(cell.value, cell.value)
    wb.save(path)
    (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    return folder


def test_pcr_warns_of_a_proposed_winner_never_asked_to_explain(tmp_path: Path) -> None:
    folder = _meridian_cheapest(tmp_path, "PCR2015", STANDSTILL)
    award = tendereval.score(folder, sensitivity=False).award
    assert award.winner("CSB") == MERIDIAN
    (warning,) = award.price_not_explained
    assert (warning.where, warning.message, warning.is_error) == (
        "decisions.toml › price_explanation",
        MESSAGE,
        False,
    )
    assert warning in award.problems and award.summaries_ready  # a warning: nothing held
    runner = CliRunner()
    out = runner.invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    assert f"warning: decisions.toml › price_explanation: {MESSAGE}" in out.output
    out = runner.invoke(
        cli, ["publish", str(folder), "--ocid-prefix", "ocds-abc123", "-o", str(tmp_path / "a")]
    )
    assert out.exit_code == 0, out.output
    assert f"warning: decisions.toml › price_explanation: {MESSAGE}" in out.output
    out = runner.invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert MESSAGE in " ".join(out.output.split())


@pytest.mark.parametrize(
    ("regime", "decisions"),
    [("PCR2015", STANDSTILL + EXPLAINED), ("PA2023", STANDSTILL)],
    ids=["PCR, explanation recorded", "Procurement Act"],
)
def test_no_warning_once_explained_or_under_the_act(tmp_path: Path, regime, decisions) -> None:
    folder = _meridian_cheapest(tmp_path, regime, decisions)
    award = tendereval.score(folder, sensitivity=False).award
    assert award.winner("CSB") == MERIDIAN
    assert award.price_not_explained == []


def test_pcr_says_nothing_of_a_flagged_tender_not_proposed(tmp_path: Path) -> None:
    """In the example as it is, Meridian's £2,273,877.20 is under the true cost (flagged) but
    Weald wins: only the proposed tender is warned about."""
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', 'regime = "PCR2015"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(STANDSTILL, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    assert result.flags.filter(result.flags["supplier"] == MERIDIAN).height
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert result.award.price_not_explained == []
