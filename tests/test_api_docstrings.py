"""``help(tendereval.score)`` in a notebook (red team round 5, surface S): every function
tendereval exports says in its docstring how it is called, with an example that runs. Before,
none had one; the examples were only in docs/python.md."""

from __future__ import annotations

import doctest
import inspect
import shutil
from pathlib import Path

import tendereval

ROOT = Path(__file__).resolve().parents[1]
# A published tender notice is needed, and the examples have none (tests/ocds/tenders.py
# builds them); docs/ocds.md shows the command.
WITHOUT_EXAMPLE = {"init_from_notice"}


def exported_functions() -> list[str]:
    return [
        name for name in tendereval.__all__ if inspect.isfunction(getattr(tendereval, name, None))
    ]


def files_under(folder: Path) -> set[Path]:
    """The files of ``folder`` but its tenders' reports/ (where summaries notes the folder it
    wrote to, docs/report.md): the inputs."""
    return {p for p in folder.rglob("*") if "reports" not in p.relative_to(folder).parts[1:2]}


def test_every_exported_function_has_an_example_that_runs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    # A copy: the examples' own folder is never written to, reports/ included.
    ignored = shutil.ignore_patterns("reports")
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=ignored)
    before = files_under(tmp_path / "examples")
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    checked = []
    for name in exported_functions():
        if name in WITHOUT_EXAMPLE:
            continue
        tests = finder.find(getattr(tendereval, name), name, globs={})
        examples = sum(len(test.examples) for test in tests)
        assert examples >= 2, f"tendereval.{name} has no example in its docstring"
        for test in tests:
            outcome = runner.run(test)
            assert not outcome.failed, f"the example of tendereval.{name} fails"
        checked.append(name)
    assert len(checked) >= 11, checked
    # The examples write only into out/ (and the tenders' reports/).
    assert files_under(tmp_path / "examples") == before
