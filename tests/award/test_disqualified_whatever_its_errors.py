"""A tender disqualified on its evaluators' scores cannot win whatever its bid return's errors
are put right to, so those errors hold no award; errors that may change the score that
disqualified it still do.

Found by the red team (exitcodes, finding 2): "TBC" typed into one price cell of Stour Valley's
return in the carers example, where the panel's consensus of 1 on Q1 (minimum 2) disqualifies
it. Stour Valley was shown ``invalid``, ``score`` said it "could win the lot once its errors
are, so the award waits", and ``summaries``, ``publish`` and ``allocate`` exited 1. Putting the
price right changes neither its Q1 score nor, as a disqualified tender is out of the pool,
anybody else's price score.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
from click.testing import CliRunner

import tendereval
from tendereval.award.recorded import Decisions
from tendereval.cli import cli
from tendereval.errors import Problem
from tests.example_copies import example_copy

STOUR, WEALD = "Stour Valley Homecare Ltd", "Weald Carers Trust"
STOUR_RETURN = "bids/stour-valley-homecare-ltd.xlsx"
Q1_BELOW = (
    "Q1 'Service model: how carers find, book and use short breaks' scored 1 (consensus + "
    "group share), below the minimum of 2; failing it disqualifies the bid for this lot"
)
TBC = (
    "unit rate: 'TBC' is a placeholder, not a price (found 'TBC'); expected an amount in "
    f"pounds, e.g. 1234.50 or £1,234.50 ({STOUR_RETURN} › Prices › G5)"
)


NOT_WAITED_ON = (
    f"{STOUR}'s tender is disqualified on its evaluators' scores, and has 1 error in "
    f"{STOUR_RETURN} not yet put right; the award does not wait on it, as the tender is "
    "disqualified whatever it is put right to"
)


def _typed(folder: Path, workbook: str, sheet: str, cell: str, value: object) -> Path:
    book = openpyxl.load_workbook(folder / workbook)
    book[sheet][cell] = value
    book.save(folder / workbook)
    return folder


def _tbc(tmp_path: Path) -> Path:
    """The carers example with "TBC" for a unit rate in Stour Valley's return."""
    return _typed(example_copy(tmp_path), STOUR_RETURN, "Prices", "G5", "TBC")


def _stour(result: tendereval.ScoreResult) -> dict:
    (row,) = result.results.filter(pl.col("supplier") == STOUR).to_dicts()
    return row


def test_disqualified_with_its_reason_and_its_error_and_the_award_is_not_held(
    tmp_path: Path,
) -> None:
    result = tendereval.score(_tbc(tmp_path), sensitivity=False)
    stour = _stour(result)
    assert stour["status"] == "disqualified"
    assert stour["reasons"] == [Q1_BELOW, TBC]  # nothing lost: what disqualifies it first
    # Its price cannot be worked out, so none of its figures is given (as for an invalid bid).
    assert stour["total"] is None and stour["evaluated_price"] is None
    award = result.award
    assert award.winner("CSB") == WEALD
    assert award.not_put_right == ()
    assert award.input_errors == 0
    assert award.award_blockers == []
    # Said beside the award, which does not wait on it.
    assert award.disqualified_errors == (("CSB", STOUR, ((STOUR_RETURN, 1),)),)
    assert award.not_waited_on("CSB") == [("CSB", NOT_WAITED_ON)]
    assert award.to_dict()["disqualified_errors"] == [
        {"lot": "CSB", "supplier": STOUR, "files": {STOUR_RETURN: 1}}
    ]
    # The error is still an error in the inputs, said where it is.
    assert [(p.file, p.cell) for p in result.problems if p.is_error] == [(STOUR_RETURN, "G5")]


def test_summaries_publish_and_allocate_go_ahead(tmp_path: Path) -> None:
    folder = _tbc(tmp_path)
    runner = CliRunner()
    score = runner.invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert score.exit_code == 1, score.output  # the inputs have an error, as the README says
    assert "could win the lot" not in score.output
    assert f"  ! {NOT_WAITED_ON}." in score.output.splitlines()
    assert f"{STOUR}                    disqualified" in score.output
    assert "the assessment summaries may be sent" in score.output
    summaries = runner.invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "s")])
    assert summaries.exit_code == 0, summaries.output
    publish = [
        "publish",
        str(folder),
        "--ocid-prefix",
        "ocds-abc123",
        "-o",
        str(tmp_path / "o.json"),
    ]
    published = runner.invoke(cli, publish)
    assert published.exit_code == 0, published.output
    allocated = runner.invoke(cli, ["allocate", str(folder)])
    assert allocated.exit_code == 0, allocated.output


def test_an_error_at_the_score_that_disqualified_it_still_holds(tmp_path: Path) -> None:
    # The carers' panel's Q1 score for Stour Valley typed as text: the panel keeps its own
    # share of Q1 beside the consensus, so putting it right could change its Q1 score.
    panel = "scores/carers-reference-group-panel.xlsx"
    folder = _typed(_tbc(tmp_path), panel, "Scores", "F11", "two-ish")
    result = tendereval.score(folder, sensitivity=False)
    assert _stour(result)["status"] == "disqualified"
    award = result.award
    assert award.input_errors == 1  # the score sheet's; the price error holds nothing
    assert award.input_error_files == ((panel, 1),)
    assert award.held_back


def test_an_error_at_an_officers_score_the_consensus_replaces_holds_nothing(
    tmp_path: Path,
) -> None:
    # Helen Marsh's Q1 score for Stour Valley typed as text: the panel's consensus (1) takes
    # the officers' part of Q1, whatever she meant, so a warning (scoring/quality.py,
    # replaced_by_consensus); the price error holds nothing either.
    folder = _typed(_tbc(tmp_path), "scores/helen-marsh.xlsx", "Scores", "F17", "two-ish")
    result = tendereval.score(folder, sensitivity=False)
    assert _stour(result)["status"] == "disqualified"
    assert result.award.input_errors == 0
    assert not result.award.held_back


def test_an_error_in_the_consensus_that_disqualified_it_still_holds(tmp_path: Path) -> None:
    # The panel's consensus of 1 on Q1 typed as text: it is not used (the evaluators' mean
    # gives 1.25, still below 2), and put right it could be 3, which passes. The moderation's
    # error holds the award; the price error still holds nothing.
    folder = _typed(_tbc(tmp_path), "scores/moderation.xlsx", "Moderation", "D17", "one?")
    result = tendereval.score(folder, sensitivity=False)
    assert _stour(result)["status"] == "disqualified"
    award = result.award
    assert award.input_error_files == (("scores/moderation.xlsx", 1),)
    assert award.held_back
    assert not award.summaries_ready


def test_a_disqualified_tender_without_errors_is_as_before(tmp_path: Path) -> None:
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    stour = _stour(result)
    assert stour["status"] == "disqualified"
    assert stour["reasons"] == [Q1_BELOW]
    assert stour["total"] is not None
    assert result.award.award_blockers == []


def test_an_error_in_its_organisation_sheet_holds_nothing_either(tmp_path: Path) -> None:
    # A staff headcount typed as a word names no supplier and makes no bid invalid: it held
    # the award ("putting it right could change the scores and the award") though no figure
    # of the award reads it and the tender is disqualified on Q1 whatever it is.
    folder = _typed(example_copy(tmp_path), STOUR_RETURN, "Organisation", "B11", "lots")
    result = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in result.problems if p.is_error] == ["number.not_a_number"]
    assert _stour(result)["status"] == "disqualified"
    assert result.award.input_errors == 0
    assert result.award.award_blockers == []
    assert result.award.disqualified_errors == (("CSB", STOUR, ((STOUR_RETURN, 1),)),)


def test_only_errors_of_tenders_that_cannot_win_are_out_of_the_award() -> None:
    # A supplier's one return for two lots: disqualified in lot A, invalid in lot B (where it
    # could win once put right). Only an error in lot A's tender, in its own return, is out.
    from tendereval.award.decision import errors_out_of_the_award

    results = pl.DataFrame(
        {
            "lot": ["A", "B", "A"],
            "supplier": ["Acme Care", "Acme Care", "Brook Ltd"],
            "status": ["disqualified", "invalid", "ranked"],
            "source": ["bids/acme.xlsx", "bids/acme.xlsx", "bids/brook.xlsx"],
        }
    )
    out = errors_out_of_the_award(results, Decisions())

    def error(file: str, supplier: str | None = None, lot: str | None = None) -> Problem:
        return Problem("an error", file=file, supplier=supplier, lot=lot)

    assert out(error("bids/acme.xlsx", "Acme Care", "A"))
    assert out(error("bids/acme.xlsx", "ACME CARE", "A"))  # the supplier as the loader keys it
    assert not out(error("bids/acme.xlsx", "Acme Care", "B"))
    assert not out(error("bids/acme.xlsx", "Acme Care"))  # of lot B's tender too
    assert not out(error("bids/acme.xlsx"))  # in a return lot B's tender is made from
    assert not out(error("scores/helen.xlsx", "Acme Care", "A"))  # may change its scores
    assert not out(error("scores/moderation.xlsx", "Acme Care", "A"))
    assert not out(error("bids/brook.xlsx", "Brook Ltd", "A"))
    assert not out(error("suppliers.csv"))  # in no bid return
    only_a = results.filter(pl.col("lot") == "A")
    assert errors_out_of_the_award(only_a, Decisions())(error("bids/acme.xlsx"))


def test_a_rejection_recorded_for_its_errors_still_stands(tmp_path: Path) -> None:
    # Recorded while the price error held the award back ("or until the buyer records it as
    # rejected"): it is no error now that the tender is disqualified, and it is applied.
    folder = _tbc(tmp_path)
    (folder / "decisions.toml").write_text(
        f'[[rejection]]\nsupplier = "{STOUR}"\nlot = "CSB"\n'
        'reason = "The price was not an amount"\ndecided_on = 2026-09-30\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert _stour(result)["status"] == "disqualified"
    award = result.award
    assert [p.code for p in award.problems if p.is_error] == []
    assert [r.supplier for r in award.rejected] == [STOUR]
    assert award.award_blockers == []
