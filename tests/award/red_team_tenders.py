"""Small tender folders in the consolidated CSV form (``evaluation/``), for the red-team tests
of the decision every command shares: one price item (hours), one question Q1 on 0–5, one
evaluator scoring every bid.

``Bid(supplier, lot, rate, q1)``: the bid's hourly rate and its Q1 score.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

PLAN = """
[tender]
id = "RT-1"
title = "Red team tender"
buyer = "Test Council"
regime = "PA2023"
contract_years = 2

[approval]
approved_by = "Cabinet Committee"
approved_on = 2026-09-14

[price]
method = "lowest_price_ratio"

[[price.items]]
id = "hours"
description = "Hours"
unit = "hour"

[scales.five]
values = [0, 1, 2, 3, 4, 5]

[[criteria]]
id = "price"
type = "price"
title = "Price"
weight_of_total = 60

[[criteria]]
id = "quality"
type = "quality"
title = "Quality"
weight_of_total = 40
  [[criteria.questions]]
  id = "Q1"
  title = "Service"
  weight_of_parent = 100
  scale = "five"

[ranking]
tie_break = ["quality", "price"]
"""


@dataclass(frozen=True)
class Bid:
    supplier: str
    lot: str
    rate: float | str
    q1: int = 3


def lots_toml(lots: list[str], values: dict[str, float] | None = None) -> str:
    values = values or {}
    text = ""
    for lot in lots:
        text += f'\n[[lots]]\nid = "{lot}"\nname = "Lot {lot}"\n'
        if lot in values:
            text += f"estimated_value = {values[lot]}\n"
        text += "volumes = { hours = 1000 }\n"
    return text


def tender_folder(
    folder: Path, lots: list[str], bids: list[Bid], *, plan: str = PLAN, extra: str = ""
) -> Path:
    """``folder`` with the plan (``plan`` + the lots + ``extra``) and ``bids``."""
    out = folder / "evaluation"
    out.mkdir(parents=True, exist_ok=True)
    (folder / "tender.toml").write_text(plan + lots_toml(lots) + extra, encoding="utf-8")
    suppliers = list(dict.fromkeys(b.supplier for b in bids))
    _write(
        out / "suppliers.csv",
        ["supplier", "legal_name", "address", "org_type", "vcse", "staff", "turnover",
         "balance_sheet"],
        [[s, s, "1 High Street", "private company", "no", 10, 100_000, 50_000]
         for s in suppliers],
    )  # fmt: skip
    _write(
        out / "prices.csv",
        ["supplier", "lot", "item", "unit_rate", "uplift"],
        [[b.supplier, b.lot, "hours", b.rate, 0] for b in bids],
    )
    _write(
        out / "scores.csv",
        ["evaluator", "supplier", "lot", "question", "score", "reason"],
        [["Ann Evans", b.supplier, b.lot, "Q1", b.q1, "Ann's reason"] for b in bids],
    )
    _write(
        out / "declarations.csv",
        ["evaluator", "declared_on", "conflict"],
        [["Ann Evans", "2026-09-20", "none"]],
    )
    return folder


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
