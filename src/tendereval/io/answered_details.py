"""A contact email or unique identifier the supplier left blank, given by its answer to the
buyer.

Under the Procurement Act each assessment summary gives the supplier's contact email and its
unique identifier (the Procurement Regulations 2024 reg 31(2)(b)-(c)); a bid return leaving
one blank is a warning at its cell, to ask the supplier. The answer goes on the record as a
``[[clarification]]`` at that cell, and from then on it is the supplier's detail wherever the
tender folder is read: the summaries (the supplier's own, and those naming its tender as the
most advantageous) and the award notice give it, and the warning says so. Only there: a
detail is never scored, so filling it in changes no score and no winner.

Applied once the clarifications are shown beside their warnings (award/clarified.py), so a
clarification gives a detail exactly where it answers that warning: same bid, same cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from tendereval.award.clarified import clarification_text, place_of
from tendereval.award.recorded import RecordedClarification
from tendereval.errors import Problem
from tendereval.io.bid_rules import (
    SUMMARIES_WITHOUT,
    SUMMARY_DETAILS_MISSING,
    CheckedBid,
    read_detail,
)
from tendereval.io.ppon import quoted

GIVEN = "its summaries give the supplier's answer to the buyer instead"


def answered_details(
    bids: Iterable[CheckedBid],
    records: Iterable[RecordedClarification],
    problems: list[Problem],
) -> list[Problem]:
    """The supplier rows of ``bids`` (the bids kept; changed in place) given the answer of
    each clarification shown beside a warning that a summary detail is blank, and ``problems``
    with that warning saying the summaries give it. Of two answers to one warning, the one
    answered later (the later recorded, on the same day) is given; an answer that is no email
    address or PPON ("TBC") is read as the cell's text is, and gives nothing, the warning
    quoting it."""
    warned = {
        (p.file, p.sheet, p.cell): i
        for i, p in enumerate(problems)
        if p.code == SUMMARY_DETAILS_MISSING and not p.is_error and p.cell
    }
    if not warned:
        return problems
    out = list(problems)
    rows: dict[tuple[str, str, str], tuple[dict[str, Any], str]] = {}
    for bid in bids:
        for row in bid.rows["suppliers"]:
            for key, place in row.get("detail_cells", {}).items():
                if place in warned and row[key] is None:
                    rows[place] = (row, key)
    # Looked up by cell, not searched: thousands of clarifications, and of warnings.
    at_cell: dict[str, list[tuple[str, int, RecordedClarification]]] = {}
    for n, record in enumerate(records):
        place = place_of(record.cell)
        if place and place[1]:
            at_cell.setdefault(place[1], []).append((record.answered_on, n, record))
    for place, (row, key) in rows.items():
        i = warned[place]
        answers = [
            record.answer
            for *_, record in sorted(at_cell.get(place[2].replace("$", "").upper(), []))
            if clarification_text(record) in out[i].message
        ]
        # Each answer is read by the cell's own rule: "TBC" is no more a PPON there. The
        # latest that gives the detail is given.
        read = [(answer, *read_detail(key, answer)) for answer in answers]
        given = [value for _, value, _ in read if value is not None]
        if given:
            row[key] = given[-1]
            out[i] = replace(
                out[i],
                message=out[i].message.replace(SUMMARIES_WITHOUT, GIVEN, 1),
                expected="nothing more: the summaries give the answer recorded, and the "
                "bid return stays as received",
            )
        elif read:
            answer, _, said = read[-1]
            out[i] = replace(
                out[i],
                message=out[i].message.replace(
                    SUMMARIES_WITHOUT,
                    f"{SUMMARIES_WITHOUT}: the answer recorded, {quoted(answer)}, "
                    f"{said or 'is blank'}",
                    1,
                ),
            )
    return out
