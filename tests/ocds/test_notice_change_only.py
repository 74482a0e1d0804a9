"""A file holding only a change to a tender notice (tenderAmendment, tenderUpdate), as Find a
Tender may publish one re-publishing a single lot. Before, init drafted a one-lot plan from it
without a word, with placeholders for the title and buyer, and listed "the procurement began on
10 March 2025 (when its tender notice was first published)": the amendment's date, which put a
procurement begun in January 2025, under the Regulations, under the Act. Now the file is warned
of as no tender notice, and no day the procurement began is read from it."""

from __future__ import annotations

import copy
import json

import pytest

from tendereval.errors import Problems
from tendereval.ocds.from_notice import plan_text
from tendereval.ocds.notice import notice_from_data

from .tenders import NOTICE

FIXTURE = json.loads(NOTICE.read_text(encoding="utf-8"))


def _amendment(tag: str) -> dict:
    """Lot 3 re-published on 10 March 2025, with no legal basis, title or buyer."""
    tender = FIXTURE["releases"][0]
    return {
        "id": "004999-2025",
        "tag": [tag],
        "date": "2025-03-10T09:00:00Z",
        "ocid": tender["ocid"],
        "tender": {
            "id": tender["tender"]["id"],
            "lots": [copy.deepcopy(tender["tender"]["lots"][2])],
        },
    }


def _read(*releases: dict):
    problems = Problems()
    notice = notice_from_data({"releases": list(releases)}, "notice.json", problems)
    return notice, problems.items


@pytest.mark.parametrize("tag", ["tenderAmendment", "tenderUpdate"])
def test_a_change_alone_is_warned_of_and_gives_no_day_the_procurement_began(tag) -> None:
    notice, problems = _read(_amendment(tag))
    assert [(p.code, p.cell, p.found, p.is_error) for p in problems] == [
        ("notice.not_tender_notice", "releases[0].tag", tag, False)
    ]
    assert problems[0].message.startswith(
        f"this is a change to a tender notice ({tag}), not the tender notice itself: a change "
        "may give only what changed"
    )
    assert (notice.begun_on, notice.regime, notice.changes_only) == (None, None, tag)
    regime = next(c for c in plan_text(notice).choices if c.startswith("the procurement regime"))
    assert "10 March 2025" not in regime
    assert regime.startswith(
        "the procurement regime: the notice names no legal basis, and the file holds only a "
        f"change to the tender notice ({tag}), which does not say when the procurement began "
        "(its date is when the change was published)"
    )


def test_the_change_with_its_tender_notice_is_no_warning_and_began_with_the_notice() -> None:
    tender = copy.deepcopy(FIXTURE["releases"][0])
    tender["date"] = "2025-01-20T09:00:00Z"
    del tender["tender"]["legalBasis"]
    notice, problems = _read(tender, _amendment("tenderAmendment"))
    assert problems == []
    assert (str(notice.begun_on), notice.regime, notice.changes_only) == (
        "2025-01-20",
        "PCR2015",
        "",
    )


def test_a_change_alone_published_before_the_act_shows_the_procurement_began_before_it() -> None:
    # Published on 10 January 2025, the change is to a procurement begun before 24 February
    # 2025: PCR2015, whenever exactly it began.
    change = _amendment("tenderAmendment")
    change["date"] = "2025-01-10T09:00:00Z"
    notice, _ = _read(change)
    assert (notice.begun_on, str(notice.begun_by), notice.regime) == (None, "2025-01-10", "PCR2015")
    assert notice.regime_basis == (
        "the notice names no legal basis, and the file holds only a change to the tender "
        "notice (tenderAmendment), published on 10 January 2025: the procurement began before "
        "then, so before the Procurement Act 2023 took effect on 24 February 2025"
    )
