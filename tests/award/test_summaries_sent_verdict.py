"""What became of the assessment summaries recorded as sent, said once by the award decision
and read by score, summaries (their closing sentence and exit code), the JSON and publish.

Red team (exitcodes): the summaries recorded as sent, then the winner withdrew. summaries wrote
four new summaries ("must be sent these, and the standstill period starts again") and
publish refused, yet score and summaries closed with "the assessment summaries were sent on
1 December 2026", and the JSON said nothing was left to do. A summaries_sent_on still to come
(recorded before sending, as PCR 2015's order of steps has it) was said to be a day they were
sent. Every tender withdrawn, summaries wrote none and said what "the summaries written" tell.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.ocds.formats import uk_today
from tendereval.wording import in_words
from tests.example_copies import EXAMPLES

SUPPLIERS = (
    "Weald Carers Trust",
    "Brightwater Care Services Ltd",
    "Meridian Care Group plc",
    "Hop Garden Respite CIC",
    "Stour Valley Homecare Ltd",
)


def run(*args: str | Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def carers(tmp_path: Path) -> Path:
    return shutil.copytree(
        EXAMPLES / "carers-short-breaks",
        tmp_path / "carers",
        ignore=shutil.ignore_patterns("reports"),
    )


def scored_json(folder: Path, tmp_path: Path) -> tuple[int, list[str], dict]:
    out = tmp_path / "result.json"
    code, lines = run("score", folder, "--no-report", "--no-sensitivity", "--json", out)
    return code, lines, json.loads(out.read_text(encoding="utf-8"))["award"]


def publish(folder: Path) -> tuple[int, list[str]]:
    return run("publish", folder, "--ocid-prefix", "ocds-abc123", "-o", folder / "award.json")


def test_summaries_replaced_since_they_were_sent_are_said_so_by_every_command(
    tmp_path: Path,
) -> None:
    folder = carers(tmp_path)
    sent, withdrawn = uk_today() - dt.timedelta(days=6), uk_today() - dt.timedelta(days=2)
    decisions = folder / "decisions.toml"
    decisions.write_text(f"[standstill]\nsummaries_sent_on = {sent}\n", encoding="utf-8")
    assert run("summaries", folder)[0] == 0
    code, lines, award = scored_json(folder, tmp_path)
    assert lines[-1] == (
        "The lot is proposed for award to Weald Carers Trust; the assessment summaries were "
        f"sent on {in_words(sent)}."
    )
    assert award["summaries_sent"] == {
        "on": str(sent),
        "state": "sent",
        "replaced": [],
        "out_of_date": [],
        "not_in_place": [],
        "looked_in": str(folder / "reports" / "summaries"),
    }

    # The winner withdraws: the award moves to Brightwater, and every summary sent is wrong.
    with decisions.open("a", encoding="utf-8") as file:
        file.write(
            f'\n[[withdrawal]]\nsupplier = "Weald Carers Trust"\nwithdrawn_on = {withdrawn}\n'
        )
    replaced = (
        "The lot is proposed for award to Brightwater Care Services Ltd; the assessment "
        f"summaries sent on {in_words(sent)} were replaced since by others for 4 suppliers: "
        "send them the new ones and record the day in decisions.toml ([standstill] "
        "summaries_sent_on); the standstill period starts again."
    )
    # summaries writes the new ones, which are to be sent: it exits 0 (nothing stops them).
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1] == replaced, lines[-3:]
    assert any("must be sent these, and the standstill period starts again" in x for x in lines)
    # score says the same, and so does its JSON.
    code, lines, award = scored_json(folder, tmp_path)
    assert code == 0 and lines[-1] == replaced, lines[-3:]
    assert award["summaries_ready"] is True and award["blockers"] == []
    assert award["summaries_sent"]["state"] == "replaced"
    assert sorted(award["summaries_sent"]["replaced"]) == [
        f"{name}-sent-{sent}-assessment-summary.xlsx"
        for name in (
            "brightwater-care-services-ltd",
            "hop-garden-respite-cic",
            "meridian-care-group-plc",
            "stour-valley-homecare-ltd",
        )
    ]
    # publish waits for the new ones to be sent, naming the same 4.
    code, lines = publish(folder)
    assert code == 1
    assert f"recorded as sent on {sent} were replaced since by others for 4 suppliers" in (
        "\n".join(lines)
    )

    # The new ones sent today, and the day recorded: every command says they were sent.
    text = decisions.read_text(encoding="utf-8")
    decisions.write_text(text.replace(str(sent), str(uk_today())), encoding="utf-8")
    now = (
        "The lot is proposed for award to Brightwater Care Services Ltd; the assessment "
        f"summaries were sent on {in_words(uk_today())}."
    )
    code, lines, award = scored_json(folder, tmp_path)
    assert lines[-1] == now and award["summaries_sent"]["state"] == "sent"
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1] == now
    assert publish(folder)[0] == 0


def test_a_day_sent_still_to_come_is_the_day_they_are_to_be_sent(tmp_path: Path) -> None:
    """PCR 2015: the day the award decision notices are to be sent is recorded before they
    are written (they state the standstill's end). Before that day they have not been sent."""
    folder = carers(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', 'regime = "PCR2015"'),
        encoding="utf-8",
    )
    today = uk_today()
    sent, starts, ends = (today + dt.timedelta(days=n) for n in (2, 3, 16))
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {sent}\nstarts_on = {starts}\nends_on = {ends}\n",
        encoding="utf-8",
    )
    said = (
        "The lot is proposed for award to Weald Carers Trust; the award decision notices may "
        f"be sent: they are to be sent on {in_words(sent)}."
    )
    code, lines, award = scored_json(folder, tmp_path)
    assert lines[-1] == said, lines[-3:]
    assert award["summaries_sent"] == {
        "on": str(sent),
        "state": "to_be_sent",
        "replaced": [],
        "out_of_date": [],
        "not_in_place": [],
        "looked_in": None,  # (nothing sent yet to look for)
    }
    code, lines = run("summaries", folder, "-o", tmp_path / "summ")
    assert code == 0 and lines[-1] == said


def test_the_help_says_a_withdrawn_tenders_errors_hold_nothing_back(tmp_path: Path) -> None:
    """An error in the bid of a tender withdrawn (or rejected) stops neither summaries nor
    publish (docs/award.md), and their --help says so."""
    for command in ("summaries", "publish"):
        _, lines = run(command, "--help")
        shown = " ".join(" ".join(lines).split())
        assert "other than in a tender withdrawn or recorded as rejected" in shown
        # (nor one in the return of a tender its scores disqualify: docs/award.md)
        assert "in the return of a tender disqualified on its evaluators' scores" in shown
    folder = carers(tmp_path)
    bid = folder / "bids" / "stour-valley-homecare-ltd.xlsx"
    book = openpyxl.load_workbook(bid)
    book["Prices"]["G5"] = "TBC"
    book.save(bid)
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "Stour Valley Homecare Ltd"\nwithdrawn_on = 2026-03-04\n',
        encoding="utf-8",
    )
    assert run("summaries", folder, "-o", tmp_path / "summ")[0] == 0
    assert publish(folder)[0] == 0


def test_no_summary_written_is_not_said_to_tell_anything(tmp_path: Path) -> None:
    folder = carers(tmp_path)
    (folder / "decisions.toml").write_text(
        "".join(
            f'[[withdrawal]]\nsupplier = "{name}"\nwithdrawn_on = 2026-03-04\n\n'
            for name in SUPPLIERS
        ),
        encoding="utf-8",
    )
    out = tmp_path / "summ"
    code, lines = run("summaries", folder, "-o", out)
    assert code == 0 and not list(out.glob("*.xlsx"))
    text = "\n".join(lines)
    assert lines[0] == "Wrote no assessment summary: no supplier is given one"
    assert not re.search(r"summaries written|Wrote 0", text), text
    assert lines[-1].startswith("The lot has no tender that could be ranked. No lot is to be")


def _weald_q2(folder: Path, score: int) -> None:
    """Helen Marsh's score for Weald Carers Trust's Q2 (4 in the example). 2 moves the award
    to Brightwater Care Services Ltd; 1, beside the other officers' 4, is a discrepancy with
    no consensus, which holds the award until the panel moderates it (award.unmoderated)."""
    path = folder / "scores" / "helen-marsh.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    assert (sheet["A6"].value, sheet["C6"].value) == ("Weald Carers Trust", "Q2")
    sheet["F6"] = score
    book.save(path)


AWARD_TO = "The lot is proposed for award to Weald Carers Trust; "


def _sent_three_days_ago(folder: Path) -> dt.date:
    """The example's summaries written, Weald's Q2 saved as the later edits are (4, as the
    example has it), and recorded as sent three days ago."""
    _weald_q2(folder, 4)
    assert run("summaries", folder)[0] == 0
    sent = uk_today() - dt.timedelta(days=3)
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {sent}\n", encoding="utf-8"
    )
    return sent


def _replaced(sent: dt.date) -> str:
    return (
        f"{AWARD_TO}the assessment summaries sent on {in_words(sent)} were replaced since by "
        "others for 5 suppliers: send them the new ones and record the day in decisions.toml "
        "([standstill] summaries_sent_on); the standstill period starts again."
    )


def test_an_award_changed_since_the_summaries_were_sent_says_they_are_out_of_date(
    tmp_path: Path,
) -> None:
    """Review red team, session 35: a score changed after the summaries were sent, and
    summaries not run again. score said they "were sent on" while publish refused (they
    differ from those this award gives). Now each says the summaries in the folder are out
    of date with the award; summaries run again, they were replaced and the new ones are to
    be sent."""
    folder = carers(tmp_path)
    sent = _sent_three_days_ago(folder)
    were_sent = f"{AWARD_TO}the assessment summaries were sent on {in_words(sent)}."
    code, lines, award = scored_json(folder, tmp_path)
    assert lines[-1] == were_sent and award["summaries_sent"]["state"] == "sent"

    _weald_q2(folder, 5)
    out_of_date = (
        f"{AWARD_TO}the assessment summaries sent on {in_words(sent)} differ from this award "
        "for 5 suppliers, and those in the summaries folder are out of date with it: run "
        "tendereval summaries to write the new ones, send them and record the day in "
        "decisions.toml ([standstill] summaries_sent_on); the standstill period starts again."
    )
    code, lines, award = scored_json(folder, tmp_path)
    assert code == 0 and lines[-1] == out_of_date, lines[-2:]
    assert award["summaries_sent"]["state"] == "out_of_date"
    assert len(award["summaries_sent"]["out_of_date"]) == 5
    code, lines = publish(folder)
    assert code == 1 and "differ from those this award gives, for 5 suppliers" in lines[1]

    # summaries run again: the new ones replace those sent, and are to be sent.
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1] == _replaced(sent)
    code, lines, award = scored_json(folder, tmp_path)
    assert lines[-1] == _replaced(sent) and award["summaries_sent"]["state"] == "replaced"
    code, lines = publish(folder)
    assert code == 1 and "were replaced since by others for 5 suppliers" in "\n".join(lines)


def test_a_change_undone_leaves_the_summaries_sent_standing(tmp_path: Path) -> None:
    """Review red team, session 35 (repro 6): summaries sent; Weald's Q2 4 -> 5 and
    summaries run again (the sent ones kept in superseded/); the score put back to 4. The
    award gives again what was sent, yet score said the summaries sent "were replaced since
    by others for 5 suppliers: send them the new ones ... the standstill period starts
    again", of the summaries on disk that give the 5 (Weald's total 77.056, of no award
    now), and summaries run again then said they "were sent on". The state was read from
    the files in superseded/ alone; now it is judged against the award."""
    folder = carers(tmp_path)
    weald = folder / "reports" / "summaries" / "weald-carers-trust-assessment-summary.xlsx"
    sent = _sent_three_days_ago(folder)
    as_sent = weald.read_bytes()
    _weald_q2(folder, 5)
    assert run("summaries", folder)[-1][-1] == _replaced(sent)

    _weald_q2(folder, 4)
    put_back = (
        f"{AWARD_TO}the assessment summaries were sent on {in_words(sent)} and give this "
        "award, but the summaries folder holds others in their place for 5 suppliers: run "
        "tendereval summaries, which puts back those sent (the standstill period does not "
        "start again)."
    )
    code, lines, award = scored_json(folder, tmp_path)
    assert code == 0 and lines[-1] == put_back, lines[-2:]
    assert award["summaries_sent"]["state"] == "sent"
    assert award["summaries_sent"]["replaced"] == []
    assert len(award["summaries_sent"]["not_in_place"]) == 5
    code, lines = publish(folder)
    assert code == 1 and "which puts back those sent" in "\n".join(lines)
    assert "send the new ones" not in "\n".join(lines)

    # summaries puts back the very summaries sent; then every command says they were sent.
    were_sent = f"{AWARD_TO}the assessment summaries were sent on {in_words(sent)}."
    code, lines = run("summaries", folder)
    assert code == 0 and lines[-1] == were_sent
    assert weald.read_bytes() == as_sent
    code, lines, award = scored_json(folder, tmp_path)
    assert lines[-1] == were_sent and award["summaries_sent"]["state"] == "sent"
    assert publish(folder)[0] == 0


def test_a_pickled_award_says_what_became_of_the_summaries_sent_as_the_original_does(
    tmp_path: Path,
) -> None:
    """A notebook caching results pickles them: the award's comparison with the summaries
    sent was made by a function holding the whole result, which could not be pickled
    ("Can't pickle local object 'sent_check.<locals>.check'"). It is made when pickled,
    and the copy reads as the original does, with the folder gone."""
    import pickle

    from tendereval import load_tender, score

    folder = carers(tmp_path)
    _sent_three_days_ago(folder)
    _weald_q2(folder, 5)
    award = score(load_tender(folder)).award
    copy = pickle.loads(pickle.dumps(award))
    shutil.rmtree(folder)
    assert copy.summaries_sent == award.summaries_sent == "out_of_date"
    assert copy.sent_against_award == award.sent_against_award
    assert copy.sent_check is None
