"""A result written out after its tender folder changed on disk (red team, the library as a
notebook uses it). Scored at 9:00, written at 11:00 after the officer recorded a withdrawal and
the day the summaries were sent: publish named the old winner, and ``summaries`` wrote over
the summaries the officer had sent, with no copy kept (the decisions scored recorded none
sent). Only notice.json was compared with the SHA-256 the result records. Now every input the
result records is, and a decisions.toml, notice.json, bid return or score sheet new since: the
summaries and the report are not written (``FolderChanged``), publish writes nothing and says
why, and a folder moved since is not made again at its old path."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path

import pytest

import tendereval
from tendereval.report.excel import write_report
from tendereval.scored_from import changed_on_disk
from tendereval.scoring.output import write_json
from tests.example_copies import example_copy

PUBLISHED_AT = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
HOLD = "input.changed_since_scored"


def _zipped(folder: Path, where: str) -> None:
    """A zip at ``where`` in ``folder`` holding a late bid return (Weald's, other bytes), as a
    portal exports every response."""
    late = (folder / "bids" / "weald-carers-trust.xlsx").read_bytes() + b" "
    with zipfile.ZipFile(folder / where, "w") as archive:
        archive.writestr("Late Bidder Ltd/Pricing Schedule.xlsx", late)


def test_a_document_saved_in_bids_since_changes_nothing(tmp_path: Path) -> None:
    """A PDF beside the returns is not read or recorded (a warning when scored): not held."""
    folder = example_copy(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    (folder / "bids" / "method-statement.pdf").write_bytes(b"%PDF-1.7")
    assert changed_on_disk(result) == []


def test_an_archive_there_when_scored_is_no_change(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    _zipped(folder, "bids/all-responses.zip")
    _zipped(folder, "all-responses.zip")
    result = tendereval.score(folder, sensitivity=False)
    assert changed_on_disk(result) == []


def _sent(folder: Path) -> dict[str, bytes]:
    """The summaries sent: every file in reports/summaries, by name, with its bytes."""
    return {p.name: p.read_bytes() for p in (folder / "reports" / "summaries").glob("*.xlsx")}


def test_summaries_sent_since_are_never_written_over_by_an_earlier_result(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    earlier = tendereval.score(folder, sensitivity=False)  # 9:00
    assert earlier.award.winner("CSB") == "Weald Carers Trust"
    # 10:00: the winner withdraws; the summaries are written, sent, and the day recorded.
    decisions = folder / "decisions.toml"
    decisions.write_text(
        '[[withdrawal]]\nsupplier = "Weald Carers Trust"\nwithdrawn_on = 2026-03-04\n',
        encoding="utf-8",
    )
    assert tendereval.summaries(folder).ready
    decisions.write_text(
        decisions.read_text(encoding="utf-8") + "\n[standstill]\nsummaries_sent_on = 2026-03-05\n",
        encoding="utf-8",
    )
    sent = _sent(folder)
    assert sent

    # 11:00: the notebook writes out the 9:00 result.
    with pytest.raises(tendereval.FolderChanged) as raised:
        tendereval.summaries(earlier)
    assert [(p.where, p.code) for p in raised.value.problems] == [("decisions.toml", HOLD)]
    assert "score the tender again" in str(raised.value)
    assert _sent(folder) == sent  # the summaries sent, byte for byte
    assert not (folder / "reports" / "summaries" / "superseded").exists()

    published = tendereval.publish(
        earlier, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT
    )
    assert not published.written
    assert not (tmp_path / "award.json").exists()
    assert published.blockers == [
        "decisions.toml: this file is new since the results were scored, without it; expected "
        "the files the results were scored from: score the tender again (tendereval.score on "
        "the folder), then write from the new results"
    ]
    with pytest.raises(tendereval.FolderChanged):
        write_report(earlier, folder / "reports" / "evaluation.xlsx")
    # Scored again, the folder's award is written (the new winner, the summaries sent kept).
    again = tendereval.score(folder, sensitivity=False)
    assert again.award.winner("CSB") == "Brightwater Care Services Ltd"
    tendereval.summaries(again)
    assert _sent(folder) == sent


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            lambda f: (f / "bids" / "hop-garden-respite-cic.xlsx").write_bytes(b"other bytes"),
            "bids/hop-garden-respite-cic.xlsx",
            "this file has changed since the results were scored",
        ),
        (
            lambda f: (f / "scores" / "helen-marsh.xlsx").unlink(),
            "scores/helen-marsh.xlsx",
            "this file, read when the results were scored, is not there now",
        ),
        (
            lambda f: shutil.copy(
                f / "bids" / "weald-carers-trust.xlsx", f / "bids" / "late-bidder-ltd.xlsx"
            ),
            "bids/late-bidder-ltd.xlsx",
            "this file is new since the results were scored, without it",
        ),
        # The portal's zip saved after scoring, in bids/ or beside it: scored again, the
        # award is held for the bid it holds not unzipped; before, nothing was said and the
        # summaries went out without it.
        (
            lambda f: _zipped(f, "bids/all-responses.zip"),
            "bids/all-responses.zip",
            "this file is new since the results were scored, without it",
        ),
        (
            lambda f: _zipped(f, "all-responses.zip"),
            "all-responses.zip",
            "this file is new since the results were scored, without it",
        ),
    ],
)
def test_each_file_changed_gone_or_new_is_named(tmp_path: Path, change, where, message) -> None:
    folder = example_copy(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    change(folder)
    with pytest.raises(tendereval.FolderChanged) as raised:
        tendereval.summaries(result)
    assert [(p.where, p.code) for p in raised.value.problems] == [(where, HOLD)]
    assert raised.value.problems[0].message.startswith(message)


def test_the_same_bytes_saved_again_are_no_change(tmp_path: Path) -> None:
    """Only the bytes count: a file touched (its times changed) is hashed again, and the same."""
    folder = example_copy(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    plan = folder / "tender.toml"
    plan.write_bytes(plan.read_bytes())
    assert tendereval.summaries(result).ready
    write_json(result, folder / "reports" / "results.json")


def test_a_folder_moved_since_is_not_made_again(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    folder.rename(tmp_path / "archived")
    with pytest.raises(tendereval.FolderChanged) as raised:
        tendereval.summaries(result)
    assert "moved, renamed or removed" in str(raised.value)
    published = tendereval.publish(result, ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT)
    assert not published.written
    with pytest.raises(tendereval.FolderChanged):
        write_report(result, folder / "reports" / "evaluation.xlsx")
    assert not folder.exists()
    # Written elsewhere, a report is for looking at: it is written.
    write_report(result, tmp_path / "evaluation.xlsx")


def test_a_file_whose_name_is_not_utf8_is_found_as_recorded(tmp_path: Path) -> None:
    """The loaders record such a name with its bytes written as ``\\xe9``: the file is found
    by that name, and nothing holds the writers while it is as scored."""
    folder = example_copy(tmp_path)
    bids = os.fsencode(folder / "bids")
    os.rename(
        os.path.join(bids, b"hop-garden-respite-cic.xlsx"),
        os.path.join(bids, b"hop-garden-r\xe9spite-cic.xlsx"),
    )
    result = tendereval.score(folder, sensitivity=False)
    assert "bids/hop-garden-r\\xe9spite-cic.xlsx" in result.inputs.get_column("path").to_list()
    assert changed_on_disk(result) == []


def test_a_plan_given_in_python_is_no_change_to_the_folder(tmp_path: Path) -> None:
    """A plan read from another folder and given to the tender is listed as that file: the
    result is held for it (plan.not_the_folders), not as a folder changed since, and its
    drafts are written to look at, as before."""
    folder = example_copy(tmp_path)
    other = shutil.copytree(folder, tmp_path / "other")
    plan = other / "tender.toml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n# another plan\n", encoding="utf-8")
    tender = tendereval.load_tender(folder)
    tender.plan = tendereval.load_plan(other)[0]
    result = tendereval.score(tender, sensitivity=False)
    assert changed_on_disk(result) == []
    written = tendereval.summaries(result)
    assert written.paths and not written.ready


def test_the_folder_is_compared_with_the_files_as_scored(tmp_path: Path) -> None:
    """Rows dropped from result.inputs in Python hold the award (result.changed_in_python),
    and are no files new since: the folder is compared with the inputs scoring listed."""
    folder = example_copy(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    result.inputs = result.inputs.head(1)
    assert changed_on_disk(result) == []
    assert not tendereval.summaries(result).ready
