"""The Audit sheet records the standstill period and the day the summaries were sent.

Found by a red team: decisions.toml recorded the summaries as sent on 3 March 2026 and the
standstill as 4 to 16 March, yet no cell of the Excel report (the Audit sheet included) named
either, though they are what a court checks first (Procurement Act 2023 s.50(3), s.51; PCR
2015 regs 86 and 87). The JSON's ``award.standstill`` had them already.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.report.excel import write_report
from tests.example_copies import example_copy

RECORDED = """
[standstill]
summaries_sent_on = 2026-03-03
starts_on = 2026-03-04
ends_on = 2026-03-16
"""


def _standstill_rows(path: Path) -> dict[str, str]:
    rows = list(openpyxl.load_workbook(path)["Audit"].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == "Standstill")
    return {r[0]: r[1] for r in rows[top + 1 : top + 4]}


@pytest.mark.parametrize(
    ("regime", "sent_label"),
    [
        ("PA2023", "Assessment summaries sent on"),
        ("PCR2015", "Award decision notices (the summaries) sent on"),
    ],
)
def test_the_audit_gives_the_recorded_standstill(tmp_path: Path, regime, sent_label) -> None:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(RECORDED, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    assert _standstill_rows(write_report(result, tmp_path / "report.xlsx")) == {
        sent_label: "2026-03-03",
        "Standstill period starts on": "2026-03-04",
        "Standstill period ends on": "2026-03-16",
    }
    assert result.award.to_dict()["standstill"] == {
        "summaries_sent_on": "2026-03-03",
        "starts_on": "2026-03-04",
        "ends_on": "2026-03-16",
    }


def test_the_audit_says_when_none_is_recorded(tmp_path: Path) -> None:
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    none = "not recorded in decisions.toml ([standstill])"
    assert _standstill_rows(write_report(result, tmp_path / "report.xlsx")) == {
        "Assessment summaries sent on": none,
        "Standstill period starts on": none,
        "Standstill period ends on": none,
    }
