"""The summaries folder holds exactly the summaries to send.

Found by running ``summaries`` twice with a bid corrected in between (the supplier's legal
name completed, "Weald Carers Trust" to "Weald Carers Trust CIO"): the second run wrote its
six summaries and left the first run's summary for "Weald Carers Trust" beside them, seven
files, one of them giving results that no longer hold, to be sent with the rest.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli

CARERS = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
OLD = "weald-carers-trust-assessment-summary.xlsx"
NEW = "weald-carers-trust-cio-assessment-summary.xlsx"


def _renamed(folder: Path, name: str) -> None:
    path = folder / "bids" / "weald-carers-trust.xlsx"
    book = openpyxl.load_workbook(path)
    book["Organisation"]["B4"] = name
    book.save(path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "carers"
    shutil.copytree(CARERS, copy, ignore=shutil.ignore_patterns("reports"))
    return copy


def test_a_summary_no_run_writes_now_is_moved_aside_not_sent(folder: Path, tmp_path: Path):
    out = tmp_path / "summaries"
    first = tendereval.summaries(folder, out)
    assert first.superseded == [] and OLD in {p.name for p in first.paths}
    _renamed(folder, "Weald Carers Trust CIO")
    second = tendereval.summaries(folder, out)
    in_folder = sorted(p.name for p in out.glob("*.xlsx"))
    assert in_folder == sorted(p.name for p in second.paths)  # exactly this run's six
    assert NEW in in_folder and OLD not in in_folder
    assert second.superseded == [out / "superseded" / OLD]
    assert (out / "superseded" / OLD).read_bytes()  # kept, never deleted
    assert second.lines()[1] == (
        f"Moved 1 assessment summary from an earlier run, which this run did not write, to "
        f"{out / 'superseded'} ({OLD}): it does not give these results, and the folder now "
        "holds only the summaries to send."
    )


def test_a_summary_set_aside_twice_keeps_both(folder: Path, tmp_path: Path):
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    _renamed(folder, "Weald Carers Trust CIO")
    tendereval.summaries(folder, out)
    _renamed(folder, "Weald Carers Trust")
    tendereval.summaries(folder, out)  # the CIO's summary goes aside now
    _renamed(folder, "Weald Carers Trust CIO")
    fourth = tendereval.summaries(folder, out)
    again = "weald-carers-trust-2-assessment-summary.xlsx"
    assert [p.name for p in fourth.superseded] == [again]
    assert sorted(p.name for p in (out / "superseded").iterdir()) == sorted([OLD, NEW, again])


def test_other_files_in_the_folder_are_left_alone(folder: Path, tmp_path: Path):
    out = tmp_path / "summaries"
    out.mkdir()
    (out / "covering-letter.docx").write_bytes(b"letter")
    (out / "notes.xlsx").write_bytes(b"notes")
    done = tendereval.summaries(folder, out)
    assert done.superseded == [] and (out / "notes.xlsx").exists()
    assert (out / "covering-letter.docx").exists()


def test_a_summary_that_cannot_be_moved_is_said(folder: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    _renamed(folder, "Weald Carers Trust CIO")

    def refused(self, target):  # a read-only folder, a file locked open by Excel
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refused)
    done = tendereval.summaries(folder, out)
    assert done.not_set_aside == [out / OLD] and done.superseded == []
    assert (
        f"The folder also holds 1 assessment summary from an earlier run, which this run did "
        f"not write and could not move ({OLD}): remove it before sending the folder."
    ) in done.lines()


def test_the_command_says_so(folder: Path, tmp_path: Path):
    out = tmp_path / "summaries"
    runner = CliRunner()
    runner.invoke(cli, ["summaries", str(folder), "-o", str(out)])
    _renamed(folder, "Weald Carers Trust CIO")
    result = runner.invoke(cli, ["summaries", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Moved 1 assessment summary from an earlier run" in result.output


def _sent(folder: Path) -> None:
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-03-03\n", encoding="utf-8"
    )


def _weald_q2(folder: Path, score: int) -> None:
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Moderation"].iter_rows(min_row=5):
        if row[0].value == "Weald Carers Trust" and row[2].value == "Q2":
            row[3].value, row[4].value, row[5].value = score, "Agreed after review", "Panel"
    book.save(path)


def test_a_summary_already_sent_is_never_written_over(folder: Path, tmp_path: Path):
    """Found by correcting a consensus after the summaries went out: the second run wrote
    over all six, and nothing was left of what each supplier had been sent. Once
    decisions.toml records them sent, the summaries in the folder are kept in superseded/
    whenever what is written now differs from them."""
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    sent = (out / OLD).read_bytes()
    _sent(folder)
    same = tendereval.summaries(folder, out)
    # The same scores: nothing differs (only the time written), and nothing piles up.
    assert same.sent_kept == [] and not list((out / "superseded").glob("*"))
    assert (out / OLD).read_bytes() == sent  # the very bytes sent, whenever this run was
    _weald_q2(folder, 2)
    changed = tendereval.summaries(folder, out)
    # Weald's figures show in every summary (it is the lot's most advantageous tender).
    assert len(changed.sent_kept) == 5
    kept_as_sent = OLD.replace("-assessment-summary", "-sent-2026-03-03-assessment-summary")
    assert (out / "superseded" / kept_as_sent).read_bytes() == sent
    said = " ".join(changed.lines())
    assert (
        "decisions.toml records the summaries as sent on 2026-03-03, and 5 assessment "
        "summaries sent then differ from those written now: kept in "
    ) in said
    assert "the standstill period starts again" in said


def _written_at(path: Path, when: str) -> None:
    """``path`` as if written at another time: only docProps/core.xml's dates differ."""
    with zipfile.ZipFile(path) as book:
        parts = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", when.encode(), data)
            book.writestr(info, data)


def test_a_summary_sent_and_written_again_the_same_keeps_the_bytes_sent(
    folder: Path, tmp_path: Path
):
    """Found when the test above failed one run in eight: a run in a later second than the
    one that wrote the summaries sent wrote over them with its own time, so the folder no
    longer held the bytes (nor the hash) of what each supplier was sent."""
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    _written_at(out / OLD, "2026-03-02T09:00:00Z")
    sent = (out / OLD).read_bytes()
    with zipfile.ZipFile(out / OLD) as book:
        assert b"2026-03-02T09:00:00Z" in book.read("docProps/core.xml")
    _sent(folder)
    again = tendereval.summaries(folder, out)
    assert again.sent_kept == [] and not list((out / "superseded").glob("*"))
    assert (out / OLD).read_bytes() == sent
    assert out / OLD in again.paths


def test_before_they_are_sent_summaries_are_written_over(folder: Path, tmp_path: Path):
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    _weald_q2(folder, 2)
    again = tendereval.summaries(folder, out)
    assert again.sent_kept == [] and not (out / "superseded").exists()


def test_a_summary_sent_under_a_name_corrected_since_is_sent_again_not_taken_as_withdrawn(
    folder: Path, tmp_path: Path
):
    """A sent summary with no summary of the same name written now is a withdrawn supplier's
    only when that supplier withdrew: nothing new goes to it, and publishing goes ahead. Under
    a corrected name, the supplier is still in the competition and holds a summary naming it
    otherwise: it is sent the new one, and publishing waits, as before."""
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    _sent(folder)
    _renamed(folder, "Weald Carers Trust CIO")
    again = tendereval.summaries(folder, out)
    assert again.sent_withdrawn == []
    assert not any("none in its place" in line for line in again.lines())
    held = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123",
                              sent_summaries=out)  # fmt: skip
    assert not held.written
    assert any("replaced since by others" in b for b in held.blockers), held.blockers


def _stour_valley_reason(folder: Path, reason: str) -> None:
    """A new wording of the panel's reason for Stour Valley's Q1 (disqualified, its scores
    are in its own summary alone)."""
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Moderation"].iter_rows(min_row=5):
        if row[0].value == "Stour Valley Homecare Ltd" and row[2].value == "Q1":
            row[4].value = reason
    book.save(path)


def test_the_terminal_says_how_many_were_kept_as_sent_and_how_many_written(
    folder: Path, tmp_path: Path
):
    """Found by running summaries again once they were recorded as sent: every file was kept
    byte for byte, as documented, and the terminal said 'Wrote 6 assessment summaries'."""
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    sent = {path.name: path.read_bytes() for path in out.glob("*.xlsx")}
    _sent(folder)
    again = tendereval.summaries(folder, out)
    assert sorted(p.name for p in again.kept_as_sent) == sorted(sent)
    assert {path.name: path.read_bytes() for path in out.glob("*.xlsx")} == sent
    assert again.lines()[0] == (
        f"Wrote no assessment summary: kept the 5 assessment summaries in {out} as sent on "
        "2026-03-03, byte for byte: what they say is unchanged"
    )

    # One supplier's explanation reworded: its summary alone is written, the others kept.
    _stour_valley_reason(folder, "No booking route outside office hours; below the minimum.")
    mixed = tendereval.summaries(folder, out)
    stour = "stour-valley-homecare-ltd-assessment-summary.xlsx"
    assert [p.name for p in mixed.sent_kept] == [
        stour.replace("-assessment", "-sent-2026-03-03-assessment")
    ]
    assert len(mixed.kept_as_sent) == 4 and stour not in {p.name for p in mixed.kept_as_sent}
    assert mixed.lines()[0] == (
        f"Wrote 1 assessment summary to {out}; kept 4 others there as sent on 2026-03-03, "
        "byte for byte: what they say is unchanged"
    )

    result = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote no assessment summary: kept the 5 assessment summ")


def test_a_plan_changed_since_they_were_sent_keeps_them_and_names_both_plans(
    folder: Path, tmp_path: Path
):
    """Found by filling in the plan's [publication] settings after the summaries went out:
    every summary then differed from the one sent in the plan's SHA-256 alone, and was set
    aside as one with other figures, to be sent again with the standstill started again."""
    import hashlib

    out = tmp_path / "summaries"
    plan = folder / "tender.toml"
    before = hashlib.sha256(plan.read_bytes()).hexdigest()
    tendereval.summaries(folder, out)
    sent = {path.name: path.read_bytes() for path in out.glob("*.xlsx")}
    _sent(folder)
    plan.write_bytes(plan.read_bytes().replace(b"\n", b"\r\n"))  # re-saved on Windows
    after = hashlib.sha256(plan.read_bytes()).hexdigest()
    again = tendereval.summaries(folder, out)
    assert again.sent_kept == [] and not list((out / "superseded").glob("*"))
    assert {path.name: path.read_bytes() for path in out.glob("*.xlsx")} == sent
    assert again.plan_since_sent == [
        (f"tender.toml, SHA-256 {before}", f"tender.toml, SHA-256 {after}")
    ]
    assert again.lines()[1] == (
        "The evaluation plan has changed since the assessment summaries were sent on "
        f"2026-03-03: they name tender.toml, SHA-256 {before}, and it is now tender.toml, "
        f"SHA-256 {after}. Nothing else in them differs (no criterion, weight, score or "
        "explanation), so the summaries sent stand: check the change to the plan was meant, "
        "and keep the plan they name with the evaluation record."
    )


def test_a_title_changed_since_they_were_sent_keeps_them_and_says_what_differs(
    folder: Path, tmp_path: Path
):
    """The tender's title heads every summary, and is no figure, score, explanation or
    decision: the summaries sent stand, the command says what differs, cell by cell, and the
    standstill period does not start again. (Before, any byte differing set them aside as
    other figures: a full stop added to the title restarted the standstill.)"""
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    sent = {path.name: path.read_bytes() for path in out.glob("*.xlsx")}
    _sent(folder)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert 'title = "Short breaks for unpaid carers"' in text
    plan.write_text(
        text.replace('title = "Short breaks for unpaid carers"', 'title = "Short breaks"', 1),
        encoding="utf-8",
    )
    again = tendereval.summaries(folder, out)
    assert again.sent_kept == [] and len(again.kept_as_sent) == 5
    assert {path.name: path.read_bytes() for path in out.glob("*.xlsx")} == sent
    said = "\n".join(again.lines())
    assert (
        "5 assessment summaries sent on 2026-03-03 differ from those written now only in how "
        "the summary is headed, not in a figure, score, explanation or decision: Summary › A1: "
        '"Assessment summary — Short breaks for unpaid carers" when sent, "Assessment summary '
        '— Short breaks" now. The summaries sent stand, kept as they were sent, and the '
        "standstill period does not start again: check the change was meant."
    ) in said
    assert "starts again" not in said
    published = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123")
    assert published.written, published.blockers
