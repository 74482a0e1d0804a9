"""A budget that buys no offer is said, not solved in silence.

Found by typing ``--budget 18`` for £18m: the allocation came back "optimal", every lot "not
awarded", under the policy and without it alike (a budget is a rule both obey), and nothing
said the figure was the cause.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import tendereval
from tendereval.cli import cli

OFFERS = Path(__file__).resolve().parents[2] / "examples" / "offers" / "homecare-offers.csv"
HOMECARE = OFFERS.parents[1] / "homecare-districts"


def _budget_warnings(done) -> list[tendereval.Problem]:
    return [p for p in done.problems if p.code == "policy.budget_buys_nothing"]


def test_a_budget_in_the_wrong_units_is_a_warning():
    done = tendereval.allocate(OFFERS, budget=18)
    (warning,) = _budget_warnings(done)
    # The cheapest offer in the file, worked out here: HC-032 at £947,000.
    assert warning.message == (
        "the budget, £18.00, is below the price of every offer it applies to (the cheapest, "
        "HC-032, is £947,000.00), so nothing can be awarded under it"
    )
    assert warning.where == "policy › budget" and not warning.is_error
    assert done.allocation.awarded.is_empty()  # still solved as asked


def test_a_lot_budget_below_every_single_lot_offer_for_it_is_a_warning():
    done = tendereval.allocate(OFFERS, lot_budgets={"ASH": 1.5, "CAN": 3_000_000})
    (warning,) = _budget_warnings(done)
    assert warning.where == "policy › lot_budgets[ASH]"
    assert "(the cheapest, HC-034, is £1,484,900.00)" in warning.message


def test_budgets_that_buy_something_say_nothing():
    done = tendereval.allocate(OFFERS, budget=947_000, lot_budgets={"ASH": 1_484_900})
    assert _budget_warnings(done) == []


def test_a_lot_offered_only_in_packages_is_not_judged_by_its_own_budget(tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text(
        "offer_id,supplier,lots,price,score,sme,vcse\n"
        "P1,Alpha Ltd,L1;L2,200000,70,no,no\n"
        "S1,Beta Ltd,L1,120000,65,yes,no\n",
        encoding="utf-8",
    )
    # L2's budget is below the package's price, which its two lots' budgets may cover.
    done = tendereval.allocate(path, lot_budgets={"L1": 150_000, "L2": 100_000})
    assert _budget_warnings(done) == []


def test_the_command_says_so_on_a_tender_too(tmp_path: Path):
    """And the allocation's JSON record holds the warning: it held only the empty award."""
    record = tmp_path / "allocation.json"
    argv = ["allocate", str(HOMECARE), "--budget", "20", "--json", str(record)]
    result = CliRunner().invoke(cli, argv)
    assert "the budget, £20.00, is below the price of every offer" in result.output
    problems = json.loads(record.read_text(encoding="utf-8"))["problems"]
    assert [p["code"] for p in problems if p["code"].startswith("policy.")] == [
        "policy.budget_buys_nothing"
    ]
    assert problems[-1]["where"] == "policy › budget" and problems[-1]["severity"] == "warning"


def test_a_suppliers_cap_on_value_below_all_its_offers_is_a_warning_unless_nought():
    """0 keeps a supplier out on purpose; £2 typed for £2m leaves it nothing by mistake."""
    kentwide = "Kentwide Care Group Ltd"
    (warning,) = _budget_warnings(tendereval.allocate(OFFERS, supplier_max_value={kentwide: 2}))
    assert warning.where == f"policy › supplier_max_value[{kentwide}]"
    assert warning.message.startswith(f"the most value {kentwide} can take on, £2.00, is below")
    assert _budget_warnings(tendereval.allocate(OFFERS, supplier_max_value={kentwide: 0})) == []


def test_a_contract_cost_in_the_wrong_units_is_a_warning():
    """£25 a contract against offers with a median of £1,591,250 (worked out from the file):
    a ten-thousandth would be £159.13, so £25 is said and £25,000 is not."""
    done = tendereval.allocate(OFFERS, objective="cost", contract_management_cost=25)
    (warning,) = [p for p in done.problems if p.code == "policy.contract_cost_units"]
    assert "the median offer (£1,591,250.00)" in warning.message
    for fine in (25_000, 160, 0):
        done = tendereval.allocate(OFFERS, objective="cost", contract_management_cost=fine)
        assert not [p for p in done.problems if p.code == "policy.contract_cost_units"]
