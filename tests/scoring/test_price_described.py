"""How price is scored, with the values of the method's settings, in every output a bidder or a
committee reads. Found by the price red team: the assessment summary's "How it was scored", the
public report, the award notice's criteria, the bid-return template and the terminal said only
"P_max = ceiling_price, P_min = floor_price": the £1,800,000 and £1,050,000 were in the Audit
sheet and the JSON alone, so no bidder could check its price score (Procurement Act 2023 s.50,
Procurement Regulations 2024 reg 31: how each criterion was scored).

Price 60, quality 40, linear between set bounds with a ceiling of £1,800,000 and a floor of
£1,050,000; 1,000 hours a year for 2 years. Ash bids £625 an hour: £1,250,000, so (1,800,000 −
1,250,000) / (1,800,000 − 1,050,000) = 0.7333 of 60 price points = 44.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.ocds.release import award_criteria
from tendereval.report.excel import write_report
from tendereval.report.summaries import build_summary
from tendereval.templates import bid_return_workbook
from tests.award.red_team_tenders import PLAN, Bid, tender_folder

BOUNDS = PLAN.replace(
    'method = "lowest_price_ratio"',
    'method = "linear_bounds"\nceiling_price = 1_800_000\nfloor_price = 1_050_000',
)
SETTINGS = "where ceiling_price = £1,800,000 and floor_price = £1,050,000"
OVER_TWO_YEARS = "over 2 contract years"
SAID = (
    "Linear between set bounds: score = W × clip((P_max − P_i) / (P_max − P_min), 0, 1), "
    "P_max = ceiling_price, P_min = floor_price (the lowest bid when floor_price is not "
    f"set), {SETTINGS}. Evaluated price = Σ items (yearly volume × unit rate, uplifted "
    f"each year) {OVER_TWO_YEARS}."
)


@pytest.fixture(scope="module")
def bounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tendereval.ScoreResult]:
    folder = tender_folder(
        tmp_path_factory.mktemp("bounds"),
        ["A"],
        [Bid("Ash Care", "A", 625.0, q1=3), Bid("Birch Care", "A", 700.0, q1=4)],
        plan=BOUNDS,
    )
    return folder, tendereval.score(folder, samples=100)


def _with(plan, **price):
    return dataclasses.replace(plan, price=dataclasses.replace(plan.price, **price))


def test_the_description_gives_each_setting_its_value(bounds):
    from tendereval.scoring.price import describe

    _, result = bounds
    plan = result.plan
    ash = result.results.filter(result.results["supplier"] == "Ash Care").row(0, named=True)
    assert ash["evaluated_price"] == pytest.approx(1_250_000)
    assert ash["price_score"] == pytest.approx(60 * 550_000 / 750_000) == 44
    assert describe(plan) == SAID
    assert (
        "where ceiling_price = £1,800,000 and no floor_price is set (P_min is the lowest bid)."
    ) in describe(_with(plan, floor_price=None))
    # Money to the penny only when it has pence; rates and shares as percentages.
    assert "ceiling_price = £1,800,000.50" in describe(_with(plan, ceiling_price=1_800_000.5))
    deduction = describe(_with(plan, method="linear_deduction", deduction_rate=1.5, floor=0.2))
    assert (
        "where rate = deduction_rate = 150% (each 1% above the lowest price loses 1.5% of the "
        "price marks) and floor = 20% of the price marks (no bid scores less)."
    ) in deduction
    assert "where log_base = 3 (a bid 3 times the lowest price scores 0)." in describe(
        _with(plan, method="logarithmic", log_base=3.0)
    )
    assert "where value_per_point = £5,000 a quality point." in describe(
        _with(plan, method="award_on_value", value_per_point=5000.0)
    )
    assert describe(_with(plan, method="lowest_price_ratio", evaluation="npv")).endswith(
        "Evaluated price = the net present value of the yearly payments over 2 contract "
        "years, discounted at 3.5% a year (the first year's payments at face value)."
    )
    assert "discounted at 3.456% a year" in describe(
        _with(plan, evaluation="npv", discount_rate=0.03456)
    )


def test_every_output_a_bidder_reads_states_the_settings(bounds, tmp_path):
    folder, result = bounds
    said = SAID

    summary = build_summary(result, "Ash Care")
    criteria = {r[0].value: r for r in summary["Award criteria"].iter_rows() if r[0].value}
    assert criteria["price"][5].value == said, "the assessment summary's How it was scored"

    public = openpyxl.load_workbook(write_report(result, tmp_path / "public.xlsx", public=True))
    rows = {r[0].value: r[4].value for r in public["Award criteria"].iter_rows(min_row=5)}
    assert rows["price"] == said

    notice = award_criteria(result.plan)["criteria"][0]
    # (Its id and pillar first, in the words init --from-notice reads back: ocds/own_words.)
    assert notice["type"] == "price" and notice["description"] == f"price: Price criterion. {said}"

    template = bid_return_workbook(result.plan)
    texts = [c.value for row in template["Instructions"].iter_rows() for c in row if c.value]
    assert said in texts, "the bid-return template's instructions"

    report = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    pairs = {r[0].value: r[1].value for r in report["Price"].iter_rows() if r[0].value}
    assert SETTINGS in pairs["Method"] and OVER_TWO_YEARS in pairs["Evaluated price"]
    assert result.settings["price_description"] == said

    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert out.output.splitlines()[1] == (
        f"Weights: price 60, quality 40, social value 0. Price: {said}"
    )
