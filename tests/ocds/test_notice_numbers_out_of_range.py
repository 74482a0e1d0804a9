"""A published number tendereval cannot use is named, never dropped silently or described as
what it is not: a contract period's durationInDays of 0 or less (or out of range) is a
warning at its place; a weight of 1e300 is out of range, not "not a number". (One of 1e400,
which no float holds, refuses the notice: test_notice_numbers_beyond_a_float.)

Found by a red team (session 40, rtocds 7).
"""

from __future__ import annotations

import pytest

from tendereval.ocds.notice import read_notice

from .tenders import notice_changed

DURATION = "releases[0].tender.lots[0].contractPeriod.durationInDays"
WEIGHT = "releases[0].tender.lots[0].awardCriteria.criteria[0].numbers[0].number"


@pytest.mark.parametrize(
    ("days", "said", "found"),
    [
        (-5, "is not a number of days above 0", "-5"),
        (0, "is not a number of days above 0", "0"),
        ("1095", "is not a number of days above 0", "1095"),
        (1e300, "is out of range", "1e+300"),
    ],
)
def test_a_duration_not_read_is_named(tmp_path, days, said, found) -> None:
    def change(release: dict) -> None:
        release["tender"]["lots"][0]["contractPeriod"] = {"durationInDays": days}

    _, problems = read_notice(notice_changed(tmp_path, change))
    (warning,) = [p for p in problems if p.cell == DURATION]
    assert warning.message == (f"the contract period's durationInDays {said}, so it is not read")
    assert warning.found == found and not warning.is_error


def test_a_huge_weight_is_out_of_range_and_quoted_as_written(tmp_path) -> None:
    def change(release: dict) -> None:
        release["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"][0]["number"] = 1e300

    _, problems = read_notice(notice_changed(tmp_path, change))
    (warning,) = [p for p in problems if p.cell == WEIGHT]
    assert warning.message == "a criterion's number is out of range, so it is not read"
    assert warning.found == "1e+300"


def test_a_whole_number_of_hundreds_of_digits_is_quoted_by_its_ends_and_length(tmp_path) -> None:
    """A whole number too large for a float is read (Python's reader holds it), out of range;
    it was quoted by its first 80 digits, as if those were all of it (session 41)."""
    huge = 7 * 10**400

    def change(release: dict) -> None:
        release["tender"]["lots"][0]["value"]["amount"] = huge
        release["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"][0]["number"] = huge
        release["tender"]["lotDetails"]["maximumLotsAwardedPerSupplier"] = huge

    _, problems = read_notice(notice_changed(tmp_path, change))
    shown = "7" + "0" * 23 + "…" + "0" * 8 + " (401 characters)"
    found = {p.cell: p.found for p in problems}
    assert found["releases[0].tender.lots[0].value.amount"] == shown
    assert found[WEIGHT] == shown
    (cap,) = [p for p in problems if p.cell.endswith("maximumLotsAwardedPerSupplier")]
    assert cap.found == shown and cap.message.startswith(f"the lot cap is {shown}, more lots")
