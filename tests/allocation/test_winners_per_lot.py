"""``allocate``'s "Winners per lot" names each lot's winner once.

Found by a red team: on a tender folder each line read ``ASH  Wye Valley Carers CIC / ASH  Wye
Valley Carers CIC``, the offer id tendereval makes (supplier / lot) then the supplier, while an
undecided lot is written ``undecided: X / A or Y / A``: a plain award looked like a tie. An
offers file's own ids (HC-052) are still given beside the supplier.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tendereval.cli import cli

EXAMPLES = Path(__file__).parents[2] / "examples"


def winners(*args: str | Path) -> list[str]:
    result = CliRunner().invoke(cli, ["allocate", *map(str, args)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("Winners per lot:")
    return lines[start + 1 : lines.index("", start)]


def test_a_tender_folders_winner_is_named_once(tmp_path: Path) -> None:
    folder = shutil.copytree(EXAMPLES / "homecare-districts", tmp_path / "homecare")
    lines = winners(folder)
    assert len(lines) == 12 and not [line for line in lines if " / " in line]
    assert lines[0] == "  ASH  Wye Valley Carers CIC"


def test_a_package_won_is_named_with_the_supplier(tmp_path: Path) -> None:
    folder = shutil.copytree(EXAMPLES / "homecare-districts", tmp_path / "homecare")
    lines = winners(folder, "--objective", "cost")
    assert "  DAR  Harbourside Home Support Ltd (package North Kent)" in lines
    assert "  DOV  Greenleaf Community Care Ltd (package Coast)" in lines


def test_an_offers_files_own_ids_are_kept() -> None:
    lines = winners(
        EXAMPLES / "offers" / "homecare-offers.csv",
        "--max-lots-per-supplier", "4", "--min-sme-share", "0.3",
    )  # fmt: skip
    assert lines[:3] == [
        "  ASH  HC-052  Ashford Home Support Ltd",
        "  CAN  HC-038  Harbour Healthcare UK Ltd",
        "  DAR  HC-015  Kentwide Care Group Ltd (package)",
    ]
