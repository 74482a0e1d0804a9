"""A consensus recorded by an evaluator who declared a conflict of interest with the supplier
holds the award under ``conflicted_scores = "exclude"``, in every command.

Found by the red team: in the carers example Priya Shah declares a conflict with Brightwater
Care Services Ltd, and chairs ("Moderated by: Priya Shah (chair)") a Q1 consensus of 5 for it
where the two evaluators who counted gave 4 and 4. Her own scores were set aside, but her
consensus decided the contract: Brightwater went from second to first, and ``score``,
``summaries`` and ``publish`` all went ahead with only a warning flag. The plan sets her view of
the bid aside, so her consensus is not used, and an error at its cell holds the award.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.validation import validate_folder
from tests.example_copies import example_copy

WEALD, BRIGHTWATER = "Weald Carers Trust", "Brightwater Care Services Ltd"
HELD = (
    "not to be made yet: the inputs have 2 errors not yet put right (putting them right could "
    "change the award)"
)


def _chaired_by_the_conflicted(
    tmp_path: Path, rule: str | None = None, moderator: str = "Priya Shah (chair)"
) -> Path:
    """The carers example with Priya Shah's conflict with Brightwater declared and a Q1
    consensus of 5 for it that she chaired. Every consensus in the example is "Priya Shah
    (chair)"'s, so Brightwater's Q2 consensus (4) is hers too."""
    folder = example_copy(tmp_path)
    sheet = folder / "scores" / "priya-shah.xlsx"
    book = openpyxl.load_workbook(sheet)
    book["Declaration"]["B8"], book["Declaration"]["B9"] = "declared", BRIGHTWATER
    book.save(sheet)
    sheet = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(sheet)
    ws = book["Moderation"]
    assert (ws["A13"].value, ws["C13"].value, ws["D13"].value) == (BRIGHTWATER, "Q1", None)
    ws["D13"], ws["E13"] = 5, "Agreed 5: an excellent booking model."
    ws["F13"] = moderator
    book.save(sheet)
    if rule is not None:
        plan = folder / "tender.toml"
        text = plan.read_text(encoding="utf-8")
        assert 'conflicted_scores = "exclude"' in text
        plan.write_text(text.replace('conflicted_scores = "exclude"', rule), encoding="utf-8")
    return folder


def _points(result, question: str) -> tuple[float, str]:
    row = result.criteria.filter(supplier=BRIGHTWATER, criterion=question).row(0, named=True)
    return row["raw_score"], row["basis"]


def test_her_consensus_is_not_used_and_an_error_at_its_cell_holds_the_award(
    tmp_path: Path,
) -> None:
    result = tendereval.score(_chaired_by_the_conflicted(tmp_path), sensitivity=False)
    # Q1: the officers' 4 and 4 (hers set aside) at 75%, the carers' panel's 3 at 25%:
    # 0.75 × 4 + 0.25 × 3 = 3.75, not 0.75 × 5 + 0.25 × 3 = 4.5 with her consensus.
    assert _points(result, "Q1") == (3.75, "mean + group share")
    # Q2: Helen Marsh's 4 and Tom Okafor's 3 (hers set aside): 3.5, 3.5 / 5 × 14 = 9.8 points.
    assert _points(result, "Q2") == (3.5, "mean")
    assert result.results.get_column("supplier").to_list()[:2] == [WEALD, BRIGHTWATER]
    errors = [p for p in result.problems if p.code == "moderation.conflicted_moderator"]
    assert [(p.where, p.found) for p in errors] == [
        ("scores/moderation.xlsx › Moderation › D13", "5, moderated by Priya Shah (chair)"),
        ("scores/moderation.xlsx › Moderation › D14", "4, moderated by Priya Shah (chair)"),
    ]
    assert errors[0].message.startswith(
        f"the consensus score for {BRIGHTWATER}, lot CSB, Q1 was recorded by an evaluator who "
        f"declared a conflict of interest with that supplier, Priya Shah "
        "(scores/priya-shah.xlsx)"
    )
    assert errors[0].expected.startswith("the question moderated again without Priya Shah")
    assert result.award.held_back == HELD
    assert not result.award.summaries_ready
    # The errors name Brightwater, whose tender stays ranked: no bid is said to be invalid,
    # and no rejection is offered as the way out (it had been, as for a bid's own errors).
    assert result.award.invalidating_errors == 0
    assert result.award.blockers == [
        "The inputs have 2 errors in scores/moderation.xlsx: no bid is invalid for them, but "
        "putting them right could change the scores and the award; put them right and score "
        "the folder again."
    ]
    # The moderation listing shows no consensus for the questions it recorded.
    moderation = result.moderation.filter(supplier=BRIGHTWATER)
    assert moderation.filter(pl.col("consensus").is_not_null()).is_empty()


def test_every_command_reads_the_one_decision(tmp_path: Path) -> None:
    folder = _chaired_by_the_conflicted(tmp_path)
    runner = CliRunner()
    run = runner.invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert run.exit_code == 1
    assert f"  ! The award is {HELD}." in run.output.splitlines()
    assert "Moderation › D13: error: the consensus score for" in run.output
    run = runner.invoke(cli, ["summaries", str(folder)])
    assert run.exit_code == 1 and "NOT TO BE SENT YET" in run.output
    run = runner.invoke(cli, ["publish", str(folder), "--ocid-prefix", "ocds-abc123"])
    assert run.exit_code == 1 and "Nothing was written" in run.output
    checked = validate_folder(folder)
    assert [p.where for p in checked.errors] == [
        "scores/moderation.xlsx › Moderation › D13",
        "scores/moderation.xlsx › Moderation › D14",
    ]


def test_under_flag_her_consensus_is_used_with_a_warning(tmp_path: Path) -> None:
    """With conflicted_scores = "flag" her own scores count too, and so does her consensus:
    the bid is flagged, as before."""
    folder = _chaired_by_the_conflicted(tmp_path, 'conflicted_scores = "flag"')
    result = tendereval.score(folder, sensitivity=False)
    assert _points(result, "Q1") == (4.5, "consensus + group share")  # 0.75 × 5 + 0.25 × 3
    assert result.results.get_column("supplier").to_list()[0] == BRIGHTWATER
    flags = result.flags.filter(code="moderation.conflicted_moderator")
    assert flags.get_column("severity").to_list() == ["warning", "warning"]
    assert not [p for p in result.problems if p.code == "moderation.conflicted_moderator"]
    assert result.award.held_back is None
    assert not validate_folder(folder).errors


@pytest.mark.parametrize(
    ("moderator", "named"),
    [
        ("Shah, Priya (chair)", True),  # surname first, as Outlook and HR lists write it
        ("SHAH PRIYA", True),
        ("Priya Shahid", False),  # whole words only
        ("P. Shah", False),  # not every word of her name
    ],
)
def test_her_name_written_surname_first_is_hers(tmp_path: Path, moderator: str, named: bool):
    """Found by a red team: 'Shah, Priya (chair)' passed without a word, her consensus of 5
    was used and Brightwater won; every command exited 0."""
    folder = _chaired_by_the_conflicted(tmp_path, moderator=moderator)
    result = tendereval.score(folder, sensitivity=False)
    cells = [p.where for p in result.problems if p.code == "moderation.conflicted_moderator"]
    assert ("scores/moderation.xlsx › Moderation › D13" in cells) is named
    if named:
        assert _points(result, "Q1") == (3.75, "mean + group share")
        assert result.award.held_back == HELD


@pytest.mark.parametrize(
    ("moderator", "message"),
    [
        (
            "P. Shah",
            "the consensus score for Q1 was recorded by “P. Shah”, which may be Priya Shah, who "
            "declared a conflict of interest with this supplier: name who moderated in full in "
            "the Moderated by column",
        ),
        (
            None,
            "the consensus score for Q1 names nobody in its Moderated by column: whether an "
            "evaluator with a conflict of interest took part cannot be checked; name who "
            "moderated",
        ),
    ],
)
def test_a_consensus_that_may_be_the_conflicted_evaluators_is_flagged(
    tmp_path: Path, moderator: str | None, message: str
) -> None:
    """Found by a red team (session 28): "Moderated by" naming the conflicted evaluator in part
    ("P. Shah" for Priya Shah) or naming nobody passed without a word, so the check that she
    did not record the consensus could not be made and nobody was told. The consensus is used
    (nothing shows she recorded it), with a warning at its cell."""
    folder = _chaired_by_the_conflicted(tmp_path, moderator=moderator)
    result = tendereval.score(folder, sensitivity=False)
    assert _points(result, "Q1") == (4.5, "consensus + group share")  # 0.75 × 5 + 0.25 × 3
    flags = result.flags.filter(code="moderation.moderator_unclear")
    assert flags.select("supplier", "severity", "where", "message").rows() == [
        (BRIGHTWATER, "warning", "scores/moderation.xlsx › Moderation › D13", message)
    ]
    # Brightwater's Q2 consensus is still Priya Shah's own: that one holds the award as before.
    cells = [p.where for p in result.problems if p.code == "moderation.conflicted_moderator"]
    assert cells == ["scores/moderation.xlsx › Moderation › D14"]


def test_a_moderator_who_is_no_conflicted_evaluator_is_not_flagged(tmp_path: Path) -> None:
    """A procurement officer chairing ("The panel", "Mo Jones, procurement"), or the example's
    own "Priya Shah (chair)" where she has no conflict: nothing suggests a conflicted evaluator,
    so no warning (a flag on every consensus of every tender would hide the real ones)."""
    folder = _chaired_by_the_conflicted(tmp_path, moderator="Mo Jones, procurement")
    result = tendereval.score(folder, sensitivity=False)
    assert result.flags.filter(code="moderation.moderator_unclear").is_empty()
    example = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
    plain = tendereval.score(example, sensitivity=False)
    assert plain.flags.filter(pl.col("code").str.starts_with("moderation.")).is_empty()


@pytest.mark.parametrize(
    ("moderator", "flagged"),
    [
        ("Priya Jones (procurement lead)", False),  # named in full: another surname
        ("Priya Jones", False),
        ("Dr Priya Jones", False),
        ("Priya (chair)", True),  # her first name alone
        ("Priya, procurement lead", True),
        ("Panel (Priya, Tom)", True),
        ("Shah", True),
    ],
)
def test_a_chair_named_in_full_who_shares_her_first_name_is_not_flagged(
    tmp_path: Path, moderator: str, flagged: bool
) -> None:
    """Found by a red team (falsealarm): a chair named "Tom Harris (procurement lead)" was
    flagged "may be Tom Okafor … name who moderated in full", for sharing a first name with an
    evaluator who declared a conflict: he was named in full. A name given with another surname
    is someone else's; one that gives only words of hers may be hers."""
    folder = _chaired_by_the_conflicted(tmp_path, moderator=moderator)
    result = tendereval.score(folder, sensitivity=False)
    flags = result.flags.filter(code="moderation.moderator_unclear")
    assert flags.get_column("where").to_list() == (
        ["scores/moderation.xlsx › Moderation › D13"] if flagged else []
    )
