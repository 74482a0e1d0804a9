"""A lot the published notice has cancelled (``tender.lots[].status`` in the release read,
such as a tender update published after the lot was cancelled).

``init --from-notice`` used to write the cancelled lot into the plan like any other, and a
plan without it was told "the notice publishes lot 3 and the plan does not have it". Now the
plan leaves it out, with a warning; a plan that still has it (bids came in for it) holds the
award back until the buyer records the lot not to be awarded, and the award notice then
publishes that lot as cancelled, as the notice has it.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.ocds.notice import read_notice

from .tenders import NOTICE, Bid, Supplier, tender_from_notice

SUPPLIERS = [Supplier("Alder Care Ltd", "01234567"), Supplier("Birch Homecare CIC", vcse=True)]


def _notice_with_lot_3(tmp_path: Path, status: str) -> Path:
    """The fixture notice with lot 3 (Dover) given ``status``."""
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    lots = changed["releases"][0]["tender"]["lots"]
    assert [lot["id"] for lot in lots] == ["1", "2", "3"]
    lots[2]["status"] = status
    path = tmp_path / f"notice-{status}.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    return path


def test_init_leaves_out_a_lot_the_notice_has_cancelled_and_says_so(tmp_path: Path) -> None:
    notice = _notice_with_lot_3(tmp_path, "cancelled")
    made = tendereval.init_from_notice(tmp_path / "t", notice)
    plan, _ = tendereval.load_plan(made.plan)
    assert [lot.id for lot in plan.lots] == ["1", "2"]
    (warning,) = [p for p in made.problems if p.code == "notice.lot_left_out"]
    assert warning.message == (
        "the notice says lot 3 (Dover) is cancelled, so the plan leaves it out"
    )
    assert warning.cell == "releases[0].tender.lots[2].status" and not warning.is_error
    # Checked against the notice, the plan without the cancelled lot has no difference.
    checked = tendereval.validate(tmp_path / "t")
    assert not [p for p in checked.problems if p.code.startswith("notice.")], checked.problems

    out = CliRunner().invoke(cli, ["init", str(tmp_path / "cli"), "--from-notice", str(notice)])
    assert out.exit_code == 0, out.output
    assert "lot 3 (Dover) is cancelled, so the plan leaves it out" in out.output


def test_a_withdrawn_lot_is_left_out_too_and_an_active_one_kept(tmp_path: Path) -> None:
    made = tendereval.init_from_notice(tmp_path / "w", _notice_with_lot_3(tmp_path, "withdrawn"))
    assert [lot.id for lot in tendereval.load_plan(made.plan)[0].lots] == ["1", "2"]
    made = tendereval.init_from_notice(tmp_path / "a", _notice_with_lot_3(tmp_path, "active"))
    assert [lot.id for lot in tendereval.load_plan(made.plan)[0].lots] == ["1", "2", "3"]
    assert not [p for p in made.problems if p.code == "notice.lot_left_out"]


def test_a_notice_that_cancels_every_lot_still_gives_a_plan_of_them(tmp_path: Path) -> None:
    """Nothing is left to evaluate; a plan of no lots would only fail to load. The lots stay
    and the tender's own status, if the notice gives it, is warned of as before. Each lot
    cancelled by its own status is warned of: before, init said nothing, and validate then
    gave an error for every lot (notice.lot_ended)."""
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    for lot in data["releases"][0]["tender"]["lots"]:
        lot["status"] = "cancelled"
    path = tmp_path / "all-cancelled.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    made = tendereval.init_from_notice(tmp_path / "t", path)
    assert [lot.id for lot in tendereval.load_plan(made.plan)[0].lots] == ["1", "2", "3"]
    assert [(p.code, p.cell, p.is_error) for p in made.problems] == [
        ("notice.every_lot_ended", f"releases[0].tender.lots[{i}].status", False) for i in range(3)
    ]
    out = CliRunner().invoke(cli, ["init", str(tmp_path / "cli"), "--from-notice", str(path)])
    assert out.exit_code == 0, out.output
    assert (
        "releases[0].tender.lots[0].status: warning: the notice says lot 1 (Ashford) is "
        "cancelled, as is every lot, so the plan keeps them all (a plan needs a lot); nothing "
        "may be awarded under it (found cancelled)"
    ) in out.output
    later = tendereval.validate(tmp_path / "t").problems
    assert [p.lot for p in later if p.code == "notice.lot_ended"] == ["1", "2", "3"]


def test_a_cancelled_tender_is_warned_of_once_not_lot_by_lot(tmp_path: Path) -> None:
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    data["releases"][0]["tender"]["status"] = "cancelled"
    path = tmp_path / "cancelled.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    made = tendereval.init_from_notice(tmp_path / "t", path)
    assert [p.code for p in made.problems] == ["notice.cancelled"]


def test_a_plan_evaluating_a_cancelled_lot_awards_nothing_until_it_is_recorded_not_awarded(
    tmp_path: Path,
) -> None:
    bids = [Bid("Alder Care Ltd", lot, 400_000) for lot in ("1", "3")]
    bids += [Bid("Birch Homecare CIC", "2", 450_000)]
    folder = tender_from_notice(tmp_path / "t", bids, SUPPLIERS)
    # Since the plan was made, the buyer's download of the notice shows lot 3 cancelled.
    (folder / "notice.json").write_bytes(_notice_with_lot_3(tmp_path, "cancelled").read_bytes())

    result = tendereval.score(folder, sensitivity=False)
    (difference,) = [p for p in result.problems if p.code == "notice.lot_ended"]
    assert difference.is_error and difference.lot == "3" and difference.cell == "lots[2].id"
    assert difference.message == (
        "lot 3 (Dover) is cancelled in the published notice, so nothing may be awarded under it"
    )
    assert difference.expected == (
        "a [[no_award]] record for lot 3 in decisions.toml, or the lot taken out of the plan"
    )
    assert not result.award.summaries_ready
    (blocker,) = [b for b in result.award.blockers if "notice" in b]
    assert blocker.endswith(
        "lot 3 (Dover) is cancelled in the published notice, so nothing may be awarded under it "
        "(lots[2].id). Record each such lot in decisions.toml as not to be awarded "
        "([[no_award]]), then score again."
    )
    published = tendereval.publish(folder, tmp_path / "held.json")
    assert not published.written
    assert any("lot 3 (Dover) is cancelled" in b for b in published.blockers), published.blockers

    # The buyer records the lot not to be awarded: the other lots' award goes ahead, and the
    # award notice publishes lot 3 as the notice has it.
    (folder / "decisions.toml").write_text(
        '[[no_award]]\nlot = "3"\nreason = "Lot cancelled by the change notice of 2 March"\n'
        "decided_on = 2026-03-02\n",
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.summaries_ready, result.award.blockers
    assert result.award.lots["3"].not_to_award
    assert (result.award.winner("1"), result.award.winner("2")) == (
        "Alder Care Ltd",
        "Birch Homecare CIC",
    )
    tendereval.summaries(result)
    out = CliRunner().invoke(cli, ["publish", str(folder), "-o", str(tmp_path / "award.json")])
    assert out.exit_code == 0, out.output
    release = json.loads((tmp_path / "award.json").read_text(encoding="utf-8"))["releases"][0]
    assert {lot["id"]: lot["status"] for lot in release["tender"]["lots"]} == {
        "1": "complete",
        "2": "complete",
        "3": "cancelled",
    }


def _cancelled_later(tmp_path: Path, form: str) -> Path:
    """The fixture notice, and after it a release cancelling lot 3 alone (tagged
    tenderCancellation, as a notice ending part of a procurement is): in a release package
    beside the tender notice, or in a record package whose compiled release shows it."""
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    notice = data["releases"][0]
    cancellation = {
        "ocid": notice["ocid"],
        "id": "004913-2026",
        "date": "2026-03-02T10:00:00Z",
        "tag": ["tenderCancellation"],
        "initiationType": "tender",
        "tender": {"id": notice["tender"]["id"], "lots": [{"id": "3", "status": "cancelled"}]},
    }
    if form == "releases":
        data["releases"] = [notice, cancellation]
    elif form == "update after":
        # A tender update after it, giving no lot's status: merged after the cancellation,
        # it leaves lot 3 cancelled.
        update = copy.deepcopy(notice)
        update.update(tag=["tenderUpdate"], date="2026-03-09T10:00:00Z", id="005100-2026")
        data["releases"] = [notice, cancellation, update]
    else:
        compiled = copy.deepcopy(notice)
        compiled.update(tag=["compiled"], date=cancellation["date"], id="compiled")
        compiled["tender"]["lots"][2]["status"] = "cancelled"
        data.pop("releases")
        data["records"] = [
            {"ocid": notice["ocid"], "releases": [notice, cancellation],
             "compiledRelease": compiled}
        ]  # fmt: skip
    path = tmp_path / f"notice-{form}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("form", ["releases", "records", "update after"])
def test_a_lot_cancelled_by_a_later_release_is_cancelled(tmp_path: Path, form: str) -> None:
    """Before, the tender notice was read alone: a lot cancelled by a later notice (or shown
    cancelled only in a record's compiled release) was evaluated and awarded as if open."""
    notice, problems = read_notice(_cancelled_later(tmp_path, form))
    assert notice is not None and [p for p in problems if p.is_error] == []
    statuses = [(lot.id, lot.status) for lot in notice.lots]
    assert statuses == [("1", ""), ("2", ""), ("3", "cancelled")]
    # The releases are merged in date order (the latest merged is the cancellation, or the
    # update after it); the criteria stay the tender notice's, which no later release changes.
    latest = {"releases": "releases[1]", "records": "records[0].releases[1]"}
    assert notice.release_where == latest.get(form, "releases[2]")
    tender_notice, _ = read_notice(NOTICE)
    weights = [[(c.name, c.weight) for c in lot.criteria] for lot in notice.lots]
    assert weights == [[(c.name, c.weight) for c in lot.criteria] for lot in tender_notice.lots]
    # The record's own compiled release agrees with its releases merged.
    assert "notice.compiled_differs" not in [p.code for p in problems]
    (lot_3,) = [lot for lot in notice.lots if lot.id == "3"]
    assert lot_3.where.endswith(("releases[1].tender.lots[0]", "compiledRelease.tender.lots[2]"))

    bids = [Bid("Alder Care Ltd", lot, 400_000) for lot in ("1", "3")]
    bids += [Bid("Birch Homecare CIC", "2", 450_000)]
    folder = tender_from_notice(tmp_path / "t", bids, SUPPLIERS)
    (folder / "notice.json").write_bytes(_cancelled_later(tmp_path, form).read_bytes())
    result = tendereval.score(folder, sensitivity=False)
    assert [p.lot for p in result.problems if p.code == "notice.lot_ended"] == ["3"]
    assert not result.award.summaries_ready


def _tender_ended_later(tmp_path: Path, status: str | None) -> Path:
    """The fixture notice, and after it a release ending the whole procurement: the tender's
    own ``status`` (as Find a Tender records a procurement cancelled), or with no status a
    cancellation notice naming no lot (tagged tenderCancellation)."""
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    notice = data["releases"][0]
    tender = {"id": notice["tender"]["id"], **({"status": status} if status else {})}
    data["releases"].append(
        {"ocid": notice["ocid"], "id": "004913-2026", "date": "2026-03-02T10:00:00Z",
         "tag": ["tenderCancellation"], "tender": tender}
    )  # fmt: skip
    path = tmp_path / f"notice-tender-{status}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("status", "place"),
    [
        ("cancelled", "releases[1].tender.status"),
        ("withdrawn", "releases[1].tender.status"),
        (None, "releases[1].tag"),
    ],
)
def test_a_whole_procurement_cancelled_holds_the_award_as_every_lot_cancelled_does(
    tmp_path: Path, status: str | None, place: str
) -> None:
    """Before, a tender cancelled as a whole was only warned of and publish wrote an award
    notice naming the winners (exit 0), while the same tender cancelled lot by lot held the
    award; a withdrawn tender got no word at all. Now each lot is ended with the tender, and
    the award waits on the same record ([[no_award]]) as for lots cancelled one by one."""
    ended = status or "cancelled"
    notice, problems = read_notice(_tender_ended_later(tmp_path, status))
    assert [(lot.status, lot.status_place) for lot in notice.lots] == [(ended, place)] * 3
    (warning,) = [p for p in problems if p.code == "notice.cancelled"]
    assert warning.cell == place and not warning.is_error
    assert warning.message.startswith(f"the notice says the tender was {ended}: ")
    assert "procurement termination notice, s.55" in warning.message

    bids = [Bid("Alder Care Ltd", lot, 400_000) for lot in ("1", "3")]
    bids += [Bid("Birch Homecare CIC", "2", 450_000)]
    folder = tender_from_notice(tmp_path / "t", bids, SUPPLIERS)
    (folder / "notice.json").write_bytes(_tender_ended_later(tmp_path, status).read_bytes())
    result = tendereval.score(folder, sensitivity=False)
    differences = [p for p in result.problems if p.code == "notice.lot_ended"]
    assert [(p.lot, p.is_error) for p in differences] == [("1", True), ("2", True), ("3", True)]
    assert differences[0].message == (
        f"lot 1 (Ashford) is {ended} in the published notice with the whole procurement, so "
        "nothing may be awarded under it"
    )
    assert differences[0].found == f"the procurement {ended} ({place} in notice.json)"
    assert differences[0].expected == (
        "a [[no_award]] record for lot 1 in decisions.toml, as for every lot: a procurement "
        "that ends without award has no contract award notice"
    )
    out = CliRunner().invoke(cli, ["publish", str(folder), "-o", str(tmp_path / "award.json")])
    assert out.exit_code != 0 and not (tmp_path / "award.json").exists(), out.output
    assert "lot 1 (Ashford) is " + ended in out.output

    # Every lot recorded not to be awarded: nothing is awarded, and no award notice follows.
    (folder / "decisions.toml").write_text(
        "".join(
            f'[[no_award]]\nlot = "{lot}"\nreason = "Procurement {ended}"\n'
            "decided_on = 2026-03-02\n"
            for lot in ("1", "2", "3")
        ),
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert not result.award.differs_from_notice and result.award.nothing_awarded
    assert "procurement termination notice instead (s.55)" in result.award.owed_instead
    done = tendereval.publish(result, tmp_path / "award.json")
    assert done.closing() == [
        "Nothing was written: no lot is awarded, so there is no award notice to publish."
    ]


@pytest.mark.parametrize(
    ("given", "read_as", "shape", "lot_codes"),
    [
        ("unsuccessful", "unsuccessful", False, [("notice.lot_over", False)]),
        ("complete", "complete", False, [("notice.lot_over", False)]),
        ("Cancelled", "cancelled", True, [("notice.lot_ended", True)]),
        (" WITHDRAWN ", "withdrawn", True, [("notice.lot_ended", True)]),
        ("closed", "", True, []),
        ("active", "active", False, []),
    ],
)
def test_a_lot_status_other_than_cancelled_is_read_by_the_tender_status_codelist(
    tmp_path: Path, given: str, read_as: str, shape: bool, lot_codes: list
) -> None:
    """Before, only exactly "cancelled" or "withdrawn" held a lot: a lot the notice gave as
    unsuccessful or complete (its procurement over), or as "Cancelled", was awarded with no
    word. Now a code in other capitals is read as the code, with a warning; a value no code is
    warned of and read as no status; and a lot over is warned of, not refused (tendereval's
    own award notice publishes lots so, and may be read back)."""
    notice, problems = read_notice(_notice_with_lot_3(tmp_path, given))
    assert [lot.status for lot in notice.lots] == ["", "", read_as]
    shapes = [p for p in problems if p.code == "notice.shape"]
    assert [(p.cell, p.found, p.is_error) for p in shapes] == (
        [("releases[0].tender.lots[2].status", given.strip(), False)] if shape else []
    )

    bids = [Bid("Alder Care Ltd", lot, 400_000) for lot in ("1", "3")]
    bids += [Bid("Birch Homecare CIC", "2", 450_000)]
    folder = tender_from_notice(tmp_path / "t", bids, SUPPLIERS)
    (folder / "notice.json").write_bytes(_notice_with_lot_3(tmp_path, given).read_bytes())
    result = tendereval.score(folder, sensitivity=False)
    about_lots = [(p.code, p.is_error) for p in result.problems if p.code.startswith("notice.lot")]
    assert about_lots == lot_codes
    if read_as in ("complete", "unsuccessful"):
        (over,) = [p for p in result.problems if p.code == "notice.lot_over"]
        ended = "awarded already" if read_as == "complete" else "ended with no award"
        assert over.message == (
            f"lot 3 (Dover) is {read_as} in the published notice ({ended}): its procurement "
            "is over, so an award published now is a new award on top of it"
        )
        assert over.lot == "3" and over.cell == "lots[2].id"
        assert result.award.winner("3") == "Alder Care Ltd"


def _tender_over_later(tmp_path: Path, status: str) -> Path:
    """The fixture notice, and after it a tender update giving the whole procurement's own
    ``status`` (no lot's)."""
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    notice = data["releases"][0]
    data["releases"].append(
        {"ocid": notice["ocid"], "id": "005100-2026", "date": "2026-03-09T10:00:00Z",
         "tag": ["tenderUpdate"], "tender": {"id": notice["tender"]["id"], "status": status}}
    )  # fmt: skip
    path = tmp_path / f"notice-over-{status}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("status", "read_as", "meaning"),
    [
        ("complete", "complete", "awarded already"),
        ("unsuccessful", "unsuccessful", "ended with no award"),
        ("Complete", "complete", "awarded already"),
    ],
)
def test_a_whole_procurement_over_is_one_warning_as_a_lot_over_is(
    tmp_path: Path, status: str, read_as: str, meaning: str
) -> None:
    """Before, a lot the notice gave as complete or unsuccessful was a notice.lot_over warning,
    but the whole tender given so got no word, and was awarded on top of. Now it is one
    warning (not one a lot) naming the status and what it means for the award; the award is
    not held (tendereval's own award notice publishes the procurement so, and is read back)."""
    notice, _ = read_notice(_tender_over_later(tmp_path, status))
    assert (notice.status, notice.status_place) == (read_as, "releases[1].tender.status")
    assert [lot.status for lot in notice.lots] == ["", "", ""]  # no lot ended with it

    bids = [Bid("Alder Care Ltd", lot, 400_000) for lot in ("1", "3")]
    bids += [Bid("Birch Homecare CIC", "2", 450_000)]
    folder = tender_from_notice(tmp_path / "t", bids, SUPPLIERS)
    (folder / "notice.json").write_bytes(_tender_over_later(tmp_path, status).read_bytes())
    result = tendereval.score(folder, sensitivity=False)
    (over,) = [p for p in result.problems if p.code.startswith("notice.") and "over" in p.code]
    assert (over.code, over.is_error, over.cell, over.lot) == (
        "notice.tender_over",
        False,
        "tender",
        None,
    )
    assert over.message == (
        f"the procurement is {read_as} in the published notice ({meaning}): it is over, so an "
        "award published now is a new award on top of it"
    )
    assert over.found == f"status {read_as} (releases[1].tender.status in notice.json)"
    assert result.award.winner("1") == "Alder Care Ltd" and result.award.summaries_ready


def test_a_lot_over_otherwise_than_the_whole_procurement_is_still_warned_of(
    tmp_path: Path,
) -> None:
    """Lots given the procurement's own status are said by its one warning; a lot given
    another (unsuccessful, in a procurement complete) is warned of on its own as before."""
    data = json.loads(_tender_over_later(tmp_path, "complete").read_text(encoding="utf-8"))
    lots = data["releases"][0]["tender"]["lots"]
    lots[0]["status"], lots[2]["status"] = "complete", "unsuccessful"
    folder = tender_from_notice(tmp_path / "t", [Bid("Alder Care Ltd", "1", 400_000)], SUPPLIERS)
    (folder / "notice.json").write_text(json.dumps(data), encoding="utf-8")
    result = tendereval.validate(folder)
    over = [(p.code, p.lot) for p in result.problems if p.code.endswith("_over")]
    assert over == [("notice.lot_over", "3"), ("notice.tender_over", None)]


@pytest.mark.parametrize(
    ("status", "whole", "held"),
    [
        ("withdrawn", False, "a lot the notice has withdrawn"),
        ("cancelled", False, "a lot the notice has cancelled"),
        ("withdrawn", True, "its lots, the notice having withdrawn the whole procurement"),
        ("cancelled", True, "its lots, the notice having cancelled the whole procurement"),
    ],
)
def test_the_held_back_award_says_withdrawn_where_the_notice_withdrew(
    tmp_path: Path, status: str, whole: bool, held: str
) -> None:
    """Before, the award held back for a lot the notice had ended said "a lot the notice has
    cancelled" in every output (the terminal, the report, the summaries' notes), for a lot or
    a whole procurement withdrawn too. Now it says what the notice did."""
    bids = [Bid("Alder Care Ltd", lot, 400_000) for lot in ("1", "3")]
    bids += [Bid("Birch Homecare CIC", "2", 450_000)]
    folder = tender_from_notice(tmp_path / "t", bids, SUPPLIERS)
    ended = _tender_ended_later if whole else _notice_with_lot_3
    notice = ended(tmp_path, status)
    (folder / "notice.json").write_bytes(notice.read_bytes())
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.held_back == (
        "not to be made yet: the plan (tender.toml) differs from the published notice "
        f"(notice.json) in {held}"
    )
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity"])
    assert held in " ".join(out.output.split()), out.output
    other = "cancelled" if status == "withdrawn" else "withdrawn"
    assert f"notice has {other}" not in out.output and f"having {other}" not in out.output
