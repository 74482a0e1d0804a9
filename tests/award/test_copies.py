"""A bid return downloaded twice ("weald-carers-trust (1).xlsx", the same bytes) is one
return, read once; so is a score sheet or moderation workbook saved twice.

Before, the two files read as "two bid returns … until the buyer decides which one stands":
the award waited, and the only records on offer were a withdrawal or a rejection, as if the
supplier had sent a second tender. Now the copies are one bid return, named in a warning, and
every command reaches the decision it reaches with one file; a record naming one copy of a
return beside a revised one names that return (io/copies.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import polars as pl
from click.testing import CliRunner
from polars.testing import assert_frame_equal

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

WEALD = "Weald Carers Trust"
FIRST = "bids/weald-carers-trust.xlsx"
COPY = "bids/weald-carers-trust (1).xlsx"
REVISED = "bids/weald-carers-trust-revised.xlsx"


def _copied(tmp_path: Path, *names: str) -> Path:
    """The carers example with Weald's return also saved under each of ``names``."""
    folder = example_copy(tmp_path)
    for name in names or (COPY,):
        shutil.copy(folder / FIRST, folder / name)
    return folder


def _revised(folder: Path) -> Path:
    """``folder`` with a revised return from Weald: its sitting-hours rate 25."""
    book = openpyxl.load_workbook(folder / FIRST)
    book["Prices"]["G5"] = 25.0
    book.save(folder / REVISED)
    return folder


def _decided(folder: Path, record: str) -> Path:
    (folder / "decisions.toml").write_text(record, encoding="utf-8")
    return folder


def _withdrawn(named: str) -> str:
    return f'[[withdrawal]]\nsupplier = "{named}"\nwithdrawn_on = 2026-03-04\n'


def _score(folder: Path) -> tendereval.ScoreResult:
    return tendereval.score(folder, sensitivity=False)


def _same_decision(result: tendereval.ScoreResult, reference: tendereval.ScoreResult) -> None:
    assert_frame_equal(result.results, reference.results)
    assert_frame_equal(result.criteria, reference.criteria)
    assert result.award.winner("CSB") == reference.award.winner("CSB")
    assert result.award.held_back is None and result.award.problems == ()


def test_a_return_downloaded_twice_is_one_return_read_once(tmp_path: Path) -> None:
    result = _score(_copied(tmp_path / "copied"))
    _same_decision(result, _score(example_copy(tmp_path / "once")))
    (warning,) = result.problems
    assert (warning.code, warning.file, warning.supplier) == ("bid.copy", FIRST, WEALD)
    assert warning.message == (
        f"{COPY} is a copy of {FIRST}, byte for byte (one file downloaded twice), so the two "
        "are one bid return, read once"
    )
    assert not warning.is_error and warning.expected.startswith("nothing to do")
    # Nothing is lost: both files are on the record, with the one hash.
    bids = result.inputs.filter(pl.col("path").str.starts_with("bids/weald"))
    assert sorted(bids["path"]) == sorted([FIRST, COPY])
    assert bids["sha256"].n_unique() == 1
    assert (warning.found or "").startswith(f"SHA-256 {bids['sha256'][0][:12]}")


def test_every_command_counts_the_copies_as_one_bid(tmp_path: Path) -> None:
    folder = _copied(tmp_path)
    runner = CliRunner()
    out = runner.invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert out.exit_code == 0, out.output
    assert "5 bids (4 ranked, 1 disqualified) and the in-house comparator\n" in out.output
    assert "bid.copy" not in out.output and "is a copy of" in out.output
    assert tendereval.validate(folder).errors == []
    sent = tendereval.summaries(folder, tmp_path / "summaries")
    assert len(sent.paths) == 5 and sent.not_assessed == []  # (none for the comparator)


def test_copies_are_read_from_the_shortest_name_and_three_are_said_as_three(
    tmp_path: Path,
) -> None:
    folder = _copied(
        tmp_path, "bids/Copy of weald-carers-trust.xlsx", "bids/weald-carers-trust (2).xlsx"
    )
    (folder / FIRST).rename(folder / "bids/weald.xlsx")
    result = _score(folder)
    (warning,) = result.problems
    assert warning.file == "bids/weald.xlsx"
    assert warning.message == (
        "bids/Copy of weald-carers-trust.xlsx and bids/weald-carers-trust (2).xlsx are copies "
        "of bids/weald.xlsx, byte for byte (one file downloaded more than once), so the three "
        "are one bid return, read once"
    )
    assert result.results.filter(pl.col("supplier") == WEALD)["source"].to_list() == [
        "bids/weald.xlsx"
    ]


def test_a_copy_beside_a_revised_return_leaves_two_returns_to_choose_between(
    tmp_path: Path,
) -> None:
    result = _score(_revised(_copied(tmp_path)))
    twice = [p for p in result.problems if p.code == "bid.twice"]
    assert {p.message for p in twice} == {
        f"{WEALD} sent two bid returns ({REVISED} and {FIRST}); lot CSB is priced in both, so "
        "neither is evaluated until the buyer decides which one stands"
    }
    assert [p.code for p in result.problems if not p.is_error] == ["bid.copy"]
    assert result.award.held_back is not None


def test_withdrawing_the_return_named_withdraws_its_copy_too(tmp_path: Path) -> None:
    """An officer told "sent two bid returns (weald-carers-trust.xlsx and …-revised.xlsx)"
    withdraws the first by its file: its copy must not then stand in its place. Named by
    either file, the revised return stands, exactly as with neither copy in bids/."""
    reference = _score(_decided(_revised(example_copy(tmp_path / "ref")), _withdrawn(FIRST)))
    for place, named in enumerate((FIRST, COPY)):
        folder = _decided(_revised(_copied(tmp_path / str(place))), _withdrawn(named))
        result = _score(folder)
        assert [p.code for p in result.problems] == ["bid.copy"], result.problems
        standing = result.results.filter(pl.col("source") != named)
        assert_frame_equal(standing, reference.results.filter(pl.col("source") != FIRST))
        (old,) = result.results.filter(pl.col("source") == named).iter_rows(named=True)
        assert old["status"] == "withdrawn"
        assert result.award.winner("CSB") == WEALD and result.award.held_back is None


def test_a_record_made_only_to_set_a_copy_aside_still_does_only_that(tmp_path: Path) -> None:
    """Before copies were read as one, the way on was a record naming the copy. Read as
    naming the return, it would now withdraw (or reject) Weald's tender, a decision nobody
    took: it sets the copy aside beside its twin, as it did, and says no record is needed."""
    reference = _score(example_copy(tmp_path / "once"))
    for place, record in enumerate(
        (
            _withdrawn(COPY),
            f'[[rejection]]\nsupplier = "{COPY}"\ndecided_on = 2026-03-05\n'
            'reason = "a second download of the same file"\n',
        )
    ):
        result = _score(_decided(_copied(tmp_path / str(place)), record))
        standing = result.results.filter(pl.col("source") != COPY)
        assert_frame_equal(standing, reference.results)
        assert result.award.winner("CSB") == WEALD and result.award.held_back is None
        (warning,) = result.problems
        assert warning.code == "decisions.names_a_copy" and not warning.is_error
        assert warning.file == "decisions.toml" and warning.found == COPY
        assert warning.message == (
            f"{COPY} is a copy of {FIRST}, byte for byte, and the only bid return of {WEALD} "
            f"for its lots, so this record sets only the copy aside and {FIRST} stands as the "
            "supplier's tender"
        )


def test_a_clarification_naming_the_copy_answers_the_warning_in_the_file_read(
    tmp_path: Path,
) -> None:
    folder = _copied(tmp_path)
    book = openpyxl.load_workbook(folder / FIRST)
    book["Prices"]["G5"].number_format = "0"  # a rate its format rounds: a warning
    book["Prices"]["G5"] = 24.63
    book.save(folder / FIRST)
    shutil.copy(folder / FIRST, folder / COPY)
    _decided(
        folder,
        f'[[clarification]]\nsupplier = "{COPY}"\ncell = "Prices › G5"\n'
        'answered_on = 2026-03-03\nanswer = "The rate is £24.63 an hour"\n',
    )
    result = _score(folder)
    (answered,) = [p for p in result.problems if p.file == FIRST and p.cell == "G5"]
    assert answered.message.endswith(
        "the supplier was asked about it (answered on 2026-03-03): The rate is £24.63 an hour "
        "(decisions.toml › clarification[0])"
    )
    assert not [p for p in result.problems if p.code.startswith("decisions.")]


def test_a_score_sheet_or_moderation_workbook_saved_twice_is_read_once(tmp_path: Path) -> None:
    """Read twice, the panel's sheet "already scored" every row: 12 errors holding the award
    back, each telling the officer to delete a row of a sheet that had nothing wrong in it."""
    reference = _score(example_copy(tmp_path / "once"))
    for name in ("carers-reference-group-panel", "moderation"):
        folder = example_copy(tmp_path / name)
        shutil.copy(folder / f"scores/{name}.xlsx", folder / f"scores/{name} (1).xlsx")
        result = _score(folder)
        _same_decision(result, reference)
        (warning,) = result.problems
        what = (
            "moderation workbook"
            if name == "moderation"
            else "score sheet (Carers' Reference Group panel's)"
        )
        assert (warning.code, warning.file, warning.is_error) == (
            "scores.copy",
            f"scores/{name}.xlsx",
            False,
        )
        assert warning.message == (
            f"scores/{name} (1).xlsx is a copy of scores/{name}.xlsx, byte for byte (one file "
            f"saved twice), so the two are one {what}, read once"
        )
        assert f"scores/{name} (1).xlsx" in result.inputs["path"].to_list()
        # A copy from another evaluator is their colleague's sheet, not theirs: said so.
        assert ("ask them for theirs" in warning.expected) == (name != "moderation")
        out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
        assert out.exit_code == 0, out.output


def test_an_unnamed_score_sheet_saved_twice_is_not_a_second_evaluator(tmp_path: Path) -> None:
    """With no name on its Declaration, a sheet is its file's: the copy would be a second
    evaluator, one judgement counted twice in every mean."""
    reference = example_copy(tmp_path / "once")
    folder = example_copy(tmp_path / "twice")
    for tender in (reference, folder):
        book = openpyxl.load_workbook(tender / "scores/tom-okafor.xlsx")
        book["Declaration"]["B4"] = None
        book.save(tender / "scores/tom-okafor.xlsx")
    shutil.copy(folder / "scores/tom-okafor.xlsx", folder / "scores/tom-okafor (1).xlsx")
    once, twice = _score(reference), _score(folder)
    assert_frame_equal(twice.results, once.results)
    assert sorted(p.code for p in twice.problems) == sorted(
        [*(p.code for p in once.problems), "scores.copy"]
    )


def test_an_xlsx_is_read_before_a_copy_under_another_suffix(tmp_path: Path) -> None:
    """A shorter name under .xlsm is still the copy: the .xlsx is what the supplier sent."""
    result = _score(_copied(tmp_path, "bids/w.xlsm"))
    (warning,) = result.problems
    assert warning.file == FIRST
    assert warning.message.startswith(f"bids/w.xlsm is a copy of {FIRST}")


def test_two_evaluators_sending_back_the_blank_sheet_are_not_one_copy(tmp_path: Path) -> None:
    """A score sheet naming no evaluator and scoring nothing is the blank template, the same
    bytes whoever sends it back: not one sheet saved twice."""
    folder = example_copy(tmp_path)
    tendereval.template("score-sheet", folder, folder / "scores/blank-a.xlsx")
    shutil.copy(folder / "scores/blank-a.xlsx", folder / "scores/blank-b.xlsx")
    problems = tendereval.validate(folder).problems
    assert not [p for p in problems if p.code == "scores.copy"]
    assert {"scores/blank-a.xlsx", "scores/blank-b.xlsx"} <= {p.file for p in problems}


def test_a_revised_moderation_workbook_beside_the_first_says_which_to_keep(
    tmp_path: Path,
) -> None:
    """Not a copy (its bytes differ): each consensus score is "a second" one, and the error
    says to keep only the workbook that stands (it said only "one consensus score each")."""
    from tests.example_copies import sent_again

    folder = example_copy(tmp_path)
    sent_again(folder / "scores/moderation.xlsx", folder / "scores/moderation-final.xlsx")
    twice = [p for p in tendereval.validate(folder).problems if p.code == "moderation.duplicate"]
    assert len(twice) == 5
    assert all("keep only the one that stands in scores/" in p.expected for p in twice)
