"""Shared by every test: the shipped examples are read, never written to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tendereval.report import summaries_written
from tests.example_copies import EXAMPLES


@pytest.fixture(autouse=True, scope="session")
def _examples_left_as_shipped() -> Iterator[None]:
    """Writing summaries records the folder written to in the tender's own reports/
    (summaries-written.json): a test writing the summaries of a shipped example to a temporary
    folder left that temporary folder recorded in examples/, where an officer's copy of the
    example then warned of it. A test that writes summaries works on a copy (example_copy)."""
    record = summaries_written.record_written

    def recorded_only_in_copies(tender: Path, *args, **kwargs) -> None:
        if Path(tender).resolve().is_relative_to(EXAMPLES):
            raise AssertionError(f"a test wrote summaries of the shipped example {tender}")
        record(tender, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:  # (session-wide: module fixtures write too)
        patch.setattr(summaries_written, "record_written", recorded_only_in_copies)
        yield
