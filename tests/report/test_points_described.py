"""What the report and summaries say of each criterion's points: the Quality sheet gives each
sub-criterion that groups questions its sub-total (Procurement Regulations 2024 reg 31: a
score for each sub-criterion, with sub-totals), as the assessment summaries and the JSON do,
read from the one frame scoring made; a question of weight 0 says it carries no points."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tendereval.report.excel import write_report
from tendereval.report.views import scale_text
from tests.scoring.builders import CRITERIA_40_40_20, make_plan

WEALD = "Weald Carers Trust"
HEADING = "Sub-totals of the sub-criteria that group questions"


def _block(sheet) -> list[tuple]:
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == HEADING
    assert rows[3][:6] == (
        "Lot",
        "Supplier",
        "Sub-criterion",
        "Title",
        "Points available",
        "Points",
    )
    block = []
    for row in rows[4:]:
        if row[0] is None:
            break
        block.append(row[:6])
    return block


def test_the_quality_sheet_gives_each_bid_its_sub_criterion_sub_total(
    nested, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(write_report(nested, tmp_path / "report.xlsx"))
    block = _block(book["Sub-totals"])  # a sheet of its own, its header kept in view
    bids = nested.results.filter(lot="CSB")
    assert len(block) == bids.height  # one row for each bid in the lot, DEL its only group
    weald = next(row for row in block if row[1] == WEALD)
    # Weald: Q2 4 of 5 × 14.4 = 11.52 and Q3 5 of 5 × 9.6 = 9.6 (60% and 40% of DEL's 24).
    assert weald[:5] == ("CSB", WEALD, "DEL", "Delivery with carers", 24)
    assert weald[5] == pytest.approx(11.52 + 9.6)
    frame = nested.sub_totals.select("lot", "supplier", "criterion", "weighted").rows()
    assert [(r[0], r[1], r[2], r[5]) for r in block] == frame
    # Social value has no group of questions, so no sub-total of its own.
    assert {row[2] for row in block} == {"DEL"}


def test_a_plan_without_groups_of_questions_has_no_sub_total_block(result, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    assert "Sub-totals" not in book.sheetnames
    assert HEADING not in [row[0] for row in book["Quality"].iter_rows(values_only=True)]


def test_a_question_of_weight_0_says_it_carries_no_points() -> None:
    """Found by a red team: a weight-0 question was described to bidders with the sentence on
    how a score becomes points ("5 earns them all"), of points it did not have."""
    plan = make_plan(
        criteria=CRITERIA_40_40_20.replace(
            "weight_of_parent = 50", "weight_of_parent = 100", 1
        ).replace("weight_of_parent = 50", "weight_of_parent = 0", 1)
    )
    (kept, nothing) = plan.questions("quality")
    assert nothing.effective_weight == 0 and kept.effective_weight == 40
    assert scale_text(plan, nothing.id).endswith(
        ". It carries no points (weight 0), so its score does not change the total"
    )
    assert "earns them all" not in scale_text(plan, nothing.id)
    assert scale_text(plan, kept.id).endswith("and 5 earns them all.")
