"""Assessment summaries for many suppliers: each piece of the result is read once for all of
them, the officer sees them being written, and the terminal names ten suppliers, not a
thousand.

Found by running `tendereval summaries` on the loading benchmark's 1,000 bids: 70 s with
nothing on the terminal, then one line naming all 1,000 suppliers. Each summary filtered every
bid, criterion and supplier again and read the award about a hundred times, each read checking
the results against those the award was made from. Now 11 s, showing its progress."""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest.mock import patch

import polars as pl

import tendereval
from tendereval.api.summaries import NAMES_SHOWN, SummariesResult
from tendereval.report.summaries import write_summaries
from tendereval.scoring.result import ScoreResult

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_award_and_each_lot_are_read_once_for_every_summary(tmp_path: Path) -> None:
    result = tendereval.score(EXAMPLES / "homecare-districts", sensitivity=False)
    suppliers = result.results.get_column("supplier").drop_nulls().n_unique()
    lots = len(result.lot_ids())
    assert suppliers >= 20 and lots >= 10  # enough that a read per bid would show
    result.award  # noqa: B018  (made before counting: writing reads it, never makes it)
    checks, orders = [], []
    check, order = ScoreResult._award_made_from_these, ScoreResult.results_by_lot

    def counted_check(self: ScoreResult) -> bool:
        checks.append(1)
        return check(self)

    def counted_order(self: ScoreResult) -> dict[str, pl.DataFrame]:
        orders.append(1)
        return order(self)

    def one_lot(self: ScoreResult, lot: str) -> pl.DataFrame:
        raise AssertionError("every lot's bids are put in order at once")

    with (
        patch.object(ScoreResult, "_award_made_from_these", counted_check),
        patch.object(ScoreResult, "results_by_lot", counted_order),
        patch.object(ScoreResult, "lot_results", one_lot),
    ):
        paths = write_summaries(result, tmp_path / "summaries")
    assert len(paths) == suppliers
    # Before: about a hundred award reads for each supplier, and a lot's bids put in order
    # for each bid in it.
    assert len(checks) <= 1
    assert len(orders) == 1


def test_the_officer_is_told_how_many_summaries_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    lines: list[str] = []
    done = tendereval.summaries(folder, tmp_path / "out", steps=lines.append)
    assert len(done.paths) == 5  # (none for the in-house comparator)
    assert lines[0] == f"Scoring the bids in {folder}…"
    assert lines[1] == "Writing 5 assessment summaries…"
    assert lines[-1].startswith("  5 of 5 written (")


def test_ten_suppliers_whose_bids_could_not_be_assessed_are_named_then_counted(
    tmp_path: Path,
) -> None:
    # A real award, from a copy (summaries notes in the tender's reports/ where it wrote them).
    tender = shutil.copytree(
        EXAMPLES / "carers-short-breaks",
        tmp_path / "tender",
        ignore=shutil.ignore_patterns("reports"),
    )
    done = tendereval.summaries(tender, tmp_path / "out")
    names = [f"Supplier {i:04d} Ltd" for i in range(1000)]
    many = SummariesResult(
        outdir=Path("out"), paths=[], award=done.award, redacted=0, not_assessed=names
    )
    (line,) = [line for line in many.lines() if line.startswith("These suppliers")]
    assert line.endswith(f"Supplier {NAMES_SHOWN - 1:04d} Ltd and 990 more")
    assert "Supplier 0010 Ltd" not in line
