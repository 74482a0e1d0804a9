"""Lots (and any objects the OCDS merge routine matches by id) are compared by id, not by their
place in a list: the same lots in another order are no difference, and a difference is shown
with the same lot's value and place on both sides.

Found by a red team (session 40, rtocds 8 and 9): notice.same_moment named lot 1's title but
quoted lot 3's title and place as the other release's; a record's compiledRelease listing
lots 3, 2, 1 was reported as differing from its releases (notice.compiled_differs).
"""

from __future__ import annotations

import copy
import json

from tendereval.errors import Problems
from tendereval.ocds.notice import notice_from_data

from .tenders import NOTICE


def _fixture() -> dict:
    return copy.deepcopy(json.loads(NOTICE.read_text(encoding="utf-8")))


def test_a_same_moment_difference_quotes_the_same_lot_on_both_sides() -> None:
    package = _fixture()
    tender = package["releases"][0]
    renamed = [("1", "Ashford district"), ("2", "Canterbury district"), ("3", "Dover district")]
    for i, (lot, title) in enumerate(renamed):
        package["releases"].append(
            {
                "ocid": tender["ocid"],
                "id": f"upd-{i}",
                "date": tender["date"],  # the same moment as the tender notice
                "tag": ["tenderUpdate"],
                "tender": {"id": tender["tender"]["id"], "lots": [{"id": lot, "title": title}]},
            }
        )
    problems = Problems()
    notice_from_data(package, "notice.json", problems)
    (moment,) = [p for p in problems if p.code == "notice.same_moment"]
    assert "tender.lots[id 1].title" in moment.message
    assert moment.found == (
        "Ashford district in release 'upd-0', Ashford in release "
        f"{tender['id']!r} (releases[0].tender.lots[0].title)"
    )


def test_a_compiled_release_listing_the_lots_in_another_order_is_no_difference() -> None:
    release = _fixture()["releases"][0]
    compiled = copy.deepcopy(release)
    compiled["tender"]["lots"].reverse()
    record = {"ocid": release["ocid"], "releases": [release], "compiledRelease": compiled}
    problems = Problems()
    notice_from_data({"uri": "x", "version": "1.1", "records": [record]}, "record.json", problems)
    assert not [p for p in problems if p.code == "notice.compiled_differs"]
    # A real difference in a lot listed elsewhere is found, at its place on each side.
    compiled["tender"]["lots"][0]["title"] = "Dover town"  # lot 3, listed first
    problems = Problems()
    notice_from_data({"uri": "x", "version": "1.1", "records": [record]}, "record.json", problems)
    (differs,) = [p for p in problems if p.code == "notice.compiled_differs"]
    assert differs.cell == "records[0].compiledRelease.tender.lots[0].title"
    assert differs.found == "Dover town"
    assert differs.expected.startswith("Dover, as the releases give it (")
    assert differs.expected.endswith("tender.lots[2].title)")
