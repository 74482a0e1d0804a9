"""A hand-built ScoreResult with numbers chosen in the test, so the report tests do not depend
on the scoring engine. Four suppliers with distinctive names and prices bid for two lots; a
fifth sent a file nobody could read."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tendereval.io.frames import frame, supplier_key
from tendereval.plan import load_plan
from tendereval.scoring.result import RESULT_SCHEMAS, ScoreResult

PLAN = """
[tender]
id = "KCC/2026/017"
title = "Carers' short breaks"
buyer = "Kent County Council"
regime = "PA2023"
contract_years = 3

[approval]
approved_by = "Adult Social Care Cabinet Committee"
approved_on = 2026-01-14
weights_set_by = "Head of Commissioning"

[[lots]]
id = "L1"
name = "East Kent"
volumes = { care_hours = 10000 }

[[lots]]
id = "L2"
name = "West Kent"
volumes = { care_hours = 10000 }

[price]
method = "lowest_price_ratio"

[[price.items]]
id = "care_hours"
description = "Hours of short-break care"
unit = "hour"

[scales.five_point]
values = [0, 1, 2, 3, 4, 5]
descriptors = { "0" = "No response", "3" = "Satisfactory", "5" = "Excellent" }

[[criteria]]
id = "price"
title = "Price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
title = "Quality"
type = "quality"
weight_of_total = 40

  [[criteria.questions]]
  id = "Q1"
  title = "Service delivery model"
  weight_of_parent = 50
  scale = "five_point"
  minimum = 2
  disqualify_below_minimum = true

  [[criteria.questions]]
  id = "Q2"
  title = "Safeguarding"
  weight_of_parent = 50
  scale = "five_point"

[[criteria]]
id = "social_value"
title = "Social value"
type = "social_value"
weight_of_total = 20

  [[criteria.questions]]
  id = "SV1"
  title = "Well-being of the area"
  weight_of_parent = 50
  scale = "five_point"

  [[criteria.questions]]
  id = "SV2"
  title = "Social value commitments"
  weight_of_parent = 50
  kind = "commitments"

[social_value]
method = "relative_to_best"
proxy_table = "social-value-proxies-2026.csv"

[ranking]
tie_break = ["quality", "price"]
"""

ALDEBARAN = "Aldebaran Care Ltd"
BETELGEUSE = "Betelgeuse Homecare CIC"
CAPELLA = "Capella Support Services"
DENEB = '=HYPERLINK("http://example.invalid","Deneb Care")'
ERIDANI = "Eridani Respite Partnership"
SUPPLIERS = (ALDEBARAN, BETELGEUSE, CAPELLA, DENEB, ERIDANI)
WEIGHTS = {"price": 40.0, "Q1": 20.0, "Q2": 20.0, "SV1": 10.0, "SV2": 10.0}
PILLAR = {
    "price": "price",
    "Q1": "quality",
    "Q2": "quality",
    "SV1": "social_value",
    "SV2": "social_value",
}
KIND = {
    "price": "price",
    "Q1": "question",
    "Q2": "question",
    "SV1": "question",
    "SV2": "commitments",
}
LOWEST = {"L1": 412_345.67, "L2": 301_234.89}
ROW = {"L1": 5, "L2": 6}  # each lot's row on a bid's Prices and Social value sheets


def bid_file(supplier: str) -> str:
    return f"bids/{supplier_key(supplier)[:8]}.xlsx"


# lot, supplier, status, evaluated price, question scores (Q1, Q2, SV1 on 0-5), £ social value
BIDS = [
    ("L1", ALDEBARAN, "ranked", 412_345.67, (4, 3, 4), 52_000.0),
    ("L1", BETELGEUSE, "ranked", 453_580.24, (5, 4, 3), 26_000.0),
    ("L1", DENEB, "ranked", 498_765.43, (2, 2, 2), 13_000.0),
    ("L1", CAPELLA, "disqualified", 471_234.56, (1, 3, 3), 39_000.0),
    ("L2", BETELGEUSE, "ranked", 301_234.89, (4, 4, 3), 61_000.0),
    ("L2", ALDEBARAN, "ranked", 333_333.33, (3, 3, 4), 24_400.0),
]
BEST_SV = {"L1": 52_000.0, "L2": 61_000.0}


def _criteria_rows(
    lot: str, supplier: str, price: float, marks: tuple[int, int, int], sv_amount: float
) -> list[dict]:
    fractions = {
        "price": LOWEST[lot] / price,
        "Q1": marks[0] / 5,
        "Q2": marks[1] / 5,
        "SV1": marks[2] / 5,
        "SV2": sv_amount / BEST_SV[lot],
    }
    raw = {"price": price, "Q1": marks[0], "Q2": marks[1], "SV1": marks[2], "SV2": sv_amount}
    return [
        {
            "lot": lot,
            "supplier": supplier,
            "criterion": c,
            "pillar": PILLAR[c],
            "kind": KIND[c],
            "raw_score": float(raw[c]),
            "fraction": f,
            "effective_weight": WEIGHTS[c],
            "weighted": f * WEIGHTS[c],
            "basis": "formula" if c in ("price", "SV2") else "consensus",
            "reason": f"{supplier} {lot} {c}: explanation number {len(supplier)}{lot}{c}",
            "below_minimum": c == "Q1" and marks[0] < 2,
        }
        for c, f in fractions.items()
    ]


def build_result(tmp_path: Path) -> ScoreResult:
    """The worked example every report test uses."""
    plan_file = tmp_path / "tender.toml"
    plan_file.write_text(PLAN, encoding="utf-8")
    plan, problems = load_plan(plan_file)
    assert plan is not None, [str(p) for p in problems]

    criteria = [r for bid in BIDS for r in _criteria_rows(bid[0], bid[1], bid[3], bid[4], bid[5])]
    crit = pl.DataFrame(criteria, schema=RESULT_SCHEMAS["criteria"])
    pillars = crit.group_by("lot", "supplier").agg(
        *(
            pl.col("weighted").filter(pl.col("pillar") == p).sum().alias(f"{p}_score")
            for p in ("price", "quality", "social_value")
        )
    )
    results = []
    for lot, supplier, status, price, _, sv in BIDS:
        p = pillars.filter((pl.col("lot") == lot) & (pl.col("supplier") == supplier)).row(
            0, named=True
        )
        total = p["price_score"] + p["quality_score"] + p["social_value_score"]
        results.append(
            {
                "lot": lot,
                "supplier": supplier,
                "status": status,
                "total": total,
                "price_score": p["price_score"],
                "quality_score": p["quality_score"],
                "social_value_score": p["social_value_score"],
                "evaluated_price": price,
                "social_value_amount": sv,
                "reasons": ["Q1 scored 1, below the minimum of 2 (disqualifies)"]
                if status == "disqualified"
                else [],
                "flags": ["discrepancy"] if supplier == DENEB else [],
                "sme": supplier in (BETELGEUSE, DENEB),
                "vcse": supplier == BETELGEUSE,
                "source": bid_file(supplier),
            }
        )
    results.append(
        {
            "lot": "L2",
            "supplier": CAPELLA,
            "status": "invalid",
            "reasons": ["the unit rate for care_hours is not a number"],
            "flags": [],
            "sme": False,
            "vcse": False,
            "source": "bids/capella.xlsx",
        }
    )
    results.append(
        {
            "lot": None,
            "supplier": ERIDANI,
            "status": "invalid",
            "reasons": ["the file could not be opened: it is password-protected"],
            "flags": [],
            "sme": None,
            "vcse": None,
            "source": "bids/eridani.xlsx",
        }
    )
    res = pl.DataFrame(results, schema=RESULT_SCHEMAS["results"])
    # Rank per lot by total (no ties in this example), margin for the winner.
    ranked = (
        res.filter(pl.col("status") == "ranked")
        .with_columns(
            pl.col("total")
            .rank("ordinal", descending=True)
            .over("lot")
            .cast(pl.Int64)
            .alias("rank")
        )
        .with_columns(
            (pl.col("total") - pl.col("total").sort(descending=True).get(1).over("lot")).alias(
                "margin_to_next"
            )
        )
        .with_columns(
            pl.when(pl.col("rank") == 1).then(pl.col("margin_to_next")).alias("margin_to_next")
        )
    )
    res = pl.concat([ranked, res.filter(pl.col("status") != "ranked")]).sort("lot", "supplier")

    questions = ("Q1", "Q2", "SV1")
    evaluator_rows, moderation_rows = [], []
    for lot, supplier, _, _, marks, _ in BIDS:
        for q, mark in zip(questions, marks, strict=True):
            bob = max(0, mark - 3) if supplier == DENEB and q == "Q1" else mark
            for evaluator, score in (("Evaluator Ann Quill", mark), ("Evaluator Bob Reed", bob)):
                evaluator_rows.append(
                    {
                        "lot": lot,
                        "supplier": supplier,
                        "question": q,
                        "evaluator": evaluator,
                        "group": "",
                        "score": float(score),
                        "reason": f"{evaluator} on {q}",
                        "counted": True,
                        "source": f"scores/{evaluator[10:13].lower()}.xlsx",
                        "cell": "Scores › F7",
                    }
                )
            low, high = min(mark, bob), max(mark, bob)
            moderation_rows.append(
                {
                    "lot": lot,
                    "supplier": supplier,
                    "question": q,
                    "evaluators": 2,
                    "lowest": float(low),
                    "highest": float(high),
                    "spread": float(high - low),
                    "discrepancy": high - low > 2,
                    "aggregate": (mark + bob) / 2,
                    "consensus": float(mark),
                    "consensus_reason": f"{supplier} {lot} {q}: agreed",
                    "moderated_by": "Cara Chair",
                    "final": float(mark),
                    "source": "scores/moderation.xlsx",
                    "cell": "Moderation › D5",
                }
            )
    price_rows = [
        {
            "lot": lot,
            "supplier": s,
            "item": "care_hours",
            "volume": 10_000.0,
            "unit_rate": price / 30_000,
            "uplift": 0.0,
            "years": 3,
            "discount_rate": 0.0,
            "item_price": price,
            "source": bid_file(s),
            "rate_cell": f"Prices › G{ROW[lot]}",
            "uplift_cell": f"Prices › H{ROW[lot]}",
            "volume_source": "tender.toml",
            "volume_cell": f"lots › {lot} › volumes.care_hours",
        }
        for lot, s, _, price, _, _ in BIDS
    ]
    sv_rows = [
        {
            "lot": lot,
            "supplier": s,
            "measure": "NT1",
            "units": sv / 1000,
            "proxy_value": 1000.0,
            "amount": sv,
            "proxy_version": "2026 illustrative",
            "source": bid_file(s),
            "cell": f"Social value › C{ROW[lot]}",
        }
        for lot, s, _, _, _, sv in BIDS
    ]
    flags = [
        {
            "lot": "L1",
            "supplier": DENEB,
            "code": "discrepancy",
            "message": "Q1: the evaluators' scores differ by 3 points of a 0–5 scale",
            "severity": "warning",
            "where": "scores/bob.xlsx › Scores › F7",
        }
    ]
    tipping = [
        {
            "lot": "L1",
            "supplier": BETELGEUSE,
            "pillar": "quality",
            "weight_now": 40.0,
            "weight_to_win": 55.5,
            "change": 15.5,
        }
    ]
    probability = [
        {"lot": "L1", "supplier": ALDEBARAN, "probability": 0.8, "samples": 1000, "seed": 42},
        {"lot": "L1", "supplier": BETELGEUSE, "probability": 0.2, "samples": 1000, "seed": 42},
    ]
    reversal = [
        {
            "lot": "L1",
            "removed": DENEB,
            "winner_before": ALDEBARAN,
            "winner_after": ALDEBARAN,
            "outcome_after": "awarded",
            "changed": False,
        }
    ]
    suppliers = frame(
        "suppliers",
        [
            {
                "supplier": s,
                "supplier_key": supplier_key(s),
                "address": f"{i} High Street, Maidstone",
                "company_number": f"0{i}123456",
            }
            for i, s in enumerate(SUPPLIERS, start=1)
        ],
    )
    inputs = frame(
        "inputs",
        [
            {"path": "tender.toml", "kind": "plan", "sha256": "a" * 64, "bytes": 1000},
            {"path": "bids/aldebaran.xlsx", "kind": "bid", "sha256": "b" * 64, "bytes": 2000},
        ],
    )

    def df(name: str, rows: list[dict]) -> pl.DataFrame:
        return (
            pl.DataFrame(rows, schema=RESULT_SCHEMAS[name])
            if rows
            else pl.DataFrame(schema=RESULT_SCHEMAS[name])
        )

    return ScoreResult(
        plan=plan,
        results=res,
        criteria=crit,
        sub_totals=df("sub_totals", []),  # the plan has no sub-criterion grouping others
        evaluator_scores=df("evaluator_scores", evaluator_rows),
        moderation=df("moderation", moderation_rows),
        price_breakdown=df("price_breakdown", price_rows),
        social_value=df("social_value", sv_rows),
        flags=df("flags", flags),
        tipping_points=df("tipping_points", tipping),
        win_probability=df("win_probability", probability),
        rank_reversal=df("rank_reversal", reversal),
        inputs=inputs,
        suppliers=suppliers,
        problems=[],
        settings={
            "seed": 42,
            "samples": 1000,
            "run_time": "2026-03-01T10:00:00+00:00",
            "versions": {"tendereval": "0.1.0"},
        },
    )
