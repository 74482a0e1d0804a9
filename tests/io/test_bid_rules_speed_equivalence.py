"""The shortcuts that make checking a bid cheap give exactly what the plain rules give.

Checking a bid works out the plan's lookups once per plan, matches ids through a cache and
tests for spaces with ``str.strip``/``str.split`` instead of regular expressions. These tests
pin the facts those shortcuts rely on, so a change that breaks one fails here, by name.
"""

from __future__ import annotations

import dataclasses
import gc
import re
import weakref
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tendereval import layout
from tendereval.io import bid_rules, cells
from tendereval.io.bid_rules import check_bid
from tendereval.io.frames import supplier_key
from tendereval.io.raw import Cell, RawBid
from tendereval.plan import Plan, load_plan

from .builders import PLAN, write_plan

SOURCE = "bids/acme.xlsx"
SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]


@pytest.mark.parametrize("regex", [re.compile(r"\s"), cells._SPACES], ids=["\\s", "cells"])
def test_str_whitespace_is_exactly_the_regex_whitespace(regex):
    assert [chr(c) for c in range(0x110000) if regex.fullmatch(chr(c))] == SPACES
    assert "\u00a0" in SPACES  # non-breaking spaces, as Excel users type them, are spaces


@pytest.mark.parametrize("space", SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_every_kind_of_space_is_blank_trimmed_and_collapsed(space):
    assert cells.is_blank(space * 2)
    assert not cells.is_blank(f"{space}x{space}")
    assert cells.parse_text(f"{space}Acme{space}") == "Acme"
    assert cells.parse_text(space) is None
    assert supplier_key(f"{space}Acme{space}{space}CARE{space}") == "acme care"


def _plan(folder: Path, hours: int, visits: int) -> Plan:
    """The loader tests' plan with lot L2's yearly volumes changed."""
    l2 = "volumes = { hours = 500, visits = 20 }"
    assert l2 in PLAN
    text = PLAN.replace(l2, f"volumes = {{ hours = {hours}, visits = {visits} }}")
    write_plan(folder, text)
    plan, problems = load_plan(folder)
    assert plan is not None, problems
    return plan


def _bid() -> RawBid:
    """A bid pricing L2 hours only."""

    def cell(ref: str, value):
        return Cell(value, SOURCE, layout.BID_PRICES, ref)

    return RawBid(
        source=SOURCE,
        fallback_name="acme",
        name=Cell("Acme Care Ltd", SOURCE, layout.BID_ORGANISATION, "B4"),
        prices=[
            {"lot": cell("A7", "L2"), "item": cell("C7", "hours"), "unit_rate": cell("G7", 20)}
        ],
    )


def _l2(plan: Plan) -> tuple[list[float], list[str]]:
    checked = check_bid(_bid(), plan, None)
    volumes = [row["volume"] for row in checked.rows["prices"]]
    return volumes, [p.code for p in checked.problems if p.lot == "L2"]


def test_each_plan_is_checked_against_its_own_volumes(tmp_path):
    first = _plan(tmp_path / "first", hours=500, visits=20)
    second = _plan(tmp_path / "second", hours=700, visits=0)
    assert _l2(first) == ([500.0], ["price.missing_item"])  # visits have a volume: a rate is due
    assert _l2(second) == ([700.0], [])
    assert _l2(first) == ([500.0], ["price.missing_item"])


def test_short_lived_plans_each_get_their_own_volumes_and_are_not_kept_alive(tmp_path):
    base = _plan(tmp_path, hours=500, visits=20)
    for hours in range(1, 20):
        lots = tuple(
            dataclasses.replace(lot, volumes=(("hours", float(hours)),)) if lot.id == "L2" else lot
            for lot in base.lots
        )
        plan = dataclasses.replace(base, lots=lots)
        assert _l2(plan) == ([float(hours)], [])
        gone = weakref.ref(plan)
        del plan
        gc.collect()
        assert gone() is None  # the plan's lookups do not hold on to the plan


def test_missing_form_fields_are_reported_in_the_form_order(tmp_path):
    # A set's order follows string hashing, which changes from run to run: the problems of one
    # bid must come out the same every time.
    plan = _plan(tmp_path, hours=500, visits=20)
    required = tuple(f.key for f in layout.ORGANISATION_FIELDS if f.required)
    assert len(required) >= 3
    bid = dataclasses.replace(_bid(), required_fields=required)
    missing = [
        p.message for p in check_bid(bid, plan, None).problems if p.code == "form.missing_field"
    ]
    labels = [f.label for f in layout.ORGANISATION_FIELDS if f.required and f.key != "legal_name"]
    assert missing == [f"the field '{label}' is missing from the form" for label in labels]


# The pattern a totals row's label was once found by: each "total of" read on to the line's end.
_OLD_TOTAL_WORD = re.compile(
    r"\b(?:grand |sub[- ]?)?totals?\b(?:\s+(?:for|of)\b.*|[^A-Za-z]*)$", re.IGNORECASE
)
_LABEL_PARTS = [
    "total",
    "TOTALS",
    "sub",
    "grand ",
    "-",
    " ",
    "\n",
    "of",
    "for",
    "1",
    "x",
    "\u212a",
    "£",
]


@given(st.lists(st.sampled_from(_LABEL_PARTS), max_size=10))
def test_a_totals_label_is_found_as_the_pattern_found_it(parts):
    label = "".join(parts)
    assert bid_rules._says_total(label) == bool(_OLD_TOTAL_WORD.search(label))


@pytest.mark.parametrize(
    ("label", "total"),
    [
        ("Sub-total for North", True),
        ("TOTAL (£):", True),
        ("Subtotal of North\n", True),
        ("total of North\nand South", False),  # what it adds up runs on past a line
        ("Total care package", False),
    ],
)
def test_a_totals_label_ends_with_the_word_or_says_what_it_adds_up(label, total):
    assert bid_rules._says_total(label) is total


def test_a_long_label_costs_no_more_than_its_length():
    """Regex audit: a label of "total of " 4,000 times then a line break took 0.36
    processor-seconds to read, four times as long for each doubling, for every row's label."""
    from tests.cpu_time import cpu_seconds

    label = "total of " * 3_600 + "\nx"  # (a cell holds 32,767 characters)
    started = cpu_seconds()
    for _ in range(10):
        assert not bid_rules._says_total(label)
    assert cpu_seconds() - started < 0.5
