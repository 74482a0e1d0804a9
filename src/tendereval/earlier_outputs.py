"""Outputs an earlier run left in the tender's ``reports/`` folder that no longer match the
award decision: said, never left silently stale.

After a withdrawal (or a corrected score sheet) ``summaries`` and ``publish`` decide again, but
the evaluation report written on Monday still recommends the supplier who withdrew, and an award
release publish cannot replace yet still awards the lot to it (docs/award.md: no two outputs may
name different winners). Each deciding command looks at the outputs of the other kinds it finds
there, and says which no longer match, with what differs. Only what can be checked reliably and
cheaply is looked at:

* the evaluation report (``<tender id>-evaluation.xlsx``): the SHA-256 of every input its Audit
  sheet records, against those the award was decided from. Other inputs need not name another
  winner, but what the report says was never worked out from these files;
* an award release (``…-award-ocds.json`` and ``…-internal.json``): the supplier each award in
  it names, against the award decision's. The releases kept as the record of a standstill run
  (``…-published-<day>.json``) are history, and are not looked at.

A file that cannot be read as one of these is left alone: nothing is said of it, unless it is
no file at all (a named pipe), too large or nested too deeply to read, which no run of
tendereval writes: that is named, and the file is never read in a way that could hang or crash.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from tendereval.award.decision import NO_AWARD, UNDECIDED
from tendereval.award.recorded import in_name_order
from tendereval.inputs import from_here
from tendereval.layout import REPORTS_FOLDER
from tendereval.ocds.parties import published_text
from tendereval.outputs import same_file
from tendereval.own_json import NOT_JSON as _NOT_JSON
from tendereval.own_json import read_own_json
from tendereval.scoring.result import ScoreResult
from tendereval.wording import counted

_SHA256 = re.compile(r"[0-9a-f]{64}")
_INPUTS_HEADER = ("File", "Kind", "SHA-256")
# Inputs named in a warning; the others counted.
NAMED = 3


def out_of_date(result: ScoreResult, writing: Iterable[Path | None] = ()) -> list[str]:
    """A warning for each output in the tender's reports/ folder that no longer matches
    ``result``: an evaluation report written from other inputs, an award release awarding a
    lot otherwise. ``writing``: the files this run writes (replaced, so not out of date)."""
    if result.folder is None or result.plan is None:
        return []
    reports = result.folder / REPORTS_FOLDER
    if not reports.is_dir():
        return []
    replaced = [path for path in writing if path is not None]
    return [
        *_report_from_other_inputs(result, reports, replaced),
        *_releases_of_another_award(result, reports, replaced),
    ]


def _replaced(path: Path, replaced: list[Path]) -> bool:
    return any(same_file(path, other) for other in replaced)


# ---- The evaluation report -------------------------------------------------------------------


def _report_from_other_inputs(
    result: ScoreResult, reports: Path, replaced: list[Path]
) -> list[str]:
    from tendereval.layout import default_report_path

    path = default_report_path(result.folder, result.plan.tender_id)
    if _replaced(path, replaced) or not path.is_file():
        return []
    recorded = recorded_inputs(path)
    if not recorded:
        return []
    now = dict(result.inputs.select("path", "sha256").iter_rows())
    changed = sorted(
        (name for name in now.keys() & recorded.keys() if now[name] != recorded[name]),
        key=in_name_order,
    )
    added = sorted(now.keys() - recorded.keys(), key=in_name_order)
    removed = sorted(recorded.keys() - now.keys(), key=in_name_order)
    if not (changed or added or removed):
        return []
    differs = "; ".join(
        f"{what}: {_names(names)}"
        for what, names in (("changed", changed), ("new", added), ("gone", removed))
        if names
    )
    return [
        f"{from_here(path)} was written from other inputs than this award was decided from "
        f"(its Audit sheet records their SHA-256; since then, {differs}), so the scores and "
        "the award it gives may not be these: score the tender again (tendereval score) to "
        "bring it up to date, or set it aside."
    ]


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:NAMED])
    rest = len(names) - NAMED
    return shown + (f" and {counted(rest, 'other')}" if rest > 0 else "")


def recorded_inputs(path: Path) -> dict[str, str]:
    """The input files (path → SHA-256) the Audit sheet of the evaluation report at ``path``
    records; empty when the file is not a report whose Audit sheet can be read."""
    from tendereval.io.xlsx import Workbook

    try:
        with Workbook(path) as book:
            if "Audit" not in book.sheet_names:
                return {}
            return _input_table(book, book.rows("Audit", max_col=3))
    except (OSError, ValueError, KeyError, IndexError, zipfile.BadZipFile, ParseError):
        return {}


def _input_table(book: Any, rows: Iterable[tuple[int, dict]]) -> dict[str, str]:
    """The rows under the Input files table's header: file and SHA-256, until the first row
    that is not one."""
    found: dict[str, str] = {}
    inside = False
    for _, cells in rows:
        texts = tuple(book.text(cells[c]) if c in cells else None for c in (1, 2, 3))
        if not inside:
            inside = texts == _INPUTS_HEADER
            continue
        name, _, digest = texts
        if not name or not digest or not _SHA256.fullmatch(digest):
            break
        found[name] = digest
    return found


# ---- Award releases --------------------------------------------------------------------------


def _releases_of_another_award(
    result: ScoreResult, reports: Path, replaced: list[Path]
) -> list[str]:
    from tendereval.ocds.publish import FIRST_PUBLISHED

    kept = FIRST_PUBLISHED.split("{", 1)[0]
    warnings = []
    for path in sorted(reports.glob("*-award-ocds*.json")):
        if kept in path.stem or _replaced(path, replaced):
            continue
        package, why = read_own_json(path)
        if why and not why.startswith(_NOT_JSON):
            # Not a file (a named pipe), too large or nested too deeply: something other than
            # an earlier run put it there, so it is named rather than passed over silently.
            warnings.append(
                f"{from_here(path)} is not read as an award release ({why}), so it is not "
                "compared with the award decision: remove it, or put the release there."
            )
            continue
        awarded = _awarded(package).items()
        differs = [_lot_differs(lot, named, result) for lot, named in awarded]
        differs = [words for words in differs if words]
        if differs:
            warnings.append(
                f"{from_here(path)}, an award release written by an earlier run, no longer "
                f"matches the award decision: {'; '.join(differs)}. Publish the award again "
                "(tendereval publish) once it can be; if that release was published, the "
                "notice published names the earlier award too."
            )
    return warnings


def _lot_differs(lot: str, named: tuple[str, ...], result: ScoreResult) -> str:
    """What differs between a lot's award in a release (the suppliers it names) and the
    decision's; "" when they agree."""
    award = result.award.lots.get(lot)
    now = (award.supplier,) if award is not None and award.awarded and award.supplier else ()
    if tuple(map(published_text, now)) == named:  # (a release publishes names cleaned)
        return ""
    then = " and ".join(named) or "no one"
    if award is None:
        return f"it awards lot {lot} to {then}, a lot the plan no longer has"
    if now:
        return f"it awards lot {lot} to {then}, the decision now to {now[0]}"
    now_words = _NOW.get(award.outcome, "decided otherwise")
    return f"it awards lot {lot} to {then}, but the lot is now {now_words}"


_NOW = {UNDECIDED: "undecided", NO_AWARD: "not to be awarded"}


def awarded_in(path: Path) -> dict[str, tuple[str, ...]]:
    """Each lot an award release package awards, and the suppliers it names (none for a lot
    not awarded), from its last release; empty when the file cannot be read as one."""
    return _awarded(read_own_json(path).data)


def _awarded(package: Any) -> dict[str, tuple[str, ...]]:
    try:
        releases = package.get("releases") or [{}]
        return {
            lot: tuple(supplier["name"] for supplier in award.get("suppliers", ()))
            for award in releases[-1].get("awards", ())
            for lot in award.get("relatedLots", ())
        }
    except (ValueError, TypeError, AttributeError, KeyError):
        return {}
