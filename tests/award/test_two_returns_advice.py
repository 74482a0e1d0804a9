"""A supplier's two bid returns for one lot: every message gives the advice the file's error
gives, and following it lets the right tender win.

Found by the red team in the carers example, whose most advantageous tender is Weald Carers
Trust's (Brightwater Care Services Ltd is ranked next):

- Weald sent a revised return before the deadline. Its error said to record the superseded
  one as withdrawn by its file, but the line under the award and the verdict said the award
  waited "until the buyer records it as rejected in decisions.toml ([[rejection]])". Followed
  (``[[rejection]] supplier = "Weald Carers Trust"``), both of Weald's returns were set aside
  and the award went to Brightwater, "the assessment summaries may be sent".
- Weald's Prices sheet renamed 'Pricing': the error asked to have it renamed and the file sent
  again. Saved beside the first (files stay as received), the corrected file made "sent two
  bid returns", whose advice for one "that came in after the deadline" was a rejection by its
  file; recorded, the two-returns error stayed (the first return, no lot read from it, was
  not counted beside it) and the award stayed held: the only way out was a withdrawal Weald
  never made.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tendereval.award.return_that_stands import by_its_file, sent_again
from tests.example_copies import example_copy

WEALD, BRIGHTWATER = "Weald Carers Trust", "Brightwater Care Services Ltd"
FIRST = "bids/weald-carers-trust.xlsx"


def _revised(tmp_path: Path) -> Path:
    """The carers example with Weald's revised return (its sitting rate 26.00) beside its first."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / FIRST)
    book["Prices"]["G5"] = 26.0
    book.save(folder / "bids" / "weald-carers-trust-revised.xlsx")
    return folder


def _pricing(tmp_path: Path) -> Path:
    """The carers example with Weald's Prices sheet renamed 'Pricing' (its rates not read)."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / FIRST)
    book["Prices"].title = "Pricing"
    book.save(folder / FIRST)
    return folder


def _record(folder: Path, text: str) -> None:
    (folder / "decisions.toml").write_text(text, encoding="utf-8")


def test_the_line_under_the_award_and_the_verdict_give_the_errors_advice(tmp_path: Path) -> None:
    award = tendereval.score(_revised(tmp_path), sensitivity=False).award
    assert award.winner("CSB") == BRIGHTWATER and award.not_put_right == (("CSB", WEALD),)
    assert award.returns_to_choose == (("CSB", WEALD),)
    [(_, why)] = award.waiting("CSB")
    assert why.startswith(f"{WEALD}'s tender is invalid for an error in the inputs")
    assert f"until the buyer records which of its bid returns stands: {by_its_file()}" in why
    assert "records it as rejected" not in why  # naming the supplier throws out both returns
    [verdict] = [b for b in award.blockers if b.startswith("The inputs have")]
    assert f"for a supplier that sent two bid returns for a lot, {by_its_file()}" in verdict
    assert "a tender the buyer rejects for its own errors" not in verdict


def test_following_it_by_withdrawing_the_superseded_file_the_revised_return_wins(
    tmp_path: Path,
) -> None:
    folder = _revised(tmp_path)
    _record(folder, f'[[withdrawal]]\nsupplier = "{FIRST}"\nwithdrawn_on = 2026-03-03\n')
    award = tendereval.score(folder, sensitivity=False).award
    assert award.winner("CSB") == WEALD
    assert award.held_back is None and award.summaries_ready


def test_a_renamed_prices_sheet_asks_for_the_file_again_and_says_what_to_record(
    tmp_path: Path,
) -> None:
    tender = tendereval.load_tender(_pricing(tmp_path))
    [renamed] = [p for p in tender.problems if p.code == "sheet.renamed" and p.file == FIRST]
    assert renamed.expected.endswith("send the file again" + sent_again(FIRST))
    assert f'[[rejection]], supplier = "{FIRST}"' in renamed.expected


def test_the_corrected_return_saved_beside_the_first_and_the_first_rejected_wins(
    tmp_path: Path,
) -> None:
    """Followed as the error says, Weald's corrected return is its tender, and wins (with
    the example's rates: 29.20 quality, 16.00 social value and the lowest price but one)."""
    folder = _pricing(tmp_path)
    corrected = example_copy(tmp_path / "original") / FIRST
    (folder / "bids" / "weald-carers-trust-corrected.xlsx").write_bytes(corrected.read_bytes())
    twice = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in twice.problems if p.supplier == WEALD and p.is_error] == ["bid.twice"]
    assert 'reason = "replaced by its corrected return' in by_its_file()

    _record(
        folder,
        f'[[rejection]]\nsupplier = "{FIRST}"\n'
        'reason = "replaced by its corrected return, sent at our request"\n',
    )
    result = tendereval.score(folder, sensitivity=False)
    assert not [p for p in result.problems if p.code == "bid.twice"]
    award = result.award
    assert award.winner("CSB") == WEALD
    assert award.held_back is None and award.summaries_ready
    # The same award as from the example itself, where the return was right first time.
    assert (
        award.lots["CSB"]
        == tendereval.score(corrected.parents[1], sensitivity=False).award.lots["CSB"]
    )


def test_a_return_rejected_by_its_file_no_longer_counts_as_a_second_return(
    tmp_path: Path,
) -> None:
    """The corrected return rejected instead (as one that came in late): it is no second
    return, and the first stands as Weald's tender, with the error that asked for it."""
    folder = _pricing(tmp_path)
    corrected = example_copy(tmp_path / "original") / FIRST
    (folder / "bids" / "weald-carers-trust-corrected.xlsx").write_bytes(corrected.read_bytes())
    _record(
        folder,
        '[[rejection]]\nsupplier = "bids/weald-carers-trust-corrected.xlsx"\nreason = "late"\n',
    )
    result = tendereval.score(folder, sensitivity=False)
    assert not [p for p in result.problems if p.code == "bid.twice"]
    assert [p.code for p in result.problems if p.supplier == WEALD and p.is_error] == [
        "sheet.renamed"
    ]
    assert result.award.not_put_right == (("CSB", WEALD),)
    assert result.award.returns_to_choose == ()
