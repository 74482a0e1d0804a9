"""Where an .xlsx's parts are: the workbook, and the parts its relationships name.

An .xlsx is a package (the Open Packaging Conventions): its parts name one another by
relationships, kept in a ``_rels/NAME.rels`` part beside the part they belong to
(``xl/_rels/workbook.xml.rels`` for ``xl/workbook.xml``; ``_rels/.rels`` for the package
itself). Excel opens the part the package's officeDocument relationship names as the
workbook, whatever it is called: nearly always ``xl/workbook.xml``, but a package may keep it
as ``xl/book.xml`` or in another folder, and Excel and LibreOffice open it there.

A relationship's Target is a URI: relative to the folder of the part it belongs to unless it
starts with ``/`` (then from the package's root), percent-encoded (``my%20sheet.xml``), with
``.`` and ``..`` resolved. Some writers give a part from the package's root without the
``/`` (``xl/worksheets/sheet1.xml`` from ``xl/workbook.xml``, which by the rule is
``xl/xl/worksheets/sheet1.xml``); other readers (calamine, ExcelJS, readxl) accept it, so a
Target starting with the top folder of the part it belongs to (``xl/``) names the part from
the root when the file holds no part where the rule puts it. A Target reaching above the
package's root names no part.

Standard library only: the bid readers run in workers.
"""

from __future__ import annotations

import posixpath
import zipfile
from functools import lru_cache
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError, fromstring

from tendereval.io.zipparts import ZipParts

PACKAGE_RELATIONSHIPS = "_rels/.rels"
DEFAULT_WORKBOOK = "xl/workbook.xml"  # where the package has no officeDocument relationship
# A package's own relationships are a few hundred bytes (the workbook and its properties).
MAX_PACKAGE_RELATIONSHIPS_BYTES = 64 * 1024
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN = "officeDocument"  # the last word of its Type, transitional and strict alike


def relationships_of(part: str) -> str:
    """The name of the part holding ``part``'s relationships (``xl/workbook.xml`` →
    ``xl/_rels/workbook.xml.rels``)."""
    folder, file = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{file}.rels")


def looked_for(folder: str, target: str) -> tuple[str, ...]:
    """The parts a relationship's ``target`` can name, from a part in ``folder``, in the
    order they are looked for (see the module docstring): one or two, none above the
    package's root."""
    if len(target) <= _REMEMBERED_TARGET:  # every bid names the same few: worked out once
        return _looked_for(folder, target)
    return _looked_for.__wrapped__(folder, target)


_REMEMBERED_TARGET = 256  # characters: a real Target is a few dozen; no long one is kept


@lru_cache(maxsize=1024)
def _looked_for(folder: str, target: str) -> tuple[str, ...]:
    target = unquote(target)
    names = [target[1:] if target.startswith("/") else posixpath.join(folder, target)]
    top = folder.partition("/")[0].casefold()  # part names are compared ignoring case
    if top and target.casefold().startswith(f"{top}/"):
        names.append(target)  # written from the package's root, without its "/"
    resolved = (posixpath.normpath(name) for name in names)
    return tuple(
        dict.fromkeys(
            name
            for name in resolved
            if name not in (".", "..") and not name.startswith(("../", "/"))
        )
    )


def located(archive: ZipParts, folder: str, target: str) -> tuple[str | None, tuple[str, ...]]:
    """The part of ``archive`` a relationship's ``target`` names, from a part in ``folder``
    (None when the file holds none of them), and the names it was looked for as."""
    looked = looked_for(folder, target)
    for name in looked:
        found = archive.find(name)  # ignoring case, as Excel does
        if found is not None:
            return found, looked
    return None, looked


def workbook_part(archive: ZipParts) -> str | None:
    """The name of the workbook part, as Excel finds it: the part the package's
    officeDocument relationship names; ``xl/workbook.xml`` when the package has no such
    relationship (or no relationships part); None when there is no such part either.

    Raises ValueError saying what is wrong when the relationship names a part the file does
    not hold, when two relationships name a workbook (programs differ on which they open),
    or when the relationships part cannot be read or is larger than any package's."""
    name = archive.find(PACKAGE_RELATIONSHIPS)
    info = archive.info(name) if name is not None else None
    targets = _main_targets(archive, info) if info is not None else ()
    if not targets:
        return archive.find(DEFAULT_WORKBOOK)
    if len(targets) > 1:
        raise ValueError(
            f"the package's relationships ({PACKAGE_RELATIONSHIPS}) name two workbooks "
            f"({targets[0]} and {targets[1]}), and programs differ on which they open"
        )
    found, looked = located(archive, "", targets[0])
    if found is None:
        raise ValueError(
            f"the package's relationships ({PACKAGE_RELATIONSHIPS}) name the workbook "
            f"'{targets[0]}', but the file holds no part {' or '.join(looked) or 'there'}"
        )
    return found


def _main_targets(archive: ZipParts, info: zipfile.ZipInfo) -> tuple[str, ...]:
    """The Targets of the officeDocument relationships in the package's relationships part
    (remembered by the part's digest: bids made from one template share it)."""
    key = archive.digest(info)
    if key is not None and key in _TARGETS:
        return _TARGETS[key]
    if info.file_size > MAX_PACKAGE_RELATIONSHIPS_BYTES:
        raise ValueError(
            f"the package's relationships ({PACKAGE_RELATIONSHIPS}) are larger than any workbook's"
        )
    try:
        root = fromstring(archive.read(info))
    except ParseError as exc:
        raise ValueError(
            f"the package's relationships ({PACKAGE_RELATIONSHIPS}) cannot be read ({exc})"
        ) from None
    targets = tuple(
        element.get("Target", "")
        for element in root
        if element.tag == RELATIONSHIP
        and element.get("Type", "").rpartition("/")[2] == _MAIN
        and element.get("TargetMode", "Internal") == "Internal"
    )
    if key is not None:
        if len(_TARGETS) >= _KEPT:
            del _TARGETS[next(iter(_TARGETS))]
        _TARGETS[key] = targets
    return targets


_TARGETS: dict[bytes, tuple[str, ...]] = {}
_KEPT = 32
