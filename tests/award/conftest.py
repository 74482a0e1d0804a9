"""Fixtures the award tests share."""

from __future__ import annotations

import pytest

import tendereval
from tests.example_copies import EXAMPLES


@pytest.fixture(scope="module")
def carers() -> tendereval.Tender:
    """The carers example, loaded once a module (tests change copies, never this)."""
    return tendereval.load_tender(EXAMPLES / "carers-short-breaks")
