"""A copy of the summaries written to read never makes a command say the summaries sent
still stand (review 37, repro_2.sh, repro_2b.sh, repro_2c.sh).

The award decision took the summaries sent on a day to be in the folder ``summaries`` last
wrote to on or before it, else the last it wrote to. So a preview written with ``-o`` the day
they were sent, after them, or any copy written after summaries sent before the record was
kept, or plain ``summaries`` run once the folder they were sent from was moved away, became
"the summaries sent": written for the award as it is now, they gave it, and score, summaries
and publish all said the summaries sent stood, though those the suppliers hold differ. Now
every folder written to by the day sent is judged (report/summaries_written.sent_candidates),
and one written once the sending was recorded is none of them (Procurement Act: the day is
recorded after they go).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from tendereval.ocds.formats import uk_today
from tendereval.wording import in_words
from tests.award.test_summaries_sent_verdict import _weald_q2, carers, publish, run, scored_json

TO_BRIGHTWATER = "The lot is proposed for award to Brightwater Care Services Ltd; "


def _record_sent(folder: Path, sent: dt.date) -> None:
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {sent}\n", encoding="utf-8"
    )


def _out_of_date(sent: dt.date) -> str:
    return (
        f"{TO_BRIGHTWATER}the assessment summaries sent on {in_words(sent)} differ from this "
        "award for 5 suppliers, and those in the summaries folder are out of date with it: run "
        "tendereval summaries to write the new ones, send them and record the day in "
        "decisions.toml ([standstill] summaries_sent_on"
    )  # (sent today, it goes on to ask for the time they went, too)


def _all_say_out_of_date(folder: Path, tmp_path: Path, sent: dt.date) -> None:
    code, lines, award = scored_json(folder, tmp_path)
    assert code == 0 and lines[-1].startswith(_out_of_date(sent)), lines[-1]
    assert award["summaries_sent"]["state"] == "out_of_date"
    code, lines = publish(folder)
    assert code == 1 and "differ from those this award gives, for 5 suppliers" in lines[1]
    assert not (folder / "award.json").exists()


def test_a_preview_written_the_day_sent_is_not_taken_for_those_sent(tmp_path: Path) -> None:
    """repro_2.sh: written to reports/summaries, sent and recorded today; Weald's Q2 4 -> 1
    moves the award to Brightwater; a preview written with -o the same day gave the new award
    and score, summaries -o and publish said the summaries "were sent on" today (exit 0)."""
    folder = carers(tmp_path)
    _weald_q2(folder, 4)
    assert run("summaries", folder)[0] == 0
    sent = uk_today()
    _record_sent(folder, sent)
    _weald_q2(folder, 2)
    _all_say_out_of_date(folder, tmp_path, sent)

    code, lines = run("summaries", folder, "-o", tmp_path / "preview")
    assert code == 0 and lines[-1].startswith(_out_of_date(sent)), lines[-1]
    _all_say_out_of_date(folder, tmp_path, sent)
    # publish told the folder they were sent from says the same.
    code, lines = run(
        "publish", folder, "--ocid-prefix", "ocds-abc123", "-o", folder / "award.json",
        "--summaries", folder / "reports" / "summaries",
    )  # fmt: skip
    assert code == 1 and "differ from those this award gives, for 5 suppliers" in lines[1]


def test_a_copy_written_after_summaries_sent_before_the_record_is_not_taken_for_them(
    tmp_path: Path,
) -> None:
    """repro_2b.sh: reports/summaries written before summaries-written.json was kept, sent
    yesterday; the award moves; a copy written today with -o was 'the last it wrote'."""
    folder = carers(tmp_path)
    _weald_q2(folder, 4)
    assert run("summaries", folder)[0] == 0
    (folder / "reports" / "summaries-written.json").unlink()  # as an earlier version wrote
    sent = uk_today() - dt.timedelta(days=1)
    _record_sent(folder, sent)
    _weald_q2(folder, 2)
    _all_say_out_of_date(folder, tmp_path, sent)

    assert run("summaries", folder, "-o", tmp_path / "copy")[0] == 0
    _all_say_out_of_date(folder, tmp_path, sent)


def test_summaries_written_once_the_folder_sent_from_is_moved_leave_them_unchecked(
    tmp_path: Path,
) -> None:
    """repro_2c.sh: written with -o, sent and recorded today, that folder moved away; the
    award moves; plain summaries wrote the new award to reports/summaries, and from then on
    every command said the summaries "were sent". Now all say they could not be compared."""
    folder = carers(tmp_path)
    sent_folder = tmp_path / "Sent summaries"
    _weald_q2(folder, 4)
    assert run("summaries", folder, "-o", sent_folder)[0] == 0
    sent = uk_today()
    _record_sent(folder, sent)
    shutil.move(sent_folder, tmp_path / "moved")
    _weald_q2(folder, 2)
    unchecked = (
        f"{TO_BRIGHTWATER}the assessment summaries recorded as sent on {in_words(sent)} could "
        f"not be compared with this award: there are none in {sent_folder}."
    )
    for _ in range(2):  # before plain summaries, and after
        code, lines, award = scored_json(folder, tmp_path)
        assert code == 0 and lines[-1].startswith(unchecked), lines[-1]
        assert award["summaries_sent"]["state"] == "unchecked"
        assert award["summaries_sent"]["looked_in"] == str(sent_folder)
        code, lines = run("summaries", folder)
        assert code == 0 and lines[-1].startswith(unchecked), lines[-1]
    code, lines = publish(folder)
    assert not any("were sent on" in line for line in lines)
    assert any(f"{sent_folder} holds none to check this award against" in x for x in lines)
    # Named with --summaries, the folder they went from (moved) is checked: they differ.
    code, lines = run(
        "publish", folder, "--ocid-prefix", "ocds-abc123", "-o", tmp_path / "award.json",
        "--summaries", tmp_path / "moved",
    )  # fmt: skip
    assert code == 1 and "differ from those this award gives, for 5 suppliers" in lines[1]
