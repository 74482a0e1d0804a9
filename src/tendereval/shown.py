"""What a notebook shows for the objects the library returns: a few lines saying what each is
(the tender, each table's size, how many problems and errors), not the dataclass's own repr,
which wrote out every frame, problem and nested plan (tens of thousands of characters for the
examples, and more with every bid and problem).

A class opts in with ``def __repr__(self): return brief(self)``; ``shown`` gives a field its
own short form (the award's lots as lot → supplier).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from pathlib import PurePath
from typing import Any

import polars as pl

from tendereval import terminal
from tendereval.wording import counted

TEXT = 80  # characters of a text, a path or another value before it is cut
ITEMS = 3  # a list this long or shorter is written out when its items are short


def brief(obj: Any, **shown: str) -> str:
    """``Class(field=short form, …)`` over the dataclass fields ``repr`` shows."""
    values = vars(obj)
    parts = []
    for spec in fields(obj):
        if not spec.repr:
            continue
        if spec.name in shown:
            parts.append(f"{spec.name}={shown[spec.name]}")
            continue
        # A field made when first read (ScoreResult's long listings) is kept under _name:
        # showing the object must not make it.
        value = values.get(spec.name, values.get(f"_{spec.name}"))
        parts.append(f"{spec.name}={short(value)}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def short(value: Any) -> str:
    """One value's short form: a frame's size, a list's length, a plan's tender."""
    from tendereval.errors import Problem
    from tendereval.plan import Plan

    if isinstance(value, pl.DataFrame):
        return f"<frame: {counted(value.height, 'row')} × {counted(value.width, 'column')}>"
    if isinstance(value, Plan):
        return f"Plan({cut(repr(value.tender_id))}, {cut(repr(value.title))})"
    if isinstance(value, (list, tuple)) and value and all(isinstance(p, Problem) for p in value):
        errors = sum(1 for p in value if p.is_error)
        return f"<{counted(len(value), 'problem')}, {counted(errors, 'error')}>"
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        text = repr(value)
        if len(value) <= ITEMS and len(text) <= TEXT:
            return text
        kind = "entries" if isinstance(value, dict) else "items"
        return f"<{len(value):,} {kind}>"
    if isinstance(value, PurePath):
        return cut(repr(str(value)))
    if is_dataclass(value) and not isinstance(value, type):
        return f"{type(value).__name__}(…)"
    if callable(value):
        return "<made when first read>"
    return cut(repr(value))


def cut(text: str, limit: int = TEXT) -> str:
    return terminal.cut(text, limit)
