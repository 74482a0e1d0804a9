"""A standstill recorded with an end but no ``starts_on`` is counted from the day it begins.

Found by a red team: its length was checked only when both ends were recorded. Under PCR 2015,
notices sent on Wednesday 2 June 2027 with a standstill "ending" Tuesday 8 June (reg 87 needs
the end of Monday 14 June) gave "No problems found", and every award decision notice stated 8
June. Under the Procurement Act, publish warned that decisions.toml "records no standstill
period … published as pending without it" while the release published its end date.

Now under PCR 2015 it is counted from the sending of the notices (``summaries_sent_on``), as
``pcr_standstill_ends`` counts; under the Act, which starts it with the day the contract award
notice is published (s.51), reading says it cannot be counted yet, and publish counts it from
the day of publishing (or of an earlier publication of the award kept in reports/), and says
what the release holds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import tendereval
from tendereval.ocds.publish import Publication
from tests.example_copies import example_copy


def _tender(tmp_path: Path, regime: str, standstill: str) -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(f"[standstill]\n{standstill}\n", encoding="utf-8")
    return folder


def _standstill_problems(folder: Path) -> list[tuple[str, str, str, str]]:
    result = tendereval.score(folder, sensitivity=False)
    return [
        (p.code, p.cell, p.found, p.expected)
        for p in result.problems
        if p.code.startswith("decisions.standstill")
    ]


def _publish(folder: Path, day: dt.date, write: bool = False) -> Publication:
    at = dt.datetime.combine(day, dt.time(10), dt.UTC)
    return tendereval.publish(folder, write=write, ocid_prefix="ocds-abc123", published_at=at)


def test_pcr_counted_from_the_sending_of_the_notices(tmp_path: Path) -> None:
    """Sent Wednesday 2 June 2027: the tenth day after is Saturday 12 June, so the standstill
    may end no earlier than the end of Monday 14 June."""
    folder = _tender(tmp_path, "PCR2015", "summaries_sent_on = 2027-06-02\nends_on = 2027-06-08")
    (problem,) = _standstill_problems(folder)
    code, cell, found, expected = problem
    assert (code, cell) == ("decisions.standstill_short", "standstill.ends_on")
    assert found == (
        "an end on Tuesday 8 June 2027, no start recorded, the award decision notices sent on "
        "Wednesday 2 June 2027"
    )
    assert expected.startswith(
        "an end on or after Monday 14 June 2027 (PCR 2015 reg 87: midnight at the end of the "
        "tenth day after the notices were sent by electronic means, Saturday 12 June 2027; "
        "Saturday 12 June 2027 and Sunday 13 June 2027 are not working days"
    )
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2027-06-02\nends_on = 2027-06-14\n", encoding="utf-8"
    )
    assert _standstill_problems(folder) == []


def test_pcr_with_no_sending_recorded_has_nothing_to_count_from(tmp_path: Path) -> None:
    """Before the notices go out, their end is recorded to state in them: not yet counted."""
    assert _standstill_problems(_tender(tmp_path, "PCR2015", "ends_on = 2027-06-08")) == []


def test_pcr_published_before_the_end_is_pending_and_says_what_it_holds(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "PCR2015", "summaries_sent_on = 2027-06-02\nends_on = 2027-06-14")
    published = _publish(folder, dt.date(2027, 6, 10))
    assert published.package["releases"][0]["awards"][0]["status"] == "pending"
    assert [w for w in published.warnings if "standstill period" in w] == [
        "decisions.toml records when the standstill period ends (2027-06-14) but not when it "
        "starts ([standstill] starts_on: the day after the award decision notices were sent), "
        "so the award is published with the end of its standstill period alone.",
        "The standstill period is recorded as ending on 2027-06-14, on or after the day this "
        "contract award notice is published (2027-06-10): under PCR 2015 the contract may not "
        "be entered into before the standstill ends (reg 87), and the contract award notice "
        "follows the contract (reg 50); the award is published as pending.",
    ]


def test_under_the_act_reading_says_it_cannot_be_counted_yet(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "PA2023", "summaries_sent_on = 2026-12-04\nends_on = 2026-12-08")
    ((code, cell, found, _),) = _standstill_problems(folder)
    assert (code, cell, found) == (
        "decisions.standstill_no_start",
        "standstill.starts_on",
        "ends_on = 2026-12-08, no starts_on",
    )


def test_under_the_act_publish_counts_from_the_day_it_publishes(tmp_path: Path) -> None:
    """Published Friday 4 December 2026, ending Tuesday 8 December: Friday 4, Monday 7 and
    Tuesday 8 are 3 working days of the 8 the Act requires."""
    folder = _tender(tmp_path, "PA2023", "summaries_sent_on = 2026-12-04\nends_on = 2026-12-08")
    # Short, it holds the award notice (once a warning: the Act's standstill is mandatory
    # for a contract s.51(3) does not exempt).
    published = _publish(folder, dt.date(2026, 12, 4))
    assert published.package is None
    assert [b for b in published.blockers if "standstill" in b] == [
        "The standstill period is shorter than the law requires: it begins with the day the "
        "contract award notice is first published (Procurement Act 2023 s.51), this day, 4 "
        "December 2026, and from then to its recorded end (8 December 2026) holds 3 working "
        "days, fewer than the 8 the Act requires. Record the standstill as it runs from that "
        "day in decisions.toml ([standstill] starts_on and ends_on), or, for a contract "
        's.51(3) exempts from the standstill, why, in [standstill] as exemption = "a light '
        'touch contract, s.51(3)", and publish again.',
    ]
    # Recorded as exempt, it is published with a warning quoting the exemption.
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-12-04\nends_on = 2026-12-08\n"
        'exemption = "a light touch contract, s.51(3)"\n',
        encoding="utf-8",
    )
    published = _publish(folder, dt.date(2026, 12, 4))
    award = published.package["releases"][0]["awards"][0]
    assert (award["status"], award["standstillPeriod"]) == (
        "pending",
        {"endDate": "2026-12-08T23:59:59+00:00"},
    )
    assert [w for w in published.warnings if "standstill" in w] == [
        "decisions.toml records when the standstill period ends (2026-12-08) but not when it "
        "starts ([standstill] starts_on: the day the contract award notice is first "
        "published), so the award is published with the end of its standstill period alone.",
        "The standstill period is shorter than the 8 working days of Procurement Act 2023 "
        's.51, from which the contract is recorded as exempt ("a light touch contract, '
        's.51(3)"): it begins with the day the contract award notice is first published '
        "(Procurement Act 2023 s.51), this day, 4 December 2026, and from then to its recorded "
        "end (8 December 2026) holds 3 working days. If the exemption does not hold, record "
        "the standstill as it runs from that day in decisions.toml ([standstill] starts_on "
        "and ends_on), and publish again.",
    ]
    # Ending Wednesday 16 December: 4, 7 to 11 and 14 to 16 December are 9 working days.
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-12-04\nends_on = 2026-12-16\n", encoding="utf-8"
    )
    published = _publish(folder, dt.date(2026, 12, 4))
    assert not [w for w in published.warnings + published.blockers if "shorter than" in w]


def test_under_the_act_an_earlier_publication_kept_is_where_it_began(tmp_path: Path) -> None:
    """Ending Friday 11 December 2026: from Tuesday 1 December, when the award was first
    published (its release kept in reports/), that is 9 working days; from Friday 4 December
    it would be 6."""
    folder = _tender(tmp_path, "PA2023", "summaries_sent_on = 2026-11-30\nends_on = 2026-12-11")
    assert _publish(folder, dt.date(2026, 12, 1), write=True).written
    again = _publish(folder, dt.date(2026, 12, 4))
    assert not [w for w in again.warnings + again.blockers if "shorter than" in w]
    # Without it, 6 working days.
    for kept in (folder / "reports").glob("*-award-ocds*.json"):
        kept.unlink()
    (short,) = [b for b in _publish(folder, dt.date(2026, 12, 4)).blockers if "shorter" in b]
    assert "holds 6 working days, fewer than the 8 the Act requires" in short


def test_a_start_with_no_end_is_said_as_it_is(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "PA2023", "summaries_sent_on = 2026-12-04\nstarts_on = 2026-12-04")
    published = _publish(folder, dt.date(2026, 12, 4))
    assert published.package["releases"][0]["awards"][0]["standstillPeriod"] == {
        "startDate": "2026-12-04T00:00:00+00:00"
    }
    assert (
        "decisions.toml records when the standstill period starts (2026-12-04) but not when it "
        "ends ([standstill] ends_on), so the award is published as pending with the start of "
        "its standstill period alone."
    ) in published.warnings
