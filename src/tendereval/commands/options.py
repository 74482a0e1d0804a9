"""Options shared by more than one command, declared once so they read the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


def solver_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--solver cbc|highs`` and ``--time-limit SECONDS`` for commands that run the optimiser."""
    command = click.option(
        "--time-limit",
        type=click.FloatRange(min=0, min_open=True),
        metavar="SECONDS",
        help="Longest any one solver run may take; a stopped run reports 'feasible' "
        "with its gap, never 'optimal'.",
    )(command)
    return click.option(
        "--solver",
        type=click.Choice(["cbc", "highs"]),
        default="cbc",
        show_default=True,
        help="CBC comes with PuLP; HiGHS needs the highspy package.",
    )(command)
