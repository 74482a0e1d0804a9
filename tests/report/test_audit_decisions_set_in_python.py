"""The Audit sheet says where the decisions it shows came from.

Decisions set on a result in a notebook (``result.decisions = …``) were shown as the
"Recorded decision (decisions.toml)" and the standstill "as decisions.toml records it", with
the file's SHA-256 the only one listed: an auditor matching the report to the tender folder
found a decisions.toml that did not give what the report showed. Now they are named as set
in Python, and listed with the files read under the SHA-256 of their decisions.toml text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl

import tendereval
from tendereval.award import Decisions, Standstill
from tendereval.report.excel import write_report
from tests.example_copies import example_copy

IN_THE_FILE = """
[standstill]
summaries_sent_on = 2026-03-03
starts_on = 2026-03-04
ends_on = 2026-03-16
"""


def _audit(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path)["Audit"].iter_rows(values_only=True))


def test_decisions_set_in_python_are_named_so_with_their_sha256(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(IN_THE_FILE, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    result.decisions = Decisions(standstill=Standstill("2026-03-10", "2026-03-11", "2026-03-23"))
    rows = _audit(write_report(result, tmp_path / "report.xlsx"))

    top = next(i for i, r in enumerate(rows) if r[0] == "Standstill")
    assert {r[0]: r[1] for r in rows[top + 1 : top + 4]} == {
        "Assessment summaries sent on": "2026-03-10",
        "Standstill period starts on": "2026-03-11",
        "Standstill period ends on": "2026-03-23",
    }
    award = next(r for r in rows if r[0] == "Lot" and "Outcome" in r)
    assert award[4] == "Recorded decision (decisions set in Python)"
    # Listed as a file read is, under the SHA-256 of the decisions as decisions.toml text
    # (worked by hand here from the text); decisions.toml, read when scoring, stays listed.
    text = (
        "# The buyer's decisions after scoring (docs/award.md)\n\n[standstill]\n"
        "summaries_sent_on = 2026-03-10\nstarts_on = 2026-03-11\nends_on = 2026-03-23\n"
    )
    assert result.award.decisions.to_toml() == text
    data = text.encode("utf-8")
    listed = {r[0]: r[1:4] for r in rows if r[1] == "decisions"}
    assert listed == {
        "decisions.toml": (
            "decisions",
            hashlib.sha256((folder / "decisions.toml").read_bytes()).hexdigest(),
            len(IN_THE_FILE.encode()),
        ),
        "the decisions set in Python": ("decisions", hashlib.sha256(data).hexdigest(), len(data)),
    }


def test_decisions_read_from_the_file_are_named_by_it(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(IN_THE_FILE, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    rows = _audit(write_report(result, tmp_path / "report.xlsx"))
    award = next(r for r in rows if r[0] == "Lot" and "Outcome" in r)
    assert award[4] == "Recorded decision (decisions.toml)"
    assert [r[0] for r in rows if r[1] == "decisions"] == ["decisions.toml"]
