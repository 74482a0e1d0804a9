"""An archive in bids/ or scores/ (``all-responses.zip``, as a portal exports every response
at once): which workbooks it holds that are not in the folder.

Only workbooks directly in the folder are read. An officer who saved the portal's zip into
bids/ and never unzipped it was told "this file is not a workbook and was not read", a
warning, and, with no other file there, "no bids were found (yet)": every bid in the archive
was left out while the run went on. An archive's workbooks that are not in the folder (by
name, or by size and CRC-32 when renamed) are now an error naming them, as a bid moved into a
sub-folder is; an archive whose workbooks are all there already is a warning.

An email saved into the folder with its attachments (``Our tender.eml``: a quotation sent by
email) is looked into the same way: each workbook attached to it that is not in the folder is
an error naming it. An Outlook ``.msg`` cannot be listed here, so it is a warning saying to
save its attachments.

An archive is untrusted input, so only its central directory is read, and only when the end
record says it is at most :data:`MAX_DIRECTORY_BYTES` long (about 100,000 entries): looking
costs what the file holds, never what it declares. Nothing is unpacked.
"""

from __future__ import annotations

import email
import email.policy
import posixpath
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from tendereval import layout
from tendereval.errors import Problem, Severity
from tendereval.io.files import entry_kind
from tendereval.io.safety import MAX_FILE_BYTES
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
_NAMED = 5  # workbooks named in a message; the rest are counted
_NAME_SHOWN = 100  # characters of each name shown
# What a workbook inside an archive is named (a README.txt beside them is not one).
_WORKBOOK_SUFFIXES = (*layout.SPREADSHEET_SUFFIXES, ".ods", ".csv")


@dataclass(frozen=True)
class _Kind:
    """A kind of file holding workbooks: how messages name it and what is done with them."""

    noun: str  # "archive"
    taken: str  # what is done to a workbook it holds: "unzipped"
    code: str


_ARCHIVE = _Kind("archive", "unzipped", "file.archive")
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


def archive_problem(path: Path, label: str, folder: str, beside: list[Path]) -> Problem:
    """The problem for the archive (or email) at ``path`` (``label``) in ``folder`` (bids,
    scores), whose spreadsheet files are ``beside``."""
    kind = _kind(path.name) or _ARCHIVE
    noun = kind.noun
    held = _workbooks_held(path)
    if held is None:
        return Problem(
            f"this {noun} was not read, nor could its contents be listed",
            file=label,
            expected=f"each workbook it holds {kind.taken} directly into {folder}/, then the "
            f"{noun} moved out of the tender folder",
            code=kind.code,
            severity=Severity.WARNING,
        )
    if not held:
        return Problem(
            f"this {noun} holds no workbook and was not read",
            file=label,
            expected=f"only .xlsx workbooks in {folder}/ (other documents can stay elsewhere)",
            code="file.ignored",
            severity=Severity.WARNING,
        )
    missing, differing = _not_beside(held, beside)
    if differing:
        return _differing(differing, label, noun, folder, kind)
    if not missing:
        return Problem(
            f"this {noun} was not read; the {_count(len(held))} it holds "
            f"{'is' if len(held) == 1 else 'are'} in {folder}/ already",
            file=label,
            expected=f"nothing: move the {noun} out of the tender folder to tidy it",
            code=kind.code,
            severity=Severity.WARNING,
        )
    names = [cut(name, _NAME_SHOWN) for name, _, _ in missing]  # (a name may be 64 KB long)
    shown = (
        names if len(names) <= _NAMED + 1 else [*names[:_NAMED], f"{len(names) - _NAMED:,} more"]
    )
    return Problem(
        f"this {noun} holds {_count(len(missing))} that "
        f"{'is' if len(missing) == 1 else 'are'} not in {folder}/, so "
        f"{'it was' if len(missing) == 1 else 'they were'} not read: {listed(shown)}",
        file=label,
        found=f"{len(held):,} workbook(s) in the {noun}, {len(missing):,} not in {folder}/",
        expected=f"each workbook {kind.taken} directly into {folder}/ (nothing in an {noun} is "
        f"read), then the {noun} moved out of the tender folder",
        code=kind.code,
    )


def bids_not_unzipped(path: Path, label: str, folder: str) -> Problem | None:
    """The problem for an archive in the tender folder when ``folder``/ holds no bid return
    (the portal's ``all-responses.zip`` downloaded and never unzipped): as for one in the
    folder, an error naming each workbook it holds, none of them read. None when it holds no
    workbook (the tender's own documents, say): it is not the bids."""
    if _workbooks_held(path) == []:
        return None
    return archive_problem(path, label, folder, [])


def _differing(
    differing: list[tuple[tuple[str, int, int], Path]],
    label: str,
    noun: str,
    folder: str,
    kind: _Kind,
) -> Problem:
    """An error for workbooks the archive holds under the name of a file in the folder, with
    other bytes: which of the two the supplier submitted is not known, and the one scored may
    not be it (a return opened and saved again, or another return given its name). Each is
    shown as the archive holds it and as the folder does."""
    names = [cut(name, _NAME_SHOWN) for (name, _, _), _ in differing]
    shown = (
        names if len(names) <= _NAMED + 1 else [*names[:_NAMED], f"{len(names) - _NAMED:,} more"]
    )
    return Problem(
        f"this {noun} holds {listed(shown)} under the name of "
        f"{'a file' if len(names) == 1 else 'files'} in {folder}/, but with other bytes: the "
        f"file{'' if len(names) == 1 else 's'} in {folder}/ {'is' if len(names) == 1 else 'are'} "
        "read, and which the supplier submitted is not known",
        file=label,
        found="; ".join(_both(entry, path, noun) for entry, path in differing[:_NAMED])
        + (f"; and {len(differing) - _NAMED:,} more" if len(differing) > _NAMED else ""),
        expected=f"in {folder}/ the very file submitted (check with the portal which one it "
        f"is), then the {noun} moved out of the tender folder",
        code=kind.code,
    )


def _both(entry: tuple[str, int, int], path: Path, noun: str) -> str:
    """A workbook the archive holds beside the file of its name in the folder, each by its
    size and CRC-32 (what tells them apart without unpacking the archive)."""
    name, size, crc = entry
    held = "not a file that can be read"
    try:
        if path.is_file():  # (a named pipe called .xlsx is never opened)
            held = f"{path.stat().st_size:,} bytes"
            # (A file larger than any workbook read is refused as a bid anyway: never read.)
            theirs = _crc(path, {}) if path.stat().st_size <= MAX_FILE_BYTES else None
            held += f", CRC-32 {theirs:08x}" if theirs is not None else ""
    except OSError:
        pass  # gone or unreadable since it was listed: said as such
    return (
        f"{cut(name, _NAME_SHOWN)} in the {noun}: {size:,} bytes, CRC-32 {crc:08x}; "
        f"{path.parent.name}/{name_text(cut(path.name, _NAME_SHOWN))}: {held}"
    )


def _count(n: int) -> str:
    return f"{n:,} workbook{'' if n == 1 else 's'}"


def _workbooks_held(path: Path) -> list[tuple[str, int, int]] | None:
    """Each workbook in the zip (or attached to the email) at ``path``: its name (without
    folders), size and CRC-32, in the order listed; None when that cannot be read within
    bounds (another kind of archive, an Outlook .msg, a damaged or huge one)."""
    folded = path.name.casefold().rstrip(" .")
    if folded.endswith(".eml"):
        return _attached(path)
    if not folded.endswith(".zip"):
        return None
    infos = _directory(path)
    if infos is None:
        return None
    held = []
    for info in infos:
        name = posixpath.basename(info.filename.replace("\\", "/"))
        if info.is_dir() or info.filename.startswith("__MACOSX/") or name.startswith("._"):
            continue
        if name.casefold().endswith(_WORKBOOK_SUFFIXES):
            held.append((name, info.file_size, info.CRC))
    return held


def is_a_workbook(path: Path) -> bool:
    """Whether the file at ``path`` is an Excel workbook by what it holds (a zip whose
    directory lists the workbook part, xl/workbook.xml), whatever its name: a return saved
    with no extension (a portal or a mail program dropped it), as .zip (a browser) or as an
    Excel template (.xltx). Only the zip's directory is read, within the same bounds."""
    infos = _directory(path)
    return infos is not None and any(
        info.filename.replace("\\", "/").casefold() == "xl/workbook.xml" for info in infos
    )


def _directory(path: Path) -> list[zipfile.ZipInfo] | None:
    """The entries of the zip at ``path``, from its directory alone; None when that cannot
    be read within bounds (not a zip, zip64, a directory too large, damaged)."""
    try:
        with path.open("rb") as file:
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
            file.seek(0)
            with zipfile.ZipFile(file) as archive:  # reads only the directory
                return archive.infolist()
    except Exception:  # any failure to read the directory (as safety.py): it cannot be listed
        return None


def _attached(path: Path) -> list[tuple[str, int, int]] | None:
    """Each workbook attached to the email (.eml) at ``path``, as :func:`_workbooks_held`
    gives them; None when it is too large to read (no email a bid came by is) or unreadable."""
    try:
        if path.stat().st_size > MAX_EMAIL_BYTES:
            return None
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        held = []
        for part in message.walk():
            name = part.get_filename()
            if not name or part.is_multipart():
                continue
            name = posixpath.basename(name.replace("\\", "/"))
            if name.casefold().endswith(_WORKBOOK_SUFFIXES):
                data = part.get_payload(decode=True)
                if isinstance(data, bytes):
                    held.append((name, len(data), zlib.crc32(data)))
        return held
    except Exception:  # a mangled email is one whose attachments cannot be listed
        return None


def _not_beside(
    held: list[tuple[str, int, int]], beside: list[Path]
) -> tuple[list[tuple[str, int, int]], list[tuple[tuple[str, int, int], Path]]]:
    """The workbooks of ``held`` not in the folder: those with no file of their name nor of
    the same size and CRC-32 (renamed when unzipped, "weald (1).xlsx"), and those whose file
    of the same name (given beside each) holds other bytes (the portal's copy of a return is
    not the one in the folder, though another file there may hold its bytes). Names match in
    any case, and however an accented letter is stored (a zip made on a Mac stores "é" as "e"
    and a combining accent)."""
    names = {_compared(path.name): path for path in beside}
    sizes: dict[int, list[Path]] = {}
    for path in beside:
        try:
            if path.is_file():  # (a named pipe called .xlsx is never opened)
                sizes.setdefault(path.stat().st_size, []).append(path)
        except OSError:
            continue
    crcs: dict[Path, int | None] = {}
    missing, differing = [], []
    for entry in held:
        name, size, crc = entry
        named = names.get(_compared(name))
        # (A file larger than any workbook read is refused as a bid anyway: never read here.)
        same = [named] if named is not None else sizes.get(size, ())
        if 0 < size <= MAX_FILE_BYTES and any(
            path in sizes.get(size, ()) and _crc(path, crcs) == crc for path in same
        ):
            continue
        if named is None:
            missing.append(entry)
        else:
            differing.append((entry, named))
    return missing, differing


def _compared(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _crc(path: Path, known: dict[Path, int | None]) -> int | None:
    """The CRC-32 of the file at ``path`` (None when it cannot be read), worked out once."""
    if path not in known:
        try:
            value = 0
            with path.open("rb") as file:
                while chunk := file.read(1 << 20):
                    value = zlib.crc32(chunk, value)
            known[path] = value
        except OSError:
            known[path] = None
    return known[path]
