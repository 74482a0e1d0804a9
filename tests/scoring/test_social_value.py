"""Social value: commitments × proxy values, both scoring methods, and qualitative questions."""

from __future__ import annotations

import polars as pl
import pytest

from tendereval.io import frames as F
from tendereval.scoring import score

from .builders import make_plan, tender

CRITERIA = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 50

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 30
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"

[[criteria]]
id = "social_value"
type = "social_value"
weight_of_total = 20
  [[criteria.questions]]
  id = "SV1"
  weight_of_parent = 50
  scale = "five"
  [[criteria.questions]]
  id = "SVC"
  kind = "commitments"
  weight_of_parent = 50
"""
LOTS = """
[[lots]]
id = "L1"
name = "North"
volumes = { hours = 1000 }

[[lots]]
id = "L2"
name = "South"
volumes = { hours = 1000 }
"""
PROXIES = F.frame(
    "proxies",
    [
        {"measure": "SV-JOB-LOCAL", "proxy_value": 32_500.0, "version": "illustrative-2026.1"},
        {"measure": "SV-TRAIN", "proxy_value": 18.0, "version": "illustrative-2026.1"},
    ],
)


def commitments(rows: list[tuple[str, str | None, str, float]]) -> pl.DataFrame:
    return F.frame(
        "commitments",
        [
            {
                "supplier": s,
                "lot": lot,
                "measure": m,
                "units": u,
                "source": f"bids/{s}.xlsx",
                "cell": "Social value › C5",
            }
            for s, lot, m, u in rows
        ],
    )


def plan_with(method: str = "relative_to_best"):
    extra = f'[social_value]\nmethod = "{method}"\nproxy_table = "proxies.csv"\n'
    return make_plan(extra, CRITERIA, lots=LOTS)


def test_commitments_times_proxies_relative_to_best_by_hand() -> None:
    plan = plan_with()
    # A: 2 local jobs × £32,500 + 100 training hours × £18 = £65,000 + £1,800 = £66,800.
    # B: 1 local job = £32,500. C: nothing. Best = £66,800:
    # fractions 1, 32,500/66,800 = 0.486527, 0 → × 10 points (50% of 20).
    rows = [
        ("A", "L1", "SV-JOB-LOCAL", 2),
        ("A", "L1", "SV-TRAIN", 100),
        ("B", "L1", "SV-JOB-LOCAL", 1),
    ]
    t = tender(
        plan, rates={"A": 10, "B": 10, "C": 10}, commitments=commitments(rows), proxies=PROXIES
    )
    result = score(t, sensitivity=False)
    got = result.results.sort("supplier")
    assert got.get_column("social_value_amount").to_list() == [66_800.0, 32_500.0, 0.0]
    svc = result.criteria.filter(pl.col("criterion") == "SVC").sort("supplier")
    assert svc.get_column("fraction").to_list() == pytest.approx([1.0, 32_500 / 66_800, 0.0])
    assert svc.get_column("weighted").to_list() == pytest.approx([10.0, 4.865269, 0.0])
    # Both kinds together: SV1 scored 3/5 → 0.6 × 10 = 6 points each, plus commitments.
    assert got.get_column("social_value_score").to_list() == pytest.approx([16.0, 10.865269, 6.0])
    detail = result.social_value.filter(pl.col("supplier") == "A").sort("measure")
    assert detail.get_column("amount").to_list() == [65_000.0, 1_800.0]
    assert set(detail.get_column("proxy_version")) == {"illustrative-2026.1"}
    assert result.settings["proxy_versions"] == ["illustrative-2026.1"]


def test_a_commitment_without_a_lot_applies_to_every_lot_bid() -> None:
    plan = plan_with()
    rates = {("A", "L1"): 10, ("A", "L2"): 10, ("B", "L1"): 10, ("B", "L2"): 10}
    rows = [("A", None, "SV-JOB-LOCAL", 1), ("B", "L2", "SV-JOB-LOCAL", 2)]
    t = tender(plan, rates=rates, commitments=commitments(rows), proxies=PROXIES)
    result = score(t, sensitivity=False)
    amounts = {
        (r["supplier"], r["lot"]): r["social_value_amount"]
        for r in result.results.iter_rows(named=True)
    }
    assert amounts == {
        ("A", "L1"): 32_500.0,
        ("A", "L2"): 32_500.0,
        ("B", "L1"): 0.0,
        ("B", "L2"): 65_000.0,
    }


def test_share_of_price_by_hand() -> None:
    plan = plan_with("share_of_price")  # full marks at 10% of the price
    # Prices: 1,000 hours × £100 = £100,000 each.
    # A: 0.2 FTE → £6,500 → 6.5% of price → 0.065 / 0.1 = 0.65.
    # B: 1 FTE → £32,500 → 32.5% → capped at 1. C: nothing → 0.
    rows = [("A", "L1", "SV-JOB-LOCAL", 0.2), ("B", "L1", "SV-JOB-LOCAL", 1)]
    t = tender(
        plan, rates={"A": 100, "B": 100, "C": 100}, commitments=commitments(rows), proxies=PROXIES
    )
    result = score(t, sensitivity=False)
    svc = result.criteria.filter(pl.col("criterion") == "SVC").sort("supplier")
    assert svc.get_column("fraction").to_list() == pytest.approx([0.65, 1.0, 0.0])


def test_an_unknown_measure_counts_for_nothing_and_is_flagged() -> None:
    plan = plan_with()
    rows = [("A", "L1", "SV-MADE-UP", 5), ("B", "L1", "SV-TRAIN", 10)]
    t = tender(plan, rates={"A": 10, "B": 10}, commitments=commitments(rows), proxies=PROXIES)
    result = score(t, sensitivity=False)
    flag = result.flags.filter(pl.col("code") == "social_value.no_proxy").row(0, named=True)
    assert flag["supplier"] == "A"
    assert "'SV-MADE-UP' is not in the proxy value table" in flag["message"]
    assert flag["where"] == "bids/A.xlsx › Social value › C5"
    assert result.results.sort("supplier").get_column("social_value_amount").to_list() == [
        0.0,
        180.0,
    ]


def test_each_commitment_keeps_its_file_and_cell_in_any_row_order() -> None:
    plan = plan_with()
    rates = {("A", "L1"): 10, ("A", "L2"): 10}
    # The same commitment twice (a repeat the loader warns about) and one for every lot: every
    # line keeps its own cell, and a line for every lot is listed under each lot with its cell.
    rows = [
        {"lot": "L1", "measure": "SV-TRAIN", "units": 100.0, "cell": "Social value › C6"},
        {"lot": "L1", "measure": "SV-TRAIN", "units": 100.0, "cell": "Social value › C5"},
        {"lot": None, "measure": "SV-JOB-LOCAL", "units": 1.0, "cell": "Social value › C7"},
    ]
    frame = F.frame("commitments", [{"supplier": "A", "source": "bids/a.xlsx", **r} for r in rows])
    results = [
        score(tender(plan, rates=rates, commitments=c, proxies=PROXIES), sensitivity=False)
        for c in (frame, frame.reverse())
    ]
    assert results[0].social_value.equals(results[1].social_value)
    got = results[0].social_value.select("lot", "measure", "amount", "source", "cell").rows()
    assert got == [
        ("L1", "SV-JOB-LOCAL", 32_500.0, "bids/a.xlsx", "Social value › C7"),
        ("L1", "SV-TRAIN", 1_800.0, "bids/a.xlsx", "Social value › C5"),
        ("L1", "SV-TRAIN", 1_800.0, "bids/a.xlsx", "Social value › C6"),
        ("L2", "SV-JOB-LOCAL", 32_500.0, "bids/a.xlsx", "Social value › C7"),
    ]


def test_social_value_many_times_the_price_is_flagged() -> None:
    """Weald Carers Trust commits £170,100 of social value against an evaluated price of
    £3,231,866.75. With every commitment's units typed a thousand times too large (a sum of
    money typed as a count), £170,100,000 is 53 times the price: it took every commitments
    mark without a word. It is still scored as given, and flagged."""
    from pathlib import Path

    import tendereval

    carers = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
    tender_ = tendereval.load_tender(carers)
    weald = pl.col("supplier") == "Weald Carers Trust"
    before = tendereval.score(tender_, sensitivity=False)
    assert before.flags.filter(pl.col("code") == "social_value.far_above_price").is_empty()
    tender_.commitments = tender_.commitments.with_columns(
        units=pl.when(weald).then(pl.col("units") * 1000).otherwise("units")
    )
    result = tendereval.score(tender_, sensitivity=False)
    flagged = result.flags.filter(pl.col("code") == "social_value.far_above_price")
    assert flagged.select("supplier", "severity").rows() == [("Weald Carers Trust", "warning")]
    assert flagged.item(0, "message") == (
        "the social value committed, £170,100,000.00, is 53 times the evaluated price "
        "(£3,231,866.75): check the commitments' units (a sum of money typed as a number of "
        "units?)"
    )


# 30,769,230 units x £32,500 = £999,999,975,000: under £1 trillion. One unit more,
# £1,000,000,007,500: more than any public contract is worth. 1E305 units: too large to count.
@pytest.mark.parametrize(
    ("units", "worth"),
    [(30_769_231, "£1,000,000,007,500.00"), (1e305, "a sum too large to count")],
)
def test_a_commitment_worth_more_than_any_contract_is_an_error_at_its_cell(units, worth) -> None:
    """1E305 units committed (a workbook holds it) came to an infinite amount, a social value
    score of infinite over infinite, NaN: ranked first and awarded, with warnings alone."""
    plan = plan_with()
    rows = [("A", "L1", "SV-JOB-LOCAL", units), ("B", "L1", "SV-JOB-LOCAL", 1)]
    t = tender(
        plan, rates={"A": 10, "B": 10, "C": 10}, commitments=commitments(rows), proxies=PROXIES
    )
    result = score(t, sensitivity=False)
    shown = f"{units:,} units" if units < 1e15 else "1e+305 units"
    (error,) = [p for p in result.problems if p.is_error]
    assert (error.code, error.where, error.supplier, error.lot) == (
        "commitments.beyond_any_contract",
        "bids/A.xlsx › Social value › C5",
        "A",
        "L1",
    )
    assert error.found == f"{shown} of SV-JOB-LOCAL at £32,500.00 a unit: {worth}"
    assert error.expected.startswith("the units put right by the supplier (at most 30,769,230 ")
    got = result.results.sort("supplier")
    assert got.get_column("status").to_list() == ["invalid", "ranked", "ranked"]
    (reason,) = got.item(0, "reasons")
    assert reason.startswith("the social value committed at bids/A.xlsx › Social value › C5 (")
    # B's £32,500 is the best of the rest: 3/5 of SV1's 10 points (6) + all 10 commitments
    # points = 16; C committed nothing: 6.
    assert got.get_column("social_value_score").to_list()[1:] == pytest.approx([16.0, 6.0])
    assert result.award.winner("L1") == "B"
    assert [lot for lot, _ in result.award.errors_waited_on()] == ["L1"]


def test_a_commitment_from_a_frame_is_named_by_the_frame_and_row() -> None:
    plan = plan_with()
    frame = F.frame(
        "commitments",
        [
            {"supplier": "B", "lot": "L1", "measure": "SV-TRAIN", "units": 10.0},
            {"supplier": "A", "lot": "L1", "measure": "SV-JOB-LOCAL", "units": 1e305},
        ],
    )
    t = tender(plan, rates={"A": 10, "B": 10}, commitments=frame, proxies=PROXIES)
    (error,) = [p for p in score(t, sensitivity=False).problems if p.is_error]
    assert (error.code, error.where) == (
        "commitments.beyond_any_contract",
        "commitments frame › row 2",
    )


def test_commitments_the_plan_does_not_score_are_not_an_error() -> None:
    """Kept for information only, they set no score, so no bid is invalid for them."""
    questions_only = CRITERIA.replace(
        'id = "SVC"\n  kind = "commitments"', 'id = "SV2"\n  scale = "five"'
    )
    plan = make_plan('[social_value]\nproxy_table = "proxies.csv"\n', questions_only, lots=LOTS)
    rows = [("A", "L1", "SV-JOB-LOCAL", 1e305)]
    t = tender(plan, rates={"A": 10, "B": 10}, commitments=commitments(rows), proxies=PROXIES)
    result = score(t, sensitivity=False)
    assert not [p for p in result.problems if p.is_error]
    assert set(result.results.get_column("status")) == {"ranked"}


def test_a_total_that_is_no_number_is_never_ranked(monkeypatch) -> None:
    """Defence in depth, in the layer that ranks: with the commitments' own check switched
    off, the infinite commitment's social value score is infinite over infinite, NaN. The bid
    is invalid with its reason and an error the award waits on, and the others are scored
    without it (it had taken every commitments point from B)."""
    from tendereval.scoring import social_value

    monkeypatch.setattr(social_value, "MAX_MONEY", float("inf"))
    plan = plan_with()
    rows = [("A", "L1", "SV-JOB-LOCAL", 1e305), ("B", "L1", "SV-JOB-LOCAL", 1)]
    t = tender(
        plan, rates={"A": 10, "B": 10, "C": 10}, commitments=commitments(rows), proxies=PROXIES
    )
    result = score(t, sensitivity=False)
    got = result.results.sort("supplier")
    assert got.get_column("status").to_list() == ["invalid", "ranked", "ranked"]
    assert got.get_column("rank").to_list() == [None, 1, 2]
    assert got.item(0, "total") is None
    # Price 50 each (equal prices); quality 3/5 of 30 = 18; social value 16 for B, 6 for C.
    assert got.get_column("total").to_list()[1:] == pytest.approx([84.0, 74.0])
    (error,) = [p for p in result.problems if p.is_error]
    assert (error.code, error.file, error.supplier, error.lot) == (
        "score.not_a_number",
        "bids/A.xlsx",
        "A",
        "L1",
    )
    assert error.found == "price 50, quality 18, social value NaN, total NaN"
    (reason,) = got.item(0, "reasons")
    assert reason.startswith("its total cannot be worked out (price 50, quality 18, ")
    assert result.award.winner("L1") == "B"
    assert [lot for lot, _ in result.award.errors_waited_on()] == ["L1"]
