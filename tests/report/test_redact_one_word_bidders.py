"""A bidder named with one ordinary word is not every sentence starting with that word.

Found by the summaries red team (session 41): with bidders "Strong Ltd" and "Clear Ltd", every
summary read "Another bidder safeguarding policy with named leads…" and "Another bidder booking
by phone…", the winner's own explanations included, and the command counted 4 explanations
naming another bidder when none did; a supplier called "The" turned "The panel…" into "Another
bidder panel…". And a bidder "Dover Ltd" turned "links across Dover and East Kent" (the lot's
own name) into "links across another bidder and East Kent"."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.report.redact import OtherBidders

EXAMPLE = Path(__file__).parents[2] / "examples" / "carers-short-breaks"
BIDS = [
    ("Strong Ltd", "bids/strong.xlsx"),
    ("Clear Ltd", "bids/clear.xlsx"),
    ("The", "bids/the.xlsx"),
    ("Weald Carers Trust", "bids/weald.xlsx"),
]
READER = {"Weald Carers Trust"}


def test_a_one_word_name_starting_a_sentence_is_left_and_counted() -> None:
    others = OtherBidders(BIDS)
    for text in (
        "Strong safeguarding policy with named leads.",
        "Good cover. Clear booking by phone, online and through carers' workers.",
        "The panel agreed 3.",
        '"Strong" safeguarding. (Clear booking by phone.)',
    ):
        assert others(text, READER) == text
        assert others.names_in([(text, READER)]) == 0
        assert others.left_in([(text, READER)]) == 1
    # Read by that bidder itself, its own name is no other bidder's: not counted.
    assert others.left_in([("Strong safeguarding policy.", {"Strong Ltd"})]) == 0
    assert others.left_in([("Nothing to see.", READER), (None, READER)]) == 0


def test_a_one_word_name_with_evidence_of_a_name_is_still_replaced() -> None:
    others = OtherBidders(BIDS)
    cases = {
        # The legal form, anywhere: the name in full.
        "Strong Ltd said its staff would cover.": "Another bidder said its staff would cover.",
        "Weaker than Strong Ltd on staffing.": "Weaker than another bidder on staffing.",
        # Mid-sentence the capital is the name's.
        "Weaker than Strong on staffing.": "Weaker than another bidder on staffing.",
        # A possessive is someone's; capitals are no sentence start's.
        "Strong's model is weaker.": "Another bidder's model is weaker.",
        "STRONG offers less cover.": "Another bidder offers less cover.",
    }
    for text, expected in cases.items():
        assert others(text, READER) == expected, text
        assert others.names_in([(text, READER)]) == 1
        assert others.left_in([(text, READER)]) == 0


def test_a_lot_or_area_name_is_not_a_bidder_of_that_name() -> None:
    bids = [("Dover Ltd", "bids/dover.xlsx"), ("Bluebell Homecare Ltd", "bids/bluebell.xlsx")]
    others = OtherBidders(bids, places=["Dover", "East Kent", None])
    reader = {"Bluebell Homecare Ltd"}
    text = "Strong local links across Dover and East Kent, with named partners."
    assert others(text, reader) == text
    assert others.names_in([(text, reader)]) == 0
    assert others.left_in([(text, reader)]) == 0
    assert others("Unlike Dover Ltd's plan.", reader) == "Unlike another bidder's plan."
    # Without the plan's names, "Dover" is the bidder's short form.
    assert OtherBidders(bids)(text, reader) != text


def test_the_carers_example_with_one_word_bidders(tmp_path: Path) -> None:
    """The red team's edit: Stour Valley Homecare Ltd renamed "Strong Ltd"."""
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder)
    for path in [*folder.glob("bids/*.xlsx"), *folder.glob("scores/*.xlsx")]:
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value == "Stour Valley Homecare Ltd":
                        cell.value = "Strong Ltd"
        book.save(path)
    result = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    assert "named another bidder" not in result.output, result.output
    assert "a word that is another bidder's name on its own" in result.output, result.output
    seen = []
    for path in (tmp_path / "out").glob("*.xlsx"):
        for sheet in openpyxl.load_workbook(path).worksheets:
            for row in sheet.iter_rows(values_only=True):
                seen += [v for v in row if isinstance(v, str) and "safeguarding policy" in v]
    assert any(v.startswith("Strong safeguarding policy") for v in seen), seen
    assert not any("bidder safeguarding" in v for v in seen), seen
