"""An entry refused with an error of its own is still in the plan: a check naming it from
elsewhere (a group's questions, cap_lot_order, a lot's volumes, the pillar a threshold is a
share of) must not call it missing as well. That advice, followed, removed the reference for
good: a panel's scores for Q3 silently stopped counting once Q3's weight was put right."""

from __future__ import annotations

from pathlib import Path

from tendereval.plan import load_plan
from tests.example_copies import example_copy
from tests.plan_helpers import BASE, write_plan


def _carers_with(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    return folder


def _codes(problems: list) -> list[str]:
    return [p.code for p in problems]


Q3_WEIGHT_TYPO = ("weight_of_parent = 25          # 10", "weight = 25          # 10")


def test_a_question_with_a_weight_typo_is_not_called_missing_from_its_group(
    tmp_path: Path,
) -> None:
    """weight = 25 on Q3: its own error, and no longer 'the group scores questions that
    are not in the plan (found Q3); expected Q1, Q2, SV1' (followed, it dropped the panel's
    Q3 scores: Meridian 72.7452 became 73.2452 once the weight was fixed)."""
    plan, problems = load_plan(_carers_with(tmp_path, Q3_WEIGHT_TYPO))
    assert plan is None
    errors = [p for p in problems if p.is_error]
    assert [(p.cell, p.code) for p in errors] == [
        ("criteria[1].questions[2].weight", "plan.weight_ambiguous"),
    ]  # and not also "must state exactly one weight (found 'neither')" (docs red team, s37)


def test_a_question_truly_missing_is_still_named_beside_one_refused(tmp_path: Path) -> None:
    plan, problems = load_plan(
        _carers_with(
            tmp_path, Q3_WEIGHT_TYPO, ('questions = ["Q1", "Q3"]', 'questions = ["Q1", "Q3", "Q9"]')
        )
    )
    assert plan is None
    (problem,) = [p for p in problems if p.code == "plan.group_questions"]
    assert problem.found == "Q9"
    assert problem.expected == "Q1, Q2, Q3, SV1"  # Q3 is in the plan, with its own error


def test_a_question_under_a_refused_parent_is_not_called_missing(tmp_path: Path) -> None:
    """The quality criterion's weight mistyped: Q1 to Q3 under it are not read, and are in
    the plan all the same; the panel's group names Q1 and Q3."""
    quality = 'type = "quality"\nweight_of_total = 40'
    plan, problems = load_plan(_carers_with(tmp_path, (quality, 'type = "quality"\nweight = 40')))
    assert plan is None
    assert "plan.group_questions" not in _codes(problems)
    assert _codes(problems) == ["plan.weight_ambiguous"]  # its own error, and only that


CRITERIA = """
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
  weight_of_parent = 100
  scale = "five"
"""

TWO_LOTS_IN_ORDER = """
[[lots]]
id = 2
name = "Lot two"
volumes = { hours = 500 }

[participation]
max_lots_per_supplier = 1
cap_rule = "lot_order"
cap_lot_order = ["L1", "2"]
"""


def test_a_lot_refused_for_its_id_is_not_called_missing_from_the_lot_order(
    tmp_path: Path,
) -> None:
    """Lot id = 2 (a number): its own error, not 'cap_lot_order must list every lot once
    (found not in the plan: 2)', nor the warning 'a lot cap needs more than one lot: remove
    the cap or add lots' (the plan has two)."""
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, TWO_LOTS_IN_ORDER))
    assert plan is None
    assert [(p.cell, p.code) for p in problems] == [("lots[1].id", "plan.not_text")]


def test_a_lot_order_naming_a_lot_not_in_the_plan_is_still_refused(tmp_path: Path) -> None:
    extra = TWO_LOTS_IN_ORDER.replace('["L1", "2"]', '["L1", "2", "L3"]')
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, extra))
    assert plan is None
    (problem,) = [p for p in problems if p.cell == "participation.cap_lot_order"]
    assert problem.found == "not in the plan: L3"


def test_price_items_written_as_one_section_give_one_error(tmp_path: Path) -> None:
    """[price.items] with one pair of brackets: its own error, not also 'volume for an item
    not in [[price.items]] (found hours)' on every lot and 'the plan lists no priced items',
    which would have the officer delete the volumes."""
    base = BASE.replace("[[price.items]]", "[price.items]")
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    assert plan is None
    assert [(p.cell, p.code) for p in problems if p.is_error] == [
        ("price.items", "plan.price_items")
    ]


def test_a_volume_for_an_item_refused_for_its_id_is_not_called_unknown(tmp_path: Path) -> None:
    base = BASE.replace('id = "hours"', "id = 2024").replace(
        "volumes = { hours = 1000 }", 'volumes = { "2024" = 1000 }'
    )
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    assert plan is None
    assert [(p.cell, p.code) for p in problems if p.is_error] == [
        ("price.items[0].id", "plan.not_text")
    ]


def test_volumes_not_a_table_are_not_also_called_missing(tmp_path: Path) -> None:
    """volumes = 1000: its own error, not also 'the lot has no volume for some price items'."""
    base = BASE.replace("volumes = { hours = 1000 }", "volumes = 1000")
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    assert plan is None
    assert [(p.cell, p.code) for p in problems if p.is_error] == [
        ("lots[0].volumes", "plan.volumes")
    ]


def test_a_volume_refused_leaves_the_others_at_zero_unjudged(tmp_path: Path) -> None:
    """Day sessions written "2,600" (text): its own error, not also 'every volume of the lot
    is 0, so every bid's price for it would be £0' when the other two are 0."""
    volumes = "volumes = { sitting_hours = 18_000, respite_nights = 1_400, day_sessions = 2_600 }"
    zero = 'volumes = { sitting_hours = 0, respite_nights = 0, day_sessions = "2,600" }'
    plan, problems = load_plan(_carers_with(tmp_path, (volumes, zero)))
    assert plan is None
    assert [p.cell for p in problems if p.is_error] == ["lots[0].volumes.day_sessions"]


def test_an_overall_minimum_is_not_refused_for_a_quality_criterion_refused(
    tmp_path: Path,
) -> None:
    """The quality criterion's weight mistyped: its own error, not also 'no criterion of
    this plan carries quality points: it would be published and never applied', whose advice
    (no minimum_quality_share) would drop the threshold for good."""
    criteria = CRITERIA.replace("weight_of_total = 60", "weight = 60")
    threshold = (
        "[evaluation]\nminimum_quality_share = 0.5\ndisqualify_below_overall_minimum = true\n"
    )
    plan, problems = load_plan(write_plan(tmp_path, criteria, threshold))
    assert plan is None
    assert [p.code for p in problems if p.is_error] == ["plan.weight_ambiguous"]


def test_an_overall_minimum_is_not_refused_for_a_quality_type_mistyped(tmp_path: Path) -> None:
    """type = "Quality": 'a top-level criterion needs a type', not also 'no criterion of this
    plan carries quality points' (whose advice is to remove the threshold)."""
    criteria = CRITERIA.replace('type = "quality"', 'type = "Quality"')
    threshold = (
        "[evaluation]\nminimum_quality_share = 0.5\ndisqualify_below_overall_minimum = true\n"
    )
    plan, problems = load_plan(write_plan(tmp_path, criteria, threshold))
    assert plan is None
    assert [p.code for p in problems if p.is_error] == ["plan.pillar"]


def test_ppn002_is_not_told_social_value_is_missing_when_it_was_refused(tmp_path: Path) -> None:
    """profile = "ppn002" and the social value criterion's weight mistyped: not also 'needs
    social value to carry at least 10% (found 0%)'."""
    folder = _carers_with(
        tmp_path,
        ('profile = ""', 'profile = "ppn002"'),
        ('type = "social_value"\nweight_of_total = 20', 'type = "social_value"\nweight = 20'),
    )
    plan, problems = load_plan(folder)
    assert plan is None
    assert "plan.ppn002" not in _codes(problems)
    assert _codes(problems) == ["plan.weight_ambiguous"]  # its own error, and only that


def test_a_minimum_refused_is_not_called_absent(tmp_path: Path) -> None:
    """minimum = "2" (text) on Q1, which disqualifies below it: the minimum's own error, not
    also the warning 'disqualifies below its minimum but has no minimum'."""
    plan, problems = load_plan(_carers_with(tmp_path, ("minimum = 2", 'minimum = "2"')))
    assert plan is None
    assert [p.cell for p in problems if p.cell.startswith("criteria[1].questions[0]")] == [
        "criteria[1].questions[0].minimum"
    ]


def test_an_estimated_value_refused_is_not_called_absent(tmp_path: Path) -> None:
    """estimated_value = "£3.1m" under a descending_value cap: its own error, not also the
    warning that the lot 'has none, so the rule takes it last'."""
    base = BASE.replace('name = "Lot one"', 'name = "Lot one"\nestimated_value = "£3.1m"')
    extra = (
        '[[lots]]\nid = "L2"\nname = "Lot two"\nestimated_value = 900_000\n'
        "volumes = { hours = 500 }\n\n[participation]\nmax_lots_per_supplier = 1\n"
        'cap_rule = "descending_value"\n'
    )
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, extra, base=base))
    assert plan is None
    assert [p.cell for p in problems] == ["lots[0].estimated_value"]


LOT_CAP = """
[[lots]]
id = "L2"
name = "Lot two"
volumes = { hours = 500 }

[participation]
max_lots_per_supplier = 1
cap_rule = "lot_order"
cap_lot_order = ["L1", "L2"]
"""


def test_a_cap_rule_refused_does_not_call_the_lot_order_unused(tmp_path: Path) -> None:
    """cap_rule = "lot-order": its own error, not also the warning 'cap_lot_order is used
    only with cap_rule = "lot_order"' (expected: 'or no cap_lot_order')."""
    extra = LOT_CAP.replace('cap_rule = "lot_order"', 'cap_rule = "lot-order"')
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, extra))
    assert plan is None
    assert [p.cell for p in problems] == ["participation.cap_rule"]


def test_a_lot_cap_refused_does_not_call_the_cap_rule_unused(tmp_path: Path) -> None:
    """max_lots_per_supplier = 1.5: its own error, not also the warning 'a lot-cap rule
    without a lot cap is never used' (expected: 'or no cap_rule')."""
    extra = LOT_CAP.replace("max_lots_per_supplier = 1", "max_lots_per_supplier = 1.5")
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, extra))
    assert plan is None
    assert [p.cell for p in problems] == ["participation.max_lots_per_supplier"]


def test_a_cap_mechanism_refused_is_not_called_absent(tmp_path: Path) -> None:
    """cap_mechanism = 2 (not text) and no cap_rule: its own error, not also 'a cap on lots
    per supplier needs a published objective mechanism (found no cap_rule or cap_mechanism)'."""
    extra = LOT_CAP.replace(
        'cap_rule = "lot_order"\ncap_lot_order = ["L1", "L2"]', "cap_mechanism = 2"
    )
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, extra))
    assert plan is None
    assert [p.cell for p in problems] == ["participation.cap_mechanism"]


def test_a_cap_rule_left_blank_is_still_called_missing(tmp_path: Path) -> None:
    extra = LOT_CAP.replace('cap_rule = "lot_order"\ncap_lot_order = ["L1", "L2"]', 'cap_rule = ""')
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, extra))
    assert plan is None
    assert [p.code for p in problems] == ["plan.cap_mechanism"]
