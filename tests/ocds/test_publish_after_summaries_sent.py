"""The award notice and the assessment summaries the suppliers were sent must agree.

Acted out on the carers example: the summaries written and recorded as sent, then the panel's
consensus for Weald Carers Trust on Q2 corrected. Before, publish wrote the award notice on
the new scores while every supplier held a summary with the old ones; and running summaries
again wrote over the summaries sent. Now publish holds the award back until the new summaries
are written, sent and their day recorded.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tests.example_copies import EXAMPLES

PUBLISHED = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "carers"
    shutil.copytree(
        EXAMPLES / "carers-short-breaks", copy, ignore=shutil.ignore_patterns("reports")
    )
    return copy


def _sent_on(folder: Path, day: str) -> None:
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {day}\n", encoding="utf-8"
    )


def _consensus_corrected(folder: Path) -> None:
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Moderation"].iter_rows(min_row=5):
        if row[0].value == "Weald Carers Trust" and row[2].value == "Q2":
            row[3].value, row[4].value, row[5].value = 2, "Agreed after review", "Panel"
    book.save(path)


def _publish(folder: Path):
    return tendereval.publish(
        folder, folder / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED
    )


def test_the_award_waits_until_the_summaries_sent_give_its_figures(folder: Path) -> None:
    tendereval.summaries(folder)
    _sent_on(folder, "2026-03-03")
    assert _publish(folder).written  # the summaries sent give this award's figures

    _consensus_corrected(folder)
    held = _publish(folder)
    assert not held.written
    [blocker] = held.blockers
    assert blocker.startswith(
        "The assessment summaries recorded as sent on 2026-03-03 differ from those this award "
        "gives, for 5 suppliers (brightwater-care-services-ltd-assessment-summary.xlsx"
    )

    # Written again: those sent are kept aside, and the award waits for the new ones to go.
    again = tendereval.summaries(folder)
    assert len(again.sent_kept) == 5
    [blocker] = _publish(folder).blockers
    assert blocker.startswith(
        "The assessment summaries recorded as sent on 2026-03-03 were replaced since by others "
        "for 5 suppliers"
    )

    _sent_on(folder, "2026-03-10")  # sent again, and the day recorded
    assert _publish(folder).written


def test_no_summaries_in_the_folder_to_compare_is_said(folder: Path) -> None:
    _sent_on(folder, "2026-03-03")
    done = _publish(folder)
    assert done.written
    assert any(
        w.startswith("decisions.toml records the assessment summaries as sent on 2026-03-03, but")
        for w in done.warnings
    )


def test_a_named_pipe_in_place_of_a_summary_sent_is_no_match_and_no_hang(folder: Path) -> None:
    import os

    tendereval.summaries(folder)
    _sent_on(folder, "2026-03-03")
    sent = folder / "reports" / "summaries" / "weald-carers-trust-assessment-summary.xlsx"
    sent.unlink()
    os.mkfifo(sent)
    [blocker] = _publish(folder).blockers
    assert "for 1 supplier (weald-carers-trust-assessment-summary.xlsx" in blocker


def test_summaries_sent_from_another_folder_are_checked_when_named(
    folder: Path, tmp_path: Path
) -> None:
    """Written with `summaries -o elsewhere` and sent from there, the summaries were not what
    publish compared with: it warned that reports/summaries held none, and published the
    award the suppliers were never told. Named with --summaries, they are checked; and
    unnamed too, in the folder summaries noted it wrote them to (review 36), as score does.
    Where that note is lost, publish warns that it found none to compare, as before."""
    from click.testing import CliRunner

    from tendereval.cli import cli
    from tests.award.test_summaries_sent_elsewhere import written_by

    elsewhere = tmp_path / "sent-from-here"
    tendereval.summaries(folder, elsewhere)
    written_by(folder, "2026-03-03")  # written by the day sent
    _sent_on(folder, "2026-03-03")
    _consensus_corrected(folder)
    found = _publish(folder)
    assert not found.written and str(elsewhere) in found.blockers[0]
    assert "differ from those this award gives" in found.blockers[0]
    (folder / "reports" / "summaries-written.json").unlink()
    unchecked = _publish(folder)
    assert unchecked.written  # nothing to compare with there: said, not silently passed
    assert any("holds none to check this award against" in w for w in unchecked.warnings)
    assert any("(--summaries)" in w for w in unchecked.warnings)
    (folder / "award.json").unlink()
    checked = tendereval.publish(
        folder,
        folder / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=PUBLISHED,
        sent_summaries=elsewhere,
    )
    assert not checked.written
    assert "differ from those this award gives" in checked.blockers[0]
    assert str(elsewhere) in checked.blockers[0]
    out = CliRunner().invoke(
        cli, ["publish", str(folder), "--ocid-prefix", "ocds-abc123", "--summaries", str(elsewhere)]
    )
    assert out.exit_code == 1 and "differ from those this award gives" in out.output


@pytest.mark.parametrize("change", ["publication settings added", "re-saved with CRLF"])
def test_a_plan_changed_since_the_summaries_went_out_in_no_figure_publishes_with_a_warning(
    folder: Path, change: str
) -> None:
    """Found by filling in the plan's [publication] settings (where docs/ocds.md says the
    publisher and ocid prefix live) once the summaries were sent: not a criterion, weight or
    score changed, yet publish held the award back ('differ from those this award gives …
    the standstill period starts again'), the summaries differing from those sent only in
    the plan's SHA-256. The same with the plan merely re-saved with Windows line endings."""
    import hashlib

    tendereval.summaries(folder)
    _sent_on(folder, "2026-03-03")
    plan = folder / "tender.toml"
    before = hashlib.sha256(plan.read_bytes()).hexdigest()
    if change == "re-saved with CRLF":
        plan.write_bytes(plan.read_bytes().replace(b"\n", b"\r\n"))
    else:
        with plan.open("a", encoding="utf-8") as toml:
            toml.write('\n[publication]\nocid_prefix = "ocds-abc123"\npublisher = "Example"\n')
    after = hashlib.sha256(plan.read_bytes()).hexdigest()
    done = _publish(folder)
    assert done.blockers == [] and done.written
    assert (
        "The evaluation plan has changed since the assessment summaries were sent on "
        f"2026-03-03: they name tender.toml, SHA-256 {before}, and it is now tender.toml, "
        f"SHA-256 {after}. Nothing else in them differs"
    ) in " ".join(done.warnings)
