"""A turnover typed in £ millions or thousands.

Brightwater Care Services Ltd has 180 staff and a turnover of £9,480,000. Typed as 9.48 (the
form asks for pounds), the SME test read £9.48 as written: an SME either way here, but 120 for
£120m passes the Act's £44m turnover limit, and a firm that large counted as an SME in every
SME share. A yearly turnover under £1,000 a head is nobody's: it is warned of at its cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tests.example_copies import example_with

BRIGHTWATER = "bids/brightwater-care-services-ltd.xlsx"


def _turnover_warnings(problems) -> list:
    return [p for p in problems if p.code == "bid.turnover_scale"]


@pytest.mark.parametrize(("typed", "warned"), [(9.48, True), (179_999, True), (180_000, False)])
def test_a_turnover_under_a_thousand_pounds_a_head_is_warned_of(tmp_path: Path, typed, warned):
    folder = example_with(tmp_path, "carers-short-breaks", BRIGHTWATER, "Organisation!B12", typed)
    problems = tendereval.validate(folder).problems
    found = _turnover_warnings(problems)
    assert bool(found) == warned
    if warned:
        [warning] = found
        assert (warning.file, warning.sheet, warning.cell) == (
            BRIGHTWATER,
            "Organisation",
            "B12",
        )
        assert not warning.is_error and warning.supplier is None  # the bid still counts
        assert warning.message == (
            f"a yearly turnover of £{typed:,.2f} for 180 staff is under £1,000 a head: is it in "
            "£ millions or thousands? The SME test reads it as written"
        )


def test_the_examples_have_no_such_turnover() -> None:
    root = Path(__file__).resolve().parents[2] / "examples"
    for example in ("carers-short-breaks", "homecare-districts"):
        assert not _turnover_warnings(tendereval.validate(root / example).problems)
