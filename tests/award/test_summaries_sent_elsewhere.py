"""The summaries recorded as sent, written with ``summaries -o`` to a folder of the officer's
own, judged where they were written, by every command alike.

Review 36 (f2_summaries_output_folder.sh): ``summaries . -o "Sent summaries"`` (docs/report.md
shows ``-o summaries/``), the day recorded, then Helen Marsh's Weald Q2 4 -> 1, which moves the
award to Brightwater. score said "the assessment summaries were sent on 4 December 2026" and
exited 0, while ``publish --summaries "Sent summaries"`` refused (they "differ from those this
award gives, for 5 suppliers") and ``summaries -o`` said they "were replaced since": the award
decision looked in reports/summaries alone, found nothing, and took the day recorded as
standing. Now ``summaries`` records where it wrote them (reports/summaries-written.json) and
the decision looks there; with none to compare, it says so instead of "were sent on".
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from tendereval.ocds.formats import uk_today
from tendereval.report.summaries_written import (
    RECORD_FILE,
    default_folder,
    record_written,
    sent_candidates,
)
from tendereval.wording import in_words
from tests.award.test_summaries_sent_verdict import (
    _weald_q2,
    carers,
    publish,
    run,
    scored_json,
)

TO_WEALD = "The lot is proposed for award to Weald Carers Trust; "
TO_BRIGHTWATER = "The lot is proposed for award to Brightwater Care Services Ltd; "


def _record_sent(folder: Path, sent: dt.date) -> None:
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {sent}\n", encoding="utf-8"
    )


def written_by(folder: Path, day: dt.date | str) -> None:
    """Date every run in the tender's record of where summaries wrote them ``day``, and the
    summaries each wrote (the day they were written, in docProps/core.xml): the summaries
    were written by the day they are recorded as sent, days ago (the tests write them today).
    A day sent before any was written names no folder (review 37), and a summary written
    after the day sent is none of those sent (review 41)."""
    import json

    path = folder / "reports" / RECORD_FILE
    record = json.loads(path.read_text(encoding="utf-8"))
    for written in record["written"]:
        written["on"] = str(day)
        for summary in (folder / written["folder"]).glob("*.xlsx"):
            written_on(summary, day)
    path.write_text(json.dumps(record), encoding="utf-8")


def written_on(summary: Path, day: dt.date | str) -> None:
    """The workbook at ``summary`` as if written on ``day``: only the day of the dates in its
    docProps/core.xml differs."""
    import re
    import zipfile

    with zipfile.ZipFile(summary) as book:
        parts = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(summary, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT", f"{day}T".encode(), data)
            book.writestr(info, data)


def test_summaries_written_to_another_folder_are_judged_there_by_every_command(
    tmp_path: Path,
) -> None:
    folder = carers(tmp_path)
    sent_folder = tmp_path / "Sent summaries"
    _weald_q2(folder, 4)  # (saved as the later edit is: only the score differs)
    assert run("summaries", folder, "-o", sent_folder)[0] == 0
    sent = uk_today() - dt.timedelta(days=3)
    written_by(folder, sent)
    _record_sent(folder, sent)
    code, lines, award = scored_json(folder, tmp_path)
    assert lines[-1] == f"{TO_WEALD}the assessment summaries were sent on {in_words(sent)}."
    assert award["summaries_sent"]["state"] == "sent"

    # Weald's Q2 4 -> 2: the award moves to Brightwater, and every summary sent differs.
    _weald_q2(folder, 2)
    code, lines, award = scored_json(folder, tmp_path)
    assert code == 0
    assert lines[-1] == (
        f"{TO_BRIGHTWATER}the assessment summaries sent on {in_words(sent)} differ from this "
        f"award for 5 suppliers, and those in {sent_folder} are out of date with it: run "
        f"tendereval summaries -o '{sent_folder}' to write the new ones, send them and record "
        "the day in decisions.toml ([standstill] summaries_sent_on); the standstill period "
        "starts again."
    ), lines[-1]
    assert award["summaries_sent"]["state"] == "out_of_date"
    assert len(award["summaries_sent"]["out_of_date"]) == 5
    assert award["summaries_sent"]["looked_in"] == str(sent_folder)
    # publish refuses, named the folder or not: it looks where the decision looks.
    for named in ([], ["--summaries", sent_folder]):
        code, lines = run(
            "publish", folder, "--ocid-prefix", "ocds-abc123", "-o", folder / "a.json", *named
        )
        assert code == 1 and "differ from those this award gives, for 5 suppliers" in lines[1]

    # summaries writes the new ones there (those sent kept aside): all three say "replaced".
    replaced = (
        f"{TO_BRIGHTWATER}the assessment summaries sent on {in_words(sent)} were replaced "
        "since by others for 5 suppliers: send them the new ones and record the day in "
        "decisions.toml ([standstill] summaries_sent_on); the standstill period starts again."
    )
    code, lines = run("summaries", folder, "-o", sent_folder)
    assert code == 0 and lines[-1] == replaced
    code, lines, award = scored_json(folder, tmp_path)
    assert lines[-1] == replaced and award["summaries_sent"]["state"] == "replaced"
    code, lines = publish(folder)
    assert code == 1 and "were replaced since by others for 5 suppliers" in "\n".join(lines)


def test_summaries_in_the_default_folder_are_judged_there_as_before(tmp_path: Path) -> None:
    folder = carers(tmp_path)
    _weald_q2(folder, 4)
    assert run("summaries", folder)[0] == 0
    sent = uk_today() - dt.timedelta(days=3)
    _record_sent(folder, sent)
    _weald_q2(folder, 2)
    code, lines, award = scored_json(folder, tmp_path)
    assert code == 0 and lines[-1] == (
        f"{TO_BRIGHTWATER}the assessment summaries sent on {in_words(sent)} differ from this "
        "award for 5 suppliers, and those in the summaries folder are out of date with it: run "
        "tendereval summaries to write the new ones, send them and record the day in "
        "decisions.toml ([standstill] summaries_sent_on); the standstill period starts again."
    )
    assert award["summaries_sent"]["looked_in"] == str(default_folder(folder))
    assert publish(folder)[0] == 1


def test_summaries_sent_with_none_to_compare_are_not_said_to_stand(tmp_path: Path) -> None:
    """No summaries anywhere tendereval wrote them (sent from elsewhere, or the folder gone):
    score no longer says they "were sent on" an award it could not check, and publish warns
    the same, as before."""
    folder = carers(tmp_path)
    sent = uk_today() - dt.timedelta(days=3)
    _record_sent(folder, sent)
    code, lines, award = scored_json(folder, tmp_path)
    looked_in = default_folder(folder)
    assert code == 0 and lines[-1] == (
        f"{TO_WEALD}the assessment summaries recorded as sent on {in_words(sent)} could not be "
        f"compared with this award: there are none in {looked_in}. Put back the summaries "
        "sent there and score again; until then check by hand that the award gives every "
        "supplier the figures its summary gave (publish --summaries FOLDER checks it against "
        "those in another folder)."
    ), lines[-1]
    assert award["summaries_sent"]["state"] == "unchecked"
    code, lines = publish(folder)
    assert code == 0 and any("holds none to check this award against" in x for x in lines)

    # Written to a folder since deleted: the same, naming that folder.
    gone = tmp_path / "Sent summaries"
    assert run("summaries", folder, "-o", gone)[0] == 0
    written_by(folder, sent)
    shutil.rmtree(gone)
    code, lines, award = scored_json(folder, tmp_path)
    assert f"could not be compared with this award: there are none in {gone}." in lines[-1]
    assert award["summaries_sent"]["looked_in"] == str(gone)


def test_the_summaries_sent_may_be_in_any_folder_written_by_the_day_sent(tmp_path: Path) -> None:
    """Every folder written to on or before the day sent may hold the summaries sent (review
    37: taking the last one let a copy written to read be taken for them); one written after
    that day never does, nor, under the Procurement Act, one written once that sending was
    recorded. A folder inside the tender's is kept relative to it, so the record holds when
    the tender folder is copied. (Before review 37 this test said the summaries sent were in
    the folder last written to, and with none by the day sent, in the last written after.)"""
    tender = tmp_path / "tender"
    first, then, after = dt.date(2026, 12, 1), dt.date(2026, 12, 3), dt.date(2026, 12, 8)
    default = default_folder(tender)
    assert sent_candidates(tender, then) == [default]  # no record
    record_written(tender, default, first)
    record_written(tender, tmp_path / "Sent summaries", then)
    record_written(tender, tmp_path / "a copy to read", after)
    assert sent_candidates(tender, dt.date(2026, 12, 2)) == [default]
    assert sent_candidates(tender, then) == [default, tmp_path / "Sent summaries"]
    assert sent_candidates(tender, dt.date(2026, 12, 5)) == [default, tmp_path / "Sent summaries"]
    # A day recorded before any was written: reports/summaries, as before the record, never
    # the last copy written.
    assert sent_candidates(tender, dt.date(2026, 11, 1)) == [default]

    # Written to once 8 December was recorded as the day sent: after they went (Procurement
    # Act), so not those sent; under PCR 2015 the day is recorded before the notices are
    # written, so it may be.
    record_written(tender, tmp_path / "a preview", after, "2026-12-08")
    assert tmp_path / "a preview" not in sent_candidates(tender, after, "PA2023")
    assert tmp_path / "a preview" in sent_candidates(tender, after, "PCR2015")
    # A time recorded since, sent again that day: written before it, so it may be those sent.
    assert tmp_path / "a preview" in sent_candidates(tender, after, "PA2023", "2026-12-08T16:00:00")

    record_written(tender, default, dt.date(2026, 12, 9))
    moved = shutil.copytree(tender, tmp_path / "moved")
    assert sent_candidates(moved, dt.date(2026, 12, 2)) == [default_folder(moved)]
    # An unreadable record is no record.
    (moved / "reports" / RECORD_FILE).write_text("{", encoding="utf-8")
    assert sent_candidates(moved, after) == [default_folder(moved)]
