"""An overall quality threshold (``minimum_quality_share``) is stated, in one wording, wherever
the award criteria are described: the assessment summaries, the public report, the bid return's,
score sheet's and matrix's Instructions and the OCDS award notice. Per-question minimums were
listed in each, the overall one only in the notice, rounded to a whole percent (62% for 62.5%);
each question's minimum is worded once too (the templates said "below it the bid is
disqualified", or nothing where a lower score is only flagged, as if it did nothing)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tendereval import templates
from tendereval.io.tender import load_tender
from tendereval.ocds.release import award_criteria
from tendereval.plan import load_plan
from tendereval.report.excel import write_report
from tendereval.report.summaries import write_summaries
from tendereval.report.views import overall_minimum
from tendereval.scoring.combine import score
from tendereval.scoring.common import share_as_percent

from ..example_copies import example_copy

# The carers example's quality pillar: Q1 16 + Q2 14 + Q3 10 = 40 points; 62.5% of 40 = 25.
DISQUALIFIES = (
    "Overall quality minimum: a tender whose quality points are below 62.5% of the 40 quality "
    "points available (25 points) is disqualified."
)


def _with_threshold(tmp_path: Path, share: str, disqualify: str = "true") -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    at = 'missing_declaration = "exclude"\n'
    assert at in text
    plan.write_text(
        text.replace(
            at,
            at + f"minimum_quality_share = {share}\n"
            f"disqualify_below_overall_minimum = {disqualify}\n",
        ),
        encoding="utf-8",
    )
    return folder


def _text(path: Path, sheet: str) -> str:
    rows = openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)
    return "\n".join(str(v) for row in rows for v in row if v is not None)


@pytest.mark.parametrize(
    ("share", "percent"),
    [(0.625, "62.5%"), (0.675, "67.5%"), (0.5, "50%"), (1, "100%"), (0.333333, "33.3333%")],
)
def test_a_share_is_written_as_the_percentage_it_is(share, percent):
    assert share_as_percent(share) == percent


def test_the_threshold_in_words(tmp_path):
    plan, _ = load_plan(_with_threshold(tmp_path, "0.625"))
    assert overall_minimum(plan) == [DISQUALIFIES]
    flagged, _ = load_plan(_with_threshold(tmp_path / "flag", "0.675", "false"))
    # 67.5% of 40 = 27 points.
    assert overall_minimum(flagged) == [
        "Overall quality minimum: a tender whose quality points are below 67.5% of the 40 "
        "quality points available (27 points) is flagged (failing it does not disqualify)."
    ]
    plain, _ = load_plan(example_copy(tmp_path / "plain"))
    assert overall_minimum(plain) == []


@pytest.fixture
def scored(tmp_path):
    return score(load_tender(_with_threshold(tmp_path, "0.625")), sensitivity=False)


def test_every_output_describing_the_criteria_states_it(scored, tmp_path):
    summary = write_summaries(scored, tmp_path / "summaries")[0]
    assert DISQUALIFIES in _text(summary, "Award criteria")
    public = write_report(scored, tmp_path / "public.xlsx", public=True)
    assert DISQUALIFIES in _text(public, "Award criteria")
    bid_return = templates.build_bid_return(scored.plan, tmp_path / "bid-return.xlsx")
    assert DISQUALIFIES in _text(bid_return, "Instructions")
    # The evaluators are held to the threshold too: their score sheet and the matrix say so.
    score_sheet = templates.build_score_sheet(scored.plan, tmp_path / "score-sheet.xlsx")
    assert DISQUALIFIES in _text(score_sheet, "Instructions")
    matrix = templates.build_matrix(scored.plan, tmp_path / "matrix.xlsx")
    assert DISQUALIFIES in _text(matrix, "Instructions")
    assert award_criteria(scored.plan)["description"].endswith(" " + DISQUALIFIES)


def test_the_score_applies_the_threshold_it_states(scored):
    # Brightwater's 23.5 quality points are below 25: the reason quotes the same 62.5%.
    reasons = [r for rs in scored.results["reasons"].to_list() for r in rs]
    assert (
        "the quality score 23.5 of 40 available is below the overall minimum of 62.5% "
        "(25 points); failing it disqualifies"
    ) in reasons


def test_the_notice_does_not_round_the_threshold(tmp_path):
    plan, _ = load_plan(_with_threshold(tmp_path, "0.675"))
    # 67.5% of 40 = 27 points; it was published as 68%.
    assert (
        "below 67.5% of the 40 quality points available (27 points)"
        in (award_criteria(plan)["description"])
    )


def test_each_question_minimum_is_worded_once_everywhere(tmp_path):
    """The carers example's Q1 has a minimum of 2 that disqualifies; with it turned into a flag
    every output must say a lower score is flagged, none that it disqualifies."""
    folder = example_copy(tmp_path)
    plan_file = folder / "tender.toml"
    text = plan_file.read_text(encoding="utf-8")
    assert text.count("disqualify_below_minimum = true") == 1
    for disqualifies, words in ((True, "disqualifies"), (False, "is flagged")):
        flag = "true" if disqualifies else "false"
        plan_file.write_text(
            text.replace("disqualify_below_minimum = true", f"disqualify_below_minimum = {flag}"),
            encoding="utf-8",
        )
        plan, _ = load_plan(folder)
        shown = f"2 (a lower score {words})"
        assert plan.leaf("Q1").minimum_shown == shown
        scored = score(load_tender(folder), sensitivity=False)
        out = tmp_path / words.replace(" ", "-")
        summary = write_summaries(scored, out / "summaries")[0]
        assert f"minimum score {shown}" in _text(summary, "Award criteria")
        bid_return = templates.build_bid_return(plan, out / "bid-return.xlsx")
        assert f"minimum score {shown}" in _text(bid_return, "Instructions")
        for sheet in (
            templates.build_score_sheet(plan, out / "score-sheet.xlsx"),
            templates.build_matrix(plan, out / "matrix.xlsx"),
        ):
            rows = openpyxl.load_workbook(sheet)["Instructions"].iter_rows(values_only=True)
            q1 = next(row for row in rows if row[0] == "Q1")
            assert shown in q1, q1
