"""A summary written while no summary may be sent says so across its top.

``summaries`` always writes every supplier's summary and says on the terminal whether they may
be sent. The workbooks themselves said nothing: written while the award was held back (the
winner's second bid return not yet settled), Brightwater's read "Your tender was the most
advantageous tender." exactly as a summary ready to send would, and nothing in the folder told
an officer sending it that the award could still change.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tendereval.report.summaries import NOT_READY
from tests.example_copies import example_copy, sent_again


def _top(path: Path) -> tuple[object, str]:
    book = openpyxl.load_workbook(path)
    return book["Summary"]["A3"].value, book.properties.title


def test_each_summary_written_while_none_may_be_sent_is_marked(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    sent_again(bids / "weald-carers-trust.xlsx", bids / "weald-carers-trust-corrected.xlsx")
    done = tendereval.summaries(folder)
    assert not done.ready
    assert len(done.paths) == 5  # (none for the in-house comparator)
    for path in done.paths:
        assert _top(path) == (NOT_READY, "CSB-2026-01 assessment summary (not to be sent yet)")
    assert done.lines()[0].endswith(
        "each marked NOT TO BE SENT YET at its top: what must be settled first is below"
    )

    (bids / "weald-carers-trust.xlsx").unlink()  # the corrected return stands
    done = tendereval.summaries(folder)
    assert done.ready
    for path in done.paths:  # ready: the row is empty, as it always was
        assert _top(path) == (None, "CSB-2026-01 assessment summary")
    assert "NOT TO BE SENT" not in done.lines()[0]


def test_a_summary_sent_stays_in_place_while_a_record_error_holds_the_award(
    tmp_path: Path,
) -> None:
    """Sent, then an error in decisions.toml (a withdrawal naming nobody) holds every summary
    back. The summaries written now differ from those sent only in the line saying so: no
    figure changed, so nothing is replaced, and the folder keeps the very files sent."""
    folder = example_copy(tmp_path)
    sent = tendereval.summaries(folder)
    assert sent.ready
    before = {path.name: path.read_bytes() for path in sent.paths}
    record = "[standstill]\nsummaries_sent_on = 2026-03-03\n"
    (folder / "decisions.toml").write_text(record, encoding="utf-8")

    (folder / "decisions.toml").write_text(
        record + '\n[[withdrawal]]\nsupplier = "Nobody Known Ltd"\nwithdrawn_on = 2026-03-04\n',
        encoding="utf-8",
    )
    held = tendereval.summaries(folder)
    assert not held.ready
    assert held.sent_kept == []  # nothing to send again
    assert {path.name: path.read_bytes() for path in held.paths} == before

    (folder / "decisions.toml").write_text(record, encoding="utf-8")  # put right
    published = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123")
    assert published.written, published.blockers


def test_publish_says_when_the_summaries_sent_were_marked_not_to_be_sent(tmp_path: Path) -> None:
    """Written while the award was held back, then sent without being written again once it
    was settled: publish said "the scores have changed since they were written", which they
    had not."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    sent_again(bids / "weald-carers-trust.xlsx", bids / "weald-carers-trust-corrected.xlsx")
    assert not tendereval.summaries(folder).ready
    (bids / "weald-carers-trust.xlsx").unlink()
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-03-03\n", encoding="utf-8"
    )
    published = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123")
    assert not published.written
    [blocker] = published.blockers
    assert blocker.startswith(
        "The assessment summaries recorded as sent on 2026-03-03 include 5 summaries written "
        "while none could be sent (brightwater-care-services-ltd-assessment-summary.xlsx, "
    )
    assert "each says NOT TO BE SENT YET at its top" in blocker


def test_summaries_replaced_while_none_may_be_sent_are_sent_once_they_may(tmp_path: Path) -> None:
    """Sent; then a consensus corrected (every figure changes) and an error in the record
    (a withdrawal naming nobody). The new summaries differ from those sent, but may not be
    sent yet: "must be sent these" said nothing of that."""
    from tests.ocds.test_publish_after_summaries_sent import _consensus_corrected

    folder = example_copy(tmp_path)
    tendereval.summaries(folder)
    _consensus_corrected(folder)
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-03-03\n\n"
        '[[withdrawal]]\nsupplier = "Nobody Known Ltd"\nwithdrawn_on = 2026-03-04\n',
        encoding="utf-8",
    )
    held = tendereval.summaries(folder)
    assert not held.ready and len(held.sent_kept) == 5
    [said] = [line for line in held.lines() if line.startswith("decisions.toml records")]
    assert said.endswith(
        "A supplier sent other figures than these must be sent these once they may be sent "
        "(below), and the standstill period starts again."
    )
    assert all(_top(path)[0] == NOT_READY for path in held.paths)
