"""The lot cap applied exactly as the plan publishes it, worked by hand.

Bids are built from frames with hand-chosen rates and scores, so every total below can be
checked on paper: price points = weight × lowest price ÷ price; quality points = weight ×
score ÷ 5.
"""

from __future__ import annotations

import pytest

import tendereval
from tendereval.award.recorded import Decisions, RecordedAward
from tendereval.scoring.combine import score

from ..scoring.builders import make_plan, tender

PRICE_ONLY = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 100
"""
PRICE_AND_QUALITY = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 50

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 50
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"
"""


def lots(values: dict[str, int]) -> str:
    return "".join(
        f'\n[[lots]]\nid = "{lot}"\nname = "Lot {lot}"\nestimated_value = {value}\n'
        "volumes = { hours = 1000 }\n"
        for lot, value in values.items()
    )


def cap(limit: int, rule: str | None, extra: str = "") -> str:
    how = f'cap_rule = "{rule}"' if rule else 'cap_mechanism = "As set out in the ITT."'
    return f"\n[participation]\nmax_lots_per_supplier = {limit}\n{how}\n{extra}"


def awards(result) -> dict[str, str | None]:
    return {lot: a.supplier for lot, a in result.award.lots.items()}


# Two lots, cap 1, price only. X is cheapest in both: A 100 points (Y 88.89), B 100 (Z 66.67).
TWO_LOTS = lots({"A": 300_000, "B": 200_000})
TWO_RATES = {("X", "A"): 10.0, ("X", "B"): 10.0, ("Y", "A"): 11.25, ("Z", "B"): 15.0}


def scored(rule: str | None, extra: str = "", decisions: Decisions | None = None):
    plan = make_plan(cap(1, rule, extra), PRICE_ONLY, lots=TWO_LOTS)
    result = score(tender(plan, rates=TWO_RATES), sensitivity=False)
    if decisions is not None:
        return tendereval.decide(result, decisions)
    return result.award


def test_descending_value_takes_the_dearer_lot_first() -> None:
    # A (£300k) first: X. B: X holds its one lot, so Z (ranked 2) wins.
    award = scored("descending_value")
    assert {lot: a.supplier for lot, a in award.lots.items()} == {"A": "X", "B": "Z"}
    assert award.lots["B"].basis == "lot_cap" and award.lots["B"].passed_over == ("X",)
    assert award.cap.binds and award.cap.order == ("A", "B") and award.cap.over == ("X",)
    assert award.summaries_ready


def test_lot_order_takes_the_lots_in_the_published_order() -> None:
    award = scored("lot_order", 'cap_lot_order = ["B", "A"]')
    assert {lot: a.supplier for lot, a in award.lots.items()} == {"A": "Y", "B": "X"}


@pytest.mark.parametrize("rule", ["highest_total_score", "lowest_total_cost"])
def test_the_best_combination_rules(rule: str) -> None:
    # X/A + Z/B: 100 + 66.67 = 166.67 points, £10,000 + £15,000 a year.
    # Y/A + X/B: 88.89 + 100 = 188.89 points, £11,250 + £10,000: best on both counts.
    award = scored(rule)
    assert {lot: a.supplier for lot, a in award.lots.items()} == {"A": "Y", "B": "X"}
    assert award.lots["A"].passed_over == ("X",) and award.lots["A"].basis == "lot_cap"


def test_the_published_rule_is_awarded_and_the_optimum_shown_beside_it_with_the_difference():
    """The acceptance case: descending value and the optimum award differently."""
    plan = make_plan(cap(1, "descending_value"), PRICE_ONLY, lots=TWO_LOTS)
    done = tendereval.allocate(tender(plan, rates=TWO_RATES))
    assert done.award is not None and done.award.winner("A") == "X"
    rows = done.comparison.rows()
    assert rows == [("A", "X", "Y", False), ("B", "Z", "X", False)]
    # By hand: the published award scores 100 + 66.6667 = 166.6667 points and costs
    # £10,000 + £15,000; the optimum 88.8889 + 100 = 188.8889 points and £21,250.
    assert done.differences == {
        "score": pytest.approx(22.2222, abs=1e-4),
        "price": -3750.0,
        "published_score": pytest.approx(166.6667, abs=1e-4),
        "published_price": 25000.0,
    }
    assert done.ok


def test_lowest_total_cost_never_passes_over_a_supplier_with_room() -> None:
    """A lot the cap does not touch keeps its first-ranked tender even when a lower-ranked
    one is cheaper: the rule chooses among awards that follow the ranking."""
    # Price 50 / quality 50 (Q1 on 0–5). X is first in A (100) and B (100); cap 1.
    # A: Y 90. B: Z 50×10/11 + 30 = 75.45. C: W 41.67 + 50 = 91.67 first, V 50 + 30 = 80.
    plan = make_plan(
        cap(1, "lowest_total_cost"),
        PRICE_AND_QUALITY,
        lots=lots({"A": 300_000, "B": 200_000, "C": 100_000}),
    )
    rates = {
        ("X", "A"): 10.0, ("Y", "A"): 10.0,
        ("X", "B"): 10.0, ("Z", "B"): 11.0,
        ("W", "C"): 12.0, ("V", "C"): 10.0,
    }  # fmt: skip
    marks = {("X", "Q1"): 5, ("Y", "Q1"): 4, ("Z", "Q1"): 3, ("W", "Q1"): 5, ("V", "Q1"): 3}
    result = score(tender(plan, rates=rates, marks=marks), sensitivity=False)
    # X/A + Z/B + W/C costs £33,000; Y/A + X/B + W/C £32,000. V on C would be cheaper still
    # (£30,000 with Y/A + X/B) but W, ranked first in C, holds no lot.
    assert awards(result) == {"A": "Y", "B": "X", "C": "W"}


def test_mechanism_in_words_only_leaves_the_lots_it_affects_undecided() -> None:
    award = scored(None)
    assert award.undecided == ["A", "B"] and not award.summaries_ready
    assert "in words only" in award.lots["A"].reasons[-1]
    assert any(b.startswith("Lot A: X is first in more lots") for b in award.blockers)


def record(lot: str, supplier: str) -> RecordedAward:
    return RecordedAward(lot, supplier, "decided under the ITT's mechanism", where="decision[0]")


def test_the_buyers_recorded_award_settles_lots_the_words_leave_open() -> None:
    decisions = Decisions((record("A", "Y"), record("B", "X")), source="decisions.toml")
    award = scored(None, decisions=decisions)
    assert {lot: a.supplier for lot, a in award.lots.items()} == {"A": "Y", "B": "X"}
    assert award.lots["A"].basis == "recorded" and award.lots["A"].passed_over == ("X",)
    assert award.summaries_ready and not award.problems


def test_a_recorded_award_that_breaks_the_cap_is_an_error() -> None:
    decisions = Decisions((record("A", "X"), record("B", "X")), source="decisions.toml")
    award = scored(None, decisions=decisions)
    (problem,) = award.problems
    assert problem.code == "decisions.over_the_cap" and "X 2 lots (A, B)" in problem.message
    assert not award.summaries_ready


def test_a_recorded_award_naming_someone_the_rules_leave_no_room_for_is_an_error() -> None:
    decisions = Decisions((record("A", "Y"),), source="decisions.toml")
    award = scored("descending_value", decisions=decisions)
    (problem,) = award.problems
    assert problem.code == "decisions.does_not_fit" and problem.cell == "decision[0].award_to"
    assert award.winner("A") == "X"  # the rules decide A; the record does not change it
    # Naming nobody who bid for the lot is said as such (as validate says it), once.
    decisions = Decisions((record("A", "Nobody Ltd"),), source="decisions.toml")
    award = scored("descending_value", decisions=decisions)
    (problem,) = award.problems
    assert problem.code == "decisions.decision_unknown" and problem.cell == "decision[0].award_to"
    assert award.winner("A") == "X"


def test_a_tie_in_an_earlier_lot_leaves_a_later_lot_that_depends_on_it_undecided() -> None:
    # A: X and Y identical (tied first). B: X first, Z second. Cap 1, descending value.
    plan = make_plan(cap(1, "descending_value"), PRICE_ONLY, lots=TWO_LOTS)
    rates = {("X", "A"): 10.0, ("Y", "A"): 10.0, ("X", "B"): 10.0, ("Z", "B"): 15.0}
    result = score(tender(plan, rates=rates), sensitivity=False)
    assert result.award.undecided == ["A", "B"]
    assert "depends on the undecided award of lot A" in result.award.lots["B"].reasons[-1]
    # The buyer decides A for Y: X then has room for B.
    settled = tendereval.decide(result, Decisions((record("A", "Y"),), source="decisions.toml"))
    assert {lot: a.supplier for lot, a in settled.lots.items()} == {"A": "Y", "B": "X"}
    assert settled.lots["A"].basis == "tie_decision"
    # ...or for X: B goes to Z.
    other = tendereval.decide(result, Decisions((record("A", "X"),), source="decisions.toml"))
    assert {lot: a.supplier for lot, a in other.lots.items()} == {"A": "X", "B": "Z"}


def test_a_cap_that_does_not_bind_changes_nothing() -> None:
    plan = make_plan(cap(2, "lowest_total_cost"), PRICE_ONLY, lots=TWO_LOTS)
    result = score(tender(plan, rates=TWO_RATES), sensitivity=False)
    assert awards(result) == {"A": "X", "B": "X"} and not result.award.cap.binds
