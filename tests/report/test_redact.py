"""Evaluators' names never reach a bidder's assessment summary.

Found by a review of the carers example: the moderation panel's reason for Hop Garden's Q1,
"Tom Okafor read the bid as having no urgent-break route", went into Hop Garden's summary."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.report.redact import Redactor


def test_full_names_in_any_case_and_capitalised_surnames_are_replaced() -> None:
    redact = Redactor(["Tom Okafor", "Priya Shah", "Carers' Reference Group panel", "Al Li"])
    assert redact("Tom Okafor read the bid; the panel agreed.") == (
        "An evaluator read the bid; the panel agreed."
    )
    assert redact("as TOM  OKAFOR noted, and Okafor's view") == (
        "as an evaluator noted, and an evaluator's view"
    )
    assert redact("Shah and Okafor differed") == "An evaluator and an evaluator differed"
    # A panel has no surname; short surnames and words inside others are left alone.
    assert (
        redact("the panel found a Lid on Shahid's plan") == "the panel found a Lid on Shahid's plan"
    )
    assert redact("Li said") == "Li said"
    assert redact(None) is None and redact("") == ""
    assert redact.names_in(["Okafor saw", "nothing", None]) == 1


def test_no_summary_of_the_carers_example_names_an_evaluator(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "tender"
    shutil.copytree(Path(__file__).parents[2] / "examples" / "carers-short-breaks", folder)
    result = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    assert "1 explanation named an evaluator" in result.output
    evaluators = ("Tom Okafor", "Okafor", "Priya Shah", "Helen Marsh")
    for path in (tmp_path / "out").glob("*.xlsx"):
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, str):
                        assert not any(name in value for name in evaluators), (path.name, value)
