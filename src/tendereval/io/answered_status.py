"""An SME? or VCSE? answer the supplier left blank, given by its answer to the buyer.

A consortium member's or subcontractor's SME? or VCSE? answer left blank (or unreadable) is
counted as "no" in the second-tier SME and VCSE shares, with a warning to ask the supplier
and record the answer. The answer goes on the record as a ``[[clarification]]`` at that cell
with ``sme = true`` (or ``vcse``), and from then on the entry counts as the supplier answered,
in every output that reads the tender folder (``score``'s shares, the summaries, ``allocate``
and its SME-share rules), its warning saying so. 40% of Oasthouse's work for a subcontractor
the supplier confirmed as an SME stayed counted as not SME work (73.6% against 84.2%), the
warning quoting the answer "Yes … is an SME" beside "counted as not an SME".

Only there: a status is never scored, so filling in one the tender did not give changes no
score and no winner (a tender cannot change after the deadline). A clarification giving a
status at any other cell (a price, an answer scored), or against an answer the tender does
give, is an error at its key and is not applied: what the tender says stands, and a
post-deadline answer must not reverse it (an answer contradicted by the entry's own figures
stays, with its warning, as the bid declared it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from tendereval.award.clarified import place_of
from tendereval.award.recorded import CLARIFIED_STATUSES, RecordedClarification, files_meant
from tendereval.errors import Problem
from tendereval.io.bid_rules import CheckedBid, status_answered, status_unknown
from tendereval.io.keys import supplier_key

_LABELS = {"sme": "SME", "vcse": "VCSE"}


def answered_statuses(
    bids: Iterable[CheckedBid],
    records: Iterable[RecordedClarification],
    problems: list[Problem],
    source: str,
) -> tuple[list[Problem], list[RecordedClarification]]:
    """The supply chain rows of ``bids`` (the bids kept; changed in place) given each status
    a clarification answers for a blank SME? or VCSE? answer, and ``problems`` with that
    answer's warning saying how it now counts and an error for each clarification refused;
    with the clarifications still to be shown beside their warnings (those refused are not
    applied at all). ``source`` names the decisions file in the errors."""
    records = list(records)
    if not any(getattr(r, key) is not None for r in records for key in CLARIFIED_STATUSES):
        return problems, records
    # Looked up, not searched: thousands of clarifications, and of warnings, read in seconds.
    by_file: dict[str, list[dict[str, Any]]] = {}
    by_supplier: dict[str, list[dict[str, Any]]] = {}
    for bid in bids:
        for row in bid.rows["supply_chain"]:
            by_file.setdefault(row["source"], []).append(row)
            by_supplier.setdefault(supplier_key(row["supplier"] or ""), []).append(row)
    at: dict[tuple[str, str, str], list[int]] = {}
    for i, problem in enumerate(problems):
        if not problem.is_error:
            at.setdefault((problem.file, problem.sheet, problem.cell), []).append(i)
    out, kept = list(problems), []
    for record in records:
        given = [key for key in CLARIFIED_STATUSES if getattr(record, key) is not None]
        if record.file:  # by the bid file it names (the one it means), else by its supplier
            meant = files_meant(record.file, by_file)
            rows = by_file[meant[0]] if len(meant) == 1 else []
        else:
            rows = by_supplier.get(supplier_key(record.supplier), [])
        if not given or not rows:
            # Naming no bid: the clarification says so (award/clarified.py).
            kept.append(record)
            continue
        refused = [_refused(record, key, rows, source) for key in given]
        if any(refused):
            out.extend(problem for problem in refused if problem)
            continue
        for key in given:
            row = _at(record, key, rows)
            warnings = at.get((row["source"], _sheet(row), row[f"{key}_cell"]), [])
            _answer(row, key, getattr(record, key), out, warnings)
        kept.append(record)
    return out, kept


def _sheet(row: dict[str, Any]) -> str:
    return (row.get("cell") or "").rpartition(" › ")[0]


def _at(record: RecordedClarification, key: str, rows: list[dict[str, Any]]) -> dict | None:
    """The row whose ``key`` answer (SME? or VCSE?) is at the record's cell, if any."""
    place = place_of(record.cell)
    if not place or not place[1]:
        return None
    sheet, cell = place
    return next(
        (
            row
            for row in rows
            if (row.get(f"{key}_cell") or "").replace("$", "").upper() == cell
            and (not sheet or _sheet(row).casefold() == sheet)
        ),
        None,
    )


def _refused(
    record: RecordedClarification, key: str, rows: list[dict[str, Any]], source: str
) -> Problem | None:
    """The error refusing ``record``'s status ``key``: at a cell that is no SME? (VCSE?)
    answer of the bid's supply chain, or at one the tender answers."""
    label, value = _LABELS[key], getattr(record, key)
    given = f"{key} = {'true' if value else 'false'}"
    row = _at(record, key, rows)
    if row is None:
        a = f"{'an' if key == 'sme' else 'a'} {label}?"
        return Problem(
            f"the clarification gives {given}, but "
            + (f"{record.cell} is not" if record.cell.strip() else "it names no cell of")
            + f" {a} answer on {record.supplier}'s Supply chain sheet: a clarification gives "
            f"a status only for {a} answer left blank or unreadable there, never for a price, "
            "a scored answer or any other cell (a tender cannot change after the deadline), so "
            "it was not applied",
            file=source,
            cell=f"{record.where}.{key}" if record.where else "clarification",
            found=record.cell or given,
            expected=f"the cell of the {label}? answer the warning names, as score lists it "
            f'(such as cell = "Supply chain › F5"); or {key} left out, to record the answer only',
            code="decisions.clarification_status",
        )
    if row[key] is None:
        return None
    return Problem(
        f"the clarification gives {given}, but the tender answers {label}? "
        f"{'yes' if row[key] else 'no'} for {row['name'] or 'the organisation'} there: a "
        "clarification gives a status only where the supplier gave none (left blank or "
        "unreadable), never in place of the tender's own answer, so it was not applied",
        file=source,
        cell=f"{record.where}.{key}" if record.where else "clarification",
        found=f"{_sheet(row)} › {row[f'{key}_cell']}".lstrip(" ›"),
        expected=f"{key} left out: the answer is then shown beside any warning at the cell, "
        "and the tender's answer counts as given",
        code="decisions.clarification_stated",
    )


def _answer(
    row: dict[str, Any], key: str, value: bool, problems: list[Problem], warnings: list[int]
) -> None:
    """``row`` counted with the supplier's answer ``value``, and its warning at the cell (of
    ``warnings``, the places in ``problems`` of those there) saying so in place of "counted
    as not … until the supplier says which"."""
    row[key] = value
    who = row["name"] or "the organisation"
    unknown, answered = status_unknown(who, _LABELS[key]), status_answered(who, _LABELS[key], value)
    for i in warnings:
        if unknown in problems[i].message:
            problems[i] = replace(
                problems[i],
                message=problems[i].message.replace(unknown, answered),
                expected="nothing more: the answer is recorded, and the bid return stays as "
                "received",
            )
