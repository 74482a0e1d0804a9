"""Red team (helper Q, round 3): an invalid bid's questions showed weighted points.

Price 60, quality 40 (Q1 on 0-5), lowest price ratio. Birch's unit rate is -3, so its bid is
invalid: no total, no rank, no price points. But its Q1 (scored 5 by the evaluator) kept its
40 weighted points in the criteria frame, and so in the JSON ("weighted": 40.0) and on the
report's Quality sheet ("Weighted points" 40, beside Ash's 40 that do count), where nothing
said the bid was invalid: an officer could read Birch as having scored 40 quality points.

The points of an invalid bid's criteria are now empty (as its pillar scores and total already
were); the evaluator's score, the score used and how it was arrived at stay, as the record of
what was marked.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.award.red_team_tenders import Bid, tender_folder


def test_an_invalid_bids_criteria_carry_no_points_anywhere(tmp_path: Path) -> None:
    bids = [Bid("Ash Care", "A", 10, 5), Bid("Birch Care", "A", -3, 5), Bid("Cedar Care", "A", 12)]
    folder = tender_folder(tmp_path / "tender", ["A"], bids)
    result = tendereval.score(folder, sensitivity=False)
    status = dict(result.results.select("supplier", "status").rows())
    assert status == {"Ash Care": "ranked", "Birch Care": "invalid", "Cedar Care": "ranked"}

    birch = result.criteria.filter(pl.col("supplier") == "Birch Care")
    assert birch.get_column("weighted").null_count() == birch.height
    assert birch.get_column("fraction").null_count() == birch.height
    q1 = birch.filter(pl.col("criterion") == "Q1").row(0, named=True)
    assert (q1["raw_score"], q1["basis"]) == (5.0, "mean")  # what was marked stays
    # The bids that count keep theirs: Ash 5 of 5 → 40, Cedar 3 of 5 → 24.
    counted = result.criteria.filter(pl.col("criterion") == "Q1").select("supplier", "weighted")
    points = dict(counted.rows())
    assert points["Birch Care"] is None
    assert points["Ash Care"] == pytest.approx(40) and points["Cedar Care"] == pytest.approx(24)

    out = CliRunner().invoke(
        cli,
        ["score", str(folder), "--no-sensitivity", "--json", str(tmp_path / "r.json"),
         "-o", str(tmp_path / "r.xlsx")],
    )  # fmt: skip
    assert out.exit_code == 1, out.output  # the negative rate is an input error
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    ranking = {b["supplier"]: b for b in data["lots"][0]["ranking"]}
    assert all(c["weighted"] is None for c in ranking["Birch Care"]["criteria"])
    assert [c["weighted"] for c in ranking["Ash Care"]["criteria"]] == pytest.approx([60, 40])

    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Quality"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "Lot")
    points = header.index("Weighted points")
    by_supplier = {r[1]: r for r in rows if r[0] == "A"}
    assert by_supplier["Birch Care"][points] is None
    assert by_supplier["Ash Care"][points] == 40
