"""A date in decisions.toml before the plan was approved: the year typed backwards.

The carers example's plan was approved on 2026-01-20. A standstill typed with 2016 for 2026
(summaries sent on 2016-03-03, the period 2016-03-04 to 2016-03-18) and a withdrawal dated
2016-03-01 were taken without a word: validate found no problems, score said the summaries
"were sent on 3 March 2016", and publish wrote the 2016 standstill into the award notice as
active. The same slip forwards (2062) was warned of (decisions.dated_after_the_run).

Now a record's date before the approval is a warning at its key, the record applied as it
stands (as for a date after the day scored); a standstill date before it is an error, which
holds the award and so the summaries and the notice, since both would give the date.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.award import Decisions, RecordedWithdrawal, Standstill
from tendereval.cli import cli
from tests.example_copies import example_copy

STOUR = "Stour Valley Homecare Ltd"
APPROVED = "2026-01-20"  # examples/carers-short-breaks/tender.toml › approval.approved_on


def _recorded(tmp_path: Path, number: int) -> Path:
    year = f"{number:04d}"  # TOML writes year 1 as 0001
    folder = example_copy(tmp_path)
    assert f"approved_on = {APPROVED}" in (folder / "tender.toml").read_text(encoding="utf-8")
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {year}-03-03\nstarts_on = {year}-03-04\n"
        f"ends_on = {year}-03-18\n\n"
        f'[[withdrawal]]\nsupplier = "{STOUR}"\nwithdrawn_on = {year}-03-01\n',
        encoding="utf-8",
    )
    return folder


def _before(problems: list[tendereval.Problem]) -> list[tuple[str, str, bool]]:
    return [
        (p.cell, p.found, p.is_error)
        for p in problems
        if p.code == "decisions.dated_before_approval"
    ]


@pytest.mark.parametrize("year", [2016, 1])
def test_dates_before_the_plans_approval_are_found_by_validate(tmp_path: Path, year: int) -> None:
    shown = f"{year:04d}"
    problems = tendereval.validate(_recorded(tmp_path, year)).problems
    assert _before(problems) == [
        ("withdrawal[0].withdrawn_on", f"withdrawn_on = {shown}-03-01", False),
        ("standstill.ends_on", f"ends_on = {shown}-03-18", True),
        ("standstill.starts_on", f"starts_on = {shown}-03-04", True),
        ("standstill.summaries_sent_on", f"summaries_sent_on = {shown}-03-03", True),
    ]
    warning = next(p for p in problems if p.cell == "withdrawal[0].withdrawn_on")
    assert warning.message == (
        "the withdrawal is dated before the plan was approved, 2026-01-20: nothing is decided "
        "before then (a year typed wrong?); it is applied as it stands"
    )
    assert warning.expected.startswith(
        "the day it was done, on or after 2026-01-20 (tender.toml › approval.approved_on)"
    )


def test_the_withdrawal_is_applied_and_the_award_held_for_the_standstill(tmp_path: Path) -> None:
    result = tendereval.score(_recorded(tmp_path, 2016), sensitivity=False)
    assert set(result.results.filter(supplier=STOUR)["status"]) == {"withdrawn"}
    assert result.award.held_back is not None
    assert "decisions.toml has 3 errors" in result.award.held_back


def test_publish_writes_no_notice_with_a_standstill_of_2016(tmp_path: Path) -> None:
    folder = _recorded(tmp_path, 2016)
    notice = tmp_path / "award.json"
    out = CliRunner().invoke(
        cli, ["publish", str(folder), "--ocid-prefix", "ocds-abcdef", "-o", str(notice)]
    )
    assert out.exit_code == 1, out.output
    assert "the standstill is dated before the plan was approved" in out.output
    assert not notice.exists()


def test_dates_on_or_after_the_approval_pass_as_before(tmp_path: Path) -> None:
    folder = _recorded(tmp_path, 2026)
    assert _before(tendereval.validate(folder).problems) == []
    (folder / "decisions.toml").write_text(
        f'[[withdrawal]]\nsupplier = "{STOUR}"\nwithdrawn_on = {APPROVED}\n', encoding="utf-8"
    )
    assert _before(tendereval.validate(folder).problems) == []


def test_decisions_from_python_are_checked_against_the_approval_too(tmp_path: Path) -> None:
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    decisions = Decisions(
        withdrawals=(RecordedWithdrawal(STOUR, "2016-03-01"),),
        standstill=Standstill(ends_on="2016-03-18"),
    )
    tried = tendereval.decide(result, decisions)
    assert [(p.cell, p.is_error) for p in tried.problems if "before the plan" in p.message] == [
        ("withdrawal[0].withdrawn_on", False),
        ("standstill.ends_on", True),
    ]
