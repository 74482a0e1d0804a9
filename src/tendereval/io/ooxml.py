"""The names of SpreadsheetML's elements as ElementTree reads them.

Transitional OOXML (what Excel writes) and strict OOXML (what Excel writes when asked to, and
some other programs) name the same elements in two namespaces, so every element is looked for
under both. Standard library only: the bid readers run in workers.
"""

from __future__ import annotations

SPREADSHEET_ML = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)


def tags(*local: str) -> frozenset[str]:
    """Each of the ``local`` element names in both namespaces (``{namespace}name``)."""
    return frozenset(f"{{{ns}}}{name}" for ns in SPREADSHEET_ML for name in local)
