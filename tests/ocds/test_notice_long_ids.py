"""Ids are read whole from a notice: a lot id, the tender id, the ocid and the buyer's id.

Found by a red team (session 41): ids were cut at 100 characters (an ocid at 500), so two lots
whose ids differ only past the 100th were read as one lot (the second left out, with a warning
calling them one id "written two ways"), and the plan and the award notice named the lot by an
id the tender notice does not give. Ids are bounded by what the file holds (a notice of 50 MB;
a plan of 1 MB: notice.too_large_for_plan), not by their length.
"""

from __future__ import annotations

import tendereval
from tendereval.errors import Problems
from tendereval.ocds.check import check_folder_against_notice
from tendereval.ocds.notice import notice_from_data, read_notice

from .tenders import notice_changed

SHARED = "ECC-HC-2026-01-" + "home-care-and-support-" * 5  # 125 characters
ASHFORD, CANTERBURY = SHARED + "ashford", SHARED + "canterbury"
LONG = "GB-PPON-" + "PXYZ-1234-ABCD-" * 10


def _long_ids(release: dict) -> None:
    lots = release["tender"]["lots"]
    lots[0]["id"], lots[1]["id"] = ASHFORD, CANTERBURY
    for item in release["tender"]["items"]:
        item["relatedLot"] = {"1": ASHFORD, "2": CANTERBURY}.get(item["relatedLot"], "3")
    release["tender"]["id"] = LONG
    release["parties"][0]["id"] = release["buyer"]["id"] = LONG
    release["parties"][0]["identifier"]["id"] = LONG * 5


def test_two_lots_whose_ids_differ_past_the_100th_character_stay_two(tmp_path) -> None:
    path = notice_changed(tmp_path, _long_ids)
    notice, problems = read_notice(path)
    assert [lot.id for lot in notice.lots] == [ASHFORD, CANTERBURY, "3"]
    assert [lot.title for lot in notice.lots] == ["Ashford", "Canterbury", "Dover"]
    assert not problems
    made = tendereval.init_from_notice(tmp_path / "t", path)
    plan, _ = tendereval.load_plan(made.plan)
    assert plan.lot_ids == [ASHFORD, CANTERBURY, "3"]
    assert not list(check_folder_against_notice(tmp_path / "t", None))


def test_the_tender_id_and_the_buyers_ids_are_read_whole(tmp_path) -> None:
    notice, _ = read_notice(notice_changed(tmp_path, _long_ids))
    assert notice.tender_id == LONG
    party = dict(notice.buyer_party)
    assert party["id"] == LONG  # published as the buyer's id in the award notice
    assert dict(party["identifier"])["id"] == LONG * 5


def test_two_ocids_differing_past_the_500th_character_are_two_procurements() -> None:
    shared = "ocds-h6vhtk-" + "0" * 600
    releases = [
        {
            "ocid": shared + last,
            "id": last,
            "date": "2026-01-28T09:14:03Z",
            "tag": ["tender"],
            "tender": {"id": "T1", "lots": [{"id": "1", "title": "North"}]},
        }
        for last in ("a", "b")
    ]
    problems = Problems()
    notice_from_data({"releases": releases}, "notice.json", problems)
    assert "notice.several" in {p.code for p in problems.items}
