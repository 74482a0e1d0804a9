"""A command's --help cannot know the tender's regime: where it names the documents telling
each bidder the outcome, it gives both names. Found by a red team: under PCR 2015 (where
they are the award decision notices, reg 86) `score --help` and `publish --help` spoke only
of "assessment summaries", the Procurement Act's word. The files keep their names
(docs/report.md says why)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tendereval.cli import COMMANDS, cli


@pytest.mark.parametrize("command", list(COMMANDS))
def test_help_naming_assessment_summaries_names_award_decision_notices(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split()).lower()
    if "assessment summar" in text:
        assert "award decision notice" in text


def test_the_list_of_commands_names_both() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=200)
    text = " ".join(result.output.split()).lower()
    assert "assessment summary (pcr 2015: award decision notice)" in text
