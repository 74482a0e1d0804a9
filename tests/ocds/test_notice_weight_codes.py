"""Weights a notice does give, written a little off: a weight code in other capitals
("PercentageExact") was read as no code, so the criterion had "no weight" and init wrote
weight_of_total = 0; a weight written as text ("30") was "not a number". Both are read now,
with a warning naming the place, as a lot's status and a lot's value so written are."""

from __future__ import annotations

import pytest

from tendereval.errors import Problems
from tendereval.ocds.notice import notice_from_data


def _read(*numbers: dict):
    criterion = {"name": "Delivery", "type": "quality", "numbers": list(numbers)}
    price = {"name": "Price", "type": "price", "numbers": [{"number": 70}]}
    price["numbers"][0]["weight"] = "percentageExact"
    release = {
        "ocid": "ocds-h6vhtk-000001",
        "tender": {"lots": [{"id": "1", "awardCriteria": {"criteria": [criterion, price]}}]},
    }
    problems = Problems()
    notice = notice_from_data(release, "notice.json", problems)
    return notice.lots[0].criteria[0], problems.items


AT = "release.tender.lots[0].awardCriteria.criteria[0].numbers[0]"


@pytest.mark.parametrize(
    ("code", "number", "read_as"),
    [
        ("PercentageExact", 30, "percentageExact"),
        ("PERCENTAGEEXACT", 30, "percentageExact"),
        ("DecimalExact", 0.3, "decimalExact"),
    ],
)
def test_a_weight_code_in_other_capitals_is_read_as_its_code(code, number, read_as) -> None:
    criterion, problems = _read({"number": number, "weight": code})
    assert criterion.weight == pytest.approx(30)
    assert [str(p) for p in problems] == [
        f"notice.json › {AT}.weight: warning: a criterion's weight code is not written as "
        f"OCDS's code, so it is read as {read_as} (found {code}); expected {read_as}, as "
        "OCDS's codelist writes it"
    ]


def test_a_weight_written_as_text_of_figures_is_read_with_a_warning() -> None:
    criterion, problems = _read({"number": "30", "weight": "percentageExact"})
    assert criterion.weight == 30
    assert [str(p) for p in problems] == [
        f"notice.json › {AT}.number: warning: a criterion's number is written as text, not as "
        'a number; read as 30 (found "30"); expected a number (OCDS numbers are JSON numbers: '
        '30, not "30")'
    ]


def test_a_minimum_score_as_text_with_its_threshold_in_other_capitals_is_read() -> None:
    criterion, problems = _read(
        {"number": 30, "weight": "percentageExact"},
        {"number": "2.5", "threshold": "MinimumScore"},
    )
    assert (criterion.weight, criterion.minimum) == (30, 2.5)
    assert [p.cell.rsplit(".", 1)[1] for p in problems] == ["number", "threshold"]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ({"number": "1,5", "weight": "percentageExact"}, "a criterion's number is not a number"),
        (
            {"number": 30, "weight": "percentage"},
            "a criterion's weight code is not one of OCDS's, so its number is not read as a weight",
        ),
    ],
)
def test_other_text_is_still_not_read_and_says_so(number, message) -> None:
    criterion, problems = _read(number)
    assert criterion.weight is None
    assert [p.message for p in problems] == [message]
