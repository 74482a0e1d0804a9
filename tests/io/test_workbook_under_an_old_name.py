"""A workbook of today's format (.xlsx) saved under an .xls or .xlsb name is read with the
warning every other misnamed workbook gets.

Found by a red team (session 38): weald-carers-trust.xls (or .xlsb, .XLS) holding an .xlsx was
read and scored without a word, where .xlt, .ods, .txt and no extension each gave
file.workbook_misnamed, as docs/inputs.md says of "an Excel workbook under any other name".
Excel refuses to open such a file ("the file format and extension don't match"), so the
officer checking the bid could not open what was scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import load


@pytest.mark.parametrize("suffix", [".xls", ".xlsb", ".XLS", ".xlt"])
def test_an_xlsx_under_an_old_name_is_read_and_said_to_be_misnamed(
    tender_dir: Path, suffix: str
) -> None:
    bid = tender_dir / "bids" / "acme.xlsx"
    bid.rename(bid.with_suffix(suffix))
    tender = load(tender_dir)
    (misnamed,) = tender.problems
    assert misnamed.code == "file.workbook_misnamed" and not misnamed.is_error
    assert misnamed.file == f"bids/acme{suffix}"
    assert "Acme Care Ltd" in tender.suppliers["supplier"].to_list()


@pytest.mark.parametrize("suffix", [".xlsx", ".XLSX"])
def test_an_xlsx_under_its_own_name_is_read_without_a_word(tender_dir: Path, suffix: str) -> None:
    bid = tender_dir / "bids" / "acme.xlsx"
    bid.rename(bid.with_suffix(suffix))
    assert load(tender_dir).problems == []
