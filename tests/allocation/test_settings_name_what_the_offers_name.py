"""Lots and suppliers named in ``allocate``'s settings, as the offers name them (red teams,
the docs followed literally and the library as a notebook uses it).

A lot budget typed ``AHS`` for lot ASH was a warning ("no offer covers a lot called 'AHS'"):
ASH went without its budget, exit 0, and "Winners per lot" listed a lot AHS "not awarded". One
supplier's limit given in two spellings with two values was refused by the command line but
kept by the library, which of the two decided by the dict's order (a limit of 1 lot or of 5).
Both are now the library's UsageError (the command line's usage error, exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli

OFFERS = Path(__file__).resolve().parents[2] / "examples" / "offers" / "homecare-offers.csv"
KENTWIDE = "Kentwide Care Group Ltd"


@pytest.mark.parametrize(
    ("setting", "value"), [("lot_budgets", {"AHS": 1e6}), ("min_quality_per_lot", {"AHS": 70})]
)
def test_a_lot_mistyped_in_a_setting_is_refused(setting: str, value: dict) -> None:
    with pytest.raises(tendereval.UsageError) as raised:
        tendereval.allocate(OFFERS, **{setting: value})
    assert "no offer covers a lot called 'AHS', which reads as ASH mistyped" in str(raised.value)


def test_the_command_line_refuses_it_as_a_usage_error() -> None:
    ran = CliRunner().invoke(cli, ["allocate", str(OFFERS), "--lot-budget", "AHS=1m"])
    assert ran.exit_code == 2, ran.output
    assert "A lot's budget (--lot-budget, lot_budgets): no offer covers a lot called 'AHS'" in (
        ran.output
    )


def test_a_lot_like_no_offered_lot_is_still_a_warning() -> None:
    """A lot no one bid for (XYZ is like no offered lot) may be in a policy kept for a tender."""
    done = tendereval.allocate(OFFERS, lot_budgets={"XYZ": 1e6})
    assert [p.message for p in done.problems] == ["no offer covers a lot called 'XYZ'"]


def test_one_supplier_given_two_limits_in_two_spellings_is_refused() -> None:
    for limits in ({KENTWIDE.lower(): 1, KENTWIDE.upper(): 5}, {KENTWIDE.upper(): 5, KENTWIDE: 1}):
        with pytest.raises(tendereval.UsageError) as raised:
            tendereval.allocate(OFFERS, max_lots_per_supplier=4, supplier_max_lots=limits)
        assert "name the same supplier with two values" in str(raised.value)


def test_two_spellings_of_one_limit_are_one_limit() -> None:
    limits = {KENTWIDE.lower(): 1, KENTWIDE: 1}
    done = tendereval.allocate(OFFERS, max_lots_per_supplier=4, supplier_max_lots=limits)
    assert dict(done.policy.supplier_max_lots) == {KENTWIDE: 1}
