"""A recorded decision whose tender is set aside since: spent, not an error.

Found by recording a tie decision (lot A to Ash Care, drawn by lot) and then Ash Care's
withdrawal: the decision became an error ("the plan's rules decide lot A without a recorded
decision, and this one differs from them") and held the award back until the buyer deleted
the record of a decision it had lawfully taken. And a second tie, between the tenders left,
could not be decided at all: a second [[decision]] for the lot was "twice".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import tendereval
from tendereval.award.recorded import Decisions, RecordedAward, RecordedWithdrawal
from tests.award.red_team_tenders import Bid, tender_folder
from tests.cpu_time import cpu_seconds

TIE = '[[decision]]\nlot = "A"\naward_to = "Ash Care"\nreason = "Drawn by lot"\n'
WITHDRAWN = '\n[[withdrawal]]\nsupplier = "Ash Care"\nlot = "A"\nwithdrawn_on = 2026-10-02\n'
DISREGARDED = (
    '\n[[rejection]]\nsupplier = "Ash Care"\nground = "excluded_supplier"\n'
    'reason = "On the debarment list"\ndecided_on = 2026-10-03\n'
)


def _tender(tmp_path: Path, cedar_rate: float, record: str) -> Path:
    bids = [Bid("Ash Care", "A", 10), Bid("Birch Care", "A", 10)]
    bids.append(Bid("Cedar Care", "A", cedar_rate))
    folder = tender_folder(tmp_path / "t", ["A"], bids)
    (folder / "decisions.toml").write_text(record, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("set_aside", "how"),
    [(WITHDRAWN, "was withdrawn by the supplier on 2026-10-02 (withdrawal[0])"),
     (DISREGARDED, "was disregarded by the contracting authority on 2026-10-03 (rejection[0])")],
    ids=["withdrawn", "disregarded"],
)  # fmt: skip
def test_a_tie_decision_for_a_tender_set_aside_since_is_spent(
    tmp_path: Path, set_aside: str, how: str
) -> None:
    folder = _tender(tmp_path, 12, TIE + set_aside)
    result = tendereval.score(folder, sensitivity=False)
    award = result.award
    assert award.winner("A") == "Birch Care" and award.lots["A"].basis != "tie_decision"
    assert award.summaries_ready, award.blockers
    (spent,) = [p for p in result.problems if p.code == "decisions.spent"]
    assert not spent.is_error and spent.cell == "decision[0].award_to"
    assert spent.message == (
        f"the decision for lot A gives it to a tender that {how}, so it no longer applies: "
        "the lot is decided without it"
    )
    # The record stays as written, and every command reads the same award.
    assert [a.award_to for a in result.decisions.awards] == ["Ash Care"]
    assert result.decisions.standing_awards == ()
    assert tendereval.allocate(folder).award.winner("A") == "Birch Care"


def test_a_new_tie_between_the_tenders_left_takes_a_decision_of_its_own(tmp_path: Path) -> None:
    folder = _tender(tmp_path, 10, TIE + WITHDRAWN)
    award = tendereval.score(folder, sensitivity=False).award
    assert award.lots["A"].outcome == "undecided"
    assert award.lots["A"].tied == ("Birch Care", "Cedar Care")
    second = '\n[[decision]]\nlot = "A"\naward_to = "Cedar Care"\nreason = "Drawn again"\n'
    with (folder / "decisions.toml").open("a", encoding="utf-8") as file:
        file.write(second)
    result = tendereval.score(folder, sensitivity=False)
    assert not [p for p in result.problems if p.code == "decisions.twice"]
    assert result.award.winner("A") == "Cedar Care"
    assert result.award.lots["A"].basis == "tie_decision"
    assert result.award.summaries_ready, result.award.blockers


def test_two_standing_decisions_for_one_lot_are_still_twice(tmp_path: Path) -> None:
    folder = _tender(tmp_path, 12, TIE + TIE.replace("Ash Care", "Birch Care"))
    result = tendereval.score(folder, sensitivity=False)
    assert [p.cell for p in result.problems if p.code == "decisions.twice"] == ["decision[1].lot"]


def test_decide_in_python_treats_a_spent_decision_as_the_file_does(tmp_path: Path) -> None:
    folder = _tender(tmp_path, 12, "")
    withdrawal = RecordedWithdrawal("Ash Care", "2026-10-02", "A")
    decisions = Decisions(
        awards=(RecordedAward("A", "Ash Care", "Drawn by lot"),), withdrawals=(withdrawal,)
    )
    tender = dataclasses.replace(tendereval.load_tender(folder), decisions=decisions)
    rescored = tendereval.score(tender, sensitivity=False)
    decided = tendereval.decide(rescored, decisions)
    assert decided.winner("A") == "Birch Care"
    assert [(p.code, p.is_error) for p in decided.problems] == [("decisions.spent", False)]


def test_the_audit_sheet_keeps_a_spent_decision_and_says_why(tmp_path: Path) -> None:
    import openpyxl
    from click.testing import CliRunner

    from tendereval.cli import cli

    folder = _tender(tmp_path, 12, TIE + WITHDRAWN)
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "-o",
                                   str(tmp_path / "r.xlsx")])  # fmt: skip
    assert out.exit_code == 0, out.output
    audit = openpyxl.load_workbook(tmp_path / "r.xlsx")["Audit"]
    (row,) = [r for r in audit.iter_rows(values_only=True) if r[:2] == ("A", "awarded")]
    assert row[2] == "Birch Care"
    assert row[4] == (
        "Ash Care: Drawn by lot (by whom not recorded, date not recorded); no longer applies: "
        "that tender was withdrawn by the supplier on 2026-10-02 (withdrawal[0])"
    )


@pytest.mark.parametrize("kind", ["decisions spent", "prices explained"])
def test_a_megabyte_of_decisions_spent_or_prices_explained_is_read_in_seconds(
    tmp_path: Path, kind: str
) -> None:
    """Each decision was checked against every withdrawal and disregard (and each lot's
    decisions searched again for the first), and each price explanation against every
    disregard, and every problem recorded against every other: a file of 1 MB took 7 to 11 s.
    Now each is a lookup."""

    bids = [Bid(f"Supplier {n:04d} Ltd", "A", 10 + n / 1000) for n in range(300)]
    folder = tender_folder(tmp_path / "big", ["A"], bids)
    entries, size = [], 0
    while size < 1_000_000:
        n = len(entries) % 300
        entry = (
            f'[[decision]]\nlot = "A"\naward_to = "S{n}"\nreason = "x"\n'
            f'[[withdrawal]]\nsupplier = "S{n}"\nwithdrawn_on = 2026-03-04\n'
            if kind == "decisions spent"
            else f'[[rejection]]\nsupplier = "S{n}"\nground = "abnormally_low"\n'
            'queried_on = 2026-03-01\nreason = "x"\n'
            f'[[price_explanation]]\nsupplier = "T{n}"\nqueried_on = 2026-03-01\n'
            "accepted_on = 2026-03-02\n"
        )
        entries.append(entry)
        size += len(entry.encode())
    (folder / "decisions.toml").write_text("".join(entries), encoding="utf-8")
    started = cpu_seconds()
    result = tendereval.score(folder, sensitivity=False)
    tendereval.validate(folder)
    seconds = cpu_seconds() - started
    if kind == "decisions spent":
        assert len([p for p in result.problems if p.code == "decisions.spent"]) == len(entries)
    assert seconds < 5, seconds  # 7 and 11 s before; about 1.2 s now


def test_validate_names_a_decision_for_nobody_who_bid_as_scoring_does(tmp_path: Path) -> None:
    """validate said "No problems found" of a [[decision]] naming a supplier that did not bid
    (a name typed short), which scoring then reported as a decision the rules do not fit."""
    from tests.example_copies import example_copy

    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        '[[decision]]\nlot = "CSB"\naward_to = "Weald Carers"\nreason = "Tie drawn by lot"\n',
        encoding="utf-8",
    )
    (checked,) = tendereval.validate(folder).errors
    assert (checked.code, checked.cell) == ("decisions.decision_unknown", "decision[0].award_to")
    assert checked.expected.endswith(": Weald Carers Trust?")
    award = tendereval.score(folder, sensitivity=False).award
    assert [p.describe() for p in award.problems] == [checked.describe()]
