"""A usage error quotes the argument given escaped, as every other message prints a value: an
escape sequence is shown, never acted on by the terminal, nor stripped by click into another,
valid-looking value. init --from-notice on a named pipe says what is there.

Found by a red team (session 40, rtocds 6): ``publish --ocid-prefix $'ocds-abc123\\e]0;pwned\\a'``
retitled the terminal window; off a terminal click stripped the sequence, so the message read
"'ocds-abc123' is not an OCDS prefix"; init --from-notice on a named pipe said "there is no
notice file".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tendereval.cli import main
from tests.example_copies import example_copy


def _usage_error(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("ocds-abc123\x1b]0;pwned\x07", r"'ocds-abc123\x1b]0;pwned\x07' is not an OCDS prefix"),
        ("ocds-abc123\x1b[2J", r"'ocds-abc123\x1b[2J' is not an OCDS prefix"),
        ("ocds-abc123\u200b", r"'ocds-abc123\u200b' is not an OCDS prefix"),
    ],
)
def test_an_argument_in_a_usage_error_is_shown_escaped(tmp_path: Path, capsys, given, shown):
    folder = example_copy(tmp_path)
    err = _usage_error(["publish", str(folder), "--ocid-prefix", given], capsys)
    assert shown in err
    assert "\x1b" not in err and "\u200b" not in err


def test_a_folder_name_in_a_usage_error_is_shown_escaped(capsys) -> None:
    err = _usage_error(["validate", "no\u202esuch\x1b[31mdir"], capsys)
    assert r"there is no tender folder at no\u202esuch\x1b[31mdir" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_init_from_a_named_pipe_says_it_is_not_a_file(tmp_path: Path, capsys) -> None:
    pipe = tmp_path / "notice.json"
    os.mkfifo(pipe)
    err = _usage_error(["init", str(tmp_path / "new"), "--from-notice", str(pipe)], capsys)
    assert f"{pipe} is a named pipe, not a file, so it was not read as the notice" in err
    assert not (tmp_path / "new").exists()
