"""Small plans written as TOML text, for tests across the suite."""

from __future__ import annotations

from pathlib import Path

from tendereval.plan import Plan, load_plan

BASE = """
[tender]
id = "T-1"
title = "Test tender"
buyer = "Test Council"
regime = "PA2023"
contract_years = 2

[approval]
approved_by = "Cabinet Committee"
approved_on = 2026-09-14

[[lots]]
id = "L1"
name = "Lot one"
volumes = { hours = 1000 }

[price]
method = "lowest_price_ratio"

[[price.items]]
id = "hours"
description = "Hours"
unit = "hour"

[scales.five]
values = [0, 1, 2, 3, 4, 5]
"""


def write_plan(folder: Path, criteria: str, extra: str = "", base: str = BASE) -> Path:
    """Write tender.toml = base + criteria + extra into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tender.toml"
    path.write_text(base + extra + criteria, encoding="utf-8")
    return path


def plan_from(folder: Path, criteria: str, extra: str = "") -> tuple[Plan | None, list]:
    return load_plan(write_plan(folder, criteria, extra))
