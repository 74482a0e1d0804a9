"""Same inputs, same answer, whatever Python's string hashing.

Python draws a new hash seed for strings in every process, which changes the order sets and
some dictionaries are walked in. A decision or a listing that followed that order would differ
from one run of the same command on the same folder to the next. Each command here runs in two
processes with different seeds and must write the same results; only the times it records
(when it ran, how long it took) may differ."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TIMES = {"scored_at", "run_seconds", "seconds", "publishedDate", "date", "uri", "id"}


def _without_times(value: object) -> object:
    """The JSON with what a run records of its own time left out (the release id holds the
    time it was published)."""
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k not in TIMES}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def _run(folder: Path, seed: str, out: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "tendereval"]
    runs = {
        "score": [*command, "score", str(folder), "--no-report", "--json", str(out / "s.json")],
        "allocate": [*command, "allocate", str(folder), "--json", str(out / "a.json")],
        "publish": [
            *command, "publish", str(folder), "--internal", "--ocid-prefix", "ocds-abc123",
            "-o", str(out / "p.json"),
        ],
    }  # fmt: skip
    found: dict[str, object] = {}
    for name, argv in runs.items():
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, (name, done.stdout, done.stderr)
        written = {"score": "s.json", "allocate": "a.json", "publish": "p.json"}[name]
        found[name] = _without_times(json.loads((out / written).read_text(encoding="utf-8")))
        found[f"{name} printed"] = [
            line for line in done.stdout.splitlines() if " s" not in line and "took" not in line
        ]
    return found


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_every_command_gives_the_same_answer_under_any_hash_seed(example, tmp_path) -> None:
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder)
    out = tmp_path / "out"  # the same paths both times, so what is printed can be compared
    out.mkdir()
    seen = [_run(folder, seed, out) for seed in ("0", "4242")]
    first, second = seen
    for name in first:
        assert first[name] == second[name], name
