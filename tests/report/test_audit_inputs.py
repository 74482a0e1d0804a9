"""The Audit names the proxy table packaged with tendereval so an auditor can find it.

Found by a red team: the Audit's input files listed the packaged proxy table as
``templates/social-value-proxies-2026.csv``, a path in no tender folder (the file read was the
copy installed with the package, under ``tendereval/data/``), so an auditor checking its hash
had no file to check it against.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl

import tendereval
from tendereval.report.excel import write_report
from tendereval.resources import templates_dir
from tests.example_copies import example_copy


def test_the_packaged_proxy_table_is_named_by_its_release_with_its_hash(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    assert not (folder / "social-value-proxies-2026.csv").exists()  # so the packaged one
    result = tendereval.score(folder, sensitivity=False)
    ws = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Audit"]
    inputs = {r[0]: r[1:4] for r in ws.iter_rows(values_only=True) if r[1] == "proxies"}
    read = (templates_dir() / "social-value-proxies-2026.csv").read_bytes()
    assert inputs == {
        f"the proxy table packaged with tendereval {tendereval.__version__} "
        "(social-value-proxies-2026.csv)": ("proxies", hashlib.sha256(read).hexdigest(), len(read))
    }


def test_a_proxy_table_in_the_tender_folder_is_named_by_its_path(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    table = (templates_dir() / "social-value-proxies-2026.csv").read_bytes()
    (folder / "social-value-proxies-2026.csv").write_bytes(table)
    result = tendereval.score(folder, sensitivity=False)
    ws = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))["Audit"]
    assert [r[0] for r in ws.iter_rows(values_only=True) if r[1] == "proxies"] == [
        "social-value-proxies-2026.csv"
    ]
