"""A terse evaluator's score sheet sent twice is one judgement, however short the reasons.

Found by the red team (review 36, finding 4) on the carers example: Tom Okafor's sheet resent
as "T. Okafor", identical on all 24 rows, each reason three words of its own ("Thin rota
plan"). No reason was "distinctive" (each under four words, so stock), so nothing was said and
Tom counted twice in every mean: without moderation Weald Carers Trust's total 75.6227 became
75.7477 and Brightwater's 74.2145 became 73.7478, and the summaries "may be sent". The same
sheet with four-word reasons was an error."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tendereval.cli import cli
from tests.example_copies import example_copy

ADJECTIVES = ["Thin", "Clear", "Weak", "Strong", "Vague", "Detailed", "Limited", "Good"]
NOUNS = ["rota", "staffing", "outcomes", "booking", "training", "feedback", "audit"]


def _sent_twice(tmp_path: Path) -> Path:
    """The carers example with Tom Okafor's reasons three words each, every one different,
    and his sheet saved again as scores/t-okafor.xlsx, "T. Okafor" on its Declaration."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / "scores" / "tom-okafor.xlsx")
    rows = [row for row in book["Scores"].iter_rows(min_row=5) if row[5].value is not None]
    assert len(rows) == 24
    for n, row in enumerate(rows):
        row[6].value = f"{ADJECTIVES[n % 8]} {NOUNS[n // 8]} {['plan', 'evidence'][n % 2]}"
    book.save(folder / "scores" / "tom-okafor.xlsx")
    book["Declaration"]["B4"] = "T. Okafor"
    book.save(folder / "scores" / "t-okafor.xlsx")
    return folder


def test_a_terse_evaluator_s_sheet_sent_twice_is_an_error_and_the_award_waits(tmp_path):
    run = CliRunner().invoke(
        cli, ["score", str(_sent_twice(tmp_path)), "--no-sensitivity", "--no-report"]
    )
    assert run.exit_code == 1, run.output
    assert (
        "Tom Okafor gives the same reasons as T. Okafor (scores/t-okafor.xlsx), word for word, "
        "on all 24 rows they scored" in run.output
    )
    assert "the assessment summaries may be sent" not in run.output
