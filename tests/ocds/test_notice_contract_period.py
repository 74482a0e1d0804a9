"""The contract years a plan evaluates prices over, against each lot's contract period in the
notice.

Red team: with lot 2 published for five years and lots 1 and 3 for three, ``init`` wrote
``contract_years = 3`` and listed nothing, and nothing after said a word, though a bid with a
yearly uplift ranks first over three years and second over five.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Problems
from tendereval.ocds.check import check_against_notice
from tendereval.ocds.notice import notice_from_data, whole_years

from ..scoring.builders import make_plan
from .tenders import (
    CAP_PLACEHOLDER,
    MECHANISM,
    Bid,
    Supplier,
    edit_plan,
    notice_changed,
    write_bids,
)

FIVE_YEARS = {"startDate": "2026-07-01T00:00:00+01:00", "endDate": "2031-06-30T23:59:59+01:00"}
SUPPLIERS = [Supplier("Rising Rate Ltd", "08733516"), Supplier("Flat Rate Ltd", "07654321")]


def _lot_2_for_five_years(release: dict) -> None:
    release["tender"]["lots"][1]["contractPeriod"] = FIVE_YEARS


def _tender(tmp_path: Path):
    folder = tmp_path / "t"
    made = tendereval.init_from_notice(folder, notice_changed(tmp_path, _lot_2_for_five_years))
    edit_plan(folder, (CAP_PLACEHOLDER, MECHANISM))  # (as the officer copies it: rtocds 3)
    write_bids(
        folder,
        [Bid("Rising Rate Ltd", "2", 600_000), Bid("Flat Rate Ltd", "2", 640_000)],
        SUPPLIERS,
    )
    # Rising Rate Ltd's price rises 6% a year; Flat Rate Ltd's does not.
    prices = folder / "evaluation" / "prices.csv"
    rows = list(csv.reader(prices.open(encoding="utf-8")))
    for row in rows[1:]:
        row[4] = "6" if row[0] == "Rising Rate Ltd" else "0"
    with prices.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder, made


def test_init_lists_lots_with_different_contract_periods(tmp_path) -> None:
    _, made = _tender(tmp_path)
    (listed,) = [c for c in made.choices if c.startswith("the contract years")]
    assert listed == (
        "the contract years: the notice's lots have different contract periods (3 years: lot "
        "1, 3; 5 years: lot 2); a plan evaluates every lot's prices over one contract_years, "
        "so lot 1's 3 is written: evaluate lots with another contract period in a tender "
        "folder of their own"
    )
    assert listed in made.plan.read_text(encoding="utf-8")  # the plan's header lists it too


def test_a_lot_evaluated_over_other_years_than_its_contract_period_is_an_error(tmp_path) -> None:
    """Lot 2 over 3 years: Rising 600,000 × (1 + 1.06 + 1.1236) = 1,910,160 against Flat's
    3 × 640,000 = 1,920,000, so Rising ranks first. Over lot 2's five years Rising pays
    600,000 × (1.06⁵ − 1) / 0.06 = 3,382,255.78 against 3,200,000, and ranks second."""
    folder, _ = _tender(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    lot_2 = {r["supplier"]: r for r in result.results.filter(lot="2").iter_rows(named=True)}
    assert lot_2["Rising Rate Ltd"]["evaluated_price"] == pytest.approx(1_910_160)
    assert lot_2["Rising Rate Ltd"]["rank"] == 1
    (term,) = [p for p in result.problems if p.code == "notice.contract_period"]
    assert term.is_error and term.cell == "tender.contract_years"
    assert term.message == "the number of contract years differs from the published notice (lot 2)"
    assert term.found == "3 years in the plan"
    assert term.expected == (
        "5 years (a contract period of 1,826 days), as notice.json publishes it (a bid's "
        "evaluated price is its whole-life price over the contract years)"
    )
    assert not result.award.summaries_ready
    (blocker,) = result.award.blockers
    assert (
        "the number of contract years in lot 2 (tender.contract_years: 3 years in the plan, "
        "5 years (a contract period of 1,826 days) in the notice). Prices are evaluated over "
        "the contract period the notice published."
    ) in blocker
    assert not tendereval.publish(result, tmp_path / "award.json").written

    # Over five years the ranking turns, and lots 1 and 3 (three years) are named instead.
    edit_plan(folder, ("contract_years = 3", "contract_years = 5"))
    result = tendereval.score(folder, sensitivity=False)
    lot_2 = {r["supplier"]: r for r in result.results.filter(lot="2").iter_rows(named=True)}
    assert lot_2["Rising Rate Ltd"]["evaluated_price"] == pytest.approx(3_382_255.78, abs=0.01)
    assert (lot_2["Rising Rate Ltd"]["rank"], lot_2["Flat Rate Ltd"]["rank"]) == (2, 1)
    (term,) = [p for p in result.problems if p.code == "notice.contract_period"]
    assert term.message.endswith("(lot 1, 3)") and term.found == "5 years in the plan"


def test_the_same_contract_period_in_every_lot_is_no_difference(tmp_path) -> None:
    folder = tmp_path / "t"
    tendereval.init_from_notice(folder, notice_changed(tmp_path, lambda release: None))
    checked = tendereval.validate(folder)
    assert not [p for p in checked.problems if p.code == "notice.contract_period"]


@pytest.mark.parametrize(
    ("days", "years"),
    [(1096, (3,)), (1826, (5,)), (913, (2, 3)), (30, (1,)), (40_000, (50,))],
    ids=["3 years", "5 years", "30 months", "a month", "a century"],
)
def test_a_contract_period_in_whole_years(days, years) -> None:
    """913 days is 2.5 years: either is a plan's, and init writes the nearer first."""
    assert whole_years(days) == years


@pytest.mark.parametrize(("plan_years", "differs"), [(2, False), (3, False), (4, True)])
def test_a_period_between_two_whole_years_may_be_evaluated_over_either(plan_years, differs) -> None:
    tender = {
        "lots": [
            {
                "id": "L1",
                "title": "Lot 1",
                "contractPeriod": {"durationInDays": 913},
                "awardCriteria": {"criteria": []},
            }
        ]
    }
    problems = Problems()
    notice = notice_from_data({"ocid": "ocds-h6vhtk-000001", "tender": tender}, "n", problems)
    found = check_against_notice(make_plan(years=plan_years), notice)
    assert any(p.code == "notice.contract_period" for p in found) is differs


def test_init_writes_the_years_every_lot_allows() -> None:
    """Lot 1 runs 30 months (2 or 3 years), lot 2 three years: 3 is written, nothing listed
    as different, and the 30 months are listed to check."""
    from tendereval.ocds.from_notice import plan_text

    tender = {
        "lots": [
            {"id": "1", "contractPeriod": {"durationInDays": 913}},
            {"id": "2", "contractPeriod": {"durationInDays": 1096}},
        ]
    }
    notice = notice_from_data({"ocid": "ocds-h6vhtk-000001", "tender": tender}, "n", Problems())
    draft = plan_text(notice)
    assert "contract_years = 3 " in draft.text
    (listed,) = [c for c in draft.choices if c.startswith("the contract years")]
    assert listed == (
        "the contract years: the notice's contract period is 913 days; 3 written (whole "
        "years): check it"
    )


# Red team (mutate2 repro_8): a contractPeriod giving three years by its dates and five by its
# durationInDays was read as five without a word; one ending before it starts was "no
# contract period", and validate then said nothing of any plan's contract years.
THREE_YEARS_BY_DATES = {"startDate": "2026-07-01T00:00:00+01:00", "endDate": "2029-06-30"}


def _notice_with_period(period: dict):
    tender = {"lots": [{"id": "L1", "title": "Lot 1", "contractPeriod": period}]}
    problems = Problems()
    notice = notice_from_data({"ocid": "ocds-h6vhtk-000001", "tender": tender}, "n", problems)
    return notice, problems.items


@pytest.mark.parametrize(("plan_years", "differs"), [(1, True), (3, False), (4, True), (5, False)])
def test_dates_and_a_duration_that_disagree_are_warned_of_and_either_is_allowed(
    plan_years, differs
) -> None:
    """2026-07-01 to 2029-06-30 is 1,096 days (3 years); 1,826 days is 5 years."""
    from tendereval.ocds.from_notice import plan_text

    notice, problems = _notice_with_period({**THREE_YEARS_BY_DATES, "durationInDays": 1826})
    (warning,) = problems
    assert (warning.code, warning.cell) == ("notice.shape", "release.tender.lots[0].contractPeriod")
    assert warning.found == (
        "dates 2026-07-01 to 2029-06-30 (3 years); durationInDays 1826 (5 years)"
    )
    assert notice.lots[0].contract_days is None  # neither is taken as certain
    draft = plan_text(notice)
    assert "contract_years = 1 " in draft.text
    (listed,) = [c for c in draft.choices if c.startswith("the contract years")]
    assert listed.startswith("the contract years: lot L1: the contract period gives dates ")
    found = check_against_notice(make_plan(years=plan_years), notice)
    terms = [p for p in found if p.code == "notice.contract_period"]
    assert bool(terms) is differs
    if differs:
        assert terms[0].expected.startswith(
            "3 or 5 years (a contract period of 1,096 days or 1,826 days)"
        )


def test_dates_and_a_duration_giving_the_same_years_are_no_problem() -> None:
    notice, problems = _notice_with_period({**THREE_YEARS_BY_DATES, "durationInDays": 1095})
    assert (problems, notice.lots[0].contract_days) == ([], 1095.0)


def test_a_period_ending_before_it_starts_is_a_warning_not_no_period() -> None:
    from tendereval.ocds.from_notice import plan_text

    period = {"startDate": "2026-07-01T00:00:00+01:00", "endDate": "2023-06-30"}
    notice, problems = _notice_with_period(period)
    (warning,) = problems
    assert warning.message == "the contract period ends before it starts"
    assert warning.found == "startDate 2026-07-01, endDate 2023-06-30"
    choices = plan_text(notice).choices
    assert not any("gives no contract period" in c for c in choices)
    (listed,) = [c for c in choices if c.startswith("the contract years")]
    assert "lot L1: the contract period ends before it starts" in listed
    # With a duration as well, the duration is the period (and the warning stays).
    notice, problems = _notice_with_period({**period, "durationInDays": 1096})
    assert len(problems) == 1 and notice.lots[0].contract_days == 1096.0


FIVE_YEARS_BY_DURATION = {**THREE_YEARS_BY_DATES, "durationInDays": 1826}  # 3 years by dates


@pytest.mark.parametrize(("lot_2_period", "warned"), [(FIVE_YEARS, False), (None, True)])
def test_the_tenders_own_period_is_warned_of_only_when_a_lot_takes_it(lot_2_period, warned) -> None:
    """A tender-level contractPeriod whose dates and durationInDays disagree was warned of
    even when every lot gave its own period, and so was evaluated over none of the tender's.
    Now it is warned of only when some lot (here lot 2, with no period) takes it."""
    lots = [{"id": "1", "contractPeriod": THREE_YEARS_BY_DATES}, {"id": "2"}]
    if lot_2_period:
        lots[1]["contractPeriod"] = lot_2_period
    tender = {"contractPeriod": FIVE_YEARS_BY_DURATION, "lots": lots}
    problems = Problems()
    notice = notice_from_data({"ocid": "ocds-h6vhtk-000001", "tender": tender}, "n", problems)
    assert [p.cell for p in problems.items] == (["release.tender.contractPeriod"] if warned else [])
    # Lot 1's own three years are read either way; lot 2 takes the tender's only without its own.
    assert notice.lots[0].contract_days == 1096.0
    assert notice.lots[1].contract_days == (None if warned else 1826.0)
