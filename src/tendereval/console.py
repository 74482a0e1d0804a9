"""Plain-text output for the terminal: problems grouped by file, the plan's weights.

Kept free of heavy imports so every command can use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from tendereval.scoring.common import as_written
from tendereval.terminal import printable
from tendereval.wording import counted

if TYPE_CHECKING:
    from tendereval.errors import Problem
    from tendereval.plan import Plan


def format_problems(problems: Iterable[Problem]) -> list[str]:
    """Problems grouped by file (in the order files were first seen), one line each:
    ``file — 1 error, 2 warnings`` then ``  sheet › cell: error: what was found…``. The one
    way every command shows problems."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.file or "(general)", []).append(problem)
    lines: list[str] = []
    for file, items in grouped.items():
        errors = sum(p.is_error for p in items)
        warnings = len(items) - errors
        counts = ", ".join(
            part for part in (_plural(errors, "error"), _plural(warnings, "warning")) if part
        )
        lines.append(f"{printable(file)} — {counts}")
        for problem in items:
            place = printable(" › ".join(part for part in (problem.sheet, problem.cell) if part))
            label = "error" if problem.is_error else "warning"
            text = printable(problem.describe())
            lines.append(f"  {place + ': ' if place else ''}{label}: {text}")
    return lines


def echo_problems(
    problems: Sequence[Problem], *, heading: str | None = None, err: bool = True
) -> None:
    """Print problems (to stderr unless ``err`` is False): ``heading`` with the counts, the
    problems grouped by file, and a closing count when there is no heading."""
    if not problems:
        return
    errors = sum(p.is_error for p in problems)
    counts = (
        f"{_plural(errors, 'error') or 'no errors'}, "
        f"{_plural(len(problems) - errors, 'warning') or 'no warnings'}"
    )
    if heading:
        click.echo(f"\n{heading} ({counts}):", err=err)
    for line in format_problems(problems):
        click.echo(line, err=err)
    if not heading:
        click.echo(f"\n{counts}.", err=err)


def exit_code(problems: Iterable[Problem]) -> int:
    """1 when any problem is an error, else 0 (the README's exit codes)."""
    return 1 if any(p.is_error for p in problems) else 0


def format_weights(plan: Plan) -> list[str]:
    """The criteria tree with each criterion's stated weight and effective points of 100."""
    lines = ["Criterion                                   stated            points of 100"]
    for row in plan.weights_table():
        depth = 0 if not row["parent"] else 2 + 2 * _depth(plan, row["criterion"])
        title = (" " * depth + printable(f"{row['criterion']} {row['title']}"))[:42]
        stated = f"{as_written(row['stated_weight'])} {row['weight_basis']}"
        lines.append(f"{title:<43} {stated:<17} {row['effective_weight']:>8.2f}")
    total = sum(c.effective_weight for c in plan.leaves)
    lines.append(f"{'Total':<61} {total:>8.2f}")
    return lines


def _depth(plan: Plan, criterion_id: str) -> int:
    parents = {c.id: c.parent for c in plan.walk()}
    depth, node = 0, parents.get(criterion_id)
    while node and parents.get(node):
        depth += 1
        node = parents.get(node)
    return depth


def _plural(count: int, word: str) -> str:
    return counted(count, word) if count else ""
