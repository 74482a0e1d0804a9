"""An evaluator answered 'declared' on their Declaration and named no supplier: the only error,
in a score sheet, and no bid invalid (5 ranked, 1 disqualified). Yet ``summaries`` and
``publish`` said "The inputs have 1 error: the bids they affect are invalid until the errors
are put right; a tender the buyer rejects for its own errors is recorded as rejected in
decisions.toml ([[rejection]])", and named no file. The blocker now names the files the errors
are in, and speaks of invalid bids and [[rejection]] only when an error makes a bid invalid
(one in a bid return): recording a rejection cannot settle a score sheet's error.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_with

DECLARED = (
    "The inputs have 1 error in scores/tom-okafor.xlsx: no bid is invalid for it, but putting "
    "it right could change the scores and the award; put it right and score the folder again."
)


def _declared(tmp_path: Path) -> Path:
    """The carers example with Tom Okafor's conflict 'declared' and no supplier named."""
    return example_with(
        tmp_path, "carers-short-breaks", "scores/tom-okafor.xlsx", "Declaration!B8", "declared"
    )


def test_an_error_in_a_score_sheet_is_named_there_and_makes_no_bid_invalid(
    tmp_path: Path,
) -> None:
    folder = _declared(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    award = result.award
    assert result.results.get_column("status").to_list().count("invalid") == 0
    assert award.input_errors == 1 and award.invalidating_errors == 0
    assert award.input_error_files == (("scores/tom-okafor.xlsx", 1),)
    assert award.blockers == [DECLARED]
    runner = CliRunner()
    for argv in (
        ["summaries", str(folder)],
        ["publish", str(folder), "--ocid-prefix", "ocds-abc123"],
    ):
        done = runner.invoke(cli, argv)
        assert done.exit_code == 1, argv
        assert f"  - {DECLARED}" in done.output, argv
        assert "[[rejection]]" not in done.output and "invalid until" not in done.output, argv


def test_errors_in_a_bid_and_a_score_sheet_are_each_said_for_what_they_do(
    tmp_path: Path,
) -> None:
    folder = _declared(tmp_path)
    bid = folder / "bids" / "meridian-care-group-plc.xlsx"
    book = openpyxl.load_workbook(bid)
    book["Prices"]["G5"] = "TBC"
    book.save(bid)
    award = tendereval.score(folder, sensitivity=False).award
    assert (award.input_errors, award.invalidating_errors) == (2, 1)
    assert award.blockers == [
        "The inputs have 2 errors in bids/meridian-care-group-plc.xlsx (1) and "
        "scores/tom-okafor.xlsx (1): 1 of them makes a bid invalid until it is put right, and "
        "the other could change the scores; a tender the buyer rejects for its own errors is "
        "recorded as rejected in decisions.toml ([[rejection]])."
    ]


def test_the_files_are_named_up_to_five_then_counted(tmp_path: Path) -> None:
    award = tendereval.score(_declared(tmp_path), sensitivity=False).award
    files = tuple((f"scores/evaluator-{n}.xlsx", n) for n in range(1, 8))
    many = dataclasses.replace(award, input_errors=28, input_error_files=files)
    assert many.blockers == [
        "The inputs have 28 errors in scores/evaluator-1.xlsx (1), scores/evaluator-2.xlsx (2), "
        "scores/evaluator-3.xlsx (3), scores/evaluator-4.xlsx (4), scores/evaluator-5.xlsx (5) "
        "and 2 other files (13): no bid is invalid for them, but putting them right could "
        "change the scores and the award; put them right and score the folder again."
    ]
