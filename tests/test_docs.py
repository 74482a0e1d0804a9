"""docs/python.md is a test: every ```python block runs, in order, in one namespace, in a
temporary folder holding a copy of examples/ (so nothing is written into the repository).

A block that raises fails the test, naming the line of the page. A value shown on the page as
``expression  # -> value`` (a Python literal) must be what the expression gives: the page cannot
drift from what the library does.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from tendereval.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
SHOWN = re.compile(r"#\s*->\s*(.+?)\s*$")


def python_blocks(text: str) -> list[tuple[int, str]]:
    """Each ```python block's code, with the page line its first line of code is on."""
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in BLOCK.finditer(text)]


def run_block(code: str, first_line: int, namespace: dict[str, Any], page: str) -> int:
    """Run one block statement by statement; check every ``# -> value`` shown. Returns how
    many shown values were checked."""
    tree = ast.parse(code, filename=page)
    ast.increment_lineno(tree, first_line - 1)
    lines = code.splitlines()
    checked = 0
    for statement in tree.body:
        shown = SHOWN.search(lines[statement.end_lineno - first_line])
        if isinstance(statement, ast.Expr):
            value = eval(compile(ast.Expression(statement.value), page, "eval"), namespace)
            if shown is not None:
                expected = ast.literal_eval(shown.group(1))
                assert value == expected, (
                    f"{page}:{statement.lineno}: the page shows {expected!r}, the code gives "
                    f"{value!r}"
                )
                checked += 1
        else:
            assert shown is None, f"{page}:{statement.lineno}: '# ->' after a statement"
            exec(compile(ast.Module([statement], type_ignores=[]), page, "exec"), namespace)
    return checked


def run_page(text: str, page: str = "docs/python.md") -> int:
    """Run every block of ``text`` in one namespace; polars settings are restored after."""
    namespace: dict[str, Any] = {"__name__": "python_md"}
    with pl.Config():
        return sum(run_block(code, line, namespace, page) for line, code in python_blocks(text))


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if "__pycache__" not in p.parts}


def test_every_example_on_the_python_page_runs(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(
        ROOT / "examples",
        tmp_path / "examples",
        ignore=shutil.ignore_patterns("reports", "__pycache__"),
    )
    monkeypatch.chdir(tmp_path)
    before = files_under(ROOT / "examples") | set(ROOT.iterdir())
    checked = run_page(PAGE.read_text(encoding="utf-8"))
    assert checked >= 40, f"only {checked} values shown on the page were checked"
    assert files_under(ROOT / "examples") | set(ROOT.iterdir()) == before
    assert (tmp_path / "out" / "CSB-evaluation.xlsx").is_file()


def test_every_function_has_a_runnable_example() -> None:
    code = "\n".join(block for _, block in python_blocks(PAGE.read_text(encoding="utf-8")))
    for name in [*COMMANDS, "decide"]:
        assert f"tendereval.{name}(" in code, f"docs/python.md has no example of {name}"
    assert "tendereval.allocation.allocate(" in code


def test_a_block_that_raises_fails_and_names_its_line() -> None:
    page = "Intro.\n\n```python\nx = 1\n```\n\nThen:\n\n```python\ny = x + 1\n1 / 0\n```\n"
    with pytest.raises(ZeroDivisionError) as raised:
        run_page(page, page="page.md")
    last = raised.traceback[-1]
    assert str(last.path) == "page.md" and last.lineno + 1 == 11  # pytest counts from 0


def test_a_value_shown_wrongly_fails() -> None:
    assert run_page("```python\nx = 2\nx + 1  # -> 3\n```\n") == 1
    with pytest.raises(AssertionError, match=re.escape("page.md:3: the page shows 4, the code")):
        run_page("```python\nx = 2\nx + 1  # -> 4\n```\n", page="page.md")
