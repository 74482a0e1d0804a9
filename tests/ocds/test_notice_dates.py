"""Which release of a notice file is the latest, and when the procurement began, read from the
releases' dates as moments.

Found by a red team: the latest tender release (and the latest release giving a lot's status)
was picked by comparing ``date`` as text, so "2026-06-03T17:30:00+01:00" came after
"2026-06-03T16:30:00Z", the same moment: an amendment dated with "Z" lost to the earlier
tender notice dated with "+01:00", and its weights were never checked, and a lot cancelled in
a release dated so was awarded. And a notice naming no legal basis took its regime from the
date of the release read, the latest amendment's: a procurement begun under PCR 2015 was
checked as one under the Act once it had an amendment after 24 February 2025.
"""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path

from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.errors import Problems
from tendereval.ocds.formats import instant
from tendereval.ocds.notice import Notice, notice_from_data

from .tenders import NOTICE


def _releases(*dated: tuple[list[str], str | None]) -> tuple[dict, list[dict]]:
    """The fixture notice's package holding a copy of its release for each (tags, date) —
    the first the tender notice, the others amendments moving 10 points from the service
    delivery model (30 → 20) to price (40 → 50)."""
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    original = data["releases"][0]
    releases = []
    for i, (tags, date) in enumerate(dated):
        release = copy.deepcopy(original)
        release.update(id=f"{original['id']}-{i}", tag=tags)
        release.pop("date")
        if date is not None:
            release["date"] = date
        if i:
            for lot in release["tender"]["lots"]:
                for criterion in lot["awardCriteria"]["criteria"]:
                    weight = {"Service delivery model": 20, "Price": 50}.get(criterion["name"])
                    if weight is not None:
                        criterion["numbers"][0]["number"] = weight
        releases.append(release)
    data["releases"] = releases
    return data, releases


def _read(data: dict) -> tuple[Notice, Problems]:
    problems = Problems()
    notice = notice_from_data(data, "notice.json", problems)
    assert notice is not None
    return notice, problems


def _price_weight(notice: Notice) -> float | None:
    return next(c.weight for c in notice.lots[0].criteria if c.name == "Price")


def test_dates_are_compared_as_moments() -> None:
    """16:30 UTC is after 16:00 UTC however each is written; 15:00 UTC is before it."""
    assert instant("2026-06-03T17:30:00+01:00") == instant("2026-06-03T16:30:00Z")
    data, _ = _releases((["tender"], "2026-06-03T17:00:00+01:00"), (["tenderAmendment"], None))
    for later in ("2026-06-03T16:30:00Z", "2026-06-03T17:30:00+01:00"):
        data["releases"][1]["date"] = later
        notice, problems = _read(data)
        assert (notice.release_where, _price_weight(notice)) == ("releases[1]", 50.0)
        assert list(problems) == []
    # Later as text, earlier as a moment: the tender notice is the latest.
    data["releases"][1]["date"] = "2026-06-03T17:00:00+02:00"
    notice, _ = _read(data)
    assert (notice.release_where, _price_weight(notice)) == ("releases[0]", 40.0)


def test_a_lot_cancelled_in_a_release_dated_in_utc_is_cancelled() -> None:
    data, (original, _) = _releases((["tender"], "2026-06-03T17:00:00+01:00"), (["tender"], None))
    for lot in original["tender"]["lots"]:
        lot["status"] = "active"
    data["releases"][1] = {
        "ocid": original["ocid"],
        "id": "cancellation",
        "date": "2026-06-03T16:30:00Z",  # half an hour after the tender notice
        "tag": ["tenderCancellation"],
        "tender": {"id": original["tender"]["id"], "lots": [{"id": "3", "status": "cancelled"}]},
    }
    notice, _ = _read(data)
    assert [(lot.id, lot.status) for lot in notice.lots] == [
        ("1", "active"),
        ("2", "active"),
        ("3", "cancelled"),
    ]
    # Dated before the tender notice, the tender notice's status stands.
    data["releases"][1]["date"] = "2026-06-03T17:00:00+02:00"
    notice, _ = _read(data)
    assert [lot.status for lot in notice.lots] == ["active"] * 3


def test_a_date_without_a_time_is_the_start_of_that_uk_day() -> None:
    """2026-06-03 is 00:00 on 3 June UK time (23:00 UTC on 2 June, in summer time): a release
    at 23:30 UTC on 2 June (00:30 in the UK) is after it; one at 22:30 UTC is before it."""
    assert instant("2026-06-03") == instant("2026-06-02T23:00:00Z")
    assert instant("2026-06-03T00:30:00") == instant("2026-06-02T23:30:00Z")  # UK time
    data, _ = _releases((["tender"], "2026-06-03"), (["tenderAmendment"], "2026-06-02T23:30:00Z"))
    assert _read(data)[0].release_where == "releases[1]"
    data["releases"][1]["date"] = "2026-06-02T22:30:00Z"
    assert _read(data)[0].release_where == "releases[0]"


def test_a_date_that_cannot_be_read_is_a_warning_and_comes_first() -> None:
    data, _ = _releases(
        (["tender"], "3rd June 2026"), (["tenderAmendment"], "2026-01-01T09:00:00Z")
    )
    notice, problems = _read(data)
    assert notice.release_where == "releases[1]"  # any dated release is after it
    (warning,) = problems
    assert (warning.code, warning.cell, warning.found) == (
        "notice.date",
        "releases[0].date",
        "3rd June 2026",
    )
    assert not warning.is_error
    # Of two releases without a readable date, the later in the file is the later.
    data["releases"][1]["date"] = "soon"
    assert _read(data)[0].release_where == "releases[1]"
    data["releases"].reverse()
    assert _read(data)[0].release_where == "releases[1]"


def _no_legal_basis(published: str, amended: str) -> dict:
    data, releases = _releases((["tender"], published), (["tenderAmendment"], amended))
    for release in releases:
        release["tender"].pop("legalBasis")
        release["tender"].pop("datePublished", None)
    return data


def test_the_regime_is_that_of_the_day_the_procurement_began() -> None:
    """A tender notice of 15 January 2025 naming no legal basis, amended on 10 March 2025:
    the procurement began under PCR 2015, and stays under it."""
    data = _no_legal_basis("2025-01-15T10:00:00Z", "2025-03-10T10:00:00Z")
    notice, _ = _read(data)
    assert notice.release_where == "releases[1]"  # the criteria are the amendment's
    assert (notice.regime, str(notice.begun_on)) == ("PCR2015", "2025-01-15")
    assert notice.regime_basis == (
        "the notice names no legal basis, and the procurement began on 15 January 2025 (when "
        "its tender notice was first published), before the Procurement Act 2023 took effect "
        "on 24 February 2025"
    )
    # The day it was published, as the tender says, counts too (the release read says when
    # it was amended).
    data["releases"] = data["releases"][1:]
    data["releases"][0]["tender"]["datePublished"] = "2025-01-15T10:00:00Z"
    assert _read(data)[0].regime == "PCR2015"
    # Begun on or after 24 February 2025, it is not known to be under PCR 2015.
    notice, _ = _read(_no_legal_basis("2025-02-24T09:00:00Z", "2025-03-10T10:00:00Z"))
    assert (notice.regime, str(notice.begun_on)) == (None, "2025-02-24")


def test_init_and_validate_follow_the_day_the_procurement_began(tmp_path: Path) -> None:
    data = _no_legal_basis("2025-01-15T10:00:00Z", "2025-03-10T10:00:00Z")
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    folder = tmp_path / "tender"
    made = CliRunner().invoke(cli, ["init", str(folder), "--from-notice", str(path)])
    assert made.exit_code == 0, made.output
    plan_path = folder / "tender.toml"
    assert tomllib.loads(plan_path.read_text(encoding="utf-8"))["tender"]["regime"] == "PCR2015"
    assert "the procurement began on 15 January 2025" in made.output
    plan_path.write_text(
        plan_path.read_text(encoding="utf-8").replace('regime = "PCR2015"', 'regime = "PA2023"'),
        encoding="utf-8",
    )
    checked = CliRunner().invoke(cli, ["validate", str(folder)])
    assert checked.exit_code == 1
    (said,) = [line for line in checked.output.splitlines() if "tender.regime" in line]
    assert "expected PCR2015 (Public Contracts Regulations 2015)" in said
    assert "the notice names no legal basis, and the procurement began on 15 January" in said
