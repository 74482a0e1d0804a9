"""The Sensitivity sheet says a challenger would draw level at its tipping point, not win.

Found by a red team: the sheet headed the column "Weight at which the challenger would win"
and its note said "how far a weight must move to change the winner". In the carers example
Hop Garden's price tipping point is 79.8232: scored again with price at 79.8232 (quality
13.4512, social value 6.7256, rescaled 40:20), Hop Garden draws level with Weald, but
Meridian is ahead of both and wins. The terminal and docs/scoring.md say "would draw level".
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.report.excel import write_report
from tests.example_copies import example_copy

HOP = "Hop Garden Respite CIC"


def _with_price_weight(folder: Path, price: float) -> Path:
    """The plan with price weighted ``price``, quality and social value rescaled 40:20."""
    plan = folder / "tender.toml"
    rest = 100 - price
    text = plan.read_text(encoding="utf-8")
    for pillar, now, new in (
        ("price", 40, price),
        ("quality", 40, rest * 40 / 60),
        ("social_value", 20, rest * 20 / 60),
    ):
        old = f'type = "{pillar}"\nweight_of_total = {now}\n'
        assert old in text
        text = text.replace(old, f'type = "{pillar}"\nweight_of_total = {new!r}\n')
    plan.write_text(text, encoding="utf-8")
    return folder


def test_at_the_tipping_weight_the_challenger_draws_level_and_the_sheet_says_so(
    tmp_path: Path,
) -> None:
    result = tendereval.score(example_copy(tmp_path / "plan"), samples=200)
    ws = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Sensitivity"]
    assert ws["E4"].value == "Weight at which the challenger would draw level"
    note = ws["A2"].value
    assert "to change the winner" not in note
    assert note.startswith(
        "How robust each recommendation is: how far a weight must move for a challenger to "
        "draw level with the tender ranked first (the other weights rescaled in proportion; "
        "at that weight a third tender may be ahead of both)"
    )
    [hop] = [
        r for r in ws.iter_rows(min_row=5, values_only=True) if r[1] == HOP and r[2] == "Price"
    ]
    tipping = hop[4]
    assert tipping == pytest.approx(79.8232, abs=5e-5)

    # Scored again at that weight: Hop Garden and Weald level, Meridian first: no win.
    moved = tendereval.score(_with_price_weight(example_copy(tmp_path / "moved"), tipping))
    totals = dict(moved.results.filter(status="ranked").select("supplier", "total").rows())
    assert totals[HOP] == pytest.approx(totals["Weald Carers Trust"], abs=1e-9)
    assert moved.award.winner("CSB") == "Meridian Care Group plc"
    assert totals["Meridian Care Group plc"] > totals[HOP] + 0.1
