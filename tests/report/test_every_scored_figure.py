"""Every figure scoring gave a bid is in the full report: the points its social value
commitments earned, and a disqualified bid's points and total.

Found by a red team: in the carers example Weald's commitments (SV2) are worth £170,100 and
earn 5.9795 points, but neither figure was in any cell: the Social value sheet had a points
row for SV1 only, so a committee could not trace Weald's 13.98 social value points. And
Stour Valley's total of 51.0850 (disqualified) was on the terminal, the JSON and the public
report, but its Ranking row was blank.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval.report import styles
from tendereval.report.excel import write_report
from tests.example_copies import example_copy, in_house_as_public_body

from .checks import sheet_table

WEALD, STOUR = "Weald Carers Trust", "Stour Valley Homecare Ltd"
BEST = 284_470  # Brightwater's commitments, the highest in the lot (relative to best)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[tendereval.ScoreResult, Path]:
    tmp = tmp_path_factory.mktemp("report")
    result = tendereval.score(example_copy(tmp), sensitivity=False)
    return result, write_report(result, tmp / "report.xlsx")


def test_each_bid_has_a_row_for_its_commitments_with_their_value_and_points(report) -> None:
    result, path = report
    book = openpyxl.load_workbook(path)
    ws = book["Social value"]
    rows = sheet_table(ws, "Lot", "Supplier", "Question")
    weald = [r for r in rows if r["Supplier"] == WEALD]
    assert [r["Question"] for r in weald] == ["SV1", "SV2"]
    sv1, sv2 = weald
    # The £ value is the sum of Weald's commitment lines on the same sheet.
    lines = sheet_table(book["Social value commitments"], "Lot", "Supplier", "Measure")
    assert sum(r["Amount (£)"] for r in lines if r["Supplier"] == WEALD) == 170_100
    assert sv2["Score used"] == 170_100
    # Relative to best: 10 points × £170,100 ÷ £284,470 = 5.979541…
    assert sv2["Weighted points"] == pytest.approx(10 * 170_100 / BEST, abs=1e-9)
    assert round(sv2["Weighted points"], 4) == 5.9795
    assert sv2["Evaluators' scores"] == (
        "not scored by evaluators: social value commitments worth £170,100.00 (proxy "
        "values), scored relative to best"
    )
    assert sv2["Basis"] == "commitments (£)" and sv2["Discrepancy"] is None
    # SV1 (0–5) 4 ÷ 5 × 10 = 8 points; with SV2's, Weald's social value points (Ranking).
    assert sv1["Weighted points"] == pytest.approx(8.0)
    [ranked] = [
        r for r in sheet_table(book["Ranking"], "Lot", "Supplier") if r["Supplier"] == WEALD
    ]
    assert sv1["Weighted points"] + sv2["Weighted points"] == pytest.approx(
        result.results.filter(supplier=WEALD)["social_value_score"].item(), abs=1e-12
    )
    # The £ value is shown as money, not as a bare number.
    row = next(c.row for c in ws["C"] if c.value == "SV2" and ws.cell(c.row, 2).value == WEALD)
    assert ws.cell(row, 12).number_format == styles.MONEY
    assert ws.cell(row - 1, 12).number_format != styles.MONEY  # SV1's score used: a score
    assert ranked["Status"] == "ranked"
    # Every bid has its SV2 row, Brightwater's with all 10 points.
    assert {r["Supplier"]: r["Weighted points"] for r in rows if r["Question"] == "SV2"}[
        "Brightwater Care Services Ltd"
    ] == 10


def test_a_disqualified_bids_points_and_total_are_on_the_ranking_sheet(report) -> None:
    result, path = report
    ws = openpyxl.load_workbook(path, data_only=True)["Ranking"]
    [stour] = [r for r in sheet_table(ws, "Lot", "Supplier") if r["Supplier"] == STOUR]
    assert stour["Status"] == "disqualified"
    # Quality 15.6; social value SV1 4 of 5 × 10 = 4 + SV2 10 × £74,000 ÷ £284,470 = 2.601329.
    assert stour["Quality (points)"] == pytest.approx(15.6)
    assert stour["Social value (points)"] == pytest.approx(4 + 10 * 74_000 / BEST, abs=1e-9)
    scored = result.results.filter(pl.col("supplier") == STOUR).row(0, named=True)
    # (As stored in the file: 16 significant figures, as XlsxWriter writes every number.)
    assert stour["Price (points)"] == pytest.approx(scored["price_score"], rel=1e-15)
    assert stour["Total (points)"] == pytest.approx(scored["total"], rel=1e-15)
    assert round(stour["Total (points)"], 4) == 51.0850
    assert stour["Rank by total (live)"] == stour["Rank (plan tie-break)"] == "not ranked"
    assert "takes no part in the ranking" in ws["A2"].value


def test_a_sheet_with_no_disqualified_bid_says_nothing_of_one(tmp_path: Path) -> None:
    # (The in-house team a public body: as the comparator it is never ranked.)
    folder = in_house_as_public_body(example_copy(tmp_path))
    result = tendereval.score(folder, sensitivity=False)
    assert result.results.filter(pl.col("status") != "ranked").height == 1  # Stour Valley only
    # Without the minimum on Q1 that disqualifies it, every bid is ranked.
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "disqualify_below_minimum = true", "disqualify_below_minimum = false"
        ),
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert result.results.filter(pl.col("status") != "ranked").is_empty()
    ws = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Ranking"]
    assert "not ranked" not in ws["A2"].value
