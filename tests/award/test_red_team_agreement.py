"""Red team, round 2: awkward tenders through every command.

Random small tenders (ties, disqualifications, invalid and abnormally low bids, unbid lots, a
lot cap under each published rule) go through ``score``, ``allocate``, ``summaries`` and
``publish`` (the Python calls the commands make): each must name the same winner, or none, in
every lot, give every bid the same status and reasons, and agree on whether the summaries may
go out and the award be published. Each summary must say what the decision says of its reader.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tendereval
from tests.award.red_team_tenders import PLAN, Bid, tender_folder

CAP = """
[participation]
max_lots_per_supplier = 1
cap_rule = "{rule}"
cap_mechanism = "Lots in the published order; a supplier holding the cap is passed over."
"""


def capped_tender(
    folder: Path, lots: list[str], bids: list[Bid], rule: str, plan: str = PLAN
) -> Path:
    """A tender capped at one lot per supplier under ``rule``, lots worth less down the list."""
    tender_folder(folder, lots, bids, plan=plan, extra=CAP.format(rule=rule))
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


SUPPLIERS = ["Ash Care", "Birch Care", "Cedar Care"]
LOTS = ["A", "B", "C"]
# A Q1 score below 2 disqualifies; a rate under 60% of the lot's median is abnormally low; a
# rate that is not money, zero or negative makes the bid invalid.
MINIMUM = 'scale = "five"\n  minimum = 2\n  disqualify_below_minimum = true'
ABNORMALLY_LOW = "\n[abnormally_low]\nshare_of_median = 0.6\n"
PUBLISHED_AT = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
bids_strategy = st.lists(
    st.builds(
        Bid,
        st.sampled_from(SUPPLIERS),
        st.sampled_from(LOTS),
        st.sampled_from([10, 10, 12, 4, 0, "abc"]),
        st.integers(1, 4),
    ),
    min_size=1,
    max_size=7,
    unique_by=lambda bid: (bid.supplier, bid.lot),
)


def awkward_tender(folder: Path, bids: list[Bid], rule: str | None) -> Path:
    """The tender of ``bids`` in lots A–C with a minimum Q1 score that disqualifies, under
    a cap of one lot applied by ``rule``, or with no cap and the abnormally-low check."""
    plan = PLAN.replace('scale = "five"', MINIMUM)
    if rule is None:
        return tender_folder(folder, LOTS, bids, plan=plan, extra=ABNORMALLY_LOW)
    return capped_tender(folder, LOTS, bids, rule, plan)


def lot_winners(allocation) -> dict[str, str]:
    return {
        lot: supplier
        for supplier, lots in allocation.awarded.select("supplier", "lots").iter_rows()
        for lot in lots
    }


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bids=bids_strategy, rule=st.sampled_from([None, "descending_value", "highest_total_score"]))
def test_every_command_reaches_the_same_decision_on_awkward_tenders(
    tmp_path_factory: pytest.TempPathFactory, bids: list[Bid], rule: str | None
) -> None:
    root = tmp_path_factory.mktemp("tender")
    folder = awkward_tender(root / "t", bids, rule)
    scored = tendereval.score(folder, sensitivity=False)
    award = scored.award
    written = tendereval.summaries(folder, root / "summaries")
    published = tendereval.publish(
        folder, root / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT
    )

    def decided(decision) -> dict:
        return {
            lot: (a.outcome, a.supplier, a.tied, a.passed_over, a.reasons)
            for lot, a in decision.lots.items()
        }

    assert decided(written.award) == decided(award)
    assert written.ready == award.summaries_ready
    assert published.written == (award.summaries_ready and not published.blockers)
    assert published.written or published.blockers
    if published.written:
        for entry in published.package["releases"][0]["awards"]:
            lot = award.lots[entry["relatedLots"][0]]
            names = [s["name"] for s in entry.get("suppliers", [])]
            assert names == ([lot.supplier] if lot.awarded else [])

    try:
        allocated = tendereval.allocate(folder)
    except tendereval.InputError:
        # Nothing can be allocated when no bid is ranked and some have errors.
        assert not any(a.awarded for a in award.lots.values())
        assert scored.results.filter(pl.col("status") == "ranked").is_empty()
    else:
        assert decided(allocated.award) == decided(award)
        columns = ["supplier", "lot", "status", "reasons"]
        assert (
            allocated.result.results.select(columns)
            .sort("supplier", "lot")
            .equals(scored.results.select(columns).sort("supplier", "lot"))
        )
        won = lot_winners(allocated.allocation)
        for lot, a in award.lots.items():
            if a.outcome == "undecided":
                assert lot in allocated.undecided
            elif rule is None:  # without a cap the optimiser's answer is the ranking's
                assert won.get(lot) == a.supplier, (lot, a, won)

    # Each summary says of its reader what the decision says.
    results = {(r["supplier"], r["lot"]): r for r in scored.results.iter_rows(named=True)}
    for (supplier, lot), row in summary_rows(written.paths).items():
        a, bid = award.lots[lot], results[(supplier, lot)]
        text = row[2]
        if bid["status"] == "disqualified":
            assert text.startswith("Your tender was disqualified")
        elif bid["status"] != "ranked":
            assert text.startswith("Your tender could not be assessed")
        else:
            assert row[4] == bid["rank"]
            mine = a.awarded and a.supplier == supplier
            assert mine == text.startswith(
                ("Your tender was the most advantageous", "Your tender is to be awarded")
            )
            assert (supplier in a.passed_over) == text.startswith("Your tender was ranked")
            if text == "Another tender was more advantageous.":
                assert a.awarded and not mine and supplier not in a.tied
