"""A lot the optimiser finds undecided (allocations equally good under every published rule
award it differently) is never given a winner by ``allocate``.

Found by the red team: two identical bids for lot A tie for first place. ``score``,
``summaries`` and ``publish`` all said the lot is undecided, but ``allocate DIR`` listed one of
the two under "Winners per lot" and "Lots per supplier", in the JSON and in the workbook, and
which one depended on the solver (HiGHS named one, CBC the other).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pulp
import pytest
from click.testing import CliRunner

from tendereval.cli import cli
from tests.award.red_team_tenders import PLAN, Bid, tender_folder

SOLVERS = ["cbc"] + (["highs"] if pulp.HiGHS().available() else [])


def tied_tender(folder: Path) -> Path:
    """Lot A: Xavier Care and Yew Care bid the same rate and score the same (a tie the plan
    cannot break); lot B: Xavier Care alone."""
    return tender_folder(
        folder,
        ["A", "B"],
        [
            Bid("Xavier Care", "A", 10),
            Bid("Yew Care", "A", 10),
            Bid("Xavier Care", "B", 12),
        ],
    )


def allocate(folder: Path, out: Path, solver: str) -> tuple[str, dict, list]:
    out.mkdir(parents=True, exist_ok=True)
    run = CliRunner().invoke(
        cli,
        ["allocate", str(folder), "--solver", solver, "--json", str(out / "a.json"),
         "-o", str(out / "a.xlsx")],
    )  # fmt: skip
    assert run.exit_code == 1, run.output  # a lot is undecided
    book = openpyxl.load_workbook(out / "a.xlsx")
    cells = [c for ws in book for row in ws.iter_rows(values_only=True) for c in row if c]
    return run.output, json.loads((out / "a.json").read_text(encoding="utf-8")), cells


def winners_section(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index("Winners per lot:")
    end = lines.index("", start)
    return lines[start + 1 : end]


def supplier_section(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index("Lots per supplier:")
    end = lines.index("", start)
    return lines[start + 1 : end]


@pytest.mark.parametrize("solver", SOLVERS)
def test_an_undecided_lot_names_no_winner(tmp_path: Path, solver: str) -> None:
    folder = tied_tender(tmp_path / "tender")
    text, data, cells = allocate(folder, tmp_path / solver, solver)

    assert data["tie_break"]["undecided_lots"] == {"A": ["Xavier Care / A", "Yew Care / A"]}
    (lot_a,) = [line for line in winners_section(text) if line.split()[0] == "A"]
    assert lot_a.split(None, 1)[1] == "undecided: Xavier Care / A or Yew Care / A"
    # Xavier Care holds lot B for certain; lot A is nobody's yet.
    assert supplier_section(text) == ["  Xavier Care (SME): 1 lot, £24,000.00 (54.5% of value)"]
    assert [row["lots"] for row in data["lots_per_supplier"]] == [1]
    undecided = {tuple(o["lots"]): o["undecided"] for o in data["awarded"]}
    assert undecided[("A",)] is True and undecided[("B",)] is False
    assert "undecided: Xavier Care / A or Yew Care / A" in cells


@pytest.mark.parametrize("solver", SOLVERS)
def test_an_undecided_lot_names_every_tender_tied_for_it(tmp_path: Path, solver: str) -> None:
    """Four bids for lot A at the same rate and Q1 score tie for first place. The undecided
    lot named two of them ("Alder / A or Juniper / A", and two in the JSON): the two
    allocations that showed the lot undecided. Every offer that can take it is named."""
    names = ["Alder Care", "Hazel Care", "Ivy Care", "Juniper Care"]
    folder = tender_folder(tmp_path / "tender", ["A"], [Bid(name, "A", 10) for name in names])
    text, data, _ = allocate(folder, tmp_path / solver, solver)
    every = [f"{name} / A" for name in names]
    assert data["tie_break"]["undecided_lots"] == {"A": every}
    assert winners_section(text) == ["  A  undecided: " + " or ".join(every)]


def test_every_solver_gives_the_same_words(tmp_path: Path) -> None:
    if len(SOLVERS) < 2:
        pytest.skip("highspy is not installed")
    folder = tied_tender(tmp_path / "tender")
    outputs = [allocate(folder, tmp_path / solver, solver) for solver in SOLVERS]
    texts = [winners_section(text) + supplier_section(text) for text, _, _ in outputs]
    assert texts[0] == texts[1]
    assert outputs[0][1]["lots_per_supplier"] == outputs[1][1]["lots_per_supplier"]


def test_a_lot_neither_awards_is_not_called_a_difference(tmp_path: Path) -> None:
    """Nobody bid for lot B: the published award has no award and the optimiser awards
    nothing. That is agreement, but ``allocate`` marked the lot "<- differs" and never said
    the two award every lot the same way."""
    folder = tender_folder(tmp_path / "tender", ["A", "B"], [Bid("Xavier Care", "A", 10)])
    out = tmp_path / "a.json"
    run = CliRunner().invoke(cli, ["allocate", str(folder), "--json", str(out)])
    assert run.exit_code == 0, run.output
    assert "differs" not in run.output
    assert "The optimiser and the published rules award every lot the same way." in run.output
    comparison = json.loads(out.read_text(encoding="utf-8"))["comparison"]
    assert [(c["lot"], c["published"], c["optimiser"], c["same"]) for c in comparison] == [
        ("A", "Xavier Care", "Xavier Care", True),
        ("B", "no award", "not awarded", True),
    ]


def test_a_lot_both_leave_undecided_is_not_called_a_difference(tmp_path: Path) -> None:
    folder = tied_tender(tmp_path / "tender")
    text, data, _ = allocate(folder, tmp_path / "out", SOLVERS[-1])
    assert "differs" not in text
    assert [(c["lot"], c["published"], c["optimiser"], c["same"]) for c in data["comparison"]] == [
        ("A", "undecided", "undecided", True),
        ("B", "Xavier Care", "Xavier Care", True),
    ]


def test_a_tender_where_every_bid_was_disqualified_allocates_nothing_and_says_why(
    tmp_path: Path,
) -> None:
    """Every bid failed the plan's minimum: ``score``, ``summaries`` and ``publish`` exit 0 (no
    lot is awarded), but ``allocate`` exited 1 saying "the inputs cannot be used", though the
    inputs had no problem."""
    minimum = 'scale = "five"\n  minimum = 3\n  disqualify_below_minimum = true'
    folder = tender_folder(
        tmp_path / "tender",
        ["A", "B"],
        [Bid("Xavier Care", "A", 10, q1=2), Bid("Yew Care", "B", 10, q1=1)],
        plan=PLAN.replace('scale = "five"', minimum),
    )
    out = tmp_path / "a.json"
    run = CliRunner().invoke(cli, ["allocate", str(folder), "--json", str(out)])
    assert run.exit_code == 0, run.output
    assert "cannot be used" not in run.output and "differs" not in run.output
    assert "Status: no offers to allocate" in run.output
    assert "every bid was disqualified" in run.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [lot["outcome"] for lot in data["published_award"]["lots"]] == ["no_award"] * 2
    # No offers, no allocation: null, as the terminal shows no winners (was [] before
    # tests/allocation/test_no_allocation_json.py made every answer without one write null).
    assert data["status"] == "no_offers" and data["awarded"] is None
    # Every lot must be awarded, and none can be: that is a policy no allocation meets.
    run = CliRunner().invoke(cli, ["allocate", str(folder), "--award-all-lots"])
    assert run.exit_code == 1, run.output


NO_AWARD = """
[[no_award]]
lot = "{lot}"
reason = "Every tender is above the approved budget"
decided_by = "Head of Commissioning"
decided_on = 2026-09-25
"""


def test_every_lot_not_to_be_awarded_is_said_to_be_the_buyers_decision(tmp_path: Path) -> None:
    """The buyer decided not to award lot A, the only lot ([[no_award]]): allocate said "No
    tender in any lot could be ranked (every bid was disqualified or invalid…)" of two ranked
    bids. With an invalid bid beside them (Yew Care's rate is not a number), it stopped with
    the error "no bid in the tender can be awarded (none is ranked)"."""
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", 10), Bid("Zed Care", "A", 11)]
    )
    (folder / "decisions.toml").write_text(NO_AWARD.format(lot="A"), encoding="utf-8")
    said = (
        "Note: The buyer decided not to award any lot ([[no_award]] in decisions.toml), so there "
        "is nothing to allocate: no lot is awarded, as the published award says."
    )
    run = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert run.exit_code == 0, run.output
    assert said in run.output
    assert "could be ranked" not in run.output

    tender_folder(folder, ["A"], [Bid("Xavier Care", "A", 10), Bid("Yew Care", "A", "ten pounds")])
    run = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert "error" in run.output  # Yew Care's rate, at its cell
    assert "none is ranked" not in run.output and "could be ranked" not in run.output
    assert "The buyer decided not to award any lot ([[no_award]] in decisions.toml)" in run.output
    assert (
        "Bids made invalid by their errors make no offer: Yew Care (A). No other bid in a lot "
        "to be awarded makes an offer."
    ) in run.output


def test_a_lot_not_to_be_awarded_beside_lots_with_no_ranked_tender(tmp_path: Path) -> None:
    """Lot A is not to be awarded ([[no_award]]); lot B's only bid fails the plan's minimum."""
    minimum = 'scale = "five"\n  minimum = 3\n  disqualify_below_minimum = true'
    folder = tender_folder(
        tmp_path / "tender",
        ["A", "B"],
        [Bid("Xavier Care", "A", 10, q1=4), Bid("Yew Care", "B", 10, q1=1)],
        plan=PLAN.replace('scale = "five"', minimum),
    )
    (folder / "decisions.toml").write_text(NO_AWARD.format(lot="A"), encoding="utf-8")
    run = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert run.exit_code == 0, run.output
    assert (
        "Note: The buyer decided not to award lot A ([[no_award]] in decisions.toml) and no "
        "tender in any other lot could be ranked (every bid was disqualified or invalid, or none "
        "came in), so there is nothing to allocate: no lot is awarded, as the published award "
        "says."
    ) in run.output


def test_with_every_lot_not_to_be_awarded_allocate_exits_as_the_award_decision_says(
    tmp_path: Path,
) -> None:
    """allocate on a tender exits as summaries does, by the award decision
    (``TenderAllocation.ok`` reads ``award.award_blockers``); score exits 1 for any input
    error. With lot A, the only lot, not to be awarded: an error in a bid only for lot A
    changes no award (docs/award.md: nothing in the lot holds the award back), so allocate and
    summaries exit 0 and score 1, as for an error in the comparator's return; an error in a
    score sheet naming no bidder holds the award back, and all three exit 1."""
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", 10), Bid("Yew Care", "A", "ten")]
    )
    (folder / "decisions.toml").write_text(NO_AWARD.format(lot="A"), encoding="utf-8")

    def exits() -> dict[str, int]:
        return {
            command: CliRunner().invoke(cli, [command, str(folder), *extra]).exit_code
            for command, *extra in (("allocate",), ("summaries",), ("score", "--no-report"))
        }

    assert exits() == {"allocate": 0, "summaries": 0, "score": 1}
    with (folder / "evaluation" / "scores.csv").open("a", encoding="utf-8") as scores:
        scores.write("Ann Evans,Nobody Ltd,A,Q1,4,Ann's reason\n")
    assert exits() == {"allocate": 1, "summaries": 1, "score": 1}
