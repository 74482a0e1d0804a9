"""Every record of a run names the code that made it, not only its version number.

The version stayed 0.1.0 through every change of the code under it (editable installs, fixes
applied in place), so two reports of the same inputs saying "tendereval 0.1.0" could come from
code that decides differently, and nothing in either said so. Each result now records
``tendereval_source``, the SHA-256 of tendereval's own files as installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.provenance import source_sha256
from tests.example_copies import example_copy

PACKAGE = Path(tendereval.__file__).parent


def fingerprint_of(package_parent: Path) -> str:
    """source_sha256() as a fresh interpreter computes it for the tendereval copy under
    ``package_parent``."""
    code = "import tendereval.provenance as p; print(p.__file__); print(p.source_sha256())"
    env = {**os.environ, "PYTHONPATH": str(package_parent), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert Path(out[0]).is_relative_to(package_parent)  # (the copy, not the installed one)
    return out[1]


def test_the_fingerprint_changes_with_any_file_and_with_nothing_else(tmp_path: Path) -> None:
    copy = tmp_path / "code"
    shutil.copytree(PACKAGE, copy / "tendereval", ignore=shutil.ignore_patterns("__pycache__"))
    first = fingerprint_of(copy)
    assert first == source_sha256()  # the same bytes installed elsewhere: the same fingerprint
    assert len(first) == 64 and set(first) <= set("0123456789abcdef")

    # Compiled caches are not the code: their presence changes nothing.
    cache = copy / "tendereval" / "__pycache__"
    cache.mkdir()
    (cache / "plan.cpython-311.pyc").write_bytes(b"\0" * 10)
    assert fingerprint_of(copy) == first

    # One comment changed in one module: another fingerprint.
    module = copy / "tendereval" / "scoring" / "price.py"
    module.write_text(module.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    changed = fingerprint_of(copy)
    assert changed != first

    # The same bytes under another file name are other code (a module renamed).
    module.rename(module.with_name("price_renamed.py"))
    assert fingerprint_of(copy) not in (first, changed)


def test_score_validate_and_allocate_record_the_fingerprint(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    fingerprint = source_sha256()
    runner = CliRunner()

    report, results = tmp_path / "report.xlsx", tmp_path / "results.json"
    done = runner.invoke(cli, ["score", str(folder), "-o", str(report), "--json", str(results)])
    assert done.exit_code == 0, done.output
    settings = json.loads(results.read_text(encoding="utf-8"))["settings"]
    assert settings["tendereval_source"] == fingerprint
    audit = {
        row[0]: row[1]
        for row in openpyxl.load_workbook(report)["Audit"].iter_rows(values_only=True)
        if row and row[0]
    }
    assert audit["Scoring setting: tendereval_source"] == fingerprint

    checked = tmp_path / "checked.json"
    runner.invoke(cli, ["validate", str(folder), "--json", str(checked)])
    assert json.loads(checked.read_text(encoding="utf-8"))["tendereval_source"] == fingerprint

    allocated = tmp_path / "allocated.json"
    done = runner.invoke(cli, ["allocate", str(folder), "--json", str(allocated)])
    assert done.exit_code == 0, done.output
    record = json.loads(allocated.read_text(encoding="utf-8"))["provenance"]
    assert record["versions"]["tendereval_source"] == fingerprint
