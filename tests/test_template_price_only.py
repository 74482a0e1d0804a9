"""A score sheet or moderation workbook for a plan with no questions for evaluators (found by
the setup red team): `template score-sheet` on a price-only plan wrote a sheet of no rows and
exited 0, a sheet that looked like one to send the panel. It is refused in words, with no
file written; the bid return is still made."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tendereval.cli import cli
from tests.plan_helpers import write_plan

PRICE_ONLY = """
[[criteria]]
id = "price"
title = "Price"
type = "price"
weight_of_total = 100
"""


@pytest.mark.parametrize("kind", ["score-sheet", "moderation"])
def test_no_evaluators_sheet_for_a_plan_with_no_questions(tmp_path: Path, kind: str) -> None:
    write_plan(tmp_path / "t", PRICE_ONLY)
    out = tmp_path / "sheet.xlsx"
    done = CliRunner().invoke(
        cli, ["template", kind, "--tender", str(tmp_path / "t"), "-o", str(out)]
    )
    assert done.exit_code == 2, done.output
    assert "the plan has no questions for evaluators to score" in done.output
    assert f"no {kind} template is needed" in done.output
    assert not out.exists()


def test_the_bid_return_is_still_made(tmp_path: Path) -> None:
    write_plan(tmp_path / "t", PRICE_ONLY)
    out = tmp_path / "bid.xlsx"
    done = CliRunner().invoke(
        cli, ["template", "bid-return", "--tender", str(tmp_path / "t"), "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert out.exists()
