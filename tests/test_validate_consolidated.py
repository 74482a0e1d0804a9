"""validate counts what a tender in the consolidated form holds: it printed "0 bid file(s);
0 score file(s)" for a tender whose evaluation/ folder held two bids and their scores, which
score then ranked."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.plan_helpers import write_plan

CRITERIA = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 50

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 50

  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"
"""

TABLES = {
    "suppliers.csv": "supplier,org_type,vcse,staff,turnover,balance_sheet\n"
    "Alpha Ltd,company,no,20,1000000,500000\nBeta Ltd,company,no,20,1000000,500000\n",
    "prices.csv": "supplier,lot,item,unit_rate,uplift\nAlpha Ltd,L1,hours,50,\n"
    "Beta Ltd,L1,hours,60,\n",
    "scores.csv": "evaluator,group,supplier,lot,question,score,reason\n"
    "Eve One,,Alpha Ltd,L1,Q1,3,ok\nEve One,,Beta Ltd,L1,Q1,5,excellent\n"
    "Sam Two,,Alpha Ltd,L1,Q1,3,ok\nSam Two,,Beta Ltd,L1,Q1,4,good\n",
    "declarations.csv": "evaluator,group,declared_on,conflict,conflicted_suppliers\n"
    "Eve One,,2026-10-01,none,\nSam Two,,2026-10-01,none,\n",
}


def _consolidated(folder: Path) -> Path:
    write_plan(folder, CRITERIA)
    (folder / "evaluation").mkdir()
    for name, text in TABLES.items():
        (folder / "evaluation" / name).write_text(text, encoding="utf-8")
    return folder


def test_validate_counts_the_bids_and_scores_of_the_consolidated_form(tmp_path: Path) -> None:
    folder = _consolidated(tmp_path / "tender")
    report = tendereval.validate(folder)
    assert report.errors == []
    assert (report.bid_files, report.score_files) == (0, 0)
    assert (report.consolidated, report.suppliers, report.evaluators) == ("evaluation/", 2, 2)
    out = CliRunner().invoke(cli, ["validate", str(folder)]).output
    assert out.splitlines()[1] == (
        "1 lot(s); bids from 2 suppliers and scores from 2 evaluators in evaluation/ "
        "(the consolidated form)"
    )
