"""Every Python writer keeps a tender's inputs, not only the score result's writers (red team,
session 40). ``write_scenarios_workbook`` and ``write_allocation_workbook`` asked nothing: a
lot-split workbook written to ``bids/weald-carers-trust.xlsx`` replaced Weald's bid return
(the next run ranked Brightwater first), and an allocation written over the offers workbook it
was made from lost it. Now they ask the rule write_report asks (tendereval/inputs.py), and a
result of a tender built from frames is kept out of any tender's input folders too. Also: a
path that is no path, or ``warnings=None``, is a UsageError or no warnings, never a raw
TypeError from inside os.path."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval.report.allocation_excel import write_allocation_workbook
from tendereval.report.excel import write_report
from tendereval.report.scenarios_excel import write_scenarios_workbook
from tendereval.scoring.output import write_json, write_outputs
from tendereval.validation import write_problems_json
from tests.example_copies import EXAMPLES, example_copy

SCENARIOS = EXAMPLES / "homecare-lot-splits" / "scenarios.toml"
OFFERS = EXAMPLES / "offers" / "homecare-offers.csv"


@pytest.fixture(scope="module")
def tender(tmp_path_factory) -> Path:
    folder = example_copy(tmp_path_factory.mktemp("kept"))
    (folder / "decisions.toml").write_text("# the buyer's recorded decisions\n")
    return folder


@pytest.fixture(scope="module")
def options() -> object:
    return tendereval.scenarios(SCENARIOS, samples=0, steps=1)


@pytest.fixture(scope="module")
def allocated() -> object:
    return tendereval.allocate(OFFERS, max_lots_per_supplier=4)


def _fingerprints(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


WRITERS: dict[str, Callable[[object, object, Path], object]] = {
    "write_scenarios_workbook": lambda options, allocated, path: write_scenarios_workbook(
        options.result, path, options.warnings
    ),
    "write_allocation_workbook": lambda options, allocated, path: write_allocation_workbook(
        allocated.allocation, path
    ),
}
REPLACED = ("bids/weald-carers-trust.xlsx", "scores/tom-okafor.xlsx", "tender.toml")
REPLACED += ("decisions.toml",)
NEW_IN = ("bids/x.xlsx", "scores/late.xlsx", "evaluation/x.xlsx")


@pytest.mark.parametrize(("writer", "name"), [(w, n) for w in WRITERS for n in REPLACED])
def test_no_workbook_writer_replaces_a_tenders_input(
    tender: Path, options, allocated, writer: str, name: str
) -> None:
    target = tender / name
    before = _fingerprints(tender)
    with pytest.raises(tendereval.UsageError) as refused:
        WRITERS[writer](options, allocated, target)
    assert str(refused.value).startswith(
        f"{target} is one of the tender's inputs, and tendereval never overwrites its inputs"
    )
    assert _fingerprints(tender) == before


@pytest.mark.parametrize(("writer", "name"), [(w, n) for w in WRITERS for n in NEW_IN])
def test_no_workbook_writer_adds_a_file_to_a_tenders_input_folders(
    tender: Path, options, allocated, writer: str, name: str
) -> None:
    """A workbook new in bids/ would be read as a bid on the next run."""
    target = tender / name
    before = _fingerprints(tender)
    with pytest.raises(tendereval.UsageError) as refused:
        WRITERS[writer](options, allocated, target)
    folder = name.split("/")[0]
    assert f"is in {folder}/, a folder of the tender's inputs" in str(refused.value)
    assert _fingerprints(tender) == before
    assert not target.exists()


def test_the_allocation_workbook_never_replaces_its_own_offers_file(tmp_path: Path) -> None:
    offers = pl.read_csv(OFFERS)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Offers"
    sheet.append(offers.columns)
    for row in offers.iter_rows():
        sheet.append(list(row))
    path = tmp_path / "offers.xlsx"
    book.save(path)
    before = path.read_bytes()
    done = tendereval.allocate(path, max_lots_per_supplier=4)
    with pytest.raises(tendereval.UsageError) as refused:
        write_allocation_workbook(done.allocation, path)
    assert str(refused.value) == (
        f"{path} is one of the allocation's inputs, and tendereval never overwrites its "
        "inputs: choose another file name"
    )
    assert path.read_bytes() == before
    # Given by another name for the same file, from another current folder: still refused.
    with pytest.raises(tendereval.UsageError):
        write_allocation_workbook(done.allocation, tmp_path / "x" / ".." / "offers.xlsx")
    write_allocation_workbook(done.allocation, tmp_path / "allocation.xlsx")
    assert (tmp_path / "allocation.xlsx").is_file()


def test_a_result_from_frames_is_not_written_into_a_tenders_bids(tender: Path, tmp_path) -> None:
    """It has no folder of its own, but the folder it is written into is a tender's."""
    loaded = tendereval.load_tender(tender)
    frames = {name: getattr(loaded, name) for name in ("bids", "prices", "scores", "suppliers")}
    result = tendereval.score(
        tendereval.Tender.from_frames(loaded.plan, **frames), sensitivity=False
    )
    before = _fingerprints(tender)
    for target in (tender / "bids" / "weald-carers-trust.xlsx", tender / "bids" / "r.json"):
        with pytest.raises(tendereval.UsageError, match="tendereval never"):
            write_json(result, target)
    assert _fingerprints(tender) == before
    write_json(result, tmp_path / "results.json")  # anywhere else, as before
    assert (tmp_path / "results.json").is_file()


@pytest.fixture(scope="module")
def scored() -> tendereval.ScoreResult:
    return tendereval.score(EXAMPLES / "carers-short-breaks", sensitivity=False)


def test_a_path_that_is_no_path_is_a_usage_error_naming_the_argument(
    scored, options, allocated
) -> None:
    """Each raised TypeError ("expected str, bytes or os.PathLike object, not int") from
    inside os.path, naming neither the writer nor its argument."""
    workbook = "path must be the path of the .xlsx workbook to write (got 5)"
    cases = [
        (lambda: write_report(scored, 5), workbook),
        (lambda: write_scenarios_workbook(options.result, 5, options.warnings), workbook),
        (lambda: write_allocation_workbook(allocated.allocation, 5), workbook),
        (lambda: write_outputs(scored, json_path=5), "json_path must be a path"),
        (lambda: write_outputs(scored, csv_path=5, report=False), "csv_path must be a path"),
        (
            lambda: write_problems_json(tendereval.validate(scored.folder), 5),
            "path must be the path of the JSON file to write (got 5)",
        ),
    ]
    for write, said in cases:
        with pytest.raises(tendereval.UsageError) as refused:
            write()
        assert str(refused.value).startswith(said)


def test_problems_json_of_no_report_says_what_it_takes(tmp_path: Path) -> None:
    with pytest.raises(tendereval.UsageError) as refused:
        write_problems_json(None, tmp_path / "problems.json")
    assert str(refused.value) == (
        "write_problems_json takes tendereval.validate(...); it was given nothing (None)"
    )
    assert not list(tmp_path.iterdir())


def test_warnings_none_are_no_warnings_and_text_is_refused(options, tmp_path: Path) -> None:
    none = write_scenarios_workbook(options.result, tmp_path / "none.xlsx", None)
    empty = write_scenarios_workbook(options.result, tmp_path / "empty.xlsx", ())
    assert none.read_bytes() == empty.read_bytes()
    with pytest.raises(tendereval.UsageError) as refused:
        write_scenarios_workbook(options.result, tmp_path / "oops.xlsx", "oops")
    assert str(refused.value) == (
        "warnings must be a list of Problems, such as tendereval.scenarios(...).warnings, or "
        "None (got the text 'oops')"
    )
    assert not (tmp_path / "oops.xlsx").exists()
