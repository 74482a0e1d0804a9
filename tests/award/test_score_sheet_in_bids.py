"""An evaluator's score sheet saved in bids/ is no tender.

Found by the red team on the carers example with scores/tom-okafor.xlsx moved into bids/: the
file was named for what it is ("this is an evaluator's score sheet … move it there"), yet it
was also counted as a sixth bid, invalid, and the line under the award called it
"Tom-okafor's tender", to be put right or recorded as rejected in decisions.toml
([[rejection]]). Following that advice released the award ("the assessment summaries may be
sent") with Tom Okafor's scores never read: the consensus checks changed, the comparator's
total moved from 62.7238 to 62.2571, and the award notice counted 6 bids, 2 disqualified.

Now the file is no bid received: not in the results, not among the notice's bids; its one
error (move it to scores/) holds the award until it is moved, and a rejection naming it is an
error of its own that holds the award too, never a tender set aside.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.ocds.bids import statistics
from tests.example_copies import EXAMPLES, example_copy

SHEET = "bids/tom-okafor.xlsx"
REJECTED = (
    '[[rejection]]\nsupplier = "bids/tom-okafor.xlsx"\n'
    'reason = "Not a tender: an evaluator score sheet"\n'
)


def _sheet_in_bids(tmp_path: Path, decisions: str = "") -> Path:
    folder = example_copy(tmp_path)
    shutil.move(folder / "scores" / "tom-okafor.xlsx", folder / SHEET)
    if decisions:
        (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    return folder


def _bid_counts(result: tendereval.ScoreResult) -> dict[str, int]:
    wanted = ("bids", "disqualifiedBids")
    return {s["measure"]: s["value"] for s in statistics(result) if s["measure"] in wanted}


def test_the_sheet_is_no_bid_and_holds_the_award_until_it_is_moved(tmp_path: Path) -> None:
    result = tendereval.score(_sheet_in_bids(tmp_path), sensitivity=False)
    assert result.results.filter(pl.col("source") == SHEET).is_empty()
    assert not [s for s in result.results["supplier"].to_list() if "okafor" in s.lower()]
    # Five tenders (the in-house team's return is none), one disqualified (Stour Valley,
    # below the minimum on Q1): as the example counts them with the sheet in scores/.
    as_sent = tendereval.score(EXAMPLES / "carers-short-breaks", sensitivity=False)
    assert _bid_counts(result) == {"bids": 5, "disqualifiedBids": 1} == _bid_counts(as_sent)
    award = result.award
    assert award.winner("CSB") == "Weald Carers Trust"
    assert award.not_put_right == ()  # no tender waits on the sheet: it is none
    assert award.blockers == [
        "The inputs have 1 error in bids/tom-okafor.xlsx: no bid is invalid for it, but "
        "putting it right could change the scores and the award; put it right and score the "
        "folder again."
    ]
    [error] = [p for p in result.problems if p.is_error]
    assert (error.file, error.code, error.supplier) == (SHEET, "file.wrong_folder", None)
    assert error.expected == "score sheets in scores/: move it there"


def test_score_names_no_tender_after_the_sheet_nor_offers_a_rejection(tmp_path: Path) -> None:
    folder = _sheet_in_bids(tmp_path)
    done = CliRunner().invoke(cli, ["score", str(folder), "-o", str(tmp_path / "r.xlsx")])
    assert done.exit_code == 1, done.output
    assert "5 bids (4 ranked, 1 disqualified) and the in-house comparator" in done.output
    assert "Tom-okafor" not in done.output and "tom-okafor  " not in done.output
    assert "[[rejection]]" not in done.output
    assert "the award is not to be made yet" in done.output


def test_a_rejection_naming_the_sheet_is_an_error_and_releases_nothing(tmp_path: Path) -> None:
    folder = _sheet_in_bids(tmp_path, REJECTED)
    result = tendereval.score(folder, sensitivity=False)
    [record] = [p for p in result.problems if p.file == "decisions.toml"]
    assert record.code == "decisions.rejection_not_a_bid"
    assert record.cell == "rejection[0].supplier"
    assert record.message == (
        "the rejection names bids/tom-okafor.xlsx, which is an evaluator's score sheet saved "
        "in bids/, not a tender: there is no tender to reject, so it was not applied"
    )
    assert result.decisions.rejections == ()  # nothing set aside by it
    award = result.award
    assert award.blockers and award.award_blockers
    assert any("no tender to reject" in line for line in award.blockers)
    assert _bid_counts(result) == {"bids": 5, "disqualifiedBids": 1}
    # Said once, by validate as by the award: not also as a file missing from bids/.
    report = tendereval.validate(folder)
    assert [p.code for p in report.problems if p.file == "decisions.toml"] == [
        "decisions.rejection_not_a_bid"
    ]
    assert report.bid_files == 6  # the five tenders and the in-house team's return


@pytest.mark.parametrize("command", ["summaries", "publish"])
def test_summaries_and_publish_stay_held_with_the_rejection(tmp_path: Path, command: str) -> None:
    folder = _sheet_in_bids(tmp_path, REJECTED)
    out = tmp_path / "award.json"
    argv = [command, str(folder)]
    if command == "publish":
        argv += ["--ocid-prefix", "ocds-abc123", "-o", str(out)]
    done = CliRunner().invoke(cli, argv)
    assert done.exit_code == 1, done.output
    assert "may be sent" not in done.output
    assert "no tender to reject" in done.output
    assert not out.exists()


def test_a_withdrawal_naming_the_sheet_is_an_error_too(tmp_path: Path) -> None:
    withdrawn = f'[[withdrawal]]\nsupplier = "{SHEET}"\nwithdrawn_on = 2026-03-01\n'
    result = tendereval.score(_sheet_in_bids(tmp_path, withdrawn), sensitivity=False)
    [record] = [p for p in result.problems if p.file == "decisions.toml"]
    assert record.code == "decisions.withdrawal_not_a_bid"
    assert "there is no tender to withdraw" in record.message
    assert result.award.blockers
