"""A bidder's name before a sign, and an evaluator's name as a directory lists it (report.redact;
review 37, findings 3 and 4).

Finding 3: "Clearer booking route than Hop Garden™ offers" and "Safer rota than Hop Garden¹"
(a trade mark, a footnote's mark, as pasted from a bid's PDF) reached Weald's summary: the text
read as its NFKC, "Hop GardenTM" and "Hop Garden1", one word each, and the name was not found.

Finding 4: with the Declaration giving "Okafor, Tom" (as Outlook and HR list names), "Tom
Okafor MBE", or "OKAFOR Tom" (the surname first, in capitals), "As Okafor noted at panel" and
even "Tom Okafor" reached Hop Garden's summary ("an evaluator Okafor" for "OKAFOR Tom", whose
last word "Tom" was taken for the surname), and the terminal counted no evaluator named."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.person_names import in_order
from tendereval.report import redact
from tendereval.report.redact import OtherBidders, Redactor
from tests.example_copies import example_copy

# ---- finding 3: a sign after a bidder's name -------------------------------------------------

# Signs written after a word that NFKC reads as letters or figures (and two it does not).
SIGNS = (
    "\u2122\u2120"  # ™ ℠
    "\u00b9\u00b2\u00b3\u2070\u2079\u2080\u2089"  # ¹ ² ³ ⁰ ⁹ ₀ ₉
    "\u00aa\u00ba\u00bd\u2460\u2116"  # ª º ½ ① №
    "\u00ae\u00a9"  # ® © (NFKC leaves them as they are)
)


def _every_sign() -> list[str]:
    """Every character a bidder's name may be followed by that NFKC reads as letters or
    figures, but is a symbol, a figure out of the line or written above or below it."""
    signs = []
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        reads = unicodedata.normalize("NFKC", character)
        if reads == character or not any(c.isalnum() for c in reads):
            continue
        tag = unicodedata.decomposition(character).split(" ", 1)[0]
        category = unicodedata.category(character)
        if tag in ("<super>", "<sub>") or category[0] == "S" or category == "No":
            signs.append(character)
    return signs


def test_a_bidders_name_before_a_trade_mark_or_a_footnote_mark_is_replaced():
    others = OtherBidders([("Hop Garden", "bids/hop.xlsx"), (WEALD, "bids/weald.xlsx")])
    assert others("Clearer booking route than Hop Garden\u2122 offers.", {WEALD}) == (
        "Clearer booking route than another bidder\u2122 offers."
    )
    assert others("Safer rota than Hop Garden\u00b9 and HOP GARDEN\u2082.", {WEALD}) == (
        "Safer rota than another bidder\u00b9 and another bidder\u2082."
    )
    # A letter or figure in another form is still one: full width, a ligature.
    assert others("than \uff28op Garden offers", {WEALD}) == "than another bidder offers"
    assert others("than Hop Garden\uff11 offers", {WEALD}) == "than Hop Garden\uff11 offers"


def test_every_sign_after_a_bidders_name_ends_it():
    signs = _every_sign()
    assert set(SIGNS) - {"\u00ae", "\u00a9"} <= set(signs)
    others = OtherBidders([("Hop Garden", "bids/hop.xlsx"), (WEALD, "bids/weald.xlsx")])
    left = [s for s in signs if others(f"than Hop Garden{s} offers", {WEALD}).count("Hop")]
    assert left == []
    assert all(redact._is_a_sign(s) for s in signs)
    assert not any(redact._is_a_sign(c) for c in "\uff21\uff11\ufb01\u2160\u2126\u00e9a1 ")


_NAMES = ["Hop Garden", "Meridian Care Ltd", "Weald Carers Trust", "Acme Care 24 CIC"]
_FILLER = st.sampled_from([" ", ", ", ". ", " than ", "(", ") ", "\n"])
WEALD = "Weald Carers Trust"


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_no_other_bidders_name_followed_by_a_sign_reaches_a_summary(data):
    names = data.draw(st.lists(st.sampled_from(_NAMES), min_size=2, max_size=4, unique=True))
    reader = data.draw(st.sampled_from(names))
    others = OtherBidders([(name, f"bids/{i}.xlsx") for i, name in enumerate(names)])
    parts = data.draw(
        st.lists(
            st.tuples(_FILLER, st.sampled_from(names), st.sampled_from(SIGNS), _FILLER),
            min_size=1,
            max_size=5,
        )
    )
    text = "".join(f"{a}{name}{sign}{b}" for a, name, sign, b in parts)
    hidden = others(text, {reader})
    assert hidden is not None
    for name in names:
        if name != reader:
            assert name.casefold() not in hidden.casefold(), (text, hidden)
    # The sign is kept as it was written, after "another bidder".
    assert all(hidden.count(sign) == text.count(sign) for sign in SIGNS)
    assert others.names_in([(text, {reader})]) == int(any(n != reader for _, n, *_ in parts))


# ---- finding 4: the evaluator's name as a directory lists it ---------------------------------


@pytest.mark.parametrize(
    ("declared", "words"),
    [
        ("Okafor, Tom", ["Tom", "Okafor"]),
        ("OKAFOR Tom", ["Tom", "OKAFOR"]),
        ("Tom OKAFOR", ["Tom", "OKAFOR"]),
        ("TOM OKAFOR", ["TOM", "OKAFOR"]),
        ("Tom Okafor MBE", ["Tom", "Okafor"]),
        ("Dr Tom Okafor", ["Tom", "Okafor"]),
        ("Cllr Tom Okafor, PhD, FCIPS", ["Tom", "Okafor"]),
        ("Okafor, Dr Tom", ["Tom", "Okafor"]),
        ("Mrs Ruth Ann Okafor RGN", ["Ruth", "Ann", "Okafor"]),
        ("Tom Okafor Ph.D.", ["Tom", "Okafor"]),
        ("DE SOUSA Maria", ["Maria", "DE", "SOUSA"]),
        # Letters that are a name too, and initials in capitals, are the name's own.
        ("Tom Mba", ["Tom", "Mba"]),
        ("Ruth Ann Ma", ["Ruth", "Ann", "Ma"]),
        ("JJ Smith", ["JJ", "Smith"]),
        ("MODERATION panel", ["MODERATION", "panel"]),
    ],
)
def test_a_declarations_name_is_read_first_names_first(declared, words):
    assert in_order(declared) == words


DECLARED = ["Okafor, Tom", "OKAFOR Tom", "Tom Okafor MBE", "Dr Tom Okafor", "Tom Okafor, FCIPS"]


@pytest.mark.parametrize("declared", DECLARED)
def test_an_evaluator_named_as_a_directory_lists_them_is_replaced(declared):
    redacted = Redactor([declared, "Helen Marsh"])
    replaced = {
        "As Okafor noted at panel, thin.": "As an evaluator noted at panel, thin.",
        "Tom Okafor and the panel found it.": "An evaluator and the panel found it.",
        "as Okafor Tom said": "as an evaluator said",
        "as Okafor, Tom said": "as an evaluator said",
        "as T. Okafor and T Okafor said": "as an evaluator and an evaluator said",
        "as OKAFOR said": "as an evaluator said",
        "as okafor tom said": "as an evaluator said",
        # A title before a full name and letters after a name go with it.
        "as Dr Tom Okafor said": "as an evaluator said",
        "as Tom Okafor MBE and Mr Okafor, FCIPS, said": "as an evaluator and an evaluator, said",
    }
    assert {text: redacted(text) for text in replaced} == replaced
    assert redacted.names_in(replaced) == len(replaced)
    left = ["Okafor thought it thin.", "I share the Okafor view."]
    assert [redacted(text) for text in left] == left
    assert redacted.surnames_left_in(left) == 2
    assert redacted("the okafor variety") == "the okafor variety"
    assert redacted.first_names_in(["Tom thought so."]) == 1


_GIVEN = ["Tom", "Ruth Ann", "Gareth"]
_SURNAMES = ["Okafor", "Marsh", "McDonald", "Ng-Wright"]
_TITLE = st.sampled_from(["", "Dr ", "Mrs ", "Cllr ", "Mx "])
_LETTERS_AFTER = st.sampled_from(["", " MBE", " PhD", ", FCIPS", " OBE DL", " RGN"])


@settings(max_examples=200, deadline=None)
@given(
    given_names=st.sampled_from(_GIVEN),
    surname=st.sampled_from(_SURNAMES),
    title=_TITLE,
    after=_LETTERS_AFTER,
    form=st.sampled_from(["given surname", "surname, given", "SURNAME given", "given SURNAME"]),
    mention=st.sampled_from(
        ["{g} {s}", "{s} {g}", "{s}, {g}", "{i}. {s}", "{i} {s}", "{s}", "{S}", "Dr {s}"]
    ),
    before=st.sampled_from(["As ", "Scores were 4. As ", "The panel and "]),
)
def test_an_evaluator_in_any_declaration_form_is_replaced(
    given_names, surname, title, after, form, mention, before
):
    declared = (
        title
        + {
            "given surname": f"{given_names} {surname}",
            "surname, given": f"{surname}, {given_names}",
            "SURNAME given": f"{surname.upper()} {given_names}",
            "given SURNAME": f"{given_names} {surname.upper()}",
        }[form]
        + after
    )
    written = mention.format(g=given_names, s=surname, S=surname.upper(), i=given_names[0])
    text = f"{before}{written} noted at panel, the route is thin."
    redacted = Redactor([declared, "Helen Marsh-Lane"])
    hidden = redacted(text)
    assert hidden is not None
    assert surname.casefold() not in hidden.casefold(), (declared, text, hidden)
    assert redacted.names_in([text]) == 1


def _moderation_reason(folder: Path, declared: str, reason: str) -> None:
    path = folder / "scores" / "tom-okafor.xlsx"
    book = openpyxl.load_workbook(path)
    book["Declaration"]["B4"] = declared
    book.save(path)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    book["Moderation"]["E9"] = reason
    book.save(path)


def _texts_of(path: Path) -> list[str]:
    return [
        value
        for ws in openpyxl.load_workbook(path).worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]


@pytest.mark.parametrize("declared", ["Okafor, Tom", "OKAFOR Tom", "Tom Okafor MBE"])
def test_summaries_hide_an_evaluator_named_as_a_directory_lists_them(tmp_path, declared):
    """Review 37's case: the moderation reason names Okafor twice."""
    folder = example_copy(tmp_path)
    _moderation_reason(
        folder,
        declared,
        "Scores were 4, 1 and 4. As Okafor noted at panel, the urgent-break route is thin; "
        "Tom Okafor and the panel found section 2.3 describes one through a partner.",
    )
    done = tendereval.summaries(folder, tmp_path / "out")
    assert done.redacted == 1
    texts = [text for path in done.paths for text in _texts_of(path)]
    assert not any("Okafor" in text for text in texts)
    assert any("As an evaluator noted at panel" in text for text in texts)
    assert any("thin; an evaluator and the panel found" in text for text in texts)


def test_summaries_hide_a_competitors_name_before_a_trade_mark_or_a_footnote(tmp_path):
    """Review 37's case: Helen Marsh's reasons on Weald name Hop Garden™, Hop Garden¹."""
    folder = example_copy(tmp_path)
    path = folder / "scores" / "helen-marsh.xlsx"
    book = openpyxl.load_workbook(path)
    book["Scores"]["G5"] = "Clearer booking route than Hop Garden\u2122 offers."
    book["Scores"]["G6"] = "Safer rota than Hop Garden\u00b9 and Meridian Care\u00ae."
    book.save(path)
    done = tendereval.summaries(folder, tmp_path / "out")
    assert done.other_bidders_named == 2
    weald = next(p for p in done.paths if "weald" in p.name.casefold())
    texts = _texts_of(weald)
    assert not any("Hop Garden" in text for text in texts)
    assert any("than another bidder\u2122 offers" in text for text in texts)
    assert any("than another bidder\u00b9 and another bidder\u00ae" in text for text in texts)
