"""``scenarios`` records the time limit its solves ran under, with the scenarios file's SHA-256,
the solver and its version and the versions, in one record its JSON and workbook copy.
Before, neither said what time limit the numbers were found under."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from tendereval.cli import cli
from tests.scenarios.helpers import BASE, write


def test_the_json_and_workbook_record_the_time_limit_and_the_files_sha256(tmp_path: Path):
    path = write(tmp_path, BASE)
    data = path.read_bytes()
    out, book = tmp_path / "s.json", tmp_path / "s.xlsx"
    done = CliRunner().invoke(
        cli,
        ["scenarios", str(path), "--time-limit", "25", "--solver", "cbc", "--json", str(out),
         "-o", str(book)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["time_limit"] == 25
    record = figures["provenance"]
    assert record["time_limit"] == 25
    assert record["inputs"] == [
        {
            "path": "scenarios.toml",
            "kind": "scenarios",
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
        }
    ]
    assert record["solver"]["name"] == "cbc" and record["solver"]["version"][0].isdigit()
    assert record["settings"] == {"seed": 1, "samples": 0, "steps": 2, "objective": "cost"}
    assert figures["versions"] == record["versions"]
    pairs = {r[0]: r[1] for r in load_workbook(book)["Assumptions"].iter_rows(values_only=True)}
    assert pairs["Time limit"] == "time limit 25 s a solver run"
    assert pairs["Solver"] == f"cbc {record['solver']['version']}"
    assert pairs["SHA-256 of the file"] == hashlib.sha256(data).hexdigest()


def test_no_time_limit_is_recorded_as_none(tmp_path: Path):
    path = write(tmp_path, BASE)
    out = tmp_path / "s.json"
    done = CliRunner().invoke(cli, ["scenarios", str(path), "--json", str(out)])
    assert done.exit_code == 0, done.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["time_limit"] is None and figures["provenance"]["time_limit"] is None
