"""Rank reversal measures the award decision, made again without the tender withdrawn.

Found by a red team: the check measured the tender ranked first, not the award. Under a lot
cap that passed lot B over Xeno (first) to Zinc (second), a withdrawal that would hand B to
Yew was reported as "winner changed: no", with Xeno named as B's winner; and a withdrawal that
would leave two tenders tied (which the award calls undecided) named whichever tied supplier
sorts first as the winner. Totals below are worked by hand: price points = weight × lowest
price ÷ price; quality points = weight × score ÷ 5.
"""

from __future__ import annotations

import polars as pl

from tendereval.scoring.combine import score

from ..scoring.builders import make_plan, tender
from .test_cap_rules import PRICE_AND_QUALITY, cap, lots


def reversals(result) -> dict[tuple[str, str], dict]:
    return {(r["lot"], r["removed"]): r for r in result.rank_reversal.iter_rows(named=True)}


def flags(result, code: str) -> list[tuple[str, str, str]]:
    found = result.flags.filter(pl.col("code") == code)
    return found.select("lot", "supplier", "message").rows()


# Price 50, quality 50 (Q1 out of 5), a cap of one lot, lots taken in descending value.
# Lot A (lowest £10): Xeno 50 + 50 = 100; Zinc 41.67 + 50 = 91.67. Xeno takes A (worth more).
# Lot B (lowest £5, Cheap): Xeno 41.67 + 50 = 91.67; Zinc 31.25 + 50 = 81.25;
# Yew 40.32 + 40 = 80.32; Cheap 50 + 20 = 70. Xeno holds its one lot, so B goes to Zinc.
# Without Cheap (lowest £6): Xeno 100; Yew 48.39 + 40 = 88.39; Zinc 37.50 + 50 = 87.50:
# B passes over Xeno to Yew.
CAPPED_RATES = {
    ("Xeno", "A"): 10.0,
    ("Zinc", "A"): 12.0,
    ("Cheap", "B"): 5.0,
    ("Xeno", "B"): 6.0,
    ("Zinc", "B"): 8.0,
    ("Yew", "B"): 6.2,
}
CAPPED_MARKS = {("Xeno", "Q1"): 5, ("Zinc", "Q1"): 5, ("Yew", "Q1"): 4, ("Cheap", "Q1"): 2}


def test_a_withdrawal_that_changes_the_award_under_the_lot_cap_is_a_reversal() -> None:
    # Lot C has no bid: the award made again reads how its bids fared (no crash for it).
    plan = make_plan(
        cap(1, "descending_value"),
        PRICE_AND_QUALITY,
        lots=lots({"A": 100_000, "B": 50_000, "C": 10_000}),
    )
    result = score(tender(plan, rates=CAPPED_RATES, marks=CAPPED_MARKS), samples=100)
    assert (result.award.winner("A"), result.award.winner("B")) == ("Xeno", "Zinc")
    found = reversals(result)
    assert set(found) == {("A", "Zinc"), ("B", "Cheap"), ("B", "Xeno"), ("B", "Yew")}
    cheap = found[("B", "Cheap")]
    assert (cheap["winner_before"], cheap["winner_after"]) == ("Zinc", "Yew")
    assert cheap["outcome_after"] == "awarded" and cheap["changed"]
    # Xeno, passed over, is never named as B's winner.
    assert {r["winner_before"] for (lot, _), r in found.items() if lot == "B"} == {"Zinc"}
    assert not found[("B", "Xeno")]["changed"] and not found[("B", "Yew")]["changed"]
    assert flags(result, "rank_reversal") == [
        (
            "B",
            "Zinc",
            "if Cheap withdrew, the winner would change from Zinc to Yew (the price or social "
            "value formula compares bids with each other)",
        )
    ]
    zinc = result.results.filter((pl.col("lot") == "B") & (pl.col("supplier") == "Zinc"))
    assert "rank_reversal" in zinc.item(0, "flags")

    # The award itself, with Cheap's tender gone, says the same.
    without = {bid: rate for bid, rate in CAPPED_RATES.items() if bid != ("Cheap", "B")}
    after = score(tender(plan, rates=without, marks=CAPPED_MARKS), sensitivity=False)
    assert after.award.winner("B") == "Yew"


# Price 40, quality 40 (Q1, Q2 at 20), social value 20 (SV1 3 of 5 for all: 12 points);
# the plan breaks a tie on total by the higher social value score alone.
# With Cedar (lowest £8): Ash 32 + 24 + 12 = 68; Beech 25.6 + 32 + 12 = 69.6; Cedar 40 + 16
# + 12 = 68. Beech is proposed.
# Without Cedar (lowest £10): Ash 40 + 24 + 12 = 76; Beech 32 + 32 + 12 = 76, level on total
# and on social value: the lot would be undecided.
TIED_RATES = {"Ash": 10.0, "Beech": 12.5, "Cedar": 8.0}
TIED_MARKS = {
    (supplier, question): mark
    for supplier, mark in (("Ash", 3), ("Beech", 4), ("Cedar", 2))
    for question in ("Q1", "Q2")
}


def test_a_withdrawal_that_would_leave_an_unbroken_tie_leaves_the_lot_undecided() -> None:
    plan = make_plan('\n[ranking]\ntie_break = ["social_value"]\n')
    for first in ("Ash", "Zed"):  # the name of a tied tender decides nothing
        rates = {first if s == "Ash" else s: rate for s, rate in TIED_RATES.items()}
        marks = {(first if s == "Ash" else s, q): m for (s, q), m in TIED_MARKS.items()}
        result = score(tender(plan, rates=rates, marks=marks), samples=100)
        assert result.award.winner("L1") == "Beech"
        cedar = reversals(result)[("L1", "Cedar")]
        assert (cedar["winner_before"], cedar["winner_after"]) == ("Beech", None)
        assert cedar["outcome_after"] == "undecided" and cedar["changed"], first
        level = " and ".join(sorted([first, "Beech"]))
        assert flags(result, "rank_reversal") == [
            (
                "L1",
                "Beech",
                "if Cedar withdrew, the lot would be undecided instead of going to Beech: "
                f"{level} would be level and the plan's rules would not settle it (the price "
                "or social value formula compares bids with each other)",
            )
        ]
        # The award itself, with Cedar's tender gone, says the same.
        del rates["Cedar"]
        after = score(tender(plan, rates=rates, marks=marks), sensitivity=False)
        assert after.award.lots["L1"].outcome == "undecided"


# Price 50, quality 50, a cap of one lot, the lots going to the combination with the lowest
# total price. Lot A (lowest £6, W): X 25 + 50 = 75; R 21.43 + 50 = 71.43; W 50 + 0 = 50.
# Lot B (lowest £10, X): X 50 + 50 = 100; V 47.62 + 40 = 87.62. X may win one lot: A to X and
# B to V costs £12,000 + £10,500 = £22,500; B to X and A to R, £10,000 + £14,000 = £24,000
# (A may go to W only if R, ranked above it, holds the cap: it holds none). So A goes to X.
# Without R: B to X and A to W costs £10,000 + £6,000 = £16,000, so A goes to W. R sets no
# reference (W has the lowest price), so nobody's score moves: the cap alone changes it.
COMBINED_RATES = {
    ("X", "A"): 12.0,
    ("R", "A"): 14.0,
    ("W", "A"): 6.0,
    ("X", "B"): 10.0,
    ("V", "B"): 10.5,
}
COMBINED_MARKS = {("X", "Q1"): 5, ("R", "Q1"): 5, ("W", "Q1"): 0, ("V", "Q1"): 4}


def test_under_a_combination_rule_any_withdrawal_can_change_the_award() -> None:
    plan = make_plan(
        cap(1, "lowest_total_cost"), PRICE_AND_QUALITY, lots=lots({"A": 100_000, "B": 50_000})
    )
    result = score(tender(plan, rates=COMBINED_RATES, marks=COMBINED_MARKS), samples=0)
    assert (result.award.winner("A"), result.award.winner("B")) == ("X", "V")
    found = reversals(result)
    r = found[("A", "R")]
    assert (r["winner_before"], r["winner_after"], r["changed"]) == ("X", "W", True)
    assert not found[("A", "W")]["changed"] and not found[("B", "X")]["changed"]
    assert flags(result, "rank_reversal") == [
        (
            "A",
            "X",
            "if R withdrew, the winner would change from X to W (the published lot-cap "
            "mechanism would then give the lots differently)",
        )
    ]
    without = {bid: rate for bid, rate in COMBINED_RATES.items() if bid != ("R", "A")}
    after = score(tender(plan, rates=without, marks=COMBINED_MARKS), sensitivity=False)
    assert (after.award.winner("A"), after.award.winner("B")) == ("W", "X")


def test_deciding_the_award_again_for_many_withdrawals_is_said(monkeypatch) -> None:
    """Each withdrawal under a binding combination rule finds the cap's combination again: a
    lot cap of 1 over 12 lots and 25 bidders took nine seconds with nothing on the screen."""
    from tendereval.award import reversal

    monkeypatch.setattr(reversal, "DECIDED_AGAIN_SHOWN_FROM", 1)
    plan = make_plan(
        cap(1, "lowest_total_cost"), PRICE_AND_QUALITY, lots=lots({"A": 100_000, "B": 50_000})
    )
    lines: list[str] = []
    score(
        tender(plan, rates=COMBINED_RATES, marks=COMBINED_MARKS), samples=0, progress=lines.append
    )
    # A: R and W besides X; B: X besides V (each lot's own winner is not withdrawn).
    assert (
        "Checking whether any of 3 withdrawals would change the award (the lot cap's "
        "combination is found again for each)…"
    ) in lines
