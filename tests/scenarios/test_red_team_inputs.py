"""Red team, round 2: a scenarios file written carelessly.

A supplier entered twice in another case ('Big Ltd' and 'big  ltd') is one market engagement
response counted twice: it doubles the bidders for every lot it could bid for, and two units
'A' and 'a' are one district entered twice. Both are refused as duplicates, as the plan refuses
two lot ids differing only in case.
"""

from __future__ import annotations

from pathlib import Path

from tendereval.lot_splits import load_scenarios
from tests.scenarios.helpers import spec, write


def test_a_supplier_entered_twice_in_another_case_is_a_duplicate(tmp_path: Path) -> None:
    # Before: '4 potential suppliers', and 2 bidders for the single contract instead of 1.
    data = spec()
    data["suppliers"].append(dict(data["suppliers"][0], name="big  LTD"))
    _, problems = load_scenarios(write(tmp_path, data))
    assert [(p.cell, p.code, p.found) for p in problems] == [
        ("suppliers[3].name", "scenarios.duplicate", "big  LTD")
    ]
    assert "Big Ltd" in problems[0].message


def test_two_units_whose_ids_differ_only_in_case_are_a_duplicate(tmp_path: Path) -> None:
    data = spec()
    data["units"].append({"id": "a", "name": "Area A again", "volume": 1000, "true_cost": 20})
    _, problems = load_scenarios(write(tmp_path, data))
    assert [(p.cell, p.code, p.found) for p in problems] == [
        ("units[2].id", "scenarios.duplicate", "a")
    ]
    assert "'A'" in problems[0].message
