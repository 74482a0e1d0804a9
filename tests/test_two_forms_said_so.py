"""A tender folder holds its bids in one form: bid returns and score sheets (bids/, scores/), or
the consolidated form (evaluation.xlsx, or evaluation/ of CSV tables). Red team, session 40:
``template matrix -o T/evaluation.xlsx`` into a tender of six bid returns wrote the second form
without a word; ``score`` then said "No bids were found … the tender has no bids"; an empty
evaluation/ folder made the tender unscorable the same way; and a result kept in Python still
wrote ready summaries after the folder gained evaluation.xlsx."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import tendereval
from tests.example_copies import example_copy


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> Path:
    """A blank matrix for the example tender, made outside it."""
    folder = example_copy(tmp_path_factory.mktemp("matrix"))
    path = folder.parent / "matrix.xlsx"
    tendereval.template("matrix", folder, path)
    return path


def test_the_matrix_template_is_not_saved_beside_bid_returns(tmp_path: Path) -> None:
    tender = example_copy(tmp_path)
    target = tender / "evaluation.xlsx"
    with pytest.raises(tendereval.UsageError) as refused:
        tendereval.template("matrix", tender, target)
    assert str(refused.value) == (
        f"{target} would be the consolidated form of a tender that already holds bid returns "
        "and score sheets (bids/, scores/): with both forms nothing in it can be scored. Save "
        "the matrix under another name or outside the tender folder, or move bids/ and scores/ "
        "out of it first"
    )
    assert not target.exists()
    # The documented way still works: a tender with no bid returns yet takes it.
    fresh = tmp_path / "fresh"
    shutil.copy(tender / "tender.toml", (fresh.mkdir(), fresh / "tender.toml")[1])
    assert tendereval.template("matrix", fresh, fresh / "evaluation.xlsx").path.is_file()


def test_the_command_refuses_it_as_a_usage_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tendereval.cli import cli

    tender = example_copy(tmp_path)
    args = ["template", "matrix", "--tender", str(tender), "-o", str(tender / "evaluation.xlsx")]
    ran = CliRunner().invoke(cli, args)
    assert ran.exit_code == 2
    assert "with both forms nothing in it can be scored" in ran.output
    assert not (tender / "evaluation.xlsx").exists()


def test_a_tender_in_both_forms_is_not_said_to_have_no_bids(tmp_path: Path, matrix) -> None:
    tender = example_copy(tmp_path)
    shutil.copy(matrix, tender / "evaluation.xlsx")
    with pytest.raises(tendereval.InputError) as raised:
        tendereval.score(tender, sensitivity=False)
    assert not isinstance(raised.value, tendereval.NoBids)
    assert [p.code for p in raised.value.problems if p.is_error] == ["tender.two_forms"]
    assert "no bids" not in str(raised.value)

    from click.testing import CliRunner

    from tendereval.cli import cli

    out = tmp_path / "nothing.json"
    ran = CliRunner().invoke(
        cli, ["score", str(tender), "--no-sensitivity", "--no-report", "--json", str(out)]
    )
    assert ran.exit_code == 1
    assert "The inputs cannot be used, so nothing was scored:" in ran.output
    assert "No bids were found" not in ran.output
    assert json.loads(out.read_text())["why"] == "the inputs cannot be used"


def test_an_empty_evaluation_folder_is_passed_over_with_a_warning(tmp_path: Path) -> None:
    tender = example_copy(tmp_path)
    expected = tendereval.score(tender, sensitivity=False)
    (tender / "evaluation").mkdir()
    (tender / "evaluation" / ".DS_Store").write_bytes(b"")  # hidden: still empty
    result = tendereval.score(tender, sensitivity=False)
    assert result.award.winner("CSB") == expected.award.winner("CSB") == "Weald Carers Trust"
    assert result.results.equals(expected.results)
    [empty] = [p for p in result.problems if p.code == "tender.empty_matrix_folder"]
    assert not empty.is_error
    assert empty.file == "evaluation/"
    assert "is empty, so it was not read as the consolidated form" in empty.message


def test_an_evaluation_folder_with_a_table_is_still_the_consolidated_form(tmp_path: Path) -> None:
    tender = example_copy(tmp_path)
    (tender / "evaluation").mkdir()
    (tender / "evaluation" / "prices.csv").write_text("supplier,lot,item,unit_rate,uplift\n")
    with pytest.raises(tendereval.InputError) as raised:
        tendereval.score(tender, sensitivity=False)
    assert "tender.two_forms" in [p.code for p in raised.value.problems]


@pytest.mark.parametrize("added", ["evaluation.xlsx", "evaluation/prices.csv"])
def test_a_kept_result_is_held_once_the_folder_gains_the_consolidated_form(
    tmp_path: Path, matrix, added: str
) -> None:
    tender = example_copy(tmp_path)
    result = tendereval.score(tender, sensitivity=False)
    target = tender / added
    target.parent.mkdir(exist_ok=True)
    if added.endswith(".xlsx"):
        shutil.copy(matrix, target)
    else:
        target.write_text("supplier,lot,item,unit_rate,uplift\n")
    with pytest.raises(tendereval.FolderChanged) as held:
        tendereval.summaries(result, tmp_path / "summaries")
    assert [p.file for p in held.value.problems] == [added]
    assert "new since the results were scored" in held.value.problems[0].message
    published = tendereval.publish(result, tmp_path / "award.json", ocid_prefix="ocds-abc123")
    assert not published.written
    assert not (tmp_path / "award.json").exists()


def test_no_score_sheet_is_added_to_a_tender_in_the_consolidated_form(tmp_path: Path) -> None:
    """The other way round: a blank moderation workbook (or score sheet) saved in scores/ of a
    tender read from evaluation.xlsx put it in two forms just as surely."""
    tender = tmp_path / "consolidated"
    tender.mkdir()
    shutil.copy(example_copy(tmp_path) / "tender.toml", tender / "tender.toml")
    tendereval.template("matrix", tender, tender / "evaluation.xlsx")
    (tender / "scores").mkdir()
    target = tender / "scores" / "moderation.xlsx"
    with pytest.raises(tendereval.UsageError) as refused:
        tendereval.template("moderation", tender, target)
    assert str(refused.value) == (
        f"{target} would be a scores/ file of a tender in the consolidated form "
        "(evaluation.xlsx): with both forms nothing in it can be scored. Save it outside "
        "scores/, or enter it in evaluation.xlsx"
    )
    assert not target.exists()
    tendereval.template("moderation", tender, tmp_path / "moderation.xlsx")  # elsewhere: fine
