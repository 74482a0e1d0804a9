"""The command line reads file names as UTF-8 whatever the locale's character set.

Red team: under ``LANG=en_GB`` (glibc's ISO-8859-1 locale) the bid return
``wëald-carers-trust.xlsx`` was read as ``wÃ«ald-carers-trust.xlsx``: the withdrawal in
decisions.toml naming it was an error ("not among the bid returns"), the lot was proposed for
award to the withdrawn Weald, and the report's Audit sheet named a file that is not there.
Under every UTF-8 locale it was right.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tendereval import utf8mode
from tendereval.utf8mode import command_again, should_start_again

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"


@pytest.mark.parametrize(
    ("utf8_mode", "file_names_in", "posix", "started_again", "again"),
    [
        (False, "iso8859-1", True, False, True),  # LANG=en_GB: started again
        (False, "ISO-8859-15", True, False, True),
        (False, "utf-8", True, False, False),  # LANG=en_GB.UTF-8: nothing to do
        (False, "UTF8", True, False, False),  # the same, spelled otherwise
        (True, "utf-8", True, False, False),  # python -X utf8, PYTHONUTF8=1
        (False, "iso8859-1", True, True, False),  # started again once: never twice
        (False, "mbcs", False, False, False),  # Windows: not a POSIX system
        (False, "no-such-charset", True, False, True),
    ],
)
def test_whether_the_command_line_starts_itself_again(
    utf8_mode: bool, file_names_in: str, posix: bool, started_again: bool, again: bool
) -> None:
    assert (
        should_start_again(
            utf8_mode=utf8_mode,
            file_names_in=file_names_in,
            posix=posix,
            started_again=started_again,
        )
        is again
    )


def test_started_again_with_the_same_command_line_in_utf8_mode() -> None:
    started_with = ["python3", "-W", "error", "/venv/bin/tendereval", "score", "wëald", "-o", "x"]
    assert command_again("/venv/bin/python3", started_with) == [
        "/venv/bin/python3",
        "-X",
        "utf8",
        "-W",
        "error",
        "/venv/bin/tendereval",
        "score",
        "wëald",
        "-o",
        "x",
    ]


@pytest.mark.parametrize("as_tendereval", [True, False])
def test_only_the_command_line_started_as_tendereval_is_started_again(
    monkeypatch: pytest.MonkeyPatch, as_tendereval: bool
) -> None:
    """``python -m tendereval`` and the ``tendereval`` script start themselves again; a
    notebook or a program calling the command line is never replaced."""
    started: list[tuple[str, list[str], dict[str, str]]] = []
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "iso8859-1")
    monkeypatch.setattr(utf8mode, "_started_as_tendereval", lambda: as_tendereval)
    monkeypatch.setattr(os, "execve", lambda *args: started.append(args))
    monkeypatch.delenv(utf8mode.STARTED_AGAIN, raising=False)
    if sys.flags.utf8_mode or os.name != "posix":
        pytest.skip("these tests run in UTF-8 mode already (PYTHONUTF8=1), or not on POSIX")
    utf8mode.in_utf8_mode()
    if not as_tendereval:
        assert started == []
        return
    [(executable, argv, environment)] = started
    assert executable == sys.executable
    assert argv == [sys.executable, "-X", "utf8", *sys.orig_argv[1:]]
    assert environment[utf8mode.STARTED_AGAIN] == "1"
    assert environment["PYTHONIOENCODING"] == utf8mode.terminal_encoding()


def test_started_again_it_takes_the_mark_out_of_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "iso8859-1")
    monkeypatch.setattr(utf8mode, "_started_as_tendereval", lambda: True)
    monkeypatch.setattr(os, "execve", lambda *args: pytest.fail("started a third time"))
    monkeypatch.setenv(utf8mode.STARTED_AGAIN, "1")
    utf8mode.in_utf8_mode()
    assert utf8mode.STARTED_AGAIN not in os.environ


@pytest.fixture(scope="module")
def latin1_locale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a computer whose locale is en_GB in ISO-8859-1, as glibc's LANG=en_GB
    is: the locale built into a private folder (LOCPATH), so nothing is installed."""
    if shutil.which("localedef") is None:
        pytest.skip("localedef (glibc) is not here to build an ISO-8859-1 locale")
    folder = tmp_path_factory.mktemp("locales")
    subprocess.run(
        ["localedef", "-i", "en_GB", "-f", "ISO-8859-1", str(folder / "en_GB")],
        capture_output=True,
    )  # (exit 1 for warnings alone: whether it is usable is asked below)
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON"))},
        "LANG": "en_GB",
        "LOCPATH": str(folder),
    }
    asked = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"],
        env=environment,
        capture_output=True,
        text=True,
    )
    if asked.stdout.strip() != "iso8859-1":
        pytest.skip(f"the ISO-8859-1 locale could not be built here ({asked.stdout.strip()})")
    return environment


@pytest.mark.parametrize("started_as", ["script", "module"])
def test_a_file_name_with_an_accent_is_the_same_under_a_latin1_locale(
    tmp_path: Path, latin1_locale: dict[str, str], started_as: str
) -> None:
    folder = tmp_path / "carers"
    shutil.copytree(CARERS, folder, ignore=shutil.ignore_patterns("reports"))
    (folder / "bids" / "weald-carers-trust.xlsx").rename(
        folder / "bids" / "wëald-carers-trust.xlsx"
    )
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "bids/wëald-carers-trust.xlsx"\nwithdrawn_on = 2026-03-03\n'
        'note = "Withdrew its tender by email"\n',
        encoding="utf-8",
    )
    script = Path(sys.executable).with_name("tendereval")
    if started_as == "script" and not script.exists():
        pytest.skip("no tendereval script beside this Python")
    command = [str(script)] if started_as == "script" else [sys.executable, "-m", "tendereval"]
    done = subprocess.run(
        [*command, "score", str(folder), "--no-sensitivity"],
        env=latin1_locale,
        capture_output=True,
    )
    said = done.stdout.decode("iso8859-1")  # shown in the terminal's character set, as before
    assert done.returncode == 0, said + done.stderr.decode("iso8859-1")
    assert "proposed for award to Brightwater Care Services Ltd" in said
    assert "\\u2014" in said  # a dash Latin-1 has no code for: escaped, as before
    assert "×" in said  # one it has: written in Latin-1 (a single byte, 0xD7)
    book = openpyxl.load_workbook(folder / "reports" / "csb-2026-01-evaluation.xlsx")
    named = {
        cell
        for row in book["Audit"].iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str) and cell.startswith("bids/w")
    }
    assert named == {"bids/wëald-carers-trust.xlsx"}
