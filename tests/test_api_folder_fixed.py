"""A result's or a tender's folder cannot be pointed at another tender (red team, the library
as a notebook uses it): ``result.folder = other`` was accepted without a word, and the carers'
summaries were written into the homecare tender's reports/summaries, every homecare summary
moved into superseded/, the award still ready and ``changed_since_scored()`` empty. The same
through ``tender.folder``. Now refused; a copy given another folder (``dataclasses.replace``)
is held by the check of the folder's files (test_api_folder_changed_since_scored.py)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

import tendereval
from tests.example_copies import example_copy


@pytest.fixture
def two_tenders(tmp_path: Path) -> tuple[Path, Path]:
    return example_copy(tmp_path), example_copy(tmp_path, "homecare-districts")


def test_a_result_cannot_be_pointed_at_another_tender(two_tenders) -> None:
    carers, homecare = two_tenders
    own = tendereval.summaries(homecare)
    before = sorted(os.listdir(homecare / "reports" / "summaries"))
    result = tendereval.score(carers, sensitivity=False)
    with pytest.raises(tendereval.UsageError, match="cannot be changed to"):
        result.folder = homecare
    assert result.folder == carers
    copy = dataclasses.replace(result, folder=homecare)
    with pytest.raises(tendereval.FolderChanged):
        tendereval.summaries(copy)
    assert sorted(os.listdir(homecare / "reports" / "summaries")) == before
    assert len(own.paths) == len(list((homecare / "reports" / "summaries").glob("*.xlsx")))
    # The same folder again (as given, relative or not), or none, is no move.
    result.folder = carers / "." / ""
    result.folder = None
    assert result.folder is None


def test_a_tender_cannot_be_pointed_at_another_tender(two_tenders) -> None:
    carers, homecare = two_tenders
    tender = tendereval.load_tender(carers)
    with pytest.raises(tendereval.UsageError, match="cannot be changed to"):
        tender.folder = homecare
    assert tendereval.score(tender, sensitivity=False).folder == carers
