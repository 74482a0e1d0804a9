"""Rewriting a workbook's text the way Excel saves it: in a shared strings table.

openpyxl (and so every workbook the tests and examples build) writes each text cell inline
(``t="inlineStr"``); Excel writes each distinct text once in ``xl/sharedStrings.xml`` and
points to it (``t="s"``). :func:`with_shared_strings` turns the first form into the second,
rich enough to test the reader on the form suppliers actually send.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(source: Path, target: Path) -> Path:
    """A copy of ``source`` whose inline text cells use a shared strings table."""
    register_namespace("", MAIN)
    strings: dict[str, int] = {}
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            parts[name] = _share(data, strings)
    sst = Element(f"{{{MAIN}}}sst", count=str(len(strings)), uniqueCount=str(len(strings)))
    for text in strings:  # dicts keep insertion order: index order
        t = SubElement(SubElement(sst, f"{{{MAIN}}}si"), f"{{{MAIN}}}t")
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    parts["xl/sharedStrings.xml"] = tostring(sst, xml_declaration=True, encoding="UTF-8")
    parts["[Content_Types].xml"] = _add(
        parts["[Content_Types].xml"],
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHARED_TYPE}"/>',
    )
    parts["xl/_rels/workbook.xml.rels"] = _add(
        parts["xl/_rels/workbook.xml.rels"],
        f'<Relationship Id="rIdShared" Type="{_SHARED_REL}" Target="sharedStrings.xml"/>',
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _share(sheet: bytes, strings: dict[str, int]) -> bytes:
    root = fromstring(sheet)
    for cell in root.iter(f"{{{MAIN}}}c"):
        if cell.get("t") != "inlineStr":
            continue
        inline = cell.find(f"{{{MAIN}}}is")
        texts = [] if inline is None else inline.iter(f"{{{MAIN}}}t")
        text = "".join(t.text or "" for t in texts)
        for child in list(cell):
            cell.remove(child)
        cell.set("t", "s")
        SubElement(cell, f"{{{MAIN}}}v").text = str(strings.setdefault(text, len(strings)))
    return tostring(root, xml_declaration=True, encoding="UTF-8")


def _add(xml: bytes, element: str) -> bytes:
    """``element`` added as the last child of the part's root."""
    text = xml.decode("utf-8")
    end = text.rindex("</")
    return (text[:end] + element + text[end:]).encode("utf-8")
