"""A supplier's first return and its revised one under names that differ only in capitals
(``Weald-Carers-Trust.xlsx`` and ``weald-carers-trust.xlsx``), or only in how "é" is stored
(a Mac's zip: "e" and a combining accent; a Windows upload: one character). A Linux disk, or
a shared drive that keeps case, holds both side by side.

Before, a record naming a file matched every file of its name in any capitals, however its
accents were stored: the officer withdrew the first return, naming it as the "sent two bid
returns" error listed it, and both were withdrawn. validate said "No problems found.", the
leading tender dropped out and the award went to the runner-up. Now the record names the one
file it gives letter for letter; one giving neither (or several) is an error at the record
naming every file it could mean, and the two names are told apart wherever they are named.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.award.clarified import clarified
from tendereval.award.recorded import RecordedClarification
from tendereval.cli import cli
from tendereval.errors import Problem, Severity
from tendereval.io.lookalike import told_apart
from tests.example_copies import example_copy

WEALD = "Weald Carers Trust"
EXAMPLE_RETURN = "bids/weald-carers-trust.xlsx"
ANSWER = "Réponse.xlsx"  # "é" to be stored two ways
MAC = unicodedata.normalize("NFD", f"bids/{WEALD} – {ANSWER}")
WINDOWS = unicodedata.normalize("NFC", f"bids/{WEALD} – {ANSWER}")
CAPITALS = "the names differ only in capitals"
STORED = (
    "the same letters stored differently: the first has é as e + \u25cc\u0301, as a Mac "
    "stores it; the second has é as one character"
)
# (first return, revised return, what tells them apart, a name meaning either)
ALIKE = {
    "capitals": (
        "bids/Weald-Carers-Trust.xlsx",
        "bids/weald-carers-trust.xlsx",
        CAPITALS,
        "bids/WEALD-CARERS-TRUST.xlsx",
    ),
    "accent": (MAC, WINDOWS, STORED, WINDOWS.upper()),
}
WITHDRAWAL = (
    '[[withdrawal]]\nsupplier = "{named}"\nwithdrawn_on = 2026-03-01\n'
    'note = "first upload, replaced by the revised return"\n'
)


def _two_returns(tmp_path: Path, first: str, revised: str) -> Path:
    """The carers example with Weald's return as ``first`` and its revised one (the
    sitting-hours rate lowered from £27.50 to £26.50) as ``revised``, both in bids/."""
    folder = example_copy(tmp_path)
    (folder / EXAMPLE_RETURN).rename(folder / first)
    book = openpyxl.load_workbook(folder / first)
    book["Prices"]["G5"] = 26.5
    book.save(folder / revised)
    if len(list((folder / "bids").glob("*"))) != 7:  # (5 bids, the comparator, the revision)
        pytest.skip("this file system takes the two names for one file")
    return folder


def _recorded(folder: Path, named: str) -> Path:
    (folder / "decisions.toml").write_text(WITHDRAWAL.format(named=named), encoding="utf-8")
    return folder


def _run(*args: str | Path) -> tuple[int, str]:
    out = CliRunner().invoke(cli, [str(arg) for arg in args])
    return out.exit_code, out.output


@pytest.mark.parametrize("alike", ALIKE)
def test_a_return_withdrawn_by_its_own_name_leaves_the_revised_one_standing(
    tmp_path: Path, alike: str
) -> None:
    first, revised, _, _ = ALIKE[alike]
    folder = _recorded(_two_returns(tmp_path, first, revised), first)
    code, said = _run("validate", folder)
    assert (code, said.splitlines()[-1]) == (0, "No problems found.")
    code, said = _run("score", folder, "--no-report", "--no-sensitivity")
    assert code == 0
    # Withdrawn once, the revised return ranked (it was "withdrawn" twice, and the award
    # went to Brightwater).
    assert "5 bids (4 ranked, 1 disqualified)" in said
    assert said.count("withdrawn by the supplier on 2026-03-01") == 1
    assert "Proposed award: Weald Carers Trust" in said
    result = tendereval.score(folder, sensitivity=False)
    weald = result.results.filter(pl.col("supplier") == WEALD).select("source", "status")
    assert sorted(weald.rows()) == sorted([(first, "withdrawn"), (revised, "ranked")])
    assert result.award.winner("CSB") == WEALD and result.award.held_back is None
    # Its summary is sent (the summaries said Weald withdrew).
    assert tendereval.summaries(result, tmp_path / "summaries").withdrawn == []


@pytest.mark.parametrize("alike", ALIKE)
def test_a_withdrawal_naming_neither_letter_for_letter_names_both_and_holds_the_award(
    tmp_path: Path, alike: str
) -> None:
    first, revised, apart, either = ALIKE[alike]
    folder = _recorded(_two_returns(tmp_path, first, revised), either)
    code, said = _run("validate", folder)
    assert code == 1
    assert (
        f"withdrawal[0].supplier: error: the withdrawal names the bid file {either}, which "
        f"could be either of two bid returns in bids/ ({first} and {revised}; {apart}), so no "
        "tender was set aside"
    ) in said
    code, said = _run("score", folder, "--no-report", "--no-sensitivity")
    assert "The award is not to be made yet" in said
    result = tendereval.score(folder, sensitivity=False)
    (unclear,) = [p for p in result.award.problems if p.file == "decisions.toml"]
    assert (unclear.code, unclear.cell) == (
        "decisions.withdrawal_unclear",
        "withdrawal[0].supplier",
    )
    # Neither return is withdrawn: both wait, as before any record.
    weald = result.results.filter(pl.col("supplier") == WEALD).get_column("status")
    assert weald.to_list() == ["invalid", "invalid"]


@pytest.mark.parametrize("alike", ALIKE)
def test_two_returns_named_alike_are_told_apart_on_the_terminal_and_in_the_report(
    tmp_path: Path, alike: str
) -> None:
    """Before any record: in the accent case the two names printed identically."""
    first, revised, apart, _ = ALIKE[alike]
    folder = _two_returns(tmp_path, first, revised)
    message = f"{WEALD} sent two bid returns ({first} and {revised}; {apart}); lot CSB"
    assert message in _run("validate", folder)[1]
    _run("score", folder, "-o", tmp_path / "report.xlsx", "--no-sensitivity")
    flags = openpyxl.load_workbook(tmp_path / "report.xlsx")["Flags"]
    texts = [v for row in flags.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert any(message in text for text in texts)


def test_names_alike_are_told_apart_by_their_places_in_the_list() -> None:
    shouted = "bids/WEALD-CARERS-TRUST.xlsx"
    assert told_apart(["bids/acme.xlsx", "bids/Weald.xlsx", "bids/weald.xlsx"]) == (
        "the second and third differ only in capitals"
    )
    assert told_apart([MAC, WINDOWS]) == STORED
    assert told_apart([WINDOWS, MAC]) == (
        "the same letters stored differently: the first has é as one character; the second "
        "has é as e + \u25cc\u0301, as a Mac stores it"
    )
    assert told_apart([MAC.upper(), WINDOWS]) == (
        "the names differ only in capitals, and in how an accented letter is stored"
    )
    assert told_apart([shouted, "bids/weald-v2.xlsx"]) == ""
    assert told_apart([shouted, shouted]) == ""


def test_a_late_revision_rejected_by_its_own_name_leaves_the_first_return_standing(
    tmp_path: Path,
) -> None:
    """A rejection naming a file is matched as a withdrawal is: the revised return (in
    other capitals) came in late, and the first stands."""
    first, revised, _, _ = ALIKE["capitals"]
    folder = _two_returns(tmp_path, first, revised)
    (folder / "decisions.toml").write_text(
        f'[[rejection]]\nsupplier = "{revised}"\nreason = "Received after the deadline"\n'
        'decided_by = "Head of Commissioning"\ndecided_on = 2026-03-05\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    weald = result.results.filter(pl.col("supplier") == WEALD).select("source", "status")
    assert sorted(weald.rows()) == sorted([(first, "ranked"), (revised, "invalid")])
    assert result.award.winner("CSB") == WEALD and result.award.held_back is None


def _rounded(file: str) -> Problem:
    return Problem(
        "the cell shows £28 but holds 27.5: ask the supplier which is meant",
        file=file,
        sheet="Prices",
        cell="G5",
        severity=Severity.WARNING,
        supplier=WEALD,
        code="bid.rounded",
    )


def _clarification(named: str) -> RecordedClarification:
    return RecordedClarification(
        named, "£27.50 an hour", "2026-03-03", cell="Prices › G5", where="clarification[0]"
    )


@pytest.mark.parametrize("alike", ALIKE)
def test_a_clarification_names_the_one_return_it_gives_letter_for_letter(alike: str) -> None:
    first, revised, apart, either = ALIKE[alike]
    warnings = [_rounded(first), _rounded(revised)]
    returns = [(WEALD, first), (WEALD, revised)]
    answered = clarified(warnings, [_clarification(first)], returns)
    assert [p.message.endswith("(decisions.toml › clarification[0])") for p in answered] == [
        True,
        False,
    ]
    # Naming neither letter for letter, it answers neither, and says which it could mean.
    *same, unclear = clarified(warnings, [_clarification(either)], returns)
    assert same == warnings
    assert (unclear.code, unclear.severity) == ("decisions.clarification_unclear", Severity.WARNING)
    assert f"({first} and {revised}; {apart})" in unclear.message
