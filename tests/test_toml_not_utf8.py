"""A TOML file saved by an editor in Windows-1252 (older Notepad's "ANSI"): the plan, the
buyer's record or a scenarios file with a £ in it. The error said only "is not UTF-8 text",
leaving the officer to find the byte in a file that looks right on screen. Now it names the
byte, its line and column, and what it is in Windows-1252."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tests.example_copies import EXAMPLES, example_copy


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no BOM", "UTF-8 BOM first"])
def test_a_pound_sign_saved_as_windows_1252_is_found_by_line_and_column(
    tmp_path: Path, bom: bytes
) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_bytes(
        bom + b'[[no_award]]\r\nlot = "CSB"\r\nreason = "Over the \xa31.2m budget"\r\n'
    )
    (problem,) = [p for p in tendereval.validate(folder).problems if p.file == "decisions.toml"]
    assert problem.code == "decisions.encoding"
    assert problem.found == "byte A3 at line 3, column 20 ('£' in Windows-1252)"
    assert "UTF-8" in problem.expected


def test_a_byte_windows_1252_leaves_unassigned_is_named_without_a_guess(tmp_path: Path) -> None:
    plan = (EXAMPLES / "carers-short-breaks" / "tender.toml").read_bytes()
    (tmp_path / "tender.toml").write_bytes(plan + b"\n# \x81\n")
    problems = tendereval.load_plan(tmp_path / "tender.toml")[1]
    (problem,) = problems
    lines = plan.count(b"\n") + 2
    assert problem.found == f"byte 81 at line {lines}, column 3"
