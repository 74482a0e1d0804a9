"""Exit codes across commands, as documented in the README: 0 success, 1 problems in the
inputs, 2 usage error, 3 internal error (traceback in a log file, never on screen)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tendereval.cli import main
from tendereval.tender import Tender
from tests.hostile import corpus

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "carers-short-breaks"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return stopped.value.code, out.out, out.err


@pytest.fixture
def tender(tmp_path: Path) -> Path:
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    return folder


def _commands(folder: Path) -> list[list[str]]:
    return [
        ["validate", str(folder)],
        ["score", str(folder), "--no-sensitivity"],
        ["summaries", str(folder)],
    ]


def test_exit_0_when_the_inputs_are_clean(tender, tmp_path, capsys):
    for argv in [
        *_commands(tender),
        ["template", "bid-return", "--tender", str(tender), "-o", str(tmp_path / "b.xlsx")],
    ]:
        code, out, err = run(argv, capsys)
        assert code == 0, (argv, out, err)


def test_exit_1_names_the_bad_file_and_says_what_to_do(tender, capsys):
    corpus.truncated(tender / "bids", next((tender / "bids").glob("*.xlsx")))
    for argv in _commands(tender):
        code, out, err = run(argv, capsys)
        assert code == 1, (argv, out, err)
        assert "bids/half-downloaded.xlsx" in out + err
    code, out, err = run(["validate", str(tender)], capsys)
    assert "the workbook is damaged or incomplete" in out + err
    assert "ask for it to be sent again" in out + err


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["score", "{missing}"],
        ["summaries", "{missing}"],
        ["validate", "{missing}"],
        ["score", "{tender}", "-o", "report.pdf"],
        ["score", "{tender}", "--samples", "many"],
        ["no-such-command"],
        ["template", "spreadsheet", "--tender", "{tender}"],
    ],
)
def test_exit_2_for_usage_errors(argv, tender, tmp_path, capsys):
    filled = [a.format(missing=tmp_path / "nowhere", tender=tender) for a in argv]
    code, out, err = run(filled, capsys)
    assert code == 2, (filled, out, err)
    assert err.strip()  # says what was wrong


@pytest.mark.parametrize("command", ["validate", "score", "summaries"])
def test_exit_3_for_a_bug_with_the_traceback_in_a_log(
    command, tender, tmp_path, capsys, monkeypatch
):
    logs = tmp_path / "logs"
    logs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(logs))

    def explode(*args, **kwargs):
        raise RuntimeError("simulated bug in the loader")

    monkeypatch.setattr(Tender, "from_frames", classmethod(explode))
    code, _, err = run([command, str(tender)], capsys)
    assert code == 3
    assert "internal error: RuntimeError" in err
    assert "This is a bug in tendereval, not in your files" in err
    [log] = logs.glob("tendereval-crash-*.log")
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "simulated bug in the loader" in text
    assert f"command: tendereval {command} {tender}" in text
