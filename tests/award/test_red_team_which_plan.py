"""Every output of the award says which plan it was made under (the plan's SHA-256), so an
output made before the plan was edited can be told from one made after.

Found by the red team: the score JSON and the Excel report record the plan's SHA-256, but the
assessment summaries sent to bidders, and ``allocate DIR``'s JSON and workbook (which state
the published award), did not say which plan, nor which version of tendereval.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.award.red_team_tenders import Bid, tender_folder


def cells(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c]


def test_summaries_and_allocation_name_the_plan_they_were_made_under(tmp_path: Path) -> None:
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", 10), Bid("Yew Care", "A", 11)]
    )
    sha = hashlib.sha256((folder / "tender.toml").read_bytes()).hexdigest()
    out = tmp_path / "out"
    out.mkdir()  # (a folder named for an output is not made: a usage error)
    run = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(out / "summaries")])
    assert run.exit_code == 0, run.output
    for summary in sorted((out / "summaries").glob("*.xlsx")):
        assert f"tender.toml, SHA-256 {sha}" in cells(summary), summary.name

    run = CliRunner().invoke(
        cli,
        ["allocate", str(folder), "--json", str(out / "a.json"), "-o", str(out / "a.xlsx")],
    )
    assert run.exit_code == 0, run.output
    data = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert {"path": "tender.toml", "kind": "plan", "sha256": sha, "bytes": len(
        (folder / "tender.toml").read_bytes())} in data["inputs"]  # fmt: skip
    assert data["tendereval_version"] == tendereval.__version__
    assert any(f"Evaluation plan: tender.toml, SHA-256 {sha}." in c for c in cells(out / "a.xlsx"))


def test_an_edited_plan_changes_what_the_summaries_say(tmp_path: Path) -> None:
    folder = tender_folder(
        tmp_path / "tender", ["A"], [Bid("Xavier Care", "A", 10), Bid("Yew Care", "A", 11)]
    )
    before = tendereval.summaries(folder, tmp_path / "before")
    plan = folder / "tender.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("= 60", "= 59.5").replace(
        "weight_of_total = 40", "weight_of_total = 40.5"), encoding="utf-8")  # fmt: skip
    after = tendereval.summaries(folder, tmp_path / "after")
    first = [c for c in cells(before.paths[0]) if "SHA-256" in c]
    second = [c for c in cells(after.paths[0]) if "SHA-256" in c]
    assert len(first) == len(second) == 1 and first != second
