"""The assessment summaries a run writes are one set, sent together: put in place all or none.

Found by a red team: with one supplier's summary open in Excel (it cannot be replaced), the run
stopped at that file with two summaries from this run and four from the earlier one in the
folder, nothing saying which; stopped by Ctrl-C part-way through 800, 404 were new, one naming
Supplier 0000 as the most advantageous tender and another Supplier 0508, neither marked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tendereval
from tendereval import atomic
from tendereval.atomic import SetNotWritten
from tendereval.report import summaries as summaries_module
from tendereval.report.summaries import summary_file_names, write_summaries

EARLIER = b"the earlier run's summary"


@pytest.fixture(scope="module")
def result():
    carers = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
    return tendereval.score(carers, sensitivity=False)


def _earlier_run(result, folder: Path) -> list[Path]:
    folder.mkdir()
    paths = [folder / name for name in sorted(summary_file_names(result).values())]
    for path in paths:
        path.write_bytes(EARLIER)
    return paths


def _folder(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_summary_that_cannot_be_replaced_leaves_the_whole_set_as_it_was(
    result, tmp_path, monkeypatch
):
    folder = tmp_path / "summaries"
    paths = _earlier_run(result, folder)
    locked = paths[2]  # open in Excel: the file cannot be renamed or replaced
    replace = os.replace

    def refusing(src, dst):
        if Path(src) == locked or Path(dst) == locked:
            raise PermissionError(13, "Permission denied")
        return replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", refusing)
    with pytest.raises(SetNotWritten) as raised:
        write_summaries(result, folder)
    # Every file as the earlier run left it, and nothing else: no temporary file, none half new.
    assert _folder(folder) == {path.name: EARLIER for path in paths}
    assert raised.value.path == locked
    assert "None of the 5 files written together was changed" in raised.value.advice()

    monkeypatch.setattr(atomic.os, "replace", replace)
    written = write_summaries(result, folder)
    assert sorted(written) == paths
    assert all(content != EARLIER for content in _folder(folder).values())


def test_a_run_interrupted_part_way_changes_nothing(result, tmp_path, monkeypatch):
    folder = tmp_path / "summaries"
    paths = _earlier_run(result, folder)
    build = summaries_module.build_summary
    built = []

    def interrupted(*args, **kwargs):
        if len(built) == 4:
            raise KeyboardInterrupt
        built.append(args[1])
        return build(*args, **kwargs)

    monkeypatch.setattr(summaries_module, "build_summary", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_summaries(result, folder)
    assert _folder(folder) == {path.name: EARLIER for path in paths}


def test_the_command_says_nothing_was_changed(result, tmp_path, monkeypatch, capsys):
    from tendereval.cli import main

    folder = tmp_path / "summaries"
    paths = _earlier_run(result, folder)
    replace = os.replace

    def refusing(src, dst):
        if Path(dst) == paths[0] or Path(src) == paths[0]:
            raise PermissionError(13, "Permission denied")
        return replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", refusing)
    carers = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
    with pytest.raises(SystemExit) as exited:
        main(["summaries", str(carers), "-o", str(folder)])
    err = capsys.readouterr().err
    assert exited.value.code == 1, err
    assert f"Could not write {paths[0]}" in err
    assert "None of the 5 files written together was changed" in err
    assert _folder(folder) == {path.name: EARLIER for path in paths}
