"""Invariants of the award release for any tender (hypothesis): the bid statistics are the
counts of the score results, the publishable package names no bidder that won nothing and gives
no losing bid's price, every lot's award is the award decision's, and the package is valid OCDS
with every code in its codelist."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.errors import Problem
from tendereval.io import frames as F
from tendereval.ocds.release import release_package
from tendereval.scoring import score
from tendereval.tender import Tender

from ..scoring.builders import make_plan
from .ocds_schema import all_problems

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
# Q1 has a disqualifying minimum, so bids can be ranked, disqualified or (with an input
# error) invalid.
CRITERIA = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 60
  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 50
  scale = "five"
  minimum = 2
  disqualify_below_minimum = true
  [[criteria.questions]]
  id = "Q2"
  weight_of_parent = 50
  scale = "five"
"""
NAMES = ("Alder Care", "Birch Homes", "Cedar Support", "Damson Trust", "Elm Partners")
PUBLISHED_AT = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def tenders(draw) -> Tender:
    """Two lots; 1–5 suppliers bidding for some of them at drawn rates (equal rates and marks
    make ties); drawn marks (below 2 on Q1 disqualifies); some bids made invalid by an input
    error; each supplier an SME, large or unknown, and a VCSE or not."""
    plan = make_plan(criteria=CRITERIA, lots=TWO_LOTS, years=2)
    names = NAMES[: draw(st.integers(1, 5))]
    bids = [
        (name, lot)
        for name in names
        for lot in sorted(draw(st.sets(st.sampled_from(["L1", "L2"]), min_size=1)))
    ]
    # Few distinct rates and marks, so ties for first place (an undecided lot) are common.
    rates = draw(st.lists(st.sampled_from([10, 10, 12]), min_size=len(bids), max_size=len(bids)))
    marks = draw(
        st.lists(st.sampled_from([1, 3, 3, 4]), min_size=2 * len(bids), max_size=2 * len(bids))
    )
    same_lot = [(a, b) for a in range(len(bids)) for b in range(a) if bids[a][1] == bids[b][1]]
    if same_lot and draw(st.booleans()):  # two bids alike and best in every figure: a tie
        for i in draw(st.sampled_from(same_lot)):
            rates[i], marks[2 * i : 2 * i + 2] = 10, [4, 4]
    broken = draw(st.sets(st.sampled_from(bids), max_size=1))
    sizes = draw(st.lists(st.sampled_from([True, False, None]), min_size=5, max_size=5))
    vcse = draw(st.lists(st.booleans(), min_size=5, max_size=5))
    return Tender.from_frames(
        plan,
        problems=[
            Problem("a rate is not a number", file=f"bids/{s}.xlsx", supplier=s, lot=lot)
            for s, lot in sorted(broken)
        ],
        bids=F.frame(
            "bids", [{"supplier": s, "lot": lot, "source": f"bids/{s}.xlsx"} for s, lot in bids]
        ),
        prices=F.frame(
            "prices",
            [
                {
                    "supplier": s,
                    "lot": lot,
                    "item": "hours",
                    "unit_rate": float(rate),
                    "uplift": 0.0,
                    "volume": plan.lot(lot).volume("hours"),
                }
                for (s, lot), rate in zip(bids, rates, strict=True)
            ],
        ),
        scores=F.frame(
            "scores",
            [
                {
                    "evaluator": "Ann",
                    "group": "",
                    "supplier": s,
                    "lot": lot,
                    "question": q,
                    "score": float(marks[2 * b + j]),
                    "reason": f"Ann on {q}",
                    "source": "scores/ann.xlsx",
                    "cell": f"F{b}",
                }
                for b, (s, lot) in enumerate(bids)
                for j, q in enumerate(("Q1", "Q2"))
            ],
        ),
        declarations=F.frame(
            "declarations", [{"evaluator": "Ann", "conflict": "none", "conflicted_suppliers": []}]
        ),
        suppliers=F.frame(
            "suppliers",
            [
                {
                    "supplier": name,
                    "supplier_key": name.casefold(),
                    "sme": sizes[i],
                    "vcse": vcse[i],
                    "company_number": f"0{i}345678",
                }
                for i, name in enumerate(names)
            ],
        ),
    )


def _strings_and_numbers(value: Any, strings: list[str], numbers: list[float]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            strings.append(key)
            _strings_and_numbers(item, strings, numbers)
    elif isinstance(value, list):
        for item in value:
            _strings_and_numbers(item, strings, numbers)
    elif isinstance(value, str):
        strings.append(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        numbers.append(float(value))


@SETTINGS
@given(tenders())
def test_bid_statistics_are_the_counts_of_the_score_results(tender: Tender) -> None:
    result = score(tender, sensitivity=False)
    package = release_package(result, ocid="ocds-abc123-T-1", published_at=PUBLISHED_AT)
    stats = {
        (s["relatedLot"], s["measure"]): s["value"]
        for s in package["releases"][0]["bids"]["statistics"]
    }
    for lot in ("L1", "L2"):
        rows = [r for r in result.results.iter_rows(named=True) if r["lot"] == lot]
        assessed = [r for r in rows if r["status"] in ("ranked", "disqualified")]
        expected = {
            "bids": len(rows),
            "validBids": sum(r["status"] == "ranked" for r in rows),
            "disqualifiedBids": sum(r["status"] in ("disqualified", "invalid") for r in rows),
            "finalStageBids": len(assessed),
            "smeFinalStageBids": sum(r["sme"] is True for r in assessed),
            "vcseFinalStageBids": sum(r["vcse"] is True for r in assessed),
        }
        assert {m: stats[(lot, m)] for m in expected} == expected


@SETTINGS
@given(tenders())
def test_the_publishable_package_has_no_losing_bidder_and_follows_the_decision(
    tender: Tender,
) -> None:
    result = score(tender, sensitivity=False)
    package = release_package(result, ocid="ocds-abc123-T-1", published_at=PUBLISHED_AT)
    release = package["releases"][0]
    awards = {a["relatedLots"][0]: a for a in release["awards"]}
    for lot, decided in result.award.lots.items():
        if decided.outcome == "undecided":
            assert lot not in awards  # never published as awarded
        elif decided.outcome == "awarded":
            assert [s["name"] for s in awards[lot]["suppliers"]] == [decided.supplier]
        else:
            assert awards[lot]["status"] == "unsuccessful" and "suppliers" not in awards[lot]

    winners = {(lot, a.supplier) for lot, a in result.award.lots.items() if a.awarded}
    strings: list[str] = []
    numbers: list[float] = []
    _strings_and_numbers(package, strings, numbers)
    won_anything = {supplier for _, supplier in winners}
    for name in set(NAMES) - won_anything:
        assert not any(name in text for text in strings), name
    published = {a["value"]["amount"] for a in release["awards"] if "value" in a}
    losing = result.results.filter(
        ~pl.struct("lot", "supplier").map_elements(
            lambda r: (r["lot"], r["supplier"]) in winners, return_dtype=pl.Boolean
        )
    )
    for price in losing["evaluated_price"].drop_nulls().round(2):
        assert price in published or price not in numbers, price
    assert all_problems(package) == []


@SETTINGS
@given(tenders())
def test_the_internal_package_lists_every_bid_once_and_stays_valid(tender: Tender) -> None:
    result = score(tender, sensitivity=False)
    package = release_package(
        result, ocid="ocds-abc123-T-1", published_at=PUBLISHED_AT, internal=True
    )
    details = package["releases"][0]["bids"]["details"]
    assert len(details) == result.results.height
    statuses = [b["statusDetails"].split(" ")[0].rstrip(":") for b in details]
    assert statuses == result.results["status"].to_list()
    assert all_problems(package) == []
    assert json.loads(json.dumps(package)) == package
