"""The warnings the buyer asked a supplier about, with the answer: ``[[clarification]]`` in
decisions.toml.

Before, a warning such as "the cell shows £22 but holds 21.5 … ask the supplier which is meant"
(docs/inputs.md says "ask the supplier … and record the answer" of eight kinds of warning) had
nowhere to be recorded: the tender's record kept the question and never the answer, and
decisions.toml refused a [[clarification]] as a key it did not know.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import tendereval
from tendereval.award import Decisions, RecordedClarification
from tendereval.award.clarified import clarified
from tendereval.award.decisions_text import decisions_toml
from tendereval.award.recorded import load_decisions
from tendereval.cli import cli
from tendereval.errors import Problem, Severity
from tests.cpu_time import cpu_seconds
from tests.example_copies import example_copy

MERIDIAN = "Meridian Care Group plc"
FILE = "bids/meridian-care-group-plc.xlsx"
ANSWER = "The rate is £21.50 an hour, as the cell holds"
SAID = (
    "the supplier was asked about it (asked on 2026-03-02, answered on 2026-03-03): "
    f"{ANSWER} (decisions.toml › clarification[0])"
)


def _rounded(tmp_path: Path) -> Path:
    """The carers example, Meridian's sitting-hours rate 21.5 in a cell showing whole
    pounds: a warning to ask the supplier which rate is meant."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / FILE)
    book["Prices"]["G5"].value = 21.5
    book["Prices"]["G5"].number_format = '"£"#,##0'
    book.save(folder / FILE)
    return folder


def _clarified(folder: Path, supplier: str = MERIDIAN, cell: str = "Prices › G5") -> Path:
    (folder / "decisions.toml").write_text(
        f'[[clarification]]\nsupplier = "{supplier}"\n'
        + (f'cell = "{cell}"\n' if cell else "")
        + f'asked_on = 2026-03-02\nanswered_on = 2026-03-03\nanswer = "{ANSWER}"\n'
        'recorded_by = "Procurement Officer"\n',
        encoding="utf-8",
    )
    return folder


def _warnings(problems) -> list:
    return [p for p in problems if not p.is_error]


def test_the_warning_says_what_was_asked_and_answered_and_nothing_else_changes(
    tmp_path: Path,
) -> None:
    before = tendereval.score(_rounded(tmp_path / "before"), sensitivity=False)
    result = tendereval.score(_clarified(_rounded(tmp_path / "after")), sensitivity=False)
    (warned,) = [p for p in _warnings(before.problems) if p.file == FILE]
    (answered,) = [p for p in _warnings(result.problems) if p.file == FILE]
    assert answered == dataclasses.replace(warned, message=f"{warned.message}; {SAID}")
    # Only what it says: the same scores, the same award, nothing held back.
    assert_frame_equal(result.results, before.results)
    assert result.award.to_dict()["lots"] == before.award.to_dict()["lots"]
    assert result.award.problems == () and result.award.held_back is None
    (record,) = result.decisions.clarifications
    assert (record.supplier, record.cell, record.answered_on) == (
        MERIDIAN,
        "Prices › G5",
        "2026-03-03",
    )


def test_validate_score_the_report_and_the_json_each_say_it(tmp_path: Path) -> None:
    folder = _clarified(_rounded(tmp_path))
    runner = CliRunner()
    checked = runner.invoke(cli, ["validate", str(folder)], terminal_width=400)
    assert SAID in checked.output
    scored = runner.invoke(
        cli,
        ["score", str(folder), "--json", str(tmp_path / "r.json"), "-o", str(tmp_path / "r.xlsx")],
        terminal_width=400,
    )
    assert scored.exit_code == 0, scored.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert any(SAID in p["message"] for p in data["problems"])
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = [str(v) for row in book["Flags"].iter_rows(values_only=True) for v in row if v]
    assert any(SAID in value for value in cells)  # beside the warning
    audit = [r for r in book["Audit"].iter_rows(values_only=True) if ANSWER in r]
    assert len(audit) == 1 and FILE not in audit[0] and MERIDIAN in audit[0]


@pytest.mark.parametrize(
    ("supplier", "cell"),
    [
        (MERIDIAN, "Prices!G5"),
        (MERIDIAN, "'Prices'!$G$5"),
        (MERIDIAN, "prices > g5"),
        (MERIDIAN, "G5"),
        (MERIDIAN, "Prices › G05"),
        ("MERIDIAN CARE GROUP PLC", "Prices › G5"),
        (FILE, "Prices › G5"),
        ("meridian-care-group-plc.xlsx", "Prices › G5"),
    ],
)
def test_the_supplier_and_cell_are_named_as_an_officer_copies_them(
    tmp_path: Path, supplier: str, cell: str
) -> None:
    problems = tendereval.validate(_clarified(_rounded(tmp_path), supplier, cell)).problems
    assert [p.message.endswith(SAID) for p in _warnings(problems)] == [True]


def test_a_clarification_naming_no_warning_says_so_and_holds_nothing_back(
    tmp_path: Path,
) -> None:
    folder = _clarified(_rounded(tmp_path), cell="Prices › G6")
    result = tendereval.score(folder, sensitivity=False)
    said = [p for p in result.problems if p.file == "decisions.toml"]
    assert [(p.code, p.cell, p.severity) for p in said] == [
        ("decisions.clarification_unknown", "clarification[0].cell", "warning")
    ]
    assert said[0].message == (
        f"the clarification names no warning in {MERIDIAN}'s bid at Prices › G6, so it is not "
        "shown beside any"
    )
    assert not any(SAID in p.message for p in result.problems)
    assert result.award.held_back is None
    nobody = tendereval.validate(_clarified(_rounded(tmp_path / "n"), "Meridian Care")).problems
    (wrong,) = [p for p in nobody if p.file == "decisions.toml"]
    assert (wrong.code, wrong.cell) == (
        "decisions.clarification_unknown",
        "clarification[0].supplier",
    )
    no_file = tendereval.validate(_clarified(_rounded(tmp_path / "f"), "bids/meridian-v2.xlsx"))
    (wrong,) = [p for p in no_file.problems if p.file == "decisions.toml"]
    assert wrong.message == (
        "the clarification names bids/meridian-v2.xlsx, which is no bid return in this "
        "evaluation, so it is not shown beside any warning"
    )


def test_a_clarification_of_an_error_puts_nothing_right(tmp_path: Path) -> None:
    """An error makes the tender invalid: it is put right, or the tender rejected. Shown as
    clarified, it would read as settled while the award still waits on it."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / FILE)
    book["Prices"]["G5"] = "TBC"
    book.save(folder / FILE)
    result = tendereval.score(_clarified(folder), sensitivity=False)
    (error,) = [p for p in result.problems if p.is_error]
    assert SAID not in error.message
    (said,) = [p for p in result.problems if p.file == "decisions.toml"]
    assert (said.code, said.severity) == ("decisions.clarification_error", "warning")
    assert said.message.startswith("the clarification answers an error (bids/meridian-care")
    assert result.award.not_put_right == (("CSB", MERIDIAN),)


def test_a_clarification_without_its_answer_or_date_is_an_error_at_its_key(
    tmp_path: Path,
) -> None:
    folder = _rounded(tmp_path)
    (folder / "decisions.toml").write_text(
        f'[[clarification]]\nsupplier = "{MERIDIAN}"\ncell = "Prices › G5"\n'
        'asked_on = 2026-03-04\nanswered_on = 2026-03-03\nanswer = "Yes"\n\n'
        f'[[clarification]]\nsupplier = "{MERIDIAN}"\ncell = "Prices › G5"\n',
        encoding="utf-8",
    )
    said = [p for p in tendereval.validate(folder).problems if p.file == "decisions.toml"]
    assert [(p.code, p.cell) for p in said] == [
        ("decisions.clarification_order", "clarification[0].answered_on"),
        ("decisions.missing_value", "clarification[1].answer"),
        ("decisions.date", "clarification[1].answered_on"),
    ]


def test_a_clarification_is_written_back_as_it_was_recorded(tmp_path: Path) -> None:
    record = RecordedClarification(
        FILE, ANSWER, "2026-03-03", cell="Prices › G5", asked_on="2026-03-02"
    )
    text = decisions_toml(Decisions(clarifications=(record,)))
    assert f'supplier = "{FILE}"' in text and "answered_on = 2026-03-03" in text
    (tmp_path / "decisions.toml").write_text(text, encoding="utf-8")
    (again,) = load_decisions(tmp_path, ["CSB"]).decisions.clarifications
    assert dataclasses.replace(again, where="") == record


def test_a_cell_whose_row_is_in_another_scripts_digits_names_no_cell(tmp_path: Path) -> None:
    """'Prices › G৫' (a Bengali five) answered the warning at G5: int() reads it as 5."""
    problems = tendereval.validate(_clarified(_rounded(tmp_path), cell="Prices › G৫")).problems
    assert not any(SAID in p.message for p in problems)
    (said,) = [p for p in problems if p.file == "decisions.toml"]
    assert said.severity == "warning" and said.cell == "clarification[0].cell"


CELLS = ["Prices › G5", "Prices!G6", "G5", "Organisation › B4", "", "not a cell"]
SUPPLIERS = [MERIDIAN, FILE, "Weald Carers Trust", "Nobody Ltd", "bids/nobody.xlsx"]


@pytest.fixture(scope="module")
def rounded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    folder = _rounded(tmp_path_factory.mktemp("rounded"))
    return folder, tendereval.load_tender(folder).problems


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_clarification_only_ever_adds_its_answer_or_one_warning(rounded, data) -> None:
    """Whatever supplier and cell a clarification names: every problem is still there, in
    its place and with its severity; those it answers (warnings in that supplier's bid, at
    that cell) say so and nothing else changes; one that answers none adds one warning."""
    folder, before = rounded
    records = data.draw(
        st.lists(st.tuples(st.sampled_from(SUPPLIERS), st.sampled_from(CELLS)), max_size=3)
    )
    text = "".join(
        f'[[clarification]]\nsupplier = "{supplier}"\n'
        + (f'cell = "{cell}"\n' if cell else "")
        + f'answered_on = 2026-03-03\nanswer = "{ANSWER}"\n\n'
        for supplier, cell in records
    )
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "t"
        shutil.copytree(folder, copy)
        (copy / "decisions.toml").write_text(text, encoding="utf-8")
        after = tendereval.load_tender(copy).problems
    added = [p for p in after if p.file == "decisions.toml"]
    kept = [p for p in after if p.file != "decisions.toml"]
    assert len(kept) == len(before)
    answered = 0
    for old, new in zip(before, kept, strict=True):
        assert dataclasses.replace(new, message=old.message) == old
        if new.message != old.message:
            assert not old.is_error and new.message.startswith(old.message + "; the supplier ")
            answered += 1
    # Each record answers the one warning there is (Meridian's at Prices › G5), or says why not.
    answers = sum(1 for s, c in records if s in (MERIDIAN, FILE) and c in ("Prices › G5", "G5"))
    assert answered == (1 if answers else 0)
    assert len(added) == len(records) - answers
    assert all(p.severity == "warning" and p.code.startswith("decisions.clar") for p in added)


def test_thousands_of_clarifications_against_thousands_of_warnings_are_quick() -> None:
    """Each clarification is looked up by its file, not searched for among every warning: a
    scan was 2,000 × 40,000 checks."""
    problems = [
        Problem("a warning", file=f"bids/s{n}.xlsx", sheet="Prices", cell=f"G{row}",
                severity=Severity.WARNING, supplier=f"S{n}")
        for n in range(2_000)
        for row in range(5, 25)
    ]  # fmt: skip
    records = [
        RecordedClarification(f"S{n}", "Yes", "2026-03-03", cell="Prices › G5", where=f"c[{n}]")
        for n in range(2_000)
    ]
    started = cpu_seconds()
    out = clarified(problems, records, [(f"S{n}", f"bids/s{n}.xlsx") for n in range(2_000)])
    assert cpu_seconds() - started < 2
    answered = [p for p in out if "the supplier was asked about it" in p.message]
    assert [(p.file, p.cell) for p in answered] == [(f"bids/s{n}.xlsx", "G5") for n in range(2_000)]
    assert len(out) == len(problems)


def test_a_clarification_given_only_in_python_says_to_record_it(tmp_path: Path) -> None:
    """The warnings are read with the folder: one given in Python afterwards showed nowhere,
    without a word."""
    tender = tendereval.load_tender(_rounded(tmp_path))
    record = RecordedClarification(MERIDIAN, ANSWER, "2026-03-03", cell="Prices › G5")
    tried = tendereval.score(
        dataclasses.replace(tender, decisions=Decisions(clarifications=(record,))),
        sensitivity=False,
    )
    (said,) = [p for p in tried.problems if p.code == "decisions.not_scored"]
    assert (said.severity, said.found) == ("warning", MERIDIAN)
    assert "[[clarification]]" in said.expected
    # Recorded in the folder, it is shown, and nothing is said.
    folder = _clarified(_rounded(tmp_path / "recorded"))
    assert not [p for p in tendereval.score(folder).problems if p.code == "decisions.not_scored"]


_READING = importlib.import_module("tendereval.award.clarified")  # (the module, not the function)

# The pattern a clarification's cell was once read by: its leading spaces, lazy sheet and the
# spaces before the mark all took spaces, about n³ steps for n spaces and "x".
_OLD_CELL = re.compile(
    r"^\s*(?:(?P<sheet>.+?)\s*(?:›|>|!)\s*)?\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>[0-9]+)\s*$"
)


@given(st.text(alphabet=" \t\n\u2003›>!$'aBx19৫", max_size=14))
def test_a_clarifications_cell_is_read_as_the_pattern_read_it(text):
    old = _OLD_CELL.match(text)
    assert _READING._sheet_and_cell(text) == (old.groups() if old else None)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("'Prices'!$G$5", ("'Prices'", "G", "5")),
        ("  Prices  ›  g05 ", ("Prices", "g", "05")),
        ("AB12", (None, "AB", "12")),
        ("ABCD12", None),
        ("Prices\nSheet › G5", None),  # a sheet is on one line
        ("  › G5", (" ", "G", "5")),  # a space before the mark is the sheet, as it was
    ],
)
def test_a_clarifications_cell_names_a_sheet_and_a_cell(cell, expected):
    assert _READING._sheet_and_cell(cell) == expected


def test_a_clarifications_cell_of_spaces_costs_no_more_than_its_length():
    """Scale red team: a cell of 2,000 spaces and "x" took 15 processor-seconds to be found to
    be no cell, eight times as long for each doubling."""
    from tests.cpu_time import cpu_seconds

    started = cpu_seconds()
    assert _READING.place_of(" " * 2_000 + "x") is None
    assert cpu_seconds() - started < 0.5
    for text in (" " * 30_000 + "x", "a" + " " * 30_000 + "x\n"):
        assert _READING.place_of(text) is None
    assert _READING.place_of("a" + " " * 30_000 + "> G5") == ("a", "G5")
    assert cpu_seconds() - started < 0.5
