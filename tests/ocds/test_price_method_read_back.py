"""The price method, its settings and how the evaluated price is built come back from
tendereval's own award notice: publish, then init --from-notice, gives the plan's [price]
method (not the default lowest_price_ratio), as the price criterion's description says it.
A notice from elsewhere, or words that are not tendereval's exactly, keep the default.

Found by a red team (session 41): a tender scored by linear deduction, published and read back
(an award set aside and evaluated again), was drafted as lowest_price_ratio, and only the list
of things to settle said the notice did not say the formula; it did, in the price criterion's
description.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tendereval
from tendereval.ocds.own_words import price_said
from tendereval.plan import PriceRules
from tendereval.scoring.price import described

from .tenders import notice_changed

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
PUBLISHED_AT = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
AS_IN_THE_EXAMPLE = 'method = "lowest_price_ratio"\nevaluation = "whole_life"\n'

PRICE_RULES = {
    "linear_deduction, npv": (
        'method = "linear_deduction"\ndeduction_rate = 0.5\nfloor = 0.2\n'
        'evaluation = "npv"\ndiscount_rate = 0.035\n',
        PriceRules("linear_deduction", "npv", discount_rate=0.035, deduction_rate=0.5, floor=0.2),
    ),
    "linear_bounds with pence": (
        'method = "linear_bounds"\nceiling_price = 4000000.5\nfloor_price = 1050000\n'
        'evaluation = "whole_life"\n',
        PriceRules("linear_bounds", ceiling_price=4_000_000.5, floor_price=1_050_000),
    ),
    "logarithmic": (
        'method = "logarithmic"\nlog_base = 3.5\nevaluation = "whole_life"\n',
        PriceRules("logarithmic", log_base=3.5),
    ),
    "award_on_value": (
        'method = "award_on_value"\nvalue_per_point = 12345.67\nevaluation = "whole_life"\n',
        PriceRules("award_on_value", value_per_point=12_345.67),
    ),
    "price_per_quality_point, npv": (
        'method = "price_per_quality_point"\nevaluation = "npv"\ndiscount_rate = 0.0125\n',
        PriceRules("price_per_quality_point", "npv", discount_rate=0.0125),
    ),
}


@pytest.mark.parametrize("case", list(PRICE_RULES))
def test_the_price_method_comes_back_as_published(tmp_path: Path, case: str) -> None:
    written, expected = PRICE_RULES[case]
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    plan_file = folder / "tender.toml"
    text = plan_file.read_text(encoding="utf-8")
    assert AS_IN_THE_EXAMPLE in text
    plan_file.write_text(text.replace(AS_IN_THE_EXAMPLE, written), encoding="utf-8")
    done = tendereval.publish(
        folder, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT
    )
    assert done.written, done.blockers
    made = tendereval.init_from_notice(tmp_path / "again", done.path)
    again, problems = tendereval.load_plan(made.plan)
    assert again is not None, problems
    assert not [p for p in problems if p.is_error], problems
    assert replace(again.price, items=()) == expected
    (choice,) = [c for c in made.choices if c.startswith("how price is scored")]
    assert choice.startswith(f"how price is scored: {expected.method} (evaluation ")
    assert "tendereval's award notice words it so" in choice


def _price_described(words: str):
    def change(release: dict) -> None:
        for lot in release["tender"]["lots"]:
            for criterion in lot["awardCriteria"]["criteria"]:
                if criterion["type"] == "price":
                    criterion["description"] = words

    return change


OURS = described(PriceRules("logarithmic", log_base=3.0), 3)


@pytest.mark.parametrize(
    "words",
    [
        "Whole-life price over the three-year contract, scored as the lowest price divided by "
        "your price.",  # the fixture notice's own words
        f"price: Price criterion. {OURS} Bids above the budget are rejected.",  # words added
        f"price: Price criterion. {OURS.replace('log_base = 3 ', 'log_base = 4 ')}",  # altered
        f"Price criterion. {OURS}",  # no id: not tendereval's description
    ],
)
def test_other_words_keep_the_default(tmp_path: Path, words: str) -> None:
    path = notice_changed(tmp_path, _price_described(words))
    made = tendereval.init_from_notice(tmp_path / "t", path)
    plan, _ = tendereval.load_plan(made.plan)
    assert replace(plan.price, items=()) == PriceRules()
    assert (
        "how price is scored: lowest_price_ratio written; the notice does not say which "
        "formula, so set [price] method to the one in your tender documents"
    ) in made.choices


@given(
    method=st.sampled_from(["lowest_price_ratio", "linear_deduction", "quality_only"]),
    rate=st.integers(1, 400).map(lambda n: n / 100),
    floor=st.integers(0, 99).map(lambda n: n / 100),
    discount=st.none() | st.integers(0, 2000).map(lambda n: n / 10_000),
    years=st.integers(1, 30),
)
def test_the_words_read_back_as_the_rules_they_say(method, rate, floor, discount, years) -> None:
    rules = PriceRules(
        method,
        "npv" if discount is not None else "whole_life",
        discount_rate=discount if discount is not None else 0.035,
        deduction_rate=rate if method == "linear_deduction" else 1.0,
        floor=floor if method == "linear_deduction" else 0.0,
    )
    assert price_said(described(rules, years)) == rules
