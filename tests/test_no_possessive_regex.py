"""No regular expression in tendereval uses a possessive quantifier (``*+``, ``++``, ``?+``,
``{m,n}+``) or an atomic group (``(?>…)``).

pyproject allows any Python from 3.11, and CPython 3.11.0 to 3.11.4 (Debian 12's python3 is
3.11.2) match them wrongly: gh-106052 and gh-100061, fixed in 3.11.5 (August 2023). There the
styles.xml reader (io/scan.py) dropped the first letter of every attribute name, so every
number format read as General, "2.5%" typed in a % cell read as 0.025 and was refused as
ambiguous, and every bid of the carers example was invalid. The grammar is kept linear without
them (io/scan.py's docstring says why; tests/io/test_scan*.py time it on hostile parts).
"""

from __future__ import annotations

import ast
import importlib
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path
from re import _constants as sre_constants  # the parser re itself uses (Python 3.11+)
from re import _parser as sre_parse

import pytest

import tendereval

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "tendereval"
REFUSED = {sre_constants.POSSESSIVE_REPEAT, sre_constants.ATOMIC_GROUP}


def _refused_in(parsed: object) -> list[str]:
    """The possessive repeats and atomic groups anywhere in a parsed pattern."""
    found = []
    for op, argument in parsed:  # type: ignore[attr-defined]
        if op in REFUSED:
            found.append(str(op))
        for part in argument if isinstance(argument, tuple | list) else (argument,):
            if isinstance(part, sre_parse.SubPattern):
                found += _refused_in(part)
            elif isinstance(part, tuple | list):
                found += [
                    f for p in part if isinstance(p, sre_parse.SubPattern) for f in _refused_in(p)
                ]
    return found


def _refused(pattern: str | bytes, flags: int = 0) -> list[str]:
    return _refused_in(sre_parse.parse(pattern, flags))


def test_the_check_finds_possessive_quantifiers_and_atomic_groups() -> None:
    for pattern in (r"[ ]++a", r"(?:a|b)*+", r"x?+", r"[0-9]{1,3}+", r"(?>ab|a)c", rb"(x(?>y))"):
        assert _refused(pattern), pattern
    assert not _refused(r'[ ]+(?:([A-Za-z_]*):)?([A-Za-z_]*)="([^"]*)"')


def _modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(tendereval.__path__, "tendereval.")
        if not info.name.endswith("__main__")
    ]


def test_no_compiled_pattern_in_the_package_is_possessive_or_atomic() -> None:
    found = {}
    for name in _modules():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, re.Pattern) and _refused(value.pattern, value.flags):
                found[f"{name}.{attribute}"] = value.pattern
    assert not found


def _literal_patterns(tree: ast.AST) -> list[str | bytes]:
    """The literal first argument of every re.<function>(…) call."""
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str | bytes)
    ]


def test_no_pattern_written_in_a_call_is_possessive_or_atomic() -> None:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for pattern in _literal_patterns(ast.parse(path.read_text(encoding="utf-8"))):
            if _refused(pattern):
                found.append((path.relative_to(ROOT).as_posix(), pattern))
    assert not found


def _old_python_311() -> str | None:
    """Debian's /usr/bin/python3.11 when it is one of the releases with the bug."""
    python = shutil.which("python3.11", path="/usr/bin")
    if python is None:
        return None
    version = subprocess.run(
        [python, "-c", "import sys; print(*sys.version_info[:3])"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    return (
        python
        if len(version) == 3 and (3, 11, 0) <= tuple(map(int, version)) < (3, 11, 5)
        else None
    )


def _score(python: str, tender: Path) -> subprocess.CompletedProcess[str]:
    # The same tendereval source and the same installed packages, another interpreter.
    packages = [p for p in sys.path if p.endswith("site-packages")]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *packages])}
    return subprocess.run(
        [python, "-m", "tendereval", "score", str(tender), "--no-report", "--no-sensitivity"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


@pytest.mark.skipif(_old_python_311() is None, reason="no /usr/bin/python3.11 older than 3.11.5")
def test_the_carers_example_scores_the_same_on_python_3_11_before_the_fix(tmp_path: Path) -> None:
    tender = tmp_path / "carers"
    shutil.copytree(ROOT / "examples" / "carers-short-breaks", tender)
    old = _score(_old_python_311(), tender)  # type: ignore[arg-type]
    here = _score(sys.executable, tender)
    assert here.returncode == 0, here.stderr
    assert (old.returncode, old.stdout) == (here.returncode, here.stdout)
    assert "Proposed award: Weald Carers Trust" in old.stdout
