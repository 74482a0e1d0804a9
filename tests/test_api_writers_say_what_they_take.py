"""The documented writers given the wrong thing (red team, the library as a notebook uses it):
a Tender or a folder where a score result belongs, None for a path, a report named .csv.
Before, each failed deep inside with a bare AttributeError or TypeError, or wrote an .xlsx
workbook under a .csv name; docs/python.md promises only tendereval's own errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tendereval.report.allocation_excel import write_allocation_workbook
from tendereval.report.excel import write_report
from tendereval.report.scenarios_excel import write_scenarios_workbook
from tendereval.scoring.output import json_text, render, to_csv, write_json
from tests.example_copies import EXAMPLES, example_copy

CARERS = EXAMPLES / "carers-short-breaks"


@pytest.fixture(scope="module")
def scored() -> tendereval.ScoreResult:
    return tendereval.score(CARERS, sensitivity=False)


@pytest.mark.parametrize(
    ("write", "given", "said"),
    [
        (lambda x, tmp: write_report(x, tmp / "r.xlsx"), "tender", "it was given a Tender"),
        (lambda x, tmp: write_report(x, tmp / "r.xlsx"), "folder", "it was given the text '"),
        (lambda x, tmp: render(x), "folder", "render takes the result of tendereval.score(...)"),
        (lambda x, tmp: json_text(x), "tender", "json_text takes the result of tendereval.score"),
        (lambda x, tmp: write_json(x, tmp / "r.json"), "tender", "write_json takes the result"),
        (lambda x, tmp: to_csv(x, tmp / "r.csv"), "tender", "to_csv takes the result"),
        (
            lambda x, tmp: write_scenarios_workbook(x, tmp / "s.xlsx"),
            None,
            "write_scenarios_workbook takes tendereval.scenarios(...).result; it was given "
            "nothing (None)",
        ),
        (
            lambda x, tmp: write_allocation_workbook(x, tmp / "a.xlsx"),
            "tender",
            "write_allocation_workbook takes tendereval.allocate(...).allocation",
        ),
    ],
)
def test_a_writer_given_the_wrong_thing_says_what_it_takes(
    write, given: str | None, said: str, tmp_path: Path
) -> None:
    value = {"tender": tendereval.load_tender(CARERS), "folder": str(CARERS), None: None}[given]
    with pytest.raises(tendereval.UsageError) as raised:
        write(value, tmp_path)
    assert said in str(raised.value)
    assert not list(tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize("name", ["report.csv", "report.xlsm", "report"])
def test_a_report_is_written_only_under_an_xlsx_name(
    scored: tendereval.ScoreResult, name: str, tmp_path: Path
) -> None:
    with pytest.raises(tendereval.UsageError, match=r"its name must end in \.xlsx"):
        write_report(scored, tmp_path / name)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("path", [None, 5])
def test_a_path_that_is_no_path_is_said_so(scored: tendereval.ScoreResult, path: object) -> None:
    for write in (write_json, to_csv):
        with pytest.raises(tendereval.UsageError, match="path must be a path"):
            write(scored, path)


def test_the_commands_given_a_folder_still_score_it(tmp_path: Path) -> None:
    """summaries and publish score a folder given them: they are not held to a result."""
    written = tendereval.summaries(example_copy(tmp_path), tmp_path / "summaries")
    assert written.ready and len(written.paths) == 5  # (the comparator gets none)


def test_the_result_may_be_given_by_name(scored: tendereval.ScoreResult, tmp_path: Path) -> None:
    """render(result=r), as a notebook's completion writes it, was refused as given "nothing
    (None)" once the writers checked what they are given (review red team)."""
    assert render(result=scored) == render(scored)
    write_json(result=scored, path=tmp_path / "r.json")
    to_csv(result=scored, path=tmp_path / "r.csv")
    write_report(result=scored, path=tmp_path / "r.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv", "r.json", "r.xlsx"]


def test_a_writer_that_scores_what_it_is_given_says_so_where_it_is_written() -> None:
    """Before, the exemption was a list of names: any writer called "summaries" or "publish"
    was let through with a folder, and a new command that scores a folder itself was refused
    until its name was added to the list."""
    from tendereval.scoring.result import one_output

    @one_output
    def summaries(result: object) -> str:
        return "written"

    with pytest.raises(tendereval.UsageError, match="summaries takes the result of"):
        summaries(str(CARERS))

    @one_output(scores_a_source=True)
    def scored_then_written(source: object) -> object:
        return source

    assert scored_then_written(str(CARERS)) == str(CARERS)
