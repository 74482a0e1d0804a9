"""Fixtures for the report tests: the hand-built result and a LibreOffice profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from tendereval.scoring.result import ScoreResult

from .builders import build_result
from .libreoffice import make_profile


@pytest.fixture
def result(tmp_path: Path) -> ScoreResult:
    return build_result(tmp_path)


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_profile(tmp_path_factory.mktemp("lo-profile"))
