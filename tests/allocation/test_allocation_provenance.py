"""Every allocation records what it was made from and how, once, in the library: the offers
file by the SHA-256 of the bytes parsed (or the tender's files, or that a frame was given), the
versions of Python, tendereval, polars, PuLP and the solver, the time limit and gap, and the
policy. The JSON, the workbook's Audit sheet and the terminal's solver line copy that record.

Before, the JSON and workbook of ``allocate offers.csv`` named neither the file nor a SHA-256,
a version or the time limit, though the time limit changed the answer."""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path

import highspy
import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

import tendereval
from tendereval.allocation import Policy, allocate
from tendereval.cli import cli
from tendereval.provenance import source_sha256
from tests.allocation.allocation_helpers import offers

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TENDER = EXAMPLES / "homecare-districts"
CSV = (
    "offer_id,supplier,lots,price,score,sme,vcse\n"
    "A1,Acme Ltd,A,100,80,no,no\n"
    "B1,Bright CIC,B,90,70,yes,yes\n"
)
HIGHS = f"{highspy.HIGHS_VERSION_MAJOR}.{highspy.HIGHS_VERSION_MINOR}.{highspy.HIGHS_VERSION_PATCH}"


def installed(name: str) -> str:
    import importlib.metadata

    return importlib.metadata.version(name)


def run(*args: str) -> Result:
    done = CliRunner().invoke(cli, ["allocate", *args])
    assert done.exit_code == 0, done.output
    return done


def audit(path: Path) -> dict[str, object]:
    """The Audit sheet's label → value pairs, and its Input files rows under "files"."""
    rows = [r[:4] for r in load_workbook(path)["Audit"].iter_rows(values_only=True)]
    header = next((i for i, r in enumerate(rows) if r[0] == "File"), len(rows))
    pairs: dict[str, object] = {r[0]: r[1] for r in rows[:header] if r[0] is not None}
    pairs["files"] = [r for r in rows[header + 1 :] if r[0] is not None]
    return pairs


def test_the_json_and_workbook_record_the_offers_file_by_its_sha256_versions_and_limit(
    tmp_path: Path,
) -> None:
    offers_file = tmp_path / "offers.csv"
    offers_file.write_text(CSV, encoding="utf-8")
    data = offers_file.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    out, book = tmp_path / "a.json", tmp_path / "a.xlsx"
    done = run(
        str(offers_file),
        "--time-limit",
        "30",
        "--solver",
        "highs",
        "--json",
        str(out),
        "-o",
        str(book),
    )

    record = json.loads(out.read_text(encoding="utf-8"))["provenance"]
    assert record["given"] == "an offers file"
    assert record["inputs"] == [
        {"path": str(offers_file), "kind": "offers", "sha256": sha256, "bytes": len(data)}
    ]
    assert record["versions"] == {
        "python": platform.python_version(),
        "tendereval": installed("tendereval"),
        "polars": installed("polars"),
        "pulp": installed("pulp"),
        "tendereval_source": source_sha256(),
    }
    assert record["solver"] == {"name": "highs", "version": HIGHS}
    assert record["time_limit"] == 30
    assert record["gap"]["relative"] == 0 and record["gap"]["absolute"] == 0.45
    assert record["settings"]["policy"]["objective"] == "score"
    assert record["settings"]["policy"]["tie_break"] == "standard"

    sheet = audit(book)
    assert sheet["Given"] == "an offers file"
    assert sheet["Solver"] == f"highs {HIGHS}"
    assert sheet["Time limit"] == "time limit 30 s a solver run"
    assert sheet["Version of tendereval"] == installed("tendereval")
    assert sheet["Version of pulp"] == installed("pulp")
    assert sheet["Setting: policy.objective"] == "score"
    assert sheet["files"] == [(str(offers_file), "offers", sha256, len(data))]
    policy = {r[0]: r[1] for r in load_workbook(book)["Policy"].iter_rows(values_only=True)}
    assert policy["solver"].startswith(f"highs {HIGHS}, ")
    assert policy["solver"].endswith("; time limit 30 s a solver run")
    # The terminal's solver line says the same.
    assert f"Solver: highs {HIGHS}, " in done.stdout
    assert "; time limit 30 s a solver run" in done.stdout


def test_changing_the_time_limit_changes_the_record_and_nothing_else_in_it(tmp_path: Path):
    offers_file = tmp_path / "offers.csv"
    offers_file.write_text(CSV, encoding="utf-8")
    records = {}
    for limit in ("30", "45", None):
        out = tmp_path / f"{limit}.json"
        run(str(offers_file), *(["--time-limit", limit] if limit else []), "--json", str(out))
        records[limit] = json.loads(out.read_text(encoding="utf-8"))["provenance"]
    assert [records[limit]["time_limit"] for limit in records] == [30, 45, None]
    without = {key: value for key, value in records["30"].items() if key != "time_limit"}
    for record in records.values():
        assert {key: value for key, value in record.items() if key != "time_limit"} == without
    book = tmp_path / "none.xlsx"
    run(str(offers_file), "-o", str(book))
    assert audit(book)["Time limit"] == "no time limit"


def test_the_sha256_is_of_the_bytes_parsed_even_when_the_file_is_replaced_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read once: replaced on disk once read, the record names what was
    allocated, never the file as it is afterwards."""
    from tendereval.allocation import offers as offers_module

    offers_file = tmp_path / "offers.csv"
    offers_file.write_text(CSV, encoding="utf-8")
    parsed = hashlib.sha256(offers_file.read_bytes()).hexdigest()
    read_input = offers_module.read_input

    def read_then_replaced(path, *args):
        read = read_input(path, *args)
        Path(path).write_text(CSV.replace("100", "999"), encoding="utf-8")
        return read

    monkeypatch.setattr(offers_module, "read_input", read_then_replaced)
    done = tendereval.allocate(offers_file)
    assert done.allocation.total_price == 190.0  # 100 + 90, as read
    (recorded,) = done.allocation.provenance.inputs.to_dicts()
    assert recorded["sha256"] == parsed
    assert parsed != hashlib.sha256(offers_file.read_bytes()).hexdigest()


def test_an_xlsx_offers_file_is_recorded_by_its_sha256(tmp_path: Path) -> None:
    import polars as pl

    path = tmp_path / "offers.xlsx"
    pl.read_csv(CSV.encode()).write_excel(path, worksheet="Offers")
    done = tendereval.allocate(path, time_limit=5)
    (recorded,) = done.to_dict()["provenance"]["inputs"]
    data = path.read_bytes()
    assert recorded == {
        "path": str(path),
        "kind": "offers",
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
    assert done.to_dict()["provenance"]["time_limit"] == 5


def test_a_frame_is_recorded_as_a_frame_with_no_file(tmp_path: Path) -> None:
    frame = offers([("A1", "Acme", ["A"], 100.0, 80.0, False, False, None)])
    done = tendereval.allocate(frame, solver="cbc", time_limit=7)
    record = done.to_dict()["provenance"]
    assert record["given"] == "a frame of offers given in Python (no file was read)"
    assert record["inputs"] == []
    assert record["solver"]["name"] == "cbc"
    assert record["solver"]["version"][0].isdigit()  # as CBC states it: 2.10.3
    assert record["time_limit"] == 7
    # The optimiser called directly records the same: no file, and its own settings.
    result = allocate(frame, Policy(objective="cost"), solver="cbc")
    assert result.provenance.given == record["given"]
    assert result.provenance.time_limit is None
    assert result.provenance.settings["policy"]["objective"] == "cost"
    from tendereval.report.allocation_excel import write_allocation_workbook

    sheet = audit(write_allocation_workbook(result, tmp_path / "frame.xlsx"))
    assert sheet["Given"] == record["given"] and sheet["files"] == []


def test_a_tender_folder_records_its_files_solver_version_and_time_limit(tmp_path: Path):
    out = tmp_path / "a.json"
    run(str(TENDER), "--award-all-lots", "--time-limit", "20", "--json", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    record = data["provenance"]
    plan = next(row for row in record["inputs"] if row["kind"] == "plan")
    assert plan["sha256"] == hashlib.sha256((TENDER / "tender.toml").read_bytes()).hexdigest()
    assert record["time_limit"] == 20
    assert record["solver"]["version"]
    assert record["settings"]["policy"]["tie_break"] == "plan"
    # The keys a tender's JSON has always had are the record's.
    assert data["inputs"] == record["inputs"]
    assert data["tendereval_version"] == record["versions"]["tendereval"]
