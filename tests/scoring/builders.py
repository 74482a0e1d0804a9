"""Build small plans and tenders directly from frames, for the scoring tests."""

from __future__ import annotations

import tomllib

from tendereval.errors import Problems
from tendereval.io import frames as F
from tendereval.plan import Plan, parse_plan
from tendereval.tender import Tender

HEAD = """
[tender]
id = "T-1"
title = "Test tender"
buyer = "Test Council"
contract_years = {years}

[approval]
approved_by = "Cabinet Committee"
approved_on = 2026-09-14

[[price.items]]
id = "hours"
description = "Hours"
unit = "hour"

[scales.five]
values = [0, 1, 2, 3, 4, 5]
"""

LOTS = """
[[lots]]
id = "L1"
name = "Lot one"
volumes = {{ hours = {volume} }}
"""

# Two lots, North and South, priced by the hour.
TWO_LOTS = """
[[lots]]
id = "L1"
name = "North"
volumes = { hours = 1000 }

[[lots]]
id = "L2"
name = "South"
volumes = { hours = 2000 }
"""

# Price 40, quality 40 (Q1, Q2 at 20 each), social value 20 (SV1): the 40-40-20 preset.
CRITERIA_40_40_20 = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 40
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 50
  scale = "five"
  [[criteria.questions]]
  id = "Q2"
  weight_of_parent = 50
  scale = "five"

[[criteria]]
id = "social_value"
type = "social_value"
weight_of_total = 20
  [[criteria.questions]]
  id = "SV1"
  weight_of_parent = 100
  scale = "five"
"""


def make_plan(
    extra: str = "",
    criteria: str = CRITERIA_40_40_20,
    *,
    years: int = 1,
    lots: str | None = None,
    volume: float = 1000,
) -> Plan:
    """A plan from TOML pieces; fails the test if the plan has errors."""
    text = HEAD.format(years=years) + (lots if lots is not None else LOTS.format(volume=volume))
    text += extra + criteria
    problems = Problems()
    plan = parse_plan(tomllib.loads(text), "tender.toml", problems)
    assert plan is not None, [str(p) for p in problems.errors]
    return plan


def tender(
    plan: Plan,
    *,
    rates: dict[str, float] | dict[tuple[str, str], float],
    marks: dict[tuple[str, str], float] | None = None,
    evaluators: tuple[str, ...] = ("Eve",),
    **frames,
) -> Tender:
    """Bids, prices and declarations for ``rates`` ({supplier: rate} for lot L1, or
    {(supplier, lot): rate}); ``scores`` {(supplier, question): score} given by every evaluator
    in ``evaluators`` (default: 3 for every question). Frames given by name (``scores=``,
    ``prices=`` …) replace the built ones."""
    keyed = {(k, "L1") if isinstance(k, str) else k: v for k, v in rates.items()}
    built = {
        "bids": F.frame(
            "bids", [{"supplier": s, "lot": lot, "source": f"bids/{s}.xlsx"} for s, lot in keyed]
        ),
        "prices": F.frame(
            "prices",
            [
                {
                    "supplier": s,
                    "lot": lot,
                    "item": "hours",
                    "unit_rate": rate,
                    "uplift": 0.0,
                    "volume": plan.lot(lot).volume("hours"),
                }
                for (s, lot), rate in keyed.items()
            ],
        ),
        "declarations": F.frame(
            "declarations",
            [
                {"evaluator": e, "group": "", "conflict": "none", "conflicted_suppliers": []}
                for e in evaluators
            ],
        ),
    }
    marks = marks or {}
    rows = []
    for s, lot in keyed:
        for q in plan.questions():
            for e in evaluators:
                rows.append(
                    {
                        "evaluator": e,
                        "group": "",
                        "supplier": s,
                        "lot": lot,
                        "question": q.id,
                        "score": marks.get((s, q.id), 3.0),
                        "reason": f"{e} on {q.id}",
                        "source": f"scores/{e}.xlsx",
                        "cell": "C5",
                    }
                )
    built["scores"] = F.frame("scores", rows)
    built.update(frames)
    return Tender.from_frames(plan, **built)


def bid_frames(
    plan: Plan, bids: list[tuple[str, str]], rates: list[float], uplift: float = 0.0
) -> dict:
    """The ``bids`` and ``prices`` frames for (supplier, lot) bids at these hourly rates."""
    return {
        "bids": F.frame(
            "bids", [{"supplier": s, "lot": lot, "source": f"bids/{s}.xlsx"} for s, lot in bids]
        ),
        "prices": F.frame(
            "prices",
            [
                {
                    "supplier": s,
                    "lot": lot,
                    "item": "hours",
                    "unit_rate": float(rate),
                    "uplift": uplift,
                    "volume": plan.lot(lot).volume("hours"),
                }
                for (s, lot), rate in zip(bids, rates, strict=True)
            ],
        ),
    }
