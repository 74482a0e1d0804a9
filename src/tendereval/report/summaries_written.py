"""Where ``summaries`` wrote the assessment summaries, kept in the tender's reports/ folder
(``summaries-written.json``): the folder and the day (in the UK) of each run, the latest last.

The award decision compares the summaries ``decisions.toml`` records as sent with those this
award gives, and they are wherever ``summaries`` wrote them: ``summaries -o "Sent summaries"``
puts them outside reports/summaries. Before this record the decision looked in
reports/summaries alone, found nothing there, and took the summaries sent as standing while
``publish --summaries "Sent summaries"`` found they no longer gave the award (review 36).

The summaries sent on a day are those ``summaries`` last wrote on or before it
(:func:`sent_from`): a folder written to after that day (another copy to read, say) does not
take the place of the one they were sent from.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tendereval.layout import REPORTS_FOLDER

RECORD_FILE = "summaries-written.json"
# The runs kept: enough for any tender's history, and the file stays small.
KEPT = 100


def default_folder(tender: Path) -> Path:
    """Where ``summaries`` writes them unless given another folder."""
    return tender / REPORTS_FOLDER / "summaries"


def record_written(tender: Path, folder: Path, day: dt.date) -> None:
    """Add to the record that ``summaries`` wrote the summaries of the tender in ``tender`` to
    ``folder`` on ``day``. A folder inside the tender's is kept relative to it, so the record
    holds when the tender folder is copied or moved. Raises ``OutputNotWritten``."""
    from tendereval.atomic import write_text

    try:
        kept = folder.resolve().relative_to(tender.resolve()).as_posix()
    except (ValueError, OSError):
        kept = str(folder.resolve())
    runs = [run for run in _runs(tender) if run != (kept, day.isoformat())]
    runs = [*runs, (kept, day.isoformat())][-KEPT:]
    record = {
        "about": "The folders tendereval summaries wrote the assessment summaries to, the "
        "latest last: the award decision compares the summaries recorded as sent with those "
        "in the folder last written to on or before the day they were sent.",
        "written": [{"folder": folder, "on": on} for folder, on in runs],
    }
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    write_text(tender / REPORTS_FOLDER / RECORD_FILE, text)


def written_to(tender: Path) -> list[tuple[Path, dt.date]]:
    """Each run in the record: the folder written to, and the day. A record that cannot be
    read is no record (the summaries are then looked for in reports/summaries)."""
    out = []
    for folder, on in _runs(tender):
        try:
            out.append((tender / folder, dt.date.fromisoformat(on)))
        except ValueError:
            continue
    return out


def sent_from(tender: Path, sent_on: dt.date) -> Path:
    """The folder holding the summaries sent on ``sent_on``: the one ``summaries`` last wrote
    to on or before that day; when it wrote none by then (a day recorded as an earlier one),
    the one it last wrote to; with no record, reports/summaries."""
    runs = written_to(tender)
    by_then = [folder for folder, day in runs if day <= sent_on]
    if by_then:
        return by_then[-1]
    return runs[-1][0] if runs else default_folder(tender)


def _runs(tender: Path) -> list[tuple[str, str]]:
    try:
        record = json.loads((tender / REPORTS_FOLDER / RECORD_FILE).read_text(encoding="utf-8"))
        return [
            (run["folder"], run["on"])
            for run in record["written"]
            if isinstance(run.get("folder"), str) and isinstance(run.get("on"), str)
        ]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return []
