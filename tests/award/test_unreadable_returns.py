"""A bid return that cannot be read (password-protected, not a workbook) is a bid received.

In a plan of one lot it is a bid for that lot, invalid with its reason, in every count of
bids and every reason a lot has no award: the carers example with Meridian's return sent
password-protected counted 4 bids where the same return rejected for a "TBC" rate counted 5,
and with every return unreadable the lot had "no bid was received for it" while five were.
In a plan of several lots it is still in none (which lot it was for cannot be told), but the
lot's reason says returns came and could not be read, never that no bid was received.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.ocds.bids import statistics
from tests.example_copies import IN_HOUSE_RETURN, example_copy
from tests.hostile.corpus import encrypted

MERIDIAN = "bids/meridian-care-group-plc.xlsx"
PREFIX = "no tender in this lot could be ranked: "


def _locked(folder: Path, *returns: str) -> None:
    """Each of ``returns`` (paths in ``folder``) replaced by a password-protected workbook,
    and rejected by the buyer by its file (ITT: no resubmission), so the award may be made
    and published."""
    records = []
    for name in returns:
        shutil.move(encrypted(folder, folder / name), folder / name)
        records.append(
            f'[[rejection]]\nsupplier = "{name}"\n'
            'reason = "Cannot be evaluated as submitted; ITT 4.2 allows no resubmission"\n'
            "decided_on = 2026-03-05\n"
        )
    (folder / "decisions.toml").write_text("\n".join(records), encoding="utf-8")


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output  # 1: the unreadable files' errors
    return result.output


def _scored(folder: Path, tmp_path: Path) -> tuple[dict, str]:
    """The score results as JSON, and what `score` wrote on the terminal."""
    out = tmp_path / "results.json"
    text = _run("score", folder, "--json", out, "-o", tmp_path / "report.xlsx")
    return json.loads(out.read_text(encoding="utf-8")), text


def _published(folder: Path, tmp_path: Path) -> dict:
    out = tmp_path / "award.json"
    text = _run("publish", folder, "-o", out, "--ocid-prefix", "ocds-abc123")
    assert out.exists(), text
    return json.loads(out.read_text(encoding="utf-8"))["releases"][0]


def _statistics(release: dict) -> dict[str, tuple[int, str]]:
    return {s["measure"]: (s["value"], s.get("notes", "")) for s in release["bids"]["statistics"]}


def test_one_lot_an_unreadable_return_is_a_bid_for_the_lot(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    _locked(folder, MERIDIAN)
    scored, text = _scored(folder, tmp_path)
    (lot,) = scored["lots"]
    row = next(r for r in lot["ranking"] if r["source"] == MERIDIAN)
    assert row["status"] == "invalid"
    assert row["reasons"][0] == (
        "nothing could be read from the bid file to assess; the plan has one lot, so it is a "
        "bid for lot CSB that could not be assessed"
    )
    assert "password-protected" in row["reasons"][1]
    assert scored["unplaced_bids"] == []
    # Five tenders received as before: Weald, Brightwater, Hop Garden ranked, Stour Valley
    # below Q1's minimum, Meridian's unreadable (the in-house return is no bid).
    assert "5 bids (3 ranked, 1 disqualified, 1 invalid)" in text
    assert "not placed in any lot" not in text
    counts = _statistics(_published(folder, tmp_path))
    assert counts["bids"][0] == 5
    assert counts["validBids"][0] == 3
    assert counts["disqualifiedBids"] == (
        2,
        "1 disqualified on a published minimum score; 1 could not be assessed (invalid)",
    )


def test_one_lot_every_return_unreadable_says_none_could_be_read(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    returns = sorted(
        f"bids/{p.name}"
        for p in (folder / "bids").glob("*.xlsx")
        if f"bids/{p.name}" != IN_HOUSE_RETURN
    )
    assert len(returns) == 5
    _locked(folder, *returns)
    assert "nobody bid for lot CSB" not in _run("validate", folder)
    scored, text = _scored(folder, tmp_path)
    (lot,) = scored["lots"]
    assert lot["award"]["reasons"] == [
        PREFIX + "no bid could be assessed, as its 5 bid returns could not be read"
    ]
    assert "no bid was received" not in text
    assert "5 bids (5 invalid)" in text
    # Nothing is awarded, so there is no award notice to publish: the bids it would count.
    counts = _statistics(
        {"bids": {"statistics": statistics(tendereval.score(folder, sensitivity=False))}}
    )
    assert counts["bids"][0] == 5
    assert counts["disqualifiedBids"] == (
        5,
        "0 disqualified on a published minimum score; 5 could not be assessed (invalid)",
    )


def test_one_lot_some_unreadable_beside_other_invalid_bids(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    returns = sorted(
        f"bids/{p.name}"
        for p in (folder / "bids").glob("*.xlsx")
        if f"bids/{p.name}" not in (IN_HOUSE_RETURN, "bids/stour-valley-homecare-ltd.xlsx")
    )
    _locked(folder, *returns)
    scored, _ = _scored(folder, tmp_path)
    # Stour Valley's is read and below Q1's minimum; the other four could not be read.
    assert scored["lots"][0]["award"]["reasons"] == [
        PREFIX + "of its 5 bids, 1 was disqualified and 4 were invalid as their returns could "
        "not be read"
    ]


def test_several_lots_unreadable_returns_are_in_none_and_said_to_be(tmp_path: Path) -> None:
    folder = example_copy(tmp_path, "homecare-districts")
    shutil.rmtree(folder / "scores")
    kept = sorted((folder / "bids").glob("*.xlsx"))[:2]
    for path in sorted((folder / "bids").glob("*.xlsx"))[2:]:
        path.unlink()
    _locked(folder, *(f"bids/{p.name}" for p in kept))
    scored, text = _scored(folder, tmp_path)
    assert len(scored["unplaced_bids"]) == 2
    reasons = {lot["lot"]: lot["award"]["reasons"] for lot in scored["lots"]}
    assert len(reasons) == 12
    said = PREFIX + (
        "no bid could be placed in it: 2 bid returns received could not be read and could not "
        "be placed in any lot"
    )
    assert set(map(tuple, reasons.values())) == {(said,)}
    assert "no bid was received" not in text
    # Counted in no lot, as before: which lot each was for cannot be told.
    counts = statistics(tendereval.score(folder, sensitivity=False))
    assert {s["value"] for s in counts if s["measure"] == "bids"} == {0}


def test_one_lot_a_covering_letter_in_bids_is_no_bid(tmp_path: Path) -> None:
    # A .txt is not a workbook: read as a return, it was a sixth bid, invalid, holding the
    # award ("6 bids (4 ranked, 1 disqualified, 1 invalid)") with a summary of its own. It is
    # a document not read, as a PDF is: a warning naming it.
    folder = example_copy(tmp_path)
    letter = folder / "bids" / "Covering letter.txt"
    letter.write_text("Dear Sir or Madam, please find our tender attached.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(folder), "--no-report"])
    assert result.exit_code == 0, result.output
    assert "5 bids (4 ranked, 1 disqualified)" in result.output
    assert "Covering letter's tender is invalid" not in result.output
    problems = tendereval.load_tender(folder).problems
    (said,) = [p for p in problems if p.file == "bids/Covering letter.txt"]
    assert (said.code, said.is_error) == ("file.ignored", False)


def test_one_lot_a_return_saved_as_txt_is_still_a_bid(tmp_path: Path) -> None:
    # What the file holds says it is a workbook: read, with a warning to rename it.
    folder = example_copy(tmp_path)
    shutil.move(folder / MERIDIAN, folder / "bids/meridian.txt")
    tender = tendereval.load_tender(folder)
    assert "bids/meridian.txt" in tender.bids["source"].to_list()
    assert "file.workbook_misnamed" in {p.code for p in tender.problems}


def test_one_lot_a_corrupt_xlsx_is_still_an_invalid_bid(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    (folder / MERIDIAN).write_text("Dear Sir or Madam", encoding="utf-8")
    scored, text = _scored(folder, tmp_path)
    row = next(r for r in scored["lots"][0]["ranking"] if r["source"] == MERIDIAN)
    assert row["status"] == "invalid"
    assert "5 bids (3 ranked, 1 disqualified, 1 invalid)" in text


def test_several_lots_a_lot_with_no_bid_beside_an_unplaced_return_is_not_one_with_no_bids(
    tmp_path: Path,
) -> None:
    # Lot ZZZ has no bid, and one return could not be read (nor its lot told): the lot's
    # reason said so, but its heading said "no bids", the loader "nobody bid for lot ZZZ" and
    # the verdict "1 with no bids (ZZZ)". Every output now reads the one decision.
    folder = example_copy(tmp_path, "homecare-districts")
    plan = (folder / "tender.toml").read_text(encoding="utf-8")
    at = plan.index("[[lots]]")
    zzz = (
        '[[lots]]\nid = "ZZZ"\nname = "Sheppey"\ngroup = "North Kent"\n'
        "estimated_value = 1_000_000\nvolumes = { care_hours = 10_000, waking_nights = 100 }\n\n"
    )
    (folder / "tender.toml").write_text(plan[:at] + zzz + plan[at:], encoding="utf-8")
    (folder / "bids" / "unreadable.xlsx").write_text("this is not a workbook", encoding="utf-8")
    text = _run("score", folder, "--no-report", "--no-sensitivity")
    placed = "1 bid return received could not be read and placed in any lot"
    assert f"Lot ZZZ — Sheppey: no bid placed in it ({placed})" in text
    assert (
        "warning: no bid could be placed in lot ZZZ (Sheppey): 1 bid return received could "
        "not be read and could not be placed in any lot"
    ) in text
    assert (
        "12 of 13 lots proposed for award; 1 with no bid placed in it, as bid returns "
        "received could not be read and placed in any lot (ZZZ)"
    ) in text
    assert "no bids" not in text and "nobody bid" not in text
