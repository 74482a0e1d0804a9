"""A tender title or lot title of more than 500 characters is read whole: init writes it whole
(the award notice publishes the plan's), and a plan holding it cut is told it differs.

Found by a red team (session 40, rtocds 10): both were cut at 500 characters mid-word, by init
and by the check alike, so the award notice would have published the cut title unseen.
"""

from __future__ import annotations

import tendereval
from tendereval.ocds.check import check_folder_against_notice
from tendereval.ocds.notice import read_notice

from .tenders import notice_changed

TITLE = "Home care " + " ".join(f"part{i}" for i in range(300))  # 2,289 characters
LOT = "Ashford " + " ".join(f"word{i}" for i in range(800))


def _long(release: dict) -> None:
    release["tender"]["title"] = TITLE
    release["tender"]["lots"][0]["title"] = LOT


def test_long_titles_are_read_and_written_whole(tmp_path) -> None:
    path = notice_changed(tmp_path, _long)
    notice, _ = read_notice(path)
    assert notice.title == TITLE and notice.lots[0].title == LOT
    made = tendereval.init_from_notice(tmp_path / "t", path)
    plan, _ = tendereval.load_plan(made.plan)
    assert plan.title == TITLE and plan.lots[0].name == LOT
    assert not [p for p in check_folder_against_notice(tmp_path / "t", None)]


def test_a_plan_holding_them_cut_is_told_they_differ(tmp_path) -> None:
    path = notice_changed(tmp_path, _long)
    made = tendereval.init_from_notice(tmp_path / "t", path)
    text = made.plan.read_text(encoding="utf-8")
    made.plan.write_text(text.replace(TITLE, TITLE[:500]).replace(LOT, LOT[:500]), encoding="utf-8")
    codes = {p.code for p in check_folder_against_notice(tmp_path / "t", None)}
    assert {"notice.title", "notice.lot_name"} <= codes
