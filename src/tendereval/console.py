"""Plain-text output for the terminal: problems grouped by file, the plan's weights.

Kept free of heavy imports so every command can use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from tendereval.errors import SHOWN_ON_A_TERMINAL, line_room
from tendereval.scoring.common import as_written
from tendereval.terminal import printable
from tendereval.wording import counted

if TYPE_CHECKING:
    from tendereval.errors import Problem
    from tendereval.plan import Plan


def format_problems(problems: Iterable[Problem], *, abridged: bool = True) -> list[str]:
    """Problems grouped by file (in the order files were first seen), one line each:
    ``file — 1 error, 2 warnings`` then ``  sheet › cell: error: what was found…``. The one
    way every command shows problems. ``abridged``: many alike are shown at their first few
    places and counted (``validate --json`` lists every one); False where nothing else lists
    them (the problems ``init --from-notice`` found reading a notice)."""
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
        lines += _file_lines(items, abridged)
    return lines


# The same problem (the same words, found and expected) in more places of one file than this
# is shown this many times, then counted with its other places: 14,888 rows of a CSV with an
# uplift written 0.03 were 14,888 identical lines. `validate --json` lists every one.
ALIKE_SHOWN = 3
PLACES_LISTED = 8
# More problems of one kind (one code) than this in a file, each in its own words (a rate far
# above the lot's value, with its own figures, in 15,000 rows), are shown the same way.
KIND_SHOWN_UP_TO = 20


def _file_lines(items: list[Problem], abridged: bool = True) -> list[str]:
    """One file's problems in the order they were found, one line each. A problem found in
    more than ``ALIKE_SHOWN + 1`` places, or a kind of problem (its code) found more than
    :data:`KIND_SHOWN_UP_TO` times, is shown at its first :data:`ALIKE_SHOWN` places, then one
    line counts the others and names the first of them."""
    per_code: dict[tuple[bool, str], int] = {}
    for p in items:
        if p.code:
            per_code[p.is_error, p.code] = per_code.get((p.is_error, p.code), 0) + 1
    described = []
    for p in items:
        place = printable(" › ".join(part for part in (p.sheet, p.cell) if part))
        many = p.code and per_code[p.is_error, p.code] > KIND_SHOWN_UP_TO
        # Alike in every character (the line of each is then the same); only the lines shown
        # are worked out (a long one takes a while: errors.Problem.describe).
        kind = (p.is_error, "code", p.code) if many else (p.is_error, "text", p.describe())
        described.append((place, p, kind))
    places: dict[tuple[bool, str, str], list[str]] = {}
    for place, _, kind in described:
        places.setdefault(kind, []).append(place)
    lines: list[str] = []
    shown: dict[tuple[bool, str, str], int] = {}
    for place, problem, kind in described:
        count = shown[kind] = shown.get(kind, 0) + 1
        every = places[kind]
        if abridged and len(every) > ALIKE_SHOWN + 1 and count > ALIKE_SHOWN:
            continue
        is_error, by, code = kind
        label = "error" if is_error else "warning"
        # The line is at most terminal.LINE_SHOWN_UP_TO characters, its place whole.
        prefix = f"  {place + ': ' if place else ''}{label}: "
        lines.append(prefix + problem.describe(SHOWN_ON_A_TERMINAL, room=line_room(prefix)))
        if abridged and len(every) > ALIKE_SHOWN + 1 and count == ALIKE_SHOWN:
            rest = every[ALIKE_SHOWN:]
            listed = [p for p in rest[:PLACES_LISTED] if p]
            # Places hold commas ("row 7, column uplift"): a semicolon between them.
            at = f", at {'; '.join(listed)}" if listed else ""
            at += "; …" if listed and len(rest) > PLACES_LISTED else ""
            what = (
                f"the same {label} {counted(len(rest), 'more time')}"
                if by == "text"
                else f"{counted(len(rest), f'more {label}')} of this kind ({code})"
            )
            lines.append(f"  … and {what}{at} (`tendereval validate --json FILE` lists every one)")
    return lines


def echo_problems(
    problems: Sequence[Problem],
    *,
    heading: str | None = None,
    err: bool = True,
    abridged: bool = True,
    errors_only: bool = False,
) -> None:
    """Print problems (to stderr unless ``err`` is False): ``heading`` with the counts, the
    problems grouped by file, and a closing count when there is no heading. With
    ``errors_only`` the warnings are counted but not listed, and the count says so (a
    heading of "no warnings" over inputs that have some contradicted ``score``'s)."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors_only:
        problems = [p for p in problems if p.is_error]
    if not problems:
        return
    counts = f"{_plural(errors, 'error') or 'no errors'}, " + (
        f"{_plural(warnings, 'warning')} not listed here (`tendereval score` lists every problem)"
        if errors_only and warnings
        else _plural(warnings, "warning") or "no warnings"
    )
    if heading:
        click.echo(f"\n{heading} ({counts}):", err=err)
    for line in format_problems(problems, abridged=abridged):
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
