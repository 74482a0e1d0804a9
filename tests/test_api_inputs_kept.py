"""No output of the library replaces one of the tender's inputs (red team, the library as a
notebook uses it). The commands refused ``--json DIR/tender.toml`` with exit 2, but the rule
lived in the command layer: ``write_json(result, "tender/tender.toml")``, ``write_report``,
``to_csv``, ``publish(output=…)`` and ``template(…)`` replaced a plan, a bid or a score sheet
without a word, and ``summaries(result, "tender/bids")`` wrote six summaries that came back as
six more (invalid) bids. Now every writer asks the same rule (tendereval/inputs.py) and raises
the UsageError whose words the command prints."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import tendereval
from tendereval.report.excel import write_report
from tendereval.scoring.output import to_csv, write_json, write_outputs
from tendereval.validation import write_problems_json

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
OFFERS = ROOT / "examples" / "offers" / "homecare-offers.csv"
PROXIES = "social-value-proxies-2026.csv"  # the table the plan names
NEVER = "and tendereval never overwrites its inputs: choose another file name"


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> tendereval.ScoreResult:
    folder = tmp_path_factory.mktemp("inputs") / "tender"
    shutil.copytree(CARERS, folder, ignore=shutil.ignore_patterns("reports"))
    # The plan's proxy table, in the folder (where a tender's own copy is read first).
    shutil.copy(ROOT / "templates" / PROXIES, folder / PROXIES)
    return tendereval.score(folder, sensitivity=False)


def _fingerprints(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


WRITERS: dict[str, Callable[[tendereval.ScoreResult, Path], object]] = {
    "write_report": lambda result, path: write_report(result, path),
    "write_json": lambda result, path: write_json(result, path),
    "to_csv": lambda result, path: to_csv(result, path),
    "write_outputs": lambda result, path: write_outputs(result, csv_path=path, report=False),
    "publish": lambda result, path: tendereval.publish(
        result,
        path,
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC),
    ),
    "template": lambda result, path: tendereval.template("bid-return", result.folder, path),
    "validate's JSON": lambda result, path: write_problems_json(
        tendereval.validate(result.folder), path
    ),
}
INPUTS = (
    "tender.toml",
    "bids/weald-carers-trust.xlsx",
    "scores/helen-marsh.xlsx",
    "scores/moderation.xlsx",
    PROXIES,
)


@pytest.mark.parametrize(
    ("writer", "name"),
    # (A template is only ever an .xlsx: the plan or the proxy table is refused as not one.)
    [(w, n) for w in WRITERS for n in INPUTS if w != "template" or n.endswith(".xlsx")],
)
def test_no_writer_replaces_an_input_of_the_tender(scored, writer: str, name: str) -> None:
    target = scored.folder / name
    before = _fingerprints(scored.folder)
    with pytest.raises(tendereval.UsageError) as refused:
        WRITERS[writer](scored, target)
    assert str(refused.value).startswith(f"{target} is one of the tender's inputs, {NEVER}")
    assert _fingerprints(scored.folder) == before


@pytest.mark.parametrize("writer", ["write_report", "write_json", "to_csv", "publish"])
def test_nothing_new_is_written_into_bids_or_scores(scored, writer: str) -> None:
    """A report in bids/ is read as a bid on the next run."""
    before = _fingerprints(scored.folder)
    for target in (scored.folder / "bids" / "results.xlsx", scored.folder / "scores" / "r.json"):
        with pytest.raises(tendereval.UsageError) as refused:
            WRITERS[writer](scored, target)
        assert f"is in {target.parent.name}/, a folder of the tender's inputs" in str(refused.value)
    assert _fingerprints(scored.folder) == before


def test_summaries_are_not_written_into_bids(scored) -> None:
    """They were: six summaries, read back as six more bids (each invalid)."""
    before = _fingerprints(scored.folder)
    with pytest.raises(tendereval.UsageError) as refused:
        tendereval.summaries(scored, scored.folder / "bids")
    assert str(refused.value) == (
        f"{scored.folder / 'bids'} is a folder of the tender's inputs, and tendereval never writes "
        "there (what it wrote would be read as an input next time): choose a place outside bids/"
    )
    assert _fingerprints(scored.folder) == before
    assert tendereval.validate(scored.folder).bid_files == 6


def test_write_outputs_writes_nothing_when_one_of_its_paths_is_an_input(scored, tmp_path) -> None:
    """The JSON, first in line, was written before the report was refused."""
    json_path = tmp_path / "results.json"
    with pytest.raises(tendereval.UsageError):
        write_outputs(scored, json_path=json_path, report_path=scored.folder / "tender.toml")
    assert not json_path.exists()


def test_write_outputs_refuses_two_outputs_that_are_one_file(scored, tmp_path) -> None:
    """The command refused ``--json x --csv x`` (exit 2), but the rule lived in the command
    layer: ``write_outputs(result, json_path=x, csv_path=x)`` wrote the JSON, then the CSV over
    it, and said both were written. Now the library refuses it, naming both, before writing
    anything; a path written another way (``..``) is the same file."""
    path = tmp_path / "results.out"
    with pytest.raises(tendereval.UsageError) as refused:
        write_outputs(scored, json_path=path, csv_path=path, report=False)
    assert str(refused.value) == (
        f"json_path and csv_path both name '{path}', the same file, so one would replace the "
        "other: give each its own file name"
    )
    other = tmp_path / "x" / ".." / "results.out"
    with pytest.raises(tendereval.UsageError, match="csv_path and report_path both name"):
        write_outputs(scored, csv_path=path, report_path=other)
    # The report's default named as such: the caller never wrote that path.
    default = scored.folder / "reports" / "csb-2026-01-evaluation.xlsx"
    with pytest.raises(tendereval.UsageError) as refused:
        write_outputs(scored, json_path=default)
    assert str(refused.value).startswith(
        f"json_path and the report (report_path's default) both name '{default}'"
    )
    assert not path.exists() and not default.exists()


def test_a_new_template_may_go_into_the_tender_but_none_over_a_bid(scored) -> None:
    """As the command: a blank moderation workbook added to scores/ is how the docs set one
    up; written over the panel's filled-in one, or a bid, it would lose it."""
    fresh = scored.folder / "scores" / "moderation-round-2.xlsx"
    made = tendereval.template("moderation", scored.folder, fresh)
    assert made.path == fresh and fresh.is_file()
    fresh.unlink()  # (the other tests read the folder as it was)
    with pytest.raises(tendereval.UsageError) as refused:
        tendereval.template("moderation", scored.folder, scored.folder / "scores/moderation.xlsx")
    assert "or move the old file out of the tender folder first" in str(refused.value)


def test_a_template_is_not_written_over_another_tenders_bid(scored, tmp_path) -> None:
    """The output is in another tender folder than the one the template is made from: its
    bid is that tender's input, and lost as surely."""
    other = tmp_path / "other"
    shutil.copytree(CARERS, other, ignore=shutil.ignore_patterns("reports"))
    bid = other / "bids" / "hop-garden-respite-cic.xlsx"
    before = bid.read_bytes()
    with pytest.raises(tendereval.UsageError):
        tendereval.template("bid-return", scored.folder, bid)
    with pytest.raises(tendereval.UsageError):
        write_json(scored, other / "tender.toml")
    assert bid.read_bytes() == before


def test_the_offers_file_checked_is_not_replaced_by_the_problems(tmp_path) -> None:
    offers = tmp_path / "offers.csv"
    shutil.copy(OFFERS, offers)
    with pytest.raises(tendereval.UsageError, match="one of this command's inputs"):
        write_problems_json(tendereval.validate(offers), offers)
    assert offers.read_bytes() == OFFERS.read_bytes()


def test_a_tender_built_from_frames_has_no_files_to_protect(scored, tmp_path) -> None:
    tender = tendereval.load_tender(scored.folder)
    frames = {name: getattr(tender, name) for name in ("bids", "prices", "scores", "suppliers")}
    result = tendereval.score(
        tendereval.Tender.from_frames(tender.plan, **frames), sensitivity=False
    )
    write_json(result, tmp_path / "results.json")
    assert (tmp_path / "results.json").is_file()


def test_the_command_refuses_in_the_librarys_words(scored, capsys) -> None:
    from tendereval.cli import main

    target = scored.folder / "tender.toml"
    with pytest.raises(tendereval.UsageError) as refused:
        tendereval.publish(scored, target, ocid_prefix="ocds-abc123")
    with pytest.raises(SystemExit) as exited:
        main(["publish", str(scored.folder), "-o", str(target), "--ocid-prefix", "ocds-abc123"])
    assert exited.value.code == 2
    assert str(refused.value) in " ".join(capsys.readouterr().err.split())
