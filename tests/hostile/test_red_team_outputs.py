"""What the tool writes, attacked: text from bids reaching the terminal, the summaries and
OCDS in ways the first round of output-safety tests did not imagine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tendereval.cli import cli
from tests.io.builders import QUESTIONS, bid_workbook, score_workbook, write_plan

# Characters a terminal acts on or that change how the text around them reads: C0 controls
# (the line breaks the renderer makes itself excepted), DEL, C1 controls, the line and
# paragraph separators and the bidirectional marks, embeddings, overrides and isolates.
UNSAFE_ON_A_TERMINAL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

# Names a supplier typed into its bid return (control characters as Excel stores them, so the
# reader decodes them back): a window-title escape with a bell, a line break that would forge
# a line of tendereval's own, a line separator, a tab.
TIED = (
    "Evil_x001B_]0;pwned_x0007_ Ltd",
    "Line_x000A_FORGED: all bids valid\u2028 Ltd",
    "Tab\tCo",
)
FORGED = "FORGED: all bids valid"


def unsafe(text: str) -> list[str]:
    return sorted({match.group() for match in UNSAFE_ON_A_TERMINAL.finditer(text)})


@pytest.fixture(scope="module")
def tied_tender(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three bids with hostile names, identical in every figure: first place is tied in both
    lots, so every command has the tied names to say."""
    folder = tmp_path_factory.mktemp("tied") / "tender"
    write_plan(folder)
    for index, name in enumerate(TIED):
        bid_workbook(folder / "bids" / f"bid{index}.xlsx", name)
    rows = [
        {"supplier": name, "lot": lot, "question": q, "score": 3, "reason": "A sound answer."}
        for name in TIED
        for lot in ("L1", "L2")
        for q in QUESTIONS
    ]
    score_workbook(folder / "scores" / "ann.xlsx", rows)
    return folder


COMMANDS = {
    "validate": [],
    "score": ["--no-sensitivity", "--no-report"],
    "summaries": [],
    "publish": ["--ocid-prefix", "ocds-abc123"],
    "allocate": [],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_tied_hostile_names_never_reach_the_terminal_raw(command, tied_tender, tmp_path):
    """`summaries` listed what blocks sending (a tie names the tied suppliers) as raw text: a
    name's escape sequence retitled the window and its line break forged a line."""
    args = [command, str(tied_tender), *COMMANDS[command]]
    if command == "summaries":
        args += ["-o", str(tmp_path / "summaries")]
    if command == "publish":
        args += ["-o", str(tmp_path / "award.json")]
    outcome = CliRunner().invoke(cli, args)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.output
    assert outcome.exit_code in (0, 1), outcome.output
    assert unsafe(outcome.output) == [], outcome.output
    assert FORGED not in [line.strip() for line in outcome.output.splitlines()]
    if command in ("score", "summaries", "publish"):
        assert "tied" in outcome.output  # the tied names were really printed
