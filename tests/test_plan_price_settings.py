"""The [price] settings as the plan's check reads them: each refused setting gets its own error
and only that, and linear_bounds' floor is checked against its ceiling as both are scored,
to the penny (red team, session 41)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tendereval.plan import PRICE_KEYS, load_plan
from tests.plan_helpers import BASE, write_plan

CRITERIA = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 60

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 40

  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"
"""

# Every [price] setting, with a method (and evaluation) that reads it.
METHOD_READING = {
    "ceiling_price": 'method = "linear_bounds"',
    "floor_price": 'method = "linear_bounds"\nceiling_price = 2000',
    "value_per_point": 'method = "award_on_value"',
    "log_base": 'method = "logarithmic"',
    "deduction_rate": 'method = "linear_deduction"',
    "floor": 'method = "linear_deduction"',
    "discount_rate": 'method = "lowest_price_ratio"\nevaluation = "npv"',
}


def _problems(tmp_path: Path, price: str) -> list:
    base = BASE.replace('method = "lowest_price_ratio"\n', price + "\n")
    _, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    return [p for p in problems if p.is_error]


def test_the_table_covers_every_price_setting() -> None:
    assert set(METHOD_READING) == PRICE_KEYS - {"method", "evaluation", "items"}


@pytest.mark.parametrize("key", sorted(METHOD_READING))
@pytest.mark.parametrize(
    ("written", "code"),
    [
        ('"5000"', "plan.not_a_number"),
        ('""', "plan.not_a_number"),
        ("nan", "plan.not_a_number"),
        ("-inf", "plan.not_a_number"),
        ("true", "plan.not_a_number"),
    ],
)
def test_a_price_setting_refused_gets_its_own_error_and_only_that(
    tmp_path: Path, key: str, written: str, code: str
) -> None:
    """ceiling_price = "1800000" was also "linear_bounds needs the price that scores zero
    (found nothing)": the officer, who had written the key, went looking for a missing line."""
    errors = _problems(tmp_path, f"{METHOD_READING[key]}\n{key} = {written}")
    assert [(p.cell, p.code) for p in errors] == [(f"price.{key}", code)]


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("ceiling_price", "2e12"),
        ("ceiling_price", "0"),
        ("floor_price", "-1"),
        ("floor_price", "5e12"),
        ("value_per_point", "5e12"),
        ("log_base", "1"),
        ("log_base", "0.5"),
    ],
)
def test_a_price_setting_out_of_range_gets_that_error_only(
    tmp_path: Path, key: str, written: str
) -> None:
    errors = _problems(tmp_path, f"{METHOD_READING[key]}\n{key} = {written}")
    assert [(p.cell, p.code) for p in errors] == [(f"price.{key}", "plan.out_of_range")]


@pytest.mark.parametrize(
    ("method", "key", "message"),
    [
        ("linear_bounds", "ceiling_price", "linear_bounds needs the price that scores zero"),
        (
            "award_on_value",
            "value_per_point",
            "award_on_value needs the money value of a quality point, above £0",
        ),
    ],
)
def test_a_setting_the_method_needs_and_not_written_is_still_missing(
    tmp_path: Path, method: str, key: str, message: str
) -> None:
    (problem,) = _problems(tmp_path, f'method = "{method}"')
    assert (problem.cell, problem.message, problem.found) == (f"price.{key}", message, "nothing")


@pytest.mark.parametrize(
    ("price", "key", "found"),
    [
        ('method = "award_on_value"\nvalue_per_point = -500', "value_per_point", "-500"),
        ('method = "award_on_value"\nvalue_per_point = 0', "value_per_point", "0"),
        ('method = "linear_deduction"\ndeduction_rate = 0', "deduction_rate", "0"),
        ('method = "linear_deduction"\nfloor = 1', "floor", "1"),
        ('evaluation = "npv"\ndiscount_rate = 1.5', "discount_rate", "1.5"),
    ],
)
def test_a_setting_read_and_unsound_is_still_refused(
    tmp_path: Path, price: str, key: str, found: str
) -> None:
    price = price if price.startswith("method") else 'method = "lowest_price_ratio"\n' + price
    (problem,) = _problems(tmp_path, price)
    assert (problem.cell, problem.code) == (f"price.{key}", "plan.price_params")
    assert problem.found == found


@pytest.mark.parametrize(
    ("ceiling", "floor", "found", "expected"),
    [
        # Both £100.00 to the penny, as scored and published: a bid of £100.00 would be at the
        # floor (full marks) and at the ceiling (none) at once; it was scored 0.
        ("100.004", "100.001",
         "100.001, £100.00 to the penny", "below 100.004, £100.00 to the penny"),
        ("100.009", "100.006",
         "100.006, £100.01 to the penny", "below 100.009, £100.01 to the penny"),
        # Written as money, not as "found 1e+06; expected below 1e+06".
        ("1000000.40", "1000000.45", "£1,000,000.45", "below £1,000,000.40"),
        ("1196087", "1328576.13", "£1,328,576.13", "below £1,196,087.00"),
        ("2000", "2000", "£2,000.00", "below £2,000.00"),
    ],
)  # fmt: skip
def test_linear_bounds_floor_not_below_the_ceiling_to_the_penny_is_refused(
    tmp_path: Path, ceiling: str, floor: str, found: str, expected: str
) -> None:
    price = f'method = "linear_bounds"\nceiling_price = {ceiling}\nfloor_price = {floor}'
    (problem,) = _problems(tmp_path, price)
    assert (problem.cell, problem.code) == ("price.floor_price", "plan.price_params")
    assert (problem.found, problem.expected) == (found, expected)
    assert "to the penny" in problem.message


@pytest.mark.parametrize(
    ("ceiling", "floor"), [("100.006", "100.004"), ("200.005", "100.005"), ("2000", "1999.99")]
)
def test_linear_bounds_a_penny_apart_or_more_are_accepted(
    tmp_path: Path, ceiling: str, floor: str
) -> None:
    """£100.01 and £100.00 to the penny: a band one penny wide, scored without a clash."""
    price = f'method = "linear_bounds"\nceiling_price = {ceiling}\nfloor_price = {floor}'
    assert _problems(tmp_path, price) == []
