"""The price-of-participation frontier never falls as the target rises; samples repeat exactly
for the same seed."""

from __future__ import annotations

import itertools
import tempfile
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.lot_splits import Scenarios, build_market, run_scenarios
from tendereval.lot_splits.frontier import sweep, targets
from tendereval.lot_splits.outcome import highest_share
from tendereval.lot_splits.uncertainty import sample_prices
from tests.scenarios.helpers import load, spec, supplier


def test_the_frontier_of_the_hand_checked_market(tmp_path: Path) -> None:
    # Split into two lots: with no target Big Ltd wins both (£38,000, SME share 0). The most
    # attainable SME share is Small A on lot A: 19,000 / 37,000 = 51.35%, at £39,000.
    data = spec(participation={"sweep": ["sme"], "steps": 2, "sme_targets": [0.25, 0.9]})
    result = run_scenarios(load(tmp_path, data))
    frontier = result.frontier.filter(pl.col("packaging") == "split").sort("target")
    assert frontier.get_column("target").to_list() == [0.0, 0.25, 0.2567, 0.5135, 0.9]
    assert frontier.get_column("named_target").to_list() == [False, True, False, False, True]
    assert frontier.get_column("total_cost").to_list()[:4] == pytest.approx(
        [38_000, 39_000, 39_000, 39_000]
    )
    assert frontier.get_column("extra_cost").to_list()[:4] == pytest.approx(
        [0, 1_000, 1_000, 1_000]
    )
    last = frontier.row(4, named=True)
    assert last["status"] == "infeasible" and last["total_cost"] is None
    assert last["note"] == "Not attainable: the most attainable SME share is 51.4%."


def test_targets_run_from_zero_to_the_most_attainable_with_named_ones_merged() -> None:
    assert targets(0.5, 4, (0.3,)) == [
        (0.0, False),
        (0.125, False),
        (0.25, False),
        (0.3, True),
        (0.375, False),
        (0.5, False),
    ]
    # Rounded down, so the last step never asks for more than was reached.
    assert targets(0.51351351, 1, ()) == [(0.0, False), (0.5135, False)]


@st.composite
def small_markets(draw: st.DrawFn) -> dict:
    """Two or three areas, each its own lot, and up to five suppliers with random prices,
    sizes and areas; a dear national supplier covers everywhere so every lot has a bid."""
    n_units = draw(st.integers(2, 3))
    units = [
        {"id": f"U{i}", "volume": draw(st.integers(500, 3000)), "true_cost": 20}
        for i in range(n_units)
    ]
    ids = [u["id"] for u in units]
    suppliers = [
        {
            "name": "National Ltd",
            "staff": 900,
            "turnover": 10_000_000,
            "unit_price": 30,
            "quality": 50,
        }
    ]
    for i in range(draw(st.integers(1, 5))):
        suppliers.append(
            {
                "name": f"Supplier {i}",
                "staff": draw(st.sampled_from([5, 40, 300])),
                "turnover": 1_000_000,
                "vcse": draw(st.booleans()),
                "unit_price": draw(st.integers(15, 29)),
                "quality": draw(st.integers(40, 90)),
                "serves": draw(st.lists(st.sampled_from(ids), min_size=1, unique=True)),
            }
        )
    return spec(
        units=units,
        packagings=[{"id": "split", "name": "by area", "lots": "per_unit"}],
        suppliers=suppliers,
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_markets(), st.sampled_from(["sme", "vcse"]))
def test_a_higher_participation_target_never_lowers_cost(data: dict, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        model = load(Path(folder), data)
    market = build_market(model, model.packagings[0])
    # HiGHS keeps the property test fast; the CBC path is exercised by the other tests.
    highest, _, _ = highest_share(model, market, kind, solver="highs")
    assert highest is not None
    frontier = sweep(model, market, kind, highest, 4, solver="highs")
    assert frontier.get_column("status").to_list() == ["optimal"] * frontier.height
    costs = frontier.sort("target").get_column("total_cost").to_list()
    assert all(later >= earlier - 0.005 for earlier, later in itertools.pairwise(costs))
    reached = frontier.get_column(f"{kind}_share").to_list()
    assert all(
        share >= target - 1e-9 for share, target in zip(reached, frontier["target"], strict=True)
    )
    assert reached[-1] == pytest.approx(highest, abs=1e-9)


def test_same_seed_same_numbers(tmp_path: Path) -> None:
    data = spec(uncertainty={"samples": 4, "seed": 11})
    supplier(data, "Big Ltd")["price_range"] = [16, 20]
    supplier(data, "Small A Ltd")["price_range"] = [17, 21]
    model = load(tmp_path, data)
    first = run_scenarios(model)
    second = run_scenarios(model)
    assert first.sample_table.equals(second.sample_table)
    assert first.comparison.equals(second.comparison)
    assert first.seed == 11 and first.to_dict()["seed"] == 11
    other = run_scenarios(model, seed=12)
    assert not other.sample_table.equals(first.sample_table)
    # Every sampled price lies in its range, and the draws repeat for the seed.
    draws = sample_prices(model, 50, 11)
    assert draws[:4] == sample_prices(model, 4, 11)
    assert all(16 <= d["Big Ltd"] <= 20 and 17 <= d["Small A Ltd"] <= 21 for d in draws)
    assert all(d["Small B Ltd"] == 17 for d in draws)  # no range: its indicative price


def _ranged_market() -> Scenarios:
    data = spec()
    for name, low_high in (
        ("Big Ltd", [16, 20]),
        ("Small A Ltd", [17, 21]),
        ("Small B Ltd", [15, 19]),
    ):
        supplier(data, name)["price_range"] = low_high
    with tempfile.TemporaryDirectory() as folder:
        return load(Path(folder), data)


RANGED = _ranged_market()


@settings(max_examples=40, deadline=None)
@given(
    order=st.permutations(range(len(RANGED.suppliers))),
    extra_at=st.integers(0, len(RANGED.suppliers)),
    seed=st.integers(0, 2**31 - 1),
    samples=st.integers(1, 6),
)
def test_a_suppliers_samples_depend_on_the_seed_and_that_supplier_only(
    order: list[int], extra_at: int, seed: int, samples: int
) -> None:
    """Found by a red team: draws came from one random sequence in the file's order, so
    swapping two [[suppliers]] sections, or adding one that bids for no lot, moved every other
    supplier's samples (two suppliers level at £20 an hour: the SME share over the samples was
    100% in one order and 0% in the other)."""
    before = sample_prices(RANGED, samples, seed)
    suppliers = [RANGED.suppliers[i] for i in order]
    nobody = replace(RANGED.suppliers[0], name="Bids For Nothing Ltd", serves=("nowhere",))
    suppliers.insert(extra_at, nobody)
    after = sample_prices(replace(RANGED, suppliers=tuple(suppliers)), samples, seed)
    for name in (s.name for s in RANGED.suppliers):
        assert [d[name] for d in after] == [d[name] for d in before]


def test_two_suppliers_in_either_order_give_the_same_sample_ranges(tmp_path: Path) -> None:
    """The red team's market: two suppliers level at £20 (range £19 to £21) on two units of
    10,000 hours; the SME share over the samples must not depend on which is listed first."""
    level = {"unit_price": 20, "price_range": [19, 21], "quality": 70}
    sme = {"name": "Zeta Care Ltd", "staff": 10, "turnover": 10_000_000, **level}
    large = {"name": "Alpha Care plc", "staff": 1000, "turnover": 100_000_000, **level}
    shares = []
    for suppliers in ([sme, large], [large, sme]):
        data = spec(
            units=[{"id": u, "volume": 10_000, "true_cost": 20} for u in ("A", "B")],
            packagings=[{"id": "per", "name": "per unit", "lots": "per_unit"}],
            uncertainty={"samples": 3, "seed": 2026},
            suppliers=suppliers,
            participation={"sweep": ["sme"], "steps": 1},
        )
        result = run_scenarios(load(tmp_path, data), solver="highs")
        row = result.comparison.row(0, named=True)
        shares.append((row["sme_share_low"], row["sme_share_high"]))
    assert shares[0] == shares[1]


def test_the_sample_ranges_bracket_the_samples(tmp_path: Path) -> None:
    data = spec(uncertainty={"samples": 5, "seed": 3})
    supplier(data, "Big Ltd")["price_range"] = [16, 20]
    result = run_scenarios(load(tmp_path, data))
    single = result.sample_table.filter(pl.col("packaging") == "single")
    row = result.comparison.filter(pl.col("packaging") == "single").row(0, named=True)
    # Only Big Ltd bids for the single contract: cost = 2,000 × price × 0.9 + 1,000.
    assert row["total_cost_low"] == pytest.approx(single["total_cost"].min())
    assert row["total_cost_high"] == pytest.approx(single["total_cost"].max())
    assert (
        2000 * 16 * 0.9 + 1000
        <= row["total_cost_low"]
        <= row["total_cost_high"]
        <= (2000 * 20 * 0.9 + 1000)
    )


def test_the_frontier_is_the_lowest_cost_even_when_packagings_are_compared_on_quality(
    tmp_path,
) -> None:
    """Found by an audit: with objective = "quality" each step maximised quality, so step 0
    cost £44,000 and a 50% SME target £38,000: a 'price of participation' of −£6,000 on a
    curve the docs say can never fall."""
    from tendereval.lot_splits import run_scenarios
    from tests.scenarios.helpers import load, spec, supplier

    data = spec(scenario={**spec()["scenario"], "objective": "quality"})
    supplier(data, "Small B Ltd").update(turnover=100_000)
    result = run_scenarios(load(tmp_path, data), samples=0)
    split = result.frontier.filter(packaging="split").sort("step")
    costs = split.get_column("total_cost").drop_nulls().to_list()
    assert costs == sorted(costs), costs  # never falls
    # Step 0 is the cheapest allocation of the two area lots: Big on A (£18,000) and Small B
    # on B (£17,000), plus £2,000 management. The quality objective's allocation (Small A on
    # A at £19,000, Small B on B: £38,000) was step 0 before.
    assert costs[0] == 37_000
    assert (split.get_column("extra_cost").drop_nulls() >= -0.005).all()
