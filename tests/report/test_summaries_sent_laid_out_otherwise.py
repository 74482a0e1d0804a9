"""A summary sent by an earlier version, laid out with fewer rows, compared with today's.

Reg 31's contact details added rows under the supplier's name on the Summary sheet and under
the most advantageous tender on each lot's sheet. The comparison of the summaries sent with
those written now went cell by cell at the same references, so every cell below the new rows
read as another figure: a summary sent the day before an upgrade was "to be sent again, and
the standstill period starts again", though nothing it told its supplier had changed. Rows are
now paired by their labels (report/sent.py _aligned_rows)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tendereval.report.sent import same_summary
from tendereval.report.summaries import CONTACT_LABELS as CONTACT_ROWS
from tests.example_copies import example_copy


def _laid_out_as_before(summary: Path, to: Path, score: float | None = None) -> Path:
    """``summary`` without its contact-detail rows, as a version before reg 31 wrote it;
    with ``score``, the total below them on the Summary sheet changed too."""
    book = openpyxl.load_workbook(summary)
    for ws in book.worksheets:
        for row in sorted(
            (cell.row for cell in ws["A"] if cell.value in CONTACT_ROWS), reverse=True
        ):
            ws.delete_rows(row)
    if score is not None:
        ws = book["Summary"]  # (its total, below the rows taken out)
        cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, float))
        cell.value = score
    book.save(to)
    return to


def test_rows_added_since_it_was_sent_are_no_figure(tmp_path: Path) -> None:
    done = tendereval.summaries(example_copy(tmp_path), tmp_path / "summaries")
    now = next(p for p in done.paths if p.name.startswith("brightwater"))
    sent = _laid_out_as_before(now, tmp_path / "sent.xlsx")
    likeness = same_summary(now, sent)
    assert likeness.same, likeness.figures
    assert {d.about for d in likeness.wording} == set(CONTACT_ROWS)
    assert all(d.sent == "" for d in likeness.wording)  # rows the summary sent did not have


def test_a_figure_below_the_rows_added_is_still_found_at_its_cell(tmp_path: Path) -> None:
    done = tendereval.summaries(example_copy(tmp_path), tmp_path / "summaries")
    now = next(p for p in done.paths if p.name.startswith("brightwater"))
    sent = _laid_out_as_before(now, tmp_path / "sent.xlsx", score=99.5)
    likeness = same_summary(now, sent)
    assert not likeness.same
    assert [(d.sent, d.figure) for d in likeness.figures] == [("99.5", True)]
