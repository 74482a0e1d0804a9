"""Combination: statuses, conservation, ties, close calls, abnormally low, reported-only SME."""

from __future__ import annotations

import polars as pl
import pytest

import tendereval
from tendereval.errors import Problem, Severity
from tendereval.io import frames as F
from tendereval.scoring import score
from tendereval.scoring.output import to_json

from .builders import make_plan, tender


def row(result, supplier: str, lot: str = "L1") -> dict:
    return result.results.filter((pl.col("supplier") == supplier) & (pl.col("lot") == lot)).row(
        0, named=True
    )


TWO_LOTS = """
[[lots]]
id = "L1"
name = "North"
volumes = { hours = 1000 }

[[lots]]
id = "L2"
name = "South"
volumes = { hours = 1000 }
"""


def test_input_errors_make_bids_invalid_with_the_problem_text() -> None:
    plan = make_plan(lots=TWO_LOTS)
    rates = {
        ("A", "L1"): 10,
        ("A", "L2"): 10,
        ("B", "L1"): 11,
        ("B", "L2"): 11,
        ("C", "L1"): 12,
        ("C", "L2"): 12,
    }
    problems = [
        Problem(
            "the unit rate is not a number",
            file="bids/b.xlsx",
            sheet="Prices",
            cell="D7",
            found="'ten'",
            supplier="b",
            lot="L2",
        ),  # the key matches "B"
        Problem(
            "no organisation name",
            file="bids/c.xlsx",
            sheet="Organisation",
            cell="B4",
            supplier="C",
        ),  # lot None: all of C's lots
        Problem(
            "macro-enabled workbook", file="bids/a.xlsx", severity=Severity.WARNING, supplier="A"
        ),
    ]
    result = score(tender(plan, rates=rates, problems=problems), sensitivity=False)
    assert row(result, "A")["status"] == "ranked"  # a warning does not invalidate
    assert row(result, "B", "L1")["status"] == "ranked"
    b2 = row(result, "B", "L2")
    assert b2["status"] == "invalid" and b2["rank"] is None and b2["total"] is None
    assert b2["reasons"] == [
        "the unit rate is not a number (found 'ten') (bids/b.xlsx › Prices › D7)"
    ]
    assert {row(result, "C", lot)["status"] for lot in ("L1", "L2")} == {"invalid"}
    assert result.problems == problems


def test_every_bid_row_ends_in_exactly_one_state() -> None:
    plan = make_plan()
    t = tender(plan, rates={"A": 10, "B": 11, "C": 12})
    bids = pl.concat(
        [
            t.bids,
            F.frame(
                "bids",
                [
                    {"supplier": None, "lot": None, "source": "bids/broken.xlsx"},
                    {"supplier": "D", "lot": "L9", "source": "bids/d.xlsx"},
                    {"supplier": "A", "lot": "L1", "source": "bids/A-resubmitted.xlsx"},
                ],
            ),
        ]
    )
    problems = [Problem("the file is not a workbook", file="bids/broken.xlsx")]
    result = score(
        tender(plan, rates={"A": 10, "B": 11, "C": 12}, bids=bids, problems=problems),
        sensitivity=False,
    )
    assert result.results.height == bids.height
    assert sorted(result.results.get_column("source")) == sorted(bids.get_column("source"))
    states = dict(result.results.select("source", "status").iter_rows())
    assert states == {
        "bids/A.xlsx": "invalid",
        "bids/A-resubmitted.xlsx": "invalid",
        "bids/B.xlsx": "ranked",
        "bids/C.xlsx": "ranked",
        "bids/broken.xlsx": "invalid",
        "bids/d.xlsx": "invalid",
    }
    reasons = dict(result.results.select("source", "reasons").iter_rows())
    # The plan has one lot: the file no lot could be read from is a bid for it, invalid.
    assert reasons["bids/broken.xlsx"] == [
        "nothing could be read from the bid file to assess; the plan has one lot, so it is a "
        "bid for lot L1 that could not be assessed",
        "the file is not a workbook (bids/broken.xlsx)",
    ]
    # A bids frame's row that cannot be placed is an error too, naming the frame's row (it
    # holds the award back, as a bid return's error does).
    assert reasons["bids/d.xlsx"] == [
        "lot 'L9' is not one of the plan's lots (L1)",
        "D: a bid for a lot that is not in the plan (the bids frame's lot column), so it is in "
        "no lot (found L9); expected L1 (bids frame › row 5)",
    ]
    assert reasons["bids/A.xlsx"] == [
        "more than one bid from this supplier for this lot "
        "(files: bids/A-resubmitted.xlsx, bids/A.xlsx)",
        "a second row for A's bid for lot L1 (the first is row 1); neither is evaluated until "
        "one is left out (found A); expected one row of the bids frame for each supplier and "
        "lot (bids frame › row 6)",
    ]
    # B is now the winner at 11: 40 price points.
    assert row(result, "B")["rank"] == 1 and row(result, "B")["price_score"] == 40.0


def test_tie_broken_by_the_plans_rule_then_unbroken() -> None:
    plan = make_plan()  # tie-break: quality, then price
    # A: price 10 → 40; quality Q1 3, Q2 3 → 24; SV 3 → 12: total 76.
    # B: price 12.5 → 32; Q1 5, Q2 5 → 40; SV 1 → 4: total 76. Equal totals; B has more quality.
    # C: identical to A in every respect → unbroken tie with A.
    marks = {("B", "Q1"): 5, ("B", "Q2"): 5, ("B", "SV1"): 1}
    result = score(
        tender(plan, rates={"A": 10, "B": 12.5, "C": 10}, marks=marks), sensitivity=False
    )
    assert [row(result, s)["total"] for s in "ABC"] == pytest.approx([76.0, 76.0, 76.0])
    assert [row(result, s)["rank"] for s in "ABC"] == [2, 1, 2]
    assert row(result, "B")["flags"] == ["close_call", "tie.broken"]
    assert "tie.unbroken" in row(result, "A")["flags"]
    message = result.flags.filter(pl.col("code") == "tie.unbroken").item(0, "message")
    assert (
        "tie not broken by the plan's rule (higher quality score then lower evaluated price)"
        in message
    )

    by_price = make_plan('[ranking]\ntie_break = ["price"]\n')
    result = score(tender(by_price, rates={"A": 10, "B": 12.5}, marks=marks), sensitivity=False)
    assert (row(result, "A")["rank"], row(result, "B")["rank"]) == (1, 2)


def test_close_call_and_margin() -> None:
    plan = make_plan("[ranking]\nclose_call_margin = 2.0\n")
    # A: 40 + 24 + 12 = 76. B: 40 × 10/10.5 = 38.095 + 24 + 12 = 74.095 → margin 1.905 < 2.
    result = score(tender(plan, rates={"A": 10, "B": 10.5, "C": 20}), sensitivity=False)
    # The margin is the one the ranking compares, totals to 4 decimal places:
    # 76.0000 - 74.0952 = 1.9048 (no longer the unrounded 1.90476...).
    assert row(result, "A")["margin_to_next"] == pytest.approx(1.9048, abs=1e-12)
    assert row(result, "B")["margin_to_next"] is None
    close = result.flags.filter(pl.col("code") == "close_call")
    assert sorted(close.get_column("supplier")) == ["A", "B"]
    assert "within the close-call margin of 2" in close.item(0, "message")
    wide = score(tender(plan, rates={"A": 10, "B": 12, "C": 20}), sensitivity=False)
    assert wide.flags.filter(pl.col("code") == "close_call").height == 0


def test_abnormally_low_flags_and_never_excludes() -> None:
    lots = '[[lots]]\nid = "L1"\nname = "Lot one"\ntrue_cost = 9500\nvolumes = { hours = 1000 }\n'
    plan = make_plan(lots=lots)
    # Prices (1,000 hours): 7,000, 10,000, 11,000, 12,000. Median (10,000 + 11,000)/2 = 10,500;
    # 80% of it = 8,400: A (7,000) is flagged. True cost 9,500: A is below it too, B is not.
    result = score(tender(plan, rates={"A": 7, "B": 10, "C": 11, "D": 12}), sensitivity=False)
    a = row(result, "A")
    assert a["status"] == "ranked" and a["rank"] == 1
    assert a["flags"] == ["abnormally_low.median", "abnormally_low.true_cost"]
    messages = result.flags.filter(pl.col("supplier") == "A").get_column("message").to_list()
    assert messages[0].startswith(
        "evaluated price £7,000.00 is below £8,400.00, 80% of the median compliant price "
        "(£10,500.00)"
    )
    assert "in-house true cost of £9,500.00" in messages[1]
    assert row(result, "B")["flags"] == []


def test_abnormally_low_threshold_is_not_rounded_to_the_penny() -> None:
    plan = make_plan(volume=1)
    # One hour each: £8,000.03, £10,000.04, £12,000.00. Median £10,000.04; 80% of it is
    # £8,000.032 exactly, and £8,000.03 is below it (the threshold was once rounded to
    # £8,000.03, and A was not flagged). The message shows the threshold to its last digit.
    result = score(tender(plan, rates={"A": 8000.03, "B": 10000.04, "C": 12000}), sensitivity=False)
    assert row(result, "A")["flags"] == ["abnormally_low.median"]
    message = result.flags.filter(pl.col("supplier") == "A").item(0, "message")
    assert message.startswith(
        "evaluated price £8,000.03 is below £8,000.032, 80% of the median compliant price "
        "(£10,000.04)"
    )
    # Four bids: the median is £10,000.005, half-way between the middle two; 80% of it is
    # £8,000.004, and a bid of £8,000.00 is below it.
    rates = {"A": 8000, "B": 10000, "C": 10000.01, "D": 12000}
    even = score(tender(plan, rates=rates), sensitivity=False)
    assert row(even, "A")["flags"] == ["abnormally_low.median"]
    assert "below £8,000.004, 80% of the median compliant price (£10,000.005)" in (
        even.flags.filter(pl.col("code") == "abnormally_low.median").item(0, "message")
    )
    # At the threshold exactly is not below it: 80% of £10,000.00 is £8,000.00.
    level = score(tender(plan, rates={"A": 8000, "B": 10000, "C": 12000}), sensitivity=False)
    assert row(level, "A")["flags"] == []


def test_abnormally_low_threshold_is_shown_to_the_penny_unless_that_reads_as_the_price() -> None:
    # A share typed with many decimals: 12.3456789% of a median of £10,000.00 is
    # £1,234.56789. The message showed all of it ("below £1,234.56789"); it shows the money
    # to the penny, £1,234.57, as every amount is shown. A at £1,000.00 is below it.
    plan = make_plan("[abnormally_low]\nshare_of_median = 0.123456789\n", volume=1)
    rates = {"A": 1000, "B": 10000, "C": 12000}
    result = score(tender(plan, rates=rates), sensitivity=False)
    message = result.flags.filter(pl.col("supplier") == "A").item(0, "message")
    assert message.startswith(
        "evaluated price £1,000.00 is below £1,234.57, 12.3457% of the median compliant "
        "price (£10,000.00)"
    )
    # 12.34561% of £10,000.00 is £1,234.561: £1,234.56 is below it by a tenth of a penny,
    # and still caught (the comparison is exact). To the penny the threshold would read
    # £1,234.56, the price itself: the message shows the third place that tells them apart.
    plan = make_plan("[abnormally_low]\nshare_of_median = 0.1234561\n", volume=1)
    rates = {"A": 1234.56, "B": 10000, "C": 12000}
    close = score(tender(plan, rates=rates), sensitivity=False)
    assert row(close, "A")["flags"] == ["abnormally_low.median"]
    assert (
        close.flags.filter(pl.col("supplier") == "A")
        .item(0, "message")
        .startswith("evaluated price £1,234.56 is below £1,234.561, ")
    )


def test_true_cost_is_set_against_the_whole_life_price_under_npv() -> None:
    lots = '[[lots]]\nid = "L1"\nname = "Lot one"\ntrue_cost = 30000\nvolumes = { hours = 1000 }\n'
    npv = '[price]\nevaluation = "npv"\ndiscount_rate = 0.035\n'
    plan = make_plan(npv, years=3, lots=lots)
    # The true cost is the in-house cost of the whole 3-year contract, undiscounted. A at
    # £10.00 an hour pays 1,000 × £10.00 × 3 = £30,000.00: at the true cost, not below it,
    # though its NPV is 10,000 × (1 + 1/1.035 + 1/1.035²) = £28,996.94. D at £9.99 pays
    # £29,970.00 (NPV 9,990 × 2.8996942752 = £28,967.95): below it.
    rates = {"A": 10, "B": 10.5, "C": 11, "D": 9.99}
    result = score(tender(plan, rates=rates), sensitivity=False)
    assert row(result, "A")["evaluated_price"] == pytest.approx(28996.94, abs=1e-9)
    assert "abnormally_low.true_cost" not in row(result, "A")["flags"]
    flagged = result.flags.filter(pl.col("code") == "abnormally_low.true_cost")
    assert flagged.get_column("supplier").to_list() == ["D"]
    assert flagged.item(0, "message").startswith(
        "whole-life price £29,970.00 (undiscounted; the evaluated price, its NPV, is "
        "£28,967.95) is below the in-house true cost of £30,000.00: ask the supplier"
    )


def test_sme_and_vcse_are_reported_and_never_scored() -> None:
    plan = make_plan()
    suppliers = F.frame(
        "suppliers",
        [
            {"supplier": "A", "sme": True, "vcse": False},
            {"supplier": "B", "sme": False, "vcse": True},
            {"supplier": "C", "sme": None, "vcse": None},
        ],
    )
    flipped = suppliers.with_columns(sme=~pl.col("sme"), vcse=~pl.col("vcse"))
    rates = {"A": 10, "B": 11, "C": 12}
    one = score(tender(plan, rates=rates, suppliers=suppliers), sensitivity=False)
    two = score(tender(plan, rates=rates, suppliers=flipped), sensitivity=False)
    assert row(one, "A")["sme"] is True and row(one, "B")["vcse"] is True
    assert row(two, "A")["sme"] is False
    scored = [c for c in one.results.columns if c not in ("sme", "vcse")]
    assert one.results.select(scored).equals(two.results.select(scored))
    assert one.criteria.equals(two.criteria)


def test_score_accepts_a_tender_through_the_package() -> None:
    plan = make_plan()
    result = tendereval.score(tender(plan, rates={"A": 10, "B": 11}), samples=50, seed=3)
    assert result.settings["samples"] == 50 and result.settings["seed"] == 3
    assert result.win_probability.get_column("samples").to_list() == [50, 50]


# Price 40, quality 60: Q1 30 points, and a group G of 30 holding Q2 (18) and a group H of 12
# holding Q3 (7.2) and SV1 (4.8).
NESTED = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 60
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 50
  scale = "five"
  [[criteria.questions]]
  id = "G"
  weight_of_parent = 50
    [[criteria.questions.questions]]
    id = "Q2"
    weight_of_parent = 60
    scale = "five"
    [[criteria.questions.questions]]
    id = "H"
    weight_of_parent = 40
      [[criteria.questions.questions.questions]]
      id = "Q3"
      weight_of_parent = 60
      scale = "five"
      [[criteria.questions.questions.questions]]
      id = "SV1"
      weight_of_parent = 40
      scale = "five"
"""


def test_each_sub_criterion_grouping_others_has_its_sub_total() -> None:
    """Reg 31 asks for a score for each criterion and sub-criterion, with sub-totals: a group
    of questions inside quality had none (only its questions and the pillar had one)."""
    plan = make_plan(criteria=NESTED)
    assert [c.id for c in plan.sub_totalled()] == ["G", "H"]  # quality's is the pillar's
    marks = {("A", "Q2"): 5.0, ("A", "Q3"): 4.0, ("A", "SV1"): 2.0, ("B", "Q3"): None}
    result = score(tender(plan, rates={"A": 10, "B": 11}, marks=marks), sensitivity=False)
    # A: H = 4/5 × 7.2 + 2/5 × 4.8 = 5.76 + 1.92 = 7.68; G = 5/5 × 18 + 7.68 = 25.68.
    # B has no usable score for Q3, so it is invalid and has no points anywhere.
    found = result.sub_totals.select("supplier", "criterion", "effective_weight", "weighted")
    assert found.rows() == [
        ("A", "G", 30.0, pytest.approx(25.68)),
        ("A", "H", 12.0, pytest.approx(7.68)),
        ("B", "G", 30.0, None),
        ("B", "H", 12.0, None),
    ]
    a = row(result, "A")
    assert a["quality_score"] == pytest.approx(3 / 5 * 30 + 25.68)
    # The JSON gives each bid its sub-totals beside its criteria, as scoring made them.
    ranking = to_json(result)["lots"][0]["ranking"]
    shown = {
        r["supplier"]: [(t["criterion"], t["weighted"]) for t in r["sub_totals"]] for r in ranking
    }
    assert shown == {
        "A": [
            ("G", result.sub_totals.item(0, "weighted")),
            ("H", result.sub_totals.item(1, "weighted")),
        ],
        "B": [("G", None), ("H", None)],
    }
    assert ranking[0]["sub_totals"][0] == {
        "criterion": "G",
        "pillar": "quality",
        "effective_weight": 30.0,
        "weighted": pytest.approx(25.68),
    }


def test_two_top_level_criteria_of_one_pillar_each_have_a_sub_total() -> None:
    criteria = NESTED.replace(
        'id = "quality"\ntype = "quality"\nweight_of_total = 60\n  [[criteria.questions]]\n'
        '  id = "Q1"\n  weight_of_parent = 50\n  scale = "five"\n',
        'id = "service"\ntype = "quality"\nweight_of_total = 30\n  [[criteria.questions]]\n'
        '  id = "Q1"\n  weight_of_parent = 100\n  scale = "five"\n\n[[criteria]]\nid = "quality"'
        '\ntype = "quality"\nweight_of_total = 30\n',
    ).replace('  id = "G"\n  weight_of_parent = 50', '  id = "G"\n  weight_of_parent = 100')
    plan = make_plan(criteria=criteria)
    assert [c.id for c in plan.sub_totalled()] == ["service", "quality", "G", "H"]
