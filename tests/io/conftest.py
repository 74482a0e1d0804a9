"""Shared fixtures for the loader tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tendereval.errors import Problem
from tendereval.io.tender import load_tender
from tendereval.tender import Tender

from .builders import good_tender


@pytest.fixture
def tender_dir(tmp_path: Path) -> Path:
    """A clean tender folder the test then spoils in one place."""
    return good_tender(tmp_path / "tender")


def only(tender: Tender, code: str) -> Problem:
    """The one problem with ``code`` (fails listing all problems if there is not exactly one)."""
    found = [p for p in tender.problems if p.code == code]
    assert len(found) == 1, f"expected one {code}, got: " + "\n".join(map(str, tender.problems))
    return found[0]


def load(folder: Path) -> Tender:
    return load_tender(folder)
