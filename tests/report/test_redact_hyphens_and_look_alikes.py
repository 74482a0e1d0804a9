"""Another bidder's name written with a hyphen for a space, or with a letter of another
alphabet that reads as a Latin one, is still that bidder.

Found by the summaries red team (session 41): "Ahead of Hop-Garden and H\u043ep Garden" (a
Cyrillic "\u043e") reached other bidders' summaries as written, uncounted."""

from __future__ import annotations

from tendereval.report.redact import OtherBidders

HOP = "Hop Garden Respite CIC"
WEALD = "Weald Carers Trust"
BIDS = [(HOP, "bids/hop.xlsx"), (WEALD, "bids/weald.xlsx"), ("Marsh-Lane Homecare Ltd", None)]
TRADING = [(HOP, "Hop Garden")]


def test_a_hyphen_for_a_space_is_the_name() -> None:
    others = OtherBidders(BIDS, TRADING)
    for written in ("Hop-Garden", "Hop - Garden", "Hop\u2011Garden", "HOP-GARDEN"):
        text = f"Ahead of {written} on cover."
        assert others(text, {WEALD}) == "Ahead of another bidder on cover.", written
        assert others.names_in([(text, {WEALD})]) == 1
        # Its own summary keeps its own name, however written.
        assert others(text, {HOP}) == text
    # A hyphen in the name is a space in the text too.
    assert others("Unlike Marsh Lane Homecare.", {WEALD}) == "Unlike another bidder."


def test_a_look_alike_letter_of_another_alphabet_is_the_latin_letter() -> None:
    others = OtherBidders(BIDS, TRADING)
    cyrillic_o, greek_omicron, cyrillic_capital_a = "\u043e", "\u03bf", "\u0410"
    for written in (
        f"H{cyrillic_o}p Garden",
        f"H{greek_omicron}p Garden",
        f"Hop G{cyrillic_capital_a.lower()}rden",
    ):
        text = f"Ahead of {written} on cover."
        assert others(text, {WEALD}) == "Ahead of another bidder on cover.", written
        assert others(text, {HOP}) == text
    # A word wholly in another alphabet is that alphabet's: a bidder's name in Greek is found
    # as it is written, and Greek text is not taken for a Latin name.
    greek = OtherBidders([("\u0391\u03b8\u03b7\u03bd\u03ac Care Ltd", None), (WEALD, None)])
    assert greek("unlike \u0391\u03b8\u03b7\u03bd\u03ac Care", {WEALD}) == "unlike another bidder"
    assert others("\u0397\u03bf\u03c0 is Greek.", {WEALD}) == "\u0397\u03bf\u03c0 is Greek."
