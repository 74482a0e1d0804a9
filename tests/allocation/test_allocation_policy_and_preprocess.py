"""The policy's checks and its participation-free twin; preprocessing that must not change the
answer: dominance and independent lots."""

from __future__ import annotations

from tendereval.allocation import PARTICIPATION_RULES, Policy, allocate
from tendereval.allocation.preprocess import natural_key, prepare
from tests.allocation.allocation_helpers import offers


def test_policy_problems_name_the_setting():
    problems = Policy(
        objective="fastest",
        min_sme_share=1.5,
        max_lots_per_supplier=0,
        budget=-1,
        lot_budgets={"ASH": "a lot"},
    ).validate()
    assert {(p.cell, p.code) for p in problems} == {
        ("objective", "policy.unknown_objective"),
        ("min_sme_share", "policy.share_out_of_range"),
        ("max_lots_per_supplier", "policy.not_a_count"),
        ("budget", "policy.not_money"),
        ("lot_budgets[ASH]", "policy.text_not_number"),  # said to be text, not an amount
    }
    assert Policy(min_sme_share=0.3, max_lots_per_supplier=4).validate() == []


def test_participation_free_drops_exactly_the_participation_rules():
    policy = Policy(
        award_all_lots=True,
        max_lots_per_supplier=3,
        min_sme_share=0.3,
        min_vcse_share=0.1,
        min_suppliers=4,
        max_supplier_share=0.4,
        budget=1e6,
        supplier_max_lots={"Acme": 2},
        contract_management_cost=500,
    )
    free = policy.participation_free()
    assert policy.rules() - free.rules() == PARTICIPATION_RULES
    assert free.rules() == {"award_all_lots", "budget", "supplier_max_lots"}
    assert free.contract_management_cost == 500


def test_a_share_of_zero_is_not_a_rule_in_force():
    assert Policy(min_sme_share=0.0, max_supplier_share=1.0).rules() == frozenset()


def test_natural_order_of_offer_ids():
    ids = ["HC-10", "HC-2", "HC-1", "A", "HC-02b"]
    assert sorted(ids, key=natural_key) == ["A", "HC-1", "HC-2", "HC-02b", "HC-10"]


def test_natural_order_reads_the_digits_0_9_only():
    """An offer id '²' stopped the run (isdigit() is true of it, and int() refuses it); and
    'HC-৪', whose Bengali four is drawn like an 8, sorted as HC-4, before HC-10."""
    ids = ["HC-৪", "HC-10", "²", "HC-2"]
    assert sorted(ids, key=natural_key) == ["HC-2", "HC-10", "HC-৪", "²"]


def test_a_number_in_quotes_in_another_scripts_digits_is_no_example_to_type():
    """'০.৩' in quotes was told to be typed as ০.৩ without them: TOML reads no Bengali 3."""
    (problem,) = Policy(min_sme_share="০.৩").validate()  # type: ignore[arg-type]
    assert problem.code == "policy.text_not_number"
    assert "০.৩" not in problem.expected
    (typed,) = Policy(min_sme_share="0.3").validate()  # type: ignore[arg-type]
    assert "such as 0.3, not in quotes" in typed.expected


# Acme's second offer for A is dearer and scores less: dominated. Its offer for B in a group
# is not comparable with one outside the group the other way round.
ROWS = [
    ("D1", "Acme", ["A"], 100.0, 80.0, False, False, None),
    ("D2", "Acme", ["A"], 120.0, 75.0, False, False, None),
    ("D3", "Acme", ["B"], 100.0, 70.0, False, False, "g"),
    ("D4", "Acme", ["B"], 110.0, 70.0, False, False, None),
    ("D5", "Beta", ["A"], 130.0, 60.0, True, False, None),
    ("D6", "Acme", ["A", "B"], 190.0, 150.0, False, False, None),
]


def test_dominated_offers_are_dropped_only_when_safe():
    # Under a budget (a rule that looks at every price), only the same supplier's offer for
    # the same lots can stand in for an offer.
    prepared = prepare(offers(ROWS), Policy(budget=10_000))
    dropped = dict(prepared.dominated.select("offer_id", "dominated_by").iter_rows())
    # D2: same supplier and lot as D1, dearer and lower scoring. D5 is another supplier's,
    # D3 sits in a group (D4 outside it is not dominated by D3: D3 could be blocked), D6 is
    # a package of other lots.
    assert dropped == {"D2": "D1"}


def test_offers_outbid_by_other_offers_for_their_lots_are_dropped_where_no_rule_looks():
    # With no rule looking at who wins, D5 (Beta, 60 points on A) loses to D1 (Acme, 80 points
    # on A) in any allocation. The package D6 (A and B, 150 points for £190) is not beaten:
    # D1 and D4 together score 150 too but cost £210.
    prepared = prepare(offers(ROWS), Policy())
    dropped = dict(prepared.dominated.select("offer_id", "dominated_by").iter_rows())
    assert dropped == {"D2": "D1", "D5": "D1"}
    # A package that the same lots' single offers beat is dropped, naming them.
    dear = [*ROWS[:5], ("D7", "Beta", ["A", "B"], 250.0, 140.0, True, False, None)]
    dropped = dict(
        prepare(offers(dear), Policy()).dominated.select("offer_id", "dominated_by").iter_rows()
    )
    assert dropped["D7"] == "D1; D4"
    # Under a cap only the supplier's own offers may stand in: Beta has none for B.
    capped = prepare(offers(dear), Policy(max_lots_per_supplier=2))
    assert set(capped.dominated.get_column("offer_id")) == {"D2"}


def test_under_a_share_rule_price_is_not_compared():
    # A dearer offer can help an SME share by value, so with a share rule only offers of the
    # same price are compared: D2 (dearer) is kept.
    prepared = prepare(offers(ROWS), Policy(min_sme_share=0.2))
    assert prepared.dominated.is_empty()


def test_lots_nothing_links_are_settled_directly():
    prepared = prepare(offers(ROWS[:5]), Policy())
    # (D5 is outbid by D1, so it is not among them.)
    assert set(prepared.direct_offers.get_column("offer_id")) == {"D1", "D3", "D4"}
    # The package links A and B; a share rule links every lot; a cap links a supplier's lots
    # when it could bind.
    assert prepare(offers(ROWS), Policy()).direct_offers.is_empty()
    assert prepare(offers(ROWS[:5]), Policy(min_sme_share=0.2)).direct_offers.is_empty()
    assert prepare(offers(ROWS[:5]), Policy(max_lots_per_supplier=1)).direct_offers.is_empty()
    capped_loose = prepare(offers(ROWS[:5]), Policy(max_lots_per_supplier=2))
    assert not capped_loose.direct_offers.is_empty()


def test_preprocessing_never_changes_the_answer():
    for policy in (Policy(), Policy(max_lots_per_supplier=1), Policy(objective="cost")):
        fast = allocate(offers(ROWS), policy)
        plain = allocate(offers(ROWS), policy, preprocess=False)
        assert fast.awarded.get_column("offer_id").sort().to_list() == (
            plain.awarded.get_column("offer_id").sort().to_list()
        )


def test_an_offer_over_its_lots_budget_is_excluded_in_pounds_as_an_officer_writes_them():
    # D1, £12.5m for lot A, over a lot budget of £12,345,678.90: the reason read "price
    # £12500000.0 is above the budget of £12345678.9".
    rows = [("D1", "Acme", ["A"], 12_500_000.0, 80.0, True, False, None)]
    prepared = prepare(offers(rows), Policy(lot_budgets={"A": 12_345_678.9}))
    assert prepared.excluded.select("offer_id", "reason").rows() == [
        ("D1", "price £12,500,000.00 is above the budget of £12,345,678.90 for its lots")
    ]


def test_a_minimum_quality_is_met_at_the_4_places_points_are_compared_in():
    """Found by a red team: quality 59.99995, 60.0000 to 4 places as every points comparison
    rounds it (a half away from zero), was refused against a minimum of 60 as 'quality 60.0 is
    below the minimum of 60.0'. 59.99994 is 59.9999 and is below."""
    rows = [
        ("M1", "Acme", ["A"], 100.0, 80.0, True, False, None),
        ("B1", "Bell", ["A"], 100.0, 80.0, True, False, None),
    ]
    prepared = prepare(offers(rows, quality=[59.99995, 59.99994]), Policy(min_quality_per_lot=60.0))
    assert prepared.excluded.select("offer_id", "reason").rows() == [
        ("B1", "quality 59.9999 is below the minimum of 60.0 for its lots")
    ]
