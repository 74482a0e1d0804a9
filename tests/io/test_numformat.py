"""What a number format makes a cell show (io/numformat.py), worked out by hand from Excel's
rules: up to four sections for positive, negative, zero and text, quoted text shown as is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io.numformat import displayed, shows_nothing


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (27.5, '"£"0.00', "£27.50"),
        (27.5, '""0.00', "27.50"),  # an empty quoted text shows nothing, not two quotes
        (27.5, '"";"";""', ""),
        (-3, "0.00;(0.00)", "(3.00)"),
        (0, "0.00;-0.00;-", "-"),
        (2.5, "0", "3"),  # halves away from zero, as Excel rounds
    ],
)
def test_what_a_format_shows(value, code, shown):
    assert displayed(value, code) == shown


@pytest.mark.parametrize(
    ("value", "code", "nothing"),
    [
        (22, ";;;", True),
        (22, '"";"";""', True),
        (22, "0.00;;", False),
        (0, "0.00;;", True),
        (-1, "0.00;;", True),
        (-1, "0.00", False),  # one section: a negative shows with its sign
        ("text", ";;;", True),
        ("text", ";;;@", False),
        ("text", '0;0;0;"see below"', False),
        ("text", "0.00;;", False),  # no text section: text shows as typed
        (22, '[<100]"";0.00', False),  # chosen by a condition: not judged
        (22, "General", False),
        (True, ";;;", False),
    ],
)
def test_whether_a_format_shows_nothing(value, code, nothing):
    assert shows_nothing(value, code) is nothing


@settings(max_examples=50, deadline=None)
@given(
    value=st.floats(-1e9, 1e9, allow_nan=False),
    decimals=st.integers(0, 4),
    sign=st.sampled_from(["", '"£"', "£", '"Rate: "']),
)
def test_a_format_with_a_placeholder_in_every_section_always_shows_something(value, decimals, sign):
    digits = "0" + ("." + "0" * decimals if decimals else "")
    code = f"{sign}{digits};-{sign}{digits};{sign}{digits}"
    assert not shows_nothing(value, code)
    assert displayed(value, code).strip()
