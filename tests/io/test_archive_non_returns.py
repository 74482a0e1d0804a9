"""A workbook in an archive that is not a bid return (a supplier's TUPE staff list, a
clarification log, the blank template, a return as received beside the .xlsx it was saved
as in bids/) is a warning naming it, never an error holding the award nor advice to put it in
bids/; a filled-in bid return not in bids/ is still an error, whatever the archive's name
(io/held_workbooks.py, io/archives.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.errors import Severity
from tests.example_copies import as_received, example_copy

BIDS = (
    "brightwater-care-services-ltd.xlsx",
    "example-county-council-short-breaks-service.xlsx",
    "hop-garden-respite-cic.xlsx",
    "meridian-care-group-plc.xlsx",
    "stour-valley-homecare-ltd.xlsx",
    "weald-carers-trust.xlsx",
)


def _book(title: str, *rows: list) -> bytes:
    """A workbook of one sheet ``title`` holding ``rows``: a supporting document."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TUPE = _book("TUPE", ["Role", "Hours", "Salary"], ["Carer", 37.5, 23000])


def _portal_export(folder: Path, path: Path, late: bytes | None = None) -> Path:
    """The portal's export of every response: a folder per supplier holding its return (as
    in bids/, byte for byte, under the portal's one name) and a TUPE staff list and a PDF it
    uploaded too; ``late``, a return in no file of bids/."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for number, bid in enumerate(BIDS, start=1):
            where = f"Supplier {number} - {bid[:-5]}"
            out.write(folder / "bids" / bid, f"{where}/Pricing Schedule.xlsx")
            out.writestr(f"{where}/TUPE staff list.xlsx", TUPE)
            out.writestr(f"{where}/Method statement.pdf", b"%PDF-1.4")
        if late is not None:
            out.writestr("Supplier 7 - late-care-ltd/Pricing Schedule.xlsx", late)
    return path


def _archive_problems(folder: Path) -> list:
    return [p for p in tendereval.validate(folder).problems if p.file.endswith(".zip")]


def _saved_again(path: Path) -> bytes:
    """A filled-in return in other bytes than any file of bids/ (a comment in its zip)."""
    data = path.read_bytes()
    return data[:-2] + b"\x0b\x00saved again"


@pytest.mark.parametrize("where", ["all-responses.zip", "bids/all-responses.zip"])
def test_a_suppliers_other_uploads_in_the_portals_zip_are_a_warning(
    tmp_path: Path, where: str
) -> None:
    """Every return in the portal's zip is in bids/; each supplier also uploaded a TUPE
    staff list (a workbook with no Organisation or Prices sheet). It was "6 workbooks that
    are not in bids/ … expected each workbook unzipped directly into bids/", an error holding
    the award, and following the advice made each an invalid bid."""
    folder = example_copy(tmp_path)
    _portal_export(folder, folder / where)
    (problem,) = _archive_problems(folder)
    assert (problem.file, problem.code, problem.severity) == (
        where,
        "file.archive",
        Severity.WARNING,
    )
    assert problem.message == (
        "this archive was not read, and holds no bid return missing from bids/: 6 workbooks "
        "that are not bid returns (no Organisation or Prices sheet laid out as the "
        "template's): Supplier 1 - "
        "brightwater-care-services-ltd/TUPE staff list.xlsx, Supplier 2 - example-county-"
        "council-short-breaks-service/TUPE staff list.xlsx, Supplier 3 - hop-garden-respite-"
        "cic/TUPE staff list.xlsx, Supplier 4 - meridian-care-group-plc/TUPE staff list.xlsx, "
        "Supplier 5 - stour-valley-homecare-ltd/TUPE staff list.xlsx and Supplier 6 - weald-"
        "carers-trust/TUPE staff list.xlsx"
    )
    assert problem.found == "12 workbook(s) in the archive, 6 not in bids/"
    assert "unzipped" not in problem.expected and problem.expected.startswith(
        "nothing moved into bids/ (only bid returns go there"
    )
    assert tendereval.score(folder, sensitivity=False).award.held_back is None


def test_a_late_return_beside_other_uploads_is_an_error_naming_only_it(tmp_path: Path) -> None:
    """A late supplier's return in the zip beside the TUPE lists: an error naming the return
    (to be unzipped into bids/), the TUPE lists said in its found as not to be moved."""
    folder = example_copy(tmp_path)
    late = _saved_again(folder / "bids" / BIDS[0])
    _portal_export(folder, folder / "all-responses.zip", late=late)
    (problem,) = _archive_problems(folder)
    assert (problem.code, problem.severity) == ("file.archive", Severity.ERROR)
    assert problem.message == (
        "this archive holds 1 workbook that is not in bids/, so it was not read: "
        "Supplier 7 - late-care-ltd/Pricing Schedule.xlsx"
    )
    assert problem.found.startswith(
        "13 workbook(s) in the archive, 7 not in bids/; not to be moved into it, as none is a "
        "bid return: 6 workbooks that are not bid returns (no Organisation or Prices sheet "
        "laid out as the template's): "
    )
    assert problem.expected.startswith("each workbook named unzipped directly into bids/")
    assert tendereval.score(folder, sensitivity=False).award.held_back is not None


@pytest.mark.libreoffice
def test_the_return_as_received_beside_its_xlsx_in_bids_is_a_warning(tmp_path: Path) -> None:
    """A return arrived as .xls; the officer saved it as .xlsx in bids/ as tendereval
    advises, and kept the portal's zip with the .xls as received beside bids/: "1 workbook
    that is not in bids/ … weald-carers-trust.xls", an error holding the award. It is the
    return read as bids/weald-carers-trust.xlsx. An .xls of another name is still an error:
    it may be a bid that was never saved into bids/."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    received = as_received(bids / "weald-carers-trust.xlsx")  # (an Excel 97-2003 file)
    with zipfile.ZipFile(folder / "all-responses.zip", "w") as out:
        for bid in BIDS[:-1]:
            out.write(bids / bid, bid)
        out.writestr("WEALD-carers-trust.xls", received)
    (problem,) = _archive_problems(folder)
    assert problem.severity is Severity.WARNING
    assert problem.message == (
        "this archive was not read, and holds no bid return missing from bids/: 1 bid return "
        "as received, saved as .xlsx in bids/ and read there: WEALD-carers-trust.xls"
    )
    assert tendereval.score(folder, sensitivity=False).award.held_back is None
    with zipfile.ZipFile(folder / "all-responses.zip", "a") as out:
        out.writestr("late-care-ltd.xls", received)
    (problem,) = _archive_problems(folder)
    assert problem.is_error and problem.message == (
        "this archive holds 1 workbook that is not in bids/, so it was not read: late-care-ltd.xls"
    )


def test_the_archives_name_does_not_make_a_document_a_bid(tmp_path: Path) -> None:
    """Any zip with "responses" in its name was taken for the portal's export of the bids:
    "Clarification responses.zip" (the clarification log) or "Market engagement
    responses.zip" (questionnaires) held the award, the same log in "Clarifications.zip"
    only a warning. What each workbook is decides: none of these is a bid return. A filled
    return not in bids/ holds the award in a zip of any name."""
    folder = example_copy(tmp_path)
    log = _book("Clarifications", ["No.", "Question", "Answer"], [1, "TUPE?", "Yes"])
    for name in ("Clarification responses.zip", "Clarifications.zip"):
        with zipfile.ZipFile(folder / name, "w") as out:
            out.writestr("Clarification log.xlsx", log)
    with zipfile.ZipFile(folder / "Market engagement responses.zip", "w") as out:
        for supplier in ("Weald", "Meridian"):
            out.writestr(f"PME - {supplier}.xlsx", _book("PME", ["Interested?", "Yes"]))
    problems = _archive_problems(folder)
    assert [(p.file, p.severity) for p in problems] == [
        ("Clarification responses.zip", Severity.WARNING),
        ("Clarifications.zip", Severity.WARNING),
        ("Market engagement responses.zip", Severity.WARNING),
    ]
    assert all("not bid return" in p.message or "not a bid return" in p.message for p in problems)
    assert tendereval.score(folder, sensitivity=False).award.held_back is None
    with zipfile.ZipFile(folder / "Clarifications.zip", "a") as out:
        out.writestr("late-care-ltd.xlsx", _saved_again(folder / "bids" / BIDS[0]))
    problem = next(p for p in _archive_problems(folder) if p.file == "Clarifications.zip")
    assert problem.is_error and problem.message.endswith("not read: late-care-ltd.xlsx")


def test_the_blank_score_sheet_zipped_in_scores_is_a_warning(tmp_path: Path) -> None:
    """The blank score sheet tendereval made, zipped in scores/: not an evaluator's sheet
    left out, but the template, said as such; an evaluator's filled sheet is still an
    error."""
    folder = example_copy(tmp_path)
    blank = tmp_path / "score-sheet.xlsx"
    tendereval.template("score-sheet", folder, blank)
    with zipfile.ZipFile(folder / "scores" / "templates.zip", "w") as out:
        out.write(blank, "Score sheet (blank).xlsx")
    (problem,) = _archive_problems(folder)
    assert (problem.severity, problem.message) == (
        Severity.WARNING,
        "this archive was not read, and holds no score sheet missing from scores/: 1 blank "
        "score sheet (nothing in it filled in): Score sheet (blank).xlsx",
    )


@pytest.mark.libreoffice
def test_another_suppliers_return_under_the_name_of_one_in_bids_is_an_error(
    tmp_path: Path,
) -> None:
    """A portal names every return alike: the zip of late returns holds another supplier's
    Response.xls, while Hop Garden's on-time return is bids/Response.xlsx. Its name alone
    made it Hop Garden's return as received, a warning, and the late bid was lost."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    (bids / "hop-garden-respite-cic.xlsx").rename(bids / "Response.xlsx")
    with zipfile.ZipFile(bids / "late responses.zip", "w") as out:
        out.writestr("Response.xls", as_received(bids / "meridian-care-group-plc.xlsx"))
    (problem,) = _archive_problems(folder)
    assert problem.is_error and problem.message == (
        "this archive holds 1 workbook that is not in bids/, so it was not read: Response.xls"
    )
    with zipfile.ZipFile(bids / "late responses.zip", "w") as out:
        out.writestr("Response.xls", as_received(bids / "Response.xlsx"))
    (problem,) = _archive_problems(folder)
    assert problem.severity is Severity.WARNING
