"""The Audit sheet lists the proceedings against the award that decisions.toml records, and
whether each suspends a contract on the day of the run (as the award decision says).

Before, a ``[[challenge]]`` could not be recorded at all, and no sheet of the report said an
award was challenged."""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tendereval.report.excel import write_report
from tests.example_copies import example_copy

RECORDED = """
[standstill]
summaries_sent_on = 2026-03-03
starts_on = 2026-03-04
ends_on = 2026-03-13

[[challenge]]
notified_on = 2026-03-10
note = "Claim by X Ltd, KB-2026-000123"

[[challenge]]
notified_on = 2026-03-16
lots = ["CSB"]
"""


def test_the_audit_lists_each_challenge_and_what_it_suspends(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(RECORDED, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    rows = list(openpyxl.load_workbook(write_report(result, tmp_path / "r.xlsx"))["Audit"].values)
    top = next(i for i, r in enumerate(rows) if r[0] == "Proceedings against the award")
    assert rows[top + 1][:6] == (
        "Lots",
        "Notified on",
        "Suspension ends on",
        "Contract suspended on the day of the run",
        "Note",
        "In decisions.toml at",
    )
    assert rows[top + 2][:6] == (
        "every lot awarded",
        "2026-03-10",
        "not recorded (it holds)",
        "CSB",
        "Claim by X Ltd, KB-2026-000123",
        "challenge[0]",
    )
    assert rows[top + 3][:6] == (
        "CSB",
        "2026-03-16",
        "not recorded (it holds)",
        "none: notified after the standstill period ended (Procurement Act 2023 s.101 "
        "applies only to proceedings notified during it)",
        None,
        "challenge[1]",
    )
