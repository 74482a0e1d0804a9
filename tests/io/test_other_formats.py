"""Spreadsheets of other programs: every one a supplier or evaluator could have sent is a
submission, known by its name or, when the name says nothing, by its bytes (io/formats.py).

Acted out on the carers example: a bid saved by LibreOffice as a one-file XML spreadsheet
(newco-care.fods), as an ODF template (.ots), by WPS Spreadsheets (.et, holding an Excel 97
workbook) or as SYLK (.slk), or an old Excel file with no extension, was only "this file is
not a workbook and was not read", a warning: the bid left the results and the award went
ahead, exit 0. An evaluator's score sheet saved as .fods left the means the same way (the
in-house team's total 62.7238 → 63.6571). The same files as .ods or .xls were an invalid bid
(or an error) holding the award. And the consolidated form kept as evaluation.ods or
evaluation.xls was never named: "no bids were found".

Every file here is made by the test (no spreadsheet program is needed): a minimal .fods and
SYLK text, the first bytes of an OLE file naming its streams, a zip with OpenDocument's
mimetype part.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Severity
from tendereval.io.archives import is_a_spreadsheet
from tendereval.io.formats import OLE_MAGIC, text_spreadsheet
from tests.example_copies import EXAMPLES, example_copy

FODS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n\n'
    b'<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
    b"<office:body><office:spreadsheet/></office:body></office:document>\n"
)
SYLK = b'ID;PCALCOOO32\r\nC;X1;Y1;K"Bid return"\r\nE\r\n'
DIF = b'TABLE\r\n0,1\r\n""\r\nVECTORS\r\n0,1\r\n""\r\nEOD\r\n0,0\r\n""\r\n'
SAVE_AS = (
    "an .xlsx workbook made from the template: open it and save it as Excel (in LibreOffice, "
    "File › Save As › Excel 2007-365 (.xlsx)), or ask the sender for it"
)


def _ole(*streams: str) -> bytes:
    """The start of an OLE2 compound file: its header, then a directory sector naming
    ``streams`` (each entry 128 bytes, its name in UTF-16 ended by a nul)."""
    entries = b"".join(
        (name.encode("utf-16-le") + b"\0\0").ljust(64, b"\0")
        + ((len(name) + 1) * 2).to_bytes(2, "little")
        + b"\0" * 62
        for name in ("Root Entry", *streams)
    )
    return OLE_MAGIC.ljust(512, b"\0") + entries.ljust(512 * 4, b"\0")


def _opendocument(template: bool = False) -> bytes:
    """An OpenDocument spreadsheet (or its template) as a zip: its mimetype part first,
    stored, as the standard requires."""
    data = io.BytesIO()
    kind = "spreadsheet-template" if template else "spreadsheet"
    with zipfile.ZipFile(data, "w") as out:
        out.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        out.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return data.getvalue()


OLE_WORKBOOK = _ole("Workbook", "\x05SummaryInformation")


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("newco-care.fods", FODS, "this is a one-file OpenDocument spreadsheet (.fods"),
        ("newco-care.ots", _opendocument(template=True), "this is an OpenDocument spreadsheet "
         "template (.ots"),
        ("newco-care.et", OLE_WORKBOOK, "this is an old Excel 97–2003 (.xls) file"),
        ("newco-care.slk", SYLK, "this is a SYLK spreadsheet (.slk)"),
        ("newco-care.dif", DIF, "this is a DIF spreadsheet (.dif)"),
        # The name says nothing: what the file holds says it is a spreadsheet.
        ("newco-care", OLE_WORKBOOK, "this is an old Excel 97–2003 (.xls) file"),
        ("newco-care", _opendocument(), "this is an OpenDocument spreadsheet (.ods"),
        ("newco-care", FODS, "this is a one-file OpenDocument spreadsheet (.fods"),
        ("newco-care.xml", FODS, "this is a one-file OpenDocument spreadsheet (.fods"),
        ("newco-care.txt", SYLK, "this is a SYLK spreadsheet (.slk)"),
    ],
)  # fmt: skip
def test_a_bid_in_another_programs_format_is_an_invalid_bid_holding_the_award(
    tmp_path: Path, name: str, data: bytes, found: str
) -> None:
    folder = example_copy(tmp_path)
    (folder / "bids" / name).write_bytes(data)
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = [p for p in result.problems if p.file == f"bids/{name}"]
    assert problem.severity == Severity.ERROR
    assert problem.message.startswith(found)
    assert problem.code in ("file.not_a_workbook", "file.xls")
    # In the results, as a bid received that could not be read; the award waits for it.
    (row,) = result.results.filter(source=f"bids/{name}").to_dicts()
    assert row["status"] == "invalid"
    assert result.award.held_back is not None
    assert not result.award.summaries_ready


def test_another_programs_spreadsheet_says_to_save_it_as_xlsx(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    (folder / "bids" / "newco-care.fods").write_bytes(FODS)
    (problem,) = [p for p in tendereval.validate(folder).problems if p.file.endswith(".fods")]
    assert problem.message == (
        "this is a one-file OpenDocument spreadsheet (.fods, as LibreOffice saves one), not an "
        "Excel workbook"
    )
    assert problem.expected == SAVE_AS


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Covering letter.txt", b"Dear Sir or Madam,\r\nPlease find our tender attached.\r\n"),
        # A Word document with an Excel table inside holds a Workbook stream too.
        ("Covering letter", _ole("WordDocument", "1Table", "Workbook")),
        ("notes.xml", b'<?xml version="1.0"?><notes>spreadsheet</notes>'),
    ],
)
def test_a_document_that_is_no_spreadsheet_is_still_not_read(
    tmp_path: Path, name: str, data: bytes
) -> None:
    folder = example_copy(tmp_path)
    (folder / "bids" / name).write_bytes(data)
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = result.problems
    assert (problem.code, problem.severity, problem.file) == (
        "file.ignored",
        Severity.WARNING,
        f"bids/{name}",
    )
    assert result.award.held_back is None


def test_an_evaluators_score_sheet_as_fods_holds_the_award(tmp_path: Path) -> None:
    """Before, her scores silently left the means: the in-house team's total went from
    62.7238 to 63.6571, exit 0, and the summaries 'may be sent'."""
    folder = example_copy(tmp_path)
    (folder / "scores" / "helen-marsh.xlsx").unlink()
    (folder / "scores" / "helen-marsh.fods").write_bytes(FODS)
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = result.problems
    assert (problem.file, problem.severity) == ("scores/helen-marsh.fods", Severity.ERROR)
    assert problem.message.startswith("this is a one-file OpenDocument spreadsheet (.fods")
    assert result.award.held_back is not None
    assert not result.award.summaries_ready


def test_a_spreadsheet_kept_in_a_folder_inside_bids_is_a_workbook_left_out(
    tmp_path: Path,
) -> None:
    folder = example_copy(tmp_path)
    (folder / "bids" / "late").mkdir()
    (folder / "bids" / "late" / "newco-care").write_bytes(OLE_WORKBOOK)
    (problem,) = tendereval.validate(folder).problems
    assert (problem.file, problem.is_error) == ("bids/late/", True)
    assert "newco-care" in problem.message


def test_a_spreadsheet_in_a_folder_named_almost_as_bids_is_a_workbook_left_out(
    tmp_path: Path,
) -> None:
    folder = example_copy(tmp_path)
    (folder / "Bid returns").mkdir()
    (folder / "Bid returns" / "newco-care").write_bytes(FODS)
    (problem,) = tendereval.validate(folder).problems
    assert (problem.file, problem.code, problem.is_error) == (
        "Bid returns/",
        "file.folder_misnamed",
        True,
    )


@pytest.mark.parametrize(
    "name", ["evaluation.ods", "evaluation.xls", "Evaluation (1).ods", "evaluation.fods"]
)
def test_the_consolidated_form_in_another_format_is_named(tmp_path: Path, name: str) -> None:
    """The tender folder holds only tender.toml and the form: before, 'no bids were found'
    and nothing named the file."""
    folder = tmp_path / "t"
    folder.mkdir()
    shutil.copy(EXAMPLES / "carers-short-breaks" / "tender.toml", folder / "tender.toml")
    (folder / name).write_bytes(OLE_WORKBOOK if name.endswith(".xls") else FODS)
    [problem] = [p for p in tendereval.validate(folder).problems if p.file == name]
    suffix = name.rpartition(".")[2]
    assert (problem.code, problem.is_error) == ("matrix.misnamed", True)
    assert problem.message == (
        f"this looks like the consolidated form saved in another format (.{suffix}), but only "
        "a file named evaluation.xlsx is read, so no bid, price or score in it was read"
    )
    assert problem.expected == (
        "the consolidated form saved as an Excel workbook named evaluation.xlsx in the tender "
        "folder: open it and save it as Excel (in LibreOffice, File › Save As › Excel "
        "2007-365 (.xlsx))"
    )


def test_the_consolidated_form_beside_it_in_another_format_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    shutil.copy(EXAMPLES / "carers-short-breaks" / "tender.toml", folder / "tender.toml")
    (folder / "evaluation.xlsx").write_bytes(b"")
    (folder / "evaluation.ods").write_bytes(_opendocument())
    [problem] = [p for p in tendereval.validate(folder).problems if p.file == "evaluation.ods"]
    assert problem.is_error
    assert "only the file named evaluation.xlsx beside it is read" in problem.message
    assert problem.expected.endswith("; then delete this file")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (FODS, "a one-file OpenDocument spreadsheet (.fods, as LibreOffice saves one)"),
        (FODS.replace(b"office:", b"o:"), "a one-file OpenDocument spreadsheet (.fods, as "
         "LibreOffice saves one)"),
        (SYLK, "a SYLK spreadsheet (.slk)"),
        (DIF, "a DIF spreadsheet (.dif)"),
        (b"ID,Name\r\n1,Weald\r\n", None),  # a CSV whose first heading is ID
        (FODS.replace(b".spreadsheet", b".text"), None),  # a one-file text document (.fodt)
        (b"<html><body>document</body></html>", None),
    ],
)  # fmt: skip
def test_text_spreadsheets_are_known_by_their_first_bytes(data: bytes, what: str | None) -> None:
    assert text_spreadsheet(data) == what


def test_a_spreadsheet_is_known_by_its_bytes_but_an_email_is_an_email(tmp_path: Path) -> None:
    """An email (or archive) holds its attachments' bytes: an .msg with an .xls attached is
    not itself a spreadsheet, whatever its bytes hold."""
    for name, data, expected in [
        ("a", OLE_WORKBOOK, True),
        ("b", _ole("EncryptionInfo", "EncryptedPackage"), True),  # a password-protected .xlsx
        ("c.msg", OLE_WORKBOOK, False),
        ("d", _ole("__substg1.0_0037001F"), False),  # an Outlook message
        ("e.zip", _opendocument(), False),
        ("f", _opendocument(), True),
    ]:
        (tmp_path / name).write_bytes(data)
        assert is_a_spreadsheet(tmp_path / name) is expected, name


def test_a_head_of_unfinished_document_tags_is_read_in_one_pass() -> None:
    """Scale red team: 64 KB of "<document x " with no ">" took 1.9 processor-seconds to be
    found no spreadsheet (each one scanned to the end), a zip of such entries 30 s in 4 KB."""
    from tests.cpu_time import cpu_seconds

    head = (b'<?xml version="1.0"?>' + b"<document x " * 6_000)[:65_536]
    started = cpu_seconds()
    for _ in range(20):
        assert text_spreadsheet(head) is None
    assert cpu_seconds() - started < 0.5


def test_the_root_element_is_found_past_comments_and_declarations() -> None:
    fods = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- saved by LibreOffice -->\n'
        b'<!DOCTYPE office:document>\n<?mso-application progid="x"?>\n'
        b'<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
    )
    assert text_spreadsheet(fods).startswith("a one-file OpenDocument spreadsheet")
    # A document element deeper in, not the root, is no spreadsheet's.
    nested = fods.replace(b"<office:document ", b"<root><office:document ")
    assert text_spreadsheet(nested) is None


def test_a_password_protected_word_document_is_a_document_not_a_workbook(tmp_path: Path) -> None:
    """A password-protected Word document is laid out as a password-protected workbook is (an
    OLE file holding EncryptionInfo and EncryptedPackage): a supplier's locked method
    statement among its attachments in bids/ (or in a zip there) was taken for a workbook, an
    error holding the award with the advice to move it into bids/, where it was an invalid
    bid. Its name says it is a document, and it is one, a warning as its unlocked copy is.
    Named as a workbook, or with a name that says nothing, it may still be a return."""
    locked = _ole("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces")
    for name, expected in [
        ("Method statement.docx", False),
        ("Slides.PPTX", False),
        ("Letter.pdf", False),
        ("Response", True),
        ("Response.txt", True),
    ]:
        (tmp_path / name).write_bytes(locked)
        assert is_a_spreadsheet(tmp_path / name) is expected, name
    folder = example_copy(tmp_path / "tender")
    attachments = folder / "bids" / "Weald Carers Trust attachments"
    attachments.mkdir()
    (attachments / "Method statement (password protected).docx").write_bytes(locked)
    with zipfile.ZipFile(folder / "bids" / "Weald attachments.zip", "w") as out:
        out.writestr("Method statement (password protected).docx", locked)
    (folder / "bids" / "Covering letter (locked).docx").write_bytes(locked)
    result = tendereval.score(folder, sensitivity=False)
    said = {p.file: p for p in result.problems}
    assert said["bids/Weald Carers Trust attachments/"].severity is Severity.WARNING
    assert said["bids/Weald Carers Trust attachments/"].message.endswith("none of them a workbook")
    assert said["bids/Weald attachments.zip"].severity is Severity.WARNING
    assert said["bids/Covering letter (locked).docx"].message == (
        "this file is not a workbook and was not read"
    )
    assert not [p for p in result.problems if p.is_error]
    assert result.award.held_back is None
    (attachments / "Method statement (password protected).docx").rename(
        attachments / "Response.xlsx"
    )
    result = tendereval.score(folder, sensitivity=False)
    assert said["bids/Weald Carers Trust attachments/"].file in {
        p.file for p in result.problems if p.is_error
    }
