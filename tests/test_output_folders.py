"""One rule for the folder an output named on the command line goes in: it must be there.
Found by a red team: `allocate -o /nonexistent/dir/x.xlsx` made the folder tree silently (so
did every command's -o and --json), so a folder name mistyped left the file where no one
would look. Now it is a usage error naming the first folder that is not there (exit 2), and
nothing is made; a folder asked for as the output itself (summaries -o DIR) is made, in a
folder that is there. The tender's own reports/ folders are made as they always were."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.errors import UsageError
from tests.example_copies import example_copy

CARERS = "examples/carers-short-breaks"


@pytest.mark.parametrize(
    ("args", "option", "named"),
    [
        (["allocate", "examples/offers/homecare-offers.csv", "-o"], "-o", "dir/x.xlsx"),
        (["score", CARERS, "-o"], "-o", "dir/x.xlsx"),
        (["score", CARERS, "--no-report", "--json"], "--json", "dir/x.json"),
        (["score", CARERS, "--no-report", "--csv"], "--csv", "dir/x.csv"),
        (["summaries", CARERS, "-o"], "-o", "dir/summaries"),
        (["publish", CARERS, "-o"], "-o", "dir/award.json"),
        (["scenarios", "examples/homecare-lot-splits/scenarios.toml", "-o"], "-o", "dir/s.xlsx"),
        (["validate", CARERS, "--json"], "--json", "dir/problems.json"),
    ],
)
def test_an_output_in_a_folder_not_there_is_a_usage_error(
    tmp_path: Path, args: list[str], option: str, named: str
) -> None:
    path = tmp_path / "typo" / named
    result = CliRunner().invoke(cli, [*args, str(path)])
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert f"{option} names '{path}', but the folder '{tmp_path / 'typo'}' does not exist" in said
    assert not (tmp_path / "typo").exists()


def test_summaries_makes_the_folder_it_is_given_in_a_folder_that_is_there(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    result = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "sent")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sent" / "weald-carers-trust-assessment-summary.xlsx").is_file()


def test_the_terminal_a_bare_name_and_a_file_in_the_way_are_not_asked_about(
    tmp_path: Path,
) -> None:
    from tendereval.outputs import in_folders_there

    # A file where the folder should be cannot be written to: said when it is written (exit 1,
    # tests/test_cli.py), as any output that cannot be written is.
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    in_folders_there({"--json": tmp_path / "notes.txt" / "x.json"})
    in_folders_there({"--json": "-", "-o": "x.xlsx", "--csv": None, "--out": tmp_path / "a.csv"})
    with pytest.raises(UsageError, match=f"the folder '{tmp_path / 'no'}' does not exist"):
        in_folders_there({"-o": tmp_path / "no" / "such" / "x.xlsx"})
    # A tender's own reports/ is made, named or not (tests/test_cli_outputs.py); beside no
    # plan, a folder called reports is a folder like any other.
    (tmp_path / "tender.toml").write_text("", encoding="utf-8")
    in_folders_there({"--json": tmp_path / "reports" / "x.json"})
    with pytest.raises(UsageError, match="does not exist"):
        in_folders_there({"--json": tmp_path / "elsewhere" / "reports" / "x.json"})
