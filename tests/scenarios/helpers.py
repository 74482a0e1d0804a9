"""Small scenarios files written from Python dicts, for the scenarios tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from tendereval.lot_splits import Scenarios, load_scenarios

# Two units of 1,000 hours at a true cost of £20 an hour (£20,000 a year each).
# Hand-checked costs are in test_market_and_best_packaging.py.
BASE: dict[str, Any] = {
    "scenario": {
        "title": "Two-unit test",
        "buyer": "Test Council",
        "contract_years": 2,
        "contract_management_cost": 1000,
    },
    "units": [
        {"id": "A", "name": "Area A", "volume": 1000, "true_cost": 20},
        {"id": "B", "name": "Area B", "volume": 1000, "true_cost": 20},
    ],
    "packagings": [
        {"id": "single", "name": "one contract", "lots": "single"},
        {"id": "split", "name": "two area lots", "lots": "per_unit"},
    ],
    "market": {
        "reference_volume": 1000,
        "elasticity": 0.0,
        "min_multiplier": 0.9,
        "max_multiplier": 1.1,
        "max_share_of_turnover": 0.5,
    },
    "participation": {"sweep": ["sme"], "steps": 2},
    "uncertainty": {"samples": 0, "seed": 1},
    "suppliers": [
        # Not an SME (500 staff). Elasticity 1 → the 2,000-hour lot's multiplier
        # (2000/1000)^-1 = 0.5 is held at the floor of 0.9.
        {
            "name": "Big Ltd",
            "staff": 500,
            "turnover": 1_000_000,
            "unit_price": 18,
            "quality": 60,
            "elasticity": 1.0,
        },
        {
            "name": "Small A Ltd",
            "staff": 10,
            "turnover": 50_000,
            "unit_price": 19,
            "quality": 80,
            "serves": ["A"],
        },
        # Lot B is worth £20,000 a year, more than half of £30,000: Small B would not bid.
        {
            "name": "Small B Ltd",
            "staff": 10,
            "turnover": 30_000,
            "unit_price": 17,
            "quality": 75,
            "serves": ["B"],
        },
    ],
}


def spec(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE with top-level sections replaced."""
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(changes))
    return data


def supplier(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in data["suppliers"] if s["name"] == name)


def dumps(data: dict[str, Any]) -> str:
    """TOML text for ``data`` (tables of scalars and lists, and arrays of such tables)."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"[{key}]")
            lines += [f"{k} = {_value(v)}" for k, v in value.items()]
            lines.append("")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                lines.append(f"[[{key}]]")
                lines += [f"{k} = {_value(v)}" for k, v in item.items()]
                lines.append("")
        else:
            lines.insert(0, f"{key} = {_value(value)}")
    return "\n".join(lines)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return repr(value)


def write(tmp_path: Path, data: dict[str, Any], name: str = "scenarios.toml") -> Path:
    path = tmp_path / name
    path.write_text(dumps(data), encoding="utf-8")
    return path


def load(tmp_path: Path, data: dict[str, Any]) -> Scenarios:
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None, [str(p) for p in problems]
    return model
