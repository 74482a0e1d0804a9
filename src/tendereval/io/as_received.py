"""A return kept as received (an .xls, .ods …) beside the .xlsx it was saved as in bids/.

tendereval advises saving a return sent in another format as .xlsx in bids/; the one
received then stays in the portal's zip or a folder not read, under the same name but for
its extension ("weald.xls" beside bids/weald.xlsx), and is no bid left out. But a portal
names every return alike: a late bid kept as bids/late/Response.xls, beside another
supplier's on-time bids/Response.xlsx, was taken by its name alone for that return as
received, a warning, and the late bid was lost. So the name is not enough: the one received
must also be the same supplier's (or evaluator's) return, by what identifies it on its form
(the organisation's legal name, company and charity numbers and contact email; an
evaluator's name and role), each as the .xlsx read gives it.

An .xlsm is read as the .xlsx is. The others cannot be (an .xls, an .ods), so the text of
each of those answers must be found among what the file holds: as Excel 97–2003 stores text
(one byte a letter, or two), or as an OpenDocument or .xlsb package stores it, once its
parts are unpacked, within bounds. What cannot be found (a .numbers file's compressed parts,
a name typed otherwise) is not the same return: it may be a bid, and is said as one.
"""

from __future__ import annotations

import functools
import io
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from tendereval import layout
from tendereval.errors import Problem
from tendereval.io.files import read_input
from tendereval.io.formats import OLE_MAGIC, ZIP_MAGIC
from tendereval.io.raw import Row
from tendereval.io.safety import MAX_FILE_BYTES, MAX_PARTS, MAX_UNCOMPRESSED_BYTES

if TYPE_CHECKING:  # the reader: imported only when a workbook is looked into
    from tendereval.io.workbook import Book

# Formats a return may be saved in that Excel's Save As makes an .xlsx of, as tendereval
# advises for an .xls: the one received is then kept beside the .xlsx in bids/.
CONVERTED_FROM = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers")
# What identifies a return, on its form: the first must be given.
_IDENTITY = {
    layout.BIDS_FOLDER: ("legal_name", "company_number", "charity_number", "contact_email"),
    layout.SCORES_FOLDER: ("evaluator", "role"),
}
_UNPACKED_PER_BYTE = 50
_SHORTEST = 3  # characters of a name worth looking for: "A" is in any file


def converted(name: str, beside: Iterable[Path]) -> Path | None:
    """The .xlsx among ``beside`` (the files read in bids/) whose name is that of the
    workbook ``name`` (an .xls, .xlsm, .ods …, in a zip or a folder not read) but for
    ``.xlsx``, compared in any case and however an accent is stored; None when there is none.
    That it is the return saved as it is :func:`same_return`'s to say."""
    stem, dot, suffix = name.rpartition("/")[2].rstrip(" .").rpartition(".")
    if not dot or f".{suffix.casefold()}" not in CONVERTED_FROM:
        return None
    wanted = _compared(f"{stem}.xlsx")
    return next((path for path in beside if _compared(path.name) == wanted), None)


def _compared(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def same_return(data: bytes, label: str, saved_as: Path, folder: str) -> bool:
    """Whether ``data`` (the workbook ``label``, as received) is the return read as
    ``saved_as`` in ``folder``/: what identifies that return (see the module) is in it."""
    try:
        state = saved_as.stat()
    except OSError:
        return False
    identity = _identity_of(saved_as, state.st_size, state.st_mtime_ns, folder)
    if not identity:
        return False
    received = _identity(data, label, folder)
    if received is not None:  # (an .xlsm: read as the .xlsx is)
        return received == identity
    texts = list(_texts(data))
    return bool(texts) and all(_found(answer, texts) for answer in identity.values())


@functools.lru_cache(maxsize=16)
def _identity_of(path: Path, size: int, changed: int, folder: str) -> dict[str, str] | None:
    """:func:`_identity` of the file at ``path`` read in ``folder``/, of ``size`` bytes last
    ``changed`` then: read once however many workbooks kept elsewhere share its name (a
    portal's folder per supplier, each holding "Response.xls")."""
    read = read_input(path, path.name, MAX_FILE_BYTES, "workbook")
    return None if isinstance(read, Problem) else _identity(read.data, path.name, folder)


def _identity(data: bytes, label: str, folder: str) -> dict[str, str] | None:
    """The answers identifying the return whose bytes are ``data``, by field; None when it
    cannot be opened as a workbook; empty when its first answer (a legal name) is not text."""
    from tendereval.io.workbook import open_book_bytes  # (the reader: only when needed)

    book = open_book_bytes(data, label)
    if book is None:
        return None
    try:
        with book:
            form = _form(book, label, folder)
    except Exception:  # any failure to read it: not known to be the same return
        return {}
    fields = _IDENTITY.get(folder, ())
    answers = {
        key: value.strip()
        for key in fields
        if key in form and isinstance(value := form[key].value, str) and value.strip()
    }
    if not fields or len(answers.get(fields[0], "")) < _SHORTEST:
        return {}
    return answers


def _form(book: Book, label: str, folder: str) -> Row:
    if folder == layout.BIDS_FOLDER:
        from tendereval.io.bids import bid_in

        return bid_in(book, label).organisation
    from tendereval.io.raw import RawScoreSheet
    from tendereval.io.scores import score_file_in

    sheet = score_file_in(book, label)
    return (sheet.declaration or {}) if isinstance(sheet, RawScoreSheet) else {}


def _texts(data: bytes) -> Iterable[bytes]:
    """What a workbook no reader here opens holds, to look for text in: an Excel 97–2003
    file's own bytes; a package's parts, each unpacked within bounds."""
    if data.startswith(OLE_MAGIC):
        yield data
    elif data.startswith(ZIP_MAGIC):
        yield from _parts(data)


def _parts(data: bytes) -> Iterable[bytes]:
    """The parts of the package ``data``, unpacked to no more than a few times its own size
    in all (a spreadsheet's text compresses tenfold, not a thousandfold)."""
    left = min(MAX_UNCOMPRESSED_BYTES, _UNPACKED_PER_BYTE * len(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for info in package.infolist()[:MAX_PARTS]:
                if info.is_dir() or left <= 0:
                    continue
                with package.open(info) as part:
                    unpacked = part.read(min(left, MAX_FILE_BYTES) + 1)  # (never past a bound)
                left -= len(unpacked)
                yield unpacked
    except Exception:  # a damaged or hostile package: what it holds is not known
        return


def _found(answer: str, texts: list[bytes]) -> bool:
    """Whether ``answer`` is in one of ``texts``, written as an Excel 97–2003 file writes
    text (one byte a letter when it can, else two) or as a package's XML or binary parts do."""
    quoted = escape(answer, {'"': "&quot;", "'": "&apos;"})
    forms = {answer, escape(answer), quoted}
    forms = {text.encode("utf-8") for text in forms} | {answer.encode("utf-16-le")}
    if all(ord(letter) < 256 for letter in answer):  # (Excel 97's one byte a letter)
        forms.add(answer.encode("latin-1"))
    return any(form in text for text in texts for form in forms)
