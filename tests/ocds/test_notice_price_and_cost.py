"""A notice publishing a price criterion and a separate cost criterion: a plan has one price
criterion (plan.price_children, "the plan needs exactly one price criterion"), so none can
match it. init says so plainly, and says exactly what to edit in tender.toml and what to
publish for the plan to match: following it, the check finds no difference.

Found by red teams: session 40 (rtocds 11), init advised "split the weights as your tender
documents do", but a plan split so failed notice.type, and the plan as written failed
notice.weight: no plan validated. Session 41: the advice then said only that, a dead end with
nothing to edit.
"""

from __future__ import annotations

import copy
import json

import tendereval
from tendereval.ocds.check import check_folder_against_notice

from .tenders import NOTICE, notice_changed

COST = {
    "type": "cost",
    "name": "Whole-life cost of equipment",
    "numbers": [{"number": 15, "weight": "percentageExact"}],
}


def _price_and_cost(release: dict) -> None:
    for lot in release["tender"]["lots"]:
        criteria = lot["awardCriteria"]["criteria"]
        criteria[-1]["numbers"] = [{"number": 25, "weight": "percentageExact"}]
        criteria.append(dict(COST))


def _advice(made) -> str:
    (said,) = [c for c in made.choices if "as separate price or cost criteria" in c]
    return said


def test_init_says_no_plan_can_match_such_a_notice(tmp_path) -> None:
    made = tendereval.init_from_notice(tmp_path / "t", notice_changed(tmp_path, _price_and_cost))
    said = _advice(made)
    assert said.startswith(
        "the notice publishes 'Price' (25%, price) and 'Whole-life cost of equipment' (15%, "
        "cost) as separate price or cost criteria"
    )
    assert "No plan can match the notice as published" in said
    assert "split the weights" not in said
    assert 'they are written as one: [[criteria]] id = "price", weight_of_total = 40' in said
    plan, _ = tendereval.load_plan(made.plan)
    (price,) = [c for c in plan.criteria if c.pillar == "price"]
    assert (price.id, price.stated_weight) == ("price", 40)
    codes = {p.code for p in check_folder_against_notice(tmp_path / "t", None)}
    assert {"notice.weight", "notice.criterion_missing"} <= codes  # the award is held


def test_the_advice_says_what_to_edit_and_what_to_publish(tmp_path) -> None:
    said = _advice(
        tendereval.init_from_notice(tmp_path / "t", notice_changed(tmp_path, _price_and_cost))
    )
    assert "write every line suppliers price as [[price.items]] with each lot's volumes" in said
    assert "publish a tender update (before tenders are due) giving them as one price " in said
    assert "criterion of 40%; save the notice with the update as notice.json" in said
    assert said.endswith(
        "If they are scored separately, tendereval cannot evaluate this notice's criteria as "
        "published"
    )


def test_the_plan_matches_once_the_update_the_advice_names_is_published(tmp_path) -> None:
    made = tendereval.init_from_notice(tmp_path / "t", notice_changed(tmp_path, _price_and_cost))
    data = json.loads(made.notice.read_text(encoding="utf-8"))
    update = copy.deepcopy(json.loads(NOTICE.read_text(encoding="utf-8"))["releases"][0])
    update.update(id="004512-2026-update", tag=["tenderUpdate"], date="2026-02-02T10:00:00Z")
    for lot in update["tender"]["lots"]:
        criteria = lot["awardCriteria"]["criteria"]
        assert [c["type"] for c in criteria][-1] == "price"
        criteria[-1]["numbers"] = [{"number": 40, "weight": "percentageExact"}]
    data["releases"].append(update)
    made.notice.write_text(json.dumps(data), encoding="utf-8")
    problems = check_folder_against_notice(tmp_path / "t", None)
    assert not [p for p in problems if p.is_error]


def test_a_weight_not_given_is_said(tmp_path) -> None:
    def change(release: dict) -> None:
        _price_and_cost(release)
        for lot in release["tender"]["lots"]:
            del lot["awardCriteria"]["criteria"][-1]["numbers"]

    said = _advice(tendereval.init_from_notice(tmp_path / "t", notice_changed(tmp_path, change)))
    assert "'Whole-life cost of equipment' (cost)" in said
    assert "weight_of_total = 0 until you write it" in said
    assert "giving them as one price criterion; save" in said
