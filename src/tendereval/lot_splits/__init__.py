"""Lot-split modelling for commissioners: compare ways of dividing a service into lots.

``run_scenarios("scenarios.toml")`` builds each packaging's market from the market model,
finds its expected allocation with the allocation optimiser, sweeps the SME/VCSE "price of
participation" frontier, samples the suppliers' price ranges and writes a reasons paragraph
for each packaging. ``tendereval.report.scenarios_excel.write_scenarios_workbook`` writes it
to Excel; ``tendereval scenarios`` does both from the command line.
"""

from tendereval.lot_splits.market import PackagingMarket, build_market
from tendereval.lot_splits.model import Packaging, Scenarios, Supplier, Unit, load_scenarios
from tendereval.lot_splits.run import ScenarioResult, planned_tasks, run_scenarios

__all__ = [
    "Packaging",
    "PackagingMarket",
    "ScenarioResult",
    "Scenarios",
    "Supplier",
    "Unit",
    "build_market",
    "load_scenarios",
    "planned_tasks",
    "run_scenarios",
]
