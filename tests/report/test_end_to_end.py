"""The report and summaries on the shipped example, scored by the real engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tendereval.cli import cli

from .checks import (
    assert_clean_run,
    assert_no_leaks,
    assert_parts_parse,
    assert_ranking_matches,
)
from .libreoffice import recalculate

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"

pytestmark = pytest.mark.skipif(
    not EXAMPLE.is_dir(), reason=f"the example tender {EXAMPLE} is not there"
)


@pytest.fixture(scope="module")
def scored():
    combine = pytest.importorskip(
        "tendereval.scoring.combine", reason="the scoring engine is not installed"
    )
    tender_module = pytest.importorskip(
        "tendereval.io.tender", reason="the tender loader is not installed"
    )
    return combine.score(tender_module.load_tender(EXAMPLE), samples=500, seed=7)


@pytest.mark.libreoffice
def test_example_report_recalculates_to_scorings_numbers(scored, tmp_path, lo_profile):
    from tendereval.report.excel import write_report

    report = write_report(scored, tmp_path / "report.xlsx")
    recalculated, done = recalculate(report, tmp_path, lo_profile)
    assert_clean_run(done)
    assert_parts_parse(report)
    assert assert_ranking_matches(report, recalculated, scored) > 1


def test_example_summaries_leak_nothing(scored, tmp_path):
    from tendereval.report.summaries import write_summaries

    paths = write_summaries(scored, tmp_path)
    by_supplier = {openpyxl.load_workbook(p)["Summary"]["B4"].value: p for p in paths}
    # Every supplier with a tender: the in-house comparator is none, and is owed no summary.
    tenders = scored.results.filter(scored.results["status"] != "comparator")
    assert set(by_supplier) == set(tenders["supplier"].drop_nulls())
    assert_no_leaks(scored, by_supplier)


def _cells(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def test_two_cli_runs_give_the_same_cells_but_the_run_time(tmp_path):
    runner = CliRunner()
    for name in ("a.xlsx", "b.xlsx"):
        done = runner.invoke(
            cli, ["score", str(EXAMPLE), "--samples", "200", "-o", str(tmp_path / name)]
        )
        assert done.exit_code == 0, done.output
    a, b = _cells(tmp_path / "a.xlsx"), _cells(tmp_path / "b.xlsx")
    differing = {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
    assert {sheet for sheet, _ in differing} <= {"Audit"}
    assert all(
        a.get(("Audit", "A" + coord[1:])) == "Time of the run (UTC)" for _, coord in differing
    )


def test_summaries_command_writes_one_workbook_per_supplier(tmp_path):
    # (A copy: summaries notes in the tender's reports/ where it wrote them.)
    tender = shutil.copytree(EXAMPLE, tmp_path / "tender", ignore=shutil.ignore_patterns("reports"))
    done = CliRunner().invoke(cli, ["summaries", str(tender), "-o", str(tmp_path / "out")])
    assert done.exit_code == 0, done.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    # (None for the in-house comparator, the council's own team: not a supplier's tender.)
    assert len(written) == 5 and all(n.endswith("-assessment-summary.xlsx") for n in written)
    assert "Wrote 5 assessment summaries" in done.output


def test_summaries_command_help_has_an_example():
    done = CliRunner().invoke(cli, ["summaries", "--help"])
    assert done.exit_code == 0
    assert "Example:" in done.output and "tendereval summaries examples/carers-short-breaks" in (
        done.output
    )


def test_summaries_command_refuses_a_missing_folder(tmp_path):
    done = CliRunner().invoke(cli, ["summaries", str(tmp_path / "nowhere")])
    assert done.exit_code == 2
    assert "there is no tender folder" in done.output


def test_summaries_command_exits_1_and_names_invalid_suppliers(tmp_path):
    import shutil

    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder)
    broken = sorted((folder / "bids").iterdir())[0]
    broken.write_bytes(b"this is not a workbook")
    done = CliRunner().invoke(cli, ["summaries", str(folder)])
    assert done.exit_code == 1, done.output
    assert "could not be assessed" in done.output
    assert broken.name in done.output
    assert len(list((folder / "reports" / "summaries").iterdir())) >= 5
