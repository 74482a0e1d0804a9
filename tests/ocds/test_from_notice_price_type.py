"""A price criterion published with its type in other capitals ("Price") or with none: init
once wrote it as a quality question scored 0-5, with [price] method = "quality_only", and said
the notice publishes no price criterion. The type is read as its code, with a warning, as a
lot's status is; a criterion with no type named as price is written as the price criterion,
with a warning naming it."""

from __future__ import annotations

import tomllib

import pytest

from tendereval.errors import Problems
from tendereval.ocds.check import check_against_notice
from tendereval.ocds.from_notice import plan_text
from tendereval.ocds.notice import notice_from_data
from tendereval.plan import parse_plan


def _notice(price: dict) -> dict:
    quality = {"name": "Delivery", "type": "quality", "numbers": [{"number": 60}]}
    quality["numbers"][0]["weight"] = price["numbers"][0]["weight"] = "percentageExact"
    return {
        "ocid": "ocds-h6vhtk-000001",
        "tag": ["tender"],
        "tender": {"id": "T-9", "lots": [{"id": "1", "awardCriteria": {"criteria": [
            quality, price]}}]},
    }  # fmt: skip


def _init(price: dict):
    problems = Problems()
    notice = notice_from_data(_notice(price), "notice.json", problems)
    draft = plan_text(notice)
    plan = parse_plan(tomllib.loads(draft.text), "tender.toml", Problems())
    return notice, plan, draft.choices, problems.items


@pytest.mark.parametrize("kind", ["Price", "PRICE", "Cost"])
def test_a_type_in_other_capitals_is_read_as_its_code_with_a_warning(kind) -> None:
    price = {"name": "Price", "type": kind, "numbers": [{"number": 40}]}
    notice, plan, choices, problems = _init(price)
    assert plan.price.method == "lowest_price_ratio"
    assert [(c.id, c.pillar, c.effective_weight) for c in plan.leaves] == [
        ("price", "price", 40),
        ("quality", "quality", 60),
    ]
    assert not any("publishes no price criterion" in c for c in choices)
    assert [(p.severity.value, p.cell) for p in problems] == [
        ("warning", "release.tender.lots[0].awardCriteria.criteria[1].type")
    ]
    code = kind.lower()
    assert str(problems[0]) == (
        "notice.json › release.tender.lots[0].awardCriteria.criteria[1].type: warning: an award "
        f"criterion's type is not written as OCDS's code, so it is read as {code} (found "
        f"{kind}); expected {code}, as OCDS's codelist writes it"
    )
    assert check_against_notice(plan, notice) == []  # no "published as Price" type error


def test_a_criterion_with_no_type_named_as_price_is_the_price_criterion_with_a_warning() -> None:
    price = {"name": "Whole-life cost", "numbers": [{"number": 40}]}
    notice, plan, _, problems = _init(price)
    assert plan.price.method == "lowest_price_ratio"
    assert [(c.title, c.pillar, c.effective_weight) for c in plan.leaves] == [
        ("Whole-life cost", "price", 40),
        ("Delivery", "quality", 60),
    ]
    assert [(p.severity.value, p.cell) for p in problems] == [
        ("warning", "release.tender.lots[0].awardCriteria.criteria[1].type")
    ]
    assert "the award criterion 'Whole-life cost' is published with no type" in str(problems[0])
    assert check_against_notice(plan, notice) == []


def test_a_criterion_with_no_type_and_another_name_is_as_before() -> None:
    # Nothing says it is price: a quality question, as before, with no warning.
    _, plan, _, problems = _init({"name": "Innovation", "numbers": [{"number": 40}]})
    assert plan.price.method == "quality_only"
    assert problems == []
