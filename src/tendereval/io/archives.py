"""An archive in bids/ or scores/ (``all-responses.zip``, as a portal exports every response
at once): which workbooks it holds that are not in the folder.

Only workbooks directly in the folder are read. An officer who saved the portal's zip into
bids/ and never unzipped it was told "this file is not a workbook and was not read", a
warning, and, with no other file there, "no bids were found (yet)": every bid in the archive
was left out while the run went on. A workbook the archive holds whose bytes are in no file
of the folder, whatever the file's name (a portal calls every return "Pricing Schedule.xlsx";
unzipped, each is renamed after its supplier), is now an error naming it by its path in the
archive, as a bid moved into a sub-folder is, when it is (or may be) a bid return: not a
supplier's other upload (a TUPE staff list), the blank template, or a return as received
(an .xls) beside the .xlsx it was saved as in the folder, each a warning naming it, never
advice to put it in bids/ (io/held_workbooks.py says which). An archive whose workbooks are
all there already is a warning. A zip in the zip (a portal's zip of each supplier's zip) is looked
into, one level down; Excel's lock files caught in it (``~$weald.xlsx``) are passed over, as
in the folder. An entry (or attachment) known as a workbook by what it holds, not its name (a
return saved with no extension), is one, as a file in the folder is. The same rule holds for
an archive wherever it is: in bids/, beside it, or in a folder not read (io/folders_not_read.py).

An email saved into the folder with its attachments (``Our tender.eml``: a quotation sent by
email) is looked into the same way: each workbook attached to it that is not in the folder is
an error naming it. An Outlook ``.msg`` cannot be listed here, so it is a warning saying to
save its attachments.

An archive is untrusted input, so its central directory is read only when the end record
says it is at most :data:`MAX_DIRECTORY_BYTES` long (about 100,000 entries), and nothing is
unpacked but a workbook of the size of a file in the folder (to compare their bytes: a
CRC-32 is easily forged) and a zip in the zip, each within :data:`MAX_FILE_BYTES` and all
within a few times the archive's own size on disk, never past the size each declares:
looking costs what the file holds, never what it declares. Nothing is written.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import posixpath
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, NamedTuple

from tendereval import layout
from tendereval.errors import Problem, Severity
from tendereval.io import formats
from tendereval.io.companions import COMPANION_PREFIXES
from tendereval.io.files import Fingerprint, entry_kind, fingerprint_of, regular_file
from tendereval.io.held_workbooks import (
    CONVERTED,
    RETURN,
    UNREAD,
    none_a_return,
    not_as_received,
    one_of,
    what_it_is,
)
from tendereval.io.safety import MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES
from tendereval.terminal import cut, name_text
from tendereval.wording import listed

ARCHIVE_SUFFIXES = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz")
# An email saved with its attachments: a bid sent by email (a quotation, a small lot).
EMAIL_SUFFIXES = (".eml", ".msg")
MAX_EMAIL_BYTES = 50 * 1024 * 1024
MAX_DIRECTORY_BYTES = 8 * 1024 * 1024
_END = b"PK\x05\x06"
_END_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_TAIL = _END_SIZE + 0xFFFF  # the end record and the longest comment it may carry
_ZIP_SIGNATURE = b"PK\x03\x04"
# What may be unpacked from an archive, for each of its bytes on disk (and 200 MB at least):
# a zip of workbooks, or of zips of them, barely compresses, and its zips and their
# workbooks are each unpacked once, so a real one never needs more.
_UNPACKED_PER_BYTE = 4
_NAMED = 5  # workbooks named in a message; the rest are counted
_NAME_SHOWN = 100  # characters of each name shown
# What a workbook inside an archive is named (a README.txt or a .csv beside them is not one),
# as in a folder inside bids/.
_WORKBOOK_SUFFIXES = layout.HELD_WORKBOOK_SUFFIXES


@dataclass(frozen=True)
class _Kind:
    """A kind of file holding workbooks: how messages name it and what is done with them."""

    noun: str  # "archive"
    taken: str  # what is done to a workbook it holds: "unzipped"
    code: str


_ARCHIVE = _Kind("archive", "unzipped", "file.archive")
# How an archive is opened to be looked into: as it is, or (one recorded among the inputs)
# only while it is the file fingerprinted (io/received_archives.py).
Opener = Callable[[Path], AbstractContextManager[BinaryIO | None]]
_EMAIL = _Kind("email", "saved from it", "file.email")


def _kind(name: str) -> _Kind | None:
    folded = name.casefold().rstrip(" .")
    if folded.endswith(ARCHIVE_SUFFIXES):
        return _ARCHIVE
    if folded.endswith(EMAIL_SUFFIXES):
        return _EMAIL
    return None


def archive_kind(name: str) -> str:
    """What the archive (or email) ``name`` is, as the inputs frame's ``kind`` records it:
    "archive" or "email"."""
    return (_kind(name) or _ARCHIVE).noun


def is_archive(name: str) -> bool:
    """Whether ``name`` is an archive or an email, which may hold workbooks."""
    return _kind(name) is not None


def received_beside(entry: Path) -> bool:
    """Whether ``entry``, in the tender folder itself, is an archive received with the bids
    (the portal's ``all-responses.zip``, ``bids.zip``): listed among the inputs with its
    SHA-256, so never written over. Only an ordinary file; an email there is correspondence,
    not a file received with the bids, and a hidden file (the Mac's ``._`` twin of the zip)
    is not one."""
    return (
        is_archive(entry.name)
        and archive_kind(entry.name) == _ARCHIVE.noun
        and not entry.name.startswith(".")
        and entry_kind(entry) is None
        and entry.is_file()
    )


def archive_problem(
    path: Path, label: str, folder: str, files: FolderFiles, opened: Opener = regular_file
) -> Problem:
    """The problem for the archive (or email) at ``path`` (``label``) in ``folder`` (bids,
    scores) or in a folder not read beside or inside it, whose spreadsheet files are
    ``files``; ``opened`` opens it."""
    kind = _kind(path.name) or _ARCHIVE
    noun = kind.noun
    listing = _workbooks_held(path, files, folder, opened)
    if listing is None:
        return Problem(
            f"this {noun} was not read, nor could its contents be listed",
            file=label,
            expected=f"each workbook it holds {kind.taken} directly into {folder}/, then the "
            f"{noun} moved out of the tender folder",
            code=kind.code,
            severity=Severity.WARNING,
        )
    held, unlisted = listing
    if not held and not unlisted:
        return Problem(
            f"this {noun} holds no workbook and was not read",
            file=label,
            expected=f"only .xlsx workbooks in {folder}/ (other documents can stay elsewhere)",
            code="file.ignored",
            severity=Severity.WARNING,
        )
    said = _left_out(listing, files, label, folder, kind, named=True)
    if said is not None:
        return said
    if unlisted:
        return _not_looked_into(unlisted, len(held), label, noun, folder, kind)
    return Problem(
        f"this {noun} was not read; the {_count(len(held))} it holds "
        f"{'is' if len(held) == 1 else 'are'} in {folder}/ already",
        file=label,
        expected=f"nothing: move the {noun} out of the tender folder to tidy it",
        code=kind.code,
        severity=Severity.WARNING,
    )


def bids_not_unzipped(
    path: Path, label: str, folder: str, opened: Opener = regular_file
) -> Problem | None:
    """The problem for an archive in the tender folder when ``folder``/ holds no bid return
    (the portal's ``all-responses.zip`` downloaded and never unzipped): as for one in the
    folder, an error naming each bid return it holds, none of them read. None when it holds
    no workbook (the tender's own documents, say): it is not the bids."""
    problem = archive_problem(path, label, folder, FolderFiles([]), opened)
    return None if problem.code == "file.ignored" else problem


def left_out_beside(
    path: Path,
    label: str,
    folder: str,
    files: FolderFiles,
    named: bool,
    opened: Opener = regular_file,
) -> Problem | None:
    """The problem for the archive at ``path`` (``label``) in the tender folder, beside
    ``folder``/ holding returns (``beside``): as for one in the folder, an error naming each
    return it holds whose bytes are in no file there, or that is there under its name with
    other bytes; a warning naming the other workbooks not there. None when it holds none
    such (the portal's zip, unzipped into the folder, or the tender's own documents), or
    cannot be listed: it is only listed among the inputs. A workbook that could not be
    looked into (an .xls, one with a password) holds the award only when the archive is
    ``named`` as the bids or the portal's responses are (see io/tender.py). ``opened``
    opens it."""
    listing = _workbooks_held(path, files, folder, opened)
    if listing is None:
        return None
    kind = _kind(path.name) or _ARCHIVE
    return _left_out(listing, files, label, folder, kind, named)


def _left_out(
    listing: _Listing,
    files: FolderFiles,
    label: str,
    folder: str,
    kind: _Kind,
    named: bool,
) -> Problem | None:
    """The problem for the workbooks of ``listing`` in no file of ``folder``/: an error
    naming those that are (or may be) returns, with the others in its found; a warning
    naming the others (a supplier's other uploads, the blank template, a return as received
    beside the .xlsx it was saved as) when none is; None when every workbook is there."""
    held, unlisted = listing
    missing, differing = files.not_holding(held)
    if differing:
        return _differing(differing, unlisted, label, kind.noun, folder, kind, files)
    returns, unread, others = [], [], []
    for entry in missing:
        if entry.what == CONVERTED:
            others.append((entry, CONVERTED))
        elif entry.what == RETURN or (entry.what == UNREAD and named):
            returns.append(entry)
        elif entry.what == UNREAD:
            unread.append(entry)
        else:
            others.append((entry, entry.what))
    if returns:
        unlike = not_as_received([entry.shown for entry in returns], folder, files.beside)
        return _missing(
            returns, len(held), unlisted, label, kind.noun, folder, kind, others, unlike
        )
    if unread:  # (an archive named as neither bids/ nor the responses: a tender pack, say)
        return _maybe_the_tender_pack(
            _missing(unread, len(held), unlisted, label, kind.noun, folder, kind, others)
        )
    if others:
        return _none_a_return(others, len(held), unlisted, label, folder, kind)
    return None


def _maybe_the_tender_pack(problem: Problem) -> Problem:
    """``problem`` as a warning, for an archive beside bids/ named as neither bids/ nor the
    portal's responses are, holding workbooks that could not be looked into."""
    return replace(
        problem,
        expected="each workbook that is a bid (filled in by a supplier, not the tender pack's "
        "blank return) unzipped directly into bids/; the archive moved out of the tender "
        "folder",
        severity=Severity.WARNING,
    )


def _none_a_return(
    others: list[tuple[_Held, str]],
    held: int,
    unlisted: list[str],
    label: str,
    folder: str,
    kind: _Kind,
) -> Problem:
    """A warning naming the workbooks the archive holds in no file of the folder, none of
    them a return (or score sheet): a supplier's other uploads (a TUPE staff list), the
    blank template, a return as received (.xls) beside the .xlsx it was saved as. Moved into
    bids/, each would be an invalid bid: the officer is never told to."""
    noun = kind.noun
    one = one_of(folder)
    return Problem(
        f"this {noun} was not read, and holds no {one} missing from {folder}/: "
        + none_a_return([(_cut_path(entry.shown), what) for entry, what in others], folder),
        file=label,
        found=f"{held:,} workbook(s) in the {noun}, {len(others):,} not in {folder}/"
        + _also_unlisted(unlisted),
        expected=f"nothing moved into {folder}/ (only {one}s go there; other documents can "
        f"stay elsewhere); the {noun} moved out of the tender folder to tidy it",
        code=kind.code,
        severity=Severity.WARNING,
    )


def _missing(
    missing: list[_Held],
    held: int,
    unlisted: list[str],
    label: str,
    noun: str,
    folder: str,
    kind: _Kind,
    others: list[tuple[_Held, str]],
    unlike: str = "",
) -> Problem:
    """An error naming the workbooks the archive holds whose bytes are in no file of the
    folder and that are (or may be) bids (or score sheets), not read; ``others``, those not
    (a TUPE staff list beside each return), are said in its found, and left where they are;
    ``unlike``, those named as a return read but not it as received
    (held_workbooks.not_as_received), too."""
    also = (
        "; not to be moved into it, as none is "
        f"{'an' if one_of(folder)[:1] in 'aeiou' else 'a'} {one_of(folder)}: "
        + none_a_return([(_cut_path(entry.shown), what) for entry, what in others], folder)
        if others
        else ""
    )
    return Problem(
        f"this {noun} holds {_count(len(missing))} that "
        f"{'is' if len(missing) == 1 else 'are'} not in {folder}/, so "
        f"{'it was' if len(missing) == 1 else 'they were'} not read: "
        f"{_names([entry.shown for entry in missing])}",
        file=label,
        found=f"{held:,} workbook(s) in the {noun}, {len(missing) + len(others):,} not in "
        f"{folder}/" + also + (f"; {unlike}" if unlike else "") + _also_unlisted(unlisted),
        expected=f"each workbook {'named ' if others else ''}{kind.taken} directly into "
        f"{folder}/ (nothing in an {noun} is read), then the {noun} moved out of the tender "
        "folder",
        code=kind.code,
    )


def _not_looked_into(
    unlisted: list[str], held: int, label: str, noun: str, folder: str, kind: _Kind
) -> Problem:
    """A warning for an archive whose workbooks are all in the folder (or that holds none)
    but which holds archives that could not be looked into (a .7z, a zip inside a zip inside
    it, a damaged one): as for such an archive in the folder itself, a warning."""
    there = (
        f"the {_count(held)} it holds {'is' if held == 1 else 'are'} in {folder}/ already, but "
        if held
        else ""
    )
    many = len(unlisted) != 1
    return Problem(
        f"this {noun} was not read; {there}it holds {len(unlisted):,} "
        f"archive{'s' if many else ''} whose contents could not be listed: "
        f"{_names(unlisted)}",
        file=label,
        expected=f"each workbook {'they hold' if many else 'it holds'} unzipped directly into "
        f"{folder}/, then the {noun} moved out of the tender folder",
        code=kind.code,
        severity=Severity.WARNING,
    )


def _also_unlisted(unlisted: list[str]) -> str:
    if not unlisted:
        return ""
    return (
        f"; it also holds {len(unlisted):,} archive(s) whose contents could not be listed: "
        f"{_names(unlisted)}"
    )


def _names(shown: list[str]) -> str:
    """The names given, each cut short (a name may be 64 KB long), the first few listed."""
    names = [_cut_path(name) for name in shown]
    return listed(
        names if len(names) <= _NAMED + 1 else [*names[:_NAMED], f"{len(names) - _NAMED:,} more"]
    )


def _cut_path(shown: str) -> str:
    """A path inside an archive, its folders and its file name each cut short, so that the
    file name is always seen."""
    where, _, name = shown.rpartition("/")
    return (
        f"{cut(where, _NAME_SHOWN)}/{cut(name, _NAME_SHOWN)}" if where else cut(name, _NAME_SHOWN)
    )


def _differing(
    differing: list[tuple[_Held, Path]],
    unlisted: list[str],
    label: str,
    noun: str,
    folder: str,
    kind: _Kind,
    files: FolderFiles,
) -> Problem:
    """An error for workbooks the archive holds under the name of a file in the folder, with
    bytes that are in no file of the folder, while that file's bytes are nowhere in the
    archive: which of the two the supplier submitted is not known, and the one scored may
    not be it (a return opened and saved again, or another return given its name). Each is
    shown as the archive holds it and as the folder does."""
    one = len(differing) == 1
    return Problem(
        f"this {noun} holds {_names([entry.shown for entry, _ in differing])} under the name "
        f"of {'a file' if one else 'files'} in {folder}/, but with other bytes: the "
        f"file{'' if one else 's'} in {folder}/ {'is' if one else 'are'} read, and which the "
        "supplier submitted is not known",
        file=label,
        found="; ".join(_both(entry, path, noun, files) for entry, path in differing[:_NAMED])
        + (f"; and {len(differing) - _NAMED:,} more" if len(differing) > _NAMED else "")
        + _also_unlisted(unlisted),
        expected=f"in {folder}/ the very file submitted (check with the portal which one it "
        f"is), then the {noun} moved out of the tender folder",
        code=kind.code,
    )


def _both(entry: _Held, path: Path, noun: str, files: FolderFiles) -> str:
    """A workbook the archive holds beside the file of its name in the folder, each by its
    size and CRC-32 (what tells them apart without unpacking the archive): the file's of the
    bytes read, as they were matched."""
    read = files.read(path)
    held = (
        f"{read.size:,} bytes, CRC-32 {read.crc32:08x}"
        if read is not None
        else "not a file that could be read"
    )
    return (
        f"{_cut_path(entry.shown)} in the {noun}: {entry.size:,} bytes, CRC-32 {entry.crc:08x}; "
        f"{path.parent.name}/{name_text(cut(path.name, _NAME_SHOWN))}: {held}"
    )


def _count(n: int) -> str:
    return f"{n:,} workbook{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class _Held:
    """A workbook an archive (or email) holds."""

    shown: str  # its path in the archive ("Supplier 4 - Meridian/Pricing Schedule.xlsx")
    name: str  # its file name, as the folder's files are named
    size: int
    crc: int
    # The SHA-256 of its bytes, worked out when a file in the folder has its size (a CRC-32
    # is easily forged); None when not, or when it could not be unpacked within bounds.
    sha256: bytes | None
    # What it is (io/held_workbooks.py), asked only of one in no file of the folder: a bid
    # return, the blank template or another document.
    what: str = UNREAD


class _Listing(NamedTuple):
    """What an archive holds: its workbooks, and the archives in it whose contents could not
    be listed (each by its path in the archive)."""

    workbooks: list[_Held]
    unlisted: list[str]


class _Budget:
    """What may still be unpacked from one archive (and the archives in it), and how much
    more of a directory may be read: its workbooks are unpacked to be matched to the
    folder's by their bytes, and a zip in it to list what that holds. Past either, a
    workbook is matched by its size and CRC-32 alone and a zip in it is named as not looked
    into, so a zip claiming huge contents costs no more than this, whatever it declares."""

    def __init__(self, unpacked: int) -> None:
        self.unpacked = unpacked
        # The zips in it list no more between them than one zip may.
        self.listed = MAX_DIRECTORY_BYTES

    def unpack(self, size: int) -> bool:
        if size > self.unpacked:
            return False
        self.unpacked -= size
        return True

    def look_into(self, size: int) -> bool:
        if size > self.listed:
            return False
        self.listed -= size
        return True


class _Look:
    """How an archive's workbooks are looked at: each matched to the files of ``folder``/
    (``files``) by its bytes, and one in none of them asked what it is (a bid return, the
    blank template, another document), within ``budget``."""

    def __init__(self, files: FolderFiles, folder: str, budget: _Budget) -> None:
        self.files, self.folder, self.budget = files, folder, budget

    def held(
        self,
        shown: str,
        size: int,
        crc: int,
        data: bytes | None,
        unpack: Callable[[], bytes | None] = lambda: None,
    ) -> _Held:
        """The workbook ``shown`` of ``size`` and ``crc``, whose bytes are ``data`` (None when
        they were not unpacked: ``unpack`` gives them, once they are needed)."""
        sha256 = hashlib.sha256(data).digest() if data is not None else None
        entry = _Held(shown, posixpath.basename(shown), size, crc, sha256)
        if self.files.holding(entry):
            return entry
        data = unpack() if data is None else data
        return replace(entry, what=what_it_is(data, shown, self.folder, self.files.beside))


def _workbooks_held(
    path: Path, files: FolderFiles, folder: str, opened: Opener = regular_file
) -> _Listing | None:
    """Each workbook in the zip (or attached to the email) at ``path``, in the order listed,
    matched to ``files`` (those of ``folder``/) by its bytes and, when in none of them, with
    what it is; and the archives in it not looked into. None when it cannot be read within
    bounds (another kind of archive, an Outlook .msg, a damaged or huge one). A zip in the
    zip is looked into, one level down: a portal exports a zip of each supplier's response
    inside the zip of all. ``opened`` opens it (to None: it cannot be looked into)."""
    folded = path.name.casefold().rstrip(" .")
    if not folded.endswith((".eml", ".zip")):
        return None
    try:
        with opened(path) as file:
            if file is None:
                return None
            if folded.endswith(".eml"):
                return _attached(file, _Look(files, folder, _Budget(MAX_EMAIL_BYTES)))
            budget = _Budget(max(MAX_UNCOMPRESSED_BYTES, _UNPACKED_PER_BYTE * file.seek(0, 2)))
            archive = _opened(file)
            look = _Look(files, folder, budget)
            return None if archive is None else _zip_listing(archive, look, inside=False)
    except OSError:
        return None


def _zip_listing(archive: zipfile.ZipFile, look: _Look, inside: bool) -> _Listing:
    """The workbooks of the zip ``archive`` (see :func:`_workbooks_held`), closed once
    listed; a zip it holds is looked into unless this one is ``inside`` another already."""
    workbooks: list[_Held] = []
    unlisted: list[str] = []
    with archive:
        for info in archive.infolist():
            shown = info.filename.replace("\\", "/")
            name = posixpath.basename(shown)
            if info.is_dir() or shown.startswith("__MACOSX/") or name.startswith("._"):
                continue
            folded = name.casefold().rstrip(" .")
            if folded.endswith(_WORKBOOK_SUFFIXES):
                # Excel's lock file caught in the zip (~$weald.xlsx, 165 bytes), as in the
                # folder: passed over, unless it is a workbook after all.
                if not name.startswith(COMPANION_PREFIXES) or _begins_as_zip(archive, info):
                    workbooks.append(_held(archive, info, shown, look))
            elif is_archive(name):
                inner = None if inside else _inner(archive, info, shown, look)
                if inner is None:
                    unlisted.append(shown)
                else:
                    workbooks += inner.workbooks
                    unlisted += inner.unlisted
            elif formats.may_be_one(_first_bytes(archive, info)):
                # A return saved with no extension (or as .docx, .dat, an .xls with none, a
                # SYLK sheet as .txt): what it holds says what it is, by the same checks as
                # for a file in the folder (is_a_spreadsheet).
                sniffed = _sniffed(archive, info, shown, look)
                if sniffed is None:
                    unlisted.append(shown)
                elif sniffed is not False:
                    workbooks.append(sniffed)
    return _Listing(workbooks, unlisted)


def _sniffed(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, look: _Look
) -> _Held | bool | None:
    """The entry ``info``, not named as a workbook, whose first bytes say it may be a
    spreadsheet (a zip, an OLE file, XML, SYLK or DIF text), as a workbook held when it is
    one by what it holds (:func:`is_a_spreadsheet`'s checks); False when it is not (a .docx,
    a Word .doc, an XML file); None when it cannot be unpacked within the budget: it may be
    one, and is named as not looked into. Text is unpacked whole only when its start is a
    spreadsheet's."""
    if not _first_bytes(archive, info).startswith((_ZIP_SIGNATURE, formats.OLE_MAGIC)):
        head = _head(archive, info, look.budget)
        if head is None:
            return None
        if formats.text_spreadsheet(head) is None:
            return False
    data = _unpacked(archive, info, look.budget)
    if data is None:
        return None
    if not _spreadsheet_in(io.BytesIO(data), shown, look.budget):
        return False  # (a zip whose directory cannot be read is no workbook Excel opens)
    return look.held(shown, len(data), info.CRC, data)


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes | None:
    """The first :data:`formats.HEAD_BYTES` of ``info``, within ``budget``; None when they
    cannot be unpacked."""
    size = min(info.file_size, formats.HEAD_BYTES)
    if not budget.unpack(size):
        return None
    try:
        with archive.open(info) as entry:
            return entry.read(size)
    except Exception:  # any failure to unpack it: it is not known by its bytes
        return None


def _held(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, look: _Look) -> _Held:
    """The workbook ``info``, unpacked when a file in the folder has its size (to match their
    bytes), and when in no file there, to say what it is."""

    def unpacked() -> bytes | None:
        return _unpacked(archive, info, look.budget)

    if info.file_size in look.files.sizes:
        return look.held(shown, info.file_size, info.CRC, unpacked())
    return look.held(shown, info.file_size, info.CRC, None, unpacked)


def _inner(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, look: _Look
) -> _Listing | None:
    """What the zip ``info`` in ``archive`` holds, each workbook shown by its path through
    both (``meridian.zip/Pricing Schedule.xlsx``); a workbook given a .zip name (its
    xl/workbook.xml inside) is itself a workbook held. None when it cannot be unpacked and
    listed within bounds (only a zip is looked into: a .7z or an email in the zip is not)."""
    if not shown.casefold().rstrip(" .").endswith(".zip"):
        return None
    data = _unpacked(archive, info, look.budget)
    if data is None:
        return None
    inner = _opened(io.BytesIO(data), look.budget)
    if inner is None:
        return None
    if _holds_a_workbook_part(inner):
        inner.close()
        return _Listing([look.held(shown, len(data), info.CRC, data)], [])
    listing = _zip_listing(inner, look, inside=True)
    return _Listing(
        [replace(held, shown=f"{shown}/{held.shown}") for held in listing.workbooks],
        [f"{shown}/{name}" for name in listing.unlisted],
    )


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes | None:
    """The bytes of ``info``, checked against its size and CRC-32; None when they cannot be
    unpacked (encrypted, damaged, a method zipfile lacks) or are more than may be."""
    if info.file_size == 0:  # (nothing to unpack: what it holds is known)
        return b"" if info.CRC == 0 else None
    if info.file_size > MAX_FILE_BYTES or not budget.unpack(info.file_size):
        return None
    try:
        with archive.open(info) as entry:  # (never unpacks past the size declared)
            data = entry.read(info.file_size + 1)
    except Exception:  # any failure to unpack it: it is not known by its bytes
        return None
    return data if len(data) == info.file_size and zlib.crc32(data) == info.CRC else None


def _begins_as_zip(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    return _first_bytes(archive, info).startswith(_ZIP_SIGNATURE)


def _first_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The first :data:`formats.FIRST_BYTES` of ``info`` (a few: never counted against the
    budget); none when it cannot be unpacked (it is not known to be a workbook)."""
    try:
        with archive.open(info) as entry:
            return entry.read(formats.FIRST_BYTES)
    except Exception:  # one that cannot be unpacked is not known to be a workbook
        return b""


def is_a_workbook(path: Path) -> bool:
    """Whether the file at ``path`` is an Excel workbook by what it holds (a zip whose
    directory lists the workbook part, xl/workbook.xml), whatever its name: a return saved
    with no extension (a portal or a mail program dropped it), as .zip (a browser) or as an
    Excel template (.xltx). Only the zip's directory is read, within the same bounds."""
    try:
        with regular_file(path) as file:
            return file is not None and _is_workbook_zip(file)
    except OSError:
        return False


def is_a_spreadsheet(path: Path) -> bool:
    """Whether the file at ``path`` is a bid return or score sheet by what it holds, whatever
    its name: an Excel workbook (:func:`is_a_workbook`), or, unless named as an archive or an
    email is (an email's attached .xls is in its bytes), another program's spreadsheet: an
    Excel 97–2003 workbook (an .xls saved as WPS's .et, or with no extension), an OpenDocument
    spreadsheet or template (a zip whose mimetype part names one), a one-file OpenDocument
    spreadsheet (.fods), SYLK or DIF text. Each is a submission the reader explains; before,
    it was "not a workbook" and the bid left the results with a warning. Reads the first
    bytes, the zip's directory, or an OLE file's first and last few megabytes."""
    try:
        with regular_file(path) as file:
            return file is not None and _spreadsheet_in(file, path.name)
    except OSError:
        return False


def _spreadsheet_in(file: BinaryIO, name: str, budget: _Budget | None = None) -> bool:
    """Whether ``file``, named ``name`` (a file, an archive's entry, an email's attachment),
    is a spreadsheet by what it holds (:func:`is_a_spreadsheet`), a zip's directory read
    within ``budget``."""
    head = file.read(formats.HEAD_BYTES)
    if head.startswith(_ZIP_SIGNATURE):
        return _is_spreadsheet_zip(file, odf=not is_archive(name), budget=budget)
    if is_archive(name):
        return False
    if head.startswith(formats.OLE_MAGIC):
        return formats.ole_workbook(_ends(file, head), layout.names_a_document(name))
    return formats.text_spreadsheet(head) is not None


def _ends(file: BinaryIO, head: bytes) -> tuple[bytes, ...]:
    """The first and last :data:`formats.OLE_END_BYTES` of ``file`` (whose first bytes are
    ``head``), or all of it when it is no longer."""
    size = file.seek(0, 2)
    if size <= formats.OLE_END_BYTES:
        file.seek(0)
        return (file.read(),)
    file.seek(0)
    first = file.read(formats.OLE_END_BYTES)
    file.seek(size - formats.OLE_END_BYTES)
    return first, file.read()


def _is_workbook_zip(file: BinaryIO) -> bool:
    return _is_spreadsheet_zip(file, odf=False)


def _is_spreadsheet_zip(file: BinaryIO, *, odf: bool, budget: _Budget | None = None) -> bool:
    """Whether the zip in ``file`` is an Excel workbook, or (``odf``) an OpenDocument
    spreadsheet or template: its mimetype part, which OpenDocument requires, names one (only
    that part's first bytes are unpacked); its directory read within ``budget``."""
    archive = _opened(file, budget)
    if archive is None:
        return False
    with archive:
        if _holds_a_workbook_part(archive):
            return True
        return odf and _mimetype(archive).startswith(formats.OPENDOCUMENT_SPREADSHEET)


def _mimetype(archive: zipfile.ZipFile) -> bytes:
    try:
        with archive.open("mimetype") as part:
            return part.read(len(formats.OPENDOCUMENT_SPREADSHEET))
    except Exception:  # no such part, or one that cannot be unpacked: no OpenDocument file
        return b""


def _holds_a_workbook_part(archive: zipfile.ZipFile) -> bool:
    return any(
        info.filename.replace("\\", "/").casefold() == "xl/workbook.xml"
        for info in archive.infolist()
    )


def _opened(file: BinaryIO, budget: _Budget | None = None) -> zipfile.ZipFile | None:
    """The zip in ``file``, from its directory alone; None when that cannot be read within
    bounds (not a zip, zip64, a directory too large or more than ``budget`` lets be read,
    damaged)."""
    try:
        size = file.seek(0, 2)
        file.seek(max(0, size - _TAIL))
        tail = file.read()
        at = tail.rfind(_END)
        if at < 0 or len(tail) - at < _END_SIZE:
            return None
        if at >= 20 and tail[at - 20 : at - 16] == _ZIP64_LOCATOR:
            return None  # zipfile would read the zip64 record's sizes, not these
        entries, directory = struct.unpack("<xxxxxxxxxxHI", tail[at : at + 16])
        if entries == 0xFFFF or directory > MAX_DIRECTORY_BYTES:  # zip64, or too big
            return None
        if budget is not None and not budget.look_into(directory):
            return None
        file.seek(0)
        return zipfile.ZipFile(file)  # reads only the directory
    except Exception:  # any failure to read the directory (as safety.py): it cannot be listed
        return None


def _attached(file: BinaryIO, look: _Look) -> _Listing | None:
    """Each workbook attached to the email (.eml) open as ``file``, as :func:`_workbooks_held`
    gives them; None when it is too large to read (no email a bid came by is) or unreadable."""
    try:
        if file.seek(0, 2) > MAX_EMAIL_BYTES:
            return None
        file.seek(0)
        data = file.read(MAX_EMAIL_BYTES + 1)
        if len(data) > MAX_EMAIL_BYTES:
            return None
        message = email.message_from_bytes(data, policy=email.policy.default)
        held = []
        for part in message.walk():
            name = part.get_filename()
            if not name or part.is_multipart():
                continue
            name = posixpath.basename(name.replace("\\", "/"))
            data = part.get_payload(decode=True)
            if not isinstance(data, bytes):
                continue
            # (One attached with no extension, an .xls or a SYLK sheet as .txt, is known by
            # what it holds, as in the folder.)
            if name.casefold().endswith(_WORKBOOK_SUFFIXES) or (
                formats.may_be_one(data[: formats.FIRST_BYTES])
                and _spreadsheet_in(io.BytesIO(data), name)
            ):
                held.append(look.held(name, len(data), zlib.crc32(data), data))
        return _Listing(held, [])
    except Exception:  # a mangled email is one whose attachments cannot be listed
        return None


class FolderFiles:
    """The files read in a folder (bids/, scores/) that what is kept where nothing is read (an
    archive's workbooks, a folder's) is matched against: by name, and by their bytes (size,
    then SHA-256, or CRC-32 where the workbook's bytes could not be unpacked). Made once for
    the folder in a run, each file listed and read once however many archives and folders
    are matched against it (made for each archive, 1,000 zips beside their returns in bids/
    cost a million stat calls). A file larger than any workbook read is refused as a bid
    anyway: it is never read here.

    Once the files are scored, :meth:`as_read` gives the fingerprints of the bytes scored, and
    each is matched by those, never read again: a return replaced in between (a sync client
    bringing down another version) was matched to the portal's zip by its old bytes and its
    new ones scored, their SHA-256 recorded, though the zip held other bytes."""

    def __init__(self, beside: list[Path]) -> None:
        self.beside = list(beside)
        self.named = {_compared(path.name): path for path in beside}
        self.of_size: dict[int, list[Path]] = {}
        for path in beside:
            try:
                if path.is_file():  # (a named pipe called .xlsx is never opened)
                    size = path.stat().st_size
                    if size <= MAX_FILE_BYTES:
                        self.of_size.setdefault(size, []).append(path)
            except OSError:
                continue
        self.sizes = set(self.of_size)
        self._read: dict[Path, Fingerprint | None] = {}

    def as_read(self, read: dict[Path, Fingerprint | None]) -> None:
        """Match the files by the fingerprints of the bytes read of each (None: none were),
        never by reading them again."""
        self._read = {path: read.get(path) for path in self.beside}
        self.of_size = {}
        for path in self.beside:
            fingerprint = self._read[path]
            if fingerprint is not None and fingerprint.size <= MAX_FILE_BYTES:
                self.of_size.setdefault(fingerprint.size, []).append(path)
        self.sizes = set(self.of_size)

    def read(self, path: Path) -> Fingerprint | None:
        """The fingerprint of the bytes of the file at ``path`` as matched (None when they
        could not be read)."""
        if path not in self._read:
            self._read[path] = _fingerprint(path)
        return self._read[path]

    def holding(self, entry: _Held) -> list[Path]:
        """The files whose bytes are the workbook's ``entry``, whatever their names."""
        return [path for path in self.of_size.get(entry.size, ()) if self._same(entry, path)]

    def copy_of(self, path: Path) -> bool:
        """Whether the file at ``path`` (kept where nothing is read) is one of the folder's
        files, byte for byte."""
        try:
            size = path.stat().st_size
            alike = self.of_size.get(size, ()) if path.is_file() else ()
        except OSError:
            return False
        if not alike:
            return False
        read = _fingerprint(path)
        if read is None:
            return False
        entry = _Held(path.name, path.name, size, read.crc32, bytes.fromhex(read.sha256))
        return any(self._same(entry, other) for other in alike)

    def not_holding(self, held: list[_Held]) -> tuple[list[_Held], list[tuple[_Held, Path]]]:
        """The workbooks of ``held`` whose bytes are in no file of the folder, whatever its
        name (a portal names every return "Pricing Schedule.xlsx"; unzipped, each is renamed
        after its supplier): those missing, and those under the name of a file whose own
        bytes are nowhere in the archive (given beside each: the portal's copy of a return
        is not the one in the folder, a return opened and saved again, say). Names match in
        any case, and however an accented letter is stored (a zip made on a Mac stores "é"
        as "e" and a combining accent)."""
        found = {entry: self.holding(entry) for entry in held}
        accounted = {path for paths in found.values() for path in paths}
        missing, differing = [], []
        for entry in held:
            if found[entry]:
                continue
            named = self.named.get(_compared(entry.name))
            if named is None or named in accounted:
                missing.append(entry)
            else:
                differing.append((entry, named))
        return missing, differing

    def _same(self, entry: _Held, path: Path) -> bool:
        read = self.read(path)
        if read is None or read.size != entry.size:
            return False
        if entry.sha256 is not None:
            return read.sha256 == entry.sha256.hex()
        return read.crc32 == entry.crc


def _compared(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of the file at ``path`` (None when it cannot be read, or changed
    while it was): for a folder whose files are not scored, or a file kept where nothing is
    read, compared with them."""
    return fingerprint_of(path).fingerprint
