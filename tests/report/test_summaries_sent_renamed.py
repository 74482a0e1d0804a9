"""A summary sent under another file name than its supplier's summary is given now.

Red team (review 3, repro 5): an earlier version spelled 'Ørsted Respite CIC' rsted-respite-
cic-…; the summary sent under that name, unchanged byte for byte, was taken by ``summaries``
for one missing and another replaced ("1 assessment summary sent then differs … the standstill
period starts again"), and ``publish`` refused: "the scores have changed since they were
written … the standstill period starts again". Now the summary sent is found by the supplier
its Summary sheet names (or, failing that, by holding the same as one written now), kept as
sent under the name now, and said so: "sent as …; now written as …". Where nothing matches,
the cause is worded from what differs: "the scores have changed" only when a figure did.

The old name is simulated by renaming a summary sent (Hop Garden's: as if its 'H' had been
dropped), as the earlier version would have named it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

import tendereval

CARERS = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
HOP = "hop-garden-respite-cic-assessment-summary.xlsx"
OLD = "op-garden-respite-cic-assessment-summary.xlsx"  # the name an earlier version gave it
KEPT_OLD = "op-garden-respite-cic-sent-2026-03-03-assessment-summary.xlsx"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "carers"
    shutil.copytree(CARERS, copy, ignore=shutil.ignore_patterns("reports"))
    return copy


def _sent_under_old_name(folder: Path) -> tuple[Path, bytes]:
    """The summaries written and recorded as sent, Hop Garden's under the old name: the
    folder they were sent from, and the bytes Hop Garden was sent."""
    out = folder / "reports" / "summaries"
    tendereval.summaries(folder)
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-03-03\n", encoding="utf-8"
    )
    (out / HOP).rename(out / OLD)
    return out, (out / OLD).read_bytes()


def _published(folder: Path) -> tendereval.Publication:
    return tendereval.publish(folder, folder / "award.json", ocid_prefix="ocds-abc123")


def _hop_q1(folder: Path, score: int | None = None, reason: str | None = None) -> None:
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Moderation"].iter_rows(min_row=5):
        if row[0].value == "Hop Garden Respite CIC" and row[2].value == "Q1":
            row[3].value = score if score is not None else row[3].value
            row[4].value = reason if reason is not None else row[4].value
    book.save(path)


def test_summaries_keeps_the_summary_sent_under_its_old_name_as_sent(folder: Path):
    out, sent = _sent_under_old_name(folder)
    done = tendereval.summaries(folder)
    assert done.sent_renamed == {HOP: OLD}
    assert len(done.kept_as_sent) == 5 and done.sent_kept == [] and done.sent_missing == []
    # The very bytes sent, under the name now; nothing set aside as replaced.
    assert (out / HOP).read_bytes() == sent and not (out / OLD).exists()
    assert not (out / "superseded").exists()
    lines = done.lines()
    assert lines[0].startswith("Wrote no assessment summary: kept the 5 assessment summaries")
    [said] = [line for line in lines if "now written as" in line]
    assert f"(sent as {OLD}; now written as {HOP})" in said
    assert "the standstill period does not start again" in said
    assert not any("starts again" in line for line in lines)
    assert _published(folder).written


def test_publish_finds_the_summary_sent_under_its_old_name(folder: Path):
    """No summaries run since they were sent: publish compares Hop Garden's summary with the
    one sent under the old name, and goes ahead."""
    _sent_under_old_name(folder)
    published = _published(folder)
    assert published.blockers == [] and published.written
    [said] = [line for line in published.warnings if "now written as" in line]
    assert f"(sent as {OLD}; now written as {HOP})" in said


def test_a_summary_sent_already_set_aside_as_replaced_is_put_back_under_the_name_now(
    folder: Path,
):
    """The state a run of the code before this fix left: the summary sent kept in superseded/
    as one replaced, and a new one written under the name now. publish took it for replaced
    ("the standstill period starts again"); now both find it the one sent, and summaries puts
    the bytes sent in place (the one written since is kept aside, not as sent)."""
    out, sent = _sent_under_old_name(folder)
    (out / "superseded").mkdir()
    (out / OLD).rename(out / "superseded" / KEPT_OLD)
    tendereval.summaries(folder, folder / "scratch")  # a summary written since, as then
    shutil.copy(folder / "scratch" / HOP, out / HOP)
    assert _published(folder).written
    done = tendereval.summaries(folder)
    assert done.sent_renamed == {HOP: OLD} and done.sent_kept == []
    assert (out / HOP).read_bytes() == sent
    assert sorted(p.name for p in (out / "superseded").iterdir()) == [HOP]
    assert _published(folder).written


def test_a_summary_sent_under_its_old_name_that_differs_is_said_with_what_differs(
    folder: Path,
):
    """Renamed and re-scored: the one sent is the one under the old name, and it differs in
    a figure. Said as such, cell by cell, and not as missing; the standstill starts again."""
    out, _ = _sent_under_old_name(folder)
    _hop_q1(folder, score=2)
    [blocker] = _published(folder).blockers
    # Q1 carries 16 points on a 0-5 scale, 3.2 a step; the officers' consensus carries 75%
    # of it (the Carers' panel keeps its 25%): 3 to 2 takes 0.75 × 3.2 = 2.4 off the total.
    assert (
        f'{HOP} (sent as {OLD}) › Summary › D16: "71.4228130480821" when sent, '
        '"69.0228130480821" now'
    ) in blocker
    assert '"none" when sent' not in blocker
    assert "the scores have changed since they were written" in blocker
    done = tendereval.summaries(folder)
    assert done.sent_missing == [] and done.sent_renamed == {}
    assert out / "superseded" / KEPT_OLD in done.sent_kept
    assert KEPT_OLD in done.sent_unlike
    assert any(d.figure for d in done.sent_unlike[KEPT_OLD].figures)
    assert any("standstill period starts again" in line for line in done.lines())


def test_a_summary_sent_under_another_name_and_supplier_is_found_by_what_it_holds(
    folder: Path,
):
    """The supplier's name corrected since (its Summary sheet names it otherwise): no
    supplier names it, but it holds the same as Hop Garden's now, as Hop Garden reads it."""
    out, _ = _sent_under_old_name(folder)
    book = openpyxl.load_workbook(out / OLD)
    assert book["Summary"]["A4"].value == "Supplier"
    book["Summary"]["B4"].value = "Hop Garden Respite C.I.C."
    book.save(out / OLD)
    assert _published(folder).written
    done = tendereval.summaries(folder)
    assert done.sent_renamed == {HOP: OLD} and done.sent_kept == []
    assert HOP in done.sent_worded_otherwise


def test_a_summary_sent_missing_is_not_said_to_have_other_scores(folder: Path):
    """Nothing in the folder is Hop Garden's summary sent: the award waits, as before, but
    publish no longer says the scores have changed (none did)."""
    out, _ = _sent_under_old_name(folder)
    (out / OLD).unlink()
    [blocker] = _published(folder).blockers
    assert "no summary sent is there under that name (removed, or renamed)" in blocker
    assert "scores have changed" not in blocker


def test_what_differs_is_worded_from_what_differs(folder: Path):
    """An explanation reworded, no figure changed: 'what it says has changed', not 'the
    scores have changed'."""
    tendereval.summaries(folder)
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-03-03\n", encoding="utf-8"
    )
    _hop_q1(folder, reason="Agreed 3 after review.")
    [blocker] = _published(folder).blockers
    assert "what it says has changed since it was written (no figure" in blocker
    assert "scores have changed" not in blocker


def test_why_unlike_names_the_scores_only_for_a_figure():
    from tendereval.report.sent import Difference, Likeness, why_unlike

    text = Difference("Lot 1", "F7", "Strong.", "Weak.")
    number = Difference("Lot 1", "D7", "24.5", "21", figure=True)
    missing = Difference("the summary", "", "none", "a file")
    assert why_unlike(Likeness(False, figures=(text,))).startswith("what it says has changed")
    assert why_unlike(Likeness(False, figures=(text, number))) == (
        "the scores have changed since they were written"
    )
    assert why_unlike(Likeness(False, figures=(missing,))).startswith("no summary sent is")
