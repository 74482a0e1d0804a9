"""Red team, round 2: awkward tenders through every command.

Random small tenders (ties, disqualifications, invalid and abnormally low bids, unbid lots, a
lot cap under each published rule) go through ``score``, ``allocate``, ``summaries`` and
``publish`` (the Python calls the commands make): each must name the same winner, or none, in
every lot, give every bid the same status and reasons, and agree on whether the summaries may
go out and the award be published. Each summary must say what the decision says of its reader.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl

import tendereval
from tests.award.red_team_tenders import Bid, tender_folder

CAP = """
[participation]
max_lots_per_supplier = 1
cap_rule = "{rule}"
cap_mechanism = "Lots in the published order; a supplier holding the cap is passed over."
"""


def capped_tender(folder: Path, lots: list[str], bids: list[Bid], rule: str) -> Path:
    """A tender capped at one lot per supplier under ``rule``, lots worth less down the list."""
    tender_folder(folder, lots, bids, extra=CAP.format(rule=rule))
    plan = (folder / "tender.toml").read_text(encoding="utf-8")
    for position, lot in enumerate(lots):
        plan = plan.replace(
            f'name = "Lot {lot}"\n', f'name = "Lot {lot}"\nestimated_value = {900 - position}\n'
        )
    (folder / "tender.toml").write_text(plan, encoding="utf-8")
    return folder


def summary_rows(paths: list[Path]) -> dict[tuple[str, str], tuple]:
    """(supplier, lot) → the row of that supplier's Summary sheet for the lot."""
    rows = {}
    for path in paths:
        supplier = None
        for row in openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True):
            if row[0] == "Supplier":
                supplier = row[1]
            elif supplier and row[0] in ("A", "B", "C", "D"):
                rows[(supplier, row[0])] = row
    return rows


def test_a_tender_given_the_lot_because_an_equal_one_holds_the_cap_is_not_told_it_ranked_lower(
    tmp_path: Path,
) -> None:
    """Ash and Birch tie for first in lot B; Ash already holds the cap (lot A, worth more), so
    B goes to Birch. Birch's summary said "a higher-ranked tender's supplier is to be awarded
    the maximum", beside its own position 1; and Ash's said "the maximum of 1 lots"."""
    bids = [Bid("Ash Care", "A", 10, 2), Bid("Ash Care", "B", 10, 2), Bid("Birch Care", "B", 10, 2)]
    folder = capped_tender(tmp_path / "tender", ["A", "B"], bids, "descending_value")
    done = tendereval.summaries(folder, tmp_path / "summaries")
    award = done.award.lots["B"]
    assert (award.supplier, award.basis, award.first) == (
        "Birch Care",
        "lot_cap",
        ("Ash Care", "Birch Care"),
    )
    rows = summary_rows(done.paths)
    birch, ash = rows[("Birch Care", "B")], rows[("Ash Care", "B")]
    assert birch[4] == 1 and "higher-ranked" not in birch[2]
    assert "a tender ranked level with yours" in birch[2]
    assert "maximum of 1 lot one supplier may win" in ash[2]
    # Ranked below the capped supplier, the higher-ranked wording stays.
    bids[1] = Bid("Ash Care", "B", 10, 3)
    folder = capped_tender(tmp_path / "second", ["A", "B"], bids, "descending_value")
    done = tendereval.summaries(folder, tmp_path / "second-summaries")
    birch = summary_rows(done.paths)[("Birch Care", "B")]
    assert birch[4] == 2 and "a higher-ranked tender's supplier" in birch[2]


def test_a_lot_left_unawarded_by_a_combination_rule_says_so_to_the_capped_supplier(
    tmp_path: Path,
) -> None:
    """Damson alone bids A and B under a cap of one lot and a combination rule: it gets A,
    and B cannot be awarded. Its summary for B said "Another tender was more advantageous."
    (there was none) beside its position 1, and the score results called its bid
    ``not_awarded`` where the sequential rules call it ``passed_over``. Now every rule gives
    the same outcome, and the summary says the lot is not awarded."""
    bids = [Bid("Damson Care", "A", 10, 3), Bid("Damson Care", "B", 10, 2)]
    for rule in ("highest_total_score", "lowest_total_cost", "descending_value"):
        folder = capped_tender(tmp_path / rule, ["A", "B"], bids, rule)
        done = tendereval.summaries(folder, tmp_path / f"{rule}-summaries")
        award = done.award.lots["B"]
        assert (award.outcome, award.passed_over) == ("no_award", ("Damson Care",)), rule
        assert award.reasons == (
            "every ranked tender's supplier holds the cap: Damson Care holds the maximum of "
            "1 lot already",
        )
        outcomes = done.award.bid_outcomes(tendereval.score(folder, sensitivity=False).results)
        assert outcomes.filter(pl.col("lot") == "B").get_column("award").to_list() == [
            "passed_over"
        ]
        row = summary_rows(done.paths)[("Damson Care", "B")]
        assert row[4] == 1
        assert row[2] == (
            "Your tender was ranked 1, but you are to be awarded the maximum of 1 lot one "
            "supplier may win in other lots; under the published lot-cap mechanism this lot "
            "is not awarded."
        ), rule


def test_a_tender_level_with_the_winner_passed_over_by_a_combination_rule_is_told_so(
    tmp_path: Path,
) -> None:
    """Ash wins A outright and ties with Birch for first in B; under a cap of one lot, B goes
    to Birch. Under the combination rules Ash's summary for B said "Another tender was more
    advantageous." (Ash's was as advantageous: the cap passed it over), where the sequential
    rule says so; and the score results called Ash's bid not_awarded, not passed_over."""
    bids = [Bid("Ash Care", "A", 10, 5), Bid("Ash Care", "B", 10, 2), Bid("Birch Care", "B", 10, 2)]
    for rule in ("highest_total_score", "lowest_total_cost", "descending_value"):
        folder = capped_tender(tmp_path / rule, ["A", "B"], bids, rule)
        done = tendereval.summaries(folder, tmp_path / f"{rule}-summaries")
        award = done.award.lots["B"]
        assert (award.supplier, award.passed_over) == ("Birch Care", ("Ash Care",)), rule
        outcomes = done.award.bid_outcomes(tendereval.score(folder, sensitivity=False).results)
        assert dict(
            outcomes.filter(pl.col("lot") == "B").select("supplier", "award").iter_rows()
        ) == {"Ash Care": "passed_over", "Birch Care": "awarded"}
        row = summary_rows(done.paths)[("Ash Care", "B")]
        assert row[2].startswith("Your tender was ranked 1, but you are to be awarded the "), rule
