"""docs/python.md is a test: every ```python block runs, in order, in one namespace, in a
temporary folder holding a copy of examples/ (so nothing is written into the repository).

A block that raises fails the test, naming the line of the page. What the page shows must be
what the code gives, so the page cannot drift from the library:

* ``expression  # -> value`` (a Python literal): the expression's value;
* comment lines straight after a statement: what it prints, or the table an expression gives
  (compared with runs of spaces and line breaks taken as one space; a shown output ending in
  ``…`` is the start of the output).
"""

from __future__ import annotations

import ast
import contextlib
import io
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


def normalise(text: str) -> str:
    return " ".join(text.split())


def shown_after(lines: list[str], index: int) -> str | None:
    """The output shown as comment lines from ``lines[index]`` on (None when there is none)."""
    shown = []
    for line in lines[index:]:
        if not line.lstrip().startswith("#"):
            break
        shown.append(line.lstrip()[1:])
    return normalise("\n".join(shown)) if shown else None


def displayed(value: object) -> str:
    """What a notebook shows for an expression's value: a table as polars prints it."""
    if value is None:
        return ""
    return str(value) if isinstance(value, pl.DataFrame) else repr(value)


def run_block(code: str, first_line: int, namespace: dict[str, Any], page: str) -> int:
    """Run one block statement by statement and check what the page shows; returns how many
    shown values and outputs were checked."""
    tree = ast.parse(code, filename=page)
    ast.increment_lineno(tree, first_line - 1)
    lines = code.splitlines()
    checked = 0
    for statement in tree.body:
        end = statement.end_lineno - first_line  # the statement's last line, in ``lines``
        value_shown = SHOWN.search(lines[end])
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            if isinstance(statement, ast.Expr):
                value = eval(compile(ast.Expression(statement.value), page, "eval"), namespace)
            else:
                assert value_shown is None, f"{page}:{statement.lineno}: '# ->' after a statement"
                exec(compile(ast.Module([statement], type_ignores=[]), page, "exec"), namespace)
                value = None
        if value_shown is not None:
            expected = ast.literal_eval(value_shown.group(1))
            assert value == expected, (
                f"{page}:{statement.lineno}: the page shows {expected!r}, the code gives {value!r}"
            )
            checked += 1
        output = shown_after(lines, end + 1)
        if output is not None:
            got = normalise(printed.getvalue() + displayed(value))
            matches = got.startswith(output[:-1]) if output.endswith("…") else got == output
            assert matches, (
                f"{page}:{statement.lineno}: the page shows the output\n{output}\n"
                f"the code gives\n{got}"
            )
            checked += 1
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
    assert checked >= 60, f"only {checked} values and outputs shown on the page were checked"
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


def test_an_output_shown_wrongly_fails() -> None:
    printed = "```python\nprint('a long line', 'wrapped')\n# a long line\n#   wrapped\n```\n"
    assert run_page(printed) == 1
    assert run_page("```python\nprint('one', 'two', 'three')\n# one two …\n```\n") == 1
    with pytest.raises(AssertionError, match=re.escape("page.md:2: the page shows the output")):
        run_page("```python\nprint('one', 'two')\n# one three\n```\n", page="page.md")
    table = "```python\nimport polars as pl\npl.DataFrame({'a': [1]})\n# shape: (1, 1)\n```\n"
    with pytest.raises(AssertionError, match="the code gives"):
        run_page(table)
