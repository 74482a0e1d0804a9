"""A notice publishing a price criterion and a separate cost criterion: init says plainly that
no plan can match it, rather than advising a split that cannot pass the check.

Found by a red team (session 40, rtocds 11): init advised "split the weights as your tender
documents do", but a plan split so failed notice.type, and the plan as written failed
notice.weight: no plan validated.
"""

from __future__ import annotations

import tendereval

from .tenders import notice_changed

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


def test_init_says_no_plan_can_match_such_a_notice(tmp_path) -> None:
    made = tendereval.init_from_notice(tmp_path / "t", notice_changed(tmp_path, _price_and_cost))
    (said,) = [c for c in made.choices if "'Whole-life cost of equipment'" in c]
    assert "written as one, weighing their sum" in said
    assert "No plan can match the notice as published" in said
    assert "split the weights" not in said
