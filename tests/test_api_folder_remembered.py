"""A tender scored from a relative folder is written into that tender after ``os.chdir`` (red
team, the library as a notebook uses it). The result kept the path as given (``"tender"``), so
a notebook that moved on to another project wrote the carers' summaries and award notice into
the homecare tender, and moved the homecare summaries into superseded/. Every folder a tender,
a result or a validation report remembers is now absolute; the names of the files in it, as
problems and the audit trail give them, are unchanged (``bids/…``)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.validation import write_problems_json

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"


@pytest.fixture
def two_projects(tmp_path: Path) -> Path:
    for project in ("carers", "homecare"):
        shutil.copytree(
            CARERS, tmp_path / project / "tender", ignore=shutil.ignore_patterns("reports")
        )
    return tmp_path


def test_a_result_is_written_into_its_own_tender_after_chdir(two_projects, monkeypatch) -> None:
    monkeypatch.chdir(two_projects / "carers")
    carers = tendereval.score("tender", sensitivity=False)
    assert carers.folder == two_projects / "carers" / "tender"
    monkeypatch.chdir(two_projects / "homecare")  # the notebook moves on
    sent = tendereval.summaries(carers)
    assert {path.parent for path in sent.paths} == {carers.folder / "reports" / "summaries"}
    published = tendereval.publish(
        carers, ocid_prefix="ocds-abc123", published_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC)
    )
    assert published.path == carers.folder / "reports" / "csb-2026-01-award-ocds.json"
    assert not (two_projects / "homecare" / "tender" / "reports").exists()
    # The rule on inputs guards the tender the result came from, not the one "tender" names now.
    with pytest.raises(tendereval.UsageError):
        tendereval.summaries(carers, carers.folder / "bids")


def test_the_files_are_still_named_within_the_tender(two_projects, monkeypatch) -> None:
    monkeypatch.chdir(two_projects / "carers")
    result = tendereval.score("tender", sensitivity=False)
    assert result.inputs.get_column("path").head(1).to_list() == ["tender.toml"]
    weald = result.price_breakdown.filter(pl.col("supplier") == "Weald Carers Trust")
    assert set(weald.get_column("source")) == {"bids/weald-carers-trust.xlsx"}


def test_a_tender_loaded_or_built_remembers_its_folder_in_full(two_projects, monkeypatch) -> None:
    monkeypatch.chdir(two_projects / "carers")
    tender = tendereval.load_tender("tender")
    assert tender.folder == two_projects / "carers" / "tender"
    tender.folder = Path("tender")
    assert tender.folder.is_absolute()
    monkeypatch.chdir(two_projects / "homecare")
    assert tendereval.score(tender, sensitivity=False).folder == two_projects / "carers" / "tender"


def test_a_validation_report_guards_the_tender_it_checked(two_projects, monkeypatch) -> None:
    monkeypatch.chdir(two_projects / "carers")
    report = tendereval.validate("tender")
    assert report.folder == two_projects / "carers" / "tender"
    monkeypatch.chdir(two_projects / "homecare")
    plan = two_projects / "carers" / "tender" / "tender.toml"
    before = plan.read_bytes()
    with pytest.raises(tendereval.UsageError):
        write_problems_json(report, plan)
    assert plan.read_bytes() == before


def test_where_the_files_went_is_shown_as_the_officer_gave_the_folder(
    two_projects, monkeypatch
) -> None:
    """From the folder the tender was given from, the path reads as typed (the commands print
    these lines); from elsewhere, in full, which is still where the files are."""
    monkeypatch.chdir(two_projects / "carers")
    result = tendereval.score("tender", sensitivity=False)
    here = tendereval.summaries(result).lines()[0]
    assert here == f"Wrote 5 assessment summaries to {Path('tender/reports/summaries')}"
    monkeypatch.chdir(two_projects / "homecare")
    away = tendereval.summaries(result).lines()[0]
    assert away == f"Wrote 5 assessment summaries to {result.folder / 'reports' / 'summaries'}"
