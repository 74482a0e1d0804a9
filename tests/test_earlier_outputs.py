"""Outputs an earlier run left in reports/ that no longer match the award are said.

Found by a red team: after a withdrawal, summaries and publish decided again (Brightwater),
but reports/csb-2026-01-evaluation.xlsx still recommended the withdrawn Weald Carers Trust,
and when publish refused ("Nothing was written") the award release already in reports/ still
awarded the lot to Weald, with no word (docs/award.md: no two outputs may name different
winners).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tendereval.cli import main
from tendereval.earlier_outputs import awarded_in, out_of_date, recorded_inputs
from tendereval.report.excel import write_report
from tendereval.scoring.output import write_outputs
from tests.example_copies import example_copy

WITHDRAWN = '[[withdrawal]]\nsupplier = "Weald Carers Trust"\nwithdrawn_on = 2026-12-04\n'
REPORT = "reports/csb-2026-01-evaluation.xlsx"
RELEASE = "reports/csb-2026-01-award-ocds.json"


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    """The carers example scored and published (Weald Carers Trust), then Weald withdraws."""
    folder = example_copy(tmp_path)
    write_report(tendereval.score(folder, sensitivity=False), folder / REPORT)
    tendereval.publish(folder, ocid_prefix="ocds-abc123")
    assert awarded_in(folder / RELEASE) == {"CSB": ("Weald Carers Trust",)}
    assert not out_of_date(tendereval.score(folder, sensitivity=False))
    (folder / "decisions.toml").write_text(WITHDRAWN, encoding="utf-8")
    return folder


def test_a_report_and_a_release_of_another_decision_are_said(decided: Path) -> None:
    result = tendereval.score(decided, sensitivity=False)
    assert result.award.winner("CSB") == "Brightwater Care Services Ltd"
    report, release = out_of_date(result)
    assert report.startswith(f"{decided / REPORT} was written from other inputs than this award")
    assert "(its Audit sheet records their SHA-256; since then, new: decisions.toml)" in report
    assert release == (
        f"{decided / RELEASE}, an award release written by an earlier run, no longer matches "
        "the award decision: it awards lot CSB to Weald Carers Trust, the decision now to "
        "Brightwater Care Services Ltd. Publish the award again (tendereval publish) once it "
        "can be; if that release was published, the notice published names the earlier award "
        "too."
    )
    # An input changed (not only added) is named as changed.
    recorded = recorded_inputs(decided / REPORT)
    assert "decisions.toml" not in recorded and "tender.toml" in recorded
    plan = decided / "tender.toml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (report, _) = out_of_date(tendereval.score(decided, sensitivity=False))
    assert "since then, changed: tender.toml; new: decisions.toml)" in report


def test_publish_says_so_when_it_writes_nothing_and_when_it_writes(decided: Path) -> None:
    printed = tendereval.publish(decided, ocid_prefix="ocds-abc123", write=False)
    assert len(printed.out_of_date) == 2  # the report, and the release it did not replace
    assert "warning: " + printed.out_of_date[1] in printed.lines()
    written = tendereval.publish(decided, ocid_prefix="ocds-abc123")
    (report,) = written.out_of_date  # the release it wrote over is not out of date
    assert report.startswith(f"{decided / REPORT} was written from other inputs")
    assert awarded_in(decided / RELEASE) == {"CSB": ("Brightwater Care Services Ltd",)}


def test_summaries_and_score_say_so_on_the_terminal(decided: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["summaries", str(decided)])
    out = capsys.readouterr().out
    assert f"warning: {decided / REPORT} was written from other inputs" in out
    assert f"warning: {decided / RELEASE}, an award release written by an earlier run" in out
    with pytest.raises(SystemExit):
        main(["score", str(decided), "--no-sensitivity"])
    out = capsys.readouterr().out
    assert "was written from other inputs" not in out  # score wrote the report again
    assert f"warning: {decided / RELEASE}, an award release written by an earlier run" in out


def test_files_that_cannot_be_read_as_outputs_are_left_alone(decided: Path) -> None:
    (decided / REPORT).write_bytes(b"PK\x03\x04 not a workbook")
    (decided / RELEASE).write_text('{"releases": "none"}', encoding="utf-8")
    assert out_of_date(tendereval.score(decided, sensitivity=False)) == []


def test_the_library_says_so_to_a_notebook_as_to_the_terminal(decided: Path) -> None:
    """The check is the library's (the command prints): summaries() and write_outputs() give
    the same warnings a notebook user reads."""
    done = tendereval.summaries(decided)
    report, release = done.out_of_date
    assert f"warning: {release}" in done.lines()
    result = tendereval.score(decided, sensitivity=False)
    lines = write_outputs(result, report=False)
    assert [line for line in lines if line.startswith("warning: ")] == [
        f"warning: {report}",
        f"warning: {release}",
    ]
