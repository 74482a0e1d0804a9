"""A folder inside bids/ (or scores/) is not read: one holding a workbook is an error naming
the workbooks, one holding only other documents a warning, one holding only what programs
leave (Thumbs.db, a lock file) nothing; and the workbooks of a portal's folder per supplier,
all named alike, are to be renamed as they are moved, never moved over each other
(io/folders_not_read.py)."""

from __future__ import annotations

from pathlib import Path

import tendereval
from tendereval.errors import Severity
from tests.example_copies import example_copy

BIDS = (
    "brightwater-care-services-ltd.xlsx",
    "example-county-council-short-breaks-service.xlsx",
    "hop-garden-respite-cic.xlsx",
    "meridian-care-group-plc.xlsx",
    "stour-valley-homecare-ltd.xlsx",
    "weald-carers-trust.xlsx",
)


def _folder_problems(folder: Path) -> dict[str, object]:
    return {p.file: p for p in tendereval.validate(folder).problems if p.code == "file.subfolder"}


def test_a_folder_of_attachments_is_a_warning_and_one_of_left_behind_files_nothing(
    tmp_path: Path,
) -> None:
    """A supplier's attachments in a folder of bids/ (a PDF), or a folder holding only the
    Thumbs.db and the Excel lock file left behind, was an error holding the award ("is not
    read, and it holds 2 file(s)"), where the same PDF loose in bids/ is a warning."""
    folder = example_copy(tmp_path)
    attachments = folder / "bids" / "Weald Carers Trust - Attachments"
    attachments.mkdir()
    (attachments / "Method statement.pdf").write_bytes(b"%PDF-1.4\n")
    (attachments / "Thumbs.db").write_bytes(b"junk")
    old = folder / "bids" / "old"
    old.mkdir()
    (old / "Thumbs.db").write_bytes(b"junk")
    (old / "~$meridian-care-group-plc.xlsx").write_bytes(b"\x09Ann Evans".ljust(165, b" "))
    (old / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (old / "._meridian-care-group-plc.xlsx").write_bytes(b"\x00\x05\x16\x07")
    result = tendereval.score(folder, sensitivity=False)
    problems = {p.file: p for p in result.problems if p.code == "file.subfolder"}
    assert list(problems) == ["bids/Weald Carers Trust - Attachments/"]
    (problem,) = problems.values()
    assert problem.severity is Severity.WARNING
    assert problem.message == (
        "the folder bids/Weald Carers Trust - Attachments/ is not read, and it holds 1 "
        "file(s), none of them a workbook"
    )
    assert problem.expected == (
        "only .xlsx workbooks in bids/ (other documents can stay elsewhere)"
    )
    assert result.award.held_back is None


def test_returns_unzipped_one_folder_per_supplier_are_to_be_renamed_as_they_are_moved(
    tmp_path: Path,
) -> None:
    """A portal's "all responses" unzipped as it lays them out: a folder per supplier, each
    return called Response.xlsx. Each folder was "not read, and it holds 1 file(s); expected
    every file to be evaluated directly in bids/": moved so, six returns make one. The
    error names the workbook and says to rename each after its supplier."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    for number, bid in enumerate(BIDS, start=1):
        supplier = bids / f"Supplier {number} - {bid[:-5]}"
        supplier.mkdir()
        (bids / bid).rename(supplier / "Response.xlsx")
        (supplier / "Thumbs.db").write_bytes(b"junk")  # (not counted)
    problems = _folder_problems(folder)
    assert len(problems) == len(BIDS)
    meridian = problems["bids/Supplier 4 - meridian-care-group-plc/"]
    assert (meridian.severity, meridian.found) == (Severity.ERROR, "")
    assert meridian.message == (
        "the folder bids/Supplier 4 - meridian-care-group-plc/ is not read, and it holds 1 "
        "workbook: Response.xlsx"
    )
    assert meridian.expected == (
        "each workbook moved directly into bids/ under a name of its own, after its supplier: "
        "Response.xlsx is also the name of a workbook in 5 other folders, and moved as they "
        "are one would replace another"
    )


def test_a_bid_moved_into_a_folder_is_named_and_renamed_only_when_its_name_is_taken(
    tmp_path: Path,
) -> None:
    """A return moved into "late/" beside other documents: the error names the workbook and
    counts the rest. Its name is free in bids/: moved as it is. Another's, beside a file of
    bids/ of its name (weald's revised return, say), is to be renamed."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    late = bids / "late"
    late.mkdir()
    (bids / BIDS[0]).rename(late / BIDS[0])
    (late / "Covering letter.docx").write_bytes(b"PK\x03\x04")
    revised = bids / "revised"
    (revised / "2026-03-02").mkdir(parents=True)
    # (Weald's revised return: other bytes than the one in bids/, which would be a copy.)
    again = (bids / BIDS[-1]).read_bytes()[:-2] + b"\x05\x00again"
    (revised / "2026-03-02" / BIDS[-1].upper()).write_bytes(again)
    (revised / "responses.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    problems = _folder_problems(folder)
    assert problems["bids/late/"].message == (
        f"the folder bids/late/ is not read, and it holds 1 workbook: {BIDS[0]}"
    )
    assert problems["bids/late/"].found == "1 other file(s) in it too"
    assert problems["bids/late/"].expected.startswith(
        "each workbook moved directly into bids/; a bid return its supplier replaced goes in "
        "bids/ too"
    )
    assert problems["bids/late/"].expected.endswith(
        "; the other files moved out of the tender folder"
    )
    assert problems["bids/revised/"].message == (
        "the folder bids/revised/ is not read, and it holds 1 workbook: "
        f"2026-03-02/{BIDS[-1].upper()}"
    )
    # The archive is looked into as one in bids/ is, and said on its own (here: no workbook).
    assert problems["bids/revised/"].found == (
        "1 archive: responses.zip, looked into and said on its own"
    )
    every = {p.file: p for p in tendereval.validate(folder).problems}
    assert every["bids/revised/responses.zip"].message == (
        "this archive holds no workbook and was not read"
    )
    assert problems["bids/revised/"].expected.startswith(
        "each workbook moved directly into bids/ under a name of its own, after its supplier: "
        f"{BIDS[-1].upper()} is also the name of a workbook in bids/"
    )


def test_a_covering_letter_in_a_folder_of_attachments_is_no_workbook(tmp_path: Path) -> None:
    """A supplier's "bids/Weald attachments/Covering letter.txt" was "it holds 1 workbook",
    an error holding the award, and the advice (move it into bids/) made the letter an
    invalid bid. A .txt or .csv is no bid return: the folder is a warning, as one of PDFs is.
    A return saved by LibreOffice (.ods) still counts."""
    folder = example_copy(tmp_path)
    attachments = folder / "bids" / "Weald attachments"
    attachments.mkdir()
    (attachments / "Covering letter.txt").write_text("Dear Sir, please find our tender.\n")
    (attachments / "Staffing.csv").write_text("role,hours\ncarer,37.5\n")
    (problem,) = _folder_problems(folder).values()
    assert problem.severity is Severity.WARNING
    assert problem.message == (
        "the folder bids/Weald attachments/ is not read, and it holds 2 file(s), none of them "
        "a workbook"
    )
    (attachments / "Weald return.ods").write_bytes(b"PK\x03\x04")
    (problem,) = _folder_problems(folder).values()
    assert problem.severity is Severity.ERROR
    assert problem.message.endswith("it holds 1 workbook: Weald return.ods")
