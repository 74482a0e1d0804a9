"""A pillar the plan weights 0: the Ranking sheet holds the share of its marks each bid earned
(found by the red team: it held 0, worked back from the 0 points, so the Price sheet gave a
share the Ranking sheet contradicted, and a what-if typing the weight back gave wrong totals).

Price 0, quality 100 (Q1 on 0-5), lowest price ratio, 1,000 hours a year for 2 years. By hand:
X £10 an hour (the lowest: all the price marks) with Q1 1, Y £20 (10/20 = 50%) with Q1 5,
Z £12 (10/12 = 83.33%) with Q1 3. Scored: Y 100, Z 60, X 20 (quality alone). With price 60
and quality 40: X 60 + 8 = 68, Y 30 + 40 = 70, Z 50 + 24 = 74: Z first.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.report.excel import write_report
from tests.award.red_team_tenders import PLAN, Bid, tender_folder
from tests.example_copies import example_copy
from tests.report.libreoffice import recalculate

BIDS = [Bid("X", "A", 10, q1=1), Bid("Y", "A", 20, q1=5), Bid("Z", "A", 12, q1=3)]
SHARES = {"X": 1.0, "Y": 0.5, "Z": 10 / 12}


def weighted(folder: Path, price: int, plan: str = PLAN) -> Path:
    plan = (
        plan.replace("weight_of_total = 60", "weight_of_total = PRICE")
        .replace("weight_of_total = 40", f"weight_of_total = {100 - price}")
        .replace("weight_of_total = PRICE", f"weight_of_total = {price}")
    )
    return tender_folder(folder, ["A"], BIDS, plan=plan)


@pytest.fixture(scope="module")
def unweighted(tmp_path_factory: pytest.TempPathFactory) -> tendereval.ScoreResult:
    return tendereval.score(weighted(tmp_path_factory.mktemp("zero"), 0))


def ranking_rows(result: tendereval.ScoreResult, path: Path) -> dict[str, tuple]:
    book = openpyxl.load_workbook(write_report(result, path))
    return {
        row[1]: row
        for row in book["Ranking"].iter_rows(min_row=5, values_only=True)
        if row[2] == "ranked"
    }


def test_the_ranking_sheet_holds_the_price_share_the_bid_earned_at_weight_0(
    unweighted, tmp_path
) -> None:
    book = openpyxl.load_workbook(write_report(unweighted, tmp_path / "report.xlsx"))
    price_sheet = {
        row[1]: row[5] for row in book["Price"].iter_rows(min_row=5, max_row=7, values_only=True)
    }
    ranking = {
        row[1]: row[3]
        for row in book["Ranking"].iter_rows(min_row=5, values_only=True)
        if row[2] == "ranked"
    }
    assert ranking == pytest.approx(SHARES)
    assert ranking == price_sheet


def test_the_what_if_with_the_weight_typed_back_gives_the_plan_scored_with_it(
    unweighted, tmp_path
) -> None:
    """The sheet's formula, share × weight summed, at price 60 / quality 40, equals scoring
    the plan with those weights (and the hand figures in the module docstring)."""
    rows = ranking_rows(unweighted, tmp_path / "report.xlsx")
    what_if = {s: row[3] * 60 + row[4] * 40 + (row[5] or 0) * 0 for s, row in rows.items()}
    again = tendereval.score(weighted(tmp_path / "60", 60), sensitivity=False)
    scored = dict(again.results.select("supplier", "total").rows())
    assert what_if == pytest.approx({"X": 68.0, "Y": 70.0, "Z": 74.0})
    assert what_if == pytest.approx(scored)


def test_pillar_shares_give_a_zero_weighted_pillar_its_criteria_fraction(unweighted) -> None:
    shares = {r["supplier"]: r for r in unweighted.pillar_shares().iter_rows(named=True)}
    assert {s: r["price"] for s, r in shares.items()} == pytest.approx(SHARES)
    assert {s: r["quality"] for s, r in shares.items()} == pytest.approx(
        {"X": 0.2, "Y": 1.0, "Z": 0.6}
    )


def test_the_tipping_points_move_a_price_weighted_0(unweighted) -> None:
    """Raising price from 0, quality taking the rest: Z draws level with Y where
    w × 10/12 + (100 − w) × 0.6 = w × 0.5 + (100 − w), w = 40 / (11/15) = 54.545…; X where
    w + (100 − w) × 0.2 = w × 0.5 + (100 − w), w = 80 / 1.3 = 61.538…"""
    tips = {
        r["supplier"]: r
        for r in unweighted.tipping_points.filter(pillar="price").iter_rows(named=True)
    }
    assert {s: r["weight_now"] for s, r in tips.items()} == {"X": 0.0, "Z": 0.0}
    assert tips["Z"]["weight_to_win"] == pytest.approx(40 / (11 / 15))
    assert tips["X"]["weight_to_win"] == pytest.approx(80 / 1.3)


def test_a_zero_weighted_pillar_of_unstated_split_is_blank_and_said(tmp_path) -> None:
    """Quality 0 with two questions weighted of the total (0 each): how the quality marks
    would be shared between them is not stated, so no share is shown, and the note says so."""
    plan = PLAN.replace(
        '  weight_of_parent = 100\n  scale = "five"',
        '  weight_of_total = 0\n  scale = "five"\n  [[criteria.questions]]\n  id = "Q2"\n'
        '  title = "More"\n  weight_of_total = 0\n  scale = "five"',
    )
    folder = weighted(tmp_path / "t", 100, plan)
    scores = folder / "evaluation"
    for path in scores.iterdir():
        text = path.read_text()
        if "Q1" in text:
            lines = text.splitlines()
            extra = [line.replace("Q1", "Q2") for line in lines if "Q1" in line]
            path.write_text("\n".join([*lines, *extra]) + "\n")
    result = tendereval.score(folder, sensitivity=False)
    assert not [p for p in result.problems if p.severity.value == "error"]
    assert result.pillar_shares().get_column("quality").null_count() == 3
    book = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    ranking = book["Ranking"]
    assert [row[4] for row in ranking.iter_rows(min_row=5, values_only=True) if row[1]] == [
        None
    ] * 3
    assert "weights quality 0 and does not say how its marks" in ranking["A2"].value


def test_a_social_value_pillar_weighted_0_keeps_its_commitments_share(tmp_path) -> None:
    """The carers example with social value weighted 0 (quality 60): its shares, commitments
    included (scored relative to the best offer at weight 0 too), are those the example
    earns, so the what-if at the example's weights (price 40, quality 40, social value 20)
    gives the example's own totals."""
    folder = example_copy(tmp_path / "zero")
    plan = (folder / "tender.toml").read_text(encoding="utf-8")
    plan = plan.replace(
        'type = "quality"\nweight_of_total = 40', 'type = "quality"\nweight_of_total = 60', 1
    ).replace(
        'type = "social_value"\nweight_of_total = 20',
        'type = "social_value"\nweight_of_total = 0',
        1,
    )
    (folder / "tender.toml").write_text(plan, encoding="utf-8")
    zero = tendereval.score(folder, sensitivity=False)
    assert zero.plan.pillar_weight("social_value") == 0
    example = tendereval.score(example_copy(tmp_path / "example"), sensitivity=False)
    rows = ranking_rows(zero, tmp_path / "report.xlsx")
    what_if = {s: row[3] * 40 + row[4] * 40 + row[5] * 20 for s, row in rows.items()}
    totals = dict(example.results.filter(status="ranked").select("supplier", "total").rows())
    assert what_if == pytest.approx(totals)
    commitments = example.criteria.filter(kind="commitments").select("supplier", "fraction")
    assert dict(
        zero.criteria.filter(kind="commitments").select("supplier", "fraction").rows()
    ) == pytest.approx(dict(commitments.rows()))


@pytest.mark.libreoffice
def test_libreoffice_recomputes_the_what_if_with_the_weight_typed_back(
    unweighted, tmp_path, lo_profile
) -> None:
    """Price typed back to 60 and quality to 40 in the yellow cells: LibreOffice's totals and
    live ranks are the module docstring's, Z first."""
    report = write_report(unweighted, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(report)
    book["Ranking"]["G3"], book["Ranking"]["H3"] = 60, 40
    book.save(tmp_path / "what-if.xlsx")
    after, _ = recalculate(tmp_path / "what-if.xlsx", tmp_path, lo_profile)
    ws = openpyxl.load_workbook(after, data_only=True)["Ranking"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[2] == "ranked"}
    assert {s: r[9] for s, r in rows.items()} == pytest.approx({"X": 68.0, "Y": 70.0, "Z": 74.0})
    assert {s: r[10] for s, r in rows.items()} == {"Z": 1, "Y": 2, "X": 3}
