"""Fixtures for the report tests: the hand-built result and a LibreOffice profile."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tendereval.scoring.result import ScoreResult
from tests.example_copies import example_copy

from .builders import build_result
from .libreoffice import make_profile


@pytest.fixture
def result(tmp_path: Path) -> ScoreResult:
    return build_result(tmp_path)


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_profile(tmp_path_factory.mktemp("lo-profile"))


@pytest.fixture(scope="session")
def nested(tmp_path_factory: pytest.TempPathFactory):
    """The carers example with Q2 and Q3 grouped in quality as DEL, 60% of it (24 points):
    Q2 60% of DEL (14.4 points), Q3 40% (9.6)."""
    folder = example_copy(tmp_path_factory.mktemp("nested"))
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    q2 = text.index('  [[criteria.questions]]\n  id = "Q2"')
    text = (
        text[:q2] + '  [[criteria.questions]]\n  id = "DEL"\n  title = "Delivery with carers"\n'
        "  weight_of_parent = 60\n\n"
        + text[q2:]
        .replace(
            '[[criteria.questions]]\n  id = "Q2"',
            '  [[criteria.questions.questions]]\n  id = "Q2"',
            1,
        )
        .replace(
            '[[criteria.questions]]\n  id = "Q3"',
            '  [[criteria.questions.questions]]\n  id = "Q3"',
            1,
        )
        .replace("weight_of_parent = 35", "weight_of_parent = 60", 1)
        .replace("weight_of_parent = 25", "weight_of_parent = 40", 1)
    )
    plan.write_text(text, encoding="utf-8")
    return tendereval.score(folder, sensitivity=False)
