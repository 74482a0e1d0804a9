"""The SHA-256 recorded for an archive is of the very bytes looked into, and a zip's workbooks
are matched to bids/ by the very bytes scored (io/received_archives.py, FolderFiles.as_read).

Before, an archive was hashed by one read and looked into by another, and the returns in
bids/ were read once to be matched to the zip and again to be scored: a file replaced in
between (a sync client, a second download finishing) gave a clean run, "the summaries may be
sent", and a recorded SHA-256 of bytes that were never checked."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

import tendereval
from tendereval.io import archives, received_archives
from tendereval.io import tender as loading
from tests.example_copies import EXAMPLES, example_copy

PORTAL_ZIP = "Bid returns.zip"
WEALD = "weald-carers-trust.xlsx"


def _portal_zips(folder: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The portal's export of every return in bids/ (``earlier``), and a later export also
    holding another supplier's late return (``later``)."""
    earlier, later = tmp_path / "earlier.zip", tmp_path / "later.zip"
    with zipfile.ZipFile(earlier, "w") as out:
        for bid in sorted((folder / "bids").glob("*.xlsx")):
            out.write(bid, bid.name)
    shutil.copy(earlier, later)
    late = sorted((EXAMPLES / "homecare-districts" / "bids").glob("*.xlsx"))[0]
    with zipfile.ZipFile(later, "a") as out:
        out.write(late, "late-return.xlsx")
    return earlier, later


def _recorded(result, path: str) -> str | None:
    (sha256,) = [row["sha256"] for row in result.inputs if row["path"] == path]
    return sha256


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_zip_replaced_between_its_hash_and_its_look_is_an_error_with_no_hash(
    tmp_path: Path, monkeypatch
) -> None:
    """Finding 3: the zip holding a late return was hashed, then swapped for the portal's
    earlier export before it was looked into: the run passed, and the audit trail recorded
    the SHA-256 of the zip holding the late bid."""
    folder = example_copy(tmp_path)
    earlier, later = _portal_zips(folder, tmp_path)
    shutil.copy(later, folder / PORTAL_ZIP)
    hashed = received_archives.fingerprint_of

    def hashed_then_swapped(path: Path):
        fingerprint = hashed(path)
        if path.name == PORTAL_ZIP:
            shutil.copy(earlier, path)
        return fingerprint

    monkeypatch.setattr(received_archives, "fingerprint_of", hashed_then_swapped)
    result = tendereval.validate(folder)
    (problem,) = [p for p in result.problems if p.file == PORTAL_ZIP]
    assert (problem.code, problem.is_error) == ("file.changed_while_read", True)
    assert problem.message == (
        "this archive changed while it was read: a download or sync still running? wait "
        "until it has finished and score again"
    )
    assert _recorded(result, PORTAL_ZIP) is None  # neither zip's hash: neither was checked


def test_a_zip_rewritten_while_it_is_looked_into_is_an_error_with_no_hash(
    tmp_path: Path, monkeypatch
) -> None:
    """The same, the zip written over (in place, as a download or a copy writes) after its
    directory was opened: what was looked into is not the bytes hashed."""
    folder = example_copy(tmp_path)
    earlier, later = _portal_zips(folder, tmp_path)
    zipped = folder / PORTAL_ZIP
    shutil.copy(later, zipped)
    inode = zipped.stat().st_ino
    looked_into = archives._opened

    def swapped_as_opened(file, budget=None):
        if not isinstance(file, io.BytesIO) and os.fstat(file.fileno()).st_ino == inode:
            shutil.copy(earlier, zipped)
        return looked_into(file, budget)

    monkeypatch.setattr(archives, "_opened", swapped_as_opened)
    result = tendereval.validate(folder)
    assert [p.code for p in result.problems if p.file == PORTAL_ZIP] == ["file.changed_while_read"]
    assert result.errors
    assert _recorded(result, PORTAL_ZIP) is None


def test_a_return_replaced_before_it_is_scored_is_matched_to_the_zip_as_scored(
    tmp_path: Path, monkeypatch
) -> None:
    """Finding 3 (second instance): Weald's return was replaced in bids/ by another version
    (a sync client) after it was matched to the portal's zip and before it was scored: the
    version scored, its SHA-256 recorded, was not the zip's, and the run passed. Now the zip
    is matched to the bytes scored: the error a run without the race gives."""
    folder = example_copy(tmp_path)
    with zipfile.ZipFile(folder / PORTAL_ZIP, "w") as out:
        for bid in sorted((folder / "bids").glob("*.xlsx")):
            out.write(bid, bid.name)
    other = tmp_path / WEALD  # the same workbook saved again: other bytes
    with (
        zipfile.ZipFile(folder / "bids" / WEALD) as source,
        zipfile.ZipFile(other, "w", zipfile.ZIP_STORED) as out,
    ):
        for part in source.infolist():
            out.writestr(part.filename, source.read(part.filename))
    read = loading.read_workbooks

    def replaced_then_read(*args, **kwargs):
        shutil.copy(other, folder / "bids" / WEALD)
        return read(*args, **kwargs)

    monkeypatch.setattr(loading, "read_workbooks", replaced_then_read)
    result = tendereval.validate(folder)
    (problem,) = [p for p in result.problems if p.file == PORTAL_ZIP]
    assert (problem.code, problem.is_error) == ("file.archive", True)
    assert problem.message.startswith(
        f"this archive holds {WEALD} under the name of a file in bids/, but with other bytes"
    )
    # The file in bids/ as scored, by its size and CRC-32 (16,811 bytes in the zip).
    assert f"bids/{WEALD}: {other.stat().st_size:,} bytes" in problem.found
    assert _recorded(result, f"bids/{WEALD}") == _sha256(other)


def test_a_return_replaced_once_scored_is_matched_as_scored(tmp_path: Path, monkeypatch) -> None:
    """A return replaced after it was scored is matched to the zip by the bytes scored, never
    read again: the zip holds them, so nothing is said, and the SHA-256 recorded is theirs."""
    folder = example_copy(tmp_path)
    weald = folder / "bids" / WEALD
    scored = _sha256(weald)
    with zipfile.ZipFile(folder / PORTAL_ZIP, "w") as out:
        for bid in sorted((folder / "bids").glob("*.xlsx")):
            out.write(bid, bid.name)
    read = loading.read_workbooks

    def read_then_replaced(*args, **kwargs):
        found = read(*args, **kwargs)
        weald.write_bytes(b"PK\x03\x04 another version")
        return found

    monkeypatch.setattr(loading, "read_workbooks", read_then_replaced)
    result = tendereval.validate(folder)
    assert [p for p in result.problems if p.file == PORTAL_ZIP] == []
    assert _recorded(result, f"bids/{WEALD}") == scored


def test_the_portals_zip_left_as_it_is_is_recorded_as_before(tmp_path: Path) -> None:
    """The normal path: the zip beside bids/ and one in bids/, every return in both, are
    recorded with the SHA-256 of their files, and nothing is said of the zip beside."""
    folder = example_copy(tmp_path)
    before = tendereval.validate(folder)
    earlier, _ = _portal_zips(folder, tmp_path)
    shutil.copy(earlier, folder / PORTAL_ZIP)
    shutil.copy(earlier, folder / "bids" / "all-responses.zip")
    result = tendereval.validate(folder)
    assert _recorded(result, PORTAL_ZIP) == _sha256(folder / PORTAL_ZIP)
    assert _recorded(result, "bids/all-responses.zip") == _sha256(earlier)
    assert [p for p in result.problems if p.file == PORTAL_ZIP] == []
    (inside,) = [p for p in result.problems if p.file == "bids/all-responses.zip"]
    assert (inside.code, inside.is_error) == ("file.archive", False)
    assert len(result.errors) == len(before.errors)
    paths = [row["path"] for row in result.inputs]
    assert (
        paths.index(PORTAL_ZIP)
        < paths.index("bids/all-responses.zip")
        < paths.index(f"bids/{WEALD}")
    )
