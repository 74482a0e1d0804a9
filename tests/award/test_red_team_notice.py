"""A plan whose weights differ from the published notice stops the summaries, as it stops
``publish``.

Found by the red team: with ``notice.json`` in the folder and the price weight changed from the
published 40 to 35 (quality from 50 to 55, a question's from 30 to 35), ``validate`` reported
the errors and ``publish`` refused, but ``score`` exited 0 without a word, ``summaries`` said
they were ready to send and exited 0, and ``allocate`` exited 0: the award was made, and could
be sent to bidders, on weights other than those published (Procurement Act 2023 s.23).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.ocds.tenders import Bid, Supplier, tender_from_notice

BIDS = [Bid("Acme Care", "1", 100_000), Bid("Bravo Care", "1", 110_000)]
SUPPLIERS = [Supplier("Acme Care"), Supplier("Bravo Care")]


def reweighted(folder: Path) -> Path:
    tender_from_notice(folder, BIDS, SUPPLIERS)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert "weight_of_total = 40" in text and "weight_of_total = 50" in text
    text = text.replace("weight_of_total = 40", "weight_of_total = 35", 1)
    text = text.replace("weight_of_total = 50", "weight_of_total = 55", 1)
    text = text.replace("  weight_of_total = 30", "  weight_of_total = 35", 1)
    plan.write_text(text, encoding="utf-8")
    return folder


def test_weights_other_than_the_notices_stop_the_summaries(tmp_path: Path) -> None:
    folder = reweighted(tmp_path / "tender")
    validated = tendereval.validate(folder)
    published = [p for p in validated.problems if p.code.startswith("notice.")]
    assert len(published) == 2 and all(p.is_error for p in published)  # each said once

    result = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in result.problems if p.code.startswith("notice.")] == [
        p.code for p in published
    ]
    assert not result.award.summaries_ready

    runner = CliRunner()
    for args in (
        ["score", str(folder), "--no-sensitivity", "--no-report"],
        ["summaries", str(folder), "-o", str(tmp_path / "summaries")],
        ["allocate", str(folder)],
        ["publish", str(folder), "-o", str(tmp_path / "award.json")],
    ):
        run = runner.invoke(cli, args)
        assert run.exit_code == 1, (args[0], run.output)
        assert "differs from the published notice" in run.output, args[0]
    assert not (tmp_path / "award.json").exists()


def test_what_stops_the_award_is_said_as_the_plans_fault_not_the_bids(tmp_path: Path) -> None:
    """The blocker read "the bids they affect are invalid until they are put right or the buyer
    confirms them": no bid was invalid and nothing could be confirmed. And `score` and the
    report proposed an award with no word that it was made on weights not published."""
    folder = reweighted(tmp_path / "tender")
    result = tendereval.score(folder, sensitivity=False)
    # (Its full wording, naming each difference: test_notice_difference_wording.py.)
    [blocker] = result.award.blockers
    assert blocker.startswith(
        "The plan (tender.toml) differs from the published notice (notice.json) in 2 places, "
        "so no award may be made on it yet: "
    )
    assert "invalid" not in blocker
    held = result.award.held_back
    assert held is not None and held.startswith("not to be made yet: the plan (tender.toml)")
    assert result.award.to_dict()["held_back"] == held
    assert result.award.winner("1") == "Acme Care"  # still named, with the caveat beside it
    run = CliRunner().invoke(
        cli, ["score", str(folder), "--no-sensitivity", "-o", str(tmp_path / "r.xlsx")]
    )
    lines = run.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "Proposed award: Acme Care" in line)
    assert lines[at + 1] == f"  ! The award is {held}."
    import openpyxl

    notes = [r[0].value for r in openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"]["A1:A4"]]
    assert f"The recommended awards are {held}; see Flags." in notes


def test_a_bids_error_keeps_its_own_words(tmp_path: Path) -> None:
    folder = tender_from_notice(tmp_path / "tender", BIDS, SUPPLIERS)
    result = tendereval.score(folder, sensitivity=False)
    award = dataclasses.replace(result.award, input_errors=1, invalidating_errors=1)
    # Beside the proposed award: putting the error right could change it.
    assert award.held_back == (
        "not to be made yet: the inputs have 1 error not yet put right (putting it right "
        "could change the award)"
    )
    assert award.blockers == [
        "The inputs have 1 error: the bids it affects are invalid until it is put right; a "
        "tender the buyer rejects for its own errors is recorded as rejected in decisions.toml "
        "([[rejection]])."
    ]


def test_the_notices_own_weights_go_out(tmp_path: Path) -> None:
    folder = tender_from_notice(tmp_path / "tender", BIDS, SUPPLIERS)
    result = tendereval.score(folder, sensitivity=False)
    assert not [p for p in result.problems if p.code.startswith("notice.")]
    assert result.award.summaries_ready, result.award.blockers
