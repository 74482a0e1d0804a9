"""A lot with no ranked tender says which case it is: no bid received, or how many of its
bids were disqualified and how many invalid. The reason read "none was bid, or every bid was
disqualified or invalid", leaving the committee to work it out from the counts beside it."""

from __future__ import annotations

import json
from pathlib import Path

import tendereval
from tests.award.red_team_tenders import PLAN, Bid, tender_folder

# Q1 below 2 disqualifies the bid.
WITH_MINIMUM = PLAN.replace(
    '  scale = "five"\n', '  scale = "five"\n  minimum = 2\n  disqualify_below_minimum = true\n'
)


def test_each_lot_with_no_ranked_tender_says_why(tmp_path: Path) -> None:
    folder = tender_folder(
        tmp_path / "t",
        ["L1", "L2", "L3", "L4", "L5"],
        [
            Bid("Acme Ltd", "L1", 20, q1=4),
            Bid("Acme Ltd", "L3", "not a rate"),
            Bid("Acme Ltd", "L4", 20, q1=1),
            Bid("Bravo Ltd", "L4", 20, q1=0),
            Bid("Cobalt Ltd", "L4", "x"),
            Bid("Bravo Ltd", "L5", 20, q1=1),
            Bid("Cobalt Ltd", "L5", 21, q1=0),
        ],
        plan=WITH_MINIMUM,
    )
    result = tendereval.score(folder, sensitivity=False)
    reasons = {lot: award.reasons for lot, award in result.award.lots.items()}
    prefix = "no tender in this lot could be ranked: "
    assert reasons["L2"] == (prefix + "no bid was received for it",)
    assert reasons["L3"] == (prefix + "its one bid was invalid",)
    assert reasons["L4"] == (prefix + "of its 3 bids, 2 were disqualified and 1 was invalid",)
    assert reasons["L5"] == (prefix + "its 2 bids were all disqualified",)
    assert result.award.lots["L1"].awarded


def test_the_award_release_says_not_awarded_for_a_lot_none_could_be_ranked(
    tmp_path: Path,
) -> None:
    folder = tender_folder(
        tmp_path / "t",
        ["L1", "L2", "L3"],
        [Bid("Acme Ltd", "L1", 20, q1=4), Bid("Bravo Ltd", "L3", 20, q1=1)],
        plan=WITH_MINIMUM,
    )
    result = tendereval.score(folder, sensitivity=False)
    published = tendereval.publish(result, tmp_path / "award.json", ocid_prefix="ocds-abc123")
    package = json.loads((tmp_path / "award.json").read_text(encoding="utf-8"))
    assert published.blockers == []
    awards = {a["relatedLots"][0]: a for r in package["releases"] for a in r.get("awards", [])}
    assert awards["L1"]["status"] != "unsuccessful"
    for lot in ("L2", "L3"):
        assert awards[lot]["status"] == "unsuccessful"
        assert awards[lot]["description"] == "Not awarded: no tender in this lot could be ranked."
