"""Reading many bid returns says what it is doing. Found by a red team: `score` printed
nothing for the first 6.6 s while it read 1,000 bid returns (12.9 s on the benchmark tender),
and `validate` nothing for 10.7 s, though docs/scoring.md promises a line once a step takes
more than a second."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval
from tendereval.cli import main
from tendereval.io import tender as tender_module
from tendereval.io.tender import reading_steps

HOMECARE = Path(__file__).resolve().parents[1] / "examples" / "homecare-districts"


def test_a_line_each_tenth_once_reading_takes_a_second(monkeypatch):
    clock = iter(float(second) for second in range(1000))
    monkeypatch.setattr(tender_module.time, "perf_counter", lambda: next(clock))
    lines: list[str] = []
    done = reading_steps(lines.append, 200)  # started at 0 s; each call one second later
    for count in range(1, 201):
        done(count)
    assert lines[:3] == [
        "Reading 200 bid returns and score sheets…",
        "  1 of 200 read (1.0 s)",
        "  20 of 200 read (20.0 s)",
    ]
    assert lines[-1] == "  200 of 200 read (200.0 s)"
    assert len(lines) == 1 + 1 + 10  # the heading, the first count, then each tenth


def test_a_quick_or_small_read_says_nothing():
    lines: list[str] = []
    assert reading_steps(lines.append, 49) is None  # a few files: read before anyone waits
    assert reading_steps(None, 1000) is None
    done = reading_steps(lines.append, 1000)
    done(1)  # well under a second
    assert lines == []


def test_score_and_validate_show_the_reading(monkeypatch, capsys):
    monkeypatch.setattr(tender_module, "READING_SHOWN_FROM", 1)
    monkeypatch.setattr(tender_module, "READING_SHOWN_AFTER", 0.0)
    files = len(list((HOMECARE / "bids").iterdir())) + len(list((HOMECARE / "scores").iterdir()))
    for argv in (["validate", "-q", str(HOMECARE)], ["score", str(HOMECARE), "--no-report"]):
        with pytest.raises(SystemExit):
            main(argv)
        err = capsys.readouterr().err
        assert f"Reading {files} bid returns and score sheets…" in err, argv
        assert f"  {files} of {files} read (" in err, argv
    # And from Python, as the commands do.
    lines: list[str] = []
    tendereval.load_tender(HOMECARE, progress=lines.append)
    assert lines[0] == f"Reading {files} bid returns and score sheets…"
