"""Names found whatever Unicode form the text stores them in, and whatever capitals the
Declaration gives an evaluator (report.redact; review 36, findings 3 and 6).

Finding 3: Hop Garden's trading name was typed "Répit Hop Garden" (é one character, NFC); an
evaluator pasted it from the bid's PDF into a reason on Weald (é as "e" and a combining accent,
NFD, as text copied from a PDF usually is). Weald's summary read "Clearer booking route than
Répit Hop Garden offers", and the officer was told nothing: the name and the text were never
compared in one form.

Finding 6: with the Declaration giving "Tom OKAFOR" or "tom okafor", "As Okafor noted at
panel" reached Hop Garden's summary as written, and nothing was said: a surname was looked for
only as the Declaration wrote it (or in capitals), and only if it was capitalised there."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.report import redact
from tendereval.report.redact import OtherBidders, Redactor
from tests.example_copies import example_copy

NFC, NFD = "NFC", "NFD"


def _texts_of(path: Path) -> list[str]:
    return [
        value
        for ws in openpyxl.load_workbook(path).worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]


# ---- finding 3: a name in another Unicode form ------------------------------------------------


HOP = "Hop Garden Respite CIC"
WEALD = "Weald Carers Trust"


@pytest.mark.parametrize("named", [NFC, NFD])
@pytest.mark.parametrize("written", [NFC, NFD])
def test_a_bidders_name_is_found_whichever_unicode_form_either_is_stored_in(named, written):
    trading = unicodedata.normalize(named, "R\u00e9pit Hop Garden")
    others = OtherBidders([(HOP, "bids/hop.xlsx"), (WEALD, None)], [(HOP, trading)])
    reason = unicodedata.normalize(written, "Clearer booking route than R\u00e9pit Hop Garden.")
    assert others(reason, {WEALD}) == "Clearer booking route than another bidder."
    assert others.names_in([(reason, {WEALD})]) == 1
    assert others(reason, {HOP}) == reason  # its own reader keeps it


def test_only_the_name_is_replaced_the_rest_is_left_as_it_was_stored():
    """The text is read in one form to look for names, but what a summary shows outside the
    names replaced is the text as the evaluator stored it, each accent with its letter."""
    others = OtherBidders([("Caf\u00e9 Cymru CIC", "bids/c.xlsx"), (WEALD, None)])
    reason = "Cafe\u0301 Cymru\u2019s plan is thinner; the re\u0301sume\u0301 is weak."
    assert others(reason, {WEALD}) == (
        "Another bidder\u2019s plan is thinner; the re\u0301sume\u0301 is weak."
    )
    # An accent after the name's last letter is part of that letter: another word, not the name.
    assert others("Caf\u00e9 Cymru\u0301 said", {WEALD}) == "Caf\u00e9 Cymru\u0301 said"
    # Compatibility forms: a ligature, full-width letters.
    ligature = OtherBidders([("Fine Care Ltd", "bids/f.xlsx"), (WEALD, None)])
    assert ligature("unlike \ufb01ne Care Ltd", {WEALD}) == "unlike another bidder"
    assert ligature("unlike \uff26ine Care", {WEALD}) == "unlike another bidder"


def test_an_evaluators_name_is_found_whichever_unicode_form_either_is_stored_in():
    for declared in ("Zo\u00eb Ren\u00e9e", "Zoe\u0308 Rene\u0301e"):
        redacted = Redactor([declared])
        for written in (NFC, NFD):
            assert redacted(unicodedata.normalize(written, "As Ren\u00e9e noted.")) == (
                "As an evaluator noted."
            )
            assert redacted(unicodedata.normalize(written, "zo\u00eb ren\u00e9e said")) == (
                "An evaluator said"
            )


# Names with letters that have a precomposed form and a decomposed one, compatibility forms,
# and apostrophes.
_NAMES = [
    "R\u00e9pit Hop Garden",
    "Caf\u00e9 Cymru CIC",
    "Gofal \u0174yr Cyf",
    "Zo\u00eb's Carers Ltd",
    "Ty\u0302 Hafan",  # ŷ typed as y and a circumflex
    "\u00c5se Omsorg AS",
    "Na\u00efve \u0130lkbahar Care",
    "Seren\u0303a Homecare",  # a letter with no precomposed form
]
_FORMS = st.sampled_from([None, NFC, NFD, "NFKC", "NFKD"])
# (Each with a sign or space either side: "Gofal Ŵyr Cyfé" is another word, not the name.)
_FILLER = st.sampled_from([" ", ", ", "; ", ". ", "\n", " than ", " and ", " \u00e9 ", "(", ")"])


def _as_written(name: str, form: str | None, capitals: bool) -> str:
    text = name.upper() if capitals else name
    return unicodedata.normalize(form, text) if form else text


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_no_other_bidders_name_in_any_unicode_form_reaches_a_summary(data):
    """Any other bidder's name (its trading name too), stored in any Unicode form and the
    reason in any other, as written or in capitals, anywhere in a reason, is replaced."""
    names = data.draw(st.lists(st.sampled_from(_NAMES), min_size=2, max_size=4, unique=True))
    stored = [unicodedata.normalize(data.draw(_FORMS) or NFC, name) for name in names]
    reader = data.draw(st.sampled_from(names))
    suppliers = [f"Supplier {i} Ltd" for i in range(len(names))]
    trading = data.draw(st.booleans())
    if trading:
        others = OtherBidders(
            [(supplier, f"bids/{i}.xlsx") for i, supplier in enumerate(suppliers)],
            list(zip(suppliers, stored, strict=True)),
        )
    else:
        others = OtherBidders([(name, f"bids/{i}.xlsx") for i, name in enumerate(stored)])
    keep = {suppliers[names.index(reader)] if trading else stored[names.index(reader)]}
    parts = data.draw(
        st.lists(
            st.tuples(
                _FILLER,
                st.sampled_from(names),
                _FORMS,
                st.booleans(),
                _FILLER,
            ),
            min_size=1,
            max_size=5,
        )
    )
    text = "".join(f"{a}{_as_written(n, f, c)}{b}" for a, n, f, c, b in parts)
    hidden = others(text, keep)
    reads = unicodedata.normalize("NFKC", hidden).casefold()
    for name in names:
        if name != reader:
            assert unicodedata.normalize("NFKC", name).casefold() not in reads, (text, hidden)
    assert others.names_in([(text, keep)]) == int(any(n != reader for _, n, *_ in parts))


# ---- the text as it reads: the text's NFKC, without characters drawn as nothing ------------------

_LETTERS = (
    "aeiouAEOcnsyz"  # ASCII letters accents go on
    "\u00e9\u00c9\u00f1\u0175\u0174\u00e5"  # precomposed
    "\u0300\u0301\u0302\u0303\u0308\u030a\u0323\u0327\u0345"  # combining marks
    "\u00ad\u200b\u200d\u2060\u034f\ufe0f"  # drawn as nothing
    "\ufb01\uff21\uff45\u2126\u212b"  # compatibility forms (ﬁ, full width, Ω, Å)
    "\u1100\u1161\u11a8\uac00\u3131\u314f"  # Korean jamo and a syllable
    "\u2122\u00b9\u2082\u00aa\u00bd"  # signs after a word (™ ¹ ₂ ª ½): read as a space
    " .,'\u2019"
)


def _seen(text: str) -> str:
    """``text`` without the characters drawn as nothing, and a space for each sign."""
    return "".join(" " if redact._is_a_sign(c) else c for c in text if redact._character_reads(c))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=30))
def test_a_text_reads_as_its_nfkc_and_each_character_read_comes_from_where_it_is_said_to(text):
    read = redact._as_read(text)
    if read is None:
        assert unicodedata.normalize("NFKC", _seen(text)) == text
        return
    assert read.text == unicodedata.normalize("NFKC", _seen(text))
    assert len(read.starts) == len(read.ends) == len(read.text)
    # The pieces of the text each character comes from follow one another, and each reads as
    # the characters said to come from it.
    pieces: dict[tuple[int, int], str] = {}
    for character, start, end in zip(read.text, read.starts, read.ends, strict=True):
        pieces[(start, end)] = pieces.get((start, end), "") + character
    spans = list(pieces)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for (start, end), reads in pieces.items():
        assert unicodedata.normalize("NFKC", _seen(text[start:end])) == reads
    # What no piece covers is drawn as nothing.
    covered = {i for start, end in spans for i in range(start, end)}
    assert _seen("".join(c for i, c in enumerate(text) if i not in covered)) == ""


def test_every_character_nfc_puts_second_in_one_joins_the_one_before():
    """The text is read in pieces (a character and the marks after it), so every character a
    canonical composition puts second must be read with the one before it."""
    seconds = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2 and unicodedata.normalize("NFC", chr(code)) == chr(code):
                seconds.add(chr(int(parts[1], 16)))
    seconds |= {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}
    assert all(redact._joins_the_one_before(c) for c in seconds)
    # And every character that may change places with the one before it (a combining class).
    assert all(
        redact._joins_the_one_before(chr(c))
        for c in range(0x110000)
        if unicodedata.combining(chr(c))
    )


def test_a_letter_under_a_thousand_accents_is_read_at_once():
    from tests.cpu_time import cpu_seconds

    text = ("Okafor " + "e" + "\u0301" * 5000 + " ") * 20
    start = cpu_seconds()
    Redactor(["Tom Okafor"])(text)
    assert cpu_seconds() - start < 0.5


def test_summaries_hide_a_competitors_name_pasted_in_another_unicode_form(tmp_path: Path):
    """Review 36's case: the trading name typed in NFC, the reason pasted in NFD."""
    folder = example_copy(tmp_path)
    path = folder / "bids" / "hop-garden-respite-cic.xlsx"
    book = openpyxl.load_workbook(path)
    book["Organisation"]["B5"] = unicodedata.normalize(NFC, "R\u00e9pit Hop Garden")
    book.save(path)
    path = folder / "scores" / "helen-marsh.xlsx"
    book = openpyxl.load_workbook(path)
    reason = "Clearer booking route than R\u00e9pit Hop Garden offers, with named coordinators."
    for row in book["Scores"].iter_rows(min_row=5):
        if row[0].value == WEALD:
            row[6].value = unicodedata.normalize(NFD, reason)
    book.save(path)
    done = tendereval.summaries(folder, tmp_path / "out")
    assert done.other_bidders_named == 3
    weald = next(p for p in done.paths if "weald" in p.name.casefold())
    texts = [unicodedata.normalize(NFC, text) for text in _texts_of(weald)]
    assert not any("Hop Garden" in text for text in texts)
    assert any("than another bidder offers" in text for text in texts)


# ---- finding 6: the capitals of the Declaration ---------------------------------------------


@pytest.mark.parametrize("declared", ["Tom Okafor", "Tom OKAFOR", "tom okafor", "TOM OKAFOR"])
def test_an_evaluators_surname_is_found_whatever_capitals_the_declaration_gives(declared):
    redacted = Redactor([declared, "Helen Marsh"])
    replaced = {
        "As Okafor noted at panel, thin.": "As an evaluator noted at panel, thin.",
        "as OKAFOR said": "as an evaluator said",
        "Dr Okafor and T. Okafor agreed.": "An evaluator and an evaluator agreed.",
        "Okafor, Tom said so; Tom Okafor too.": "An evaluator said so; an evaluator too.",
        "TOM OKAFOR said": "An evaluator said",
        "Okafor's view was clear.": "An evaluator's view was clear.",
    }
    assert {text: redacted(text) for text in replaced} == replaced
    assert redacted.names_in(replaced) == len(replaced)
    # The rules of a surname alone hold: starting a sentence it is left and counted; in lower
    # case it is a word.
    left = ["Okafor thought it thin.", "I share the Okafor view."]
    assert [redacted(text) for text in left] == left
    assert redacted.surnames_left_in(left) == 2 and redacted.names_in(left) == 0
    assert redacted("the okafor variety") == "the okafor variety"
    assert redacted.first_names_in(["Tom thought so.", "TOM said"]) == 2


@pytest.mark.parametrize("declared", ["Gareth Marsh", "Gareth MARSH", "gareth marsh"])
def test_a_surname_inside_a_longer_name_is_left_whatever_capitals_the_declaration_gives(
    declared,
):
    """Session 35's rules, with the evaluator's name written as a Declaration may have it."""
    redacted = Redactor([declared], ["Romney Marsh Care CIC", "Romney Marsh", "East Kent"])
    named = [
        "Romney Marsh Care CIC's small named teams.",
        "Unlike ROMNEY MARSH CARE, it has no night service.",
        "Marsh Care's plan is clear.",
    ]
    assert [redacted(text) for text in named] == named
    assert redacted.names_in(named) == 0 and redacted.surnames_left_in(named) == 0
    beside = ["As the plan says, Gary Marsh leads it.", "The Marsh villages are covered."]
    assert [redacted(text) for text in beside] == beside
    assert redacted.surnames_left_in(beside) == 2
    assert redacted("As Marsh noted, the marsh floods.") == (
        "As an evaluator noted, the marsh floods."
    )


@pytest.mark.parametrize(
    "panel", ["moderation panel", "carers' reference group panel", "Moderation Panel"]
)
def test_a_group_named_in_lower_case_or_as_a_panel_has_no_surname(panel):
    redacted = Redactor([panel])
    texts = ["Panel members liked it.", "As Panel noted.", "The Group agreed.", "Moderation"]
    assert [redacted(text) for text in texts] == texts
    assert redacted.surnames_left_in(texts) == 0 and redacted.first_names_in(texts) == 0
    assert redacted(f"as {panel} said") == "as an evaluator said"  # its whole name still is


@pytest.mark.parametrize("declared", ["Tom OKAFOR", "tom okafor"])
def test_summaries_hide_a_surname_whatever_capitals_the_declaration_gives(tmp_path, declared):
    """Review 36's case: "As Okafor noted at panel" in a moderation reason."""
    folder = example_copy(tmp_path)
    path = folder / "scores" / "tom-okafor.xlsx"
    book = openpyxl.load_workbook(path)
    book["Declaration"]["B4"] = declared
    book.save(path)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    book["Moderation"]["E9"] = (
        "Scores were 4, 1 and 4. As Okafor noted at panel, the urgent-break route is thin; "
        "the panel found section 2.3 describes one through a partner."
    )
    book.save(path)
    done = tendereval.summaries(folder, tmp_path / "out")
    assert done.redacted == 1
    texts = [text for path in done.paths for text in _texts_of(path)]
    assert not any("Okafor" in text for text in texts)
    assert any("As an evaluator noted at panel" in text for text in texts)
