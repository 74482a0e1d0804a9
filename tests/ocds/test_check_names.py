"""The plan's lot names, tender title and buyer checked against the notice's: the award notice
publishes the plan's under the notice's lot ids and buyer id, so a plan whose lots are swapped
(lot 1 named as the notice's lot 2) is an error, and any other wording a warning."""

from __future__ import annotations

from dataclasses import replace

from tendereval.errors import Problems
from tendereval.ocds.check import check_against_notice
from tendereval.ocds.notice import notice_from_data

from ..scoring.builders import make_plan

CRITERIA = """
[[criteria]]
id = "price"
title = "Price"
type = "price"
weight_of_total = 100
"""


def _plan(names=("Ashford", "Canterbury"), title="Test tender", buyer="Test Council"):
    lots = "".join(
        f'[[lots]]\nid = "{i}"\nname = "{name}"\nvolumes = {{ hours = 1000 }}\n'
        for i, name in enumerate(names, start=1)
    )
    plan = make_plan(criteria=CRITERIA, lots=lots)
    return replace(plan, title=title, buyer=buyer)


def _notice(titles=("Ashford", "Canterbury"), title="Test tender", buyer="Test Council"):
    price = {"name": "Price", "type": "price", "numbers": [{"number": 100}]}
    price["numbers"][0]["weight"] = "percentageExact"
    release = {
        "ocid": "ocds-h6vhtk-000001",
        "buyer": {"id": "GB-PPON-PXYZ-1234-ABCD", "name": buyer},
        "parties": [{"id": "GB-PPON-PXYZ-1234-ABCD", "name": buyer, "roles": ["buyer"]}],
        "tender": {
            "title": title,
            "lots": [
                {"id": str(i), "title": t, "awardCriteria": {"criteria": [price]}}
                for i, t in enumerate(titles, start=1)
            ],
        },
    }
    problems = Problems()
    notice = notice_from_data(release, "notice.json", problems)
    assert not problems.items
    return notice


def _found(plan, notice) -> list[tuple[str, str, str]]:
    return [(p.severity.value, p.code, p.cell) for p in check_against_notice(plan, notice)]


def test_the_same_names_in_other_capitals_and_punctuation_are_no_difference() -> None:
    plan = _plan(names=("ASHFORD", "Canterbury "), title="Test tender.", buyer="test  council")
    assert _found(plan, _notice()) == []


def test_swapped_lot_names_are_an_error_naming_both_titles() -> None:
    # The notice's lot 1 is Ashford and lot 2 Canterbury; the plan names lot 1 Canterbury.
    problems = check_against_notice(_plan(names=("Canterbury", "Ashford")), _notice())
    assert [(p.severity.value, p.code, p.cell) for p in problems] == [
        ("error", "notice.lot_swapped", "lots[0].name"),
        ("error", "notice.lot_swapped", "lots[1].name"),
    ]
    assert str(problems[0]) == (
        "tender.toml › lots[0].name: error: lot 1 is named 'Canterbury' in the plan, which is "
        "the title of the notice's lot 2, not of its lot 1: the lots' names are swapped, and "
        "the award notice would publish each under the other lot's id (found 'Canterbury' in "
        "the plan); expected 'Ashford' for lot 1, as notice.json publishes it (the plan's lots "
        "are matched to the notice's by id: give each lot the id, name, value and volumes the "
        "notice publishes for it)"
    )


def test_another_wording_of_a_lot_name_the_title_or_the_buyer_is_a_warning() -> None:
    plan = _plan(
        names=("Ashford and district", "Canterbury"),
        title="Short breaks",
        buyer="Another Borough Council",
    )
    problems = check_against_notice(plan, _notice())
    assert [(p.severity.value, p.code, p.cell) for p in problems] == [
        ("warning", "notice.lot_name", "lots[0].name"),
        ("warning", "notice.title", "tender.title"),
        ("warning", "notice.buyer", "tender.buyer"),
    ]
    lot, _, buyer = map(str, problems)
    assert "found 'Ashford and district' in the plan); expected 'Ashford', as notice.json" in lot
    assert (
        "expected 'Test Council', as notice.json publishes it (the award notice publishes the "
        "plan's name under the notice buyer's id GB-PPON-PXYZ-1234-ABCD: write it as "
        "published)" in buyer
    )


def test_a_notice_giving_no_titles_or_buyer_has_nothing_to_compare() -> None:
    assert _found(_plan(), _notice(titles=("", ""), title="", buyer="")) == []
