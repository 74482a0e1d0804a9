"""An archive in bids/ or scores/ (a portal's "all responses" zip): the workbooks it holds
that are not in the folder are an error naming them; an archive already unzipped beside it
is a warning. Before, it was "not a workbook and was not read", a warning, whatever it held:
every bid inside was left out while the run went on (io/archives.py)."""

from __future__ import annotations

import hashlib
import json
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from polars.testing import assert_frame_equal

import tendereval
from tendereval.cli import cli, main
from tendereval.errors import Severity
from tests.cpu_time import cpu_seconds
from tests.example_copies import example_copy

BIDS = (
    "brightwater-care-services-ltd.xlsx",
    "example-county-council-short-breaks-service.xlsx",
    "hop-garden-respite-cic.xlsx",
    "meridian-care-group-plc.xlsx",
    "stour-valley-homecare-ltd.xlsx",
    "weald-carers-trust.xlsx",
)


def _zipped(folder: Path, name: str = "all-responses.zip", inside: str = "Responses/") -> Path:
    """Every bid return of ``folder`` zipped into bids/``name`` (in a folder, as a portal
    exports them, with a README and a Mac's companion files)."""
    archive = folder / "bids" / name
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("README.txt", "Responses exported from the portal")
        for bid in BIDS:
            out.write(folder / "bids" / bid, inside + bid)
            out.writestr(f"__MACOSX/{inside}._{bid}", b"\x00\x05\x16\x07")
    return archive


def _archive_problems(problems) -> list:
    return [p for p in problems if p.file.endswith((".zip", ".7z"))]


def test_bids_left_in_the_portals_zip_are_an_error_naming_them(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    _zipped(folder)
    for bid in BIDS[1:]:
        (folder / "bids" / bid).unlink()
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert (problem.code, problem.severity, problem.file) == (
        "file.archive",
        Severity.ERROR,
        "bids/all-responses.zip",
    )
    # Each named by its path in the zip, as the officer finds it there.
    assert problem.message == (
        "this archive holds 5 workbooks that are not in bids/, so they were not read: "
        + ", ".join(f"Responses/{bid}" for bid in BIDS[1:-1])
        + f" and Responses/{BIDS[-1]}"
    )
    assert problem.expected.startswith("each workbook unzipped directly into bids/")
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert out.exit_code == 1 and "this archive holds 5 workbooks" in out.output


def test_an_archive_unzipped_beside_it_is_a_warning_and_changes_nothing(tmp_path: Path) -> None:
    reference = tendereval.score(example_copy(tmp_path / "ref"), sensitivity=False)
    folder = example_copy(tmp_path / "zipped")
    _zipped(folder)
    # Renamed when unzipped ("weald (1).xlsx"): found by its size and CRC-32.
    (folder / "bids" / BIDS[-1]).rename(folder / "bids" / "weald (1).xlsx")
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = result.problems
    assert (problem.code, problem.severity) == ("file.archive", Severity.WARNING)
    assert problem.message == (
        "this archive was not read; the 6 workbooks it holds are in bids/ already"
    )
    assert_frame_equal(
        result.results.drop("source"), reference.results.drop("source"), check_row_order=False
    )


def test_an_archive_is_listed_among_the_inputs_with_its_sha256(tmp_path: Path, capsys) -> None:
    """The bid returns unzipped from the portal's zip were listed with their SHA-256 (the
    report's Audit sheet, the JSON), the zip itself not at all: an auditor could not match
    the very file received. An email saved with a bid is listed so too."""
    folder = example_copy(tmp_path)
    archive = _zipped(folder)
    email = folder / "bids" / "Our tender.eml"
    email.write_bytes(b"From: bids@weald.example\r\nSubject: our tender\r\n\r\nAttached.\r\n")
    out = tmp_path / "results.json"
    with pytest.raises(SystemExit) as exit_info:
        main(["score", str(folder), "--no-sensitivity", "--json", str(out)])
    assert exit_info.value.code == 0, capsys.readouterr()  # (two warnings: nothing unread)
    expected = {
        "bids/all-responses.zip": ("archive", archive),
        "bids/Our tender.eml": ("email", email),
    }
    listed = {row["path"]: row for row in json.loads(out.read_text("utf-8"))["inputs"]}
    audit = openpyxl.load_workbook(folder / "reports" / "csb-2026-01-evaluation.xlsx")["Audit"]
    rows = {row[0]: row[:4] for row in audit.iter_rows(values_only=True) if row[0] in expected}
    for path, (kind, file) in expected.items():
        row = (path, kind, hashlib.sha256(file.read_bytes()).hexdigest(), file.stat().st_size)
        assert tuple(listed[path].values()) == row
        assert rows[path] == row
    assert sum(row["kind"] == "bid" for row in listed.values()) == len(BIDS)


def test_the_portals_zip_left_in_the_tender_folder_is_listed_among_the_inputs(
    tmp_path: Path, capsys
) -> None:
    """The portal's zip received, unzipped into bids/ and left beside it in the tender folder:
    an archive in bids/ was listed with its SHA-256, this one not at all, so an auditor could
    not match the very file received. An email there, or the Mac's hidden twin of the zip, is
    no file received and is not listed."""
    folder = example_copy(tmp_path)
    portal = folder / "all-responses.zip"
    _zipped(folder).rename(portal)
    bids_zip = folder / "bids.zip"
    bids_zip.write_bytes(portal.read_bytes()[:100] + b"cut short")  # (its bytes are hashed)
    (folder / "._all-responses.zip").write_bytes(b"\x00\x05\x16\x07")
    (folder / "Clarification.eml").write_bytes(b"From: a@b\r\nSubject: x\r\n\r\nHi\r\n")
    out = tmp_path / "results.json"
    with pytest.raises(SystemExit) as exit_info:
        main(["score", str(folder), "--no-sensitivity", "--json", str(out)])
    assert exit_info.value.code == 0, capsys.readouterr()
    listed = {row["path"]: row for row in json.loads(out.read_text("utf-8"))["inputs"]}
    audit = openpyxl.load_workbook(folder / "reports" / "csb-2026-01-evaluation.xlsx")["Audit"]
    rows = {row[0]: row[:4] for row in audit.iter_rows(values_only=True)}
    for file in (portal, bids_zip):
        row = (file.name, "archive", hashlib.sha256(file.read_bytes()).hexdigest(),
               file.stat().st_size)  # fmt: skip
        assert tuple(listed[file.name].values()) == row
        assert rows[file.name] == row
    assert not {"._all-responses.zip", "Clarification.eml"} & (listed.keys() | rows.keys())
    assert sum(row["kind"] == "archive" for row in listed.values()) == 2
    assert sum(row["kind"] == "bid" for row in listed.values()) == len(BIDS)


def test_an_archive_of_other_documents_or_that_cannot_be_listed_is_a_warning(
    tmp_path: Path,
) -> None:
    folder = example_copy(tmp_path)
    with zipfile.ZipFile(folder / "bids" / "method-statements.zip", "w") as out:
        out.writestr("weald/method statement.pdf", b"%PDF-1.7")
    (folder / "bids" / "responses.7z").write_bytes(b"7z\xbc\xaf\x27\x1c" + bytes(64))
    (folder / "bids" / "truncated.zip").write_bytes(b"PK\x03\x04" + bytes(100))
    problems = {p.file: p for p in _archive_problems(tendereval.validate(folder).problems)}
    assert {file: (p.code, p.severity) for file, p in problems.items()} == {
        "bids/method-statements.zip": ("file.ignored", Severity.WARNING),
        "bids/responses.7z": ("file.archive", Severity.WARNING),
        "bids/truncated.zip": ("file.archive", Severity.WARNING),
    }
    assert problems["bids/responses.7z"].message == (
        "this archive was not read, nor could its contents be listed"
    )


def test_an_archive_is_looked_into_by_what_it_holds_not_what_it_declares(
    tmp_path: Path,
) -> None:
    """A 1 KB zip whose end record declares a 4 GB directory, or a zip64 record: never read
    past the bound, listed as an archive that could not be looked into, at once."""
    folder = example_copy(tmp_path)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, 0xFFFF_FFF0, 0, 0)
    (folder / "bids" / "huge-directory.zip").write_bytes(bytes(1000) + end)
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, 0, 1)
    small = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, 46, 0, 0)
    (folder / "bids" / "zip64.zip").write_bytes(bytes(1000) + locator + small)
    started = cpu_seconds()
    problems = _archive_problems(tendereval.validate(folder).problems)
    assert cpu_seconds() - started < 10
    assert sorted((p.file, p.code, p.severity) for p in problems) == [
        ("bids/huge-directory.zip", "file.archive", Severity.WARNING),
        ("bids/zip64.zip", "file.archive", Severity.WARNING),
    ]


def test_score_sheets_left_in_a_zip_are_an_error_too(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    sheet = folder / "scores" / "helen-marsh.xlsx"
    with zipfile.ZipFile(folder / "scores" / "scores.zip", "w") as out:
        out.write(sheet, sheet.name)
    sheet.unlink()
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert problem.is_error and problem.message == (
        "this archive holds 1 workbook that is not in scores/, so it was not read: helen-marsh.xlsx"
    )
    result = tendereval.score(folder, sensitivity=False)
    assert "helen-marsh.xlsx" not in " ".join(result.inputs.get_column("path"))
    assert result.award.held_back is not None  # an error: a sheet may be missing


def test_a_name_inside_an_archive_is_shown_cut_short(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    with zipfile.ZipFile(folder / "bids" / "long.zip", "w") as out:
        out.writestr("x" * 5_000 + ".xlsx", b"z")
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert problem.is_error and len(problem.message) < 300
    assert problem.message.endswith("x…")


def _emailed(path: Path, attached: dict[str, bytes]) -> Path:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["Subject"] = "bids@weald.org", "Our tender"
    message.set_content("Please find our tender attached.")
    for name, data in attached.items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(bytes(message))
    return path


def test_a_bid_left_attached_to_an_email_is_an_error_naming_it(tmp_path: Path) -> None:
    """A quotation sent by email, the email saved into bids/ and its attachment never saved:
    "not a workbook and was not read", a warning, and the bid left out."""
    folder = example_copy(tmp_path)
    weald = folder / "bids" / BIDS[-1]
    _emailed(folder / "bids" / "Our tender.eml", {BIDS[-1]: weald.read_bytes(), "m.pdf": b"%"})
    (folder / "bids" / "Their tender.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    # Saved beside it (renamed): a warning.
    weald.rename(folder / "bids" / "weald.xlsx")
    problems = {p.file: p for p in tendereval.validate(folder).problems}
    assert (problems["bids/Our tender.eml"].code, problems["bids/Our tender.eml"].is_error) == (
        "file.email",
        False,
    )
    assert problems["bids/Our tender.eml"].message == (
        "this email was not read; the 1 workbook it holds is in bids/ already"
    )
    msg = problems["bids/Their tender.msg"]
    assert (msg.code, msg.is_error) == ("file.email", False)
    assert msg.message == "this email was not read, nor could its contents be listed"
    # Never saved: an error naming it.
    (folder / "bids" / "weald.xlsx").unlink()
    problem = next(p for p in tendereval.validate(folder).problems if p.file.endswith(".eml"))
    assert problem.is_error and problem.message == (
        f"this email holds 1 workbook that is not in bids/, so it was not read: {BIDS[-1]}"
    )
    assert problem.expected.startswith("each workbook saved from it directly into bids/")


def test_a_bids_folder_sent_zipped_and_never_unzipped_is_an_error(tmp_path: Path) -> None:
    """The bids folder zipped ("Bid returns.zip" in the tender folder, no bids/): only "no
    bids were found (yet)", a warning, while every bid was in the zip."""
    import shutil

    folder = example_copy(tmp_path)
    _zipped(folder, inside="")
    shutil.move(folder / "bids" / "all-responses.zip", folder / "Bid returns.zip")
    shutil.rmtree(folder / "bids")
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert (problem.file, problem.code, problem.is_error) == (
        "Bid returns.zip",
        "file.archive",
        True,
    )
    assert problem.message.startswith("this archive holds 6 workbooks that are not in bids/")


@pytest.mark.parametrize("bids_folder", ["missing", "empty"])
def test_the_portals_zip_never_unzipped_beside_no_bids_is_an_error_naming_it(
    tmp_path: Path, bids_folder: str
) -> None:
    """The officer downloaded the portal's all-responses.zip into the tender folder and never
    unzipped it: "no bids were found (yet)" alone, a warning, with no word of the zip holding
    every bid, for bids/ missing or empty. Now the zip is named, with the workbooks it holds
    and "unzipped directly into bids/", an error as for bids.zip there or the zip in bids/:
    every bid in it goes unread. A zip holding no workbook (the tender's own documents) is
    not the bids, and is left alone; with the bids in bids/ the zip is only listed."""
    import shutil

    folder = example_copy(tmp_path)
    portal = _zipped(folder)
    shutil.move(portal, folder / "all-responses.zip")
    with zipfile.ZipFile(folder / "tender-pack.zip", "w") as out:
        out.writestr("Specification.pdf", b"%PDF-1.7")
    kept = tmp_path / "kept"
    shutil.move(folder / "bids", kept)
    if bids_folder == "empty":
        (folder / "bids").mkdir()
    problems = tendereval.validate(folder).problems
    (problem,) = _archive_problems(problems)
    assert (problem.file, problem.code, problem.is_error) == (
        "all-responses.zip",
        "file.archive",
        False,  # a warning: nothing read, nothing awarded, and a tender pack may hold a template
    )
    assert problem.message == (
        "this archive holds 6 workbooks that are not in bids/, so they were not read: "
        "Responses/brightwater-care-services-ltd.xlsx, Responses/example-county-council-short-"
        "breaks-service.xlsx, Responses/hop-garden-respite-cic.xlsx, Responses/meridian-care-"
        "group-plc.xlsx, Responses/stour-valley-homecare-ltd.xlsx and Responses/weald-carers-"
        "trust.xlsx"
    )
    assert problem.expected.startswith("each workbook unzipped directly into bids/")
    assert "tender.no_bids" in {p.code for p in problems}
    # Unzipped into bids/, the zip beside it is no problem.
    shutil.rmtree(folder / "bids", ignore_errors=True)
    shutil.move(kept, folder / "bids")
    assert _archive_problems(tendereval.validate(folder).problems) == []


@pytest.mark.parametrize(
    "name", ["Bid returns.zip", "all-responses.zip", "Tender submissions (1).zip", "bids.zip"]
)
def test_a_late_bid_zipped_beside_the_returns_holds_the_award(tmp_path: Path, name: str) -> None:
    """A late bid in "Bid returns.zip" beside a bids/ holding the other returns (or in the
    portal's all-responses.zip, every other return unzipped into bids/) was passed over with
    "No problems found." and the award proposed without it, where the same return in a
    folder "Bid returns/" is an error. The zip beside bids/ is looked into as one in bids/
    is: a workbook in it whose bytes are in no file of bids/ is an error naming it."""
    folder = example_copy(tmp_path)
    zipped = _zipped(folder)
    with zipfile.ZipFile(zipped, "a") as out:
        out.writestr("Responses/late-care-ltd.xlsx", _saved_again(folder / "bids" / BIDS[0]))
    zipped.rename(folder / name)
    problems = tendereval.validate(folder).problems
    (problem,) = _archive_problems(problems)
    assert (problem.file, problem.code, problem.is_error) == (name, "file.archive", True)
    assert problem.message == (
        "this archive holds 1 workbook that is not in bids/, so it was not read: "
        "Responses/late-care-ltd.xlsx"
    )
    assert problem.found == "7 workbook(s) in the archive, 1 not in bids/"
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.held_back is not None


def test_a_tender_pack_beside_the_returns_is_a_warning_naming_its_workbooks(
    tmp_path: Path,
) -> None:
    """The tender pack kept beside bids/ holds the blank bid return, whose bytes are in no
    file of bids/: a warning naming it as the blank bid return, never an error holding the
    award (it is no bid), nor advice to unzip it into bids/. An archive of other documents,
    or the portal's zip already unzipped into bids/, is only listed, as before."""
    folder = example_copy(tmp_path)
    blank = tmp_path / "bid-return.xlsx"
    tendereval.template("bid-return", folder, blank)
    with zipfile.ZipFile(folder / "Tender pack.zip", "w") as out:
        out.write(blank, "ITT/Bid return.xlsx")
        out.writestr("ITT/Specification.pdf", b"%PDF-1.7")
    with zipfile.ZipFile(folder / "ITT documents.zip", "w") as out:
        out.writestr("Specification.pdf", b"%PDF-1.7")
    _zipped(folder).rename(folder / "all-responses.zip")
    problems = tendereval.validate(folder).problems
    (problem,) = _archive_problems(problems)
    assert (problem.file, problem.code, problem.is_error) == (
        "Tender pack.zip",
        "file.archive",
        False,
    )
    assert problem.message == (
        "this archive was not read, and holds no bid return missing from bids/: 1 blank bid "
        "return (nothing in it filled in): ITT/Bid return.xlsx"
    )
    assert problem.expected == (
        "nothing moved into bids/ (only bid returns go there; other documents can stay "
        "elsewhere); the archive moved out of the tender folder to tidy it"
    )
    assert tendereval.score(folder, sensitivity=False).award.held_back is None


def test_a_text_file_in_a_zip_is_no_workbook(tmp_path: Path) -> None:
    """A zip in bids/ holding a covering letter and a CSV (no bid return can be either):
    a warning that it holds no workbook, as in a folder inside bids/."""
    folder = example_copy(tmp_path)
    with zipfile.ZipFile(folder / "bids" / "attachments.zip", "w") as out:
        out.writestr("Covering letter.txt", "Dear Sir")
        out.writestr("Staffing.csv", "role,hours\ncarer,37.5\n")
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert (problem.message, problem.is_error) == (
        "this archive holds no workbook and was not read",
        False,
    )


def test_an_email_nested_thousands_deep_is_a_warning_at_once(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    depth = 5_000
    body = "From: a@b\nSubject: x\nMIME-Version: 1.0\n"
    body += "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth)
    )
    body += "Content-Type: text/plain\n\nhi\n" + "".join(
        f"--b{i}--\n" for i in reversed(range(depth))
    )
    (folder / "bids" / "nested.eml").write_text(body)
    started = cpu_seconds()
    (problem,) = _archive_problems_of(tendereval.validate(folder).problems, ".eml")
    assert cpu_seconds() - started < 10
    assert (problem.code, problem.is_error) == ("file.email", False)


def _archive_problems_of(problems, suffix: str) -> list:
    return [p for p in problems if p.file.endswith(suffix)]


def _saved_again(path: Path) -> bytes:
    """The bytes of the workbook at ``path`` as if opened and saved again: the same workbook
    in other bytes (here with a comment in its zip), found in no file of bids/."""
    data = path.read_bytes()
    assert data[-2:] == bytes(2)  # (no comment yet)
    return data[:-2] + struct.pack("<H", 11) + b"saved again"


def test_a_workbook_in_the_zip_named_as_a_bid_but_with_other_bytes_is_an_error(
    tmp_path: Path,
) -> None:
    """The portal's zip held weald-carers-trust.xlsx with other bytes than bids/weald-carers-
    trust.xlsx, in no file of bids/: matched by name alone, it was "in bids/ already;
    expected nothing", though the file scored may not be the one submitted."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    zipped = _saved_again(bids / "weald-carers-trust.xlsx")
    with zipfile.ZipFile(bids / "all-responses.zip", "w") as out:
        out.writestr("weald-carers-trust.xlsx", zipped)
        out.write(bids / "hop-garden-respite-cic.xlsx", "Responses/hop-garden-respite-cic.xlsx")
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert (problem.code, problem.severity) == ("file.archive", Severity.ERROR)
    assert problem.message == (
        "this archive holds weald-carers-trust.xlsx under the name of a file in bids/, but "
        "with other bytes: the file in bids/ is read, and which the supplier submitted is not "
        "known"
    )
    # Both named, as the zip holds it and as bids/ does, by what tells them apart unpacked.
    scored = (bids / "weald-carers-trust.xlsx").read_bytes()
    assert problem.found == (
        f"weald-carers-trust.xlsx in the archive: {len(zipped):,} bytes, CRC-32 "
        f"{zlib.crc32(zipped):08x}; bids/weald-carers-trust.xlsx: {len(scored):,} bytes, "
        f"CRC-32 {zlib.crc32(scored):08x}"
    )


def _by_supplier(folder: Path, name: str = "Pricing Schedule.xlsx") -> Path:
    """The portal's "all responses" zip as some portals export it: a folder for each
    supplier, every return in it given one name."""
    archive = folder / "all-responses.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for number, bid in enumerate(BIDS, start=1):
            out.write(folder / "bids" / bid, f"Supplier {number} - {bid[:-5]}/{name}")
    return archive


def test_a_portals_zip_of_returns_all_given_one_name_is_matched_by_their_bytes(
    tmp_path: Path,
) -> None:
    """Every return in the zip called "Pricing Schedule.xlsx", each unzipped into bids/ and
    renamed after its supplier but the first: each was compared only with bids/Pricing
    Schedule.xlsx, and five bids in bids/ byte for byte were "under the name of files in
    bids/, but with other bytes", an error holding the award. Each is matched by its bytes
    against every file in bids/, whatever its name."""
    reference = tendereval.score(example_copy(tmp_path / "ref"), sensitivity=False)
    folder = example_copy(tmp_path / "portal")
    bids = folder / "bids"
    _by_supplier(folder).rename(bids / "all-responses.zip")
    (bids / BIDS[0]).rename(bids / "Pricing Schedule.xlsx")
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = result.problems
    assert (problem.code, problem.severity) == ("file.archive", Severity.WARNING)
    assert problem.message == (
        "this archive was not read; the 6 workbooks it holds are in bids/ already"
    )
    assert result.award.held_back is None
    assert_frame_equal(
        result.results.drop("source"), reference.results.drop("source"), check_row_order=False
    )
    # One supplier's return left in the zip: named by its folder in the zip, so the officer
    # knows whose it is, and not as "other bytes" than bids/Pricing Schedule.xlsx, whose
    # bytes are Supplier 1's return.
    (bids / "meridian-care-group-plc.xlsx").unlink()
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert problem.is_error and problem.message == (
        "this archive holds 1 workbook that is not in bids/, so it was not read: "
        "Supplier 4 - meridian-care-group-plc/Pricing Schedule.xlsx"
    )


def test_a_workbook_is_matched_by_its_bytes_not_its_crc_alone(tmp_path: Path) -> None:
    """A file in bids/ of the size and CRC-32 of the portal's copy but other bytes (a CRC-32
    is four bytes anyone can set) is not that copy: the bid in the zip is not in bids/."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    original = (bids / BIDS[-1]).read_bytes()
    with zipfile.ZipFile(bids / "all-responses.zip", "w") as out:
        out.writestr(BIDS[-1], original)
    other = original[:-6] + b"\xff\xff"  # (other bytes, then 4 that force the CRC-32)
    other += _crc_forcing(other, zlib.crc32(original))
    assert other != original
    assert len(other) == len(original) and zlib.crc32(other) == zlib.crc32(original)
    (bids / BIDS[-1]).write_bytes(other)
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert problem.is_error and problem.message.startswith(
        f"this archive holds {BIDS[-1]} under the name of a file in bids/, but with other bytes"
    )


def _crc_forcing(prefix: bytes, target: int) -> bytes:
    """The 4 bytes that, after ``prefix``, make its CRC-32 ``target`` (the register run
    backwards from the target, a byte at a time)."""
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    backwards = [0] * 256
    for n, entry in enumerate(table):
        backwards[entry >> 24] = ((entry << 8) & 0xFFFFFFFF) ^ n
    state = target ^ 0xFFFFFFFF
    for byte in struct.pack("<I", zlib.crc32(prefix) ^ 0xFFFFFFFF)[::-1]:
        state = ((state << 8) & 0xFFFFFFFF) ^ backwards[state >> 24] ^ byte
    return struct.pack("<I", state)


def test_a_zip_of_each_suppliers_zip_is_looked_into(tmp_path: Path) -> None:
    """A portal's zip of each supplier's zip, one supplier's return never unzipped into bids/:
    "this archive holds no workbook and was not read", a warning, while Meridian's bid was
    in it. The zips in the zip are looked into, one level down."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    with zipfile.ZipFile(bids / "all-responses.zip", "w", zipfile.ZIP_DEFLATED) as out:
        for bid in BIDS:
            inner = tmp_path / f"{bid[:-5]}.zip"
            with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as one:
                one.write(bids / bid, f"Response/{bid}")
            out.write(inner, inner.name)
        out.writestr("Attachments.7z", b"7z\xbc\xaf\x27\x1c" + bytes(64))
    # Every return unzipped: a warning naming the archive not looked into.
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert (problem.code, problem.severity) == ("file.archive", Severity.WARNING)
    assert problem.message == (
        "this archive was not read; the 6 workbooks it holds are in bids/ already, but it "
        "holds 1 archive whose contents could not be listed: Attachments.7z"
    )
    # Meridian's never unzipped: an error naming it by its path through both zips.
    (bids / "meridian-care-group-plc.xlsx").unlink()
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert problem.is_error and problem.message == (
        "this archive holds 1 workbook that is not in bids/, so it was not read: "
        "meridian-care-group-plc.zip/Response/meridian-care-group-plc.xlsx"
    )
    assert problem.found == (
        "6 workbook(s) in the archive, 1 not in bids/; it also holds 1 archive(s) whose "
        "contents could not be listed: Attachments.7z"
    )


def test_a_zip_in_a_zip_is_unpacked_within_what_the_archive_holds(tmp_path: Path) -> None:
    """A zip in the zip declaring more than any workbook, or a zip three deep, is not
    unpacked: named as an archive not looked into, at once."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as one:
        one.writestr("weald.xlsx", bytes(60 * 1024 * 1024))  # 60 MB of zeros: 60 KB packed
    deep = tmp_path / "deep.zip"
    with zipfile.ZipFile(deep, "w") as one:
        one.write(bomb, "deeper.zip")
    with zipfile.ZipFile(bids / "all-responses.zip", "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("big.zip", bytes(60 * 1024 * 1024))
        out.write(deep, "deep.zip")
    started = cpu_seconds()
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert cpu_seconds() - started < 10
    assert (problem.severity, problem.message) == (
        Severity.WARNING,
        "this archive was not read; it holds 2 archives whose contents could not be listed: "
        "big.zip and deep.zip/deeper.zip",
    )


def test_a_lock_file_or_an_empty_file_in_the_zip_is_no_bid_left_out(tmp_path: Path) -> None:
    """Excel's lock file caught in the portal's zip (~$weald-carers-trust.xlsx, 165 bytes)
    was "a workbook that is not in bids/", an error holding the award, though bids/ passes
    the same file over; and an empty upload in the zip beside the same empty file in bids/
    was "with other bytes", quoting the same size and CRC-32 for both."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    owner = b"\x09Ann Evans".ljust(165, b" ")
    with zipfile.ZipFile(bids / "all-responses.zip", "w", zipfile.ZIP_DEFLATED) as out:
        for bid in BIDS:
            out.write(bids / bid, bid)
        out.writestr("~$weald-carers-trust.xlsx", owner)
        out.writestr("late-upload.xlsx", b"")
    (bids / "late-upload.xlsx").write_bytes(b"")
    problems = tendereval.validate(folder).problems
    (problem,) = _archive_problems(problems)
    assert (problem.severity, problem.message) == (
        Severity.WARNING,
        "this archive was not read; the 7 workbooks it holds are in bids/ already",
    )
    # (The empty file in bids/ is read, and refused as a bid with its reason.)
    assert any(p.file == "bids/late-upload.xlsx" and p.is_error for p in problems)


def test_a_workbook_in_a_mac_zip_is_matched_by_its_name_however_its_accent_is_stored(
    tmp_path: Path,
) -> None:
    """A zip made on a Mac stores "é" as "e" and a combining accent. The portal's copy of
    bids/café.xlsx (one "é") holding other bytes, in no file of bids/, was not matched to it
    by name: "not in bids/", where the file scored as café.xlsx may be the one submitted
    opened and saved again."""
    folder = example_copy(tmp_path)
    bids = folder / "bids"
    (bids / "weald-carers-trust.xlsx").rename(bids / "café.xlsx")
    with zipfile.ZipFile(bids / "all-responses.zip", "w") as out:
        out.writestr(unicodedata.normalize("NFD", "café.xlsx"), _saved_again(bids / "café.xlsx"))
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert problem.message.startswith(
        f"this archive holds {unicodedata.normalize('NFD', 'café.xlsx')} under the name of a "
        "file in bids/, but with other bytes"
    )


def test_a_bid_return_saved_under_another_name_is_read_as_a_submission(tmp_path: Path) -> None:
    """A return saved with no extension (a portal or a mail program dropped it), as .zip (a
    browser) or as an Excel template (.xltx) was 'not a workbook and was not read' (for the
    .zip, 'holds no workbook'): a warning, and the bid was nowhere in the results. What the
    file holds says it is a workbook: it is read, with a warning to rename it."""
    reference = tendereval.score(example_copy(tmp_path / "ref"), sensitivity=False)
    for name in ("weald-carers-trust", "weald-carers-trust.zip", "weald-carers-trust.xltx"):
        folder = example_copy(tmp_path / name)
        (folder / "bids" / BIDS[-1]).rename(folder / "bids" / name)
        result = tendereval.score(folder, sensitivity=False)
        (problem,) = result.problems
        assert (problem.code, problem.severity, problem.file) == (
            "file.workbook_misnamed",
            Severity.WARNING,
            f"bids/{name}",
        )
        assert_frame_equal(result.results.drop("source"), reference.results.drop("source"))
        assert f"bids/{name}" in result.inputs["path"].to_list()


def test_an_evaluators_sheet_zipped_beside_scores_holds_the_award(tmp_path: Path) -> None:
    """An evaluator's sheet in "score sheets.zip" beside scores/, not in scores/, is an error
    naming it, as a folder "score sheets/" is; the zip is matched against scores/, not bids/
    (its sheets all in scores/ already: nothing)."""
    folder = example_copy(tmp_path)
    sheets = sorted((folder / "scores").glob("*.xlsx"))
    with zipfile.ZipFile(folder / "score sheets.zip", "w") as out:
        for sheet in sheets:
            out.write(sheet, sheet.name)
    assert _archive_problems(tendereval.validate(folder).problems) == []
    with zipfile.ZipFile(folder / "score sheets.zip", "a") as out:
        out.writestr("late-evaluator.xlsx", _saved_again(sheets[0]))
    (problem,) = _archive_problems(tendereval.validate(folder).problems)
    assert (problem.file, problem.is_error) == ("score sheets.zip", True)
    assert problem.message == (
        "this archive holds 1 workbook that is not in scores/, so it was not read: "
        "late-evaluator.xlsx"
    )
