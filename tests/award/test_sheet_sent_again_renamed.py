"""A revised score sheet sent beside the first under another spelling of the evaluator's name
holds the award: one evaluator's judgement would count twice in every mean.

Found filling in the carers example as people do: Tom Okafor sent a revised sheet (one score
and its reason changed, Brightwater's Q1 from 4 to 2) with his name typed "T. Okafor", and the
first stayed in scores/. Nothing was said: validate and score exited 0, and Brightwater's Q1
was the mean of five scores from four evaluators, Tom's twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tendereval.cli import cli
from tests.example_copies import example_copy

HELD = (
    "  ! The award is not to be made yet: the inputs have 1 error not yet put right (putting "
    "it right could change the award)."
)


def _revised_as_t_okafor(tmp_path: Path) -> Path:
    folder = example_copy(tmp_path)
    scores = folder / "scores"
    shutil.copy(scores / "tom-okafor.xlsx", scores / "tom-okafor-revised.xlsx")
    book = openpyxl.load_workbook(scores / "tom-okafor-revised.xlsx")
    book["Declaration"]["B4"] = "T. Okafor"
    sheet = book["Scores"]
    assert (sheet["A13"].value, sheet["C13"].value) == ("Brightwater Care Services Ltd", "Q1")
    sheet["F13"] = 2
    sheet["G13"] = "On re-reading: no urgent-break route is described, only office-hours booking."
    book.save(scores / "tom-okafor-revised.xlsx")
    return folder


def test_validate_and_score_say_so_and_the_award_waits(tmp_path):
    folder = _revised_as_t_okafor(tmp_path)
    checked = CliRunner().invoke(cli, ["validate", str(folder)])
    assert checked.exit_code == 1
    assert (
        "  Scores: error: Tom Okafor gives the same score and the same reason as T. Okafor "
        "(scores/tom-okafor-revised.xlsx) on 23 of the 24 rows both scored"
    ) in checked.output
    assert "scores/tom-okafor.xlsx and scores/tom-okafor-revised.xlsx" in checked.output
    run = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "--no-report"])
    assert run.exit_code == 1
    lines = run.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  Proposed award:"))
    assert lines[at + 1] == HELD
    assert CliRunner().invoke(cli, ["summaries", str(folder)]).exit_code == 1
