"""Records built in Python are refused as decisions.toml refuses them, and named as given in
Python.

Found by the red team (session 40): a ``RecordedWithdrawal`` whose lot was a list failed in
polars (ComputeError), and one with no supplier (None, 5) with a TypeError, where the other
records give ``decisions.not_text`` / ``decisions.missing_value``; ``RecordedChallenge(d,
"CSB")`` was read as lots C, S and B (the challenge not applied), and a lot typed as a number
failed with a TypeError; and the problems of decisions built in Python said
"decisions.toml › …" though no file was read.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.award import Decisions, RecordedChallenge, RecordedWithdrawal

DECISIONS_IN_PYTHON = "the decisions set in Python"

CARERS = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
MERIDIAN = "Meridian Care Group plc"


@pytest.fixture(scope="module")
def tender() -> tendereval.Tender:
    return tendereval.load_tender(CARERS)


@pytest.fixture(scope="module")
def result() -> tendereval.ScoreResult:
    return tendereval.score(CARERS, sensitivity=False)


def _scored(tender, *withdrawals):
    decisions = Decisions(withdrawals=withdrawals)
    return tendereval.score(dataclasses.replace(tender, decisions=decisions), sensitivity=False)


def _status(result, supplier: str) -> str:
    return result.results.filter(pl.col("supplier") == supplier).item(0, "status")


@pytest.mark.parametrize(
    ("supplier", "lot", "code", "cell"),
    [
        (MERIDIAN, ["CSB"], "decisions.not_text", "withdrawal[0].lot"),
        (MERIDIAN, ("CSB",), "decisions.not_text", "withdrawal[0].lot"),
        (None, "CSB", "decisions.missing_value", "withdrawal[0].supplier"),
        (5, None, "decisions.not_text", "withdrawal[0].supplier"),
    ],
)
def test_a_withdrawal_not_given_as_text_is_refused_as_in_the_file(
    tender, supplier, lot, code, cell
) -> None:
    result = _scored(tender, RecordedWithdrawal(supplier, "2026-03-04", lot=lot))
    [problem] = [p for p in result.problems if p.code.startswith("decisions.")]
    assert (problem.code, problem.file, problem.cell) == (code, DECISIONS_IN_PYTHON, cell)
    assert problem.is_error
    assert _status(result, MERIDIAN) == "ranked"  # not applied, as the file's would not be


def test_a_withdrawal_given_well_is_applied(tender) -> None:
    result = _scored(tender, RecordedWithdrawal(MERIDIAN, "2026-03-04", lot="CSB"))
    assert _status(result, MERIDIAN) == "withdrawn"
    assert not [p for p in result.problems if p.code.startswith("decisions.")]


def test_a_challenge_for_one_lot_given_as_text_is_for_that_lot(result) -> None:
    assert RecordedChallenge("2026-03-10", "CSB").lots == ("CSB",)
    award = tendereval.decide(
        result, Decisions(challenges=(RecordedChallenge("2026-03-10", "CSB"),))
    )
    assert award.suspended == ["CSB"]
    assert not [p for p in award.problems if p.code == "decisions.unknown_lot"]
    # Its warning (no standstill recorded) names the decisions as given in Python.
    assert {p.file for p in award.problems if p.code.startswith("decisions.")} == {
        DECISIONS_IN_PYTHON
    }


def test_a_challenge_for_a_lot_typed_as_a_number_is_refused(result) -> None:
    award = tendereval.decide(result, Decisions(challenges=(RecordedChallenge("2026-03-10", 5),)))
    [problem] = [p for p in award.problems if p.code == "decisions.not_text"]
    assert (problem.file, problem.cell, problem.found) == (
        DECISIONS_IN_PYTHON,
        "challenge[0].lots",
        "5",
    )
    assert award.suspended == []
