"""A tie between allocations the plan's published lot-cap rule has settled is settled by that
rule in ``allocate`` too, and a decision the award does not apply changes nothing there.

Differential red team, session 37 (repro_2): a cap of 1 with ``cap_rule = "descending_value"``
and three lots. Damson is first in all three; Hazel, second in L2 and L3, scores the same in
both. The rule takes L1 (£6m) to Damson, then L3 (£6m, listed after L1) to Hazel (Damson holds
the cap), then L2 (£5m) to nobody (both hold it): score, summaries and publish exit 0. The
optimiser, maximising the total score under the cap, finds Damson L1 + Hazel L2 and Damson L1 +
Hazel L3 equally good (168 points, the same quality points and price), so ``allocate`` called
L2 and L3 undecided, exited 1 and asked the buyer to record a decision; once recorded, score
called it "not needed ... not applied", yet it made allocate exit 0.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.award.red_team_tenders import PLAN, Bid, lots_toml

CAP = """
[participation]
max_lots_per_supplier = 1
cap_mechanism = "Lots are awarded in descending order of estimated value."
cap_rule = "descending_value"
"""

DAMSON, HAZEL = "Damson Carers Trust", "Hazel Homecare Cooperative Ltd"


def cap_rule_tender(folder: Path) -> Path:
    """By hand (1,000 hours a lot, price 60, quality 40, Q1 out of 5):
    Damson L1 at £10 (alone): 60 + 40 × 5/5 = 100;
    L2: Damson £12, Q1 5: 60 × 10/12 + 40 = 90; Hazel £10, Q1 1: 60 + 8 = 68;
    L3: Damson £13, Q1 5: 60 × 10/13 + 40 = 86.1538; Hazel £10, Q1 1: 68.
    Under a cap of 1: Damson L1 + Hazel L2 = Damson L1 + Hazel L3 = 168 (the best), with
    8 quality points and £20,000 of Hazel's (2 years) either way: level on every plan key."""
    from tests.award.red_team_tenders import tender_folder

    tender_folder(
        folder,
        ["L1", "L2", "L3"],
        [
            Bid(DAMSON, "L1", 10, q1=5),
            Bid(DAMSON, "L2", 12, q1=5),
            Bid(HAZEL, "L2", 10, q1=1),
            Bid(DAMSON, "L3", 13, q1=5),
            Bid(HAZEL, "L3", 10, q1=1),
        ],
    )
    values = {"L1": 6_000_000, "L2": 5_000_000, "L3": 6_000_000}
    (folder / "tender.toml").write_text(
        PLAN + lots_toml(["L1", "L2", "L3"], values) + CAP, encoding="utf-8"
    )
    return folder


def decision(folder: Path, lot: str) -> None:
    (folder / "decisions.toml").write_text(
        f'[[decision]]\nlot = "{lot}"\naward_to = "{HAZEL}"\nreason = "as allocate asked"\n'
        "decided_on = 2026-10-04\n",
        encoding="utf-8",
    )


PUBLISHED = {"L1": DAMSON, "L2": None, "L3": HAZEL}


def test_the_published_award_is_as_worked_by_hand(tmp_path: Path) -> None:
    result = tendereval.score(cap_rule_tender(tmp_path / "t"))
    assert {lot: a.supplier for lot, a in result.award.lots.items()} == PUBLISHED
    assert not result.award.undecided


def test_allocate_settles_the_tie_as_the_cap_rule_does(tmp_path: Path) -> None:
    folder = cap_rule_tender(tmp_path / "t")
    done = tendereval.allocate(folder)
    assert done.allocation.undecided == {}
    assert done.undecided == []
    assert done.ok
    won = dict(done.allocation.winners.select("lot", "supplier").rows())
    assert won == {"L1": DAMSON, "L3": HAZEL}
    comparison = done.comparison
    assert comparison is not None and comparison["same"].all()
    assert done.differences == {
        "score": 0.0,
        "price": 0.0,
        "published_score": 168.0,
        "published_price": 40_000.0,  # 2 years of 1,000 hours at £10, twice
    }

    run = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert run.exit_code == 0, run.output
    assert "Undecided:" not in run.output and "undecided: no award or" not in run.output
    assert "must decide" not in run.output and "decisions.toml" not in run.output
    assert "<- differs" not in run.output
    # The last level named as what it now is.
    assert "then the award under the plan's published rules" in done.policy.tie_break_text()


@pytest.mark.parametrize(
    ("lot", "code", "exit_code"),
    [("L3", "decisions.not_needed", 0), ("L2", "decisions.does_not_fit", 1)],
)
def test_a_decision_the_award_does_not_apply_changes_nothing(
    tmp_path: Path, lot: str, code: str, exit_code: int
) -> None:
    """A [[decision]] giving Hazel L3 is not needed (the cap rule gives it so): score warns and
    does not apply it. One giving Hazel L2 differs from what the rule decides: an error that
    holds the award (score and allocate exit 1 alike). Either way allocate does not follow the
    record (Hazel L2 would differ from the award) and exits as score does."""
    folder = cap_rule_tender(tmp_path / "t")
    decision(folder, lot)
    result = tendereval.score(folder)
    assert {lot: a.supplier for lot, a in result.award.lots.items()} == PUBLISHED
    assert [p.code for p in result.award.problems] == [code]
    assert CliRunner().invoke(cli, ["score", str(folder), "--no-report"]).exit_code == exit_code

    done = tendereval.allocate(folder)
    assert done.allocation.undecided == {}
    assert done.ok is (exit_code == 0)
    assert dict(done.allocation.winners.select("lot", "supplier").rows()) == {
        "L1": DAMSON,
        "L3": HAZEL,
    }
    assert CliRunner().invoke(cli, ["allocate", str(folder)]).exit_code == exit_code


def test_a_lot_the_award_decides_is_not_the_buyers_to_decide(tmp_path: Path) -> None:
    """The optimiser's equally good allocations may all differ from the published award: then
    the lots are still shown undecided in its column (and differ), but the award decides them,
    so no decision is asked for and allocate's verdict is score's.

    By hand (1,000 hours a lot for 2 years, price 60, quality 40 = 8 a Q1 point; cap 1,
    descending_value, L1 £6m, L2 and L3 £5m): X at £10 everywhere, Q1 1 in L1 (60 + 8 = 68)
    and 4 in L2 and L3 (60 + 32 = 92); Y at £10.50 in L1 (60 × 10/10.5 + 8 = 65.1429) and
    £20 in L2 and L3 (30 + 8 = 38). The rule: L1 to X, L2 to Y (X holds the cap), L3 to
    nobody. The optimiser: X in L2 or L3 (92) with Y in L1 (65.1429), 157.1429 either way
    and level on quality and price, against 68 + 38 = 106 for the award: neither agrees with
    the award in any lot, so nothing settles L2 and L3."""
    from tests.award.red_team_tenders import tender_folder

    folder = tmp_path / "t"
    tender_folder(
        folder,
        ["L1", "L2", "L3"],
        [
            Bid("X", "L1", 10, q1=1),
            Bid("X", "L2", 10, q1=4),
            Bid("X", "L3", 10, q1=4),
            Bid("Y", "L1", 10.5, q1=1),
            Bid("Y", "L2", 20, q1=1),
            Bid("Y", "L3", 20, q1=1),
        ],
    )
    values = {"L1": 6_000_000, "L2": 5_000_000, "L3": 5_000_000}
    (folder / "tender.toml").write_text(
        PLAN + lots_toml(["L1", "L2", "L3"], values) + CAP, encoding="utf-8"
    )
    done = tendereval.allocate(folder)
    assert {lot: a.supplier for lot, a in done.award.lots.items()} == {
        "L1": "X",
        "L2": "Y",
        "L3": None,
    }
    assert sorted(done.allocation.undecided) == ["L2", "L3"]
    assert done.undecided == [] and done.ok
    assert done.differences is None  # the optimiser's totals count one of two allocations
    assert done.to_dict()["undecided_lots"] == []
    comparison = done.comparison
    assert comparison is not None
    assert comparison.filter(pl.col("lot") != "L1")["optimiser"].to_list() == [
        "undecided",
        "undecided",
    ]

    run = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert run.exit_code == 0, run.output
    assert "must decide" not in run.output
    assert (
        "Note: Equally good: other allocations are exactly as good under every published rule "
        "and award lots L2, L3 otherwise, so the optimiser names no supplier for them. The "
        "award under the plan's published rules decides them (below): no decision is needed "
        "in decisions.toml." in run.output.replace("\n", " ")
    )
