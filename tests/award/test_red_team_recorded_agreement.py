"""Red team, round 3: the buyer's record after scoring, on random awkward tenders.

The random small tenders of round 2 (ties, disqualified, invalid and abnormally low bids, a
lot cap under each published rule), each with a random record in ``decisions.toml``: tenders
withdrawn (from one lot, or every lot), tenders disregarded on a lawful ground, invalid tenders
rejected, lots not to be awarded. ``score``, ``summaries``, ``publish`` and ``allocate`` must
apply the record the same way: the same winner, or none, in every lot; every tender accounted
for with the same status; a summary for exactly the suppliers still in the competition, saying
what the record says of each of its tenders; the award notice's lots and bids as the record has
them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.award.recorded import GROUNDS
from tests.award.red_team_tenders import Bid, tender_folder
from tests.award.test_red_team_agreement import (
    LOTS,
    PUBLISHED_AT,
    awkward_tender,
    bids_strategy,
    lot_winners,
    summary_rows,
)

INVALID_RATES = (0, "abc")  # not money, or not above £0: the tender cannot be assessed


@st.composite
def recorded(draw: st.DrawFn, bids: list[Bid]) -> dict:
    """A record that names only tenders that were made, one entry at most for each tender:
    ``{"withdrawn": {(supplier, lot)}, "whole": {supplier}, "disregarded": {(supplier, lot):
    ground}, "rejected": {(supplier, lot)}, "no_award": [lot]}``."""
    record: dict = {"withdrawn": set(), "whole": set(), "disregarded": {}, "rejected": set()}
    for bid in bids:
        tender = (bid.supplier, bid.lot)
        if bid.supplier in record["whole"]:
            continue
        options = ["stands", "withdrawn", "withdrawn from every lot", "disregarded"]
        if bid.rate in INVALID_RATES:
            options.append("rejected")
        action = draw(st.sampled_from(options))
        if action == "withdrawn":
            record["withdrawn"].add(tender)
        elif action == "withdrawn from every lot":
            others = [b for b in bids if b.supplier == bid.supplier]
            if all(
                (b.supplier, b.lot) not in record["disregarded"]
                and (b.supplier, b.lot) not in record["rejected"]
                and (b.supplier, b.lot) not in record["withdrawn"]
                for b in others
            ):
                record["whole"].add(bid.supplier)
        elif action == "disregarded":
            record["disregarded"][tender] = draw(st.sampled_from(sorted(GROUNDS)))
        elif action == "rejected":
            record["rejected"].add(tender)
    record["no_award"] = draw(st.lists(st.sampled_from(LOTS), unique=True, max_size=2))
    return record


def decisions_toml(record: dict) -> str:
    text = ""
    for supplier, lot in sorted(record["withdrawn"]):
        text += f'[[withdrawal]]\nsupplier = "{supplier}"\nlot = "{lot}"\n'
        text += "withdrawn_on = 2026-09-29\n\n"
    for supplier in sorted(record["whole"]):
        text += f'[[withdrawal]]\nsupplier = "{supplier}"\nwithdrawn_on = 2026-09-28\n\n'
    for (supplier, lot), ground in sorted(record["disregarded"].items()):
        text += f'[[rejection]]\nsupplier = "{supplier}"\nlot = "{lot}"\nground = "{ground}"\n'
        text += 'reason = "Recorded in the file note"\ndecided_on = 2026-09-30\n'
        if ground == "abnormally_low":
            text += "queried_on = 2026-09-25\n"
        text += "\n"
    for supplier, lot in sorted(record["rejected"]):
        text += f'[[rejection]]\nsupplier = "{supplier}"\nlot = "{lot}"\n'
        text += 'reason = "The price was not an amount"\ndecided_on = 2026-09-30\n\n'
    for lot in record["no_award"]:
        text += f'[[no_award]]\nlot = "{lot}"\nreason = "Over budget"\ndecided_on = 2026-09-30\n\n'
    return text


def withdrawn(record: dict, supplier: str, lot: str) -> bool:
    return supplier in record["whole"] or (supplier, lot) in record["withdrawn"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    bids=bids_strategy,
    rule=st.sampled_from([None, "descending_value", "highest_total_score"]),
)
def test_every_command_applies_the_buyers_record_the_same_way(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, bids: list[Bid], rule: str | None
) -> None:
    record = data.draw(recorded(bids))
    root = tmp_path_factory.mktemp("tender")
    folder = awkward_tender(root / "t", bids, rule)
    (folder / "decisions.toml").write_text(decisions_toml(record), encoding="utf-8")

    scored = tendereval.score(folder, sensitivity=False)
    award = scored.award
    # Every entry names a tender that was made, as the law lets the buyer record it.
    # (An excluded supplier recorded for one lot is warned of, and excluded from every lot;
    # one of its tenders withdrawn as well is warned of as both.)
    said = [p for p in scored.problems if p.code.startswith("decisions.")]
    of_the_exclusion = {"decisions.excluded_for_every_lot", "decisions.disregarded_and_withdrawn"}
    assert not [p for p in said if p.code not in of_the_exclusion]

    # Scoring applies the record: each tender accounted for as the record has it.
    rows = {(r["supplier"], r["lot"]): r for r in scored.results.iter_rows(named=True)}
    assert len(rows) == len(bids)
    for (supplier, lot), row in rows.items():
        if withdrawn(record, supplier, lot):
            assert row["status"] == "withdrawn"
            assert row["rank"] is None and row["total"] is None
        elif (supplier, lot) in record["disregarded"] and row["status"] != "invalid":
            assert row["status"] == "disqualified"
            assert any(
                r.startswith("disregarded by the contracting authority") for r in row["reasons"]
            )
        else:
            assert row["status"] != "withdrawn"
    for lot, decided in award.lots.items():
        if lot in record["no_award"]:
            assert decided.not_to_award and decided.supplier is None
        if decided.supplier is not None:  # only a tender still in the competition wins
            assert rows[(decided.supplier, lot)]["status"] == "ranked"
    # Every error the inputs hold is a rejected, disregarded or withdrawn tender's, or in a
    # lot not to be awarded: the record settles each, so nothing holds the award back.
    settled = all(
        withdrawn(record, s, lot)
        or (s, lot) in record["rejected"]
        or (s, lot) in record["disregarded"]
        or lot in record["no_award"]
        for (s, lot), row in rows.items()
        if row["status"] == "invalid"
    )
    if settled and all(a.outcome != "undecided" for a in award.lots.values()):
        assert award.summaries_ready, award.blockers
    # Each tender an input error makes invalid (a price that is not an amount; a zero price,
    # which no formula can score and the supplier is asked to explain) that the record leaves
    # open could win its lot once put right: the lot's award says it waits on it, and nothing
    # goes out meanwhile.
    # A zero price (scoring's error, at the tender's own return) of a tender whose Q1 of 1 is
    # below the minimum of 2 is not among them: disqualified whatever its price is put right
    # to, it cannot win. ("abc" is an error in evaluation/prices.csv, another file than the
    # return the tender is read from, so it is still waited on.)
    errors = {
        (bid.supplier, bid.lot)
        for bid in bids
        if bid.rate == "abc" or (bid.rate == 0 and bid.q1 >= 2)
    }
    for bid in bids:
        if bid.rate == 0 and bid.q1 < 2 and not withdrawn(record, bid.supplier, bid.lot):
            assert rows[(bid.supplier, bid.lot)]["status"] == "disqualified"
    still_open = {
        (s, lot)
        for (s, lot), row in rows.items()
        if (s, lot) in errors
        and not withdrawn(record, s, lot)
        and (s, lot) not in record["rejected"]
        and (s, lot) not in record["disregarded"]
        and lot not in record["no_award"]
    }
    assert {(s, lot) for lot, s in award.not_put_right} == still_open
    if still_open:
        assert not award.summaries_ready and award.held_back is not None
        assert {lot for lot, _ in award.waiting()} == {lot for _, lot in still_open}

    def decided(decision) -> dict:
        return {
            lot: (a.outcome, a.supplier, a.tied, a.passed_over, a.reasons, a.not_to_award)
            for lot, a in decision.lots.items()
        }

    # Summaries: one for each supplier with a tender it did not withdraw, saying so of each.
    written = tendereval.summaries(folder, root / "summaries")
    assert decided(written.award) == decided(award)
    assert written.ready == award.summaries_ready
    still_in = {s for (s, lot) in rows if not withdrawn(record, s, lot)}
    gone = {s for (s, _) in rows} - still_in
    assert len(written.paths) == len(still_in)
    assert set(written.withdrawn) == gone
    summary = summary_rows(written.paths)
    assert {s for (s, _) in summary} == still_in
    for (supplier, lot), line in summary.items():
        text = line[2]
        if withdrawn(record, supplier, lot):
            when = "2026-09-28" if supplier in record["whole"] else "2026-09-29"
            assert text == f"You withdrew this tender on {when}, so it was not assessed."
        elif rows[(supplier, lot)]["status"] == "ranked" and lot in record["no_award"]:
            assert text.startswith("The contracting authority decided on 2026-09-30 not to award")
        elif rows[(supplier, lot)]["status"] == "disqualified":
            assert text.startswith("Your tender was disqualified")
            if (supplier, lot) in record["disregarded"]:
                assert "disregarded by the contracting authority on 2026-09-30" in text

    # The award notice, and the buyer's own record of every bid.
    published = tendereval.publish(
        folder,
        root / "award.json",
        internal=True,
        ocid_prefix="ocds-abc123",
        published_at=PUBLISHED_AT,
    )
    assert published.written == (award.summaries_ready and not published.blockers)
    if published.written:
        release = json.loads((root / "award.json").read_text(encoding="utf-8"))["releases"][0]
        lots = {lot["id"]: lot["status"] for lot in release["tender"]["lots"]}
        for lot in LOTS:
            assert (lots[lot] == "cancelled") == (lot in record["no_award"])
        for entry in release["awards"]:
            lot = award.lots[entry["relatedLots"][0]]
            names = [s["name"] for s in entry.get("suppliers", [])]
            assert names == ([lot.supplier] if lot.awarded else [])
        statuses = {
            (tenderer["name"], bid["relatedLots"][0]): bid["status"]
            for bid in release["bids"]["details"]
            for tenderer in bid["tenderers"]
        }
        for (supplier, lot), row in rows.items():
            expected = {"ranked": "valid", "withdrawn": "withdrawn"}.get(
                row["status"], "disqualified"
            )
            assert statuses[(supplier, lot)] == expected
        received = [s for s in release["bids"]["statistics"] if s["measure"] == "bids"]
        assert sum(s["value"] for s in received) == len(bids)

    # allocate: the same award; no lot the buyer will not award, no tender set aside, wins.
    try:
        allocated = tendereval.allocate(folder)
    except tendereval.InputError:
        assert not any(a.awarded for a in award.lots.values())
        return
    assert decided(allocated.award) == decided(award)
    won = lot_winners(allocated.allocation)
    for lot in record["no_award"]:
        assert lot not in won
    for lot, supplier in won.items():
        assert rows[(supplier, lot)]["status"] == "ranked"
    if rule is None:
        for lot, a in award.lots.items():
            if a.outcome != "undecided":
                assert won.get(lot) == a.supplier, (lot, a, won)


@pytest.mark.parametrize("seed_case", ["every tender withdrawn", "every lot not awarded"])
def test_a_record_that_sets_every_tender_or_lot_aside_leaves_nothing_awarded(
    tmp_path: Path, seed_case: str
) -> None:
    """The edges of the property above, spelled out: nothing is awarded, no summary goes to a
    supplier whose every tender was withdrawn, and no award notice is written (no contract
    follows: publish says what is owed instead), though the release would still say why."""
    bids = [Bid("Ash Care", "A", 10, 3), Bid("Birch Care", "A", 12, 4), Bid("Ash Care", "B", 11)]
    if seed_case == "every tender withdrawn":
        record = {"withdrawn": set(), "whole": {"Ash Care", "Birch Care"}, "no_award": []}
    else:
        record = {"withdrawn": set(), "whole": set(), "no_award": LOTS}
    record |= {"disregarded": {}, "rejected": set()}
    folder = tender_folder(tmp_path / "t", LOTS, bids)
    (folder / "decisions.toml").write_text(decisions_toml(record), encoding="utf-8")
    award = tendereval.score(folder, sensitivity=False).award
    assert not any(a.awarded for a in award.lots.values())
    written = tendereval.summaries(folder, tmp_path / "summaries")
    if seed_case == "every tender withdrawn":
        assert written.paths == [] and set(written.withdrawn) == {"Ash Care", "Birch Care"}
    else:
        assert len(written.paths) == 2
    published = tendereval.publish(
        folder, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT
    )
    assert award.nothing_awarded and published.blockers == [award.owed_instead]
    assert not published.written and not (tmp_path / "award.json").exists()
    from tendereval.ocds.release import release_package

    package = release_package(
        tendereval.score(folder, sensitivity=False),
        ocid="ocds-abc123-RT-1",
        published_at=PUBLISHED_AT,
    )
    release = package["releases"][0]
    expected = "cancelled" if seed_case == "every lot not awarded" else "unsuccessful"
    assert release["tender"]["status"] == expected
    assert dt.date.fromisoformat(release["date"][:10]) == PUBLISHED_AT.date()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    bids=bids_strategy,
    rule=st.sampled_from([None, "descending_value", "highest_total_score"]),
)
def test_a_decision_for_a_tender_set_aside_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, bids: list[Bid], rule: str | None
) -> None:
    """A tie or cap decision recorded before its tender was withdrawn or disregarded is spent:
    the award is the one the same record gives without it, and the decision is a warning."""
    record = data.draw(recorded(bids))
    set_aside = [
        (supplier, lot)
        for supplier, lot in sorted({(b.supplier, b.lot) for b in bids})
        if withdrawn(record, supplier, lot) or (supplier, lot) in record["disregarded"]
    ]
    spent = {lot: supplier for supplier, lot in reversed(set_aside)}  # one a lot
    root = tmp_path_factory.mktemp("tender")
    folder = awkward_tender(root / "t", bids, rule)
    (folder / "decisions.toml").write_text(decisions_toml(record), encoding="utf-8")
    without = tendereval.score(folder, sensitivity=False)
    decisions = "".join(
        f'[[decision]]\nlot = "{lot}"\naward_to = "{supplier}"\nreason = "Drawn by lot"\n\n'
        for lot, supplier in spent.items()
    )
    (folder / "decisions.toml").write_text(decisions + decisions_toml(record), encoding="utf-8")
    with_spent = tendereval.score(folder, sensitivity=False)

    def decided(decision) -> dict:
        return {
            lot: (a.outcome, a.supplier, a.basis, a.tied, a.passed_over)
            for lot, a in decision.lots.items()
        }

    assert decided(with_spent.award) == decided(without.award)
    assert with_spent.award.blockers == without.award.blockers

    # The records themselves may be warned of (an exclusion recorded for one lot applies to
    # every lot; a tender both withdrawn and disregarded): those warnings are the same with or
    # without the spent records, which add only their own.
    def codes(result: tendereval.ScoreResult) -> Counter[tuple[str, bool]]:
        return Counter(
            (p.code, p.is_error) for p in result.problems if p.code.startswith("decisions.")
        )

    added = codes(with_spent) - codes(without)
    assert added == Counter({("decisions.spent", False): len(spent)}) if spent else not added
    assert not codes(without) - codes(with_spent)
