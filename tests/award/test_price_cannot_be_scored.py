"""A tender whose evaluated price no formula can score (nothing at all, or more than any public
contract is worth) is invalid, and the award waits for it: it is not the tool's to reject.

Found pricing a bid at £0 in the carers example: Meridian Care Group plc's tender was made
invalid on warnings alone ("a unit rate of £0 … the item would be provided free"), and `score`,
`summaries` and `publish` all exited 0 with the award going ahead. A price of nothing is the
plainest abnormally low tender, which is queried, not rejected outright (Procurement Act 2023
s.34; PCR 2015 reg 69); the supplier's clarification that £0 was meant changed nothing. A rate
typed in pence (£20,000,000 an hour, £1.1 trillion over the contract) went the same way, while
one rate over £1 trillion is an error at its cell.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tests.example_copies import example_copy

MERIDIAN, WEALD = "Meridian Care Group plc", "Weald Carers Trust"
BID = "bids/meridian-care-group-plc.xlsx"


def _priced(tmp_path: Path, rates: dict[str, float | None]) -> Path:
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / BID)
    for cell, rate in rates.items():
        book["Prices"][cell] = rate
    book.save(folder / BID)
    return folder


def _rejected(folder: Path) -> None:
    """Meridian's tender recorded as rejected, abnormally low, once its explanation was heard."""
    (folder / "decisions.toml").write_text(
        f"""[[rejection]]
supplier = "{MERIDIAN}"
lot = "CSB"
ground = "abnormally_low"
queried_on = 2026-03-02
decided_on = 2026-03-10
reason = "A price of nothing: the supplier could not show it can perform the contract"
""",
        encoding="utf-8",
    )


FREE = {"G5": 0, "G6": 0, "G7": 0}
IN_PENCE = {"G5": 20_000_000}


@pytest.mark.parametrize(
    ("rates", "code", "found"),
    [
        (FREE, "price.not_above_zero", "£0.00"),
        (IN_PENCE, "price.beyond_any_contract", "£1,101,745,199,676.80"),
    ],
)
def test_the_award_waits_on_a_price_that_cannot_be_scored(tmp_path, rates, code, found) -> None:
    result = tendereval.score(_priced(tmp_path, rates), sensitivity=False)
    (meridian,) = result.results.filter(supplier=MERIDIAN).rows(named=True)
    assert meridian["status"] == "invalid"
    (error,) = [p for p in result.problems if p.is_error]
    assert (error.code, error.file, error.supplier, error.lot, error.found) == (
        code,
        BID,
        MERIDIAN,
        "CSB",
        found,
    )
    assert error.describe().startswith("the evaluated price for lot CSB cannot be scored: ")
    award = result.award
    assert award.winner("CSB") == WEALD  # ranked first now ...
    assert [lot for lot, _ in award.errors_waited_on()] == ["CSB"]  # ... but not yet awarded
    assert award.held_back
    assert not tendereval.summaries(result, outdir=tmp_path / "summaries").ready


# Rates with no uplift (H5:H7 blank is 0%), so the evaluated price is each rate times
# (18,000 + 1,400 + 2,600) a year over 3 years: 66,000 units.
def _sub_penny(rate: float) -> dict[str, float | None]:
    return {"G5": rate, "G6": rate, "G7": rate, "H5": None, "H6": None, "H7": None}


@pytest.mark.parametrize(
    "rate",
    [
        1e-300,  # 66,000 x 1E-300 = £6.6E-295: £0.00 wherever it is shown
        7e-8,  # 66,000 x 0.00000007 = £0.00462, under half a penny: £0.00
    ],
)
def test_a_price_shown_as_nothing_is_a_price_of_nothing(tmp_path, rate) -> None:
    """Rates of 1E-300 gave a price of £0.00 in the report, the summaries and the award notice
    ({'amount': 0}), ranked first and awarded, since the float was above zero."""
    result = tendereval.score(_priced(tmp_path, _sub_penny(rate)), sensitivity=False)
    (meridian,) = result.results.filter(supplier=MERIDIAN).rows(named=True)
    assert meridian["status"] == "invalid"
    (error,) = [p for p in result.problems if p.is_error]
    assert (error.code, error.supplier, error.found) == ("price.not_above_zero", MERIDIAN, "£0.00")
    assert result.award.winner("CSB") == WEALD
    assert [lot for lot, _ in result.award.errors_waited_on()] == ["CSB"]


@pytest.mark.parametrize(
    ("rate", "price"),
    [
        (8e-8, 0.01),  # 66,000 x 0.00000008 = £0.00528, a half penny or more: £0.01
        (0.004, 264.0),  # a rate below a penny, over 66,000 units: £264
    ],
)
def test_a_price_of_a_penny_or_more_is_scored(tmp_path, rate, price) -> None:
    """The test is on the evaluated price as shown, not on the rate."""
    result = tendereval.score(_priced(tmp_path, _sub_penny(rate)), sensitivity=False)
    (meridian,) = result.results.filter(supplier=MERIDIAN).rows(named=True)
    assert meridian["status"] == "ranked" and meridian["rank"] == 1
    assert meridian["evaluated_price"] == pytest.approx(price, rel=1e-12)
    assert not [p for p in result.problems if p.is_error]


def test_the_buyer_rejecting_it_settles_the_award(tmp_path) -> None:
    folder = _priced(tmp_path, FREE)
    _rejected(folder)
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.winner("CSB") == WEALD
    assert result.award.errors_waited_on() == [] and not result.award.held_back


def test_validate_names_the_same_error(tmp_path) -> None:
    """validate does not score, and said "no errors" (exit 0) of a folder every other command
    held back for the £0 tender."""
    folder = _priced(tmp_path, FREE)
    checked = tendereval.validate(folder)
    scored = tendereval.score(folder, sensitivity=False)
    assert [p for p in checked.errors] == [p for p in scored.problems if p.is_error]
    assert [p.code for p in checked.errors] == ["price.not_above_zero"]


def test_the_award_notice_says_the_tender_was_disregarded(tmp_path) -> None:
    """The £0 tender rejected on a ground the law gives (abnormally low) was counted in the
    award notice only as one that 'could not be assessed (invalid)', while a ranked tender
    rejected the same way was said to be disregarded."""
    from tendereval.ocds.bids import statistics

    folder = _priced(tmp_path, FREE)
    _rejected(folder)
    notes = {
        s["measure"]: s.get("notes")
        for s in statistics(tendereval.score(folder, sensitivity=False))
    }
    assert notes["disqualifiedBids"] == (
        "1 disqualified on a published minimum score; 1 could not be assessed (invalid), 1 of "
        "them disregarded by the contracting authority on a ground the law gives"
    )
