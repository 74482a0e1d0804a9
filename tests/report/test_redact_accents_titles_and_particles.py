"""Evaluators' names written without their accents, with a title before an initial, or with
a surname's particles (report.redact).

Found by a red team: with the winner's Q3 consensus reason edited (it is quoted in every
bidder's summary), Hop Garden's summary showed "Zoe Bronte agreed with the panel." for an
evaluator declared as Zoë Brontë, "Sian an evaluator agreed…" for Siân Williams, "Mr an
evaluator agreed" for "Mr T. Okafor agreed" and "Mrs van an evaluator" for "Mrs van Dijk",
and `summaries` did not count the unaccented names among those to read."""

from __future__ import annotations

import pytest

from tendereval.report.redact import Redactor

SUPPLIERS = ["Romney Marsh Care CIC", "Hop Garden Respite CIC", "Weald Carers Trust"]


@pytest.mark.parametrize(
    ("declared", "written", "shown"),
    [
        # The red team's four rows.
        ("Zoë Brontë", "Zoe Bronte agreed with the panel.", "An evaluator agreed with the panel."),
        ("Siân Williams", "Sian Williams agreed.", "An evaluator agreed."),
        ("Tom Okafor", "Mr T. Okafor agreed", "An evaluator agreed"),
        ("Helen van Dijk", "Mrs van Dijk agreed", "An evaluator agreed"),
        # Accents folded the other way: declared without, written with.
        (
            "Zoe Bronte",
            "As Zoë Brontë noted, and Ms Brontë too.",
            "As an evaluator noted, and an evaluator too.",
        ),
        (
            "Sian Williams",
            "The panel took Siân Williams' view.",
            "The panel took an evaluator' view.",
        ),
        # An accent stored as a letter and a separate accent (as pasted from a PDF).
        ("Zoë Brontë", "Zoe Bronte\u0308 agreed", "An evaluator agreed"),
        # Letters a stroke is not taken off, typed as English keyboards type them.
        ("Søren Ødegaard", "Soren Odegaard agreed", "An evaluator agreed"),
        # A title with several initials, or with a first name; initials alone.
        ("Tom Okafor", "Dr R. A. Okafor agreed", "An evaluator agreed"),
        ("Tom Okafor", "as Mr Tom Okafor said", "as an evaluator said"),
        ("Tom Okafor", "as T. J. Okafor said", "as an evaluator said"),
        # Particles go with the surname, in any capitals, and in a directory's order.
        ("Helen van Dijk", "Van Dijk agreed", "An evaluator agreed"),
        ("Helen van Dijk", "as van Dijk, Helen said", "as an evaluator said"),
        ("Helen van Dijk", "as Helen Dijk said", "as an evaluator said"),
        ("Helen Anne van Dijk", "as Helen van Dijk said", "as an evaluator said"),
        ("Rhys ap Gruffydd", "Mr ap Gruffydd agreed", "An evaluator agreed"),
        ("Nia ferch Owain", "as Ms ferch Owain said", "as an evaluator said"),
        ("Lotte van der Berg", "as Mrs van der Berg said", "as an evaluator said"),
        ("van Dijk, Helen", "as Mrs van Dijk said", "as an evaluator said"),
    ],
)
def test_a_name_is_found_with_or_without_accents_titles_and_particles(declared, written, shown):
    assert Redactor([declared, "Helen Marsh"], SUPPLIERS)(written) == shown


def test_an_unaccented_name_is_counted_among_those_changed():
    redact = Redactor(["Zoë Brontë"], SUPPLIERS)
    assert redact.names_in(["Zoe Bronte agreed.", "Sound answer."]) == 1


def test_a_first_name_without_its_accent_is_counted_for_the_officer_to_read():
    # A first name alone is not replaced (it may be a word), but it is counted, accents or not.
    redact = Redactor(["Siân Williams"], SUPPLIERS)
    assert redact("Sian thought so.") == "Sian thought so."
    assert redact.first_names_in(["Sian thought so."]) == 1


@pytest.mark.parametrize(
    ("declared", "written"),
    [
        # Ordinary words stay words: a surname in lower case, or starting a sentence.
        ("Tom Hope", "Hope is offered; we hope so."),
        ("Tom Mark", "Mark the answer: the mark is low."),
        ("Renée Marsh", "The marsh villages are served."),
        # A particle is taken only with a surname declared with it: "van" is a word too.
        ("Helen Marsh", "Romney Marsh Care CIC runs a van in Romney Marsh."),
        # Without accents, a supplier's name holding the surname is still the supplier's.
        ("Helen Mârsh", "Romney Marsh Care CIC is sound."),
    ],
)
def test_ordinary_words_and_suppliers_names_are_left(declared, written):
    assert Redactor([declared], SUPPLIERS)(written) == written


def test_the_rest_of_the_text_keeps_its_accents():
    redact = Redactor(["Zoë Brontë"], SUPPLIERS)
    assert redact("Zoe Bronte liked the café’s répit.") == "An evaluator liked the café’s répit."


def test_the_article_before_a_name_goes_with_it() -> None:
    """Panel red team: a reason naming the carers' panel ("the Carers' Reference Group panel
    agreed") read "the an evaluator agreed" in every bidder's summary."""
    from tendereval.report.redact import Redactor

    redact = Redactor(["Tom Okafor", "Carers' Reference Group panel"])
    assert redact("the Carers' Reference Group panel agreed") == "an evaluator agreed"
    assert redact("The Carers' Reference Group panel agreed.") == "An evaluator agreed."
    assert (
        redact("bathe Tom Okafor; then Tom Okafor said")
        == "bathe an evaluator; then an evaluator said"
    )


# ---- the whole-text test that lets a reason with no accents through at once ------------------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tendereval.report import redact  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
@example("The evaluator’s view – clear")  # Word's apostrophe and dash: no accent to take off
@example("Brontë")
@example("Bronte\u0308")  # the accent as a mark of its own
@example("Søren")  # a letter of the keyboard table
@example("\u212b")  # a sign whose decomposition is a letter and an accent
def test_text_said_to_have_no_accents_loses_none_character_by_character(text: str) -> None:
    if redact._no_accents(text):
        assert "".join(redact._without_accents(c) for c in text) == text


def test_a_reason_typed_in_word_is_read_as_it_is_and_an_accent_is_still_taken_off() -> None:
    assert redact._plain_read("Helen’s view – clear") is None
    assert redact._plain_read("Zoë’s view").text == "Zoe’s view"
