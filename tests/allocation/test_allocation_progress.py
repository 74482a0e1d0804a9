"""Progress while allocating: the library tells a callback each step with its time and never
prints; the command shows the steps on a terminal once the work has run a moment, and nothing
when its output goes to a pipe, a log or a test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import tendereval.commands.options as options
from tendereval.allocation import Policy, allocate
from tendereval.cli import cli
from tests.allocation.allocation_helpers import offers

OFFERS = str(Path(__file__).resolve().parents[2] / "examples" / "offers" / "homecare-offers.csv")

ROWS = [
    ("X1", "Acme", ["A"], 100.0, 70.0, False, False, None),
    ("X2", "Acme", ["B"], 100.0, 60.0, False, False, None),
    ("X3", "Acme", ["A", "B"], 190.0, 135.0, False, False, None),
    ("Y1", "Beta", ["A"], 90.0, 65.0, True, False, None),
    ("Y2", "Beta", ["B"], 95.0, 55.0, True, False, None),
]


def test_the_library_reports_each_step_to_the_callback_and_prints_nothing(capsys):
    lines: list[str] = []
    policy = Policy(max_lots_per_supplier=1)
    result = allocate(offers(ROWS), policy, solver="cbc", progress=lines.append)
    assert result.status == "optimal"
    assert capsys.readouterr() == ("", "")
    assert lines[:2] == ["Checking 5 offers…", "Setting aside offers that cannot win…"]
    assert lines[2].startswith("  ") and "offers left for the solver, in " in lines[2]
    # Two levels (score, cost) for each answer, then offer order, each with its outcome and
    # time. (No other allocation is as good: X1 + Y2 scores 125 for £195, Y1 + X2 125 for £190.)
    for answer in ("Under the policy", "Unconstrained"):
        for number, name in enumerate(["total score", "total cost"], start=1):
            heading = f"{answer}: level {number} of 2, {name}…"
            assert heading in lines
            outcome = lines[lines.index(heading) + 1]
            assert outcome.startswith("  optimal in ") and outcome.endswith(" s")
        heading = f"{answer}: tie-break by offer order…"
        outcome = lines[lines.index(heading) + 1]
        assert outcome.startswith("  none found in ") and outcome.endswith(" s")
    # Without a participation rule there is one answer, and no label.
    plain: list[str] = []
    allocate(offers(ROWS), Policy(), solver="cbc", progress=plain.append)
    assert "Level 1 of 2, total score…" in plain
    assert not any(line.startswith("Unconstrained") for line in plain)


def test_the_steps_show_on_a_terminal(monkeypatch):
    monkeypatch.setattr(options, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(options, "STEPS_AFTER", 0.0)  # as if the work had run a while
    result = CliRunner().invoke(cli, ["allocate", OFFERS, "--max-lots-per-supplier", "4"])
    assert result.exit_code == 0, result.output
    assert "Checking 84 offers…" in result.stderr
    assert "Under the policy: level 1 of 2, total score…" in result.stderr
    assert "Unconstrained: tie-break by offer order…" in result.stderr
    assert "level 1 of" not in result.stdout  # the results stay clean


def test_a_quick_run_shows_no_steps_even_on_a_terminal(monkeypatch):
    monkeypatch.setattr(options, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(options, "STEPS_AFTER", 600.0)
    result = CliRunner().invoke(cli, ["allocate", OFFERS])
    assert result.exit_code == 0, result.output
    assert "level 1 of" not in result.output and "Checking" not in result.output


def test_lines_held_back_are_shown_when_the_work_runs_long(monkeypatch):
    monkeypatch.setattr(options, "stderr_is_terminal", lambda: True)
    shown: list[str] = []
    monkeypatch.setattr(click, "echo", lambda text, err=False: shown.append(text))
    with options.StepLines() as steps:
        steps("Checking 4,107 offers…")
        assert shown == []  # held back for now
        steps.show()  # what the timer does after STEPS_AFTER seconds
        steps("Setting aside offers that cannot win…")
    steps("after the work: never shown")
    assert shown == ["Checking 4,107 offers…", "Setting aside offers that cannot win…"]


def test_no_steps_when_output_is_piped():
    # A real process, stderr a pipe: not a terminal, so no step is shown, however long.
    done = subprocess.run(
        [sys.executable, "-m", "tendereval", "allocate", OFFERS, "--max-lots-per-supplier", "4"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    assert "level 1 of" not in done.stderr and "Checking" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_a_pseudo_terminal_is_recognised_and_a_pipe_is_not(monkeypatch):
    main_end, terminal = os.openpty()
    read_end, pipe = os.pipe()
    try:
        for fd, expected in ((terminal, True), (pipe, False)):
            with open(fd, "w", closefd=False) as stream:
                monkeypatch.setattr(sys, "stderr", stream)
                assert options.stderr_is_terminal() is expected
    finally:
        for fd in (main_end, terminal, read_end, pipe):
            os.close(fd)
