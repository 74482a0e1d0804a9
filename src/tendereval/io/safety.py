"""Checking a workbook file from outside before any parser sees it.

Bid returns come from outside the buyer's organisation, so they are treated as untrusted.
:func:`check_file` looks only at the file's first bytes, the zip's directory, the first
bytes of each part and the package's own list of parts (``_rels/.rels``, a few hundred bytes,
parsed once checked as below, to find the workbook as Excel does: io/package.py), and
explains what it finds as a :class:`Problem` saying what to do:

* errors (the file is not opened): an empty file, a file that is not a workbook, an old
  ``.xls`` or a binary ``.xlsb``, a password-protected workbook, a truncated download, a zip
  whose parts would unpack to an absurd size or are absurdly many (a decompression bomb), and
  XML with a document type declaration (``<!DOCTYPE``/``<!ENTITY``: Excel never writes one,
  and it is how entity-expansion and external-entity attacks are made) or written in an
  encoding Excel never uses (which could hide such a declaration from this check);
* warnings (the file is read): macros, which are never run, and links to other workbooks,
  which are never followed.

Every read is bounded: nothing here unpacks more than :data:`XML_HEAD_BYTES` of a part.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from tendereval.errors import Problem, Severity
from tendereval.io import formats
from tendereval.io.files import Fingerprint, read_input
from tendereval.io.formats import OLE_MAGIC
from tendereval.io.package import DEFAULT_WORKBOOK, PACKAGE_RELATIONSHIPS, workbook_part
from tendereval.io.zipparts import ZipParts

# Limits far above any real bid return (tens of kilobytes) or consolidated matrix (a few MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024  # tiny parts compress very well and are harmless
MAX_PARTS = 10_000  # a workbook from Excel has tens of parts
XML_HEAD_BYTES = 64 * 1024  # a DTD can only come before the root element, at the start
_FIRST_LOOK_BYTES = 1024
_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_END_OF_DIRECTORY = b"PK\x05\x06"
_DIRECTORY_ENTRY = b"PK\x01\x02"
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_:]")
_WORKBOOK_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?workbook[\s/>]")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
# Encodings in which "<!DOCTYPE" is written as the ASCII bytes the check above looks for.
_PLAIN_ENCODINGS = re.compile(
    rb"^(?:utf-?8|utf-?16(?:le|be)?|(?:us-)?ascii|iso-?8859-\d{1,2}|latin-?1|(?:windows|cp)-?125\d)$",
    re.IGNORECASE,
)
# What to do with another program's spreadsheet: save it as Excel (the reader reads .xlsx).
_SAVE_AS_XLSX = (
    "an .xlsx workbook made from the template: open it and save it as Excel (in LibreOffice, "
    "File › Save As › Excel 2007-365 (.xlsx)), or ask the sender for it"
)
_SEND_AGAIN_XLSX = (
    "the workbook saved again from Excel as an .xlsx (File › Save As › Excel Workbook); ask "
    "the sender for it"
)


def problem(
    message: str,
    label: str,
    expected: str,
    code: str,
    found: str = "",
    sheet: str = "",
    cell: str = "",
    severity: Severity = Severity.ERROR,
) -> Problem:
    """A problem with the file ``label``."""
    return Problem(
        message,
        file=label,
        sheet=sheet,
        cell=cell,
        found=found,
        expected=expected,
        code=code,
        severity=severity,
    )


def check_file(path: Path, label: str) -> list[Problem]:
    """Problems that make ``path`` unreadable as a workbook (errors) and warnings (macros,
    external links).

    Never parses the workbook's XML: this runs first, so a hostile or broken file is explained
    instead of crashing the reader or exhausting memory.
    """
    return inspect(path, label)[0]


def inspect(path: Path, label: str) -> tuple[list[Problem], ZipParts | None, Fingerprint | None]:
    """:func:`check_file`'s problems; when none of them is an error, the file's parts read
    into memory (so the reader need not read the file again); and the fingerprint of the bytes
    read (None when the file was not read at all: missing, too large, not a file)."""
    read = read_input(path, label, MAX_FILE_BYTES, "workbook")
    if isinstance(read, Problem):
        if read.code == "file.too_large":
            return [_too_large(label, f"{read.found} on disk")], None, None
        return [read], None, None
    problems, parts = _inspect_bytes(read.data, path, label)
    return problems, parts, read.fingerprint


def inspect_bytes(data: bytes, label: str) -> ZipParts | None:
    """The parts of the workbook whose bytes are ``data`` (one held in an archive, never
    written to disk), after the same checks as a file's; None when any of them is an error
    (not a workbook, an old .xls, password-protected, a decompression bomb …)."""
    return _inspect_bytes(data, Path(label), label)[1]


def _inspect_bytes(data: bytes, path: Path, label: str) -> tuple[list[Problem], ZipParts | None]:
    if not data:
        return [
            problem(
                "the file is empty (0 bytes)",
                label,
                "the workbook as saved from Excel; ask for it to be sent again",
                "file.empty",
            )
        ], None
    head = data[:8]
    if head == OLE_MAGIC:
        return [_ole_problem(data, label)], None
    other = formats.text_spreadsheet(data[: formats.HEAD_BYTES])
    if other is not None:
        return [
            problem(
                f"this is {other}, not an Excel workbook",
                label,
                _SAVE_AS_XLSX,
                "file.not_a_workbook",
            )
        ], None
    if not head.startswith(b"PK"):
        return [
            problem(
                f"this is not an Excel workbook{_sniff_text(head)}",
                label,
                "an .xlsx workbook made from the template",
                "file.not_a_workbook",
            )
        ], None
    if not _has_end_record(data):
        return [_damaged(label)], None
    # The zip's end record can lie about how many parts there are, and zipfile's directory
    # grows with the real number. Every entry of the directory starts with this signature, so
    # counting it bounds the parts zipfile can list, before it lists any.
    entries = data.count(_DIRECTORY_ENTRY)
    if entries > MAX_PARTS:
        return [_too_large(label, f"more than {MAX_PARTS:,} parts in the zip")], None
    try:
        parts = ZipParts(data)
        problems = _check_archive(path, parts, label)
    except Exception:  # any failure to read the zip's directory or a part's first bytes
        return [_damaged(label)], None
    if any(p.is_error for p in problems):
        return problems, None
    return problems, parts


def _check_archive(path: Path, archive: ZipParts, label: str) -> list[Problem]:
    infos = archive.infos
    if len(infos) > MAX_PARTS:
        return [_too_large(label, f"{len(infos):,} parts in the zip")]
    if archive.repeated:
        # Two parts with one name (part names ignore case): programs differ on which one they
        # read, so the officer could see one Prices sheet in Excel and another be scored.
        return [
            problem(
                "the workbook holds two different parts with the same name, so which one Excel "
                "shows cannot be known; it was not opened",
                label,
                _SEND_AGAIN_XLSX,
                "file.repeated_part",
                found=", ".join(archive.repeated[:5]),
            )
        ]
    names = {info.filename for info in infos}
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES or any(
        info.file_size > RATIO_CHECK_MIN_BYTES
        and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        for info in infos
    ):
        return [_too_large(label, f"{total:,} bytes unpacked")]
    main = _workbook_part(archive, label)
    if isinstance(main, Problem):
        return [main]
    if main is None:
        opendocument = _opendocument(archive)
        if opendocument is not None:
            return [
                problem(
                    f"this is {opendocument}, not an Excel workbook",
                    label,
                    _SAVE_AS_XLSX,
                    "file.not_a_workbook",
                )
            ]
        return [
            problem(
                "this is a zip file but not an Excel workbook",
                label,
                "an .xlsx workbook made from the template",
                "file.not_a_workbook",
            )
        ]
    if main.casefold().endswith(".bin"):
        return [
            problem(
                "this is a binary Excel workbook (.xlsb)",
                label,
                "an .xlsx workbook: open it in Excel and use File › Save As › "
                "Excel Workbook (.xlsx)",
                "file.xlsb",
            )
        ]
    if any(info.flag_bits & 1 for info in infos):
        return [_encrypted_problem(label)]
    for info in infos:
        found = _crafted_xml(archive, info, label)
        if found is not None:
            return [found]
    warnings = []
    if path.suffix.casefold() == ".xlsm" or any(n.casefold() == "xl/vbaproject.bin" for n in names):
        warnings.append(
            problem(
                "the workbook contains macros; they are never run by tendereval",
                label,
                "an .xlsx workbook; this is only a warning: the values saved in the file are "
                "read and the macros are ignored",
                "file.macros",
                severity=Severity.WARNING,
            )
        )
    links = sorted(
        n
        for n in names
        if n.casefold().startswith("xl/externallinks/") and n.casefold().endswith(".xml")
    )
    if links:
        warnings.append(
            problem(
                "the workbook links to other files; tendereval never follows the links and "
                "reads only the values saved in this file",
                label,
                "a workbook without links: check with the sender that the saved values are "
                "the ones they meant to submit (in Excel: Data › Edit Links › Break Link, "
                "then save)",
                "file.external_links",
                found="; ".join(_link_targets(archive, links)) or f"{len(links)} link(s)",
                severity=Severity.WARNING,
            )
        )
    return warnings


def _workbook_part(archive: ZipParts, label: str) -> str | Problem | None:
    """The workbook part, as Excel finds it (io/package.py: the one the package's own
    relationships name, else xl/workbook.xml; part names compared ignoring case, as a zip
    tool may write them in capitals), or xl/workbook.bin of a binary workbook; None when
    the zip holds neither, or names as its main part one that is not a workbook (a Word
    document's). A problem when the relationships are crafted or say what cannot be."""
    rels = archive.find(PACKAGE_RELATIONSHIPS)
    if rels is not None:  # parsed only once checked as every part is (below)
        crafted = _crafted_xml(archive, archive.info(rels), label)
        if crafted is not None:
            return crafted
    try:
        main = workbook_part(archive)
    except ValueError as exc:
        return problem(
            "this is a zip file but not an Excel workbook that can be opened",
            label,
            _SEND_AGAIN_XLSX,
            "file.not_a_workbook",
            found=str(exc),
        )
    if main is None:
        return archive.find("xl/workbook.bin")
    if main.casefold() == DEFAULT_WORKBOOK or main.casefold().endswith(".bin"):
        return main
    # Elsewhere, the part is a workbook by its root element (a .docx names its document).
    head = _as_ascii(archive.head(archive.info(main), _FIRST_LOOK_BYTES)) or b""
    root = _ROOT.search(head)
    return main if root and _WORKBOOK_ROOT.match(head, root.start()) else None


def _has_end_record(data: bytes) -> bool:
    """Whether the zip's end record is there (it is missing from a truncated download)."""
    tail = data[-(22 + 0xFFFF) :]
    at = tail.rfind(_END_OF_DIRECTORY)
    return at >= 0 and len(tail) - at >= 22


def _crafted_xml(archive: ZipParts, info: zipfile.ZipInfo, label: str) -> Problem | None:
    """A problem when the part's start declares a DTD or an encoding Excel never writes.

    Bids made from one template share most of their parts byte for byte (the theme, the
    styles, the instructions), so a part found clean is remembered by the digest of what it
    unpacks from (at most 256 kept), never by its bytes."""
    key = archive.digest(info)
    if key is not None and key in _CLEAN_PARTS:
        return None
    found = _crafted_xml_in(archive, info, label)
    if found is None and key is not None:
        if len(_CLEAN_PARTS) >= 256:
            del _CLEAN_PARTS[next(iter(_CLEAN_PARTS))]
        _CLEAN_PARTS[key] = None
    return found


_CLEAN_PARTS: dict[bytes, None] = {}


def _crafted_xml_in(archive: ZipParts, info: zipfile.ZipInfo, label: str) -> Problem | None:
    # The prologue is a few dozen bytes in every real workbook: look there first, and read
    # further only when the root element has not started yet.
    head = archive.head(info, _FIRST_LOOK_BYTES)
    if info.file_size > len(head) and not _ROOT.search(head):
        head = archive.head(info, XML_HEAD_BYTES)
    text = _as_ascii(head)
    if text is None:
        return None  # not XML (an image, a VBA project): never parsed as XML
    root = _ROOT.search(text)
    # A DTD can only come before the root element; Excel writes at most an XML declaration
    # there, so a prologue longer than the bytes read is itself a sign of a crafted file.
    prologue = text if root is None else text[: root.start()]
    if _DTD.search(prologue) or (root is None and info.file_size > len(head)):
        return problem(
            "the workbook contains XML entity declarations, which Excel never writes: it may "
            "be crafted to attack the reader, so it was not opened",
            label,
            _SEND_AGAIN_XLSX,
            "file.xml_entities",
            found=info.filename,
        )
    declared = _ENCODING.match(text)
    if declared and not _PLAIN_ENCODINGS.match(declared.group(1).strip()):
        return problem(
            "part of the workbook is written in a text encoding Excel never uses, so it was "
            "not opened",
            label,
            _SEND_AGAIN_XLSX,
            "file.xml_encoding",
            found=f"{info.filename}: {declared.group(1).decode('ascii', 'replace')}",
        )
    return None


def _as_ascii(head: bytes) -> bytes | None:
    """The start of an XML part as bytes in which markup is plain ASCII (UTF-16 decoded, as
    the parser would); None when the part is not XML."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        big = head.startswith(b"\xfe\xff") or head[:1] == b"\x00"
        text = head.decode("utf-16-be" if big else "utf-16-le", errors="ignore")
        text = text.lstrip("\ufeff \t\r\n")
        return text.encode("ascii", errors="replace") if text.startswith("<") else None
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    return start if start.startswith(b"<") else None


def _link_targets(archive: ZipParts, links: list[str]) -> list[str]:
    """Where each external link points, from its relationships part (bounded read)."""
    targets = []
    for link in links:
        folder, name = link.rsplit("/", 1)
        part = archive.find(f"{folder}/_rels/{name}.rels")
        if part is None:
            continue
        info = archive.info(part)
        head = archive.head(info, XML_HEAD_BYTES)
        targets += [t.decode("utf-8", "replace") for t in re.findall(rb'Target="([^"]*)"', head)]
    return targets[:5]


def _ole_problem(data: bytes, label: str) -> Problem:
    if _encrypted(data):
        return _encrypted_problem(label)
    return problem(
        "this is an old Excel 97–2003 (.xls) file",
        label,
        "an .xlsx workbook: open it in Excel and use File › Save As › Excel Workbook (.xlsx)",
        "file.xls",
    )


def _encrypted_problem(label: str) -> Problem:
    return problem(
        "the workbook is password-protected",
        label,
        "a copy saved without a password (File › Info › Protect Workbook › Encrypt with "
        "Password, clear the password, save); ask the sender for it",
        "file.encrypted",
    )


def _damaged(label: str) -> Problem:
    return problem(
        "the workbook is damaged or incomplete (perhaps a download that did not finish)",
        label,
        "the complete file: ask for it to be sent again",
        "file.truncated",
    )


def _opendocument(archive: ZipParts) -> str | None:
    """What OpenDocument spreadsheet the zip is, in words (an .ods, or its template .ots):
    its ``mimetype`` part, which OpenDocument requires, names one. None when it is none. Only
    that part's first bytes are read."""
    name = archive.find("mimetype")
    info = archive.info(name) if name is not None else None
    mimetype = archive.head(info, 64) if info is not None else b""
    if not mimetype.startswith(formats.OPENDOCUMENT_SPREADSHEET):
        return None
    if mimetype.removeprefix(formats.OPENDOCUMENT_SPREADSHEET).startswith(b"-template"):
        return "an OpenDocument spreadsheet template (.ots, as LibreOffice saves one)"
    return "an OpenDocument spreadsheet (.ods, as LibreOffice saves one)"


def _too_large(label: str, found: str) -> Problem:
    return problem(
        "the workbook would expand to an absurd size and was not opened",
        label,
        f"a bid return well under {MAX_UNCOMPRESSED_BYTES // 2**20} MB when unpacked; ask the "
        "sender for the real file",
        "file.too_large",
        found=found,
    )


def _encrypted(data: bytes) -> bool:
    """An encrypted .xlsx is an OLE file holding an ``EncryptionInfo`` stream.

    The stream names sit in the OLE directory, which may be near the start or the end of the
    file, so both ends are searched (a heuristic: we never parse the OLE structure).
    """
    chunk = 4 * 1024 * 1024
    ends = (data[:chunk], data[-chunk:]) if len(data) > chunk else (data,)
    return any(marker in end for end in ends for marker in _ENCRYPTION_MARKERS)


def _sniff_text(head: bytes) -> str:
    lowered = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if lowered.startswith((b"<html", b"<!doc", b"<?xml")):
        return " (it looks like a web page or XML file)"
    if lowered.startswith(b"%pdf"):
        return " (it is a PDF)"
    if all(32 <= b < 127 or b in (9, 10, 13) for b in head):
        return " (it looks like a text or CSV file)"
    return ""
