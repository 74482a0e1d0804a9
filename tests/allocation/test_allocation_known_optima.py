"""Hand-checkable instances: the optimum of each is worked out in the comments."""

from __future__ import annotations

import pytest

from tendereval.allocation import Policy, allocate
from tests.allocation.allocation_helpers import offers


def won(result) -> list[str]:
    return sorted(result.awarded.get_column("offer_id").to_list())


# Lots A, B, C. Acme bids each of A and B, and a package of all three.
PACKAGE_ROWS = [
    ("X1", "Acme", ["A"], 100.0, 70.0, False, False, None),
    ("X2", "Acme", ["B"], 100.0, 70.0, False, False, None),
    ("X3", "Acme", ["A", "B", "C"], 270.0, 230.0, False, False, None),
    ("Y1", "Beta", ["C"], 90.0, 80.0, True, False, None),
    ("Y2", "Beta", ["A"], 95.0, 75.0, True, False, None),
]


def test_package_beats_the_best_single_lot_offers():
    # Best single offers: A → Y2 (75), B → X2 (70), C → Y1 (80): 225 points.
    # The package X3 covers all three for 230 points: it wins.
    result = allocate(offers(PACKAGE_ROWS), Policy())
    assert result.status == "optimal"
    assert won(result) == ["X3"]
    assert result.total_score == 230 and result.total_price == 270
    assert result.gap == 0


def test_cap_counts_a_package_as_its_lots_and_shows_the_cost_of_the_policy():
    # Cap 2: the package (3 lots) is out. Best: Y2 (A, 75) + X2 (B, 70) + Y1 (C, 80) = 225
    # points for £285; Beta has 2 lots, Acme 1. Unconstrained is the package: 230 for £270.
    result = allocate(offers(PACKAGE_ROWS), Policy(max_lots_per_supplier=2))
    assert won(result) == ["X2", "Y1", "Y2"]
    assert result.total_score == 225 and result.total_price == 285
    assert won(result.unconstrained) == ["X3"]
    assert result.cost_of_policy == {"price": 15.0, "total_cost": 15.0, "score": 5.0}


def test_cost_objective_with_every_lot_awarded():
    # Covering A, B, C: X3 £270; Y2+X2+Y1 £285; X1+X2+Y1 £290. Cheapest: X3.
    result = allocate(offers(PACKAGE_ROWS), Policy(objective="cost", award_all_lots=True))
    assert won(result) == ["X3"]
    assert result.total_price == 270


def test_contract_management_cost_counts_a_package_as_one_contract():
    # Lots A and B. Two singles cost £100 + £100, the package £205. Without management cost
    # the singles win (£200); at £10 a contract they cost £220 against the package's £215.
    rows = [
        ("S1", "Acme", ["A"], 100.0, 70.0, False, False, None),
        ("S2", "Acme", ["B"], 100.0, 70.0, False, False, None),
        ("P1", "Acme", ["A", "B"], 205.0, 140.0, False, False, None),
    ]
    cheap = Policy(objective="cost", award_all_lots=True)
    assert won(allocate(offers(rows), cheap)) == ["S1", "S2"]
    managed = Policy(objective="cost", award_all_lots=True, contract_management_cost=10)
    result = allocate(offers(rows), managed)
    assert won(result) == ["P1"]
    assert result.totals.contract_management_cost == 10 and result.totals.total_cost == 215


def test_offers_in_one_group_exclude_each_other():
    # Acme offers A;B and C;D, but only one of them (group g). Beta bids each lot alone.
    # Without the group: both packages, 300. With it: P1 + Beta C + Beta D = 150 + 120 = 270
    # beats P2 + Beta A + Beta B = 150 + 110 = 260.
    rows = [
        ("P1", "Acme", ["A", "B"], 200.0, 150.0, False, False, "g"),
        ("P2", "Acme", ["C", "D"], 200.0, 150.0, False, False, "g"),
        ("BA", "Beta", ["A"], 100.0, 55.0, False, False, None),
        ("BB", "Beta", ["B"], 100.0, 55.0, False, False, None),
        ("BC", "Beta", ["C"], 100.0, 60.0, False, False, None),
        ("BD", "Beta", ["D"], 100.0, 60.0, False, False, None),
    ]
    result = allocate(offers(rows), Policy())
    assert won(result) == ["BC", "BD", "P1"]
    assert result.total_score == 270
    # A group is the supplier's own condition, not policy: the unconstrained answer keeps it.
    assert won(result.unconstrained) == ["BC", "BD", "P1"]


def test_the_cap_takes_away_the_lot_where_the_runner_up_is_closest():
    # Acme scores 80 on A, B and C; Beta 70, 60, 75. Cap 2: Acme loses the lot that costs
    # least to give up, C (80 → 75): 80 + 80 + 75 = 235 against 240 unconstrained.
    rows = [
        ("A-A", "Acme", ["A"], 100.0, 80.0, False, False, None),
        ("A-B", "Acme", ["B"], 100.0, 80.0, False, False, None),
        ("A-C", "Acme", ["C"], 100.0, 80.0, False, False, None),
        ("B-A", "Beta", ["A"], 100.0, 70.0, True, False, None),
        ("B-B", "Beta", ["B"], 100.0, 60.0, True, False, None),
        ("B-C", "Beta", ["C"], 100.0, 75.0, True, False, None),
    ]
    result = allocate(offers(rows), Policy(max_lots_per_supplier=2))
    assert won(result) == ["A-A", "A-B", "B-C"]
    assert result.cost_of_policy["score"] == 5
    assert result.sme_share == pytest.approx(1 / 3)


def test_ties_are_broken_by_cost_then_by_offer_order():
    # Lot A: three offers scoring 80. T2 is cheapest (£90) and wins. Lot B: two offers with
    # the same score and price; B2 comes before B10 in natural order and wins.
    rows = [
        ("T1", "Acme", ["A"], 100.0, 80.0, False, False, None),
        ("T2", "Beta", ["A"], 90.0, 80.0, False, False, None),
        ("T3", "Cole", ["A"], 95.0, 80.0, False, False, None),
        ("B10", "Acme", ["B"], 50.0, 60.0, False, False, None),
        ("B2", "Beta", ["B"], 50.0, 60.0, False, False, None),
    ]
    result = allocate(offers(rows), Policy())
    assert won(result) == ["B2", "T2"]
    assert result.tie_break_complete
    assert "offer_id order" in result.to_dict()["tie_break"]["text"]


def test_ties_are_broken_the_same_way_when_a_rule_links_the_lots():
    # The same ties under a 2-lot cap and an SME share of 0 (a rule that links every lot,
    # so the MILP decides rather than the direct per-lot choice): same answer.
    rows = [
        ("T1", "Acme", ["A"], 100.0, 80.0, True, False, None),
        ("T2", "Beta", ["A"], 90.0, 80.0, True, False, None),
        ("B10", "Acme", ["B"], 50.0, 60.0, True, False, None),
        ("B2", "Beta", ["B"], 50.0, 60.0, True, False, None),
    ]
    result = allocate(offers(rows), Policy(min_sme_share=0.5, max_lots_per_supplier=2))
    assert won(result) == ["B2", "T2"]


def test_cost_objective_awards_as_many_lots_as_the_rules_allow():
    # Only Acme bids, for A (£100) and B (£80), and its capacity is 1 lot. Awarding nothing
    # would cost least, but the rule is: most lots first, then least cost. So B is awarded.
    rows = [
        ("A1", "Acme", ["A"], 100.0, 70.0, False, False, None),
        ("A2", "Acme", ["B"], 80.0, 60.0, False, False, None),
    ]
    result = allocate(offers(rows), Policy(objective="cost", supplier_max_lots={"Acme": 1}))
    assert won(result) == ["A2"]
    assert result.unawarded_lots == ["A"]


def test_second_tier_counts_only_when_the_policy_says_so():
    # Big (not an SME) subcontracts 50% of its £100 lot A to SMEs; Small (SME) bids B for
    # £100 but scores less than Big's B. First tier only, an SME share of 40% needs Small on
    # B: 50% SME. Counting the second tier, Big on both lots gives (50+50)/200 = 50%.
    rows = [
        ("BA", "Big", ["A"], 100.0, 80.0, False, False, None),
        ("BB", "Big", ["B"], 100.0, 80.0, False, False, None),
        ("SB", "Small", ["B"], 100.0, 70.0, True, False, None),
    ]
    frame = offers(rows, sme_subcontract_share=[0.5, 0.5, 0.0])
    first = allocate(frame, Policy(min_sme_share=0.4))
    assert won(first) == ["BA", "SB"]
    both = allocate(frame, Policy(min_sme_share=0.4, count_second_tier=True))
    assert won(both) == ["BA", "BB"]
    shares = both.totals.participation["sme"]
    assert shares["share_first_tier"] == 0 and shares["share_with_second_tier"] == 0.5


def test_min_suppliers_and_max_supplier_share():
    # Every offer costs £100. Acme scores 80 on A, B and C; Beta 70 on A and B; Cole 65 on C.
    # Unconstrained, Acme takes all three: 240.
    rows = [
        ("1", "Acme", ["A"], 100.0, 80.0, False, False, None),
        ("2", "Acme", ["B"], 100.0, 80.0, False, False, None),
        ("3", "Acme", ["C"], 100.0, 80.0, False, False, None),
        ("4", "Beta", ["A"], 100.0, 70.0, False, False, None),
        ("5", "Beta", ["B"], 100.0, 70.0, False, False, None),
        ("6", "Cole", ["C"], 100.0, 65.0, False, False, None),
    ]
    # At least 3 suppliers: Cole must have C (65), and Acme and Beta share A and B (80 + 70):
    # 215. ({1, 5, 6} and {2, 4, 6} tie on score, cost and offer order; either is right.)
    three = allocate(offers(rows), Policy(min_suppliers=3))
    assert three.total_score == 215
    assert three.totals.suppliers == 3
    assert three.unconstrained.total_score == 240
    # No supplier above 50% of the value: two lots of three is 67%, so one lot each (215);
    # leaving a lot unawarded to let two suppliers hold 50% each scores at most 160.
    capped = allocate(offers(rows), Policy(max_supplier_share=0.5))
    assert capped.total_score == 215
    assert capped.lots_per_supplier.get_column("share_of_value").max() <= 0.5


def test_a_budget_and_per_lot_budgets():
    # Lots A and B. Best scores cost £150 + £150; the budget of £250 forces one cheaper offer.
    # A per-lot budget of £120 for A sets the £150 offer for A aside altogether.
    rows = [
        ("A1", "Acme", ["A"], 150.0, 90.0, False, False, None),
        ("A2", "Beta", ["A"], 100.0, 70.0, False, False, None),
        ("B1", "Acme", ["B"], 150.0, 90.0, False, False, None),
        ("B2", "Beta", ["B"], 100.0, 75.0, False, False, None),
    ]
    result = allocate(offers(rows), Policy(budget=250))
    assert won(result) == ["A1", "B2"]  # 165 points: A1 + B2 beats A2 + B1 (160)
    per_lot = allocate(offers(rows), Policy(lot_budgets={"A": 120}))
    assert won(per_lot) == ["A2", "B1"]
    assert per_lot.excluded.get_column("offer_id").to_list() == ["A1"]


def test_minimum_quality_uses_the_quality_column_when_given():
    rows = [
        ("Q1", "Acme", ["A"], 100.0, 90.0, False, False, None),
        ("Q2", "Beta", ["A"], 100.0, 70.0, False, False, None),
    ]
    frame = offers(rows, quality=[40.0, 65.0])
    result = allocate(frame, Policy(min_quality_per_lot={"A": 60}))
    assert won(result) == ["Q2"]
    assert "below the minimum" in result.excluded.get_column("reason")[0]


def test_a_package_without_a_quality_is_not_held_to_a_minimum_by_its_summed_score():
    """A package's score is the sum over its lots: 3 lots at 35 sum to 105, which used to pass a
    minimum quality of 60 per lot. Without a quality column the package cannot be checked, so
    it is not eligible; a single lot's total score still stands in for its quality."""
    rows = [
        ("P1", "Acme", ["A", "B", "C"], 250.0, 105.0, False, False, None),
        ("S1", "Beta", ["A"], 100.0, 70.0, False, False, None),
        ("S2", "Beta", ["B"], 100.0, 50.0, False, False, None),
        ("S3", "Cole", ["C"], 100.0, 65.0, False, False, None),
    ]
    result = allocate(offers(rows), Policy(min_quality_per_lot=60.0))
    assert won(result) == ["S1", "S3"]
    reasons = dict(result.excluded.select("offer_id", "reason").iter_rows())
    assert set(reasons) == {"P1", "S2"}
    assert "give the package's quality in a quality column" in reasons["P1"]
    assert "below the minimum" in reasons["S2"]
    with_quality = allocate(
        offers(rows, quality=[62.0, 70.0, 50.0, 65.0]), Policy(min_quality_per_lot=60.0)
    )
    # Eligible now (62 ≥ 60), though S1 + S3 still score more (135 against 105).
    assert with_quality.excluded.get_column("offer_id").to_list() == ["S2"]
    assert won(with_quality) == ["S1", "S3"]


def test_a_capacity_in_volume_is_met_exactly_not_converted_to_money():
    # Big can take 1,000 hours a year. Lots A (600 h) and B (400 h) fit exactly; A, B and C
    # (1,500 h) do not. Each of Big's offers scores 50; Other scores 40 on C. Best: Big on A
    # and B, Other on C: 140 points. (Converting the capacity to money at Big's cheapest
    # price per hour, £0.125 on A, gave a limit of £125 and ruled out A + B at £200.)
    rows = [
        ("BA", "Big", ["A"], 75.0, 50.0, False, False, None),
        ("BB", "Big", ["B"], 125.0, 50.0, False, False, None),
        ("BC", "Big", ["C"], 100.0, 50.0, False, False, None),
        ("OC", "Other", ["C"], 150.0, 40.0, True, False, None),
    ]
    frame = offers(rows, volume=[600.0, 400.0, 500.0, 500.0])
    result = allocate(frame, Policy(award_all_lots=True, supplier_max_volume={"Big": 1000}))
    assert result.status == "optimal"
    assert won(result) == ["BA", "BB", "OC"]
    # An hour less and A and B (only Big bids for them) can no longer both be awarded.
    tight = allocate(frame, Policy(award_all_lots=True, supplier_max_volume={"Big": 999}))
    assert tight.status == "infeasible"
    assert any("capacity" in line for line in tight.explanation), tight.explanation


def test_an_allocation_all_to_smes_is_a_share_of_exactly_one():
    # £10.10 + £20.20 + £30.30 adds up in floating point to 60.599999999999994: the share was
    # 0.9999999999999999, and a frontier's top target came out as 99.99% instead of 100%.
    rows = [
        ("S1", "Small", ["A"], 10.10, 50.0, True, False, None),
        ("S2", "Small", ["B"], 20.20, 50.0, True, False, None),
        ("S3", "Small", ["C"], 30.30, 50.0, True, False, None),
    ]
    result = allocate(offers(rows), Policy(award_all_lots=True))
    assert result.totals.sme_share == 1.0


def test_a_second_tier_share_is_reported_as_the_optimiser_counted_it():
    # 30% of £100.01 is £30.003: rounded to the penny, the share read 29.997% while the
    # allocation met a 30% minimum.
    frame = offers([("X1", "Big", ["L1"], 100.01, 60.0, False, False, None)],
                   sme_subcontract_share=[0.3])  # fmt: skip
    result = allocate(frame, Policy(min_sme_share=0.3, count_second_tier=True))
    assert result.status == "optimal"
    assert result.totals.participation["sme"]["share_counted"] >= 0.3
