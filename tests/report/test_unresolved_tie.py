"""A tie for first place that the plan's tie-break did not separate leaves the lot undecided:
no output may name one of the tied bids as the winner.

Found by an audit: with two identical bids ranked 1 and 1, the report's Summary recommended the
one listed first, the other bidders' summaries named the other as "the most advantageous
tender", and the public report named a bidder that was not awarded anything."""

from __future__ import annotations

import dataclasses

import openpyxl
import polars as pl
import pytest

from tendereval.report.excel import write_report
from tendereval.report.public import public_scores
from tendereval.report.summaries import TIED_FIRST, TIED_OTHERS, build_summary
from tendereval.report.summary import summary_rows

from .builders import ALDEBARAN, BETELGEUSE, DENEB


@pytest.fixture
def tied(result):
    """Lot L1 of the worked example with Betelgeuse drawn level with Aldebaran, both rank 1."""
    lead = result.results.filter((pl.col("lot") == "L1") & (pl.col("supplier") == ALDEBARAN))
    total = lead["total"].item()
    is_betelgeuse = (pl.col("lot") == "L1") & (pl.col("supplier") == BETELGEUSE)
    results = result.results.with_columns(
        total=pl.when(is_betelgeuse).then(pl.lit(total)).otherwise("total"),
        rank=pl.when(is_betelgeuse).then(pl.lit(1, pl.Int64)).otherwise("rank"),
    )
    return dataclasses.replace(result, results=results)


def _flat(wb, title):
    return [c.value for row in wb[title].iter_rows() for c in row if c.value is not None]


def test_the_committee_summary_names_both_and_recommends_neither(tied):
    l1 = next(row for row in summary_rows(tied) if row[0] == "L1")
    assert l1[2] == (
        f"2 tenders tied for first place; the tie is not yet resolved: {ALDEBARAN}; {BETELGEUSE}"
    )
    total = tied.results.filter((pl.col("lot") == "L1") & (pl.col("rank") == 1))["total"]
    assert l1[3] == total[0] == total[1]
    assert l1[4:9] == [None] * 5  # pillar points, price and margin are each bid's own
    l2 = next(row for row in summary_rows(tied) if row[0] == "L2")
    assert l2[2] == BETELGEUSE  # the other lot is unaffected


def test_the_public_report_names_nobody_in_a_tied_lot(tied, tmp_path):
    scores = public_scores(tied).filter(pl.col("lot") == "L1")
    assert not set(scores["bidder"]) & {ALDEBARAN, BETELGEUSE}
    wb = openpyxl.load_workbook(write_report(tied, tmp_path / "public.xlsx", public=True))
    values = [v for ws in wb.worksheets for row in ws.iter_rows() for v in (c.value for c in row)]
    texts = [v for v in values if isinstance(v, str)]
    assert "2 tenders tied for first place; the tie is not yet resolved" in texts
    assert not any(ALDEBARAN in v for v in texts)  # Aldebaran won nothing now


def test_assessment_summaries_say_the_lot_is_undecided(tied):
    # (The wording's {best} is the Procurement Act's term: the plan is under the Act.)
    tied_first = TIED_FIRST.format(best="most advantageous tender")
    own = build_summary(tied, ALDEBARAN)
    assert tied_first in _flat(own, "Summary") and tied_first in _flat(own, "Lot L1")
    other = _flat(build_summary(tied, DENEB), "Lot L1")
    assert TIED_OTHERS.format(best="most advantageous tender") in other
    assert not any(isinstance(v, str) and (ALDEBARAN in v or BETELGEUSE in v) for v in other), (
        "a losing bidder's summary named one of the tied bids"
    )
    assert not any(str(v).startswith("The most advantageous tender") for v in other)
