"""What a lot's reasons say under a lot cap (award/cap.py), worked by hand: price only, so
the cheapest rate in a lot ranks first and equal rates are level.

Before, an undecided lot's reasons began "the tender ranked 3" (a fragment of the proposed
wording, naming no tender, for a lot proposed to nobody); a tender tied with the one proposed
and passed over by the cap was called "higher-ranked"; and a tie decided by the buyer read
"the tender ranked 1; 2 tenders are level at rank 1 …".
"""

from __future__ import annotations

from pathlib import Path

import tendereval
from tendereval.award.recorded import Decisions, RecordedAward
from tendereval.scoring.combine import score

from ..scoring.builders import make_plan, tender
from .red_team_tenders import Bid
from .test_cap_rules import PRICE_ONLY, cap, lots
from .test_red_team_agreement import capped_tender, summary_rows

THREE_LOTS = lots({"A": 300_000, "B": 200_000, "C": 100_000})


def _award(rates: dict[tuple[str, str], float], decisions: Decisions | None = None):
    plan = make_plan(cap(1, "descending_value"), PRICE_ONLY, lots=THREE_LOTS)
    result = score(tender(plan, rates=rates), sensitivity=False)
    return result.award if decisions is None else tendereval.decide(result, decisions)


# A: X and Y level. B: W alone. C: W first, X second: W holds its one lot (B), and whether X
# has room depends on A.
WAITING = {("X", "A"): 10.0, ("Y", "A"): 10.0, ("W", "B"): 10.0, ("W", "C"): 10.0, ("X", "C"): 12.0}


def test_an_undecided_lot_says_why_it_waits_naming_the_tender_meant() -> None:
    award = _award(WAITING)
    assert award.undecided == ["A", "C"]
    assert award.lots["A"].reasons == (
        "2 tenders are level at rank 1 (X; Y) and the plan's tie-break does not separate "
        "them: the tie is not yet resolved; the buyer decides it and records the decision in "
        "decisions.toml",
    )
    assert award.lots["C"].reasons == (
        "under the published lot-cap mechanism the lot passes over higher-ranked tenders: W "
        "holds the maximum of 1 lot already",
        "whether X (ranked 2) still has room under the cap depends on the undecided award of "
        "lot A: decide that first",
    )


def test_a_tie_the_buyer_decides_is_said_once() -> None:
    record = RecordedAward("A", "Y", "Tie-break by lot", "Head", "2026-03-05")
    award = _award(WAITING, Decisions((record,), source="decisions.toml"))
    (reason,) = award.lots["A"].reasons
    assert reason.startswith("2 tenders are level at rank 1 (X; Y); awarded by ")
    # X has room again: C goes to it, past W, ranked above it.
    assert award.winner("C") == "X"
    assert award.lots["C"].reasons[0] == "the tender ranked 2"


def test_a_tender_level_with_the_one_proposed_is_not_called_higher_ranked() -> None:
    # A: X alone. B: X and Y level, X holding its one lot: B goes to Y, ranked level with X.
    award = _award({("X", "A"): 10.0, ("X", "B"): 10.0, ("Y", "B"): 10.0, ("Z", "C"): 10.0})
    assert award.winner("B") == "Y"
    assert award.lots["B"].reasons == (
        "the tender ranked 1",
        "under the published lot-cap mechanism the lot passes over a tender ranked level with "
        "it: X holds the maximum of 1 lot already",
    )


def test_a_supplier_passed_over_in_a_lot_still_undecided_is_not_told_it_is_not_awarded(
    tmp_path: Path,
) -> None:
    """W holds its one lot (B); C waits on A. W's summary for C said "this lot is not
    awarded", which reads as a lot the buyer will not award."""
    bids = [
        Bid("X Care", "A", 10),
        Bid("Y Care", "A", 10),
        Bid("W Care", "B", 10),
        Bid("W Care", "C", 10),
        Bid("X Care", "C", 12),
    ]
    folder = capped_tender(tmp_path / "tender", ["A", "B", "C"], bids, "descending_value")
    done = tendereval.summaries(folder, tmp_path / "summaries")
    assert done.award.undecided == ["A", "C"]
    row = summary_rows(done.paths)[("W Care", "C")]
    assert row[2].endswith(
        "under the published lot-cap mechanism this lot goes to another tender once its award "
        "is decided."
    )
