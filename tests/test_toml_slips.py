"""The slips an officer makes editing a TOML file by hand: curly quotes from a word processor
or an email, a date with slashes, text without quotes. The error gave only the parser's words
("Invalid value (at line 2, column 12)"); now it shows the line and says what was likely
meant, in the plan and the buyer's record alike."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tests.example_copies import EXAMPLES, example_copy


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("supplier = \u201cWeald Carers Trust\u201d", 'straight quotes (") around text'),
        ("supplier = \u2018Weald Carers Trust\u2019", 'straight quotes (") around text'),
        ("withdrawn_on = 04/03/2026", "dates written as 2026-03-04"),
        ("withdrawn_on = 2026-3-4", "dates written as 2026-03-04"),
        ("withdrawn_on = 4th March 2026", "dates written as 2026-03-04"),
        ("withdrawn_on = 2026-03-04 10:00", "dates written as 2026-03-04"),
        ("supplier = Weald Carers Trust", 'text in double quotes (supplier = "Weald'),
    ],
)
def test_a_slip_in_the_buyers_record_is_shown_with_what_was_meant(
    tmp_path: Path, line: str, meant: str
) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(f"[[withdrawal]]\n{line}\n", encoding="utf-8")
    (problem,) = [p for p in tendereval.validate(folder).problems if p.file == "decisions.toml"]
    assert problem.code == "decisions.syntax"
    assert "(at line 2, column " in problem.found
    assert problem.found.endswith(f": {line}")
    assert problem.expected.startswith(meant)


def test_a_slip_in_the_plan_is_shown_too_and_others_as_before(tmp_path: Path) -> None:
    plan = (EXAMPLES / "carers-short-breaks" / "tender.toml").read_text(encoding="utf-8")
    (tmp_path / "tender.toml").write_text(plan + "\nnotes = \u201cdraft\u201d\n", "utf-8")
    (problem,) = tendereval.load_plan(tmp_path / "tender.toml")[1]
    assert problem.expected.startswith('straight quotes (") around text')
    (tmp_path / "tender.toml").write_text(plan + '\nnotes = "draft" x\n', "utf-8")
    (problem,) = tendereval.load_plan(tmp_path / "tender.toml")[1]
    assert problem.found.endswith(': notes = "draft" x')
    assert problem.expected.startswith("key = value lines as in")
