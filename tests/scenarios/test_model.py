"""Reading scenarios.toml: every problem names the file and the key, in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tendereval.errors import Severity
from tendereval.lot_splits import load_scenarios
from tests.scenarios.helpers import dumps, spec, supplier, write


def problems_of(tmp_path: Path, data: dict) -> dict[str, str]:
    _, problems = load_scenarios(write(tmp_path, data))
    return {p.cell: str(p) for p in problems}


def test_the_base_file_loads_with_sme_status_from_the_act(tmp_path: Path) -> None:
    model, problems = load_scenarios(write(tmp_path, spec()))
    assert problems == []
    assert model is not None
    status = {s.name: s.sme for s in model.suppliers}
    assert status == {"Big Ltd": False, "Small A Ltd": True, "Small B Ltd": True}
    assert model.packagings[1].lots == (("A", ("A",)), ("B", ("B",)))
    assert model.packagings[0].lots == (("ALL", ("A", "B")),)
    assert model.true_cost_total == 40_000
    assert len(model.sha256) == 64


def test_an_sme_definition_in_the_file_overrides_the_act(tmp_path: Path) -> None:
    data = spec(sme={"name": "Small only", "max_staff": 9})
    model, _ = load_scenarios(write(tmp_path, data))
    assert model is not None
    assert {s.name: s.sme for s in model.suppliers}["Small A Ltd"] is False
    # A supplier may state its status, which then wins.
    supplier(data, "Small A Ltd")["sme"] = True
    model, _ = load_scenarios(write(tmp_path, data))
    assert {s.name: s.sme for s in model.suppliers}["Small A Ltd"] is True


def test_bad_values_are_reported_with_their_keys(tmp_path: Path) -> None:
    data = spec()
    data["units"][1]["volume"] = -5
    data["packagings"][1]["lots"] = {"EAST": ["A", "B"], "WEST": ["B"]}
    del supplier(data, "Big Ltd")["unit_price"]
    supplier(data, "Small A Ltd")["quality"] = "good"
    supplier(data, "Small B Ltd")["serves"] = ["C"]
    supplier(data, "Small B Ltd")["price_range"] = [20, 18]
    found = problems_of(tmp_path, data)
    assert found["units[1].volume"] == (
        "scenarios.toml › units[1].volume: error: units[1].volume is out of range "
        "(found -5); expected a number more than 0 and at most 1,000,000,000"
    )
    assert found["packagings[1].lots.WEST"].endswith(
        "a unit is in two lots (EAST and WEST) (found B); expected each unit in exactly one lot"
    )
    assert "a supplier needs an indicative unit price" in found["suppliers[0].unit_price"]
    assert (
        "suppliers[1].quality must be a number (found good); expected a number without quotes"
        in found["suppliers[1].quality"]
    )
    assert "serves names a unit that is not in [[units]] (found C)" in found["suppliers[2].serves"]
    assert "a price range must be [low, high]" in found["suppliers[2].price_range"]


def test_missing_sections_and_units_left_out_of_every_lot(tmp_path: Path) -> None:
    data = spec(packagings=[{"id": "p", "name": "partial", "lots": {"X": ["A"]}}])
    del data["suppliers"]
    found = problems_of(tmp_path, data)
    assert found["packagings[0].lots"].endswith(
        "some units are in no lot (found B); expected every unit in exactly one lot"
    )
    assert "the file has no [[suppliers]] entries" in found["suppliers"]


def test_a_typo_in_a_key_is_a_warning_not_an_error(tmp_path: Path) -> None:
    data = spec()
    supplier(data, "Big Ltd")["capactiy"] = 100
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    (problem,) = problems
    assert problem.severity is Severity.WARNING
    assert problem.cell == "suppliers[0].capactiy"
    assert "this key is not used (a typo?)" in problem.message


@pytest.mark.parametrize(
    ("section", "key"), [("scenario", "volume_units"), ("uncertainty", "sampels")]
)
def test_a_typo_in_the_scenario_or_uncertainty_section_is_named(
    tmp_path: Path, section: str, key: str
) -> None:
    """Only these two sections took any key without a word, leaving the default in force."""
    data = spec()
    data.setdefault(section, {})[key] = 5
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    (problem,) = problems
    assert problem.code == "scenarios.unknown_key"
    assert problem.severity is Severity.WARNING
    assert problem.cell == f"{section}.{key}"


def test_the_example_scenarios_file_uses_only_keys_that_are_read() -> None:
    example = Path(__file__).parents[2] / "examples" / "homecare-lot-splits" / "scenarios.toml"
    model, problems = load_scenarios(example)
    assert model is not None
    assert problems == []


def test_text_that_is_not_toml_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "scenarios.toml"
    path.write_text(dumps(spec()) + "\n[units\n", encoding="utf-8")
    model, problems = load_scenarios(path)
    assert model is None
    assert [p.code for p in problems] == ["scenarios.syntax"]
    assert problems[0].message == "the scenarios file is not valid TOML"
    model, problems = load_scenarios(tmp_path / "missing.toml")
    assert model is None and problems[0].code == "scenarios.missing"


def test_values_beyond_any_real_study_are_refused_before_they_overflow_or_hang(
    tmp_path: Path,
) -> None:
    """contract_years = 1e308 and a management cost of 1e308 crashed the run; steps and samples
    of 1e20 ran for hours."""
    data = spec()
    data["scenario"]["contract_years"] = 1e308
    data["scenario"]["contract_management_cost"] = 1e308
    data.setdefault("uncertainty", {})["samples"] = 10**20
    data["uncertainty"]["seed"] = 2**40
    data.setdefault("participation", {})["steps"] = 10**20
    found = problems_of(tmp_path, data)
    for key in (
        "scenario.contract_years",
        "scenario.contract_management_cost",
        "uncertainty.samples",
        "uncertainty.seed",
        "participation.steps",
    ):
        assert "is out of range" in found[key], key


def test_the_sme_section_copied_from_the_plan_reads_its_definition(tmp_path: Path) -> None:
    """The plan's [sme] names the definition `definition`, the scenarios file `name`: a
    section copied across was warned about as a typo and its name dropped."""
    data = spec(sme={"definition": "Council's own", "max_staff": 9})
    model, problems = load_scenarios(write(tmp_path, data))
    assert problems == []
    assert model.sme_definition.name == "Council's own"
    assert model.sme_definition.max_staff == 9


@pytest.mark.parametrize("section", ["supplier", "sme"])
def test_a_headcount_is_a_whole_number(tmp_path: Path, section: str) -> None:
    """249.5 staff was accepted and tested as "more than 249", so not an SME, though the
    Act's test is "fewer than 250"."""
    data = spec()
    if section == "supplier":
        supplier(data, "Small A Ltd")["staff"] = 249.5
        where = "suppliers[1].staff"
    else:
        data["sme"] = {"max_staff": 249.5}
        where = "sme.max_staff"
    model, problems = load_scenarios(write(tmp_path, data))
    (problem,) = [p for p in problems if p.is_error]
    assert model is None
    assert problem.cell == where and problem.message == "a headcount is a whole number"


def test_a_unit_packaging_or_supplier_written_twice_in_other_capitals_is_refused(
    tmp_path: Path,
) -> None:
    """'a' beside unit 'A', 'SPLIT' beside packaging 'split' and 'BIG LTD ' beside supplier
    'Big Ltd' were taken as different ones: one district read twice in every table, one
    supplier given two capacities and two chances to win."""
    data = spec()
    data["units"].append({"id": "a", "name": "Area a", "volume": 10, "true_cost": 20})
    data["packagings"].append({"id": "SPLIT", "name": "again", "lots": "single"})
    data["suppliers"].append({**supplier(data, "Big Ltd"), "name": "BIG LTD "})
    found = problems_of(tmp_path, data)
    assert "unit 'A' written another way" in found["units[2].id"]
    assert "two packagings have the same id" in found["packagings[2].id"]
    assert "'Big Ltd' written another way" in found["suppliers[3].name"]
    assert "(found BIG LTD)" in found["suppliers[3].name"]


def test_an_sme_status_the_figures_cannot_decide_is_unknown_and_said_to_count_as_not_sme(
    tmp_path: Path,
) -> None:
    """Big Ltd given 200 staff and a £52m turnover, balance sheet left out: under the Act
    (fewer than 250 staff and turnover ≤ £44m or balance sheet ≤ £38m) its status is unknown.
    It was "not an SME" without a word (bool(None)); it still counts as not an SME, as the
    allocation counts an unknown status, with a warning at its balance sheet."""
    data = spec()
    supplier(data, "Big Ltd").update(staff=200, turnover=52_000_000)
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    big = {s.name: s for s in model.suppliers}["Big Ltd"]
    assert (big.sme, big.sme_unknown) == (False, True)
    [problem] = problems
    assert (problem.code, problem.severity) == ("scenarios.sme_unknown", Severity.WARNING)
    assert problem.cell == "suppliers[0].balance_sheet"  # Big Ltd, the first
    assert "counted as not an SME" in problem.message
    # A balance sheet of £9m (≤ £38m) decides it: an SME, and nothing to warn of.
    supplier(data, "Big Ltd")["balance_sheet"] = 9_000_000
    model, problems = load_scenarios(write(tmp_path, data))
    assert problems == []
    big = {s.name: s for s in model.suppliers}["Big Ltd"]
    assert (big.sme, big.sme_unknown) == (True, False)


def test_an_sme_status_stated_against_the_suppliers_own_figures_is_kept_with_a_warning(
    tmp_path: Path,
) -> None:
    """Found by a red team: a national provider (4,800 staff, £210m turnover) stated
    ``sme = true`` counted as SME work without a word. Under the Act 4,800 staff (over 249) is
    not an SME whatever the money; 5 staff and £1m is one. The stated status is used, as a
    bid's supply chain uses the SME? answer, with the same rule's warning at ``sme``."""
    data = spec()
    supplier(data, "Big Ltd").update(staff=4800, turnover=210_000_000, sme=True)
    supplier(data, "Small A Ltd").update(staff=5, turnover=1_000_000, sme=False)
    supplier(data, "Small B Ltd").update(sme=True)  # 10 staff, £30,000: agrees, no warning
    model, problems = load_scenarios(write(tmp_path, data))
    assert model is not None
    status = {s.name: s.sme for s in model.suppliers}
    assert status == {"Big Ltd": True, "Small A Ltd": False, "Small B Ltd": True}
    found = {p.cell: p for p in problems}
    assert set(found) == {"suppliers[0].sme", "suppliers[1].sme"}
    big, small = found["suppliers[0].sme"], found["suppliers[1].sme"]
    assert (big.code, big.severity) == ("scenarios.sme_against_figures", Severity.WARNING)
    assert big.message.startswith(
        "sme = true, but its 4,800 staff and a turnover of £210,000,000 make it not an SME "
        "under the file's SME definition (Procurement Act 2023)"
    )
    assert small.message.startswith(
        "sme = false, but its 5 staff and a turnover of £1,000,000 make it an SME"
    )
    # A balance sheet within its limit is named with the figures that decide it.
    supplier(data, "Small A Ltd")["balance_sheet"] = 400_000
    _, problems = load_scenarios(write(tmp_path, data))
    assert (
        "its 5 staff, a turnover of £1,000,000 and a balance sheet total of £400,000"
        in ({p.cell: p.message for p in problems}["suppliers[1].sme"])
    )
