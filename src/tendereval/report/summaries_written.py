"""Where ``summaries`` wrote the assessment summaries, kept in the tender's reports/ folder
(``summaries-written.json``): the folder, the day (in the UK) and the sending ``decisions.toml``
recorded then, of each run, the latest last.

The award decision compares the summaries ``decisions.toml`` records as sent with those this
award gives, and they are wherever ``summaries`` wrote them: ``summaries -o "Sent summaries"``
puts them outside reports/summaries. Before this record the decision looked in
reports/summaries alone, found nothing there, and took the summaries sent as standing while
``publish --summaries "Sent summaries"`` found they no longer gave the award (review 36).

The summaries sent on a day may be in any folder ``summaries`` wrote to by then
(:func:`sent_candidates`), and the award decision judges them in each: they stand only if
every such folder gives the award. Taking the folder last written to (review 37) let a copy
written to read, on the day sent or after, become "the summaries sent": the award moved, the
officer wrote a preview with ``-o``, and every command said the summaries sent still stood.
A folder written to after the day sent, or (Procurement Act: the day is recorded once they
are sent) while ``decisions.toml`` already recorded that sending, is no candidate.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from tendereval.layout import REPORTS_FOLDER

RECORD_FILE = "summaries-written.json"
# The runs kept: enough for any tender's history, and the file stays small.
KEPT = 100


def default_folder(tender: Path) -> Path:
    """Where ``summaries`` writes them unless given another folder."""
    return tender / REPORTS_FOLDER / "summaries"


def record_written(tender: Path, folder: Path, day: dt.date, sending: str = "") -> None:
    """Add to the record that ``summaries`` wrote the summaries of the tender in ``tender`` to
    ``folder`` on ``day``, while ``decisions.toml`` recorded ``sending`` (its
    ``summaries_sent_on`` as written, report/summaries.recorded_sending; "" for none). A
    folder inside the tender's is kept relative to it, so the record holds when the tender
    folder is copied or moved. Raises ``OutputNotWritten``."""
    from tendereval.atomic import write_text

    try:
        kept = folder.resolve().relative_to(tender.resolve()).as_posix()
    except (ValueError, OSError):
        kept = str(folder.resolve())
    run = (kept, day.isoformat(), sending)
    runs = [*(earlier for earlier in _runs(tender) if earlier != run), run][-KEPT:]
    record = {
        "about": "The folders tendereval summaries wrote the assessment summaries to, the "
        "latest last, with the sending decisions.toml recorded then: the award decision "
        "compares the summaries recorded as sent with those in every folder written to by "
        "the day they were sent.",
        "written": [
            {"folder": folder, "on": on, **({"sending": sent} if sent else {})}
            for folder, on, sent in runs
        ],
    }
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    write_text(tender / REPORTS_FOLDER / RECORD_FILE, text)


def written_to(tender: Path) -> list[tuple[Path, dt.date, str]]:
    """Each run in the record: the folder written to, the day, and the sending recorded then
    ("" for none, or a record from before it was noted). A record that cannot be read is no
    record (the summaries are then looked for in reports/summaries)."""
    out = []
    for folder, on, sending in _runs(tender):
        try:
            out.append((tender / folder, dt.date.fromisoformat(on), sending))
        except ValueError:
            continue
    return out


def sent_candidates(
    tender: Path, sent_on: dt.date, regime: str = "", sending: str = ""
) -> list[Path]:
    """The folders that may hold the summaries sent on ``sent_on``, each once: every folder
    ``summaries`` wrote to on or before that day. Under any regime but PCR 2015 (where the
    day is recorded before the notices are written) a run made while ``decisions.toml``
    already recorded the sending it records now (``sending``, as written there; default: the
    day) came after it and is left out, unless every run by then was (the day recorded first
    after all). One made while only the day was recorded, a time recorded since, may be the
    summaries sent again that day, so is kept. reports/summaries is one too when it holds
    summaries the record does not name (written before the record was kept); with no run by
    that day it is the only one, as before the record. A later folder is never taken instead:
    an empty or missing candidate leaves the summaries sent unchecked, not judged in a copy."""
    from tendereval.report.summaries import holds_summaries

    runs = written_to(tender)
    by_then = [(folder, then) for folder, day, then in runs if day <= sent_on]
    before = _before_the_record(by_then, sent_on, sending)
    if regime != "PCR2015" and before:
        by_then = before
    default = default_folder(tender)
    found: list[Path] = []
    for folder, _ in by_then:
        if not any(_same(folder, other) for other in found):
            found.append(folder)
    named = any(_same(folder, default) for folder, _, _ in runs)
    if not found or (not named and holds_summaries(default)):
        found.insert(0, default)
    return found


@dataclass(frozen=True)
class RunsBySending:
    """What the record of runs says of the summaries that may have been sent on a day, for
    telling a summary written after they went (report/summaries.written_after_sending):
    ``written_by_then``, that ``summaries`` wrote some on or before that day (so one written
    later, or after the time recorded, is none of them); ``recorded_first``, that the sending
    ``decisions.toml`` records now was recorded before any of them was written (under PCR
    2015 always, its order of steps records the day first; otherwise when every run by that
    day was made while it was already recorded, or none was: the day recorded first after
    all, as :func:`sent_candidates` takes it), else one written while it was already
    recorded came after those sent. With no record (an earlier version, a tender from
    frames) neither is known, and a summary is taken as it was before the record."""

    written_by_then: bool = False
    recorded_first: bool = True


def runs_by_sending(
    tender: Path, sent_on: dt.date, regime: str = "", sending: str = ""
) -> RunsBySending:
    """:class:`RunsBySending` for the sending ``decisions.toml`` records now (``sending``, as
    written there; default: the day ``sent_on``)."""
    by_then = [(folder, then) for folder, day, then in written_to(tender) if day <= sent_on]
    before = _before_the_record(by_then, sent_on, sending)
    return RunsBySending(bool(by_then), regime == "PCR2015" or not before)


def _before_the_record(
    runs: list[tuple[Path, str]], sent_on: dt.date, sending: str
) -> list[tuple[Path, str]]:
    """Those of ``runs`` (folder, the sending recorded then) made before ``decisions.toml``
    recorded the sending it records now (``sending``; default: the day ``sent_on``)."""
    now = sending or sent_on.isoformat()
    return [(folder, then) for folder, then in runs if then != now]


def _same(one: Path, other: Path) -> bool:
    from tendereval.outputs import same_file

    return one == other or same_file(one, other)


def _runs(tender: Path) -> list[tuple[str, str, str]]:
    from tendereval.own_json import read_own_json

    # Read bounded: a named pipe or a deeply nested file left there is no record, never a
    # hang or a crash.
    record = read_own_json(tender / REPORTS_FOLDER / RECORD_FILE).data
    try:
        return [
            (run["folder"], run["on"], sending)
            for run in record["written"]
            if isinstance(run.get("folder"), str)
            and isinstance(run.get("on"), str)
            and isinstance(sending := run.get("sending", ""), str)
        ]
    except (TypeError, KeyError, AttributeError):
        return []
