"""Social value units committed in a bid return, read as a unit rate is: a number format that
rounds them is a warning (``commitments.shown_rounded``: 2.5 under '0' shows 3, and 2.5 is
counted), and text that reads two ways ("1.500": one and a half, or fifteen hundred) is refused
at its cell (``number.ambiguous``), as in a rate, a turnover and the consolidated CSV form.

The loader plan (tests/io/builders.py) values SV-APP and SV-TRAIN."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tendereval import layout
from tendereval.io.bid_rules import check_bid
from tendereval.io.raw import Cell, RawBid
from tendereval.plan import load_plan

from .builders import PLAN, write_plan

SOURCE = "bids/acme.xlsx"
SHEET = "Social value"


def _commitments(tmp_path: Path, *units: tuple[Any, str]) -> tuple[list, list]:
    """Acme's commitments in L1, SV-APP then SV-TRAIN, each ``units`` (value, number format):
    the units counted, and the problems at the units' cells as (code, cell, message, found)
    (the bid has no prices: that it bids for no lot is said at the Lot cells)."""
    rows = [
        {
            "lot": Cell("L1", SOURCE, SHEET, f"A{number}"),
            "measure": Cell(measure, SOURCE, SHEET, f"B{number}"),
            "units": Cell(value, SOURCE, SHEET, f"C{number}", number_format),
        }
        for number, (measure, (value, number_format)) in enumerate(
            zip(("SV-APP", "SV-TRAIN"), units, strict=True), start=5
        )
    ]
    bid = RawBid(
        source=SOURCE,
        fallback_name="acme",
        name=Cell("Acme Care Ltd", SOURCE, layout.BID_ORGANISATION, "B4"),
        commitments=rows,
    )
    write_plan(tmp_path, PLAN)
    plan, problems = load_plan(tmp_path)
    assert plan is not None, problems
    checked = check_bid(bid, plan, None)
    return [r["units"] for r in checked.rows["commitments"]], [
        (p.code, p.cell, p.message, p.found) for p in checked.problems if p.cell[:1] == "C"
    ]


def test_units_a_number_format_rounds_are_counted_as_held_and_warned_of(tmp_path: Path) -> None:
    # 2.5 under '0' shows 3 (Excel rounds halves away from zero) and 0.4 shows 0; 52 under
    # '0' and 100.25 under '0.00' show what they hold.
    units, problems = _commitments(tmp_path, (2.5, "0"), (0.4, "0"))
    assert units == [2.5, 0.4]
    assert problems == [
        (
            "commitments.shown_rounded",
            "C5",
            "units committed: the cell shows 3 but holds 2.5, which is the number of units "
            "used: its number format rounds it",
            "shows 3, holds 2.5",
        ),
        (
            "commitments.shown_rounded",
            "C6",
            "units committed: the cell shows 0 but holds 0.4, which is the number of units "
            "used: its number format rounds it",
            "shows 0, holds 0.4",
        ),
    ]
    units, problems = _commitments(tmp_path, (52, "0"), (100.25, "0.00"))
    assert (units, problems) == ([52, 100.25], [])


def test_units_typed_as_text_that_reads_two_ways_are_refused(tmp_path: Path) -> None:
    # "1.500" training hours: 1.5 to a British reader, 1,500 to a European one; read as 1.5
    # before, with no problem. "1,500" is the form British programs write a thousand in, and
    # "52" reads one way only.
    units, problems = _commitments(tmp_path, ("52", "General"), ("1.500", "General"))
    assert units == [52]
    assert [(code, cell, found) for code, cell, _, found in problems] == [
        ("number.ambiguous", "C6", "'1.500'")
    ]
    assert problems[0][2].startswith("units committed: a figure typed as text that reads two ways")
    units, problems = _commitments(tmp_path, ("52", "General"), ("1,500", "General"))
    assert (units, problems) == ([52, 1500], [])
