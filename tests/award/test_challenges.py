"""Proceedings against the award: ``[[challenge]]`` in decisions.toml, and the automatic
suspension the award decision works out from it (award/suspension.py).

Before, no command knew of a challenge: ``[[challenge]]`` was an unknown section, and the
verdict said nothing of a contract the law forbids entering into (Procurement Act 2023 s.101,
PCR 2015 reg 95). Now the record is read and written back, and the decision says, lot by lot,
whether the contract is suspended: under the Act when the proceedings were notified in the
standstill period; under PCR 2015 whenever notified (before the contract); not once the day
recorded as ``suspension_ends_on`` has come.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tendereval
from tendereval.award.recorded import (
    Decisions,
    RecordedChallenge,
    Standstill,
    load_decisions,
)
from tests.example_copies import EXAMPLES, example_copy

LOTS = ["ASH", "CAN", "DOV"]
# Summaries sent on Monday 2 March 2026, the standstill 4 to 13 March (8 working days).
STANDSTILL = """
[standstill]
summaries_sent_on = 2026-03-03
starts_on = 2026-03-04
ends_on = 2026-03-13
"""
CHALLENGE = """
[[challenge]]
notified_on = 2026-03-10
lots = ["ASH"]
suspension_ends_on = "2026-04-20"
note = "Claim by X Ltd, KB-2026-000123"
"""
STOOD = Standstill(
    summaries_sent_on=dt.date(2026, 3, 3),
    starts_on=dt.date(2026, 3, 4),
    ends_on=dt.date(2026, 3, 13),
)


def _read(tmp_path: Path, text: str, lots: list[str] = LOTS, regime: str = "PA2023"):
    (tmp_path / "decisions.toml").write_text(text, encoding="utf-8")
    return load_decisions(tmp_path, lots, regime, approved_on="2026-01-20")


def test_a_challenge_is_read_and_written_back_the_same(tmp_path: Path) -> None:
    read = _read(tmp_path, STANDSTILL + CHALLENGE)
    assert read.problems == []
    (challenge,) = read.decisions.challenges
    assert challenge == RecordedChallenge(
        "2026-03-10", ("ASH",), "2026-04-20", "Claim by X Ltd, KB-2026-000123", "challenge[0]"
    )
    text = read.decisions.to_toml()
    assert '[[challenge]]\nnotified_on = 2026-03-10\nlots = ["ASH"]\n' in text
    (tmp_path / "again").mkdir()
    again = _read(tmp_path / "again", text)
    assert again.problems == [] and again.decisions == read.decisions


def test_a_challenge_without_lots_is_for_every_lot(tmp_path: Path) -> None:
    read = _read(tmp_path, "[[challenge]]\nnotified_on = 2026-03-10\n")
    assert read.problems == []
    (challenge,) = read.decisions.challenges
    assert challenge.lots is None and challenge.covers("DOV")
    assert "lots" not in read.decisions.to_toml()


@pytest.mark.parametrize(
    ("record", "cell", "code"),
    [
        ('notified_on = 2026-03-10\nlots = ["ASH", "ZZZ"]', "challenge[1].lots", "unknown_lot"),
        ('notified_on = "soon"\nlots = ["ASH"]', "challenge[1].notified_on", "date"),
        ('lots = ["ASH"]', "challenge[1].notified_on", "date"),
        ("notified_on = 2026-03-10\nlots = []", "challenge[1].lots", "blank_lot"),
        ("notified_on = 2026-03-10\nlots = [1]", "challenge[1].lots", "not_text"),
        ('notified_on = 2026-03-10\nlot = "ASH"', "challenge[1].lot", "unknown_key"),
        (
            "notified_on = 2026-03-10\nsuspension_ends_on = 2026-03-09",
            "challenge[1].suspension_ends_on",
            "challenge_order",
        ),
    ],
)
def test_a_bad_challenge_is_an_error_at_its_key_and_not_applied(
    tmp_path: Path, record: str, cell: str, code: str
) -> None:
    read = _read(tmp_path, CHALLENGE + f"\n[[challenge]]\n{record}\n")
    (problem,) = read.problems
    assert (problem.file, problem.cell, problem.code) == (
        "decisions.toml",
        cell,
        f"decisions.{code}",
    )
    assert problem.is_error
    assert [c.where for c in read.decisions.challenges] == ["challenge[0]"]


def test_a_challenge_notified_before_the_summaries_went_out_is_a_warning(tmp_path: Path) -> None:
    read = _read(tmp_path, STANDSTILL + "[[challenge]]\nnotified_on = 2026-03-02\n")
    (problem,) = read.problems
    assert (problem.cell, problem.code, problem.is_error) == (
        "challenge[0].notified_on",
        "decisions.challenge_order",
        False,
    )
    assert len(read.decisions.challenges) == 1  # applied as it stands


def test_a_challenge_dated_before_the_plan_was_approved_is_a_warning(tmp_path: Path) -> None:
    read = _read(tmp_path, "[[challenge]]\nnotified_on = 2016-03-10\n")
    (problem,) = read.problems
    assert (problem.cell, problem.code, problem.is_error) == (
        "challenge[0].notified_on",
        "decisions.dated_before_approval",
        False,
    )


# ---- The decision: one rule, read by the verdict -------------------------------------------


@pytest.fixture(scope="module")
def carers() -> tendereval.ScoreResult:
    return tendereval.score(EXAMPLES / "carers-short-breaks", sensitivity=False)


def _decided(result, *challenges: RecordedChallenge, standstill: Standstill = STOOD):
    return tendereval.decide(result, Decisions(standstill=standstill, challenges=challenges))


def test_act_notified_in_the_standstill_suspends_the_contract(carers) -> None:
    award = _decided(carers, RecordedChallenge("2026-03-10", where="challenge[0]"))
    assert award.suspended == ["CSB"]
    suspension = award.suspension("CSB")
    assert suspension is not None and suspension.challenge.notified_on == "2026-03-10"
    said = (
        "The contract for lot CSB must not be entered into: proceedings against the award "
        "notified on 10 March 2026 (Procurement Act 2023 s.101), until the court lifts the "
        "suspension (s.102) or the proceedings end."
    )
    assert award.verdict()[-1] == said
    assert said in award.caveats()
    assert award.to_dict()["suspended"] == [
        {"lot": "CSB", "notified_on": "2026-03-10", "where": "challenge[0]", "text": said[:-1]}
    ]
    # Summaries may still go out (they did): the challenge holds the contract, not them.
    assert award.summaries_ready
    assert not [p for p in award.problems if p.code.startswith("decisions.challenge")]


def test_act_notified_after_the_standstill_suspends_nothing_with_a_warning(carers) -> None:
    award = _decided(carers, RecordedChallenge("2026-03-16", where="challenge[0]"))
    assert award.suspended == [] and award.suspension("CSB") is None
    assert not any("must not be entered into" in line for line in award.verdict())
    (warning,) = [p for p in award.problems if p.code == "decisions.challenge_after_standstill"]
    assert warning.cell == "challenge[0].notified_on" and not warning.is_error
    assert "after the standstill period ended (13 March 2026)" in warning.message
    assert "advice" in warning.expected


def test_act_with_no_standstill_recorded_is_taken_as_suspended(carers) -> None:
    award = _decided(carers, RecordedChallenge("2026-03-16"), standstill=Standstill())
    assert award.suspended == ["CSB"]
    assert [p.code for p in award.problems if p.code.startswith("decisions.challenge")] == [
        "decisions.challenge_standstill_unknown"
    ]


def test_pcr_notified_after_the_standstill_suspends_the_contract(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', 'regime = "PCR2015"'),
        encoding="utf-8",
    )
    pcr = tendereval.score(folder, sensitivity=False)
    award = _decided(pcr, RecordedChallenge("2026-03-16"))
    assert award.suspended == ["CSB"]
    assert not [p for p in award.problems if p.code.startswith("decisions.challenge")]
    assert award.suspension_texts() == [
        "The contract for lot CSB must not be entered into: a claim form issued against the "
        "award decision notified on 16 March 2026 (PCR 2015 reg 95), until the court brings the "
        "suspension to an end (reg 96) or the proceedings end"
    ]


def test_a_suspension_ended_on_or_before_the_day_holds_no_more(carers) -> None:
    ended = RecordedChallenge("2026-03-10", suspension_ends_on="2026-03-18")
    award = _decided(carers, ended)
    assert award.suspended == []  # the day the decision is made is after 18 March 2026
    assert award.suspension("CSB", on=dt.date(2026, 3, 17)) is not None
    assert award.suspension("CSB", on=dt.date(2026, 3, 18)) is None


def test_a_challenge_of_a_lot_not_awarded_is_a_warning(carers) -> None:
    from tendereval.award.recorded import RecordedNoAward

    decisions = Decisions(
        standstill=STOOD,
        no_awards=(RecordedNoAward("CSB", "Over budget"),),
        challenges=(RecordedChallenge("2026-03-10", ("CSB",), where="challenge[0]"),),
    )
    award = tendereval.decide(carers, decisions)
    assert award.suspended == []
    (warning,) = [p for p in award.problems if p.code == "decisions.challenge_not_awarded"]
    assert warning.cell == "challenge[0].lots" and not warning.is_error
