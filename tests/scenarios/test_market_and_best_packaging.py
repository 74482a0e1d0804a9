"""A market small enough to check by hand: offers, eligibility, the best packaging, capacity,
and a lot nobody can bid for.

The base market (tests/scenarios/helpers.py): units A and B, 1,000 hours each at a true cost
of £20 (value £20,000 a year each); contract management £1,000 a year per contract.

* Big Ltd (not an SME) at £18/h. Single lot A+B (2,000 h): multiplier (2000/1000)^-1 = 0.5,
  held at the floor 0.9, so 2,000 × 18 × 0.9 = £32,400. Each area lot: 1,000 × 18 = £18,000.
* Small A Ltd (SME) at £19/h, serves A only: £19,000 for lot A; no bid for A+B.
* Small B Ltd (SME) at £17/h, turnover £30,000: lot B's £20,000 is more than half its
  turnover, so it does not bid.

Single contract: 32,400 + 1,000 = £33,400. Two area lots: Big wins both, 18,000 + 18,000 +
2 × 1,000 = £38,000. The single contract is best, by £4,600.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tendereval.lot_splits import build_market, run_scenarios
from tests.scenarios.helpers import load, spec, supplier


def test_offers_are_priced_with_the_scale_multiplier(tmp_path: Path) -> None:
    model = load(tmp_path, spec())
    single = build_market(model, model.packagings[0])
    offers = {row["supplier"]: row for row in single.offers.to_dicts()}
    assert set(offers) == {"Big Ltd"}  # the small suppliers serve one area each
    assert offers["Big Ltd"]["price"] == pytest.approx(2000 * 18 * 0.9)
    assert offers["Big Ltd"]["score"] == pytest.approx(60 * 2000 / 1000)
    split = build_market(model, model.packagings[1])
    prices = {(r["lots"][0], r["supplier"]): r["price"] for r in split.offers.to_dicts()}
    assert prices == {
        ("A", "Big Ltd"): pytest.approx(18_000),
        ("A", "Small A Ltd"): pytest.approx(19_000),
        ("B", "Big Ltd"): pytest.approx(18_000),
    }


def test_a_supplier_does_not_bid_for_a_lot_too_large_for_its_turnover(tmp_path: Path) -> None:
    model = load(tmp_path, spec())
    split = build_market(model, model.packagings[1])
    small_b = split.bids.filter(split.bids["supplier"] == "Small B Ltd").to_dicts()
    lot_b = next(row for row in small_b if row["lot"] == "B")
    assert not lot_b["eligible"]
    assert lot_b["reason_code"] == "too_big"
    # Small B's turnover is £30,000: the reason said "50.0% of its turnover (£15000)", which
    # read as a turnover of £15,000.
    assert lot_b["reason"] == (
        "lot value £20,000 is more than £15,000, 50% of its turnover of £30,000"
    )

    # At £40,000 turnover the £20,000 lot is exactly half: it may bid.
    data = spec()
    supplier(data, "Small B Ltd")["turnover"] = 40_000
    bigger = load(tmp_path, data)
    lots = build_market(bigger, bigger.packagings[1]).lots.to_dicts()
    assert {row["lot"]: row["bidders"] for row in lots} == {"A": 2, "B": 2}
    assert {row["lot"]: row["sme_bidders"] for row in lots} == {"A": 1, "B": 1}


def test_the_best_packaging_is_the_one_computed_by_hand(tmp_path: Path) -> None:
    result = run_scenarios(load(tmp_path, spec()), solver="cbc")
    rows = {row["packaging"]: row for row in result.comparison.to_dicts()}
    assert rows["single"]["total_cost"] == pytest.approx(33_400)
    assert rows["split"]["total_cost"] == pytest.approx(38_000)
    assert rows["split"]["management_cost"] == pytest.approx(2_000)
    assert rows["split"]["extra_vs_cheapest"] == pytest.approx(4_600)
    assert rows["single"]["whole_contract_cost"] == pytest.approx(2 * 33_400)
    assert result.best == "single"
    assert rows["single"]["min_bidders"] == 1
    assert rows["split"]["min_bidders"] == 1  # lot B: only Big Ltd
    # Most attainable SME share when split: Small A wins A, Big wins B: 19,000 / 37,000.
    assert rows["split"]["highest_sme_share"] == pytest.approx(19_000 / 37_000, abs=1e-3)
    assert rows["single"]["highest_sme_share"] == 0.0
    # In-house true cost £40,000: the single contract is 16.5% below it.
    assert rows["single"]["vs_true_cost"] == pytest.approx(33_400 / 40_000 - 1)


def test_cheaper_small_suppliers_make_splitting_best(tmp_path: Path) -> None:
    # Small A at £15 and Small B (now £100,000 turnover) at £15: two lots cost
    # 15,000 + 15,000 + 2,000 = £32,000, below the single contract's £33,400.
    data = spec()
    supplier(data, "Small A Ltd")["unit_price"] = 15
    supplier(data, "Small B Ltd").update(unit_price=15, turnover=100_000)
    result = run_scenarios(load(tmp_path, data))
    rows = {row["packaging"]: row for row in result.comparison.to_dicts()}
    assert rows["split"]["total_cost"] == pytest.approx(32_000)
    assert rows["split"]["sme_share"] == pytest.approx(1.0)
    assert result.best == "split"
    reason = result.reasons["split"]
    assert "£1,400 a year less than one contract" in reason
    assert "raise the share of the contract value going to SMEs from 0.0% to 100.0%" in reason


def test_capacity_limits_a_supplier_across_lots(tmp_path: Path) -> None:
    # Big Ltd can take only 1,000 hours; Small B (now eligible) charges £20/h.
    # Big on A and Small B on B: 18,000 + 20,000 = 38,000; Small A on A and Big on B:
    # 19,000 + 18,000 = 37,000. Plus £2,000 management: £39,000.
    data = spec()
    supplier(data, "Big Ltd")["capacity"] = 1000
    supplier(data, "Small B Ltd").update(unit_price=20, turnover=100_000)
    result = run_scenarios(load(tmp_path, data))
    rows = {row["packaging"]: row for row in result.comparison.to_dicts()}
    assert rows["single"]["status"] == "no_bidders"  # Big cannot take 2,000 hours alone
    assert rows["split"]["total_cost"] == pytest.approx(39_000)
    winners = {r["lot"]: r["supplier"] for r in result.winners.to_dicts()}
    assert winners == {"A": "Small A Ltd", "B": "Big Ltd"}


def test_a_lot_with_no_eligible_bidder_is_reported_not_fatal(tmp_path: Path) -> None:
    # Big Ltd will not bid below £25,000 a year, and Small B is too small for lot B.
    data = spec()
    supplier(data, "Big Ltd")["min_lot_value"] = 25_000
    result = run_scenarios(load(tmp_path, data))
    rows = {row["packaging"]: row for row in result.comparison.to_dicts()}
    assert rows["split"]["status"] == "no_bidders"
    assert rows["split"]["lots_without_bidders"] == "B"
    assert rows["split"]["total_cost"] is None
    assert rows["single"]["total_cost"] == pytest.approx(33_400)
    assert result.best == "single"
    lots = {(r["packaging"], r["lot"]): r for r in result.lots.to_dicts()}
    assert lots[("split", "B")]["bidders"] == 0
    assert lots[("split", "B")]["too_small_for"] == 1
    assert lots[("split", "B")]["too_big_for"] == 1
    assert lots[("split", "B")]["outside_area_for"] == 1
    assert result.reasons["split"].startswith(
        "two area lots cannot be let: no eligible bidder for lot B (lot B: "
    )
    assert result.frontier.filter(result.frontier["packaging"] == "split").is_empty()


def test_a_capacity_is_a_volume_met_exactly_not_a_sum_of_money(tmp_path: Path) -> None:
    """Found by an audit: capacity was turned into money at the supplier's cheapest price per
    hour, so lots that fit the capacity exactly were ruled out when they cost more per hour.

    Units A (600 h), B (400 h) and C (500 h), split one lot each. Big (elasticity 1,
    multipliers up to 3) charges £18/h × (600/1000)^-1 = £30/h on A, × (400/1000)^-1 = £45/h
    on B and £36/h on C: £18,000 a lot. Its capacity of 1,000 h fits A and B exactly; Small C
    takes C at £20/h (£10,000). As money at Big's cheapest £30/h the limit was £30,000, below
    the £36,000 of A and B, so one went to a dearer small supplier (£40/h × 600 = £24,000 or
    £50/h × 400 = £20,000): £51,000 with £3,000 management instead of £49,000."""
    data = spec(
        units=[
            {"id": "A", "name": "Area A", "volume": 600, "true_cost": 20},
            {"id": "B", "name": "Area B", "volume": 400, "true_cost": 20},
            {"id": "C", "name": "Area C", "volume": 500, "true_cost": 20},
        ],
        market={"reference_volume": 1000, "elasticity": 0.0, "min_multiplier": 0.5,
                "max_multiplier": 3.0, "max_share_of_turnover": 0.5},
    )  # fmt: skip
    supplier(data, "Big Ltd")["capacity"] = 1000
    supplier(data, "Small A Ltd")["unit_price"] = 40
    supplier(data, "Small B Ltd").update(unit_price=50, turnover=100_000)
    data["suppliers"].append(
        {"name": "Small C Ltd", "staff": 10, "turnover": 100_000, "unit_price": 20,
         "quality": 70, "serves": ["C"]}
    )  # fmt: skip
    result = run_scenarios(load(tmp_path, data))
    rows = {row["packaging"]: row for row in result.comparison.to_dicts()}
    assert rows["split"]["total_cost"] == pytest.approx(49_000)
    winners = {r["lot"]: r["supplier"] for r in result.winners.filter(packaging="split").to_dicts()}
    assert winners == {"A": "Big Ltd", "B": "Big Ltd", "C": "Small C Ltd"}


def test_two_single_contract_options_are_each_described_as_letting_not_dividing(
    tmp_path: Path,
) -> None:
    """Found by an audit: the second of two one-contract packagings read "Dividing the
    service into 1 lot (…) is expected to cost the same as one contract"."""
    data = spec()
    data["packagings"].append({"id": "again", "name": "one contract again", "lots": "single"})
    result = run_scenarios(load(tmp_path, data), samples=0)
    assert result.reasons["again"].startswith("Letting the service as a single contract")
    assert "Dividing the service into 1 lot" not in " ".join(result.reasons.values())
    assert result.best == "single"  # level with "again": the first in the file is starred


def test_the_best_packaging_under_quality_breaks_a_tie_on_cost(tmp_path: Path) -> None:
    """Found by an audit: two packagings of equal quality, the first in the file starred
    though it cost more; the quality objective is "highest quality, then lowest cost"."""
    data = spec(scenario={**spec()["scenario"], "objective": "quality"})
    for name in ("Small A Ltd", "Small B Ltd"):
        supplier(data, name)["quality"] = 60  # as good as Big Ltd everywhere
    result = run_scenarios(load(tmp_path, data), samples=0)
    rows = {row["packaging"]: row for row in result.comparison.to_dicts()}
    assert rows["single"]["quality"] == rows["split"]["quality"] == pytest.approx(60)
    assert rows["single"]["total_cost"] < rows["split"]["total_cost"]
    data["packagings"].reverse()  # the dearer split first in the file
    flipped = run_scenarios(load(tmp_path, data), samples=0)
    assert flipped.best == "single"


def test_the_reasons_paragraph_uses_the_files_unit_and_no_zero_pound_clause(
    tmp_path: Path,
) -> None:
    """Found by an audit: "including £0 a year less contract management for 1 more contract"
    with no management cost, and "weighted by hours" for a service counted in visits."""
    data = spec(scenario={**spec()["scenario"], "contract_management_cost": 0,
                          "volume_unit": "visits"})  # fmt: skip
    supplier(data, "Small A Ltd").update(quality=90, unit_price=15)  # wins A: quality differs
    result = run_scenarios(load(tmp_path, data), samples=0)
    text = result.reasons["split"]
    assert "contract management" not in text
    assert "weighted by visits" in text and "hours" not in text
    # Lot B has no SME bidder (Small B is too small for it): the paragraph says so.
    assert "SMEs in the market model would be eligible to bid for 1 of the 2 lots" in text


def tied_market(order: tuple[str, str]) -> dict:
    """Two suppliers at £18/h and quality 70 serving both areas: National Care plc (900
    staff, not an SME) and Alpha Care Ltd (an SME), in the order given. Each lot is £18,000 a
    year from either (elasticity 0), the single contract £36,000."""
    both = {
        "National Care plc": {"name": "National Care plc", "staff": 900, "turnover": 90_000_000},
        "Alpha Care Ltd": {"name": "Alpha Care Ltd", "staff": 40, "turnover": 3_000_000},
    }
    return spec(suppliers=[{**both[name], "unit_price": 18, "quality": 70} for name in order])


def test_suppliers_tied_on_price_and_quality_are_settled_by_name_and_the_tie_noted(
    tmp_path: Path,
) -> None:
    # Before: the first [[suppliers]] section won each tie, so the SME share was 0.0% with
    # National Care first in the file and 100.0% with Alpha Care first, same cost and
    # quality, and no note. Now Alpha Care (first by name) wins every tie either way: SME
    # share 100.0%; each tie won by National Care instead would give 0.0%.
    # (The words were "won by the last by name"; now ties are also won by SMEs and VCSEs.)
    from tendereval.commands.scenarios import summary_lines
    from tendereval.report.scenarios_excel import write_scenarios_workbook

    results = [
        run_scenarios(load(tmp_path, tied_market(order)), samples=0)
        for order in (
            ("National Care plc", "Alpha Care Ltd"),
            ("Alpha Care Ltd", "National Care plc"),
        )
    ]
    for result in results:
        winners = {(r["packaging"], r["lot"]): r["supplier"] for r in result.winners.to_dicts()}
        assert set(winners.values()) == {"Alpha Care Ltd"}
        assert len(winners) == 3  # the single contract, and lots A and B
        rows = {row["packaging"]: row for row in result.to_dict()["comparison"]}
        assert rows["single"]["total_cost"] == pytest.approx(36_000 + 1_000)
        assert rows["split"]["total_cost"] == pytest.approx(2 * 18_000 + 2 * 1_000)
        for row in rows.values():
            assert row["sme_share"] == 1.0
            assert row["note"] == (
                "Suppliers tie exactly on price and quality, so a tie decides the SME share: "
                "with each tie won by the supplier first by name (the rule used) it is SME "
                "100.0%; won otherwise, an allocation as cheap and as good gives SME 0.0%."
            )
    assert results[0].reasons == results[1].reasons
    assert "Note on two area lots: Suppliers tie exactly on price and quality" in "\n".join(
        summary_lines(results[0])
    )
    sheet = load_workbook(write_scenarios_workbook(results[0], tmp_path / "out.xlsx"))["Comparison"]
    notes = [
        c.value
        for row in sheet.iter_rows()
        for c in row
        if str(c.value).startswith("Suppliers tie")
    ]
    assert len(notes) == 2


def test_a_tie_between_suppliers_of_the_same_standing_is_not_noted(tmp_path: Path) -> None:
    # Neither is an SME or a VCSE: whoever wins a tie, the shares are the same (0%).
    data = tied_market(("National Care plc", "Alpha Care Ltd"))
    supplier(data, "Alpha Care Ltd")["sme"] = False
    result = run_scenarios(load(tmp_path, data), samples=0)
    assert result.comparison.get_column("note").to_list() == ["", ""]
    assert result.comparison.get_column("sme_share").to_list() == [0.0, 0.0]


def test_a_tie_of_three_with_the_sme_in_the_middle_by_name_is_noted(tmp_path: Path) -> None:
    """Alpha Care and Gamma Care (not SMEs) and Beta Care (an SME) bid alike. Alpha Care,
    first by name, wins: SME share 0.0%. The check only re-ran the allocation with each tie
    won by the last by name, Gamma Care, also not an SME, so no note said Beta Care's win,
    as cheap and as good, gives 100.0%."""
    big = {"staff": 900, "turnover": 90_000_000, "unit_price": 18, "quality": 70}
    data = spec(
        suppliers=[
            {**big, "name": "Alpha Care Ltd"},
            {**big, "name": "Beta Care Ltd", "staff": 40, "turnover": 3_000_000},
            {**big, "name": "Gamma Care Ltd"},
        ]
    )
    result = run_scenarios(load(tmp_path, data), samples=0)
    for row in result.to_dict()["comparison"]:
        assert row["sme_share"] == 0.0
        assert row["note"] == (
            "Suppliers tie exactly on price and quality, so a tie decides the SME share: "
            "with each tie won by the supplier first by name (the rule used) it is SME 0.0%; "
            "won otherwise, an allocation as cheap and as good gives SME 100.0%."
        )


def test_a_single_contract_costing_the_same_names_the_option_it_is_compared_with(
    tmp_path: Path,
) -> None:
    """With the costs equal the clause naming the more divided option was left out, and
    "Compared with that more divided option" referred to nothing."""
    data = tied_market(("National Care plc", "Alpha Care Ltd"))
    data["scenario"] = {**data["scenario"], "contract_management_cost": 0}
    result = run_scenarios(load(tmp_path, data), samples=0)
    # £18 × 2,000 hours = £36,000 a year either way.
    assert result.reasons["single"].startswith(
        "Letting the service as a single contract (one contract) is expected to cost £36,000 a "
        "year, the same as two area lots. Compared with that more divided option it would "
    )
