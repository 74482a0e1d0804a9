"""A panel sharing stock words as reasons is not one evaluator's sheet sent twice.

Found by the red team (falsealarm, finding 1) on the carers example: with every reason "No
comment" (reasons recorded at moderation), or every reason the scale's descriptor for the score
given, the three evaluators' sheets, with their own names, dates and scores, were called one
judgement copied ("Priya Shah gives the same reasons as Helen Marsh … word for word, on all 24
rows they scored"; "… on 23 of the 24 rows both scored"): an error, the award held and the
summaries refused."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tendereval.cli import cli
from tests.example_copies import example_copy

SHEETS = ("helen-marsh", "priya-shah", "tom-okafor")
DESCRIPTORS = {
    0: "No response or wholly inadequate",
    1: "Poor: major gaps or concerns",
    2: "Weak: some gaps, limited evidence",
    3: "Satisfactory: meets the requirement",
    4: "Good: meets it fully with evidence",
    5: "Excellent: exceeds it with strong evidence",
}


def _rows(folder: Path, name: str) -> tuple[openpyxl.Workbook, list]:
    book = openpyxl.load_workbook(folder / "scores" / f"{name}.xlsx")
    sheet = book["Scores"]
    return book, [row for row in sheet.iter_rows(min_row=5) if row[5].value is not None]


def _save(book: openpyxl.Workbook, folder: Path, name: str) -> None:
    book.save(folder / "scores" / f"{name}.xlsx")


def _no_comment(tmp_path: Path) -> Path:
    folder = example_copy(tmp_path)
    for name in SHEETS:
        book, rows = _rows(folder, name)
        for row in rows:
            row[6].value = "No comment"
        _save(book, folder, name)
    return folder


def _descriptors(tmp_path: Path) -> Path:
    """Each reason the descriptor of its score; Priya Shah's scores made Helen Marsh's on all
    but one of the 24 rows."""
    folder = example_copy(tmp_path)
    _, helen = _rows(folder, "helen-marsh")
    book, priya = _rows(folder, "priya-shah")
    differ = [at for at, row in enumerate(priya) if row[5].value != helen[at][5].value]
    assert len(differ) == 3
    for at in differ[:2]:
        priya[at][5].value = helen[at][5].value
    _save(book, folder, "priya-shah")
    for name in SHEETS:
        book, rows = _rows(folder, name)
        for row in rows:
            row[6].value = DESCRIPTORS[int(row[5].value)]
        _save(book, folder, name)
    return folder


def _run(folder: Path) -> tuple[int, str]:
    run = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "--no-report"])
    return run.exit_code, run.output


def test_a_panel_writing_no_comment_is_three_evaluators_and_the_award_stands(tmp_path):
    code, output = _run(_no_comment(tmp_path))
    assert "gives the same reasons as" not in output
    assert code == 0, output


def test_a_panel_giving_the_descriptors_as_reasons_is_three_evaluators(tmp_path):
    code, output = _run(_descriptors(tmp_path))
    assert "gives the same score and the same reason as" not in output
    assert code == 0, output
