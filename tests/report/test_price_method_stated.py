"""Every output a bidder reads states how price is treated, from the plan's price method,
whether or not the plan writes a price criterion. Under ``quality_only`` a plan need not write
one (``init --from-notice`` writes none for a qualityOnly notice); then the bid return's
Instructions, the assessment summaries' and public report's Award criteria and the award
notice's criteria said nothing of price, though suppliers are asked for prices and flagged
when theirs is not the fixed one."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tendereval import templates
from tendereval.io.tender import load_tender
from tendereval.ocds.release import award_criteria
from tendereval.plan import load_plan
from tendereval.report.excel import write_report
from tendereval.report.summaries import write_summaries
from tendereval.report.views import price_method_note
from tendereval.scoring.combine import score

from ..example_copies import example_copy

PRICE_CRITERION = """[[criteria]]
id = "price"
title = "Price"
type = "price"
weight_of_total = 40
"""

# The carers example runs over 3 contract years.
STATED = (
    "Price is not among these criteria. Quality only (fixed price): no price score: the price "
    "is fixed and carries weight 0; bids are ranked on quality and social value. Evaluated "
    "price = Σ items (yearly volume × unit rate, uplifted each year) over 3 contract years. "
    "A tender whose evaluated price is not the middle one (the median, to the penny) of the "
    "evaluated prices of the tenders ranked in its lot is flagged for the buyer to check "
    "against the fixed price in the tender documents; the flag alone neither rejects the "
    "tender nor changes its score or rank."
)
# What scoring does with such a price (price.not_the_fixed_price): a warning, nothing more.
NOT_FIXED = STATED[STATED.index("A tender whose") :]


def _quality_only(tmp_path: Path, price_criterion: str) -> Path:
    """The carers example under quality_only: its 40 price points moved to quality, and the
    price criterion left out, or written with weight 0."""
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    for old, new in (
        ('method = "lowest_price_ratio"', 'method = "quality_only"'),
        (PRICE_CRITERION, price_criterion),
        ('type = "quality"\nweight_of_total = 40', 'type = "quality"\nweight_of_total = 80'),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    return folder


def _text(path: Path, sheet: str) -> str:
    rows = openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)
    return "\n".join(str(v) for row in rows for v in row if v is not None)


def test_the_statement_in_words(tmp_path):
    without, problems = load_plan(_quality_only(tmp_path / "without", ""))
    assert without is not None, problems
    assert price_method_note(without) == [STATED]
    weight_0 = PRICE_CRITERION.replace("40", "0")
    written, problems = load_plan(_quality_only(tmp_path / "written", weight_0))
    assert written is not None, problems
    # The price criterion's own row says it: not said twice.
    assert price_method_note(written) == []
    plain, _ = load_plan(example_copy(tmp_path / "plain"))
    assert price_method_note(plain) == []


@pytest.fixture
def scored(tmp_path):
    return score(load_tender(_quality_only(tmp_path, "")), sensitivity=False)


def test_every_output_a_bidder_reads_states_it(scored, tmp_path):
    assert all(c.kind != "price" for c in scored.plan.leaves)
    bid_return = templates.build_bid_return(scored.plan, tmp_path / "bid-return.xlsx")
    assert STATED in _text(bid_return, "Instructions")
    summary = write_summaries(scored, tmp_path / "summaries")[0]
    assert STATED in _text(summary, "Award criteria")
    public = write_report(scored, tmp_path / "public.xlsx", public=True)
    assert STATED in _text(public, "Award criteria")
    assert STATED in award_criteria(scored.plan)["description"]


def test_with_a_price_criterion_of_weight_0_it_is_stated_once(tmp_path):
    folder = _quality_only(tmp_path, PRICE_CRITERION.replace("40", "0"))
    scored = score(load_tender(folder), sensitivity=False)
    method = STATED.removeprefix("Price is not among these criteria. ")
    bid_return = _text(templates.build_bid_return(scored.plan, tmp_path / "b.xlsx"), "Instructions")
    assert bid_return.count(method) == 1 and STATED not in bid_return
    summary = _text(write_summaries(scored, tmp_path / "summaries")[0], "Award criteria")
    assert summary.count(method) == 1 and STATED not in summary
    notice = award_criteria(scored.plan)
    assert STATED not in notice["description"]
    (price,) = [c for c in notice["criteria"] if c["type"] == "price"]
    assert method in price["description"]


def test_a_price_off_the_fixed_one_is_said_to_be_flagged_as_scoring_flags_it(scored, tmp_path):
    """Under quality_only scoring flags a price that is not the lot's middle one, a warning
    that neither rejects the tender nor moves it (scoring/combine.py, _fixed_price_flags).
    Before, no output a bidder reads said what happens to such a price: the summaries, the
    public and internal reports now say it, in the words of the flag's rule."""
    flags = scored.flags.filter(code="price.not_the_fixed_price")
    assert not flags.is_empty() and set(flags["severity"]) == {"warning"}
    flagged = set(zip(flags["lot"], flags["supplier"], strict=True))
    ranked = scored.results.filter(status="ranked")
    assert flagged <= set(zip(ranked["lot"], ranked["supplier"], strict=True))
    summary = write_summaries(scored, tmp_path / "summaries")[0]
    assert NOT_FIXED in _text(summary, "Award criteria")
    public = write_report(scored, tmp_path / "public.xlsx", public=True)
    assert NOT_FIXED in _text(public, "Award criteria")
    internal = write_report(scored, tmp_path / "internal.xlsx")
    sheets = openpyxl.load_workbook(internal, read_only=True).sheetnames
    assert [s for s in sheets if NOT_FIXED in _text(internal, s)]
