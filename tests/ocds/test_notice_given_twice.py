"""A criterion published with two different weights, or two different minimum scores, is an
error naming both (notice.given_twice): which was meant cannot be known.

Found by a red team (session 40, rtocds 5): numbers [25 percentageExact, 30 percentageExact,
2 minimumScore, 3 minimumScore] were read as weight 30 and minimum 3 with no word, and the
verdict of the check against the plan depended on the order of the two.
"""

from __future__ import annotations

from tendereval.ocds.notice import read_notice

from .tenders import notice_changed

PLACE = "releases[0].tender.lots[0].awardCriteria.criteria[0]"


def _numbers(numbers: list[dict]):
    def change(release: dict) -> None:
        release["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"] = numbers

    return change


def test_two_weights_and_two_minimums_are_named(tmp_path) -> None:
    numbers = [
        {"number": 25, "weight": "percentageExact"},
        {"number": 30, "weight": "percentageExact"},
        {"number": 2, "threshold": "minimumScore"},
        {"number": 3, "threshold": "minimumScore"},
    ]
    notice, problems = read_notice(notice_changed(tmp_path, _numbers(numbers)))
    assert notice is not None
    twice = [p for p in problems if p.code == "notice.given_twice"]
    assert [(p.cell, p.found, p.is_error) for p in twice] == [
        (
            PLACE,
            "25 (percentageExact, at numbers[0]) and 30 (percentageExact, at numbers[1])",
            True,
        ),
        (PLACE, "2 (numbers[2]) and 3 (numbers[3])", True),
    ]
    assert twice[0].message == (
        "the award criterion 'Service delivery model' is published with 2 different weights: "
        "which one was meant cannot be known (the last is read, and the plan checked against it)"
    )
    # The last of each is read, as before.
    (first, *_) = notice.lots[0].criteria
    assert (first.weight, first.minimum) == (30, 3)


def test_the_same_number_given_twice_is_no_problem(tmp_path) -> None:
    numbers = [
        {"number": 30, "weight": "percentageExact"},
        {"number": 30, "weight": "percentageExact"},
        {"number": 2, "threshold": "minimumScore"},
    ]
    _, problems = read_notice(notice_changed(tmp_path, _numbers(numbers)))
    assert not [p for p in problems if p.code == "notice.given_twice"]
