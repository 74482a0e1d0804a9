"""``allocate`` on a tender settles input errors by the award decision, as ``summaries`` and
``publish`` do: the errors of a bid the buyer recorded as rejected ([[rejection]]) hold
nothing back, and a tender with no offer has nothing to allocate (a note, never an error of
its own). What it says about errors is decided by the library (``TenderAllocation``), not
guessed by the text.

Found by the red team: with every tender invalid for its price and recorded as rejected,
``score`` and ``summaries`` said no lot is to be awarded and the summaries may be sent, but
``allocate`` exited 1 with "The inputs cannot be used, so nothing was allocated" and an
error no other command reports, "no bid in the tender can be awarded (none is ranked)".
And an error in decisions.toml or a score sheet was explained as one "in organisation or
supply-chain details".
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tendereval.api.allocate import allocate
from tendereval.cli import cli
from tests.award.red_team_tenders import Bid, tender_folder

REJECTED = """
[[rejection]]
supplier = "{supplier}"
reason = "Not priced"
decided_on = 2026-09-15  # after the plan was approved (2026-09-14)
"""


def _exits(folder: Path) -> dict[str, int]:
    return {
        command: CliRunner().invoke(cli, [command, str(folder), *extra]).exit_code
        for command, *extra in (("allocate",), ("summaries",), ("score", "--no-report"))
    }


def test_every_tender_invalid_and_rejected_leaves_nothing_to_allocate_and_holds_nothing_back(
    tmp_path: Path,
) -> None:
    """Lot A: Xavier Care's rate is 'ten', Yew Care's 'eleven': both invalid (2 errors).
    Recorded as rejected, nothing is awarded and nothing is held back: allocate exits 0 as
    summaries does (score 1, for any input error), reports the 2 errors and no third, and
    says there is nothing to allocate. Not recorded, the award is held back: all exit 1, still
    with no error of allocate's own."""
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", "ten"), Bid("Yew Care", "A", "eleven")]
    )
    nothing = (
        "Note: No tender in any lot could be ranked (every bid was disqualified or invalid, or "
        "none came in), so there is nothing to allocate"
    )
    run = CliRunner().invoke(cli, ["allocate", str(folder), "--json", str(tmp_path / "a.json")])
    assert run.exit_code == 1, run.output
    assert nothing in run.output
    assert "none is ranked" not in run.output and "cannot be used" not in run.output
    # (The 4 warnings: neither return gives a contact email or unique identifier, reg 31.)
    assert "2 errors, 4 warnings." in run.output
    assert _exits(folder) == {"allocate": 1, "summaries": 1, "score": 1}

    (folder / "decisions.toml").write_text(
        REJECTED.format(supplier="Xavier Care") + REJECTED.format(supplier="Yew Care"),
        encoding="utf-8",
    )
    run = CliRunner().invoke(cli, ["allocate", str(folder), "--json", str(tmp_path / "a.json")])
    assert run.exit_code == 0, run.output
    assert nothing in run.output and "as the published award says" in run.output
    assert "none is ranked" not in run.output and "cannot be used" not in run.output
    # (The 4 warnings: neither return gives a contact email or unique identifier, reg 31.)
    assert "2 errors, 4 warnings." in run.output
    assert (
        "Bids made invalid by their errors and recorded as rejected ([[rejection]] in "
        "decisions.toml) make no offer, and their errors hold the award back no longer: "
        "Xavier Care (A); Yew Care (A). No other bid makes an offer."
    ) in run.output
    written = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert written["status"] == "no_offers"
    assert [p["code"] for p in written["problems"] if p["severity"] == "error"] != []
    assert "offers.none" not in [p["code"] for p in written["problems"]]
    assert _exits(folder) == {"allocate": 0, "summaries": 0, "score": 1}


def test_a_winner_invalid_and_rejected_is_said_to_hold_nothing_back(tmp_path: Path) -> None:
    """Xavier Care (rate 'ten') would have won lot A; recorded as rejected, its error holds
    nothing back, Yew Care is awarded and allocate exits 0 as summaries does, saying why:
    the bid made no offer and was recorded as rejected (it said "Bids made invalid by their
    errors make no offer" and exited 0, against the docs' "exits 1")."""
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", "ten"), Bid("Yew Care", "A", 11)]
    )
    assert _exits(folder) == {"allocate": 1, "summaries": 1, "score": 1}
    run = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert (
        "Bids made invalid by their errors make no offer: Xavier Care (A). The others make offers."
    ) in run.output

    (folder / "decisions.toml").write_text(
        REJECTED.format(supplier="Xavier Care"), encoding="utf-8"
    )
    run = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert run.exit_code == 0, run.output
    assert (
        "A bid made invalid by its errors and recorded as rejected ([[rejection]] in "
        "decisions.toml) makes no offer, and its errors hold the award back no longer: "
        "Xavier Care (A). The others make offers."
    ) in run.output
    done = allocate(folder)
    assert done.invalid_bids.rows() == [("Xavier Care", ["A"], True)]
    assert _exits(folder) == {"allocate": 0, "summaries": 0, "score": 1}


def test_errors_in_the_decisions_or_a_score_sheet_are_not_said_to_be_in_supply_chain_details(
    tmp_path: Path,
) -> None:
    """A withdrawal naming a supplier with no tender (an error in decisions.toml), and a score
    for a supplier who did not bid (an error in the score sheet), name no supplier; allocate
    said of each "Errors in organisation or supply-chain details make no bid invalid …". Only
    errors in those details count toward no share (``share_errors``): here there are none."""
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", 10), Bid("Yew Care", "A", 11)]
    )
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "Xavier"\nwithdrawn_on = 2026-03-04\n', encoding="utf-8"
    )
    for _ in range(2):
        run = CliRunner().invoke(cli, ["allocate", str(folder)])
        assert run.exit_code == 1, run.output
        assert "error" in run.output
        assert "No bid is made invalid by these errors" in run.output
        assert "organisation or supply-chain details" not in run.output
        done = allocate(folder)
        assert any(p.is_error for p in done.problems) and done.share_errors == []
        (folder / "decisions.toml").unlink(missing_ok=True)
        with (folder / "evaluation" / "scores.csv").open("a", encoding="utf-8") as scores:
            scores.write("Ann Evans,Nobody Ltd,A,Q1,4,Ann's reason\n")


def test_an_error_in_a_suppliers_organisation_details_is_said_to_count_toward_no_share(
    tmp_path: Path,
) -> None:
    """The consolidated form's suppliers.csv gives Xavier Care's type of organisation as
    'privat comp': an error in its organisation details, which makes no bid invalid (its SME
    status is unknown). allocate says so, and Xavier Care still makes an offer."""
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", 10), Bid("Yew Care", "A", 11)]
    )
    suppliers = folder / "evaluation" / "suppliers.csv"
    text = suppliers.read_text(encoding="utf-8")
    suppliers.write_text(
        text.replace(
            "Xavier Care,1 High Street,private company", "Xavier Care,1 High Street,privat comp"
        ),
        encoding="utf-8",
    )
    done = allocate(folder)
    assert [p.code for p in done.share_errors] == ["choice.invalid"]
    assert done.invalid_bids.is_empty()
    run = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert "No bid is made invalid by these errors: every ranked bid makes an offer." in run.output
    assert "Errors in organisation or supply-chain details make no bid invalid" in run.output


def test_a_return_no_lot_could_be_read_from_is_named_without_a_lot(tmp_path: Path) -> None:
    """A file in bids/ that is no workbook, in a plan of several lots, belongs to no lot: its
    lots were [None], and joining them for the terminal stopped allocate with a TypeError
    (exit 3, no --json written). Found by the differential red team; the same after following
    docs/award.md's corrected return."""
    from tests.example_copies import example_copy

    folder = example_copy(tmp_path, "homecare-districts")
    (folder / "bids" / "late-arrival.xlsx").write_bytes(b"not a workbook")
    assert allocate(folder).invalid_bids.filter(supplier="late-arrival").rows() == [
        ("late-arrival", [], False)
    ]
    ran = CliRunner().invoke(cli, ["allocate", str(folder), "--json", str(tmp_path / "a.json")])
    assert ran.exit_code == 1, ran.output
    assert "make no offer: late-arrival (no lot could be read from its return)." in ran.output
    assert json.loads((tmp_path / "a.json").read_text())
