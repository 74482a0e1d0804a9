"""Red team: the numbers an officer reads, where two totals are equal under the tool's rule but
not in their last binary digits.

Price 94, quality 6 (Q1 on 0-5, 1.2 points a step), lowest price ratio, 1,000 hours a year
for 2 years. By hand: Xavier £2.26 an hour (£4,520, the lowest: 94 points) and Q1 0: 94.
Yew £2.35 (£4,700: 94 × 4,520 / 4,700 = 90.4) and Q1 3 (3.6): 94. Equal totals; the plan's
tie-break (higher quality) puts Yew first. In float64 Yew's total is 93.99999999999999, a
hair under Xavier's 94.0. Found by the red team: the margin to the runner-up was
-0.0000000000000142 (shown "-0.00" in the report, "-0.0 points apart" on the terminal) and the
Ranking sheet's "Rank by total (live)" showed Xavier 1 and Yew 2 (and shaded Xavier's row as
the leader) beside the recommendation of Yew, where the docs promise equal totals shown equal.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.cli import cli
from tendereval.report.excel import write_report
from tests.award.red_team_tenders import PLAN, Bid, tender_folder
from tests.award.test_red_team_agreement import LOTS, bids_strategy, capped_tender

LEVEL_PLAN = PLAN.replace("weight_of_total = 60", "weight_of_total = 94").replace(
    "weight_of_total = 40", "weight_of_total = 6"
)


def level_totals(folder: Path) -> Path:
    return tender_folder(
        folder,
        ["A"],
        [
            Bid("Xavier Care", "A", 2.26, q1=0),
            Bid("Yew Care", "A", 2.35, q1=3),
            Bid("Zed Care", "A", 3.00, q1=1),
        ],
        plan=LEVEL_PLAN,
    )


@pytest.fixture(scope="module")
def level(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tendereval.ScoreResult]:
    folder = level_totals(tmp_path_factory.mktemp("level"))
    return folder, tendereval.score(folder, sensitivity=False)


def test_the_tender_really_has_totals_equal_only_to_four_decimals(level) -> None:
    _, result = level
    totals = dict(result.results.select("supplier", "total").rows())
    assert totals["Xavier Care"] == 94.0
    assert totals["Yew Care"] != 94.0  # the float sum falls short
    assert totals["Yew Care"] == pytest.approx(94.0, abs=1e-12)
    ranks = dict(result.results.select("supplier", "rank").rows())
    assert ranks == {"Yew Care": 1, "Xavier Care": 2, "Zed Care": 3}


def test_the_margin_between_totals_the_tool_calls_equal_is_zero_everywhere(level, tmp_path):
    folder, result = level
    winner = result.results.filter(result.results["rank"] == 1).row(0, named=True)
    assert winner["margin_to_next"] == 0.0
    close = result.flags.filter(result.flags["code"] == "close_call")["message"].to_list()
    # As the margin's cells show it, to 4 places (docs/report.md).
    assert close and all(m.startswith("first and second are 0.0000 points apart") for m in close)

    report = write_report(result, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(report)
    summary = next(r for r in book["Summary"].iter_rows(values_only=True) if r[0] == "A")
    assert summary[2] == "Yew Care" and summary[8] == 0.0
    ranking = {r[1]: r for r in book["Ranking"].iter_rows(values_only=True) if r[0] == "A"}
    assert ranking["Yew Care"][12] == 0.0

    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert "0.0000 points apart" in out.output and "-0" not in out.output


def test_the_live_rank_shows_totals_the_tool_calls_equal_as_equal(level, tmp_path):
    _, result = level
    report = write_report(result, tmp_path / "report.xlsx")
    formulas = openpyxl.load_workbook(report)["Ranking"]
    cached = openpyxl.load_workbook(report, data_only=True)["Ranking"]
    rows = {formulas.cell(row=r, column=2).value: r for r in (5, 6, 7)}
    live = {s: cached[f"K{r}"].value for s, r in rows.items()}
    assert live == {"Yew Care": 1, "Xavier Care": 1, "Zed Care": 3}
    # The formula compares the totals as the tool does: rounded to 4 decimal places.
    assert "ROUND(" in formulas[f"K{rows['Yew Care']}"].value
    assert [cached[f"L{rows[s]}"].value for s in ("Yew Care", "Xavier Care")] == [1, 2]


def decimals_shown(number_format: str) -> int:
    """How many decimal places an Excel number format shows (its digit placeholders after the
    decimal point, in the positive section)."""
    section = number_format.split(";")[0]
    if "." not in section:
        return 0
    return sum(ch in "0#" for ch in section.split(".", 1)[1])


def decimals_typed(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".", 1)[1].rstrip("0")) if "." in text and "e" not in text else 0


def test_unit_rates_and_uplifts_are_shown_as_typed(tmp_path: Path) -> None:
    # Unit rates priced in fractions of a penny (£12.345, £0.001 an hour) and an uplift of
    # 2.75% a year. Found by the red team: the Price build-up showed them as £12.35 (or £12.34),
    # £0.00 beside an item price of £2.00, and 2.8%, so no row could be checked by hand.
    folder = tender_folder(
        tmp_path / "tender",
        ["A"],
        [Bid("Xavier Care", "A", 12.345), Bid("Yew Care", "A", 0.001), Bid("Ash Care", "A", 12.5)],
    )
    prices = folder / "evaluation" / "prices.csv"
    lines = prices.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",2.75%"  # Xavier's uplift
    prices.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    ws = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Price build-up"]
    header = next(r for r in ws.iter_rows() if r[4].value == "Unit rate (£)")[0].row
    rows = [r for r in ws.iter_rows(min_row=header + 1) if r[0].value == "A"]
    rates = {r[1].value: (r[4].value, r[4].number_format) for r in rows}
    uplifts = {r[1].value: (r[5].value, r[5].number_format) for r in rows}
    assert rates["Xavier Care"][0] == 12.345 and rates["Yew Care"][0] == 0.001
    assert uplifts["Xavier Care"][0] == pytest.approx(0.0275)
    for rate, shown in rates.values():
        assert decimals_shown(shown) >= decimals_typed(rate), (rate, shown)
    for uplift, shown in uplifts.values():
        assert shown.endswith("%")
        assert decimals_shown(shown) >= decimals_typed(round(uplift * 100, 9)), (uplift, shown)


def test_whole_numbers_are_shown_without_a_trailing_decimal_point(result, tmp_path) -> None:
    """The format for scores, volumes and weights ('#,##0.####') shows a whole number in
    Excel with a bare decimal point ('3.', '1,000.'): a score of 3 read as '3.' on every
    evaluator's row. A whole number is now shown under '#,##0'; others keep their decimals."""
    book = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    whole = fractional = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    continue
                if cell.number_format == "#,##0.####":
                    assert not float(value).is_integer(), (ws.title, cell.coordinate, value)
                    fractional += 1
                elif cell.number_format == "#,##0":
                    whole += 1
    assert whole and fractional  # both kinds are in the report


def test_a_tender_level_on_total_is_named_level_not_given_a_tipping_point_of_no_change(level):
    """The terminal said "Xavier Care would draw level if the quality weight moved from 6 to
    6.00": Xavier is level now, placed second by the tie-break (found by helper O)."""
    folder, _ = level
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--samples", "200"])
    assert (
        "  Level on total: Xavier Care (placed below by the plan's tie-break); the smallest "
        "change to the weights could put it first." in out.output
    )
    assert "Xavier Care would draw level" not in out.output


def test_the_sensitivity_sheet_names_a_tender_level_on_total_as_level(level, tmp_path) -> None:
    """The sheet gave Xavier Care, level on total and placed second by the tie-break, a
    "weight at which the challenger would win" of 93.99999999999997 (today's 94) and a change
    needed of -2.8e-14, as if it needed a change of nothing to win and yet had not."""
    folder, _ = level
    result = tendereval.score(folder, samples=200)
    assert result.award.lots["A"].level == ("Xavier Care",)
    sheet = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Sensitivity"]
    rows = [r[:6] for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "A"][:4]
    xavier = [r for r in rows if str(r[1]).startswith("Xavier Care")]
    assert [r[2] for r in xavier] == ["Price", "Quality"]
    for row in xavier:
        assert row[1] == (
            "Xavier Care (level on total now, placed below by the plan's tie-break: the "
            "smallest change to the weights could put it first)"
        )
        assert row[4:] == (None, None)  # no weight "to win" that is today's, no change of 0
    # A tender not level keeps its figures (Zed Care can win at no weight: blank).
    assert {r[1] for r in rows} - {xavier[0][1]} == {"Zed Care"}


def test_the_discount_rate_is_shown_as_the_plan_states_it(tmp_path: Path) -> None:
    """A plan discounting at 3.456% a year was described as '3.46%' in the Price sheet."""
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", 12.0), Bid("Yew Care", "A", 13.0)]
    )
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(
            'method = "lowest_price_ratio"',
            'method = "lowest_price_ratio"\nevaluation = "npv"\ndiscount_rate = 0.03456',
        ),
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    ws = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Price"]
    shown = [r[1].value for r in ws.iter_rows() if r[0].value == "Discount rate a year"]
    assert shown == ["3.456%"]


THIRDS_PLAN = PLAN.replace(
    """  [[criteria.questions]]
  id = "Q1"
  title = "Service"
  weight_of_parent = 100
  scale = "five"
""",
    """  [[criteria.questions]]
  id = "Q1"
  title = "Service"
  weight_of_parent = 33.333333
  scale = "five"
  [[criteria.questions]]
  id = "Q2"
  title = "Staff"
  weight_of_parent = 33.333333
  scale = "five"
  [[criteria.questions]]
  id = "Q3"
  title = "Outcomes"
  weight_of_parent = 33.333334
  scale = "five"
""",
)


def test_the_weight_as_stated_in_the_plan_is_shown_as_stated(tmp_path: Path) -> None:
    """Questions weighted 33.333333% of quality were described to bidders as '33.3333% of
    Quality' under 'Weight as stated in the plan' (Python's :g keeps six figures)."""
    folder = tender_folder(
        tmp_path / "tender",
        ["A"],
        [Bid("Xavier Care", "A", 12.0), Bid("Yew Care", "A", 13.0)],
        plan=THIRDS_PLAN,
    )
    written = tendereval.summaries(folder, tmp_path / "summaries")
    ws = openpyxl.load_workbook(written.paths[0])["Award criteria"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Criterion")
    column = header.index("Weight as stated in the plan")
    stated = {r[0]: r[column] for r in ws.iter_rows(values_only=True) if r[0] in ("Q1", "Q3")}
    assert stated == {"Q1": "33.333333% of Quality", "Q3": "33.333334% of Quality"}


def value_tender(folder: Path, price_weight: int = 60) -> Path:
    """Award on value at £300 a quality point: X £20,000 with Q1 1, Y £50,000 with Q1 5."""
    plan = (
        PLAN.replace('method = "lowest_price_ratio"', 'method = "award_on_value"')
        .replace("[[price.items]]", "value_per_point = 300\n\n[[price.items]]", 1)
        .replace("weight_of_total = 60", "weight_of_total = PRICE")
        .replace("weight_of_total = 40", f"weight_of_total = {100 - price_weight}")
        .replace("weight_of_total = PRICE", f"weight_of_total = {price_weight}")
    )
    return tender_folder(
        folder, ["A"], [Bid("X", "A", 10, q1=1), Bid("Y", "A", 25, q1=5)], plan=plan
    )


def price_share(result: tendereval.ScoreResult, supplier: str) -> float:
    row = result.results.filter(result.results["supplier"] == supplier).row(0, named=True)
    return row["price_score"] / result.plan.pillar_weight("price")


def test_the_what_if_does_not_promise_fixed_price_shares_when_they_move_with_the_weights(
    tmp_path: Path,
) -> None:
    """Under award on value the price share uses the quality points, so it moves with the
    quality weight. At price 60, quality 40: X adjusted 20,000 − 300 × 8 = 17,600, Y 50,000 −
    300 × 40 = 38,000, so Y has 17,600 / 38,000 = 46.3% of the price marks; at price 40,
    quality 60: 16,400 / 32,000 = 51.25%. The Ranking sheet told the officer price shares 'do
    not change when a weight changes', so a what-if there gave totals the plan would not."""
    now = tendereval.score(value_tender(tmp_path / "60"), sensitivity=False)
    other = tendereval.score(value_tender(tmp_path / "40", 40), sensitivity=False)
    assert price_share(now, "Y") == pytest.approx(17_600 / 38_000)
    assert price_share(other, "Y") == pytest.approx((20_000 - 300 * 12) / (50_000 - 300 * 60))
    note = openpyxl.load_workbook(write_report(now, tmp_path / "report.xlsx"))["Ranking"]["A2"]
    assert "do not change when a weight changes" not in note.value
    assert "quality and social value points" in note.value and "approximate" in note.value


def test_the_what_if_keeps_its_promise_where_price_shares_are_fixed(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "t", ["A"], [Bid("X", "A", 10), Bid("Y", "A", 25)])
    result = tendereval.score(folder, sensitivity=False)
    note = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Ranking"]["A2"]
    assert "do not change when a weight changes" in note.value


def test_a_lot_awarded_under_the_lot_cap_shows_its_margin_over_the_next_tender(
    tmp_path: Path,
) -> None:
    """X is first in both lots and capped at one: descending value gives X lot A and lot B to
    Z, ranked 2. By hand (price 60, quality 40, 2,000 hours): X £20,000 and Q1 5: 100; Z
    £26,000 and 4: 60 × 20/26 + 32 = 78.1538; Y £28,000 and 2: 60 × 20/28 + 16 = 58.8571.
    The Summary sheet left lot B's margin blank (as for a lot with one bid), hiding how close
    the award to Z is; it now gives Z's lead over the next tender ranked below it, Y: 19.2967.
    Lot A, awarded to the first-ranked X, keeps its margin over the runner-up Y (26)."""
    bids = [
        Bid("X", "A", 10, 5),
        Bid("Y", "A", 12, 3),
        Bid("X", "B", 10, 5),
        Bid("Z", "B", 13, 4),
        Bid("Y", "B", 14, 2),
    ]
    result = tendereval.score(
        capped_tender(tmp_path / "t", ["A", "B"], bids, "descending_value"), sensitivity=False
    )
    assert (result.award.winner("A"), result.award.winner("B")) == ("X", "Z")
    ws = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Summary"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Lot")
    column = header.index("Margin to runner-up (points)")
    margins = {r[0]: r[column] for r in ws.iter_rows(values_only=True) if r[0] in ("A", "B")}
    assert margins["A"] == pytest.approx(100 - (60 * 20 / 24 + 24))
    assert margins["B"] == pytest.approx((60 * 20 / 26 + 32) - (60 * 20 / 28 + 16))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bids=bids_strategy, rule=st.sampled_from([None, "descending_value", "highest_total_score"]))
def test_the_award_margin_is_the_lead_over_the_next_tender_below_the_proposed_one(
    tmp_path_factory: pytest.TempPathFactory, bids: list[Bid], rule: str | None
) -> None:
    """For a lot awarded to the tender ranked first the margin is the ranking's margin to the
    runner-up; for any awarded lot it is never negative and is the proposed tender's lead over
    the best tender ranked at or below it that the lot cap did not pass over, nor would (a
    supplier holding the cap already when a sequential rule takes the lot; None when there is
    none)."""
    root = tmp_path_factory.mktemp("tender")
    folder = (
        tender_folder(root / "t", LOTS, bids)
        if rule is None
        else capped_tender(root / "t", LOTS, bids, rule)
    )
    result = tendereval.score(folder, sensitivity=False)
    results = result.results.filter(pl.col("status") == "ranked")
    for lot, award in result.award.lots.items():
        margin = result.award.margin(result.results, lot)
        if not award.awarded:
            assert margin is None
            continue
        mine = results.filter((pl.col("lot") == lot) & (pl.col("supplier") == award.supplier))
        others = results.filter(
            (pl.col("lot") == lot)
            & (pl.col("supplier") != award.supplier)
            & ~pl.col("supplier").is_in([*award.passed_over, *award.holding_the_cap])
            & (pl.col("rank") >= mine["rank"][0])
        )
        if others.is_empty():
            assert margin is None
            continue
        assert margin >= 0
        assert margin == pytest.approx(mine["total"][0] - others["total"].max(), abs=1e-4)
        if award.basis == "ranked_first" and mine["rank"][0] == 1:
            assert margin == pytest.approx(mine["margin_to_next"][0], abs=1e-9)
