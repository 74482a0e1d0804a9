"""The shipped preset plans: each loads cleanly and says what its name promises."""

from __future__ import annotations

import pytest

from tendereval.plan import load_plan
from tendereval.resources import presets

PRESETS = presets()


def test_the_four_presets_are_shipped() -> None:
    assert set(PRESETS) == {"40-40-20", "60-40", "70-30", "ppn002"}


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_preset_loads_with_only_the_warnings_of_what_it_cannot_know(name: str) -> None:
    plan, problems = load_plan(PRESETS[name])
    assert plan is not None
    # A preset cannot know the tender's reference, name and buyer, nor who will approve the
    # plan; everything else must be clean.
    assert [(p.code, p.cell) for p in problems] == [
        ("plan.placeholder", "tender.id"),
        ("plan.placeholder", "tender.title"),
        ("plan.placeholder", "tender.buyer"),
        ("plan.approval", "approval"),
    ]
    assert sum(leaf.effective_weight for leaf in plan.leaves) == pytest.approx(100)


@pytest.mark.parametrize(
    ("name", "price", "quality", "social_value"),
    [
        ("40-40-20", 40, 40, 20),
        ("70-30", 70, 30, 0),
        # Social value asked inside quality: 25% of quality's 40 points is 10 points of 100,
        # and those points belong to the quality pillar.
        ("60-40", 60, 40, 0),
        ("ppn002", 50, 40, 10),
    ],
)
def test_preset_pillar_weights(
    name: str, price: float, quality: float, social_value: float
) -> None:
    plan, _ = load_plan(PRESETS[name])
    assert plan.pillar_weight("price") == pytest.approx(price)
    assert plan.pillar_weight("quality") == pytest.approx(quality)
    assert plan.pillar_weight("social_value") == pytest.approx(social_value)


def test_60_40_nested_social_value_is_ten_points() -> None:
    plan, _ = load_plan(PRESETS["60-40"])
    sv = plan.leaf("SV1")
    assert (sv.weight_basis, sv.stated_weight, sv.effective_weight) == ("parent", 25, 10)


def test_70_30_has_three_quality_questions() -> None:
    plan, _ = load_plan(PRESETS["70-30"])
    assert [(q.id, q.effective_weight) for q in plan.questions()] == [
        ("Q1", 12),
        ("Q2", 12),
        ("Q3", 6),
    ]


def test_ppn002_profile_is_checked() -> None:
    plan, _ = load_plan(PRESETS["ppn002"])
    assert plan.profile == "ppn002"
    assert plan.pillar_weight("social_value") >= 10
