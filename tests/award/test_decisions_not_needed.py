"""A recorded decision the award does not need, and a withdrawal recorded twice, are said.

Found by a red team: decisions.toml recorded lot CSB as a tie with Brightwater resolved by
drawing lots, but Weald Carers Trust was ranked first alone (a score sheet corrected since, say).
The decision was silently not applied, no command said a word, and the report's Audit sheet
showed the lottery as the lot's "Recorded decision" beside "ranked first". And the same
withdrawal recorded twice with two dates was applied twice without a word.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tendereval.report.excel import write_report
from tests.award.red_team_tenders import Bid, tender_folder
from tests.example_copies import example_copy

LOTTERY = """
[[decision]]
lot = "CSB"
award_to = "Weald Carers Trust"
reason = "Tie for first place with Brightwater resolved by drawing lots (ITT 9.4)"
decided_by = "Head of Commissioning"
decided_on = 2026-12-01
"""
WITHDRAWN_TWICE = """
[[withdrawal]]
supplier = "Hop Garden Respite CIC"
withdrawn_on = 2026-12-02

[[withdrawal]]
supplier = "Hop Garden Respite CIC"
withdrawn_on = 2026-12-03
"""


def _scored(tmp_path: Path, record: str) -> tendereval.ScoreResult:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(record, encoding="utf-8")
    return tendereval.score(folder, sensitivity=False)


def _audit_award(path: Path) -> dict[str, str]:
    rows = list(openpyxl.load_workbook(path)["Audit"].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == "Lot" and "Outcome" in r)
    return dict(zip(rows[top][:5], rows[top + 1][:5], strict=True))


def test_a_decision_for_a_lot_ranked_first_alone_is_warned_of_as_not_needed(
    tmp_path: Path,
) -> None:
    result = _scored(tmp_path, LOTTERY)
    lot = result.award.lots["CSB"]
    assert lot.supplier == "Weald Carers Trust" and lot.basis == "ranked_first"
    (warning,) = [p for p in result.award.problems if p.code == "decisions.not_needed"]
    assert not warning.is_error and warning.cell == "decision[0].award_to"
    assert warning.message == (
        "the decision for lot CSB is not needed: the plan's rules award the lot to Weald Carers "
        "Trust without it (no tie, and no choice a lot cap leaves to the buyer), so it is not "
        "applied and its reason is not how the lot was decided"
    )
    assert result.award.summaries_ready, result.award.blockers
    audit = _audit_award(write_report(result, tmp_path / "report.xlsx"))
    assert audit["How it was decided"] == "the most advantageous tender: ranked first"
    assert audit["Recorded decision (decisions.toml)"].endswith(
        "; not needed, so not applied: the plan's rules award the lot without it"
    )
    # publish says it too, as it says a spent decision.
    published = tendereval.publish(result, write=False, ocid_prefix="ocds-abc123")
    assert [w for w in published.warnings if "decision for lot CSB is not needed" in w]


def test_a_decision_resolving_a_tie_is_not_warned_of(tmp_path: Path) -> None:
    bids = [Bid("Ash Care", "A", 10), Bid("Birch Care", "A", 10), Bid("Cedar Care", "A", 12)]
    folder = tender_folder(tmp_path / "t", ["A"], bids)
    tie = '[[decision]]\nlot = "A"\naward_to = "Birch Care"\nreason = "Drawn by lot"\n'
    (folder / "decisions.toml").write_text(tie, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.winner("A") == "Birch Care"
    assert result.award.lots["A"].basis == "tie_decision"
    assert not [p for p in result.award.problems if p.code == "decisions.not_needed"]
    audit = _audit_award(write_report(result, tmp_path / "report.xlsx"))
    assert audit["Recorded decision (decisions.toml)"] == (
        "Birch Care: Drawn by lot (by whom not recorded, date not recorded)"
    )


def test_a_withdrawal_recorded_twice_is_warned_of(tmp_path: Path) -> None:
    result = _scored(tmp_path, WITHDRAWN_TWICE)
    (twice,) = [p for p in result.problems if p.code == "decisions.withdrawal_twice"]
    assert not twice.is_error and twice.cell == "withdrawal[1].withdrawn_on"
    assert twice.message == (
        "the withdrawal of Hop Garden Respite CIC (every lot) is recorded twice: at "
        "withdrawal[0] too, on 2026-12-02 there and on 2026-12-03 here"
    )
    other_lot = WITHDRAWN_TWICE.replace(
        "withdrawn_on = 2026-12-03", 'withdrawn_on = 2026-12-03\nlot = "CSB"'
    )
    again = _scored(tmp_path / "other", other_lot)
    assert not [p for p in again.problems if p.code == "decisions.withdrawal_twice"]


def test_decisions_choosing_between_level_combinations_under_a_cap_are_how_they_were_decided():
    """Review red team: two lots of equal value, a cap of 1 lot, X cheapest in both and Y next,
    so the two combinations (X in A and Y in B, or the other way) score the same: without a
    decision both lots are undecided. With decisions A→Y and B→X the award followed them, yet
    each was 'not needed, so not applied' and the Audit sheet gave a rules-only reason."""
    import dataclasses

    from tendereval.award.recorded import Decisions, RecordedAward
    from tendereval.scoring.combine import score
    from tests.award.test_cap_rules import PRICE_ONLY, cap, lots, make_plan, tender

    plan = make_plan(cap(1, "highest_total_score"), PRICE_ONLY, lots=lots({"A": 3e5, "B": 3e5}))
    rates = {("X", "A"): 10.0, ("X", "B"): 10.0, ("Y", "A"): 11.25, ("Y", "B"): 11.25}
    undecided = score(tender(plan, rates=rates), sensitivity=False).award
    assert {lot: award.outcome for lot, award in undecided.lots.items()} == {
        "A": "undecided",
        "B": "undecided",
    }
    drawn = "drawn by lot as the ITT says"
    records = (
        RecordedAward("A", "Y", drawn, where="decision[0]"),
        RecordedAward("B", "X", drawn, where="decision[1]"),
    )
    decisions = Decisions(records, source="decisions.toml")
    result = score(dataclasses.replace(tender(plan, rates=rates), decisions=decisions))
    award = result.award
    assert {lot: (a.supplier, a.basis) for lot, a in award.lots.items()} == {
        "A": ("Y", "recorded"),
        "B": ("X", "tie_decision"),
    }
    assert all(
        f"awarded by the buyer's decision (recorded): {drawn}" in a.reasons
        for a in award.lots.values()
    )
    assert "decisions.not_needed" not in [p.code for p in award.problems]
