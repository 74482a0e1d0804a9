"""Red team, round 2: a scenarios file written carelessly.

A supplier entered twice in another case ('Big Ltd' and 'big  ltd') is one market engagement
response counted twice: it doubles the bidders for every lot it could bid for, and two units
'A' and 'a' are one district entered twice. Both are refused as duplicates, as the plan refuses
two lot ids differing only in case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.lot_splits import load_scenarios
from tests.scenarios.helpers import spec, supplier, write


def test_a_supplier_entered_twice_in_another_case_is_a_duplicate(tmp_path: Path) -> None:
    # Before: '4 potential suppliers', and 2 bidders for the single contract instead of 1.
    data = spec()
    data["suppliers"].append(dict(data["suppliers"][0], name="big  LTD"))
    _, problems = load_scenarios(write(tmp_path, data))
    assert [(p.cell, p.code, p.found) for p in problems] == [
        ("suppliers[3].name", "scenarios.duplicate", "big  LTD")
    ]
    assert "Big Ltd" in problems[0].message


def test_two_units_whose_ids_differ_only_in_case_are_a_duplicate(tmp_path: Path) -> None:
    data = spec()
    data["units"].append({"id": "a", "name": "Area A again", "volume": 1000, "true_cost": 20})
    _, problems = load_scenarios(write(tmp_path, data))
    assert [(p.cell, p.code, p.found) for p in problems] == [
        ("units[2].id", "scenarios.duplicate", "a")
    ]
    assert "'A'" in problems[0].message


def test_two_lots_whose_ids_differ_only_in_case_are_a_duplicate(tmp_path: Path) -> None:
    """Lots EAST and east were two lots to the scenarios file and one to the optimiser (which
    matches lot ids ignoring case and spacing, as offers tables): the packaging 'could not be
    let: no eligible bidder for ' (no lot named), though both suppliers served both units."""
    data = spec()
    data["packagings"] = [{"id": "two", "lots": {"EAST": ["A"], "east": ["B"]}}]
    _, problems = load_scenarios(write(tmp_path, data))
    assert [(p.cell, p.code, p.found) for p in problems] == [
        ("packagings[0].lots.east", "scenarios.duplicate", "east")
    ]
    assert "'EAST'" in problems[0].message


def test_a_lot_id_that_only_looks_like_another_is_refused(tmp_path: Path) -> None:
    """'ЕAST' with a Cyrillic Е beside EAST: two lots to the file, an id the optimiser refuses
    as only looking like another."""
    data = spec()
    data["packagings"] = [{"id": "two", "lots": {"EAST": ["A"], "XAST": ["B"]}}]
    path = write(tmp_path, data)
    text = path.read_text(encoding="utf-8")
    assert text.count("XAST") == 1
    path.write_text(text.replace("XAST", '"\u0415AST"'), encoding="utf-8")
    _, problems = load_scenarios(path)
    assert [(p.code, p.is_error) for p in problems] == [("scenarios.duplicate", True)]
    assert "only looks like lot 'EAST'" in problems[0].message
    assert "U+0415 CYRILLIC CAPITAL LETTER IE" in problems[0].found


@pytest.mark.parametrize(
    ("low", "high", "refused"),
    [
        # Percentages for multipliers: every lot cost about a hundred times its price (the
        # worked example's county contract came to £4.9bn a year, without a word).
        (94, 104, ["market.min_multiplier", "market.max_multiplier"]),
        # A floor above 1 prices a lot at the reference volume dearer than the supplier said.
        (1.1, 1.2, ["market.min_multiplier"]),
        (0.8, 0.9, ["market.max_multiplier"]),
        (1.04, 0.94, ["market.min_multiplier", "market.max_multiplier"]),
    ],
)
def test_price_multiplier_bounds_lie_either_side_of_one(tmp_path: Path, low, high, refused):
    data = spec()
    data["market"].update(min_multiplier=low, max_multiplier=high)
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is None
    assert [(p.cell, p.code) for p in problems] == [
        (key, "scenarios.out_of_range") for key in refused
    ]
    expected = {
        "market.min_multiplier": "a number more than 0 and at most 1",
        "market.max_multiplier": "a number at least 1 and at most 10",
    }
    assert [p.expected for p in problems] == [expected[key] for key in refused]


def test_no_scale_effect_at_all_is_allowed(tmp_path: Path) -> None:
    data = spec()
    data["market"].update(min_multiplier=1, max_multiplier=1)
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None and not problems


@pytest.mark.parametrize("where", ["market", "supplier"])
def test_a_share_of_turnover_written_as_a_percentage_is_refused(tmp_path: Path, where) -> None:
    """50 for 50%: every supplier could bid for a lot fifty times its turnover, so the test of
    financial standing kept no one out."""
    data = spec()
    section = data["market"] if where == "market" else data["suppliers"][2]
    section["max_share_of_turnover"] = 50
    key = "market" if where == "market" else "suppliers[2]"
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is None
    assert [(p.cell, p.code, p.found, p.expected) for p in problems] == [
        (
            f"{key}.max_share_of_turnover",
            "scenarios.out_of_range",
            "50",
            "a number more than 0 and at most 10",
        )
    ]


def test_a_share_of_turnover_above_one_is_modelled_and_warned_of(tmp_path: Path) -> None:
    """Small B Ltd (turnover £30,000) may bid for lot B (£20,000 a year) only with a share
    above two thirds: with 2 it bids, and the officer is told what the 2 means."""
    data = spec()
    data["suppliers"][2]["max_share_of_turnover"] = 2
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    [warning] = problems
    assert (warning.cell, warning.code, warning.is_error) == (
        "suppliers[2].max_share_of_turnover",
        "scenarios.share_above_turnover",
        False,
    )
    assert warning.message == "a supplier may bid for a lot worth up to 2 times its yearly turnover"
    small_b = next(s for s in model.suppliers if s.name == "Small B Ltd")
    assert small_b.max_share_of_turnover == 2


# ---- Figures out of scale with the units -------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "key", "words"),
    [
        # The true cost is £20 a unit: 2,000 is a price in pence.
        ({"unit_price": 2000}, "unit_price", "is 100 times the true cost"),
        ({"unit_price": 3.5}, "unit_price", "is less than 1/5 of the true cost"),
        ({"price_range": [1800, 2200]}, "price_range", "is 110 times the true cost"),
    ],
)
def test_an_indicative_price_far_from_the_true_cost_is_warned_of(
    tmp_path: Path, given, key, words
) -> None:
    """Before, a price typed in pence made its supplier lose every lot, and one a decimal
    point out win every lot it could bid for, without a word."""
    data = spec()
    small_a = data["suppliers"][1]
    del small_a["unit_price"]
    small_a.update(given)
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    [warning] = problems
    assert (warning.cell, warning.code, warning.is_error) == (
        f"suppliers[1].{key}",
        "scenarios.price_far_from_true_cost",
        False,
    )
    assert warning.message.startswith(f"the indicative price {words} of the units this supplier")
    assert "(£20.00 a unit)" in warning.message


def test_a_price_range_typed_in_pence_beside_a_right_unit_price_is_warned_of(
    tmp_path: Path,
) -> None:
    """Config red team: unit_price 19 and price_range [18, 2000] (the high end in pence) passed
    validate without a word, and the uncertainty's samples were drawn from it; a range far out
    then stopped `scenarios` with an error at unit_price, a key whose value was right, quoting
    a price found nowhere in the file."""
    data = spec()
    supplier(data, "Small A Ltd")["price_range"] = [18, 2000]
    _, problems = load_scenarios(write(tmp_path, data))
    [warning] = problems
    assert (warning.cell, warning.code) == (
        "suppliers[1].price_range",
        "scenarios.price_far_from_true_cost",
    )
    supplier(data, "Small A Ltd")["price_range"] = [18, 1e12]
    data["uncertainty"] = {"samples": 20, "seed": 1}
    with pytest.raises(tendereval.InputError) as raised:
        tendereval.scenarios(write(tmp_path, data), steps=1)
    [error] = raised.value.problems
    assert error.cell == "suppliers[1].price_range"
    assert "(drawn from price_range)" in error.found


def test_prices_within_five_times_the_true_cost_are_not_warned_of(tmp_path: Path) -> None:
    data = spec()
    data["suppliers"][1]["unit_price"] = 99  # under 5 × £20
    data["suppliers"][2]["unit_price"] = 4.5  # over £20 / 5
    _, problems = load_scenarios(write(tmp_path, data))
    assert not problems


def test_a_supplier_that_bids_for_no_lot_is_warned_of_with_why(tmp_path: Path) -> None:
    """Small B Ltd serves area B only, and lot B (£20,000 a year) is more than half its
    £30,000 turnover: it bids in no packaging. Its lot outside its area is not the reason."""
    data = spec()
    done = tendereval.scenarios(write(tmp_path, data), samples=0, steps=1)
    [warning] = done.warnings
    assert (warning.cell, warning.code, warning.is_error) == (
        "suppliers[2]",
        "scenarios.bids_for_nothing",
        False,
    )
    assert warning.message == (
        "Small B Ltd would bid for no lot of any packaging, so it counts for nothing in the model"
    )
    assert warning.found == "lot value £20,000 is more than £15,000, 50% of its turnover of £30,000"
    # Small A Ltd, wanting contracts of £50,000 a year at least, bids for no lot either.
    supplier(data, "Small A Ltd")["min_lot_value"] = 50_000
    done = tendereval.scenarios(write(tmp_path, data), samples=0, steps=1)
    assert [(w.cell, w.found) for w in done.warnings] == [
        ("suppliers[1]", "lot value £20,000 is below the smallest contract it bids for (£50,000)"),
        ("suppliers[2]", "lot value £20,000 is more than £15,000, 50% of its turnover of £30,000"),
    ]
    # With a turnover of £40,000 the lot is half of it, and Small B bids.
    supplier(data, "Small B Ltd")["turnover"] = 40_000
    done = tendereval.scenarios(write(tmp_path, data), samples=0, steps=1)
    assert [w.cell for w in done.warnings] == ["suppliers[1]"]


def test_an_sme_limit_in_millions_is_warned_of_and_zero_refused(tmp_path: Path) -> None:
    data = spec(sme={"max_turnover": 44, "max_balance_sheet": 38_000_000})
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    # Small A and Small B (turnovers £50,000 and £30,000, over a £44 limit, no balance sheet)
    # cannot be decided by the figures: each is warned of, counted as not an SME.
    assert [(p.cell, p.code, p.is_error) for p in problems] == [
        ("sme.max_turnover", "scenarios.sme_limit", False),
        ("suppliers[1].balance_sheet", "scenarios.sme_unknown", False),
        ("suppliers[2].balance_sheet", "scenarios.sme_unknown", False),
    ]
    # £0 is a definition no organisation meets, refused as in the plan (it was allowed here).
    data = spec(sme={"max_balance_sheet": 0})
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is None
    assert [(p.cell, p.code) for p in problems] == [
        ("sme.max_balance_sheet", "scenarios.out_of_range")
    ]


def test_a_turnover_in_millions_is_warned_of(tmp_path: Path) -> None:
    """Big Ltd, 500 staff, with its £1m turnover typed as 1: it then bid for no lot."""
    data = spec()
    supplier(data, "Big Ltd")["turnover"] = 1
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    assert [(p.cell, p.code, p.found) for p in problems] == [
        ("suppliers[0].turnover", "scenarios.turnover_scale", "1")
    ]


# ---- Any file within the documented bounds is modelled or refused at its keys ------------------


@st.composite
def scenario_files(draw) -> dict:
    """Units, suppliers and market settings drawn across the whole range each key allows."""
    money = st.sampled_from([0.01, 1.0, 20.0, 1e4])
    units = [
        {
            "id": f"U{i}",
            "name": f"Unit {i}",
            "volume": draw(st.sampled_from([1.0, 1000.0, 1e6, 1e9])),
            "true_cost": draw(money),
        }
        for i in range(draw(st.integers(1, 3)))
    ]
    ids = [u["id"] for u in units]
    suppliers = []
    for j in range(draw(st.integers(1, 4))):
        entry = {
            "name": f"S{j}",
            "staff": draw(st.sampled_from([0, 249, 250, 10_000])),
            "turnover": draw(st.sampled_from([1.0, 1e6, 1e9, 1e12])),
            "unit_price": draw(money),
            "quality": draw(st.sampled_from([0, 50, 100])),
            "vcse": draw(st.booleans()),
        }
        if draw(st.booleans()):
            entry["capacity"] = draw(st.sampled_from([1.0, 1000.0, 1e9]))
        if draw(st.booleans()):
            entry["serves"] = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
        suppliers.append(entry)
    return spec(
        units=units,
        suppliers=suppliers,
        market={
            "elasticity": draw(st.sampled_from([0.0, 0.5, 1.0])),
            "min_multiplier": draw(st.sampled_from([0.01, 0.8, 1.0])),
            "max_multiplier": draw(st.sampled_from([1.0, 1.2, 10.0])),
        },
        participation={"sweep": ["sme", "vcse"], "steps": 1, "sme_targets": [0.5]},
    )


@settings(max_examples=25, deadline=None)
@given(data=scenario_files())
def test_a_file_within_the_bounds_is_modelled_or_refused_at_its_keys(tmp_path_factory, data):
    """Fuzzing found a billion hours at £10,000 stopping the run at "row 1, column price" of
    the optimiser's offers table (a UsageError), a table the officer never wrote; that case
    is test_cli_and_workbook's. Whatever the figures, the file is modelled, or refused with
    every problem at its key."""
    path = write(tmp_path_factory.mktemp("s"), data)
    try:
        done = tendereval.scenarios(path, samples=0)
    except tendereval.InputError as error:
        assert all(p.file == "scenarios.toml" and p.cell for p in error.problems)
    else:
        assert done.result.comparison.height == 2


@pytest.mark.parametrize(
    ("true_cost", "words"),
    [
        # Unit B's £20 an hour typed as its yearly value, £20,000 (1,000 hours).
        (20_000, "is 1,000 times the other unit's (£20.00)"),
        (2, "is less than 1/5 of the other unit's (£20.00)"),
    ],
)
def test_a_units_true_cost_out_of_line_with_the_others_is_warned_of(
    tmp_path: Path, true_cost, words
) -> None:
    data = spec()
    data["units"][1]["true_cost"] = true_cost
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    found = [p for p in problems if p.code == "scenarios.true_cost_out_of_line"]
    # Unit A is out of line with B as much as B with A: each is named, so the officer sees
    # both figures.
    assert [(p.cell, p.is_error) for p in found] == [
        ("units[0].true_cost", False),
        ("units[1].true_cost", False),
    ]
    assert found[1].message == (
        f"the true cost of unit B {words}: true_cost is the cost of one unit of volume (an "
        "hour), not a yearly value"
    )
    assert found[1].found == f"£{true_cost:,.2f}"


def test_true_costs_within_five_times_of_each_other_are_not_warned_of(tmp_path: Path) -> None:
    data = spec()
    data["units"].append({"id": "C", "name": "Area C", "volume": 1000, "true_cost": 99})
    _, problems = load_scenarios(write(tmp_path, data))
    assert "scenarios.true_cost_out_of_line" not in [p.code for p in problems]


@pytest.mark.parametrize(("cost", "warned"), [(1.99, True), (2, False), (0, False)])
def test_a_contract_management_cost_typed_in_thousands_is_warned_of(
    tmp_path: Path, cost: float, warned: bool
) -> None:
    """£40 typed for £40,000 made twelve lots look as cheap to run as one, without a word.
    Each unit is 1,000 hours at £20: a typical unit is worth £20,000 a year, and a
    ten-thousandth of it is £2. No cost at all (0) is a choice, not a slip."""
    data = spec()
    data["scenario"]["contract_management_cost"] = cost
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    found = [p for p in problems if p.code == "scenarios.contract_cost_units"]
    if not warned:
        assert found == []
        return
    assert [(p.cell, p.is_error, p.found) for p in found] == [
        ("scenario.contract_management_cost", False, "£1.99")
    ]
    assert found[0].message == (
        "the cost of managing a contract, £1.99 a year, is under a ten-thousandth of a "
        "typical unit's yearly value (£20,000.00): is it in thousands?"
    )


def test_a_tenders_plan_given_for_the_scenarios_file_is_named_as_one(tmp_path: Path) -> None:
    """It gave four "no [scenario] section" errors and fourteen "this key is not used"
    warnings, one for each of the plan's own settings, and never said what the file was."""
    plan = Path(__file__).resolve().parents[2] / "examples" / "homecare-districts" / "tender.toml"
    copy = tmp_path / "lots.toml"
    copy.write_bytes(plan.read_bytes())
    model, problems = load_scenarios(copy)
    assert model is None
    assert [(p.code, p.is_error, p.found) for p in problems] == [
        ("scenarios.plan_given", True, "[tender] id = HC-2026-07")
    ]
    assert problems[0].message.startswith("this is a tender's evaluation plan")


def test_the_advice_for_a_supplier_bidding_for_nothing_fits_its_reason(tmp_path: Path) -> None:
    """The advice was always to check a turnover typed in £ millions, whatever kept the
    supplier out; and the area reason read "found does not serve B"."""
    data = spec()
    # Small B Ltd kept out by its turnover (lot B, £20,000, is more than half of £30,000).
    done = tendereval.scenarios(write(tmp_path, data), samples=0, steps=1)
    [warning] = done.warnings
    assert warning.expected.endswith(
        "else its turnover (in pounds, not £ millions) checked against its market engagement "
        "response"
    )
    # ... by its capacity: 10 hours, where each lot is 1,000.
    supplier(data, "Small B Ltd").update(turnover=1_000_000, capacity=10)
    done = tendereval.scenarios(write(tmp_path, data), samples=0, steps=1)
    [warning] = done.warnings
    assert warning.found == "lot volume 1,000 is more than its capacity of 10"
    assert "£ millions" not in warning.expected
    assert "else its capacity (in the units' own volume" in warning.expected
    # ... by its area: Small A Ltd serves only A, and the only packaging is one lot of A and B.
    data = spec(packagings=[{"id": "single", "name": "one contract", "lots": "single"}])
    done = tendereval.scenarios(write(tmp_path, data), samples=0, steps=1)
    small_a = next(w for w in done.warnings if w.cell == "suppliers[1]")
    assert small_a.found == "it does not serve B"
    assert "else the units it serves (serves) checked" in small_a.expected
