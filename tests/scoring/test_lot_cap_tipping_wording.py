"""Under a lot cap that passes over the tender ranked first, the tipping points still measure
each challenger against the tender ranked first (the weights that would change the ranking),
not against the tender proposed under the cap. The terminal said "Z would draw level if …"
beside "the lot cap gives the award to Z", and the Sensitivity sheet headed the column "Weight
at which the challenger would win": an officer read a margin on the proposed award that was
not one. Both now say whom the figure is measured against.

Two lots, cap of one lot a supplier, taken in descending value (A £300k first). Price 40,
quality 40 (Q1, Q2 at 20 each), social value 20 (SV1), all marked 3 but X's Q1 (4) and Z's
(5). X is cheapest in both lots and first in both (B: X 40 + 28 + 12 = 80, Z 40 × 10/12 + 32 +
12 = 77.33); it wins A, and in B it is passed over and Z, ranked second, is proposed.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl

import tendereval
from tendereval.report.excel import write_report
from tendereval.scoring.output import render
from tests.award.test_cap_rules import TWO_LOTS, cap
from tests.scoring.builders import make_plan, tender

RATES = {("X", "A"): 10.0, ("X", "B"): 10.0, ("Y", "A"): 11.0, ("Z", "B"): 12.0}
MARKS = {("X", "Q1"): 4.0, ("Z", "Q1"): 5.0}


def capped(tmp_path: Path):
    plan = make_plan(cap(1, "descending_value"), lots=TWO_LOTS)
    result = tendereval.score(tender(plan, rates=RATES, marks=MARKS), samples=500)
    assert {lot: a.supplier for lot, a in result.award.lots.items()} == {"A": "X", "B": "Z"}
    return result


def test_the_terminal_says_the_tipping_point_is_against_the_tender_ranked_first(
    tmp_path: Path,
) -> None:
    result = capped(tmp_path)
    tip = result.tipping_points.filter(pl.col("lot") == "B").drop_nulls("change")
    assert tip.height  # Z's tipping points against X
    lines = render(result).splitlines()
    b = lines.index(next(x for x in lines if x.startswith("Lot B")))
    line = next(x for x in lines[b:] if x.startswith("  Nearest tipping point:"))
    assert "would draw level with X, ranked first," in line, line
    assert "the lot cap proposes Z" in line, line
    a = lines.index(next(x for x in lines if x.startswith("Lot A")))
    # Lot A is awarded to the tender ranked first: its line is as before.
    assert "  No single pillar weight between 0 and 100 changes the winner." in lines[a:b]


def test_the_sensitivity_sheet_says_whom_the_tipping_points_are_measured_against(
    tmp_path: Path,
) -> None:
    result = capped(tmp_path)
    path = write_report(result, tmp_path / "report.xlsx")
    sheet = openpyxl.load_workbook(path)["Sensitivity"]
    text = " ".join(str(c.value) for row in sheet.iter_rows(max_row=4) for c in row if c.value)
    assert "against the tender ranked first" in text
    assert "lot B the lot cap proposes Z, not X" in text
