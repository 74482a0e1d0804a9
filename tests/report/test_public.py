"""The public (redacted) report: winners and scores, no other bidder's name or price."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

from tendereval.report.excel import write_report
from tendereval.report.public import public_scores
from tendereval.scoring import score
from tests.scoring.builders import make_plan, tender

from .builders import ALDEBARAN, BETELGEUSE, CAPELLA, DENEB, ERIDANI


@pytest.fixture
def public(result, tmp_path):
    return write_report(result, tmp_path / "public.xlsx", public=True)


def _values(path) -> list[object]:
    wb = openpyxl.load_workbook(path)
    props = wb.properties
    return [
        props.title,
        props.creator,
        props.description,
        props.subject,
        *wb.sheetnames,
        *(c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row),
    ]


def test_losing_bidders_are_neither_named_nor_priced(result, public):
    winners = set(result.results.filter(pl.col("rank") == 1)["supplier"])
    assert winners == {ALDEBARAN, BETELGEUSE}
    losers_prices = result.results.filter(pl.col("rank") != 1)["evaluated_price"].drop_nulls()
    forbidden = {CAPELLA, DENEB, ERIDANI, "Deneb", "Evaluator Ann Quill", "bids/", "scores/"}
    forbidden |= {"Prices ›", "Social value ›", "tender.toml ›"}  # no cell of any bid either
    for value in _values(public):
        if isinstance(value, str):
            assert not [f for f in forbidden if f in value], value
            assert not any(f"{p:,.2f}" in value for p in losers_prices), value
        elif isinstance(value, float):
            assert value not in set(losers_prices), value
    # Aldebaran won L1 and lost L2: its L2 price must not be published either.
    assert 333_333.33 in set(losers_prices)


def test_public_report_shows_winners_scores_and_labelled_bidders(result, public):
    wb = openpyxl.load_workbook(public)
    assert wb.sheetnames == ["Summary", "Scores", "Award criteria"]
    summary = wb["Summary"]
    assert [summary["C5"].value, summary["C6"].value] == [ALDEBARAN, BETELGEUSE]
    assert summary["H5"].value == 412_345.67  # the awarded tender's price
    assert [summary.cell(row=5, column=c).value for c in (9, 10, 11, 12)] == [4, 3, 2, 1]
    # Eridani's file could not be read: in no lot's count, but not left out of the record.
    assert summary["A3"].value == (
        "1 further submission(s) could not be read at all and are not counted in any lot's "
        "bids received."
    )
    scores = wb["Scores"]
    l1 = [
        [scores.cell(row=r, column=c).value for c in (1, 2, 3, 4)]
        for r in range(5, scores.max_row + 1)
        if scores.cell(row=r, column=1).value == "L1"
    ]
    assert l1 == [
        ["L1", ALDEBARAN, "ranked", 1],
        ["L1", "Bidder 2", "ranked", 2],
        ["L1", "Bidder 3", "ranked", 3],
        ["L1", "Bidder 4", "not ranked", None],
    ]
    deneb_total = result.results.filter((pl.col("lot") == "L1") & (pl.col("supplier") == DENEB))[
        "total"
    ].item()
    assert scores["H7"].value == round(deneb_total, 4)  # no hidden digits beyond the 4 shown
    # A losing bid shows no points by criterion: with the winner's published price, its price
    # points would give its price away (£412,345.67 × 40 / points under lowest-price ratio).
    assert [scores.cell(row=7, column=c).value for c in (5, 6, 7)] == [None, None, None]
    assert scores["E5"].value is not None  # the awarded tender's are shown


def test_public_report_lists_the_award_criteria(public):
    ws = openpyxl.load_workbook(public)["Award criteria"]
    rows = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=3).value
        for r in range(5, ws.max_row + 1)
    }
    # Every criterion, as the summaries list them: each pillar and the questions under it.
    assert rows == {
        "price": 40,
        "quality": 40,
        "Q1": 20,
        "Q2": 20,
        "social_value": 20,
        "SV1": 10,
        "SV2": 10,
    }


def test_public_report_lists_a_group_of_questions_with_its_importance(
    nested, tmp_path: Path
) -> None:
    """Found by a red team: the questions' weights read "60% of Delivery with carers" but the
    group itself, with its 24 points, was not listed."""
    ws = openpyxl.load_workbook(write_report(nested, tmp_path / "p.xlsx", public=True))[
        "Award criteria"
    ]
    rows = [r[:5] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    ids = [r[0] for r in rows]
    assert ids[ids.index("quality") :][:4] == ["quality", "Q1", "DEL", "Q2"]
    group = rows[ids.index("DEL")]
    assert group[1:] == (
        "Delivery with carers",
        24,
        "60% of Quality",
        "The sum of its sub-criteria",
    )
    assert rows[ids.index("Q2")][3] == "60% of Delivery with carers"


def test_a_total_level_with_the_withheld_winners_is_left_out() -> None:
    """Price 40 (lowest price ratio), quality 40 (Q1, Q2 at 20), social value 20. B (£12,500,
    quality 5 and 5, social value 3): 32 + 40 + 12 = 84; C (£10,000, quality 5 and 3, social
    value 3): 40 + 32 + 12 = 84, level, and B is placed first by the tie-break (higher
    quality). B's total is withheld (with its published price, 84 − 40 − 12 = 32 price points
    give the lowest price, £12,500 × 32/40 = £10,000): C's total, level with it, must be too."""
    plan = make_plan()
    marks = {("A", "Q1"): 1, ("A", "Q2"): 1, ("A", "SV1"): 1}
    marks |= {("B", "Q1"): 5, ("B", "Q2"): 5, ("C", "Q1"): 5, ("C", "Q2"): 3}
    result = score(
        tender(plan, rates={"A": 10, "B": 12.5, "C": 10}, marks=marks), sensitivity=False
    )
    assert result.award.winner("L1") == "B"
    table = public_scores(result).select("bidder", "rank", "price_score", "total").rows()
    # A: 40 + 8 + 4 = 52, below the winner: shown.
    assert table == [("B", 1, None, None), ("Bidder 2", 2, None, None), ("Bidder 3", 3, None, 52.0)]
