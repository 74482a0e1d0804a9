"""With nothing recorded in decisions.toml, the award reads no bid to find what a record names.

Checking that each withdrawal, rejection, price explanation and decision names a tender read
every bid into a table in Python, one row at a time (about 20 ms of processor time in a
``score()`` of 10,000 bids), for a file that records nothing, as most do. It is now read only
when there is a record to check; a record naming nobody is still an error, as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tendereval.award import set_aside
from tests.example_copies import example_copy


@pytest.fixture
def carers(tmp_path: Path) -> Path:
    return example_copy(tmp_path)


def _no_bid_read(*_args, **_kwargs):
    raise AssertionError("the bids were read to check records, with none recorded")


def test_with_nothing_recorded_no_bid_is_read_for_records(carers, monkeypatch) -> None:
    monkeypatch.setattr(set_aside, "_tenders", _no_bid_read)
    result = tendereval.score(carers, sensitivity=False)
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert set_aside.names_no_tender(result.decisions, result.results) == []


def test_a_record_naming_nobody_is_still_an_error(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        '[[price_explanation]]\nsupplier = "Nobody Ltd"\nqueried_on = 2026-03-02\n'
        "accepted_on = 2026-03-04\n",
        encoding="utf-8",
    )
    award = tendereval.score(folder, sensitivity=False).award
    [error] = [p for p in award.problems if p.code.endswith("_unknown")]
    assert error.found == "Nobody Ltd" and error.is_error
    assert "who has no tender in this evaluation" in error.message
