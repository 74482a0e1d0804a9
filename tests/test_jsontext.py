"""jsontext.dumps writes exactly what json.dumps(indent=2, ensure_ascii=False, allow_nan=False)
writes, byte for byte, for any data a result can hold, in a fraction of its time."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.jsontext import dumps

# Text that could fool a writer working on the encoded text: line breaks, braces and the very
# separators it looks for, quotes, backslashes, control characters, other scripts.
TEXT = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["},\n    {", "},\\n      {", '"', "\\", "\x00", "{", "[]", "é", "\u202e"]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
KEYS = st.one_of(TEXT, TEXT, st.integers(-5, 5), st.none(), st.booleans(), st.floats(0, 2))
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(TEXT, inner, max_size=5),
        st.dictionaries(KEYS, inner, max_size=3),
        # Lists of flat dicts, as a bid's criteria are: the case written in one go.
        st.lists(st.dictionaries(TEXT, SCALARS, min_size=1, max_size=4), max_size=4),
    ),
    max_leaves=40,
)


def expected(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(DATA)
def test_the_same_text_as_json_dumps(data):
    assert dumps(data) == expected(data)


@pytest.mark.parametrize(
    "data",
    [
        [{"a": 1, "b": {}}, {"c": [], "d": "},\n    {"}],
        {"criteria": [{"x": 1.5, "y": "}"}, {"x": 2, "y": None}], "empty": [{}], "t": ()},
        [{"a": 1}, {}],
        [[[]], [[1], [2, [3]]]],
        {"a": {"b": {1: [True, None]}}},
        "text",
        1e16,
        [],
    ],
)
def test_worked_cases(data):
    assert dumps(data) == expected(data)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinities_are_refused_as_json_dumps_refuses_them(bad):
    for data in (bad, [bad], {"a": bad}, [{"a": 1, "b": bad}], {"a": [1, {"b": [bad]}]}):
        with pytest.raises(ValueError):
            dumps(data)
