"""Files tendereval reads back from reports/ (an award release, the record of where summaries
were written) are read bounded: a named pipe or a deeply nested file there is named or passed
over, never an internal error or a run that waits for ever.

Found by a red team (session 40, rtocds 12): 5,000 nested lists in
reports/old-award-ocds.json made score, summaries and publish stop with a RecursionError
(exit 3); a named pipe of that name made score and publish wait for ever. The same for
reports/summaries-written.json.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import tendereval
from tendereval.earlier_outputs import awarded_in, out_of_date
from tendereval.ocds.publish import _award_days
from tendereval.own_json import read_own_json
from tendereval.report.summaries_written import RECORD_FILE, sent_candidates, written_to
from tests.example_copies import example_copy

DEEP = "[" * 5000 + "]" * 5000
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def test_a_deeply_nested_file_is_no_json(tmp_path: Path) -> None:
    path = tmp_path / "old-award-ocds.json"
    path.write_text(DEEP, encoding="utf-8")
    assert read_own_json(path) == (None, "it nests lists or objects too deeply to read")
    assert awarded_in(path) == {}
    assert _award_days(path, "ocds-abc123-x", {"CSB": "Acme"}) == []


@needs_fifo
def test_a_named_pipe_is_not_opened_to_wait(tmp_path: Path) -> None:
    path = tmp_path / "old-award-ocds.json"
    os.mkfifo(path)
    data, why = read_own_json(path)
    assert data is None and "a named pipe, not a file" in why
    assert awarded_in(path) == {}
    assert _award_days(path, "ocds-abc123-x", {"CSB": "Acme"}) == []


@pytest.mark.parametrize("fifo", [False, True])
def test_the_summaries_record_so_left_is_no_record(tmp_path: Path, fifo: bool) -> None:
    if fifo and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    (tmp_path / "reports").mkdir()
    record = tmp_path / "reports" / RECORD_FILE
    os.mkfifo(record) if fifo else record.write_text(DEEP, encoding="utf-8")
    assert written_to(tmp_path) == []
    assert sent_candidates(tmp_path, dt.date(2026, 12, 1)) == [tmp_path / "reports/summaries"]


@pytest.mark.parametrize("fifo", [False, True])
def test_score_and_publish_name_the_file_and_go_on(tmp_path: Path, fifo: bool) -> None:
    if fifo and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    folder = example_copy(tmp_path)
    (folder / "reports").mkdir(exist_ok=True)
    stray = folder / "reports" / "old-award-ocds.json"
    os.mkfifo(stray) if fifo else stray.write_text(DEEP, encoding="utf-8")
    why = "this is a named pipe, not a file" if fifo else "it nests lists or objects too deeply"
    (warning,) = out_of_date(tendereval.score(folder, sensitivity=False))
    assert warning.startswith(f"{stray} is not read as an award release ({why}")
    assert "not compared with the award decision" in warning
    published = tendereval.publish(folder, ocid_prefix="ocds-abc123")
    assert published.out_of_date == [warning]
