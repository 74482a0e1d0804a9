"""How deep a TOML file nests is found in time in proportion to the file (regex audit)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tendereval import tomlread
from tests.cpu_time import cpu_seconds

# The pattern dotted keys were once found by: tried at every character of a word.
_OLD_DOTTED = re.compile(r"[\w-]+(?:[ \t]*\.[ \t]*[\w-]+)+")


@given(st.text(alphabet="a_-. \t\n1é\u00a0=", max_size=16))
def test_dotted_keys_are_found_where_the_pattern_found_them(text):
    old = [found.span() for found in _OLD_DOTTED.finditer(text)]
    assert [found.span() for found in tomlread._DOTTED.finditer(text)] == old


def test_a_key_of_33_parts_is_still_too_deep():
    assert tomlread.too_deep("a" + ".b" * 32 + " = 1\n") == "a key of 33 parts"
    assert tomlread.too_deep("a" + ".b" * 31 + " = 1\n") == ""


def test_a_long_word_costs_no_more_than_its_length():
    """Scale red team: a tender.toml holding one word of 16,000 letters took 3.4
    processor-seconds to be checked for depth, four times as long for each doubling (a TOML
    file may hold 1 MB: hours)."""
    text = "k = " + "a" * 1_000_000 + "\n"
    started = cpu_seconds()
    assert tomlread.too_deep("k = " + "a" * 20_000 + "\n") == ""
    assert cpu_seconds() - started < 0.5
    assert tomlread.too_deep(text) == ""
    assert cpu_seconds() - started < 1.0


# The pattern strings and comments were once left out by: from each quote after an open one it
# read the line again.
_OLD_STRINGS_AND_COMMENTS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*'
)


@given(st.lists(st.sampled_from(['"', "'", "#", "\\", "\n", "a", ".", '"""', "'''"])))
def test_strings_and_comments_are_left_out_as_the_pattern_left_them(parts):
    text = "".join(parts)
    expected = _OLD_STRINGS_AND_COMMENTS.sub("_", text)
    assert tomlread._without_strings_and_comments(text) == expected


def test_a_line_of_open_quotes_costs_no_more_than_its_length():
    """Regex audit: a line of '"\\' 8,000 times took 0.8 processor-seconds to be checked for
    depth, four times as long for each doubling."""
    started = cpu_seconds()
    assert tomlread.too_deep('k = "' + '"\\' * 20_000 + "\n") == ""
    assert cpu_seconds() - started < 0.5
    assert tomlread.too_deep('"\\' * 500_000) == ""
    assert cpu_seconds() - started < 2.0
