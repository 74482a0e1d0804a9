"""`tendereval score`: exit codes, files written, problems listed, and the two examples."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.errors import Problem, Severity
from tendereval.io import tender as tender_loader
from tendereval.tender import Tender

from .builders import make_plan, tender

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "tender"
    path.mkdir()
    return path


def use(monkeypatch, loaded: Tender) -> None:
    # The command is one library call, tendereval.score(folder), which loads the folder.
    monkeypatch.setattr(tender_loader, "load_tender", lambda folder, progress=None: loaded)


def test_scores_and_writes_json_and_csv_exit_0(monkeypatch, folder, tmp_path) -> None:
    use(monkeypatch, tender(make_plan(), rates={"A": 10, "B": 11, "C": 12}))
    out = tmp_path / "r.json"
    table = tmp_path / "r.csv"
    result = CliRunner().invoke(
        cli,
        [
            "score",
            str(folder),
            "--json",
            str(out),
            "--csv",
            str(table),
            "--samples",
            "200",
            "--seed",
            "4",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "   1  A " in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["supplier"] for r in data["lots"][0]["ranking"]] == ["A", "B", "C"]
    assert data["settings"]["seed"] == 4
    assert pl.read_csv(table).get_column("rank").to_list() == [1, 2, 3]


def test_input_errors_exit_1_with_problems_grouped_by_file(monkeypatch, folder) -> None:
    problems = [
        Problem(
            "the unit rate is not a number",
            file="bids/b.xlsx",
            sheet="Prices",
            cell="D7",
            found="'ten'",
            supplier="B",
        ),
        Problem("macro-enabled workbook", file="bids/a.xlsm", severity=Severity.WARNING),
    ]
    use(monkeypatch, tender(make_plan(), rates={"A": 10, "B": 11}, problems=problems))
    result = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity"])
    assert result.exit_code == 1
    assert "Problems in the inputs (1 error, 1 warning):" in result.output
    # Problems are shown the one way every command shows them (tendereval.console).
    assert (
        "bids/b.xlsx — 1 error\n  Prices › D7: error: the unit rate is not a number "
        "(found 'ten')" in result.output
    )
    assert "   1  A " in result.output  # everything that can be scored still is
    assert "Robustness" not in result.output


def test_an_unusable_plan_exits_1_and_says_why(monkeypatch, folder) -> None:
    problem = Problem("the plan is not valid TOML", file="tender.toml", found="line 3")
    use(monkeypatch, Tender(plan=None, problems=[problem]))
    result = CliRunner().invoke(cli, ["score", str(folder)])
    assert result.exit_code == 1
    assert "The evaluation plan cannot be used" in result.output
    assert "tender.toml — 1 error\n  error: the plan is not valid TOML (found line 3)" in (
        result.output
    )


def test_usage_errors_exit_2(folder, tmp_path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["score", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "there is no tender folder" in missing.output
    assert runner.invoke(cli, ["score", str(folder), "--samples", "-1"]).exit_code == 2
    wrong = runner.invoke(cli, ["score", str(folder), "-o", "report.pdf"])
    assert wrong.exit_code == 2 and "must end in .xlsx" in wrong.output


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["score", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "--no-sensitivity" in result.output


def check_example(folder: Path, tmp_path: Path) -> dict:
    """Score an example folder through the CLI; every bid file is in the JSON, ranks follow
    totals. Returns the JSON."""
    out = tmp_path / f"{folder.name}.json"
    report = tmp_path / f"{folder.name}.xlsx"
    result = CliRunner().invoke(
        cli, ["score", str(folder), "--json", str(out), "--samples", "500", "-o", str(report)]
    )
    assert result.exit_code == 0, result.output  # the examples are clean
    assert report.is_file()
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = [r for lot in data["lots"] for r in lot["ranking"]] + data["unplaced_bids"]
    sources = {r["source"] for r in rows}
    bid_files = {f"bids/{p.name}" for p in (folder / "bids").iterdir() if p.is_file()}
    assert bid_files <= sources, bid_files - sources
    for lot in data["lots"]:
        ranked = [r for r in lot["ranking"] if r["status"] == "ranked"]
        assert [r["total"] for r in ranked] == sorted((r["total"] for r in ranked), reverse=True)
        ranks = [r["rank"] for r in ranked]
        assert ranks == sorted(ranks) and ranks[:1] in ([], [1])
        for r in lot["ranking"]:
            assert (r["rank"] is not None) == (r["status"] == "ranked")
            assert r["status"] == "ranked" or r["reasons"]
    return data


@pytest.mark.parametrize("name", ["carers-short-breaks", "homecare-districts"])
def test_examples_end_to_end(name: str, tmp_path: Path) -> None:
    folder = EXAMPLES / name
    if not (folder / "tender.toml").exists():
        pytest.skip(
            f"examples/{name}/tender.toml does not exist yet (run examples/build_examples.py)"
        )
    check_example(folder, tmp_path)


def test_report_goes_to_the_tender_folder_by_default(monkeypatch, folder) -> None:
    use(monkeypatch, tender(make_plan(), rates={"A": 10, "B": 11, "C": 12}))
    result = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (folder / "reports").iterdir())
    assert written == [f"{make_plan().tender_id.lower()}-evaluation.xlsx"]
    public = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "--public"])
    assert public.exit_code == 0, public.output
    assert "public (redacted) report" in public.output
    assert len(list((folder / "reports").iterdir())) == 2
