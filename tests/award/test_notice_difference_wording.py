"""What stops an award when the plan differs from the published notice, read as an officer
reads it: what differs, where (the plan's key and the notice), and what to do.

The blocker said "The plan (tender.toml) has 2 errors ... the bids must be evaluated on the
criteria and weights the notice published", whatever differed: a lot cap of 3 where the notice
published 2 was said to be about criteria and weights, and the blocker never said which
figures differed. And ``held_back`` ("the bids were scored on criteria or weights other than
those published") was said of a lot cap too.
"""

from __future__ import annotations

from pathlib import Path

import tendereval
from tests.award.test_red_team_notice import BIDS, SUPPLIERS, reweighted
from tests.ocds.tenders import tender_from_notice


def _recapped(folder: Path) -> Path:
    tender_from_notice(folder, BIDS, SUPPLIERS)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert "max_lots_per_supplier = 2" in text
    plan.write_text(text.replace("max_lots_per_supplier = 2", "max_lots_per_supplier = 3", 1))
    return folder


def test_a_weight_difference_names_each_weight_its_place_and_what_to_do(tmp_path: Path) -> None:
    award = tendereval.score(reweighted(tmp_path / "tender"), sensitivity=False).award
    assert award.blockers == [
        "The plan (tender.toml) differs from the published notice (notice.json) in 2 places, "
        "so no award may be made on it yet: the weight of criterion 'Service delivery model' "
        "(Q1) in every lot (criteria[1].questions[0].weight_of_total: 35 points of 100 in the "
        "plan, 30% in the notice); the weight of criterion 'Price' (price) in every lot "
        "(criteria[0].weight_of_total: 35 points of 100 in the plan, 40% in the notice). "
        "Bids are evaluated on the award criteria and weights the notice published "
        "(Procurement Act 2023 s.23). Change tender.toml to match notice.json, then score "
        "again."
    ]
    assert award.held_back == (
        "not to be made yet: the plan (tender.toml) differs from the published notice "
        "(notice.json) in its award criteria or weights, so the bids were scored on criteria "
        "or weights other than those published"
    )


def test_a_lot_cap_difference_is_not_called_a_criteria_or_weights_difference(
    tmp_path: Path,
) -> None:
    award = tendereval.score(_recapped(tmp_path / "tender"), sensitivity=False).award
    assert award.blockers == [
        "The plan (tender.toml) differs from the published notice (notice.json) in 1 place, "
        "so no award may be made on it yet: the cap on lots per supplier "
        "(participation.max_lots_per_supplier: 3 in the plan, 2 in the notice). "
        "The cap on lots per supplier is the one the notice published (Procurement Act 2023 "
        "s.23(4)). Change tender.toml to match notice.json, then score again."
    ]
    assert award.held_back == (
        "not to be made yet: the plan (tender.toml) differs from the published notice "
        "(notice.json) in its cap on lots per supplier"
    )


def test_publish_names_each_difference_once(tmp_path: Path) -> None:
    """publish listed each difference again after the blocker that now names them."""
    folder = reweighted(tmp_path / "tender")
    done = tendereval.publish(folder, tmp_path / "award.json")
    assert not done.written
    assert sum("criteria[0].weight_of_total" in b for b in done.blockers) == 1
    assert done.blockers == tendereval.score(folder, sensitivity=False).award.blockers
