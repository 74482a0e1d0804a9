"""Lots and suppliers named in ``allocate``'s settings, as the offers name them (red teams,
the docs followed literally and the library as a notebook uses it).

A lot budget typed ``AHS`` for lot ASH was a warning ("no offer covers a lot called 'AHS'"):
ASH went without its budget, exit 0, and "Winners per lot" listed a lot AHS "not awarded". On
a tender, whose plan lists its lots, a lot it does not have is now a usage error; in an offers
file the warning says what the lot reads as (a lot no one bid for may be one in its own). One
supplier's limit given in two spellings with two values was refused by the command line but
kept by the library, which of the two decided by the dict's order (a limit of 1 lot or of 5).
Both are now the library's UsageError (the command line's usage error, exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import EXAMPLES, example_copy

OFFERS = EXAMPLES / "offers" / "homecare-offers.csv"
HOMECARE = EXAMPLES / "homecare-districts"
KENTWIDE = "Kentwide Care Group Ltd"


@pytest.mark.parametrize(
    ("setting", "value"), [("lot_budgets", {"AHS": 1e6}), ("min_quality_per_lot", {"AHS": 70})]
)
def test_a_lot_the_tender_does_not_have_is_refused(setting: str, value: dict) -> None:
    with pytest.raises(tendereval.UsageError) as raised:
        tendereval.allocate(HOMECARE, **{setting: value})
    assert "the tender has no lot called 'AHS'; it reads as ASH mistyped (its lots: " in str(
        raised.value
    )


def test_the_command_line_refuses_it_as_a_usage_error() -> None:
    ran = CliRunner().invoke(cli, ["allocate", str(HOMECARE), "--lot-budget", "AHS=1m"])
    assert ran.exit_code == 2, ran.output
    assert "A lot's budget (--lot-budget, lot_budgets): the tender has no lot called 'AHS'" in (
        ran.output
    )


def test_in_an_offers_file_a_lot_like_another_is_warned_of_as_a_slip() -> None:
    """An offers file lists only the lots offered for: a lot no one bid for may be one slip
    from another in its own right (the districts TON and TUN), so it is a warning, which says
    what it reads as (review red team: refusing it stopped a policy kept for a tender)."""
    done = tendereval.allocate(OFFERS, lot_budgets={"AHS": 1e6, "XYZ": 1e6})
    assert [p.message for p in done.problems] == [
        "no offer covers a lot called 'AHS'; it reads as ASH mistyped: check it",
        "no offer covers a lot called 'XYZ': check it",
    ]


def test_a_plan_lot_no_one_bid_for_is_no_slip(tmp_path: Path) -> None:
    """TUN, every bid for it withdrawn, one slip from TON: the tender has it, so its budget is
    no error (review red team)."""
    folder = example_copy(tmp_path, "homecare-districts")
    tun = tendereval.score(folder, sensitivity=False).results.filter(lot="TUN")
    (folder / "decisions.toml").write_text(
        "".join(
            f'[[withdrawal]]\nsupplier = "{name}"\nlot = "TUN"\nwithdrawn_on = 2026-10-01\n'
            for name in tun.get_column("supplier")
        ),
        encoding="utf-8",
    )
    done = tendereval.allocate(folder, lot_budgets={"TON": 2e7, "TUN": 2e7})
    assert "no offer covers a lot called 'TUN': check it" in [p.message for p in done.problems]


def test_a_lot_id_that_is_no_text_is_refused() -> None:
    with pytest.raises(tendereval.UsageError, match="101 is not a lot id: give it as text"):
        tendereval.allocate(OFFERS, lot_budgets={101: 1e6})


def test_one_supplier_given_two_limits_in_two_spellings_is_refused() -> None:
    for limits in ({KENTWIDE.lower(): 1, KENTWIDE.upper(): 5}, {KENTWIDE.upper(): 5, KENTWIDE: 1}):
        with pytest.raises(tendereval.UsageError) as raised:
            tendereval.allocate(OFFERS, max_lots_per_supplier=4, supplier_max_lots=limits)
        assert "name the same supplier with two values" in str(raised.value)


def test_two_spellings_of_one_limit_are_one_limit() -> None:
    limits = {KENTWIDE.lower(): 1, KENTWIDE: 1}
    done = tendereval.allocate(OFFERS, max_lots_per_supplier=4, supplier_max_lots=limits)
    assert dict(done.policy.supplier_max_lots) == {KENTWIDE: 1}
