"""No line on the terminal runs to thousands of characters: a supplier's name can fill a cell
(32,767 characters) and a price cell can hold 20,000. `score` and `allocate` printed such a
name whole on one line (15,000 and 30,000 characters), pushing every other off the screen.
Lines are cut at 1,000 characters, saying how long they were; the files keep everything."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.terminal import LINE_SHOWN_UP_TO, terminal_line
from tests.award.red_team_tenders import Bid, tender_folder

LONG = "Acme " + "Care " * 3000 + "Ltd"


@pytest.mark.parametrize(
    "command",
    [["validate"], ["score", "--no-report"], ["summaries"], ["allocate"]],
)
def test_every_command_keeps_its_lines_short(tmp_path: Path, command: list[str]) -> None:
    folder = tender_folder(
        tmp_path / "t", ["L1"], [Bid(LONG, "L1", 20), Bid("Bravo Ltd", "L1", "x" * 20_000)]
    )
    result = CliRunner().invoke(cli, [command[0], str(folder), *command[1:]])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines and max(len(line) for line in lines) <= LINE_SHOWN_UP_TO + 50
    if command[0] == "score":
        assert any(line.endswith("characters, cut here)") for line in lines)


def test_a_short_line_is_left_as_it_is_and_a_long_one_says_how_long() -> None:
    assert terminal_line("Lot L1 — Lot L1: 2 bids") == "Lot L1 — Lot L1: 2 bids"
    cut = terminal_line("x" * 5_000)
    assert cut.endswith("… (a line of 5,000 characters, cut here)")
    assert len(cut) < LINE_SHOWN_UP_TO + 50


def test_a_long_name_is_given_in_full_beneath_its_row_while_a_line_holds_it() -> None:
    from tendereval.scoring.output import _name_in_full

    name = "Kent and Medway Community Interest Home Care Partnership Ltd " * 2
    assert _name_in_full(name) == f"name in full: {name}"
    shown = _name_in_full(LONG)
    assert shown.startswith(f"name of {len(LONG):,} characters (the report's Ranking sheet")
    assert len(shown) <= LINE_SHOWN_UP_TO
