"""scenarios tells which packaging and which step it is on, as allocate tells its levels: the
bar alone stood still for minutes on one packaging of 75 lots ("Modelling packagings" and
nothing else)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval

EXAMPLE = Path(__file__).parents[2] / "examples" / "homecare-lot-splits" / "scenarios.toml"


def test_each_packaging_and_each_level_of_its_allocations_is_told() -> None:
    lines: list[str] = []
    tendereval.scenarios(EXAMPLE, samples=1, steps=1, step_lines=lines.append)
    first = "Packaging 1 of 4, one county-wide contract"
    assert lines[0] == f"{first}: the expected allocation…"
    # allocate's own lines, indented under the packaging's (one offer a supplier: two bid)
    assert lines[1] == "  Checking 2 offers…"
    assert any(line.startswith("  Level 1 of 2, total cost…") for line in lines)
    assert any(line.startswith(f"{first}: the highest SME share") for line in lines)
    assert any(line.startswith("Packaging 4 of 4, ") for line in lines)
    assert lines.count("Price samples: 1 for each packaging…") == 1


def test_step_lines_must_be_a_function() -> None:
    with pytest.raises(tendereval.UsageError, match="step_lines must be a function"):
        tendereval.scenarios(EXAMPLE, samples=0, steps=1, step_lines=True)
