"""init's placeholder for a lot-cap mechanism the notice does not word is a placeholder like
TENDER-001: validate and template warn of it (plan.placeholder), and the award notice waits
until it is replaced.

Found by a red team (session 40, rtocds 3): "As published in the tender documents (copy the
objective mechanism here)" was published as the award notice's awardCriteriaDetails and sent
to every supplier in the bid-return template's instructions, with no word.
"""

from __future__ import annotations

from pathlib import Path

import tendereval
from tendereval.plan_lint import placeholders_left

from .tenders import CAP_PLACEHOLDER, MECHANISM, NOTICE, Bid, Supplier, edit_plan, write_bids

SUPPLIERS = [Supplier("Alpha Care", "01234567"), Supplier("Beta Care", "07654321")]
BIDS = [Bid("Alpha Care", "1", 500_000, (4, 4, 4)), Bid("Beta Care", "2", 500_000)]


def test_the_placeholder_mechanism_is_named_and_holds_the_award_notice(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    made = tendereval.init_from_notice(folder, NOTICE)
    write_bids(folder, BIDS, SUPPLIERS)
    plan, _ = tendereval.load_plan(made.plan)
    (left,) = placeholders_left(plan)
    assert (left.cell, left.code, left.found) == (
        "participation.cap_mechanism",
        "plan.placeholder",
        repr(CAP_PLACEHOLDER),
    )
    assert "published in the award notice" in left.expected
    held = tendereval.publish(folder, tmp_path / "award.json")
    assert not held.written and not (tmp_path / "award.json").exists()
    blocker = "tender.toml › participation.cap_mechanism: still the placeholder written"
    assert any(b.startswith(blocker) for b in held.blockers), held.blockers
    # Replaced by the published mechanism, the award notice publishes that.
    edit_plan(folder, (CAP_PLACEHOLDER, MECHANISM))
    done = tendereval.publish(folder, tmp_path / "award.json")
    assert done.written, done.blockers
    details = done.package["releases"][0]["tender"]["lotDetails"]["awardCriteriaDetails"]
    assert details == f"Lot cap: {MECHANISM}"
