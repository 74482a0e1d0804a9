"""Text as an Excel cell can hold it: the one rule for every workbook tendereval writes.

A cell holds at most 32,767 characters as Excel counts them (UTF-16 code units). Both writers
cut longer text without a word (XlsxWriter for the reports, openpyxl for the templates), so a
reader would take part of a text for the whole. Standard library only: the template builders
use it without loading the report writer.
"""

from __future__ import annotations

CELL_TEXT_LIMIT = 32_767  # what a cell holds, in UTF-16 code units (Excel's limit)


def fitted_text(text: str) -> str:
    """``text`` as a cell can hold it. Longer text (a pasted answer, a bid's hundred problems
    joined, a plan's long guidance) is cut where it must be, and says so and how long it was,
    instead of being cut silently: a reader must never take part of a text for the whole."""
    if _utf16_units(text) <= CELL_TEXT_LIMIT:
        return text
    marker = (
        f" … [cut here: a cell holds at most {CELL_TEXT_LIMIT:,} characters and this text has "
        f"{len(text):,}]"
    )
    room = CELL_TEXT_LIMIT - _utf16_units(marker)
    kept, used = [], 0
    for ch in text:  # by character, so a character outside the BMP is never split in two
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            break
        kept.append(ch)
    return "".join(kept) + marker


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
