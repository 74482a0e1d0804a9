"""A folder that is not read holding workbooks that are not bid returns (a supplier's TUPE
staff list inside bids/, the blank templates tendereval made in "Tenders/" or "Scoring/") is
a warning naming them, never an error holding the award nor advice to move them into bids/
or scores/; a late bid there is still an error (io/folders_not_read.py, io/tender.py). And the
files Windows leaves, in any capitals, are passed over in bids/ and scores/
(io/companions.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.errors import Severity
from tests.example_copies import as_received, example_copy


def _tupe_list(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "TUPE"
    book.active.append(["Role", "Hours", "Salary"])
    book.active.append(["Carer", 37.5, 23000])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _problems(folder: Path, code: str) -> dict[str, object]:
    return {p.file: p for p in tendereval.validate(folder).problems if p.code == code}


def test_a_suppliers_attachments_inside_bids_are_a_warning(tmp_path: Path) -> None:
    """bids/attachments/Weald Carers Trust/TUPE staff list.xlsx was "the folder bids/
    attachments/ is not read, and it holds 1 workbook … expected each workbook moved directly
    into bids/", an error holding the award, and moved there it was an invalid bid."""
    folder = example_copy(tmp_path)
    _tupe_list(folder / "bids" / "attachments" / "Weald Carers Trust" / "TUPE staff list.xlsx")
    (folder / "bids" / "attachments" / "Weald Carers Trust" / "Method.pdf").write_bytes(b"%PDF")
    (problem,) = _problems(folder, "file.subfolder").values()
    assert (problem.file, problem.severity) == ("bids/attachments/", Severity.WARNING)
    assert problem.message == (
        "the folder bids/attachments/ is not read, and holds no bid return: 1 workbook that "
        "is not a bid return (no Organisation or Prices sheet laid out as the template's): "
        "Weald Carers Trust/TUPE staff "
        "list.xlsx"
    )
    assert problem.found == "1 other file(s) in it too"
    assert problem.expected == (
        "nothing moved into bids/ (only bid returns go there; other documents can stay elsewhere)"
    )
    assert tendereval.score(folder, sensitivity=False).award.held_back is None


def test_a_late_bid_beside_attachments_inside_bids_is_an_error_naming_only_it(
    tmp_path: Path,
) -> None:
    folder = example_copy(tmp_path)
    inside = folder / "bids" / "late"
    _tupe_list(inside / "TUPE staff list.xlsx")
    late = (folder / "bids" / "weald-carers-trust.xlsx").read_bytes()
    (inside / "late-care-ltd.xlsx").write_bytes(late[:-2] + b"\x05\x00again")
    (problem,) = _problems(folder, "file.subfolder").values()
    assert problem.is_error and problem.message == (
        "the folder bids/late/ is not read, and it holds 1 workbook: late-care-ltd.xlsx"
    )
    assert problem.found == (
        "not to be moved into bids/, as none is a bid return: 1 workbook that is not a bid "
        "return (no Organisation or Prices sheet laid out as the template's): TUPE staff list.xlsx"
    )
    assert problem.expected.startswith("each workbook named moved directly into bids/")


@pytest.mark.parametrize("bids_there", [True, False])
def test_folders_named_almost_as_bids_and_scores_holding_blank_templates_are_a_warning(
    tmp_path: Path, bids_there: bool
) -> None:
    """ "Tenders/" holding the blank bid return and "Scoring/" the blank score sheet, as
    `tendereval template` made them: each was "this looks like the folder of bid returns …
    expected … move its files into bids/", an error holding the award. They are the
    templates, said as such; moved into bids/ the blank return is an invalid bid."""
    folder = example_copy(tmp_path)
    (folder / "Tenders").mkdir()
    (folder / "Scoring").mkdir()
    tendereval.template("bid-return", folder, folder / "Tenders" / "bid-return-template.xlsx")
    tendereval.template("score-sheet", folder, folder / "Scoring" / "score-sheet.xlsx")
    if not bids_there:
        (folder / "bids").rename(tmp_path / "elsewhere")
    found = _problems(folder, "file.folder_misnamed")
    assert {file: p.severity for file, p in found.items()} == {
        "Tenders/": Severity.WARNING,
        "Scoring/": Severity.WARNING,
    }
    assert found["Tenders/"].message == (
        "this looks like the folder of bid returns, but only a folder named bids/ is read, so "
        "nothing in it was read, and it holds no bid return missing from bids/: 1 blank bid "
        "return (nothing in it filled in): bid-return-template.xlsx"
    )
    assert found["Scoring/"].message.endswith(
        "and it holds no score sheet missing from scores/: 1 blank score sheet (nothing in it "
        "filled in): score-sheet.xlsx"
    )
    assert "move its files" not in found["Tenders/"].expected
    if bids_there:
        assert tendereval.score(folder, sensitivity=False).award.held_back is None


def test_a_late_bid_beside_the_blank_template_in_tenders_still_holds_the_award(
    tmp_path: Path,
) -> None:
    folder = example_copy(tmp_path)
    (folder / "Tenders").mkdir()
    tendereval.template("bid-return", folder, folder / "Tenders" / "bid-return-template.xlsx")
    late = (folder / "bids" / "weald-carers-trust.xlsx").read_bytes()
    (folder / "Tenders" / "late-care-ltd.xlsx").write_bytes(late[:-2] + b"\x05\x00again")
    problem = _problems(folder, "file.folder_misnamed")["Tenders/"]
    assert problem.is_error and problem.message.endswith(
        "and it holds 1 workbook: late-care-ltd.xlsx"
    )
    assert problem.found == (
        "not to be moved into bids/, as none is a bid return: 1 blank bid return (nothing in "
        "it filled in): bid-return-template.xlsx"
    )
    assert tendereval.score(folder, sensitivity=False).award.held_back is not None


@pytest.mark.parametrize(
    "name",
    ["Desktop.ini", "DESKTOP.INI", "thumbs.db", "THUMBS.DB", "ehthumbs.db", "ehthumbs_vista.db"],
)
def test_the_files_windows_leaves_in_any_capitals_are_passed_over(
    tmp_path: Path, name: str
) -> None:
    """Only "Thumbs.db" and "desktop.ini" were passed over; "Desktop.ini", "thumbs.db" or
    "ehthumbs.db" in bids/ or scores/ was "this file is not a workbook and was not read"."""
    folder = example_copy(tmp_path)
    for where in ("bids", "scores"):
        (folder / where / name).write_bytes(b"[.ShellClassInfo]\r\n")
    assert tendereval.validate(folder).problems == []


def test_an_organisation_chart_among_attachments_is_a_warning(tmp_path: Path) -> None:
    """ "Organisation chart.xlsx" (its sheet named Organisation: roles and names) among a
    supplier's attachments in bids/ was "it holds 1 workbook … expected each workbook moved
    directly into bids/", an error holding the award (exit 1), where a TUPE list there is a
    warning: a sheet's name made it a bid return (io/held_workbooks.py)."""
    folder = example_copy(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "Organisation"
    book.active.append(["Role", "Name", "Reports to"])
    book.active.append(["Chief Executive", "J. Lee", "Board"])
    attachments = folder / "bids" / "Weald Carers Trust attachments"
    attachments.mkdir()
    book.save(attachments / "Organisation chart.xlsx")
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.code == "file.subfolder"]
    assert problem.severity is Severity.WARNING
    assert problem.message.endswith(
        "1 workbook that is not a bid return (no Organisation or Prices sheet laid out as the "
        "template's): Organisation chart.xlsx"
    )
    assert result.award.held_back is None


@pytest.mark.libreoffice
def test_a_late_return_named_as_another_suppliers_in_bids_is_an_error(tmp_path: Path) -> None:
    """Hop Garden's on-time return is bids/Response.xlsx (a portal names every return
    alike); another supplier's late return is bids/late/Response.xls. Its name alone made it
    "1 bid return as received, saved as .xlsx in bids/ and read there", a warning: exit 0,
    the summaries "may be sent", the late bid lost. Hop Garden's own .xls there is still a
    warning (io/as_received.py)."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    (bids / "hop-garden-respite-cic.xlsx").rename(bids / "Response.xlsx")
    (bids / "late").mkdir()
    (bids / "late" / "Response.xls").write_bytes(as_received(bids / "meridian-care-group-plc.xlsx"))
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.code == "file.subfolder"]
    assert problem.is_error
    assert (
        problem.message
        == "the folder bids/late/ is not read, and it holds 1 workbook: Response.xls"
    )
    assert result.award.held_back is not None
    (bids / "late" / "Response.xls").write_bytes(as_received(bids / "Response.xlsx"))
    (problem,) = _problems(folder, "file.subfolder").values()
    assert problem.severity is Severity.WARNING
    assert problem.message.endswith(
        "1 bid return as received, saved as .xlsx in bids/ and read there: Response.xls"
    )
