"""Assessment summaries sent again: score, summaries and publish agree at each step.

Red team (lifecycle), three ways of sending the summaries again that went wrong:

* the winner withdrew after its standstill had run; the officer recorded the day the new
  summaries went, as advised, and publish wrote the new award "active" with the standstill of
  the summaries sent before (none had run for it). Under PCR 2015 summaries wrote the new
  award decision notices stating the old standstill end;
* under PCR 2015, the day of the new notices recorded first (as docs/award.md asks), the
  notices sent on 1 December were filed in superseded/ as sent on the new day, and the state
  stayed "replaced" for good: publish never went ahead;
* summaries sent again the same day as the first could never be recorded as sent: a time in
  summaries_sent_on changed nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tendereval.award.working_days import pcr_standstill_ends
from tendereval.cli import cli
from tendereval.ocds.formats import uk_today
from tendereval.report.summaries import marked_not_to_send
from tendereval.scoring import combine
from tendereval.wording import in_words
from tests.example_copies import EXAMPLES

WEALD_WITHDRAWS = '\n[[withdrawal]]\nsupplier = "Weald Carers Trust"\nwithdrawn_on = {day}\n'
BRIGHTWATER = "The lot is proposed for award to Brightwater Care Services Ltd"
REPLACED_FOUR = [
    "brightwater-care-services-ltd",
    "hop-garden-respite-cic",
    "meridian-care-group-plc",
    "stour-valley-homecare-ltd",
]


def run(*args: str | Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def carers(tmp_path: Path, regime: str = "PA2023") -> Path:
    folder = shutil.copytree(
        EXAMPLES / "carers-short-breaks",
        tmp_path / "carers",
        ignore=shutil.ignore_patterns("reports"),
    )
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"')
    plan.write_text(text, encoding="utf-8")
    return folder


def record(folder: Path, text: str) -> None:
    (folder / "decisions.toml").write_text(text, encoding="utf-8")


def score(folder: Path, tmp_path: Path) -> tuple[int, str, dict]:
    out = tmp_path / "result.json"
    code, lines = run("score", folder, "--no-report", "--no-sensitivity", "--json", out)
    return code, lines[-1], json.loads(out.read_text(encoding="utf-8"))["award"]


def publish(folder: Path) -> tuple[int, str]:
    code, lines = run("publish", folder, "--ocid-prefix", "ocds-abc123", "-o", folder / "a.json")
    return code, "\n".join(lines)


def superseded(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "reports/summaries/superseded").iterdir())


def kept_as_sent(day: dt.date) -> list[str]:
    """The five summaries sent on ``day``, as superseded/ keeps them."""
    names = [*REPLACED_FOUR, "weald-carers-trust"]
    return sorted(f"{name}-sent-{day}-assessment-summary.xlsx" for name in names)


def stated_end(path: Path) -> str:
    sheet = openpyxl.load_workbook(path)["Summary"]
    return next(
        cell
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str) and "expected to end" in cell
    )


def test_a_standstill_recorded_before_the_summaries_sent_again_holds_publish(tmp_path) -> None:
    """Procurement Act 2023: summaries sent 19 days ago, the standstill ran from 17 to 5 days
    ago, then the winner withdrew. The new summaries sent today and only the day recorded, the
    standstill recorded is that of the summaries sent before: publish wrote the award active."""
    folder = carers(tmp_path)
    today = uk_today()
    sent, starts, ends = (today - dt.timedelta(days=n) for n in (19, 17, 5))
    record(
        folder,
        f"[standstill]\nsummaries_sent_on = {sent}\nstarts_on = {starts}\nends_on = {ends}\n",
    )
    assert run("summaries", folder)[0] == 0
    with (folder / "decisions.toml").open("a", encoding="utf-8") as file:
        file.write(WEALD_WITHDRAWS.format(day=today - dt.timedelta(days=3)))
    code, lines = run("summaries", folder)
    # The advice says the standstill recorded is to be replaced too.
    assert code == 0 and lines[-1] == (
        f"{BRIGHTWATER}; the assessment summaries sent on {in_words(sent)} were replaced since "
        "by others for 4 suppliers: send them the new ones and record the day in "
        "decisions.toml ([standstill] summaries_sent_on) and the new standstill period in "
        "place of the one recorded (starts_on, ends_on), which ran for those sent before; "
        "the standstill period starts again."
    )
    assert score(folder, tmp_path)[1] == lines[-1]

    # Only the day recorded: every command says the standstill recorded is not this award's.
    text = (folder / "decisions.toml").read_text(encoding="utf-8")
    record(folder, text.replace(f"summaries_sent_on = {sent}", f"summaries_sent_on = {today}"))
    stale = (
        f"the standstill period recorded in decisions.toml ([standstill] starts_on = {starts}, "
        f"ends_on = {ends}) is before the assessment summaries were sent, on {in_words(today)}"
    )
    code, said, award = score(folder, tmp_path)
    assert code == 0 and award["summaries_sent"]["state"] == "sent"
    assert said.startswith(
        f"{BRIGHTWATER}; the assessment summaries were sent on {in_words(today)}. But {stale}"
    )
    code, said = publish(folder)
    assert code == 1 and not (folder / "a.json").exists()
    assert "Nothing was written" in said and stale[1:] in said

    # The new standstill recorded (left to publish to count, as the Act has it): published.
    new = text.replace(f"starts_on = {starts}\n", "").replace(str(sent), str(today))
    record(folder, new.replace(str(ends), str(today + dt.timedelta(days=14))))
    assert score(folder, tmp_path)[1] == (
        f"{BRIGHTWATER}; the assessment summaries were sent on {in_words(today)}."
    )
    code, said = publish(folder)
    assert code == 0, said
    released = json.loads((folder / "a.json").read_text(encoding="utf-8"))
    assert released["releases"][0]["awards"][0]["status"] == "pending"


def test_pcr_notices_sent_again_wait_for_the_day_and_end_of_the_new_ones(tmp_path) -> None:
    """PCR 2015: notices sent 6 days ago stating the end counted from then; the winner
    withdrew. summaries wrote the new notices stating that old end, ready to send. Now they
    are held (marked NOT TO BE SENT YET) until the day of the new ones and the end counted
    from it are recorded, and are then written stating that end."""
    folder = carers(tmp_path, "PCR2015")
    today = uk_today()
    sent = today - dt.timedelta(days=6)
    ends = pcr_standstill_ends(sent)[0]
    record(folder, f"[standstill]\nsummaries_sent_on = {sent}\nends_on = {ends}\n")
    assert run("summaries", folder)[0] == 0
    with (folder / "decisions.toml").open("a", encoding="utf-8") as file:
        file.write(WEALD_WITHDRAWS.format(day=today - dt.timedelta(days=3)))
    earliest = pcr_standstill_ends(today)[0]
    code, lines = run("summaries", folder)
    assert code == 1
    held = next(line for line in lines if "no longer give this award" in line)
    assert f"notices sent on {in_words(sent)} no longer give this award for 4 suppliers" in held
    assert f"ends_on (no earlier than {in_words(earliest)} for notices sent on" in held
    new = folder / "reports/summaries/brightwater-care-services-ltd-assessment-summary.xlsx"
    assert marked_not_to_send(new)
    # Those sent are kept, under the day they were sent.
    assert superseded(folder) == kept_as_sent(sent)
    code, said, award = score(folder, tmp_path)
    assert code == 0 and held in said and award["summaries_ready"] is False
    code, said = publish(folder)
    assert code == 1 and "no longer give this award" in said

    # The day of the new notices alone recorded: the end recorded is still the old one.
    text = (folder / "decisions.toml").read_text(encoding="utf-8")
    record(folder, text.replace(str(sent), str(today)))
    code, lines = run("summaries", folder)
    assert code == 1 and marked_not_to_send(new)
    assert any(
        f"the end recorded, {in_words(ends)}, is that of those sent before: it is to be no "
        f"earlier than {in_words(earliest)}" in line
        for line in lines
    )
    assert publish(folder)[0] == 1

    # The day of the new notices and their end recorded first, as for the first notices.
    record(folder, text.replace(str(sent), str(today)).replace(str(ends), str(earliest)))
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1] == (
        f"{BRIGHTWATER}; the award decision notices were sent on {in_words(today)}."
    )
    assert not marked_not_to_send(new) and in_words(earliest) in stated_end(new)
    assert score(folder, tmp_path)[1] == lines[-1]
    assert publish(folder)[0] == 0


@pytest.mark.parametrize("days_on", [0, 2])
def test_pcr_notices_set_aside_keep_the_day_they_were_sent(tmp_path, days_on: int) -> None:
    """PCR 2015, in the order docs/award.md gives: the day the new notices go (today, or a
    day to come) and their end recorded before writing them. The notices sent 6 days ago were
    filed as sent on the new day, and the state stayed "replaced": publish never went ahead."""
    folder = carers(tmp_path, "PCR2015")
    today = uk_today()
    sent, again = today - dt.timedelta(days=6), today + dt.timedelta(days=days_on)
    ends = pcr_standstill_ends(sent)[0]
    record(folder, f"[standstill]\nsummaries_sent_on = {sent}\nends_on = {ends}\n")
    assert run("summaries", folder)[0] == 0
    record(
        folder,
        f"[standstill]\nsummaries_sent_on = {again}\nends_on = {pcr_standstill_ends(again)[0]}\n"
        + WEALD_WITHDRAWS.format(day=today - dt.timedelta(days=3)),
    )
    code, lines = run("summaries", folder)
    assert code == 0
    assert superseded(folder) == kept_as_sent(sent)
    assert any(line.startswith(f"4 award decision notices sent on {sent} differ") for line in lines)
    said = (
        f"were sent on {in_words(today)}."
        if days_on == 0
        else f"may be sent: they are to be sent on {in_words(again)}."
    )
    assert lines[-1] == f"{BRIGHTWATER}; the award decision notices {said}"
    code, last, award = score(folder, tmp_path)
    assert last == lines[-1] and award["summaries_sent"]["state"] in ("sent", "to_be_sent")
    assert publish(folder)[0] == 0


def test_summaries_replaced_before_their_day_are_not_filed_as_sent(tmp_path) -> None:
    """Procurement Act 2023: the day the summaries are to be sent recorded ahead; the award
    changes before then. Those in the folder were never sent: not filed as sent on a day not
    yet come."""
    folder = carers(tmp_path)
    later = uk_today() + dt.timedelta(days=2)
    record(folder, f"[standstill]\nsummaries_sent_on = {later}\n")
    assert run("summaries", folder)[0] == 0
    with (folder / "decisions.toml").open("a", encoding="utf-8") as file:
        file.write(WEALD_WITHDRAWS.format(day=uk_today()))
    assert run("summaries", folder)[0] == 0
    assert superseded(folder) == sorted(
        f"{name}-assessment-summary.xlsx" for name in [*REPLACED_FOUR, "weald-carers-trust"]
    )


def _consensus(folder: Path, score: int) -> None:
    """The panel's consensus for Hop Garden's Q1 (3 in the example), as a challenge upheld."""
    path = folder / "scores/moderation.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Moderation"].iter_rows(min_row=5):
        if row[0].value == "Hop Garden Respite CIC" and row[2].value == "Q1":
            row[3].value = score
    book.save(path)


def test_summaries_sent_again_the_same_day_are_told_apart_by_the_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Summaries sent this morning, a challenge upheld, new ones written at 11:00 and sent
    that afternoon: with the day alone recorded both are sent that day and the state stays
    "replaced"; with the time they went (after they were written) they are the ones sent."""
    today = uk_today()
    eleven = dt.datetime.combine(today, dt.time(11, 0))  # UK time: GMT in winter
    offset = dt.timedelta(hours=1) if 4 <= today.month <= 9 else dt.timedelta(0)
    monkeypatch.setattr(combine, "scoring_time", lambda: (eleven - offset).replace(tzinfo=dt.UTC))
    folder = carers(tmp_path)
    assert run("summaries", folder)[0] == 0
    record(folder, f"[standstill]\nsummaries_sent_on = {today}\n")
    assert score(folder, tmp_path)[1].endswith(f"were sent on {in_words(today)}.")
    _consensus(folder, 5)
    code, lines = run("summaries", folder)
    assert code == 0 and "were replaced since by others for 5 suppliers" in lines[-1]
    # The advice says how to record a second sending the same day.
    timed = f"summaries_sent_on with the time they went when that is the day recorded now (as {today}T16:00:00)"  # noqa: E501
    assert timed in lines[-1]

    # Recorded at 10:00, before the new ones were written: those sent then were replaced.
    record(folder, f"[standstill]\nsummaries_sent_on = {today}T10:00:00\n")
    code, said, award = score(folder, tmp_path)
    assert award["summaries_sent"]["state"] == "replaced"
    assert publish(folder)[0] == 1

    # Recorded at 16:00: the summaries in the folder, written at 11:00, are those sent.
    record(folder, f"[standstill]\nsummaries_sent_on = {today}T16:00:00\n")
    code, said, award = score(folder, tmp_path)
    assert said.endswith(f"the assessment summaries were sent on {in_words(today)}.")
    assert award["summaries_sent"]["state"] == "sent"
    assert award["standstill"]["summaries_sent_at"] == f"{today}T16:00:00"
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1] == said
    assert lines[0].startswith("Wrote no assessment summary: kept the 5 assessment summaries")
    code, text = publish(folder)
    assert code == 0, text


def test_pcr_notices_sent_again_the_same_day_are_recorded_with_their_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PCR 2015: notices sent this morning, a challenge upheld. The new ones wait for their
    sending to be recorded, and, the same day, its time: then they are written, and the
    morning's are kept as sent today."""
    today = uk_today()
    eleven = dt.datetime.combine(today, dt.time(11, 0))
    offset = dt.timedelta(hours=1) if 4 <= today.month <= 9 else dt.timedelta(0)
    monkeypatch.setattr(combine, "scoring_time", lambda: (eleven - offset).replace(tzinfo=dt.UTC))
    folder = carers(tmp_path, "PCR2015")
    ends = pcr_standstill_ends(today)[0]
    record(folder, f"[standstill]\nsummaries_sent_on = {today}\nends_on = {ends}\n")
    assert run("summaries", folder)[0] == 0
    _consensus(folder, 5)
    code, said, award = score(folder, tmp_path)
    assert award["summaries_sent"]["state"] == "out_of_date" and award["summaries_ready"] is False
    assert f"(sent on {in_words(today)} too, give the time they go as well, as " in said
    assert publish(folder)[0] == 1

    record(folder, f"[standstill]\nsummaries_sent_on = {today}T16:00:00\nends_on = {ends}\n")
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1].endswith(f"notices were sent on {in_words(today)}.")
    assert superseded(folder) == kept_as_sent(today)
    code, said, award = score(folder, tmp_path)
    assert said == lines[-1] and award["summaries_sent"]["state"] == "sent"
    assert publish(folder)[0] == 0
