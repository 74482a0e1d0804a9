"""decide(result, decisions) with decisions a notebook user built: they are checked as
decisions.toml is, so the award and its problems are those the command line reaches from the
same decisions in the file (red team round 2, surface G). Before, a decision for a lot the
plan does not have (or 'mai' for MAI) was silently ignored, a missing reason or a date as
free text was accepted, and award_to=None or a dict failed with TypeError/AttributeError."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import tendereval
from tendereval.award import Decisions, RecordedAward
from tendereval.award.recorded import Standstill

ROOT = Path(__file__).resolve().parents[2]
HOMECARE = ROOT / "examples" / "homecare-districts"
OASTHOUSE = "Oasthouse Care Group Ltd"
TONBRIDGE = "Tonbridge Home Care Ltd"


@pytest.fixture(scope="module")
def words(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/python.md's homecare copy: a cap of 2 given in words, so MAI, SWA and TON wait
    for the buyer's decisions."""
    folder = tmp_path_factory.mktemp("words") / "homecare"
    shutil.copytree(HOMECARE, folder)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8").replace(
        "max_lots_per_supplier = 4", "max_lots_per_supplier = 2"
    )
    plan.write_text(text.replace('cap_rule = "descending_value"', ""), encoding="utf-8")
    return folder


def _toml(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else f'"{value}"'


def _as_file(decisions: Decisions) -> str:
    entries = []
    for award in decisions.awards:
        keys = ("lot", "award_to", "reason", "decided_by", "decided_on")
        lines = [f"{k} = {_toml(getattr(award, k))}" for k in keys if getattr(award, k)]
        entries.append("[[decision]]\n" + "\n".join(lines))
    return "\n\n".join(entries) + "\n"


def _awards(*rows: tuple[str, str, str] | tuple[str, str, str, str]) -> Decisions:
    awards = tuple(
        RecordedAward(lot, to, reason, decided_on=on[0] if on else "")
        for lot, to, reason, *on in rows
    )
    return Decisions(awards, source="decisions.toml")


BY_VALUE = [("MAI", OASTHOUSE, "r"), ("SWA", OASTHOUSE, "r"), ("TON", TONBRIDGE, "r")]
CASES = {
    "by value": _awards(*BY_VALUE),
    "unknown lot": _awards(("ZZZ", OASTHOUSE, "r"), *BY_VALUE[1:]),
    "lot in lower case": _awards(("mai", OASTHOUSE, "r"), *BY_VALUE[1:]),
    "no reason": _awards(("MAI", OASTHOUSE, ""), *BY_VALUE[1:]),
    "a date as text": _awards(("MAI", OASTHOUSE, "r", "last Tuesday"), *BY_VALUE[1:]),
    "a date as UK text": _awards(("MAI", OASTHOUSE, "r", "02/03/2026"), *BY_VALUE[1:]),
    "two for one lot": _awards(("MAI", TONBRIDGE, "r"), *BY_VALUE),
    "unknown supplier": _awards(("MAI", "Nobody Ltd", "r"), *BY_VALUE[1:]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_decide_gives_what_the_decisions_file_gives(words: Path, tmp_path: Path, case) -> None:
    decisions = CASES[case]
    trial = tendereval.decide(tendereval.score(words, sensitivity=False), decisions)
    folder = tmp_path / "recorded"
    shutil.copytree(words, folder)
    (folder / "decisions.toml").write_text(_as_file(decisions), encoding="utf-8")
    recorded = tendereval.score(folder, sensitivity=False)
    file_problems = [p for p in recorded.problems if p.file == "decisions.toml"]
    assert trial.frame.equals(recorded.award.frame)
    assert sorted((p.code, p.where) for p in trial.problems) == sorted(
        (p.code, p.where) for p in [*file_problems, *recorded.award.problems]
    )
    assert trial.summaries_ready == (case in ("by value", "a date as UK text"))


def test_the_problems_name_the_entry(words: Path) -> None:
    result = tendereval.score(words, sensitivity=False)
    trial = tendereval.decide(result, CASES["unknown lot"])
    (problem,) = trial.problems
    assert problem.code == "decisions.unknown_lot"
    assert problem.where == "decisions.toml › decision[0].lot"
    assert "ZZZ" in str(problem) and "MAI" in str(problem)
    assert trial.undecided == ["MAI"] and not trial.summaries_ready


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        ({"MAI": OASTHOUSE}, "decisions must be a Decisions"),
        ("decisions.toml", "decisions must be a Decisions"),
        ([RecordedAward("MAI", OASTHOUSE, "r")], "decisions must be a Decisions"),
        (Decisions(({"lot": "MAI"},)), "decisions.awards must be a tuple of RecordedAward"),
        (Decisions((), standstill="2026-03-02"), "decisions.standstill must be a Standstill"),
    ],
)
def test_decisions_of_the_wrong_kind_are_a_usage_error(words: Path, decisions, message) -> None:
    result = tendereval.score(words, sensitivity=False)
    with pytest.raises(tendereval.UsageError, match=message):
        tendereval.decide(result, decisions)


def test_award_to_none_is_a_missing_award_to(words: Path) -> None:
    result = tendereval.score(words, sensitivity=False)
    trial = tendereval.decide(result, Decisions((RecordedAward("MAI", None, "r"),)))
    assert [p.code for p in trial.problems] == ["decisions.missing_value"]
    assert trial.problems[0].where.endswith("decision[0].award_to")


def test_a_standstill_shorter_than_the_law_is_as_in_the_file(words: Path) -> None:
    """An error, which holds the summaries, as from the file; a warning for a contract
    recorded as exempt from the Act's standstill (s.51(3))."""
    result = tendereval.score(words, sensitivity=False)
    short = Standstill(starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 3, 4))
    trial = tendereval.decide(result, Decisions(tuple(CASES["by value"].awards), short))
    assert [p.code for p in trial.problems] == ["decisions.standstill_short"]
    assert trial.problems[0].is_error and not trial.summaries_ready
    exempt = Standstill(
        starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 3, 4), exemption="light touch"
    )
    trial = tendereval.decide(result, Decisions(tuple(CASES["by value"].awards), exempt))
    assert [p.code for p in trial.problems] == ["decisions.standstill_short"]
    assert not trial.problems[0].is_error and trial.summaries_ready
