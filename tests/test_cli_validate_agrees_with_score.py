"""validate and score say the same of an error at an evaluator's score the panel's consensus
replaces (scoring/quality.replaced_by_consensus, the one rule for both).

Found by a red team: Helen Marsh typed 3.5 for Brightwater's Q2 (a whole-number scale) where
moderation.xlsx records the panel's consensus of 4. score gave a warning naming the consensus
and exited 0 (the award not held); validate, which does not score, gave the same cell as an
error and exited 1. An officer told by one command that the folder is ready and by the other
that it is not cannot rely on either."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tendereval.cli import cli
from tests.example_copies import example_copy

HELEN = "scores/helen-marsh.xlsx"
PANEL = "scores/carers-reference-group-panel.xlsx"
MODERATION = "scores/moderation.xlsx"

# (workbook, sheet, cells changed, the score cell in error, its severity in both commands)
CASES = {
    # Helen's Brightwater Q2; the panel's consensus of 4 (D14) replaces it.
    "replaced by the consensus": (HELEN, "Scores", {"F14": 3.5}, "F14", "warning"),
    "a date typed as a score, replaced": (
        HELEN,
        "Scores",
        {"F14": dt.datetime(2026, 5, 3)},
        "F14",
        "warning",
    ),
    # Weald's Q3: the consensus takes the officers' part beside the carers' panel's share.
    "an officer's beside a group share": (HELEN, "Scores", {"F7": 4.5}, "F7", "warning"),
    # The carers' panel keeps its own share of Weald's Q3: no consensus replaces its score.
    "a group's own share": (PANEL, "Scores", {"F6": 4.5}, "F6", "error"),
}


def _set(folder: Path, workbook: str, sheet: str, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(folder / workbook)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(folder / workbook)


def _both(folder: Path, tmp_path: Path) -> dict[str, tuple[int, list[dict]]]:
    """{command: (exit code, problems written to --json)} for validate and score."""
    said = {}
    for command, extra in (("validate", []), ("score", ["--no-report", "--no-sensitivity"])):
        out = tmp_path / f"{command}.json"
        run = CliRunner().invoke(cli, [command, str(folder), "--json", str(out), *extra])
        assert run.exception is None or isinstance(run.exception, SystemExit), run.output
        said[command] = (run.exit_code, json.loads(out.read_text(encoding="utf-8"))["problems"])
    return said


def _at(problems: list[dict], workbook: str, cell: str) -> list[tuple[str, str, str]]:
    return [
        (p["code"], p["severity"], p["message"])
        for p in problems
        if p["file"] == workbook and p["cell"] == cell
    ]


@pytest.mark.parametrize("case", CASES)
def test_validate_and_score_give_the_same_severity_and_exit(tmp_path: Path, case: str) -> None:
    workbook, sheet, cells, cell, severity = CASES[case]
    folder = example_copy(tmp_path)
    _set(folder, workbook, sheet, cells)
    said = _both(folder, tmp_path)
    (validated,) = _at(said["validate"][1], workbook, cell)
    (scored,) = _at(said["score"][1], workbook, cell)
    assert validated == scored
    assert validated[1] == severity
    # The example's only problem: both exit 0 on a warning, both 1 on an error.
    expected_exit = 0 if severity == "warning" else 1
    assert said["validate"][0] == said["score"][0] == expected_exit


def test_validate_names_the_consensus_as_score_does(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    _set(folder, HELEN, "Scores", {"F14": 3.5})
    exit_code, problems = _both(folder, tmp_path)["validate"]
    ((code, severity, message),) = _at(problems, HELEN, "F14")
    assert (exit_code, code, severity) == (0, "score.out_of_scale", "warning")
    assert message.endswith(
        "the panel's consensus of 4 for Brightwater Care Services Ltd's Q2 "
        "(scores/moderation.xlsx › Moderation › D14) replaces the evaluators' scores there, so "
        "putting it right cannot change the scores or the award"
    )


@pytest.mark.parametrize(
    "consensus",
    [
        pytest.param({"D14": None, "E14": None, "F14": None}, id="none recorded"),
        pytest.param({"D14": 7}, id="outside the scale, not used"),
    ],
)
def test_with_no_consensus_used_both_give_the_error(tmp_path: Path, consensus: dict) -> None:
    folder = example_copy(tmp_path)
    _set(folder, HELEN, "Scores", {"F14": 3.5})
    _set(folder, MODERATION, "Moderation", consensus)
    said = _both(folder, tmp_path)
    validated = _at(said["validate"][1], HELEN, "F14")
    assert validated == _at(said["score"][1], HELEN, "F14")
    assert [severity for _, severity, _ in validated] == ["error"]
    assert "consensus" not in validated[0][2]
    assert said["validate"][0] == said["score"][0] == 1
