"""No line on the terminal runs to thousands of characters: a supplier's name can fill a cell
(32,767 characters) and a price cell can hold 20,000. `score` and `allocate` printed such a
name whole on one line (15,000 and 30,000 characters), pushing every other off the screen.
Lines are cut at 1,000 characters, saying how long they were; the files keep everything."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tendereval.cli import cli
from tendereval.errors import Problem
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


# A name quoted in the advice too ------------------------------------------------------------
# Red team: a consensus recorded by an evaluator with a long name printed a line of 2,067
# characters: the name in the message lost its middle, but the advice ("the question moderated
# again without <name>, …; or, if <name> took no part, …") was cut only at 1,200 characters.


def _recorded_by(evaluator: str, supplier: str = "Acme Care Ltd", **where: str) -> Problem:
    """The problem scoring gives for a consensus recorded by ``evaluator``, who declared a
    conflict with ``supplier`` (quality.conflicted_moderator_errors, as it words it)."""
    import polars as pl

    from tendereval.scoring.quality import conflicted_moderator_errors

    sheet, cell = where.get("sheet", "Moderation"), where.get("cell", "D14")
    row = {
        "_row": 0,
        "evaluator": evaluator,
        "undeclared": False,
        "declared_in": "scores/declarations.xlsx",
        "supplier": supplier,
        "lot": "L1",
        "question": "Q1",
        "source": where.get("file", "scores/moderation.xlsx"),
        "cell": f"{sheet} › {cell}",
        "score": 4.0,
        "moderator": evaluator,
    }
    (problem,) = conflicted_moderator_errors(pl.DataFrame([row]))
    return problem


def _problem_lines(problem: Problem) -> list[str]:
    from tendereval.console import format_problems

    return format_problems([problem])[1:]  # after the file's heading


def test_a_name_quoted_in_the_advice_is_cut_where_it_appears() -> None:
    name = "Bob " + "Evans " * 300  # 1,804 characters, as the red team's
    problem = _recorded_by(name)
    (line,) = _problem_lines(problem)
    assert len(problem.describe()) > 5_000 and len(line) <= LINE_SHOWN_UP_TO
    assert line.startswith("  Moderation › D14: error: the consensus score for Acme Care Ltd")
    # The name cut to its first words wherever it is quoted, saying how long it is; the
    # advice's own words all kept.
    assert line.count("Bob Evans Evans") == 4
    assert line.count("… (1,803 characters)") == 3  # the message and the advice's two
    assert "the question moderated again without Bob Evans Evans" in line
    assert ", naming who did in the Moderated by column; or, if Bob Evans" in line
    assert line.endswith("took no part, the names of those who did")
    # As str() gives it, with its file.
    assert str(problem).startswith("scores/moderation.xlsx › Moderation › D14: error: ")
    assert len(str(problem)) <= LINE_SHOWN_UP_TO
    # Reports, JSON and the library keep every character.
    # (the message, what was found and the advice twice)
    assert problem.describe().count(name) == 4 and problem.to_dict()["expected"].count(name) == 2


def test_a_name_in_the_advice_of_a_short_line_is_kept_whole() -> None:
    problem = _recorded_by("Priya Shah")
    (line,) = _problem_lines(problem)
    assert line == f"  Moderation › D14: error: {problem.describe()}"


NAMES = st.one_of(
    st.text(max_size=2_000),
    st.text(min_size=1_000, max_size=2_000),
    st.builds(
        lambda word, n: " ".join([word] * n), st.text(min_size=1, max_size=8), st.integers(1, 300)
    ),
    # Characters printed escaped, each as several (\x1b, \u202e): longer on the terminal.
    st.text(alphabet="\x1b\u202e\u200b\u0301 Ab", min_size=100, max_size=2_000),
)
PLACES = st.tuples(
    st.text(max_size=120),  # a file's name within the tender folder
    st.text(min_size=1, max_size=31),  # a sheet's name: Excel allows 31 characters
    st.sampled_from(["D14", "B4", "row 1,048,576, column score", "decision[12].award_to"]),
)


@settings(max_examples=200, deadline=None)
@given(evaluator=NAMES, supplier=NAMES, place=PLACES, found=NAMES)
# A name made only of characters printed escaped: four times as long on the terminal, in what
# was found ("4, moderated by …") too.
@example(
    evaluator="\x1b" * 2_000,
    supplier="Acme",
    place=("f.xlsx", "Scores", "D14"),
    found="\x1b" * 2_000,
)
def test_no_line_for_one_problem_runs_past_the_bound_and_its_place_is_whole(
    evaluator: str, supplier: str, place: tuple[str, str, str], found: str
) -> None:
    from tendereval.errors import LINE_ROOM_AT_LEAST, Problem, Severity
    from tendereval.terminal import printable

    file, sheet, cell = place
    recorded = _recorded_by(
        evaluator or "Ann", supplier or "Acme", file=file, sheet=sheet, cell=cell
    )
    # And one naming each text anywhere, as many problems do (what was found among them).
    anywhere = Problem(
        f"{evaluator} has already scored {supplier}, lot {supplier}, question Q1 ({found})",
        file=file,
        sheet=sheet,
        cell=cell,
        found=found,
        expected=f"{supplier}'s return and {evaluator}'s score sheet, or {found} put right",
        severity=Severity.WARNING,
        supplier=supplier,
    )
    # And one whose message and advice are the tool's own, what was found apart.
    found_alone = Problem(
        "a score the scale for Q1 does not allow",
        file=file,
        sheet=sheet,
        cell=cell,
        found=found,
        expected="0/1/2/3/4/5",
    )
    for problem in (recorded, anywhere, found_alone):
        place_shown = printable(" › ".join(part for part in (problem.sheet, problem.cell) if part))
        label = "error" if problem.is_error else "warning"
        (line,) = _problem_lines(problem)
        prefix = f"  {place_shown}: {label}: "
        assert line.startswith(prefix)
        # At most the bound; a place too long to leave the text its least room is whole, and
        # the text beside it as short as it may be.
        assert len(line) <= max(LINE_SHOWN_UP_TO, len(prefix) + LINE_ROOM_AT_LEAST)
        said = str(problem)
        where = f"{printable(problem.where)}: {label}: "
        assert said.startswith(where)
        assert len(said) <= max(LINE_SHOWN_UP_TO, len(where) + LINE_ROOM_AT_LEAST)
        # The JSON and the report keep every character.
        assert problem.to_dict()["expected"] == problem.expected
