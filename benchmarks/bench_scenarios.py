"""Benchmark the lot-split scenarios against HiGHS called directly on the same allocations.

``tendereval.scenarios`` compares ways of packaging a service into lots: for every packaging
it builds the market, allocates it (and twice again with exact ties the other way round), finds the
most attainable SME share, sweeps the price-of-participation frontier and allocates every
price sample. Every one of those is an ``allocate()`` call, so the run is a few dozen to a few
hundred allocations of a few hundred offers each.

The market is generated from a fixed seed, so every run models the same file: units of a
county service (30,000-150,000 hours a year each) and a market engagement response from
national providers (serving every unit, some with a capacity), regional providers (a stretch
of neighbouring units, with a capacity), local SMEs (one to four units) and VCSEs, packaged
four ways (one contract, one lot per unit, areas of five units, areas of ten).

The reference is the same work without tendereval: every allocation model ``scenarios()``
solved, recorded as it ran (the offers and the policy handed to ``allocate``), solved again
by HiGHS called directly (``reference_solvers.highs_direct``: every level of the objective
and tie-break, the constrained and the unconstrained answer). The ratio is ``scenarios()``'s
whole time, market building and reasons included, over the direct solves' sum; each direct
first level is checked against ``allocate``'s.

Run:  python benchmarks/bench_scenarios.py [--quick]
From code:  ``run(quick=True)`` prints the table and returns the measurement.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import reference_solvers as reference

import tendereval
from tendereval.allocation import AllocationResult, Policy
from tendereval.allocation.solvers import default_solver
from tendereval.lot_splits import outcome

SEED = 20261206
TIME_LIMIT = 60.0  # seconds per direct solver run
FULL = {"units": 40, "suppliers": 60, "steps": 4, "samples": 4}
QUICK = {"units": 10, "suppliers": 16, "steps": 2, "samples": 1}


@dataclass
class Measurement:
    """One timed ``scenarios()`` run and the same allocation models solved directly."""

    units: int
    suppliers: int
    solver: str
    seconds: float  # scenarios(), the whole call
    allocations: int  # allocate() calls it made
    allocate_seconds: float  # the time spent inside them
    direct_seconds: float | None  # HiGHS direct on the same models (None: highspy missing)
    agreed: int  # allocations whose first level HiGHS direct proved equal

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.direct_seconds if self.direct_seconds else None


def market(units: int, suppliers: int, seed: int = SEED) -> dict[str, Any]:
    """A scenarios file as a dict (see docs/scenarios.md): ``units`` units in a row (a unit's
    neighbours are the next ones), ``suppliers`` suppliers of four kinds, four packagings.

    Every unit is served by the national providers, so every lot of every packaging has a
    bidder; their capacities (and the regional ones') make the capacity rows bind."""
    rng = random.Random(seed * 1_000 + units)
    ids = [f"U{n:02d}" for n in range(1, units + 1)]
    volume = {unit: rng.randrange(30_000, 150_000, 1_000) for unit in ids}
    cost = {unit: round(rng.uniform(22, 26), 2) for unit in ids}
    total = sum(volume.values())
    return {
        "scenario": {
            "title": f"Benchmark market, {units} units and {suppliers} suppliers",
            "contract_years": 5,
            "contract_management_cost": 40_000,
        },
        "market": {"elasticity": 0.03, "max_share_of_turnover": 0.5},
        # Steps and samples are the run's (scenarios() overrides the file's).
        "participation": {"sweep": ["sme"]},
        "uncertainty": {"seed": seed},
        "units": [
            {"id": unit, "name": f"Unit {unit}", "volume": volume[unit], "true_cost": cost[unit]}
            for unit in ids
        ],
        "packagings": [
            {"id": "single", "name": "one contract", "lots": "single"},
            {"id": "units", "name": "one lot per unit", "lots": "per_unit"},
            {"id": "fives", "name": "areas of five units", "lots": _areas(ids, 5)},
            {"id": "tens", "name": "areas of ten units", "lots": _areas(ids, 10)},
        ],
        "suppliers": [_supplier(n, ids, volume, cost, total, rng) for n in range(suppliers)],
    }


def _areas(ids: list[str], size: int) -> dict[str, list[str]]:
    return {f"A{n // size + 1:02d}": ids[n : n + size] for n in range(0, len(ids), size)}


def _supplier(
    number: int,
    ids: list[str],
    volume: dict[str, int],
    cost: dict[str, float],
    total: int,
    rng: random.Random,
) -> dict[str, Any]:
    """One market engagement response: national (every 6th), regional (every 3rd of the rest),
    local SMEs and a VCSE among every 5th of those."""
    mean_cost = sum(cost.values()) / len(cost)
    price = round(mean_cost * rng.uniform(0.92, 1.12), 2)
    entry: dict[str, Any] = {
        "name": f"Provider {number + 1:03d} Ltd",
        "unit_price": price,
        "price_range": [round(price * 0.95, 2), round(price * 1.07, 2)],
        "quality": round(min(90.0, max(40.0, rng.gauss(65, 8))), 1),
    }
    if number % 6 == 0:
        # National: large enough for one county-wide contract; a third of them with capacity.
        entry |= {"staff": rng.randint(800, 5_000), "turnover": round(total * mean_cost * 3)}
        if number % 18 == 0:
            entry["capacity"] = round(total * rng.uniform(0.3, 0.6))
        return entry
    start = rng.randrange(len(ids))
    if number % 3 == 0:
        serves = ids[start : start + rng.randint(5, 12)]
        served = sum(volume[u] for u in serves)
        entry |= {
            "staff": rng.randint(50, 400),
            "turnover": round(served * mean_cost * rng.uniform(1.5, 3)),
            "capacity": round(served * rng.uniform(0.4, 0.9)),
        }
    else:
        serves = ids[start : start + rng.randint(1, 4)]
        served = sum(volume[u] for u in serves)
        entry |= {"staff": rng.randint(15, 240), "turnover": round(served * mean_cost * 2.5)}
        if number % 5 == 0:
            entry["vcse"] = True
    entry["serves"] = serves
    return entry


def toml_text(data: dict[str, Any]) -> str:
    """TOML for ``data``: tables of scalars, lists and inline tables, and arrays of tables."""
    lines: list[str] = []
    for key, value in data.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            lines.append(f"[[{key}]]" if isinstance(value, list) else f"[{key}]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in item.items()]
            lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


def recorded_scenarios(
    path: Path, steps: int, samples: int
) -> tuple[float, list[tuple[pl.DataFrame, Policy, AllocationResult, float]]]:
    """``tendereval.scenarios(path)``'s seconds, and every allocation it made: the offers and
    policy handed to ``allocate``, its result and its seconds (recorded around the one
    ``allocate`` the lot-split outcomes call, so nothing else changes)."""
    made: list[tuple[pl.DataFrame, Policy, AllocationResult, float]] = []
    allocate = outcome.allocate

    def recording(offers: pl.DataFrame, policy: Policy, **options: Any) -> AllocationResult:
        started = time.perf_counter()
        result = allocate(offers, policy, **options)
        made.append((offers, policy, result, time.perf_counter() - started))
        return result

    outcome.allocate = recording  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        tendereval.scenarios(path, steps=steps, samples=samples)
        seconds = time.perf_counter() - started
    finally:
        outcome.allocate = allocate
    return seconds, made


def first_level(result: AllocationResult, policy: Policy) -> int | None:
    """The first level's value in whole units, as HiGHS direct reports it."""
    if not result.solved:
        return None
    if policy.objective == "score":
        return round(result.total_score * 10_000)
    return round(result.totals.total_cost * 100)


def measure(units: int, suppliers: int, steps: int, samples: int) -> Measurement:
    """Time ``scenarios()`` on the generated market, then its allocations solved directly."""
    with tempfile.TemporaryDirectory(prefix="tendereval-bench-") as folder:
        path = Path(folder) / "scenarios.toml"
        path.write_text(toml_text(market(units, suppliers)), encoding="utf-8")
        seconds, made = recorded_scenarios(path, steps, samples)
    direct_seconds, agreed = None, 0
    if reference.highs_available():
        direct_seconds = 0.0
        for offers, policy, result, _ in made:
            run = reference.highs_direct(offers, policy, TIME_LIMIT)
            direct_seconds += run.seconds
            both_proved = result.status == run.status == "optimal"
            same = run.objective is not None and first_level(result, policy) == round(run.objective)
            agreed += both_proved and same
    return Measurement(
        units,
        suppliers,
        default_solver(),
        seconds,
        len(made),
        sum(took for *_, took in made),
        direct_seconds,
        agreed,
    )


def report(m: Measurement, steps: int, samples: int) -> str:
    """The step's table: the run, the reference and the ratio."""
    lines = [
        f"market: {m.units} units, {m.suppliers} suppliers, 4 packagings (seed {SEED}); "
        f"{steps} frontier steps, {samples} price samples",
        f"scenarios() ({m.solver}){'':<24}{m.seconds:8.2f} s   {m.allocations} allocations, "
        f"{m.allocate_seconds:.2f} s of it in allocate()",
    ]
    if m.direct_seconds is None:
        lines.append("HiGHS direct: highspy is not installed, no reference")
        return "\n".join(lines)
    lines += [
        f"HiGHS direct, the same {m.allocations} allocation models {m.direct_seconds:8.2f} s   "
        f"first level equal and proved in {m.agreed} of {m.allocations}",
        f"scenarios() vs HiGHS direct: {m.ratio:.2f}x; allocate() alone vs HiGHS direct: "
        f"{m.allocate_seconds / m.direct_seconds:.2f}x",
    ]
    return "\n".join(lines)


def run(quick: bool = False) -> Measurement:
    """Measure the full (or quick) market, print the table and return the measurement."""
    size = QUICK if quick else FULL
    print("\n== Lot-split scenarios ==", flush=True)
    measured = measure(size["units"], size["suppliers"], size["steps"], size["samples"])
    print(report(measured, size["steps"], size["samples"]))
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller market")
    run(quick=parser.parse_args().quick)


if __name__ == "__main__":
    main()
