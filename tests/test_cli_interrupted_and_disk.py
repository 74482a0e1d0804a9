"""An output not written is met with advice that fits why; Ctrl-C is an interruption.

Found by a red team: a full disk (score -o on a 60 KB tmpfs) and a file-size limit (ulimit -f)
were both met with "Is it open in Excel, or is the folder read-only?", which sends the officer
looking for a spreadsheet to close. And Ctrl-C printed "Aborted." with exit 2, which the README
calls a usage error.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import tendereval
from tendereval.atomic import OutputNotWritten
from tendereval.cli import EXIT_INTERRUPTED, INTERRUPTED, main
from tests.example_copies import example_copy

OPEN_IN_EXCEL = "Is it open in Excel, or is the folder read-only?"


def _advice(code: int) -> str:
    return OutputNotWritten(Path("out/report.xlsx"), OSError(code, os.strerror(code))).advice()


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.ENOSPC, "The disk is full: free some space on it"),
        (errno.EDQUOT, "Your share of the disk (its quota) is used up"),
        (errno.EFBIG, "The file is larger than this system lets you write"),
        (errno.EROFS, "The disk is read-only"),
        (errno.ENAMETOOLONG, "The name is longer than the file system allows"),
        (errno.ENOTDIR, "Part of the path is not a folder"),
        (errno.EISDIR, "A folder has that name"),
    ],
)
def test_the_advice_fits_why_the_file_was_not_written(code: int, says: str) -> None:
    advice = _advice(code)
    assert advice.startswith(f"Could not write out/report.xlsx: {os.strerror(code)}. {says}")
    assert OPEN_IN_EXCEL not in advice
    assert advice.endswith("and run the command again.")


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM, errno.EBUSY])
def test_a_file_refused_is_still_asked_about_excel(code: int) -> None:
    """Excel's lock on a file it has open is refused as EACCES on Windows."""
    assert f"{os.strerror(code)}. {OPEN_IN_EXCEL}" in _advice(code)


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="no file-size limit (ulimit -f)")
def test_a_file_size_limit_is_said_as_such(tmp_path: Path) -> None:
    """The red team's ulimit -f 20: the 10 KB a block of 1024 bytes, so no report is written
    (the carers example's is about 40 KB)."""
    folder = example_copy(tmp_path)
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20 * 1024, 20 * 1024))\n"
        "from tendereval.cli import main\n"
        f"main(['score', {str(folder)!r}, '--no-sensitivity'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "File too large. The file is larger than this system lets you write" in done.stderr
    assert OPEN_IN_EXCEL not in done.stderr


def test_ctrl_c_is_an_interruption_not_a_usage_error(tmp_path: Path, monkeypatch, capsys) -> None:
    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("tendereval.scoring.combine.score", stopped)
    with pytest.raises(SystemExit) as exit_info:
        main(["score", str(example_copy(tmp_path))])
    assert exit_info.value.code == EXIT_INTERRUPTED == 130
    err = capsys.readouterr().err
    assert INTERRUPTED in err and "Aborted." not in err
    assert INTERRUPTED.startswith("Interrupted: tendereval stopped before it finished.")


def test_an_interruption_outside_click_is_one_too(monkeypatch, capsys) -> None:
    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(tendereval.cli.cli, "main", stopped)
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 130 and INTERRUPTED in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGTERM/SIGHUP to send")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_run_stopped_by_the_system_or_a_closed_terminal_cleans_up_as_ctrl_c(
    tmp_path: Path, name: str
) -> None:
    """Red team: SIGTERM (a scheduler, the system shutting down) or SIGHUP (the terminal
    closed) in the middle of `summaries` ended the run with no word, leaving complete
    summaries under temporary names, and the lock, in the folder to be sent."""
    folder = example_copy(tmp_path)
    code = (
        "import os, signal, sys\n"
        "import tendereval.atomic as atomic\n"
        "staged, count = atomic._staged, [0]\n"
        "def slow(*args, **kwargs):\n"
        "    count[0] += 1\n"
        "    if count[0] == 4:  # three summaries written aside\n"
        f"        os.kill(os.getpid(), signal.{name})\n"
        "    return staged(*args, **kwargs)\n"
        "atomic._staged = slow\n"
        "from tendereval.cli import main\n"
        f"main(['summaries', {str(folder)!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 128 + getattr(signal, name), done.stderr
    assert f"Stopped ({name}): tendereval was asked to stop before it finished." in done.stderr
    summaries = folder / "reports" / "summaries"
    assert not summaries.exists() or list(summaries.iterdir()) == []


def test_the_signal_handlers_are_put_back_after_a_command(capsys) -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP")
def test_a_run_started_ignoring_sighup_outlives_its_terminal(tmp_path: Path) -> None:
    """Review red team: `nohup tendereval summaries … &` was stopped by SIGHUP when its
    terminal closed: the handler was put over the SIG_IGN that nohup had set."""
    folder = example_copy(tmp_path)
    code = (
        "import os, signal\n"
        "signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as nohup starts it\n"
        "import tendereval.atomic as atomic\n"
        "staged, count = atomic._staged, [0]\n"
        "def slow(*args, **kwargs):\n"
        "    count[0] += 1\n"
        "    if count[0] == 2:\n"
        "        os.kill(os.getpid(), signal.SIGHUP)\n"
        "    return staged(*args, **kwargs)\n"
        "atomic._staged = slow\n"
        "from tendereval.cli import main\n"
        f"main(['summaries', {str(folder)!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(list((folder / "reports" / "summaries").glob("*.xlsx"))) == 5
