"""A price that cannot be evaluated is shown as not evaluated, everywhere: the results, the
report's Ranking and Price sheets, the bid's assessment summary and the buyer's OCDS record.

A yearly uplift the loaders refuse (text, outside 0–100%, a formula with no saved value) used
to be read as 0%, so the invalid bid showed a whole-life price it never offered (£23,400
below, the price with no uplift) in all of them (fixed in 3fbc9bb; its tests stop at the
results frame, these follow the price into every writer). A blank uplift is the documented
default, no uplift (docs/inputs.md: "if they want one"), and an uplift of 0% is a price like
any other: both keep their price.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import polars as pl
import pytest

from tendereval.ocds.release import release_package
from tendereval.report.excel import write_report
from tendereval.report.summaries import write_summaries
from tendereval.scoring import score
from tests.io.builders import bid_workbook, good_tender

ACME = "Acme Care Ltd"
# Acme's lot L2: 500 hours at £22 and 20 visits at £35 a year, over the plan's 2 years, with
# no uplift: £23,400 (Bright, the other bidder, prices L2 at £21,400).
RATES = {("L1", "hours"): 20, ("L1", "visits"): 35, ("L2", "hours"): 22, ("L2", "visits"): 35}
NO_UPLIFT_PRICE = 2 * (500 * 22 + 20 * 35)


def _scored(tmp_path, uplift):
    folder = good_tender(tmp_path / "tender")
    bid_workbook(folder / "bids" / "acme.xlsx", ACME, rates=RATES, uplifts={"L2": uplift})
    return score(folder, sensitivity=False)


def _acme_l2(result) -> dict:
    return result.results.filter(supplier=ACME, lot="L2").row(0, named=True)


@pytest.mark.parametrize("uplift", [None, 0], ids=["blank", "zero"])
def test_a_blank_or_zero_uplift_keeps_its_price(tmp_path, uplift):
    bid = _acme_l2(_scored(tmp_path, uplift))
    assert (bid["status"], bid["evaluated_price"]) == ("ranked", NO_UPLIFT_PRICE)


def test_a_two_percent_uplift_is_priced_by_hand(tmp_path):
    # 500 × 22 + 20 × 35 = 11,700 a year; the second year uplifted by 2%: 11,700 × 2.02.
    bid = _acme_l2(_scored(tmp_path, "2%"))
    assert bid["evaluated_price"] == pytest.approx(23_634.0)


@pytest.mark.parametrize(
    "uplift", ["inflation", "300%", "=0.02"], ids=["text", "out-of-range", "unsaved-formula"]
)
def test_a_refused_uplift_leaves_the_price_not_evaluated_with_the_reason(tmp_path, uplift):
    result = _scored(tmp_path, uplift)
    bid = _acme_l2(result)
    assert bid["status"] == "invalid"
    assert bid["evaluated_price"] is None
    assert any("uplift cannot be read for the price item 'hours'" in r for r in bid["reasons"])
    build_up = result.price_breakdown.filter((pl.col("supplier") == ACME) & (pl.col("lot") == "L2"))
    assert build_up.get_column("uplift").to_list() == [None, None]
    assert build_up.get_column("item_price").to_list() == [None, None]
    price = result.criteria.filter(supplier=ACME, lot="L2", criterion="price").row(0, named=True)
    assert price["raw_score"] is None
    assert price["reason"].startswith("evaluated price not available")
    # The lot's other bid is scored as before, alone in the pool.
    assert result.results.filter(supplier="Bright Futures CIC", lot="L2")["rank"].item() == 1


def _cells(ws) -> list:
    return [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def test_no_output_shows_a_price_that_was_not_evaluated(tmp_path):
    result = _scored(tmp_path, "inflation")
    report = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    for name in ("Ranking", "Price"):
        rows = [r for r in report[name].iter_rows(values_only=True) if ACME in r and "L2" in r]
        assert rows, name
        assert all(NO_UPLIFT_PRICE not in r for r in rows), name
    summary = next(p for p in write_summaries(result, tmp_path / "out") if "acme" in p.name)
    lot = openpyxl.load_workbook(summary)["Lot L2"]
    assert not any("23,400" in str(v) for v in _cells(lot))
    package = release_package(
        result, ocid="ocds-abc123-T-IO", published_at=dt.datetime(2026, 12, 1), internal=True
    )
    bids = package["releases"][0]["bids"]["details"]
    acme = [b for b in bids if b["tenderers"][0]["name"] == ACME and b["relatedLots"] == ["L2"]]
    assert len(acme) == 1 and "value" not in acme[0]
