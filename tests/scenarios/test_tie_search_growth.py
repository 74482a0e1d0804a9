"""The expected allocation of a market of 50 districts, where lots of equal volume change hands
between suppliers at equal cost, in seconds: its search for ties ran for minutes.

The market is the first 50 of the red team's 75 home-care districts (34 suppliers, five serving
every district, capacity binding), with `sweep = []`, no price samples and one step, as their
repro ran it. Before, proving that no other allocation is as cheap (``_another_as_good``, then
``find_ties`` and ``_earliest_offers``) was searched by HiGHS with no objective to guide it: 37
processor seconds here, and over 2 minutes unfinished at 75 districts. Guided by the cost and
cut off beyond it (``AllocationModel._as_good``): about 4 s here, 43 s at 75."""

from __future__ import annotations

from pathlib import Path

from tendereval.lot_splits import run_scenarios
from tests.cpu_time import cpu_seconds
from tests.scenarios.helpers import write

# Thousands of hours a year, and the in-house cost an hour, of districts D001 … D050.
VOLUMES = [
    122,
    141,
    52,
    177,
    133,
    54,
    94,
    62,
    147,
    101,
    148,
    71,
    55,
    141,
    96,
    74,
    147,
    178,
    118,
    86,
    88,
    64,
    56,
    55,
    92,
    176,
    120,
    156,
    116,
    86,
    102,
    116,
    166,
    154,
    58,
    171,
    82,
    78,
    147,
    59,
    120,
    129,
    167,
    156,
    63,
    161,
    56,
    119,
    154,
    138,
]
TRUE_COSTS = [
    23.71,
    24.63,
    24.11,
    24.81,
    24.88,
    23.2,
    23.04,
    25.51,
    23.78,
    23.7,
    25.99,
    24.41,
    25.51,
    24.43,
    24.92,
    23.45,
    24.9,
    25.6,
    24.57,
    25.22,
    25.01,
    23.19,
    25.27,
    24.77,
    23.9,
    23.09,
    25.6,
    24.42,
    25.16,
    25.64,
    25.14,
    25.76,
    24.18,
    25.4,
    24.33,
    25.81,
    25.64,
    23.29,
    23.41,
    23.65,
    25.9,
    24.31,
    24.88,
    23.9,
    24.52,
    24.16,
    24.05,
    24.76,
    24.75,
    25.71,
]
# name, staff, turnover, VCSE, £ an hour, quality, capacity (thousand hours), districts served
SUPPLIERS = [
    ("Bluebell Home Care Ltd", 167, 2000000, False, 23.4, 72, 500, [5, 35, 40, 45]),
    ("Oakleaf Home Care CIC", 235, 9500000, True, 24.03, 76, 200, [32, 37]),
    ("Harbour Home Care Trust", 89, 1000000, True, 25.5, 62, 100, [6, 11, 26, 36]),
    ("Meadow Home Care Cooperative Ltd", 18, 7000000, True, 24.62, 73, 300, [13, 43, 48]),
    ("Riverside Home Care Group plc", 939, 60000000, False, 24.64, 70, 1200, "all"),
    ("Willow Home Care Ltd", 45, 13000000, False, 24.09, 72, 400, [10, 15, 30]),
    ("Heather Home Care CIC", 108, 18500000, True, 25.21, 63, 500, [2, 12, 17, 27, 42]),
    ("Kestrel Home Care Trust", 217, 17000000, True, 25.44, 68, 400, [11, 16, 21, 26, 41, 46]),
    ("Beacon Home Care Cooperative Ltd", 193, 8500000, True, 24.7, 69, 400, [18, 33]),
    ("Lantern Home Care Group plc", 2434, 127000000, False, 25.45, 77, 1200, "all"),
    ("Rowan Home Care Ltd", 116, 19500000, False, 23.33, 70, 100, [20, 30, 40]),
    ("Juniper Home Care CIC", 160, 5000000, True, 24.13, 61, 300, [7, 27]),
    ("Alder Home Care Trust", 183, 12000000, True, 24.33, 79, 300, [6, 11, 26, 31]),
    ("Hawthorn Home Care Cooperative Ltd", 15, 19500000, True, 24.92, 61, 100, [8, 13]),
    ("Marigold Home Care Group plc", 1328, 166000000, False, 25.42, 69, 2000, "all"),
    ("Foxglove Home Care Ltd", 55, 12500000, False, 24.62, 65, 300, [5, 20, 25]),
    ("Linden Home Care CIC", 226, 9000000, True, 24.97, 69, 400, [2, 12, 22, 27, 32, 42]),
    ("Cedar Home Care Trust", 218, 1500000, True, 23.53, 78, 200, [11, 41]),
    ("Bramble Home Care Cooperative Ltd", 66, 9500000, True, 23.98, 67, 300, [3, 13, 48]),
    ("Thistle Home Care Group plc", 2082, 74000000, False, 23.71, 63, 2100, "all"),
    ("Primrose Home Care Ltd", 95, 8000000, False, 24.01, 74, 200, [10, 45]),
    ("Ivy Home Care CIC", 199, 7500000, True, 23.48, 78, 400, [27, 37, 47]),
    ("Aspen Home Care Trust", 211, 4500000, True, 23.9, 61, 500, [21, 36, 41]),
    ("Hazel Home Care Cooperative Ltd", 90, 19000000, True, 25.41, 65, 300, [18, 23, 38, 43]),
    ("Holly Home Care Group plc", 2929, 71000000, False, 24.05, 79, 1300, "all"),
    ("Larch Home Care Ltd", 117, 10000000, False, 24.6, 76, 300, [10, 15, 20, 35, 40]),
    ("Maple Home Care CIC", 172, 14000000, True, 24.32, 69, 400, [32, 42]),
    ("Poplar Home Care Trust", 19, 14000000, True, 24.55, 64, 200, [1, 6, 26]),
    ("Sorrel Home Care Cooperative Ltd", 223, 17000000, True, 23.31, 73, 500, [3, 28, 33, 43, 48]),
    ("Teasel Home Care Group plc", 1209, 58000000, False, 25.39, 83, 1600, "all"),
    ("Bluebell 2 Home Care Ltd", 179, 17500000, False, 25.14, 69, 500, [15, 30, 40, 45, 50]),
    ("Oakleaf 2 Home Care CIC", 68, 3000000, True, 24.05, 78, 300, [2, 7, 12, 22, 32, 47]),
    ("Harbour 2 Home Care Trust", 72, 2000000, True, 23.56, 61, 500, [6, 21]),
    (
        "Meadow 2 Home Care Cooperative Ltd",
        239,
        14500000,
        True,
        25.33,
        78,
        100,
        [3, 13, 18, 23, 33, 43, 48],
    ),
]


def fifty_districts() -> dict:
    units = [
        {"id": f"D{n:03d}", "name": f"District {n}", "volume": v * 1000, "true_cost": c}
        for n, (v, c) in enumerate(zip(VOLUMES, TRUE_COSTS, strict=True), start=1)
    ]
    suppliers = [
        {
            "name": name,
            "staff": staff,
            "turnover": turnover,
            "vcse": vcse,
            "unit_price": price,
            "quality": quality,
            "capacity": capacity * 1000,
            "serves": serves if serves == "all" else [f"D{n:03d}" for n in serves],
        }
        for name, staff, turnover, vcse, price, quality, capacity, serves in SUPPLIERS
    ]
    return {
        "scenario": {
            "title": "Home care by district",
            "buyer": "Example County Council",
            "volume_unit": "hours",
            "contract_years": 3,
            "contract_management_cost": 40000,
            "objective": "cost",
        },
        "units": units,
        "packagings": [{"id": "districts", "name": "district lots", "lots": "per_unit"}],
        "market": {
            "reference_volume": 200000,
            "elasticity": 0.02,
            "min_multiplier": 0.94,
            "max_multiplier": 1.04,
            "max_share_of_turnover": 0.5,
        },
        "participation": {"sweep": [], "steps": 1},
        "suppliers": suppliers,
    }


def test_fifty_districts_with_swapping_ties_are_modelled_in_seconds(tmp_path: Path) -> None:
    path = write(tmp_path, fifty_districts())
    started = cpu_seconds()
    result = run_scenarios(path, samples=0, steps=1, solver="highs")
    seconds = cpu_seconds() - started
    (item,) = result.packagings
    # Proved the cheapest, ties settled by offer order both ways round (the search finished).
    assert item.expected.status == "optimal"
    assert item.expected.tie_break_complete
    assert item.expected.sme_share_other_way is not None
    assert seconds < 15, f"{seconds:.1f} processor seconds for 50 districts (was 37)"
