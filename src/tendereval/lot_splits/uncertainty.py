"""Price uncertainty: sample every supplier's price from its range and see how the answer moves.

A supplier with a ``price_range`` gets a price drawn from a triangular distribution between its
low and high, peaking at its indicative ``unit_price`` (uniform when no unit price was given,
since the peak is then the middle). Each supplier draws from its own random sequence, seeded
from the run's seed and the supplier's name, so the same file and seed always give the same
samples, and a supplier's samples do not change when the suppliers are put in another order or
one is added or removed; the seed is recorded in the workbook. Each sample is allocated with no
participation target, for every packaging.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

import polars as pl

from tendereval.lot_splits.market import build_market
from tendereval.lot_splits.model import Scenarios
from tendereval.lot_splits.outcome import expected_allocation, policy_for

SAMPLE_SCHEMA = {
    "packaging": pl.String,
    "sample": pl.Int64,
    "status": pl.String,
    "total_cost": pl.Float64,
    "sme_share": pl.Float64,
    "vcse_share": pl.Float64,
    "quality": pl.Float64,
}


def supplier_generator(seed: int, name: str) -> random.Random:
    """The random sequence of one supplier's prices: it depends on the seed and the supplier's
    name only. SHA-256 rather than ``hash()``, which Python salts afresh in every run."""
    digest = hashlib.sha256(f"{seed}\x00{name}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def sample_prices(model: Scenarios, samples: int, seed: int) -> list[dict[str, float]]:
    """``samples`` draws of every supplier's unit price (supplier name → price).

    A supplier's ``samples`` draws are the first ``samples`` of its own sequence, so fewer
    samples are the first of more, and no other supplier changes them."""
    prices: dict[str, list[float]] = {}
    for supplier in model.suppliers:
        if supplier.has_range:
            rng = supplier_generator(seed, supplier.name)
            prices[supplier.name] = [
                rng.triangular(supplier.price_low, supplier.price_high, supplier.unit_price)
                for _ in range(samples)
            ]
        else:
            prices[supplier.name] = [supplier.unit_price] * samples
    return [{name: drawn[number] for name, drawn in prices.items()} for number in range(samples)]


def run_samples(
    model: Scenarios,
    draws: list[dict[str, float]],
    solver: str = "cbc",
    time_limit: float | None = None,
    advance: Callable[[int], None] | None = None,
) -> pl.DataFrame:
    """One row per (packaging, sample): the allocation with the sampled prices."""
    rows = []
    for packaging in model.packagings:
        for number, prices in enumerate(draws, start=1):
            market = build_market(model, packaging, prices)
            outcome, _ = expected_allocation(
                model, market, policy_for(model, market), solver, time_limit
            )
            if advance is not None:
                advance(1)
            rows.append(
                {
                    "packaging": packaging.id,
                    "sample": number,
                    "status": outcome.status,
                    "total_cost": outcome.total_cost,
                    "sme_share": outcome.sme_share,
                    "vcse_share": outcome.vcse_share,
                    "quality": outcome.quality,
                }
            )
    return pl.DataFrame(rows, schema=SAMPLE_SCHEMA)


def ranges(samples: pl.DataFrame) -> pl.DataFrame:
    """Per packaging: lowest, median and highest of cost, shares and quality over the samples
    that could be allocated, and how many could."""
    measures = ("total_cost", "sme_share", "vcse_share", "quality")
    solved = samples.filter(pl.col("total_cost").is_not_null())
    return (
        samples.group_by("packaging", maintain_order=True)
        .agg(pl.len().alias("samples"), pl.col("total_cost").is_not_null().sum().alias("solved"))
        .join(
            solved.group_by("packaging").agg(
                *[
                    getattr(pl.col(m), stat)().alias(f"{m}_{label}")
                    for m in measures
                    for stat, label in (("min", "low"), ("median", "median"), ("max", "high"))
                ]
            ),
            on="packaging",
            how="left",
        )
    )
