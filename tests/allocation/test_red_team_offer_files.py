"""Red team, round 2: commissioners' offers tables written carelessly.

An offers table is typed or pasted by a commissioner. A warning about the workbook (a hidden
sheet, macros) must not stop the allocation; a lot or a supplier written two ways (``ash`` and
``ASH``, ``ACME  LTD`` and ``Acme Ltd``) must not become two lots (one lot awarded twice) or two
suppliers (the lot cap escaped), as bid returns already match them.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

import tendereval
from tendereval.cli import cli

HEADER = ["offer_id", "supplier", "lots", "price", "score", "sme", "vcse"]
ROWS = [
    ["A1", "Acme Ltd", "L1", "100", "80", "yes", "no"],
    ["A2", "Acme Ltd", "L2", "100", "70", "yes", "no"],
    ["B1", "Big plc", "L1", "90", "75", "no", "no"],
    ["B2", "Big plc", "L2", "90", "79", "no", "no"],
]


def workbook_with_a_hidden_sheet(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Offers"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    notes = workbook.create_sheet("Notes")
    notes["A1"] = "working notes"
    notes.sheet_state = "hidden"
    workbook.save(path)
    return path


def test_a_workbook_with_only_a_warning_is_allocated_and_the_warning_shown(tmp_path: Path):
    # Before: the hidden-sheet warning alone stopped the run ("The inputs cannot be used, so
    # nothing was allocated ... no errors, 1 warning"), exit 1.
    path = workbook_with_a_hidden_sheet(tmp_path / "offers.xlsx")
    done = tendereval.allocate(path)
    assert done.allocation.status == "optimal"
    assert sorted(done.allocation.awarded.get_column("offer_id").to_list()) == ["A1", "B2"]
    assert [p.code for p in done.problems] == ["sheet.hidden"]
    assert done.ok
    result = CliRunner().invoke(cli, ["allocate", str(path)])
    assert result.exit_code == 0, result.output
    assert "the sheet 'Notes' is hidden" in result.output
    assert "nothing was allocated" not in result.output
    assert "L1  A1  Acme Ltd" in result.output
