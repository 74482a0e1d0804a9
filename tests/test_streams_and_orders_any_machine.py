"""What a machine's setup must not change (found by the reproducibility red team).

* Python run with the standard output closed (``>&-``, a scheduled job) has none: a JSON or
  OCDS output sent to it (``-``) was a crash, "a bug in tendereval" (exit 3), where a full
  disk gets advice and exit 1.
* The C locale with UTF-8 mode off gives the terminal ASCII with the handler that writes back
  a file name's undecodable bytes: a dash stopped ``score`` before its report was written
  (exit 3), and ``publish`` after writing its file.
* The Audit sheet's Input files table (and the list of files changed since an output was
  written) was sorted as the names are stored: "Élan Bluebell.xlsx" came first where a Mac
  stored the "É" as "E" and an accent, and after "Wye Vallée" elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import polars as pl

from tendereval.report.audit import write_inputs
from tendereval.report.book import Worksheet

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _tender(tmp_path: Path) -> Path:
    folder = tmp_path / "t"
    shutil.copytree(
        EXAMPLES / "carers-short-breaks", folder, ignore=shutil.ignore_patterns("reports")
    )
    return folder


def test_an_output_sent_to_a_closed_standard_output_is_said_in_words(tmp_path: Path) -> None:
    folder = _tender(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "tendereval", "validate", str(folder), "--json", "-"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # (The child's standard output closed, as `>&-` leaves it.)
        preexec_fn=lambda: os.close(1),
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr
    assert "Could not write the standard output: the command was run with none" in done.stderr


def test_the_c_locale_without_utf8_mode_escapes_what_it_cannot_show(tmp_path: Path) -> None:
    folder = _tender(tmp_path)
    env = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C"}
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run(
        [sys.executable, "-m", "tendereval", "score", str(folder)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert b"internal error" not in done.stderr + done.stdout
    assert done.returncode in (0, 2), done.stderr
    assert b"\\u2014" in done.stdout + done.stderr  # (a dash, as its escape)
    assert list((folder / "reports").glob("*.xlsx"))


def _listed(paths: list[str]) -> list[str]:
    inputs = pl.DataFrame(
        {"path": paths, "kind": ["bid"] * len(paths), "sha256": ["0" * 64] * len(paths)}
    ).with_columns(bytes=pl.lit(1, pl.Int64))
    ws = Worksheet("Audit")
    last = write_inputs(ws, 1, inputs)
    cells = [ws.cell(row, 1).value for row in range(1, last + 1)]
    return [unicodedata.normalize("NFC", c) for c in cells if isinstance(c, str) and "/" in c]


def test_the_input_files_are_listed_in_one_order_however_a_disk_stores_accents() -> None:
    names = ["bids/Wye Vallée Carers.xlsx", "bids/ashford.xlsx", "bids/Élan Bluebell.xlsx"]
    stored_on_a_mac = [unicodedata.normalize("NFD", name) for name in names]
    # (In the order the files are read: in any case, "É" after the letters without accents.)
    expected = ["bids/ashford.xlsx", "bids/Wye Vallée Carers.xlsx", "bids/Élan Bluebell.xlsx"]
    assert _listed(names) == expected
    assert _listed(stored_on_a_mac) == expected
