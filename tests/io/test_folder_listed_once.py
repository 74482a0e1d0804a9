"""The tender folder is listed once in a run, however many names are looked for in it
(io/folder_listing.py).

Found in session 37's leftovers: each near-miss check (io/misnamed.py: the plan, decisions,
the notice, the proxy table, evaluation.xlsx and evaluation/, bids/ and scores/), the archives
found beside the returns and every writer's check of the tender's inputs (inputs.py) listed
the folder again and went through every name in it: 36 listings in one ``score``. With 16,000
files beside the plan (a portal's clarification PDFs) score took 1.7 processor seconds, 32,000
files 3.0 s, against 0.25 s with none; now 0.36 s and 0.49 s.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.io import folder_listing
from tests.example_copies import example_copy


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every folder listed from now on (os.listdir, and os.scandir, which Path.iterdir uses
    from Python 3.12), as an absolute path."""
    listed: list[Path] = []
    for name in ("listdir", "scandir"):
        real = getattr(os, name)

        def counted(path: object = ".", _real=real) -> object:
            listed.append(Path(os.path.abspath(os.fsdecode(path))))  # type: ignore[arg-type]
            return _real(path)

        monkeypatch.setattr(os, name, counted)
    return listed


@pytest.mark.parametrize("command", ["validate", "score", "summaries"])
def test_a_command_lists_the_tender_folder_once(tmp_path, listings, command) -> None:
    folder = example_copy(tmp_path)
    for i in range(20):
        (folder / f"clarification {i:02d}.pdf").write_bytes(b"%PDF")
    run = CliRunner().invoke(cli, [command, str(folder)])
    assert run.exit_code == 0, run.output
    # score: 36 listings before (15 in loading, 4 for each of the 5 checks of its outputs).
    assert listings.count(folder.resolve()) == 1


def test_loading_lists_the_tender_folder_once(tmp_path, listings) -> None:
    folder = example_copy(tmp_path)
    tendereval.load_tender(folder)
    assert listings.count(folder.resolve()) == 1  # 15 before


def test_a_file_saved_between_two_loads_is_seen(tmp_path) -> None:
    """Outside a run nothing is kept: a notebook that saves "decisions (1).toml" after
    loading the tender is told of it on the next load."""
    folder = example_copy(tmp_path)
    assert not any(p.code == "decisions.misnamed" for p in tendereval.load_tender(folder).problems)
    (folder / "decisions (1).toml").write_text("[standstill]\nsummaries_sent_on = 2026-03-02\n")
    again = tendereval.load_tender(folder)
    assert [p.file for p in again.problems if p.code == "decisions.misnamed"] == [
        "decisions (1).toml"
    ]


def test_within_a_run_a_folder_is_listed_once_and_outside_it_each_time(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("")
    with folder_listing.listed_once():
        assert folder_listing.names(tmp_path) == ("a.txt",)
        (tmp_path / "B.txt").write_text("")
        assert folder_listing.names(tmp_path) == ("a.txt",)  # (kept for the run)
        assert folder_listing.by_form(tmp_path, str.casefold) == {"a.txt": ["a.txt"]}
    assert sorted(folder_listing.names(tmp_path)) == ["B.txt", "a.txt"]
    assert folder_listing.by_form(tmp_path, str.casefold) == {
        "a.txt": ["a.txt"],
        "b.txt": ["B.txt"],
    }


def test_a_folder_that_cannot_be_listed_is_not_kept_as_empty(tmp_path) -> None:
    missing = tmp_path / "later"
    with folder_listing.listed_once():
        with pytest.raises(OSError):
            folder_listing.names(missing)
        missing.mkdir()
        (missing / "x").write_text("")
        assert folder_listing.names(missing) == ("x",)
