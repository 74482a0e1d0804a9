"""How a person's name is read (tendereval.person_names): the words every comparison of
evaluators' names uses, split as the conflicted-moderator check splits "Moderated by"."""

from __future__ import annotations

import polars as pl
import pytest

from tendereval.person_names import person_words
from tendereval.scoring.quality import _words


@pytest.mark.parametrize(
    "name",
    [
        "Okafor, Tom",
        "Priya Shah (chair)",
        "Zoë O'Neil-Smith",
        "  José\u00a0NÚÑEZ  ",
        "dr_ann evans2",
    ],
)
def test_a_name_s_words_are_the_words_the_moderator_check_reads(name):
    """The consolidated form matches a declaration to its evaluator's scores by the words of
    the name (person_words), the rule the conflicted-moderator check names an evaluator by
    (scoring.quality._words): the two must split a name alike."""
    moderator = pl.select(_words(pl.lit(name))).item().split()
    assert person_words(name) == tuple(sorted(moderator))


def test_a_name_written_surname_first_has_the_same_words():
    assert person_words("Okafor, Tom") == person_words("tom  OKAFOR") == ("okafor", "tom")
    assert person_words("T. Okafor") != person_words("Tom Okafor")


def test_a_title_and_letters_after_the_name_are_not_its_words():
    assert person_words("Dr Tom Okafor") == person_words("Tom Okafor, PhD, FCIPS")
    assert person_words("Okafor, Cllr Tom") == ("okafor", "tom")
    # A title or letters that would leave one word are the name's own.
    assert person_words("Tom Mba") == ("mba", "tom")
