"""Equal totals settled by the plan's tie-break: every output says so.

Found by the red team: two bids with equal totals (84 points), the plan's tie-break (higher
quality) placing one first. ``score`` flagged it, but the award's reason said only "ranked
first", and the other bidder's assessment summary said "Another tender was more
advantageous." beside a total equal to the winner's, with no word of the tie-break that
decided it (the Procurement Regulations 2024 reg 31 require the reasons).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tests.award.red_team_tenders import Bid, tender_folder

RULE = "higher quality score then lower evaluated price"


def equal_totals(folder: Path) -> Path:
    # Price 60, quality 40 (Q1 on 0-5, 8 points a step). Xavier: lowest price (£26,000: 60
    # points) and Q1 3 (24): 84. Yew: £30,000 (60 × 26,000 / 30,000 = 52) and Q1 4 (32): 84.
    return tender_folder(
        folder,
        ["A"],
        [
            Bid("Xavier Care", "A", 13, q1=3),
            Bid("Yew Care", "A", 15, q1=4),
            Bid("Zinnia Care", "A", 20, q1=1),
        ],
    )


def summary_outcome(path: Path) -> tuple[str, list[str]]:
    book = openpyxl.load_workbook(path)
    outcome = next(r for r in book["Summary"].iter_rows(values_only=True) if r[0] == "A")[2]
    lot = [c for r in book["Lot A"].iter_rows(values_only=True) for c in r if isinstance(c, str)]
    return outcome, lot


def test_a_tie_on_total_settled_by_the_tie_break_is_explained(tmp_path: Path) -> None:
    folder = equal_totals(tmp_path / "tender")
    result = tendereval.score(folder, sensitivity=False)
    totals = dict(result.results.select("supplier", "total").rows())
    assert totals["Xavier Care"] == totals["Yew Care"] == 84  # worked by hand above

    award = result.award.lots["A"]
    assert (award.supplier, award.basis) == ("Yew Care", "ranked_first")
    assert award.level == ("Xavier Care",)
    assert award.reasons == (
        f"the most advantageous tender: ranked first by the plan's tie-break ({RULE}), its "
        "total equal to that of 1 other tender",
    )

    done = tendereval.summaries(result, tmp_path / "summaries")
    paths = {p.name.split("-")[0]: p for p in done.paths}
    outcome, _ = summary_outcome(paths["yew"])
    assert outcome == (
        "Your tender was the most advantageous tender: its total equalled another tender's, "
        f"and the published tie-break ({RULE}) placed it first."
    )
    outcome, lot = summary_outcome(paths["xavier"])
    assert outcome == (
        "Your tender's total equalled the most advantageous tender's; the published "
        f"tie-break ({RULE}) placed that tender first."
    )
    assert outcome in lot  # under "Further reasons" too
    outcome, _ = summary_outcome(paths["zinnia"])
    assert outcome == "Another tender was more advantageous."


def test_a_clear_winner_is_simply_ranked_first(tmp_path: Path) -> None:
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", 13), Bid("Yew Care", "A", 14)]
    )
    award = tendereval.score(folder, sensitivity=False).award.lots["A"]
    assert award.level == ()
    assert award.reasons == ("the most advantageous tender: ranked first",)
