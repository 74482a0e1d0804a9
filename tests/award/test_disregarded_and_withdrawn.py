"""One tender both disregarded on a ground and withdrawn (award/recorded.py
``_disregarded_and_withdrawn``).

Before, ``validate`` said "No problems found", ``score`` listed the tender only as withdrawn,
and no summary was written for it: nothing a reader sees said it had been disregarded as an
excluded supplier four days before it was withdrawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tests.example_copies import example_copy

REJECTION = """[[rejection]]
supplier = "{supplier}"
ground = "excluded_supplier"
reason = "On the debarment list"
decided_on = 2026-03-05
"""
WITHDRAWAL = """[[withdrawal]]
supplier = "Weald Carers Trust"
{lot}withdrawn_on = 2026-03-09
"""


@pytest.mark.parametrize("lot", ["", 'lot = "CSB"\n'])
def test_a_tender_disregarded_and_withdrawn_is_warned_of_naming_both(
    tmp_path: Path, lot: str
) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        REJECTION.format(supplier="Weald Carers Trust") + WITHDRAWAL.format(lot=lot),
        encoding="utf-8",
    )
    checked = tendereval.validate(folder)
    (said,) = [p for p in checked.problems if p.code == "decisions.disregarded_and_withdrawn"]
    assert (said.severity, said.cell) == ("warning", "withdrawal[0].supplier")
    assert said.message.startswith(
        "Weald Carers Trust's tender is recorded as withdrawn on 2026-03-09 and as disregarded "
        "by the contracting authority on 2026-03-05 because the supplier is an excluded "
        "supplier (rejection[0])"
    )
    # Applied as before: withdrawn; a warning holds nothing back.
    result = tendereval.score(folder, sensitivity=False)
    assert result.results.filter(supplier="Weald Carers Trust")["status"].to_list() == ["withdrawn"]
    assert result.award.blockers == []


def test_records_of_two_tenders_are_not_warned_of(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        REJECTION.format(supplier="Brightwater Care Services Ltd") + WITHDRAWAL.format(lot=""),
        encoding="utf-8",
    )
    checked = tendereval.validate(folder)
    assert not [p for p in checked.problems if p.code == "decisions.disregarded_and_withdrawn"]
