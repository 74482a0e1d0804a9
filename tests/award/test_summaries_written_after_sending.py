"""Found by a red team (session 41, repro_3.sh, repro_3b.sh, r3c.sh): summaries written after
the sending was recorded were taken for the summaries sent.

The carers example (Procurement Act): ``summaries`` (Weald Carers Trust wins), the summaries
sent and ``[standstill] summaries_sent_on`` recorded; then a consensus corrected moves the award
to Brightwater Care Services Ltd, and the summaries sent are no longer in reports/summaries.
``summaries`` wrote the new award in their place and, sent today, said nothing of the summaries
sent; sent yesterday, it warned that none sent was there, yet ended "the assessment summaries
were sent on …", and run again it said it "kept the 5 assessment summaries … as sent, byte for
byte". ``score`` said they were sent and ``publish`` published Brightwater's award without a
word, while Weald holds a summary saying it won. A summary written after the sending was
recorded is none of those sent (docs/report.md, docs/award.md): the summaries sent stay "could
not be compared" in every command until those sent are put back.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl

from tendereval.ocds.formats import uk_today
from tendereval.wording import in_words
from tests.award.test_summaries_sent_elsewhere import written_by
from tests.award.test_summaries_sent_verdict import carers, publish, run, scored_json

TO_WEALD = "The lot is proposed for award to Weald Carers Trust; "
TO_BRIGHTWATER = "The lot is proposed for award to Brightwater Care Services Ltd; "


def _unchecked(sent: dt.date, folder: Path) -> str:
    return (
        f"{TO_BRIGHTWATER}the assessment summaries recorded as sent on {in_words(sent)} could "
        f"not be compared with this award: there are none in {folder / 'reports' / 'summaries'} "
        "(the 5 there were written after that sending was recorded). Put back the summaries "
        "sent there and score again"
    )


def _record_sent(folder: Path, sent: dt.date) -> None:
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {sent}\n", encoding="utf-8"
    )


def _consensus_for_weald_q1(folder: Path) -> None:
    """The panel's consensus of 1 for Weald's Q1 (the evaluators gave 4): Brightwater first,
    with no discrepancy left to moderate."""
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Moderation"]
    assert (sheet["A5"].value, sheet["C5"].value) == ("Weald Carers Trust", "Q1")
    sheet["D5"], sheet["F5"] = 1, "Priya Shah (chair)"
    sheet["E5"] = "Scores were 4, 4 and 4. Re-read: no urgent-break route. Agreed 1."
    book.save(path)


def _lose_the_summaries_sent(folder: Path, tmp_path: Path) -> Path:
    lost = tmp_path / "lost"
    lost.mkdir()
    for path in (folder / "reports" / "summaries").glob("*.xlsx"):
        shutil.move(path, lost / path.name)
    return lost


def _every_command_says_unchecked(folder: Path, tmp_path: Path, sent: dt.date) -> None:
    unchecked = _unchecked(sent, folder)
    for _ in range(2):  # summaries run again with nothing put back says the same
        code, lines = run("summaries", folder)
        assert code == 0, lines
        assert lines[-1].startswith(unchecked), lines[-1]
        assert not any("were sent on" in line for line in lines)
        assert not any("byte for byte" in line for line in lines)
        assert any(
            line.startswith(
                f"warning: decisions.toml records the summaries as sent on {sent}, but no "
                "summary sent then is in"
            )
            for line in lines
        )
    code, lines, award = scored_json(folder, tmp_path)
    assert code == 0 and lines[-1].startswith(unchecked), lines[-1]
    assert award["summaries_sent"]["state"] == "unchecked"
    code, lines = publish(folder)
    assert not any("were sent on" in line for line in lines)
    assert any("were written after that sending was recorded" in line for line in lines), lines


def test_summaries_written_after_those_sent_today_are_none_of_them(tmp_path: Path) -> None:
    """repro_3.sh: sent and recorded today. The first run after was silent."""
    folder = carers(tmp_path)
    assert run("summaries", folder)[0] == 0
    sent = uk_today()
    _record_sent(folder, sent)
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1] == f"{TO_WEALD}the assessment summaries were sent on " + (
        f"{in_words(sent)}."
    )
    _consensus_for_weald_q1(folder)
    _lose_the_summaries_sent(folder, tmp_path)
    _every_command_says_unchecked(folder, tmp_path, sent)


def test_summaries_written_after_those_sent_yesterday_are_none_of_them(tmp_path: Path) -> None:
    """repro_3b.sh: written and sent yesterday, recorded then. The second run after kept the
    summaries written the day after as those sent, byte for byte."""
    folder = carers(tmp_path)
    assert run("summaries", folder)[0] == 0
    sent = uk_today() - dt.timedelta(days=1)
    written_by(folder, sent)
    _record_sent(folder, sent)
    code, lines, _ = scored_json(folder, tmp_path)
    assert code == 0
    assert lines[-1] == f"{TO_WEALD}the assessment summaries were sent on {in_words(sent)}."
    _consensus_for_weald_q1(folder)
    _lose_the_summaries_sent(folder, tmp_path)
    _every_command_says_unchecked(folder, tmp_path, sent)


def test_score_before_summaries_and_after_says_the_same(tmp_path: Path) -> None:
    """r3c.sh: score rightly said they could not be compared (there were none); one
    summaries run (silent) turned that into "were sent" in every later score."""
    folder = carers(tmp_path)
    assert run("summaries", folder)[0] == 0
    sent = uk_today()
    _record_sent(folder, sent)
    _consensus_for_weald_q1(folder)
    _lose_the_summaries_sent(folder, tmp_path)
    code, lines, award = scored_json(folder, tmp_path)
    assert code == 0 and award["summaries_sent"]["state"] == "unchecked"
    assert lines[-1].startswith(
        f"{TO_BRIGHTWATER}the assessment summaries recorded as sent on {in_words(sent)} could "
        f"not be compared with this award: there are none in "
        f"{folder / 'reports' / 'summaries'}. Put back"
    )
    _every_command_says_unchecked(folder, tmp_path, sent)


def test_put_back_the_summaries_sent_differ_from_the_award(tmp_path: Path) -> None:
    """Once those sent are put back, they are judged: they differ from the award, and the
    new ones written since are to be sent."""
    folder = carers(tmp_path)
    assert run("summaries", folder)[0] == 0
    sent = uk_today()
    _record_sent(folder, sent)
    _consensus_for_weald_q1(folder)
    lost = _lose_the_summaries_sent(folder, tmp_path)
    assert run("summaries", folder)[0] == 0
    for path in lost.glob("*.xlsx"):
        shutil.copy(path, folder / "reports" / "summaries" / path.name)
    code, lines, award = scored_json(folder, tmp_path)
    assert award["summaries_sent"]["state"] == "out_of_date", lines[-1]
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1].startswith(
        f"{TO_BRIGHTWATER}the assessment summaries sent on {in_words(sent)} were replaced "
        "since by others for 5 suppliers"
    ), lines[-1]
    code, lines = publish(folder)
    assert code == 1


def test_the_day_recorded_first_leaves_the_summaries_written_after_as_those_sent(
    tmp_path: Path,
) -> None:
    """The Act's order is to record the day once they are sent; recorded first after all
    (every run made once it was), the summaries written then are those sent, as before."""
    folder = carers(tmp_path)
    sent = uk_today()
    _record_sent(folder, sent)
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1] == (
        f"{TO_WEALD}the assessment summaries were sent on {in_words(sent)}."
    )
    assert not any(line.startswith("warning: decisions.toml records") for line in lines)
