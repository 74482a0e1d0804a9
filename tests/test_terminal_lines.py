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


def _long_names_folder(folder: Path) -> Path:
    """A tender whose problems name a supplier of 5,000 characters in their message: a score
    given twice for it, and a score from an evaluator with such a name and no declaration."""
    name = "Acme " + "x" * 5_000 + " Ltd"
    folder = tender_folder(folder, ["L1"], [Bid(name, "L1", 20), Bid("Bravo Ltd", "L1", 21)])
    with (folder / "evaluation" / "scores.csv").open("a", encoding="utf-8") as scores:
        scores.write(f'Ann Evans,"{name}",L1,Q1,4,a second score\n')
        scores.write(f'"Bob {name}",Bravo Ltd,L1,Q1,4,a reason\n')
    return folder


@pytest.mark.parametrize("command", [["validate"], ["score", "--no-report"]])
def test_a_problem_naming_a_long_name_keeps_its_line_short(
    tmp_path: Path, command: list[str]
) -> None:
    """Red team: 'Ann Evans has already scored Acme xxx… Ltd' printed the name whole, a line of
    5,375 characters (only what was found was cut): the message named it. The name is cut
    in the message as what was found is, the advice after it whole."""
    folder = _long_names_folder(tmp_path / "t")
    result = CliRunner().invoke(cli, [command[0], str(folder), *command[1:]])
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= LINE_SHOWN_UP_TO + 50
    (twice,) = {line for line in lines if "has already scored" in line}
    assert twice.startswith("  row 4, column score: error: Ann Evans has already scored Acme x")
    assert "characters not shown) …xxx" in twice
    assert "xxx Ltd, lot L1, question Q1 (found a second score" in twice
    assert twice.endswith(
        "expected one score per evaluator, supplier, lot and question: delete the repeated "
        "row, or, of a score sheet the evaluator sent twice, keep only the one that stands"
    )


def test_a_message_is_cut_in_what_a_file_gave_and_kept_whole_elsewhere() -> None:
    from tendereval.console import format_problems
    from tendereval.errors import Problem

    name = "Acme " + "Care " * 1_000 + "Ltd"
    advice = "the evaluator's name, the date and 'none' or 'declared'"
    named = Problem(
        f"{name}: the yearly uplift is unknown, so the bid has no evaluated price",
        supplier=name,
        found="null",
        expected=advice,
    )
    (line,) = format_problems([named])[1:]
    assert "Care… (5,008 characters): the yearly uplift is unknown" in line
    assert line.endswith(f"(found null); expected {advice}")
    # A name the problem does not name as its supplier (an evaluator's): the message keeps
    # its first and last words, and the advice.
    unnamed = Problem(f"no declaration for Bob {name} (found nothing)", expected=advice)
    (line,) = format_problems([unnamed])[1:]
    assert len(line) <= LINE_SHOWN_UP_TO
    assert line.startswith("  error: no declaration for Bob Acme Care")
    assert "characters not shown) …" in line and line.endswith(
        f"Ltd (found nothing); expected {advice}"
    )
    # Reports, JSON and the library keep every character.
    assert name in named.describe() and name in unnamed.describe()
