"""Spreadsheets of other programs, known by their first bytes whatever a file's name.

A bid return or score sheet saved by LibreOffice as a one-file XML spreadsheet (.fods), as
SYLK or DIF text, or as an Excel 97–2003 workbook under WPS Spreadsheets' .et or with no
extension at all, was "not a workbook" and left the results with only a warning. What a
file holds says it is a spreadsheet; the reader then says which, and to save it as .xlsx.

Only the bytes given are looked at: nothing here parses a file.
"""

from __future__ import annotations

import re

# An OLE2 compound file: an Excel 97–2003 workbook, a password-protected .xlsx, a Word .doc.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What the mimetype part of an OpenDocument spreadsheet (or its template) begins with.
OPENDOCUMENT_SPREADSHEET = b"application/vnd.oasis.opendocument.spreadsheet"
HEAD_BYTES = 64 * 1024  # a .fods's root element, namespaces and all, starts well within this
FIRST_BYTES = 64  # enough to tell whether a file may be a spreadsheet (:func:`may_be_one`)
ZIP_MAGIC = b"PK\x03\x04"  # an Excel workbook, an OpenDocument spreadsheet, or any other zip
OLE_END_BYTES = 4 * 1024 * 1024  # an OLE file's directory is near its start or its end

# The root element of a one-file OpenDocument spreadsheet (.fods), whatever prefix it uses:
# <office:document ... office:mimetype="application/vnd.oasis.opendocument.spreadsheet">.
# Matched against the root element's start tag alone (_root_tag): searched for through the
# whole head, each "<document" with no ">" after it was scanned to the head's end, so a head of
# "<document x " repeated took 1.9 processor-seconds, and a zip of such entries 30 s in 4 KB.
_FLAT_OPENDOCUMENT = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?document\b[^>]*?\bmimetype\s*=\s*[\"']"
    + re.escape(OPENDOCUMENT_SPREADSHEET)
)
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<")
# SYLK's first record names the program that wrote it ("ID;PWXL;N;E", "ID;PCALCOOO32").
_SYLK = re.compile(rb"^ID;P")
# DIF begins with its TABLE header and the version, 0,1 ("TABLE\r\n0,1\r\n\"\"").
_DIF = re.compile(rb"^\s*TABLE\r?\n\s*0\s*,\s*1\s*\r?\n")
_DIF_START = re.compile(rb"^\s*TABLE")
# The names of the streams, in the OLE directory (UTF-16, ended by a nul), that say what an
# OLE file is: an Excel 97 (Excel 5) workbook, or an encrypted Office file's package.
_WORKBOOK_STREAMS = tuple(f"{name}\0".encode("utf-16-le") for name in ("Workbook", "Book"))
_ENCRYPTED_PACKAGE = "EncryptedPackage\0".encode("utf-16-le")
# A Word or PowerPoint file holding an Excel table or chart holds its Workbook stream too.
_DOCUMENT_STREAMS = tuple(
    f"{name}\0".encode("utf-16-le") for name in ("WordDocument", "PowerPoint Document")
)


def text_spreadsheet(head: bytes) -> str | None:
    """Which spreadsheet saved as text ``head`` (a file's first :data:`HEAD_BYTES`) begins,
    in words ("a SYLK spreadsheet (.slk)"); None when it is none of them."""
    if _XML_START.match(head) and _FLAT_OPENDOCUMENT.match(_root_tag(head)):
        return "a one-file OpenDocument spreadsheet (.fods, as LibreOffice saves one)"
    if _SYLK.match(head):
        return "a SYLK spreadsheet (.slk)"
    if _DIF.match(head):
        return "a DIF spreadsheet (.dif)"
    return None


def _root_tag(head: bytes) -> bytes:
    """The start tag of the XML document's root element in ``head``, up to its ``>`` (or to
    the head's end): past the XML declaration, processing instructions, comments and the
    document type, each passed by one search for its end, so the whole costs one pass."""
    at = 0
    while (at := head.find(b"<", at)) >= 0:
        for opening, closing in ((b"<?", b"?>"), (b"<!--", b"-->"), (b"<!", b">")):
            if head.startswith(opening, at):
                end = head.find(closing, at + len(opening))
                if end < 0:
                    return b""
                at = end + len(closing)
                break
        else:
            end = head.find(b">", at)
            return head[at : end if end >= 0 else len(head)]
    return b""


def may_be_one(first: bytes) -> bool:
    """Whether a file whose first :data:`FIRST_BYTES` are ``first`` may be a spreadsheet, to
    be looked at further: a zip, an OLE file, XML (a .fods), SYLK or DIF text. What costs
    more (unpacking a file in an archive to look) is then spent on these alone."""
    return first.startswith((ZIP_MAGIC, OLE_MAGIC)) or any(
        pattern.match(first) for pattern in (_XML_START, _SYLK, _DIF_START)
    )


def ole_workbook(ends: tuple[bytes, ...], named_a_document: bool = False) -> bool:
    """Whether an OLE file, by its first and last :data:`OLE_END_BYTES` (``ends``), holds an
    Excel 97–2003 workbook (as .xls, or WPS Spreadsheets' .et) or is a password-protected
    Office file, and is no Word or PowerPoint document (which may hold a workbook inside).
    A password-protected Word document is laid out as a password-protected workbook is, and
    what it is cannot be seen until it is opened: when its name says it is a document
    (``named_a_document``: "Method statement.docx"), it is taken for one."""

    def holds(names: tuple[bytes, ...]) -> bool:
        return any(name in end for end in ends for name in names)

    if holds(_DOCUMENT_STREAMS):
        return False
    return holds(_WORKBOOK_STREAMS) or (holds((_ENCRYPTED_PACKAGE,)) and not named_a_document)
