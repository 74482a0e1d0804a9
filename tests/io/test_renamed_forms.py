"""A form or the price table on a sheet renamed ('Organization', 'Declarations') or copied and
the original deleted ('Organisation (2)', 'Declaration (2)'): what the sheet gives is not read,
and the sheet holding it is named (sheet.renamed), as a renamed Supply chain or Social value
sheet always was. Before, Helen's declared conflict of interest on 'Declaration (2)' was lost
with one warning that found nothing, so her score for the supplier she declared counted; a
renamed Organisation sheet gave "no 'Organisation' sheet" and seven fields missing, naming no
sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tendereval.errors import Severity
from tendereval.io.tender import load_tender

from ..example_copies import example_copy

WEALD = "bids/weald-carers-trust.xlsx"
HELEN = "scores/helen-marsh.xlsx"


def _renamed(tmp_path: Path, workbook: str, sheet: str, title: str | None, copied: bool):
    """The carers example with ``sheet`` of ``workbook`` renamed ``title``; ``copied``: a copy
    kept in its place and the original deleted; no ``title``: the sheet deleted."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / workbook)
    original = book[sheet]
    if workbook == HELEN:  # Helen declares a conflict with Weald: five answers, with her name
        original["B8"], original["B9"] = "declared", "Weald Carers Trust"
    if title is None:
        book.remove(original)
    elif copied:
        copy = book.copy_worksheet(original)
        book.remove(original)
        copy.title = title
    else:
        original.title = title
    book.save(folder / workbook)
    return load_tender(folder)


def _renamed_problems(tender) -> list[tuple[str, Severity]]:
    return [(p.where, p.severity) for p in tender.problems if p.code == "sheet.renamed"]


@pytest.mark.parametrize(
    ("title", "copied", "how"),
    [("Declaration (2)", True, "its name"), ("Declarations", False, "the labels in its column A")],
)
def test_a_declaration_on_a_renamed_sheet_is_an_error_naming_it(
    tmp_path: Path, title: str, copied: bool, how: str
) -> None:
    tender = _renamed(tmp_path, HELEN, "Declaration", title, copied)
    assert _renamed_problems(tender) == [(f"{HELEN} › {title} › B4", Severity.ERROR)]
    renamed = next(p for p in tender.problems if p.code == "sheet.renamed")
    assert renamed.message == (
        f"the workbook has no 'Declaration' sheet, but the sheet '{title}' looks like it (by "
        f"{how}) and holds 5 answers (the evaluator's declaration of interest), none of which "
        "is read"
    )
    missing = next(p for p in tender.problems if p.code == "declaration.missing")
    assert missing.found == (
        f"no 'Declaration' sheet; the sheet '{title}' looks like it, and is not read"
    )


def test_a_declaration_deleted_is_still_found_nothing(tmp_path: Path) -> None:
    tender = _renamed(tmp_path, HELEN, "Declaration", None, False)
    assert _renamed_problems(tender) == []
    missing = next(p for p in tender.problems if p.code == "declaration.missing")
    assert missing.found == "nothing"


@pytest.mark.parametrize(
    ("title", "copied", "how"),
    [
        ("Organisation (2)", True, "its name"),
        ("Organization", False, "the labels in its column A"),
    ],
)
def test_an_organisation_form_on_a_renamed_sheet_is_named(
    tmp_path: Path, title: str, copied: bool, how: str
) -> None:
    tender = _renamed(tmp_path, WEALD, "Organisation", title, copied)
    assert _renamed_problems(tender) == [(f"{WEALD} › {title} › B4", Severity.ERROR)]
    renamed = next(p for p in tender.problems if p.code == "sheet.renamed")
    assert f"(by {how}) and holds 12 answers (the supplier's organisation details)" in (
        renamed.message
    )
    assert not [p for p in tender.problems if p.code == "sheet.missing"]
    # Review red team: six 'field … is missing from the form' errors beside it, at a sheet
    # that does not exist, said rows were absent that are on the renamed sheet. The legal
    # name's error stays: it says the file name is used.
    assert sorted(p.code for p in tender.problems if p.is_error) == ["bid.no_name", "sheet.renamed"]


def test_an_organisation_sheet_deleted_is_still_missing(tmp_path: Path) -> None:
    tender = _renamed(tmp_path, WEALD, "Organisation", None, False)
    assert _renamed_problems(tender) == []
    assert [p.where for p in tender.problems if p.code == "sheet.missing"] == [WEALD]


@pytest.mark.parametrize(
    ("title", "how"), [("Prices (2)", "its name"), ("Pricing", "its header row")]
)
def test_a_price_table_on_a_renamed_sheet_is_named(tmp_path: Path, title: str, how: str) -> None:
    tender = _renamed(tmp_path, WEALD, "Prices", title, title == "Prices (2)")
    weald = [p for p in tender.problems if p.file == WEALD]
    assert [(p.code, p.where) for p in weald] == [("sheet.renamed", f"{WEALD} › {title} › A5")]
    assert f"(by {how}) and holds 3 rows (the pricing schedule)" in weald[0].message
